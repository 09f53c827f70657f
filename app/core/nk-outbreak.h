/* nk-outbreak.h — suspected outbreaks (疑似聚集性疫情): the rule that runs
 * after every absence reason, the alert the director acknowledges.
 *
 * ## The rule (nk_outbreak_check)
 *
 * "Similar symptoms" is sharing one symptom: for each symptom S the rule
 * counts the distinct children with S among the illness reasons that stand
 * (NK_KIND_STANDS: corrections and deletions honoured), a reason counting
 * on every day from its absent_date to its until_date.  "Other" is not
 * counted: two symptoms described in texts of their own are not one
 * symptom (the director sees them on the list).
 *   - room: outbreak.room-children (3) children of one room (the room
 *     recorded with the reason) with S today → a suspected outbreak of
 *     that room, from_date = to_date = today;
 *   - centre: outbreak.centre-children (5) children of the whole centre with S on
 *     any day of the window, the last outbreak.centre-days (3) local days including
 *     today → a suspected outbreak of the centre, from_date the window's
 *     first day, to_date today.  A reason older than the window does not
 *     count.
 * Once only: a room outbreak is not raised again while one of the same
 * room, symptom and to_date stands (here or relayed); a centre outbreak is
 * not raised again for a symptom while one of that symptom stands whose
 * to_date is in today's window (so at most one per symptom every
 * centre-days days).  A 4th child of the room that day, a 6th of the
 * centre, raises nothing more.  A room and a centre outbreak may be raised
 * by the same reason.  A later correction that takes a symptom away does
 * not withdraw an outbreak raised: it stays open until the director
 * acknowledges it (the director judges; the platform has the event).
 *
 * ## Which door raises it
 *
 * The kiosk that recorded the latest of the counted reasons (by time, then
 * id) raises the outbreak, and no other: every door holding the same
 * reasons decides the same, so an outbreak is raised once for the centre
 * whatever the order the relay brings the reasons in.  The rule runs at
 * the door that records (or corrects) a reason, counting every reason it
 * holds, its own and those relayed from the centre's other doors; and
 * after a pull that brought reasons from the other doors
 * (nk_outbreak_check_all): two doors recording the crossing reasons within
 * one relay interval, each not yet holding the other's, saw fewer than the
 * threshold — the door whose reason was the latest raises it once it holds
 * the other's.  The other doors receive that outbreak.suspected by the
 * relay like any record, and do not raise one of their own.
 *
 * ## The events
 *
 * "outbreak.suspected" (table outbreaks), recorded by the system: scope
 * ("room" or "centre"), room_id (null for the centre), symptom ("fever"…
 * "other"), child_ids (the children counted, a list of ids), n_children,
 * from_date and to_date.  Sent to the platform urgently (reports are due
 * within 24 hours).
 * "outbreak.acknowledged" (table outbreak_acks), by the director only:
 * outbreak_id, director_id, note (up to NK_OUTBREAK_NOTE_MAX characters,
 * or null).  An outbreak stays open (on every screen's banner) until one
 * acknowledgement stands; a second is refused as already done.
 *
 * ## Changes
 *
 * The store's "changed::outbreak.suspected" when one is raised (or
 * relayed), "changed::outbreak.acknowledged" when one is acknowledged. */
#pragma once

#include "nk-absence.h"
#include "nk-centre.h"
#include "nk-kind.h"
#include "nk-store.h"

G_BEGIN_DECLS

extern const NkKind nk_outbreak_kind;       /* "outbreak.suspected", table outbreaks */
extern const NkKind nk_outbreak_ack_kind;   /* "outbreak.acknowledged", table outbreak_acks */

#define NK_OUTBREAK_NOTE_MAX 200
#define NK_OUTBREAK_MAX_CHILDREN 500   /* child_ids of one event at most */

/* The kiosk's settings, from the configuration (outbreak.*) at start; the
 * defaults (3, 5, 3) hold until then. */
typedef struct {
  guint room_children;     /* 2–50 */
  guint centre_children;   /* 2–500 */
  guint centre_days;       /* 1–14 */
} NkOutbreakSettings;

void                      nk_outbreak_settings_set (const NkOutbreakSettings *settings);
const NkOutbreakSettings *nk_outbreak_settings_get (void);

typedef enum {
  NK_OUTBREAK_ROOM,
  NK_OUTBREAK_CENTRE,
} NkOutbreakScope;

const char *nk_outbreak_scope_to_string (NkOutbreakScope scope);   /* "room", "centre" */

typedef struct {
  char           *id;
  NkOutbreakScope scope;
  char           *room_id;       /* NULL for the centre */
  char           *room_name;     /* NULL for the centre, or when the room is gone */
  NkSymptom       symptom;
  guint           n_children;
  char          **child_ids;     /* the children counted */
  char           *from_date;     /* YYYY-MM-DD */
  char           *to_date;
  gint64          raised_at_us;
  int             days_ago;      /* to_date's distance from today when listed (0: today) */
} NkOutbreak;

void nk_outbreak_free (NkOutbreak *outbreak);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NkOutbreak, nk_outbreak_free)

/* Runs the rule for today after a reason of room_id was recorded, for that
 * room and the centre, as one record of the system (each outbreak raised
 * one event).  *raised (may be NULL): the ids of the outbreaks
 * raised (a GPtrArray of char*, empty when none).  FALSE with error when
 * the store failed (an outbreak already raised stays). */
gboolean nk_outbreak_check (NkStore *store, NkCentre *centre, const char *room_id,
                            GPtrArray **raised, GError **error);

/* The same for every room with an illness reason standing today, and the
 * centre: after a pull brought the other doors' reasons (the views call it
 * on the store's "changed::absence.reason" of a pull, on the main thread). */
gboolean nk_outbreak_check_all (NkStore *store, NkCentre *centre, GPtrArray **raised, GError **error);

/* The outbreaks no acknowledgement stands for, newest first (NkOutbreak);
 * now_us gives days_ago.  NULL with error when the store fails. */
GPtrArray *nk_outbreak_list_open (NkStore *store, NkCentre *centre, gint64 now_us, GError **error);

/* The banner's text, translated: "Suspected outbreak: 3 children of
 * Toddler room absent with fever today" (疑似聚集性疫情：托小班 今天 3 名
 * 儿童因发热缺勤), "… on 2026-03-02" when not today, and for the centre
 * "Suspected outbreak: 5 children of the centre absent with fever in 3
 * days" (疑似聚集性疫情：全园 3 天内 5 名儿童因发热缺勤). */
char *nk_outbreak_describe (const NkOutbreak *outbreak);

/* director_id (active, role director) acknowledges outbreak_id (open),
 * with note (may be NULL or empty).  FALSE with error (translated;
 * NK_STORE_ERROR_INVALID: not the director, already acknowledged, a note
 * too long; NK_STORE_ERROR_NOT_FOUND: no such outbreak) and nothing
 * recorded. */
gboolean nk_outbreak_acknowledge (NkStore *store, NkCentre *centre, const char *director_id,
                                  const char *outbreak_id, const char *note, GError **error);

G_END_DECLS
