/* test-day-view.c — the parent's day at pick-up, in the real window with
 * real services (a temporary demo centre, the simulated reader, an NkSync
 * that is configured and enrolled but never started): the day after a
 * check-out and not after a check-in, with the report's QR code; gone by
 * itself after day-seconds; the next card served at once; two children of
 * a guardian side by side; the incident's acknowledgement.  The layout of
 * topics the sources of other kinds add is checked on a day built with the
 * public nk_child_day_add_line () and handed to the widget. */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "core/nk-demo.h"
#include "core/nk-door.h"
#include "core/nk-roster.h"
#include "core/nk-store-private.h"
#include "devices/nk-reader-sim.h"
#include "nk-ui-test-util.h"
#include "sync/nk-enrol.h"
#include "views/nk-day-view.h"
#include "views/nk-window.h"

#define SECONDS(s) ((gint64) (s) * G_USEC_PER_SEC)
#define INCIDENT_ID "7d1c3a52-4b8e-4c1f-9f0e-2a6b5c4d3e21"

typedef struct {
  char        *dir;
  NkStore     *store;
  NkDoor      *door;
  NkReader    *reader;
  NkConfig    *config;
  NkSync      *sync;
  NkWindow    *window;
  NkTestClock  clock;
  guint        handled;
} Fixture;

#define wait_until(cond, f, data) nk_test_wait_until ((NkTestCond) (cond), (f), (data))

static gboolean
page_is (Fixture *f, gconstpointer name)
{
  return g_strcmp0 (nk_window_get_page_name (f->window), name) == 0;
}

static void
tap (Fixture *f, const char *uid, gint64 seconds_later)
{
  nk_test_clock_advance (&f->clock, SECONDS (seconds_later));
  nk_ui_test_tap (f->reader, &f->handled, uid);
}

static NkResultPage *
result_page (Fixture *f)
{
  return nk_window_get_result_page (f->window);
}

static void
setup (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *token_path = NULL;

  f->door = nk_test_demo_door ("day-view", &f->clock, &f->store, &f->dir);
  nk_door_set_debounce (f->door, 0);

  /* enrolled with a platform: what the QR code of the day needs */
  f->config = nk_config_new ();
  f->config->platform_url = g_strdup ("https://platform.test/");
  f->config->data_dir = g_strdup (f->dir);
  token_path = g_build_filename (f->dir, NK_ENROL_TOKEN_FILE, NULL);
  g_assert_true (nk_enrol_write_token (token_path, "test-token-0123456789abcdef", &error));
  g_assert_true (nk_store_set_meta (f->store, NK_ENROL_CENTRE_ID_KEY, "centre-1", &error));
  g_assert_no_error (error);
  f->sync = nk_sync_new (f->store, NULL, f->config);

  f->reader = nk_ui_test_reader_new ();
  f->window = g_object_new (NK_TYPE_WINDOW, "door", f->door, "reader", f->reader,
                            "sync", f->sync, "result-seconds", 60, "day-seconds", 60,
                            "ack-seconds", 60, NULL);
  g_object_ref_sink (f->window);
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
  g_clear_object (&f->sync);
  g_clear_pointer (&f->config, nk_config_free);
  nk_test_door_close (&f->door, &f->store, &f->dir);
}

/* No day at check-in; at check-out the child's day with the arrival line
 * and the QR code of the signed report link. */
static void
test_after_check_out (Fixture *f, gconstpointer data)
{
  NkDayView *day;
  const char *link;

  tap (f, NK_DEMO_UID_CHILD, 0);
  g_assert_cmpstr (nk_result_page_get_tone (result_page (f)), ==, "in");
  g_assert_cmpuint (nk_result_page_get_n_days (result_page (f)), ==, 0);

  tap (f, NK_DEMO_UID_CHILD, 8 * 3600);
  g_assert_cmpstr (nk_result_page_get_tone (result_page (f)), ==, "out");
  g_assert_cmpuint (nk_result_page_get_n_days (result_page (f)), ==, 1);
  day = nk_result_page_get_day (result_page (f), 0);
  g_assert_cmpstr (nk_day_view_get_child_id (day), ==, "D0001");
  g_assert_cmpuint (nk_day_view_get_n_lines (day), ==, 1);
  g_assert_cmpstr (nk_day_view_get_line (day, 0), ==, "Arrival, 08:00, Arrived");
  g_assert_cmpuint (nk_day_view_get_n_pending (day), ==, 0);

  link = nk_qr_code_get_text (nk_day_view_get_qr (day));
  g_assert_true (g_str_has_prefix (link, "https://platform.test/families/day/centre-1/D0001/2026-11-23?d="));
  g_assert_nonnull (strstr (link, nk_store_get_device_id (f->store)));
  g_assert_cmpuint (strlen (strstr (link, "&s=") + 3), ==, 32);
  g_assert_cmpuint (nk_qr_code_get_size (nk_day_view_get_qr (day)), >, 0);
}

static gboolean
is_idle (Fixture *f, gconstpointer data)
{
  return page_is (f, "idle");
}

/* The day stays day-seconds, longer than a plain result, then goes. */
static void
test_timeout (Fixture *f, gconstpointer data)
{
  gint64 shown;

  g_object_set (f->window, "result-seconds", 1, "day-seconds", 3, NULL);
  tap (f, NK_DEMO_UID_CHILD, 0);
  g_assert_true (wait_until (is_idle, f, NULL));
  tap (f, NK_DEMO_UID_CHILD, 3600);
  shown = g_get_monotonic_time ();
  g_assert_cmpuint (nk_result_page_get_n_days (result_page (f)), ==, 1);
  g_assert_true (wait_until (is_idle, f, NULL));
  g_assert_cmpint (g_get_monotonic_time () - shown, >=, SECONDS (3) - 100000);
}

/* An incident waiting keeps the day ack-seconds, longer than day-seconds. */
static void
test_incident_keeps (Fixture *f, gconstpointer data)
{
  NkDayView *day;
  gint64 shown;

  g_object_set (f->window, "day-seconds", 1, "ack-seconds", 3, NULL);
  tap (f, NK_DEMO_UID_CHILD, 0);
  tap (f, NK_DEMO_UID_CHILD, 3600);
  shown = g_get_monotonic_time ();
  day = nk_result_page_get_day (result_page (f), 0);
  nk_child_day_add_line (nk_day_set_find (nk_day_view_get_set (day), "D0001"), NK_DAY_INCIDENT,
                         NK_TEST_MONDAY_8AM_US + SECONDS (1800), 0, "Fell in the garden", NULL, NULL,
                         INCIDENT_ID, NK_DAY_LINE_NEEDS_ACK);
  nk_day_view_refresh (day);
  g_assert_cmpuint (nk_result_page_get_n_pending (result_page (f)), ==, 1);
  g_assert_true (wait_until (is_idle, f, NULL));
  g_assert_cmpint (g_get_monotonic_time () - shown, >=, SECONDS (3) - 100000);
}

/* The day cannot be read (a table gone, as a damaged database would
 * have it): the check-out stands, and the screen and the journal say
 * the day is missing. */
static void
test_day_missing (Fixture *f, gconstpointer data)
{
  tap (f, NK_DEMO_UID_CHILD, 0);
  g_assert_cmpint (sqlite3_exec (nk_store_get_db (f->store), "DROP TABLE incident_acks", NULL, NULL,
                                 NULL), ==, SQLITE_OK);
  g_test_expect_message ("nk-door", G_LOG_LEVEL_MESSAGE, "confirmed check-out *");
  /* the store calls SQL that cannot be prepared a bug: a warning */
  g_test_expect_message ("nk-core", G_LOG_LEVEL_WARNING, "Cannot prepare*no such table: incident_acks");
  g_test_expect_message ("nk-door", G_LOG_LEVEL_MESSAGE, "The day of child D0001 cannot be shown:*");
  tap (f, NK_DEMO_UID_CHILD, 3600);
  g_test_assert_expected_messages ();
  g_assert_cmpstr (nk_result_page_get_tone (result_page (f)), ==, "out");
  g_assert_cmpuint (nk_result_page_get_n_days (result_page (f)), ==, 0);
  g_assert_cmpstr (nk_result_page_get_message (result_page (f)), ==,
                   "Today's record cannot be shown now — please ask a member of staff");
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM attendance WHERE kind = 'out'"), ==, 1);
}

/* The next card is served at once while a day shows; the day gives way. */
static void
test_next_tap (Fixture *f, gconstpointer data)
{
  tap (f, NK_DEMO_UID_CHILD, 0);
  tap (f, NK_DEMO_UID_CHILD, 3600);
  g_assert_cmpuint (nk_result_page_get_n_days (result_page (f)), ==, 1);

  tap (f, NK_DEMO_UID_GUARDIAN_TWO, 1);
  g_assert_cmpstr (nk_window_get_page_name (f->window), ==, "family");
  g_assert_cmpuint (nk_result_page_get_n_days (result_page (f)), ==, 0);
}

static void
choose_both (Fixture *f)
{
  NkFamilyPage *family = nk_window_get_family_page (f->window);

  g_assert_cmpstr (nk_window_get_page_name (f->window), ==, "family");
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (nk_family_page_get_tile (family, 0)), TRUE);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (nk_family_page_get_tile (family, 1)), TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (family), "family.confirm", NULL));
  g_assert_cmpstr (nk_window_get_page_name (f->window), ==, "result");
}

/* A guardian of two checks both out: both days, side by side. */
static void
test_two_children (Fixture *f, gconstpointer data)
{
  NkDayView *first, *second;

  tap (f, NK_DEMO_UID_GUARDIAN_TWO, 0);
  choose_both (f);
  g_assert_cmpuint (nk_result_page_get_n_days (result_page (f)), ==, 0);

  tap (f, NK_DEMO_UID_GUARDIAN_TWO, 3600);
  choose_both (f);
  g_assert_cmpstr (nk_result_page_get_tone (result_page (f)), ==, "out");
  g_assert_cmpuint (nk_result_page_get_n_days (result_page (f)), ==, 2);
  first = nk_result_page_get_day (result_page (f), 0);
  second = nk_result_page_get_day (result_page (f), 1);
  g_assert_cmpstr (nk_day_view_get_child_id (first), !=, nk_day_view_get_child_id (second));
  /* 李娜 brought them: the arrival line names her */
  g_assert_cmpstr (nk_day_view_get_line (first, 0), ==, "Arrival, 08:00, Arrived · 李娜");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (first), "nk-narrow"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (second), "nk-narrow"));

  /* an incident on one: the guardian who chose answers, one button, no name */
  nk_child_day_add_line (nk_day_set_get (nk_day_view_get_set (second), 0), NK_DAY_INCIDENT,
                         NK_TEST_MONDAY_8AM_US + SECONDS (1800), 0, "Bumped a knee", NULL, NULL, INCIDENT_ID,
                         NK_DAY_LINE_NEEDS_ACK);
  nk_day_view_refresh (second);
  g_assert_cmpstr (gtk_button_get_label (nk_day_view_get_ack_button (second, 0)), ==, "I have read it");
  g_assert_null (nk_day_view_get_ack_button (second, 1));
  g_assert_null (nk_day_view_get_ack_button (first, 0));
  g_signal_emit_by_name (nk_day_view_get_ack_button (second, 0), "clicked");
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM incident_acks WHERE guardian_id = 'DG001' "
                                  "AND child_id = (SELECT id FROM children WHERE name = '刘子轩')"), ==, 1);
  g_assert_cmpuint (nk_result_page_get_n_pending (result_page (f)), ==, 0);
}

/* An incident waits for one of the child's guardians: one button each
 * after a child's own card; one touch records it, and the wait is over. */
static void
test_acknowledge (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *by = NULL;
  NkDayView *day;
  GtkButton *button;

  g_assert_true (nk_roster_link (f->store, "D0001", "DG001", TRUE, &error));
  tap (f, NK_DEMO_UID_CHILD, 0);
  tap (f, NK_DEMO_UID_CHILD, 3600);
  day = nk_result_page_get_day (result_page (f), 0);
  /* an incident line as the incidents source adds it */
  nk_child_day_add_line (nk_day_set_find (nk_day_view_get_set (day), "D0001"), NK_DAY_INCIDENT,
                         NK_TEST_MONDAY_8AM_US + SECONDS (1800), 0, "Fell in the garden", "knee grazed",
                         "张老师", INCIDENT_ID, NK_DAY_LINE_FLAGGED | NK_DAY_LINE_NEEDS_ACK);
  nk_day_view_refresh (day);
  g_assert_cmpuint (nk_result_page_get_n_pending (result_page (f)), ==, 1);
  g_assert_cmpstr (nk_day_view_get_line (day, 1), ==,
                   "Please note: Incidents, 08:30, Fell in the garden · knee grazed");
  button = nk_day_view_get_ack_button (day, 0);
  g_assert_nonnull (button);
  g_assert_null (nk_day_view_get_ack_button (day, 1));
  g_assert_cmpstr (gtk_button_get_label (button), ==, "I have read it — 李娜");

  /* someone who is not the child's guardian: said on screen and in the journal */
  g_test_expect_message ("nk-door", G_LOG_LEVEL_MESSAGE, "Incident acknowledgement not saved:*");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (day), "day.acknowledge", "(ss)",
                                             INCIDENT_ID, "DG002"));
  g_test_assert_expected_messages ();
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM incident_acks"), ==, 0);
  g_assert_cmpuint (nk_day_view_get_n_pending (day), ==, 1);

  /* what a touch on it does */
  g_signal_emit_by_name (button, "clicked");
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM incident_acks WHERE incident_id = '"
                                  INCIDENT_ID "' AND guardian_id = 'DG001' AND child_id = 'D0001'"), ==, 1);
  by = nk_test_text (f->store, "SELECT by_kind FROM incident_acks");
  g_assert_cmpstr (by, ==, "guardian");
  g_assert_cmpuint (nk_result_page_get_n_pending (result_page (f)), ==, 0);
  g_assert_null (nk_day_view_get_ack_button (day, 0));
  /* still there for the family to read, no longer waiting */
  g_assert_cmpstr (nk_day_view_get_line (day, 1), ==,
                   "Please note: Incidents, 08:30, Fell in the garden · knee grazed");
}

/* Lines of every topic, as the other kinds' sources add them, grouped by
 * topic in the topics' order and in time order inside one. */
static void
test_layout (Fixture *f, gconstpointer data)
{
  const gint64 monday = NK_TEST_MONDAY_8AM_US;
  g_autoptr (GError) error = NULL;
  g_autoptr (GTimeZone) tz = g_time_zone_new_identifier ("Asia/Shanghai");
  NkDayView *view = g_object_ref_sink (NK_DAY_VIEW (nk_day_view_new ()));
  NkDaySet *set;
  NkChildDay *day;
  const char *expected[] = {
    "Arrival, 08:00, Arrived",
    "Health check, 08:05, Morning check · 36.6 °C, admitted",
    "Meals, 08:30, Breakfast · ate all",
    "Meals, 11:45, Lunch · ate half",
    "Naps, 12:30–14:30, Nap",
    "Diapers, 10:00, Wet",
    "Please note: Temperature, 15:00, 37.6 °C",
    "Notes, 16:00, A happy day",
  };

  tap (f, NK_DEMO_UID_CHILD, 0);
  set = nk_day_set_load_child (f->store, nk_door_get_centre (f->door), "D0001", "2026-11-23", &error);
  g_assert_no_error (error);
  day = nk_day_set_find (set, "D0001");
  nk_child_day_add_line (day, NK_DAY_NOTE, monday + SECONDS (8 * 3600), 0, "A happy day", NULL, NULL, "n1", 0);
  nk_child_day_add_line (day, NK_DAY_MEAL, monday + SECONDS (13500), 0, "Lunch", "ate half", NULL, "m2", 0);
  nk_child_day_add_line (day, NK_DAY_MEAL, monday + SECONDS (1800), 0, "Breakfast", "ate all", NULL, "m1", 0);
  nk_child_day_add_line (day, NK_DAY_NAP, monday + SECONDS (16200), monday + SECONDS (23400),
                         "Nap", NULL, NULL, "p1", 0);
  nk_child_day_add_line (day, NK_DAY_HEALTH, monday + SECONDS (300), 0, "Morning check",
                         "36.6 °C, admitted", NULL, "h1", 0);
  nk_child_day_add_line (day, NK_DAY_TEMPERATURE, monday + SECONDS (7 * 3600), 0, "37.6 °C",
                         NULL, NULL, "t1", NK_DAY_LINE_FLAGGED);
  nk_child_day_add_line (day, NK_DAY_DIAPER, monday + SECONDS (7200), 0, "Wet", NULL, NULL, "d1", 0);

  nk_day_view_show (view, set, tz, NULL, NULL);
  g_assert_cmpuint (nk_day_view_get_n_lines (view), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (nk_day_view_get_line (view, i), ==, expected[i]);
  /* no link, no code; nothing waits, no button */
  g_assert_cmpuint (nk_qr_code_get_size (nk_day_view_get_qr (view)), ==, 0);
  g_assert_null (nk_day_view_get_ack_button (view, 0));
  g_object_unref (view);
}

static gboolean
painted (Fixture *f, gconstpointer data)
{
  return gtk_widget_get_width (GTK_WIDGET (f->window)) > 0;
}

/* Not a check: with NK_DAY_SHOT_DIR set (and NK_DAY_SHOT_SIZE=1920 for a
 * 1920×1080 window; LC_ALL for the language), writes the day of a child
 * with lines of many topics and an incident waiting, to look at. */
static void
test_screenshot (Fixture *f, gconstpointer data)
{
  gboolean large = g_strcmp0 (g_getenv ("NK_DAY_SHOT_SIZE"), "1920") == 0;
  g_autofree char *path = g_strdup_printf ("%s/day-%s-%s.png", g_getenv ("NK_DAY_SHOT_DIR"),
                                           large ? "1920" : "1024", _("Checked out"));
  g_autoptr (GError) error = NULL;
  NkDayView *day;
  NkChildDay *child;
  gint64 t = NK_TEST_MONDAY_8AM_US;

  gtk_window_set_default_size (GTK_WINDOW (f->window), large ? 1920 : 1024, large ? 1080 : 600);
  g_assert_true (nk_roster_link (f->store, "D0001", "DG001", TRUE, &error));
  g_assert_true (nk_roster_link (f->store, "D0001", "DG002", TRUE, &error));
  tap (f, NK_DEMO_UID_CHILD, 0);
  tap (f, NK_DEMO_UID_CHILD, 8 * 3600);
  day = nk_result_page_get_day (result_page (f), 0);
  child = nk_day_set_find (nk_day_view_get_set (day), "D0001");
  nk_child_day_add_line (child, NK_DAY_HEALTH, t + SECONDS (300), 0, _("Health check"), "36.6 °C", NULL, "h1", 0);
  nk_child_day_add_line (child, NK_DAY_MEAL, t + SECONDS (1800), 0, "早餐", "全部吃完", NULL, "m1", 0);
  nk_child_day_add_line (child, NK_DAY_MEAL, t + SECONDS (13500), 0, "午餐", "吃了一半", NULL, "m2", 0);
  nk_child_day_add_line (child, NK_DAY_NAP, t + SECONDS (16200), t + SECONDS (23400), "午睡", NULL, NULL, "p1", 0);
  nk_child_day_add_line (child, NK_DAY_DIAPER, t + SECONDS (7200), 0, "尿湿", NULL, NULL, "d1", 0);
  nk_child_day_add_line (child, NK_DAY_INCIDENT, t + SECONDS (9000), 0, "户外摔倒",
                         "膝盖擦伤，已清洗", NULL, INCIDENT_ID, NK_DAY_LINE_FLAGGED | NK_DAY_LINE_NEEDS_ACK);
  nk_child_day_add_line (child, NK_DAY_NOTE, t + SECONDS (25200), 0, "今天很开心", NULL, NULL, "n1", 0);
  nk_day_view_refresh (day);
  g_assert_true (wait_until (painted, f, NULL));
  for (guint i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);

  nk_ui_test_save_png (GTK_WINDOW (f->window), path);
}

int
main (int argc, char *argv[])
{
  if (g_getenv ("NK_DAY_SHOT_DIR") == NULL || g_getenv ("LC_ALL") == NULL)
    g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_setenv ("LANGUAGE", "", TRUE);
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("NK_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_test_init (&argc, &argv, NULL);
  adw_init ();
  nk_ui_test_load_style ();

#define ADD(path, fn) g_test_add ("/nk/day-view/" path, Fixture, NULL, setup, fn, teardown)
  ADD ("after-check-out", test_after_check_out);
  ADD ("timeout", test_timeout);
  ADD ("incident-keeps", test_incident_keeps);
  ADD ("day-missing", test_day_missing);
  ADD ("next-tap", test_next_tap);
  ADD ("two-children", test_two_children);
  ADD ("acknowledge", test_acknowledge);
  ADD ("layout", test_layout);
  if (g_getenv ("NK_DAY_SHOT_DIR") != NULL)
    ADD ("screenshot", test_screenshot);
#undef ADD

  return g_test_run ();
}
