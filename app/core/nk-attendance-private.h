/* nk-attendance-private.h — shared by the files of NkAttendance
 * (nk-attendance.c, -results.c, -writes.c, -lists.c) and the door's
 * siblings (nk-door.c, nk-staff-clock.c); nothing else. */
#pragma once

#include <json-glib/json-glib.h>

#include "nk-attendance.h"
#include "nk-record.h"
#include "nk-store-private.h"

G_BEGIN_DECLS

struct _NkAttendance
{
  GObject     parent_instance;

  NkStore    *store;
  NkCentre   *centre;
};

typedef struct {
  char  *kind;       /* "in", "out", "not_out" or NULL when none */
  char  *date;
  gint64 at_us;
} LastEvent;

static inline void
last_event_clear (LastEvent *ev)
{
  g_free (ev->kind);
  g_free (ev->date);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LastEvent, last_event_clear)

typedef struct {
  const char *child_id;
  const char *kind;       /* in / out / not_out */
  const char *local_date;
  const char *card_uid;
  const char *method;     /* card / manual / system */
  const char *reason;
  const NkActor *by;      /* NULL: the record's actor */
} AttendanceRow;

NkTapResult *nk_tap_result_new       (NkTapOutcome outcome, const char *uid, gint64 at_us);
void         nk_family_child_free    (NkFamilyChild *child);
void         nk_room_child_free      (NkRoomChild *child);

/* Inside a record: the attendance row (with the child's room now) and its
 * event; by whom is the record's actor.  Returns the event id (owned by
 * the record). */
const char  *nk_attendance_write      (NkRecord *rec, const AttendanceRow *row, GError **error);
gboolean     nk_attendance_close_stay (NkRecord *rec, const char *child_id, const LastEvent *ev,
                                       GError **error);

G_END_DECLS
