/* test-sync-pull.c — NkSync's pull against the reference platform server:
 * pulled cards work at the door and a lost one stops whatever else the
 * answer holds; a bad pulled record is quarantined and reported while the
 * rest lands; an unreadable answer changes nothing, and a refused one
 * waits the pull interval. */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "core/nk-door.h"
#include "core/nk-pull.h"
#include "core/nk-types.h"
#include "nk-sync-fixture.h"
#include "nk-test-util.h"
#include "sync/nk-enrol.h"

/* Answers the kiosk refuses whole (the raw checks, the envelope) come
 * again the same until the platform fixes them: the next pull waits the
 * pull interval (here 2 s; the ordinary backoff is at most 0.3 s), while
 * records keep going up.  Staff can still ask for a pull at once. */
typedef struct {
  const char *name;
  const char *data;
  gsize       len;    /* 0: strlen */
} RawAnswer;

static const char raw_nul[] = "{\"cursor\": \"v1:1\", \"changes\": {}, \"x\": \"a\0b\"}";
static const RawAnswer refused_answers[] = {
  { "escaped-nul", "{\"cursor\": \"v1:1\", \"changes\": {\"guardians\": [{\"id\": \"g\", \"name\": \"a\\u0000b\"}]}}" },
  { "raw-nul", raw_nul, sizeof raw_nul - 1 },
  { "invalid-utf8", "{\"cursor\": \"v1:1\", \"changes\": {\"rooms\": [{\"name\": \"\xff\xfe\"}]}}" },
  { "nesting", "{\"cursor\": \"v1:1\", \"changes\": {\"menus\": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}}" },
  { "long-integer", "{\"cursor\": \"v1:1\", \"changes\": {\"rooms\": [{\"id\": \"r\", \"name\": \"R\", \"kind\": \"infant\", \"places\": 1234567890123456}]}}" },
  { "bad-cursor", "{\"cursor\": \"v1 1\", \"changes\": {}}" },
};

static gboolean
pulls_reached (Fixture *f, gconstpointer data)
{
  return nk_test_platform_stat (f->platform, "pulls") >= GPOINTER_TO_INT (data);
}

static void
test_refused_pull_waits (Fixture *f, gconstpointer data)
{
  const RawAnswer *answer = data;
  gint64 first, second;

  if (f->platform == NULL)
    return;
  f->config->pull_seconds = 2;
  raw_pull_bytes (f, answer->data, answer->len ? answer->len : strlen (answer->data));
  enrol_directly (f);
  start_sync (f);
  wait_until (f, pulls_reached, GINT_TO_POINTER (1), "the first pull");
  first = g_get_monotonic_time ();
  wait_until (f, error_says, "break the rules", "the refusal is shown");

  /* Records go up meanwhile. */
  add_events (f, 1, NULL);
  {
    const char *sent[] = { "events", "1" };
    wait_until (f, stat_at_least, sent, "a tap's record was sent");
  }
  wait_until (f, pulls_reached, GINT_TO_POINTER (2), "the pull was asked for again");
  second = g_get_monotonic_time ();
  g_test_message ("the refused answer was asked for again after %.2f s",
                  (double) (second - first) / G_USEC_PER_SEC);
  g_assert_cmpint (second - first, >=, 3 * G_USEC_PER_SEC / 2);
  g_assert_cmpint (count (f->store, "SELECT (SELECT count(*) FROM rooms) + (SELECT count(*) FROM guardians) "
                                    "+ (SELECT count(*) FROM pull_quarantine)"), ==, 0);

  nk_sync_pull_now (f->sync);
  wait_until (f, pulls_reached, GINT_TO_POINTER (3), "staff asked for a pull");
}

static char *
year_ago (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (GDateTime) then = g_date_time_add_years (now, -1);

  return g_date_time_format (then, "%Y-%m-%d");
}

static void
seed_roster (Fixture *f)
{
  g_autofree char *dob = year_ago ();
  g_autofree char *body = g_strdup_printf (
    "{\"rooms\": [{\"id\": \"r-1\", \"name\": \"向日葵班\", \"kind\": \"toddler\", \"places\": 15}],"
    " \"children\": [{\"id\": \"c-1\", \"name\": \"王小明\", \"date_of_birth\": \"%s\", \"room_id\": \"r-1\"}],"
    " \"guardians\": [{\"id\": \"g-1\", \"name\": \"李娜\", \"phone\": \"13800138000\", \"relation\": \"mother\"}],"
    " \"pickups\": [{\"child_id\": \"c-1\", \"guardian_id\": \"g-1\", \"can_pickup\": true}],"
    " \"cards\": [{\"uid\": \"04A1B2C3\", \"holder_kind\": \"child\", \"holder_id\": \"c-1\", \"status\": \"active\"}]}",
    dob);
  g_autoptr (JsonNode) answer = nk_test_platform_admin (f->platform, "/admin/changes", body);
}

static gboolean
quarantined_at_least (Fixture *f, gconstpointer data)
{
  return nk_sync_get_quarantined (f->sync) >= GPOINTER_TO_INT (data)
         && nk_sync_get_state (f->sync) == NK_SYNC_STATE_IDLE;
}

static void
test_pull_cards (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GTimeZone) tz = g_time_zone_new_identifier ("Asia/Shanghai");
  g_autoptr (NkDoor) attendance = NULL;
  g_autoptr (NkTapResult) before = NULL;
  g_autoptr (NkTapResult) after = NULL;
  g_autoptr (NkTapResult) lost = NULL;
  g_autoptr (JsonNode) answer = NULL;

  if (f->platform == NULL)
    return;
  attendance = nk_test_door_new (f->store, tz, NULL);
  nk_door_set_debounce (attendance, 0);
  before = nk_door_tap (attendance, "04A1B2C3", &error);
  g_assert_no_error (error);
  g_assert_cmpint (before->outcome, ==, NK_TAP_UNKNOWN_CARD);

  enrol_directly (f);
  seed_roster (f);
  start_sync (f);
  wait_until (f, pulled_some, GUINT_TO_POINTER (5), "the roster was pulled");

  after = nk_door_tap (attendance, "04A1B2C3", &error);
  g_assert_no_error (error);
  g_assert_cmpint (after->outcome, ==, NK_TAP_CHECKED_IN);

  /* The platform reports the card lost in an answer that also holds a
   * broken record of its holder and garbage: the next pull stops it. */
  answer = nk_test_platform_admin (f->platform, "/admin/changes",
                                   "{\"rooms\": [{\"id\": \"r-2\", \"kind\": \"huge\"}, 17],"
                                   " \"children\": [{\"id\": \"c-1\", \"name\": \"王小明\", \"date_of_birth\": \"2999-01-01\"}],"
                                   " \"cards\": [{\"uid\": \"04A1B2C3\", \"holder_kind\": \"child\","
                                   " \"holder_id\": \"c-1\", \"status\": \"lost\"}],"
                                   " \"deletions\": [{\"kind\": \"everything\"}]}");
  nk_sync_pull_now (f->sync);
  wait_until (f, quarantined_at_least, GINT_TO_POINTER (5), "the answer with the lost card was pulled");
  lost = nk_door_tap (attendance, "04A1B2C3", &error);
  g_assert_no_error (error);
  g_assert_cmpint (lost->outcome, ==, NK_TAP_LOST_CARD);

  /* The check-in the tap made went up as well. */
  wait_until (f, drained, NULL, "the check-in was sent");
  g_assert_cmpint (nk_test_platform_stat (f->platform, "events"), >=, 1);
}

/* Hostile JSON from the platform.  A readable answer lands but for the
 * record at fault, which is quarantined, shown and reported to the
 * platform; an unreadable one changes nothing.  Either way the next good
 * answer goes through. */
typedef struct {
  const char *name;
  const char *body;
  gint        rooms;        /* applied */
  const char *section;      /* quarantined, or NULL: refused whole */
  const char *id;
  const char *code;
} Hostile;

static const Hostile hostile[] = {
  { "bad-reference",
    "{\"cursor\": \"v1:1\", \"changes\": {\"rooms\": [{\"id\": \"r-1\", \"name\": \"R\", \"kind\": "
    "\"infant\", \"places\": 5}], \"cards\": [{\"uid\": \"04A1B2C3\", \"holder_kind\": \"child\", "
    "\"holder_id\": \"nobody\", \"status\": \"active\"}]}}",
    1, "cards", "04A1B2C3", "reference" },
  { "wrong-type",
    "{\"cursor\": \"v1:1\", \"changes\": {\"rooms\": [{\"id\": \"r-1\", \"name\": \"R\", \"kind\": "
    "\"infant\", \"places\": \"5; DROP TABLE rooms\"}, {\"id\": \"r-2\", \"name\": \"S\", \"kind\": "
    "\"senior\", \"places\": 20}]}}",
    1, "rooms", "r-1", "invalid" },
  { "deep", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
    0, NULL, NULL, NULL },
};

static gboolean
platform_told (Fixture *f, gconstpointer data)
{
  const Hostile *c = data;

  return platform_rejected (f, c->section, c->id, c->code) >= 1;
}

static void
test_pull_hostile (Fixture *f, gconstpointer data)
{
  const Hostile *c = data;
  g_autofree char *cursor = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) answer = NULL;

  if (f->platform == NULL)
    return;
  raw_pull_repeat (f, c->body);
  enrol_directly (f);
  start_sync (f);

  if (c->section)
    {
      wait_until (f, quarantined_at_least, GINT_TO_POINTER (1), "the bad record was set aside");
      wait_until (f, platform_told, c, "the platform was told");
      g_assert_cmpint (nk_sync_get_quarantined (f->sync), ==, 1);
      g_assert_cmpint (count (f->store, "SELECT count(*) FROM rooms"), ==, c->rooms);
      g_assert_cmpint (count (f->store, "SELECT count(*) FROM cards"), ==, 0);
      g_assert_true (nk_pull_read_cursor (f->store, &cursor, &error));
      g_assert_cmpstr (cursor, ==, "v1:1");
      g_assert_null (nk_sync_get_last_error (f->sync));
    }
  else
    {
      wait_until (f, pull_refused, NULL, "the pull was refused");
      g_assert_cmpint (count (f->store, "SELECT (SELECT count(*) FROM rooms) + (SELECT count(*) FROM cards) "
                                        "+ (SELECT count(*) FROM pull_quarantine)"), ==, 0);
      g_assert_true (nk_pull_read_cursor (f->store, &cursor, &error));
      g_assert_null (cursor);
    }
  nk_sync_stop (f->sync);

  /* The platform behaves again: the next pull goes through. */
  answer = nk_test_platform_admin (f->platform, "/admin/raw-pull", "{\"clear\": true}");
  g_clear_pointer (&cursor, g_free);
  if (c->section)
    g_assert_true (nk_store_run (f->store, "DELETE FROM meta WHERE key = 'sync.cursor'", "cursor", &error, NK_END));
  seed_roster (f);
  nk_sync_start (f->sync);
  wait_until (f, pulled_some, GUINT_TO_POINTER (5), "a good pull after the bad one");
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM cards"), ==, 1);
}

/* Records set aside on the platform's answer wait for the platform to fix
 * them; once it has, they and what depended on them are applied. */
static gboolean
quarantine_empty (Fixture *f, gconstpointer data)
{
  return nk_sync_get_quarantined (f->sync) == 0 && f->pulled >= GPOINTER_TO_UINT (data)
         && nk_sync_get_state (f->sync) == NK_SYNC_STATE_IDLE;
}

static void
test_pull_quarantine (Fixture *f, gconstpointer data)
{
  g_autofree char *dob = year_ago ();
  g_autofree char *body = g_strdup_printf (
    "{\"rooms\": [{\"id\": \"r-1\", \"name\": \"向日葵班\", \"kind\": \"toddler\", \"places\": 15}],"
    " \"children\": [{\"id\": \"c-1\", \"name\": \"王小明\", \"date_of_birth\": \"%s\", \"room_id\": \"r-1\"},"
    "   {\"id\": \"c-2\", \"name\": \"王小红\", \"date_of_birth\": \"2999-01-01\", \"room_id\": \"r-1\"}],"
    " \"cards\": [{\"uid\": \"04A1B2C3\", \"holder_kind\": \"child\", \"holder_id\": \"c-1\", \"status\": \"active\"},"
    "   {\"uid\": \"04A1B2C4\", \"holder_kind\": \"child\", \"holder_id\": \"c-2\", \"status\": \"active\"}]}",
    dob);
  g_autofree char *fixed = g_strdup_printf (
    "{\"children\": [{\"id\": \"c-2\", \"name\": \"王小红\", \"date_of_birth\": \"%s\", \"room_id\": \"r-1\"}]}",
    dob);
  g_autoptr (JsonNode) answer = NULL;
  g_autoptr (JsonNode) again = NULL;
  const Hostile child = { NULL, NULL, 0, "children", "c-2", "invalid" };
  const Hostile card = { NULL, NULL, 0, "cards", "04A1B2C4", "dependency" };

  if (f->platform == NULL)
    return;
  answer = nk_test_platform_admin (f->platform, "/admin/changes", body);
  enrol_directly (f);
  start_sync (f);
  wait_until (f, quarantined_at_least, GINT_TO_POINTER (2), "the child and its card were set aside");
  wait_until (f, platform_told, &child, "the platform was told of the child");
  wait_until (f, platform_told, &card, "the platform was told of the card");
  g_assert_cmpint (f->pulled, ==, 3);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM children"), ==, 1);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM cards"), ==, 1);

  again = nk_test_platform_admin (f->platform, "/admin/changes", fixed);
  nk_sync_pull_now (f->sync);
  wait_until (f, quarantine_empty, GUINT_TO_POINTER (5), "the fixed child released its card");
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM cards WHERE uid = '04A1B2C4'"), ==, 1);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM children"), ==, 2);
}

static void
test_pull_fault (Fixture *f, gconstpointer data)
{
  const char *mode = data;

  if (f->platform == NULL)
    return;
  enrol_directly (f);
  seed_roster (f);
  nk_test_platform_fault (f->platform, mode, 1, "changes", 3.0);
  start_sync (f);
  /* With the default pull interval of a minute, only a retry after the
   * ordinary backoff gets here within the wait's bound. */
  wait_until (f, pulled_some, GUINT_TO_POINTER (5), "pulled after the fault");
  if (g_str_equal (mode, "truncated") || g_str_equal (mode, "invalid-json"))
    {
      gboolean said = FALSE;

      for (guint i = 0; i < f->errors->len; i++)
        said |= strstr (f->errors->pdata[i], "cut off or garbled") != NULL;
      g_assert_true (said);
    }
  g_assert_cmpint (nk_test_platform_stat (f->platform, "faults"), ==, 1);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM cards"), ==, 1);
}

int
main (int argc, char **argv)
{
  static const char *pull_faults[] = { "500", "reset", "truncated", "invalid-json" };

  nk_sync_fixture_init (&argc, &argv);

  for (guint i = 0; i < G_N_ELEMENTS (pull_faults); i++)
    {
      g_autofree char *path = g_strdup_printf ("/nk/sync/pull-fault/%s", pull_faults[i]);
      ADD (path, test_pull_fault, pull_faults[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (refused_answers); i++)
    {
      g_autofree char *path = g_strdup_printf ("/nk/sync/pull/refused-waits/%s", refused_answers[i].name);
      ADD (path, test_refused_pull_waits, &refused_answers[i]);
    }
  ADD ("/nk/sync/pull/cards", test_pull_cards, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      g_autofree char *path = g_strdup_printf ("/nk/sync/pull/hostile-%s", hostile[i].name);
      ADD (path, test_pull_hostile, &hostile[i]);
    }
  ADD ("/nk/sync/pull/quarantine", test_pull_quarantine, NULL);

  return nk_sync_fixture_run ();
}
