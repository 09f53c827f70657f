/* nk-staff-page-trends.h — "Trends" (趋势) in staff mode, for the
 * director: the action "trends.open" and its page in the staff page's
 * inner stack ("trends"). */
#pragma once

#include "nk-staff-page.h"

G_BEGIN_DECLS

void nk_staff_page_trends_class_init (GtkWidgetClass *widget_class);
void nk_staff_page_trends_init       (NkStaffPage *self);

G_END_DECLS
