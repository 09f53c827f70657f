/* nk-checkup-list.c — the check-up lists of staff mode
 * (nk-checkup-list.h).  The lists are read from the core when shown
 * (nk_checkup_list, nk_checkup_next_visit); a child's button names the
 * action that opens their record. */
#define G_LOG_DOMAIN "nk-views"

#include "config.h"

#include <glib/gi18n.h>

#include "core/nk-checkup.h"
#include "nk-checkup-list.h"

struct _NkCheckupList
{
  GtkWidget  parent_instance;

  GtkLabel  *title_label;
  GtkLabel  *visit_label;
  GtkLabel  *error_label;
  GtkBox    *sections_box;

  guint      n_overdue, n_due, n_done;
};

G_DEFINE_FINAL_TYPE (NkCheckupList, nk_checkup_list, GTK_TYPE_WIDGET)

/* "18-month check-up", "Entry check-up" */
char *
nk_checkup_describe (guint months)
{
  if (months == 0)
    /* TRANSLATORS: the check-up before joining the centre, 入园体检 */
    return g_strdup (_("Entry check-up"));
  /* TRANSLATORS: a check-up of the schedule, e.g. "18-month check-up" */
  return g_strdup_printf (_("%u-month check-up"), months);
}

static void
clear_sections (NkCheckupList *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->sections_box))) != NULL)
    gtk_box_remove (self->sections_box, child);
  self->n_overdue = self->n_due = self->n_done = 0;
}

static GtkWidget *
child_button (const NkCheckupItem *item)
{
  g_autofree char *what = nk_checkup_describe (item->months);
  g_autofree char *text = NULL;
  GtkWidget *button;
  GtkLabel *label;

  if (item->status == NK_CHECKUP_DONE)
    /* TRANSLATORS: a row of the check-up list: child, check-up, date done */
    text = g_strdup_printf (_("%s · %s · done %s"), item->child_name, what, item->done_on);
  else
    /* TRANSLATORS: a row of the check-up list: child, check-up, due date */
    text = g_strdup_printf (_("%s · %s · due %s"), item->child_name, what, item->due_date);
  button = gtk_button_new_with_label (text);
  label = GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button)));
  gtk_widget_set_halign (GTK_WIDGET (label), GTK_ALIGN_FILL);
  /* the date is what the row is for: wrapped, never cut off */
  gtk_label_set_wrap (label, TRUE);
  gtk_label_set_wrap_mode (label, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (label, 0);
  gtk_widget_add_css_class (button, "nk-big-button");
  gtk_widget_add_css_class (button, "nk-checkup-row");
  if (item->status == NK_CHECKUP_OVERDUE)
    gtk_widget_add_css_class (button, "nk-checkup-overdue");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "checkups.child");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", item->child_id);
  return button;
}

static void
add_section (NkCheckupList *self, const char *title, const char *empty, GPtrArray *items,
             NkCheckupStatus status, const char *month, guint *n)
{
  GtkWidget *heading = gtk_label_new (title);
  GtkWidget *box = gtk_grid_new ();

  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "nk-section-title");
  gtk_accessible_update_property (GTK_ACCESSIBLE (heading), GTK_ACCESSIBLE_PROPERTY_LEVEL, 2, -1);
  gtk_box_append (self->sections_box, heading);
  /* two a line, a grid (not a flow box: its children would be read as
   * unnamed list items) */
  gtk_grid_set_column_homogeneous (GTK_GRID (box), TRUE);
  gtk_grid_set_column_spacing (GTK_GRID (box), 8);
  gtk_grid_set_row_spacing (GTK_GRID (box), 8);
  for (guint i = 0; i < items->len; i++)
    {
      NkCheckupItem *item = items->pdata[i];

      if (item->status != status)
        continue;
      if (status == NK_CHECKUP_DONE && !g_str_has_prefix (item->done_on, month))
        continue;
      gtk_grid_attach (GTK_GRID (box), child_button (item), (int) (*n % 2), (int) (*n / 2), 1, 1);
      (*n)++;
    }
  if (*n == 0)
    {
      GtkWidget *none = gtk_label_new (empty);

      gtk_label_set_xalign (GTK_LABEL (none), 0);
      gtk_widget_add_css_class (none, "dim-label");
      gtk_box_append (self->sections_box, none);
      g_object_ref_sink (box);
      g_object_unref (box);
      return;
    }
  gtk_box_append (self->sections_box, box);
}

static void
show_visit (NkCheckupList *self, NkStore *store, const char *today, const char *room_id)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (NkCheckupVisit) visit = NULL;
  g_autofree char *text = NULL;

  if (!nk_checkup_next_visit (store, today, room_id, &visit, &error))
    {
      g_message ("Next check-up visit not read: %s", error->message);
      text = g_strdup_printf (_("The next visit cannot be read: %s"), error->message);
    }
  else if (visit == NULL)
    text = g_strdup (_("No visit of the contracted medical institution is planned"));
  else if (visit->note != NULL)
    /* TRANSLATORS: the contracted institution's next visit: date, institution, note */
    text = g_strdup_printf (_("Next visit: %s, %s — %s"), visit->date, visit->institution, visit->note);
  else
    /* TRANSLATORS: the contracted institution's next visit: date, institution */
    text = g_strdup_printf (_("Next visit: %s, %s"), visit->date, visit->institution);
  gtk_label_set_label (self->visit_label, text);
}

void
nk_checkup_list_show (NkCheckupList *self,
                      NkDoor        *door,
                      const char    *room_id)
{
  NkStore *store = nk_door_get_store (door);
  g_autofree char *today = nk_centre_today (nk_door_get_centre (door));
  g_autofree char *month = g_strndup (today, 8);   /* "YYYY-MM-" */
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) items = NULL;

  g_return_if_fail (NK_IS_CHECKUP_LIST (self));

  clear_sections (self);
  show_visit (self, store, today, room_id != NULL && *room_id != '\0' ? room_id : NULL);
  items = nk_checkup_list (store, room_id != NULL && *room_id != '\0' ? room_id : NULL, NULL, today, today, &error);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), items == NULL);
  if (items == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("The check-ups cannot be read: %s"), error->message);

      g_message ("Check-up lists not read: %s", error->message);
      gtk_label_set_label (self->error_label, text);
      return;
    }
  add_section (self, _("Overdue"), _("No check-up is overdue"), items, NK_CHECKUP_OVERDUE, month,
               &self->n_overdue);
  add_section (self, _("Due this month"), _("No check-up is due this month"), items, NK_CHECKUP_DUE,
               month, &self->n_due);
  add_section (self, _("Done this month"), _("No check-up was done this month"), items,
               NK_CHECKUP_DONE, month, &self->n_done);
}

void
nk_checkup_list_clear (NkCheckupList *self)
{
  clear_sections (self);
  gtk_label_set_label (self->visit_label, "");
}

guint
nk_checkup_list_get_n (NkCheckupList *self,
                       const char    *status)
{
  if (g_strcmp0 (status, "overdue") == 0)
    return self->n_overdue;
  if (g_strcmp0 (status, "due") == 0)
    return self->n_due;
  return self->n_done;
}

const char *
nk_checkup_list_get_visit (NkCheckupList *self)
{
  return gtk_label_get_label (self->visit_label);
}

static void
nk_checkup_list_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), NK_TYPE_CHECKUP_LIST);
  /* GTK 4.8 leaves a template's unnamed top child in place */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL;)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (nk_checkup_list_parent_class)->dispose (object);
}

static void
nk_checkup_list_class_init (NkCheckupListClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = nk_checkup_list_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/org/nurserykiosk/Kiosk/nk-checkup-list.ui");
  gtk_widget_class_bind_template_child (widget_class, NkCheckupList, title_label);
  gtk_widget_class_bind_template_child (widget_class, NkCheckupList, visit_label);
  gtk_widget_class_bind_template_child (widget_class, NkCheckupList, error_label);
  gtk_widget_class_bind_template_child (widget_class, NkCheckupList, sections_box);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "nkcheckuplist");
}

static void
nk_checkup_list_init (NkCheckupList *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
