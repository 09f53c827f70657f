/* pn532-emu-commands.c — what the emulated PN532 does with each command
 * from the host, and when a running poll answers (see pn532-emu.h). */
#define G_LOG_DOMAIN "pn532-emu"

#include "config.h"

#include <string.h>

#include "pn532-emu-private.h"

/* RFConfiguration items */
#define RF_ITEM_FIELD   0x01
#define RF_ITEM_RETRIES 0x05

/* InAutoPoll target types that a 106 kbps type A card answers. */
#define PTT_GENERIC_106 0x00
#define PTT_MIFARE      0x10
#define PTT_ISO14443_4A 0x20

gint64
pn532_emu_card_ready_at (Pn532Emu *self)
{
  if (self->uid_len == 0 || !self->field || self->selected)
    return PN532_NEVER;
  return MAX (self->placed_at, self->field_on_at) + PN532_EMU_POWER_UP_US;
}

/* Under lock. */
static void
set_field (Pn532Emu *self,
           gboolean  on,
           gint64    now)
{
  if (on && !self->field)
    self->field_on_at = now;
  if (!on)
    self->selected = FALSE;   /* no power: the card forgets it was activated */
  self->field = on;
}

/* Under lock: is this poll one whose card answers are lost? */
static gboolean
lose_poll (Pn532Emu *self)
{
  if (self->polls_to_lose == 0 || self->uid_len == 0)
    return FALSE;
  self->polls_to_lose--;
  return TRUE;
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

/* Under lock: InListPassiveTarget's initiator data selects one card by
 * its UID, written with the cascade tags (0x88) of ISO 14443-3 for 7- and
 * 10-byte UIDs.  Does the card on the reader have it? */
static gboolean
card_is_wanted (Pn532Emu           *self,
                const Pn532Pending *pending)
{
  guint8 cascaded[PN532_UID_MAX + 2];
  gsize n = 0;

  if (pending->command != PN532_CMD_IN_LIST_PASSIVE_TARGET || pending->n_wanted == 0)
    return TRUE;

  if (self->uid_len == 7)
    {
      cascaded[n++] = 0x88;
      memcpy (cascaded + n, self->uid, 7);
      n += 7;
    }
  else if (self->uid_len == 10)
    {
      cascaded[n++] = 0x88;
      memcpy (cascaded + n, self->uid, 3);
      n += 3;
      cascaded[n++] = 0x88;
      memcpy (cascaded + n, self->uid + 3, 7);
      n += 7;
    }
  else
    {
      memcpy (cascaded, self->uid, self->uid_len);
      n = self->uid_len;
    }
  return pending->n_wanted == n && memcmp (pending->wanted, cascaded, n) == 0;
}

/* Under lock. */
static void
log_poll (Pn532Emu *self,
          gint64    at,
          gboolean  with_card)
{
  if (with_card)
    self->polls_with_card++;
  else
    self->polls_empty++;
  self->poll_log[self->poll_log_next % PN532_POLL_LOG] = (Pn532EmuPoll) { at, with_card };
  self->poll_log_next++;
}

void
pn532_emu_finish_pending (Pn532Emu *self)
{
  Pn532Pending *pending = &self->pending;
  gint64 now = g_get_monotonic_time ();
  gint64 look = PN532_NEVER;
  gint64 found_at = PN532_NEVER;
  gint64 end = pn532_look_plan_end (&pending->plan);
  guint8 reply[64];
  gsize n = 0;

  if (!pending->active)
    return;

  g_mutex_lock (&self->lock);
  /* The first look after the card could answer finds it; activating it
   * takes its time, even past the command's end. */
  if (!pending->deaf && card_is_wanted (self, pending))
    look = pn532_look_plan_first (&pending->plan, MAX (pn532_emu_card_ready_at (self), pending->plan.start));
  if (look != PN532_NEVER)
    found_at = look + pn532_emu_activation_us (self->uid_len);

  if (found_at != PN532_NEVER ? found_at > now : end > now)
    {
      pending->next_event = found_at != PN532_NEVER ? found_at : end;
      g_mutex_unlock (&self->lock);
      return;
    }

  if (found_at != PN532_NEVER)
    {
      guint8 target[8 + PN532_UID_MAX];
      gsize target_len = card_target_data (self, target);

      reply[n++] = 1;   /* NbTg */
      if (pending->command == PN532_CMD_IN_AUTO_POLL)
        {
          reply[n++] = pending->types[pn532_look_plan_type_at (&pending->plan, look)];
          reply[n++] = (guint8) target_len;
        }
      memcpy (reply + n, target, target_len);
      n += target_len;
      self->selected = TRUE;
    }
  else
    reply[n++] = 0;   /* NbTg */
  log_poll (self, now, found_at != PN532_NEVER);
  g_mutex_unlock (&self->lock);

  pending->active = FALSE;
  pn532_emu_send_reply (self, pending->command, reply, n);
}

static void
start_list_passive_target (Pn532Emu     *self,
                           const guint8 *params,
                           gsize         n_params)
{
  Pn532Pending *pending = &self->pending;
  gint64 now = g_get_monotonic_time ();
  guint tries;

  if (n_params < 2)
    {
      pn532_emu_send_syntax_error (self);
      return;
    }

  pending->n_wanted = MIN (n_params - 2, sizeof pending->wanted);
  memcpy (pending->wanted, params + 2, pending->n_wanted);

  g_mutex_lock (&self->lock);
  set_field (self, TRUE, now);
  pending->deaf = lose_poll (self);
  /* MxRtyPassiveActivation retries after the first look; 0xFF for ever. */
  tries = self->max_retries_passive == 0xFF ? 0 : self->max_retries_passive + 1u;
  g_mutex_unlock (&self->lock);

  pending->active = TRUE;
  pending->command = PN532_CMD_IN_LIST_PASSIVE_TARGET;
  /* Only 106 kbps type A (BrTy 0) finds our cards. */
  pn532_look_plan_list (&pending->plan, now, params[1] == 0x00, tries);
  pn532_emu_finish_pending (self);
}

static void
start_auto_poll (Pn532Emu     *self,
                 const guint8 *params,
                 gsize         n_params)
{
  Pn532Pending *pending = &self->pending;
  gint64 now = g_get_monotonic_time ();
  gboolean matches[G_N_ELEMENTS (pending->types)];
  Pn532EmuReading reading;
  gsize n_types;

  if (n_params < 3)
    {
      pn532_emu_send_syntax_error (self);
      return;
    }

  n_types = MIN (n_params - 2, G_N_ELEMENTS (pending->types));
  memcpy (pending->types, params + 2, n_types);
  /* Our cards do not speak ISO 14443-4, so PTT_ISO14443_4A does not find them. */
  for (gsize i = 0; i < n_types; i++)
    matches[i] = pending->types[i] == PTT_MIFARE || pending->types[i] == PTT_GENERIC_106;

  g_mutex_lock (&self->lock);
  set_field (self, TRUE, now);
  pending->deaf = lose_poll (self);
  reading = self->reading;
  g_mutex_unlock (&self->lock);

  pending->active = TRUE;
  pending->command = PN532_CMD_IN_AUTO_POLL;
  pending->n_wanted = 0;
  pn532_look_plan_auto_poll (&pending->plan, now, reading, params[0], params[1], matches, (guint) n_types);
  pn532_emu_finish_pending (self);
}

void
pn532_emu_handle_command (Pn532Emu     *self,
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

  pn532_emu_send_ack (self);

  switch (command)
    {
    case PN532_CMD_DIAGNOSE:
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
      pn532_emu_send_reply (self, command, reply, n);
      break;

    case PN532_CMD_GET_FIRMWARE_VERSION:
      reply[n++] = 0x32;   /* IC: PN532 */
      reply[n++] = 0x01;   /* version */
      reply[n++] = 0x06;   /* revision */
      reply[n++] = 0x07;   /* support: ISO 14443A, 14443B, ISO 18092 */
      pn532_emu_send_reply (self, command, reply, n);
      break;

    case PN532_CMD_GET_GENERAL_STATUS:
      g_mutex_lock (&self->lock);
      reply[n++] = 0x00;                       /* last error */
      reply[n++] = self->field ? 0x01 : 0x00;  /* external field */
      reply[n++] = 0x00;                       /* targets held */
      reply[n++] = 0x00;                       /* SAM status */
      g_mutex_unlock (&self->lock);
      pn532_emu_send_reply (self, command, reply, n);
      break;

    case PN532_CMD_READ_REGISTER:
      g_mutex_lock (&self->lock);
      for (gsize i = 0; i + 1 < n_params && n < sizeof reply; i += 2)
        reply[n++] = self->registers[(params[i] << 8) | params[i + 1]];
      g_mutex_unlock (&self->lock);
      pn532_emu_send_reply (self, command, reply, n);
      break;

    case PN532_CMD_WRITE_REGISTER:
      g_mutex_lock (&self->lock);
      for (gsize i = 0; i + 2 < n_params; i += 3)
        self->registers[(params[i] << 8) | params[i + 1]] = params[i + 2];
      g_mutex_unlock (&self->lock);
      pn532_emu_send_reply (self, command, NULL, 0);
      break;

    case PN532_CMD_SET_PARAMETERS:
    case PN532_CMD_SAM_CONFIGURATION:
      pn532_emu_send_reply (self, command, NULL, 0);
      break;

    case PN532_CMD_POWER_DOWN:
    case PN532_CMD_IN_DESELECT:
    case PN532_CMD_IN_RELEASE:
      reply[n++] = 0x00;   /* status: fine */
      pn532_emu_send_reply (self, command, reply, n);
      break;

    case PN532_CMD_RF_CONFIGURATION:
      g_mutex_lock (&self->lock);
      if (n_params >= 2 && params[0] == RF_ITEM_FIELD)
        set_field (self, (params[1] & 0x01) != 0, g_get_monotonic_time ());
      else if (n_params >= 4 && params[0] == RF_ITEM_RETRIES)
        self->max_retries_passive = params[3];
      g_mutex_unlock (&self->lock);
      pn532_emu_send_reply (self, command, NULL, 0);
      break;

    case PN532_CMD_IN_DATA_EXCHANGE:
    case PN532_CMD_IN_COMMUNICATE_THRU:
      /* The emulated cards say nothing beyond anticollision: status
       * 0x01, the target did not answer in time. */
      reply[n++] = 0x01;
      pn532_emu_send_reply (self, command, reply, n);
      break;

    case PN532_CMD_IN_LIST_PASSIVE_TARGET:
      start_list_passive_target (self, params, n_params);
      break;

    case PN532_CMD_IN_AUTO_POLL:
      start_auto_poll (self, params, n_params);
      break;

    default:
      g_debug ("PN532 emulator: command 0x%02X not emulated", command);
      pn532_emu_send_syntax_error (self);
      break;
    }
}
