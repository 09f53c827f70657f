/* nk-trends-page.h — the director's "Trends" (趋势) in staff mode: three
 * pictures with their titles, scrolled (nk-chart.h over nk-trends.h):
 * arrivals and departures today per quarter hour, the attendance rate of
 * each room over the last 30 days (small multiples, three a line), and
 * place utilisation over the last 12 months against the target.  While
 * shown, today's picture follows the store's changed::attendance; the
 * rooms' and the months' figures come a moment later, read by a worker
 * thread on a connection of its own. */
#pragma once

#include <gtk/gtk.h>

#include "core/nk-door.h"
#include "nk-chart.h"

G_BEGIN_DECLS

#define NK_TYPE_TRENDS_PAGE (nk_trends_page_get_type ())
G_DECLARE_FINAL_TYPE (NkTrendsPage, nk_trends_page, NK, TRENDS_PAGE, GtkWidget)

/* Reads the three figures from door's store and shows them. */
void     nk_trends_page_show  (NkTrendsPage *self, NkDoor *door);
/* Lets go of the figures and the store. */
void     nk_trends_page_clear (NkTrendsPage *self);

/* For tests: the charts (the rooms' in order). */
NkChart *nk_trends_page_get_today_chart  (NkTrendsPage *self);
NkChart *nk_trends_page_get_months_chart (NkTrendsPage *self);
guint    nk_trends_page_get_n_rooms      (NkTrendsPage *self);
NkChart *nk_trends_page_get_room_chart   (NkTrendsPage *self, guint i);

G_END_DECLS
