/* nk-care-page-log.c — a child's care log of today on the room page:
 * every line of the child's day with the time and who recorded it; the
 * care log's own lines can be corrected (the form, prefilled) or deleted
 * (a second touch confirms).  Both are new events naming the original;
 * the lines shown are the rows that stand. */
#define G_LOG_DOMAIN "nk-views"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "nk-care-page-private.h"

#define CONFIRM_ID "nk-confirm-id"

static GtkWidget *
row_button (const char *label,
            const char *action,
            const char *target,
            const char *spoken)
{
  GtkWidget *button = gtk_button_new_with_label (label);

  gtk_widget_add_css_class (button, "nk-care-action");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_string (target));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
  return button;
}

static GtkWidget *
log_row (NkCarePage *self,
         NkDayLine  *line)
{
  NkCentre *centre = nk_door_get_centre (self->door);
  g_autofree char *time = nk_centre_format_time (centre, line->at_us);
  g_autofree char *text = line->detail != NULL
    /* TRANSLATORS: a line of a child's care log: time, title, detail */
    ? g_strdup_printf (_("%s  %s · %s"), time, line->title, line->detail)
    : g_strdup_printf (_("%s  %s"), time, line->title);
  /* TRANSLATORS: who recorded a line of the care log */
  g_autofree char *by = line->staff_name != NULL ? g_strdup_printf (_("by %s"), line->staff_name) : NULL;
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *words = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *label = gtk_label_new (text);
  GtkWidget *who = gtk_label_new (by);
  int what = nk_care_what_of_topic (line->topic);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_xalign (GTK_LABEL (who), 0.0f);
  gtk_widget_set_visible (who, by != NULL);
  gtk_widget_add_css_class (label, "nk-stay");
  gtk_widget_add_css_class (who, "nk-child-state");
  if (line->flags & NK_DAY_LINE_FLAGGED)
    gtk_widget_add_css_class (label, "nk-ratio-short");
  gtk_widget_set_hexpand (words, TRUE);
  gtk_box_append (GTK_BOX (words), label);
  gtk_box_append (GTK_BOX (words), who);
  gtk_box_append (GTK_BOX (row), words);
  if (what >= 0 && line->record_id != NULL)
    {
      g_autofree char *target = g_strdup_printf ("%d:%s", what, line->record_id);
      /* TRANSLATORS: a screen reader's name of a log line's buttons; %s is the line */
      g_autofree char *correct = g_strdup_printf (_("Correct %s"), text);
      g_autofree char *delete = g_strdup_printf (_("Delete %s"), text);
      gboolean confirming = g_strcmp0 (g_object_get_data (G_OBJECT (self), CONFIRM_ID), line->record_id) == 0;

      gtk_box_append (GTK_BOX (row), row_button (_("Correct"), "care-page.correct", target, correct));
      gtk_box_append (GTK_BOX (row), row_button (confirming ? _("Tap again to delete") : _("Delete"),
                                                 confirming ? "care-page.delete" : "care-page.ask-delete",
                                                 target, delete));
    }
  return row;
}

void
nk_care_page_reload_log (NkCarePage *self)
{
  NkChildDay *day = self->set != NULL ? nk_day_set_find (self->set, self->log_child_id) : NULL;
  g_autofree char *title = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->log_box))) != NULL)
    gtk_box_remove (self->log_box, child);
  self->n_log_rows = 0;
  if (day == NULL)
    return;
  /* TRANSLATORS: title of a child's care log; %s is the child's name */
  title = g_strdup_printf (_("Today · %s"), day->name);
  gtk_label_set_label (self->log_title, title);
  for (guint i = 0; i < day->lines->len; i++, self->n_log_rows++)
    gtk_box_append (self->log_box, log_row (self, day->lines->pdata[i]));
  if (day->lines->len == 0)
    {
      GtkWidget *none = gtk_label_new (_("Nothing recorded yet today."));

      gtk_widget_add_css_class (none, "nk-stay");
      gtk_label_set_xalign (GTK_LABEL (none), 0.0f);
      gtk_box_append (self->log_box, none);
    }
}

void
nk_care_page_show_log (NkCarePage *self,
                       const char *child_id)
{
  g_free (self->log_child_id);
  self->log_child_id = g_strdup (child_id);
  g_object_set_data (G_OBJECT (self), CONFIRM_ID, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->log_error), FALSE);
  nk_care_page_reload_log (self);
  gtk_stack_set_visible_child_name (self->care_stack, "log");
}

static void
action_log (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  NkCarePage *self = NK_CARE_PAGE (widget);
  GHashTableIter iter;
  gpointer id;

  /* the one child selected (the button shows only then) */
  g_hash_table_iter_init (&iter, self->selected);
  if (g_hash_table_size (self->selected) == 1 && g_hash_table_iter_next (&iter, &id, NULL))
    nk_care_page_show_log (self, id);
}

static void
action_close_log (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  NkCarePage *self = NK_CARE_PAGE (widget);

  g_clear_pointer (&self->log_child_id, g_free);
  gtk_stack_set_visible_child_name (self->care_stack, "children");
}

/* "WHAT:ID" of a log line's button */
static gboolean
parse_target (GVariant    *parameter,
              NkCareWhat  *what,
              const char **id)
{
  const char *target = g_variant_get_string (parameter, NULL);
  const char *colon = strchr (target, ':');
  g_autofree char *number = colon != NULL ? g_strndup (target, colon - target) : NULL;
  gint64 w;

  if (number == NULL || !g_ascii_string_to_signed (number, 10, 0, NK_CARE_N_WHAT - 1, &w, NULL))
    return FALSE;
  *what = (NkCareWhat) w;
  *id = colon + 1;
  return TRUE;
}

static void
say_log_error (NkCarePage *self,
               const char *message)
{
  /* TRANSLATORS: %s is the reason from the database or the rules */
  g_autofree char *text = g_strdup_printf (_("Not saved: %s"), message);

  gtk_label_set_label (self->log_error, text);
  gtk_widget_set_visible (GTK_WIDGET (self->log_error), TRUE);
}

static void
action_correct (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  NkCarePage *self = NK_CARE_PAGE (widget);
  g_autoptr (GError) error = NULL;
  g_autoptr (NkCareRow) row = NULL;
  NkCareWhat what;
  const char *id;

  if (!parse_target (parameter, &what, &id))
    return;
  row = nk_care_get (nk_door_get_store (self->door), what, id, &error);
  if (row == NULL)
    {
      g_message ("Care entry %s cannot be corrected: %s", id, error->message);
      say_log_error (self, error->message);
      return;
    }
  nk_care_page_open_form (self, what, row);
}

static void
action_ask_delete (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  NkCarePage *self = NK_CARE_PAGE (widget);
  NkCareWhat what;
  const char *id;

  if (!parse_target (parameter, &what, &id))
    return;
  g_object_set_data_full (G_OBJECT (self), CONFIRM_ID, g_strdup (id), g_free);
  nk_care_page_reload_log (self);
}

static void
action_delete (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  NkCarePage *self = NK_CARE_PAGE (widget);
  g_autoptr (GError) error = NULL;
  g_autofree char *gone = NULL;
  NkActor actor = { "staff", self->staff_id };
  NkCareWhat what;
  const char *id;

  if (!parse_target (parameter, &what, &id) || self->door == NULL)
    return;
  gone = nk_care_delete (nk_door_get_store (self->door), nk_door_get_centre (self->door), &actor,
                         what, id, &error);
  g_object_set_data (G_OBJECT (self), CONFIRM_ID, NULL);
  if (gone == NULL)
    {
      g_message ("Care entry %s not deleted: %s", id, error->message);
      say_log_error (self, error->message);
      return;
    }
  g_message ("Care entry %s deleted by %s", id, gone);
  gtk_widget_set_visible (GTK_WIDGET (self->log_error), FALSE);
}

void
nk_care_page_log_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "care-page.log", NULL, action_log);
  gtk_widget_class_install_action (widget_class, "care-page.close-log", NULL, action_close_log);
  gtk_widget_class_install_action (widget_class, "care-page.correct", "s", action_correct);
  gtk_widget_class_install_action (widget_class, "care-page.ask-delete", "s", action_ask_delete);
  gtk_widget_class_install_action (widget_class, "care-page.delete", "s", action_delete);
}
