/* test-migrations.c — forward-only migrations kept per module
 * (nk-migrations.h): a database of schema 1 holding real data
 * (tests/data/schema-1.sql) is upgraded with every row kept, a database
 * from a newer kiosk is refused, and a step that fails leaves the
 * database at the version before it. */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "core/nk-demo.h"
#include "core/nk-migrations.h"
#include "core/nk-store-private.h"
#include "nk-test-util.h"

#define DEVICE_ID "0ccf1b53-dce5-42f7-96bb-e5026d905963"

/* The modules in the order nk-store.c applies them. */
static const NkMigrationList *const modules[] = {
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

typedef struct {
  char *dir;
  char *path;
} Fixture;

static guint
known_total (void)
{
  guint total = 0;

  for (guint m = 0; m < G_N_ELEMENTS (modules); m++)
    total += modules[m]->n_steps;
  return total;
}

static sqlite3 *
raw_open (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  return db;
}

static void
raw_exec (sqlite3 *db, const char *sql)
{
  char *msg = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &msg) != SQLITE_OK)
    g_error ("%s: %s", sql, msg);
}

static gint64
raw_count (sqlite3 *db, const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

/* A temporary file holding tests/data/schema-1.sql, as the old kiosk
 * left it. */
static void
setup (Fixture *f, gconstpointer data)
{
  g_autofree char *sql_path = g_test_build_filename (G_TEST_DIST, "data", "schema-1.sql", NULL);
  g_autofree char *sql = NULL;
  g_autoptr (GError) error = NULL;
  sqlite3 *db;

  f->dir = g_dir_make_tmp ("nk-migrations-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "kiosk.db", NULL);
  g_assert_true (g_file_get_contents (sql_path, &sql, NULL, &error));
  g_assert_no_error (error);

  db = raw_open (f->path);
  raw_exec (db, sql);
  g_assert_cmpint (raw_count (db, "PRAGMA user_version"), ==, 1);
  sqlite3_close (db);
}

static void
teardown (Fixture *f, gconstpointer data)
{
  nk_test_dir_remove (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

/* Every row of every table, in rowid order, each value quoted, over the
 * columns the table has in schema 1 (later steps only add columns). */
typedef struct {
  char *table;
  char *sql;
  char *rows;
} TableDump;

static void
table_dump_free (TableDump *d)
{
  g_free (d->table);
  g_free (d->sql);
  g_free (d->rows);
  g_free (d);
}

static char *
run_dump (sqlite3 *db, const char *sql)
{
  GString *out = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_string_append_printf (out, "%s\n", (const char *) sqlite3_column_text (stmt, 0));
  g_assert_cmpint (rc, ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  return g_string_free (out, FALSE);
}

/* The outbox's last_error and the sync cursor are left out here: the
 * upgrade changes them on purpose and the test checks them on their own. */
static GPtrArray *
dump_tables (sqlite3 *db)
{
  GPtrArray *dumps = g_ptr_array_new_with_free_func ((GDestroyNotify) table_dump_free);
  sqlite3_stmt *tables = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name",
                                       -1, &tables, NULL), ==, SQLITE_OK);
  while (sqlite3_step (tables) == SQLITE_ROW)
    {
      TableDump *d = g_new0 (TableDump, 1);
      g_autofree char *info = NULL;
      g_autoptr (GString) select = g_string_new ("SELECT ");
      sqlite3_stmt *cols = NULL;
      gboolean first = TRUE;

      d->table = g_strdup ((const char *) sqlite3_column_text (tables, 0));
      info = g_strdup_printf ("SELECT name FROM pragma_table_info ('%s') ORDER BY cid", d->table);
      g_assert_cmpint (sqlite3_prepare_v2 (db, info, -1, &cols, NULL), ==, SQLITE_OK);
      while (sqlite3_step (cols) == SQLITE_ROW)
        {
          const char *col = (const char *) sqlite3_column_text (cols, 0);

          if (g_str_equal (d->table, "outbox") && g_str_equal (col, "last_error"))
            continue;
          g_string_append_printf (select, "%squote(\"%s\")", first ? "" : " || '|' || ", col);
          first = FALSE;
        }
      sqlite3_finalize (cols);
      g_string_append_printf (select, " FROM \"%s\"", d->table);
      if (g_str_equal (d->table, "meta"))
        g_string_append (select, " WHERE key != 'sync.cursor'");
      g_string_append (select, " ORDER BY rowid");
      d->sql = g_strdup (select->str);
      d->rows = run_dump (db, d->sql);
      g_ptr_array_add (dumps, d);
    }
  sqlite3_finalize (tables);
  return dumps;
}

static void
assert_module_versions (NkStore *store, const guint *expected)
{
  guint total = 0;

  g_assert_cmpint (nk_test_count (store, "SELECT count(*) FROM schema_modules"), ==, G_N_ELEMENTS (modules));
  for (guint m = 0; m < G_N_ELEMENTS (modules); m++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT version FROM schema_modules WHERE module = '%s'",
                                              modules[m]->module);

      g_assert_cmpint (nk_test_count (store, sql), ==, expected[m]);
      total += expected[m];
    }
  g_assert_cmpint (nk_store_get_schema_version (store), ==, total);
}

static void
test_schema_1_upgrade (Fixture *f, gconstpointer data)
{
  static const struct {
    const char *table;
    gint64      rows;
  } counts[] = {
    { "meta", 2 },        /* the cursor is gone */
    { "rooms", 3 },
    { "children", 5 },
    { "guardians", 4 },
    { "guardian_children", 7 },
    { "staff", 5 },
    { "cards", 7 },
    { "attendance", 9 },
    { "staff_clock", 4 },
    { "audit", 5 },
    { "outbox", 6 },
  };
  g_autoptr (GPtrArray) before = NULL;
  g_autoptr (NkStore) store = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *cursor = NULL;
  g_autofree char *centre = NULL;
  guint latest[G_N_ELEMENTS (modules)];
  sqlite3 *db = raw_open (f->path);

  before = dump_tables (db);
  sqlite3_close (db);

  store = nk_store_open (f->path, &error);
  g_assert_no_error (error);
  db = nk_store_get_db (store);

  /* every row of schema 1, every value, unchanged */
  for (guint i = 0; i < before->len; i++)
    {
      const TableDump *d = g_ptr_array_index (before, i);
      g_autofree char *after = run_dump (db, d->sql);

      g_test_message ("table %s", d->table);
      g_assert_cmpstr (after, ==, d->rows);
    }
  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", counts[i].table);

      g_test_message ("table %s", counts[i].table);
      g_assert_cmpint (nk_test_count (store, sql), ==, counts[i].rows);
    }
  g_assert_cmpint (nk_test_count (store, "SELECT count(*) FROM children WHERE name = '王小明' "
                                         "AND room_id = 'R2' AND active = 1"), ==, 1);
  g_assert_cmpint (nk_test_count (store, "SELECT count(*) FROM cards WHERE uid = '04BADBAD' "
                                         "AND status = 'lost'"), ==, 1);
  g_assert_cmpint (nk_test_count (store, "SELECT count(*) FROM attendance WHERE child_id = 'C003' "
                                         "AND kind = 'not_out' AND local_date = '2026-11-16'"), ==, 1);

  /* the room at that moment: the best known is the child's or caregiver's room now */
  g_assert_cmpint (nk_test_count (store, "SELECT count(*) FROM attendance a JOIN children c "
                                         "ON c.id = a.child_id WHERE a.room_id IS c.room_id"), ==, 9);
  g_assert_cmpint (nk_test_count (store, "SELECT count(*) FROM attendance WHERE room_id IS NULL"), ==, 0);
  g_assert_cmpint (nk_test_count (store, "SELECT count(*) FROM attendance WHERE child_id = 'C003' "
                                         "AND room_id = 'R1'"), ==, 2);
  g_assert_cmpint (nk_test_count (store, "SELECT count(*) FROM staff_clock k JOIN staff s "
                                         "ON s.id = k.staff_id WHERE k.room_id IS s.room_id"), ==, 4);
  g_assert_cmpint (nk_test_count (store, "SELECT count(*) FROM staff_clock WHERE staff_id = 'S002' "
                                         "AND room_id = 'R2'"), ==, 2);
  /* the director has no room */
  g_assert_cmpint (nk_test_count (store, "SELECT count(*) FROM staff_clock WHERE staff_id = 'S001' "
                                         "AND room_id IS NULL"), ==, 1);

  /* the outbox state is a column; the old prefix is gone from the reason */
  g_assert_cmpint (nk_test_count (store, "SELECT count(*) FROM outbox WHERE state = 'sent' "
                                         "AND sent_us IS NOT NULL AND seq IN (1, 2, 3)"), ==, 3);
  g_assert_cmpint (nk_test_count (store, "SELECT count(*) FROM outbox WHERE state = 'pending' "
                                         "AND seq IN (4, 6)"), ==, 2);
  g_assert_cmpint (nk_test_count (store, "SELECT count(*) FROM outbox WHERE state = 'rejected' "
                                         "AND seq = 5 AND attempts = 1"), ==, 1);
  g_assert_cmpint (nk_test_count (store, "SELECT count(*) FROM outbox WHERE last_error LIKE '%rejected%'"),
                   ==, 0);
  {
    g_autofree char *reason = nk_test_text (store, "SELECT last_error FROM outbox WHERE seq = 5");
    g_autofree char *waiting = nk_test_text (store, "SELECT last_error FROM outbox WHERE seq = 4");
    g_autofree char *none = nk_test_text (store, "SELECT last_error FROM outbox WHERE seq = 6");

    g_assert_cmpstr (reason, ==, "child C003 is not enrolled at this centre");
    g_assert_cmpstr (waiting, ==, "HTTP 503: Service Unavailable");
    g_assert_null (none);
  }
  g_assert_cmpint (nk_store_count_pending (store, NULL), ==, 2);

  /* every module listed at its latest step, user_version their sum */
  for (guint m = 0; m < G_N_ELEMENTS (modules); m++)
    latest[m] = modules[m]->n_steps;
  assert_module_versions (store, latest);
  g_assert_cmpint (nk_store_get_schema_version (store), ==, known_total ());

  /* the kiosk is the same device; the cursor was reset once, on purpose
   * (the pull module's step 1), the rest of meta kept */
  g_assert_cmpstr (nk_store_get_device_id (store), ==, DEVICE_ID);
  cursor = nk_store_get_meta (store, "sync.cursor");
  centre = nk_store_get_meta (store, "centre_name");
  g_assert_null (cursor);
  g_assert_cmpstr (centre, ==, "阳光托育中心");
  g_assert_cmpint (nk_test_count (store, "SELECT count(*) FROM pulled_records"), ==, 0);
  g_assert_cmpint (nk_test_count (store, "SELECT count(*) FROM pull_quarantine"), ==, 0);

  /* the reset happens once: a cursor saved after the upgrade stays */
  g_assert_true (nk_store_set_meta (store, "sync.cursor", "c-after-upgrade", NULL));
  g_clear_object (&store);
  store = nk_store_open (f->path, &error);
  g_assert_no_error (error);
  cursor = (g_free (cursor), nk_store_get_meta (store, "sync.cursor"));
  g_assert_cmpstr (cursor, ==, "c-after-upgrade");
  g_assert_cmpint (nk_store_get_schema_version (store), ==, known_total ());
  g_assert_cmpint (nk_test_count (store, "SELECT count(*) FROM attendance"), ==, 9);
}

/* The upgraded database records as a new one does, with the room. */
static void
test_schema_1_records_after (Fixture *f, gconstpointer data)
{
  g_autoptr (GTimeZone) tz = g_time_zone_new_identifier ("Asia/Shanghai");
  g_autoptr (NkStore) store = nk_store_open (f->path, NULL);
  g_autoptr (NkDoor) door = NULL;
  g_autoptr (NkTapResult) result = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_nonnull (store);
  door = nk_test_door_new (store, tz, NULL);
  result = nk_door_tap (door, "04A1B2C3", &error);
  g_assert_no_error (error);
  g_assert_cmpint (result->outcome, ==, NK_TAP_CHECKED_IN);
  g_assert_cmpstr (result->person_name, ==, "王小明");
  g_assert_cmpint (nk_test_count (store, "SELECT count(*) FROM attendance WHERE child_id = 'C001' "
                                         "AND room_id = 'R2' AND device_id = '" DEVICE_ID "'"), ==, 3);
  g_assert_cmpint (nk_store_count_pending (store, NULL), ==, 3);
}

/* A module's tables newer than this kiosk knows, or a module it does not
 * know at all: refused, and the database left as it was. */
static void
test_module_too_new (Fixture *f, gconstpointer data)
{
  static const char *const newer[] = {
    "UPDATE schema_modules SET version = version + 1 WHERE module = 'attendance'",
    "INSERT INTO schema_modules (module, version) VALUES ('from_a_newer_kiosk', 1)",
  };

  {
    g_autoptr (NkStore) store = nk_store_open (f->path, NULL);
    g_assert_nonnull (store);
  }
  for (guint i = 0; i < G_N_ELEMENTS (newer); i++)
    {
      g_autoptr (GError) error = NULL;
      sqlite3 *db = raw_open (f->path);

      raw_exec (db, newer[i]);
      g_assert_cmpint (raw_count (db, "PRAGMA user_version"), ==, known_total ());
      sqlite3_close (db);

      g_assert_null (nk_store_open (f->path, &error));
      g_assert_error (error, NK_STORE_ERROR, NK_STORE_ERROR_TOO_NEW);
      g_assert_nonnull (strstr (error->message, i == 0 ? "attendance" : "from_a_newer_kiosk"));
      g_assert_nonnull (strstr (error->message, f->path));

      db = raw_open (f->path);
      g_assert_cmpint (raw_count (db, "PRAGMA user_version"), ==, known_total ());
      g_assert_cmpint (raw_count (db, "SELECT count(*) FROM attendance"), ==, 9);
      raw_exec (db, i == 0 ? "UPDATE schema_modules SET version = version - 1 WHERE module = 'attendance'"
                           : "DELETE FROM schema_modules WHERE module = 'care_log'");
      sqlite3_close (db);
    }
}

/* A step that fails half-way (here the attendance module's step 2, whose
 * last statement finds an index of that name already there) is rolled
 * back whole: the steps before it are kept, the database says exactly the
 * versions it is at, and the next start finishes the upgrade. */
static void
test_failed_step_keeps_previous_version (Fixture *f, gconstpointer data)
{
  guint at_failure[G_N_ELEMENTS (modules)];
  g_autoptr (GError) error = NULL;
  g_autoptr (NkStore) store = NULL;
  sqlite3 *db = raw_open (f->path);

  raw_exec (db, "CREATE INDEX attendance_room ON attendance (child_id)");
  sqlite3_close (db);

  g_assert_null (nk_store_open (f->path, &error));
  g_assert_error (error, NK_STORE_ERROR, NK_STORE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "attendance"));
  g_assert_nonnull (strstr (error->message, "attendance_room"));

  db = raw_open (f->path);
  /* the failed step left nothing: no room column, no rows touched */
  g_assert_cmpint (raw_count (db, "SELECT count(*) FROM pragma_table_info ('attendance') "
                                  "WHERE name = 'room_id'"), ==, 0);
  g_assert_cmpint (raw_count (db, "SELECT count(*) FROM attendance"), ==, 9);
  /* the store module's step 2, before it, was kept; those after it not run */
  g_assert_cmpint (raw_count (db, "SELECT count(*) FROM pragma_table_info ('outbox') "
                                  "WHERE name = 'state'"), ==, 1);
  g_assert_cmpint (raw_count (db, "SELECT count(*) FROM pragma_table_info ('staff_clock') "
                                  "WHERE name = 'room_id'"), ==, 0);
  g_assert_cmpint (raw_count (db, "SELECT count(*) FROM meta WHERE key = 'sync.cursor'"), ==, 1);
  raw_exec (db, "DROP INDEX attendance_room");
  sqlite3_close (db);

  for (guint m = 0; m < G_N_ELEMENTS (modules); m++)
    at_failure[m] = modules[m] == &nk_store_migrations ? modules[m]->n_steps : modules[m]->in_schema_1;
  db = raw_open (f->path);
  for (guint m = 0; m < G_N_ELEMENTS (modules); m++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT version FROM schema_modules WHERE module = '%s'",
                                              modules[m]->module);

      g_test_message ("module %s", modules[m]->module);
      g_assert_cmpint (raw_count (db, sql), ==, at_failure[m]);
    }
  g_assert_cmpint (raw_count (db, "PRAGMA user_version"), ==,
                   raw_count (db, "SELECT sum(version) FROM schema_modules"));
  g_assert_cmpint (raw_count (db, "PRAGMA user_version"), <, known_total ());
  sqlite3_close (db);

  /* the obstacle gone, the next start finishes the upgrade */
  g_clear_error (&error);
  store = nk_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (nk_store_get_schema_version (store), ==, known_total ());
  g_assert_cmpint (nk_test_count (store, "SELECT count(*) FROM attendance WHERE room_id IS NOT NULL"), ==, 9);
  g_assert_cmpint (nk_test_count (store, "SELECT count(*) FROM outbox WHERE state = 'rejected'"), ==, 1);
  g_assert_cmpstr (nk_store_get_device_id (store), ==, DEVICE_ID);
}

/* A database made before a module existed (here incident_ack) has no row
 * for it: the upgrade adds the module's tables and its row, so the next
 * start finds it at its version and does not make the tables again. */
static void
test_module_added_later (Fixture *f, gconstpointer data)
{
  sqlite3 *db;

  {
    g_autoptr (NkStore) store = nk_store_open (f->path, NULL);
    g_assert_nonnull (store);
  }
  db = raw_open (f->path);
  raw_exec (db, "DROP TABLE incident_acks");
  raw_exec (db, "DELETE FROM schema_modules WHERE module = 'incident_ack'");
  {
    g_autofree char *older = g_strdup_printf ("PRAGMA user_version = %u", known_total () - 1);
    raw_exec (db, older);
  }
  sqlite3_close (db);

  for (guint start = 0; start < 2; start++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (NkStore) store = nk_store_open (f->path, &error);

      g_assert_no_error (error);
      g_assert_nonnull (store);
      g_assert_cmpint (nk_store_get_schema_version (store), ==, known_total ());
      g_assert_cmpint (nk_test_count (store, "SELECT version FROM schema_modules WHERE module = 'incident_ack'"),
                       ==, 1);
      g_assert_cmpint (nk_test_count (store, "SELECT count(*) FROM incident_acks"), ==, 0);
    }
}

/* A database an earlier kiosk upgraded to modules it had not recorded
 * (classroom and checkup made, user_version counting their steps, no rows
 * in schema_modules) opens, twice, with its rows written and its records
 * kept; one that counts more steps than its missing modules have is
 * refused as damaged. */
static void
test_module_unrecorded (Fixture *f, gconstpointer data)
{
  sqlite3 *db;

  {
    g_autoptr (NkStore) store = nk_store_open (f->path, NULL);
    g_assert_nonnull (store);
  }
  db = raw_open (f->path);
  raw_exec (db, "INSERT INTO classroom_sessions (id, title, kind, starts_us, ends_us, audience) "
                "VALUES ('cs-1', '辅食添加', 'mommy_classroom', 1, 2, 'parents');"
                "DELETE FROM schema_modules WHERE module IN ('classroom', 'checkup')");
  sqlite3_close (db);

  for (guint start = 0; start < 2; start++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (NkStore) store = nk_store_open (f->path, &error);

      g_assert_no_error (error);
      g_assert_cmpint (nk_store_get_schema_version (store), ==, known_total ());
      g_assert_cmpint (nk_test_count (store, "SELECT version FROM schema_modules WHERE module = 'classroom'"),
                       ==, nk_classroom_migrations.n_steps);
      g_assert_cmpint (nk_test_count (store, "SELECT version FROM schema_modules WHERE module = 'checkup'"),
                       ==, nk_checkup_migrations.n_steps);
      g_assert_cmpint (nk_test_count (store, "SELECT count(*) FROM classroom_sessions"), ==, 1);
    }

  db = raw_open (f->path);
  raw_exec (db, "DELETE FROM schema_modules WHERE module = 'checkup';"
                "UPDATE schema_modules SET version = 0 WHERE module = 'store'");
  sqlite3_close (db);
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (NkStore) store = nk_store_open (f->path, &error);

    g_assert_error (error, NK_STORE_ERROR, NK_STORE_ERROR_CORRUPT);
    g_assert_null (store);
  }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn) g_test_add ("/nk/migrations/" path, Fixture, NULL, setup, fn, teardown)
  ADD ("schema-1-upgrade", test_schema_1_upgrade);
  ADD ("schema-1-records-after", test_schema_1_records_after);
  ADD ("module-too-new", test_module_too_new);
  ADD ("failed-step-keeps-previous-version", test_failed_step_keeps_previous_version);
  ADD ("module-added-later", test_module_added_later);
  ADD ("module-unrecorded", test_module_unrecorded);
#undef ADD
  return g_test_run ();
}
