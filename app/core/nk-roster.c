/* nk-roster.c — writes to the roster tables (rooms, children, guardians,
 * staff, cards, authorised pickups). */
#define G_LOG_DOMAIN "nk-core"

#include "config.h"

#include <glib/gi18n.h>

#include "nk-migrations.h"
#include "nk-menu-allergy.h"
#include "nk-roster.h"
#include "nk-store-private.h"
#include "nk-uid.h"

static const char *holder_kinds[] = { "child", "guardian", "staff" };

static const char *const roster_steps[] = {
  /* 1 */
  "CREATE TABLE rooms ("
  "  id TEXT PRIMARY KEY,"
  "  name TEXT NOT NULL,"
  "  kind TEXT NOT NULL CHECK (kind IN ('infant', 'toddler', 'senior')),"
  "  places INTEGER NOT NULL CHECK (places > 0));"
  "CREATE TABLE children ("
  "  id TEXT PRIMARY KEY,"
  "  name TEXT NOT NULL,"
  "  date_of_birth TEXT NOT NULL,"
  "  room_id TEXT REFERENCES rooms (id),"
  "  allergies TEXT NOT NULL DEFAULT '',"
  "  photo TEXT,"
  "  active INTEGER NOT NULL DEFAULT 1);"
  "CREATE INDEX children_room ON children (room_id);"
  "CREATE TABLE guardians ("
  "  id TEXT PRIMARY KEY,"
  "  name TEXT NOT NULL,"
  "  phone TEXT,"
  "  relation TEXT NOT NULL DEFAULT '');"
  "CREATE UNIQUE INDEX guardians_phone ON guardians (phone) WHERE phone IS NOT NULL;"
  "CREATE TABLE guardian_children ("
  "  guardian_id TEXT NOT NULL REFERENCES guardians (id) ON DELETE CASCADE,"
  "  child_id TEXT NOT NULL REFERENCES children (id) ON DELETE CASCADE,"
  "  can_pickup INTEGER NOT NULL DEFAULT 1,"
  "  PRIMARY KEY (guardian_id, child_id));"
  "CREATE INDEX guardian_children_child ON guardian_children (child_id);"
  "CREATE TABLE staff ("
  "  id TEXT PRIMARY KEY,"
  "  name TEXT NOT NULL,"
  "  role TEXT NOT NULL CHECK (role IN ('caregiver', 'director', 'health')),"
  "  certificate TEXT,"
  "  room_id TEXT REFERENCES rooms (id),"
  "  active INTEGER NOT NULL DEFAULT 1);"
  "CREATE TABLE cards ("
  "  uid TEXT PRIMARY KEY,"
  "  holder_kind TEXT NOT NULL CHECK (holder_kind IN ('child', 'guardian', 'staff')),"
  "  holder_id TEXT NOT NULL,"
  "  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'lost')));"
  "CREATE INDEX cards_holder ON cards (holder_kind, holder_id);",
};

NK_MIGRATION_LIST (nk_roster_migrations, "roster", roster_steps, 1);

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
  if (!require (id, _("room id"), error) || !require (name, _("room name"), error))
    return FALSE;
  if (places == 0)
    {
      g_set_error (error, NK_STORE_ERROR, NK_STORE_ERROR_INVALID,
                   _("Room %s must have at least one place"), name);
      return FALSE;
    }
  return nk_store_run (store,
              "INSERT INTO rooms (id, name, kind, places) VALUES (:id, :name, :kind, :places) "
              "ON CONFLICT (id) DO UPDATE SET name = :name, kind = :kind, places = :places",
              _("Cannot save a room"), error, NK_TEXT (":id", id), NK_TEXT (":name", name),
              NK_TEXT (":kind", nk_room_kind_to_string (kind)), NK_INT (":places", places), NK_END);
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
              "VALUES (:id, :name, :dob, :room_id, coalesce(:allergies, ''), :photo) "
              "ON CONFLICT (id) DO UPDATE SET name = :name, date_of_birth = :dob, room_id = :room_id, "
              "allergies = coalesce(:allergies, ''), photo = :photo, active = 1",
              _("Cannot save a child"), error, NK_TEXT (":id", id), NK_TEXT (":name", name),
              NK_TEXT (":dob", date_of_birth), NK_TEXT (":room_id", room_id),
              NK_TEXT (":allergies", allergies), NK_TEXT (":photo", photo), NK_END)
         && nk_allergy_put_child (store, id, allergies, FALSE, 0, NULL, error);
}

gboolean
nk_roster_put_guardian (NkStore *store, const char *id, const char *name, const char *phone,
                        const char *relation, GError **error)
{
  if (!require (id, _("guardian id"), error) || !require (name, _("guardian's name"), error))
    return FALSE;
  return nk_store_run (store,
              "INSERT INTO guardians (id, name, phone, relation) "
              "VALUES (:id, :name, :phone, coalesce(:relation, '')) "
              "ON CONFLICT (id) DO UPDATE SET name = :name, phone = :phone, "
              "relation = coalesce(:relation, '')",
              _("Cannot save a guardian"), error, NK_TEXT (":id", id), NK_TEXT (":name", name),
              NK_TEXT (":phone", phone), NK_TEXT (":relation", relation), NK_END);
}

char *
nk_roster_find_guardian_by_phone (NkStore *store, const char *phone)
{
  sqlite3_stmt *row = NULL;
  char *id = NULL;

  if (phone != NULL
      && nk_store_query_row (store, &row, "SELECT id FROM guardians WHERE phone = ?1",
                             _("Cannot read the roster"), NULL, NK_TEXT ("?1", phone), NK_END)
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
              "VALUES (?1, ?2, ?3) "
              "ON CONFLICT (guardian_id, child_id) DO UPDATE SET can_pickup = ?3",
              _("Cannot link a guardian to a child"), error, NK_TEXT ("?1", guardian_id),
              NK_TEXT ("?2", child_id), NK_BOOL ("?3", can_pickup), NK_END);
}

gboolean
nk_roster_put_staff (NkStore *store, const char *id, const char *name, NkStaffRole role,
                     const char *certificate, const char *room_id, GError **error)
{
  if (!require (id, _("staff id"), error) || !require (name, _("staff name"), error))
    return FALSE;
  return nk_store_run (store,
              "INSERT INTO staff (id, name, role, certificate, room_id) "
              "VALUES (:id, :name, :role, :certificate, :room_id) "
              "ON CONFLICT (id) DO UPDATE SET name = :name, role = :role, "
              "certificate = :certificate, room_id = :room_id, active = 1",
              _("Cannot save a member of staff"), error, NK_TEXT (":id", id),
              NK_TEXT (":name", name), NK_TEXT (":role", nk_staff_role_to_string (role)),
              NK_TEXT (":certificate", certificate), NK_TEXT (":room_id", room_id), NK_END);
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
              _("Cannot save a card"), error, NK_TEXT ("?1", uid),
              NK_TEXT ("?2", holder_kinds[holder]), NK_TEXT ("?3", holder_id), NK_END);
}

gboolean
nk_roster_set_card_lost (NkStore *store, const char *uid, gboolean lost, GError **error)
{
  if (!nk_store_run (store, "UPDATE cards SET status = ?2 WHERE uid = ?1", _("Cannot update a card"), error,
                     NK_TEXT ("?1", uid), NK_TEXT ("?2", lost ? "lost" : "active"), NK_END))
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
  if (!nk_store_run (store, "UPDATE children SET active = ?2 WHERE id = ?1",
                     _("Cannot update a child"), error, NK_TEXT ("?1", child_id),
                     NK_BOOL ("?2", active), NK_END))
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

gboolean
nk_roster_check_director (NkStore    *store,
                          const char *staff_id,
                          GQuark      domain,
                          int         code,
                          const char *refusal,
                          GError    **error)
{
  gboolean found = FALSE;

  g_return_val_if_fail (NK_IS_STORE (store) && refusal != NULL, FALSE);

  if (staff_id != NULL
      && !nk_store_exists (store, &found, "SELECT 1 FROM staff WHERE id = :id AND role = 'director' AND active",
                           _("Cannot read the roster"), error, NK_TEXT (":id", staff_id), NK_END))
    return FALSE;
  if (!found)
    g_set_error_literal (error, domain, code, refusal);
  return found;
}
