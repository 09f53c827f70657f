/* nk-staff-page-absence.h — "Absent today" in staff mode: the actions
 * "absence.open", "absence.child" (a child's id) and "absence.saved" (a
 * child's id), and their pages in the staff page's inner stack
 * ("absence", "absence-form"). */
#pragma once

#include "nk-staff-page.h"

G_BEGIN_DECLS

void nk_staff_page_absence_class_init (GtkWidgetClass *widget_class);
void nk_staff_page_absence_init       (NkStaffPage *self);

G_END_DECLS
