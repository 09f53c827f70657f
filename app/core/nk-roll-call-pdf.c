/* nk-roll-call-pdf.c — a roll call as a PDF (nk-roll-call-pdf.h): three
 * tables printed by nk_report_pdf_tables (). */
#define G_LOG_DOMAIN "nk-report"

#include "config.h"

#include <glib/gi18n.h>

#include "nk-report-pdf.h"
#include "nk-roll-call-pdf.h"

#define ROW(...) ((const char *const[]) { __VA_ARGS__ })

static const NkReportColumn summary_columns[] = {
  { N_("What"), 0.30, FALSE },
  { N_("When and who"), 0.70, FALSE },
};

static const NkReportColumn missing_columns[] = {
  { N_("Room"), 0.30, FALSE },
  { N_("Name"), 0.45, FALSE },
  { N_("Child or staff"), 0.25, FALSE },
};

static const NkReportColumn people_columns[] = {
  { N_("Room"), 0.22, FALSE },
  { N_("Name"), 0.24, FALSE },
  { N_("Child or staff"), 0.14, FALSE },
  { N_("Counted at"), 0.14, FALSE },
  { N_("Counted by"), 0.26, FALSE },
};

static char *
format_time (gint64 us, GTimeZone *tz, const char *format)
{
  g_autoptr (GDateTime) utc = g_date_time_new_from_unix_utc (us / G_USEC_PER_SEC);
  g_autoptr (GDateTime) local = g_date_time_to_timezone (utc, tz);

  return g_date_time_format (local, format);
}

static const char *
room_name (const NkRollCallRoom *room)
{
  /* TRANSLATORS: the roll call's group of staff who work in no room */
  return room->name != NULL ? room->name : _("No room");
}

static const char *
kind_label (const NkRollCallPerson *person)
{
  return person->kind == NK_ROLL_CALL_STAFF ? C_("roll call", "Staff") : C_("roll call", "Child");
}

/* "08:05, Teacher Zhang" */
static char *
when_who (gint64 us, const char *who, GTimeZone *tz)
{
  g_autofree char *time = format_time (us, tz, "%H:%M");

  return who != NULL ? g_strdup_printf ("%s, %s", time, who) : g_strdup (time);
}

static NkReportTable *
summary_table (const NkRollCall *call, GTimeZone *tz)
{
  NkReportTable *table = nk_report_table_new (_("The roll call"), summary_columns, G_N_ELEMENTS (summary_columns));
  g_autofree char *started = when_who (call->started_us, call->started_by, tz);
  g_autofree char *finished = call->finished ? when_who (call->finished_us, call->finished_by, tz)
                                             : g_strdup (_("Not finished"));
  g_autofree char *counted = g_strdup_printf (_("%u of %u"), call->counted, call->total);
  g_autofree char *missing = g_strdup_printf ("%u", call->total - call->counted);

  nk_report_table_add (table, FALSE, ROW (_("Started"), started));
  nk_report_table_add (table, FALSE, ROW (_("Finished"), finished));
  nk_report_table_add (table, TRUE, ROW (_("Counted"), counted));
  nk_report_table_add (table, TRUE, ROW (_("Missing"), missing));
  return table;
}

GBytes *
nk_roll_call_pdf (const NkRollCall *call, const char *centre_name, GTimeZone *tz, GError **error)
{
  g_autoptr (GPtrArray) tables = g_ptr_array_new_with_free_func ((GDestroyNotify) nk_report_table_free);
  g_autofree char *subtitle = NULL;
  NkReportTable *missing;
  NkReportTable *people;

  g_return_val_if_fail (call != NULL && tz != NULL, NULL);

  subtitle = format_time (call->started_us, tz, "%Y-%m-%d %H:%M");
  g_ptr_array_add (tables, summary_table (call, tz));
  missing = nk_report_table_new (call->finished ? _("Missing when it was finished") : _("Not counted yet"),
                                 missing_columns, G_N_ELEMENTS (missing_columns));
  people = nk_report_table_new (_("Everyone on site when it started, by room"), people_columns,
                                G_N_ELEMENTS (people_columns));
  for (guint r = 0; r < call->rooms->len; r++)
    {
      const NkRollCallRoom *room = call->rooms->pdata[r];

      for (guint i = 0; i < room->people->len; i++)
        {
          const NkRollCallPerson *p = room->people->pdata[i];
          g_autofree char *at = p->tick_id != NULL ? format_time (p->ticked_us, tz, "%H:%M") : g_strdup ("");
          g_autofree char *left = p->left_us != 0 ? format_time (p->left_us, tz, "%H:%M") : NULL;
          g_autofree char *by = NULL;

          if (p->tick_id == NULL)
            /* TRANSLATORS: the roll call PDF: not counted (and, maybe, when they were checked out) */
            by = left != NULL ? g_strdup_printf (_("Missing (left at %s)"), left) : g_strdup (_("Missing"));
          else
            by = g_strdup (p->ticked_by != NULL ? p->ticked_by : "");
          if (p->tick_id == NULL)
            nk_report_table_add (missing, FALSE, ROW (room_name (room), p->name, kind_label (p)));
          nk_report_table_add (people, p->tick_id == NULL, ROW (room_name (room), p->name, kind_label (p), at, by));
        }
    }
  if (missing->rows->len > 0)
    g_ptr_array_add (tables, missing);
  else
    nk_report_table_free (missing);
  g_ptr_array_add (tables, people);
  /* TRANSLATORS: the title of the roll call's PDF */
  return nk_report_pdf_tables (centre_name, _("Emergency roll call"), subtitle, tables, error);
}

gboolean
nk_roll_call_pdf_write_file (const NkRollCall *call, const char *centre_name, GTimeZone *tz, const char *path,
                             GError **error)
{
  g_autoptr (GBytes) bytes = nk_roll_call_pdf (call, centre_name, tz, error);

  return bytes != NULL && nk_report_write_bytes (bytes, path, error);
}

char *
nk_roll_call_pdf_file_name (const NkRollCall *call, GTimeZone *tz)
{
  g_autofree char *stamp = format_time (call->started_us, tz, "%Y-%m-%d-%H%M");

  return g_strdup_printf ("roll-call-%s.pdf", stamp);
}
