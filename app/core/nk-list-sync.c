/* nk-list-sync.c — a GListStore brought in line with fresh rows, and the
 * midnight timer (nk-list-private.h). */
#define G_LOG_DOMAIN "nk-core"

#include "config.h"

#include "nk-list-private.h"

static const char *
key_at (GListStore *store, guint i, const NkListSyncClass *klass)
{
  g_autoptr (GObject) item = g_list_model_get_item (G_LIST_MODEL (store), i);

  /* the store keeps its own reference: the key outlives this one */
  return klass->item_key (item);
}

static void
remove_gone (GListStore *store, GHashTable *wanted, const NkListSyncClass *klass)
{
  guint i = g_list_model_get_n_items (G_LIST_MODEL (store));

  while (i > 0)
    {
      guint end = i;

      while (i > 0 && !g_hash_table_contains (wanted, key_at (store, i - 1, klass)))
        i--;
      if (i < end)
        g_list_store_splice (store, i, end - i, NULL, 0);
      else
        i--;
    }
}

static gint
find_from (GListStore *store, guint from, const char *key, const NkListSyncClass *klass)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (store));

  for (guint j = from; j < n; j++)
    if (g_strcmp0 (key_at (store, j, klass), key) == 0)
      return (gint) j;
  return -1;
}

void
nk_list_sync (GListStore *store, GPtrArray *rows, const NkListSyncClass *klass)
{
  g_autoptr (GHashTable) wanted = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) held = g_hash_table_new (g_str_hash, g_str_equal);
  guint n;

  for (guint r = 0; r < rows->len; r++)
    g_hash_table_add (wanted, (gpointer) klass->row_key (rows->pdata[r]));
  remove_gone (store, wanted, klass);

  n = g_list_model_get_n_items (G_LIST_MODEL (store));
  for (guint i = 0; i < n; i++)
    g_hash_table_add (held, (gpointer) key_at (store, i, klass));

  for (guint i = 0; i < rows->len;)
    {
      const char *key = klass->row_key (rows->pdata[i]);
      gint at;

      n = g_list_model_get_n_items (G_LIST_MODEL (store));
      if (i < n && g_strcmp0 (key_at (store, i, klass), key) == 0)
        {
          g_autoptr (GObject) item = g_list_model_get_item (G_LIST_MODEL (store), i);

          klass->update (item, rows->pdata[i]);
          i++;
          continue;
        }

      at = g_hash_table_contains (held, key) ? find_from (store, i + 1, key, klass) : -1;
      if (at >= 0)
        {
          /* moved (its sort key changed): the same object, at its new place */
          g_autoptr (GObject) item = g_list_model_get_item (G_LIST_MODEL (store), (guint) at);

          g_list_store_remove (store, (guint) at);
          g_list_store_insert (store, i, item);
          klass->update (item, rows->pdata[i]);
          i++;
          continue;
        }

      /* a run of rows new to the store goes in as one change */
      {
        g_autoptr (GPtrArray) fresh = g_ptr_array_new_with_free_func (g_object_unref);
        guint first = i;

        do
          g_ptr_array_add (fresh, klass->create (rows->pdata[i++]));
        while (i < rows->len && !g_hash_table_contains (held, klass->row_key (rows->pdata[i])));
        g_list_store_splice (store, first, 0, fresh->pdata, fresh->len);
      }
    }

  /* what is left past the rows: repeated keys the rows no longer have */
  n = g_list_model_get_n_items (G_LIST_MODEL (store));
  if (n > rows->len)
    g_list_store_splice (store, rows->len, n - rows->len, NULL, 0);
}

guint
nk_list_watch_midnight (NkCentre *centre, GSourceFunc func, gpointer data)
{
  gint64 now = nk_centre_now (centre);
  g_autoptr (GDateTime) utc = g_date_time_new_from_unix_utc (now / G_USEC_PER_SEC);
  g_autoptr (GDateTime) local = g_date_time_to_timezone (utc, nk_centre_get_timezone (centre));
  g_autoptr (GDateTime) start = g_date_time_new (nk_centre_get_timezone (centre),
                                                 g_date_time_get_year (local),
                                                 g_date_time_get_month (local),
                                                 g_date_time_get_day_of_month (local), 0, 0, 0);
  g_autoptr (GDateTime) next = g_date_time_add_days (start, 1);
  gint64 until_us = g_date_time_to_unix (next) * G_USEC_PER_SEC - now;
  /* half a second after midnight, so "today" has surely turned */
  guint ms = (guint) CLAMP (until_us / 1000 + 500, 500, (gint64) 25 * 3600 * 1000);
  guint id = g_timeout_add_full (G_PRIORITY_DEFAULT, ms, func, data, NULL);

  g_source_set_name_by_id (id, "[nk] midnight");
  return id;
}
