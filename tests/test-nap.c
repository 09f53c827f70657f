/* test-nap.c — naps (nk-nap.h): start and end, each rule refused with its
 * own error and nothing written, the room-wide nap time as one record,
 * the end as a correction, and the nap's part of the child's day. */
#include "config.h"

#include "core/nk-child-day.h"
#include "core/nk-nap.h"
#include "core/nk-roster.h"
#include "nk-test-util.h"

#define MINUTES(m) ((gint64) (m) * 60 * G_USEC_PER_SEC)

typedef struct {
  char        *dir;
  NkStore     *store;
  NkDoor      *door;
  NkCentre    *centre;
  NkTestClock  clock;
} Fixture;

static void
setup (Fixture *f, gconstpointer data)
{
  GError *error = NULL;

  f->store = nk_test_store_new ("nap", &f->dir);
  g_assert_true (nk_roster_put_room (f->store, "r1", "Infants", NK_ROOM_INFANT, 10, &error));
  g_assert_true (nk_roster_put_child (f->store, "c1", "An", "2026-01-10", "r1", NULL, NULL, &error));
  g_assert_true (nk_roster_put_child (f->store, "c2", "Bo", "2025-12-01", "r1", NULL, NULL, &error));
  g_assert_true (nk_roster_put_child (f->store, "c3", "Cai", "2026-02-01", "r1", NULL, NULL, &error));
  g_assert_true (nk_roster_put_staff (f->store, "s1", "Teacher Li", NK_STAFF_CAREGIVER, NULL, "r1",
                                      &error));
  g_assert_no_error (error);
  nk_test_put_child_cards (f->store, 3);
  f->door = nk_test_door_at (f->store, &f->clock, NK_TEST_MONDAY_8AM_US);
  f->centre = nk_door_get_centre (f->door);
  nk_door_set_debounce (f->door, 0);
}

static void
teardown (Fixture *f, gconstpointer data)
{
  nk_test_door_close (&f->door, &f->store, &f->dir);
}

static void
tap (Fixture *f, const char *uid)
{
  g_autoptr (NkTapResult) result = nk_test_tap (f->door, uid);
}

static gint64
count_naps (Fixture *f)
{
  return nk_test_count (f->store, "SELECT count (*) FROM naps");
}

static gint64
count_events (Fixture *f)
{
  return nk_test_count (f->store, "SELECT count (*) FROM outbox WHERE type = 'nap'");
}

static char *
add (Fixture *f, const char *child, gint64 start, gint64 end, GError **error)
{
  return nk_nap_add (f->store, f->centre, "s1", child, start, end, error);
}

/* Refused with code, and nothing written for it: no row, no event. */
static void
refused (Fixture *f, const char *child, gint64 start, gint64 end, int code)
{
  gint64 rows = count_naps (f), events = count_events (f);
  GError *error = NULL;
  char *id = add (f, child, start, end, &error);

  g_assert_null (id);
  g_assert_error (error, NK_NAP_ERROR, code);
  g_message ("refused as expected: %s", error->message);
  g_error_free (error);
  g_assert_cmpint (count_naps (f), ==, rows);
  g_assert_cmpint (count_events (f), ==, events);
}

/* Start now, end an hour and 55 minutes later: one row stands, with
 * both times; the open row is kept, superseded; two events, the second
 * naming the first. */
static void
test_start_end (Fixture *f, gconstpointer data)
{
  const char *ids[] = { "c1", NULL };
  g_autoptr (GPtrArray) started = NULL;
  g_autoptr (GPtrArray) ended = NULL;
  g_autoptr (NkNap) open = NULL;
  g_autoptr (NkNap) after = NULL;
  g_autofree char *corrects = NULL;
  GError *error = NULL;

  tap (f, "04000001");
  nk_test_clock_advance (&f->clock, MINUTES (250));          /* 12:10 */
  started = nk_nap_start (f->store, f->centre, "s1", ids, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (started->len, ==, 1);
  open = nk_nap_get_open (f->store, "c1", &error);
  g_assert_no_error (error);
  g_assert_nonnull (open);
  g_assert_cmpstr (open->id, ==, started->pdata[0]);
  g_assert_cmpint (open->start_us, ==, NK_TEST_MONDAY_8AM_US + MINUTES (250));
  g_assert_cmpstr (open->room_id, ==, "r1");

  nk_test_clock_advance (&f->clock, MINUTES (115));          /* 14:05 */
  ended = nk_nap_end (f->store, f->centre, "s1", ids, 0, &error);
  g_assert_no_error (error);
  after = nk_nap_get_open (f->store, "c1", &error);
  g_assert_no_error (error);
  g_assert_null (after);
  g_assert_cmpint (count_naps (f), ==, 2);
  g_assert_cmpint (count_events (f), ==, 2);
  corrects = nk_test_text (f->store, "SELECT corrects FROM naps WHERE end_us IS NOT NULL");
  g_assert_cmpstr (corrects, ==, started->pdata[0]);
  g_assert_cmpint (nk_test_count (f->store, "SELECT count (*) FROM naps WHERE "
                                  NK_KIND_STANDS ("naps")), ==, 1);
  g_assert_cmpint (nk_test_count (f->store, "SELECT end_us - start_us FROM naps WHERE end_us IS NOT NULL"),
                   ==, MINUTES (115));
  g_assert_cmpint (nk_test_count (f->store, "SELECT count (*) FROM outbox WHERE type = 'nap' "
                                  "AND payload LIKE '%\"end_at\":\"2026-11-23T06:05:00.000Z\"%'"),
                   ==, 1);
}

/* Only a child who is checked in may nap; checked out, or never in today. */
static void
test_not_checked_in (Fixture *f, gconstpointer data)
{
  nk_test_clock_advance (&f->clock, MINUTES (60));
  refused (f, "c1", 0, 0, NK_NAP_ERROR_NOT_PRESENT);
  tap (f, "04000001");
  nk_test_clock_advance (&f->clock, MINUTES (60));
  tap (f, "04000001");                                       /* out */
  nk_test_clock_advance (&f->clock, MINUTES (1));
  refused (f, "c1", 0, 0, NK_NAP_ERROR_NOT_PRESENT);
  /* a nap from before the child arrived is refused too */
  tap (f, "04000001");                                       /* in again */
  nk_test_clock_advance (&f->clock, MINUTES (30));
  refused (f, "c1", NK_TEST_MONDAY_8AM_US + MINUTES (30), 0, NK_NAP_ERROR_NOT_PRESENT);
  g_assert_cmpint (count_naps (f), ==, 0);
  g_assert_cmpint (count_events (f), ==, 0);
}

/* Nothing in the future, no end before the start, at most 24 h. */
static void
test_times (Fixture *f, gconstpointer data)
{
  gint64 arrived;
  GError *error = NULL;
  g_autofree char *ok = NULL;

  tap (f, "04000001");
  arrived = f->clock.real_us;
  nk_test_clock_advance (&f->clock, MINUTES (120));
  refused (f, "c1", f->clock.real_us + MINUTES (1), 0, NK_NAP_ERROR_FUTURE);
  refused (f, "c1", arrived + MINUTES (10), f->clock.real_us + MINUTES (5), NK_NAP_ERROR_FUTURE);
  refused (f, "c1", arrived + MINUTES (60), arrived + MINUTES (30), NK_NAP_ERROR_ORDER);
  g_assert_cmpint (count_naps (f), ==, 0);

  /* open since this morning, then the next day at 08:05 (checked in all
   * night, not out): ending it would make more than 24 h */
  ok = add (f, "c1", arrived + MINUTES (1), 0, &error);
  g_assert_no_error (error);
  nk_test_clock_advance (&f->clock, MINUTES (24 * 60));
  {
    const char *ids[] = { "c1", NULL };
    GPtrArray *ended = nk_nap_end (f->store, f->centre, "s1", ids, 0, &error);

    g_assert_null (ended);
    g_assert_error (error, NK_NAP_ERROR, NK_NAP_ERROR_TOO_LONG);
    g_clear_error (&error);
  }
  g_assert_cmpint (count_naps (f), ==, 1);
}

/* Two naps of a child do not overlap, whether closed or open; one that
 * starts as another ends is fine. */
static void
test_overlap (Fixture *f, gconstpointer data)
{
  gint64 t0;
  GError *error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *touching = NULL;
  const char *ids[] = { "c1", NULL };
  GPtrArray *again;

  tap (f, "04000001");
  t0 = f->clock.real_us;
  nk_test_clock_advance (&f->clock, MINUTES (300));
  first = add (f, "c1", t0 + MINUTES (60), t0 + MINUTES (120), &error);
  g_assert_no_error (error);
  refused (f, "c1", t0 + MINUTES (90), t0 + MINUTES (150), NK_NAP_ERROR_OVERLAP);
  refused (f, "c1", t0 + MINUTES (30), t0 + MINUTES (70), NK_NAP_ERROR_OVERLAP);
  refused (f, "c1", t0 + MINUTES (30), 0, NK_NAP_ERROR_OVERLAP);
  touching = add (f, "c1", t0 + MINUTES (120), t0 + MINUTES (130), &error);
  g_assert_no_error (error);

  /* an open nap: a second start is refused, a nap after its start too */
  again = nk_nap_start (f->store, f->centre, "s1", ids, &error);
  g_assert_no_error (error);
  g_ptr_array_unref (again);
  nk_test_clock_advance (&f->clock, MINUTES (5));
  again = nk_nap_start (f->store, f->centre, "s1", ids, &error);
  g_assert_null (again);
  g_assert_error (error, NK_NAP_ERROR, NK_NAP_ERROR_OVERLAP);
  g_clear_error (&error);
  g_assert_cmpint (count_naps (f), ==, 3);
}

/* Nap time for the room: one record, a row per child; one child not
 * here refuses the whole, naming that child. */
static void
test_room_nap_time (Fixture *f, gconstpointer data)
{
  const char *all[] = { "c1", "c2", "c3", NULL };
  const char *here[] = { "c1", "c2", NULL };
  g_autoptr (GPtrArray) started = NULL;
  g_autoptr (GPtrArray) ended = NULL;
  GError *error = NULL;
  GPtrArray *refused;

  tap (f, "04000001");
  tap (f, "04000002");
  nk_test_clock_advance (&f->clock, MINUTES (240));
  refused = nk_nap_start (f->store, f->centre, "s1", all, &error);
  g_assert_null (refused);
  g_assert_error (error, NK_NAP_ERROR, NK_NAP_ERROR_NOT_PRESENT);
  g_assert_nonnull (strstr (error->message, "Cai"));
  g_clear_error (&error);
  g_assert_cmpint (count_naps (f), ==, 0);

  started = nk_nap_start (f->store, f->centre, "s1", here, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (started->len, ==, 2);
  g_assert_cmpint (count_events (f), ==, 2);
  nk_test_clock_advance (&f->clock, MINUTES (90));
  ended = nk_nap_end (f->store, f->centre, "s1", here, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ended->len, ==, 2);
  g_assert_cmpint (nk_test_count (f->store, "SELECT count (*) FROM naps WHERE end_us IS NULL "
                                  "AND " NK_KIND_STANDS ("naps")), ==, 0);
}

/* Ending a child who is awake says so. */
static void
test_end_awake (Fixture *f, gconstpointer data)
{
  const char *ids[] = { "c1", NULL };
  GError *error = NULL;
  GPtrArray *ended;

  tap (f, "04000001");
  ended = nk_nap_end (f->store, f->centre, "s1", ids, 0, &error);
  g_assert_null (ended);
  g_assert_error (error, NK_NAP_ERROR, NK_NAP_ERROR_NOT_NAPPING);
  g_clear_error (&error);
}

/* The day: a line per nap with its span and length, "napping" while
 * open. */
static void
test_day (Fixture *f, gconstpointer data)
{
  const char *ids[] = { "c1", NULL };
  g_autoptr (GPtrArray) started = NULL;
  g_autoptr (GPtrArray) ended = NULL;
  GError *error = NULL;

  tap (f, "04000001");
  nk_test_clock_advance (&f->clock, MINUTES (250));
  started = nk_nap_start (f->store, f->centre, "s1", ids, &error);
  g_assert_no_error (error);
  {
    g_autoptr (NkDaySet) set = nk_day_set_load_room (f->store, f->centre, "r1", "2026-11-23", &error);
    NkChildDay *an = nk_day_set_find (set, "c1");

    g_assert_no_error (error);
    g_assert_nonnull (nk_child_day_get_mark (an, "nap.asleep"));
    g_assert_null (nk_child_day_get_mark (nk_day_set_find (set, "c2"), "nap.asleep"));
  }
  nk_test_clock_advance (&f->clock, MINUTES (115));
  ended = nk_nap_end (f->store, f->centre, "s1", ids, 0, &error);
  g_assert_no_error (error);
  {
    g_autoptr (NkDaySet) set = nk_day_set_load_child (f->store, f->centre, "c1", "2026-11-23", &error);
    NkChildDay *an = nk_day_set_find (set, "c1");
    g_autoptr (GPtrArray) naps = nk_child_day_get_lines (an, NK_DAY_NAP);
    NkDayLine *line;

    g_assert_no_error (error);
    g_assert_null (nk_child_day_get_mark (an, "nap.asleep"));
    g_assert_cmpuint (naps->len, ==, 1);
    line = naps->pdata[0];
    g_assert_cmpint (line->at_us, ==, NK_TEST_MONDAY_8AM_US + MINUTES (250));
    g_assert_cmpint (line->until_us, ==, NK_TEST_MONDAY_8AM_US + MINUTES (365));
    g_assert_cmpstr (line->detail, ==, "1 h 55 min");
    g_assert_cmpstr (line->staff_name, ==, "Teacher Li");
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, setup, fn, teardown)
  ADD ("/nk/nap/start-end", test_start_end);
  ADD ("/nk/nap/not-checked-in", test_not_checked_in);
  ADD ("/nk/nap/times", test_times);
  ADD ("/nk/nap/overlap", test_overlap);
  ADD ("/nk/nap/room-nap-time", test_room_nap_time);
  ADD ("/nk/nap/end-awake", test_end_awake);
  ADD ("/nk/nap/day", test_day);
#undef ADD

  return g_test_run ();
}
