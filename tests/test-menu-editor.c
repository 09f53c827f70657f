/* test-menu-editor.c — the director's menu editor in staff mode, under
 * Xvfb, touched as a director would: the overview's "Menu" opens the
 * current week, a day its meals; a dish added with an allergen and an
 * amount is saved and read back, edited, removed; an empty name or an
 * "other" allergen without a text is refused on the page and in the
 * journal, and nothing is saved; a caregiver has no menu editor. */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "core/nk-demo.h"
#include "core/nk-menu.h"
#include "nk-ui-test-util.h"
#include "views/nk-menu-editor.h"
#include "views/nk-staff-page.h"

#define TODAY "2026-11-23"   /* a Monday: NK_TEST_MONDAY_8AM_US */
#define MENU_EVENTS "SELECT count (*) FROM outbox WHERE type = 'menu.day'"

typedef struct {
  char        *dir;
  NkStore     *store;
  NkDoor      *door;
  NkTestClock  clock;
  GtkWindow   *window;
  NkStaffPage *page;
} Fixture;

static void
open_as (Fixture *f, const char *uid)
{
  g_autoptr (NkTapResult) staff = nk_test_tap (f->door, uid);

  nk_staff_page_open (f->page, staff);
}

static void
setup (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->door = nk_test_demo_door ("menu-editor", &f->clock, &f->store, &f->dir);
  /* the demo's own menus away: each test writes its own */
  g_assert_true (nk_store_exec (f->store, "DELETE FROM menu_days", &error));
  g_assert_no_error (error);
  nk_door_set_debounce (f->door, 0);
  f->window = nk_ui_test_staff_window (f->door, &f->page);
  open_as (f, NK_DEMO_UID_DIRECTOR);
}

static void
teardown (Fixture *f, gconstpointer data)
{
  gtk_window_destroy (f->window);
  nk_test_door_close (&f->door, &f->store, &f->dir);
}

/* A button on screen under root whose label is label (and, when target
 * is not NULL, whose action target is target), once it is drawn; NULL
 * when none is. */
static gboolean
matches (GtkWidget *button, const char *label, GVariant *target)
{
  GVariant *has = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (button));

  if (label != NULL && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (button)), label) != 0)
    return FALSE;
  return target == NULL || (has != NULL && g_variant_equal (has, target));
}

static GtkWidget *
find_button (GtkWidget *root, const char *label, GVariant *target)
{
  g_autoptr (GVariant) sunk = target != NULL ? g_variant_ref_sink (target) : NULL;

  for (guint n = 0; n < 200; n++)
    {
      g_autoptr (GPtrArray) buttons = g_ptr_array_new ();

      nk_ui_test_collect (root, GTK_TYPE_BUTTON, buttons);
      for (guint i = 0; i < buttons->len; i++)
        if (gtk_widget_is_drawable (buttons->pdata[i]) && matches (buttons->pdata[i], label, sunk))
          return buttons->pdata[i];
      /* not drawn yet: let the frame clock run */
      g_usleep (5000);
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }
  return NULL;
}

/* A touch: the button's own "clicked", as the pointer gives it, a
 * second after the last (the newest save of a day wins). */
static void
touch (Fixture *f, const char *label, GVariant *target)
{
  GtkWidget *button = find_button (GTK_WIDGET (f->page), label, target);

  nk_test_clock_advance (&f->clock, G_USEC_PER_SEC);
  if (button == NULL)
    g_error ("no button “%s” on screen", label != NULL ? label : "(by target)");
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

static NkMenuEditor *
editor (Fixture *f)
{
  return nk_ui_test_find_one (GTK_WIDGET (f->page), NK_TYPE_MENU_EDITOR);
}

/* The entry under the editor whose placeholder is placeholder. */
static void
type_into (Fixture *f, const char *placeholder, const char *text)
{
  g_autoptr (GPtrArray) entries = g_ptr_array_new ();

  nk_ui_test_collect (GTK_WIDGET (editor (f)), GTK_TYPE_ENTRY, entries);
  for (guint i = 0; i < entries->len; i++)
    if (g_strcmp0 (gtk_entry_get_placeholder_text (entries->pdata[i]), placeholder) == 0)
      {
        gtk_editable_set_text (GTK_EDITABLE (entries->pdata[i]), text);
        return;
      }
  g_error ("no entry “%s”", placeholder);
}

static void
open_today (Fixture *f)
{
  touch (f, "Menu", NULL);
  g_assert_cmpstr (nk_menu_editor_get_page (editor (f)), ==, "week");
  g_assert_cmpstr (nk_menu_editor_get_monday (editor (f)), ==, TODAY);
  touch (f, NULL, g_variant_new_string (TODAY));
  g_assert_cmpstr (nk_menu_editor_get_page (editor (f)), ==, "day");
}

static NkMenuDay *
stored (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  NkMenuDay *day = nk_menu_day_load (f->store, TODAY, &error);

  g_assert_no_error (error);
  return day;
}

/* Added with an allergen and an amount, saved, read back; edited; removed. */
static void
test_add_edit_remove (Fixture *f, gconstpointer data)
{
  g_autoptr (NkMenuDay) day = NULL;
  g_autoptr (NkMenuDay) edited = NULL;
  g_autoptr (NkMenuDay) removed = NULL;
  NkMenuDish *dish;

  open_today (f);
  touch (f, "Add dish", g_variant_new_int32 (NK_MEAL_LUNCH));
  g_assert_cmpstr (nk_menu_editor_get_page (editor (f)), ==, "dish");
  type_into (f, "Dish, e.g. 番茄炒蛋", "  番茄炒蛋 ");
  type_into (f, "Ingredients", "番茄、鸡蛋");
  touch (f, nk_allergen_label (NK_ALLERGEN_EGG), NULL);
  g_test_expect_message ("nk-views", G_LOG_LEVEL_MESSAGE, "confirmed menu.day date=" TODAY " by=S001: 番茄炒蛋");
  touch (f, "Save dish", NULL);
  g_test_assert_expected_messages ();

  g_assert_cmpstr (nk_menu_editor_get_page (editor (f)), ==, "day");
  g_assert_null (nk_menu_editor_get_error (editor (f)));
  day = stored (f);
  g_assert_nonnull (day);
  g_assert_cmpuint (nk_menu_day_n_dishes (day), ==, 1);
  dish = day->dishes[NK_MEAL_LUNCH]->pdata[0];
  g_assert_cmpstr (dish->name, ==, "番茄炒蛋");
  g_assert_cmpstr (dish->ingredients, ==, "番茄、鸡蛋");
  g_assert_cmpuint (dish->allergens, ==, NK_ALLERGEN_EGG);
  g_assert_cmpstr (day->source, ==, "kiosk");
  g_assert_cmpint (nk_test_count (f->store, MENU_EVENTS), ==, 1);

  /* the day's page shows it; editing fills the form with it */
  touch (f, "Edit", g_variant_new ("(iu)", NK_MEAL_LUNCH, 0));
  g_assert_cmpstr (nk_menu_editor_get_page (editor (f)), ==, "dish");
  touch (f, nk_allergen_label (NK_ALLERGEN_MILK), NULL);
  type_into (f, "e.g. 50 g", "60 g");
  g_test_expect_message ("nk-views", G_LOG_LEVEL_MESSAGE, "confirmed menu.day*");
  touch (f, "Save dish", NULL);
  g_test_assert_expected_messages ();
  edited = stored (f);
  dish = edited->dishes[NK_MEAL_LUNCH]->pdata[0];
  g_assert_cmpuint (nk_menu_day_n_dishes (edited), ==, 1);
  g_assert_cmpuint (dish->allergens, ==, NK_ALLERGEN_EGG | NK_ALLERGEN_MILK);
  g_assert_cmpstr (dish->name, ==, "番茄炒蛋");
  g_assert_cmpstr (dish->amounts[0], ==, "60 g");

  g_test_expect_message ("nk-views", G_LOG_LEVEL_MESSAGE, "confirmed menu.day*removed*");
  touch (f, "Remove", g_variant_new ("(iu)", NK_MEAL_LUNCH, 0));
  g_test_assert_expected_messages ();
  removed = stored (f);
  g_assert_true (removed == NULL || nk_menu_day_n_dishes (removed) == 0);
  g_assert_cmpint (nk_test_count (f->store, MENU_EVENTS), ==, 3);
}

/* No name: said on the page and in the journal; the form keeps what
 * was typed; nothing saved. */
static void
test_empty_name (Fixture *f, gconstpointer data)
{
  g_autoptr (NkMenuDay) day = NULL;

  open_today (f);
  touch (f, "Add dish", g_variant_new_int32 (NK_MEAL_BREAKFAST));
  type_into (f, "Dish, e.g. 番茄炒蛋", "   ");
  type_into (f, "Ingredients", "小米");
  g_test_expect_message ("nk-views", G_LOG_LEVEL_MESSAGE, "Menu editor: dish not saved: The dish needs a name*");
  touch (f, "Save dish", NULL);
  g_test_assert_expected_messages ();

  g_assert_cmpstr (nk_menu_editor_get_page (editor (f)), ==, "dish");
  g_assert_nonnull (strstr (nk_menu_editor_get_error (editor (f)), "needs a name"));
  day = stored (f);
  g_assert_null (day);
  g_assert_cmpint (nk_test_count (f->store, MENU_EVENTS), ==, 0);
}

/* "Other" toggled without saying which: refused, nothing saved. */
static void
test_other_needs_text (Fixture *f, gconstpointer data)
{
  g_autoptr (NkMenuDay) day = NULL;

  open_today (f);
  touch (f, "Add dish", g_variant_new_int32 (NK_MEAL_DINNER));
  type_into (f, "Dish, e.g. 番茄炒蛋", "芒果布丁");
  touch (f, nk_allergen_label (NK_ALLERGEN_OTHER), NULL);
  g_test_expect_message ("nk-views", G_LOG_LEVEL_MESSAGE, "Menu editor: dish not saved: Say which other allergen*");
  touch (f, "Save dish", NULL);
  g_test_assert_expected_messages ();
  g_assert_nonnull (nk_menu_editor_get_error (editor (f)));
  day = stored (f);
  g_assert_null (day);

  type_into (f, "Which other allergen, e.g. 芒果", "芒果");
  g_test_expect_message ("nk-views", G_LOG_LEVEL_MESSAGE, "confirmed menu.day*");
  touch (f, "Save dish", NULL);
  g_test_assert_expected_messages ();
  g_clear_pointer (&day, nk_menu_day_free);
  day = stored (f);
  g_assert_cmpstr (((NkMenuDish *) day->dishes[NK_MEAL_DINNER]->pdata[0])->allergen_other, ==, "芒果");
}

/* The previous and next weeks; back goes from the day to the week. */
static void
test_weeks (Fixture *f, gconstpointer data)
{
  open_today (f);
  touch (f, "Back", NULL);
  g_assert_cmpstr (nk_menu_editor_get_page (editor (f)), ==, "week");
  touch (f, "Next week", NULL);
  g_assert_cmpstr (nk_menu_editor_get_monday (editor (f)), ==, "2026-11-30");
  touch (f, "Previous week", NULL);
  touch (f, "Previous week", NULL);
  g_assert_cmpstr (nk_menu_editor_get_monday (editor (f)), ==, "2026-11-16");
  g_assert_nonnull (find_button (GTK_WIDGET (f->page), NULL, g_variant_new_string ("2026-11-22")));
}

/* A caregiver's staff mode has no "Menu", and the action opens nothing. */
static void
test_caregiver (Fixture *f, gconstpointer data)
{
  nk_staff_page_close (f->page);
  open_as (f, NK_DEMO_UID_CAREGIVER);
  g_assert_null (find_button (GTK_WIDGET (f->page), "Menu", NULL));
  g_test_expect_message ("nk-views", G_LOG_LEVEL_MESSAGE, "The menu editor is for the director*");
  gtk_widget_activate_action (GTK_WIDGET (f->page), "menus.open", NULL);
  g_test_assert_expected_messages ();
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/nk/menu-editor/add-edit-remove", Fixture, NULL, setup, test_add_edit_remove, teardown);
  g_test_add ("/nk/menu-editor/empty-name", Fixture, NULL, setup, test_empty_name, teardown);
  g_test_add ("/nk/menu-editor/other-needs-text", Fixture, NULL, setup, test_other_needs_text, teardown);
  g_test_add ("/nk/menu-editor/weeks", Fixture, NULL, setup, test_weeks, teardown);
  g_test_add ("/nk/menu-editor/caregiver", Fixture, NULL, setup, test_caregiver, teardown);
  return g_test_run ();
}
