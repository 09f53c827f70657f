/* nk-chart.c — the Trends page's pictures (nk-chart.h): the figures kept,
 * the bars and lines drawn with cairo inside one GtkSnapshot node, the
 * text laid out by Pango over them.  The descriptions a screen reader
 * reads are made in nk-chart-describe.c.
 *
 * Colours are the Okabe–Ito blue and vermillion, told apart by readers
 * with any common colour-vision deficiency; the second series is hatched
 * as well, and the legend names both. */
#define G_LOG_DOMAIN "nk-views"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "nk-chart-private.h"

G_DEFINE_FINAL_TYPE (NkChart, nk_chart, GTK_TYPE_WIDGET)

static const GdkRGBA blue = { 0.0, 0x72 / 255.0, 0xB2 / 255.0, 1 };
static const GdkRGBA vermillion = { 0xD5 / 255.0, 0x5E / 255.0, 0.0, 1 };

#define GAP 8.0

/* ---- text ----------------------------------------------------------------------- */

static PangoLayout *
layout_new (NkChart *self, const char *text, gboolean bold)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);

  if (bold)
    {
      PangoAttrList *attrs = pango_attr_list_new ();

      pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
      pango_layout_set_attributes (layout, attrs);
      pango_attr_list_unref (attrs);
    }
  return layout;
}

static void
text_size (NkChart *self, const char *text, double *w, double *h)
{
  g_autoptr (PangoLayout) layout = layout_new (self, text, FALSE);
  int pw, ph;

  pango_layout_get_pixel_size (layout, &pw, &ph);
  *w = pw;
  *h = ph;
}

/* text with its top at y; xalign 0 left, 0.5 centred, 1 right of x.  width
 * > 0: ellipsized to it. */
static void
draw_text (NkChart *self, GtkSnapshot *snapshot, const char *text, double x, double y, double xalign,
           gboolean bold, double width, const GdkRGBA *colour)
{
  g_autoptr (PangoLayout) layout = layout_new (self, text, bold);
  int w, h;

  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  pango_layout_get_pixel_size (layout, &w, &h);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (round (x - xalign * w), round (y)));
  gtk_snapshot_append_layout (snapshot, layout, colour);
  gtk_snapshot_restore (snapshot);
}

/* ---- shapes --------------------------------------------------------------------- */

static void
bar (cairo_t *cr, double x, double y, double w, double h, const GdkRGBA *colour, gboolean hatched)
{
  if (h < 0)
    {
      y += h;
      h = -h;
    }
  if (w <= 0 || h <= 0)
    return;
  cairo_save (cr);
  cairo_rectangle (cr, x, y, w, h);
  gdk_cairo_set_source_rgba (cr, colour);
  if (!hatched)
    {
      cairo_fill (cr);
      cairo_restore (cr);
      return;
    }
  /* hatched: a light fill with the colour's diagonal lines and outline */
  cairo_clip_preserve (cr);
  cairo_set_source_rgba (cr, colour->red, colour->green, colour->blue, 0.25);
  cairo_fill (cr);
  gdk_cairo_set_source_rgba (cr, colour);
  cairo_set_line_width (cr, 2.5);
  for (double d = -h; d < w; d += 7)
    {
      cairo_move_to (cr, x + d, y + h);
      cairo_line_to (cr, x + d + h, y);
    }
  cairo_stroke (cr);
  cairo_rectangle (cr, x + 1, y + 1, w - 2, h - 2);
  cairo_set_line_width (cr, 2);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
hline (cairo_t *cr, double x0, double x1, double y, const GdkRGBA *colour, double width, gboolean dashed)
{
  static const double dash[] = { 10, 6 };

  cairo_save (cr);
  gdk_cairo_set_source_rgba (cr, colour);
  cairo_set_line_width (cr, width);
  if (dashed)
    cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
  cairo_move_to (cr, x0, round (y) + (((int) width) % 2 ? 0.5 : 0));
  cairo_line_to (cr, x1, round (y) + (((int) width) % 2 ? 0.5 : 0));
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* ---- the legend ------------------------------------------------------------------- */

typedef enum { SWATCH_SOLID, SWATCH_HATCHED, SWATCH_DASH } Swatch;

typedef struct {
  const char    *text;
  const GdkRGBA *colour;
  Swatch         swatch;
} LegendItem;

#define SWATCH_W 28.0

/* Lays the items out from the top left, wrapping at width; draws them when
 * cr is not NULL.  Returns the legend's height. */
static double
legend (NkChart *self, GtkSnapshot *snapshot, cairo_t *cr, const LegendItem *items, guint n, double width,
        const GdkRGBA *fg)
{
  double x = 0, y = 0, line_h = 0;

  for (guint i = 0; i < n; i++)
    {
      double tw, th, item_w;

      text_size (self, items[i].text, &tw, &th);
      item_w = SWATCH_W + GAP + tw;
      if (x > 0 && x + item_w > width)
        {
          x = 0;
          y += line_h + GAP / 2;
        }
      line_h = MAX (line_h, th);
      if (cr != NULL)
        {
          if (items[i].swatch == SWATCH_DASH)
            hline (cr, x, x + SWATCH_W, y + th / 2, items[i].colour, 3, TRUE);
          else
            bar (cr, x, y + th / 2 - 9, SWATCH_W, 18, items[i].colour, items[i].swatch == SWATCH_HATCHED);
          draw_text (self, snapshot, items[i].text, x + SWATCH_W + GAP, y, 0, FALSE, 0, fg);
        }
      x += item_w + 2 * GAP;
    }
  return y + line_h;
}

/* ---- today -------------------------------------------------------------------- */

/* The hours shown: 07:00–19:00, wider when the day's rows are. */
static void
today_hours (NkChart *self, int *first, int *last)
{
  *first = 7;
  *last = 19;
  for (int q = 0; q < NK_TRENDS_QUARTERS; q++)
    if (self->today.arrivals[q] + self->today.departures[q] > 0)
      {
        *first = MIN (*first, q / 4);
        *last = MAX (*last, q / 4 + 1);
      }
}

/* A round top for a scale of counts up to max. */
static guint
nice_max (guint max)
{
  static const guint steps[] = { 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000 };

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (max <= steps[i])
      return steps[i];
  return max;
}

static void
snapshot_today (NkChart *self, GtkSnapshot *snapshot, double w, double h, const GdkRGBA *fg,
                const GdkRGBA *grid)
{
  const LegendItem items[] = {
    /* TRANSLATORS: the legend of the arrivals' bars, drawn above the line (到园) */
    { _("Arrivals (up)"), &blue, SWATCH_SOLID },
    /* TRANSLATORS: the legend of the departures' bars, drawn below the line, hatched (离园) */
    { _("Departures (down, hatched)"), &vermillion, SWATCH_HATCHED },
  };
  guint max_count = 0;
  int first, last, n, busiest_in, busiest_out;
  double legend_h, th, tw, left, top, bottom, axis, half, bw, label_step;
  g_autofree char *top_text = NULL;
  cairo_t *cr;

  today_hours (self, &first, &last);
  n = (last - first) * 4;
  for (int q = 0; q < NK_TRENDS_QUARTERS; q++)
    max_count = MAX (max_count, MAX (self->today.arrivals[q], self->today.departures[q]));
  max_count = nice_max (MAX (max_count, 1));
  top_text = g_strdup_printf ("%u", max_count);
  text_size (self, top_text, &tw, &th);

  legend_h = legend (self, NULL, NULL, items, G_N_ELEMENTS (items), w, fg);
  left = tw + GAP;
  top = legend_h + GAP + th;        /* room for the busiest arrival's figure */
  bottom = h - 2 * th - GAP;        /* the busiest departure's figure, the hours */
  if (bottom - top < 40 || w - left < 4.0 * n)
    return;
  axis = (top + bottom) / 2;
  half = axis - top;
  bw = (w - left) / n;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, w, h));
  legend (self, snapshot, cr, items, G_N_ELEMENTS (items), w, fg);
  hline (cr, left, w, top, grid, 1, FALSE);
  hline (cr, left, w, bottom, grid, 1, FALSE);
  for (int q = 0; q < n; q++)
    {
      guint in = self->today.arrivals[first * 4 + q], out = self->today.departures[first * 4 + q];
      double x = left + q * bw + bw * 0.1;

      bar (cr, x, axis, bw * 0.8, -half * in / max_count, &blue, FALSE);
      bar (cr, x, axis, bw * 0.8, half * out / max_count, &vermillion, TRUE);
    }
  hline (cr, left, w, axis, fg, 2, FALSE);

  /* the scale */
  draw_text (self, snapshot, top_text, left - GAP / 2, top - th / 2, 1, FALSE, 0, fg);
  draw_text (self, snapshot, "0", left - GAP / 2, axis - th / 2, 1, FALSE, 0, fg);
  draw_text (self, snapshot, top_text, left - GAP / 2, bottom - th / 2, 1, FALSE, 0, fg);

  /* the hours, as often as their labels fit */
  text_size (self, "00:00", &tw, &th);
  label_step = 1;
  while (label_step * 4 * bw < tw + 2 * GAP && label_step < 6)
    label_step++;
  for (int hour = first; hour <= last; hour++)
    {
      double x = left + (hour - first) * 4 * bw;
      g_autofree char *text = NULL;

      cairo_rectangle (cr, round (x), bottom, 1, GAP / 2);
      gdk_cairo_set_source_rgba (cr, fg);
      cairo_fill (cr);
      if ((hour - first) % (int) label_step != 0)
        continue;
      text = g_strdup_printf ("%02d:00", hour);
      draw_text (self, snapshot, text, CLAMP (x, tw / 2, w - tw / 2), h - th, 0.5, FALSE, 0, fg);
    }

  /* the busiest quarters' figures, by their bars */
  busiest_in = nk_trends_busiest (self->today.arrivals);
  busiest_out = nk_trends_busiest (self->today.departures);
  if (busiest_in >= first * 4 && busiest_in < last * 4)
    {
      guint v = self->today.arrivals[busiest_in];
      g_autofree char *text = g_strdup_printf ("%u", v);
      double x = left + (busiest_in - first * 4 + 0.5) * bw;

      draw_text (self, snapshot, text, CLAMP (x, left, w - tw / 2), axis - half * v / max_count - th, 0.5, TRUE,
                 0, &blue);
    }
  if (busiest_out >= first * 4 && busiest_out < last * 4)
    {
      guint v = self->today.departures[busiest_out];
      g_autofree char *text = g_strdup_printf ("%u", v);
      double x = left + (busiest_out - first * 4 + 0.5) * bw;

      draw_text (self, snapshot, text, CLAMP (x, left, w - tw / 2), axis + half * v / max_count, 0.5, TRUE, 0,
                 &vermillion);
    }
  cairo_destroy (cr);
}

/* ---- a room's rate ------------------------------------------------------------------ */

static void
snapshot_rate (NkChart *self, GtkSnapshot *snapshot, double w, double h, const GdkRGBA *fg, const GdkRGBA *grid)
{
  guint n = self->rate_days->len;
  double tw, th, left, top, bottom, bw;
  int average = nk_trends_percent (self->rate_present, self->rate_enrolled);
  g_autofree char *mean = NULL;
  double mw = 0, mh;
  cairo_t *cr;

  text_size (self, "100%", &tw, &th);
  /* the room's name, cut short before its average (right) if need be */
  if (average >= 0)
    {
      /* TRANSLATORS: a room's small chart, at the right of its name: its attendance rate over the last 30 days */
      mean = g_strdup_printf (_("average %d%%"), average);
      text_size (self, mean, &mw, &mh);
      draw_text (self, snapshot, mean, w, 0, 1, FALSE, 0, fg);
    }
  draw_text (self, snapshot, self->title, 0, 0, 0, TRUE, w - mw - (mw > 0 ? 2 * GAP : 0), fg);
  left = tw + GAP;
  top = th + GAP + th / 2;
  bottom = h - th - GAP / 2;
  if (bottom - top < 30)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, w, h));
  hline (cr, left, w, top, grid, 1, FALSE);
  hline (cr, left, w, (top + bottom) / 2, grid, 1, TRUE);
  hline (cr, left, w, bottom, fg, 2, FALSE);
  draw_text (self, snapshot, "100%", left - GAP / 2, top - th / 2, 1, FALSE, 0, fg);
  draw_text (self, snapshot, "50%", left - GAP / 2, (top + bottom) / 2 - th / 2, 1, FALSE, 0, fg);
  draw_text (self, snapshot, "0", left - GAP / 2, bottom - th / 2, 1, FALSE, 0, fg);
  if (n == 0 || self->rate_enrolled == 0)
    {
      const char *none = n == 0 ? _("Not open in these days") : _("No children enrolled");

      draw_text (self, snapshot, none, (left + w) / 2, (top + bottom) / 2 - th, 0.5, FALSE, 0, fg);
      cairo_destroy (cr);
      return;
    }
  bw = (w - left) / n;
  for (guint i = 0; i < n; i++)
    {
      NkTrendsRateDay *day = &g_array_index (self->rate_days, NkTrendsRateDay, i);
      int rate = nk_trends_percent (day->present, day->enrolled);

      if (rate >= 0)
        bar (cr, left + i * bw + bw * 0.15, bottom, MAX (bw * 0.7, 1), -(bottom - top) * rate / 100.0, &blue,
             FALSE);
    }
  cairo_destroy (cr);
  /* the first and last days, MM-DD */
  draw_text (self, snapshot, g_array_index (self->rate_days, NkTrendsRateDay, 0).date + 5, left, h - th, 0,
             FALSE, 0, fg);
  if (n > 1)
    draw_text (self, snapshot, g_array_index (self->rate_days, NkTrendsRateDay, n - 1).date + 5, w, h - th, 1,
               FALSE, 0, fg);
}

/* ---- utilisation per month ---------------------------------------------------------------- */

static void
snapshot_months (NkChart *self, GtkSnapshot *snapshot, double w, double h, const GdkRGBA *fg,
                 const GdkRGBA *grid)
{
  g_autofree char *target_text = g_strdup_printf (_("Target %u%%"), self->months.target);
  const LegendItem items[] = {
    /* TRANSLATORS: the legend of the months whose utilisation met the target (达标) */
    { _("Met the target"), &blue, SWATCH_SOLID },
    /* TRANSLATORS: the legend of the months below the target, hatched bars (未达标) */
    { _("Below the target (hatched)"), &vermillion, SWATCH_HATCHED },
    { target_text, fg, SWATCH_DASH },
  };
  double legend_h, tw, th, left, top, bottom, bw, target_y;
  cairo_t *cr;

  legend_h = legend (self, NULL, NULL, items, G_N_ELEMENTS (items), w, fg);
  text_size (self, "100%", &tw, &th);
  left = tw + GAP;
  top = legend_h + GAP + th + GAP / 2;   /* a month's figure above its bar */
  bottom = h - 2 * th - GAP / 2;          /* month, and year under the first and January */
  if (bottom - top < 40)
    return;
  bw = (w - left) / NK_TRENDS_MONTHS;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, w, h));
  legend (self, snapshot, cr, items, G_N_ELEMENTS (items), w, fg);
  hline (cr, left, w, top, grid, 1, FALSE);
  hline (cr, left, w, (top + bottom) / 2, grid, 1, FALSE);
  draw_text (self, snapshot, "100%", left - GAP / 2, top - th / 2, 1, FALSE, 0, fg);
  draw_text (self, snapshot, "50%", left - GAP / 2, (top + bottom) / 2 - th / 2, 1, FALSE, 0, fg);
  draw_text (self, snapshot, "0", left - GAP / 2, bottom - th / 2, 1, FALSE, 0, fg);
  /* the bars first, then the target over them, then the figures over both */
  for (guint i = 0; i < NK_TRENDS_MONTHS; i++)
    {
      const NkTrendsMonth *m = &self->months.months[i];
      int share = nk_trends_percent (m->present, m->place_days);
      double x = left + i * bw, y = bottom - (bottom - top) * MIN (MAX (share, 0), 100) / 100.0;

      if (share >= 0)
        bar (cr, x + bw * 0.15, bottom, bw * 0.7, y - bottom, share >= (int) self->months.target ? &blue
                                                                                                   : &vermillion,
             share < (int) self->months.target);
    }
  target_y = bottom - (bottom - top) * self->months.target / 100.0;
  hline (cr, left, w, target_y, fg, 3, TRUE);
  for (guint i = 0; i < NK_TRENDS_MONTHS; i++)
    {
      const NkTrendsMonth *m = &self->months.months[i];
      int share = nk_trends_percent (m->present, m->place_days);
      double cx = left + i * bw + bw / 2, y;
      g_autofree char *value = share >= 0 ? g_strdup_printf ("%d%%", share) : g_strdup ("–");

      /* utilisation over 100 % (a room over its places) is drawn at the top */
      y = bottom - (bottom - top) * MIN (MAX (share, 0), 100) / 100.0;
      {
        double vw, vh;

        /* a light pill behind the figure: the target line passes behind it */
        text_size (self, value, &vw, &vh);
        cairo_save (cr);
        cairo_set_source_rgba (cr, 1, 1, 1, 0.9);
        cairo_rectangle (cr, cx - vw / 2 - 3, y - th - GAP / 4, vw + 6, vh);
        cairo_fill (cr);
        cairo_restore (cr);
      }
      draw_text (self, snapshot, value, cx, y - th - GAP / 4, 0.5, TRUE, 0, fg);
      draw_text (self, snapshot, nk_chart_month_short (m->month), cx, bottom + GAP / 4, 0.5, FALSE, 0, fg);
      if (i == 0 || m->month == 1)
        {
          /* TRANSLATORS: the year under the first month and January of the utilisation chart (2026年) */
          g_autofree char *year = g_strdup_printf (C_("chart year", "%d"), m->year);

          draw_text (self, snapshot, year, cx, bottom + GAP / 4 + th, 0.5, FALSE, 0, fg);
        }
    }
  hline (cr, left, w, bottom, fg, 2, FALSE);
  cairo_destroy (cr);
}

/* ---- the widget ----------------------------------------------------------------------------- */

static void
nk_chart_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  NkChart *self = NK_CHART (widget);
  double w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  GdkRGBA fg, grid;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  grid = fg;
  grid.alpha = 0.2;
  switch (self->kind)
    {
    case NK_CHART_TODAY:
      snapshot_today (self, snapshot, w, h, &fg, &grid);
      break;
    case NK_CHART_RATE:
      snapshot_rate (self, snapshot, w, h, &fg, &grid);
      break;
    case NK_CHART_MONTHS:
      snapshot_months (self, snapshot, w, h, &fg, &grid);
      break;
    case NK_CHART_EMPTY:
    default:
      break;
    }
}

static void
nk_chart_measure (GtkWidget *widget, GtkOrientation orientation, int for_size, int *minimum, int *natural,
                  int *minimum_baseline, int *natural_baseline)
{
  NkChart *self = NK_CHART (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = self->kind == NK_CHART_RATE ? 280 : 480;
      *natural = self->kind == NK_CHART_RATE ? 300 : 960;
    }
  else
    {
      *minimum = self->kind == NK_CHART_RATE ? 170 : 280;
      *natural = self->kind == NK_CHART_RATE ? 190 : 320;
    }
}

static void
nk_chart_finalize (GObject *object)
{
  NkChart *self = NK_CHART (object);

  g_clear_pointer (&self->rate_days, g_array_unref);
  g_free (self->title);
  g_free (self->name);
  g_free (self->description);
  G_OBJECT_CLASS (nk_chart_parent_class)->finalize (object);
}

static void
nk_chart_class_init (NkChartClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = nk_chart_finalize;
  widget_class->snapshot = nk_chart_snapshot;
  widget_class->measure = nk_chart_measure;
  gtk_widget_class_set_css_name (widget_class, "nkchart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
nk_chart_init (NkChart *self)
{
  self->rate_days = g_array_new (FALSE, TRUE, sizeof (NkTrendsRateDay));
}

GtkWidget *
nk_chart_new (void)
{
  return g_object_new (NK_TYPE_CHART, NULL);
}

/* Sets the kind, the name and the description (both taken), for the
 * screen reader too, and draws again. */
static void
update (NkChart *self, NkChartKind kind, char *name, char *description)
{
  self->kind = kind;
  g_free (self->name);
  self->name = name;
  g_free (self->description);
  self->description = description;
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, self->name,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->description, -1);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
nk_chart_set_today (NkChart *self, const NkTrendsToday *today)
{
  g_return_if_fail (NK_IS_CHART (self) && today != NULL);

  self->today = *today;
  update (self, NK_CHART_TODAY, g_strdup (_("Arrivals and departures today, by quarter hour")),
          nk_chart_describe_today (today));
}

void
nk_chart_set_rate (NkChart *self, const NkTrendsRates *rates, const NkTrendsRoom *room)
{
  g_return_if_fail (NK_IS_CHART (self) && rates != NULL && room != NULL);

  g_array_set_size (self->rate_days, 0);
  g_array_append_vals (self->rate_days, room->days->data, room->days->len);
  self->rate_present = room->present;
  self->rate_enrolled = room->enrolled;
  g_free (self->title);
  self->title = g_strdup (room->room_name);
  update (self, NK_CHART_RATE,
          /* TRANSLATORS: what a screen reader calls a room's small chart; %s is the room */
          g_strdup_printf (_("Attendance rate of %s, the last 30 days"), room->room_name),
          nk_chart_describe_rate (rates, room));
}

void
nk_chart_set_months (NkChart *self, const NkTrendsUtilisation *utilisation)
{
  g_return_if_fail (NK_IS_CHART (self) && utilisation != NULL);

  self->months = *utilisation;
  update (self, NK_CHART_MONTHS, g_strdup (_("Place utilisation per month, against the target")),
          nk_chart_describe_months (utilisation));
}

void
nk_chart_clear (NkChart *self)
{
  g_return_if_fail (NK_IS_CHART (self));

  memset (&self->today, 0, sizeof self->today);
  memset (&self->months, 0, sizeof self->months);
  g_array_set_size (self->rate_days, 0);
  self->rate_present = self->rate_enrolled = 0;
  g_clear_pointer (&self->title, g_free);
  update (self, NK_CHART_EMPTY, g_strdup (""), g_strdup (""));
}

NkChartKind
nk_chart_get_kind (NkChart *self)
{
  return self->kind;
}

guint
nk_chart_get_n_bars (NkChart *self)
{
  guint n = 0;

  switch (self->kind)
    {
    case NK_CHART_TODAY:
      for (int q = 0; q < NK_TRENDS_QUARTERS; q++)
        n += (self->today.arrivals[q] > 0) + (self->today.departures[q] > 0);
      return n;
    case NK_CHART_RATE:
      for (guint i = 0; i < self->rate_days->len; i++)
        n += g_array_index (self->rate_days, NkTrendsRateDay, i).enrolled > 0;
      return n;
    case NK_CHART_MONTHS:
      for (guint i = 0; i < NK_TRENDS_MONTHS; i++)
        n += self->months.months[i].place_days > 0;
      return n;
    case NK_CHART_EMPTY:
    default:
      return 0;
    }
}

const char *
nk_chart_get_name (NkChart *self)
{
  return self->name != NULL ? self->name : "";
}

const char *
nk_chart_get_description (NkChart *self)
{
  return self->description != NULL ? self->description : "";
}
