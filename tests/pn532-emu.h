/* pn532-emu.h — a PN532 NFC controller emulated on a pseudo-terminal, for
 * tests that drive the real libnfc through its pn532_uart driver.
 *
 * The emulator owns a pty and a symlink to its slave side (the "device
 * node"); libnfc opens "pn532_uart:<link>".  It speaks the PN532 host
 * protocol over HSU: the wake-up preamble (0x55 …), normal and extended
 * information frames 00 00 FF LEN LCS D4 cmd … DCS 00, ACK 00 00 FF 00 FF 00
 * after every command, replies D5 cmd+1, NACK (resend) and the host's ACK
 * (abort a running command).  Commands answered: Diagnose,
 * GetFirmwareVersion (IC 0x32, v1.6), GetGeneralStatus, ReadRegister and
 * WriteRegister (64 K of register state), SetParameters, SAMConfiguration,
 * PowerDown, RFConfiguration (field, timings, retries), InListPassiveTarget
 * (106 kbps type A), InAutoPoll, InDeselect and InRelease; InDataExchange
 * and InCommunicateThru answer "target timed out" (the emulated card
 * speaks no higher protocol); anything else gets the syntax-error frame.
 *
 * A card (4-, 7- or 10-byte UID) can be placed and removed at any time.
 * Time is modelled (pn532-emu-rf.c): every byte takes its time on the
 * line at the speed libnfc set on the pty (115200 baud for PN532 HSU), a
 * look for a card takes its RF time, a card needs its start-up time in
 * the field and its activation time, and an activated card stays silent
 * until the field is switched off and on or it is put down again, as a
 * real card in the ACTIVE state would.  How InAutoPoll spends its Period
 * is a Pn532EmuReading, chosen at run time.
 *
 * unplug() closes the pty and removes the link, as a USB serial adapter
 * that is pulled out; replug() makes a new pty and points the same link
 * at it. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _Pn532Emu Pn532Emu;

/* What the chip does in each InAutoPoll period (UM0701 leaves it open). */
typedef enum {
  PN532_EMU_READING_CONTINUOUS,       /* looks again and again until a card answers */
  PN532_EMU_READING_ONCE_PER_PERIOD,  /* looks once at the start, then waits the period out */
} Pn532EmuReading;

/* "continuous" / "once-per-period" */
const char *pn532_emu_reading_to_string   (Pn532EmuReading reading);
gboolean    pn532_emu_reading_from_string (const char *text, Pn532EmuReading *reading);

/* One answered poll (InAutoPoll or InListPassiveTarget). */
typedef struct {
  gint64   at_us;       /* monotonic time the answer was sent */
  gboolean with_card;
} Pn532EmuPoll;

/* Starts an emulator whose device node is link_path (must not exist).
 * Its reading is $PN532_EMU_READING when set ("continuous" or
 * "once-per-period", anything else is an error), else continuous. */
Pn532Emu   *pn532_emu_new             (const char *link_path, GError **error);
void        pn532_emu_free            (Pn532Emu *self);

const char *pn532_emu_get_link_path   (Pn532Emu *self);
/* "pn532_uart:<link_path>" */
char       *pn532_emu_dup_connstring  (Pn532Emu *self);

void        pn532_emu_set_reading     (Pn532Emu *self, Pn532EmuReading reading);
Pn532EmuReading pn532_emu_get_reading (Pn532Emu *self);

void        pn532_emu_place_card      (Pn532Emu *self, const guint8 *uid, gsize uid_len);
/* A card whose UID has a length no real card has (1 to 16 bytes), which
 * the emulator reports faithfully, for readers that must refuse it. */
void        pn532_emu_place_odd_card  (Pn532Emu *self, const guint8 *uid, gsize uid_len);
void        pn532_emu_remove_card     (Pn532Emu *self);
/* The card's answers to the next n polls are lost (as in a noisy field):
 * they answer "no card" though one lies there. */
void        pn532_emu_lose_polls      (Pn532Emu *self, guint n);

void        pn532_emu_unplug          (Pn532Emu *self);
gboolean    pn532_emu_replug          (Pn532Emu *self, GError **error);
gboolean    pn532_emu_is_plugged      (Pn532Emu *self);

/* Polls answered (InAutoPoll and InListPassiveTarget), with or without a card. */
guint       pn532_emu_get_polls       (Pn532Emu *self, gboolean with_card);
/* The last answered polls (at most max, at most 64), oldest first. */
guint       pn532_emu_copy_polls      (Pn532Emu *self, Pn532EmuPoll *polls, guint max);
/* Bytes that crossed the line, both ways, and its speed in baud. */
guint64     pn532_emu_get_line_bytes  (Pn532Emu *self);
guint       pn532_emu_get_baud        (Pn532Emu *self);
/* Frames received with this command code. */
guint       pn532_emu_get_command_count (Pn532Emu *self, guint8 command);
guint8      pn532_emu_get_register    (Pn532Emu *self, guint16 address);
gboolean    pn532_emu_get_field       (Pn532Emu *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Pn532Emu, pn532_emu_free)

G_END_DECLS
