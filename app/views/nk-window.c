/* nk-window.c — the kiosk window: template, properties, page access.
 * What a tap does lives in nk-window-door.c.
 *
 * The window adds a size class to itself (nk-compact below 1280×720 or
 * so, nk-large from 1600×900, nk-portrait when taller than wide) so the
 * CSS can scale the door text between a 1024×600 and a 1920×1080 panel
 * without fixed pixel sizes in the templates. */
#define G_LOG_DOMAIN "nk-views"

#include "config.h"

#include <glib/gi18n.h>

#include "nk-window-private.h"
#include "nk-a11y.h"

G_DEFINE_FINAL_TYPE (NkWindow, nk_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_ATTENDANCE,
  PROP_READER,
  PROP_SOUND,
  PROP_CENTRE_NAME,
  PROP_RESULT_SECONDS,
  PROP_CHOOSER_SECONDS,
  PROP_STAFF_LOCK_SECONDS,
  PROP_DEMO,
  PROP_STAFF_ALERT,
  PROP_SYNC_STATUS,
  PROP_PHOTO_CACHE,
  PROP_SYNC,
  PROP_DAY_SECONDS,
  PROP_ACK_SECONDS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Template callbacks and service signals: each hands over to one named
 * function and holds no logic. */

static void
on_card_tapped (NkWindow   *self,
                const char *uid,
                NkReader   *reader)
{
  nk_window_handle_card (self, uid);
}

static void
on_refused (NkWindow     *self,
            NkTapResult  *result,
            NkDoor *door)
{
  nk_window_door_raise_alert (self, result);
}

static void
on_family_confirmed (NkWindow     *self,
                     const char   *guardian_id,
                     GStrv         child_ids,
                     NkFamilyPage *page)
{
  nk_window_door_confirm_family (self, guardian_id, (const char *const *) child_ids);
}

static void
on_family_cancelled (NkWindow     *self,
                     NkFamilyPage *page)
{
  nk_window_go_idle (self);
}

static void
on_pin_opened (NkWindow   *self,
               const char *staff_id,
               NkPinPage  *page)
{
  nk_window_door_pin_opened (self, staff_id);
}

static void
on_pin_cancelled (NkWindow  *self,
                  NkPinPage *page)
{
  nk_window_go_idle (self);
}

static void
action_staff_pin (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  nk_window_door_open_pin (NK_WINDOW (widget));
}

static void
on_staff_locked (NkWindow    *self,
                 NkStaffPage *page)
{
  nk_window_door_staff_locked (self);
}

static void
on_store_changed (NkWindow *self,
                  NkStore  *store)
{
  nk_window_sync_update (self);
}

static void
action_dismiss_notice (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  nk_window_door_dismiss_notice (NK_WINDOW (widget));
}

static void
action_enrol (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  nk_window_sync_open_enrol (NK_WINDOW (widget));
}

static void
action_leave_enrol (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  nk_window_sync_leave_enrol (NK_WINDOW (widget));
}

static void
on_staff_recorded (NkWindow    *self,
                   NkTapResult *result,
                   NkStaffPage *page)
{
  nk_window_door_staff_recorded (self, result);
}

static void
on_day_acknowledge (NkWindow     *self,
                    NkDayView    *view,
                    const char   *incident_id,
                    const char   *guardian_id,
                    NkResultPage *page)
{
  nk_window_day_acknowledge (self, view, incident_id, guardian_id);
}

/* Services */

static void
nk_window_set_door (NkWindow     *self,
                          NkDoor *door)
{
  if (self->door == door)
    return;

  if (self->door != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->door, self);
      g_signal_handlers_disconnect_by_data (nk_door_get_store (self->door), self);
    }
  g_set_object (&self->door, door);

  if (door != NULL)
    {
      g_signal_connect_object (door, "refused", G_CALLBACK (on_refused), self,
                               G_CONNECT_SWAPPED);
      /* the roster may have become empty or not: the enrol page may be due */
      g_signal_connect_object (nk_door_get_store (door), "changed",
                               G_CALLBACK (on_store_changed), self, G_CONNECT_SWAPPED);
      nk_idle_page_set_time_zone (self->idle_page, nk_door_get_timezone (door));
    }
  nk_window_sleep_set_door (self, door);
  nk_window_outbreak_set_door (self, door);
  nk_window_alarm_set_door (self, door);
  nk_window_ratio_set_door (self, door);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ATTENDANCE]);
}

static void
nk_window_set_reader (NkWindow *self,
                      NkReader *reader)
{
  if (self->reader == reader)
    return;

  if (self->reader != NULL)
    g_signal_handlers_disconnect_by_data (self->reader, self);
  g_set_object (&self->reader, reader);

  if (reader != NULL)
    g_signal_connect_object (reader, "card-tapped", G_CALLBACK (on_card_tapped), self,
                             G_CONNECT_SWAPPED);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READER]);
}

/* Size classes */

static const char *
size_class_for (int width,
                int height)
{
  if (width >= 1600 && height >= 900)
    return "nk-large";
  if (width < 1200 || height < 720)
    return "nk-compact";
  return "nk-medium";
}

static void
set_size_classes (NkWindow *self,
                  int       width,
                  int       height)
{
  GtkWidget *widget = GTK_WIDGET (self);
  const char *size_class = size_class_for (width, height);

  if (size_class != self->size_class)
    {
      if (self->size_class != NULL)
        gtk_widget_remove_css_class (widget, self->size_class);
      gtk_widget_add_css_class (widget, size_class);
      self->size_class = size_class;
    }

  if (height > width)
    gtk_widget_add_css_class (widget, "nk-portrait");
  else
    gtk_widget_remove_css_class (widget, "nk-portrait");
}

static gboolean
nk_window_apply_size_class (gpointer user_data)
{
  NkWindow *self = user_data;

  set_size_classes (self, gtk_widget_get_width (GTK_WIDGET (self)), gtk_widget_get_height (GTK_WIDGET (self)));
  g_object_unref (self);
  return G_SOURCE_REMOVE;
}

void
nk_window_expect_size (NkWindow *self,
                       int       width,
                       int       height)
{
  g_return_if_fail (NK_IS_WINDOW (self));
  set_size_classes (self, width, height);
}

static void
nk_window_size_allocate (GtkWidget *widget,
                         int        width,
                         int        height,
                         int        baseline)
{
  NkWindow *self = NK_WINDOW (widget);
  const char *wanted = size_class_for (width, height);
  gboolean portrait = height > width;

  GTK_WIDGET_CLASS (nk_window_parent_class)->size_allocate (widget, width, height, baseline);

  /* restyling inside an allocation would re-enter layout: do it next */
  if (wanted != self->size_class || portrait != gtk_widget_has_css_class (widget, "nk-portrait"))
    g_idle_add_full (G_PRIORITY_HIGH_IDLE, nk_window_apply_size_class, g_object_ref (self), NULL);
}

/* GObject */

static void
nk_window_constructed (GObject *object)
{
  NkWindow *self = NK_WINDOW (object);

  G_OBJECT_CLASS (nk_window_parent_class)->constructed (object);

  /* the pages' photo-cache is bound to this in nk-window.ui */
  if (self->photo_cache == NULL)
    {
      self->photo_cache = nk_photo_cache_new (NK_PHOTO_CACHE_DEFAULT_CAPACITY);
      g_object_notify_by_pspec (object, properties[PROP_PHOTO_CACHE]);
    }

  nk_window_sync_attach (self);
  nk_window_alarm_attach (self);
}

static void
nk_window_dispose (GObject *object)
{
  NkWindow *self = NK_WINDOW (object);

  g_clear_handle_id (&self->result_timeout_id, g_source_remove);
  g_clear_handle_id (&self->notice_timeout_id, g_source_remove);
  if (self->reader != NULL)
    g_signal_handlers_disconnect_by_data (self->reader, self);
  if (self->door != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->door, self);
      g_signal_handlers_disconnect_by_data (nk_door_get_store (self->door), self);
    }
  nk_window_sync_detach (self);
  nk_window_sleep_dispose (self);
  nk_window_outbreak_dispose (self);
  nk_window_alarm_dispose (self);
  nk_window_ratio_dispose (self);

  gtk_widget_dispose_template (GTK_WIDGET (object), NK_TYPE_WINDOW);

  g_clear_object (&self->reader);
  g_clear_object (&self->door);
  g_clear_object (&self->sound);
  g_clear_object (&self->photo_cache);
  g_clear_object (&self->sync);

  G_OBJECT_CLASS (nk_window_parent_class)->dispose (object);
}

static void
nk_window_finalize (GObject *object)
{
  NkWindow *self = NK_WINDOW (object);

  g_clear_pointer (&self->centre_name, g_free);
  g_clear_pointer (&self->staff_uid, g_free);
  g_clear_pointer (&self->family, nk_tap_result_unref);
  g_clear_pointer (&self->last_notice, g_free);
  g_clear_pointer (&self->sync_status, g_free);

  G_OBJECT_CLASS (nk_window_parent_class)->finalize (object);
}

static void
nk_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  NkWindow *self = NK_WINDOW (object);

  switch (prop_id)
    {
    case PROP_ATTENDANCE:
      g_value_set_object (value, self->door);
      break;
    case PROP_READER:
      g_value_set_object (value, self->reader);
      break;
    case PROP_SOUND:
      g_value_set_object (value, self->sound);
      break;
    case PROP_CENTRE_NAME:
      g_value_set_string (value, self->centre_name);
      break;
    case PROP_RESULT_SECONDS:
      g_value_set_uint (value, self->result_seconds);
      break;
    case PROP_CHOOSER_SECONDS:
      g_value_set_uint (value, self->chooser_seconds);
      break;
    case PROP_STAFF_LOCK_SECONDS:
      g_value_set_uint (value, self->staff_lock_seconds);
      break;
    case PROP_DEMO:
      g_value_set_boolean (value, self->demo);
      break;
    case PROP_STAFF_ALERT:
      g_value_set_boolean (value, self->staff_alert);
      break;
    case PROP_SYNC_STATUS:
      g_value_set_string (value, self->sync_status);
      break;
    case PROP_PHOTO_CACHE:
      g_value_set_object (value, self->photo_cache);
      break;
    case PROP_SYNC:
      g_value_set_object (value, self->sync);
      break;
    case PROP_DAY_SECONDS:
      g_value_set_uint (value, self->day_seconds);
      break;
    case PROP_ACK_SECONDS:
      g_value_set_uint (value, self->ack_seconds);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nk_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  NkWindow *self = NK_WINDOW (object);

  switch (prop_id)
    {
    case PROP_ATTENDANCE:
      nk_window_set_door (self, g_value_get_object (value));
      break;
    case PROP_READER:
      nk_window_set_reader (self, g_value_get_object (value));
      break;
    case PROP_SOUND:
      g_set_object (&self->sound, g_value_get_object (value));
      break;
    case PROP_CENTRE_NAME:
      g_free (self->centre_name);
      self->centre_name = g_value_dup_string (value);
      g_object_notify_by_pspec (object, pspec);
      break;
    case PROP_RESULT_SECONDS:
      self->result_seconds = g_value_get_uint (value);
      g_object_notify_by_pspec (object, pspec);
      break;
    case PROP_CHOOSER_SECONDS:
      self->chooser_seconds = g_value_get_uint (value);
      g_object_notify_by_pspec (object, pspec);
      break;
    case PROP_STAFF_LOCK_SECONDS:
      self->staff_lock_seconds = g_value_get_uint (value);
      g_object_notify_by_pspec (object, pspec);
      break;
    case PROP_DEMO:
      self->demo = g_value_get_boolean (value);
      g_object_notify_by_pspec (object, pspec);
      break;
    case PROP_STAFF_ALERT:
      if (self->staff_alert != g_value_get_boolean (value))
        {
          self->staff_alert = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_SYNC_STATUS:
      if (g_strcmp0 (self->sync_status, g_value_get_string (value)) != 0)
        {
          g_free (self->sync_status);
          self->sync_status = g_value_dup_string (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_PHOTO_CACHE:
      if (g_set_object (&self->photo_cache, g_value_get_object (value)))
        g_object_notify_by_pspec (object, pspec);
      break;
    case PROP_SYNC:
      if (g_set_object (&self->sync, g_value_get_object (value)))
        g_object_notify_by_pspec (object, pspec);
      break;
    case PROP_DAY_SECONDS:
      self->day_seconds = g_value_get_uint (value);
      g_object_notify_by_pspec (object, pspec);
      break;
    case PROP_ACK_SECONDS:
      self->ack_seconds = g_value_get_uint (value);
      g_object_notify_by_pspec (object, pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nk_window_class_init (NkWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = nk_window_constructed;
  object_class->dispose = nk_window_dispose;
  object_class->finalize = nk_window_finalize;
  object_class->get_property = nk_window_get_property;
  object_class->set_property = nk_window_set_property;
  widget_class->size_allocate = nk_window_size_allocate;

  properties[PROP_ATTENDANCE] =
    g_param_spec_object ("door", NULL, NULL, NK_TYPE_DOOR, rw | G_PARAM_CONSTRUCT);
  properties[PROP_READER] =
    g_param_spec_object ("reader", NULL, NULL, NK_TYPE_READER, rw | G_PARAM_CONSTRUCT);
  properties[PROP_SOUND] =
    g_param_spec_object ("sound", NULL, NULL, NK_TYPE_SOUND, rw | G_PARAM_CONSTRUCT);
  properties[PROP_CENTRE_NAME] =
    g_param_spec_string ("centre-name", NULL, NULL, NULL, rw);
  properties[PROP_RESULT_SECONDS] =
    g_param_spec_uint ("result-seconds", NULL, NULL, 1, 3600, 4, rw | G_PARAM_CONSTRUCT);
  properties[PROP_CHOOSER_SECONDS] =
    g_param_spec_uint ("chooser-seconds", NULL, NULL, 1, 3600, 20, rw | G_PARAM_CONSTRUCT);
  properties[PROP_STAFF_LOCK_SECONDS] =
    g_param_spec_uint ("staff-lock-seconds", NULL, NULL, 1, 86400, 90, rw | G_PARAM_CONSTRUCT);
  properties[PROP_DEMO] =
    g_param_spec_boolean ("demo", NULL, NULL, FALSE, rw);
  properties[PROP_STAFF_ALERT] =
    g_param_spec_boolean ("staff-alert", NULL, NULL, FALSE, rw);
  /* The idle page's short sync line ("Synced 08:12", "Offline — 12
   * records waiting"); made from "sync" when there is one
   * (nk-window-sync.c).  Hidden when empty. */
  properties[PROP_SYNC_STATUS] =
    g_param_spec_string ("sync-status", NULL, NULL, NULL, rw);
  /* Children's photos, decoded off the main thread; NULL: the window
   * makes its own. */
  properties[PROP_PHOTO_CACHE] =
    g_param_spec_object ("photo-cache", NULL, NULL, NK_TYPE_PHOTO_CACHE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS);
  /* The platform link; NULL when sync is not configured.  Drives the
   * sync line, staff mode's sync panel and the enrolment page. */
  properties[PROP_SYNC] =
    g_param_spec_object ("sync", NULL, NULL, NK_TYPE_SYNC,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS);
  /* How long a checked-out child's day stays (nk-window-day.c), and how
   * long when an incident on it waits for the guardian's acknowledgement. */
  properties[PROP_DAY_SECONDS] =
    g_param_spec_uint ("day-seconds", NULL, NULL, 1, 3600, 15, rw | G_PARAM_CONSTRUCT);
  properties[PROP_ACK_SECONDS] =
    g_param_spec_uint ("ack-seconds", NULL, NULL, 1, 3600, 60, rw | G_PARAM_CONSTRUCT);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (NK_TYPE_IDLE_PAGE);
  g_type_ensure (NK_TYPE_RESULT_PAGE);
  g_type_ensure (NK_TYPE_FAMILY_PAGE);
  g_type_ensure (NK_TYPE_STAFF_PAGE);
  g_type_ensure (NK_TYPE_PIN_PAGE);
  g_type_ensure (NK_TYPE_ERROR_PAGE);
  g_type_ensure (NK_TYPE_TAP_PANEL);

  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "nk-window.ui");
  gtk_widget_class_bind_template_child (widget_class, NkWindow, notice_revealer);
  gtk_widget_class_bind_template_child (widget_class, NkWindow, notice_label);
  gtk_widget_class_bind_template_child (widget_class, NkWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, NkWindow, idle_page);
  gtk_widget_class_bind_template_child (widget_class, NkWindow, result_page);
  gtk_widget_class_bind_template_child (widget_class, NkWindow, family_page);
  gtk_widget_class_bind_template_child (widget_class, NkWindow, staff_page);
  gtk_widget_class_bind_template_child (widget_class, NkWindow, pin_page);
  gtk_widget_class_bind_template_child (widget_class, NkWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, NkWindow, tap_panel);
  gtk_widget_class_bind_template_child (widget_class, NkWindow, enrol_box);
  gtk_widget_class_bind_template_child (widget_class, NkWindow, enrol_back_bar);
  gtk_widget_class_bind_template_callback (widget_class, on_family_confirmed);
  gtk_widget_class_bind_template_callback (widget_class, on_family_cancelled);
  gtk_widget_class_bind_template_callback (widget_class, on_staff_locked);
  gtk_widget_class_bind_template_callback (widget_class, on_staff_recorded);
  gtk_widget_class_bind_template_callback (widget_class, on_day_acknowledge);
  gtk_widget_class_bind_template_callback (widget_class, on_pin_opened);
  gtk_widget_class_bind_template_callback (widget_class, on_pin_cancelled);

  gtk_widget_class_install_action (widget_class, "kiosk.enrol", NULL, action_enrol);
  gtk_widget_class_install_action (widget_class, "notice.dismiss", NULL, action_dismiss_notice);
  gtk_widget_class_install_action (widget_class, "kiosk.leave-enrol", NULL, action_leave_enrol);
  gtk_widget_class_install_action (widget_class, "kiosk.staff-pin", NULL, action_staff_pin);
  nk_window_sleep_class_init (widget_class);
  nk_window_outbreak_class_init (widget_class);
  nk_window_alarm_class_init (widget_class);
  nk_window_ratio_class_init (widget_class);
}

static void
nk_window_init (NkWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  nk_a11y_hide_folded (self->sleep_overdue_banner);
  nk_a11y_hide_folded (self->outbreak_banner);
  nk_a11y_hide_folded (self->ratio_banner);
  nk_a11y_hide_folded (self->notice_revealer);
  nk_a11y_hide_folded (self->outbreak_confirm);
  nk_a11y_hide_folded (self->sleep_due_banner);

  self->result_seconds = 4;
  self->chooser_seconds = 20;
  self->day_seconds = 15;
  self->ack_seconds = 60;
  self->staff_lock_seconds = 90;
  gtk_widget_add_css_class (GTK_WIDGET (self), "nk-kiosk");
  nk_window_sync_init (self);
  nk_window_sleep_init (self);
  nk_window_alarm_init (self);
}

NkWindow *
nk_window_new (GtkApplication *application,
               NkDoor   *door,
               NkReader       *reader,
               NkSound        *sound)
{
  return g_object_new (NK_TYPE_WINDOW,
                       "application", application,
                       "door", door,
                       "reader", reader,
                       "sound", sound,
                       NULL);
}

void
nk_window_show_fatal_error (NkWindow   *self,
                            const char *title,
                            const char *message,
                            const char *hint)
{
  g_return_if_fail (NK_IS_WINDOW (self));

  self->fatal = TRUE;
  nk_error_page_set (self->error_page, title, message, hint);
  nk_window_door_set_page (self, "error");
}

void
nk_window_set_reader_error (NkWindow   *self,
                            const char *message)
{
  g_return_if_fail (NK_IS_WINDOW (self));
  nk_idle_page_set_reader_error (self->idle_page, message);
}

const char *
nk_window_get_page_name (NkWindow *self)
{
  g_return_val_if_fail (NK_IS_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

NkIdlePage *
nk_window_get_idle_page (NkWindow *self)
{
  g_return_val_if_fail (NK_IS_WINDOW (self), NULL);
  return self->idle_page;
}

NkResultPage *
nk_window_get_result_page (NkWindow *self)
{
  g_return_val_if_fail (NK_IS_WINDOW (self), NULL);
  return self->result_page;
}

NkFamilyPage *
nk_window_get_family_page (NkWindow *self)
{
  g_return_val_if_fail (NK_IS_WINDOW (self), NULL);
  return self->family_page;
}

NkPinPage *
nk_window_get_pin_page (NkWindow *self)
{
  g_return_val_if_fail (NK_IS_WINDOW (self), NULL);
  return self->pin_page;
}

NkStaffPage *
nk_window_get_staff_page (NkWindow *self)
{
  g_return_val_if_fail (NK_IS_WINDOW (self), NULL);
  return self->staff_page;
}

NkErrorPage *
nk_window_get_error_page (NkWindow *self)
{
  g_return_val_if_fail (NK_IS_WINDOW (self), NULL);
  return self->error_page;
}

NkTapPanel *
nk_window_get_tap_panel (NkWindow *self)
{
  g_return_val_if_fail (NK_IS_WINDOW (self), NULL);
  return self->tap_panel;
}

NkDoor *
nk_window_get_door (NkWindow *self)
{
  g_return_val_if_fail (NK_IS_WINDOW (self), NULL);
  return self->door;
}

NkSync *
nk_window_get_sync (NkWindow *self)
{
  g_return_val_if_fail (NK_IS_WINDOW (self), NULL);
  return self->sync;
}

GtkWidget *
nk_window_get_enrol_page (NkWindow *self)
{
  g_return_val_if_fail (NK_IS_WINDOW (self), NULL);
  return self->enrol_page;
}

NkPhotoCache *
nk_window_get_photo_cache (NkWindow *self)
{
  g_return_val_if_fail (NK_IS_WINDOW (self), NULL);
  return self->photo_cache;
}

gboolean
nk_window_get_staff_alert (NkWindow *self)
{
  g_return_val_if_fail (NK_IS_WINDOW (self), FALSE);
  return self->staff_alert;
}

gboolean
nk_window_get_notice_shown (NkWindow *self)
{
  g_return_val_if_fail (NK_IS_WINDOW (self), FALSE);
  return gtk_revealer_get_reveal_child (self->notice_revealer);
}

const char *
nk_window_get_last_notice (NkWindow *self)
{
  g_return_val_if_fail (NK_IS_WINDOW (self), NULL);
  return self->last_notice;
}

GPtrArray *
nk_window_copy_ids (GHashTable *shown)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GList) keys = shown != NULL ? g_hash_table_get_keys (shown) : NULL;

  for (GList *l = keys; l != NULL; l = l->next)
    g_ptr_array_add (ids, g_strdup (l->data));
  return ids;
}
