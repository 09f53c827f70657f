/* nk-checkup-pull.c — the platform's "checkups" section
 * (nk-checkup-pull.h): its fields, the checks of room_ids and the date,
 * and how a visit is written and deleted. */
#define G_LOG_DOMAIN "nk-core"

#include "config.h"

#include <glib/gi18n.h>

#include "nk-check.h"
#include "nk-checkup-pull.h"
#include "nk-store-private.h"

#define WHAT _("Cannot apply the platform's check-up visits")

const NkPullField nk_checkup_visit_fields[NK_CHECKUP_VISIT_N_FIELDS] = {
  [NK_CHECKUP_VISIT_ID] = { "id", NK_PULL_ID, NK_PULL_REQUIRED },
  [NK_CHECKUP_VISIT_DATE] = { "date", NK_PULL_TEXT, NK_PULL_REQUIRED, .max = 10 },
  [NK_CHECKUP_VISIT_INSTITUTION] = { "institution", NK_PULL_TEXT, NK_PULL_REQUIRED, .max = 100 },
  [NK_CHECKUP_VISIT_NOTE] = { "note", NK_PULL_TEXT, NK_PULL_OPTIONAL, .max = 200 },
};

static JsonNode *
room_ids (NkPullItem *item)
{
  return json_object_get_member (json_node_get_object (item->node), "room_ids");
}

char *
nk_checkup_visit_check (NkPullItem *item, const char **field)
{
  JsonNode *rooms = room_ids (item);
  g_autoptr (GHashTable) seen = NULL;
  JsonArray *array;
  guint n;

  if (!nk_check_date (nk_pull_item_text (item, NK_CHECKUP_VISIT_DATE), NULL))
    {
      *field = "date";
      return g_strdup (_("not a real date YYYY-MM-DD"));
    }
  *field = "room_ids";
  if (rooms != NULL && JSON_NODE_HOLDS_VALUE (rooms) && json_node_get_value_type (rooms) == G_TYPE_STRING
      && g_strcmp0 (json_node_get_string (rooms), "all") == 0)
    return NULL;
  if (rooms == NULL || !JSON_NODE_HOLDS_ARRAY (rooms))
    return g_strdup (_("not \"all\" nor a list of room ids"));
  array = json_node_get_array (rooms);
  n = json_array_get_length (array);
  if (n < 1 || n > NK_CHECKUP_VISIT_MAX_ROOMS)
    return g_strdup_printf (_("a list of 1 to %d room ids is needed"), NK_CHECKUP_VISIT_MAX_ROOMS);
  seen = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *e = json_array_get_element (array, i);
      const char *id;

      if (!JSON_NODE_HOLDS_VALUE (e) || json_node_get_value_type (e) != G_TYPE_STRING
          || !nk_check_is_id (id = json_node_get_string (e)))
        return g_strdup_printf (_("element %u is not a room id"), i);
      if (!g_hash_table_add (seen, (gpointer) id))
        return g_strdup_printf (_("room %s is named twice"), id);
    }
  *field = NULL;
  return NULL;
}

gboolean
nk_checkup_visit_apply (NkStore    *store,
                        NkPullItem *item,
                        GError    **error)
{
  const char *id = nk_pull_item_text (item, NK_CHECKUP_VISIT_ID);
  JsonNode *rooms = room_ids (item);
  gboolean all = !JSON_NODE_HOLDS_ARRAY (rooms);   /* checked: "all" otherwise */

  if (!all)
    {
      JsonArray *array = json_node_get_array (rooms);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          const char *room = json_array_get_string_element (array, i);
          gboolean found = FALSE;

          if (!nk_store_exists (store, &found, "SELECT 1 FROM rooms WHERE id = ?1", WHAT, error,
                                NK_TEXT ("?1", room), NK_END))
            return FALSE;
          if (!found)
            {
              g_set_error (error, NK_PULL_ERROR, NK_PULL_ERROR_REFUSED,
                           _("room %s is not a room of this centre"), room);
              return FALSE;
            }
        }
    }
  if (!nk_store_run (store,
                     "INSERT INTO checkup_visits (id, visit_date, institution, note, all_rooms) "
                     "VALUES (:id, :date, :institution, :note, :all) "
                     "ON CONFLICT (id) DO UPDATE SET visit_date = :date, institution = :institution, "
                     "note = :note, all_rooms = :all",
                     WHAT, error, NK_TEXT (":id", id),
                     NK_TEXT (":date", nk_pull_item_text (item, NK_CHECKUP_VISIT_DATE)),
                     NK_TEXT (":institution", nk_pull_item_text (item, NK_CHECKUP_VISIT_INSTITUTION)),
                     NK_TEXT (":note", nk_pull_item_text (item, NK_CHECKUP_VISIT_NOTE)),
                     NK_BOOL (":all", all), NK_END)
      || !nk_store_run (store, "DELETE FROM checkup_visit_rooms WHERE visit_id = ?1", WHAT, error,
                        NK_TEXT ("?1", id), NK_END))
    return FALSE;
  for (guint i = 0; !all && i < json_array_get_length (json_node_get_array (rooms)); i++)
    if (!nk_store_run (store, "INSERT INTO checkup_visit_rooms (visit_id, room_id) VALUES (?1, ?2)",
                       WHAT, error, NK_TEXT ("?1", id),
                       NK_TEXT ("?2", json_array_get_string_element (json_node_get_array (rooms), i)),
                       NK_END))
      return FALSE;
  return TRUE;
}

gboolean
nk_checkup_visit_remove (NkStore    *store,
                         NkPullItem *item,
                         GError    **error)
{
  const char *id = nk_pull_item_text (item, NK_CHECKUP_VISIT_ID);

  return nk_store_run (store, "DELETE FROM checkup_visit_rooms WHERE visit_id = ?1", WHAT, error,
                       NK_TEXT ("?1", id), NK_END)
         && nk_store_run (store, "DELETE FROM checkup_visits WHERE id = ?1", WHAT, error,
                          NK_TEXT ("?1", id), NK_END);
}
