/* nk-sync-panel.c — staff mode's view of the platform link.
 *
 * Everything shown is NkSync's properties, re-read whenever one of them
 * changes (NkSync notifies on the main context).  The two buttons of its
 * own are actions that only wake the sync worker; the network is never
 * waited on here. */
#define G_LOG_DOMAIN "nk-views"

#include "config.h"

#include <glib/gi18n.h>

#include "core/nk-pull.h"
#include "nk-sync-panel.h"

/* Records set aside that the panel names one by one. */
#define QUARANTINE_SHOWN 3

struct _NkSyncPanel
{
  GtkWidget parent_instance;

  GtkImage *state_icon;
  GtkLabel *state_label;
  GtkLabel *pending_label;
  GtkLabel *rejected_label;
  GtkLabel *quarantine_label;
  GtkLabel *success_label;
  GtkLabel *error_label;
  GtkWidget *send_again_button;
  GtkWidget *enrol_button;

  NkSync *sync;
  GTimeZone *tz;
  gint64 quarantine_shown;   /* the count the quarantine label was made for; -1: none yet */
};

G_DEFINE_FINAL_TYPE (NkSyncPanel, nk_sync_panel, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SYNC,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

char *
nk_sync_panel_format_time (gint64     utc_us,
                           GTimeZone *tz)
{
  g_autoptr(GTimeZone) zone = tz != NULL ? g_time_zone_ref (tz) : g_time_zone_new_local ();
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (utc_us / G_USEC_PER_SEC);
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GDateTime) now = NULL;

  if (utc == NULL)
    return g_strdup ("");
  when = g_date_time_to_timezone (utc, zone);
  now = g_date_time_new_now (zone);

  if (g_date_time_get_year (when) == g_date_time_get_year (now) &&
      g_date_time_get_day_of_year (when) == g_date_time_get_day_of_year (now))
    return g_date_time_format (when, "%H:%M");

  /* TRANSLATORS: a g_date_time_format() pattern for a moment on another
   * day than today, e.g. "Nov 22 08:12"; in Chinese "%-m月%-d日 %H:%M" */
  /* xgettext:no-c-format */
  return g_date_time_format (when, _("%b %-d %H:%M"));
}

static const char *
state_icon_name (NkSyncState state)
{
  switch (state)
    {
    case NK_SYNC_STATE_IDLE:
      return "emblem-ok-symbolic";
    case NK_SYNC_STATE_SYNCING:
      return "emblem-synchronizing-symbolic";
    case NK_SYNC_STATE_OFFLINE:
      return "network-offline-symbolic";
    case NK_SYNC_STATE_ERROR:
    case NK_SYNC_STATE_UNKNOWN:
      return "dialog-warning-symbolic";
    case NK_SYNC_STATE_NOT_ENROLLED:
    default:
      return "dialog-information-symbolic";
    }
}

static const char *
state_tone (NkSyncState state)
{
  switch (state)
    {
    case NK_SYNC_STATE_IDLE:
      return "success";
    case NK_SYNC_STATE_OFFLINE:
    case NK_SYNC_STATE_NOT_ENROLLED:
    case NK_SYNC_STATE_UNKNOWN:
      return "warning";
    case NK_SYNC_STATE_ERROR:
      return "error";
    case NK_SYNC_STATE_SYNCING:
    default:
      return NULL;
    }
}

static void
set_tone (GtkWidget  *widget,
          const char *tone)
{
  gtk_widget_remove_css_class (widget, "success");
  gtk_widget_remove_css_class (widget, "warning");
  gtk_widget_remove_css_class (widget, "error");
  if (tone != NULL)
    gtk_widget_add_css_class (widget, tone);
}

static guint
clamp_count (gint64 n)
{
  return (guint) CLAMP (n, 0, G_MAXUINT);
}

/* The platform's records set aside, in plain words: how many, and the
 * newest few with what is wrong (read from the main store, a few rows). */
static char *
quarantine_text (NkSyncPanel *self, guint n)
{
  g_autoptr (GString) text = g_string_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) list = NULL;
  NkStore *store = nk_sync_get_store (self->sync);

  /* TRANSLATORS: records the platform sent that break its own rules; the kiosk keeps them aside */
  g_string_append_printf (text, ngettext ("%u record from the platform is set aside until the platform fixes it",
                                          "%u records from the platform are set aside until the platform fixes them",
                                          n),
                          n);
  list = store != NULL ? nk_pull_list_quarantined (store, QUARANTINE_SHOWN, &error) : NULL;
  if (error != NULL)
    g_message ("Staff mode: %s", error->message);
  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      NkPullQuarantined *q = list->pdata[i];

      g_string_append_c (text, '\n');
      if (q->field != NULL)
        /* TRANSLATORS: "child c-17, date_of_birth: not a real date in the last 10 years" */
        g_string_append_printf (text, _("%s %s, %s: %s"), nk_pull_section_label (q->section), q->id,
                                q->field, q->reason);
      else
        /* TRANSLATORS: "room r-1: room r-1 still has active children or staff" */
        g_string_append_printf (text, _("%s %s: %s"), nk_pull_section_label (q->section), q->id,
                                q->reason);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
nk_sync_panel_update_quarantine (NkSyncPanel *self, gboolean again)
{
  gint64 n = self->sync != NULL ? nk_sync_get_quarantined (self->sync) : 0;
  g_autofree char *text = NULL;

  if (n == self->quarantine_shown && !again)
    return;
  self->quarantine_shown = n;
  if (n > 0)
    text = quarantine_text (self, (guint) MIN (n, G_MAXUINT));
  gtk_label_set_label (self->quarantine_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->quarantine_label), n > 0);
}

static void
nk_sync_panel_update (NkSyncPanel *self)
{
  NkSyncState state;
  guint pending, rejected;
  gint64 last_success;
  const char *error;
  g_autofree char *pending_text = NULL;
  g_autofree char *rejected_text = NULL;
  g_autofree char *success_text = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self), self->sync != NULL);
  if (self->sync == NULL)
    return;

  state = nk_sync_get_state (self->sync);
  pending = clamp_count (nk_sync_get_pending (self->sync));
  rejected = clamp_count (nk_sync_get_rejected (self->sync));
  last_success = nk_sync_get_last_success (self->sync);
  error = nk_sync_get_last_error (self->sync);

  gtk_image_set_from_icon_name (self->state_icon, state_icon_name (state));
  set_tone (GTK_WIDGET (self->state_icon), state_tone (state));
  gtk_label_set_label (self->state_label, nk_sync_state_label (state));

  if (nk_sync_get_pending (self->sync) < 0)
    /* TRANSLATORS: the kiosk could not count its queue; never read as "none" */
    pending_text = g_strdup (_("Records waiting: unknown"));
  else if (pending == 0)
    pending_text = g_strdup (_("Nothing waiting to be sent"));
  else
    /* TRANSLATORS: records kept on the kiosk that the platform has not got yet */
    pending_text = g_strdup_printf (ngettext ("%u record waiting to be sent",
                                              "%u records waiting to be sent", pending),
                                    pending);
  gtk_label_set_label (self->pending_label, pending_text);

  if (rejected > 0)
    /* TRANSLATORS: records the platform answered "rejected" for; staff may send them again */
    rejected_text = g_strdup_printf (ngettext ("%u record refused by the platform",
                                               "%u records refused by the platform", rejected),
                                     rejected);
  gtk_label_set_label (self->rejected_label, rejected_text != NULL ? rejected_text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->rejected_label), rejected > 0);
  gtk_widget_set_visible (self->send_again_button, rejected > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sync-panel.send-again", rejected > 0);
  nk_sync_panel_update_quarantine (self, FALSE);

  if (last_success > 0)
    {
      g_autofree char *when = nk_sync_panel_format_time (last_success, self->tz);

      /* TRANSLATORS: %s is a time ("08:12") or a day and time */
      success_text = g_strdup_printf (_("Last in touch with the platform: %s"), when);
    }
  else
    success_text = g_strdup (_("Not in touch with the platform yet"));
  gtk_label_set_label (self->success_label, success_text);

  gtk_label_set_label (self->error_label, error != NULL ? error : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), error != NULL && error[0] != '\0');
  if (state == NK_SYNC_STATE_ERROR || state == NK_SYNC_STATE_OFFLINE
      || state == NK_SYNC_STATE_UNKNOWN)
    gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "nk-sync-problem");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->error_label), "nk-sync-problem");

  gtk_widget_set_visible (self->enrol_button, state == NK_SYNC_STATE_NOT_ENROLLED);
}

static void
on_sync_notify (NkSyncPanel *self,
                GParamSpec  *pspec,
                NkSync      *sync)
{
  nk_sync_panel_update (self);
}

/* Actions */

static void
nk_sync_panel_sync_now (NkSyncPanel *self)
{
  if (self->sync == NULL)
    return;
  g_message ("Sync now: asked from staff mode");
  nk_sync_pull_now (self->sync);
  nk_sync_poke (self->sync);
}

static void
nk_sync_panel_send_again (NkSyncPanel *self)
{
  if (self->sync == NULL)
    return;
  g_message ("Records the platform refused: sent again from staff mode");
  nk_sync_retry_rejected (self->sync);
}

static void
action_sync_now (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  nk_sync_panel_sync_now (NK_SYNC_PANEL (widget));
}

static void
action_send_again (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  nk_sync_panel_send_again (NK_SYNC_PANEL (widget));
}

/* Properties */

void
nk_sync_panel_set_sync (NkSyncPanel *self,
                        NkSync      *sync)
{
  g_return_if_fail (NK_IS_SYNC_PANEL (self));
  g_return_if_fail (sync == NULL || NK_IS_SYNC (sync));

  if (self->sync == sync)
    return;

  if (self->sync != NULL)
    g_signal_handlers_disconnect_by_data (self->sync, self);
  g_set_object (&self->sync, sync);
  if (sync != NULL)
    g_signal_connect_object (sync, "notify", G_CALLBACK (on_sync_notify), self,
                             G_CONNECT_SWAPPED);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sync-panel.sync-now", sync != NULL);
  nk_sync_panel_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNC]);
}

NkSync *
nk_sync_panel_get_sync (NkSyncPanel *self)
{
  g_return_val_if_fail (NK_IS_SYNC_PANEL (self), NULL);
  return self->sync;
}

void
nk_sync_panel_set_time_zone (NkSyncPanel *self,
                             GTimeZone   *tz)
{
  g_return_if_fail (NK_IS_SYNC_PANEL (self));

  if (self->tz == tz)
    return;
  g_clear_pointer (&self->tz, g_time_zone_unref);
  if (tz != NULL)
    self->tz = g_time_zone_ref (tz);
  nk_sync_panel_update (self);
}

const char *
nk_sync_panel_get_state_text (NkSyncPanel *self)
{
  g_return_val_if_fail (NK_IS_SYNC_PANEL (self), NULL);
  return gtk_label_get_label (self->state_label);
}

const char *
nk_sync_panel_get_pending_text (NkSyncPanel *self)
{
  g_return_val_if_fail (NK_IS_SYNC_PANEL (self), NULL);
  return gtk_label_get_label (self->pending_label);
}

const char *
nk_sync_panel_get_rejected_text (NkSyncPanel *self)
{
  g_return_val_if_fail (NK_IS_SYNC_PANEL (self), NULL);
  if (!gtk_widget_get_visible (GTK_WIDGET (self->rejected_label)))
    return NULL;
  return gtk_label_get_label (self->rejected_label);
}

const char *
nk_sync_panel_get_quarantine_text (NkSyncPanel *self)
{
  g_return_val_if_fail (NK_IS_SYNC_PANEL (self), NULL);
  if (!gtk_widget_get_visible (GTK_WIDGET (self->quarantine_label)))
    return NULL;
  return gtk_label_get_label (self->quarantine_label);
}

const char *
nk_sync_panel_get_success_text (NkSyncPanel *self)
{
  g_return_val_if_fail (NK_IS_SYNC_PANEL (self), NULL);
  return gtk_label_get_label (self->success_label);
}

const char *
nk_sync_panel_get_error_text (NkSyncPanel *self)
{
  g_return_val_if_fail (NK_IS_SYNC_PANEL (self), NULL);
  if (!gtk_widget_get_visible (GTK_WIDGET (self->error_label)))
    return NULL;
  return gtk_label_get_label (self->error_label);
}

/* GObject */

static void
nk_sync_panel_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (nk_sync_panel_parent_class)->map (widget);

  /* "today" may have become yesterday since the last change, and other
   * records may be set aside */
  nk_sync_panel_update (NK_SYNC_PANEL (widget));
  nk_sync_panel_update_quarantine (NK_SYNC_PANEL (widget), TRUE);
}

static void
nk_sync_panel_dispose (GObject *object)
{
  NkSyncPanel *self = NK_SYNC_PANEL (object);
  GtkWidget *child;

  if (self->sync != NULL)
    g_signal_handlers_disconnect_by_data (self->sync, self);
  g_clear_object (&self->sync);

  gtk_widget_dispose_template (GTK_WIDGET (object), NK_TYPE_SYNC_PANEL);
  /* the template's top-level box is not bound: unparent it ourselves */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (nk_sync_panel_parent_class)->dispose (object);
}

static void
nk_sync_panel_finalize (GObject *object)
{
  NkSyncPanel *self = NK_SYNC_PANEL (object);

  g_clear_pointer (&self->tz, g_time_zone_unref);

  G_OBJECT_CLASS (nk_sync_panel_parent_class)->finalize (object);
}

static void
nk_sync_panel_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  NkSyncPanel *self = NK_SYNC_PANEL (object);

  switch (prop_id)
    {
    case PROP_SYNC:
      g_value_set_object (value, self->sync);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nk_sync_panel_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  NkSyncPanel *self = NK_SYNC_PANEL (object);

  switch (prop_id)
    {
    case PROP_SYNC:
      nk_sync_panel_set_sync (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nk_sync_panel_class_init (NkSyncPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nk_sync_panel_dispose;
  object_class->finalize = nk_sync_panel_finalize;
  object_class->get_property = nk_sync_panel_get_property;
  object_class->set_property = nk_sync_panel_set_property;
  widget_class->map = nk_sync_panel_map;

  /* NULL: sync is not configured; the panel hides */
  properties[PROP_SYNC] =
    g_param_spec_object ("sync", NULL, NULL, NK_TYPE_SYNC,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "sync-panel.sync-now", NULL, action_sync_now);
  gtk_widget_class_install_action (widget_class, "sync-panel.send-again", NULL, action_send_again);

  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "nk-sync-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, NkSyncPanel, state_icon);
  gtk_widget_class_bind_template_child (widget_class, NkSyncPanel, state_label);
  gtk_widget_class_bind_template_child (widget_class, NkSyncPanel, pending_label);
  gtk_widget_class_bind_template_child (widget_class, NkSyncPanel, rejected_label);
  gtk_widget_class_bind_template_child (widget_class, NkSyncPanel, quarantine_label);
  gtk_widget_class_bind_template_child (widget_class, NkSyncPanel, success_label);
  gtk_widget_class_bind_template_child (widget_class, NkSyncPanel, error_label);
  gtk_widget_class_bind_template_child (widget_class, NkSyncPanel, send_again_button);
  gtk_widget_class_bind_template_child (widget_class, NkSyncPanel, enrol_button);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "nksyncpanel");
}

static void
nk_sync_panel_init (NkSyncPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->quarantine_shown = -1;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sync-panel.sync-now", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sync-panel.send-again", FALSE);
  nk_sync_panel_update (self);
}

GtkWidget *
nk_sync_panel_new (void)
{
  return g_object_new (NK_TYPE_SYNC_PANEL, NULL);
}
