/* nk-staff-page.c — staff mode.
 *
 * What the overview shows comes from two core list models (rooms, open
 * stays; nk-staff-page-overview.c) that change in place on the store's
 * notifications.  Every change is one core call
 * (nk_attendance_manual, nk_attendance_staff_clock_out) whose result goes
 * up in "recorded"; the window plays the cue and writes the journal line.
 * Any touch restarts the lock timer (a capture-phase legacy controller). */
#define G_LOG_DOMAIN "nk-views"

#include "config.h"

#include <glib/gi18n.h>

#include "nk-staff-page-allergens.h"
#include "nk-staff-page-checkups.h"
#include "nk-staff-page-absence.h"
#include "nk-staff-page-dashboard.h"
#include "nk-staff-page-trends.h"
#include "nk-staff-page-alarm.h"
#include "nk-staff-page-health.h"
#include "nk-staff-page-menu.h"
#include "nk-staff-page-classroom.h"
#include "nk-staff-page-private.h"
#include "nk-staff-page-roll-call.h"
#include "nk-staff-page-sleep.h"
#include "nk-a11y.h"

G_DEFINE_FINAL_TYPE (NkStaffPage, nk_staff_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ATTENDANCE,
  PROP_LOCK_SECONDS,
  PROP_STAFF_ALERT,
  PROP_SYNC,
  PROP_ROOM_ID,
  N_PROPS
};

enum {
  SIGNAL_LOCKED,
  SIGNAL_RECORDED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Lock timer */

static gboolean
lock_timeout_cb (gpointer user_data)
{
  NkStaffPage *self = user_data;

  self->lock_id = 0;
  if (nk_staff_page_roll_call_holds_lock (self))
    {
      g_message ("Staff mode left untouched for %u s, not locked: a roll call is open", self->lock_seconds);
      nk_staff_page_restart_lock (self);
      return G_SOURCE_REMOVE;
    }
  g_message ("Staff mode left untouched for %u s: locked", self->lock_seconds);
  nk_staff_page_close (self);
  g_signal_emit (self, signals[SIGNAL_LOCKED], 0);

  return G_SOURCE_REMOVE;
}

void
nk_staff_page_restart_lock (NkStaffPage *self)
{
  g_return_if_fail (NK_IS_STAFF_PAGE (self));

  g_clear_handle_id (&self->lock_id, g_source_remove);
  if (self->staff_id == NULL)
    return;

  if (self->door != NULL)
    self->lock_deadline_us = nk_centre_monotonic (nk_door_get_centre (self->door))
                             + (gint64) MAX (self->lock_seconds, 1) * G_USEC_PER_SEC;

  self->lock_id = g_timeout_add_seconds_full (G_PRIORITY_DEFAULT, MAX (self->lock_seconds, 1),
                                              lock_timeout_cb, self, NULL);
  g_source_set_name_by_id (self->lock_id, "[nk] staff lock");
}

gboolean
nk_staff_page_resume (NkStaffPage *self)
{
  g_return_val_if_fail (NK_IS_STAFF_PAGE (self), FALSE);

  if (self->staff_id == NULL)
    return FALSE;
  if (self->door != NULL && !nk_staff_page_roll_call_holds_lock (self) &&
      nk_centre_monotonic (nk_door_get_centre (self->door)) >= self->lock_deadline_us)
    {
      g_message ("Staff mode's %u s passed while the door answered a card: locked",
                 self->lock_seconds);
      nk_staff_page_close (self);
      return FALSE;
    }
  nk_staff_page_restart_lock (self);
  return TRUE;
}

static gboolean
on_any_event (NkStaffPage *self,
              GdkEvent    *event)
{
  GdkEventType type = gdk_event_get_event_type (event);

  /* a touch, a click, a key or a scroll counts as "someone is here" */
  if (type == GDK_BUTTON_PRESS || type == GDK_TOUCH_BEGIN ||
      type == GDK_KEY_PRESS || type == GDK_SCROLL)
    nk_staff_page_restart_lock (self);
  return GDK_EVENT_PROPAGATE;
}

/* Manual check-in / check-out */

static const char *
nk_staff_page_get_reason (NkStaffPage *self)
{
  if (gtk_toggle_button_get_active (self->reason_forgot))
    return "forgot card";
  if (gtk_toggle_button_get_active (self->reason_lost))
    return "card lost";
  return gtk_editable_get_text (GTK_EDITABLE (self->reason_entry));
}

static void
on_reason_toggled (NkStaffPage *self)
{
  const char *reason = nk_staff_page_get_reason (self);
  g_autofree char *clean = g_strstrip (g_strdup (reason != NULL ? reason : ""));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "staff.confirm-manual",
                                 self->manual_child_id != NULL && clean[0] != '\0');
}

void
nk_staff_page_show_manual (NkStaffPage *self,
                           const char  *child_id)
{
  NkRoomChildItem *child;
  gboolean present;
  g_autofree char *title = NULL;

  g_return_if_fail (NK_IS_STAFF_PAGE (self));

  child = self->rooms != NULL ? nk_room_list_find_child (self->rooms, child_id) : NULL;
  if (child == NULL)
    {
      g_message ("Child %s is no longer listed; not opening the by-hand check", child_id);
      return;
    }

  g_free (self->manual_child_id);
  self->manual_child_id = g_strdup (child_id);

  /* TRANSLATORS: title of the by-hand check-in/out; %s is the child's name */
  present = nk_room_child_item_get_present (child);
  title = g_strdup_printf (present ? _("Check %s out by hand") : _("Check %s in by hand"),
                           nk_room_child_item_get_name (child));
  gtk_label_set_label (self->manual_title, title);
  gtk_label_set_label (self->manual_state, present
                       ? _("Now in the centre. Confirm only when the child has been handed to an authorised guardian.")
                       : _("Not checked in now. Confirm when the child is here."));
  gtk_button_set_label (self->manual_confirm,
                        present ? _("Check out by hand") : _("Check in by hand"));
  gtk_toggle_button_set_active (self->reason_forgot, TRUE);
  gtk_editable_set_text (GTK_EDITABLE (self->reason_entry), "");
  gtk_widget_set_visible (GTK_WIDGET (self->manual_error), FALSE);
  gtk_stack_set_visible_child_name (self->inner_stack, "manual");
  on_reason_toggled (self);
}

static void
nk_staff_page_confirm_manual (NkStaffPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NkTapResult) result = NULL;
  NkRoomChildItem *child;
  NkDirection direction;

  if (self->manual_child_id == NULL || self->door == NULL || self->staff_id == NULL)
    return;

  /* what the page offered: the list is the state as the core last said it */
  child = self->rooms != NULL ? nk_room_list_find_child (self->rooms, self->manual_child_id) : NULL;
  direction = child != NULL && nk_room_child_item_get_present (child) ? NK_DIRECTION_OUT : NK_DIRECTION_IN;

  result = nk_attendance_manual (nk_door_get_attendance (self->door), self->staff_id, self->manual_child_id,
                                 direction, nk_staff_page_get_reason (self), &error);
  if (result == NULL)
    {
      /* The journal names the child by id only; the screen says why. */
      g_message ("By-hand check-%s of child %s not saved (%s %d)",
                 direction == NK_DIRECTION_IN ? "in" : "out", self->manual_child_id,
                 g_quark_to_string (error->domain), error->code);
      /* TRANSLATORS: %s is the reason from the database or the rules */
      g_autofree char *text = g_strdup_printf (_("Not saved: %s"), error->message);
      gtk_label_set_label (self->manual_error, text);
      gtk_widget_set_visible (GTK_WIDGET (self->manual_error), TRUE);
      return;
    }

  g_clear_pointer (&self->manual_child_id, g_free);
  gtk_stack_set_visible_child_name (self->inner_stack, "overview");
  g_signal_emit (self, signals[SIGNAL_RECORDED], 0, result);
}

/* Actions */

static void
action_manual (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  nk_staff_page_show_manual (NK_STAFF_PAGE (widget), g_variant_get_string (parameter, NULL));
}

static void
action_confirm_manual (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  nk_staff_page_confirm_manual (NK_STAFF_PAGE (widget));
}

/* History: "staff.back" returns to the page the current one was opened
 * from (a feature's form opened from the room page goes back there).
 * Coming to a page already in the history cuts it there, so going back
 * and forth never makes a loop; the overview is where it starts. */
static void
on_view_changed (NkStaffPage *self)
{
  const char *now = gtk_stack_get_visible_child_name (self->inner_stack);

  if (now == NULL)
    return;
  if (g_str_equal (now, "overview"))
    g_ptr_array_set_size (self->history, 0);
  else if (!self->going_back && self->shown_view != NULL && !g_str_equal (self->shown_view, now))
    {
      guint i;

      for (i = 0; i < self->history->len; i++)
        if (g_str_equal (self->history->pdata[i], now))
          break;
      if (i < self->history->len)
        g_ptr_array_set_size (self->history, i);
      else
        g_ptr_array_add (self->history, g_strdup (self->shown_view));
    }
  g_free (self->shown_view);
  self->shown_view = g_strdup (now);
}

/* Back to the by-hand page from a form opened on it (the health check,
 * medicine, an observation): the same child, its state read again, as
 * it may have changed meanwhile.  TRUE when the page shows it. */
static gboolean
back_to_manual (NkStaffPage *self)
{
  g_autofree char *child_id = g_strdup (self->manual_child_id);

  nk_staff_page_show_manual (self, child_id);
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->inner_stack), "manual") == 0;
}

static void
action_back (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  NkStaffPage *self = NK_STAFF_PAGE (widget);
  g_autofree char *previous = NULL;

  if (self->history->len > 0)
    previous = g_ptr_array_steal_index (self->history, self->history->len - 1);
  self->going_back = TRUE;
  if (g_strcmp0 (previous, "manual") != 0 || self->manual_child_id == NULL || !back_to_manual (self))
    {
      g_clear_pointer (&self->manual_child_id, g_free);
      gtk_stack_set_visible_child_name (self->inner_stack,
                                        previous != NULL && !g_str_equal (previous, "manual")
                                        ? previous : "overview");
    }
  self->going_back = FALSE;
}

static void
nk_staff_page_clock_out (NkStaffPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NkTapResult) result = NULL;

  if (self->door == NULL || self->staff_id == NULL)
    return;

  result = nk_staff_clock_out (nk_door_get_staff_clock (self->door), self->staff_id, &error);
  if (result == NULL)
    {
      g_message ("Clock-out not saved: %s", error->message);
      g_autofree char *text = g_strdup_printf (_("Not saved: %s"), error->message);
      gtk_label_set_label (self->status_label, text);
      return;
    }

  nk_staff_page_close (self);
  g_signal_emit (self, signals[SIGNAL_RECORDED], 0, result);
}

static void
action_clock_out (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  nk_staff_page_clock_out (NK_STAFF_PAGE (widget));
}

static void
action_lock (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  NkStaffPage *self = NK_STAFF_PAGE (widget);

  g_message ("Staff mode locked");
  nk_staff_page_close (self);
  g_signal_emit (self, signals[SIGNAL_LOCKED], 0);
}

static void
action_clear_alert (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  g_message ("Pickup alert dismissed by staff");
  nk_staff_page_set_staff_alert (NK_STAFF_PAGE (widget), FALSE);
}

static void
action_clear_clock_warning (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  NkStaffPage *self = NK_STAFF_PAGE (widget);

  g_message ("Clock warning dismissed by staff");
  gtk_revealer_set_reveal_child (self->clock_revealer, FALSE);
}

/* The wall clock stepped against the monotonic one (NkCentre's
 * "clock-jumped"): staff are told, so that someone checks the time. */
static void
on_clock_jumped (NkStaffPage *self,
                 gint64       jump_us,
                 NkCentre    *centre)
{
  gint64 minutes = ABS (jump_us) / (60 * G_USEC_PER_SEC);
  g_autofree char *at = nk_centre_format_time (centre, nk_centre_now (centre));
  g_autofree char *text = NULL;

  if (jump_us > 0)
    /* TRANSLATORS: %s is a time (HH:MM), %ld a number of minutes */
    text = g_strdup_printf (_("At %s the kiosk's clock jumped forward by %ld min. Records around then "
                              "may carry the wrong time: please check that the time is right."),
                            at, (long) minutes);
  else
    /* TRANSLATORS: %s is a time (HH:MM), %ld a number of minutes */
    text = g_strdup_printf (_("At %s the kiosk's clock jumped back by %ld min. Records around then "
                              "may carry the wrong time: please check that the time is right."),
                            at, (long) minutes);
  gtk_label_set_label (self->clock_label, text);
  gtk_revealer_set_reveal_child (self->clock_revealer, TRUE);
}

const char *
nk_staff_page_get_clock_warning (NkStaffPage *self)
{
  g_return_val_if_fail (NK_IS_STAFF_PAGE (self), NULL);

  if (!gtk_revealer_get_reveal_child (self->clock_revealer))
    return NULL;
  return gtk_label_get_label (self->clock_label);
}

/* Open / close */

void
nk_staff_page_open (NkStaffPage *self,
                    NkTapResult *staff)
{
  g_autofree char *title = NULL;
  g_autofree char *status = NULL;

  g_return_if_fail (NK_IS_STAFF_PAGE (self));
  g_return_if_fail (staff != NULL && staff->person_id != NULL);

  g_free (self->staff_id);
  self->staff_id = g_strdup (staff->person_id);
  g_free (self->staff_name);
  self->staff_name = g_strdup (staff->person_name);

  /* TRANSLATORS: staff mode header: name and role, e.g. "张老师 · Caregiver" */
  title = g_strdup_printf (_("%s · %s"), staff->person_name != NULL ? staff->person_name : "",
                           nk_staff_role_label (staff->role));
  /* TRANSLATORS: %u is a number of seconds */
  status = g_strdup_printf (_("Staff mode · locks after %u s untouched"),
                            self->lock_seconds);
  gtk_label_set_label (self->staff_label, title);
  gtk_label_set_label (self->status_label, status);

  g_clear_pointer (&self->manual_child_id, g_free);
  gtk_stack_set_visible_child_name (self->inner_stack, "overview");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "staff.clock-out", TRUE);
  nk_staff_page_rooms_open (self, staff);
  nk_staff_page_show_lists (self);
  nk_staff_page_restart_lock (self);
  nk_staff_page_roll_call_open (self);
  /* the director lands on today's figures; the others on the rooms */
  nk_staff_page_dashboard_land (self, staff->role);
}

void
nk_staff_page_close (NkStaffPage *self)
{
  g_return_if_fail (NK_IS_STAFF_PAGE (self));

  g_clear_handle_id (&self->lock_id, g_source_remove);
  g_clear_pointer (&self->staff_id, g_free);
  g_clear_pointer (&self->staff_name, g_free);
  g_clear_pointer (&self->manual_child_id, g_free);
  gtk_editable_set_text (GTK_EDITABLE (self->reason_entry), "");
  gtk_stack_set_visible_child_name (self->inner_stack, "overview");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "staff.clock-out", FALSE);
  /* no child data stays behind the lock */
  nk_staff_page_care_close (self);
  nk_staff_page_roll_call_close (self);
  nk_staff_page_clear_lists (self);
  nk_staff_page_rooms_close (self);
}

/* Properties */

void
nk_staff_page_set_door (NkStaffPage  *self,
                              NkDoor *door)
{
  g_return_if_fail (NK_IS_STAFF_PAGE (self));

  if (self->door == door)
    return;

  /* the lists read the door's store: they go with the old door */
  nk_staff_page_clear_lists (self);
  if (self->watched_centre != NULL)
    g_clear_signal_handler (&self->clock_jumped_id, self->watched_centre);
  g_clear_object (&self->watched_centre);
  g_set_object (&self->door, door);

  if (door != NULL)
    {
      self->watched_centre = g_object_ref (nk_door_get_centre (door));
      self->clock_jumped_id = g_signal_connect_object (self->watched_centre, "clock-jumped",
                                                       G_CALLBACK (on_clock_jumped), self,
                                                       G_CONNECT_SWAPPED);
    }
  nk_staff_page_alarm_set_door (self, door);
  nk_sync_panel_set_time_zone (self->sync_panel,
                               door != NULL ? nk_door_get_timezone (door) : NULL);
  if (self->staff_id != NULL)
    nk_staff_page_show_lists (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ATTENDANCE]);
}

gboolean
nk_staff_page_get_staff_alert (NkStaffPage *self)
{
  g_return_val_if_fail (NK_IS_STAFF_PAGE (self), FALSE);
  return self->staff_alert;
}

void
nk_staff_page_set_staff_alert (NkStaffPage *self,
                               gboolean     alert)
{
  g_return_if_fail (NK_IS_STAFF_PAGE (self));

  alert = !!alert;
  if (self->staff_alert == alert)
    return;
  self->staff_alert = alert;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STAFF_ALERT]);
}

const char *
nk_staff_page_get_staff_id (NkStaffPage *self)
{
  g_return_val_if_fail (NK_IS_STAFF_PAGE (self), NULL);
  return self->staff_id;
}

guint
nk_staff_page_get_n_rooms (NkStaffPage *self)
{
  g_return_val_if_fail (NK_IS_STAFF_PAGE (self), 0);
  return self->rooms != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->rooms)) : 0;
}

NkSyncPanel *
nk_staff_page_get_sync_panel (NkStaffPage *self)
{
  g_return_val_if_fail (NK_IS_STAFF_PAGE (self), NULL);
  return self->sync_panel;
}

const char *
nk_staff_page_get_view (NkStaffPage *self)
{
  g_return_val_if_fail (NK_IS_STAFF_PAGE (self), NULL);
  return gtk_stack_get_visible_child_name (self->inner_stack);
}

static void
nk_staff_page_dispose (GObject *object)
{
  NkStaffPage *self = NK_STAFF_PAGE (object);
  GtkWidget *child;

  g_clear_handle_id (&self->lock_id, g_source_remove);
  nk_staff_page_clear_lists (self);
  if (self->watched_centre != NULL)
    g_clear_signal_handler (&self->clock_jumped_id, self->watched_centre);
  g_clear_object (&self->watched_centre);
  g_clear_object (&self->door);

  gtk_widget_dispose_template (GTK_WIDGET (object), NK_TYPE_STAFF_PAGE);
  /* the template's top-level box is not bound: unparent it ourselves */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (nk_staff_page_parent_class)->dispose (object);
}

static void
nk_staff_page_finalize (GObject *object)
{
  NkStaffPage *self = NK_STAFF_PAGE (object);

  g_clear_pointer (&self->staff_id, g_free);
  g_clear_pointer (&self->staff_name, g_free);
  g_clear_pointer (&self->manual_child_id, g_free);
  g_clear_pointer (&self->history, g_ptr_array_unref);
  g_clear_pointer (&self->shown_view, g_free);
  g_clear_pointer (&self->staff_room_id, g_free);
  g_clear_pointer (&self->room_id, g_free);

  G_OBJECT_CLASS (nk_staff_page_parent_class)->finalize (object);
}

static void
nk_staff_page_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  NkStaffPage *self = NK_STAFF_PAGE (object);

  switch (prop_id)
    {
    case PROP_ATTENDANCE:
      g_value_set_object (value, self->door);
      break;
    case PROP_LOCK_SECONDS:
      g_value_set_uint (value, self->lock_seconds);
      break;
    case PROP_STAFF_ALERT:
      g_value_set_boolean (value, self->staff_alert);
      break;
    case PROP_SYNC:
      g_value_set_object (value, nk_sync_panel_get_sync (self->sync_panel));
      break;
    case PROP_ROOM_ID:
      g_value_set_string (value, self->room_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nk_staff_page_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  NkStaffPage *self = NK_STAFF_PAGE (object);

  switch (prop_id)
    {
    case PROP_ATTENDANCE:
      nk_staff_page_set_door (self, g_value_get_object (value));
      break;
    case PROP_LOCK_SECONDS:
      if (self->lock_seconds != g_value_get_uint (value))
        {
          self->lock_seconds = g_value_get_uint (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_STAFF_ALERT:
      nk_staff_page_set_staff_alert (self, g_value_get_boolean (value));
      break;
    case PROP_SYNC:
      nk_sync_panel_set_sync (self->sync_panel, g_value_get_object (value));
      break;
    case PROP_ROOM_ID:
      nk_staff_page_set_room_id (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nk_staff_page_class_init (NkStaffPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nk_staff_page_dispose;
  object_class->finalize = nk_staff_page_finalize;
  object_class->get_property = nk_staff_page_get_property;
  object_class->set_property = nk_staff_page_set_property;

  properties[PROP_ATTENDANCE] =
    g_param_spec_object ("door", NULL, NULL, NK_TYPE_DOOR,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOCK_SECONDS] =
    g_param_spec_uint ("lock-seconds", NULL, NULL, 1, 86400, 90,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STAFF_ALERT] =
    g_param_spec_boolean ("staff-alert", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* shown in full by the sync panel; NULL when sync is not configured */
  properties[PROP_SYNC] =
    g_param_spec_object ("sync", NULL, NULL, NK_TYPE_SYNC,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  /* the room shown, "" for every room (nk-staff-page-rooms.c) */
  properties[PROP_ROOM_ID] =
    g_param_spec_string ("room-id", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_LOCKED] =
    g_signal_new ("locked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* recorded (NkTapResult*): a by-hand check or a clock-out was committed */
  signals[SIGNAL_RECORDED] =
    g_signal_new ("recorded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, NK_TYPE_TAP_RESULT);

  gtk_widget_class_install_action (widget_class, "staff.manual", "s", action_manual);
  gtk_widget_class_install_action (widget_class, "staff.confirm-manual", NULL, action_confirm_manual);
  gtk_widget_class_install_action (widget_class, "staff.back", NULL, action_back);
  gtk_widget_class_install_action (widget_class, "staff.clock-out", NULL, action_clock_out);
  gtk_widget_class_install_action (widget_class, "staff.lock", NULL, action_lock);
  gtk_widget_class_install_action (widget_class, "staff.clear-alert", NULL, action_clear_alert);
  gtk_widget_class_install_action (widget_class, "staff.clear-clock-warning", NULL,
                                   action_clear_clock_warning);
  gtk_widget_class_install_property_action (widget_class, "staff.room", "room-id");
  nk_staff_page_sleep_class_init (widget_class);

  nk_staff_page_care_class_init (widget_class);
  nk_staff_page_health_class_init (widget_class);
  nk_staff_page_menu_class_init (widget_class);
  nk_staff_page_allergens_class_init (widget_class);
  nk_staff_page_classroom_class_init (widget_class);
  nk_staff_page_checkups_class_init (widget_class);
  nk_staff_page_absence_class_init (widget_class);
  nk_staff_page_roll_call_class_init (widget_class);
  nk_staff_page_trends_class_init (widget_class);
  nk_staff_page_dashboard_class_init (widget_class);

  g_type_ensure (NK_TYPE_SYNC_PANEL);
  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "nk-staff-page.ui");
  nk_staff_page_alarm_class_init (widget_class);
  gtk_widget_class_bind_template_child (widget_class, NkStaffPage, staff_label);
  gtk_widget_class_bind_template_child (widget_class, NkStaffPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, NkStaffPage, inner_stack);
  gtk_widget_class_bind_template_child (widget_class, NkStaffPage, rooms_box);
  gtk_widget_class_bind_template_child (widget_class, NkStaffPage, rooms_error);
  gtk_widget_class_bind_template_child (widget_class, NkStaffPage, stays_box);
  gtk_widget_class_bind_template_child (widget_class, NkStaffPage, stays_error);
  gtk_widget_class_bind_template_child (widget_class, NkStaffPage, stays_empty);
  gtk_widget_class_bind_template_child (widget_class, NkStaffPage, manual_title);
  gtk_widget_class_bind_template_child (widget_class, NkStaffPage, manual_state);
  gtk_widget_class_bind_template_child (widget_class, NkStaffPage, manual_error);
  gtk_widget_class_bind_template_child (widget_class, NkStaffPage, manual_confirm);
  gtk_widget_class_bind_template_child (widget_class, NkStaffPage, reason_forgot);
  gtk_widget_class_bind_template_child (widget_class, NkStaffPage, reason_lost);
  gtk_widget_class_bind_template_child (widget_class, NkStaffPage, reason_other);
  gtk_widget_class_bind_template_child (widget_class, NkStaffPage, reason_entry);
  gtk_widget_class_bind_template_child (widget_class, NkStaffPage, sync_panel);
  gtk_widget_class_bind_template_child (widget_class, NkStaffPage, clock_revealer);
  gtk_widget_class_bind_template_child (widget_class, NkStaffPage, alert_revealer);
  gtk_widget_class_bind_template_child (widget_class, NkStaffPage, clock_label);
  gtk_widget_class_bind_template_child (widget_class, NkStaffPage, room_switcher);
  gtk_widget_class_bind_template_child (widget_class, NkStaffPage, tools_row);
  gtk_widget_class_bind_template_child (widget_class, NkStaffPage, tools_box);
  gtk_widget_class_bind_template_callback (widget_class, on_reason_toggled);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "nkstaffpage");
}

static void
nk_staff_page_init (NkStaffPage *self)
{
  GtkEventController *legacy;

  gtk_widget_init_template (GTK_WIDGET (self));
  nk_a11y_hide_folded (self->clock_revealer);
  nk_a11y_hide_folded (self->alert_revealer);
  /* the emergency roll call's tool comes first */
  nk_staff_page_roll_call_init (self);
  nk_staff_page_sleep_init (self);
  nk_staff_page_health_init (self);
  nk_staff_page_menu_init (self);
  nk_staff_page_allergens_init (self);
  nk_staff_page_classroom_init (self);
  nk_staff_page_checkups_init (self);
  nk_staff_page_absence_init (self);
  nk_staff_page_trends_init (self);
  nk_staff_page_dashboard_init (self);

  self->history = g_ptr_array_new_with_free_func (g_free);
  self->shown_view = g_strdup ("overview");
  g_signal_connect_swapped (self->inner_stack, "notify::visible-child", G_CALLBACK (on_view_changed), self);
  nk_staff_page_care_init (self);
  self->lock_seconds = 90;
  self->room_id = g_strdup ("");

  legacy = gtk_event_controller_legacy_new ();
  gtk_event_controller_set_propagation_phase (legacy, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (legacy, "event", G_CALLBACK (on_any_event), self);
  gtk_widget_add_controller (GTK_WIDGET (self), legacy);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "staff.clock-out", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "staff.confirm-manual", FALSE);
}

GtkWidget *
nk_staff_page_new (void)
{
  return g_object_new (NK_TYPE_STAFF_PAGE, NULL);
}
