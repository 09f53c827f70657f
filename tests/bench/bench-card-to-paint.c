/* bench-card-to-paint.c — a card put down on the emulated PN532
 * (tests/pn532-emu.h, on a pty at 115200 baud) → the real libnfc's
 * pn532_uart driver → NkReaderNfc → the window's tap handling → durable
 * commit → the result page painted (the frame clock's "after-paint"),
 * over the benchmark centre (2,000 children, a year of history).  Run
 * once for each reading of InAutoPoll's period (pn532-emu-rf.c).
 *
 * Each card goes down at a random moment (0–300 ms, the longest poll
 * cycle, after the reader has seen the reader empty), so the samples
 * cover every phase of the reader's polling.  Then the serial line's
 * load: with no card, and with a card left lying on the reader.
 * Run under a display (make bench uses tests/headless.sh).  Prints:
 *   card_to_paint_ms reading=… p50=… p90=… p99=… max=… taps=…
 *   nfc_line_busy_pct reading=… idle=… card_held=…
 *
 *   bench-card-to-paint [TAPS_PER_READING]   (default 200) */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench-data.h"
#include "core/nk-door.h"
#include "nk-test-util.h"
#include "devices/nk-reader.h"
#include "devices/nk-sound.h"
#include "pn532-emu.h"
#include "views/nk-window.h"

#define MAX_PHASE_MS     300
#define EMPTY_POLLS_SEEN 2
#define GIVE_UP_US       (10 * G_USEC_PER_SEC)
#define LINE_IDLE_MS     2000
#define LINE_HELD_MS     3000

typedef enum {
  STEP_READY,        /* waiting for the reader */
  STEP_TAP,          /* card down, waiting for its tap */
  STEP_PAINT,        /* tapped, waiting for the frame */
  STEP_EMPTY,        /* card taken away, waiting for the reader to see it gone */
  STEP_PHASE,        /* waiting a random moment before the next card */
} Step;

typedef struct {
  NkWindow  *window;
  NkReader  *reader;
  Pn532Emu  *emu;
  GPtrArray *cards;
  guint      next_card;
  GArray    *samples;
  guint      wanted;
  Step       step;
  char      *uid;          /* the card on the reader */
  gint64     t0;
  guint      empty_polls;  /* when the card was taken away */
  gboolean   keep_card;    /* leave it lying once painted */
  GMainLoop *loop;
} Run;

static void
hex_to_bytes (const char *hex,
              guint8     *bytes,
              gsize      *len)
{
  *len = strlen (hex) / 2;
  for (gsize i = 0; i < *len; i++)
    bytes[i] = (guint8) (g_ascii_xdigit_value (hex[2 * i]) << 4 | g_ascii_xdigit_value (hex[2 * i + 1]));
}

static void
put_card_down (Run        *run,
               const char *uid)
{
  guint8 bytes[10];
  gsize len;

  g_free (run->uid);
  run->uid = g_strdup (uid);
  hex_to_bytes (uid, bytes, &len);
  run->step = STEP_TAP;
  run->t0 = g_get_monotonic_time ();
  pn532_emu_place_card (run->emu, bytes, len);
}

static gboolean
next_card (gpointer data)
{
  Run *run = data;

  if (run->samples->len >= run->wanted)
    {
      g_main_loop_quit (run->loop);
      return G_SOURCE_REMOVE;
    }
  put_card_down (run, run->cards->pdata[run->next_card++ % run->cards->len]);
  return G_SOURCE_REMOVE;
}

/* Every 2 ms: is the step taking too long, has the reader seen the card go? */
static gboolean
watch (gpointer data)
{
  Run *run = data;

  if ((run->step == STEP_TAP || run->step == STEP_PAINT)
      && g_get_monotonic_time () - run->t0 > GIVE_UP_US)
    g_error ("card %s was not painted within 10 s", run->uid);

  if (run->step == STEP_EMPTY
      && pn532_emu_get_polls (run->emu, FALSE) >= run->empty_polls + EMPTY_POLLS_SEEN)
    {
      run->step = STEP_PHASE;
      g_timeout_add (g_random_int_range (0, MAX_PHASE_MS), next_card, run);
    }
  return G_SOURCE_CONTINUE;
}

/* After the window's own handler: the tap has been committed and shown. */
static void
on_card_tapped (NkReader   *reader,
                const char *uid,
                Run        *run)
{
  if (run->step != STEP_TAP)
    return;
  if (g_strcmp0 (uid, run->uid) != 0)
    g_error ("the reader reported %s for card %s", uid, run->uid);
  if (g_strcmp0 (nk_window_get_page_name (run->window), "result") != 0)
    g_error ("card %s showed the page “%s”, not the result", uid, nk_window_get_page_name (run->window));
  run->step = STEP_PAINT;
  gtk_widget_queue_draw (GTK_WIDGET (run->window));
}

static void
after_paint (GdkFrameClock *clock,
             Run           *run)
{
  double ms;

  if (run->step != STEP_PAINT)
    return;
  if (run->keep_card)
    {
      run->step = STEP_READY;
      return;
    }
  ms = (g_get_monotonic_time () - run->t0) / 1000.0;
  g_array_append_val (run->samples, ms);

  pn532_emu_remove_card (run->emu);
  run->empty_polls = pn532_emu_get_polls (run->emu, FALSE);
  run->step = STEP_EMPTY;
}

static void
on_reader_state (NkReader   *reader,
                 GParamSpec *pspec,
                 Run        *run)
{
  if (run->step == STEP_READY && nk_reader_get_state (reader) == NK_READER_STATE_READY)
    g_main_loop_quit (run->loop);
}

static gboolean
quit_loop (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

/* Share of the line's time that carried bytes over the next msec. */
static double
line_busy_pct (Run  *run,
               guint msec)
{
  guint64 before = pn532_emu_get_line_bytes (run->emu);
  gint64 start = g_get_monotonic_time ();
  double seconds;

  g_timeout_add (msec, quit_loop, run->loop);
  g_main_loop_run (run->loop);
  seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;

  return 100.0 * (pn532_emu_get_line_bytes (run->emu) - before) * 10.0
         / pn532_emu_get_baud (run->emu) / seconds;
}

static void
run_reading (NkDoor          *door,
             GPtrArray       *cards,
             Pn532EmuReading  reading,
             guint            wanted)
{
  g_autofree char *dir = g_dir_make_tmp ("nk-bench-nfc-XXXXXX", NULL);
  g_autofree char *link = g_build_filename (dir, "pn532", NULL);
  g_autofree char *spec = g_strconcat ("nfc:pn532_uart:", link, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (NkSound) sound = nk_sound_new (FALSE, 0);
  Run run = { .cards = cards, .wanted = wanted, .step = STEP_READY };
  GdkFrameClock *clock;
  double idle_pct, held_pct;
  guint watch_id;

  run.emu = pn532_emu_new (link, &error);
  g_assert_no_error (error);
  pn532_emu_set_reading (run.emu, reading);
  run.reader = nk_reader_new_for_spec (spec, NULL, &error);
  g_assert_no_error (error);
  run.samples = g_array_new (FALSE, FALSE, sizeof (double));
  run.loop = g_main_loop_new (NULL, FALSE);

  run.window = nk_window_new (NULL, door, run.reader, sound);
  gtk_window_set_default_size (GTK_WINDOW (run.window), 1024, 600);
  gtk_window_present (GTK_WINDOW (run.window));
  /* Connected after the window's handler, which runs first. */
  g_signal_connect (run.reader, "card-tapped", G_CALLBACK (on_card_tapped), &run);
  g_signal_connect (run.reader, "notify::state", G_CALLBACK (on_reader_state), &run);
  if (!nk_reader_start (run.reader, &error))
    g_error ("%s", error->message);
  g_main_loop_run (run.loop);

  idle_pct = line_busy_pct (&run, LINE_IDLE_MS);

  clock = gtk_widget_get_frame_clock (GTK_WIDGET (run.window));
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint), &run);
  watch_id = g_timeout_add (2, watch, &run);
  next_card (&run);
  g_main_loop_run (run.loop);

  g_print ("card_to_paint_ms reading=%s p50=%.1f p90=%.1f p99=%.1f max=%.1f taps=%u\n",
           pn532_emu_reading_to_string (reading),
           nk_bench_percentile (run.samples, 50), nk_bench_percentile (run.samples, 90),
           nk_bench_percentile (run.samples, 99), nk_bench_percentile (run.samples, 100),
           run.samples->len);

  /* A card left lying on the reader. */
  run.keep_card = TRUE;
  put_card_down (&run, cards->pdata[run.next_card++ % cards->len]);
  while (run.step != STEP_READY)
    g_main_context_iteration (NULL, TRUE);
  held_pct = line_busy_pct (&run, LINE_HELD_MS);
  g_print ("nfc_line_busy_pct reading=%s idle=%.1f card_held=%.1f\n",
           pn532_emu_reading_to_string (reading), idle_pct, held_pct);

  g_source_remove (watch_id);
  g_signal_handlers_disconnect_by_data (clock, &run);
  g_signal_handlers_disconnect_by_data (run.reader, &run);
  nk_reader_stop (run.reader);
  gtk_window_destroy (GTK_WINDOW (run.window));
  g_clear_object (&run.reader);
  pn532_emu_free (run.emu);
  g_rmdir (dir);
  g_array_unref (run.samples);
  g_main_loop_unref (run.loop);
  g_free (run.uid);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = g_dir_make_tmp ("nk-bench-card-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "kiosk.db", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (NkStore) store = NULL;
  g_autoptr (NkDoor) door = NULL;
  g_autoptr (GTimeZone) tz = g_time_zone_new_identifier ("Asia/Shanghai");
  g_autoptr (GPtrArray) cards = NULL;
  guint wanted = argc > 1 ? (guint) atoi (argv[1]) : 200;

  /* Only the emulated device, and libnfc quiet. */
  g_setenv ("LIBNFC_AUTO_SCAN", "false", TRUE);
  g_setenv ("LIBNFC_INTRUSIVE_SCAN", "false", TRUE);
  g_setenv ("LIBNFC_LOG_LEVEL", "0", FALSE);

  if (!nk_bench_make_centre (path, 2000, 365, &error))
    g_error ("%s", error->message);

  gtk_init ();
  adw_init ();
  store = nk_store_open (path, &error);
  g_assert_no_error (error);
  door = nk_test_door_new (store, tz, NULL);
  nk_door_set_debounce (door, 0);
  cards = nk_bench_child_cards (store);

  run_reading (door, cards, PN532_EMU_READING_CONTINUOUS, wanted);
  run_reading (door, cards, PN532_EMU_READING_ONCE_PER_PERIOD, wanted);

  return 0;
}
