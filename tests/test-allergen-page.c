/* test-allergen-page.c — staff mode's allergen lists (nk-allergen-page.h):
 * the tools open them; "Allergies to confirm" lists the child whose free
 * text could not all be mapped, and a confirmation with the groups picked
 * takes the child off it; "Allergens on today's menu" lists a child here
 * with the dish, asks for the substitute before it is confirmed, and
 * shows it once confirmed; leaving the page forgets the children. */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "core/nk-demo.h"
#include "core/nk-menu.h"
#include "nk-ui-test-util.h"
#include "views/nk-allergen-page.h"
#include "views/nk-staff-page-allergens.h"
#include "views/nk-staff-page-private.h"

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
  f->door = nk_test_demo_door ("allergen-page", &f->clock, &f->store, &f->dir);
  f->window = nk_ui_test_staff_window (f->door, &f->page);
}

static void
teardown (Fixture *f, gconstpointer data)
{
  gtk_window_destroy (f->window);
  nk_test_door_close (&f->door, &f->store, &f->dir);
}

static NkAllergenPage *
page (Fixture *f)
{
  return NK_ALLERGEN_PAGE (nk_staff_page_get_allergen_page (f->page));
}

/* The button of type under the page labelled name. */
static GtkWidget *
find_named (Fixture *f, GType type, const char *name)
{
  g_autoptr (GPtrArray) all = g_ptr_array_new ();

  nk_ui_test_collect (GTK_WIDGET (page (f)), type, all);
  for (guint i = 0; i < all->len; i++)
    {
      GtkWidget *w = all->pdata[i];

      if (GTK_IS_BUTTON (w) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (w)), name) == 0)
        return w;
    }
  return NULL;
}

static gboolean
message_is (gpointer a, gconstpointer b)
{
  const char *m = nk_allergen_page_get_message (a);

  return m != NULL && strstr (m, b) != NULL;
}

static void
test_confirm_list (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) toggles = g_ptr_array_new ();
  GtkWidget *confirm;

  open_as (f, NK_DEMO_UID_DIRECTOR);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "allergens.confirm", NULL));
  g_assert_true (gtk_stack_get_visible_child (f->page->inner_stack) == GTK_WIDGET (page (f)));
  /* the demo child whose "Mango, seafood" no keyword maps */
  g_assert_cmpuint (nk_allergen_page_get_n_rows (page (f)), ==, 1);

  nk_ui_test_collect (GTK_WIDGET (page (f)), GTK_TYPE_TOGGLE_BUTTON, toggles);
  g_assert_cmpuint (toggles->len, ==, 8);
  for (guint i = 0; i < toggles->len; i++)
    g_assert_false (gtk_toggle_button_get_active (toggles->pdata[i]));
  /* seafood: crustaceans and fish (the standard's order: bits 1 and 2) */
  gtk_toggle_button_set_active (toggles->pdata[1], TRUE);
  gtk_toggle_button_set_active (toggles->pdata[2], TRUE);
  confirm = find_named (f, GTK_TYPE_BUTTON, "Confirm");
  g_assert_nonnull (confirm);
  g_signal_emit_by_name (confirm, "clicked");

  g_assert_true (nk_test_wait_until (message_is, page (f), "allergies confirmed"));
  g_assert_cmpuint (nk_allergen_page_get_n_rows (page (f)), ==, 0);
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM children WHERE allergy_review"), ==, 0);
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM outbox WHERE type = 'allergy.confirmed' "
                                            "AND json_extract (payload, '$.allergy_other') = 'Mango、seafood'"),
                   ==, 1);

  /* back: the page forgets its children */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "staff.back", NULL));
  g_assert_cmpuint (nk_allergen_page_get_n_rows (page (f)), ==, 0);
}

static void
test_today_list (Fixture *f, gconstpointer data)
{
  g_autoptr (NkMenuDay) day = nk_menu_day_new ("2026-11-23");
  NkMenuDish *pudding = nk_menu_dish_new ("牛奶布丁");
  g_autoptr (NkTapResult) in = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) entries = g_ptr_array_new ();
  GtkWidget *ready;

  pudding->allergens = NK_ALLERGEN_MILK;
  nk_menu_day_add_dish (day, NK_MEAL_AFTERNOON_SNACK, pudding);
  g_assert_true (nk_menu_day_save (f->store, nk_door_get_centre (f->door), "S001", day, &error));
  in = nk_test_tap (f->door, NK_DEMO_UID_CHILD);
  g_assert_cmpint (in->outcome, ==, NK_TAP_CHECKED_IN);

  open_as (f, NK_DEMO_UID_CAREGIVER);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "allergens.today", NULL));
  g_assert_cmpuint (nk_allergen_page_get_n_rows (page (f)), ==, 1);
  ready = find_named (f, GTK_TYPE_BUTTON, "Substitute ready");
  g_assert_nonnull (ready);

  /* no substitute written: asked for, nothing recorded */
  g_signal_emit_by_name (ready, "clicked");
  g_assert_true (nk_test_wait_until (message_is, page (f), "Write the substitute"));
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM outbox WHERE type = 'menu.substitute'"),
                   ==, 0);

  nk_ui_test_collect (GTK_WIDGET (page (f)), GTK_TYPE_TEXT, entries);
  g_assert_cmpuint (entries->len, ==, 1);
  gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_parent (entries->pdata[0])), "豆浆布丁");
  g_signal_emit_by_name (ready, "clicked");
  g_assert_true (nk_test_wait_until (message_is, page (f), "豆浆布丁"));
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM outbox WHERE type = 'menu.substitute' "
                                            "AND json_extract (payload, '$.substitute') = '豆浆布丁'"), ==, 1);
  /* listed still, with the substitute, and nothing left to confirm */
  g_assert_cmpuint (nk_allergen_page_get_n_rows (page (f)), ==, 1);
  g_assert_null (find_named (f, GTK_TYPE_BUTTON, "Substitute ready"));
}

int
main (int argc, char **argv)
{
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_setenv ("LANGUAGE", "", TRUE);
  g_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/nk/allergen-page/confirm", Fixture, NULL, setup, test_confirm_list, teardown);
  g_test_add ("/nk/allergen-page/today", Fixture, NULL, setup, test_today_list, teardown);
  return g_test_run ();
}
