/* nk-admin.h — the small operations of `nursery-kiosk-admin` for the
 * centre's IT person: a card to a holder, a card reported lost, and the
 * state of the database.  Each write is one transaction with an audit row. */
#pragma once

#include "nk-types.h"
#include "nk-store.h"

G_BEGIN_DECLS

typedef struct {
  gint64 rooms;
  gint64 children;            /* active */
  gint64 children_left;       /* marked as left */
  gint64 guardians;
  gint64 staff;               /* active */
  gint64 cards_active;
  gint64 cards_lost;
  gint64 attendance_events;
  gint64 pending_outbox;      /* not yet acknowledged by the platform */
  gint64 oldest_pending_us;   /* UTC time of the oldest pending record, 0 when none */
  gint64 last_event_us;       /* UTC time of the newest attendance event, 0 when none */
} NkAdminStatus;

gboolean nk_admin_get_status (NkStore *store, NkAdminStatus *status, GError **error);

/* Gives the card (normalised uid) to an existing child, guardian or staff
 * member; a card held by someone else moves, a lost card becomes active.
 * previous (may be NULL) gets "child 123" style words for the holder it
 * had, or NULL when the card was new.  NK_STORE_ERROR_NOT_FOUND when the
 * holder does not exist. */
gboolean nk_admin_add_card   (NkStore *store, const char *uid, NkHolderKind holder,
                              const char *holder_id, char **previous, GError **error);

/* Marks a card as lost: taps of it are refused from now on.
 * NK_STORE_ERROR_NOT_FOUND when there is no such card. */
gboolean nk_admin_report_lost (NkStore *store, const char *uid, GError **error);

G_END_DECLS
