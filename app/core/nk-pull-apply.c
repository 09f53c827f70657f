/* nk-pull-apply.c — applying a checked pull response of the platform.
 *
 * References are checked against the store inside the transaction, before
 * the first write; any error rolls the whole response back, the cursor
 * with it.  The response holds at most a few thousand records
 * (nk-pull.c), which bounds how long the write lock is held. */
#define G_LOG_DOMAIN "nk-core"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "nk-migrations.h"
#include "nk-pull-private.h"
#include "nk-roster.h"
#include "nk-store-private.h"

static const char *const pull_steps[] = {
  /* 1: sections the kiosk does not show yet are kept as received, and
   * records that fail their checks are quarantined with their reason.
   * The cursor is reset once, so that what earlier versions checked and
   * dropped (menus, check-ups, classroom sessions) is pulled again; the
   * roster sections pulled again are upserts and change nothing. */
  "CREATE TABLE pulled_records ("
  "  section TEXT NOT NULL,"
  "  id TEXT NOT NULL,"
  "  body TEXT NOT NULL,"
  "  received_us INTEGER NOT NULL,"
  "  PRIMARY KEY (section, id));"
  "CREATE TABLE pull_quarantine ("
  "  section TEXT NOT NULL,"
  "  id TEXT NOT NULL,"
  "  body TEXT NOT NULL,"
  "  reason TEXT NOT NULL,"
  "  received_us INTEGER NOT NULL,"
  "  PRIMARY KEY (section, id));"
  "DELETE FROM meta WHERE key = 'sync.cursor';",
};

NK_MIGRATION_LIST (nk_pull_migrations, "pull", pull_steps, 0);

static gboolean
exists (NkStore *store, const char *sql, const char *a, const char *b, GError **error,
        gboolean *out)
{
  sqlite3_stmt *stmt = nk_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, a, -1, SQLITE_STATIC);
  if (b)
    sqlite3_bind_text (stmt, 2, b, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  *out = rc == SQLITE_ROW && sqlite3_column_int64 (stmt, 0) > 0;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      nk_store_set_error (store, error, _("Cannot read the roster"));
      return FALSE;
    }
  return TRUE;
}

/* A reference is good when the response or the store holds the target. */
static gboolean
check_ref (NkStore *store, GHashTable *in_pull, const char *table_sql, const char *what,
           const char *id, const char *referrer, GError **error)
{
  gboolean found = FALSE;

  if (id == NULL || g_hash_table_contains (in_pull, id))
    return TRUE;
  if (!exists (store, table_sql, id, NULL, error, &found))
    return FALSE;
  if (!found)
    {
      g_set_error (error, NK_PULL_ERROR, NK_PULL_ERROR_REFERENCE, _("%s names %s %s, which does not exist"),
                   referrer, what, id);
      return FALSE;
    }
  return TRUE;
}

#define ROOM_SQL "SELECT count(*) FROM rooms WHERE id = ?"
#define CHILD_SQL "SELECT count(*) FROM children WHERE id = ?"
#define GUARDIAN_SQL "SELECT count(*) FROM guardians WHERE id = ?"
#define STAFF_SQL "SELECT count(*) FROM staff WHERE id = ?"

static gboolean
check_references (NkPull *pull, NkStore *store, GError **error)
{
  for (guint i = 0; i < pull->children->len; i++)
    {
      PullChild *c = &g_array_index (pull->children, PullChild, i);
      g_autofree char *who = g_strdup_printf ("children[%u] (id %s)", i, c->id);
      if (!check_ref (store, pull->room_ids, ROOM_SQL, "room", c->room_id, who, error))
        return FALSE;
    }
  for (guint i = 0; i < pull->staff->len; i++)
    {
      PullStaff *s = &g_array_index (pull->staff, PullStaff, i);
      g_autofree char *who = g_strdup_printf ("staff[%u] (id %s)", i, s->id);
      if (!check_ref (store, pull->room_ids, ROOM_SQL, "room", s->room_id, who, error))
        return FALSE;
    }
  for (guint i = 0; i < pull->pickups->len; i++)
    {
      PullPickup *p = &g_array_index (pull->pickups, PullPickup, i);
      g_autofree char *who = g_strdup_printf ("pickups[%u]", i);
      if (!check_ref (store, pull->child_ids, CHILD_SQL, "child", p->child_id, who, error)
          || !check_ref (store, pull->guardian_ids, GUARDIAN_SQL, "guardian", p->guardian_id, who, error))
        return FALSE;
    }
  for (guint i = 0; i < pull->cards->len; i++)
    {
      PullCard *c = &g_array_index (pull->cards, PullCard, i);
      g_autofree char *who = g_strdup_printf ("cards[%u] (uid %s)", i, c->uid);
      gboolean ok = FALSE;

      switch (c->holder)
        {
        case NK_HOLDER_CHILD:
          ok = check_ref (store, pull->child_ids, CHILD_SQL, "child", c->holder_id, who, error);
          break;
        case NK_HOLDER_GUARDIAN:
          ok = check_ref (store, pull->guardian_ids, GUARDIAN_SQL, "guardian", c->holder_id, who, error);
          break;
        case NK_HOLDER_STAFF:
          ok = check_ref (store, pull->staff_ids, STAFF_SQL, "staff member", c->holder_id, who, error);
          break;
        default:
          g_assert_not_reached ();
        }
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

/* Runs one write with up to two text parameters. */
static gboolean
write_sql (NkStore *store, const char *sql, const char *a, const char *b, GError **error)
{
  sqlite3_stmt *stmt = nk_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, a, -1, SQLITE_STATIC);
  if (b)
    sqlite3_bind_text (stmt, 2, b, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      nk_store_set_error (store, error, _("Cannot apply the platform's changes"));
      return FALSE;
    }
  return TRUE;
}

static char *
current_photo (NkStore *store, const char *child_id)
{
  sqlite3_stmt *stmt = nk_store_prepare (store, "SELECT photo FROM children WHERE id = ?", NULL);
  char *photo = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, child_id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) == SQLITE_TEXT)
    photo = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return photo;
}

static gboolean
apply_deletion (NkStore *store, PullDeletion *d, GError **error)
{
  gboolean in_use = FALSE;

  switch (d->kind)
    {
    case DEL_ROOM:
      if (!exists (store,
                   "SELECT (SELECT count(*) FROM children WHERE room_id = ?1 AND active) "
                   "     + (SELECT count(*) FROM staff WHERE room_id = ?1 AND active)",
                   d->id, NULL, error, &in_use))
        return FALSE;
      if (in_use)
        {
          g_set_error (error, NK_PULL_ERROR, NK_PULL_ERROR_REFERENCE,
                       _("deletions: room %s still has active children or staff"), d->id);
          return FALSE;
        }
      return write_sql (store, "UPDATE children SET room_id = NULL WHERE room_id = ?", d->id, NULL, error)
             && write_sql (store, "UPDATE staff SET room_id = NULL WHERE room_id = ?", d->id, NULL, error)
             && write_sql (store, "DELETE FROM rooms WHERE id = ?", d->id, NULL, error);
    case DEL_CHILD:
      return write_sql (store, "UPDATE children SET active = 0 WHERE id = ?", d->id, NULL, error);
    case DEL_STAFF:
      return write_sql (store, "UPDATE staff SET active = 0 WHERE id = ?", d->id, NULL, error);
    case DEL_GUARDIAN:
      return write_sql (store, "DELETE FROM cards WHERE holder_kind = 'guardian' AND holder_id = ?",
                        d->id, NULL, error)
             && write_sql (store, "DELETE FROM guardian_children WHERE guardian_id = ?", d->id, NULL, error)
             && write_sql (store, "DELETE FROM guardians WHERE id = ?", d->id, NULL, error);
    case DEL_CARD:
      return write_sql (store, "DELETE FROM cards WHERE uid = ?", d->id, NULL, error);
    case DEL_PICKUP:
      return write_sql (store, "DELETE FROM guardian_children WHERE child_id = ? AND guardian_id = ?",
                        d->child_id, d->guardian_id, error);
    default:
      g_assert_not_reached ();
    }
}

static gboolean
apply_all (NkPull *pull, NkStore *store, GError **error)
{
  for (guint i = 0; i < pull->rooms->len; i++)
    {
      PullRoom *r = &g_array_index (pull->rooms, PullRoom, i);
      if (!nk_roster_put_room (store, r->id, r->name, r->kind, r->places, error))
        return FALSE;
    }
  for (guint i = 0; i < pull->staff->len; i++)
    {
      PullStaff *s = &g_array_index (pull->staff, PullStaff, i);
      if (!nk_roster_put_staff (store, s->id, s->name, s->role, s->certificate, s->room_id, error)
          || (!s->active
              && !write_sql (store, "UPDATE staff SET active = 0 WHERE id = ?", s->id, NULL, error)))
        return FALSE;
    }
  for (guint i = 0; i < pull->children->len; i++)
    {
      PullChild *c = &g_array_index (pull->children, PullChild, i);
      g_autofree char *photo = current_photo (store, c->id);
      if (!nk_roster_put_child (store, c->id, c->name, c->date_of_birth, c->room_id, c->allergies,
                                photo, error)
          || (!c->active && !nk_roster_set_child_active (store, c->id, FALSE, error)))
        return FALSE;
    }
  for (guint i = 0; i < pull->guardians->len; i++)
    {
      PullGuardian *g = &g_array_index (pull->guardians, PullGuardian, i);
      if (!nk_roster_put_guardian (store, g->id, g->name, g->phone, g->relation, error))
        return FALSE;
    }
  for (guint i = 0; i < pull->pickups->len; i++)
    {
      PullPickup *p = &g_array_index (pull->pickups, PullPickup, i);
      if (!nk_roster_link (store, p->child_id, p->guardian_id, p->can_pickup, error))
        return FALSE;
    }
  for (guint i = 0; i < pull->cards->len; i++)
    {
      PullCard *c = &g_array_index (pull->cards, PullCard, i);
      if (!nk_roster_put_card (store, c->uid, c->holder, c->holder_id, error)
          || (c->lost && !nk_roster_set_card_lost (store, c->uid, TRUE, error)))
        return FALSE;
    }
  for (guint i = 0; i < pull->deletions->len; i++)
    if (!apply_deletion (store, &g_array_index (pull->deletions, PullDeletion, i), error))
      return FALSE;
  return nk_store_set_meta (store, NK_PULL_CURSOR_KEY, pull->cursor, error);
}

gboolean
nk_pull_apply (NkPull *pull, NkStore *store, GError **error)
{
  g_return_val_if_fail (pull != NULL, FALSE);
  g_return_val_if_fail (NK_IS_STORE (store), FALSE);

  if (!nk_store_begin (store, error))
    return FALSE;
  if (!check_references (pull, store, error) || !apply_all (pull, store, error))
    {
      nk_store_rollback (store);
      return FALSE;
    }
  return nk_store_commit (store, error);
}
