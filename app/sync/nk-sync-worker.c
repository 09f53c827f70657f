/* nk-sync-worker.c — the sync worker thread.
 *
 * Owns its own NkStore and HTTPS connection.  Each cycle: push the outbox
 * in batches (rows are marked sent only after the platform's answer
 * arrived whole), then pull changes when due.  A failure backs off
 * exponentially with full jitter, capped; Retry-After is obeyed exactly.
 * Between cycles it sleeps on a GCond until poked, asked to pull, stopped,
 * or a deadline passes. */
#define G_LOG_DOMAIN "nk-sync"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "core/nk-pull.h"
#include "core/nk-store-private.h"
#include "core/nk-types.h"
#include "nk-enrol.h"
#include "nk-http.h"
#include "nk-sync-private.h"

#define PULL_LIMIT 500
#define MAX_PULL_ROUNDS 50
#define IDLE_CHECK_US (5 * G_USEC_PER_SEC)
#define NOT_ENROLLED_CHECK_US (60 * G_USEC_PER_SEC)
#define MAX_REASON 200
#define REJECTED_PREFIX "rejected: "

struct _NkSyncWorker
{
  NkSync       *sync;      /* for the mutex, cond and flags only */
  NkSyncShared *shared;
  GMainContext *context;

  char         *store_path;
  char         *base_url;
  char         *ca_file;
  char         *pinned_key;
  char         *token_path;
  guint         batch_limit;
  guint         pull_seconds;
  guint         backoff_base_ms;
  guint         backoff_cap_ms;
  guint         connect_seconds;
  guint         low_speed_seconds;

  NkStore      *store;
  NkHttp       *http;
  char         *token;
  JsonParser   *parser;
  guint         failures;
  gint64        backoff_until;   /* monotonic */
  gint64        next_pull;       /* monotonic */
  gboolean      pull_wanted;
  gboolean      config_broken;

  /* what the properties should say */
  NkSyncState   state;
  gint64        pending;
  gint64        rejected;
  gint64        last_success;
  char         *last_error;
  guint         pulled;
  NkSyncStatus  published;
};

typedef enum {
  BATCH_DONE,     /* the platform answered; go on */
  BATCH_SHRINK,   /* 413: try again with a smaller batch */
  BATCH_FAILED,   /* no usable answer; backing off */
} BatchResult;

NkSyncWorker *
nk_sync_worker_new (NkSync *sync)
{
  NkSyncWorker *w = g_new0 (NkSyncWorker, 1);

  w->sync = sync;
  w->shared = g_atomic_rc_box_acquire (sync->shared);
  w->context = g_main_context_ref (sync->context);
  w->store_path = g_strdup (sync->store_path);
  w->base_url = g_strdup (sync->base_url);
  w->ca_file = g_strdup (sync->ca_file);
  w->pinned_key = g_strdup (sync->pinned_key);
  w->token_path = g_strdup (sync->token_path);
  w->batch_limit = sync->batch_size;
  w->pull_seconds = sync->pull_seconds;
  w->backoff_base_ms = sync->backoff_base_ms;
  w->backoff_cap_ms = sync->backoff_cap_ms;
  w->connect_seconds = sync->connect_seconds;
  w->low_speed_seconds = sync->low_speed_seconds;
  w->parser = json_parser_new_immutable ();
  /* What the main context shows now, so the first real change is sent. */
  w->state = w->published.state = sync->state;
  w->pending = w->published.pending = sync->pending;
  w->rejected = w->published.rejected = sync->rejected;
  w->last_success = w->published.last_success = sync->last_success;
  w->last_error = g_strdup (sync->last_error);
  w->published.last_error = g_strdup (sync->last_error);
  return w;
}

void
nk_sync_worker_free (NkSyncWorker *w)
{
  g_clear_object (&w->store);
  g_clear_pointer (&w->http, nk_http_free);
  if (w->token)
    memset (w->token, 0, strlen (w->token));
  g_free (w->token);
  g_clear_object (&w->parser);
  nk_sync_shared_release (w->shared);
  g_main_context_unref (w->context);
  g_free (w->store_path);
  g_free (w->base_url);
  g_free (w->ca_file);
  g_free (w->pinned_key);
  g_free (w->token_path);
  g_free (w->last_error);
  g_free (w->published.last_error);
  g_free (w);
}

static gboolean
stopping (NkSyncWorker *w)
{
  return g_atomic_int_get (&w->sync->stop) != 0;
}

/* ---- status ---------------------------------------------------------------- */

static void
publish (NkSyncWorker *w)
{
  GSource *source;
  NkSyncStatus *status;

  if (w->published.state == w->state && w->published.pending == w->pending
      && w->published.rejected == w->rejected && w->published.last_success == w->last_success
      && g_strcmp0 (w->published.last_error, w->last_error) == 0 && w->pulled == 0)
    return;

  w->published.state = w->state;
  w->published.pending = w->pending;
  w->published.rejected = w->rejected;
  w->published.last_success = w->last_success;
  g_free (w->published.last_error);
  w->published.last_error = g_strdup (w->last_error);

  status = g_new0 (NkSyncStatus, 1);
  status->shared = g_atomic_rc_box_acquire (w->shared);
  status->state = w->state;
  status->pending = w->pending;
  status->rejected = w->rejected;
  status->last_success = w->last_success;
  status->last_error = g_strdup (w->last_error);
  status->pulled = w->pulled;
  w->pulled = 0;
  /* An idle source, never g_main_context_invoke: the default context is
   * also this thread's default, and invoke would run the callback here. */
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, nk_sync_apply_status, status, nk_sync_status_free);
  g_source_set_static_name (source, "[nk-sync] status");
  g_source_attach (source, w->context);
  g_source_unref (source);
}

static void
set_state (NkSyncWorker *w, NkSyncState state, const char *error)
{
  w->state = state;
  if (error != NULL || state == NK_SYNC_STATE_IDLE)
    {
      g_free (w->last_error);
      w->last_error = g_strdup (error);
    }
  publish (w);
}

/* The n-th failure in a row waits a random time in [0, min(cap, base·2ⁿ)],
 * or exactly what Retry-After said. */
static void
back_off (NkSyncWorker *w, gint64 retry_after)
{
  guint64 delay_ms;

  w->failures = MIN (w->failures + 1, 40);
  if (retry_after >= 0)
    delay_ms = (guint64) retry_after * 1000;
  else
    {
      guint64 ceiling = (guint64) w->backoff_base_ms << MIN (w->failures, 24);
      ceiling = MIN (ceiling, (guint64) w->backoff_cap_ms);
      delay_ms = (guint64) g_random_double_range (0, (double) ceiling + 1);
    }
  w->backoff_until = g_get_monotonic_time () + (gint64) delay_ms * 1000;
  g_message ("Sync: failure %u in a row, next attempt in %.1f s", w->failures,
             (double) delay_ms / 1000.0);
}

static void
fail_with (NkSyncWorker *w, NkSyncState state, const char *message, gint64 retry_after)
{
  set_state (w, state, message);
  back_off (w, retry_after);
}

static void
fail_with_error (NkSyncWorker *w, GError *error)
{
  if (g_error_matches (error, NK_HTTP_ERROR, NK_HTTP_ERROR_CANCELLED))
    return;
  fail_with (w,
             g_error_matches (error, NK_HTTP_ERROR, NK_HTTP_ERROR_NETWORK) ? NK_SYNC_STATE_OFFLINE
                                                                          : NK_SYNC_STATE_ERROR,
             error->message, -1);
}

/* An HTTP answer that is not 200. */
static void
fail_with_status (NkSyncWorker *w, NkHttpResponse *response)
{
  g_autofree char *code = nk_http_error_code (response);
  g_autofree char *message = NULL;

  g_message ("Sync: the platform answered HTTP %ld (%s)", response->status,
             code ? code : "no error code");
  switch (response->status)
    {
    case 401:
      fail_with (w, NK_SYNC_STATE_NOT_ENROLLED,
                 _("The platform refused this kiosk's token; enrol the kiosk again"), -1);
      return;
    case 429:
      fail_with (w, NK_SYNC_STATE_ERROR,
                 _("The platform asked the kiosk to wait (too many requests)"),
                 response->retry_after);
      return;
    case 503:
      fail_with (w, NK_SYNC_STATE_ERROR, _("The platform is unavailable for a while (maintenance)"),
                 response->retry_after);
      return;
    default:
      message = g_strdup_printf (_("The platform answered with an error (HTTP %ld)"),
                                 response->status);
      fail_with (w, NK_SYNC_STATE_ERROR, message, -1);
      return;
    }
}

/* ---- the outbox ------------------------------------------------------------ */

static gint64
count (NkSyncWorker *w, const char *sql)
{
  sqlite3_stmt *stmt = nk_store_prepare (w->store, sql, NULL);
  gint64 n = 0;

  if (stmt && sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  if (stmt)
    sqlite3_reset (stmt);
  return n;
}

static void
recount (NkSyncWorker *w)
{
  w->pending = count (w, "SELECT count(*) FROM outbox WHERE sent_us IS NULL "
                         "AND (last_error IS NULL OR last_error NOT LIKE 'rejected: %')");
  w->rejected = count (w, "SELECT count(*) FROM outbox WHERE sent_us IS NULL "
                          "AND last_error LIKE 'rejected: %'");
}

static void
append_json_string (GString *s, const char *str)
{
  g_string_append_c (s, '"');
  for (const char *p = str; *p; p++)
    {
      guchar c = (guchar) *p;
      if (c == '"' || c == '\\')
        {
          g_string_append_c (s, '\\');
          g_string_append_c (s, (char) c);
        }
      else if (c < 0x20)
        g_string_append_printf (s, "\\u%04x", c);
      else
        g_string_append_c (s, (char) c);
    }
  g_string_append_c (s, '"');
}

static gboolean
mark (NkSyncWorker *w, const char *sql, const char *event_id, const char *text, GError **error)
{
  sqlite3_stmt *stmt = nk_store_prepare (w->store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, event_id, -1, SQLITE_STATIC);
  if (text)
    sqlite3_bind_text (stmt, 2, text, -1, SQLITE_STATIC);
  else
    sqlite3_bind_int64 (stmt, 2, g_get_real_time ());
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      nk_store_set_error (w->store, error, _("Cannot update the outbox"));
      return FALSE;
    }
  return TRUE;
}

#define MARK_SENT "UPDATE outbox SET sent_us = ?2, last_error = NULL WHERE event_id = ?1 AND sent_us IS NULL"
#define MARK_REJECTED                                                                              \
  "UPDATE outbox SET attempts = attempts + 1, last_error = 'rejected: ' || ?2 "                    \
  "WHERE event_id = ?1 AND sent_us IS NULL"
#define MARK_UNACKED                                                                               \
  "UPDATE outbox SET attempts = attempts + 1, last_error = ?2 WHERE event_id = ?1 AND sent_us IS NULL"

/* A reason from the network, made safe for the database and the screen. */
static char *
tidy_reason (const char *reason)
{
  g_autofree char *valid = g_utf8_make_valid (reason ? reason : "", -1);
  GString *s = g_string_new (NULL);
  guint n = 0;

  for (const char *p = valid; *p && n < MAX_REASON; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);
      g_string_append_unichar (s, g_unichar_iscntrl (c) ? ' ' : c);
    }
  if (s->len == 0)
    g_string_append (s, "no reason given");
  return g_string_free (s, FALSE);
}

typedef struct {
  char *event_id;
  char *type;
  gboolean answered;
} BatchRow;

static void
batch_row_clear (gpointer data)
{
  BatchRow *row = data;

  g_free (row->event_id);
  g_free (row->type);
}

/* Reads the next batch into rows and the request body into body.  Rows
 * whose payload is not a JSON object are marked rejected here. */
static gboolean
read_batch (NkSyncWorker *w, GArray *rows, GString *body, GError **error)
{
  sqlite3_stmt *stmt = nk_store_prepare (w->store,
                                         "SELECT event_id, type, at_us, payload FROM outbox "
                                         "WHERE sent_us IS NULL AND (last_error IS NULL OR "
                                         "last_error NOT LIKE 'rejected: %') ORDER BY seq LIMIT ?",
                                         error);
  g_autoptr (GPtrArray) damaged = g_ptr_array_new_with_free_func (g_free);
  const char *device_id = nk_store_get_device_id (w->store);
  int rc;

  if (stmt == NULL)
    return FALSE;
  g_string_append (body, "{\"device_id\":");
  append_json_string (body, device_id);
  g_string_append (body, ",\"events\":[");
  sqlite3_bind_int (stmt, 1, (int) w->batch_limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *event_id = (const char *) sqlite3_column_text (stmt, 0);
      const char *type = (const char *) sqlite3_column_text (stmt, 1);
      gint64 at_us = sqlite3_column_int64 (stmt, 2);
      const char *payload = (const char *) sqlite3_column_text (stmt, 3);
      int payload_len = sqlite3_column_bytes (stmt, 3);
      g_autofree char *at = NULL;
      JsonNode *root;
      BatchRow row;

      if (payload == NULL || !json_parser_load_from_data (w->parser, payload, payload_len, NULL)
          || (root = json_parser_get_root (w->parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root)
          || !g_utf8_validate (event_id, -1, NULL) || !g_utf8_validate (type, -1, NULL))
        {
          g_ptr_array_add (damaged, g_strdup (event_id));
          continue;
        }
      at = nk_format_utc_iso (at_us);
      if (rows->len > 0)
        g_string_append_c (body, ',');
      g_string_append (body, "{\"id\":");
      append_json_string (body, event_id);
      g_string_append (body, ",\"type\":");
      append_json_string (body, type);
      g_string_append (body, ",\"at\":");
      append_json_string (body, at);
      g_string_append (body, ",\"device_id\":");
      append_json_string (body, device_id);
      g_string_append (body, ",\"payload\":");
      g_string_append_len (body, payload, payload_len);
      g_string_append_c (body, '}');
      row.event_id = g_strdup (event_id);
      row.type = g_strdup (type);
      row.answered = FALSE;
      g_array_append_val (rows, row);
    }
  sqlite3_reset (stmt);
  g_string_append (body, "]}");
  if (rc != SQLITE_DONE)
    {
      nk_store_set_error (w->store, error, _("Cannot read the outbox"));
      return FALSE;
    }

  for (guint i = 0; i < damaged->len; i++)
    {
      g_warning ("Outbox record %s is damaged (its payload is not a JSON object); it is kept "
                 "and not sent",
                 (const char *) damaged->pdata[i]);
      if (!mark (w, MARK_REJECTED, damaged->pdata[i], "damaged record, not sent", error))
        return FALSE;
    }
  return TRUE;
}

/* Applies the platform's answer to the batch in one transaction. */
static BatchResult
apply_results (NkSyncWorker *w, GArray *rows, GBytes *answer)
{
  g_autoptr (JsonParser) parser = json_parser_new_immutable ();
  g_autoptr (GHashTable) index = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GError) error = NULL;
  gsize len;
  const char *data = g_bytes_get_data (answer, &len);
  JsonNode *root, *results = NULL;
  JsonArray *array;
  guint acked = 0, rejected = 0, unacked = 0, doubled = 0, strangers = 0;

  if (len > 0 && json_parser_load_from_data (parser, data, (gssize) len, NULL)
      && (root = json_parser_get_root (parser)) != NULL && JSON_NODE_HOLDS_OBJECT (root))
    results = json_object_get_member (json_node_get_object (root), "results");
  if (results == NULL || !JSON_NODE_HOLDS_ARRAY (results))
    {
      g_message ("Sync: the platform's answer to a batch of %u is not the promised JSON; "
                 "nothing marked, the batch will be sent again",
                 rows->len);
      fail_with (w, NK_SYNC_STATE_ERROR,
                 _("The platform's answer could not be read; the records will be sent again"), -1);
      return BATCH_FAILED;
    }

  for (guint i = 0; i < rows->len; i++)
    {
      BatchRow *row = &g_array_index (rows, BatchRow, i);
      g_hash_table_insert (index, row->event_id, row);
    }

  if (!nk_store_begin (w->store, &error))
    goto db_error;
  array = json_node_get_array (results);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *obj;
      JsonNode *id, *status, *reason;
      BatchRow *row;
      const char *st;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      obj = json_node_get_object (node);
      id = json_object_get_member (obj, "id");
      status = json_object_get_member (obj, "status");
      if (id == NULL || status == NULL || json_node_get_value_type (id) != G_TYPE_STRING
          || json_node_get_value_type (status) != G_TYPE_STRING)
        continue;
      row = g_hash_table_lookup (index, json_node_get_string (id));
      if (row == NULL)
        {
          strangers++;
          continue;
        }
      if (row->answered)
        {
          doubled++;
          continue;
        }
      st = json_node_get_string (status);
      if (g_strcmp0 (st, "accepted") == 0 || g_strcmp0 (st, "duplicate") == 0)
        {
          if (!mark (w, MARK_SENT, row->event_id, NULL, &error))
            goto db_error;
          row->answered = TRUE;
          acked++;
        }
      else if (g_strcmp0 (st, "rejected") == 0)
        {
          g_autofree char *why = NULL;

          reason = json_object_get_member (obj, "reason");
          why = tidy_reason (reason && json_node_get_value_type (reason) == G_TYPE_STRING
                               ? json_node_get_string (reason)
                               : NULL);
          g_warning ("The platform rejected record %s (%s): %s; it is kept and not sent again",
                     row->event_id, row->type, why);
          if (!mark (w, MARK_REJECTED, row->event_id, why, &error))
            goto db_error;
          row->answered = TRUE;
          rejected++;
        }
    }
  for (guint i = 0; i < rows->len; i++)
    {
      BatchRow *row = &g_array_index (rows, BatchRow, i);
      if (row->answered)
        continue;
      unacked++;
      if (!mark (w, MARK_UNACKED, row->event_id, "not acknowledged by the platform", &error))
        goto db_error;
    }
  if (!nk_store_commit (w->store, &error))
    goto db_error;

  if (doubled || strangers || unacked)
    g_message ("Sync: the platform's answer listed %u records twice, %u records not sent, and "
               "left %u of %u unanswered",
               doubled, strangers, unacked, rows->len);
  w->pending = MAX (0, w->pending - acked - rejected);
  w->rejected += rejected;
  if (acked + rejected == 0)
    {
      fail_with (w, NK_SYNC_STATE_ERROR,
                 _("The platform acknowledged none of the records; they will be sent again"), -1);
      return BATCH_FAILED;
    }
  w->failures = 0;
  w->last_success = g_get_real_time ();
  return BATCH_DONE;

db_error:
  nk_store_rollback (w->store);
  g_warning ("Sync: cannot record the platform's answer: %s", error->message);
  fail_with (w, NK_SYNC_STATE_ERROR, error->message, -1);
  return BATCH_FAILED;
}

static BatchResult
push_batch (NkSyncWorker *w)
{
  g_autoptr (GArray) rows = g_array_new (FALSE, TRUE, sizeof (BatchRow));
  g_autoptr (GString) body = g_string_sized_new (256 * 1024);
  g_autoptr (GBytes) gz = NULL;
  g_autoptr (GError) error = NULL;
  NkHttpResponse response = { 0, NULL, -1 };
  BatchResult result;

  g_array_set_clear_func (rows, batch_row_clear);
  if (!read_batch (w, rows, body, &error))
    {
      g_warning ("Sync: %s", error->message);
      fail_with (w, NK_SYNC_STATE_ERROR, error->message, -1);
      return BATCH_FAILED;
    }
  if (rows->len == 0)
    {
      recount (w);
      return BATCH_DONE;
    }

  gz = nk_http_gzip (body->str, body->len);
  if (!nk_http_request (w->http, "POST", "/api/v1/events", w->token, gz, TRUE, &response, &error))
    {
      fail_with_error (w, error);
      return BATCH_FAILED;
    }
  if (response.status == 413 && w->batch_limit > 1)
    {
      w->batch_limit = MAX (1, w->batch_limit / 2);
      g_message ("Sync: batch too large for the platform; now %u records per batch",
                 w->batch_limit);
      result = BATCH_SHRINK;
    }
  else if (response.status == 200)
    result = apply_results (w, rows, response.body);
  else
    {
      fail_with_status (w, &response);
      result = BATCH_FAILED;
    }
  nk_http_response_clear (&response);
  return result;
}

/* Pushes until the outbox is empty; FALSE after a failure. */
static gboolean
push_all (NkSyncWorker *w)
{
  recount (w);
  while (w->pending > 0 && !stopping (w))
    {
      if (w->state != NK_SYNC_STATE_SYNCING)
        set_state (w, NK_SYNC_STATE_SYNCING, NULL);
      else
        publish (w);
      if (push_batch (w) == BATCH_FAILED)
        {
          recount (w);
          publish (w);
          return FALSE;
        }
    }
  recount (w);
  return !stopping (w);
}

/* ---- pull ------------------------------------------------------------------ */

static gboolean
pull_all (NkSyncWorker *w)
{
  guint applied = 0;

  for (guint round = 0; round < MAX_PULL_ROUNDS && !stopping (w); round++)
    {
      g_autofree char *cursor = nk_store_get_meta (w->store, NK_PULL_CURSOR_KEY);
      g_autofree char *escaped = cursor ? g_uri_escape_string (cursor, NULL, FALSE) : NULL;
      g_autofree char *path = NULL;
      g_autoptr (GError) error = NULL;
      g_autoptr (NkPull) pull = NULL;
      NkHttpResponse response = { 0, NULL, -1 };
      const char *data;
      gsize len;
      gboolean more;

      path = escaped ? g_strdup_printf ("/api/v1/changes?limit=%d&since=%s", PULL_LIMIT, escaped)
                     : g_strdup_printf ("/api/v1/changes?limit=%d", PULL_LIMIT);
      if (w->state != NK_SYNC_STATE_SYNCING)
        set_state (w, NK_SYNC_STATE_SYNCING, NULL);
      if (!nk_http_request (w->http, "GET", path, w->token, NULL, FALSE, &response, &error))
        {
          fail_with_error (w, error);
          return FALSE;
        }
      if (response.status != 200)
        {
          fail_with_status (w, &response);
          nk_http_response_clear (&response);
          return FALSE;
        }
      data = g_bytes_get_data (response.body, &len);
      pull = nk_pull_parse (data, len, &error);
      if (pull == NULL || !nk_pull_apply (pull, w->store, &error))
        {
          g_warning ("Refused the platform's changes, nothing was applied: %s", error->message);
          nk_http_response_clear (&response);
          fail_with (w, NK_SYNC_STATE_ERROR,
                     error->domain == NK_PULL_ERROR
                       ? _("The platform sent changes that break the rules; nothing was applied")
                       : error->message,
                     -1);
          return FALSE;
        }
      more = nk_pull_get_more (pull);
      applied += nk_pull_count (pull);
      w->last_success = g_get_real_time ();
      w->failures = 0;
      nk_http_response_clear (&response);
      if (!more)
        break;
    }
  if (applied > 0)
    g_message ("Sync: applied %u changes from the platform", applied);
  w->pulled += applied;
  return !stopping (w);
}

/* ---- the loop -------------------------------------------------------------- */

/* Store, connection and token; FALSE (state published) when one is missing. */
static gboolean
ensure_ready (NkSyncWorker *w)
{
  g_autoptr (GError) error = NULL;

  if (w->config_broken)
    return FALSE;
  if (w->store == NULL)
    {
      w->store = nk_store_open (w->store_path, &error);
      if (w->store == NULL)
        {
          g_warning ("Sync: %s", error->message);
          fail_with (w, NK_SYNC_STATE_ERROR, error->message, -1);
          return FALSE;
        }
    }
  if (w->http == NULL)
    {
      w->http = nk_http_new (w->base_url, w->ca_file, w->pinned_key, &error);
      if (w->http == NULL)
        {
          g_message ("Sync: %s", error->message);
          w->config_broken = TRUE;
          recount (w);
          set_state (w, NK_SYNC_STATE_ERROR, error->message);
          return FALSE;
        }
      nk_http_set_timeouts (w->http, w->connect_seconds, w->low_speed_seconds, 120);
      nk_http_set_abort_flag (w->http, &w->sync->stop);
      nk_http_set_max_body (w->http, NK_PULL_MAX_BODY);
    }
  if (w->token == NULL)
    {
      w->token = nk_enrol_read_token (w->token_path, &error);
      if (w->token == NULL)
        {
          if (error)
            g_message ("Sync: %s", error->message);
          recount (w);
          set_state (w, NK_SYNC_STATE_NOT_ENROLLED,
                     error ? error->message : _("This kiosk is not enrolled with the platform yet"));
          return FALSE;
        }
    }
  return TRUE;
}

static void
retry_rejected (NkSyncWorker *w)
{
  g_autoptr (GError) error = NULL;

  if (w->store == NULL)
    return;
  if (!nk_store_exec (w->store,
                      "UPDATE outbox SET last_error = NULL WHERE sent_us IS NULL "
                      "AND last_error LIKE 'rejected: %'",
                      &error))
    g_warning ("Sync: %s", error->message);
  else
    g_message ("Sync: rejected records queued again");
}

static void
cycle (NkSyncWorker *w)
{
  gint64 now = g_get_monotonic_time ();

  if (!ensure_ready (w))
    return;
  if (now < w->backoff_until)
    return;
  if (!push_all (w))
    return;
  if (w->pull_wanted || now >= w->next_pull)
    {
      if (!pull_all (w))
        return;
      w->pull_wanted = FALSE;
      w->next_pull = g_get_monotonic_time () + (gint64) w->pull_seconds * G_USEC_PER_SEC;
    }
  if (stopping (w))
    return;
  recount (w);
  if (w->state == NK_SYNC_STATE_SYNCING || w->failures == 0)
    set_state (w, NK_SYNC_STATE_IDLE, NULL);
  else
    publish (w);
}

static gint64
next_wake (NkSyncWorker *w)
{
  gint64 now = g_get_monotonic_time ();

  if (w->config_broken)
    return G_MAXINT64;
  if (w->token == NULL)
    return now + NOT_ENROLLED_CHECK_US;
  if (w->backoff_until > now)
    return w->backoff_until;
  return MIN (w->next_pull, now + IDLE_CHECK_US);
}

gpointer
nk_sync_worker_main (gpointer data)
{
  NkSyncWorker *w = data;
  NkSync *sync = w->sync;

  w->next_pull = g_get_monotonic_time ();
  w->pull_wanted = TRUE;
  /* The first cycle runs at once; later ones when woken or due. */
  for (gboolean first = TRUE; !stopping (w); first = FALSE)
    {
      gint64 wake = next_wake (w);
      gboolean token_changed, again;

      g_mutex_lock (&sync->mutex);
      while (!first && !stopping (w) && !sync->poked && !sync->pull_requested && !sync->token_changed
             && !sync->retry_rejected && g_get_monotonic_time () < wake)
        g_cond_wait_until (&sync->cond, &sync->mutex, wake);
      sync->poked = FALSE;
      if (sync->pull_requested)
        w->pull_wanted = TRUE;
      sync->pull_requested = FALSE;
      token_changed = sync->token_changed;
      sync->token_changed = FALSE;
      again = sync->retry_rejected;
      sync->retry_rejected = FALSE;
      g_mutex_unlock (&sync->mutex);

      if (stopping (w))
        break;
      if (token_changed)
        {
          g_clear_pointer (&w->token, g_free);
          w->failures = 0;
          w->backoff_until = 0;
          w->pull_wanted = TRUE;
        }
      if (again)
        retry_rejected (w);
      cycle (w);
    }
  return NULL;
}
