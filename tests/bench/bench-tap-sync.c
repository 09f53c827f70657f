/* bench-tap-sync.c — taps through the real door path (card UID → commit →
 * result painted, as bench-tap.c) while the sync worker drains 100,000
 * queued events to the reference platform on loopback and then applies
 * pulls of 5,000 records each, over a roster of 2,000 children with a year
 * of history.  Run under a display (make bench uses tests/headless.sh).
 * Prints:
 *   tap_during_sync_ms p50=… p99=… max=… taps=… drain_p99=… drain_taps=… pull_p99=… pull_taps=…
 * Budget (DESIGN.md): p99 ≤ 50 ms.
 * Usage: bench-tap-sync [EVENTS [PULLS [RECORDS_PER_PULL]]] (100000, 40, 5000;
 * at most 50 pulls, the rounds one pull_all makes) */
#include "config.h"

#include <adwaita.h>
#include <stdlib.h>

#include "bench-data.h"
#include "core/nk-door.h"
#include "core/nk-store-private.h"
#include "core/nk-types.h"
#include "devices/nk-reader.h"
#include "devices/nk-sound.h"
#include "nk-test-util.h"
#include "platform/nk-test-platform.h"
#include "sync/nk-enrol.h"
#include "sync/nk-sync.h"
#include "views/nk-window.h"

typedef enum {
  PHASE_DRAIN,   /* the queued events go up */
  PHASE_PULL,    /* pulls of RECORDS each are applied */
  PHASE_DONE,
} Phase;

typedef struct {
  NkWindow       *window;
  NkSync         *sync;
  NkTestPlatform *platform;
  GPtrArray      *cards;
  GPtrArray      *child_ids;
  GArray         *samples[PHASE_DONE];
  Phase           phase;
  guint           pulls;
  guint           records;
  guint           pulled;
  guint           next;
  gint64          t0;
  gboolean        waiting;
  gboolean        queued;   /* the pulls are on the platform */
  GMainLoop      *loop;
} Bench;

static gboolean tap_next (gpointer data);
static void     queue_pulls (Bench *b);

static void
after_paint (GdkFrameClock *clock, Bench *b)
{
  double ms;

  if (!b->waiting)
    return;
  b->waiting = FALSE;
  ms = (g_get_monotonic_time () - b->t0) / 1000.0;
  if (b->phase < PHASE_DONE)
    g_array_append_val (b->samples[b->phase], ms);
  g_idle_add_full (G_PRIORITY_LOW, tap_next, b, NULL);
}

static gboolean
tap_next (gpointer data)
{
  Bench *b = data;

  if (b->phase == PHASE_DONE)
    {
      g_main_loop_quit (b->loop);
      return G_SOURCE_REMOVE;
    }
  if (b->phase == PHASE_PULL && !b->queued)
    {
      /* Between two taps, so no tap waits for it. */
      queue_pulls (b);
      b->queued = TRUE;
      nk_sync_pull_now (b->sync);
    }
  b->waiting = TRUE;
  b->t0 = g_get_monotonic_time ();
  nk_window_handle_card (b->window, b->cards->pdata[b->next++ % b->cards->len]);
  gtk_widget_queue_draw (GTK_WIDGET (b->window));
  return G_SOURCE_REMOVE;
}

/* One pull answer of n cards (new cards for the roster's children), with
 * "more" while others follow, so the worker applies them back to back. */
static char *
pull_body (Bench *b, guint round, gboolean more)
{
  GString *s = g_string_new (NULL);

  g_string_append_printf (s, "{\"cursor\": \"v1:%u\", \"more\": %s, \"changes\": {\"cards\": [",
                          round + 1, more ? "true" : "false");
  for (guint i = 0; i < b->records; i++)
    g_string_append_printf (s, "%s{\"uid\": \"0B%04X%08X\", \"holder_kind\": \"child\", "
                               "\"holder_id\": \"%s\", \"status\": \"active\"}",
                            i ? "," : "", round, i,
                            (const char *) b->child_ids->pdata[i % b->child_ids->len]);
  g_string_append (s, "]}}");
  return g_string_free (s, FALSE);
}

static void
queue_pulls (Bench *b)
{
  for (guint r = 0; r < b->pulls; r++)
    {
      g_autofree char *body = pull_body (b, r, r + 1 < b->pulls);
      g_autoptr (JsonBuilder) jb = json_builder_new ();
      g_autoptr (JsonGenerator) gen = json_generator_new ();
      g_autoptr (JsonNode) root = NULL;
      g_autoptr (JsonNode) answer = NULL;
      g_autofree char *request = NULL;

      json_builder_begin_object (jb);
      json_builder_set_member_name (jb, "body");
      json_builder_add_string_value (jb, body);
      json_builder_end_object (jb);
      root = json_builder_get_root (jb);
      json_generator_set_root (gen, root);
      request = json_generator_to_data (gen, NULL);
      answer = nk_test_platform_admin (b->platform, "/admin/raw-pull", request);
    }
}

static void
on_pending (NkSync *sync, GParamSpec *pspec, Bench *b)
{
  /* The queue is drained (taps keep adding a few events). */
  if (b->phase == PHASE_DRAIN && nk_sync_get_pending (sync) >= 0
      && nk_sync_get_pending (sync) <= 10)
    b->phase = PHASE_PULL;
}

/* A refused pull would never end the phase: say why and stop. */
static void
on_state (NkSync *sync, GParamSpec *pspec, Bench *b)
{
  if (nk_sync_get_state (sync) == NK_SYNC_STATE_ERROR)
    {
      g_printerr ("bench-tap-sync: sync failed: %s\n", nk_sync_get_last_error (sync));
      exit (1);
    }
}

static void
on_pulled (NkSync *sync, guint n, Bench *b)
{
  if (b->phase == PHASE_PULL && b->queued)
    b->pulled += n;
  if (b->pulled >= b->pulls * b->records)
    b->phase = PHASE_DONE;
}

/* A bound, not a measurement: a pull the kiosk refused would never end. */
static gboolean
give_up (gpointer data)
{
  Bench *b = data;

  g_printerr ("bench-tap-sync: still in phase %d after 10 minutes (%u records pulled)\n", b->phase,
              b->pulled);
  exit (1);
  return G_SOURCE_REMOVE;
}

static gboolean
start (gpointer data)
{
  Bench *b = data;
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (b->window));

  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint), b);
  nk_sync_start (b->sync);
  tap_next (b);
  return G_SOURCE_REMOVE;
}

static GPtrArray *
child_ids (NkStore *store)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = nk_store_prepare (store, "SELECT id FROM children ORDER BY id", NULL);

  while (stmt && sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  if (stmt)
    sqlite3_reset (stmt);
  return ids;
}

static void
queue_events (NkStore *store, guint n)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (nk_store_begin (store, &error));
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = nk_uuid_new ();
      g_autofree char *payload = g_strdup_printf (
        "{\"child_id\": \"c-%u\", \"direction\": \"%s\", \"method\": \"card\", \"by_kind\": "
        "\"guardian\", \"by_id\": \"g-%u\", \"card_uid\": \"04%06X\", \"reason\": null, "
        "\"local_date\": \"2026-11-22\"}",
        i % 2000, i % 2 ? "out" : "in", i % 3000, i % 0xFFFFFF);
      g_assert_true (nk_test_outbox_add (store, id, "attendance", g_get_real_time (), payload,
                                         &error));
    }
  g_assert_true (nk_store_commit (store, &error));
}

int
main (int argc, char *argv[])
{
  guint events = argc > 1 ? (guint) atoi (argv[1]) : 100000;
  g_autoptr (GError) error = NULL;
  g_autofree char *certs = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *db = NULL;
  g_autofree char *token = NULL;
  g_autofree char *token_path = NULL;
  g_autoptr (NkStore) store = NULL;
  g_autoptr (NkDoor) door = NULL;
  g_autoptr (NkReader) reader = NULL;
  g_autoptr (NkSound) sound = NULL;
  g_autoptr (NkConfig) config = nk_config_new ();
  g_autoptr (GTimeZone) tz = g_time_zone_new_identifier ("Asia/Shanghai");
  g_autoptr (GArray) all = g_array_new (FALSE, FALSE, sizeof (double));
  Bench b = { 0 };

  b.pulls = argc > 2 ? (guint) atoi (argv[2]) : 40;
  b.records = argc > 3 ? (guint) atoi (argv[3]) : 5000;
  if (!g_getenv ("NK_SOURCE_ROOT"))
    g_setenv ("NK_SOURCE_ROOT", NK_BENCH_SOURCE_ROOT, TRUE);
  curl_global_init (CURL_GLOBAL_DEFAULT);
  certs = nk_test_platform_make_certs ();
  if (certs == NULL)
    {
      g_printerr ("bench-tap-sync needs /usr/bin/python3 and openssl\n");
      return 77;
    }
  b.platform = nk_test_platform_start (certs);

  dir = g_dir_make_tmp ("nk-bench-tap-sync-XXXXXX", &error);
  g_assert_no_error (error);
  db = g_build_filename (dir, "kiosk.db", NULL);
  if (!nk_bench_make_centre (db, 2000, 365, &error))
    g_error ("%s", error->message);

  gtk_init ();
  adw_init ();
  store = nk_store_open (db, &error);
  g_assert_no_error (error);
  queue_events (store, events);
  token = nk_test_platform_token (b.platform, nk_store_get_device_id (store));
  token_path = g_build_filename (dir, NK_ENROL_TOKEN_FILE, NULL);
  g_assert_true (nk_enrol_write_token (token_path, token, &error));

  g_free (config->platform_url);
  config->platform_url = g_strdup (b.platform->url);
  g_free (config->ca_file);
  config->ca_file = g_strdup (b.platform->ca_file);
  g_free (config->data_dir);
  config->data_dir = g_strdup (dir);
  config->pull_seconds = 3600;

  door = nk_test_door_new (store, tz, NULL);
  nk_door_set_debounce (door, 0);
  reader = nk_reader_new_for_spec ("sim", NULL, &error);
  g_assert_no_error (error);
  sound = nk_sound_new (FALSE, 0);
  b.cards = nk_bench_child_cards (store);
  b.child_ids = child_ids (store);
  for (guint p = 0; p < PHASE_DONE; p++)
    b.samples[p] = g_array_new (FALSE, FALSE, sizeof (double));
  b.sync = nk_sync_new (store, db, config);
  g_signal_connect (b.sync, "notify::pending", G_CALLBACK (on_pending), &b);
  g_signal_connect (b.sync, "notify::state", G_CALLBACK (on_state), &b);
  g_signal_connect (b.sync, "pulled", G_CALLBACK (on_pulled), &b);
  b.window = g_object_new (NK_TYPE_WINDOW, "door", door, "reader", reader, "sound", sound, "sync",
                           b.sync, NULL);
  gtk_window_set_default_size (GTK_WINDOW (b.window), 1024, 600);
  gtk_window_present (GTK_WINDOW (b.window));
  b.loop = g_main_loop_new (NULL, FALSE);
  g_timeout_add (500, start, &b);
  g_timeout_add_seconds (600, give_up, &b);
  g_main_loop_run (b.loop);
  nk_sync_stop (b.sync);

  if (nk_test_platform_stat (b.platform, "events") < events)
    {
      g_printerr ("the platform holds %" G_GINT64_FORMAT " events, expected at least %u\n",
                  nk_test_platform_stat (b.platform, "events"), events);
      return 1;
    }
  for (guint p = 0; p < PHASE_DONE; p++)
    g_array_append_vals (all, b.samples[p]->data, b.samples[p]->len);
  g_print ("tap_during_sync_ms p50=%.1f p99=%.1f max=%.1f taps=%u drain_p99=%.1f drain_taps=%u "
           "pull_p99=%.1f pull_taps=%u\n",
           nk_bench_percentile (all, 50), nk_bench_percentile (all, 99),
           nk_bench_percentile (all, 100), all->len, nk_bench_percentile (b.samples[PHASE_DRAIN], 99),
           b.samples[PHASE_DRAIN]->len, nk_bench_percentile (b.samples[PHASE_PULL], 99),
           b.samples[PHASE_PULL]->len);

  gtk_window_destroy (GTK_WINDOW (b.window));
  g_clear_object (&b.sync);
  for (guint p = 0; p < PHASE_DONE; p++)
    g_array_unref (b.samples[p]);
  g_ptr_array_unref (b.cards);
  g_ptr_array_unref (b.child_ids);
  g_main_loop_unref (b.loop);
  nk_test_platform_stop (b.platform);
  nk_test_remove_tree (dir);
  nk_test_remove_tree (certs);
  return 0;
}
