/* admin-pin.c — the PIN of set-pin from standard input (admin-pin.h). */
#define G_LOG_DOMAIN "nk-admin"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "admin-pin.h"
#include "core/nk-staff-pin.h"

/* One line of standard input without its line end; on a terminal the
 * typing is not shown.  NULL at the end of the input. */
static char *
read_secret_line (const char *prompt)
{
  gboolean tty = isatty (STDIN_FILENO);
  struct termios saved, quiet;
  char line[128];
  char *got;

  if (tty)
    {
      g_printerr ("%s", prompt);
      tcgetattr (STDIN_FILENO, &saved);
      quiet = saved;
      quiet.c_lflag &= ~(tcflag_t) ECHO;
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet);
    }
  got = fgets (line, sizeof line, stdin);
  if (tty)
    {
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved);
      g_printerr ("\n");
    }
  if (got == NULL)
    return NULL;
  line[strcspn (line, "\r\n")] = '\0';
  got = g_strdup (line);
  memset (line, 0, sizeof line);
  return got;
}

static void
wipe (char *secret)
{
  if (secret != NULL)
    memset (secret, 0, strlen (secret));
  g_free (secret);
}

char *
nk_admin_read_pin (const char *staff_id, GError **error)
{
  /* TRANSLATORS: prompt on the terminal; %s is a staff id */
  g_autofree char *prompt = g_strdup_printf (_("New 6-digit PIN for %s: "), staff_id);
  char *pin = read_secret_line (prompt);
  char *again;
  gboolean same;

  if (pin == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("No PIN was given on standard input"));
      return NULL;
    }
  if (!nk_staff_pin_check (pin, error))
    {
      wipe (pin);
      return NULL;
    }
  if (!isatty (STDIN_FILENO))
    return pin;
  again = read_secret_line (_("The same PIN again: "));
  same = g_strcmp0 (again, pin) == 0;
  wipe (again);
  if (!same)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The two PINs differ; nothing was changed"));
      wipe (pin);
      return NULL;
    }
  return pin;
}
