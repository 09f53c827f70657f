/* nk-reader-wedge.c — keyboard-emulating card readers through evdev.
 * Everything runs on the reader's main context: the device is
 * non-blocking and read from a GSource when it has events. */
#define G_LOG_DOMAIN "nk-reader"

#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/input.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "nk-reader-wedge.h"
#include "nk-reader-private.h"
#include "nk-wedge-decoder.h"

#define INPUT_DIR "/dev/input"

struct _NkReaderWedge {
  NkReader        parent_instance;

  char           *device;        /* configured; NULL: find one */
  guint           retry_ms;

  gboolean        running;
  int             fd;
  char           *open_path;
  GSource        *fd_source;
  GSource        *retry_source;
  NkWedgeDecoder *decoder;
};

G_DEFINE_FINAL_TYPE (NkReaderWedge, nk_reader_wedge, NK_TYPE_READER)

enum {
  PROP_0,
  PROP_DEVICE,
  PROP_RETRY_INTERVAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void try_open (NkReaderWedge *self);

#define BITS_PER_LONG (sizeof (unsigned long) * 8)
#define NLONGS(n) (((n) + BITS_PER_LONG - 1) / BITS_PER_LONG)

static gboolean
test_bit (const unsigned long *bits,
          guint                bit)
{
  return (bits[bit / BITS_PER_LONG] >> (bit % BITS_PER_LONG)) & 1;
}

gboolean
nk_reader_wedge_name_matches (const char *name)
{
  g_autofree char *lower = NULL;

  if (name == NULL)
    return FALSE;

  lower = g_ascii_strdown (name, -1);
  return strstr (lower, "rfid") != NULL ||
         strstr (lower, "reader") != NULL ||
         strstr (lower, "card") != NULL;
}

/* TRUE when fd is an evdev device with digit keys and Enter. */
static gboolean
has_reader_keys (int fd)
{
  unsigned long keys[NLONGS (KEY_CNT)] = { 0 };

  if (ioctl (fd, EVIOCGBIT (EV_KEY, sizeof keys), keys) < 0)
    return FALSE;

  for (guint code = KEY_1; code <= KEY_0; code++)
    if (!test_bit (keys, code))
      return FALSE;

  return test_bit (keys, KEY_ENTER);
}

static gint
compare_event_names (gconstpointer a,
                     gconstpointer b)
{
  const char *name_a = *(const char * const *) a;
  const char *name_b = *(const char * const *) b;
  guint64 n_a = g_ascii_strtoull (name_a + strlen ("event"), NULL, 10);
  guint64 n_b = g_ascii_strtoull (name_b + strlen ("event"), NULL, 10);

  return (n_a > n_b) - (n_a < n_b);
}

/* The first input device that looks like a card reader, or NULL;
 * *denied is set when some device could not be opened for permissions. */
static char *
find_device (gboolean *denied)
{
  g_autoptr(GDir) dir = g_dir_open (INPUT_DIR, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *entry;

  *denied = FALSE;
  if (dir == NULL)
    return NULL;

  while ((entry = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (entry, "event") && g_ascii_isdigit (entry[strlen ("event")]))
      g_ptr_array_add (names, g_strdup (entry));
  g_ptr_array_sort (names, compare_event_names);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (INPUT_DIR, g_ptr_array_index (names, i), NULL);
      char name[256] = "";
      int fd = open (path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
      gboolean match;

      if (fd < 0)
        {
          if (errno == EACCES || errno == EPERM)
            *denied = TRUE;
          continue;
        }

      match = ioctl (fd, EVIOCGNAME (sizeof name - 1), name) >= 0 &&
              nk_reader_wedge_name_matches (name) &&
              has_reader_keys (fd);
      close (fd);

      if (match)
        {
          g_message ("Keyboard card reader found: %s (“%s”)", path, name);
          return g_steal_pointer (&path);
        }
    }

  return NULL;
}

static void
close_device (NkReaderWedge *self)
{
  if (self->fd_source != NULL)
    {
      g_source_destroy (self->fd_source);
      g_clear_pointer (&self->fd_source, g_source_unref);
    }
  if (self->fd >= 0)
    {
      ioctl (self->fd, EVIOCGRAB, 0);
      close (self->fd);
      self->fd = -1;
    }
  g_clear_pointer (&self->open_path, g_free);
  nk_wedge_decoder_reset (self->decoder);
}

static gboolean
retry_cb (gpointer data)
{
  NkReaderWedge *self = data;

  g_clear_pointer (&self->retry_source, g_source_unref);
  try_open (self);

  return G_SOURCE_REMOVE;
}

static void
schedule_retry (NkReaderWedge *self)
{
  if (self->retry_source != NULL)
    return;

  self->retry_source = g_timeout_source_new (self->retry_ms);
  g_source_set_callback (self->retry_source, retry_cb, self, NULL);
  g_source_set_static_name (self->retry_source, "[nk] wedge reader retry");
  g_source_attach (self->retry_source, nk_reader_get_context (NK_READER (self)));
}

/* The device went away (or broke): say so and look for it again. */
static void
lost_device (NkReaderWedge *self,
             int            error_number)
{
  g_autofree char *path = g_strdup (self->open_path);
  g_autofree char *message = NULL;

  g_message ("Keyboard card reader %s: %s", path, g_strerror (error_number));
  close_device (self);

  message = g_strdup_printf (_("Keyboard card reader %s unplugged — retrying"), path);
  nk_reader_report_state (NK_READER (self), NK_READER_STATE_DISCONNECTED, message);
  schedule_retry (self);
}

static gboolean
device_ready_cb (int          fd,
                 GIOCondition condition,
                 gpointer     data)
{
  NkReaderWedge *self = data;
  struct input_event events[64];

  for (;;)
    {
      ssize_t n = read (fd, events, sizeof events);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
        break;
      if (n <= 0)
        {
          /* ENODEV when unplugged; end of file should not happen on evdev. */
          g_clear_pointer (&self->fd_source, g_source_unref);
          lost_device (self, n < 0 ? errno : ENODEV);
          return G_SOURCE_REMOVE;
        }

      for (gsize i = 0; i < (gsize) n / sizeof events[0]; i++)
        {
          g_autofree char *raw = nk_wedge_decoder_feed (self->decoder, &events[i]);

          if (raw != NULL)
            nk_reader_deliver (NK_READER (self), raw);
        }
    }

  if (condition & (G_IO_HUP | G_IO_ERR))
    {
      g_clear_pointer (&self->fd_source, g_source_unref);
      lost_device (self, ENODEV);
      return G_SOURCE_REMOVE;
    }

  return G_SOURCE_CONTINUE;
}

static void
try_open (NkReaderWedge *self)
{
  NkReader *reader = NK_READER (self);
  g_autofree char *path = NULL;
  g_autofree char *message = NULL;
  int version = 0;
  int fd;

  if (!self->running || self->fd >= 0)
    return;

  if (self->device != NULL)
    path = g_strdup (self->device);
  else
    {
      gboolean denied = FALSE;

      path = find_device (&denied);
      if (path == NULL)
        {
          if (denied)
            nk_reader_report_state (reader, NK_READER_STATE_FAILED,
                                    _("Not allowed to read the input devices; add the kiosk user to the “input” group"));
          else
            {
              nk_reader_report_state (reader, NK_READER_STATE_DISCONNECTED,
                                      _("No keyboard card reader found — retrying"));
              schedule_retry (self);
            }
          return;
        }
    }

  fd = open (path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0)
    {
      int saved = errno;

      if (saved == EACCES || saved == EPERM)
        {
          message = g_strdup_printf (_("Not allowed to read %s; add the kiosk user to the “input” group"), path);
          nk_reader_report_state (reader, NK_READER_STATE_FAILED, message);
          return;
        }

      /* Missing is the usual state of an unplugged reader: the state
       * change is in the journal already, once. */
      if (saved != ENOENT && saved != ENODEV && saved != ENXIO)
        g_message ("Keyboard card reader %s: %s", path, g_strerror (saved));
      message = g_strdup_printf (_("Keyboard card reader %s not found — retrying"), path);
      nk_reader_report_state (reader, NK_READER_STATE_DISCONNECTED, message);
      schedule_retry (self);
      return;
    }

  if (ioctl (fd, EVIOCGVERSION, &version) < 0)
    {
      close (fd);
      message = g_strdup_printf (_("%s is not a keyboard card reader"), path);
      nk_reader_report_state (reader, NK_READER_STATE_FAILED, message);
      return;
    }

  if (ioctl (fd, EVIOCGRAB, 1) < 0)
    {
      int saved = errno;

      close (fd);
      if (saved != EBUSY)
        g_message ("Keyboard card reader %s cannot be grabbed: %s", path, g_strerror (saved));
      if (saved == EBUSY)
        message = g_strdup_printf (_("Keyboard card reader %s is in use by another program — retrying"), path);
      else
        message = g_strdup_printf (_("Keyboard card reader %s not found — retrying"), path);
      nk_reader_report_state (reader, NK_READER_STATE_DISCONNECTED, message);
      schedule_retry (self);
      return;
    }

  self->fd = fd;
  self->open_path = g_steal_pointer (&path);
  nk_wedge_decoder_reset (self->decoder);

  self->fd_source = g_unix_fd_source_new (fd, G_IO_IN | G_IO_HUP | G_IO_ERR);
  g_source_set_callback (self->fd_source, G_SOURCE_FUNC (device_ready_cb), self, NULL);
  g_source_set_static_name (self->fd_source, "[nk] wedge reader");
  /* Same priority as the taps it delivers. */
  g_source_set_priority (self->fd_source, G_PRIORITY_DEFAULT);
  g_source_attach (self->fd_source, nk_reader_get_context (reader));

  g_message ("Keyboard card reader %s open and grabbed", self->open_path);
  nk_reader_report_state (reader, NK_READER_STATE_READY, _("Keyboard card reader ready"));
}

static gboolean
nk_reader_wedge_start (NkReader  *reader,
                       GError   **error)
{
  NkReaderWedge *self = NK_READER_WEDGE (reader);

  self->running = TRUE;
  try_open (self);

  return TRUE;
}

static void
nk_reader_wedge_stop (NkReader *reader)
{
  NkReaderWedge *self = NK_READER_WEDGE (reader);

  self->running = FALSE;
  if (self->retry_source != NULL)
    {
      g_source_destroy (self->retry_source);
      g_clear_pointer (&self->retry_source, g_source_unref);
    }
  close_device (self);
}

static void
nk_reader_wedge_dispose (GObject *object)
{
  nk_reader_stop (NK_READER (object));

  G_OBJECT_CLASS (nk_reader_wedge_parent_class)->dispose (object);
}

static void
nk_reader_wedge_finalize (GObject *object)
{
  NkReaderWedge *self = NK_READER_WEDGE (object);

  g_clear_pointer (&self->device, g_free);
  g_clear_pointer (&self->decoder, nk_wedge_decoder_free);

  G_OBJECT_CLASS (nk_reader_wedge_parent_class)->finalize (object);
}

static void
nk_reader_wedge_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  NkReaderWedge *self = NK_READER_WEDGE (object);

  switch (prop_id)
    {
    case PROP_DEVICE:
      g_value_set_string (value, self->device);
      break;
    case PROP_RETRY_INTERVAL:
      g_value_set_uint (value, self->retry_ms);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nk_reader_wedge_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  NkReaderWedge *self = NK_READER_WEDGE (object);

  switch (prop_id)
    {
    case PROP_DEVICE:
      g_free (self->device);
      self->device = g_value_dup_string (value);
      break;
    case PROP_RETRY_INTERVAL:
      nk_reader_wedge_set_retry_interval (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nk_reader_wedge_class_init (NkReaderWedgeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  NkReaderClass *reader_class = NK_READER_CLASS (klass);

  object_class->dispose = nk_reader_wedge_dispose;
  object_class->finalize = nk_reader_wedge_finalize;
  object_class->get_property = nk_reader_wedge_get_property;
  object_class->set_property = nk_reader_wedge_set_property;

  reader_class->start = nk_reader_wedge_start;
  reader_class->stop = nk_reader_wedge_stop;

  properties[PROP_DEVICE] =
    g_param_spec_string ("device", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RETRY_INTERVAL] =
    g_param_spec_uint ("retry-interval", NULL, NULL,
                       10, 60000, NK_READER_WEDGE_DEFAULT_RETRY_MS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
nk_reader_wedge_init (NkReaderWedge *self)
{
  self->fd = -1;
  self->retry_ms = NK_READER_WEDGE_DEFAULT_RETRY_MS;
  self->decoder = nk_wedge_decoder_new ();
}

NkReaderWedge *
nk_reader_wedge_new (const char         *device,
                     const NkUidOptions *uid_options)
{
  NkReaderWedge *self = g_object_new (NK_TYPE_READER_WEDGE,
                                      "kind", "wedge",
                                      "device", device,
                                      NULL);

  nk_reader_set_uid_options (NK_READER (self), uid_options);
  return self;
}

const char *
nk_reader_wedge_get_device (NkReaderWedge *self)
{
  g_return_val_if_fail (NK_IS_READER_WEDGE (self), NULL);

  return self->device;
}

const char *
nk_reader_wedge_get_open_device (NkReaderWedge *self)
{
  g_return_val_if_fail (NK_IS_READER_WEDGE (self), NULL);

  return self->open_path;
}

guint
nk_reader_wedge_get_retry_interval (NkReaderWedge *self)
{
  g_return_val_if_fail (NK_IS_READER_WEDGE (self), 0);

  return self->retry_ms;
}

void
nk_reader_wedge_set_retry_interval (NkReaderWedge *self,
                                    guint          msec)
{
  g_return_if_fail (NK_IS_READER_WEDGE (self));
  g_return_if_fail (msec >= 10 && msec <= 60000);

  if (self->retry_ms == msec)
    return;

  self->retry_ms = msec;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RETRY_INTERVAL]);
}
