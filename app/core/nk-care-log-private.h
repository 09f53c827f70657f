/* nk-care-log-private.h — what the parts of the care log share. */
#pragma once

#include <json-glib/json-glib.h>

#include "nk-care-log.h"

G_BEGIN_DECLS

/* The event payload of entry e about child_id in room_id (NULL: none)
 * at at_us, as nk_kind_put and nk_kind_correct take it. */
JsonBuilder *nk_care_entry_payload (const NkCareEntry *e, const char *child_id, const char *room_id,
                                    gint64 at_us);

G_END_DECLS
