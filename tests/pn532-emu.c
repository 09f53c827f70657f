/* pn532-emu.c — a PN532 on a pseudo-terminal (see pn532-emu.h). */
#define G_LOG_DOMAIN "pn532-emu"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gio.h>
#include <glib-unix.h>
#include <poll.h>
#include <pty.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "pn532-emu.h"

/* Command codes (PN532 user manual, section 7). */
enum {
  CMD_DIAGNOSE               = 0x00,
  CMD_GET_FIRMWARE_VERSION   = 0x02,
  CMD_GET_GENERAL_STATUS     = 0x04,
  CMD_READ_REGISTER          = 0x06,
  CMD_WRITE_REGISTER         = 0x08,
  CMD_SET_PARAMETERS         = 0x12,
  CMD_SAM_CONFIGURATION      = 0x14,
  CMD_POWER_DOWN             = 0x16,
  CMD_RF_CONFIGURATION       = 0x32,
  CMD_IN_DATA_EXCHANGE       = 0x40,
  CMD_IN_COMMUNICATE_THRU    = 0x42,
  CMD_IN_DESELECT            = 0x44,
  CMD_IN_LIST_PASSIVE_TARGET = 0x4A,
  CMD_IN_RELEASE             = 0x52,
  CMD_IN_AUTO_POLL           = 0x60,
};

#define HOST_TO_PN532 0xD4
#define PN532_TO_HOST 0xD5

/* RFConfiguration items */
#define RF_ITEM_FIELD   0x01
#define RF_ITEM_RETRIES 0x05

/* InAutoPoll target types that a 106 kbps type A card answers. */
#define PTT_GENERIC_106 0x00
#define PTT_MIFARE      0x10
#define PTT_ISO14443_4A 0x20

#define NO_DEADLINE G_MAXINT64

typedef struct {
  gboolean active;
  guint8   command;
  gint64   deadline;          /* monotonic µs, NO_DEADLINE: until a card */
  guint8   types[16];         /* InAutoPoll */
  gsize    n_types;
  guint8   brty;              /* InListPassiveTarget */
  guint8   wanted[12];        /* InListPassiveTarget: select this UID only */
  gsize    n_wanted;
} Pending;

struct _Pn532Emu {
  char       *link_path;

  /* Owned by the test thread. */
  GThread    *thread;
  int         master;
  int         slave;          /* kept open so the master never sees a hang-up */
  int         wake[2];

  GMutex      lock;
  /* Under lock: */
  gboolean    quit;
  guint8      uid[10];
  gsize       uid_len;        /* 0: no card */
  guint       polls_with_card;
  guint       polls_empty;
  guint       commands[256];
  guint8      registers[0x10000];
  gboolean    field;
  guint8      max_retries_passive;

  /* Emulator thread only: */
  GByteArray *input;
  GByteArray *last_reply;
  Pending     pending;
};

static void
write_all (Pn532Emu     *self,
           const guint8 *data,
           gsize         len)
{
  while (len > 0)
    {
      ssize_t n = write (self->master, data, len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0 && errno == EAGAIN)
        {
          struct pollfd pfd = { .fd = self->master, .events = POLLOUT };
          poll (&pfd, 1, 100);
          continue;
        }
      if (n <= 0)
        return;
      data += n;
      len -= (gsize) n;
    }
}

static void
send_ack (Pn532Emu *self)
{
  static const guint8 ack[] = { 0x00, 0x00, 0xFF, 0x00, 0xFF, 0x00 };

  write_all (self, ack, sizeof ack);
}

static void
send_syntax_error (Pn532Emu *self)
{
  static const guint8 error_frame[] = { 0x00, 0x00, 0xFF, 0x01, 0xFF, 0x7F, 0x81, 0x00 };

  write_all (self, error_frame, sizeof error_frame);
}

/* An information frame D5 (command + 1) data… */
static void
send_reply (Pn532Emu     *self,
            guint8        command,
            const guint8 *data,
            gsize         len)
{
  GByteArray *frame = g_byte_array_sized_new (len + 11);
  gsize body = len + 2;   /* TFI + response code + data */
  guint8 sum = PN532_TO_HOST + (guint8) (command + 1);
  guint8 byte;

  g_byte_array_append (frame, (const guint8 []) { 0x00, 0x00, 0xFF }, 3);
  if (body <= 0xFF)
    {
      guint8 header[2] = { (guint8) body, (guint8) (0x100 - body) };
      g_byte_array_append (frame, header, 2);
    }
  else
    {
      guint8 hi = (guint8) (body >> 8), lo = (guint8) (body & 0xFF);
      guint8 header[5] = { 0xFF, 0xFF, hi, lo, (guint8) (0x100 - ((hi + lo) & 0xFF)) };
      g_byte_array_append (frame, header, 5);
    }
  byte = PN532_TO_HOST;
  g_byte_array_append (frame, &byte, 1);
  byte = (guint8) (command + 1);
  g_byte_array_append (frame, &byte, 1);
  g_byte_array_append (frame, data, (guint) len);
  for (gsize i = 0; i < len; i++)
    sum += data[i];
  byte = (guint8) (0x100 - sum);
  g_byte_array_append (frame, &byte, 1);
  byte = 0x00;
  g_byte_array_append (frame, &byte, 1);

  write_all (self, frame->data, frame->len);

  g_byte_array_set_size (self->last_reply, 0);
  g_byte_array_append (self->last_reply, frame->data, frame->len);
  g_byte_array_unref (frame);
}

/* Target data for the card: Tg, SENS_RES (ATQA), SEL_RES (SAK), NFCID1. */
static gsize
card_target_data (Pn532Emu *self,
                  guint8   *out)
{
  gsize n = 0;

  out[n++] = 0x01;                        /* Tg */
  out[n++] = 0x00;                        /* ATQA */
  out[n++] = self->uid_len == 4 ? 0x04 : self->uid_len == 7 ? 0x44 : 0x84;
  out[n++] = self->uid_len == 4 ? 0x08 : 0x00;   /* MIFARE Classic 1K / Ultralight */
  out[n++] = (guint8) self->uid_len;
  memcpy (out + n, self->uid, self->uid_len);
  return n + self->uid_len;
}

/* Under lock: does the placed card answer the pending poll? */
static gboolean
card_answers (Pn532Emu      *self,
              const Pending *pending,
              guint8        *type_out)
{
  if (self->uid_len == 0)
    return FALSE;

  if (pending->command == CMD_IN_LIST_PASSIVE_TARGET)
    {
      if (pending->brty != 0x00)
        return FALSE;
      /* Initiator data selects one card by its UID, written with the
       * cascade tags (0x88) of ISO 14443-3 for 7- and 10-byte UIDs. */
      if (pending->n_wanted > 0)
        {
          guint8 cascaded[12];
          gsize n = 0;

          if (self->uid_len == 4)
            {
              memcpy (cascaded, self->uid, 4);
              n = 4;
            }
          else if (self->uid_len == 7)
            {
              cascaded[n++] = 0x88;
              memcpy (cascaded + n, self->uid, 7);
              n += 7;
            }
          else
            {
              cascaded[n++] = 0x88;
              memcpy (cascaded + n, self->uid, 3);
              n += 3;
              cascaded[n++] = 0x88;
              memcpy (cascaded + n, self->uid + 3, 7);
              n += 7;
            }
          if (pending->n_wanted != n || memcmp (pending->wanted, cascaded, n) != 0)
            return FALSE;
        }
      return TRUE;
    }

  for (gsize i = 0; i < pending->n_types; i++)
    if (pending->types[i] == PTT_MIFARE || pending->types[i] == PTT_GENERIC_106)
      {
        *type_out = pending->types[i];
        return TRUE;
      }
  /* Our cards do not speak ISO 14443-4, so PTT_ISO14443_4A does not find them. */
  return FALSE;
}

/* Answers the pending poll if a card is there or time is up. */
static void
finish_pending (Pn532Emu *self,
                gboolean  force_empty)
{
  guint8 reply[64];
  gsize n = 0;
  guint8 type = PTT_MIFARE;
  gboolean found;

  if (!self->pending.active)
    return;

  g_mutex_lock (&self->lock);
  found = !force_empty && card_answers (self, &self->pending, &type);
  if (!found && !force_empty && g_get_monotonic_time () < self->pending.deadline)
    {
      g_mutex_unlock (&self->lock);
      return;
    }

  if (found)
    {
      guint8 target[20];
      gsize target_len = card_target_data (self, target);

      reply[n++] = 1;   /* NbTg */
      if (self->pending.command == CMD_IN_AUTO_POLL)
        {
          reply[n++] = type;
          reply[n++] = (guint8) target_len;
        }
      memcpy (reply + n, target, target_len);
      n += target_len;
      self->polls_with_card++;
    }
  else
    {
      reply[n++] = 0;   /* NbTg */
      self->polls_empty++;
    }
  g_mutex_unlock (&self->lock);

  self->pending.active = FALSE;
  send_reply (self, self->pending.command, reply, n);
}

static void
start_pending (Pn532Emu *self,
               guint8    command,
               gint64    duration_us)
{
  self->pending.active = TRUE;
  self->pending.command = command;
  self->pending.deadline = duration_us == NO_DEADLINE ? NO_DEADLINE
                                                      : g_get_monotonic_time () + duration_us;
  finish_pending (self, FALSE);
}

static void
handle_command (Pn532Emu     *self,
                guint8        command,
                const guint8 *params,
                gsize         n_params)
{
  guint8 reply[256];
  gsize n = 0;

  /* A new command ends whatever was running. */
  self->pending.active = FALSE;

  g_mutex_lock (&self->lock);
  self->commands[command]++;
  g_mutex_unlock (&self->lock);

  send_ack (self);

  switch (command)
    {
    case CMD_DIAGNOSE:
      if (n_params >= 1 && params[0] == 0x06)
        {
          /* Attention request test: is the selected card still there? */
          g_mutex_lock (&self->lock);
          reply[n++] = self->uid_len > 0 ? 0x00 : 0x01;
          g_mutex_unlock (&self->lock);
        }
      else
        {
          /* Communication line test (0x00) and the rest: echo. */
          n = MIN (n_params, sizeof reply);
          memcpy (reply, params, n);
        }
      send_reply (self, command, reply, n);
      break;

    case CMD_GET_FIRMWARE_VERSION:
      reply[n++] = 0x32;   /* IC: PN532 */
      reply[n++] = 0x01;   /* version */
      reply[n++] = 0x06;   /* revision */
      reply[n++] = 0x07;   /* support: ISO 14443A, 14443B, ISO 18092 */
      send_reply (self, command, reply, n);
      break;

    case CMD_GET_GENERAL_STATUS:
      g_mutex_lock (&self->lock);
      reply[n++] = 0x00;                       /* last error */
      reply[n++] = self->field ? 0x01 : 0x00;  /* external field */
      reply[n++] = 0x00;                       /* targets held */
      reply[n++] = 0x00;                       /* SAM status */
      g_mutex_unlock (&self->lock);
      send_reply (self, command, reply, n);
      break;

    case CMD_READ_REGISTER:
      g_mutex_lock (&self->lock);
      for (gsize i = 0; i + 1 < n_params && n < sizeof reply; i += 2)
        reply[n++] = self->registers[(params[i] << 8) | params[i + 1]];
      g_mutex_unlock (&self->lock);
      send_reply (self, command, reply, n);
      break;

    case CMD_WRITE_REGISTER:
      g_mutex_lock (&self->lock);
      for (gsize i = 0; i + 2 < n_params; i += 3)
        self->registers[(params[i] << 8) | params[i + 1]] = params[i + 2];
      g_mutex_unlock (&self->lock);
      send_reply (self, command, NULL, 0);
      break;

    case CMD_SET_PARAMETERS:
    case CMD_SAM_CONFIGURATION:
      send_reply (self, command, NULL, 0);
      break;

    case CMD_POWER_DOWN:
    case CMD_IN_DESELECT:
    case CMD_IN_RELEASE:
      reply[n++] = 0x00;   /* status: fine */
      send_reply (self, command, reply, n);
      break;

    case CMD_RF_CONFIGURATION:
      g_mutex_lock (&self->lock);
      if (n_params >= 2 && params[0] == RF_ITEM_FIELD)
        self->field = (params[1] & 0x01) != 0;
      else if (n_params >= 4 && params[0] == RF_ITEM_RETRIES)
        self->max_retries_passive = params[3];
      g_mutex_unlock (&self->lock);
      send_reply (self, command, NULL, 0);
      break;

    case CMD_IN_DATA_EXCHANGE:
    case CMD_IN_COMMUNICATE_THRU:
      /* The emulated cards say nothing beyond anticollision: status
       * 0x01, the target did not answer in time. */
      reply[n++] = 0x01;
      send_reply (self, command, reply, n);
      break;

    case CMD_IN_LIST_PASSIVE_TARGET:
      {
        gboolean forever;

        if (n_params < 2)
          {
            send_syntax_error (self);
            break;
          }
        self->pending.brty = params[1];
        self->pending.n_wanted = MIN (n_params - 2, sizeof self->pending.wanted);
        memcpy (self->pending.wanted, params + 2, self->pending.n_wanted);
        g_mutex_lock (&self->lock);
        forever = self->max_retries_passive == 0xFF;
        g_mutex_unlock (&self->lock);
        /* With finite retries a real chip gives up within a few tens of ms. */
        start_pending (self, command, forever ? NO_DEADLINE : 20 * G_TIME_SPAN_MILLISECOND);
      }
      break;

    case CMD_IN_AUTO_POLL:
      {
        guint8 poll_nr, period;
        gint64 duration;

        if (n_params < 3)
          {
            send_syntax_error (self);
            break;
          }
        poll_nr = params[0];
        period = params[1];
        self->pending.n_types = MIN (n_params - 2, sizeof self->pending.types);
        memcpy (self->pending.types, params + 2, self->pending.n_types);
        /* PollNr rounds over every type, each for Period × 150 ms;
         * PollNr 0xFF polls until something is found. */
        duration = poll_nr == 0xFF ? NO_DEADLINE
                   : (gint64) poll_nr * period * 150 * (gint64) self->pending.n_types * G_TIME_SPAN_MILLISECOND;
        start_pending (self, command, duration);
      }
      break;

    default:
      g_debug ("PN532 emulator: command 0x%02X not emulated", command);
      send_syntax_error (self);
      break;
    }
}

/* Takes every complete frame out of the input buffer. */
static void
process_input (Pn532Emu *self)
{
  GByteArray *in = self->input;

  for (;;)
    {
      gsize start = 0;
      gsize header, body_len;
      const guint8 *body;
      guint8 sum = 0;

      /* Skip the wake-up preamble, zeros and noise up to a start code. */
      while (start + 1 < in->len && !(in->data[start] == 0x00 && in->data[start + 1] == 0xFF))
        start++;
      if (start > 0)
        g_byte_array_remove_range (in, 0, (guint) start);
      if (in->len < 4)
        return;

      if (in->data[2] == 0x00 && in->data[3] == 0xFF)
        {
          /* ACK from the host: abort the command that is running. */
          self->pending.active = FALSE;
          g_byte_array_remove_range (in, 0, 4);
          continue;
        }
      if (in->data[2] == 0xFF && in->data[3] == 0x00)
        {
          /* NACK: say it again. */
          g_byte_array_remove_range (in, 0, 4);
          if (self->last_reply->len > 0)
            write_all (self, self->last_reply->data, self->last_reply->len);
          continue;
        }
      if (in->data[2] == 0xFF && in->data[3] == 0xFF)
        {
          if (in->len < 7)
            return;
          if (((in->data[4] + in->data[5] + in->data[6]) & 0xFF) != 0)
            {
              g_byte_array_remove_range (in, 0, 2);
              continue;
            }
          header = 7;
          body_len = ((gsize) in->data[4] << 8) | in->data[5];
        }
      else
        {
          if (((in->data[2] + in->data[3]) & 0xFF) != 0)
            {
              g_byte_array_remove_range (in, 0, 2);
              continue;
            }
          header = 4;
          body_len = in->data[2];
        }

      if (in->len < header + body_len + 2)
        return;

      body = in->data + header;
      for (gsize i = 0; i < body_len + 1; i++)
        sum += body[i];   /* TFI, data and DCS add up to zero */

      if (body_len >= 2 && body[0] == HOST_TO_PN532 && sum == 0)
        {
          g_autofree guint8 *frame = g_memdup2 (body, body_len);

          g_byte_array_remove_range (in, 0, (guint) (header + body_len + 2));
          handle_command (self, frame[1], frame + 2, body_len - 2);
        }
      else
        {
          g_debug ("PN532 emulator: bad frame dropped");
          g_byte_array_remove_range (in, 0, (guint) (header + body_len + 2));
        }
    }
}

static gpointer
emulator_thread (gpointer data)
{
  Pn532Emu *self = data;

  for (;;)
    {
      struct pollfd fds[2] = {
        { .fd = self->master, .events = POLLIN },
        { .fd = self->wake[0], .events = POLLIN },
      };
      int timeout = -1;
      gboolean quit;

      if (self->pending.active && self->pending.deadline != NO_DEADLINE)
        {
          gint64 left = self->pending.deadline - g_get_monotonic_time ();
          timeout = left <= 0 ? 0 : (int) ((left + 999) / 1000);
        }

      if (poll (fds, 2, timeout) < 0 && errno != EINTR)
        break;

      if (fds[1].revents & POLLIN)
        {
          guint8 drain[64];
          while (read (self->wake[0], drain, sizeof drain) > 0)
            ;
        }
      g_mutex_lock (&self->lock);
      quit = self->quit;
      g_mutex_unlock (&self->lock);
      if (quit)
        break;

      if (fds[0].revents & POLLIN)
        {
          guint8 buffer[512];
          ssize_t n = read (self->master, buffer, sizeof buffer);

          if (n > 0)
            {
              g_byte_array_append (self->input, buffer, (guint) n);
              process_input (self);
            }
        }

      finish_pending (self, FALSE);
    }

  return NULL;
}

static void
wake_thread (Pn532Emu *self)
{
  if (self->wake[1] >= 0)
    {
      guint8 byte = 1;
      if (write (self->wake[1], &byte, 1) < 0 && errno != EAGAIN)
        g_debug ("PN532 emulator: cannot wake: %s", g_strerror (errno));
    }
}

static gboolean
plug (Pn532Emu  *self,
      GError   **error)
{
  struct termios tio;
  char slave_name[256];
  g_autofree char *tmp_link = NULL;

  if (openpty (&self->master, &self->slave, slave_name, NULL, NULL) < 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "openpty: %s", g_strerror (saved));
      return FALSE;
    }

  /* Raw bytes both ways until libnfc sets its own modes. */
  if (tcgetattr (self->slave, &tio) == 0)
    {
      cfmakeraw (&tio);
      tcsetattr (self->slave, TCSANOW, &tio);
    }
  fcntl (self->master, F_SETFL, fcntl (self->master, F_GETFL) | O_NONBLOCK);
  fcntl (self->master, F_SETFD, FD_CLOEXEC);
  fcntl (self->slave, F_SETFD, FD_CLOEXEC);

  /* Point the link at the new pty in one step. */
  tmp_link = g_strconcat (self->link_path, ".new", NULL);
  unlink (tmp_link);
  if (symlink (slave_name, tmp_link) < 0 || rename (tmp_link, self->link_path) < 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "cannot link %s to %s: %s", self->link_path, slave_name, g_strerror (saved));
      unlink (tmp_link);
      close (self->master);
      close (self->slave);
      self->master = self->slave = -1;
      return FALSE;
    }

  if (!g_unix_open_pipe (self->wake, FD_CLOEXEC, error))
    {
      unlink (self->link_path);
      close (self->master);
      close (self->slave);
      self->master = self->slave = -1;
      return FALSE;
    }
  fcntl (self->wake[0], F_SETFL, O_NONBLOCK);
  fcntl (self->wake[1], F_SETFL, O_NONBLOCK);

  g_byte_array_set_size (self->input, 0);
  g_byte_array_set_size (self->last_reply, 0);
  memset (&self->pending, 0, sizeof self->pending);
  g_mutex_lock (&self->lock);
  self->quit = FALSE;
  self->field = FALSE;
  self->max_retries_passive = 0xFF;
  g_mutex_unlock (&self->lock);

  self->thread = g_thread_new ("pn532-emu", emulator_thread, self);
  return TRUE;
}

Pn532Emu *
pn532_emu_new (const char  *link_path,
               GError     **error)
{
  g_autoptr(Pn532Emu) self = g_new0 (Pn532Emu, 1);

  g_return_val_if_fail (link_path != NULL, NULL);

  self->link_path = g_strdup (link_path);
  self->master = self->slave = -1;
  self->wake[0] = self->wake[1] = -1;
  g_mutex_init (&self->lock);
  self->input = g_byte_array_new ();
  self->last_reply = g_byte_array_new ();
  /* Reset values libnfc relies on: the chip handles CRC both ways. */
  self->registers[0x6302] = 0x80;   /* CIU_TxMode */
  self->registers[0x6303] = 0x80;   /* CIU_RxMode */

  if (!plug (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

void
pn532_emu_unplug (Pn532Emu *self)
{
  g_return_if_fail (self != NULL);

  if (self->thread == NULL)
    return;

  g_mutex_lock (&self->lock);
  self->quit = TRUE;
  g_mutex_unlock (&self->lock);
  wake_thread (self);
  g_thread_join (g_steal_pointer (&self->thread));

  unlink (self->link_path);
  close (self->master);
  close (self->slave);
  close (self->wake[0]);
  close (self->wake[1]);
  self->master = self->slave = -1;
  self->wake[0] = self->wake[1] = -1;
}

gboolean
pn532_emu_replug (Pn532Emu  *self,
                  GError   **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (self->thread == NULL, FALSE);

  return plug (self, error);
}

gboolean
pn532_emu_is_plugged (Pn532Emu *self)
{
  return self->thread != NULL;
}

void
pn532_emu_free (Pn532Emu *self)
{
  if (self == NULL)
    return;

  pn532_emu_unplug (self);
  g_byte_array_unref (self->input);
  g_byte_array_unref (self->last_reply);
  g_mutex_clear (&self->lock);
  g_free (self->link_path);
  g_free (self);
}

const char *
pn532_emu_get_link_path (Pn532Emu *self)
{
  return self->link_path;
}

char *
pn532_emu_dup_connstring (Pn532Emu *self)
{
  return g_strconcat ("pn532_uart:", self->link_path, NULL);
}

void
pn532_emu_place_card (Pn532Emu     *self,
                      const guint8 *uid,
                      gsize         uid_len)
{
  g_return_if_fail (uid_len == 4 || uid_len == 7 || uid_len == 10);

  g_mutex_lock (&self->lock);
  memcpy (self->uid, uid, uid_len);
  self->uid_len = uid_len;
  g_mutex_unlock (&self->lock);
  wake_thread (self);
}

void
pn532_emu_remove_card (Pn532Emu *self)
{
  g_mutex_lock (&self->lock);
  self->uid_len = 0;
  g_mutex_unlock (&self->lock);
  wake_thread (self);
}

guint
pn532_emu_get_polls (Pn532Emu *self,
                     gboolean  with_card)
{
  guint n;

  g_mutex_lock (&self->lock);
  n = with_card ? self->polls_with_card : self->polls_empty;
  g_mutex_unlock (&self->lock);

  return n;
}

guint
pn532_emu_get_command_count (Pn532Emu *self,
                             guint8    command)
{
  guint n;

  g_mutex_lock (&self->lock);
  n = self->commands[command];
  g_mutex_unlock (&self->lock);

  return n;
}

guint8
pn532_emu_get_register (Pn532Emu *self,
                        guint16   address)
{
  guint8 value;

  g_mutex_lock (&self->lock);
  value = self->registers[address];
  g_mutex_unlock (&self->lock);

  return value;
}

gboolean
pn532_emu_get_field (Pn532Emu *self)
{
  gboolean field;

  g_mutex_lock (&self->lock);
  field = self->field;
  g_mutex_unlock (&self->lock);

  return field;
}
