/* nk-allergen-page.h — staff mode's two lists of allergens:
 *
 *   NK_ALLERGEN_VIEW_TODAY    "Allergens on today's menu": the children
 *                             here whose menu today holds one of their
 *                             allergens, with the dish, and per dish the
 *                             substitute to confirm (nk-menu-today.h);
 *   NK_ALLERGEN_VIEW_CONFIRM  "Allergies to confirm": the children whose
 *                             free-text allergies could not all be mapped
 *                             to the GB 7718 groups; staff pick the groups
 *                             and confirm (nk-menu-allergy.h).
 *
 * It records through the core as the staff member of the staff page it
 * sits in, reads its list again whenever the store changes, and forgets
 * it when closed (no child data behind the lock). */
#pragma once

#include <gtk/gtk.h>

#include "core/nk-door.h"

G_BEGIN_DECLS

typedef enum {
  NK_ALLERGEN_VIEW_TODAY,
  NK_ALLERGEN_VIEW_CONFIRM,
} NkAllergenView;

#define NK_TYPE_ALLERGEN_PAGE (nk_allergen_page_get_type ())
G_DECLARE_FINAL_TYPE (NkAllergenPage, nk_allergen_page, NK, ALLERGEN_PAGE, GtkWidget)

GtkWidget  *nk_allergen_page_new   (void);
/* Shows view for staff_id at door; room_id: the room listed today (NULL:
 * every room). */
void        nk_allergen_page_open  (NkAllergenPage *self, NkDoor *door, const char *staff_id,
                                    NkAllergenView view, const char *room_id);
void        nk_allergen_page_close (NkAllergenPage *self);

/* For tests: the rows listed, and what the last action came to. */
guint       nk_allergen_page_get_n_rows   (NkAllergenPage *self);
const char *nk_allergen_page_get_message  (NkAllergenPage *self);

G_END_DECLS
