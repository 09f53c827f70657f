/* nk-care-form-steps.c — the steppers of the care form: an amount (ml,
 * tenths of a degree) moved by small and big steps within its range, and
 * the time of the entry, now or some minutes back, never later than now
 * nor before today. */
#define G_LOG_DOMAIN "nk-views"

#include "config.h"

#include <glib/gi18n.h>

#include "nk-care-form-private.h"

static GtkWidget *
step_button (const char *label,
             const char *action,
             int         delta)
{
  GtkWidget *button = gtk_button_new_with_label (label);

  gtk_widget_add_css_class (button, "nk-choice");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_int32 (delta));
  return button;
}

static void
show_amount (NkCareForm *self)
{
  g_autofree char *text = self->what == NK_CARE_TEMPERATURE
    /* TRANSLATORS: a temperature in degrees Celsius, e.g. "36.5 °C" */
    ? g_strdup_printf (_("%d.%d °C"), (int) self->amount / 10, (int) self->amount % 10)
    /* TRANSLATORS: millilitres */
    : g_strdup_printf (_("%d ml"), (int) self->amount);

  gtk_label_set_label (self->amount_label, text);
}

/* A value with four buttons: big and small steps down and up. */
void
nk_care_form_add_amount_row (NkCareForm *self,
                const char *title,
                gint64      value,
                gint64      min,
                gint64      max,
                int         small,
                int         big,
                const char *small_label,
                const char *big_label)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  g_autofree char *down_big = g_strdup_printf ("−%s", big_label);
  g_autofree char *down = g_strdup_printf ("−%s", small_label);
  g_autofree char *up = g_strdup_printf ("+%s", small_label);
  g_autofree char *up_big = g_strdup_printf ("+%s", big_label);

  self->amount = CLAMP (value, min, max);
  self->amount_min = min;
  self->amount_max = max;
  self->amount_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->amount_label), "nk-care-amount");
  gtk_widget_set_hexpand (GTK_WIDGET (self->amount_label), TRUE);
  gtk_box_append (GTK_BOX (box), step_button (down_big, "care-form.amount", -big));
  gtk_box_append (GTK_BOX (box), step_button (down, "care-form.amount", -small));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->amount_label));
  gtk_box_append (GTK_BOX (box), step_button (up, "care-form.amount", small));
  gtk_box_append (GTK_BOX (box), step_button (up_big, "care-form.amount", big));
  gtk_box_append (self->rows_box, nk_care_form_row_title (title));
  gtk_box_append (self->rows_box, box);
  show_amount (self);
}

static void
action_amount (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  NkCareForm *self = NK_CARE_FORM (widget);

  self->amount = CLAMP (self->amount + g_variant_get_int32 (parameter), self->amount_min, self->amount_max);
  show_amount (self);
}

static void
show_time (NkCareForm *self)
{
  gint64 at = nk_centre_now (self->centre) - (gint64) self->minutes_back * 60 * G_USEC_PER_SEC;
  g_autofree char *time = nk_centre_format_time (self->centre, at);
  g_autofree char *text = self->minutes_back == 0
    /* TRANSLATORS: the time of a care entry: now */
    ? g_strdup_printf (_("Now (%s)"), time)
    /* TRANSLATORS: the time of a care entry, HH:MM, and how long ago */
    : g_strdup_printf (_("%s (%d min ago)"), time, self->minutes_back);

  gtk_label_set_label (self->time_label, text);
  /* never later than now */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "care-form.later", self->minutes_back > 0);
}

void
nk_care_form_add_time_row (NkCareForm *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *later = gtk_button_new_with_label (_("+5 min"));
  GtkWidget *now = gtk_button_new_with_label (_("Now"));

  self->time_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->time_label), "nk-care-amount");
  gtk_widget_set_hexpand (GTK_WIDGET (self->time_label), TRUE);
  gtk_widget_add_css_class (later, "nk-choice");
  gtk_widget_add_css_class (now, "nk-choice");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (later), "care-form.later");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (now), "care-form.now");
  gtk_box_append (GTK_BOX (box), step_button (_("−15 min"), "care-form.earlier", 15));
  gtk_box_append (GTK_BOX (box), step_button (_("−5 min"), "care-form.earlier", 5));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->time_label));
  gtk_box_append (GTK_BOX (box), later);
  gtk_box_append (GTK_BOX (box), now);
  gtk_box_append (self->rows_box, nk_care_form_row_title (_("When")));
  gtk_box_append (self->rows_box, box);
  show_time (self);
}

static void
action_earlier (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  NkCareForm *self = NK_CARE_FORM (widget);
  g_autofree char *today = nk_centre_today (self->centre);
  int minutes = self->minutes_back + g_variant_get_int32 (parameter);
  gint64 at = nk_centre_now (self->centre) - (gint64) minutes * 60 * G_USEC_PER_SEC;
  g_autofree char *day = nk_centre_local_date (self->centre, at);

  /* only today: the step that would cross midnight is not taken */
  if (g_strcmp0 (day, today) == 0)
    self->minutes_back = minutes;
  show_time (self);
}

static void
action_later (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  NkCareForm *self = NK_CARE_FORM (widget);

  self->minutes_back = MAX (0, self->minutes_back - 5);
  show_time (self);
}

static void
action_now (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  NkCareForm *self = NK_CARE_FORM (widget);

  self->minutes_back = 0;
  show_time (self);
}

void
nk_care_form_steps_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "care-form.amount", "i", action_amount);
  gtk_widget_class_install_action (widget_class, "care-form.earlier", "i", action_earlier);
  gtk_widget_class_install_action (widget_class, "care-form.later", NULL, action_later);
  gtk_widget_class_install_action (widget_class, "care-form.now", NULL, action_now);
}
