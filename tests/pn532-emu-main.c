/* pn532-emu-main.c — the PN532 emulator (pn532-emu.h) as a program, for
 * end-to-end scripts that run the real kiosk with
 * --reader nfc:pn532_uart:LINK.
 *
 *   pn532-emu [--reading=continuous|once-per-period] LINK
 *
 * makes LINK point at the emulated reader's pty (how InAutoPoll spends
 * its period: --reading, else $PN532_EMU_READING, else continuous), prints
 * "ready pn532_uart:LINK", then reads commands, one a line, from stdin
 * and answers each with "ok …" or "error …":
 *
 *   place HEXUID    put a card (4, 7 or 10 bytes) on the reader
 *   remove          take it away
 *   unplug          close the pty and remove LINK, as a pulled-out reader
 *   replug          a new pty behind LINK
 *   polls           "ok with-card=N empty=N": polls answered so far
 *   reading R       InAutoPoll from now on per reading R (continuous, once-per-period)
 *   quit            (or end of input) stop
 *
 * A script can feed it through a FIFO:
 *   mkfifo ctl; pn532-emu "$dir/tty" <ctl >out & exec 3>ctl
 *   echo "place 04A1B2C3" >&3 */
#include "config.h"

#include <gio/gio.h>
#include <stdio.h>
#include <string.h>

#include "pn532-emu.h"

static void
reply (const char *format,
       ...) G_GNUC_PRINTF (1, 2);

static void
reply (const char *format,
       ...)
{
  va_list args;

  va_start (args, format);
  vprintf (format, args);
  va_end (args);
  putchar ('\n');
  fflush (stdout);
}

static gboolean
parse_uid (const char *hex,
           guint8     *uid,
           gsize      *len)
{
  gsize n = strlen (hex);

  if (n % 2 != 0 || (n / 2 != 4 && n / 2 != 7 && n / 2 != 10))
    return FALSE;
  for (gsize i = 0; i < n / 2; i++)
    {
      int hi = g_ascii_xdigit_value (hex[2 * i]);
      int lo = g_ascii_xdigit_value (hex[2 * i + 1]);

      if (hi < 0 || lo < 0)
        return FALSE;
      uid[i] = (guint8) (hi << 4 | lo);
    }
  *len = n / 2;
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(Pn532Emu) emu = NULL;
  g_autofree char *connstring = NULL;
  char line[256];

  const char *link = argc == 2 ? argv[1] : argc == 3 ? argv[2] : NULL;
  Pn532EmuReading reading = PN532_EMU_READING_CONTINUOUS;
  gboolean bad_reading = argc == 3 && (!g_str_has_prefix (argv[1], "--reading=")
                                       || !pn532_emu_reading_from_string (argv[1] + 10, &reading));

  if (link == NULL || link[0] == '-' || bad_reading)
    {
      fprintf (stderr, "Usage: %s [--reading=continuous|once-per-period] LINK\n"
               "Emulates a PN532 on a pty that LINK points to; commands on stdin:\n"
               "place HEXUID, remove, unplug, replug, polls, reading R, quit.\n", argv[0]);
      return 2;
    }

  emu = pn532_emu_new (link, &error);
  if (emu == NULL)
    {
      fprintf (stderr, "pn532-emu: %s\n", error->message);
      return 1;
    }
  if (argc == 3)
    pn532_emu_set_reading (emu, reading);

  connstring = pn532_emu_dup_connstring (emu);
  reply ("ready %s", connstring);

  while (fgets (line, sizeof line, stdin) != NULL)
    {
      g_auto(GStrv) words = g_strsplit_set (g_strstrip (line), " \t", 2);
      const char *command = words[0] != NULL ? words[0] : "";

      if (*command == '\0')
        continue;

      if (g_str_equal (command, "place"))
        {
          guint8 uid[10];
          gsize len = 0;

          if (words[1] == NULL || !parse_uid (g_strstrip (words[1]), uid, &len))
            reply ("error place needs a 4-, 7- or 10-byte hex UID");
          else
            {
              pn532_emu_place_card (emu, uid, len);
              reply ("ok");
            }
        }
      else if (g_str_equal (command, "remove"))
        {
          pn532_emu_remove_card (emu);
          reply ("ok");
        }
      else if (g_str_equal (command, "unplug"))
        {
          pn532_emu_unplug (emu);
          reply ("ok");
        }
      else if (g_str_equal (command, "replug"))
        {
          g_clear_error (&error);
          if (pn532_emu_is_plugged (emu))
            reply ("error already plugged in");
          else if (!pn532_emu_replug (emu, &error))
            reply ("error %s", error->message);
          else
            reply ("ok");
        }
      else if (g_str_equal (command, "polls"))
        reply ("ok with-card=%u empty=%u",
               pn532_emu_get_polls (emu, TRUE), pn532_emu_get_polls (emu, FALSE));
      else if (g_str_equal (command, "reading"))
        {
          if (words[1] == NULL || !pn532_emu_reading_from_string (g_strstrip (words[1]), &reading))
            reply ("error reading is continuous or once-per-period");
          else
            {
              pn532_emu_set_reading (emu, reading);
              reply ("ok");
            }
        }
      else if (g_str_equal (command, "quit"))
        break;
      else
        reply ("error unknown command %s", command);
    }

  return 0;
}
