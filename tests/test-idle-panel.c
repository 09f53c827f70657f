/* test-idle-panel.c — the idle screen's information panel, under Xvfb:
 * today's menu read from the store, the next Mommy Classroom session with
 * its sign-up QR code, the turning between the two on a fast timer (and
 * not while unmapped, nor with only one of them), hidden with neither,
 * new data shown on the store's change signals and tomorrow's menu after
 * midnight on the centre's (fake) clock, and never a child's name. */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "core/nk-classroom.h"
#include "core/nk-menu.h"
#include "core/nk-pull.h"
#include "nk-ui-test-util.h"
#include "views/nk-idle-page.h"
#include "views/nk-info-panel.h"
#include "views/nk-menu-card.h"
#include "views/nk-session-card.h"

#define DIRECTOR "S001"          /* the demo's director */
#define TODAY "2026-11-23"       /* NK_TEST_MONDAY_8AM_US at the centre */
#define TOMORROW "2026-11-24"
#define SIGNUP_URL "https://platform.example/classroom/cs-1/signup"
#define SESSION_JSON \
  "{\"id\": \"cs-1\", \"title\": \"辅食添加\", \"kind\": \"mommy_classroom\", " \
  "\"starts_at\": \"2026-11-25T06:00:00.000Z\", \"ends_at\": \"2026-11-25T07:30:00.000Z\", " \
  "\"place\": \"二楼活动室\", \"audience\": \"parents\", \"capacity\": 20, \"seats_left\": 5, " \
  "\"signup_url\": \"" SIGNUP_URL "\"}"

typedef struct {
  char        *dir;
  NkStore     *store;
  NkDoor      *door;
  NkTestClock  clock;
  GtkWindow   *window;
  NkIdlePage  *page;
  NkInfoPanel *panel;
} Fixture;

#define wait_until(cond, f, data) nk_test_wait_until ((NkTestCond) (cond), (f), (data))

static void
setup (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->door = nk_test_demo_door ("idle-panel", &f->clock, &f->store, &f->dir);
  /* the demo's own menus and sessions away: each test puts its own */
  g_assert_true (nk_store_exec (f->store, "DELETE FROM classroom_sessions; DELETE FROM menu_days", &error));
  g_assert_no_error (error);
  f->window = GTK_WINDOW (gtk_window_new ());
  f->page = NK_IDLE_PAGE (nk_idle_page_new ());
  f->panel = nk_idle_page_get_info_panel (f->page);
  gtk_window_set_child (f->window, GTK_WIDGET (f->page));
  nk_ui_test_show (f->window);
}

static void
teardown (Fixture *f, gconstpointer data)
{
  gtk_window_destroy (f->window);
  nk_test_door_close (&f->door, &f->store, &f->dir);
}

/* The director's menu for date: an egg dish at lunch, porridge at breakfast. */
static void
save_menu (Fixture *f, const char *date, const char *lunch)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (NkMenuDay) day = nk_menu_day_new (date);
  NkMenuDish *dish = nk_menu_dish_new (lunch);

  dish->allergens = NK_ALLERGEN_EGG;
  nk_menu_day_add_dish (day, NK_MEAL_LUNCH, dish);
  /* the newest day wins: a second later than the last save */
  nk_test_clock_advance (&f->clock, G_USEC_PER_SEC);
  nk_menu_day_add_dish (day, NK_MEAL_BREAKFAST, nk_menu_dish_new ("小米粥"));
  g_assert_true (nk_menu_day_save (f->store, nk_door_get_centre (f->door), DIRECTOR, day, &error));
  g_assert_no_error (error);
}

/* The session as the platform sends it, and the store saying so, as the
 * application does after each pull (nk-application.c on_pulled). */
static void
pull_session (Fixture *f)
{
  const char *json = "{\"cursor\": \"c\", \"more\": false, \"changes\": {\"classroom_sessions\": ["
                     SESSION_JSON "]}}";
  g_autoptr (GError) error = NULL;
  g_autoptr (NkPull) pull = nk_pull_parse (json, strlen (json), &error);

  g_assert_no_error (error);
  g_assert_true (nk_pull_apply (pull, f->store, nk_door_get_centre (f->door), NULL, &error));
  g_assert_no_error (error);
  nk_store_emit_changed (f->store, "classroom_session", NULL);
}

static const char *
menu_text (Fixture *f)
{
  return nk_menu_card_get_text (NK_MENU_CARD (nk_info_panel_get_menu_card (f->panel)));
}

static const char *
session_text (Fixture *f)
{
  return nk_session_card_get_text (NK_SESSION_CARD (nk_info_panel_get_session_card (f->panel)));
}

static gboolean
showing (Fixture *f, const char *name)
{
  return g_strcmp0 (nk_info_panel_get_showing (f->panel), name) == 0;
}

static gboolean
panel_mapped (Fixture *f, gconstpointer unused)
{
  return gtk_widget_get_mapped (GTK_WIDGET (f->panel));
}

/* Today's menu from the store: each slot and dish, the allergen group
 * named; one pane only, so nothing turns. */
static void
test_menu (Fixture *f, gconstpointer data)
{
  g_autofree char *description = NULL;

  save_menu (f, TODAY, "番茄炒蛋");
  nk_idle_page_set_door (f->page, f->door);

  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->panel)));
  g_assert_true (showing (f, "menu"));
  g_assert_nonnull (strstr (menu_text (f), "番茄炒蛋"));
  g_assert_nonnull (strstr (menu_text (f), "小米粥"));
  g_assert_nonnull (strstr (menu_text (f), nk_allergen_label (NK_ALLERGEN_EGG)));
  g_assert_nonnull (strstr (menu_text (f), nk_meal_slot_label (NK_MEAL_LUNCH)));
  /* breakfast comes first, as the day goes */
  g_assert_true (strstr (menu_text (f), "小米粥") < strstr (menu_text (f), "番茄炒蛋"));
  g_assert_true (wait_until (panel_mapped, f, NULL));
  g_assert_false (nk_info_panel_is_turning (f->panel));
}

/* The session's card: title, place, seats left and the sign-up QR code
 * with a name that says what it is for. */
static void
test_session (Fixture *f, gconstpointer data)
{
  NkSessionCard *card = NK_SESSION_CARD (nk_info_panel_get_session_card (f->panel));
  g_autoptr (GPtrArray) pictures = g_ptr_array_new ();

  nk_idle_page_set_door (f->page, f->door);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (f->panel)));
  pull_session (f);

  g_assert_true (showing (f, "session"));
  g_assert_nonnull (strstr (session_text (f), "辅食添加"));
  g_assert_nonnull (strstr (session_text (f), "二楼活动室"));
  g_assert_nonnull (strstr (session_text (f), "5 seats left"));
  g_assert_cmpstr (nk_session_card_get_qr_text (card), ==, SIGNUP_URL);
  nk_ui_test_collect (GTK_WIDGET (card), GTK_TYPE_PICTURE, pictures);
  g_assert_cmpuint (pictures->len, ==, 1);
  g_assert_true (gtk_widget_get_visible (pictures->pdata[0]));
}

static gboolean
is_showing (Fixture *f, const char *name)
{
  return showing (f, name);
}

/* Both: the panel turns to the session and back on its timer; it stops
 * while unmapped and goes on when shown again. */
static void
test_turns (Fixture *f, gconstpointer data)
{
  save_menu (f, TODAY, "番茄炒蛋");
  pull_session (f);
  nk_idle_page_set_door (f->page, f->door);
  nk_info_panel_set_interval (f->panel, 40);
  g_assert_true (wait_until (panel_mapped, f, NULL));
  g_assert_true (nk_info_panel_is_turning (f->panel));

  g_assert_true (wait_until (is_showing, f, "session"));
  g_assert_true (wait_until (is_showing, f, "menu"));
  g_assert_true (wait_until (is_showing, f, "session"));

  gtk_widget_set_visible (GTK_WIDGET (f->window), FALSE);
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (f->panel)));
  g_assert_false (nk_info_panel_is_turning (f->panel));
  gtk_widget_set_visible (GTK_WIDGET (f->window), TRUE);
  g_assert_true (wait_until (panel_mapped, f, NULL));
  g_assert_true (nk_info_panel_is_turning (f->panel));
}

/* Neither: the panel is hidden, the prompt alone, no timer. */
static void
test_empty (Fixture *f, gconstpointer data)
{
  nk_idle_page_set_door (f->page, f->door);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (f->panel)));
  g_assert_null (nk_info_panel_get_showing (f->panel));
  g_assert_false (nk_info_panel_is_turning (f->panel));
  g_assert_cmpstr (menu_text (f), ==, "");
  g_assert_cmpstr (session_text (f), ==, "");
}

/* A menu saved while the door shows appears without anything else; a
 * day saved without dishes takes it away and the panel hides again. */
static void
test_changed (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (NkMenuDay) empty = nk_menu_day_new (TODAY);

  nk_idle_page_set_door (f->page, f->door);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (f->panel)));

  save_menu (f, TODAY, "番茄炒蛋");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->panel)));
  g_assert_nonnull (strstr (menu_text (f), "番茄炒蛋"));

  save_menu (f, TODAY, "鸡蛋羹");
  g_assert_null (strstr (menu_text (f), "番茄炒蛋"));
  g_assert_nonnull (strstr (menu_text (f), "鸡蛋羹"));

  nk_test_clock_advance (&f->clock, G_USEC_PER_SEC);
  g_assert_true (nk_menu_day_save (f->store, nk_door_get_centre (f->door), DIRECTOR, empty, &error));
  g_assert_no_error (error);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (f->panel)));
}

/* After midnight at the centre, the minute's tick reads tomorrow's menu. */
static void
test_midnight (Fixture *f, gconstpointer data)
{
  save_menu (f, TODAY, "番茄炒蛋");
  save_menu (f, TOMORROW, "红烧鱼");
  nk_idle_page_set_door (f->page, f->door);
  g_assert_nonnull (strstr (menu_text (f), "番茄炒蛋"));

  /* 23:59 the same day: still today's */
  nk_test_clock_advance (&f->clock, (gint64) (15 * 60 + 59) * 60 * G_USEC_PER_SEC);
  nk_idle_page_update_clock (f->page);
  g_assert_nonnull (strstr (menu_text (f), "番茄炒蛋"));
  /* 00:01 */
  nk_test_clock_advance (&f->clock, 2 * 60 * G_USEC_PER_SEC);
  nk_idle_page_update_clock (f->page);
  g_assert_nonnull (strstr (menu_text (f), "红烧鱼"));
  g_assert_null (strstr (menu_text (f), "番茄炒蛋"));
}

/* A menu too long for its pane at the door's size is shown in two panes,
 * turned to like the session: the first with the morning's meals, the
 * second with the rest. */
static void
test_long_menu (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (NkMenuDay) day = nk_menu_day_new (TODAY);
  static const char *const names[] = {
    "小米南瓜粥", "鸡蛋羹", "全麦小馒头", "清蒸鳕鱼", "西兰花炒虾仁",
    "豆腐青菜汤", "芒果奶昔", "番茄鸡蛋面", "花生芝麻小饼", "红烧鸡翅",
  };

  for (int slot = 0; slot < NK_MEAL_N_SLOTS; slot++)
    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        g_autofree char *name = g_strdup_printf ("%s%d", names[i], slot);
        NkMenuDish *dish = nk_menu_dish_new (name);

        dish->allergens = NK_ALLERGEN_MILK | NK_ALLERGEN_GLUTEN;
        nk_menu_day_add_dish (day, slot, dish);
      }
  g_assert_true (nk_menu_day_save (f->store, nk_door_get_centre (f->door), DIRECTOR, day, &error));
  g_assert_no_error (error);
  nk_idle_page_set_door (f->page, f->door);
  nk_info_panel_set_interval (f->panel, 40);

  g_assert_true (wait_until (panel_mapped, f, NULL));
  g_assert_true (wait_until (is_showing, f, "menu-2"));
  g_assert_nonnull (strstr (menu_text (f), "红烧鸡翅4"));
  g_assert_null (strstr (menu_text (f), "红烧鸡翅0"));
  g_assert_true (wait_until (is_showing, f, "menu"));
  g_assert_nonnull (strstr (menu_text (f), "红烧鸡翅0"));
  g_assert_null (strstr (menu_text (f), "红烧鸡翅4"));
}

/* Every label of the idle page and both panes' descriptions hold no
 * name of a child of the roster, with a menu holding a dish a child of
 * the roster is allergic to. */
static void
test_no_child_data (Fixture *f, gconstpointer data)
{
  g_autofree char *names = nk_test_text (f->store, "SELECT group_concat (name, '|') FROM children");
  g_auto (GStrv) children = g_strsplit (names, "|", -1);
  g_autoptr (GPtrArray) labels = g_ptr_array_new ();

  g_assert_cmpuint (g_strv_length (children), >, 10);
  save_menu (f, TODAY, "番茄炒蛋");
  pull_session (f);
  nk_idle_page_set_door (f->page, f->door);
  nk_ui_test_collect (GTK_WIDGET (f->page), GTK_TYPE_LABEL, labels);
  g_assert_cmpuint (labels->len, >, 8);

  for (guint i = 0; i < labels->len; i++)
    for (guint c = 0; children[c] != NULL; c++)
      {
        const char *text = gtk_label_get_label (labels->pdata[i]);

        if (strstr (text, children[c]) != NULL)
          g_error ("the idle page shows the child %s: “%s”", children[c], text);
      }
  for (guint c = 0; children[c] != NULL; c++)
    {
      g_assert_null (strstr (menu_text (f), children[c]));
      g_assert_null (strstr (session_text (f), children[c]));
    }
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/nk/idle-panel/menu", Fixture, NULL, setup, test_menu, teardown);
  g_test_add ("/nk/idle-panel/session", Fixture, NULL, setup, test_session, teardown);
  g_test_add ("/nk/idle-panel/turns", Fixture, NULL, setup, test_turns, teardown);
  g_test_add ("/nk/idle-panel/empty", Fixture, NULL, setup, test_empty, teardown);
  g_test_add ("/nk/idle-panel/changed", Fixture, NULL, setup, test_changed, teardown);
  g_test_add ("/nk/idle-panel/midnight", Fixture, NULL, setup, test_midnight, teardown);
  g_test_add ("/nk/idle-panel/long-menu", Fixture, NULL, setup, test_long_menu, teardown);
  g_test_add ("/nk/idle-panel/no-child-data", Fixture, NULL, setup, test_no_child_data, teardown);
  return g_test_run ();
}
