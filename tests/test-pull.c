/* test-pull.c — parsing, checking and applying the platform's changes
 * (app/core/nk-pull*.c): good records land; an answer that cannot be read
 * is refused whole and changes nothing; a bad record is quarantined with
 * its reason and its dependants, and everything else is applied; a lost
 * card stops at the door whatever else the answer holds; the apply goes
 * in chunks with the cursor in the last. */
#include "config.h"

#include <string.h>

#include "core/nk-door.h"
#include "core/nk-pull-private.h"
#include "core/nk-roster.h"
#include "core/nk-store-private.h"
#include "nk-test-util.h"

typedef struct {
  char     *dir;
  NkStore  *store;
  NkCentre *centre;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GTimeZone) tz = g_time_zone_new_identifier ("Asia/Shanghai");

  f->store = nk_test_store_new ("pull", &f->dir);
  f->centre = nk_centre_new (tz);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->centre);
  g_clear_object (&f->store);
  nk_test_dir_remove (f->dir);
  g_free (f->dir);
}

static gint64
count (Fixture *f, const char *sql)
{
  return nk_test_count (f->store, sql);
}

static gboolean
apply_text (Fixture *f, const char *json, NkPullCounts *counts, GError **error)
{
  g_autoptr (NkPull) pull = nk_pull_parse (json, strlen (json), error);

  return pull != NULL && nk_pull_apply (pull, f->store, f->centre, counts, error);
}

static void
apply_ok (Fixture *f, const char *json, NkPullCounts *counts)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (apply_text (f, json, counts, &error));
  g_assert_no_error (error);
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
  " \"menus\": [{\"id\": \"m-1\", \"date\": \"2026-11-23\", \"future\": {\"x\": 1},"                 \
  "   \"meals\": [{\"slot\": \"lunch\", \"dishes\": [{\"name\": \"鸡蛋羹\", \"allergens\": [\"egg\"]}]}]}]," \
  " \"checkups\": [], \"classroom_sessions\": [{\"id\": \"cs-1\", \"title\": \"科学喂养\","            \
  "   \"kind\": \"mommy_classroom\", \"starts_at\": \"2026-12-05T06:00:00.000Z\","                 \
  "   \"ends_at\": \"2026-12-05T07:30:00.000Z\", \"place\": \"二楼活动室\","                        \
  "   \"audience\": \"parents\", \"capacity\": 20, \"seats_left\": 5}],"                            \
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
  NkPullCounts counts = { 0 };

  g_assert_no_error (error);
  g_assert_cmpstr (nk_pull_get_cursor (pull), ==, "v1:7");
  g_assert_false (nk_pull_get_more (pull));
  /* 1 room, child, guardian, pickup, staff, 2 cards, 1 menu, 1 session; the unknown member */
  g_assert_cmpuint (nk_pull_count (pull), ==, 10);
  g_assert_true (nk_pull_apply (pull, f->store, f->centre, &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.applied, ==, 9);
  g_assert_cmpuint (counts.kept, ==, 1);
  g_assert_cmpuint (counts.quarantined, ==, 0);

  g_assert_cmpint (count (f, "SELECT count(*) FROM rooms WHERE kind = 'toddler' AND places = 15"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM children WHERE allergies = '花生' AND active"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM guardian_children WHERE can_pickup"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM staff WHERE room_id = 'r-1' AND active"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM cards WHERE status = 'lost'"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM cards WHERE status = 'active'"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM menu_days WHERE id = 'm-1' AND date = '2026-11-23' "
                             "AND source = 'platform' AND allergens = 8"), ==, 1);
  /* the free text mapped to the GB 7718 groups */
  g_assert_cmpint (count (f, "SELECT count(*) FROM children WHERE allergens = 16 AND NOT allergy_review"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM classroom_sessions WHERE id = 'cs-1' AND seats_left = 5"), ==, 1);
  /* Kept as received, by section and id: nothing pulled is thrown away. */
  g_assert_cmpint (count (f, "SELECT count(*) FROM pulled_records WHERE section = 'some_future_section' "
                             "AND id = '*'"), ==, 1);
  g_assert_true (nk_pull_read_cursor (f->store, &cursor, &error));
  g_assert_cmpstr (cursor, ==, "v1:7");
}

/* The sections come after what they refer to, so one pass in table
 * order resolves every reference. */
static void
test_table (Fixture *f, gconstpointer data)
{
  g_autofree char *problem = NULL;

  g_assert_true (nk_pull_sections_check (&problem));
  g_assert_null (problem);
  g_assert_nonnull (nk_pull_section_find ("children"));
  g_assert_true (nk_pull_section_for_deletion ("menu") == nk_pull_section_find ("menus"));
  g_assert_cmpstr (nk_pull_section_label ("future_things"), ==, "future_things");
}

/* A card from the pull works at the door; a card reported lost stops. */
static void
test_cards_at_the_door (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *json = good_pull ();
  g_autoptr (GTimeZone) tz = g_time_zone_new_identifier ("Asia/Shanghai");
  g_autoptr (NkDoor) door = NULL;
  g_autoptr (NkTapResult) first = NULL;
  g_autoptr (NkTapResult) second = NULL;
  g_autoptr (NkTapResult) lost = NULL;

  apply_ok (f, json, NULL);
  door = nk_test_door_new (f->store, tz, NULL);
  first = nk_door_tap (door, "04A1B2C3", &error);
  g_assert_no_error (error);
  g_assert_cmpint (first->outcome, ==, NK_TAP_CHECKED_IN);
  lost = nk_door_tap (door, "04D5E6F7", &error);
  g_assert_cmpint (lost->outcome, ==, NK_TAP_LOST_CARD);

  apply_ok (f, "{\"cursor\": \"v1:8\", \"changes\": {\"cards\": [{\"uid\": \"04A1B2C3\","
               " \"holder_kind\": \"child\", \"holder_id\": \"c-1\", \"status\": \"lost\"}]}}", NULL);
  nk_door_set_debounce (door, 0);
  second = nk_door_tap (door, "04A1B2C3", &error);
  g_assert_cmpint (second->outcome, ==, NK_TAP_LOST_CARD);
}

/* A lost card stops working at the door whatever else the answer holds:
 * its holder's record broken, hostile records beside it, even its own
 * record broken in another field. */
static void
test_lost_card_wins (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *json = good_pull ();
  g_autoptr (GTimeZone) tz = g_time_zone_new_identifier ("Asia/Shanghai");
  g_autoptr (NkDoor) door = NULL;
  g_autoptr (NkTapResult) child = NULL;
  g_autoptr (NkTapResult) staff = NULL;
  NkPullCounts counts = { 0 };

  apply_ok (f, json, NULL);
  apply_ok (f, "{\"cursor\": \"v1:8\", \"changes\": {\"cards\": [{\"uid\": \"04111111\","
               " \"holder_kind\": \"staff\", \"holder_id\": \"s-1\", \"status\": \"active\"}]}}", NULL);
  g_assert_cmpint (count (f, "SELECT count(*) FROM cards WHERE status = 'active'"), ==, 2);

  apply_ok (f,
            "{\"cursor\": \"v1:9\", \"changes\": {"
            " \"rooms\": [{\"id\": \"r-2\", \"name\": \"\\u0007\", \"kind\": \"huge\", \"places\": -1}, 7],"
            " \"children\": [{\"id\": \"c-1\", \"name\": \"王小明\", \"date_of_birth\": \"2999-01-01\"}],"
            " \"cards\": [{\"uid\": \"04A1B2C3\", \"holder_kind\": \"child\", \"holder_id\": \"c-1\","
            "   \"status\": \"lost\"},"
            "  {\"uid\": \"04111111\", \"holder_kind\": \"cat\", \"holder_id\": \"s-1\", \"status\": \"lost\"}],"
            " \"deletions\": [{\"kind\": \"everything\"}]}}",
            &counts);
  g_assert_cmpuint (counts.quarantined, ==, 6);
  door = nk_test_door_new (f->store, tz, NULL);
  child = nk_door_tap (door, "04A1B2C3", &error);
  g_assert_no_error (error);
  g_assert_cmpint (child->outcome, ==, NK_TAP_LOST_CARD);
  staff = nk_door_tap (door, "04111111", &error);
  g_assert_cmpint (staff->outcome, ==, NK_TAP_LOST_CARD);
  /* Both card records wait in quarantine: one for its holder, one for its kind. */
  g_assert_cmpint (count (f, "SELECT count(*) FROM pull_quarantine WHERE section = 'cards' AND id = '04A1B2C3' "
                             "AND code = 'dependency' AND field = 'holder_id'"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM pull_quarantine WHERE section = 'cards' AND id = '04111111' "
                             "AND code = 'invalid' AND field = 'holder_kind'"), ==, 1);
}

static void
test_deletions (Fixture *f, gconstpointer data)
{
  g_autofree char *json = good_pull ();
  NkPullCounts counts = { 0 };

  apply_ok (f, json, NULL);

  /* A room with an active child cannot go: that deletion is set aside,
   * the card deletion beside it happens. */
  apply_ok (f, "{\"cursor\": \"v1:9\", \"changes\": {\"deletions\": ["
               " {\"kind\": \"card\", \"id\": \"04D5E6F7\"},"
               " {\"kind\": \"room\", \"id\": \"r-1\"}]}}", &counts);
  g_assert_cmpuint (counts.applied, ==, 1);
  g_assert_cmpuint (counts.quarantined, ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM cards"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM pull_quarantine WHERE section = 'deletions' "
                             "AND id = 'room:r-1' AND code = 'refused'"), ==, 1);

  /* The child and the staff member retire: the waiting room deletion
   * goes through by itself. */
  apply_ok (f, "{\"cursor\": \"v1:10\", \"changes\": {\"deletions\": ["
               " {\"kind\": \"pickup\", \"child_id\": \"c-1\", \"guardian_id\": \"g-1\"},"
               " {\"kind\": \"guardian\", \"id\": \"g-1\"},"
               " {\"kind\": \"child\", \"id\": \"c-1\"},"
               " {\"kind\": \"staff\", \"id\": \"s-1\"},"
               " {\"kind\": \"menu\", \"id\": \"m-1\"},"
               " {\"kind\": \"card\", \"id\": \"04999999\"}]}}", &counts);
  g_assert_cmpuint (counts.released, ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM guardian_children"), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM guardians"), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM cards WHERE holder_kind = 'guardian'"), ==, 0);
  /* Retired, history kept. */
  g_assert_cmpint (count (f, "SELECT count(*) FROM children WHERE NOT active"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM staff WHERE NOT active"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM rooms"), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM pulled_records WHERE section = 'menus'"), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM pull_quarantine"), ==, 0);
}

/* ---- answers refused whole ---------------------------------------------- */

typedef struct {
  const char *name;
  const char *json;
  gint code;   /* NkPullError */
} Refused;

static const Refused refused[] = {
  { "empty", "", NK_PULL_ERROR_UNREADABLE },
  { "not-json", "<html>502</html>", NK_PULL_ERROR_UNREADABLE },
  { "truncated", "{\"cursor\": \"v1:1\", \"changes\": {\"rooms\": [{\"id\": \"r", NK_PULL_ERROR_UNREADABLE },
  { "cut-mid-character", "{\"cursor\": \"v1:1\", \"changes\": {\"rooms\": [{\"name\": \"\xe5\x90", NK_PULL_ERROR_UNREADABLE },
  { "bad-utf8", "{\"cursor\": \"v1:1\", \"changes\": {\"rooms\": [{\"name\": \"\xff\xfe\"}]}}", NK_PULL_ERROR_MALFORMED },
  { "array-root", "[1, 2, 3]", NK_PULL_ERROR_INVALID },
  { "no-cursor", "{\"changes\": {}}", NK_PULL_ERROR_INVALID },
  { "cursor-number", "{\"cursor\": 5, \"changes\": {}}", NK_PULL_ERROR_INVALID },
  { "cursor-space", "{\"cursor\": \"v1 2\", \"changes\": {}}", NK_PULL_ERROR_INVALID },
  { "no-changes", "{\"cursor\": \"v1:1\"}", NK_PULL_ERROR_INVALID },
  { "more-string", "{\"cursor\": \"v1:1\", \"more\": \"yes\", \"changes\": {}}", NK_PULL_ERROR_INVALID },
  { "room-places-huge", "{\"cursor\": \"v1:1\", \"changes\": {\"rooms\": [{\"id\": \"r\", \"name\": \"R\", \"kind\": \"infant\", \"places\": 99999999999999999999}]}}", NK_PULL_ERROR_MALFORMED },
  /* json-glib wraps this to 5, a valid number of places */
  { "room-places-wrapped", "{\"cursor\": \"v1:1\", \"changes\": {\"rooms\": [{\"id\": \"r\", \"name\": \"R\", \"kind\": \"infant\", \"places\": -18446744073709551611}]}}", NK_PULL_ERROR_MALFORMED },
  /* json-glib cuts the string at the NUL: the name would read "a" */
  { "name-nul", "{\"cursor\": \"v1:1\", \"changes\": {\"guardians\": [{\"id\": \"g\", \"name\": \"a\\u0000b\", \"phone\": null}]}}", NK_PULL_ERROR_MALFORMED },
};

static void
assert_untouched (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *cursor = NULL;

  g_assert_cmpint (count (f, "SELECT (SELECT count(*) FROM rooms) + (SELECT count(*) FROM children) "
                             "+ (SELECT count(*) FROM guardians) + (SELECT count(*) FROM cards) "
                             "+ (SELECT count(*) FROM pulled_records) + (SELECT count(*) FROM pull_quarantine) "
                             "+ (SELECT count(*) FROM outbox)"), ==, 0);
  g_assert_true (nk_pull_read_cursor (f->store, &cursor, &error));
  g_assert_null (cursor);
}

static void
test_refused (Fixture *f, gconstpointer data)
{
  const Refused *c = data;
  g_autoptr (GError) error = NULL;

  g_assert_false (apply_text (f, c->json, NULL, &error));
  g_assert_error (error, NK_PULL_ERROR, c->code);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  assert_untouched (f);
}

static void
test_hostile_bytes (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GString) deep = g_string_new ("{\"cursor\": \"v1:1\", \"changes\": {\"menus\": ");
  static const char with_nul[] = "{\"cursor\": \"v1:1\", \0 \"changes\": {}}";

  /* Nesting deep enough to overflow a recursive parser's stack. */
  for (int i = 0; i < 200000; i++)
    g_string_append_c (deep, '[');
  g_assert_null (nk_pull_parse (deep->str, deep->len, &error));
  g_assert_error (error, NK_PULL_ERROR, NK_PULL_ERROR_MALFORMED);
  g_clear_error (&error);
  g_assert_null (nk_pull_parse (with_nul, sizeof with_nul - 1, &error));
  g_assert_error (error, NK_PULL_ERROR, NK_PULL_ERROR_MALFORMED);
  g_clear_error (&error);
  g_assert_null (nk_pull_parse ("{}", NK_PULL_MAX_BODY + 1, &error));
  g_assert_error (error, NK_PULL_ERROR, NK_PULL_ERROR_MALFORMED);
  assert_untouched (f);
}

/* The raw-text checks refuse only what they must: an escaped backslash
 * before "u0000", long fractions and big numbers in a float are fine. */
static void
test_raw_scan (Fixture *f, gconstpointer data)
{
  static const char text[] =
    "{\"cursor\": \"v1:1\", \"future\": [123456789012345, 12345678901234567890.5, 1e400, -0.5e-7],"
    " \"changes\": {\"guardians\": [{\"id\": \"g\", \"name\": \"a\\\\u0000b\", \"phone\": null}]}}";

  apply_ok (f, text, NULL);
  g_assert_cmpint (count (f, "SELECT count(*) FROM guardians WHERE name = 'a\\u0000b'"), ==, 1);
}

/* One response holds at most 5 000 records, all sections together. */
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
  {
    g_autofree char *text = g_strconcat (json->str, "]}}", NULL);
    pull = nk_pull_parse (text, strlen (text), &error);
    g_assert_no_error (error);
    g_assert_cmpuint (nk_pull_count (pull), ==, 5000);
  }
  g_string_append (json, ", {\"id\": \"m-last\"}]}}");
  g_assert_false (apply_text (f, json->str, NULL, &error));
  g_assert_error (error, NK_PULL_ERROR, NK_PULL_ERROR_INVALID);
  assert_untouched (f);
}

/* A child of nine is a real child record: not refused. */
static void
test_older_child (Fixture *f, gconstpointer data)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (GDateTime) then = g_date_time_add_years (now, -9);
  g_autofree char *dob = g_date_time_format (then, "%Y-%m-%d");
  g_autofree char *json = g_strdup_printf ("{\"cursor\": \"v1:1\", \"changes\": {\"children\": [{\"id\": \"c\","
                                           " \"name\": \"C\", \"date_of_birth\": \"%s\"}]}}",
                                           dob);

  apply_ok (f, json, NULL);
  g_assert_cmpint (count (f, "SELECT count(*) FROM children"), ==, 1);
}

/* The photo the kiosk keeps for a child survives the platform's update
 * of that child (the upsert never touches it). */
static void
test_photo_kept (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *json = good_pull ();
  g_autofree char *photo = NULL;

  apply_ok (f, json, NULL);
  g_assert_true (nk_store_run (f->store, "UPDATE children SET photo = 'c-1.jpg' WHERE id = 'c-1'", "photo",
                               &error, NK_END));
  apply_ok (f, "{\"cursor\": \"v1:8\", \"changes\": {\"children\": [{\"id\": \"c-1\", \"name\": \"王小明\","
               " \"date_of_birth\": \"2025-01-01\", \"room_id\": \"r-1\"}]}}", NULL);
  g_assert_cmpint (count (f, "SELECT count(*) FROM children WHERE date_of_birth = '2025-01-01'"), ==, 1);
  photo = nk_test_text (f->store, "SELECT photo FROM children WHERE id = 'c-1'");
  g_assert_cmpstr (photo, ==, "c-1.jpg");
}

/* A failed read of the cursor is an error, never "no cursor" (which
 * would pull everything again from the beginning). */
static int
interrupt_everything (void *data)
{
  return 1;
}

static void
test_cursor_read (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *cursor = NULL;

  g_assert_true (nk_pull_read_cursor (f->store, &cursor, &error));
  g_assert_null (cursor);
  apply_ok (f, "{\"cursor\": \"v1:3\", \"changes\": {}}", NULL);
  sqlite3_progress_handler (nk_store_get_db (f->store), 1, interrupt_everything, NULL);
  g_assert_false (nk_pull_read_cursor (f->store, &cursor, &error));
  g_assert_nonnull (error);
  g_assert_null (cursor);
  sqlite3_progress_handler (nk_store_get_db (f->store), 0, NULL, NULL);
  g_clear_error (&error);
  g_assert_true (nk_pull_read_cursor (f->store, &cursor, &error));
  g_assert_cmpstr (cursor, ==, "v1:3");
}

/* A kiosk whose pull tables are at step 1 (it kept nothing of menus yet,
 * and a quarantine row without a code): the upgrade keeps the row, gives
 * it a code and reports it, and forgets the cursor once so the next pull
 * starts from the beginning. */
static void
test_migration (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_strdup (nk_store_get_path (f->store));
  g_autofree char *cursor = NULL;
  NkPullCounts counts = { 0 };

  g_assert_true (nk_store_exec (f->store,
                                "ALTER TABLE pull_quarantine DROP COLUMN code;"
                                "ALTER TABLE pull_quarantine DROP COLUMN field;"
                                "ALTER TABLE pull_quarantine DROP COLUMN reported;"
                                "UPDATE schema_modules SET version = 1 WHERE module = 'pull';"
                                "INSERT INTO pull_quarantine (section, id, body, reason, received_us) "
                                "  VALUES ('rooms', 'r', '{}', 'places: missing', 1);"
                                "INSERT OR REPLACE INTO meta (key, value) VALUES ('sync.cursor', 'v1:99');",
                                &error));
  g_assert_true (nk_store_exec (f->store, "PRAGMA user_version = 8", &error));
  g_clear_object (&f->store);

  f->store = nk_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count (f, "SELECT version FROM schema_modules WHERE module = 'pull'"), ==, 2);
  g_assert_true (nk_pull_read_cursor (f->store, &cursor, &error));
  g_assert_null (cursor);
  g_assert_cmpint (count (f, "SELECT count(*) FROM pull_quarantine WHERE code = 'invalid' AND NOT reported"), ==, 1);
  apply_ok (f, "{\"cursor\": \"v1:1\", \"changes\": {}}", &counts);
  g_assert_cmpuint (counts.reported, ==, 1);
}

/* ---- records set aside --------------------------------------------------- */

#define GOOD_ROOM "{\"id\": \"r-ok\", \"name\": \"好\", \"kind\": \"infant\", \"places\": 5}"
#define ROOMS "\"rooms\": [" GOOD_ROOM "], "

typedef struct {
  const char *name;
  const char *changes;   /* members of "changes", a good room among them */
  const char *section;   /* where the bad record is quarantined */
  const char *key;       /* its id there */
  const char *code;
  const char *field;     /* NULL: none */
  const char *table;     /* where it would have gone, to see it did not */
} Quarantined;

static const Quarantined quarantined[] = {
  { "section-object", ROOMS "\"menus\": {}", "menus", "*", "invalid", NULL, NULL },
  { "item-string", "\"rooms\": [" GOOD_ROOM ", \"r-1\"]", "rooms", "[1]", "invalid", NULL, NULL },
  { "room-kind", "\"rooms\": [" GOOD_ROOM ", {\"id\": \"r\", \"name\": \"R\", \"kind\": \"huge\", \"places\": 5}]", "rooms", "r", "invalid", "kind", "rooms" },
  { "room-places-float", "\"rooms\": [" GOOD_ROOM ", {\"id\": \"r\", \"name\": \"R\", \"kind\": \"infant\", \"places\": 5.5}]", "rooms", "r", "invalid", "places", "rooms" },
  { "room-places-zero", "\"rooms\": [" GOOD_ROOM ", {\"id\": \"r\", \"name\": \"R\", \"kind\": \"infant\", \"places\": 0}]", "rooms", "r", "invalid", "places", "rooms" },
  { "wrong-type", "\"rooms\": [" GOOD_ROOM ", {\"id\": \"r\", \"name\": \"R\", \"kind\": \"infant\", \"places\": \"5; DROP TABLE rooms\"}]", "rooms", "r", "invalid", "places", "rooms" },
  { "id-sql", "\"rooms\": [" GOOD_ROOM ", {\"id\": \"r'; DROP TABLE rooms;--\", \"name\": \"R\", \"kind\": \"infant\", \"places\": 5}]", "rooms", "r'; DROP TABLE rooms;--", "invalid", "id", NULL },
  { "id-long", "\"rooms\": [" GOOD_ROOM ", {\"id\": \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\", \"name\": \"R\", \"kind\": \"infant\", \"places\": 5}]", "rooms", "[1]", "invalid", "id", NULL },
  { "name-empty", "\"rooms\": [" GOOD_ROOM ", {\"id\": \"r\", \"name\": \"  \", \"kind\": \"infant\", \"places\": 5}]", "rooms", "r", "invalid", "name", "rooms" },
  { "name-control", "\"rooms\": [" GOOD_ROOM ", {\"id\": \"r\", \"name\": \"a\\u0007b\", \"kind\": \"infant\", \"places\": 5}]", "rooms", "r", "invalid", "name", "rooms" },
  { "dup-id", "\"rooms\": [" GOOD_ROOM ", {\"id\": \"r\", \"name\": \"R\", \"kind\": \"infant\", \"places\": 5}, {\"id\": \"r\", \"name\": \"S\", \"kind\": \"infant\", \"places\": 5}]", "rooms", "r", "duplicate", "id", "rooms" },
  { "dob-future", ROOMS "\"children\": [{\"id\": \"c\", \"name\": \"C\", \"date_of_birth\": \"2999-01-01\"}]", "children", "c", "invalid", "date_of_birth", "children" },
  { "dob-unreal", ROOMS "\"children\": [{\"id\": \"c\", \"name\": \"C\", \"date_of_birth\": \"2024-02-30\"}]", "children", "c", "invalid", "date_of_birth", "children" },
  { "dob-old", ROOMS "\"children\": [{\"id\": \"c\", \"name\": \"C\", \"date_of_birth\": \"1950-01-01\"}]", "children", "c", "invalid", "date_of_birth", "children" },
  { "active-string", ROOMS "\"staff\": [{\"id\": \"s\", \"name\": \"S\", \"role\": \"caregiver\", \"active\": \"no\"}]", "staff", "s", "invalid", "active", "staff" },
  { "role", ROOMS "\"staff\": [{\"id\": \"s\", \"name\": \"S\", \"role\": \"root\"}]", "staff", "s", "invalid", "role", "staff" },
  { "phone", ROOMS "\"guardians\": [{\"id\": \"g\", \"name\": \"G\", \"phone\": \"call me\"}]", "guardians", "g", "invalid", "phone", "guardians" },
  { "uid-lower", ROOMS "\"cards\": [{\"uid\": \"04a1b2c3\", \"holder_kind\": \"child\", \"holder_id\": \"c\", \"status\": \"active\"}]", "cards", "04a1b2c3", "invalid", "uid", "cards" },
  { "card-status", ROOMS "\"cards\": [{\"uid\": \"04A1B2C3\", \"holder_kind\": \"child\", \"holder_id\": \"c\", \"status\": \"stolen\"}]", "cards", "04A1B2C3", "invalid", "status", "cards" },
  { "holder-kind", ROOMS "\"cards\": [{\"uid\": \"04A1B2C3\", \"holder_kind\": \"cat\", \"holder_id\": \"c\", \"status\": \"active\"}]", "cards", "04A1B2C3", "invalid", "holder_kind", "cards" },
  { "deletion-kind", ROOMS "\"deletions\": [{\"kind\": \"everything\", \"id\": \"x\"}]", "deletions", "[0]", "invalid", "kind", NULL },
  { "deletion-card", ROOMS "\"deletions\": [{\"kind\": \"card\", \"id\": \"xyz\"}]", "deletions", "card:xyz", "invalid", "id", NULL },
  { "slot-no-id", ROOMS "\"menus\": [{\"day\": \"monday\"}]", "menus", "[0]", "invalid", "id", NULL },
  { "unknown-no-id", ROOMS "\"future_things\": [{\"x\": 1}]", "future_things", "[0]", "invalid", "id", NULL },
  { "card-unknown-holder", ROOMS "\"cards\": [{\"uid\": \"04A1B2C3\", \"holder_kind\": \"child\", \"holder_id\": \"nobody\", \"status\": \"active\"}]", "cards", "04A1B2C3", "reference", "holder_id", "cards" },
  { "child-unknown-room", ROOMS "\"children\": [{\"id\": \"c\", \"name\": \"C\", \"date_of_birth\": \"2025-01-01\", \"room_id\": \"nowhere\"}]", "children", "c", "reference", "room_id", "children" },
};

/* The bad record is kept with its reason and reported; the good room
 * beside it and the cursor are applied. */
static void
test_quarantine (Fixture *f, gconstpointer data)
{
  const Quarantined *c = data;
  g_autofree char *json = g_strdup_printf ("{\"cursor\": \"v1:1\", \"changes\": {%s}}", c->changes);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) list = NULL;
  g_autofree char *cursor = NULL;
  g_autofree char *event = NULL;
  NkPullQuarantined *q;
  NkPullCounts counts = { 0 };

  apply_ok (f, json, &counts);
  g_assert_cmpuint (counts.applied, ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM rooms WHERE id = 'r-ok'"), ==, 1);
  g_assert_true (nk_pull_read_cursor (f->store, &cursor, &error));
  g_assert_cmpstr (cursor, ==, "v1:1");

  list = nk_pull_list_quarantined (f->store, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpint (nk_pull_count_quarantined (f->store, NULL), ==, 1);
  q = list->pdata[0];
  g_assert_cmpstr (q->section, ==, c->section);
  g_assert_cmpstr (q->id, ==, c->key);
  g_assert_cmpstr (q->code, ==, c->code);
  g_assert_cmpstr (q->field, ==, c->field);
  g_assert_true (g_utf8_validate (q->reason, -1, NULL) && q->reason[0]);
  g_assert_cmpint (q->received_us, >, 0);
  if (c->table)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s WHERE %s = '%s'", c->table,
                                              strcmp (c->table, "cards") == 0 ? "uid" : "id", c->key);
      g_assert_cmpint (count (f, sql), ==, 0);
    }

  /* The platform is told, once, through the outbox. */
  g_assert_cmpuint (counts.reported, ==, 1);
  event = nk_test_text (f->store, "SELECT json_extract (payload, '$.section') || ' ' || "
                                  "json_extract (payload, '$.code') FROM outbox WHERE type = 'pull.rejected'");
  g_assert_nonnull (strstr (event, c->section));
  g_assert_nonnull (strstr (event, c->code));
  apply_ok (f, json, &counts);
  g_assert_cmpint (count (f, "SELECT count(*) FROM outbox WHERE type = 'pull.rejected'"), ==, 1);
}

/* A room that fails its checks takes its child, the child's card and
 * pickup with it; everything else lands.  When the platform fixes the
 * room, all of them are applied by themselves. */
static void
test_dependants (Fixture *f, gconstpointer data)
{
  NkPullCounts counts = { 0 };

  apply_ok (f,
            "{\"cursor\": \"v1:1\", \"changes\": {"
            " \"rooms\": [{\"id\": \"r-1\", \"name\": \"R\", \"kind\": \"huge\", \"places\": 5}, " GOOD_ROOM "],"
            " \"children\": [{\"id\": \"c-1\", \"name\": \"C\", \"date_of_birth\": \"2025-01-01\", \"room_id\": \"r-1\"},"
            "   {\"id\": \"c-2\", \"name\": \"D\", \"date_of_birth\": \"2025-01-01\", \"room_id\": \"r-ok\"}],"
            " \"guardians\": [{\"id\": \"g-1\", \"name\": \"G\"}],"
            " \"pickups\": [{\"child_id\": \"c-1\", \"guardian_id\": \"g-1\"}, {\"child_id\": \"c-2\", \"guardian_id\": \"g-1\"}],"
            " \"cards\": [{\"uid\": \"04A1B2C3\", \"holder_kind\": \"child\", \"holder_id\": \"c-1\", \"status\": \"active\"},"
            "   {\"uid\": \"04A1B2C4\", \"holder_kind\": \"guardian\", \"holder_id\": \"g-1\", \"status\": \"active\"}]}}",
            &counts);
  g_assert_cmpuint (counts.applied, ==, 5);
  g_assert_cmpuint (counts.quarantined, ==, 4);
  g_assert_cmpint (count (f, "SELECT count(*) FROM pull_quarantine WHERE code = 'dependency'"), ==, 3);
  g_assert_cmpint (count (f, "SELECT count(*) FROM children"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM cards"), ==, 1);

  apply_ok (f, "{\"cursor\": \"v1:2\", \"changes\": {\"rooms\": [{\"id\": \"r-1\", \"name\": \"R\","
               " \"kind\": \"infant\", \"places\": 5}]}}", &counts);
  g_assert_cmpuint (counts.applied, ==, 1);
  g_assert_cmpuint (counts.released, ==, 3);
  g_assert_cmpint (count (f, "SELECT count(*) FROM children WHERE id = 'c-1' AND room_id = 'r-1'"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM cards WHERE uid = '04A1B2C3'"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM guardian_children"), ==, 2);
  g_assert_cmpint (count (f, "SELECT count(*) FROM pull_quarantine"), ==, 0);
}

/* What the store refuses (a phone another guardian has) is set aside
 * too; the answer goes on. */
static void
test_conflict (Fixture *f, gconstpointer data)
{
  NkPullCounts counts = { 0 };

  apply_ok (f, "{\"cursor\": \"v1:1\", \"changes\": {\"guardians\": [{\"id\": \"g-1\", \"name\": \"A\","
               " \"phone\": \"13800138000\"}, {\"id\": \"g-2\", \"name\": \"B\", \"phone\": \"13800138000\"},"
               " {\"id\": \"g-3\", \"name\": \"C\"}]}}", &counts);
  g_assert_cmpuint (counts.applied, ==, 2);
  g_assert_cmpint (count (f, "SELECT count(*) FROM pull_quarantine WHERE section = 'guardians' AND id = 'g-2' "
                             "AND code = 'conflict' AND reason LIKE '%guardians.phone%'"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM guardians"), ==, 2);
}

/* Reports go through nk-record: with a clock that cannot be right they
 * wait, and go with the next pull once it is right. */
static void
test_reported (Fixture *f, gconstpointer data)
{
  NkTestClock clock = { NK_CENTRE_CLOCK_FLOOR_US - G_USEC_PER_SEC, 1 };
  NkClock c = nk_test_clock (&clock);
  NkPullCounts counts = { 0 };

  nk_centre_set_clock (f->centre, &c);
  apply_ok (f, "{\"cursor\": \"v1:1\", \"changes\": {\"menus\": [{\"x\": 1}], " ROOMS "\"checkups\": [{\"id\": \"k\", \"date\": \"2026-12-10\","
               " \"institution\": \"A\", \"room_ids\": \"all\"}]}}",
            &counts);
  g_assert_cmpuint (counts.quarantined, ==, 1);
  g_assert_cmpuint (counts.reported, ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM outbox"), ==, 0);

  clock.real_us = g_get_real_time ();
  apply_ok (f, "{\"cursor\": \"v1:2\", \"changes\": {}}", &counts);
  g_assert_cmpuint (counts.reported, ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM outbox WHERE type = 'pull.rejected' AND state = 'pending' "
                             "AND json_extract (payload, '$.section') = 'menus' "
                             "AND json_extract (payload, '$.id') = '[0]'"), ==, 1);
  /* A new version of the record is a new rejection; the same one is not. */
  apply_ok (f, "{\"cursor\": \"v1:3\", \"changes\": {\"menus\": [{\"x\": 1}]}}", &counts);
  g_assert_cmpuint (counts.reported, ==, 0);
  apply_ok (f, "{\"cursor\": \"v1:4\", \"changes\": {\"menus\": [{\"x\": 2}]}}", &counts);
  g_assert_cmpuint (counts.reported, ==, 1);
}

/* ---- chunks ---------------------------------------------------------------- */

typedef struct {
  NkStore   *reader;    /* another connection, as the door's */
  GPtrArray *commits;   /* "rooms cursor" after each commit */
} Watch;

static int
on_commit (void *data, sqlite3 *db, const char *name, int pages)
{
  Watch *w = data;
  g_autofree char *cursor = nk_test_text (w->reader, "SELECT value FROM meta WHERE key = 'sync.cursor'");

  g_ptr_array_add (w->commits, g_strdup_printf ("%" G_GINT64_FORMAT " %s",
                                                nk_test_count (w->reader, "SELECT count(*) FROM rooms"),
                                                cursor ? cursor : "-"));
  return SQLITE_OK;
}

/* The test's stand-in for a disk that fails in the middle of a pull. */
static void
fail_at (sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
  if (g_strcmp0 ((const char *) sqlite3_value_text (argv[0]), "r-650") == 0)
    sqlite3_result_error (ctx, "the disk failed", -1);
  else
    sqlite3_result_int (ctx, 0);
}

/* 1 000 records in chunks of 100: ten short transactions, the cursor
 * only with the last.  A failure in the seventh leaves six applied and
 * the cursor where it was; the same answer again completes it. */
static void
test_chunks (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GString) json = g_string_new ("{\"cursor\": \"v1:5\", \"changes\": {\"rooms\": [");
  g_autoptr (NkPull) pull = NULL;
  g_autofree char *cursor = NULL;
  Watch w = { NULL, g_ptr_array_new_with_free_func (g_free) };
  sqlite3 *db = nk_store_get_db (f->store);
  NkPullCounts counts = { 0 };

  for (int i = 0; i < 1000; i++)
    g_string_append_printf (json, "%s{\"id\": \"r-%d\", \"name\": \"R\", \"kind\": \"infant\", \"places\": 10}",
                            i ? "," : "", i);
  g_string_append (json, "]}}");
  w.reader = nk_store_open (nk_store_get_path (f->store), &error);
  g_assert_no_error (error);
  sqlite3_wal_hook (db, on_commit, &w);

  g_assert_cmpint (sqlite3_create_function (db, "nk_test_fail_at", 1, SQLITE_UTF8, NULL, fail_at, NULL, NULL),
                   ==, SQLITE_OK);
  g_assert_true (nk_store_exec (f->store, "CREATE TEMP TRIGGER nk_test_disk BEFORE INSERT ON main.rooms "
                                          "BEGIN SELECT nk_test_fail_at (NEW.id); END", &error));
  pull = nk_pull_parse (json->str, json->len, &error);
  nk_pull_set_chunk_size (pull, 100);
  g_assert_false (nk_pull_apply (pull, f->store, f->centre, &counts, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpuint (w.commits->len, ==, 6);
  g_assert_cmpstr (w.commits->pdata[5], ==, "600 -");
  g_assert_true (nk_pull_read_cursor (f->store, &cursor, &error));
  g_assert_null (cursor);
  g_assert_cmpint (count (f, "SELECT count(*) FROM rooms"), ==, 600);

  g_assert_true (nk_store_exec (f->store, "DROP TRIGGER nk_test_disk", &error));
  g_ptr_array_set_size (w.commits, 0);
  g_clear_pointer (&pull, nk_pull_free);
  pull = nk_pull_parse (json->str, json->len, &error);
  nk_pull_set_chunk_size (pull, 100);
  g_assert_true (nk_pull_apply (pull, f->store, f->centre, &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.chunks, ==, 10);
  g_assert_cmpuint (counts.applied, ==, 1000);
  /* The six chunks written before change no page (SQLite writes nothing
   * for them); the four new ones commit without the cursor but the last. */
  g_assert_cmpuint (w.commits->len, >=, 4);
  for (guint i = 0; i + 1 < w.commits->len; i++)
    g_assert_true (g_str_has_suffix (w.commits->pdata[i], " -"));
  g_assert_cmpstr (w.commits->pdata[w.commits->len - 1], ==, "1000 v1:5");
  g_assert_cmpint (count (f, "SELECT count(*) FROM rooms"), ==, 1000);

  sqlite3_wal_hook (db, NULL, NULL);
  g_ptr_array_unref (w.commits);
  g_object_unref (w.reader);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func, data) g_test_add (path, Fixture, data, fixture_set_up, func, fixture_tear_down)
  ADD ("/nk/pull/apply-good", test_apply_good, NULL);
  ADD ("/nk/pull/table", test_table, NULL);
  ADD ("/nk/pull/cards-at-the-door", test_cards_at_the_door, NULL);
  ADD ("/nk/pull/lost-card-wins", test_lost_card_wins, NULL);
  ADD ("/nk/pull/deletions", test_deletions, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *path = g_strdup_printf ("/nk/pull/refused/%s", refused[i].name);
      ADD (path, test_refused, &refused[i]);
    }
  ADD ("/nk/pull/hostile-bytes", test_hostile_bytes, NULL);
  ADD ("/nk/pull/raw-scan", test_raw_scan, NULL);
  ADD ("/nk/pull/record-cap", test_record_cap, NULL);
  ADD ("/nk/pull/older-child", test_older_child, NULL);
  ADD ("/nk/pull/photo-kept", test_photo_kept, NULL);
  ADD ("/nk/pull/cursor-read", test_cursor_read, NULL);
  ADD ("/nk/pull/migration", test_migration, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (quarantined); i++)
    {
      g_autofree char *path = g_strdup_printf ("/nk/pull/quarantine/%s", quarantined[i].name);
      ADD (path, test_quarantine, &quarantined[i]);
    }
  ADD ("/nk/pull/dependants", test_dependants, NULL);
  ADD ("/nk/pull/conflict", test_conflict, NULL);
  ADD ("/nk/pull/reported", test_reported, NULL);
  ADD ("/nk/pull/chunks", test_chunks, NULL);
  return g_test_run ();
}
