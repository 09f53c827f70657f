/* admin-menu.c — nursery-kiosk-admin import-menu (admin-menu.h): the file
 * read before the database is opened, every problem said with its line,
 * nothing imported unless the whole file is good. */
#define G_LOG_DOMAIN "nk-admin"

#include "config.h"

#include <glib/gi18n.h>

#include "admin-menu.h"
#include "core/nk-centre.h"
#include "core/nk-menu-import.h"

/* Read and checked before the database is opened. */
static NkMenuImport *menu_import;

int
admin_check_import_menu (Admin *admin, GStrv args)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *data = NULL;
  gsize len = 0;
  GPtrArray *problems;

  if (g_strv_length (args) != 1)
    {
      usage_error ("import-menu", _("Give exactly one menu file"));
      return EXIT_USAGE;
    }
  if (!g_file_get_contents (args[0], &data, &len, &error))
    {
      g_printerr (_("Cannot read the menu file: %s\n"), error->message);
      return EXIT_FAILED;
    }
  menu_import = nk_menu_import_parse (data, (gssize) len);
  problems = nk_menu_import_get_problems (menu_import);
  if (problems->len == 0)
    return EXIT_OK;
  for (guint i = 0; i < problems->len; i++)
    {
      NkMenuImportProblem *problem = g_ptr_array_index (problems, i);

      /* TRANSLATORS: file name, line number, what is wrong */
      g_printerr (_("%s, line %u: %s\n"), args[0], problem->line, problem->message);
    }
  g_printerr (g_dngettext (GETTEXT_PACKAGE,
                           "%u problem in the menu file; nothing was imported.\n",
                           "%u problems in the menu file; nothing was imported.\n",
                           problems->len),
              problems->len);
  return EXIT_FAILED;
}

int
admin_run_import_menu (Admin *admin, NkStore *store, GStrv args)
{
  g_autoptr (NkMenuImport) import = g_steal_pointer (&menu_import);
  g_autoptr (GTimeZone) tz = nk_config_get_timezone (admin->config);
  g_autoptr (NkCentre) centre = nk_centre_new (tz);
  g_autoptr (GError) error = NULL;
  GPtrArray *days = nk_menu_import_get_days (import);

  if (admin->dry_run)
    {
      g_print (_("The menu file has no problems (dry run: nothing was imported).\n"));
      return EXIT_OK;
    }
  if (store == NULL || !nk_menu_import_apply (import, store, centre, &error))
    {
      g_printerr (_("Nothing was imported: %s\n"), error ? error->message : _("no database"));
      return EXIT_FAILED;
    }
  g_print (_("Imported %u dishes on %u days, %s to %s.\n"), nk_menu_import_get_n_dishes (import),
           days->len, ((NkMenuDay *) days->pdata[0])->date,
           ((NkMenuDay *) days->pdata[days->len - 1])->date);
  return EXIT_OK;
}
