/* nk-reader-nfc.c — libnfc card reader: a thread opens the device, looks
 * for ISO 14443A cards and hands each new card to the main context.
 *
 * One presence is one tap: a card held on the reader is reported once and
 * counts again only after it has been found gone.
 *
 * How it looks, and why.  UM0701 (§7.3.13) defines InAutoPoll's Period
 * only as "the polling period in units of 150 ms"; it does not say
 * whether the chip keeps looking during a period or looks once and waits
 * the period out (the test emulator, tests/pn532-emu-rf.c, has both
 * readings).  Under the second, a card put down waits up to a whole
 * period for its look: 150 ms at Period 1, 300 ms at the 2 × 150 ms this
 * reader used, against the 100 ms a tap has to be answered in.  So the
 * reader takes the timing out of the chip's hands: it asks for one look
 * at a time with InListPassiveTarget (nfc_initiator_select_passive_target
 * with NP_INFINITE_SELECT off: MxRtyPassiveActivation 2, three looks back
 * to back, an answer at once when a card is there and a few ms later when
 * none is), SEARCH_PAUSE_MS apart.  A card then waits one command and one
 * pause, whatever the chip does with InAutoPoll, for about 27 bytes on
 * the line per look (≈ 2.3 ms of the line's time at 115200 baud).
 *
 * A card found is reported at once, and from then on only checked:
 * HELD_CHECK_MS after it was found, then twice as long each time, up to
 * HELD_CHECK_MAX_MS, so a card left lying there costs the line almost
 * nothing.  A check switches the RF field off and on (an activated card
 * stays silent to the next look, which would look like a removal), waits
 * the 5 ms ISO/IEC 14443-3 gives a card to start up in the field, and
 * looks once.  A different card found by a check is a tap at once.  A
 * check that finds nothing puts the reader back to searching at full
 * pace, and the card counts as gone after REMOVAL_MISSES empty looks in a
 * row, so one missed answer does not count a card held there twice.
 *
 * A UID is taken only as long as libnfc's buffer holds: a longer length,
 * which no card has, is refused with a message, never read past the
 * buffer or cut to fit, and the door shows the card as unreadable.
 *
 * Stopping: nk_reader_nfc_stop() sets a flag, wakes the thread's waits and
 * calls nfc_abort_command() until the thread has finished, then joins it.
 * The abort can only break a wait that has begun, so it is repeated. */
#define G_LOG_DOMAIN "nk-reader"

#include "config.h"

#include <glib/gi18n.h>
#include <errno.h>
#include <nfc/nfc.h>
#include <string.h>
#include <unistd.h>

#include "nk-reader-nfc.h"
#include "nk-reader-nfc-private.h"
#include "nk-reader-private.h"

/* Between looks while no card is there (see the top of the file). */
#define SEARCH_PAUSE_MS       10
/* Checks of a card lying on the reader: first after this long, then
 * twice as long each time up to the most. */
#define HELD_CHECK_MS         150
#define HELD_CHECK_MAX_MS     1000
/* A card's start-up time in the field (ISO/IEC 14443-3). */
#define FIELD_SETTLE_MS       5
/* Empty looks in a row after which a card held there counts as gone. */
#define REMOVAL_MISSES        2
/* Consecutive RF or timeout errors before the reader is deemed gone. */
#define MAX_SOFT_ERRORS       3
/* While stopping: how often the abort is repeated. */
#define ABORT_REPEAT_MS       50

struct _NkReaderNfc {
  NkReader     parent_instance;

  char        *connstring;     /* NULL: libnfc's default device */
  gint         retry_ms;       /* atomic */

  GThread     *thread;
  GMutex       lock;
  GCond        cond;
  /* Under lock: */
  gboolean     stopping;
  gboolean     thread_done;
  nfc_device  *device;         /* while open, so stop can abort it */
};

G_DEFINE_FINAL_TYPE (NkReaderNfc, nk_reader_nfc, NK_TYPE_READER)

enum {
  PROP_0,
  PROP_CONNSTRING,
  PROP_RETRY_INTERVAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* libnfc keeps its driver list in a global that nfc_exit() frees, so the
 * context is shared by every reader and freed with the last one. */
static GMutex       nfc_context_lock;
static nfc_context *nfc_shared_context;
static guint        nfc_context_users;

static nfc_context *
nk_nfc_context_acquire (void)
{
  nfc_context *context;

  g_mutex_lock (&nfc_context_lock);
  if (nfc_shared_context == NULL)
    nfc_init (&nfc_shared_context);
  if (nfc_shared_context != NULL)
    nfc_context_users++;
  context = nfc_shared_context;
  g_mutex_unlock (&nfc_context_lock);

  return context;
}

static void
nk_nfc_context_release (void)
{
  g_mutex_lock (&nfc_context_lock);
  g_assert (nfc_context_users > 0);
  if (--nfc_context_users == 0)
    {
      nfc_exit (nfc_shared_context);
      nfc_shared_context = NULL;
    }
  g_mutex_unlock (&nfc_context_lock);
}

static gboolean
is_stopping (NkReaderNfc *self)
{
  gboolean stopping;

  g_mutex_lock (&self->lock);
  stopping = self->stopping;
  g_mutex_unlock (&self->lock);

  return stopping;
}

/* Sleeps msec or until stop; TRUE when stopping. */
static gboolean
wait_or_stop (NkReaderNfc *self,
              guint        msec)
{
  gint64 end = g_get_monotonic_time () + (gint64) msec * G_TIME_SPAN_MILLISECOND;
  gboolean stopping;

  g_mutex_lock (&self->lock);
  while (!self->stopping)
    {
      if (!g_cond_wait_until (&self->cond, &self->lock, end))
        break;
    }
  stopping = self->stopping;
  g_mutex_unlock (&self->lock);

  return stopping;
}

static const char *
describe_target_error (int res)
{
  switch (res)
    {
    case NFC_EIO: return "input/output error";
    case NFC_EINVARG: return "invalid argument";
    case NFC_EDEVNOTSUPP: return "not supported by the device";
    case NFC_ENOTSUCHDEV: return "no such device";
    case NFC_EOVFLOW: return "buffer overflow";
    case NFC_ETIMEOUT: return "timeout";
    case NFC_EOPABORTED: return "aborted";
    case NFC_ENOTIMPL: return "not implemented";
    case NFC_ETGRELEASED: return "target released";
    case NFC_ERFTRANS: return "RF transmission error";
    case NFC_EMFCAUTHFAIL: return "MIFARE authentication failed";
    case NFC_ESOFT: return "software error";
    case NFC_ECHIP: return "chip error";
    default: return "unknown error";
    }
}

/* Errors after which the card's presence is simply unknown for this poll. */
static gboolean
is_soft_error (int res)
{
  switch (res)
    {
    case NFC_ETIMEOUT:
    case NFC_ERFTRANS:
    case NFC_ETGRELEASED:
    case NFC_EMFCAUTHFAIL:
    case NFC_ECHIP:
      return TRUE;
    default:
      return FALSE;
    }
}

/* One look for an ISO 14443A card: > 0 found (target filled), 0 none,
 * < 0 error. */
static int
look (nfc_device *device,
      nfc_target *target)
{
  const nfc_modulation modulation = { .nmt = NMT_ISO14443A, .nbr = NBR_106 };

  return nfc_initiator_select_passive_target (device, modulation, NULL, 0, target);
}

/* Is the card that was found still there (or another one)?  RF off and
 * on, so an activated card answers afresh, then one look. */
static int
check_card (NkReaderNfc *self,
            nfc_device  *device,
            nfc_target  *target)
{
  int res = nfc_device_set_property_bool (device, NP_ACTIVATE_FIELD, false);

  if (res >= 0)
    res = nfc_device_set_property_bool (device, NP_ACTIVATE_FIELD, true);
  if (res < 0)
    return res;
  if (wait_or_stop (self, FIELD_SETTLE_MS))
    return NFC_EOPABORTED;
  return look (device, target);
}

/* How long a card lying on the reader waits for its next check. */
static guint
held_check_ms (guint checks)
{
  return checks >= 4 ? HELD_CHECK_MAX_MS : MIN (HELD_CHECK_MS << checks, HELD_CHECK_MAX_MS);
}

/* libnfc 1.8.0 itself cuts an NFCID1 longer than 10 bytes to 10 (taking
 * it for one with cascade tags) before it reaches us; older versions
 * copied any length into their 10-byte buffer unchecked.  Either way the
 * length is checked here before the bytes are read. */
char *
nk_reader_nfc_target_uid (const nfc_target *target,
                          gboolean         *refused)
{
  gsize len = target->nti.nai.szUidLen;

  *refused = len > sizeof target->nti.nai.abtUid;
  if (*refused)
    return g_strdup_printf ("(%" G_GSIZE_FORMAT "-byte UID)", len);
  /* An odd length within the buffer goes through whole; the door
   * refuses it as no card number. */
  return nk_uid_from_bytes (target->nti.nai.abtUid, len);
}

/* Polls until stop (returns TRUE) or until the device fails (FALSE). */
static gboolean
poll_loop (NkReaderNfc *self,
           nfc_device  *device)
{
  g_autofree char *present = NULL;   /* the card on the reader, as reported */
  guint misses = 0;                  /* empty looks in a row since it was seen */
  guint checks = 0;                  /* checks since it was reported */
  guint soft_errors = 0;

  while (!is_stopping (self))
    {
      nfc_target target = { 0 };
      int res;

      if (present != NULL && misses == 0)
        {
          if (wait_or_stop (self, held_check_ms (checks)))
            break;
          checks++;
          res = check_card (self, device, &target);
        }
      else
        res = look (device, &target);

      if (res > 0)
        {
          gboolean refused;
          g_autofree char *uid = nk_reader_nfc_target_uid (&target, &refused);

          soft_errors = 0;
          misses = 0;
          if (g_strcmp0 (uid, present) != 0)
            {
              if (refused)
                g_message ("NFC reader %s reported a card UID of %" G_GSIZE_FORMAT " bytes, more than the %"
                           G_GSIZE_FORMAT " a card can have; card refused", nfc_device_get_name (device),
                           target.nti.nai.szUidLen, sizeof target.nti.nai.abtUid);
              nk_reader_deliver (NK_READER (self), uid);
              g_free (present);
              present = g_steal_pointer (&uid);
              checks = 0;
            }
        }
      else if (res == 0)
        {
          soft_errors = 0;
          if (present != NULL && ++misses >= REMOVAL_MISSES)
            {
              g_clear_pointer (&present, g_free);
              misses = 0;
            }
          wait_or_stop (self, SEARCH_PAUSE_MS);
        }
      else if (res == NFC_EOPABORTED)
        {
          /* stop() interrupted the look; the loop condition decides. */
        }
      else if (is_soft_error (res) && ++soft_errors < MAX_SOFT_ERRORS)
        {
          g_debug ("NFC reader %s: %s", nfc_device_get_name (device), describe_target_error (res));
          wait_or_stop (self, SEARCH_PAUSE_MS);
        }
      else
        {
          g_message ("NFC reader %s failed: %s (%s)", nfc_device_get_name (device),
                     describe_target_error (res), nfc_strerror (device));
          return FALSE;
        }
    }

  return TRUE;
}

typedef enum {
  OPEN_OK,
  OPEN_MISSING,      /* no such device (not plugged in) */
  OPEN_DENIED,       /* the device node may not be opened by us */
  OPEN_NO_ANSWER,    /* there, but it does not work as a reader */
} OpenResult;

/* The device node in a connection string "driver:/dev/…[:speed]", or NULL
 * for USB and other strings that name no file. */
static char *
connstring_path (const char *connstring)
{
  const char *start;
  const char *end;

  if (connstring == NULL || (start = strchr (connstring, ':')) == NULL || start[1] != '/')
    return NULL;
  start++;
  end = strchr (start, ':');
  return end != NULL ? g_strndup (start, (gsize) (end - start)) : g_strdup (start);
}

/* Opens and prepares the device. */
static OpenResult
open_device (NkReaderNfc  *self,
             nfc_context  *context,
             nfc_device  **device_out)
{
  g_autofree char *path = connstring_path (self->connstring);
  nfc_device *device;
  int res;

  *device_out = NULL;

  /* Look before asking libnfc: it logs an error for every failed open,
   * which would fill the journal while a serial reader is unplugged. */
  if (path != NULL)
    {
      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        return OPEN_MISSING;
      if (access (path, R_OK | W_OK) != 0 && (errno == EACCES || errno == EPERM))
        return OPEN_DENIED;
    }

  device = nfc_open (context, self->connstring);
  if (device == NULL)
    return path != NULL ? OPEN_NO_ANSWER : OPEN_MISSING;

  res = nfc_initiator_init (device);
  /* Plain UIDs only (no RATS), and a select that looks a few times and
   * answers, instead of waiting for a card for ever. */
  if (res >= 0)
    res = nfc_device_set_property_bool (device, NP_AUTO_ISO14443_4, false);
  if (res >= 0)
    res = nfc_device_set_property_bool (device, NP_INFINITE_SELECT, false);
  if (res < 0)
    {
      g_message ("NFC reader %s does not start as a reader: %s",
                 nfc_device_get_connstring (device), describe_target_error (res));
      nfc_close (device);
      return OPEN_NO_ANSWER;
    }

  *device_out = device;
  return OPEN_OK;
}

/* What to show while the reader cannot be opened. */
static void
report_not_open (NkReaderNfc *self,
                 OpenResult   result,
                 gboolean     was_open)
{
  NkReader *reader = NK_READER (self);
  g_autofree char *path = connstring_path (self->connstring);
  g_autofree char *message = NULL;

  switch (result)
    {
    case OPEN_DENIED:
      message = g_strdup_printf (_("Not allowed to open the NFC reader %s; add the kiosk user to the “dialout” group"),
                                 path);
      nk_reader_report_state (reader, NK_READER_STATE_FAILED, message);
      break;
    case OPEN_NO_ANSWER:
      if (path != NULL)
        message = g_strdup_printf (_("NFC reader %s does not answer or is in use — retrying"), path);
      else
        message = g_strdup (_("NFC reader does not answer or is in use — retrying"));
      nk_reader_report_state (reader, NK_READER_STATE_DISCONNECTED, message);
      break;
    case OPEN_MISSING:
      nk_reader_report_state (reader, NK_READER_STATE_DISCONNECTED,
                              was_open ? _("NFC reader unplugged — retrying")
                                       : _("NFC reader not found — retrying"));
      break;
    case OPEN_OK:
    default:
      g_return_if_reached ();
    }
}

static gpointer
nk_reader_nfc_thread (gpointer data)
{
  NkReaderNfc *self = data;
  NkReader *reader = NK_READER (self);
  nfc_context *context;
  gboolean was_open = FALSE;

  context = nk_nfc_context_acquire ();
  if (context == NULL)
    {
      g_warning ("libnfc could not be initialised");
      nk_reader_report_state (reader, NK_READER_STATE_FAILED, _("NFC support could not be started"));
      goto out;
    }

  nk_reader_report_state (reader, NK_READER_STATE_CONNECTING, _("Looking for the NFC reader…"));

  while (!is_stopping (self))
    {
      nfc_device *device = NULL;
      OpenResult result = open_device (self, context, &device);
      gboolean stopped;

      if (result != OPEN_OK)
        {
          report_not_open (self, result, was_open);
          wait_or_stop (self, (guint) g_atomic_int_get (&self->retry_ms));
          continue;
        }

      g_mutex_lock (&self->lock);
      if (self->stopping)
        {
          g_mutex_unlock (&self->lock);
          nfc_close (device);
          break;
        }
      self->device = device;
      g_mutex_unlock (&self->lock);

      g_message ("NFC reader %s open (%s)", nfc_device_get_connstring (device),
                 nfc_device_get_name (device));
      was_open = TRUE;
      nk_reader_report_state (reader, NK_READER_STATE_READY, _("NFC reader ready"));

      stopped = poll_loop (self, device);

      g_mutex_lock (&self->lock);
      self->device = NULL;
      g_mutex_unlock (&self->lock);
      nfc_close (device);

      if (stopped)
        break;

      nk_reader_report_state (reader, NK_READER_STATE_DISCONNECTED,
                              _("NFC reader unplugged — retrying"));
      wait_or_stop (self, (guint) g_atomic_int_get (&self->retry_ms));
    }

  nk_nfc_context_release ();

out:
  g_mutex_lock (&self->lock);
  self->thread_done = TRUE;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);

  return NULL;
}

static gboolean
nk_reader_nfc_start (NkReader  *reader,
                     GError   **error)
{
  NkReaderNfc *self = NK_READER_NFC (reader);

  g_return_val_if_fail (self->thread == NULL, FALSE);

  self->stopping = FALSE;
  self->thread_done = FALSE;
  self->thread = g_thread_try_new ("nk-reader-nfc", nk_reader_nfc_thread, self, error);

  return self->thread != NULL;
}

static void
nk_reader_nfc_stop (NkReader *reader)
{
  NkReaderNfc *self = NK_READER_NFC (reader);

  if (self->thread == NULL)
    return;

  g_mutex_lock (&self->lock);
  self->stopping = TRUE;
  while (!self->thread_done)
    {
      if (self->device != NULL)
        nfc_abort_command (self->device);
      g_cond_broadcast (&self->cond);
      g_cond_wait_until (&self->cond, &self->lock,
                         g_get_monotonic_time () + ABORT_REPEAT_MS * G_TIME_SPAN_MILLISECOND);
    }
  g_mutex_unlock (&self->lock);

  g_thread_join (g_steal_pointer (&self->thread));
}

static void
nk_reader_nfc_dispose (GObject *object)
{
  nk_reader_stop (NK_READER (object));

  G_OBJECT_CLASS (nk_reader_nfc_parent_class)->dispose (object);
}

static void
nk_reader_nfc_finalize (GObject *object)
{
  NkReaderNfc *self = NK_READER_NFC (object);

  g_clear_pointer (&self->connstring, g_free);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);

  G_OBJECT_CLASS (nk_reader_nfc_parent_class)->finalize (object);
}

static void
nk_reader_nfc_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  NkReaderNfc *self = NK_READER_NFC (object);

  switch (prop_id)
    {
    case PROP_CONNSTRING:
      g_value_set_string (value, self->connstring);
      break;
    case PROP_RETRY_INTERVAL:
      g_value_set_uint (value, nk_reader_nfc_get_retry_interval (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nk_reader_nfc_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  NkReaderNfc *self = NK_READER_NFC (object);

  switch (prop_id)
    {
    case PROP_CONNSTRING:
      g_free (self->connstring);
      self->connstring = g_value_dup_string (value);
      break;
    case PROP_RETRY_INTERVAL:
      nk_reader_nfc_set_retry_interval (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nk_reader_nfc_class_init (NkReaderNfcClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  NkReaderClass *reader_class = NK_READER_CLASS (klass);

  object_class->dispose = nk_reader_nfc_dispose;
  object_class->finalize = nk_reader_nfc_finalize;
  object_class->get_property = nk_reader_nfc_get_property;
  object_class->set_property = nk_reader_nfc_set_property;

  reader_class->start = nk_reader_nfc_start;
  reader_class->stop = nk_reader_nfc_stop;

  properties[PROP_CONNSTRING] =
    g_param_spec_string ("connstring", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RETRY_INTERVAL] =
    g_param_spec_uint ("retry-interval", NULL, NULL,
                       10, 60000, NK_READER_NFC_DEFAULT_RETRY_MS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
nk_reader_nfc_init (NkReaderNfc *self)
{
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  self->retry_ms = NK_READER_NFC_DEFAULT_RETRY_MS;
}

NkReaderNfc *
nk_reader_nfc_new (const char *connstring)
{
  return g_object_new (NK_TYPE_READER_NFC,
                       "kind", "nfc",
                       "connstring", connstring,
                       NULL);
}

const char *
nk_reader_nfc_get_connstring (NkReaderNfc *self)
{
  g_return_val_if_fail (NK_IS_READER_NFC (self), NULL);

  return self->connstring;
}

guint
nk_reader_nfc_get_retry_interval (NkReaderNfc *self)
{
  g_return_val_if_fail (NK_IS_READER_NFC (self), 0);

  return (guint) g_atomic_int_get (&self->retry_ms);
}

void
nk_reader_nfc_set_retry_interval (NkReaderNfc *self,
                                  guint        msec)
{
  g_return_if_fail (NK_IS_READER_NFC (self));
  g_return_if_fail (msec >= 10 && msec <= 60000);

  if ((guint) g_atomic_int_get (&self->retry_ms) == msec)
    return;

  g_atomic_int_set (&self->retry_ms, (gint) msec);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RETRY_INTERVAL]);
}
