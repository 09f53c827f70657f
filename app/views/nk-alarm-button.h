/* nk-alarm-button.h — the one-key alarm's control (一键报警): press and
 * hold it 3 seconds to raise the alarm; a bar fills while it is held and
 * letting go before it is full raises nothing.  A keyboard or a screen
 * reader, which cannot hold it, activates it instead: that opens a small
 * confirm ("Raise the alarm now?") whose button raises it.
 *
 * It records nothing itself: it emits "raise" and its owner (the staff
 * page, the director's dashboard) calls nk_alarm_raise () with who is
 * there.  Put one on any staff screen with nk_alarm_button_new (). */
#pragma once

#include <gtk/gtk.h>

#include "core/nk-centre.h"

G_BEGIN_DECLS

#define NK_ALARM_BUTTON_HOLD_MS 3000

#define NK_TYPE_ALARM_BUTTON (nk_alarm_button_get_type ())
G_DECLARE_FINAL_TYPE (NkAlarmButton, nk_alarm_button, NK, ALARM_BUTTON, GtkWidget)

/* centre (may be NULL: the system's monotonic clock) gives the clock the
 * hold is timed on, so a test can hold it on a fake clock. */
GtkWidget *nk_alarm_button_new        (NkCentre *centre);
void       nk_alarm_button_set_centre (NkAlarmButton *self, NkCentre *centre);

/* What the press gesture calls (and a test may): the finger is down,
 * the finger is up (or the press was taken away). */
void       nk_alarm_button_begin_hold (NkAlarmButton *self);
void       nk_alarm_button_end_hold   (NkAlarmButton *self);
/* How far the bar is filled, 0 – 1 (0 when not held). */
double     nk_alarm_button_get_fraction (NkAlarmButton *self);
/* Whether the confirm (keyboard, screen reader) is open. */
gboolean   nk_alarm_button_get_confirm_shown (NkAlarmButton *self);
/* The confirm's "Raise the alarm" (as its button does). */
void       nk_alarm_button_confirm    (NkAlarmButton *self);

/* signal "raise" (): held the whole time, or confirmed. */

G_END_DECLS
