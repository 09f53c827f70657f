/* nk-classroom.c — classroom sessions and the guardians' sign-ups
 * (nk-classroom.h): the tables, the sign-up kind, the queries. */
#define G_LOG_DOMAIN "nk-core"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "nk-classroom.h"
#include "nk-migrations.h"
#include "nk-record.h"
#include "nk-store-private.h"

G_DEFINE_QUARK (nk-classroom-error-quark, nk_classroom_error)

static const char *const classroom_steps[] = {
  /* 0 → 1: the sessions the platform sends (nk-pull-sections.c) and the
   * sign-ups (a kind).  counted: the platform's seats_left of the session
   * as held counts this sign-up (set when the session record comes). */
  "CREATE TABLE classroom_sessions ("
  "  id TEXT PRIMARY KEY,"
  "  title TEXT NOT NULL,"
  "  kind TEXT NOT NULL,"
  "  starts_us INTEGER NOT NULL,"
  "  ends_us INTEGER NOT NULL,"
  "  place TEXT,"
  "  online_url TEXT,"
  "  audience TEXT NOT NULL,"
  "  capacity INTEGER,"
  "  seats_left INTEGER,"
  "  signup_url TEXT);"
  "CREATE INDEX classroom_sessions_starts ON classroom_sessions (starts_us);"
  "CREATE INDEX classroom_sessions_ends ON classroom_sessions (ends_us);"
  "CREATE TABLE classroom_signups (" NK_KIND_COLUMNS ", "
  "  guardian_id TEXT NOT NULL, session_id TEXT NOT NULL, waitlist INTEGER NOT NULL,"
  "  counted INTEGER NOT NULL DEFAULT 0);"
  "CREATE INDEX classroom_signups_session ON classroom_signups (session_id);"
  "CREATE INDEX classroom_signups_guardian ON classroom_signups (guardian_id);",
  /* 1 → 2: the sessions an earlier version kept as received wait in the
   * quarantine for this version's checks (code 'upgrade': tried again at
   * the next pull, nk-pull-quarantine.c), not reported as rejected */
  "INSERT OR IGNORE INTO pull_quarantine (section, id, body, reason, received_us, code, field, "
  "  reported) "
  "SELECT section, id, body, 'kept by an earlier version: waits for this version''s checks', "
  "  received_us, 'upgrade', NULL, 1 FROM pulled_records WHERE section = 'classroom_sessions';"
  "DELETE FROM pulled_records WHERE section = 'classroom_sessions';",
  /* 2 → 3: whether a sign-up stands is asked at every guardian's tap */
  "CREATE INDEX classroom_signups_corrects ON classroom_signups (corrects) WHERE corrects IS NOT NULL;",
};

NK_MIGRATION_LIST (nk_classroom_migrations, "classroom", classroom_steps, 0);

static const NkKindField signup_fields[] = {
  { "guardian_id", NK_FIELD_ID },
  { "session_id", NK_FIELD_ID },
  { "waitlist", NK_FIELD_BOOL },
  { NULL },
};

const NkKind nk_classroom_signup_kind = {
  .type = "classroom.signup",
  .table = "classroom_signups",
  .person = "guardian_id",
  .person_table = "guardians",
  .fields = signup_fields,
};

const char *const nk_classroom_kinds[] = { NK_CLASSROOM_KIND_MOMMY, NK_CLASSROOM_KIND_PRENATAL, NULL };
const char *const nk_classroom_audiences[] = { "parents", "expectant_parents", "grandparents",
                                               "families", NULL };

void
nk_classroom_session_free (NkClassroomSession *s)
{
  if (s == NULL)
    return;
  g_free (s->id);
  g_free (s->title);
  g_free (s->kind);
  g_free (s->place);
  g_free (s->online_url);
  g_free (s->audience);
  g_free (s->signup_url);
  g_free (s);
}

/* ---------------------------------------------------------------- reading */

#define STANDING_SIGNUPS(cond) \
  "(SELECT count(*) FROM classroom_signups WHERE classroom_signups.session_id = s.id AND " cond \
  " AND " NK_KIND_STANDS ("classroom_signups") ")"

#define SESSION_COLUMNS \
  "s.id, s.title, s.kind, s.starts_us, s.ends_us, s.place, s.online_url, s.audience, " \
  "s.capacity, s.seats_left, s.signup_url, " \
  STANDING_SIGNUPS ("NOT classroom_signups.waitlist") ", " \
  STANDING_SIGNUPS ("classroom_signups.waitlist") ", " \
  STANDING_SIGNUPS ("NOT classroom_signups.waitlist AND NOT classroom_signups.counted")

/* The seats the kiosk can still give: see nk-classroom.h. */
static gint
seats_left (sqlite3_stmt *row)
{
  gint64 signed_up = sqlite3_column_int64 (row, 11);
  gint64 uncounted = sqlite3_column_int64 (row, 13);

  if (sqlite3_column_type (row, 9) != SQLITE_NULL)
    return (gint) MAX (0, sqlite3_column_int64 (row, 9) - uncounted);
  if (sqlite3_column_type (row, 8) != SQLITE_NULL)
    return (gint) MAX (0, sqlite3_column_int64 (row, 8) - signed_up);
  return -1;
}

static NkClassroomSession *
session_from_row (sqlite3_stmt *row)
{
  NkClassroomSession *s = g_new0 (NkClassroomSession, 1);

  s->id = nk_column_dup (row, 0);
  s->title = nk_column_dup (row, 1);
  s->kind = nk_column_dup (row, 2);
  s->starts_us = sqlite3_column_int64 (row, 3);
  s->ends_us = sqlite3_column_int64 (row, 4);
  s->place = nk_column_dup (row, 5);
  s->online_url = nk_column_dup (row, 6);
  s->audience = nk_column_dup (row, 7);
  s->capacity = (guint) MAX (0, sqlite3_column_int64 (row, 8));
  s->seats_left = seats_left (row);
  s->signup_url = nk_column_dup (row, 10);
  s->signed_up_here = (guint) sqlite3_column_int64 (row, 11);
  s->waitlisted_here = (guint) sqlite3_column_int64 (row, 12);
  return s;
}

/* The first session of sql (bound by the list), or NULL. */
G_GNUC_NULL_TERMINATED
static NkClassroomSession *
query_one (NkStore *store, GError **error, const char *sql, ...)
{
  sqlite3_stmt *stmt = nk_store_prepare (store, sql, error);
  NkClassroomSession *s = NULL;
  va_list args;
  gboolean bound;
  int rc;

  if (stmt == NULL)
    return NULL;
  va_start (args, sql);
  bound = nk_store_bind_valist (store, stmt, error, args);
  va_end (args);
  if (!bound)
    return NULL;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    s = session_from_row (stmt);
  else if (rc != SQLITE_DONE)
    nk_store_set_error (store, error, _("Cannot read the classroom sessions"));
  sqlite3_reset (stmt);
  return s;
}

NkClassroomSession *
nk_classroom_next (NkStore *store, gint64 now_us, GError **error)
{
  g_return_val_if_fail (NK_IS_STORE (store), NULL);

  return query_one (store, error,
                    "SELECT " SESSION_COLUMNS " FROM classroom_sessions s "
                    "WHERE s.ends_us > :now ORDER BY s.starts_us, s.id LIMIT 1",
                    NK_INT (":now", now_us), NK_END, NULL);
}

NkClassroomSession *
nk_classroom_offer (NkStore *store, const char *guardian_id, gint64 now_us, GError **error)
{
  g_return_val_if_fail (NK_IS_STORE (store), NULL);
  g_return_val_if_fail (guardian_id != NULL, NULL);

  return query_one (store, error,
                    "SELECT " SESSION_COLUMNS " FROM classroom_sessions s "
                    "WHERE s.starts_us > :now AND NOT EXISTS (SELECT 1 FROM classroom_signups "
                    "  WHERE classroom_signups.guardian_id = :guardian "
                    "    AND classroom_signups.session_id = s.id "
                    "    AND " NK_KIND_STANDS ("classroom_signups") ") "
                    "ORDER BY s.starts_us, s.id LIMIT 1",
                    NK_INT (":now", now_us), NK_TEXT (":guardian", guardian_id), NK_END, NULL);
}

NkClassroomSession *
nk_classroom_get (NkStore *store, const char *session_id, GError **error)
{
  g_autoptr (GError) local = NULL;
  NkClassroomSession *s;

  g_return_val_if_fail (NK_IS_STORE (store), NULL);

  s = query_one (store, &local, "SELECT " SESSION_COLUMNS " FROM classroom_sessions s WHERE s.id = :id",
                 NK_TEXT (":id", session_id), NK_END, NULL);
  if (local != NULL)
    g_propagate_error (error, g_steal_pointer (&local));
  else if (s == NULL)
    g_set_error (error, NK_CLASSROOM_ERROR, NK_CLASSROOM_ERROR_UNKNOWN,
                 _("This classroom session is not known here any more: nothing was signed up"));
  return s;
}

GPtrArray *
nk_classroom_list (NkStore *store, gint64 now_us, GError **error)
{
  g_autoptr (GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) nk_classroom_session_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (NK_IS_STORE (store), NULL);

  stmt = nk_store_prepare (store,
                           "SELECT " SESSION_COLUMNS " FROM classroom_sessions s "
                           "ORDER BY s.ends_us <= :now, "
                           "  CASE WHEN s.ends_us > :now THEN s.starts_us ELSE -s.starts_us END, s.id",
                           error);
  if (stmt == NULL || !nk_store_bind (store, stmt, error, NK_INT (":now", now_us), NK_END))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, session_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      nk_store_set_error (store, error, _("Cannot read the classroom sessions"));
      return NULL;
    }
  return g_steal_pointer (&list);
}

/* ---------------------------------------------------------------- writing */

static void
bind_unknown (sqlite3_stmt *stmt, const char *name, gint64 value, gboolean known)
{
  int index = sqlite3_bind_parameter_index (stmt, name);

  if (known)
    sqlite3_bind_int64 (stmt, index, value);
  else
    sqlite3_bind_null (stmt, index);
}

gboolean
nk_classroom_put_session (NkStore *store, const NkClassroomSession *s, GError **error)
{
  const char *what = _("Cannot save the classroom session");
  sqlite3_stmt *stmt;

  g_return_val_if_fail (NK_IS_STORE (store) && s != NULL, FALSE);

  stmt = nk_store_prepare (store,
                           "INSERT INTO classroom_sessions (id, title, kind, starts_us, ends_us, place, "
                           "  online_url, audience, capacity, seats_left, signup_url) "
                           "VALUES (:id, :title, :kind, :starts, :ends, :place, :online, :audience, "
                           "  :capacity, :seats, :signup) "
                           "ON CONFLICT (id) DO UPDATE SET title = :title, kind = :kind, "
                           "  starts_us = :starts, ends_us = :ends, place = :place, online_url = :online, "
                           "  audience = :audience, capacity = :capacity, seats_left = :seats, "
                           "  signup_url = :signup",
                           error);
  if (stmt == NULL
      || !nk_store_bind (store, stmt, error, NK_TEXT (":id", s->id), NK_TEXT (":title", s->title),
                         NK_TEXT (":kind", s->kind), NK_INT (":starts", s->starts_us),
                         NK_INT (":ends", s->ends_us), NK_TEXT (":place", s->place),
                         NK_TEXT (":online", s->online_url), NK_TEXT (":audience", s->audience),
                         NK_TEXT (":signup", s->signup_url), NK_END))
    return FALSE;
  bind_unknown (stmt, ":capacity", s->capacity, s->capacity > 0);
  bind_unknown (stmt, ":seats", s->seats_left, s->seats_left >= 0);
  if (!nk_store_step_done (store, stmt, what, error))
    return FALSE;
  /* sent from here before the record came, relayed from another door, or
   * so old that its outbox row is gone */
  return nk_store_run (store,
                       "UPDATE classroom_signups SET counted = 1 WHERE session_id = :id AND NOT counted "
                       "AND (device_id != :device OR NOT EXISTS (SELECT 1 FROM outbox o "
                       "  WHERE o.event_id = classroom_signups.id AND o.state != 'sent'))",
                       what, error, NK_TEXT (":id", s->id),
                       NK_TEXT (":device", nk_store_get_device_id (store)), NK_END);
}

/* ---------------------------------------------------------------- signing up */

/* Inside the record: 1 when guardian_id's sign-up for session_id stands
 * (*waiting says whether on the waiting list), 0 when none, -1 on error. */
static int
signed_up (NkStore *store, const char *guardian_id, const char *session_id, gboolean *waiting,
           GError **error)
{
  sqlite3_stmt *row = NULL;

  if (!nk_store_query_row (store, &row,
                           "SELECT waitlist FROM classroom_signups WHERE guardian_id = :guardian "
                           "AND session_id = :session AND " NK_KIND_STANDS ("classroom_signups"),
                           _("Cannot read the classroom sign-ups"), error,
                           NK_TEXT (":guardian", guardian_id), NK_TEXT (":session", session_id),
                           NK_END))
    return -1;
  if (row == NULL)
    return 0;
  *waiting = sqlite3_column_int (row, 0) != 0;
  sqlite3_reset (row);
  return 1;
}

static gboolean
refuse_again (const NkClassroomSession *s, gboolean waiting, GError **error)
{
  if (waiting)
    g_set_error (error, NK_CLASSROOM_ERROR, NK_CLASSROOM_ERROR_ALREADY,
                 _("You are on the waiting list for “%s” already"), s->title);
  else
    g_set_error (error, NK_CLASSROOM_ERROR, NK_CLASSROOM_ERROR_ALREADY,
                 _("You are signed up for “%s” already"), s->title);
  return FALSE;
}

gboolean
nk_classroom_sign_up (NkStore    *store,
                      NkCentre   *centre,
                      const char *guardian_id,
                      const char *session_id,
                      gboolean   *waitlisted,
                      GError    **error)
{
  NkActor actor = { "guardian", guardian_id };
  g_autoptr (NkRecord) rec = NULL;
  g_autoptr (NkClassroomSession) s = NULL;
  g_autoptr (JsonBuilder) payload = NULL;
  gboolean waiting = FALSE;
  gboolean full;

  g_return_val_if_fail (NK_IS_STORE (store) && NK_IS_CENTRE (centre), FALSE);

  if (waitlisted != NULL)
    *waitlisted = FALSE;
  if (guardian_id == NULL || session_id == NULL)
    {
      g_set_error (error, NK_KIND_ERROR, NK_KIND_ERROR_REFERENCE,
                   _("No guardian or no session was given: nothing was signed up"));
      return FALSE;
    }

  rec = nk_record_begin (store, centre, &actor, error);
  if (rec == NULL)
    return FALSE;
  /* read inside the transaction: another door's sign-up may just have landed */
  s = nk_classroom_get (store, session_id, error);
  if (s == NULL)
    return FALSE;
  if (s->starts_us <= nk_record_get_time (rec))
    {
      g_set_error (error, NK_CLASSROOM_ERROR, NK_CLASSROOM_ERROR_STARTED,
                   _("“%s” has begun already: sign-up is closed"), s->title);
      return FALSE;
    }
  switch (signed_up (store, guardian_id, session_id, &waiting, error))
    {
    case 0:
      break;
    case 1:
      return refuse_again (s, waiting, error);
    default:
      return FALSE;
    }

  full = s->seats_left == 0;
  payload = json_builder_new ();
  json_builder_begin_object (payload);
  nk_json_text (payload, "guardian_id", guardian_id);
  nk_json_text (payload, "session_id", session_id);
  nk_json_bool (payload, "waitlist", full);
  json_builder_end_object (payload);
  if (nk_kind_put (rec, &nk_classroom_signup_kind, payload, error) == NULL
      || !nk_record_commit (g_steal_pointer (&rec), error))
    return FALSE;
  g_message ("Classroom sign-up: guardian %s for %s%s", guardian_id, session_id,
             full ? " (waiting list: no seat left)" : "");
  if (waitlisted != NULL)
    *waitlisted = full;
  return TRUE;
}

/* ---------------------------------------------------------------- the door */

/* [*from_us, *to_us): the centre's day date (YYYY-MM-DD) in tz. */
static gboolean
day_bounds (const char *date, GTimeZone *tz, gint64 *from_us, gint64 *to_us)
{
  int y, m, d;
  g_autoptr (GDateTime) start = NULL;
  g_autoptr (GDateTime) end = NULL;

  if (date == NULL || sscanf (date, "%4d-%2d-%2d", &y, &m, &d) != 3
      || (start = g_date_time_new (tz, y, m, d, 0, 0, 0)) == NULL
      || (end = g_date_time_add_days (start, 1)) == NULL)
    return FALSE;
  *from_us = g_date_time_to_unix (start) * G_USEC_PER_SEC;
  *to_us = g_date_time_to_unix (end) * G_USEC_PER_SEC;
  return TRUE;
}

gboolean
nk_classroom_door_note (const NkNoteContext *ctx, NkTapResult *result, GError **error)
{
  GTimeZone *tz = nk_centre_get_timezone (ctx->centre);
  sqlite3_stmt *row = NULL;
  gint64 from_us, to_us;
  NkClassroomSession s = { 0 };
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *text = NULL;
  gboolean waiting;

  if (result->outcome != NK_TAP_FAMILY || result->holder != NK_HOLDER_GUARDIAN
      || !day_bounds (ctx->date, tz, &from_us, &to_us))
    return TRUE;
  /* the guardian's sign-ups by the index, their session's start checked */
  if (!nk_store_query_row (ctx->store, &row,
                           "SELECT s.title, s.starts_us, s.ends_us, s.place, classroom_signups.waitlist "
                           "FROM classroom_signups JOIN classroom_sessions s "
                           "  ON s.id = classroom_signups.session_id "
                           "WHERE classroom_signups.guardian_id = :guardian "
                           "  AND s.starts_us >= :from AND s.starts_us < :to AND s.ends_us > :now "
                           "  AND " NK_KIND_STANDS ("classroom_signups") " "
                           "ORDER BY s.starts_us LIMIT 1",
                           _("Cannot read the classroom sign-ups"), error,
                           NK_TEXT (":guardian", result->person_id), NK_INT (":from", from_us),
                           NK_INT (":to", to_us), NK_INT (":now", ctx->now_us), NK_END))
    return FALSE;
  if (row == NULL)
    return TRUE;
  s.title = (char *) sqlite3_column_text (row, 0);
  s.starts_us = sqlite3_column_int64 (row, 1);
  s.ends_us = sqlite3_column_int64 (row, 2);
  s.place = (char *) sqlite3_column_text (row, 3);
  waiting = sqlite3_column_int (row, 4) != 0;
  from = nk_centre_format_time (ctx->centre, s.starts_us);
  to = nk_centre_format_time (ctx->centre, s.ends_us);
  if (waiting)
    /* TRANSLATORS: a guardian's tap on the day of a classroom session: its title, start, end, place */
    text = g_strdup_printf (_("Today “%s”, %s–%s, %s: you are on the waiting list"), s.title, from, to,
                            nk_classroom_where (&s));
  else
    /* TRANSLATORS: a guardian's tap on the day of a classroom session: its title, start, end, place */
    text = g_strdup_printf (_("Today “%s”, %s–%s, %s: you are signed up"), s.title, from, to,
                            nk_classroom_where (&s));
  sqlite3_reset (row);
  nk_tap_result_add_note (result, NK_NOTE_FAMILY, NK_NOTE_INFO, "classroom.today", NULL, text);
  return TRUE;
}

/* ---------------------------------------------------------------- words */

const char *
nk_classroom_audience_label (const char *code)
{
  if (g_strcmp0 (code, "parents") == 0)
    return _("Parents");
  if (g_strcmp0 (code, "expectant_parents") == 0)
    return _("Expectant parents");
  if (g_strcmp0 (code, "grandparents") == 0)
    return _("Grandparents");
  if (g_strcmp0 (code, "families") == 0)
    return _("Whole families");
  return code;
}

const char *
nk_classroom_kind_label (const char *kind)
{
  if (g_strcmp0 (kind, NK_CLASSROOM_KIND_PRENATAL) == 0)
    return _("Prenatal school");
  return _("Mommy Classroom");
}

static GDateTime *
at_in (gint64 real_us, GTimeZone *tz)
{
  g_autoptr (GDateTime) utc = g_date_time_new_from_unix_utc (real_us / G_USEC_PER_SEC);

  return utc != NULL ? g_date_time_to_timezone (utc, tz) : NULL;
}

char *
nk_classroom_format_when (const NkClassroomSession *s, GTimeZone *tz)
{
  g_autoptr (GDateTime) start = NULL;
  g_autoptr (GDateTime) end = NULL;
  g_autofree char *day = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  g_return_val_if_fail (s != NULL && tz != NULL, NULL);

  start = at_in (s->starts_us, tz);
  end = at_in (s->ends_us, tz);
  if (start == NULL || end == NULL)
    return g_strdup ("");
  /* TRANSLATORS: a session's day, strftime format (g_date_time_format): "Sat 5 Dec" */
  day = g_date_time_format (start, _("%a %-d %b"));
  from = g_date_time_format (start, "%H:%M");
  to = g_date_time_format (end, "%H:%M");
  /* TRANSLATORS: a session's day, its start and its end: "Sat 5 Dec, 14:00–15:30" */
  return g_strdup_printf (_("%s, %s–%s"), day, from, to);
}

const char *
nk_classroom_where (const NkClassroomSession *s)
{
  g_return_val_if_fail (s != NULL, NULL);

  return s->place != NULL ? s->place : _("Online");
}

char *
nk_classroom_format_about (const NkClassroomSession *s)
{
  g_return_val_if_fail (s != NULL, NULL);

  /* TRANSLATORS: a classroom session's kind and audience: "Mommy Classroom · Parents" */
  return g_strdup_printf (_("%s · %s"), nk_classroom_kind_label (s->kind), nk_classroom_audience_label (s->audience));
}

char *
nk_classroom_format_when_where (const NkClassroomSession *s, GTimeZone *tz)
{
  g_autofree char *when = nk_classroom_format_when (s, tz);

  /* TRANSLATORS: when and where a classroom session is: "Sat 5 Dec, 14:00–15:30 · Room 2" */
  return g_strdup_printf (_("%s · %s"), when, nk_classroom_where (s));
}
