/* test-classroom.c — classroom sessions and sign-ups (nk-classroom.h):
 * sessions pulled through the real pull (and hostile ones quarantined
 * with the member at fault), the next session and the offer on a fake
 * clock, seats counted down for sign-ups the platform has not counted,
 * the waiting list when full, a second sign-up refused with nothing
 * written, and the sessions an earlier version kept as received applied
 * after the upgrade. */
#include "config.h"

#include <string.h>

#include "core/nk-classroom.h"
#include "core/nk-door.h"
#include "core/nk-migrations.h"
#include "core/nk-pull.h"
#include "core/nk-roster.h"
#include "nk-test-util.h"

/* NK_TEST_MONDAY_8AM_US is 2026-11-23 00:00 UTC (08:00 in Shanghai). */
#define WEDNESDAY_2PM "2026-11-25T06:00:00.000Z"
#define WEDNESDAY_3_30PM "2026-11-25T07:30:00.000Z"
#define HOUR (G_GINT64_CONSTANT (3600) * G_USEC_PER_SEC)

#define SESSION(id, title, starts, ends, more) \
  "{\"id\": \"" id "\", \"title\": \"" title "\", \"kind\": \"mommy_classroom\", " \
  "\"starts_at\": \"" starts "\", \"ends_at\": \"" ends "\", \"place\": \"二楼活动室\", " \
  "\"audience\": \"parents\"" more "}"

typedef struct {
  char        *dir;
  NkStore     *store;
  NkDoor      *door;
  NkTestClock  clock;
} Fixture;

static void
setup (Fixture *f, gconstpointer data)
{
  GError *error = NULL;

  f->store = nk_test_store_new ("classroom", &f->dir);
  nk_test_put_toddlers (f->store);
  g_assert_true (nk_roster_put_guardian (f->store, "g1", "Mum of An", NULL, "mother", &error));
  g_assert_true (nk_roster_put_guardian (f->store, "g2", "Grandpa of An", NULL, "grandfather", &error));
  g_assert_true (nk_roster_put_guardian (f->store, "g3", "Dad of Bo", NULL, "father", &error));
  g_assert_true (nk_roster_link (f->store, "c1", "g1", TRUE, &error));
  g_assert_true (nk_roster_link (f->store, "c1", "g2", TRUE, &error));
  g_assert_true (nk_roster_link (f->store, "c2", "g3", TRUE, &error));
  g_assert_no_error (error);
  f->door = nk_test_door_at (f->store, &f->clock, NK_TEST_MONDAY_8AM_US);
}

static void
teardown (Fixture *f, gconstpointer data)
{
  nk_test_door_close (&f->door, &f->store, &f->dir);
}

static NkCentre *
centre (Fixture *f)
{
  return nk_door_get_centre (f->door);
}

/* Applies {"classroom_sessions": [sessions]} as a pull answer. */
static NkPullCounts
pull_sessions (Fixture *f, const char *sessions)
{
  g_autofree char *json = g_strdup_printf ("{\"cursor\": \"c\", \"more\": false, \"changes\": "
                                           "{\"classroom_sessions\": [%s]}}", sessions);
  g_autoptr (GError) error = NULL;
  g_autoptr (NkPull) pull = nk_pull_parse (json, strlen (json), &error);
  NkPullCounts counts = { 0 };

  g_assert_no_error (error);
  g_assert_true (nk_pull_apply (pull, f->store, centre (f), &counts, &error));
  g_assert_no_error (error);
  return counts;
}

static gboolean
sign_up (Fixture *f, const char *guardian, const char *session, gboolean *waitlisted, GError **error)
{
  return nk_classroom_sign_up (f->store, centre (f), guardian, session, waitlisted, error);
}

static void
sign_up_ok (Fixture *f, const char *guardian, const char *session, gboolean expect_waitlist)
{
  g_autoptr (GError) error = NULL;
  gboolean waitlisted = !expect_waitlist;

  g_assert_true (sign_up (f, guardian, session, &waitlisted, &error));
  g_assert_no_error (error);
  g_assert_cmpint (waitlisted, ==, expect_waitlist);
}

static NkClassroomSession *
get (Fixture *f, const char *id)
{
  g_autoptr (GError) error = NULL;
  NkClassroomSession *s = nk_classroom_get (f->store, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (s);
  return s;
}

/* The session on now, else the next to start; an ended one never. */
static void
test_next (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (NkClassroomSession) none = nk_classroom_next (f->store, NK_TEST_MONDAY_8AM_US, &error);
  NkClassroomSession *s;

  g_assert_no_error (error);
  g_assert_null (none);
  pull_sessions (f, SESSION ("cs-past", "上周的课", "2026-11-16T06:00:00.000Z", "2026-11-16T07:00:00.000Z", "") ", "
                    SESSION ("cs-later", "辅食添加", "2026-12-02T06:00:00.000Z",
                             "2026-12-02T07:00:00.000Z", "") ", "
                    SESSION ("cs-wed", "科学喂养", WEDNESDAY_2PM, WEDNESDAY_3_30PM,
                             ", \"capacity\": 20, \"seats_left\": 12, "
                             "\"signup_url\": \"https://platform.example.cn/s/cs-wed\""));

  s = nk_classroom_next (f->store, NK_TEST_MONDAY_8AM_US, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (s->id, ==, "cs-wed");
  g_assert_cmpstr (s->title, ==, "科学喂养");
  g_assert_cmpstr (s->kind, ==, "mommy_classroom");
  g_assert_cmpstr (s->place, ==, "二楼活动室");
  g_assert_null (s->online_url);
  g_assert_cmpstr (s->audience, ==, "parents");
  g_assert_cmpuint (s->capacity, ==, 20);
  g_assert_cmpint (s->seats_left, ==, 12);
  g_assert_cmpstr (s->signup_url, ==, "https://platform.example.cn/s/cs-wed");
  g_assert_cmpint (s->starts_us, ==, NK_TEST_MONDAY_8AM_US + 54 * HOUR);
  g_assert_cmpint (s->ends_us, ==, NK_TEST_MONDAY_8AM_US + 55 * HOUR + HOUR / 2);
  g_clear_pointer (&s, nk_classroom_session_free);

  /* while it is on it is still the next; once ended, the one after */
  s = nk_classroom_next (f->store, NK_TEST_MONDAY_8AM_US + 55 * HOUR, &error);
  g_assert_cmpstr (s->id, ==, "cs-wed");
  g_clear_pointer (&s, nk_classroom_session_free);
  s = nk_classroom_next (f->store, NK_TEST_MONDAY_8AM_US + 55 * HOUR + HOUR / 2, &error);
  g_assert_cmpstr (s->id, ==, "cs-later");
  g_clear_pointer (&s, nk_classroom_session_free);
  s = nk_classroom_next (f->store, NK_TEST_MONDAY_8AM_US + 30 * 24 * HOUR, &error);
  g_assert_no_error (error);
  g_assert_null (s);
}

/* The seats the platform said, less the sign-ups it has not counted;
 * full, the next guardian goes on the waiting list; a session record
 * that came after the sign-ups were sent counts them, so they are not
 * taken off twice. */
static void
test_seats (Fixture *f, gconstpointer data)
{
  NkClassroomSession *s;

  pull_sessions (f, SESSION ("cs-wed", "科学喂养", WEDNESDAY_2PM, WEDNESDAY_3_30PM,
                             ", \"capacity\": 20, \"seats_left\": 2"));
  sign_up_ok (f, "g1", "cs-wed", FALSE);
  s = get (f, "cs-wed");
  g_assert_cmpint (s->seats_left, ==, 1);
  g_assert_cmpuint (s->signed_up_here, ==, 1);
  g_clear_pointer (&s, nk_classroom_session_free);

  sign_up_ok (f, "g2", "cs-wed", FALSE);
  sign_up_ok (f, "g3", "cs-wed", TRUE);
  s = get (f, "cs-wed");
  g_assert_cmpint (s->seats_left, ==, 0);
  g_assert_cmpuint (s->signed_up_here, ==, 2);
  g_assert_cmpuint (s->waitlisted_here, ==, 1);
  g_clear_pointer (&s, nk_classroom_session_free);

  /* each one an event, the guardian as the person */
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM outbox WHERE type = 'classroom.signup'"),
                   ==, 3);
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM outbox WHERE type = 'classroom.signup' "
                                            "AND json_extract (payload, '$.guardian_id') = 'g3' "
                                            "AND json_extract (payload, '$.session_id') = 'cs-wed' "
                                            "AND json_extract (payload, '$.waitlist') = 1 "
                                            "AND json_extract (payload, '$.by_kind') = 'guardian'"),
                   ==, 1);

  /* the platform got them, and says one seat came free (a cancellation) */
  g_assert_true (nk_store_run (f->store, "UPDATE outbox SET state = 'sent', sent_us = 1", "", NULL, NK_END));
  pull_sessions (f, SESSION ("cs-wed", "科学喂养", WEDNESDAY_2PM, WEDNESDAY_3_30PM,
                             ", \"capacity\": 20, \"seats_left\": 1"));
  s = get (f, "cs-wed");
  g_assert_cmpint (s->seats_left, ==, 1);
  g_clear_pointer (&s, nk_classroom_session_free);

  /* no seats_left from the platform: the capacity less the centre's sign-ups */
  pull_sessions (f, SESSION ("cs-small", "祖辈育儿", "2026-11-26T06:00:00.000Z", "2026-11-26T07:00:00.000Z",
                             ", \"capacity\": 1"));
  sign_up_ok (f, "g1", "cs-small", FALSE);
  sign_up_ok (f, "g2", "cs-small", TRUE);
  /* neither known: never a waiting list */
  pull_sessions (f, SESSION ("cs-open", "线上讲座", "2026-11-27T06:00:00.000Z", "2026-11-27T07:00:00.000Z", ""));
  sign_up_ok (f, "g1", "cs-open", FALSE);
  s = get (f, "cs-open");
  g_assert_cmpint (s->seats_left, ==, -1);
  g_assert_cmpuint (s->capacity, ==, 0);
  g_clear_pointer (&s, nk_classroom_session_free);
}

/* A second sign-up, a session begun, an unknown session or guardian:
 * refused with a message for the screen, nothing written. */
static void
test_refused (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gint64 events;

  pull_sessions (f, SESSION ("cs-wed", "科学喂养", WEDNESDAY_2PM, WEDNESDAY_3_30PM,
                             ", \"capacity\": 20, \"seats_left\": 1") ", "
                    SESSION ("cs-now", "正在上课", "2026-11-22T23:30:00.000Z", "2026-11-23T01:00:00.000Z", ""));
  sign_up_ok (f, "g1", "cs-wed", FALSE);
  sign_up_ok (f, "g2", "cs-wed", TRUE);
  events = nk_test_count (f->store, "SELECT count(*) FROM outbox");

  g_assert_false (sign_up (f, "g1", "cs-wed", NULL, &error));
  g_assert_error (error, NK_CLASSROOM_ERROR, NK_CLASSROOM_ERROR_ALREADY);
  g_assert_cmpstr (error->message, ==, "You are signed up for “科学喂养” already");
  g_clear_error (&error);
  g_assert_false (sign_up (f, "g2", "cs-wed", NULL, &error));
  g_assert_error (error, NK_CLASSROOM_ERROR, NK_CLASSROOM_ERROR_ALREADY);
  g_assert_cmpstr (error->message, ==, "You are on the waiting list for “科学喂养” already");
  g_clear_error (&error);

  g_assert_false (sign_up (f, "g1", "cs-now", NULL, &error));
  g_assert_error (error, NK_CLASSROOM_ERROR, NK_CLASSROOM_ERROR_STARTED);
  g_clear_error (&error);
  g_assert_false (sign_up (f, "g1", "cs-gone", NULL, &error));
  g_assert_error (error, NK_CLASSROOM_ERROR, NK_CLASSROOM_ERROR_UNKNOWN);
  g_clear_error (&error);
  g_assert_false (sign_up (f, "nobody", "cs-wed", NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM outbox"), ==, events);
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM classroom_signups"), ==, 2);
}

/* The offer: the next session not begun that the guardian has not
 * signed up for. */
static void
test_offer (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  NkClassroomSession *s;

  pull_sessions (f, SESSION ("cs-now", "正在上课", "2026-11-22T23:30:00.000Z", "2026-11-23T01:00:00.000Z", "") ", "
                    SESSION ("cs-wed", "科学喂养", WEDNESDAY_2PM, WEDNESDAY_3_30PM, "") ", "
                    SESSION ("cs-later", "辅食添加", "2026-12-02T06:00:00.000Z", "2026-12-02T07:00:00.000Z", ""));
  s = nk_classroom_offer (f->store, "g1", NK_TEST_MONDAY_8AM_US, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (s->id, ==, "cs-wed");
  g_clear_pointer (&s, nk_classroom_session_free);

  sign_up_ok (f, "g1", "cs-wed", FALSE);
  s = nk_classroom_offer (f->store, "g1", NK_TEST_MONDAY_8AM_US, &error);
  g_assert_cmpstr (s->id, ==, "cs-later");
  g_clear_pointer (&s, nk_classroom_session_free);
  /* another guardian is still offered the first */
  s = nk_classroom_offer (f->store, "g2", NK_TEST_MONDAY_8AM_US, &error);
  g_assert_cmpstr (s->id, ==, "cs-wed");
  g_clear_pointer (&s, nk_classroom_session_free);

  sign_up_ok (f, "g1", "cs-later", FALSE);
  s = nk_classroom_offer (f->store, "g1", NK_TEST_MONDAY_8AM_US, &error);
  g_assert_no_error (error);
  g_assert_null (s);
}

/* Hostile or broken sessions are quarantined with the member at fault;
 * the good one of the same answer is applied. */
static void
test_hostile (Fixture *f, gconstpointer data)
{
  static const struct {
    const char *id, *json, *field;
  } cases[] = {
    { "h-http", SESSION ("h-http", "课", WEDNESDAY_2PM, WEDNESDAY_3_30PM,
                         ", \"online_url\": \"http://live.example.cn/x\""), "online_url" },
    { "h-js", SESSION ("h-js", "课", WEDNESDAY_2PM, WEDNESDAY_3_30PM,
                       ", \"signup_url\": \"javascript:alert(1)\""), "signup_url" },
    { "h-nohost", SESSION ("h-nohost", "课", WEDNESDAY_2PM, WEDNESDAY_3_30PM,
                           ", \"signup_url\": \"https:///path\""), "signup_url" },
    { "h-signup-http", SESSION ("h-signup-http", "课", WEDNESDAY_2PM, WEDNESDAY_3_30PM,
                                ", \"signup_url\": \"http://platform.example.cn/s\""), "signup_url" },
    { "h-time", SESSION ("h-time", "课", "2026-11-25 14:00", WEDNESDAY_3_30PM, ""), "starts_at" },
    { "h-date", SESSION ("h-date", "课", "2026-02-30T06:00:00.000Z", WEDNESDAY_3_30PM, ""), "starts_at" },
    { "h-before", SESSION ("h-before", "课", WEDNESDAY_3_30PM, WEDNESDAY_2PM, ""), "ends_at" },
    { "h-same", SESSION ("h-same", "课", WEDNESDAY_2PM, WEDNESDAY_2PM, ""), "ends_at" },
    { "h-long", SESSION ("h-long", "课", WEDNESDAY_2PM, "2026-11-27T07:30:00.000Z", ""), "ends_at" },
    { "h-capacity", SESSION ("h-capacity", "课", WEDNESDAY_2PM, WEDNESDAY_3_30PM,
                             ", \"capacity\": -5"), "capacity" },
    { "h-seats", SESSION ("h-seats", "课", WEDNESDAY_2PM, WEDNESDAY_3_30PM,
                          ", \"capacity\": 5, \"seats_left\": 6"), "seats_left" },
    { "h-neg-seats", SESSION ("h-neg-seats", "课", WEDNESDAY_2PM, WEDNESDAY_3_30PM,
                              ", \"seats_left\": -1"), "seats_left" },
    { "h-title", NULL, "title" },
    { "h-control", SESSION ("h-control", "课\\u0007", WEDNESDAY_2PM, WEDNESDAY_3_30PM, ""), "title" },
    { "h-nowhere", "{\"id\": \"h-nowhere\", \"title\": \"课\", \"kind\": \"mommy_classroom\", "
                   "\"starts_at\": \"" WEDNESDAY_2PM "\", \"ends_at\": \"" WEDNESDAY_3_30PM "\", "
                   "\"audience\": \"parents\"}", "place" },
    { "h-audience", "{\"id\": \"h-audience\", \"title\": \"课\", \"kind\": \"mommy_classroom\", "
                    "\"starts_at\": \"" WEDNESDAY_2PM "\", \"ends_at\": \"" WEDNESDAY_3_30PM "\", "
                    "\"place\": \"x\", \"audience\": \"everyone\"}", "audience" },
    { "h-kind", "{\"id\": \"h-kind\", \"title\": \"课\", \"kind\": \"party\", "
                "\"starts_at\": \"" WEDNESDAY_2PM "\", \"ends_at\": \"" WEDNESDAY_3_30PM "\", "
                "\"place\": \"x\", \"audience\": \"parents\"}", "kind" },
  };
  g_autoptr (GString) all = g_string_new (NULL);
  g_autoptr (GString) title = g_string_new (NULL);
  NkPullCounts counts;

  for (guint i = 0; i < 101; i++)
    g_string_append (title, "长");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      if (cases[i].json != NULL)
        g_string_append_printf (all, "%s, ", cases[i].json);
      else
        g_string_append_printf (all, "{\"id\": \"%s\", \"title\": \"%s\", \"kind\": \"mommy_classroom\", "
                                "\"starts_at\": \"" WEDNESDAY_2PM "\", \"ends_at\": \"" WEDNESDAY_3_30PM "\", "
                                "\"place\": \"x\", \"audience\": \"parents\"}, ", cases[i].id, title->str);
    }
  g_string_append (all, SESSION ("good", "科学喂养", WEDNESDAY_2PM, WEDNESDAY_3_30PM,
                                 ", \"online_url\": \"https://live.example.cn/room/9?x=1\""));
  counts = pull_sessions (f, all->str);

  g_assert_cmpuint (counts.applied, ==, 1);
  g_assert_cmpuint (counts.quarantined, ==, G_N_ELEMENTS (cases));
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM classroom_sessions"), ==, 1);
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM classroom_sessions WHERE id = 'good' "
                                            "AND online_url = 'https://live.example.cn/room/9?x=1'"), ==, 1);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT field FROM pull_quarantine "
                                              "WHERE section = 'classroom_sessions' AND id = '%s'",
                                              cases[i].id);
      g_autofree char *field = nk_test_text (f->store, sql);

      g_test_message ("%s", cases[i].id);
      g_assert_cmpstr (field, ==, cases[i].field);
    }
  /* the platform is told about each */
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM outbox WHERE type = 'pull.rejected'"), ==,
                   G_N_ELEMENTS (cases));
}

/* A kiosk upgraded in the field: the sessions the earlier version kept
 * as received are checked and applied at the next pull, whatever it
 * holds; a bad one among them is quarantined. */
static void
test_upgrade (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  guint total = (guint) nk_store_get_schema_version (f->store);

  /* back to before this version's classroom module, with records kept */
  g_assert_true (nk_store_exec (f->store,
                                "DROP TABLE classroom_sessions; DROP TABLE classroom_signups;"
                                "DELETE FROM schema_modules WHERE module = 'classroom';"
                                "INSERT INTO pulled_records (section, id, body, received_us) VALUES "
                                "('classroom_sessions', 'old-1', '" SESSION ("old-1", "旧版保存的课",
                                  WEDNESDAY_2PM, WEDNESDAY_3_30PM, ", \"capacity\": 10") "', 5),"
                                "('classroom_sessions', 'old-bad', '" SESSION ("old-bad", "坏的", WEDNESDAY_2PM,
                                  WEDNESDAY_3_30PM, ", \"online_url\": \"http://x.cn\"") "', 5),"
                                "('menus', 'm-1', '{\"id\": \"m-1\"}', 5);",
                                &error));
  g_assert_no_error (error);
  {
    g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %u",
                                            total - nk_classroom_migrations.n_steps);
    g_assert_true (nk_store_exec (f->store, sql, &error));
  }
  g_clear_object (&f->door);
  g_clear_object (&f->store);
  {
    g_autofree char *path = g_build_filename (f->dir, "kiosk.db", NULL);

    f->store = nk_store_open (path, &error);
    g_assert_no_error (error);
  }
  f->door = nk_test_door_at (f->store, &f->clock, NK_TEST_MONDAY_8AM_US);

  g_assert_cmpint (nk_store_get_schema_version (f->store), ==, total);
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM pulled_records "
                                            "WHERE section = 'classroom_sessions'"), ==, 0);
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM pulled_records WHERE section = 'menus'"), ==, 1);
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM pull_quarantine WHERE code = 'upgrade'"), ==, 2);

  /* an answer with nothing in it: they are tried all the same */
  pull_sessions (f, "");
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM classroom_sessions "
                                            "WHERE id = 'old-1' AND capacity = 10"), ==, 1);
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM pull_quarantine "
                                            "WHERE id = 'old-bad' AND code = 'invalid' AND field = 'online_url'"),
                   ==, 1);
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM pull_quarantine WHERE code = 'upgrade'"), ==, 0);
}

/* The notes of a guardian's tap with key "classroom.today": their texts. */
static char *
reminder_of (Fixture *f, const char *uid)
{
  g_autoptr (NkTapResult) result = nk_test_tap (f->door, uid);
  char *text = NULL;

  g_assert_cmpint (result->outcome, ==, NK_TAP_FAMILY);
  for (guint i = 0; i < nk_tap_result_get_n_notes (result); i++)
    {
      const NkTapNote *note = nk_tap_result_get_note (result, i);

      if (g_strcmp0 (note->key, "classroom.today") == 0)
        {
          g_assert_null (text);
          g_assert_cmpint (note->audience, ==, NK_NOTE_FAMILY);
          text = g_strdup (note->text);
        }
    }
  return text;
}

/* On the session's day, and only then, the tap of a guardian signed up
 * (or waiting) says when and where; other guardians are told nothing. */
static void
test_reminder (Fixture *f, gconstpointer data)
{
  g_autofree char *g1 = NULL;
  g_autofree char *g2 = NULL;
  g_autofree char *g3 = NULL;

  g_assert_true (nk_store_run (f->store, "INSERT INTO cards (uid, holder_kind, holder_id, status) VALUES "
                               "('04D00001', 'guardian', 'g1', 'active'), ('04D00002', 'guardian', 'g2', 'active'), "
                               "('04D00003', 'guardian', 'g3', 'active')", "", NULL, NK_END));
  /* Monday 14:00–15:30 in Shanghai, and Wednesday */
  pull_sessions (f, SESSION ("cs-mon", "科学喂养", "2026-11-23T06:00:00.000Z", "2026-11-23T07:30:00.000Z",
                             ", \"capacity\": 1") ", "
                    SESSION ("cs-wed", "辅食添加", WEDNESDAY_2PM, WEDNESDAY_3_30PM, ""));
  sign_up_ok (f, "g1", "cs-mon", FALSE);
  sign_up_ok (f, "g2", "cs-mon", TRUE);
  sign_up_ok (f, "g1", "cs-wed", FALSE);

  g1 = reminder_of (f, "04D00001");
  g2 = reminder_of (f, "04D00002");
  g3 = reminder_of (f, "04D00003");
  g_assert_cmpstr (g1, ==, "Today “科学喂养”, 14:00–15:30, 二楼活动室: you are signed up");
  g_assert_cmpstr (g2, ==, "Today “科学喂养”, 14:00–15:30, 二楼活动室: you are on the waiting list");
  g_assert_null (g3);

  /* Tuesday: nothing; Wednesday: the other session */
  nk_test_clock_advance (&f->clock, 24 * HOUR);
  g_clear_pointer (&g1, g_free);
  g1 = reminder_of (f, "04D00001");
  g_assert_null (g1);
  nk_test_clock_advance (&f->clock, 24 * HOUR);
  g1 = reminder_of (f, "04D00001");
  g_assert_cmpstr (g1, ==, "Today “辅食添加”, 14:00–15:30, 二楼活动室: you are signed up");
  /* once it is over, no more */
  nk_test_clock_advance (&f->clock, 8 * HOUR);
  g_clear_pointer (&g1, g_free);
  g1 = reminder_of (f, "04D00001");
  g_assert_null (g1);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, setup, fn, teardown)
  ADD ("/nk/classroom/next", test_next);
  ADD ("/nk/classroom/seats", test_seats);
  ADD ("/nk/classroom/refused", test_refused);
  ADD ("/nk/classroom/offer", test_offer);
  ADD ("/nk/classroom/hostile", test_hostile);
  ADD ("/nk/classroom/upgrade", test_upgrade);
  ADD ("/nk/classroom/reminder", test_reminder);
#undef ADD

  return g_test_run ();
}
