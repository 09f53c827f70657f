/* nk-checkup-record.h — one child's health record in staff mode: the
 * check-up schedule with each state, the results over time and the chart
 * of height and weight.  "Record a result" ("checkups.record", the child's
 * id) is offered to the health staff and the director. */
#pragma once

#include <gtk/gtk.h>

#include "core/nk-door.h"

G_BEGIN_DECLS

#define NK_TYPE_CHECKUP_RECORD (nk_checkup_record_get_type ())
G_DECLARE_FINAL_TYPE (NkCheckupRecord, nk_checkup_record, NK, CHECKUP_RECORD, GtkWidget)

/* Reads child_id's record; can_record shows "Record a result". */
void        nk_checkup_record_show  (NkCheckupRecord *self, NkDoor *door, const char *child_id,
                                     gboolean can_record);
void        nk_checkup_record_clear (NkCheckupRecord *self);

/* For tests */
const char *nk_checkup_record_get_child_id (NkCheckupRecord *self);
guint       nk_checkup_record_get_n_results (NkCheckupRecord *self);
GtkWidget  *nk_checkup_record_get_chart (NkCheckupRecord *self);

G_END_DECLS
