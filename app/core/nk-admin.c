/* nk-admin.c — card and status operations of the command-line tool. */
#define G_LOG_DOMAIN "nk-admin"

#include "config.h"

#include <glib/gi18n.h>

#include "nk-admin.h"
#include "nk-roster.h"
#include "nk-store-private.h"
#include "nk-uid.h"

static gboolean
count (NkStore *store, const char *sql, gint64 *out, GError **error)
{
  sqlite3_stmt *stmt = nk_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  *out = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      nk_store_set_error (store, error, _("Cannot read the database"));
      return FALSE;
    }
  return TRUE;
}

gboolean
nk_admin_get_status (NkStore *store, NkAdminStatus *status, GError **error)
{
  g_return_val_if_fail (NK_IS_STORE (store), FALSE);
  g_return_val_if_fail (status != NULL, FALSE);

  return count (store, "SELECT count(*) FROM rooms", &status->rooms, error)
         && count (store, "SELECT count(*) FROM children WHERE active", &status->children, error)
         && count (store, "SELECT count(*) FROM children WHERE NOT active",
                   &status->children_left, error)
         && count (store, "SELECT count(*) FROM guardians", &status->guardians, error)
         && count (store, "SELECT count(*) FROM staff WHERE active", &status->staff, error)
         && count (store, "SELECT count(*) FROM cards WHERE status = 'active'",
                   &status->cards_active, error)
         && count (store, "SELECT count(*) FROM cards WHERE status = 'lost'",
                   &status->cards_lost, error)
         && count (store, "SELECT count(*) FROM attendance", &status->attendance_events, error)
         && count (store, "SELECT count(*) FROM outbox WHERE state != 'sent'",
                   &status->pending_outbox, error)
         && count (store, "SELECT coalesce(min(at_us), 0) FROM outbox WHERE state != 'sent'",
                   &status->oldest_pending_us, error)
         && count (store, "SELECT coalesce(max(at_us), 0) FROM attendance",
                   &status->last_event_us, error);
}

static const char *
holder_table (NkHolderKind holder)
{
  switch (holder)
    {
    case NK_HOLDER_CHILD:
      return "SELECT count(*) FROM children WHERE id = ?1";
    case NK_HOLDER_GUARDIAN:
      return "SELECT count(*) FROM guardians WHERE id = ?1";
    case NK_HOLDER_STAFF:
      return "SELECT count(*) FROM staff WHERE id = ?1";
    default:
      g_return_val_if_reached (NULL);
    }
}

static const char *
holder_words (NkHolderKind holder)
{
  switch (holder)
    {
    case NK_HOLDER_CHILD:
      return _("child");
    case NK_HOLDER_GUARDIAN:
      return _("guardian");
    case NK_HOLDER_STAFF:
      return _("staff member");
    default:
      g_return_val_if_reached ("?");
    }
}

static gboolean
holder_exists (NkStore *store, NkHolderKind holder, const char *id, gboolean *exists,
               GError **error)
{
  sqlite3_stmt *stmt = nk_store_prepare (store, holder_table (holder), error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  *exists = rc == SQLITE_ROW && sqlite3_column_int64 (stmt, 0) > 0;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      nk_store_set_error (store, error, _("Cannot read the database"));
      return FALSE;
    }
  return TRUE;
}

/* "child 123 (active)" words for a card's holder, or NULL for a new card. */
static gboolean
card_holder (NkStore *store, const char *uid, char **words, GError **error)
{
  sqlite3_stmt *stmt = nk_store_prepare (store,
      "SELECT holder_kind, holder_id, status FROM cards WHERE uid = ?1", error);
  int rc;

  *words = NULL;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uid, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      const char *kind = (const char *) sqlite3_column_text (stmt, 0);
      const char *id = (const char *) sqlite3_column_text (stmt, 1);
      const char *state = (const char *) sqlite3_column_text (stmt, 2);
      const char *label = g_strcmp0 (kind, "child") == 0 ? holder_words (NK_HOLDER_CHILD)
                          : g_strcmp0 (kind, "guardian") == 0 ? holder_words (NK_HOLDER_GUARDIAN)
                          : holder_words (NK_HOLDER_STAFF);

      if (g_strcmp0 (state, "lost") == 0)
        /* TRANSLATORS: "child 123, reported lost" */
        *words = g_strdup_printf (_("%s %s, reported lost"), label, id);
      else
        *words = g_strdup_printf ("%s %s", label, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      nk_store_set_error (store, error, _("Cannot read the database"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
add_card_locked (NkStore *store, const char *uid, NkHolderKind holder, const char *holder_id,
                 char **previous, GError **error)
{
  g_autofree char *detail = NULL;
  gboolean exists = FALSE;

  if (!holder_exists (store, holder, holder_id, &exists, error))
    return FALSE;
  if (!exists)
    {
      g_set_error (error, NK_STORE_ERROR, NK_STORE_ERROR_NOT_FOUND,
                   /* TRANSLATORS: "There is no child with the id 123" */
                   _("There is no %s with the id %s"), holder_words (holder), holder_id);
      return FALSE;
    }

  if (!card_holder (store, uid, previous, error))
    return FALSE;

  if (!nk_roster_put_card (store, uid, holder, holder_id, error))
    return FALSE;

  detail = g_strdup_printf ("%s %s", holder == NK_HOLDER_CHILD ? "child"
                                     : holder == NK_HOLDER_GUARDIAN ? "guardian" : "staff",
                            holder_id);
  return nk_store_audit (store, g_get_real_time (), "card-added", uid, detail, error);
}

gboolean
nk_admin_add_card (NkStore     *store,
                   const char  *uid,
                   NkHolderKind holder,
                   const char  *holder_id,
                   char       **previous,
                   GError     **error)
{
  g_autofree char *before = NULL;

  g_return_val_if_fail (NK_IS_STORE (store), FALSE);
  g_return_val_if_fail (holder_id != NULL, FALSE);

  if (previous != NULL)
    *previous = NULL;

  if (!nk_uid_is_valid (uid))
    {
      g_set_error (error, NK_STORE_ERROR, NK_STORE_ERROR_INVALID,
                   _("“%s” is not a card UID (8, 14 or 20 hexadecimal digits)"), uid ? uid : "");
      return FALSE;
    }

  if (!nk_store_begin (store, error))
    return FALSE;
  if (!add_card_locked (store, uid, holder, holder_id, &before, error))
    {
      nk_store_rollback (store);
      return FALSE;
    }
  if (!nk_store_commit (store, error))
    return FALSE;

  nk_store_emit_changed (store, "roster", NULL);
  if (previous != NULL)
    *previous = g_steal_pointer (&before);
  return TRUE;
}

gboolean
nk_admin_report_lost (NkStore *store, const char *uid, GError **error)
{
  g_return_val_if_fail (NK_IS_STORE (store), FALSE);

  if (!nk_store_begin (store, error))
    return FALSE;
  if (!nk_roster_set_card_lost (store, uid, TRUE, error)
      || !nk_store_audit (store, g_get_real_time (), "card-lost", uid, NULL, error))
    {
      nk_store_rollback (store);
      return FALSE;
    }
  if (!nk_store_commit (store, error))
    return FALSE;

  nk_store_emit_changed (store, "roster", NULL);
  return TRUE;
}
