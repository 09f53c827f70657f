/* nk-pull-quarantine.c — what happens to the records a pull set aside
 * (pull_quarantine, nk-pull-apply.c):
 *
 *   tried again   those that waited for another record (a holder not
 *                 there yet, a room set aside, a phone still taken, a
 *                 room still in use) after every pull that changed
 *                 something, in the table's order, so a fixed room
 *                 releases its children and their cards in one go;
 *   reported      one pull.rejected event each through nk-record, once
 *                 per version and reason, so the platform can fix them;
 *   listed        for staff mode. */
#define G_LOG_DOMAIN "nk-core"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "nk-pull-private.h"
#include "nk-record.h"
#include "nk-store-private.h"

/* Held records tried again per pull, and reported per transaction. */
#define RETRY_LIMIT 1000
#define REPORT_BATCH 100

/* "upgrade": kept as received by an earlier version, for this version's
 * checks (a module's migration hands them over) */
static const char *const waiting_codes[] = { "reference", "dependency", "conflict", "refused",
                                             "upgrade", NULL };

gboolean
nk_pull_code_waits (const char *code)
{
  return code && g_strv_contains (waiting_codes, code);
}

gboolean
nk_pull_upgrade_waits (NkStore *store)
{
  g_autoptr (GError) error = NULL;
  gboolean found = FALSE;

  if (!nk_store_exists (store, &found, "SELECT 1 FROM pull_quarantine WHERE code = 'upgrade' LIMIT 1",
                        _("Cannot read the records set aside"), &error, NK_END))
    g_message ("%s", error->message);
  return found;
}

void
nk_pull_quarantined_free (NkPullQuarantined *q)
{
  if (q == NULL)
    return;
  g_free (q->section);
  g_free (q->id);
  g_free (q->code);
  g_free (q->field);
  g_free (q->reason);
  g_free (q);
}

static char *
column_text (sqlite3_stmt *stmt, int i)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, i));
}

/* ---- tried again ---------------------------------------------------------- */

/* The waiting records, as one answer without a cursor: {section: [body…]}
 * in the table's order, deletions last.  The bodies are what json-glib
 * wrote from records that passed the raw checks. */
static gboolean
load_waiting (NkStore *store, GString *json, guint *n, GError **error)
{
  g_autoptr (GHashTable) by_section = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                             (GDestroyNotify) g_ptr_array_unref);
  sqlite3_stmt *stmt = nk_store_prepare (store,
                                         "SELECT section, body FROM pull_quarantine "
                                         "WHERE code IN ('reference', 'dependency', 'conflict', 'refused', 'upgrade') "
                                         "ORDER BY received_us LIMIT ?1",
                                         error);
  int rc;
  gboolean first = TRUE;

  if (stmt == NULL || !nk_store_bind (store, stmt, error, NK_INT ("?1", RETRY_LIMIT), NK_END))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *section = (const char *) sqlite3_column_text (stmt, 0);
      GPtrArray *bodies = g_hash_table_lookup (by_section, section);

      if (bodies == NULL)
        {
          bodies = g_ptr_array_new_with_free_func (g_free);
          g_hash_table_insert (by_section, g_strdup (section), bodies);
        }
      g_ptr_array_add (bodies, column_text (stmt, 1));
      (*n)++;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      nk_store_set_error (store, error, _("Cannot read the records set aside"));
      return FALSE;
    }

  g_string_append_c (json, '{');
  for (guint s = 0; s <= nk_pull_n_sections; s++)
    {
      const char *name = s < nk_pull_n_sections ? nk_pull_sections[s].name : "deletions";
      GPtrArray *bodies = g_hash_table_lookup (by_section, name);

      if (bodies == NULL)
        continue;
      g_string_append_printf (json, "%s\"%s\": [", first ? "" : ", ", name);
      for (guint i = 0; i < bodies->len; i++)
        g_string_append_printf (json, "%s%s", i ? ", " : "", (const char *) bodies->pdata[i]);
      g_string_append_c (json, ']');
      first = FALSE;
    }
  g_string_append_c (json, '}');
  return TRUE;
}

gboolean
nk_pull_retry_quarantined (NkStore *store, NkPullCounts *counts, GError **error)
{
  g_autoptr (GString) json = g_string_new (NULL);
  g_autoptr (NkPull) pull = NULL;
  NkPullCounts again = { 0 };
  JsonObject *sections;
  guint n = 0;

  if (!load_waiting (store, json, &n, error))
    return FALSE;
  if (n == 0)
    return TRUE;

  pull = nk_pull_new ();
  pull->parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (pull->parser, json->str, (gssize) json->len, error))
    return FALSE;
  sections = json_node_get_object (json_parser_get_root (pull->parser));
  for (guint s = 0; s <= nk_pull_n_sections; s++)
    {
      const char *name = s < nk_pull_n_sections ? nk_pull_sections[s].name : "deletions";
      JsonNode *node = json_object_get_member (sections, name);

      for (guint i = 0; node && i < json_array_get_length (json_node_get_array (node)); i++)
        nk_pull_add_record (pull, name, i, json_array_get_element (json_node_get_array (node), i));
    }
  if (!nk_pull_apply_items (pull, store, &again, error))
    return FALSE;
  counts->released += again.applied + again.kept;
  counts->chunks += again.chunks;
  if (again.applied + again.kept > 0)
    g_message ("Applied %u of %u records set aside earlier: what they waited for arrived",
               again.applied + again.kept, n);
  return TRUE;
}

/* ---- reported ---------------------------------------------------------------- */

typedef struct {
  char *section, *id, *code, *field, *reason;
} Report;

static void
report_clear (gpointer data)
{
  Report *r = data;

  g_free (r->section);
  g_free (r->id);
  g_free (r->code);
  g_free (r->field);
  g_free (r->reason);
}

static gboolean
load_unreported (NkStore *store, GArray *reports, GError **error)
{
  sqlite3_stmt *stmt = nk_store_prepare (store,
                                         "SELECT section, id, code, field, reason FROM pull_quarantine "
                                         "WHERE NOT reported ORDER BY received_us, section, id LIMIT ?1",
                                         error);
  int rc;

  if (stmt == NULL || !nk_store_bind (store, stmt, error, NK_INT ("?1", REPORT_BATCH), NK_END))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Report r = { column_text (stmt, 0), column_text (stmt, 1), column_text (stmt, 2),
                   column_text (stmt, 3), column_text (stmt, 4) };
      g_array_append_val (reports, r);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      nk_store_set_error (store, error, _("Cannot read the records set aside"));
      return FALSE;
    }
  return TRUE;
}

/* One batch in one record: its events and the rows marked reported. */
static gboolean
report_batch (NkStore *store, NkCentre *centre, guint *n, GError **error)
{
  const NkActor system = NK_ACTOR_SYSTEM;
  g_autoptr (NkRecord) rec = nk_record_begin (store, centre, &system, error);
  g_autoptr (GArray) reports = g_array_new (FALSE, TRUE, sizeof (Report));

  g_array_set_clear_func (reports, report_clear);
  if (rec == NULL || !load_unreported (store, reports, error))
    return FALSE;
  for (guint i = 0; i < reports->len; i++)
    {
      Report *r = &g_array_index (reports, Report, i);
      g_autoptr (JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      nk_json_text (b, "section", r->section);
      nk_json_text (b, "id", r->id);
      nk_json_text (b, "code", r->code);
      nk_json_text (b, "field", r->field);
      nk_json_text (b, "reason", r->reason);
      json_builder_end_object (b);
      if (nk_record_event (rec, "pull.rejected", b, error) == NULL
          || !nk_store_run (store, "UPDATE pull_quarantine SET reported = 1 WHERE section = ?1 AND id = ?2",
                            _("Cannot keep a record the platform sent"), error,
                            NK_TEXT ("?1", r->section), NK_TEXT ("?2", r->id), NK_END))
        return FALSE;
    }
  *n = reports->len;
  if (reports->len == 0)
    {
      nk_record_abort (g_steal_pointer (&rec));
      return TRUE;
    }
  return nk_record_commit (g_steal_pointer (&rec), error);
}

gboolean
nk_pull_report_quarantined (NkStore *store, NkCentre *centre, NkPullCounts *counts, GError **error)
{
  sqlite3_stmt *row = NULL;
  guint n;

  /* Most pulls have nothing to report: no transaction for them. */
  if (!nk_store_query_row (store, &row, "SELECT 1 FROM pull_quarantine WHERE NOT reported LIMIT 1",
                           _("Cannot read the records set aside"), error, NK_END))
    return FALSE;
  if (row == NULL)
    return TRUE;
  sqlite3_reset (row);
  do
    {
      n = 0;
      if (!report_batch (store, centre, &n, error))
        return FALSE;
      counts->reported += n;
    }
  while (n == REPORT_BATCH);
  return TRUE;
}

/* ---- listed ------------------------------------------------------------------ */

GPtrArray *
nk_pull_list_quarantined (NkStore *store, guint limit, GError **error)
{
  g_autoptr (GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) nk_pull_quarantined_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (NK_IS_STORE (store), NULL);
  stmt = nk_store_prepare (store,
                           "SELECT section, id, code, field, reason, received_us FROM pull_quarantine "
                           "ORDER BY received_us DESC, section, id LIMIT ?1",
                           error);
  if (stmt == NULL || !nk_store_bind (store, stmt, error, NK_INT ("?1", limit ? (gint64) limit : -1), NK_END))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      NkPullQuarantined *q = g_new0 (NkPullQuarantined, 1);

      q->section = column_text (stmt, 0);
      q->id = column_text (stmt, 1);
      q->code = column_text (stmt, 2);
      q->field = column_text (stmt, 3);
      q->reason = column_text (stmt, 4);
      q->received_us = sqlite3_column_int64 (stmt, 5);
      g_ptr_array_add (list, q);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      nk_store_set_error (store, error, _("Cannot read the records set aside"));
      return NULL;
    }
  return g_steal_pointer (&list);
}

gint64
nk_pull_count_quarantined (NkStore *store, GError **error)
{
  sqlite3_stmt *row = NULL;
  gint64 n = -1;

  g_return_val_if_fail (NK_IS_STORE (store), -1);
  if (!nk_store_query_row (store, &row, "SELECT count(*) FROM pull_quarantine",
                           _("Cannot read the records set aside"), error, NK_END))
    return -1;
  if (row)
    {
      n = sqlite3_column_int64 (row, 0);
      sqlite3_reset (row);
    }
  return n;
}
