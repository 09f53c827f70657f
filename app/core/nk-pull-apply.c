/* nk-pull-apply.c — applying a checked pull response of the platform.
 *
 * Records go in the table's order (nk-pull-sections.c), chunk_size of
 * them per transaction (NK_PULL_CHUNK), so the store's write lock is
 * never held for long against a tap at the door; the cursor is written
 * with the last chunk.  A crash or a store error between chunks leaves
 * the cursor where it was: the next pull gets the same answer again and
 * its upserts write the same rows again, which changes nothing more.
 *
 * Each record stands alone.  One that failed its checks, names a record
 * nobody holds, depends on a record set aside, or that the store refuses
 * (a phone another guardian has, a room still in use) is quarantined:
 * kept with its reason in pull_quarantine, logged, and later reported to
 * the platform (nk-pull-quarantine.c).  A good version of the same record
 * arriving later takes it out of quarantine. */
#define G_LOG_DOMAIN "nk-core"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "nk-migrations.h"
#include "nk-pull-private.h"
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
  /* 2: why a record is quarantined, as a code the kiosk acts on (some
   * wait for another record and are tried again), the member at fault,
   * and whether the platform was told (a pull.rejected event).  The
   * cursor is reset once more: a kiosk that ran step 1 with the version
   * before this one still dropped menus, check-ups and classroom
   * sessions (and refused whole answers for one bad record); from here
   * on they are kept, so the next pull starts from the beginning. */
  "ALTER TABLE pull_quarantine ADD COLUMN code TEXT NOT NULL DEFAULT 'invalid';"
  "ALTER TABLE pull_quarantine ADD COLUMN field TEXT;"
  "ALTER TABLE pull_quarantine ADD COLUMN reported INTEGER NOT NULL DEFAULT 0;"
  "DELETE FROM meta WHERE key = 'sync.cursor';",
};

NK_MIGRATION_LIST (nk_pull_migrations, "pull", pull_steps, 0);

gboolean
nk_pull_read_cursor (NkStore *store, char **cursor, GError **error)
{
  sqlite3_stmt *row = NULL;

  g_return_val_if_fail (cursor != NULL, FALSE);
  *cursor = NULL;
  if (!nk_store_query_row (store, &row, "SELECT value FROM meta WHERE key = ?1",
                           _("Cannot read where the last pull ended"), error,
                           NK_TEXT ("?1", NK_PULL_CURSOR_KEY), NK_END))
    return FALSE;
  if (row)
    {
      *cursor = g_strdup ((const char *) sqlite3_column_text (row, 0));
      sqlite3_reset (row);
    }
  return TRUE;
}

/* ---- quarantine ------------------------------------------------------------ */

/* The id a deletion's target record has ("c-1", "c-1/g-1"). */
static char *
target_key (NkPullItem *item)
{
  const NkPullSection *t = item->target;

  if (t->n_key == 1)
    return g_strdup (item->values[t->key[0]].text);
  return g_strconcat (item->values[t->key[0]].text, "/", item->values[t->key[1]].text, NULL);
}

/* A new version of a quarantined record is reported again; the same
 * version set aside again for the same kind of reason is not. */
static gboolean
write_quarantine (NkStore *store, NkPullItem *item, gboolean quiet, GError **error)
{
  if (!quiet)
    g_message ("Set aside the platform's %s %s%s%s: %s", item->section_name, item->key,
               item->field ? ", " : "", item->field ? item->field : "", item->reason);
  return nk_store_run (store,
                       "INSERT INTO pull_quarantine (section, id, body, reason, code, field, received_us, "
                       "reported) VALUES (:section, :id, :body, :reason, :code, :field, :now, 0) "
                       "ON CONFLICT (section, id) DO UPDATE SET "
                       "reported = CASE WHEN body = :body AND code = :code THEN reported ELSE 0 END, "
                       "received_us = CASE WHEN body = :body THEN received_us ELSE :now END, "
                       "body = :body, reason = :reason, code = :code, field = :field",
                       _("Cannot keep a record the platform sent"), error,
                       NK_TEXT (":section", item->section_name), NK_TEXT (":id", item->key),
                       NK_TEXT (":body", nk_pull_item_body (item)), NK_TEXT (":reason", item->reason),
                       NK_TEXT (":code", item->code), NK_TEXT (":field", item->field),
                       NK_INT (":now", g_get_real_time ()), NK_END);
}

static gboolean
clear_quarantine (NkStore *store, const char *section, const char *id, GError **error)
{
  return nk_store_run (store, "DELETE FROM pull_quarantine WHERE section = ?1 AND id = ?2",
                       _("Cannot keep a record the platform sent"), error, NK_TEXT ("?1", section),
                       NK_TEXT ("?2", id), NK_END);
}

static gboolean
row_exists (NkStore *store, const char *sql, const char *a, const char *b, gboolean *out,
            GError **error)
{
  sqlite3_stmt *row = NULL;

  if (b ? !nk_store_query_row (store, &row, sql, _("Cannot read the roster"), error,
                               NK_TEXT ("?1", a), NK_TEXT ("?2", b), NK_END)
        : !nk_store_query_row (store, &row, sql, _("Cannot read the roster"), error,
                               NK_TEXT ("?1", a), NK_END))
    return FALSE;
  *out = row != NULL;
  if (row)
    sqlite3_reset (row);
  return TRUE;
}

/* ---- references ---------------------------------------------------------- */

static const char *
field_target (const NkPullSection *section, NkPullItem *item, const NkPullField *f)
{
  if (f->refers_to)
    return f->refers_to;
  for (guint v = 0; f->refers_via && v < section->n_fields; v++)
    if (strcmp (section->fields[v].name, f->refers_via) == 0)
      return section->fields[v].choice_sections[item->values[v].number];
  return NULL;
}

/* Every id the record names must be held by the kiosk or be good in this
 * answer; one set aside (in this answer or before) takes the record
 * with it.  Returns TRUE with the item quarantined when one is not. */
static gboolean
check_references (NkPull *pull, NkStore *store, NkPullItem *item, GError **error)
{
  const NkPullSection *s = item->section;

  for (guint i = 0; i < s->n_fields; i++)
    {
      const char *id = item->values[i].text;
      const char *target = id ? field_target (s, item, &s->fields[i]) : NULL;
      g_autofree char *lookup = NULL;
      g_autofree char *why = NULL;
      NkPullItem *other;
      gboolean set_aside = FALSE, held = FALSE;

      if (target == NULL)
        continue;
      lookup = g_strconcat (target, "/", id, NULL);
      other = g_hash_table_lookup (pull->by_key, lookup);
      if (other && other->outcome == NK_PULL_QUARANTINED)
        set_aside = TRUE;
      else if (other && other->outcome != NK_PULL_PENDING)
        continue;
      else if (!row_exists (store, "SELECT 1 FROM pull_quarantine WHERE section = ?1 AND id = ?2",
                            target, id, &set_aside, error))
        return FALSE;
      if (!set_aside)
        {
          if (!row_exists (store, nk_pull_section_find (target)->exists_sql, id, NULL, &held, error))
            return FALSE;
          if (held)
            continue;
        }
      /* TRANSLATORS: "names child c-17, which is set aside" */
      why = g_strdup_printf (set_aside ? _("names %s %s, which is set aside")
                                       : _("names %s %s, which the kiosk does not hold"),
                             nk_pull_section_label (target), id);
      nk_pull_quarantine_item (item, set_aside ? "dependency" : "reference", s->fields[i].name, why);
      return TRUE;
    }
  return TRUE;
}

/* ---- one record -------------------------------------------------------------- */

/* Runs write inside a savepoint: a refusal of this one record (its own
 * rule, or a constraint of the store) undoes only it and quarantines it;
 * anything else fails the chunk. */
static gboolean
guarded (NkStore *store, NkPullWrite write, NkPullItem *item, gboolean *ok, GError **error)
{
  g_autoptr (GError) local = NULL;
  g_autofree char *detail = NULL;
  int rc;

  *ok = TRUE;
  if (!nk_store_exec (store, "SAVEPOINT nk_pull_record", error))
    return FALSE;
  if (write (store, item, &local))
    return nk_store_exec (store, "RELEASE nk_pull_record", error);

  rc = sqlite3_extended_errcode (nk_store_get_db (store));
  detail = g_strdup (sqlite3_errmsg (nk_store_get_db (store)));
  if (!g_error_matches (local, NK_PULL_ERROR, NK_PULL_ERROR_REFUSED)
      && !(local->domain == NK_STORE_ERROR && (rc & 0xff) == SQLITE_CONSTRAINT))
    {
      /* The store failed: the whole chunk is rolled back. */
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (!nk_store_exec (store, "ROLLBACK TO nk_pull_record", error)
      || !nk_store_exec (store, "RELEASE nk_pull_record", error))
    return FALSE;
  if (local->domain == NK_PULL_ERROR)
    nk_pull_quarantine_item (item, "refused", NULL, local->message);
  else
    {
      /* TRANSLATORS: %s is the database's own words,
       * e.g. "UNIQUE constraint failed: guardians.phone" */
      g_autofree char *why = g_strdup_printf (_("clashes with what the kiosk holds (%s)"), detail);
      nk_pull_quarantine_item (item, "conflict", NULL, why);
    }
  *ok = FALSE;
  return TRUE;
}

static gboolean
quarantine (NkPull *pull, NkStore *store, NkPullItem *item, NkPullCounts *counts, GError **error)
{
  gboolean ok;

  counts->quarantined++;
  /* Records sharing a key (duplicates) keep the first one's version, so
   * the same answer again is the same quarantine. */
  if (g_hash_table_add (pull->set_aside, g_strconcat (item->section_name, "/", item->key, NULL))
      && !write_quarantine (store, item, pull->cursor == NULL, error))
    return FALSE;
  if (item->section && item->section->salvage)
    return guarded (store, item->section->salvage, item, &ok, error);
  return TRUE;
}

static gboolean
apply_item (NkPull *pull, NkStore *store, NkPullItem *item, NkPullCounts *counts, GError **error)
{
  g_autofree char *gone = NULL;
  gboolean ok = FALSE;

  if (item->outcome == NK_PULL_QUARANTINED)
    return quarantine (pull, store, item, counts, error);

  if (item->target)
    {
      /* A deletion. */
      if (!guarded (store, item->target->remove, item, &ok, error))
        return FALSE;
      if (!ok)
        return quarantine (pull, store, item, counts, error);
      gone = target_key (item);
      item->outcome = NK_PULL_APPLIED;
      counts->applied++;
      return clear_quarantine (store, item->target->name, gone, error)
             && clear_quarantine (store, "deletions", item->key, error);
    }

  if (item->section == NULL)
    {
      /* A section this version does not know: kept as received. */
      if (!nk_pull_keep_unknown (store, item, error))
        return FALSE;
      item->outcome = NK_PULL_KEPT;
      counts->kept++;
      return TRUE;
    }

  if (!check_references (pull, store, item, error))
    return FALSE;
  if (item->outcome == NK_PULL_QUARANTINED)
    return quarantine (pull, store, item, counts, error);
  if (!guarded (store, item->section->apply, item, &ok, error))
    return FALSE;
  if (!ok)
    return quarantine (pull, store, item, counts, error);
  if (item->section->apply == nk_pull_keep_unknown)
    {
      item->outcome = NK_PULL_KEPT;
      counts->kept++;
    }
  else
    {
      item->outcome = NK_PULL_APPLIED;
      counts->applied++;
    }
  return clear_quarantine (store, item->section_name, item->key, error);
}

/* ---- chunks ---------------------------------------------------------------- */

gboolean
nk_pull_apply_items (NkPull *pull, NkStore *store, NkPullCounts *counts, GError **error)
{
  guint n = pull->items->len;
  guint start = 0;

  if (n == 0 && pull->cursor == NULL)
    return TRUE;
  do
    {
      guint end = MIN (start + pull->chunk_size, n);

      if (!nk_store_begin (store, error))
        return FALSE;
      for (guint i = start; i < end; i++)
        if (!apply_item (pull, store, pull->items->pdata[i], counts, error))
          {
            nk_store_rollback (store);
            return FALSE;
          }
      if (end == n && pull->cursor
          && !nk_store_set_meta (store, NK_PULL_CURSOR_KEY, pull->cursor, error))
        {
          nk_store_rollback (store);
          return FALSE;
        }
      if (!nk_store_commit (store, error))
        return FALSE;
      counts->chunks++;
      start = end;
    }
  while (start < n);
  return TRUE;
}

gboolean
nk_pull_apply (NkPull *pull, NkStore *store, NkCentre *centre, NkPullCounts *counts,
               GError **error)
{
  g_autoptr (GError) local = NULL;
  NkPullCounts c = { 0 };

  g_return_val_if_fail (pull != NULL && pull->cursor != NULL, FALSE);
  g_return_val_if_fail (NK_IS_STORE (store) && NK_IS_CENTRE (centre), FALSE);

  if (!nk_pull_apply_items (pull, store, &c, error))
    return FALSE;
  if (counts)
    *counts = c;

  /* The answer and its cursor are in; what follows is retried with the
   * next pull when it cannot be done now. */
  if ((c.applied + c.kept > 0 || nk_pull_upgrade_waits (store))
      && !nk_pull_retry_quarantined (store, &c, &local))
    {
      g_message ("Records set aside earlier were not tried again: %s", local->message);
      g_clear_error (&local);
    }
  if (!nk_pull_report_quarantined (store, centre, &c, &local))
    g_message ("The platform is told about the records set aside later: %s", local->message);
  if (counts)
    *counts = c;
  return TRUE;
}
