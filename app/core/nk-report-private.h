/* nk-report-private.h — what the parts of the reports share: stays read
 * from attendance or staff_clock rows and gathered per person and day
 * (nk-report-stays.c), and tables built row by row (nk-report.c). */
#pragma once

#include "nk-report.h"
#include "nk-store-private.h"

G_BEGIN_DECLS

/* One person's day: the room of its first check-in, the measured
 * minutes and the stays not measured. */
typedef struct {
  char  *person;
  char  *date;
  char  *room;
  gint64 minutes_us;   /* µs of measured stays */
  guint  unmeasured;
} NkReportDay;

/* Reads the stays of sql's rows — columns person, kind ('in', 'out',
 * 'not_out'), at_us, local_date, room; binds :first and :next (the
 * month's first day and the next month's); ordered by person, then the
 * merge order — and returns the days begun in the month: a GPtrArray of
 * NkReportDay, by person then date.  NULL with error (prefixed with what)
 * when the store fails. */
GPtrArray *nk_report_read_days (NkStore *store, const char *sql, const NkReportMonth *month, const char *what,
                                GError **error);

/* Runs sql and calls func for each row; binds :first, :last and :next
 * (the month's first and last days, the next month's first) where the
 * statement has them (month may be NULL when it has none).  FALSE with
 * error, prefixed with what, when the store fails. */
typedef void (*NkReportRowFunc) (sqlite3_stmt *row, gpointer data);
gboolean nk_report_each_row (NkStore *store, const char *sql, const NkReportMonth *month, const char *what,
                             NkReportRowFunc func, gpointer data, GError **error);

/* The attendance rows read_days reads (columns person, kind, at_us,
 * local_date, room), for the figures that count days present the way the
 * reports do (nk-trends.h). */
extern const char nk_report_attendance_sql[];

gboolean nk_report_build_attendance (NkReport *report, NkStore *store, GError **error);
gboolean nk_report_build_staff      (NkReport *report, NkStore *store, GError **error);
gboolean nk_report_build_health     (NkReport *report, NkStore *store, const char *today, GError **error);


void nk_report_tables_attendance  (const NkReport *report, GPtrArray *tables);
void nk_report_tables_utilisation (const NkReport *report, GPtrArray *tables);
void nk_report_tables_staff       (const NkReport *report, GPtrArray *tables);
void nk_report_tables_health      (const NkReport *report, GPtrArray *tables);

G_END_DECLS
