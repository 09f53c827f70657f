/* test-sync-urgent.c — urgent events (nk_record_type_is_urgent: a
 * suspected outbreak) against the reference platform: each goes on a
 * request of its own, ahead of a backlog of 10,000, at once whatever the
 * push's backoff or a Retry-After says; with the platform down it is
 * tried again every retry interval and arrives exactly once when the
 * platform is back; a refusal is kept and shown like any other. */
#include "config.h"

#include <string.h>

#include "core/nk-ratio.h"
#include "core/nk-record.h"
#include "nk-sync-fixture.h"
#include "nk-test-util.h"

#define URGENT_PAYLOAD "{\"room_id\": \"R1\", \"children\": 3, \"symptom\": \"fever\"}"
#define RETRY_MS 100

/* Records an outbreak.suspected event the way core does (nk-record.h),
 * adds its id to the events the platform must hold, and returns it. */
static const char *
record_urgent_type (Fixture *f, const char *type, const char *payload)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GTimeZone) tz = g_time_zone_new_identifier ("Asia/Shanghai");
  g_autoptr (NkCentre) centre = nk_centre_new (tz);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (NkRecord) rec = NULL;
  const char *id;
  char *kept;

  g_assert_true (json_parser_load_from_data (parser, payload ? payload : URGENT_PAYLOAD, -1, &error));
  rec = nk_record_begin (f->store, centre, &NK_ACTOR_SYSTEM, &error);
  g_assert_no_error (error);
  id = nk_record_event_node (rec, type, json_parser_get_root (parser), &error);
  g_assert_no_error (error);
  kept = g_strdup (id);
  g_assert_true (nk_record_commit (g_steal_pointer (&rec), &error));
  g_assert_no_error (error);
  g_ptr_array_add (f->event_ids, kept);
  return kept;
}

static const char *
record_urgent (Fixture *f, const char *payload)
{
  return record_urgent_type (f, "outbreak.suspected", payload);
}

/* Where the platform holds event id: place among all events, and the
 * size of the request that brought it (0 while it is not there). */
static void
arrival (Fixture *f, const char *id, gint64 *place, gint64 *batch_size)
{
  g_autofree char *path = g_strdup_printf ("/admin/event?id=%s", id);
  g_autoptr (JsonNode) root = nk_test_platform_admin (f->platform, path, NULL);
  JsonObject *obj = json_node_get_object (root);

  *place = json_object_get_int_member (obj, "place");
  if (batch_size)
    *batch_size = json_object_get_int_member (obj, "batch_size");
}

static gboolean
arrived (Fixture *f, gconstpointer id)
{
  gint64 place;

  arrival (f, id, &place, NULL);
  return place > 0;
}

static gboolean
pending_is (Fixture *f, gconstpointer data)
{
  return count (f->store, "SELECT count(*) FROM outbox WHERE state = 'pending'") == GPOINTER_TO_INT (data);
}

static gboolean
urgent_retried (Fixture *f, gconstpointer data)
{
  return g_atomic_int_get (&expected_seen) >= GPOINTER_TO_INT (data);
}

static void
start_urgent (Fixture *f, guint backoff_ms)
{
  f->sync = nk_sync_new (f->store, f->db_path, f->config);
  nk_sync_set_backoff (f->sync, backoff_ms, backoff_ms);
  nk_sync_set_timeouts (f->sync, 5, 1);
  nk_sync_set_urgent_retry (f->sync, RETRY_MS);
  g_signal_connect (f->sync, "notify::last-error", G_CALLBACK (on_last_error), f);
  nk_sync_start (f->sync);
}

/* Attendance is never urgent; an outbreak is, and its outbox row says so. */
static void
test_marked (Fixture *f, gconstpointer data)
{
  const char *id;
  g_autofree char *sql = NULL;

  if (f->platform == NULL)
    return;
  g_assert_false (nk_record_type_is_urgent ("attendance"));
  g_assert_false (nk_record_type_is_urgent (NULL));
  g_assert_true (nk_record_type_is_urgent ("outbreak.suspected"));
  g_assert_true (nk_record_type_is_urgent ("alarm"));
  g_assert_true (nk_record_type_is_urgent ("alarm.cancelled"));
  add_events (f, 2, NULL);
  id = record_urgent (f, NULL);
  sql = g_strdup_printf ("SELECT count(*) FROM outbox WHERE urgent = 1 AND event_id = '%s'", id);
  g_assert_cmpint (count (f->store, sql), ==, 1);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM outbox WHERE urgent = 1"), ==, 1);
}

/* Queued behind 10,000 records, it goes first, alone. */
static void
test_first (Fixture *f, gconstpointer data)
{
  gint64 place, size;
  const char *id;

  if (f->platform == NULL)
    return;
  enrol_directly (f);
  add_events (f, 10000, NULL);
  id = record_urgent (f, NULL);
  start_urgent (f, 20);
  wait_until (f, arrived, id, "the urgent event arrived");
  arrival (f, id, &place, &size);
  g_assert_cmpint (place, ==, 1);
  g_assert_cmpint (size, ==, 1);
  wait_until (f, drained, NULL, "the backlog drained");
  assert_exactly_once (f);
}

/* Recorded while a backlog of 10,000 drains, it goes in the next request,
 * alone, long before the backlog is through. */
static void
test_ahead (Fixture *f, gconstpointer data)
{
  const char *first[] = { "events", "1" };
  gint64 place, size;
  const char *id;

  if (f->platform == NULL)
    return;
  enrol_directly (f);
  add_events (f, 10000, NULL);
  /* Each push answered after 0.2 s: 20 batches take four seconds. */
  nk_test_platform_fault (f->platform, "slow", -1, "events", 0.2);
  start_urgent (f, 20);
  wait_until (f, stat_at_least, first, "the backlog began to arrive");
  id = record_urgent (f, NULL);
  wait_until (f, arrived, id, "the urgent event arrived");
  arrival (f, id, &place, &size);
  g_test_message ("the urgent event arrived as number %" G_GINT64_FORMAT " of 10001", place);
  g_assert_cmpint (size, ==, 1);
  g_assert_cmpint (place, <=, 5 * 500 + 1);
  nk_test_platform_fault (f->platform, "none", 0, "any", 0);
  wait_until (f, drained, NULL, "the backlog drained");
  assert_exactly_once (f);
}

/* The push backs off for up to an hour after a failure; an urgent event
 * goes at once all the same, and the backlog keeps its backoff. */
static void
test_backoff (Fixture *f, gconstpointer data)
{
  const char *one[] = { "faults", "1" };
  const char *id;

  if (f->platform == NULL)
    return;
  enrol_directly (f);
  add_events (f, 5, NULL);
  nk_test_platform_fault (f->platform, "500", 1, "events", 0);
  start_urgent (f, 3600 * 1000);
  wait_until (f, stat_at_least, one, "the backlog's push failed");
  wait_until (f, showed_error, NULL, "the failure was shown");
  id = record_urgent (f, NULL);
  wait_until (f, arrived, id, "the urgent event arrived despite the backoff");
  wait_until (f, pending_is, GINT_TO_POINTER (5), "the urgent event was marked sent");
  g_assert_cmpint (nk_test_platform_stat (f->platform, "events"), ==, 1);
}

/* A Retry-After of an hour holds the backlog as asked, but an urgent
 * event no longer than the retry interval. */
static void
test_retry_after (Fixture *f, gconstpointer data)
{
  const char *one[] = { "faults", "1" };
  const char *four[] = { "faults", "4" };
  const char *id;

  if (f->platform == NULL)
    return;
  enrol_directly (f);
  add_events (f, 3, NULL);
  fault_retry_after (f, "503", "events", "3600");
  start_urgent (f, 20);
  wait_until (f, stat_at_least, one, "the platform said wait an hour");
  id = record_urgent (f, NULL);
  wait_until (f, stat_at_least, four, "the urgent event was tried again under the Retry-After");
  wait_until (f, error_says, "unavailable", "the wait is shown");
  g_assert_cmpint (nk_test_platform_stat (f->platform, "events"), ==, 0);
  nk_test_platform_fault (f->platform, "none", 0, "any", 0);
  wait_until (f, arrived, id, "the urgent event arrived");
  wait_until (f, pending_is, GINT_TO_POINTER (3), "the urgent event was marked sent");
  g_assert_cmpint (nk_test_platform_stat (f->platform, "events"), ==, 1);
}

/* The platform is down: the event is tried again every retry interval
 * (and the screen says offline); once the platform is back it arrives,
 * once, and is marked sent. */
static void
test_down (Fixture *f, gconstpointer data)
{
  g_autofree char *sent = NULL;
  guint listed = 0;
  g_autoptr (GHashTable) ids = NULL;
  const char *id;
  gint64 started;

  if (f->platform == NULL)
    return;
  enrol_directly (f);
  nk_test_platform_kill (f->platform);
  expect_warnings ("Sync: urgent failure * in a row, next attempt in 0.1 s");
  /* An hour of backoff for the rest: only the urgent channel retries. */
  start_urgent (f, 3600 * 1000);
  id = record_urgent (f, NULL);
  started = g_get_monotonic_time ();
  wait_until (f, urgent_retried, GINT_TO_POINTER (4), "the urgent event was tried four times");
  /* 0.4 s at the retry interval; a generous bound, far below the 5 s
   * the worker sleeps when nothing is due. */
  g_assert_cmpint (g_get_monotonic_time () - started, <, 4 * G_USEC_PER_SEC);
  wait_until (f, has_error, GINT_TO_POINTER (NK_SYNC_STATE_OFFLINE), "offline was shown");
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM outbox WHERE state = 'pending'"), ==, 1);

  nk_test_platform_revive (f->platform);
  wait_until (f, arrived, id, "the urgent event arrived once the platform was back");
  sent = g_strdup_printf ("SELECT count(*) FROM outbox WHERE state = 'sent' AND event_id = '%s'", id);
  /* (the pull keeps its hour of backoff: the state still says offline) */
  wait_until (f, pending_is, GINT_TO_POINTER (0), "the urgent event was marked sent");
  g_assert_cmpint (count (f->store, sent), ==, 1);
  ids = nk_test_platform_ids (f->platform, &listed);
  g_assert_cmpuint (listed, ==, 1);
  g_assert_true (g_hash_table_contains (ids, id));
  g_assert_cmpint (nk_test_platform_stat (f->platform, "duplicates"), ==, 0);
}

/* The one-key alarm, raised with the platform down behind a backlog of
 * 1,000, and its cancellation: both are tried again at the retry
 * interval, arrive once each when the platform is back, the alarm on a
 * request of its own before any of the backlog, and the platform takes
 * them as valid (the reference server checks their members). */
static void
test_alarm_down (Fixture *f, gconstpointer data)
{
  const char *alarm, *cancel;
  gint64 place, size;

  if (f->platform == NULL)
    return;
  enrol_directly (f);
  add_events (f, 1000, NULL);
  nk_test_platform_kill (f->platform);
  expect_warnings ("Sync: urgent failure * in a row, next attempt in 0.1 s");
  start_urgent (f, 3600 * 1000);
  alarm = record_urgent_type (f, "alarm", "{\"staff_id\": \"s1\", \"door_id\": \"door-a\", "
                                         "\"by_kind\": \"staff\", \"by_id\": \"s1\"}");
  cancel = record_urgent_type (f, "alarm.cancelled",
                               "{\"alarm_id\": \"a1\", \"director_id\": \"s-d\", \"reason\": \"other\", "
                               "\"note\": \"a parent's mistake\", \"by_kind\": \"staff\", \"by_id\": \"s-d\"}");
  wait_until (f, urgent_retried, GINT_TO_POINTER (3), "the alarm was tried three times");
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM outbox WHERE state = 'pending' AND urgent = 1"), ==, 2);

  nk_test_platform_revive (f->platform);
  wait_until (f, arrived, alarm, "the alarm arrived once the platform was back");
  wait_until (f, arrived, cancel, "the cancellation arrived");
  arrival (f, alarm, &place, &size);
  g_assert_cmpint (place, ==, 1);
  g_assert_cmpint (size, ==, 1);
  arrival (f, cancel, &place, &size);
  g_assert_cmpint (place, ==, 2);
  g_assert_cmpint (size, ==, 1);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM outbox WHERE urgent = 1 AND state = 'sent'"), ==, 2);
  g_assert_cmpint (nk_test_platform_stat (f->platform, "duplicates"), ==, 0);
}

/* Refused as it is (HTTP 400 for it alone): kept, marked rejected, shown
 * in the count like other rejections, and not sent again by itself. */
static void
test_rejected (Fixture *f, gconstpointer data)
{
  if (f->platform == NULL)
    return;
  enrol_directly (f);
  nk_test_platform_fault (f->platform, "poison", -1, "events", 0);
  expect_warnings ("The platform refused record * (outbreak.suspected) sent alone: bad_request (HTTP 400)*");
  record_urgent (f, "{\"room_id\": \"R1\", \"poison\": true}");
  start_urgent (f, 20);
  wait_until (f, drained_but_rejected, NULL, "the urgent event was refused");
  g_assert_cmpint (g_atomic_int_get (&expected_seen), ==, 1);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM outbox WHERE state = 'rejected' AND urgent = 1 "
                                    "AND last_error = 'bad_request (HTTP 400)'"),
                   ==, 1);
  g_assert_cmpint (nk_test_platform_stat (f->platform, "faults"), ==, 1);
}

/* A room below ratio and its end (nk-ratio.h): both urgent, each alone
 * at once, and the reference platform accepts them (none rejected). */
static void
test_ratio (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GTimeZone) tz = g_time_zone_new_identifier ("Asia/Shanghai");
  g_autoptr (NkCentre) centre = nk_centre_new (tz);
  g_autoptr (GPtrArray) open = NULL;
  char *breach, *cleared;
  gint64 place, size;

  if (f->platform == NULL)
    return;
  g_assert_true (nk_record_type_is_urgent ("ratio.breach"));
  g_assert_true (nk_record_type_is_urgent ("ratio.cleared"));
  enrol_directly (f);
  add_events (f, 1000, NULL);
  breach = nk_ratio_record_breach (f->store, centre, "R1", 4, 1, g_get_real_time () - 300 * G_USEC_PER_SEC,
                                   NK_ROOM_INFANT, &error);
  g_assert_no_error (error);
  open = nk_ratio_list_open (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (open->len, ==, 1);
  g_assert_true (nk_ratio_record_cleared (f->store, centre, open->pdata[0], 4, 2, &error));
  g_assert_no_error (error);
  cleared = nk_test_text (f->store, "SELECT event_id FROM outbox WHERE type = 'ratio.cleared'");
  g_ptr_array_add (f->event_ids, breach);
  g_ptr_array_add (f->event_ids, cleared);
  start_urgent (f, 20);
  wait_until (f, arrived, breach, "the breach arrived");
  wait_until (f, arrived, cleared, "the clearance arrived");
  arrival (f, breach, &place, &size);
  g_assert_cmpint (size, ==, 1);
  arrival (f, cleared, &place, &size);
  g_assert_cmpint (size, ==, 1);
  wait_until (f, drained, NULL, "the backlog drained, nothing rejected");
  assert_exactly_once (f);
}

int
main (int argc, char **argv)
{
  nk_sync_fixture_init (&argc, &argv);
  ADD ("/nk/sync-urgent/marked", test_marked, NULL);
  ADD ("/nk/sync-urgent/first", test_first, NULL);
  ADD ("/nk/sync-urgent/ahead-of-backlog", test_ahead, NULL);
  ADD ("/nk/sync-urgent/push-backoff", test_backoff, NULL);
  ADD ("/nk/sync-urgent/retry-after", test_retry_after, NULL);
  ADD ("/nk/sync-urgent/platform-down", test_down, NULL);
  ADD ("/nk/sync-urgent/rejected", test_rejected, NULL);
  ADD ("/nk/sync-urgent/alarm-platform-down", test_alarm_down, NULL);
  ADD ("/nk/sync-urgent/ratio", test_ratio, NULL);
  return nk_sync_fixture_run ();
}
