/* nk-types.h — enums and small types shared by every part of the kiosk.
 * core/ never includes GTK. */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum {
  NK_ROOM_INFANT,          /* 乳儿班 6–12 months, ≤ 10 places, 1:3 */
  NK_ROOM_TODDLER,         /* 托小班 12–24 months, ≤ 15 places, 1:5 */
  NK_ROOM_SENIOR_TODDLER,  /* 托大班 24–36 months, ≤ 20 places, 1:7 */
} NkRoomKind;

typedef enum {
  NK_STAFF_CAREGIVER,
  NK_STAFF_DIRECTOR,
  NK_STAFF_HEALTH,
} NkStaffRole;

typedef enum {
  NK_HOLDER_CHILD,
  NK_HOLDER_GUARDIAN,
  NK_HOLDER_STAFF,
} NkHolderKind;

typedef enum {
  NK_DIRECTION_IN,
  NK_DIRECTION_OUT,
} NkDirection;

/* What one tap (or one confirmed choice) came to.  Every outcome has its
 * own colour, text and sound at the door. */
typedef enum {
  NK_TAP_CHECKED_IN,        /* a child was checked in */
  NK_TAP_CHECKED_OUT,       /* a child was checked out */
  NK_TAP_ALREADY_RECORDED,  /* same card again inside the debounce window */
  NK_TAP_UNKNOWN_CARD,      /* no such card */
  NK_TAP_LOST_CARD,         /* card reported lost */
  NK_TAP_INVALID_UID,       /* the reader gave something that is not a UID */
  NK_TAP_FAMILY,            /* a guardian: choose among their children */
  NK_TAP_NOT_AUTHORISED,    /* check-out refused: not an authorised pickup */
  NK_TAP_NO_CHILDREN,       /* a guardian card with no linked child */
  NK_TAP_INACTIVE,          /* the card's child or staff member has left */
  NK_TAP_STAFF_CLOCKED_IN,  /* a staff card: clocked in, staff mode opens */
  NK_TAP_STAFF_OPEN,        /* a staff card already clocked in: staff mode opens */
  NK_TAP_STAFF_CLOCKED_OUT, /* staff clocked out (from staff mode) */
  NK_TAP_CONSENT,           /* a guardian's card taken as consent (nk_door_claim_guardian); nothing recorded */
} NkTapOutcome;

const char *nk_room_kind_to_string (NkRoomKind kind);
gboolean    nk_room_kind_from_string (const char *str, NkRoomKind *out);
/* Translated name: "Infant room" / "乳儿班" … */
const char *nk_room_kind_label (NkRoomKind kind);
/* National maximum children per caregiver for the room kind (3, 5, 7). */
guint       nk_room_kind_ratio (NkRoomKind kind);

const char *nk_staff_role_to_string (NkStaffRole role);
gboolean    nk_staff_role_from_string (const char *str, NkStaffRole *out);
const char *nk_staff_role_label (NkStaffRole role);

const char *nk_tap_outcome_to_string (NkTapOutcome outcome);

/* Injectable clocks, so the rules can be tested without sleeping.
 * real_us: microseconds since the Unix epoch (UTC); mono_us: monotonic. */
typedef struct {
  gint64   (*real_us) (gpointer data);
  gint64   (*mono_us) (gpointer data);
  gpointer data;
} NkClock;

const NkClock *nk_clock_system (void);

/* A random RFC 4122 version 4 UUID, lower-case. */
char *nk_uuid_new (void);

/* "2026-11-22T01:02:03.456Z" */
char *nk_format_utc_iso (gint64 real_us);
/* Initials for an avatar: the first character of a Chinese name,
 * or the first letters of up to two words otherwise. */
char *nk_initials (const char *name);

G_END_DECLS
