/* nk-window-sync.c — the window's side of the platform link.
 *
 * The idle page's small sync line follows NkSync's properties (which
 * change on the main context).  A brand-new kiosk — not enrolled and no
 * roster, so the door can do nothing yet — shows the enrolment page in
 * place of the idle page; with a roster (imported from CSV) the door works
 * and staff mode offers "Enrol this kiosk" (kiosk.enrol), which keeps
 * staff mode open behind the page.  Cards are handled the same whatever
 * shows: nk_window_handle_card() does not look at the enrolment page. */
#define G_LOG_DOMAIN "nk-views"

#include "config.h"

#include <glib/gi18n.h>

#include "core/nk-roster.h"
#include "nk-enrol-page.h"
#include "nk-sync-panel.h"
#include "nk-window-private.h"

/* NkSync starts out NOT_ENROLLED before its worker has looked for the
 * token; the worker always says why when it reports NOT_ENROLLED. */
static gboolean
nk_window_sync_heard (NkWindow *self)
{
  return nk_sync_get_state (self->sync) != NK_SYNC_STATE_NOT_ENROLLED ||
         nk_sync_get_last_error (self->sync) != NULL;
}

gboolean
nk_window_sync_wants_enrol (NkWindow *self)
{
  NkStore *store;

  if (self->sync == NULL || self->enrol_page == NULL || self->door == NULL ||
      self->enrol_settling)
    return FALSE;
  if (nk_sync_get_state (self->sync) != NK_SYNC_STATE_NOT_ENROLLED || !nk_window_sync_heard (self))
    return FALSE;

  store = nk_door_get_store (self->door);
  return store != NULL && nk_roster_count_children (store) == 0;
}

static guint
clamp_count (gint64 n)
{
  return (guint) CLAMP (n, 0, G_MAXUINT);
}

/* The idle page's line: short plain words, no child data. */
static char *
nk_window_sync_line (NkWindow    *self,
                     const char **icon,
                     const char **tone)
{
  guint pending = clamp_count (nk_sync_get_pending (self->sync));
  guint rejected = clamp_count (nk_sync_get_rejected (self->sync));
  gint64 last_success = nk_sync_get_last_success (self->sync);

  *tone = NULL;
  if (!nk_window_sync_heard (self))
    {
      *icon = "network-idle-symbolic";
      return g_strdup (_("Connecting to the platform…"));
    }

  switch (nk_sync_get_state (self->sync))
    {
    case NK_SYNC_STATE_IDLE:
      if (rejected > 0)
        {
          *icon = "dialog-warning-symbolic";
          *tone = "warning";
          /* TRANSLATORS: idle page; records the platform answered "rejected" for */
          return g_strdup_printf (ngettext ("%u record refused — see staff mode",
                                            "%u records refused — see staff mode", rejected),
                                  rejected);
        }
      *icon = "emblem-ok-symbolic";
      *tone = "success";
      if (last_success > 0)
        {
          GTimeZone *tz = self->door != NULL ? nk_door_get_timezone (self->door) : NULL;
          g_autofree char *when = nk_sync_panel_format_time (last_success, tz);

          /* TRANSLATORS: idle page; %s is when the platform last answered, e.g. "08:12" */
          return g_strdup_printf (_("Synced %s"), when);
        }
      return g_strdup (_("Synced"));

    case NK_SYNC_STATE_SYNCING:
      *icon = "emblem-synchronizing-symbolic";
      if (pending > 0)
        /* TRANSLATORS: idle page, while records go to the platform */
        return g_strdup_printf (ngettext ("Sending %u record…", "Sending %u records…", pending),
                                pending);
      return g_strdup (_("Syncing…"));

    case NK_SYNC_STATE_OFFLINE:
      *icon = "network-offline-symbolic";
      *tone = "warning";
      if (pending > 0)
        /* TRANSLATORS: idle page; the records are kept and sent later */
        return g_strdup_printf (ngettext ("Offline — %u record waiting",
                                          "Offline — %u records waiting", pending),
                                pending);
      return g_strdup (_("Offline"));

    case NK_SYNC_STATE_ERROR:
      *icon = "dialog-warning-symbolic";
      *tone = "error";
      return g_strdup (_("Platform error — see staff mode"));

    case NK_SYNC_STATE_UNKNOWN:
      *icon = "dialog-warning-symbolic";
      *tone = "warning";
      return g_strdup (_("Records waiting: unknown"));

    case NK_SYNC_STATE_NOT_ENROLLED:
    default:
      *icon = "dialog-information-symbolic";
      *tone = "warning";
      return g_strdup (_("Not enrolled"));
    }
}

/* Re-reads NkSync: the line, and whether the enrolment page is due. */
void
nk_window_sync_update (NkWindow *self)
{
  g_autofree char *line = NULL;
  const char *icon = NULL;
  const char *tone = NULL;
  const char *page;
  gboolean wants;

  if (self->sync == NULL)
    return;

  line = nk_window_sync_line (self, &icon, &tone);
  nk_idle_page_set_sync_icon (self->idle_page, icon, tone);
  g_object_set (self, "sync-status", line, NULL);

  page = gtk_stack_get_visible_child_name (self->stack);
  wants = nk_window_sync_wants_enrol (self);
  if (wants && g_strcmp0 (page, "idle") == 0)
    {
      g_message ("Not enrolled and no roster yet: the enrolment page shows");
      nk_window_door_set_page (self, "enrol");
    }
  else if (!wants && g_strcmp0 (page, "enrol") == 0 && !self->enrol_from_staff)
    nk_window_go_idle (self);
}

static void
on_sync_notify (NkWindow   *self,
                GParamSpec *pspec,
                NkSync     *sync)
{
  /* after an enrolment, the next state NkSync reports is the new one */
  if (g_strcmp0 (g_param_spec_get_name (pspec), "state") == 0)
    self->enrol_settling = FALSE;
  nk_window_sync_update (self);
}

static void
on_pulled (NkWindow *self,
           guint     n_records,
           NkSync   *sync)
{
  nk_window_sync_update (self);
}

static void
nk_window_sync_enrolled (NkWindow *self)
{
  g_message ("Kiosk enrolled with the platform");
  self->enrol_settling = TRUE;
  nk_window_door_notice (self, _("This kiosk is enrolled. Records now go to the platform."));
  if (self->enrol_from_staff)
    {
      nk_window_door_set_page (self, "staff");
      nk_staff_page_restart_lock (self->staff_page);
    }
  else
    nk_window_go_idle (self);
  nk_window_sync_update (self);
}

static void
on_enrolled (NkWindow    *self,
             NkEnrolPage *page)
{
  nk_window_sync_enrolled (self);
}

/* Someone touching the enrolment page opened from staff mode keeps staff
 * mode from locking under them. */
static gboolean
on_enrol_activity (NkWindow *self,
                   GdkEvent *event)
{
  GdkEventType type = gdk_event_get_event_type (event);

  if (self->enrol_from_staff &&
      (type == GDK_BUTTON_PRESS || type == GDK_TOUCH_BEGIN || type == GDK_KEY_PRESS))
    nk_staff_page_restart_lock (self->staff_page);
  return GDK_EVENT_PROPAGATE;
}

void
nk_window_sync_open_enrol (NkWindow *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->stack);

  if (self->enrol_page == NULL || self->fatal)
    return;

  g_message ("Enrolment page opened%s", g_strcmp0 (page, "staff") == 0 ? " from staff mode" : "");
  self->enrol_from_staff = g_strcmp0 (page, "staff") == 0 && self->staff_uid != NULL;
  nk_window_door_set_page (self, "enrol");
}

void
nk_window_sync_leave_enrol (NkWindow *self)
{
  if (self->enrol_from_staff)
    {
      nk_window_door_set_page (self, "staff");
      nk_staff_page_restart_lock (self->staff_page);
    }
  else
    nk_window_go_idle (self);
}

/* From nk_window_init: the template is there, the services not yet. */
void
nk_window_sync_init (NkWindow *self)
{
  GtkEventController *legacy = gtk_event_controller_legacy_new ();

  gtk_event_controller_set_propagation_phase (legacy, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (legacy, "event", G_CALLBACK (on_enrol_activity), self);
  gtk_widget_add_controller (GTK_WIDGET (self->enrol_box), legacy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "kiosk.enrol", FALSE);
}

/* From constructed: the "sync" construct property has been set. */
void
nk_window_sync_attach (NkWindow *self)
{
  if (self->sync == NULL)
    return;

  self->enrol_page = nk_enrol_page_new (self->sync);
  gtk_widget_set_vexpand (self->enrol_page, TRUE);
  gtk_box_append (self->enrol_box, self->enrol_page);
  g_signal_connect_object (self->enrol_page, "enrolled", G_CALLBACK (on_enrolled), self,
                           G_CONNECT_SWAPPED);

  g_signal_connect_object (self->sync, "notify", G_CALLBACK (on_sync_notify), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sync, "pulled", G_CALLBACK (on_pulled), self, G_CONNECT_SWAPPED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "kiosk.enrol", TRUE);

  nk_window_sync_update (self);
}

void
nk_window_sync_detach (NkWindow *self)
{
  if (self->sync != NULL)
    g_signal_handlers_disconnect_by_data (self->sync, self);
  if (self->enrol_page != NULL)
    g_signal_handlers_disconnect_by_data (self->enrol_page, self);
  self->enrol_page = NULL;   /* the template's enrol_box owns it */
}
