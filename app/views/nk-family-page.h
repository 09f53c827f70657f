/* nk-family-page.h — a guardian's chooser: their children as big toggle
 * tiles, one confirm; untouched for chooser-seconds it cancels. */
#pragma once

#include <gtk/gtk.h>

#include "core/nk-attendance.h"
#include "nk-classroom-offer.h"
#include "nk-family-tile.h"

G_BEGIN_DECLS

#define NK_TYPE_FAMILY_PAGE (nk_family_page_get_type ())
G_DECLARE_FINAL_TYPE (NkFamilyPage, nk_family_page, NK, FAMILY_PAGE, GtkWidget)

GtkWidget    *nk_family_page_new             (void);
/* Shows the guardian's children (family: an NK_TAP_FAMILY result) and
 * starts the timer.  "confirmed" (guardian id, child ids) or "cancelled"
 * follows. */
void          nk_family_page_show            (NkFamilyPage *self, NkTapResult *family);
/* Stops the timer and forgets the family (the door moved on). */
void          nk_family_page_reset           (NkFamilyPage *self);
/* Restarts the untouched timer (a touch, the same card again). */
void          nk_family_page_touch           (NkFamilyPage *self);
/* The card that opened the chooser (NULL when none is open). */
const char   *nk_family_page_get_uid         (NkFamilyPage *self);
const char   *nk_family_page_get_guardian_id (NkFamilyPage *self);
/* The family's notes shown (nk-door-notes.h), in order. */
guint         nk_family_page_get_n_notes     (NkFamilyPage *self);
const char   *nk_family_page_get_note_text   (NkFamilyPage *self, guint n);
/* The classroom offer under the tiles. */
NkClassroomOffer *nk_family_page_get_offer   (NkFamilyPage *self);
guint         nk_family_page_get_n_tiles     (NkFamilyPage *self);
NkFamilyTile *nk_family_page_get_tile        (NkFamilyPage *self, guint n);

G_END_DECLS
