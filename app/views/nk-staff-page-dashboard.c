/* nk-staff-page-dashboard.c — the director's "Today" in staff mode
 * (nk-staff-page-dashboard.h).  The page reads while shown and lets go of
 * its figures as soon as another page is shown (no child data behind). */
#define G_LOG_DOMAIN "nk-views"

#include "config.h"

#include <glib/gi18n.h>

#include "nk-dashboard-page.h"
#include "nk-staff-page-dashboard.h"
#include "nk-staff-page-private.h"

#define PAGE "dashboard"

static NkDashboardPage *
page (NkStaffPage *self)
{
  return NK_DASHBOARD_PAGE (gtk_stack_get_child_by_name (self->inner_stack, PAGE));
}

static void
action_open (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  NkStaffPage *self = NK_STAFF_PAGE (widget);

  if (self->door == NULL || self->staff_id == NULL)
    return;
  gtk_stack_set_visible_child_name (self->inner_stack, PAGE);
  nk_staff_page_restart_lock (self);
}

static void
action_overview (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  NkStaffPage *self = NK_STAFF_PAGE (widget);

  gtk_stack_set_visible_child_name (self->inner_stack, "overview");
  nk_staff_page_restart_lock (self);
}

static void
on_visible_page (NkStaffPage *self)
{
  gboolean shown = gtk_stack_get_visible_child (self->inner_stack) == GTK_WIDGET (page (self));

  if (shown && self->door != NULL && self->staff_id != NULL)
    nk_dashboard_page_show (page (self), self->door, nk_sync_panel_get_sync (self->sync_panel));
  else
    nk_dashboard_page_clear (page (self));
}

void
nk_staff_page_dashboard_land (NkStaffPage *self, NkStaffRole role)
{
  /* an open roll call (nk-staff-page-roll-call.c) comes first */
  if (role == NK_STAFF_DIRECTOR
      && g_strcmp0 (gtk_stack_get_visible_child_name (self->inner_stack), "overview") == 0)
    gtk_stack_set_visible_child_name (self->inner_stack, PAGE);
}

void
nk_staff_page_dashboard_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "dashboard.open", NULL, action_open);
  gtk_widget_class_install_action (widget_class, "dashboard.overview", NULL, action_overview);
  g_type_ensure (NK_TYPE_DASHBOARD_PAGE);
}

void
nk_staff_page_dashboard_init (NkStaffPage *self)
{
  GtkStackPage *p;

  p = gtk_stack_add_named (self->inner_stack, g_object_new (NK_TYPE_DASHBOARD_PAGE, NULL), PAGE);
  /* TRANSLATORS: what a screen reader calls the director's page of today's figures (今日概览) */
  gtk_stack_page_set_title (p, _("Today at a glance"));
  /* TRANSLATORS: the staff tool's button back to the director's dashboard, 今日 */
  nk_staff_page_add_tool (self, C_("staff tool", "Today"),
                          _("Today at a glance: rooms against places and ratio, who has not arrived, what is due"),
                          "dashboard.open", NULL, NK_STAFF_ROLE_MASK_DIRECTOR);
  g_signal_connect_object (self->inner_stack, "notify::visible-child", G_CALLBACK (on_visible_page), self,
                           G_CONNECT_SWAPPED);
}
