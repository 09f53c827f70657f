/* nk-relay.h — records the centre's other kiosks made (another door),
 * relayed by the platform in the pull's "events" (docs/platform-api.md,
 * "Relayed events", contract 1.1), and the rule that merges them with
 * this kiosk's own.
 *
 * The merge rule.  A person's state (a child in or out, a caregiver
 * clocked in or not) is their row with the greatest order time, then the
 * greatest event id.  The order time of an event is its time `at`, except
 * that an event is never ordered before an event of the same person that
 * the kiosk already held when it recorded it (a clock a little behind
 * another door's, or one corrected after running fast): it is then ordered
 * 1 ms after the latest held.  Order times are whole milliseconds and
 * travel with the event (payload "order_at"), so every door orders the
 * same events the same way, whatever order they arrive in.
 *
 * Applying a relayed event writes the kind's rows with the event's own id
 * (a second time changes nothing) and the other kiosk's device id, and no
 * outbox row: it is that kiosk's record, not this one's.  Nothing from
 * the network is trusted: every field is checked before anything is
 * written.  A kind this kiosk does not know yet is kept as received.
 *
 * A new relayed kind is one row of the table in nk-relay.c. */
#pragma once

#include <json-glib/json-glib.h>

#include "nk-store.h"

G_BEGIN_DECLS

#define NK_RELAY_ERROR (nk_relay_error_quark ())
GQuark nk_relay_error_quark (void);

typedef enum {
  NK_RELAY_ERROR_INVALID,    /* a field breaks the contract; the message names it */
  NK_RELAY_ERROR_REFERENCE,  /* it names a child, caregiver or room the kiosk does not hold */
} NkRelayError;

typedef enum {
  NK_RELAY_APPLIED,    /* new: its rows were written */
  NK_RELAY_DUPLICATE,  /* already held: nothing changed */
  NK_RELAY_KEPT,       /* a kind this kiosk does not know yet: kept as received */
} NkRelayOutcome;

typedef struct _NkRelayEvent NkRelayEvent;

/* A relayed kind whose payload nests lists and objects (a day's menu, a
 * child's allergy list, nk-menu.h): its own module checks the payload
 * (check: NULL when good, else the reason, *field naming the member) and
 * applies it inside the caller's transaction (apply: FALSE with
 * NK_RELAY_ERROR_REFERENCE when it names someone the kiosk does not
 * hold).  Applying the same event again changes nothing.  One line of
 * NESTED_KINDS in nk-relay.c. */
typedef struct {
  const char *type;      /* the event type */
  const char *changed;   /* the change notification ("menu") */
  char     *(*check) (JsonObject *payload, gint64 at_us, const char **field);
  gboolean  (*apply) (NkStore *store, const char *id, gint64 at_us, const char *device_id,
                      JsonObject *payload, GError **error);
} NkRelayNested;

/* Checks one element of the pull's "events" (the push envelope: id, type,
 * at, device_id, payload) and every field of its payload.  own_device_id:
 * this kiosk's, whose own events are refused (the platform never returns
 * them), or NULL to leave that to nk_relay_event_apply.  Returns NULL with
 * NK_RELAY_ERROR_INVALID set when anything is wrong, and *field (may be
 * NULL) naming the member at fault ("payload.child_id").  The event keeps
 * a reference on node. */
NkRelayEvent *nk_relay_event_parse    (JsonNode *node, const char *own_device_id, const char **field,
                                       GError **error);
void          nk_relay_event_free     (NkRelayEvent *event);
const char   *nk_relay_event_get_id   (NkRelayEvent *event);
const char   *nk_relay_event_get_type (NkRelayEvent *event);
/* The kind's change notification ("attendance", "staff_clock"), or NULL
 * for a kind kept as received. */
const char   *nk_relay_event_get_changed_kind (NkRelayEvent *event);

/* Inside the caller's transaction: refuses this kiosk's own event
 * (NK_RELAY_ERROR_INVALID), checks the references against the store
 * (NK_RELAY_ERROR_REFERENCE) and writes the rows.  On error nothing of
 * this event was written. */
gboolean      nk_relay_event_apply    (NkRelayEvent *event, NkStore *store, NkRelayOutcome *outcome,
                                       GError **error);

/* The order time (µs, whole milliseconds) of a new event of kind
 * ("attendance", "staff_clock") for person_id recorded at at_us: the
 * merge rule above.  Inside the record's transaction. */
gboolean      nk_relay_next_order     (NkStore *store, const char *kind, const char *person_id,
                                       gint64 at_us, gint64 *order_us, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NkRelayEvent, nk_relay_event_free)

G_END_DECLS
