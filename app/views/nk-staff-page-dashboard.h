/* nk-staff-page-dashboard.h — the director's "Today" (今日概览) in staff
 * mode: its page in the staff page's inner stack ("dashboard"), where the
 * director's card or PIN lands (caregivers and health staff land on the
 * rooms as before); the tool "Today" and the action "dashboard.open"
 * come back to it, "dashboard.overview" goes to the rooms overview. */
#pragma once

#include "nk-staff-page.h"

G_BEGIN_DECLS

void nk_staff_page_dashboard_class_init (GtkWidgetClass *widget_class);
void nk_staff_page_dashboard_init       (NkStaffPage *self);
/* After staff mode opened for role: the director lands on the dashboard. */
void nk_staff_page_dashboard_land       (NkStaffPage *self, NkStaffRole role);

G_END_DECLS
