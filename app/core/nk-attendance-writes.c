/* nk-attendance-writes.c — the attendance row and its event, written
 * inside a record (nk-record.h).  Part of NkAttendance (nk-attendance.c
 * has the rules). */
#define G_LOG_DOMAIN "nk-core"

#include "config.h"

#include <glib/gi18n.h>

#include "nk-attendance-private.h"
#include "nk-migrations.h"
#include "nk-relay.h"

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

  /* 3: rows relayed from the centre's other kiosks arrive late, so a
   * child's state is no longer their last row by insertion: it is their
   * row with the greatest order time, then id (the merge rule of
   * nk-relay.h).  Rows made before are given order times that keep their
   * insertion order: the running latest time so far, plus 1 ms per row.
   * A row written without one (by hand, by a tool) is ordered by its own
   * time. */
  "ALTER TABLE attendance ADD COLUMN order_us INTEGER NOT NULL DEFAULT 0;"
  "UPDATE attendance SET order_us = o.v FROM ("
  "  SELECT rowid AS r, max (at_us - at_us % 1000) OVER w + 1000 * (row_number () OVER w - 1) AS v"
  "  FROM attendance WINDOW w AS (PARTITION BY child_id ORDER BY rowid)) AS o "
  "WHERE o.r = attendance.rowid;"
  "CREATE INDEX attendance_order ON attendance (child_id, order_us, id);"
  "CREATE TRIGGER attendance_order_default AFTER INSERT ON attendance WHEN NEW.order_us = 0 "
  "BEGIN UPDATE attendance SET order_us = NEW.at_us - NEW.at_us % 1000 WHERE rowid = NEW.rowid; END;",

  /* 4: staff mode lists the stays closed as "not checked out" in the last
   * fortnight; without this it scanned every row of those days. */
  "CREATE INDEX attendance_not_out ON attendance (local_date) WHERE kind = 'not_out';",

  /* 5: a child's days at the centre (the check-up after a long time away
   * reads every one of them for each child of a room) come from the index
   * alone; the index on child_id it starts with is no longer needed. */
  "CREATE INDEX attendance_child_date ON attendance (child_id, local_date);"
  "DROP INDEX attendance_child;",
};

NK_MIGRATION_LIST (nk_attendance_migrations, "attendance", attendance_steps, 1);

/* The child's room now, which the row keeps as the room at that moment. */
static gboolean
current_room (NkStore *store, const char *child_id, char **room_id, GError **error)
{
  sqlite3_stmt *row;

  if (!nk_store_query_row (store, &row, "SELECT room_id FROM children WHERE id = :id",
                           _("Cannot read the roster"), error, NK_TEXT (":id", child_id), NK_END))
    return FALSE;
  *room_id = row != NULL ? nk_column_dup (row, 0) : NULL;
  if (row != NULL)
    sqlite3_reset (row);
  return TRUE;
}

const char *
nk_attendance_write (NkRecord *rec, const AttendanceRow *row, GError **error)
{
  NkStore *store = nk_record_get_store (rec);
  const NkActor *by = row->by ? row->by : nk_record_get_actor (rec);
  gint64 at_us = nk_record_get_time (rec);
  g_autoptr (JsonBuilder) payload = json_builder_new ();
  g_autofree char *room_id = NULL;
  g_autofree char *order_at = NULL;
  gint64 order_us;
  const char *id;

  if (!current_room (store, row->child_id, &room_id, error)
      || !nk_relay_next_order (store, "attendance", row->child_id, at_us, &order_us, error))
    return NULL;
  order_at = nk_format_utc_iso (order_us);

  json_builder_begin_object (payload);
  nk_json_text (payload, "child_id", row->child_id);
  nk_json_text (payload, "direction", row->kind);
  nk_json_text (payload, "method", row->method);
  nk_json_text (payload, "by_kind", by->kind);
  nk_json_text (payload, "by_id", by->id);
  nk_json_text (payload, "card_uid", row->card_uid);
  nk_json_text (payload, "reason", row->reason);
  nk_json_text (payload, "local_date", row->local_date);
  nk_json_text (payload, "room_id", room_id);
  nk_json_text (payload, "order_at", order_at);
  json_builder_end_object (payload);

  id = nk_record_event (rec, "attendance", payload, error);
  if (id == NULL)
    return NULL;

  if (!nk_store_run (store,
                     "INSERT INTO attendance (id, child_id, kind, at_us, local_date, by_kind, "
                     "  by_id, card_uid, device_id, method, reason, room_id, order_us) "
                     "VALUES (:id, :child_id, :kind, :at_us, :local_date, :by_kind, :by_id, "
                     "  :card_uid, :device_id, :method, :reason, :room_id, :order_us)",
                     _("Cannot save the attendance record"), error,
                     NK_TEXT (":id", id), NK_TEXT (":child_id", row->child_id),
                     NK_TEXT (":kind", row->kind), NK_INT (":at_us", at_us),
                     NK_TEXT (":local_date", row->local_date), NK_TEXT (":by_kind", by->kind),
                     NK_TEXT (":by_id", by->id), NK_TEXT (":card_uid", row->card_uid),
                     NK_TEXT (":device_id", nk_store_get_device_id (store)),
                     NK_TEXT (":method", row->method), NK_TEXT (":reason", row->reason),
                     NK_TEXT (":room_id", room_id), NK_INT (":order_us", order_us), NK_END))
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
