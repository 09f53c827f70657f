/* test-sleep-page.c — naps and sleep checks through the real window, under
 * Xvfb: a nap started in staff mode, the check due (the banner names the
 * child in staff mode), the check recorded in two touches (position, OK)
 * with the front-sleeping infant flagged at once, and an overdue check's
 * banner on the idle door page (rooms only) and on a family's result.
 * The wall clock is the test's; the watch is made to look, as its timer
 * does, once the clock has moved. */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "core/nk-demo.h"
#include "core/nk-door.h"
#include "devices/nk-reader-sim.h"
#include "nk-ui-test-util.h"
#include "views/nk-sleep-page.h"
#include "views/nk-staff-page-sleep.h"
#include "views/nk-window.h"

#define MINUTES(m) ((gint64) (m) * 60 * G_USEC_PER_SEC)
#define INFANT_CARD "30000000"   /* C0001, the demo's infant room (6 months old) */

typedef struct {
  char        *dir;
  NkStore     *store;
  NkDoor      *door;
  NkReader    *reader;
  NkWindow    *window;
  NkTestClock  clock;
  guint        handled;
} Fixture;

#define wait_until(cond, f, data) nk_test_wait_until ((NkTestCond) (cond), (f), (data))

static void
tap (Fixture *f, const char *uid)
{
  nk_ui_test_tap (f->reader, &f->handled, uid);
}

/* The clock moves; the watch looks, as its timer would. */
static void
advance (Fixture *f, gint64 us)
{
  nk_test_clock_advance (&f->clock, us);
  nk_sleep_watch_update (nk_window_get_sleep_watch (f->window));
}

static void
setup (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->door = nk_test_demo_door ("sleep-page", &f->clock, &f->store, &f->dir);
  nk_door_set_debounce (f->door, 0);
  f->reader = nk_ui_test_reader_new ();

  f->window = nk_window_new (NULL, f->door, f->reader, NULL);
  g_object_ref_sink (f->window);
  g_object_set (f->window, "result-seconds", 60, "staff-lock-seconds", 3600, NULL);
  nk_ui_test_count_taps (f->reader, &f->handled);
  nk_ui_test_show (GTK_WINDOW (f->window));
}

static void
teardown (Fixture *f, gconstpointer data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->window);
  nk_reader_stop (f->reader);
  g_clear_object (&f->reader);
  nk_test_door_close (&f->door, &f->store, &f->dir);
}

static NkSleepPage *
open_sleep_page (Fixture *f)
{
  NkStaffPage *staff = nk_window_get_staff_page (f->window);

  tap (f, NK_DEMO_UID_CAREGIVER);
  g_assert_cmpstr (nk_window_get_page_name (f->window), ==, "staff");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (staff), "care.sleep-checks", "s", ""));
  g_assert_cmpstr (nk_staff_page_get_view (staff), ==, "sleep");
  return NK_SLEEP_PAGE (nk_staff_page_get_sleep_page (staff));
}

static void
test_nap_check_overdue (Fixture *f, gconstpointer data)
{
  g_autofree char *name = nk_test_text (f->store, "SELECT name FROM children WHERE id = 'C0001'");
  NkStaffPage *staff;
  NkSleepPage *page;
  const char *banner;

  tap (f, INFANT_CARD);
  page = open_sleep_page (f);
  staff = nk_window_get_staff_page (f->window);
  g_assert_cmpuint (nk_sleep_page_get_n_children (page), ==, 0);

  /* the nap: one touch */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "care.nap", "s", "C0001"));
  g_assert_cmpint (nk_test_count (f->store, "SELECT count (*) FROM naps WHERE child_id = 'C0001' "
                                  "AND end_us IS NULL"), ==, 1);
  g_assert_cmpuint (nk_sleep_page_get_n_children (page), ==, 1);
  g_assert_null (nk_window_get_sleep_banner (f->window, FALSE));

  /* ten minutes on: due, and staff mode's banner names the child */
  advance (f, MINUTES (10));
  banner = nk_window_get_sleep_banner (f->window, FALSE);
  g_assert_nonnull (banner);
  g_assert_nonnull (strstr (banner, name));
  g_assert_null (nk_window_get_sleep_banner (f->window, TRUE));

  /* two touches: on the front, OK — flagged at once (6 months old) */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "sleep.record", "s", "C0001"));
  g_assert_cmpint (nk_test_count (f->store, "SELECT count (*) FROM sleep_checks"), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "sleep.position", "(ss)", "C0001",
                                             "front"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "sleep.record", "s", "C0001"));
  g_assert_cmpint (nk_test_count (f->store, "SELECT count (*) FROM sleep_checks WHERE position = 'front' "
                                  "AND flagged AND breathing_ok AND colour_ok AND by_id = 'S002'"), ==, 1);
  g_assert_nonnull (nk_sleep_page_get_warning (page));
  g_assert_nonnull (strstr (nk_sleep_page_get_warning (page), name));
  g_assert_null (nk_window_get_sleep_banner (f->window, FALSE));

  /* no check for more than two intervals: overdue, escalated once */
  advance (f, MINUTES (21));
  g_assert_nonnull (nk_window_get_sleep_banner (f->window, TRUE));
  g_assert_cmpint (nk_test_count (f->store, "SELECT count (*) FROM outbox WHERE type = 'sleep_check.overdue' "
                                  "AND payload LIKE '%\"by_kind\":\"system\"%'"), ==, 1);

  /* the door page: the overdue banner names the room, never the child */
  nk_window_go_idle (f->window);
  g_assert_cmpstr (nk_window_get_page_name (f->window), ==, "idle");
  banner = nk_window_get_sleep_banner (f->window, TRUE);
  g_assert_nonnull (banner);
  g_assert_nonnull (strstr (banner, "Infant room"));
  g_assert_null (strstr (banner, name));
  g_assert_null (nk_window_get_sleep_banner (f->window, FALSE));

  /* and on a family's result */
  tap (f, NK_DEMO_UID_CHILD);
  g_assert_cmpstr (nk_window_get_page_name (f->window), ==, "result");
  g_assert_nonnull (nk_window_get_sleep_banner (f->window, TRUE));
  g_assert_null (nk_window_get_sleep_banner (f->window, FALSE));
  g_assert_cmpint (nk_test_count (f->store, "SELECT count (*) FROM outbox WHERE type = 'sleep_check.overdue'"),
                   ==, 1);
  g_assert_nonnull (strstr (nk_staff_page_sleep_get_status (staff), "nap started"));
  g_assert_nonnull (strstr (nk_staff_page_sleep_get_status (staff), name));
}

/* The door screen's "due" banner names the room only. */
static void
test_due_door (Fixture *f, gconstpointer data)
{
  g_autofree char *name = nk_test_text (f->store, "SELECT name FROM children WHERE id = 'C0001'");
  NkSleepPage *page;
  const char *banner;

  tap (f, INFANT_CARD);
  page = open_sleep_page (f);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "care.nap", "s", "C0001"));
  nk_window_go_idle (f->window);
  advance (f, MINUTES (10));
  banner = nk_window_get_sleep_banner (f->window, FALSE);
  g_assert_nonnull (banner);
  g_assert_nonnull (strstr (banner, "Infant room"));
  g_assert_null (strstr (banner, name));
}

/* The room's nap time: one touch, a nap for each child here and awake,
 * in one record; again, and the page says everyone is asleep already. */
static void
test_room_nap_time (Fixture *f, gconstpointer data)
{
  NkStaffPage *staff;
  NkSleepPage *page;

  tap (f, INFANT_CARD);
  tap (f, "30000003");
  tap (f, NK_DEMO_UID_CAREGIVER);
  staff = nk_window_get_staff_page (f->window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (staff), "care.sleep-checks", "s", "R1"));
  page = NK_SLEEP_PAGE (nk_staff_page_get_sleep_page (staff));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "sleep.nap-room", NULL));
  g_assert_cmpint (nk_test_count (f->store, "SELECT count (*) FROM naps WHERE end_us IS NULL"), ==, 2);
  g_assert_cmpint (nk_test_count (f->store, "SELECT count (DISTINCT at_us) FROM naps"), ==, 1);
  g_assert_cmpuint (nk_sleep_page_get_n_children (page), ==, 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "sleep.nap-room", NULL));
  g_assert_cmpstr (nk_sleep_page_get_message (page), ==, "Every child here is napping already");
  g_assert_cmpint (nk_test_count (f->store, "SELECT count (*) FROM naps"), ==, 2);
}

/* A nap refused (the child is not checked in): said in staff mode,
 * nothing recorded. */
static void
test_nap_refused (Fixture *f, gconstpointer data)
{
  NkStaffPage *staff;

  open_sleep_page (f);
  staff = nk_window_get_staff_page (f->window);
  g_test_expect_message ("nk-views", G_LOG_LEVEL_MESSAGE, "Nap of child C0001 not saved:*not checked in*");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (staff), "care.nap", "s", "C0001"));
  g_test_assert_expected_messages ();
  g_assert_nonnull (strstr (nk_staff_page_sleep_get_status (staff), "not checked in"));
  g_assert_cmpint (nk_test_count (f->store, "SELECT count (*) FROM naps"), ==, 0);
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/nk/sleep-page/nap-check-overdue", Fixture, NULL, setup, test_nap_check_overdue, teardown);
  g_test_add ("/nk/sleep-page/due-door", Fixture, NULL, setup, test_due_door, teardown);
  g_test_add ("/nk/sleep-page/room-nap-time", Fixture, NULL, setup, test_room_nap_time, teardown);
  g_test_add ("/nk/sleep-page/nap-refused", Fixture, NULL, setup, test_nap_refused, teardown);
  return g_test_run ();
}
