/* test-child-day.c — a child's day from the sources (nk-child-day.h):
 * one child's set and a room's set read the same rows; attendance gives
 * the arrival line, presence and the "gone home" mark. */
#include "config.h"

#include "core/nk-child-day.h"
#include "core/nk-door.h"
#include "core/nk-roster.h"
#include "nk-test-util.h"

#define MINUTES(m) ((gint64) (m) * 60 * G_USEC_PER_SEC)

typedef struct {
  char        *dir;
  NkStore     *store;
  NkDoor      *door;
  NkTestClock  clock;
} Fixture;

static void
setup (Fixture *f, gconstpointer data)
{
  GError *error = NULL;

  f->store = nk_test_store_new ("child-day", &f->dir);
  nk_test_put_toddlers (f->store);
  g_assert_true (nk_roster_put_room (f->store, "r2", "Infants", NK_ROOM_INFANT, 10, &error));
  g_assert_true (nk_roster_put_child (f->store, "c3", "Cai", "2026-06-01", "r2", NULL, NULL, &error));
  g_assert_true (nk_roster_put_guardian (f->store, "g1", "Mum of An", NULL, "mother", &error));
  g_assert_true (nk_roster_link (f->store, "c1", "g1", TRUE, &error));
  g_assert_no_error (error);
  nk_test_put_child_cards (f->store, 3);
  f->door = nk_test_door_at (f->store, &f->clock, NK_TEST_MONDAY_8AM_US);
  nk_door_set_debounce (f->door, 0);
}

static void
teardown (Fixture *f, gconstpointer data)
{
  nk_test_door_close (&f->door, &f->store, &f->dir);
}

static void
tap (Fixture *f, const char *uid, gint64 minutes_later)
{
  g_autoptr (NkTapResult) result = NULL;

  nk_test_clock_advance (&f->clock, MINUTES (minutes_later));
  result = nk_test_tap (f->door, uid);
}

static NkDaySet *
load_room (Fixture *f, const char *room)
{
  g_autoptr (GError) error = NULL;
  NkDaySet *set = nk_day_set_load_room (f->store, nk_door_get_centre (f->door), room,
                                        "2026-11-23", &error);

  g_assert_no_error (error);
  g_assert_nonnull (set);
  return set;
}

/* A room's set holds its active children, by name, each with its age on
 * the date; another room's children are not in it. */
static void
test_room_children (Fixture *f, gconstpointer data)
{
  g_autoptr (NkDaySet) set = load_room (f, "r1");

  g_assert_cmpuint (nk_day_set_get_n (set), ==, 2);
  g_assert_cmpstr (nk_day_set_get (set, 0)->child_id, ==, "c1");
  g_assert_cmpstr (nk_day_set_get (set, 1)->child_id, ==, "c2");
  g_assert_cmpint (nk_day_set_get (set, 0)->age_months, ==, 18);
  /* 2024-12-01 → 2026-11-23: 23 whole months, not 24 */
  g_assert_cmpint (nk_day_set_get (set, 1)->age_months, ==, 23);
  g_assert_null (nk_day_set_find (set, "c3"));
  g_assert_cmpstr (nk_day_set_get_room (set), ==, "r1");
  g_assert_null (nk_day_set_get_child (set));

  g_assert_true (nk_roster_set_child_active (f->store, "c2", FALSE, NULL));
  {
    g_autoptr (NkDaySet) after = load_room (f, "r1");
    g_assert_cmpuint (nk_day_set_get_n (after), ==, 1);
  }
}

/* Arrival: one line at the first check-in, whoever brought the child;
 * gone home: a mark, and the child is no longer present. */
static void
test_attendance (Fixture *f, gconstpointer data)
{
  g_autoptr (NkDaySet) morning = NULL;
  g_autoptr (NkDaySet) evening = NULL;
  NkChildDay *an;
  NkDayLine *line;

  tap (f, "04000001", 5);           /* 08:05 in */
  tap (f, "04000002", 1);           /* 08:06 in */
  morning = load_room (f, "r1");
  an = nk_day_set_find (morning, "c1");
  g_assert_true (an->present);
  g_assert_cmpint (an->arrived_us, ==, NK_TEST_MONDAY_8AM_US + MINUTES (5));
  g_assert_cmpint (an->left_us, ==, 0);
  g_assert_cmpuint (an->lines->len, ==, 1);
  line = an->lines->pdata[0];
  g_assert_cmpint (line->topic, ==, NK_DAY_ARRIVAL);
  g_assert_nonnull (line->record_id);
  g_assert_null (nk_child_day_get_mark (an, "attendance.left"));

  tap (f, "04000001", 60 * 8);      /* 16:06 out */
  tap (f, "04000001", 5);           /* 16:11 back in (forgot the bag) */
  tap (f, "04000001", 5);           /* 16:16 out */
  evening = load_room (f, "r1");
  an = nk_day_set_find (evening, "c1");
  g_assert_false (an->present);
  g_assert_cmpint (an->arrived_us, ==, NK_TEST_MONDAY_8AM_US + MINUTES (5));
  g_assert_cmpint (an->left_us, ==, NK_TEST_MONDAY_8AM_US + MINUTES (6 + 60 * 8 + 10));
  g_assert_cmpuint (an->lines->len, ==, 1);
  g_assert_nonnull (nk_child_day_get_mark (an, "attendance.left"));
  g_assert_true (nk_day_set_find (evening, "c2")->present);
}

/* One child's set is that child's day, whatever room it is in. */
static void
test_child_set (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (NkDaySet) set = NULL;
  g_autoptr (GPtrArray) arrivals = NULL;

  tap (f, "04000003", 1);
  set = nk_day_set_load_child (f->store, nk_door_get_centre (f->door), "c3", "2026-11-23", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (nk_day_set_get_n (set), ==, 1);
  g_assert_cmpstr (nk_day_set_get_child (set), ==, "c3");
  g_assert_true (nk_day_set_get (set, 0)->present);
  g_assert_cmpint (nk_day_set_get (set, 0)->age_months, ==, 5);
  arrivals = nk_child_day_get_lines (nk_day_set_get (set, 0), NK_DAY_ARRIVAL);
  g_assert_cmpuint (arrivals->len, ==, 1);

  /* another date has nothing */
  {
    g_autoptr (NkDaySet) other = nk_day_set_load_child (f->store, nk_door_get_centre (f->door),
                                                        "c3", "2026-11-22", &error);
    g_assert_no_error (error);
    g_assert_cmpuint (nk_day_set_get (other, 0)->lines->len, ==, 0);
    g_assert_false (nk_day_set_get (other, 0)->present);
  }
}

/* Marks: one per key, the latest label wins. */
static void
test_marks (Fixture *f, gconstpointer data)
{
  g_autoptr (NkDaySet) set = load_room (f, "r1");
  NkChildDay *day = nk_day_set_get (set, 0);

  nk_child_day_add_mark (day, "x.due", "Due", NK_DAY_MARK_DUE);
  nk_child_day_add_mark (day, "x.due", "Overdue", NK_DAY_MARK_WARNING);
  g_assert_cmpuint (day->marks->len, ==, 1);
  g_assert_cmpstr (nk_child_day_get_mark (day, "x.due")->label, ==, "Overdue");
  g_assert_cmpint (nk_child_day_get_mark (day, "x.due")->level, ==, NK_DAY_MARK_WARNING);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn) g_test_add ("/nk/child-day/" path, Fixture, NULL, setup, fn, teardown)
  ADD ("room-children", test_room_children);
  ADD ("attendance", test_attendance);
  ADD ("child-set", test_child_set);
  ADD ("marks", test_marks);
  return g_test_run ();
}
