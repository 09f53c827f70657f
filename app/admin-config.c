/* admin-config.c — nursery-kiosk-admin check-config: see admin-config.h. */
#define G_LOG_DOMAIN "nk-admin"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "admin-config.h"

int
admin_check_config_check (Admin *admin, GStrv args)
{
  (void) admin;
  if (g_strv_length (args) != 0)
    {
      usage_error ("check-config", _("check-config takes no arguments: give the file with --config FILE"));
      return EXIT_USAGE;
    }
  return EXIT_OK;
}

/* A CA file the kiosk can hand to libcurl: there, readable, with at least
 * one PEM certificate in it. */
static gboolean
ca_file_usable (const char *path, GError **error)
{
  g_autofree char *text = NULL;

  if (!g_file_get_contents (path, &text, NULL, error))
    return FALSE;
  if (strstr (text, "-----BEGIN CERTIFICATE-----") == NULL)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                   _("%s holds no PEM certificate (-----BEGIN CERTIFICATE-----)"), path);
      return FALSE;
    }
  return TRUE;
}

int
admin_check_config_run (Admin *admin, NkStore *store, GStrv args)
{
  g_autoptr(GError) error = NULL;
  NkConfig *config = admin->config;

  (void) store;
  (void) args;
  if (config->ca_file != NULL && !ca_file_usable (config->ca_file, &error))
    {
      g_printerr (_("Configuration key sync.ca-file: %s\n"), error->message);
      return EXIT_FAILED;
    }
  g_print (_("The configuration is usable.\n"));
  g_print (_("Platform: %s\n"), config->platform_url != NULL ? config->platform_url
                                                               : _("none (sync off)"));
  if (config->ca_file != NULL)
    g_print (_("Platform CA: %s\n"), config->ca_file);
  g_print (_("Data directory: %s\n"), nk_config_get_data_dir (config));
  return EXIT_OK;
}
