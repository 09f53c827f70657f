/* nk-menu-editor.h — the director's menu in staff mode: the week
 * (Monday to Sunday, the previous and next weeks), a day's meal slots
 * and their dishes, and a dish's form (name, ingredients, the allergen
 * groups of GB 7718 and "other" with a text, the amount per child by age
 * band).  Each change saves the day at once (nk_menu_day_save); a
 * refusal is shown on the page and written to the journal, and the form
 * keeps what was typed. */
#pragma once

#include <gtk/gtk.h>

#include "core/nk-door.h"

G_BEGIN_DECLS

#define NK_TYPE_MENU_EDITOR (nk_menu_editor_get_type ())
G_DECLARE_FINAL_TYPE (NkMenuEditor, nk_menu_editor, NK, MENU_EDITOR, GtkWidget)

GtkWidget  *nk_menu_editor_new   (void);
/* Shows the centre's current week for staff_id (the director). */
void        nk_menu_editor_open  (NkMenuEditor *self, NkDoor *door, const char *staff_id);
/* Forgets the door, the staff member and the day open. */
void        nk_menu_editor_close (NkMenuEditor *self);

/* For tests: "week", "day" or "dish"; the Monday shown (YYYY-MM-DD);
 * the message shown, or NULL. */
const char *nk_menu_editor_get_page   (NkMenuEditor *self);
const char *nk_menu_editor_get_monday (NkMenuEditor *self);
const char *nk_menu_editor_get_error  (NkMenuEditor *self);

G_END_DECLS
