/* nk-reader-wedge.h — USB card readers that pretend to be a keyboard and
 * type the card number and Enter ("keyboard wedge").  Read through evdev,
 * grabbed so the numbers never reach another window, decoded from
 * layout-independent keycodes (nk-wedge-decoder.h).
 *
 * With no device the reader is found automatically: the first
 * /dev/input/eventN, in N order, that has the keys KEY_0…KEY_9 and
 * KEY_ENTER and whose name contains "RFID", "Reader" or "Card" (any case).
 *
 * States: READY while grabbed; DISCONNECTED (retried every
 * retry-interval) when the device is missing, unplugged or grabbed by
 * another program; FAILED when the kiosk may not read it (permissions) or
 * it is no input device. */
#pragma once

#include "nk-reader.h"

G_BEGIN_DECLS

#define NK_READER_WEDGE_DEFAULT_RETRY_MS 2000

#define NK_TYPE_READER_WEDGE (nk_reader_wedge_get_type ())
G_DECLARE_FINAL_TYPE (NkReaderWedge, nk_reader_wedge, NK, READER_WEDGE, NkReader)

/* device: an evdev path such as /dev/input/event3, or NULL to find one.
 * uid_options: how the reader types UIDs; NULL for plain hex. */
NkReaderWedge *nk_reader_wedge_new                (const char *device, const NkUidOptions *uid_options);
/* The configured device, NULL when found automatically. */
const char    *nk_reader_wedge_get_device         (NkReaderWedge *self);
/* The device open now, NULL when none. */
const char    *nk_reader_wedge_get_open_device    (NkReaderWedge *self);
guint          nk_reader_wedge_get_retry_interval (NkReaderWedge *self);
void           nk_reader_wedge_set_retry_interval (NkReaderWedge *self, guint msec);
/* TRUE when an evdev device of this name and these keys looks like a card
 * reader (the rule above); exposed for tests. */
gboolean       nk_reader_wedge_name_matches       (const char *name);

G_END_DECLS
