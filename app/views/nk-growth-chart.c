/* nk-growth-chart.c — height and weight over age (nk-growth-chart.h),
 * drawn with GtkSnapshot: two lines over a light grid, the scales'
 * figures at the ends.  Colours come from the widget's CSS colour (the
 * height line) and the accent (the weight line), so the chart follows the
 * kiosk's style. */
#define G_LOG_DOMAIN "nk-views"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "core/nk-checkup.h"
#include "nk-growth-chart.h"

#define PAD_LEFT   64.0
#define PAD_RIGHT  64.0
#define PAD_TOP    24.0
#define PAD_BOTTOM 32.0
#define DOT        8.0

struct _NkGrowthChart
{
  GtkWidget  parent_instance;

  GArray    *points;        /* NkGrowthPoint */
  char      *description;
};

G_DEFINE_FINAL_TYPE (NkGrowthChart, nk_growth_chart, GTK_TYPE_WIDGET)

static void
range (NkGrowthChart *self, gboolean height, double *lo, double *hi)
{
  *lo = G_MAXDOUBLE;
  *hi = -G_MAXDOUBLE;
  for (guint i = 0; i < self->points->len; i++)
    {
      NkGrowthPoint *p = &g_array_index (self->points, NkGrowthPoint, i);
      double v = height ? p->height_mm / 10.0 : p->weight_g / 1000.0;

      *lo = MIN (*lo, v);
      *hi = MAX (*hi, v);
    }
  /* some room around, and never a flat scale */
  *lo = floor (*lo - (height ? 2 : 0.5));
  *hi = ceil (*hi + (height ? 2 : 0.5));
}

static void
age_range (NkGrowthChart *self, double *lo, double *hi)
{
  *lo = g_array_index (self->points, NkGrowthPoint, 0).age_months;
  *hi = g_array_index (self->points, NkGrowthPoint, self->points->len - 1).age_months;
  if (*hi - *lo < 3)
    {
      *lo = MAX (0, *lo - 1.5);
      *hi = *lo + 3;
    }
}

static void
text_at (GtkWidget *widget, GtkSnapshot *snapshot, const char *text, double x, double y,
         double align, const GdkRGBA *colour)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, text);
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x - align * w, y - h / 2.0));
  gtk_snapshot_append_layout (snapshot, layout, colour);
  gtk_snapshot_restore (snapshot);
  g_object_unref (layout);
}

static void
draw_series (NkGrowthChart *self, GtkSnapshot *snapshot, gboolean height, const GdkRGBA *colour,
             double w, double h)
{
  double lo, hi, alo, ahi;
  cairo_t *cr;

  range (self, height, &lo, &hi);
  age_range (self, &alo, &ahi);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, w, h));
  gdk_cairo_set_source_rgba (cr, colour);
  cairo_set_line_width (cr, 3);
  for (guint i = 0; i < self->points->len; i++)
    {
      NkGrowthPoint *p = &g_array_index (self->points, NkGrowthPoint, i);
      double v = height ? p->height_mm / 10.0 : p->weight_g / 1000.0;
      double x = PAD_LEFT + (p->age_months - alo) / (ahi - alo) * (w - PAD_LEFT - PAD_RIGHT);
      double y = h - PAD_BOTTOM - (v - lo) / (hi - lo) * (h - PAD_TOP - PAD_BOTTOM);

      if (i == 0)
        cairo_move_to (cr, x, y);
      else
        cairo_line_to (cr, x, y);
    }
  cairo_stroke (cr);
  for (guint i = 0; i < self->points->len; i++)
    {
      NkGrowthPoint *p = &g_array_index (self->points, NkGrowthPoint, i);
      double v = height ? p->height_mm / 10.0 : p->weight_g / 1000.0;
      double x = PAD_LEFT + (p->age_months - alo) / (ahi - alo) * (w - PAD_LEFT - PAD_RIGHT);
      double y = h - PAD_BOTTOM - (v - lo) / (hi - lo) * (h - PAD_TOP - PAD_BOTTOM);

      if (height)
        cairo_arc (cr, x, y, DOT / 2, 0, 2 * G_PI);
      else
        cairo_rectangle (cr, x - DOT / 2, y - DOT / 2, DOT, DOT);
      cairo_fill (cr);
    }
  cairo_destroy (cr);
}

static void
nk_growth_chart_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  NkGrowthChart *self = NK_GROWTH_CHART (widget);
  double w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  GdkRGBA fg, weight = { 0.11, 0.44, 0.85, 1 }, grid;
  double lo, hi, alo, ahi;
  char buf[32];

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  grid = fg;
  grid.alpha = 0.15;
  if (self->points->len == 0 || w < PAD_LEFT + PAD_RIGHT + 10 || h < PAD_TOP + PAD_BOTTOM + 10)
    {
      text_at (widget, snapshot, _("No height or weight recorded yet"), w / 2, h / 2, 0.5, &fg);
      return;
    }
  for (int i = 0; i <= 4; i++)
    {
      double y = PAD_TOP + i * (h - PAD_TOP - PAD_BOTTOM) / 4;
      gtk_snapshot_append_color (snapshot, &grid, &GRAPHENE_RECT_INIT (PAD_LEFT, y, w - PAD_LEFT - PAD_RIGHT, 1));
    }
  draw_series (self, snapshot, TRUE, &fg, w, h);
  draw_series (self, snapshot, FALSE, &weight, w, h);

  range (self, TRUE, &lo, &hi);
  g_snprintf (buf, sizeof buf, "%.0f cm", hi);
  text_at (widget, snapshot, buf, PAD_LEFT - 6, PAD_TOP, 1, &fg);
  g_snprintf (buf, sizeof buf, "%.0f cm", lo);
  text_at (widget, snapshot, buf, PAD_LEFT - 6, h - PAD_BOTTOM, 1, &fg);
  range (self, FALSE, &lo, &hi);
  g_snprintf (buf, sizeof buf, "%.0f kg", hi);
  text_at (widget, snapshot, buf, w - PAD_RIGHT + 6, PAD_TOP, 0, &weight);
  g_snprintf (buf, sizeof buf, "%.0f kg", lo);
  text_at (widget, snapshot, buf, w - PAD_RIGHT + 6, h - PAD_BOTTOM, 0, &weight);
  age_range (self, &alo, &ahi);
  {
    /* TRANSLATORS: the chart's age scale, in months */
    g_autofree char *from = g_strdup_printf (_("%.0f months"), alo);
    g_autofree char *to = g_strdup_printf (_("%.0f months"), ahi);

    text_at (widget, snapshot, from, PAD_LEFT, h - PAD_BOTTOM / 2 + 2, 0, &fg);
    text_at (widget, snapshot, to, w - PAD_RIGHT, h - PAD_BOTTOM / 2 + 2, 1, &fg);
  }
}

static void
nk_growth_chart_measure (GtkWidget *widget, GtkOrientation orientation, int for_size, int *minimum,
                         int *natural, int *minimum_baseline, int *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 240 : 140;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 480 : 180;
}

static void
nk_growth_chart_finalize (GObject *object)
{
  NkGrowthChart *self = NK_GROWTH_CHART (object);

  g_clear_pointer (&self->points, g_array_unref);
  g_free (self->description);
  G_OBJECT_CLASS (nk_growth_chart_parent_class)->finalize (object);
}

static void
nk_growth_chart_class_init (NkGrowthChartClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = nk_growth_chart_finalize;
  widget_class->snapshot = nk_growth_chart_snapshot;
  widget_class->measure = nk_growth_chart_measure;
  gtk_widget_class_set_css_name (widget_class, "nkgrowthchart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
nk_growth_chart_init (NkGrowthChart *self)
{
  self->points = g_array_new (FALSE, FALSE, sizeof (NkGrowthPoint));
  nk_growth_chart_set_points (self, NULL, 0, NULL);
}

GtkWidget *
nk_growth_chart_new (void)
{
  return g_object_new (NK_TYPE_GROWTH_CHART, NULL);
}

void
nk_growth_chart_set_points (NkGrowthChart       *self,
                            const NkGrowthPoint *points,
                            guint                n,
                            const char          *latest_date)
{
  g_return_if_fail (NK_IS_GROWTH_CHART (self));

  g_array_set_size (self->points, 0);
  if (n > 0)
    g_array_append_vals (self->points, points, n);
  g_free (self->description);
  if (n == 0)
    self->description = g_strdup (_("Growth chart: no height or weight recorded yet"));
  else
    {
      g_autofree char *cm = nk_checkup_format_cm (points[n - 1].height_mm);
      g_autofree char *kg = nk_checkup_format_kg (points[n - 1].weight_g);

      /* TRANSLATORS: the chart's description for a screen reader: number of
       * check-ups, then the latest height, weight and their date */
      self->description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                        "Growth chart of %u check-up: latest height %s, weight %s, on %s",
                                                        "Growth chart of %u check-ups: latest height %s, weight %s, on %s",
                                                        n),
                                           n, cm, kg, latest_date != NULL ? latest_date : "");
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Height and weight over time"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->description, -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
nk_growth_chart_get_n_points (NkGrowthChart *self)
{
  return self->points->len;
}

const char *
nk_growth_chart_get_description (NkGrowthChart *self)
{
  return self->description;
}
