/* nk-classroom-pull.h — the pull section "classroom_sessions": its fields,
 * checks and writes, for the table in nk-pull-sections.c. */
#pragma once

#include "nk-pull-private.h"

G_BEGIN_DECLS

enum {
  NK_CLASSROOM_PULL_ID,
  NK_CLASSROOM_PULL_TITLE,
  NK_CLASSROOM_PULL_KIND,
  NK_CLASSROOM_PULL_STARTS,
  NK_CLASSROOM_PULL_ENDS,
  NK_CLASSROOM_PULL_PLACE,
  NK_CLASSROOM_PULL_ONLINE_URL,
  NK_CLASSROOM_PULL_AUDIENCE,
  NK_CLASSROOM_PULL_CAPACITY,
  NK_CLASSROOM_PULL_SEATS_LEFT,
  NK_CLASSROOM_PULL_SIGNUP_URL,
  NK_CLASSROOM_PULL_N_FIELDS
};

extern const NkPullField nk_classroom_pull_fields[NK_CLASSROOM_PULL_N_FIELDS];

/* Times, links and seats: what the field types do not say. */
char    *nk_classroom_pull_check  (NkPullItem *item, const char **field);
gboolean nk_classroom_pull_apply  (NkStore *store, NkPullItem *item, GError **error);
gboolean nk_classroom_pull_remove (NkStore *store, NkPullItem *item, GError **error);

G_END_DECLS
