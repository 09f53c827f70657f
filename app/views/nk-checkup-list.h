/* nk-checkup-list.h — staff mode's "Check-ups": the check-ups overdue,
 * due this month and done this month of the children shown (one room, or
 * every room), and the contracted institution's next visit.  Touching a
 * child opens their health record ("checkups.child", a child's id). */
#pragma once

#include <gtk/gtk.h>

#include "core/nk-door.h"

G_BEGIN_DECLS

#define NK_TYPE_CHECKUP_LIST (nk_checkup_list_get_type ())
G_DECLARE_FINAL_TYPE (NkCheckupList, nk_checkup_list, NK, CHECKUP_LIST, GtkWidget)

/* Reads the lists of room_id (NULL: every room) again. */
void        nk_checkup_list_show  (NkCheckupList *self, NkDoor *door, const char *room_id);
void        nk_checkup_list_clear (NkCheckupList *self);

/* For tests: how many check-ups each list shows, the visit line. */
guint       nk_checkup_list_get_n      (NkCheckupList *self, const char *status);
const char *nk_checkup_list_get_visit  (NkCheckupList *self);

/* "18-month check-up", "Entry check-up" (months 0) */
char       *nk_checkup_describe        (guint months);

G_END_DECLS
