/* nk-dashboard-page.h — the director's "Today" (今日概览) in staff mode,
 * where the director's card or PIN lands: the figures of nk-dashboard.h.
 *
 * Per room a row: children present against places, caregivers clocked in
 * against those assigned, and a ratio badge in colour AND words (配比达标
 * / 配比临界 / 配比不足); it opens the room ("care.open-room").  Then one
 * row per line with its count, each opening the list behind it: the
 * absence list ("absence.open") for who has not arrived and the illness
 * absences, the check-up lists ("checkups.open"), the room's sleep checks
 * ("care.sleep-checks"), the rooms overview with the sync panel for the
 * sync line ("dashboard.overview"), and the page's own list of names
 * for the others.  While shown, the figures are read again after any
 * record (NkDashboard's "changed") and every minute (not arrived, after
 * closing, overdue change with the time alone). */
#pragma once

#include <gtk/gtk.h>

#include "core/nk-dashboard.h"
#include "core/nk-door.h"
#include "sync/nk-sync.h"

G_BEGIN_DECLS

#define NK_TYPE_DASHBOARD_PAGE (nk_dashboard_page_get_type ())
G_DECLARE_FINAL_TYPE (NkDashboardPage, nk_dashboard_page, NK, DASHBOARD_PAGE, GtkWidget)

/* Reads the figures from door's store and shows them; sync (may be NULL)
 * gives the sync line its state. */
void        nk_dashboard_page_show    (NkDashboardPage *self, NkDoor *door, NkSync *sync);
/* Lets go of the figures, the timer and the store (no child data stays). */
void        nk_dashboard_page_clear   (NkDashboardPage *self);
/* Reads the figures again now. */
void        nk_dashboard_page_refresh (NkDashboardPage *self);

/* For tests: the rooms' rows in order and the lines' rows (their
 * accessible names say the figures), how many reads were made. */
guint       nk_dashboard_page_get_n_rooms    (NkDashboardPage *self);
GtkWidget  *nk_dashboard_page_get_room_row   (NkDashboardPage *self, guint i);
GtkWidget  *nk_dashboard_page_get_line_row   (NkDashboardPage *self, NkDashboardLine line);
GtkWidget  *nk_dashboard_page_get_sync_row   (NkDashboardPage *self);
/* The names list shown ("" when the figures are shown): which line. */
const char *nk_dashboard_page_get_names_shown (NkDashboardPage *self);
guint       nk_dashboard_page_get_n_names    (NkDashboardPage *self);
guint       nk_dashboard_page_get_reads      (NkDashboardPage *self);
/* The accessible name of a widget (the rows'), for tests. */
char       *nk_dashboard_page_describe       (GtkWidget *row);

G_END_DECLS
