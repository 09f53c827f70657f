/* nk-care-log.h — the care log (生活记录): meals and snacks, bottles,
 * water, diapers and toilet, mood, temperature, incidents and notes.
 *
 * Each is a record kind (nk-kind.h) with its own table; one entry is one
 * event per child.  An entry for several children (the whole room had
 * lunch, three ate half) is ONE record: one row and one event per child,
 * committed together or not at all.  Children not checked in are skipped
 * and named in the result.  A correction or deletion is a new event
 * naming the row it corrects (nk_kind_correct / nk_kind_delete); only the
 * rows that stand are shown.  Naps and medicine are kinds of their own,
 * elsewhere. */
#pragma once

#include "nk-child-day.h"
#include "nk-kind.h"
#include "nk-record.h"

G_BEGIN_DECLS

typedef enum {
  NK_CARE_MEAL,
  NK_CARE_BOTTLE,
  NK_CARE_WATER,
  NK_CARE_DIAPER,
  NK_CARE_MOOD,
  NK_CARE_TEMPERATURE,
  NK_CARE_INCIDENT,
  NK_CARE_NOTE,
  NK_CARE_N_WHAT
} NkCareWhat;

/* The ranges the rules accept. */
#define NK_CARE_BOTTLE_ML_MIN 10
#define NK_CARE_BOTTLE_ML_MAX 400
#define NK_CARE_WATER_ML_MIN  10
#define NK_CARE_WATER_ML_MAX  500
#define NK_CARE_TENTHS_MIN    340   /* 34.0 °C */
#define NK_CARE_TENTHS_MAX    425   /* 42.5 °C */
#define NK_CARE_FEVER_TENTHS  373   /* 37.3 °C and above is flagged */
#define NK_CARE_TEXT_MAX      200

/* The choices, NULL-terminated, as stored and sent. */
extern const char *const nk_care_slots[];     /* breakfast morning_snack lunch afternoon_snack dinner */
extern const char *const nk_care_portions[];  /* all most half little refused */
extern const char *const nk_care_milks[];     /* breast_milk formula */
extern const char *const nk_care_diapers[];   /* wet soiled dry potty */
extern const char *const nk_care_colours[];   /* yellow brown green black red white */
extern const char *const nk_care_moods[];     /* happy calm fussy upset tired */
extern const char *const nk_care_told[];      /* not_yet phone in_person */

/* One entry; only the members of its kind are read. */
typedef struct {
  NkCareWhat  what;
  gint64      at_us;      /* when it happened (UTC µs); 0: now */
  const char *slot;       /* MEAL */
  const char *portion;    /* MEAL */
  gint64      ml;         /* BOTTLE, WATER */
  const char *milk;       /* BOTTLE */
  const char *diaper;     /* DIAPER */
  const char *colour;     /* DIAPER, soiled only; may be NULL */
  const char *mood;       /* MOOD */
  gint64      tenths;     /* TEMPERATURE, °C × 10 */
  const char *text;       /* NOTE: the note; INCIDENT: what happened */
  const char *place;      /* INCIDENT: where */
  const char *first_aid;  /* INCIDENT; may be NULL (none needed) */
  const char *told;       /* INCIDENT: whether and how the parent was told */
} NkCareEntry;

/* A child of a several-children entry who is recorded differently
 * (entry), or not at all (entry NULL: e.g. away from the meal). */
typedef struct {
  const char        *child_id;
  const NkCareEntry *entry;
} NkCareException;

typedef struct {
  GPtrArray *ids;       /* char*: the rows written, one per child recorded */
  GPtrArray *absent;    /* char*: names of the children skipped, not checked in */
  GPtrArray *excepted;  /* char*: names of the children left out by an exception */
} NkCareResult;

void nk_care_result_free (NkCareResult *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NkCareResult, nk_care_result_free)

extern const NkKind nk_care_meal_kind;
extern const NkKind nk_care_bottle_kind;
extern const NkKind nk_care_water_kind;
extern const NkKind nk_care_diaper_kind;
extern const NkKind nk_care_mood_kind;
extern const NkKind nk_care_temperature_kind;
extern const NkKind nk_care_incident_kind;
extern const NkKind nk_care_note_kind;

const NkKind *nk_care_kind (NkCareWhat what);
/* The kind of a day line's topic, or -1 when the care log does not own it. */
int           nk_care_what_of_topic (NkDayTopic topic);

/* The rules of one entry beyond the payload's types: the ranges, the
 * members its kind needs, a time of today and not in the future.  FALSE
 * with NK_STORE_ERROR_INVALID and a translated message saying which. */
gboolean nk_care_check (NkCentre *centre, const NkCareEntry *entry, GError **error);

/* entry for each of child_ids (exceptions override it per child), in one
 * record by actor.  Children not checked in today are skipped and named
 * in the result; when nobody is left to record, FALSE-like: NULL with
 * NK_STORE_ERROR_INVALID.  Any failure leaves nothing written. */
NkCareResult *nk_care_record      (NkStore *store, NkCentre *centre, const NkActor *actor,
                                   const char *const *child_ids, const NkCareEntry *entry,
                                   const NkCareException *exceptions, guint n_exceptions,
                                   GError **error);
/* The same for every active child of room_id. */
NkCareResult *nk_care_record_room (NkStore *store, NkCentre *centre, const NkActor *actor,
                                   const char *room_id, const NkCareEntry *entry,
                                   const NkCareException *exceptions, guint n_exceptions,
                                   GError **error);

/* A correction of original_id (which must stand) by entry, for the same
 * child; a deletion.  Return the new row's id (free it); NULL with error. */
char *nk_care_correct (NkStore *store, NkCentre *centre, const NkActor *actor,
                       const char *original_id, const NkCareEntry *entry, GError **error);
char *nk_care_delete  (NkStore *store, NkCentre *centre, const NkActor *actor,
                       NkCareWhat what, const char *original_id, GError **error);

/* One row read back (for a correction's form). */
typedef struct {
  NkCareEntry entry;     /* points into the strings below */
  char       *id;
  char       *child_id;
  char       *staff_name;
  gboolean    stands;
  char       *strings[5];
} NkCareRow;

NkCareRow *nk_care_get      (NkStore *store, NkCareWhat what, const char *id, GError **error);
void       nk_care_row_free (NkCareRow *row);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NkCareRow, nk_care_row_free)

/* Incidents: the day source puts NK_DAY_LINE_NEEDS_ACK on every incident
 * line that stands; the guardian's acknowledgement (a kind of its own,
 * whose source comes after this one in day_sources[]) clears it.  These
 * are the standing incidents of a child on date, in time order
 * (NkCareRow*), and whether one id is a standing incident of that child. */
GPtrArray *nk_care_incident_list  (NkStore *store, const char *child_id, const char *date,
                                   GError **error);
gboolean   nk_care_incident_stands (NkStore *store, const char *child_id, const char *incident_id);

/* The day source (day_sources[] in nk-child-day.c): the lines of every
 * kind above, and the marks "care.meal" (last meal), "care.fever"
 * (warning: the last temperature is 37.3 °C or more), "care.incident". */
gboolean nk_care_day_source (NkStore *store, NkDaySet *set, GError **error);

/* Translated words for the choices and kinds. */
const char *nk_care_choice_label (const char *choice);
const char *nk_care_what_label   (NkCareWhat what);
/* The title and detail of an entry as the parent's day shows it
 * (translated; free them); *flagged when the family should notice. */
void        nk_care_describe     (const NkCareEntry *entry, char **title, char **detail,
                                  gboolean *flagged);
/* The note phrases (常用语) offered when none are configured, translated. */
GStrv       nk_care_default_phrases (void);
/* The slot of a meal at local time hour:minute (breakfast until 9:00…). */
const char *nk_care_slot_at      (int hour, int minute);

G_END_DECLS
