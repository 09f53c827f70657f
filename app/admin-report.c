/* admin-report.c — nursery-kiosk-admin report (admin-report.h). */
#define G_LOG_DOMAIN "nk-admin"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "admin-report.h"
#include "core/nk-absence.h"
#include "core/nk-report-pdf.h"
#include "core/nk-report.h"

static char *month_text;
static char *format;

GOptionEntry admin_report_entries[] = {
  { "month", 0, 0, G_OPTION_ARG_STRING, &month_text,
    N_("The month of the report (required)"), N_("YYYY-MM") },
  { "format", 0, 0, G_OPTION_ARG_STRING, &format,
    N_("csv (the default) or pdf"), N_("FORMAT") },
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &admin_options.output,
    N_("Write the report to FILE instead of standard output"), N_("FILE") },
  { NULL }
};

static NkReportKind kind;
static NkReportMonth month;

static char *
centre_today (Admin *admin)
{
  g_autoptr(GTimeZone) tz = nk_config_get_timezone (admin->config);
  g_autoptr(GDateTime) now = g_date_time_new_now (tz);

  return g_date_time_format (now, "%Y-%m-%d");
}

static gboolean
is_pdf (void)
{
  return g_strcmp0 (format, "pdf") == 0;
}

int
admin_report_check (Admin *admin, GStrv args)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *today = centre_today (admin);

  if (g_strv_length (args) != 1)
    {
      usage_error ("report", _("Name one report: attendance, utilisation, staff or health"));
      return EXIT_USAGE;
    }
  if (!nk_report_kind_from_string (args[0], &kind, &error))
    {
      usage_error ("report", error->message);
      return EXIT_USAGE;
    }
  if (format != NULL && strcmp (format, "csv") != 0 && strcmp (format, "pdf") != 0)
    {
      g_autofree char *message =
        /* TRANSLATORS: %s is what was given after --format */
        g_strdup_printf (_("“%s” is not a format: write --format csv or --format pdf"), format);
      usage_error ("report", message);
      return EXIT_USAGE;
    }
  if (month_text == NULL)
    {
      usage_error ("report", _("Give the month as --month YYYY-MM"));
      return EXIT_USAGE;
    }
  if (!nk_report_month_parse (month_text, today, &month, &error))
    {
      usage_error ("report", error->message);
      return EXIT_USAGE;
    }
  return EXIT_OK;
}

int
admin_report_run (Admin *admin, NkStore *store, GStrv args)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *today = centre_today (admin);
  g_autoptr(NkReport) report = NULL;
  g_autoptr(GBytes) bytes = NULL;
  NkReportFormat as = is_pdf () ? NK_REPORT_PDF : NK_REPORT_CSV;
  const char *data;
  gsize len;

  /* the centre's open days, as the kiosk has them (an absence's days) */
  nk_absence_settings_set (&(NkAbsenceSettings) { admin->config->absence_after_minutes,
                                                  admin->config->absence_open_days });
  report = nk_report_build (store, kind, &month, today, admin->config->centre_name, &error);
  if (report == NULL)
    {
      g_printerr (_("Cannot make the report: %s\n"), error->message);
      return EXIT_FAILED;
    }

  if (admin->output != NULL)
    {
      if (!nk_report_write_file (report, as, admin->output, &error))
        {
          g_printerr (_("Cannot write the report: %s\n"), error->message);
          return EXIT_FAILED;
        }
      /* TRANSLATORS: the report's title, its month, then the file */
      g_print (_("Wrote %s for %s to %s.\n"), nk_report_title (report), month.text, admin->output);
      return EXIT_OK;
    }

  bytes = nk_report_render (report, as, &error);
  if (bytes == NULL)
    {
      g_printerr (_("Cannot make the report: %s\n"), error->message);
      return EXIT_FAILED;
    }
  data = g_bytes_get_data (bytes, &len);
  if (fwrite (data, 1, len, stdout) != len || fflush (stdout) != 0)
    {
      g_printerr (_("Cannot write the report: %s\n"), _("Cannot write to standard output"));
      return EXIT_FAILED;
    }
  return EXIT_OK;
}
