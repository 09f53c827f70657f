/* test-health-check.c — the morning and midday checks and the all-day
 * observations (nk-health-check.h, nk-health-observation.h): ranges, the
 * fever flag, yellow needs what to watch, red closes the stay in the same
 * record, only a child here is checked, a second check corrects the
 * first, the midday check's fewer fields, the room's queue, and the marks
 * and lines of the day. */
#include "config.h"

#include "core/nk-child-day.h"
#include "core/nk-health-check.h"
#include "core/nk-health-observation.h"
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

  f->store = nk_test_store_new ("health-check", &f->dir);
  nk_test_put_toddlers (f->store);
  g_assert_true (nk_roster_put_child (f->store, "c3", "Cai", "2025-01-01", "r1", NULL, NULL, &error));
  nk_test_put_child_cards (f->store, 3);
  g_assert_true (nk_roster_put_staff (f->store, "s1", "Teacher Zhang", NK_STAFF_CAREGIVER, NULL, "r1", &error));
  g_assert_no_error (error);
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

static NkHealthCheck
green (const char *child_id, int temperature)
{
  return (NkHealthCheck) { .child_id = child_id, .time = NK_HEALTH_MORNING,
                           .temperature = temperature, .outcome = NK_HEALTH_GREEN };
}

/* Records check; returns FALSE with error as the core says. */
static gboolean
record (Fixture *f, const NkHealthCheck *check, NkHealthCheckSaved *saved, GError **error)
{
  return nk_health_check_record (nk_door_get_attendance (f->door), "s1", check, saved, error);
}

static NkDaySet *
load_room (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  NkDaySet *set = nk_day_set_load_room (f->store, nk_door_get_centre (f->door), "r1",
                                        "2026-11-23", &error);

  g_assert_no_error (error);
  return set;
}

/* 34.0–42.5 °C accepted, 33.9 and 42.6 refused with nothing written;
 * 37.3 is flagged, 37.2 is not. */
static void
test_ranges (Fixture *f, gconstpointer data)
{
  struct { int t; gboolean ok; gboolean fever; } cases[] = {
    { 339, FALSE }, { 340, TRUE, FALSE }, { 372, TRUE, FALSE }, { 373, TRUE, TRUE },
    { 425, TRUE, TRUE }, { 426, FALSE },
  };

  tap (f, "04000001", 1);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_auto (NkHealthCheckSaved) saved = { 0 };
      NkHealthCheck check = green ("c1", cases[i].t);
      gint64 before = nk_test_count (f->store, "SELECT count(*) FROM outbox");

      g_assert_cmpint (record (f, &check, &saved, &error), ==, cases[i].ok);
      if (!cases[i].ok)
        {
          g_assert_error (error, NK_STORE_ERROR, NK_STORE_ERROR_INVALID);
          g_assert_nonnull (strstr (error->message, "34.0"));
          g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM outbox"), ==, before);
          continue;
        }
      g_assert_no_error (error);
      g_assert_cmpint (saved.fever, ==, cases[i].fever);
    }
  /* the fever line is flagged for the family */
  {
    g_autoptr (NkDaySet) set = load_room (f);
    g_autoptr (GPtrArray) lines = nk_child_day_get_lines (nk_day_set_find (set, "c1"), NK_DAY_HEALTH);
    NkDayLine *line;

    g_assert_cmpuint (lines->len, ==, 1);   /* one check stands: the others were corrected */
    line = lines->pdata[0];
    g_assert_true (line->flags & NK_DAY_LINE_FLAGGED);
    g_assert_nonnull (strstr (line->detail, "42.5"));
    g_assert_cmpstr (line->staff_name, ==, "Teacher Zhang");
  }
}

/* Yellow is admitted to be watched: what to watch is required. */
static void
test_yellow_needs_watch (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_auto (NkHealthCheckSaved) saved = { 0 };
  NkHealthCheck check = green ("c1", 366);

  tap (f, "04000001", 1);
  check.outcome = NK_HEALTH_YELLOW;
  check.watch = "   ";
  g_assert_false (record (f, &check, &saved, &error));
  g_assert_error (error, NK_STORE_ERROR, NK_STORE_ERROR_INVALID);
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM health_checks"), ==, 0);
  g_clear_error (&error);

  check.watch = " cough ";
  check.concerns = NK_HEALTH_THROAT;
  g_assert_true (record (f, &check, &saved, &error));
  g_assert_no_error (error);
  {
    g_autofree char *watch = nk_test_text (f->store, "SELECT watch FROM health_checks");
    g_autoptr (NkDaySet) set = load_room (f);
    NkChildDay *an = nk_day_set_find (set, "c1");

    g_assert_cmpstr (watch, ==, "cough");
    g_assert_cmpint (nk_test_count (f->store, "SELECT throat FROM health_checks"), ==, 1);
    g_assert_cmpint (nk_test_count (f->store, "SELECT face FROM health_checks"), ==, 0);
    /* 需观察 in the room list */
    g_assert_nonnull (nk_child_day_get_mark (an, "health.watch"));
    g_assert_cmpint (nk_child_day_get_mark (an, "health.watch")->level, ==, NK_DAY_MARK_WARNING);
    g_assert_null (nk_child_day_get_mark (an, "health.morning"));
  }
}

/* Red: the family takes the child home; the stay is closed in the same
 * record, by hand, with the reason, and the check names that check-out. */
static void
test_red_closes_stay (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_auto (NkHealthCheckSaved) saved = { 0 };
  NkHealthCheck check = green ("c1", 385);
  g_autofree char *kind = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *method = NULL;
  g_autofree char *out_id = NULL;
  g_autofree char *named = NULL;

  tap (f, "04000001", 1);
  check.outcome = NK_HEALTH_RED;
  check.concerns = NK_HEALTH_FEELS_HOT | NK_HEALTH_SPIRITS;
  g_assert_true (record (f, &check, &saved, &error));
  g_assert_no_error (error);
  g_assert_nonnull (saved.checkout_id);

  kind = nk_test_text (f->store, "SELECT kind FROM attendance ORDER BY order_us DESC LIMIT 1");
  reason = nk_test_text (f->store, "SELECT reason FROM attendance ORDER BY order_us DESC LIMIT 1");
  method = nk_test_text (f->store, "SELECT method FROM attendance ORDER BY order_us DESC LIMIT 1");
  out_id = nk_test_text (f->store, "SELECT id FROM attendance ORDER BY order_us DESC LIMIT 1");
  named = nk_test_text (f->store, "SELECT checkout_id FROM health_checks");
  g_assert_cmpstr (kind, ==, "out");
  g_assert_cmpstr (method, ==, "manual");
  g_assert_cmpstr (reason, ==, NK_HEALTH_RED_REASON);
  g_assert_cmpstr (out_id, ==, saved.checkout_id);
  g_assert_cmpstr (named, ==, saved.checkout_id);
  /* both events in the outbox, the check-out by the staff member */
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM outbox WHERE type = 'health_check'"), ==, 1);
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM attendance WHERE kind = 'out' "
                                            "AND by_kind = 'staff' AND by_id = 's1'"), ==, 1);
  {
    g_autoptr (NkDaySet) set = load_room (f);
    NkChildDay *an = nk_day_set_find (set, "c1");

    g_assert_false (an->present);
    g_assert_null (nk_child_day_get_mark (an, "health.morning"));
  }
}

/* Only a child checked in today: never came, or came and went. */
static void
test_not_checked_in (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_auto (NkHealthCheckSaved) saved = { 0 };
  NkHealthCheck check = green ("c2", 366);

  g_assert_false (record (f, &check, &saved, &error));
  g_assert_error (error, NK_STORE_ERROR, NK_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Bo"));
  g_clear_error (&error);

  tap (f, "04000002", 1);
  tap (f, "04000002", 1);
  g_assert_false (record (f, &check, &saved, &error));
  g_assert_error (error, NK_STORE_ERROR, NK_STORE_ERROR_INVALID);
  g_clear_error (&error);

  check.child_id = "nobody";
  g_assert_false (record (f, &check, &saved, &error));
  g_assert_error (error, NK_STORE_ERROR, NK_STORE_ERROR_NOT_FOUND);
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM health_checks"), ==, 0);
}

/* A second morning check the same day corrects the first: the first row
 * stays, one stands, the event names the one it corrects. */
static void
test_second_is_correction (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_auto (NkHealthCheckSaved) first = { 0 };
  g_auto (NkHealthCheckSaved) second = { 0 };
  g_autoptr (NkHealthCheckEntry) entry = NULL;
  NkHealthCheck check = green ("c1", 366);
  g_autofree char *corrects = NULL;

  tap (f, "04000001", 1);
  g_assert_true (record (f, &check, &first, &error));
  g_assert_null (first.corrects);
  nk_test_clock_advance (&f->clock, MINUTES (3));
  check.temperature = 368;
  g_assert_true (record (f, &check, &second, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (second.corrects, ==, first.id);

  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM health_checks"), ==, 2);
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM health_checks WHERE "
                                            NK_KIND_STANDS ("health_checks")), ==, 1);
  corrects = nk_test_text (f->store, "SELECT json_extract (payload, '$.corrects') FROM outbox "
                                     "WHERE type = 'health_check' ORDER BY seq DESC LIMIT 1");
  g_assert_cmpstr (corrects, ==, first.id);
  g_assert_true (nk_health_check_find (f->store, "c1", "2026-11-23", NK_HEALTH_MORNING, &entry, &error));
  g_assert_cmpstr (entry->id, ==, second.id);
  g_assert_cmpint (entry->temperature, ==, 368);

  /* the midday check is another check, not a correction */
  {
    g_auto (NkHealthCheckSaved) noon = { 0 };

    check.time = NK_HEALTH_MIDDAY;
    g_assert_true (record (f, &check, &noon, &error));
    g_assert_null (noon.corrects);
  }
}

/* The midday check asks fewer things: the others are refused, and are
 * null (not asked) in its payload. */
static void
test_midday_fields (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_auto (NkHealthCheckSaved) saved = { 0 };
  NkHealthCheck check = green ("c1", 366);
  g_autofree char *pockets = NULL;

  tap (f, "04000001", 1);
  check.time = NK_HEALTH_MIDDAY;
  check.concerns = NK_HEALTH_POCKETS;
  g_assert_false (record (f, &check, &saved, &error));
  g_assert_error (error, NK_STORE_ERROR, NK_STORE_ERROR_INVALID);
  g_clear_error (&error);

  check.concerns = NK_HEALTH_SKIN;
  g_assert_true (record (f, &check, &saved, &error));
  g_assert_no_error (error);
  pockets = nk_test_text (f->store, "SELECT json_type (payload, '$.pockets') FROM outbox "
                                    "WHERE type = 'health_check'");
  g_assert_cmpstr (pockets, ==, "null");
  g_assert_cmpint (nk_test_count (f->store, "SELECT skin FROM health_checks"), ==, 1);
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM health_checks WHERE pockets IS NULL"), ==, 1);
}

/* 未晨检 while checked in and not checked; 未午检 from 11:30. */
static void
test_marks (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  NkHealthCheck check = green ("c1", 366);

  tap (f, "04000001", 1);
  {
    g_autoptr (NkDaySet) set = load_room (f);
    NkChildDay *an = nk_day_set_find (set, "c1");

    g_assert_nonnull (nk_child_day_get_mark (an, "health.morning"));
    g_assert_cmpint (nk_child_day_get_mark (an, "health.morning")->level, ==, NK_DAY_MARK_DUE);
    /* not here: nothing due */
    g_assert_null (nk_child_day_get_mark (nk_day_set_find (set, "c2"), "health.morning"));
  }
  {
    g_auto (NkHealthCheckSaved) saved = { 0 };
    g_assert_true (record (f, &check, &saved, &error));
  }
  nk_test_clock_advance (&f->clock, MINUTES (3 * 60 + 28));   /* 11:29 */
  {
    g_autoptr (NkDaySet) set = load_room (f);
    NkChildDay *an = nk_day_set_find (set, "c1");

    g_assert_null (nk_child_day_get_mark (an, "health.morning"));
    g_assert_null (nk_child_day_get_mark (an, "health.midday"));
  }
  nk_test_clock_advance (&f->clock, MINUTES (1));              /* 11:30 */
  {
    g_autoptr (NkDaySet) set = load_room (f);
    NkChildDay *an = nk_day_set_find (set, "c1");

    g_assert_nonnull (nk_child_day_get_mark (an, "health.midday"));
  }
  {
    g_auto (NkHealthCheckSaved) saved = { 0 };
    g_autoptr (NkDaySet) set = NULL;

    check.time = NK_HEALTH_MIDDAY;
    g_assert_true (record (f, &check, &saved, &error));
    set = load_room (f);
    g_assert_null (nk_child_day_get_mark (nk_day_set_find (set, "c1"), "health.midday"));
  }
  /* a day gone by has nothing due */
  nk_test_clock_advance (&f->clock, MINUTES (24 * 60));
  {
    g_autoptr (NkDaySet) set = nk_day_set_load_room (f->store, nk_door_get_centre (f->door), "r1",
                                                     "2026-11-23", &error);
    g_assert_null (nk_child_day_get_mark (nk_day_set_find (set, "c1"), "health.midday"));
  }
}

/* The morning queue: the next child here and not checked, by name,
 * after the one just done, wrapping round. */
static void
test_queue (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  NkCentre *centre = nk_door_get_centre (f->door);
  const char *order[] = { "c2", "c3", NULL };
  const char *after = "c1";

  tap (f, "04000001", 1);
  tap (f, "04000002", 1);
  tap (f, "04000003", 1);
  for (guint i = 0; ; i++)
    {
      g_auto (NkHealthCheckSaved) saved = { 0 };
      g_autofree char *next = NULL;
      g_autofree char *name = NULL;
      NkHealthCheck check = green (after, 365);

      g_assert_true (record (f, &check, &saved, &error));
      g_assert_true (nk_health_check_next (f->store, centre, "r1", NK_HEALTH_MORNING, after,
                                           &next, &name, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (next, ==, order[i]);
      if (next == NULL)
        break;
      after = order[i];
    }
  /* wrapping round: Cai done first, An is next */
  {
    g_autofree char *next = NULL;
    g_autofree char *name = NULL;

    g_assert_true (nk_health_check_next (f->store, centre, "r1", NK_HEALTH_MIDDAY, "c3", &next,
                                         &name, &error));
    g_assert_cmpstr (next, ==, "c1");
    g_assert_cmpstr (name, ==, "An");
  }
}

/* Observations: today, not in the future, for a child who came. */
static void
test_observation (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  NkCentre *centre = nk_door_get_centre (f->door);
  g_autofree char *id = NULL;
  gint64 now;

  id = nk_health_observation_record (f->store, centre, "s1", "c1", NK_TEST_MONDAY_8AM_US, "rubbing eyes", &error);
  g_assert_null (id);
  g_assert_error (error, NK_STORE_ERROR, NK_STORE_ERROR_INVALID);   /* has not come */
  g_clear_error (&error);

  tap (f, "04000001", 60);                 /* 09:00 */
  now = nk_centre_now (centre);
  g_assert_null (nk_health_observation_record (f->store, centre, "s1", "c1", now + MINUTES (5), "x", &error));
  g_assert_error (error, NK_STORE_ERROR, NK_STORE_ERROR_INVALID);   /* the future */
  g_clear_error (&error);
  g_assert_null (nk_health_observation_record (f->store, centre, "s1", "c1", now - MINUTES (10 * 60),
                                               "x", &error));
  g_assert_error (error, NK_STORE_ERROR, NK_STORE_ERROR_INVALID);   /* yesterday, 23:00 */
  g_clear_error (&error);
  g_assert_null (nk_health_observation_record (f->store, centre, "s1", "c1", now, "  ", &error));
  g_assert_error (error, NK_STORE_ERROR, NK_STORE_ERROR_INVALID);   /* nothing written */
  g_clear_error (&error);
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM health_observations"), ==, 0);

  id = nk_health_observation_record (f->store, centre, "s1", "c1", now - MINUTES (20), "rubbing eyes",
                                     &error);
  g_assert_no_error (error);
  g_assert_nonnull (id);
  {
    g_autoptr (NkDaySet) set = load_room (f);
    g_autoptr (GPtrArray) lines = nk_child_day_get_lines (nk_day_set_find (set, "c1"), NK_DAY_HEALTH);

    g_assert_cmpuint (lines->len, ==, 1);
    g_assert_cmpstr (((NkDayLine *) lines->pdata[0])->detail, ==, "rubbing eyes");
    g_assert_cmpint (((NkDayLine *) lines->pdata[0])->at_us, ==, now - MINUTES (20));
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn) g_test_add ("/nk/health-check/" path, Fixture, NULL, setup, fn, teardown)
  ADD ("ranges", test_ranges);
  ADD ("yellow-needs-watch", test_yellow_needs_watch);
  ADD ("red-closes-stay", test_red_closes_stay);
  ADD ("not-checked-in", test_not_checked_in);
  ADD ("second-is-correction", test_second_is_correction);
  ADD ("midday-fields", test_midday_fields);
  ADD ("marks", test_marks);
  ADD ("queue", test_queue);
  ADD ("observation", test_observation);
  return g_test_run ();
}
