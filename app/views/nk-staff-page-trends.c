/* nk-staff-page-trends.c — the director's Trends in staff mode
 * (nk-staff-page-trends.h): the tool "Trends" (趋势) opens the page
 * ("trends.open"); a page no longer shown lets go of its figures. */
#define G_LOG_DOMAIN "nk-views"

#include "config.h"

#include <glib/gi18n.h>

#include "nk-staff-page-private.h"
#include "nk-staff-page-trends.h"
#include "nk-trends-page.h"

#define PAGE "trends"

static NkTrendsPage *
page (NkStaffPage *self)
{
  return NK_TRENDS_PAGE (gtk_stack_get_child_by_name (self->inner_stack, PAGE));
}

static void
action_open (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  NkStaffPage *self = NK_STAFF_PAGE (widget);

  if (self->door == NULL || self->staff_id == NULL)
    return;
  nk_trends_page_show (page (self), self->door);
  gtk_stack_set_visible_child_name (self->inner_stack, PAGE);
  nk_staff_page_restart_lock (self);
}

static void
on_visible_page (NkStaffPage *self)
{
  if (gtk_stack_get_visible_child (self->inner_stack) != GTK_WIDGET (page (self)))
    nk_trends_page_clear (page (self));
}

void
nk_staff_page_trends_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "trends.open", NULL, action_open);
  g_type_ensure (NK_TYPE_TRENDS_PAGE);
}

void
nk_staff_page_trends_init (NkStaffPage *self)
{
  GtkStackPage *p;

  p = gtk_stack_add_named (self->inner_stack, g_object_new (NK_TYPE_TRENDS_PAGE, NULL), PAGE);
  /* TRANSLATORS: what a screen reader calls the director's page of charts (趋势) */
  gtk_stack_page_set_title (p, _("Trends"));
  /* TRANSLATORS: the staff tool's button that opens the director's charts, 趋势 */
  nk_staff_page_add_tool (self, C_("staff tool", "Trends"),
                          _("Trends: arrivals today, attendance per room over 30 days, place utilisation over 12 "
                            "months against the target"),
                          "trends.open", NULL, NK_STAFF_ROLE_MASK_DIRECTOR);
  g_signal_connect_object (self->inner_stack, "notify::visible-child", G_CALLBACK (on_visible_page), self,
                           G_CONNECT_SWAPPED);
}
