/* nk-sync-worker.c — the sync worker thread: its loop, status, backoff
 * and the pull (the push is nk-sync-push.c).
 *
 * Owns its own NkStore and HTTPS connection.  Each cycle: push the outbox
 * in batches, then pull changes when due.  Push and pull back off
 * independently, exponentially with full jitter, capped; a Retry-After
 * holds both for at least that long (never less than a second), and a
 * pull the kiosk refused waits at least the pull interval (only an answer
 * cut off or not JSON may be chance and is asked for again sooner).
 * Staff asking to sync now clears an ordinary backoff, never a
 * Retry-After.  Between cycles it sleeps on a GCond until poked, asked to
 * pull, stopped, or a deadline passes.
 *
 * Urgent events (safety reports, nk_record_type_is_urgent ()) are a
 * channel of their own: each goes alone, first in every cycle and
 * between the backlog's batches and the pull's rounds, whatever the
 * push's backoff; after a failure it is tried again every
 * urgent_retry_ms, and a Retry-After holds it no longer than that (it
 * holds the backlog as asked): a report due within hours is worth one
 * small request every few seconds (docs/platform-api.md, "Urgent
 * events").
 *
 * The device token is read from its file whenever the file changes
 * (nursery-kiosk-admin enrol, run beside the kiosk, renames a new one
 * over it), checked every few seconds while the kiosk has no token or
 * the platform refused it: a re-enrolment is picked up without a
 * restart, and a refused token is not sent again until the file changes
 * or the backoff has passed. */
#define G_LOG_DOMAIN "nk-sync"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "core/nk-pull.h"
#include "core/nk-store-private.h"
#include "core/nk-types.h"
#include "nk-enrol.h"
#include "nk-http.h"
#include "nk-sync-worker-private.h"

#define PULL_LIMIT 500
#define MAX_PULL_ROUNDS 50
#define IDLE_CHECK_US (5 * G_USEC_PER_SEC)
/* How often the token file is looked at while there is no usable token. */
#define TOKEN_CHECK_US (2 * G_USEC_PER_SEC)
/* The shortest wait a Retry-After asks for, even "0" or a past date. */
#define MIN_RETRY_AFTER_MS 1000

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
  w->batch_size = MAX (sync->batch_size, 1);
  w->batch_limit = w->batch_size;
  w->pull_seconds = sync->pull_seconds;
  w->backoff_base_ms = sync->backoff_base_ms;
  w->backoff_cap_ms = sync->backoff_cap_ms;
  w->urgent_retry_ms = sync->urgent_retry_ms;
  w->connect_seconds = sync->connect_seconds;
  w->low_speed_seconds = sync->low_speed_seconds;
  w->parser = json_parser_new_immutable ();
  {
    g_autoptr (GTimeZone) tz = sync->config ? nk_config_get_timezone (sync->config)
                                            : g_time_zone_new_identifier ("Asia/Shanghai");
    w->centre = nk_centre_new (tz);
  }
  w->fail_state = NK_SYNC_STATE_ERROR;
  /* What the main context shows now, so the first real change is sent. */
  w->state = w->published.state = sync->state;
  w->pending = w->published.pending = sync->pending;
  w->rejected = w->published.rejected = sync->rejected;
  w->last_success = w->published.last_success = sync->last_success;
  w->quarantined = w->published.quarantined = sync->quarantined;
  w->last_error = g_strdup (sync->last_error);
  w->published.last_error = g_strdup (sync->last_error);
  return w;
}

void
nk_sync_worker_free (NkSyncWorker *w)
{
  g_clear_object (&w->store);
  g_clear_object (&w->centre);
  g_clear_pointer (&w->http, nk_http_free);
  if (w->token)
    memset (w->token, 0, strlen (w->token));
  g_free (w->token);
  g_free (w->token_stamp);
  g_clear_object (&w->parser);
  nk_sync_shared_release (w->shared);
  g_main_context_unref (w->context);
  g_free (w->store_path);
  g_free (w->base_url);
  g_free (w->ca_file);
  g_free (w->pinned_key);
  g_free (w->token_path);
  g_free (w->last_error);
  g_free (w->count_error);
  g_free (w->published.last_error);
  g_free (w);
}

gboolean
nk_sync_worker_stopping (NkSyncWorker *w)
{
  return g_atomic_int_get (&w->sync->stop) != 0;
}

/* ---- status ---------------------------------------------------------------- */

void
nk_sync_worker_publish (NkSyncWorker *w)
{
  GSource *source;
  NkSyncStatus *status;

  if (w->published.state == w->state && w->published.pending == w->pending
      && w->published.rejected == w->rejected && w->published.last_success == w->last_success
      && g_strcmp0 (w->published.last_error, w->last_error) == 0 && w->pulled == 0
      && w->published.quarantined == w->quarantined)
    return;

  w->published.state = w->state;
  w->published.pending = w->pending;
  w->published.rejected = w->rejected;
  w->published.last_success = w->last_success;
  w->published.quarantined = w->quarantined;
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
  status->quarantined = w->quarantined;
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

void
nk_sync_worker_set_state (NkSyncWorker *w, NkSyncState state, const char *error)
{
  w->state = state;
  if (error != NULL || state == NK_SYNC_STATE_IDLE)
    {
      g_free (w->last_error);
      w->last_error = g_strdup (error);
    }
  nk_sync_worker_publish (w);
}

/* ---- failures -------------------------------------------------------------- */

/* A random wait in [0, min(cap, base·2ⁿ)] ms for the n-th failure in a row. */
static guint64
jittered (NkSyncWorker *w, guint failures)
{
  guint64 ceiling = MIN ((guint64) w->backoff_base_ms << MIN (failures, 24), (guint64) w->backoff_cap_ms);

  return (guint64) g_random_double_range (0, (double) ceiling + 1);
}

/* The n-th failure in a row of a channel waits a random time in
 * [0, min(cap, base·2ⁿ)].  A Retry-After holds both channels for at least
 * what it said and never less than a second: "0" and dates in the past
 * mean the jittered wait, but not under a second. */
static void
back_off (NkSyncWorker *w, NkSyncChannel channel, gint64 retry_after)
{
  guint *failures = channel == NK_SYNC_PUSH ? &w->push_failures : &w->pull_failures;
  gint64 now = g_get_monotonic_time ();
  guint64 delay_ms;
  gint64 until;

  if (channel == NK_SYNC_URGENT)
    {
      /* The retry interval, no more: a Retry-After holds the rest. */
      w->urgent_failures = MIN (w->urgent_failures + 1, 1000);
      w->urgent_until = now + (gint64) w->urgent_retry_ms * 1000;
      if (retry_after >= 0)
        w->retry_until = MAX (w->retry_until,
                              now + (gint64) MAX ((guint64) retry_after * 1000, MIN_RETRY_AFTER_MS) * 1000);
      g_message ("Sync: urgent failure %u in a row, next attempt in %.1f s", w->urgent_failures,
                 (double) w->urgent_retry_ms / 1000.0);
      return;
    }
  *failures = MIN (*failures + 1, 40);
  delay_ms = jittered (w, *failures);
  if (retry_after >= 0)
    {
      guint64 asked_ms = MAX ((guint64) retry_after * 1000, MIN_RETRY_AFTER_MS);

      w->retry_until = MAX (w->retry_until, now + (gint64) asked_ms * 1000);
      delay_ms = retry_after > 0 ? asked_ms : MAX (delay_ms, asked_ms);
    }
  until = now + (gint64) delay_ms * 1000;
  if (channel == NK_SYNC_PUSH)
    w->push_until = until;
  else
    w->next_pull = until;
  g_message ("Sync: %s failure %u in a row, next attempt in %.1f s",
             channel == NK_SYNC_PUSH ? "push" : "pull", *failures, (double) delay_ms / 1000.0);
}

void
nk_sync_worker_fail (NkSyncWorker *w, NkSyncChannel channel, NkSyncState state, const char *message,
                     gint64 retry_after)
{
  w->fail_state = state;
  nk_sync_worker_set_state (w, state, message);
  back_off (w, channel, retry_after);
}

void
nk_sync_worker_fail_with_error (NkSyncWorker *w, NkSyncChannel channel, GError *error)
{
  if (g_error_matches (error, NK_HTTP_ERROR, NK_HTTP_ERROR_CANCELLED))
    return;
  nk_sync_worker_fail (w, channel,
                       g_error_matches (error, NK_HTTP_ERROR, NK_HTTP_ERROR_NETWORK)
                         ? NK_SYNC_STATE_OFFLINE
                         : NK_SYNC_STATE_ERROR,
                       error->message, -1);
}

void
nk_sync_worker_fail_with_status (NkSyncWorker *w, NkSyncChannel channel, NkHttpResponse *response)
{
  g_autofree char *code = nk_http_error_code (response);
  g_autofree char *message = NULL;

  g_message ("Sync: the platform answered HTTP %ld (%s)", response->status,
             code ? code : "no error code");
  switch (response->status)
    {
    case 401:
      nk_sync_worker_fail (w, channel, NK_SYNC_STATE_NOT_ENROLLED,
                           _("The platform refused this kiosk's token; enrol the kiosk again"), -1);
      nk_sync_worker_token_refused (w);
      return;
    case 429:
      nk_sync_worker_fail (w, channel, NK_SYNC_STATE_ERROR,
                           _("The platform asked the kiosk to wait (too many requests)"),
                           response->retry_after);
      return;
    case 503:
      nk_sync_worker_fail (w, channel, NK_SYNC_STATE_ERROR,
                           _("The platform is unavailable for a while (maintenance)"),
                           response->retry_after);
      return;
    default:
      message = g_strdup_printf (_("The platform answered with an error (HTTP %ld)"),
                                 response->status);
      nk_sync_worker_fail (w, channel, NK_SYNC_STATE_ERROR, message, -1);
      return;
    }
}

/* ---- pull ------------------------------------------------------------------ */

/* The platform's answer could not be used at all (a bad record inside a
 * readable answer is quarantined, never this).  An answer cut off or not
 * JSON may be chance: the ordinary backoff.  Anything else the kiosk
 * refused (the raw checks, the envelope) comes again the same until the
 * platform fixes it: the next try waits at least the pull interval.  A
 * store that failed while applying is the kiosk's own trouble: the
 * ordinary backoff, and the cursor has not moved. */
static void
pull_refused (NkSyncWorker *w, GError *error)
{
  gboolean ours = error->domain == NK_PULL_ERROR;
  gboolean chance = !ours || error->code == NK_PULL_ERROR_UNREADABLE;
  const char *shown = error->message;

  if (ours && chance)
    shown = _("The platform's changes arrived cut off or garbled; nothing was applied");
  else if (ours)
    shown = _("The platform sent changes that break the rules; nothing was applied");
  g_message ("Sync: refused the platform's changes, nothing was applied: %s", error->message);
  nk_sync_worker_fail (w, NK_SYNC_PULL, NK_SYNC_STATE_ERROR, shown, -1);
  if (!chance)
    w->next_pull = MAX (w->next_pull,
                        g_get_monotonic_time () + (gint64) w->pull_seconds * G_USEC_PER_SEC);
}

/* Pulls until the platform has no more; FALSE after a failure or when
 * stopping.  Either way the next pull is scheduled. */
static gboolean
pull_all (NkSyncWorker *w)
{
  NkPullCounts total = { 0 };
  g_autoptr (GError) count_error = NULL;
  gboolean ok = TRUE;
  gint64 quarantined;

  for (guint round = 0; round < MAX_PULL_ROUNDS && ok && !nk_sync_worker_stopping (w); round++)
    {
      g_autofree char *cursor = NULL;
      g_autofree char *escaped = NULL;
      g_autofree char *path = NULL;
      g_autoptr (GError) error = NULL;
      g_autoptr (NkPull) pull = NULL;
      NkHttpResponse response = { 0, NULL, -1 };
      NkPullCounts counts = { 0 };
      const char *data;
      gsize len;
      gboolean more;

      /* An urgent event committed while the pull runs goes next. */
      if (g_get_monotonic_time () >= w->urgent_until)
        nk_sync_worker_push_urgent (w);

      /* A cursor that cannot be read is no reason to pull everything
       * again from the beginning: wait and read it again. */
      if (!nk_pull_read_cursor (w->store, &cursor, &error))
        {
          g_message ("Sync: %s", error->message);
          nk_sync_worker_fail (w, NK_SYNC_PULL, NK_SYNC_STATE_ERROR, error->message, -1);
          ok = FALSE;
          break;
        }
      escaped = cursor ? g_uri_escape_string (cursor, NULL, FALSE) : NULL;
      path = escaped ? g_strdup_printf ("/api/v1/changes?limit=%d&since=%s", PULL_LIMIT, escaped)
                     : g_strdup_printf ("/api/v1/changes?limit=%d", PULL_LIMIT);
      if (w->state != NK_SYNC_STATE_SYNCING)
        nk_sync_worker_set_state (w, NK_SYNC_STATE_SYNCING, NULL);
      if (!nk_http_request (w->http, "GET", path, w->token, NULL, FALSE, &response, &error))
        {
          nk_sync_worker_fail_with_error (w, NK_SYNC_PULL, error);
          ok = FALSE;
          break;
        }
      if (response.status != 200)
        {
          nk_sync_worker_fail_with_status (w, NK_SYNC_PULL, &response);
          nk_http_response_clear (&response);
          ok = FALSE;
          break;
        }
      data = g_bytes_get_data (response.body, &len);
      pull = nk_pull_parse (data, len, &error);
      if (pull == NULL || !nk_pull_apply (pull, w->store, w->centre, &counts, &error))
        {
          nk_http_response_clear (&response);
          pull_refused (w, error);
          ok = FALSE;
          break;
        }
      more = nk_pull_get_more (pull);
      total.applied += counts.applied;
      total.kept += counts.kept;
      total.quarantined += counts.quarantined;
      total.released += counts.released;
      w->last_success = g_get_real_time ();
      w->pull_failures = 0;
      w->token_failures = 0;
      nk_http_response_clear (&response);
      if (!more)
        break;
    }
  if (total.applied + total.kept + total.quarantined + total.released > 0)
    g_message ("Sync: from the platform %u changes applied, %u kept as received, %u set aside, "
               "%u applied that were set aside before",
               total.applied, total.kept, total.quarantined, total.released);
  w->pulled += total.applied + total.kept + total.released;
  quarantined = nk_pull_count_quarantined (w->store, &count_error);
  if (quarantined >= 0)
    w->quarantined = quarantined;
  else
    g_message ("Sync: %s", count_error->message);
  if (ok)
    w->next_pull = g_get_monotonic_time () + (gint64) w->pull_seconds * G_USEC_PER_SEC;
  return ok && !nk_sync_worker_stopping (w);
}

/* ---- the token ---------------------------------------------------------------- */

/* What identifies one version of the token file: a new file renamed over
 * it has another inode, one written in place another time or size.  NULL
 * when there is no file. */
static char *
token_stamp (const char *path)
{
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    return NULL;
  return g_strdup_printf ("%" G_GUINT64_FORMAT ":%" G_GINT64_FORMAT ".%ld:%" G_GINT64_FORMAT,
                          (guint64) st.st_ino, (gint64) st.st_mtim.tv_sec, (long) st.st_mtim.tv_nsec,
                          (gint64) st.st_size);
}

static void
scrub_token (NkSyncWorker *w)
{
  if (w->token)
    memset (w->token, 0, strlen (w->token));
  g_clear_pointer (&w->token, g_free);
}

/* A token the platform has not refused: everything may go at once. */
static void
token_renewed (NkSyncWorker *w)
{
  w->token_refused = FALSE;
  w->token_failures = 0;
  w->push_failures = w->pull_failures = 0;
  w->push_until = w->retry_until = 0;
  w->urgent_failures = 0;
  w->urgent_until = 0;
  w->next_pull = 0;
  w->pull_wanted = TRUE;
}

void
nk_sync_worker_token_refused (NkSyncWorker *w)
{
  guint64 delay_ms;

  w->token_failures = MIN (w->token_failures + 1, 40);
  delay_ms = jittered (w, w->token_failures);
  w->token_refused = TRUE;
  w->token_retry = g_get_monotonic_time () + (gint64) delay_ms * 1000;
  g_message ("Sync: the platform refused the device token; it is not sent again for %.1f s "
             "unless %s changes",
             (double) delay_ms / 1000.0, w->token_path);
}

/* Reads the token file when it changed; FALSE (state published) while
 * there is no token, or the one there was refused and its wait holds. */
static gboolean
ensure_token (NkSyncWorker *w)
{
  g_autofree char *stamp = token_stamp (w->token_path);

  if (w->token == NULL || g_strcmp0 (stamp, w->token_stamp) != 0)
    {
      g_autoptr (GError) error = NULL;
      char *token = nk_enrol_read_token (w->token_path, &error);

      g_free (w->token_stamp);
      w->token_stamp = g_steal_pointer (&stamp);
      if (token && w->token && strcmp (token, w->token) == 0)
        {
          memset (token, 0, strlen (token));
          g_free (token);
        }
      else if (token)
        {
          if (w->token)
            g_message ("Sync: %s holds a new device token; using it", w->token_path);
          scrub_token (w);
          w->token = token;
          token_renewed (w);
        }
      else
        {
          scrub_token (w);
          if (error)
            g_message ("Sync: %s", error->message);
          nk_sync_worker_recount (w);
          nk_sync_worker_set_state (w, NK_SYNC_STATE_NOT_ENROLLED,
                                    error ? error->message
                                          : _("This kiosk is not enrolled with the platform yet"));
          return FALSE;
        }
    }
  if (w->token_refused)
    {
      if (g_get_monotonic_time () < w->token_retry)
        return FALSE;
      /* Its wait is over: the next request tries it once more. */
      w->token_refused = FALSE;
    }
  return TRUE;
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
          g_message ("Sync: %s", error->message);
          nk_sync_worker_fail (w, NK_SYNC_PUSH, NK_SYNC_STATE_ERROR, error->message, -1);
          return FALSE;
        }
      nk_store_set_background (w->store, TRUE);
      /* Set aside by earlier pulls: shown before the next pull is done. */
      w->quarantined = MAX (nk_pull_count_quarantined (w->store, NULL), 0);
    }
  if (w->http == NULL)
    {
      w->http = nk_http_new (w->base_url, w->ca_file, w->pinned_key, &error);
      if (w->http == NULL)
        {
          g_message ("Sync: %s", error->message);
          w->config_broken = TRUE;
          nk_sync_worker_recount (w);
          nk_sync_worker_set_state (w, NK_SYNC_STATE_ERROR, error->message);
          return FALSE;
        }
      nk_http_set_timeouts (w->http, w->connect_seconds, w->low_speed_seconds, 120);
      nk_http_set_abort_flag (w->http, &w->sync->stop);
      nk_http_set_max_body (w->http, NK_PULL_MAX_BODY);
    }
  return ensure_token (w);
}

static void
cycle (NkSyncWorker *w)
{
  gint64 now = g_get_monotonic_time ();
  gboolean pushed = TRUE;

  if (!ensure_ready (w))
    return;
  /* Urgent events first, whatever holds the backlog. */
  if (now >= w->urgent_until)
    nk_sync_worker_push_urgent (w);
  if (nk_sync_worker_stopping (w))
    return;
  now = g_get_monotonic_time ();
  if (now >= w->retry_until)
    {
      if (now >= w->push_until)
        pushed = nk_sync_worker_push_all (w);
      if (nk_sync_worker_stopping (w))
        return;
      /* Right after a failed push the pull would most likely fail the
       * same way; it goes next time. */
      if (pushed && g_get_monotonic_time () >= w->retry_until && (w->pull_wanted || now >= w->next_pull))
        {
          w->pull_wanted = FALSE;
          pull_all (w);
        }
      if (nk_sync_worker_stopping (w))
        return;
    }
  nk_sync_worker_recount (w);
  if (w->count_error == NULL && w->urgent_pending == 0)
    {
      /* No urgent record waits: nothing of that channel is failing. */
      w->urgent_failures = 0;
      w->urgent_until = 0;
    }
  if (w->count_error != NULL)
    /* Never "all sent" when the outbox cannot be counted. */
    nk_sync_worker_set_state (w, NK_SYNC_STATE_UNKNOWN, w->count_error);
  else if (w->push_failures == 0 && w->pull_failures == 0 && w->urgent_failures == 0)
    {
      w->token_failures = 0;
      nk_sync_worker_set_state (w, NK_SYNC_STATE_IDLE, NULL);
    }
  else if (w->state == NK_SYNC_STATE_SYNCING || w->state == NK_SYNC_STATE_UNKNOWN)
    /* One side worked, the other still fails: keep showing the failure. */
    nk_sync_worker_set_state (w, w->fail_state, NULL);
  else
    nk_sync_worker_publish (w);
}

static gint64
next_wake (NkSyncWorker *w)
{
  gint64 now = g_get_monotonic_time ();
  gint64 wake;

  if (w->config_broken)
    return G_MAXINT64;
  if (w->token == NULL)
    return now + TOKEN_CHECK_US;
  if (w->token_refused)
    return MIN (now + TOKEN_CHECK_US, MAX (w->token_retry, now));
  if (w->retry_until > now)
    wake = w->retry_until;
  else
    {
      wake = MIN (now + IDLE_CHECK_US, w->pull_wanted ? now : w->next_pull);
      /* Urgent events are not the backlog's: they wait for urgent_until. */
      if (w->pending > w->urgent_pending)
        wake = MIN (wake, w->push_until);
    }
  if (w->urgent_pending > 0)
    wake = MIN (wake, w->urgent_until);
  return wake;
}

/* Staff asked to sync now: an ordinary backoff ends, a Retry-After stays. */
static void
staff_request (NkSyncWorker *w)
{
  w->push_until = 0;
  w->urgent_until = 0;
  w->next_pull = 0;
  w->pull_wanted = TRUE;
  g_message ("Sync: staff asked to sync now%s",
             w->retry_until > g_get_monotonic_time () ? "; the platform's Retry-After still holds" : "");
}

gpointer
nk_sync_worker_main (gpointer data)
{
  NkSyncWorker *w = data;
  NkSync *sync = w->sync;

  w->next_pull = g_get_monotonic_time ();
  w->pull_wanted = TRUE;
  /* The first cycle runs at once; later ones when woken or due. */
  for (gboolean first = TRUE; !nk_sync_worker_stopping (w); first = FALSE)
    {
      gint64 wake = next_wake (w);
      gboolean token_changed, again, asked;

      g_mutex_lock (&sync->mutex);
      while (!first && !nk_sync_worker_stopping (w) && !sync->poked && !sync->pull_requested
             && !sync->token_changed && !sync->retry_rejected && g_get_monotonic_time () < wake)
        g_cond_wait_until (&sync->cond, &sync->mutex, wake);
      sync->poked = FALSE;
      asked = sync->pull_requested;
      sync->pull_requested = FALSE;
      token_changed = sync->token_changed;
      sync->token_changed = FALSE;
      again = sync->retry_rejected;
      sync->retry_rejected = FALSE;
      g_mutex_unlock (&sync->mutex);

      if (nk_sync_worker_stopping (w))
        break;
      if (asked)
        staff_request (w);
      if (token_changed)
        {
          /* Enrolled from the screen: read the file again at once. */
          scrub_token (w);
          g_clear_pointer (&w->token_stamp, g_free);
        }
      if (again)
        nk_sync_worker_retry_rejected (w);
      cycle (w);
    }
  return NULL;
}
