/* bench-staff-pin.c — the staff PIN pad's check: a PIN typed at the door
 * is compared with every staff member's PIN hash (a PIN is unique, so it
 * alone says who), in a worker thread.  Measures, for N staff with a PIN,
 * a right PIN (the last one checked, the worst case) and a wrong one (all
 * checked) from the sixth key to the answer on the main loop, and the
 * longest the main loop waited meanwhile (the door's taps go on).
 * Prints: pin_verify_ms right_max=… wrong_p50=… wrong_max=… pins=N
 *         pin_main_loop_gap_ms max=…
 *         pin_set_ms last=… (set-pin compares with every other PIN too) */
#include "config.h"

#include <stdlib.h>

#include "bench-data.h"
#include "core/nk-roster.h"
#include "core/nk-staff-pin.h"
#include "nk-test-util.h"

typedef struct {
  GAsyncResult *result;
  gint64        last_tick;
  gint64        max_gap;
} Wait;

static gboolean
tick (gpointer data)
{
  Wait *wait = data;
  gint64 now = g_get_monotonic_time ();

  wait->max_gap = MAX (wait->max_gap, now - wait->last_tick);
  wait->last_tick = now;
  return G_SOURCE_CONTINUE;
}

static void
on_verified (GObject *source, GAsyncResult *result, gpointer data)
{
  ((Wait *) data)->result = g_object_ref (result);
}

/* One try, timed from the call to the answer on the main loop. */
static double
try_pin (NkStaffPin *checker, const char *pin, NkPinOutcome want, Wait *wait)
{
  g_autoptr (NkPinAnswer) answer = NULL;
  gint64 t0 = g_get_monotonic_time ();
  double ms;

  wait->result = NULL;
  wait->last_tick = t0;
  nk_staff_pin_verify_async (checker, pin, on_verified, wait);
  while (wait->result == NULL)
    g_main_context_iteration (NULL, TRUE);
  ms = (g_get_monotonic_time () - t0) / 1000.0;
  answer = nk_staff_pin_verify_finish (checker, wait->result, NULL);
  g_clear_object (&wait->result);
  if (answer == NULL || answer->outcome != want)
    g_error ("PIN %s was not answered as expected", pin);
  return ms;
}

int
main (int argc, char *argv[])
{
  guint n = argc > 1 ? (guint) atoi (argv[1]) : 30;
  g_autofree char *dir = NULL;
  g_autoptr (NkStore) store = nk_test_store_new ("bench-pin", &dir);
  g_autoptr (GTimeZone) tz = g_time_zone_new_identifier ("Asia/Shanghai");
  g_autoptr (NkDoor) door = NULL;
  g_autoptr (GArray) wrong = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *last_pin = NULL;
  Wait wait = { 0 };
  double set_ms = 0, right_max = 0;
  guint source;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("S%03u", i);
      /* distinct, not weak: 3 digits of i, then 3 of a different stride */
      g_autofree char *pin = g_strdup_printf ("%03u%03u", (i * 37 + 101) % 1000, (i * 53 + 409) % 1000);
      gint64 t0;

      if (!nk_roster_put_staff (store, id, "Staff", NK_STAFF_CAREGIVER, NULL, NULL, NULL))
        g_error ("cannot add staff");
      t0 = g_get_monotonic_time ();
      if (!nk_staff_pin_set (store, id, pin, NULL))
        g_error ("cannot set PIN %s", pin);
      set_ms = (g_get_monotonic_time () - t0) / 1000.0;
      g_free (last_pin);
      last_pin = g_steal_pointer (&pin);
    }

  door = nk_test_door_new (store, tz, NULL);
  source = g_timeout_add (5, tick, &wait);
  for (guint i = 0; i < 4; i++)
    {
      double ms = try_pin (nk_door_get_staff_pin (door), "908172", NK_PIN_WRONG, &wait);

      g_array_append_val (wrong, ms);
      right_max = MAX (right_max, try_pin (nk_door_get_staff_pin (door), last_pin, NK_PIN_RIGHT, &wait));
    }
  g_source_remove (source);

  g_print ("pin_verify_ms right_max=%.0f wrong_p50=%.0f wrong_max=%.0f pins=%u\n", right_max,
           nk_bench_percentile (wrong, 50), nk_bench_percentile (wrong, 100), n);
  g_print ("pin_main_loop_gap_ms max=%.1f\n", wait.max_gap / 1000.0);
  g_print ("pin_set_ms last=%.0f\n", set_ms);
  nk_test_dir_remove (dir);
  return 0;
}
