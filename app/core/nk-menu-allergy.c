/* nk-menu-allergy.c — children's allergies as a structured list
 * (nk-menu-allergy.h): the migration that maps the free text, the write
 * of the platform's list, the staff's confirmation and its relay. */
#define G_LOG_DOMAIN "nk-core"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "nk-check.h"
#include "nk-menu-allergy.h"
#include "nk-menu-private.h"
#include "nk-migrations.h"
#include "nk-record.h"
#include "nk-store-private.h"

#define CHANGED "allergy"

static gboolean map_free_text (NkStore *store, guint version, GError **error);

static const char *const allergy_steps[] = {
  /* 0 → 1: the structured list beside the free text, and the staff's
   * confirmations; then every child's free text is mapped
   * (map_free_text) */
  "ALTER TABLE children ADD COLUMN allergens INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE children ADD COLUMN allergy_other TEXT;"
  "ALTER TABLE children ADD COLUMN allergy_review INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE children ADD COLUMN allergy_basis TEXT NOT NULL DEFAULT '';"
  "CREATE INDEX children_allergy_review ON children (allergy_review) WHERE allergy_review;"
  "CREATE TABLE allergy_confirmations ("
  "  id TEXT PRIMARY KEY,"
  "  at_us INTEGER NOT NULL,"
  "  local_date TEXT NOT NULL,"
  "  device_id TEXT NOT NULL,"
  "  by_id TEXT,"
  "  child_id TEXT NOT NULL,"
  "  allergens INTEGER NOT NULL,"
  "  allergy_other TEXT,"
  "  basis TEXT NOT NULL);"
  "CREATE INDEX allergy_confirmations_child ON allergy_confirmations (child_id, at_us);",
};

NK_MIGRATION_LIST_AFTER (nk_allergy_migrations, "allergy", allergy_steps, 0, map_free_text);

/* ---- the list from the platform or the free text ------------------------------------- */

gboolean
nk_allergy_put_child (NkStore *store, const char *child_id, const char *text, gboolean structured,
                      NkAllergens set, const char *other, GError **error)
{
  g_autofree char *unmapped = NULL;
  const char *basis = text ? text : "";

  if (!structured)
    {
      set = nk_allergens_from_text (basis, &unmapped);
      other = unmapped;
    }
  if (other != NULL && *other != '\0')
    set |= NK_ALLERGEN_OTHER;
  else
    {
      set &= ~NK_ALLERGEN_OTHER;
      other = NULL;
    }
  return nk_store_run (store,
                       "UPDATE children SET allergens = :set, allergy_other = :other, "
                       "  allergy_review = :review, allergy_basis = :basis "
                       "WHERE id = :id AND (:structured OR allergy_basis IS NOT :basis)",
                       _("Cannot save the child's allergies"), error, NK_TEXT (":id", child_id),
                       NK_INT (":set", set), NK_TEXT (":other", other),
                       NK_BOOL (":review", !structured && unmapped != NULL),
                       NK_TEXT (":basis", basis), NK_BOOL (":structured", structured), NK_END);
}

/* Migration "allergy" 1: today's free text of every child, mapped. */
static gboolean
map_free_text (NkStore *store, guint version, GError **error)
{
  g_autoptr (GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  guint to_confirm = 0;
  int rc;

  if (version != 1)
    return TRUE;
  stmt = nk_store_prepare (store, "SELECT id, allergies FROM children WHERE allergies != ''", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_ptr_array_add (ids, nk_column_dup (stmt, 0));
      g_ptr_array_add (texts, nk_column_dup (stmt, 1));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      nk_store_set_error (store, error, _("Cannot read the roster"));
      return FALSE;
    }
  for (guint i = 0; i < ids->len; i++)
    {
      g_autofree char *unmapped = NULL;

      nk_allergens_from_text (texts->pdata[i], &unmapped);
      to_confirm += unmapped != NULL;
      if (!nk_allergy_put_child (store, ids->pdata[i], texts->pdata[i], FALSE, 0, NULL, error))
        return FALSE;
    }
  if (ids->len > 0)
    g_message ("Allergies of %u children mapped to the GB 7718 groups; %u for staff to confirm",
               ids->len, to_confirm);
  return TRUE;
}

/* ---- reading ---------------------------------------------------------------------- */

void
nk_child_allergy_free (NkChildAllergy *a)
{
  if (a == NULL)
    return;
  g_free (a->child_id);
  g_free (a->name);
  g_free (a->room_name);
  g_free (a->text);
  g_free (a->other);
  g_free (a);
}

#define ALLERGY_COLUMNS \
  "SELECT c.id, c.name, r.name, c.allergy_basis, c.allergens, c.allergy_other, c.allergy_review " \
  "FROM children c LEFT JOIN rooms r ON r.id = c.room_id "

static NkChildAllergy *
allergy_from_row (sqlite3_stmt *row)
{
  NkChildAllergy *a = g_new0 (NkChildAllergy, 1);

  a->child_id = nk_column_dup (row, 0);
  a->name = nk_column_dup (row, 1);
  a->room_name = nk_column_dup (row, 2);
  a->text = nk_column_dup (row, 3);
  a->allergens = (NkAllergens) sqlite3_column_int64 (row, 4);
  a->other = nk_column_dup (row, 5);
  a->to_confirm = sqlite3_column_int (row, 6) != 0;
  return a;
}

NkChildAllergy *
nk_allergy_load (NkStore *store, const char *child_id, GError **error)
{
  sqlite3_stmt *row;
  NkChildAllergy *a;

  if (!nk_store_query_row (store, &row, ALLERGY_COLUMNS "WHERE c.id = :id",
                           _("Cannot read the child's allergies"), error,
                           NK_TEXT (":id", child_id), NK_END))
    return NULL;
  if (row == NULL)
    {
      g_set_error (error, NK_MENU_ERROR, NK_MENU_ERROR_INVALID, _("No child %s on this kiosk"),
                   child_id);
      return NULL;
    }
  a = allergy_from_row (row);
  sqlite3_reset (row);
  return a;
}

GPtrArray *
nk_allergy_list_to_confirm (NkStore *store, GError **error)
{
  g_autoptr (GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) nk_child_allergy_free);
  sqlite3_stmt *stmt = nk_store_prepare (store,
                                         ALLERGY_COLUMNS
                                         "WHERE c.allergy_review AND c.active "
                                         "ORDER BY r.name, c.name, c.id",
                                         error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, allergy_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      nk_store_set_error (store, error, _("Cannot read the children's allergies"));
      return NULL;
    }
  return g_steal_pointer (&list);
}

/* ---- the confirmation ---------------------------------------------------------------- */

/* The row, and the child's list unless a newer confirmation is held or
 * the free text changed since (then the child stays to confirm). */
static gboolean
write_confirmation (NkStore *store, const char *id, gint64 at_us, const char *local_date,
                    const char *device_id, const char *by_id, const char *child_id,
                    NkAllergens set, const char *other, const char *basis, GError **error)
{
  if (!nk_store_run (store,
                     "INSERT OR IGNORE INTO allergy_confirmations (id, at_us, local_date, device_id, "
                     "  by_id, child_id, allergens, allergy_other, basis) "
                     "VALUES (:id, :at, :date, :device, :by_id, :child, :set, :other, :basis)",
                     _("Cannot save the child's allergies"), error, NK_TEXT (":id", id),
                     NK_INT (":at", at_us), NK_TEXT (":date", local_date),
                     NK_TEXT (":device", device_id), NK_TEXT (":by_id", by_id),
                     NK_TEXT (":child", child_id), NK_INT (":set", set), NK_TEXT (":other", other),
                     NK_TEXT (":basis", basis), NK_END))
    return FALSE;
  return nk_store_run (store,
                       "UPDATE children SET allergens = :set, allergy_other = :other, "
                       "  allergy_review = 0 "
                       "WHERE id = :child AND allergy_basis = :basis AND NOT EXISTS ("
                       "  SELECT 1 FROM allergy_confirmations n WHERE n.child_id = :child "
                       "  AND (n.at_us > :at OR (n.at_us = :at AND n.id > :id)))",
                       _("Cannot save the child's allergies"), error, NK_INT (":set", set),
                       NK_TEXT (":other", other), NK_TEXT (":child", child_id),
                       NK_TEXT (":basis", basis), NK_INT (":at", at_us), NK_TEXT (":id", id),
                       NK_END);
}

static gboolean
may_confirm (NkStore *store, const char *staff_id, GError **error)
{
  gboolean found = FALSE;

  if (staff_id != NULL
      && !nk_store_exists (store, &found,
                           "SELECT 1 FROM staff WHERE id = :id AND active "
                           "AND role IN ('director', 'health')",
                           _("Cannot read the roster"), error, NK_TEXT (":id", staff_id), NK_END))
    return FALSE;
  if (!found)
    g_set_error (error, NK_MENU_ERROR, NK_MENU_ERROR_REFUSED, "%s",
                 _("Only the director or the health staff can confirm allergies"));
  return found;
}

gboolean
nk_allergy_confirm (NkStore *store, NkCentre *centre, const char *staff_id, const char *child_id,
                    NkAllergens set, const char *other, GError **error)
{
  NkActor actor = { "staff", staff_id };
  g_autoptr (NkRecord) rec = NULL;
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (NkChildAllergy) now = NULL;
  const char *id;

  g_return_val_if_fail (NK_IS_STORE (store) && NK_IS_CENTRE (centre) && child_id != NULL, FALSE);

  if (other != NULL && *other == '\0')
    other = NULL;
  if (other != NULL && !nk_check_is_text (other, NK_ALLERGEN_OTHER_MAX, TRUE))
    {
      g_set_error (error, NK_MENU_ERROR, NK_MENU_ERROR_INVALID,
                   _("The other allergens are longer than %d characters or hold control characters"),
                   NK_ALLERGEN_OTHER_MAX);
      return FALSE;
    }
  set = (set & NK_ALLERGENS_ALL & ~NK_ALLERGEN_OTHER) | (other ? NK_ALLERGEN_OTHER : 0);
  if (!may_confirm (store, staff_id, error))
    return FALSE;
  rec = nk_record_begin (store, centre, &actor, error);
  if (rec == NULL || (now = nk_allergy_load (store, child_id, error)) == NULL)
    return FALSE;

  json_builder_begin_object (b);
  nk_json_text (b, "child_id", child_id);
  nk_allergens_add_json (b, "allergens", set);
  nk_json_text (b, "allergy_other", other);
  nk_json_text (b, "basis", now->text);
  nk_json_text (b, "local_date", nk_record_get_date (rec));
  nk_json_text (b, "by_kind", "staff");
  nk_json_text (b, "by_id", staff_id);
  json_builder_end_object (b);
  id = nk_record_event (rec, NK_ALLERGY_EVENT, b, error);
  if (id == NULL
      || !write_confirmation (store, id, nk_record_get_time (rec), nk_record_get_date (rec),
                              nk_store_get_device_id (store), staff_id, child_id, set, other,
                              now->text, error))
    return FALSE;
  nk_record_touch (rec, CHANGED, child_id);
  return nk_record_commit (g_steal_pointer (&rec), error);
}

/* ---- relayed: "allergy.confirmed" of the centre's other kiosks -------------------------- */

/* A string member: NULL when missing or null; *bad when not text of
 * 0..max characters. */
static const char *
member_text (JsonObject *obj, const char *member, gint64 max, gboolean *bad)
{
  JsonNode *node = json_object_get_member (obj, member);
  const char *s;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING
      || ((s = json_node_get_string (node)) != NULL && *s != '\0' && !nk_check_is_text (s, max, FALSE)))
    {
      *bad = TRUE;
      return NULL;
    }
  return s;
}

static char *
check_relayed (JsonObject *payload, gint64 at_us, const char **field)
{
  NkAllergens set;
  gboolean bad = FALSE;
  const char *child = member_text (payload, "child_id", NK_CHECK_MAX_ID, &bad);
  char *why;

  if (bad || child == NULL || !nk_check_is_id (child))
    {
      *field = "payload.child_id";
      return g_strdup (_("missing or not an id"));
    }
  if ((why = nk_allergens_from_json (json_object_get_member (payload, "allergens"), &set)) != NULL)
    {
      *field = "payload.allergens";
      return why;
    }
  member_text (payload, "allergy_other", NK_ALLERGEN_OTHER_MAX, &bad);
  if (bad)
    {
      *field = "payload.allergy_other";
      return g_strdup_printf (_("longer than %d characters or holds control characters"),
                              NK_ALLERGEN_OTHER_MAX);
    }
  member_text (payload, "basis", 200, &bad);
  if (bad)
    {
      *field = "payload.basis";
      return g_strdup_printf (_("longer than %d characters or holds control characters"), 200);
    }
  return nk_menu_check_common (payload, at_us, field);
}

static gboolean
apply_relayed (NkStore *store, const char *id, gint64 at_us, const char *device_id,
               JsonObject *payload, GError **error)
{
  gboolean bad = FALSE, found = FALSE;
  const char *child = member_text (payload, "child_id", NK_CHECK_MAX_ID, &bad);
  const char *other = member_text (payload, "allergy_other", NK_ALLERGEN_OTHER_MAX, &bad);
  const char *basis = member_text (payload, "basis", 200, &bad);
  const char *by_id = member_text (payload, "by_id", NK_CHECK_MAX_ID, &bad);
  g_autofree char *why = NULL;
  NkAllergens set;

  why = nk_allergens_from_json (json_object_get_member (payload, "allergens"), &set);
  if (why != NULL || bad || child == NULL)
    {
      g_set_error (error, NK_RELAY_ERROR, NK_RELAY_ERROR_INVALID, _("event %s: %s"), id,
                   why ? why : _("not checked"));
      return FALSE;
    }
  if (!nk_store_exists (store, &found, "SELECT 1 FROM children WHERE id = :id",
                        _("Cannot read the roster"), error, NK_TEXT (":id", child), NK_END))
    return FALSE;
  if (!found)
    {
      g_set_error (error, NK_RELAY_ERROR, NK_RELAY_ERROR_REFERENCE,
                   _("event %s names %s, who is not on this kiosk's roster"), id, child);
      return FALSE;
    }
  if (other != NULL && *other == '\0')
    other = NULL;
  set = (set & ~NK_ALLERGEN_OTHER) | (other ? NK_ALLERGEN_OTHER : 0);
  return write_confirmation (store, id, at_us, json_object_get_string_member (payload, "local_date"),
                             device_id, by_id, child, set, other, basis ? basis : "", error);
}

const NkRelayNested nk_allergy_confirmed_relay = {
  NK_ALLERGY_EVENT, CHANGED, check_relayed, apply_relayed,
};
