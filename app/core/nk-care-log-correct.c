/* nk-care-log-correct.c — a care log entry corrected or deleted: a new
 * event naming the one it corrects, the original row kept and marked
 * superseded (nk_kind_correct, nk_kind_delete). */
#define G_LOG_DOMAIN "nk-core"

#include "config.h"

#include <glib/gi18n.h>

#include "nk-care-log.h"
#include "nk-care-log-private.h"
#include "nk-store-private.h"

/* Commits rec when id (the row it added, owned by rec) is set; returns
 * a copy of id, or NULL with error, rec aborted. */
static char *
commit_with_id (NkRecord   *rec,
                const char *id,
                GError    **error)
{
  g_autofree char *copy = g_strdup (id);

  if (id == NULL)
    {
      nk_record_abort (rec);
      return NULL;
    }
  if (!nk_record_commit (rec, error))
    return NULL;
  return g_steal_pointer (&copy);
}

char *
nk_care_correct (NkStore           *store,
                 NkCentre          *centre,
                 const NkActor     *actor,
                 const char        *original_id,
                 const NkCareEntry *entry,
                 GError           **error)
{
  g_autoptr (NkCareRow) original = NULL;
  g_autoptr (NkRecord) rec = NULL;
  g_autoptr (JsonBuilder) payload = NULL;
  g_autofree char *room_id = NULL;
  sqlite3_stmt *row = NULL;
  g_autofree char *sql = NULL;
  const char *id;

  g_return_val_if_fail (entry != NULL && original_id != NULL, NULL);

  if (!nk_care_check (centre, entry, error))
    return NULL;
  original = nk_care_get (store, entry->what, original_id, error);
  if (original == NULL)
    return NULL;
  /* the room of the original moment, not the child's room of now */
  sql = g_strdup_printf ("SELECT room_id FROM %s WHERE id = :id", nk_care_kind (entry->what)->table);
  if (!nk_store_query_row (store, &row, sql, _("Cannot read the entry"), error,
                           NK_TEXT (":id", original_id), NK_END))
    return NULL;
  if (row != NULL)
    {
      room_id = nk_column_dup (row, 0);
      sqlite3_reset (row);
    }
  rec = nk_record_begin (store, centre, actor, error);
  if (rec == NULL)
    return NULL;
  payload = nk_care_entry_payload (entry, original->child_id, room_id,
                                   entry->at_us != 0 ? entry->at_us : original->entry.at_us);
  id = nk_kind_correct (rec, nk_care_kind (entry->what), original_id, payload, error);
  return commit_with_id (g_steal_pointer (&rec), id, error);
}

char *
nk_care_delete (NkStore       *store,
                NkCentre      *centre,
                const NkActor *actor,
                NkCareWhat     what,
                const char    *original_id,
                GError       **error)
{
  g_autoptr (NkRecord) rec = NULL;
  const char *id;

  g_return_val_if_fail (what < NK_CARE_N_WHAT && original_id != NULL, NULL);

  rec = nk_record_begin (store, centre, actor, error);
  if (rec == NULL)
    return NULL;
  id = nk_kind_delete (rec, nk_care_kind (what), original_id, error);
  return commit_with_id (g_steal_pointer (&rec), id, error);
}
