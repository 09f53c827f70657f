/* test-dashboard-page.c — the director's "Today" through the real window:
 * the director's card lands on it (a caregiver's on the rooms); a row per
 * room saying its figures and its ratio in words and colour class; a line
 * opens the list behind it (the absence list, the page's own names); a
 * check-in at the door while it shows is read again; leaving it lets go
 * of the figures.
 *
 * Like test-trends-page.c: the demo centre in a temporary database, its
 * door on an injected clock, the simulated reader, no sound. */
#include "config.h"

#include <adwaita.h>
#include <locale.h>
#include <string.h>

#include "core/nk-demo.h"
#include "core/nk-roster.h"
#include "core/nk-staff-clock.h"
#include "devices/nk-reader-sim.h"
#include "nk-ui-test-util.h"
#include "views/nk-dashboard-page.h"
#include "views/nk-window.h"

#define HOURS(h) ((gint64) (h) * 3600 * G_USEC_PER_SEC)

/* Infant room (R1): demo children 1, 4 and 7. */
static const char *const infant_cards[] = { "30000000", "30000003", "30000006" };

typedef struct {
  char        *dir;
  NkStore     *store;
  NkDoor      *door;
  NkTestClock  clock;
  NkReader    *reader;
  NkWindow    *window;
  NkStaffPage *staff;
  guint        handled;
} Fixture;

#define wait_until(cond, f, data) nk_test_wait_until ((NkTestCond) (cond), (f), (data))

static gboolean
page_is (Fixture *f, gconstpointer name)
{
  return g_strcmp0 (nk_window_get_page_name (f->window), name) == 0;
}

static gboolean
view_is (Fixture *f, gconstpointer name)
{
  return g_strcmp0 (nk_staff_page_get_view (f->staff), name) == 0;
}

static void
setup (Fixture *f, gconstpointer data)
{
  f->door = nk_test_demo_door ("dashboard-page", &f->clock, &f->store, &f->dir);
  nk_door_set_debounce (f->door, 0);
  nk_ui_test_load_style ();
  f->reader = nk_ui_test_reader_new ();
  f->window = nk_window_new (NULL, f->door, f->reader, NULL);
  g_object_ref_sink (f->window);
  g_object_set (f->window, "result-seconds", 1, "staff-lock-seconds", 600, NULL);
  if (data != NULL)
    {
      const int *size = data;

      nk_window_expect_size (f->window, size[0], size[1]);
    }
  nk_ui_test_count_taps (f->reader, &f->handled);
  f->staff = nk_window_get_staff_page (f->window);
  nk_ui_test_show (GTK_WINDOW (f->window));   /* 1024×600 */
  if (data != NULL && ((const int *) data)[0] > 1024)
    gtk_window_fullscreen (GTK_WINDOW (f->window));   /* the headless screen's 1920×1080 */
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

static NkDashboardPage *
dashboard (Fixture *f)
{
  return nk_ui_test_find_one (GTK_WIDGET (f->staff), NK_TYPE_DASHBOARD_PAGE);
}

static void
open_staff (Fixture *f, const char *uid)
{
  nk_ui_test_tap (f->reader, &f->handled, uid);
  g_assert_true (wait_until (page_is, f, "staff"));
}

/* The row of the infant room (the first: youngest first) says text. */
static gboolean
infants_say (Fixture *f, gconstpointer text)
{
  NkDashboardPage *page = dashboard (f);
  g_autofree char *said = NULL;

  if (nk_dashboard_page_get_n_rooms (page) == 0)
    return FALSE;
  said = nk_dashboard_page_describe (nk_dashboard_page_get_room_row (page, 0));
  return said != NULL && strstr (said, text) != NULL;
}

static void
test_director_lands (Fixture *f, gconstpointer data)
{
  NkDashboardPage *page;
  GtkWidget *row;
  g_autofree char *said = NULL;
  g_autofree char *line = NULL;
  guint reads;

  open_staff (f, NK_DEMO_UID_DIRECTOR);
  g_assert_true (wait_until (view_is, f, "dashboard"));
  page = dashboard (f);
  g_assert_cmpuint (nk_dashboard_page_get_n_rooms (page), >=, 3);

  /* nobody here yet: within, said in words */
  row = nk_dashboard_page_get_room_row (page, 0);
  said = nk_dashboard_page_describe (row);
  g_assert_true (g_str_has_prefix (said, "Infant room: 0 of "));
  g_assert_true (g_str_has_suffix (said, " places, 0 caregivers, ratio within"));
  g_assert_true (gtk_widget_has_css_class (row, "nk-ratio-within"));
  line = nk_dashboard_page_describe (nk_dashboard_page_get_line_row (page, NK_DASHBOARD_NOT_ARRIVED));
  g_assert_cmpstr (line, ==, "Expected, not arrived: 0");
  g_assert_nonnull (nk_dashboard_page_get_sync_row (page));

  /* an infant checked in at the door while the page shows, no caregiver
   * of the room clocked in: read again, red and said so */
  reads = nk_dashboard_page_get_reads (page);
  nk_ui_test_tap (f->reader, &f->handled, infant_cards[0]);
  g_assert_true (wait_until (page_is, f, "staff"));
  g_assert_true (wait_until (infants_say, f, ": 1 of "));
  g_assert_cmpuint (nk_dashboard_page_get_reads (page), >, reads);
  g_assert_true (infants_say (f, "ratio below"));
  g_assert_true (gtk_widget_has_css_class (nk_dashboard_page_get_room_row (page, 0), "nk-ratio-below"));
  g_clear_pointer (&line, g_free);
  line = nk_dashboard_page_describe (nk_dashboard_page_get_line_row (page, NK_DASHBOARD_HEALTH_PENDING));
  g_assert_cmpstr (line, ==, "Health check not done: 1");

  /* a line of the page's own: the names behind it, and back */
  g_signal_emit_by_name (nk_dashboard_page_get_line_row (page, NK_DASHBOARD_HEALTH_PENDING), "clicked");
  g_assert_cmpstr (nk_dashboard_page_get_names_shown (page), ==, "health-pending");
  g_assert_cmpuint (nk_dashboard_page_get_n_names (page), ==, 1);
  gtk_widget_activate_action (GTK_WIDGET (page), "dashboard.figures", NULL);
  g_assert_cmpstr (nk_dashboard_page_get_names_shown (page), ==, "");

  /* a line with a page of its own: the absence list; back returns here */
  g_signal_emit_by_name (nk_dashboard_page_get_line_row (page, NK_DASHBOARD_NOT_ARRIVED), "clicked");
  g_assert_true (wait_until (view_is, f, "absence"));
  g_assert_cmpuint (nk_dashboard_page_get_n_rooms (page), ==, 0);   /* let go while hidden */
  gtk_widget_activate_action (GTK_WIDGET (f->staff), "staff.back", NULL);
  g_assert_true (wait_until (view_is, f, "dashboard"));
  g_assert_true (wait_until (infants_say, f, ": 1 of "));

  /* the rooms overview, then the tool "Today" back */
  gtk_widget_activate_action (GTK_WIDGET (page), "dashboard.overview", NULL);
  g_assert_true (wait_until (view_is, f, "overview"));
  gtk_widget_activate_action (GTK_WIDGET (f->staff), "dashboard.open", NULL);
  g_assert_true (wait_until (view_is, f, "dashboard"));
}

/* A room at the limit is amber: 3 infants, the caregiver of the room
 * moved there and clocked in. */
static void
test_amber (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (NkTapResult) clock = NULL;

  g_assert_true (nk_roster_put_staff (f->store, "S002", "张老师", NK_STAFF_CAREGIVER, NULL, "R1", &error));
  g_assert_no_error (error);
  clock = nk_staff_clock_pin (nk_door_get_staff_clock (f->door), "S002", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (infant_cards); i++)
    nk_tap_result_unref (nk_test_tap (f->door, infant_cards[i]));
  open_staff (f, NK_DEMO_UID_DIRECTOR);
  g_assert_true (wait_until (view_is, f, "dashboard"));
  g_assert_true (wait_until (infants_say, f, ": 3 of "));
  g_assert_true (infants_say (f, "1 caregiver, ratio at the limit"));
  g_assert_true (gtk_widget_has_css_class (nk_dashboard_page_get_room_row (dashboard (f), 0), "nk-ratio-at-limit"));
}

/* A caregiver keeps the rooms. */
static void
test_caregiver_keeps_rooms (Fixture *f, gconstpointer data)
{
  open_staff (f, NK_DEMO_UID_CAREGIVER);
  g_assert_true (wait_until (view_is, f, "overview"));
  g_assert_cmpuint (nk_dashboard_page_get_n_rooms (dashboard (f)), ==, 0);
}

static gboolean
banner_says (Fixture *f, gconstpointer text)
{
  const char *banner = nk_window_get_ratio_banner (f->window);

  return banner != NULL && g_strcmp0 (banner, text) == 0;
}

/* The Staff PIN button of the door is on the screen, whole, with the
 * banner open (the idle page leaves its picture out when short): its
 * label, inside the window's height. */
static gboolean
pin_on_screen (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) labels = g_ptr_array_new ();
  int height = ((const int *) data)[1];   /* the screen's, not the window's: it may grow past it */

  nk_ui_test_collect (GTK_WIDGET (nk_window_get_idle_page (f->window)), GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    {
      graphene_rect_t bounds;

      if (g_strcmp0 (gtk_label_get_label (labels->pdata[i]), "Staff PIN") != 0
          || !gtk_widget_get_mapped (labels->pdata[i])
          || !gtk_widget_compute_bounds (labels->pdata[i], GTK_WIDGET (f->window), &bounds))
        continue;
      g_test_message ("Staff PIN at %g–%g of %d", bounds.origin.y, bounds.origin.y + bounds.size.height, height);
      return bounds.size.height > 0 && bounds.origin.y + bounds.size.height <= height;
    }
  return FALSE;
}

/* An infant in, nobody of the infant room clocked in: after
 * ratio.breach-minutes (5) on the door's clock, the banner on every
 * screen, and at 1024×600 the door's bottom bar still on screen; the
 * room back within the ratio folds it. */
static void
test_ratio_banner (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (NkTapResult) clock = NULL;
  const int *size = data;
  NkRatioWatch *watch = nk_window_get_ratio_watch (f->window);

  nk_ratio_set_breach_minutes (5);
  nk_tap_result_unref (nk_test_tap (f->door, infant_cards[0]));
  nk_ratio_watch_update (watch);
  g_assert_null (nk_window_get_ratio_banner (f->window));
  nk_test_clock_advance (&f->clock, (gint64) 5 * 60 * G_USEC_PER_SEC);
  nk_ratio_watch_update (watch);
  g_assert_true (wait_until (banner_says, f, "Infant room below ratio since 08:00: 0 caregivers for 1 child"));
  g_assert_true (wait_until (page_is, f, "idle"));
  g_assert_true (wait_until (pin_on_screen, f, size));
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (f->window)), <=, size[1]);

  /* the infant room's caregiver clocks in: back within, the banner folds */
  g_assert_true (nk_roster_put_staff (f->store, "S002", "张老师", NK_STAFF_CAREGIVER, NULL, "R1", &error));
  g_assert_no_error (error);
  clock = nk_staff_clock_pin (nk_door_get_staff_clock (f->door), "S002", &error);
  g_assert_no_error (error);
  g_assert_null (nk_window_get_ratio_banner (f->window));
}

static const int small[] = { 1024, 600 };
static const int large[] = { 1920, 1080 };

int
main (int argc, char *argv[])
{
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_setenv ("LANGUAGE", "", TRUE);
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add ("/nk/dashboard-page/director-lands", Fixture, NULL, setup, test_director_lands, teardown);
  g_test_add ("/nk/dashboard-page/amber", Fixture, NULL, setup, test_amber, teardown);
  g_test_add ("/nk/dashboard-page/caregiver-keeps-rooms", Fixture, NULL, setup, test_caregiver_keeps_rooms,
              teardown);
  g_test_add ("/nk/dashboard-page/ratio-banner-1024x600", Fixture, small, setup, test_ratio_banner, teardown);
  g_test_add ("/nk/dashboard-page/ratio-banner-1920x1080", Fixture, large, setup, test_ratio_banner, teardown);
  return g_test_run ();
}
