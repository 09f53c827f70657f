/* test-alarm.c — the one-key alarm (nk-alarm.h) on a fake clock: raised
 * once (a second press while it is open records nothing), urgent in the
 * outbox, the open list and its delivery, the banner's words; cancelled by
 * the director with a reason, refused with a clear message for anyone
 * else, for "other" without a note, for an unknown alarm and for one
 * cancelled already; relayed to another door both ways, and a relayed
 * cancellation without its note refused. */
#include "config.h"

#include <string.h>

#include "core/nk-alarm.h"
#include "core/nk-record.h"
#include "core/nk-relay.h"
#include "core/nk-roster.h"
#include "nk-test-util.h"

typedef struct {
  char        *dir;
  NkStore     *store;
  NkDoor      *door;
  NkTestClock  clock;
} Fixture;

/* Staff s-c (caregiver "Teacher Zhang") and s-d (director "Director Du"). */
static void
setup_kiosk (Fixture *f, const char *name)
{
  GError *error = NULL;

  f->store = nk_test_store_new (name, &f->dir);
  nk_test_put_toddlers (f->store);
  g_assert_true (nk_roster_put_staff (f->store, "s-c", "Teacher Zhang", NK_STAFF_CAREGIVER, NULL, "r1", &error));
  g_assert_true (nk_roster_put_staff (f->store, "s-d", "Director Du", NK_STAFF_DIRECTOR, NULL, NULL, &error));
  g_assert_no_error (error);
  /* 09:42 in Shanghai */
  f->door = nk_test_door_at (f->store, &f->clock, NK_TEST_MONDAY_8AM_US + (gint64) 102 * 60 * G_USEC_PER_SEC);
}

static void
setup (Fixture *f, gconstpointer data)
{
  setup_kiosk (f, "alarm");
}

static void
teardown (Fixture *f, gconstpointer data)
{
  nk_test_door_close (&f->door, &f->store, &f->dir);
}

static NkCentre *
centre (Fixture *f)
{
  return nk_door_get_centre (f->door);
}

static GPtrArray *
open_alarms (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  GPtrArray *open = nk_alarm_list_open (f->store, &error);

  g_assert_no_error (error);
  g_assert_nonnull (open);
  return open;
}

static char *
raise_ok (Fixture *f, const char *staff_id, gboolean expect_recorded)
{
  g_autoptr (GError) error = NULL;
  gboolean recorded = !expect_recorded;
  char *id = nk_alarm_raise (f->store, centre (f), staff_id, &recorded, &error);

  g_assert_no_error (error);
  g_assert_nonnull (id);
  g_assert_true (recorded == expect_recorded);
  return id;
}

static guint changed_alarm;

static void
on_changed (NkStore *store, const char *kind, const char *const *ids, gpointer data)
{
  changed_alarm++;
}

/* Raised once: an urgent outbox row, the open alarm with its name, door
 * and time, pending until the platform answers; a second press while it is
 * open returns the same alarm and records nothing. */
static void
test_raise (Fixture *f, gconstpointer data)
{
  g_autofree char *id = NULL;
  g_autofree char *again = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *text = NULL;
  g_autoptr (GPtrArray) open = NULL;
  NkAlarm *alarm;

  changed_alarm = 0;
  g_signal_connect (f->store, "changed::alarm", G_CALLBACK (on_changed), NULL);
  id = raise_ok (f, "s-c", TRUE);
  g_assert_cmpuint (changed_alarm, ==, 1);
  g_assert_true (nk_record_type_is_urgent ("alarm"));
  g_assert_true (nk_record_type_is_urgent ("alarm.cancelled"));
  sql = g_strdup_printf ("SELECT count(*) FROM outbox WHERE type = 'alarm' AND urgent = 1 AND event_id = '%s'", id);
  g_assert_cmpint (nk_test_count (f->store, sql), ==, 1);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT json_extract (payload, '$.staff_id') || ' ' || json_extract (payload, '$.by_id') "
                         "|| ' ' || json_extract (payload, '$.door_id') FROM outbox WHERE event_id = '%s'", id);
  text = g_strdup_printf ("s-c s-c %s", nk_store_get_device_id (f->store));
  nk_test_assert_text (f->store, sql, text);

  open = open_alarms (f);
  g_assert_cmpuint (open->len, ==, 1);
  alarm = open->pdata[0];
  g_assert_cmpstr (alarm->id, ==, id);
  g_assert_cmpstr (alarm->staff_name, ==, "Teacher Zhang");
  g_assert_cmpstr (alarm->door_id, ==, nk_store_get_device_id (f->store));
  g_assert_cmpint (alarm->raised_at_us, ==, f->clock.real_us);
  g_assert_cmpint (alarm->delivery, ==, NK_ALARM_DELIVERY_PENDING);
  g_clear_pointer (&text, g_free);
  text = nk_alarm_describe (alarm, centre (f), nk_store_get_device_id (f->store));
  g_assert_cmpstr (text, ==, "Alarm raised by Teacher Zhang at 09:42");

  /* the platform answered */
  g_assert_true (nk_store_exec (f->store, "UPDATE outbox SET state = 'sent', sent_us = 1", NULL));
  g_clear_pointer (&open, g_ptr_array_unref);
  open = open_alarms (f);
  g_assert_cmpint (((NkAlarm *) open->pdata[0])->delivery, ==, NK_ALARM_DELIVERY_SENT);

  nk_test_clock_advance (&f->clock, 10 * G_USEC_PER_SEC);
  again = raise_ok (f, "s-d", FALSE);
  g_assert_cmpstr (again, ==, id);
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM alarms"), ==, 1);
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM outbox WHERE type = 'alarm'"), ==, 1);
  g_assert_cmpuint (changed_alarm, ==, 1);
}

/* Someone not on the roster (or nobody) cannot raise it. */
static void
test_raise_refused (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *id = NULL;

  id = nk_alarm_raise (f->store, centre (f), NULL, NULL, &error);
  g_assert_null (id);
  g_assert_error (error, NK_STORE_ERROR, NK_STORE_ERROR_INVALID);
  g_clear_error (&error);
  id = nk_alarm_raise (f->store, centre (f), "s-nobody", NULL, &error);
  g_assert_null (id);
  g_assert_nonnull (error);
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM alarms"), ==, 0);
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM outbox"), ==, 0);
}

/* The director cancels it with a reason: the banner's list is empty, the
 * cancellation is urgent and names the alarm, the reason and the note. */
static void
test_cancel (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *id = raise_ok (f, "s-c", TRUE);
  g_autoptr (GPtrArray) open = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *again = NULL;

  changed_alarm = 0;
  g_signal_connect (f->store, "changed::alarm.cancelled", G_CALLBACK (on_changed), NULL);
  g_assert_true (nk_alarm_cancel (f->store, centre (f), "s-d", id, NK_ALARM_DRILL, "  fire drill  ", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed_alarm, ==, 1);
  open = open_alarms (f);
  g_assert_cmpuint (open->len, ==, 0);
  sql = g_strdup_printf ("SELECT json_extract (payload, '$.alarm_id') = '%s' AND urgent = 1 "
                         "AND json_extract (payload, '$.reason') = 'drill' "
                         "AND json_extract (payload, '$.note') = 'fire drill' "
                         "AND json_extract (payload, '$.director_id') = 's-d' "
                         "FROM outbox WHERE type = 'alarm.cancelled'", id);
  g_assert_cmpint (nk_test_count (f->store, sql), ==, 1);

  /* cancelled already */
  g_assert_false (nk_alarm_cancel (f->store, centre (f), "s-d", id, NK_ALARM_RESOLVED, NULL, &error));
  g_assert_error (error, NK_STORE_ERROR, NK_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "This alarm was cancelled already");
  g_clear_error (&error);
  /* an alarm raised after that one is a new alarm */
  nk_test_clock_advance (&f->clock, 60 * G_USEC_PER_SEC);
  again = raise_ok (f, "s-c", TRUE);
  g_assert_cmpstr (again, !=, id);
  g_assert_true (nk_alarm_cancel (f->store, centre (f), "s-d", again, NK_ALARM_FALSE_ALARM, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM alarm_cancels"), ==, 2);
}

/* Refusals, each with its words, and nothing recorded. */
static void
test_cancel_refused (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *id = raise_ok (f, "s-c", TRUE);
  g_autoptr (GPtrArray) open = NULL;
  g_autofree char *long_note = g_strnfill (201, 'x');

  /* a caregiver */
  g_assert_false (nk_alarm_cancel (f->store, centre (f), "s-c", id, NK_ALARM_FALSE_ALARM, NULL, &error));
  g_assert_error (error, NK_STORE_ERROR, NK_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "Only the director can cancel the alarm");
  g_clear_error (&error);
  /* nobody, or someone not on the roster */
  g_assert_false (nk_alarm_cancel (f->store, centre (f), NULL, id, NK_ALARM_FALSE_ALARM, NULL, &error));
  g_assert_error (error, NK_STORE_ERROR, NK_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (nk_alarm_cancel (f->store, centre (f), "s-x", id, NK_ALARM_FALSE_ALARM, NULL, &error));
  g_assert_error (error, NK_STORE_ERROR, NK_STORE_ERROR_INVALID);
  g_clear_error (&error);
  /* other without a note (blank counts as none) */
  g_assert_false (nk_alarm_cancel (f->store, centre (f), "s-d", id, NK_ALARM_OTHER, "   ", &error));
  g_assert_error (error, NK_STORE_ERROR, NK_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "Say in the note why the alarm is cancelled");
  g_clear_error (&error);
  g_assert_false (nk_alarm_cancel (f->store, centre (f), "s-d", id, NK_ALARM_RESOLVED, long_note, &error));
  g_assert_error (error, NK_STORE_ERROR, NK_STORE_ERROR_INVALID);
  g_clear_error (&error);
  /* an alarm this kiosk does not hold */
  g_assert_false (nk_alarm_cancel (f->store, centre (f), "s-d", "a-unknown", NK_ALARM_RESOLVED, NULL, &error));
  g_assert_error (error, NK_STORE_ERROR, NK_STORE_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "This alarm is not there: nothing was cancelled");
  g_clear_error (&error);
  g_assert_false (nk_alarm_cancel (f->store, centre (f), "s-d", NULL, NK_ALARM_RESOLVED, NULL, &error));
  g_assert_error (error, NK_STORE_ERROR, NK_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM alarm_cancels"), ==, 0);
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM outbox WHERE type = 'alarm.cancelled'"), ==, 0);
  open = open_alarms (f);
  g_assert_cmpuint (open->len, ==, 1);
  /* other with its note is taken */
  g_assert_true (nk_alarm_cancel (f->store, centre (f), "s-d", id, NK_ALARM_OTHER, "a parent's mistake", &error));
  g_assert_no_error (error);
}

/* Door A raises it, door B shows it (relayed, "at another door", no
 * outbox row there) and its director cancels it; A sees it cancelled. */
static void
test_relay (Fixture *f, gconstpointer data)
{
  Fixture b = { NULL };
  g_autoptr (GError) error = NULL;
  g_autofree char *id = raise_ok (f, "s-c", TRUE);
  g_autoptr (GPtrArray) open = NULL;
  g_autofree char *text = NULL;
  NkAlarm *alarm;

  setup_kiosk (&b, "alarm-b");
  g_assert_cmpuint (nk_test_relay (f->store, b.store, "alarm"), ==, 1);
  g_assert_cmpint (nk_test_count (b.store, "SELECT count(*) FROM outbox"), ==, 0);
  open = nk_alarm_list_open (b.store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (open->len, ==, 1);
  alarm = open->pdata[0];
  g_assert_cmpstr (alarm->id, ==, id);
  g_assert_cmpint (alarm->delivery, ==, NK_ALARM_DELIVERY_ELSEWHERE);
  text = nk_alarm_describe (alarm, centre (&b), nk_store_get_device_id (b.store));
  g_assert_cmpstr (text, ==, "Alarm raised by Teacher Zhang at 09:42 at another door");

  g_assert_true (nk_alarm_cancel (b.store, centre (&b), "s-d", id, NK_ALARM_RESOLVED, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (nk_test_relay (b.store, f->store, "alarm.cancelled"), ==, 1);
  g_clear_pointer (&open, g_ptr_array_unref);
  open = open_alarms (f);
  g_assert_cmpuint (open->len, ==, 0);
  /* a second relay of the same events changes nothing */
  g_assert_cmpuint (nk_test_relay (b.store, f->store, "alarm.cancelled"), ==, 1);
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM alarm_cancels"), ==, 1);
  teardown (&b, NULL);
}

/* Relayed payloads are checked as the ones recorded here: "other" without
 * a note, an unknown reason, a staff member this door does not hold. */
static void
test_relay_hostile (Fixture *f, gconstpointer data)
{
  static const char *const bad[] = {
    /* other without its note */
    "{\"id\": \"6f1e0c2a-0000-4000-8000-000000000001\", \"type\": \"alarm.cancelled\", "
    "\"at\": \"2026-11-23T01:42:00.000Z\", \"device_id\": \"door-b\", \"payload\": "
    "{\"alarm_id\": \"a1\", \"director_id\": \"s-d\", \"reason\": \"other\", \"note\": null, "
    "\"local_date\": \"2026-11-23\", \"by_kind\": \"staff\", \"by_id\": \"s-d\"}}",
    /* a reason not on the list */
    "{\"id\": \"6f1e0c2a-0000-4000-8000-000000000002\", \"type\": \"alarm.cancelled\", "
    "\"at\": \"2026-11-23T01:42:00.000Z\", \"device_id\": \"door-b\", \"payload\": "
    "{\"alarm_id\": \"a1\", \"director_id\": \"s-d\", \"reason\": \"bored\", \"note\": null, "
    "\"local_date\": \"2026-11-23\", \"by_kind\": \"staff\", \"by_id\": \"s-d\"}}",
    /* raised by someone this door does not hold */
    "{\"id\": \"6f1e0c2a-0000-4000-8000-000000000003\", \"type\": \"alarm\", "
    "\"at\": \"2026-11-23T01:42:00.000Z\", \"device_id\": \"door-b\", \"payload\": "
    "{\"staff_id\": \"s-99\", \"door_id\": \"door-b\", "
    "\"local_date\": \"2026-11-23\", \"by_kind\": \"staff\", \"by_id\": \"s-99\"}}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;

      g_test_message ("case %u", i);
      g_assert_false (nk_test_relay_apply (f->store, bad[i], &error));
      g_assert_nonnull (error);
    }
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM alarms"), ==, 0);
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM alarm_cancels"), ==, 0);
}

static void
test_reasons (void)
{
  g_assert_cmpstr (nk_alarm_reason_to_string (NK_ALARM_FALSE_ALARM), ==, "false-alarm");
  g_assert_cmpstr (nk_alarm_reason_to_string (NK_ALARM_OTHER), ==, "other");
  g_assert_cmpstr (nk_alarm_reason_label (NK_ALARM_DRILL), ==, "Drill");
}

int
main (int argc, char **argv)
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/nk/alarm/reasons", test_reasons);
#define ADD(path, fn) g_test_add ("/nk/alarm/" path, Fixture, NULL, setup, fn, teardown)
  ADD ("raise", test_raise);
  ADD ("raise-refused", test_raise_refused);
  ADD ("cancel", test_cancel);
  ADD ("cancel-refused", test_cancel_refused);
  ADD ("relay", test_relay);
  ADD ("relay-hostile", test_relay_hostile);
  return g_test_run ();
}
