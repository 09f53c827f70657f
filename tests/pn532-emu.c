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

#include "pn532-emu-private.h"

#define HOST_TO_PN532 0xD4
#define PN532_TO_HOST 0xD5

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

/* Bytes reach the host when their last bit has crossed the line. */
void
pn532_emu_line_write (Pn532Emu     *self,
                      const guint8 *data,
                      gsize         len)
{
  guint baud;
  gint64 byte_us = pn532_emu_line_byte_us (self->slave, &baud);

  g_usleep ((gulong) (byte_us * (gint64) len));
  write_all (self, data, len);

  g_mutex_lock (&self->lock);
  self->line_bytes += len;
  self->baud = baud;
  g_mutex_unlock (&self->lock);
}

void
pn532_emu_send_ack (Pn532Emu *self)
{
  static const guint8 ack[] = { 0x00, 0x00, 0xFF, 0x00, 0xFF, 0x00 };

  pn532_emu_line_write (self, ack, sizeof ack);
}

void
pn532_emu_send_syntax_error (Pn532Emu *self)
{
  static const guint8 error_frame[] = { 0x00, 0x00, 0xFF, 0x01, 0xFF, 0x7F, 0x81, 0x00 };

  pn532_emu_line_write (self, error_frame, sizeof error_frame);
}

/* An information frame D5 (command + 1) data… */
void
pn532_emu_send_reply (Pn532Emu     *self,
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

  pn532_emu_line_write (self, frame->data, frame->len);

  g_byte_array_set_size (self->last_reply, 0);
  g_byte_array_append (self->last_reply, frame->data, frame->len);
  g_byte_array_unref (frame);
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
            pn532_emu_line_write (self, self->last_reply->data, self->last_reply->len);
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
          pn532_emu_handle_command (self, frame[1], frame + 2, body_len - 2);
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

      /* Rounded up to the millisecond: never early. */
      if (self->pending.active && self->pending.next_event != PN532_NEVER)
        {
          gint64 left = self->pending.next_event - g_get_monotonic_time ();
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
              /* The chip has the bytes once they have crossed the line. */
              gint64 now = g_get_monotonic_time ();
              gint64 byte_us = pn532_emu_line_byte_us (self->slave, NULL);

              self->rx_done = MAX (self->rx_done, now) + byte_us * n;
              if (self->rx_done > now)
                g_usleep ((gulong) (self->rx_done - now));
              g_mutex_lock (&self->lock);
              self->line_bytes += (guint64) n;
              g_mutex_unlock (&self->lock);

              g_byte_array_append (self->input, buffer, (guint) n);
              process_input (self);
            }
        }

      pn532_emu_finish_pending (self);
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

  /* Raw bytes both ways at the PN532's HSU speed until libnfc sets its
   * own modes (the line's time follows whatever speed it sets). */
  if (tcgetattr (self->slave, &tio) == 0)
    {
      cfmakeraw (&tio);
      cfsetspeed (&tio, B115200);
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
  self->rx_done = 0;
  g_mutex_lock (&self->lock);
  self->quit = FALSE;
  self->field = FALSE;
  self->selected = FALSE;
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
  const char *reading = g_getenv ("PN532_EMU_READING");

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
  self->baud = 115200;

  if (reading != NULL && !pn532_emu_reading_from_string (reading, &self->reading))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "PN532_EMU_READING is “%s”; use “continuous” or “once-per-period”", reading);
      return NULL;
    }

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

const char *
pn532_emu_reading_to_string (Pn532EmuReading reading)
{
  return reading == PN532_EMU_READING_ONCE_PER_PERIOD ? "once-per-period" : "continuous";
}

gboolean
pn532_emu_reading_from_string (const char      *text,
                               Pn532EmuReading *reading)
{
  if (g_strcmp0 (text, "continuous") == 0)
    *reading = PN532_EMU_READING_CONTINUOUS;
  else if (g_strcmp0 (text, "once-per-period") == 0)
    *reading = PN532_EMU_READING_ONCE_PER_PERIOD;
  else
    return FALSE;
  return TRUE;
}

void
pn532_emu_set_reading (Pn532Emu        *self,
                       Pn532EmuReading  reading)
{
  g_mutex_lock (&self->lock);
  self->reading = reading;
  g_mutex_unlock (&self->lock);
}

Pn532EmuReading
pn532_emu_get_reading (Pn532Emu *self)
{
  Pn532EmuReading reading;

  g_mutex_lock (&self->lock);
  reading = self->reading;
  g_mutex_unlock (&self->lock);

  return reading;
}

static void
put_card (Pn532Emu     *self,
          const guint8 *uid,
          gsize         uid_len)
{
  g_mutex_lock (&self->lock);
  memcpy (self->uid, uid, uid_len);
  self->uid_len = uid_len;
  self->placed_at = g_get_monotonic_time ();
  self->selected = FALSE;
  g_mutex_unlock (&self->lock);
  wake_thread (self);
}

void
pn532_emu_place_card (Pn532Emu     *self,
                      const guint8 *uid,
                      gsize         uid_len)
{
  g_return_if_fail (uid_len == 4 || uid_len == 7 || uid_len == 10);

  put_card (self, uid, uid_len);
}

void
pn532_emu_place_odd_card (Pn532Emu     *self,
                          const guint8 *uid,
                          gsize         uid_len)
{
  g_return_if_fail (uid_len >= 1 && uid_len <= PN532_UID_MAX);

  put_card (self, uid, uid_len);
}

void
pn532_emu_remove_card (Pn532Emu *self)
{
  g_mutex_lock (&self->lock);
  self->uid_len = 0;
  self->selected = FALSE;
  g_mutex_unlock (&self->lock);
  wake_thread (self);
}

void
pn532_emu_lose_polls (Pn532Emu *self,
                      guint     n)
{
  g_mutex_lock (&self->lock);
  self->polls_to_lose = n;
  g_mutex_unlock (&self->lock);
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
pn532_emu_copy_polls (Pn532Emu     *self,
                      Pn532EmuPoll *polls,
                      guint         max)
{
  guint n;

  g_mutex_lock (&self->lock);
  n = MIN (MIN (max, PN532_POLL_LOG), self->poll_log_next);
  for (guint i = 0; i < n; i++)
    polls[i] = self->poll_log[(self->poll_log_next - n + i) % PN532_POLL_LOG];
  g_mutex_unlock (&self->lock);

  return n;
}

guint64
pn532_emu_get_line_bytes (Pn532Emu *self)
{
  guint64 n;

  g_mutex_lock (&self->lock);
  n = self->line_bytes;
  g_mutex_unlock (&self->lock);

  return n;
}

guint
pn532_emu_get_baud (Pn532Emu *self)
{
  guint baud;

  g_mutex_lock (&self->lock);
  baud = self->baud;
  g_mutex_unlock (&self->lock);

  return baud;
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
