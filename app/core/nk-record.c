/* nk-record.c — the one record mechanism (nk-record.h has the steps). */
#define G_LOG_DOMAIN "nk-core"

#include "config.h"

#include <glib/gi18n.h>

#include "nk-record.h"
#include "nk-store-private.h"
#include "nk-types.h"

struct _NkRecord
{
  NkStore    *store;
  NkCentre   *centre;
  NkActor     actor;
  char       *actor_kind;
  char       *actor_id;
  gint64      at_us;
  char       *date;
  GHashTable *changed;   /* kind → GPtrArray of ids, in order */
  GPtrArray  *kinds;     /* kinds in the order first recorded */
};

static void
record_free (NkRecord *self)
{
  g_clear_object (&self->store);
  g_clear_object (&self->centre);
  g_free (self->actor_kind);
  g_free (self->actor_id);
  g_free (self->date);
  g_clear_pointer (&self->changed, g_hash_table_unref);
  g_clear_pointer (&self->kinds, g_ptr_array_unref);
  g_free (self);
}

static gboolean
check_actor (NkStore *store, const NkActor *actor, GError **error)
{
  const char *sql;
  sqlite3_stmt *row = NULL;
  gboolean active;
  g_autofree char *name = NULL;

  if (g_strcmp0 (actor->kind, "system") == 0)
    return TRUE;
  if (g_strcmp0 (actor->kind, "staff") == 0)
    sql = "SELECT name, active FROM staff WHERE id = :id";
  else if (g_strcmp0 (actor->kind, "child") == 0)
    sql = "SELECT name, active FROM children WHERE id = :id";
  else if (g_strcmp0 (actor->kind, "guardian") == 0)
    sql = "SELECT name, 1 FROM guardians WHERE id = :id";
  else
    {
      g_critical ("Unknown kind of actor “%s”", actor->kind);
      g_set_error (error, NK_STORE_ERROR, NK_STORE_ERROR_INVALID, _("Nobody to record this"));
      return FALSE;
    }

  if (!nk_store_query_row (store, &row, sql, _("Cannot read the roster"), error,
                           NK_TEXT (":id", actor->id), NK_END))
    return FALSE;
  if (row == NULL)
    {
      g_set_error (error, NK_STORE_ERROR, NK_STORE_ERROR_NOT_FOUND,
                   _("%s is not on the roster"), actor->id ? actor->id : "?");
      return FALSE;
    }
  name = g_strdup ((const char *) sqlite3_column_text (row, 0));
  active = sqlite3_column_int (row, 1) != 0;
  sqlite3_reset (row);
  if (!active)
    {
      g_set_error (error, NK_STORE_ERROR, NK_STORE_ERROR_INVALID,
                   g_strcmp0 (actor->kind, "staff") == 0 ? _("%s is no longer on the staff list")
                                                         : _("%s has left the centre"),
                   name);
      return FALSE;
    }
  return TRUE;
}

NkRecord *
nk_record_begin (NkStore *store, NkCentre *centre, const NkActor *actor, GError **error)
{
  gint64 at_us = nk_centre_now (centre);
  NkRecord *self;

  g_return_val_if_fail (NK_IS_STORE (store) && NK_IS_CENTRE (centre) && actor != NULL, NULL);

  if (!nk_centre_check_clock (centre, at_us, error) || !check_actor (store, actor, error)
      || !nk_store_begin (store, error))
    return NULL;

  self = g_new0 (NkRecord, 1);
  self->store = g_object_ref (store);
  self->centre = g_object_ref (centre);
  self->actor_kind = g_strdup (actor->kind);
  self->actor_id = g_strdup (actor->id);
  self->actor.kind = self->actor_kind;
  self->actor.id = self->actor_id;
  self->at_us = at_us;
  self->date = nk_centre_local_date (centre, at_us);
  self->changed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) g_ptr_array_unref);
  self->kinds = g_ptr_array_new ();
  return self;
}

NkStore *
nk_record_get_store (NkRecord *self)
{
  return self->store;
}

NkCentre *
nk_record_get_centre (NkRecord *self)
{
  return self->centre;
}

const NkActor *
nk_record_get_actor (NkRecord *self)
{
  return &self->actor;
}

gint64
nk_record_get_time (NkRecord *self)
{
  return self->at_us;
}

const char *
nk_record_get_date (NkRecord *self)
{
  return self->date;
}

static const char *
remember (NkRecord *self, const char *kind, char *id)
{
  GPtrArray *ids = g_hash_table_lookup (self->changed, kind);

  if (ids == NULL)
    {
      char *key = g_strdup (kind);

      ids = g_ptr_array_new_with_free_func (g_free);
      g_hash_table_insert (self->changed, key, ids);
      g_ptr_array_add (self->kinds, key);
    }
  g_ptr_array_add (ids, id);
  return id;
}

void
nk_record_touch (NkRecord *self, const char *kind, const char *id)
{
  remember (self, kind, g_strdup (id));
}

/* Safety reports the platform must have at once.  A new one is a line
 * here and a row in docs/platform-api.md ("Urgent events"). */
static const char *const urgent_types[] = {
  "outbreak.suspected",
  "alarm",             /* the one-key alarm (nk-alarm.h) */
  "alarm.cancelled",   /* the alarm is over: every door and the platform at once */
  "ratio.breach",
  "ratio.cleared",
};

gboolean
nk_record_type_is_urgent (const char *type)
{
  for (guint i = 0; i < G_N_ELEMENTS (urgent_types); i++)
    if (g_strcmp0 (type, urgent_types[i]) == 0)
      return TRUE;
  return FALSE;
}

const char *
nk_record_event_node (NkRecord *self, const char *kind, JsonNode *payload, GError **error)
{
  g_autofree char *id = nk_uuid_new ();
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autofree char *json = NULL;

  json_generator_set_root (gen, payload);
  json = json_generator_to_data (gen, NULL);
  if (!nk_store_run (self->store,
                     "INSERT INTO outbox (event_id, type, at_us, payload, created_us, state, urgent) "
                     "VALUES (:id, :type, :at_us, :payload, :created_us, 'pending', :urgent)",
                     _("Cannot queue the record for the platform"), error,
                     NK_TEXT (":id", id), NK_TEXT (":type", kind), NK_INT (":at_us", self->at_us),
                     NK_TEXT (":payload", json), NK_INT (":created_us", g_get_real_time ()),
                     NK_BOOL (":urgent", nk_record_type_is_urgent (kind)), NK_END))
    return NULL;
  return remember (self, kind, g_steal_pointer (&id));
}

const char *
nk_record_event (NkRecord *self, const char *kind, JsonBuilder *payload, GError **error)
{
  g_autoptr (JsonNode) root = json_builder_get_root (payload);

  return nk_record_event_node (self, kind, root, error);
}

gboolean
nk_record_audit (NkRecord *self, const char *kind, const char *uid, const char *detail,
                 GError **error)
{
  return nk_store_audit (self->store, self->at_us, kind, uid, detail, error);
}

gboolean
nk_record_commit (NkRecord *self, GError **error)
{
  g_autoptr (NkStore) store = g_object_ref (self->store);
  g_autoptr (GPtrArray) kinds = g_ptr_array_ref (self->kinds);
  g_autoptr (GHashTable) changed = g_hash_table_ref (self->changed);

  if (!nk_store_commit (store, error))
    {
      record_free (self);
      return FALSE;
    }
  record_free (self);

  for (guint i = 0; i < kinds->len; i++)
    {
      GPtrArray *ids = g_hash_table_lookup (changed, kinds->pdata[i]);

      g_ptr_array_add (ids, NULL);
      nk_store_emit_changed (store, kinds->pdata[i], (const char *const *) ids->pdata);
      g_ptr_array_remove_index (ids, ids->len - 1);
    }
  return TRUE;
}

void
nk_record_abort (NkRecord *self)
{
  if (self == NULL)
    return;
  nk_store_rollback (self->store);
  record_free (self);
}

/* ---------------------------------------------------------------- payloads */

void
nk_json_text (JsonBuilder *builder, const char *name, const char *value)
{
  json_builder_set_member_name (builder, name);
  if (value)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

void
nk_json_int (JsonBuilder *builder, const char *name, gint64 value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

void
nk_json_bool (JsonBuilder *builder, const char *name, gboolean value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_boolean_value (builder, value);
}

char *
nk_json_to_string (JsonBuilder *builder)
{
  g_autoptr (JsonNode) root = json_builder_get_root (builder);
  g_autoptr (JsonGenerator) gen = json_generator_new ();

  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
}
