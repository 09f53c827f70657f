/* nk-staff-clock.c — staff clocking in (first card tap of the day) and
 * out (a button in staff mode), each one record with the room the
 * caregiver was assigned to at that moment. */
#define G_LOG_DOMAIN "nk-core"

#include "config.h"

#include <glib/gi18n.h>

#include "nk-attendance-private.h"
#include "nk-migrations.h"
#include "nk-relay.h"
#include "nk-staff-clock.h"

struct _NkStaffClock
{
  GObject   parent_instance;

  NkStore  *store;
  NkCentre *centre;
};

G_DEFINE_TYPE (NkStaffClock, nk_staff_clock, G_TYPE_OBJECT)

static const char *const staff_clock_steps[] = {
  /* 1 */
  "CREATE TABLE staff_clock ("
  "  id TEXT PRIMARY KEY,"
  "  staff_id TEXT NOT NULL,"
  "  kind TEXT NOT NULL CHECK (kind IN ('in', 'out')),"
  "  at_us INTEGER NOT NULL,"
  "  local_date TEXT NOT NULL,"
  "  device_id TEXT NOT NULL,"
  "  method TEXT NOT NULL CHECK (method IN ('card', 'manual')));"
  "CREATE INDEX staff_clock_staff ON staff_clock (staff_id);"
  "CREATE INDEX staff_clock_date ON staff_clock (local_date, staff_id);",

  /* 2: the room the caregiver was assigned to at that moment */
  "ALTER TABLE staff_clock ADD COLUMN room_id TEXT;"
  "UPDATE staff_clock SET room_id = (SELECT room_id FROM staff s WHERE s.id = staff_clock.staff_id);",

  /* 3: ordered by order time, then id, as attendance is (the merge rule
   * of nk-relay.h); earlier rows keep their insertion order, and a row
   * written without one is ordered by its own time. */
  "ALTER TABLE staff_clock ADD COLUMN order_us INTEGER NOT NULL DEFAULT 0;"
  "UPDATE staff_clock SET order_us = o.v FROM ("
  "  SELECT rowid AS r, max (at_us - at_us % 1000) OVER w + 1000 * (row_number () OVER w - 1) AS v"
  "  FROM staff_clock WINDOW w AS (PARTITION BY staff_id ORDER BY rowid)) AS o "
  "WHERE o.r = staff_clock.rowid;"
  "CREATE INDEX staff_clock_order ON staff_clock (staff_id, order_us, id);"
  "CREATE TRIGGER staff_clock_order_default AFTER INSERT ON staff_clock WHEN NEW.order_us = 0 "
  "BEGIN UPDATE staff_clock SET order_us = NEW.at_us - NEW.at_us % 1000 WHERE rowid = NEW.rowid; END;",
};

NK_MIGRATION_LIST (nk_staff_clock_migrations, "staff_clock", staff_clock_steps, 1);

static void
nk_staff_clock_finalize (GObject *object)
{
  NkStaffClock *self = NK_STAFF_CLOCK (object);

  g_clear_object (&self->store);
  g_clear_object (&self->centre);

  G_OBJECT_CLASS (nk_staff_clock_parent_class)->finalize (object);
}

static void
nk_staff_clock_class_init (NkStaffClockClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = nk_staff_clock_finalize;
}

static void
nk_staff_clock_init (NkStaffClock *self)
{
}

NkStaffClock *
nk_staff_clock_new (NkStore *store, NkCentre *centre)
{
  NkStaffClock *self = g_object_new (NK_TYPE_STAFF_CLOCK, NULL);

  self->store = g_object_ref (store);
  self->centre = g_object_ref (centre);
  return self;
}

static gboolean
clocked_in_on (NkStaffClock *self, const char *staff_id, const char *date, gboolean *in,
               GError **error)
{
  sqlite3_stmt *row;

  if (!nk_store_query_row (self->store, &row,
                           "SELECT kind FROM staff_clock WHERE staff_id = :staff_id "
                           "AND local_date = :date ORDER BY order_us DESC, id DESC LIMIT 1",
                           _("Cannot read the staff clock"), error,
                           NK_TEXT (":staff_id", staff_id), NK_TEXT (":date", date), NK_END))
    return FALSE;
  *in = row != NULL && g_str_equal ((const char *) sqlite3_column_text (row, 0), "in");
  if (row != NULL)
    sqlite3_reset (row);
  return TRUE;
}

gboolean
nk_staff_clock_is_in (NkStaffClock *self, const char *staff_id, gboolean *in, GError **error)
{
  g_autofree char *today = nk_centre_today (self->centre);

  return clocked_in_on (self, staff_id, today, in, error);
}

static NkTapResult *
staff_result (NkStaffClock *self, NkTapOutcome outcome, const char *uid, gint64 at_us,
              const char *staff_id, GError **error)
{
  sqlite3_stmt *row;
  NkTapResult *result;

  if (!nk_store_query_row (self->store, &row, "SELECT name, role, active, room_id FROM staff WHERE id = :id",
                           _("Cannot read the roster"), error, NK_TEXT (":id", staff_id), NK_END))
    return NULL;
  if (row == NULL)
    {
      g_set_error (error, NK_STORE_ERROR, NK_STORE_ERROR_NOT_FOUND, _("No member of staff %s"), staff_id);
      return NULL;
    }
  result = nk_tap_result_new (outcome, uid, at_us);
  result->holder = NK_HOLDER_STAFF;
  result->person_id = g_strdup (staff_id);
  result->person_name = nk_column_dup (row, 0);
  result->initials = nk_initials (result->person_name);
  nk_staff_role_from_string ((const char *) sqlite3_column_text (row, 1), &result->role);
  result->staff_room_id = nk_column_dup (row, 3);
  if (sqlite3_column_int (row, 2) == 0)
    result->outcome = NK_TAP_INACTIVE;
  sqlite3_reset (row);
  return result;
}

/* Inside a record: the clock row and its event, with the room the
 * caregiver is assigned to now. */
static char *
write_clock (NkRecord *rec, const char *staff_id, const char *kind, const char *method, GError **error)
{
  NkStore *store = nk_record_get_store (rec);
  gint64 at_us = nk_record_get_time (rec);
  g_autoptr (JsonBuilder) payload = json_builder_new ();
  g_autofree char *room_id = NULL;
  g_autofree char *order_at = NULL;
  sqlite3_stmt *row;
  gint64 order_us;
  const char *id;

  if (!nk_store_query_row (store, &row, "SELECT room_id FROM staff WHERE id = :id",
                           _("Cannot read the roster"), error, NK_TEXT (":id", staff_id), NK_END)
      || !nk_relay_next_order (store, "staff_clock", staff_id, at_us, &order_us, error))
    return NULL;
  if (row != NULL)
    {
      room_id = nk_column_dup (row, 0);
      sqlite3_reset (row);
    }
  order_at = nk_format_utc_iso (order_us);

  json_builder_begin_object (payload);
  nk_json_text (payload, "staff_id", staff_id);
  nk_json_text (payload, "direction", kind);
  nk_json_text (payload, "method", method);
  nk_json_text (payload, "local_date", nk_record_get_date (rec));
  nk_json_text (payload, "room_id", room_id);
  nk_json_text (payload, "order_at", order_at);
  json_builder_end_object (payload);

  id = nk_record_event (rec, "staff_clock", payload, error);
  if (id == NULL
      || !nk_store_run (store,
                        "INSERT INTO staff_clock (id, staff_id, kind, at_us, local_date, device_id, "
                        "  method, room_id, order_us) "
                        "VALUES (:id, :staff_id, :kind, :at_us, :local_date, :device_id, :method, "
                        "  :room_id, :order_us)",
                        _("Cannot save the clock record"), error, NK_TEXT (":id", id),
                        NK_TEXT (":staff_id", staff_id), NK_TEXT (":kind", kind),
                        NK_INT (":at_us", at_us), NK_TEXT (":local_date", nk_record_get_date (rec)),
                        NK_TEXT (":device_id", nk_store_get_device_id (store)),
                        NK_TEXT (":method", method), NK_TEXT (":room_id", room_id),
                        NK_INT (":order_us", order_us), NK_END))
    return NULL;
  return g_strdup (id);
}

static NkTapResult *
record_clock (NkStaffClock *self, NkTapResult *result, const char *kind, const char *method,
              GError **error)
{
  NkActor actor = { "staff", result->person_id };
  g_autoptr (NkRecord) rec = nk_record_begin (self->store, self->centre, &actor, error);
  gboolean in = FALSE;

  if (rec == NULL || !clocked_in_on (self, result->person_id, nk_record_get_date (rec), &in, error))
    return NULL;
  if (in == g_str_equal (kind, "in"))
    {
      if (in)
        return nk_tap_result_ref (result);  /* already in: staff mode opens */
      g_set_error (error, NK_STORE_ERROR, NK_STORE_ERROR_INVALID,
                   _("%s is not clocked in today"), result->person_name);
      return NULL;
    }
  result->at_us = nk_record_get_time (rec);
  result->event_id = write_clock (rec, result->person_id, kind, method, error);
  if (result->event_id == NULL || !nk_record_commit (g_steal_pointer (&rec), error))
    return NULL;
  if (g_str_equal (kind, "in"))
    result->outcome = NK_TAP_STAFF_CLOCKED_IN;
  return nk_tap_result_ref (result);
}

/* The first tap of the day clocks in; every tap opens staff mode (clocking
 * out is a deliberate button there, so a caregiver who only wants staff
 * mode never clocks out by accident).  A staff PIN does the same as the
 * card, recorded as "manual" (no card). */
static NkTapResult *
open_staff (NkStaffClock *self, const char *uid, const char *staff_id, const char *method,
            GError **error)
{
  g_autoptr (NkTapResult) result = staff_result (self, NK_TAP_STAFF_OPEN, uid,
                                                 nk_centre_now (self->centre), staff_id, error);

  if (result == NULL || result->outcome == NK_TAP_INACTIVE)
    return g_steal_pointer (&result);
  return record_clock (self, result, "in", method, error);
}

NkTapResult *
nk_staff_clock_card (NkStaffClock *self, const char *uid, const char *staff_id, GError **error)
{
  return open_staff (self, uid, staff_id, "card", error);
}

NkTapResult *
nk_staff_clock_pin (NkStaffClock *self, const char *staff_id, GError **error)
{
  return open_staff (self, NULL, staff_id, "manual", error);
}

NkTapResult *
nk_staff_clock_out (NkStaffClock *self, const char *staff_id, GError **error)
{
  g_autoptr (NkTapResult) result = staff_result (self, NK_TAP_STAFF_CLOCKED_OUT, NULL,
                                                 nk_centre_now (self->centre), staff_id, error);

  if (result == NULL)
    return NULL;
  return record_clock (self, result, "out", "manual", error);
}
