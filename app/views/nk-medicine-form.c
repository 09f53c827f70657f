/* nk-medicine-form.c — one child's medicine in staff mode
 * (nk-medicine-form.h).  The list is read from the core when the form
 * opens and after each record; each change is one core call whose
 * refusal is shown and written to the journal. */
#define G_LOG_DOMAIN "nk-views"

#include "config.h"

#include <glib/gi18n.h>

#include "core/nk-child-day.h"
#include "core/nk-medicine.h"
#include "nk-form-child.h"
#include "nk-medicine-form.h"
#include "nk-a11y.h"

/* The times a parent usually asks for; any six of them. */
static const char *const dose_times[] = {
  "08:00", "09:00", "10:00", "11:00", "12:00", "13:00", "14:00", "15:00", "16:00", "17:00",
};

struct _NkMedicineForm
{
  GtkWidget        parent_instance;

  GtkLabel        *title_label;
  GtkButton       *new_button;
  GtkLabel        *error_label;
  GtkLabel        *notice_label;
  GtkRevealer     *twice_revealer;
  GtkLabel        *twice_label;
  GtkStack        *stack;
  GtkLabel        *empty_label;
  GtkBox          *doses_box;
  GtkEntry        *name_entry;
  GtkEntry        *dose_entry;
  GtkGrid         *times_grid;
  GtkButton       *consent_button;
  GtkLabel        *countdown_label;

  GtkToggleButton *time_buttons[G_N_ELEMENTS (dose_times)];

  NkDoor          *door;
  char            *staff_id;
  char            *child_id;
  char            *child_name;
  /* the dose refused as a second one, waiting for "give anyway" */
  char            *twice_medicine;
  char            *twice_time;
  guint            countdown_id;
};

G_DEFINE_FINAL_TYPE (NkMedicineForm, nk_medicine_form, GTK_TYPE_WIDGET)

static void
show_label (GtkLabel   *label,
            const char *text)
{
  gtk_label_set_label (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL);
}

static void
hide_twice (NkMedicineForm *self)
{
  g_clear_pointer (&self->twice_medicine, g_free);
  g_clear_pointer (&self->twice_time, g_free);
  gtk_revealer_set_reveal_child (self->twice_revealer, FALSE);
}

/* ---------------------------------------------------------------- the list */

static const char *
dose_state_label (const NkMedicineDose *dose)
{
  switch (dose->state)
    {
    case NK_DOSE_DUE:
      /* TRANSLATORS: a dose of medicine: 用药到时 */
      return _("Due now");
    case NK_DOSE_MISSED:
      return _("Not given, time passed");
    case NK_DOSE_GIVEN:
      return _("Given");
    case NK_DOSE_LATER:
    default:
      return _("Later");
    }
}

static GtkWidget *
dose_row (NkMedicineForm       *self,
          const NkMedicineDose *dose)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  g_autofree char *what = g_strdup_printf ("%s  %s · %s", dose->time, dose->name, dose->dose);
  g_autofree char *state = NULL;
  g_autofree char *give_name = NULL;
  GtkWidget *label = gtk_label_new (what);
  GtkWidget *state_label;
  GtkWidget *give;

  if (dose->state == NK_DOSE_GIVEN)
    {
      g_autofree char *at = nk_centre_format_time (nk_door_get_centre (self->door), dose->given_us);
      /* TRANSLATORS: a dose given: the time and who gave it */
      state = g_strdup_printf (_("Given %s by %s"), at, dose->given_by != NULL ? dose->given_by : "");
    }
  else
    state = g_strdup (dose_state_label (dose));
  state_label = gtk_label_new (state);

  gtk_widget_add_css_class (row, "nk-dose");
  if (dose->state == NK_DOSE_DUE)
    gtk_widget_add_css_class (row, "nk-dose-due");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (label, "nk-stay");
  gtk_widget_add_css_class (state_label, "nk-dose-state");

  give = gtk_button_new_with_label (_("Give"));
  /* TRANSLATORS: the button that records a dose: time and medicine */
  give_name = g_strdup_printf (_("Give the %s dose of %s"), dose->time, dose->name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (give), GTK_ACCESSIBLE_PROPERTY_LABEL, give_name, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (give), "medicine.give");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (give), "(ss)", dose->medicine_id, dose->time);
  gtk_widget_add_css_class (give, "nk-big-button");
  if (dose->state == NK_DOSE_DUE)
    gtk_widget_add_css_class (give, "suggested-action");

  gtk_box_append (GTK_BOX (row), label);
  gtk_box_append (GTK_BOX (row), state_label);
  gtk_box_append (GTK_BOX (row), give);
  return row;
}

static void
reload (NkMedicineForm *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) doses = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->doses_box))) != NULL)
    gtk_box_remove (self->doses_box, child);
  if (self->door == NULL || self->child_id == NULL)
    return;
  doses = nk_medicine_list_doses (nk_door_get_store (self->door), nk_door_get_centre (self->door),
                                  self->child_id, &error);
  if (doses == NULL)
    {
      g_message ("Medicine of child %s not read: %s", self->child_id, error->message);
      show_label (self->error_label, error->message);
      return;
    }
  for (guint i = 0; i < doses->len; i++)
    gtk_box_append (self->doses_box, dose_row (self, doses->pdata[i]));
  gtk_widget_set_visible (GTK_WIDGET (self->empty_label), doses->len == 0);
}

/* ---------------------------------------------------------------- giving */

static void
give (NkMedicineForm *self,
      const char     *medicine_id,
      const char     *time,
      gboolean        anyway)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *id = NULL;

  if (self->door == NULL || self->staff_id == NULL)
    return;
  show_label (self->error_label, NULL);
  id = nk_medicine_give (nk_door_get_store (self->door), nk_door_get_centre (self->door), self->staff_id,
                         medicine_id, time, anyway, &error);
  if (id == NULL && g_error_matches (error, NK_MEDICINE_ERROR, NK_MEDICINE_ERROR_TWICE))
    {
      /* the core said when and by whom: the caregiver decides */
      g_free (self->twice_medicine);
      self->twice_medicine = g_strdup (medicine_id);
      g_free (self->twice_time);
      self->twice_time = g_strdup (time);
      gtk_label_set_label (self->twice_label, error->message);
      gtk_revealer_set_reveal_child (self->twice_revealer, TRUE);
      return;
    }
  hide_twice (self);
  if (id == NULL)
    {
      g_message ("Medicine for child %s not given: %s", self->child_id, error->message);
      show_label (self->error_label, error->message);
      return;
    }
  g_message ("confirmed medicine-given event=%s person=%s medicine=%s time=%s%s", id, self->child_id,
             medicine_id, time, anyway ? " anyway" : "");
  reload (self);
}

static void
action_give (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  const char *medicine_id, *time;

  g_variant_get (parameter, "(&s&s)", &medicine_id, &time);
  give (NK_MEDICINE_FORM (widget), medicine_id, time, FALSE);
}

static void
action_give_anyway (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  NkMedicineForm *self = NK_MEDICINE_FORM (widget);
  g_autofree char *medicine_id = g_strdup (self->twice_medicine);
  g_autofree char *time = g_strdup (self->twice_time);

  if (medicine_id != NULL && time != NULL)
    give (self, medicine_id, time, TRUE);
}

static void
action_cancel_twice (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  hide_twice (NK_MEDICINE_FORM (widget));
}

/* ---------------------------------------------------------------- a new handover */

static void
stop_claim (NkMedicineForm *self)
{
  g_clear_handle_id (&self->countdown_id, g_source_remove);
  if (self->door != NULL)
    nk_door_release_guardian (self->door);
  gtk_widget_set_visible (GTK_WIDGET (self->countdown_label), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->consent_button), TRUE);
}

static char *
chosen_times (NkMedicineForm *self)
{
  g_autoptr (GStrvBuilder) times = g_strv_builder_new ();
  g_auto (GStrv) list = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (dose_times); i++)
    if (gtk_toggle_button_get_active (self->time_buttons[i]))
      g_strv_builder_add (times, dose_times[i]);
  list = g_strv_builder_end (times);
  return g_strjoinv (",", list);
}

static void
on_consent (NkTapResult *consent,
            gpointer     data)
{
  NkMedicineForm *self = data;
  g_autoptr (GError) error = NULL;
  g_autofree char *times = chosen_times (self);
  g_autofree char *id = NULL;
  NkMedicineHandover handover = {
    .child_id = self->child_id,
    .name = gtk_editable_get_text (GTK_EDITABLE (self->name_entry)),
    .dose = gtk_editable_get_text (GTK_EDITABLE (self->dose_entry)),
    .times = times,
    .guardian_id = consent->person_id,
    .consent_us = consent->at_us,
  };

  g_clear_handle_id (&self->countdown_id, g_source_remove);
  gtk_widget_set_visible (GTK_WIDGET (self->countdown_label), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->consent_button), TRUE);
  if (self->door == NULL || self->child_id == NULL)
    return;
  id = nk_medicine_hand_over (nk_door_get_store (self->door), nk_door_get_centre (self->door),
                              self->staff_id, &handover, &error);
  if (id == NULL)
    {
      g_message ("Medicine handover for child %s not saved: %s", self->child_id, error->message);
      show_label (self->error_label, error->message);
      return;
    }
  g_message ("confirmed medicine event=%s person=%s guardian=%s", id, self->child_id, consent->person_id);
  {
    g_autofree char *at = nk_centre_format_time (nk_door_get_centre (self->door), consent->at_us);
    /* TRANSLATORS: the guardian's name and the time of their card tap */
    g_autofree char *notice = g_strdup_printf (_("Handed over with the consent of %s (card tapped %s)"),
                                               consent->person_name, at);
    show_label (self->notice_label, notice);
  }
  gtk_stack_set_visible_child_name (self->stack, "list");
  gtk_widget_set_sensitive (GTK_WIDGET (self->new_button), TRUE);
  reload (self);
}

static gboolean
countdown_cb (gpointer data)
{
  NkMedicineForm *self = data;
  guint left = self->door != NULL ? nk_door_get_claim_remaining (self->door) : 0;
  g_autofree char *text = NULL;

  if (left == 0)
    {
      self->countdown_id = 0;
      g_message ("No guardian's card within %d s: the medicine handover waits", NK_DOOR_CLAIM_SECONDS);
      show_label (self->countdown_label, _("No card was tapped in time. Ask the parent again."));
      gtk_widget_set_sensitive (GTK_WIDGET (self->consent_button), TRUE);
      return G_SOURCE_REMOVE;
    }
  /* TRANSLATORS: %u is a number of seconds left */
  text = g_strdup_printf (_("Waiting for the parent's own card… %u s"), left);
  show_label (self->countdown_label, text);
  return G_SOURCE_CONTINUE;
}

static void
ask_consent (NkMedicineForm *self)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *times = chosen_times (self);
  g_auto (GStrv) parsed = NULL;
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_entry))));
  g_autofree char *dose = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->dose_entry))));

  if (self->door == NULL || self->child_id == NULL)
    return;
  /* what the parent consents to is complete before they are asked */
  if (*name == '\0' || *dose == '\0')
    {
      show_label (self->error_label, _("Write the medicine and the dose first"));
      return;
    }
  parsed = nk_medicine_parse_times (times, &error);
  if (parsed == NULL)
    {
      show_label (self->error_label, error->message);
      return;
    }
  show_label (self->error_label, NULL);
  nk_door_claim_guardian (self->door, self->child_id, on_consent, g_object_ref (self), g_object_unref);
  g_message ("Waiting up to %d s for a guardian of child %s to tap their card (medicine consent)",
             NK_DOOR_CLAIM_SECONDS, self->child_id);
  gtk_widget_set_sensitive (GTK_WIDGET (self->consent_button), FALSE);
  g_clear_handle_id (&self->countdown_id, g_source_remove);
  self->countdown_id = g_timeout_add_seconds (1, countdown_cb, self);
  g_source_set_name_by_id (self->countdown_id, "[nk] medicine consent countdown");
  countdown_cb (self);
}

static void
action_ask_consent (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  ask_consent (NK_MEDICINE_FORM (widget));
}

static void
clear_new (NkMedicineForm *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->name_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->dose_entry), "");
  for (guint i = 0; i < G_N_ELEMENTS (dose_times); i++)
    gtk_toggle_button_set_active (self->time_buttons[i], FALSE);
}

static void
action_new (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  NkMedicineForm *self = NK_MEDICINE_FORM (widget);

  hide_twice (self);
  show_label (self->error_label, NULL);
  show_label (self->notice_label, NULL);
  clear_new (self);
  gtk_stack_set_visible_child_name (self->stack, "new");
  gtk_widget_set_sensitive (GTK_WIDGET (self->new_button), FALSE);
}

/* Back from a new handover goes to the list (the claim ends); back from
 * the list leaves the form. */
static void
action_back (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  NkMedicineForm *self = NK_MEDICINE_FORM (widget);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "new") == 0)
    {
      stop_claim (self);
      show_label (self->error_label, NULL);
      gtk_stack_set_visible_child_name (self->stack, "list");
      gtk_widget_set_sensitive (GTK_WIDGET (self->new_button), TRUE);
      return;
    }
  gtk_widget_activate_action (widget, "staff.back", NULL);
}

/* ---------------------------------------------------------------- open / close */

void
nk_medicine_form_open (NkMedicineForm *self,
                       NkDoor         *door,
                       const char     *staff_id,
                       const char     *child_id)
{
  g_autofree char *message = NULL;
  g_autoptr (NkDaySet) set = NULL;
  g_autofree char *title = NULL;

  g_return_if_fail (NK_IS_MEDICINE_FORM (self) && NK_IS_DOOR (door) && child_id != NULL);

  nk_medicine_form_close (self);
  g_set_object (&self->door, door);
  self->staff_id = g_strdup (staff_id);
  set = nk_form_child_load (door, child_id, "Medicine", &message);
  if (set == NULL)
    {
      show_label (self->error_label, message);
      return;
    }
  self->child_id = g_strdup (child_id);
  self->child_name = g_strdup (nk_day_set_get (set, 0)->name);
  /* TRANSLATORS: %s is the child's name */
  title = g_strdup_printf (_("Medicine · %s"), self->child_name);
  gtk_label_set_label (self->title_label, title);
  gtk_widget_set_sensitive (GTK_WIDGET (self->new_button), TRUE);
  reload (self);
}

void
nk_medicine_form_close (NkMedicineForm *self)
{
  GtkWidget *child;

  g_return_if_fail (NK_IS_MEDICINE_FORM (self));

  stop_claim (self);
  hide_twice (self);
  g_clear_pointer (&self->staff_id, g_free);
  g_clear_pointer (&self->child_id, g_free);
  g_clear_pointer (&self->child_name, g_free);
  g_clear_object (&self->door);
  clear_new (self);
  show_label (self->error_label, NULL);
  show_label (self->notice_label, NULL);
  /* no child's medicine stays on a page staff mode left */
  gtk_label_set_label (self->title_label, "");
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->doses_box))) != NULL)
    gtk_box_remove (self->doses_box, child);
  gtk_stack_set_visible_child_name (self->stack, "list");
}

const char *
nk_medicine_form_get_view (NkMedicineForm *self)
{
  return gtk_stack_get_visible_child_name (self->stack);
}

const char *
nk_medicine_form_get_error (NkMedicineForm *self)
{
  return gtk_widget_get_visible (GTK_WIDGET (self->error_label)) ? gtk_label_get_label (self->error_label)
                                                                  : NULL;
}

const char *
nk_medicine_form_get_countdown (NkMedicineForm *self)
{
  return gtk_widget_get_visible (GTK_WIDGET (self->countdown_label))
         ? gtk_label_get_label (self->countdown_label) : NULL;
}

/* ---------------------------------------------------------------- object */

static void
nk_medicine_form_dispose (GObject *object)
{
  NkMedicineForm *self = NK_MEDICINE_FORM (object);
  GtkWidget *child;

  g_clear_handle_id (&self->countdown_id, g_source_remove);
  if (self->door != NULL)
    nk_door_release_guardian (self->door);
  g_clear_object (&self->door);
  gtk_widget_dispose_template (GTK_WIDGET (object), NK_TYPE_MEDICINE_FORM);
  /* the template's top-level box is not bound: unparent it ourselves */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (nk_medicine_form_parent_class)->dispose (object);
}

static void
nk_medicine_form_finalize (GObject *object)
{
  NkMedicineForm *self = NK_MEDICINE_FORM (object);

  g_free (self->staff_id);
  g_free (self->child_id);
  g_free (self->child_name);
  g_free (self->twice_medicine);
  g_free (self->twice_time);
  G_OBJECT_CLASS (nk_medicine_form_parent_class)->finalize (object);
}

static void
nk_medicine_form_class_init (NkMedicineFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nk_medicine_form_dispose;
  object_class->finalize = nk_medicine_form_finalize;

  gtk_widget_class_install_action (widget_class, "medicine.give", "(ss)", action_give);
  gtk_widget_class_install_action (widget_class, "medicine.give-anyway", NULL, action_give_anyway);
  gtk_widget_class_install_action (widget_class, "medicine.cancel-twice", NULL, action_cancel_twice);
  gtk_widget_class_install_action (widget_class, "medicine.new", NULL, action_new);
  gtk_widget_class_install_action (widget_class, "medicine.ask-consent", NULL, action_ask_consent);
  gtk_widget_class_install_action (widget_class, "medicine.back", NULL, action_back);

  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "nk-medicine-form.ui");
  gtk_widget_class_bind_template_child (widget_class, NkMedicineForm, title_label);
  gtk_widget_class_bind_template_child (widget_class, NkMedicineForm, new_button);
  gtk_widget_class_bind_template_child (widget_class, NkMedicineForm, error_label);
  gtk_widget_class_bind_template_child (widget_class, NkMedicineForm, notice_label);
  gtk_widget_class_bind_template_child (widget_class, NkMedicineForm, twice_revealer);
  gtk_widget_class_bind_template_child (widget_class, NkMedicineForm, twice_label);
  gtk_widget_class_bind_template_child (widget_class, NkMedicineForm, stack);
  gtk_widget_class_bind_template_child (widget_class, NkMedicineForm, empty_label);
  gtk_widget_class_bind_template_child (widget_class, NkMedicineForm, doses_box);
  gtk_widget_class_bind_template_child (widget_class, NkMedicineForm, name_entry);
  gtk_widget_class_bind_template_child (widget_class, NkMedicineForm, dose_entry);
  gtk_widget_class_bind_template_child (widget_class, NkMedicineForm, times_grid);
  gtk_widget_class_bind_template_child (widget_class, NkMedicineForm, consent_button);
  gtk_widget_class_bind_template_child (widget_class, NkMedicineForm, countdown_label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "nkmedicineform");
}

static void
nk_medicine_form_init (NkMedicineForm *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  nk_a11y_hide_folded (self->twice_revealer);

  for (guint i = 0; i < G_N_ELEMENTS (dose_times); i++)
    {
      GtkWidget *button = gtk_toggle_button_new_with_label (dose_times[i]);

      gtk_widget_add_css_class (button, "nk-big-button");
      gtk_grid_attach (self->times_grid, button, (int) (i % 5), (int) (i / 5), 1, 1);
      self->time_buttons[i] = GTK_TOGGLE_BUTTON (button);
    }
}

GtkWidget *
nk_medicine_form_new (void)
{
  return g_object_new (NK_TYPE_MEDICINE_FORM, NULL);
}
