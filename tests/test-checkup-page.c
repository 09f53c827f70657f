/* test-checkup-page.c — staff mode's check-ups, touched as staff touch
 * them: the tool opens the lists (every room for the health staff, the
 * caregiver's own room for a caregiver), the next visit shown once the
 * platform sends one, a child's health record with its chart and its
 * accessible description, a result recorded through the form (the head
 * circumference offered only under 2), and a refusal shown on screen with
 * nothing recorded. */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "core/nk-demo.h"
#include "core/nk-pull.h"
#include "nk-ui-test-util.h"
#include "views/nk-checkup-form.h"
#include "views/nk-checkup-list.h"
#include "views/nk-checkup-record.h"
#include "views/nk-growth-chart.h"
#include "views/nk-staff-page.h"

#define UID_HEALTH "04C0FF01"   /* 孙医生, the demo's health staff */

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
  g_autoptr (NkTapResult) staff = NULL;

  f->door = nk_test_demo_door ("checkup-page", &f->clock, &f->store, &f->dir);
  nk_door_set_debounce (f->door, 0);
  f->window = nk_ui_test_staff_window (f->door, &f->page);
  staff = nk_test_tap (f->door, data != NULL ? data : UID_HEALTH);
  nk_staff_page_open (f->page, staff);
}

static void
teardown (Fixture *f, gconstpointer data)
{
  gtk_window_destroy (f->window);
  nk_test_door_close (&f->door, &f->store, &f->dir);
}

/* The visible button under root whose label starts with prefix. */
static GtkWidget *
button_starting (GtkWidget *root, const char *prefix)
{
  g_autoptr (GPtrArray) buttons = g_ptr_array_new ();

  nk_ui_test_collect (root, GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    {
      const char *label = gtk_button_get_label (buttons->pdata[i]);

      if (label != NULL && g_str_has_prefix (label, prefix) && gtk_widget_get_visible (buttons->pdata[i])
          && gtk_widget_get_mapped (buttons->pdata[i]))
        return buttons->pdata[i];
    }
  return NULL;
}

static void
wait_mapped (GtkWidget *widget)
{
  for (guint n = 0; !gtk_widget_get_mapped (widget) && n < 5000; n++)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (gtk_widget_get_mapped (widget));
}

static void
touch (GtkWidget *root, const char *prefix)
{
  GtkWidget *button = NULL;

  for (guint n = 0; (button = button_starting (root, prefix)) == NULL && n < 2000; n++)
    g_main_context_iteration (NULL, FALSE);
  if (button == NULL)
    g_error ("no button “%s…” on screen", prefix);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

static gpointer
one (Fixture *f, GType type)
{
  return nk_ui_test_find_one (GTK_WIDGET (f->page), type);
}

static gint64
count (Fixture *f, const char *sql)
{
  return nk_test_count (f->store, sql);
}

/* The health staff's tool: every room's lists; a visit pulled shows; 王小明's
 * record has his two demo results in the chart; a result recorded through
 * the form reaches the outbox and the record. */
static void
test_health_staff (Fixture *f, gconstpointer data)
{
  NkCheckupList *list = one (f, NK_TYPE_CHECKUP_LIST);
  NkCheckupRecord *record = one (f, NK_TYPE_CHECKUP_RECORD);
  NkCheckupForm *form = one (f, NK_TYPE_CHECKUP_FORM);
  GtkWidget *chart;
  g_autoptr (GError) error = NULL;
  const char *pull = "{\"cursor\": \"v1:1\", \"changes\": {\"checkups\": [{\"id\": \"k-1\","
                     " \"date\": \"2026-12-10\", \"institution\": \"阳光社区卫生服务中心\", \"room_ids\": \"all\"}]}}";
  g_autoptr (NkPull) p = NULL;
  guint overdue, due;

  touch (GTK_WIDGET (f->page), "Check-ups");
  g_assert_cmpstr (nk_staff_page_get_view (f->page), ==, "checkups");
  wait_mapped (GTK_WIDGET (list));
  overdue = nk_checkup_list_get_n (list, "overdue");
  due = nk_checkup_list_get_n (list, "due");
  /* 40 children, none with an entry check-up but 王小明 and 刘子涵 */
  g_assert_cmpuint (overdue + due, >=, 38);
  g_assert_nonnull (strstr (nk_checkup_list_get_visit (list), "No visit"));

  p = nk_pull_parse (pull, strlen (pull), &error);
  g_assert_true (nk_pull_apply (p, f->store, nk_door_get_centre (f->door), NULL, &error));
  g_assert_no_error (error);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "checkups.open", NULL));
  g_assert_nonnull (strstr (nk_checkup_list_get_visit (list), "2026-12-10"));
  g_assert_nonnull (strstr (nk_checkup_list_get_visit (list), "阳光社区卫生服务中心"));

  /* 刘子轩 has no result yet: his row opens his record, empty */
  touch (GTK_WIDGET (list), "刘子轩");
  g_assert_cmpstr (nk_staff_page_get_view (f->page), ==, "checkup-record");
  g_assert_cmpstr (nk_checkup_record_get_child_id (record), ==, "D0003");
  g_assert_cmpuint (nk_checkup_record_get_n_results (record), ==, 0);
  chart = nk_checkup_record_get_chart (record);
  g_assert_nonnull (strstr (nk_growth_chart_get_description (NK_GROWTH_CHART (chart)), "no height"));

  /* 王小明's (his check-ups done, so in no list: opened by his id) */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "checkups.child", "s", "D0001"));
  g_assert_cmpstr (nk_staff_page_get_view (f->page), ==, "checkup-record");
  g_assert_cmpstr (nk_checkup_record_get_child_id (record), ==, "D0001");
  g_assert_cmpuint (nk_checkup_record_get_n_results (record), ==, 2);
  g_assert_cmpuint (nk_growth_chart_get_n_points (NK_GROWTH_CHART (chart)), ==, 2);
  g_assert_nonnull (strstr (nk_growth_chart_get_description (NK_GROWTH_CHART (chart)), "81.5 cm"));
  g_assert_nonnull (strstr (nk_growth_chart_get_description (NK_GROWTH_CHART (chart)), "10.82 kg"));

  /* the form: he is 20 months, the head is measured; saved, back to the record */
  touch (GTK_WIDGET (record), "Record a result");
  g_assert_cmpstr (nk_staff_page_get_view (f->page), ==, "checkup-form");
  wait_mapped (GTK_WIDGET (form));
  g_assert_cmpstr (nk_checkup_form_get_child_id (form), ==, "D0001");
  g_assert_true (nk_checkup_form_get_head_shown (form));
  touch (GTK_WIDGET (form), "Pass");
  touch (GTK_WIDGET (form), "Save");
  g_assert_null (nk_checkup_form_get_error (form));
  g_assert_cmpstr (nk_staff_page_get_view (f->page), ==, "checkup-record");
  g_assert_cmpuint (nk_checkup_record_get_n_results (record), ==, 3);
  g_assert_cmpint (count (f, "SELECT count(*) FROM outbox WHERE type = 'checkup.result' "
                             "AND json_extract(payload, '$.child_id') = 'D0001' "
                             "AND json_extract(payload, '$.height_mm') = 815 "
                             "AND json_extract(payload, '$.head_mm') IS NOT NULL "
                             "AND json_extract(payload, '$.hearing') = 'pass' "
                             "AND json_extract(payload, '$.by_id') = 'S003'"), ==, 1);

  /* back: the list, then the rooms */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "staff.back", NULL));
  g_assert_cmpstr (nk_staff_page_get_view (f->page), ==, "checkups");
}

/* 刘子涵 is 30 months: no head circumference.  A child gone from the roster
 * while the form was open: the refusal is on screen, nothing recorded. */
static void
test_form_refused (Fixture *f, gconstpointer data)
{
  NkCheckupForm *form = one (f, NK_TYPE_CHECKUP_FORM);
  g_autoptr (GError) error = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "checkups.record", "s", "D0002"));
  wait_mapped (GTK_WIDGET (form));
  g_assert_false (nk_checkup_form_get_head_shown (form));
  /* the day after today is not offered: the date stays today */
  {
    g_autofree char *today = g_strdup (nk_checkup_form_get_date (form));

    touch (GTK_WIDGET (form), "Day after");
    g_assert_cmpstr (nk_checkup_form_get_date (form), ==, today);
    touch (GTK_WIDGET (form), "Day before");
    g_assert_cmpstr (nk_checkup_form_get_date (form), <, today);
  }
  g_assert_true (nk_store_exec (f->store, "UPDATE children SET active = 0 WHERE id = 'D0002'", &error));
  touch (GTK_WIDGET (form), "Save");
  g_assert_nonnull (nk_checkup_form_get_error (form));
  g_assert_nonnull (strstr (nk_checkup_form_get_error (form), "D0002"));
  g_assert_cmpstr (nk_staff_page_get_view (f->page), ==, "checkup-form");
  g_assert_cmpint (count (f, "SELECT count(*) FROM outbox WHERE type = 'checkup.result'"), ==, 0);
}

/* A caregiver sees their own room's check-ups and records none. */
static void
test_caregiver (Fixture *f, gconstpointer data)
{
  NkCheckupList *list = one (f, NK_TYPE_CHECKUP_LIST);
  NkCheckupRecord *record = one (f, NK_TYPE_CHECKUP_RECORD);
  g_autoptr (GPtrArray) buttons = g_ptr_array_new ();

  touch (GTK_WIDGET (f->page), "Check-ups");
  wait_mapped (GTK_WIDGET (list));
  nk_ui_test_collect (GTK_WIDGET (list), GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    g_assert_null (strstr (gtk_button_get_label (buttons->pdata[i]) ?: "", "刘子涵"));   /* room R3 */
  touch (GTK_WIDGET (list), "刘子轩");
  g_assert_cmpstr (nk_checkup_record_get_child_id (record), ==, "D0003");
  g_assert_null (button_starting (GTK_WIDGET (record), "Record a result"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "checkups.record", "s", "D0003"));
  g_assert_cmpstr (nk_staff_page_get_view (f->page), ==, "checkup-record");
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/nk/checkup-page/health-staff", Fixture, NULL, setup, test_health_staff, teardown);
  g_test_add ("/nk/checkup-page/form-refused", Fixture, NULL, setup, test_form_refused, teardown);
  g_test_add ("/nk/checkup-page/caregiver", Fixture, NK_DEMO_UID_CAREGIVER, setup, test_caregiver, teardown);
  return g_test_run ();
}
