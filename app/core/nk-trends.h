/* nk-trends.h — the figures of the director's "Trends" (趋势) pictures:
 * arrivals and departures today by quarter hour, attendance rate per room
 * over the last 30 days, place utilisation per month over the last 12
 * against the centre's target (kiosk.utilisation-target).  No GTK.
 * Today is one indexed read of two days' rows; the rates one pass over the
 * 30 days' rows (and the roster); the utilisation each month's own report,
 * a closed month's figures kept on the store while its rows (counted from
 * the date index) and the rooms' places are the same.  On the 2,000-child
 * centre a year of months takes seconds the first time, half a second
 * after (tests/bench/bench-trends.c): call them from a worker thread with
 * a connection of its own (nk-trends-page.c does).
 *
 * ## How they are counted
 *
 *   - Today by quarter hour: every check-in row (an arrival) and check-out
 *     row (a departure) whose time falls in today in the centre's time
 *     zone, binned by the wall-clock time it shows there (08:00–08:14 is
 *     quarter 32).  A stay begun yesterday evening and ended after
 *     midnight gives today a departure only.  On a day the clocks go back
 *     the hour lived twice shares its quarters; on a day they go forward
 *     the hour skipped stays empty.  "Not checked out" closures are no
 *     departure.
 *   - Attendance rate per room: on each day the centre was open (a day
 *     with a check-in, as the monthly reports count it) of the 30 days
 *     before today, the children present in the room (a day present and
 *     its room as nk-report.h counts them) over the children enrolled in
 *     it that day.  A child is enrolled from their first day present (the
 *     absence rule's "has come before": the roster holds children before
 *     they start); a child no longer active up to their last day present.
 *     Their room on a day away is the room of their last day present
 *     before it, or, after their last day present, their room on the
 *     roster (where the absence list expects them).  Rooms of the roster,
 *     by name; a room with no child enrolled has no rate.
 *   - Utilisation per month: the monthly utilisation report's centre
 *     total (nk_report_utilisation_between: child-days present ÷ places ×
 *     days open) for each of the 11 months before this one and this month
 *     so far.  A month with no day open has no figure. */
#pragma once

#include <glib.h>

#include "nk-centre.h"
#include "nk-store.h"

G_BEGIN_DECLS

#define NK_TRENDS_QUARTERS  96   /* quarter hours of a day, by the clock */
#define NK_TRENDS_RATE_DAYS 30
#define NK_TRENDS_MONTHS    12

/* kiosk.utilisation-target: the default, and the range the configuration takes */
#define NK_TRENDS_TARGET_DEFAULT 80
#define NK_TRENDS_TARGET_MIN     1
#define NK_TRENDS_TARGET_MAX     100

void  nk_trends_set_target (guint percent);
guint nk_trends_get_target (void);

/* ---- today by quarter hour ---------------------------------------------------- */

typedef struct {
  char  date[11];                          /* today, YYYY-MM-DD */
  guint arrivals[NK_TRENDS_QUARTERS];
  guint departures[NK_TRENDS_QUARTERS];
  guint n_arrivals;
  guint n_departures;
} NkTrendsToday;

/* Today (at now_us) in centre's time zone.  FALSE with error when the
 * store fails. */
gboolean nk_trends_today (NkStore *store, NkCentre *centre, gint64 now_us, NkTrendsToday *out, GError **error);

/* The quarter with the most of counts (the first of equals), or -1 when
 * all are 0. */
int nk_trends_busiest (const guint *counts);

/* ---- attendance rate per room ------------------------------------------------- */

typedef struct {
  char  date[11];
  guint present;
  guint enrolled;
} NkTrendsRateDay;

typedef struct {
  char   *room_id;
  char   *room_name;
  GArray *days;        /* NkTrendsRateDay, one per open day of the window, by date */
  guint   present;     /* summed over the days */
  guint   enrolled;
} NkTrendsRoom;

typedef struct {
  char       first[11];   /* the window: today − 30 … today − 1 */
  char       last[11];
  GPtrArray *dates;       /* char *: the open days, by date */
  GPtrArray *rooms;       /* NkTrendsRoom, by name */
} NkTrendsRates;

void nk_trends_rates_free (NkTrendsRates *rates);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NkTrendsRates, nk_trends_rates_free)

/* The rates of the 30 days before today (at now_us).  NULL with error when
 * the store fails. */
NkTrendsRates *nk_trends_rates (NkStore *store, NkCentre *centre, gint64 now_us, GError **error);

/* part ÷ whole in whole percent, rounded; -1 when whole is 0. */
int nk_trends_percent (guint part, guint whole);

/* ---- utilisation per month ---------------------------------------------------- */

typedef struct {
  int   year;
  int   month;           /* 1–12 */
  guint present;         /* child-days */
  guint place_days;
  guint open_days;
} NkTrendsMonth;

typedef struct {
  NkTrendsMonth months[NK_TRENDS_MONTHS];   /* oldest first; the last is this month so far */
  guint         target;                     /* percent, nk_trends_get_target () when read */
} NkTrendsUtilisation;

/* The 12 months up to today's (at now_us).  FALSE with error when the store
 * fails. */
gboolean nk_trends_utilisation (NkStore *store, NkCentre *centre, gint64 now_us, NkTrendsUtilisation *out,
                                GError **error);

G_END_DECLS
