/* admin-checkups.c — nursery-kiosk-admin checkups (admin-checkups.h). */
#define G_LOG_DOMAIN "nk-admin"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "admin-checkups.h"
#include "core/nk-check.h"
#include "core/nk-checkup.h"

static char *due_by;

GOptionEntry admin_checkups_entries[] = {
  { "due-by", 0, 0, G_OPTION_ARG_STRING, &due_by,
    N_("The last due date to list (required)"), N_("YYYY-MM-DD") },
  { NULL }
};

int
admin_checkups_check (Admin *admin, GStrv args)
{
  if (g_strv_length (args) != 0)
    {
      usage_error ("checkups", _("checkups takes no other argument than --due-by"));
      return EXIT_USAGE;
    }
  if (due_by == NULL)
    {
      usage_error ("checkups", _("Give the last due date as --due-by YYYY-MM-DD"));
      return EXIT_USAGE;
    }
  if (!nk_check_date (due_by, NULL))
    {
      g_autofree char *message =
        /* TRANSLATORS: %s is what was given after --due-by */
        g_strdup_printf (_("“%s” is not a date: write --due-by YYYY-MM-DD, a real day, for example 2026-12-31"),
                         due_by);
      usage_error ("checkups", message);
      return EXIT_USAGE;
    }
  return EXIT_OK;
}

int
admin_checkups_run (Admin *admin, NkStore *store, GStrv args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) csv = g_string_new (NULL);
  g_autoptr(GTimeZone) tz = nk_config_get_timezone (admin->config);
  g_autoptr(GDateTime) now = g_date_time_new_now (tz);
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  guint rows = 0;

  if (!nk_checkup_due_csv (store, due_by, today, csv, &rows, &error))
    {
      g_printerr (_("Cannot list the check-ups: %s\n"), error->message);
      return EXIT_FAILED;
    }
  if (fwrite (csv->str, 1, csv->len, stdout) != csv->len || fflush (stdout) != 0)
    {
      g_printerr (_("Cannot write the list to standard output\n"));
      return EXIT_FAILED;
    }
  return EXIT_OK;
}
