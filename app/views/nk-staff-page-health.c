/* nk-staff-page-health.c — the health check and medicine forms hooked
 * into staff mode (nk-staff-page-health.h).  The forms are pages of the
 * inner stack; leaving one (back, or staff mode closing) forgets its
 * child and ends a claim on the door. */
#define G_LOG_DOMAIN "nk-views"

#include "config.h"

#include <glib/gi18n.h>

#include "nk-health-check-form.h"
#include "nk-medicine-form.h"
#include "nk-observation-form.h"
#include "nk-staff-page-health.h"
#include "nk-staff-page-private.h"

static void
open_page (NkStaffPage *self,
           const char  *name,
           const char  *child_id)
{
  GtkWidget *form = gtk_stack_get_child_by_name (self->inner_stack, name);

  if (self->door == NULL || self->staff_id == NULL || form == NULL)
    return;
  if (NK_IS_HEALTH_CHECK_FORM (form))
    nk_health_check_form_open (NK_HEALTH_CHECK_FORM (form), self->door, self->staff_id, child_id);
  else if (NK_IS_OBSERVATION_FORM (form))
    nk_observation_form_open (NK_OBSERVATION_FORM (form), self->door, self->staff_id, child_id);
  else
    nk_medicine_form_open (NK_MEDICINE_FORM (form), self->door, self->staff_id, child_id);
  gtk_stack_set_visible_child_name (self->inner_stack, name);
}

static void
action_health_check (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  open_page (NK_STAFF_PAGE (widget), "health-check", g_variant_get_string (parameter, NULL));
}

static void
action_observation (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  open_page (NK_STAFF_PAGE (widget), "observation", g_variant_get_string (parameter, NULL));
}

static void
action_medicine (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  open_page (NK_STAFF_PAGE (widget), "medicine", g_variant_get_string (parameter, NULL));
}

/* The child's page (what touching a child opens: check in or out by
 * hand) also offers the health check and the medicine of that child. */
static void
add_child_buttons (NkStaffPage *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *health = gtk_button_new_with_label (_("Health check"));
  GtkWidget *medicine = gtk_button_new_with_label (_("Medicine"));
  GtkWidget *observation = gtk_button_new_with_label (_("Health observation"));

  gtk_box_set_homogeneous (GTK_BOX (box), TRUE);
  gtk_widget_add_css_class (health, "nk-big-button");
  gtk_widget_add_css_class (medicine, "nk-big-button");
  gtk_widget_add_css_class (observation, "nk-big-button");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (observation), "care.manual-observation");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (health), "care.manual-health-check");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (medicine), "care.manual-medicine");
  gtk_box_append (GTK_BOX (box), health);
  gtk_box_append (GTK_BOX (box), observation);
  gtk_box_append (GTK_BOX (box), medicine);
  gtk_box_insert_child_after (GTK_BOX (gtk_widget_get_parent (GTK_WIDGET (self->manual_state))), box,
                              GTK_WIDGET (self->manual_state));
}

/* The child's page's buttons: the child shown there when touched. */
static void
action_manual_health_check (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  NkStaffPage *self = NK_STAFF_PAGE (widget);

  if (self->manual_child_id != NULL)
    open_page (self, "health-check", self->manual_child_id);
  else
    g_message ("No child on the child's page: %s not opened", action_name);
}

static void
action_manual_medicine (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  NkStaffPage *self = NK_STAFF_PAGE (widget);

  if (self->manual_child_id != NULL)
    open_page (self, "medicine", self->manual_child_id);
  else
    g_message ("No child on the child's page: %s not opened", action_name);
}

static void
action_manual_observation (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  NkStaffPage *self = NK_STAFF_PAGE (widget);

  if (self->manual_child_id != NULL)
    open_page (self, "observation", self->manual_child_id);
  else
    g_message ("No child on the child's page: %s not opened", action_name);
}

/* A form no longer shown lets go of its child (and the door's claim). */
static void
on_visible_page (NkStaffPage *self)
{
  GtkWidget *visible = gtk_stack_get_visible_child (self->inner_stack);
  GtkWidget *health = gtk_stack_get_child_by_name (self->inner_stack, "health-check");
  GtkWidget *medicine = gtk_stack_get_child_by_name (self->inner_stack, "medicine");
  GtkWidget *observation = gtk_stack_get_child_by_name (self->inner_stack, "observation");

  if (health != NULL && visible != health)
    nk_health_check_form_close (NK_HEALTH_CHECK_FORM (health));
  if (medicine != NULL && visible != medicine)
    nk_medicine_form_close (NK_MEDICINE_FORM (medicine));
  if (observation != NULL && visible != observation)
    nk_observation_form_close (NK_OBSERVATION_FORM (observation));
}

void
nk_staff_page_health_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "care.health-check", "s", action_health_check);
  gtk_widget_class_install_action (widget_class, "care.medicine", "s", action_medicine);
  gtk_widget_class_install_action (widget_class, "care.manual-health-check", NULL, action_manual_health_check);
  gtk_widget_class_install_action (widget_class, "care.manual-medicine", NULL, action_manual_medicine);
  gtk_widget_class_install_action (widget_class, "care.observation", "s", action_observation);
  gtk_widget_class_install_action (widget_class, "care.manual-observation", NULL, action_manual_observation);
}

void
nk_staff_page_health_init (NkStaffPage *self)
{
  GtkStackPage *page;

  page = gtk_stack_add_named (self->inner_stack, nk_health_check_form_new (), "health-check");
  gtk_stack_page_set_title (page, _("Health check"));
  page = gtk_stack_add_named (self->inner_stack, nk_medicine_form_new (), "medicine");
  gtk_stack_page_set_title (page, _("Medicine"));
  page = gtk_stack_add_named (self->inner_stack, nk_observation_form_new (), "observation");
  gtk_stack_page_set_title (page, _("Health observation"));
  add_child_buttons (self);
  g_signal_connect_object (self->inner_stack, "notify::visible-child", G_CALLBACK (on_visible_page),
                           self, G_CONNECT_SWAPPED);
}
