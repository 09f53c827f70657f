/* nk-sync-push.c — the sync worker's push: the outbox goes to the
 * platform in batches, and rows are marked only after the platform's
 * answer arrived whole (docs/platform-api.md, "Push: events").
 *
 * A batch the platform answers 400 or 413 is halved until the event at
 * fault is alone; that one is then marked rejected locally, so one bad
 * record never blocks the ones behind it.  The batch grows back after a
 * run of answered batches.
 *
 * The answer is written MARK_CHUNK rows per transaction on the worker's
 * background connection, so a tap at the door waits at most for one
 * short transaction (nk_store_begin lets the door's go first).  A count
 * of the outbox that fails is "unknown" (-1), never "nothing waiting". */
#define G_LOG_DOMAIN "nk-sync"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "core/nk-store-private.h"
#include "core/nk-types.h"
#include "nk-sync-worker-private.h"

#define MAX_REASON 200
/* Answered batches in a row before a halved batch size doubles again. */
#define GROW_AFTER 4
/* Outbox rows marked per transaction: the write lock is held a few ms. */
#define MARK_CHUNK 100

typedef enum {
  BATCH_EMPTY,    /* nothing (more) to send */
  BATCH_DONE,     /* the platform answered; go on */
  BATCH_SHRINK,   /* 400 or 413: try again with a smaller batch */
  BATCH_FAILED,   /* no usable answer; backing off */
} BatchResult;

static gint64
count_outbox (NkSyncWorker *w, const char *sql, const char *what, GError **error)
{
  sqlite3_stmt *row = NULL;
  gint64 n = -1;

  if (nk_store_query_row (w->store, &row, sql, what, error, NK_END)
      && row != NULL)
    {
      n = sqlite3_column_int64 (row, 0);
      sqlite3_reset (row);
    }
  return n;
}

/* Counts the outbox.  A count that fails leaves pending and rejected at
 * -1, "unknown", with the reason in count_error and once in the journal:
 * a failed count is never read as "nothing waiting". */
void
nk_sync_worker_recount (NkSyncWorker *w)
{
  g_autoptr (GError) error = NULL;

  w->pending = nk_store_count_pending (w->store, &error);
  w->rejected = w->pending < 0 ? -1
                               : count_outbox (w, "SELECT count(*) FROM outbox WHERE state = 'rejected'",
                                               _("Cannot count the records the platform refused"), &error);
  /* (its partial index) */
  w->urgent_pending = error != NULL ? 0
                                    : count_outbox (w, "SELECT count(*) FROM outbox "
                                                       "WHERE urgent = 1 AND state = 'pending'",
                                                    _("Cannot count the urgent records waiting"), &error);
  if (error == NULL)
    {
      if (w->count_error != NULL)
        g_message ("Sync: the records waiting can be counted again (%" G_GINT64_FORMAT ")",
                   w->pending);
      g_clear_pointer (&w->count_error, g_free);
      return;
    }
  w->pending = w->rejected = -1;
  if (g_strcmp0 (w->count_error, error->message) != 0)
    g_message ("Sync: %s; how many records wait to be sent is unknown, and the screen says so",
               error->message);
  g_free (w->count_error);
  w->count_error = g_strdup (error->message);
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

#define MARK_SENT                                                                                 \
  "UPDATE outbox SET state = 'sent', sent_us = :now, last_error = NULL "                          \
  "WHERE event_id = :id AND state != 'sent'"
#define MARK_REJECTED                                                                              \
  "UPDATE outbox SET state = 'rejected', attempts = attempts + 1, last_error = :why "              \
  "WHERE event_id = :id AND state = 'pending'"
#define MARK_UNACKED                                                                               \
  "UPDATE outbox SET attempts = attempts + 1, last_error = :why "                                 \
  "WHERE event_id = :id AND state = 'pending'"

static gboolean
mark_sent (NkSyncWorker *w, const char *event_id, GError **error)
{
  return nk_store_run (w->store, MARK_SENT, _("Cannot update the outbox"), error,
                       NK_TEXT (":id", event_id), NK_INT (":now", g_get_real_time ()), NK_END);
}

/* MARK_REJECTED or MARK_UNACKED, with the reason. */
static gboolean
mark (NkSyncWorker *w, const char *sql, const char *event_id, const char *why, GError **error)
{
  return nk_store_run (w->store, sql, _("Cannot update the outbox"), error,
                       NK_TEXT (":id", event_id), NK_TEXT (":why", why), NK_END);
}

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

/* What the platform said of one record of the batch. */
typedef enum {
  ROW_UNANSWERED,   /* not in the answer: sent again later */
  ROW_SENT,         /* "accepted" or "duplicate" */
  ROW_REJECTED,     /* kept, not sent again by itself */
} RowOutcome;

typedef struct {
  char      *event_id;
  char      *type;
  RowOutcome outcome;
  char      *reason;   /* ROW_REJECTED */
} BatchRow;

static void
batch_row_clear (gpointer data)
{
  BatchRow *row = data;

  g_free (row->event_id);
  g_free (row->type);
  g_free (row->reason);
}

/* Reads the next batch into rows and the request body into body: the
 * oldest urgent event alone, or a batch of the others.  Rows whose
 * payload is not a JSON object are marked rejected here; *n_read counts
 * them too. */
static gboolean
read_batch (NkSyncWorker *w, gboolean urgent, GArray *rows, GString *body, guint *n_read,
            GError **error)
{
  /* Literal conditions, so that the urgent one uses its partial index. */
  sqlite3_stmt *stmt = nk_store_prepare (w->store,
                                         urgent ? "SELECT event_id, type, at_us, payload FROM outbox "
                                                  "WHERE state = 'pending' AND urgent = 1 "
                                                  "ORDER BY seq LIMIT 1"
                                                : "SELECT event_id, type, at_us, payload FROM outbox "
                                                  "WHERE state = 'pending' AND urgent = 0 "
                                                  "ORDER BY seq LIMIT :limit",
                                         error);
  g_autoptr (GPtrArray) damaged = g_ptr_array_new_with_free_func (g_free);
  const char *device_id = nk_store_get_device_id (w->store);
  int rc;

  *n_read = 0;
  if (stmt == NULL
      || (!urgent && !nk_store_bind (w->store, stmt, error, NK_INT (":limit", w->batch_limit), NK_END)))
    return FALSE;
  g_string_append (body, "{\"device_id\":");
  append_json_string (body, device_id);
  g_string_append (body, ",\"events\":[");
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

      (*n_read)++;
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
      row.outcome = ROW_UNANSWERED;
      row.reason = NULL;
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
      g_message ("Outbox record %s is damaged (its payload is not a JSON object); it is kept "
                 "and not sent",
                 (const char *) damaged->pdata[i]);
      if (!mark (w, MARK_REJECTED, damaged->pdata[i], "damaged record, not sent", error))
        return FALSE;
    }
  return TRUE;
}

/* After a run of answered batches, a halved batch size doubles again
 * (up to the configured size). */
static void
grow_batch (NkSyncWorker *w)
{
  if (w->batch_limit >= w->batch_size)
    return;
  if (++w->batch_successes < GROW_AFTER)
    return;
  w->batch_limit = MIN (w->batch_size, w->batch_limit * 2);
  w->batch_successes = 0;
  g_message ("Sync: the platform took %u batches in a row; now %u records per batch", GROW_AFTER,
             w->batch_limit);
}

/* Writes what the platform said of each row, MARK_CHUNK rows per
 * transaction, so the write lock is held for a few milliseconds at a time
 * and a tap at the door goes between two of them (nk_store_begin lets the
 * door's transactions first).  A row marked before a failure stays
 * marked; the rest are sent again, which the platform takes as
 * duplicates. */
static gboolean
mark_rows (NkSyncWorker *w, GArray *rows, GError **error)
{
  for (guint start = 0; start < rows->len; start += MARK_CHUNK)
    {
      if (!nk_store_begin (w->store, error))
        return FALSE;
      for (guint i = start; i < MIN (rows->len, start + MARK_CHUNK); i++)
        {
          BatchRow *row = &g_array_index (rows, BatchRow, i);
          gboolean ok;

          switch (row->outcome)
            {
            case ROW_SENT:
              ok = mark_sent (w, row->event_id, error);
              break;
            case ROW_REJECTED:
              ok = mark (w, MARK_REJECTED, row->event_id, row->reason, error);
              break;
            case ROW_UNANSWERED:
            default:
              ok = mark (w, MARK_UNACKED, row->event_id, "not acknowledged by the platform", error);
              break;
            }
          if (!ok)
            {
              nk_store_rollback (w->store);
              return FALSE;
            }
        }
      if (!nk_store_commit (w->store, error))
        return FALSE;
    }
  return TRUE;
}

/* What the platform said of each row, from its answer; FALSE when the
 * answer is not the promised JSON. */
static gboolean
read_results (GArray *rows, GBytes *answer, guint *doubled, guint *strangers)
{
  g_autoptr (JsonParser) parser = json_parser_new_immutable ();
  g_autoptr (GHashTable) index = g_hash_table_new (g_str_hash, g_str_equal);
  gsize len;
  const char *data = g_bytes_get_data (answer, &len);
  JsonNode *root, *results = NULL;
  JsonArray *array;

  if (len > 0 && json_parser_load_from_data (parser, data, (gssize) len, NULL)
      && (root = json_parser_get_root (parser)) != NULL && JSON_NODE_HOLDS_OBJECT (root))
    results = json_object_get_member (json_node_get_object (root), "results");
  if (results == NULL || !JSON_NODE_HOLDS_ARRAY (results))
    return FALSE;

  for (guint i = 0; i < rows->len; i++)
    {
      BatchRow *row = &g_array_index (rows, BatchRow, i);
      g_hash_table_insert (index, row->event_id, row);
    }

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
          (*strangers)++;
          continue;
        }
      if (row->outcome != ROW_UNANSWERED)
        {
          (*doubled)++;
          continue;
        }
      st = json_node_get_string (status);
      if (g_strcmp0 (st, "accepted") == 0 || g_strcmp0 (st, "duplicate") == 0)
        row->outcome = ROW_SENT;
      else if (g_strcmp0 (st, "rejected") == 0)
        {
          reason = json_object_get_member (obj, "reason");
          row->reason = tidy_reason (reason && json_node_get_value_type (reason) == G_TYPE_STRING
                                       ? json_node_get_string (reason)
                                       : NULL);
          row->outcome = ROW_REJECTED;
        }
    }
  return TRUE;
}

/* Applies the platform's answer to the batch. */
static BatchResult
apply_results (NkSyncWorker *w, NkSyncChannel channel, GArray *rows, GBytes *answer)
{
  g_autoptr (GError) error = NULL;
  guint acked = 0, rejected = 0, unacked = 0, doubled = 0, strangers = 0;

  if (!read_results (rows, answer, &doubled, &strangers))
    {
      g_message ("Sync: the platform's answer to a batch of %u is not the promised JSON; "
                 "nothing marked, the batch will be sent again",
                 rows->len);
      nk_sync_worker_fail (w, channel, NK_SYNC_STATE_ERROR,
                 _("The platform's answer could not be read; the records will be sent again"), -1);
      return BATCH_FAILED;
    }

  for (guint i = 0; i < rows->len; i++)
    {
      BatchRow *row = &g_array_index (rows, BatchRow, i);

      if (row->outcome == ROW_SENT)
        acked++;
      else if (row->outcome == ROW_UNANSWERED)
        unacked++;
      else
        {
          rejected++;
          g_message ("The platform rejected record %s (%s): %s; it is kept and not sent again",
                     row->event_id, row->type, row->reason);
        }
    }
  if (!mark_rows (w, rows, &error))
    {
      g_message ("Sync: cannot record the platform's answer: %s", error->message);
      nk_sync_worker_fail (w, channel, NK_SYNC_STATE_ERROR, error->message, -1);
      return BATCH_FAILED;
    }

  if (doubled || strangers || unacked)
    g_message ("Sync: the platform's answer listed %u records twice, %u records not sent, and "
               "left %u of %u unanswered",
               doubled, strangers, unacked, rows->len);
  if (w->pending >= 0)
    w->pending = MAX (0, w->pending - (gint64) (acked + rejected));
  if (w->rejected >= 0)
    w->rejected += rejected;
  if (acked + rejected == 0)
    {
      nk_sync_worker_fail (w, channel, NK_SYNC_STATE_ERROR,
                 _("The platform acknowledged none of the records; they will be sent again"), -1);
      return BATCH_FAILED;
    }
  w->last_success = g_get_real_time ();
  if (channel == NK_SYNC_URGENT)
    {
      /* The urgent channel's success says nothing of the backlog's backoff. */
      w->urgent_failures = 0;
      w->urgent_until = 0;
      if (acked > 0)
        g_message ("Sync: urgent record %s (%s) sent on its own",
                   g_array_index (rows, BatchRow, 0).event_id, g_array_index (rows, BatchRow, 0).type);
      return BATCH_DONE;
    }
  w->push_failures = 0;
  grow_batch (w);
  return BATCH_DONE;
}

/* The platform refused a batch holding this event alone: it will never
 * take it as it is.  Marked rejected (kept, shown in staff mode, sent
 * again only when staff asks), so the records behind it can go. */
static BatchResult
reject_alone (NkSyncWorker *w, NkSyncChannel channel, BatchRow *row, NkHttpResponse *response)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *code = nk_http_error_code (response);
  g_autofree char *detail = g_strdup_printf ("%s (HTTP %ld)", code ? code : "no error code",
                                             response->status);
  g_autofree char *why = tidy_reason (detail);

  g_message ("The platform refused record %s (%s) sent alone: %s; it is kept and not sent again",
             row->event_id, row->type, why);
  if (!mark (w, MARK_REJECTED, row->event_id, why, &error))
    {
      g_message ("Sync: cannot record the platform's answer: %s", error->message);
      nk_sync_worker_fail (w, channel, NK_SYNC_STATE_ERROR, error->message, -1);
      return BATCH_FAILED;
    }
  if (channel == NK_SYNC_URGENT)
    {
      w->urgent_failures = 0;
      w->urgent_until = 0;
    }
  if (w->pending > 0)
    w->pending--;
  if (w->rejected >= 0)
    w->rejected++;
  return BATCH_DONE;
}

/* The next batch (urgent: the oldest urgent event alone) to the platform. */
static BatchResult
push_batch (NkSyncWorker *w, NkSyncChannel channel)
{
  g_autoptr (GArray) rows = g_array_new (FALSE, TRUE, sizeof (BatchRow));
  g_autoptr (GString) body = g_string_sized_new (256 * 1024);
  g_autoptr (GBytes) gz = NULL;
  g_autoptr (GError) error = NULL;
  NkHttpResponse response = { 0, NULL, -1 };
  BatchResult result;
  guint n_read = 0;

  g_array_set_clear_func (rows, batch_row_clear);
  if (!read_batch (w, channel == NK_SYNC_URGENT, rows, body, &n_read, &error))
    {
      g_message ("Sync: %s", error->message);
      nk_sync_worker_fail (w, channel, NK_SYNC_STATE_ERROR, error->message, -1);
      return BATCH_FAILED;
    }
  if (rows->len == 0)
    {
      /* Only damaged rows, marked now: there may be more behind them. */
      nk_sync_worker_recount (w);
      return n_read == 0 ? BATCH_EMPTY : BATCH_DONE;
    }

  gz = nk_http_gzip (body->str, body->len);
  if (!nk_http_request (w->http, "POST", "/api/v1/events", w->token, gz, TRUE, &response, &error))
    {
      nk_sync_worker_fail_with_error (w, channel, error);
      return BATCH_FAILED;
    }
  if ((response.status == 400 || response.status == 413) && rows->len > 1)
    {
      /* Too large, or something in it the platform cannot read: halve
       * until the event at fault is alone. */
      w->batch_limit = MAX (1, rows->len / 2);
      w->batch_successes = 0;
      g_message ("Sync: the platform refused a batch of %u with HTTP %ld; now %u records per batch",
                 rows->len, response.status, w->batch_limit);
      result = BATCH_SHRINK;
    }
  else if (response.status == 400 || response.status == 413)
    result = reject_alone (w, channel, &g_array_index (rows, BatchRow, 0), &response);
  else if (response.status == 200)
    result = apply_results (w, channel, rows, response.body);
  else
    {
      nk_sync_worker_fail_with_status (w, channel, &response);
      result = BATCH_FAILED;
    }
  nk_http_response_clear (&response);
  return result;
}

static void
show_syncing (NkSyncWorker *w)
{
  if (w->state != NK_SYNC_STATE_SYNCING)
    nk_sync_worker_set_state (w, NK_SYNC_STATE_SYNCING, NULL);
  else
    nk_sync_worker_publish (w);
}

gboolean
nk_sync_worker_push_urgent (NkSyncWorker *w)
{
  while (!nk_sync_worker_stopping (w))
    {
      BatchResult result;

      show_syncing (w);
      result = push_batch (w, NK_SYNC_URGENT);
      if (result == BATCH_EMPTY)
        {
          w->urgent_failures = 0;
          w->urgent_until = 0;
          return TRUE;
        }
      if (result == BATCH_FAILED)
        {
          nk_sync_worker_recount (w);
          nk_sync_worker_publish (w);
          return FALSE;
        }
    }
  return FALSE;
}

gboolean
nk_sync_worker_push_all (NkSyncWorker *w)
{
  nk_sync_worker_recount (w);
  while (w->pending > 0 && !nk_sync_worker_stopping (w))
    {
      BatchResult result;

      /* An urgent event committed while the backlog drains goes next. */
      if (g_get_monotonic_time () >= w->urgent_until)
        nk_sync_worker_push_urgent (w);
      show_syncing (w);
      result = push_batch (w, NK_SYNC_PUSH);
      if (result == BATCH_EMPTY)
        break;
      if (result == BATCH_FAILED)
        {
          nk_sync_worker_recount (w);
          nk_sync_worker_publish (w);
          return FALSE;
        }
    }
  nk_sync_worker_recount (w);
  return !nk_sync_worker_stopping (w);
}

void
nk_sync_worker_retry_rejected (NkSyncWorker *w)
{
  g_autoptr (GError) error = NULL;

  if (w->store == NULL)
    return;
  if (!nk_store_exec (w->store,
                      "UPDATE outbox SET state = 'pending', last_error = NULL "
                      "WHERE state = 'rejected'",
                      &error))
    g_message ("Sync: %s", error->message);
  else
    g_message ("Sync: rejected records queued again");
}
