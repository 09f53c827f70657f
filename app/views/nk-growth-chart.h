/* nk-growth-chart.h — a small chart of a child's height and weight over
 * their age (the health record page): height on the left scale (cm),
 * weight on the right (kg), one point per check-up result.  Its
 * accessible description says the latest figures. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define NK_TYPE_GROWTH_CHART (nk_growth_chart_get_type ())
G_DECLARE_FINAL_TYPE (NkGrowthChart, nk_growth_chart, NK, GROWTH_CHART, GtkWidget)

typedef struct {
  double age_months;   /* at the check-up */
  int    height_mm;
  int    weight_g;
} NkGrowthPoint;

GtkWidget  *nk_growth_chart_new        (void);
/* points in age order (copied); latest_date names the last one's day. */
void        nk_growth_chart_set_points (NkGrowthChart *self, const NkGrowthPoint *points, guint n,
                                        const char *latest_date);
guint       nk_growth_chart_get_n_points (NkGrowthChart *self);
/* What a screen reader says. */
const char *nk_growth_chart_get_description (NkGrowthChart *self);

G_END_DECLS
