/* nk-config.h — the kiosk's configuration: a GKeyFile (docs/config.md)
 * with defaults for every key, overridden by command-line options. */
#pragma once

#include <glib.h>
#include "nk-uid.h"

G_BEGIN_DECLS

typedef struct {
  /* [kiosk] */
  char        *centre_name;          /* centre-name */
  char        *timezone;             /* timezone, default Asia/Shanghai */
  char        *data_dir;             /* data-dir */
  guint        result_seconds;       /* result-seconds, default 4 */
  guint        chooser_seconds;      /* chooser-seconds, default 20 */
  guint        day_seconds;          /* day-seconds, default 15: a child's day at pick-up */
  guint        ack_seconds;          /* ack-seconds, default 60: while an incident waits */
  guint        panel_seconds;        /* panel-seconds, default 8: the idle panel's turn */
  guint        staff_lock_seconds;   /* staff-lock-seconds, default 90 */
  guint        keep_audit_days;      /* keep-audit-days, default 400 */
  guint        utilisation_target;   /* utilisation-target, percent, default 80 (nk-trends.h) */
  guint        closing_minutes;      /* closing-time HH:MM, default 17:30 (nk-dashboard.h) */
  /* [reader] */
  char        *reader;               /* reader.backend: sim | nfc[:CONN] | wedge[:DEVICE] */
  guint        debounce_seconds;     /* reader.debounce-seconds, default 10 */
  NkUidOptions uid;                  /* reader.uid-format, reader.uid-byte-order */
  /* [sound] */
  gboolean     sound_enabled;        /* sound.enabled */
  double       sound_volume;         /* sound.volume 0.0–1.0 */
  /* [sync] — used by sync/ */
  char        *platform_url;         /* sync.platform-url */
  char        *ca_file;              /* sync.ca-file */
  char        *pinned_key;           /* sync.pinned-public-key (sha256//…) */
  guint        batch_size;           /* sync.batch-size, default 500 */
  guint        pull_seconds;         /* sync.pull-interval-seconds, default 60 */
  guint        retry_max_seconds;    /* sync.retry-max-seconds, default 300 */
  guint        urgent_retry_seconds; /* sync.urgent-retry-seconds 1–60, default 5 */
  guint        keep_sent_days;       /* sync.keep-sent-days, default 30 */
  /* [care] */
  char       **care_phrases;         /* care.phrases (常用语); NULL: the built-in list */
  /* [sleep-check] */
  guint        sleep_check_minutes;  /* sleep-check.interval-minutes 5–15, default 10 */
  guint        sleep_check_rooms;    /* sleep-check.room-kinds: a bit per NkRoomKind; infant always */
  /* [absence] */
  guint        absence_after_minutes; /* absence.after HH:MM, default 09:30: minutes after midnight */
  guint        absence_open_days;    /* absence.open-days, default mon…fri: a bit per GDateWeekday */
  /* [outbreak] */
  guint        outbreak_room_children;   /* outbreak.room-children 2–50, default 3 */
  guint        outbreak_centre_children; /* outbreak.centre-children 2–500, default 5 */
  guint        outbreak_centre_days;     /* outbreak.centre-days 1–14, default 3 */
  /* [ratio] */
  guint        ratio_breach_minutes;     /* ratio.breach-minutes 1–60, default 5 (nk-ratio.h) */
} NkConfig;

NkConfig *nk_config_new       (void);
/* Loads path over the defaults; a missing file is an error only when
 * must_exist.  Every key is checked strictly: the first bad value stops
 * the load with a message naming the key (and quoting at most the first
 * NK_QUOTE_MAX_CHARS characters of the value).  Unknown keys are ignored
 * with a journal line.  The device id is not configuration: NkStore
 * makes it and keeps it in the database. */
gboolean  nk_config_load      (NkConfig *self, const char *path, gboolean must_exist, GError **error);
void      nk_config_free      (NkConfig *self);
/* $XDG_DATA_HOME/nursery-kiosk unless configured. */
const char *nk_config_get_data_dir (NkConfig *self);
GTimeZone *nk_config_get_timezone (NkConfig *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NkConfig, nk_config_free)

G_END_DECLS
