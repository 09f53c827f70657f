/* nk-staff-page-classroom.c — the director's "Mommy Classroom" tool in
 * staff mode: the sessions with how many families signed up
 * (nk-classroom-list.h). */
#define G_LOG_DOMAIN "nk-views"

#include "config.h"

#include <glib/gi18n.h>

#include "nk-classroom-list.h"
#include "nk-staff-page-classroom.h"
#include "nk-staff-page-private.h"

#define CLASSROOM_PAGE "classroom"

static void
action_open (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  NkStaffPage *self = NK_STAFF_PAGE (widget);
  GtkWidget *page = gtk_stack_get_child_by_name (self->inner_stack, CLASSROOM_PAGE);

  if (self->door == NULL || self->staff_id == NULL)
    return;
  nk_classroom_list_load (NK_CLASSROOM_LIST (page), self->door);
  gtk_stack_set_visible_child_name (self->inner_stack, CLASSROOM_PAGE);
  nk_staff_page_restart_lock (self);
}

void
nk_staff_page_classroom_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "classroom.open", NULL, action_open);
  g_type_ensure (NK_TYPE_CLASSROOM_LIST);
}

void
nk_staff_page_classroom_init (NkStaffPage *self)
{
  GtkWidget *page = g_object_new (NK_TYPE_CLASSROOM_LIST, NULL);
  GtkStackPage *stack_page = gtk_stack_add_named (self->inner_stack, page, CLASSROOM_PAGE);

  /* TRANSLATORS: what a screen reader calls staff mode's classroom page */
  gtk_stack_page_set_title (stack_page, _("Mommy Classroom"));
  nk_staff_page_add_tool (self, _("Mommy Classroom"),
                          _("Coming and past sessions, with how many families signed up"),
                          "classroom.open", NULL, NK_STAFF_ROLE_MASK_DIRECTOR);
}
