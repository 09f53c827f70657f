/* nk-report-health.c — the health figures of a month: the check-ups due
 * by its last day and whether they were done (nk-checkup.h has the
 * schedule), and the share of children with none left undone. */
#define G_LOG_DOMAIN "nk-report"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "nk-checkup.h"
#include "nk-report-private.h"

static void
checkup_free (gpointer data)
{
  NkReportCheckup *checkup = data;

  g_free (checkup->child_id);
  g_free (checkup->name);
  g_free (checkup->room_name);
  g_free (checkup->due_date);
  g_free (checkup->status);
  g_free (checkup->done_on);
  g_free (checkup);
}

static gboolean
read_room_names (NkStore *store, GHashTable *names, GError **error)
{
  sqlite3_stmt *stmt = nk_store_prepare (store, "SELECT id, name FROM rooms", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (names, nk_column_dup (stmt, 0), nk_column_dup (stmt, 1));
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  nk_store_set_error (store, error, _("Cannot read the roster"));
  return FALSE;
}

/* What the month's report lists: due in the month, overdue on its last
 * day, or done in the month. */
static gboolean
in_month (const NkCheckupItem *item, const NkReportMonth *month)
{
  switch (item->status)
    {
    case NK_CHECKUP_DUE:
    case NK_CHECKUP_OVERDUE:
      return TRUE;
    case NK_CHECKUP_DONE:
      return item->done_on != NULL && strcmp (item->done_on, month->first) >= 0
             && strcmp (item->done_on, month->last) <= 0;
    case NK_CHECKUP_UPCOMING:
    case NK_CHECKUP_MISSED:
    default:
      return FALSE;
    }
}

gboolean
nk_report_build_health (NkReport *report, NkStore *store, const char *today, GError **error)
{
  g_autoptr(GHashTable) rooms = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) children = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) open = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) items = NULL;

  report->checkups = g_ptr_array_new_with_free_func (checkup_free);
  if (!read_room_names (store, rooms, error))
    return FALSE;
  /* on the month's last day: what is due in the month, overdue then */
  items = nk_checkup_list (store, NULL, NULL, report->month.last, today, error);
  if (items == NULL)
    return FALSE;

  for (guint i = 0; i < items->len; i++)
    {
      NkCheckupItem *item = items->pdata[i];
      NkReportCheckup *checkup;
      const char *room;

      g_hash_table_add (children, item->child_id);
      if (item->status == NK_CHECKUP_DUE || item->status == NK_CHECKUP_OVERDUE)
        g_hash_table_add (open, item->child_id);
      if (!in_month (item, &report->month))
        continue;

      room = item->room_id != NULL ? g_hash_table_lookup (rooms, item->room_id) : NULL;
      checkup = g_new0 (NkReportCheckup, 1);
      checkup->child_id = g_strdup (item->child_id);
      checkup->name = g_strdup (item->child_name);
      checkup->room_name = g_strdup (room != NULL ? room : "");
      checkup->months = item->months;
      checkup->due_date = g_strdup (item->due_date);
      checkup->status = g_strdup (nk_checkup_status_to_string (item->status));
      checkup->done_on = g_strdup (item->done_on);
      g_ptr_array_add (report->checkups, checkup);
    }
  report->health_children = g_hash_table_size (children);
  report->health_covered = report->health_children - g_hash_table_size (open);
  return TRUE;
}
