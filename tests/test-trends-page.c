/* test-trends-page.c — the director's Trends page through the real
 * window: only the director has the tool; the three pictures get their
 * figures and say them in words (today's arrivals and the busiest quarter
 * hour, a rate per room, twelve months against the target); a check-out
 * while the page shows redraws today's picture; leaving the page lets go
 * of the figures.  The rooms and the months are read by a worker thread
 * on a connection of its own: the test waits for them.
 *
 * Like test-absence-page.c: the demo centre in a temporary database, its
 * door on an injected clock, the simulated reader, no sound. */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "core/nk-demo.h"
#include "core/nk-trends.h"
#include "devices/nk-reader-sim.h"
#include "nk-ui-test-util.h"
#include "views/nk-chart.h"
#include "views/nk-trends-page.h"
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

/* Monday 08:00: the three infants come; Tuesday 08:00 (+24 h): two of them. */
static void
setup (Fixture *f, gconstpointer data)
{
  f->door = nk_test_demo_door ("trends-page", &f->clock, &f->store, &f->dir);
  nk_door_set_debounce (f->door, 0);
  for (guint i = 0; i < G_N_ELEMENTS (infant_cards); i++)
    nk_tap_result_unref (nk_test_tap (f->door, infant_cards[i]));
  nk_test_clock_advance (&f->clock, HOURS (9));
  for (guint i = 0; i < G_N_ELEMENTS (infant_cards); i++)
    nk_tap_result_unref (nk_test_tap (f->door, infant_cards[i]));
  nk_test_clock_advance (&f->clock, HOURS (15));
  nk_tap_result_unref (nk_test_tap (f->door, infant_cards[0]));
  nk_tap_result_unref (nk_test_tap (f->door, infant_cards[1]));

  nk_ui_test_load_style ();
  f->reader = nk_ui_test_reader_new ();
  f->window = nk_window_new (NULL, f->door, f->reader, NULL);
  g_object_ref_sink (f->window);
  g_object_set (f->window, "result-seconds", 60, "staff-lock-seconds", 600, NULL);
  nk_ui_test_count_taps (f->reader, &f->handled);
  f->staff = nk_window_get_staff_page (f->window);
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

/* The visible, mapped button under root with this label. */
static GtkWidget *
button_labelled (GtkWidget *root, const char *label)
{
  g_autoptr (GPtrArray) buttons = g_ptr_array_new ();

  nk_ui_test_collect (root, GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_button_get_label (buttons->pdata[i]), label) == 0
        && gtk_widget_get_mapped (buttons->pdata[i]))
      return buttons->pdata[i];
  return NULL;
}

static gboolean
button_shown (Fixture *f, gconstpointer label)
{
  GtkWidget *button = button_labelled (GTK_WIDGET (f->window), label);

  return button != NULL && gtk_widget_get_height (button) > 0;
}

static void
open_staff (Fixture *f, const char *uid)
{
  nk_ui_test_tap (f->reader, &f->handled, uid);
  g_assert_true (wait_until (page_is, f, "staff"));
}

static NkTrendsPage *
trends_page (Fixture *f)
{
  return nk_ui_test_find_one (GTK_WIDGET (f->staff), NK_TYPE_TRENDS_PAGE);
}

static gboolean
today_says (Fixture *f, gconstpointer text)
{
  return strstr (nk_chart_get_description (nk_trends_page_get_today_chart (trends_page (f))), text) != NULL;
}

static gboolean
months_read (Fixture *f, gconstpointer data)
{
  NkTrendsPage *page = trends_page (f);

  return nk_chart_get_kind (nk_trends_page_get_months_chart (page)) == NK_CHART_MONTHS
         && nk_trends_page_get_n_rooms (page) > 0;
}

static void
test_director (Fixture *f, gconstpointer data)
{
  NkTrendsPage *page;
  NkChart *chart;
  const char *text;
  gboolean infants = FALSE;

  open_staff (f, NK_DEMO_UID_DIRECTOR);
  g_assert_true (wait_until (button_shown, f, "Trends"));
  g_signal_emit_by_name (button_labelled (GTK_WIDGET (f->window), "Trends"), "clicked");
  g_assert_true (wait_until (view_is, f, "trends"));
  page = trends_page (f);
  /* the rooms and the months come from the worker */
  g_assert_true (wait_until (months_read, f, NULL));

  /* today (Tuesday 08:00): two arrivals in the 08:00 quarter */
  chart = nk_trends_page_get_today_chart (page);
  g_assert_cmpint (nk_chart_get_kind (chart), ==, NK_CHART_TODAY);
  g_assert_cmpstr (nk_chart_get_name (chart), ==, "Arrivals and departures today, by quarter hour");
  text = nk_chart_get_description (chart);
  g_assert_nonnull (strstr (text, "Arrivals: 2 in all, the busiest quarter hour 08:00–08:15 with 2."));
  g_assert_nonnull (strstr (text, "Departures: none yet."));
  g_assert_nonnull (strstr (text, "08:00 hour: 2 in, 0 out"));
  g_assert_cmpuint (nk_chart_get_n_bars (chart), ==, 1);

  /* a room per room of the roster; the infants came on the one open day */
  g_assert_cmpuint (nk_trends_page_get_n_rooms (page), >=, 2);
  for (guint i = 0; i < nk_trends_page_get_n_rooms (page); i++)
    {
      chart = nk_trends_page_get_room_chart (page, i);
      g_assert_cmpint (nk_chart_get_kind (chart), ==, NK_CHART_RATE);
      g_assert_true (g_str_has_prefix (nk_chart_get_name (chart), "Attendance rate of "));
      text = nk_chart_get_description (chart);
      if (strstr (text, "attendance 100% on average over 1 open day;") != NULL)
        infants = TRUE;
      else
        g_assert_nonnull (strstr (text, "no children enrolled"));
    }
  g_assert_true (infants);

  /* twelve months, this one open on two days so far */
  chart = nk_trends_page_get_months_chart (page);
  g_assert_cmpint (nk_chart_get_kind (chart), ==, NK_CHART_MONTHS);
  g_assert_cmpuint (nk_chart_get_n_bars (chart), ==, 1);
  text = nk_chart_get_description (chart);
  g_assert_true (g_str_has_prefix (text, "Target 80%: 0 of 1 month met it."));
  g_assert_nonnull (strstr (text, " not open; "));
  g_assert_nonnull (strstr (text, " so far "));

  /* a child goes home while the page shows: today's picture follows */
  nk_ui_test_tap (f->reader, &f->handled, infant_cards[0]);
  g_assert_true (wait_until (page_is, f, "staff"));
  g_assert_true (wait_until (today_says, f, "Departures: 1 in all"));

  /* back to where the director came from (today's figures): the figures are let go */
  g_signal_emit_by_name (button_labelled (GTK_WIDGET (page), "Back"), "clicked");
  g_assert_true (wait_until (view_is, f, "dashboard"));
  g_assert_cmpint (nk_chart_get_kind (nk_trends_page_get_today_chart (page)), ==, NK_CHART_EMPTY);
  g_assert_cmpuint (nk_trends_page_get_n_rooms (page), ==, 0);
}

static void
test_caregiver (Fixture *f, gconstpointer data)
{
  open_staff (f, NK_DEMO_UID_CAREGIVER);
  /* the caregiver's tools are there, Trends is not */
  g_assert_true (wait_until (button_shown, f, "Absent"));
  g_assert_null (button_labelled (GTK_WIDGET (f->window), "Trends"));
}

int
main (int argc, char *argv[])
{
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_setenv ("LANGUAGE", "", TRUE);
  g_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/nk/trends-page/director", Fixture, NULL, setup, test_director, teardown);
  g_test_add ("/nk/trends-page/caregiver", Fixture, NULL, setup, test_caregiver, teardown);
  return g_test_run ();
}
