/* nk-info-panel.h — the idle screen's one information panel: today's
 * menu (nk-menu-card.h) and the next Mommy Classroom session
 * (nk-session-card.h), turning from one to the other.
 *
 * It reads both from the door's store when the door is set, when the
 * store says menus, sessions or sign-ups changed, and when the centre's
 * day or the shown session is over (nk_info_panel_check_time, called
 * each minute by the idle page).  It turns only while mapped and while
 * it has both to show; with neither it hides itself.  Never a child's
 * data. */
#pragma once

#include <gtk/gtk.h>

#include "core/nk-door.h"

G_BEGIN_DECLS

#define NK_INFO_PANEL_DEFAULT_SECONDS 8

#define NK_TYPE_INFO_PANEL (nk_info_panel_get_type ())
G_DECLARE_FINAL_TYPE (NkInfoPanel, nk_info_panel, NK, INFO_PANEL, GtkWidget)

GtkWidget  *nk_info_panel_new          (void);
void        nk_info_panel_set_door     (NkInfoPanel *self, NkDoor *door);
NkDoor     *nk_info_panel_get_door     (NkInfoPanel *self);
/* How long each pane stays (property "interval-ms"; the idle page sets
 * kiosk.panel-seconds; tests a few milliseconds). */
void        nk_info_panel_set_interval (NkInfoPanel *self, guint interval_ms);
/* Reads the menu and the session again. */
void        nk_info_panel_reload       (NkInfoPanel *self);
/* Reads again when the centre's day changed or the session shown ended
 * since the last read (the centre's clock); cheap otherwise. */
void        nk_info_panel_check_time   (NkInfoPanel *self);

/* For tests: "menu", "session", or NULL when there is nothing to show;
 * whether the turning timer runs; the panes. */
const char *nk_info_panel_get_showing  (NkInfoPanel *self);
gboolean    nk_info_panel_is_turning   (NkInfoPanel *self);
GtkWidget  *nk_info_panel_get_menu_card    (NkInfoPanel *self);
GtkWidget  *nk_info_panel_get_session_card (NkInfoPanel *self);

G_END_DECLS
