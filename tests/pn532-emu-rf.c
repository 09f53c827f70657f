/* pn532-emu-rf.c — how long things take in the emulated PN532: bytes on
 * the serial line, looks for a card over RF, a card's activation.
 *
 * What UM0701 (PN532 user manual, rev. 02, §7.3.13 InAutoPoll) says:
 * PollNr is the number of pollings, "one polling is a polling for each
 * Type j" (0x01–0xFE, 0xFF endless); Period (0x01–0x0F) "indicates the
 * polling period in units of 150 ms"; Type 1 is polled first, Types 2…N
 * (N ≤ 15) after it.  It does not say what the chip does inside a period:
 * keep sending REQA until a card answers, or send it once and wait the
 * period out.  libnfc's documentation takes the first reading ("it will
 * poll each desired target type during 1.5 s" for Period 10); nothing in
 * the manual excludes the second.  The emulator offers both
 * (Pn532EmuReading), and the reader must work well under either.
 *
 * InListPassiveTarget is not in doubt: MxRtyPassiveActivation
 * (RFConfiguration item 5) is the number of retries, 0xFF for ever, so a
 * command makes retries + 1 looks back to back and answers at the first
 * card.  libnfc sets 0xFF (NP_INFINITE_SELECT on) or 0x02 (off).
 *
 * The figures below are ISO/IEC 14443 frame arithmetic, not measured on a
 * chip: at 106 kbit/s a bit is 128/fc ≈ 9.44 µs, a byte with its parity
 * ≈ 85 µs.  REQA and ATQA with their frame delay take ≈ 0.3 ms; each
 * cascade level (ANTICOLLISION, the 5 bytes of UID part and BCC, SELECT
 * with CRC, SAK, four frame delays) ≈ 1.8 ms, so a 4-byte UID is active
 * after ≈ 2.1 ms, a 7-byte one after ≈ 3.9 ms.  A look nobody answers is
 * taken as 5 ms (REQA, the chip's answer timeout and its own work between
 * retries; the manual gives no figure).  A card needs up to 5 ms after
 * the field reaches it before it answers (ISO/IEC 14443-3's start-up
 * time), after being put down as after the field was switched back on. */
#include "config.h"

#include <termios.h>

#include "pn532-emu-private.h"

#define REQA_US           300
#define CASCADE_LEVEL_US  1800
#define PERIOD_UNIT_US    (150 * G_TIME_SPAN_MILLISECOND)

gint64
pn532_emu_activation_us (gsize uid_len)
{
  guint levels = uid_len <= 4 ? 1 : uid_len <= 7 ? 2 : 3;

  return REQA_US + (gint64) levels * CASCADE_LEVEL_US;
}

static guint
speed_to_baud (speed_t speed)
{
  static const struct { speed_t speed; guint baud; } table[] = {
    { B9600, 9600 }, { B19200, 19200 }, { B38400, 38400 }, { B57600, 57600 },
    { B115200, 115200 }, { B230400, 230400 }, { B460800, 460800 }, { B921600, 921600 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (table); i++)
    if (table[i].speed == speed)
      return table[i].baud;
  return 0;
}

gint64
pn532_emu_line_byte_us (int       tty_fd,
                        guint    *baud_out)
{
  struct termios tio;
  guint baud = 0;

  if (tty_fd >= 0 && tcgetattr (tty_fd, &tio) == 0)
    baud = speed_to_baud (cfgetospeed (&tio));
  /* PN532 HSU's own speed when the host set none we know. */
  if (baud == 0)
    baud = 115200;
  if (baud_out != NULL)
    *baud_out = baud;

  return (10 * G_USEC_PER_SEC + baud - 1) / baud;
}

void
pn532_look_plan_list (Pn532LookPlan *plan,
                      gint64         start,
                      gboolean       matches,
                      guint          tries)
{
  *plan = (Pn532LookPlan) {
    .start = start,
    .look_us = PN532_EMU_EMPTY_TRY_US,
    .n_types = 1,
  };
  plan->matches[0] = matches;
  if (tries == 0)
    {
      plan->slot_us = PN532_EMU_EMPTY_TRY_US;
      plan->looks_per_slot = 1;
      plan->n_slots = G_MAXUINT;
    }
  else
    {
      plan->slot_us = (gint64) tries * PN532_EMU_EMPTY_TRY_US;
      plan->looks_per_slot = tries;
      plan->n_slots = 1;
    }
}

void
pn532_look_plan_auto_poll (Pn532LookPlan   *plan,
                           gint64           start,
                           Pn532EmuReading  reading,
                           guint8           poll_nr,
                           guint8           period,
                           const gboolean  *matches,
                           guint            n_types)
{
  *plan = (Pn532LookPlan) {
    .start = start,
    .slot_us = (gint64) MAX (period, 1) * PERIOD_UNIT_US,
    .look_us = PN532_EMU_EMPTY_TRY_US,
    .n_types = MAX (MIN (n_types, G_N_ELEMENTS (plan->matches)), 1),
  };
  for (guint i = 0; i < plan->n_types && i < n_types; i++)
    plan->matches[i] = matches[i];
  plan->n_slots = poll_nr == 0xFF ? G_MAXUINT : (guint) poll_nr * plan->n_types;
  plan->looks_per_slot = reading == PN532_EMU_READING_CONTINUOUS
                           ? (guint) (plan->slot_us / plan->look_us)
                           : 1;
}

gint64
pn532_look_plan_end (const Pn532LookPlan *plan)
{
  if (plan->n_slots == G_MAXUINT)
    return PN532_NEVER;
  return plan->start + (gint64) plan->n_slots * plan->slot_us;
}

guint
pn532_look_plan_type_at (const Pn532LookPlan *plan,
                         gint64               at)
{
  gint64 slot = at <= plan->start ? 0 : (at - plan->start) / plan->slot_us;

  return (guint) (slot % plan->n_types);
}

gint64
pn532_look_plan_first (const Pn532LookPlan *plan,
                       gint64               from)
{
  gboolean any = FALSE;
  guint64 slot;

  for (guint i = 0; i < plan->n_types; i++)
    any = any || plan->matches[i];
  if (!any || from == PN532_NEVER)
    return PN532_NEVER;

  slot = from <= plan->start ? 0 : (guint64) ((from - plan->start) / plan->slot_us);
  /* Within n_types + 1 slots a matching one comes, or the command ends. */
  for (guint k = 0; k <= plan->n_types && slot < plan->n_slots; k++, slot++)
    {
      gint64 base = plan->start + (gint64) slot * plan->slot_us;
      gint64 look;

      if (!plan->matches[slot % plan->n_types])
        continue;
      look = from <= base ? 0 : (from - base + plan->look_us - 1) / plan->look_us;
      if (look < plan->looks_per_slot)
        return base + look * plan->look_us;
    }

  return PN532_NEVER;
}
