/* nk-attendance-private.h — shared by the files of NkAttendance
 * (nk-attendance.c, -results.c, -writes.c, -lists.c); nothing else. */
#pragma once

#include <json-glib/json-glib.h>

#include "nk-attendance.h"
#include "nk-store-private.h"

G_BEGIN_DECLS

struct _NkAttendance
{
  GObject     parent_instance;

  NkStore    *store;
  GTimeZone  *tz;
  NkClock     clock;
  guint       debounce_s;
  GHashTable *recent;        /* "kind:id" → gint64* monotonic µs of the last handled tap */
  gint64      clock_offset;  /* real − monotonic at the last action, 0 before it */
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
  const char *by_kind;    /* child / guardian / staff / system */
  const char *by_id;
  const char *card_uid;
  const char *method;     /* card / manual / system */
  const char *reason;
} AttendanceRow;

static inline char *
nk_column_dup (sqlite3_stmt *stmt, int col)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, col));
}

gint64       nk_attendance_now_real  (NkAttendance *self);
char        *nk_attendance_local_date (NkAttendance *self, gint64 real_us);

NkTapResult *nk_tap_result_new       (NkTapOutcome outcome, const char *uid, gint64 at_us);
void         nk_family_child_free    (NkFamilyChild *child);
void         nk_room_child_free      (NkRoomChild *child);

char        *nk_json_text            (JsonBuilder *builder);
void         nk_json_member          (JsonBuilder *builder, const char *name, const char *value);
char        *nk_attendance_write     (NkAttendance *self, const AttendanceRow *row, gint64 at_us,
                                      GError **error);
gboolean     nk_attendance_close_stay (NkAttendance *self, const char *child_id, const LastEvent *ev,
                                       gint64 at_us, GError **error);
char        *nk_attendance_write_clock (NkAttendance *self, const char *staff_id, const char *kind,
                                        const char *method, gint64 at_us, const char *date,
                                        GError **error);

G_END_DECLS
