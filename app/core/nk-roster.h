/* nk-roster.h — rooms, children, guardians, staff, cards and authorised
 * pickups.  Upserts by id; the caller wraps a batch in one transaction
 * (nk_store_begin / nk_store_commit) so nothing is half-written. */
#pragma once

#include "nk-types.h"
#include "nk-store.h"

G_BEGIN_DECLS

gboolean nk_roster_put_room     (NkStore *store, const char *id, const char *name,
                                 NkRoomKind kind, guint places, GError **error);
/* date_of_birth: YYYY-MM-DD.  allergies and photo may be NULL. */
gboolean nk_roster_put_child    (NkStore *store, const char *id, const char *name,
                                 const char *date_of_birth, const char *room_id,
                                 const char *allergies, const char *photo, GError **error);
gboolean nk_roster_put_guardian (NkStore *store, const char *id, const char *name,
                                 const char *phone, const char *relation, GError **error);
/* Finds a guardian by phone number; returns the id or NULL. */
char    *nk_roster_find_guardian_by_phone (NkStore *store, const char *phone);
/* Links a guardian to a child; can_pickup: an authorised pickup (接送人). */
gboolean nk_roster_link         (NkStore *store, const char *child_id, const char *guardian_id,
                                 gboolean can_pickup, GError **error);
gboolean nk_roster_put_staff    (NkStore *store, const char *id, const char *name,
                                 NkStaffRole role, const char *certificate,
                                 const char *room_id, GError **error);
/* uid must be normalised.  A card belongs to one holder; putting it again
 * moves it. */
gboolean nk_roster_put_card     (NkStore *store, const char *uid, NkHolderKind holder,
                                 const char *holder_id, GError **error);
gboolean nk_roster_set_card_lost (NkStore *store, const char *uid, gboolean lost, GError **error);
/* Marks a child as left (their cards stop working) or back. */
gboolean nk_roster_set_child_active (NkStore *store, const char *child_id, gboolean active,
                                     GError **error);
gint64   nk_roster_count_children (NkStore *store);
/* TRUE when staff_id (may be NULL) is an active member of staff of role
 * director: the one check of every "only the director may…" (an outbreak's
 * acknowledgement, the menu, cancelling the alarm).  FALSE with error
 * (domain, code, refusal: the caller's translated words) when not, or with
 * the store's error when the roster cannot be read. */
gboolean nk_roster_check_director (NkStore *store, const char *staff_id, GQuark domain, int code,
                                   const char *refusal, GError **error);

G_END_DECLS
