/* nk-sync-panel.h — the platform link in full, for staff mode: state,
 * records waiting, records the platform refused (with "Send again"), the
 * last success, the last error in plain words, "Sync now", and "Enrol
 * this kiosk" while it is not enrolled (the window's kiosk.enrol action).
 * Observes an NkSync; hidden while there is none. */
#pragma once

#include <gtk/gtk.h>

#include "sync/nk-sync.h"

G_BEGIN_DECLS

#define NK_TYPE_SYNC_PANEL (nk_sync_panel_get_type ())
G_DECLARE_FINAL_TYPE (NkSyncPanel, nk_sync_panel, NK, SYNC_PANEL, GtkWidget)

GtkWidget  *nk_sync_panel_new               (void);
void        nk_sync_panel_set_sync          (NkSyncPanel *self, NkSync *sync);
NkSync     *nk_sync_panel_get_sync          (NkSyncPanel *self);
/* The kiosk's time zone for the last success (the local one when NULL). */
void        nk_sync_panel_set_time_zone     (NkSyncPanel *self, GTimeZone *tz);

/* A moment for a person: "08:12" today, with the day otherwise
 * ("11月22日 08:12").  utc_us: microseconds since the epoch; tz may be NULL. */
char       *nk_sync_panel_format_time       (gint64 utc_us, GTimeZone *tz);

/* What is on screen, for tests. */
const char *nk_sync_panel_get_state_text    (NkSyncPanel *self);
const char *nk_sync_panel_get_pending_text  (NkSyncPanel *self);
/* NULL when nothing was refused (the line and "Send again" are hidden). */
const char *nk_sync_panel_get_rejected_text (NkSyncPanel *self);
/* NULL when no record from the platform is set aside. */
const char *nk_sync_panel_get_quarantine_text (NkSyncPanel *self);
const char *nk_sync_panel_get_success_text  (NkSyncPanel *self);
/* NULL when there is no error to show. */
const char *nk_sync_panel_get_error_text    (NkSyncPanel *self);

G_END_DECLS
