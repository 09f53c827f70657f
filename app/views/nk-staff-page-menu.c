/* nk-staff-page-menu.c — the menu editor hooked into staff mode
 * (nk-staff-page-menu.h).  Only a director opens it; leaving the page
 * (back, or staff mode closing) forgets the day open. */
#define G_LOG_DOMAIN "nk-views"

#include "config.h"

#include <glib/gi18n.h>

#include "nk-menu-editor.h"
#include "nk-staff-page-menu.h"
#include "nk-staff-page-private.h"

static void
action_open (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  NkStaffPage *self = NK_STAFF_PAGE (widget);
  GtkWidget *editor = gtk_stack_get_child_by_name (self->inner_stack, "menu");

  if (self->door == NULL || self->staff_id == NULL || editor == NULL)
    return;
  if (self->role != NK_STAFF_DIRECTOR)
    {
      g_message ("The menu editor is for the director: not opened for staff %s", self->staff_id);
      return;
    }
  nk_menu_editor_open (NK_MENU_EDITOR (editor), self->door, self->staff_id);
  gtk_stack_set_visible_child_name (self->inner_stack, "menu");
}

static void
on_visible_page (NkStaffPage *self)
{
  GtkWidget *editor = gtk_stack_get_child_by_name (self->inner_stack, "menu");

  if (editor != NULL && gtk_stack_get_visible_child (self->inner_stack) != editor)
    nk_menu_editor_close (NK_MENU_EDITOR (editor));
}

void
nk_staff_page_menu_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "menus.open", NULL, action_open);
}

void
nk_staff_page_menu_init (NkStaffPage *self)
{
  GtkStackPage *page;

  page = gtk_stack_add_named (self->inner_stack, nk_menu_editor_new (), "menu");
  gtk_stack_page_set_title (page, _("Menu"));
  /* TRANSLATORS: the staff overview's button for the director's menu editor */
  nk_staff_page_add_tool (self, _("Menu"), _("The week's menu: dishes, allergens and amounts per child"),
                          "menus.open", NULL, NK_STAFF_ROLE_MASK_DIRECTOR);
  g_signal_connect_object (self->inner_stack, "notify::visible-child", G_CALLBACK (on_visible_page), self,
                           G_CONNECT_SWAPPED);
}
