/* nk-staff-page.h — staff mode, opened by a staff card: rooms with
 * presence against places and ratio, children by room, check-in/out by
 * hand with a reason, stays left open, clock out and lock.  Locks itself
 * when left untouched. */
#pragma once

#include <gtk/gtk.h>

#include "core/nk-door.h"
#include "nk-sync-panel.h"

G_BEGIN_DECLS

#define NK_TYPE_STAFF_PAGE (nk_staff_page_get_type ())
G_DECLARE_FINAL_TYPE (NkStaffPage, nk_staff_page, NK, STAFF_PAGE, GtkWidget)

GtkWidget    *nk_staff_page_new            (void);
void          nk_staff_page_set_door (NkStaffPage *self, NkDoor *door);
/* Opens staff mode for the staff member of result (a staff outcome). */
void          nk_staff_page_open           (NkStaffPage *self, NkTapResult *staff);
/* Closes staff mode without a signal (the door moved on). */
void          nk_staff_page_close          (NkStaffPage *self);
/* Re-reads rooms and stays from the core. */
void          nk_staff_page_refresh        (NkStaffPage *self);
/* Staff mode comes back after the door answered a card over it: TRUE and
 * the lock timer restarted when it is still open and its lock time has
 * not passed (on the centre's monotonic clock); else it closes itself (no
 * signal) and returns FALSE. */
gboolean      nk_staff_page_resume         (NkStaffPage *self);
/* Someone is still here (touching a page shown on staff mode's behalf):
 * the lock timer starts again. */
void          nk_staff_page_restart_lock   (NkStaffPage *self);
/* Opens the by-hand check-in/out for a child (what tapping a child does). */
void          nk_staff_page_show_manual    (NkStaffPage *self, const char *child_id);
/* Opens the room page of room_id (what "care.open-room" does). */
void          nk_staff_page_show_room      (NkStaffPage *self, const char *room_id);
/* The note phrases (常用语) of the room page; NULL: the default ones. */
void          nk_staff_page_set_care_phrases (NkStaffPage *self, const char *const *phrases);
const char   *nk_staff_page_get_staff_id   (NkStaffPage *self);
/* The role of the staff member in staff mode (staff.role). */
NkStaffRole   nk_staff_page_get_role       (NkStaffPage *self);
/* The room shown (property "room-id", notified on change; the action
 * "staff.room" with a room id, "" for every room, switches it), or NULL
 * when every room is shown.  A caregiver opens on their own room; health
 * staff and the director on every room. */
const char   *nk_staff_page_get_room_id    (NkStaffPage *self);
void          nk_staff_page_set_room_id    (NkStaffPage *self, const char *room_id);
gboolean      nk_staff_page_get_staff_alert (NkStaffPage *self);
/* The clock warning shown to staff after a jump of the wall clock, or
 * NULL when none is shown. */
const char   *nk_staff_page_get_clock_warning (NkStaffPage *self);
void          nk_staff_page_set_staff_alert (NkStaffPage *self, gboolean alert);

/* What is on screen, for tests. */
guint         nk_staff_page_get_n_rooms    (NkStaffPage *self);
/* The room cards on screen (after the room switcher), in order. */
guint         nk_staff_page_get_n_rooms_shown (NkStaffPage *self);
const char   *nk_staff_page_get_shown_room_id (NkStaffPage *self, guint position);
const char   *nk_staff_page_get_view       (NkStaffPage *self);
NkSyncPanel  *nk_staff_page_get_sync_panel (NkStaffPage *self);

G_END_DECLS
