/* nk-roster.c — writes to the roster tables (rooms, children, guardians,
 * staff, cards, authorised pickups). */
#define G_LOG_DOMAIN "nk-core"

#include "config.h"

#include <glib/gi18n.h>

#include "nk-roster.h"
#include "nk-store-private.h"
#include "nk-uid.h"

static const char *holder_kinds[] = { "child", "guardian", "staff" };

static gboolean
require (const char *value, const char *field, GError **error)
{
  if (value && *value)
    return TRUE;
  g_set_error (error, NK_STORE_ERROR, NK_STORE_ERROR_INVALID, _("The %s is missing"), field);
  return FALSE;
}

gboolean
nk_roster_put_room (NkStore *store, const char *id, const char *name, NkRoomKind kind,
                    guint places, GError **error)
{
  g_autofree char *places_text = g_strdup_printf ("%u", places);

  if (!require (id, _("room id"), error) || !require (name, _("room name"), error))
    return FALSE;
  if (places == 0)
    {
      g_set_error (error, NK_STORE_ERROR, NK_STORE_ERROR_INVALID,
                   _("Room %s must have at least one place"), name);
      return FALSE;
    }
  return nk_store_run (store,
              "INSERT INTO rooms (id, name, kind, places) VALUES (?1, ?2, ?3, CAST(?4 AS INTEGER)) "
              "ON CONFLICT (id) DO UPDATE SET name = ?2, kind = ?3, places = CAST(?4 AS INTEGER)",
              _("Cannot save a room"), error, 4, id, name, nk_room_kind_to_string (kind), places_text);
}

gboolean
nk_roster_put_child (NkStore *store, const char *id, const char *name, const char *date_of_birth,
                     const char *room_id, const char *allergies, const char *photo, GError **error)
{
  if (!require (id, _("child id"), error) || !require (name, _("child's name"), error)
      || !require (date_of_birth, _("date of birth"), error))
    return FALSE;
  return nk_store_run (store,
              "INSERT INTO children (id, name, date_of_birth, room_id, allergies, photo) "
              "VALUES (?1, ?2, ?3, ?4, coalesce(?5, ''), ?6) "
              "ON CONFLICT (id) DO UPDATE SET name = ?2, date_of_birth = ?3, room_id = ?4, "
              "allergies = coalesce(?5, ''), photo = ?6, active = 1",
              _("Cannot save a child"), error, 6, id, name, date_of_birth, room_id, allergies, photo);
}

gboolean
nk_roster_put_guardian (NkStore *store, const char *id, const char *name, const char *phone,
                        const char *relation, GError **error)
{
  if (!require (id, _("guardian id"), error) || !require (name, _("guardian's name"), error))
    return FALSE;
  return nk_store_run (store,
              "INSERT INTO guardians (id, name, phone, relation) VALUES (?1, ?2, ?3, coalesce(?4, '')) "
              "ON CONFLICT (id) DO UPDATE SET name = ?2, phone = ?3, relation = coalesce(?4, '')",
              _("Cannot save a guardian"), error, 4, id, name, phone, relation);
}

char *
nk_roster_find_guardian_by_phone (NkStore *store, const char *phone)
{
  sqlite3_stmt *row = NULL;
  char *id = NULL;

  if (phone != NULL
      && nk_store_query_row (store, &row, "SELECT id FROM guardians WHERE phone = ?",
                             _("Cannot read the roster"), NULL, 1, phone)
      && row != NULL)
    {
      id = g_strdup ((const char *) sqlite3_column_text (row, 0));
      sqlite3_reset (row);
    }
  return id;
}

gboolean
nk_roster_link (NkStore *store, const char *child_id, const char *guardian_id, gboolean can_pickup,
                GError **error)
{
  return nk_store_run (store,
              "INSERT INTO guardian_children (guardian_id, child_id, can_pickup) "
              "VALUES (?1, ?2, ?3 = '1') "
              "ON CONFLICT (guardian_id, child_id) DO UPDATE SET can_pickup = (?3 = '1')",
              _("Cannot link a guardian to a child"), error, 3, guardian_id, child_id,
              can_pickup ? "1" : "0");
}

gboolean
nk_roster_put_staff (NkStore *store, const char *id, const char *name, NkStaffRole role,
                     const char *certificate, const char *room_id, GError **error)
{
  if (!require (id, _("staff id"), error) || !require (name, _("staff name"), error))
    return FALSE;
  return nk_store_run (store,
              "INSERT INTO staff (id, name, role, certificate, room_id) VALUES (?1, ?2, ?3, ?4, ?5) "
              "ON CONFLICT (id) DO UPDATE SET name = ?2, role = ?3, certificate = ?4, "
              "room_id = ?5, active = 1",
              _("Cannot save a member of staff"), error, 5, id, name,
              nk_staff_role_to_string (role), certificate, room_id);
}

gboolean
nk_roster_put_card (NkStore *store, const char *uid, NkHolderKind holder, const char *holder_id,
                    GError **error)
{
  if (!nk_uid_is_valid (uid))
    {
      g_set_error (error, NK_STORE_ERROR, NK_STORE_ERROR_INVALID,
                   _("“%s” is not a card UID (8, 14 or 20 hexadecimal digits)"), uid ? uid : "");
      return FALSE;
    }
  if (!require (holder_id, _("card holder"), error))
    return FALSE;
  return nk_store_run (store,
              "INSERT INTO cards (uid, holder_kind, holder_id) VALUES (?1, ?2, ?3) "
              "ON CONFLICT (uid) DO UPDATE SET holder_kind = ?2, holder_id = ?3, status = 'active'",
              _("Cannot save a card"), error, 3, uid, holder_kinds[holder], holder_id);
}

gboolean
nk_roster_set_card_lost (NkStore *store, const char *uid, gboolean lost, GError **error)
{
  if (!nk_store_run (store, "UPDATE cards SET status = ?2 WHERE uid = ?1", _("Cannot update a card"), error,
            2, uid, lost ? "lost" : "active"))
    return FALSE;
  if (sqlite3_changes (nk_store_get_db (store)) == 0)
    {
      g_set_error (error, NK_STORE_ERROR, NK_STORE_ERROR_NOT_FOUND, _("No card %s"), uid);
      return FALSE;
    }
  return TRUE;
}

gboolean
nk_roster_set_child_active (NkStore *store, const char *child_id, gboolean active, GError **error)
{
  if (!nk_store_run (store, "UPDATE children SET active = ?2 = '1' WHERE id = ?1",
            _("Cannot update a child"), error, 2, child_id, active ? "1" : "0"))
    return FALSE;
  if (sqlite3_changes (nk_store_get_db (store)) == 0)
    {
      g_set_error (error, NK_STORE_ERROR, NK_STORE_ERROR_NOT_FOUND, _("No child %s"), child_id);
      return FALSE;
    }
  return TRUE;
}

gint64
nk_roster_count_children (NkStore *store)
{
  sqlite3_stmt *stmt = nk_store_prepare (store, "SELECT count(*) FROM children WHERE active", NULL);
  gint64 n = -1;

  if (stmt && sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  if (stmt)
    sqlite3_reset (stmt);
  return n;
}
