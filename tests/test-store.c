/* test-store.c — opening, migrations, durability settings, failures. */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "core/nk-store-private.h"
#include "nk-test-util.h"

static char *
tmp_dir (void)
{
  return g_dir_make_tmp ("nk-store-XXXXXX", NULL);
}

static char *
pragma_text (NkStore *store, const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (nk_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

static void
test_open_creates (void)
{
  g_autofree char *dir = tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "sub", "kiosk.db", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (NkStore) store = nk_store_open (path, &error);
  g_autofree char *mode = NULL;
  g_autofree char *sync = NULL;

  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpint (nk_store_get_schema_version (store), >=, 8);
  mode = pragma_text (store, "PRAGMA journal_mode");
  sync = pragma_text (store, "PRAGMA synchronous");
  g_assert_cmpstr (mode, ==, "wal");
  g_assert_cmpstr (sync, ==, "2"); /* FULL */
  g_assert_true (g_uuid_string_is_valid (nk_store_get_device_id (store)));
  g_assert_cmpint (nk_store_count_pending (store, NULL), ==, 0);
}

static void
test_reopen_keeps_device_id (void)
{
  g_autofree char *dir = tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "kiosk.db", NULL);
  g_autofree char *first = NULL;

  {
    g_autoptr (NkStore) store = nk_store_open (path, NULL);
    first = g_strdup (nk_store_get_device_id (store));
    g_assert_true (nk_store_set_meta (store, "centre_name", "阳光", NULL));
  }
  {
    g_autoptr (NkStore) store = nk_store_open (path, NULL);
    g_autofree char *name = nk_store_get_meta (store, "centre_name");
    g_autofree char *missing = nk_store_get_meta (store, "nothing");

    g_assert_cmpstr (nk_store_get_device_id (store), ==, first);
    g_assert_cmpstr (name, ==, "阳光");
    g_assert_null (missing);
  }
}

static void
test_too_new (void)
{
  g_autofree char *dir = tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "kiosk.db", NULL);
  g_autoptr (GError) error = NULL;

  {
    g_autoptr (NkStore) store = nk_store_open (path, NULL);
    g_assert_true (nk_store_exec (store, "PRAGMA user_version = 99", NULL));
  }
  g_assert_null (nk_store_open (path, &error));
  g_assert_error (error, NK_STORE_ERROR, NK_STORE_ERROR_TOO_NEW);
}

static void
test_corrupt (void)
{
  g_autofree char *dir = tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "kiosk.db", NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *junk = g_strnfill (8192, 'x');

  g_assert_true (g_file_set_contents (path, junk, -1, NULL));
  g_assert_null (nk_store_open (path, &error));
  g_assert_error (error, NK_STORE_ERROR, NK_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, path));
}

static void
test_unwritable_dir (void)
{
  g_autofree char *dir = tmp_dir ();
  g_autofree char *file = g_build_filename (dir, "a-file", NULL);
  g_autofree char *path = g_build_filename (file, "data", "kiosk.db", NULL);
  g_autoptr (GError) error = NULL;

  /* A data directory that cannot be made, even as root: under a file. */
  g_assert_true (g_file_set_contents (file, "", -1, NULL));
  g_assert_null (nk_store_open (path, &error));
  g_assert_error (error, NK_STORE_ERROR, NK_STORE_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, "data"));
}

static void
test_disk_full (void)
{
  g_autofree char *dir = tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "kiosk.db", NULL);
  g_autoptr (NkStore) store = nk_store_open (path, NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *big = g_strnfill (100000, 'y');
  g_autofree char *pages = pragma_text (store, "PRAGMA page_count");
  g_autofree char *limit = g_strdup_printf ("PRAGMA max_page_count = %s", pages);

  /* The database may not grow: writes fail as on a full disk. */
  g_assert_true (nk_store_exec (store, limit, NULL));
  g_assert_false (nk_store_set_meta (store, "big", big, &error));
  g_assert_error (error, NK_STORE_ERROR, NK_STORE_ERROR_DISK_FULL);
  g_assert_nonnull (strstr (error->message, "full"));
}

static void
test_transactions (void)
{
  g_autofree char *dir = tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "kiosk.db", NULL);
  g_autoptr (NkStore) store = nk_store_open (path, NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *value = NULL;

  g_assert_true (nk_store_begin (store, NULL));
  g_assert_true (nk_store_set_meta (store, "k", "rolled back", NULL));
  nk_store_rollback (store);
  g_assert_null (nk_store_get_meta (store, "k"));

  g_assert_true (nk_store_begin (store, NULL));
  g_assert_true (nk_store_set_meta (store, "k", "kept", NULL));
  g_assert_true (nk_store_commit (store, NULL));
  value = nk_store_get_meta (store, "k");
  g_assert_cmpstr (value, ==, "kept");
  g_assert_cmpint (nk_store_count_pending (store, NULL), ==, 0);

  /* a constraint broken is refused as invalid input */
  g_assert_false (nk_store_run (store, "INSERT INTO meta (key, value) VALUES (:key, NULL)",
                                "test", &error, NK_TEXT (":key", "n"), NK_END));
  g_assert_error (error, NK_STORE_ERROR, NK_STORE_ERROR_INVALID);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/nk/store/open-creates", test_open_creates);
  g_test_add_func ("/nk/store/reopen-keeps-device-id", test_reopen_keeps_device_id);
  g_test_add_func ("/nk/store/too-new", test_too_new);
  g_test_add_func ("/nk/store/corrupt", test_corrupt);
  g_test_add_func ("/nk/store/unwritable-dir", test_unwritable_dir);
  g_test_add_func ("/nk/store/disk-full", test_disk_full);
  g_test_add_func ("/nk/store/transactions", test_transactions);
  return g_test_run ();
}
