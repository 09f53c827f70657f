/* nk-reader.c — the card reader base class: state, message, and the hop
 * from a backend's thread to the main context for every tap and state. */
#define G_LOG_DOMAIN "nk-reader"

#include "config.h"

#include <glib/gi18n.h>
#include <gio/gio.h>
#include <string.h>

#include "nk-reader.h"
#include "nk-reader-private.h"
#include "nk-reader-sim.h"
#include "nk-reader-nfc.h"
#include "nk-reader-wedge.h"

typedef struct {
  GMainContext  *context;       /* thread-default when created */
  GThread       *owner;         /* the thread that created the reader */
  NkReaderState  state;
  char          *message;
  char          *kind;
  NkUidOptions   uid_options;
  gboolean       started;
  /* Bumped by every stop: a state or tap queued by a thread of an earlier
   * run is dropped instead of undoing "stopped".  Atomic. */
  gint           generation;
} NkReaderPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (NkReader, nk_reader, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (NkReaderState, nk_reader_state,
  G_DEFINE_ENUM_VALUE (NK_READER_STATE_STOPPED, "stopped"),
  G_DEFINE_ENUM_VALUE (NK_READER_STATE_CONNECTING, "connecting"),
  G_DEFINE_ENUM_VALUE (NK_READER_STATE_READY, "ready"),
  G_DEFINE_ENUM_VALUE (NK_READER_STATE_DISCONNECTED, "disconnected"),
  G_DEFINE_ENUM_VALUE (NK_READER_STATE_FAILED, "failed"))

enum {
  PROP_0,
  PROP_STATE,
  PROP_MESSAGE,
  PROP_KIND,
  N_PROPS
};

enum {
  SIGNAL_CARD_TAPPED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* What to say for a state when the backend gave no words of its own. */
static const char *
default_message (NkReaderState state)
{
  switch (state)
    {
    case NK_READER_STATE_STOPPED:
      return _("Card reader stopped");
    case NK_READER_STATE_CONNECTING:
      return _("Connecting to the card reader…");
    case NK_READER_STATE_READY:
      return _("Card reader ready");
    case NK_READER_STATE_DISCONNECTED:
      return _("Card reader not connected — retrying");
    case NK_READER_STATE_FAILED:
      return _("Card reader not working");
    default:
      g_return_val_if_reached ("");
    }
}

/* Main context only. */
static void
apply_state (NkReader      *self,
             NkReaderState  state,
             const char    *message)
{
  NkReaderPrivate *priv = nk_reader_get_instance_private (self);
  const char *text = (message != NULL && *message != '\0') ? message : default_message (state);
  gboolean state_changed = priv->state != state;
  gboolean message_changed = g_strcmp0 (priv->message, text) != 0;

  if (state_changed)
    priv->state = state;
  if (message_changed)
    {
      g_free (priv->message);
      priv->message = g_strdup (text);
    }

  if (state_changed || message_changed)
    {
      /* Ready, gone and failed are events a technician looks for in the
       * journal; "connecting" repeats on every retry. */
      if (state != NK_READER_STATE_CONNECTING)
        g_message ("%s reader: %s", priv->kind, text);
      else
        g_debug ("%s reader: %s", priv->kind, text);
    }

  if (state_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
  if (message_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
}

static void
nk_reader_dispose (GObject *object)
{
  NkReader *self = NK_READER (object);

  nk_reader_stop (self);

  G_OBJECT_CLASS (nk_reader_parent_class)->dispose (object);
}

static void
nk_reader_finalize (GObject *object)
{
  NkReader *self = NK_READER (object);
  NkReaderPrivate *priv = nk_reader_get_instance_private (self);

  g_clear_pointer (&priv->context, g_main_context_unref);
  g_clear_pointer (&priv->message, g_free);
  g_clear_pointer (&priv->kind, g_free);

  G_OBJECT_CLASS (nk_reader_parent_class)->finalize (object);
}

static void
nk_reader_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  NkReader *self = NK_READER (object);
  NkReaderPrivate *priv = nk_reader_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, priv->state);
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, priv->message);
      break;
    case PROP_KIND:
      g_value_set_string (value, priv->kind);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nk_reader_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  NkReader *self = NK_READER (object);
  NkReaderPrivate *priv = nk_reader_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_KIND:
      g_free (priv->kind);
      priv->kind = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nk_reader_class_init (NkReaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = nk_reader_dispose;
  object_class->finalize = nk_reader_finalize;
  object_class->get_property = nk_reader_get_property;
  object_class->set_property = nk_reader_set_property;

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       NK_TYPE_READER_STATE, NK_READER_STATE_STOPPED,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] =
    g_param_spec_string ("kind", NULL, NULL,
                         "none",
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* card-tapped (const char *uid): on the reader's main context, uid
   * normalised (or the raw text trimmed when it is no UID at all). */
  signals[SIGNAL_CARD_TAPPED] =
    g_signal_new ("card-tapped",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
nk_reader_init (NkReader *self)
{
  NkReaderPrivate *priv = nk_reader_get_instance_private (self);

  priv->context = g_main_context_ref_thread_default ();
  priv->owner = g_thread_self ();
  priv->state = NK_READER_STATE_STOPPED;
  priv->message = g_strdup (default_message (NK_READER_STATE_STOPPED));
  priv->uid_options.format = NK_UID_FORMAT_HEX;
  priv->uid_options.reversed = FALSE;
}

/* The part of a spec after "kind:", or NULL when there is no colon. */
static gboolean
spec_has_kind (const char  *spec,
               const char  *kind,
               const char **rest)
{
  gsize len = strlen (kind);

  if (g_ascii_strncasecmp (spec, kind, len) != 0)
    return FALSE;
  if (spec[len] == '\0')
    {
      *rest = NULL;
      return TRUE;
    }
  if (spec[len] == ':')
    {
      *rest = spec + len + 1;
      return TRUE;
    }
  return FALSE;
}

NkReader *
nk_reader_new_for_spec (const char          *spec,
                        const NkUidOptions  *uid_options,
                        GError             **error)
{
  g_autofree char *text = g_strstrip (g_strdup (spec != NULL ? spec : ""));
  const char *rest = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (*text == '\0')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("No card reader is configured; use “sim”, “nfc”, “nfc:CONNECTION”, “wedge” or “wedge:/dev/input/eventN”"));
      return NULL;
    }

  if (spec_has_kind (text, "sim", &rest))
    {
      if (rest != NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("The simulated card reader takes no device: “%s”"), text);
          return NULL;
        }
      return NK_READER (nk_reader_sim_new (uid_options));
    }

  if (spec_has_kind (text, "nfc", &rest))
    {
      if (rest != NULL && *rest == '\0')
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("“%s” names no NFC reader; write “nfc” or “nfc:CONNECTION”, for example “nfc:pn532_uart:/dev/ttyUSB0”"),
                       text);
          return NULL;
        }
      if (rest != NULL && strlen (rest) >= NK_READER_NFC_CONNSTRING_MAX)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("The NFC connection string in “%s” is too long"), text);
          return NULL;
        }
      return NK_READER (nk_reader_nfc_new (rest));
    }

  if (spec_has_kind (text, "wedge", &rest))
    {
      if (rest != NULL && !g_path_is_absolute (rest))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("The keyboard card reader in “%s” must be an absolute device path, for example “wedge:/dev/input/event3”"),
                       text);
          return NULL;
        }
      return NK_READER (nk_reader_wedge_new (rest, uid_options));
    }

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
               _("Unknown card reader “%s”; use “sim”, “nfc”, “nfc:CONNECTION”, “wedge” or “wedge:/dev/input/eventN”"),
               text);
  return NULL;
}

gboolean
nk_reader_start (NkReader  *self,
                 GError   **error)
{
  NkReaderPrivate *priv = nk_reader_get_instance_private (self);
  NkReaderClass *klass;

  g_return_val_if_fail (NK_IS_READER (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (priv->started)
    return TRUE;

  klass = NK_READER_GET_CLASS (self);
  g_return_val_if_fail (klass->start != NULL, FALSE);

  apply_state (self, NK_READER_STATE_CONNECTING, NULL);
  priv->started = TRUE;
  if (!klass->start (self, error))
    {
      priv->started = FALSE;
      if (klass->stop != NULL)
        klass->stop (self);
      g_atomic_int_inc (&priv->generation);
      apply_state (self, NK_READER_STATE_FAILED,
                   (error != NULL && *error != NULL) ? (*error)->message : NULL);
      return FALSE;
    }

  return TRUE;
}

void
nk_reader_stop (NkReader *self)
{
  NkReaderPrivate *priv = nk_reader_get_instance_private (self);
  NkReaderClass *klass;

  g_return_if_fail (NK_IS_READER (self));

  if (!priv->started)
    return;

  klass = NK_READER_GET_CLASS (self);
  if (klass->stop != NULL)
    klass->stop (self);
  priv->started = FALSE;
  g_atomic_int_inc (&priv->generation);
  apply_state (self, NK_READER_STATE_STOPPED, NULL);
}

NkReaderState
nk_reader_get_state (NkReader *self)
{
  NkReaderPrivate *priv = nk_reader_get_instance_private (self);

  g_return_val_if_fail (NK_IS_READER (self), NK_READER_STATE_FAILED);

  return priv->state;
}

const char *
nk_reader_get_message (NkReader *self)
{
  NkReaderPrivate *priv = nk_reader_get_instance_private (self);

  g_return_val_if_fail (NK_IS_READER (self), NULL);

  return priv->message;
}

const char *
nk_reader_get_kind (NkReader *self)
{
  NkReaderPrivate *priv = nk_reader_get_instance_private (self);

  g_return_val_if_fail (NK_IS_READER (self), NULL);

  return priv->kind;
}

void
nk_reader_set_uid_options (NkReader           *self,
                           const NkUidOptions *options)
{
  NkReaderPrivate *priv = nk_reader_get_instance_private (self);

  g_return_if_fail (NK_IS_READER (self));

  if (options != NULL)
    priv->uid_options = *options;
  else
    {
      priv->uid_options.format = NK_UID_FORMAT_HEX;
      priv->uid_options.reversed = FALSE;
    }
}

const NkUidOptions *
nk_reader_get_uid_options (NkReader *self)
{
  NkReaderPrivate *priv = nk_reader_get_instance_private (self);

  g_return_val_if_fail (NK_IS_READER (self), NULL);

  return &priv->uid_options;
}

GMainContext *
nk_reader_get_context (NkReader *self)
{
  NkReaderPrivate *priv = nk_reader_get_instance_private (self);

  g_return_val_if_fail (NK_IS_READER (self), NULL);

  return priv->context;
}

/* One tap or one state change on its way to the main context. */
typedef struct {
  NkReader      *reader;      /* owned */
  gint           generation;
  gboolean       is_tap;
  char          *uid;         /* tap */
  NkReaderState  state;       /* state */
  char          *message;     /* state */
} NkReaderEvent;

static void
nk_reader_event_free (gpointer data)
{
  NkReaderEvent *event = data;

  g_object_unref (event->reader);
  g_free (event->uid);
  g_free (event->message);
  g_free (event);
}

static gboolean
nk_reader_event_dispatch (gpointer data)
{
  NkReaderEvent *event = data;
  NkReaderPrivate *priv = nk_reader_get_instance_private (event->reader);

  if (event->generation != g_atomic_int_get (&priv->generation) || !priv->started)
    return G_SOURCE_REMOVE;

  if (event->is_tap)
    g_signal_emit (event->reader, signals[SIGNAL_CARD_TAPPED], 0, event->uid);
  else
    apply_state (event->reader, event->state, event->message);

  return G_SOURCE_REMOVE;
}

static void
nk_reader_post (NkReader      *self,
                NkReaderEvent *event)
{
  NkReaderPrivate *priv = nk_reader_get_instance_private (self);
  g_autoptr(GSource) source = g_idle_source_new ();

  event->reader = g_object_ref (self);
  event->generation = g_atomic_int_get (&priv->generation);

  /* Default priority: a tap goes before redraws and idle work. */
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, nk_reader_event_dispatch, event, nk_reader_event_free);
  g_source_set_static_name (source, "[nk] reader event");
  g_source_attach (source, priv->context);
}

void
nk_reader_deliver (NkReader   *self,
                   const char *raw)
{
  NkReaderPrivate *priv = nk_reader_get_instance_private (self);
  g_autoptr(GError) error = NULL;
  NkReaderEvent *event;
  char *uid;

  g_return_if_fail (NK_IS_READER (self));
  g_return_if_fail (raw != NULL);

  uid = nk_uid_normalise (raw, &priv->uid_options, &error);
  if (uid == NULL)
    {
      uid = g_strstrip (g_strdup (raw));
      g_message ("%s reader read “%s”, which is not a card number: %s",
                 priv->kind, uid, error->message);
    }

  event = g_new0 (NkReaderEvent, 1);
  event->is_tap = TRUE;
  event->uid = uid;
  nk_reader_post (self, event);
}

void
nk_reader_report_state (NkReader      *self,
                        NkReaderState  state,
                        const char    *message)
{
  NkReaderPrivate *priv = nk_reader_get_instance_private (self);
  NkReaderEvent *event;

  g_return_if_fail (NK_IS_READER (self));

  /* On the thread that owns the reader the change is immediate, so a
   * backend's start() leaves the state it reached. */
  if (g_thread_self () == priv->owner)
    {
      if (priv->started)
        apply_state (self, state, message);
      return;
    }

  event = g_new0 (NkReaderEvent, 1);
  event->state = state;
  event->message = g_strdup (message);
  nk_reader_post (self, event);
}
