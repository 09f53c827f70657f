/* nk-record.h — the one way anything is recorded at the kiosk.
 *
 * Every kind of record (attendance, staff clock, refusals, and every kind
 * that comes later) goes through these steps, in this order:
 *
 *   check the clock and the actor      nk_record_begin ()
 *   BEGIN IMMEDIATE                    nk_record_begin ()
 *   the kind's row(s)                  the kind's own file, with typed binds
 *   the outbox row, typed payload      nk_record_event ()
 *   COMMIT                             nk_record_commit ()
 *   one change notification            nk_record_commit (): the store's
 *                                      "changed::KIND" with the ids
 *
 * Nothing writes an outbox row any other way.  A new synced kind is one
 * core file (its rows and its payload), one migration (nk-migrations.h),
 * one row in docs/platform-api.md, and its view. */
#pragma once

#include <json-glib/json-glib.h>

#include "nk-centre.h"
#include "nk-store.h"

G_BEGIN_DECLS

/* Who records: "child", "guardian" or "staff" with their id, or "system"
 * (id NULL) for what the kiosk does by itself. */
typedef struct {
  const char *kind;
  const char *id;
} NkActor;

#define NK_ACTOR_SYSTEM ((NkActor) { "system", NULL })

typedef struct _NkRecord NkRecord;

/* Checks the clock (nk_centre_check_clock) and that the actor exists and,
 * for staff and children, is still active; then BEGIN IMMEDIATE.  Returns
 * NULL with error set when any of it fails; nothing was written then. */
NkRecord      *nk_record_begin     (NkStore *store, NkCentre *centre, const NkActor *actor,
                                    GError **error);
NkStore       *nk_record_get_store (NkRecord *self);
NkCentre      *nk_record_get_centre (NkRecord *self);
const NkActor *nk_record_get_actor (NkRecord *self);
/* The time of the record (UTC µs) and its local date at the centre. */
gint64         nk_record_get_time  (NkRecord *self);
const char    *nk_record_get_date  (NkRecord *self);

/* The outbox row of one event of kind; payload is a builder holding one
 * finished object.  Returns the event's new id (a UUID, owned by the
 * record until it is committed or aborted), which the kind's row takes as
 * its own id; NULL with error set on failure. */
const char    *nk_record_event     (NkRecord *self, const char *kind, JsonBuilder *payload,
                                    GError **error);
/* Whether events of type are urgent: safety reports the platform must
 * have at once (a suspected outbreak).  Their outbox rows are marked so
 * (outbox.urgent), and the sync worker sends each on a request of its
 * own as soon as it is committed, ahead of the backlog and whatever the
 * push's backoff, retrying every sync.urgent-retry-seconds until the
 * platform answers for it (docs/platform-api.md, "Urgent events").
 * Attendance and the care log are never urgent. */
gboolean       nk_record_type_is_urgent (const char *type);
/* The same with the payload as a finished JSON object node. */
const char    *nk_record_event_node (NkRecord *self, const char *kind, JsonNode *payload,
                                     GError **error);
/* An audit row in the same transaction. */
gboolean       nk_record_audit     (NkRecord *self, const char *kind, const char *uid,
                                    const char *detail, GError **error);
/* Notes ids of kind as changed without an event (rows the kiosk keeps to
 * itself); they are named in the notification. */
void           nk_record_touch     (NkRecord *self, const char *kind, const char *id);

/* COMMIT, then one "changed::KIND" per kind recorded.  Frees the record,
 * whatever the outcome; on failure everything is rolled back. */
gboolean       nk_record_commit    (NkRecord *self, GError **error);
/* ROLLBACK and free; nothing is announced. */
void           nk_record_abort     (NkRecord *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NkRecord, nk_record_abort)

/* Typed payload members: a NULL text is a JSON null. */
void  nk_json_text   (JsonBuilder *builder, const char *name, const char *value);
void  nk_json_int    (JsonBuilder *builder, const char *name, gint64 value);
void  nk_json_bool   (JsonBuilder *builder, const char *name, gboolean value);
char *nk_json_to_string (JsonBuilder *builder);

G_END_DECLS
