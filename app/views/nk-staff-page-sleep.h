/* nk-staff-page-sleep.h — naps and sleep checks in staff mode: the
 * actions "care.nap" ("s" child id: starts the child's nap, or ends the
 * one going on) and "care.sleep-checks" ("s" room id: the room's sleep
 * checks, NkSleepPage), and the page "sleep" of the inner stack. */
#pragma once

#include "nk-staff-page.h"

G_BEGIN_DECLS

void nk_staff_page_sleep_class_init (GtkWidgetClass *widget_class);
void nk_staff_page_sleep_init       (NkStaffPage *self);
/* Staff mode's status line, where a nap's outcome is said; for tests. */
const char *nk_staff_page_sleep_get_status (NkStaffPage *self);
/* The page "sleep", for tests. */
GtkWidget *nk_staff_page_get_sleep_page (NkStaffPage *self);

G_END_DECLS
