/* nk-sync-worker-private.h — the sync worker's state, shared by the files
 * that make up the worker thread: nk-sync-worker.c (the loop, status,
 * backoff and the pull) and nk-sync-push.c (the outbox).  Used on the
 * worker thread only. */
#pragma once

#include <json-glib/json-glib.h>

#include "core/nk-centre.h"
#include "core/nk-store.h"
#include "nk-http.h"
#include "nk-sync-private.h"

G_BEGIN_DECLS

/* Push and pull fail, back off and recover independently: a successful
 * push says nothing about whether the platform's changes can be applied. */
typedef enum {
  NK_SYNC_PUSH,
  NK_SYNC_PULL,
  NK_SYNC_URGENT,  /* urgent events, each alone: retried every urgent_retry_ms */
} NkSyncChannel;

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
  guint         batch_size;       /* configured */
  guint         batch_limit;      /* now: halved on 400 and 413, grows back */
  guint         batch_successes;  /* batches answered in a row at this limit */
  guint         pull_seconds;
  guint         backoff_base_ms;
  guint         backoff_cap_ms;
  guint         urgent_retry_ms;
  guint         connect_seconds;
  guint         low_speed_seconds;

  NkStore      *store;
  NkCentre     *centre;    /* the centre's clock, for what the pull records */
  NkHttp       *http;
  char         *token;
  char         *token_stamp;     /* the token file as last read (inode, mtime, size) */
  gboolean      token_refused;   /* the platform answered 401 to this token */
  guint         token_failures;  /* 401s in a row */
  gint64        token_retry;     /* monotonic: the refused token is not sent before */
  JsonParser   *parser;
  guint         push_failures;   /* in a row */
  guint         pull_failures;   /* in a row */
  gint64        push_until;      /* monotonic: no push before (ordinary backoff) */
  gint64        next_pull;       /* monotonic: the next pull is due */
  gint64        retry_until;     /* monotonic: Retry-After, nothing but urgent events before */
  gint64        urgent_until;    /* monotonic: the next try of an urgent event */
  guint         urgent_failures; /* in a row */
  gint64        urgent_pending;  /* of pending: urgent events (as last counted) */
  gboolean      pull_wanted;
  gboolean      config_broken;
  NkSyncState   fail_state;      /* the state of the last failure */

  /* what the properties should say */
  NkSyncState   state;
  gint64        pending;         /* -1: unknown, the outbox could not be counted */
  gint64        rejected;        /* -1: unknown */
  char         *count_error;     /* why not, while unknown */
  gint64        last_success;
  char         *last_error;
  guint         pulled;
  gint64        quarantined;
  NkSyncStatus  published;
};

/* nk-sync-worker.c */
gboolean nk_sync_worker_stopping          (NkSyncWorker *w);
void     nk_sync_worker_publish           (NkSyncWorker *w);
void     nk_sync_worker_set_state         (NkSyncWorker *w, NkSyncState state, const char *error);
/* Shows the failure and backs the channel off; retry_after as in
 * NkHttpResponse (-1 absent, 0 "now" or a past date). */
void     nk_sync_worker_fail              (NkSyncWorker *w, NkSyncChannel channel, NkSyncState state,
                                           const char *message, gint64 retry_after);
void     nk_sync_worker_fail_with_error   (NkSyncWorker *w, NkSyncChannel channel, GError *error);
/* An HTTP answer other than 200. */
void     nk_sync_worker_fail_with_status  (NkSyncWorker *w, NkSyncChannel channel,
                                           NkHttpResponse *response);
/* Nothing is sent with the token any more until the token file changes or
 * the backoff has passed (a 401 holds both channels). */
void     nk_sync_worker_token_refused     (NkSyncWorker *w);

/* nk-sync-push.c */
/* pending and rejected from the store; -1 and count_error when it cannot say. */
void     nk_sync_worker_recount           (NkSyncWorker *w);
/* Pushes until the outbox is empty; FALSE after a failure or when stopping. */
gboolean nk_sync_worker_push_all          (NkSyncWorker *w);
/* Sends the urgent events, each on a request of its own, oldest first;
 * FALSE after a failure (the next try is due at urgent_until) or when
 * stopping. */
gboolean nk_sync_worker_push_urgent       (NkSyncWorker *w);
/* Rejected records go back in the queue. */
void     nk_sync_worker_retry_rejected    (NkSyncWorker *w);

G_END_DECLS
