/* nk-sync.h — the kiosk's link to the platform (docs/platform-api.md).
 *
 * A worker thread with its own NkStore and HTTPS connection pushes the
 * outbox in batches, pulls roster changes by cursor, and backs off on
 * failure.  The UI never waits on the network: it observes the properties
 * below, which change on the main context NkSync was made on. */
#pragma once

#include <gio/gio.h>
#include "core/nk-config.h"
#include "core/nk-store.h"

G_BEGIN_DECLS

typedef enum {
  NK_SYNC_STATE_IDLE,          /* everything sent, nothing to do */
  NK_SYNC_STATE_SYNCING,       /* sending or pulling now */
  NK_SYNC_STATE_OFFLINE,       /* the platform cannot be reached; records wait */
  NK_SYNC_STATE_ERROR,         /* the platform answered with an error, or TLS refused */
  NK_SYNC_STATE_NOT_ENROLLED,  /* no device token (or the platform refused it) */
  NK_SYNC_STATE_UNKNOWN,       /* the outbox cannot be counted: whether records wait is
                                * unknown (pending is -1, last-error says why) */
} NkSyncState;

#define NK_TYPE_SYNC_STATE (nk_sync_state_get_type ())
GType nk_sync_state_get_type (void);

#define NK_SYNC_ERROR (nk_sync_error_quark ())
GQuark nk_sync_error_quark (void);

typedef enum {
  NK_SYNC_ERROR_FAILED,
  NK_SYNC_ERROR_PENDING,        /* QR code not scanned yet: ask again later */
  NK_SYNC_ERROR_INVALID_CODE,   /* the platform refused the code */
  NK_SYNC_ERROR_PROTOCOL,       /* the platform's answer broke the contract */
} NkSyncError;

#define NK_TYPE_SYNC (nk_sync_get_type ())
G_DECLARE_FINAL_TYPE (NkSync, nk_sync, NK, SYNC, GObject)

/* store: the main thread's store (watched for new outbox rows; may be
 * NULL); store_path: the database the worker opens for itself; config:
 * must outlive the NkSync (its [sync] values are copied here). */
NkSync      *nk_sync_new             (NkStore *store, const char *store_path, NkConfig *config);
void         nk_sync_start           (NkSync *self);
/* Stops the worker, interrupting a request in flight; waits for it. */
void         nk_sync_stop            (NkSync *self);
/* Wakes the worker: there is something new in the outbox. */
void         nk_sync_poke            (NkSync *self);
/* Staff asked to sync now: pushes and pulls at once, ending an ordinary
 * backoff; a Retry-After the platform asked for still holds. */
void         nk_sync_pull_now        (NkSync *self);

NkSyncState  nk_sync_get_state       (NkSync *self);
/* Records waiting to be sent, and refused by the platform; -1 when the
 * outbox could not be counted (never read that as none). */
gint64       nk_sync_get_pending     (NkSync *self);
gint64       nk_sync_get_rejected    (NkSync *self);
gint64       nk_sync_get_last_success (NkSync *self);
const char  *nk_sync_get_last_error  (NkSync *self);
/* Records the platform sent that are set aside with their reason
 * (nk_pull_list_quarantined () lists them). */
gint64       nk_sync_get_quarantined (NkSync *self);
/* The main context's store, as given (may be NULL). */
NkStore     *nk_sync_get_store       (NkSync *self);
/* The main store's device id, or NULL when made without a store. */
const char  *nk_sync_get_device_id   (NkSync *self);
/* DATA_DIR/device-token */
const char  *nk_sync_get_token_path  (NkSync *self);
/* sync.platform-url as configured (the QR code of a child's day links there). */
const char  *nk_sync_get_platform_url (NkSync *self);
/* Plain words for a state ("Sent", "Offline — records wait", …). */
const char  *nk_sync_state_label     (NkSyncState state);

/* Rejected records go back in the queue (after the platform was fixed). */
void         nk_sync_retry_rejected  (NkSync *self);

/* Exchanges an enrolment code for a device token (stored with mode 0600).
 * from_qr: the code is the one this kiosk made and shows as a QR code
 * (the answer is NK_SYNC_ERROR_PENDING until it was scanned); otherwise a
 * code the platform issued and staff typed. */
void         nk_sync_enrol_async     (NkSync *self, const char *code, gboolean from_qr,
                                      GCancellable *cancellable, GAsyncReadyCallback callback,
                                      gpointer user_data);
gboolean     nk_sync_enrol_finish    (NkSync *self, GAsyncResult *result, GError **error);

/* For tests and the benchmark; call before nk_sync_start. */
void         nk_sync_set_backoff     (NkSync *self, guint base_ms, guint cap_ms);
void         nk_sync_set_timeouts    (NkSync *self, guint connect_seconds, guint low_speed_seconds);
/* How often an urgent event is tried again until the platform answered
 * for it (sync.urgent-retry-seconds, here in ms for tests). */
void         nk_sync_set_urgent_retry (NkSync *self, guint retry_ms);

/* signal "pulled" (guint n_records): roster changes were applied. */

G_END_DECLS
