/* bench-dashboard.c — the director's dashboard (nk-dashboard.h) over the
 * benchmarks' centre (2,000 children, a year of history), with today's
 * morning through the door: most children checked in, the caregivers
 * clocked in.  Then, `reads` times, one more tap and the dashboard read
 * again, as the page does after every record (check-ups due from the
 * day's cache); and the same with the cache dropped before each read
 * (a roster change every time: the worst case).
 * With a path, the centre is made there once and kept (to profile).
 * Prints: dashboard_cpu_ms p50=… p95=… p99=… (the reads' own CPU time)
 *         dashboard_ms p50=… p95=… p99=… first=… reads=… rooms=… present=…
 *         dashboard_uncached_ms p50=… p95=… p99=… */
#include "config.h"

#include <stdlib.h>
#include <time.h>

#include "bench-data.h"
#include "core/nk-dashboard.h"
#include "core/nk-door.h"
#include "core/nk-roster.h"
#include "core/nk-staff-clock.h"
#include "nk-test-util.h"

/* This thread's CPU time in ms: on a shared machine the wall time also
 * counts the other processes' turns. */
static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static GArray *cpu_samples;

static double
read_ms (NkDashboard *dashboard, NkCentre *centre, guint *present)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (NkDashboardFigures) figures = NULL;
  gint64 start = g_get_monotonic_time ();
  double cpu = cpu_ms ();
  double ms;

  figures = nk_dashboard_read (dashboard, nk_centre_now (centre), &error);
  ms = (g_get_monotonic_time () - start) / 1000.0;
  cpu = cpu_ms () - cpu;
  if (cpu_samples != NULL)
    g_array_append_val (cpu_samples, cpu);
  if (figures == NULL)
    g_error ("%s", error->message);
  *present = 0;
  for (guint i = 0; i < figures->rooms->len; i++)
    *present += ((NkDashboardRoom *) figures->rooms->pdata[i])->present;
  return ms;
}

int
main (int argc, char *argv[])
{
  g_autofree char *dir = g_dir_make_tmp ("nk-bench-dashboard-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (argc > 2 ? argv[2] : dir, "kiosk.db", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (NkStore) store = NULL;
  g_autoptr (NkDoor) door = NULL;
  g_autoptr (NkDashboard) dashboard = NULL;
  g_autoptr (GTimeZone) tz = g_time_zone_new_identifier ("Asia/Shanghai");
  g_autoptr (GPtrArray) cards = NULL;
  g_autoptr (GArray) cached = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) uncached = g_array_new (FALSE, FALSE, sizeof (double));
  guint reads = argc > 1 ? (guint) atoi (argv[1]) : 200;
  gboolean made = g_file_test (path, G_FILE_TEST_EXISTS);
  guint present = 0, n_rooms = 0;
  double first;
  NkCentre *centre;
  gint64 t0;

  t0 = g_get_monotonic_time ();
  if (!made && !nk_bench_make_centre (path, 2000, 365, &error))
    g_error ("cannot make the centre: %s", error->message);
  store = nk_store_open (path, &error);
  g_assert_no_error (error);
  door = nk_test_door_new (store, tz, NULL);
  nk_door_set_debounce (door, 0);
  centre = nk_door_get_centre (door);
  cards = nk_bench_child_cards (store);
  if (!made)
    {
      g_autoptr (GPtrArray) staff = g_ptr_array_new_with_free_func (g_free);
      sqlite3_stmt *stmt = nk_store_prepare (store, "SELECT id FROM staff WHERE active", NULL);

      while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
        g_ptr_array_add (staff, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      sqlite3_reset (stmt);
      /* the morning: every caregiver, nine children in ten */
      for (guint i = 0; i < staff->len; i++)
        {
          g_autoptr (NkTapResult) r = nk_staff_clock_pin (nk_door_get_staff_clock (door), staff->pdata[i], &error);

          g_assert_no_error (error);
        }
      for (guint i = 0; i < cards->len; i++)
        if (i % 10 != 9)
          {
            g_autoptr (NkTapResult) r = nk_door_tap (door, cards->pdata[i], &error);

            g_assert_no_error (error);
          }
    }
  g_print ("# centre and morning made in %.1f s\n", (g_get_monotonic_time () - t0) / 1e6);

  dashboard = nk_dashboard_new (store, centre);
  first = read_ms (dashboard, centre, &present);
  cpu_samples = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint i = 0; i < reads; i++)
    {
      /* a child toggled at the door (in or out), then the page reads again */
      g_autoptr (NkTapResult) r = nk_door_tap (door, cards->pdata[(i * 37) % cards->len], &error);
      double ms;

      g_assert_no_error (error);
      while (g_main_context_iteration (NULL, FALSE))
        ;
      ms = read_ms (dashboard, centre, &present);
      g_array_append_val (cached, ms);
    }
  {
    g_autoptr (GArray) cpu = g_steal_pointer (&cpu_samples);

    g_print ("dashboard_cpu_ms p50=%.1f p95=%.1f p99=%.1f\n", nk_bench_percentile (cpu, 50),
             nk_bench_percentile (cpu, 95), nk_bench_percentile (cpu, 99));
  }
  for (guint i = 0; i < reads / 4; i++)
    {
      double ms;

      nk_store_emit_changed (store, "roster", NULL);   /* drops the check-ups' day cache */
      ms = read_ms (dashboard, centre, &present);
      g_array_append_val (uncached, ms);
    }
  {
    g_autoptr (NkDashboardFigures) figures = nk_dashboard_read (dashboard, nk_centre_now (centre), &error);

    g_assert_no_error (error);
    n_rooms = figures->rooms->len;
  }

  g_print ("dashboard_ms p50=%.1f p95=%.1f p99=%.1f first=%.1f reads=%u rooms=%u present=%u\n",
           nk_bench_percentile (cached, 50), nk_bench_percentile (cached, 95),
           nk_bench_percentile (cached, 99), first, reads, n_rooms, present);
  g_print ("dashboard_uncached_ms p50=%.1f p95=%.1f p99=%.1f reads=%u\n", nk_bench_percentile (uncached, 50),
           nk_bench_percentile (uncached, 95), nk_bench_percentile (uncached, 99), uncached->len);
  g_clear_object (&dashboard);
  g_clear_object (&door);
  g_clear_object (&store);
  nk_test_dir_remove (dir);
  return 0;
}
