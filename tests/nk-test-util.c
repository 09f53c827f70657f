/* nk-test-util.c — shared by the core tests (nk-test-util.h). */
#include "config.h"

#include <glib/gstdio.h>

#include "nk-test-util.h"
#include "core/nk-demo.h"
#include "core/nk-relay.h"
#include "core/nk-roster.h"

NkStore *
nk_test_store_new (const char *name, char **dir_out)
{
  g_autofree char *template = g_strdup_printf ("nk-%s-XXXXXX", name);
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  NkStore *store;

  *dir_out = g_dir_make_tmp (template, &error);
  g_assert_no_error (error);
  path = g_build_filename (*dir_out, "kiosk.db", NULL);
  store = nk_store_open (path, &error);
  g_assert_no_error (error);
  return store;
}

void
nk_test_dir_remove (const char *dir)
{
  g_autoptr (GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        nk_test_dir_remove (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

static sqlite3_stmt *
one_row (NkStore *store, const char *sql)
{
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (nk_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return stmt;
}

gint64
nk_test_count (NkStore *store, const char *sql)
{
  sqlite3_stmt *stmt = one_row (store, sql);
  gint64 n = sqlite3_column_int64 (stmt, 0);

  sqlite3_finalize (stmt);
  return n;
}

char *
nk_test_text (NkStore *store, const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (nk_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return text;
}

void
nk_test_assert_text (NkStore *store, const char *sql, const char *expected)
{
  g_autofree char *text = nk_test_text (store, sql);

  g_assert_cmpstr (text, ==, expected);
}

static gint64
test_real (gpointer data)
{
  return ((NkTestClock *) data)->real_us;
}

static gint64
test_mono (gpointer data)
{
  return ((NkTestClock *) data)->mono_us;
}

NkClock
nk_test_clock (NkTestClock *clock)
{
  NkClock c = { test_real, test_mono, clock };
  return c;
}

void
nk_test_clock_advance (NkTestClock *clock, gint64 us)
{
  clock->real_us += us;
  clock->mono_us += us;
}

NkDoor *
nk_test_door_new (NkStore *store, GTimeZone *tz, const NkClock *clock)
{
  g_autoptr (NkCentre) centre = nk_centre_new (tz);

  if (clock != NULL)
    nk_centre_set_clock (centre, clock);
  return nk_door_new (store, centre);
}

gboolean
nk_test_outbox_add (NkStore *store, const char *event_id, const char *type, gint64 at_us,
                    const char *payload_json, GError **error)
{
  return nk_store_run (store,
                       "INSERT INTO outbox (event_id, type, at_us, payload, created_us) "
                       "VALUES (:id, :type, :at_us, :payload, :at_us)",
                       "Cannot queue the record for the platform", error, NK_TEXT (":id", event_id),
                       NK_TEXT (":type", type), NK_INT (":at_us", at_us),
                       NK_TEXT (":payload", payload_json), NK_END);
}

static gboolean
wake_up (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

gboolean
nk_test_wait_until (NkTestCond cond, gpointer a, gconstpointer b)
{
  gint64 end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  guint wake = g_timeout_add (20, wake_up, NULL);
  gboolean ok = TRUE;

  while (!cond (a, b))
    {
      if (g_get_monotonic_time () > end)
        {
          ok = FALSE;
          break;
        }
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (wake);
  return ok;
}

NkDoor *
nk_test_door_at (NkStore *store, NkTestClock *clock, gint64 real_us)
{
  g_autoptr (GTimeZone) tz = g_time_zone_new_identifier ("Asia/Shanghai");
  NkClock reading = nk_test_clock (clock);

  clock->real_us = real_us;
  clock->mono_us = 1000 * G_USEC_PER_SEC;
  return nk_test_door_new (store, tz, &reading);
}

NkDoor *
nk_test_demo_door (const char *name, NkTestClock *clock, NkStore **store_out, char **dir_out)
{
  g_autoptr (GError) error = NULL;

  *store_out = nk_test_store_new (name, dir_out);
  g_assert_true (nk_demo_seed (*store_out, &error));
  g_assert_no_error (error);
  return nk_test_door_at (*store_out, clock, NK_TEST_MONDAY_8AM_US);
}

void
nk_test_door_close (NkDoor **door, NkStore **store, char **dir)
{
  g_clear_object (door);
  g_clear_object (store);
  if (*dir != NULL)
    nk_test_dir_remove (*dir);
  g_clear_pointer (dir, g_free);
}

NkTapResult *
nk_test_tap (NkDoor *door, const char *uid)
{
  g_autoptr (GError) error = NULL;
  NkTapResult *result = nk_door_tap (door, uid, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  return result;
}

void
nk_test_put_toddlers (NkStore *store)
{
  GError *error = NULL;

  g_assert_true (nk_roster_put_room (store, "r1", "Toddlers", NK_ROOM_TODDLER, 15, &error));
  g_assert_true (nk_roster_put_child (store, "c1", "An", "2025-05-23", "r1", NULL, NULL, &error));
  g_assert_true (nk_roster_put_child (store, "c2", "Bo", "2024-12-01", "r1", NULL, NULL, &error));
  g_assert_no_error (error);
}

void
nk_test_put_child_cards (NkStore *store, guint n)
{
  g_autoptr (GError) error = NULL;

  for (guint i = 1; i <= n; i++)
    {
      g_autofree char *uid = g_strdup_printf ("%08u", 4000000 + i);
      g_autofree char *child = g_strdup_printf ("c%u", i);

      g_assert_true (nk_roster_put_card (store, uid, NK_HOLDER_CHILD, child, &error));
      g_assert_no_error (error);
    }
}

gboolean
nk_test_relay_apply (NkStore *to, const char *json, GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (NkRelayEvent) event = NULL;
  NkRelayOutcome outcome;

  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  event = nk_relay_event_parse (json_parser_get_root (parser), nk_store_get_device_id (to), NULL, error);
  if (event == NULL)
    return FALSE;
  g_assert_true (nk_store_begin (to, NULL));
  if (!nk_relay_event_apply (event, to, &outcome, error))
    {
      nk_store_rollback (to);
      return FALSE;
    }
  return nk_store_commit (to, error);
}

guint
nk_test_relay (NkStore *from, NkStore *to, const char *type)
{
  sqlite3_stmt *stmt = NULL;
  guint n = 0;

  g_assert_cmpint (sqlite3_prepare_v2 (nk_store_get_db (from),
                                       "SELECT event_id, type, at_us, payload FROM outbox "
                                       "WHERE state = 'pending' AND type = ?1 ORDER BY seq", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, type, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *at = nk_format_utc_iso (sqlite3_column_int64 (stmt, 2));
      g_autofree char *json = g_strdup_printf ("{\"id\": \"%s\", \"type\": \"%s\", \"at\": \"%s\", "
                                               "\"device_id\": \"%s\", \"payload\": %s}",
                                               sqlite3_column_text (stmt, 0), sqlite3_column_text (stmt, 1), at,
                                               nk_store_get_device_id (from), sqlite3_column_text (stmt, 3));

      g_assert_true (nk_test_relay_apply (to, json, &error));
      g_assert_no_error (error);
      n++;
    }
  sqlite3_finalize (stmt);
  return n;
}
