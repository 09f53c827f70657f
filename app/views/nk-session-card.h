/* nk-session-card.h — the next Mommy Classroom session on the idle
 * screen's information panel (nk-info-panel.h): title, when, where,
 * seats left and a QR code to sign up on a phone.  No guardian's data:
 * the session as the platform describes it to every family. */
#pragma once

#include <gtk/gtk.h>

#include "core/nk-classroom.h"

G_BEGIN_DECLS

#define NK_TYPE_SESSION_CARD (nk_session_card_get_type ())
G_DECLARE_FINAL_TYPE (NkSessionCard, nk_session_card, NK, SESSION_CARD, GtkWidget)

GtkWidget  *nk_session_card_new  (void);
/* Shows session (NULL: nothing), its times in tz. */
void        nk_session_card_show (NkSessionCard *self, const NkClassroomSession *session,
                                  GTimeZone *tz);
/* What the card says, one line per label, for tests and the screen
 * reader's description; "" when empty. */
const char *nk_session_card_get_text (NkSessionCard *self);
/* The QR code's text (the sign-up address), NULL when none is shown. */
const char *nk_session_card_get_qr_text (NkSessionCard *self);

G_END_DECLS
