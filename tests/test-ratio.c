/* test-ratio.c — the ratio of a room (nk-ratio.h) at its boundaries, and
 * the watch (nk-ratio-watch.h): a room red for ratio.breach-minutes on
 * the centre's monotonic clock raises one urgent "ratio.breach", its
 * recovery one "ratio.cleared", and a later red spell is a new episode. */
#include "config.h"

#include "core/nk-attendance.h"
#include "core/nk-ratio-watch.h"
#include "core/nk-record.h"
#include "core/nk-relay.h"
#include "core/nk-roster.h"
#include "core/nk-staff-clock.h"
#include "nk-test-util.h"

static void
test_state_boundaries (void)
{
  /* 0 children: within whatever the staff */
  g_assert_cmpuint (nk_room_kind_staff_needed (NK_ROOM_INFANT, 0), ==, 0);
  g_assert_cmpint (nk_ratio_state (NK_ROOM_INFANT, 0, 0), ==, NK_RATIO_WITHIN);
  /* children and no staff: below */
  g_assert_cmpint (nk_ratio_state (NK_ROOM_TODDLER, 1, 0), ==, NK_RATIO_BELOW);
  /* exactly at the limit: amber (one more would break it) */
  g_assert_cmpuint (nk_room_kind_staff_needed (NK_ROOM_INFANT, 3), ==, 1);
  g_assert_cmpint (nk_ratio_state (NK_ROOM_INFANT, 3, 1), ==, NK_RATIO_AT_LIMIT);
  g_assert_cmpint (nk_ratio_state (NK_ROOM_TODDLER, 10, 2), ==, NK_RATIO_AT_LIMIT);
  g_assert_cmpint (nk_ratio_state (NK_ROOM_SENIOR_TODDLER, 7, 1), ==, NK_RATIO_AT_LIMIT);
  /* one over: red */
  g_assert_cmpuint (nk_room_kind_staff_needed (NK_ROOM_INFANT, 4), ==, 2);
  g_assert_cmpint (nk_ratio_state (NK_ROOM_INFANT, 4, 1), ==, NK_RATIO_BELOW);
  g_assert_cmpint (nk_ratio_state (NK_ROOM_TODDLER, 11, 2), ==, NK_RATIO_BELOW);
  g_assert_cmpint (nk_ratio_state (NK_ROOM_SENIOR_TODDLER, 8, 1), ==, NK_RATIO_BELOW);
  /* one under: green */
  g_assert_cmpint (nk_ratio_state (NK_ROOM_INFANT, 2, 1), ==, NK_RATIO_WITHIN);
  g_assert_cmpint (nk_ratio_state (NK_ROOM_SENIOR_TODDLER, 13, 2), ==, NK_RATIO_WITHIN);
  g_assert_cmpstr (nk_ratio_state_to_string (NK_RATIO_AT_LIMIT), ==, "at-limit");
}

typedef struct {
  char         *dir;
  NkStore      *store;
  NkDoor       *door;
  NkTestClock   clock;
  NkRatioWatch *watch;
  guint         raised;
  guint         changed;
} Fixture;

static void
on_raised (NkRatioWatch *watch, const char *id, Fixture *f)
{
  f->raised++;
}

static void
on_changed (NkRatioWatch *watch, Fixture *f)
{
  f->changed++;
}

/* An infant room of 4 with one caregiver, s1 (s2 on the roster too). */
static void
setup (Fixture *f, gconstpointer data)
{
  GError *error = NULL;

  f->store = nk_test_store_new ("ratio", &f->dir);
  g_assert_true (nk_roster_put_room (f->store, "r1", "Sunflower", NK_ROOM_INFANT, 10, &error));
  for (guint i = 1; i <= 4; i++)
    {
      g_autofree char *id = g_strdup_printf ("c%u", i);

      g_assert_true (nk_roster_put_child (f->store, id, id, "2026-03-01", "r1", NULL, NULL, &error));
    }
  g_assert_true (nk_roster_put_staff (f->store, "s1", "Ms Li", NK_STAFF_CAREGIVER, NULL, "r1", &error));
  g_assert_true (nk_roster_put_staff (f->store, "s2", "Ms Wu", NK_STAFF_CAREGIVER, NULL, "r1", &error));
  g_assert_no_error (error);
  f->door = nk_test_door_at (f->store, &f->clock, NK_TEST_MONDAY_8AM_US);
  nk_ratio_set_breach_minutes (5);
  f->watch = nk_ratio_watch_new (f->store, nk_door_get_centre (f->door));
  g_signal_connect (f->watch, "raised", G_CALLBACK (on_raised), f);
  g_signal_connect (f->watch, "changed", G_CALLBACK (on_changed), f);
}

static void
teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->watch);
  nk_test_door_close (&f->door, &f->store, &f->dir);
}

static void
clock_in (Fixture *f, const char *staff_id)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (NkTapResult) r = nk_staff_clock_pin (nk_door_get_staff_clock (f->door), staff_id, &error);

  g_assert_no_error (error);
}

static void
check (Fixture *f, const char *child_id, NkDirection direction)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (NkTapResult) r = nk_attendance_manual (nk_door_get_attendance (f->door), "s1", child_id,
                                                    direction, "forgot card", &error);

  g_assert_no_error (error);
}

static void
minutes (Fixture *f, guint n)
{
  nk_test_clock_advance (&f->clock, (gint64) n * 60 * G_USEC_PER_SEC);
  nk_ratio_watch_update (f->watch);
}

static gint64
count (Fixture *f, const char *type)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM outbox WHERE type = '%s'", type);

  return nk_test_count (f->store, sql);
}

static void
test_watch_episode (Fixture *f, gconstpointer data)
{
  clock_in (f, "s1");
  for (guint i = 1; i <= 4; i++)
    {
      g_autofree char *id = g_strdup_printf ("c%u", i);

      check (f, id, NK_DIRECTION_IN);
    }
  nk_ratio_watch_update (f->watch);
  g_assert_cmpuint (nk_ratio_watch_count_red (f->watch), ==, 1);

  minutes (f, 4);
  g_assert_cmpint (count (f, "ratio.breach"), ==, 0);
  minutes (f, 1);
  g_assert_cmpint (count (f, "ratio.breach"), ==, 1);
  g_assert_cmpuint (f->raised, ==, 1);
  g_assert_cmpuint (nk_ratio_watch_get_breaches (f->watch)->len, ==, 1);
  /* urgent, and what the banner says */
  g_assert_cmpint (nk_test_count (f->store, "SELECT urgent FROM outbox WHERE type = 'ratio.breach'"), ==, 1);
  nk_test_assert_text (f->store, "SELECT json_extract (payload, '$.caregivers') || '/' || "
                       "json_extract (payload, '$.children') || '/' || json_extract (payload, '$.needed') "
                       "FROM outbox WHERE type = 'ratio.breach'", "1/4/2");
  {
    g_autofree char *text = nk_ratio_breach_describe (nk_ratio_watch_get_breaches (f->watch)->pdata[0],
                                                      nk_door_get_centre (f->door));

    g_assert_cmpstr (text, ==, "Sunflower below ratio since 08:00: 1 caregiver for 4 children");
  }

  /* once per episode */
  minutes (f, 30);
  g_assert_cmpint (count (f, "ratio.breach"), ==, 1);
  g_assert_cmpuint (f->raised, ==, 1);

  /* recovery: a second caregiver */
  clock_in (f, "s2");
  g_assert_cmpint (count (f, "ratio.cleared"), ==, 1);
  g_assert_cmpint (nk_test_count (f->store, "SELECT urgent FROM outbox WHERE type = 'ratio.cleared'"), ==, 1);
  g_assert_cmpuint (nk_ratio_watch_get_breaches (f->watch)->len, ==, 0);
  minutes (f, 10);
  g_assert_cmpint (count (f, "ratio.cleared"), ==, 1);

  /* a new episode: s2 leaves; under 5 minutes red is nothing yet */
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (NkTapResult) r = nk_staff_clock_out (nk_door_get_staff_clock (f->door), "s2", &error);

    g_assert_no_error (error);
  }
  minutes (f, 2);
  check (f, "c4", NK_DIRECTION_OUT);   /* back within before the limit */
  minutes (f, 10);
  g_assert_cmpint (count (f, "ratio.breach"), ==, 1);
  check (f, "c4", NK_DIRECTION_IN);
  minutes (f, 5);
  g_assert_cmpint (count (f, "ratio.breach"), ==, 2);
  g_assert_cmpuint (f->raised, ==, 2);
}

/* The wall clock set back an hour does not restart the count: the watch
 * times on the monotonic clock. */
static void
test_watch_wall_clock (Fixture *f, gconstpointer data)
{
  clock_in (f, "s1");
  for (guint i = 1; i <= 4; i++)
    {
      g_autofree char *id = g_strdup_printf ("c%u", i);

      check (f, id, NK_DIRECTION_IN);
    }
  minutes (f, 3);
  f->clock.real_us -= G_GINT64_CONSTANT (3600) * G_USEC_PER_SEC;
  minutes (f, 2);
  g_assert_cmpint (count (f, "ratio.breach"), ==, 1);
}

/* A breach relayed from another door is open here: none is raised for
 * the same room however long it stays red; the recovery here ends it. */
static void
test_watch_relayed (Fixture *f, gconstpointer data)
{
  g_autofree char *dir2 = NULL;
  g_autoptr (NkStore) other = nk_test_store_new ("ratio-other", &dir2);
  GError *error = NULL;
  g_autoptr (GTimeZone) tz = g_time_zone_new_identifier ("Asia/Shanghai");
  g_autoptr (NkCentre) centre = nk_centre_new (tz);
  g_autofree char *id = NULL;

  clock_in (f, "s1");
  for (guint i = 1; i <= 4; i++)
    {
      g_autofree char *child = g_strdup_printf ("c%u", i);

      check (f, child, NK_DIRECTION_IN);
    }
  g_assert_true (nk_roster_put_room (other, "r1", "Sunflower", NK_ROOM_INFANT, 10, &error));
  g_assert_no_error (error);
  id = nk_ratio_record_breach (other, centre, "r1", 4, 1, g_get_real_time (), NK_ROOM_INFANT, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (nk_test_relay (other, f->store, "ratio.breach"), ==, 1);
  nk_ratio_watch_update (f->watch);
  g_assert_cmpuint (nk_ratio_watch_get_breaches (f->watch)->len, ==, 1);
  g_assert_cmpuint (f->raised, ==, 1);
  minutes (f, 10);
  g_assert_cmpint (count (f, "ratio.breach"), ==, 0);   /* none of this door's own */
  clock_in (f, "s2");
  g_assert_cmpint (count (f, "ratio.cleared"), ==, 1);
  g_assert_cmpuint (nk_ratio_watch_get_breaches (f->watch)->len, ==, 0);
  g_clear_object (&other);
  nk_test_dir_remove (dir2);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/nk/ratio/state-boundaries", test_state_boundaries);
  g_test_add ("/nk/ratio/watch-episode", Fixture, NULL, setup, test_watch_episode, teardown);
  g_test_add ("/nk/ratio/watch-wall-clock", Fixture, NULL, setup, test_watch_wall_clock, teardown);
  g_test_add ("/nk/ratio/watch-relayed", Fixture, NULL, setup, test_watch_relayed, teardown);
  return g_test_run ();
}
