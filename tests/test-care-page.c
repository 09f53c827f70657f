/* test-care-page.c — the room page of staff mode (nk-care-page.h) under a
 * display: opened from the room card's action, select all present, a
 * lunch with three exceptions saved as one record (rows checked), the
 * tiles show it without losing the selection, a child not here is
 * refused on the form, staff.back returns to the page before, a child's
 * log deletes a line, and the lock leaves nothing behind. */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "core/nk-demo.h"
#include "core/nk-roster.h"
#include "nk-ui-test-util.h"
#include "views/nk-care-page.h"
#include "views/nk-staff-page.h"

#define SECONDS(s) ((gint64) (s) * G_USEC_PER_SEC)

typedef struct {
  char        *dir;
  NkStore     *store;
  NkDoor      *door;
  NkTestClock  clock;
  GtkWindow   *window;
  NkStaffPage *page;
  NkCarePage  *care;
  GPtrArray   *here;     /* char*: the toddler room's children checked in, by name */
} Fixture;

static NkCarePage *
find_care_page (GtkWidget *root)
{
  if (NK_IS_CARE_PAGE (root))
    return NK_CARE_PAGE (root);
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      NkCarePage *found = find_care_page (c);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The toddler room's first six children by name come in with their cards. */
static void
check_in_six (Fixture *f)
{
  sqlite3_stmt *stmt = NULL;

  g_assert_true (sqlite3_prepare_v2 (nk_store_get_db (f->store),
                                     "SELECT c.id, k.uid FROM children c JOIN cards k ON k.holder_kind = 'child' "
                                     "AND k.holder_id = c.id WHERE c.room_id = 'R2' ORDER BY c.name, c.id LIMIT 6",
                                     -1, &stmt, NULL) == SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr (NkTapResult) in = nk_test_tap (f->door, (const char *) sqlite3_column_text (stmt, 1));

      g_assert_cmpint (in->outcome, ==, NK_TAP_CHECKED_IN);
      g_ptr_array_add (f->here, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
    }
  sqlite3_finalize (stmt);
  g_assert_cmpuint (f->here->len, ==, 6);
}

static void
setup (Fixture *f, gconstpointer data)
{
  g_autoptr (NkTapResult) caregiver = NULL;

  f->door = nk_test_demo_door ("care-page", &f->clock, &f->store, &f->dir);
  nk_door_set_debounce (f->door, 0);
  f->here = g_ptr_array_new_with_free_func (g_free);
  check_in_six (f);
  nk_test_clock_advance (&f->clock, SECONDS (4 * 3600));   /* noon */

  f->window = nk_ui_test_staff_window (f->door, &f->page);

  caregiver = nk_test_tap (f->door, NK_DEMO_UID_CAREGIVER);
  g_assert_cmpint (caregiver->outcome, ==, NK_TAP_STAFF_CLOCKED_IN);
  nk_staff_page_open (f->page, caregiver);
  f->care = find_care_page (GTK_WIDGET (f->page));
  g_assert_nonnull (f->care);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "care.open-room", "s", "R2"));
  g_assert_cmpstr (nk_staff_page_get_view (f->page), ==, "care");
}

static void
teardown (Fixture *f, gconstpointer data)
{
  gtk_window_destroy (f->window);
  g_ptr_array_unref (f->here);
  nk_test_door_close (&f->door, &f->store, &f->dir);
}

/* Runs the main loop until the tile of child_id shows a mark holding
 * text (the page reads the day again in an idle after a change). */
static void
wait_for_mark (Fixture *f, const char *child_id, const char *text)
{
  gint64 end = g_get_monotonic_time () + SECONDS (10);

  for (;;)
    {
      g_autofree char *marks = nk_care_page_get_marks (f->care, child_id);

      if (marks != NULL && strstr (marks, text) != NULL)
        return;
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_main_context_iteration (NULL, TRUE);
    }
}

static void
act (GtkWidget *widget, const char *action, const char *target)
{
  gboolean done = target != NULL ? gtk_widget_activate_action (widget, action, "s", target)
                                 : gtk_widget_activate_action (widget, action, NULL);

  g_assert_true (done);
}

/* Select all present, lunch for all with three who ate half: one event
 * per child in one record, the rows say so, the tiles show it and the
 * same six stay selected on the same tiles. */
static void
test_room_lunch (Fixture *f, gconstpointer data)
{
  NkCareForm *form = nk_care_page_get_form (f->care);
  GtkWidget *first_tile;
  guint n_room = (guint) nk_test_count (f->store, "SELECT count (*) FROM children WHERE room_id = 'R2'");

  g_assert_cmpuint (nk_care_page_get_n_children (f->care), ==, n_room);
  act (GTK_WIDGET (f->care), "care-page.select-all", NULL);
  g_assert_cmpuint (nk_care_page_get_n_selected (f->care), ==, 6);
  first_tile = nk_care_page_get_tile (f->care, f->here->pdata[0]);

  act (GTK_WIDGET (f->care), "care-page.entry", "meal");
  g_assert_cmpstr (nk_care_page_get_view (f->care), ==, "form");
  g_assert_true (nk_care_form_choose (form, "slot", "lunch"));
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *key = g_strconcat ("except:", (char *) f->here->pdata[i], NULL);

      g_assert_true (nk_care_form_choose (form, key, "half"));
    }
  act (GTK_WIDGET (form), "care-form.save", NULL);

  g_assert_cmpstr (nk_care_page_get_view (f->care), ==, "children");
  g_assert_cmpstr (nk_care_page_get_status (f->care), ==, "Meal recorded for 6 children.");
  g_assert_cmpint (nk_test_count (f->store, "SELECT count (*) FROM care_meals WHERE slot = 'lunch' "
                                  "AND by_id = 'S002' AND room_id = 'R2'"), ==, 6);
  g_assert_cmpint (nk_test_count (f->store, "SELECT count (*) FROM care_meals WHERE portion = 'half'"), ==, 3);
  g_assert_cmpint (nk_test_count (f->store, "SELECT count (*) FROM outbox WHERE type = 'care_meal'"), ==, 6);
  for (guint i = 0; i < 6; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT portion FROM care_meals WHERE child_id = '%s'",
                                              (char *) f->here->pdata[i]);
      g_autofree char *portion = nk_test_text (f->store, sql);

      g_assert_cmpstr (portion, ==, i < 3 ? "half" : "all");
      wait_for_mark (f, f->here->pdata[i], i < 3 ? "Lunch: Ate half" : "Lunch: Ate all");
    }
  g_assert_cmpuint (nk_care_page_get_n_selected (f->care), ==, 6);
  g_assert_true (nk_care_page_get_tile (f->care, f->here->pdata[0]) == first_tile);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (first_tile)));
}

/* A child not checked in, alone: the form says why and stays; nothing
 * is written. */
static void
test_absent_refused (Fixture *f, gconstpointer data)
{
  g_autofree char *absent = nk_test_text (f->store, "SELECT id FROM children WHERE room_id = 'R2' "
                                          "ORDER BY name DESC, id DESC LIMIT 1");
  NkCareForm *form = nk_care_page_get_form (f->care);

  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (nk_care_page_get_tile (f->care, absent)), TRUE);
  g_assert_cmpuint (nk_care_page_get_n_selected (f->care), ==, 1);
  act (GTK_WIDGET (f->care), "care-page.entry", "bottle");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (form), "care-form.amount", "i", 30));
  act (GTK_WIDGET (form), "care-form.save", NULL);
  g_assert_cmpstr (nk_care_page_get_view (f->care), ==, "form");
  g_assert_cmpstr (nk_care_form_get_error (form), ==,
                   "This child is not checked in today: nothing was recorded.");
  g_assert_cmpint (nk_test_count (f->store, "SELECT count (*) FROM care_bottles"), ==, 0);
  act (GTK_WIDGET (form), "care-form.cancel", NULL);
  g_assert_cmpstr (nk_care_page_get_view (f->care), ==, "children");
}

/* The colours of a diaper are offered for a soiled one only; a colour
 * chosen goes when the diaper turns out wet. */
static void
test_diaper_colour (Fixture *f, gconstpointer data)
{
  NkCareForm *form = nk_care_page_get_form (f->care);
  NkCareEntry entry;

  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (nk_care_page_get_tile (f->care, f->here->pdata[0])), TRUE);
  act (GTK_WIDGET (f->care), "care-page.entry", "diaper");
  nk_care_form_get_entry (form, &entry);
  g_assert_cmpstr (entry.diaper, ==, "wet");
  g_assert_true (nk_care_form_choose (form, "colour", "green"));
  nk_care_form_get_entry (form, &entry);
  g_assert_null (entry.colour);
  g_assert_true (nk_care_form_choose (form, "diaper", "soiled"));
  g_assert_true (nk_care_form_choose (form, "colour", "green"));
  nk_care_form_get_entry (form, &entry);
  g_assert_cmpstr (entry.colour, ==, "green");
  g_assert_true (nk_care_form_choose (form, "diaper", "wet"));
  nk_care_form_get_entry (form, &entry);
  g_assert_null (entry.colour);
  g_assert_true (nk_care_form_choose (form, "diaper", "soiled"));
  g_assert_true (nk_care_form_choose (form, "colour", "yellow"));
  act (GTK_WIDGET (form), "care-form.save", NULL);
  g_assert_cmpint (nk_test_count (f->store, "SELECT count (*) FROM care_diapers WHERE diaper = 'soiled' "
                                  "AND colour = 'yellow'"), ==, 1);
}

/* "staff.back" returns to the page the current one was opened from: a
 * page opened from the room page comes back to it; from the room page,
 * back to the overview. */
static void
test_back_history (Fixture *f, gconstpointer data)
{
  act (GTK_WIDGET (f->page), "staff.manual", f->here->pdata[0]);
  g_assert_cmpstr (nk_staff_page_get_view (f->page), ==, "manual");
  act (GTK_WIDGET (f->page), "staff.back", NULL);
  g_assert_cmpstr (nk_staff_page_get_view (f->page), ==, "care");
  g_assert_cmpstr (nk_care_page_get_room (f->care), ==, "R2");
  act (GTK_WIDGET (f->page), "staff.back", NULL);
  g_assert_cmpstr (nk_staff_page_get_view (f->page), ==, "overview");
  act (GTK_WIDGET (f->page), "staff.back", NULL);
  g_assert_cmpstr (nk_staff_page_get_view (f->page), ==, "overview");
}

/* A child's log lists the day with who recorded it; a deletion takes
 * two touches and leaves the row in the table. */
static void
test_log_delete (Fixture *f, gconstpointer data)
{
  NkCareForm *form = nk_care_page_get_form (f->care);
  const char *child = f->here->pdata[1];
  g_autofree char *target = NULL;
  g_autofree char *id = NULL;

  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (nk_care_page_get_tile (f->care, child)), TRUE);
  act (GTK_WIDGET (f->care), "care-page.entry", "mood");
  g_assert_true (nk_care_form_choose (form, "mood", "tired"));
  act (GTK_WIDGET (form), "care-form.save", NULL);
  g_assert_cmpstr (nk_care_page_get_status (f->care), ==, "Mood recorded for 1 child.");
  wait_for_mark (f, child, "");
  act (GTK_WIDGET (f->care), "care-page.log", NULL);
  g_assert_cmpstr (nk_care_page_get_view (f->care), ==, "log");
  /* arrival and mood */
  while (nk_care_page_get_n_log_rows (f->care) < 2)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (nk_care_page_get_n_log_rows (f->care), ==, 2);

  id = nk_test_text (f->store, "SELECT id FROM care_moods");
  target = g_strdup_printf ("%d:%s", NK_CARE_MOOD, id);
  act (GTK_WIDGET (f->care), "care-page.ask-delete", target);
  g_assert_cmpint (nk_test_count (f->store, "SELECT count (*) FROM care_moods"), ==, 1);
  act (GTK_WIDGET (f->care), "care-page.delete", target);
  g_assert_cmpint (nk_test_count (f->store, "SELECT count (*) FROM care_moods WHERE deleted = 1"), ==, 1);
  g_assert_cmpint (nk_test_count (f->store, "SELECT count (*) FROM care_moods"), ==, 2);
  while (nk_care_page_get_n_log_rows (f->care) != 1)
    g_main_context_iteration (NULL, TRUE);
}

/* A correction from the log opens the form with the row's values; saved,
 * the log shows the corrected line and the original row stays. */
static void
test_log_correct (Fixture *f, gconstpointer data)
{
  NkCareForm *form = nk_care_page_get_form (f->care);
  const char *child = f->here->pdata[2];
  g_autofree char *target = NULL;
  g_autofree char *id = NULL;
  g_autofree char *standing = NULL;
  NkCareEntry entry;

  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (nk_care_page_get_tile (f->care, child)), TRUE);
  act (GTK_WIDGET (f->care), "care-page.entry", "bottle");
  g_assert_true (nk_care_form_choose (form, "milk", "breast_milk"));
  act (GTK_WIDGET (form), "care-form.save", NULL);
  id = nk_test_text (f->store, "SELECT id FROM care_bottles");
  g_assert_nonnull (id);
  act (GTK_WIDGET (f->care), "care-page.log", NULL);

  target = g_strdup_printf ("%d:%s", NK_CARE_BOTTLE, id);
  act (GTK_WIDGET (f->care), "care-page.correct", target);
  g_assert_cmpstr (nk_care_page_get_view (f->care), ==, "form");
  nk_care_form_get_entry (form, &entry);
  g_assert_cmpint (entry.ml, ==, 120);
  g_assert_cmpstr (entry.milk, ==, "breast_milk");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (form), "care-form.amount", "i", 30));
  act (GTK_WIDGET (form), "care-form.save", NULL);
  g_assert_cmpstr (nk_care_page_get_view (f->care), ==, "log");
  g_assert_cmpint (nk_test_count (f->store, "SELECT count (*) FROM care_bottles"), ==, 2);
  standing = nk_test_text (f->store, "SELECT ml FROM care_bottles t WHERE corrects IS NOT NULL");
  g_assert_cmpstr (standing, ==, "150");
}

/* Locked, the page holds no child. */
static void
test_lock_clears (Fixture *f, gconstpointer data)
{
  act (GTK_WIDGET (f->care), "care-page.select-all", NULL);
  act (GTK_WIDGET (f->page), "staff.lock", NULL);
  g_assert_cmpuint (nk_care_page_get_n_children (f->care), ==, 0);
  g_assert_cmpuint (nk_care_page_get_n_selected (f->care), ==, 0);
  g_assert_null (nk_care_page_get_room (f->care));
  g_assert_cmpstr (nk_staff_page_get_view (f->page), ==, "overview");
}

int
main (int argc, char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
#define ADD(path, fn) g_test_add ("/nk/care-page/" path, Fixture, NULL, setup, fn, teardown)
  ADD ("room-lunch", test_room_lunch);
  ADD ("absent-refused", test_absent_refused);
  ADD ("diaper-colour", test_diaper_colour);
  ADD ("back-history", test_back_history);
  ADD ("log-delete", test_log_delete);
  ADD ("log-correct", test_log_correct);
  ADD ("lock-clears", test_lock_clears);
  return g_test_run ();
}
