/* nk-alarm-button.c — the hold-to-raise alarm control (nk-alarm-button.h).
 *
 * The control is a real GtkButton (a screen reader finds a button, named
 * and described; Enter, Space and the screen reader's "click" activate
 * it), whose presses and releases are taken in the capture phase: a
 * finger or a mouse never "clicks" it, it holds it.  While held, a
 * timer reads the clock every HOLD_TICK_MS and fills the bar; at
 * NK_ALARM_BUTTON_HOLD_MS it emits "raise" once.  Activation (no holding
 * possible) opens the confirm popover instead. */
#define G_LOG_DOMAIN "nk-views"

#include "config.h"

#include <glib/gi18n.h>

#include "nk-alarm-button.h"

#define HOLD_TICK_MS 50

struct _NkAlarmButton
{
  GtkWidget parent_instance;

  GtkWidget *button;
  GtkProgressBar *bar;
  GtkWidget *popover;
  NkCentre *centre;
  gint64 hold_started_us;   /* 0: not held */
  guint hold_id;
};

G_DEFINE_FINAL_TYPE (NkAlarmButton, nk_alarm_button, GTK_TYPE_WIDGET)

enum { PROP_0, PROP_CENTRE, N_PROPS };
enum { RAISE, N_SIGNALS };

static GParamSpec *props[N_PROPS];
static guint signals[N_SIGNALS];

static gint64
now_us (NkAlarmButton *self)
{
  return self->centre != NULL ? nk_centre_monotonic (self->centre) : g_get_monotonic_time ();
}

static void
stop_hold (NkAlarmButton *self)
{
  g_clear_handle_id (&self->hold_id, g_source_remove);
  self->hold_started_us = 0;
  gtk_progress_bar_set_fraction (self->bar, 0);
  gtk_widget_remove_css_class (self->button, "nk-alarm-holding");
}

double
nk_alarm_button_get_fraction (NkAlarmButton *self)
{
  g_return_val_if_fail (NK_IS_ALARM_BUTTON (self), 0);
  if (self->hold_started_us == 0)
    return 0;
  return CLAMP ((double) (now_us (self) - self->hold_started_us) / (NK_ALARM_BUTTON_HOLD_MS * 1000.0), 0, 1);
}

static gboolean
on_hold_tick (gpointer data)
{
  NkAlarmButton *self = data;
  double fraction = nk_alarm_button_get_fraction (self);

  gtk_progress_bar_set_fraction (self->bar, fraction);
  if (fraction < 1)
    return G_SOURCE_CONTINUE;
  self->hold_id = 0;
  stop_hold (self);
  g_message ("Alarm control held %d s: raising the alarm", NK_ALARM_BUTTON_HOLD_MS / 1000);
  g_signal_emit (self, signals[RAISE], 0);
  return G_SOURCE_REMOVE;
}

void
nk_alarm_button_begin_hold (NkAlarmButton *self)
{
  g_return_if_fail (NK_IS_ALARM_BUTTON (self));
  if (self->hold_started_us != 0)
    return;
  self->hold_started_us = now_us (self);
  gtk_widget_add_css_class (self->button, "nk-alarm-holding");
  self->hold_id = g_timeout_add (HOLD_TICK_MS, on_hold_tick, self);
}

void
nk_alarm_button_end_hold (NkAlarmButton *self)
{
  g_return_if_fail (NK_IS_ALARM_BUTTON (self));
  if (self->hold_started_us == 0)
    return;
  g_message ("Alarm control let go after %.1f s: no alarm",
             (now_us (self) - self->hold_started_us) / (double) G_USEC_PER_SEC);
  stop_hold (self);
}

gboolean
nk_alarm_button_get_confirm_shown (NkAlarmButton *self)
{
  g_return_val_if_fail (NK_IS_ALARM_BUTTON (self), FALSE);
  return gtk_widget_get_visible (self->popover);
}

void
nk_alarm_button_confirm (NkAlarmButton *self)
{
  g_return_if_fail (NK_IS_ALARM_BUTTON (self));
  gtk_popover_popdown (GTK_POPOVER (self->popover));
  g_message ("Alarm confirmed from the confirm: raising the alarm");
  g_signal_emit (self, signals[RAISE], 0);
}

/* Every press, release and touch of the button, before the button sees
 * it (capture phase), and kept from it: a finger or a mouse holds the
 * control, never clicks it.  (A GtkGestureDrag missed every other press
 * of a mouse here: a press soon after a release was taken for the second
 * of a double click.) */
static gboolean
on_pointer_event (NkAlarmButton *self, GdkEvent *event, GtkEventController *controller)
{
  switch (gdk_event_get_event_type (event))
    {
    case GDK_BUTTON_PRESS:
      if (gdk_button_event_get_button (event) != GDK_BUTTON_PRIMARY)
        return GDK_EVENT_PROPAGATE;
      G_GNUC_FALLTHROUGH;
    case GDK_TOUCH_BEGIN:
      nk_alarm_button_begin_hold (self);
      return GDK_EVENT_STOP;
    case GDK_BUTTON_RELEASE:
    case GDK_TOUCH_END:
    case GDK_TOUCH_CANCEL:
    case GDK_GRAB_BROKEN:
      nk_alarm_button_end_hold (self);
      return GDK_EVENT_STOP;
    case GDK_MOTION_NOTIFY:
    case GDK_TOUCH_UPDATE:
      return self->hold_started_us != 0 ? GDK_EVENT_STOP : GDK_EVENT_PROPAGATE;
    case GDK_DELETE:
    case GDK_ENTER_NOTIFY:
    case GDK_LEAVE_NOTIFY:
    case GDK_FOCUS_CHANGE:
    case GDK_KEY_PRESS:
    case GDK_KEY_RELEASE:
    case GDK_SCROLL:
    case GDK_PROXIMITY_IN:
    case GDK_PROXIMITY_OUT:
    case GDK_DRAG_ENTER:
    case GDK_DRAG_LEAVE:
    case GDK_DRAG_MOTION:
    case GDK_DROP_START:
    case GDK_TOUCHPAD_SWIPE:
    case GDK_TOUCHPAD_PINCH:
    case GDK_PAD_BUTTON_PRESS:
    case GDK_PAD_BUTTON_RELEASE:
    case GDK_PAD_RING:
    case GDK_PAD_STRIP:
    case GDK_PAD_GROUP_MODE:
    case GDK_TOUCHPAD_HOLD:
    case GDK_EVENT_LAST:
    default:
      return GDK_EVENT_PROPAGATE;
    }
}

/* Enter, Space, a screen reader's click: no holding possible. */
static void
on_clicked (NkAlarmButton *self)
{
  gtk_popover_popup (GTK_POPOVER (self->popover));
}

static void
on_confirm_clicked (NkAlarmButton *self)
{
  nk_alarm_button_confirm (self);
}

static void
on_cancel_clicked (NkAlarmButton *self)
{
  gtk_popover_popdown (GTK_POPOVER (self->popover));
}

static GtkWidget *
big_button (const char *label, const char *description)
{
  GtkWidget *button = gtk_button_new_with_label (label);

  gtk_widget_add_css_class (button, "nk-big-button");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, description, -1);
  return button;
}

static GtkWidget *
make_popover (NkAlarmButton *self)
{
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *question, *yes, *no;

  /* TRANSLATORS: the alarm's confirm, for a keyboard or screen reader: 立即报警？所有门口都会响起警报 */
  question = gtk_label_new (_("Raise the alarm now? Every door will sound the siren."));
  gtk_label_set_wrap (GTK_LABEL (question), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (question), 30);
  gtk_widget_add_css_class (question, "nk-alarm-question");
  yes = big_button (_("Raise the alarm"), _("Raise the alarm now: every door sounds the siren"));
  gtk_widget_add_css_class (yes, "destructive-action");
  no = big_button (_("Cancel"), _("Cancel: no alarm is raised"));
  g_signal_connect_object (yes, "clicked", G_CALLBACK (on_confirm_clicked), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (no, "clicked", G_CALLBACK (on_cancel_clicked), self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (row), yes);
  gtk_box_append (GTK_BOX (row), no);
  gtk_box_append (GTK_BOX (box), question);
  gtk_box_append (GTK_BOX (box), row);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_widget_set_parent (popover, GTK_WIDGET (self));
  return popover;
}

static void
nk_alarm_button_init (NkAlarmButton *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *label;
  GtkEventController *pointer;

  /* TRANSLATORS: the alarm control's face (short: it sits in the staff header), 报警 */
  label = gtk_label_new (_("Alarm"));
  gtk_widget_add_css_class (label, "nk-alarm-label");
  gtk_box_append (GTK_BOX (box), label);
  /* TRANSLATORS: under "Alarm" on its control: how to use it, 按住3秒 */
  label = gtk_label_new (_("Hold 3 s"));
  gtk_widget_add_css_class (label, "nk-alarm-hint");
  gtk_box_append (GTK_BOX (box), label);
  self->bar = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->bar), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("How long the alarm control was held"), -1);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->bar));

  self->button = gtk_button_new ();
  gtk_button_set_child (GTK_BUTTON (self->button), box);
  gtk_widget_add_css_class (self->button, "nk-alarm-button");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button),
                                  /* TRANSLATORS: what a screen reader calls the alarm control, 一键报警 */
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("One-key alarm"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _("Hold 3 seconds to raise the alarm"),
                                  -1);
  gtk_widget_set_tooltip_text (self->button, _("Hold 3 seconds to raise the alarm"));
  gtk_widget_set_parent (self->button, GTK_WIDGET (self));
  g_signal_connect_object (self->button, "clicked", G_CALLBACK (on_clicked), self, G_CONNECT_SWAPPED);

  pointer = gtk_event_controller_legacy_new ();
  gtk_event_controller_set_propagation_phase (pointer, GTK_PHASE_CAPTURE);
  g_signal_connect_object (pointer, "event", G_CALLBACK (on_pointer_event), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (self->button, pointer);

  self->popover = make_popover (self);
}

static void
nk_alarm_button_measure (GtkWidget *widget, GtkOrientation orientation, int for_size, int *minimum,
                         int *natural, int *minimum_baseline, int *natural_baseline)
{
  NkAlarmButton *self = NK_ALARM_BUTTON (widget);

  gtk_widget_measure (self->button, orientation, for_size, minimum, natural, minimum_baseline,
                      natural_baseline);
}

static void
nk_alarm_button_size_allocate (GtkWidget *widget, int width, int height, int baseline)
{
  NkAlarmButton *self = NK_ALARM_BUTTON (widget);

  gtk_widget_size_allocate (self->button, &(GtkAllocation) { 0, 0, width, height }, baseline);
  gtk_popover_present (GTK_POPOVER (self->popover));
}

static gboolean
nk_alarm_button_focus (GtkWidget *widget, GtkDirectionType direction)
{
  return gtk_widget_child_focus (NK_ALARM_BUTTON (widget)->button, direction);
}

static gboolean
nk_alarm_button_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (NK_ALARM_BUTTON (widget)->button);
}

static void
nk_alarm_button_unmap (GtkWidget *widget)
{
  NkAlarmButton *self = NK_ALARM_BUTTON (widget);

  /* a screen gone (staff mode locked) is a finger let go */
  stop_hold (self);
  gtk_popover_popdown (GTK_POPOVER (self->popover));
  GTK_WIDGET_CLASS (nk_alarm_button_parent_class)->unmap (widget);
}

void
nk_alarm_button_set_centre (NkAlarmButton *self, NkCentre *centre)
{
  g_return_if_fail (NK_IS_ALARM_BUTTON (self));
  if (g_set_object (&self->centre, centre))
    {
      stop_hold (self);
      g_object_notify_by_pspec (G_OBJECT (self), props[PROP_CENTRE]);
    }
}

static void
nk_alarm_button_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  NkAlarmButton *self = NK_ALARM_BUTTON (object);

  switch (prop_id)
    {
    case PROP_CENTRE:
      g_value_set_object (value, self->centre);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nk_alarm_button_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  NkAlarmButton *self = NK_ALARM_BUTTON (object);

  switch (prop_id)
    {
    case PROP_CENTRE:
      nk_alarm_button_set_centre (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nk_alarm_button_dispose (GObject *object)
{
  NkAlarmButton *self = NK_ALARM_BUTTON (object);

  g_clear_handle_id (&self->hold_id, g_source_remove);
  g_clear_pointer (&self->popover, gtk_widget_unparent);
  g_clear_pointer (&self->button, gtk_widget_unparent);
  g_clear_object (&self->centre);
  G_OBJECT_CLASS (nk_alarm_button_parent_class)->dispose (object);
}

static void
nk_alarm_button_class_init (NkAlarmButtonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nk_alarm_button_dispose;
  object_class->get_property = nk_alarm_button_get_property;
  object_class->set_property = nk_alarm_button_set_property;
  widget_class->measure = nk_alarm_button_measure;
  widget_class->size_allocate = nk_alarm_button_size_allocate;
  widget_class->focus = nk_alarm_button_focus;
  widget_class->grab_focus = nk_alarm_button_grab_focus;
  widget_class->unmap = nk_alarm_button_unmap;

  props[PROP_CENTRE] = g_param_spec_object ("centre", NULL, NULL, NK_TYPE_CENTRE,
                                            G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, props);

  signals[RAISE] = g_signal_new ("raise", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 0);
  gtk_widget_class_set_css_name (widget_class, "nkalarmbutton");
}

GtkWidget *
nk_alarm_button_new (NkCentre *centre)
{
  return g_object_new (NK_TYPE_ALARM_BUTTON, "centre", centre, NULL);
}
