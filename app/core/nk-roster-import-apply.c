/* nk-roster-import-apply.c — the roster import against the database:
 * cards already held by someone else, and the one transaction that writes
 * a validated file. */
#define G_LOG_DOMAIN "nk-roster-import"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "nk-roster.h"
#include "nk-roster-import-private.h"
#include "nk-store-private.h"

/* ---- store look-ups ---------------------------------------------------- */

typedef struct {
  char       *id;
  NkRoomKind  kind;
  guint       places;
} ExistingRoom;

static gboolean
store_find_room (NkStore *store, const char *name, ExistingRoom *out, GError **error)
{
  sqlite3_stmt *stmt = nk_store_prepare (store,
      "SELECT id, kind, places FROM rooms WHERE name = ?1 ORDER BY id LIMIT 1", error);
  int rc;

  out->id = NULL;
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      const char *kind = (const char *) sqlite3_column_text (stmt, 1);
      out->id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      if (!nk_room_kind_from_string (kind, &out->kind))
        out->kind = NK_ROOM_TODDLER;
      out->places = (guint) sqlite3_column_int (stmt, 2);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      nk_store_set_error (store, error, _("Could not look up a room"));
      return FALSE;
    }
  return TRUE;
}

/* The holder of a card already in the store, if any. */
static gboolean
store_find_card (NkStore *store, const char *uid, gboolean *found,
                 NkHolderKind *holder, char **holder_id, GError **error)
{
  sqlite3_stmt *stmt = nk_store_prepare (store,
      "SELECT holder_kind, holder_id FROM cards WHERE uid = ?1", error);
  int rc;

  *found = FALSE;
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, uid, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      const char *kind = (const char *) sqlite3_column_text (stmt, 0);
      *found = TRUE;
      if (g_strcmp0 (kind, "child") == 0)
        *holder = NK_HOLDER_CHILD;
      else if (g_strcmp0 (kind, "guardian") == 0)
        *holder = NK_HOLDER_GUARDIAN;
      else
        *holder = NK_HOLDER_STAFF;
      *holder_id = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      nk_store_set_error (store, error, _("Could not look up a card"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
store_find_photo (NkStore *store, const char *child_id, char **photo, GError **error)
{
  sqlite3_stmt *stmt = nk_store_prepare (store, "SELECT photo FROM children WHERE id = ?1", error);
  int rc;

  *photo = NULL;
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, child_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    *photo = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      nk_store_set_error (store, error, _("Could not look up a child"));
      return FALSE;
    }
  return TRUE;
}

/* Cards already held in the store by someone this file does not name. */
void
nk_roster_import_check_store (NkRosterImport *self, NkStore *store)
{
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < self->guardian_list->len; i++)
    {
      GuardianPlan *guardian = g_ptr_array_index (self->guardian_list, i);
      guardian->existing_id = nk_roster_find_guardian_by_phone (store, guardian->phone);
    }

  for (guint i = 0; i < self->card_list->len; i++)
    {
      CardPlan *card = g_ptr_array_index (self->card_list, i);
      g_autofree char *holder_id = NULL;
      NkHolderKind holder = NK_HOLDER_CHILD;
      gboolean found = FALSE;
      gboolean same;

      if (!store_find_card (store, card->uid, &found, &holder, &holder_id, &error))
        {
          nk_roster_import_add_problem (self, card->line, "%s", error->message);
          return;
        }
      if (!found)
        continue;

      if (holder != card->holder)
        same = FALSE;
      else if (holder == NK_HOLDER_CHILD)
        same = g_strcmp0 (holder_id, card->key) == 0;
      else
        {
          GuardianPlan *guardian = g_hash_table_lookup (self->guardians, card->key);
          same = guardian != NULL && g_strcmp0 (guardian->existing_id, holder_id) == 0;
        }

      if (!same)
        nk_roster_import_add_problem (self, card->line,
                     _("%s %s already belongs to a %s (%s) in the database; "
                       "report it lost or move it with add-card first"),
                     card->column, card->uid, nk_roster_import_holder_label (holder), holder_id);
    }
}

/* ---- writing ----------------------------------------------------------- */

static gboolean
apply_rooms (NkRosterImport *self, NkStore *store, GHashTable *room_ids, GError **error)
{
  for (guint i = 0; i < self->room_list->len; i++)
    {
      RoomPlan *room = g_ptr_array_index (self->room_list, i);
      ExistingRoom existing = { NULL, NK_ROOM_TODDLER, 0 };
      g_autofree char *id = NULL;
      NkRoomKind kind = room->kind;
      guint places = room->places;

      if (!store_find_room (store, room->name, &existing, error))
        return FALSE;
      id = existing.id;

      if (id != NULL)
        {
          /* A room already there keeps what the file does not say. */
          if (!room->kind_given && room->places == 0)
            {
              g_hash_table_insert (room_ids, room->name, g_steal_pointer (&id));
              continue;
            }
          if (!room->kind_given)
            kind = existing.kind;
          if (places == 0)
            places = MIN (existing.places, nk_roster_import_max_places (kind));
          if (places == 0)
            places = nk_roster_import_max_places (kind);
        }
      else
        {
          id = nk_uuid_new ();
          if (places == 0)
            places = nk_roster_import_max_places (kind);
        }

      if (!nk_roster_put_room (store, id, room->name, kind, places, error))
        return FALSE;
      g_hash_table_insert (room_ids, room->name, g_steal_pointer (&id));
    }
  return TRUE;
}

static gboolean
apply_all (NkRosterImport *self, NkStore *store, GError **error)
{
  g_autoptr(GHashTable) room_ids = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(GHashTable) guardian_ids = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autofree char *detail = NULL;

  if (!apply_rooms (self, store, room_ids, error))
    return FALSE;

  for (guint i = 0; i < self->child_list->len; i++)
    {
      ChildPlan *child = g_ptr_array_index (self->child_list, i);
      const char *room_id = g_hash_table_lookup (room_ids, child->room);
      g_autofree char *photo = NULL;

      /* The file has no photo column: a child already there keeps theirs. */
      if (!store_find_photo (store, child->id, &photo, error)
          || !nk_roster_put_child (store, child->id, child->name, child->date_of_birth,
                                   room_id, child->allergies, photo, error))
        return FALSE;
    }

  for (guint i = 0; i < self->guardian_list->len; i++)
    {
      GuardianPlan *guardian = g_ptr_array_index (self->guardian_list, i);
      char *id = nk_roster_find_guardian_by_phone (store, guardian->phone);

      if (id == NULL)
        id = nk_uuid_new ();
      g_hash_table_insert (guardian_ids, guardian->phone, id);
      if (!nk_roster_put_guardian (store, id, guardian->name, guardian->phone,
                                   guardian->relation, error))
        return FALSE;
    }

  for (guint i = 0; i < self->link_list->len; i++)
    {
      LinkPlan *link = g_ptr_array_index (self->link_list, i);

      if (!nk_roster_link (store, link->child_id, g_hash_table_lookup (guardian_ids, link->phone),
                           link->can_pickup, error))
        return FALSE;
    }

  for (guint i = 0; i < self->card_list->len; i++)
    {
      CardPlan *card = g_ptr_array_index (self->card_list, i);
      const char *holder_id = card->holder == NK_HOLDER_CHILD
                              ? card->key
                              : g_hash_table_lookup (guardian_ids, card->key);
      g_autofree char *stored_id = NULL;
      NkHolderKind stored_holder = NK_HOLDER_CHILD;
      gboolean found = FALSE;

      if (!store_find_card (store, card->uid, &found, &stored_holder, &stored_id, error))
        return FALSE;
      /* Already this holder's: left as it is, so a card reported lost
       * stays lost when the same roster is imported again. */
      if (found && stored_holder == card->holder && g_strcmp0 (stored_id, holder_id) == 0)
        continue;

      if (!nk_roster_put_card (store, card->uid, card->holder, holder_id, error))
        return FALSE;
    }

  detail = g_strdup_printf ("children=%u guardians=%u cards=%u rooms=%u",
                            self->child_list->len, self->guardian_list->len,
                            self->card_list->len, self->room_list->len);
  return nk_store_audit (store, g_get_real_time (), "roster-import", NULL, detail, error);
}

gboolean
nk_roster_import_apply (NkRosterImport  *self,
                        NkStore         *store,
                        NkImportCounts  *counts,
                        GError         **error)
{
  g_return_val_if_fail (NK_IS_ROSTER_IMPORT (self), FALSE);
  g_return_val_if_fail (NK_IS_STORE (store), FALSE);

  if (!self->validated || !self->ok)
    {
      g_set_error_literal (error, NK_STORE_ERROR, NK_STORE_ERROR_INVALID,
                           _("The roster file has problems; nothing was imported"));
      return FALSE;
    }

  if (!nk_store_begin (store, error))
    return FALSE;

  if (!apply_all (self, store, error))
    {
      nk_store_rollback (store);
      return FALSE;
    }

  if (!nk_store_commit (store, error))
    return FALSE;

  nk_store_emit_changed (store, "roster", NULL);

  if (counts != NULL)
    {
      counts->children = self->child_list->len;
      counts->guardians = self->guardian_list->len;
      counts->cards = self->card_list->len;
      counts->rooms = self->room_list->len;
    }
  return TRUE;
}
