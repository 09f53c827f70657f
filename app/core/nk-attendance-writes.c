/* nk-attendance-writes.c — the attendance row and its event, written
 * inside a record (nk-record.h).  Part of NkAttendance (nk-attendance.c
 * has the rules). */
#define G_LOG_DOMAIN "nk-core"

#include "config.h"

#include <glib/gi18n.h>

#include "nk-attendance-private.h"
#include "nk-migrations.h"

static const char *const attendance_steps[] = {
  /* 1 */
  "CREATE TABLE attendance ("
  "  id TEXT PRIMARY KEY,"
  "  child_id TEXT NOT NULL,"
  "  kind TEXT NOT NULL CHECK (kind IN ('in', 'out', 'not_out')),"
  "  at_us INTEGER NOT NULL,"
  "  local_date TEXT NOT NULL,"
  "  by_kind TEXT NOT NULL CHECK (by_kind IN ('child', 'guardian', 'staff', 'system')),"
  "  by_id TEXT,"
  "  card_uid TEXT,"
  "  device_id TEXT NOT NULL,"
  "  method TEXT NOT NULL CHECK (method IN ('card', 'manual', 'system')),"
  "  reason TEXT);"
  "CREATE INDEX attendance_child ON attendance (child_id);"
  "CREATE INDEX attendance_date ON attendance (local_date, child_id);",

  /* 2: the room the child was in at that moment, so per-room history
   * stays right after children move up a room.  Rows made before are
   * given the child's room of today, the best that is known. */
  "ALTER TABLE attendance ADD COLUMN room_id TEXT;"
  "UPDATE attendance SET room_id = (SELECT room_id FROM children c WHERE c.id = attendance.child_id);"
  "CREATE INDEX attendance_room ON attendance (room_id, local_date);",
};

NK_MIGRATION_LIST (nk_attendance_migrations, "attendance", attendance_steps, 1);

const char *
nk_attendance_write (NkRecord *rec, const AttendanceRow *row, GError **error)
{
  NkStore *store = nk_record_get_store (rec);
  const NkActor *by = row->by ? row->by : nk_record_get_actor (rec);
  g_autoptr (JsonBuilder) payload = json_builder_new ();
  const char *id;

  json_builder_begin_object (payload);
  nk_json_text (payload, "child_id", row->child_id);
  nk_json_text (payload, "direction", row->kind);
  nk_json_text (payload, "method", row->method);
  nk_json_text (payload, "by_kind", by->kind);
  nk_json_text (payload, "by_id", by->id);
  nk_json_text (payload, "card_uid", row->card_uid);
  nk_json_text (payload, "reason", row->reason);
  nk_json_text (payload, "local_date", row->local_date);
  json_builder_end_object (payload);

  id = nk_record_event (rec, "attendance", payload, error);
  if (id == NULL)
    return NULL;

  if (!nk_store_run (store,
                     "INSERT INTO attendance (id, child_id, kind, at_us, local_date, by_kind, "
                     "  by_id, card_uid, device_id, method, reason, room_id) "
                     "VALUES (:id, :child_id, :kind, :at_us, :local_date, :by_kind, :by_id, "
                     "  :card_uid, :device_id, :method, :reason, "
                     "  (SELECT room_id FROM children WHERE id = :child_id))",
                     _("Cannot save the attendance record"), error,
                     NK_TEXT (":id", id), NK_TEXT (":child_id", row->child_id),
                     NK_TEXT (":kind", row->kind), NK_INT (":at_us", nk_record_get_time (rec)),
                     NK_TEXT (":local_date", row->local_date), NK_TEXT (":by_kind", by->kind),
                     NK_TEXT (":by_id", by->id), NK_TEXT (":card_uid", row->card_uid),
                     NK_TEXT (":device_id", nk_store_get_device_id (store)),
                     NK_TEXT (":method", row->method), NK_TEXT (":reason", row->reason), NK_END))
    return NULL;
  return id;
}

/* Inside a record: closes a stay left open on an earlier day. */
gboolean
nk_attendance_close_stay (NkRecord *rec, const char *child_id, const LastEvent *ev, GError **error)
{
  static const NkActor system = { "system", NULL };
  AttendanceRow row = {
    .by = &system,
    .child_id = child_id,
    .kind = "not_out",
    .local_date = ev->date,
    .method = "system",
    .reason = "not checked out",
  };

  if (nk_attendance_write (rec, &row, error) == NULL)
    return FALSE;
  g_message ("Child %s was not checked out on %s; closed as “not checked out”", child_id, ev->date);
  return TRUE;
}
