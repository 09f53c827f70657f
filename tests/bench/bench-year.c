/* bench-year.c — the database after a year of a 150-place centre.
 *
 * Every weekday through the real door (nk_door_tap on a clock the bench
 * moves): the caregivers clock in, each child is checked in around 08:00
 * and out around 17:00, a few stray cards are tapped (audit rows), and
 * the caregivers clock out.  The outbox rows are marked sent after each
 * half-day, 100 per transaction as the sync worker does; every night the
 * kiosk's pruning runs (nk_prune) with the default retention.  Prints
 *   db_size_mb_after_year=… wal_mb=… free_mb=… outbox_mb=… audit_mb=… attendance_mb=…
 *     db_size_mb_at_half_year=… outbox_mb_at_half_year=… outbox_rows=… audit_rows=… records=…
 * (database file and WAL together; the parts from SQLite's dbstat).
 * Commits use synchronous=NORMAL here for speed; the file is the same.
 * Usage: bench-year [CHILDREN [KEEP_SENT_DAYS [DAYS]]]; KEEP_SENT_DAYS 0
 * never prunes (for comparison). */
#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>

#include "core/nk-config.h"
#include "core/nk-demo.h"
#include "core/nk-door.h"
#include "core/nk-prune.h"
#include "core/nk-staff-clock.h"
#include "core/nk-store-private.h"
#include "nk-test-util.h"

#define HOUR_US (G_GINT64_CONSTANT (3600) * G_USEC_PER_SEC)
#define DAY_US (24 * HOUR_US)
#define STRAY_CARDS_PER_DAY 3

typedef struct {
  NkStore    *store;
  NkDoor     *door;
  NkTestClock clock;
  GPtrArray  *child_cards;
  GPtrArray  *staff_cards;
  GPtrArray  *staff_ids;
  guint       records;
  guint       unexpected;
} Year;

static void
column_strings (NkStore *store, const char *sql, GPtrArray *out, guint column)
{
  sqlite3_stmt *stmt = nk_store_prepare (store, sql, NULL);

  while (stmt && sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (out, g_strdup ((const char *) sqlite3_column_text (stmt, column)));
  if (stmt)
    sqlite3_reset (stmt);
}

static void
tap (Year *y, const char *uid, NkTapOutcome want)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (NkTapResult) result = nk_door_tap (y->door, uid, &error);

  if (result == NULL || result->outcome != want)
    y->unexpected++;
  else if (want != NK_TAP_UNKNOWN_CARD)
    y->records++;
  nk_test_clock_advance (&y->clock, 15 * G_USEC_PER_SEC);
}

/* What the sync worker does once the platform answered. */
static void
mark_sent (Year *y)
{
  g_autoptr (GError) error = NULL;

  do
    {
      if (!nk_store_begin (y->store, &error)
          || !nk_store_run (y->store,
                            "UPDATE outbox SET state = 'sent', sent_us = :now WHERE seq IN "
                            "(SELECT seq FROM outbox WHERE state = 'pending' ORDER BY seq LIMIT 100)",
                            "bench", &error, NK_INT (":now", y->clock.real_us), NK_END)
          || !nk_store_commit (y->store, &error))
        g_error ("%s", error->message);
    }
  while (sqlite3_changes (nk_store_get_db (y->store)) > 0);
}

/* Both clocks move together: the centre would take anything else for a
 * clock that jumped. */
static void
move_to (Year *y, gint64 real_us)
{
  nk_test_clock_advance (&y->clock, real_us - y->clock.real_us);
}

static void
weekday (Year *y, gint64 midnight_us, guint day)
{
  move_to (y, midnight_us + 7 * HOUR_US);
  for (guint i = 0; i < y->staff_cards->len; i++)
    tap (y, y->staff_cards->pdata[i], NK_TAP_STAFF_CLOCKED_IN);
  move_to (y, midnight_us + 8 * HOUR_US);
  for (guint i = 0; i < y->child_cards->len; i++)
    tap (y, y->child_cards->pdata[i], NK_TAP_CHECKED_IN);
  for (guint i = 0; i < STRAY_CARDS_PER_DAY; i++)
    {
      g_autofree char *stray = g_strdup_printf ("04FE%02X%02X", day % 256, i);
      tap (y, stray, NK_TAP_UNKNOWN_CARD);
    }
  mark_sent (y);

  move_to (y, midnight_us + 17 * HOUR_US);
  for (guint i = 0; i < y->child_cards->len; i++)
    tap (y, y->child_cards->pdata[i], NK_TAP_CHECKED_OUT);
  for (guint i = 0; i < y->staff_ids->len; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (NkTapResult) result = nk_staff_clock_out (nk_door_get_staff_clock (y->door),
                                                           y->staff_ids->pdata[i], &error);
      if (result == NULL || result->outcome != NK_TAP_STAFF_CLOCKED_OUT)
        y->unexpected++;
      else
        y->records++;
    }
  mark_sent (y);
}

static double
file_mb (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? st.st_size / (1024.0 * 1024.0) : 0;
}

static double
db_mb (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);

  return file_mb (path) + file_mb (wal);
}

/* The pages of a table and its indexes, from dbstat. */
static double
table_mb (NkStore *store, const char *table)
{
  g_autofree char *sql = g_strdup_printf (
    "SELECT coalesce(sum(pgsize), 0) FROM dbstat WHERE name = '%s' "
    "OR name IN (SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = '%s')",
    table, table);

  return nk_test_count (store, sql) / (1024.0 * 1024.0);
}

int
main (int argc, char **argv)
{
  guint children = argc > 1 ? (guint) atoi (argv[1]) : 150;
  g_autoptr (NkConfig) config = nk_config_new ();
  guint keep_sent = argc > 2 ? (guint) atoi (argv[2]) : config->keep_sent_days;
  guint days = argc > 3 ? (guint) atoi (argv[3]) : 365;
  g_autoptr (GError) error = NULL;
  g_autoptr (GTimeZone) tz = g_time_zone_new_identifier ("Asia/Shanghai");
  g_autoptr (GDateTime) now = g_date_time_new_now (tz);
  g_autoptr (GDateTime) first = g_date_time_new (tz, g_date_time_get_year (now),
                                                 g_date_time_get_month (now),
                                                 g_date_time_get_day_of_month (now), 0, 0, 0);
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *wal = NULL;
  double half_db = 0, half_outbox = 0;
  Year y = { 0 };

  y.store = nk_test_store_new ("bench-year", &dir);
  path = g_strdup (nk_store_get_path (y.store));
  wal = g_strconcat (path, "-wal", NULL);
  if (!nk_demo_seed_large (y.store, children, &error)
      || !nk_store_exec (y.store, "PRAGMA synchronous = NORMAL", &error))
    g_error ("%s", error->message);
  y.child_cards = g_ptr_array_new_with_free_func (g_free);
  y.staff_cards = g_ptr_array_new_with_free_func (g_free);
  y.staff_ids = g_ptr_array_new_with_free_func (g_free);
  column_strings (y.store, "SELECT uid FROM cards WHERE holder_kind = 'child' AND status = 'active' "
                           "ORDER BY uid", y.child_cards, 0);
  column_strings (y.store, "SELECT uid, holder_id FROM cards WHERE holder_kind = 'staff' "
                           "AND status = 'active' ORDER BY uid", y.staff_cards, 0);
  column_strings (y.store, "SELECT uid, holder_id FROM cards WHERE holder_kind = 'staff' "
                           "AND status = 'active' ORDER BY uid", y.staff_ids, 1);

  y.clock.real_us = g_date_time_to_unix (first) * G_USEC_PER_SEC;
  y.clock.mono_us = G_USEC_PER_SEC;
  {
    NkClock clock = nk_test_clock (&y.clock);
    y.door = nk_test_door_new (y.store, tz, &clock);
  }

  for (guint d = 1; d <= days; d++)
    {
      g_autoptr (GDateTime) date = g_date_time_add_days (first, d);
      gint64 midnight_us = g_date_time_to_unix (date) * G_USEC_PER_SEC;

      /* The kiosk's nightly pruning, just after midnight. */
      move_to (&y, midnight_us + 60 * G_USEC_PER_SEC);
      if (keep_sent > 0
          && !nk_prune (y.store, y.clock.real_us, keep_sent, config->keep_audit_days, NULL, &error))
        g_error ("%s", error->message);
      if (g_date_time_get_day_of_week (date) <= 5)
        weekday (&y, midnight_us, d);
      if (d == days / 2)
        {
          half_db = db_mb (path);
          half_outbox = table_mb (y.store, "outbox");
        }
    }

  if (y.unexpected > 0)
    {
      g_printerr ("bench-year: %u taps were not answered as expected\n", y.unexpected);
      return 1;
    }
  g_print ("db_size_mb_after_year=%.1f wal_mb=%.1f free_mb=%.1f outbox_mb=%.2f audit_mb=%.2f "
           "attendance_mb=%.1f db_size_mb_at_half_year=%.1f outbox_mb_at_half_year=%.2f "
           "outbox_rows=%" G_GINT64_FORMAT " audit_rows=%" G_GINT64_FORMAT " records=%u children=%u "
           "days=%u keep_sent_days=%u\n",
           db_mb (path), file_mb (wal),
           nk_test_count (y.store, "SELECT freelist_count * page_size FROM pragma_freelist_count, "
                                   "pragma_page_size") / (1024.0 * 1024.0),
           table_mb (y.store, "outbox"), table_mb (y.store, "audit"),
           table_mb (y.store, "attendance"), half_db, half_outbox,
           nk_test_count (y.store, "SELECT count(*) FROM outbox"),
           nk_test_count (y.store, "SELECT count(*) FROM audit"), y.records, children, days,
           keep_sent);

  g_clear_object (&y.door);
  g_clear_object (&y.store);
  g_ptr_array_unref (y.child_cards);
  g_ptr_array_unref (y.staff_cards);
  g_ptr_array_unref (y.staff_ids);
  nk_test_dir_remove (dir);
  return 0;
}
