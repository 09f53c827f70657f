/* nk-classroom.h — Mommy Classroom (妈妈课堂) and prenatal school (孕妇学校)
 * sessions, pulled from the platform (section "classroom_sessions",
 * nk-pull-sections.c), and the guardians' sign-ups at the kiosk.
 *
 * A sign-up is a record kind ("classroom.signup", whom: the guardian),
 * synced and relayed to the centre's other doors.  A session full at the
 * kiosk's count takes the guardian on its waiting list instead.
 *
 * Seats left: the platform's seats_left counts the sign-ups it had when
 * it sent the session.  Every sign-up of the centre it may not have
 * counted (recorded here and not sent before the session record came,
 * or relayed after it) is taken off locally; without a seats_left from
 * the platform, the capacity less every sign-up of the centre. */
#pragma once

#include "nk-centre.h"
#include "nk-door-notes.h"
#include "nk-kind.h"
#include "nk-store.h"

G_BEGIN_DECLS

extern const NkKind nk_classroom_signup_kind;

#define NK_CLASSROOM_KIND_MOMMY    "mommy_classroom"
#define NK_CLASSROOM_KIND_PRENATAL "prenatal_school"

/* The audiences of the contract (docs/platform-api.md), NULL-terminated:
 * "parents", "expectant_parents", "grandparents", "families". */
extern const char *const nk_classroom_audiences[];
extern const char *const nk_classroom_kinds[];

typedef struct {
  char    *id;
  char    *title;
  char    *kind;            /* "mommy_classroom" | "prenatal_school" */
  gint64   starts_us, ends_us;  /* UTC */
  char    *place;           /* may be NULL when online only */
  char    *online_url;      /* https, may be NULL */
  char    *audience;        /* a code of nk_classroom_audiences */
  guint    capacity;        /* 0: unknown */
  gint     seats_left;      /* -1: unknown; counted down for sign-ups the platform has not counted */
  char    *signup_url;      /* the platform's phone sign-up page (https), may be NULL */
  guint    signed_up_here;  /* sign-ups with a seat recorded at this centre (all its doors) */
  guint    waitlisted_here; /* those on the waiting list, besides */
} NkClassroomSession;

void nk_classroom_session_free (NkClassroomSession *s);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NkClassroomSession, nk_classroom_session_free)

#define NK_CLASSROOM_ERROR (nk_classroom_error_quark ())
GQuark nk_classroom_error_quark (void);

typedef enum {
  NK_CLASSROOM_ERROR_UNKNOWN,   /* no such session at this kiosk */
  NK_CLASSROOM_ERROR_STARTED,   /* the session has begun or is over */
  NK_CLASSROOM_ERROR_ALREADY,   /* the guardian is signed up (or waiting) already */
} NkClassroomError;

/* The next session not yet ended (the one on at now_us, else the next to
 * start); NULL and no error: none. */
NkClassroomSession *nk_classroom_next  (NkStore *store, gint64 now_us, GError **error);
/* What a guardian's tap offers: the next session not yet begun that
 * guardian_id has not signed up for (nor waits for); NULL and no error:
 * none. */
NkClassroomSession *nk_classroom_offer (NkStore *store, const char *guardian_id, gint64 now_us,
                                        GError **error);
/* One session by id; NULL and NK_CLASSROOM_ERROR_UNKNOWN when not held. */
NkClassroomSession *nk_classroom_get   (NkStore *store, const char *session_id, GError **error);
/* Every session held (NkClassroomSession*): those not ended first, by
 * start, then the past ones, latest first. */
GPtrArray          *nk_classroom_list  (NkStore *store, gint64 now_us, GError **error);

/* Writes s (an upsert by id), as the platform sent it: s->seats_left
 * -1 and s->capacity 0 are unknown (NULL); s->signed_up_here and
 * s->waitlisted_here are not written.  Then every sign-up of the centre
 * the platform had when it sent it is counted in its seats_left.  The
 * pull's write (nk-classroom-pull.c) and the demo's; checks nothing. */
gboolean nk_classroom_put_session (NkStore *store, const NkClassroomSession *s, GError **error);

/* guardian_id signs up for session_id: one "classroom.signup" record.
 * *waitlisted (may be NULL) says whether no seat was left, so the
 * guardian went on the waiting list.  FALSE with NK_CLASSROOM_ERROR_*
 * (a message for the screen) when the session is unknown, has begun, or
 * the guardian is signed up already; NK_KIND_ERROR_REFERENCE when the
 * guardian is not on the roster; or when the database failed. */
gboolean nk_classroom_sign_up (NkStore *store, NkCentre *centre, const char *guardian_id,
                               const char *session_id, gboolean *waitlisted, GError **error);

/* The door note source (nk-door-notes.h): a guardian's tap on the day of
 * a session they signed up for (or wait for) reminds them of its time and
 * place (NK_NOTE_FAMILY, key "classroom.today").  One indexed query. */
gboolean nk_classroom_door_note (const NkNoteContext *ctx, NkTapResult *result, GError **error);

/* Translated labels: "Parents", …; an unknown code is returned as is. */
const char *nk_classroom_audience_label (const char *code);
/* "Mommy Classroom" or "Prenatal school". */
const char *nk_classroom_kind_label     (const char *kind);
/* "Sat 5 Dec, 14:00–15:30" in tz, translated. */
char       *nk_classroom_format_when    (const NkClassroomSession *s, GTimeZone *tz);
/* The place, or "Online" when there is none. */
const char *nk_classroom_where          (const NkClassroomSession *s);
/* "Mommy Classroom · Parents" */
char       *nk_classroom_format_about   (const NkClassroomSession *s);
/* "Sat 5 Dec, 14:00–15:30 · Room 2" in tz */
char       *nk_classroom_format_when_where (const NkClassroomSession *s, GTimeZone *tz);

G_END_DECLS
