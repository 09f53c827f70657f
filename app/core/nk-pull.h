/* nk-pull.h — a pull response of the platform (docs/platform-api.md,
 * "Pull: changes since a cursor"): parsed, every record checked, then
 * applied to the store in short transactions, the cursor with the last.
 *
 * Nothing from the network is trusted, and nothing pulled is thrown
 * away.  An answer that cannot be read as a whole (raw checks, not JSON,
 * a bad envelope or cursor) is refused and nothing changes.  Inside a
 * readable answer each record stands alone: one that breaks a rule is
 * quarantined with its reason (and the records that depend on it with
 * it), everything else is applied; sections the kiosk does not show yet
 * are kept as received.  The sections are a table (nk-pull-private.h). */
#pragma once

#include <glib.h>
#include "nk-centre.h"
#include "nk-store.h"

G_BEGIN_DECLS

#define NK_PULL_ERROR (nk_pull_error_quark ())
GQuark nk_pull_error_quark (void);

typedef enum {
  NK_PULL_ERROR_UNREADABLE,  /* empty, cut off or not JSON: may be chance, ask again soon */
  NK_PULL_ERROR_MALFORMED,   /* refused by the raw checks: too big, NUL, not UTF-8, too deep,
                              * an integer too long */
  NK_PULL_ERROR_INVALID,     /* the envelope breaks the contract (cursor, more, changes, size) */
  NK_PULL_ERROR_REFUSED,     /* one record the kiosk's data refuses (never a whole answer):
                              * it is quarantined with this message */
} NkPullError;

/* The meta key holding the cursor of the last applied pull. */
#define NK_PULL_CURSOR_KEY "sync.cursor"
/* Largest response body accepted, after decompression. */
#define NK_PULL_MAX_BODY (16 * 1024 * 1024)
/* Records written per transaction: what bounds how long a pull holds the
 * store's write lock against a tap at the door. */
#define NK_PULL_CHUNK 250

typedef struct _NkPull NkPull;

/* What became of the records of one answer. */
typedef struct {
  guint applied;      /* roster records written, deletions done */
  guint kept;         /* kept as received (menus, check-ups, classroom sessions, sections
                       * this version does not know) */
  guint quarantined;  /* set aside with their reason */
  guint released;     /* records quarantined earlier that could be applied now */
  guint reported;     /* pull.rejected events queued for the platform */
  guint chunks;       /* transactions it took */
} NkPullCounts;

/* Parses data (len bytes) and checks every record.  Returns NULL with
 * error set only when the answer cannot be used as a whole; a bad record
 * inside it is no error here (nk_pull_apply quarantines it). */
NkPull     *nk_pull_parse      (const char *data, gsize len, GError **error);
void        nk_pull_free       (NkPull *pull);
const char *nk_pull_get_cursor (NkPull *pull);
gboolean    nk_pull_get_more   (NkPull *pull);
/* Number of records (of every section, deletions included). */
guint       nk_pull_count      (NkPull *pull);
/* Records per transaction (NK_PULL_CHUNK unless set; for tests). */
void        nk_pull_set_chunk_size (NkPull *pull, guint records);

/* Applies the answer: NK_PULL_CHUNK records per transaction, in the
 * table's order, the cursor written with the last chunk.  Quarantined
 * records are reported to the platform as pull.rejected events (through
 * nk-record, so centre's clock must be right; when it is not, the report
 * waits for the next pull).  Earlier quarantined records that waited for
 * another record are tried again.  On error (the store failed) the
 * cursor has not moved: the chunks already committed hold upserts that
 * the same answer, pulled again, writes again to the same effect.
 * counts may be NULL. */
gboolean    nk_pull_apply      (NkPull *pull, NkStore *store, NkCentre *centre,
                                NkPullCounts *counts, GError **error);

/* The stored cursor: *cursor NULL when there is none yet.  FALSE with
 * error set when it cannot be read — never take that for "no cursor",
 * which would pull everything again from the beginning. */
gboolean    nk_pull_read_cursor (NkStore *store, char **cursor, GError **error);

/* ---- quarantine: records set aside, for staff mode ------------------ */

typedef struct {
  char  *section;      /* "children", "cards", "deletions", … */
  char  *id;           /* the record's id (a pickup: child_id/guardian_id) */
  char  *code;         /* invalid, duplicate, reference, dependency, conflict, refused */
  char  *field;        /* the member at fault, or NULL */
  char  *reason;       /* plain words */
  gint64 received_us;  /* when this version arrived (UTC) */
} NkPullQuarantined;

void        nk_pull_quarantined_free (NkPullQuarantined *q);
/* Newest first, at most limit (0: all).  NULL with error on failure. */
GPtrArray  *nk_pull_list_quarantined (NkStore *store, guint limit, GError **error);
/* -1 with error set when it cannot be counted. */
gint64      nk_pull_count_quarantined (NkStore *store, GError **error);
/* Plain words for what a section holds ("child", "card"), translated;
 * the section's name itself for one this version does not know. */
const char *nk_pull_section_label (const char *section);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NkPull, nk_pull_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NkPullQuarantined, nk_pull_quarantined_free)

G_END_DECLS
