/* nk-prune.h — keep the least that does the job (PIPL; DESIGN.md,
 * "Data"): outbox rows the platform acknowledged are deleted after
 * sync.keep-sent-days, audit rows after kiosk.keep-audit-days, and so
 * are the pulled records set aside (quarantined, or relayed records of a
 * kind this version does not know) after kiosk.keep-audit-days.  Rows
 * still waiting to be sent, and rows the platform refused, are never
 * deleted.  The records themselves (attendance, staff clock) are kept. */
#pragma once

#include <gio/gio.h>

#include "nk-store.h"

G_BEGIN_DECLS

/* Rows deleted per transaction: the write lock is held a few ms. */
#define NK_PRUNE_CHUNK 200

typedef struct {
  gint64 sent;    /* outbox rows deleted */
  gint64 audit;   /* audit rows deleted */
  gint64 pulled;  /* quarantined pulled records, and kept records of unknown kinds, deleted */
} NkPruneCounts;

/* Deletes sent outbox rows acknowledged (sent_us) more than keep_sent_days
 * before now_us and audit rows made (at_us) more than keep_audit_days
 * before it, NK_PRUNE_CHUNK rows per transaction.  A clock that cannot be
 * right (before NK_CENTRE_CLOCK_FLOOR_US) prunes nothing.  counts may be
 * NULL; on failure it holds what was deleted before. */
gboolean nk_prune       (NkStore *store, gint64 now_us, guint keep_sent_days, guint keep_audit_days,
                         NkPruneCounts *counts, GError **error);

/* nk_prune on a thread of its own, with its own background connection to
 * the database at path (the door's transactions go first).  What it did,
 * or why it could not, goes to the journal; callback may be NULL. */
void     nk_prune_async  (const char *path, gint64 now_us, guint keep_sent_days,
                          guint keep_audit_days, GCancellable *cancellable,
                          GAsyncReadyCallback callback, gpointer user_data);
gboolean nk_prune_finish (GAsyncResult *result, NkPruneCounts *counts, GError **error);

G_END_DECLS
