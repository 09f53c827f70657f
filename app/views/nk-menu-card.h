/* nk-menu-card.h — today's menu on the idle screen's information panel
 * (nk-info-panel.h): each meal slot with its dishes and the allergen
 * groups they hold.  The menu of the centre, the same for every family:
 * never a child's name or allergies. */
#pragma once

#include <gtk/gtk.h>

#include "core/nk-menu.h"

G_BEGIN_DECLS

#define NK_TYPE_MENU_CARD (nk_menu_card_get_type ())
G_DECLARE_FINAL_TYPE (NkMenuCard, nk_menu_card, NK, MENU_CARD, GtkWidget)

GtkWidget  *nk_menu_card_new  (void);
/* Shows day's dishes; FALSE (and an empty card) when day is NULL or
 * holds no dish. */
gboolean    nk_menu_card_show      (NkMenuCard *self, const NkMenuDay *day);
/* The same for the slots first to end - 1 only: part of parts of a menu
 * too long for one pane (the title says which). */
gboolean    nk_menu_card_show_part (NkMenuCard *self, const NkMenuDay *day, NkMealSlot first,
                                    NkMealSlot end, guint part, guint parts);
/* The menu as a screen reader hears it ("Breakfast: …\nLunch: …"); ""
 * when empty. */
const char *nk_menu_card_get_text (NkMenuCard *self);

G_END_DECLS
