/* nk-staff-page-menu.h — the director's menu editor in staff mode
 * (nk-menu-editor.h): the action "menus.open", its page "menu" in the
 * staff page's inner stack, and the overview's tool button "Menu"
 * (directors only). */
#pragma once

#include "nk-staff-page.h"

G_BEGIN_DECLS

void nk_staff_page_menu_class_init (GtkWidgetClass *widget_class);
void nk_staff_page_menu_init       (NkStaffPage *self);

G_END_DECLS
