/* nk-store-private.h — for core/ and sync/ only: raw SQLite access and
 * transactions.  Views never include this. */
#pragma once

#include <sqlite3.h>
#include "nk-store.h"

G_BEGIN_DECLS

sqlite3  *nk_store_get_db (NkStore *self);

/* BEGIN IMMEDIATE / COMMIT / ROLLBACK; errors mapped to NK_STORE_ERROR. */
gboolean  nk_store_begin    (NkStore *self, GError **error);
gboolean  nk_store_commit   (NkStore *self, GError **error);
void      nk_store_rollback (NkStore *self);

/* Sets error from the connection's last error, prefixed with what. */
void      nk_store_set_error (NkStore *self, GError **error, const char *what);
/* Prepared statements cached per connection by SQL text. */
sqlite3_stmt *nk_store_prepare (NkStore *self, const char *sql, GError **error);
/* Prepares sql (cached), binds n text arguments (NULL binds NULL) to ?1…?n
 * and steps once.  On success *row is the statement standing on its first
 * row — read the columns, then sqlite3_reset (*row) — or NULL when there is
 * none.  On failure returns FALSE with error set, prefixed with what. */
gboolean  nk_store_query_row (NkStore *self, sqlite3_stmt **row, const char *sql, const char *what,
                              GError **error, guint n, ...);
/* The same for a statement that returns no rows (INSERT, UPDATE …). */
gboolean  nk_store_run (NkStore *self, const char *sql, const char *what, GError **error, guint n, ...);

/* Runs one statement with no result (for DDL and simple writes). */
gboolean  nk_store_exec (NkStore *self, const char *sql, GError **error);

/* Appends an audit row (inside the caller's transaction, or its own). */
gboolean  nk_store_audit (NkStore *self, gint64 at_us, const char *kind,
                          const char *uid, const char *detail, GError **error);

/* Appends an outbox row; call inside the transaction that wrote the event.
 * payload_json is the event's "payload" object as JSON text. */
gboolean  nk_store_outbox_add (NkStore *self, const char *event_id, const char *type,
                               gint64 at_us, const char *payload_json, GError **error);

G_END_DECLS
