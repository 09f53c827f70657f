/* test-result-page.c — what the result page shows of a tap: the notes
 * the door adds (nk-door-notes.h), the family's before staff's, each
 * named after its child when several children are shown, and all of
 * them on a 1024×600 door. */
#define G_LOG_DOMAIN "nk-test"

#include "config.h"

#include <adwaita.h>

#include "core/nk-attendance-private.h"
#include "nk-ui-test-util.h"
#include "views/nk-result-page.h"

static NkTapResult *
checked_in (const char *child_id, const char *name)
{
  NkTapResult *result = nk_tap_result_new (NK_TAP_CHECKED_IN, "04A1B2C3", (gint64) 1764547200 * G_USEC_PER_SEC);

  result->holder = NK_HOLDER_CHILD;
  result->person_id = g_strdup (child_id);
  result->person_name = g_strdup (name);
  result->initials = g_strdup ("王");
  result->room_name = g_strdup ("Toddlers");
  return result;
}

static void
test_one_child (void)
{
  GtkWidget *page = g_object_ref_sink (nk_result_page_new ());
  g_autoptr (GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) nk_tap_result_unref);
  g_autoptr (GTimeZone) tz = g_time_zone_new_utc ();
  NkTapResult *one = checked_in ("D0001", "Wang");

  nk_tap_result_add_note (one, NK_NOTE_STAFF, NK_NOTE_WARNING, "checkup.away", NULL,
                          "A new check-up is needed.");
  nk_tap_result_add_note (one, NK_NOTE_FAMILY, NK_NOTE_WARNING, "menu.allergen", NULL,
                          "Lunch holds egg.");
  /* the same key and child again is one note */
  nk_tap_result_add_note (one, NK_NOTE_FAMILY, NK_NOTE_WARNING, "menu.allergen", NULL,
                          "Lunch holds egg.");
  g_assert_cmpuint (nk_tap_result_get_n_notes (one), ==, 2);
  g_ptr_array_add (results, one);

  nk_result_page_show_results (NK_RESULT_PAGE (page), results, tz);
  g_assert_cmpuint (nk_result_page_get_n_notes (NK_RESULT_PAGE (page)), ==, 2);
  g_assert_cmpstr (nk_result_page_get_note (NK_RESULT_PAGE (page), 0), ==, "Lunch holds egg.");
  g_assert_cmpstr (nk_result_page_get_note (NK_RESULT_PAGE (page), 1), ==,
                   "For staff: A new check-up is needed.");

  /* the next result shows none of them */
  g_ptr_array_set_size (results, 0);
  g_ptr_array_add (results, checked_in ("D0003", "Chen"));
  nk_result_page_show_results (NK_RESULT_PAGE (page), results, tz);
  g_assert_cmpuint (nk_result_page_get_n_notes (NK_RESULT_PAGE (page)), ==, 0);
  g_object_unref (page);
}

static void
test_two_children (void)
{
  GtkWidget *page = g_object_ref_sink (nk_result_page_new ());
  g_autoptr (GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) nk_tap_result_unref);
  g_autoptr (GTimeZone) tz = g_time_zone_new_utc ();
  NkTapResult *wang = checked_in ("D0001", "Wang");
  NkTapResult *li = checked_in ("D0002", "Li");

  nk_tap_result_add_note (li, NK_NOTE_FAMILY, NK_NOTE_INFO, "classroom.today", NULL, "Classroom at 15:00.");
  nk_tap_result_add_note (wang, NK_NOTE_STAFF, NK_NOTE_WARNING, "absence.back", NULL, "Health check first.");
  g_ptr_array_add (results, wang);
  g_ptr_array_add (results, li);

  nk_result_page_show_results (NK_RESULT_PAGE (page), results, tz);
  g_assert_cmpuint (nk_result_page_get_n_notes (NK_RESULT_PAGE (page)), ==, 2);
  g_assert_cmpstr (nk_result_page_get_note (NK_RESULT_PAGE (page), 0), ==, "Li: Classroom at 15:00.");
  g_assert_cmpstr (nk_result_page_get_note (NK_RESULT_PAGE (page), 1), ==,
                   "For staff: Wang: Health check first.");
  g_object_unref (page);
}

static gboolean
is_note (GtkWidget *widget)
{
  return gtk_widget_has_css_class (widget, "nk-note");
}

/* The lowest edge of the notes shown, in the page's coordinates. */
static float
notes_bottom (GtkWidget *page)
{
  g_autoptr (GPtrArray) boxes = g_ptr_array_new ();
  float bottom = 0;

  nk_ui_test_collect (page, GTK_TYPE_BOX, boxes);
  for (guint i = 0; i < boxes->len; i++)
    {
      graphene_rect_t bounds;

      if (is_note (boxes->pdata[i]) && gtk_widget_compute_bounds (boxes->pdata[i], page, &bounds))
        bottom = MAX (bottom, bounds.origin.y + bounds.size.height);
    }
  return bottom;
}

/* Every note shown has been given its place. */
static gboolean
laid_out (gpointer page, gconstpointer data)
{
  g_autoptr (GPtrArray) boxes = g_ptr_array_new ();
  guint n = 0;

  nk_ui_test_collect (page, GTK_TYPE_BOX, boxes);
  for (guint i = 0; i < boxes->len; i++)
    if (is_note (boxes->pdata[i]))
      {
        if (gtk_widget_get_height (boxes->pdata[i]) == 0)
          return FALSE;
        n++;
      }
  return n == GPOINTER_TO_UINT (data) && gtk_widget_get_height (page) > 0;
}

/* Two long notes at a 1024×600 door (the window's nk-compact class):
 * the person beside them, every note above the screen's bottom edge. */
static void
test_fits_door (void)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkWidget *page = nk_result_page_new ();
  g_autoptr (GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) nk_tap_result_unref);
  g_autoptr (GTimeZone) tz = g_time_zone_new_utc ();
  NkTapResult *one = checked_in ("D0001", "Wang Xiaoming");

  nk_tap_result_add_note (one, NK_NOTE_FAMILY, NK_NOTE_WARNING, "menu.allergen", NULL,
                          "Today's breakfast, oat porridge with milk, contains milk; the afternoon snack, mango "
                          "yoghurt, contains milk — the teachers know and will prepare a substitute.");
  nk_tap_result_add_note (one, NK_NOTE_STAFF, NK_NOTE_WARNING, "menu.allergen.staff", NULL,
                          "Wang Xiaoming: today's breakfast, oat porridge with milk, contains milk; the afternoon "
                          "snack, mango yoghurt, contains milk — prepare a substitute.");
  g_ptr_array_add (results, one);
  gtk_widget_add_css_class (GTK_WIDGET (window), "nk-compact");
  gtk_window_set_child (window, page);
  nk_ui_test_show (window);
  nk_result_page_show_results (NK_RESULT_PAGE (page), results, tz);
  g_assert_true (nk_test_wait_until (laid_out, page, GUINT_TO_POINTER (2)));
  g_test_message ("notes end at %.0f of a page %d px high", notes_bottom (page), gtk_widget_get_height (page));
  g_assert_cmpint (gtk_widget_get_height (page), <=, 600);
  g_assert_cmpfloat (notes_bottom (page), <=, gtk_widget_get_height (page));
  gtk_window_destroy (window);
}

int
main (int argc, char *argv[])
{
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_setenv ("LANGUAGE", "", TRUE);
  g_test_init (&argc, &argv, NULL);
  adw_init ();
  nk_ui_test_load_style ();
  g_test_add_func ("/nk/result-page/notes", test_one_child);
  g_test_add_func ("/nk/result-page/notes-fit-door", test_fits_door);
  g_test_add_func ("/nk/result-page/notes-of-two-children", test_two_children);
  return g_test_run ();
}
