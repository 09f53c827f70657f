/* nk-dashboard.h — the director's "today at a glance" (今日概览): one read
 * of every figure of today, each from its module's own query.
 *
 *   - per room (nk_attendance_list_rooms): children present against
 *     places, caregivers clocked in against those assigned to the room,
 *     and the ratio state (nk-ratio.h).  A child counts in the room the
 *     roster has them in now (a child moved up today counts once, in the
 *     new room);
 *   - the lines, each a count with the names behind it:
 *     NOT_ARRIVED     expected today and not checked in (nk_absence_list:
 *                     its time of day and open days), with or without a
 *                     reason recorded;
 *     AFTER_CLOSING   checked in and not out once kiosk.closing-time
 *                     (17:30 by default) has passed; nobody before it.
 *                     A stay left open from yesterday is not today's
 *                     (it is among staff mode's open stays);
 *     ILLNESS         absent through illness today (nk_absence_list_illness);
 *     HEALTH_PENDING  present without the morning (or, from 11:30, the
 *                     midday) health check (nk-health-check.h's marks);
 *     SLEEP_OVERDUE   sleep checks more than one interval overdue
 *                     (nk_sleep_check_list_due);
 *     MEDICINE_DUE    doses due now and not given (nk-medicine.h's marks);
 *     INCIDENTS_OPEN  incidents of today no guardian acknowledged yet
 *                     (the care log's lines after nk-incident-ack);
 *     CHECKUPS_DUE    check-ups due this month and not done
 *                     (nk_checkup_list); names not listed (the check-up
 *                     list shows them);
 *   - the outbox's records waiting (nk_store_count_pending).
 *
 * Speed: every figure but the check-ups is one query over today's rows
 * (indexed by date).  The check-ups due count needs every child's
 * schedule; NkDashboard keeps it per day and forgets it when a check-up
 * result is recorded or relayed ("changed::checkup.result") or the roster
 * changes ("changed::roster", which the pull of visits and the roster
 * also sends).
 *
 * NkDashboard emits "changed" (debounced to one idle) after any change of
 * the store: a screen showing the figures reads them again. */
#pragma once

#include <glib-object.h>

#include "nk-centre.h"
#include "nk-ratio.h"
#include "nk-store.h"

G_BEGIN_DECLS

/* kiosk.closing-time, minutes after local midnight (default 17:30). */
#define NK_DASHBOARD_CLOSING_DEFAULT (17 * 60 + 30)
void  nk_dashboard_set_closing_minutes (guint minutes);
guint nk_dashboard_get_closing_minutes (void);

typedef enum {
  NK_DASHBOARD_NOT_ARRIVED,
  NK_DASHBOARD_AFTER_CLOSING,
  NK_DASHBOARD_ILLNESS,
  NK_DASHBOARD_HEALTH_PENDING,
  NK_DASHBOARD_SLEEP_OVERDUE,
  NK_DASHBOARD_MEDICINE_DUE,
  NK_DASHBOARD_INCIDENTS_OPEN,
  NK_DASHBOARD_CHECKUPS_DUE,
  NK_DASHBOARD_N_LINES
} NkDashboardLine;

/* "not-arrived", "after-closing", … (widget names and tests) */
const char *nk_dashboard_line_to_string (NkDashboardLine line);
/* Whether the line changes with the time of day alone (re-read every minute). */
gboolean    nk_dashboard_line_timed     (NkDashboardLine line);

typedef struct {
  char        *room_id;
  char        *name;
  NkRoomKind   kind;
  guint        places;
  guint        present;
  guint        caregivers;   /* clocked in */
  guint        assigned;     /* on the roster for the room */
  guint        needed;       /* caregivers the children present need */
  NkRatioState ratio;
} NkDashboardRoom;

/* One name behind a line. */
typedef struct {
  char *child_id;
  char *name;
  char *room_id;     /* may be NULL */
  char *room_name;   /* may be NULL */
  char *detail;      /* translated, may be NULL: the symptoms, the dose… */
} NkDashboardName;

typedef struct {
  char      *date;                           /* YYYY-MM-DD at the centre */
  gint64     at_us;                          /* when read */
  GPtrArray *rooms;                          /* NkDashboardRoom*, youngest room first */
  guint      counts[NK_DASHBOARD_N_LINES];
  GPtrArray *names[NK_DASHBOARD_N_LINES];    /* NkDashboardName*; CHECKUPS_DUE: empty */
  gint64     pending;                        /* outbox records waiting, -1 unknown */
} NkDashboardFigures;

void nk_dashboard_figures_free (NkDashboardFigures *figures);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NkDashboardFigures, nk_dashboard_figures_free)

#define NK_TYPE_DASHBOARD (nk_dashboard_get_type ())
G_DECLARE_FINAL_TYPE (NkDashboard, nk_dashboard, NK, DASHBOARD, GObject)

NkDashboard        *nk_dashboard_new  (NkStore *store, NkCentre *centre);
/* Every figure at now_us (the centre's now, normally).  NULL with error
 * when the store fails (the screen says so; nothing is kept). */
NkDashboardFigures *nk_dashboard_read (NkDashboard *self, gint64 now_us, GError **error);
/* How many times the check-ups due were counted (not taken from the
 * day's cache), for tests. */
guint               nk_dashboard_get_checkup_counts (NkDashboard *self);

G_END_DECLS
