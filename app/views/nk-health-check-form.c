/* nk-health-check-form.c — one child's health check in staff mode
 * (nk-health-check-form.h).  The form keeps what was touched; saving is
 * one core call (nk_health_check_record), whose refusal is shown in plain
 * words and written to the journal. */
#define G_LOG_DOMAIN "nk-views"

#include "config.h"

#include <glib/gi18n.h>

#include "core/nk-child-day.h"
#include "core/nk-health-check.h"
#include "nk-a11y.h"
#include "nk-form-child.h"
#include "nk-health-check-form.h"

/* Quick choices of what to watch: a caregiver with a child on one arm
 * touches, and types only where a keyboard is attached. */
static const char *const watch_phrases[] = {
  N_("Temperature"), N_("Cough"), N_("Runny nose"), N_("Rash"),
  N_("Diarrhoea"), N_("Spirits"), N_("Eating"), N_("Eyes"),
};

#define CONCERN_COLUMNS 4

struct _NkHealthCheckForm
{
  GtkWidget        parent_instance;

  GtkStack        *stack;
  GtkLabel        *title_label;
  GtkToggleButton *morning_button;
  GtkToggleButton *midday_button;
  GtkLabel        *error_label;
  GtkLabel        *temperature_label;
  GtkLabel        *fever_label;
  GtkGrid         *keypad;
  GtkLabel        *concerns_hint;
  GtkGrid         *concerns_grid;
  GtkToggleButton *green_button;
  GtkToggleButton *yellow_button;
  GtkToggleButton *red_button;
  GtkRevealer     *watch_revealer;
  GtkFlowBox      *watch_box;
  GtkEntry        *watch_entry;
  GtkLabel        *red_label;
  GtkLabel        *done_label;
  GtkButton       *next_button;

  GtkToggleButton *concern_buttons[NK_HEALTH_N_CONCERNS];
  GtkToggleButton *watch_buttons[G_N_ELEMENTS (watch_phrases)];

  NkDoor          *door;
  char            *staff_id;
  char            *child_id;
  char            *child_name;
  char            *room_id;
  char            *next_child_id;
  int              temperature;   /* tenths of °C, -1 none */
  GString         *typed;         /* digits on the pad, up to 3 */
  gboolean         loading;       /* filling the form in: the toggles' signals do nothing */
};

G_DEFINE_FINAL_TYPE (NkHealthCheckForm, nk_health_check_form, GTK_TYPE_WIDGET)

static NkHealthCheckTime
form_time (NkHealthCheckForm *self)
{
  return gtk_toggle_button_get_active (self->midday_button) ? NK_HEALTH_MIDDAY : NK_HEALTH_MORNING;
}

static void
show_error (NkHealthCheckForm *self,
            const char        *text)
{
  gtk_label_set_label (self->error_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), text != NULL);
}

/* ---------------------------------------------------------------- temperature */

static void
update_temperature (NkHealthCheckForm *self)
{
  g_autofree char *text = NULL;
  const char *fever = "";

  if (self->typed->len == 1)
    text = g_strdup_printf ("%s_._ °C", self->typed->str);
  else if (self->typed->len == 2)
    text = g_strdup_printf ("%s._ °C", self->typed->str);
  else if (self->temperature >= 0)
    text = nk_health_format_temperature (self->temperature);
  else
    text = g_strdup ("--.- °C");
  gtk_label_set_label (self->temperature_label, text);

  if (self->temperature >= 0 && (self->temperature < NK_HEALTH_TEMPERATURE_MIN
                                 || self->temperature > NK_HEALTH_TEMPERATURE_MAX))
    fever = _("Outside 34.0–42.5 °C: measure again");
  else if (self->temperature >= NK_HEALTH_TEMPERATURE_FEVER)
    fever = _("Fever: 37.3 °C or more");
  gtk_label_set_label (self->fever_label, fever);
  gtk_widget_set_visible (GTK_WIDGET (self->fever_label), *fever != '\0');
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "health.save",
                                 self->temperature >= 0 && self->child_id != NULL);
}

/* A digit on the pad: three make the temperature in tenths ("366" is
 * 36.6 °C); a fourth starts again. */
static void
press_key (NkHealthCheckForm *self,
           const char        *key)
{
  if (g_str_equal (key, "back"))
    {
      if (self->typed->len > 0)
        g_string_truncate (self->typed, self->typed->len - 1);
      else
        self->temperature = -1;
    }
  else if (g_str_equal (key, "clear"))
    {
      g_string_truncate (self->typed, 0);
      self->temperature = -1;
    }
  else if (g_ascii_isdigit (key[0]) && key[1] == '\0')
    {
      if (self->typed->len >= 3)
        g_string_truncate (self->typed, 0);
      g_string_append_c (self->typed, key[0]);
    }
  if (self->typed->len == 3)
    self->temperature = atoi (self->typed->str);
  else if (self->typed->len > 0)
    self->temperature = -1;
  update_temperature (self);
}

static void
step_temperature (NkHealthCheckForm *self,
                  int                step)
{
  g_string_truncate (self->typed, 0);
  /* from nothing, the steps start at 36.5 °C, the usual reading */
  if (self->temperature < 0)
    self->temperature = 365;
  self->temperature = CLAMP (self->temperature + step, NK_HEALTH_TEMPERATURE_MIN,
                             NK_HEALTH_TEMPERATURE_MAX);
  update_temperature (self);
}

static void
build_keypad (NkHealthCheckForm *self)
{
  /* four across, so that the pad is three keys high on a 600-line screen */
  static const char *const keys[] = { "1", "2", "3", "clear", "4", "5", "6", "back", "7", "8", "9", "0" };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      GtkWidget *button;

      if (g_str_equal (keys[i], "clear"))
        {
          button = gtk_button_new_with_label ("C");
          gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          _("Clear the temperature"), -1);
        }
      else if (g_str_equal (keys[i], "back"))
        {
          button = gtk_button_new_from_icon_name ("edit-clear-symbolic");
          gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          _("Delete the last digit"), -1);
        }
      else
        button = gtk_button_new_with_label (keys[i]);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "health.key");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", keys[i]);
      gtk_widget_add_css_class (button, "nk-big-button");
      gtk_widget_add_css_class (button, "nk-key");
      gtk_grid_attach (self->keypad, button, (int) (i % 4), (int) (i / 4), 1, 1);
    }
}

/* ---------------------------------------------------------------- observations and outcome */

static void
build_toggles (NkHealthCheckForm *self)
{
  for (guint i = 0; i < NK_HEALTH_N_CONCERNS; i++)
    {
      GtkWidget *button = gtk_toggle_button_new_with_label (_(nk_health_concern_info (i)->label));

      gtk_widget_add_css_class (button, "nk-big-button");
      gtk_widget_add_css_class (button, "nk-concern");
      gtk_label_set_wrap (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button))), TRUE);
      gtk_grid_attach (self->concerns_grid, button, (int) (i % CONCERN_COLUMNS), (int) (i / CONCERN_COLUMNS), 1, 1);
      self->concern_buttons[i] = GTK_TOGGLE_BUTTON (button);
    }
  /* the outcomes wrap rather than widen the form past a 1024-wide screen */
  gtk_label_set_wrap (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (self->green_button))), TRUE);
  gtk_label_set_wrap (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (self->yellow_button))), TRUE);
  gtk_label_set_wrap (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (self->red_button))), TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (watch_phrases); i++)
    {
      GtkWidget *button = gtk_toggle_button_new_with_label (_(watch_phrases[i]));

      gtk_widget_add_css_class (button, "nk-big-button");
      nk_a11y_flow_box_append (self->watch_box, button, _(watch_phrases[i]));
      self->watch_buttons[i] = GTK_TOGGLE_BUTTON (button);
    }
}

static void
show_concerns_for_time (NkHealthCheckForm *self)
{
  NkHealthCheckTime time = form_time (self);
  guint mask = time == NK_HEALTH_MIDDAY ? NK_HEALTH_MIDDAY_CONCERNS : NK_HEALTH_ALL_CONCERNS;
  guint shown = 0;

  /* the midday check asks fewer things: they close up in the grid */
  for (guint i = 0; i < NK_HEALTH_N_CONCERNS; i++)
    {
      GtkWidget *button = GTK_WIDGET (self->concern_buttons[i]);
      gboolean asked = (mask & nk_health_concern_info (i)->bit) != 0;

      g_object_ref (button);
      gtk_grid_remove (self->concerns_grid, button);
      if (asked)
        {
          gtk_grid_attach (self->concerns_grid, button, (int) (shown % CONCERN_COLUMNS),
                           (int) (shown / CONCERN_COLUMNS), 1, 1);
          shown++;
        }
      else
        gtk_toggle_button_set_active (self->concern_buttons[i], FALSE);
      g_object_unref (button);
    }
  gtk_label_set_label (self->concerns_hint,
                       time == NK_HEALTH_MIDDAY
                       ? _("Touch and look: light up what is not normal")
                       : _("Touch, look, ask the parent, check the pockets: light up what is not normal"));
}

static void
on_outcome_toggled (NkHealthCheckForm *self)
{
  gtk_revealer_set_reveal_child (self->watch_revealer, gtk_toggle_button_get_active (self->yellow_button));
  gtk_widget_set_visible (GTK_WIDGET (self->red_label), gtk_toggle_button_get_active (self->red_button));
}

static char *
watch_text (NkHealthCheckForm *self)
{
  GString *text = g_string_new (NULL);
  g_autofree char *typed = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->watch_entry))));

  for (guint i = 0; i < G_N_ELEMENTS (watch_phrases); i++)
    if (gtk_toggle_button_get_active (self->watch_buttons[i]))
      /* TRANSLATORS: between the things to watch, e.g. "体温、咳嗽" */
      g_string_append_printf (text, "%s%s", text->len ? _(", ") : "", _(watch_phrases[i]));
  if (*typed != '\0')
    g_string_append_printf (text, "%s%s", text->len ? _(", ") : "", typed);
  return g_string_free (text, FALSE);
}

/* ---------------------------------------------------------------- filling in */

static void
clear_inputs (NkHealthCheckForm *self)
{
  self->loading = TRUE;
  self->temperature = -1;
  g_string_truncate (self->typed, 0);
  for (guint i = 0; i < NK_HEALTH_N_CONCERNS; i++)
    gtk_toggle_button_set_active (self->concern_buttons[i], FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (watch_phrases); i++)
    gtk_toggle_button_set_active (self->watch_buttons[i], FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->watch_entry), "");
  gtk_toggle_button_set_active (self->green_button, FALSE);
  gtk_toggle_button_set_active (self->yellow_button, FALSE);
  gtk_toggle_button_set_active (self->red_button, FALSE);
  on_outcome_toggled (self);
  show_error (self, NULL);
  self->loading = FALSE;
  update_temperature (self);
}

/* A check already done today at this time: shown to be corrected. */
static void
fill_from (NkHealthCheckForm        *self,
           const NkHealthCheckEntry *entry)
{
  self->loading = TRUE;
  self->temperature = entry->temperature;
  for (guint i = 0; i < NK_HEALTH_N_CONCERNS; i++)
    gtk_toggle_button_set_active (self->concern_buttons[i],
                                  (entry->concerns & nk_health_concern_info (i)->bit) != 0);
  gtk_toggle_button_set_active (entry->outcome == NK_HEALTH_RED ? self->red_button
                                : entry->outcome == NK_HEALTH_YELLOW ? self->yellow_button
                                : self->green_button, TRUE);
  gtk_editable_set_text (GTK_EDITABLE (self->watch_entry), entry->watch != NULL ? entry->watch : "");
  on_outcome_toggled (self);
  self->loading = FALSE;
  update_temperature (self);
}

/* The child's name; the toggles beside it say which check. */
static void
update_title (NkHealthCheckForm *self,
              gboolean           correcting)
{
  g_autofree char *title = NULL;

  if (correcting)
    /* TRANSLATORS: %s is the child's name: the check shown was done and is being corrected */
    title = g_strdup_printf (_("%s · correcting"), self->child_name);
  gtk_label_set_label (self->title_label, title != NULL ? title : self->child_name);
}

/* Reads the check of the chosen time, if done, into the form. */
static void
load_check (NkHealthCheckForm *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (NkHealthCheckEntry) entry = NULL;
  g_autofree char *today = nk_centre_today (nk_door_get_centre (self->door));

  clear_inputs (self);
  show_concerns_for_time (self);
  if (!nk_health_check_find (nk_door_get_store (self->door), self->child_id, today, form_time (self),
                             &entry, &error))
    {
      g_message ("Health check of child %s not read: %s", self->child_id, error->message);
      show_error (self, error->message);
    }
  else if (entry != NULL)
    fill_from (self, entry);
  update_title (self, entry != NULL);
}

static void
on_time_toggled (NkHealthCheckForm *self)
{
  if (!self->loading && self->child_id != NULL)
    load_check (self);
}

/* The midday check once the morning one is done and it is late morning. */
static NkHealthCheckTime
default_time (NkHealthCheckForm *self,
              const char        *child_id)
{
  NkCentre *centre = nk_door_get_centre (self->door);
  g_autofree char *now = nk_centre_format_time (centre, nk_centre_now (centre));
  g_autofree char *today = nk_centre_today (centre);
  g_autoptr (NkHealthCheckEntry) morning = NULL;

  if (!nk_health_check_find (nk_door_get_store (self->door), child_id, today, NK_HEALTH_MORNING,
                             &morning, NULL))
    return NK_HEALTH_MORNING;
  return morning != NULL && g_strcmp0 (now, "11:00") >= 0 ? NK_HEALTH_MIDDAY : NK_HEALTH_MORNING;
}

void
nk_health_check_form_open (NkHealthCheckForm *self,
                           NkDoor            *door,
                           const char        *staff_id,
                           const char        *child_id)
{
  g_autofree char *message = NULL;
  g_autoptr (NkDaySet) set = NULL;
  NkChildDay *day;

  g_return_if_fail (NK_IS_HEALTH_CHECK_FORM (self) && NK_IS_DOOR (door));
  g_return_if_fail (child_id != NULL);

  nk_health_check_form_close (self);
  g_set_object (&self->door, door);
  self->staff_id = g_strdup (staff_id);
  gtk_stack_set_visible_child_name (self->stack, "form");

  set = nk_form_child_load (door, child_id, "Health check", &message);
  day = set != NULL ? nk_day_set_get (set, 0) : NULL;
  if (day == NULL)
    {
      show_error (self, message);
      gtk_label_set_label (self->title_label, _("Health check"));
      return;
    }
  self->child_id = g_strdup (child_id);
  self->child_name = g_strdup (day->name);
  self->room_id = g_strdup (day->room_id);

  self->loading = TRUE;
  gtk_toggle_button_set_active (default_time (self, child_id) == NK_HEALTH_MIDDAY ? self->midday_button
                                                                            : self->morning_button, TRUE);
  self->loading = FALSE;
  load_check (self);
  if (!day->present)
    {
      g_autofree char *text = g_strdup_printf (_("%s is not checked in: only a child checked in today "
                                                 "is health-checked"), day->name);
      show_error (self, text);
    }
}

void
nk_health_check_form_close (NkHealthCheckForm *self)
{
  g_return_if_fail (NK_IS_HEALTH_CHECK_FORM (self));

  g_clear_pointer (&self->staff_id, g_free);
  g_clear_pointer (&self->child_id, g_free);
  g_clear_pointer (&self->child_name, g_free);
  g_clear_pointer (&self->room_id, g_free);
  g_clear_pointer (&self->next_child_id, g_free);
  clear_inputs (self);
  /* no child's name stays on a page staff mode left */
  gtk_label_set_label (self->title_label, "");
  gtk_label_set_label (self->done_label, "");
  gtk_stack_set_visible_child_name (self->stack, "form");
}

/* ---------------------------------------------------------------- saving */

static gboolean
read_outcome (NkHealthCheckForm *self,
              NkHealthOutcome   *outcome)
{
  if (gtk_toggle_button_get_active (self->green_button))
    *outcome = NK_HEALTH_GREEN;
  else if (gtk_toggle_button_get_active (self->yellow_button))
    *outcome = NK_HEALTH_YELLOW;
  else if (gtk_toggle_button_get_active (self->red_button))
    *outcome = NK_HEALTH_RED;
  else
    return FALSE;
  return TRUE;
}

/* After a check: the next child of the room to check, one touch away. */
static void
offer_next (NkHealthCheckForm *self,
            const char        *saved_name)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *next_name = NULL;
  g_autofree char *done = NULL;
  g_autofree char *label = NULL;

  g_clear_pointer (&self->next_child_id, g_free);
  if (self->room_id == NULL
      || !nk_health_check_next (nk_door_get_store (self->door), nk_door_get_centre (self->door),
                                self->room_id, form_time (self), self->child_id,
                                &self->next_child_id, &next_name, &error))
    {
      if (error != NULL)
        g_message ("The next child to check was not read: %s", error->message);
    }
  if (self->next_child_id == NULL)
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "staff.back", NULL);
      return;
    }
  /* TRANSLATORS: %s is the child's name */
  done = g_strdup_printf (_("%s: check saved"), saved_name);
  /* TRANSLATORS: %s is the next child's name */
  label = g_strdup_printf (_("Next: %s"), next_name);
  gtk_label_set_label (self->done_label, done);
  gtk_button_set_label (self->next_button, label);
  gtk_stack_set_visible_child_name (self->stack, "done");
}

static void
save (NkHealthCheckForm *self)
{
  g_autoptr (GError) error = NULL;
  g_auto (NkHealthCheckSaved) saved = { 0 };
  g_autofree char *watch = watch_text (self);
  g_autofree char *name = NULL;
  NkHealthCheck check = { 0 };

  if (self->door == NULL || self->child_id == NULL || self->staff_id == NULL)
    return;
  check.child_id = self->child_id;
  check.time = form_time (self);
  check.temperature = self->temperature;
  check.watch = watch;
  for (guint i = 0; i < NK_HEALTH_N_CONCERNS; i++)
    if (gtk_toggle_button_get_active (self->concern_buttons[i]))
      check.concerns |= nk_health_concern_info (i)->bit;
  if (!read_outcome (self, &check.outcome))
    {
      show_error (self, _("Choose the outcome of the check"));
      return;
    }
  if (!nk_health_check_record (nk_door_get_attendance (self->door), self->staff_id, &check, &saved, &error))
    {
      /* the journal names the child by id only; the screen says why */
      g_message ("Health check of child %s not saved: %s", self->child_id, error->message);
      show_error (self, error->message);
      return;
    }
  g_message ("confirmed health-check event=%s person=%s time=%s outcome=%s%s%s", saved.id,
             self->child_id, nk_health_check_time_to_string (check.time),
             nk_health_outcome_to_string (check.outcome), saved.corrects != NULL ? " corrects=" : "",
             saved.corrects != NULL ? saved.corrects : "");
  show_error (self, NULL);
  name = g_strdup (self->child_name);
  offer_next (self, name);
}

static void
action_save (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  save (NK_HEALTH_CHECK_FORM (widget));
}

static void
action_key (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  press_key (NK_HEALTH_CHECK_FORM (widget), g_variant_get_string (parameter, NULL));
}

static void
action_step (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  step_temperature (NK_HEALTH_CHECK_FORM (widget), g_variant_get_int32 (parameter));
}

static void
action_next (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  NkHealthCheckForm *self = NK_HEALTH_CHECK_FORM (widget);
  g_autofree char *next = g_steal_pointer (&self->next_child_id);
  g_autoptr (NkDoor) door = self->door != NULL ? g_object_ref (self->door) : NULL;
  g_autofree char *staff_id = g_strdup (self->staff_id);

  if (next != NULL && door != NULL)
    nk_health_check_form_open (self, door, staff_id, next);
}

/* ---------------------------------------------------------------- tests */

const char *
nk_health_check_form_get_child_id (NkHealthCheckForm *self)
{
  return self->child_id;
}

const char *
nk_health_check_form_get_view (NkHealthCheckForm *self)
{
  return gtk_stack_get_visible_child_name (self->stack);
}

const char *
nk_health_check_form_get_error (NkHealthCheckForm *self)
{
  return gtk_widget_get_visible (GTK_WIDGET (self->error_label)) ? gtk_label_get_label (self->error_label)
                                                                  : NULL;
}

/* ---------------------------------------------------------------- object */

static void
nk_health_check_form_dispose (GObject *object)
{
  NkHealthCheckForm *self = NK_HEALTH_CHECK_FORM (object);

  g_clear_object (&self->door);
  gtk_widget_dispose_template (GTK_WIDGET (object), NK_TYPE_HEALTH_CHECK_FORM);
  G_OBJECT_CLASS (nk_health_check_form_parent_class)->dispose (object);
}

static void
nk_health_check_form_finalize (GObject *object)
{
  NkHealthCheckForm *self = NK_HEALTH_CHECK_FORM (object);

  g_free (self->staff_id);
  g_free (self->child_id);
  g_free (self->child_name);
  g_free (self->room_id);
  g_free (self->next_child_id);
  g_string_free (self->typed, TRUE);
  G_OBJECT_CLASS (nk_health_check_form_parent_class)->finalize (object);
}

static void
nk_health_check_form_class_init (NkHealthCheckFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nk_health_check_form_dispose;
  object_class->finalize = nk_health_check_form_finalize;

  gtk_widget_class_install_action (widget_class, "health.save", NULL, action_save);
  gtk_widget_class_install_action (widget_class, "health.key", "s", action_key);
  gtk_widget_class_install_action (widget_class, "health.step", "i", action_step);
  gtk_widget_class_install_action (widget_class, "health.next", NULL, action_next);

  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "nk-health-check-form.ui");
  gtk_widget_class_bind_template_child (widget_class, NkHealthCheckForm, stack);
  gtk_widget_class_bind_template_child (widget_class, NkHealthCheckForm, title_label);
  gtk_widget_class_bind_template_child (widget_class, NkHealthCheckForm, morning_button);
  gtk_widget_class_bind_template_child (widget_class, NkHealthCheckForm, midday_button);
  gtk_widget_class_bind_template_child (widget_class, NkHealthCheckForm, error_label);
  gtk_widget_class_bind_template_child (widget_class, NkHealthCheckForm, temperature_label);
  gtk_widget_class_bind_template_child (widget_class, NkHealthCheckForm, fever_label);
  gtk_widget_class_bind_template_child (widget_class, NkHealthCheckForm, keypad);
  gtk_widget_class_bind_template_child (widget_class, NkHealthCheckForm, concerns_hint);
  gtk_widget_class_bind_template_child (widget_class, NkHealthCheckForm, concerns_grid);
  gtk_widget_class_bind_template_child (widget_class, NkHealthCheckForm, green_button);
  gtk_widget_class_bind_template_child (widget_class, NkHealthCheckForm, yellow_button);
  gtk_widget_class_bind_template_child (widget_class, NkHealthCheckForm, red_button);
  gtk_widget_class_bind_template_child (widget_class, NkHealthCheckForm, watch_revealer);
  gtk_widget_class_bind_template_child (widget_class, NkHealthCheckForm, watch_box);
  gtk_widget_class_bind_template_child (widget_class, NkHealthCheckForm, watch_entry);
  gtk_widget_class_bind_template_child (widget_class, NkHealthCheckForm, red_label);
  gtk_widget_class_bind_template_child (widget_class, NkHealthCheckForm, done_label);
  gtk_widget_class_bind_template_child (widget_class, NkHealthCheckForm, next_button);
  gtk_widget_class_bind_template_callback (widget_class, on_time_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_outcome_toggled);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "nkhealthcheckform");
}

static void
nk_health_check_form_init (NkHealthCheckForm *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  nk_a11y_hide_folded (self->watch_revealer);

  self->temperature = -1;
  self->typed = g_string_new (NULL);
  build_keypad (self);
  build_toggles (self);
  show_concerns_for_time (self);
  clear_inputs (self);
}

GtkWidget *
nk_health_check_form_new (void)
{
  return g_object_new (NK_TYPE_HEALTH_CHECK_FORM, NULL);
}
