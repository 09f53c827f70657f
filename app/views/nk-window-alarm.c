/* nk-window-alarm.c — the one-key alarm at the window (nk-alarm.h): a red
 * banner on EVERY page of every door while an alarm is open, "Alarm raised
 * by NAME at HH:MM" and where it is on its way to the platform (sending…,
 * delivered, not yet delivered: retrying), read again at start, on every
 * changed::alarm / alarm.cancelled and whenever the sync's state or count
 * changes.  A new alarm sounds the siren (NK_CUE_ALARM) at once and every
 * SIREN_EVERY_S seconds for SIREN_FOR_S seconds.
 *
 * The banner is one compact row, so that a 1024×600 door keeps its bottom
 * bar on screen; its "Cancel alarm" shows in the director's staff mode only
 * and opens the cancel dialog over the pages (an overlay: it never makes
 * the window taller): the reason (false alarm, drill, resolved, other) and
 * a note, required for other. */
#define G_LOG_DOMAIN "nk-views"

#include "config.h"

#include <glib/gi18n.h>

#include "core/nk-alarm.h"
#include "nk-a11y.h"
#include "nk-window-private.h"

#define SIREN_EVERY_S 3
#define SIREN_FOR_S   60

static void
close_dialog (NkWindow *self)
{
  gtk_revealer_set_reveal_child (self->alarm_dialog, FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->alarm_note), "");
  gtk_widget_set_visible (GTK_WIDGET (self->alarm_error), FALSE);
  for (guint i = 0; i < NK_ALARM_N_REASONS; i++)
    gtk_toggle_button_set_active (self->alarm_reason_buttons[i], FALSE);
}

/* The door's monotonic clock (a test's own clock in tests). */
static gint64
siren_now (NkWindow *self)
{
  return self->door != NULL ? nk_centre_monotonic (nk_door_get_centre (self->door)) : g_get_monotonic_time ();
}

static gboolean
on_siren (gpointer data)
{
  NkWindow *self = data;

  if (siren_now (self) >= self->siren_until_us)
    {
      self->siren_id = 0;
      return G_SOURCE_REMOVE;
    }
  if (self->sound != NULL)
    nk_sound_play (self->sound, NK_CUE_ALARM);
  return G_SOURCE_CONTINUE;
}

static void
start_siren (NkWindow *self)
{
  self->siren_until_us = siren_now (self) + (gint64) SIREN_FOR_S * G_USEC_PER_SEC;
  if (self->sound != NULL)
    nk_sound_play (self->sound, NK_CUE_ALARM);
  if (self->siren_id == 0)
    self->siren_id = g_timeout_add_seconds (SIREN_EVERY_S, on_siren, self);
}

static void
stop_siren (NkWindow *self)
{
  g_clear_handle_id (&self->siren_id, g_source_remove);
}

/* Where the newest alarm is on its way to the platform. */
static const char *
delivery_text (NkWindow *self, const NkAlarm *alarm)
{
  NkSyncState state;

  switch (alarm->delivery)
    {
    case NK_ALARM_DELIVERY_SENT:
      /* TRANSLATORS: the alarm banner: the platform has the alarm, 已送达平台 */
      return _("Delivered to the platform");
    case NK_ALARM_DELIVERY_REJECTED:
      /* TRANSLATORS: the alarm banner: the platform refused the event (staff mode says why) */
      return _("Refused by the platform");
    case NK_ALARM_DELIVERY_ELSEWHERE:
      return "";
    case NK_ALARM_DELIVERY_PENDING:
    default:
      break;
    }
  if (self->sync == NULL)
    /* TRANSLATORS: the alarm banner: this kiosk has no platform link configured */
    return _("Not delivered: no platform link");
  state = nk_sync_get_state (self->sync);
  if (state == NK_SYNC_STATE_OFFLINE || state == NK_SYNC_STATE_ERROR || state == NK_SYNC_STATE_NOT_ENROLLED
      || state == NK_SYNC_STATE_UNKNOWN)
    /* TRANSLATORS: the alarm banner: the platform cannot be reached; tried again every few seconds */
    return _("Not yet delivered, retrying");
  /* TRANSLATORS: the alarm banner: the alarm is on its way to the platform, 发送中… */
  return _("Sending…");
}

static void
update_cancel_button (NkWindow *self)
{
  gboolean shown = gtk_revealer_get_reveal_child (self->alarm_banner) && nk_window_director_here (self);

  gtk_widget_set_visible (self->alarm_cancel_button, shown);
  if (!shown)
    close_dialog (self);
}

/* The banner from the open alarms; a new one sounds the siren when
 * announce (at start too: an open alarm is news to whoever stands there). */
static void
reload (NkWindow *self, gboolean announce)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) open = NULL;
  g_autoptr (GHashTable) known = g_steal_pointer (&self->alarms_shown);
  g_autofree char *text = NULL;
  gboolean news = FALSE;
  NkAlarm *newest;

  self->alarms_shown = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (self->door == NULL)
    {
      gtk_revealer_set_reveal_child (self->alarm_banner, FALSE);
      stop_siren (self);
      update_cancel_button (self);
      return;
    }
  open = nk_alarm_list_open (nk_door_get_store (self->door), &error);
  if (open == NULL)
    {
      /* the banner stays as it was: an alarm is not withdrawn by a failed read */
      g_message ("Alarms not read: %s", error->message);
      g_clear_pointer (&self->alarms_shown, g_hash_table_unref);
      self->alarms_shown = g_steal_pointer (&known);
      return;
    }
  for (guint i = 0; i < open->len; i++)
    {
      NkAlarm *alarm = open->pdata[i];

      g_hash_table_add (self->alarms_shown, g_strdup (alarm->id));
      if (known == NULL || !g_hash_table_contains (known, alarm->id))
        news = TRUE;
    }
  if (open->len == 0)
    {
      /* nothing stale for a screen reader under the hidden banner */
      gtk_label_set_label (self->alarm_label, "");
      gtk_label_set_label (self->alarm_state, "");
      gtk_revealer_set_reveal_child (self->alarm_banner, FALSE);
      if (known != NULL && g_hash_table_size (known) > 0)
        g_message ("Alarm over: banner and siren stopped");
      stop_siren (self);
      update_cancel_button (self);
      return;
    }
  newest = open->pdata[0];
  text = nk_alarm_describe (newest, nk_door_get_centre (self->door),
                            nk_store_get_device_id (nk_door_get_store (self->door)));
  if (open->len > 1)
    {
      g_autofree char *one = g_steal_pointer (&text);

      /* TRANSLATORS: the alarm banner when several doors raised one: "…, and 1 more" */
      text = g_strdup_printf (g_dngettext (NULL, "%s, and %u more", "%s, and %u more", open->len - 1), one,
                              open->len - 1);
    }
  if (g_strcmp0 (gtk_label_get_label (self->alarm_label), text) != 0
      || g_strcmp0 (gtk_label_get_label (self->alarm_state), delivery_text (self, newest)) != 0)
    g_message ("Alarm banner: %s — %s", text, delivery_text (self, newest));
  gtk_label_set_label (self->alarm_label, text);
  gtk_label_set_label (self->alarm_state, delivery_text (self, newest));
  gtk_revealer_set_reveal_child (self->alarm_banner, TRUE);
  if (news)
    {
      g_message ("Alarm open (%u): banner on every screen, siren every %d s for %d s", open->len, SIREN_EVERY_S,
                 SIREN_FOR_S);
      if (announce)
        start_siren (self);
    }
  update_cancel_button (self);
}

static void
on_changed (NkWindow *self, const char *kind, const char *const *ids, NkStore *store)
{
  reload (self, TRUE);
}

static void
on_sync_notify (NkWindow *self, GParamSpec *pspec, NkSync *sync)
{
  if (self->alarms_shown != NULL && g_hash_table_size (self->alarms_shown) > 0)
    reload (self, FALSE);
}

static gboolean
update_later (gpointer data)
{
  NkWindow *self = data;

  self->alarm_page_idle = 0;
  update_cancel_button (self);
  return G_SOURCE_REMOVE;
}

void
nk_window_alarm_staff_changed (NkWindow *self)
{
  update_cancel_button (self);
}

/* Staff mode says who opened it once the page is shown: asked after. */
static void
on_page_changed (NkWindow *self)
{
  update_cancel_button (self);
  if (self->alarm_page_idle == 0)
    self->alarm_page_idle = g_idle_add (update_later, self);
}

void
nk_window_alarm_set_door (NkWindow *self, NkDoor *door)
{
  if (door != NULL)
    {
      NkStore *store = nk_door_get_store (door);

      g_signal_connect_object (store, "changed::alarm", G_CALLBACK (on_changed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (store, "changed::alarm.cancelled", G_CALLBACK (on_changed), self,
                               G_CONNECT_SWAPPED);
    }
  close_dialog (self);
  reload (self, TRUE);
}

void
nk_window_alarm_attach (NkWindow *self)
{
  if (self->sync == NULL)
    return;
  g_signal_connect_object (self->sync, "notify::state", G_CALLBACK (on_sync_notify), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sync, "notify::pending", G_CALLBACK (on_sync_notify), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sync, "notify::rejected", G_CALLBACK (on_sync_notify), self, G_CONNECT_SWAPPED);
  reload (self, FALSE);
}

static void
action_open_cancel (GtkWidget *widget, const char *name, GVariant *param)
{
  NkWindow *self = NK_WINDOW (widget);

  if (!nk_window_director_here (self))
    {
      g_message ("Alarm not cancelled: the director's staff mode is not open");
      nk_window_door_notice (self, _("Only the director cancels the alarm: tap a director's card or enter the "
                                     "director's PIN, then press here"));
      return;
    }
  gtk_revealer_set_reveal_child (self->alarm_dialog, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->alarm_reason_buttons[0]));
  nk_staff_page_restart_lock (self->staff_page);
}

static void
action_close_cancel (GtkWidget *widget, const char *name, GVariant *param)
{
  close_dialog (NK_WINDOW (widget));
}

static void
show_error (NkWindow *self, const char *message)
{
  gtk_label_set_label (self->alarm_error, message);
  gtk_widget_set_visible (GTK_WIDGET (self->alarm_error), TRUE);
}

static void
action_cancel (GtkWidget *widget, const char *name, GVariant *param)
{
  NkWindow *self = NK_WINDOW (widget);
  g_autofree char *note = NULL;
  g_autoptr (GPtrArray) ids = NULL;
  int reason = -1;

  if (self->door == NULL || self->alarms_shown == NULL)
    return;
  if (!nk_window_director_here (self))
    {
      close_dialog (self);
      action_open_cancel (widget, name, param);
      return;
    }
  for (guint i = 0; i < NK_ALARM_N_REASONS; i++)
    if (gtk_toggle_button_get_active (self->alarm_reason_buttons[i]))
      reason = (int) i;
  if (reason < 0)
    {
      show_error (self, _("Choose why the alarm is cancelled"));
      return;
    }
  nk_staff_page_restart_lock (self->staff_page);
  note = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->alarm_note))));
  /* every alarm the banner shows: the director ends them all */
  ids = nk_window_copy_ids (self->alarms_shown);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr (GError) error = NULL;
      const char *alarm_id = ids->pdata[i];

      if (!nk_alarm_cancel (nk_door_get_store (self->door), nk_door_get_centre (self->door),
                            nk_staff_page_get_staff_id (self->staff_page), alarm_id, (NkAlarmReason) reason,
                            *note != '\0' ? note : NULL, &error))
        {
          g_message ("Alarm %s not cancelled: %s", alarm_id, error->message);
          show_error (self, error->message);
          return;
        }
      g_message ("confirmed alarm-cancelled alarm=%s by=%s reason=%s", alarm_id,
                 nk_staff_page_get_staff_id (self->staff_page), nk_alarm_reason_to_string (reason));
    }
  close_dialog (self);
}

void
nk_window_alarm_init (NkWindow *self)
{
  GtkToggleButton *group = NULL;

  nk_a11y_hide_folded (self->alarm_banner);
  nk_a11y_hide_folded (self->alarm_dialog);
  for (guint i = 0; i < NK_ALARM_N_REASONS; i++)
    {
      GtkWidget *button = gtk_toggle_button_new_with_label (nk_alarm_reason_label (i));

      gtk_widget_add_css_class (button, "nk-big-button");
      if (group != NULL)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), group);
      else
        group = GTK_TOGGLE_BUTTON (button);
      gtk_box_append (self->alarm_reasons, button);
      self->alarm_reason_buttons[i] = GTK_TOGGLE_BUTTON (button);
    }
  g_signal_connect_object (self->stack, "notify::visible-child", G_CALLBACK (on_page_changed), self,
                           G_CONNECT_SWAPPED);
}

void
nk_window_alarm_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, NkWindow, alarm_banner);
  gtk_widget_class_bind_template_child (widget_class, NkWindow, alarm_label);
  gtk_widget_class_bind_template_child (widget_class, NkWindow, alarm_state);
  gtk_widget_class_bind_template_child (widget_class, NkWindow, alarm_cancel_button);
  gtk_widget_class_bind_template_child (widget_class, NkWindow, alarm_dialog);
  gtk_widget_class_bind_template_child (widget_class, NkWindow, alarm_reasons);
  gtk_widget_class_bind_template_child (widget_class, NkWindow, alarm_note);
  gtk_widget_class_bind_template_child (widget_class, NkWindow, alarm_error);
  gtk_widget_class_install_action (widget_class, "alarm.open-cancel", NULL, action_open_cancel);
  gtk_widget_class_install_action (widget_class, "alarm.close-cancel", NULL, action_close_cancel);
  gtk_widget_class_install_action (widget_class, "alarm.cancel", NULL, action_cancel);
}

void
nk_window_alarm_dispose (NkWindow *self)
{
  stop_siren (self);
  g_clear_handle_id (&self->alarm_page_idle, g_source_remove);
  g_clear_pointer (&self->alarms_shown, g_hash_table_unref);
}

const char *
nk_window_get_alarm_banner (NkWindow *self)
{
  g_return_val_if_fail (NK_IS_WINDOW (self), NULL);
  return gtk_revealer_get_reveal_child (self->alarm_banner) ? gtk_label_get_label (self->alarm_label) : NULL;
}

const char *
nk_window_get_alarm_state (NkWindow *self)
{
  g_return_val_if_fail (NK_IS_WINDOW (self), NULL);
  return gtk_revealer_get_reveal_child (self->alarm_banner) ? gtk_label_get_label (self->alarm_state) : NULL;
}

gboolean
nk_window_get_alarm_cancel_shown (NkWindow *self)
{
  g_return_val_if_fail (NK_IS_WINDOW (self), FALSE);
  return gtk_widget_get_visible (self->alarm_cancel_button);
}

gboolean
nk_window_get_alarm_dialog_shown (NkWindow *self)
{
  g_return_val_if_fail (NK_IS_WINDOW (self), FALSE);
  return gtk_revealer_get_reveal_child (self->alarm_dialog);
}

gboolean
nk_window_get_siren_on (NkWindow *self)
{
  g_return_val_if_fail (NK_IS_WINDOW (self), FALSE);
  return self->siren_id != 0;
}
