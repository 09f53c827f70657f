/* nk-ratio.h — the caregiver:child ratio of a room against the national
 * minimum (乳儿班 1:3, 托小班 1:5, 托大班 1:7, from the room's kind:
 * nk_room_kind_ratio), and the two events of a room that stays below it.
 *
 * ## The state (nk_ratio_state)
 *
 * A room needs ceil (children ÷ ratio) caregivers
 * (nk_room_kind_staff_needed).  With caregivers clocked in at the room:
 *   - NK_RATIO_BELOW (red): fewer than needed;
 *   - NK_RATIO_AT_LIMIT (amber): enough, but one more child would need
 *     one more caregiver (children = caregivers × ratio, children > 0);
 *   - NK_RATIO_WITHIN (green): otherwise; a room with no child present is
 *     within whatever its staff (nobody is short of care).
 *
 * ## The events (NkRatioWatch, nk-ratio-watch.h, records them)
 *
 * "ratio.breach" (table ratio_breaches), by the system, when a room has
 * stayed red for ratio.breach-minutes (5 by default): room_id,
 * children (present), caregivers (clocked in), needed, red_since_at (when
 * the room went red).  Urgent (nk-record.c's urgent_types[]).
 * "ratio.cleared" (table ratio_clears), by the system, when that room is
 * no longer red: breach_id (the breach it ends), room_id, children,
 * caregivers.  Urgent too, so the platform learns the end as soon as the
 * start.
 * One breach stands open per room until its clearance: a door does not
 * raise a second breach for a room while one is open (its own or relayed
 * from another door), and clears only an open one; both kinds are relayed
 * like any record, so every door of the centre shows the same banner.
 * Two doors that cross the limit within one relay interval may both raise
 * a breach for the same episode; each is cleared on its own.
 *
 * ## Changes
 *
 * The store's "changed::ratio.breach" and "changed::ratio.cleared". */
#pragma once

#include "nk-centre.h"
#include "nk-kind.h"
#include "nk-store.h"
#include "nk-types.h"

G_BEGIN_DECLS

extern const NkKind nk_ratio_breach_kind;    /* "ratio.breach", table ratio_breaches */
extern const NkKind nk_ratio_cleared_kind;   /* "ratio.cleared", table ratio_clears */

#define NK_RATIO_MAX_CHILDREN 500   /* children / caregivers of one event at most */

typedef enum {
  NK_RATIO_WITHIN,     /* green */
  NK_RATIO_AT_LIMIT,   /* amber: one more child would break it */
  NK_RATIO_BELOW,      /* red */
} NkRatioState;

/* Caregivers needed for children in a room of kind: ceil (children ÷ 3, 5
 * or 7); 0 for no child. */
guint        nk_room_kind_staff_needed (NkRoomKind kind, guint children);
NkRatioState nk_ratio_state            (NkRoomKind kind, guint children, guint caregivers);
/* "within", "at-limit", "below" (CSS classes and tests) */
const char  *nk_ratio_state_to_string  (NkRatioState state);
/* translated: "ratio within" (配比达标), "ratio at the limit" (配比临界),
 * "ratio below" (配比不足) */
const char  *nk_ratio_state_label      (NkRatioState state);

/* ---- settings ----------------------------------------------------------------- */

/* ratio.breach-minutes, from the configuration at start (1–60, default 5). */
#define NK_RATIO_BREACH_MINUTES_DEFAULT 5
#define NK_RATIO_BREACH_MINUTES_MIN 1
#define NK_RATIO_BREACH_MINUTES_MAX 60
void  nk_ratio_set_breach_minutes (guint minutes);
guint nk_ratio_get_breach_minutes (void);

/* ---- the events --------------------------------------------------------------- */

/* A breach with no clearance standing. */
typedef struct {
  char  *id;
  char  *room_id;
  char  *room_name;     /* NULL when the room is gone from the roster */
  guint  children;
  guint  caregivers;
  guint  needed;
  gint64 red_since_us;  /* UTC µs */
} NkRatioBreach;

void nk_ratio_breach_free (NkRatioBreach *breach);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NkRatioBreach, nk_ratio_breach_free)

/* The open breaches (NkRatioBreach*), oldest first.  NULL with error when
 * the store fails. */
GPtrArray *nk_ratio_list_open (NkStore *store, GError **error);

/* Records a breach of room_id (one record of the system); returns its id.
 * NULL with error when the store or the clock fails. */
char     *nk_ratio_record_breach  (NkStore *store, NkCentre *centre, const char *room_id,
                                   guint children, guint caregivers, gint64 red_since_us,
                                   NkRoomKind kind, GError **error);
/* Records the clearance of breach (open). */
gboolean  nk_ratio_record_cleared (NkStore *store, NkCentre *centre, const NkRatioBreach *breach,
                                   guint children, guint caregivers, GError **error);

/* The banner's text, translated: "Sunflower room below ratio since 09:12:
 * 1 caregiver for 6 children" (向日葵班 自 09:12 起配比不足：1 名保育人员
 * 照看 6 名儿童). */
char *nk_ratio_breach_describe (const NkRatioBreach *breach, NkCentre *centre);

G_END_DECLS
