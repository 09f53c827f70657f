/* test-alarm-page.c — the one-key alarm at the window (nk-alarm-button.h,
 * nk-window-alarm.c), on the demo centre and an injected clock: the hold
 * control raises the alarm after 3 seconds held and not when let go
 * before; its activation (keyboard, screen reader) opens the confirm,
 * whose button raises it; the banner names who raised it and when on every
 * page, with its delivery state; the director cancels it with a reason
 * (other needs a note), nobody else sees "Cancel alarm"; and with the
 * banner open a 1024×600 door keeps its bottom bar ("Staff PIN") inside
 * the window, which stays the screen's height. */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "core/nk-alarm.h"
#include "devices/nk-reader-sim.h"
#include "nk-ui-test-util.h"
#include "views/nk-alarm-button.h"
#include "views/nk-window.h"

#define SECONDS(s) ((gint64) (s) * G_USEC_PER_SEC)
#define CAREGIVER_CARD "04C0FFEE"
#define DIRECTOR_CARD  "04D1EC70"

typedef struct {
  char        *dir;
  NkStore     *store;
  NkDoor      *door;
  NkTestClock  clock;
  NkReader    *reader;
  NkWindow    *window;
  NkStaffPage *staff;
  guint        handled;
  guint        raised;
} Fixture;

#define wait_until(cond, f, data) nk_test_wait_until ((NkTestCond) (cond), (f), (data))

static void
setup (Fixture *f, gconstpointer data)
{
  f->door = nk_test_demo_door ("alarm-page", &f->clock, &f->store, &f->dir);
  f->reader = nk_ui_test_reader_new ();
  f->window = nk_window_new (NULL, f->door, f->reader, NULL);
  g_object_ref_sink (f->window);
  g_object_set (f->window, "result-seconds", 60, "staff-lock-seconds", 3600, NULL);
  nk_window_expect_size (f->window, 1024, 600);
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

static gboolean
page_is (Fixture *f, gconstpointer name)
{
  return g_strcmp0 (nk_window_get_page_name (f->window), name) == 0;
}

static gboolean
banner_shown (Fixture *f, gconstpointer data)
{
  return nk_window_get_alarm_banner (f->window) != NULL;
}

static gboolean
banner_gone (Fixture *f, gconstpointer data)
{
  return nk_window_get_alarm_banner (f->window) == NULL;
}

static gboolean
siren_off (Fixture *f, gconstpointer data)
{
  return !nk_window_get_siren_on (f->window);
}

static gboolean
cancel_shown (Fixture *f, gconstpointer data)
{
  return nk_window_get_alarm_cancel_shown (f->window);
}

static gboolean
raised (Fixture *f, gconstpointer n)
{
  return f->raised >= GPOINTER_TO_UINT (n);
}

static gboolean
fraction_above (Fixture *f, gconstpointer data)
{
  return nk_alarm_button_get_fraction (NK_ALARM_BUTTON ((gpointer) data)) > 0.3;
}

static gboolean
confirm_is (Fixture *f, gconstpointer button)
{
  return nk_alarm_button_get_confirm_shown (NK_ALARM_BUTTON ((gpointer) button));
}

static gboolean
confirm_closed (Fixture *f, gconstpointer button)
{
  return !nk_alarm_button_get_confirm_shown (NK_ALARM_BUTTON ((gpointer) button));
}

static void
on_raise (NkAlarmButton *button, Fixture *f)
{
  f->raised++;
}

static NkAlarmButton *
staff_alarm_button (Fixture *f)
{
  return nk_ui_test_find_one (GTK_WIDGET (f->staff), NK_TYPE_ALARM_BUTTON);
}

static void
open_staff (Fixture *f, const char *card)
{
  nk_ui_test_tap (f->reader, &f->handled, card);
  g_assert_true (wait_until (page_is, f, "staff"));
}

static gint64
n_alarms (Fixture *f)
{
  return nk_test_count (f->store, "SELECT count(*) FROM alarms");
}

/* Held 3 s on the door's clock: "raise" once, the bar full on the way;
 * let go at 2.5 s: nothing.  On a control alone, then the staff page's. */
static void
test_hold (Fixture *f, gconstpointer data)
{
  g_autoptr (GtkWidget) button = g_object_ref_sink (nk_alarm_button_new (nk_door_get_centre (f->door)));
  NkAlarmButton *alarm = NK_ALARM_BUTTON (button);

  g_signal_connect (alarm, "raise", G_CALLBACK (on_raise), f);
  nk_alarm_button_begin_hold (alarm);
  nk_test_clock_advance (&f->clock, SECONDS (1));
  g_assert_true (wait_until (fraction_above, f, alarm));
  nk_test_clock_advance (&f->clock, SECONDS (3) / 2);
  nk_alarm_button_end_hold (alarm);
  g_assert_cmpfloat (nk_alarm_button_get_fraction (alarm), ==, 0);
  nk_test_clock_advance (&f->clock, SECONDS (5));
  /* a hold let go raises nothing, however long one waits after */
  g_assert_true (nk_test_wait_until ((NkTestCond) page_is, f, "idle"));
  g_assert_cmpuint (f->raised, ==, 0);

  nk_alarm_button_begin_hold (alarm);
  nk_test_clock_advance (&f->clock, SECONDS (3));
  g_assert_true (wait_until (raised, f, GUINT_TO_POINTER (1)));
  g_assert_cmpfloat (nk_alarm_button_get_fraction (alarm), ==, 0);
  nk_alarm_button_end_hold (alarm);
  g_assert_cmpuint (f->raised, ==, 1);

  /* the staff page's control records it for whoever opened staff mode */
  open_staff (f, CAREGIVER_CARD);
  alarm = staff_alarm_button (f);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (alarm)));
  nk_alarm_button_begin_hold (alarm);
  nk_test_clock_advance (&f->clock, SECONDS (2));
  g_assert_true (wait_until (fraction_above, f, alarm));
  nk_alarm_button_end_hold (alarm);
  g_assert_cmpint (n_alarms (f), ==, 0);
  nk_alarm_button_begin_hold (alarm);
  nk_test_clock_advance (&f->clock, SECONDS (3));
  g_assert_true (wait_until (banner_shown, f, NULL));
  g_assert_cmpint (n_alarms (f), ==, 1);
  nk_test_assert_text (f->store, "SELECT by_id FROM alarms", "S002");
}

/* Keyboard or screen reader: activating it opens the confirm; its
 * "Raise the alarm" raises it, its "Cancel" does not.  The control is a
 * named, described button. */
static void
test_activate (Fixture *f, gconstpointer data)
{
  NkAlarmButton *alarm;
  GtkWidget *inner;
  g_autoptr (GPtrArray) buttons = g_ptr_array_new ();

  open_staff (f, CAREGIVER_CARD);
  alarm = staff_alarm_button (f);
  nk_ui_test_collect (GTK_WIDGET (alarm), GTK_TYPE_BUTTON, buttons);
  inner = buttons->pdata[0];
  g_assert_true (gtk_widget_activate (inner));
  g_assert_true (wait_until (confirm_is, f, alarm));
  g_assert_cmpint (n_alarms (f), ==, 0);
  /* the confirm's Cancel */
  g_assert_cmpuint (buttons->len, ==, 3);
  g_signal_emit_by_name (buttons->pdata[2], "clicked");
  g_assert_true (wait_until (confirm_closed, f, alarm));
  g_assert_cmpint (n_alarms (f), ==, 0);
  /* again, and Raise the alarm */
  g_assert_true (gtk_widget_activate (inner));
  g_assert_true (wait_until (confirm_is, f, alarm));
  g_signal_emit_by_name (buttons->pdata[1], "clicked");
  g_assert_true (wait_until (banner_shown, f, NULL));
  g_assert_cmpint (n_alarms (f), ==, 1);
}

/* The banner: who and when, on every page (door, staff), its delivery
 * state; a second alarm while it is open records nothing. */
static void
test_banner (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *time = nk_centre_format_time (nk_door_get_centre (f->door), f->clock.real_us);

  g_assert_null (nk_window_get_alarm_banner (f->window));
  id = nk_alarm_raise (f->store, nk_door_get_centre (f->door), "S002", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (wait_until (banner_shown, f, NULL));
  expected = g_strdup_printf ("Alarm raised by 张老师 at %s", time);
  g_assert_cmpstr (nk_window_get_alarm_banner (f->window), ==, expected);
  g_assert_cmpstr (nk_window_get_alarm_state (f->window), ==, "Not delivered: no platform link");
  g_assert_true (nk_window_get_siren_on (f->window));
  g_assert_false (nk_window_get_alarm_cancel_shown (f->window));
  /* the siren repeats for a minute, then the banner alone stays */
  nk_test_clock_advance (&f->clock, SECONDS (59));
  g_assert_true (nk_window_get_siren_on (f->window));
  nk_test_clock_advance (&f->clock, SECONDS (2));
  g_assert_true (wait_until (siren_off, f, NULL));
  g_assert_cmpstr (nk_window_get_alarm_banner (f->window), ==, expected);
  open_staff (f, CAREGIVER_CARD);
  g_assert_cmpstr (nk_window_get_alarm_banner (f->window), ==, expected);
  g_assert_false (nk_window_get_alarm_cancel_shown (f->window));
  /* a caregiver who tries anyway is told who can */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "alarm.open-cancel", NULL));
  g_assert_false (nk_window_get_alarm_dialog_shown (f->window));
  g_assert_nonnull (strstr (nk_window_get_last_notice (f->window), "Only the director cancels the alarm"));
}

static void
choose_reason (Fixture *f, const char *label)
{
  g_autoptr (GPtrArray) toggles = g_ptr_array_new ();

  nk_ui_test_collect (GTK_WIDGET (f->window), GTK_TYPE_TOGGLE_BUTTON, toggles);
  for (guint i = 0; i < toggles->len; i++)
    if (g_strcmp0 (gtk_button_get_label (toggles->pdata[i]), label) == 0
        && gtk_widget_has_css_class (gtk_widget_get_parent (gtk_widget_get_parent (toggles->pdata[i])),
                                     "nk-alarm-dialog"))
      {
        gtk_toggle_button_set_active (toggles->pdata[i], TRUE);
        return;
      }
  g_error ("no reason %s", label);
}

static GtkEntry *
note_entry (Fixture *f)
{
  g_autoptr (GPtrArray) entries = g_ptr_array_new ();

  nk_ui_test_collect (GTK_WIDGET (f->window), GTK_TYPE_ENTRY, entries);
  for (guint i = 0; i < entries->len; i++)
    if (g_strcmp0 (gtk_entry_get_placeholder_text (entries->pdata[i]), "Note (required for Other)") == 0)
      return entries->pdata[i];
  g_error ("no note entry");
}

/* The director's staff mode: "Cancel alarm", the dialog; no reason and
 * "other" without a note are refused on screen; "other" with its note
 * cancels it, the banner goes everywhere. */
static void
test_director_cancel (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *id = nk_alarm_raise (f->store, nk_door_get_centre (f->door), "S002", NULL, &error);

  g_assert_no_error (error);
  g_assert_true (wait_until (banner_shown, f, NULL));
  open_staff (f, DIRECTOR_CARD);
  g_assert_true (wait_until (cancel_shown, f, NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "alarm.open-cancel", NULL));
  g_assert_true (nk_window_get_alarm_dialog_shown (f->window));
  /* no reason */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "alarm.cancel", NULL));
  g_assert_true (nk_window_get_alarm_dialog_shown (f->window));
  g_assert_nonnull (nk_window_get_alarm_banner (f->window));
  /* other without a note */
  choose_reason (f, "Other");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "alarm.cancel", NULL));
  g_assert_true (nk_window_get_alarm_dialog_shown (f->window));
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM alarm_cancels"), ==, 0);
  /* with its note */
  gtk_editable_set_text (GTK_EDITABLE (note_entry (f)), "a parent pressed it");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "alarm.cancel", NULL));
  g_assert_true (wait_until (banner_gone, f, NULL));
  g_assert_false (nk_window_get_alarm_dialog_shown (f->window));
  g_assert_false (nk_window_get_siren_on (f->window));
  nk_test_assert_text (f->store, "SELECT reason || ' ' || note || ' ' || director_id FROM alarm_cancels",
                       "other a parent pressed it S001");
}

/* The window's height and whether widget lies inside it. */
static void
assert_inside (Fixture *f, GtkWidget *widget, const char *what)
{
  graphene_rect_t bounds;
  int height = gtk_widget_get_height (GTK_WIDGET (f->window));

  g_assert_true (gtk_widget_compute_bounds (widget, GTK_WIDGET (f->window), &bounds));
  g_test_message ("%s: %.0f–%.0f of a window %d×%d", what, bounds.origin.y,
                  bounds.origin.y + bounds.size.height, gtk_widget_get_width (GTK_WIDGET (f->window)), height);
  g_assert_cmpint (height, <=, 600);
  g_assert_cmpfloat (bounds.origin.y, >=, 0);
  g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=, height);
}

/* widget is laid out inside the window: the idle page leaves out its
 * tap picture a frame after a banner took its height (nk-idle-page.c),
 * so this is waited for; a window grown past the screen is caught by
 * assert_inside. */
static gboolean
settled (Fixture *f, gconstpointer data)
{
  GtkWidget *widget = GTK_WIDGET ((gpointer) data);
  graphene_rect_t bounds;

  return gtk_widget_get_mapped (widget) && gtk_widget_get_height (widget) > 0
         && gtk_widget_compute_bounds (widget, GTK_WIDGET (f->window), &bounds)
         && bounds.origin.y + bounds.size.height <= gtk_widget_get_height (GTK_WIDGET (f->window));
}

/* The banner has finished unfolding (its label laid out). */
static gboolean
banner_revealed (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) labels = g_ptr_array_new ();
  const char *text = nk_window_get_alarm_banner (f->window);

  nk_ui_test_collect (GTK_WIDGET (f->window), GTK_TYPE_LABEL, labels);
  for (guint i = 0; text != NULL && i < labels->len; i++)
    if (g_strcmp0 (gtk_label_get_label (labels->pdata[i]), text) == 0)
      {
        GtkWidget *r = gtk_widget_get_ancestor (labels->pdata[i], GTK_TYPE_REVEALER);

        return gtk_revealer_get_child_revealed (GTK_REVEALER (r)) && gtk_widget_get_height (labels->pdata[i]) > 0;
      }
  return FALSE;
}

static GtkWidget *
pin_button (Fixture *f)
{
  g_autoptr (GPtrArray) buttons = g_ptr_array_new ();

  nk_ui_test_collect (GTK_WIDGET (nk_window_get_idle_page (f->window)), GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_actionable_get_action_name (buttons->pdata[i]), "kiosk.staff-pin") == 0)
      return buttons->pdata[i];
  g_error ("no Staff PIN button");
}

/* At 1024×600 with the alarm banner open (and the outbreak banner too),
 * the door's bottom bar and the staff page's content stay in a window of
 * the screen's height; a screenshot to look at. */
static void
test_fits (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *id = NULL;
  GtkWidget *window = GTK_WIDGET (f->window);
  GtkWidget *content = gtk_window_get_child (GTK_WINDOW (window));
  int min_height;

  id = nk_alarm_raise (f->store, nk_door_get_centre (f->door), "S002", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (wait_until (banner_shown, f, NULL));
  gtk_widget_measure (content, GTK_ORIENTATION_VERTICAL, 1024, &min_height, NULL, NULL, NULL);
  g_test_message ("with the alarm banner the window asks for at least %d px at 1024", min_height);
  g_assert_cmpint (min_height, <=, 600);
  g_assert_true (wait_until (banner_revealed, f, NULL));
  g_assert_true (wait_until (settled, f, pin_button (f)));
  assert_inside (f, pin_button (f), "the idle page's Staff PIN");
  nk_ui_test_save_png (GTK_WINDOW (f->window), "alarm-idle-1024x600.png");

  open_staff (f, DIRECTOR_CARD);
  gtk_widget_measure (content, GTK_ORIENTATION_VERTICAL, 1024, &min_height, NULL, NULL, NULL);
  g_test_message ("in the director's staff mode at least %d px", min_height);
  g_assert_cmpint (min_height, <=, 600);
  g_assert_true (wait_until (settled, f, staff_alarm_button (f)));
  assert_inside (f, GTK_WIDGET (staff_alarm_button (f)), "the staff page's alarm control");
  g_assert_true (gtk_widget_activate_action (window, "alarm.open-cancel", NULL));
  nk_test_wait_until ((NkTestCond) page_is, f, "staff");
  gtk_widget_measure (content, GTK_ORIENTATION_VERTICAL, 1024, &min_height, NULL, NULL, NULL);
  g_test_message ("with the cancel dialog at least %d px", min_height);
  g_assert_cmpint (min_height, <=, 600);
}

int
main (int argc, char *argv[])
{
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_setenv ("LANGUAGE", "", TRUE);
  g_test_init (&argc, &argv, NULL);
  adw_init ();
  nk_ui_test_load_style ();

#define ADD(path, fn) g_test_add ("/nk/alarm-page/" path, Fixture, NULL, setup, fn, teardown)
  ADD ("hold", test_hold);
  ADD ("activate", test_activate);
  ADD ("banner", test_banner);
  ADD ("director-cancel", test_director_cancel);
  ADD ("fits-1024x600", test_fits);
  return g_test_run ();
}
