/* nk-kind.c — record kinds described once (nk-kind.h): the payload checked
 * field by field, the event and the row written from the same object,
 * here and for the events relayed from the centre's other kiosks. */
#define G_LOG_DOMAIN "nk-core"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "nk-absence.h"
#include "nk-alarm.h"
#include "nk-care-log.h"
#include "nk-check.h"
#include "nk-classroom.h"
#include "nk-checkup.h"
#include "nk-health-check.h"
#include "nk-health-observation.h"
#include "nk-incident-ack.h"
#include "nk-kind.h"
#include "nk-medicine.h"
#include "nk-menu-today.h"
#include "nk-nap.h"
#include "nk-outbreak.h"
#include "nk-ratio.h"
#include "nk-roll-call.h"
#include "nk-sleep-check.h"
#include "nk-store-private.h"

G_DEFINE_QUARK (nk-kind-error-quark, nk_kind_error)

#define DEFAULT_MAX_TEXT 200

/* Every kind described by an NkKind: the relay finds them here.  A new
 * kind is one line. */
static const NkKind *const kinds[] = {
  &nk_care_meal_kind, &nk_care_bottle_kind, &nk_care_water_kind, &nk_care_diaper_kind,
  &nk_care_mood_kind, &nk_care_temperature_kind, &nk_care_incident_kind, &nk_care_note_kind,
  &nk_incident_ack_kind,
  &nk_nap_kind,
  &nk_sleep_check_kind,
  &nk_sleep_overdue_kind,
  &nk_health_check_kind,
  &nk_health_observation_kind,
  &nk_medicine_kind,
  &nk_medicine_given_kind,
  &nk_menu_substitute_kind,
  &nk_classroom_signup_kind,
  &nk_checkup_result_kind,
  &nk_absence_kind,
  &nk_outbreak_kind,
  &nk_outbreak_ack_kind,
  &nk_roll_call_started_kind, &nk_roll_call_ticked_kind, &nk_roll_call_finished_kind,
  &nk_alarm_kind, &nk_alarm_cancel_kind,
  &nk_ratio_breach_kind, &nk_ratio_cleared_kind,
  NULL,   /* ends the list (and keeps it non-empty) */
};

const NkKind *
nk_kind_find (const char *type)
{
  for (guint i = 0; kinds[i] != NULL; i++)
    if (g_str_equal (kinds[i]->type, type))
      return kinds[i];
  return NULL;
}

const NkKind *const *
nk_kind_get_all (guint *n_kinds)
{
  guint n = 0;

  while (kinds[n] != NULL)
    n++;
  if (n_kinds != NULL)
    *n_kinds = n;
  return kinds;
}

/* ---------------------------------------------------------------- columns */

/* The row's column of a field: a TIME member "x_at" is "x_us". */
static char *
column_of (const NkKindField *f)
{
  if (f->type == NK_FIELD_TIME && g_str_has_suffix (f->member, "_at"))
    return g_strdup_printf ("%.*s_us", (int) strlen (f->member) - 3, f->member);
  if (f->type == NK_FIELD_TIME)
    return g_strdup_printf ("%s_us", f->member);
  return g_strdup (f->member);
}

/* ---------------------------------------------------------------- checks */

G_GNUC_PRINTF (4, 5)
static gboolean
fail (GError **error, const char **field, const char *member, const char *format, ...)
{
  g_autofree char *reason = NULL;
  va_list args;

  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);
  if (field != NULL)
    *field = g_intern_string (member);
  /* TRANSLATORS: a record that does not fit its kind: the member, and why */
  g_set_error (error, NK_KIND_ERROR, NK_KIND_ERROR_INVALID, _("%s: %s"), member, reason);
  return FALSE;
}

gboolean
nk_kind_invalid (GError    **error,
                 const char **field,
                 const char  *member,
                 const char  *reason)
{
  return fail (error, field, member, "%s", reason);
}

/* The member's node, or NULL when missing or null. */
static JsonNode *
member_node (JsonObject *obj, const char *member)
{
  JsonNode *node = json_object_get_member (obj, member);

  return node == NULL || JSON_NODE_HOLDS_NULL (node) ? NULL : node;
}

static gboolean
node_is (JsonNode *node, GType type)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

/* A list of 1..max distinct ids. */
static gboolean
check_ids (const NkKindField *f, JsonNode *node, const char *name, const char **field, GError **error)
{
  gint64 max = f->max > 0 ? f->max : DEFAULT_MAX_TEXT;
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *array;
  guint n;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return fail (error, field, name, "%s", _("not a list"));
  array = json_node_get_array (node);
  n = json_array_get_length (array);
  if (n == 0 || n > max)
    return fail (error, field, name, _("not a list of 1 to %lld ids"), (long long) max);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *e = json_array_get_element (array, i);
      const char *s = node_is (e, G_TYPE_STRING) ? json_node_get_string (e) : NULL;

      if (s == NULL || !g_utf8_validate (s, -1, NULL) || !nk_check_is_id (s))
        return fail (error, field, name, _("element %u is not an id"), i);
      if (!g_hash_table_add (seen, (gpointer) s))
        return fail (error, field, name, _("%s is named twice"), s);
    }
  return TRUE;
}

static gboolean
check_field (const NkKindField *f, JsonObject *obj, const char **field, GError **error)
{
  g_autofree char *name = g_strdup_printf ("payload.%s", f->member);
  JsonNode *node = member_node (obj, f->member);
  const char *s;
  gint64 v;

  if (node == NULL)
    return f->nullable ? TRUE : fail (error, field, name, "%s", _("missing"));
  if (f->type == NK_FIELD_BOOL)
    return node_is (node, G_TYPE_BOOLEAN) ? TRUE : fail (error, field, name, "%s", _("not true or false"));
  if (f->type == NK_FIELD_IDS)
    return check_ids (f, node, name, field, error);
  if (f->type == NK_FIELD_INT)
    {
      if (!node_is (node, G_TYPE_INT64))
        return fail (error, field, name, "%s", _("not a whole number"));
      v = json_node_get_int (node);
      if (v < f->min || v > f->max)
        return fail (error, field, name, _("not between %lld and %lld"),
                     (long long) f->min, (long long) f->max);
      return TRUE;
    }
  if (!node_is (node, G_TYPE_STRING))
    return fail (error, field, name, "%s", _("not a string"));
  s = json_node_get_string (node);
  if (!g_utf8_validate (s, -1, NULL))
    return fail (error, field, name, "%s", _("not valid UTF-8"));
  switch (f->type)
    {
    case NK_FIELD_ID:
      return nk_check_is_id (s) ? TRUE
             : fail (error, field, name, _("not an id (1–%d of A–Z a–z 0–9 . _ : -)"), NK_CHECK_MAX_ID);
    case NK_FIELD_TEXT:
      {
        gint64 max = f->max > 0 ? f->max : DEFAULT_MAX_TEXT;

        return nk_check_is_text (s, max, TRUE) ? TRUE
               : fail (error, field, name,
                       _("empty, longer than %lld characters or holds control characters"), (long long) max);
      }
    case NK_FIELD_CHOICE:
      if (f->choices != NULL && g_strv_contains (f->choices, s))
        return TRUE;
      {
        g_autofree char *list = f->choices ? g_strjoinv (", ", (char **) f->choices) : g_strdup ("");

        return fail (error, field, name, _("not one of %s"), list);
      }
    case NK_FIELD_TIME:
      return nk_check_time (s, NULL) ? TRUE
             : fail (error, field, name, "%s", _("not a time YYYY-MM-DDTHH:MM:SS.mmmZ"));
    case NK_FIELD_BOOL:
    case NK_FIELD_INT:
    case NK_FIELD_IDS:
    default:
      g_assert_not_reached ();
    }
}

/* The members every kind's payload carries. */
static gboolean
check_common (JsonObject *obj, gint64 at_us, const char **field, GError **error)
{
  static const char *const by_kinds[] = { "child", "guardian", "staff", "system", NULL };
  static const NkKindField common[] = {
    { "local_date", NK_FIELD_TEXT, FALSE, 0, 10 },
    { "by_kind", NK_FIELD_CHOICE, FALSE, 0, 0, by_kinds },
    { "by_id", NK_FIELD_ID, TRUE },
    { "corrects", NK_FIELD_ID, TRUE },
    { "deleted", NK_FIELD_BOOL, TRUE },
  };
  const char *date;
  GDate d;

  for (guint i = 0; i < G_N_ELEMENTS (common); i++)
    if (!check_field (&common[i], obj, field, error))
      return FALSE;
  date = json_object_get_string_member (obj, "local_date");
  if (!nk_check_date (date, &d))
    return fail (error, field, "payload.local_date", "%s", _("not a real date YYYY-MM-DD"));
  if (!nk_check_date_near (&d, at_us, FALSE))
    return fail (error, field, "payload.local_date", "%s", _("not the day of the event's time"));
  if (member_node (obj, "deleted") != NULL && json_object_get_boolean_member (obj, "deleted") &&
      member_node (obj, "corrects") == NULL)
    return fail (error, field, "payload.deleted", "%s", _("a deletion must name the record it deletes"));
  return TRUE;
}

gboolean
nk_kind_check_relayed (const NkKind *kind,
                       JsonObject   *payload,
                       gint64        at_us,
                       const char  **field,
                       GError      **error)
{
  g_return_val_if_fail (kind != NULL && payload != NULL, FALSE);

  if (!check_common (payload, at_us, field, error))
    return FALSE;
  for (const NkKindField *f = kind->fields; f->member != NULL; f++)
    if (!check_field (f, payload, field, error))
      return FALSE;
  return kind->check == NULL || kind->check (payload, field, error);
}

/* ---------------------------------------------------------------- rows */

/* The person the row is about is on this kiosk's roster. */
static gboolean
check_person (const NkKind *kind, NkStore *store, JsonObject *payload, GError **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT 1 FROM %s WHERE id = :id", kind->person_table);
  const char *person;
  gboolean found;

  if (kind->person == NULL)
    return TRUE;
  person = json_object_get_string_member (payload, kind->person);
  if (!nk_store_exists (store, &found, sql, _("Cannot read the records"), error, NK_TEXT (":id", person),
                        NK_END))
    return FALSE;
  if (!found)
    g_set_error (error, NK_KIND_ERROR, NK_KIND_ERROR_REFERENCE,
                 _("%s is not on this kiosk's roster"), person);
  return found;
}

static void
bind_member (sqlite3_stmt *stmt, int index, const NkKindField *f, JsonObject *obj)
{
  JsonNode *node = member_node (obj, f->member);
  gint64 us;

  if (node == NULL)
    sqlite3_bind_null (stmt, index);
  else if (f->type == NK_FIELD_INT)
    sqlite3_bind_int64 (stmt, index, json_node_get_int (node));
  else if (f->type == NK_FIELD_BOOL)
    sqlite3_bind_int (stmt, index, json_node_get_boolean (node) ? 1 : 0);
  else if (f->type == NK_FIELD_TIME && nk_check_time (json_node_get_string (node), &us))
    sqlite3_bind_int64 (stmt, index, us);
  else if (f->type == NK_FIELD_IDS)
    sqlite3_bind_text (stmt, index, json_to_string (node, FALSE), -1, g_free);
  else
    sqlite3_bind_text (stmt, index, json_node_get_string (node), -1, SQLITE_TRANSIENT);
}

/* INSERT of the row from a checked payload. */
static gboolean
write_row (const NkKind *kind, NkStore *store, const char *id, gint64 at_us,
           const char *device_id, JsonObject *payload, GError **error)
{
  static const NkKindField by_kind = { "by_kind", NK_FIELD_TEXT };
  static const NkKindField by_id = { "by_id", NK_FIELD_ID, TRUE };
  static const NkKindField local_date = { "local_date", NK_FIELD_TEXT };
  static const NkKindField corrects = { "corrects", NK_FIELD_ID, TRUE };
  static const NkKindField deleted = { "deleted", NK_FIELD_BOOL, TRUE };
  const NkKindField *common[] = { &local_date, &by_kind, &by_id, &corrects, &deleted };
  g_autoptr (GString) sql = g_string_new (NULL);
  sqlite3_stmt *stmt;
  int n = 3;

  g_string_printf (sql, "INSERT INTO %s (id, at_us, device_id, local_date, by_kind, by_id, "
                   "corrects, deleted", kind->table);
  for (const NkKindField *f = kind->fields; f->member != NULL; f++)
    {
      g_autofree char *column = column_of (f);

      g_string_append_printf (sql, ", %s", column);
    }
  g_string_append (sql, ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, coalesce (?8, 0)");
  for (int i = 9; kind->fields[i - 9].member != NULL; i++)
    g_string_append_printf (sql, ", ?%d", i);
  g_string_append (sql, ")");

  stmt = nk_store_prepare (store, sql->str, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, at_us);
  sqlite3_bind_text (stmt, 3, device_id, -1, SQLITE_TRANSIENT);
  for (guint i = 0; i < G_N_ELEMENTS (common); i++)
    bind_member (stmt, ++n, common[i], payload);
  for (const NkKindField *f = kind->fields; f->member != NULL; f++)
    bind_member (stmt, ++n, f, payload);
  return nk_store_step_done (store, stmt, _("Cannot save the record"), error);
}

gboolean
nk_kind_write_relayed (const NkKind *kind,
                       NkStore      *store,
                       const char   *id,
                       gint64        at_us,
                       const char   *device_id,
                       JsonObject   *payload,
                       GError      **error)
{
  g_return_val_if_fail (kind != NULL && NK_IS_STORE (store) && id != NULL, FALSE);

  return check_person (kind, store, payload, error)
         && write_row (kind, store, id, at_us, device_id, payload, error);
}

/* ---------------------------------------------------------------- recording here */

static void
set_text (JsonObject *obj, const char *member, const char *value)
{
  if (value != NULL)
    json_object_set_string_member (obj, member, value);
  else
    json_object_set_null_member (obj, member);
}

/* The payload as recorded: the kind's members, then the common ones from
 * the record. */
static JsonNode *
complete_payload (NkRecord *rec, JsonNode *fields, const char *corrects, gboolean deleted)
{
  JsonNode *root = fields != NULL ? json_node_copy (fields) : NULL;
  const NkActor *actor = nk_record_get_actor (rec);
  JsonObject *obj;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_clear_pointer (&root, json_node_unref);
      return NULL;
    }
  obj = json_node_get_object (root);
  json_object_set_string_member (obj, "local_date", nk_record_get_date (rec));
  json_object_set_string_member (obj, "by_kind", actor->kind);
  set_text (obj, "by_id", actor->id);
  set_text (obj, "corrects", corrects);
  json_object_set_boolean_member (obj, "deleted", deleted);
  return root;
}

static const char *
put (NkRecord *rec, const NkKind *kind, JsonNode *fields, const char *corrects,
     gboolean deleted, GError **error)
{
  NkStore *store = nk_record_get_store (rec);
  g_autoptr (JsonNode) root = complete_payload (rec, fields, corrects, deleted);
  JsonObject *obj;
  const char *id;

  if (root == NULL)
    {
      g_set_error (error, NK_KIND_ERROR, NK_KIND_ERROR_INVALID, "%s", _("payload: not an object"));
      return NULL;
    }
  obj = json_node_get_object (root);
  if (!nk_kind_check_relayed (kind, obj, nk_record_get_time (rec), NULL, error)
      || !check_person (kind, store, obj, error))
    return NULL;

  id = nk_record_event_node (rec, kind->type, root, error);
  if (id == NULL
      || !write_row (kind, store, id, nk_record_get_time (rec), nk_store_get_device_id (store),
                     obj, error))
    return NULL;
  return id;
}

const char *
nk_kind_put (NkRecord     *rec,
             const NkKind *kind,
             JsonBuilder  *payload,
             GError      **error)
{
  g_return_val_if_fail (rec != NULL && kind != NULL && payload != NULL, NULL);

  g_autoptr (JsonNode) fields = json_builder_get_root (payload);

  return put (rec, kind, fields, NULL, FALSE, error);
}

/* The original, standing: its person (for the correction to keep it) and
 * its payload as it was recorded (from the outbox, or rebuilt from the
 * row when it was relayed here). */
static JsonNode *
standing_original (NkRecord *rec, const NkKind *kind, const char *original_id, GError **error)
{
  NkStore *store = nk_record_get_store (rec);
  g_autoptr (GString) sql = g_string_new ("SELECT 1");
  g_autoptr (JsonBuilder) b = json_builder_new ();
  sqlite3_stmt *row;
  int col = 1;

  for (const NkKindField *f = kind->fields; f->member != NULL; f++)
    {
      g_autofree char *column = column_of (f);

      g_string_append_printf (sql, ", %s", column);
    }
  g_string_append_printf (sql, " FROM %s t WHERE t.id = :id AND "
                          "NOT EXISTS (SELECT 1 FROM %s c WHERE c.corrects = t.id) AND NOT t.deleted",
                          kind->table, kind->table);
  if (!nk_store_query_row (store, &row, sql->str, _("Cannot read the records"), error,
                           NK_TEXT (":id", original_id), NK_END))
    return NULL;
  if (row == NULL)
    {
      g_set_error (error, NK_KIND_ERROR, NK_KIND_ERROR_CORRECTED,
                   _("The record %s is not there any more, or was corrected already"), original_id);
      return NULL;
    }
  json_builder_begin_object (b);
  for (const NkKindField *f = kind->fields; f->member != NULL; f++, col++)
    {
      json_builder_set_member_name (b, f->member);
      if (sqlite3_column_type (row, col) == SQLITE_NULL)
        json_builder_add_null_value (b);
      else if (f->type == NK_FIELD_INT)
        json_builder_add_int_value (b, sqlite3_column_int64 (row, col));
      else if (f->type == NK_FIELD_BOOL)
        json_builder_add_boolean_value (b, sqlite3_column_int (row, col) != 0);
      else if (f->type == NK_FIELD_TIME)
        {
          g_autofree char *at = nk_format_utc_iso (sqlite3_column_int64 (row, col));

          json_builder_add_string_value (b, at);
        }
      else if (f->type == NK_FIELD_IDS)
        {
          g_autoptr (JsonNode) list = json_from_string ((const char *) sqlite3_column_text (row, col), NULL);

          if (list != NULL)
            json_builder_add_value (b, g_steal_pointer (&list));
          else
            json_builder_add_null_value (b);
        }
      else
        json_builder_add_string_value (b, (const char *) sqlite3_column_text (row, col));
    }
  json_builder_end_object (b);
  sqlite3_reset (row);
  return json_builder_get_root (b);
}

/* The audit keeps what the original said, whatever becomes of it. */
static gboolean
audit_original (NkRecord *rec, const NkKind *kind, const char *original_id, JsonNode *original,
                const char *what, GError **error)
{
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autofree char *json = NULL;
  g_autofree char *detail = NULL;

  json_generator_set_root (gen, original);
  json = json_generator_to_data (gen, NULL);
  detail = g_strdup_printf ("%s %s %s", kind->type, original_id, json);
  return nk_record_audit (rec, what, NULL, detail, error);
}

const char *
nk_kind_correct (NkRecord     *rec,
                 const NkKind *kind,
                 const char   *original_id,
                 JsonBuilder  *payload,
                 GError      **error)
{
  g_autoptr (JsonNode) original = NULL;
  g_autoptr (JsonNode) proposed = NULL;
  const char *was, *now;

  g_return_val_if_fail (rec != NULL && kind != NULL && original_id != NULL, NULL);

  original = standing_original (rec, kind, original_id, error);
  if (original == NULL)
    return NULL;
  proposed = json_builder_get_root (payload);
  was = kind->person == NULL ? ""
        : json_object_get_string_member_with_default (json_node_get_object (original), kind->person, "");
  now = kind->person == NULL ? ""
        : proposed != NULL && JSON_NODE_HOLDS_OBJECT (proposed)
        ? json_object_get_string_member_with_default (json_node_get_object (proposed), kind->person, "")
        : "";
  if (!g_str_equal (was, now))
    {
      g_set_error (error, NK_KIND_ERROR, NK_KIND_ERROR_INVALID,
                   _("A correction cannot move a record to someone else"));
      return NULL;
    }
  if (!audit_original (rec, kind, original_id, original, "record.corrected", error))
    return NULL;
  return put (rec, kind, proposed, original_id, FALSE, error);
}

const char *
nk_kind_delete (NkRecord     *rec,
                const NkKind *kind,
                const char   *original_id,
                GError      **error)
{
  g_autoptr (JsonNode) original = NULL;

  g_return_val_if_fail (rec != NULL && kind != NULL && original_id != NULL, NULL);

  original = standing_original (rec, kind, original_id, error);
  if (original == NULL || !audit_original (rec, kind, original_id, original, "record.deleted", error))
    return NULL;
  return put (rec, kind, original, original_id, TRUE, error);
}

gboolean
nk_kind_check_unanswered (NkStore    *store,
                          const char *id,
                          const char *target_sql,
                          const char *answered_sql,
                          const char *what,
                          const char *missing,
                          const char *done,
                          GError    **error)
{
  gboolean found = FALSE;

  if (id != NULL && !nk_store_exists (store, &found, target_sql, what, error, NK_TEXT (":id", id), NK_END))
    return FALSE;
  if (!found)
    {
      g_set_error_literal (error, NK_STORE_ERROR, NK_STORE_ERROR_NOT_FOUND, missing);
      return FALSE;
    }
  if (!nk_store_exists (store, &found, answered_sql, what, error, NK_TEXT (":id", id), NK_END))
    return FALSE;
  if (found)
    {
      g_set_error_literal (error, NK_STORE_ERROR, NK_STORE_ERROR_INVALID, done);
      return FALSE;
    }
  return TRUE;
}

gboolean
nk_kind_tidy_note (const char *note,
                   gint64      max,
                   char      **tidy,
                   GError    **error)
{
  g_autofree char *text = note != NULL ? g_strstrip (g_strdup (note)) : NULL;

  g_return_val_if_fail (tidy != NULL && max <= 200, FALSE);

  *tidy = NULL;
  if (text == NULL || *text == '\0')
    return TRUE;
  if (!nk_check_is_text (text, max, TRUE))
    {
      g_set_error_literal (error, NK_STORE_ERROR, NK_STORE_ERROR_INVALID,
                           _("The note is too long (200 characters at most) or holds characters that cannot "
                             "be kept"));
      return FALSE;
    }
  *tidy = g_steal_pointer (&text);
  return TRUE;
}
