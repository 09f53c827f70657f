/* nk-chart.h — the Trends page's pictures (nk-trends.h), drawn with
 * GtkSnapshot and cairo, text with Pango (Chinese and English alike):
 *   - today: arrivals up and departures down per quarter hour, the hours
 *     labelled under the axis;
 *   - a room's attendance rate: a bar per open day of the last 30, 0–100 %
 *     (one of the small multiples, one per room);
 *   - utilisation: a bar per month of the last 12 with its figure, the
 *     target as a dashed line.
 * Two series never differ by colour alone: departures and months below
 * the target are hatched, and every figure that matters is also written.
 * The accessible name says what the chart is, its description says its
 * figures in words (nk_chart_get_description). */
#pragma once

#include <gtk/gtk.h>

#include "core/nk-trends.h"

G_BEGIN_DECLS

#define NK_TYPE_CHART (nk_chart_get_type ())
G_DECLARE_FINAL_TYPE (NkChart, nk_chart, NK, CHART, GtkWidget)

typedef enum {
  NK_CHART_EMPTY,
  NK_CHART_TODAY,
  NK_CHART_RATE,
  NK_CHART_MONTHS,
} NkChartKind;

GtkWidget  *nk_chart_new (void);

void        nk_chart_set_today  (NkChart *self, const NkTrendsToday *today);
/* room's days (one per date of rates->dates) */
void        nk_chart_set_rate   (NkChart *self, const NkTrendsRates *rates, const NkTrendsRoom *room);
void        nk_chart_set_months (NkChart *self, const NkTrendsUtilisation *utilisation);
/* Nothing shown (staff mode locked: no figures stay behind). */
void        nk_chart_clear      (NkChart *self);

NkChartKind nk_chart_get_kind        (NkChart *self);
guint       nk_chart_get_n_bars      (NkChart *self);
const char *nk_chart_get_name        (NkChart *self);
const char *nk_chart_get_description (NkChart *self);

/* "08:00–08:15": quarter q (0–95) of the day */
char       *nk_chart_quarter_label   (int q);
/* "Nov" / "11月", "November 2026" / "2026年11月" */
const char *nk_chart_month_short     (int month);
char       *nk_chart_month_long      (int year, int month);

G_END_DECLS
