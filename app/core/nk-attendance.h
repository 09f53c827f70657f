/* nk-attendance.h — the door's rules.  Every user action is one call
 * that validates its input, writes its rows and its outbox row in one
 * transaction, and returns a result the view can show. */
#pragma once

#include <glib-object.h>
#include "nk-types.h"
#include "nk-store.h"

G_BEGIN_DECLS

#define NK_ATTENDANCE_ERROR (nk_attendance_error_quark ())
GQuark nk_attendance_error_quark (void);

typedef enum {
  NK_ATTENDANCE_ERROR_CLOCK,  /* the wall clock cannot be right */
} NkAttendanceError;

/* No kiosk ran before this (2024-01-01 UTC): an earlier clock is wrong. */
#define NK_ATTENDANCE_CLOCK_FLOOR_US (G_GINT64_CONSTANT (1704067200) * G_USEC_PER_SEC)
/* A wall-clock step larger than this against the monotonic clock is a jump. */
#define NK_ATTENDANCE_CLOCK_JUMP_US (G_GINT64_CONSTANT (300) * G_USEC_PER_SEC)

/* One child as a guardian's chooser shows it. */
typedef struct {
  char     *child_id;
  char     *name;
  char     *initials;
  char     *room_name;
  char     *photo;          /* file path or NULL */
  gboolean  present;        /* checked in now */
  gboolean  can_pickup;     /* this guardian may check the child out */
} NkFamilyChild;

/* What one tap or one action came to.  Reference counted, immutable. */
typedef struct {
  NkTapOutcome outcome;
  char        *uid;           /* the card, normalised (NULL for manual actions) */
  gint64       at_us;         /* UTC, microseconds */
  char        *event_id;      /* attendance / clock event made, or NULL */
  NkHolderKind holder;        /* whose card (when known) */
  char        *person_id;     /* child, guardian or staff id */
  char        *person_name;
  char        *initials;
  char        *photo;
  char        *room_name;     /* the child's room, for child outcomes */
  char        *message;       /* extra plain words, e.g. why refused; may be NULL */
  GPtrArray   *family;        /* NkFamilyChild*, for NK_TAP_FAMILY */
  NkStaffRole  role;          /* for staff outcomes */
} NkTapResult;

#define NK_TYPE_TAP_RESULT (nk_tap_result_get_type ())
GType        nk_tap_result_get_type (void);
NkTapResult *nk_tap_result_ref      (NkTapResult *result);
void         nk_tap_result_unref    (NkTapResult *result);
/* "HH:MM" of at_us in tz */
char        *nk_tap_result_format_time (const NkTapResult *result, GTimeZone *tz);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NkTapResult, nk_tap_result_unref)

/* Children present per room, for staff mode and the director. */
typedef struct {
  char    *child_id;
  char    *name;
  char    *initials;
  gboolean present;
  gint64   since_us;        /* time of the last event today, 0 when none */
  gboolean checked_out;     /* came and went today */
} NkRoomChild;

typedef struct {
  char      *room_id;
  char      *name;
  NkRoomKind kind;
  guint      places;
  guint      present;
  guint      enrolled;
  guint      staff_present;  /* caregivers of the room clocked in */
  GPtrArray *children;       /* NkRoomChild*, by name */
} NkRoomSummary;

void nk_room_summary_free (NkRoomSummary *summary);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NkRoomSummary, nk_room_summary_free)

/* A check-in left open on an earlier day, closed as "not checked out". */
typedef struct {
  char *child_id;
  char *name;
  char *room_name;
  char *date;              /* YYYY-MM-DD, local */
  gint64 checked_in_us;
} NkOpenStay;

void nk_open_stay_free (NkOpenStay *stay);

#define NK_TYPE_ATTENDANCE (nk_attendance_get_type ())
G_DECLARE_FINAL_TYPE (NkAttendance, nk_attendance, NK, ATTENDANCE, GObject)

/* store: the open database; tz: the centre's time zone (ref taken). */
NkAttendance *nk_attendance_new          (NkStore *store, GTimeZone *tz);
NkStore      *nk_attendance_get_store    (NkAttendance *self);
GTimeZone    *nk_attendance_get_timezone (NkAttendance *self);
void          nk_attendance_set_clock    (NkAttendance *self, const NkClock *clock);
/* Same card again inside this many seconds records nothing (default 10). */
void          nk_attendance_set_debounce (NkAttendance *self, guint seconds);

/* A card at the door.  uid should be normalised (nk_uid_normalise); anything
 * else is answered NK_TAP_INVALID_UID.  Returns NULL only when the database
 * failed (error says how: disk full, locked, …); nothing was recorded then. */
NkTapResult *nk_attendance_tap (NkAttendance *self, const char *uid, GError **error);

/* A guardian confirmed their choice on the chooser.  One transaction for all
 * children; returns one NkTapResult per child, in order (check-in, check-out
 * or NK_TAP_NOT_AUTHORISED, which also writes an audit row).  directions
 * (may be NULL) says what the chooser offered for each child; a child whose
 * state changed meanwhile is answered NK_TAP_ALREADY_RECORDED and left as is. */
GPtrArray   *nk_attendance_confirm_family (NkAttendance *self, const char *guardian_id,
                                           const char *const *child_ids,
                                           const NkDirection *directions, GError **error);

/* Staff checks a child in or out by hand (forgotten card); reason required. */
NkTapResult *nk_attendance_manual (NkAttendance *self, const char *staff_id, const char *child_id,
                                   NkDirection direction, const char *reason, GError **error);

/* Staff clocks out from staff mode. */
NkTapResult *nk_attendance_staff_clock_out (NkAttendance *self, const char *staff_id, GError **error);

/* Closes check-ins left open on earlier days as "not checked out" (an
 * event and an outbox row each).  Returns how many were closed, -1 on error. */
int          nk_attendance_close_stale (NkAttendance *self, GError **error);
/* Stays closed as "not checked out" in the last `days` days, newest first. */
GPtrArray   *nk_attendance_list_open_stays (NkAttendance *self, guint days, GError **error);

/* Rooms with today's presence (NkRoomSummary*), youngest first, then by name. */
GPtrArray   *nk_attendance_list_rooms (NkAttendance *self, GError **error);

/* "YYYY-MM-DD" of now in the centre's time zone. */
char        *nk_attendance_today (NkAttendance *self);

/* signal "refused" (NkTapResult*): an unauthorised check-out was tried;
 * the door alerts staff on screen.
 * signal "clock-jumped" (gint64 µs): the wall clock stepped against the
 * monotonic clock between two actions. */

G_END_DECLS
