/* nk-report-pdf.h — a monthly report (nk-report.h) as a PDF: A4, cairo's
 * PDF surface with Pango, the fonts embedded (Noto Sans CJK for Chinese),
 * the centre's name, the report's title and the month at the top of
 * every page and its number at the foot; a table that runs over a page
 * goes on with its header repeated.  In its own library (nk-report-pdf)
 * so that core needs neither cairo nor Pango; no GTK. */
#pragma once

#include "nk-report.h"

G_BEGIN_DECLS

/* The PDF's bytes; NULL with NK_REPORT_ERROR_PDF when cairo fails.  The
 * words are in the language of the locale (LC_MESSAGES). */
GBytes *nk_report_pdf (const NkReport *report, GError **error);

/* The same for any document printed as tables (NkReportTable, in
 * order): centre_name (may be NULL) at the top of every page, then
 * "title · subtitle". */
GBytes *nk_report_pdf_tables (const char *centre_name, const char *title, const char *subtitle,
                              GPtrArray *tables, GError **error);

/* Writes bytes to path whole or not at all, readable by its owner only. */
gboolean nk_report_write_bytes (GBytes *bytes, const char *path, GError **error);

typedef enum {
  NK_REPORT_CSV,
  NK_REPORT_PDF,
} NkReportFormat;

/* The report as CSV (nk_report_to_csv) or PDF bytes. */
GBytes  *nk_report_render     (const NkReport *report, NkReportFormat format, GError **error);
/* Writes it to path (a file on a USB stick, say) whole or not at all,
 * readable by its owner only: it holds children's and staff's data. */
gboolean nk_report_write_file (const NkReport *report, NkReportFormat format, const char *path,
                               GError **error);

G_END_DECLS
