/* nk-staff-page-allergens.h — allergens in staff mode: the actions
 * "allergens.today" (the children here whose menu today holds one of
 * their allergens, for every role) and "allergens.confirm" (the
 * children's allergies to confirm, for the director and the health
 * staff), their tools on the overview, and the page "allergens" of the
 * inner stack (NkAllergenPage). */
#pragma once

#include "nk-staff-page.h"

G_BEGIN_DECLS

void       nk_staff_page_allergens_class_init (GtkWidgetClass *widget_class);
void       nk_staff_page_allergens_init       (NkStaffPage *self);
/* The page "allergens", for tests. */
GtkWidget *nk_staff_page_get_allergen_page    (NkStaffPage *self);

G_END_DECLS
