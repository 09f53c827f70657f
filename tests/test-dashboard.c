/* test-dashboard.c — the director's figures (nk-dashboard.h), each from
 * its module: rooms against places and ratio (a child who moved room
 * counts once, in the new room), expected and not arrived, illness
 * absences (one recorded on an earlier day still counts), still here
 * after closing (not a stay left from yesterday; a clock set back during
 * the day), health checks not done, sleep checks overdue, medicine due,
 * incidents not acknowledged, check-ups due (counted once a day, again
 * after a result), the outbox. */
#include "config.h"

#include "core/nk-absence.h"
#include "core/nk-attendance.h"
#include "core/nk-care-log.h"
#include "core/nk-checkup.h"
#include "core/nk-dashboard.h"
#include "core/nk-health-check.h"
#include "core/nk-medicine.h"
#include "core/nk-nap.h"
#include "core/nk-roster.h"
#include "core/nk-staff-clock.h"
#include "nk-test-util.h"

#define HOUR_US (G_GINT64_CONSTANT (3600) * G_USEC_PER_SEC)
#define DAY_US (24 * HOUR_US)

typedef struct {
  char        *dir;
  NkStore     *store;
  NkDoor      *door;
  NkTestClock  clock;
  NkDashboard *dashboard;
} Fixture;

static void
check (Fixture *f, const char *child_id, NkDirection direction)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (NkTapResult) r = nk_attendance_manual (nk_door_get_attendance (f->door), "s1", child_id,
                                                    direction, "forgot card", &error);

  g_assert_no_error (error);
}

/* Infants r1 (10 places: c1…c4, caregivers s1 and s2), toddlers r2 (15:
 * c5, c6; s3).  Every child came on the Friday before; Monday 08:00. */
static void
setup (Fixture *f, gconstpointer data)
{
  GError *error = NULL;
  static const char *const kids[][2] = {
    { "c1", "r1" }, { "c2", "r1" }, { "c3", "r1" }, { "c4", "r1" }, { "c5", "r2" }, { "c6", "r2" },
  };

  f->store = nk_test_store_new ("dashboard", &f->dir);
  g_assert_true (nk_roster_put_room (f->store, "r1", "Sunflower", NK_ROOM_INFANT, 10, &error));
  g_assert_true (nk_roster_put_room (f->store, "r2", "Rainbow", NK_ROOM_TODDLER, 15, &error));
  for (guint i = 0; i < G_N_ELEMENTS (kids); i++)
    g_assert_true (nk_roster_put_child (f->store, kids[i][0], kids[i][0], "2026-03-01", kids[i][1], NULL, NULL,
                                        &error));
  g_assert_true (nk_roster_put_staff (f->store, "s1", "Ms Li", NK_STAFF_CAREGIVER, NULL, "r1", &error));
  g_assert_true (nk_roster_put_staff (f->store, "s2", "Ms Wu", NK_STAFF_CAREGIVER, NULL, "r1", &error));
  g_assert_true (nk_roster_put_staff (f->store, "s3", "Mr Xu", NK_STAFF_CAREGIVER, NULL, "r2", &error));
  g_assert_true (nk_roster_put_staff (f->store, "d1", "Director", NK_STAFF_DIRECTOR, NULL, NULL, &error));
  g_assert_true (nk_roster_put_guardian (f->store, "g1", "Mum of c1", NULL, "mother", &error));
  g_assert_true (nk_roster_link (f->store, "c1", "g1", TRUE, &error));
  g_assert_no_error (error);
  f->door = nk_test_door_at (f->store, &f->clock, NK_TEST_MONDAY_8AM_US - 3 * DAY_US);
  for (guint i = 0; i < G_N_ELEMENTS (kids); i++)
    {
      check (f, kids[i][0], NK_DIRECTION_IN);
      check (f, kids[i][0], NK_DIRECTION_OUT);
    }
  nk_test_clock_advance (&f->clock, 3 * DAY_US);
  f->dashboard = nk_dashboard_new (f->store, nk_door_get_centre (f->door));
  nk_dashboard_set_closing_minutes (NK_DASHBOARD_CLOSING_DEFAULT);
}

static void
teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->dashboard);
  nk_test_door_close (&f->door, &f->store, &f->dir);
}

static NkDashboardFigures *
read_now (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  NkDashboardFigures *figures = nk_dashboard_read (f->dashboard, f->clock.real_us, &error);

  g_assert_no_error (error);
  g_assert_nonnull (figures);
  return figures;
}

static const NkDashboardRoom *
room (NkDashboardFigures *figures, const char *id)
{
  for (guint i = 0; i < figures->rooms->len; i++)
    if (g_str_equal (((NkDashboardRoom *) figures->rooms->pdata[i])->room_id, id))
      return figures->rooms->pdata[i];
  g_assert_not_reached ();
}

static const char *
first_name (NkDashboardFigures *figures, NkDashboardLine line)
{
  g_assert_cmpuint (figures->names[line]->len, >, 0);
  return ((NkDashboardName *) figures->names[line]->pdata[0])->child_id;
}

static void
clock_in (Fixture *f, const char *staff_id)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (NkTapResult) r = nk_staff_clock_pin (nk_door_get_staff_clock (f->door), staff_id, &error);

  g_assert_no_error (error);
}

static void
test_rooms (Fixture *f, gconstpointer data)
{
  g_autoptr (NkDashboardFigures) before = NULL;
  g_autoptr (NkDashboardFigures) after = NULL;
  g_autoptr (NkDashboardFigures) moved = NULL;
  g_autoptr (GError) error = NULL;

  before = read_now (f);
  g_assert_cmpuint (before->rooms->len, ==, 2);
  g_assert_cmpstr (((NkDashboardRoom *) before->rooms->pdata[0])->room_id, ==, "r1");   /* infants first */
  g_assert_cmpuint (room (before, "r1")->present, ==, 0);
  g_assert_cmpuint (room (before, "r1")->assigned, ==, 2);
  g_assert_cmpint (room (before, "r1")->ratio, ==, NK_RATIO_WITHIN);

  clock_in (f, "s1");
  for (guint i = 1; i <= 4; i++)
    {
      g_autofree char *id = g_strdup_printf ("c%u", i);

      check (f, id, NK_DIRECTION_IN);
    }
  after = read_now (f);
  g_assert_cmpuint (room (after, "r1")->present, ==, 4);
  g_assert_cmpuint (room (after, "r1")->places, ==, 10);
  g_assert_cmpuint (room (after, "r1")->caregivers, ==, 1);
  g_assert_cmpuint (room (after, "r1")->assigned, ==, 2);
  g_assert_cmpuint (room (after, "r1")->needed, ==, 2);
  g_assert_cmpint (room (after, "r1")->ratio, ==, NK_RATIO_BELOW);
  g_assert_cmpint (room (after, "r2")->ratio, ==, NK_RATIO_WITHIN);

  /* c4 moves up to the toddlers during the day: counted once, there */
  g_assert_true (nk_roster_put_child (f->store, "c4", "c4", "2026-03-01", "r2", NULL, NULL, &error));
  g_assert_no_error (error);
  moved = read_now (f);
  g_assert_cmpuint (room (moved, "r1")->present, ==, 3);
  g_assert_cmpint (room (moved, "r1")->ratio, ==, NK_RATIO_AT_LIMIT);
  g_assert_cmpuint (room (moved, "r2")->present, ==, 1);
  g_assert_cmpint (room (moved, "r2")->ratio, ==, NK_RATIO_BELOW);   /* s3 not clocked in */
}

static void
test_not_arrived_and_illness (Fixture *f, gconstpointer data)
{
  g_autoptr (NkDashboardFigures) early = NULL;
  g_autoptr (NkDashboardFigures) late = NULL;
  g_autoptr (NkDashboardFigures) tuesday = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *id = NULL;
  NkAbsence ill = { "c6", NK_ABSENCE_ILLNESS, NK_SYMPTOM_FEVER, NULL, NULL };

  for (guint i = 1; i <= 5; i++)
    {
      g_autofree char *child = g_strdup_printf ("c%u", i);

      check (f, child, NK_DIRECTION_IN);
    }
  /* before absence.after (09:30) nobody is missed yet */
  early = read_now (f);
  g_assert_cmpuint (early->counts[NK_DASHBOARD_NOT_ARRIVED], ==, 0);

  nk_test_clock_advance (&f->clock, 2 * HOUR_US);
  late = read_now (f);
  g_assert_cmpuint (late->counts[NK_DASHBOARD_NOT_ARRIVED], ==, 1);
  g_assert_cmpstr (first_name (late, NK_DASHBOARD_NOT_ARRIVED), ==, "c6");
  g_assert_cmpuint (late->counts[NK_DASHBOARD_ILLNESS], ==, 0);
  g_clear_pointer (&late, nk_dashboard_figures_free);

  /* the family says fever, for two days */
  ill.until_date = "2026-11-24";
  id = nk_absence_record (f->store, nk_door_get_centre (f->door), "s1", &ill, NULL, &error);
  g_assert_no_error (error);
  late = read_now (f);
  g_assert_cmpuint (late->counts[NK_DASHBOARD_NOT_ARRIVED], ==, 1);   /* still not here, with its reason */
  g_assert_cmpuint (late->counts[NK_DASHBOARD_ILLNESS], ==, 1);
  g_assert_cmpstr (first_name (late, NK_DASHBOARD_ILLNESS), ==, "c6");
  g_assert_cmpstr (((NkDashboardName *) late->names[NK_DASHBOARD_ILLNESS]->pdata[0])->detail, ==, "Fever");

  /* the next day the reason recorded on Monday still covers c6 */
  nk_test_clock_advance (&f->clock, DAY_US);
  tuesday = read_now (f);
  g_assert_cmpuint (tuesday->counts[NK_DASHBOARD_ILLNESS], ==, 1);
}

static void
test_after_closing (Fixture *f, gconstpointer data)
{
  g_autoptr (NkDashboardFigures) afternoon = NULL;
  g_autoptr (NkDashboardFigures) evening = NULL;
  g_autoptr (NkDashboardFigures) set_back = NULL;
  g_autoptr (NkDashboardFigures) midnight = NULL;

  check (f, "c1", NK_DIRECTION_IN);
  check (f, "c2", NK_DIRECTION_IN);
  nk_test_clock_advance (&f->clock, 9 * HOUR_US);   /* 17:00 */
  check (f, "c2", NK_DIRECTION_OUT);
  afternoon = read_now (f);
  g_assert_cmpuint (afternoon->counts[NK_DASHBOARD_AFTER_CLOSING], ==, 0);

  nk_test_clock_advance (&f->clock, (gint64) 45 * 60 * G_USEC_PER_SEC);   /* 17:45 */
  evening = read_now (f);
  g_assert_cmpuint (evening->counts[NK_DASHBOARD_AFTER_CLOSING], ==, 1);
  g_assert_cmpstr (first_name (evening, NK_DASHBOARD_AFTER_CLOSING), ==, "c1");
  g_assert_cmpstr (((NkDashboardName *) evening->names[NK_DASHBOARD_AFTER_CLOSING]->pdata[0])->room_name, ==,
                   "Sunflower");

  /* the wall clock is set back to 17:15: before closing again */
  f->clock.real_us -= (gint64) 30 * 60 * G_USEC_PER_SEC;
  set_back = read_now (f);
  g_assert_cmpuint (set_back->counts[NK_DASHBOARD_AFTER_CLOSING], ==, 0);

  /* past midnight, c1's stay is yesterday's (an open stay), not today's */
  f->clock.real_us += 7 * HOUR_US;   /* 00:15 */
  midnight = read_now (f);
  g_assert_cmpuint (midnight->counts[NK_DASHBOARD_AFTER_CLOSING], ==, 0);
  g_assert_cmpuint (room (midnight, "r1")->present, ==, 0);
}

static void
test_health_sleep_medicine_incident (Fixture *f, gconstpointer data)
{
  g_autoptr (NkDashboardFigures) figures = NULL;
  g_autoptr (NkDashboardFigures) later = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) naps = NULL;
  g_autoptr (NkCareResult) care = NULL;
  g_autofree char *medicine = NULL;
  const char *const napping[] = { "c2", NULL };
  const char *const hurt[] = { "c3", NULL };
  NkHealthCheckSaved saved = { 0 };
  NkHealthCheck hc = { "c1", NK_HEALTH_MORNING, 366, 0, NK_HEALTH_GREEN, NULL };
  NkMedicineHandover handover = { "c1", "Syrup", "5 ml", "09:00", "g1", 0 };
  NkCareEntry incident = { .what = NK_CARE_INCIDENT, .text = "Fell", .place = "garden", .told = "phone" };
  const NkActor actor = { "staff", "s1" };

  clock_in (f, "s1");
  check (f, "c1", NK_DIRECTION_IN);
  check (f, "c2", NK_DIRECTION_IN);
  check (f, "c3", NK_DIRECTION_IN);
  g_assert_true (nk_health_check_record (nk_door_get_attendance (f->door), "s1", &hc, &saved, &error));
  g_assert_no_error (error);
  nk_health_check_saved_clear (&saved);
  handover.consent_us = f->clock.real_us;
  medicine = nk_medicine_hand_over (f->store, nk_door_get_centre (f->door), "s1", &handover, &error);
  g_assert_no_error (error);
  naps = nk_nap_start (f->store, nk_door_get_centre (f->door), "s1", napping, &error);
  g_assert_no_error (error);
  care = nk_care_record (f->store, nk_door_get_centre (f->door), &actor, hurt, &incident, NULL, 0, &error);
  g_assert_no_error (error);

  figures = read_now (f);
  g_assert_cmpuint (figures->counts[NK_DASHBOARD_HEALTH_PENDING], ==, 2);   /* c2, c3 */
  g_assert_cmpuint (figures->counts[NK_DASHBOARD_SLEEP_OVERDUE], ==, 0);
  g_assert_cmpuint (figures->counts[NK_DASHBOARD_MEDICINE_DUE], ==, 0);   /* 09:00 not yet */
  g_assert_cmpuint (figures->counts[NK_DASHBOARD_INCIDENTS_OPEN], ==, 1);
  g_assert_cmpstr (first_name (figures, NK_DASHBOARD_INCIDENTS_OPEN), ==, "c3");

  /* 09:00: the dose is due; no sleep check for an hour: overdue */
  nk_test_clock_advance (&f->clock, HOUR_US);
  later = read_now (f);
  g_assert_cmpuint (later->counts[NK_DASHBOARD_MEDICINE_DUE], ==, 1);
  g_assert_cmpstr (first_name (later, NK_DASHBOARD_MEDICINE_DUE), ==, "c1");
  g_assert_cmpuint (later->counts[NK_DASHBOARD_SLEEP_OVERDUE], ==, 1);
  g_assert_cmpstr (first_name (later, NK_DASHBOARD_SLEEP_OVERDUE), ==, "c2");
  g_assert_cmpint (later->pending, >, 0);
}

static void
test_checkups_cached (Fixture *f, gconstpointer data)
{
  g_autoptr (NkDashboardFigures) first = NULL;
  g_autoptr (NkDashboardFigures) again = NULL;
  g_autoptr (NkDashboardFigures) after = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *id = NULL;
  NkCheckupResult result = { "c1", "2026-11-23", 700, 8000, 0, 0, NK_SCREEN_PASS, NK_SCREEN_PASS, NULL };
  guint due;

  first = read_now (f);
  due = first->counts[NK_DASHBOARD_CHECKUPS_DUE];
  g_assert_cmpuint (due, >, 0);   /* born 2026-03-01: the 8-month check-up is due in November */
  g_assert_cmpuint (nk_dashboard_get_checkup_counts (f->dashboard), ==, 1);
  check (f, "c1", NK_DIRECTION_IN);
  again = read_now (f);
  g_assert_cmpuint (again->counts[NK_DASHBOARD_CHECKUPS_DUE], ==, due);
  g_assert_cmpuint (nk_dashboard_get_checkup_counts (f->dashboard), ==, 1);   /* from the day's cache */

  id = nk_checkup_record (f->store, nk_door_get_centre (f->door), "d1", &result, NULL, &error);
  g_assert_no_error (error);
  after = read_now (f);
  g_assert_cmpuint (nk_dashboard_get_checkup_counts (f->dashboard), ==, 2);
  /* the result does the entry check-up and the 8-month one of c1 */
  g_assert_cmpuint (after->counts[NK_DASHBOARD_CHECKUPS_DUE], <, due);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/nk/dashboard/rooms", Fixture, NULL, setup, test_rooms, teardown);
  g_test_add ("/nk/dashboard/not-arrived-illness", Fixture, NULL, setup, test_not_arrived_and_illness, teardown);
  g_test_add ("/nk/dashboard/after-closing", Fixture, NULL, setup, test_after_closing, teardown);
  g_test_add ("/nk/dashboard/health-sleep-medicine-incident", Fixture, NULL, setup,
              test_health_sleep_medicine_incident, teardown);
  g_test_add ("/nk/dashboard/checkups-cached", Fixture, NULL, setup, test_checkups_cached, teardown);
  return g_test_run ();
}
