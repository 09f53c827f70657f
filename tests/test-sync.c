/* test-sync.c — NkSync against the reference platform server
 * (tests/platform/server.py): every fault mode drains once the fault
 * clears with each event held exactly once; TLS refusals send nothing and
 * say why; pulled cards work at the door, a lost one stops whatever else
 * the answer holds; a bad pulled record is quarantined and reported while
 * the rest lands, an unreadable answer changes nothing and a refused one
 * waits the pull interval; a token renewed on disk is picked up;
 * enrolment stores the token with mode 0600 and the centre's name. */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "core/nk-door.h"
#include "nk-test-util.h"
#include "core/nk-pull.h"
#include "core/nk-store-private.h"
#include "core/nk-types.h"
#include "platform/nk-test-platform.h"
#include "sync/nk-enrol.h"
#include "sync/nk-sync.h"

static char *certs;

/* Warnings the sync logs on purpose (a rejected record, refused changes)
 * come from the worker thread between routine g_message lines, which
 * g_test_expect_message cannot take.  While one is expected, warnings are
 * not fatal; the handler counts the expected ones and fails the test on
 * any other. */
static char *expected_pattern;
static gint expected_seen;
static GMutex expected_lock;

static void
on_sync_warning (const char *domain, GLogLevelFlags level, const char *message, gpointer data)
{
  gboolean match;

  g_mutex_lock (&expected_lock);
  match = expected_pattern && g_pattern_match_simple (expected_pattern, message);
  g_mutex_unlock (&expected_lock);
  if (match)
    g_atomic_int_inc (&expected_seen);
  else if (!(level & G_LOG_FLAG_FATAL))
    {
      g_printerr ("Unexpected warning: %s\n", message);
      g_test_fail ();
    }
  g_log_default_handler (domain, level, message, data);
}

static void
expect_warnings (const char *pattern)
{
  g_mutex_lock (&expected_lock);
  g_free (expected_pattern);
  expected_pattern = g_strdup (pattern);
  g_mutex_unlock (&expected_lock);
  g_atomic_int_set (&expected_seen, 0);
  g_log_set_always_fatal (pattern ? G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL
                                  : G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
}

typedef struct {
  NkTestPlatform *platform;
  char           *dir;
  char           *db_path;
  NkStore        *store;
  NkConfig       *config;
  NkSync         *sync;
  GPtrArray      *event_ids;
  GPtrArray      *errors;     /* every last-error the sync showed */
  guint           pulled;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  if (certs == NULL)
    {
      g_test_skip ("python3 or openssl missing");
      return;
    }
  f->platform = nk_test_platform_start (certs);
  f->dir = g_dir_make_tmp ("nk-sync-XXXXXX", &error);
  g_assert_no_error (error);
  f->db_path = g_build_filename (f->dir, "kiosk.db", NULL);
  f->store = nk_store_open (f->db_path, &error);
  g_assert_no_error (error);
  f->config = nk_config_new ();
  g_free (f->config->platform_url);
  f->config->platform_url = g_strdup (f->platform->url);
  g_free (f->config->ca_file);
  f->config->ca_file = g_strdup (f->platform->ca_file);
  g_free (f->config->data_dir);
  f->config->data_dir = g_strdup (f->dir);
  f->event_ids = g_ptr_array_new_with_free_func (g_free);
  f->errors = g_ptr_array_new_with_free_func (g_free);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  expect_warnings (NULL);
  if (f->platform == NULL)
    return;
  if (f->sync)
    nk_sync_stop (f->sync);
  g_clear_object (&f->sync);
  g_clear_object (&f->store);
  g_clear_pointer (&f->config, nk_config_free);
  nk_test_platform_stop (f->platform);
  nk_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->db_path);
  g_ptr_array_unref (f->event_ids);
  g_ptr_array_unref (f->errors);
}

static void
on_last_error (NkSync *sync, GParamSpec *pspec, Fixture *f)
{
  if (nk_sync_get_last_error (sync))
    g_ptr_array_add (f->errors, g_strdup (nk_sync_get_last_error (sync)));
}

static void
on_pulled (NkSync *sync, guint n, Fixture *f)
{
  f->pulled += n;
}

static void
enrol_directly (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *token = nk_test_platform_token (f->platform, nk_store_get_device_id (f->store));
  g_autofree char *path = g_build_filename (f->dir, NK_ENROL_TOKEN_FILE, NULL);

  g_assert_true (nk_enrol_write_token (path, token, &error));
  g_assert_no_error (error);
}

/* backoff_ms: the ceiling of the exponential backoff (base and cap). */
static void
start_sync_backoff (Fixture *f, guint backoff_ms)
{
  f->sync = nk_sync_new (f->store, f->db_path, f->config);
  nk_sync_set_backoff (f->sync, backoff_ms, backoff_ms);
  nk_sync_set_timeouts (f->sync, 5, 1);
  g_signal_connect (f->sync, "notify::last-error", G_CALLBACK (on_last_error), f);
  g_signal_connect (f->sync, "pulled", G_CALLBACK (on_pulled), f);
  nk_sync_start (f->sync);
}

static void
start_sync (Fixture *f)
{
  f->sync = nk_sync_new (f->store, f->db_path, f->config);
  nk_sync_set_backoff (f->sync, 20, 300);
  nk_sync_set_timeouts (f->sync, 5, 1);
  g_signal_connect (f->sync, "notify::last-error", G_CALLBACK (on_last_error), f);
  g_signal_connect (f->sync, "pulled", G_CALLBACK (on_pulled), f);
  nk_sync_start (f->sync);
}

/* Queues n events the way core does: event and outbox row in one
 * transaction, then "changed". */
static void
add_events (Fixture *f, guint n, const char *payload)
{
  g_autoptr (GError) error = NULL;
  gint64 now = g_get_real_time ();

  g_assert_true (nk_store_begin (f->store, &error));
  for (guint i = 0; i < n; i++)
    {
      char *id = nk_uuid_new ();
      g_assert_true (nk_test_outbox_add (f->store, id, "attendance", now + i,
                                          payload ? payload
                                                  : "{\"child_id\": \"c-1\", \"direction\": \"in\", "
                                                    "\"method\": \"card\", \"by_kind\": \"child\", "
                                                    "\"by_id\": \"c-1\", \"card_uid\": \"04A1B2C3\", "
                                                    "\"reason\": null, \"local_date\": \"2026-11-22\"}",
                                          &error));
      g_assert_no_error (error);
      g_ptr_array_add (f->event_ids, id);
    }
  g_assert_true (nk_store_commit (f->store, &error));
  nk_store_emit_changed (f->store, "attendance", NULL);
}

static gint64
count (NkStore *store, const char *sql)
{
  sqlite3_stmt *stmt = nk_store_prepare (store, sql, NULL);
  gint64 n;

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

typedef gboolean (*Predicate) (Fixture *f, gconstpointer data);

/* Runs the main context until done; a generous bound, not a measurement. */
static void
wait_until (Fixture *f, Predicate done, gconstpointer data, const char *what)
{
  gint64 end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (!done (f, data))
    {
      if (g_get_monotonic_time () > end)
        g_error ("Timed out waiting until %s (state %d, pending %" G_GINT64_FORMAT ", error %s)",
                 what, f->sync ? (int) nk_sync_get_state (f->sync) : -1,
                 f->sync ? nk_sync_get_pending (f->sync) : -1,
                 f->sync ? nk_sync_get_last_error (f->sync) : "");
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (5000);
    }
}

static gboolean
drained (Fixture *f, gconstpointer data)
{
  return nk_sync_get_state (f->sync) == NK_SYNC_STATE_IDLE && nk_sync_get_pending (f->sync) == 0
         && count (f->store, "SELECT count(*) FROM outbox WHERE state != 'sent'") == 0;
}

static gboolean
drained_but_rejected (Fixture *f, gconstpointer data)
{
  return nk_sync_get_state (f->sync) == NK_SYNC_STATE_IDLE && nk_sync_get_pending (f->sync) == 0
         && nk_sync_get_rejected (f->sync) == 1;
}

static gboolean
showed_error (Fixture *f, gconstpointer data)
{
  return f->errors->len > 0;
}

static gboolean
warned (Fixture *f, gconstpointer data)
{
  return g_atomic_int_get (&expected_seen) > 0;
}

static gboolean
stat_at_least (Fixture *f, gconstpointer data)
{
  const char *const *spec = data;   /* { name, value } */

  return nk_test_platform_stat (f->platform, spec[0]) >= g_ascii_strtoll (spec[1], NULL, 10);
}

static gboolean
has_error (Fixture *f, gconstpointer data)
{
  return (int) nk_sync_get_state (f->sync) == GPOINTER_TO_INT (data)
         && nk_sync_get_last_error (f->sync) != NULL;
}

static gboolean
pulled_some (Fixture *f, gconstpointer data)
{
  return f->pulled >= GPOINTER_TO_UINT (data) && nk_sync_get_state (f->sync) == NK_SYNC_STATE_IDLE;
}

static gboolean
pull_refused (Fixture *f, gconstpointer data)
{
  return nk_sync_get_state (f->sync) == NK_SYNC_STATE_ERROR && nk_sync_get_last_error (f->sync)
         && nk_test_platform_stat (f->platform, "pulls") >= 1;
}

/* Every pull answers body verbatim until cleared. */
static void
raw_pull_repeat (Fixture *f, const char *body)
{
  g_autofree char *request = NULL;
  g_autoptr (JsonNode) answer = NULL;
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "repeat");
  json_builder_add_boolean_value (b, TRUE);
  json_builder_set_member_name (b, "body");
  json_builder_add_string_value (b, body);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  request = json_generator_to_data (gen, NULL);
  answer = nk_test_platform_admin (f->platform, "/admin/raw-pull", request);
}

/* Every pull answers these bytes verbatim (any bytes: sent as base64). */
static void
raw_pull_bytes (Fixture *f, const char *data, gsize len)
{
  g_autofree char *b64 = g_base64_encode ((const guchar *) data, len);
  g_autofree char *request = g_strdup_printf ("{\"repeat\": true, \"body_base64\": \"%s\"}", b64);
  g_autoptr (JsonNode) answer = nk_test_platform_admin (f->platform, "/admin/raw-pull", request);
}

/* pull.rejected events the platform holds for (section, id, code). */
static guint
platform_rejected (Fixture *f, const char *section, const char *id, const char *code)
{
  g_autoptr (JsonNode) root = nk_test_platform_admin (f->platform, "/admin/pull-rejected", NULL);
  JsonArray *list = json_object_get_array_member (json_node_get_object (root), "rejected");
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *r = json_array_get_object_element (list, i);

      if ((section == NULL || g_strcmp0 (json_object_get_string_member (r, "section"), section) == 0)
          && (id == NULL || g_strcmp0 (json_object_get_string_member (r, "id"), id) == 0)
          && (code == NULL || g_strcmp0 (json_object_get_string_member (r, "code"), code) == 0))
        n++;
    }
  return n;
}

static gboolean
error_says (Fixture *f, gconstpointer data)
{
  const char *last = nk_sync_get_last_error (f->sync);

  return nk_sync_get_state (f->sync) == NK_SYNC_STATE_ERROR && last && strstr (last, data);
}

/* A fault with a Retry-After of the given JSON value (number or string). */
static void
fault_retry_after (Fixture *f, const char *mode, const char *path, const char *retry_after)
{
  g_autofree char *body = g_strdup_printf ("{\"mode\": \"%s\", \"count\": -1, \"path\": \"%s\", "
                                           "\"retry_after\": %s}",
                                           mode, path, retry_after);
  g_autoptr (JsonNode) root = nk_test_platform_admin (f->platform, "/admin/fault", body);
}

/* The platform holds exactly the queued events, each once; the outbox is empty. */
static void
assert_exactly_once (Fixture *f)
{
  guint listed = 0;
  g_autoptr (GHashTable) ids = nk_test_platform_ids (f->platform, &listed);

  g_assert_cmpuint (listed, ==, f->event_ids->len);
  g_assert_cmpuint (g_hash_table_size (ids), ==, f->event_ids->len);
  for (guint i = 0; i < f->event_ids->len; i++)
    g_assert_true (g_hash_table_contains (ids, f->event_ids->pdata[i]));
  g_assert_cmpint (nk_test_platform_stat (f->platform, "events"), ==, f->event_ids->len);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM outbox WHERE state != 'sent'"), ==, 0);
}

/* ---- push ---------------------------------------------------------------- */

static void
test_push (Fixture *f, gconstpointer data)
{
  if (f->platform == NULL)
    return;
  enrol_directly (f);
  add_events (f, 1234, NULL);
  start_sync (f);
  wait_until (f, drained, NULL, "the outbox drained");
  assert_exactly_once (f);
  /* 500 per batch */
  g_assert_cmpint (nk_test_platform_stat (f->platform, "received"), ==, 1234);
  g_assert_cmpint (nk_sync_get_last_success (f->sync), >, 0);
  g_assert_null (nk_sync_get_last_error (f->sync));

  /* More events later reach the platform too. */
  add_events (f, 3, NULL);
  wait_until (f, drained, NULL, "the new events drained");
  assert_exactly_once (f);
}

/* Every fault mode of the server, on the push path. */
static void
test_push_fault (Fixture *f, gconstpointer data)
{
  const char *mode = data;
  gboolean stall = g_str_equal (mode, "stall");
  gboolean stores_first = g_str_equal (mode, "reset") || g_str_equal (mode, "truncated")
                          || g_str_equal (mode, "invalid-json") || stall;
  const char *two_faults[] = { "faults", "2" };

  if (f->platform == NULL)
    return;
  enrol_directly (f);
  add_events (f, 700, NULL);
  /* stall: the answer comes later than the kiosk's low-speed limit allows
   * (curl averages the speed over about six seconds). */
  nk_test_platform_fault (f->platform, stall ? "slow" : mode, stall ? 1 : -1, "events",
                          stall ? 15.0 : 1.5);
  start_sync (f);

  if (g_str_equal (mode, "duplicate-ack") || g_str_equal (mode, "slow"))
    {
      /* An acknowledgement listing every event twice, or one that takes
       * its time, is still an answer. */
      wait_until (f, drained, NULL, "drained under the fault");
      assert_exactly_once (f);
      g_assert_cmpint (nk_test_platform_stat (f->platform, "duplicates"), ==, 0);
      return;
    }

  /* The kiosk saw the fault and retried under it; then the fault clears. */
  wait_until (f, showed_error, NULL, "the failure was shown");
  if (!stall)
    wait_until (f, stat_at_least, two_faults, "a retry failed too");
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM outbox WHERE state != 'sent'"), >, 0);
  nk_test_platform_fault (f->platform, "none", 0, "any", 0);
  wait_until (f, drained, NULL, "drained after the fault cleared");
  assert_exactly_once (f);
  g_assert_null (nk_sync_get_last_error (f->sync));
  if (stores_first)
    g_assert_cmpint (nk_test_platform_stat (f->platform, "duplicates"), >, 0);
}

/* A rejected event is kept, marked and not sent again by itself. */
static void
test_rejected (Fixture *f, gconstpointer data)
{
  const char *two[] = { "rejected", "2" };

  if (f->platform == NULL)
    return;
  enrol_directly (f);
  add_events (f, 2, NULL);
  expect_warnings ("The platform rejected record *missing child_id*");
  add_events (f, 1, "{\"direction\": \"in\"}");
  start_sync (f);
  wait_until (f, drained_but_rejected, NULL, "drained but for the rejected event");
  g_assert_cmpint (g_atomic_int_get (&expected_seen), ==, 1);
  g_assert_cmpint (nk_sync_get_rejected (f->sync), ==, 1);
  g_assert_cmpint (nk_test_platform_stat (f->platform, "events"), ==, 2);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM outbox WHERE state != 'sent' AND "
                                    "state = 'rejected' AND last_error = 'missing child_id' AND attempts = 1"),
                   ==, 1);

  /* Staff asks to try again: sent once more, rejected once more. */
  expect_warnings ("The platform rejected record *");
  nk_sync_retry_rejected (f->sync);
  wait_until (f, stat_at_least, two, "the rejected event was sent again");
  wait_until (f, warned, NULL, "the second rejection was logged");
  wait_until (f, drained_but_rejected, NULL, "rejected again");
  g_assert_cmpint (g_atomic_int_get (&expected_seen), ==, 1);
  g_assert_cmpint (nk_test_platform_stat (f->platform, "rejected"), ==, 2);
}

/* One event the platform answers 400 for (it cannot read the batch) does
 * not block the outbox: batches halve until it is alone, it is marked
 * rejected, the rest go; the batch size grows back afterwards. */
static void
test_poison (Fixture *f, gconstpointer data)
{
  const char *all[] = { "events", "220" };
  gint64 before;

  if (f->platform == NULL)
    return;
  enrol_directly (f);
  add_events (f, 10, NULL);
  add_events (f, 1, "{\"child_id\": \"c-1\", \"direction\": \"in\", \"poison\": true}");
  add_events (f, 10, NULL);
  nk_test_platform_fault (f->platform, "poison", -1, "events", 0);
  expect_warnings ("The platform refused record * sent alone: bad_request (HTTP 400)*");
  start_sync (f);
  wait_until (f, drained_but_rejected, NULL, "drained but for the poisoned event");
  g_assert_cmpint (g_atomic_int_get (&expected_seen), ==, 1);
  g_assert_cmpint (nk_test_platform_stat (f->platform, "events"), ==, 20);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM outbox WHERE state != 'sent' AND "
                                    "state = 'rejected' AND last_error = 'bad_request (HTTP 400)' AND "
                                    "payload LIKE '%poison%'"),
                   ==, 1);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM outbox WHERE state != 'sent'"), ==, 1);

  /* Batches of one after the isolation grow back: 200 more events do not
   * take 200 requests. */
  before = nk_test_platform_stat (f->platform, "requests");
  add_events (f, 200, NULL);
  wait_until (f, stat_at_least, all, "200 more sent");
  wait_until (f, drained_but_rejected, NULL, "200 more drained");
  g_assert_cmpint (nk_test_platform_stat (f->platform, "events"), ==, 220);
  g_test_message ("200 events took %" G_GINT64_FORMAT " requests",
                  nk_test_platform_stat (f->platform, "requests") - before);
  g_assert_cmpint (nk_test_platform_stat (f->platform, "requests") - before, <, 40);
}

/* A redirect is never followed: the records do not go to another
 * address, nothing is marked sent, the reason is shown. */
static void
test_redirect (Fixture *f, gconstpointer data)
{
  if (f->platform == NULL)
    return;
  enrol_directly (f);
  add_events (f, 5, NULL);
  nk_test_platform_fault (f->platform, "redirect", -1, "any", 0);
  start_sync (f);
  wait_until (f, error_says, "redirect", "the redirect was refused");
  g_test_message ("last-error: %s", nk_sync_get_last_error (f->sync));
  g_assert_nonnull (strstr (nk_sync_get_last_error (f->sync), "not followed"));
  g_assert_nonnull (strstr (nk_sync_get_last_error (f->sync), "https://127.0.0.1"));
  g_assert_cmpint (nk_test_platform_stat (f->platform, "moved"), ==, 0);
  g_assert_cmpint (nk_test_platform_stat (f->platform, "events"), ==, 0);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM outbox WHERE state != 'sent'"), ==, 5);

  nk_test_platform_fault (f->platform, "none", 0, "any", 0);
  wait_until (f, drained, NULL, "drained once the platform stopped redirecting");
  assert_exactly_once (f);
  g_assert_cmpint (nk_test_platform_stat (f->platform, "moved"), ==, 0);
}

/* Retry-After: 0, or a date in the past, is no licence to hammer the
 * platform: the kiosk waits its backoff, at least a second. */
static void
test_retry_after_now (Fixture *f, gconstpointer data)
{
  const char *two[] = { "faults", "2" };

  if (f->platform == NULL)
    return;
  enrol_directly (f);
  fault_retry_after (f, "503", "changes", data);
  start_sync (f);
  wait_until (f, stat_at_least, two, "the pull was tried again");
  /* Not a measurement: a short look whether it goes on at once. */
  g_usleep (200 * 1000);
  g_assert_cmpint (nk_test_platform_stat (f->platform, "faults"), <=, 3);
  wait_until (f, error_says, "unavailable", "the wait is shown");
}

/* Answers the kiosk refuses whole (the raw checks, the envelope) come
 * again the same until the platform fixes them: the next pull waits the
 * pull interval (here 2 s; the ordinary backoff is at most 0.3 s), while
 * records keep going up.  Staff can still ask for a pull at once. */
typedef struct {
  const char *name;
  const char *data;
  gsize       len;    /* 0: strlen */
} RawAnswer;

static const char raw_nul[] = "{\"cursor\": \"v1:1\", \"changes\": {}, \"x\": \"a\0b\"}";
static const RawAnswer refused_answers[] = {
  { "escaped-nul", "{\"cursor\": \"v1:1\", \"changes\": {\"guardians\": [{\"id\": \"g\", \"name\": \"a\\u0000b\"}]}}" },
  { "raw-nul", raw_nul, sizeof raw_nul - 1 },
  { "invalid-utf8", "{\"cursor\": \"v1:1\", \"changes\": {\"rooms\": [{\"name\": \"\xff\xfe\"}]}}" },
  { "nesting", "{\"cursor\": \"v1:1\", \"changes\": {\"menus\": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}}" },
  { "long-integer", "{\"cursor\": \"v1:1\", \"changes\": {\"rooms\": [{\"id\": \"r\", \"name\": \"R\", \"kind\": \"infant\", \"places\": 1234567890123456}]}}" },
  { "bad-cursor", "{\"cursor\": \"v1 1\", \"changes\": {}}" },
};

static gboolean
pulls_reached (Fixture *f, gconstpointer data)
{
  return nk_test_platform_stat (f->platform, "pulls") >= GPOINTER_TO_INT (data);
}

static void
test_refused_pull_waits (Fixture *f, gconstpointer data)
{
  const RawAnswer *answer = data;
  gint64 first, second;

  if (f->platform == NULL)
    return;
  f->config->pull_seconds = 2;
  raw_pull_bytes (f, answer->data, answer->len ? answer->len : strlen (answer->data));
  enrol_directly (f);
  start_sync (f);
  wait_until (f, pulls_reached, GINT_TO_POINTER (1), "the first pull");
  first = g_get_monotonic_time ();
  wait_until (f, error_says, "break the rules", "the refusal is shown");

  /* Records go up meanwhile. */
  add_events (f, 1, NULL);
  {
    const char *sent[] = { "events", "1" };
    wait_until (f, stat_at_least, sent, "a tap's record was sent");
  }
  wait_until (f, pulls_reached, GINT_TO_POINTER (2), "the pull was asked for again");
  second = g_get_monotonic_time ();
  g_test_message ("the refused answer was asked for again after %.2f s",
                  (double) (second - first) / G_USEC_PER_SEC);
  g_assert_cmpint (second - first, >=, 3 * G_USEC_PER_SEC / 2);
  g_assert_cmpint (count (f->store, "SELECT (SELECT count(*) FROM rooms) + (SELECT count(*) FROM guardians) "
                                    "+ (SELECT count(*) FROM pull_quarantine)"), ==, 0);

  nk_sync_pull_now (f->sync);
  wait_until (f, pulls_reached, GINT_TO_POINTER (3), "staff asked for a pull");
}

/* "Sync now" from staff mode ends an ordinary backoff (here up to an
 * hour), but not a Retry-After the platform asked for. */
static void
test_sync_now (Fixture *f, gconstpointer data)
{
  const char *two[] = { "faults", "2" };
  const char *four[] = { "faults", "4" };
  const char *five[] = { "faults", "5" };
  gint64 faults;

  if (f->platform == NULL)
    return;
  enrol_directly (f);
  add_events (f, 1, NULL);
  nk_test_platform_fault (f->platform, "500", -1, "any", 0);
  start_sync_backoff (f, 3600 * 1000);
  /* the push failed, then the pull */
  wait_until (f, stat_at_least, two, "push and pull failed");
  nk_sync_pull_now (f->sync);
  wait_until (f, stat_at_least, four, "push and pull tried again at once");

  /* A Retry-After of an hour holds even when staff asks. */
  fault_retry_after (f, "503", "any", "3600");
  nk_sync_pull_now (f->sync);
  wait_until (f, stat_at_least, five, "the platform said wait an hour");
  faults = nk_test_platform_stat (f->platform, "faults");
  nk_sync_pull_now (f->sync);
  /* Not a measurement: a short look whether it goes at once. */
  g_usleep (300 * 1000);
  g_assert_cmpint (nk_test_platform_stat (f->platform, "faults"), ==, faults);
  g_assert_cmpint (nk_test_platform_stat (f->platform, "events"), ==, 0);
}

static void
test_unauthorised (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;

  if (f->platform == NULL)
    return;
  path = g_build_filename (f->dir, NK_ENROL_TOKEN_FILE, NULL);
  g_assert_true (nk_enrol_write_token (path, "not-a-token-the-platform-knows", &error));
  add_events (f, 5, NULL);
  start_sync (f);
  wait_until (f, has_error, GINT_TO_POINTER (NK_SYNC_STATE_NOT_ENROLLED), "the token was refused");
  g_assert_nonnull (strstr (nk_sync_get_last_error (f->sync), "token"));
  g_assert_cmpint (nk_test_platform_stat (f->platform, "events"), ==, 0);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM outbox WHERE state != 'sent'"), ==, 5);
}

/* The platform revokes the kiosk's token; the IT person enrols it again
 * with nursery-kiosk-admin beside the running kiosk, which writes a new
 * token file.  The kiosk stops sending the refused token (its backoff is
 * an hour here) and picks the new one up by itself. */
static gboolean
refused_token (Fixture *f, gconstpointer data)
{
  return nk_sync_get_state (f->sync) == NK_SYNC_STATE_NOT_ENROLLED && nk_sync_get_pending (f->sync) == 2;
}

static void
test_token_renewed (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *body = NULL;
  g_autofree char *token = NULL;
  g_autofree char *path = NULL;
  g_autoptr (JsonNode) revoked = NULL;

  if (f->platform == NULL)
    return;
  enrol_directly (f);
  add_events (f, 1, NULL);
  start_sync_backoff (f, 3600 * 1000);
  wait_until (f, drained, NULL, "sent with the first token");

  body = g_strdup_printf ("{\"device_id\": \"%s\"}", nk_store_get_device_id (f->store));
  revoked = nk_test_platform_admin (f->platform, "/admin/revoke", body);
  add_events (f, 2, NULL);
  wait_until (f, refused_token, NULL, "the token was refused");
  g_assert_cmpint (nk_test_platform_stat (f->platform, "unauthorised"), ==, 1);

  /* What `nursery-kiosk-admin enrol` does from another process. */
  token = nk_test_platform_token (f->platform, nk_store_get_device_id (f->store));
  path = g_build_filename (f->dir, NK_ENROL_TOKEN_FILE, NULL);
  g_assert_true (nk_enrol_write_token (path, token, &error));
  wait_until (f, drained, NULL, "sent with the new token");
  assert_exactly_once (f);
  /* The refused token went once (the push), not again and again. */
  g_assert_cmpint (nk_test_platform_stat (f->platform, "unauthorised"), ==, 1);
}

static void
test_not_https (Fixture *f, gconstpointer data)
{
  if (f->platform == NULL)
    return;
  g_free (f->config->platform_url);
  f->config->platform_url = g_strdup_printf ("http://127.0.0.1:%u", f->platform->port);
  enrol_directly (f);
  add_events (f, 1, NULL);
  start_sync (f);
  wait_until (f, has_error, GINT_TO_POINTER (NK_SYNC_STATE_ERROR), "the address was refused");
  g_assert_nonnull (strstr (nk_sync_get_last_error (f->sync), "https://"));
  g_assert_cmpint (nk_sync_get_pending (f->sync), ==, 1);
  g_assert_cmpint (nk_test_platform_stat (f->platform, "requests"), ==, 0);
}

/* ---- TLS ------------------------------------------------------------------ */

typedef struct {
  const char *cert;      /* what the server presents */
  const char *pin;       /* pin file for the kiosk's config, or NULL */
  const char *words;     /* what last-error must say */
} TlsCase;

static const TlsCase tls_wrong_ca = { "wrong-ca", NULL, "trusted authority" };
static const TlsCase tls_wrong_host = { "wrong-host", NULL, "different server name" };
static const TlsCase tls_expired = { "expired", NULL, "expired" };
static const TlsCase tls_pin = { "good", "wrong-ca.pin", "pinned key" };
static const TlsCase tls_pin_good = { "good", "server.pin", NULL };

static void
test_tls (Fixture *f, gconstpointer data)
{
  const TlsCase *c = data;

  if (f->platform == NULL)
    return;
  if (c->pin)
    {
      g_autofree char *file = g_build_filename (certs, c->pin, NULL);
      g_autofree char *pin = NULL;

      g_assert_true (g_file_get_contents (file, &pin, NULL, NULL));
      g_free (f->config->pinned_key);
      f->config->pinned_key = g_strconcat ("sha256//", g_strstrip (pin), NULL);
    }
  nk_test_platform_cert (f->platform, c->cert);
  enrol_directly (f);
  add_events (f, 10, NULL);
  start_sync (f);

  if (c->words == NULL)
    {
      wait_until (f, drained, NULL, "drained with the right pin");
      assert_exactly_once (f);
      return;
    }

  wait_until (f, has_error, GINT_TO_POINTER (NK_SYNC_STATE_ERROR), "TLS was refused");
  g_test_message ("last-error: %s", nk_sync_get_last_error (f->sync));
  g_assert_nonnull (strstr (nk_sync_get_last_error (f->sync), c->words));
  g_assert_nonnull (strstr (nk_sync_get_last_error (f->sync), "nothing was sent"));
  g_assert_cmpint (nk_test_platform_stat (f->platform, "received"), ==, 0);
  g_assert_cmpint (nk_test_platform_stat (f->platform, "requests"), ==, 0);
  g_assert_cmpint (nk_sync_get_pending (f->sync), ==, 10);

  if (c->pin == NULL)
    {
      /* The platform fixes its certificate: everything goes. */
      nk_test_platform_cert (f->platform, "good");
      wait_until (f, drained, NULL, "drained with a good certificate");
      assert_exactly_once (f);
    }
}

/* A pin the TLS library refuses (here one longer than libcurl takes any
 * string) is no reason to sync unpinned: nothing is sent, and the sync
 * state says why. */
static void
test_tls_pin_unusable (Fixture *f, gconstpointer data)
{
  g_autofree char *long_b64 = g_strnfill (8 * 1000 * 1000 + 1, 'A');

  if (f->platform == NULL)
    return;
  g_free (f->config->pinned_key);
  f->config->pinned_key = g_strconcat ("sha256//", long_b64, "=", NULL);
  enrol_directly (f);
  add_events (f, 10, NULL);
  start_sync (f);

  wait_until (f, has_error, GINT_TO_POINTER (NK_SYNC_STATE_ERROR), "the pin was refused");
  g_test_message ("last-error: %s", nk_sync_get_last_error (f->sync));
  g_assert_nonnull (strstr (nk_sync_get_last_error (f->sync), "cannot check the pinned key"));
  g_assert_nonnull (strstr (nk_sync_get_last_error (f->sync), "nothing was sent"));
  g_assert_cmpint (nk_test_platform_stat (f->platform, "requests"), ==, 0);
  g_assert_cmpint (nk_sync_get_pending (f->sync), ==, 10);
}

/* ---- pull ----------------------------------------------------------------- */

static char *
year_ago (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (GDateTime) then = g_date_time_add_years (now, -1);

  return g_date_time_format (then, "%Y-%m-%d");
}

static void
seed_roster (Fixture *f)
{
  g_autofree char *dob = year_ago ();
  g_autofree char *body = g_strdup_printf (
    "{\"rooms\": [{\"id\": \"r-1\", \"name\": \"向日葵班\", \"kind\": \"toddler\", \"places\": 15}],"
    " \"children\": [{\"id\": \"c-1\", \"name\": \"王小明\", \"date_of_birth\": \"%s\", \"room_id\": \"r-1\"}],"
    " \"guardians\": [{\"id\": \"g-1\", \"name\": \"李娜\", \"phone\": \"13800138000\", \"relation\": \"mother\"}],"
    " \"pickups\": [{\"child_id\": \"c-1\", \"guardian_id\": \"g-1\", \"can_pickup\": true}],"
    " \"cards\": [{\"uid\": \"04A1B2C3\", \"holder_kind\": \"child\", \"holder_id\": \"c-1\", \"status\": \"active\"}]}",
    dob);
  g_autoptr (JsonNode) answer = nk_test_platform_admin (f->platform, "/admin/changes", body);
}

static gboolean
quarantined_at_least (Fixture *f, gconstpointer data)
{
  return nk_sync_get_quarantined (f->sync) >= GPOINTER_TO_INT (data)
         && nk_sync_get_state (f->sync) == NK_SYNC_STATE_IDLE;
}

static void
test_pull_cards (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GTimeZone) tz = g_time_zone_new_identifier ("Asia/Shanghai");
  g_autoptr (NkDoor) attendance = NULL;
  g_autoptr (NkTapResult) before = NULL;
  g_autoptr (NkTapResult) after = NULL;
  g_autoptr (NkTapResult) lost = NULL;
  g_autoptr (JsonNode) answer = NULL;

  if (f->platform == NULL)
    return;
  attendance = nk_test_door_new (f->store, tz, NULL);
  nk_door_set_debounce (attendance, 0);
  before = nk_door_tap (attendance, "04A1B2C3", &error);
  g_assert_no_error (error);
  g_assert_cmpint (before->outcome, ==, NK_TAP_UNKNOWN_CARD);

  enrol_directly (f);
  seed_roster (f);
  start_sync (f);
  wait_until (f, pulled_some, GUINT_TO_POINTER (5), "the roster was pulled");

  after = nk_door_tap (attendance, "04A1B2C3", &error);
  g_assert_no_error (error);
  g_assert_cmpint (after->outcome, ==, NK_TAP_CHECKED_IN);

  /* The platform reports the card lost in an answer that also holds a
   * broken record of its holder and garbage: the next pull stops it. */
  answer = nk_test_platform_admin (f->platform, "/admin/changes",
                                   "{\"rooms\": [{\"id\": \"r-2\", \"kind\": \"huge\"}, 17],"
                                   " \"children\": [{\"id\": \"c-1\", \"name\": \"王小明\", \"date_of_birth\": \"2999-01-01\"}],"
                                   " \"cards\": [{\"uid\": \"04A1B2C3\", \"holder_kind\": \"child\","
                                   " \"holder_id\": \"c-1\", \"status\": \"lost\"}],"
                                   " \"deletions\": [{\"kind\": \"everything\"}]}");
  nk_sync_pull_now (f->sync);
  wait_until (f, quarantined_at_least, GINT_TO_POINTER (5), "the answer with the lost card was pulled");
  lost = nk_door_tap (attendance, "04A1B2C3", &error);
  g_assert_no_error (error);
  g_assert_cmpint (lost->outcome, ==, NK_TAP_LOST_CARD);

  /* The check-in the tap made went up as well. */
  wait_until (f, drained, NULL, "the check-in was sent");
  g_assert_cmpint (nk_test_platform_stat (f->platform, "events"), >=, 1);
}

/* Hostile JSON from the platform.  A readable answer lands but for the
 * record at fault, which is quarantined, shown and reported to the
 * platform; an unreadable one changes nothing.  Either way the next good
 * answer goes through. */
typedef struct {
  const char *name;
  const char *body;
  gint        rooms;        /* applied */
  const char *section;      /* quarantined, or NULL: refused whole */
  const char *id;
  const char *code;
} Hostile;

static const Hostile hostile[] = {
  { "bad-reference",
    "{\"cursor\": \"v1:1\", \"changes\": {\"rooms\": [{\"id\": \"r-1\", \"name\": \"R\", \"kind\": "
    "\"infant\", \"places\": 5}], \"cards\": [{\"uid\": \"04A1B2C3\", \"holder_kind\": \"child\", "
    "\"holder_id\": \"nobody\", \"status\": \"active\"}]}}",
    1, "cards", "04A1B2C3", "reference" },
  { "wrong-type",
    "{\"cursor\": \"v1:1\", \"changes\": {\"rooms\": [{\"id\": \"r-1\", \"name\": \"R\", \"kind\": "
    "\"infant\", \"places\": \"5; DROP TABLE rooms\"}, {\"id\": \"r-2\", \"name\": \"S\", \"kind\": "
    "\"senior\", \"places\": 20}]}}",
    1, "rooms", "r-1", "invalid" },
  { "deep", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
    0, NULL, NULL, NULL },
};

static gboolean
platform_told (Fixture *f, gconstpointer data)
{
  const Hostile *c = data;

  return platform_rejected (f, c->section, c->id, c->code) >= 1;
}

static void
test_pull_hostile (Fixture *f, gconstpointer data)
{
  const Hostile *c = data;
  g_autofree char *cursor = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) answer = NULL;

  if (f->platform == NULL)
    return;
  raw_pull_repeat (f, c->body);
  enrol_directly (f);
  start_sync (f);

  if (c->section)
    {
      wait_until (f, quarantined_at_least, GINT_TO_POINTER (1), "the bad record was set aside");
      wait_until (f, platform_told, c, "the platform was told");
      g_assert_cmpint (nk_sync_get_quarantined (f->sync), ==, 1);
      g_assert_cmpint (count (f->store, "SELECT count(*) FROM rooms"), ==, c->rooms);
      g_assert_cmpint (count (f->store, "SELECT count(*) FROM cards"), ==, 0);
      g_assert_true (nk_pull_read_cursor (f->store, &cursor, &error));
      g_assert_cmpstr (cursor, ==, "v1:1");
      g_assert_null (nk_sync_get_last_error (f->sync));
    }
  else
    {
      wait_until (f, pull_refused, NULL, "the pull was refused");
      g_assert_cmpint (count (f->store, "SELECT (SELECT count(*) FROM rooms) + (SELECT count(*) FROM cards) "
                                        "+ (SELECT count(*) FROM pull_quarantine)"), ==, 0);
      g_assert_true (nk_pull_read_cursor (f->store, &cursor, &error));
      g_assert_null (cursor);
    }
  nk_sync_stop (f->sync);

  /* The platform behaves again: the next pull goes through. */
  answer = nk_test_platform_admin (f->platform, "/admin/raw-pull", "{\"clear\": true}");
  g_clear_pointer (&cursor, g_free);
  if (c->section)
    g_assert_true (nk_store_run (f->store, "DELETE FROM meta WHERE key = 'sync.cursor'", "cursor", &error, NK_END));
  seed_roster (f);
  nk_sync_start (f->sync);
  wait_until (f, pulled_some, GUINT_TO_POINTER (5), "a good pull after the bad one");
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM cards"), ==, 1);
}

/* Records set aside on the platform's answer wait for the platform to fix
 * them; once it has, they and what depended on them are applied. */
static gboolean
quarantine_empty (Fixture *f, gconstpointer data)
{
  return nk_sync_get_quarantined (f->sync) == 0 && f->pulled >= GPOINTER_TO_UINT (data)
         && nk_sync_get_state (f->sync) == NK_SYNC_STATE_IDLE;
}

static void
test_pull_quarantine (Fixture *f, gconstpointer data)
{
  g_autofree char *dob = year_ago ();
  g_autofree char *body = g_strdup_printf (
    "{\"rooms\": [{\"id\": \"r-1\", \"name\": \"向日葵班\", \"kind\": \"toddler\", \"places\": 15}],"
    " \"children\": [{\"id\": \"c-1\", \"name\": \"王小明\", \"date_of_birth\": \"%s\", \"room_id\": \"r-1\"},"
    "   {\"id\": \"c-2\", \"name\": \"王小红\", \"date_of_birth\": \"2999-01-01\", \"room_id\": \"r-1\"}],"
    " \"cards\": [{\"uid\": \"04A1B2C3\", \"holder_kind\": \"child\", \"holder_id\": \"c-1\", \"status\": \"active\"},"
    "   {\"uid\": \"04A1B2C4\", \"holder_kind\": \"child\", \"holder_id\": \"c-2\", \"status\": \"active\"}]}",
    dob);
  g_autofree char *fixed = g_strdup_printf (
    "{\"children\": [{\"id\": \"c-2\", \"name\": \"王小红\", \"date_of_birth\": \"%s\", \"room_id\": \"r-1\"}]}",
    dob);
  g_autoptr (JsonNode) answer = NULL;
  g_autoptr (JsonNode) again = NULL;
  const Hostile child = { NULL, NULL, 0, "children", "c-2", "invalid" };
  const Hostile card = { NULL, NULL, 0, "cards", "04A1B2C4", "dependency" };

  if (f->platform == NULL)
    return;
  answer = nk_test_platform_admin (f->platform, "/admin/changes", body);
  enrol_directly (f);
  start_sync (f);
  wait_until (f, quarantined_at_least, GINT_TO_POINTER (2), "the child and its card were set aside");
  wait_until (f, platform_told, &child, "the platform was told of the child");
  wait_until (f, platform_told, &card, "the platform was told of the card");
  g_assert_cmpint (f->pulled, ==, 3);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM children"), ==, 1);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM cards"), ==, 1);

  again = nk_test_platform_admin (f->platform, "/admin/changes", fixed);
  nk_sync_pull_now (f->sync);
  wait_until (f, quarantine_empty, GUINT_TO_POINTER (5), "the fixed child released its card");
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM cards WHERE uid = '04A1B2C4'"), ==, 1);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM children"), ==, 2);
}

static void
test_pull_fault (Fixture *f, gconstpointer data)
{
  const char *mode = data;

  if (f->platform == NULL)
    return;
  enrol_directly (f);
  seed_roster (f);
  nk_test_platform_fault (f->platform, mode, 1, "changes", 3.0);
  start_sync (f);
  /* With the default pull interval of a minute, only a retry after the
   * ordinary backoff gets here within the wait's bound. */
  wait_until (f, pulled_some, GUINT_TO_POINTER (5), "pulled after the fault");
  if (g_str_equal (mode, "truncated") || g_str_equal (mode, "invalid-json"))
    {
      gboolean said = FALSE;

      for (guint i = 0; i < f->errors->len; i++)
        said |= strstr (f->errors->pdata[i], "cut off or garbled") != NULL;
      g_assert_true (said);
    }
  g_assert_cmpint (nk_test_platform_stat (f->platform, "faults"), ==, 1);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM cards"), ==, 1);
}

/* ---- enrolment ----------------------------------------------------------- */

typedef struct {
  gboolean done;
  gboolean ok;
  GError  *error;
} EnrolResult;

static void
on_enrolled (GObject *source, GAsyncResult *result, gpointer user_data)
{
  EnrolResult *r = user_data;

  r->ok = nk_sync_enrol_finish (NK_SYNC (source), result, &r->error);
  r->done = TRUE;
}

static gboolean
enrol_done (Fixture *f, gconstpointer data)
{
  return ((const EnrolResult *) data)->done;
}

static void
enrol (Fixture *f, const char *code, gboolean from_qr, EnrolResult *r)
{
  g_clear_error (&r->error);
  r->done = r->ok = FALSE;
  nk_sync_enrol_async (f->sync, code, from_qr, NULL, on_enrolled, r);
  wait_until (f, enrol_done, r, "the enrolment answered");
}

static gboolean
not_enrolled (Fixture *f, gconstpointer data)
{
  return nk_sync_get_state (f->sync) == NK_SYNC_STATE_NOT_ENROLLED && nk_sync_get_last_error (f->sync);
}

static void
test_enrol (Fixture *f, gconstpointer data)
{
  g_autoptr (JsonNode) answer = NULL;
  g_autofree char *token_path = NULL;
  g_autofree char *qr = NULL;
  g_autofree char *uri = NULL;
  EnrolResult r = { 0 };
  GStatBuf st;

  if (f->platform == NULL)
    return;
  add_events (f, 4, NULL);
  start_sync (f);
  wait_until (f, not_enrolled, NULL, "the kiosk says it is not enrolled");
  g_assert_cmpint (nk_test_platform_stat (f->platform, "requests"), ==, 0);

  /* A code nobody issued. */
  enrol (f, "ZZZZ-ZZZZ", FALSE, &r);
  g_assert_false (r.ok);
  g_assert_error (r.error, NK_SYNC_ERROR, NK_SYNC_ERROR_INVALID_CODE);
  enrol (f, "!", FALSE, &r);
  g_assert_error (r.error, NK_SYNC_ERROR, NK_SYNC_ERROR_INVALID_CODE);

  /* The QR way: pending until the director scans it. */
  qr = nk_enrol_new_code ();
  g_assert_true (nk_enrol_code_is_valid (qr));
  uri = nk_enrol_qr_uri (nk_store_get_device_id (f->store), qr);
  g_assert_true (g_str_has_prefix (uri, "nurserykiosk://enrol?device="));
  g_assert_nonnull (strstr (uri, qr));
  enrol (f, qr, TRUE, &r);
  g_assert_error (r.error, NK_SYNC_ERROR, NK_SYNC_ERROR_PENDING);
  {
    g_autofree char *claim = g_strdup_printf ("{\"device_id\": \"%s\", \"code\": \"%s\"}",
                                              nk_store_get_device_id (f->store), qr);
    answer = nk_test_platform_admin (f->platform, "/admin/claim", claim);
  }
  enrol (f, qr, TRUE, &r);
  g_assert_no_error (r.error);
  g_assert_true (r.ok);

  token_path = g_build_filename (f->dir, NK_ENROL_TOKEN_FILE, NULL);
  g_assert_cmpint (g_stat (token_path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpstr (nk_sync_get_token_path (f->sync), ==, token_path);

  /* The centre the platform named is kept for `status` and the screen. */
  {
    g_autofree char *centre = nk_store_get_meta (f->store, NK_ENROL_CENTRE_NAME_KEY);
    g_autofree char *centre_id = nk_store_get_meta (f->store, NK_ENROL_CENTRE_ID_KEY);

    g_assert_cmpstr (centre, ==, "Reference centre");
    g_assert_cmpstr (centre_id, ==, "centre-1");
  }

  wait_until (f, drained, NULL, "the records went up after enrolment");
  assert_exactly_once (f);

  /* A typed code works once. */
  g_clear_pointer (&answer, json_node_unref);
  answer = nk_test_platform_admin (f->platform, "/admin/enrol-code", "{\"code\": \"7KQ2MX4P\"}");
  enrol (f, "7kq2-mx4p", FALSE, &r);
  g_assert_no_error (r.error);
  enrol (f, "7KQ2MX4P", FALSE, &r);
  g_assert_error (r.error, NK_SYNC_ERROR, NK_SYNC_ERROR_INVALID_CODE);
  g_clear_error (&r.error);
}

static void
test_token_file (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("nk-token-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "sub", NK_ENROL_TOKEN_FILE, NULL);
  g_autofree char *read = NULL;
  g_autofree char *again = NULL;
  GStatBuf st;

  g_assert_null (nk_enrol_read_token (path, &error));
  g_assert_no_error (error);
  g_assert_false (nk_enrol_write_token (path, "short", &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL);
  g_clear_error (&error);
  g_assert_true (nk_enrol_write_token (path, "0123456789abcdef-token", &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  read = nk_enrol_read_token (path, &error);
  g_assert_cmpstr (read, ==, "0123456789abcdef-token");

  /* Loosened by someone: tightened again on read. */
  g_assert_cmpint (g_chmod (path, 0644), ==, 0);
  again = nk_enrol_read_token (path, &error);
  g_assert_cmpstr (again, ==, "0123456789abcdef-token");
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  nk_test_remove_tree (dir);

  /* One-time codes come from the kernel, not from GLib's seeded PRNG. */
  {
    g_autofree char *a = NULL;
    g_autofree char *b = NULL;

    g_random_set_seed (7);
    a = nk_enrol_new_code ();
    g_random_set_seed (7);
    b = nk_enrol_new_code ();
    g_assert_cmpstr (a, !=, b);
    g_assert_cmpuint (strlen (a), ==, 8);
    g_assert_cmpuint (strspn (a, "23456789ABCDEFGHJKMNPQRSTUVWXYZ"), ==, 8);
  }

  g_assert_null (nk_enrol_tidy_code ("ab"));
  g_assert_null (nk_enrol_tidy_code ("ABCD;DROP"));
  {
    g_autofree char *tidy = nk_enrol_tidy_code (" 7kq2-mx4p ");
    g_assert_cmpstr (tidy, ==, "7KQ2MX4P");
  }
}

/* ---- the outbox cannot be counted ---------------------------------------- */

static GPtrArray *journal;   /* nk-sync messages while a test listens */
static GMutex journal_lock;

static void
on_sync_message (const char *domain, GLogLevelFlags level, const char *message, gpointer data)
{
  g_mutex_lock (&journal_lock);
  if (journal)
    g_ptr_array_add (journal, g_strdup (message));
  g_mutex_unlock (&journal_lock);
  g_log_default_handler (domain, level, message, data);
}

static gboolean
journal_says (Fixture *f, gconstpointer pattern)
{
  gboolean found = FALSE;

  g_mutex_lock (&journal_lock);
  for (guint i = 0; journal && i < journal->len && !found; i++)
    found = g_pattern_match_simple (pattern, journal->pdata[i]);
  g_mutex_unlock (&journal_lock);
  return found;
}

static gboolean
count_unknown (Fixture *f, gconstpointer data)
{
  const char *last = nk_sync_get_last_error (f->sync);

  return nk_sync_get_state (f->sync) == NK_SYNC_STATE_UNKNOWN && nk_sync_get_pending (f->sync) == -1
         && nk_sync_get_rejected (f->sync) == -1 && last && strstr (last, "outbox");
}

/* A count of the outbox that fails is never "all records sent": the
 * state is unknown, the journal says why, and once the outbox can be
 * read again the records go. */
static void
test_count_fails (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  guint handler;

  if (f->platform == NULL)
    return;
  enrol_directly (f);
  add_events (f, 3, NULL);
  start_sync (f);
  wait_until (f, drained, NULL, "the outbox drained");

  g_mutex_lock (&journal_lock);
  journal = g_ptr_array_new_with_free_func (g_free);
  g_mutex_unlock (&journal_lock);
  handler = g_log_set_handler ("nk-sync", G_LOG_LEVEL_MESSAGE, on_sync_message, NULL);

  /* The count statements are prepared already (a first prepare that
   * fails is a bug and warns); now they fail. */
  g_assert_cmpint (nk_store_count_pending (f->store, NULL), ==, 0);
  g_assert_true (nk_store_exec (f->store, "ALTER TABLE outbox RENAME TO outbox_away", &error));
  g_assert_no_error (error);
  g_assert_cmpint (nk_store_count_pending (f->store, &error), ==, -1);
  g_assert_nonnull (error);
  g_clear_error (&error);
  nk_sync_poke (f->sync);
  wait_until (f, count_unknown, NULL, "the count was shown as unknown");
  g_assert_cmpstr (nk_sync_state_label (nk_sync_get_state (f->sync)), !=,
                   nk_sync_state_label (NK_SYNC_STATE_IDLE));
  wait_until (f, journal_says, "Sync: *outbox*how many records wait to be sent is unknown*",
              "the journal said why");

  g_assert_true (nk_store_exec (f->store, "ALTER TABLE outbox_away RENAME TO outbox", &error));
  add_events (f, 2, NULL);
  wait_until (f, drained, NULL, "drained once the outbox could be read again");
  assert_exactly_once (f);
  g_assert_true (journal_says (f, "Sync: the records waiting can be counted again*"));

  g_log_remove_handler ("nk-sync", handler);
  g_mutex_lock (&journal_lock);
  g_clear_pointer (&journal, g_ptr_array_unref);
  g_mutex_unlock (&journal_lock);
}

#define ADD(path, func, data)                                                                     \
  g_test_add (path, Fixture, data, fixture_set_up, func, fixture_tear_down)

int
main (int argc, char **argv)
{
  static const char *push_faults[] = { "500", "503", "429", "slow", "reset", "truncated",
                                       "invalid-json", "duplicate-ack", "stall" };
  static const char *pull_faults[] = { "500", "reset", "truncated", "invalid-json" };
  int rc;

  g_test_init (&argc, &argv, NULL);
  g_log_set_handler ("nk-sync", G_LOG_LEVEL_WARNING | G_LOG_FLAG_FATAL, on_sync_warning, NULL);
  curl_global_init (CURL_GLOBAL_DEFAULT);
  certs = nk_test_platform_make_certs ();

  g_test_add_func ("/nk/sync/token-file", test_token_file);
  ADD ("/nk/sync/push", test_push, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (push_faults); i++)
    {
      g_autofree char *path = g_strdup_printf ("/nk/sync/push-fault/%s", push_faults[i]);
      ADD (path, test_push_fault, push_faults[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (pull_faults); i++)
    {
      g_autofree char *path = g_strdup_printf ("/nk/sync/pull-fault/%s", pull_faults[i]);
      ADD (path, test_pull_fault, pull_faults[i]);
    }
  ADD ("/nk/sync/rejected", test_rejected, NULL);
  ADD ("/nk/sync/poison", test_poison, NULL);
  ADD ("/nk/sync/redirect", test_redirect, NULL);
  ADD ("/nk/sync/retry-after/zero", test_retry_after_now, "0");
  ADD ("/nk/sync/retry-after/past-date", test_retry_after_now, "\"Wed, 21 Oct 2015 07:28:00 GMT\"");
  for (guint i = 0; i < G_N_ELEMENTS (refused_answers); i++)
    {
      g_autofree char *path = g_strdup_printf ("/nk/sync/pull/refused-waits/%s", refused_answers[i].name);
      ADD (path, test_refused_pull_waits, &refused_answers[i]);
    }
  ADD ("/nk/sync/sync-now", test_sync_now, NULL);
  ADD ("/nk/sync/unauthorised", test_unauthorised, NULL);
  ADD ("/nk/sync/not-https", test_not_https, NULL);
  ADD ("/nk/sync/tls/wrong-ca", test_tls, &tls_wrong_ca);
  ADD ("/nk/sync/tls/wrong-host", test_tls, &tls_wrong_host);
  ADD ("/nk/sync/tls/expired", test_tls, &tls_expired);
  ADD ("/nk/sync/tls/pin-mismatch", test_tls, &tls_pin);
  ADD ("/nk/sync/tls/pin-match", test_tls, &tls_pin_good);
  ADD ("/nk/sync/tls/pin-unusable", test_tls_pin_unusable, NULL);
  ADD ("/nk/sync/pull/cards", test_pull_cards, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      g_autofree char *path = g_strdup_printf ("/nk/sync/pull/hostile-%s", hostile[i].name);
      ADD (path, test_pull_hostile, &hostile[i]);
    }
  ADD ("/nk/sync/pull/quarantine", test_pull_quarantine, NULL);
  ADD ("/nk/sync/token-renewed", test_token_renewed, NULL);
  ADD ("/nk/sync/enrol", test_enrol, NULL);
  ADD ("/nk/sync/count-fails", test_count_fails, NULL);

  rc = g_test_run ();
  if (certs)
    nk_test_remove_tree (certs);
  g_free (certs);
  return rc;
}
