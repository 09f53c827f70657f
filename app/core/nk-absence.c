/* nk-absence.c — absence reasons (nk-absence.h): the kind, its table and
 * migration, the labels, the settings, the rules, who is expected, and
 * the health check back after an illness (door note and day mark). */
#define G_LOG_DOMAIN "nk-core"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "nk-absence.h"
#include "nk-check.h"
#include "nk-migrations.h"
#include "nk-outbreak.h"
#include "nk-record.h"
#include "nk-store-private.h"

static const char *const absence_steps[] = {
  /* 1: the reasons; room_id is the child's room when recorded */
  "CREATE TABLE absences (" NK_KIND_COLUMNS ","
  "  child_id TEXT NOT NULL,"
  "  room_id TEXT NOT NULL,"
  "  absent_date TEXT NOT NULL,"
  "  until_date TEXT,"
  "  reason TEXT NOT NULL,"
  "  fever INTEGER NOT NULL, cough INTEGER NOT NULL, diarrhoea INTEGER NOT NULL,"
  "  vomiting INTEGER NOT NULL, rash INTEGER NOT NULL, hfmd INTEGER NOT NULL,"
  "  other INTEGER NOT NULL,"
  "  other_symptom TEXT);"
  "CREATE INDEX absences_child ON absences (child_id, absent_date);"
  "CREATE INDEX absences_date ON absences (absent_date);"
  "CREATE INDEX absences_corrects ON absences (corrects);",
};

NK_MIGRATION_LIST (nk_absence_migrations, "absence", absence_steps, 0);

static const char *const reasons[] = { "illness", "leave", "unknown", NULL };
static const char *const symptoms[] = { "fever", "cough", "diarrhoea", "vomiting", "rash", "hfmd", "other", NULL };

G_STATIC_ASSERT (G_N_ELEMENTS (symptoms) == NK_SYMPTOM_N + 1);

static gboolean check_absence_payload (JsonObject *payload, const char **field, GError **error);

static const NkKindField absence_fields[] = {
  { "child_id", NK_FIELD_ID },
  { "room_id", NK_FIELD_ID },
  { "absent_date", NK_FIELD_TEXT, .max = 10 },
  { "until_date", NK_FIELD_TEXT, TRUE, .max = 10 },
  { "reason", NK_FIELD_CHOICE, .choices = reasons },
  { "fever", NK_FIELD_BOOL },
  { "cough", NK_FIELD_BOOL },
  { "diarrhoea", NK_FIELD_BOOL },
  { "vomiting", NK_FIELD_BOOL },
  { "rash", NK_FIELD_BOOL },
  { "hfmd", NK_FIELD_BOOL },
  { "other", NK_FIELD_BOOL },
  { "other_symptom", NK_FIELD_TEXT, TRUE, .max = NK_ABSENCE_OTHER_MAX },
  { NULL }
};

const NkKind nk_absence_kind = {
  .type = "absence.reason",
  .table = "absences",
  .person = "child_id",
  .person_table = "children",
  .fields = absence_fields,
  .check = check_absence_payload,
};

/* The symptoms' columns, in the order of NkSymptom, as SQL. */
#define SYMPTOM_COLUMNS(t) \
  t ".fever, " t ".cough, " t ".diarrhoea, " t ".vomiting, " t ".rash, " t ".hfmd, " t ".other"

/* ---------------------------------------------------------------- labels */

const char *
nk_absence_reason_to_string (NkAbsenceReason reason)
{
  g_return_val_if_fail ((guint) reason <= NK_ABSENCE_UNKNOWN, "unknown");
  return reasons[reason];
}

/* The index of str in the NULL-terminated list, or -1. */
static int
index_in (const char *const *list,
          const char        *str)
{
  for (int i = 0; str != NULL && list[i] != NULL; i++)
    if (g_str_equal (str, list[i]))
      return i;
  return -1;
}

gboolean
nk_absence_reason_from_string (const char      *str,
                               NkAbsenceReason *out)
{
  int i = index_in (reasons, str);

  if (i >= 0)
    *out = (NkAbsenceReason) i;
  return i >= 0;
}

const char *
nk_absence_reason_label (NkAbsenceReason reason)
{
  switch (reason)
    {
    case NK_ABSENCE_ILLNESS:
      /* TRANSLATORS: the reason of an absence (病假) */
      return C_("absence", "Illness");
    case NK_ABSENCE_LEAVE:
      /* TRANSLATORS: the reason of an absence: a family's leave (事假) */
      return C_("absence", "Leave");
    case NK_ABSENCE_UNKNOWN:
    default:
      /* TRANSLATORS: the reason of an absence: the family could not say or was not reached */
      return C_("absence", "Unknown");
    }
}

NkSymptom
nk_symptom_nth (guint i)
{
  g_return_val_if_fail (i < NK_SYMPTOM_N, NK_SYMPTOM_OTHER);
  return (NkSymptom) (1 << i);
}

static guint
symptom_index (NkSymptom symptom)
{
  for (guint i = 0; i < NK_SYMPTOM_N; i++)
    if (symptom == (NkSymptom) (1 << i))
      return i;
  g_return_val_if_reached (NK_SYMPTOM_N - 1);
}

const char *
nk_symptom_to_string (NkSymptom symptom)
{
  return symptoms[symptom_index (symptom)];
}

gboolean
nk_symptom_from_string (const char *str,
                        NkSymptom  *out)
{
  int i = index_in (symptoms, str);

  if (i >= 0)
    *out = nk_symptom_nth ((guint) i);
  return i >= 0;
}

const char *
nk_symptom_label (NkSymptom symptom)
{
  switch (symptom)
    {
    case NK_SYMPTOM_FEVER:
      /* TRANSLATORS: a symptom of an illness absence (发热) */
      return C_("symptom", "Fever");
    case NK_SYMPTOM_COUGH:
      return C_("symptom", "Cough");
    case NK_SYMPTOM_DIARRHOEA:
      return C_("symptom", "Diarrhoea");
    case NK_SYMPTOM_VOMITING:
      return C_("symptom", "Vomiting");
    case NK_SYMPTOM_RASH:
      return C_("symptom", "Rash");
    case NK_SYMPTOM_HFMD:
      /* TRANSLATORS: a symptom: blisters on hands, feet, mouth (手足口症状) */
      return C_("symptom", "Hand-foot-mouth signs");
    case NK_SYMPTOM_OTHER:
    default:
      /* TRANSLATORS: a symptom not in the list, described in a text */
      return C_("symptom", "Other");
    }
}

char *
nk_symptoms_describe (guint       flags,
                      const char *other_text)
{
  g_autoptr (GString) out = g_string_new (NULL);

  for (guint i = 0; i < NK_SYMPTOM_N; i++)
    {
      NkSymptom s = nk_symptom_nth (i);

      if (!(flags & s))
        continue;
      if (out->len > 0)
        /* TRANSLATORS: between the symptoms of a list ("fever, cough": 发热、咳嗽) */
        g_string_append (out, C_("symptoms", ", "));
      if (s == NK_SYMPTOM_OTHER && other_text != NULL && *other_text != '\0')
        g_string_append (out, other_text);
      else
        g_string_append (out, nk_symptom_label (s));
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* ---------------------------------------------------------------- settings */

static NkAbsenceSettings settings = {
  9 * 60 + 30,
  NK_ABSENCE_DAY_BIT (G_DATE_MONDAY) | NK_ABSENCE_DAY_BIT (G_DATE_TUESDAY)
  | NK_ABSENCE_DAY_BIT (G_DATE_WEDNESDAY) | NK_ABSENCE_DAY_BIT (G_DATE_THURSDAY)
  | NK_ABSENCE_DAY_BIT (G_DATE_FRIDAY),
};

void
nk_absence_settings_set (const NkAbsenceSettings *s)
{
  g_return_if_fail (s != NULL && s->after_minutes < 24 * 60);
  settings = *s;
}

const NkAbsenceSettings *
nk_absence_settings_get (void)
{
  return &settings;
}

/* ---------------------------------------------------------------- rules */

static gboolean
invalid (GError    **error,
         const char *message)
{
  g_set_error_literal (error, NK_STORE_ERROR, NK_STORE_ERROR_INVALID, message);
  return FALSE;
}

/* What the fields cannot say, for every payload (here and relayed). */
static gboolean
check_absence_payload (JsonObject  *payload,
                       const char **field,
                       GError     **error)
{
  const char *from = json_object_get_string_member (payload, "absent_date");
  const char *until = json_object_get_string_member_with_default (payload, "until_date", NULL);
  const char *reason = json_object_get_string_member (payload, "reason");
  g_autofree char *last = NULL;
  gboolean any = FALSE;
  GDate d;

  if (!nk_check_date (from, &d))
    return nk_kind_invalid (error, field, "payload.absent_date", _("not a real date YYYY-MM-DD"));
  last = nk_check_date_add (from, NK_ABSENCE_MAX_DAYS);
  if (until != NULL && (!nk_check_date (until, &d) || g_strcmp0 (until, from) < 0 || g_strcmp0 (until, last) > 0))
    return nk_kind_invalid (error, field, "payload.until_date",
                            _("not a real date from absent_date to 30 days after it"));
  for (guint i = 0; symptoms[i] != NULL; i++)
    any |= json_object_get_boolean_member (payload, symptoms[i]);
  if (g_str_equal (reason, "illness") != any)
    return nk_kind_invalid (error, field, "payload.reason",
                            _("an illness names at least one symptom, another reason none"));
  if (json_object_get_boolean_member (payload, "other")
      != (json_object_get_string_member_with_default (payload, "other_symptom", NULL) != NULL))
    return nk_kind_invalid (error, field, "payload.other_symptom", _("given with \"other\" and only then"));
  return TRUE;
}

/* The values of absence, with the messages staff see. */
static gboolean
check_values (const NkAbsence *a,
              const char      *other,
              const char      *date,
              GError         **error)
{
  g_autofree char *last = nk_check_date_add (date, NK_ABSENCE_MAX_DAYS);
  GDate d;

  if ((guint) a->reason > NK_ABSENCE_UNKNOWN)
    return invalid (error, _("Choose illness, leave or unknown"));
  if (a->symptoms & ~(guint) NK_SYMPTOM_ALL)
    return invalid (error, _("A symptom that is not in the list was given"));
  if (a->reason == NK_ABSENCE_ILLNESS && a->symptoms == 0)
    return invalid (error, _("Tick at least one symptom for an illness"));
  if (a->reason != NK_ABSENCE_ILLNESS && a->symptoms != 0)
    return invalid (error, _("Symptoms are recorded only for an illness"));
  if ((a->symptoms & NK_SYMPTOM_OTHER) && other == NULL)
    return invalid (error, _("Say what the other symptom is"));
  if (!(a->symptoms & NK_SYMPTOM_OTHER) && other != NULL)
    return invalid (error, _("A description is kept only with the symptom “Other”"));
  if (other != NULL && !nk_check_is_text (other, NK_ABSENCE_OTHER_MAX, TRUE))
    return invalid (error, _("The other symptom's description is too long (100 characters at most) or "
                             "holds characters that cannot be kept"));
  if (a->until_date == NULL)
    return TRUE;
  if (a->reason == NK_ABSENCE_UNKNOWN)
    return invalid (error, _("An unknown reason is for one day only: call the family again tomorrow"));
  if (!nk_check_date (a->until_date, &d))
    return invalid (error, _("Give the last day away as YYYY-MM-DD, a real day"));
  if (strcmp (a->until_date, date) < 0)
    return invalid (error, _("The last day away is before the first"));
  if (strcmp (a->until_date, last) > 0)
    return invalid (error, _("An absence is recorded for 30 days at most: record it again after that"));
  return TRUE;
}

/* The child (active, in a room): *name, *room_id. */
static gboolean
read_child (NkStore    *store,
            const char *child_id,
            char      **name,
            char      **room_id,
            GError    **error)
{
  sqlite3_stmt *row;
  gboolean active;

  if (!nk_store_query_row (store, &row, "SELECT name, room_id, active FROM children WHERE id = :id",
                           _("Cannot read the roster"), error, NK_TEXT (":id", child_id), NK_END))
    return FALSE;
  if (row == NULL)
    {
      g_set_error (error, NK_STORE_ERROR, NK_STORE_ERROR_NOT_FOUND, _("No child with id %s at this centre"),
                   child_id);
      return FALSE;
    }
  *name = nk_column_dup (row, 0);
  *room_id = nk_column_dup (row, 1);
  active = sqlite3_column_int (row, 2) != 0;
  sqlite3_reset (row);
  if (!active)
    {
      g_set_error (error, NK_STORE_ERROR, NK_STORE_ERROR_INVALID,
                   _("%s has left the centre: no absence is recorded for them"), *name);
      return FALSE;
    }
  if (*room_id == NULL)
    {
      g_set_error (error, NK_STORE_ERROR, NK_STORE_ERROR_INVALID,
                   _("%s has no room: give them a room on the roster first"), *name);
      return FALSE;
    }
  return TRUE;
}

/* What a correction keeps of its original (standing, the child's): the
 * date and the room the child was in then (*room_id replaced). */
static char *
original_date (NkStore    *store,
               const char *corrects,
               const char *child_id,
               char      **room_id,
               GError    **error)
{
  sqlite3_stmt *row;
  char *date;

  if (!nk_store_query_row (store, &row,
                           "SELECT absent_date, child_id = :child, room_id FROM absences "
                           "WHERE id = :id AND " NK_KIND_STANDS ("absences"),
                           _("Cannot read the absences"), error, NK_TEXT (":id", corrects),
                           NK_TEXT (":child", child_id), NK_END))
    return NULL;
  if (row == NULL)
    return invalid (error, _("That reason is not there any more, or was corrected already")), NULL;
  date = sqlite3_column_int (row, 1) ? nk_column_dup (row, 0) : NULL;
  if (date != NULL)
    {
      g_free (*room_id);
      *room_id = nk_column_dup (row, 2);
    }
  sqlite3_reset (row);
  if (date == NULL)
    invalid (error, _("That reason is not this child's: it cannot be corrected here"));
  return date;
}

/* The day's rules: not checked in on date, no other reason for it. */
static gboolean
check_day (NkStore    *store,
           const char *child_id,
           const char *name,
           const char *date,
           const char *corrects,
           GError    **error)
{
  sqlite3_stmt *row;
  gboolean in;

  if (!nk_store_exists (store, &in,
                        "SELECT 1 FROM attendance WHERE child_id = :child AND local_date = :date AND kind = 'in'",
                        _("Cannot read attendance"), error, NK_TEXT (":child", child_id),
                        NK_TEXT (":date", date), NK_END))
    return FALSE;
  if (in)
    {
      g_set_error (error, NK_STORE_ERROR, NK_STORE_ERROR_INVALID,
                   _("%s was checked in that day: no absence is recorded"), name);
      return FALSE;
    }
  if (!nk_store_query_row (store, &row,
                           "SELECT absent_date, until_date FROM " NK_ABSENCE_STANDING " a "
                           "WHERE a.child_id = :child AND a.id IS NOT :corrects AND a.absent_date <= :date "
                           "  AND coalesce(a.until_date, a.absent_date) >= :date "
                           "ORDER BY a.absent_date DESC LIMIT 1",
                           _("Cannot read the absences"), error, NK_TEXT (":child", child_id),
                           NK_TEXT (":date", date), NK_TEXT (":corrects", corrects), NK_END))
    return FALSE;
  if (row == NULL)
    return TRUE;
  if (g_strcmp0 ((const char *) sqlite3_column_text (row, 0), date) == 0)
    g_set_error (error, NK_STORE_ERROR, NK_STORE_ERROR_INVALID,
                 _("A reason is already recorded for %s that day: correct it instead"), name);
  else
    g_set_error (error, NK_STORE_ERROR, NK_STORE_ERROR_INVALID,
                 _("%s is away until %s (recorded on %s): correct that reason instead"), name,
                 (const char *) sqlite3_column_text (row, 1), (const char *) sqlite3_column_text (row, 0));
  sqlite3_reset (row);
  return FALSE;
}

static JsonBuilder *
build_payload (const NkAbsence *a,
               const char      *room_id,
               const char      *date,
               const char      *other)
{
  JsonBuilder *payload = json_builder_new ();

  json_builder_begin_object (payload);
  nk_json_text (payload, "child_id", a->child_id);
  nk_json_text (payload, "room_id", room_id);
  nk_json_text (payload, "absent_date", date);
  nk_json_text (payload, "until_date", a->until_date);
  nk_json_text (payload, "reason", nk_absence_reason_to_string (a->reason));
  for (guint i = 0; i < NK_SYMPTOM_N; i++)
    nk_json_bool (payload, symptoms[i], (a->symptoms & nk_symptom_nth (i)) != 0);
  nk_json_text (payload, "other_symptom", other);
  json_builder_end_object (payload);
  return payload;
}

/* Inside rec: the rules, then the row and its event. */
static char *
put_absence (NkRecord        *rec,
             const NkAbsence *a,
             const char      *corrects,
             char           **room_id,
             GError         **error)
{
  NkStore *store = nk_record_get_store (rec);
  g_autofree char *name = NULL;
  g_autofree char *date = NULL;
  g_autofree char *other = NULL;
  g_autoptr (JsonBuilder) payload = NULL;
  const char *id;

  if (!read_child (store, a->child_id, &name, room_id, error))
    return NULL;
  date = corrects != NULL ? original_date (store, corrects, a->child_id, room_id, error)
                          : g_strdup (nk_record_get_date (rec));
  if (date == NULL)
    return NULL;
  if (a->other_symptom != NULL)
    other = g_strstrip (g_strdup (a->other_symptom));
  if (other != NULL && *other == '\0')
    g_clear_pointer (&other, g_free);
  if (!check_values (a, other, date, error) || !check_day (store, a->child_id, name, date, corrects, error))
    return NULL;
  payload = build_payload (a, *room_id, date, other);
  id = corrects != NULL ? nk_kind_correct (rec, &nk_absence_kind, corrects, payload, error)
                        : nk_kind_put (rec, &nk_absence_kind, payload, error);
  return g_strdup (id);
}

char *
nk_absence_record (NkStore         *store,
                   NkCentre        *centre,
                   const char      *staff_id,
                   const NkAbsence *absence,
                   const char      *corrects,
                   GError         **error)
{
  NkActor actor = { "staff", staff_id };
  g_autoptr (NkRecord) rec = NULL;
  g_autoptr (GError) rule_error = NULL;
  g_autofree char *room_id = NULL;
  g_autofree char *id = NULL;

  g_return_val_if_fail (NK_IS_STORE (store) && NK_IS_CENTRE (centre), NULL);
  g_return_val_if_fail (absence != NULL && absence->child_id != NULL && staff_id != NULL, NULL);

  rec = nk_record_begin (store, centre, &actor, error);
  if (rec == NULL)
    return NULL;
  id = put_absence (rec, absence, corrects, &room_id, error);
  if (id == NULL || !nk_record_commit (g_steal_pointer (&rec), error))
    return NULL;
  /* the rule, as a record of the system of its own: the reason stands whatever becomes of it */
  if (!nk_outbreak_check (store, centre, room_id, NULL, &rule_error))
    g_message ("The outbreak rule did not run after absence %s: %s", id, rule_error->message);
  return g_steal_pointer (&id);
}

gboolean
nk_absence_delete (NkStore    *store,
                   NkCentre   *centre,
                   const char *staff_id,
                   const char *absence_id,
                   GError    **error)
{
  NkActor actor = { "staff", staff_id };
  g_autoptr (NkRecord) rec = NULL;
  g_autoptr (GError) local = NULL;

  g_return_val_if_fail (NK_IS_STORE (store) && NK_IS_CENTRE (centre) && staff_id != NULL, FALSE);

  if (absence_id == NULL)
    return invalid (error, _("That reason is not there any more, or was corrected already"));
  rec = nk_record_begin (store, centre, &actor, error);
  if (rec == NULL)
    return FALSE;
  if (nk_kind_delete (rec, &nk_absence_kind, absence_id, &local) == NULL)
    {
      if (g_error_matches (local, NK_KIND_ERROR, NK_KIND_ERROR_CORRECTED))
        return invalid (error, _("That reason is not there any more, or was corrected already"));
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  return nk_record_commit (g_steal_pointer (&rec), error);
}

/* ---------------------------------------------------------------- the list */

void
nk_absence_item_free (NkAbsenceItem *item)
{
  if (item == NULL)
    return;
  g_free (item->child_id);
  g_free (item->child_name);
  g_free (item->room_id);
  g_free (item->room_name);
  g_free (item->absence_id);
  g_free (item->other_symptom);
  g_free (item->until_date);
  g_free (item->staff_name);
  g_free (item);
}

/* Whether now_us is on an open day, at or after the configured time. */
static gboolean
listing_open (NkCentre *centre,
              gint64    now_us)
{
  g_autoptr (GDateTime) utc = g_date_time_new_from_unix_utc (now_us / G_USEC_PER_SEC);
  g_autoptr (GDateTime) local = NULL;
  guint minutes;

  if (utc == NULL)
    return FALSE;
  local = g_date_time_to_timezone (utc, nk_centre_get_timezone (centre));
  minutes = (guint) (g_date_time_get_hour (local) * 60 + g_date_time_get_minute (local));
  return (settings.open_days & NK_ABSENCE_DAY_BIT (g_date_time_get_day_of_week (local))) != 0
         && minutes >= settings.after_minutes;
}

static guint
read_symptoms (sqlite3_stmt *stmt,
               int           first)
{
  guint flags = 0;

  for (guint i = 0; i < NK_SYMPTOM_N; i++)
    if (sqlite3_column_int (stmt, first + (int) i))
      flags |= nk_symptom_nth (i);
  return flags;
}

static NkAbsenceItem *
read_item (sqlite3_stmt *stmt)
{
  NkAbsenceItem *item = g_new0 (NkAbsenceItem, 1);

  item->child_id = nk_column_dup (stmt, 0);
  item->child_name = nk_column_dup (stmt, 1);
  item->room_id = nk_column_dup (stmt, 2);
  item->room_name = nk_column_dup (stmt, 3);
  item->absence_id = nk_column_dup (stmt, 4);
  item->recorded = item->absence_id != NULL;
  if (!item->recorded || !nk_absence_reason_from_string ((const char *) sqlite3_column_text (stmt, 5),
                                                         &item->reason))
    item->reason = NK_ABSENCE_UNKNOWN;
  item->symptoms = read_symptoms (stmt, 6);
  item->other_symptom = nk_column_dup (stmt, 13);
  item->until_date = nk_column_dup (stmt, 14);
  item->staff_name = nk_column_dup (stmt, 15);
  return item;
}

/* The rows of stmt (prepared and bound) into items (taken); NULL with
 * error when the store fails. */
static GPtrArray *
read_items (NkStore      *store,
            sqlite3_stmt *stmt,
            GPtrArray    *items,
            GError      **error)
{
  g_autoptr (GPtrArray) out = items;
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (out, read_item (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      nk_store_set_error (store, error, _("Cannot read who is absent"));
      return NULL;
    }
  return g_steal_pointer (&out);
}

GPtrArray *
nk_absence_list (NkStore    *store,
                 NkCentre   *centre,
                 const char *room_id,
                 gint64      now_us,
                 GError    **error)
{
  g_autoptr (GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) nk_absence_item_free);
  g_autofree char *today = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (NK_IS_STORE (store) && NK_IS_CENTRE (centre), NULL);

  if (!listing_open (centre, now_us))
    return g_steal_pointer (&items);
  today = nk_centre_local_date (centre, now_us);
  /* the reason shown is the latest that stands for today (two doors may
   * each have recorded one before the relay brought the other's) */
  stmt = nk_store_prepare (store,
                           "SELECT ch.id, ch.name, r.id, r.name, a.id, a.reason, " SYMPTOM_COLUMNS ("a") ", "
                           "  a.other_symptom, a.until_date, s.name "
                           "FROM children ch JOIN rooms r ON r.id = ch.room_id "
                           "LEFT JOIN absences a ON a.id = (SELECT x.id FROM " NK_ABSENCE_STANDING " x "
                           "  WHERE x.child_id = ch.id AND x.absent_date = :today "
                           "  ORDER BY x.at_us DESC, x.id LIMIT 1) "
                           "LEFT JOIN staff s ON a.by_kind = 'staff' AND s.id = a.by_id "
                           "WHERE ch.active AND (:room IS NULL OR ch.room_id = :room) "
                           /* today's check-ins read once (attendance_date), not per child */
                           "AND ch.id NOT IN (SELECT t.child_id FROM attendance t "
                           "  WHERE t.local_date = :today AND t.kind = 'in') "
                           "AND (a.id IS NOT NULL OR EXISTS (SELECT 1 FROM attendance t WHERE t.child_id = ch.id "
                           "  AND t.local_date < :today)) "
                           "AND NOT EXISTS (SELECT 1 FROM " NK_ABSENCE_STANDING " e WHERE e.child_id = ch.id "
                           "  AND e.absent_date < :today AND e.until_date >= :today) "
                           "ORDER BY r.name, r.id, ch.name, ch.id",
                           error);
  if (stmt == NULL
      || !nk_store_bind (store, stmt, error, NK_TEXT (":today", today), NK_TEXT (":room", room_id), NK_END))
    return NULL;
  return read_items (store, stmt, g_steal_pointer (&items), error);
}

GPtrArray *
nk_absence_list_illness (NkStore    *store,
                         const char *date,
                         GError    **error)
{
  g_autoptr (GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) nk_absence_item_free);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (NK_IS_STORE (store) && date != NULL, NULL);

  /* absences_date: the reasons of the last NK_ABSENCE_MAX_DAYS days only */
  stmt = nk_store_prepare (store,
                           "SELECT a.child_id, coalesce (ch.name, a.child_id), a.room_id, r.name, a.id, a.reason, "
                           SYMPTOM_COLUMNS ("a") ", a.other_symptom, a.until_date, s.name "
                           "FROM " NK_ABSENCE_STANDING " a LEFT JOIN children ch ON ch.id = a.child_id "
                           "LEFT JOIN rooms r ON r.id = a.room_id "
                           "LEFT JOIN staff s ON a.by_kind = 'staff' AND s.id = a.by_id "
                           "WHERE a.reason = 'illness' AND a.absent_date <= :date "
                           "AND a.absent_date >= date (:date, '-" G_STRINGIFY (NK_ABSENCE_MAX_DAYS) " days') "
                           "AND coalesce (a.until_date, a.absent_date) >= :date "
                           "ORDER BY r.name, a.room_id, ch.name, a.child_id",
                           error);
  if (stmt == NULL || !nk_store_bind (store, stmt, error, NK_TEXT (":date", date), NK_END))
    return NULL;
  return read_items (store, stmt, g_steal_pointer (&items), error);
}

gboolean
nk_absence_count_open (NkStore    *store,
                       NkCentre   *centre,
                       const char *room_id,
                       gint64      now_us,
                       guint      *n,
                       GError    **error)
{
  g_autoptr (GPtrArray) items = nk_absence_list (store, centre, room_id, now_us, error);

  *n = 0;
  if (items == NULL)
    return FALSE;
  for (guint i = 0; i < items->len; i++)
    if (!((NkAbsenceItem *) items->pdata[i])->recorded)
      (*n)++;
  return TRUE;
}

/* ---------------------------------------------------------------- back after an illness */

/* The last reason of each child (CHILDREN: an SQL condition on l.child_id)
 * before :date, when it was an illness and the child has not been checked
 * in since its first day: child_id, the symptoms, other_symptom. */
#define BACK_AFTER_ILLNESS(children) \
  "WITH l AS (SELECT a.*, row_number() OVER (PARTITION BY a.child_id " \
  "    ORDER BY a.absent_date DESC, a.at_us DESC, a.id) AS n " \
  "  FROM " NK_ABSENCE_STANDING " a WHERE a.absent_date < :date AND " children ") " \
  "SELECT l.child_id, " SYMPTOM_COLUMNS ("l") ", l.other_symptom FROM l " \
  "WHERE l.n = 1 AND l.reason = 'illness' " \
  "AND NOT EXISTS (SELECT 1 FROM attendance t WHERE t.child_id = l.child_id AND t.kind = 'in' " \
  "  AND t.local_date > l.absent_date AND t.local_date < :date)"

gboolean
nk_absence_back_after_illness (NkStore    *store,
                               const char *child_id,
                               const char *date,
                               guint      *flags,
                               char      **other_symptom,
                               GError    **error)
{
  sqlite3_stmt *row;

  *flags = 0;
  if (other_symptom != NULL)
    *other_symptom = NULL;
  if (!nk_store_query_row (store, &row, BACK_AFTER_ILLNESS ("a.child_id = :child"),
                           _("Cannot read the absences"), error, NK_TEXT (":child", child_id),
                           NK_TEXT (":date", date), NK_END))
    return FALSE;
  if (row == NULL)
    return TRUE;
  *flags = read_symptoms (row, 1);
  if (other_symptom != NULL)
    *other_symptom = nk_column_dup (row, 1 + NK_SYMPTOM_N);
  sqlite3_reset (row);
  return TRUE;
}

gboolean
nk_absence_door_note (const NkNoteContext *ctx,
                      NkTapResult         *result,
                      GError             **error)
{
  g_autofree char *other = NULL;
  g_autofree char *list = NULL;
  g_autofree char *text = NULL;
  guint flags;

  if (result->outcome != NK_TAP_CHECKED_IN || result->holder == NK_HOLDER_STAFF
      || result->person_id == NULL)
    return TRUE;
  if (!nk_absence_back_after_illness (ctx->store, result->person_id, ctx->date, &flags, &other, error))
    return FALSE;
  if (flags == 0)
    return TRUE;
  list = nk_symptoms_describe (flags, other);
  /* TRANSLATORS: a note to staff at the door: the child's name, the symptoms of the illness */
  text = g_strdup_printf (_("%s is back after an illness (%s): do the health check"),
                          result->person_name != NULL ? result->person_name : result->person_id, list);
  nk_tap_result_add_note (result, NK_NOTE_STAFF, NK_NOTE_WARNING, "absence.back", result->person_id, text);
  return TRUE;
}

gboolean
nk_absence_day_source (NkStore  *store,
                       NkDaySet *set,
                       GError  **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = nk_store_prepare (store,
                           BACK_AFTER_ILLNESS ("a.child_id IN " NK_DAY_SET_CHILDREN)
                           " AND EXISTS (SELECT 1 FROM attendance t WHERE t.child_id = l.child_id "
                           "  AND t.kind = 'in' AND t.local_date = :date) "
                           "AND NOT EXISTS (SELECT 1 FROM health_checks WHERE health_checks.child_id = l.child_id "
                           "  AND health_checks.local_date = :date AND health_checks.check_time = 'morning' AND "
                           NK_KIND_STANDS ("health_checks") ")",
                           error);
  if (stmt == NULL || !nk_day_set_bind_children (set, store, stmt, error)
      || !nk_store_bind (store, stmt, error, NK_TEXT (":date", nk_day_set_get_date (set)), NK_END))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      NkChildDay *day = nk_day_set_find (set, (const char *) sqlite3_column_text (stmt, 0));

      if (day != NULL)
        /* TRANSLATORS: a mark in staff mode's room list: back after an illness,
         * the morning check is due (病愈返园) */
        nk_child_day_add_mark (day, "absence.back", _("Back after illness: health check"), NK_DAY_MARK_DUE);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      nk_store_set_error (store, error, _("Cannot read the absences"));
      return FALSE;
    }
  return TRUE;
}

/* ---------------------------------------------------------------- demo */

gboolean
nk_absence_put_demo (NkStore        *store,
                     const char     *child_id,
                     const char     *date,
                     NkAbsenceReason reason,
                     guint           flags,
                     GError        **error)
{
  g_autofree char *id = g_strdup_printf ("demo-absence-%s-%s", child_id, date);

  return nk_store_run (store,
                       "INSERT OR IGNORE INTO absences (id, at_us, local_date, device_id, by_kind, child_id, "
                       "  room_id, absent_date, reason, fever, cough, diarrhoea, vomiting, rash, hfmd, other) "
                       "SELECT :id, :at, :date, 'demo', 'system', id, room_id, :date, :reason, "
                       "  :f0, :f1, :f2, :f3, :f4, :f5, 0 FROM children WHERE id = :child AND room_id IS NOT NULL",
                       _("Cannot keep the absence"), error, NK_TEXT (":id", id), NK_INT (":at", g_get_real_time ()),
                       NK_TEXT (":date", date), NK_TEXT (":child", child_id),
                       NK_TEXT (":reason", nk_absence_reason_to_string (reason)),
                       NK_BOOL (":f0", flags & NK_SYMPTOM_FEVER), NK_BOOL (":f1", flags & NK_SYMPTOM_COUGH),
                       NK_BOOL (":f2", flags & NK_SYMPTOM_DIARRHOEA), NK_BOOL (":f3", flags & NK_SYMPTOM_VOMITING),
                       NK_BOOL (":f4", flags & NK_SYMPTOM_RASH), NK_BOOL (":f5", flags & NK_SYMPTOM_HFMD), NK_END);
}
