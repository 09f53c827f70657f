/* bench-data.c — a year of history for the benchmarks. */
#include "config.h"

#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>
#include <gio/gio.h>
#include <string.h>

#include "bench-data.h"
#include "core/nk-demo.h"
#include "core/nk-store-private.h"

static gboolean
make_centre (NkStore *store, guint n_children, guint days, GError **error)
{
  g_autofree char *history = NULL;
  g_autofree char *outbox = NULL;
  g_autofree char *staff = NULL;

  if (!nk_demo_seed_large (store, n_children, error))
    return FALSE;

  /* Weekdays in the last `days` days; in at 08:xx, out at 17:xx local
   * (UTC+8), each child a little different. */
  history = g_strdup_printf (
    "WITH RECURSIVE d(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM d WHERE n < %u), "
    "day(date, midnight_us) AS ("
    "  SELECT date('now', '-' || n || ' days'), "
    "         (CAST(strftime('%%s', date('now', '-' || n || ' days')) AS INTEGER) - 8 * 3600) * 1000000 "
    "  FROM d WHERE strftime('%%w', date('now', '-' || n || ' days')) NOT IN ('0', '6')) "
    "INSERT INTO attendance (id, child_id, kind, at_us, local_date, by_kind, by_id, card_uid, "
    "                        device_id, method) "
    "SELECT printf('%%s-%%s-%%s', day.date, k.kind, c.id), c.id, k.kind, "
    "       day.midnight_us + (k.hour * 3600 + (abs(random()) %% 3600)) * 1000000, "
    "       day.date, 'child', c.id, NULL, 'bench', 'card' "
    "FROM day CROSS JOIN children c "
    "CROSS JOIN (SELECT 'in' AS kind, 8 AS hour UNION ALL SELECT 'out', 17) k "
    "ORDER BY day.date, k.hour, c.id",
    days);
  outbox = g_strdup (
    "INSERT INTO outbox (event_id, type, at_us, payload, created_us, sent_us, state) "
    "SELECT id, 'attendance', at_us, json_object('child_id', child_id, 'direction', kind), "
    "       at_us, at_us + 5000000, 'sent' FROM attendance");
  staff = g_strdup_printf (
    "WITH RECURSIVE d(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM d WHERE n < %u) "
    "INSERT INTO staff_clock (id, staff_id, kind, at_us, local_date, device_id, method) "
    "SELECT printf('%%s-%%s-%%s', date('now', '-' || n || ' days'), k.kind, s.id), s.id, k.kind, "
    "       (CAST(strftime('%%s', date('now', '-' || n || ' days')) AS INTEGER) + k.hour * 3600) * 1000000, "
    "       date('now', '-' || n || ' days'), 'bench', 'card' "
    "FROM d CROSS JOIN staff s CROSS JOIN (SELECT 'in' AS kind, -1 AS hour UNION ALL SELECT 'out', 10) k",
    days);

  /* Bulk load: a big cache and no fsync; the benchmark itself runs with
   * the kiosk's own settings restored. */
  if (!nk_store_exec (store, "PRAGMA cache_size = -400000; PRAGMA synchronous = OFF", error)
      || !nk_store_begin (store, error))
    return FALSE;
  if (!nk_store_exec (store, history, error) || !nk_store_exec (store, outbox, error)
      || !nk_store_exec (store, staff, error))
    {
      nk_store_rollback (store);
      return FALSE;
    }
  if (!nk_store_commit (store, error))
    return FALSE;
  return nk_store_exec (store, "PRAGMA wal_checkpoint(TRUNCATE); ANALYZE; "
                       "PRAGMA cache_size = -2000; PRAGMA synchronous = FULL", error);
}

/* Built in a child process, so the bulk load's page cache does not count
 * in the benchmark's resident memory. */
gboolean
nk_bench_make_centre (const char *path, guint n_children, guint days, GError **error)
{
  pid_t pid = fork ();
  int status = 0;

  if (pid == 0)
    {
      g_autoptr (GError) local = NULL;
      g_autoptr (NkStore) store = nk_store_open (path, &local);

      if (store == NULL || !make_centre (store, n_children, days, &local))
        {
          g_printerr ("cannot make the benchmark centre: %s\n", local->message);
          _exit (1);
        }
      g_clear_object (&store);
      _exit (0);
    }
  if (pid < 0 || waitpid (pid, &status, 0) != pid || !WIFEXITED (status) || WEXITSTATUS (status) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "making the benchmark centre failed");
      return FALSE;
    }
  return TRUE;
}

GPtrArray *
nk_bench_child_cards (NkStore *store)
{
  GPtrArray *uids = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = nk_store_prepare (store,
                                         "SELECT uid FROM cards WHERE holder_kind = 'child' "
                                         "AND status = 'active' ORDER BY uid", NULL);

  while (stmt && sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (uids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  if (stmt)
    sqlite3_reset (stmt);
  return uids;
}

double
nk_bench_rss_mb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmRSS:");
  return line ? g_ascii_strtod (line + 6, NULL) / 1024.0 : -1;
}

static int
cmp_double (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

double
nk_bench_percentile (GArray *samples_ms, double p)
{
  guint idx;

  if (samples_ms->len == 0)
    return 0;
  g_array_sort (samples_ms, cmp_double);
  idx = (guint) ((p / 100.0) * (samples_ms->len - 1) + 0.5);
  return g_array_index (samples_ms, double, MIN (idx, samples_ms->len - 1));
}
