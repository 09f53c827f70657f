/* nk-reader.h — card readers behind one interface.  Every backend emits
 * "card-tapped" (const char *uid) on the main context that created it,
 * with the UID normalised by nk_uid_normalise() using the reader's
 * NkUidOptions (or, when that fails, the raw text trimmed, which the core
 * answers as an unreadable card). */
#pragma once

#include <glib-object.h>
#include "core/nk-uid.h"

G_BEGIN_DECLS

typedef enum {
  NK_READER_STATE_STOPPED,
  NK_READER_STATE_CONNECTING,    /* opening / looking for the device */
  NK_READER_STATE_READY,         /* polling, taps will be seen */
  NK_READER_STATE_DISCONNECTED,  /* unplugged or gone; retrying */
  NK_READER_STATE_FAILED,        /* cannot work (bad spec, no permission); message says why */
} NkReaderState;

#define NK_TYPE_READER_STATE (nk_reader_state_get_type ())
GType nk_reader_state_get_type (void);

#define NK_TYPE_READER (nk_reader_get_type ())
G_DECLARE_DERIVABLE_TYPE (NkReader, nk_reader, NK, READER, GObject)

struct _NkReaderClass {
  GObjectClass parent_class;

  /* Start watching for cards; may return before the device is open
   * (state says how it goes).  Called on the main thread. */
  gboolean (*start) (NkReader *self, GError **error);
  /* Stop and join any thread; called from dispose too. */
  void     (*stop)  (NkReader *self);
};

/* spec: "sim", "nfc", "nfc:CONNSTRING", "wedge", "wedge:/dev/input/eventN"
 *
 *   sim           the simulator (NkReaderSim); taps come from nk_reader_sim_tap().
 *   nfc           libnfc's default device: LIBNFC_DEFAULT_DEVICE, else the
 *                 device in /etc/nfc/libnfc.conf, else the first one libnfc's
 *                 scan finds (USB readers such as the ACR122U; serial readers
 *                 only when named, libnfc does not probe serial ports).
 *   nfc:CONN      the libnfc connection string CONN, e.g.
 *                 "pn532_uart:/dev/ttyUSB0" or "acr122_usb".
 *   wedge         a keyboard-emulating USB reader found automatically: the
 *                 first /dev/input/eventN (in N order) that reports keys
 *                 (KEY_0 … KEY_9 and KEY_ENTER) and whose name contains
 *                 "RFID", "Reader" or "Card" (any case); retried every 2 s
 *                 until one is plugged in.
 *   wedge:DEVICE  that evdev device, an absolute path such as
 *                 /dev/input/event3 or /dev/input/by-id/usb-…-event-kbd.
 *
 * uid_options (NULL for plain hex) say how a wedge or simulated reader
 * reports UIDs; nfc readers always get the bytes from the card, in card
 * order, and ignore them.  Anything else fails with G_IO_ERROR_INVALID_ARGUMENT
 * and a translated message. */
NkReader     *nk_reader_new_for_spec (const char *spec, const NkUidOptions *uid_options, GError **error);

gboolean      nk_reader_start          (NkReader *self, GError **error);
void          nk_reader_stop           (NkReader *self);
NkReaderState nk_reader_get_state      (NkReader *self);
/* Plain words for the state, e.g. "NFC reader unplugged — retrying". */
const char   *nk_reader_get_message    (NkReader *self);
/* The backend's name: "sim", "nfc", "wedge". */
const char   *nk_reader_get_kind       (NkReader *self);

/* For backends: thread-safe; normalises raw and emits "card-tapped" on the
 * reader's main context. */
void          nk_reader_deliver        (NkReader *self, const char *raw);
/* For backends: thread-safe; sets state and message on the main context. */
void          nk_reader_report_state   (NkReader *self, NkReaderState state, const char *message);

G_END_DECLS
