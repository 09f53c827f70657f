/* admin-main.c — nursery-kiosk-admin, the command line for the centre's
 * IT person (docs/admin.md): import the roster, export attendance, give
 * out and block cards, look at the database.
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

#include "core/nk-admin.h"
#include "core/nk-config.h"
#include "core/nk-export.h"
#include "core/nk-roster-import.h"
#include "admin-pin.h"
#include "core/nk-staff-pin.h"
#include "core/nk-sleep-check.h"
#include "core/nk-sleep-report.h"
#include "core/nk-store.h"
#include "sync/nk-enrol.h"
#include "sync/nk-sync.h"

#define EXIT_OK      0
#define EXIT_FAILED  1
#define EXIT_USAGE   2

#define DB_FILE_NAME  "kiosk.db"
#define SYSTEM_CONFIG "/etc/nursery-kiosk/kiosk.conf"

typedef struct {
  /* options every command takes */
  char     *data_dir;
  char     *config_path;
  /* import-roster */
  gboolean  dry_run;
  char     *roster;           /* the file's bytes */
  gsize     roster_len;
  /* export-attendance */
  char     *from;
  char     *to;
  char     *output;
  /* add-card */
  char     *child;
  char     *guardian;
  char     *staff;
  /* set-pin */
  gboolean  clear;
  char     *pin;              /* read before the database is opened */
  /* sleep-report (and --child) */
  char     *date;

  NkConfig *config;
  char     *uid;              /* add-card, report-lost: normalised */
} Admin;

typedef struct _Command Command;
struct _Command {
  const char   *name;
  const char   *params;          /* after the command name, untranslated */
  const char   *summary;         /* N_() */
  const char   *description;     /* N_(), may be NULL */
  gboolean      creates_database;
  /* Checks the arguments (and reads input) before the database is
   * opened; prints why not and returns the exit status, or EXIT_OK. */
  int         (*check) (Admin *admin, GStrv args);
  /* store is NULL only for a dry run without a database. */
  int         (*run) (Admin *admin, NkStore *store, GStrv args);
  GOptionEntry *entries;
};

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

static Admin admin_options;

static GOptionEntry common_entries[] = {
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

static void
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

/* ---- commands ---------------------------------------------------------- */

static const Command commands[] = {
  { "import-roster", "import-roster FILE.csv",
    N_("Import children, guardians, cards and rooms from a roster CSV file"),
    N_("The file needs a header row with at least the columns child_id, child_name,\n"
       "date_of_birth, room, child_card_uid, guardian_name, guardian_phone and\n"
       "guardian_card_uid; room_kind, room_places, guardian_relation, can_pickup and\n"
       "allergies are optional.  Every row is checked first: when any row is wrong,\n"
       "each problem is reported with its line number and nothing is imported.\n"
       "See docs/admin.md."),
    TRUE, check_import_roster, run_import_roster, import_entries },
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
  { "status", "status",
    N_("Show the device id, schema version, record counts and records waiting to be sent"),
    NULL, FALSE, check_status, run_status, NULL },
};

static const Command *
find_command (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strcmp (commands[i].name, name) == 0)
      return &commands[i];
  return NULL;
}

/* Options that take their value as the next argument. */
static gboolean
takes_value (const char *arg)
{
  static const char *with_value[] = {
    "--data-dir", "-d", "--config", "-c", "--from", "--to", "--output", "-o",
    "--child", "--guardian", "--staff", "--date",
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
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_string_append_printf (text, "  %-19s %s\n", commands[i].name, _(commands[i].summary));
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
  g_option_context_add_main_entries (context, common_entries, GETTEXT_PACKAGE);
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
  g_option_context_add_main_entries (context, common_entries, GETTEXT_PACKAGE);
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
