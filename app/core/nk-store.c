/* nk-store.c — the kiosk's SQLite database.
 *
 * WAL and synchronous=FULL: a check-in the screen confirmed has been
 * fsynced before the screen says so.  The schema moves forward only, one
 * migration per user_version. */
#define G_LOG_DOMAIN "nk-core"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "nk-store-private.h"
#include "nk-types.h"

struct _NkStore
{
  GObject     parent_instance;

  char       *path;
  sqlite3    *db;
  GHashTable *statements;   /* SQL text (static) → sqlite3_stmt* */
  char       *device_id;
};

G_DEFINE_TYPE (NkStore, nk_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (nk-store-error-quark, nk_store_error)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Each entry moves the schema from user_version i to i + 1. */
static const char *migrations[] = {
  /* 1: roster, attendance, staff clock, audit, outbox */
  "CREATE TABLE meta ("
  "  key TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL);"
  "CREATE TABLE rooms ("
  "  id TEXT PRIMARY KEY,"
  "  name TEXT NOT NULL,"
  "  kind TEXT NOT NULL CHECK (kind IN ('infant', 'toddler', 'senior')),"
  "  places INTEGER NOT NULL CHECK (places > 0));"
  "CREATE TABLE children ("
  "  id TEXT PRIMARY KEY,"
  "  name TEXT NOT NULL,"
  "  date_of_birth TEXT NOT NULL,"
  "  room_id TEXT REFERENCES rooms (id),"
  "  allergies TEXT NOT NULL DEFAULT '',"
  "  photo TEXT,"
  "  active INTEGER NOT NULL DEFAULT 1);"
  "CREATE INDEX children_room ON children (room_id);"
  "CREATE TABLE guardians ("
  "  id TEXT PRIMARY KEY,"
  "  name TEXT NOT NULL,"
  "  phone TEXT,"
  "  relation TEXT NOT NULL DEFAULT '');"
  "CREATE UNIQUE INDEX guardians_phone ON guardians (phone) WHERE phone IS NOT NULL;"
  "CREATE TABLE guardian_children ("
  "  guardian_id TEXT NOT NULL REFERENCES guardians (id) ON DELETE CASCADE,"
  "  child_id TEXT NOT NULL REFERENCES children (id) ON DELETE CASCADE,"
  "  can_pickup INTEGER NOT NULL DEFAULT 1,"
  "  PRIMARY KEY (guardian_id, child_id));"
  "CREATE INDEX guardian_children_child ON guardian_children (child_id);"
  "CREATE TABLE staff ("
  "  id TEXT PRIMARY KEY,"
  "  name TEXT NOT NULL,"
  "  role TEXT NOT NULL CHECK (role IN ('caregiver', 'director', 'health')),"
  "  certificate TEXT,"
  "  room_id TEXT REFERENCES rooms (id),"
  "  active INTEGER NOT NULL DEFAULT 1);"
  "CREATE TABLE cards ("
  "  uid TEXT PRIMARY KEY,"
  "  holder_kind TEXT NOT NULL CHECK (holder_kind IN ('child', 'guardian', 'staff')),"
  "  holder_id TEXT NOT NULL,"
  "  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'lost')));"
  "CREATE INDEX cards_holder ON cards (holder_kind, holder_id);"
  "CREATE TABLE attendance ("
  "  id TEXT PRIMARY KEY,"
  "  child_id TEXT NOT NULL,"
  "  kind TEXT NOT NULL CHECK (kind IN ('in', 'out', 'not_out')),"
  "  at_us INTEGER NOT NULL,"
  "  local_date TEXT NOT NULL,"
  "  by_kind TEXT NOT NULL CHECK (by_kind IN ('child', 'guardian', 'staff', 'system')),"
  "  by_id TEXT,"
  "  card_uid TEXT,"
  "  device_id TEXT NOT NULL,"
  "  method TEXT NOT NULL CHECK (method IN ('card', 'manual', 'system')),"
  "  reason TEXT);"
  "CREATE INDEX attendance_child ON attendance (child_id);"
  "CREATE INDEX attendance_date ON attendance (local_date, child_id);"
  "CREATE TABLE staff_clock ("
  "  id TEXT PRIMARY KEY,"
  "  staff_id TEXT NOT NULL,"
  "  kind TEXT NOT NULL CHECK (kind IN ('in', 'out')),"
  "  at_us INTEGER NOT NULL,"
  "  local_date TEXT NOT NULL,"
  "  device_id TEXT NOT NULL,"
  "  method TEXT NOT NULL CHECK (method IN ('card', 'manual')));"
  "CREATE INDEX staff_clock_staff ON staff_clock (staff_id);"
  "CREATE INDEX staff_clock_date ON staff_clock (local_date, staff_id);"
  "CREATE TABLE audit ("
  "  id INTEGER PRIMARY KEY,"
  "  at_us INTEGER NOT NULL,"
  "  device_id TEXT NOT NULL,"
  "  kind TEXT NOT NULL,"
  "  uid TEXT,"
  "  detail TEXT);"
  "CREATE TABLE outbox ("
  "  seq INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  event_id TEXT NOT NULL UNIQUE,"
  "  type TEXT NOT NULL,"
  "  at_us INTEGER NOT NULL,"
  "  payload TEXT NOT NULL,"
  "  created_us INTEGER NOT NULL,"
  "  sent_us INTEGER,"
  "  attempts INTEGER NOT NULL DEFAULT 0,"
  "  last_error TEXT);"
  "CREATE INDEX outbox_pending ON outbox (seq) WHERE sent_us IS NULL;",
};

static void
nk_store_finalize (GObject *object)
{
  NkStore *self = NK_STORE (object);

  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db)
    sqlite3_close_v2 (self->db);
  g_free (self->path);
  g_free (self->device_id);

  G_OBJECT_CLASS (nk_store_parent_class)->finalize (object);
}

static void
nk_store_class_init (NkStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = nk_store_finalize;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
nk_store_init (NkStore *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, finalize_statement);
}

static NkStoreError
code_for (int rc)
{
  switch (rc & 0xff)
    {
    case SQLITE_FULL:
      return NK_STORE_ERROR_DISK_FULL;
    case SQLITE_READONLY:
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_AUTH:
      return NK_STORE_ERROR_READ_ONLY;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return NK_STORE_ERROR_BUSY;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return NK_STORE_ERROR_CORRUPT;
    case SQLITE_CONSTRAINT:
    case SQLITE_MISMATCH:
      return NK_STORE_ERROR_INVALID;
    default:
      return NK_STORE_ERROR_FAILED;
    }
}

static const char *
plain_words_for (NkStoreError code)
{
  switch (code)
    {
    case NK_STORE_ERROR_DISK_FULL:
      return _("the disk is full");
    case NK_STORE_ERROR_READ_ONLY:
      return _("the data directory cannot be written");
    case NK_STORE_ERROR_BUSY:
      return _("the database is locked by another program");
    case NK_STORE_ERROR_CORRUPT:
      return _("the database file is damaged");
    case NK_STORE_ERROR_FAILED:
    case NK_STORE_ERROR_NOT_FOUND:
    case NK_STORE_ERROR_INVALID:
    case NK_STORE_ERROR_TOO_NEW:
    default:
      return NULL;
    }
}

static void
set_error_rc (GError **error, int rc, const char *detail, const char *what)
{
  NkStoreError code = code_for (rc);
  const char *plain = plain_words_for (code);

  if (plain)
    g_set_error (error, NK_STORE_ERROR, code, "%s: %s (%s)", what, plain, detail);
  else
    g_set_error (error, NK_STORE_ERROR, code, "%s: %s", what, detail);
}

void
nk_store_set_error (NkStore *self, GError **error, const char *what)
{
  set_error_rc (error, sqlite3_extended_errcode (self->db), sqlite3_errmsg (self->db), what);
}

sqlite3 *
nk_store_get_db (NkStore *self)
{
  g_return_val_if_fail (NK_IS_STORE (self), NULL);
  return self->db;
}

gboolean
nk_store_exec (NkStore *self, const char *sql, GError **error)
{
  char *msg = NULL;
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, &msg);

  if (rc != SQLITE_OK)
    {
      set_error_rc (error, rc, msg ? msg : sqlite3_errstr (rc), _("Database error"));
      sqlite3_free (msg);
      return FALSE;
    }
  return TRUE;
}

sqlite3_stmt *
nk_store_prepare (NkStore *self, const char *sql, GError **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);

  if (stmt)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  int rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      nk_store_set_error (self, error, _("Database error"));
      g_warning ("Cannot prepare “%s”: %s", sql, sqlite3_errmsg (self->db));
      return NULL;
    }
  g_hash_table_insert (self->statements, (gpointer) sql, stmt);
  return stmt;
}

static sqlite3_stmt *
prepare_bound (NkStore *self, const char *sql, GError **error, guint n, va_list args)
{
  sqlite3_stmt *stmt = nk_store_prepare (self, sql, error);

  for (guint i = 0; stmt != NULL && i < n; i++)
    {
      const char *value = va_arg (args, const char *);

      if (value)
        sqlite3_bind_text (stmt, (int) i + 1, value, -1, SQLITE_TRANSIENT);
      else
        sqlite3_bind_null (stmt, (int) i + 1);
    }
  return stmt;
}

gboolean
nk_store_query_row (NkStore *self, sqlite3_stmt **row, const char *sql, const char *what,
                    GError **error, guint n, ...)
{
  va_list args;
  sqlite3_stmt *stmt;
  int rc;

  va_start (args, n);
  stmt = prepare_bound (self, sql, error, n, args);
  va_end (args);
  *row = NULL;
  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *row = stmt;
      return TRUE;
    }
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  nk_store_set_error (self, error, what);
  return FALSE;
}

gboolean
nk_store_run (NkStore *self, const char *sql, const char *what, GError **error, guint n, ...)
{
  va_list args;
  sqlite3_stmt *stmt;
  int rc;

  va_start (args, n);
  stmt = prepare_bound (self, sql, error, n, args);
  va_end (args);
  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      nk_store_set_error (self, error, what);
      return FALSE;
    }
  return TRUE;
}

gboolean
nk_store_begin (NkStore *self, GError **error)
{
  return nk_store_exec (self, "BEGIN IMMEDIATE", error);
}

gboolean
nk_store_commit (NkStore *self, GError **error)
{
  if (nk_store_exec (self, "COMMIT", error))
    return TRUE;
  nk_store_rollback (self);
  return FALSE;
}

void
nk_store_rollback (NkStore *self)
{
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

static int
read_user_version (NkStore *self)
{
  sqlite3_stmt *stmt = NULL;
  int version = -1;

  if (sqlite3_prepare_v2 (self->db, "PRAGMA user_version", -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return version;
}

int
nk_store_get_schema_version (NkStore *self)
{
  return read_user_version (self);
}

static gboolean
migrate (NkStore *self, GError **error)
{
  int version = read_user_version (self);

  if (version < 0)
    {
      nk_store_set_error (self, error, _("Cannot read the database"));
      return FALSE;
    }
  if (version > (int) G_N_ELEMENTS (migrations))
    {
      g_set_error (error, NK_STORE_ERROR, NK_STORE_ERROR_TOO_NEW,
                   _("The database %s was made by a newer version of the kiosk (schema %d, this "
                     "version knows %d)"),
                   self->path, version, (int) G_N_ELEMENTS (migrations));
      return FALSE;
    }

  for (int v = version; v < (int) G_N_ELEMENTS (migrations); v++)
    {
      g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %d", v + 1);

      if (!nk_store_begin (self, error))
        return FALSE;
      if (!nk_store_exec (self, migrations[v], error) || !nk_store_exec (self, bump, error))
        {
          nk_store_rollback (self);
          g_prefix_error (error, _("Cannot update the database to schema %d: "), v + 1);
          return FALSE;
        }
      if (!nk_store_commit (self, error))
        return FALSE;
      g_message ("Database %s migrated to schema %d", self->path, v + 1);
    }
  return TRUE;
}

static gboolean
ensure_device_id (NkStore *self, GError **error)
{
  self->device_id = nk_store_get_meta (self, "device_id");
  if (self->device_id)
    return TRUE;

  self->device_id = nk_uuid_new ();
  return nk_store_set_meta (self, "device_id", self->device_id, error);
}

NkStore *
nk_store_open (const char *path, GError **error)
{
  g_autoptr (NkStore) self = g_object_new (NK_TYPE_STORE, NULL);
  g_autofree char *dir = g_path_get_dirname (path);
  int rc;

  self->path = g_strdup (path);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, NK_STORE_ERROR,
                   saved == ENOSPC ? NK_STORE_ERROR_DISK_FULL : NK_STORE_ERROR_READ_ONLY,
                   _("Cannot create the data directory %s: %s"), dir, g_strerror (saved));
      return NULL;
    }

  rc = sqlite3_open_v2 (path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      set_error_rc (error, rc, self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc),
                    path);
      g_prefix_error (error, _("Cannot open the database: "));
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, 5000);

  /* WAL so the sync worker reads while the door writes; FULL so a commit
   * survives a power cut. */
  if (!nk_store_exec (self, "PRAGMA journal_mode = WAL", error)
      || !nk_store_exec (self, "PRAGMA synchronous = FULL", error)
      || !nk_store_exec (self, "PRAGMA foreign_keys = ON", error)
      || !migrate (self, error)
      || !ensure_device_id (self, error))
    {
      g_prefix_error (error, _("Cannot open the database %s: "), path);
      return NULL;
    }

  return g_steal_pointer (&self);
}

const char *
nk_store_get_path (NkStore *self)
{
  return self->path;
}

const char *
nk_store_get_device_id (NkStore *self)
{
  return self->device_id;
}

char *
nk_store_get_meta (NkStore *self, const char *key)
{
  sqlite3_stmt *row = NULL;
  char *value = NULL;

  if (nk_store_query_row (self, &row, "SELECT value FROM meta WHERE key = ?", _("Database error"),
                          NULL, 1, key)
      && row != NULL)
    {
      value = g_strdup ((const char *) sqlite3_column_text (row, 0));
      sqlite3_reset (row);
    }
  return value;
}

gboolean
nk_store_set_meta (NkStore *self, const char *key, const char *value, GError **error)
{
  return nk_store_run (self,
                       "INSERT INTO meta (key, value) VALUES (?, ?) "
                       "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                       _("Cannot save a setting"), error, 2, key, value);
}

gint64
nk_store_count_pending (NkStore *self)
{
  sqlite3_stmt *stmt = nk_store_prepare (self, "SELECT count(*) FROM outbox WHERE sent_us IS NULL",
                                         NULL);
  gint64 n = -1;

  if (stmt && sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  if (stmt)
    sqlite3_reset (stmt);
  return n;
}

void
nk_store_emit_changed (NkStore *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

gboolean
nk_store_audit (NkStore *self, gint64 at_us, const char *kind, const char *uid,
                const char *detail, GError **error)
{
  sqlite3_stmt *stmt = nk_store_prepare (self,
                                         "INSERT INTO audit (at_us, device_id, kind, uid, detail) "
                                         "VALUES (?, ?, ?, ?, ?)",
                                         error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, at_us);
  sqlite3_bind_text (stmt, 2, self->device_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, uid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, detail, -1, SQLITE_STATIC);
  int rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      nk_store_set_error (self, error, _("Cannot write the audit log"));
      return FALSE;
    }
  return TRUE;
}

gboolean
nk_store_outbox_add (NkStore *self, const char *event_id, const char *type, gint64 at_us,
                     const char *payload_json, GError **error)
{
  sqlite3_stmt *stmt = nk_store_prepare (self,
                                         "INSERT INTO outbox (event_id, type, at_us, payload, created_us) "
                                         "VALUES (?, ?, ?, ?, ?)",
                                         error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, event_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, type, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, at_us);
  sqlite3_bind_text (stmt, 4, payload_json, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, g_get_real_time ());
  int rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      nk_store_set_error (self, error, _("Cannot queue the record for the platform"));
      return FALSE;
    }
  return TRUE;
}
