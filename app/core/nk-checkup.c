/* nk-checkup.c — check-up results (nk-checkup.h): the kind, its tables and
 * migration, its rules, its queries, the rule of more than three months
 * away and the day source; the visits' queries. */
#define G_LOG_DOMAIN "nk-core"

#include "config.h"

#include <glib/gi18n.h>

#include "nk-check.h"
#include "nk-checkup.h"
#include "nk-migrations.h"
#include "nk-record.h"
#include "nk-store-private.h"

/* What the migration accepts of a visit kept as received (nk-checkup-pull.c
 * checks the same in C): a body holding an object with a real date, an
 * institution of 1–100 characters without control characters, a note of
 * at most 200 or none, and room_ids "all" or 1–50 room ids this kiosk
 * holds, each once. */
#define CTRL "'*[' || char(1) || '-' || char(31) || char(127) || ']*'"
#define VISIT_OK(b) \
  "(json_valid(" b ") AND json_type(" b ") = 'object' " \
  "AND json_type(" b ", '$.date') = 'text' " \
  "AND date(json_extract(" b ", '$.date'), '+0 days') IS json_extract(" b ", '$.date') " \
  "AND json_type(" b ", '$.institution') = 'text' " \
  "AND length(trim(json_extract(" b ", '$.institution'))) > 0 " \
  "AND length(json_extract(" b ", '$.institution')) <= 100 " \
  "AND NOT json_extract(" b ", '$.institution') GLOB " CTRL " " \
  "AND (json_type(" b ", '$.note') IS NULL OR json_type(" b ", '$.note') = 'null' " \
  "  OR (json_type(" b ", '$.note') = 'text' AND length(json_extract(" b ", '$.note')) <= 200 " \
  "      AND NOT json_extract(" b ", '$.note') GLOB " CTRL ")) " \
  "AND (json_extract(" b ", '$.room_ids') IS 'all' " \
  "  OR (json_type(" b ", '$.room_ids') = 'array' " \
  "      AND json_array_length(" b ", '$.room_ids') BETWEEN 1 AND 50 " \
  "      AND NOT EXISTS (SELECT 1 FROM json_each(" b ", '$.room_ids') e " \
  "        WHERE e.type != 'text' OR e.value NOT IN (SELECT id FROM rooms)) " \
  "      AND (SELECT count(DISTINCT e.value) FROM json_each(" b ", '$.room_ids') e) " \
  "        = json_array_length(" b ", '$.room_ids'))))"

static const char *const checkup_steps[] = {
  /* 1: results; the contracted institution's visits, with the records of
   * the "checkups" section earlier versions kept as received applied (the
   * good ones) or set aside in quarantine (the others, reported to the
   * platform like any record refused). */
  "CREATE TABLE checkup_results (" NK_KIND_COLUMNS ","
  "  child_id TEXT NOT NULL,"
  "  checkup_date TEXT NOT NULL,"
  "  height_mm INTEGER NOT NULL,"
  "  weight_g INTEGER NOT NULL,"
  "  head_mm INTEGER,"
  "  haemoglobin INTEGER,"
  "  hearing TEXT NOT NULL,"
  "  eyes TEXT NOT NULL,"
  "  notes TEXT);"
  "CREATE INDEX checkup_results_child ON checkup_results (child_id, checkup_date);"
  "CREATE INDEX checkup_results_corrects ON checkup_results (corrects);"
  "CREATE TABLE checkup_visits ("
  "  id TEXT PRIMARY KEY,"
  "  visit_date TEXT NOT NULL,"
  "  institution TEXT NOT NULL,"
  "  note TEXT,"
  "  all_rooms INTEGER NOT NULL);"
  "CREATE INDEX checkup_visits_date ON checkup_visits (visit_date);"
  "CREATE TABLE checkup_visit_rooms ("
  "  visit_id TEXT NOT NULL REFERENCES checkup_visits (id) ON DELETE CASCADE,"
  "  room_id TEXT NOT NULL,"
  "  PRIMARY KEY (visit_id, room_id));"
  "INSERT INTO checkup_visits (id, visit_date, institution, note, all_rooms) "
  "  SELECT id, json_extract(body, '$.date'), json_extract(body, '$.institution'), "
  "    json_extract(body, '$.note'), json_extract(body, '$.room_ids') IS 'all' "
  "  FROM pulled_records WHERE section = 'checkups' AND " VISIT_OK ("body") ";"
  "INSERT INTO checkup_visit_rooms (visit_id, room_id) "
  "  SELECT p.id, e.value FROM pulled_records p, json_each(p.body, '$.room_ids') e "
  "  WHERE p.section = 'checkups' AND p.id IN (SELECT id FROM checkup_visits) "
  "  AND json_type(p.body, '$.room_ids') = 'array';"
  "INSERT INTO pull_quarantine (section, id, body, reason, code, field, received_us, reported) "
  "  SELECT 'checkups', id, body, 'kept by an earlier version; not a valid check-up visit "
  "(date, institution, note or room_ids)', 'invalid', NULL, received_us, 0 "
  "  FROM pulled_records WHERE section = 'checkups' AND id NOT IN (SELECT id FROM checkup_visits) "
  "  ON CONFLICT (section, id) DO NOTHING;"
  "DELETE FROM pulled_records WHERE section = 'checkups';",
};

NK_MIGRATION_LIST (nk_checkup_migrations, "checkup", checkup_steps, 0);

static const char *const screens[] = { "not_done", "pass", "refer", NULL };

static const NkKindField checkup_fields[] = {
  { "child_id", NK_FIELD_ID },
  { "checkup_date", NK_FIELD_TEXT, .max = 10 },
  { "height_mm", NK_FIELD_INT, .min = NK_CHECKUP_HEIGHT_MIN, .max = NK_CHECKUP_HEIGHT_MAX },
  { "weight_g", NK_FIELD_INT, .min = NK_CHECKUP_WEIGHT_MIN, .max = NK_CHECKUP_WEIGHT_MAX },
  { "head_mm", NK_FIELD_INT, TRUE, .min = NK_CHECKUP_HEAD_MIN, .max = NK_CHECKUP_HEAD_MAX },
  { "haemoglobin", NK_FIELD_INT, TRUE, .min = NK_CHECKUP_HB_MIN, .max = NK_CHECKUP_HB_MAX },
  { "hearing", NK_FIELD_CHOICE, .choices = screens },
  { "eyes", NK_FIELD_CHOICE, .choices = screens },
  { "notes", NK_FIELD_TEXT, TRUE, .max = NK_CHECKUP_NOTES_MAX },
  { NULL }
};

const NkKind nk_checkup_result_kind = {
  .type = "checkup.result",
  .table = "checkup_results",
  .person = "child_id",
  .person_table = "children",
  .fields = checkup_fields,
};

const char *
nk_checkup_screen_to_string (NkCheckupScreen screen)
{
  g_return_val_if_fail (screen <= NK_SCREEN_REFER, "not_done");
  return screens[screen];
}

const char *
nk_checkup_screen_label (NkCheckupScreen screen)
{
  switch (screen)
    {
    case NK_SCREEN_PASS:
      /* TRANSLATORS: a hearing or eye screening passed */
      return _("Pass");
    case NK_SCREEN_REFER:
      /* TRANSLATORS: a hearing or eye screening: referred to a specialist (转诊) */
      return _("Refer");
    case NK_SCREEN_NOT_DONE:
    default:
      return _("Not done");
    }
}

static NkCheckupScreen
screen_from_string (const char *s)
{
  return g_strcmp0 (s, "pass") == 0 ? NK_SCREEN_PASS
         : g_strcmp0 (s, "refer") == 0 ? NK_SCREEN_REFER : NK_SCREEN_NOT_DONE;
}

char *
nk_checkup_format_cm (int mm)
{
  /* TRANSLATORS: a length, e.g. "92.5 cm" */
  return g_strdup_printf (_("%d.%d cm"), mm / 10, ABS (mm % 10));
}

char *
nk_checkup_format_kg (int g)
{
  int dag = (g + 5) / 10;   /* two decimals */

  /* TRANSLATORS: a weight, e.g. "13.40 kg" */
  return g_strdup_printf (_("%d.%02d kg"), dag / 100, dag % 100);
}

/* ---------------------------------------------------------------- rules */

static gboolean
invalid (GError **error, const char *message)
{
  g_set_error_literal (error, NK_STORE_ERROR, NK_STORE_ERROR_INVALID, message);
  return FALSE;
}

static gboolean
check_values (const NkCheckupResult *r, const GDate *birth, const GDate *today, GError **error)
{
  GDate date;
  int age;

  if (!nk_check_date (r->date, &date))
    return invalid (error, _("Give the check-up's date as YYYY-MM-DD, a real day"));
  if (g_date_compare (&date, today) > 0)
    return invalid (error, _("The check-up's date is after today: a result is recorded once the "
                             "child was seen"));
  if (g_date_compare (&date, birth) < 0)
    return invalid (error, _("The check-up's date is before the child was born"));
  if (r->height_mm < NK_CHECKUP_HEIGHT_MIN || r->height_mm > NK_CHECKUP_HEIGHT_MAX)
    return invalid (error, _("The height cannot be right: from 35.0 to 130.0 cm is accepted. "
                             "Please measure again."));
  if (r->weight_g < NK_CHECKUP_WEIGHT_MIN || r->weight_g > NK_CHECKUP_WEIGHT_MAX)
    return invalid (error, _("The weight cannot be right: from 1.50 to 35.00 kg is accepted. "
                             "Please weigh again."));
  age = nk_checkup_age_months (birth, &date);
  if (r->head_mm != 0 && age >= NK_CHECKUP_HEAD_UNDER_MONTHS)
    return invalid (error, _("The head circumference is measured only under 2 years of age: "
                             "leave it empty for this child"));
  if (r->head_mm != 0 && (r->head_mm < NK_CHECKUP_HEAD_MIN || r->head_mm > NK_CHECKUP_HEAD_MAX))
    return invalid (error, _("The head circumference cannot be right: from 28.0 to 56.0 cm is "
                             "accepted. Please measure again."));
  if (r->haemoglobin != 0 && (r->haemoglobin < NK_CHECKUP_HB_MIN || r->haemoglobin > NK_CHECKUP_HB_MAX))
    return invalid (error, _("The haemoglobin cannot be right: from 50 to 200 g/L is accepted"));
  if (r->hearing > NK_SCREEN_REFER || r->eyes > NK_SCREEN_REFER)
    return invalid (error, _("Choose pass, refer or not done for the hearing and eye screening"));
  if (r->notes != NULL && !nk_check_is_text (r->notes, NK_CHECKUP_NOTES_MAX, FALSE))
    return invalid (error, _("The doctor's notes are too long (500 characters at most) or hold "
                             "characters that cannot be kept"));
  return TRUE;
}

/* The child's date of birth; the staff member's right to record. */
static gboolean
read_people (NkStore *store, const char *child_id, const char *staff_id, GDate *birth,
             GError **error)
{
  sqlite3_stmt *row;
  g_autofree char *dob = NULL;
  g_autofree char *role = NULL;

  if (!nk_store_query_row (store, &row,
                           "SELECT c.date_of_birth, (SELECT s.role FROM staff s WHERE s.id = :staff "
                           "AND s.active) FROM children c WHERE c.id = :child AND c.active",
                           _("Cannot read the roster"), error, NK_TEXT (":child", child_id),
                           NK_TEXT (":staff", staff_id), NK_END))
    return FALSE;
  if (row == NULL)
    {
      g_set_error (error, NK_STORE_ERROR, NK_STORE_ERROR_NOT_FOUND,
                   _("No child with id %s at this centre"), child_id);
      return FALSE;
    }
  dob = nk_column_dup (row, 0);
  role = nk_column_dup (row, 1);
  sqlite3_reset (row);
  if (g_strcmp0 (role, "health") != 0 && g_strcmp0 (role, "director") != 0)
    return invalid (error, _("Only the health staff and the director record check-up results"));
  if (!nk_check_date (dob, birth))
    return invalid (error, _("The child's date of birth is not a real date: correct the roster first"));
  return TRUE;
}

static JsonBuilder *
build_payload (const NkCheckupResult *r)
{
  JsonBuilder *payload = json_builder_new ();
  g_autofree char *notes = g_strstrip (g_strdup (r->notes != NULL ? r->notes : ""));

  json_builder_begin_object (payload);
  nk_json_text (payload, "child_id", r->child_id);
  nk_json_text (payload, "checkup_date", r->date);
  nk_json_int (payload, "height_mm", r->height_mm);
  nk_json_int (payload, "weight_g", r->weight_g);
  json_builder_set_member_name (payload, "head_mm");
  if (r->head_mm != 0)
    json_builder_add_int_value (payload, r->head_mm);
  else
    json_builder_add_null_value (payload);
  json_builder_set_member_name (payload, "haemoglobin");
  if (r->haemoglobin != 0)
    json_builder_add_int_value (payload, r->haemoglobin);
  else
    json_builder_add_null_value (payload);
  nk_json_text (payload, "hearing", nk_checkup_screen_to_string (r->hearing));
  nk_json_text (payload, "eyes", nk_checkup_screen_to_string (r->eyes));
  nk_json_text (payload, "notes", *notes != '\0' ? notes : NULL);
  json_builder_end_object (payload);
  return payload;
}

char *
nk_checkup_record (NkStore               *store,
                   NkCentre              *centre,
                   const char            *staff_id,
                   const NkCheckupResult *result,
                   const char            *corrects,
                   GError               **error)
{
  NkActor actor = { "staff", staff_id };
  g_autoptr (NkRecord) rec = NULL;
  g_autoptr (JsonBuilder) payload = NULL;
  GDate birth, today;
  const char *id;
  char *out;

  g_return_val_if_fail (result != NULL && result->child_id != NULL && staff_id != NULL, NULL);

  rec = nk_record_begin (store, centre, &actor, error);
  if (rec == NULL)
    return NULL;
  if (!read_people (store, result->child_id, staff_id, &birth, error))
    return NULL;
  if (!nk_check_date (nk_record_get_date (rec), &today))
    return invalid (error, _("The centre's date cannot be read")), NULL;
  if (!check_values (result, &birth, &today, error))
    return NULL;
  if (corrects != NULL)
    {
      gboolean same = FALSE;

      if (!nk_store_exists (store, &same, "SELECT 1 FROM checkup_results WHERE id = ?1 AND child_id = ?2",
                            _("Cannot read the check-up results"), error, NK_TEXT ("?1", corrects),
                            NK_TEXT ("?2", result->child_id), NK_END))
        return NULL;
      if (!same)
        return invalid (error, _("That result is not this child's: it cannot be corrected here")), NULL;
    }
  payload = build_payload (result);
  id = corrects != NULL ? nk_kind_correct (rec, &nk_checkup_result_kind, corrects, payload, error)
                        : nk_kind_put (rec, &nk_checkup_result_kind, payload, error);
  if (id == NULL)
    return NULL;
  out = g_strdup (id);
  if (!nk_record_commit (g_steal_pointer (&rec), error))
    {
      g_free (out);
      return NULL;
    }
  return out;
}

/* ---------------------------------------------------------------- queries */

void
nk_checkup_entry_free (NkCheckupEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->id);
  g_free (entry->child_id);
  g_free (entry->date);
  g_free (entry->notes);
  g_free (entry->staff_name);
  g_free (entry);
}

GPtrArray *
nk_checkup_results (NkStore    *store,
                    const char *child_id,
                    GError    **error)
{
  g_autoptr (GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) nk_checkup_entry_free);
  sqlite3_stmt *stmt = nk_store_prepare (store,
                                         "SELECT r.id, r.child_id, r.checkup_date, r.height_mm, r.weight_g, "
                                         "  coalesce(r.head_mm, 0), coalesce(r.haemoglobin, 0), r.hearing, "
                                         "  r.eyes, r.notes, s.name "
                                         "FROM " NK_CHECKUP_STANDING " r LEFT JOIN staff s "
                                         "  ON r.by_kind = 'staff' AND s.id = r.by_id "
                                         "WHERE r.child_id = :child "
                                         "ORDER BY r.checkup_date, r.at_us, r.id",
                                         error);
  int rc;

  if (stmt == NULL || !nk_store_bind (store, stmt, error, NK_TEXT (":child", child_id), NK_END))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      NkCheckupEntry *e = g_new0 (NkCheckupEntry, 1);

      e->id = nk_column_dup (stmt, 0);
      e->child_id = nk_column_dup (stmt, 1);
      e->date = nk_column_dup (stmt, 2);
      e->height_mm = sqlite3_column_int (stmt, 3);
      e->weight_g = sqlite3_column_int (stmt, 4);
      e->head_mm = sqlite3_column_int (stmt, 5);
      e->haemoglobin = sqlite3_column_int (stmt, 6);
      e->hearing = screen_from_string ((const char *) sqlite3_column_text (stmt, 7));
      e->eyes = screen_from_string ((const char *) sqlite3_column_text (stmt, 8));
      e->notes = nk_column_dup (stmt, 9);
      e->staff_name = nk_column_dup (stmt, 10);
      g_ptr_array_add (entries, e);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      nk_store_set_error (store, error, _("Cannot read the check-up results"));
      return NULL;
    }
  return g_steal_pointer (&entries);
}

gboolean
nk_checkup_put_demo (NkStore    *store,
                     const char *child_id,
                     const char *date_of_birth,
                     int         months,
                     int         height_mm,
                     int         weight_g,
                     GError    **error)
{
  g_autofree char *id = g_strdup_printf ("demo-checkup-%s-%d", child_id, months);
  g_autofree char *day = NULL;
  GDate birth, at;

  if (!nk_check_date (date_of_birth, &birth))
    return invalid (error, _("The child's date of birth is not a real date: correct the roster first"));
  nk_checkup_add_months (&birth, months, &at);
  day = g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (&at), g_date_get_month (&at),
                         g_date_get_day (&at));
  return nk_store_run (store,
                       "INSERT OR IGNORE INTO checkup_results (id, at_us, local_date, device_id, by_kind, "
                       "  child_id, checkup_date, height_mm, weight_g, head_mm, haemoglobin, hearing, eyes, notes) "
                       "VALUES (:id, :at, :day, 'demo', 'system', :child, :day, :h, :w, nullif(:head, 0), 118, 'pass', "
                       "  'pass', NULL)",
                       _("Cannot keep the check-up result"), error, NK_TEXT (":id", id),
                       NK_INT (":at", g_get_real_time ()),
                       NK_TEXT (":day", day), NK_TEXT (":child", child_id), NK_INT (":h", height_mm),
                       NK_INT (":w", weight_g), NK_INT (":head", months < 24 ? 420 + months * 2 : 0),
                       NK_END);
}

gboolean
nk_checkup_read_child (NkStore    *store,
                       const char *child_id,
                       char      **name,
                       char      **date_of_birth,
                       GError    **error)
{
  sqlite3_stmt *row;

  if (!nk_store_query_row (store, &row, "SELECT name, date_of_birth FROM children WHERE id = ?1",
                           _("Cannot read the roster"), error, NK_TEXT ("?1", child_id), NK_END))
    return FALSE;
  if (row == NULL)
    {
      g_set_error (error, NK_STORE_ERROR, NK_STORE_ERROR_NOT_FOUND, _("No child with id %s"), child_id);
      return FALSE;
    }
  *name = nk_column_dup (row, 0);
  *date_of_birth = nk_column_dup (row, 1);
  sqlite3_reset (row);
  return TRUE;
}

/* ---------------------------------------------------------------- away */

/* Whether coming back on back after last (both dates) is after more than
 * three months away. */
static gboolean
away_too_long (const char *last, const char *back)
{
  GDate l, b, limit;

  if (!nk_check_date (last, &l) || !nk_check_date (back, &b))
    return FALSE;
  nk_checkup_add_months (&l, NK_CHECKUP_AWAY_MONTHS, &limit);
  return g_date_compare (&b, &limit) > 0;
}

gboolean
nk_checkup_return_needed (NkStore    *store,
                          const char *child_id,
                          const char *date,
                          gboolean   *needed,
                          char      **last_day,
                          GError    **error)
{
  sqlite3_stmt *row;
  g_autofree char *last = NULL;
  gboolean seen;

  *needed = FALSE;
  *last_day = NULL;
  /* the last day before date; one indexed query, and one more when away */
  if (!nk_store_query_row (store, &row,
                           "SELECT max(local_date) FROM attendance WHERE child_id = :child "
                           "AND local_date < :date",
                           _("Cannot read attendance"), error, NK_TEXT (":child", child_id),
                           NK_TEXT (":date", date), NK_END))
    return FALSE;
  if (row != NULL)
    {
      last = nk_column_dup (row, 0);
      sqlite3_reset (row);
    }
  if (last == NULL || !away_too_long (last, date))
    return TRUE;
  if (!nk_store_exists (store, &seen,
                        "SELECT 1 FROM " NK_CHECKUP_STANDING " r WHERE r.child_id = ?1 "
                        "AND r.checkup_date > ?2",
                        _("Cannot read the check-up results"), error, NK_TEXT ("?1", child_id),
                        NK_TEXT ("?2", last), NK_END))
    return FALSE;
  *needed = !seen;
  *last_day = g_steal_pointer (&last);
  return TRUE;
}

gboolean
nk_checkup_door_note (const NkNoteContext *ctx,
                      NkTapResult         *result,
                      GError             **error)
{
  g_autofree char *last = NULL;
  g_autofree char *text = NULL;
  gboolean needed;

  if (result->outcome != NK_TAP_CHECKED_IN || result->holder == NK_HOLDER_STAFF
      || result->person_id == NULL)
    return TRUE;
  if (!nk_checkup_return_needed (ctx->store, result->person_id, ctx->date, &needed, &last, error))
    return FALSE;
  if (!needed)
    return TRUE;
  /* TRANSLATORS: a note to staff at the door: the child's name, the last day they came */
  text = g_strdup_printf (_("%s has been away more than 3 months (last here %s): a check-up is "
                            "needed before coming back"),
                          result->person_name != NULL ? result->person_name : result->person_id, last);
  nk_tap_result_add_note (result, NK_NOTE_STAFF, NK_NOTE_WARNING, "checkup.return", result->person_id, text);
  return TRUE;
}

/* The latest standing result's date of each child of set (child id →
 * date). */
static gboolean
latest_results (NkStore    *store,
                NkDaySet   *set,
                GHashTable *latest,
                GError    **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = nk_store_prepare (store,
                           "SELECT r.child_id, max(r.checkup_date) FROM " NK_CHECKUP_STANDING " r "
                           "WHERE r.child_id IN " NK_DAY_SET_CHILDREN " GROUP BY r.child_id",
                           error);
  if (stmt == NULL || !nk_day_set_bind_children (set, store, stmt, error))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_replace (latest, nk_column_dup (stmt, 0), nk_column_dup (stmt, 1));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      nk_store_set_error (store, error, _("Cannot read the check-up results"));
      return FALSE;
    }
  return TRUE;
}

/* The last day before a time away of more than three months that no
 * result came after, when the child of the set came back from it on back
 * (or is still away on the set's date): kept in away (child id → the
 * latest such day). */
static void
note_gap (GHashTable *away,
          GHashTable *latest,
          const char *child,
          const char *last,
          const char *back)
{
  const char *result = g_hash_table_lookup (latest, child);

  /* dates as YYYY-MM-DD compare as strings */
  if ((result == NULL || strcmp (result, last) <= 0) && away_too_long (last, back))
    g_hash_table_replace (away, g_strdup (child), g_strdup (last));
}

/* The latest time away of more than three months of each child of the
 * set, up to its date (the day they came back may be that date, or still
 * to come): the mark stays until a result dated after the last day before
 * it.  The days come from the index on (child_id, local_date) in order,
 * and the gaps are walked here: one pass, no sort. */
gboolean
nk_checkup_day_source (NkStore  *store,
                       NkDaySet *set,
                       GError  **error)
{
  g_autoptr (GHashTable) latest = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr (GHashTable) away = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *child = NULL, *last = NULL;
  const char *date = nk_day_set_get_date (set);
  sqlite3_stmt *stmt;
  int rc;

  if (!latest_results (store, set, latest, error))
    return FALSE;
  stmt = nk_store_prepare (store,
                           "SELECT DISTINCT child_id, local_date FROM attendance "
                           "WHERE child_id IN " NK_DAY_SET_CHILDREN " AND local_date <= :date "
                           "ORDER BY child_id, local_date",
                           error);
  if (stmt == NULL || !nk_day_set_bind_children (set, store, stmt, error)
      || !nk_store_bind (store, stmt, error, NK_TEXT (":date", date), NK_END))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *c = (const char *) sqlite3_column_text (stmt, 0);
      const char *day = (const char *) sqlite3_column_text (stmt, 1);

      if (child != NULL && strcmp (child, c) == 0)
        note_gap (away, latest, child, last, day);
      else
        {
          if (child != NULL)
            note_gap (away, latest, child, last, date);   /* still away since their last day */
          g_free (child);
          child = g_strdup (c);
        }
      g_free (last);
      last = g_strdup (day);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      nk_store_set_error (store, error, _("Cannot read attendance"));
      return FALSE;
    }
  if (child != NULL)
    note_gap (away, latest, child, last, date);
  for (guint i = 0; i < nk_day_set_get_n (set); i++)
    {
      NkChildDay *day = nk_day_set_get (set, i);

      if (g_hash_table_contains (away, day->child_id))
        /* TRANSLATORS: a mark in staff mode's room list: away more than 3 months, 返园需体检 */
        nk_child_day_add_mark (day, "checkup.return", _("Check-up before return"), NK_DAY_MARK_WARNING);
    }
  return TRUE;
}

/* ---------------------------------------------------------------- visits */

void
nk_checkup_visit_free (NkCheckupVisit *visit)
{
  if (visit == NULL)
    return;
  g_free (visit->id);
  g_free (visit->date);
  g_free (visit->institution);
  g_free (visit->note);
  g_free (visit);
}

gboolean
nk_checkup_next_visit (NkStore         *store,
                       const char      *from,
                       const char      *room_id,
                       NkCheckupVisit **visit,
                       GError         **error)
{
  sqlite3_stmt *row;

  *visit = NULL;
  if (!nk_store_query_row (store, &row,
                           "SELECT v.id, v.visit_date, v.institution, v.note FROM checkup_visits v "
                           "WHERE v.visit_date >= :from AND (:room IS NULL OR v.all_rooms "
                           "  OR EXISTS (SELECT 1 FROM checkup_visit_rooms r WHERE r.visit_id = v.id "
                           "             AND r.room_id = :room)) "
                           "ORDER BY v.visit_date, v.id LIMIT 1",
                           _("Cannot read the check-up visits"), error, NK_TEXT (":from", from),
                           NK_TEXT (":room", room_id), NK_END))
    return FALSE;
  if (row != NULL)
    {
      NkCheckupVisit *v = g_new0 (NkCheckupVisit, 1);

      v->id = nk_column_dup (row, 0);
      v->date = nk_column_dup (row, 1);
      v->institution = nk_column_dup (row, 2);
      v->note = nk_column_dup (row, 3);
      sqlite3_reset (row);
      *visit = v;
    }
  return TRUE;
}
