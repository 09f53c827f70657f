/* nk-absence-form.c — the reason form of "Absent today"
 * (nk-absence-form.h).  The symptom buttons are made from the core's
 * list (nk_symptom_nth), so a symptom added there appears here. */
#define G_LOG_DOMAIN "nk-views"

#include "config.h"

#include <glib/gi18n.h>

#include "nk-absence-form.h"

struct _NkAbsenceForm
{
  GtkWidget        parent_instance;

  GtkLabel        *title_label;
  GtkLabel        *error_label;
  GtkToggleButton *illness_button;
  GtkToggleButton *leave_button;
  GtkToggleButton *unknown_button;
  GtkWidget       *symptoms_box;
  GtkGrid         *symptoms_grid;
  GtkEntry        *other_entry;

  GtkToggleButton *symptom_buttons[NK_SYMPTOM_N];
  NkDoor          *door;
  char            *staff_id;
  char            *child_id;
  char            *child_name;
  char            *corrects;   /* the reason that stands, or NULL */
};

G_DEFINE_FINAL_TYPE (NkAbsenceForm, nk_absence_form, GTK_TYPE_WIDGET)

static void
show_error (NkAbsenceForm *self, const char *text)
{
  gtk_label_set_label (self->error_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), text != NULL);
}

static gboolean
other_chosen (NkAbsenceForm *self)
{
  return gtk_toggle_button_get_active (self->symptom_buttons[NK_SYMPTOM_N - 1]);
}

/* The symptoms only for an illness, the text only with "other". */
static void
update (NkAbsenceForm *self)
{
  gboolean illness = gtk_toggle_button_get_active (self->illness_button);

  gtk_widget_set_visible (self->symptoms_box, illness);
  gtk_widget_set_visible (GTK_WIDGET (self->other_entry), illness && other_chosen (self));
}

static void
on_toggled (NkAbsenceForm *self)
{
  update (self);
}

static void
reset (NkAbsenceForm *self)
{
  gtk_toggle_button_set_active (self->illness_button, FALSE);
  gtk_toggle_button_set_active (self->leave_button, FALSE);
  gtk_toggle_button_set_active (self->unknown_button, FALSE);
  for (guint i = 0; i < NK_SYMPTOM_N; i++)
    gtk_toggle_button_set_active (self->symptom_buttons[i], FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->other_entry), "");
  show_error (self, NULL);
  update (self);
}

void
nk_absence_form_open (NkAbsenceForm       *self,
                      NkDoor              *door,
                      const char          *staff_id,
                      const NkAbsenceItem *item)
{
  g_autofree char *title = NULL;

  g_return_if_fail (NK_IS_ABSENCE_FORM (self) && NK_IS_DOOR (door) && item != NULL);

  g_set_object (&self->door, door);
  g_free (self->staff_id);
  self->staff_id = g_strdup (staff_id);
  g_free (self->child_id);
  self->child_id = g_strdup (item->child_id);
  g_free (self->child_name);
  self->child_name = g_strdup (item->child_name);
  g_free (self->corrects);
  self->corrects = item->recorded ? g_strdup (item->absence_id) : NULL;
  reset (self);
  /* TRANSLATORS: the title of the reason form: the child, 缺勤原因 */
  title = g_strdup_printf (_("%s · why absent today"), item->child_name);
  gtk_label_set_label (self->title_label, title);
  if (item->recorded)
    {
      GtkToggleButton *chosen = item->reason == NK_ABSENCE_ILLNESS ? self->illness_button
                                : item->reason == NK_ABSENCE_LEAVE ? self->leave_button
                                                                   : self->unknown_button;

      gtk_toggle_button_set_active (chosen, TRUE);
      for (guint i = 0; i < NK_SYMPTOM_N; i++)
        gtk_toggle_button_set_active (self->symptom_buttons[i], (item->symptoms & nk_symptom_nth (i)) != 0);
      gtk_editable_set_text (GTK_EDITABLE (self->other_entry), item->other_symptom ? item->other_symptom : "");
    }
  update (self);
}

void
nk_absence_form_close (NkAbsenceForm *self)
{
  g_return_if_fail (NK_IS_ABSENCE_FORM (self));

  reset (self);
  g_clear_object (&self->door);
  g_clear_pointer (&self->staff_id, g_free);
  g_clear_pointer (&self->child_id, g_free);
  g_clear_pointer (&self->child_name, g_free);
  g_clear_pointer (&self->corrects, g_free);
  gtk_label_set_label (self->title_label, "");
}

/* What the form says, as the core takes it; FALSE (message shown) when no
 * reason was chosen. */
static gboolean
read_form (NkAbsenceForm *self, NkAbsence *absence, char **other)
{
  *absence = (NkAbsence) { .child_id = self->child_id };
  if (gtk_toggle_button_get_active (self->illness_button))
    absence->reason = NK_ABSENCE_ILLNESS;
  else if (gtk_toggle_button_get_active (self->leave_button))
    absence->reason = NK_ABSENCE_LEAVE;
  else if (gtk_toggle_button_get_active (self->unknown_button))
    absence->reason = NK_ABSENCE_UNKNOWN;
  else
    {
      g_message ("Absence reason of %s not saved: no reason chosen", self->child_id);
      show_error (self, _("Choose illness, leave or unknown"));
      return FALSE;
    }
  if (absence->reason != NK_ABSENCE_ILLNESS)
    return TRUE;
  for (guint i = 0; i < NK_SYMPTOM_N; i++)
    if (gtk_toggle_button_get_active (self->symptom_buttons[i]))
      absence->symptoms |= nk_symptom_nth (i);
  if (other_chosen (self))
    {
      *other = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->other_entry))));
      absence->other_symptom = **other != '\0' ? *other : NULL;
    }
  return TRUE;
}

static void
action_save (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  NkAbsenceForm *self = NK_ABSENCE_FORM (widget);
  g_autoptr (GError) error = NULL;
  g_autofree char *other = NULL;
  g_autofree char *id = NULL;
  NkAbsence absence;

  if (self->door == NULL || self->child_id == NULL || !read_form (self, &absence, &other))
    return;
  id = nk_absence_record (nk_door_get_store (self->door), nk_door_get_centre (self->door), self->staff_id,
                          &absence, self->corrects, &error);
  if (id == NULL)
    {
      g_message ("Absence reason of %s not saved: %s", self->child_id, error->message);
      show_error (self, error->message);
      return;
    }
  g_message ("confirmed absence-reason event=%s child=%s reason=%s", id, self->child_id,
             nk_absence_reason_to_string (absence.reason));
  gtk_widget_activate_action (widget, "absence.saved", "s", self->child_id);
}

static void
add_symptom_buttons (NkAbsenceForm *self)
{
  for (guint i = 0; i < NK_SYMPTOM_N; i++)
    {
      NkSymptom symptom = nk_symptom_nth (i);
      GtkWidget *button = gtk_toggle_button_new_with_label (nk_symptom_label (symptom));
      /* TRANSLATORS: what a screen reader says of a symptom's button on the absence form */
      g_autofree char *name = g_strdup_printf (_("Symptom: %s"), nk_symptom_label (symptom));

      /* a long name wraps rather than widen the window past 1024 px */
      gtk_label_set_wrap (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button))), TRUE);
      gtk_label_set_justify (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button))), GTK_JUSTIFY_CENTER);
      gtk_widget_add_css_class (button, "nk-big-button");
      gtk_widget_add_css_class (button, "nk-absence-symptom");
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      g_signal_connect_object (button, "toggled", G_CALLBACK (on_toggled), self, G_CONNECT_SWAPPED);
      gtk_grid_attach (self->symptoms_grid, button, (int) (i % 4), (int) (i / 4), 1, 1);
      self->symptom_buttons[i] = GTK_TOGGLE_BUTTON (button);
    }
}

const char *
nk_absence_form_get_child_id (NkAbsenceForm *self)
{
  return self->child_id;
}

const char *
nk_absence_form_get_error (NkAbsenceForm *self)
{
  return gtk_widget_get_visible (GTK_WIDGET (self->error_label)) ? gtk_label_get_label (self->error_label) : NULL;
}

static void
nk_absence_form_dispose (GObject *object)
{
  NkAbsenceForm *self = NK_ABSENCE_FORM (object);

  g_clear_object (&self->door);
  g_clear_pointer (&self->staff_id, g_free);
  g_clear_pointer (&self->child_id, g_free);
  g_clear_pointer (&self->child_name, g_free);
  g_clear_pointer (&self->corrects, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (object), NK_TYPE_ABSENCE_FORM);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL;)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (nk_absence_form_parent_class)->dispose (object);
}

static void
nk_absence_form_class_init (NkAbsenceFormClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = nk_absence_form_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/org/nurserykiosk/Kiosk/nk-absence-form.ui");
  gtk_widget_class_bind_template_child (widget_class, NkAbsenceForm, title_label);
  gtk_widget_class_bind_template_child (widget_class, NkAbsenceForm, error_label);
  gtk_widget_class_bind_template_child (widget_class, NkAbsenceForm, illness_button);
  gtk_widget_class_bind_template_child (widget_class, NkAbsenceForm, leave_button);
  gtk_widget_class_bind_template_child (widget_class, NkAbsenceForm, unknown_button);
  gtk_widget_class_bind_template_child (widget_class, NkAbsenceForm, symptoms_box);
  gtk_widget_class_bind_template_child (widget_class, NkAbsenceForm, symptoms_grid);
  gtk_widget_class_bind_template_child (widget_class, NkAbsenceForm, other_entry);
  gtk_widget_class_bind_template_callback_full (widget_class, "on_toggled", G_CALLBACK (on_toggled));
  gtk_widget_class_install_action (widget_class, "absence-form.save", NULL, action_save);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "nkabsenceform");
}

static void
nk_absence_form_init (NkAbsenceForm *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  add_symptom_buttons (self);
  update (self);
}
