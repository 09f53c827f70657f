/* nk-pin-page.c — the staff PIN pad.
 *
 * The sixth digit sends the PIN to the core's checker, which hashes in a
 * worker thread; the pad waits ("Checking…") with its keys off, and the
 * door keeps answering cards meanwhile.  The answer is always finished
 * (so a wrong try counts towards the lock even when a card tap took the
 * screen in between), but shown only while the same entry is on screen:
 * each reset moves a generation counter on. */
#define G_LOG_DOMAIN "nk-views"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "nk-pin-page.h"

struct _NkPinPage
{
  GtkWidget parent_instance;

  GtkLabel *dots_label;
  GtkLabel *message_label;

  NkDoor *door;
  char digits[NK_STAFF_PIN_LENGTH + 1];
  guint n_digits;
  guint idle_seconds;
  guint idle_id;
  guint lock_id;
  guint generation;
  gboolean checking;
  gboolean locked;
};

G_DEFINE_FINAL_TYPE (NkPinPage, nk_pin_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DOOR,
  PROP_IDLE_SECONDS,
  N_PROPS
};

enum {
  SIGNAL_OPENED,
  SIGNAL_CANCELLED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void nk_pin_page_show_lock (NkPinPage *self, gint64 left_us);

/* ---------------------------------------------------------------- showing */

static void
update_keys (NkPinPage *self)
{
  gboolean typing = !self->checking && !self->locked && self->door != NULL;
  g_autoptr(GString) dots = g_string_new (NULL);
  /* TRANSLATORS: what a screen reader says of the PIN dots */
  g_autofree char *spoken = g_strdup_printf (_("%u of 6 digits entered"), self->n_digits);

  for (guint i = 0; i < NK_STAFF_PIN_LENGTH; i++)
    g_string_append (dots, i < self->n_digits ? "●" : "○");
  gtk_label_set_label (self->dots_label, dots->str);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->dots_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pin.digit",
                                 typing && self->n_digits < NK_STAFF_PIN_LENGTH);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pin.delete", typing && self->n_digits > 0);
}

static void
set_message (NkPinPage  *self,
             const char *text,
             gboolean    problem)
{
  gtk_label_set_label (self->message_label, text);
  if (problem)
    gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "nk-pin-problem");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->message_label), "nk-pin-problem");
}

static void
forget_digits (NkPinPage *self)
{
  memset (self->digits, 0, sizeof self->digits);
  self->n_digits = 0;
}

/* ---------------------------------------------------------------- timers */

static gboolean
idle_timeout_cb (gpointer user_data)
{
  NkPinPage *self = user_data;

  self->idle_id = 0;
  g_message ("PIN pad left untouched for %u s: back to the door", self->idle_seconds);
  nk_pin_page_reset (self);
  g_signal_emit (self, signals[SIGNAL_CANCELLED], 0);
  return G_SOURCE_REMOVE;
}

static void
restart_idle (NkPinPage *self)
{
  g_clear_handle_id (&self->idle_id, g_source_remove);
  self->idle_id = g_timeout_add_seconds_full (G_PRIORITY_DEFAULT, MAX (self->idle_seconds, 1),
                                              idle_timeout_cb, self, NULL);
  g_source_set_name_by_id (self->idle_id, "[nk] PIN pad idle");
}

static gboolean
on_any_event (NkPinPage *self,
              GdkEvent  *event)
{
  GdkEventType type = gdk_event_get_event_type (event);

  if (self->idle_id != 0 && (type == GDK_BUTTON_PRESS || type == GDK_TOUCH_BEGIN ||
                             type == GDK_KEY_PRESS))
    restart_idle (self);
  return GDK_EVENT_PROPAGATE;
}

/* Reads the lock again: the minutes left, or the pad open again. */
static void
refresh_lock (NkPinPage *self)
{
  g_autoptr(GError) error = NULL;
  gint64 left = 0;

  g_clear_handle_id (&self->lock_id, g_source_remove);
  self->locked = FALSE;
  if (self->door == NULL)
    return;
  if (!nk_staff_pin_locked_for (nk_door_get_staff_pin (self->door), &left, &error))
    {
      g_message ("The PIN lock could not be read: %s", error->message);
      /* TRANSLATORS: %s says why (a database error) */
      g_autofree char *text = g_strdup_printf (_("The PIN pad cannot be used now (%s). Please use "
                                                 "your staff card."), error->message);
      self->locked = TRUE;
      set_message (self, text, TRUE);
      return;
    }
  if (left > 0)
    nk_pin_page_show_lock (self, left);
  else
    set_message (self, _("Enter your 6-digit PIN"), FALSE);
}

static gboolean
lock_tick_cb (gpointer user_data)
{
  NkPinPage *self = user_data;

  self->lock_id = 0;
  refresh_lock (self);
  update_keys (self);
  return G_SOURCE_REMOVE;
}

static void
nk_pin_page_show_lock (NkPinPage *self,
                       gint64     left_us)
{
  gint64 minute = 60 * G_USEC_PER_SEC;
  int minutes = (int) ((left_us + minute - 1) / minute);
  g_autofree char *text = NULL;

  self->locked = TRUE;
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Too many wrong PINs: PIN entry is locked. Try again in %d minute, or use your staff card.",
                                       "Too many wrong PINs: PIN entry is locked. Try again in %d minutes, or use your staff card.",
                                       minutes),
                          minutes);
  set_message (self, text, TRUE);
  /* the minutes count down on screen */
  g_clear_handle_id (&self->lock_id, g_source_remove);
  self->lock_id = g_timeout_add_seconds_full (G_PRIORITY_DEFAULT, 10, lock_tick_cb, self, NULL);
  g_source_set_name_by_id (self->lock_id, "[nk] PIN lock minutes");
}

/* ---------------------------------------------------------------- a try */

typedef struct {
  NkPinPage *self;
  guint      generation;
} Try;

static void
show_answer (NkPinPage   *self,
             NkPinAnswer *answer,
             GError      *error)
{
  g_autofree char *text = NULL;

  if (answer == NULL)
    {
      g_message ("Staff PIN not checked: %s", error->message);
      /* TRANSLATORS: %s says why (a database error) */
      text = g_strdup_printf (_("The PIN could not be checked: %s"), error->message);
      set_message (self, text, TRUE);
      return;
    }
  switch (answer->outcome)
    {
    case NK_PIN_RIGHT:
      g_signal_emit (self, signals[SIGNAL_OPENED], 0, answer->staff_id);
      return;
    case NK_PIN_WRONG:
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Wrong PIN. %u more try before PIN entry locks for 5 minutes.",
                                           "Wrong PIN. %u more tries before PIN entry locks for 5 minutes.",
                                           answer->tries_left),
                              answer->tries_left);
      set_message (self, text, TRUE);
      return;
    case NK_PIN_LOCKED:
    default:
      nk_pin_page_show_lock (self, answer->locked_for_us);
      return;
    }
}

static void
on_verified (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Try *try = user_data;
  NkPinPage *self = try->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(NkPinAnswer) answer = nk_staff_pin_verify_finish (NK_STAFF_PIN (source), result, &error);

  if (try->generation == self->generation)
    {
      self->checking = FALSE;
      forget_digits (self);
      show_answer (self, answer, error);
      update_keys (self);
      if (self->idle_id != 0)
        restart_idle (self);
    }
  g_object_unref (self);
  g_free (try);
}

static void
submit (NkPinPage *self)
{
  Try *try = g_new0 (Try, 1);

  try->self = g_object_ref (self);
  try->generation = self->generation;
  self->checking = TRUE;
  set_message (self, _("Checking…"), FALSE);
  update_keys (self);
  nk_staff_pin_verify_async (nk_door_get_staff_pin (self->door), self->digits, on_verified, try);
  /* the checker has its own copy; the dots stay full until it answers */
  memset (self->digits, 0, sizeof self->digits);
}

void
nk_pin_page_press_digit (NkPinPage *self,
                         char       digit)
{
  g_return_if_fail (NK_IS_PIN_PAGE (self));
  g_return_if_fail (g_ascii_isdigit (digit));

  if (self->checking || self->locked || self->door == NULL || self->n_digits >= NK_STAFF_PIN_LENGTH)
    return;
  self->digits[self->n_digits++] = digit;
  update_keys (self);
  if (self->n_digits == NK_STAFF_PIN_LENGTH)
    submit (self);
}

static void
delete_digit (NkPinPage *self)
{
  if (self->checking || self->n_digits == 0)
    return;
  self->digits[--self->n_digits] = '\0';
  update_keys (self);
}

static void
cancel (NkPinPage *self)
{
  g_message ("PIN entry cancelled");
  nk_pin_page_reset (self);
  g_signal_emit (self, signals[SIGNAL_CANCELLED], 0);
}

/* ---------------------------------------------------------------- input */

static void
action_digit (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  const char *digit = g_variant_get_string (parameter, NULL);

  if (g_ascii_isdigit (digit[0]) && digit[1] == '\0')
    nk_pin_page_press_digit (NK_PIN_PAGE (widget), digit[0]);
}

static void
action_delete (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  delete_digit (NK_PIN_PAGE (widget));
}

static void
action_cancel (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  cancel (NK_PIN_PAGE (widget));
}

/* A keyboard works too: digits (main row or keypad), Backspace, Escape. */
static gboolean
on_key_pressed (NkPinPage       *self,
                guint            keyval,
                guint            keycode,
                GdkModifierType  state,
                GtkEventControllerKey *controller)
{
  if (keyval >= GDK_KEY_0 && keyval <= GDK_KEY_9)
    nk_pin_page_press_digit (self, (char) ('0' + keyval - GDK_KEY_0));
  else if (keyval >= GDK_KEY_KP_0 && keyval <= GDK_KEY_KP_9)
    nk_pin_page_press_digit (self, (char) ('0' + keyval - GDK_KEY_KP_0));
  else if (keyval == GDK_KEY_BackSpace || keyval == GDK_KEY_Delete)
    delete_digit (self);
  else if (keyval == GDK_KEY_Escape)
    cancel (self);
  else
    return GDK_EVENT_PROPAGATE;
  return GDK_EVENT_STOP;
}

/* ---------------------------------------------------------------- open, reset */

void
nk_pin_page_open (NkPinPage *self)
{
  g_return_if_fail (NK_IS_PIN_PAGE (self));

  nk_pin_page_reset (self);
  refresh_lock (self);
  update_keys (self);
  restart_idle (self);
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

void
nk_pin_page_reset (NkPinPage *self)
{
  g_return_if_fail (NK_IS_PIN_PAGE (self));

  self->generation++;
  self->checking = FALSE;
  self->locked = FALSE;
  forget_digits (self);
  g_clear_handle_id (&self->idle_id, g_source_remove);
  g_clear_handle_id (&self->lock_id, g_source_remove);
  set_message (self, _("Enter your 6-digit PIN"), FALSE);
  update_keys (self);
}

guint
nk_pin_page_get_n_digits (NkPinPage *self)
{
  g_return_val_if_fail (NK_IS_PIN_PAGE (self), 0);
  return self->n_digits;
}

const char *
nk_pin_page_get_message (NkPinPage *self)
{
  g_return_val_if_fail (NK_IS_PIN_PAGE (self), NULL);
  return gtk_label_get_label (self->message_label);
}

gboolean
nk_pin_page_get_locked (NkPinPage *self)
{
  g_return_val_if_fail (NK_IS_PIN_PAGE (self), FALSE);
  return self->locked;
}

gboolean
nk_pin_page_get_checking (NkPinPage *self)
{
  g_return_val_if_fail (NK_IS_PIN_PAGE (self), FALSE);
  return self->checking;
}

/* ---------------------------------------------------------------- GObject */

static void
nk_pin_page_dispose (GObject *object)
{
  NkPinPage *self = NK_PIN_PAGE (object);
  GtkWidget *child;

  g_clear_handle_id (&self->idle_id, g_source_remove);
  g_clear_handle_id (&self->lock_id, g_source_remove);
  g_clear_object (&self->door);
  forget_digits (self);
  gtk_widget_dispose_template (GTK_WIDGET (object), NK_TYPE_PIN_PAGE);
  /* the template's top-level box is not bound: unparent it ourselves */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (nk_pin_page_parent_class)->dispose (object);
}

static void
nk_pin_page_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  NkPinPage *self = NK_PIN_PAGE (object);

  switch (prop_id)
    {
    case PROP_DOOR:
      g_value_set_object (value, self->door);
      break;
    case PROP_IDLE_SECONDS:
      g_value_set_uint (value, self->idle_seconds);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nk_pin_page_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  NkPinPage *self = NK_PIN_PAGE (object);

  switch (prop_id)
    {
    case PROP_DOOR:
      if (g_set_object (&self->door, g_value_get_object (value)))
        {
          nk_pin_page_reset (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_IDLE_SECONDS:
      self->idle_seconds = g_value_get_uint (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nk_pin_page_class_init (NkPinPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nk_pin_page_dispose;
  object_class->get_property = nk_pin_page_get_property;
  object_class->set_property = nk_pin_page_set_property;

  properties[PROP_DOOR] =
    g_param_spec_object ("door", NULL, NULL, NK_TYPE_DOOR,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_IDLE_SECONDS] =
    g_param_spec_uint ("idle-seconds", NULL, NULL, 1, 3600, 20,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_OPENED] =
    g_signal_new ("opened", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[SIGNAL_CANCELLED] =
    g_signal_new ("cancelled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "pin.digit", "s", action_digit);
  gtk_widget_class_install_action (widget_class, "pin.delete", NULL, action_delete);
  gtk_widget_class_install_action (widget_class, "pin.cancel", NULL, action_cancel);

  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "nk-pin-page.ui");
  gtk_widget_class_bind_template_child (widget_class, NkPinPage, dots_label);
  gtk_widget_class_bind_template_child (widget_class, NkPinPage, message_label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "nkpinpage");
}

static void
nk_pin_page_init (NkPinPage *self)
{
  GtkEventController *legacy;
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->idle_seconds = 20;
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);

  legacy = gtk_event_controller_legacy_new ();
  gtk_event_controller_set_propagation_phase (legacy, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (legacy, "event", G_CALLBACK (on_any_event), self);
  gtk_widget_add_controller (GTK_WIDGET (self), legacy);

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  nk_pin_page_reset (self);
}

GtkWidget *
nk_pin_page_new (void)
{
  return g_object_new (NK_TYPE_PIN_PAGE, NULL);
}
