/* nk-roll-call-pdf.h — a roll call (nk-roll-call.h) as an A4 PDF, with
 * the reports' PDF code (nk-report-pdf.h): who started and finished it
 * and when, how many were counted, who was missing, and everyone on the
 * list by room with the time they were counted.  In the nk-report-pdf
 * library (cairo and Pango, no GTK). */
#pragma once

#include "nk-roll-call.h"

G_BEGIN_DECLS

/* The PDF's bytes; times in tz (the centre's).  centre_name may be NULL.
 * NULL with NK_REPORT_ERROR_PDF when cairo fails. */
GBytes  *nk_roll_call_pdf            (const NkRollCall *call, const char *centre_name, GTimeZone *tz,
                                      GError **error);
/* Writes it to path (a file on a USB stick, say) whole or not at all,
 * readable by its owner only. */
gboolean nk_roll_call_pdf_write_file (const NkRollCall *call, const char *centre_name, GTimeZone *tz,
                                      const char *path, GError **error);

/* The file name a roll call is written as: "roll-call-2026-11-23-0805.pdf". */
char    *nk_roll_call_pdf_file_name  (const NkRollCall *call, GTimeZone *tz);

G_END_DECLS
