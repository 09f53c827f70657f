/* bench-trends.c — the three figures of the director's Trends page
 * (nk-trends.h) over the benchmarks' centre (2,000 children, a year of
 * history), each read five times: the first time the page opens
 * (first=…: the closed months' figures read), and after (all=…: kept).
 * With a path, the centre is made there once and kept (to profile).
 * Prints: trends_ms first=… all=<median> max=… today=… rates=… utilisation=… rooms=… */
#include "config.h"

#include "bench-data.h"
#include "core/nk-trends.h"
#include "nk-test-util.h"

#define RUNS 5

static double
since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

int
main (int argc, char *argv[])
{
  g_autofree char *dir = g_dir_make_tmp ("nk-bench-trends-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (argc > 1 ? argv[1] : dir, "kiosk.db", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (NkStore) store = NULL;
  g_autoptr (GTimeZone) tz = g_time_zone_new_identifier ("Asia/Shanghai");
  g_autoptr (NkCentre) centre = nk_centre_new (tz);
  g_autoptr (GArray) today_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) rates_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) months_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) all_ms = g_array_new (FALSE, FALSE, sizeof (double));
  gint64 now_us = g_get_real_time ();
  guint rooms = 0, arrivals = 0;
  double first_ms;
  gint64 t0;

  t0 = g_get_monotonic_time ();
  if (!g_file_test (path, G_FILE_TEST_EXISTS) && !nk_bench_make_centre (path, 2000, 365, &error))
    g_error ("cannot make the centre: %s", error->message);
  g_print ("# centre made in %.1f s\n", (g_get_monotonic_time () - t0) / 1e6);
  store = nk_store_open (path, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < RUNS; i++)
    {
      g_autoptr (NkTrendsRates) rates = NULL;
      NkTrendsToday today;
      NkTrendsUtilisation months;
      gint64 start = g_get_monotonic_time (), step;
      double ms;

      step = g_get_monotonic_time ();
      if (!nk_trends_today (store, centre, now_us, &today, &error))
        g_error ("%s", error->message);
      ms = since (step);
      g_array_append_val (today_ms, ms);
      step = g_get_monotonic_time ();
      rates = nk_trends_rates (store, centre, now_us, &error);
      if (rates == NULL)
        g_error ("%s", error->message);
      ms = since (step);
      g_array_append_val (rates_ms, ms);
      step = g_get_monotonic_time ();
      if (!nk_trends_utilisation (store, centre, now_us, &months, &error))
        g_error ("%s", error->message);
      ms = since (step);
      g_array_append_val (months_ms, ms);
      ms = since (start);
      g_array_append_val (all_ms, ms);
      rooms = rates->rooms->len;
      arrivals = today.n_arrivals;
    }

  first_ms = g_array_index (all_ms, double, 0);
  g_print ("trends_ms first=%.0f all=%.1f max=%.1f today=%.1f rates=%.1f utilisation=%.1f rooms=%u "
           "arrivals_today=%u\n",
           first_ms, nk_bench_percentile (all_ms, 50), nk_bench_percentile (all_ms, 100),
           nk_bench_percentile (today_ms, 50), nk_bench_percentile (rates_ms, 50),
           nk_bench_percentile (months_ms, 50), rooms, arrivals);
  g_clear_object (&store);
  nk_test_dir_remove (dir);
  return 0;
}
