/* nk-care-form.c — one care entry in big buttons (nk-care-form.h).
 *
 * The form is made anew for each entry from what it is: rows of choice
 * buttons (one of them pressed, or none where the row is optional), a
 * stepper for millilitres and temperatures, the time (now, or a few
 * minutes back: never later), phrases for notes and incidents with an
 * entry for a keyboard, and for a meal of several children a row per
 * child for what that child did differently.  The steppers (amounts,
 * the time) are nk-care-form-steps.c. */
#define G_LOG_DOMAIN "nk-views"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "nk-care-form-private.h"

#define CHOICE "nk-choice"
#define GROUP  "nk-group"


G_DEFINE_FINAL_TYPE (NkCareForm, nk_care_form, GTK_TYPE_WIDGET)

enum { SIGNAL_SAVE, SIGNAL_CANCELLED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* ---------------------------------------------------------------- choice rows */

/* A colour goes with a soiled diaper only: the colours are offered then,
 * and let go of otherwise. */
static void
follow_diaper (NkCareForm *self)
{
  GPtrArray *diapers = g_hash_table_lookup (self->groups, "diaper");
  GPtrArray *colours = g_hash_table_lookup (self->groups, "colour");
  gboolean soiled = FALSE;

  for (guint i = 0; diapers != NULL && i < diapers->len; i++)
    soiled |= gtk_toggle_button_get_active (diapers->pdata[i]) &&
              g_strcmp0 (g_object_get_data (diapers->pdata[i], CHOICE), "soiled") == 0;
  for (guint i = 0; colours != NULL && i < colours->len; i++)
    {
      if (!soiled)
        gtk_toggle_button_set_active (colours->pdata[i], FALSE);
      gtk_widget_set_sensitive (colours->pdata[i], soiled);
    }
}

static void
on_choice_toggled (GtkToggleButton *button,
                   NkCareForm      *self)
{
  GPtrArray *group = g_hash_table_lookup (self->groups, g_object_get_data (G_OBJECT (button), GROUP));
  gboolean any = FALSE;

  if (gtk_toggle_button_get_active (button))
    {
      /* one pressed at a time: the others of the row come up */
      for (guint i = 0; i < group->len; i++)
        if (group->pdata[i] != button)
          gtk_toggle_button_set_active (group->pdata[i], FALSE);
      follow_diaper (self);
      return;
    }
  for (guint i = 0; i < group->len; i++)
    any |= gtk_toggle_button_get_active (group->pdata[i]);
  /* a required row keeps one pressed: pressing it again does not lift it */
  if (!any && g_hash_table_contains (self->required, g_object_get_data (G_OBJECT (button), GROUP)))
    gtk_toggle_button_set_active (button, TRUE);
}

GtkWidget *
nk_care_form_row_title (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "nk-care-row-title");
  return label;
}

/* A flow box of toggle buttons, one per choice (labels from label_of, or
 * the choice itself when NULL), under key; selected pressed. */
static GtkWidget *
choice_buttons (NkCareForm        *self,
                const char        *key,
                const char *const *choices,
                const char *(*label_of) (const char *),
                const char        *selected,
                gboolean           required)
{
  GtkWidget *box = gtk_flow_box_new ();
  GPtrArray *group = g_ptr_array_new ();

  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (box), GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (box), 8);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (box), 8);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (box), 8);
  g_hash_table_insert (self->groups, g_strdup (key), group);
  if (required)
    g_hash_table_add (self->required, g_strdup (key));
  for (guint i = 0; choices[i] != NULL; i++)
    {
      const char *text = label_of != NULL ? label_of (choices[i]) : choices[i];
      GtkWidget *button = gtk_toggle_button_new_with_label (text);

      gtk_widget_add_css_class (button, "nk-choice");
      g_object_set_data_full (G_OBJECT (button), CHOICE, g_strdup (choices[i]), g_free);
      g_object_set_data_full (G_OBJECT (button), GROUP, g_strdup (key), g_free);
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), g_strcmp0 (choices[i], selected) == 0);
      g_signal_connect (button, "toggled", G_CALLBACK (on_choice_toggled), self);
      g_ptr_array_add (group, button);
      gtk_flow_box_append (GTK_FLOW_BOX (box), button);
      gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_parent (button)),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
    }
  return box;
}

static void
add_choice_row (NkCareForm        *self,
                const char        *title,
                const char        *key,
                const char *const *choices,
                const char *(*label_of) (const char *),
                const char        *selected,
                gboolean           required)
{
  GtkWidget *buttons = choice_buttons (self, key, choices, label_of, selected, required);

  gtk_accessible_update_property (GTK_ACCESSIBLE (buttons), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  gtk_box_append (self->rows_box, nk_care_form_row_title (title));
  gtk_box_append (self->rows_box, buttons);
}

static const char *
chosen (NkCareForm *self,
        const char *key)
{
  GPtrArray *group = g_hash_table_lookup (self->groups, key);

  for (guint i = 0; group != NULL && i < group->len; i++)
    if (gtk_toggle_button_get_active (group->pdata[i]))
      return g_object_get_data (group->pdata[i], CHOICE);
  return NULL;
}

gboolean
nk_care_form_choose (NkCareForm *self,
                     const char *key,
                     const char *choice)
{
  GPtrArray *group;

  g_return_val_if_fail (NK_IS_CARE_FORM (self), FALSE);

  group = g_hash_table_lookup (self->groups, key);
  for (guint i = 0; group != NULL && i < group->len; i++)
    if (g_strcmp0 (g_object_get_data (group->pdata[i], CHOICE), choice) == 0)
      {
        gtk_toggle_button_set_active (group->pdata[i], TRUE);
        return TRUE;
      }
  return FALSE;
}

/* ---------------------------------------------------------------- text */

static void
add_typed_entry (NkCareForm *self,
                 const char *placeholder,
                 const char *text)
{
  self->typed = GTK_ENTRY (gtk_entry_new ());
  gtk_widget_add_css_class (GTK_WIDGET (self->typed), "nk-entry");
  gtk_entry_set_placeholder_text (self->typed, placeholder);
  gtk_entry_set_max_length (self->typed, NK_CARE_TEXT_MAX);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->typed), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  placeholder, -1);
  if (text != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->typed), text);
  gtk_box_append (self->rows_box, GTK_WIDGET (self->typed));
}

static const char *
typed_or_chosen (NkCareForm *self,
                 const char *key)
{
  const char *typed = self->typed != NULL ? gtk_editable_get_text (GTK_EDITABLE (self->typed)) : "";

  return typed[0] != '\0' ? typed : chosen (self, key);
}

/* Phrases, with text (a prefilled one) among them when it is not. */
static GStrv
phrases_with (const char *const *phrases,
              const char        *text)
{
  g_autoptr (GStrvBuilder) b = g_strv_builder_new ();

  g_strv_builder_addv (b, (const char **) phrases);
  if (text != NULL && !g_strv_contains (phrases, text))
    g_strv_builder_add (b, text);
  return g_strv_builder_end (b);
}

/* ---------------------------------------------------------------- exceptions */

static const char *
exception_label (const char *choice)
{
  /* TRANSLATORS: an exception of a room's meal: the child was not at the meal */
  return g_str_equal (choice, "away") ? _("Not at the meal") : nk_care_choice_label (choice);
}

static void
add_exception_rows (NkCareForm            *self,
                    const NkCareFormChild *children,
                    guint                  n)
{
  static const char *const choices[] = { "all", "most", "half", "little", "refused", "away", NULL };

  gtk_box_append (self->rows_box, nk_care_form_row_title (_("Different for some? Tap what they did; the others get the choice above.")));
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *key = g_strconcat ("except:", children[i].id, NULL);
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
      GtkWidget *name = gtk_label_new (children[i].name);
      GtkWidget *buttons = choice_buttons (self, key, choices, exception_label, NULL, FALSE);

      gtk_widget_add_css_class (name, "nk-child-name");
      gtk_widget_set_size_request (name, 120, -1);
      gtk_label_set_xalign (GTK_LABEL (name), 0.0f);
      gtk_label_set_wrap (GTK_LABEL (name), TRUE);
      gtk_widget_set_hexpand (buttons, TRUE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (buttons), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      children[i].name, -1);
      gtk_box_append (GTK_BOX (row), name);
      gtk_box_append (GTK_BOX (row), buttons);
      gtk_box_append (self->rows_box, row);
      g_ptr_array_add (self->child_ids, g_strdup (children[i].id));
    }
}

GArray *
nk_care_form_get_exceptions (NkCareForm *self)
{
  NkCareEntry base;

  g_return_val_if_fail (NK_IS_CARE_FORM (self), NULL);

  nk_care_form_get_entry (self, &base);
  g_clear_pointer (&self->except_entries, g_free);
  self->except_entries = g_new0 (NkCareEntry, MAX (self->child_ids->len, 1));
  g_array_set_size (self->exceptions, 0);
  for (guint i = 0; i < self->child_ids->len; i++)
    {
      g_autofree char *key = g_strconcat ("except:", (char *) self->child_ids->pdata[i], NULL);
      const char *choice = chosen (self, key);
      NkCareException ex = { self->child_ids->pdata[i], NULL };

      if (choice == NULL)
        continue;
      if (!g_str_equal (choice, "away"))
        {
          self->except_entries[i] = base;
          self->except_entries[i].portion = choice;
          ex.entry = &self->except_entries[i];
        }
      g_array_append_val (self->exceptions, ex);
    }
  return self->exceptions;
}

/* ---------------------------------------------------------------- the form */

static void
clear_rows (NkCareForm *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->rows_box))) != NULL)
    gtk_box_remove (self->rows_box, child);
  g_hash_table_remove_all (self->groups);
  g_hash_table_remove_all (self->required);
  g_ptr_array_set_size (self->child_ids, 0);
  self->typed = NULL;
  self->amount_label = NULL;
}

static void
build_rows (NkCareForm        *self,
            const NkCareEntry *p,
            guint              n_children,
            const char *const *phrases)
{
  static const char *const incident_what[] = {
    N_("Fell"), N_("Bumped into something"), N_("Scratched"), N_("Bitten by another child"),
    N_("Pinched a finger"), N_("Nosebleed"), NULL };
  static const char *const incident_place[] = {
    N_("Classroom"), N_("Playground"), N_("Bathroom"), N_("Dining area"), N_("Sleeping room"),
    N_("Corridor"), NULL };
  static const char *const first_aid[] = {
    N_("Comforted"), N_("Cold compress"), N_("Cleaned and plaster"), N_("Seen by the health staff"),
    NULL };

  switch (self->what)
    {
    case NK_CARE_MEAL:
      add_choice_row (self, _("Which meal"), "slot", nk_care_slots, nk_care_choice_label, p->slot, TRUE);
      add_choice_row (self, n_children > 1 ? _("How much did they eat") : _("How much"), "portion",
                      nk_care_portions, nk_care_choice_label, p->portion != NULL ? p->portion : "all", TRUE);
      break;
    case NK_CARE_BOTTLE:
      add_choice_row (self, _("Milk"), "milk", nk_care_milks, nk_care_choice_label,
                      p->milk != NULL ? p->milk : "formula", TRUE);
      nk_care_form_add_amount_row (self, _("Amount"), p->ml != 0 ? p->ml : 120, NK_CARE_BOTTLE_ML_MIN,
                      NK_CARE_BOTTLE_ML_MAX, 10, 30, _("10 ml"), _("30 ml"));
      break;
    case NK_CARE_WATER:
      nk_care_form_add_amount_row (self, _("Amount"), p->ml != 0 ? p->ml : 100, NK_CARE_WATER_ML_MIN,
                      NK_CARE_WATER_ML_MAX, 10, 50, _("10 ml"), _("50 ml"));
      break;
    case NK_CARE_DIAPER:
      add_choice_row (self, _("Diaper or toilet"), "diaper", nk_care_diapers, nk_care_choice_label,
                      p->diaper != NULL ? p->diaper : "wet", TRUE);
      add_choice_row (self, _("Colour, if soiled (optional)"), "colour", nk_care_colours,
                      nk_care_choice_label, p->colour, FALSE);
      follow_diaper (self);
      break;
    case NK_CARE_MOOD:
      add_choice_row (self, _("Mood"), "mood", nk_care_moods, nk_care_choice_label,
                      p->mood != NULL ? p->mood : "happy", TRUE);
      break;
    case NK_CARE_TEMPERATURE:
      nk_care_form_add_amount_row (self, _("Temperature (37.3 °C and above is flagged)"),
                      p->tenths != 0 ? p->tenths : 365, NK_CARE_TENTHS_MIN, NK_CARE_TENTHS_MAX,
                      1, 10, _("0.1 °C"), _("1 °C"));
      break;
    case NK_CARE_INCIDENT:
      {
        g_auto (GStrv) whats = NULL, places = NULL, aids = NULL;
        g_autoptr (GStrvBuilder) b1 = g_strv_builder_new ();
        g_autoptr (GStrvBuilder) b2 = g_strv_builder_new ();
        g_autoptr (GStrvBuilder) b3 = g_strv_builder_new ();

        for (guint i = 0; incident_what[i] != NULL; i++)
          g_strv_builder_add (b1, _(incident_what[i]));
        for (guint i = 0; incident_place[i] != NULL; i++)
          g_strv_builder_add (b2, _(incident_place[i]));
        for (guint i = 0; first_aid[i] != NULL; i++)
          g_strv_builder_add (b3, _(first_aid[i]));
        whats = g_strv_builder_end (b1);
        places = g_strv_builder_end (b2);
        aids = g_strv_builder_end (b3);
        {
          g_auto (GStrv) w = phrases_with ((const char *const *) whats, p->text);
          g_auto (GStrv) pl = phrases_with ((const char *const *) places, p->place);
          g_auto (GStrv) a = phrases_with ((const char *const *) aids, p->first_aid);

          add_choice_row (self, _("What happened"), "what", (const char *const *) w, NULL, p->text, FALSE);
          add_typed_entry (self, _("Or type what happened"), NULL);
          add_choice_row (self, _("Where"), "place", (const char *const *) pl, NULL, p->place, FALSE);
          add_choice_row (self, _("First aid given (none: leave all up)"), "first_aid",
                          (const char *const *) a, NULL, p->first_aid, FALSE);
        }
        add_choice_row (self, _("Parent told"), "told", nk_care_told, nk_care_choice_label,
                        p->told != NULL ? p->told : "not_yet", TRUE);
        break;
      }
    case NK_CARE_NOTE:
      {
        g_auto (GStrv) all = phrases_with (phrases, p->text);

        add_choice_row (self, _("Note: choose a phrase"), "note", (const char *const *) all, NULL, p->text, FALSE);
        add_typed_entry (self, _("Or type a note"), NULL);
        break;
      }
    case NK_CARE_N_WHAT:
    default:
      break;
    }
  nk_care_form_add_time_row (self);
}

void
nk_care_form_setup (NkCareForm            *self,
                    NkCareWhat             what,
                    NkCentre              *centre,
                    const NkCareFormChild *children,
                    guint                  n,
                    const NkCareRow       *prefill,
                    const char *const     *phrases)
{
  NkCareEntry p = { .what = what };
  g_autofree char *title = NULL;
  g_autoptr (GDateTime) now = NULL;

  g_return_if_fail (NK_IS_CARE_FORM (self) && NK_IS_CENTRE (centre) && what < NK_CARE_N_WHAT);

  g_set_object (&self->centre, centre);
  self->what = what;
  clear_rows (self);
  if (prefill != NULL)
    p = prefill->entry;
  now = g_date_time_new_from_unix_utc (nk_centre_now (centre) / G_USEC_PER_SEC);
  if (p.slot == NULL && what == NK_CARE_MEAL)
    {
      g_autoptr (GDateTime) local = g_date_time_to_timezone (now, nk_centre_get_timezone (centre));

      p.slot = nk_care_slot_at (g_date_time_get_hour (local), g_date_time_get_minute (local));
    }
  self->prefill_at_us = prefill != NULL ? prefill->entry.at_us : 0;
  self->minutes_back = prefill != NULL
    ? (int) MAX (0, (nk_centre_now (centre) - prefill->entry.at_us) / (60 * G_USEC_PER_SEC)) : 0;
  self->prefill_minutes = self->minutes_back;

  if (prefill != NULL)
    /* TRANSLATORS: title of a care form correcting an entry; %s is the kind, e.g. "Meal" */
    title = g_strdup_printf (_("Correct: %s"), nk_care_what_label (what));
  else if (n == 1)
    /* TRANSLATORS: title of a care form: kind and the child's name, e.g. "Meal · 王小明" */
    title = g_strdup_printf (_("%s · %s"), nk_care_what_label (what), children[0].name);
  else
    /* TRANSLATORS: title of a care form for several children: kind and how many */
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %u child", "%s · %u children", n),
                             nk_care_what_label (what), n);
  gtk_label_set_label (self->title_label, title);
  build_rows (self, &p, n, phrases);
  if (what == NK_CARE_MEAL && n > 1 && prefill == NULL)
    add_exception_rows (self, children, n);
  nk_care_form_show_error (self, NULL);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
}

NkCareWhat
nk_care_form_get_what (NkCareForm *self)
{
  return self->what;
}

void
nk_care_form_get_entry (NkCareForm  *self,
                        NkCareEntry *e)
{
  g_return_if_fail (NK_IS_CARE_FORM (self) && e != NULL);

  memset (e, 0, sizeof *e);
  e->what = self->what;
  if (self->minutes_back == self->prefill_minutes && self->prefill_at_us != 0)
    e->at_us = self->prefill_at_us;
  else if (self->minutes_back > 0)
    e->at_us = nk_centre_now (self->centre) - (gint64) self->minutes_back * 60 * G_USEC_PER_SEC;
  e->slot = chosen (self, "slot");
  e->portion = chosen (self, "portion");
  e->milk = chosen (self, "milk");
  e->diaper = chosen (self, "diaper");
  e->colour = chosen (self, "colour");
  e->mood = chosen (self, "mood");
  e->told = chosen (self, "told");
  e->place = chosen (self, "place");
  e->first_aid = chosen (self, "first_aid");
  e->text = typed_or_chosen (self, self->what == NK_CARE_NOTE ? "note" : "what");
  if (self->what == NK_CARE_TEMPERATURE)
    e->tenths = self->amount;
  else
    e->ml = self->amount;
}

void
nk_care_form_show_error (NkCareForm *self,
                         const char *message)
{
  g_return_if_fail (NK_IS_CARE_FORM (self));

  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

const char *
nk_care_form_get_error (NkCareForm *self)
{
  g_return_val_if_fail (NK_IS_CARE_FORM (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->error_label)) ? gtk_label_get_label (self->error_label) : NULL;
}

static void
action_save (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  g_signal_emit (widget, signals[SIGNAL_SAVE], 0);
}

static void
action_cancel (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  g_signal_emit (widget, signals[SIGNAL_CANCELLED], 0);
}

static void
nk_care_form_dispose (GObject *object)
{
  NkCareForm *self = NK_CARE_FORM (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), NK_TYPE_CARE_FORM);
  /* the template's top-level box is not bound: unparent it ourselves */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->centre);
  G_OBJECT_CLASS (nk_care_form_parent_class)->dispose (object);
}

static void
nk_care_form_finalize (GObject *object)
{
  NkCareForm *self = NK_CARE_FORM (object);

  g_hash_table_unref (self->groups);
  g_hash_table_unref (self->required);
  g_ptr_array_unref (self->child_ids);
  g_array_unref (self->exceptions);
  g_free (self->except_entries);
  G_OBJECT_CLASS (nk_care_form_parent_class)->finalize (object);
}

static void
nk_care_form_class_init (NkCareFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nk_care_form_dispose;
  object_class->finalize = nk_care_form_finalize;

  signals[SIGNAL_SAVE] = g_signal_new ("save", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_CANCELLED] = g_signal_new ("cancelled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                            0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "care-form.save", NULL, action_save);
  gtk_widget_class_install_action (widget_class, "care-form.cancel", NULL, action_cancel);
  nk_care_form_steps_class_init (widget_class);

  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "nk-care-form.ui");
  gtk_widget_class_bind_template_child (widget_class, NkCareForm, title_label);
  gtk_widget_class_bind_template_child (widget_class, NkCareForm, rows_box);
  gtk_widget_class_bind_template_child (widget_class, NkCareForm, error_label);
  gtk_widget_class_bind_template_child (widget_class, NkCareForm, scroller);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "nkcareform");
}

static void
nk_care_form_init (NkCareForm *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) g_ptr_array_unref);
  self->required = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->child_ids = g_ptr_array_new_with_free_func (g_free);
  self->exceptions = g_array_new (FALSE, TRUE, sizeof (NkCareException));
}
