/* nk-checkup-form.c — one child's check-up result (nk-checkup-form.h).
 * The spin buttons start at the child's last result (or a middle value),
 * so a health worker adjusts rather than types; the head circumference
 * row is there only for a child under 2 years on the chosen day. */
#define G_LOG_DOMAIN "nk-views"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "core/nk-check.h"
#include "core/nk-checkup.h"
#include "nk-checkup-form.h"

struct _NkCheckupForm
{
  GtkWidget        parent_instance;

  GtkLabel        *title_label;
  GtkLabel        *error_label;
  GtkLabel        *date_label;
  GtkSpinButton   *height_spin;
  GtkSpinButton   *weight_spin;
  GtkLabel        *head_label;
  GtkBox          *head_box;
  GtkSpinButton   *head_spin;
  GtkToggleButton *head_none;
  GtkSpinButton   *hb_spin;
  GtkToggleButton *hb_none;
  GtkToggleButton *hearing_pass, *hearing_refer, *hearing_none;
  GtkToggleButton *eyes_pass, *eyes_refer, *eyes_none;
  GtkEntry        *notes_entry;

  NkDoor          *door;
  char            *staff_id;
  char            *child_id;
  char            *child_name;
  GDate            birth;
  GDate            today;
  GDate            day;
};

G_DEFINE_FINAL_TYPE (NkCheckupForm, nk_checkup_form, GTK_TYPE_WIDGET)

static void
show_error (NkCheckupForm *self, const char *text)
{
  gtk_label_set_label (self->error_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), text != NULL);
}

static char *
day_text (const GDate *d)
{
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (d), g_date_get_month (d), g_date_get_day (d));
}

static gboolean
head_measured_here (NkCheckupForm *self)
{
  return g_date_valid (&self->birth)
         && nk_checkup_age_months (&self->birth, &self->day) < NK_CHECKUP_HEAD_UNDER_MONTHS;
}

static void
update (NkCheckupForm *self)
{
  g_autofree char *day = day_text (&self->day);
  gboolean head = head_measured_here (self);

  gtk_label_set_label (self->date_label, day);
  gtk_widget_set_visible (GTK_WIDGET (self->head_label), head);
  gtk_widget_set_visible (GTK_WIDGET (self->head_box), head);
  gtk_widget_set_sensitive (GTK_WIDGET (self->head_spin), !gtk_toggle_button_get_active (self->head_none));
  gtk_widget_set_sensitive (GTK_WIDGET (self->hb_spin), !gtk_toggle_button_get_active (self->hb_none));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "checkup-form.day", self->child_id != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "checkup-form.save", self->child_id != NULL);
}

static void
on_changed (NkCheckupForm *self)
{
  show_error (self, NULL);
  update (self);
}

static NkCheckupScreen
screen_of (GtkToggleButton *pass, GtkToggleButton *refer)
{
  return gtk_toggle_button_get_active (pass) ? NK_SCREEN_PASS
         : gtk_toggle_button_get_active (refer) ? NK_SCREEN_REFER : NK_SCREEN_NOT_DONE;
}

static int
spin_units (GtkSpinButton *spin, double per_unit)
{
  return (int) lround (gtk_spin_button_get_value (spin) * per_unit);
}

static void
action_save (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  NkCheckupForm *self = NK_CHECKUP_FORM (widget);
  g_autoptr (GError) error = NULL;
  g_autofree char *day = day_text (&self->day);
  g_autofree char *notes = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->notes_entry))));
  g_autofree char *id = NULL;
  NkCheckupResult r = { 0 };

  if (self->door == NULL || self->child_id == NULL)
    return;
  r.child_id = self->child_id;
  r.date = day;
  r.height_mm = spin_units (self->height_spin, 10);
  r.weight_g = spin_units (self->weight_spin, 1000);
  r.head_mm = head_measured_here (self) && !gtk_toggle_button_get_active (self->head_none)
              ? spin_units (self->head_spin, 10) : 0;
  r.haemoglobin = gtk_toggle_button_get_active (self->hb_none) ? 0 : spin_units (self->hb_spin, 1);
  r.hearing = screen_of (self->hearing_pass, self->hearing_refer);
  r.eyes = screen_of (self->eyes_pass, self->eyes_refer);
  r.notes = *notes != '\0' ? notes : NULL;
  id = nk_checkup_record (nk_door_get_store (self->door), nk_door_get_centre (self->door), self->staff_id,
                          &r, NULL, &error);
  if (id == NULL)
    {
      g_message ("Check-up result of child %s not saved: %s", self->child_id, error->message);
      show_error (self, error->message);
      return;
    }
  g_message ("confirmed checkup-result event=%s person=%s", id, self->child_id);
  gtk_widget_activate_action (widget, "checkups.saved", "s", self->child_id);
}

static void
action_day (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  NkCheckupForm *self = NK_CHECKUP_FORM (widget);
  int step = g_variant_get_int32 (parameter);
  GDate next = self->day;

  if (step > 0)
    g_date_add_days (&next, 1);
  else
    g_date_subtract_days (&next, 1);
  /* not after today, not before birth: the core says so too */
  if (g_date_compare (&next, &self->today) > 0
      || (g_date_valid (&self->birth) && g_date_compare (&next, &self->birth) < 0))
    return;
  self->day = next;
  update (self);
}

/* Starts at the last result, or at middle values. */
static void
fill_in (NkCheckupForm *self, NkStore *store)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) results = nk_checkup_results (store, self->child_id, &error);
  NkCheckupEntry *last = results != NULL && results->len > 0 ? results->pdata[results->len - 1] : NULL;

  if (results == NULL)
    g_message ("Earlier check-ups of child %s not read: %s", self->child_id, error->message);
  gtk_spin_button_set_value (self->height_spin, last ? last->height_mm / 10.0 : 80.0);
  gtk_spin_button_set_value (self->weight_spin, last ? last->weight_g / 1000.0 : 10.0);
  gtk_spin_button_set_value (self->head_spin, last && last->head_mm ? last->head_mm / 10.0 : 45.0);
  gtk_spin_button_set_value (self->hb_spin, last && last->haemoglobin ? last->haemoglobin : 120);
  gtk_toggle_button_set_active (self->head_none, FALSE);
  gtk_toggle_button_set_active (self->hb_none, FALSE);
  gtk_toggle_button_set_active (self->hearing_none, TRUE);
  gtk_toggle_button_set_active (self->eyes_none, TRUE);
  gtk_editable_set_text (GTK_EDITABLE (self->notes_entry), "");
}

void
nk_checkup_form_open (NkCheckupForm *self,
                      NkDoor        *door,
                      const char    *staff_id,
                      const char    *child_id)
{
  NkStore *store = nk_door_get_store (door);
  g_autofree char *today = nk_centre_today (nk_door_get_centre (door));
  g_autofree char *dob = NULL;
  g_autofree char *title = NULL;
  g_autoptr (GError) error = NULL;

  g_return_if_fail (NK_IS_CHECKUP_FORM (self));

  nk_checkup_form_close (self);
  g_set_object (&self->door, door);
  self->staff_id = g_strdup (staff_id);
  if (!nk_checkup_read_child (store, child_id, &self->child_name, &dob, &error))
    {
      g_autofree char *text = g_strdup_printf (_("The child cannot be read: %s"), error->message);

      g_message ("Check-up form of child %s not opened: %s", child_id, error->message);
      show_error (self, text);
      update (self);
      return;
    }
  self->child_id = g_strdup (child_id);
  if (!nk_check_date (dob, &self->birth))
    g_date_clear (&self->birth, 1);
  if (!nk_check_date (today, &self->today))
    g_date_set_time_t (&self->today, time (NULL));
  self->day = self->today;
  /* TRANSLATORS: the check-up form's title: the child's name */
  title = g_strdup_printf (_("Check-up of %s"), self->child_name);
  gtk_label_set_label (self->title_label, title);
  show_error (self, NULL);
  fill_in (self, store);
  update (self);
}

void
nk_checkup_form_close (NkCheckupForm *self)
{
  g_clear_object (&self->door);
  g_clear_pointer (&self->staff_id, g_free);
  g_clear_pointer (&self->child_id, g_free);
  g_clear_pointer (&self->child_name, g_free);
  gtk_label_set_label (self->title_label, "");
  update (self);
}

const char *
nk_checkup_form_get_child_id (NkCheckupForm *self)
{
  return self->child_id;
}

const char *
nk_checkup_form_get_error (NkCheckupForm *self)
{
  return gtk_widget_get_visible (GTK_WIDGET (self->error_label)) ? gtk_label_get_label (self->error_label) : NULL;
}

const char *
nk_checkup_form_get_date (NkCheckupForm *self)
{
  return gtk_label_get_label (self->date_label);
}

gboolean
nk_checkup_form_get_head_shown (NkCheckupForm *self)
{
  return gtk_widget_get_visible (GTK_WIDGET (self->head_box));
}

static void
nk_checkup_form_dispose (GObject *object)
{
  NkCheckupForm *self = NK_CHECKUP_FORM (object);

  g_clear_object (&self->door);
  gtk_widget_dispose_template (GTK_WIDGET (object), NK_TYPE_CHECKUP_FORM);
  /* GTK 4.8 leaves a template's unnamed top child in place */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL;)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (nk_checkup_form_parent_class)->dispose (object);
}

static void
nk_checkup_form_finalize (GObject *object)
{
  NkCheckupForm *self = NK_CHECKUP_FORM (object);

  g_free (self->staff_id);
  g_free (self->child_id);
  g_free (self->child_name);
  G_OBJECT_CLASS (nk_checkup_form_parent_class)->finalize (object);
}

static void
nk_checkup_form_class_init (NkCheckupFormClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = nk_checkup_form_dispose;
  G_OBJECT_CLASS (klass)->finalize = nk_checkup_form_finalize;
  gtk_widget_class_set_template_from_resource (widget_class, "/org/nurserykiosk/Kiosk/nk-checkup-form.ui");
#define BIND(x) gtk_widget_class_bind_template_child (widget_class, NkCheckupForm, x)
  BIND (title_label);
  BIND (error_label);
  BIND (date_label);
  BIND (height_spin);
  BIND (weight_spin);
  BIND (head_label);
  BIND (head_box);
  BIND (head_spin);
  BIND (head_none);
  BIND (hb_spin);
  BIND (hb_none);
  BIND (hearing_pass);
  BIND (hearing_refer);
  BIND (hearing_none);
  BIND (eyes_pass);
  BIND (eyes_refer);
  BIND (eyes_none);
  BIND (notes_entry);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, on_changed);
  gtk_widget_class_install_action (widget_class, "checkup-form.save", NULL, action_save);
  gtk_widget_class_install_action (widget_class, "checkup-form.day", "i", action_day);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "nkcheckupform");
}

static void
nk_checkup_form_init (NkCheckupForm *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_date_clear (&self->birth, 1);
  g_date_set_dmy (&self->today, 1, 1, 2026);
  self->day = self->today;
}
