/* nk-sleep-check.c — sleep checks: the kinds, the settings, what is due,
 * and their part of the child's day (nk-sleep-check.h). */
#define G_LOG_DOMAIN "nk-core"

#include "config.h"

#include <glib/gi18n.h>

#include "nk-migrations.h"
#include "nk-nap.h"
#include "nk-sleep-check.h"
#include "nk-store-private.h"

static const char *const sleep_check_steps[] = {
  /* 1: the checks, and the escalations of checks overdue */
  "CREATE TABLE sleep_checks (" NK_KIND_COLUMNS ","
  "  child_id TEXT NOT NULL,"
  "  nap_id TEXT NOT NULL,"
  "  position TEXT NOT NULL CHECK (position IN ('back', 'side', 'front')),"
  "  breathing_ok INTEGER NOT NULL,"
  "  colour_ok INTEGER NOT NULL,"
  "  flagged INTEGER NOT NULL);"
  "CREATE INDEX sleep_checks_nap ON sleep_checks (nap_id, at_us);"
  "CREATE INDEX sleep_checks_date ON sleep_checks (local_date);"
  "CREATE INDEX sleep_checks_corrects ON sleep_checks (corrects) WHERE corrects IS NOT NULL;"
  "CREATE TABLE sleep_check_overdue (" NK_KIND_COLUMNS ","
  "  child_id TEXT NOT NULL,"
  "  nap_id TEXT NOT NULL,"
  "  room_id TEXT,"
  "  due_us INTEGER NOT NULL);"
  "CREATE INDEX sleep_check_overdue_nap ON sleep_check_overdue (nap_id, due_us);",
};

NK_MIGRATION_LIST (nk_sleep_check_migrations, "sleep_check", sleep_check_steps, 0);

static const char *const positions[] = { "back", "side", "front", NULL };

static const NkKindField check_fields[] = {
  { "child_id", NK_FIELD_ID },
  { "nap_id", NK_FIELD_ID },
  { "position", NK_FIELD_CHOICE, .choices = positions },
  { "breathing_ok", NK_FIELD_BOOL },
  { "colour_ok", NK_FIELD_BOOL },
  { "flagged", NK_FIELD_BOOL },
  { NULL }
};

const NkKind nk_sleep_check_kind = { "sleep_check", "sleep_checks", "child_id", "children",
                                     check_fields };

static const NkKindField overdue_fields[] = {
  { "child_id", NK_FIELD_ID },
  { "nap_id", NK_FIELD_ID },
  { "room_id", NK_FIELD_ID, TRUE },
  { "due_at", NK_FIELD_TIME },
  { NULL }
};

const NkKind nk_sleep_overdue_kind = { "sleep_check.overdue", "sleep_check_overdue", "child_id",
                                       "children", overdue_fields };

G_DEFINE_QUARK (nk-sleep-check-error-quark, nk_sleep_check_error)

static NkSleepSettings settings = {
  NK_SLEEP_CHECK_DEFAULT_MINUTES, NK_SLEEP_ROOM_BIT (NK_ROOM_INFANT)
};

void
nk_sleep_settings_set (const NkSleepSettings *s)
{
  g_return_if_fail (s->interval_minutes >= NK_SLEEP_CHECK_MIN_MINUTES
                    && s->interval_minutes <= NK_SLEEP_CHECK_MAX_MINUTES);
  settings = *s;
  settings.room_kinds |= NK_SLEEP_ROOM_BIT (NK_ROOM_INFANT);
}

const NkSleepSettings *
nk_sleep_settings_get (void)
{
  return &settings;
}

gint64
nk_sleep_settings_interval_us (void)
{
  return (gint64) settings.interval_minutes * 60 * G_USEC_PER_SEC;
}

const char *
nk_sleep_position_to_string (NkSleepPosition position)
{
  g_return_val_if_fail ((guint) position <= NK_SLEEP_FRONT, NULL);
  return positions[position];
}

gboolean
nk_sleep_position_from_string (const char      *str,
                               NkSleepPosition *out)
{
  for (guint i = 0; positions[i] != NULL; i++)
    if (g_strcmp0 (str, positions[i]) == 0)
      {
        *out = (NkSleepPosition) i;
        return TRUE;
      }
  return FALSE;
}

const char *
nk_sleep_position_label (NkSleepPosition position)
{
  switch (position)
    {
    case NK_SLEEP_BACK:
      /* TRANSLATORS: a sleeping child's position (仰卧) */
      return _("On the back");
    case NK_SLEEP_SIDE:
      /* TRANSLATORS: a sleeping child's position (侧卧) */
      return _("On the side");
    case NK_SLEEP_FRONT:
      /* TRANSLATORS: a sleeping child's position (俯卧) */
      return _("On the front");
    default:
      g_return_val_if_reached (NULL);
    }
}

void
nk_sleep_due_free (NkSleepDue *due)
{
  if (due == NULL)
    return;
  g_free (due->nap_id);
  g_free (due->child_id);
  g_free (due->child_name);
  g_free (due->room_id);
  g_free (due->room_name);
  g_free (due);
}

/* The open naps with checks, and each one's last check (a check belongs
 * to the child's nap it falls in: the nap's row may have been corrected
 * since, under a new id).  The children are
 * those of NK_DAY_SET_CHILDREN (":child", ":room"), the room kinds those
 * switched on. */
#define DUE_SQL \
  "SELECT naps.id, naps.child_id, ch.name, ch.room_id, r.name, naps.start_us, " \
  "  (SELECT max (sleep_checks.at_us) FROM sleep_checks WHERE sleep_checks.child_id = naps.child_id " \
  "   AND sleep_checks.at_us >= naps.start_us AND " \
  NK_KIND_STANDS ("sleep_checks") ") " \
  "FROM naps JOIN children ch ON ch.id = naps.child_id JOIN rooms r ON r.id = ch.room_id " \
  "WHERE naps.end_us IS NULL AND naps.start_us > :since AND " NK_KIND_STANDS ("naps") \
  "  AND ch.active = 1 AND naps.child_id IN " NK_DAY_SET_CHILDREN \
  "  AND ((:infant AND r.kind = 'infant') OR (:toddler AND r.kind = 'toddler') " \
  "       OR (:senior AND r.kind = 'senior')) "

static NkSleepDue *
due_from_row (sqlite3_stmt *stmt, gint64 now_us)
{
  NkSleepDue *due = g_new0 (NkSleepDue, 1);
  gint64 interval = nk_sleep_settings_interval_us ();

  due->nap_id = nk_column_dup (stmt, 0);
  due->child_id = nk_column_dup (stmt, 1);
  due->child_name = nk_column_dup (stmt, 2);
  due->room_id = nk_column_dup (stmt, 3);
  due->room_name = nk_column_dup (stmt, 4);
  due->start_us = sqlite3_column_int64 (stmt, 5);
  due->last_check_us = sqlite3_column_int64 (stmt, 6);
  due->due_us = MAX (due->start_us, due->last_check_us) + interval;
  if (now_us - due->due_us > interval)
    due->state = NK_SLEEP_OVERDUE;
  else if (now_us >= due->due_us)
    due->state = NK_SLEEP_DUE;
  else
    due->state = NK_SLEEP_WAITING;
  return due;
}

static GPtrArray *
list_due (NkStore *store, const char *room_id, const char *child_id, gint64 now_us,
          GError **error)
{
  guint kinds = settings.room_kinds;
  g_autoptr (GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) nk_sleep_due_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = nk_store_prepare (store, DUE_SQL "ORDER BY naps.start_us, naps.id", error);
  if (stmt == NULL
      || !nk_store_bind (store, stmt, error, NK_TEXT (":room", room_id),
                         NK_TEXT (":child", child_id), NK_INT (":since", now_us - NK_NAP_MAX_US),
                         NK_BOOL (":infant", kinds & NK_SLEEP_ROOM_BIT (NK_ROOM_INFANT)),
                         NK_BOOL (":toddler", kinds & NK_SLEEP_ROOM_BIT (NK_ROOM_TODDLER)),
                         NK_BOOL (":senior", kinds & NK_SLEEP_ROOM_BIT (NK_ROOM_SENIOR_TODDLER)),
                         NK_END))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, due_from_row (stmt, now_us));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      nk_store_set_error (store, error, _("Cannot read the sleep checks"));
      return NULL;
    }
  return g_steal_pointer (&list);
}

static int
compare_due (gconstpointer a,
             gconstpointer b)
{
  const NkSleepDue *x = *(NkSleepDue *const *) a;
  const NkSleepDue *y = *(NkSleepDue *const *) b;

  if (x->due_us != y->due_us)
    return x->due_us < y->due_us ? -1 : 1;
  return g_strcmp0 (x->child_id, y->child_id);
}

GPtrArray *
nk_sleep_check_list_due (NkStore    *store,
                         const char *room_id,
                         gint64      now_us,
                         GError    **error)
{
  GPtrArray *list;

  g_return_val_if_fail (NK_IS_STORE (store), NULL);

  list = list_due (store, room_id, NULL, now_us, error);
  if (list != NULL)
    g_ptr_array_sort (list, compare_due);
  return list;
}

static JsonBuilder *
check_payload (const char *child_id, const char *nap_id, NkSleepPosition position,
               gboolean breathing_ok, gboolean colour_ok, gboolean flagged)
{
  JsonBuilder *b = json_builder_new ();

  json_builder_begin_object (b);
  nk_json_text (b, "child_id", child_id);
  nk_json_text (b, "nap_id", nap_id);
  nk_json_text (b, "position", positions[position]);
  nk_json_bool (b, "breathing_ok", breathing_ok);
  nk_json_bool (b, "colour_ok", colour_ok);
  nk_json_bool (b, "flagged", flagged);
  json_builder_end_object (b);
  return b;
}

/* Whole months of age today (nk-child-day), -1 when not known. */
static int
age_months (NkStore *store, NkCentre *centre, const char *child_id, GError **error)
{
  g_autofree char *today = nk_centre_today (centre);
  g_autoptr (NkDaySet) set = nk_day_set_load_child (store, centre, child_id, today, error);
  NkChildDay *day;

  if (set == NULL)
    return -2;
  day = nk_day_set_find (set, child_id);
  if (day == NULL)
    {
      g_set_error (error, NK_STORE_ERROR, NK_STORE_ERROR_NOT_FOUND, _("No child with id %s"),
                   child_id);
      return -2;
    }
  return day->age_months;
}

char *
nk_sleep_check_record (NkStore        *store,
                       NkCentre       *centre,
                       const char     *staff_id,
                       const char     *child_id,
                       NkSleepPosition position,
                       gboolean        breathing_ok,
                       gboolean        colour_ok,
                       gboolean       *flagged_out,
                       GError        **error)
{
  NkActor actor = { "staff", staff_id };
  g_autoptr (NkRecord) rec = NULL;
  g_autoptr (NkNap) nap = NULL;
  g_autoptr (JsonBuilder) payload = NULL;
  g_autofree char *id = NULL;
  GError *local = NULL;
  gboolean flagged;
  int age;

  g_return_val_if_fail (NK_IS_STORE (store) && NK_IS_CENTRE (centre), NULL);
  g_return_val_if_fail (staff_id != NULL && child_id != NULL, NULL);
  g_return_val_if_fail ((guint) position <= NK_SLEEP_FRONT, NULL);

  /* read before the record: the day's sources are not needed under the lock */
  age = age_months (store, centre, child_id, error);
  if (age < -1)
    return NULL;
  rec = nk_record_begin (store, centre, &actor, error);
  if (rec == NULL)
    return NULL;
  nap = nk_nap_get_open (store, child_id, &local);
  if (local != NULL)
    {
      g_propagate_error (error, local);
      return NULL;
    }
  if (nap == NULL || nk_record_get_time (rec) - nap->start_us > NK_NAP_MAX_US)
    {
      g_set_error_literal (error, NK_SLEEP_CHECK_ERROR, NK_SLEEP_CHECK_ERROR_NOT_NAPPING,
                           _("This child is not napping: start the nap first"));
      return NULL;
    }
  /* an unknown age is flagged too: better a needless reminder than none */
  flagged = position == NK_SLEEP_FRONT && age < NK_SLEEP_CHECK_FRONT_MONTHS;
  payload = check_payload (child_id, nap->id, position, breathing_ok, colour_ok, flagged);
  id = g_strdup (nk_kind_put (rec, &nk_sleep_check_kind, payload, error));
  if (id == NULL || !nk_record_commit (g_steal_pointer (&rec), error))
    return NULL;
  if (flagged_out != NULL)
    *flagged_out = flagged;
  return g_steal_pointer (&id);
}

gboolean
nk_sleep_check_put_overdue (NkRecord         *rec,
                            const NkSleepDue *due,
                            gboolean         *recorded,
                            GError          **error)
{
  NkStore *store = nk_record_get_store (rec);
  g_autoptr (JsonBuilder) b = NULL;
  g_autofree char *due_at = NULL;
  gint64 due_ms = due->due_us - due->due_us % 1000;
  sqlite3_stmt *row;

  *recorded = FALSE;
  if (!nk_store_query_row (store, &row,
                           "SELECT 1 FROM sleep_check_overdue WHERE nap_id = :nap AND due_us = :due",
                           _("Cannot read the sleep checks"), error,
                           NK_TEXT (":nap", due->nap_id), NK_INT (":due", due_ms), NK_END))
    return FALSE;
  if (row != NULL)
    {
      sqlite3_reset (row);
      return TRUE;
    }
  due_at = nk_format_utc_iso (due_ms);
  b = json_builder_new ();
  json_builder_begin_object (b);
  nk_json_text (b, "child_id", due->child_id);
  nk_json_text (b, "nap_id", due->nap_id);
  nk_json_text (b, "room_id", due->room_id);
  nk_json_text (b, "due_at", due_at);
  json_builder_end_object (b);
  if (nk_kind_put (rec, &nk_sleep_overdue_kind, b, error) == NULL)
    return FALSE;
  *recorded = TRUE;
  return TRUE;
}

static gboolean
due_marks (NkStore *store, NkDaySet *set, GError **error)
{
  NkCentre *centre = nk_day_set_get_centre (set);
  gint64 now = nk_centre_now (centre);
  g_autofree char *today = nk_centre_local_date (centre, now);
  g_autoptr (GPtrArray) list = NULL;

  /* a check is due now or never: other dates have no marks */
  if (!g_str_equal (today, nk_day_set_get_date (set)))
    return TRUE;
  list = list_due (store, nk_day_set_get_room (set), nk_day_set_get_child (set), now, error);
  if (list == NULL)
    return FALSE;
  for (guint i = 0; i < list->len; i++)
    {
      NkSleepDue *due = list->pdata[i];
      NkChildDay *day = nk_day_set_find (set, due->child_id);

      if (day == NULL || due->state == NK_SLEEP_WAITING)
        continue;
      if (due->state == NK_SLEEP_OVERDUE)
        /* TRANSLATORS: a mark in staff mode's room list (巡睡超时) */
        nk_child_day_add_mark (day, "sleep.check", _("Sleep check overdue"), NK_DAY_MARK_WARNING);
      else
        /* TRANSLATORS: a mark in staff mode's room list (巡睡到时) */
        nk_child_day_add_mark (day, "sleep.check", _("Sleep check due"), NK_DAY_MARK_DUE);
    }
  return TRUE;
}

/* The parent sees the checks that found an infant on the front: the
 * others are the routine of every nap. */
static gboolean
flagged_lines (NkStore *store, NkDaySet *set, GError **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = nk_store_prepare (store,
                           "SELECT sleep_checks.child_id, sleep_checks.id, sleep_checks.at_us, s.name FROM sleep_checks "
                           "LEFT JOIN staff s ON sleep_checks.by_kind = 'staff' AND s.id = sleep_checks.by_id "
                           "WHERE sleep_checks.local_date = :date AND sleep_checks.flagged AND " NK_KIND_STANDS ("sleep_checks")
                           "  AND sleep_checks.child_id IN " NK_DAY_SET_CHILDREN,
                           error);
  if (stmt == NULL || !nk_day_set_bind_children (set, store, stmt, error)
      || !nk_store_bind (store, stmt, error, NK_TEXT (":date", nk_day_set_get_date (set)), NK_END))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      NkChildDay *day = nk_day_set_find (set, (const char *) sqlite3_column_text (stmt, 0));

      if (day != NULL)
        nk_child_day_add_line (day, NK_DAY_NAP, sqlite3_column_int64 (stmt, 2), 0,
                               /* TRANSLATORS: the parent's day: a sleep check's finding */
                               _("Sleep check: on the front"),
                               /* TRANSLATORS: what the caregiver did (翻为仰卧) */
                               _("turned onto the back"),
                               (const char *) sqlite3_column_text (stmt, 3),
                               (const char *) sqlite3_column_text (stmt, 1),
                               NK_DAY_LINE_FLAGGED);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      nk_store_set_error (store, error, _("Cannot read the sleep checks"));
      return FALSE;
    }
  return TRUE;
}

gboolean
nk_sleep_check_day_source (NkStore  *store,
                           NkDaySet *set,
                           GError  **error)
{
  return due_marks (store, set, error) && flagged_lines (store, set, error);
}
