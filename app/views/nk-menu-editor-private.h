/* nk-menu-editor-private.h — shared by nk-menu-editor.c (the week, the
 * day, saving) and nk-menu-editor-dish.c (the dish's form). */
#pragma once

#include "core/nk-menu.h"
#include "nk-menu-editor.h"

G_BEGIN_DECLS

struct _NkMenuEditor
{
  GtkWidget        parent_instance;

  GtkLabel        *title_label;
  GtkWidget       *previous_button;
  GtkWidget       *next_button;
  GtkWidget       *save_button;
  GtkLabel        *error_label;
  GtkLabel        *notice_label;
  GtkStack        *stack;
  GtkBox          *week_box;
  GtkBox          *day_box;
  GtkEntry        *name_entry;
  GtkEntry        *ingredients_entry;
  GtkEntry        *other_entry;
  GtkGrid         *allergen_grid;
  GtkGrid         *amount_grid;

  GtkToggleButton *allergen_buttons[NK_ALLERGEN_N];
  GtkEntry        *amount_entries[3];

  NkDoor          *door;
  char            *staff_id;
  char            *monday;      /* YYYY-MM-DD of the week shown */
  NkMenuDay       *day;         /* the day open, as stored */
  NkMealSlot       dish_slot;   /* the dish open: its slot and place */
  int              dish_index;  /* -1: a new dish */
};

/* nk-menu-editor-dish.c */
void        nk_menu_editor_dish_init (NkMenuEditor *self);
/* Fills the form with dish (NULL: empty). */
void        nk_menu_editor_dish_fill (NkMenuEditor *self, const NkMenuDish *dish);
/* The dish the form holds; NULL with NK_MENU_ERROR_INVALID and a message
 * for the screen when an entry is not right (no name, "other" without a
 * text). */
NkMenuDish *nk_menu_editor_dish_read (NkMenuEditor *self, GError **error);
/* "番茄炒蛋（蛋类）· 托小班 50 g": one line of the day's page. */
char       *nk_menu_editor_dish_describe (const NkMenuDish *dish);

G_END_DECLS
