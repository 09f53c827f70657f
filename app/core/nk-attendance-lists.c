/* nk-attendance-lists.c — today per room, and the stays closed as "not checked out", for
 * staff mode and the director.
 * Part of NkAttendance (nk-attendance.c has the rules). */
#define G_LOG_DOMAIN "nk-core"

#include "config.h"

#include <glib/gi18n.h>

#include "nk-attendance-private.h"

GPtrArray *
nk_attendance_list_open_stays (NkAttendance *self, guint days, GError **error)
{
  gint64 at_us = nk_centre_now (self->centre) - (gint64) days * 24 * 3600 * G_USEC_PER_SEC;
  g_autofree char *since = nk_centre_local_date (self->centre, at_us);
  g_autoptr (GPtrArray) stays = g_ptr_array_new_with_free_func ((GDestroyNotify) nk_open_stay_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = nk_store_prepare (self->store,
                           "SELECT a.child_id, c.name, r.name, a.local_date, "
                           "  (SELECT max(i.at_us) FROM attendance i WHERE i.child_id = a.child_id "
                           "   AND i.local_date = a.local_date AND i.kind = 'in') "
                           "FROM attendance a JOIN children c ON c.id = a.child_id "
                           /* the room the child was in that day */
                           "LEFT JOIN rooms r ON r.id = coalesce (a.room_id, c.room_id) "
                           "WHERE a.local_date >= :since AND a.kind = 'not_out' "
                           /* another door may have checked the child out, its
                            * record relayed after this one closed the stay */
                           "  AND coalesce ((SELECT o.kind FROM attendance o "
                           "    WHERE o.child_id = a.child_id AND o.local_date = a.local_date "
                           "    AND o.kind IN ('in', 'out') ORDER BY o.order_us DESC, o.id DESC LIMIT 1), "
                           "    'in') = 'in' "
                           /* two doors may both have closed it */
                           "GROUP BY a.child_id, a.local_date "
                           "ORDER BY a.local_date DESC, c.name",
                           error);
  if (stmt == NULL || !nk_store_bind (self->store, stmt, error, NK_TEXT (":since", since), NK_END))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      NkOpenStay *stay = g_new0 (NkOpenStay, 1);

      stay->child_id = nk_column_dup (stmt, 0);
      stay->name = nk_column_dup (stmt, 1);
      stay->room_name = nk_column_dup (stmt, 2);
      stay->date = nk_column_dup (stmt, 3);
      stay->checked_in_us = sqlite3_column_int64 (stmt, 4);
      g_ptr_array_add (stays, stay);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      nk_store_set_error (self->store, error, _("Cannot read attendance"));
      return NULL;
    }
  return g_steal_pointer (&stays);
}

/* ---------------------------------------------------------------- rooms today */

typedef struct {
  char  *kind;
  gint64 at_us;
} LastToday;

static void
last_today_free (LastToday *last)
{
  g_free (last->kind);
  g_free (last);
}

GPtrArray *
nk_attendance_list_rooms (NkAttendance *self, GError **error)
{
  g_autofree char *today = nk_centre_today (self->centre);
  g_autoptr (GPtrArray) rooms = g_ptr_array_new_with_free_func ((GDestroyNotify) nk_room_summary_free);
  g_autoptr (GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) last_today = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                             (GDestroyNotify) last_today_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = nk_store_prepare (self->store,
                           "SELECT r.id, r.name, r.kind, r.places, "
                           "  (SELECT count(*) FROM staff s WHERE s.room_id = r.id AND s.active AND "
                           "   (SELECT kind = 'in' FROM staff_clock k WHERE k.staff_id = s.id "
                           "    AND k.local_date = ?1 ORDER BY k.order_us DESC, k.id DESC LIMIT 1)), "
                           "  (SELECT count(*) FROM staff s WHERE s.room_id = r.id AND s.active) "
                           "FROM rooms r ORDER BY "
                           "  CASE r.kind WHEN 'infant' THEN 0 WHEN 'toddler' THEN 1 ELSE 2 END, r.name",
                           error);
  if (stmt == NULL || !nk_store_bind (self->store, stmt, error, NK_TEXT ("?1", today), NK_END))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      NkRoomSummary *room = g_new0 (NkRoomSummary, 1);

      room->room_id = nk_column_dup (stmt, 0);
      room->name = nk_column_dup (stmt, 1);
      nk_room_kind_from_string ((const char *) sqlite3_column_text (stmt, 2), &room->kind);
      room->places = (guint) sqlite3_column_int (stmt, 3);
      room->staff_present = (guint) sqlite3_column_int (stmt, 4);
      room->staff_assigned = (guint) sqlite3_column_int (stmt, 5);
      room->children = g_ptr_array_new_with_free_func ((GDestroyNotify) nk_room_child_free);
      g_ptr_array_add (rooms, room);
      g_hash_table_insert (by_id, room->room_id, room);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    goto fail;

  /* Each child's last event of today (by order time, then id): one pass
   * over today's rows (attendance_date), not one look-up per child, which
   * cost four times as much over a year of 2,000 children. */
  stmt = nk_store_prepare (self->store,
                           "SELECT child_id, kind, at_us FROM attendance WHERE local_date = ?1 "
                           "ORDER BY child_id, order_us, id",
                           error);
  if (stmt == NULL || !nk_store_bind (self->store, stmt, error, NK_TEXT ("?1", today), NK_END))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LastToday *last = g_new0 (LastToday, 1);

      last->kind = nk_column_dup (stmt, 1);
      last->at_us = sqlite3_column_int64 (stmt, 2);
      g_hash_table_replace (last_today, nk_column_dup (stmt, 0), last);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    goto fail;

  stmt = nk_store_prepare (self->store, "SELECT id, name, room_id FROM children WHERE active ORDER BY name",
                           error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      NkRoomSummary *room = g_hash_table_lookup (by_id, (const char *) sqlite3_column_text (stmt, 2));
      const LastToday *last = g_hash_table_lookup (last_today, (const char *) sqlite3_column_text (stmt, 0));
      const char *kind = last != NULL ? last->kind : NULL;
      NkRoomChild *child;

      if (room == NULL)
        continue;
      child = g_new0 (NkRoomChild, 1);
      child->child_id = nk_column_dup (stmt, 0);
      child->name = nk_column_dup (stmt, 1);
      child->initials = nk_initials (child->name);
      child->present = g_strcmp0 (kind, "in") == 0;
      child->checked_out = g_strcmp0 (kind, "out") == 0;
      child->since_us = last != NULL ? last->at_us : 0;
      room->enrolled++;
      room->present += child->present;
      g_ptr_array_add (room->children, child);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    goto fail;
  return g_steal_pointer (&rooms);

fail:
  nk_store_set_error (self->store, error, _("Cannot read today's attendance"));
  return NULL;
}
