/* nk-checkup-pull.h — the platform's "checkups" section: the contracted
 * institution's visit dates (签约医疗机构), one entry of the table in
 * nk-pull-sections.c.  A record:
 *   { "id": "v-1", "date": "2026-12-10", "institution": "…社区卫生服务中心",
 *     "room_ids": ["r1", "r2"] or "all", "note": "…" or absent/null }
 * date a real day; institution 1–100 characters; note at most 200;
 * room_ids "all" or 1–50 different room ids, every one a room the kiosk
 * holds (else the record waits in quarantine for the room).  Deletions:
 * kind "checkup". */
#pragma once

#include "nk-pull-private.h"

G_BEGIN_DECLS

enum { NK_CHECKUP_VISIT_ID, NK_CHECKUP_VISIT_DATE, NK_CHECKUP_VISIT_INSTITUTION,
       NK_CHECKUP_VISIT_NOTE, NK_CHECKUP_VISIT_N_FIELDS };

#define NK_CHECKUP_VISIT_MAX_ROOMS 50

extern const NkPullField nk_checkup_visit_fields[NK_CHECKUP_VISIT_N_FIELDS];

char    *nk_checkup_visit_check  (NkPullItem *item, const char **field);
gboolean nk_checkup_visit_apply  (NkStore *store, NkPullItem *item, GError **error);
gboolean nk_checkup_visit_remove (NkStore *store, NkPullItem *item, GError **error);

G_END_DECLS
