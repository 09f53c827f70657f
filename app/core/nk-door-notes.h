/* nk-door-notes.h — what a tap at the door should tell beyond its
 * outcome: an allergen on today's menu, a check-up needed after a long
 * absence, a health check after an illness, a classroom session today.
 *
 * Each kind that has something to say at the door is a SOURCE: a
 * function in door_note_sources[] (nk-door-notes.c) that looks at one
 * result (a child checked in or out, a guardian's chooser) and adds notes
 * to it with nk_tap_result_add_note () (nk-attendance.h): for the family
 * or for staff, information or a warning.  The door runs the sources
 * after the tap's record is committed, so a source costs the door one or
 * two indexed queries and never decides the outcome; a source that fails
 * is logged and skipped, and the tap stands. */
#pragma once

#include "nk-attendance.h"
#include "nk-centre.h"
#include "nk-store.h"

G_BEGIN_DECLS

typedef struct {
  NkStore    *store;
  NkCentre   *centre;
  gint64      now_us;     /* the tap's time, UTC µs */
  const char *date;       /* its local date, YYYY-MM-DD */
} NkNoteContext;

/* Adds what it has to say about result (any outcome: a source picks the
 * ones it speaks to).  FALSE with error when it could not read the store. */
typedef gboolean (*NkDoorNoteSource) (const NkNoteContext *ctx, NkTapResult *result,
                                      GError **error);

/* Runs every source over result: a child checked in or out
 * (NK_TAP_CHECKED_IN, NK_TAP_CHECKED_OUT) or a guardian's chooser
 * (NK_TAP_FAMILY); other outcomes get no notes. */
void nk_door_notes_add (NkStore *store, NkCentre *centre, NkTapResult *result);

G_END_DECLS
