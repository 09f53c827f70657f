/* bench-tap.c — a card UID delivered to the door → committed → the result
 * painted (the window's frame clock "after-paint"), over a roster of 2,000
 * children with a year of history; then 10,000 taps for memory.
 * Run under a display (make bench uses tests/headless.sh).  Prints:
 *   tap_ms p50=… p95=… p99=… taps=… rss_mb=…
 *   checkout_day_ms p50=… p95=… p99=… taps=…  (timed taps beyond 2,000: the
 *     second round, check-outs that show the child's day)
 *   rss_after_10000_taps_mb=… growth_mb=… */
#include "config.h"

#include <adwaita.h>
#include <stdlib.h>

#include "bench-data.h"
#include "core/nk-door.h"
#include "nk-test-util.h"
#include "devices/nk-reader.h"
#include "devices/nk-sound.h"
#include "views/nk-window.h"

typedef struct {
  NkWindow   *window;
  GPtrArray  *cards;
  GArray     *samples;
  GArray     *out_samples; /* the second round: check-outs, each showing the child's day */
  guint       next;
  guint       timed;       /* taps to time */
  guint       total;       /* taps in all */
  gint64      t0;
  gboolean    waiting;
  double      rss_after_warmup;
  double      rss_after_timed;
  GMainLoop  *loop;
} Bench;

static gboolean tap_next (gpointer data);

static void
after_paint (GdkFrameClock *clock, Bench *b)
{
  if (!b->waiting)
    return;
  b->waiting = FALSE;
  if (b->next <= b->timed)
    {
      double ms = (g_get_monotonic_time () - b->t0) / 1000.0;
      g_array_append_val (b->samples, ms);
      if (b->next > b->cards->len && b->next <= 2 * b->cards->len)
        g_array_append_val (b->out_samples, ms);
    }
  g_idle_add_full (G_PRIORITY_LOW, tap_next, b, NULL);
}

static gboolean
tap_next (gpointer data)
{
  Bench *b = data;
  const char *uid;

  if (b->next == 100)
    b->rss_after_warmup = nk_bench_rss_mb ();
  if (b->next == b->timed)
    b->rss_after_timed = nk_bench_rss_mb ();
  if (b->next >= b->total)
    {
      g_main_loop_quit (b->loop);
      return G_SOURCE_REMOVE;
    }

  uid = b->cards->pdata[b->next % b->cards->len];
  b->next++;
  b->waiting = TRUE;
  b->t0 = g_get_monotonic_time ();
  nk_window_handle_card (b->window, uid);
  /* make sure a frame follows even if nothing changed on screen */
  gtk_widget_queue_draw (GTK_WIDGET (b->window));
  return G_SOURCE_REMOVE;
}

static gboolean
start (gpointer data)
{
  Bench *b = data;
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (b->window));

  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint), b);
  tap_next (b);
  return G_SOURCE_REMOVE;
}

int
main (int argc, char *argv[])
{
  g_autofree char *dir = g_dir_make_tmp ("nk-bench-tap-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "kiosk.db", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (NkStore) store = NULL;
  g_autoptr (NkDoor) door = NULL;
  g_autoptr (NkReader) reader = NULL;
  g_autoptr (NkSound) sound = NULL;
  g_autoptr (GTimeZone) tz = g_time_zone_new_identifier ("Asia/Shanghai");
  Bench b = { 0 };

  b.timed = argc > 1 ? (guint) atoi (argv[1]) : 2000;
  b.total = argc > 2 ? (guint) atoi (argv[2]) : 10000;

  if (!nk_bench_make_centre (path, 2000, 365, &error))
    g_error ("%s", error->message);

  gtk_init ();
  adw_init ();
  store = nk_store_open (path, &error);
  g_assert_no_error (error);
  door = nk_test_door_new (store, tz, NULL);
  nk_door_set_debounce (door, 0);
  reader = nk_reader_new_for_spec ("sim", NULL, &error);
  g_assert_no_error (error);
  sound = nk_sound_new (FALSE, 0);
  b.cards = nk_bench_child_cards (store);
  b.samples = g_array_new (FALSE, FALSE, sizeof (double));
  b.out_samples = g_array_new (FALSE, FALSE, sizeof (double));
  b.window = nk_window_new (NULL, door, reader, sound);
  gtk_window_set_default_size (GTK_WINDOW (b.window), 1024, 600);
  gtk_window_present (GTK_WINDOW (b.window));
  b.loop = g_main_loop_new (NULL, FALSE);
  g_timeout_add (500, start, &b);
  g_main_loop_run (b.loop);

  g_print ("tap_ms p50=%.1f p95=%.1f p99=%.1f taps=%u rss_mb=%.1f\n",
           nk_bench_percentile (b.samples, 50), nk_bench_percentile (b.samples, 95),
           nk_bench_percentile (b.samples, 99), b.samples->len, b.rss_after_timed);
  /* with more timed taps than children, the second round checks out */
  if (b.out_samples->len > 0)
    g_print ("checkout_day_ms p50=%.1f p95=%.1f p99=%.1f taps=%u\n",
             nk_bench_percentile (b.out_samples, 50), nk_bench_percentile (b.out_samples, 95),
             nk_bench_percentile (b.out_samples, 99), b.out_samples->len);
  g_print ("rss_after_%u_taps_mb=%.1f growth_from_tap_100_mb=%.1f\n", b.total, nk_bench_rss_mb (),
           nk_bench_rss_mb () - b.rss_after_warmup);

  gtk_window_destroy (GTK_WINDOW (b.window));
  g_ptr_array_unref (b.cards);
  g_array_unref (b.samples);
  g_array_unref (b.out_samples);
  g_main_loop_unref (b.loop);
  return 0;
}
