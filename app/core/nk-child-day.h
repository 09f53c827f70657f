/* nk-child-day.h — a child's day at the centre, assembled from the kinds.
 *
 * Each kind of record (attendance, health checks, naps, meals, medicine,
 * incidents…) is a SOURCE: it reads its own rows for one date and adds to
 * each child's day
 *   - LINES: what the family sees at pick-up ("12:05 午餐 · 吃了一半"),
 *   - MARKS: short states staff see in the room list ("未晨检", "午睡中").
 * A new kind registers its source with one line in day_sources[]
 * (nk-child-day.c).  The day of one child (the parent's day) and the days
 * of a room's children (staff mode's room list) are read the same way,
 * one query per source, so a room of 20 costs what a child costs. */
#pragma once

#include <sqlite3.h>

#include "nk-centre.h"
#include "nk-store.h"

G_BEGIN_DECLS

/* What a line is about; also the order of lines at the same minute. */
typedef enum {
  NK_DAY_ARRIVAL,
  NK_DAY_HEALTH,
  NK_DAY_MEDICINE,
  NK_DAY_MEAL,
  NK_DAY_BOTTLE,
  NK_DAY_WATER,
  NK_DAY_NAP,
  NK_DAY_DIAPER,
  NK_DAY_MOOD,
  NK_DAY_TEMPERATURE,
  NK_DAY_INCIDENT,
  NK_DAY_NOTE,
  NK_DAY_DEPARTURE,
} NkDayTopic;

typedef enum {
  NK_DAY_LINE_FLAGGED   = 1 << 0,   /* something the family should notice */
  NK_DAY_LINE_NEEDS_ACK = 1 << 1,   /* an incident the guardian has not acknowledged */
} NkDayLineFlags;

typedef struct {
  NkDayTopic     topic;
  gint64         at_us;       /* UTC µs */
  gint64         until_us;    /* end of a span (a nap), or 0 */
  char          *title;       /* translated, e.g. "Lunch" */
  char          *detail;      /* translated, e.g. "ate half"; may be NULL */
  char          *staff_name;  /* who recorded it; may be NULL */
  char          *record_id;   /* the row (event id) shown */
  NkDayLineFlags flags;
} NkDayLine;

typedef enum {
  NK_DAY_MARK_INFO,      /* a state: napping, checked out */
  NK_DAY_MARK_DUE,       /* something to do: not health-checked, medicine due */
  NK_DAY_MARK_WARNING,   /* something wrong: sleep check overdue, fever */
} NkDayMarkLevel;

typedef struct {
  char          *key;         /* e.g. "health.pending"; one per key */
  char          *label;       /* translated, short */
  NkDayMarkLevel level;
} NkDayMark;

typedef struct {
  char      *child_id;
  char      *name;
  char      *room_id;
  int        age_months;      /* whole months on the set's date, -1 unknown */
  /* from attendance */
  gint64     arrived_us;      /* first check-in of the date, 0 none */
  gint64     left_us;         /* last check-out of the date, 0 none */
  gboolean   present;         /* checked in and not out */
  GPtrArray *lines;           /* NkDayLine*, in time order after loading */
  GPtrArray *marks;           /* NkDayMark*, in the order the sources added them */
} NkChildDay;

/* The days of one child, or of the active children of one room, on one
 * local date ("YYYY-MM-DD"). */
typedef struct _NkDaySet NkDaySet;

NkDaySet   *nk_day_set_load_child (NkStore *store, NkCentre *centre, const char *child_id,
                                   const char *date, GError **error);
NkDaySet   *nk_day_set_load_room  (NkStore *store, NkCentre *centre, const char *room_id,
                                   const char *date, GError **error);
/* The active children of every room, with the attendance source and only
 * the sources given (n of them, in that order): the director's dashboard
 * (nk-dashboard.h) reads the marks of a few kinds for the whole centre. */
typedef gboolean (*NkDaySource) (NkStore *store, NkDaySet *set, GError **error);
NkDaySet   *nk_day_set_load_centre (NkStore *store, NkCentre *centre, const char *date,
                                    const NkDaySource *sources, guint n, GError **error);
void        nk_day_set_free       (NkDaySet *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NkDaySet, nk_day_set_free)

const char *nk_day_set_get_date   (NkDaySet *self);
/* the set's room, or NULL for a child's set */
const char *nk_day_set_get_room   (NkDaySet *self);
/* the set's child, or NULL for a room's set */
const char *nk_day_set_get_child  (NkDaySet *self);
NkCentre   *nk_day_set_get_centre (NkDaySet *self);
guint       nk_day_set_get_n      (NkDaySet *self);
NkChildDay *nk_day_set_get        (NkDaySet *self, guint i);
/* NULL when child_id is not in the set: a source skips that row. */
NkChildDay *nk_day_set_find       (NkDaySet *self, const char *child_id);

/* For sources.  Their SQL selects the set's children with
 *   child_id IN NK_DAY_SET_CHILDREN
 * and binds nk_day_set_bind_children () (":room", ":child"); the date
 * is nk_day_set_get_date (). */
#define NK_DAY_SET_CHILDREN \
  "(SELECT id FROM children WHERE (:child IS NULL OR id = :child) " \
  "AND (:room IS NULL OR (room_id = :room AND active = 1)) " \
  "AND (:child IS NOT NULL OR :room IS NOT NULL OR (active = 1 AND room_id IS NOT NULL)))"
gboolean    nk_day_set_bind_children (NkDaySet *self, NkStore *store, sqlite3_stmt *stmt,
                                      GError **error);

void        nk_child_day_add_line (NkChildDay *day, NkDayTopic topic, gint64 at_us,
                                   gint64 until_us, const char *title, const char *detail,
                                   const char *staff_name, const char *record_id,
                                   NkDayLineFlags flags);
/* A mark already there under key is replaced. */
void        nk_child_day_add_mark (NkChildDay *day, const char *key, const char *label,
                                   NkDayMarkLevel level);
const NkDayMark *nk_child_day_get_mark (NkChildDay *day, const char *key);
/* The lines of one topic, in time order (borrowed; free the array). */
GPtrArray  *nk_child_day_get_lines (NkChildDay *day, NkDayTopic topic);

/* A source (NkDaySource, above): adds the lines and marks of its kind to
 * the set's days. */

G_END_DECLS
