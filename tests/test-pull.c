/* test-pull.c — parsing, checking and applying the platform's changes
 * (app/core/nk-pull.c): good payloads land in one transaction, hostile or
 * malformed ones are refused whole and change nothing. */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "core/nk-door.h"
#include "nk-test-util.h"
#include "core/nk-pull.h"
#include "core/nk-roster.h"
#include "core/nk-store-private.h"

typedef struct {
  char    *dir;
  NkStore *store;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("nk-pull-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "kiosk.db", NULL);
  f->store = nk_store_open (path, &error);
  g_assert_no_error (error);
}

static void
remove_tree (const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *p = g_build_filename (dir, name, NULL);
      g_remove (p);
    }
  g_rmdir (dir);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  remove_tree (f->dir);
  g_free (f->dir);
}

static gint64
count (NkStore *store, const char *sql)
{
  sqlite3_stmt *stmt = nk_store_prepare (store, sql, NULL);
  gint64 n;

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

static gboolean
apply_text (NkStore *store, const char *json, GError **error)
{
  g_autoptr (NkPull) pull = nk_pull_parse (json, strlen (json), error);

  return pull != NULL && nk_pull_apply (pull, store, error);
}

#define GOOD_PULL                                                                                  \
  "{\"cursor\": \"v1:7\", \"more\": false, \"changes\": {"                                         \
  " \"rooms\": [{\"id\": \"r-1\", \"name\": \"向日葵班\", \"kind\": \"toddler\", \"places\": 15}],"   \
  " \"children\": [{\"id\": \"c-1\", \"name\": \"王小明\", \"date_of_birth\": \"%s\","              \
  "   \"room_id\": \"r-1\", \"allergies\": \"花生\", \"active\": true}],"                           \
  " \"guardians\": [{\"id\": \"g-1\", \"name\": \"李娜\", \"phone\": \"13800138000\","             \
  "   \"relation\": \"mother\"}],"                                                                 \
  " \"pickups\": [{\"child_id\": \"c-1\", \"guardian_id\": \"g-1\", \"can_pickup\": true}],"        \
  " \"staff\": [{\"id\": \"s-1\", \"name\": \"张老师\", \"role\": \"caregiver\","                    \
  "   \"certificate\": null, \"room_id\": \"r-1\"}],"                                              \
  " \"cards\": [{\"uid\": \"04A1B2C3\", \"holder_kind\": \"child\", \"holder_id\": \"c-1\","        \
  "   \"status\": \"active\"},"                                                                    \
  "   {\"uid\": \"04D5E6F7\", \"holder_kind\": \"guardian\", \"holder_id\": \"g-1\","               \
  "   \"status\": \"lost\"}],"                                                                     \
  " \"menus\": [{\"id\": \"m-1\", \"future\": {\"x\": 1}}],"                                       \
  " \"checkups\": [], \"classroom_sessions\": [{\"id\": \"cs-1\"}],"                               \
  " \"some_future_section\": {\"ignored\": true}"                                                  \
  "}}"

/* A birth date a year ago, so the test does not age. */
static char *
year_ago (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (GDateTime) then = g_date_time_add_years (now, -1);

  return g_date_time_format (then, "%Y-%m-%d");
}

static char *
good_pull (void)
{
  g_autofree char *dob = year_ago ();

  return g_strdup_printf (GOOD_PULL, dob);
}

static void
test_apply_good (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *json = good_pull ();
  g_autoptr (NkPull) pull = nk_pull_parse (json, strlen (json), &error);
  g_autofree char *cursor = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (pull);
  g_assert_cmpstr (nk_pull_get_cursor (pull), ==, "v1:7");
  g_assert_false (nk_pull_get_more (pull));
  /* 1 room, child, guardian, pickup, staff, 2 cards, 2 slots */
  g_assert_cmpuint (nk_pull_count (pull), ==, 9);
  g_assert_true (nk_pull_apply (pull, f->store, &error));
  g_assert_no_error (error);

  g_assert_cmpint (count (f->store, "SELECT count(*) FROM rooms WHERE kind = 'toddler' AND places = 15"), ==, 1);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM children WHERE allergies = '花生' AND active"), ==, 1);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM guardian_children WHERE can_pickup"), ==, 1);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM staff WHERE room_id = 'r-1'"), ==, 1);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM cards WHERE status = 'lost'"), ==, 1);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM cards WHERE status = 'active'"), ==, 1);
  cursor = nk_store_get_meta (f->store, NK_PULL_CURSOR_KEY);
  g_assert_cmpstr (cursor, ==, "v1:7");
}

/* A card from the pull works at the door; a card reported lost stops. */
static void
test_cards_at_the_door (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *json = good_pull ();
  g_autoptr (GTimeZone) tz = g_time_zone_new_identifier ("Asia/Shanghai");
  g_autoptr (NkDoor) attendance = NULL;
  g_autoptr (NkTapResult) first = NULL;
  g_autoptr (NkTapResult) second = NULL;
  g_autoptr (NkTapResult) lost = NULL;

  g_assert_true (apply_text (f->store, json, &error));
  g_assert_no_error (error);
  attendance = nk_test_door_new (f->store, tz, NULL);

  first = nk_door_tap (attendance, "04A1B2C3", &error);
  g_assert_no_error (error);
  g_assert_cmpint (first->outcome, ==, NK_TAP_CHECKED_IN);

  lost = nk_door_tap (attendance, "04D5E6F7", &error);
  g_assert_no_error (error);
  g_assert_cmpint (lost->outcome, ==, NK_TAP_LOST_CARD);

  /* The platform reports the child's card lost. */
  g_assert_true (apply_text (f->store,
                             "{\"cursor\": \"v1:8\", \"changes\": {\"cards\": [{\"uid\": \"04A1B2C3\","
                             " \"holder_kind\": \"child\", \"holder_id\": \"c-1\", \"status\": \"lost\"}]}}",
                             &error));
  g_assert_no_error (error);
  nk_door_set_debounce (attendance, 0);
  second = nk_door_tap (attendance, "04A1B2C3", &error);
  g_assert_no_error (error);
  g_assert_cmpint (second->outcome, ==, NK_TAP_LOST_CARD);
}

static void
test_deletions (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *json = good_pull ();

  g_assert_true (apply_text (f->store, json, &error));
  g_assert_no_error (error);

  /* A room with an active child cannot go. */
  g_assert_false (apply_text (f->store,
                              "{\"cursor\": \"v1:9\", \"changes\": {\"deletions\": ["
                              " {\"kind\": \"card\", \"id\": \"04D5E6F7\"},"
                              " {\"kind\": \"room\", \"id\": \"r-1\"}]}}",
                              &error));
  g_assert_error (error, NK_PULL_ERROR, NK_PULL_ERROR_REFERENCE);
  g_clear_error (&error);
  /* …and the card deletion before it did not happen either. */
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM cards"), ==, 2);

  g_assert_true (apply_text (f->store,
                             "{\"cursor\": \"v1:10\", \"changes\": {\"deletions\": ["
                             " {\"kind\": \"pickup\", \"child_id\": \"c-1\", \"guardian_id\": \"g-1\"},"
                             " {\"kind\": \"guardian\", \"id\": \"g-1\"},"
                             " {\"kind\": \"child\", \"id\": \"c-1\"},"
                             " {\"kind\": \"staff\", \"id\": \"s-1\"},"
                             " {\"kind\": \"room\", \"id\": \"r-1\"},"
                             " {\"kind\": \"card\", \"id\": \"04999999\"}]}}",
                             &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM guardian_children"), ==, 0);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM guardians"), ==, 0);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM cards WHERE holder_kind = 'guardian'"), ==, 0);
  /* Retired, history kept. */
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM children WHERE NOT active"), ==, 1);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM staff WHERE NOT active"), ==, 1);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM rooms"), ==, 0);
}

typedef struct {
  const char *name;
  const char *json;
  gint code;   /* NkPullError */
} Hostile;

static const Hostile hostile[] = {
  { "empty", "", NK_PULL_ERROR_MALFORMED },
  { "not-json", "<html>502</html>", NK_PULL_ERROR_MALFORMED },
  { "truncated", "{\"cursor\": \"v1:1\", \"changes\": {\"rooms\": [{\"id\": \"r", NK_PULL_ERROR_MALFORMED },
  { "array-root", "[1, 2, 3]", NK_PULL_ERROR_MALFORMED },
  { "no-cursor", "{\"changes\": {}}", NK_PULL_ERROR_INVALID },
  { "cursor-number", "{\"cursor\": 5, \"changes\": {}}", NK_PULL_ERROR_INVALID },
  { "cursor-space", "{\"cursor\": \"v1 2\", \"changes\": {}}", NK_PULL_ERROR_INVALID },
  { "no-changes", "{\"cursor\": \"v1:1\"}", NK_PULL_ERROR_INVALID },
  { "more-string", "{\"cursor\": \"v1:1\", \"more\": \"yes\", \"changes\": {}}", NK_PULL_ERROR_INVALID },
  { "section-object", "{\"cursor\": \"v1:1\", \"changes\": {\"rooms\": {}}}", NK_PULL_ERROR_INVALID },
  { "item-string", "{\"cursor\": \"v1:1\", \"changes\": {\"rooms\": [\"r-1\"]}}", NK_PULL_ERROR_INVALID },
  { "room-kind", "{\"cursor\": \"v1:1\", \"changes\": {\"rooms\": [{\"id\": \"r\", \"name\": \"R\", \"kind\": \"huge\", \"places\": 5}]}}", NK_PULL_ERROR_INVALID },
  { "room-places-float", "{\"cursor\": \"v1:1\", \"changes\": {\"rooms\": [{\"id\": \"r\", \"name\": \"R\", \"kind\": \"infant\", \"places\": 5.5}]}}", NK_PULL_ERROR_INVALID },
  { "room-places-zero", "{\"cursor\": \"v1:1\", \"changes\": {\"rooms\": [{\"id\": \"r\", \"name\": \"R\", \"kind\": \"infant\", \"places\": 0}]}}", NK_PULL_ERROR_INVALID },
  { "room-places-huge", "{\"cursor\": \"v1:1\", \"changes\": {\"rooms\": [{\"id\": \"r\", \"name\": \"R\", \"kind\": \"infant\", \"places\": 99999999999999999999}]}}", NK_PULL_ERROR_MALFORMED },
  /* json-glib wraps this to 5, a valid number of places */
  { "room-places-wrapped", "{\"cursor\": \"v1:1\", \"changes\": {\"rooms\": [{\"id\": \"r\", \"name\": \"R\", \"kind\": \"infant\", \"places\": -18446744073709551611}]}}", NK_PULL_ERROR_MALFORMED },
  { "id-sql", "{\"cursor\": \"v1:1\", \"changes\": {\"rooms\": [{\"id\": \"r'; DROP TABLE rooms;--\", \"name\": \"R\", \"kind\": \"infant\", \"places\": 5}]}}", NK_PULL_ERROR_INVALID },
  { "id-long", "{\"cursor\": \"v1:1\", \"changes\": {\"rooms\": [{\"id\": \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\", \"name\": \"R\", \"kind\": \"infant\", \"places\": 5}]}}", NK_PULL_ERROR_INVALID },
  { "name-empty", "{\"cursor\": \"v1:1\", \"changes\": {\"rooms\": [{\"id\": \"r\", \"name\": \"  \", \"kind\": \"infant\", \"places\": 5}]}}", NK_PULL_ERROR_INVALID },
  { "name-control", "{\"cursor\": \"v1:1\", \"changes\": {\"rooms\": [{\"id\": \"r\", \"name\": \"a\\u0007b\", \"kind\": \"infant\", \"places\": 5}]}}", NK_PULL_ERROR_INVALID },
  /* json-glib cuts the string at the NUL: the name would read "a" */
  { "name-nul", "{\"cursor\": \"v1:1\", \"changes\": {\"guardians\": [{\"id\": \"g\", \"name\": \"a\\u0000b\", \"phone\": null}]}}", NK_PULL_ERROR_MALFORMED },
  { "dup-id", "{\"cursor\": \"v1:1\", \"changes\": {\"rooms\": [{\"id\": \"r\", \"name\": \"R\", \"kind\": \"infant\", \"places\": 5}, {\"id\": \"r\", \"name\": \"S\", \"kind\": \"infant\", \"places\": 5}]}}", NK_PULL_ERROR_INVALID },
  { "dob-future", "{\"cursor\": \"v1:1\", \"changes\": {\"children\": [{\"id\": \"c\", \"name\": \"C\", \"date_of_birth\": \"2999-01-01\"}]}}", NK_PULL_ERROR_INVALID },
  { "dob-unreal", "{\"cursor\": \"v1:1\", \"changes\": {\"children\": [{\"id\": \"c\", \"name\": \"C\", \"date_of_birth\": \"2024-02-30\"}]}}", NK_PULL_ERROR_INVALID },
  { "dob-old", "{\"cursor\": \"v1:1\", \"changes\": {\"children\": [{\"id\": \"c\", \"name\": \"C\", \"date_of_birth\": \"1950-01-01\"}]}}", NK_PULL_ERROR_INVALID },
  { "active-string", "{\"cursor\": \"v1:1\", \"changes\": {\"staff\": [{\"id\": \"s\", \"name\": \"S\", \"role\": \"caregiver\", \"active\": \"no\"}]}}", NK_PULL_ERROR_INVALID },
  { "role", "{\"cursor\": \"v1:1\", \"changes\": {\"staff\": [{\"id\": \"s\", \"name\": \"S\", \"role\": \"root\"}]}}", NK_PULL_ERROR_INVALID },
  { "phone", "{\"cursor\": \"v1:1\", \"changes\": {\"guardians\": [{\"id\": \"g\", \"name\": \"G\", \"phone\": \"call me\"}]}}", NK_PULL_ERROR_INVALID },
  { "uid-lower", "{\"cursor\": \"v1:1\", \"changes\": {\"cards\": [{\"uid\": \"04a1b2c3\", \"holder_kind\": \"child\", \"holder_id\": \"c\", \"status\": \"active\"}]}}", NK_PULL_ERROR_INVALID },
  { "card-status", "{\"cursor\": \"v1:1\", \"changes\": {\"cards\": [{\"uid\": \"04A1B2C3\", \"holder_kind\": \"child\", \"holder_id\": \"c\", \"status\": \"stolen\"}]}}", NK_PULL_ERROR_INVALID },
  { "holder-kind", "{\"cursor\": \"v1:1\", \"changes\": {\"cards\": [{\"uid\": \"04A1B2C3\", \"holder_kind\": \"cat\", \"holder_id\": \"c\", \"status\": \"active\"}]}}", NK_PULL_ERROR_INVALID },
  { "deletion-kind", "{\"cursor\": \"v1:1\", \"changes\": {\"deletions\": [{\"kind\": \"everything\", \"id\": \"x\"}]}}", NK_PULL_ERROR_INVALID },
  { "slot-no-id", "{\"cursor\": \"v1:1\", \"changes\": {\"menus\": [{\"day\": \"monday\"}]}}", NK_PULL_ERROR_INVALID },
  { "card-unknown-holder", "{\"cursor\": \"v1:1\", \"changes\": {\"cards\": [{\"uid\": \"04A1B2C3\", \"holder_kind\": \"child\", \"holder_id\": \"nobody\", \"status\": \"active\"}]}}", NK_PULL_ERROR_REFERENCE },
  { "child-unknown-room", "{\"cursor\": \"v1:1\", \"changes\": {\"rooms\": [{\"id\": \"r\", \"name\": \"R\", \"kind\": \"infant\", \"places\": 5}], \"children\": [{\"id\": \"c\", \"name\": \"C\", \"date_of_birth\": \"2025-01-01\", \"room_id\": \"nowhere\"}]}}", NK_PULL_ERROR_REFERENCE },
};

static void
assert_untouched (Fixture *f)
{
  g_autofree char *cursor = nk_store_get_meta (f->store, NK_PULL_CURSOR_KEY);

  g_assert_cmpint (count (f->store, "SELECT count(*) FROM rooms"), ==, 0);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM children"), ==, 0);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM guardians"), ==, 0);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM cards"), ==, 0);
  g_assert_null (cursor);
}

static void
test_hostile (Fixture *f, gconstpointer data)
{
  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      g_autoptr (GError) error = NULL;

      g_test_message ("case %s", hostile[i].name);
      g_assert_false (apply_text (f->store, hostile[i].json, &error));
      g_assert_error (error, NK_PULL_ERROR, hostile[i].code);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      assert_untouched (f);
    }
}

static void
test_hostile_bytes (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GString) deep = g_string_new ("{\"cursor\": \"v1:1\", \"changes\": {\"menus\": ");
  static const char bad_utf8[] = "{\"cursor\": \"v1:1\", \"changes\": {\"rooms\": [{\"id\": \"r\", "
                                 "\"name\": \"\xff\xfe\", \"kind\": \"infant\", \"places\": 5}]}}";
  static const char with_nul[] = "{\"cursor\": \"v1:1\", \0 \"changes\": {}}";
  NkPull *pull;

  /* Nesting deep enough to overflow a recursive parser's stack. */
  for (int i = 0; i < 200000; i++)
    g_string_append_c (deep, '[');
  pull = nk_pull_parse (deep->str, deep->len, &error);
  g_assert_null (pull);
  g_assert_error (error, NK_PULL_ERROR, NK_PULL_ERROR_MALFORMED);
  g_clear_error (&error);

  pull = nk_pull_parse (bad_utf8, sizeof bad_utf8 - 1, &error);
  g_assert_null (pull);
  g_assert_error (error, NK_PULL_ERROR, NK_PULL_ERROR_MALFORMED);
  g_clear_error (&error);

  pull = nk_pull_parse (with_nul, sizeof with_nul - 1, &error);
  g_assert_null (pull);
  g_assert_error (error, NK_PULL_ERROR, NK_PULL_ERROR_MALFORMED);
  g_clear_error (&error);

  pull = nk_pull_parse ("{}", NK_PULL_MAX_BODY + 1, &error);
  g_assert_null (pull);
  g_assert_error (error, NK_PULL_ERROR, NK_PULL_ERROR_MALFORMED);
  assert_untouched (f);
}

/* The raw-text checks refuse only what they must: an escaped backslash
 * before "u0000", long fractions and big numbers in a float are fine. */
static void
test_raw_scan (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (NkPull) pull = NULL;
  static const char text[] =
    "{\"cursor\": \"v1:1\", \"future\": [123456789012345, 12345678901234567890.5, 1e400, -0.5e-7],"
    " \"changes\": {\"guardians\": [{\"id\": \"g\", \"name\": \"a\\\\u0000b\", \"phone\": null}]}}";

  pull = nk_pull_parse (text, sizeof text - 1, &error);
  g_assert_no_error (error);
  g_assert_true (nk_pull_apply (pull, f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM guardians WHERE name = 'a\\u0000b'"), ==, 1);
}

/* One response holds at most 5 000 records, all sections together, so
 * applying it cannot hold the store's write lock for long. */
static void
test_record_cap (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (NkPull) pull = NULL;
  g_autoptr (GString) json = g_string_new ("{\"cursor\": \"v1:3\", \"changes\": {\"rooms\": [");

  for (int i = 0; i < 3000; i++)
    g_string_append_printf (json, "%s{\"id\": \"r-%d\", \"name\": \"Room %d\", \"kind\": \"infant\", \"places\": 10}",
                            i ? "," : "", i, i);
  g_string_append (json, "], \"menus\": [");
  for (int i = 0; i < 2000; i++)
    g_string_append_printf (json, "%s{\"id\": \"m-%d\"}", i ? "," : "", i);

  /* 5 000: taken */
  {
    g_autofree char *text = g_strconcat (json->str, "]}}", NULL);
    pull = nk_pull_parse (text, strlen (text), &error);
    g_assert_no_error (error);
    g_assert_cmpuint (nk_pull_count (pull), ==, 5000);
    g_clear_pointer (&pull, nk_pull_free);
  }

  /* 5 001: refused whole */
  g_string_append (json, ", {\"id\": \"m-last\"}]}}");
  g_assert_false (apply_text (f->store, json->str, &error));
  g_assert_error (error, NK_PULL_ERROR, NK_PULL_ERROR_INVALID);
  assert_untouched (f);
}

/* A child of nine is a real child record: not refused. */
static void
test_older_child (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (GDateTime) then = g_date_time_add_years (now, -9);
  g_autofree char *dob = g_date_time_format (then, "%Y-%m-%d");
  g_autofree char *json = g_strdup_printf ("{\"cursor\": \"v1:1\", \"changes\": {\"children\": [{\"id\": \"c\","
                                           " \"name\": \"C\", \"date_of_birth\": \"%s\"}]}}",
                                           dob);

  g_assert_true (apply_text (f->store, json, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM children"), ==, 1);
}

/* Valid records and a bad one in the same response: nothing lands. */
static void
test_all_or_nothing (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GString) json = g_string_new ("{\"cursor\": \"v1:3\", \"changes\": {\"rooms\": [");

  for (int i = 0; i < 50; i++)
    g_string_append_printf (json, "%s{\"id\": \"r-%d\", \"name\": \"Room %d\", \"kind\": \"infant\", \"places\": 10}",
                            i ? "," : "", i, i);
  g_string_append (json, "], \"cards\": [{\"uid\": \"04A1B2C3\", \"holder_kind\": \"staff\","
                         " \"holder_id\": \"nobody\", \"status\": \"active\"}]}}");
  g_assert_false (apply_text (f->store, json->str, &error));
  g_assert_error (error, NK_PULL_ERROR, NK_PULL_ERROR_REFERENCE);
  assert_untouched (f);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/nk/pull/apply-good", Fixture, NULL, fixture_set_up, test_apply_good, fixture_tear_down);
  g_test_add ("/nk/pull/cards-at-the-door", Fixture, NULL, fixture_set_up, test_cards_at_the_door,
              fixture_tear_down);
  g_test_add ("/nk/pull/deletions", Fixture, NULL, fixture_set_up, test_deletions, fixture_tear_down);
  g_test_add ("/nk/pull/hostile", Fixture, NULL, fixture_set_up, test_hostile, fixture_tear_down);
  g_test_add ("/nk/pull/hostile-bytes", Fixture, NULL, fixture_set_up, test_hostile_bytes,
              fixture_tear_down);
  g_test_add ("/nk/pull/raw-scan", Fixture, NULL, fixture_set_up, test_raw_scan, fixture_tear_down);
  g_test_add ("/nk/pull/record-cap", Fixture, NULL, fixture_set_up, test_record_cap, fixture_tear_down);
  g_test_add ("/nk/pull/older-child", Fixture, NULL, fixture_set_up, test_older_child, fixture_tear_down);
  g_test_add ("/nk/pull/all-or-nothing", Fixture, NULL, fixture_set_up, test_all_or_nothing,
              fixture_tear_down);
  return g_test_run ();
}
