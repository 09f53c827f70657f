/* nk-alarm.h — the one-key alarm (一键报警).
 *
 * A member of staff holds the alarm control for 3 seconds (nk-alarm-button.c)
 * on any staff screen or the director's dashboard; every door of the centre
 * then shows the banner "Alarm raised by NAME at HH:MM" and sounds the siren
 * until the director cancels it with a reason.
 *
 * ## The events
 *
 * "alarm" (table alarms), by the member of staff who raised it (by_kind
 * "staff", by_id): staff_id (the same member, on the roster) and door_id
 * (the kiosk it was raised at: its device id); the event's time is when it
 * was raised.  Urgent (urgent_types[] of nk-record.c): the sync sends it at
 * once on a request of its own and again every sync.urgent-retry-seconds
 * until the platform answered for it; the event id makes it count once.
 * "alarm.cancelled" (table alarm_cancels), by the director only: alarm_id,
 * director_id, reason (false-alarm, drill, resolved, other) and note (up to
 * NK_ALARM_NOTE_MAX characters; required with "other", else optional).
 * Urgent too: the platform learns at once that the alarm is over.  Both
 * are relayed to the centre's other doors (kinds[] of nk-kind.c), which
 * show the banner and see it cancelled with the same checks.
 *
 * An alarm is open while no cancellation of it stands.  Raising it while
 * one is open records nothing more (the alarm is on already).
 *
 * ## Changes
 *
 * The store's "changed::alarm" when one is raised (or relayed),
 * "changed::alarm.cancelled" when one is cancelled. */
#pragma once

#include "nk-centre.h"
#include "nk-kind.h"
#include "nk-store.h"

G_BEGIN_DECLS

extern const NkKind nk_alarm_kind;          /* "alarm", table alarms */
extern const NkKind nk_alarm_cancel_kind;   /* "alarm.cancelled", table alarm_cancels */

#define NK_ALARM_NOTE_MAX 200

typedef enum {
  NK_ALARM_FALSE_ALARM,
  NK_ALARM_DRILL,
  NK_ALARM_RESOLVED,
  NK_ALARM_OTHER,       /* a note says what */
} NkAlarmReason;

#define NK_ALARM_N_REASONS (NK_ALARM_OTHER + 1)

/* "false-alarm", "drill", "resolved", "other" */
const char *nk_alarm_reason_to_string (NkAlarmReason reason);
/* The reason in the kiosk's language: 误报, 演练, 已处理, 其他 */
const char *nk_alarm_reason_label     (NkAlarmReason reason);

/* Where the alarm is on its way to the platform. */
typedef enum {
  NK_ALARM_DELIVERY_PENDING,    /* raised here; the platform has not answered for it yet */
  NK_ALARM_DELIVERY_SENT,       /* raised here; the platform has it */
  NK_ALARM_DELIVERY_REJECTED,   /* raised here; the platform refused it (kept, shown in staff mode) */
  NK_ALARM_DELIVERY_ELSEWHERE,  /* relayed: another door raised it and sends it */
} NkAlarmDelivery;

typedef struct {
  char           *id;
  char           *staff_id;
  char           *staff_name;    /* NULL when that member is not on this roster */
  char           *door_id;       /* the kiosk it was raised at */
  gint64          raised_at_us;
  NkAlarmDelivery delivery;
} NkAlarm;

void nk_alarm_free (NkAlarm *alarm);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NkAlarm, nk_alarm_free)

/* staff_id (active staff) raises the alarm at this door.  Returns the
 * alarm's id (the new one, or the open one when an alarm was open already:
 * *recorded, may be NULL, says which); NULL with error (translated) when
 * staff_id is not active staff or the store failed, and nothing recorded. */
char      *nk_alarm_raise      (NkStore *store, NkCentre *centre, const char *staff_id,
                                gboolean *recorded, GError **error);

/* The open alarms (NkAlarm), newest first; NULL with error when the store
 * fails. */
GPtrArray *nk_alarm_list_open  (NkStore *store, GError **error);

/* director_id cancels alarm_id (open) for reason, with note (may be NULL
 * or empty; required for NK_ALARM_OTHER).  FALSE with error (translated;
 * NK_STORE_ERROR_INVALID: not the director, no note for "other", a note too
 * long, cancelled already; NK_STORE_ERROR_NOT_FOUND: no such alarm) and
 * nothing recorded. */
gboolean   nk_alarm_cancel     (NkStore *store, NkCentre *centre, const char *director_id,
                                const char *alarm_id, NkAlarmReason reason, const char *note,
                                GError **error);

/* The banner's words, translated: "Alarm raised by Teacher Zhang at 09:42"
 * (警报：张老师 09:42 发起); "… at another door" when relayed. */
char      *nk_alarm_describe   (const NkAlarm *alarm, NkCentre *centre, const char *own_device_id);

G_END_DECLS
