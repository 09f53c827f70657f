/* nk-report-stays.c — the stays of a month, gathered per person and day
 * (nk-report.h "How a month is counted"). */
#define G_LOG_DOMAIN "nk-report"

#include "config.h"

#include <string.h>

#include "nk-report-private.h"

static void
day_free (gpointer data)
{
  NkReportDay *day = data;

  g_free (day->person);
  g_free (day->date);
  g_free (day->room);
  g_free (day);
}

typedef struct {
  const NkReportMonth *month;
  GPtrArray           *days;      /* NkReportDay, in the order met */
  GHashTable          *by_date;   /* the current person's days: date → NkReportDay */
  char                *person;
  /* the open stay */
  NkReportDay         *open;
  gint64               open_at_us;
} Walk;

/* The day begun on date: the room of its first check-in keeps. */
static NkReportDay *
walk_day (Walk *walk, const char *date, const char *room)
{
  NkReportDay *day = g_hash_table_lookup (walk->by_date, date);

  if (day != NULL)
    return day;
  day = g_new0 (NkReportDay, 1);
  day->person = g_strdup (walk->person);
  day->date = g_strdup (date);
  day->room = g_strdup (room != NULL ? room : "");
  g_ptr_array_add (walk->days, day);
  g_hash_table_insert (walk->by_date, day->date, day);
  return day;
}

/* The open stay ends without a check-out: counted, not measured. */
static void
walk_drop_open (Walk *walk)
{
  if (walk->open != NULL)
    walk->open->unmeasured++;
  walk->open = NULL;
}

static void
walk_person (Walk *walk, const char *person)
{
  if (g_strcmp0 (walk->person, person) == 0)
    return;
  walk_drop_open (walk);
  g_hash_table_remove_all (walk->by_date);
  g_free (walk->person);
  walk->person = g_strdup (person);
}

static void
walk_row (Walk *walk, const char *kind, gint64 at_us, const char *date, const char *room)
{
  if (strcmp (kind, "in") == 0)
    {
      /* a second check-in: the first stay was left open */
      walk_drop_open (walk);
      /* rows of the next month's first day only close this month's stays */
      if (strcmp (date, walk->month->next) < 0)
        {
          walk->open = walk_day (walk, date, room);
          walk->open_at_us = at_us;
        }
      return;
    }
  if (strcmp (kind, "out") == 0 && walk->open != NULL)
    {
      gint64 length = at_us - walk->open_at_us;

      /* a check-out "before" the check-in, or a day longer than any
       * centre's: the wall clock was changed between them */
      if (length < 0 || length > NK_REPORT_STAY_MAX_US)
        walk->open->unmeasured++;
      else
        walk->open->minutes_us += length;
      walk->open = NULL;
      return;
    }
  /* 'not_out' (closed as not checked out); a check-out with no check-in
   * has nothing to close */
  walk_drop_open (walk);
}

static void
walk_stmt (sqlite3_stmt *row, gpointer data)
{
  Walk *walk = data;

  walk_person (walk, (const char *) sqlite3_column_text (row, 0));
  walk_row (walk, (const char *) sqlite3_column_text (row, 1), sqlite3_column_int64 (row, 2),
            (const char *) sqlite3_column_text (row, 3), (const char *) sqlite3_column_text (row, 4));
}

GPtrArray *
nk_report_read_days (NkStore *store, const char *sql, const NkReportMonth *month, const char *what,
                     GError **error)
{
  g_autoptr(GPtrArray) days = g_ptr_array_new_with_free_func (day_free);
  g_autoptr(GHashTable) by_date = g_hash_table_new (g_str_hash, g_str_equal);
  Walk walk = { month, days, by_date, NULL, NULL, 0 };
  gboolean ok;

  ok = nk_report_each_row (store, sql, month, what, walk_stmt, &walk, error);
  walk_drop_open (&walk);
  g_free (walk.person);
  return ok ? g_steal_pointer (&days) : NULL;
}
