/* test-classroom-offer.c — the classroom offer on the guardian's chooser
 * (nk-classroom-offer.h) in the real door window over the demo centre:
 * the chooser comes first and the offer after it; one touch signs up, or
 * joins the waiting list when no seat is left; a sign-up another door
 * made first is refused on the card with the reason; a guardian signed
 * up is offered nothing more, and on the session's day reads the
 * reminder on the chooser.  The check-in goes on as before. */
#include "config.h"

#include <adwaita.h>

#include "core/nk-classroom.h"
#include "core/nk-demo.h"
#include "core/nk-door.h"
#include "devices/nk-reader-sim.h"
#include "devices/nk-sound.h"
#include "nk-ui-test-util.h"
#include "views/nk-classroom-list.h"
#include "views/nk-window.h"

#define HOUR (G_GINT64_CONSTANT (3600) * G_USEC_PER_SEC)
#define GUARDIAN "DG001"

typedef struct {
  char        *dir;
  NkStore     *store;
  NkDoor      *door;
  NkReader    *reader;
  NkSound     *sound;
  NkWindow    *window;
  NkTestClock  clock;
  guint        handled;
} Fixture;

#define wait_until(cond, f, data) nk_test_wait_until ((NkTestCond) (cond), (f), (data))

/* The only session: "cs-1", starting hours from now (the fake clock). */
static void
put_session (Fixture *f, gint64 hours, gint seats_left)
{
  g_autoptr (GError) error = NULL;
  NkClassroomSession s = {
    .id = (char *) "cs-1", .title = (char *) "科学喂养", .kind = (char *) "mommy_classroom",
    .starts_us = NK_TEST_MONDAY_8AM_US + hours * HOUR,
    .ends_us = NK_TEST_MONDAY_8AM_US + hours * HOUR + 90 * G_TIME_SPAN_MINUTE,
    .place = (char *) "二楼活动室", .audience = (char *) "parents",
    .capacity = 20, .seats_left = seats_left,
  };

  g_assert_true (nk_store_run (f->store, "DELETE FROM classroom_sessions", "", NULL, NK_END));
  g_assert_true (nk_classroom_put_session (f->store, &s, &error));
  g_assert_no_error (error);
}

static void
setup (Fixture *f, gconstpointer data)
{
  f->door = nk_test_demo_door ("classroom-offer", &f->clock, &f->store, &f->dir);
  f->reader = nk_ui_test_reader_new ();
  f->sound = nk_sound_new (FALSE, 0.0);
  f->window = nk_window_new (NULL, f->door, f->reader, f->sound);
  g_object_ref_sink (f->window);
  g_object_set (f->window, "centre-name", "Test Centre", "chooser-seconds", 60, "result-seconds", 60, NULL);
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
  g_clear_object (&f->sound);
  nk_test_door_close (&f->door, &f->store, &f->dir);
}

static NkClassroomOffer *
offer (Fixture *f)
{
  return nk_family_page_get_offer (nk_window_get_family_page (f->window));
}

static gboolean
offer_shown (Fixture *f, gconstpointer data)
{
  return gtk_widget_get_visible (GTK_WIDGET (offer (f))) && nk_classroom_offer_get_session_id (offer (f));
}

/* The guardian's card: the chooser at once, the offer once loaded. */
static void
tap_guardian (Fixture *f)
{
  nk_ui_test_tap (f->reader, &f->handled, NK_DEMO_UID_GUARDIAN_TWO);
  g_assert_cmpstr (nk_window_get_page_name (f->window), ==, "family");
  g_assert_cmpuint (nk_family_page_get_n_tiles (nk_window_get_family_page (f->window)), ==, 2);
}

static gboolean
offer_looked_for (Fixture *f, gconstpointer data)
{
  return !nk_classroom_offer_get_pending (offer (f));
}

static void
test_sign_up (Fixture *f, gconstpointer data)
{
  NkFamilyPage *family = nk_window_get_family_page (f->window);

  put_session (f, 50, 3);
  tap_guardian (f);
  g_assert_true (wait_until (offer_shown, f, NULL));
  g_assert_cmpstr (nk_classroom_offer_get_session_id (offer (f)), ==, "cs-1");
  g_assert_cmpstr (nk_classroom_offer_get_button_text (offer (f)), ==, "Sign up");
  g_assert_cmpstr (nk_classroom_offer_get_seats_text (offer (f)), ==, "3 seats left");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (offer (f)), "classroom.sign-up", NULL));
  g_assert_cmpstr (nk_classroom_offer_get_status_text (offer (f)), ==, "You are signed up");
  g_assert_cmpstr (nk_classroom_offer_get_seats_text (offer (f)), ==, "2 seats left");
  g_assert_null (nk_classroom_offer_get_button_text (offer (f)));
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM classroom_signups WHERE guardian_id = '"
                                            GUARDIAN "' AND session_id = 'cs-1' AND NOT waitlist"), ==, 1);
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM outbox WHERE type = 'classroom.signup'"), ==, 1);

  /* the chooser goes on: the check-in as always */
  g_assert_cmpstr (nk_window_get_page_name (f->window), ==, "family");
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (nk_family_page_get_tile (family, 0)), TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (family), "family.confirm", NULL));
  g_assert_cmpstr (nk_window_get_page_name (f->window), ==, "result");
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM attendance WHERE kind = 'in'"), ==, 1);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (offer (f))));

  /* signed up: nothing more to offer at the next tap */
  nk_test_clock_advance (&f->clock, HOUR);
  tap_guardian (f);
  g_assert_true (wait_until (offer_looked_for, f, NULL));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (offer (f))));
  g_assert_null (nk_classroom_offer_get_session_id (offer (f)));
}

/* No seat left: the waiting list, said so on the button and after. */
static void
test_waitlist (Fixture *f, gconstpointer data)
{
  put_session (f, 50, 0);
  tap_guardian (f);
  g_assert_true (wait_until (offer_shown, f, NULL));
  g_assert_cmpstr (nk_classroom_offer_get_button_text (offer (f)), ==, "Join the waiting list");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (offer (f)), "classroom.sign-up", NULL));
  g_assert_cmpstr (nk_classroom_offer_get_status_text (offer (f)), ==,
                   "You are on the waiting list: the centre will tell you when a seat is free");
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM classroom_signups WHERE guardian_id = '"
                                            GUARDIAN "' AND waitlist"), ==, 1);
}

/* The other door signed the guardian up while the card was shown: the
 * touch is refused with the reason, nothing more recorded. */
static void
test_refused (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  put_session (f, 50, 3);
  tap_guardian (f);
  g_assert_true (wait_until (offer_shown, f, NULL));
  g_assert_true (nk_classroom_sign_up (f->store, nk_door_get_centre (f->door), GUARDIAN, "cs-1", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (offer (f)), "classroom.sign-up", NULL));
  g_assert_cmpstr (nk_classroom_offer_get_status_text (offer (f)), ==,
                   "You are signed up for “科学喂养” already");
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM classroom_signups"), ==, 1);
  g_assert_cmpstr (nk_window_get_page_name (f->window), ==, "family");
}

/* On the day: the reminder on the chooser; nothing offered (the session
 * is the guardian's already). */
static void
test_reminder (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  NkFamilyPage *family = nk_window_get_family_page (f->window);

  put_session (f, 6, 3);   /* 14:00 today in Shanghai */
  g_assert_true (nk_classroom_sign_up (f->store, nk_door_get_centre (f->door), GUARDIAN, "cs-1", NULL, &error));
  g_assert_no_error (error);
  tap_guardian (f);
  g_assert_cmpuint (nk_family_page_get_n_notes (family), ==, 1);
  g_assert_cmpstr (nk_family_page_get_note_text (family, 0), ==,
                   "Today “科学喂养”, 14:00–15:30, 二楼活动室: you are signed up");
  g_assert_true (wait_until (offer_looked_for, f, NULL));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (offer (f))));

  /* cancelled: the notes go with the family */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (family), "family.cancel", NULL));
  g_assert_cmpuint (nk_family_page_get_n_notes (family), ==, 0);
}

/* The staff tool button "Mommy Classroom", shown or not. */
static gboolean
tool_shown (Fixture *f)
{
  g_autoptr (GPtrArray) buttons = g_ptr_array_new ();

  nk_ui_test_collect (GTK_WIDGET (nk_window_get_staff_page (f->window)), GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_button_get_label (buttons->pdata[i]), "Mommy Classroom") == 0)
      return gtk_widget_is_visible (buttons->pdata[i]);
  g_assert_not_reached ();
}

/* The director's tool: coming and past sessions with the centre's
 * sign-ups; a caregiver has no such tool. */
static void
test_director (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) lists = g_ptr_array_new ();
  NkCentre *centre = nk_door_get_centre (f->door);
  NkClassroomSession past = {
    .id = (char *) "cs-old", .title = (char *) "上月的课", .kind = (char *) "prenatal_school",
    .starts_us = NK_TEST_MONDAY_8AM_US - 200 * HOUR, .ends_us = NK_TEST_MONDAY_8AM_US - 199 * HOUR,
    .place = (char *) "二楼活动室", .audience = (char *) "expectant_parents", .seats_left = -1,
  };
  NkClassroomList *list;
  g_autofree char *row = NULL;

  put_session (f, 50, 1);
  g_assert_true (nk_classroom_sign_up (f->store, centre, GUARDIAN, "cs-1", NULL, &error));
  g_assert_true (nk_classroom_sign_up (f->store, centre, "DG002", "cs-1", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (nk_classroom_put_session (f->store, &past, &error));

  nk_ui_test_tap (f->reader, &f->handled, NK_DEMO_UID_CAREGIVER);
  g_assert_cmpstr (nk_window_get_page_name (f->window), ==, "staff");
  g_assert_false (tool_shown (f));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (nk_window_get_staff_page (f->window)), "staff.lock", NULL));

  nk_ui_test_tap (f->reader, &f->handled, NK_DEMO_UID_DIRECTOR);
  g_assert_cmpstr (nk_window_get_page_name (f->window), ==, "staff");
  g_assert_true (tool_shown (f));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (nk_window_get_staff_page (f->window)), "classroom.open",
                                             NULL));
  nk_ui_test_collect (GTK_WIDGET (nk_window_get_staff_page (f->window)), NK_TYPE_CLASSROOM_LIST, lists);
  g_assert_cmpuint (lists->len, ==, 1);
  list = lists->pdata[0];
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (list)));
  g_assert_cmpuint (nk_classroom_list_get_n_rows (list, FALSE), ==, 1);
  g_assert_cmpuint (nk_classroom_list_get_n_rows (list, TRUE), ==, 1);
  row = nk_classroom_list_get_row_text (list, FALSE, 0);
  g_assert_cmpstr (row, ==, "科学喂养 · Mommy Classroom · Parents · Wed 25 Nov, 10:00–11:30 · 二楼活动室 · "
                            "1 family signed up · 1 on the waiting list · 0 seats left");
  g_clear_pointer (&row, g_free);
  row = nk_classroom_list_get_row_text (list, TRUE, 0);
  g_assert_cmpstr (row, ==, "上月的课 · Prenatal school · Expectant parents · Sun 15 Nov, 00:00–01:00 · 二楼活动室 · "
                            "0 families signed up");
}

int
main (int argc, char **argv)
{
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_setenv ("LANGUAGE", "", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, fn) g_test_add (path, Fixture, NULL, setup, fn, teardown)
  ADD ("/nk/classroom-offer/sign-up", test_sign_up);
  ADD ("/nk/classroom-offer/waitlist", test_waitlist);
  ADD ("/nk/classroom-offer/refused", test_refused);
  ADD ("/nk/classroom-offer/reminder", test_reminder);
  ADD ("/nk/classroom-offer/director", test_director);
#undef ADD

  return g_test_run ();
}
