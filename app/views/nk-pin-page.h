/* nk-pin-page.h — the staff PIN pad: six digits by touch (or keyboard),
 * checked against the staff PINs off the main thread (nk-staff-pin.h).
 * A right PIN emits "opened" with the staff id; the window opens staff
 * mode as the staff card would.  Locked PIN entry shows the minutes left;
 * untouched for idle-seconds (20) the pad emits "cancelled". */
#pragma once

#include <gtk/gtk.h>

#include "core/nk-door.h"

G_BEGIN_DECLS

#define NK_TYPE_PIN_PAGE (nk_pin_page_get_type ())
G_DECLARE_FINAL_TYPE (NkPinPage, nk_pin_page, NK, PIN_PAGE, GtkWidget)

GtkWidget  *nk_pin_page_new          (void);
/* Shown: an empty PIN, the lock state, the idle timer started. */
void        nk_pin_page_open         (NkPinPage *self);
/* Left: the digits are forgotten, a try still being checked is counted
 * but no longer shown, the timers stop. */
void        nk_pin_page_reset        (NkPinPage *self);
/* One key of the pad ('0'…'9'). */
void        nk_pin_page_press_digit  (NkPinPage *self, char digit);

/* What is on screen, for tests. */
guint       nk_pin_page_get_n_digits (NkPinPage *self);
const char *nk_pin_page_get_message  (NkPinPage *self);
gboolean    nk_pin_page_get_locked   (NkPinPage *self);
gboolean    nk_pin_page_get_checking (NkPinPage *self);

/* signal "opened" (const char *staff_id): a right PIN.
 * signal "cancelled": Cancel, Escape, or left untouched. */

G_END_DECLS
