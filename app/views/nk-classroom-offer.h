/* nk-classroom-offer.h — the classroom session offered on a guardian's
 * chooser: a compact card with one big button to sign up (or to join the
 * waiting list when no seat is left).  It loads after the chooser is on
 * screen, so it never holds up the check-in, and records the sign-up
 * itself (nk_classroom_sign_up); the chooser's choice is not its
 * business. */
#pragma once

#include <gtk/gtk.h>

#include "core/nk-door.h"

G_BEGIN_DECLS

#define NK_TYPE_CLASSROOM_OFFER (nk_classroom_offer_get_type ())
G_DECLARE_FINAL_TYPE (NkClassroomOffer, nk_classroom_offer, NK, CLASSROOM_OFFER, GtkWidget)

/* Looks for the session to offer guardian_id (from an idle callback) and
 * shows it; hidden while there is none. */
void        nk_classroom_offer_show        (NkClassroomOffer *self, const char *guardian_id);
/* Hides the card and forgets the guardian. */
void        nk_classroom_offer_clear       (NkClassroomOffer *self);
/* TRUE while the session to offer is still to be looked for. */
gboolean    nk_classroom_offer_get_pending (NkClassroomOffer *self);
/* The session on the card, or NULL. */
const char *nk_classroom_offer_get_session_id (NkClassroomOffer *self);
/* The button's words ("Sign up", "Join the waiting list"), or NULL when
 * the touch is done; what it came to, or NULL before. */
const char *nk_classroom_offer_get_button_text (NkClassroomOffer *self);
const char *nk_classroom_offer_get_status_text (NkClassroomOffer *self);
/* "3 seats left", "Full: …", or "" when not known. */
const char *nk_classroom_offer_get_seats_text (NkClassroomOffer *self);

G_END_DECLS
