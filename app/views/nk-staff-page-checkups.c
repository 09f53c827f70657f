/* nk-staff-page-checkups.c — check-ups in staff mode: the tool
 * "Check-ups" (health staff, the director, and caregivers for their own
 * room) opens the lists ("checkups.open"); a child opens their health
 * record ("checkups.child"); the health staff and the director record a
 * result there ("checkups.record"), which comes back to the record once
 * saved ("checkups.saved").  A page no longer shown lets go of its child. */
#define G_LOG_DOMAIN "nk-views"

#include "config.h"

#include <glib/gi18n.h>

#include "nk-checkup-form.h"
#include "nk-checkup-list.h"
#include "nk-checkup-record.h"
#include "nk-staff-page-checkups.h"
#include "nk-staff-page-private.h"


#define LIST_PAGE   "checkups"
#define RECORD_PAGE "checkup-record"
#define FORM_PAGE   "checkup-form"

static GtkWidget *
page (NkStaffPage *self, const char *name)
{
  return gtk_stack_get_child_by_name (self->inner_stack, name);
}

static gboolean
can_record (NkStaffPage *self)
{
  return self->role == NK_STAFF_HEALTH || self->role == NK_STAFF_DIRECTOR;
}

static void
action_open (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  NkStaffPage *self = NK_STAFF_PAGE (widget);

  if (self->door == NULL || self->staff_id == NULL)
    return;
  /* a caregiver sees their own room; health staff and the director every room */
  nk_checkup_list_show (NK_CHECKUP_LIST (page (self, LIST_PAGE)), self->door,
                        self->role == NK_STAFF_CAREGIVER ? self->staff_room_id : NULL);
  gtk_stack_set_visible_child_name (self->inner_stack, LIST_PAGE);
  nk_staff_page_restart_lock (self);
}

static void
show_record (NkStaffPage *self, const char *child_id)
{
  nk_checkup_record_show (NK_CHECKUP_RECORD (page (self, RECORD_PAGE)), self->door, child_id,
                          can_record (self));
  gtk_stack_set_visible_child_name (self->inner_stack, RECORD_PAGE);
  nk_staff_page_restart_lock (self);
}

static void
action_child (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  NkStaffPage *self = NK_STAFF_PAGE (widget);

  if (self->door != NULL && self->staff_id != NULL)
    show_record (self, g_variant_get_string (parameter, NULL));
}

static void
action_record (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  NkStaffPage *self = NK_STAFF_PAGE (widget);

  if (self->door == NULL || self->staff_id == NULL)
    return;
  if (!can_record (self))
    {
      g_message ("Check-up form not opened: %s is not health staff nor the director", self->staff_id);
      gtk_label_set_label (self->status_label,
                           _("Only the health staff and the director record check-up results"));
      return;
    }
  nk_checkup_form_open (NK_CHECKUP_FORM (page (self, FORM_PAGE)), self->door, self->staff_id,
                        g_variant_get_string (parameter, NULL));
  gtk_stack_set_visible_child_name (self->inner_stack, FORM_PAGE);
  nk_staff_page_restart_lock (self);
}

static void
action_saved (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  NkStaffPage *self = NK_STAFF_PAGE (widget);
  const char *child_id = g_variant_get_string (parameter, NULL);

  /* TRANSLATORS: staff mode's status line once a check-up result is saved */
  gtk_label_set_label (self->status_label, _("Check-up result saved"));
  if (self->door != NULL)
    show_record (self, child_id);
}

static void
on_visible_page (NkStaffPage *self)
{
  GtkWidget *visible = gtk_stack_get_visible_child (self->inner_stack);
  GtkWidget *list = page (self, LIST_PAGE);
  GtkWidget *record = page (self, RECORD_PAGE);
  GtkWidget *form = page (self, FORM_PAGE);

  if (visible != form)
    nk_checkup_form_close (NK_CHECKUP_FORM (form));
  if (visible != record && visible != form)
    nk_checkup_record_clear (NK_CHECKUP_RECORD (record));
  if (visible != list && visible != record && visible != form)
    nk_checkup_list_clear (NK_CHECKUP_LIST (list));
}

void
nk_staff_page_checkups_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "checkups.open", NULL, action_open);
  gtk_widget_class_install_action (widget_class, "checkups.child", "s", action_child);
  gtk_widget_class_install_action (widget_class, "checkups.record", "s", action_record);
  gtk_widget_class_install_action (widget_class, "checkups.saved", "s", action_saved);
  g_type_ensure (NK_TYPE_CHECKUP_LIST);
  g_type_ensure (NK_TYPE_CHECKUP_RECORD);
  g_type_ensure (NK_TYPE_CHECKUP_FORM);
}

void
nk_staff_page_checkups_init (NkStaffPage *self)
{
  GtkStackPage *p;

  p = gtk_stack_add_named (self->inner_stack, g_object_new (NK_TYPE_CHECKUP_LIST, NULL), LIST_PAGE);
  /* TRANSLATORS: what a screen reader calls the check-up lists' page */
  gtk_stack_page_set_title (p, _("Check-ups"));
  p = gtk_stack_add_named (self->inner_stack, g_object_new (NK_TYPE_CHECKUP_RECORD, NULL), RECORD_PAGE);
  gtk_stack_page_set_title (p, _("Health record"));
  p = gtk_stack_add_named (self->inner_stack, g_object_new (NK_TYPE_CHECKUP_FORM, NULL), FORM_PAGE);
  gtk_stack_page_set_title (p, _("Check-up result"));
  nk_staff_page_add_tool (self, _("Check-ups"),
                          _("Check-ups: due this month, overdue and done, and the health records"),
                          "checkups.open", NULL,
                          NK_STAFF_ROLE_MASK_HEALTH | NK_STAFF_ROLE_MASK_DIRECTOR | NK_STAFF_ROLE_MASK_CAREGIVER);
  g_signal_connect_object (self->inner_stack, "notify::visible-child", G_CALLBACK (on_visible_page), self,
                           G_CONNECT_SWAPPED);
}
