/* nk-chart-private.h — what nk-chart.c (the drawing) and
 * nk-chart-describe.c (the words a screen reader reads) share. */
#pragma once

#include "nk-chart.h"

G_BEGIN_DECLS

struct _NkChart
{
  GtkWidget           parent_instance;

  NkChartKind         kind;
  char               *name;          /* the accessible name */
  char               *description;   /* the figures in words */
  /* NK_CHART_TODAY */
  NkTrendsToday       today;
  /* NK_CHART_RATE */
  char               *title;         /* the room */
  GArray             *rate_days;     /* NkTrendsRateDay */
  guint               rate_present;
  guint               rate_enrolled;
  /* NK_CHART_MONTHS */
  NkTrendsUtilisation months;
};

char *nk_chart_describe_today  (const NkTrendsToday *today);
char *nk_chart_describe_rate   (const NkTrendsRates *rates, const NkTrendsRoom *room);
char *nk_chart_describe_months (const NkTrendsUtilisation *utilisation);

G_END_DECLS
