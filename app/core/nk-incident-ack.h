/* nk-incident-ack.h — a guardian acknowledges an incident at pick-up.
 *
 * An incident of the child's day (a line with NK_DAY_LINE_NEEDS_ACK, whose
 * record_id is the incident's id) waits on the door screen until one of the
 * child's guardians touches "I have read this".  The acknowledgement is a
 * record kind of its own ("incident.ack"); its day source clears the flag
 * of every line it acknowledges, at this door and, relayed, at the others. */
#pragma once

#include "nk-child-day.h"
#include "nk-kind.h"

G_BEGIN_DECLS

extern const NkKind nk_incident_ack_kind;

/* One guardian who may acknowledge for a child. */
typedef struct {
  char *guardian_id;
  char *name;
} NkAckGuardian;

void nk_ack_guardian_free (NkAckGuardian *guardian);

/* guardian_id acknowledges incident_id, an incident line of child_id's
 * day in set (the day as loaded and shown, nk_day_set_load_child).
 * *recorded (may be NULL) is TRUE when an event was recorded, FALSE when
 * the incident was acknowledged already (nothing written; not an error).
 * FALSE with error (NK_KIND_ERROR_REFERENCE) when the incident is not in
 * that day or the guardian is not one of the child's; or when the
 * database failed. */
gboolean   nk_incident_ack           (NkStore *store, NkCentre *centre, NkDaySet *set,
                                      const char *child_id, const char *incident_id,
                                      const char *guardian_id, gboolean *recorded,
                                      GError **error);

/* The guardians of child_id who may pick the child up (NkAckGuardian*),
 * by name: whom a child's own card asks "who is reading this?". */
GPtrArray *nk_incident_ack_guardians (NkStore *store, const char *child_id, GError **error);

/* The day source (day_sources[], after every source of incidents): the
 * acknowledged lines of set lose NK_DAY_LINE_NEEDS_ACK. */
gboolean   nk_incident_ack_source    (NkStore *store, NkDaySet *set, GError **error);

G_END_DECLS
