/* nk-health-observation.h — all-day health observation (全日健康观察):
 * a note on a child with the time it was seen, today and not in the
 * future, for a child who came today. */
#pragma once

#include "nk-child-day.h"
#include "nk-kind.h"

G_BEGIN_DECLS

extern const NkKind nk_health_observation_kind;  /* "health_observation", table health_observations */

#define NK_HEALTH_OBSERVATION_MAX 500   /* characters */

/* Records note on child_id, seen at observed_us (UTC µs), by staff_id.
 * Returns the new id; NULL with error (translated) and nothing recorded
 * when the note is empty or too long, the time is in the future or not
 * today, or the child did not come today. */
char    *nk_health_observation_record (NkStore *store, NkCentre *centre, const char *staff_id,
                                       const char *child_id, gint64 observed_us, const char *note,
                                       GError **error);

/* The day source (nk-child-day.c): one line per observation. */
gboolean nk_health_observation_day_source (NkStore *store, NkDaySet *set, GError **error);

G_END_DECLS
