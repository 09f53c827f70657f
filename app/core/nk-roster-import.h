/* nk-roster-import.h — the roster CSV of `nursery-kiosk-admin
 * import-roster` (docs/admin.md): every row is checked first, and only a
 * file without a single problem is written, in one transaction. */
#pragma once

#include <glib-object.h>
#include "nk-store.h"
#include "nk-uid.h"

G_BEGIN_DECLS

/* One thing wrong with the file. */
typedef struct {
  guint  line;      /* 1-based line of the file the row starts on */
  char  *message;   /* translated, says which column and why */
} NkImportProblem;

void nk_import_problem_free (NkImportProblem *problem);

/* What a successful import wrote (distinct records named in the file). */
typedef struct {
  guint children;
  guint guardians;
  guint cards;
  guint rooms;
} NkImportCounts;

#define NK_TYPE_ROSTER_IMPORT (nk_roster_import_get_type ())
G_DECLARE_FINAL_TYPE (NkRosterImport, nk_roster_import, NK, ROSTER_IMPORT, GObject)

/* uid_options: how card numbers in the file are written (the reader's
 * reader.uid-format / uid-byte-order, so a number the reader types matches);
 * NULL for hex.  tz: the centre's time zone, for "today" in the age rules. */
NkRosterImport *nk_roster_import_new       (const NkUidOptions *uid_options, GTimeZone *tz);
/* Overrides today's date (for tests). */
void            nk_roster_import_set_today (NkRosterImport *self, const GDate *today);

/* Parses and checks the file (len bytes, or NUL-terminated when len < 0).
 * UTF-8 (with or without a byte order mark) or, failing that, GB18030 as
 * Excel in China saves it.  store, when given, is read to find rooms and
 * guardians already there and cards already held by someone else.
 * Returns TRUE when the file has no problem; otherwise the problems are
 * in nk_roster_import_get_problems().  May be called once. */
gboolean        nk_roster_import_validate  (NkRosterImport *self, const char *data, gssize len,
                                            NkStore *store);
/* NkImportProblem*, ordered by line. */
GPtrArray      *nk_roster_import_get_problems (NkRosterImport *self);

/* Writes the validated roster in one transaction (rooms created by name
 * when missing, guardians found by phone, links, cards).  Only after a
 * successful validate; on error nothing was written. */
gboolean        nk_roster_import_apply     (NkRosterImport *self, NkStore *store,
                                            NkImportCounts *counts, GError **error);

G_END_DECLS
