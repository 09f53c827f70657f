/* nk-observation-form.c — an all-day health observation of one child
 * (nk-observation-form.h).  Saving is one core call
 * (nk_health_observation_record), whose refusal is shown and written to
 * the journal. */
#define G_LOG_DOMAIN "nk-views"

#include "config.h"

#include <glib/gi18n.h>

#include "core/nk-child-day.h"
#include "core/nk-health-observation.h"
#include "nk-a11y.h"
#include "nk-form-child.h"
#include "nk-observation-form.h"

/* What caregivers note most through the day. */
static const char *const seen_phrases[] = {
  N_("Feels hot"), N_("Cough"), N_("Runny nose"), N_("Vomiting"), N_("Diarrhoea"),
  N_("Rash"), N_("Listless"), N_("Eating poorly"), N_("Crying a lot"),
};

struct _NkObservationForm
{
  GtkWidget        parent_instance;

  GtkLabel        *title_label;
  GtkLabel        *error_label;
  GtkFlowBox      *phrase_box;
  GtkEntry        *note_entry;
  GtkLabel        *time_label;

  GtkToggleButton *phrase_buttons[G_N_ELEMENTS (seen_phrases)];

  NkDoor          *door;
  char            *staff_id;
  char            *child_id;
  guint            minutes_earlier;
};

G_DEFINE_FINAL_TYPE (NkObservationForm, nk_observation_form, GTK_TYPE_WIDGET)

static void
show_error (NkObservationForm *self,
            const char        *text)
{
  gtk_label_set_label (self->error_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), text != NULL);
}

static gint64
observed_us (NkObservationForm *self)
{
  return nk_centre_now (nk_door_get_centre (self->door))
         - (gint64) self->minutes_earlier * 60 * G_USEC_PER_SEC;
}

static void
update_time (NkObservationForm *self)
{
  g_autofree char *at = NULL;
  g_autofree char *text = NULL;

  if (self->door == NULL)
    return;
  at = nk_centre_format_time (nk_door_get_centre (self->door), observed_us (self));
  /* TRANSLATORS: when the observation was made, e.g. "Seen at 10:15" */
  text = g_strdup_printf (_("Seen at %s"), at);
  gtk_label_set_label (self->time_label, text);
}

static char *
seen_text (NkObservationForm *self)
{
  GString *text = g_string_new (NULL);
  g_autofree char *typed = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->note_entry))));

  for (guint i = 0; i < G_N_ELEMENTS (seen_phrases); i++)
    if (gtk_toggle_button_get_active (self->phrase_buttons[i]))
      g_string_append_printf (text, "%s%s", text->len ? _(", ") : "", _(seen_phrases[i]));
  if (*typed != '\0')
    g_string_append_printf (text, "%s%s", text->len ? _(", ") : "", typed);
  return g_string_free (text, FALSE);
}

void
nk_observation_form_open (NkObservationForm *self,
                          NkDoor            *door,
                          const char        *staff_id,
                          const char        *child_id)
{
  g_autofree char *message = NULL;
  g_autoptr (NkDaySet) set = NULL;
  g_autofree char *title = NULL;

  g_return_if_fail (NK_IS_OBSERVATION_FORM (self) && NK_IS_DOOR (door) && child_id != NULL);

  nk_observation_form_close (self);
  g_set_object (&self->door, door);
  self->staff_id = g_strdup (staff_id);
  set = nk_form_child_load (door, child_id, "Observation", &message);
  if (set == NULL)
    {
      show_error (self, message);
      return;
    }
  self->child_id = g_strdup (child_id);
  /* TRANSLATORS: %s is the child's name */
  title = g_strdup_printf (_("Health observation · %s"), nk_day_set_get (set, 0)->name);
  gtk_label_set_label (self->title_label, title);
  update_time (self);
}

void
nk_observation_form_close (NkObservationForm *self)
{
  g_return_if_fail (NK_IS_OBSERVATION_FORM (self));

  g_clear_pointer (&self->staff_id, g_free);
  g_clear_pointer (&self->child_id, g_free);
  self->minutes_earlier = 0;
  for (guint i = 0; i < G_N_ELEMENTS (seen_phrases); i++)
    gtk_toggle_button_set_active (self->phrase_buttons[i], FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->note_entry), "");
  gtk_label_set_label (self->title_label, "");
  show_error (self, NULL);
}

const char *
nk_observation_form_get_error (NkObservationForm *self)
{
  return gtk_widget_get_visible (GTK_WIDGET (self->error_label)) ? gtk_label_get_label (self->error_label)
                                                                  : NULL;
}

static void
save (NkObservationForm *self)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *note = seen_text (self);
  g_autofree char *id = NULL;

  if (self->door == NULL || self->child_id == NULL || self->staff_id == NULL)
    return;
  id = nk_health_observation_record (nk_door_get_store (self->door), nk_door_get_centre (self->door),
                                     self->staff_id, self->child_id, observed_us (self), note, &error);
  if (id == NULL)
    {
      g_message ("Observation of child %s not saved: %s", self->child_id, error->message);
      show_error (self, error->message);
      return;
    }
  g_message ("confirmed health-observation event=%s person=%s", id, self->child_id);
  gtk_widget_activate_action (GTK_WIDGET (self), "staff.back", NULL);
}

static void
action_save (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  save (NK_OBSERVATION_FORM (widget));
}

static void
action_earlier (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  NkObservationForm *self = NK_OBSERVATION_FORM (widget);
  int minutes = g_variant_get_int32 (parameter);

  /* "Now" starts again; each other touch goes that much further back */
  self->minutes_earlier = minutes == 0 ? 0 : self->minutes_earlier + (guint) minutes;
  update_time (self);
}

static void
nk_observation_form_dispose (GObject *object)
{
  NkObservationForm *self = NK_OBSERVATION_FORM (object);
  GtkWidget *child;

  g_clear_object (&self->door);
  gtk_widget_dispose_template (GTK_WIDGET (object), NK_TYPE_OBSERVATION_FORM);
  /* the template's top-level box is not bound: unparent it ourselves */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (nk_observation_form_parent_class)->dispose (object);
}

static void
nk_observation_form_finalize (GObject *object)
{
  NkObservationForm *self = NK_OBSERVATION_FORM (object);

  g_free (self->staff_id);
  g_free (self->child_id);
  G_OBJECT_CLASS (nk_observation_form_parent_class)->finalize (object);
}

static void
nk_observation_form_class_init (NkObservationFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nk_observation_form_dispose;
  object_class->finalize = nk_observation_form_finalize;

  gtk_widget_class_install_action (widget_class, "observation.save", NULL, action_save);
  gtk_widget_class_install_action (widget_class, "observation.earlier", "i", action_earlier);

  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "nk-observation-form.ui");
  gtk_widget_class_bind_template_child (widget_class, NkObservationForm, title_label);
  gtk_widget_class_bind_template_child (widget_class, NkObservationForm, error_label);
  gtk_widget_class_bind_template_child (widget_class, NkObservationForm, phrase_box);
  gtk_widget_class_bind_template_child (widget_class, NkObservationForm, note_entry);
  gtk_widget_class_bind_template_child (widget_class, NkObservationForm, time_label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "nkobservationform");
}

static void
nk_observation_form_init (NkObservationForm *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < G_N_ELEMENTS (seen_phrases); i++)
    {
      GtkWidget *button = gtk_toggle_button_new_with_label (_(seen_phrases[i]));

      gtk_widget_add_css_class (button, "nk-big-button");
      nk_a11y_flow_box_append (self->phrase_box, button, _(seen_phrases[i]));
      self->phrase_buttons[i] = GTK_TOGGLE_BUTTON (button);
    }
}

GtkWidget *
nk_observation_form_new (void)
{
  return g_object_new (NK_TYPE_OBSERVATION_FORM, NULL);
}
