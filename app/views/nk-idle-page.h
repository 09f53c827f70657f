/* nk-idle-page.h — what the door shows between taps: centre, date and
 * time, "please tap your card", the reader's state and a sync indicator,
 * and beside them one information panel (today's menu, the next Mommy
 * Classroom session: nk-info-panel.h).  Never any child's data. */
#pragma once

#include <gtk/gtk.h>

#include "core/nk-door.h"
#include "devices/nk-reader.h"
#include "nk-info-panel.h"

G_BEGIN_DECLS

#define NK_TYPE_IDLE_PAGE (nk_idle_page_get_type ())
G_DECLARE_FINAL_TYPE (NkIdlePage, nk_idle_page, NK, IDLE_PAGE, GtkWidget)

GtkWidget  *nk_idle_page_new              (void);
void        nk_idle_page_set_reader       (NkIdlePage *self, NkReader *reader);
NkReader   *nk_idle_page_get_reader       (NkIdlePage *self);
/* Shown in the reader line when there is no reader at all. */
void        nk_idle_page_set_reader_error (NkIdlePage *self, const char *message);
void        nk_idle_page_set_time_zone    (NkIdlePage *self, GTimeZone *tz);
void        nk_idle_page_set_staff_alert  (NkIdlePage *self, gboolean alert);
gboolean    nk_idle_page_get_staff_alert  (NkIdlePage *self);
/* A short line from sync/ ("Sent 08:12", "Offline — 12 waiting"); hidden when empty. */
void        nk_idle_page_set_sync_status  (NkIdlePage *self, const char *status);
/* The icon before that line; tone: "success", "warning", "error" or NULL. */
void        nk_idle_page_set_sync_icon    (NkIdlePage *self, const char *icon_name,
                                           const char *tone);
/* The door whose store the information panel reads (property "door"). */
void        nk_idle_page_set_door         (NkIdlePage *self, NkDoor *door);
NkDoor     *nk_idle_page_get_door         (NkIdlePage *self);
/* kiosk.panel-seconds (property "panel-seconds", default 8). */
void        nk_idle_page_set_panel_seconds (NkIdlePage *self, guint seconds);
NkInfoPanel *nk_idle_page_get_info_panel  (NkIdlePage *self);
/* Repaints date and time now (the page does so itself on each minute). */
void        nk_idle_page_update_clock     (NkIdlePage *self);

/* What is on screen, for tests. */
const char *nk_idle_page_get_reader_text  (NkIdlePage *self);
const char *nk_idle_page_get_time_text    (NkIdlePage *self);
const char *nk_idle_page_get_date_text    (NkIdlePage *self);
const char *nk_idle_page_get_prompt_text  (NkIdlePage *self);
/* The sync line, or NULL while it is hidden. */
const char *nk_idle_page_get_sync_text    (NkIdlePage *self);

G_END_DECLS
