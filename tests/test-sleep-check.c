/* test-sleep-check.c — sleep checks (nk-sleep-check.h), the watch
 * (nk-sleep-watch.h) on a fake clock and on its real timer, the
 * escalation once per gap with its event, and the day's report of gaps
 * (nk-sleep-report.h). */
#include "config.h"

#include "core/nk-child-day.h"
#include "core/nk-nap.h"
#include "core/nk-roster.h"
#include "core/nk-sleep-check.h"
#include "core/nk-sleep-report.h"
#include "core/nk-sleep-watch.h"
#include "nk-test-util.h"

#define MINUTES(m) ((gint64) (m) * 60 * G_USEC_PER_SEC)

typedef struct {
  char        *dir;
  NkStore     *store;
  NkDoor      *door;
  NkCentre    *centre;
  NkTestClock  clock;
  guint        n_due;
  guint        n_overdue;
  GStrv        last_due;
  GStrv        last_overdue;
} Fixture;

static void
set_settings (guint minutes, guint rooms)
{
  NkSleepSettings s = { minutes, rooms };

  nk_sleep_settings_set (&s);
}

static void
setup (Fixture *f, gconstpointer data)
{
  GError *error = NULL;

  set_settings (10, 0);
  f->store = nk_test_store_new ("sleep-check", &f->dir);
  g_assert_true (nk_roster_put_room (f->store, "r1", "Infants", NK_ROOM_INFANT, 10, &error));
  g_assert_true (nk_roster_put_room (f->store, "r2", "Toddlers", NK_ROOM_TODDLER, 15, &error));
  /* 11 months and 13 months old on 2026-11-23 */
  g_assert_true (nk_roster_put_child (f->store, "c1", "An", "2025-12-20", "r1", NULL, NULL, &error));
  g_assert_true (nk_roster_put_child (f->store, "c2", "Bo", "2025-10-10", "r1", NULL, NULL, &error));
  g_assert_true (nk_roster_put_child (f->store, "c3", "Cai", "2025-01-01", "r2", NULL, NULL, &error));
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
  g_clear_object (&f->door);
  g_clear_object (&f->store);
  g_clear_pointer (&f->last_due, g_strfreev);
  g_clear_pointer (&f->last_overdue, g_strfreev);
  nk_test_dir_remove (f->dir);
  g_free (f->dir);
  set_settings (10, 0);
}

static void
tap (Fixture *f, const char *uid)
{
  g_autoptr (NkTapResult) result = nk_test_tap (f->door, uid);
}

/* In at 08:00, napping from 12:00 (clock left at 12:00). */
static void
nap_from_noon (Fixture *f, const char *const *children)
{
  g_autoptr (GPtrArray) ids = NULL;
  g_autoptr (GError) error = NULL;

  tap (f, "04000001");
  tap (f, "04000002");
  tap (f, "04000003");
  nk_test_clock_advance (&f->clock, MINUTES (240));
  ids = nk_nap_start (f->store, f->centre, "s1", children, &error);
  g_assert_no_error (error);
}

static char *
check (Fixture *f, const char *child, NkSleepPosition position, gboolean *flagged)
{
  g_autoptr (GError) error = NULL;
  char *id = nk_sleep_check_record (f->store, f->centre, "s1", child, position, TRUE, TRUE,
                                    flagged, &error);

  g_assert_no_error (error);
  g_assert_nonnull (id);
  return id;
}

/* A check: its row and its event, with the staff member, the nap and
 * the position. */
static void
test_record (Fixture *f, gconstpointer data)
{
  const char *kids[] = { "c2", NULL };
  g_autofree char *id = NULL;
  g_autofree char *payload = NULL;
  g_autofree char *sql = NULL;
  gboolean flagged = TRUE;

  nap_from_noon (f, kids);
  nk_test_clock_advance (&f->clock, MINUTES (9));
  id = check (f, "c2", NK_SLEEP_SIDE, &flagged);
  g_assert_false (flagged);
  sql = g_strdup_printf ("SELECT payload FROM outbox WHERE event_id = '%s' AND type = 'sleep_check'",
                         id);
  payload = nk_test_text (f->store, sql);
  g_assert_nonnull (payload);
  g_assert_nonnull (strstr (payload, "\"position\":\"side\""));
  g_assert_nonnull (strstr (payload, "\"by_id\":\"s1\""));
  g_assert_nonnull (strstr (payload, "\"breathing_ok\":true"));
  g_assert_cmpint (nk_test_count (f->store, "SELECT count (*) FROM sleep_checks k JOIN naps n "
                                  "ON n.id = k.nap_id WHERE k.child_id = 'c2' AND k.by_id = 's1' "
                                  "AND k.at_us = 1795406940000000"), ==, 1);
}

/* On the front: flagged at 11 months, not at 13; the flag is in the
 * row, the event, and a line of the parent's day. */
static void
test_front_flagged (Fixture *f, gconstpointer data)
{
  const char *kids[] = { "c1", "c2", NULL };
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  gboolean flagged_11 = FALSE, flagged_13 = TRUE;
  GError *error = NULL;

  nap_from_noon (f, kids);
  nk_test_clock_advance (&f->clock, MINUTES (5));
  a = check (f, "c1", NK_SLEEP_FRONT, &flagged_11);
  b = check (f, "c2", NK_SLEEP_FRONT, &flagged_13);
  g_assert_true (flagged_11);
  g_assert_false (flagged_13);
  g_assert_cmpint (nk_test_count (f->store, "SELECT count (*) FROM sleep_checks WHERE flagged"), ==, 1);
  g_assert_cmpint (nk_test_count (f->store, "SELECT count (*) FROM outbox WHERE type = 'sleep_check' "
                                  "AND payload LIKE '%\"flagged\":true%'"), ==, 1);
  {
    g_autoptr (NkDaySet) set = nk_day_set_load_room (f->store, f->centre, "r1", "2026-11-23", &error);
    g_autoptr (GPtrArray) an = nk_child_day_get_lines (nk_day_set_find (set, "c1"), NK_DAY_NAP);
    g_autoptr (GPtrArray) bo = nk_child_day_get_lines (nk_day_set_find (set, "c2"), NK_DAY_NAP);
    guint flagged_lines = 0;

    g_assert_no_error (error);
    for (guint i = 0; i < an->len; i++)
      flagged_lines += (((NkDayLine *) an->pdata[i])->flags & NK_DAY_LINE_FLAGGED) != 0;
    g_assert_cmpuint (flagged_lines, ==, 1);
    for (guint i = 0; i < bo->len; i++)
      g_assert_false (((NkDayLine *) bo->pdata[i])->flags & NK_DAY_LINE_FLAGGED);
  }
}

/* A child who is not napping is not checked: said, nothing written. */
static void
test_not_napping (Fixture *f, gconstpointer data)
{
  GError *error = NULL;
  char *id;

  tap (f, "04000001");
  id = nk_sleep_check_record (f->store, f->centre, "s1", "c1", NK_SLEEP_BACK, TRUE, TRUE, NULL,
                              &error);
  g_assert_null (id);
  g_assert_error (error, NK_SLEEP_CHECK_ERROR, NK_SLEEP_CHECK_ERROR_NOT_NAPPING);
  g_clear_error (&error);
  g_assert_cmpint (nk_test_count (f->store, "SELECT count (*) FROM sleep_checks"), ==, 0);
  g_assert_cmpint (nk_test_count (f->store, "SELECT count (*) FROM outbox WHERE type = 'sleep_check'"),
                   ==, 0);
}

static void
on_due (Fixture *f, GStrv ids, NkSleepWatch *watch)
{
  f->n_due++;
  g_strfreev (f->last_due);
  f->last_due = g_strdupv (ids);
}

static void
on_overdue (Fixture *f, GStrv ids, NkSleepWatch *watch)
{
  f->n_overdue++;
  g_strfreev (f->last_overdue);
  f->last_overdue = g_strdupv (ids);
}

static NkSleepWatch *
watch_new (Fixture *f)
{
  NkSleepWatch *watch = nk_sleep_watch_new (f->store, f->centre);

  g_signal_connect_swapped (watch, "due", G_CALLBACK (on_due), f);
  g_signal_connect_swapped (watch, "overdue", G_CALLBACK (on_overdue), f);
  nk_sleep_watch_update (watch);
  return watch;
}

/* Moves the fake clock to the watch's next wake and lets it look, as its
 * timer would. */
static void
wake (Fixture *f, NkSleepWatch *watch)
{
  gint64 at = nk_sleep_watch_get_wake_us (watch);

  g_assert_cmpint (at, >, f->clock.real_us);
  nk_test_clock_advance (&f->clock, at - f->clock.real_us);
  nk_sleep_watch_update (watch);
}

static gint64
overdue_events (Fixture *f)
{
  return nk_test_count (f->store, "SELECT count (*) FROM outbox WHERE type = 'sleep_check.overdue'");
}

/* Due at start + interval, overdue after one more interval; a check
 * moves the due time; escalation is once per gap, with one event as
 * the system; a new gap escalates again. */
static void
test_watch_timers (Fixture *f, gconstpointer data)
{
  const char *kids[] = { "c1", NULL };
  g_autoptr (NkSleepWatch) watch = NULL;
  g_autofree char *checked = NULL;
  g_autofree char *by = NULL;
  gint64 start;

  nap_from_noon (f, kids);
  start = f->clock.real_us;
  watch = watch_new (f);
  g_assert_cmpuint (nk_sleep_watch_get_children (watch)->len, ==, 1);
  g_assert_cmpuint (nk_sleep_watch_count (watch, NK_SLEEP_WAITING), ==, 1);
  g_assert_cmpint (nk_sleep_watch_get_wake_us (watch), ==, start + MINUTES (10));

  wake (f, watch);                                           /* 12:10 */
  g_assert_cmpuint (f->n_due, ==, 1);
  g_assert_cmpstr (f->last_due[0], ==, "c1");
  g_assert_cmpuint (nk_sleep_watch_count (watch, NK_SLEEP_DUE), ==, 1);
  g_assert_cmpuint (f->n_overdue, ==, 0);
  /* overdue when MORE than one interval late */
  g_assert_cmpint (nk_sleep_watch_get_wake_us (watch), ==, start + MINUTES (20) + 1);
  nk_sleep_watch_update (watch);
  g_assert_cmpuint (f->n_due, ==, 1);                        /* said once */

  wake (f, watch);                                           /* 12:20 + 1 µs */
  g_assert_cmpuint (f->n_overdue, ==, 1);
  g_assert_cmpstr (f->last_overdue[0], ==, "c1");
  g_assert_cmpint (overdue_events (f), ==, 1);
  by = nk_test_text (f->store, "SELECT by_kind FROM sleep_check_overdue");
  g_assert_cmpstr (by, ==, "system");
  g_assert_cmpint (nk_sleep_watch_get_wake_us (watch), ==, 0);

  /* the same gap: looked at again, and by a second watch (a restart) */
  nk_test_clock_advance (&f->clock, MINUTES (3));
  nk_sleep_watch_update (watch);
  g_assert_cmpuint (f->n_overdue, ==, 1);
  {
    g_autoptr (NkSleepWatch) again = nk_sleep_watch_new (f->store, f->centre);

    nk_sleep_watch_update (again);
    g_assert_cmpuint (nk_sleep_watch_count (again, NK_SLEEP_OVERDUE), ==, 1);
  }
  g_assert_cmpint (overdue_events (f), ==, 1);

  /* a check: waiting again, due 10 minutes after it */
  checked = check (f, "c1", NK_SLEEP_BACK, NULL);
  g_assert_cmpuint (nk_sleep_watch_count (watch, NK_SLEEP_WAITING), ==, 1);
  g_assert_cmpint (nk_sleep_watch_get_wake_us (watch), ==, f->clock.real_us + MINUTES (10));
  wake (f, watch);
  g_assert_cmpuint (f->n_due, ==, 2);
  wake (f, watch);
  g_assert_cmpuint (f->n_overdue, ==, 2);
  g_assert_cmpint (overdue_events (f), ==, 2);

  /* the nap ends: nothing is watched, nothing is due */
  {
    const char *c1[] = { "c1", NULL };
    g_autoptr (GError) error = NULL;
    g_autoptr (GPtrArray) ended = nk_nap_end (f->store, f->centre, "s1", c1, 0, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (nk_sleep_watch_get_children (watch)->len, ==, 0);
    g_assert_cmpint (nk_sleep_watch_get_wake_us (watch), ==, 0);
  }
}

/* An escalation that cannot be written (the disk refuses it) is said in
 * the journal; the cue and banner do not wait for it (said once), and it
 * is written at the next look once the disk takes it (the watch looks
 * again within a minute by itself). */
static void
test_escalation_retried (Fixture *f, gconstpointer data)
{
  const char *kids[] = { "c1", NULL };
  g_autoptr (NkSleepWatch) watch = NULL;
  g_autoptr (GError) error = NULL;

  nap_from_noon (f, kids);
  watch = watch_new (f);
  wake (f, watch);
  g_assert_true (nk_store_exec (f->store, "CREATE TRIGGER refuse BEFORE INSERT ON sleep_check_overdue "
                                "BEGIN SELECT RAISE (ABORT, 'database or disk is full'); END", &error));
  g_test_expect_message ("nk-core", G_LOG_LEVEL_MESSAGE, "The escalation of an overdue sleep check was not recorded:*");
  wake (f, watch);
  g_test_assert_expected_messages ();
  g_assert_cmpuint (f->n_overdue, ==, 1);
  g_assert_cmpint (overdue_events (f), ==, 0);

  g_assert_true (nk_store_exec (f->store, "DROP TRIGGER refuse", &error));
  nk_test_clock_advance (&f->clock, MINUTES (1));
  nk_sleep_watch_update (watch);
  g_assert_cmpint (overdue_events (f), ==, 1);
  g_assert_cmpuint (f->n_overdue, ==, 1);
}

/* The wall clock set forward (the monotonic one not): the watch looks
 * again as the centre says the clock jumped, without waiting for its
 * timer. */
static void
test_watch_clock_jump (Fixture *f, gconstpointer data)
{
  const char *kids[] = { "c1", NULL };
  g_autoptr (NkSleepWatch) watch = NULL;

  nap_from_noon (f, kids);
  watch = watch_new (f);
  g_assert_cmpuint (f->n_due, ==, 0);
  f->clock.real_us += MINUTES (11);
  g_test_expect_message ("nk-core", G_LOG_LEVEL_MESSAGE, "The wall clock jumped by +660 s*");
  g_assert_true (nk_centre_check_clock (f->centre, f->clock.real_us, NULL));
  g_test_assert_expected_messages ();
  g_assert_cmpuint (f->n_due, ==, 1);
  g_assert_cmpuint (nk_sleep_watch_count (watch, NK_SLEEP_DUE), ==, 1);
}

/* The interval comes from the settings (5..15 minutes). */
static void
test_watch_interval (Fixture *f, gconstpointer data)
{
  const char *kids[] = { "c1", NULL };
  g_autoptr (NkSleepWatch) watch = NULL;
  gint64 start;

  set_settings (15, 0);
  nap_from_noon (f, kids);
  start = f->clock.real_us;
  watch = watch_new (f);
  g_assert_cmpint (nk_sleep_watch_get_wake_us (watch), ==, start + MINUTES (15));
  wake (f, watch);
  g_assert_cmpint (nk_sleep_watch_get_wake_us (watch), ==, start + MINUTES (30) + 1);
}

/* Rooms: the infant room has checks, a toddler room only when switched
 * on; ending the nap ends the watch on that child. */
static void
test_watch_rooms (Fixture *f, gconstpointer data)
{
  const char *kids[] = { "c1", "c3", NULL };
  const char *c1[] = { "c1", NULL };
  g_autoptr (NkSleepWatch) watch = NULL;
  g_autoptr (GPtrArray) ended = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) rooms = NULL;

  nap_from_noon (f, kids);
  watch = watch_new (f);
  g_assert_cmpuint (nk_sleep_watch_get_children (watch)->len, ==, 1);
  set_settings (10, NK_SLEEP_ROOM_BIT (NK_ROOM_TODDLER));
  nk_sleep_watch_update (watch);
  g_assert_cmpuint (nk_sleep_watch_get_children (watch)->len, ==, 2);
  wake (f, watch);
  rooms = nk_sleep_watch_rooms (watch, NK_SLEEP_DUE);
  g_assert_cmpuint (g_strv_length (rooms), ==, 2);

  ended = nk_nap_end (f->store, f->centre, "s1", c1, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (nk_sleep_watch_get_children (watch)->len, ==, 1);
  g_assert_cmpstr (((NkSleepDue *) nk_sleep_watch_get_children (watch)->pdata[0])->child_id, ==, "c3");
}

/* The day's marks: due, then overdue. */
static void
test_day_marks (Fixture *f, gconstpointer data)
{
  const char *kids[] = { "c1", NULL };
  GError *error = NULL;

  nap_from_noon (f, kids);
  for (int step = 0; step < 3; step++)
    {
      g_autoptr (NkDaySet) set = nk_day_set_load_child (f->store, f->centre, "c1", "2026-11-23", &error);
      const NkDayMark *mark = nk_child_day_get_mark (nk_day_set_find (set, "c1"), "sleep.check");

      g_assert_no_error (error);
      if (step == 0)
        g_assert_null (mark);
      else
        g_assert_cmpint (mark->level, ==, step == 1 ? NK_DAY_MARK_DUE : NK_DAY_MARK_WARNING);
      nk_test_clock_advance (&f->clock, MINUTES (11));
    }
}

/* Its real timer: the check comes due 0.2 s from now on the wall clock
 * and "due" is emitted by the GSource, not by a call. */
typedef struct {
  gint64 offset;
} OffsetClock;

static gint64
offset_real (gpointer data)
{
  return g_get_real_time () + ((OffsetClock *) data)->offset;
}

static gint64
offset_mono (gpointer data)
{
  return g_get_monotonic_time ();
}

static void
test_watch_real_timer (Fixture *f, gconstpointer data)
{
  const char *kids[] = { "c1", NULL };
  OffsetClock oc;
  NkClock clock = { offset_real, offset_mono, &oc };
  g_autoptr (NkSleepWatch) watch = NULL;
  gint64 deadline;

  nap_from_noon (f, kids);
  /* the wall clock now reads 12:09:59.8 and runs */
  oc.offset = f->clock.real_us + MINUTES (10) - 200000 - g_get_real_time ();
  nk_centre_set_clock (f->centre, &clock);
  watch = nk_sleep_watch_new (f->store, f->centre);
  g_signal_connect_swapped (watch, "due", G_CALLBACK (on_due), f);
  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (f->n_due == 0 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (f->n_due, ==, 1);
}

/* The report: every gap longer than the interval, from the start to the
 * first check, between checks, from the last check to the end. */
static void
test_report (Fixture *f, gconstpointer data)
{
  const char *kids[] = { "c1", NULL };
  g_autoptr (GPtrArray) ended = NULL;
  g_autoptr (GPtrArray) report = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  NkSleepReportNap *nap;
  gint64 start;
  char *id;

  nap_from_noon (f, kids);
  start = f->clock.real_us;
  nk_test_clock_advance (&f->clock, MINUTES (12));           /* 12:12 gap 12 */
  id = check (f, "c1", NK_SLEEP_BACK, NULL), g_free (id);
  nk_test_clock_advance (&f->clock, MINUTES (8));            /* 12:20 fine */
  id = check (f, "c1", NK_SLEEP_FRONT, NULL), g_free (id);
  nk_test_clock_advance (&f->clock, MINUTES (10));           /* 12:30 exactly: fine */
  id = check (f, "c1", NK_SLEEP_BACK, NULL), g_free (id);
  nk_test_clock_advance (&f->clock, MINUTES (25));           /* 12:55 end: gap 25 */
  ended = nk_nap_end (f->store, f->centre, "s1", kids, 0, &error);
  g_assert_no_error (error);

  report = nk_sleep_report_load (f->store, f->centre, "2026-11-23", NULL, MINUTES (10), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->len, ==, 1);
  nap = report->pdata[0];
  g_assert_cmpstr (nap->child_id, ==, "c1");
  g_assert_cmpuint (nap->n_checks, ==, 3);
  g_assert_cmpuint (nap->n_flagged, ==, 1);
  g_assert_cmpuint (nap->gaps->len, ==, 2);
  g_assert_cmpint (g_array_index (nap->gaps, NkSleepGap, 0).from_us, ==, start);
  g_assert_cmpint (g_array_index (nap->gaps, NkSleepGap, 0).to_us, ==, start + MINUTES (12));
  g_assert_cmpint (g_array_index (nap->gaps, NkSleepGap, 1).from_us, ==, start + MINUTES (30));
  g_assert_cmpint (g_array_index (nap->gaps, NkSleepGap, 1).to_us, ==, start + MINUTES (55));
  text = nk_sleep_report_format (report, f->centre, MINUTES (10));
  g_assert_nonnull (strstr (text, "12:00–12:12"));
  g_assert_nonnull (strstr (text, "12:30–12:55: 25 min"));

  /* another child asked for: nothing; another date: nothing */
  g_clear_pointer (&report, g_ptr_array_unref);
  report = nk_sleep_report_load (f->store, f->centre, "2026-11-23", "c2", MINUTES (10), &error);
  g_assert_cmpuint (report->len, ==, 0);
  g_clear_pointer (&report, g_ptr_array_unref);
  report = nk_sleep_report_load (f->store, f->centre, "2026-11-22", NULL, MINUTES (10), &error);
  g_assert_cmpuint (report->len, ==, 0);
}

/* A nap and a check made at the centre's other door arrive relayed: the
 * same checks, the same rows; this door's watch follows that child. */
static void
test_relayed (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GPtrArray) due = NULL;
  const char *field = NULL;
  JsonObject *payload;
  const char *nap = "{\"child_id\": \"c1\", \"room_id\": \"r1\", \"start_at\": \"2026-11-23T04:00:00.000Z\", "
                    "\"end_at\": null, \"local_date\": \"2026-11-23\", \"by_kind\": \"staff\", "
                    "\"by_id\": \"s1\", \"corrects\": null, \"deleted\": false}";
  const char *bad = "{\"child_id\": \"c1\", \"nap_id\": \"n-1\", \"position\": \"upside-down\", "
                    "\"breathing_ok\": true, \"colour_ok\": true, \"flagged\": false, "
                    "\"local_date\": \"2026-11-23\", \"by_kind\": \"staff\", \"by_id\": \"s1\", "
                    "\"corrects\": null, \"deleted\": false}";

  tap (f, "04000001");
  nk_test_clock_advance (&f->clock, MINUTES (245));          /* 12:05 */
  g_assert_true (nk_kind_find ("nap") == &nk_nap_kind);
  g_assert_true (json_parser_load_from_data (parser, nap, -1, &error));
  payload = json_node_get_object (json_parser_get_root (parser));
  g_assert_true (nk_kind_check_relayed (&nk_nap_kind, payload, NK_TEST_MONDAY_8AM_US + MINUTES (240), &field, &error));
  g_assert_true (nk_kind_write_relayed (&nk_nap_kind, f->store, "9a0c1a7e-6f1f-4e55-9b0a-3f1d2c4b5a69",
                                        NK_TEST_MONDAY_8AM_US + MINUTES (240), "other-door", payload, &error));
  g_assert_no_error (error);
  due = nk_sleep_check_list_due (f->store, NULL, f->clock.real_us, &error);
  g_assert_cmpuint (due->len, ==, 1);
  g_assert_cmpstr (((NkSleepDue *) due->pdata[0])->nap_id, ==, "9a0c1a7e-6f1f-4e55-9b0a-3f1d2c4b5a69");
  g_assert_cmpint (((NkSleepDue *) due->pdata[0])->due_us, ==, NK_TEST_MONDAY_8AM_US + MINUTES (250));
  /* and it is the nap a check here belongs to */
  g_free (check (f, "c1", NK_SLEEP_BACK, NULL));
  g_assert_cmpint (nk_test_count (f->store, "SELECT count (*) FROM sleep_checks WHERE "
                                  "nap_id = '9a0c1a7e-6f1f-4e55-9b0a-3f1d2c4b5a69'"), ==, 1);

  /* a relayed check with a position nobody knows is refused, named */
  g_assert_true (json_parser_load_from_data (parser, bad, -1, &error));
  payload = json_node_get_object (json_parser_get_root (parser));
  g_assert_false (nk_kind_check_relayed (&nk_sleep_check_kind, payload, f->clock.real_us, &field, &error));
  g_assert_cmpstr (field, ==, "payload.position");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, setup, fn, teardown)
  ADD ("/nk/sleep-check/record", test_record);
  ADD ("/nk/sleep-check/front-flagged", test_front_flagged);
  ADD ("/nk/sleep-check/not-napping", test_not_napping);
  ADD ("/nk/sleep-check/watch-timers", test_watch_timers);
  ADD ("/nk/sleep-check/watch-interval", test_watch_interval);
  ADD ("/nk/sleep-check/watch-clock-jump", test_watch_clock_jump);
  ADD ("/nk/sleep-check/escalation-retried", test_escalation_retried);
  ADD ("/nk/sleep-check/watch-rooms", test_watch_rooms);
  ADD ("/nk/sleep-check/day-marks", test_day_marks);
  ADD ("/nk/sleep-check/watch-real-timer", test_watch_real_timer);
  ADD ("/nk/sleep-check/report", test_report);
  ADD ("/nk/sleep-check/relayed", test_relayed);
#undef ADD

  return g_test_run ();
}
