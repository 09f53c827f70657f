/* nk-roll-call.c — the emergency roll call (nk-roll-call.h): its three
 * kinds, their tables, who is on site, the ticks and the finish. */
#define G_LOG_DOMAIN "nk-core"

#include "config.h"

#include <glib/gi18n.h>

#include "nk-migrations.h"
#include "nk-roll-call.h"
#include "nk-store-private.h"

#define MAX_CHILDREN 2000
#define MAX_STAFF    500

static const char *const roll_call_steps[] = {
  /* 0 → 1: started, ticked, finished; no references between them, so a
   * tick relayed before its roll call is kept */
  "CREATE TABLE roll_calls (" NK_KIND_COLUMNS ", child_ids TEXT, staff_ids TEXT);"
  "CREATE TABLE roll_call_ticks (" NK_KIND_COLUMNS ", "
  "  roll_call_id TEXT NOT NULL, person_kind TEXT NOT NULL, person_id TEXT NOT NULL);"
  "CREATE INDEX roll_call_ticks_call ON roll_call_ticks (roll_call_id);"
  "CREATE INDEX roll_call_ticks_corrects ON roll_call_ticks (corrects);"
  "CREATE TABLE roll_call_ends (" NK_KIND_COLUMNS ", "
  "  roll_call_id TEXT NOT NULL, missing_child_ids TEXT, missing_staff_ids TEXT);"
  "CREATE INDEX roll_call_ends_call ON roll_call_ends (roll_call_id);",
};

NK_MIGRATION_LIST (nk_roll_call_migrations, "roll_call", roll_call_steps, 0);

static const char *const person_kinds[] = { "child", "staff", NULL };

static const NkKindField started_fields[] = {
  { "child_ids", NK_FIELD_IDS, TRUE, 0, MAX_CHILDREN },
  { "staff_ids", NK_FIELD_IDS, TRUE, 0, MAX_STAFF },
  { NULL },
};

static const NkKindField ticked_fields[] = {
  { "roll_call_id", NK_FIELD_ID },
  { "person_kind", NK_FIELD_CHOICE, FALSE, 0, 0, person_kinds },
  { "person_id", NK_FIELD_ID },
  { NULL },
};

static const NkKindField finished_fields[] = {
  { "roll_call_id", NK_FIELD_ID },
  { "missing_child_ids", NK_FIELD_IDS, TRUE, 0, MAX_CHILDREN },
  { "missing_staff_ids", NK_FIELD_IDS, TRUE, 0, MAX_STAFF },
  { NULL },
};

const NkKind nk_roll_call_started_kind = {
  .type = "rollcall.started",
  .table = "roll_calls",
  .fields = started_fields,
};

const NkKind nk_roll_call_ticked_kind = {
  .type = "rollcall.ticked",
  .table = "roll_call_ticks",
  .fields = ticked_fields,
};

const NkKind nk_roll_call_finished_kind = {
  .type = "rollcall.finished",
  .table = "roll_call_ends",
  .fields = finished_fields,
};

const char *
nk_roll_call_person_kind_to_string (NkRollCallPersonKind kind)
{
  return kind == NK_ROLL_CALL_STAFF ? "staff" : "child";
}

static void
person_free (NkRollCallPerson *person)
{
  g_free (person->person_id);
  g_free (person->name);
  g_free (person->tick_id);
  g_free (person->ticked_by);
  g_free (person->ticked_device);
  g_free (person);
}

static void
room_free (NkRollCallRoom *room)
{
  g_free (room->room_id);
  g_free (room->name);
  g_ptr_array_unref (room->people);
  g_free (room);
}

void
nk_roll_call_free (NkRollCall *call)
{
  if (call == NULL)
    return;
  g_free (call->id);
  g_free (call->device_id);
  g_free (call->started_by);
  g_free (call->finished_by);
  g_clear_pointer (&call->rooms, g_ptr_array_unref);
  g_free (call);
}

NkRollCallPerson *
nk_roll_call_find_person (const NkRollCall *call, NkRollCallPersonKind kind, const char *person_id)
{
  for (guint r = 0; call != NULL && r < call->rooms->len; r++)
    {
      NkRollCallRoom *room = call->rooms->pdata[r];

      for (guint i = 0; i < room->people->len; i++)
        {
          NkRollCallPerson *person = room->people->pdata[i];

          if (person->kind == kind && g_strcmp0 (person->person_id, person_id) == 0)
            return person;
        }
    }
  return NULL;
}

/* ---- reading ---------------------------------------------------------------- */

#define OPEN_CALLS \
  "SELECT roll_calls.id FROM roll_calls WHERE " NK_KIND_STANDS ("roll_calls") " AND NOT EXISTS " \
  "  (SELECT 1 FROM roll_call_ends WHERE roll_call_ends.roll_call_id = roll_calls.id " \
  "   AND " NK_KIND_STANDS ("roll_call_ends") ") "

gboolean
nk_roll_call_find_open (NkStore *store, char **id, GError **error)
{
  sqlite3_stmt *row = NULL;

  g_return_val_if_fail (NK_IS_STORE (store) && id != NULL, FALSE);

  *id = NULL;
  /* this kiosk's own first, else the latest another door started */
  if (!nk_store_query_row (store, &row,
                           OPEN_CALLS "ORDER BY roll_calls.device_id = :me DESC, roll_calls.at_us DESC, roll_calls.id LIMIT 1",
                           _("Cannot read the roll call"), error,
                           NK_TEXT (":me", nk_store_get_device_id (store)), NK_END))
    return FALSE;
  if (row != NULL)
    {
      *id = nk_column_dup (row, 0);
      sqlite3_reset (row);
    }
  return TRUE;
}

/* The room of room_id (NULL: none) indexed in rooms, made (in call) when new. */
static NkRollCallRoom *
room_of (NkRollCall *call, GHashTable *rooms, const char *room_id, const char *name)
{
  NkRollCallRoom *room = g_hash_table_lookup (rooms, room_id != NULL ? room_id : "");

  if (room == NULL)
    {
      room = g_new0 (NkRollCallRoom, 1);
      room->room_id = g_strdup (room_id);
      room->name = g_strdup (room_id != NULL ? (name != NULL ? name : room_id) : NULL);
      room->people = g_ptr_array_new_with_free_func ((GDestroyNotify) person_free);
      g_hash_table_insert (rooms, room->room_id != NULL ? room->room_id : "", room);
      g_ptr_array_add (call->rooms, room);
    }
  return room;
}

/* Reads the people of call from stmt (bound): id, name, room id, room
 * name, room order, left_us. */
static gboolean
read_people (NkStore *store, sqlite3_stmt *stmt, NkRollCall *call, NkRollCallPersonKind kind,
             GHashTable *rooms, GHashTable *order, GError **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      NkRollCallPerson *person = g_new0 (NkRollCallPerson, 1);
      NkRollCallRoom *room = room_of (call, rooms, (const char *) sqlite3_column_text (stmt, 2),
                                      (const char *) sqlite3_column_text (stmt, 3));

      g_hash_table_insert (order, room, GINT_TO_POINTER (sqlite3_column_int (stmt, 4)));
      person->kind = kind;
      person->person_id = nk_column_dup (stmt, 0);
      person->name = sqlite3_column_type (stmt, 1) != SQLITE_NULL ? nk_column_dup (stmt, 1)
                                                                  : g_strdup (person->person_id);
      person->left_us = sqlite3_column_int64 (stmt, 5);
      g_ptr_array_add (room->people, person);
      call->total++;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      nk_store_set_error (store, error, _("Cannot read the roll call"));
      return FALSE;
    }
  return TRUE;
}

/* By the rooms' order (order: room → its rank), then name. */
static int
compare_rooms (gconstpointer a, gconstpointer b, gpointer order)
{
  const NkRollCallRoom *x = *(NkRollCallRoom *const *) a;
  const NkRollCallRoom *y = *(NkRollCallRoom *const *) b;
  int ox = GPOINTER_TO_INT (g_hash_table_lookup (order, x));
  int oy = GPOINTER_TO_INT (g_hash_table_lookup (order, y));

  if (ox != oy)
    return ox - oy;
  return g_strcmp0 (x->name, y->name);
}

#define ROOM_ORDER(r) \
  "CASE WHEN " r ".id IS NULL THEN 9 WHEN " r ".kind = 'infant' THEN 0 " \
  "WHEN " r ".kind = 'toddler' THEN 1 ELSE 2 END"

static gboolean
read_all_people (NkStore *store, NkRollCall *call, const char *child_ids, const char *staff_ids,
                 GError **error)
{
  g_autoptr (GHashTable) rooms = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) order = g_hash_table_new (NULL, NULL);
  sqlite3_stmt *stmt;

  /* a child's room is the one their last check-in before the start carries */
  stmt = nk_store_prepare (store,
                           "SELECT p.id, c.name, p.room_id, r.name, " ROOM_ORDER ("r") ", "
                           "  (SELECT min(a.at_us) FROM attendance a WHERE a.child_id = p.id "
                           "   AND a.kind = 'out' AND a.at_us >= :start) "
                           "FROM (SELECT j.value AS id, coalesce("
                           "   (SELECT a.room_id FROM attendance a WHERE a.child_id = j.value AND a.kind = 'in' "
                           "    AND a.at_us <= :start ORDER BY a.order_us DESC, a.id DESC LIMIT 1), "
                           "   (SELECT room_id FROM children WHERE id = j.value)) AS room_id "
                           "  FROM json_each (:ids) j) p "
                           "LEFT JOIN children c ON c.id = p.id LEFT JOIN rooms r ON r.id = p.room_id "
                           "ORDER BY coalesce (c.name, p.id), p.id",
                           error);
  if (stmt == NULL ||
      !nk_store_bind (store, stmt, error, NK_TEXT (":ids", child_ids != NULL ? child_ids : "[]"),
                      NK_INT (":start", call->started_us), NK_END) ||
      !read_people (store, stmt, call, NK_ROLL_CALL_CHILD, rooms, order, error))
    return FALSE;
  stmt = nk_store_prepare (store,
                           "SELECT j.value, s.name, s.room_id, r.name, " ROOM_ORDER ("r") ", "
                           "  (SELECT min(k.at_us) FROM staff_clock k WHERE k.staff_id = j.value "
                           "   AND k.kind = 'out' AND k.at_us >= :start) "
                           "FROM json_each (:ids) j LEFT JOIN staff s ON s.id = j.value "
                           "LEFT JOIN rooms r ON r.id = s.room_id "
                           "ORDER BY coalesce (s.name, j.value), j.value",
                           error);
  if (stmt == NULL ||
      !nk_store_bind (store, stmt, error, NK_TEXT (":ids", staff_ids != NULL ? staff_ids : "[]"),
                      NK_INT (":start", call->started_us), NK_END) ||
      !read_people (store, stmt, call, NK_ROLL_CALL_STAFF, rooms, order, error))
    return FALSE;

  g_ptr_array_sort_with_data (call->rooms, compare_rooms, order);
  return TRUE;
}

static gboolean
read_ticks (NkStore *store, NkRollCall *call, GError **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = nk_store_prepare (store,
                           "SELECT t.id, t.person_kind, t.person_id, t.at_us, s.name, t.device_id "
                           "FROM roll_call_ticks t LEFT JOIN staff s ON s.id = t.by_id "
                           "WHERE t.id IN (SELECT id FROM roll_call_ticks WHERE roll_call_id = :id AND "
                           NK_KIND_STANDS ("roll_call_ticks") ") ORDER BY t.at_us, t.id",
                           error);
  if (stmt == NULL || !nk_store_bind (store, stmt, error, NK_TEXT (":id", call->id), NK_END))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      NkRollCallPersonKind kind = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 1), "staff") == 0
                                  ? NK_ROLL_CALL_STAFF : NK_ROLL_CALL_CHILD;
      NkRollCallPerson *person = nk_roll_call_find_person (call, kind,
                                                           (const char *) sqlite3_column_text (stmt, 2));

      /* a tick of someone not on the list (relayed, hostile) counts nobody;
       * a person ticked at two doors counts once, at the first tick */
      if (person == NULL || person->tick_id != NULL)
        continue;
      person->tick_id = nk_column_dup (stmt, 0);
      person->ticked_us = sqlite3_column_int64 (stmt, 3);
      person->ticked_by = nk_column_dup (stmt, 4);
      person->ticked_device = nk_column_dup (stmt, 5);
      call->counted++;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      nk_store_set_error (store, error, _("Cannot read the roll call's ticks"));
      return FALSE;
    }
  return TRUE;
}

NkRollCall *
nk_roll_call_load (NkStore *store, const char *id, GError **error)
{
  g_autoptr (NkRollCall) call = NULL;
  g_autofree char *child_ids = NULL;
  g_autofree char *staff_ids = NULL;
  sqlite3_stmt *row = NULL;

  g_return_val_if_fail (NK_IS_STORE (store) && id != NULL, NULL);

  if (!nk_store_query_row (store, &row,
                           "SELECT r.id, r.device_id, r.at_us, s.name, r.child_ids, r.staff_ids, "
                           "  e.at_us, f.name "
                           "FROM roll_calls r LEFT JOIN staff s ON s.id = r.by_id "
                           "LEFT JOIN roll_call_ends e ON e.id = (SELECT id FROM roll_call_ends "
                           "  WHERE roll_call_id = r.id AND " NK_KIND_STANDS ("roll_call_ends")
                           "  ORDER BY at_us LIMIT 1) "
                           "LEFT JOIN staff f ON f.id = e.by_id "
                           "WHERE r.id IN (SELECT id FROM roll_calls WHERE id = :id AND "
                           NK_KIND_STANDS ("roll_calls") ")",
                           _("Cannot read the roll call"), error, NK_TEXT (":id", id), NK_END))
    return NULL;
  if (row == NULL)
    {
      g_set_error (error, NK_KIND_ERROR, NK_KIND_ERROR_REFERENCE, _("This roll call is not recorded here"));
      return NULL;
    }
  call = g_new0 (NkRollCall, 1);
  call->id = nk_column_dup (row, 0);
  call->device_id = nk_column_dup (row, 1);
  call->started_us = sqlite3_column_int64 (row, 2);
  call->started_by = nk_column_dup (row, 3);
  child_ids = nk_column_dup (row, 4);
  staff_ids = nk_column_dup (row, 5);
  call->finished = sqlite3_column_type (row, 6) != SQLITE_NULL;
  call->finished_us = sqlite3_column_int64 (row, 6);
  call->finished_by = nk_column_dup (row, 7);
  sqlite3_reset (row);
  call->rooms = g_ptr_array_new_with_free_func ((GDestroyNotify) room_free);
  if (!read_all_people (store, call, child_ids, staff_ids, error) || !read_ticks (store, call, error))
    return NULL;
  return g_steal_pointer (&call);
}

/* ---- recording ---------------------------------------------------------------- */

/* Appends to payload the member name: the ids of stmt's first column (a
 * bound statement), or null when it has none. */
static gboolean
add_ids (NkStore *store, JsonBuilder *payload, const char *name, sqlite3_stmt *stmt, GError **error)
{
  g_autoptr (GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (ids, nk_column_dup (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      nk_store_set_error (store, error, _("Cannot read who is on site"));
      return FALSE;
    }
  json_builder_set_member_name (payload, name);
  if (ids->len == 0)
    {
      json_builder_add_null_value (payload);
      return TRUE;
    }
  json_builder_begin_array (payload);
  for (guint i = 0; i < ids->len; i++)
    json_builder_add_string_value (payload, ids->pdata[i]);
  json_builder_end_array (payload);
  return TRUE;
}

gboolean
nk_roll_call_start (NkStore *store, NkCentre *centre, const char *staff_id, char **id, gboolean *joined,
                    GError **error)
{
  NkActor actor = { "staff", staff_id };
  g_autoptr (NkRecord) rec = NULL;
  g_autoptr (JsonBuilder) payload = json_builder_new ();
  g_autofree char *open = NULL;
  sqlite3_stmt *stmt;
  const char *made;

  g_return_val_if_fail (NK_IS_STORE (store) && NK_IS_CENTRE (centre) && id != NULL, FALSE);

  *id = NULL;
  if (joined != NULL)
    *joined = FALSE;
  rec = nk_record_begin (store, centre, &actor, error);
  if (rec == NULL)
    return FALSE;
  /* asked inside the transaction: another door's may just have landed */
  if (!nk_roll_call_find_open (store, &open, error))
    return FALSE;
  if (open != NULL)
    {
      g_message ("Roll call %s is open already: %s joins it", open, staff_id);
      *id = g_steal_pointer (&open);
      if (joined != NULL)
        *joined = TRUE;
      return TRUE;
    }

  json_builder_begin_object (payload);
  /* on site: the children whose last record today is a check-in, the
   * staff whose last clock today is "in" (nk_attendance_list_rooms) */
  stmt = nk_store_prepare (store,
                           "SELECT c.id FROM children c WHERE c.active AND "
                           "  (SELECT kind FROM attendance a WHERE a.child_id = c.id AND a.local_date = :date "
                           "   ORDER BY a.order_us DESC, a.id DESC LIMIT 1) = 'in' "
                           "ORDER BY c.id LIMIT " G_STRINGIFY (MAX_CHILDREN),
                           error);
  if (stmt == NULL ||
      !nk_store_bind (store, stmt, error, NK_TEXT (":date", nk_record_get_date (rec)), NK_END) ||
      !add_ids (store, payload, "child_ids", stmt, error))
    return FALSE;
  stmt = nk_store_prepare (store,
                           "SELECT s.id FROM staff s WHERE s.active AND "
                           "  (SELECT kind FROM staff_clock k WHERE k.staff_id = s.id AND k.local_date = :date "
                           "   ORDER BY k.order_us DESC, k.id DESC LIMIT 1) = 'in' "
                           "ORDER BY s.id LIMIT " G_STRINGIFY (MAX_STAFF),
                           error);
  if (stmt == NULL ||
      !nk_store_bind (store, stmt, error, NK_TEXT (":date", nk_record_get_date (rec)), NK_END) ||
      !add_ids (store, payload, "staff_ids", stmt, error))
    return FALSE;
  json_builder_end_object (payload);

  made = nk_kind_put (rec, &nk_roll_call_started_kind, payload, error);
  if (made == NULL)
    return FALSE;
  *id = g_strdup (made);
  if (!nk_record_commit (g_steal_pointer (&rec), error))
    {
      g_clear_pointer (id, g_free);
      return FALSE;
    }
  g_message ("Roll call %s started by %s", *id, staff_id);
  return TRUE;
}

/* Inside a record: the roll call id, which must be open. */
static NkRollCall *
load_open (NkStore *store, const char *id, GError **error)
{
  g_autoptr (NkRollCall) call = nk_roll_call_load (store, id, error);

  if (call == NULL)
    return NULL;
  if (call->finished)
    {
      g_set_error (error, NK_KIND_ERROR, NK_KIND_ERROR_REFERENCE,
                   _("This roll call is finished: nothing more can be ticked"));
      return NULL;
    }
  return g_steal_pointer (&call);
}

gboolean
nk_roll_call_tick (NkStore *store, NkCentre *centre, const char *staff_id, const char *id,
                   NkRollCallPersonKind kind, const char *person_id, gboolean counted, GError **error)
{
  NkActor actor = { "staff", staff_id };
  g_autoptr (NkRecord) rec = NULL;
  g_autoptr (NkRollCall) call = NULL;
  g_autoptr (JsonBuilder) payload = NULL;
  NkRollCallPerson *person;

  g_return_val_if_fail (NK_IS_STORE (store) && NK_IS_CENTRE (centre) && id != NULL, FALSE);

  rec = nk_record_begin (store, centre, &actor, error);
  if (rec == NULL || (call = load_open (store, id, error)) == NULL)
    return FALSE;
  person = nk_roll_call_find_person (call, kind, person_id);
  if (person == NULL)
    {
      g_set_error (error, NK_KIND_ERROR, NK_KIND_ERROR_REFERENCE,
                   _("This person is not on the roll call"));
      return FALSE;
    }
  if (counted == (person->tick_id != NULL))
    return TRUE;   /* ticked at another door meanwhile, or twice */
  if (!counted)
    {
      if (nk_kind_delete (rec, &nk_roll_call_ticked_kind, person->tick_id, error) == NULL)
        return FALSE;
    }
  else
    {
      payload = json_builder_new ();
      json_builder_begin_object (payload);
      nk_json_text (payload, "roll_call_id", id);
      nk_json_text (payload, "person_kind", nk_roll_call_person_kind_to_string (kind));
      nk_json_text (payload, "person_id", person_id);
      json_builder_end_object (payload);
      if (nk_kind_put (rec, &nk_roll_call_ticked_kind, payload, error) == NULL)
        return FALSE;
    }
  return nk_record_commit (g_steal_pointer (&rec), error);
}

/* Appends member name: the ids of the people of kind not counted, or null. */
static void
add_missing (JsonBuilder *payload, const char *name, const NkRollCall *call, NkRollCallPersonKind kind)
{
  gboolean any = FALSE;

  json_builder_set_member_name (payload, name);
  for (guint r = 0; r < call->rooms->len; r++)
    {
      NkRollCallRoom *room = call->rooms->pdata[r];

      for (guint i = 0; i < room->people->len; i++)
        {
          NkRollCallPerson *person = room->people->pdata[i];

          if (person->kind != kind || person->tick_id != NULL)
            continue;
          if (!any)
            json_builder_begin_array (payload);
          any = TRUE;
          json_builder_add_string_value (payload, person->person_id);
        }
    }
  if (any)
    json_builder_end_array (payload);
  else
    json_builder_add_null_value (payload);
}

gboolean
nk_roll_call_finish (NkStore *store, NkCentre *centre, const char *staff_id, const char *id, GError **error)
{
  NkActor actor = { "staff", staff_id };
  g_autoptr (NkRecord) rec = NULL;
  g_autoptr (NkRollCall) call = NULL;
  g_autoptr (JsonBuilder) payload = json_builder_new ();

  g_return_val_if_fail (NK_IS_STORE (store) && NK_IS_CENTRE (centre) && id != NULL, FALSE);

  rec = nk_record_begin (store, centre, &actor, error);
  if (rec == NULL || (call = load_open (store, id, error)) == NULL)
    return FALSE;
  json_builder_begin_object (payload);
  nk_json_text (payload, "roll_call_id", id);
  add_missing (payload, "missing_child_ids", call, NK_ROLL_CALL_CHILD);
  add_missing (payload, "missing_staff_ids", call, NK_ROLL_CALL_STAFF);
  json_builder_end_object (payload);
  if (nk_kind_put (rec, &nk_roll_call_finished_kind, payload, error) == NULL ||
      !nk_record_commit (g_steal_pointer (&rec), error))
    return FALSE;
  g_message ("Roll call %s finished by %s: %u of %u counted", id, staff_id, call->counted, call->total);
  return TRUE;
}
