/* nk-health-observation.c — all-day health observations
 * (nk-health-observation.h). */
#define G_LOG_DOMAIN "nk-core"

#include "config.h"

#include <glib/gi18n.h>

#include "nk-check.h"
#include "nk-health-observation.h"
#include "nk-migrations.h"
#include "nk-store-private.h"

static const char *const health_observation_steps[] = {
  /* 1 */
  "CREATE TABLE health_observations (" NK_KIND_COLUMNS ","
  "  child_id TEXT NOT NULL,"
  "  observed_us INTEGER NOT NULL,"
  "  note TEXT NOT NULL);"
  "CREATE INDEX health_observations_day ON health_observations (local_date, child_id);"
  "CREATE INDEX health_observations_corrects ON health_observations (corrects);",
};

NK_MIGRATION_LIST (nk_health_observation_migrations, "health_observation",
                   health_observation_steps, 0);

static const NkKindField health_observation_fields[] = {
  { "child_id", NK_FIELD_ID },
  { "observed_at", NK_FIELD_TIME },
  { "note", NK_FIELD_TEXT, .max = NK_HEALTH_OBSERVATION_MAX },
  { NULL }
};

const NkKind nk_health_observation_kind = {
  .type = "health_observation",
  .table = "health_observations",
  .person = "child_id",
  .person_table = "children",
  .fields = health_observation_fields,
};

static gboolean
check_observation (NkRecord *rec, const char *child_id, gint64 observed_us, const char *note,
                   GError **error)
{
  NkCentre *centre = nk_record_get_centre (rec);
  g_autofree char *date = nk_centre_local_date (centre, observed_us);
  sqlite3_stmt *row;
  gboolean came;

  if (note == NULL || *note == '\0' || !nk_check_is_text (note, NK_HEALTH_OBSERVATION_MAX, TRUE))
    {
      g_set_error (error, NK_STORE_ERROR, NK_STORE_ERROR_INVALID,
                   _("Write what was seen, in at most %d characters"), NK_HEALTH_OBSERVATION_MAX);
      return FALSE;
    }
  if (observed_us > nk_record_get_time (rec))
    {
      g_set_error_literal (error, NK_STORE_ERROR, NK_STORE_ERROR_INVALID,
                           _("The time seen is in the future: choose a time up to now"));
      return FALSE;
    }
  if (g_strcmp0 (date, nk_record_get_date (rec)) != 0)
    {
      g_set_error_literal (error, NK_STORE_ERROR, NK_STORE_ERROR_INVALID,
                           _("An observation is of today: choose a time since midnight"));
      return FALSE;
    }
  if (!nk_store_query_row (nk_record_get_store (rec), &row,
                           "SELECT EXISTS (SELECT 1 FROM attendance WHERE child_id = :id "
                           "AND local_date = :date AND kind = 'in')",
                           _("Cannot read attendance"), error, NK_TEXT (":id", child_id),
                           NK_TEXT (":date", date), NK_END))
    return FALSE;
  came = row != NULL && sqlite3_column_int (row, 0) != 0;
  if (row != NULL)
    sqlite3_reset (row);
  if (!came)
    {
      g_set_error_literal (error, NK_STORE_ERROR, NK_STORE_ERROR_INVALID,
                           _("This child has not come today: there is nothing to observe"));
      return FALSE;
    }
  return TRUE;
}

char *
nk_health_observation_record (NkStore    *store,
                              NkCentre   *centre,
                              const char *staff_id,
                              const char *child_id,
                              gint64      observed_us,
                              const char *note,
                              GError    **error)
{
  NkActor actor = { "staff", staff_id };
  g_autoptr (NkRecord) rec = NULL;
  g_autoptr (JsonBuilder) payload = json_builder_new ();
  g_autofree char *observed_at = nk_format_utc_iso (observed_us);
  g_autofree char *clean = g_strstrip (g_strdup (note != NULL ? note : ""));
  g_autofree char *id = NULL;

  rec = nk_record_begin (store, centre, &actor, error);
  if (rec == NULL || !check_observation (rec, child_id, observed_us, clean, error))
    return NULL;

  json_builder_begin_object (payload);
  nk_json_text (payload, "child_id", child_id);
  nk_json_text (payload, "observed_at", observed_at);
  nk_json_text (payload, "note", clean);
  json_builder_end_object (payload);
  id = g_strdup (nk_kind_put (rec, &nk_health_observation_kind, payload, error));
  if (id == NULL || !nk_record_commit (g_steal_pointer (&rec), error))
    return NULL;
  return g_steal_pointer (&id);
}

/* The observations that stand, under an alias. */
#define STANDING_OBSERVATIONS \
  "(SELECT * FROM health_observations WHERE " NK_KIND_STANDS ("health_observations") ")"

gboolean
nk_health_observation_day_source (NkStore  *store,
                                  NkDaySet *set,
                                  GError  **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = nk_store_prepare (store,
                           "SELECT o.child_id, o.id, o.observed_us, o.note, s.name "
                           "FROM " STANDING_OBSERVATIONS " o "
                           "LEFT JOIN staff s ON o.by_kind = 'staff' AND s.id = o.by_id "
                           "WHERE o.local_date = :date "
                           "AND o.child_id IN " NK_DAY_SET_CHILDREN,
                           error);
  if (stmt == NULL || !nk_day_set_bind_children (set, store, stmt, error)
      || !nk_store_bind (store, stmt, error, NK_TEXT (":date", nk_day_set_get_date (set)), NK_END))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      NkChildDay *day = nk_day_set_find (set, (const char *) sqlite3_column_text (stmt, 0));

      if (day != NULL)
        /* TRANSLATORS: the parent's day: a note of the all-day health observation */
        nk_child_day_add_line (day, NK_DAY_HEALTH, sqlite3_column_int64 (stmt, 2), 0,
                               _("Health observation"), (const char *) sqlite3_column_text (stmt, 3),
                               (const char *) sqlite3_column_text (stmt, 4),
                               (const char *) sqlite3_column_text (stmt, 1), 0);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      nk_store_set_error (store, error, _("Cannot read the health observations"));
      return FALSE;
    }
  return TRUE;
}
