/* nk-store-private.h — for core/ and sync/ only: raw SQLite access and
 * transactions.  Views never include this. */
#pragma once

#include <sqlite3.h>
#include "nk-store.h"

G_BEGIN_DECLS

sqlite3  *nk_store_get_db (NkStore *self);

/* BEGIN IMMEDIATE / COMMIT / ROLLBACK; errors mapped to NK_STORE_ERROR.
 * A background store's BEGIN waits (briefly, bounded) while a transaction
 * of a foreground store of the process is waiting or under way: the door
 * goes first.  Background work keeps each transaction short. */
gboolean  nk_store_begin    (NkStore *self, GError **error);
gboolean  nk_store_commit   (NkStore *self, GError **error);
void      nk_store_rollback (NkStore *self);
/* For the sync worker's and pruning's own connections. */
void      nk_store_set_background (NkStore *self, gboolean background);

/* Sets error from the connection's last error, prefixed with what. */
void      nk_store_set_error (NkStore *self, GError **error, const char *what);
/* Prepared statements cached per connection by SQL text. */
sqlite3_stmt *nk_store_prepare (NkStore *self, const char *sql, GError **error);
/* Typed, named binds for nk_store_run, nk_store_query_row and
 * nk_store_bind: each NK_TEXT / NK_INT / NK_BOOL names a parameter of the
 * statement (":child_id", or "?1" for a short positional one) and its
 * value, by type; a NULL text binds NULL.  The list ends with NK_END.
 *
 *   nk_store_run (store, "UPDATE cards SET status = :status WHERE uid = :uid",
 *                 _("Cannot update a card"), error,
 *                 NK_TEXT (":uid", uid), NK_TEXT (":status", "lost"), NK_END);
 */
typedef enum {
  NK_BIND_END = 0,
  NK_BIND_TEXT,
  NK_BIND_INT,
  NK_BIND_NULL,
} NkBindType;

#define NK_TEXT(name, value) NK_BIND_TEXT, (const char *) (name), (const char *) (value)
#define NK_INT(name, value)  NK_BIND_INT, (const char *) (name), (gint64) (value)
#define NK_BOOL(name, value) NK_BIND_INT, (const char *) (name), (gint64) ((value) ? 1 : 0)
#define NK_NULL(name)        NK_BIND_NULL, (const char *) (name)
#define NK_END               NK_BIND_END

/* Binds the list to a prepared statement.  A name the statement does not
 * have is a bug: it is refused with error set. */
gboolean  nk_store_bind (NkStore *self, sqlite3_stmt *stmt, GError **error, ...);
gboolean  nk_store_bind_valist (NkStore *self, sqlite3_stmt *stmt, GError **error, va_list args);

/* Prepares sql (cached), binds the list and steps once.  On success *row
 * is the statement standing on its first row — read the columns, then
 * sqlite3_reset (*row) — or NULL when there is none.  On failure returns
 * FALSE with error set, prefixed with what. */
gboolean  nk_store_query_row (NkStore *self, sqlite3_stmt **row, const char *sql, const char *what,
                              GError **error, ...);
/* Whether sql (with the binds listed) returns any row, in *found. */
gboolean  nk_store_exists    (NkStore *self, gboolean *found, const char *sql, const char *what,
                              GError **error, ...);
/* The same for a statement that returns no rows (INSERT, UPDATE …). */
gboolean  nk_store_run (NkStore *self, const char *sql, const char *what, GError **error, ...);
/* Steps a statement the caller prepared and bound, expecting no row. */
gboolean  nk_store_step_done (NkStore *self, sqlite3_stmt *stmt, const char *what, GError **error);

/* Runs one statement with no result (for DDL and simple writes). */
gboolean  nk_store_exec (NkStore *self, const char *sql, GError **error);

/* Appends an audit row (inside the caller's transaction, or its own). */
gboolean  nk_store_audit (NkStore *self, gint64 at_us, const char *kind,
                          const char *uid, const char *detail, GError **error);

/* A text column, copied (NULL stays NULL). */
static inline char *
nk_column_dup (sqlite3_stmt *stmt, int col)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, col));
}

G_END_DECLS
