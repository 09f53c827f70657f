/* nk-medicine-given.c — each dose of a handed-over medicine given
 * (nk-medicine.h): the double-dose guard, the doses of the day with their
 * state, and the day source. */
#define G_LOG_DOMAIN "nk-core"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "nk-medicine.h"
#include "nk-migrations.h"
#include "nk-store-private.h"

static const char *const medicine_given_steps[] = {
  /* 1 */
  "CREATE TABLE medicine_given (" NK_KIND_COLUMNS ","
  "  medicine_id TEXT NOT NULL,"
  "  child_id TEXT NOT NULL,"
  "  dose_time TEXT NOT NULL,"
  "  give_anyway INTEGER NOT NULL DEFAULT 0);"
  "CREATE INDEX medicine_given_medicine ON medicine_given (medicine_id);"
  "CREATE INDEX medicine_given_day ON medicine_given (local_date, child_id);"
  "CREATE INDEX medicine_given_corrects ON medicine_given (corrects);",
};

NK_MIGRATION_LIST (nk_medicine_given_migrations, "medicine_given", medicine_given_steps, 0);

static const NkKindField medicine_given_fields[] = {
  { "medicine_id", NK_FIELD_ID },
  { "child_id", NK_FIELD_ID },
  { "dose_time", NK_FIELD_TEXT, .max = 5 },
  { "give_anyway", NK_FIELD_BOOL },
  { NULL }
};

const NkKind nk_medicine_given_kind = {
  .type = "medicine_given",
  .table = "medicine_given",
  .person = "child_id",
  .person_table = "children",
  .fields = medicine_given_fields,
};

/* The handovers and doses that stand (not corrected, not deleted), under
 * an alias. */
#define STANDING_MEDICINES "(SELECT * FROM medicines WHERE " NK_KIND_STANDS ("medicines") ")"
#define STANDING_GIVEN "(SELECT * FROM medicine_given WHERE " NK_KIND_STANDS ("medicine_given") ")"

void
nk_medicine_dose_free (NkMedicineDose *dose)
{
  if (dose == NULL)
    return;
  g_free (dose->medicine_id);
  g_free (dose->child_id);
  g_free (dose->name);
  g_free (dose->dose);
  g_free (dose->time);
  g_free (dose->given_by);
  g_free (dose->guardian_name);
  g_free (dose);
}

/* "HH:MM" of date at the centre, in UTC µs; 0 when it is not a time. */
static gint64
time_of_day_us (NkCentre *centre, const char *date, const char *time)
{
  int y, mo, d, h, mi;
  g_autoptr (GDateTime) local = NULL;

  if (sscanf (date, "%d-%d-%d", &y, &mo, &d) != 3 || sscanf (time, "%d:%d", &h, &mi) != 2)
    return 0;
  local = g_date_time_new (nk_centre_get_timezone (centre), y, mo, d, h, mi, 0);
  return local != NULL ? g_date_time_to_unix (local) * G_USEC_PER_SEC : 0;
}

/* ---------------------------------------------------------------- the doses of a day */

static NkDoseState
dose_state (const NkMedicineDose *dose, gint64 now)
{
  if (dose->n_given > 0)
    return NK_DOSE_GIVEN;
  if (now < dose->due_us - NK_MEDICINE_DUE_BEFORE_MIN * G_GINT64_CONSTANT (60) * G_USEC_PER_SEC)
    return NK_DOSE_LATER;
  if (now <= dose->due_us + NK_MEDICINE_DUE_AFTER_MIN * G_GINT64_CONSTANT (60) * G_USEC_PER_SEC)
    return NK_DOSE_DUE;
  return NK_DOSE_MISSED;
}

static int
compare_doses (gconstpointer a, gconstpointer b)
{
  const NkMedicineDose *x = *(NkMedicineDose *const *) a;
  const NkMedicineDose *y = *(NkMedicineDose *const *) b;
  int c = g_strcmp0 (x->child_id, y->child_id);

  if (c == 0)
    c = g_strcmp0 (x->time, y->time);
  return c != 0 ? c : g_strcmp0 (x->medicine_id, y->medicine_id);
}

/* The standing handovers of date for the children that :child / :room
 * select (NK_DAY_SET_CHILDREN), one NkMedicineDose per time. */
static gboolean
load_handovers (NkStore *store, NkCentre *centre, const char *date, const char *child_id,
                const char *room_id, GPtrArray *doses, GHashTable *by_key, GError **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = nk_store_prepare (store,
                           "SELECT m.id, m.child_id, m.name, m.dose, m.times, g.name "
                           "FROM " STANDING_MEDICINES " m LEFT JOIN guardians g ON g.id = m.guardian_id "
                           "WHERE m.local_date = :date "
                           "AND m.child_id IN " NK_DAY_SET_CHILDREN,
                           error);
  if (stmt == NULL
      || !nk_store_bind (store, stmt, error, NK_TEXT (":date", date), NK_TEXT (":child", child_id),
                         NK_TEXT (":room", room_id), NK_END))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_auto (GStrv) times = g_strsplit ((const char *) sqlite3_column_text (stmt, 4), ",", -1);

      for (guint i = 0; times[i] != NULL; i++)
        {
          NkMedicineDose *dose = g_new0 (NkMedicineDose, 1);

          dose->medicine_id = nk_column_dup (stmt, 0);
          dose->child_id = nk_column_dup (stmt, 1);
          dose->name = nk_column_dup (stmt, 2);
          dose->dose = nk_column_dup (stmt, 3);
          dose->time = g_strdup (times[i]);
          dose->guardian_name = nk_column_dup (stmt, 5);
          dose->due_us = time_of_day_us (centre, date, dose->time);
          g_ptr_array_add (doses, dose);
          g_hash_table_insert (by_key, g_strconcat (dose->medicine_id, "@", dose->time, NULL), dose);
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      nk_store_set_error (store, error, _("Cannot read the medicine handed over"));
      return FALSE;
    }
  return TRUE;
}

/* The doses given, onto their times; lines (set not NULL) for the day. */
static gboolean
load_given (NkStore *store, const char *date, const char *child_id, const char *room_id,
            GHashTable *by_key, NkDaySet *set, GError **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = nk_store_prepare (store,
                           "SELECT d.id, d.medicine_id, d.dose_time, d.at_us, s.name, d.child_id "
                           "FROM " STANDING_GIVEN " d "
                           "LEFT JOIN staff s ON d.by_kind = 'staff' AND s.id = d.by_id "
                           "WHERE d.local_date = :date "
                           "AND d.child_id IN " NK_DAY_SET_CHILDREN " ORDER BY d.at_us, d.id",
                           error);
  if (stmt == NULL
      || !nk_store_bind (store, stmt, error, NK_TEXT (":date", date), NK_TEXT (":child", child_id),
                         NK_TEXT (":room", room_id), NK_END))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *key = g_strconcat ((const char *) sqlite3_column_text (stmt, 1), "@",
                                          (const char *) sqlite3_column_text (stmt, 2), NULL);
      NkMedicineDose *dose = g_hash_table_lookup (by_key, key);
      NkChildDay *day = set != NULL ? nk_day_set_find (set, (const char *) sqlite3_column_text (stmt, 5)) : NULL;

      if (dose == NULL)
        continue;   /* its handover was corrected since */
      dose->n_given++;
      dose->given_us = sqlite3_column_int64 (stmt, 3);
      g_free (dose->given_by);
      dose->given_by = nk_column_dup (stmt, 4);
      if (day != NULL)
        {
          /* TRANSLATORS: the parent's day: medicine, dose and the time it was for */
          g_autofree char *detail = g_strdup_printf (_("%s · %s (for %s)"), dose->name, dose->dose,
                                                     dose->time);
          nk_child_day_add_line (day, NK_DAY_MEDICINE, dose->given_us, 0, _("Medicine given"),
                                 detail, dose->given_by, (const char *) sqlite3_column_text (stmt, 0),
                                 dose->n_given > 1 ? NK_DAY_LINE_FLAGGED : 0);
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      nk_store_set_error (store, error, _("Cannot read the medicine given"));
      return FALSE;
    }
  return TRUE;
}

static GPtrArray *
load_doses (NkStore *store, NkCentre *centre, const char *date, const char *child_id,
            const char *room_id, NkDaySet *set, GError **error)
{
  g_autoptr (GPtrArray) doses = g_ptr_array_new_with_free_func ((GDestroyNotify) nk_medicine_dose_free);
  g_autoptr (GHashTable) by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gint64 now = nk_centre_now (centre);

  if (!load_handovers (store, centre, date, child_id, room_id, doses, by_key, error)
      || !load_given (store, date, child_id, room_id, by_key, set, error))
    return NULL;
  for (guint i = 0; i < doses->len; i++)
    {
      NkMedicineDose *dose = doses->pdata[i];
      dose->state = dose_state (dose, now);
    }
  g_ptr_array_sort (doses, compare_doses);
  return g_steal_pointer (&doses);
}

GPtrArray *
nk_medicine_list_doses (NkStore    *store,
                        NkCentre   *centre,
                        const char *child_id,
                        GError    **error)
{
  g_autofree char *today = nk_centre_today (centre);

  g_return_val_if_fail (child_id != NULL, NULL);
  return load_doses (store, centre, today, child_id, NULL, NULL, error);
}

gboolean
nk_medicine_day_source (NkStore  *store,
                        NkDaySet *set,
                        GError  **error)
{
  NkCentre *centre = nk_day_set_get_centre (set);
  g_autoptr (GPtrArray) doses = load_doses (store, centre, nk_day_set_get_date (set),
                                            nk_day_set_get_child (set), nk_day_set_get_room (set),
                                            set, error);

  if (doses == NULL)
    return FALSE;
  for (guint i = 0; i < doses->len; i++)
    {
      NkMedicineDose *dose = doses->pdata[i];
      NkChildDay *day = nk_day_set_find (set, dose->child_id);

      if (day != NULL && day->present && dose->state == NK_DOSE_DUE)
        /* TRANSLATORS: a mark in staff mode's room list: 用药到时 */
        nk_child_day_add_mark (day, "medicine.due", _("Medicine due"), NK_DAY_MARK_DUE);
    }
  return TRUE;
}

/* ---------------------------------------------------------------- giving */

typedef struct {
  char *child_id;
  char *name;
  char *times;
} Handover;

static void
handover_clear (Handover *h)
{
  g_free (h->child_id);
  g_free (h->name);
  g_free (h->times);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Handover, handover_clear)

static gboolean
find_handover (NkRecord *rec, const char *medicine_id, Handover *h, GError **error)
{
  sqlite3_stmt *row;

  if (!nk_store_query_row (nk_record_get_store (rec), &row,
                           "SELECT m.child_id, m.name, m.times FROM " STANDING_MEDICINES " m "
                           "WHERE m.id = :id AND m.local_date = :date",
                           _("Cannot read the medicine handed over"), error,
                           NK_TEXT (":id", medicine_id),
                           NK_TEXT (":date", nk_record_get_date (rec)), NK_END))
    return FALSE;
  if (row == NULL)
    {
      g_set_error_literal (error, NK_MEDICINE_ERROR, NK_MEDICINE_ERROR_NOT_FOUND,
                           _("No medicine was handed over for this today: a parent hands it over "
                             "with their consent first"));
      return FALSE;
    }
  h->child_id = nk_column_dup (row, 0);
  h->name = nk_column_dup (row, 1);
  h->times = nk_column_dup (row, 2);
  sqlite3_reset (row);
  return TRUE;
}

/* A dose given already for dose_time, or a dose of this medicine given
 * less than the gap ago: the message says when and by whom. */
static gboolean
check_not_twice (NkRecord *rec, const char *medicine_id, const char *dose_time, GError **error)
{
  gint64 since = nk_record_get_time (rec) - NK_MEDICINE_MIN_GAP_MIN * G_GINT64_CONSTANT (60) * G_USEC_PER_SEC;
  g_autofree char *at = NULL;
  g_autofree char *by = NULL;
  sqlite3_stmt *row;
  gboolean same;

  if (!nk_store_query_row (nk_record_get_store (rec), &row,
                           "SELECT d.at_us, s.name, d.dose_time = :time FROM " STANDING_GIVEN " d "
                           "LEFT JOIN staff s ON d.by_kind = 'staff' AND s.id = d.by_id "
                           "WHERE d.medicine_id = :id "
                           "AND (d.dose_time = :time OR d.at_us > :since) "
                           "ORDER BY d.dose_time = :time DESC, d.at_us DESC LIMIT 1",
                           _("Cannot read the medicine given"), error,
                           NK_TEXT (":id", medicine_id), NK_TEXT (":time", dose_time),
                           NK_INT (":since", since), NK_END))
    return FALSE;
  if (row == NULL)
    return TRUE;
  at = nk_centre_format_time (nk_record_get_centre (rec), sqlite3_column_int64 (row, 0));
  by = g_strdup ((const char *) sqlite3_column_text (row, 1));
  same = sqlite3_column_int (row, 2) != 0;
  sqlite3_reset (row);
  if (same)
    g_set_error (error, NK_MEDICINE_ERROR, NK_MEDICINE_ERROR_TWICE,
                 /* TRANSLATORS: the dose time, the time it was given, who gave it */
                 _("The %s dose was already given at %s by %s. Give it again only if you are sure."),
                 dose_time, at, by != NULL ? by : "?");
  else
    g_set_error (error, NK_MEDICINE_ERROR, NK_MEDICINE_ERROR_TWICE,
                 /* TRANSLATORS: the time a dose was given, who gave it, the least hours between doses */
                 _("A dose was given at %s by %s, less than %d hours ago. Give it again only if you are sure."),
                 at, by != NULL ? by : "?", NK_MEDICINE_MIN_GAP_MIN / 60);
  return FALSE;
}

char *
nk_medicine_give (NkStore    *store,
                  NkCentre   *centre,
                  const char *staff_id,
                  const char *medicine_id,
                  const char *dose_time,
                  gboolean    give_anyway,
                  GError    **error)
{
  NkActor actor = { "staff", staff_id };
  g_autoptr (NkRecord) rec = NULL;
  g_autoptr (JsonBuilder) payload = json_builder_new ();
  g_auto (Handover) h = { 0 };
  g_auto (GStrv) times = NULL;
  g_autofree char *id = NULL;
  g_autoptr (GError) twice = NULL;
  gboolean again = FALSE;

  g_return_val_if_fail (medicine_id != NULL && dose_time != NULL, NULL);

  rec = nk_record_begin (store, centre, &actor, error);
  if (rec == NULL || !find_handover (rec, medicine_id, &h, error))
    return NULL;
  times = g_strsplit (h.times, ",", -1);
  if (!g_strv_contains ((const char *const *) times, dose_time))
    {
      g_set_error (error, NK_MEDICINE_ERROR, NK_MEDICINE_ERROR_INVALID,
                   /* TRANSLATORS: a time, the medicine, its times */
                   _("%s is not a time of %s (given at %s)"), dose_time, h.name, h.times);
      return NULL;
    }
  if (!check_not_twice (rec, medicine_id, dose_time, &twice))
    {
      if (!g_error_matches (twice, NK_MEDICINE_ERROR, NK_MEDICINE_ERROR_TWICE) || !give_anyway)
        {
          g_message ("Medicine %s for %s not given: %s", medicine_id, dose_time, twice->message);
          g_propagate_error (error, g_steal_pointer (&twice));
          return NULL;
        }
      /* the caregiver saw the warning and confirmed: the record says so */
      again = TRUE;
    }

  json_builder_begin_object (payload);
  nk_json_text (payload, "medicine_id", medicine_id);
  nk_json_text (payload, "child_id", h.child_id);
  nk_json_text (payload, "dose_time", dose_time);
  nk_json_bool (payload, "give_anyway", again);
  json_builder_end_object (payload);
  id = g_strdup (nk_kind_put (rec, &nk_medicine_given_kind, payload, error));
  if (id == NULL || !nk_record_commit (g_steal_pointer (&rec), error))
    return NULL;
  if (again)
    g_message ("Medicine %s for %s given again: the caregiver confirmed", medicine_id, dose_time);
  return g_steal_pointer (&id);
}
