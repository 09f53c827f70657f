/* pn532-emu-private.h — the emulated PN532's sense of time
 * (pn532-emu-rf.c), shared with the protocol side (pn532-emu.c). */
#pragma once

#include "pn532-emu.h"

G_BEGIN_DECLS

/* A time that never comes (monotonic µs). */
#define PN532_NEVER G_MAXINT64

/* Microseconds one byte takes on the serial line at its current speed
 * (8N1: ten bit times), read from the pty's termios, which libnfc sets. */
gint64 pn532_emu_line_byte_us (int tty_fd, guint *baud_out);

/* RF timings of ISO/IEC 14443 type A at 106 kbit/s (pn532-emu-rf.c). */
gint64 pn532_emu_activation_us (gsize uid_len);
#define PN532_EMU_POWER_UP_US  5000   /* a card's start-up in the field */
#define PN532_EMU_EMPTY_TRY_US 5000   /* one look that nobody answers */

/* When a running poll looks for a card: the command's time is cut into
 * n_slots slots of slot_us each (one per target type and round); in a
 * slot whose type a card can answer, the chip looks looks_per_slot times,
 * look_us apart, from the slot's start. */
typedef struct {
  gint64   start;
  gint64   slot_us;
  gint64   look_us;
  guint    looks_per_slot;
  guint    n_slots;           /* G_MAXUINT: endless */
  gboolean matches[16];       /* per type, repeated over the slots */
  guint    n_types;
} Pn532LookPlan;

/* InListPassiveTarget: tries looks (0: until a card answers). */
void   pn532_look_plan_list      (Pn532LookPlan *plan, gint64 start, gboolean matches, guint tries);
/* InAutoPoll: poll_nr rounds (0xFF: endless) over n_types types, period × 150 ms each. */
void   pn532_look_plan_auto_poll (Pn532LookPlan *plan, gint64 start, Pn532EmuReading reading,
                                  guint8 poll_nr, guint8 period, const gboolean *matches, guint n_types);
/* The first look at or after from in a slot a card answers; PN532_NEVER if none. */
gint64 pn532_look_plan_first     (const Pn532LookPlan *plan, gint64 from);
/* When the command gives up (PN532_NEVER when endless). */
gint64 pn532_look_plan_end       (const Pn532LookPlan *plan);
/* The type (index into the command's list) polled at time at. */
guint  pn532_look_plan_type_at   (const Pn532LookPlan *plan, gint64 at);

/* Command codes (PN532 user manual, section 7). */
enum {
  PN532_CMD_DIAGNOSE               = 0x00,
  PN532_CMD_GET_FIRMWARE_VERSION   = 0x02,
  PN532_CMD_GET_GENERAL_STATUS     = 0x04,
  PN532_CMD_READ_REGISTER          = 0x06,
  PN532_CMD_WRITE_REGISTER         = 0x08,
  PN532_CMD_SET_PARAMETERS         = 0x12,
  PN532_CMD_SAM_CONFIGURATION      = 0x14,
  PN532_CMD_POWER_DOWN             = 0x16,
  PN532_CMD_RF_CONFIGURATION       = 0x32,
  PN532_CMD_IN_DATA_EXCHANGE       = 0x40,
  PN532_CMD_IN_COMMUNICATE_THRU    = 0x42,
  PN532_CMD_IN_DESELECT            = 0x44,
  PN532_CMD_IN_LIST_PASSIVE_TARGET = 0x4A,
  PN532_CMD_IN_RELEASE             = 0x52,
  PN532_CMD_IN_AUTO_POLL           = 0x60,
};

#define PN532_UID_MAX   16    /* room for odd cards too (pn532_emu_place_odd_card) */
#define PN532_POLL_LOG  64

/* The poll that is running (emulator thread only). */
typedef struct {
  gboolean      active;
  guint8        command;
  Pn532LookPlan plan;
  guint8        types[16];    /* InAutoPoll */
  guint8        wanted[12];   /* InListPassiveTarget: select this UID only */
  gsize         n_wanted;
  gint64        next_event;   /* when to look at it again */
  gboolean      deaf;         /* the card's answers to this poll are lost */
} Pn532Pending;

struct _Pn532Emu {
  char           *link_path;

  /* Owned by the test thread. */
  GThread        *thread;
  int             master;
  int             slave;      /* kept open so the master never sees a hang-up */
  int             wake[2];

  GMutex          lock;
  /* Under lock: */
  gboolean        quit;
  Pn532EmuReading reading;
  guint8          uid[PN532_UID_MAX];
  gsize           uid_len;      /* 0: no card */
  gint64          placed_at;
  gboolean        selected;     /* activated: silent until the field goes off or it is put down again */
  gboolean        field;
  gint64          field_on_at;
  guint8          max_retries_passive;
  guint           polls_to_lose;  /* polls whose card answers are lost */
  guint           polls_with_card;
  guint           polls_empty;
  Pn532EmuPoll    poll_log[PN532_POLL_LOG];
  guint           poll_log_next;
  guint           commands[256];
  guint8          registers[0x10000];
  guint64         line_bytes;
  guint           baud;

  /* Emulator thread only: */
  GByteArray     *input;
  GByteArray     *last_reply;
  gint64          rx_done;      /* when the bytes read so far have crossed the line */
  Pn532Pending    pending;
};

/* pn532-emu.c: the serial line.  Writes after the bytes' time on the line. */
void pn532_emu_line_write    (Pn532Emu *self, const guint8 *data, gsize len);
void pn532_emu_send_reply    (Pn532Emu *self, guint8 command, const guint8 *data, gsize len);
void pn532_emu_send_ack      (Pn532Emu *self);
void pn532_emu_send_syntax_error (Pn532Emu *self);

/* pn532-emu-commands.c: one command frame from the host. */
void pn532_emu_handle_command  (Pn532Emu *self, guint8 command, const guint8 *params, gsize n_params);
/* Answers the running poll if its time has come; sets pending.next_event. */
void pn532_emu_finish_pending  (Pn532Emu *self);
/* Under lock: when the card on the reader can first answer a look. */
gint64 pn532_emu_card_ready_at (Pn532Emu *self);

G_END_DECLS
