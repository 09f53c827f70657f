/* nk-absence-list.h — staff mode's "Absent today" (缺勤): per room, the
 * children expected today and not checked in (nk_absence_list), each with
 * the reason recorded or "call the family".  Touching a child activates
 * "absence.child" (the child's id), which opens the reason form.  While
 * shown it reads the list again on the store's changed::absence.reason. */
#pragma once

#include <gtk/gtk.h>

#include "core/nk-absence.h"
#include "core/nk-door.h"

G_BEGIN_DECLS

#define NK_TYPE_ABSENCE_LIST (nk_absence_list_get_type ())
G_DECLARE_FINAL_TYPE (NkAbsenceList, nk_absence_list, NK, ABSENCE_LIST, GtkWidget)

/* Reads the list of room_id (NULL or "": every room) and keeps it current. */
void                 nk_absence_list_show  (NkAbsenceList *self, NkDoor *door, const char *room_id);
/* Lets go of the list and the store (no child data stays behind the lock). */
void                 nk_absence_list_clear (NkAbsenceList *self);
/* The item of child_id on screen, or NULL. */
const NkAbsenceItem *nk_absence_list_find  (NkAbsenceList *self, const char *child_id);

/* For tests: children listed, and of them those with no reason yet. */
guint                nk_absence_list_get_n      (NkAbsenceList *self);
guint                nk_absence_list_get_n_open (NkAbsenceList *self);

/* "Illness: fever, cough", "Leave", or "No reason yet — call the family" */
char                *nk_absence_item_describe   (const NkAbsenceItem *item);

G_END_DECLS
