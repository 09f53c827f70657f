/* nk-store.c — the kiosk's SQLite database.
 *
 * WAL and synchronous=FULL: a check-in the screen confirmed has been
 * fsynced before the screen says so.  The schema moves forward only, one
 * migration per user_version. */
#define G_LOG_DOMAIN "nk-core"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "nk-migrations.h"
#include "nk-store-private.h"
#include "nk-types.h"

struct _NkStore
{
  GObject     parent_instance;

  char       *path;
  sqlite3    *db;
  GHashTable *statements;   /* SQL text (static) → sqlite3_stmt* */
  char       *device_id;
  gboolean    background;   /* waits for the door's transactions (see gate below) */
  gboolean    in_gate;      /* a foreground transaction begun, not yet ended */
};

G_DEFINE_TYPE (NkStore, nk_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (nk-store-error-quark, nk_store_error)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void gate_leave (NkStore *self);

/* The store's own tables.  Rooms, children and the rest are in
 * nk-roster.c, attendance in nk-attendance.c, and so on (nk-migrations.h). */
static const char *const store_steps[] = {
  /* 1: settings, audit log, outbox */
  "CREATE TABLE meta ("
  "  key TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL);"
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

  /* 2: the outbox row's state is a column, not a prefix of last_error;
   * the audit log is pruned by age */
  "ALTER TABLE outbox ADD COLUMN state TEXT NOT NULL DEFAULT 'pending' "
  "  CHECK (state IN ('pending', 'sent', 'rejected'));"
  "UPDATE outbox SET state = 'sent' WHERE sent_us IS NOT NULL;"
  "UPDATE outbox SET state = 'rejected', last_error = substr(last_error, 11) "
  "  WHERE sent_us IS NULL AND last_error LIKE 'rejected: %';"
  "DROP INDEX outbox_pending;"
  "CREATE INDEX outbox_state ON outbox (state, seq);"
  "CREATE INDEX outbox_sent ON outbox (sent_us) WHERE state = 'sent';"
  "CREATE INDEX audit_at ON audit (at_us);",

  /* 3: urgent events (safety reports, nk_record_type_is_urgent ()) are
   * sent on their own, ahead of the backlog */
  "ALTER TABLE outbox ADD COLUMN urgent INTEGER NOT NULL DEFAULT 0;"
  "CREATE INDEX outbox_urgent ON outbox (seq) WHERE urgent = 1 AND state = 'pending';",
};

NK_MIGRATION_LIST (nk_store_migrations, "store", store_steps, 1);

/* Applied in this order: a module's tables may refer to those before it. */
static const NkMigrationList *const migration_modules[] = {
  &nk_store_migrations,
  &nk_roster_migrations,
  &nk_attendance_migrations,
  &nk_staff_clock_migrations,
  &nk_pull_migrations,
  &nk_staff_pin_migrations,
  &nk_incident_ack_migrations,
  &nk_care_log_migrations,
  &nk_nap_migrations,
  &nk_sleep_check_migrations,
  &nk_health_check_migrations,
  &nk_health_observation_migrations,
  &nk_medicine_migrations,
  &nk_medicine_given_migrations,
  &nk_menu_migrations,
  &nk_allergy_migrations,
  &nk_menu_substitute_migrations,
  &nk_classroom_migrations,
  &nk_checkup_migrations,
  &nk_absence_migrations,
  &nk_outbreak_migrations,
  &nk_roll_call_migrations,
  &nk_alarm_migrations,
  &nk_ratio_migrations,
};

static void
nk_store_finalize (GObject *object)
{
  NkStore *self = NK_STORE (object);

  gate_leave (self);
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

  /* After a commit: the kind of what changed ("attendance", "staff_clock",
   * "roster", …, also the signal's detail) and the ids of the records. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED, 0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRV);
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

gboolean
nk_store_bind_valist (NkStore *self, sqlite3_stmt *stmt, GError **error, va_list args)
{
  NkBindType type;

  while ((type = va_arg (args, int)) != NK_BIND_END)
    {
      const char *name = va_arg (args, const char *);
      int index = sqlite3_bind_parameter_index (stmt, name);
      const char *text = NULL;
      gint64 number = 0;
      int rc = SQLITE_OK;

      switch (type)
        {
        case NK_BIND_TEXT:
          text = va_arg (args, const char *);
          break;
        case NK_BIND_INT:
          number = va_arg (args, gint64);
          break;
        case NK_BIND_NULL:
        case NK_BIND_END:
        default:
          break;
        }
      if (index == 0)
        {
          /* A programming error: the statement has no such parameter. */
          g_critical ("Statement “%s” has no parameter %s", sqlite3_sql (stmt), name);
          g_set_error (error, NK_STORE_ERROR, NK_STORE_ERROR_FAILED,
                       _("Database error: no parameter %s"), name);
          return FALSE;
        }
      if (type == NK_BIND_INT)
        rc = sqlite3_bind_int64 (stmt, index, number);
      else if (type == NK_BIND_TEXT && text != NULL)
        rc = sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
      else
        rc = sqlite3_bind_null (stmt, index);
      if (rc != SQLITE_OK)
        {
          nk_store_set_error (self, error, _("Database error"));
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
nk_store_bind (NkStore *self, sqlite3_stmt *stmt, GError **error, ...)
{
  va_list args;
  gboolean ok;

  va_start (args, error);
  ok = nk_store_bind_valist (self, stmt, error, args);
  va_end (args);
  return ok;
}

static sqlite3_stmt *
prepare_bound (NkStore *self, const char *sql, GError **error, va_list args)
{
  sqlite3_stmt *stmt = nk_store_prepare (self, sql, error);

  if (stmt != NULL && !nk_store_bind_valist (self, stmt, error, args))
    {
      sqlite3_reset (stmt);
      return NULL;
    }
  return stmt;
}

static gboolean
query_row_valist (NkStore *self, sqlite3_stmt **row, const char *sql, const char *what,
                  GError **error, va_list args)
{
  sqlite3_stmt *stmt = prepare_bound (self, sql, error, args);
  int rc;

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
nk_store_query_row (NkStore *self, sqlite3_stmt **row, const char *sql, const char *what,
                    GError **error, ...)
{
  va_list args;
  gboolean ok;

  va_start (args, error);
  ok = query_row_valist (self, row, sql, what, error, args);
  va_end (args);
  return ok;
}

gboolean
nk_store_exists (NkStore *self, gboolean *found, const char *sql, const char *what,
                 GError **error, ...)
{
  va_list args;
  sqlite3_stmt *row;
  gboolean ok;

  va_start (args, error);
  ok = query_row_valist (self, &row, sql, what, error, args);
  va_end (args);
  *found = ok && row != NULL;
  if (row != NULL)
    sqlite3_reset (row);
  return ok;
}

gboolean
nk_store_step_done (NkStore *self, sqlite3_stmt *stmt, const char *what, GError **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      nk_store_set_error (self, error, what);
      return FALSE;
    }
  return TRUE;
}

gboolean
nk_store_run (NkStore *self, const char *sql, const char *what, GError **error, ...)
{
  va_list args;
  sqlite3_stmt *stmt;

  va_start (args, error);
  stmt = prepare_bound (self, sql, error, args);
  va_end (args);
  if (stmt == NULL)
    return FALSE;
  return nk_store_step_done (self, stmt, what, error);
}

/* The door first.  SQLite's busy handler is not fair: a background
 * connection that begins its next transaction right after committing
 * the last one can keep a tap waiting for the write lock however short
 * each transaction is.  So the transactions of the process's foreground
 * connections (the door's) are counted from BEGIN to COMMIT or ROLLBACK,
 * and a background connection (the sync worker, pruning) waits before
 * each of its own until none is waiting or writing.  A tap then waits at
 * most for the one short background transaction already under way.  The
 * wait is bounded, so a foreground connection left inside a transaction
 * slows the background down but never stops it. */
#define GATE_MAX_WAIT_US (G_USEC_PER_SEC / 2)

static GMutex gate_mutex;
static GCond  gate_cond;
static guint  gate_foreground;

static void
gate_enter (NkStore *self)
{
  g_mutex_lock (&gate_mutex);
  gate_foreground++;
  g_mutex_unlock (&gate_mutex);
  self->in_gate = TRUE;
}

static void
gate_leave (NkStore *self)
{
  if (!self->in_gate)
    return;
  self->in_gate = FALSE;
  g_mutex_lock (&gate_mutex);
  if (--gate_foreground == 0)
    g_cond_broadcast (&gate_cond);
  g_mutex_unlock (&gate_mutex);
}

static void
gate_wait (void)
{
  gint64 end = g_get_monotonic_time () + GATE_MAX_WAIT_US;

  g_mutex_lock (&gate_mutex);
  while (gate_foreground > 0 && g_cond_wait_until (&gate_cond, &gate_mutex, end))
    ;
  g_mutex_unlock (&gate_mutex);
}

void
nk_store_set_background (NkStore *self, gboolean background)
{
  g_return_if_fail (NK_IS_STORE (self));
  self->background = background;
}

gboolean
nk_store_begin (NkStore *self, GError **error)
{
  if (self->background)
    gate_wait ();
  else
    gate_enter (self);
  if (nk_store_exec (self, "BEGIN IMMEDIATE", error))
    return TRUE;
  gate_leave (self);
  return FALSE;
}

gboolean
nk_store_commit (NkStore *self, GError **error)
{
  if (nk_store_exec (self, "COMMIT", error))
    {
      gate_leave (self);
      return TRUE;
    }
  nk_store_rollback (self);
  return FALSE;
}

void
nk_store_rollback (NkStore *self)
{
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  gate_leave (self);
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

static guint
known_version (void)
{
  guint total = 0;

  for (guint m = 0; m < G_N_ELEMENTS (migration_modules); m++)
    total += migration_modules[m]->n_steps;
  return total;
}

/* Each module's version: from schema_modules, or for a database of schema
 * 1 (which has no such table) what schema 1 held of each module. */
/* Kiosks before this one upgraded a database to a module it did not
 * have yet (menus, check-ups, classroom…) without writing the module's
 * row in schema_modules, though they counted its steps in user_version:
 * the next start made the module's tables again and failed.  The steps
 * counted and not recorded are the missing modules'; modules are only
 * ever added at the end of migration_modules[], so they go to the missing
 * modules in that order, each up to its steps, and the rows are written
 * now (a module added since has none left: it is new).  A count that does
 * not fit is refused rather than guessed. */
static gboolean
repair_missing_modules (NkStore       *self,
                        int            user_version,
                        guint         *versions,
                        const gboolean *seen,
                        GError       **error)
{
  guint recorded = 0, all_steps = 0, unrecorded;

  for (guint m = 0; m < G_N_ELEMENTS (migration_modules); m++)
    {
      recorded += versions[m];
      if (!seen[m])
        all_steps += migration_modules[m]->n_steps;
    }
  if (user_version <= (int) recorded)
    return TRUE;   /* the missing modules are new: made from their first step */
  unrecorded = (guint) user_version - recorded;
  if (unrecorded > all_steps)
    {
      g_set_error (error, NK_STORE_ERROR, NK_STORE_ERROR_CORRUPT,
                   _("The database %s says schema %d but its modules add up to %u"), self->path,
                   user_version, recorded);
      return FALSE;
    }
  if (!nk_store_begin (self, error))
    return FALSE;
  for (guint m = 0; m < G_N_ELEMENTS (migration_modules); m++)
    {
      if (seen[m] || unrecorded == 0)
        continue;
      versions[m] = MIN (unrecorded, migration_modules[m]->n_steps);
      unrecorded -= versions[m];
      g_message ("Database %s: the %s tables were made at version %u without being recorded; recorded now",
                 self->path, migration_modules[m]->module, versions[m]);
      if (!nk_store_run (self, "INSERT INTO schema_modules (module, version) VALUES (:module, :version)",
                         _("Cannot update the database"), error,
                         NK_TEXT (":module", migration_modules[m]->module), NK_INT (":version", versions[m]),
                         NK_END))
        {
          nk_store_rollback (self);
          return FALSE;
        }
    }
  return nk_store_commit (self, error);
}

static gboolean
read_module_versions (NkStore *self, int user_version, guint *versions, GError **error)
{
  gboolean seen[G_N_ELEMENTS (migration_modules)];
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (self->db, "SELECT module, version FROM schema_modules", -1, &stmt, NULL)
      != SQLITE_OK)
    {
      /* No schema_modules table: a new database, or one of schema 1. */
      for (guint m = 0; m < G_N_ELEMENTS (migration_modules); m++)
        versions[m] = user_version == 1 ? migration_modules[m]->in_schema_1 : 0;
      if (user_version > 1)
        {
          g_set_error (error, NK_STORE_ERROR, NK_STORE_ERROR_CORRUPT,
                       _("The database %s says schema %d but has no list of its modules"),
                       self->path, user_version);
          return FALSE;
        }
      /* Recorded at once, in one transaction, so a step that fails later
       * leaves every module's version known. */
      if (!nk_store_begin (self, error)
          || !nk_store_exec (self,
                             "CREATE TABLE schema_modules ("
                             "  module TEXT PRIMARY KEY,"
                             "  version INTEGER NOT NULL)",
                             error))
        goto fail;
      for (guint m = 0; m < G_N_ELEMENTS (migration_modules); m++)
        if (!nk_store_run (self,
                           "INSERT INTO schema_modules (module, version) VALUES (:module, :version)",
                           _("Cannot update the database"), error,
                           NK_TEXT (":module", migration_modules[m]->module),
                           NK_INT (":version", versions[m]), NK_END))
          goto fail;
      return nk_store_commit (self, error);

    fail:
      nk_store_rollback (self);
      return FALSE;
    }

  memset (versions, 0, sizeof (guint) * G_N_ELEMENTS (migration_modules));
  memset (seen, 0, sizeof seen);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *module = (const char *) sqlite3_column_text (stmt, 0);
      gint64 version = sqlite3_column_int64 (stmt, 1);
      guint m;

      for (m = 0; m < G_N_ELEMENTS (migration_modules); m++)
        if (g_strcmp0 (migration_modules[m]->module, module) == 0)
          break;
      if (m == G_N_ELEMENTS (migration_modules) || version < 0
          || version > (gint64) migration_modules[m]->n_steps)
        {
          g_set_error (error, NK_STORE_ERROR, NK_STORE_ERROR_TOO_NEW,
                       _("The database %s was made by a newer version of the kiosk (its %s "
                         "tables are newer than this version knows)"),
                       self->path, module ? module : "?");
          sqlite3_finalize (stmt);
          return FALSE;
        }
      versions[m] = (guint) version;
      seen[m] = TRUE;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      nk_store_set_error (self, error, _("Cannot read the database"));
      return FALSE;
    }
  return repair_missing_modules (self, user_version, versions, seen, error);
}

static gboolean
migrate (NkStore *self, GError **error)
{
  int version = read_user_version (self);
  guint versions[G_N_ELEMENTS (migration_modules)];
  guint total = 0;

  if (version < 0)
    {
      nk_store_set_error (self, error, _("Cannot read the database"));
      return FALSE;
    }
  if (version > (int) known_version ())
    {
      g_set_error (error, NK_STORE_ERROR, NK_STORE_ERROR_TOO_NEW,
                   _("The database %s was made by a newer version of the kiosk (schema %d, this "
                     "version knows %u)"),
                   self->path, version, known_version ());
      return FALSE;
    }
  if (!read_module_versions (self, version, versions, error))
    return FALSE;
  for (guint m = 0; m < G_N_ELEMENTS (migration_modules); m++)
    total += versions[m];

  for (guint m = 0; m < G_N_ELEMENTS (migration_modules); m++)
    {
      const NkMigrationList *list = migration_modules[m];

      for (guint v = versions[m]; v < list->n_steps; v++)
        {
          g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %u", total + 1);

          if (!nk_store_begin (self, error))
            return FALSE;
          if (!nk_store_exec (self, list->steps[v], error)
              || (list->after != NULL && !list->after (self, v + 1, error))
              /* a module added after the database was made has no row yet */
              || !nk_store_run (self,
                                "INSERT INTO schema_modules (module, version) VALUES (:module, :version) "
                                "ON CONFLICT (module) DO UPDATE SET version = excluded.version",
                                _("Cannot update the database"), error,
                                NK_TEXT (":module", list->module), NK_INT (":version", v + 1), NK_END)
              || !nk_store_exec (self, bump, error))
            {
              nk_store_rollback (self);
              g_prefix_error (error, _("Cannot update the %s tables of the database to version %u: "),
                              list->module, v + 1);
              return FALSE;
            }
          if (!nk_store_commit (self, error))
            return FALSE;
          total++;
          g_debug ("Database %s: %s tables at version %u (schema %u)", self->path, list->module,
                   v + 1, total);
        }
    }

  if ((guint) version != total)
    g_message ("Database %s moved from schema %d to %u", self->path, version, total);
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

  if (nk_store_query_row (self, &row, "SELECT value FROM meta WHERE key = ?1", _("Database error"),
                          NULL, NK_TEXT ("?1", key), NK_END)
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
                       "INSERT INTO meta (key, value) VALUES (?1, ?2) "
                       "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                       _("Cannot save a setting"), error, NK_TEXT ("?1", key), NK_TEXT ("?2", value),
                       NK_END);
}

gint64
nk_store_count_pending (NkStore *self, GError **error)
{
  sqlite3_stmt *row = NULL;
  gint64 n = -1;

  if (nk_store_query_row (self, &row, "SELECT count(*) FROM outbox WHERE state = 'pending'",
                          _("Cannot count the records waiting to be sent"), error, NK_END)
      && row != NULL)
    {
      n = sqlite3_column_int64 (row, 0);
      sqlite3_reset (row);
    }
  return n;
}

void
nk_store_emit_changed (NkStore *self, const char *kind, const char *const *ids)
{
  static const char *const none[] = { NULL };

  g_return_if_fail (kind != NULL);
  g_signal_emit (self, signals[CHANGED], g_quark_from_string (kind), kind, ids ? ids : none);
}

gboolean
nk_store_audit (NkStore *self, gint64 at_us, const char *kind, const char *uid,
                const char *detail, GError **error)
{
  return nk_store_run (self,
                       "INSERT INTO audit (at_us, device_id, kind, uid, detail) "
                       "VALUES (:at_us, :device_id, :kind, :uid, :detail)",
                       _("Cannot write the audit log"), error, NK_INT (":at_us", at_us),
                       NK_TEXT (":device_id", self->device_id), NK_TEXT (":kind", kind),
                       NK_TEXT (":uid", uid), NK_TEXT (":detail", detail), NK_END);
}
