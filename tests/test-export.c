/* test-export.c — attendance as CSV: format, local times, statuses,
 * ranges, and rows made by the real door rules. */
#include "config.h"

#include "nk-test-util.h"

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "core/nk-door.h"
#include "core/nk-export.h"
#include "core/nk-roster.h"
#include "core/nk-store-private.h"

typedef struct {
  char      *dir;
  NkStore   *store;
  GTimeZone *tz;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->store = nk_test_store_new ("export", &f->dir);
  f->tz = g_time_zone_new_identifier ("Asia/Shanghai");
  g_assert_nonnull (f->tz);

  g_assert_true (nk_roster_put_room (f->store, "R1", "托小班", NK_ROOM_TODDLER, 15, &error));
  g_assert_true (nk_roster_put_room (f->store, "R2", "托大班", NK_ROOM_SENIOR_TODDLER, 20, &error));
  g_assert_true (nk_roster_put_child (f->store, "C1", "王小明", "2023-03-14", "R1", NULL, NULL, &error));
  g_assert_true (nk_roster_put_child (f->store, "C2", "Chen, Lily", "2023-05-01", "R1", NULL, NULL, &error));
  g_assert_true (nk_roster_put_child (f->store, "C3", "=HYPERLINK(\"x\")", "2022-08-02", "R2", NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  g_clear_pointer (&f->tz, g_time_zone_unref);
  nk_test_dir_remove (f->dir);
  g_free (f->dir);
}

static gint64
local_us (Fixture *f, int year, int month, int day, int hour, int minute)
{
  g_autoptr(GDateTime) dt = g_date_time_new (f->tz, year, month, day, hour, minute, 0);
  return g_date_time_to_unix (dt) * G_USEC_PER_SEC;
}

static void
add_event (Fixture *f, const char *child, const char *kind, const char *date, int hour, int minute)
{
  int year, month, day;
  g_autofree char *id = nk_uuid_new ();
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sscanf (date, "%d-%d-%d", &year, &month, &day), ==, 3);
  g_assert_cmpint (sqlite3_prepare_v2 (nk_store_get_db (f->store),
      "INSERT INTO attendance (id, child_id, kind, at_us, local_date, by_kind, device_id, method) "
      "VALUES (?1, ?2, ?3, ?4, ?5, 'child', 'test-device', 'card')", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, child, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, local_us (f, year, month, day, hour, minute));
  sqlite3_bind_text (stmt, 5, date, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
}

static char *
export (Fixture *f, const char *from, const char *to, const char *today, guint *rows)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (nk_export_attendance (f->store, f->tz, from, to, today, out, rows, &error));
  g_assert_no_error (error);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

#define BOM "\xEF\xBB\xBF"
#define HEADER "child_id,child_name,room,date,check_in,check_out,status\r\n"

static void
test_format (Fixture *f, gconstpointer data)
{
  g_autofree char *csv = NULL;
  guint rows = 0;

  /* Two days in March; a day outside the range on each side. */
  add_event (f, "C1", "in", "2025-02-28", 8, 0);
  add_event (f, "C1", "out", "2025-02-28", 17, 0);

  /* Rows sort by date, room name (托大班 before 托小班 in code point order),
   * child name.  3 March: C1 in twice (first counts), out twice (last counts). */
  add_event (f, "C1", "in", "2025-03-03", 8, 5);
  add_event (f, "C1", "out", "2025-03-03", 11, 0);
  add_event (f, "C1", "in", "2025-03-03", 13, 30);
  add_event (f, "C1", "out", "2025-03-03", 17, 45);
  /* C2 checked in, never out; closed as not checked out the day after. */
  add_event (f, "C2", "in", "2025-03-03", 7, 59);
  add_event (f, "C2", "not_out", "2025-03-03", 6, 0);
  /* C3: a check-out with no check-in. */
  add_event (f, "C3", "out", "2025-03-03", 16, 0);

  /* 4 March is "today": C1 still in care. */
  add_event (f, "C1", "in", "2025-03-04", 0, 30);

  add_event (f, "C1", "in", "2025-03-05", 8, 0);

  csv = export (f, "2025-03-01", "2025-03-04", "2025-03-04", &rows);
  g_assert_cmpuint (rows, ==, 4);
  g_assert_cmpstr (csv, ==,
                   BOM HEADER
                   "C3,\"'=HYPERLINK(\"\"x\"\")\",托大班,2025-03-03,,16:00,no_check_in\r\n"
                   "C2,\"Chen, Lily\",托小班,2025-03-03,07:59,,not_checked_out\r\n"
                   "C1,王小明,托小班,2025-03-03,08:05,17:45,present\r\n"
                   "C1,王小明,托小班,2025-03-04,00:30,,in_care\r\n");
}

static void
test_single_day (Fixture *f, gconstpointer data)
{
  g_autofree char *csv = NULL;
  guint rows = 0;

  add_event (f, "C1", "in", "2025-03-03", 8, 5);
  add_event (f, "C1", "out", "2025-03-03", 17, 45);
  add_event (f, "C2", "in", "2025-03-04", 8, 5);

  csv = export (f, "2025-03-03", "2025-03-03", "2025-03-10", &rows);
  g_assert_cmpuint (rows, ==, 1);
  g_assert_cmpstr (csv, ==, BOM HEADER "C1,王小明,托小班,2025-03-03,08:05,17:45,present\r\n");
}

static void
test_empty (Fixture *f, gconstpointer data)
{
  g_autofree char *csv = NULL;
  guint rows = 99;

  csv = export (f, "2025-01-01", "2025-12-31", "2025-06-01", &rows);
  g_assert_cmpuint (rows, ==, 0);
  g_assert_cmpstr (csv, ==, BOM HEADER);
}

static void
test_time_zone (Fixture *f, gconstpointer data)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GString) out = g_string_new (NULL);

  /* 08:05 in Shanghai is 00:05 UTC. */
  add_event (f, "C1", "in", "2025-03-03", 8, 5);
  g_assert_true (nk_export_attendance (f->store, utc, "2025-03-03", "2025-03-03", "2025-03-03",
                                       out, NULL, NULL));
  g_assert_nonnull (strstr (out->str, ",00:05,,in_care\r\n"));
}

static void
test_bad_range (Fixture *f, gconstpointer data)
{
  const char *bad[][2] = {
    { "2025-3-1", "2025-03-31" }, { "2025-03-01", "2025-02-30" }, { "", "2025-03-01" },
    { "2025-03-31", "2025-03-01" }, { "20250301", "20250331" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GString) out = g_string_new (NULL);
      g_autoptr(GError) error = NULL;

      g_assert_false (nk_export_attendance (f->store, f->tz, bad[i][0], bad[i][1], NULL,
                                            out, NULL, &error));
      g_assert_error (error, NK_STORE_ERROR, NK_STORE_ERROR_INVALID);
      g_assert_cmpuint (out->len, ==, 0);
    }
}

static void
test_valid_date (void)
{
  g_assert_true (nk_export_valid_date ("2024-02-29"));
  g_assert_true (nk_export_valid_date ("2025-12-31"));
  g_assert_false (nk_export_valid_date ("2025-02-29"));
  g_assert_false (nk_export_valid_date ("2025-00-10"));
  g_assert_false (nk_export_valid_date ("2025-1-10"));
  g_assert_false (nk_export_valid_date ("2025/01/10"));
  g_assert_false (nk_export_valid_date ("2025-01-1x"));
  g_assert_false (nk_export_valid_date (NULL));
}

/* A clock the test moves by hand. */
static void
test_through_taps (Fixture *f, gconstpointer data)
{
  g_autoptr(NkDoor) attendance = nk_test_door_new (f->store, f->tz, NULL);
  NkTestClock now = { local_us (f, 2025, 3, 3, 8, 5), 1000000 };
  NkClock clock = nk_test_clock (&now);
  g_autofree char *csv = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (nk_roster_put_card (f->store, "04A1B2C3", NK_HOLDER_CHILD, "C1", &error));
  nk_centre_set_clock (nk_door_get_centre (attendance), &clock);

  {
    g_autoptr(NkTapResult) in = nk_door_tap (attendance, "04A1B2C3", &error);
    g_assert_no_error (error);
    g_assert_cmpint (in->outcome, ==, NK_TAP_CHECKED_IN);
  }

  now.real_us = local_us (f, 2025, 3, 3, 17, 30);
  now.mono_us += (gint64) (9 * 3600 + 25 * 60) * G_USEC_PER_SEC;
  {
    g_autoptr(NkTapResult) out = nk_door_tap (attendance, "04A1B2C3", &error);
    g_assert_no_error (error);
    g_assert_cmpint (out->outcome, ==, NK_TAP_CHECKED_OUT);
  }

  csv = export (f, "2025-03-01", "2025-03-31", "2025-03-03", NULL);
  g_assert_cmpstr (csv, ==, BOM HEADER "C1,王小明,托小班,2025-03-03,08:05,17:30,present\r\n");

  /* The child moves up a room: March still says the room of March. */
  g_clear_pointer (&csv, g_free);
  g_assert_true (nk_roster_put_child (f->store, "C1", "王小明", "2023-03-14", "R2", NULL, NULL, &error));
  csv = export (f, "2025-03-01", "2025-03-31", "2025-03-03", NULL);
  g_assert_cmpstr (csv, ==, BOM HEADER "C1,王小明,托小班,2025-03-03,08:05,17:30,present\r\n");
}

/* The folders a PDF can go to: the exports folder (made, owner only),
 * then the folders in media and two levels down in run media that can be written, by name; a
 * plain file, a folder that cannot be written and a missing root are
 * not listed. */
static void
test_folders (void)
{
  g_autofree char *dir = g_dir_make_tmp ("nk-folders-XXXXXX", NULL);
  g_autofree char *exports = g_build_filename (dir, "data", "exports", NULL);
  g_autofree char *media = g_build_filename (dir, "media", NULL);
  g_autofree char *run_media = g_build_filename (dir, "run-media", NULL);
  const char *made[] = { "media/usb1", "media/usb0", "media/locked", "run-media/kiosk/STICK" };
  g_autofree char *file = g_build_filename (media, "a-file", NULL);
  g_autofree char *locked = g_build_filename (media, "locked", NULL);
  g_autoptr (GPtrArray) folders = NULL;
  g_autoptr (GPtrArray) none = NULL;
  GStatBuf st;

  for (guint i = 0; i < G_N_ELEMENTS (made); i++)
    {
      g_autofree char *path = g_build_filename (dir, made[i], NULL);

      g_assert_cmpint (g_mkdir_with_parents (path, 0700), ==, 0);
    }
  g_assert_true (g_file_set_contents (file, "", 0, NULL));
  g_assert_cmpint (g_chmod (locked, 0500), ==, 0);

  folders = nk_export_folders (exports, media, run_media);
  g_assert_cmpuint (folders->len, ==, getuid () == 0 ? 5 : 4);   /* root writes anywhere */
  g_assert_cmpstr (folders->pdata[0], ==, exports);
  g_assert_cmpint (g_stat (exports, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_true (g_str_has_suffix (folders->pdata[folders->len - 3], "media/usb0"));
  g_assert_true (g_str_has_suffix (folders->pdata[folders->len - 2], "media/usb1"));
  g_assert_true (g_str_has_suffix (folders->pdata[folders->len - 1], "run-media/kiosk/STICK"));

  none = nk_export_folders (exports, "/nonexistent-media", NULL);
  g_assert_cmpuint (none->len, ==, 1);
  g_assert_cmpint (g_chmod (locked, 0700), ==, 0);
  nk_test_dir_remove (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/nk/export/format", test_format);
  ADD ("/nk/export/single-day", test_single_day);
  ADD ("/nk/export/empty", test_empty);
  ADD ("/nk/export/time-zone", test_time_zone);
  ADD ("/nk/export/bad-range", test_bad_range);
  ADD ("/nk/export/through-taps", test_through_taps);
  g_test_add_func ("/nk/export/valid-date", test_valid_date);
  g_test_add_func ("/nk/export/folders", test_folders);

  return g_test_run ();
}
