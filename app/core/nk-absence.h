/* nk-absence.h — illness-absence follow-up (因病缺勤追踪): who is expected
 * today and has not come, the reason staff record after calling the
 * family, and the health check a child needs back after an illness.  The
 * outbreak rule that runs after every reason is in nk-outbreak.h.
 *
 * ## Who is expected (nk_absence_list)
 *
 * On an open day of the centre (absence.open-days, Monday to Friday by
 * default), from the configured time (absence.after, 09:30 by default,
 * the centre's local time) a child is expected when
 *   - active on the roster, with a room (room_id: NULL for every room);
 *   - has come at least once before today (an attendance row of an earlier
 *     day): a child who never attended has no first day yet — the roster
 *     often holds a child before they start — and is not listed (unless a
 *     reason was recorded for them today: then they are, with it);
 *   - is not checked in today (no check-in row of today's date, whatever
 *     came after it): a child who arrives late drops off the list; a reason
 *     recorded for them stands (staff delete it if it was wrong);
 *   - is not covered by a standing reason recorded on an earlier day whose
 *     until_date reaches today (a leave or illness of several days).
 * Before the configured time, and on a day that is not open, the list is
 * empty.  A child whose reason was recorded for today stays on the list
 * with that reason (recorded TRUE), so the room sees who is done.
 *
 * ## The reason (the kind "absence.reason", table absences)
 *
 * Payload: child_id, room_id (the child's room at that moment),
 * absent_date (the first day away, YYYY-MM-DD), until_date (the last day
 * covered, inclusive, or null: that day only), reason ("illness", "leave"
 * or "unknown"), a BOOL per symptom (fever, cough, diarrhoea, vomiting,
 * rash, hfmd, other) and other_symptom (text, null unless "other").
 * Rules (nk_absence_record), each with its message:
 *   - the child is on the roster, active and in a room;
 *   - a new reason is for today; a correction keeps its original's
 *     absent_date, child and room;
 *   - the child was not checked in on absent_date;
 *   - one reason stands per child and absent_date: the second is refused
 *     ("correct it instead");
 *   - illness names at least one symptom; leave and unknown name none;
 *   - "other" needs its text (1–NK_ABSENCE_OTHER_MAX characters), and the
 *     text is only kept with "other";
 *   - until_date is not before absent_date and at most NK_ABSENCE_MAX_DAYS
 *     days after it; an unknown reason is for its day only.
 * Corrections and deletions (nk_kind_correct / nk_kind_delete) are
 * honoured everywhere: only the rows that stand (NK_KIND_STANDS) count.
 *
 * ## Back after an illness
 *
 * A child checked in whose last standing reason of an earlier day
 * (absent_date before today) was an illness gets a staff warning at the
 * door ("absence.back": back after illness (fever, cough): do the health
 * check), and the room page marks the child ("absence.back") until a
 * morning health check of today is recorded (nk-health-check.h).  After a
 * leave or an unknown reason, nothing is said. */
#pragma once

#include "nk-centre.h"
#include "nk-child-day.h"
#include "nk-door-notes.h"
#include "nk-kind.h"
#include "nk-store.h"

G_BEGIN_DECLS

extern const NkKind nk_absence_kind;   /* "absence.reason", table absences */

/* The reasons that stand, as a table to alias. */
#define NK_ABSENCE_STANDING \
  "(SELECT * FROM absences WHERE " NK_KIND_STANDS ("absences") ")"

#define NK_ABSENCE_OTHER_MAX 100   /* characters of other_symptom */
#define NK_ABSENCE_MAX_DAYS  30    /* until_date at most this many days after absent_date */

typedef enum {
  NK_ABSENCE_ILLNESS,
  NK_ABSENCE_LEAVE,
  NK_ABSENCE_UNKNOWN,
} NkAbsenceReason;

/* "illness", "leave", "unknown" */
const char *nk_absence_reason_to_string   (NkAbsenceReason reason);
gboolean    nk_absence_reason_from_string (const char *str, NkAbsenceReason *out);
/* translated: "Illness" (病假), "Leave" (事假), "Unknown" (原因不明) */
const char *nk_absence_reason_label       (NkAbsenceReason reason);

/* The symptoms, as flags. */
typedef enum {
  NK_SYMPTOM_FEVER     = 1 << 0,
  NK_SYMPTOM_COUGH     = 1 << 1,
  NK_SYMPTOM_DIARRHOEA = 1 << 2,
  NK_SYMPTOM_VOMITING  = 1 << 3,
  NK_SYMPTOM_RASH      = 1 << 4,
  NK_SYMPTOM_HFMD      = 1 << 5,   /* hand-foot-mouth signs (手足口症状) */
  NK_SYMPTOM_OTHER     = 1 << 6,   /* with a text */
} NkSymptom;

#define NK_SYMPTOM_N   7
#define NK_SYMPTOM_ALL ((1 << NK_SYMPTOM_N) - 1)

/* The i-th symptom (i < NK_SYMPTOM_N), in the order above. */
NkSymptom   nk_symptom_nth          (guint i);
/* "fever", "cough", "diarrhoea", "vomiting", "rash", "hfmd", "other":
 * the payload member and column of one symptom (one flag only). */
const char *nk_symptom_to_string    (NkSymptom symptom);
gboolean    nk_symptom_from_string  (const char *str, NkSymptom *out);
/* translated: "Fever" (发热), "Cough" (咳嗽), "Diarrhoea" (腹泻),
 * "Vomiting" (呕吐), "Rash" (皮疹), "Hand-foot-mouth signs" (手足口症状),
 * "Other" (其他) */
const char *nk_symptom_label        (NkSymptom symptom);
/* The translated labels of symptoms, joined ("fever, cough" as 发热、咳嗽);
 * "other" as other_text when given.  "" when none. */
char       *nk_symptoms_describe    (guint symptoms, const char *other_text);

/* ---- settings ----------------------------------------------------------------- */

/* The kiosk's settings, from the configuration (absence.*) at start; the
 * defaults (09:30, Monday to Friday) hold until then.  open_days: a bit per
 * GDateWeekday (1 << G_DATE_MONDAY …). */
typedef struct {
  guint after_minutes;   /* minutes after local midnight, 0–1439 */
  guint open_days;
} NkAbsenceSettings;

#define NK_ABSENCE_DAY_BIT(weekday) (1u << (weekday))

void                     nk_absence_settings_set (const NkAbsenceSettings *settings);
const NkAbsenceSettings *nk_absence_settings_get (void);

/* ---- recording ---------------------------------------------------------------- */

typedef struct {
  const char     *child_id;
  NkAbsenceReason reason;
  guint           symptoms;       /* NkSymptom flags: illness only */
  const char     *other_symptom;  /* with NK_SYMPTOM_OTHER, else NULL */
  const char     *until_date;     /* YYYY-MM-DD, or NULL: that day only */
} NkAbsence;

/* Records absence for today by staff_id (any active staff member), or
 * corrects the reason corrects (not NULL: a reason of the same child that
 * stands; it keeps that reason's absent_date).  Then runs the outbreak rule
 * (nk_outbreak_check, nk-outbreak.h) as a record of its own, by the
 * system: a failure of that rule is logged and the reason stands.
 * Returns the new id; NULL with error (translated, says what to change;
 * NK_STORE_ERROR_INVALID for a broken rule, NK_STORE_ERROR_NOT_FOUND for
 * an unknown child) and nothing recorded when a rule is broken. */
char *nk_absence_record (NkStore *store, NkCentre *centre, const char *staff_id,
                         const NkAbsence *absence, const char *corrects, GError **error);

/* Deletes the standing reason absence_id (recorded by mistake; a child who
 * came after all) by staff_id: a new row and event (nk_kind_delete).  The
 * outbreak rule does not run again: an outbreak raised stays.  FALSE with
 * error (translated) when the reason is not there or was corrected. */
gboolean nk_absence_delete (NkStore *store, NkCentre *centre, const char *staff_id,
                            const char *absence_id, GError **error);

/* ---- the list ----------------------------------------------------------------- */

typedef struct {
  char           *child_id;
  char           *child_name;
  char           *room_id;
  char           *room_name;
  gboolean        recorded;       /* a reason stands for today */
  /* when recorded: */
  char           *absence_id;     /* the standing row's id (to correct or delete) */
  NkAbsenceReason reason;
  guint           symptoms;
  char           *other_symptom;
  char           *until_date;     /* NULL: today only */
  char           *staff_name;     /* who recorded it (NULL when not on the roster any more) */
} NkAbsenceItem;

void nk_absence_item_free (NkAbsenceItem *item);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NkAbsenceItem, nk_absence_item_free)

/* The children expected today and not checked in at now_us, of room_id (NULL:
 * every room), by room name then child name (NkAbsenceItem); empty before
 * the configured time and on a day that is not open.  NULL with error when
 * the store fails. */
GPtrArray *nk_absence_list (NkStore *store, NkCentre *centre, const char *room_id, gint64 now_us,
                            GError **error);

/* The illness reasons that stand and cover date (absent_date on or before
 * it, until_date on or after it), by room then child (NkAbsenceItem,
 * recorded): the director's "absent through illness today", whatever the
 * day the reason was recorded. */
GPtrArray *nk_absence_list_illness (NkStore *store, const char *date, GError **error);
/* How many children of room_id (NULL: all) are listed and have no reason
 * yet, at now_us (for a badge). */
gboolean   nk_absence_count_open (NkStore *store, NkCentre *centre, const char *room_id,
                                  gint64 now_us, guint *n, GError **error);

/* ---- back after an illness -------------------------------------------------- */

/* Whether child_id's last standing reason before date was an illness:
 * *symptoms (NkSymptom flags, 0 when not) and *other_symptom (may be NULL)
 * of it. */
gboolean nk_absence_back_after_illness (NkStore *store, const char *child_id, const char *date,
                                        guint *symptoms, char **other_symptom, GError **error);

/* The door note (door_note_sources[]): a child checked in back after an
 * illness: a staff warning, key "absence.back".  One indexed query. */
gboolean nk_absence_door_note (const NkNoteContext *ctx, NkTapResult *result, GError **error);

/* The day source (day_sources[]): the mark "absence.back" on a child of
 * the set checked in on its date, back after an illness, until a morning
 * health check of that date stands. */
gboolean nk_absence_day_source (NkStore *store, NkDaySet *set, GError **error);

/* For the demo centre (nk-demo.c, inside its transaction): a reason kept
 * here only (no event), for date. */
gboolean nk_absence_put_demo (NkStore *store, const char *child_id, const char *date,
                              NkAbsenceReason reason, guint symptoms, GError **error);

/* Changes: the store's "changed::absence.reason" after every reason
 * recorded, corrected, deleted or relayed. */

G_END_DECLS
