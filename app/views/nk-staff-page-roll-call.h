/* nk-staff-page-roll-call.h — the emergency roll call in staff mode: the
 * tool "Roll call" (every role) starts one, or joins the one open
 * ("rollcall.open"); its page is "roll-call" in the staff page's inner
 * stack.  While a roll call is open staff mode does not lock itself, and
 * staff mode opening (a card, a PIN, after a restart) goes to it. */
#pragma once

#include "nk-staff-page.h"

G_BEGIN_DECLS

void     nk_staff_page_roll_call_class_init (GtkWidgetClass *widget_class);
void     nk_staff_page_roll_call_init       (NkStaffPage *self);
/* When staff mode opens: shows the roll call open at this kiosk, if any. */
void     nk_staff_page_roll_call_open       (NkStaffPage *self);
/* When staff mode closes. */
void     nk_staff_page_roll_call_close      (NkStaffPage *self);
/* Whether a roll call is open on its page: staff mode does not lock. */
gboolean nk_staff_page_roll_call_holds_lock (NkStaffPage *self);

G_END_DECLS
