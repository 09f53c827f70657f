/* test-report.c — the monthly reports (nk-report.h): the month and its
 * local-time boundaries, days and hours per child and room (a move of
 * room, a stay across midnight, stays left open, a clock set back),
 * utilisation, the certificate share at its target, health, an empty
 * month, the CSV, and a day made by the real door rules.  In Shanghai. */
#include "config.h"

#include "nk-test-util.h"

#include <stdio.h>
#include <string.h>

#include "core/nk-absence.h"
#include "core/nk-centre.h"
#include "core/nk-checkup.h"
#include "core/nk-outbreak.h"
#include "core/nk-csv.h"
#include "core/nk-report.h"
#include "core/nk-roster.h"
#include "core/nk-store-private.h"

typedef struct {
  char      *dir;
  NkStore   *store;
  GTimeZone *tz;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->store = nk_test_store_new ("report", &f->dir);
  f->tz = g_time_zone_new_identifier ("Asia/Shanghai");
  g_assert_nonnull (f->tz);

  g_assert_true (nk_roster_put_room (f->store, "R1", "托小班", NK_ROOM_TODDLER, 15, &error));
  g_assert_true (nk_roster_put_room (f->store, "R2", "托大班", NK_ROOM_SENIOR_TODDLER, 20, &error));
  g_assert_true (nk_roster_put_child (f->store, "C1", "王小明", "2024-03-14", "R2", NULL, NULL, &error));
  g_assert_true (nk_roster_put_child (f->store, "C2", "李乐乐", "2024-05-01", "R1", NULL, NULL, &error));
  g_assert_true (nk_roster_put_child (f->store, "C3", "=SUM(A1)", "2024-08-02", "R1", NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  g_clear_pointer (&f->tz, g_time_zone_unref);
  nk_test_dir_remove (f->dir);
  g_free (f->dir);
}

/* "2026-11-30 23:30" in Shanghai, as UTC µs. */
static gint64
local_us (Fixture *f, const char *when)
{
  int year, month, day, hour, minute;
  g_autoptr(GDateTime) dt = NULL;

  g_assert_cmpint (sscanf (when, "%d-%d-%d %d:%d", &year, &month, &day, &hour, &minute), ==, 5);
  dt = g_date_time_new (f->tz, year, month, day, hour, minute, 0);
  return g_date_time_to_unix (dt) * G_USEC_PER_SEC;
}

/* An attendance row as the door writes it: the local date of its time
 * (or date, for a stay closed later as "not checked out"), the room then,
 * and order time order_us (0: its own time, as the trigger gives). */
static void
add_row (Fixture *f, const char *table, const char *person, const char *kind, const char *when,
         const char *date, const char *room, gint64 order_us)
{
  g_autofree char *id = nk_uuid_new ();
  static const char attendance_sql[] =
    "INSERT INTO attendance (id, child_id, kind, at_us, local_date, by_kind, device_id, method, room_id, order_us) "
    "VALUES (:id, :person, :kind, :at_us, :date, 'child', 'test-device', 'card', :room, :order)";
  static const char clock_sql[] =
    "INSERT INTO staff_clock (id, staff_id, kind, at_us, local_date, device_id, method, room_id, order_us) "
    "VALUES (:id, :person, :kind, :at_us, :date, 'test-device', 'card', :room, :order)";
  const char *sql;
  g_autofree char *local_date = NULL;
  g_autoptr(GError) error = NULL;
  gint64 at_us = local_us (f, when);

  if (date == NULL)
    {
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (at_us / G_USEC_PER_SEC);
      g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, f->tz);
      local_date = g_date_time_format (local, "%Y-%m-%d");
      date = local_date;
    }
  /* the store keeps its statements by their text: static texts only */
  sql = strcmp (table, "attendance") == 0 ? attendance_sql : clock_sql;
  g_assert_true (nk_store_run (f->store, sql, "insert", &error, NK_TEXT (":id", id), NK_TEXT (":person", person),
                               NK_TEXT (":kind", kind), NK_INT (":at_us", at_us), NK_TEXT (":date", date),
                               NK_TEXT (":room", room), NK_INT (":order", order_us), NK_END));
  g_assert_no_error (error);
}

static void
add_in (Fixture *f, const char *child, const char *when, const char *room)
{
  add_row (f, "attendance", child, "in", when, NULL, room, 0);
}

static void
add_out (Fixture *f, const char *child, const char *when, const char *room)
{
  add_row (f, "attendance", child, "out", when, NULL, room, 0);
}

static NkReport *
build (Fixture *f, NkReportKind kind, const char *month_text, const char *today)
{
  g_autoptr(GError) error = NULL;
  NkReportMonth month;
  NkReport *report;

  g_assert_true (nk_report_month_parse (month_text, today, &month, &error));
  g_assert_no_error (error);
  report = nk_report_build (f->store, kind, &month, today, "阳光托育中心", &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

static NkReportChild *
find_child (NkReport *report, const char *child_id, const char *room_id)
{
  for (guint i = 0; i < report->children->len; i++)
    {
      NkReportChild *child = report->children->pdata[i];

      if (strcmp (child->child_id, child_id) == 0 && strcmp (child->room_id, room_id) == 0)
        return child;
    }
  return NULL;
}

static NkReportRoom *
find_room (NkReport *report, const char *room_id)
{
  for (guint i = 0; i < report->rooms->len; i++)
    if (strcmp (((NkReportRoom *) report->rooms->pdata[i])->room_id, room_id) == 0)
      return report->rooms->pdata[i];
  return NULL;
}

/* ---- the month ---------------------------------------------------------------- */

static void
test_month (void)
{
  static const char *const bad[] = {
    "2026-13", "2026-00", "2026-1", "26-11", "2026/11", "2026-11-01", "", "abcd-ef", " 2026-11", "0000-05",
  };
  g_autoptr(GError) error = NULL;
  NkReportMonth month;

  g_assert_true (nk_report_month_parse ("2026-11", "2026-11-23", &month, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (month.first, ==, "2026-11-01");
  g_assert_cmpstr (month.last, ==, "2026-11-30");
  g_assert_cmpstr (month.next, ==, "2026-12-01");
  g_assert_true (nk_report_month_parse ("2025-12", "2026-11-23", &month, &error));
  g_assert_cmpstr (month.last, ==, "2025-12-31");
  g_assert_cmpstr (month.next, ==, "2026-01-01");
  g_assert_true (nk_report_month_parse ("2024-02", "2026-11-23", &month, &error));
  g_assert_cmpstr (month.last, ==, "2024-02-29");
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_assert_false (nk_report_month_parse (bad[i], "2026-11-23", &month, &error));
      g_assert_error (error, NK_REPORT_ERROR, NK_REPORT_ERROR_MONTH);
      g_assert_nonnull (strstr (error->message, "YYYY-MM"));
      g_clear_error (&error);
    }
  g_assert_false (nk_report_month_parse (NULL, "2026-11-23", &month, &error));
  g_clear_error (&error);

  /* the month to come, not this one */
  g_assert_false (nk_report_month_parse ("2026-12", "2026-11-30", &month, &error));
  g_assert_error (error, NK_REPORT_ERROR, NK_REPORT_ERROR_MONTH);
  g_assert_nonnull (strstr (error->message, "2026-11-30"));
  g_clear_error (&error);
  g_assert_true (nk_report_month_parse ("2026-12", "2026-12-01", &month, &error));
  g_assert_no_error (error);
}

static void
test_kind (void)
{
  g_autoptr(GError) error = NULL;
  NkReportKind kind;

  g_assert_true (nk_report_kind_from_string ("utilisation", &kind, &error));
  g_assert_cmpint (kind, ==, NK_REPORT_UTILISATION);
  g_assert_cmpstr (nk_report_kind_to_string (NK_REPORT_HEALTH), ==, "health");
  g_assert_false (nk_report_kind_from_string ("utilization", &kind, &error));
  g_assert_error (error, NK_REPORT_ERROR, NK_REPORT_ERROR_KIND);
}

/* ---- attendance ------------------------------------------------------------------ */

static void
test_moved_room (Fixture *f, gconstpointer data)
{
  g_autoptr(NkReport) report = NULL;
  NkReportChild *toddler, *senior;

  /* C1 in the toddler room for two days, then moved up */
  add_in (f, "C1", "2026-11-02 08:00", "R1");
  add_out (f, "C1", "2026-11-02 17:00", "R1");
  add_in (f, "C1", "2026-11-03 08:30", "R1");
  add_out (f, "C1", "2026-11-03 16:00", "R1");
  add_in (f, "C1", "2026-11-04 08:00", "R2");
  add_out (f, "C1", "2026-11-04 12:15", "R2");
  add_in (f, "C2", "2026-11-02 09:00", "R1");
  add_out (f, "C2", "2026-11-02 10:00", "R1");

  report = build (f, NK_REPORT_ATTENDANCE, "2026-11", "2026-11-23");
  toddler = find_child (report, "C1", "R1");
  senior = find_child (report, "C1", "R2");
  g_assert_nonnull (toddler);
  g_assert_nonnull (senior);
  g_assert_cmpuint (toddler->days, ==, 2);
  g_assert_cmpint (toddler->minutes, ==, 9 * 60 + 7 * 60 + 30);
  g_assert_cmpstr (toddler->room_name, ==, "托小班");
  g_assert_cmpuint (senior->days, ==, 1);
  g_assert_cmpint (senior->minutes, ==, 4 * 60 + 15);

  g_assert_cmpuint (find_room (report, "R1")->children, ==, 2);
  g_assert_cmpuint (find_room (report, "R1")->days, ==, 3);
  g_assert_cmpint (find_room (report, "R1")->minutes, ==, 9 * 60 + 7 * 60 + 30 + 60);
  g_assert_cmpuint (find_room (report, "R2")->children, ==, 1);
  g_assert_cmpuint (find_room (report, "R2")->days, ==, 1);
  /* one child in two rooms is one child of the centre */
  g_assert_cmpuint (report->total.children, ==, 2);
  g_assert_cmpuint (report->total.days, ==, 4);
  g_assert_cmpuint (report->total.places, ==, 35);
  /* C3 did not come: listed with nothing */
  g_assert_cmpuint (find_child (report, "C3", "R1")->days, ==, 0);
}

static void
test_month_boundaries (Fixture *f, gconstpointer data)
{
  g_autoptr(NkReport) november = NULL;
  g_autoptr(NkReport) december = NULL;

  /* 23:30 on the last day of November, home at 00:30: a November day of
   * one hour, all of it November's */
  add_in (f, "C2", "2026-11-30 23:30", "R1");
  add_out (f, "C2", "2026-12-01 00:30", "R1");
  /* 07:30 on 1 December in Shanghai is 23:30 on 30 November in UTC */
  add_in (f, "C1", "2026-12-01 07:30", "R2");
  add_out (f, "C1", "2026-12-01 17:30", "R2");
  /* a stay begun on 31 October and ended on 1 November is October's */
  add_in (f, "C3", "2026-10-31 22:00", "R1");
  add_out (f, "C3", "2026-11-01 01:00", "R1");

  november = build (f, NK_REPORT_ATTENDANCE, "2026-11", "2026-12-02");
  g_assert_cmpuint (find_child (november, "C2", "R1")->days, ==, 1);
  g_assert_cmpint (find_child (november, "C2", "R1")->minutes, ==, 60);
  g_assert_cmpuint (find_child (november, "C1", "R2")->days, ==, 0);
  g_assert_cmpuint (find_child (november, "C3", "R1")->days, ==, 0);
  g_assert_cmpint (find_child (november, "C3", "R1")->minutes, ==, 0);
  g_assert_cmpuint (november->total.days, ==, 1);

  december = build (f, NK_REPORT_ATTENDANCE, "2026-12", "2026-12-02");
  g_assert_cmpuint (find_child (december, "C1", "R2")->days, ==, 1);
  g_assert_cmpint (find_child (december, "C1", "R2")->minutes, ==, 10 * 60);
  /* C2's check-out after midnight gives December nothing */
  g_assert_cmpuint (find_child (december, "C2", "R1")->days, ==, 0);
  g_assert_cmpint (find_child (december, "C2", "R1")->minutes, ==, 0);
  g_assert_cmpuint (december->total.days, ==, 1);
}

static void
test_open_stays (Fixture *f, gconstpointer data)
{
  g_autoptr(NkReport) report = NULL;
  NkReportChild *c1, *c2, *c3;

  /* C1 not checked out on the 2nd: closed by the system the next morning */
  add_in (f, "C1", "2026-11-02 08:00", "R2");
  add_row (f, "attendance", "C1", "not_out", "2026-11-03 07:55", "2026-11-02", "R2", 0);
  add_in (f, "C1", "2026-11-03 08:00", "R2");
  add_out (f, "C1", "2026-11-03 16:00", "R2");
  /* C2 checked in twice (the first stay left open), then out */
  add_in (f, "C2", "2026-11-05 08:00", "R1");
  add_in (f, "C2", "2026-11-05 13:00", "R1");
  add_out (f, "C2", "2026-11-05 17:00", "R1");
  /* C3 in care now, on "today" */
  add_in (f, "C3", "2026-11-23 08:00", "R1");

  report = build (f, NK_REPORT_ATTENDANCE, "2026-11", "2026-11-23");
  c1 = find_child (report, "C1", "R2");
  c2 = find_child (report, "C2", "R1");
  c3 = find_child (report, "C3", "R1");
  /* the open day counts as a day, not as 24 hours */
  g_assert_cmpuint (c1->days, ==, 2);
  g_assert_cmpint (c1->minutes, ==, 8 * 60);
  g_assert_cmpuint (c1->unmeasured, ==, 1);
  g_assert_cmpuint (c2->days, ==, 1);
  g_assert_cmpint (c2->minutes, ==, 4 * 60);
  g_assert_cmpuint (c2->unmeasured, ==, 1);
  g_assert_cmpuint (c3->days, ==, 1);
  g_assert_cmpint (c3->minutes, ==, 0);
  g_assert_cmpuint (c3->unmeasured, ==, 1);
  g_assert_cmpuint (report->total.unmeasured, ==, 3);
}

static void
test_clock_changed (Fixture *f, gconstpointer data)
{
  g_autoptr(NkReport) report = NULL;
  gint64 in_order = local_us (f, "2026-11-09 10:00");

  /* the box's clock was set back two hours while C1 was in: the door
   * orders the check-out after the check-in (nk-relay.h), its wall-clock
   * time is before it */
  add_row (f, "attendance", "C1", "in", "2026-11-09 10:00", NULL, "R2", in_order);
  add_row (f, "attendance", "C1", "out", "2026-11-09 08:30", NULL, "R2", in_order + 1000);
  /* set forward a day: a stay of 33 hours */
  add_in (f, "C2", "2026-11-10 08:00", "R1");
  add_out (f, "C2", "2026-11-11 17:00", "R1");
  /* and a day that went right */
  add_in (f, "C2", "2026-11-12 08:00", "R1");
  add_out (f, "C2", "2026-11-12 16:30", "R1");

  report = build (f, NK_REPORT_ATTENDANCE, "2026-11", "2026-11-23");
  g_assert_cmpuint (find_child (report, "C1", "R2")->days, ==, 1);
  g_assert_cmpint (find_child (report, "C1", "R2")->minutes, ==, 0);
  g_assert_cmpuint (find_child (report, "C1", "R2")->unmeasured, ==, 1);
  g_assert_cmpuint (find_child (report, "C2", "R1")->days, ==, 2);
  g_assert_cmpint (find_child (report, "C2", "R1")->minutes, ==, 8 * 60 + 30);
  g_assert_cmpuint (find_child (report, "C2", "R1")->unmeasured, ==, 1);
  g_assert_cmpint (report->total.minutes, >=, 0);
}

static void
test_empty_month (Fixture *f, gconstpointer data)
{
  g_autoptr(NkReport) report = NULL;
  g_autoptr(NkReport) utilisation = NULL;
  g_autoptr(GString) csv = g_string_new (NULL);

  report = build (f, NK_REPORT_ATTENDANCE, "2026-10", "2026-11-23");
  g_assert_cmpuint (report->children->len, ==, 3);
  g_assert_cmpuint (report->total.children, ==, 0);
  g_assert_cmpuint (report->total.days, ==, 0);
  g_assert_cmpint (report->total.minutes, ==, 0);
  nk_report_to_csv (report, csv);
  g_assert_nonnull (strstr (csv->str, "\r\nCentre total,35,0,0,0.0,0\r\n"));

  utilisation = build (f, NK_REPORT_UTILISATION, "2026-10", "2026-11-23");
  g_assert_cmpuint (utilisation->room_days->len, ==, 0);
}

/* A day made by the real door: the child's card at 08:00 and at 17:00. */
static void
test_door_day (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(NkStore) store = nk_test_store_new ("report-door", &dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(NkReport) report = NULL;
  g_autoptr(NkDoor) door = NULL;
  NkTestClock clock;
  NkReportMonth month;

  nk_test_put_toddlers (store);
  nk_test_put_child_cards (store, 2);
  door = nk_test_door_at (store, &clock, NK_TEST_MONDAY_8AM_US);
  nk_door_set_debounce (door, 0);
  nk_tap_result_unref (nk_test_tap (door, "04000001"));
  nk_test_clock_advance (&clock, G_GINT64_CONSTANT (9) * 3600 * G_USEC_PER_SEC);
  nk_tap_result_unref (nk_test_tap (door, "04000001"));

  g_assert_true (nk_report_month_parse ("2026-11", "2026-11-23", &month, &error));
  report = nk_report_build (store, NK_REPORT_ATTENDANCE, &month, "2026-11-23", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->total.days, ==, 1);
  g_assert_cmpint (report->total.minutes, ==, 9 * 60);
  g_assert_cmpstr (((NkReportChild *) report->children->pdata[0])->room_id, ==, "r1");

  g_clear_object (&door);
  g_clear_object (&store);
  nk_test_dir_remove (dir);
}

/* ---- utilisation ------------------------------------------------------------------ */

static void
test_utilisation (Fixture *f, gconstpointer data)
{
  g_autoptr(NkReport) report = NULL;
  g_autoptr(GPtrArray) tables = NULL;
  NkReportTable *per_day, *per_month;

  add_in (f, "C2", "2026-11-02 08:00", "R1");
  add_out (f, "C2", "2026-11-02 17:00", "R1");
  add_in (f, "C3", "2026-11-02 08:00", "R1");
  add_out (f, "C3", "2026-11-02 17:00", "R1");
  add_in (f, "C2", "2026-11-03 08:00", "R1");
  add_out (f, "C2", "2026-11-03 17:00", "R1");

  report = build (f, NK_REPORT_UTILISATION, "2026-11", "2026-11-23");
  /* two open days, both rooms each day */
  g_assert_cmpuint (report->room_days->len, ==, 4);
  tables = nk_report_tables (report);
  per_day = tables->pdata[0];
  per_month = tables->pdata[1];
  /* by date, then room name (托大班 before 托小班 in code point order) */
  g_assert_cmpstrv ((char **) per_day->rows->pdata[0], ((const char *const[]) {
    "2026-11-02", "托大班", "20", "0", "0.0", NULL }));
  g_assert_cmpstrv ((char **) per_day->rows->pdata[1], ((const char *const[]) {
    "2026-11-02", "托小班", "15", "2", "13.3", NULL }));
  g_assert_cmpstrv ((char **) per_day->rows->pdata[3], ((const char *const[]) {
    "2026-11-03", "托小班", "15", "1", "6.7", NULL }));
  /* the month: 3 child-days in 2 × 15 place-days, 1.5 a day */
  g_assert_cmpstrv ((char **) per_month->rows->pdata[1], ((const char *const[]) {
    "托小班", "15", "2", "1.5", "10.0", NULL }));
  /* the centre: 3 in 2 × 35 */
  g_assert_cmpstrv ((char **) per_month->rows->pdata[2], ((const char *const[]) {
    "Centre total", "35", "2", "1.5", "4.3", NULL }));
  g_assert_true (g_array_index (per_month->totals, gboolean, 2));
}

/* ---- staff ------------------------------------------------------------------------- */

static void
test_certificate_target (void)
{
  g_assert_true (nk_report_certificates_meet_target (9, 10));
  g_assert_true (nk_report_certificates_meet_target (10, 10));
  g_assert_false (nk_report_certificates_meet_target (8, 9));     /* 88.9 % */
  g_assert_false (nk_report_certificates_meet_target (89, 99));   /* 89.9 % */
  g_assert_true (nk_report_certificates_meet_target (90, 100));
  g_assert_false (nk_report_certificates_meet_target (0, 0));
}

static void
test_staff (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NkReport) report = NULL;
  g_autoptr(GPtrArray) tables = NULL;
  NkReportTable *share;
  NkReportStaff *first = NULL;

  /* ten caregivers, nine with a certificate; the director's and the
   * health staff's do not count */
  for (guint i = 1; i <= 10; i++)
    {
      g_autofree char *id = g_strdup_printf ("S%02u", i);
      g_autofree char *name = g_strdup_printf ("保育师%u", i);

      g_assert_true (nk_roster_put_staff (f->store, id, name, NK_STAFF_CAREGIVER, i == 10 ? "  " : "BY-001",
                                          "R1", &error));
    }
  g_assert_true (nk_roster_put_staff (f->store, "D1", "园长", NK_STAFF_DIRECTOR, NULL, NULL, &error));
  g_assert_no_error (error);
  add_row (f, "staff_clock", "S01", "in", "2026-11-02 07:30", NULL, "R1", 0);
  add_row (f, "staff_clock", "S01", "out", "2026-11-02 16:00", NULL, "R1", 0);
  add_row (f, "staff_clock", "S01", "in", "2026-11-03 07:30", NULL, "R1", 0);

  report = build (f, NK_REPORT_STAFF, "2026-11", "2026-11-23");
  g_assert_cmpuint (report->caregivers, ==, 10);
  g_assert_cmpuint (report->certified, ==, 9);
  for (guint i = 0; i < report->staff->len; i++)
    if (strcmp (((NkReportStaff *) report->staff->pdata[i])->staff_id, "S01") == 0)
      first = report->staff->pdata[i];
  g_assert_nonnull (first);
  g_assert_cmpuint (first->days, ==, 2);
  g_assert_cmpint (first->minutes, ==, 8 * 60 + 30);
  g_assert_cmpuint (first->unmeasured, ==, 1);
  /* the director first */
  g_assert_cmpstr (((NkReportStaff *) report->staff->pdata[0])->staff_id, ==, "D1");

  tables = nk_report_tables (report);
  share = tables->pdata[1];
  g_assert_cmpstrv ((char **) share->rows->pdata[0], ((const char *const[]) {
    "10", "9", "90.0", "90", "yes", NULL }));

  /* one more caregiver without a certificate: 9 of 11 */
  g_assert_true (nk_roster_put_staff (f->store, "S11", "保育师11", NK_STAFF_CAREGIVER, NULL, "R1", &error));
  g_clear_pointer (&report, nk_report_free);
  g_clear_pointer (&tables, g_ptr_array_unref);
  report = build (f, NK_REPORT_STAFF, "2026-11", "2026-11-23");
  tables = nk_report_tables (report);
  g_assert_cmpstrv ((char **) ((NkReportTable *) tables->pdata[1])->rows->pdata[0], ((const char *const[]) {
    "11", "9", "81.8", "90", "no", NULL }));
}

/* ---- health --------------------------------------------------------------------------- */

static void
test_health (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NkReport) report = NULL;
  g_autoptr(GPtrArray) items = NULL;
  guint listed = 0;

  /* the children came in October: their entry check-ups are overdue in
   * November, and the schedule's check-ups due in November are due */
  add_in (f, "C1", "2026-10-12 08:00", "R2");
  add_in (f, "C2", "2026-10-12 08:00", "R1");
  add_in (f, "C3", "2026-10-12 08:00", "R1");

  report = build (f, NK_REPORT_HEALTH, "2026-11", "2026-11-23");
  items = nk_checkup_list (f->store, NULL, NULL, "2026-11-30", "2026-11-23", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < items->len; i++)
    {
      NkCheckupItem *item = items->pdata[i];

      listed += item->status == NK_CHECKUP_DUE || item->status == NK_CHECKUP_OVERDUE;
    }
  g_assert_cmpuint (listed, >, 0);
  g_assert_cmpuint (report->checkups->len, ==, listed);
  g_assert_cmpuint (report->health_children, ==, 3);
  g_assert_cmpuint (report->health_covered, ==, 0);
  g_assert_cmpstr (((NkReportCheckup *) report->checkups->pdata[0])->status, ==, "overdue");
}

/* An illness reason recorded by staff at local time when (it is today
 * then); the outbreak rule runs after it, as at the door. */
static void
record_illness (Fixture *f, NkCentre *centre, NkTestClock *clock, const char *child, const char *when,
                const char *until, guint symptoms)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  NkAbsence absence = { child, NK_ABSENCE_ILLNESS, symptoms, NULL, until };

  clock->real_us = local_us (f, when);
  id = nk_absence_record (f->store, centre, "H1", &absence, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (id);
}

static void
test_health_absences (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NkCentre) centre = nk_centre_new (f->tz);
  g_autoptr(NkReport) report = NULL;
  g_autoptr(GPtrArray) tables = NULL;
  g_autoptr(GPtrArray) open = NULL;
  NkTestClock clock = { local_us (f, "2026-11-02 09:00"), 1000 * G_USEC_PER_SEC };
  NkClock reading = nk_test_clock (&clock);
  NkReportTable *absences, *outbreaks;
  NkReportAbsence *first;

  nk_centre_set_clock (centre, &reading);
  g_assert_true (nk_roster_put_child (f->store, "C5", "赵一一", "2024-06-01", "R1", NULL, NULL, &error));
  g_assert_true (nk_roster_put_staff (f->store, "H1", "孙保健", NK_STAFF_HEALTH, "BJ-1", NULL, &error));
  g_assert_true (nk_roster_put_staff (f->store, "D1", "园长", NK_STAFF_DIRECTOR, NULL, NULL, &error));
  g_assert_no_error (error);
  nk_absence_settings_set (&(NkAbsenceSettings) { 9 * 60 + 30, NK_ABSENCE_DAY_BIT (G_DATE_MONDAY)
      | NK_ABSENCE_DAY_BIT (G_DATE_TUESDAY) | NK_ABSENCE_DAY_BIT (G_DATE_WEDNESDAY)
      | NK_ABSENCE_DAY_BIT (G_DATE_THURSDAY) | NK_ABSENCE_DAY_BIT (G_DATE_FRIDAY) });

  /* October's last Friday to 2 November: the Monday alone is November's
   * open day */
  record_illness (f, centre, &clock, "C1", "2026-10-30 10:00", "2026-11-02", NK_SYMPTOM_COUGH);
  /* three children of 托小班 with fever on Tuesday 10 November: a room
   * outbreak, which the director acknowledges the next day */
  record_illness (f, centre, &clock, "C2", "2026-11-10 10:00", "2026-11-13", NK_SYMPTOM_FEVER | NK_SYMPTOM_RASH);
  record_illness (f, centre, &clock, "C3", "2026-11-10 10:05", NULL, NK_SYMPTOM_FEVER);
  record_illness (f, centre, &clock, "C5", "2026-11-10 10:10", NULL, NK_SYMPTOM_FEVER);
  clock.real_us = local_us (f, "2026-11-11 08:00");
  open = nk_outbreak_list_open (f->store, centre, clock.real_us, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (open->len, ==, 1);
  g_assert_true (nk_outbreak_acknowledge (f->store, centre, "D1", ((NkOutbreak *) open->pdata[0])->id, NULL,
                                          &error));
  g_assert_no_error (error);

  report = build (f, NK_REPORT_HEALTH, "2026-11", "2026-11-23");
  g_assert_cmpuint (report->absences->len, ==, 4);
  first = report->absences->pdata[0];
  g_assert_cmpstr (first->child_id, ==, "C1");
  g_assert_cmpstr (first->from_date, ==, "2026-10-30");
  g_assert_cmpuint (first->days, ==, 1);
  g_assert_cmpuint (((NkReportAbsence *) report->absences->pdata[1])->days, >=, 1);
  g_assert_cmpuint (report->outbreaks->len, ==, 1);
  g_assert_cmpstr (((NkReportOutbreak *) report->outbreaks->pdata[0])->scope, ==, "room");
  g_assert_cmpuint (((NkReportOutbreak *) report->outbreaks->pdata[0])->n_children, ==, 3);
  g_assert_cmpstr (((NkReportOutbreak *) report->outbreaks->pdata[0])->acknowledged, ==, "2026-11-11");

  tables = nk_report_tables (report);
  g_assert_cmpuint (tables->len, ==, 4);
  absences = tables->pdata[2];
  outbreaks = tables->pdata[3];
  /* C2 away Tuesday to Friday: four open days; the total adds 1 + 4 + 1 + 1 */
  g_assert_cmpstrv ((char **) absences->rows->pdata[2], ((const char *const[]) {
    "C2", "李乐乐", "托小班", "2026-11-10", "2026-11-13", "4", "Fever, Rash", NULL }));
  g_assert_cmpstrv ((char **) absences->rows->pdata[4], ((const char *const[]) {
    "Total", "4 children", "", "", "", "7", "", NULL }));
  g_assert_cmpstrv ((char **) outbreaks->rows->pdata[0], ((const char *const[]) {
    "room", "托小班", "Fever", "3", "2026-11-10", "2026-11-10", "2026-11-11", NULL }));

  /* October has C1's first days and no outbreak */
  g_clear_pointer (&report, nk_report_free);
  report = build (f, NK_REPORT_HEALTH, "2026-10", "2026-11-23");
  g_assert_cmpuint (report->absences->len, ==, 1);
  g_assert_cmpuint (((NkReportAbsence *) report->absences->pdata[0])->days, ==, 1);
  g_assert_cmpuint (report->outbreaks->len, ==, 0);
}

/* A database that cannot be read: no report, and the error says so. */
static void
test_store_fails (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  NkReportMonth month;

  g_assert_true (nk_report_month_parse ("2026-11", "2026-11-23", &month, &error));
  g_assert_true (nk_store_exec (f->store, "DROP TABLE staff_clock", &error));
  /* a statement the schema cannot run is a bug, said as a warning */
  g_test_expect_message ("nk-core", G_LOG_LEVEL_WARNING, "Cannot prepare*no such table: staff_clock*");
  g_assert_null (nk_report_build (f->store, NK_REPORT_STAFF, &month, "2026-11-23", NULL, &error));
  g_test_assert_expected_messages ();
  g_assert_error (error, NK_STORE_ERROR, NK_STORE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "staff_clock"));
  g_clear_error (&error);
  /* the others still work */
  nk_report_free (nk_report_build (f->store, NK_REPORT_HEALTH, &month, "2026-11-23", NULL, &error));
  g_assert_no_error (error);
}

/* ---- the CSV --------------------------------------------------------------------------- */

static void
test_csv (Fixture *f, gconstpointer data)
{
  g_autoptr(NkReport) report = NULL;
  g_autoptr(GString) csv = g_string_new (NULL);
  g_autoptr(NkCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *fields = NULL;
  guint line = 0, records = 0;

  g_assert_true (nk_roster_put_child (f->store, "C4", "Chen, \"Lily\"", "2024-05-01", "R1", NULL, NULL, &error));
  add_in (f, "C1", "2026-11-02 08:00", "R2");
  add_out (f, "C1", "2026-11-02 17:20", "R2");

  report = build (f, NK_REPORT_ATTENDANCE, "2026-11", "2026-11-23");
  nk_report_to_csv (report, csv);
  /* a byte order mark, CRLF, quoted as the export quotes, no formula */
  g_assert_true (g_str_has_prefix (csv->str, "\xEF\xBB\xBF" "Child ID,Name,Room,Days present,Hours in care,"
                                   "Stays not measured\r\n"));
  g_assert_nonnull (strstr (csv->str, "\r\nC1,王小明,托大班,1,9.3,0\r\n"));
  g_assert_nonnull (strstr (csv->str, "\r\nC4,\"Chen, \"\"Lily\"\"\",托小班,0,0.0,0\r\n"));
  g_assert_nonnull (strstr (csv->str, "\r\nC3,'=SUM(A1),托小班,0,0.0,0\r\n"));
  /* the second table after an empty line */
  g_assert_nonnull (strstr (csv->str, "\r\n\r\nRoom,Places,Children present,Child-days present,"));
  g_assert_true (g_str_has_suffix (csv->str, "\r\nCentre total,35,1,1,9.3,0\r\n"));
  for (const char *p = csv->str; (p = strchr (p, '\n')) != NULL; p++)
    g_assert_cmpint (p[-1], ==, '\r');

  /* and it reads back: 4 children, 2 headers, 2 rooms, the total */
  reader = nk_csv_reader_new (csv->str, (gssize) csv->len);
  while (nk_csv_reader_next (reader, &fields, &line, &error))
    {
      g_assert_cmpuint (fields->len, ==, 6);
      g_ptr_array_unref (fields);
      records++;
    }
  g_assert_no_error (error);
  g_assert_cmpuint (records, ==, 9);
}

static void
test_formats (void)
{
  g_autofree char *a = nk_report_format_hours (0);
  g_autofree char *b = nk_report_format_hours (555);     /* 9 h 15 */
  g_autofree char *c = nk_report_format_hours (-30);
  g_autofree char *d = nk_report_format_percent (2, 3);
  g_autofree char *e = nk_report_format_percent (1, 0);

  g_assert_cmpstr (a, ==, "0.0");
  g_assert_cmpstr (b, ==, "9.3");
  g_assert_cmpstr (c, ==, "0.0");
  g_assert_cmpstr (d, ==, "66.7");
  g_assert_cmpstr (e, ==, "");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add ("/nk/report/" path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  g_test_add_func ("/nk/report/month", test_month);
  g_test_add_func ("/nk/report/kind", test_kind);
  g_test_add_func ("/nk/report/formats", test_formats);
  ADD ("attendance/moved-room", test_moved_room);
  ADD ("attendance/month-boundaries", test_month_boundaries);
  ADD ("attendance/open-stays", test_open_stays);
  ADD ("attendance/clock-changed", test_clock_changed);
  ADD ("attendance/empty-month", test_empty_month);
  g_test_add_func ("/nk/report/attendance/door-day", test_door_day);
  ADD ("utilisation", test_utilisation);
  g_test_add_func ("/nk/report/staff/certificate-target", test_certificate_target);
  ADD ("staff", test_staff);
  ADD ("health", test_health);
  ADD ("health/absences-outbreaks", test_health_absences);
  ADD ("csv", test_csv);
  ADD ("store-fails", test_store_fails);
#undef ADD

  return g_test_run ();
}
