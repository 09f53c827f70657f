/* nk-staff-page-absence.c — illness-absence follow-up in staff mode: the
 * tool "Absent today" (缺勤; caregivers for their own room, the health
 * staff and the director for every room) opens the list
 * ("absence.open"); a child opens the reason form ("absence.child"),
 * which comes back to the list once saved ("absence.saved").  A page no
 * longer shown lets go of its children. */
#define G_LOG_DOMAIN "nk-views"

#include "config.h"

#include <glib/gi18n.h>

#include "nk-absence-form.h"
#include "nk-absence-list.h"
#include "nk-staff-page-absence.h"
#include "nk-staff-page-private.h"

#define LIST_PAGE "absence"
#define FORM_PAGE "absence-form"

static GtkWidget *
page (NkStaffPage *self, const char *name)
{
  return gtk_stack_get_child_by_name (self->inner_stack, name);
}

static void
show_list (NkStaffPage *self)
{
  /* a caregiver sees their own room; health staff and the director every room */
  nk_absence_list_show (NK_ABSENCE_LIST (page (self, LIST_PAGE)), self->door,
                        self->role == NK_STAFF_CAREGIVER ? self->staff_room_id : NULL);
  gtk_stack_set_visible_child_name (self->inner_stack, LIST_PAGE);
  nk_staff_page_restart_lock (self);
}

static void
action_open (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  NkStaffPage *self = NK_STAFF_PAGE (widget);

  if (self->door != NULL && self->staff_id != NULL)
    show_list (self);
}

static void
action_child (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  NkStaffPage *self = NK_STAFF_PAGE (widget);
  const char *child_id = g_variant_get_string (parameter, NULL);
  const NkAbsenceItem *item;

  if (self->door == NULL || self->staff_id == NULL)
    return;
  item = nk_absence_list_find (NK_ABSENCE_LIST (page (self, LIST_PAGE)), child_id);
  if (item == NULL)
    {
      /* arrived, or the list moved on, between the list and the touch */
      g_message ("Absence form not opened: %s is no longer on the list", child_id);
      gtk_label_set_label (self->status_label, _("This child is no longer listed as absent"));
      return;
    }
  nk_absence_form_open (NK_ABSENCE_FORM (page (self, FORM_PAGE)), self->door, self->staff_id, item);
  gtk_stack_set_visible_child_name (self->inner_stack, FORM_PAGE);
  nk_staff_page_restart_lock (self);
}

static void
action_saved (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  NkStaffPage *self = NK_STAFF_PAGE (widget);

  /* TRANSLATORS: staff mode's status line once the reason of an absence is saved */
  gtk_label_set_label (self->status_label, _("Absence reason saved"));
  if (self->door != NULL)
    show_list (self);
}

static void
on_visible_page (NkStaffPage *self)
{
  GtkWidget *visible = gtk_stack_get_visible_child (self->inner_stack);
  GtkWidget *list = page (self, LIST_PAGE);
  GtkWidget *form = page (self, FORM_PAGE);

  if (visible != form)
    nk_absence_form_close (NK_ABSENCE_FORM (form));
  if (visible != list && visible != form)
    nk_absence_list_clear (NK_ABSENCE_LIST (list));
}

void
nk_staff_page_absence_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "absence.open", NULL, action_open);
  gtk_widget_class_install_action (widget_class, "absence.child", "s", action_child);
  gtk_widget_class_install_action (widget_class, "absence.saved", "s", action_saved);
  g_type_ensure (NK_TYPE_ABSENCE_LIST);
  g_type_ensure (NK_TYPE_ABSENCE_FORM);
}

void
nk_staff_page_absence_init (NkStaffPage *self)
{
  GtkStackPage *p;

  p = gtk_stack_add_named (self->inner_stack, g_object_new (NK_TYPE_ABSENCE_LIST, NULL), LIST_PAGE);
  /* TRANSLATORS: what a screen reader calls the page of absent children (今日缺勤) */
  gtk_stack_page_set_title (p, _("Absent today"));
  p = gtk_stack_add_named (self->inner_stack, g_object_new (NK_TYPE_ABSENCE_FORM, NULL), FORM_PAGE);
  gtk_stack_page_set_title (p, _("Reason of the absence"));
  /* TRANSLATORS: the staff tool's button, 缺勤 */
  nk_staff_page_add_tool (self, _("Absent"),
                          _("Absent today: the children not here yet, and the reason their family gave"),
                          "absence.open", NULL,
                          NK_STAFF_ROLE_MASK_HEALTH | NK_STAFF_ROLE_MASK_DIRECTOR | NK_STAFF_ROLE_MASK_CAREGIVER);
  g_signal_connect_object (self->inner_stack, "notify::visible-child", G_CALLBACK (on_visible_page), self,
                           G_CONNECT_SWAPPED);
}
