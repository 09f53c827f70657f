/* nk-staff-page-classroom.h — the director's "Mommy Classroom" tool of
 * staff mode ("classroom.open"). */
#pragma once

#include "nk-staff-page.h"

G_BEGIN_DECLS

void nk_staff_page_classroom_class_init (GtkWidgetClass *widget_class);
void nk_staff_page_classroom_init       (NkStaffPage *self);

G_END_DECLS
