/* test-admin.c — the admin tool's card and status operations. */
#include "config.h"

#include "nk-test-util.h"

#include <glib/gstdio.h>
#include <string.h>

#include "core/nk-admin.h"
#include "core/nk-roster.h"
#include "core/nk-store-private.h"

typedef struct {
  char    *dir;
  NkStore *store;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->store = nk_test_store_new ("admin", &f->dir);

  g_assert_true (nk_roster_put_room (f->store, "R1", "托小班", NK_ROOM_TODDLER, 15, &error));
  g_assert_true (nk_roster_put_child (f->store, "C1", "王小明", "2023-03-14", "R1", NULL, NULL, &error));
  g_assert_true (nk_roster_put_guardian (f->store, "G1", "李娜", "13800138000", "妈妈", &error));
  g_assert_true (nk_roster_link (f->store, "C1", "G1", TRUE, &error));
  g_assert_true (nk_roster_put_staff (f->store, "S1", "张老师", NK_STAFF_CAREGIVER, NULL, "R1", &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  nk_test_dir_remove (f->dir);
  g_free (f->dir);
}

static char *
card_row (NkStore *store, const char *uid)
{
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (nk_store_get_db (store),
                   "SELECT holder_kind || ':' || holder_id || ':' || status FROM cards WHERE uid = ?1",
                   -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, uid, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

static void
test_add_card (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *previous = NULL;
  g_autofree char *row = NULL;

  g_assert_true (nk_admin_add_card (f->store, "04A1B2C3", NK_HOLDER_CHILD, "C1", &previous, &error));
  g_assert_no_error (error);
  g_assert_null (previous);
  row = card_row (f->store, "04A1B2C3");
  g_assert_cmpstr (row, ==, "child:C1:active");
  g_clear_pointer (&row, g_free);

  /* Moving it says where it was. */
  g_assert_true (nk_admin_add_card (f->store, "04A1B2C3", NK_HOLDER_GUARDIAN, "G1", &previous, &error));
  g_assert_nonnull (previous);
  g_assert_nonnull (strstr (previous, "C1"));
  row = card_row (f->store, "04A1B2C3");
  g_assert_cmpstr (row, ==, "guardian:G1:active");
}

static void
test_add_card_unknown_holder (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *row = NULL;

  g_assert_false (nk_admin_add_card (f->store, "04A1B2C3", NK_HOLDER_STAFF, "NOBODY", NULL, &error));
  g_assert_error (error, NK_STORE_ERROR, NK_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_false (nk_admin_add_card (f->store, "04a1b2c3", NK_HOLDER_CHILD, "C1", NULL, &error));
  g_assert_error (error, NK_STORE_ERROR, NK_STORE_ERROR_INVALID);

  row = card_row (f->store, "04A1B2C3");
  g_assert_null (row);
}

static void
test_report_lost (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *row = NULL;
  g_autofree char *previous = NULL;

  g_assert_true (nk_admin_add_card (f->store, "04C0FFEE", NK_HOLDER_STAFF, "S1", NULL, &error));
  g_assert_true (nk_admin_report_lost (f->store, "04C0FFEE", &error));
  g_assert_no_error (error);
  row = card_row (f->store, "04C0FFEE");
  g_assert_cmpstr (row, ==, "staff:S1:lost");
  g_clear_pointer (&row, g_free);

  /* Unknown card. */
  g_assert_false (nk_admin_report_lost (f->store, "04999999", &error));
  g_assert_error (error, NK_STORE_ERROR, NK_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Found again: add-card makes it active. */
  g_assert_true (nk_admin_add_card (f->store, "04C0FFEE", NK_HOLDER_STAFF, "S1", &previous, &error));
  g_assert_nonnull (strstr (previous, "S1"));
  row = card_row (f->store, "04C0FFEE");
  g_assert_cmpstr (row, ==, "staff:S1:active");
}

static void
test_status (Fixture *f, gconstpointer data)
{
  NkAdminStatus status = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (nk_admin_add_card (f->store, "04A1B2C3", NK_HOLDER_CHILD, "C1", NULL, &error));
  g_assert_true (nk_admin_add_card (f->store, "04D5E6F7", NK_HOLDER_GUARDIAN, "G1", NULL, &error));
  g_assert_true (nk_admin_report_lost (f->store, "04D5E6F7", &error));
  g_assert_true (nk_roster_put_child (f->store, "C2", "王小红", "2023-01-01", "R1", NULL, NULL, &error));
  g_assert_true (nk_roster_set_child_active (f->store, "C2", FALSE, &error));
  g_assert_true (nk_store_run (f->store,
                               "INSERT INTO outbox (event_id, type, at_us, payload, created_us) "
                               "VALUES ('E1', 'attendance', :at_us, '{}', :at_us)",
                               "test", &error, NK_INT (":at_us", 1700000000000000), NK_END));
  g_assert_no_error (error);

  g_assert_true (nk_admin_get_status (f->store, &status, &error));
  g_assert_no_error (error);
  g_assert_cmpint (status.rooms, ==, 1);
  g_assert_cmpint (status.children, ==, 1);
  g_assert_cmpint (status.children_left, ==, 1);
  g_assert_cmpint (status.guardians, ==, 1);
  g_assert_cmpint (status.staff, ==, 1);
  g_assert_cmpint (status.cards_active, ==, 1);
  g_assert_cmpint (status.cards_lost, ==, 1);
  g_assert_cmpint (status.attendance_events, ==, 0);
  g_assert_cmpint (status.last_event_us, ==, 0);
  g_assert_cmpint (status.pending_outbox, ==, 1);
  g_assert_cmpint (status.oldest_pending_us, ==, 1700000000000000);
}

static void
test_audit (Fixture *f, gconstpointer data)
{
  sqlite3_stmt *stmt = NULL;

  g_assert_true (nk_admin_add_card (f->store, "04A1B2C3", NK_HOLDER_CHILD, "C1", NULL, NULL));
  g_assert_true (nk_admin_report_lost (f->store, "04A1B2C3", NULL));

  g_assert_cmpint (sqlite3_prepare_v2 (nk_store_get_db (f->store),
                   "SELECT group_concat(kind || '/' || uid, ' ') FROM (SELECT * FROM audit ORDER BY id)",
                   -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==,
                   "card-added/04A1B2C3 card-lost/04A1B2C3");
  sqlite3_finalize (stmt);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/nk/admin/add-card", test_add_card);
  ADD ("/nk/admin/add-card-unknown-holder", test_add_card_unknown_holder);
  ADD ("/nk/admin/report-lost", test_report_lost);
  ADD ("/nk/admin/status", test_status);
  ADD ("/nk/admin/audit", test_audit);

  return g_test_run ();
}
