/* nk-roll-call.h — the emergency roll call (紧急点名): everyone on site
 * when it starts, by room, ticked one by one at the assembly point.
 *
 * Three record kinds, all relayed to the other doors of the centre:
 *   rollcall.started   who started it and everyone on site then: the
 *                      children checked in and not out today
 *                      (child_ids) and the staff clocked in (staff_ids);
 *   rollcall.ticked    one person counted (person_kind child/staff,
 *                      person_id) by the staff member who ticked; an
 *                      untick deletes the tick (nk_kind_delete);
 *   rollcall.finished  who finished it, and who was still missing
 *                      (missing_child_ids, missing_staff_ids).
 *
 * The list is fixed when the roll call starts: a child who arrives
 * during it is not on it (the count is of who was on site when the alarm
 * went); a child checked out, or staff clocked out, after the start stays
 * on it, shown with the time they left (left_us), and is ticked like
 * anyone else once the caregiver has seen them go.  Each person's room is
 * the one their check-in carries (children) or their room on the roster
 * (staff; NULL: no room).
 *
 * One roll call is open at a kiosk at a time: the one it started, or else
 * one another door of the centre started (relayed), which it joins: its
 * ticks are made against that roll call and show at both doors.  An open
 * roll call survives a restart (it is read back from the store).  Nothing
 * here needs the network: the events wait in the outbox as every other. */
#pragma once

#include "nk-centre.h"
#include "nk-kind.h"
#include "nk-store.h"

G_BEGIN_DECLS

extern const NkKind nk_roll_call_started_kind;
extern const NkKind nk_roll_call_ticked_kind;
extern const NkKind nk_roll_call_finished_kind;

typedef enum {
  NK_ROLL_CALL_CHILD,
  NK_ROLL_CALL_STAFF,
} NkRollCallPersonKind;

/* "child", "staff" (the payload's person_kind) */
const char *nk_roll_call_person_kind_to_string (NkRollCallPersonKind kind);

typedef struct {
  NkRollCallPersonKind kind;
  char     *person_id;
  char     *name;         /* the id when no longer on the roster */
  char     *tick_id;      /* the standing tick, NULL: not counted yet */
  gint64    ticked_us;    /* 0 when not counted */
  char     *ticked_by;    /* the name of who ticked, or NULL */
  char     *ticked_device;/* the kiosk that ticked, or NULL */
  gint64    left_us;      /* checked or clocked out after the start, 0: not */
} NkRollCallPerson;

typedef struct {
  char      *room_id;     /* NULL: no room */
  char      *name;        /* NULL for no room: the view names it */
  GPtrArray *people;      /* NkRollCallPerson*, children then staff, by name */
} NkRollCallRoom;

typedef struct {
  char      *id;
  char      *device_id;   /* the kiosk that started it */
  gint64     started_us;
  char      *started_by;  /* a name */
  gboolean   finished;
  gint64     finished_us;
  char      *finished_by;
  GPtrArray *rooms;       /* NkRollCallRoom*, youngest room first, then by name; no room last */
  guint      total;
  guint      counted;
} NkRollCall;

void nk_roll_call_free (NkRollCall *call);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NkRollCall, nk_roll_call_free)

/* The person of call with that kind and id, or NULL. */
NkRollCallPerson *nk_roll_call_find_person (const NkRollCall *call, NkRollCallPersonKind kind,
                                            const char *person_id);

/* The id of the roll call open at this kiosk (see above) in *id, NULL
 * when none; FALSE with error when the store fails. */
gboolean    nk_roll_call_find_open (NkStore *store, char **id, GError **error);

/* The roll call id as it stands, with its people, rooms and ticks; NULL
 * with error when it is not there or the store fails. */
NkRollCall *nk_roll_call_load      (NkStore *store, const char *id, GError **error);

/* staff_id starts a roll call of everyone on site now; *id is its id.
 * When one is open already (nk_roll_call_find_open) nothing is recorded,
 * *id is that one and *joined (may be NULL) TRUE. */
gboolean    nk_roll_call_start     (NkStore *store, NkCentre *centre, const char *staff_id, char **id,
                                    gboolean *joined, GError **error);

/* staff_id ticks (counted TRUE) or unticks a person of the open roll
 * call id.  Ticking someone ticked already, or unticking someone not
 * ticked, records nothing.  FALSE with error (NK_KIND_ERROR_REFERENCE)
 * when the roll call is finished or the person is not on it. */
gboolean    nk_roll_call_tick      (NkStore *store, NkCentre *centre, const char *staff_id, const char *id,
                                    NkRollCallPersonKind kind, const char *person_id, gboolean counted,
                                    GError **error);

/* staff_id finishes the roll call id: who is not ticked then is recorded
 * as missing.  FALSE with error (NK_KIND_ERROR_REFERENCE) when it is
 * finished already. */
gboolean    nk_roll_call_finish    (NkStore *store, NkCentre *centre, const char *staff_id, const char *id,
                                    GError **error);

G_END_DECLS
