/* nk-sleep-check.h — infant sleep checks (睡眠巡查): while a child of an
 * infant room naps, a check is due every interval (10 min by default,
 * 5–15; other room kinds when the configuration switches them on).  A
 * check records the position, whether breathing and colour are normal,
 * the time and the staff member; a child under 12 months found on the
 * front is flagged ("turn onto the back").
 *
 * A check more than one interval overdue escalates (NkSleepWatch): the
 * kiosk records a "sleep_check.overdue" event, as the system, once per
 * gap. */
#pragma once

#include "nk-centre.h"
#include "nk-child-day.h"
#include "nk-kind.h"
#include "nk-store.h"
#include "nk-types.h"

G_BEGIN_DECLS

extern const NkKind nk_sleep_check_kind;
extern const NkKind nk_sleep_overdue_kind;

#define NK_SLEEP_CHECK_MIN_MINUTES     5
#define NK_SLEEP_CHECK_MAX_MINUTES     15
#define NK_SLEEP_CHECK_DEFAULT_MINUTES 10
/* Under this age a child found on the front is flagged. */
#define NK_SLEEP_CHECK_FRONT_MONTHS    12

typedef enum {
  NK_SLEEP_BACK,
  NK_SLEEP_SIDE,
  NK_SLEEP_FRONT,
} NkSleepPosition;

const char *nk_sleep_position_to_string (NkSleepPosition position);
gboolean    nk_sleep_position_from_string (const char *str, NkSleepPosition *out);
/* Translated: "On the back" … */
const char *nk_sleep_position_label (NkSleepPosition position);

#define NK_SLEEP_CHECK_ERROR (nk_sleep_check_error_quark ())
GQuark nk_sleep_check_error_quark (void);

typedef enum {
  NK_SLEEP_CHECK_ERROR_NOT_NAPPING,  /* the child has no open nap */
} NkSleepCheckError;

/* The kiosk's settings, from the configuration (sleep-check.*) at start;
 * the defaults hold until then.  room_kinds: a bit per NkRoomKind that
 * has checks (the infant room always has them). */
typedef struct {
  guint interval_minutes;
  guint room_kinds;
} NkSleepSettings;

#define NK_SLEEP_ROOM_BIT(kind) (1u << (kind))

void                   nk_sleep_settings_set (const NkSleepSettings *settings);
const NkSleepSettings *nk_sleep_settings_get (void);
gint64                 nk_sleep_settings_interval_us (void);

/* A check of child_id's open nap, now, by staff_id.  *flagged (may be
 * NULL) says the child is under 12 months and on the front.  Returns the
 * check's id. */
char *nk_sleep_check_record (NkStore *store, NkCentre *centre, const char *staff_id,
                             const char *child_id, NkSleepPosition position,
                             gboolean breathing_ok, gboolean colour_ok, gboolean *flagged,
                             GError **error);

typedef enum {
  NK_SLEEP_WAITING,   /* checked, next check not yet due */
  NK_SLEEP_DUE,       /* a check is due */
  NK_SLEEP_OVERDUE,   /* more than one interval overdue */
} NkSleepState;

/* A napping child whose room has checks. */
typedef struct {
  char        *nap_id;
  char        *child_id;
  char        *child_name;
  char        *room_id;
  char        *room_name;
  gint64       start_us;
  gint64       last_check_us;  /* 0: none yet */
  gint64       due_us;         /* last check (or the start) + interval */
  NkSleepState state;
} NkSleepDue;

void       nk_sleep_due_free (NkSleepDue *due);

/* The napping children with checks at now (open naps of the last 24 h),
 * of room_id or every room (NULL), by due time.  NkSleepDue*. */
GPtrArray *nk_sleep_check_list_due (NkStore *store, const char *room_id, gint64 now_us,
                                    GError **error);

/* Inside rec (actor system): records the escalation of due's gap unless
 * it was recorded already (here or at another door).  *recorded says
 * which. */
gboolean   nk_sleep_check_put_overdue (NkRecord *rec, const NkSleepDue *due,
                                       gboolean *recorded, GError **error);

/* The day source: "check due" / "check overdue" marks, and the line of
 * a check that found an infant on the front. */
gboolean   nk_sleep_check_day_source (NkStore *store, NkDaySet *set, GError **error);

G_END_DECLS
