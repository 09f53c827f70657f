/* nk-chart-describe.c — the charts' figures in words, for a screen reader
 * (nk-chart.h): what a sighted reader takes from the picture — the
 * totals, the busiest quarter hour, the lowest and highest days, the
 * months that met the target — then every figure drawn. */
#define G_LOG_DOMAIN "nk-views"

#include "config.h"

#include <glib/gi18n.h>

#include "nk-chart-private.h"

char *
nk_chart_quarter_label (int q)
{
  g_return_val_if_fail (q >= 0 && q < NK_TRENDS_QUARTERS, g_strdup (""));
  /* TRANSLATORS: a quarter hour of the day, "08:00–08:15" */
  return g_strdup_printf (_("%02d:%02d–%02d:%02d"), q / 4, q % 4 * 15, (q + 1) / 4 % 24, (q + 1) % 4 * 15);
}

const char *
nk_chart_month_short (int month)
{
  switch (month)
    {
    /* TRANSLATORS: the months as the utilisation chart labels its bars (1月 … 12月) */
    case 1: return C_("month", "Jan");
    case 2: return C_("month", "Feb");
    case 3: return C_("month", "Mar");
    case 4: return C_("month", "Apr");
    case 5: return C_("month", "May");
    case 6: return C_("month", "Jun");
    case 7: return C_("month", "Jul");
    case 8: return C_("month", "Aug");
    case 9: return C_("month", "Sep");
    case 10: return C_("month", "Oct");
    case 11: return C_("month", "Nov");
    case 12: return C_("month", "Dec");
    default: g_return_val_if_reached ("");
    }
}

char *
nk_chart_month_long (int year, int month)
{
  /* TRANSLATORS: a month and its year, "Nov 2026" (2026年11月): %1$s the month as above, %2$d the year */
  return g_strdup_printf (C_("month and year", "%1$s %2$d"), nk_chart_month_short (month), year);
}

/* "Arrivals: 61 in all, the busiest quarter hour 08:00–08:15 with 23" */
static void
describe_series (GString *out, const char *what, const guint *counts, guint total)
{
  int busiest = nk_trends_busiest (counts);
  g_autofree char *quarter = NULL;

  if (busiest < 0)
    {
      /* TRANSLATORS: a series of the arrivals chart with nothing in it: %s is "Arrivals" or "Departures" */
      g_string_append_printf (out, _("%s: none yet."), what);
      return;
    }
  quarter = nk_chart_quarter_label (busiest);
  /* TRANSLATORS: %1$s "Arrivals" or "Departures", %2$u their number today, %3$s a quarter hour, %4$u in it */
  g_string_append_printf (out, _("%1$s: %2$u in all, the busiest quarter hour %3$s with %4$u."), what, total,
                          quarter, counts[busiest]);
}

char *
nk_chart_describe_today (const NkTrendsToday *today)
{
  g_autoptr (GString) out = g_string_new (NULL);
  g_autoptr (GString) hours = g_string_new (NULL);

  if (today->n_arrivals == 0 && today->n_departures == 0)
    return g_strdup (_("No arrivals or departures yet today."));
  describe_series (out, _("Arrivals"), today->arrivals, today->n_arrivals);
  g_string_append_c (out, ' ');
  describe_series (out, _("Departures"), today->departures, today->n_departures);
  for (int hour = 0; hour < 24; hour++)
    {
      guint in = 0, away = 0;

      for (int q = hour * 4; q < hour * 4 + 4; q++)
        {
          in += today->arrivals[q];
          away += today->departures[q];
        }
      if (in + away == 0)
        continue;
      if (hours->len > 0)
        /* TRANSLATORS: between the hours of the arrivals chart's description */
        g_string_append (hours, C_("list", "; "));
      /* TRANSLATORS: an hour of the day and its arrivals and departures: "08:00 hour: 23 in, 2 out" */
      g_string_append_printf (hours, _("%02d:00 hour: %u in, %u out"), hour, in, away);
    }
  /* TRANSLATORS: the hours of the day that had arrivals or departures, listed */
  g_string_append_printf (out, " %s", _("By the hour:"));
  g_string_append_printf (out, " %s.", hours->str);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
nk_chart_describe_rate (const NkTrendsRates *rates, const NkTrendsRoom *room)
{
  g_autoptr (GString) days = g_string_new (NULL);
  int low = -1, high = -1, average;
  const char *low_date = NULL, *high_date = NULL;
  guint open = 0;

  if (rates->dates->len == 0)
    /* TRANSLATORS: a room's attendance chart when the centre had no day open in the last 30 */
    return g_strdup_printf (_("%s: the centre was not open in the last 30 days."), room->room_name);
  if (room->enrolled == 0)
    return g_strdup_printf (_("%s: no children enrolled in the last 30 days."), room->room_name);
  for (guint i = 0; i < room->days->len; i++)
    {
      const NkTrendsRateDay *day = &g_array_index (room->days, NkTrendsRateDay, i);
      int rate = nk_trends_percent (day->present, day->enrolled);

      if (rate < 0)
        continue;
      open++;
      if (low < 0 || rate < low)
        {
          low = rate;
          low_date = day->date;
        }
      if (high < 0 || rate > high)
        {
          high = rate;
          high_date = day->date;
        }
      if (days->len > 0)
        g_string_append (days, C_("list", "; "));
      /* TRANSLATORS: a day (MM-DD) and the room's attendance rate that day */
      g_string_append_printf (days, _("%s %d%%"), day->date + 5, rate);
    }
  average = nk_trends_percent (room->present, room->enrolled);
  /* TRANSLATORS: a room's attendance chart for a screen reader: %1$s the room, %2$d its rate over %3$u
   * open days; the lowest rate %4$d on the day %5$s, the highest %6$d on %7$s; then every day's rate */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%1$s: attendance %2$d%% on average over %3$u open day; lowest %4$d%% on "
                                       "%5$s, highest %6$d%% on %7$s. By day: %8$s.",
                                       "%1$s: attendance %2$d%% on average over %3$u open days; lowest %4$d%% on "
                                       "%5$s, highest %6$d%% on %7$s. By day: %8$s.",
                                       open),
                          room->room_name, average, open, low, low_date + 5, high, high_date + 5, days->str);
}

char *
nk_chart_describe_months (const NkTrendsUtilisation *u)
{
  g_autoptr (GString) months = g_string_new (NULL);
  guint met = 0, counted = 0;

  for (guint i = 0; i < NK_TRENDS_MONTHS; i++)
    {
      const NkTrendsMonth *m = &u->months[i];
      int share = nk_trends_percent (m->present, m->place_days);
      g_autofree char *label = nk_chart_month_long (m->year, m->month);

      if (months->len > 0)
        g_string_append (months, C_("list", "; "));
      if (share < 0)
        /* TRANSLATORS: a month of the utilisation chart with no day open */
        g_string_append_printf (months, _("%s not open"), label);
      else if (i + 1 == NK_TRENDS_MONTHS)
        /* TRANSLATORS: this month's utilisation, the month not over yet */
        g_string_append_printf (months, _("%s so far %d%%"), label, share);
      else
        /* TRANSLATORS: a month and its utilisation */
        g_string_append_printf (months, _("%s %d%%"), label, share);
      if (share >= 0)
        {
          counted++;
          met += share >= (int) u->target;
        }
    }
  /* TRANSLATORS: the utilisation chart for a screen reader: %1$u the target (percent), %2$u months met
   * it of %3$u months open; then every month's figure */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Target %1$u%%: %2$u of %3$u month met it. %4$s.",
                                       "Target %1$u%%: %2$u of %3$u months met it. %4$s.", counted),
                          u->target, met, counted, months->str);
}
