/* admin-pin.h — nursery-kiosk-admin set-pin: reading the PIN.  Kept apart
 * from admin-main.c because it talks to the terminal. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The new PIN for staff_id from standard input: on a terminal asked twice
 * and not shown (the two must match), from a pipe one line.  Checked with
 * nk_staff_pin_check (); NULL with error set when there is none, it is
 * refused or the two differ.  The caller wipes it after use. */
char *nk_admin_read_pin (const char *staff_id, GError **error);

G_END_DECLS
