/* main.c — nursery-kiosk: the check-in kiosk at the nursery door. */
#define G_LOG_DOMAIN "nk-app"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "views/nk-application.h"

/* Where the message catalogues are: $NK_LOCALEDIR, else the installed
 * LOCALEDIR when it holds ours, else the build tree (so `make demo` from
 * a build directory speaks Chinese under a zh_CN locale). */
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
main (int   argc,
      char *argv[])
{
  g_autoptr(NkApplication) app = NULL;

  /* Door boxes rarely have a GPU worth the name: the cairo renderer paints
   * this mostly still UI faster and in less memory than GL in software
   * (make bench: p50 17 ms and 118 MB against 50 ms and 186 MB).  Set
   * GSK_RENDERER=gl on a box with a real GPU. */
  g_setenv ("GSK_RENDERER", "cairo", FALSE);

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, find_localedir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = nk_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
