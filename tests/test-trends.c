/* test-trends.c — the figures of the Trends pictures (nk-trends.h): today
 * by quarter hour at the quarters' edges, a stay across midnight, days the
 * clocks change; attendance rate per room (who is enrolled, a room with
 * no children, days not open); utilisation per month (a month with no
 * open day, the same figure as the monthly report, a closed month's
 * figures kept until a late row or new places, the target). */
#include "config.h"

#include "nk-test-util.h"

#include <stdio.h>
#include <string.h>

#include "core/nk-centre.h"
#include "core/nk-report.h"
#include "core/nk-roster.h"
#include "core/nk-store-private.h"
#include "core/nk-trends.h"
#include "core/nk-types.h"

typedef struct {
  char      *dir;
  NkStore   *store;
  GTimeZone *tz;
  NkCentre  *centre;
} Fixture;

static void
set_zone (Fixture *f, const char *zone)
{
  g_clear_pointer (&f->tz, g_time_zone_unref);
  g_clear_object (&f->centre);
  f->tz = g_time_zone_new_identifier (zone);
  g_assert_nonnull (f->tz);
  f->centre = nk_centre_new (f->tz);
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->store = nk_test_store_new ("trends", &f->dir);
  set_zone (f, "Asia/Shanghai");
  g_assert_true (nk_roster_put_room (f->store, "R1", "托小班", NK_ROOM_TODDLER, 4, &error));
  g_assert_true (nk_roster_put_room (f->store, "R2", "托大班", NK_ROOM_SENIOR_TODDLER, 2, &error));
  g_assert_true (nk_roster_put_room (f->store, "R3", "乳儿班", NK_ROOM_INFANT, 3, &error));
  g_assert_true (nk_roster_put_child (f->store, "C1", "王小明", "2024-03-14", "R1", NULL, NULL, &error));
  g_assert_true (nk_roster_put_child (f->store, "C2", "李乐乐", "2024-05-01", "R1", NULL, NULL, &error));
  g_assert_true (nk_roster_put_child (f->store, "C3", "张一一", "2024-08-02", "R1", NULL, NULL, &error));
  g_assert_true (nk_roster_put_child (f->store, "C4", "陈二二", "2023-08-02", "R2", NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  g_clear_object (&f->centre);
  g_clear_pointer (&f->tz, g_time_zone_unref);
  nk_test_dir_remove (f->dir);
  g_free (f->dir);
}

/* "2026-11-30 23:30" (or with ":SS") in the centre's zone, as UTC µs;
 * is_dst picks the first (TRUE) or second of a time the clocks go back over. */
static gint64
local_us (Fixture *f, const char *when)
{
  int year, month, day, hour, minute, second = 0;
  g_autoptr (GDateTime) dt = NULL;

  g_assert_cmpint (sscanf (when, "%d-%d-%d %d:%d:%d", &year, &month, &day, &hour, &minute, &second), >=, 5);
  dt = g_date_time_new (f->tz, year, month, day, hour, minute, second);
  return g_date_time_to_unix (dt) * G_USEC_PER_SEC;
}

/* An attendance row at at_us (UTC µs) with the local date of its time. */
static void
add_row_at (Fixture *f, const char *child, const char *kind, gint64 at_us, const char *room)
{
  g_autofree char *id = nk_uuid_new ();
  g_autofree char *date = nk_centre_local_date (f->centre, at_us);
  g_autoptr (GError) error = NULL;

  g_assert_true (nk_store_run (f->store,
                               "INSERT INTO attendance (id, child_id, kind, at_us, local_date, by_kind, device_id,"
                               " method, room_id) VALUES (:id, :child, :kind, :at_us, :date, 'child', 'test-device',"
                               " 'card', :room)",
                               "insert", &error, NK_TEXT (":id", id), NK_TEXT (":child", child),
                               NK_TEXT (":kind", kind), NK_INT (":at_us", at_us), NK_TEXT (":date", date),
                               NK_TEXT (":room", room), NK_END));
  g_assert_no_error (error);
}

static void
add_row (Fixture *f, const char *child, const char *kind, const char *when, const char *room)
{
  add_row_at (f, child, kind, local_us (f, when), room);
}

/* A day present: in at 08:30, out at 17:00. */
static void
add_day (Fixture *f, const char *child, const char *date, const char *room)
{
  g_autofree char *in = g_strdup_printf ("%s 08:30", date);
  g_autofree char *out = g_strdup_printf ("%s 17:00", date);

  add_row (f, child, "in", in, room);
  add_row (f, child, "out", out, room);
}

/* ---- today -------------------------------------------------------------------- */

#define Q(h, m) ((h) * 4 + (m) / 15)

static void
test_today_quarters (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  NkTrendsToday today;

  /* a stay across midnight: yesterday's check-in is not today's arrival */
  add_row (f, "C1", "in", "2026-11-19 22:00", "R1");
  add_row (f, "C1", "out", "2026-11-20 00:00", "R1");
  /* the quarters' edges */
  add_row (f, "C2", "in", "2026-11-20 07:59:59", "R1");
  add_row (f, "C3", "in", "2026-11-20 08:00", "R1");
  add_row (f, "C4", "in", "2026-11-20 08:14:59", "R2");
  add_row (f, "C2", "out", "2026-11-20 08:15", "R1");
  add_row (f, "C2", "in", "2026-11-20 23:59:59", "R1");
  /* closed as not checked out: no departure; tomorrow's rows: not today */
  add_row (f, "C3", "not_out", "2026-11-20 23:00", "R1");
  add_row (f, "C4", "out", "2026-11-21 00:00", "R2");

  g_assert_true (nk_trends_today (f->store, f->centre, local_us (f, "2026-11-20 12:00"), &today, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (today.date, ==, "2026-11-20");
  g_assert_cmpuint (today.n_arrivals, ==, 4);
  g_assert_cmpuint (today.n_departures, ==, 2);
  g_assert_cmpuint (today.arrivals[Q (7, 45)], ==, 1);
  g_assert_cmpuint (today.arrivals[Q (8, 0)], ==, 2);
  g_assert_cmpuint (today.arrivals[Q (8, 15)], ==, 0);
  g_assert_cmpuint (today.arrivals[Q (23, 45)], ==, 1);
  g_assert_cmpuint (today.arrivals[Q (22, 0)], ==, 0);
  g_assert_cmpuint (today.departures[Q (0, 0)], ==, 1);
  g_assert_cmpuint (today.departures[Q (8, 15)], ==, 1);
  g_assert_cmpuint (today.departures[Q (23, 0)], ==, 0);
  g_assert_cmpint (nk_trends_busiest (today.arrivals), ==, Q (8, 0));
  g_assert_cmpint (nk_trends_busiest (today.departures), ==, Q (0, 0));

  /* the next day, the stay begun before midnight is yesterday's */
  g_assert_true (nk_trends_today (f->store, f->centre, local_us (f, "2026-11-21 09:00"), &today, &error));
  g_assert_cmpuint (today.n_arrivals, ==, 0);
  g_assert_cmpuint (today.n_departures, ==, 1);
  g_assert_cmpuint (today.departures[0], ==, 1);
  g_assert_cmpint (nk_trends_busiest (today.arrivals), ==, -1);
}

static void
test_today_clock_change (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  NkTrendsToday today;
  /* London, 2026-10-25: at 02:00 BST the clocks go back to 01:00 GMT */
  gint64 first_0130 = G_GINT64_CONSTANT (1792888200) * G_USEC_PER_SEC;   /* 00:30 UTC = 01:30 BST */
  gint64 second_0130 = first_0130 + G_GINT64_CONSTANT (3600) * G_USEC_PER_SEC;   /* 01:30 GMT */

  set_zone (f, "Europe/London");
  add_row_at (f, "C1", "in", first_0130, "R1");
  add_row_at (f, "C2", "in", second_0130, "R1");
  /* the day is 25 hours long: its last minutes are still today */
  add_row (f, "C3", "in", "2026-10-25 23:50", "R1");
  add_row (f, "C4", "in", "2026-10-24 23:50", "R2");
  add_row (f, "C4", "out", "2026-10-26 00:00", "R2");
  g_assert_true (nk_trends_today (f->store, f->centre, second_0130, &today, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (today.date, ==, "2026-10-25");
  g_assert_cmpuint (today.arrivals[Q (1, 30)], ==, 2);
  g_assert_cmpuint (today.arrivals[Q (23, 45)], ==, 1);
  g_assert_cmpuint (today.n_arrivals, ==, 3);
  g_assert_cmpuint (today.n_departures, ==, 0);

  /* 2026-03-29: at 01:00 GMT the clocks go forward to 02:00 BST: 23 hours */
  add_row (f, "C1", "in", "2026-03-29 00:50", "R1");
  add_row (f, "C2", "in", "2026-03-29 02:10", "R1");
  add_row (f, "C3", "in", "2026-03-29 23:50", "R1");
  add_row (f, "C4", "in", "2026-03-30 00:10", "R2");
  g_assert_true (nk_trends_today (f->store, f->centre, local_us (f, "2026-03-29 12:00"), &today, &error));
  g_assert_cmpuint (today.n_arrivals, ==, 3);
  g_assert_cmpuint (today.arrivals[Q (0, 45)], ==, 1);
  g_assert_cmpuint (today.arrivals[Q (1, 0)] + today.arrivals[Q (1, 15)] + today.arrivals[Q (1, 30)]
                      + today.arrivals[Q (1, 45)], ==, 0);
  g_assert_cmpuint (today.arrivals[Q (2, 0)], ==, 1);
  g_assert_cmpuint (today.arrivals[Q (23, 45)], ==, 1);
}

/* ---- rates -------------------------------------------------------------------- */

static const NkTrendsRoom *
find_room (const NkTrendsRates *rates, const char *id)
{
  for (guint i = 0; i < rates->rooms->len; i++)
    if (g_str_equal (((NkTrendsRoom *) rates->rooms->pdata[i])->room_id, id))
      return rates->rooms->pdata[i];
  g_assert_not_reached ();
}

static const NkTrendsRateDay *
find_day (const NkTrendsRoom *room, const char *date)
{
  for (guint i = 0; i < room->days->len; i++)
    if (g_str_equal (g_array_index (room->days, NkTrendsRateDay, i).date, date))
      return &g_array_index (room->days, NkTrendsRateDay, i);
  return NULL;
}

static void
test_rates (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (NkTrendsRates) rates = NULL;
  const NkTrendsRoom *r1, *r2, *r3;
  const NkTrendsRateDay *day;

  /* before the window: C1 came in R1 (the window is 10-21 … 11-19) */
  add_day (f, "C1", "2026-10-01", "R1");
  /* open days: 11-02, 11-03, 11-04, 11-05; 11-06 a weekday nobody came */
  add_day (f, "C1", "2026-11-02", "R1");
  add_day (f, "C2", "2026-11-02", "R1");
  add_day (f, "C4", "2026-11-02", "R2");
  /* C3 starts on 11-03: not enrolled on 11-02 */
  add_day (f, "C3", "2026-11-03", "R1");
  /* C4 moves up to R1 on 11-04 (the roster says so afterwards) */
  add_day (f, "C4", "2026-11-04", "R1");
  add_day (f, "C1", "2026-11-05", "R1");
  /* C2 left after 11-02: not active */
  g_assert_true (nk_store_run (f->store, "UPDATE children SET active = 0 WHERE id = 'C2'", "update", &error,
                               NK_END));
  g_assert_true (nk_store_run (f->store, "UPDATE children SET room_id = 'R1' WHERE id = 'C4'", "update", &error,
                               NK_END));
  /* today's rows are not in the window */
  add_day (f, "C2", "2026-11-20", "R1");

  rates = nk_trends_rates (f->store, f->centre, local_us (f, "2026-11-20 10:00"), &error);
  g_assert_no_error (error);
  g_assert_nonnull (rates);
  g_assert_cmpstr (rates->first, ==, "2026-10-21");
  g_assert_cmpstr (rates->last, ==, "2026-11-19");
  g_assert_cmpuint (rates->dates->len, ==, 4);
  g_assert_cmpstr (rates->dates->pdata[0], ==, "2026-11-02");
  g_assert_cmpstr (rates->dates->pdata[3], ==, "2026-11-05");

  /* by name: 乳儿班, 托大班, 托小班 in the collation order; all three */
  g_assert_cmpuint (rates->rooms->len, ==, 3);
  r1 = find_room (rates, "R1");
  r2 = find_room (rates, "R2");
  r3 = find_room (rates, "R3");

  day = find_day (r1, "2026-11-02");
  g_assert_cmpuint (day->present, ==, 2);   /* C1, C2 */
  g_assert_cmpuint (day->enrolled, ==, 2);  /* C3 not started */
  day = find_day (r1, "2026-11-03");
  g_assert_cmpuint (day->present, ==, 1);   /* C3 */
  g_assert_cmpuint (day->enrolled, ==, 2);  /* C1, C3; C2 gone */
  day = find_day (r2, "2026-11-03");
  g_assert_cmpuint (day->present, ==, 0);
  g_assert_cmpuint (day->enrolled, ==, 1);  /* C4, between two days present: the earlier room */
  day = find_day (r1, "2026-11-05");
  g_assert_cmpuint (day->present, ==, 1);   /* C1 */
  g_assert_cmpuint (day->enrolled, ==, 3);  /* C1, C3, and C4 after their last day: the roster's room */
  day = find_day (r2, "2026-11-05");
  g_assert_cmpuint (day->enrolled, ==, 0);
  g_assert_null (find_day (r1, "2026-11-06"));

  g_assert_cmpuint (r1->present, ==, 2 + 1 + 1 + 1);
  g_assert_cmpuint (r1->enrolled, ==, 2 + 2 + 3 + 3);
  g_assert_cmpint (nk_trends_percent (r1->present, r1->enrolled), ==, 50);
  g_assert_cmpint (nk_trends_percent (r2->present, r2->enrolled), ==, 50);   /* 1 of 2 */
  /* a room with no child: a day per open day, and no rate */
  g_assert_cmpuint (r3->days->len, ==, 4);
  g_assert_cmpuint (r3->enrolled, ==, 0);
  g_assert_cmpint (nk_trends_percent (r3->present, r3->enrolled), ==, -1);
}

static void
test_rates_empty (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (NkTrendsRates) rates = nk_trends_rates (f->store, f->centre, local_us (f, "2026-11-20 10:00"),
                                                     &error);

  g_assert_no_error (error);
  g_assert_cmpuint (rates->dates->len, ==, 0);
  g_assert_cmpuint (rates->rooms->len, ==, 3);
  g_assert_cmpuint (((NkTrendsRoom *) rates->rooms->pdata[0])->days->len, ==, 0);
}

/* ---- utilisation -------------------------------------------------------------- */

/* The "Centre total" row's utilisation cell of the monthly report. */
static char *
report_total (Fixture *f, const char *month_text, const char *today)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (NkReport) report = NULL;
  g_autoptr (GPtrArray) tables = NULL;
  NkReportTable *per_month;
  NkReportMonth month;
  GStrv row;

  g_assert_true (nk_report_month_parse (month_text, today, &month, &error));
  report = nk_report_build (f->store, NK_REPORT_UTILISATION, &month, today, NULL, &error);
  g_assert_no_error (error);
  tables = nk_report_tables (report);
  per_month = tables->pdata[1];
  row = per_month->rows->pdata[per_month->rows->len - 1];
  return g_strdup (row[4]);
}

static void
test_utilisation (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *october = NULL;
  NkTrendsUtilisation u;

  /* 2025-11 is out of the window: the 12 months are 2025-12 … 2026-11 */
  add_day (f, "C1", "2025-11-28", "R1");
  /* December: one day, 2 of 9 places (R1 4, R2 2, R3 3) */
  add_day (f, "C1", "2025-12-01", "R1");
  add_day (f, "C4", "2025-12-01", "R2");
  /* October: two days; a stay begun on its last day counts in it */
  add_day (f, "C1", "2026-10-09", "R1");
  add_day (f, "C2", "2026-10-09", "R1");
  add_day (f, "C3", "2026-10-09", "R1");
  add_row (f, "C4", "in", "2026-10-31 23:30", "R2");
  add_row (f, "C4", "out", "2026-11-01 00:30", "R2");
  /* November so far */
  add_day (f, "C1", "2026-11-19", "R1");

  nk_trends_set_target (75);
  g_assert_true (nk_trends_utilisation (f->store, f->centre, local_us (f, "2026-11-20 10:00"), &u, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (u.target, ==, 75);
  g_assert_cmpint (u.months[0].year, ==, 2025);
  g_assert_cmpint (u.months[0].month, ==, 12);
  g_assert_cmpint (u.months[11].year, ==, 2026);
  g_assert_cmpint (u.months[11].month, ==, 11);

  g_assert_cmpuint (u.months[0].open_days, ==, 1);
  g_assert_cmpuint (u.months[0].present, ==, 2);
  g_assert_cmpuint (u.months[0].place_days, ==, 9);
  /* a month with no open day: no figure */
  g_assert_cmpuint (u.months[5].open_days, ==, 0);
  g_assert_cmpuint (u.months[5].place_days, ==, 0);
  g_assert_cmpint (nk_trends_percent (u.months[5].present, u.months[5].place_days), ==, -1);
  g_assert_cmpuint (u.months[10].open_days, ==, 2);
  g_assert_cmpuint (u.months[10].present, ==, 4);
  g_assert_cmpuint (u.months[10].place_days, ==, 18);
  g_assert_cmpuint (u.months[11].present, ==, 1);
  g_assert_cmpuint (u.months[11].place_days, ==, 9);

  /* the monthly report's own figure for the month */
  october = report_total (f, "2026-10", "2026-11-20");
  g_assert_cmpstr (october, ==, "22.2");
  g_assert_cmpint (nk_trends_percent (u.months[10].present, u.months[10].place_days), ==, 22);

  /* a closed month's figures are kept, and read again once a row of it
   * arrives late (relayed from a door that was offline) or the places change */
  add_day (f, "C2", "2025-12-01", "R1");
  g_assert_true (nk_trends_utilisation (f->store, f->centre, local_us (f, "2026-11-20 10:00"), &u, &error));
  g_assert_cmpuint (u.months[0].present, ==, 3);
  g_assert_cmpuint (u.months[0].place_days, ==, 9);
  g_assert_true (nk_roster_put_room (f->store, "R3", "乳儿班", NK_ROOM_INFANT, 6, &error));
  g_assert_true (nk_trends_utilisation (f->store, f->centre, local_us (f, "2026-11-20 10:00"), &u, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (u.months[0].place_days, ==, 12);
  g_assert_cmpuint (u.months[10].place_days, ==, 24);

  /* the target stays in its range */
  nk_trends_set_target (0);
  g_assert_cmpuint (nk_trends_get_target (), ==, NK_TRENDS_TARGET_MIN);
  nk_trends_set_target (250);
  g_assert_cmpuint (nk_trends_get_target (), ==, NK_TRENDS_TARGET_MAX);
  nk_trends_set_target (NK_TRENDS_TARGET_DEFAULT);
}

static void
test_percent (void)
{
  g_assert_cmpint (nk_trends_percent (0, 0), ==, -1);
  g_assert_cmpint (nk_trends_percent (1, 3), ==, 33);
  g_assert_cmpint (nk_trends_percent (2, 3), ==, 67);
  g_assert_cmpint (nk_trends_percent (1, 200), ==, 1);   /* 0.5 rounds up */
  g_assert_cmpint (nk_trends_percent (7, 7), ==, 100);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/nk/trends/today/quarters", test_today_quarters);
  ADD ("/nk/trends/today/clock-change", test_today_clock_change);
  ADD ("/nk/trends/rates", test_rates);
  ADD ("/nk/trends/rates/empty", test_rates_empty);
  ADD ("/nk/trends/utilisation", test_utilisation);
  g_test_add_func ("/nk/trends/percent", test_percent);
  return g_test_run ();
}
