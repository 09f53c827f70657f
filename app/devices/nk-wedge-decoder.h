/* nk-wedge-decoder.h — turns the key events of a keyboard-emulating
 * ("wedge") card reader into card numbers.  Pure: no I/O, no threads.
 *
 * Rules, on layout-independent evdev keycodes:
 *  - key-down (value 1) of KEY_0…KEY_9, KEY_KP0…KEY_KP9 and KEY_A…KEY_F
 *    appends "0"…"9" / "A"…"F";
 *  - KEY_ENTER or KEY_KPENTER ends the card number (nothing when empty);
 *  - key-up (0) and auto-repeat (2) events, other events (EV_SYN reports,
 *    EV_MSC scan codes …), Shift, Caps Lock and Num Lock are ignored;
 *  - SYN_DROPPED (the kernel lost events) resets the buffer;
 *  - any other key resets the buffer (it was typing, not a card);
 *  - more than NK_WEDGE_DECODER_MAX_CHARS characters before Enter resets
 *    with a journal warning, and the rest of that line up to Enter is
 *    dropped, so its tail is never taken for a card. */
#pragma once

#include <glib.h>
#include <linux/input.h>

G_BEGIN_DECLS

#define NK_WEDGE_DECODER_MAX_CHARS 32

typedef struct _NkWedgeDecoder NkWedgeDecoder;

NkWedgeDecoder *nk_wedge_decoder_new   (void);
void            nk_wedge_decoder_free  (NkWedgeDecoder *self);
void            nk_wedge_decoder_reset (NkWedgeDecoder *self);
/* Feeds one event.  Returns the card number (raw, as typed: the reader's
 * NkUidOptions say how to read it) when this event completed one, else
 * NULL. */
char           *nk_wedge_decoder_feed  (NkWedgeDecoder *self, const struct input_event *event);
/* The characters collected so far (for tests and debugging). */
const char     *nk_wedge_decoder_peek  (NkWedgeDecoder *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NkWedgeDecoder, nk_wedge_decoder_free)

G_END_DECLS
