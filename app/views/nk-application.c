/* nk-application.c — start-up of the kiosk.
 *
 * Options are local (handle-local-options): a second start only raises
 * the running kiosk's window.  At start-up the configuration is read
 * (--config, else /etc/nursery-kiosk/kiosk.conf when present), the
 * database opened, stale stays closed, the reader and sound made, and the
 * window built with them as construct properties.  Whatever fails, the
 * application keeps running and the door says what is wrong.  At the end
 * (SIGTERM) the window goes first, then the services, so the database is
 * closed and its WAL checkpointed before the process exits. */
#define G_LOG_DOMAIN "nk-app"

#include "config.h"

#include <string.h>
#include <time.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <signal.h>

#include "core/nk-door.h"
#include "core/nk-kind.h"
#include "core/nk-config.h"
#include "core/nk-dashboard.h"
#include "core/nk-outbreak.h"
#include "core/nk-ratio.h"
#include "core/nk-sleep-check.h"
#include "core/nk-demo.h"
#include "core/nk-menu-demo.h"
#include "core/nk-prune.h"
#include "core/nk-store.h"
#include "core/nk-trends.h"
#include "devices/nk-reader-sim.h"
#include "devices/nk-service.h"
#include "devices/nk-sound.h"
#include "sync/nk-sync.h"
#include "nk-application.h"
#include "nk-window.h"

#define SYSTEM_CONFIG "/etc/nursery-kiosk/kiosk.conf"

struct _NkApplication
{
  AdwApplication parent_instance;

  /* options */
  gboolean demo;
  gboolean windowed;
  char *opt_data_dir;
  char *opt_config;
  char *opt_reader;

  /* services */
  NkConfig *config;
  NkStore *store;
  NkCentre     *centre;
  NkDoor       *door;
  NkReader *reader;
  NkSound *sound;
  NkSync *sync;               /* NULL when no platform is configured */

  /* what went wrong at start-up, shown by the window */
  char *error_title;
  char *error_message;
  char *reader_error;

  char *today;
  guint day_check_id;
  guint sigterm_id;
  guint sigint_id;
  guint watchdog_id;          /* pings the service manager's watchdog */
};

G_DEFINE_FINAL_TYPE (NkApplication, nk_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "demo", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Demo mode: a seeded centre, the simulated reader and an on-screen tap panel"), NULL },
  { "windowed", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Development: a 1024×600 window that can be closed (Ctrl+Q), instead of the full-screen door"), NULL },
  { "data-dir", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Keep the database in DIR"), N_("DIR") },
  { "config", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Read the configuration from FILE"), N_("FILE") },
  { "reader", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Card reader: sim, nfc[:CONNECTION] or wedge[:DEVICE]"), N_("SPEC") },
  { NULL }
};

/* Start-up steps */

static void
nk_application_set_error (NkApplication *self,
                          const char    *title,
                          const char    *message)
{
  if (self->error_title != NULL)
    return;   /* the first problem is the one to fix */
  self->error_title = g_strdup (title);
  self->error_message = g_strdup (message);
}

static gboolean
nk_application_load_config (NkApplication *self)
{
  g_autoptr(GError) error = NULL;
  const char *path = self->opt_config;
  gboolean must_exist = TRUE;

  self->config = nk_config_new ();

  if (path == NULL)
    {
      path = SYSTEM_CONFIG;
      must_exist = FALSE;
    }

  if (!nk_config_load (self->config, path, must_exist, &error))
    {
      g_message ("Cannot read the configuration %s: %s", path, error->message);
      nk_application_set_error (self, _("The configuration cannot be read"), error->message);
      return FALSE;
    }

  if (self->demo)
    {
      if (self->opt_data_dir == NULL)
        {
          g_free (self->config->data_dir);
          self->config->data_dir = g_build_filename (g_get_user_data_dir (),
                                                     "nursery-kiosk-demo", NULL);
        }
      g_free (self->config->reader);
      self->config->reader = g_strdup ("sim");
    }
  if (self->opt_data_dir != NULL)
    {
      g_free (self->config->data_dir);
      self->config->data_dir = g_strdup (self->opt_data_dir);
    }
  if (self->opt_reader != NULL)
    {
      g_free (self->config->reader);
      self->config->reader = g_strdup (self->opt_reader);
    }

  /* the sleep checks' interval and rooms, for the whole kiosk */
  nk_sleep_settings_set (&(NkSleepSettings) { self->config->sleep_check_minutes,
                                              self->config->sleep_check_rooms });
  g_message ("Sleep checks every %u min", self->config->sleep_check_minutes);
  /* who is expected, from when; the outbreak thresholds */
  nk_absence_settings_set (&(NkAbsenceSettings) { self->config->absence_after_minutes,
                                                  self->config->absence_open_days });
  /* the place utilisation the trends hold each month against */
  nk_trends_set_target (self->config->utilisation_target);
  /* the director's dashboard: who is still here after closing; how long a room may stay below ratio */
  nk_dashboard_set_closing_minutes (self->config->closing_minutes);
  nk_ratio_set_breach_minutes (self->config->ratio_breach_minutes);
  nk_outbreak_settings_set (&(NkOutbreakSettings) { self->config->outbreak_room_children,
                                                    self->config->outbreak_centre_children,
                                                    self->config->outbreak_centre_days });
  return TRUE;
}

static gboolean
nk_application_open_store (NkApplication *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (nk_config_get_data_dir (self->config),
                                            "kiosk.db", NULL);
  g_autoptr(GTimeZone) tz = NULL;

  self->store = nk_store_open (path, &error);
  if (self->store == NULL)
    {
      g_message ("Cannot open the database %s: %s", path, error->message);
      nk_application_set_error (self, _("The kiosk cannot open its database"), error->message);
      return FALSE;
    }

  if (self->demo && !nk_demo_seed (self->store, &error))
    {
      g_warning ("Cannot seed the demo centre: %s", error->message);
      nk_application_set_error (self, _("The demo centre cannot be set up"), error->message);
      return FALSE;
    }

  tz = nk_config_get_timezone (self->config);
  self->centre = nk_centre_new (tz);
  if (self->demo && !nk_menu_demo_seed (self->store, self->centre, &error))
    {
      g_message ("The demo menus are not there: %s", error->message);
      g_clear_error (&error);
    }
  self->door = nk_door_new (self->store, self->centre);
  nk_door_set_debounce (self->door, self->config->debounce_seconds);
  g_message ("Database %s open (schema %d)", path, nk_store_get_schema_version (self->store));
  return TRUE;
}

static void
nk_application_close_stale (NkApplication *self)
{
  g_autoptr(GError) error = NULL;
  int closed = nk_attendance_close_stale (nk_door_get_attendance (self->door), &error);

  if (closed < 0)
    g_message ("Cannot close the stays left open on earlier days: %s", error->message);
  else if (closed > 0)
    g_message ("Closed %d stays left open on earlier days as not checked out", closed);
}

/* Sent outbox rows and old audit rows go (nk-prune.h), on a thread. */
static void
nk_application_prune (NkApplication *self)
{
  nk_prune_async (nk_store_get_path (self->store), nk_centre_now (self->centre),
                  self->config->keep_sent_days, self->config->keep_audit_days, NULL, NULL, NULL);
}

/* Once a minute: a new local day closes yesterday's open stays and prunes. */
static gboolean
day_check_cb (gpointer user_data)
{
  NkApplication *self = user_data;
  g_autofree char *today = nk_centre_today (self->centre);

  if (g_strcmp0 (today, self->today) != 0)
    {
      g_message ("A new day (%s): closing stays left open", today);
      g_free (self->today);
      self->today = g_steal_pointer (&today);
      nk_application_close_stale (self);
      nk_application_prune (self);
    }

  return G_SOURCE_CONTINUE;
}

static void
nk_application_open_reader (NkApplication *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NkReader) reader = nk_reader_new_for_spec (self->config->reader, &self->config->uid,
                                                       &error);

  if (reader == NULL)
    {
      g_message ("No card reader: %s", error->message);
      self->reader_error = g_strdup (error->message);
      return;
    }
  if (!nk_reader_start (reader, &error))
    {
      g_message ("The card reader did not start: %s", error->message);
      self->reader_error = g_strdup (error->message);
      return;
    }

  g_message ("Card reader %s (%s)", nk_reader_get_kind (reader), self->config->reader);
  self->reader = g_steal_pointer (&reader);
}

/* The other doors' absence reasons may cross an outbreak threshold with
 * this door's (nk-outbreak.h "Which door raises it"). */
static void
nk_application_check_outbreaks (NkApplication *self)
{
  g_autoptr (GError) error = NULL;

  if (!nk_outbreak_check_all (self->store, self->centre, NULL, &error))
    g_message ("The outbreak rule did not run after the pull: %s", error->message);
}

static void
on_pulled (NkSync *sync, guint count, NkApplication *self)
{
  NkStore *store = self->store;

  nk_application_check_outbreaks (self);
  nk_store_emit_changed (store, "roster", NULL);
  /* the pull may have brought what the centre's other doors recorded */
  nk_store_emit_changed (store, "attendance", NULL);
  nk_store_emit_changed (store, "staff_clock", NULL);
  /* and the menus and classroom sessions the idle screen shows */
  nk_store_emit_changed (store, "menu", NULL);
  nk_store_emit_changed (store, "classroom_session", NULL);
  {
    guint n;
    const NkKind *const *kinds = nk_kind_get_all (&n);

    for (guint i = 0; i < n; i++)
      nk_store_emit_changed (store, kinds[i]->type, NULL);
  }
}

/* The platform client, when sync.platform-url is set: a worker thread with
 * its own connection to the database.  What it pulls changes the roster,
 * and the attendance and staff clock the other doors relayed (nk-relay.h),
 * behind the main connection's back, so its "pulled" becomes the store's
 * "changed" for the screens. */
static void
nk_application_open_sync (NkApplication *self)
{
  if (self->store == NULL || self->config->platform_url == NULL)
    {
      g_message ("No platform configured (sync.platform-url): records stay on this kiosk");
      return;
    }

  self->sync = nk_sync_new (self->store, nk_store_get_path (self->store), self->config);
  g_signal_connect_object (self->sync, "pulled", G_CALLBACK (on_pulled), self, 0);
  nk_sync_start (self->sync);
  g_message ("Syncing with %s", self->config->platform_url);
}

static void
simulate_tap_cb (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  NkApplication *self = user_data;

  if (self->reader != NULL && NK_IS_READER_SIM (self->reader))
    nk_reader_sim_tap (NK_READER_SIM (self->reader), g_variant_get_string (parameter, NULL));
}

static void
quit_cb (GSimpleAction *action,
         GVariant      *parameter,
         gpointer       user_data)
{
  g_message ("Quit from the development window");
  g_application_quit (G_APPLICATION (user_data));
}

static gboolean
on_unix_signal (gpointer user_data)
{
  NkApplication *self = user_data;

  g_message ("Asked to stop; quitting");
  self->sigterm_id = 0;
  self->sigint_id = 0;
  g_application_quit (G_APPLICATION (self));
  return G_SOURCE_REMOVE;
}

/* The door has no way out from the screen or the keyboard, whatever the
 * build: no quit action, no accelerator, and its window refuses to close
 * (nk_application_activate); SIGTERM stops it.  Only the development
 * window (--windowed) quits, with Ctrl+Q. */
static void
nk_application_add_actions (NkApplication *self)
{
  if (self->windowed)
    {
      static const GActionEntry quit_entry[] = {
        { "quit", quit_cb, NULL, NULL, NULL },
      };

      g_action_map_add_action_entries (G_ACTION_MAP (self), quit_entry,
                                       G_N_ELEMENTS (quit_entry), self);
      gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit",
                                             (const char *[]) { "<Control>q", NULL });
    }

  if (self->reader != NULL && NK_IS_READER_SIM (self->reader))
    {
      static const GActionEntry sim_entry[] = {
        { "simulate-tap", simulate_tap_cb, "s", NULL, NULL },
      };

      g_action_map_add_action_entries (G_ACTION_MAP (self), sim_entry,
                                       G_N_ELEMENTS (sim_entry), self);
    }
}

/* GApplication */

static int
nk_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  NkApplication *self = NK_APPLICATION (app);

  g_variant_dict_lookup (options, "demo", "b", &self->demo);
  g_variant_dict_lookup (options, "windowed", "b", &self->windowed);
  g_variant_dict_lookup (options, "data-dir", "^ay", &self->opt_data_dir);
  g_variant_dict_lookup (options, "config", "^ay", &self->opt_config);
  g_variant_dict_lookup (options, "reader", "s", &self->opt_reader);

  return -1;
}

static void
nk_application_startup (GApplication *app)
{
  NkApplication *self = NK_APPLICATION (app);

  G_APPLICATION_CLASS (nk_application_parent_class)->startup (app);

  gtk_window_set_default_icon_name (APP_ID);
  self->sigterm_id = g_unix_signal_add (SIGTERM, on_unix_signal, self);
  self->sigint_id = g_unix_signal_add (SIGINT, on_unix_signal, self);

  if (nk_application_load_config (self) && nk_application_open_store (self))
    {
      nk_application_close_stale (self);
      nk_application_prune (self);
      self->today = nk_centre_today (self->centre);
      self->day_check_id = g_timeout_add_seconds (60, day_check_cb, self);
    }
  nk_application_open_reader (self);
  self->sound = nk_sound_new (self->config->sound_enabled, self->config->sound_volume);
  nk_application_open_sync (self);

  nk_application_add_actions (self);
}

static char *
nk_application_centre_name (NkApplication *self)
{
  char *name = NULL;

  if (self->config->centre_name != NULL && self->config->centre_name[0] != '\0')
    return g_strdup (self->config->centre_name);
  if (self->store != NULL)
    name = nk_store_get_meta (self->store, "centre_name");
  if (name == NULL || name[0] == '\0')
    {
      g_free (name);
      name = g_strdup (_("Nursery"));
    }
  return name;
}

/* Full screen; sized to the first monitor too, for an X server with no
 * window manager to honour the fullscreen request. */
static void
nk_application_fill_screen (GtkWindow *window)
{
  GListModel *monitors = gdk_display_get_monitors (gdk_display_get_default ());
  g_autoptr(GdkMonitor) monitor = g_list_model_get_item (monitors, 0);

  if (monitor != NULL)
    {
      GdkRectangle geometry;

      gdk_monitor_get_geometry (monitor, &geometry);
      gtk_window_set_default_size (window, geometry.width, geometry.height);
      nk_window_expect_size (NK_WINDOW (window), geometry.width, geometry.height);
    }
  gtk_window_fullscreen (window);
}

/* The door's window does not close: not from a window manager's Alt+F4 or
 * close button, not from GTK's window.close (SIGTERM still stops it). */
static gboolean
refuse_close (GtkWindow *window)
{
  g_message ("Closing the kiosk window is not allowed; stop the service instead");
  return TRUE;
}

/* Nor does it open GTK's inspector (Ctrl+Shift+I or Ctrl+Shift+D, on by
 * default in Debian's GTK), which could change or close anything. */
static gboolean
refuse_debugging (GtkWindow *window,
                  gboolean   toggle)
{
  g_message ("The GTK inspector is not available at the door");
  g_signal_stop_emission_by_name (window, "enable-debugging");
  return TRUE;
}

/* Milliseconds since this process was started (by the kernel's clock, so
 * loading the libraries counts too). */
static double
process_age_ms (void)
{
  g_autofree char *stat = NULL;
  g_auto (GStrv) fields = NULL;
  struct timespec now;
  const char *end;
  double start_s;

  if (!g_file_get_contents ("/proc/self/stat", &stat, NULL, NULL)
      || (end = strrchr (stat, ')')) == NULL || clock_gettime (CLOCK_BOOTTIME, &now) != 0)
    return -1;
  /* after "pid (comm)" come fields 3…; starttime is field 22 */
  fields = g_strsplit (end + 2, " ", 0);
  if (g_strv_length (fields) < 20)
    return -1;
  start_s = g_ascii_strtod (fields[19], NULL) / (double) sysconf (_SC_CLK_TCK);
  return ((double) now.tv_sec + now.tv_nsec / 1e9 - start_s) * 1000.0;
}

/* Tells the service manager (nk-service.h), and the journal. */
static void
notify_service (const char *state)
{
  g_autoptr (GError) error = NULL;

  if (!nk_service_notify (state, &error))
    g_message ("The service manager was not told %s: %s", state, error->message);
}

static void
first_paint_cb (GdkFrameClock *clock,
                gpointer       user_data)
{
  NkApplication *self = user_data;
  g_autofree char *state = NULL;

  g_signal_handlers_disconnect_by_func (clock, first_paint_cb, user_data);
  g_message ("First screen painted %.0f ms after start", process_age_ms ());
  /* the door screen is up: started.  A kiosk that could only show its
   * problem is started too (restarting would not fix it), and says so. */
  state = self->error_title != NULL ? g_strdup_printf ("READY=1\nSTATUS=Problem: %s", self->error_title)
                                    : g_strdup ("READY=1\nSTATUS=Door screen shown");
  notify_service (state);
  /* from the main loop: a hung loop stops the pings, and systemd restarts */
  if (self->watchdog_id == 0)
    self->watchdog_id = nk_service_watchdog_start ();
}

static void
nk_application_activate (GApplication *app)
{
  NkApplication *self = NK_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_autofree char *centre = NULL;

  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }

  centre = nk_application_centre_name (self);
  window = g_object_new (NK_TYPE_WINDOW,
                         "application", app,
                         "door", self->door,
                         "reader", self->reader,
                         "sound", self->sound,
                         "sync", self->sync,
                         "centre-name", centre,
                         "demo", self->demo,
                         "result-seconds", self->config->result_seconds,
                         "chooser-seconds", self->config->chooser_seconds,
                         "day-seconds", self->config->day_seconds,
                         "ack-seconds", self->config->ack_seconds,
                         "staff-lock-seconds", self->config->staff_lock_seconds,
                         NULL);

  nk_staff_page_set_care_phrases (nk_window_get_staff_page (NK_WINDOW (window)),
                                  (const char *const *) self->config->care_phrases);
  nk_idle_page_set_panel_seconds (nk_window_get_idle_page (NK_WINDOW (window)), self->config->panel_seconds);
  if (self->reader_error != NULL)
    nk_window_set_reader_error (NK_WINDOW (window), self->reader_error);
  if (self->error_title != NULL)
    nk_window_show_fatal_error (NK_WINDOW (window), self->error_title, self->error_message,
                                _("Check-ins cannot be saved until this is fixed. "
                                  "Please tell the centre's IT contact; the journal has the details."));

  if (self->windowed)
    {
      gtk_window_set_title (window, _("Nursery Kiosk — development window, not for the door"));
      gtk_window_set_default_size (window, 1024, 600);
      nk_window_expect_size (NK_WINDOW (window), 1024, 600);
      g_message ("Development window (--windowed): it can be closed, and Ctrl+Q quits; "
                 "the door runs full screen without --windowed");
    }
  else
    {
      nk_application_fill_screen (window);
      g_signal_connect (window, "close-request", G_CALLBACK (refuse_close), NULL);
      g_signal_connect (window, "enable-debugging", G_CALLBACK (refuse_debugging), NULL);
    }

  gtk_window_present (window);
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                    G_CALLBACK (first_paint_cb), self);
}

/* Drops the services.  The store goes last, and alone: when this was its
 * last reference the connection is closed here, and SQLite, closing the
 * last connection, checkpoints the WAL into kiosk.db and removes it. */
static void
nk_application_release_services (NkApplication *self)
{
  g_autofree char *path = NULL;
  gpointer store;

  g_clear_object (&self->reader);
  g_clear_object (&self->sound);
  g_clear_object (&self->sync);
  g_clear_object (&self->door);
  g_clear_object (&self->centre);
  if (self->store == NULL)
    return;

  path = g_strdup (nk_store_get_path (self->store));
  store = g_steal_pointer (&self->store);
  g_object_add_weak_pointer (store, &store);
  g_object_unref (store);
  if (store != NULL)
    {
      g_warning ("The database %s is still in use at shutdown: a reference was leaked", path);
      g_object_remove_weak_pointer (store, &store);
    }
  else
    g_message ("Database %s closed", path);
}

/* SIGTERM, SIGINT or Ctrl+Q of the development window end here.  The
 * window holds the services too: it goes first, then the services, so
 * that the database is closed before the process exits. */
static void
nk_application_shutdown (GApplication *app)
{
  NkApplication *self = NK_APPLICATION (app);
  GList *windows;

  notify_service ("STOPPING=1");
  g_clear_handle_id (&self->watchdog_id, g_source_remove);
  g_clear_handle_id (&self->day_check_id, g_source_remove);
  g_clear_handle_id (&self->sigterm_id, g_source_remove);
  g_clear_handle_id (&self->sigint_id, g_source_remove);
  if (self->reader != NULL)
    nk_reader_stop (self->reader);
  if (self->sync != NULL)
    nk_sync_stop (self->sync);

  while ((windows = gtk_application_get_windows (GTK_APPLICATION (app))) != NULL)
    gtk_window_destroy (windows->data);
  nk_application_release_services (self);

  G_APPLICATION_CLASS (nk_application_parent_class)->shutdown (app);
}

static void
nk_application_dispose (GObject *object)
{
  NkApplication *self = NK_APPLICATION (object);

  g_clear_handle_id (&self->day_check_id, g_source_remove);
  g_clear_object (&self->reader);
  g_clear_object (&self->sound);
  g_clear_object (&self->sync);
  g_clear_object (&self->door);
  g_clear_object (&self->centre);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (nk_application_parent_class)->dispose (object);
}

static void
nk_application_finalize (GObject *object)
{
  NkApplication *self = NK_APPLICATION (object);

  g_clear_pointer (&self->config, nk_config_free);
  g_clear_pointer (&self->opt_data_dir, g_free);
  g_clear_pointer (&self->opt_config, g_free);
  g_clear_pointer (&self->opt_reader, g_free);
  g_clear_pointer (&self->error_title, g_free);
  g_clear_pointer (&self->error_message, g_free);
  g_clear_pointer (&self->reader_error, g_free);
  g_clear_pointer (&self->today, g_free);

  G_OBJECT_CLASS (nk_application_parent_class)->finalize (object);
}

static void
nk_application_class_init (NkApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = nk_application_dispose;
  object_class->finalize = nk_application_finalize;
  app_class->handle_local_options = nk_application_handle_local_options;
  app_class->startup = nk_application_startup;
  app_class->activate = nk_application_activate;
  app_class->shutdown = nk_application_shutdown;
}

static void
nk_application_init (NkApplication *self)
{
  g_autofree GOptionEntry *entries = g_memdup2 (option_entries, sizeof option_entries);

  for (guint i = 0; entries[i].long_name != NULL; i++)
    {
      entries[i].description = _(entries[i].description);
      if (entries[i].arg_description != NULL)
        entries[i].arg_description = _(entries[i].arg_description);
    }
  g_application_add_main_option_entries (G_APPLICATION (self), entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("The check-in kiosk at the nursery door."));
}

NkApplication *
nk_application_new (void)
{
  return g_object_new (NK_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/org/nurserykiosk/Kiosk",
                       NULL);
}
