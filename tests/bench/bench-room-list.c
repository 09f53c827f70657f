/* bench-room-list.c — staff mode's lists as the core keeps them
 * (NkRoomList, NkOpenStayList) over a roster of 2,000 children with a
 * year of history: made once, then brought up to date after each tap
 * while staff mode is open (the store's notification runs the update in
 * the tap's own call).
 * Prints: room_list_made_ms=…
 *         tap_with_lists_ms p50=… p95=… p99=… taps=… rooms=… children=… */
#include "config.h"

#include <stdlib.h>

#include "bench-data.h"
#include "core/nk-door.h"
#include "core/nk-open-stay-list.h"
#include "core/nk-room-list.h"
#include "nk-test-util.h"

int
main (int argc, char *argv[])
{
  g_autofree char *dir = g_dir_make_tmp ("nk-bench-room-list-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "kiosk.db", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (NkStore) store = NULL;
  g_autoptr (NkDoor) door = NULL;
  g_autoptr (NkRoomList) rooms = NULL;
  g_autoptr (NkOpenStayList) stays = NULL;
  g_autoptr (GTimeZone) tz = g_time_zone_new_identifier ("Asia/Shanghai");
  g_autoptr (GPtrArray) cards = NULL;
  g_autoptr (GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  guint taps = argc > 1 ? (guint) atoi (argv[1]) : 500;
  guint children = 0;
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

  t0 = g_get_monotonic_time ();
  rooms = nk_room_list_new (store, nk_door_get_centre (door));
  stays = nk_open_stay_list_new (store, nk_door_get_centre (door), 14);
  g_print ("room_list_made_ms=%.2f\n", (g_get_monotonic_time () - t0) / 1000.0);
  g_assert_null (nk_room_list_get_error (rooms));
  for (guint r = 0; r < g_list_model_get_n_items (G_LIST_MODEL (rooms)); r++)
    {
      g_autoptr (NkRoomItem) room = g_list_model_get_item (G_LIST_MODEL (rooms), r);

      children += g_list_model_get_n_items (nk_room_item_get_children (room));
    }

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

  g_print ("tap_with_lists_ms p50=%.2f p95=%.2f p99=%.2f taps=%u rooms=%u children=%u\n",
           nk_bench_percentile (samples, 50), nk_bench_percentile (samples, 95),
           nk_bench_percentile (samples, 99), taps, g_list_model_get_n_items (G_LIST_MODEL (rooms)),
           children);
  nk_test_dir_remove (dir);
  return 0;
}
