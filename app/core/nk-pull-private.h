/* nk-pull-private.h — the table of pull sections and a parsed answer,
 * shared by the files that make up NkPull:
 *
 *   nk-pull.c             the raw checks, the envelope, every field against
 *                         its section's table entry
 *   nk-pull-sections.c    THE TABLE: one entry per section, its fields and
 *                         checks, what it refers to, how it is written and
 *                         deleted
 *   nk-pull-apply.c       references, quarantine, chunked transactions
 *   nk-pull-quarantine.c  what was set aside: retried, reported, listed
 *
 * ## Adding a section
 *
 * One entry in nk_pull_sections[] (nk-pull-sections.c) and its write
 * function; nothing else changes:
 *
 *   1. an enum of field indices and an NkPullField array: each field's
 *      member name, type (the checks come with it), REQUIRED or OPTIONAL,
 *      limits, and refers_to (or refers_via) for an id that names a
 *      record of another section;
 *   2. key: the field(s) that identify a record (upserts, duplicates,
 *      quarantine and deletions go by it);
 *   3. exists_sql, when other sections refer to this one; check, when a
 *      record holds more than the field types check (an object of its
 *      own, like a relayed event's payload);
 *   4. apply: writes one checked record (an upsert: the same record twice
 *      is harmless, a chunk may be applied again after a crash);
 *      deletion_kind and remove when the platform can delete one;
 *      salvage when something must happen even for a record that is
 *      quarantined (a lost card stops working);
 *   5. the place in the table is the apply order: after every section it
 *      refers to (nk_pull_sections_check () verifies it; so does a test);
 *   6. a row in docs/platform-api.md.
 *
 * Before a version knows a section, its records are kept as received in
 * pulled_records (section, id): the version that knows it finds them
 * there.  Use g_message in write functions, never g_warning: a refused
 * record is a field condition. */
#pragma once

#include <json-glib/json-glib.h>

#include "nk-pull.h"

G_BEGIN_DECLS

typedef enum {
  NK_PULL_ID,          /* 1–64 of A–Z a–z 0–9 . _ : - */
  NK_PULL_UID,         /* a card UID in normal form */
  NK_PULL_TEXT,        /* UTF-8 without control characters, at most max characters;
                        * REQUIRED ones hold something visible */
  NK_PULL_CHOICE,      /* one of choices (exactly, case included) */
  NK_PULL_INT,         /* a whole number from min to max */
  NK_PULL_BOOL,        /* true or false; absent: fallback */
  NK_PULL_BIRTH_DATE,  /* YYYY-MM-DD, real, not in the future, at most 10 years ago */
  NK_PULL_PHONE,       /* 3–20 of 0–9 + - ( ) and space */
} NkPullType;

typedef enum {
  NK_PULL_REQUIRED,
  NK_PULL_OPTIONAL,    /* may be missing or null */
} NkPullPresence;

typedef struct {
  const char        *name;            /* the member */
  NkPullType         type;
  NkPullPresence     presence;
  gint64             min, max;        /* INT range; TEXT: most characters */
  const char *const *choices;         /* CHOICE: NULL-terminated */
  const char *const *choice_sections; /* CHOICE: the section each choice names, for refers_via */
  gboolean           fallback;        /* BOOL when absent */
  const char        *refers_to;       /* ID: names a record of this section */
  const char        *refers_via;      /* ID: names a record of the section the CHOICE field
                                       * of this name chose (a card's holder) */
} NkPullField;

typedef struct {
  const char *text;    /* ID, UID, TEXT, CHOICE, BIRTH_DATE, PHONE; NULL when absent */
  gint64      number;  /* INT; BOOL (0 or 1); CHOICE: the index */
} NkPullValue;

typedef enum {
  NK_PULL_PENDING,
  NK_PULL_APPLIED,
  NK_PULL_KEPT,
  NK_PULL_QUARANTINED,
} NkPullOutcome;

typedef struct _NkPullSection NkPullSection;
typedef struct _NkPullItem NkPullItem;

/* Writes one checked record (apply), its deletion (remove) or what must
 * happen although it is quarantined (salvage), inside the chunk's
 * transaction.  FALSE with NK_PULL_ERROR_REFUSED: the record is
 * quarantined with that message; any other error rolls the chunk back. */
typedef gboolean (*NkPullWrite) (NkStore *store, NkPullItem *item, GError **error);
/* Checks of a record beyond its fields (a nested object, like a relayed
 * event's payload), run once its fields passed: NULL when it is good,
 * else the reason, with *field naming the member at fault (a literal, or
 * NULL); the record is quarantined as invalid then. */
typedef char *(*NkPullCheck) (NkPullItem *item, const char **field);

struct _NkPullSection
{
  const char        *name;           /* the member of "changes" */
  const char        *label;          /* N_(): what one record is, for staff mode */
  const NkPullField *fields;
  guint              n_fields;
  guint              key[2];         /* indices of the key fields */
  guint              n_key;
  const char        *exists_sql;     /* ?1 (the key): a row when the kiosk holds it */
  const char        *deletion_kind;  /* "kind" of its deletions; NULL: none */
  NkPullWrite        apply;
  NkPullWrite        remove;
  NkPullWrite        salvage;        /* may be NULL */
  NkPullCheck        check;          /* may be NULL */
};

struct _NkPullItem
{
  const NkPullSection *section;   /* NULL: a section this version does not know */
  char                *section_name;
  guint                index;     /* in its section's array */
  JsonNode            *node;      /* borrowed from the answer's tree */
  char                *key;       /* the key fields joined by '/', or "[index]" when unusable */
  NkPullValue         *values;    /* one per field of section (deletions: of target) */
  const NkPullSection *target;    /* a deletion: the section whose record goes */
  NkPullOutcome        outcome;
  const char          *code;      /* static: why quarantined */
  char                *field;
  char                *reason;
  char                *body;      /* the record as JSON, made when first needed */
};

struct _NkPull
{
  JsonParser *parser;
  const char *cursor;     /* NULL: quarantined records tried again, no answer */
  gboolean    more;
  GPtrArray  *items;      /* NkPullItem, in apply order */
  GHashTable *by_key;     /* "section/key" → NkPullItem (upserts only) */
  GHashTable *set_aside;  /* "section/key" written to quarantine by this answer */
  guint       chunk_size;
};

/* nk-pull-sections.c */
extern const NkPullSection nk_pull_sections[];
extern const guint         nk_pull_n_sections;
/* Keeps a record as received in pulled_records (section, key). */
extern const NkPullWrite   nk_pull_keep_unknown;
const NkPullSection *nk_pull_section_find         (const char *name);
const NkPullSection *nk_pull_section_for_deletion (const char *kind);
/* "room, child, …" for messages. */
const char          *nk_pull_deletion_kinds       (void);
/* TRUE when every section comes after those it refers to and those have
 * exists_sql; otherwise FALSE with the problem in *problem. */
gboolean             nk_pull_sections_check       (char **problem);
/* Values of a checked record by field index. */
const char          *nk_pull_item_text            (NkPullItem *item, guint field);
gint64               nk_pull_item_number          (NkPullItem *item, guint field);
const char          *nk_pull_item_body            (NkPullItem *item);

/* nk-pull.c */
NkPull     *nk_pull_new            (void);
/* Parses one record of section (or a deletion when section_name is
 * "deletions"), appends it to pull and returns it; a record breaking a
 * rule comes back quarantined with code, field and reason set. */
NkPullItem *nk_pull_add_record     (NkPull *pull, const char *section_name, guint index,
                                    JsonNode *node);
/* Marks every record of section_name sharing a key with another one as
 * duplicate (from the item at first on). */
void        nk_pull_mark_duplicates (NkPull *pull, guint first);
void        nk_pull_quarantine_item (NkPullItem *item, const char *code, const char *field,
                                     const char *reason);

/* nk-pull-apply.c */
/* Applies pull's items (no answer's cursor when pull->cursor is NULL). */
gboolean    nk_pull_apply_items    (NkPull *pull, NkStore *store, NkPullCounts *counts,
                                    GError **error);

/* nk-pull-quarantine.c */
/* Tries again the quarantined records that waited for other records. */
gboolean    nk_pull_retry_quarantined (NkStore *store, NkPullCounts *counts, GError **error);
/* Queues a pull.rejected event per quarantined record not reported yet. */
gboolean    nk_pull_report_quarantined (NkStore *store, NkCentre *centre, NkPullCounts *counts,
                                        GError **error);
/* TRUE when records kept by an earlier version wait for this version's
 * checks (code "upgrade"): tried again after the next pull, whatever it held. */
gboolean    nk_pull_upgrade_waits  (NkStore *store);
/* TRUE when code is one a later record may resolve (tried again). */
gboolean    nk_pull_code_waits     (const char *code);

G_END_DECLS
