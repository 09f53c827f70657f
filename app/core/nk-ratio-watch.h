/* nk-ratio-watch.h — the kiosk's eye on the rooms' ratios (nk-ratio.h).
 *
 * It reads the rooms (nk_attendance_list_rooms) on the store's changes
 * (attendance, staff clock, roster, ratio.breach, ratio.cleared) and
 * keeps, for each room that is red, the moment it went red on the
 * centre's monotonic clock (nk_centre_monotonic: injected in tests, deaf
 * to a wall clock set back or forward).  A room red for
 * ratio.breach-minutes raises a "ratio.breach" (nk_ratio_record_breach)
 * unless one is open for it; an open breach of a room that is no longer
 * red is cleared ("ratio.cleared").  Once each per episode: a room that
 * goes red again later is a new episode.  It sleeps in one GSource until
 * the next room would cross the limit, at most a minute.  One per kiosk;
 * it first looks from the main loop after it is made. */
#pragma once

#include <glib-object.h>

#include "nk-centre.h"
#include "nk-ratio.h"
#include "nk-store.h"

G_BEGIN_DECLS

#define NK_TYPE_RATIO_WATCH (nk_ratio_watch_get_type ())
G_DECLARE_FINAL_TYPE (NkRatioWatch, nk_ratio_watch, NK, RATIO_WATCH, GObject)

NkRatioWatch *nk_ratio_watch_new          (NkStore *store, NkCentre *centre);
NkCentre     *nk_ratio_watch_get_centre   (NkRatioWatch *self);
/* Looks again now (the timer and the store's signals call it). */
void          nk_ratio_watch_update       (NkRatioWatch *self);
/* The open breaches (NkRatioBreach*, borrowed, valid until the next
 * "changed"), oldest first: what the banner shows. */
GPtrArray    *nk_ratio_watch_get_breaches (NkRatioWatch *self);
/* How many rooms are red now (breach raised or not yet). */
guint         nk_ratio_watch_count_red    (NkRatioWatch *self);

/* signal "changed": the open breaches changed (one raised, here or by
 *   another door, or cleared).
 * signal "raised" (const char *breach_id): a breach came open that this
 *   watch had not seen: the window sounds NK_CUE_RATIO_BREACH. */

G_END_DECLS
