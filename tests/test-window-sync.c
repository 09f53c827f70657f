/* test-window-sync.c — the window with a real NkSync: the idle page's
 * sync line, the enrolment page of a brand-new kiosk, "Enrol this kiosk"
 * from staff mode (cards still handled while it shows), staff mode's sync
 * panel, and an enrolment against the reference platform that ends with
 * every record sent.
 *
 * Without a platform the NkSync points at https://127.0.0.1:1 (connection
 * refused) and its data directory has no token (not enrolled).  The test
 * iterates the main context until a condition holds, with a generous
 * bound; nothing is timed. */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "core/nk-door.h"
#include "nk-ui-test-util.h"
#include "core/nk-demo.h"
#include "core/nk-roster.h"
#include "core/nk-store-private.h"
#include "devices/nk-reader-sim.h"
#include "devices/nk-sound.h"
#include "platform/nk-test-platform.h"
#include "sync/nk-enrol.h"
#include "views/nk-enrol-page.h"
#include "views/nk-sync-panel.h"
#include "views/nk-window.h"

enum {
  EMPTY = 1 << 0,      /* no roster: a brand-new kiosk */
  PLATFORM = 1 << 1,   /* the reference platform instead of nothing */
  NO_SYNC = 1 << 2,    /* sync not configured */
};

typedef struct {
  char           *dir;
  char           *db_path;
  NkStore        *store;
  NkDoor   *door;
  NkReader       *reader;
  NkConfig       *config;
  NkSync         *sync;
  NkTestPlatform *platform;
  NkWindow       *window;
  guint           handled;
} Fixture;

static char *certs;

#define wait_until(cond, f, data) nk_test_wait_until ((NkTestCond) (cond), (f), (data))

static gboolean
page_is (Fixture *f, gconstpointer name)
{
  return g_strcmp0 (nk_window_get_page_name (f->window), name) == 0;
}

static gboolean
line_is (Fixture *f, gconstpointer text)
{
  return g_strcmp0 (nk_idle_page_get_sync_text (nk_window_get_idle_page (f->window)), text) == 0;
}

static void
tap (Fixture *f, const char *uid)
{
  nk_ui_test_tap (f->reader, &f->handled, uid);
}

static gint64
count (Fixture *f, const char *sql)
{
  return nk_test_count (f->store, sql);
}

static void
setup (Fixture *f, gconstpointer data)
{
  guint flags = GPOINTER_TO_UINT (data);
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Asia/Shanghai");
  g_autoptr(GError) error = NULL;

  if ((flags & PLATFORM) && certs == NULL)
    {
      g_test_skip ("python3 or openssl missing");
      return;
    }

  f->dir = g_dir_make_tmp ("nk-window-sync-XXXXXX", &error);
  g_assert_no_error (error);
  f->db_path = g_build_filename (f->dir, "kiosk.db", NULL);
  f->store = nk_store_open (f->db_path, &error);
  g_assert_no_error (error);
  if (!(flags & EMPTY))
    {
      g_assert_true (nk_demo_seed (f->store, &error));
      g_assert_no_error (error);
    }
  f->door = nk_test_door_new (f->store, tz, NULL);

  f->reader = nk_ui_test_reader_new ();

  if (!(flags & NO_SYNC))
    {
      f->config = nk_config_new ();
      g_free (f->config->data_dir);
      f->config->data_dir = g_strdup (f->dir);
      g_free (f->config->platform_url);
      if (flags & PLATFORM)
        {
          f->platform = nk_test_platform_start (certs);
          f->config->platform_url = g_strdup (f->platform->url);
          g_free (f->config->ca_file);
          f->config->ca_file = g_strdup (f->platform->ca_file);
        }
      else
        f->config->platform_url = g_strdup ("https://127.0.0.1:1");
      f->sync = nk_sync_new (f->store, f->db_path, f->config);
      nk_sync_set_backoff (f->sync, 20, 300);
      nk_sync_set_timeouts (f->sync, 5, 2);
      nk_sync_start (f->sync);
    }

  f->window = g_object_new (NK_TYPE_WINDOW,
                            "door", f->door,
                            "reader", f->reader,
                            "sync", f->sync,
                            "result-seconds", 60,
                            NULL);
  g_object_ref_sink (f->window);
  nk_ui_test_count_taps (f->reader, &f->handled);
  nk_ui_test_show (GTK_WINDOW (f->window));
}

static void
teardown (Fixture *f, gconstpointer data)
{
  if (f->window == NULL)
    return;
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->window);
  if (f->sync != NULL)
    nk_sync_stop (f->sync);
  g_clear_object (&f->sync);
  g_clear_pointer (&f->config, nk_config_free);
  g_clear_pointer (&f->platform, nk_test_platform_stop);
  nk_reader_stop (f->reader);
  g_clear_object (&f->reader);
  g_clear_object (&f->door);
  g_clear_object (&f->store);
  nk_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->db_path);
}

static NkSyncPanel *
sync_panel (Fixture *f)
{
  return nk_staff_page_get_sync_panel (nk_window_get_staff_page (f->window));
}

static gboolean
panel_pending_matches (Fixture *f, gconstpointer data)
{
  gint64 pending = nk_store_count_pending (f->store, NULL);
  g_autofree char *want = NULL;

  if (pending == 0)
    want = g_strdup ("Nothing waiting to be sent");
  else
    want = g_strdup_printf (pending == 1 ? "%u record waiting to be sent" : "%u records waiting to be sent",
                            (guint) pending);
  return g_strcmp0 (nk_sync_panel_get_pending_text (sync_panel (f)), want) == 0;
}

/* Finds the first widget of a type under root. */
static GtkWidget *
find_child (GtkWidget *root, GType type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_child (child, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Sync not configured: no line, no panel, no enrolment page. */
static void
test_no_sync (Fixture *f, gconstpointer data)
{
  g_assert_cmpstr (nk_window_get_page_name (f->window), ==, "idle");
  g_assert_null (nk_window_get_sync (f->window));
  g_assert_null (nk_window_get_enrol_page (f->window));
  g_assert_null (nk_idle_page_get_sync_text (nk_window_get_idle_page (f->window)));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (sync_panel (f))));
  /* disabled: nothing happens */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "kiosk.enrol", NULL);
  g_assert_cmpstr (nk_window_get_page_name (f->window), ==, "idle");
}

/* A brand-new kiosk (no roster, not enrolled) shows the enrolment page in
 * place of the idle page, and comes back to it after a tap's answer. */
static void
test_enrol_empty_roster (Fixture *f, gconstpointer data)
{
  g_assert_cmpint (nk_roster_count_children (f->store), ==, 0);
  g_assert_true (wait_until (page_is, f, "enrol"));
  g_assert_cmpint (nk_sync_get_state (f->sync), ==, NK_SYNC_STATE_NOT_ENROLLED);
  g_assert_nonnull (nk_window_get_enrol_page (f->window));
  g_assert_true (gtk_widget_get_mapped (nk_window_get_enrol_page (f->window)));
  g_assert_nonnull (nk_enrol_page_get_qr_uri (NK_ENROL_PAGE (nk_window_get_enrol_page (f->window))));
  g_assert_cmpstr (nk_idle_page_get_sync_text (nk_window_get_idle_page (f->window)), ==, "Not enrolled");

  /* a card is still answered (here: unknown), then the enrolment page again */
  tap (f, NK_DEMO_UID_UNKNOWN);
  g_assert_cmpstr (nk_window_get_page_name (f->window), ==, "result");
  nk_window_go_idle (f->window);
  g_assert_cmpstr (nk_window_get_page_name (f->window), ==, "enrol");
}

/* With a roster the door works: idle page and "Not enrolled"; staff mode
 * shows the panel with what waits, and "Enrol this kiosk" opens the
 * enrolment page with a way back; a child's tap while it shows is
 * recorded. */
static void
test_not_enrolled_roster (Fixture *f, gconstpointer data)
{
  NkStaffPage *staff = nk_window_get_staff_page (f->window);
  NkSyncPanel *panel = sync_panel (f);
  gint64 before;

  g_assert_true (wait_until (line_is, f, "Not enrolled"));
  g_assert_cmpstr (nk_window_get_page_name (f->window), ==, "idle");

  tap (f, NK_DEMO_UID_CAREGIVER);
  g_assert_cmpstr (nk_window_get_page_name (f->window), ==, "staff");
  g_assert_cmpint (nk_store_count_pending (f->store, NULL), >, 0);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (panel)));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (panel)));
  g_assert_cmpstr (nk_sync_panel_get_state_text (panel), ==,
                   nk_sync_state_label (NK_SYNC_STATE_NOT_ENROLLED));
  g_assert_true (wait_until (panel_pending_matches, f, NULL));
  g_assert_null (nk_sync_panel_get_rejected_text (panel));
  g_assert_cmpstr (nk_sync_panel_get_success_text (panel), ==, "Not in touch with the platform yet");
  g_assert_nonnull (nk_sync_panel_get_error_text (panel));

  /* "Sync now" only wakes the worker; nothing changes for a kiosk with no token */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (panel), "sync-panel.sync-now", NULL));

  /* enrolment page from staff mode, and back */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (panel), "kiosk.enrol", NULL));
  g_assert_cmpstr (nk_window_get_page_name (f->window), ==, "enrol");
  g_assert_nonnull (nk_staff_page_get_staff_id (staff));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "kiosk.leave-enrol", NULL));
  g_assert_cmpstr (nk_window_get_page_name (f->window), ==, "staff");
  g_assert_nonnull (nk_staff_page_get_staff_id (staff));

  /* the same staff card on the enrolment page keeps it */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (panel), "kiosk.enrol", NULL));
  tap (f, NK_DEMO_UID_CAREGIVER);
  g_assert_cmpstr (nk_window_get_page_name (f->window), ==, "enrol");

  /* a child's card is recorded and answered; staff mode closes behind it */
  before = count (f, "SELECT count(*) FROM attendance");
  tap (f, NK_DEMO_UID_CHILD);
  g_assert_cmpint (count (f, "SELECT count(*) FROM attendance"), ==, before + 1);
  g_assert_cmpstr (nk_window_get_page_name (f->window), ==, "result");
  g_assert_cmpstr (nk_result_page_get_tone (nk_window_get_result_page (f->window)), ==, "in");
  g_assert_null (nk_staff_page_get_staff_id (staff));
  nk_window_go_idle (f->window);
  g_assert_cmpstr (nk_window_get_page_name (f->window), ==, "idle");
}

/* Staff mode locking itself takes the enrolment page it opened with it. */
static void
test_enrol_staff_lock (Fixture *f, gconstpointer data)
{
  g_assert_true (wait_until (line_is, f, "Not enrolled"));
  g_object_set (f->window, "staff-lock-seconds", 1, NULL);
  tap (f, NK_DEMO_UID_DIRECTOR);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "kiosk.enrol", NULL));
  g_assert_cmpstr (nk_window_get_page_name (f->window), ==, "enrol");
  g_assert_true (wait_until (page_is, f, "idle"));
  g_assert_null (nk_staff_page_get_staff_id (nk_window_get_staff_page (f->window)));
}

static gboolean
offline_with_pending (Fixture *f, gconstpointer data)
{
  return nk_sync_get_state (f->sync) == NK_SYNC_STATE_OFFLINE && nk_sync_get_pending (f->sync) == 1;
}

/* Enrolled but the platform cannot be reached: the line says so and how
 * many records wait. */
static void
test_offline_line (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *token = g_build_filename (f->dir, NK_ENROL_TOKEN_FILE, NULL);

  g_assert_true (nk_enrol_write_token (token, "a-token-nobody-will-ever-check", &error));
  g_assert_no_error (error);
  tap (f, NK_DEMO_UID_CHILD);
  nk_sync_pull_now (f->sync);
  g_assert_true (wait_until (offline_with_pending, f, NULL));
  g_assert_cmpstr (nk_idle_page_get_sync_text (nk_window_get_idle_page (f->window)), ==,
                   "Offline — 1 record waiting");
  nk_window_go_idle (f->window);
  g_assert_cmpstr (nk_window_get_page_name (f->window), ==, "idle");
}

static gboolean
synced (Fixture *f, gconstpointer data)
{
  const char *line = nk_idle_page_get_sync_text (nk_window_get_idle_page (f->window));

  return nk_sync_get_state (f->sync) == NK_SYNC_STATE_IDLE && nk_sync_get_pending (f->sync) == 0 &&
         line != NULL && g_str_has_prefix (line, "Synced ");
}

static gboolean
window_page_and_notice (Fixture *f, gconstpointer page)
{
  return page_is (f, page) && g_strcmp0 (nk_window_get_last_notice (f->window),
                                          "This kiosk is enrolled. Records now go to the platform.") == 0;
}

/* A typed enrolment code from staff mode: back to staff mode with a
 * notice, then every record reaches the platform and the line says
 * "Synced HH:MM". */
static void
test_enrol_then_synced (Fixture *f, gconstpointer data)
{
  g_autoptr(JsonNode) answer = NULL;
  NkSyncPanel *panel;
  GtkWidget *entry;
  guint listed = 0;
  g_autoptr(GHashTable) ids = NULL;

  if (f->window == NULL)
    return;
  panel = sync_panel (f);
  g_assert_true (wait_until (line_is, f, "Not enrolled"));
  tap (f, NK_DEMO_UID_CHILD);
  tap (f, NK_DEMO_UID_CAREGIVER);
  g_assert_cmpstr (nk_window_get_page_name (f->window), ==, "staff");

  answer = nk_test_platform_admin (f->platform, "/admin/enrol-code", "{\"code\": \"7KQ2MX4P\"}");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (panel), "kiosk.enrol", NULL));
  entry = find_child (nk_window_get_enrol_page (f->window), GTK_TYPE_ENTRY);
  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), "7kq2-mx4p");
  g_assert_true (gtk_widget_activate_action (nk_window_get_enrol_page (f->window), "enrol.submit", NULL));
  g_assert_true (wait_until (window_page_and_notice, f, "staff"));
  g_assert_nonnull (nk_staff_page_get_staff_id (nk_window_get_staff_page (f->window)));

  g_assert_true (wait_until (synced, f, NULL));
  g_assert_cmpint (nk_store_count_pending (f->store, NULL), ==, 0);
  g_assert_cmpstr (nk_sync_panel_get_state_text (panel), ==, nk_sync_state_label (NK_SYNC_STATE_IDLE));
  g_assert_true (panel_pending_matches (f, NULL));
  g_assert_true (g_str_has_prefix (nk_sync_panel_get_success_text (panel), "Last in touch with the platform: "));
  g_assert_null (nk_sync_panel_get_error_text (panel));

  ids = nk_test_platform_ids (f->platform, &listed);
  g_assert_cmpint (listed, ==, count (f, "SELECT count(*) FROM outbox"));
  g_assert_cmpint (g_hash_table_size (ids), ==, listed);
}

/* The outbox cannot be counted (here: its table is gone): the idle line
 * and staff mode's panel say the state is unknown, never "all sent". */
static void
test_count_unknown (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *token = g_build_filename (f->dir, NK_ENROL_TOKEN_FILE, NULL);
  NkSyncPanel *panel = sync_panel (f);

  g_assert_true (nk_enrol_write_token (token, "a-token-nobody-will-ever-check", &error));
  g_assert_no_error (error);
  tap (f, NK_DEMO_UID_CHILD);
  nk_sync_pull_now (f->sync);
  g_assert_true (wait_until (offline_with_pending, f, NULL));

  g_assert_true (nk_store_exec (f->store, "ALTER TABLE outbox RENAME TO outbox_away", &error));
  g_assert_no_error (error);
  nk_sync_poke (f->sync);
  g_assert_true (wait_until (line_is, f, "Records waiting: unknown"));
  g_assert_cmpint (nk_sync_get_state (f->sync), ==, NK_SYNC_STATE_UNKNOWN);
  g_assert_cmpstr (nk_sync_panel_get_state_text (panel), ==, nk_sync_state_label (NK_SYNC_STATE_UNKNOWN));
  g_assert_cmpstr (nk_sync_panel_get_state_text (panel), !=, nk_sync_state_label (NK_SYNC_STATE_IDLE));
  g_assert_cmpstr (nk_sync_panel_get_pending_text (panel), ==, "Records waiting: unknown");
  g_assert_nonnull (strstr (nk_sync_panel_get_error_text (panel), "outbox"));
}

static gboolean
panel_lists_quarantine (Fixture *f, gconstpointer data)
{
  return nk_sync_panel_get_quarantine_text (sync_panel (f)) != NULL;
}

/* A record the platform sent that breaks the rules is named in staff
 * mode's sync panel, in plain words. */
static void
test_quarantine_listed (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autofree char *path = g_build_filename (f->dir, NK_ENROL_TOKEN_FILE, NULL);
  g_autofree char *token = NULL;
  const char *text;

  if (f->window == NULL)
    return;
  answer = nk_test_platform_admin (f->platform, "/admin/changes",
                                   "{\"children\": [{\"id\": \"c-bad\", \"name\": \"X\", "
                                   "\"date_of_birth\": \"2999-01-01\"}]}");
  token = nk_test_platform_token (f->platform, nk_store_get_device_id (f->store));
  g_assert_true (nk_enrol_write_token (path, token, &error));
  g_assert_no_error (error);
  g_assert_null (nk_sync_panel_get_quarantine_text (sync_panel (f)));
  g_assert_true (wait_until (panel_lists_quarantine, f, NULL));
  text = nk_sync_panel_get_quarantine_text (sync_panel (f));
  g_assert_true (g_str_has_prefix (text, "1 record from the platform is set aside"));
  g_assert_nonnull (strstr (text, "child c-bad, date_of_birth: not a real date"));
}

/* Times for people: the time alone today, with the day otherwise. */
static void
test_format_time (void)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) jan2 = g_date_time_new (utc, 2020, 1, 2, 8, 5, 0);
  g_autofree char *other_day = nk_sync_panel_format_time (g_date_time_to_unix (jan2) * G_USEC_PER_SEC, utc);
  g_autofree char *today = nk_sync_panel_format_time (g_get_real_time (), utc);

  g_assert_cmpstr (other_day, ==, "Jan 2 08:05");
  g_assert_cmpuint (strlen (today), ==, 5);
  g_assert_cmpint (today[2], ==, ':');
}

int
main (int argc, char *argv[])
{
  int status;

  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_setenv ("LANGUAGE", "", TRUE);
  g_test_init (&argc, &argv, NULL);
  adw_init ();
  nk_ui_test_load_style ();
  certs = nk_test_platform_make_certs ();

#define ADD(path, fn, flags) \
  g_test_add ("/nk/window-sync/" path, Fixture, GUINT_TO_POINTER (flags), setup, fn, teardown)
  ADD ("no-sync", test_no_sync, NO_SYNC);
  ADD ("enrol-empty-roster", test_enrol_empty_roster, EMPTY);
  ADD ("not-enrolled-roster", test_not_enrolled_roster, 0);
  ADD ("enrol-staff-lock", test_enrol_staff_lock, 0);
  ADD ("offline-line", test_offline_line, 0);
  ADD ("enrol-then-synced", test_enrol_then_synced, PLATFORM);
  ADD ("quarantine-listed", test_quarantine_listed, PLATFORM);
  ADD ("count-unknown", test_count_unknown, 0);
#undef ADD
  g_test_add_func ("/nk/window-sync/format-time", test_format_time);

  status = g_test_run ();
  if (certs != NULL)
    nk_test_remove_tree (certs);
  g_free (certs);
  return status;
}
