/* bench-door.c — the door's rules alone (no screen): card UID → durable
 * commit, over a roster of 2,000 children with a year of history.
 * Prints: door_commit_ms p50=… p95=… p99=… taps=… rss_mb=… */
#include "config.h"

#include <stdlib.h>

#include "bench-data.h"
#include "core/nk-door.h"
#include "nk-test-util.h"

int
main (int argc, char *argv[])
{
  g_autofree char *dir = g_dir_make_tmp ("nk-bench-door-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "kiosk.db", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (NkStore) store = NULL;
  g_autoptr (NkDoor) door = NULL;
  g_autoptr (GTimeZone) tz = g_time_zone_new_identifier ("Asia/Shanghai");
  g_autoptr (GPtrArray) cards = NULL;
  g_autoptr (GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  guint taps = argc > 1 ? (guint) atoi (argv[1]) : 2000;
  gint64 t0;

  t0 = g_get_monotonic_time ();
  if (!nk_bench_make_centre (path, 2000, 365, &error))
    g_error ("cannot make the centre: %s", error->message);
  g_print ("# centre made in %.1f s\n", (g_get_monotonic_time () - t0) / 1e6);
  store = nk_store_open (path, &error);
  g_assert_no_error (error);

  door = nk_test_door_new (store, tz, NULL);
  nk_door_set_debounce (door, 0);
  cards = nk_bench_child_cards (store);

  for (guint i = 0; i < taps; i++)
    {
      const char *uid = cards->pdata[i % cards->len];
      gint64 start = g_get_monotonic_time ();
      g_autoptr (NkTapResult) result = nk_door_tap (door, uid, &error);
      double ms = (g_get_monotonic_time () - start) / 1000.0;

      g_assert_no_error (error);
      g_assert_true (result->outcome == NK_TAP_CHECKED_IN || result->outcome == NK_TAP_CHECKED_OUT);
      g_array_append_val (samples, ms);
    }

  g_print ("door_commit_ms p50=%.2f p95=%.2f p99=%.2f taps=%u rss_mb=%.1f\n",
           nk_bench_percentile (samples, 50), nk_bench_percentile (samples, 95),
           nk_bench_percentile (samples, 99), taps, nk_bench_rss_mb ());
  return 0;
}
