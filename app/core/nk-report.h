/* nk-report.h — the director's monthly reports (docs/admin.md "report"):
 * attendance (the basis of the per-child subsidy claims), place
 * utilisation, staff (certificate share and hours clocked) and health
 * (check-up coverage, check-ups overdue, illness absences and suspected
 * outbreaks).  Written as CSV here and as
 * PDF by nk-report-pdf.h; the admin tool and the dashboard call the same
 * functions.  No GTK.
 *
 * ## How a month is counted
 *
 *   - A month is a calendar month in the centre's time zone: the rows
 *     whose local date (attendance.local_date, staff_clock.local_date) is
 *     in it.  A check-in at 23:30 on the last day counts in that month.
 *   - A day present is a local date with a check-in; its room is the room
 *     the first check-in of that day carries (the child's room then), so
 *     a child who moved room mid-month has a row per room.
 *   - A stay runs from a check-in to the next check-out of the same
 *     person (in the merge order of nk-relay.h).  Its hours count wholly
 *     for the day it began, also when it runs past midnight (a stay begun
 *     on the last day of a month counts in that month).
 *   - A stay is not measured — it counts for the day but gives no hours —
 *     when it was left open (closed as "not checked out", or followed by
 *     another check-in), is still open (in care now), or its check-out's
 *     wall-clock time is before its check-in or more than 24 hours after
 *     it (the clock was changed in between).  The reports count them. */
#pragma once

#include <glib.h>
#include "nk-store.h"

G_BEGIN_DECLS

#define NK_REPORT_ERROR (nk_report_error_quark ())
GQuark nk_report_error_quark (void);

typedef enum {
  NK_REPORT_ERROR_MONTH,   /* not YYYY-MM, or a month still to come */
  NK_REPORT_ERROR_KIND,    /* not a report this knows */
  NK_REPORT_ERROR_PDF,     /* cairo could not write the PDF */
} NkReportError;

typedef enum {
  NK_REPORT_ATTENDANCE,
  NK_REPORT_UTILISATION,
  NK_REPORT_STAFF,
  NK_REPORT_HEALTH,
} NkReportKind;

/* "attendance", "utilisation", "staff", "health" */
const char *nk_report_kind_to_string   (NkReportKind kind);
gboolean    nk_report_kind_from_string (const char *name, NkReportKind *kind, GError **error);

/* Certified caregivers against all active caregivers: the policy target. */
#define NK_REPORT_CERTIFICATE_TARGET_PCT 90
/* A stay longer than this is not measured (the clock was changed). */
#define NK_REPORT_STAY_MAX_US (G_GINT64_CONSTANT (24) * 3600 * G_USEC_PER_SEC)

typedef struct {
  int  year;
  int  month;
  char first[11];   /* YYYY-MM-DD */
  char last[11];
  char next[11];    /* the first day of the next month */
  char text[8];     /* YYYY-MM */
} NkReportMonth;

/* Reads text ("YYYY-MM"); today is the centre's local date (YYYY-MM-DD).
 * FALSE with NK_REPORT_ERROR_MONTH (a translated message that says what
 * to write) when it is not a month or is after today's month. */
gboolean nk_report_month_parse (const char *text, const char *today, NkReportMonth *month, GError **error);

/* The month as the reports print it: "2026-11", "2026年11月" in Chinese. */
char    *nk_report_month_label (const NkReportMonth *month);

/* ---- the figures ---------------------------------------------------------- */

typedef struct {
  char  *child_id;
  char  *name;
  char  *room_id;
  char  *room_name;
  guint  days;             /* days present in this room */
  gint64 minutes;          /* measured stays */
  guint  unmeasured;       /* stays not measured */
} NkReportChild;

typedef struct {
  char  *room_id;
  char  *room_name;
  guint  places;           /* 0: the room is no longer on the roster */
  guint  children;         /* children with a day present */
  guint  days;             /* child-days present */
  gint64 minutes;
  guint  unmeasured;
} NkReportRoom;

/* One room on one day the centre was open (a day with a check-in). */
typedef struct {
  char  *date;
  char  *room_id;
  char  *room_name;
  guint  places;
  guint  present;
} NkReportRoomDay;

typedef struct {
  char  *staff_id;
  char  *name;
  char  *role;             /* caregiver, director, health */
  char  *certificate;      /* NULL or "": none */
  guint  days;             /* days clocked in */
  gint64 minutes;
  guint  unmeasured;
} NkReportStaff;

typedef struct {
  char  *child_id;
  char  *name;
  char  *room_name;
  guint  months;           /* the check-up's age; 0 entry */
  char  *due_date;
  char  *status;           /* "due", "overdue", "done" */
  char  *done_on;          /* may be NULL */
} NkReportCheckup;

/* An illness absence (nk-absence.h) covering a day of the month. */
typedef struct {
  char  *child_id;
  char  *name;
  char  *room_name;        /* the room recorded with the reason */
  char  *from_date;        /* the first day away */
  char  *until_date;       /* the last day covered */
  guint  days;             /* open days of the centre (absence.open-days) in the month it covers */
  char  *symptoms;         /* translated, "发热、咳嗽" */
} NkReportAbsence;

/* A suspected outbreak (nk-outbreak.h) whose last day is in the month. */
typedef struct {
  char    *scope;          /* "room", "centre" */
  char    *room_name;      /* "" for the centre */
  char    *symptom;        /* translated */
  guint    n_children;
  char    *from_date;
  char    *to_date;
  char    *acknowledged;   /* the local date of the director's acknowledgement, NULL: open */
} NkReportOutbreak;

typedef struct {
  NkReportKind  kind;
  NkReportMonth month;
  char         *centre_name;

  /* attendance (by room name, child name), and the centre's totals */
  GPtrArray    *children;    /* NkReportChild */
  GPtrArray    *rooms;       /* NkReportRoom, every room of the roster and any in the rows */
  NkReportRoom  total;
  /* utilisation (by date, room name) */
  GPtrArray    *room_days;   /* NkReportRoomDay */
  /* staff (by role, name) and the certificate share */
  GPtrArray    *staff;       /* NkReportStaff, active staff and anyone who clocked */
  guint         caregivers;
  guint         certified;
  /* health: the check-ups due up to the month's last day (due in the
   * month, overdue then, or done in the month) */
  GPtrArray    *checkups;    /* NkReportCheckup */
  guint         health_children;   /* active children */
  guint         health_covered;    /* of them, nothing overdue or due and not done */
  GPtrArray    *absences;          /* NkReportAbsence, by first day, room, name */
  GPtrArray    *outbreaks;         /* NkReportOutbreak, by last day */
} NkReport;

void nk_report_free (NkReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NkReport, nk_report_free)

/* The report kind for month.  The rows carry their local dates, made in
 * the centre's time zone when they were recorded (nk-centre.h).  today (the
 * centre's local date) is the entry check-up's due date of a child who has
 * not come yet (health); the health report counts an absence's days on the
 * open days of nk_absence_settings_get ().  centre_name may be NULL ("").
 * NULL with error when the store fails. */
NkReport *nk_report_build (NkStore *store, NkReportKind kind, const NkReportMonth *month,
                           const char *today, const char *centre_name, GError **error);

/* The centre's place utilisation over the room days of an attendance or
 * utilisation report from first up to next (YYYY-MM-DD, next excluded):
 * *present the child-days present in the rooms of the roster, *place_days
 * their places summed over the days the centre was open (a day with a
 * check-in), *open_days those days (may be NULL).  Utilisation is
 * present ÷ place_days: the monthly report's "Centre total" row, and the
 * trends' months (nk-trends.h). */
void nk_report_utilisation_between (const NkReport *report, const char *first, const char *next,
                                    guint *present, guint *place_days, guint *open_days);

/* Whether the certificate share meets the target: certified ÷ caregivers
 * ≥ 90 % (9 of 10 does); FALSE with no caregivers. */
gboolean nk_report_certificates_meet_target (guint certified, guint caregivers);

/* ---- as tables (CSV and PDF) ---------------------------------------------- */

typedef struct {
  const char *header;     /* N_(): translated by the table */
  double      width;      /* share of the page's width */
  gboolean    numeric;    /* right-aligned */
} NkReportColumn;

typedef struct {
  char                 *title;      /* translated */
  guint                 n_columns;
  const NkReportColumn *columns;
  const char          **headers;    /* translated, n_columns */
  GPtrArray            *rows;       /* GStrv of n_columns */
  GArray               *totals;     /* gboolean per row: a total (bold in the PDF) */
} NkReportTable;

void nk_report_table_free (NkReportTable *table);
/* A new table of the columns (N_() headers translated here), for the
 * reports and any other document printed as tables (the roll call). */
NkReportTable *nk_report_table_new (const char *title, const NkReportColumn *columns, guint n_columns);
/* Adds a row of n_columns texts (copied). */
void           nk_report_table_add (NkReportTable *table, gboolean total, const char *const *cells);

/* The report's title ("Monthly attendance", translated) and its tables
 * (NkReportTable, in the order printed); headers in the language of the
 * locale (LC_MESSAGES). */
const char *nk_report_title  (const NkReport *report);
GPtrArray  *nk_report_tables (const NkReport *report);

/* Appends the CSV: UTF-8 with a byte order mark, CRLF line ends, each
 * table its header row and its rows, the tables parted by an empty line;
 * a text that a spreadsheet would read as a formula is prefixed with '. */
void nk_report_to_csv (const NkReport *report, GString *out);

/* "7.5": minutes as hours to a tenth, whatever the locale. */
char *nk_report_format_hours (gint64 minutes);
/* "86.7": part ÷ whole as a percentage to a tenth; "" when whole is 0. */
char *nk_report_format_percent (guint part, guint whole);

G_END_DECLS
