/* nk-sleep-watch.h — the kiosk's eye on the napping children: which
 * sleep check is due, which is overdue (nk-sleep-check.h).
 *
 * It follows the store (changed::nap, changed::sleep_check, attendance
 * and roster), keeps for each napping child of a room with checks the
 * moment the next check is due (the last check, or the nap's start, plus
 * the interval) and sleeps in ONE GSource until the next such moment (or
 * the moment a check becomes overdue), never polling.  The source is
 * re-armed after at most a minute, so a wall clock set forward is
 * noticed within that minute.  One per kiosk.  It first looks from the
 * main loop after it is made (or at the first nk_sleep_watch_update ()),
 * so the signals of checks already due reach whoever connected to them. */
#pragma once

#include <glib-object.h>

#include "nk-centre.h"
#include "nk-sleep-check.h"
#include "nk-store.h"

G_BEGIN_DECLS

#define NK_TYPE_SLEEP_WATCH (nk_sleep_watch_get_type ())
G_DECLARE_FINAL_TYPE (NkSleepWatch, nk_sleep_watch, NK, SLEEP_WATCH, GObject)

NkSleepWatch *nk_sleep_watch_new          (NkStore *store, NkCentre *centre);
NkStore      *nk_sleep_watch_get_store    (NkSleepWatch *self);
NkCentre     *nk_sleep_watch_get_centre   (NkSleepWatch *self);

/* The napping children with checks, by due time (NkSleepDue*, borrowed,
 * valid until the next "updated"). */
GPtrArray    *nk_sleep_watch_get_children (NkSleepWatch *self);
guint         nk_sleep_watch_count        (NkSleepWatch *self, NkSleepState state);
/* The names of the rooms with a check due or overdue (at least state),
 * for the door screen, which names no child. */
GStrv         nk_sleep_watch_rooms        (NkSleepWatch *self, NkSleepState at_least);
/* The wall time (UTC µs) of the next moment something comes due, 0 none. */
gint64        nk_sleep_watch_get_wake_us  (NkSleepWatch *self);
/* Looks again now (the timer and the store's signals call it). */
void          nk_sleep_watch_update       (NkSleepWatch *self);

/* signal "due" (GStrv child ids): these children's checks just came due.
 * signal "overdue" (GStrv child ids): these checks are more than one
 *   interval overdue; once per gap, and the escalation is recorded
 *   (sleep_check.overdue, actor system).
 * signal "updated": the list or a state in it changed. */

G_END_DECLS
