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

/* The largest roster file taken: far above any centre (2,000 children
 * with two guardians each are some 4,000 rows and 600 KB).  A file past
 * either is refused at once, with a message, before it is parsed. */
#define NK_ROSTER_MAX_BYTES (16 * 1024 * 1024)
#define NK_ROSTER_MAX_ROWS  20000

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
 * in nk_roster_import_get_problems().  A file larger than
 * NK_ROSTER_MAX_BYTES or with more than NK_ROSTER_MAX_ROWS rows is one
 * problem, found before or as soon as the limit is passed.  Values are
 * quoted in problems by their first NK_QUOTE_MAX_CHARS characters.  May be
 * called once. */
gboolean        nk_roster_import_validate  (NkRosterImport *self, const char *data, gssize len,
                                            NkStore *store);
/* Reads a roster file for nk_roster_import_validate(): refused (G_FILE_ERROR,
 * translated message) when it is not a regular file or is larger than
 * NK_ROSTER_MAX_BYTES, before anything is read. */
gboolean        nk_roster_import_read_file (const char *path, char **data, gsize *len,
                                            GError **error);
/* NkImportProblem*, ordered by line. */
GPtrArray      *nk_roster_import_get_problems (NkRosterImport *self);

/* Writes the validated roster in one transaction (rooms created by name
 * when missing, guardians found by phone, links, cards).  Only after a
 * successful validate; on error nothing was written. */
gboolean        nk_roster_import_apply     (NkRosterImport *self, NkStore *store,
                                            NkImportCounts *counts, GError **error);

G_END_DECLS
