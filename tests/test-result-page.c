/* test-result-page.c — what the result page shows of a tap: the notes
 * the door adds (nk-door-notes.h), the family's before staff's, each
 * named after its child when several children are shown. */
#define G_LOG_DOMAIN "nk-test"

#include "config.h"

#include <adwaita.h>

#include "core/nk-attendance-private.h"
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

int
main (int argc, char *argv[])
{
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_setenv ("LANGUAGE", "", TRUE);
  g_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add_func ("/nk/result-page/notes", test_one_child);
  g_test_add_func ("/nk/result-page/notes-of-two-children", test_two_children);
  return g_test_run ();
}
