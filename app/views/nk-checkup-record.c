/* nk-checkup-record.c — a child's health record (nk-checkup-record.h):
 * read from the core when shown (nk_checkup_list for the child,
 * nk_checkup_results), drawn as the schedule's lines, the results' lines
 * and the growth chart. */
#define G_LOG_DOMAIN "nk-views"

#include "config.h"

#include <glib/gi18n.h>

#include "core/nk-check.h"
#include "core/nk-checkup.h"
#include "nk-checkup-list.h"
#include "nk-checkup-record.h"
#include "nk-growth-chart.h"

struct _NkCheckupRecord
{
  GtkWidget      parent_instance;

  GtkLabel      *title_label;
  GtkButton     *record_button;
  GtkLabel      *error_label;
  NkGrowthChart *chart;
  GtkBox        *schedule_box;
  GtkBox        *results_box;

  char          *child_id;
  guint          n_results;
};

G_DEFINE_FINAL_TYPE (NkCheckupRecord, nk_checkup_record, GTK_TYPE_WIDGET)

static void
empty_box (GtkBox *box, gboolean keep_first)
{
  GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (box));

  if (keep_first && child != NULL)
    child = gtk_widget_get_next_sibling (child);
  while (child != NULL)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);

      gtk_box_remove (box, child);
      child = next;
    }
}

static const char *
status_label (NkCheckupStatus status)
{
  switch (status)
    {
    case NK_CHECKUP_DONE:
      return C_("check-up", "done");
    case NK_CHECKUP_DUE:
      return C_("check-up", "due this month");
    case NK_CHECKUP_OVERDUE:
      return C_("check-up", "overdue");
    case NK_CHECKUP_MISSED:
      return C_("check-up", "missed");
    case NK_CHECKUP_UPCOMING:
    default:
      return C_("check-up", "upcoming");
    }
}

static void
add_line (GtkBox *box, const char *text, const char *css)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "nk-checkup-line");
  if (css != NULL)
    gtk_widget_add_css_class (label, css);
  gtk_box_append (box, label);
}

static void
show_schedule (NkCheckupRecord *self, GPtrArray *items)
{
  empty_box (self->schedule_box, TRUE);
  for (guint i = 0; i < items->len; i++)
    {
      NkCheckupItem *item = items->pdata[i];
      g_autofree char *what = nk_checkup_describe (item->months);
      /* TRANSLATORS: a line of a child's check-up schedule: check-up, due date, state */
      g_autofree char *text = g_strdup_printf (_("%s · %s · %s"), what,
                                               item->status == NK_CHECKUP_DONE ? item->done_on : item->due_date,
                                               status_label (item->status));

      add_line (self->schedule_box, text,
                item->status == NK_CHECKUP_OVERDUE || item->status == NK_CHECKUP_MISSED
                ? "nk-checkup-overdue" : NULL);
    }
}

static char *
result_text (const NkCheckupEntry *e)
{
  g_autoptr (GString) s = g_string_new (NULL);
  g_autofree char *cm = nk_checkup_format_cm (e->height_mm);
  g_autofree char *kg = nk_checkup_format_kg (e->weight_g);

  /* TRANSLATORS: a check-up result: date, height, weight */
  g_string_append_printf (s, _("%s: height %s, weight %s"), e->date, cm, kg);
  if (e->head_mm != 0)
    {
      g_autofree char *head = nk_checkup_format_cm (e->head_mm);
      /* TRANSLATORS: appended to a check-up result */
      g_string_append_printf (s, _(", head %s"), head);
    }
  if (e->haemoglobin != 0)
    /* TRANSLATORS: appended to a check-up result: haemoglobin in g/L */
    g_string_append_printf (s, _(", haemoglobin %d g/L"), e->haemoglobin);
  /* TRANSLATORS: appended to a check-up result: the hearing and eye screenings */
  g_string_append_printf (s, _("; hearing: %s, eyes: %s"), nk_checkup_screen_label (e->hearing),
                          nk_checkup_screen_label (e->eyes));
  if (e->notes != NULL)
    g_string_append_printf (s, " — %s", e->notes);
  if (e->staff_name != NULL)
    /* TRANSLATORS: appended to a check-up result: who recorded it */
    g_string_append_printf (s, _(" (%s)"), e->staff_name);
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static void
show_results (NkCheckupRecord *self, GPtrArray *results, const char *dob)
{
  g_autoptr (GArray) points = g_array_new (FALSE, FALSE, sizeof (NkGrowthPoint));
  GDate birth;
  const char *latest = NULL;

  empty_box (self->results_box, FALSE);
  self->n_results = results->len;
  if (results->len == 0)
    add_line (self->results_box, _("No check-up result recorded yet"), "dim-label");
  /* newest first in the list; oldest first in the chart */
  for (guint i = results->len; i-- > 0;)
    {
      g_autofree char *text = result_text (results->pdata[i]);
      add_line (self->results_box, text, NULL);
    }
  if (!nk_check_date (dob, &birth))
    g_date_clear (&birth, 1);
  for (guint i = 0; i < results->len; i++)
    {
      NkCheckupEntry *e = results->pdata[i];
      GDate d;
      NkGrowthPoint p;

      if (!g_date_valid (&birth) || !nk_check_date (e->date, &d))
        continue;
      p.age_months = g_date_days_between (&birth, &d) / 30.4375;
      p.height_mm = e->height_mm;
      p.weight_g = e->weight_g;
      g_array_append_val (points, p);
      latest = e->date;
    }
  nk_growth_chart_set_points (self->chart, (NkGrowthPoint *) points->data, points->len, latest);
}

static void
show_error (NkCheckupRecord *self, const char *text)
{
  gtk_label_set_label (self->error_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), text != NULL);
}

void
nk_checkup_record_show (NkCheckupRecord *self,
                        NkDoor          *door,
                        const char      *child_id,
                        gboolean         can_record)
{
  NkStore *store = nk_door_get_store (door);
  g_autofree char *today = nk_centre_today (nk_door_get_centre (door));
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) items = NULL;
  g_autoptr (GPtrArray) results = NULL;
  g_autofree char *name = NULL;
  g_autofree char *dob = NULL;

  g_return_if_fail (NK_IS_CHECKUP_RECORD (self));

  g_free (self->child_id);
  self->child_id = g_strdup (child_id);
  gtk_widget_set_visible (GTK_WIDGET (self->record_button), can_record);
  show_error (self, NULL);
  if (!nk_checkup_read_child (store, child_id, &name, &dob, &error)
      || (items = nk_checkup_list (store, NULL, child_id, today, today, &error)) == NULL
      || (results = nk_checkup_results (store, child_id, &error)) == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("The health record cannot be read: %s"), error->message);

      g_message ("Health record of child %s not read: %s", child_id, error->message);
      show_error (self, text);
      nk_checkup_record_clear (self);
      return;
    }
  {
    GDate birth, now;
    int months = -1;
    g_autofree char *title = NULL;

    if (nk_check_date (dob, &birth) && nk_check_date (today, &now))
      months = nk_checkup_age_months (&birth, &now);
    /* TRANSLATORS: the health record's title: child's name, age in months */
    title = months >= 0 ? g_strdup_printf (_("%s, %d months"), name, months) : g_strdup (name);
    gtk_label_set_label (self->title_label, title);
  }
  show_schedule (self, items);
  show_results (self, results, dob);
}

void
nk_checkup_record_clear (NkCheckupRecord *self)
{
  empty_box (self->schedule_box, TRUE);
  empty_box (self->results_box, FALSE);
  self->n_results = 0;
  nk_growth_chart_set_points (self->chart, NULL, 0, NULL);
}

const char *
nk_checkup_record_get_child_id (NkCheckupRecord *self)
{
  return self->child_id;
}

guint
nk_checkup_record_get_n_results (NkCheckupRecord *self)
{
  return self->n_results;
}

GtkWidget *
nk_checkup_record_get_chart (NkCheckupRecord *self)
{
  return GTK_WIDGET (self->chart);
}

static void
action_record_shown (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  NkCheckupRecord *self = NK_CHECKUP_RECORD (widget);

  if (self->child_id != NULL)
    gtk_widget_activate_action (widget, "checkups.record", "s", self->child_id);
}

static void
nk_checkup_record_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), NK_TYPE_CHECKUP_RECORD);
  /* GTK 4.8 leaves a template's unnamed top child in place */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL;)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (nk_checkup_record_parent_class)->dispose (object);
}

static void
nk_checkup_record_finalize (GObject *object)
{
  g_free (NK_CHECKUP_RECORD (object)->child_id);
  G_OBJECT_CLASS (nk_checkup_record_parent_class)->finalize (object);
}

static void
nk_checkup_record_class_init (NkCheckupRecordClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = nk_checkup_record_dispose;
  G_OBJECT_CLASS (klass)->finalize = nk_checkup_record_finalize;
  g_type_ensure (NK_TYPE_GROWTH_CHART);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/nurserykiosk/Kiosk/nk-checkup-record.ui");
  gtk_widget_class_bind_template_child (widget_class, NkCheckupRecord, title_label);
  gtk_widget_class_bind_template_child (widget_class, NkCheckupRecord, record_button);
  gtk_widget_class_bind_template_child (widget_class, NkCheckupRecord, error_label);
  gtk_widget_class_bind_template_child (widget_class, NkCheckupRecord, chart);
  gtk_widget_class_bind_template_child (widget_class, NkCheckupRecord, schedule_box);
  gtk_widget_class_bind_template_child (widget_class, NkCheckupRecord, results_box);
  gtk_widget_class_install_action (widget_class, "checkups.record-shown", NULL, action_record_shown);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "nkcheckuprecord");
}

static void
nk_checkup_record_init (NkCheckupRecord *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
