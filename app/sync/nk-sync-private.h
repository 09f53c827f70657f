/* nk-sync-private.h — shared between nk-sync.c (main context) and the
 * worker thread (nk-sync-worker.c, nk-sync-push.c; its own state is in
 * nk-sync-worker-private.h).  Not for views. */
#pragma once

#include "nk-sync.h"

G_BEGIN_DECLS

/* Outlives NkSync: snapshots in flight reach it through the weak ref. */
typedef struct {
  GWeakRef self;
} NkSyncShared;

/* What the worker tells the main context. */
typedef struct {
  NkSyncShared *shared;   /* a reference */
  NkSyncState   state;
  gint64        pending;
  gint64        rejected;
  gint64        last_success;
  char         *last_error;
  guint         pulled;   /* roster records applied by the pull just done */
  gint64        quarantined;  /* records from the platform set aside */
} NkSyncStatus;

typedef struct _NkSyncWorker NkSyncWorker;

struct _NkSync
{
  GObject       parent_instance;

  /* construct properties and copies of the [sync] config */
  NkStore      *store;
  char         *store_path;
  NkConfig     *config;
  char         *base_url;
  char         *ca_file;
  char         *pinned_key;
  char         *token_path;
  guint         batch_size;
  guint         pull_seconds;
  guint         backoff_base_ms;
  guint         backoff_cap_ms;
  guint         urgent_retry_ms;
  guint         connect_seconds;
  guint         low_speed_seconds;

  /* main-context state (the properties) */
  GMainContext *context;
  NkSyncShared *shared;
  NkSyncState   state;
  gint64        pending;
  gint64        rejected;
  gint64        last_success;
  char         *last_error;
  gint64        quarantined;

  /* the worker; the flags below are guarded by mutex */
  GThread      *thread;
  NkSyncWorker *worker;
  GMutex        mutex;
  GCond         cond;
  gint          stop;           /* atomic; also aborts a request in flight */
  gboolean      poked;
  gboolean      pull_requested;   /* staff: sync now, ending an ordinary backoff */
  gboolean      token_changed;
  gboolean      retry_rejected;
};

void          nk_sync_shared_release (NkSyncShared *shared);
void          nk_sync_status_free    (gpointer status);
gboolean      nk_sync_apply_status   (gpointer status);

NkSyncWorker *nk_sync_worker_new     (NkSync *sync);
void          nk_sync_worker_free    (NkSyncWorker *worker);
gpointer      nk_sync_worker_main    (gpointer worker);

G_END_DECLS
