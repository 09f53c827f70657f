/* nk-staff-page-alarm.h — the one-key alarm in staff mode: the hold
 * control (nk-alarm-button.h) in the staff header, always in sight on
 * every staff screen, which raises the alarm as the member of staff whose
 * staff mode is open. */
#pragma once

#include "nk-staff-page.h"

G_BEGIN_DECLS

void nk_staff_page_alarm_class_init (GtkWidgetClass *widget_class);
void nk_staff_page_alarm_set_door   (NkStaffPage *self, NkDoor *door);

G_END_DECLS
