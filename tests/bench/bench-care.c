/* bench-care.c — the care log on the 2,000-child, year-of-history centre:
 * a room of 20 children checked in, each with a morning's care (breakfast,
 * water, a diaper, a mood; one with a fever), then
 *   care_room_paint_ms p50=… p99=… runs=…  the room page of those 20
 *       opened (its day read, tiles built) and painted (the frame
 *       clock's "after-paint"), in a 1024×600 window;
 *   care_room_meal_ms  p50=… p99=… runs=…  a lunch for the room, three
 *       exceptions, one action: 20 rows and events committed.
 *   bench-care [RUNS]   (default 200) */
#include "config.h"

#include <adwaita.h>
#include <stdlib.h>

#include "bench-data.h"
#include "core/nk-care-log.h"
#include "core/nk-door.h"
#include "nk-test-util.h"
#include "views/nk-care-page.h"

typedef struct {
  GtkWindow  *window;
  NkCarePage *page;
  gboolean    waiting;
  gint64      t0;
  GArray     *samples;
} Paint;

/* A room with 20 active children and a caregiver of it. */
static char *
room_of_twenty (NkStore *store, char **staff_id)
{
  char *room = nk_test_text (store, "SELECT room_id FROM children WHERE active = 1 GROUP BY room_id "
                             "HAVING count (*) = 20 ORDER BY room_id LIMIT 1");
  g_autofree char *sql = NULL;

  if (room == NULL)
    g_error ("no room of 20 children in the centre");
  sql = g_strdup_printf ("SELECT id FROM staff WHERE room_id = '%s' LIMIT 1", room);
  *staff_id = nk_test_text (store, sql);
  return room;
}

static void
check_in_room (NkStore *store, NkDoor *door, const char *room)
{
  g_autofree char *sql = g_strdup_printf ("SELECT k.uid FROM cards k JOIN children c ON k.holder_kind = 'child' "
                                          "AND k.holder_id = c.id WHERE c.room_id = '%s'", room);
  sqlite3_stmt *stmt = NULL;

  g_assert_true (sqlite3_prepare_v2 (nk_store_get_db (store), sql, -1, &stmt, NULL) == SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (NkTapResult) result = nk_door_tap (door, (const char *) sqlite3_column_text (stmt, 0), &error);

      g_assert_no_error (error);
    }
  sqlite3_finalize (stmt);
}

static void
record_room (NkStore *store, NkDoor *door, const NkActor *actor, const char *room, const NkCareEntry *e,
             const NkCareException *ex, guint n_ex)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (NkCareResult) result = nk_care_record_room (store, nk_door_get_centre (door), actor, room, e,
                                                         ex, n_ex, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (result->ids->len, ==, 20);
}

static void
morning (NkStore *store, NkDoor *door, const NkActor *actor, const char *room, const char *feverish)
{
  NkCareEntry breakfast = { .what = NK_CARE_MEAL, .slot = "breakfast", .portion = "all" };
  NkCareEntry water = { .what = NK_CARE_WATER, .ml = 120 };
  NkCareEntry diaper = { .what = NK_CARE_DIAPER, .diaper = "wet" };
  NkCareEntry mood = { .what = NK_CARE_MOOD, .mood = "happy" };
  NkCareEntry normal = { .what = NK_CARE_TEMPERATURE, .tenths = 366 };
  NkCareEntry fever = { .what = NK_CARE_TEMPERATURE, .tenths = 378 };
  NkCareException hot = { feverish, &fever };

  record_room (store, door, actor, room, &breakfast, NULL, 0);
  record_room (store, door, actor, room, &water, NULL, 0);
  record_room (store, door, actor, room, &diaper, NULL, 0);
  record_room (store, door, actor, room, &mood, NULL, 0);
  record_room (store, door, actor, room, &normal, &hot, 1);
}

static void
after_paint (GdkFrameClock *clock, Paint *paint)
{
  double ms;

  if (!paint->waiting)
    return;
  ms = (g_get_monotonic_time () - paint->t0) / 1000.0;
  g_array_append_val (paint->samples, ms);
  paint->waiting = FALSE;
}

static void
bench_paint (NkDoor *door, const char *room, const char *staff, guint runs)
{
  Paint paint = { .samples = g_array_new (FALSE, FALSE, sizeof (double)) };

  paint.page = NK_CARE_PAGE (nk_care_page_new ());
  paint.window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (paint.window, 1024, 600);
  gtk_window_set_child (paint.window, GTK_WIDGET (paint.page));
  gtk_window_present (paint.window);
  nk_care_page_open (paint.page, door, staff, room, room);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (paint.window)), "after-paint",
                    G_CALLBACK (after_paint), &paint);
  for (guint i = 0; i < runs; i++)
    {
      /* a page that held nothing: the day read, every tile made */
      nk_care_page_clear (paint.page);
      paint.t0 = g_get_monotonic_time ();
      nk_care_page_open (paint.page, door, staff, room, room);
      g_assert_cmpuint (nk_care_page_get_n_children (paint.page), ==, 20);
      paint.waiting = TRUE;
      gtk_widget_queue_draw (GTK_WIDGET (paint.window));
      while (paint.waiting)
        g_main_context_iteration (NULL, TRUE);
    }
  g_print ("care_room_paint_ms p50=%.1f p99=%.1f max=%.1f runs=%u\n",
           nk_bench_percentile (paint.samples, 50), nk_bench_percentile (paint.samples, 99),
           nk_bench_percentile (paint.samples, 100), runs);
  gtk_window_destroy (paint.window);
  g_array_unref (paint.samples);
}

static void
bench_meal (NkStore *store, NkDoor *door, const NkActor *actor, const char *room, GStrv some, guint runs)
{
  g_autoptr (GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  NkCareEntry lunch = { .what = NK_CARE_MEAL, .slot = "lunch", .portion = "all" };
  NkCareEntry half = { .what = NK_CARE_MEAL, .slot = "lunch", .portion = "half" };
  NkCareException ex[] = { { some[0], &half }, { some[1], &half }, { some[2], &half } };

  for (guint i = 0; i < runs; i++)
    {
      gint64 start = g_get_monotonic_time ();
      double ms;

      record_room (store, door, actor, room, &lunch, ex, G_N_ELEMENTS (ex));
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (samples, ms);
    }
  g_print ("care_room_meal_ms p50=%.2f p99=%.2f max=%.2f runs=%u children=20\n",
           nk_bench_percentile (samples, 50), nk_bench_percentile (samples, 99),
           nk_bench_percentile (samples, 100), runs);
}

int
main (int argc, char *argv[])
{
  g_autofree char *dir = g_dir_make_tmp ("nk-bench-care-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "kiosk.db", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (NkStore) store = NULL;
  g_autoptr (NkDoor) door = NULL;
  g_autoptr (GTimeZone) tz = g_time_zone_new_identifier ("Asia/Shanghai");
  g_autofree char *room = NULL, *staff = NULL, *sql = NULL;
  g_auto (GStrv) some = NULL;
  g_autofree char *three = NULL;
  NkActor actor;
  guint runs = argc > 1 ? (guint) atoi (argv[1]) : 200;
  gint64 t0;

  gtk_init ();
  adw_init ();
  t0 = g_get_monotonic_time ();
  if (!nk_bench_make_centre (path, 2000, 365, &error))
    g_error ("cannot make the centre: %s", error->message);
  g_print ("# centre made in %.1f s\n", (g_get_monotonic_time () - t0) / 1e6);
  store = nk_store_open (path, &error);
  g_assert_no_error (error);
  door = nk_test_door_new (store, tz, NULL);
  nk_door_set_debounce (door, 0);

  room = room_of_twenty (store, &staff);
  actor = (NkActor) { "staff", staff };
  check_in_room (store, door, room);
  sql = g_strdup_printf ("SELECT group_concat (id) FROM (SELECT id FROM children WHERE room_id = '%s' "
                         "ORDER BY id LIMIT 3)", room);
  three = nk_test_text (store, sql);
  some = g_strsplit (three, ",", -1);
  morning (store, door, &actor, room, some[0]);

  bench_paint (door, room, staff, runs);
  bench_meal (store, door, &actor, room, some, runs);
  nk_test_dir_remove (dir);
  return 0;
}
