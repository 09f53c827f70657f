/* nk-door.h — a card at the door: what it is, whose it is, whether the
 * same holder was just served (debounce: this door's taps on the
 * monotonic clock, the other doors' by their relayed records), and
 * which rule answers it (NkAttendance for children and guardians,
 * NkStaffClock for staff).  The views hold one NkDoor. */
#pragma once

#include <glib-object.h>

#include "nk-attendance.h"
#include "nk-centre.h"
#include "nk-staff-clock.h"
#include "nk-staff-pin.h"
#include "nk-store.h"

G_BEGIN_DECLS

#define NK_TYPE_DOOR (nk_door_get_type ())
G_DECLARE_FINAL_TYPE (NkDoor, nk_door, NK, DOOR, GObject)

NkDoor       *nk_door_new             (NkStore *store, NkCentre *centre);
NkStore      *nk_door_get_store       (NkDoor *self);
NkCentre     *nk_door_get_centre      (NkDoor *self);
NkAttendance *nk_door_get_attendance  (NkDoor *self);
NkStaffClock *nk_door_get_staff_clock (NkDoor *self);
/* The PIN pad's checker (nk-staff-pin.h). */
NkStaffPin   *nk_door_get_staff_pin   (NkDoor *self);
/* The centre's time zone (nk_centre_get_timezone). */
GTimeZone    *nk_door_get_timezone    (NkDoor *self);
/* Same holder again inside this many seconds, at this door or another
 * door of the centre, records nothing (default 10). */
void          nk_door_set_debounce    (NkDoor *self, guint seconds);

/* A card at the door.  uid should be normalised (nk_uid_normalise); anything
 * else is answered NK_TAP_INVALID_UID.  Returns NULL only when the database
 * failed (error says how: disk full, locked, …) or the clock is wrong;
 * nothing was recorded then. */
NkTapResult  *nk_door_tap             (NkDoor *self, const char *uid, GError **error);

/* A right staff PIN (nk_staff_pin_verify_finish said who): the same as
 * that staff member's card (nk_staff_clock_pin), NK_TAP_STAFF_CLOCKED_IN,
 * NK_TAP_STAFF_OPEN or NK_TAP_INACTIVE. */
NkTapResult  *nk_door_staff_pin       (NkDoor *self, const char *staff_id, GError **error);

/* The guardian's choice on the chooser (nk_attendance_confirm_family),
 * counted by the debounce: the guardian's card, and the cards of the
 * children recorded, are "just served". */
GPtrArray    *nk_door_confirm_family  (NkDoor *self, const char *guardian_id,
                                       const char *const *child_ids,
                                       const NkDirection *directions, GError **error);

/* signal "refused" (NkTapResult*): an unauthorised check-out was tried;
 * the door alerts staff on screen. */

G_END_DECLS
