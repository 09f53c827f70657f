/* nk-tap-panel.h — demo mode only: one button per demo card, each
 * activating app.simulate-tap with the card's UID. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define NK_TYPE_TAP_PANEL (nk_tap_panel_get_type ())
G_DECLARE_FINAL_TYPE (NkTapPanel, nk_tap_panel, NK, TAP_PANEL, GtkWidget)

GtkWidget *nk_tap_panel_new (void);
/* Number of card buttons (tests). */
guint      nk_tap_panel_get_n_cards (NkTapPanel *self);

G_END_DECLS
