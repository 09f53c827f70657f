/* nk-export.h — the attendance export of `nursery-kiosk-admin
 * export-attendance` (docs/admin.md): one CSV row per child and day with
 * the first check-in and the last check-out in the centre's local time. */
#pragma once

#include <glib.h>
#include "nk-store.h"

G_BEGIN_DECLS

/* TRUE when text is a real date written YYYY-MM-DD. */
gboolean nk_export_valid_date (const char *text);

/* Appends to out the CSV (UTF-8 with a byte order mark, CRLF line ends)
 * for local dates from..to inclusive (YYYY-MM-DD):
 *   child_id,child_name,room,date,check_in,check_out,status
 * check_in / check_out are HH:MM in tz; status is present (checked out),
 * in_care (today, not yet checked out), not_checked_out (an earlier day
 * left open) or no_check_in (a check-out with no check-in that day).
 * today: the centre's local date (YYYY-MM-DD), which tells in_care from
 * not_checked_out.  n_rows (may be NULL) gets the number of data rows. */
gboolean nk_export_attendance (NkStore *store, GTimeZone *tz, const char *from, const char *to,
                               const char *today, GString *out, guint *n_rows, GError **error);

/* The folders a file for staff (a roll call's PDF, a report) can be
 * written to, as paths: exports_dir first (made, owner only, when
 * missing), then each writable folder mounted under media (depth one,
 * "/media/usb0") and run_media (depth two, "/run/media/user/STICK"), by
 * name.  media and run_media may be NULL.  A folder that cannot be read
 * is skipped with a message in the journal. */
GPtrArray *nk_export_folders (const char *exports_dir, const char *media, const char *run_media);

G_END_DECLS
