/* nk-prune.c — deleting what the kiosk no longer needs to keep.
 *
 * Short transactions: at most NK_PRUNE_CHUNK rows each, on a background
 * connection when run by the kiosk, so a tap never waits behind more than
 * one of them.
 *
 * The file does not shrink, and need not: the database keeps
 * auto_vacuum=NONE.  SQLite puts the pages of deleted rows on its free
 * list and fills them before it grows the file, so once the retention
 * time has passed the outbox's share of the file stays the same size
 * (make bench: db_size_mb_after_year, free_mb).  Turning on
 * auto_vacuum=INCREMENTAL for an existing database takes a full VACUUM,
 * which cannot run inside the migration's transaction, rewrites the whole
 * file under an exclusive lock (the door waits seconds on a year of
 * data) and needs as much free disk again — a poor trade for pages that
 * are used again anyway.  A passive checkpoint after pruning hands the
 * WAL's pages back to the database without waiting for anyone. */
#define G_LOG_DOMAIN "nk-core"

#include "config.h"

#include <glib/gi18n.h>

#include "nk-centre.h"
#include "nk-prune.h"
#include "nk-store-private.h"

#define DAY_US (G_GINT64_CONSTANT (86400) * G_USEC_PER_SEC)

/* Deletes the rows of sql (bound to :before and :n) chunk by chunk,
 * adding the number deleted to *deleted. */
static gboolean
delete_chunked (NkStore *store, const char *sql, gint64 before, const char *what,
                GCancellable *cancellable, gint64 *deleted, GError **error)
{
  for (;;)
    {
      int changed;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (!nk_store_begin (store, error))
        return FALSE;
      if (!nk_store_run (store, sql, what, error, NK_INT (":before", before),
                         NK_INT (":n", NK_PRUNE_CHUNK), NK_END))
        {
          nk_store_rollback (store);
          return FALSE;
        }
      changed = sqlite3_changes (nk_store_get_db (store));
      if (!nk_store_commit (store, error))
        return FALSE;
      *deleted += changed;
      if (changed < NK_PRUNE_CHUNK)
        return TRUE;
    }
}

static gboolean
prune (NkStore *store, gint64 now_us, guint keep_sent_days, guint keep_audit_days,
       GCancellable *cancellable, NkPruneCounts *counts, GError **error)
{
  NkPruneCounts local = { 0, 0, 0 };
  NkPruneCounts *c = counts ? counts : &local;
  gboolean ok;

  c->sent = c->audit = c->pulled = 0;
  if (now_us < NK_CENTRE_CLOCK_FLOOR_US)
    {
      g_message ("The clock is wrong (before 2024); nothing is pruned");
      return TRUE;
    }
  ok = delete_chunked (store,
                       "DELETE FROM outbox WHERE seq IN (SELECT seq FROM outbox "
                       "WHERE state = 'sent' AND sent_us < :before ORDER BY sent_us LIMIT :n)",
                       now_us - (gint64) keep_sent_days * DAY_US,
                       _("Cannot delete records sent long ago"), cancellable, &c->sent, error)
       && delete_chunked (store,
                          "DELETE FROM audit WHERE id IN (SELECT id FROM audit "
                          "WHERE at_us < :before ORDER BY at_us LIMIT :n)",
                          now_us - (gint64) keep_audit_days * DAY_US,
                          _("Cannot delete old audit records"), cancellable, &c->audit, error)
       /* what a pull set aside, and the other doors' records of kinds this
        * version does not know, are kept as long as the audit */
       && delete_chunked (store,
                          "DELETE FROM pull_quarantine WHERE rowid IN (SELECT rowid FROM pull_quarantine "
                          "WHERE received_us < :before ORDER BY received_us LIMIT :n)",
                          now_us - (gint64) keep_audit_days * DAY_US,
                          _("Cannot delete old set-aside records"), cancellable, &c->pulled, error)
       && delete_chunked (store,
                          "DELETE FROM pulled_records WHERE rowid IN (SELECT rowid FROM pulled_records "
                          "WHERE section = 'events' AND received_us < :before "
                          "ORDER BY received_us LIMIT :n)",
                          now_us - (gint64) keep_audit_days * DAY_US,
                          _("Cannot delete old set-aside records"), cancellable, &c->pulled, error);
  if (c->sent + c->audit + c->pulled > 0)
    sqlite3_wal_checkpoint_v2 (nk_store_get_db (store), NULL, SQLITE_CHECKPOINT_PASSIVE, NULL,
                               NULL);
  return ok;
}

gboolean
nk_prune (NkStore *store, gint64 now_us, guint keep_sent_days, guint keep_audit_days,
          NkPruneCounts *counts, GError **error)
{
  g_return_val_if_fail (NK_IS_STORE (store), FALSE);
  g_return_val_if_fail (keep_sent_days > 0 && keep_audit_days > 0, FALSE);

  return prune (store, now_us, keep_sent_days, keep_audit_days, NULL, counts, error);
}

/* ---- on a thread of its own --------------------------------------------- */

typedef struct {
  char  *path;
  gint64 now_us;
  guint  keep_sent_days;
  guint  keep_audit_days;
} PruneJob;

static void
prune_job_free (gpointer data)
{
  PruneJob *job = data;

  g_free (job->path);
  g_free (job);
}

static void
prune_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  PruneJob *job = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (NkStore) store = nk_store_open (job->path, &error);
  NkPruneCounts *counts = g_new0 (NkPruneCounts, 1);

  if (store != NULL)
    {
      nk_store_set_background (store, TRUE);
      prune (store, job->now_us, job->keep_sent_days, job->keep_audit_days, cancellable, counts,
             &error);
    }
  if (counts->sent + counts->audit + counts->pulled > 0)
    g_message ("Pruned %" G_GINT64_FORMAT " sent outbox records older than %u days, %"
               G_GINT64_FORMAT " audit records and %" G_GINT64_FORMAT
               " set-aside pulled records older than %u days",
               counts->sent, job->keep_sent_days, counts->audit, counts->pulled,
               job->keep_audit_days);
  if (error != NULL)
    {
      g_message ("Cannot prune the database; old records stay until the next try: %s",
                 error->message);
      g_free (counts);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, counts, g_free);
}

void
nk_prune_async (const char *path, gint64 now_us, guint keep_sent_days, guint keep_audit_days,
                GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  PruneJob *job;

  g_return_if_fail (path != NULL);
  g_return_if_fail (keep_sent_days > 0 && keep_audit_days > 0);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, nk_prune_async);
  g_task_set_name (task, "[nk-prune]");
  job = g_new0 (PruneJob, 1);
  job->path = g_strdup (path);
  job->now_us = now_us;
  job->keep_sent_days = keep_sent_days;
  job->keep_audit_days = keep_audit_days;
  g_task_set_task_data (task, job, prune_job_free);
  g_task_run_in_thread (task, prune_thread);
}

gboolean
nk_prune_finish (GAsyncResult *result, NkPruneCounts *counts, GError **error)
{
  g_autofree NkPruneCounts *got = NULL;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  got = g_task_propagate_pointer (G_TASK (result), error);
  if (got == NULL)
    return FALSE;
  if (counts != NULL)
    *counts = *got;
  return TRUE;
}
