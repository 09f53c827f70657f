/* bench-sync.c — 100,000 queued events drained to the reference platform
 * on loopback, while a 1 ms timeout on the main loop measures the longest
 * time the main loop was kept from running.  Prints one line:
 *   sync_drain events=N seconds=S events_per_s=R max_main_loop_gap_ms=G
 * Budget (docs/DESIGN.md): ≤ 10 s, gap ≤ 50 ms.
 * Usage: bench-sync [EVENTS [BATCH]] */
#include "config.h"

#include <stdlib.h>

#include "core/nk-store-private.h"
#include "nk-test-util.h"
#include "core/nk-types.h"
#include "platform/nk-test-platform.h"
#include "sync/nk-enrol.h"
#include "sync/nk-sync.h"

typedef struct {
  GMainLoop *loop;
  NkSync    *sync;
  gint64     last_tick;
  gint64     max_gap;
  gboolean   started;
} Bench;

static gboolean
on_tick (gpointer data)
{
  Bench *b = data;
  gint64 now = g_get_monotonic_time ();

  if (b->started && b->last_tick && now - b->last_tick > b->max_gap)
    b->max_gap = now - b->last_tick;
  b->last_tick = now;
  return G_SOURCE_CONTINUE;
}

static void
on_changed (NkSync *sync, GParamSpec *pspec, Bench *b)
{
  if (nk_sync_get_pending (sync) == 0 && nk_sync_get_state (sync) == NK_SYNC_STATE_IDLE)
    g_main_loop_quit (b->loop);
}

int
main (int argc, char **argv)
{
  guint n = argc > 1 ? (guint) atoi (argv[1]) : 100000;
  guint batch = argc > 2 ? (guint) atoi (argv[2]) : 500;
  g_autoptr (GError) error = NULL;
  g_autofree char *certs = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *db = NULL;
  g_autofree char *token = NULL;
  g_autofree char *token_path = NULL;
  g_autoptr (NkStore) store = NULL;
  g_autoptr (NkConfig) config = nk_config_new ();
  NkTestPlatform *platform;
  Bench b = { 0 };
  gint64 start, end;
  double seconds;
  guint tick;

  if (!g_getenv ("NK_SOURCE_ROOT"))
    g_setenv ("NK_SOURCE_ROOT", NK_BENCH_SOURCE_ROOT, TRUE);
  curl_global_init (CURL_GLOBAL_DEFAULT);
  certs = nk_test_platform_make_certs ();
  if (certs == NULL)
    {
      g_printerr ("bench-sync needs /usr/bin/python3 and openssl\n");
      return 77;
    }
  platform = nk_test_platform_start (certs);

  dir = g_dir_make_tmp ("nk-bench-sync-XXXXXX", &error);
  g_assert_no_error (error);
  db = g_build_filename (dir, "kiosk.db", NULL);
  store = nk_store_open (db, &error);
  g_assert_no_error (error);

  /* n events as core queues them (one transaction here, for speed). */
  g_assert_true (nk_store_begin (store, &error));
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = nk_uuid_new ();
      g_autofree char *payload = g_strdup_printf (
        "{\"child_id\": \"c-%u\", \"direction\": \"%s\", \"method\": \"card\", \"by_kind\": "
        "\"guardian\", \"by_id\": \"g-%u\", \"card_uid\": \"04%06X\", \"reason\": null, "
        "\"local_date\": \"2026-11-22\"}",
        i % 2000, i % 2 ? "out" : "in", i % 3000, i % 0xFFFFFF);
      g_assert_true (nk_test_outbox_add (store, id, "attendance", g_get_real_time (), payload, &error));
    }
  g_assert_true (nk_store_commit (store, &error));

  token = nk_test_platform_token (platform, nk_store_get_device_id (store));
  token_path = g_build_filename (dir, NK_ENROL_TOKEN_FILE, NULL);
  g_assert_true (nk_enrol_write_token (token_path, token, &error));

  g_free (config->platform_url);
  config->platform_url = g_strdup (platform->url);
  g_free (config->ca_file);
  config->ca_file = g_strdup (platform->ca_file);
  g_free (config->data_dir);
  config->data_dir = g_strdup (dir);
  config->batch_size = batch;
  config->pull_seconds = 3600;

  b.loop = g_main_loop_new (NULL, FALSE);
  b.sync = nk_sync_new (store, db, config);
  g_signal_connect (b.sync, "notify::pending", G_CALLBACK (on_changed), &b);
  g_signal_connect (b.sync, "notify::state", G_CALLBACK (on_changed), &b);
  tick = g_timeout_add (1, on_tick, &b);

  start = g_get_monotonic_time ();
  b.started = TRUE;
  nk_sync_start (b.sync);
  g_main_loop_run (b.loop);
  end = g_get_monotonic_time ();
  nk_sync_stop (b.sync);
  g_source_remove (tick);

  seconds = (double) (end - start) / G_USEC_PER_SEC;
  if (nk_test_platform_stat (platform, "events") != n)
    {
      g_printerr ("the platform holds %" G_GINT64_FORMAT " events, expected %u\n",
                  nk_test_platform_stat (platform, "events"), n);
      return 1;
    }
  g_print ("sync_drain events=%u seconds=%.2f events_per_s=%.0f max_main_loop_gap_ms=%.1f\n", n,
           seconds, n / seconds, (double) b.max_gap / 1000.0);

  g_object_unref (b.sync);
  g_main_loop_unref (b.loop);
  nk_test_platform_stop (platform);
  nk_test_remove_tree (dir);
  nk_test_remove_tree (certs);
  return 0;
}
