/* nk-report-health.c — the health figures of a month: the check-ups due
 * by its last day and whether they were done (nk-checkup.h has the
 * schedule), the share of children with none left undone, the illness
 * absences (nk-absence.h) and the suspected outbreaks (nk-outbreak.h). */
#define G_LOG_DOMAIN "nk-report"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "nk-absence.h"
#include "nk-checkup.h"
#include "nk-outbreak.h"
#include "nk-report-private.h"

static void
checkup_free (gpointer data)
{
  NkReportCheckup *checkup = data;

  g_free (checkup->child_id);
  g_free (checkup->name);
  g_free (checkup->room_name);
  g_free (checkup->due_date);
  g_free (checkup->status);
  g_free (checkup->done_on);
  g_free (checkup);
}

static void
room_name_row (sqlite3_stmt *row, gpointer names)
{
  g_hash_table_insert (names, nk_column_dup (row, 0), nk_column_dup (row, 1));
}

/* What the month's report lists: due in the month, overdue on its last
 * day, or done in the month. */
static gboolean
in_month (const NkCheckupItem *item, const NkReportMonth *month)
{
  switch (item->status)
    {
    case NK_CHECKUP_DUE:
    case NK_CHECKUP_OVERDUE:
      return TRUE;
    case NK_CHECKUP_DONE:
      return item->done_on != NULL && strcmp (item->done_on, month->first) >= 0
             && strcmp (item->done_on, month->last) <= 0;
    case NK_CHECKUP_UPCOMING:
    case NK_CHECKUP_MISSED:
    default:
      return FALSE;
    }
}

static void
absence_free (gpointer data)
{
  NkReportAbsence *absence = data;

  g_free (absence->child_id);
  g_free (absence->name);
  g_free (absence->room_name);
  g_free (absence->from_date);
  g_free (absence->until_date);
  g_free (absence->symptoms);
  g_free (absence);
}

static void
outbreak_free (gpointer data)
{
  NkReportOutbreak *outbreak = data;

  g_free (outbreak->scope);
  g_free (outbreak->room_name);
  g_free (outbreak->symptom);
  g_free (outbreak->from_date);
  g_free (outbreak->to_date);
  g_free (outbreak->acknowledged);
  g_free (outbreak);
}

/* The centre's open days from..until that are in the month. */
static guint
open_days (const char *from, const char *until, const NkReportMonth *month)
{
  const char *first = strcmp (from, month->first) > 0 ? from : month->first;
  const char *last = strcmp (until, month->last) < 0 ? until : month->last;
  guint open = nk_absence_settings_get ()->open_days;
  GDate day, end;
  guint n = 0;

  g_date_clear (&day, 1);
  g_date_clear (&end, 1);
  g_date_set_parse (&day, first);
  g_date_set_parse (&end, last);
  if (!g_date_valid (&day) || !g_date_valid (&end))
    return 0;
  for (; g_date_compare (&day, &end) <= 0; g_date_add_days (&day, 1))
    if (open & NK_ABSENCE_DAY_BIT (g_date_get_weekday (&day)))
      n++;
  return n;
}

/* The illness reasons that stand and cover a day of the month. */
static const char absences_sql[] =
  "SELECT a.child_id, coalesce (c.name, a.child_id), coalesce (r.name, a.room_id), a.absent_date,"
  "       coalesce (a.until_date, a.absent_date), a.fever, a.cough, a.diarrhoea, a.vomiting, a.rash,"
  "       a.hfmd, a.other, a.other_symptom"
  "  FROM " NK_ABSENCE_STANDING " a"
  "  LEFT JOIN children c ON c.id = a.child_id LEFT JOIN rooms r ON r.id = a.room_id"
  " WHERE a.reason = 'illness' AND a.absent_date <= :last AND coalesce (a.until_date, a.absent_date) >= :first"
  " ORDER BY a.absent_date, coalesce (r.name, a.room_id), coalesce (c.name, a.child_id), a.child_id";

static void
absence_row (sqlite3_stmt *row, gpointer data)
{
  NkReport *report = data;
  NkReportAbsence *absence = g_new0 (NkReportAbsence, 1);
  guint symptoms = 0;

  for (guint i = 0; i < NK_SYMPTOM_N; i++)
    if (sqlite3_column_int (row, 5 + (int) i) != 0)
      symptoms |= nk_symptom_nth (i);
  absence->child_id = nk_column_dup (row, 0);
  absence->name = nk_column_dup (row, 1);
  absence->room_name = nk_column_dup (row, 2);
  absence->from_date = nk_column_dup (row, 3);
  absence->until_date = nk_column_dup (row, 4);
  absence->days = open_days (absence->from_date, absence->until_date, &report->month);
  absence->symptoms = nk_symptoms_describe (symptoms, (const char *) sqlite3_column_text (row, 12));
  g_ptr_array_add (report->absences, absence);
}

/* The suspected outbreaks that stand whose last day is in the month, and
 * when the director acknowledged each. */
static const char outbreaks_sql[] =
  "SELECT o.scope, coalesce (r.name, o.room_id, ''), o.symptom, o.n_children, o.from_date, o.to_date,"
  "       (SELECT min (outbreak_acks.local_date) FROM outbreak_acks"
  "         WHERE outbreak_acks.outbreak_id = o.id AND " NK_KIND_STANDS ("outbreak_acks") ")"
  "  FROM (SELECT * FROM outbreaks WHERE " NK_KIND_STANDS ("outbreaks") ") o"
  "  LEFT JOIN rooms r ON r.id = o.room_id"
  " WHERE o.to_date >= :first AND o.to_date <= :last"
  " ORDER BY o.to_date, o.at_us, o.id";

static void
outbreak_row (sqlite3_stmt *row, gpointer data)
{
  NkReport *report = data;
  NkReportOutbreak *outbreak = g_new0 (NkReportOutbreak, 1);
  const char *code = (const char *) sqlite3_column_text (row, 2);
  NkSymptom symptom;

  outbreak->scope = nk_column_dup (row, 0);
  outbreak->room_name = nk_column_dup (row, 1);
  outbreak->symptom = g_strdup (nk_symptom_from_string (code, &symptom) ? nk_symptom_label (symptom) : code);
  outbreak->n_children = (guint) sqlite3_column_int (row, 3);
  outbreak->from_date = nk_column_dup (row, 4);
  outbreak->to_date = nk_column_dup (row, 5);
  outbreak->acknowledged = nk_column_dup (row, 6);
  g_ptr_array_add (report->outbreaks, outbreak);
}

gboolean
nk_report_build_health (NkReport *report, NkStore *store, const char *today, GError **error)
{
  g_autoptr(GHashTable) rooms = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) children = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) open = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) items = NULL;

  report->checkups = g_ptr_array_new_with_free_func (checkup_free);
  report->absences = g_ptr_array_new_with_free_func (absence_free);
  report->outbreaks = g_ptr_array_new_with_free_func (outbreak_free);
  if (!nk_report_each_row (store, "SELECT id, name FROM rooms", NULL, _("Cannot read the roster"),
                           room_name_row, rooms, error)
      || !nk_report_each_row (store, absences_sql, &report->month, _("Cannot read the illness absences"),
                              absence_row, report, error)
      || !nk_report_each_row (store, outbreaks_sql, &report->month, _("Cannot read the suspected outbreaks"),
                              outbreak_row, report, error))
    return FALSE;
  /* on the month's last day: what is due in the month, overdue then */
  items = nk_checkup_list (store, NULL, NULL, report->month.last, today, error);
  if (items == NULL)
    return FALSE;

  for (guint i = 0; i < items->len; i++)
    {
      NkCheckupItem *item = items->pdata[i];
      NkReportCheckup *checkup;
      const char *room;

      g_hash_table_add (children, item->child_id);
      if (item->status == NK_CHECKUP_DUE || item->status == NK_CHECKUP_OVERDUE)
        g_hash_table_add (open, item->child_id);
      if (!in_month (item, &report->month))
        continue;

      room = item->room_id != NULL ? g_hash_table_lookup (rooms, item->room_id) : NULL;
      checkup = g_new0 (NkReportCheckup, 1);
      checkup->child_id = g_strdup (item->child_id);
      checkup->name = g_strdup (item->child_name);
      checkup->room_name = g_strdup (room != NULL ? room : "");
      checkup->months = item->months;
      checkup->due_date = g_strdup (item->due_date);
      checkup->status = g_strdup (nk_checkup_status_to_string (item->status));
      checkup->done_on = g_strdup (item->done_on);
      g_ptr_array_add (report->checkups, checkup);
    }
  report->health_children = g_hash_table_size (children);
  report->health_covered = report->health_children - g_hash_table_size (open);
  return TRUE;
}
