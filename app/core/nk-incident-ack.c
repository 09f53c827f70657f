/* nk-incident-ack.c — the guardian's acknowledgement of an incident
 * (nk-incident-ack.h): its kind, its table, its rule and its day source. */
#define G_LOG_DOMAIN "nk-core"

#include "config.h"

#include <glib/gi18n.h>

#include "nk-incident-ack.h"
#include "nk-migrations.h"
#include "nk-store-private.h"

static const char *const incident_ack_steps[] = {
  /* 0 → 1: the acknowledgements; no reference to the incident's table, so
   * an ack relayed before its incident is kept (the pull orders nothing) */
  "CREATE TABLE incident_acks (" NK_KIND_COLUMNS ", "
  "  incident_id TEXT NOT NULL, child_id TEXT NOT NULL, guardian_id TEXT NOT NULL);"
  "CREATE INDEX incident_acks_child ON incident_acks (child_id, local_date);"
  "CREATE INDEX incident_acks_incident ON incident_acks (incident_id);",
};

NK_MIGRATION_LIST (nk_incident_ack_migrations, "incident_ack", incident_ack_steps, 0);

static const NkKindField incident_ack_fields[] = {
  { "incident_id", NK_FIELD_ID },
  { "child_id", NK_FIELD_ID },
  { "guardian_id", NK_FIELD_ID },
  { NULL },
};

const NkKind nk_incident_ack_kind = {
  .type = "incident.ack",
  .table = "incident_acks",
  .person = "child_id",
  .person_table = "children",
  .fields = incident_ack_fields,
};

void
nk_ack_guardian_free (NkAckGuardian *guardian)
{
  if (guardian == NULL)
    return;
  g_free (guardian->guardian_id);
  g_free (guardian->name);
  g_free (guardian);
}

/* The incident line of incident_id in day, or NULL. */
static const NkDayLine *
find_incident (NkChildDay *day,
               const char *incident_id)
{
  for (guint i = 0; day != NULL && i < day->lines->len; i++)
    {
      const NkDayLine *line = day->lines->pdata[i];

      if (line->topic == NK_DAY_INCIDENT && g_strcmp0 (line->record_id, incident_id) == 0)
        return line;
    }
  return NULL;
}

/* Steps a bound "SELECT 1 …": 1 when it has a row, 0 when not, -1 on
 * error (what: the message). */
static int
has_row (NkStore      *store,
         sqlite3_stmt *stmt,
         const char   *what,
         GError      **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      nk_store_set_error (store, error, what);
      return -1;
    }
  return rc == SQLITE_ROW;
}

/* 1 when a standing ack of incident_id is there, 0 when not, -1 on error. */
static int
already_acknowledged (NkStore    *store,
                      const char *incident_id,
                      GError    **error)
{
  sqlite3_stmt *stmt;

  stmt = nk_store_prepare (store,
                           "SELECT 1 FROM incident_acks WHERE incident_id = :id AND "
                           NK_KIND_STANDS ("incident_acks"),
                           error);
  if (stmt == NULL || !nk_store_bind (store, stmt, error, NK_TEXT (":id", incident_id), NK_END))
    return -1;
  return has_row (store, stmt, _("Cannot read the acknowledgements"), error);
}

/* 1 when guardian_id is one of child_id's guardians, 0 when not, -1 on error. */
static int
is_guardian_of (NkStore    *store,
                const char *guardian_id,
                const char *child_id,
                GError    **error)
{
  sqlite3_stmt *stmt;

  stmt = nk_store_prepare (store,
                           "SELECT 1 FROM guardian_children "
                           "WHERE guardian_id = :guardian AND child_id = :child",
                           error);
  if (stmt == NULL ||
      !nk_store_bind (store, stmt, error, NK_TEXT (":guardian", guardian_id),
                      NK_TEXT (":child", child_id), NK_END))
    return -1;
  return has_row (store, stmt, _("Cannot read the child's guardians"), error);
}

static JsonBuilder *
ack_payload (const char *incident_id,
             const char *child_id,
             const char *guardian_id)
{
  JsonBuilder *payload = json_builder_new ();

  json_builder_begin_object (payload);
  nk_json_text (payload, "incident_id", incident_id);
  nk_json_text (payload, "child_id", child_id);
  nk_json_text (payload, "guardian_id", guardian_id);
  json_builder_end_object (payload);
  return payload;
}

gboolean
nk_incident_ack (NkStore    *store,
                 NkCentre   *centre,
                 NkDaySet   *set,
                 const char *child_id,
                 const char *incident_id,
                 const char *guardian_id,
                 gboolean   *recorded,
                 GError    **error)
{
  NkActor actor = { "guardian", guardian_id };
  g_autoptr (NkRecord) rec = NULL;
  g_autoptr (JsonBuilder) payload = NULL;
  int known;

  g_return_val_if_fail (NK_IS_STORE (store) && NK_IS_CENTRE (centre) && set != NULL, FALSE);

  if (recorded != NULL)
    *recorded = FALSE;
  if (child_id == NULL || incident_id == NULL ||
      find_incident (nk_day_set_find (set, child_id), incident_id) == NULL)
    {
      g_set_error (error, NK_KIND_ERROR, NK_KIND_ERROR_REFERENCE,
                   _("This incident is not in the child's day: nothing was acknowledged"));
      return FALSE;
    }
  if (guardian_id == NULL || (known = is_guardian_of (store, guardian_id, child_id, error)) == 0)
    {
      g_clear_error (error);
      g_set_error (error, NK_KIND_ERROR, NK_KIND_ERROR_REFERENCE,
                   _("Only one of the child's guardians can acknowledge an incident"));
      return FALSE;
    }
  if (known < 0)
    return FALSE;

  rec = nk_record_begin (store, centre, &actor, error);
  if (rec == NULL)
    return FALSE;
  /* asked inside the transaction: another door's ack may just have landed */
  switch (already_acknowledged (store, incident_id, error))
    {
    case 1:
      return TRUE;
    case 0:
      break;
    default:
      return FALSE;
    }
  payload = ack_payload (incident_id, child_id, guardian_id);
  if (nk_kind_put (rec, &nk_incident_ack_kind, payload, error) == NULL)
    return FALSE;
  if (!nk_record_commit (g_steal_pointer (&rec), error))
    return FALSE;
  if (recorded != NULL)
    *recorded = TRUE;
  return TRUE;
}

GPtrArray *
nk_incident_ack_guardians (NkStore    *store,
                           const char *child_id,
                           GError    **error)
{
  g_autoptr (GPtrArray) guardians = g_ptr_array_new_with_free_func ((GDestroyNotify) nk_ack_guardian_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = nk_store_prepare (store,
                           "SELECT g.id, g.name FROM guardian_children l "
                           "JOIN guardians g ON g.id = l.guardian_id "
                           "WHERE l.child_id = :child AND l.can_pickup ORDER BY g.name, g.id",
                           error);
  if (stmt == NULL || !nk_store_bind (store, stmt, error, NK_TEXT (":child", child_id), NK_END))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      NkAckGuardian *guardian = g_new0 (NkAckGuardian, 1);

      guardian->guardian_id = nk_column_dup (stmt, 0);
      guardian->name = nk_column_dup (stmt, 1);
      g_ptr_array_add (guardians, guardian);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      nk_store_set_error (store, error, _("Cannot read the child's guardians"));
      return NULL;
    }
  return g_steal_pointer (&guardians);
}

gboolean
nk_incident_ack_source (NkStore  *store,
                        NkDaySet *set,
                        GError  **error)
{
  sqlite3_stmt *stmt;
  int rc;

  /* an incident is acknowledged on its day or later, never before */
  stmt = nk_store_prepare (store,
                           "SELECT child_id, incident_id FROM incident_acks "
                           "WHERE child_id IN " NK_DAY_SET_CHILDREN " AND local_date >= :date "
                           "  AND " NK_KIND_STANDS ("incident_acks"),
                           error);
  if (stmt == NULL || !nk_day_set_bind_children (set, store, stmt, error) ||
      !nk_store_bind (store, stmt, error, NK_TEXT (":date", nk_day_set_get_date (set)), NK_END))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      NkChildDay *day = nk_day_set_find (set, (const char *) sqlite3_column_text (stmt, 0));
      const char *incident_id = (const char *) sqlite3_column_text (stmt, 1);

      for (guint i = 0; day != NULL && i < day->lines->len; i++)
        {
          NkDayLine *line = day->lines->pdata[i];

          if (g_strcmp0 (line->record_id, incident_id) == 0)
            line->flags &= ~NK_DAY_LINE_NEEDS_ACK;
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      nk_store_set_error (store, error, _("Cannot read the acknowledgements"));
      return FALSE;
    }
  return TRUE;
}
