/* nk-health-check.c — the morning and midday health checks
 * (nk-health-check.h): the kind, its rules, its queries and its day
 * source. */
#define G_LOG_DOMAIN "nk-core"

#include "config.h"

#include <glib/gi18n.h>

#include "nk-health-check.h"
#include "nk-migrations.h"
#include "nk-store-private.h"

static const char *const health_check_steps[] = {
  /* 1 */
  "CREATE TABLE health_checks (" NK_KIND_COLUMNS ","
  "  child_id TEXT NOT NULL,"
  "  check_time TEXT NOT NULL CHECK (check_time IN ('morning', 'midday')),"
  "  temperature INTEGER NOT NULL,"
  "  feels_hot INTEGER, face INTEGER, throat INTEGER, skin INTEGER, eyes INTEGER,"
  "  spirits INTEGER, eating INTEGER, sleep INTEGER, toileting INTEGER, pockets INTEGER,"
  "  outcome TEXT NOT NULL CHECK (outcome IN ('green', 'yellow', 'red')),"
  "  watch TEXT,"
  "  checkout_id TEXT);"
  "CREATE INDEX health_checks_day ON health_checks (local_date, child_id);"
  "CREATE INDEX health_checks_corrects ON health_checks (corrects);",
};

NK_MIGRATION_LIST (nk_health_check_migrations, "health_check", health_check_steps, 0);

static const char *const check_times[] = { "morning", "midday", NULL };
static const char *const outcomes[] = { "green", "yellow", "red", NULL };

static const NkHealthConcernInfo concerns[NK_HEALTH_N_CONCERNS] = {
  { NK_HEALTH_FEELS_HOT, "feels_hot", N_("Feels hot to the touch") },
  { NK_HEALTH_FACE, "face", N_("Face: pale or flushed") },
  { NK_HEALTH_THROAT, "throat", N_("Throat or mouth: red, sores") },
  { NK_HEALTH_SKIN, "skin", N_("Skin: rash, spots, bruises") },
  { NK_HEALTH_EYES, "eyes", N_("Eyes: red, discharge") },
  { NK_HEALTH_SPIRITS, "spirits", N_("Spirits: listless, irritable") },
  { NK_HEALTH_EATING, "eating", N_("Ate poorly at home") },
  { NK_HEALTH_SLEEP, "sleep", N_("Slept poorly at home") },
  { NK_HEALTH_TOILETING, "toileting", N_("Toileting not normal at home") },
  { NK_HEALTH_POCKETS, "pockets", N_("Dangerous items in pockets") },
};

#define CONCERN_FIELD(m) { m, NK_FIELD_BOOL, TRUE }

static const NkKindField health_check_fields[] = {
  { "child_id", NK_FIELD_ID },
  { "check_time", NK_FIELD_CHOICE, .choices = check_times },
  { "temperature", NK_FIELD_INT, .min = NK_HEALTH_TEMPERATURE_MIN, .max = NK_HEALTH_TEMPERATURE_MAX },
  CONCERN_FIELD ("feels_hot"),
  CONCERN_FIELD ("face"),
  CONCERN_FIELD ("throat"),
  CONCERN_FIELD ("skin"),
  CONCERN_FIELD ("eyes"),
  CONCERN_FIELD ("spirits"),
  CONCERN_FIELD ("eating"),
  CONCERN_FIELD ("sleep"),
  CONCERN_FIELD ("toileting"),
  CONCERN_FIELD ("pockets"),
  { "outcome", NK_FIELD_CHOICE, .choices = outcomes },
  { "watch", NK_FIELD_TEXT, TRUE, .max = 200 },
  { "checkout_id", NK_FIELD_ID, TRUE },
  { NULL }
};

const NkKind nk_health_check_kind = {
  .type = "health_check",
  .table = "health_checks",
  .person = "child_id",
  .person_table = "children",
  .fields = health_check_fields,
};

const NkHealthConcernInfo *
nk_health_concern_info (guint i)
{
  g_return_val_if_fail (i < NK_HEALTH_N_CONCERNS, NULL);
  return &concerns[i];
}

const char *
nk_health_check_time_to_string (NkHealthCheckTime time)
{
  return check_times[time == NK_HEALTH_MIDDAY ? 1 : 0];
}

const char *
nk_health_outcome_to_string (NkHealthOutcome outcome)
{
  g_return_val_if_fail (outcome <= NK_HEALTH_RED, "green");
  return outcomes[outcome];
}

static guint
concern_mask (NkHealthCheckTime time)
{
  return time == NK_HEALTH_MIDDAY ? NK_HEALTH_MIDDAY_CONCERNS : NK_HEALTH_ALL_CONCERNS;
}

char *
nk_health_format_temperature (int tenths)
{
  /* TRANSLATORS: a temperature, e.g. "36.8 °C" */
  return g_strdup_printf (_("%d.%d °C"), tenths / 10, ABS (tenths % 10));
}

void
nk_health_check_saved_clear (NkHealthCheckSaved *saved)
{
  g_clear_pointer (&saved->id, g_free);
  g_clear_pointer (&saved->corrects, g_free);
  g_clear_pointer (&saved->checkout_id, g_free);
}

void
nk_health_check_entry_free (NkHealthCheckEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->id);
  g_free (entry->child_id);
  g_free (entry->watch);
  g_free (entry->staff_name);
  g_free (entry);
}

/* ---------------------------------------------------------------- rules */

static gboolean
check_values (const NkHealthCheck *check, GError **error)
{
  g_autofree char *watch = g_strstrip (g_strdup (check->watch != NULL ? check->watch : ""));

  if (check->temperature < NK_HEALTH_TEMPERATURE_MIN || check->temperature > NK_HEALTH_TEMPERATURE_MAX)
    {
      g_autofree char *t = nk_health_format_temperature (check->temperature);
      g_set_error (error, NK_STORE_ERROR, NK_STORE_ERROR_INVALID,
                   /* TRANSLATORS: %s is a temperature, e.g. "33.9 °C" */
                   _("%s cannot be right: a temperature from 34.0 to 42.5 °C is accepted. "
                     "Please measure again."), t);
      return FALSE;
    }
  if ((check->concerns & ~concern_mask (check->time)) != 0)
    {
      g_set_error_literal (error, NK_STORE_ERROR, NK_STORE_ERROR_INVALID,
                           _("The midday check asks only about touch, face, throat, skin and spirits"));
      return FALSE;
    }
  if (check->outcome > NK_HEALTH_RED)
    {
      g_set_error_literal (error, NK_STORE_ERROR, NK_STORE_ERROR_INVALID,
                           _("Choose the outcome of the check"));
      return FALSE;
    }
  if (check->outcome == NK_HEALTH_YELLOW && *watch == '\0')
    {
      g_set_error_literal (error, NK_STORE_ERROR, NK_STORE_ERROR_INVALID,
                           _("Say what to watch: a child admitted to be watched needs it written down"));
      return FALSE;
    }
  return TRUE;
}

/* Whether the child's latest attendance row is a check-in of date. */
static gboolean
checked_in_today (NkStore *store, const char *child_id, const char *date, gboolean *present,
                  char **name, GError **error)
{
  sqlite3_stmt *row;

  if (!nk_store_query_row (store, &row,
                           "SELECT c.name, (SELECT a.kind = 'in' AND a.local_date = :date "
                           "  FROM attendance a WHERE a.child_id = c.id "
                           "  ORDER BY a.order_us DESC, a.id DESC LIMIT 1) "
                           "FROM children c WHERE c.id = :id",
                           _("Cannot read attendance"), error, NK_TEXT (":id", child_id),
                           NK_TEXT (":date", date), NK_END))
    return FALSE;
  if (row == NULL)
    {
      g_set_error (error, NK_STORE_ERROR, NK_STORE_ERROR_NOT_FOUND, _("No child with id %s"), child_id);
      return FALSE;
    }
  *name = nk_column_dup (row, 0);
  *present = sqlite3_column_int (row, 1) != 0;
  sqlite3_reset (row);
  return TRUE;
}

static void
add_concerns (JsonBuilder *payload, const NkHealthCheck *check)
{
  guint mask = concern_mask (check->time);

  for (guint i = 0; i < NK_HEALTH_N_CONCERNS; i++)
    {
      json_builder_set_member_name (payload, concerns[i].member);
      if (mask & concerns[i].bit)
        json_builder_add_boolean_value (payload, (check->concerns & concerns[i].bit) != 0);
      else
        json_builder_add_null_value (payload);   /* not asked at this check */
    }
}

static JsonBuilder *
build_payload (const NkHealthCheck *check, const char *checkout_id)
{
  JsonBuilder *payload = json_builder_new ();
  g_autofree char *watch = g_strstrip (g_strdup (check->watch != NULL ? check->watch : ""));

  json_builder_begin_object (payload);
  nk_json_text (payload, "child_id", check->child_id);
  nk_json_text (payload, "check_time", nk_health_check_time_to_string (check->time));
  nk_json_int (payload, "temperature", check->temperature);
  add_concerns (payload, check);
  nk_json_text (payload, "outcome", nk_health_outcome_to_string (check->outcome));
  nk_json_text (payload, "watch", *watch != '\0' ? watch : NULL);
  nk_json_text (payload, "checkout_id", checkout_id);
  json_builder_end_object (payload);
  return payload;
}

/* Red: the family takes the child home; the stay is closed by attendance's
 * own by-hand check-out, inside this record. */
static gboolean
close_stay (NkAttendance *attendance, NkRecord *rec, const NkHealthCheck *check, char **checkout_id,
            GError **error)
{
  g_autoptr (NkTapResult) out = NULL;

  out = nk_attendance_manual_in (attendance, rec, check->child_id, NK_DIRECTION_OUT,
                                 check->time == NK_HEALTH_MIDDAY ? NK_HEALTH_RED_MIDDAY_REASON
                                                                 : NK_HEALTH_RED_REASON,
                                 error);
  if (out == NULL)
    return FALSE;
  *checkout_id = g_strdup (out->event_id);
  return TRUE;
}

gboolean
nk_health_check_record (NkAttendance        *attendance,
                        const char          *staff_id,
                        const NkHealthCheck *check,
                        NkHealthCheckSaved  *saved,
                        GError             **error)
{
  NkStore *store = nk_attendance_get_store (attendance);
  NkActor actor = { "staff", staff_id };
  g_autoptr (NkRecord) rec = NULL;
  g_autoptr (NkHealthCheckEntry) earlier = NULL;
  g_autoptr (JsonBuilder) payload = NULL;
  g_autofree char *name = NULL;
  g_autofree char *checkout_id = NULL;
  gboolean present;
  const char *id;

  g_return_val_if_fail (check != NULL && check->child_id != NULL && saved != NULL, FALSE);

  if (!check_values (check, error))
    return FALSE;
  rec = nk_record_begin (store, nk_attendance_get_centre (attendance), &actor, error);
  if (rec == NULL)
    return FALSE;
  if (!checked_in_today (store, check->child_id, nk_record_get_date (rec), &present, &name, error))
    return FALSE;
  if (!present)
    {
      g_set_error (error, NK_STORE_ERROR, NK_STORE_ERROR_INVALID,
                   _("%s is not checked in: only a child checked in today is health-checked"), name);
      return FALSE;
    }
  if (!nk_health_check_find (store, check->child_id, nk_record_get_date (rec), check->time,
                             &earlier, error))
    return FALSE;
  if (check->outcome == NK_HEALTH_RED && !close_stay (attendance, rec, check, &checkout_id, error))
    return FALSE;

  payload = build_payload (check, checkout_id);
  /* the same check again the same day corrects the first: one check a day stands */
  id = earlier != NULL ? nk_kind_correct (rec, &nk_health_check_kind, earlier->id, payload, error)
                       : nk_kind_put (rec, &nk_health_check_kind, payload, error);
  if (id == NULL)
    return FALSE;

  saved->id = g_strdup (id);
  saved->corrects = earlier != NULL ? g_strdup (earlier->id) : NULL;
  saved->checkout_id = g_steal_pointer (&checkout_id);
  saved->fever = check->temperature >= NK_HEALTH_TEMPERATURE_FEVER;
  if (!nk_record_commit (g_steal_pointer (&rec), error))
    {
      nk_health_check_saved_clear (saved);
      return FALSE;
    }
  return TRUE;
}

/* ---------------------------------------------------------------- queries */

/* The checks that stand (not corrected, not deleted), under an alias. */
#define STANDING_CHECKS "(SELECT * FROM health_checks WHERE " NK_KIND_STANDS ("health_checks") ")"
#define ENTRY_COLUMNS \
  "h.id, h.child_id, h.check_time, h.temperature, h.outcome, h.watch, h.at_us, s.name, " \
  "h.feels_hot, h.face, h.throat, h.skin, h.eyes, h.spirits, h.eating, h.sleep, h.toileting, h.pockets"
#define ENTRY_FROM \
  "FROM " STANDING_CHECKS " h LEFT JOIN staff s ON h.by_kind = 'staff' AND s.id = h.by_id "

static NkHealthCheckEntry *
entry_from_row (sqlite3_stmt *row)
{
  NkHealthCheckEntry *entry = g_new0 (NkHealthCheckEntry, 1);
  const char *outcome = (const char *) sqlite3_column_text (row, 4);

  entry->id = nk_column_dup (row, 0);
  entry->child_id = nk_column_dup (row, 1);
  entry->time = g_strcmp0 ((const char *) sqlite3_column_text (row, 2), "midday") == 0
                ? NK_HEALTH_MIDDAY : NK_HEALTH_MORNING;
  entry->temperature = sqlite3_column_int (row, 3);
  entry->outcome = g_strcmp0 (outcome, "red") == 0 ? NK_HEALTH_RED
                   : g_strcmp0 (outcome, "yellow") == 0 ? NK_HEALTH_YELLOW : NK_HEALTH_GREEN;
  entry->watch = nk_column_dup (row, 5);
  entry->at_us = sqlite3_column_int64 (row, 6);
  entry->staff_name = nk_column_dup (row, 7);
  for (guint i = 0; i < NK_HEALTH_N_CONCERNS; i++)
    if (sqlite3_column_int (row, 8 + (int) i) != 0)
      entry->concerns |= concerns[i].bit;
  return entry;
}

gboolean
nk_health_check_find (NkStore            *store,
                      const char         *child_id,
                      const char         *date,
                      NkHealthCheckTime   time,
                      NkHealthCheckEntry **entry,
                      GError            **error)
{
  sqlite3_stmt *row;

  *entry = NULL;
  if (!nk_store_query_row (store, &row,
                           "SELECT " ENTRY_COLUMNS " " ENTRY_FROM
                           "WHERE h.local_date = :date AND h.child_id = :child_id "
                           "AND h.check_time = :time "
                           "ORDER BY h.at_us DESC, h.id DESC LIMIT 1",
                           _("Cannot read the health checks"), error,
                           NK_TEXT (":date", date), NK_TEXT (":child_id", child_id),
                           NK_TEXT (":time", nk_health_check_time_to_string (time)), NK_END))
    return FALSE;
  if (row != NULL)
    {
      *entry = entry_from_row (row);
      sqlite3_reset (row);
    }
  return TRUE;
}

gboolean
nk_health_check_next (NkStore          *store,
                      NkCentre         *centre,
                      const char       *room_id,
                      NkHealthCheckTime time,
                      const char       *after_child_id,
                      char            **child_id,
                      char            **name,
                      GError          **error)
{
  g_autofree char *today = nk_centre_today (centre);
  g_autoptr (GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  guint pick = 0;
  int rc;

  *child_id = NULL;
  *name = NULL;
  stmt = nk_store_prepare (store,
                           "SELECT c.id, c.name FROM children c "
                           "WHERE c.room_id = :room AND c.active "
                           "AND (SELECT a.kind = 'in' AND a.local_date = :date FROM attendance a "
                           "     WHERE a.child_id = c.id ORDER BY a.order_us DESC, a.id DESC LIMIT 1) "
                           "AND NOT EXISTS (SELECT 1 FROM " STANDING_CHECKS " h WHERE h.child_id = c.id "
                           "  AND h.local_date = :date AND h.check_time = :time) "
                           "ORDER BY c.name, c.id",
                           error);
  if (stmt == NULL
      || !nk_store_bind (store, stmt, error, NK_TEXT (":room", room_id), NK_TEXT (":date", today),
                         NK_TEXT (":time", nk_health_check_time_to_string (time)), NK_END))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_ptr_array_add (ids, nk_column_dup (stmt, 0));
      g_ptr_array_add (names, nk_column_dup (stmt, 1));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      nk_store_set_error (store, error, _("Cannot read the health checks"));
      return FALSE;
    }
  if (ids->len == 0)
    return TRUE;
  /* the list goes on after the child just done, and wraps round */
  if (after_child_id != NULL)
    {
      g_autofree char *after_name = NULL;
      sqlite3_stmt *row;

      if (!nk_store_query_row (store, &row, "SELECT name FROM children WHERE id = :id",
                               _("Cannot read the roster"), error, NK_TEXT (":id", after_child_id),
                               NK_END))
        return FALSE;
      if (row != NULL)
        {
          after_name = nk_column_dup (row, 0);
          sqlite3_reset (row);
        }
      for (pick = 0; pick < ids->len; pick++)
        {
          int c = g_strcmp0 (names->pdata[pick], after_name);
          if (c > 0 || (c == 0 && g_strcmp0 (ids->pdata[pick], after_child_id) > 0))
            break;
        }
      if (pick == ids->len)
        pick = 0;
    }
  *child_id = g_strdup (ids->pdata[pick]);
  *name = g_strdup (names->pdata[pick]);
  return TRUE;
}

/* ---------------------------------------------------------------- the day */

static char *
line_detail (const NkHealthCheckEntry *entry)
{
  g_autofree char *t = nk_health_format_temperature (entry->temperature);

  switch (entry->outcome)
    {
    case NK_HEALTH_YELLOW:
      /* TRANSLATORS: the parent's day: temperature, then what staff watch */
      return g_strdup_printf (_("%s · admitted, watching: %s"), t, entry->watch ? entry->watch : "");
    case NK_HEALTH_RED:
      /* TRANSLATORS: the parent's day: temperature */
      return g_strdup_printf (_("%s · not admitted, taken home"), t);
    case NK_HEALTH_GREEN:
    default:
      /* TRANSLATORS: the parent's day: temperature */
      return g_strdup_printf (_("%s · all well"), t);
    }
}

/* Minutes since midnight now at the centre, or -1 when date is not today
 * there (a day gone by has nothing due). */
static int
minutes_today (NkCentre *centre, const char *date)
{
  gint64 now = nk_centre_now (centre);
  g_autofree char *today = nk_centre_local_date (centre, now);
  g_autoptr (GDateTime) utc = NULL;
  g_autoptr (GDateTime) local = NULL;

  if (g_strcmp0 (today, date) != 0)
    return -1;
  utc = g_date_time_new_from_unix_utc (now / G_USEC_PER_SEC);
  local = g_date_time_to_timezone (utc, nk_centre_get_timezone (centre));
  return g_date_time_get_hour (local) * 60 + g_date_time_get_minute (local);
}

static void
add_marks (NkDaySet *set, GHashTable *morning, GHashTable *midday)
{
  int minutes = minutes_today (nk_day_set_get_centre (set), nk_day_set_get_date (set));

  for (guint i = 0; i < nk_day_set_get_n (set); i++)
    {
      NkChildDay *day = nk_day_set_get (set, i);
      NkHealthCheckEntry *am = g_hash_table_lookup (morning, day->child_id);
      NkHealthCheckEntry *noon = g_hash_table_lookup (midday, day->child_id);
      NkHealthCheckEntry *latest = noon != NULL ? noon : am;

      if (latest != NULL && latest->outcome == NK_HEALTH_YELLOW && day->present)
        /* TRANSLATORS: a mark in staff mode's room list: admitted, to be watched */
        nk_child_day_add_mark (day, "health.watch", _("Watch"), NK_DAY_MARK_WARNING);
      if (minutes < 0 || !day->present)
        continue;
      if (am == NULL)
        /* TRANSLATORS: a mark in staff mode's room list: 未晨检 */
        nk_child_day_add_mark (day, "health.morning", _("No morning check"), NK_DAY_MARK_DUE);
      else if (noon == NULL && minutes >= NK_HEALTH_MIDDAY_FROM_MIN)
        /* TRANSLATORS: a mark in staff mode's room list: 未午检 */
        nk_child_day_add_mark (day, "health.midday", _("No midday check"), NK_DAY_MARK_DUE);
    }
}

gboolean
nk_health_check_day_source (NkStore  *store,
                            NkDaySet *set,
                            GError  **error)
{
  g_autoptr (GHashTable) morning = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                          (GDestroyNotify) nk_health_check_entry_free);
  g_autoptr (GHashTable) midday = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                         (GDestroyNotify) nk_health_check_entry_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = nk_store_prepare (store,
                           "SELECT " ENTRY_COLUMNS " " ENTRY_FROM
                           "WHERE h.local_date = :date "
                           "AND h.child_id IN " NK_DAY_SET_CHILDREN " ORDER BY h.at_us, h.id",
                           error);
  if (stmt == NULL || !nk_day_set_bind_children (set, store, stmt, error)
      || !nk_store_bind (store, stmt, error, NK_TEXT (":date", nk_day_set_get_date (set)), NK_END))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      NkHealthCheckEntry *entry = entry_from_row (stmt);
      NkChildDay *day = nk_day_set_find (set, entry->child_id);
      g_autofree char *detail = NULL;
      gboolean flagged;

      if (day == NULL)
        {
          nk_health_check_entry_free (entry);
          continue;
        }
      detail = line_detail (entry);
      flagged = entry->temperature >= NK_HEALTH_TEMPERATURE_FEVER || entry->outcome != NK_HEALTH_GREEN;
      nk_child_day_add_line (day, NK_DAY_HEALTH, entry->at_us, 0,
                             entry->time == NK_HEALTH_MIDDAY ? _("Midday check") : _("Morning check"),
                             detail, entry->staff_name, entry->id,
                             flagged ? NK_DAY_LINE_FLAGGED : 0);
      g_hash_table_replace (entry->time == NK_HEALTH_MIDDAY ? midday : morning, day->child_id, entry);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      nk_store_set_error (store, error, _("Cannot read the health checks"));
      return FALSE;
    }
  add_marks (set, morning, midday);
  return TRUE;
}
