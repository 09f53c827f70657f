/* nk-pull.h — a pull response of the platform (docs/platform-api.md,
 * "Pull: changes since a cursor"): parsed and checked completely, then
 * applied to the roster in one transaction together with its cursor.
 * Nothing from the network is trusted: a response that breaks any rule is
 * refused whole and nothing changes. */
#pragma once

#include <glib.h>
#include "nk-store.h"

G_BEGIN_DECLS

#define NK_PULL_ERROR (nk_pull_error_quark ())
GQuark nk_pull_error_quark (void);

typedef enum {
  NK_PULL_ERROR_MALFORMED,   /* not JSON, too big, too deep, not UTF-8 */
  NK_PULL_ERROR_INVALID,     /* a record breaks a rule; the message names it */
  NK_PULL_ERROR_REFERENCE,   /* a record names something that does not exist */
} NkPullError;

/* The meta key holding the cursor of the last applied pull. */
#define NK_PULL_CURSOR_KEY "sync.cursor"
/* Largest response body accepted, after decompression. */
#define NK_PULL_MAX_BODY (16 * 1024 * 1024)

typedef struct _NkPull NkPull;

/* Parses and checks data (len bytes).  Returns NULL with error set when
 * anything is wrong. */
NkPull     *nk_pull_parse      (const char *data, gsize len, GError **error);
void        nk_pull_free       (NkPull *pull);
const char *nk_pull_get_cursor (NkPull *pull);
gboolean    nk_pull_get_more   (NkPull *pull);
/* Number of records (of every section, deletions included). */
guint       nk_pull_count      (NkPull *pull);

/* Checks references against the store and applies everything, with the
 * cursor, in one transaction.  On error nothing has changed. */
gboolean    nk_pull_apply      (NkPull *pull, NkStore *store, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NkPull, nk_pull_free)

G_END_DECLS
