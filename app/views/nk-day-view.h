/* nk-day-view.h — one child's day as the family reads it at pick-up:
 * the lines of every kind grouped by topic with their times, large; a QR
 * code to the full report on the platform; and, for an incident that
 * waits for the guardian, one big "I have read it" button per guardian
 * who may answer. */
#pragma once

#include <adwaita.h>

#include "core/nk-child-day.h"
#include "core/nk-incident-ack.h"
#include "nk-qr-code.h"

G_BEGIN_DECLS

#define NK_TYPE_DAY_VIEW (nk_day_view_get_type ())
G_DECLARE_FINAL_TYPE (NkDayView, nk_day_view, NK, DAY_VIEW, GtkWidget)

GtkWidget  *nk_day_view_new           (void);
/* Shows the day of set's child (a set of nk_day_set_load_child; the view
 * takes it).  link: the report's address for the QR code, or NULL (no
 * code).  ackers (NkAckGuardian*, may be NULL or empty): who may
 * acknowledge an incident; one with a NULL name is the guardian at the
 * door, whose button needs no name. */
void        nk_day_view_show          (NkDayView *self, NkDaySet *set, GTimeZone *tz,
                                       const char *link, GPtrArray *ackers);
/* Shows the set again (after its lines changed: an acknowledgement). */
void        nk_day_view_refresh       (NkDayView *self);
/* Narrow: the QR code under the lines (two days side by side). */
void        nk_day_view_set_narrow    (NkDayView *self, gboolean narrow);
/* A plain message under the day (an acknowledgement not saved), or NULL. */
void        nk_day_view_show_error    (NkDayView *self, const char *message);

NkDaySet   *nk_day_view_get_set       (NkDayView *self);
const char *nk_day_view_get_child_id  (NkDayView *self);
/* The lines as a screen reader reads them ("Meals, 12:00, Lunch · ate half"). */
guint       nk_day_view_get_n_lines   (NkDayView *self);
const char *nk_day_view_get_line      (NkDayView *self, guint n);
/* Incidents still waiting for an acknowledgement. */
guint       nk_day_view_get_n_pending (NkDayView *self);
/* The n-th acknowledgement button, or NULL. */
GtkButton  *nk_day_view_get_ack_button (NkDayView *self, guint n);
/* The QR code (empty when there is no link). */
NkQrCode   *nk_day_view_get_qr        (NkDayView *self);

/* signal "acknowledge" (incident_id, guardian_id): a guardian touched
 * "I have read it"; the window records it. */

G_END_DECLS
