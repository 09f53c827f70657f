/* nk-staff-clock.h — caregivers clocking in and out.  The first tap of a
 * staff card on a day clocks in; clocking out is a deliberate button in
 * staff mode.  Each is one record (nk-record.h). */
#pragma once

#include <glib-object.h>

#include "nk-attendance.h"
#include "nk-centre.h"
#include "nk-store.h"

G_BEGIN_DECLS

#define NK_TYPE_STAFF_CLOCK (nk_staff_clock_get_type ())
G_DECLARE_FINAL_TYPE (NkStaffClock, nk_staff_clock, NK, STAFF_CLOCK, GObject)

NkStaffClock *nk_staff_clock_new (NkStore *store, NkCentre *centre);

/* A staff card: NK_TAP_STAFF_CLOCKED_IN on the first tap of the day,
 * NK_TAP_STAFF_OPEN after it, NK_TAP_INACTIVE for someone who left. */
NkTapResult  *nk_staff_clock_card (NkStaffClock *self, const char *uid, const char *staff_id,
                                   GError **error);
/* The same for a right staff PIN (nk-staff-pin.h): uid NULL, a clock-in
 * recorded with method "manual". */
NkTapResult  *nk_staff_clock_pin  (NkStaffClock *self, const char *staff_id, GError **error);
/* Clocks out from staff mode (NK_TAP_STAFF_CLOCKED_OUT). */
NkTapResult  *nk_staff_clock_out  (NkStaffClock *self, const char *staff_id, GError **error);
/* Whether staff_id is clocked in today. */
gboolean      nk_staff_clock_is_in (NkStaffClock *self, const char *staff_id, gboolean *in,
                                    GError **error);

G_END_DECLS
