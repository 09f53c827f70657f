/* admin-main.c — nursery-kiosk-admin, the command line for the centre's
 * IT person (docs/admin.md): finds the command (admin-commands.c), parses
 * its options, loads the configuration and opens the database for it.
 *
 * Exit codes: 0 done, 1 failed (bad file, unknown card, database error),
 * 2 usage error (unknown command or option, missing or malformed argument). */
#define G_LOG_DOMAIN "nk-admin"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "admin-private.h"
#include "core/nk-config.h"
#include "core/nk-store.h"

#define DB_FILE_NAME  "kiosk.db"
#define SYSTEM_CONFIG "/etc/nursery-kiosk/kiosk.conf"

static void
admin_clear (Admin *admin)
{
  g_free (admin->data_dir);
  g_free (admin->config_path);
  g_free (admin->from);
  g_free (admin->to);
  g_free (admin->output);
  g_free (admin->child);
  g_free (admin->guardian);
  g_free (admin->staff);
  g_free (admin->date);
  g_free (admin->uid);
  if (admin->pin != NULL)
    memset (admin->pin, 0, strlen (admin->pin));
  g_free (admin->pin);
  g_free (admin->roster);
  g_clear_pointer (&admin->config, nk_config_free);
}

static const Command *
find_command (const char *name)
{
  for (guint i = 0; i < admin_n_commands; i++)
    if (strcmp (admin_commands[i].name, name) == 0)
      return &admin_commands[i];
  return NULL;
}

/* Options that take their value as the next argument. */
static gboolean
takes_value (const char *arg)
{
  static const char *with_value[] = {
    "--data-dir", "-d", "--config", "-c", "--from", "--to", "--output", "-o",
    "--child", "--guardian", "--staff", "--date", "--due-by", "--month", "--format",
  };

  for (guint i = 0; i < G_N_ELEMENTS (with_value); i++)
    if (strcmp (arg, with_value[i]) == 0)
      return TRUE;
  return FALSE;
}

/* The index of the command name: the first argument that is not an
 * option or an option's value; 0 when there is none. */
static int
find_command_index (int argc, char **argv)
{
  for (int i = 1; i < argc; i++)
    {
      if (strcmp (argv[i], "--") == 0)
        return i + 1 < argc ? i + 1 : 0;
      if (argv[i][0] != '-' || argv[i][1] == '\0')
        return i;
      if (takes_value (argv[i]))
        i++;
    }
  return 0;
}

static char *
commands_description (void)
{
  GString *text = g_string_new (_("Commands:"));

  g_string_append_c (text, '\n');
  for (guint i = 0; i < admin_n_commands; i++)
    g_string_append_printf (text, "  %-19s %s\n", admin_commands[i].name, _(admin_commands[i].summary));
  g_string_append_c (text, '\n');
  g_string_append_printf (text, _("“%s COMMAND --help” describes one command.\n"),
                          g_get_prgname ());
  g_string_append (text, _("Exit status: 0 done, 1 failed, 2 usage error.  See docs/admin.md."));
  return g_string_free (text, FALSE);
}

/* No command: only --help and --version make sense. */
static int
run_without_command (int argc, char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("COMMAND [OPTION…]"));
  g_autoptr(GError) error = NULL;
  g_autofree char *description = commands_description ();
  gboolean version = FALSE;
  GOptionEntry version_entries[] = {
    { "version", 0, 0, G_OPTION_ARG_NONE, &version, N_("Show the version and exit"), NULL },
    { NULL }
  };

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _("Manage the roster and attendance of a Nursery Kiosk."));
  g_option_context_set_description (context, description);
  g_option_context_add_main_entries (context, admin_common_entries, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, version_entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      usage_error (NULL, error->message);
      return EXIT_USAGE;
    }
  if (version)
    {
      g_print ("nursery-kiosk-admin %s\n", PACKAGE_VERSION);
      return EXIT_OK;
    }

  if (argc > 1)
    {
      g_autofree char *message = g_strdup_printf (_("Unknown command “%s”"), argv[1]);
      usage_error (NULL, message);
      return EXIT_USAGE;
    }

  g_printerr ("%s: %s\n\n%s\n", g_get_prgname (), _("No command given"), description);
  return EXIT_USAGE;
}

static gboolean
load_config (Admin *admin, GError **error)
{
  admin->config = nk_config_new ();

  if (admin->config_path != NULL)
    {
      if (!nk_config_load (admin->config, admin->config_path, TRUE, error))
        return FALSE;
    }
  else
    {
      /* The kiosk's own file, when there is one (docs/config.md). */
      if (!nk_config_load (admin->config, SYSTEM_CONFIG, FALSE, error))
        return FALSE;
    }

  if (admin->data_dir != NULL)
    {
      g_free (admin->config->data_dir);
      admin->config->data_dir = g_strdup (admin->data_dir);
    }
  return TRUE;
}

static int
run_command (const Command *command, int argc, char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (command->params);
  g_autoptr(GError) error = NULL;
  g_autoptr(NkStore) store = NULL;
  g_autofree char *db_path = NULL;
  g_auto(GStrv) args = NULL;
  int status;

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _(command->summary));
  if (command->description != NULL)
    g_option_context_set_description (context, _(command->description));
  g_option_context_add_main_entries (context, admin_common_entries, GETTEXT_PACKAGE);
  if (command->entries != NULL)
    g_option_context_add_main_entries (context, command->entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      usage_error (command->name, error->message);
      return EXIT_USAGE;
    }

  /* What is left: the program, the command name, its arguments. */
  args = g_new0 (char *, argc + 1);
  for (int i = 1, n = 0; i < argc; i++)
    {
      if (n == 0 && i == 1 && strcmp (argv[i], command->name) == 0)
        continue;
      if (strcmp (argv[i], "--") == 0)
        continue;
      args[n++] = g_strdup (argv[i]);
    }

  if (!load_config (&admin_options, &error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILED;
    }

  status = command->check (&admin_options, args);
  if (status != EXIT_OK)
    return status;
  if (command->no_database)
    return command->run (&admin_options, NULL, args);

  db_path = g_build_filename (nk_config_get_data_dir (admin_options.config), DB_FILE_NAME, NULL);
  if (!g_file_test (db_path, G_FILE_TEST_EXISTS))
    {
      if (!command->creates_database)
        {
          g_printerr (_("There is no kiosk database at %s (give --data-dir or import a roster first)\n"),
                      db_path);
          return EXIT_FAILED;
        }
      /* A dry run leaves no database behind. */
      if (admin_options.dry_run)
        return command->run (&admin_options, NULL, args);
    }

  store = nk_store_open (db_path, &error);
  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILED;
    }

  return command->run (&admin_options, store, args);
}

/* Where the message catalogues are: $NK_LOCALEDIR, else the installed
 * LOCALEDIR when it holds ours, else the build tree (as the kiosk does). */
static const char *
find_localedir (void)
{
  const char *env = g_getenv ("NK_LOCALEDIR");
  g_autofree char *installed = g_build_filename (LOCALEDIR, "zh_CN", "LC_MESSAGES",
                                                 GETTEXT_PACKAGE ".mo", NULL);

  if (env != NULL && env[0] != '\0')
    return env;
  if (g_file_test (installed, G_FILE_TEST_IS_REGULAR))
    return LOCALEDIR;
  return BUILD_LOCALEDIR;
}

int
main (int argc, char **argv)
{
  const Command *command;
  int index;
  int status;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, find_localedir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("nursery-kiosk-admin");

  index = find_command_index (argc, argv);
  if (index == 0)
    return run_without_command (argc, argv);

  command = find_command (argv[index]);
  if (command == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Unknown command “%s”"), argv[index]);
      usage_error (NULL, message);
      return EXIT_USAGE;
    }

  /* The command name moves to argv[1] so that it is easy to drop. */
  if (index != 1)
    {
      char *name = argv[index];
      memmove (&argv[2], &argv[1], (gsize) (index - 1) * sizeof (char *));
      argv[1] = name;
    }

  status = run_command (command, argc, argv);
  admin_clear (&admin_options);
  return status;
}
