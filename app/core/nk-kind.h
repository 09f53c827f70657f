/* nk-kind.h — a record kind described once: its event type, its table and
 * its payload fields.  The description is used
 *   - to record here: nk_kind_put () checks the payload field by field,
 *     adds the event (nk_record_event) and the row, in one record;
 *   - to apply the same event relayed from another kiosk of the centre
 *     (nk-relay.c): the same checks, the same row, the other device's id;
 *   - to correct or delete a row: a new event naming the one it corrects,
 *     so nothing recorded is ever changed in place.
 * Attendance and the staff clock came before and keep their own code; every
 * later kind (health checks, care logs, naps, sleep checks…) is a NkKind.
 *
 * The kind's table has these columns, filled by nk_kind_put ():
 *   id TEXT PRIMARY KEY      the event's id
 *   at_us INTEGER NOT NULL   the event's time (UTC µs)
 *   local_date TEXT NOT NULL the centre's date of at_us
 *   device_id TEXT NOT NULL  the kiosk that recorded it
 *   by_kind TEXT NOT NULL, by_id TEXT   who recorded it (the record's actor)
 *   corrects TEXT            the row this one corrects, or NULL
 *   deleted INTEGER NOT NULL DEFAULT 0  this row deletes the one it corrects
 * and one column per field, named as the payload member (a NK_FIELD_TIME
 * member "x_at" is the column "x_us", µs).  The rows that stand are
 *   WHERE NOT EXISTS (SELECT 1 FROM t c WHERE c.corrects = t.id) AND NOT t.deleted
 * (NK_KIND_STANDS ("t")).  The payload carries, besides the fields,
 * "local_date", "by_kind", "by_id", "corrects" and "deleted". */
#pragma once

#include <json-glib/json-glib.h>

#include "nk-record.h"

G_BEGIN_DECLS

typedef enum {
  NK_FIELD_ID,      /* an id (nk_check_is_id) */
  NK_FIELD_TEXT,    /* UTF-8 without control characters, 1..max characters (max 0: 200) */
  NK_FIELD_INT,     /* min..max */
  NK_FIELD_BOOL,
  NK_FIELD_CHOICE,  /* one of choices */
  NK_FIELD_TIME,    /* "YYYY-MM-DDTHH:MM:SS.mmmZ" in the payload, µs in the row */
  NK_FIELD_IDS,     /* a list of 1..max distinct ids; the row keeps it as a JSON array (TEXT) */
} NkFieldType;

typedef struct {
  const char        *member;    /* payload member and column (TIME: "x_at" → "x_us") */
  NkFieldType        type;
  gboolean           nullable;  /* may be missing or null */
  gint64             min;       /* INT */
  gint64             max;       /* INT; TEXT: most characters (0: 200); IDS: most ids (0: 200) */
  const char *const *choices;   /* CHOICE, NULL-terminated */
} NkKindField;

typedef struct {
  const char        *type;         /* the event type, and the "changed::" detail */
  const char        *table;
  const char        *person;       /* the member naming whom the row is about; NULL: nobody
                                    * (an event of the centre, e.g. outbreak.suspected) */
  const char        *person_table; /* "children", "staff" or "guardians": must be on the roster */
  const NkKindField *fields;       /* ends with { NULL } */
  /* May be NULL: what the field types cannot say (dates that are real
   * days, one member needing another…), run on every payload after the
   * fields, here and relayed.  FALSE with error (NK_KIND_ERROR_INVALID)
   * and *field (may be NULL) naming the member at fault ("payload.x"). */
  gboolean         (*check) (JsonObject *payload, const char **field, GError **error);
} NkKind;

#define NK_KIND_STANDS(t) \
  "(NOT EXISTS (SELECT 1 FROM " t " c WHERE c.corrects = " t ".id) AND NOT " t ".deleted)"

/* The columns every kind's table starts with, for its first migration:
 *   "CREATE TABLE naps (" NK_KIND_COLUMNS ", child_id TEXT NOT NULL, …);" */
#define NK_KIND_COLUMNS \
  "id TEXT PRIMARY KEY, at_us INTEGER NOT NULL, local_date TEXT NOT NULL, " \
  "device_id TEXT NOT NULL, by_kind TEXT NOT NULL, by_id TEXT, corrects TEXT, " \
  "deleted INTEGER NOT NULL DEFAULT 0"

#define NK_KIND_ERROR (nk_kind_error_quark ())
GQuark nk_kind_error_quark (void);

typedef enum {
  NK_KIND_ERROR_INVALID,    /* a field is missing, of the wrong type or out of range */
  NK_KIND_ERROR_REFERENCE,  /* names someone or something this kiosk does not hold */
  NK_KIND_ERROR_CORRECTED,  /* the row to correct is not there, or was corrected already */
} NkKindError;

/* Inside rec: checks payload (a builder holding one finished object with
 * the kind's fields; the common members are added here), adds the event
 * and the row.  Returns the new id (owned by rec); NULL with error set —
 * the message names the field at fault — and nothing added. */
const char *nk_kind_put     (NkRecord *rec, const NkKind *kind, JsonBuilder *payload,
                             GError **error);
/* A correction: as nk_kind_put, naming original_id, which must stand. */
const char *nk_kind_correct (NkRecord *rec, const NkKind *kind, const char *original_id,
                             JsonBuilder *payload, GError **error);
/* A deletion: a new row with the original's fields, deleted = 1. */
const char *nk_kind_delete  (NkRecord *rec, const NkKind *kind, const char *original_id,
                             GError **error);

/* For a kind's check: sets error (NK_KIND_ERROR_INVALID, "member: reason")
 * and *field (may be NULL) to member ("payload.x"); returns FALSE. */
gboolean nk_kind_invalid (GError **error, const char **field, const char *member, const char *reason);

/* For a kind that answers another record once (an outbreak's
 * acknowledgement, an alarm's cancellation), inside its record: TRUE when
 * id stands (target_sql: "SELECT 1 … WHERE x.id = :id") and nothing
 * answered it yet (answered_sql: "SELECT 1 … WHERE y.x_id = :id").  FALSE
 * with error: NK_STORE_ERROR_NOT_FOUND (missing) when id is NULL or does
 * not stand, NK_STORE_ERROR_INVALID (done) when answered already, or the
 * store's (what) when it cannot be read.  The messages are translated. */
gboolean nk_kind_check_unanswered (NkStore *store, const char *id, const char *target_sql,
                                   const char *answered_sql, const char *what, const char *missing,
                                   const char *done, GError **error);
/* A note as typed (may be NULL): *tidy is it trimmed, NULL when empty.
 * FALSE with error (NK_STORE_ERROR_INVALID) when it is longer than max
 * characters (200 at most) or holds characters that cannot be kept. */
gboolean nk_kind_tidy_note        (const char *note, gint64 max, char **tidy, GError **error);

/* The NkKind of an event type, for the relay (nk-relay.c); NULL when none. */
const NkKind *nk_kind_find (const char *type);
/* Every NkKind the kiosk knows (after a pull, each may have changed). */
const NkKind *const *nk_kind_get_all (guint *n_kinds);

/* For the relay: checks a relayed event's payload against kind and
 * writes its row with the event's id, time and device.  FALSE with error
 * (NK_KIND_ERROR_*) when it does not fit; field names the member at
 * fault ("payload.x"). */
gboolean    nk_kind_check_relayed (const NkKind *kind, JsonObject *payload, gint64 at_us,
                                   const char **field, GError **error);
gboolean    nk_kind_write_relayed (const NkKind *kind, NkStore *store, const char *id,
                                   gint64 at_us, const char *device_id, JsonObject *payload,
                                   GError **error);

G_END_DECLS
