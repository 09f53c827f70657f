/* nk-attendance.h — check-in and check-out: a child's card, a guardian's
 * choice, staff by hand, authorised pickup, stays left open.  Every action
 * is one record (nk-record.h) and returns a result the view can show.
 * What a card means at all is NkDoor's (nk-door.h). */
#pragma once

#include <glib-object.h>
#include "nk-types.h"
#include "nk-store.h"
#include "nk-centre.h"
#include "nk-record.h"

G_BEGIN_DECLS

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

/* Whom a note on a tap's result is for (nk-door-notes.h). */
typedef enum {
  NK_NOTE_FAMILY,   /* the guardian or child at the door */
  NK_NOTE_STAFF,    /* the caregiver standing by the door */
} NkNoteAudience;

typedef enum {
  NK_NOTE_INFO,
  NK_NOTE_WARNING,  /* something to act on now: an allergen on today's menu */
} NkNoteLevel;

/* What a tap should tell beyond its outcome, one per key. */
typedef struct {
  NkNoteAudience audience;
  NkNoteLevel    level;
  char          *key;        /* e.g. "menu.allergen" */
  char          *child_id;   /* whom it is about, or NULL (the tap's holder) */
  char          *text;       /* translated, one or two short sentences */
} NkTapNote;

/* What one tap or one action came to.  Reference counted, immutable
 * once the door returns it (the door adds its notes before). */
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
  char        *staff_room_id; /* for staff outcomes: the room they work in, or NULL */
  GPtrArray   *notes;         /* NkTapNote*, in the order added; NULL when none */
} NkTapResult;

#define NK_TYPE_TAP_RESULT (nk_tap_result_get_type ())
GType        nk_tap_result_get_type (void);
NkTapResult *nk_tap_result_ref      (NkTapResult *result);
void         nk_tap_result_unref    (NkTapResult *result);
/* Adds a note (a copy of text) about child_id (may be NULL); a second
 * note with the same key and child replaces nothing and is dropped. */
void         nk_tap_result_add_note (NkTapResult *result, NkNoteAudience audience, NkNoteLevel level,
                                     const char *key, const char *child_id, const char *text);
guint        nk_tap_result_get_n_notes (const NkTapResult *result);
const NkTapNote *nk_tap_result_get_note (const NkTapResult *result, guint i);
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
  guint      staff_assigned; /* staff of the room on the roster (active) */
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

NkAttendance *nk_attendance_new        (NkStore *store, NkCentre *centre);
NkStore      *nk_attendance_get_store  (NkAttendance *self);
NkCentre     *nk_attendance_get_centre (NkAttendance *self);

/* A child's own card (NkDoor has found it and its holder).  repeat: the
 * door's debounce says the same holder was just served; the child is
 * then answered NK_TAP_ALREADY_RECORDED and nothing is written.  Returns
 * NULL only when the database failed or the clock is wrong. */
NkTapResult *nk_attendance_child_card    (NkAttendance *self, const char *uid, const char *child_id,
                                          gboolean repeat, GError **error);
/* A guardian's card: their children for the chooser (NK_TAP_FAMILY), or
 * NK_TAP_NO_CHILDREN; records nothing. */
NkTapResult *nk_attendance_guardian_card (NkAttendance *self, const char *uid, const char *guardian_id,
                                          gboolean repeat, GError **error);

/* A guardian confirmed their choice on the chooser.  One record for all
 * children; returns one NkTapResult per child, in order (check-in, check-out
 * or NK_TAP_NOT_AUTHORISED, which also writes an audit row and a "refusal"
 * event).  directions (may be NULL) says what the chooser offered for each
 * child; a child whose state changed meanwhile is answered
 * NK_TAP_ALREADY_RECORDED and left as is. */
GPtrArray   *nk_attendance_confirm_family (NkAttendance *self, const char *guardian_id,
                                           const char *const *child_ids,
                                           const NkDirection *directions, GError **error);

/* Staff checks a child in or out by hand (forgotten card); reason required. */
NkTapResult *nk_attendance_manual (NkAttendance *self, const char *staff_id, const char *child_id,
                                   NkDirection direction, const char *reason, GError **error);
/* The same inside the caller's record, whose actor is the staff member:
 * for a rule of another kind that checks a child out as part of its own
 * record (a health check that does not admit the child). */
NkTapResult *nk_attendance_manual_in (NkAttendance *self, NkRecord *rec, const char *child_id,
                                      NkDirection direction, const char *reason, GError **error);

/* Closes check-ins left open on earlier days as "not checked out" (an
 * event and an outbox row each).  Returns how many were closed, -1 on error. */
int          nk_attendance_close_stale (NkAttendance *self, GError **error);
/* Stays closed as "not checked out" in the last `days` days, newest first. */
GPtrArray   *nk_attendance_list_open_stays (NkAttendance *self, guint days, GError **error);

/* Rooms with today's presence (NkRoomSummary*), youngest first, then by name. */
GPtrArray   *nk_attendance_list_rooms (NkAttendance *self, GError **error);

G_END_DECLS
