/* test-health-forms.c — the health check and medicine forms of staff
 * mode, driven as a caregiver touches them: the number pad and ±0.1, the
 * toggles and the outcome, yellow refused without what to watch, the
 * morning queue offering the next child, and a medicine handed over with
 * the parent's own card tapped at the door (the claim, its countdown),
 * then given, and refused as a second dose until "give anyway". */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "core/nk-demo.h"
#include "core/nk-health-check.h"
#include "core/nk-medicine.h"
#include "nk-ui-test-util.h"
#include "views/nk-health-check-form.h"
#include "views/nk-medicine-form.h"
#include "views/nk-observation-form.h"
#include "views/nk-staff-page.h"

#define SECONDS(s) ((gint64) (s) * G_USEC_PER_SEC)

typedef struct {
  char        *dir;
  NkStore     *store;
  NkDoor      *door;
  NkTestClock  clock;
  GtkWindow   *window;
  NkStaffPage *page;
} Fixture;

static void
setup (Fixture *f, gconstpointer data)
{
  g_autoptr (NkTapResult) caregiver = NULL;

  f->door = nk_test_demo_door ("health-forms", &f->clock, &f->store, &f->dir);
  nk_door_set_debounce (f->door, 0);

  f->window = nk_ui_test_staff_window (f->door, &f->page);

  caregiver = nk_test_tap (f->door, NK_DEMO_UID_CAREGIVER);
  nk_staff_page_open (f->page, caregiver);
}

static void
teardown (Fixture *f, gconstpointer data)
{
  gtk_window_destroy (f->window);
  nk_test_door_close (&f->door, &f->store, &f->dir);
}

/* The button under root whose label is label, once it is drawn (a
 * revealer shows it after its transition starts); NULL when there is
 * none at all. */
static GtkWidget *
button_labelled (GtkWidget *root, const char *label)
{
  g_autoptr (GPtrArray) buttons = g_ptr_array_new ();
  GtkWidget *found = NULL;

  nk_ui_test_collect (root, GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len && found == NULL; i++)
    if (g_strcmp0 (gtk_button_get_label (buttons->pdata[i]), label) == 0 && gtk_widget_get_visible (buttons->pdata[i]))
      found = buttons->pdata[i];
  for (guint n = 0; found != NULL && !gtk_widget_is_drawable (found) && n < 1000; n++)
    g_main_context_iteration (NULL, TRUE);
  return found != NULL && gtk_widget_is_drawable (found) ? found : NULL;
}

/* A touch: the button's own "clicked", as the pointer gives it. */
static void
touch (GtkWidget *root, const char *label)
{
  GtkWidget *button = button_labelled (root, label);

  if (button == NULL)
    g_error ("no button “%s” on screen", label);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

static void
wait_drawn (GtkWidget *widget)
{
  while (!gtk_widget_is_drawable (widget))
    g_main_context_iteration (NULL, TRUE);
}

static NkHealthCheckForm *
health_form (Fixture *f)
{
  return nk_ui_test_find_one (GTK_WIDGET (f->page), NK_TYPE_HEALTH_CHECK_FORM);
}

static NkMedicineForm *
medicine_form (Fixture *f)
{
  return nk_ui_test_find_one (GTK_WIDGET (f->page), NK_TYPE_MEDICINE_FORM);
}

/* 王小明 and 刘子轩 (both of 张老师's room): the pad, the toggles, yellow
 * refused without what to watch, then the queue offers the next child. */
static void
test_health_check_form (Fixture *f, gconstpointer data)
{
  g_autoptr (NkTapResult) ming = nk_test_tap (f->door, NK_DEMO_UID_CHILD);
  GtkWidget *form;
  g_autoptr (NkHealthCheckEntry) entry = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_nonnull (nk_attendance_manual (nk_door_get_attendance (f->door), "S002", "D0003",
                                          NK_DIRECTION_IN, "forgot card", &error));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "care.health-check", "s", "D0001"));
  g_assert_cmpstr (nk_staff_page_get_view (f->page), ==, "health-check");
  form = GTK_WIDGET (health_form (f));
  wait_drawn (form);
  g_assert_cmpstr (nk_health_check_form_get_child_id (NK_HEALTH_CHECK_FORM (form)), ==, "D0001");
  g_assert_false (gtk_widget_is_sensitive (button_labelled (form, "Save")));

  /* 3 7 6, back, 5: 37.5; −0.1 twice: 37.3 */
  touch (form, "3");
  touch (form, "7");
  touch (form, "6");
  g_assert_nonnull (button_labelled (form, "Save"));
  g_assert_true (gtk_widget_is_sensitive (button_labelled (form, "Save")));
  touch (form, "3");          /* a fourth digit starts again */
  g_assert_false (gtk_widget_is_sensitive (button_labelled (form, "Save")));
  touch (form, "7");
  touch (form, "5");
  touch (form, "−0.1");
  touch (form, "−0.1");
  touch (form, "Feels hot to the touch");
  touch (form, "Admit and watch");
  touch (form, "Save");
  /* yellow without what to watch: refused, said on the form */
  g_assert_nonnull (nk_health_check_form_get_error (NK_HEALTH_CHECK_FORM (form)));
  g_assert_nonnull (strstr (nk_health_check_form_get_error (NK_HEALTH_CHECK_FORM (form)), "watch"));
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM health_checks"), ==, 0);

  touch (form, "Temperature");
  touch (form, "Save");
  g_assert_null (nk_health_check_form_get_error (NK_HEALTH_CHECK_FORM (form)));
  g_assert_true (nk_health_check_find (f->store, "D0001", "2026-11-23", NK_HEALTH_MORNING, &entry, &error));
  g_assert_cmpint (entry->temperature, ==, 373);
  g_assert_cmpint (entry->outcome, ==, NK_HEALTH_YELLOW);
  g_assert_cmpuint (entry->concerns, ==, NK_HEALTH_FEELS_HOT);
  g_assert_cmpstr (entry->watch, ==, "Temperature");

  /* the queue: 刘子轩 is next, one touch */
  g_assert_cmpstr (nk_health_check_form_get_view (NK_HEALTH_CHECK_FORM (form)), ==, "done");
  touch (form, "Next: 刘子轩");
  g_assert_cmpstr (nk_health_check_form_get_child_id (NK_HEALTH_CHECK_FORM (form)), ==, "D0003");
  g_assert_cmpstr (nk_health_check_form_get_view (NK_HEALTH_CHECK_FORM (form)), ==, "form");
  touch (form, "+0.1");       /* from 36.5 */
  touch (form, "Admitted");
  touch (form, "Save");
  /* nobody left in the room: back to staff mode's overview */
  g_assert_cmpstr (nk_staff_page_get_view (f->page), ==, "overview");
  g_assert_cmpint (nk_test_count (f->store, "SELECT temperature FROM health_checks WHERE child_id = 'D0003'"),
                   ==, 366);
  /* the form forgot the child */
  g_assert_null (nk_health_check_form_get_child_id (NK_HEALTH_CHECK_FORM (form)));
}

/* A child not here: the form says so at once, and saving is refused. */
static void
test_health_check_not_here (Fixture *f, gconstpointer data)
{
  NkHealthCheckForm *form;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "care.health-check", "s", "D0001"));
  form = health_form (f);
  wait_drawn (GTK_WIDGET (form));
  g_assert_nonnull (nk_health_check_form_get_error (form));
  touch (GTK_WIDGET (form), "+0.1");
  touch (GTK_WIDGET (form), "Admitted");
  touch (GTK_WIDGET (form), "Save");
  g_assert_nonnull (strstr (nk_health_check_form_get_error (form), "not checked in"));
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM health_checks"), ==, 0);
}

/* The health check opened from a child's by-hand check-in page: back
 * shows that page for the same child, and confirming it checks that
 * child in. */
static void
test_back_to_manual (Fixture *f, gconstpointer data)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "staff.manual", "s", "D0001"));
  g_assert_cmpstr (nk_staff_page_get_view (f->page), ==, "manual");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "care.manual-health-check", NULL));
  g_assert_cmpstr (nk_staff_page_get_view (f->page), ==, "health-check");
  g_assert_cmpstr (nk_health_check_form_get_child_id (health_form (f)), ==, "D0001");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "staff.back", NULL));
  g_assert_cmpstr (nk_staff_page_get_view (f->page), ==, "manual");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "staff.confirm-manual", NULL));
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM attendance WHERE child_id = 'D0001' "
                                            "AND kind = 'in' AND method = 'manual'"), ==, 1);
  g_assert_cmpstr (nk_staff_page_get_view (f->page), ==, "overview");
}

/* 李娜 hands over medicine for 刘子轩: the claim runs with its countdown;
 * her card at the door is the consent; the dose is given, a second time
 * refused, then given anyway. */
static void
test_medicine_form (Fixture *f, gconstpointer data)
{
  g_autoptr (NkTapResult) other = NULL;
  g_autoptr (NkTapResult) consent = NULL;
  GtkWidget *form;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "care.medicine", "s", "D0003"));
  g_assert_cmpstr (nk_staff_page_get_view (f->page), ==, "medicine");
  form = GTK_WIDGET (medicine_form (f));
  wait_drawn (form);
  touch (form, "New handover");
  g_assert_cmpstr (nk_medicine_form_get_view (NK_MEDICINE_FORM (form)), ==, "new");

  /* nothing written: asking for consent is refused on the form */
  touch (form, "Ask the parent to tap their card");
  g_assert_nonnull (nk_medicine_form_get_error (NK_MEDICINE_FORM (form)));
  g_assert_cmpuint (nk_door_get_claim_remaining (f->door), ==, 0);

  {
    g_autoptr (GPtrArray) entries = g_ptr_array_new ();
    nk_ui_test_collect (form, GTK_TYPE_ENTRY, entries);
    g_assert_cmpuint (entries->len, ==, 2);
    gtk_editable_set_text (entries->pdata[0], "Ibuprofen syrup");
    gtk_editable_set_text (entries->pdata[1], "5 ml");
  }
  touch (form, "12:00");
  touch (form, "Ask the parent to tap their card");
  g_assert_null (nk_medicine_form_get_error (NK_MEDICINE_FORM (form)));
  g_assert_cmpuint (nk_door_get_claim_remaining (f->door), ==, NK_DOOR_CLAIM_SECONDS);
  g_assert_nonnull (strstr (nk_medicine_form_get_countdown (NK_MEDICINE_FORM (form)), "60 s"));

  /* another family's card at the door: served as usual, no consent */
  other = nk_test_tap (f->door, NK_DEMO_UID_NO_PICKUP);
  g_assert_cmpint (other->outcome, ==, NK_TAP_FAMILY);
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM medicines"), ==, 0);

  nk_test_clock_advance (&f->clock, SECONDS (20));
  consent = nk_test_tap (f->door, NK_DEMO_UID_GUARDIAN_TWO);
  g_assert_cmpint (consent->outcome, ==, NK_TAP_CONSENT);
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM medicines WHERE guardian_id = 'DG001' "
                                            "AND child_id = 'D0003' AND times = '12:00'"), ==, 1);
  g_assert_cmpstr (nk_medicine_form_get_view (NK_MEDICINE_FORM (form)), ==, "list");
  g_assert_null (nk_medicine_form_get_countdown (NK_MEDICINE_FORM (form)));

  /* 12:00 is due at 11:45; given; again refused, then given anyway */
  nk_test_clock_advance (&f->clock, SECONDS (3 * 3600 + 45 * 60));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "care.medicine", "s", "D0003"));
  touch (form, "Give");
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM medicine_given"), ==, 1);
  touch (form, "Give");
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM medicine_given"), ==, 1);
  g_assert_nonnull (button_labelled (form, "Give anyway"));
  touch (form, "Give anyway");
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM medicine_given WHERE give_anyway"), ==, 1);

  /* back to the overview: the form lets go of the child */
  touch (form, "Back");
  g_assert_cmpstr (nk_staff_page_get_view (f->page), ==, "overview");
}

/* The claim ends when the form is left: her card is then served as usual. */
static void
test_medicine_claim_ends_with_form (Fixture *f, gconstpointer data)
{
  g_autoptr (NkTapResult) late = NULL;
  GtkWidget *form;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "care.medicine", "s", "D0003"));
  form = GTK_WIDGET (medicine_form (f));
  wait_drawn (form);
  touch (form, "New handover");
  {
    g_autoptr (GPtrArray) entries = g_ptr_array_new ();
    nk_ui_test_collect (form, GTK_TYPE_ENTRY, entries);
    gtk_editable_set_text (entries->pdata[0], "Cough syrup");
    gtk_editable_set_text (entries->pdata[1], "2 ml");
  }
  touch (form, "09:00");
  touch (form, "Ask the parent to tap their card");
  g_assert_cmpuint (nk_door_get_claim_remaining (f->door), >, 0);
  nk_staff_page_close (f->page);         /* staff mode locked */
  g_assert_cmpuint (nk_door_get_claim_remaining (f->door), ==, 0);
  late = nk_test_tap (f->door, NK_DEMO_UID_GUARDIAN_TWO);
  g_assert_cmpint (late->outcome, ==, NK_TAP_FAMILY);
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM medicines"), ==, 0);
}

/* An observation: nothing chosen is refused on the form; a phrase and
 * "15 min earlier" are saved with that time, and the form goes back. */
static void
test_observation_form (Fixture *f, gconstpointer data)
{
  g_autoptr (NkTapResult) ming = nk_test_tap (f->door, NK_DEMO_UID_CHILD);
  g_autoptr (GPtrArray) forms = g_ptr_array_new ();
  NkObservationForm *form;
  gint64 now;

  nk_test_clock_advance (&f->clock, SECONDS (3600));
  now = nk_centre_now (nk_door_get_centre (f->door));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "care.observation", "s", "D0001"));
  g_assert_cmpstr (nk_staff_page_get_view (f->page), ==, "observation");
  nk_ui_test_collect (GTK_WIDGET (f->page), NK_TYPE_OBSERVATION_FORM, forms);
  form = forms->pdata[0];
  wait_drawn (GTK_WIDGET (form));
  touch (GTK_WIDGET (form), "Save");
  g_assert_nonnull (nk_observation_form_get_error (form));
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM health_observations"), ==, 0);

  touch (GTK_WIDGET (form), "Cough");
  touch (GTK_WIDGET (form), "15 min earlier");
  touch (GTK_WIDGET (form), "Save");
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM health_observations WHERE note = 'Cough' "
                                            "AND by_id = 'S002'"), ==, 1);
  g_assert_cmpint (nk_test_count (f->store, "SELECT observed_us FROM health_observations"), ==,
                   now - SECONDS (15 * 60));
  g_assert_cmpstr (nk_staff_page_get_view (f->page), ==, "overview");
}

int
main (int argc, char **argv)
{
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_setenv ("LANGUAGE", "", TRUE);
  g_test_init (&argc, &argv, NULL);
  adw_init ();
#define ADD(path, fn) g_test_add ("/nk/health-forms/" path, Fixture, NULL, setup, fn, teardown)
  ADD ("health-check", test_health_check_form);
  ADD ("health-check-not-here", test_health_check_not_here);
  ADD ("back-to-manual", test_back_to_manual);
  ADD ("medicine", test_medicine_form);
  ADD ("medicine-claim-ends-with-form", test_medicine_claim_ends_with_form);
  ADD ("observation", test_observation_form);
  return g_test_run ();
}
