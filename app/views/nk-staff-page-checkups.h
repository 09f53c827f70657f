/* nk-staff-page-checkups.h — check-ups in staff mode: the actions
 * "checkups.open", "checkups.child" (a child's id), "checkups.record" (a
 * child's id) and "checkups.saved", and their pages in the staff page's
 * inner stack ("checkups", "checkup-record", "checkup-form"). */
#pragma once

#include "nk-staff-page.h"

G_BEGIN_DECLS

void nk_staff_page_checkups_class_init (GtkWidgetClass *widget_class);
void nk_staff_page_checkups_init       (NkStaffPage *self);

G_END_DECLS
