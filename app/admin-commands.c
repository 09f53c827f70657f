/* admin-commands.c — the commands of nursery-kiosk-admin (docs/admin.md):
 * each one's options, the checks of its arguments before the database is
 * opened, and what it runs; admin-main.c parses the command line and
 * opens the database. */
#define G_LOG_DOMAIN "nk-admin"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "admin-config.h"
#include "admin-menu.h"
#include "admin-checkups.h"
#include "admin-report.h"
#include "admin-pin.h"
#include "admin-private.h"
#include "core/nk-admin.h"
#include "core/nk-export.h"
#include "core/nk-roster-import.h"
#include "core/nk-sleep-check.h"
#include "core/nk-sleep-report.h"
#include "core/nk-staff-pin.h"
#include "sync/nk-enrol.h"
#include "sync/nk-sync.h"

Admin admin_options;

GOptionEntry admin_common_entries[] = {
  { "data-dir", 'd', 0, G_OPTION_ARG_FILENAME, &admin_options.data_dir,
    N_("Data directory holding kiosk.db (overrides the configuration file)"), N_("DIR") },
  { "config", 'c', 0, G_OPTION_ARG_FILENAME, &admin_options.config_path,
    N_("Configuration file (see docs/config.md)"), N_("FILE") },
  { NULL }
};

static GOptionEntry import_entries[] = {
  { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &admin_options.dry_run,
    N_("Check the file and report problems, but import nothing"), NULL },
  { NULL }
};

static GOptionEntry export_entries[] = {
  { "from", 0, 0, G_OPTION_ARG_STRING, &admin_options.from,
    N_("First day, YYYY-MM-DD (required)"), N_("DATE") },
  { "to", 0, 0, G_OPTION_ARG_STRING, &admin_options.to,
    N_("Last day, YYYY-MM-DD (required)"), N_("DATE") },
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &admin_options.output,
    N_("Write the CSV to FILE instead of standard output"), N_("FILE") },
  { NULL }
};

static GOptionEntry card_entries[] = {
  { "child", 0, 0, G_OPTION_ARG_STRING, &admin_options.child,
    N_("The card is this child's own card"), N_("ID") },
  { "guardian", 0, 0, G_OPTION_ARG_STRING, &admin_options.guardian,
    N_("The card belongs to this guardian"), N_("ID") },
  { "staff", 0, 0, G_OPTION_ARG_STRING, &admin_options.staff,
    N_("The card belongs to this member of staff"), N_("ID") },
  { NULL }
};

static GOptionEntry pin_entries[] = {
  { "clear", 0, 0, G_OPTION_ARG_NONE, &admin_options.clear,
    N_("Remove the member of staff's PIN instead of setting one"), NULL },
  { NULL }
};

static GOptionEntry sleep_report_entries[] = {
  { "date", 0, 0, G_OPTION_ARG_STRING, &admin_options.date,
    N_("The day of the report"), N_("YYYY-MM-DD") },
  { "child", 0, 0, G_OPTION_ARG_STRING, &admin_options.child,
    N_("Only this child's naps"), N_("ID") },
  { NULL }
};

void
usage_error (const char *command, const char *message)
{
  g_printerr ("%s: %s\n", g_get_prgname (), message);
  if (command != NULL)
    g_printerr (_("Try “%s %s --help”.\n"), g_get_prgname (), command);
  else
    g_printerr (_("Try “%s --help”.\n"), g_get_prgname ());
}

static gboolean
read_uid (Admin *admin, const char *command, const char *raw, char **uid)
{
  g_autoptr(GError) error = NULL;

  *uid = nk_uid_normalise (raw, &admin->config->uid, &error);
  if (*uid == NULL)
    {
      usage_error (command, error->message);
      return FALSE;
    }
  return TRUE;
}

/* ---- import-roster ----------------------------------------------------- */

static int
check_import_roster (Admin *admin, GStrv args)
{
  g_autoptr(GError) error = NULL;

  if (g_strv_length (args) != 1)
    {
      usage_error ("import-roster", _("Give exactly one roster file"));
      return EXIT_USAGE;
    }

  /* Read before the database is opened (and perhaps made). */
  if (!nk_roster_import_read_file (args[0], &admin->roster, &admin->roster_len, &error))
    {
      g_printerr (_("Cannot read the roster file: %s\n"), error->message);
      return EXIT_FAILED;
    }
  return EXIT_OK;
}

static int
run_import_roster (Admin *admin, NkStore *store, GStrv args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NkRosterImport) import = NULL;
  g_autoptr(GTimeZone) tz = NULL;
  NkImportCounts counts = { 0 };
  GPtrArray *problems;

  tz = nk_config_get_timezone (admin->config);
  import = nk_roster_import_new (&admin->config->uid, tz);

  if (!nk_roster_import_validate (import, admin->roster, (gssize) admin->roster_len, store))
    {
      problems = nk_roster_import_get_problems (import);
      for (guint i = 0; i < problems->len; i++)
        {
          NkImportProblem *problem = g_ptr_array_index (problems, i);
          /* TRANSLATORS: file name, line number, what is wrong */
          g_printerr (_("%s, line %u: %s\n"), args[0], problem->line, problem->message);
        }
      g_printerr (g_dngettext (GETTEXT_PACKAGE,
                               "%u problem in the roster file; nothing was imported.\n",
                               "%u problems in the roster file; nothing was imported.\n",
                               problems->len),
                  problems->len);
      return EXIT_FAILED;
    }

  if (admin->dry_run)
    {
      g_print (_("The roster file has no problems (dry run: nothing was imported).\n"));
      return EXIT_OK;
    }

  if (!nk_roster_import_apply (import, store, &counts, &error))
    {
      g_printerr (_("Nothing was imported: %s\n"), error->message);
      return EXIT_FAILED;
    }

  g_print (_("Imported %u children, %u guardians, %u cards, %u rooms.\n"),
           counts.children, counts.guardians, counts.cards, counts.rooms);
  return EXIT_OK;
}

/* ---- export-attendance ------------------------------------------------- */

static int
check_export_attendance (Admin *admin, GStrv args)
{
  if (g_strv_length (args) != 0)
    {
      usage_error ("export-attendance", _("export-attendance takes no file name; use --output"));
      return EXIT_USAGE;
    }
  if (admin->from == NULL || admin->to == NULL)
    {
      usage_error ("export-attendance", _("Both --from and --to are required"));
      return EXIT_USAGE;
    }
  if (!nk_export_valid_date (admin->from) || !nk_export_valid_date (admin->to))
    {
      usage_error ("export-attendance", _("Dates are written YYYY-MM-DD, for example 2025-03-01"));
      return EXIT_USAGE;
    }
  if (strcmp (admin->from, admin->to) > 0)
    {
      usage_error ("export-attendance", _("--from is after --to"));
      return EXIT_USAGE;
    }
  return EXIT_OK;
}

static int
run_export_attendance (Admin *admin, NkStore *store, GStrv args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GString) csv = g_string_new (NULL);
  g_autofree char *today = NULL;
  guint rows = 0;

  tz = nk_config_get_timezone (admin->config);
  now = g_date_time_new_now (tz);
  today = g_date_time_format (now, "%Y-%m-%d");

  if (!nk_export_attendance (store, tz, admin->from, admin->to, today, csv, &rows, &error))
    {
      g_printerr (_("Cannot export the attendance: %s\n"), error->message);
      return EXIT_FAILED;
    }

  if (admin->output != NULL)
    {
      /* Children's attendance is personal data: readable by the owner only. */
      if (!g_file_set_contents_full (admin->output, csv->str, (gssize) csv->len,
                                     G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
        {
          g_printerr (_("Cannot write the export: %s\n"), error->message);
          return EXIT_FAILED;
        }
      g_print (g_dngettext (GETTEXT_PACKAGE,
                            "Exported %u row to %s.\n", "Exported %u rows to %s.\n", rows),
               rows, admin->output);
      return EXIT_OK;
    }

  if (fwrite (csv->str, 1, csv->len, stdout) != csv->len || fflush (stdout) != 0)
    {
      g_printerr (_("Cannot write the export to standard output\n"));
      return EXIT_FAILED;
    }
  return EXIT_OK;
}

/* ---- add-card, report-lost --------------------------------------------- */

static int
check_add_card (Admin *admin, GStrv args)
{
  guint given = (admin->child != NULL) + (admin->guardian != NULL) + (admin->staff != NULL);

  if (g_strv_length (args) != 1)
    {
      usage_error ("add-card", _("Give exactly one card UID"));
      return EXIT_USAGE;
    }
  if (given != 1)
    {
      usage_error ("add-card", _("Give exactly one of --child, --guardian and --staff"));
      return EXIT_USAGE;
    }
  return read_uid (admin, "add-card", args[0], &admin->uid) ? EXIT_OK : EXIT_USAGE;
}

static int
run_add_card (Admin *admin, NkStore *store, GStrv args)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *previous = NULL;
  const char *uid = admin->uid;
  NkHolderKind holder;
  const char *holder_id;
  const char *words;

  if (admin->child != NULL)
    {
      holder = NK_HOLDER_CHILD;
      holder_id = admin->child;
      words = _("child");
    }
  else if (admin->guardian != NULL)
    {
      holder = NK_HOLDER_GUARDIAN;
      holder_id = admin->guardian;
      words = _("guardian");
    }
  else
    {
      holder = NK_HOLDER_STAFF;
      holder_id = admin->staff;
      words = _("staff member");
    }

  if (!nk_admin_add_card (store, uid, holder, holder_id, &previous, &error))
    {
      g_printerr (_("Card %s was not added: %s\n"), uid, error->message);
      return EXIT_FAILED;
    }

  /* TRANSLATORS: "Card 04A1B2C3 now belongs to child C001." */
  g_print (_("Card %s now belongs to %s %s.\n"), uid, words, holder_id);
  if (previous != NULL)
    g_print (_("Before, it belonged to %s.\n"), previous);
  return EXIT_OK;
}

static int
check_report_lost (Admin *admin, GStrv args)
{
  if (g_strv_length (args) != 1)
    {
      usage_error ("report-lost", _("Give exactly one card UID"));
      return EXIT_USAGE;
    }
  return read_uid (admin, "report-lost", args[0], &admin->uid) ? EXIT_OK : EXIT_USAGE;
}

static int
run_report_lost (Admin *admin, NkStore *store, GStrv args)
{
  g_autoptr(GError) error = NULL;
  const char *uid = admin->uid;

  if (!nk_admin_report_lost (store, uid, &error))
    {
      if (g_error_matches (error, NK_STORE_ERROR, NK_STORE_ERROR_NOT_FOUND))
        g_printerr (_("There is no card %s in the database\n"), uid);
      else
        g_printerr (_("Card %s was not changed: %s\n"), uid, error->message);
      return EXIT_FAILED;
    }

  g_print (_("Card %s is reported lost; the kiosk refuses it from now on.\n"), uid);
  return EXIT_OK;
}

/* ---- set-pin ----------------------------------------------------------- */

static int
check_set_pin (Admin *admin, GStrv args)
{
  if (g_strv_length (args) != 1)
    {
      usage_error ("set-pin", _("Give exactly one staff id"));
      return EXIT_USAGE;
    }
  g_autoptr(GError) error = NULL;

  if (admin->clear)
    return EXIT_OK;
  admin->pin = nk_admin_read_pin (args[0], &error);
  if (admin->pin == NULL)
    {
      g_printerr (_("The PIN was not set: %s\n"), error->message);
      return EXIT_FAILED;
    }
  return EXIT_OK;
}

static int
run_set_pin (Admin *admin, NkStore *store, GStrv args)
{
  g_autoptr(GError) error = NULL;
  gboolean had = FALSE;

  if (admin->clear)
    {
      if (!nk_staff_pin_clear (store, args[0], &had, &error))
        {
          g_printerr (_("The PIN was not removed: %s\n"), error->message);
          return EXIT_FAILED;
        }
      if (had)
        g_print (_("The PIN of %s is removed.\n"), args[0]);
      else
        g_print (_("%s had no PIN; nothing was changed.\n"), args[0]);
      return EXIT_OK;
    }
  if (!nk_staff_pin_set (store, args[0], admin->pin, &error))
    {
      g_printerr (_("The PIN was not set: %s\n"), error->message);
      return EXIT_FAILED;
    }
  g_print (_("%s can now open staff mode with their PIN.\n"), args[0]);
  return EXIT_OK;
}

/* ---- status ------------------------------------------------------------ */

static char *
format_local (gint64 at_us, GTimeZone *tz)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (at_us <= 0)
    return g_strdup (_("never"));
  utc = g_date_time_new_from_unix_utc (at_us / G_USEC_PER_SEC);
  if (utc == NULL)
    return g_strdup ("?");
  local = g_date_time_to_timezone (utc, tz);
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

static int
check_status (Admin *admin, GStrv args)
{
  if (g_strv_length (args) != 0)
    {
      usage_error ("status", _("status takes no arguments"));
      return EXIT_USAGE;
    }
  return EXIT_OK;
}

static int
run_status (Admin *admin, NkStore *store, GStrv args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimeZone) tz = nk_config_get_timezone (admin->config);
  g_autofree char *last_event = NULL;
  g_autofree char *oldest = NULL;
  g_autofree char *centre = NULL;
  NkAdminStatus status = { 0 };

  if (!nk_admin_get_status (store, &status, &error))
    {
      g_printerr (_("Cannot read the database: %s\n"), error->message);
      return EXIT_FAILED;
    }

  last_event = format_local (status.last_event_us, tz);
  oldest = format_local (status.oldest_pending_us, tz);

  /* The configuration's name, else the one the platform sent at enrolment. */
  centre = admin->config->centre_name != NULL && admin->config->centre_name[0] != '\0'
             ? g_strdup (admin->config->centre_name)
             : nk_store_get_meta (store, NK_ENROL_CENTRE_NAME_KEY);
  if (centre != NULL)
    g_print (_("Centre: %s\n"), centre);
  g_print (_("Database: %s\n"), nk_store_get_path (store));
  g_print (_("Device id: %s\n"), nk_store_get_device_id (store));
  g_print (_("Schema version: %d\n"), nk_store_get_schema_version (store));
  g_print (_("Time zone: %s\n"), admin->config->timezone);
  /* Counts as long long: a plain %lld keeps the strings translatable. */
  g_print (_("Rooms: %lld\n"), (long long) status.rooms);
  g_print (_("Children: %lld (%lld marked as left)\n"),
           (long long) status.children, (long long) status.children_left);
  g_print (_("Guardians: %lld\n"), (long long) status.guardians);
  g_print (_("Staff: %lld\n"), (long long) status.staff);
  g_print (_("Cards: %lld active, %lld reported lost\n"),
           (long long) status.cards_active, (long long) status.cards_lost);
  g_print (_("Attendance events: %lld (last: %s)\n"),
           (long long) status.attendance_events, last_event);
  if (status.pending_outbox > 0)
    g_print (_("Waiting to be sent to the platform: %lld (oldest: %s)\n"),
             (long long) status.pending_outbox, oldest);
  else
    g_print (_("Waiting to be sent to the platform: 0\n"));
  return EXIT_OK;
}

/* ---- enrol -------------------------------------------------------------- */

static int
check_enrol (Admin *admin, GStrv args)
{
  if (g_strv_length (args) != 1)
    {
      usage_error ("enrol", _("Give exactly one enrolment code"));
      return EXIT_USAGE;
    }
  if (!nk_enrol_code_is_valid (args[0]))
    {
      usage_error ("enrol", _("An enrolment code has 4 to 32 letters and digits"));
      return EXIT_USAGE;
    }
  if (admin->config->platform_url == NULL)
    {
      usage_error ("enrol", _("No platform is configured: set sync.platform-url in the configuration file"));
      return EXIT_USAGE;
    }
  return EXIT_OK;
}

typedef struct {
  GMainLoop *loop;
  gboolean   ok;
  GError    *error;
} EnrolWait;

static void
enrol_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  EnrolWait *wait = user_data;

  wait->ok = nk_sync_enrol_finish (NK_SYNC (source), result, &wait->error);
  g_main_loop_quit (wait->loop);
}

static int
run_enrol (Admin *admin, NkStore *store, GStrv args)
{
  g_autoptr(NkSync) sync = nk_sync_new (store, nk_store_get_path (store), admin->config);
  EnrolWait wait = { g_main_loop_new (NULL, FALSE), FALSE, NULL };

  /* A typed code: the platform app showed it to the director. */
  nk_sync_enrol_async (sync, args[0], FALSE, NULL, enrol_done, &wait);
  g_main_loop_run (wait.loop);
  g_main_loop_unref (wait.loop);

  if (!wait.ok)
    {
      g_printerr (_("Enrolment with %s failed: %s\n"), admin->config->platform_url, wait.error->message);
      g_error_free (wait.error);
      return EXIT_FAILED;
    }
  g_print (_("Enrolled with %s as device %s; the token is in %s.\n"), admin->config->platform_url,
           nk_store_get_device_id (store), nk_sync_get_token_path (sync));
  return EXIT_OK;
}

/* ---- sleep-report ------------------------------------------------------ */

static int
check_sleep_report (Admin *admin, GStrv args)
{
  if (g_strv_length (args) != 0 || admin->date == NULL || !nk_export_valid_date (admin->date))
    {
      usage_error ("sleep-report", _("Give the day as --date YYYY-MM-DD, for example 2025-03-01"));
      return EXIT_USAGE;
    }
  return EXIT_OK;
}

static int
run_sleep_report (Admin *admin, NkStore *store, GStrv args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimeZone) tz = nk_config_get_timezone (admin->config);
  g_autoptr(NkCentre) centre = nk_centre_new (tz);
  NkSleepSettings settings = { admin->config->sleep_check_minutes, admin->config->sleep_check_rooms };
  g_autoptr(GPtrArray) naps = NULL;
  g_autofree char *text = NULL;

  nk_sleep_settings_set (&settings);
  naps = nk_sleep_report_load (store, centre, admin->date, admin->child,
                               nk_sleep_settings_interval_us (), &error);
  if (naps == NULL)
    {
      g_printerr (_("Cannot read the sleep checks: %s\n"), error->message);
      return EXIT_FAILED;
    }
  text = nk_sleep_report_format (naps, centre, nk_sleep_settings_interval_us ());
  g_print ("%s", text);
  return EXIT_OK;
}

/* ---- the table ----------------------------------------------------------- */

const Command admin_commands[] = {
  { "import-roster", "import-roster FILE.csv",
    N_("Import children, guardians, cards and rooms from a roster CSV file"),
    N_("The file needs a header row with at least the columns child_id, child_name,\n"
       "date_of_birth, room, child_card_uid, guardian_name, guardian_phone and\n"
       "guardian_card_uid; room_kind, room_places, guardian_relation, can_pickup and\n"
       "allergies are optional.  Every row is checked first: when any row is wrong,\n"
       "each problem is reported with its line number and nothing is imported.\n"
       "See docs/admin.md."),
    TRUE, check_import_roster, run_import_roster, import_entries },
  { "import-menu", "import-menu FILE.csv",
    N_("Import menus (a week, or any days) from a CSV file: one row per dish"),
    N_("Columns: date, slot, dish (required), ingredients, allergens, allergen_other,\n"
       "amount_infant, amount_toddler, amount_senior.  Allergens are codes or names\n"
       "(egg, 蛋类) separated by ; or 、.  Every row is checked first: when any row is\n"
       "wrong, each problem is reported with its line number and nothing is imported.\n"
       "See docs/admin.md."),
    FALSE, admin_check_import_menu, admin_run_import_menu, import_entries },
  { "export-attendance", "export-attendance --from DATE --to DATE [--output FILE]",
    N_("Export attendance as CSV: one row per child and day"),
    N_("Columns: child_id, child_name, room, date, check_in, check_out, status.\n"
       "Times are HH:MM in the centre's time zone; the file is UTF-8 with a byte\n"
       "order mark and CRLF line ends, so spreadsheet programs open it as it is."),
    FALSE, check_export_attendance, run_export_attendance, export_entries },
  { "add-card", "add-card UID (--child ID | --guardian ID | --staff ID)",
    N_("Give a card to a child, a guardian or a member of staff"),
    N_("A card held by someone else moves to the new holder; a card reported lost\n"
       "becomes active again."),
    FALSE, check_add_card, run_add_card, card_entries },
  { "report-lost", "report-lost UID",
    N_("Block a lost card: the kiosk refuses it from now on"),
    NULL, FALSE, check_report_lost, run_report_lost, NULL },
  { "set-pin", "set-pin STAFF_ID [--clear]",
    N_("Set (or with --clear remove) the 6-digit PIN that opens staff mode without a card"),
    N_("The PIN is read from standard input: twice, not shown, on a terminal; one\n"
       "line from a pipe.  It must be exactly 6 digits, not easily guessed (000000,\n"
       "123456, 121212 …), and different from every other staff member's PIN: the\n"
       "PIN alone says who is at the door.  Only a hash of it is kept."),
    FALSE, check_set_pin, run_set_pin, pin_entries },
  { "enrol", "enrol CODE",
    N_("Enrol this kiosk with the platform using a code from the platform app"),
    N_("Needs sync.platform-url (and sync.ca-file for a private CA) in the\n"
       "configuration.  The device token is kept in the data directory, readable\n"
       "by the kiosk's user only."),
    TRUE, check_enrol, run_enrol, NULL },
  { "sleep-report", "sleep-report --date YYYY-MM-DD [--child ID]",
    N_("Show the day's sleep checks: every gap longer than the interval, per child and nap"),
    N_("Gaps are counted from the nap's start to the first check, between two checks,\n"
       "and from the last check to the nap's end (or now).  The interval and the rooms\n"
       "with checks are sleep-check.interval-minutes and sleep-check.room-kinds."),
    FALSE, check_sleep_report, run_sleep_report, sleep_report_entries },
  ADMIN_CHECKUPS_COMMAND,
  ADMIN_REPORT_COMMAND,
  ADMIN_CHECK_CONFIG_COMMAND,
  { "status", "status",
    N_("Show the device id, schema version, record counts and records waiting to be sent"),
    NULL, FALSE, check_status, run_status, NULL },
};

const guint admin_n_commands = G_N_ELEMENTS (admin_commands);
