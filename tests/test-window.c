/* test-window.c — the door window with real services: a temporary
 * database seeded with the demo centre, the simulated reader, no sound.
 * Taps go in through nk_reader_sim_tap() and the test iterates the main
 * context until the window has answered; it checks what is on screen and
 * what is in the database. */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "core/nk-door.h"
#include "nk-ui-test-util.h"
#include "core/nk-demo.h"
#include "core/nk-roster.h"
#include "core/nk-store-private.h"
#include "devices/nk-reader-sim.h"
#include "devices/nk-sound.h"
#include "views/nk-window.h"

#define SECONDS(s) ((gint64) (s) * G_USEC_PER_SEC)

typedef struct {
  char         *dir;
  NkStore      *store;
  NkDoor *door;
  NkReader     *reader;
  NkSound      *sound;
  NkWindow     *window;
  NkTestClock   clock;
  guint         handled;   /* taps the window has answered */
} Fixture;

static void
advance (Fixture *f, gint64 us)
{
  nk_test_clock_advance (&f->clock, us);
}

#define wait_until(cond, f, data) nk_test_wait_until ((NkTestCond) (cond), (f), (data))

static gboolean
page_is (Fixture *f, gconstpointer name)
{
  return g_strcmp0 (nk_window_get_page_name (f->window), name) == 0;
}

static void
tap (Fixture *f, const char *uid)
{
  nk_ui_test_tap (f->reader, &f->handled, uid);
}

static gint64
count (Fixture *f, const char *sql)
{
  return nk_test_count (f->store, sql);
}

static char *
text (Fixture *f, const char *sql)
{
  return nk_test_text (f->store, sql);
}

static void
setup (Fixture *f, gconstpointer data)
{
  f->door = nk_test_demo_door ("window", &f->clock, &f->store, &f->dir);
  f->reader = nk_ui_test_reader_new ();
  f->sound = nk_sound_new (FALSE, 0.0);

  f->window = nk_window_new (NULL, f->door, f->reader, f->sound);
  g_object_ref_sink (f->window);
  g_object_set (f->window,
                "centre-name", "Test Centre",
                "chooser-seconds", GPOINTER_TO_UINT (data) != 0 ? GPOINTER_TO_UINT (data) : 20,
                "result-seconds", 60,
                NULL);
  /* connected after the window: runs once the window has answered */
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

/* The idle page: prompt, clock, reader state; nothing about any child. */
static void
test_idle (Fixture *f, gconstpointer data)
{
  NkIdlePage *idle = nk_window_get_idle_page (f->window);

  g_assert_cmpstr (nk_window_get_page_name (f->window), ==, "idle");
  g_assert_cmpstr (nk_idle_page_get_prompt_text (idle), ==, "Please tap your card");
  g_assert_cmpuint (strlen (nk_idle_page_get_time_text (idle)), ==, 5);
  g_assert_cmpstr (nk_idle_page_get_reader_text (idle), ==, nk_reader_get_message (f->reader));
  g_assert_false (nk_window_get_staff_alert (f->window));
  /* the tap panel belongs to demo mode only */
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (nk_window_get_tap_panel (f->window))));
  g_assert_cmpuint (nk_tap_panel_get_n_cards (nk_window_get_tap_panel (f->window)), >, 0);
}

/* A child's card: checked in, a row; the same card at once: already. */
static void
test_child (Fixture *f, gconstpointer data)
{
  NkResultPage *result = nk_window_get_result_page (f->window);

  tap (f, NK_DEMO_UID_CHILD);
  g_assert_cmpstr (nk_window_get_page_name (f->window), ==, "result");
  g_assert_cmpstr (nk_result_page_get_tone (result), ==, "in");
  g_assert_cmpstr (nk_result_page_get_headline (result), ==, "Checked in");
  g_assert_cmpuint (nk_result_page_get_n_people (result), ==, 1);
  g_assert_cmpstr (nk_result_page_get_person_name (result, 0), ==, "王小明");
  g_assert_cmpint (count (f, "SELECT count(*) FROM attendance WHERE child_id = 'D0001' AND kind = 'in'"), ==, 1);

  /* a tap while the result shows is answered at once */
  advance (f, SECONDS (2));
  tap (f, NK_DEMO_UID_CHILD);
  g_assert_cmpstr (nk_window_get_page_name (f->window), ==, "result");
  g_assert_cmpstr (nk_result_page_get_tone (result), ==, "already");
  g_assert_cmpstr (nk_result_page_get_headline (result), ==, "Already recorded");
  g_assert_cmpint (count (f, "SELECT count(*) FROM attendance WHERE child_id = 'D0001'"), ==, 1);

  /* later the same card checks the child out */
  advance (f, SECONDS (3600));
  tap (f, NK_DEMO_UID_CHILD);
  g_assert_cmpstr (nk_result_page_get_tone (result), ==, "out");
  g_assert_cmpstr (nk_result_page_get_headline (result), ==, "Checked out");
  g_assert_cmpint (count (f, "SELECT count(*) FROM attendance WHERE child_id = 'D0001' AND kind = 'out'"), ==, 1);
}

static gboolean
n_people_is (Fixture *f, gconstpointer n)
{
  return page_is (f, "result") &&
         nk_result_page_get_n_people (nk_window_get_result_page (f->window)) == GPOINTER_TO_UINT (n);
}

/* A guardian of two: the chooser with two tiles; the same card again keeps
 * it; confirming both checks both in. */
static void
test_family (Fixture *f, gconstpointer data)
{
  NkFamilyPage *family = nk_window_get_family_page (f->window);
  NkResultPage *result = nk_window_get_result_page (f->window);

  tap (f, NK_DEMO_UID_GUARDIAN_TWO);
  g_assert_cmpstr (nk_window_get_page_name (f->window), ==, "family");
  g_assert_cmpuint (nk_family_page_get_n_tiles (family), ==, 2);
  g_assert_cmpstr (nk_family_tile_get_action_text (nk_family_page_get_tile (family, 0)), ==,
                   "Touch to check in");
  /* nothing chosen: confirm does nothing */
  gtk_widget_activate_action (GTK_WIDGET (family), "family.confirm", NULL);
  g_assert_cmpstr (nk_window_get_page_name (f->window), ==, "family");
  g_assert_cmpint (count (f, "SELECT count(*) FROM attendance"), ==, 0);

  advance (f, SECONDS (1));
  tap (f, NK_DEMO_UID_GUARDIAN_TWO);
  g_assert_cmpstr (nk_window_get_page_name (f->window), ==, "family");
  g_assert_cmpuint (nk_family_page_get_n_tiles (family), ==, 2);

  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (nk_family_page_get_tile (family, 0)), TRUE);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (nk_family_page_get_tile (family, 1)), TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (family), "family.confirm", NULL));
  g_assert_true (wait_until (n_people_is, f, GUINT_TO_POINTER (2)));
  g_assert_cmpstr (nk_result_page_get_tone (result), ==, "in");
  g_assert_cmpstr (nk_result_page_get_headline (result), ==, "Checked in");
  g_assert_cmpint (count (f, "SELECT count(*) FROM attendance WHERE kind = 'in' AND by_kind = 'guardian'"), ==, 2);
  /* the chooser forgot the family */
  g_assert_null (nk_family_page_get_uid (family));
}

/* Untouched, the chooser cancels and records nothing. */
static void
test_chooser_timeout (Fixture *f, gconstpointer data)
{
  tap (f, NK_DEMO_UID_GUARDIAN_TWO);
  g_assert_cmpstr (nk_window_get_page_name (f->window), ==, "family");
  g_assert_true (wait_until (page_is, f, "idle"));
  g_assert_cmpint (count (f, "SELECT count(*) FROM attendance"), ==, 0);
  g_assert_cmpuint (nk_family_page_get_n_tiles (nk_window_get_family_page (f->window)), ==, 0);
}

/* Cancel is one touch and records nothing. */
static void
test_chooser_cancel (Fixture *f, gconstpointer data)
{
  NkFamilyPage *family = nk_window_get_family_page (f->window);

  tap (f, NK_DEMO_UID_GUARDIAN_TWO);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (nk_family_page_get_tile (family, 0)), TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (family), "family.cancel", NULL));
  g_assert_cmpstr (nk_window_get_page_name (f->window), ==, "idle");
  g_assert_cmpint (count (f, "SELECT count(*) FROM attendance"), ==, 0);
}

static void
test_unknown_lost (Fixture *f, gconstpointer data)
{
  NkResultPage *result = nk_window_get_result_page (f->window);

  tap (f, NK_DEMO_UID_UNKNOWN);
  g_assert_cmpstr (nk_window_get_page_name (f->window), ==, "result");
  g_assert_cmpstr (nk_result_page_get_tone (result), ==, "refused");
  g_assert_cmpstr (nk_result_page_get_headline (result), ==, "Card not registered");
  g_assert_nonnull (strstr (nk_result_page_get_message (result), "please ask staff"));
  g_assert_cmpuint (nk_result_page_get_n_people (result), ==, 0);

  tap (f, NK_DEMO_UID_LOST);
  g_assert_cmpstr (nk_result_page_get_tone (result), ==, "refused");
  g_assert_cmpstr (nk_result_page_get_headline (result), ==, "Card reported lost");
  g_assert_nonnull (strstr (nk_result_page_get_message (result), "reported lost"));
  g_assert_cmpint (count (f, "SELECT count(*) FROM attendance"), ==, 0);
}

/* Garbage from a reader: a clear answer, and the door still works. */
static void
test_invalid (Fixture *f, gconstpointer data)
{
  NkResultPage *result = nk_window_get_result_page (f->window);

  tap (f, "zz");
  g_assert_cmpstr (nk_window_get_page_name (f->window), ==, "result");
  g_assert_cmpstr (nk_result_page_get_tone (result), ==, "refused");
  g_assert_cmpstr (nk_result_page_get_headline (result), ==, "Card could not be read");

  tap (f, NK_DEMO_UID_CHILD);
  g_assert_cmpstr (nk_result_page_get_headline (result), ==, "Checked in");
}

/* A staff card: clocked in, staff mode; a child checked in by hand with a
 * reason; lock goes back to idle and leaves no child data. */
static void
test_staff (Fixture *f, gconstpointer data)
{
  NkStaffPage *staff = nk_window_get_staff_page (f->window);

  tap (f, NK_DEMO_UID_CAREGIVER);
  g_assert_cmpstr (nk_window_get_page_name (f->window), ==, "staff");
  g_assert_nonnull (strstr (nk_window_get_last_notice (f->window), "clocked in"));
  g_assert_true (nk_window_get_notice_shown (f->window));
  g_assert_cmpuint (nk_staff_page_get_n_rooms (staff), ==, 3);
  g_assert_cmpint (count (f, "SELECT count(*) FROM staff_clock WHERE kind = 'in'"), ==, 1);

  /* the same card again keeps staff mode */
  advance (f, SECONDS (1));
  tap (f, NK_DEMO_UID_CAREGIVER);
  g_assert_cmpstr (nk_window_get_page_name (f->window), ==, "staff");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (staff), "staff.manual", "s", "D0001"));
  g_assert_cmpstr (nk_staff_page_get_view (staff), ==, "manual");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (staff), "staff.confirm-manual", NULL));
  g_assert_cmpstr (nk_staff_page_get_view (staff), ==, "overview");
  g_assert_nonnull (strstr (nk_window_get_last_notice (f->window), "checked in by hand"));
  g_assert_cmpint (count (f, "SELECT count(*) FROM attendance WHERE child_id = 'D0001' "
                             "AND method = 'manual' AND reason = 'forgot card'"), ==, 1);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (staff), "staff.lock", NULL));
  g_assert_cmpstr (nk_window_get_page_name (f->window), ==, "idle");
  g_assert_cmpuint (nk_staff_page_get_n_rooms (staff), ==, 0);
  g_assert_null (nk_staff_page_get_staff_id (staff));

  /* the staff notice gives way to the next family's card */
  g_assert_true (nk_window_get_notice_shown (f->window));
  advance (f, SECONDS (11));
  tap (f, NK_DEMO_UID_GUARDIAN_TWO);
  g_assert_cmpstr (nk_window_get_page_name (f->window), ==, "family");
  g_assert_false (nk_window_get_notice_shown (f->window));
}

/* Staff mode locks itself when left alone. */
static void
test_staff_lock (Fixture *f, gconstpointer data)
{
  g_object_set (f->window, "staff-lock-seconds", 1, NULL);
  tap (f, NK_DEMO_UID_DIRECTOR);
  g_assert_cmpstr (nk_window_get_page_name (f->window), ==, "staff");
  g_assert_true (wait_until (page_is, f, "idle"));
}

/* Clock-out from staff mode: a staff result, then idle. */
static void
test_staff_clock_out (Fixture *f, gconstpointer data)
{
  NkStaffPage *staff = nk_window_get_staff_page (f->window);
  NkResultPage *result = nk_window_get_result_page (f->window);

  tap (f, NK_DEMO_UID_CAREGIVER);
  advance (f, SECONDS (8 * 3600));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (staff), "staff.clock-out", NULL));
  g_assert_cmpstr (nk_window_get_page_name (f->window), ==, "result");
  g_assert_cmpstr (nk_result_page_get_tone (result), ==, "staff");
  g_assert_cmpstr (nk_result_page_get_headline (result), ==, "Clocked out");
  g_assert_cmpint (count (f, "SELECT count(*) FROM staff_clock WHERE kind = 'out'"), ==, 1);
}

/* A guardian who may only drop off: check-in works; check-out is refused
 * in red, and staff are alerted on the idle page until staff clear it. */
static void
test_refused (Fixture *f, gconstpointer data)
{
  NkFamilyPage *family = nk_window_get_family_page (f->window);
  NkResultPage *result = nk_window_get_result_page (f->window);
  NkStaffPage *staff = nk_window_get_staff_page (f->window);
  NkFamilyTile *tile;

  tap (f, NK_DEMO_UID_NO_PICKUP);
  g_assert_cmpstr (nk_window_get_page_name (f->window), ==, "family");
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (nk_family_page_get_tile (family, 0)), TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (family), "family.confirm", NULL));
  g_assert_cmpstr (nk_result_page_get_tone (result), ==, "in");

  advance (f, SECONDS (6 * 3600));
  tap (f, NK_DEMO_UID_NO_PICKUP);
  g_assert_cmpstr (nk_window_get_page_name (f->window), ==, "family");
  tile = nk_family_page_get_tile (family, 0);
  g_assert_cmpstr (nk_family_tile_get_action_text (tile), ==, "Not authorised to pick up");
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (tile), TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (family), "family.confirm", NULL));
  g_assert_cmpstr (nk_window_get_page_name (f->window), ==, "result");
  g_assert_cmpstr (nk_result_page_get_tone (result), ==, "refused");
  g_assert_cmpstr (nk_result_page_get_headline (result), ==, "Not authorised to pick up");
  g_assert_cmpint (count (f, "SELECT count(*) FROM attendance WHERE kind = 'out'"), ==, 0);

  g_assert_true (nk_window_get_staff_alert (f->window));
  g_assert_true (nk_idle_page_get_staff_alert (nk_window_get_idle_page (f->window)));
  nk_window_go_idle (f->window);
  g_assert_true (nk_idle_page_get_staff_alert (nk_window_get_idle_page (f->window)));

  tap (f, NK_DEMO_UID_CAREGIVER);
  g_assert_true (nk_staff_page_get_staff_alert (staff));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (staff), "staff.clear-alert", NULL));
  g_assert_false (nk_window_get_staff_alert (f->window));
  g_assert_false (nk_idle_page_get_staff_alert (nk_window_get_idle_page (f->window)));
}

/* A jump of the wall clock between two taps is shown to staff, and can be
 * dismissed. */
static void
test_clock_jump (Fixture *f, gconstpointer data)
{
  NkStaffPage *staff = nk_window_get_staff_page (f->window);

  tap (f, NK_DEMO_UID_CHILD);
  g_assert_null (nk_staff_page_get_clock_warning (staff));

  /* the wall clock alone moves an hour ahead (an NTP step, say) */
  f->clock.real_us += (gint64) 3600 * G_USEC_PER_SEC;
  f->clock.mono_us += 20 * G_USEC_PER_SEC;
  g_test_expect_message ("nk-core", G_LOG_LEVEL_MESSAGE, "*clock jumped by +3580 s*");
  tap (f, NK_DEMO_UID_CAREGIVER);
  g_test_assert_expected_messages ();
  g_assert_cmpstr (nk_window_get_page_name (f->window), ==, "staff");
  g_assert_nonnull (nk_staff_page_get_clock_warning (staff));
  g_assert_nonnull (strstr (nk_staff_page_get_clock_warning (staff), "59 min"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (staff), "staff.clear-clock-warning", NULL));
  g_assert_null (nk_staff_page_get_clock_warning (staff));
}

/* Gives a demo child a photo: a phone-sized JPEG written now. */
static char *
give_photo (Fixture *f, const char *child_id, const char *room_id, guint32 colour)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 1200, 1600);
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = g_strdup_printf ("SELECT name || '|' || date_of_birth FROM children "
                                          "WHERE id = '%s'", child_id);
  g_autofree char *row = text (f, sql);
  g_auto(GStrv) fields = g_strsplit (row, "|", 2);
  g_autofree char *name = g_strdup_printf ("%s.jpg", child_id);
  char *path = g_build_filename (f->dir, name, NULL);

  gdk_pixbuf_fill (pixbuf, colour);
  g_assert_true (gdk_pixbuf_save (pixbuf, path, "jpeg", &error, "quality", "85", NULL));
  g_assert_no_error (error);
  g_assert_true (nk_roster_put_child (f->store, child_id, fields[0], fields[1], room_id, NULL,
                                      path, &error));
  g_assert_no_error (error);
  return path;
}

static gboolean
result_avatar_has_photo (Fixture *f, gconstpointer data)
{
  AdwAvatar *avatar = nk_result_page_get_avatar (nk_window_get_result_page (f->window), 0);

  return avatar != NULL && adw_avatar_get_custom_image (avatar) != NULL;
}

static gboolean
tile_avatar_has_photo (Fixture *f, gconstpointer tile)
{
  return adw_avatar_get_custom_image (nk_family_tile_get_avatar ((NkFamilyTile *) tile)) != NULL;
}

/* A child with a photo: the answer shows at once with the initials (the
 * photo is decoded elsewhere, never during the tap), the photo follows;
 * the same child again has it in the first frame.  The chooser's tiles
 * get their photos the same way. */
static void
test_photo (Fixture *f, gconstpointer data)
{
  NkResultPage *result = nk_window_get_result_page (f->window);
  NkFamilyPage *family = nk_window_get_family_page (f->window);
  NkPhotoCache *cache = nk_window_get_photo_cache (f->window);
  g_autofree char *ming = give_photo (f, "D0001", "R2", 0x3366ccff);
  g_autofree char *han = give_photo (f, "D0002", "R3", 0xcc6633ff);
  GdkPaintable *photo;
  NkFamilyTile *han_tile = NULL;
  NkFamilyTile *xuan_tile = NULL;

  g_assert_nonnull (cache);
  g_assert_null (nk_photo_cache_lookup (cache, ming));

  tap (f, NK_DEMO_UID_CHILD);
  g_assert_cmpstr (nk_window_get_page_name (f->window), ==, "result");
  g_assert_cmpstr (nk_result_page_get_headline (result), ==, "Checked in");
  g_assert_cmpuint (nk_result_page_get_n_people (result), ==, 1);
  g_assert_cmpstr (adw_avatar_get_text (nk_result_page_get_avatar (result, 0)), ==, "王小明");
  g_assert_null (adw_avatar_get_custom_image (nk_result_page_get_avatar (result, 0)));

  g_assert_true (wait_until (result_avatar_has_photo, f, NULL));
  photo = adw_avatar_get_custom_image (nk_result_page_get_avatar (result, 0));
  g_assert_cmpint (gdk_paintable_get_intrinsic_height (photo), ==, NK_PHOTO_CACHE_MAX_PIXELS);
  g_assert_cmpint (gdk_paintable_get_intrinsic_width (photo), ==, 192);
  g_assert_cmpstr (nk_window_get_page_name (f->window), ==, "result");

  /* the same child again: a new page, the photo in its first frame */
  advance (f, SECONDS (2));
  tap (f, NK_DEMO_UID_CHILD);
  g_assert_cmpstr (nk_result_page_get_headline (result), ==, "Already recorded");
  g_assert_true (adw_avatar_get_custom_image (nk_result_page_get_avatar (result, 0)) == photo);
  g_assert_cmpuint (nk_photo_cache_get_n_decodes (cache), ==, 1);

  /* the chooser: tiles at once, the photo where there is one */
  tap (f, NK_DEMO_UID_GUARDIAN_TWO);
  g_assert_cmpstr (nk_window_get_page_name (f->window), ==, "family");
  g_assert_cmpuint (nk_family_page_get_n_tiles (family), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      NkFamilyTile *tile = nk_family_page_get_tile (family, i);

      if (g_str_equal (nk_family_tile_get_child_id (tile), "D0002"))
        han_tile = tile;
      else
        xuan_tile = tile;
    }
  g_assert_nonnull (han_tile);
  g_assert_nonnull (xuan_tile);
  g_assert_null (adw_avatar_get_custom_image (nk_family_tile_get_avatar (han_tile)));
  g_assert_true (wait_until (tile_avatar_has_photo, f, han_tile));
  g_assert_null (adw_avatar_get_custom_image (nk_family_tile_get_avatar (xuan_tile)));
  g_assert_cmpuint (nk_photo_cache_get_n_decodes (cache), ==, 2);

  g_unlink (ming);
  g_unlink (han);
}

/* The result goes back to idle by itself. */
static void
test_result_timeout (Fixture *f, gconstpointer data)
{
  g_object_set (f->window, "result-seconds", 1, NULL);
  tap (f, NK_DEMO_UID_CHILD);
  g_assert_cmpstr (nk_window_get_page_name (f->window), ==, "result");
  g_assert_true (wait_until (page_is, f, "idle"));
}

/* The database is locked by someone else: "not saved", nothing confirmed,
 * the next tap works again. */
static void
test_not_saved (Fixture *f, gconstpointer data)
{
  NkResultPage *result = nk_window_get_result_page (f->window);
  g_autoptr(NkStore) other = nk_store_open (nk_store_get_path (f->store), NULL);

  g_assert_nonnull (other);
  sqlite3_busy_timeout (nk_store_get_db (f->store), 20);
  g_assert_true (nk_store_begin (other, NULL));

  g_test_expect_message ("nk-door", G_LOG_LEVEL_MESSAGE, "Tap not saved:*");
  tap (f, NK_DEMO_UID_CHILD);
  g_test_assert_expected_messages ();
  g_assert_cmpstr (nk_window_get_page_name (f->window), ==, "result");
  g_assert_cmpstr (nk_result_page_get_tone (result), ==, "refused");
  g_assert_cmpstr (nk_result_page_get_headline (result), ==,
                   "Not saved — please tell a member of staff");
  g_assert_cmpstr (nk_result_page_get_message (result), !=, "");

  nk_store_rollback (other);
  advance (f, SECONDS (11));
  tap (f, NK_DEMO_UID_CHILD);
  g_assert_cmpstr (nk_result_page_get_headline (result), ==, "Checked in");
  g_assert_cmpint (count (f, "SELECT count(*) FROM attendance"), ==, 1);
}

/* A kiosk without a database shows the error page and stays there. */
static void
test_fatal (Fixture *f, gconstpointer data)
{
  NkErrorPage *error_page = nk_window_get_error_page (f->window);

  nk_window_show_fatal_error (f->window, "The kiosk cannot open its database",
                              "disk I/O error", "Please tell the IT contact");
  g_assert_cmpstr (nk_window_get_page_name (f->window), ==, "error");
  g_assert_cmpstr (nk_error_page_get_message (error_page), ==, "disk I/O error");

  tap (f, NK_DEMO_UID_CHILD);
  g_assert_cmpstr (nk_window_get_page_name (f->window), ==, "error");
  g_assert_cmpint (count (f, "SELECT count(*) FROM attendance"), ==, 0);
}

/* sync/ reports through the window's sync-status; the idle page shows it
 * and hides the line when there is nothing to say. */
static void
test_sync_status (Fixture *f, gconstpointer data)
{
  NkIdlePage *idle = nk_window_get_idle_page (f->window);
  g_autofree char *status = NULL;

  g_object_set (f->window, "sync-status", "Offline — 12 waiting", NULL);
  g_object_get (idle, "sync-status", &status, NULL);
  g_assert_cmpstr (status, ==, "Offline — 12 waiting");
  g_clear_pointer (&status, g_free);
  g_object_set (f->window, "sync-status", NULL, NULL);
  g_object_get (idle, "sync-status", &status, NULL);
  g_assert_null (status);
}

/* No reader at all: the idle page says why. */
static void
test_reader_error (Fixture *f, gconstpointer data)
{
  NkIdlePage *idle = nk_window_get_idle_page (f->window);

  g_object_set (f->window, "reader", NULL, NULL);
  nk_window_set_reader_error (f->window, "NFC reader not found");
  g_assert_cmpstr (nk_idle_page_get_reader_text (idle), ==, "NFC reader not found");
}

/* A new window styled for the door's 1024×600 screen before it is shown
 * asks for no more than that screen: its minimum width, and its minimum
 * height at that width, which is what its first size is made from (the
 * idle page with today's menu and the staff page are the largest). */
static void
test_fits_screen (Fixture *f, gconstpointer data)
{
  const struct { int width, height; } screens[] = { { 1024, 600 }, { 1280, 800 }, { 1920, 1080 } };

  for (guint i = 0; i < G_N_ELEMENTS (screens); i++)
    {
      g_autoptr (NkWindow) window = g_object_ref_sink (nk_window_new (NULL, f->door, f->reader, f->sound));
      GtkWidget *content = gtk_window_get_child (GTK_WINDOW (window));   /* full screen: no frame */
      int min_width, min_height;

      nk_window_expect_size (window, screens[i].width, screens[i].height);
      gtk_widget_measure (content, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
      gtk_widget_measure (content, GTK_ORIENTATION_VERTICAL, min_width, &min_height, NULL, NULL, NULL);
      g_test_message ("%d×%d: the window asks for at least %d×%d", screens[i].width, screens[i].height,
                      min_width, min_height);
      g_assert_cmpint (min_width, <=, screens[i].width);
      g_assert_cmpint (min_height, <=, screens[i].height);
      gtk_window_destroy (GTK_WINDOW (window));
    }
}

int
main (int argc, char *argv[])
{
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_setenv ("LANGUAGE", "", TRUE);
  g_test_init (&argc, &argv, NULL);
  adw_init ();
  nk_ui_test_load_style ();

#define ADD(path, fn, arg) \
  g_test_add ("/nk/window/" path, Fixture, GUINT_TO_POINTER (arg), setup, fn, teardown)
  ADD ("idle", test_idle, 0);
  ADD ("child", test_child, 0);
  ADD ("photo", test_photo, 0);
  ADD ("family", test_family, 0);
  ADD ("chooser-timeout", test_chooser_timeout, 1);
  ADD ("chooser-cancel", test_chooser_cancel, 0);
  ADD ("unknown-lost", test_unknown_lost, 0);
  ADD ("invalid", test_invalid, 0);
  ADD ("staff", test_staff, 0);
  ADD ("staff-lock", test_staff_lock, 0);
  ADD ("staff-clock-out", test_staff_clock_out, 0);
  ADD ("refused", test_refused, 0);
  ADD ("clock-jump", test_clock_jump, 0);
  ADD ("result-timeout", test_result_timeout, 0);
  ADD ("not-saved", test_not_saved, 0);
  ADD ("fatal", test_fatal, 0);
  ADD ("reader-error", test_reader_error, 0);
  ADD ("sync-status", test_sync_status, 0);
  ADD ("fits-screen", test_fits_screen, 0);
#undef ADD

  return g_test_run ();
}
