/* nk-report.c — the monthly reports: the month, the figures gathered by
 * kind, and the CSV (nk-report.h). */
#define G_LOG_DOMAIN "nk-report"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "nk-csv.h"
#include "nk-report-private.h"

G_DEFINE_QUARK (nk-report-error-quark, nk_report_error)

static const char *const kind_names[] = {
  [NK_REPORT_ATTENDANCE] = "attendance",
  [NK_REPORT_UTILISATION] = "utilisation",
  [NK_REPORT_STAFF] = "staff",
  [NK_REPORT_HEALTH] = "health",
};

const char *
nk_report_kind_to_string (NkReportKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (kind_names), NULL);
  return kind_names[kind];
}

gboolean
nk_report_kind_from_string (const char *name, NkReportKind *kind, GError **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_names); i++)
    if (g_strcmp0 (name, kind_names[i]) == 0)
      {
        *kind = (NkReportKind) i;
        return TRUE;
      }
  g_set_error (error, NK_REPORT_ERROR, NK_REPORT_ERROR_KIND,
               /* TRANSLATORS: the report names stay in English: they are typed as they are */
               _("There is no report “%s”: the reports are attendance, utilisation, staff and health"),
               name != NULL ? name : "");
  return FALSE;
}

gboolean
nk_report_month_parse (const char *text, const char *today, NkReportMonth *month, GError **error)
{
  guint64 year = 0, number = 0;
  char year_text[5] = { 0 };
  int next_year, next_month;

  g_return_val_if_fail (month != NULL, FALSE);

  memset (month, 0, sizeof *month);
  if (text != NULL && strlen (text) == 7 && text[4] == '-')
    {
      gboolean digits = TRUE;

      for (guint i = 0; i < 7; i++)
        if (i != 4 && !g_ascii_isdigit (text[i]))
          digits = FALSE;
      memcpy (year_text, text, 4);
      if (!digits || !g_ascii_string_to_unsigned (year_text, 10, 1, 9998, &year, NULL)
          || !g_ascii_string_to_unsigned (text + 5, 10, 1, 12, &number, NULL))
        year = 0;
    }
  if (year == 0)
    {
      g_set_error (error, NK_REPORT_ERROR, NK_REPORT_ERROR_MONTH,
                   /* TRANSLATORS: %s is what was given as the month */
                   _("“%s” is not a month: write it YYYY-MM, for example 2026-11"), text != NULL ? text : "");
      return FALSE;
    }
  if (today != NULL && strlen (today) >= 7 && strncmp (text, today, 7) > 0)
    {
      g_set_error (error, NK_REPORT_ERROR, NK_REPORT_ERROR_MONTH,
                   /* TRANSLATORS: %s is the month asked for (YYYY-MM), then today's date */
                   _("%s is still to come: a report is of this month (so far) or an earlier one (today is %s)"),
                   text, today);
      return FALSE;
    }

  month->year = (int) year;
  month->month = (int) number;
  next_year = month->month == 12 ? month->year + 1 : month->year;
  next_month = month->month == 12 ? 1 : month->month + 1;
  g_snprintf (month->text, sizeof month->text, "%04d-%02d", month->year, month->month);
  g_snprintf (month->first, sizeof month->first, "%s-01", month->text);
  g_snprintf (month->last, sizeof month->last, "%s-%02u", month->text,
              g_date_get_days_in_month ((GDateMonth) month->month, (GDateYear) month->year));
  g_snprintf (month->next, sizeof month->next, "%04d-%02d-01", next_year, next_month);
  return TRUE;
}

char *
nk_report_month_label (const NkReportMonth *month)
{
  /* TRANSLATORS: a year and a month, as a report's pages name it */
  return g_strdup_printf (_("%04d-%02d"), month->year, month->month);
}

void
nk_report_free (NkReport *report)
{
  if (report == NULL)
    return;
  g_free (report->centre_name);
  g_clear_pointer (&report->children, g_ptr_array_unref);
  g_clear_pointer (&report->rooms, g_ptr_array_unref);
  g_clear_pointer (&report->room_days, g_ptr_array_unref);
  g_clear_pointer (&report->staff, g_ptr_array_unref);
  g_clear_pointer (&report->checkups, g_ptr_array_unref);
  g_clear_pointer (&report->absences, g_ptr_array_unref);
  g_clear_pointer (&report->outbreaks, g_ptr_array_unref);
  g_free (report);
}

NkReport *
nk_report_build (NkStore             *store,
                 NkReportKind         kind,
                 const NkReportMonth *month,
                 const char          *today,
                 const char          *centre_name,
                 GError             **error)
{
  g_autoptr(NkReport) report = g_new0 (NkReport, 1);
  gboolean ok = FALSE;

  g_return_val_if_fail (NK_IS_STORE (store), NULL);
  g_return_val_if_fail (month != NULL, NULL);

  report->kind = kind;
  report->month = *month;
  report->centre_name = g_strdup (centre_name != NULL ? centre_name : "");

  switch (kind)
    {
    case NK_REPORT_ATTENDANCE:
    case NK_REPORT_UTILISATION:
      ok = nk_report_build_attendance (report, store, error);
      break;
    case NK_REPORT_STAFF:
      ok = nk_report_build_staff (report, store, error);
      break;
    case NK_REPORT_HEALTH:
      ok = nk_report_build_health (report, store, today, error);
      break;
    default:
      g_return_val_if_reached (NULL);
    }
  return ok ? g_steal_pointer (&report) : NULL;
}

const char *
nk_report_title (const NkReport *report)
{
  switch (report->kind)
    {
    case NK_REPORT_ATTENDANCE:
      return _("Monthly attendance");
    case NK_REPORT_UTILISATION:
      return _("Place utilisation");
    case NK_REPORT_STAFF:
      return _("Staff: certificates and hours");
    case NK_REPORT_HEALTH:
      return _("Health: check-ups, illness absences, outbreaks");
    default:
      g_return_val_if_reached ("");
    }
}

GPtrArray *
nk_report_tables (const NkReport *report)
{
  GPtrArray *tables = g_ptr_array_new_with_free_func ((GDestroyNotify) nk_report_table_free);

  switch (report->kind)
    {
    case NK_REPORT_ATTENDANCE:
      nk_report_tables_attendance (report, tables);
      break;
    case NK_REPORT_UTILISATION:
      nk_report_tables_utilisation (report, tables);
      break;
    case NK_REPORT_STAFF:
      nk_report_tables_staff (report, tables);
      break;
    case NK_REPORT_HEALTH:
      nk_report_tables_health (report, tables);
      break;
    default:
      g_warn_if_reached ();
    }
  return tables;
}

gboolean
nk_report_each_row (NkStore             *store,
                    const char          *sql,
                    const NkReportMonth *month,
                    const char          *what,
                    NkReportRowFunc      func,
                    gpointer             data,
                    GError             **error)
{
  sqlite3_stmt *stmt = nk_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  if (month != NULL)
    {
      const char *const names[] = { ":first", ":last", ":next" };
      const char *const values[] = { month->first, month->last, month->next };

      for (guint i = 0; i < G_N_ELEMENTS (names); i++)
        {
          int index = sqlite3_bind_parameter_index (stmt, names[i]);

          if (index > 0)
            sqlite3_bind_text (stmt, index, values[i], -1, SQLITE_TRANSIENT);
        }
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    func (stmt, data);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  nk_store_set_error (store, error, what);
  return FALSE;
}

/* ---- tables ----------------------------------------------------------------- */

NkReportTable *
nk_report_table_new (const char *title, const NkReportColumn *columns, guint n_columns)
{
  NkReportTable *table = g_new0 (NkReportTable, 1);

  table->title = g_strdup (title);
  table->n_columns = n_columns;
  table->columns = columns;
  table->headers = g_new0 (const char *, n_columns + 1);
  for (guint i = 0; i < n_columns; i++)
    table->headers[i] = _(columns[i].header);
  table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  table->totals = g_array_new (FALSE, FALSE, sizeof (gboolean));
  return table;
}

void
nk_report_table_add (NkReportTable *table, gboolean total, const char *const *cells)
{
  char **row = g_new0 (char *, table->n_columns + 1);

  for (guint i = 0; i < table->n_columns; i++)
    row[i] = g_strdup (cells[i] != NULL ? cells[i] : "");
  g_ptr_array_add (table->rows, row);
  g_array_append_val (table->totals, total);
}

void
nk_report_table_free (NkReportTable *table)
{
  if (table == NULL)
    return;
  g_free (table->title);
  g_free (table->headers);
  g_ptr_array_unref (table->rows);
  g_array_unref (table->totals);
  g_free (table);
}

void
nk_report_to_csv (const NkReport *report, GString *out)
{
  g_autoptr(GPtrArray) tables = nk_report_tables (report);

  g_string_append (out, "\xEF\xBB\xBF");
  for (guint t = 0; t < tables->len; t++)
    {
      NkReportTable *table = tables->pdata[t];
      g_autofree const char **cells = g_new0 (const char *, table->n_columns);

      if (t > 0)
        g_string_append (out, "\r\n");
      nk_csv_append_row (out, table->headers, table->n_columns);
      for (guint r = 0; r < table->rows->len; r++)
        {
          char **row = table->rows->pdata[r];
          g_autoptr(GPtrArray) safe = g_ptr_array_new_with_free_func (g_free);

          for (guint i = 0; i < table->n_columns; i++)
            {
              g_ptr_array_add (safe, nk_csv_spreadsheet_safe (row[i]));
              cells[i] = safe->pdata[i];
            }
          nk_csv_append_row (out, cells, table->n_columns);
        }
    }
}

char *
nk_report_format_hours (gint64 minutes)
{
  gint64 tenths = (MAX (minutes, 0) * 10 + 30) / 60;

  return g_strdup_printf ("%" G_GINT64_FORMAT ".%d", tenths / 10, (int) (tenths % 10));
}

char *
nk_report_format_percent (guint part, guint whole)
{
  guint64 tenths;

  if (whole == 0)
    return g_strdup ("");
  tenths = ((guint64) part * 1000 + whole / 2) / whole;
  return g_strdup_printf ("%" G_GUINT64_FORMAT ".%d", tenths / 10, (int) (tenths % 10));
}
