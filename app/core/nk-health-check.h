/* nk-health-check.h — the morning health check (晨检) and the midday
 * check (午检): temperature, the observations of 一摸二看三问四查, and an
 * outcome.  Green admits the child; yellow admits them to be watched (what
 * to watch is said); red does not admit them: the family takes the child
 * home, and the stay is closed in the same record.
 *
 * Rules (nk_health_check_record): only a child checked in today is
 * checked; temperature 34.0–42.5 °C (tenths: 340..425), 37.3 °C and above
 * flagged; yellow needs what to watch; the midday check asks fewer things
 * (NK_HEALTH_MIDDAY_CONCERNS); a second check of the same child, day and
 * time is a correction of the first, never a second check. */
#pragma once

#include "nk-attendance.h"
#include "nk-child-day.h"
#include "nk-kind.h"

G_BEGIN_DECLS

extern const NkKind nk_health_check_kind;    /* "health_check", table health_checks */

#define NK_HEALTH_TEMPERATURE_MIN   340   /* tenths of °C */
#define NK_HEALTH_TEMPERATURE_MAX   425
#define NK_HEALTH_TEMPERATURE_FEVER 373   /* and above: flagged */

typedef enum {
  NK_HEALTH_MORNING,   /* 晨检, at arrival */
  NK_HEALTH_MIDDAY,    /* 午检 */
} NkHealthCheckTime;

typedef enum {
  NK_HEALTH_GREEN,     /* admitted */
  NK_HEALTH_YELLOW,    /* admitted, to be watched */
  NK_HEALTH_RED,       /* not admitted: the family takes the child home */
} NkHealthOutcome;

/* The observations; a bit is set when something was noticed. */
typedef enum {
  NK_HEALTH_FEELS_HOT = 1 << 0,  /* 一摸: fever to the touch */
  NK_HEALTH_FACE      = 1 << 1,  /* 二看: face, complexion */
  NK_HEALTH_THROAT    = 1 << 2,  /*        throat, mouth */
  NK_HEALTH_SKIN      = 1 << 3,  /*        skin, rash */
  NK_HEALTH_EYES      = 1 << 4,  /*        eyes */
  NK_HEALTH_SPIRITS   = 1 << 5,  /*        spirits (listless, irritable) */
  NK_HEALTH_EATING    = 1 << 6,  /* 三问 the parent: eating at home */
  NK_HEALTH_SLEEP     = 1 << 7,  /*        sleep at home */
  NK_HEALTH_TOILETING = 1 << 8,  /*        toileting at home */
  NK_HEALTH_POCKETS   = 1 << 9,  /* 四查: dangerous items in pockets */
} NkHealthConcern;

#define NK_HEALTH_N_CONCERNS 10
#define NK_HEALTH_ALL_CONCERNS ((1u << NK_HEALTH_N_CONCERNS) - 1)
/* The midday check: a child in the centre since the morning is looked at
 * again (temperature, touch, face, mouth and throat, skin, spirits: what
 * hand-foot-and-mouth disease and fevers show by noon); the parent is not
 * there to be asked and the pockets were checked at arrival. */
#define NK_HEALTH_MIDDAY_CONCERNS \
  (NK_HEALTH_FEELS_HOT | NK_HEALTH_FACE | NK_HEALTH_THROAT | NK_HEALTH_SKIN | NK_HEALTH_SPIRITS)

typedef struct {
  NkHealthConcern bit;
  const char     *member;   /* payload member and column */
  const char     *label;    /* untranslated (N_): what a toggle says */
} NkHealthConcernInfo;

/* The observations in the order the check asks them. */
const NkHealthConcernInfo *nk_health_concern_info (guint i);
const char *nk_health_check_time_to_string (NkHealthCheckTime time);
const char *nk_health_outcome_to_string (NkHealthOutcome outcome);

typedef struct {
  const char       *child_id;
  NkHealthCheckTime time;
  int               temperature;   /* tenths of °C */
  guint             concerns;      /* NkHealthConcern bits */
  NkHealthOutcome   outcome;
  const char       *watch;         /* what to watch: required for yellow */
} NkHealthCheck;

typedef struct {
  char    *id;            /* the check's event */
  char    *corrects;      /* the check it corrects, or NULL */
  char    *checkout_id;   /* red: the attendance event that closed the stay */
  gboolean fever;         /* temperature flagged */
} NkHealthCheckSaved;

void nk_health_check_saved_clear (NkHealthCheckSaved *saved);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (NkHealthCheckSaved, nk_health_check_saved_clear)

/* Records check by staff_id (one record; red also checks the child out
 * through attendance, reason NK_HEALTH_RED_REASON).  FALSE with error
 * (translated, says what to change) and nothing recorded when a rule is
 * broken. */
#define NK_HEALTH_RED_REASON "晨检未通过 / not admitted at the health check"
#define NK_HEALTH_RED_MIDDAY_REASON "午检未通过 / sent home at the midday check"
gboolean nk_health_check_record (NkAttendance *attendance, const char *staff_id,
                                 const NkHealthCheck *check, NkHealthCheckSaved *saved,
                                 GError **error);

/* A check that stands, as read back. */
typedef struct {
  char             *id;
  char             *child_id;
  NkHealthCheckTime time;
  int               temperature;
  guint             concerns;
  NkHealthOutcome   outcome;
  char             *watch;
  gint64            at_us;
  char             *staff_name;
} NkHealthCheckEntry;

void nk_health_check_entry_free (NkHealthCheckEntry *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NkHealthCheckEntry, nk_health_check_entry_free)

/* The check of child on date at time that stands; *entry NULL when none. */
gboolean nk_health_check_find (NkStore *store, const char *child_id, const char *date,
                               NkHealthCheckTime time, NkHealthCheckEntry **entry,
                               GError **error);

/* The morning queue: the next child of room_id (by name, after
 * after_child_id, wrapping round) checked in today and not yet checked at
 * time; *child_id NULL when every child here was checked. */
gboolean nk_health_check_next (NkStore *store, NkCentre *centre, const char *room_id,
                               NkHealthCheckTime time, const char *after_child_id,
                               char **child_id, char **name, GError **error);

/* "36.8 °C" */
char    *nk_health_format_temperature (int tenths);

/* The day source (nk-child-day.c): the checks as lines; "未晨检", "需观察"
 * and, after NK_HEALTH_MIDDAY_FROM, "未午检" as marks. */
#define NK_HEALTH_MIDDAY_FROM_MIN (11 * 60 + 30)
gboolean nk_health_check_day_source (NkStore *store, NkDaySet *set, GError **error);

G_END_DECLS
