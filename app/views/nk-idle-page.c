/* nk-idle-page.c — the door between taps.
 *
 * The clock repaints once a minute from a timeout aligned to the next
 * minute (only while the page is mapped); the same tick tells the
 * information panel (nk-info-panel.h) to read again when the centre's day
 * changed.  The reader line follows the reader's "state" and "message"
 * properties through bindings.
 *
 * The panel stands beside the prompt, or under it when the page is taller
 * than wide: the page lays its one child out itself to see its own shape,
 * and moves the panel in the grid on the next idle when it changed. */
#define G_LOG_DOMAIN "nk-views"

#include "config.h"

#include <glib/gi18n.h>

#include "nk-idle-page.h"
#include "nk-info-panel.h"
#include "nk-a11y.h"

struct _NkIdlePage
{
  GtkWidget parent_instance;

  GtkRevealer *alert_revealer;
  GtkLabel *time_label;
  GtkLabel *date_label;
  GtkLabel *prompt_label;
  GtkLabel *prompt_other_label;
  GtkImage *reader_icon;
  GtkLabel *reader_label;
  GtkImage *sync_icon;
  GtkLabel *sync_label;
  GtkGrid *content_grid;
  GtkWidget *prompt_box;
  GtkWidget *tap_image;
  NkInfoPanel *info_panel;

  NkReader *reader;
  GBinding *state_binding;
  GBinding *message_binding;
  char *reader_error;
  char *centre_name;
  char *sync_status;
  GTimeZone *tz;
  gboolean staff_alert;
  guint panel_seconds;
  gboolean portrait;

  guint clock_id;
  guint layout_id;
  int tap_image_height;   /* with its margins and the box's spacing, when last shown */
  gboolean short_screen;  /* the tap picture left out for want of height */
};

G_DEFINE_FINAL_TYPE (NkIdlePage, nk_idle_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_READER,
  PROP_READER_ERROR,
  PROP_CENTRE_NAME,
  PROP_TIME_ZONE,
  PROP_STAFF_ALERT,
  PROP_SYNC_STATUS,
  PROP_DOOR,
  PROP_PANEL_SECONDS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void nk_idle_page_schedule_clock (NkIdlePage *self);

/* g_set_str() is GLib 2.76; we pin 2.74. */
static gboolean
nk_set_str (char       **field,
            const char  *value)
{
  char *copy;

  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  copy = g_strdup (value);
  g_free (*field);
  *field = copy;
  return TRUE;
}

static const char *
reader_state_icon (NkReaderState state)
{
  switch (state)
    {
    case NK_READER_STATE_READY:
      return "emblem-ok-symbolic";
    case NK_READER_STATE_CONNECTING:
      return "view-refresh-symbolic";
    case NK_READER_STATE_DISCONNECTED:
      return "dialog-warning-symbolic";
    case NK_READER_STATE_FAILED:
      return "dialog-error-symbolic";
    case NK_READER_STATE_STOPPED:
      return "media-playback-stop-symbolic";
    default:
      return "dialog-question-symbolic";
    }
}

static gboolean
state_to_icon (GBinding     *binding,
               const GValue *from,
               GValue       *to,
               gpointer      user_data)
{
  NkIdlePage *self = user_data;
  NkReaderState state = g_value_get_enum (from);
  GtkWidget *icon = GTK_WIDGET (self->reader_icon);

  gtk_widget_remove_css_class (icon, "success");
  gtk_widget_remove_css_class (icon, "warning");
  gtk_widget_remove_css_class (icon, "error");
  switch (state)
    {
    case NK_READER_STATE_READY:
      gtk_widget_add_css_class (icon, "success");
      break;
    case NK_READER_STATE_CONNECTING:
    case NK_READER_STATE_DISCONNECTED:
      gtk_widget_add_css_class (icon, "warning");
      break;
    case NK_READER_STATE_FAILED:
    case NK_READER_STATE_STOPPED:
      gtk_widget_add_css_class (icon, "error");
      break;
    default:
      break;
    }

  g_value_set_string (to, reader_state_icon (state));
  return TRUE;
}

static gboolean
message_to_label (GBinding     *binding,
                  const GValue *from,
                  GValue       *to,
                  gpointer      user_data)
{
  const char *message = g_value_get_string (from);

  g_value_set_string (to, message != NULL ? message : "");
  return TRUE;
}

static void
nk_idle_page_show_reader_error (NkIdlePage *self)
{
  if (self->reader != NULL)
    return;

  gtk_widget_remove_css_class (GTK_WIDGET (self->reader_icon), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (self->reader_icon), "warning");
  gtk_widget_add_css_class (GTK_WIDGET (self->reader_icon), "error");
  gtk_image_set_from_icon_name (self->reader_icon, "dialog-error-symbolic");
  gtk_label_set_label (self->reader_label,
                       self->reader_error != NULL ? self->reader_error : _("No card reader"));
}

void
nk_idle_page_set_reader (NkIdlePage *self,
                         NkReader   *reader)
{
  g_return_if_fail (NK_IS_IDLE_PAGE (self));
  g_return_if_fail (reader == NULL || NK_IS_READER (reader));

  if (self->reader == reader)
    return;

  g_clear_pointer (&self->state_binding, g_binding_unbind);
  g_clear_pointer (&self->message_binding, g_binding_unbind);
  g_set_object (&self->reader, reader);

  if (reader != NULL)
    {
      self->state_binding =
        g_object_bind_property_full (reader, "state", self->reader_icon, "icon-name",
                                     G_BINDING_SYNC_CREATE, state_to_icon, NULL, self, NULL);
      self->message_binding =
        g_object_bind_property_full (reader, "message", self->reader_label, "label",
                                     G_BINDING_SYNC_CREATE, message_to_label, NULL, NULL, NULL);
    }
  else
    nk_idle_page_show_reader_error (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READER]);
}

NkReader *
nk_idle_page_get_reader (NkIdlePage *self)
{
  g_return_val_if_fail (NK_IS_IDLE_PAGE (self), NULL);
  return self->reader;
}

void
nk_idle_page_set_reader_error (NkIdlePage *self,
                               const char *message)
{
  g_return_if_fail (NK_IS_IDLE_PAGE (self));

  if (nk_set_str (&self->reader_error, message))
    {
      nk_idle_page_show_reader_error (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READER_ERROR]);
    }
}

void
nk_idle_page_set_time_zone (NkIdlePage *self,
                            GTimeZone  *tz)
{
  g_return_if_fail (NK_IS_IDLE_PAGE (self));

  if (self->tz == tz)
    return;

  g_clear_pointer (&self->tz, g_time_zone_unref);
  self->tz = tz != NULL ? g_time_zone_ref (tz) : NULL;
  nk_idle_page_update_clock (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIME_ZONE]);
}

void
nk_idle_page_set_staff_alert (NkIdlePage *self,
                              gboolean    alert)
{
  g_return_if_fail (NK_IS_IDLE_PAGE (self));

  alert = !!alert;
  if (self->staff_alert == alert)
    return;

  self->staff_alert = alert;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STAFF_ALERT]);
}

gboolean
nk_idle_page_get_staff_alert (NkIdlePage *self)
{
  g_return_val_if_fail (NK_IS_IDLE_PAGE (self), FALSE);
  return self->staff_alert;
}

void
nk_idle_page_set_sync_status (NkIdlePage *self,
                              const char *status)
{
  g_return_if_fail (NK_IS_IDLE_PAGE (self));

  if (nk_set_str (&self->sync_status, status))
    {
      gboolean shown = status != NULL && status[0] != '\0';

      gtk_widget_set_visible (GTK_WIDGET (self->sync_label), shown);
      gtk_widget_set_visible (GTK_WIDGET (self->sync_icon),
                              shown && gtk_image_get_icon_name (self->sync_icon) != NULL);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNC_STATUS]);
    }
}

void
nk_idle_page_set_sync_icon (NkIdlePage *self,
                            const char *icon_name,
                            const char *tone)
{
  GtkWidget *icon;

  g_return_if_fail (NK_IS_IDLE_PAGE (self));

  icon = GTK_WIDGET (self->sync_icon);
  gtk_image_set_from_icon_name (self->sync_icon, icon_name);
  gtk_widget_remove_css_class (icon, "success");
  gtk_widget_remove_css_class (icon, "warning");
  gtk_widget_remove_css_class (icon, "error");
  if (tone != NULL)
    gtk_widget_add_css_class (icon, tone);
  gtk_widget_set_visible (icon, icon_name != NULL &&
                          gtk_widget_get_visible (GTK_WIDGET (self->sync_label)));
}

const char *
nk_idle_page_get_sync_text (NkIdlePage *self)
{
  g_return_val_if_fail (NK_IS_IDLE_PAGE (self), NULL);
  if (!gtk_widget_get_visible (GTK_WIDGET (self->sync_label)))
    return NULL;
  return gtk_label_get_label (self->sync_label);
}

void
nk_idle_page_update_clock (NkIdlePage *self)
{
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *time_text = NULL;
  g_autofree char *date_text = NULL;

  g_return_if_fail (NK_IS_IDLE_PAGE (self));

  now = self->tz != NULL ? g_date_time_new_now (self->tz) : g_date_time_new_now_local ();
  time_text = g_date_time_format (now, "%H:%M");
  /* TRANSLATORS: the date on the idle screen, strftime format (weekday,
   * day, month, year); e.g. "%Y年%-m月%-d日 %A" in Chinese */
  date_text = g_date_time_format (now, _("%A %-d %B %Y"));

  gtk_label_set_label (self->time_label, time_text);
  gtk_label_set_label (self->date_label, date_text != NULL ? date_text : "");
  nk_info_panel_check_time (self->info_panel);
}

void
nk_idle_page_set_door (NkIdlePage *self,
                       NkDoor     *door)
{
  g_return_if_fail (NK_IS_IDLE_PAGE (self));

  if (nk_idle_page_get_door (self) == door)
    return;
  nk_info_panel_set_door (self->info_panel, door);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOOR]);
}

NkDoor *
nk_idle_page_get_door (NkIdlePage *self)
{
  g_return_val_if_fail (NK_IS_IDLE_PAGE (self), NULL);
  return nk_info_panel_get_door (self->info_panel);
}

void
nk_idle_page_set_panel_seconds (NkIdlePage *self,
                                guint       seconds)
{
  g_return_if_fail (NK_IS_IDLE_PAGE (self));

  seconds = MAX (seconds, 1);
  if (self->panel_seconds == seconds)
    return;
  self->panel_seconds = seconds;
  nk_info_panel_set_interval (self->info_panel, seconds * 1000);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PANEL_SECONDS]);
}

NkInfoPanel *
nk_idle_page_get_info_panel (NkIdlePage *self)
{
  g_return_val_if_fail (NK_IS_IDLE_PAGE (self), NULL);
  return self->info_panel;
}

/* Layout: the panel beside the prompt (landscape) or under it. */

static void
place_panel (NkIdlePage *self)
{
  GtkLayoutManager *grid_layout = gtk_widget_get_layout_manager (GTK_WIDGET (self->content_grid));
  GtkLayoutChild *prompt = gtk_layout_manager_get_layout_child (grid_layout, self->prompt_box);
  GtkLayoutChild *panel = gtk_layout_manager_get_layout_child (grid_layout, GTK_WIDGET (self->info_panel));

  gtk_grid_layout_child_set_column_span (GTK_GRID_LAYOUT_CHILD (prompt), self->portrait ? 2 : 1);
  gtk_grid_layout_child_set_column (GTK_GRID_LAYOUT_CHILD (panel), self->portrait ? 0 : 1);
  gtk_grid_layout_child_set_row (GTK_GRID_LAYOUT_CHILD (panel), self->portrait ? 1 : 0);
  gtk_grid_layout_child_set_column_span (GTK_GRID_LAYOUT_CHILD (panel), self->portrait ? 2 : 1);
  gtk_widget_set_vexpand (self->prompt_box, !self->portrait);
}

static gboolean
relayout_cb (gpointer user_data)
{
  NkIdlePage *self = user_data;

  self->layout_id = 0;
  place_panel (self);
  gtk_widget_set_visible (self->tap_image, !self->short_screen);
  return G_SOURCE_REMOVE;
}

static void
schedule_relayout (NkIdlePage *self)
{
  if (self->layout_id == 0)
    self->layout_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, relayout_cb, self, NULL);
}

static GtkSizeRequestMode
nk_idle_page_get_request_mode (GtkWidget *widget)
{
  GtkWidget *child = gtk_widget_get_first_child (widget);

  return child != NULL ? gtk_widget_get_request_mode (child) : GTK_SIZE_REQUEST_CONSTANT_SIZE;
}

static void
nk_idle_page_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  NkIdlePage *self = NK_IDLE_PAGE (widget);
  GtkWidget *child = gtk_widget_get_first_child (widget);

  *minimum = *natural = 0;
  if (child == NULL || !gtk_widget_should_layout (child))
    return;
  /* A height for no width in particular is the height at the natural
   * width, not at the narrowest: a window sized by it (no window manager
   * honouring fullscreen) would else grow taller than the screen. */
  if (orientation == GTK_ORIENTATION_VERTICAL && for_size < 0)
    gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &for_size, NULL, NULL);
  gtk_widget_measure (child, orientation, for_size, minimum, natural, NULL, NULL);
  /* The tap picture is the part of the prompt that can go: the page asks
   * for its height without it, and leaves it out when a banner above (an
   * outbreak, a sleep check overdue) leaves a 1024×600 door too short. */
  if (orientation == GTK_ORIENTATION_VERTICAL && gtk_widget_get_visible (self->tap_image))
    {
      gtk_widget_measure (self->tap_image, GTK_ORIENTATION_VERTICAL, -1, &self->tap_image_height, NULL,
                          NULL, NULL);
      self->tap_image_height += gtk_box_get_spacing (GTK_BOX (self->prompt_box));
      *minimum = MAX (0, *minimum - self->tap_image_height);
    }
}

static void
nk_idle_page_size_allocate (GtkWidget *widget,
                            int        width,
                            int        height,
                            int        baseline)
{
  NkIdlePage *self = NK_IDLE_PAGE (widget);
  GtkWidget *child = gtk_widget_get_first_child (widget);
  gboolean portrait = height > width;

  gboolean short_screen = self->short_screen;

  if (child != NULL && gtk_widget_should_layout (child))
    {
      int needed;

      gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, width, &needed, NULL, NULL, NULL);
      /* with the picture shown, what the child needs; without, that and the picture */
      short_screen = height < needed + (gtk_widget_get_visible (self->tap_image) ? 0 : self->tap_image_height);
      gtk_widget_allocate (child, width, height, baseline, NULL);
    }

  /* moving the panel or the picture inside an allocation would re-enter
   * layout: next */
  if (portrait != self->portrait || short_screen != self->short_screen)
    {
      self->portrait = portrait;
      self->short_screen = short_screen;
      schedule_relayout (self);
    }
}

static gboolean
clock_tick_cb (gpointer user_data)
{
  NkIdlePage *self = user_data;

  self->clock_id = 0;
  nk_idle_page_update_clock (self);
  nk_idle_page_schedule_clock (self);

  return G_SOURCE_REMOVE;
}

/* One shot to just after the next minute starts, re-aligned every time so
 * the clock never drifts. */
static void
nk_idle_page_schedule_clock (NkIdlePage *self)
{
  gint64 now_us = g_get_real_time ();
  gint64 into_minute_ms = (now_us / 1000) % 60000;
  guint delay_ms = (guint) (60000 - into_minute_ms) + 50;

  g_clear_handle_id (&self->clock_id, g_source_remove);
  self->clock_id = g_timeout_add_full (G_PRIORITY_DEFAULT, delay_ms, clock_tick_cb, self, NULL);
  g_source_set_name_by_id (self->clock_id, "[nk] idle clock");
}

static void
nk_idle_page_map (GtkWidget *widget)
{
  NkIdlePage *self = NK_IDLE_PAGE (widget);

  GTK_WIDGET_CLASS (nk_idle_page_parent_class)->map (widget);

  nk_idle_page_update_clock (self);
  nk_idle_page_schedule_clock (self);
}

static void
nk_idle_page_unmap (GtkWidget *widget)
{
  NkIdlePage *self = NK_IDLE_PAGE (widget);

  g_clear_handle_id (&self->clock_id, g_source_remove);

  GTK_WIDGET_CLASS (nk_idle_page_parent_class)->unmap (widget);
}

static void
nk_idle_page_dispose (GObject *object)
{
  NkIdlePage *self = NK_IDLE_PAGE (object);
  GtkWidget *child;

  g_clear_handle_id (&self->clock_id, g_source_remove);
  g_clear_handle_id (&self->layout_id, g_source_remove);
  g_clear_pointer (&self->state_binding, g_binding_unbind);
  g_clear_pointer (&self->message_binding, g_binding_unbind);
  g_clear_object (&self->reader);

  gtk_widget_dispose_template (GTK_WIDGET (object), NK_TYPE_IDLE_PAGE);
  /* the template's top-level box is not bound: unparent it ourselves */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (nk_idle_page_parent_class)->dispose (object);
}

static void
nk_idle_page_finalize (GObject *object)
{
  NkIdlePage *self = NK_IDLE_PAGE (object);

  g_clear_pointer (&self->reader_error, g_free);
  g_clear_pointer (&self->centre_name, g_free);
  g_clear_pointer (&self->sync_status, g_free);
  g_clear_pointer (&self->tz, g_time_zone_unref);

  G_OBJECT_CLASS (nk_idle_page_parent_class)->finalize (object);
}

static void
nk_idle_page_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  NkIdlePage *self = NK_IDLE_PAGE (object);

  switch (prop_id)
    {
    case PROP_READER:
      g_value_set_object (value, self->reader);
      break;
    case PROP_READER_ERROR:
      g_value_set_string (value, self->reader_error);
      break;
    case PROP_CENTRE_NAME:
      g_value_set_string (value, self->centre_name);
      break;
    case PROP_TIME_ZONE:
      g_value_set_boxed (value, self->tz);
      break;
    case PROP_STAFF_ALERT:
      g_value_set_boolean (value, self->staff_alert);
      break;
    case PROP_SYNC_STATUS:
      g_value_set_string (value, self->sync_status);
      break;
    case PROP_DOOR:
      g_value_set_object (value, nk_idle_page_get_door (self));
      break;
    case PROP_PANEL_SECONDS:
      g_value_set_uint (value, self->panel_seconds);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nk_idle_page_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  NkIdlePage *self = NK_IDLE_PAGE (object);

  switch (prop_id)
    {
    case PROP_READER:
      nk_idle_page_set_reader (self, g_value_get_object (value));
      break;
    case PROP_READER_ERROR:
      nk_idle_page_set_reader_error (self, g_value_get_string (value));
      break;
    case PROP_CENTRE_NAME:
      if (nk_set_str (&self->centre_name, g_value_get_string (value)))
        g_object_notify_by_pspec (object, pspec);
      break;
    case PROP_TIME_ZONE:
      nk_idle_page_set_time_zone (self, g_value_get_boxed (value));
      break;
    case PROP_STAFF_ALERT:
      nk_idle_page_set_staff_alert (self, g_value_get_boolean (value));
      break;
    case PROP_SYNC_STATUS:
      nk_idle_page_set_sync_status (self, g_value_get_string (value));
      break;
    case PROP_DOOR:
      nk_idle_page_set_door (self, g_value_get_object (value));
      break;
    case PROP_PANEL_SECONDS:
      nk_idle_page_set_panel_seconds (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nk_idle_page_class_init (NkIdlePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nk_idle_page_dispose;
  object_class->finalize = nk_idle_page_finalize;
  object_class->get_property = nk_idle_page_get_property;
  object_class->set_property = nk_idle_page_set_property;
  widget_class->map = nk_idle_page_map;
  widget_class->unmap = nk_idle_page_unmap;
  widget_class->get_request_mode = nk_idle_page_get_request_mode;
  widget_class->measure = nk_idle_page_measure;
  widget_class->size_allocate = nk_idle_page_size_allocate;

  properties[PROP_READER] =
    g_param_spec_object ("reader", NULL, NULL, NK_TYPE_READER,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_READER_ERROR] =
    g_param_spec_string ("reader-error", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CENTRE_NAME] =
    g_param_spec_string ("centre-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TIME_ZONE] =
    g_param_spec_boxed ("time-zone", NULL, NULL, G_TYPE_TIME_ZONE,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STAFF_ALERT] =
    g_param_spec_boolean ("staff-alert", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SYNC_STATUS] =
    g_param_spec_string ("sync-status", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* what the information panel reads today's menu and the next session from */
  properties[PROP_DOOR] =
    g_param_spec_object ("door", NULL, NULL, NK_TYPE_DOOR,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* kiosk.panel-seconds: how long each of the panel's panes stays */
  properties[PROP_PANEL_SECONDS] =
    g_param_spec_uint ("panel-seconds", NULL, NULL, 1, 3600, NK_INFO_PANEL_DEFAULT_SECONDS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (NK_TYPE_INFO_PANEL);
  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "nk-idle-page.ui");
  gtk_widget_class_bind_template_child (widget_class, NkIdlePage, alert_revealer);
  gtk_widget_class_bind_template_child (widget_class, NkIdlePage, time_label);
  gtk_widget_class_bind_template_child (widget_class, NkIdlePage, date_label);
  gtk_widget_class_bind_template_child (widget_class, NkIdlePage, prompt_label);
  gtk_widget_class_bind_template_child (widget_class, NkIdlePage, prompt_other_label);
  gtk_widget_class_bind_template_child (widget_class, NkIdlePage, reader_icon);
  gtk_widget_class_bind_template_child (widget_class, NkIdlePage, reader_label);
  gtk_widget_class_bind_template_child (widget_class, NkIdlePage, sync_icon);
  gtk_widget_class_bind_template_child (widget_class, NkIdlePage, sync_label);
  gtk_widget_class_bind_template_child (widget_class, NkIdlePage, content_grid);
  gtk_widget_class_bind_template_child (widget_class, NkIdlePage, prompt_box);
  gtk_widget_class_bind_template_child (widget_class, NkIdlePage, tap_image);
  gtk_widget_class_bind_template_child (widget_class, NkIdlePage, info_panel);
  gtk_widget_class_set_css_name (widget_class, "nkidlepage");
}

/* The door greets in both of its languages, Chinese and English: under the
 * prompt in the screen's language comes the prompt in the other one.  These
 * two are fixed on purpose and not translated. */
static const char *
other_language_prompt (void)
{
  static const char english[] = "Please tap your card";

  if (g_strcmp0 (_("Please tap your card"), english) != 0)
    return english;
  return "请刷卡";
}

static void
nk_idle_page_init (NkIdlePage *self)
{
  self->panel_seconds = NK_INFO_PANEL_DEFAULT_SECONDS;
  gtk_widget_init_template (GTK_WIDGET (self));
  nk_a11y_hide_folded (self->alert_revealer);
  gtk_label_set_label (self->prompt_other_label, other_language_prompt ());

  gtk_widget_set_visible (GTK_WIDGET (self->sync_label), FALSE);
  nk_idle_page_show_reader_error (self);
  nk_idle_page_update_clock (self);
}

GtkWidget *
nk_idle_page_new (void)
{
  return g_object_new (NK_TYPE_IDLE_PAGE, NULL);
}

const char *
nk_idle_page_get_reader_text (NkIdlePage *self)
{
  g_return_val_if_fail (NK_IS_IDLE_PAGE (self), NULL);
  return gtk_label_get_label (self->reader_label);
}

const char *
nk_idle_page_get_time_text (NkIdlePage *self)
{
  g_return_val_if_fail (NK_IS_IDLE_PAGE (self), NULL);
  return gtk_label_get_label (self->time_label);
}

const char *
nk_idle_page_get_date_text (NkIdlePage *self)
{
  g_return_val_if_fail (NK_IS_IDLE_PAGE (self), NULL);
  return gtk_label_get_label (self->date_label);
}

const char *
nk_idle_page_get_prompt_text (NkIdlePage *self)
{
  g_return_val_if_fail (NK_IS_IDLE_PAGE (self), NULL);
  return gtk_label_get_label (self->prompt_label);
}
