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

G_END_DECLS
