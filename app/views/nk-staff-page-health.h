/* nk-staff-page-health.h — the health check, observation and medicine
 * forms in staff mode: the actions "care.health-check",
 * "care.observation" and "care.medicine" (parameter "s", a child's id)
 * that any button of staff mode can name, and their pages in the staff
 * page's inner stack. */
#pragma once

#include "nk-staff-page.h"

G_BEGIN_DECLS

void nk_staff_page_health_class_init (GtkWidgetClass *widget_class);
void nk_staff_page_health_init       (NkStaffPage *self);

G_END_DECLS
