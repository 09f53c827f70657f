/* test-roll-call-page.c — staff mode's emergency roll call, touched as
 * staff touch it: the tool starts it, the count at the top drops with
 * every tile ticked and comes back with an untick, another door's tick
 * shows, Finish asks first naming how many are missing, the summary
 * names them and "Write PDF" writes to the USB stick listed; while it is
 * open staff mode does not lock, and opening staff mode again goes to it. */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include <glib/gstdio.h>

#include "core/nk-attendance.h"
#include "core/nk-demo.h"
#include "core/nk-roll-call.h"
#include "nk-ui-test-util.h"
#include "views/nk-roll-call-page.h"
#include "views/nk-staff-page.h"

/* the demo's children checked in: 王小明, 刘子涵, 刘子轩, 赵一诺 and C0001 */
static const char *const in[] = { "D0001", "D0002", "D0003", "D0004", "C0001" };
#define N_CHILDREN G_N_ELEMENTS (in)

typedef struct {
  char        *dir;
  NkStore     *store;
  NkDoor      *door;
  NkTestClock  clock;
  GtkWindow   *window;
  NkStaffPage *page;
  NkRollCallPage *roll;
  char        *media;
  char        *director_id;
} Fixture;

static NkRollCallPage *
find_page (Fixture *f)
{
  return nk_ui_test_find_one (GTK_WIDGET (f->page), NK_TYPE_ROLL_CALL_PAGE);
}

static void
setup (Fixture *f, gconstpointer data)
{
  g_autoptr (NkTapResult) director = NULL;
  g_autofree char *stick = NULL;

  f->door = nk_test_demo_door ("roll-call-page", &f->clock, &f->store, &f->dir);
  nk_door_set_debounce (f->door, 0);
  director = nk_test_tap (f->door, NK_DEMO_UID_DIRECTOR);
  f->director_id = g_strdup (director->person_id);
  for (guint i = 0; i < N_CHILDREN; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (NkTapResult) r = nk_attendance_manual (nk_door_get_attendance (f->door), f->director_id, in[i],
                                                        NK_DIRECTION_IN, "forgot card", &error);

      g_assert_no_error (error);
      g_assert_cmpint (r->outcome, ==, NK_TAP_CHECKED_IN);
    }
  f->media = g_build_filename (f->dir, "media", NULL);
  stick = g_build_filename (f->media, "STICK", NULL);
  g_assert_cmpint (g_mkdir_with_parents (stick, 0700), ==, 0);

  f->window = nk_ui_test_staff_window (f->door, &f->page);
  f->roll = find_page (f);
  nk_roll_call_page_set_media (f->roll, f->media, NULL);
  nk_staff_page_open (f->page, director);
}

static void
teardown (Fixture *f, gconstpointer data)
{
  gtk_window_destroy (f->window);
  nk_test_door_close (&f->door, &f->store, &f->dir);
  g_free (f->media);
  g_free (f->director_id);
}

static gboolean
headline_is (gpointer a, gconstpointer b)
{
  return g_strcmp0 (nk_roll_call_page_get_headline (a), b) == 0;
}

static void
wait_headline (Fixture *f, const char *expected)
{
  if (!nk_test_wait_until (headline_is, f->roll, expected))
    g_error ("the roll call's headline is “%s”, not “%s”", nk_roll_call_page_get_headline (f->roll), expected);
}

/* Whether a label under the staff page says text. */
static gboolean
shows_label (Fixture *f, const char *text)
{
  g_autoptr (GPtrArray) labels = g_ptr_array_new ();

  nk_ui_test_collect (GTK_WIDGET (f->page), GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    if (g_strcmp0 (gtk_label_get_label (labels->pdata[i]), text) == 0)
      return TRUE;
  return FALSE;
}

/* Touches a person's tile as a finger does. */
static void
touch_tile (Fixture *f, NkRollCallPersonKind kind, const char *id)
{
  GtkWidget *tile = nk_roll_call_page_get_tile (f->roll, kind, id);

  g_assert_nonnull (tile);
  g_assert_true (gtk_widget_is_sensitive (tile));
  g_signal_emit_by_name (tile, "clicked");
}

static void
start (Fixture *f)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "rollcall.open", NULL));
  g_assert_cmpstr (nk_staff_page_get_view (f->page), ==, "roll-call");
  /* five children and the director */
  wait_headline (f, "6 still missing");
}

static void
test_count (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *pdf_text = NULL;
  g_autofree char *id = NULL;
  g_autofree char *missing = NULL;
  GPtrArray *folders;
  const char *written;
  GtkWidget *tile;
  int status = -1;

  start (f);
  g_assert_cmpuint (nk_roll_call_page_get_call (f->roll)->total, ==, N_CHILDREN + 1);
  id = g_strdup (nk_roll_call_page_get_call (f->roll)->id);
  missing = g_strdup (nk_roll_call_find_person (nk_roll_call_page_get_call (f->roll), NK_ROLL_CALL_CHILD,
                                                "C0001")->name);
  g_assert_null (nk_roll_call_page_get_tile (f->roll, NK_ROLL_CALL_CHILD, "C0002"));

  touch_tile (f, NK_ROLL_CALL_CHILD, "D0001");
  wait_headline (f, "5 still missing");
  tile = nk_roll_call_page_get_tile (f->roll, NK_ROLL_CALL_CHILD, "D0001");
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (tile)));
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM outbox WHERE type = 'rollcall.ticked'"), ==, 1);
  /* a second touch takes the tick away */
  touch_tile (f, NK_ROLL_CALL_CHILD, "D0001");
  wait_headline (f, "6 still missing");
  g_assert_false (gtk_toggle_button_get_active (
    GTK_TOGGLE_BUTTON (nk_roll_call_page_get_tile (f->roll, NK_ROLL_CALL_CHILD, "D0001"))));

  for (guint i = 0; i < N_CHILDREN - 1; i++)
    {
      g_autofree char *expected = g_strdup_printf ("%u still missing", (guint) N_CHILDREN - i);

      touch_tile (f, NK_ROLL_CALL_CHILD, in[i]);
      wait_headline (f, expected);
    }
  /* the director ticked at another door (as the relay writes it) */
  g_assert_true (nk_roll_call_tick (f->store, nk_door_get_centre (f->door), f->director_id, id,
                                    NK_ROLL_CALL_STAFF, f->director_id, TRUE, &error));
  g_assert_no_error (error);
  wait_headline (f, "1 still missing");

  /* Finish asks first; "Keep counting" leaves it open */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->roll), "rollcall.ask-finish", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->roll), "rollcall.keep-counting", NULL));
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM roll_call_ends"), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->roll), "rollcall.ask-finish", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->roll), "rollcall.finish", NULL));
  wait_headline (f, "Finished · 1 missing");
  g_assert_false (nk_roll_call_page_is_open (f->roll));
  g_assert_true (shows_label (f, "Roll call finished: write its PDF for the records"));
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM outbox WHERE type = 'rollcall.finished' "
                                  "AND json_extract (payload, '$.missing_child_ids') = '[\"C0001\"]'"), ==, 1);
  /* finished: nothing more is ticked */
  g_assert_false (gtk_widget_is_sensitive (nk_roll_call_page_get_tile (f->roll, NK_ROLL_CALL_CHILD, "C0001")));

  /* the kiosk's exports folder and the stick; the stick is chosen */
  folders = nk_roll_call_page_get_folders (f->roll);
  g_assert_cmpuint (folders->len, ==, 2);
  g_assert_true (g_str_has_suffix (folders->pdata[0], "exports"));
  g_assert_true (g_str_has_suffix (folders->pdata[1], "STICK"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->roll), "rollcall.write-pdf", NULL));
  written = nk_roll_call_page_get_written (f->roll);
  g_assert_nonnull (written);
  g_assert_true (g_str_has_prefix (written, folders->pdata[1]));
  g_assert_true (g_spawn_sync (NULL, (char *[]) { "pdftotext", (char *) written, "-", NULL }, NULL,
                               G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &pdf_text, NULL,
                               &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (pdf_text, "Emergency roll call"));
  g_assert_nonnull (strstr (strstr (pdf_text, "Missing when it was finished"), missing));
}

/* A stick that cannot be written: the message on screen, nothing claimed. */
static void
test_write_refused (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *id = NULL;
  GPtrArray *folders;

  start (f);
  id = g_strdup (nk_roll_call_page_get_call (f->roll)->id);
  g_assert_true (nk_roll_call_finish (f->store, nk_door_get_centre (f->door), f->director_id, id, &error));
  wait_headline (f, "Finished · 6 missing");
  folders = nk_roll_call_page_get_folders (f->roll);
  g_assert_cmpuint (folders->len, ==, 2);
  /* the stick is pulled out after it was listed */
  {
    g_autofree char *stick = g_strdup (folders->pdata[1]);

    g_assert_cmpint (g_rmdir (stick), ==, 0);
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->roll), "rollcall.write-pdf", NULL));
  g_assert_null (nk_roll_call_page_get_written (f->roll));
}

/* While it is open staff mode does not lock, also when its lock time
 * passed behind a parent's tap; opened again it goes to the roll call;
 * once finished, staff mode locks as before. */
static void
test_no_lock (Fixture *f, gconstpointer data)
{
  g_autoptr (NkTapResult) caregiver = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *id = NULL;

  start (f);
  id = g_strdup (nk_roll_call_page_get_call (f->roll)->id);
  nk_test_clock_advance (&f->clock, G_GINT64_CONSTANT (3600) * G_USEC_PER_SEC);
  g_assert_true (nk_staff_page_resume (f->page));
  g_assert_cmpstr (nk_staff_page_get_view (f->page), ==, "roll-call");

  /* another member of staff's card: staff mode opens on the roll call */
  caregiver = nk_test_tap (f->door, NK_DEMO_UID_CAREGIVER);
  nk_staff_page_open (f->page, caregiver);
  g_assert_cmpstr (nk_staff_page_get_view (f->page), ==, "roll-call");
  g_assert_cmpstr (nk_roll_call_page_get_call (f->roll)->id, ==, id);

  g_assert_true (nk_roll_call_finish (f->store, nk_door_get_centre (f->door), caregiver->person_id, id, &error));
  wait_headline (f, "Finished · 6 missing");
  nk_test_clock_advance (&f->clock, G_GINT64_CONSTANT (3600) * G_USEC_PER_SEC);
  g_assert_false (nk_staff_page_resume (f->page));
}

static void
write_shot (Fixture *f, const char *name)
{
  g_autofree char *path = g_strdup_printf ("%s/roll-call-%s-%s.png", g_getenv ("NK_ROLL_CALL_SHOT_DIR"),
                                           g_str_has_prefix (g_getenv ("LC_ALL"), "zh") ? "zh_CN" : "en", name);
  g_autoptr (GMainLoop) loop = g_main_loop_new (NULL, FALSE);

  /* a picture, not a check: the stack's and revealers' transitions end */
  g_timeout_add_once (1000, (GSourceOnceFunc) g_main_loop_quit, loop);
  g_main_loop_run (loop);
  nk_ui_test_save_png (f->window, path);
}

/* Not a check: with NK_ROLL_CALL_SHOT_DIR set (LC_ALL for the language),
 * writes the page with some ticked, and finished, to look at. */
static void
test_screenshot (Fixture *f, gconstpointer data)
{
  g_autoptr (NkTapResult) caregiver = nk_test_tap (f->door, NK_DEMO_UID_CAREGIVER);
  g_autoptr (GError) error = NULL;
  g_autofree char *id = NULL;

  for (guint i = 2; i <= 14; i++)
    {
      g_autofree char *child = g_strdup_printf ("C%04u", i);
      g_autoptr (NkTapResult) r = nk_attendance_manual (nk_door_get_attendance (f->door), f->director_id, child,
                                                        NK_DIRECTION_IN, "forgot card", &error);

      g_assert_no_error (error);
    }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "rollcall.open", NULL));
  id = g_strdup (nk_roll_call_page_get_call (f->roll)->id);
  for (guint i = 0; i < N_CHILDREN; i++)
    touch_tile (f, NK_ROLL_CALL_CHILD, in[i]);
  touch_tile (f, NK_ROLL_CALL_STAFF, caregiver->person_id);
  for (guint n = 0; nk_roll_call_page_get_call (f->roll)->counted < N_CHILDREN + 1 && n < 5000; n++)
    g_main_context_iteration (NULL, TRUE);
  write_shot (f, "counting");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->roll), "rollcall.ask-finish", NULL));
  write_shot (f, "confirm");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->roll), "rollcall.finish", NULL));
  write_shot (f, "finished");
}

int
main (int argc, char **argv)
{
  if (g_getenv ("NK_ROLL_CALL_SHOT_DIR") == NULL || g_getenv ("LC_ALL") == NULL)
    g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_setenv ("LANGUAGE", "", TRUE);
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("NK_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  nk_ui_test_load_style ();
  if (g_getenv ("NK_ROLL_CALL_SHOT_DIR") != NULL)
    g_test_add ("/nk/roll-call-page/screenshot", Fixture, NULL, setup, test_screenshot, teardown);

  g_test_add ("/nk/roll-call-page/count", Fixture, NULL, setup, test_count, teardown);
  g_test_add ("/nk/roll-call-page/write-refused", Fixture, NULL, setup, test_write_refused, teardown);
  g_test_add ("/nk/roll-call-page/no-lock", Fixture, NULL, setup, test_no_lock, teardown);
  return g_test_run ();
}
