/* nk-checkup.h — children's check-ups (儿童健康检查) and the health
 * record: the schedule of the national child health schedule, the results
 * health staff record, the contracted institution's visit dates (签约医疗
 * 机构, the platform's "checkups" section) and the check-up a child needs
 * after more than three months away.
 *
 * ## The schedule (nk-checkup-schedule.c)
 *
 * A check-up at 3, 6, 8, 12, 18, 24, 30 and 36 months of age, plus the
 * entry check-up (入园体检) before joining.
 *   - The due date of the check-up at m months is the date of birth plus m
 *     whole calendar months, clamped to the end of the month: born 31 Jan,
 *     due 30 Apr at 3 months; born 29 Feb, due 28 Feb of a year that is
 *     not a leap year.
 *   - The window in which a result counts for it runs from one month
 *     before its due date up to (not including) one month before the next
 *     due date, both counted from the date of birth: from the age of m-1
 *     months to the age of n-1 months, n the next check-up's age (48 after
 *     36).  The windows do not overlap and leave no day between them: a
 *     result counts for one scheduled check-up at most.
 *   - The entry check-up is due on the child's first day at the centre
 *     (today, while they have not come yet); any result counts for it.
 *   - A scheduled check-up whose window ended before the child's first
 *     day is not the centre's: it is left out, unless a result counts
 *     for it (the record shows it done).
 *   - Its state on a reference date R (today, or the CLI's --due-by):
 *     DONE: a result in its window; otherwise DUE when its due date is in
 *     R's month, OVERDUE when before R's month and its window is still
 *     open on R, MISSED when the window closed with no result (only the
 *     health record shows those: no result can count for them any more),
 *     UPCOMING after R's month.
 *
 * ## Away more than three months
 *
 * A child who attended before and has not attended for more than three
 * calendar months (the day they come back is after the last day they
 * came plus three months, clamped as above) needs a check-up before
 * coming back: the door tells staff at that check-in, and the room page
 * marks the child ("checkup.return") until a result dated after that last
 * day is recorded.
 *
 * ## Results (the kind "checkup.result", table checkup_results)
 *
 * Recorded by health staff or the director; integer units: height in mm
 * (35.0–130.0 cm), weight in g (1.50–35.00 kg), head circumference in mm
 * (28.0–56.0 cm, only under 24 months of age on the check-up's date),
 * haemoglobin in g/L (50–200), hearing and eye screening (pass, refer,
 * not_done), the doctor's notes (up to 500 characters).  The date is a
 * real day, not before birth and not after today. */
#pragma once

#include "nk-centre.h"
#include "nk-child-day.h"
#include "nk-door-notes.h"
#include "nk-kind.h"
#include "nk-store.h"

G_BEGIN_DECLS

extern const NkKind nk_checkup_result_kind;   /* "checkup.result", table checkup_results */
/* The results that stand, as a table to alias. */
#define NK_CHECKUP_STANDING \
  "(SELECT * FROM checkup_results WHERE " NK_KIND_STANDS ("checkup_results") ")"

#define NK_CHECKUP_N_AGES 8
/* The ages of the schedule in months (i < NK_CHECKUP_N_AGES). */
guint nk_checkup_age (guint i);

#define NK_CHECKUP_HEIGHT_MIN       350    /* mm */
#define NK_CHECKUP_HEIGHT_MAX       1300
#define NK_CHECKUP_WEIGHT_MIN       1500   /* g */
#define NK_CHECKUP_WEIGHT_MAX       35000
#define NK_CHECKUP_HEAD_MIN         280    /* mm */
#define NK_CHECKUP_HEAD_MAX         560
#define NK_CHECKUP_HB_MIN           50     /* g/L */
#define NK_CHECKUP_HB_MAX           200
#define NK_CHECKUP_HEAD_UNDER_MONTHS 24
#define NK_CHECKUP_NOTES_MAX        500
#define NK_CHECKUP_AWAY_MONTHS      3

typedef enum {
  NK_SCREEN_NOT_DONE,
  NK_SCREEN_PASS,
  NK_SCREEN_REFER,
} NkCheckupScreen;

const char *nk_checkup_screen_to_string (NkCheckupScreen screen);   /* "not_done", "pass", "refer" */
/* translated: "Pass", "Refer", "Not done" */
const char *nk_checkup_screen_label     (NkCheckupScreen screen);

/* ---- dates -------------------------------------------------------------- */

/* from + months whole calendar months, clamped to the end of the month. */
void     nk_checkup_add_months  (const GDate *from, int months, GDate *out);
/* Whole months of age on date (-1 when date is before birth). */
int      nk_checkup_age_months  (const GDate *birth, const GDate *date);

/* ---- the schedule ----------------------------------------------------------- */

typedef enum {
  NK_CHECKUP_DONE,
  NK_CHECKUP_DUE,        /* due in the reference date's month */
  NK_CHECKUP_OVERDUE,    /* due before that month, window still open */
  NK_CHECKUP_UPCOMING,
  NK_CHECKUP_MISSED,     /* window closed without a result */
} NkCheckupStatus;

const char *nk_checkup_status_to_string (NkCheckupStatus status);   /* "done", "due", … */

typedef struct {
  guint           months;        /* 0: the entry check-up */
  GDate           due;
  GDate           from, until;   /* the window [from, until); entry: invalid (any result) */
  NkCheckupStatus status;
  GDate           done_on;       /* the result's date when DONE */
} NkCheckupSlot;

/* The schedule of a child born on birth whose first day at the centre was
 * first_day (invalid: not yet), with the dates of their results (any
 * order), on the reference date ref: a GArray of NkCheckupSlot, the entry
 * check-up first, then by age. */
GArray  *nk_checkup_schedule (const GDate *birth, const GDate *first_day, const GDate *results,
                              guint n_results, const GDate *ref);

/* One check-up of one child, as the lists show it. */
typedef struct {
  char           *child_id;
  char           *child_name;
  char           *room_id;
  char           *date_of_birth;
  guint           months;        /* the check-up's age; 0 entry */
  char           *due_date;      /* YYYY-MM-DD */
  char           *done_on;       /* YYYY-MM-DD when DONE, else NULL */
  NkCheckupStatus status;
  int             age_months;    /* the child's age on the reference date */
} NkCheckupItem;

void nk_checkup_item_free (NkCheckupItem *item);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NkCheckupItem, nk_checkup_item_free)

/* Every scheduled check-up of the active children (of room_id, or all when
 * NULL; one child when child_id is not NULL) on ref ("YYYY-MM-DD"), by
 * child name then age; today (NULL: ref) is the entry check-up's due date
 * of a child who has not come yet.  A child whose date of birth cannot be
 * read is left out with a g_message.  NULL with error when the store
 * fails. */
GPtrArray *nk_checkup_list (NkStore *store, const char *room_id, const char *child_id,
                            const char *ref, const char *today, GError **error);

/* The CLI's rows (nursery-kiosk-admin checkups --due-by): every check-up
 * due on or before due_by and not done (DUE in due_by's month, OVERDUE
 * before), by due date then child: the CSV with its header. */
gboolean nk_checkup_due_csv (NkStore *store, const char *due_by, const char *today, GString *csv,
                             guint *rows, GError **error);

/* ---- results ------------------------------------------------------------------ */

typedef struct {
  const char     *child_id;
  const char     *date;          /* YYYY-MM-DD */
  int             height_mm;
  int             weight_g;
  int             head_mm;       /* 0: not measured */
  int             haemoglobin;   /* g/L, 0: not measured */
  NkCheckupScreen hearing;
  NkCheckupScreen eyes;
  const char     *notes;         /* may be NULL */
} NkCheckupResult;

/* Records result by staff_id (health staff or the director), or corrects
 * the result corrects (not NULL: a result of the same child that stands).
 * Returns the new id; NULL with error (translated, says what to change)
 * and nothing recorded when a rule is broken. */
char *nk_checkup_record (NkStore *store, NkCentre *centre, const char *staff_id,
                         const NkCheckupResult *result, const char *corrects, GError **error);

/* A result that stands, as read back. */
typedef struct {
  char           *id;
  char           *child_id;
  char           *date;
  int             height_mm, weight_g, head_mm, haemoglobin;
  NkCheckupScreen hearing, eyes;
  char           *notes;
  char           *staff_name;
} NkCheckupEntry;

void nk_checkup_entry_free (NkCheckupEntry *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NkCheckupEntry, nk_checkup_entry_free)

/* The child's results that stand, oldest first (NkCheckupEntry). */
GPtrArray *nk_checkup_results (NkStore *store, const char *child_id, GError **error);

/* The child's name and date of birth (as the roster holds it). */
gboolean nk_checkup_read_child (NkStore *store, const char *child_id, char **name,
                                char **date_of_birth, GError **error);

/* "92.5 cm", "13.40 kg", "46.0 cm", "118 g/L" */
char *nk_checkup_format_cm (int mm);
char *nk_checkup_format_kg (int g);

/* For the demo centre (nk-demo.c, inside its transaction): a result of
 * child_id months after date_of_birth, kept here only (no event). */
gboolean nk_checkup_put_demo (NkStore *store, const char *child_id, const char *date_of_birth,
                              int months, int height_mm, int weight_g, GError **error);

/* ---- away more than three months --------------------------------------------- */

/* Whether child_id, at the centre on date, came back after more than three
 * months away and has no check-up since: *needed, and *last_day (the last
 * day before the time away, or NULL). */
gboolean nk_checkup_return_needed (NkStore *store, const char *child_id, const char *date,
                                   gboolean *needed, char **last_day, GError **error);

/* The door note (nk-door-notes.c): a child checked in after more than
 * three months away, with no check-up since, is named to staff (a
 * warning, key "checkup.return").  One indexed query, two when away. */
gboolean nk_checkup_door_note (const NkNoteContext *ctx, NkTapResult *result, GError **error);

/* The day source (nk-child-day.c): the mark "checkup.return". */
gboolean nk_checkup_day_source (NkStore *store, NkDaySet *set, GError **error);

/* ---- the contracted institution's visits ---------------------------------------- */

typedef struct {
  char *id;
  char *date;          /* YYYY-MM-DD */
  char *institution;
  char *note;          /* may be NULL */
} NkCheckupVisit;

void nk_checkup_visit_free (NkCheckupVisit *visit);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NkCheckupVisit, nk_checkup_visit_free)

/* The first visit on or after from for room_id (a visit for every room, or
 * one naming it; room_id NULL: any visit); *visit NULL when none. */
gboolean nk_checkup_next_visit (NkStore *store, const char *from, const char *room_id,
                                NkCheckupVisit **visit, GError **error);

G_END_DECLS
