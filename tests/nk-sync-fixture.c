/* nk-sync-fixture.c — what the sync tests share (nk-sync-fixture.h). */
#include "config.h"

#include <curl/curl.h>
#include <glib/gstdio.h>
#include <string.h>

#include "nk-sync-fixture.h"
#include "nk-test-util.h"
#include "sync/nk-enrol.h"

char *certs;

/* Lines the sync logs on purpose (a rejected record) come from the worker
 * thread between routine g_message lines, which g_test_expect_message
 * cannot take.  The handler counts the messages that match the expected
 * pattern; warnings (bugs) stay fatal unless one is expected. */
static char *expected_pattern;
gint expected_seen;
static GMutex expected_lock;

void
on_sync_warning (const char *domain, GLogLevelFlags level, const char *message, gpointer data)
{
  gboolean match;

  g_mutex_lock (&expected_lock);
  match = expected_pattern && g_pattern_match_simple (expected_pattern, message);
  g_mutex_unlock (&expected_lock);
  if (match)
    g_atomic_int_inc (&expected_seen);
  else if ((level & G_LOG_LEVEL_MESSAGE) != 0)
    ;
  else if (!(level & G_LOG_FLAG_FATAL))
    {
      g_printerr ("Unexpected warning: %s\n", message);
      g_test_fail ();
    }
  g_log_default_handler (domain, level, message, data);
}

void
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


void
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

void
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

void
on_last_error (NkSync *sync, GParamSpec *pspec, Fixture *f)
{
  if (nk_sync_get_last_error (sync))
    g_ptr_array_add (f->errors, g_strdup (nk_sync_get_last_error (sync)));
}

void
on_pulled (NkSync *sync, guint n, Fixture *f)
{
  f->pulled += n;
}

void
enrol_directly (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *token = nk_test_platform_token (f->platform, nk_store_get_device_id (f->store));
  g_autofree char *path = g_build_filename (f->dir, NK_ENROL_TOKEN_FILE, NULL);

  g_assert_true (nk_enrol_write_token (path, token, &error));
  g_assert_no_error (error);
}

/* backoff_ms: the ceiling of the exponential backoff (base and cap). */
void
start_sync_backoff (Fixture *f, guint backoff_ms)
{
  f->sync = nk_sync_new (f->store, f->db_path, f->config);
  nk_sync_set_backoff (f->sync, backoff_ms, backoff_ms);
  nk_sync_set_timeouts (f->sync, 5, 1);
  g_signal_connect (f->sync, "notify::last-error", G_CALLBACK (on_last_error), f);
  g_signal_connect (f->sync, "pulled", G_CALLBACK (on_pulled), f);
  nk_sync_start (f->sync);
}

void
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
void
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

gint64
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


/* Runs the main context until done; a generous bound, not a measurement. */
void
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

gboolean
drained (Fixture *f, gconstpointer data)
{
  return nk_sync_get_state (f->sync) == NK_SYNC_STATE_IDLE && nk_sync_get_pending (f->sync) == 0
         && count (f->store, "SELECT count(*) FROM outbox WHERE state != 'sent'") == 0;
}

gboolean
drained_but_rejected (Fixture *f, gconstpointer data)
{
  return nk_sync_get_state (f->sync) == NK_SYNC_STATE_IDLE && nk_sync_get_pending (f->sync) == 0
         && nk_sync_get_rejected (f->sync) == 1;
}

gboolean
showed_error (Fixture *f, gconstpointer data)
{
  return f->errors->len > 0;
}

gboolean
warned (Fixture *f, gconstpointer data)
{
  return g_atomic_int_get (&expected_seen) > 0;
}

gboolean
stat_at_least (Fixture *f, gconstpointer data)
{
  const char *const *spec = data;   /* { name, value } */

  return nk_test_platform_stat (f->platform, spec[0]) >= g_ascii_strtoll (spec[1], NULL, 10);
}

gboolean
has_error (Fixture *f, gconstpointer data)
{
  return (int) nk_sync_get_state (f->sync) == GPOINTER_TO_INT (data)
         && nk_sync_get_last_error (f->sync) != NULL;
}

gboolean
pulled_some (Fixture *f, gconstpointer data)
{
  return f->pulled >= GPOINTER_TO_UINT (data) && nk_sync_get_state (f->sync) == NK_SYNC_STATE_IDLE;
}

gboolean
pull_refused (Fixture *f, gconstpointer data)
{
  return nk_sync_get_state (f->sync) == NK_SYNC_STATE_ERROR && nk_sync_get_last_error (f->sync)
         && nk_test_platform_stat (f->platform, "pulls") >= 1;
}

/* Every pull answers body verbatim until cleared. */
void
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
void
raw_pull_bytes (Fixture *f, const char *data, gsize len)
{
  g_autofree char *b64 = g_base64_encode ((const guchar *) data, len);
  g_autofree char *request = g_strdup_printf ("{\"repeat\": true, \"body_base64\": \"%s\"}", b64);
  g_autoptr (JsonNode) answer = nk_test_platform_admin (f->platform, "/admin/raw-pull", request);
}

/* pull.rejected events the platform holds for (section, id, code). */
guint
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

gboolean
error_says (Fixture *f, gconstpointer data)
{
  const char *last = nk_sync_get_last_error (f->sync);

  return nk_sync_get_state (f->sync) == NK_SYNC_STATE_ERROR && last && strstr (last, data);
}

/* A fault with a Retry-After of the given JSON value (number or string). */
void
fault_retry_after (Fixture *f, const char *mode, const char *path, const char *retry_after)
{
  g_autofree char *body = g_strdup_printf ("{\"mode\": \"%s\", \"count\": -1, \"path\": \"%s\", "
                                           "\"retry_after\": %s}",
                                           mode, path, retry_after);
  g_autoptr (JsonNode) root = nk_test_platform_admin (f->platform, "/admin/fault", body);
}

/* The platform holds exactly the queued events, each once; the outbox is empty. */
void
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

void
nk_sync_fixture_init (int *argc, char ***argv)
{
  g_test_init (argc, argv, NULL);
  g_log_set_handler ("nk-sync", G_LOG_LEVEL_WARNING | G_LOG_LEVEL_MESSAGE | G_LOG_FLAG_FATAL,
                     on_sync_warning, NULL);
  curl_global_init (CURL_GLOBAL_DEFAULT);
  certs = nk_test_platform_make_certs ();
}

int
nk_sync_fixture_run (void)
{
  int rc = g_test_run ();

  if (certs)
    nk_test_remove_tree (certs);
  g_free (certs);
  return rc;
}
