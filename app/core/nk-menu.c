/* nk-menu.c — the centre's menu days (nk-menu.h): their table, loading,
 * the director's save, the platform's records and the relayed "menu.day"
 * of the centre's other kiosks.  A day itself, its JSON form and the
 * validator are nk-menu-day.c. */
#define G_LOG_DOMAIN "nk-core"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "nk-check.h"
#include "nk-menu-private.h"
#include "nk-migrations.h"
#include "nk-record.h"
#include "nk-roster.h"
#include "nk-store-private.h"

/* The event type of a day made at a kiosk, and the change notification. */
#define DAY_EVENT "menu.day"
#define CHANGED "menu"

static gboolean apply_kept_menus (NkStore *store, guint version, GError **error);

static const char *const menu_steps[] = {
  /* 0 → 1: one row per day holding its menu in the contract's form;
   * after it, the platform's menus kept as received are applied
   * (apply_kept_menus) */
  "CREATE TABLE menu_days ("
  "  date TEXT PRIMARY KEY,"
  "  id TEXT NOT NULL,"
  "  source TEXT NOT NULL CHECK (source IN ('platform', 'import', 'kiosk')),"
  "  updated_us INTEGER NOT NULL,"
  "  device_id TEXT,"
  "  by_id TEXT,"
  "  allergens INTEGER NOT NULL DEFAULT 0,"
  "  n_dishes INTEGER NOT NULL DEFAULT 0,"
  "  body TEXT NOT NULL);"
  "CREATE INDEX menu_days_id ON menu_days (id);",
};

NK_MIGRATION_LIST_AFTER (nk_menu_migrations, "menu", menu_steps, 0, apply_kept_menus);

/* ---- the table -------------------------------------------------------------------- */

/* Writes day unless the kiosk holds one newer (see nk-menu.h). */
gboolean
nk_menu_day_put (NkStore *store, const NkMenuDay *day, const char *id, const char *source,
                 gint64 updated_us, const char *device_id, const char *by_id, GError **error)
{
  g_autoptr (JsonNode) node = nk_menu_day_to_node (day);
  g_autofree char *body = json_to_string (node, FALSE);

  return nk_store_run (store,
                       "INSERT INTO menu_days (date, id, source, updated_us, device_id, by_id, "
                       "  allergens, n_dishes, body) "
                       "VALUES (:date, :id, :source, :updated, :device, :by_id, :allergens, :n, :body) "
                       "ON CONFLICT (date) DO UPDATE SET id = :id, source = :source, "
                       "  updated_us = :updated, device_id = :device, by_id = :by_id, "
                       "  allergens = :allergens, n_dishes = :n, body = :body "
                       "WHERE :updated > menu_days.updated_us "
                       "   OR (:updated = menu_days.updated_us AND :id >= menu_days.id)",
                       _("Cannot save the menu"), error, NK_TEXT (":date", day->date),
                       NK_TEXT (":id", id), NK_TEXT (":source", source),
                       NK_INT (":updated", updated_us), NK_TEXT (":device", device_id),
                       NK_TEXT (":by_id", by_id), NK_INT (":allergens", nk_menu_day_allergens (day)),
                       NK_INT (":n", nk_menu_day_n_dishes (day)), NK_TEXT (":body", body), NK_END);
}

NkMenuDay *
nk_menu_day_from_text (const char *body, GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new_immutable ();

  if (body == NULL || !json_parser_load_from_data (parser, body, -1, error))
    return NULL;
  return nk_menu_day_from_json (json_parser_get_root (parser), NULL, error);
}

static NkMenuDay *
day_from_row (sqlite3_stmt *row, GError **error)
{
  NkMenuDay *day = nk_menu_day_from_text ((const char *) sqlite3_column_text (row, 0), error);

  if (day)
    day->source = nk_column_dup (row, 1);
  return day;
}

NkMenuDay *
nk_menu_day_load (NkStore *store, const char *date, GError **error)
{
  sqlite3_stmt *row;
  NkMenuDay *day;

  g_return_val_if_fail (NK_IS_STORE (store) && date != NULL, NULL);

  if (!nk_store_query_row (store, &row,
                           "SELECT body, source FROM menu_days WHERE date = :date AND n_dishes > 0",
                           _("Cannot read the menu"), error, NK_TEXT (":date", date), NK_END))
    return NULL;
  if (row == NULL)
    return NULL;
  day = day_from_row (row, error);
  sqlite3_reset (row);
  return day;
}

GPtrArray *
nk_menu_days_load (NkStore *store, const char *from, const char *to, GError **error)
{
  g_autoptr (GPtrArray) days = g_ptr_array_new_with_free_func ((GDestroyNotify) nk_menu_day_free);
  sqlite3_stmt *stmt = nk_store_prepare (store,
                                         "SELECT body, source FROM menu_days "
                                         "WHERE date BETWEEN :from AND :to AND n_dishes > 0 "
                                         "ORDER BY date",
                                         error);
  int rc;

  if (stmt == NULL
      || !nk_store_bind (store, stmt, error, NK_TEXT (":from", from), NK_TEXT (":to", to), NK_END))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      NkMenuDay *day = day_from_row (stmt, error);

      if (day == NULL)
        {
          sqlite3_reset (stmt);
          return NULL;
        }
      g_ptr_array_add (days, day);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      nk_store_set_error (store, error, _("Cannot read the menu"));
      return NULL;
    }
  return g_steal_pointer (&days);
}

/* ---- made at the kiosk: one event per day ---------------------------------------------- */

/* Inside rec: day checked through its JSON form, its event and its row. */
static gboolean
record_day (NkRecord *rec, const NkMenuDay *day, const char *source, GError **error)
{
  NkStore *store = nk_record_get_store (rec);
  const NkActor *actor = nk_record_get_actor (rec);
  g_autoptr (JsonNode) node = nk_menu_day_to_node (day);
  g_autoptr (NkMenuDay) checked = nk_menu_day_from_json (node, NULL, error);
  JsonObject *payload;
  const char *id;

  if (checked == NULL)
    return FALSE;
  payload = json_node_get_object (node);
  json_object_set_string_member (payload, "source", source);
  json_object_set_string_member (payload, "local_date", nk_record_get_date (rec));
  json_object_set_string_member (payload, "by_kind", actor->kind);
  if (actor->id)
    json_object_set_string_member (payload, "by_id", actor->id);
  else
    json_object_set_null_member (payload, "by_id");
  id = nk_record_event_node (rec, DAY_EVENT, node, error);
  if (id == NULL
      || !nk_menu_day_put (store, checked, id, source, nk_record_get_time (rec),
                   nk_store_get_device_id (store), actor->id, error))
    return FALSE;
  nk_record_touch (rec, CHANGED, checked->date);
  return TRUE;
}

static gboolean
is_director (NkStore *store, const char *staff_id, GError **error)
{
  return nk_roster_check_director (store, staff_id, NK_MENU_ERROR, NK_MENU_ERROR_REFUSED,
                                   _("Only the director can change the menu"), error);
}

gboolean
nk_menu_day_save (NkStore *store, NkCentre *centre, const char *staff_id, const NkMenuDay *day,
                  GError **error)
{
  NkActor actor = { "staff", staff_id };
  g_autoptr (NkRecord) rec = NULL;

  g_return_val_if_fail (NK_IS_STORE (store) && NK_IS_CENTRE (centre) && day != NULL, FALSE);

  if (!is_director (store, staff_id, error))
    return FALSE;
  rec = nk_record_begin (store, centre, &actor, error);
  if (rec == NULL || !record_day (rec, day, "kiosk", error))
    return FALSE;
  return nk_record_commit (g_steal_pointer (&rec), error);
}

gboolean
nk_menu_days_save (NkStore *store, NkCentre *centre, GPtrArray *days, const char *source,
                   GError **error)
{
  NkActor actor = NK_ACTOR_SYSTEM;
  g_autoptr (NkRecord) rec = nk_record_begin (store, centre, &actor, error);

  if (rec == NULL)
    return FALSE;
  for (guint i = 0; i < days->len; i++)
    if (!record_day (rec, days->pdata[i], source, error))
      return FALSE;
  return nk_record_commit (g_steal_pointer (&rec), error);
}

/* ---- the platform's records ------------------------------------------------------------------ */

/* The record's id and its "updated_at" (µs, or fallback). */
static char *
check_platform_members (JsonObject *obj, gint64 fallback, const char **id, gint64 *updated_us,
                        const char **field)
{
  JsonNode *node = json_object_get_member (obj, "id");
  JsonNode *updated = json_object_get_member (obj, "updated_at");

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING
      || !nk_check_is_id (json_node_get_string (node)))
    {
      *field = "id";
      return g_strdup (_("missing or not an id"));
    }
  *id = json_node_get_string (node);
  *updated_us = fallback;
  if (updated != NULL && !JSON_NODE_HOLDS_NULL (updated)
      && (!JSON_NODE_HOLDS_VALUE (updated) || json_node_get_value_type (updated) != G_TYPE_STRING
          || !nk_check_time (json_node_get_string (updated), updated_us)))
    {
      *field = "updated_at";
      return g_strdup (_("not a time YYYY-MM-DDTHH:MM:SS.mmmZ"));
    }
  return NULL;
}

char *
nk_menu_check_platform (JsonNode *record, const char **field)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (NkMenuDay) day = nk_menu_day_from_json (record, field, &error);
  const char *id;
  gint64 updated;

  if (day == NULL)
    return g_strdup (error->message);
  return check_platform_members (json_node_get_object (record), 0, &id, &updated, field);
}

gboolean
nk_menu_apply_platform (NkStore *store, JsonNode *record, gint64 received_us, GError **error)
{
  g_autoptr (NkMenuDay) day = nk_menu_day_from_json (record, NULL, error);
  g_autofree char *why = NULL;
  const char *field = NULL, *id;
  gint64 updated;

  if (day == NULL)
    return FALSE;
  why = check_platform_members (json_node_get_object (record), received_us, &id, &updated, &field);
  if (why != NULL)
    {
      g_set_error (error, NK_MENU_ERROR, NK_MENU_ERROR_INVALID, _("%s: %s"), field, why);
      return FALSE;
    }
  return nk_menu_day_put (store, day, id, "platform", updated, NULL, NULL, error);
}

gboolean
nk_menu_remove_platform (NkStore *store, const char *id, GError **error)
{
  return nk_store_run (store, "DELETE FROM menu_days WHERE id = :id AND source = 'platform'",
                       _("Cannot save the menu"), error, NK_TEXT (":id", id), NK_END);
}

/* Migration "menu" 1: the platform's menus an earlier version kept as
 * received are checked and applied; those that fail go to quarantine
 * with their reason, as a pull would have set them aside. */
static gboolean
apply_kept_menus (NkStore *store, guint version, GError **error)
{
  sqlite3_stmt *stmt;
  g_autoptr (GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) bodies = g_ptr_array_new_with_free_func (g_free);
  int rc;

  if (version != 1)
    return TRUE;
  stmt = nk_store_prepare (store, "SELECT id, body FROM pulled_records WHERE section = 'menus'", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_ptr_array_add (ids, nk_column_dup (stmt, 0));
      g_ptr_array_add (bodies, nk_column_dup (stmt, 1));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      nk_store_set_error (store, error, _("Cannot read the records kept as received"));
      return FALSE;
    }
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr (JsonParser) parser = json_parser_new_immutable ();
      g_autoptr (GError) bad = NULL;
      g_autofree char *why = NULL;
      const char *field = NULL;

      if (!json_parser_load_from_data (parser, bodies->pdata[i], -1, &bad))
        why = g_strdup (bad->message);
      else if ((why = nk_menu_check_platform (json_parser_get_root (parser), &field)) == NULL
               && !nk_menu_apply_platform (store, json_parser_get_root (parser), g_get_real_time (),
                                           error))
        return FALSE;
      if (why != NULL)
        {
          g_message ("Menu %s kept by an earlier version is set aside: %s",
                     (const char *) ids->pdata[i], why);
          if (!nk_store_run (store,
                             "INSERT OR REPLACE INTO pull_quarantine (section, id, body, reason, "
                             "  received_us, code, field) "
                             "VALUES ('menus', :id, :body, :reason, :now, 'invalid', :field)",
                             _("Cannot update the database"), error,
                             NK_TEXT (":id", ids->pdata[i]), NK_TEXT (":body", bodies->pdata[i]),
                             NK_TEXT (":reason", why), NK_INT (":now", g_get_real_time ()),
                             NK_TEXT (":field", field), NK_END))
            return FALSE;
        }
    }
  return nk_store_run (store, "DELETE FROM pulled_records WHERE section = 'menus'",
                       _("Cannot update the database"), error, NK_END);
}

/* ---- relayed: "menu.day" of the centre's other kiosks -------------------------------------------- */

char *
nk_menu_check_common (JsonObject *payload, gint64 at_us, const char **field)
{
  static const char *const by_kinds[] = { "staff", "system", NULL };
  JsonNode *date = json_object_get_member (payload, "local_date");
  JsonNode *by_kind = json_object_get_member (payload, "by_kind");
  JsonNode *by_id = json_object_get_member (payload, "by_id");
  GDate d;

  if (date == NULL || !JSON_NODE_HOLDS_VALUE (date) || json_node_get_value_type (date) != G_TYPE_STRING
      || !nk_check_date (json_node_get_string (date), &d) || !nk_check_date_near (&d, at_us, FALSE))
    {
      *field = "payload.local_date";
      return g_strdup (_("not the day of the event's time"));
    }
  if (by_kind == NULL || !JSON_NODE_HOLDS_VALUE (by_kind)
      || json_node_get_value_type (by_kind) != G_TYPE_STRING
      || !g_strv_contains (by_kinds, json_node_get_string (by_kind)))
    {
      *field = "payload.by_kind";
      return g_strdup (_("not one of staff, system"));
    }
  if (by_id != NULL && !JSON_NODE_HOLDS_NULL (by_id)
      && (!JSON_NODE_HOLDS_VALUE (by_id) || json_node_get_value_type (by_id) != G_TYPE_STRING
          || !nk_check_is_id (json_node_get_string (by_id))))
    {
      *field = "payload.by_id";
      return g_strdup (_("not an id"));
    }
  return NULL;
}

static const char *
day_source (JsonObject *payload)
{
  static const char *const sources[] = { "import", "kiosk", NULL };
  JsonNode *node = json_object_get_member (payload, "source");

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING
      || !g_strv_contains (sources, json_node_get_string (node)))
    return NULL;
  return json_node_get_string (node);
}

static char *
check_relayed_day (JsonObject *payload, gint64 at_us, const char **field)
{
  g_autoptr (JsonNode) node = json_node_init_object (json_node_alloc (), payload);
  g_autoptr (GError) error = NULL;
  g_autoptr (NkMenuDay) day = nk_menu_day_from_json (node, field, &error);

  if (day == NULL)
    return g_strdup_printf ("payload.%s", error->message);
  if (day_source (payload) == NULL)
    {
      *field = "payload.source";
      return g_strdup (_("not one of import, kiosk"));
    }
  return nk_menu_check_common (payload, at_us, field);
}

static gboolean
apply_relayed_day (NkStore *store, const char *id, gint64 at_us, const char *device_id,
                   JsonObject *payload, GError **error)
{
  g_autoptr (JsonNode) node = json_node_init_object (json_node_alloc (), payload);
  g_autoptr (NkMenuDay) day = nk_menu_day_from_json (node, NULL, error);
  JsonNode *by_id = json_object_get_member (payload, "by_id");

  return day != NULL
         && nk_menu_day_put (store, day, id, day_source (payload), at_us, device_id,
                     by_id && JSON_NODE_HOLDS_VALUE (by_id) ? json_node_get_string (by_id) : NULL,
                     error);
}

const NkRelayNested nk_menu_day_relay = {
  DAY_EVENT, CHANGED, check_relayed_day, apply_relayed_day,
};
