/* nk-trends.c — the figures of the "Trends" pictures (nk-trends.h): today
 * by quarter hour, attendance rate per room, utilisation per month.  The
 * days present and the utilisation are the monthly reports' own
 * (nk-report-private.h), read over the window asked. */
#define G_LOG_DOMAIN "nk-core"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "nk-report-private.h"
#include "nk-trends.h"

static guint target_percent = NK_TRENDS_TARGET_DEFAULT;

void
nk_trends_set_target (guint percent)
{
  target_percent = CLAMP (percent, NK_TRENDS_TARGET_MIN, NK_TRENDS_TARGET_MAX);
}

guint
nk_trends_get_target (void)
{
  return target_percent;
}

int
nk_trends_percent (guint part, guint whole)
{
  if (whole == 0)
    return -1;
  return (int) ((part * 200ull + whole) / (2ull * whole));
}

int
nk_trends_busiest (const guint *counts)
{
  int best = -1;

  for (int q = 0; q < NK_TRENDS_QUARTERS; q++)
    if (counts[q] > 0 && (best < 0 || counts[q] > counts[best]))
      best = q;
  return best;
}

/* date (YYYY-MM-DD, a valid one: the centre's) moved by days, into out. */
static void
date_add (const char *date, int days, char out[11])
{
  unsigned y = 2000, m = 1, d = 1;
  GDate day;

  if (sscanf (date, "%4u-%2u-%2u", &y, &m, &d) != 3 || !g_date_valid_dmy (d, m, y))
    g_return_if_reached ();
  g_date_clear (&day, 1);
  g_date_set_dmy (&day, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  if (days >= 0)
    g_date_add_days (&day, (guint) days);
  else
    g_date_subtract_days (&day, (guint) -days);
  g_snprintf (out, 11, "%04u-%02u-%02u", g_date_get_year (&day), g_date_get_month (&day), g_date_get_day (&day));
}

/* ---- today by quarter hour ---------------------------------------------------- */

/* yesterday … tomorrow by local date (the index), then today by time */
static const char today_sql[] =
  "SELECT kind, at_us FROM attendance"
  " WHERE local_date >= :first AND local_date <= :next AND kind IN ('in', 'out')";

typedef struct {
  NkTrendsToday *out;
  GTimeZone     *tz;
  gint64         from_us;   /* today's local midnight */
  gint64         until_us;  /* tomorrow's */
} TodayWalk;

static void
today_row (sqlite3_stmt *row, gpointer data)
{
  TodayWalk *walk = data;
  gint64 at_us = sqlite3_column_int64 (row, 1);
  g_autoptr (GDateTime) utc = NULL;
  g_autoptr (GDateTime) local = NULL;
  int q;

  if (at_us < walk->from_us || at_us >= walk->until_us)
    return;
  utc = g_date_time_new_from_unix_utc (at_us / G_USEC_PER_SEC);
  if (utc == NULL)
    return;
  local = g_date_time_to_timezone (utc, walk->tz);
  q = g_date_time_get_hour (local) * 4 + g_date_time_get_minute (local) / 15;
  if (g_str_equal ((const char *) sqlite3_column_text (row, 0), "in"))
    {
      walk->out->arrivals[q]++;
      walk->out->n_arrivals++;
    }
  else
    {
      walk->out->departures[q]++;
      walk->out->n_departures++;
    }
}

/* The local midnight that begins date in tz, in µs. */
static gint64
local_midnight (GTimeZone *tz, const char *date)
{
  unsigned y = 2000, m = 1, d = 1;
  g_autoptr (GDateTime) midnight = NULL;

  if (sscanf (date, "%4u-%2u-%2u", &y, &m, &d) != 3)
    g_return_val_if_reached (0);
  /* where the clocks change at midnight, GLib gives the first time that is */
  midnight = g_date_time_new (tz, (int) y, (int) m, (int) d, 0, 0, 0);
  g_return_val_if_fail (midnight != NULL, 0);
  return g_date_time_to_unix (midnight) * G_USEC_PER_SEC;
}

gboolean
nk_trends_today (NkStore *store, NkCentre *centre, gint64 now_us, NkTrendsToday *out, GError **error)
{
  g_autofree char *today = NULL;
  NkReportMonth range = { 0 };
  char tomorrow[11];
  TodayWalk walk;

  g_return_val_if_fail (NK_IS_STORE (store) && NK_IS_CENTRE (centre) && out != NULL, FALSE);

  memset (out, 0, sizeof *out);
  today = nk_centre_local_date (centre, now_us);
  g_strlcpy (out->date, today, sizeof out->date);
  date_add (today, -1, range.first);
  date_add (today, 1, range.next);
  date_add (today, 1, tomorrow);
  walk.out = out;
  walk.tz = nk_centre_get_timezone (centre);
  walk.from_us = local_midnight (walk.tz, today);
  walk.until_us = local_midnight (walk.tz, tomorrow);
  return nk_report_each_row (store, today_sql, &range, _("Cannot read today's arrivals and departures"),
                             today_row, &walk, error);
}

/* ---- attendance rate per room ------------------------------------------------- */

static void
room_free (gpointer data)
{
  NkTrendsRoom *room = data;

  g_free (room->room_id);
  g_free (room->room_name);
  g_array_unref (room->days);
  g_free (room);
}

void
nk_trends_rates_free (NkTrendsRates *rates)
{
  if (rates == NULL)
    return;
  g_clear_pointer (&rates->dates, g_ptr_array_unref);
  g_clear_pointer (&rates->rooms, g_ptr_array_unref);
  g_free (rates);
}

/* A child as the window sees them. */
typedef struct {
  char      *id;
  gboolean   active;
  char      *roster_room;   /* NULL: none */
  char      *before_room;   /* the room of the last day present before the window, NULL: none */
  GPtrArray *days;          /* NkReportDay (borrowed) in the window, by date */
} Child;

static void
child_free (gpointer data)
{
  Child *child = data;

  g_free (child->id);
  g_free (child->roster_room);
  g_free (child->before_room);
  g_clear_pointer (&child->days, g_ptr_array_unref);
  g_free (child);
}

typedef struct {
  NkTrendsRates *rates;
  GHashTable    *rooms;      /* id → NkTrendsRoom */
  GHashTable    *children;   /* id → Child */
} RateWalk;

static void
rate_room_row (sqlite3_stmt *row, gpointer data)
{
  RateWalk *walk = data;
  NkTrendsRoom *room = g_new0 (NkTrendsRoom, 1);

  room->room_id = nk_column_dup (row, 0);
  room->room_name = nk_column_dup (row, 1);
  room->days = g_array_new (FALSE, TRUE, sizeof (NkTrendsRateDay));
  g_ptr_array_add (walk->rates->rooms, room);
  g_hash_table_insert (walk->rooms, room->room_id, room);
}

/* each child, and the room of their last check-in before the window */
static const char children_sql[] =
  "SELECT c.id, c.active, c.room_id,"
  "  (SELECT coalesce (a.room_id, c.room_id, '') FROM attendance a"
  "    WHERE a.child_id = c.id AND a.kind = 'in' AND a.local_date < :first"
  "    ORDER BY a.local_date DESC, a.order_us LIMIT 1)"
  "  FROM children c";

static void
rate_child_row (sqlite3_stmt *row, gpointer data)
{
  RateWalk *walk = data;
  Child *child = g_new0 (Child, 1);

  child->id = nk_column_dup (row, 0);
  child->active = sqlite3_column_int (row, 1) != 0;
  child->roster_room = nk_column_dup (row, 2);
  child->before_room = nk_column_dup (row, 3);
  child->days = g_ptr_array_new ();
  g_hash_table_insert (walk->children, child->id, child);
}

static int
compare_day_dates (gconstpointer a, gconstpointer b)
{
  return strcmp ((*(NkReportDay *const *) a)->date, (*(NkReportDay *const *) b)->date);
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

static int
compare_rate_rooms (gconstpointer a, gconstpointer b)
{
  const NkTrendsRoom *x = *(NkTrendsRoom *const *) a, *y = *(NkTrendsRoom *const *) b;
  int c = g_utf8_collate (x->room_name, y->room_name);

  return c != 0 ? c : strcmp (x->room_id, y->room_id);
}

/* Counts child on each open day into the rooms (nk-trends.h "enrolled"). */
static void
count_child (RateWalk *walk, Child *child)
{
  GPtrArray *dates = walk->rates->dates;
  const char *room_before = child->before_room;
  guint next = 0;   /* the child's first day present on or after the date */

  g_ptr_array_sort (child->days, compare_day_dates);
  for (guint i = 0; i < dates->len; i++)
    {
      const char *date = dates->pdata[i];
      const char *room_id = NULL;
      gboolean present = FALSE;
      NkTrendsRoom *room;

      while (next < child->days->len && strcmp (((NkReportDay *) child->days->pdata[next])->date, date) < 0)
        room_before = ((NkReportDay *) child->days->pdata[next++])->room;
      if (next < child->days->len && strcmp (((NkReportDay *) child->days->pdata[next])->date, date) == 0)
        {
          room_id = ((NkReportDay *) child->days->pdata[next])->room;
          present = TRUE;
        }
      else if (room_before == NULL)
        continue;   /* not started yet */
      else if (next < child->days->len)
        room_id = room_before;   /* away between two days present */
      else if (!child->active)
        continue;   /* left after their last day present */
      else
        room_id = child->roster_room != NULL ? child->roster_room : room_before;

      room = g_hash_table_lookup (walk->rooms, room_id);
      if (room == NULL)
        continue;   /* a room no longer on the roster */
      g_array_index (room->days, NkTrendsRateDay, i).enrolled++;
      room->enrolled++;
      if (present)
        {
          g_array_index (room->days, NkTrendsRateDay, i).present++;
          room->present++;
        }
    }
}

NkTrendsRates *
nk_trends_rates (NkStore *store, NkCentre *centre, gint64 now_us, GError **error)
{
  g_autoptr (NkTrendsRates) rates = g_new0 (NkTrendsRates, 1);
  g_autoptr (GHashTable) rooms = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) children = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, child_free);
  g_autoptr (GHashTable) open = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GPtrArray) days = NULL;
  g_autofree char *today = NULL;
  NkReportMonth window = { 0 };
  RateWalk walk = { rates, rooms, children };
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (NK_IS_STORE (store) && NK_IS_CENTRE (centre), NULL);

  today = nk_centre_local_date (centre, now_us);
  date_add (today, -NK_TRENDS_RATE_DAYS, window.first);
  date_add (today, -1, window.last);
  g_strlcpy (window.next, today, sizeof window.next);
  g_strlcpy (rates->first, window.first, sizeof rates->first);
  g_strlcpy (rates->last, window.last, sizeof rates->last);
  rates->dates = g_ptr_array_new_with_free_func (g_free);
  rates->rooms = g_ptr_array_new_with_free_func (room_free);

  if (!nk_report_each_row (store, "SELECT id, name FROM rooms", NULL, _("Cannot read the roster"), rate_room_row,
                           &walk, error)
      || !nk_report_each_row (store, children_sql, &window, _("Cannot read the roster"), rate_child_row, &walk,
                              error))
    return NULL;
  days = nk_report_read_days (store, nk_report_attendance_sql, &window, _("Cannot read the attendance"), error);
  if (days == NULL)
    return NULL;

  for (guint i = 0; i < days->len; i++)
    {
      NkReportDay *day = days->pdata[i];
      Child *child = g_hash_table_lookup (children, day->person);

      if (!g_hash_table_contains (open, day->date))
        {
          g_hash_table_add (open, day->date);
          g_ptr_array_add (rates->dates, g_strdup (day->date));
        }
      if (child != NULL)
        g_ptr_array_add (child->days, day);
    }
  g_ptr_array_sort (rates->dates, compare_strings);
  for (guint i = 0; i < rates->rooms->len; i++)
    {
      NkTrendsRoom *room = rates->rooms->pdata[i];

      g_array_set_size (room->days, rates->dates->len);
      for (guint j = 0; j < rates->dates->len; j++)
        g_strlcpy (g_array_index (room->days, NkTrendsRateDay, j).date, rates->dates->pdata[j], 11);
    }

  g_hash_table_iter_init (&iter, children);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    count_child (&walk, value);
  g_ptr_array_sort (rates->rooms, compare_rate_rooms);
  return g_steal_pointer (&rates);
}

/* ---- utilisation per month ---------------------------------------------------- */

/* A closed month's figures, kept on the store while its rows and the
 * rooms' places are as they were: a month's report reads ~90,000 rows on
 * the 2,000-child centre, and a year of them takes seconds. */
typedef struct {
  NkTrendsMonth figures;
  gint64        rows;
  gint64        last_rowid;
  char         *rooms;
} Kept;

#define KEPT_KEY "nk-trends-kept-months"

static void
kept_free (gpointer data)
{
  Kept *kept = data;

  g_free (kept->rooms);
  g_free (kept);
}

/* A month's rows, counted from the date index alone (a GROUP BY over the
 * year would sort a million rows): { rows, last rowid } */
static const char fingerprint_sql[] =
  "SELECT count (*), coalesce (max (rowid), 0) FROM attendance WHERE local_date >= :first AND local_date < :next";

static void
fingerprint_row (sqlite3_stmt *row, gpointer data)
{
  gint64 *counts = data;

  counts[0] = sqlite3_column_int64 (row, 0);
  counts[1] = sqlite3_column_int64 (row, 1);
}

static void
rooms_row (sqlite3_stmt *row, gpointer data)
{
  g_string_append_printf (data, "%s:%d,", (const char *) sqlite3_column_text (row, 0), sqlite3_column_int (row, 1));
}

/* The month's figures from its own utilisation report. */
static gboolean
read_month (NkStore *store, const char *today, NkTrendsMonth *mo, GError **error)
{
  g_autoptr (NkReport) report = NULL;
  NkReportMonth month;
  char text[8];

  g_snprintf (text, sizeof text, "%04d-%02d", mo->year, mo->month);
  if (!nk_report_month_parse (text, today, &month, error))
    return FALSE;
  report = nk_report_build (store, NK_REPORT_UTILISATION, &month, today, NULL, error);
  if (report == NULL)
    return FALSE;
  nk_report_utilisation_between (report, month.first, month.next, &mo->present, &mo->place_days, &mo->open_days);
  return TRUE;
}

gboolean
nk_trends_utilisation (NkStore *store, NkCentre *centre, gint64 now_us, NkTrendsUtilisation *out,
                       GError **error)
{
  g_autofree char *today = NULL;
  g_autoptr (GString) rooms = g_string_new (NULL);
  GHashTable *kept;
  unsigned y = 2000, m = 1, d = 1;
  int year, month;

  g_return_val_if_fail (NK_IS_STORE (store) && NK_IS_CENTRE (centre) && out != NULL, FALSE);

  memset (out, 0, sizeof *out);
  out->target = nk_trends_get_target ();
  today = nk_centre_local_date (centre, now_us);
  if (sscanf (today, "%4u-%2u-%2u", &y, &m, &d) != 3)
    g_return_val_if_reached (FALSE);
  /* the oldest month first */
  year = (int) y;
  month = (int) m - (NK_TRENDS_MONTHS - 1);
  while (month < 1)
    {
      month += 12;
      year--;
    }
  for (guint i = 0; i < NK_TRENDS_MONTHS; i++)
    {
      out->months[i].year = year;
      out->months[i].month = month;
      if (++month > 12)
        {
          month = 1;
          year++;
        }
    }

  /* the places, to know the kept figures hold */
  if (!nk_report_each_row (store, "SELECT id, places FROM rooms ORDER BY id", NULL, _("Cannot read the roster"),
                           rooms_row, rooms, error))
    return FALSE;
  kept = g_object_get_data (G_OBJECT (store), KEPT_KEY);
  if (kept == NULL)
    {
      kept = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, kept_free);
      g_object_set_data_full (G_OBJECT (store), KEPT_KEY, kept, (GDestroyNotify) g_hash_table_unref);
    }

  for (guint i = 0; i < NK_TRENDS_MONTHS; i++)
    {
      NkTrendsMonth *mo = &out->months[i];
      g_autofree char *key = g_strdup_printf ("%04d-%02d", mo->year, mo->month);
      gint64 count[2] = { 0, 0 };
      NkReportMonth span = { 0 };
      Kept *k = g_hash_table_lookup (kept, key);

      /* this month changes with every check-in: read each time */
      if (i + 1 == NK_TRENDS_MONTHS)
        {
          if (!read_month (store, today, mo, error))
            return FALSE;
          continue;
        }
      /* a closed month is kept while its rows are the same (rows are only
       * added: a correction is a row of its own) */
      g_snprintf (span.first, sizeof span.first, "%s-01", key);
      g_snprintf (span.next, sizeof span.next, "%04d-%02d-01", out->months[i + 1].year, out->months[i + 1].month);
      if (!nk_report_each_row (store, fingerprint_sql, &span, _("Cannot read the attendance"), fingerprint_row,
                               count, error))
        return FALSE;
      if (k != NULL && k->rows == count[0] && k->last_rowid == count[1] && g_str_equal (k->rooms, rooms->str))
        {
          *mo = k->figures;
          continue;
        }
      if (!read_month (store, today, mo, error))
        return FALSE;
      k = g_new0 (Kept, 1);
      k->figures = *mo;
      k->rows = count[0];
      k->last_rowid = count[1];
      k->rooms = g_strdup (rooms->str);
      g_hash_table_replace (kept, g_steal_pointer (&key), k);
    }
  return TRUE;
}
