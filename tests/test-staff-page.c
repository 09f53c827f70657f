/* test-staff-page.c — staff mode's overview follows the core's list
 * models: a check-in changes the child's own tile (the same widget), a
 * roster change adds a tile and keeps the others, stays left open show
 * as lines, and nothing about any child stays behind the lock. */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "core/nk-demo.h"
#include "core/nk-roster.h"
#include "nk-ui-test-util.h"
#include "views/nk-staff-page.h"
#include "views/nk-staff-page-private.h"

#define SECONDS(s) ((gint64) (s) * G_USEC_PER_SEC)
#define HOURS(h) SECONDS ((h) * 3600)

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
  g_autoptr(NkTapResult) director = NULL;

  f->door = nk_test_demo_door ("staff-page", &f->clock, &f->store, &f->dir);
  f->window = nk_ui_test_staff_window (f->door, &f->page);

  director = nk_test_tap (f->door, NK_DEMO_UID_DIRECTOR);
  g_assert_cmpint (director->outcome, ==, NK_TAP_STAFF_CLOCKED_IN);
  nk_staff_page_open (f->page, director);
  nk_test_clock_advance (&f->clock, SECONDS (60));
}

static void
teardown (Fixture *f, gconstpointer data)
{
  gtk_window_destroy (f->window);
  nk_test_door_close (&f->door, &f->store, &f->dir);
}

/* The tile (button) that opens the by-hand check of child_id, or NULL. */
static GtkWidget *
tile_of (Fixture *f, const char *child_id)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  nk_ui_test_collect (GTK_WIDGET (f->page), GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    {
      GtkActionable *button = g_ptr_array_index (buttons, i);
      GVariant *target = gtk_actionable_get_action_target_value (button);

      if (g_strcmp0 (gtk_actionable_get_action_name (button), "staff.manual") == 0 && target != NULL
          && g_strcmp0 (g_variant_get_string (target, NULL), child_id) == 0)
        return GTK_WIDGET (button);
    }
  return NULL;
}

/* The text of every label under root that is drawn, joined by "\n". */
static char *
shown_text (GtkWidget *root)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  GString *out = g_string_new (NULL);

  nk_ui_test_collect (root, GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    {
      GtkWidget *label = g_ptr_array_index (labels, i);

      if (gtk_widget_is_visible (label))
        g_string_append_printf (out, "%s\n", gtk_label_get_label (GTK_LABEL (label)));
    }
  return g_string_free (out, FALSE);
}

/* The buttons of the page that activate action. */
static guint
count_buttons (Fixture *f, const char *action)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  guint n = 0;

  nk_ui_test_collect (GTK_WIDGET (f->page), GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    n += g_strcmp0 (gtk_actionable_get_action_name (g_ptr_array_index (buttons, i)), action) == 0;
  return n;
}

static guint
count_tiles (Fixture *f)
{
  return count_buttons (f, "staff.manual");
}

static void
test_tile_follows_its_child (Fixture *f, gconstpointer data)
{
  GtkWidget *ming = tile_of (f, "D0001");
  GtkWidget *xuan = tile_of (f, "D0003");
  g_autoptr(NkTapResult) in = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *other = NULL;

  g_assert_nonnull (ming);
  g_assert_cmpuint (nk_staff_page_get_n_rooms (f->page), ==, 3);
  g_assert_cmpuint (count_tiles (f), ==, nk_roster_count_children (f->store));
  g_assert_true (gtk_widget_has_css_class (ming, "nk-absent"));
  before = shown_text (ming);
  g_assert_cmpstr (before, ==, "王小明\nNot here\n");

  in = nk_test_tap (f->door, NK_DEMO_UID_CHILD);
  g_assert_cmpint (in->outcome, ==, NK_TAP_CHECKED_IN);

  /* the same widgets, showing the new state */
  g_assert_true (tile_of (f, "D0001") == ming);
  g_assert_true (tile_of (f, "D0003") == xuan);
  g_assert_true (gtk_widget_has_css_class (ming, "nk-present"));
  g_assert_false (gtk_widget_has_css_class (ming, "nk-absent"));
  after = shown_text (ming);
  g_assert_cmpstr (after, ==, "王小明\nIn since 08:01\n");
  other = shown_text (xuan);
  g_assert_cmpstr (other, ==, "刘子轩\nNot here\n");
  {
    g_autofree char *all = shown_text (GTK_WIDGET (f->page));

    /* the toddler room counts the child present; a caregiver is needed */
    g_assert_nonnull (strstr (all, "Children 1 / 15 places"));
    g_assert_nonnull (strstr (all, "Caregivers 0, needed 1 (1:5)"));
  }
}

static void
test_roster_adds_a_tile (Fixture *f, gconstpointer data)
{
  GtkWidget *ming = tile_of (f, "D0001");
  guint n = count_tiles (f);
  GtkWidget *added;
  g_autofree char *text = NULL;

  g_assert_true (nk_roster_put_child (f->store, "D0100", "王小朋", "2025-06-01", "R2", NULL, NULL, NULL));
  nk_store_emit_changed (f->store, "roster", NULL);

  added = tile_of (f, "D0100");
  g_assert_nonnull (added);
  g_assert_cmpuint (count_tiles (f), ==, n + 1);
  g_assert_true (tile_of (f, "D0001") == ming);
  text = shown_text (added);
  g_assert_cmpstr (text, ==, "王小朋\nNot here\n");

  /* and a child who leaves takes the tile along */
  g_assert_true (nk_roster_set_child_active (f->store, "D0100", FALSE, NULL));
  nk_store_emit_changed (f->store, "roster", NULL);
  g_assert_null (tile_of (f, "D0100"));
  g_assert_cmpuint (count_tiles (f), ==, n);
}

static void
test_stays_and_the_lock (Fixture *f, gconstpointer data)
{
  g_autoptr(NkTapResult) in = nk_test_tap (f->door, NK_DEMO_UID_CHILD);
  g_autoptr(GError) error = NULL;
  g_autofree char *empty = shown_text (GTK_WIDGET (f->page));
  g_autofree char *with_stay = NULL;
  g_autofree char *locked = NULL;

  g_assert_nonnull (strstr (empty, "None — every child was checked out"));

  /* the next morning, the stay left open is closed and shown */
  nk_test_clock_advance (&f->clock, HOURS (24));
  g_assert_cmpint (nk_attendance_close_stale (nk_door_get_attendance (f->door), &error), ==, 1);
  g_assert_no_error (error);
  with_stay = shown_text (GTK_WIDGET (f->page));
  g_assert_null (strstr (with_stay, "None — every child was checked out"));
  g_assert_nonnull (strstr (with_stay, "2026-11-23  王小明 ("));
  g_assert_nonnull (strstr (with_stay, "in at 08:01, not checked out"));

  /* locked: no child's name, tile or stay is left in the page */
  nk_staff_page_close (f->page);
  g_assert_cmpuint (nk_staff_page_get_n_rooms (f->page), ==, 0);
  g_assert_cmpuint (count_tiles (f), ==, 0);
  locked = shown_text (GTK_WIDGET (f->page));
  g_assert_null (strstr (locked, "王小明"));
  g_assert_null (strstr (locked, "刘子轩"));
}

/* The room switcher's buttons: "All rooms" then a room each. */
static guint
count_room_switches (Fixture *f)
{
  return count_buttons (f, "staff.room");
}

static void
open_as (Fixture *f, const char *uid)
{
  g_autoptr(NkTapResult) staff = nk_test_tap (f->door, uid);

  g_assert_true (staff->outcome == NK_TAP_STAFF_CLOCKED_IN || staff->outcome == NK_TAP_STAFF_OPEN);
  nk_staff_page_open (f->page, staff);
}

/* The director and health staff see every room; a caregiver opens on
 * their own room, can switch to another or to all (their own first). */
static void
test_rooms_by_role (Fixture *f, gconstpointer data)
{
  g_autofree char *shown = NULL;

  /* the director (opened in setup) */
  g_assert_cmpint (nk_staff_page_get_role (f->page), ==, NK_STAFF_DIRECTOR);
  g_assert_null (nk_staff_page_get_room_id (f->page));
  g_assert_cmpuint (nk_staff_page_get_n_rooms_shown (f->page), ==, 3);
  g_assert_cmpuint (count_room_switches (f), ==, 4);

  open_as (f, "04C0FF01");   /* 孙医生, health staff */
  g_assert_cmpint (nk_staff_page_get_role (f->page), ==, NK_STAFF_HEALTH);
  g_assert_null (nk_staff_page_get_room_id (f->page));
  g_assert_cmpuint (nk_staff_page_get_n_rooms_shown (f->page), ==, 3);

  open_as (f, NK_DEMO_UID_CAREGIVER);   /* 张老师, toddler room R2 */
  g_assert_cmpint (nk_staff_page_get_role (f->page), ==, NK_STAFF_CAREGIVER);
  g_assert_cmpstr (nk_staff_page_get_room_id (f->page), ==, "R2");
  g_assert_cmpuint (nk_staff_page_get_n_rooms_shown (f->page), ==, 1);
  g_assert_cmpstr (nk_staff_page_get_shown_room_id (f->page, 0), ==, "R2");
  /* only that room's children are on screen */
  g_assert_nonnull (tile_of (f, "D0001"));
  g_assert_null (tile_of (f, "D0002"));
  shown = shown_text (GTK_WIDGET (f->page));
  g_assert_null (strstr (shown, "刘子涵"));

  /* every room, their own first */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "staff.room", "s", ""));
  g_assert_null (nk_staff_page_get_room_id (f->page));
  g_assert_cmpuint (nk_staff_page_get_n_rooms_shown (f->page), ==, 3);
  g_assert_cmpstr (nk_staff_page_get_shown_room_id (f->page, 0), ==, "R2");
  g_assert_nonnull (tile_of (f, "D0002"));

  /* another room */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "staff.room", "s", "R3"));
  g_assert_cmpstr (nk_staff_page_get_room_id (f->page), ==, "R3");
  g_assert_cmpuint (nk_staff_page_get_n_rooms_shown (f->page), ==, 1);
  g_assert_nonnull (tile_of (f, "D0002"));
  g_assert_null (tile_of (f, "D0001"));

  /* a room added by the roster gets its switch */
  g_assert_true (nk_roster_put_room (f->store, "R9", "小太阳", NK_ROOM_TODDLER, 15, NULL));
  nk_store_emit_changed (f->store, "roster", NULL);
  g_assert_cmpuint (count_room_switches (f), ==, 5);

  /* locked: nothing is shown, the switcher is empty */
  nk_staff_page_close (f->page);
  g_assert_null (nk_staff_page_get_room_id (f->page));
  g_assert_cmpuint (nk_staff_page_get_n_rooms_shown (f->page), ==, 0);
  g_assert_cmpuint (count_room_switches (f), ==, 0);
}

/* Whether a tool of the row is shown. */
static gboolean
any_tool_shown (Fixture *f)
{
  for (GtkWidget *t = gtk_widget_get_first_child (GTK_WIDGET (f->page->tools_box)); t != NULL;
       t = gtk_widget_get_next_sibling (t))
    if (gtk_widget_get_visible (t))
      return TRUE;
  return FALSE;
}

/* A feature's tool shows to the roles it names, and the row hides when
 * the role has none. */
static void
test_tools_by_role (Fixture *f, gconstpointer data)
{
  GtkWidget *row = f->page->tools_row;
  GtkWidget *menu = NULL;
  GtkWidget *absent = NULL;

  /* the features' own tools aside: this is about the mechanism */
  for (GtkWidget *t; (t = gtk_widget_get_first_child (GTK_WIDGET (f->page->tools_box))) != NULL;)
    gtk_box_remove (f->page->tools_box, t);
  menu = nk_staff_page_add_tool (f->page, "Menu", "The week's menus", "staff.lock", NULL,
                                            NK_STAFF_ROLE_MASK_DIRECTOR);

  /* the director (opened in setup) */
  g_assert_true (gtk_widget_get_visible (menu));
  g_assert_true (gtk_widget_get_visible (row));

  open_as (f, NK_DEMO_UID_CAREGIVER);
  g_assert_false (gtk_widget_get_visible (menu));
  /* the row shows when the role has a tool, hides when it has none */
  g_assert_cmpint (gtk_widget_get_visible (row), ==, any_tool_shown (f));

  absent = nk_staff_page_add_tool (f->page, "Absent today", NULL, "staff.lock", NULL,
                                   NK_STAFF_ROLE_MASK_ALL);
  g_assert_true (gtk_widget_get_visible (absent));
  g_assert_true (gtk_widget_get_visible (row));

  open_as (f, "04C0FF01");   /* health staff */
  g_assert_false (gtk_widget_get_visible (menu));
  g_assert_true (gtk_widget_get_visible (absent));

  /* the button does what it names: the lock */
  g_signal_emit_by_name (absent, "clicked");
  g_assert_null (nk_staff_page_get_staff_id (f->page));
}

int
main (int argc, char *argv[])
{
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_setenv ("LANGUAGE", "", TRUE);
  g_test_init (&argc, &argv, NULL);
  adw_init ();
#define ADD(path, fn) g_test_add ("/nk/staff-page/" path, Fixture, NULL, setup, fn, teardown)
  ADD ("tile-follows-its-child", test_tile_follows_its_child);
  ADD ("roster-adds-a-tile", test_roster_adds_a_tile);
  ADD ("stays-and-the-lock", test_stays_and_the_lock);
  ADD ("rooms-by-role", test_rooms_by_role);
  ADD ("tools-by-role", test_tools_by_role);
#undef ADD
  return g_test_run ();
}
