/* nk-store.h — the kiosk's SQLite database: WAL, synchronous=FULL,
 * forward-only migrations by user_version.  One NkStore per thread. */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define NK_STORE_ERROR (nk_store_error_quark ())
GQuark nk_store_error_quark (void);

typedef enum {
  NK_STORE_ERROR_FAILED,
  NK_STORE_ERROR_DISK_FULL,   /* SQLITE_FULL: the data directory is full */
  NK_STORE_ERROR_READ_ONLY,   /* cannot write the data directory */
  NK_STORE_ERROR_BUSY,        /* database locked longer than the busy timeout */
  NK_STORE_ERROR_CORRUPT,
  NK_STORE_ERROR_NOT_FOUND,
  NK_STORE_ERROR_INVALID,     /* the input broke a rule; message says which */
  NK_STORE_ERROR_TOO_NEW,     /* database made by a newer kiosk */
} NkStoreError;

#define NK_TYPE_STORE (nk_store_get_type ())
G_DECLARE_FINAL_TYPE (NkStore, nk_store, NK, STORE, GObject)

/* Opens (creating the directory and file if needed) and migrates. */
NkStore    *nk_store_open          (const char *path, GError **error);
const char *nk_store_get_path      (NkStore *self);
/* The kiosk's device id (a UUID made on first open, kept in the database). */
const char *nk_store_get_device_id (NkStore *self);
int         nk_store_get_schema_version (NkStore *self);

/* meta key/value (centre name, sync cursor, …) */
char       *nk_store_get_meta      (NkStore *self, const char *key);
gboolean    nk_store_set_meta      (NkStore *self, const char *key, const char *value, GError **error);

/* Number of outbox rows waiting to be sent; -1 with error set when the
 * database could not say (never read that as "nothing waiting"). */
gint64      nk_store_count_pending (NkStore *self, GError **error);

/* signal "changed::KIND" (const char *kind, GStrv ids): emitted on the
 * thread that wrote, after a commit that changed records of that kind
 * ("attendance", "staff_clock", "refusal", "roster", …). */
void        nk_store_emit_changed  (NkStore *self, const char *kind, const char *const *ids);

G_END_DECLS
