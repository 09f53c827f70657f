/* nk-attendance-writes.c — attendance and staff clock rows, each with its
 * outbox row, written inside the caller's transaction.
 * Part of NkAttendance (nk-attendance.c has the rules). */
#define G_LOG_DOMAIN "nk-core"

#include "config.h"

#include <glib/gi18n.h>

#include "nk-attendance-private.h"

char *
nk_json_text (JsonBuilder *builder)
{
  g_autoptr (JsonNode) root = json_builder_get_root (builder);
  g_autoptr (JsonGenerator) gen = json_generator_new ();

  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
}

void
nk_json_member (JsonBuilder *builder, const char *name, const char *value)
{
  json_builder_set_member_name (builder, name);
  if (value)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

/* Inside a transaction: the attendance row and its outbox row. */
char *
nk_attendance_write (NkAttendance *self, const AttendanceRow *row, gint64 at_us, GError **error)
{
  g_autofree char *id = nk_uuid_new ();
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autofree char *payload = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = nk_store_prepare (self->store,
                           "INSERT INTO attendance (id, child_id, kind, at_us, local_date, by_kind, "
                           "by_id, card_uid, device_id, method, reason) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, row->child_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, row->kind, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, at_us);
  sqlite3_bind_text (stmt, 5, row->local_date, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, row->by_kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, row->by_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, row->card_uid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, nk_store_get_device_id (self->store), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 10, row->method, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 11, row->reason, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      nk_store_set_error (self->store, error, _("Cannot save the attendance record"));
      return NULL;
    }

  json_builder_begin_object (builder);
  nk_json_member (builder, "child_id", row->child_id);
  nk_json_member (builder, "direction", row->kind);
  nk_json_member (builder, "method", row->method);
  nk_json_member (builder, "by_kind", row->by_kind);
  nk_json_member (builder, "by_id", row->by_id);
  nk_json_member (builder, "card_uid", row->card_uid);
  nk_json_member (builder, "reason", row->reason);
  nk_json_member (builder, "local_date", row->local_date);
  json_builder_end_object (builder);
  payload = nk_json_text (builder);

  if (!nk_store_outbox_add (self->store, id, "attendance", at_us, payload, error))
    return NULL;
  return g_steal_pointer (&id);
}

/* Inside a transaction: closes a stay left open on an earlier day. */
gboolean
nk_attendance_close_stay (NkAttendance *self, const char *child_id, const LastEvent *ev, gint64 at_us,
                  GError **error)
{
  AttendanceRow row = {
    .child_id = child_id,
    .kind = "not_out",
    .local_date = ev->date,
    .by_kind = "system",
    .method = "system",
    .reason = "not checked out",
  };
  g_autofree char *id = nk_attendance_write (self, &row, at_us, error);

  if (id == NULL)
    return FALSE;
  g_message ("Child %s was not checked out on %s; closed as “not checked out”", child_id, ev->date);
  return TRUE;
}

char *
nk_attendance_write_clock (NkAttendance *self, const char *staff_id, const char *kind, const char *method,
                   gint64 at_us, const char *date, GError **error)
{
  g_autofree char *id = nk_uuid_new ();
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autofree char *payload = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = nk_store_prepare (self->store,
                           "INSERT INTO staff_clock (id, staff_id, kind, at_us, local_date, "
                           "device_id, method) VALUES (?, ?, ?, ?, ?, ?, ?)",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, staff_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, kind, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, at_us);
  sqlite3_bind_text (stmt, 5, date, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, nk_store_get_device_id (self->store), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, method, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      nk_store_set_error (self->store, error, _("Cannot save the clock record"));
      return NULL;
    }

  json_builder_begin_object (builder);
  nk_json_member (builder, "staff_id", staff_id);
  nk_json_member (builder, "direction", kind);
  nk_json_member (builder, "method", method);
  nk_json_member (builder, "local_date", date);
  json_builder_end_object (builder);
  payload = nk_json_text (builder);

  if (!nk_store_outbox_add (self->store, id, "staff_clock", at_us, payload, error))
    return NULL;
  return g_steal_pointer (&id);
}

