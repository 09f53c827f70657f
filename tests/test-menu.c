/* test-menu.c — the menu (nk-menu.h): a day's JSON form and the one
 * validator against hostile days (wrong types, unknown slots and
 * allergen codes, huge strings, too many dishes); the platform's section
 * "menus" pulled, quarantined with its reason, deleted; the director's
 * save as one event, the newest day winning over the platform's; the
 * relayed "menu.day" of another door; the records an earlier version kept
 * as received, applied by the migration; the dishes matched against a
 * child's allergens. */
#include "config.h"

#include <string.h>

#include "core/nk-demo.h"
#include "core/nk-door.h"
#include "core/nk-menu-today.h"
#include "core/nk-menu-import.h"
#include "core/nk-menu-private.h"
#include "core/nk-pull-private.h"
#include "nk-test-util.h"

typedef struct {
  char        *dir;
  NkStore     *store;
  NkDoor      *door;
  NkTestClock  clock;
} Fixture;

static void
setup (Fixture *f, gconstpointer data)
{
  f->door = nk_test_demo_door ("menu", &f->clock, &f->store, &f->dir);
}

static void
teardown (Fixture *f, gconstpointer data)
{
  nk_test_door_close (&f->door, &f->store, &f->dir);
}

static gint64
count (Fixture *f, const char *sql)
{
  return nk_test_count (f->store, sql);
}

#define DAY_JSON                                                                                  \
  "{\"date\": \"2026-11-23\", \"meals\": ["                                                       \
  " {\"slot\": \"breakfast\", \"dishes\": [{\"name\": \"小米粥\", \"ingredients\": \"小米\","        \
  "   \"allergens\": [], \"amounts\": {\"infant\": \"80 ml\", \"toddler\": \"120 ml\"}}]},"        \
  " {\"slot\": \"lunch\", \"dishes\": ["                                                           \
  "   {\"name\": \"鸡蛋羹\", \"ingredients\": \"鸡蛋、温水\", \"allergens\": [\"egg\"],"            \
  "    \"amounts\": {\"infant\": \"30 g\", \"toddler\": \"50 g\", \"senior\": \"60 g\"}},"        \
  "   {\"name\": \"清蒸鲈鱼\", \"allergens\": [\"fish\"]}]},"                                      \
  " {\"slot\": \"afternoon_snack\", \"dishes\": [{\"name\": \"芒果布丁\", \"ingredients\": "        \
  "   \"牛奶、芒果\", \"allergens\": [\"milk\", \"other\"], \"allergen_other\": \"芒果\"}]}]}"

static NkMenuDay *
parse_day (const char *json, const char **field, GError **error)
{
  g_autoptr (JsonNode) node = json_from_string (json, NULL);

  g_assert_nonnull (node);
  return nk_menu_day_from_json (node, field, error);
}

static void
test_json (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (NkMenuDay) day = parse_day (DAY_JSON, NULL, &error);
  g_autoptr (NkMenuDay) again = NULL;
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;
  const NkMenuDish *egg;

  g_assert_no_error (error);
  g_assert_cmpstr (day->date, ==, "2026-11-23");
  g_assert_cmpuint (nk_menu_day_n_dishes (day), ==, 4);
  g_assert_cmpuint (day->dishes[NK_MEAL_LUNCH]->len, ==, 2);
  g_assert_cmpuint (day->dishes[NK_MEAL_DINNER]->len, ==, 0);
  egg = day->dishes[NK_MEAL_LUNCH]->pdata[0];
  g_assert_cmpstr (egg->name, ==, "鸡蛋羹");
  g_assert_cmpuint (egg->allergens, ==, NK_ALLERGEN_EGG);
  g_assert_cmpstr (egg->amounts[NK_ROOM_TODDLER], ==, "50 g");
  g_assert_null (((NkMenuDish *) day->dishes[NK_MEAL_BREAKFAST]->pdata[0])->amounts[NK_ROOM_SENIOR_TODDLER]);
  g_assert_cmpuint (nk_menu_day_allergens (day), ==,
                    NK_ALLERGEN_EGG | NK_ALLERGEN_FISH | NK_ALLERGEN_MILK | NK_ALLERGEN_OTHER);

  /* the form written is the form read */
  json_builder_begin_object (b);
  nk_menu_day_add_json (day, b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  again = nk_menu_day_from_json (root, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (nk_menu_day_n_dishes (again), ==, 4);
  g_assert_cmpstr (((NkMenuDish *) again->dishes[NK_MEAL_AFTERNOON_SNACK]->pdata[0])->allergen_other, ==,
                   "芒果");

  g_assert_cmpstr (nk_meal_slot_code (NK_MEAL_AFTERNOON_SNACK), ==, "afternoon_snack");
  {
    NkMealSlot slot;

    g_assert_true (nk_meal_slot_parse ("午餐", &slot));
    g_assert_cmpint (slot, ==, NK_MEAL_LUNCH);
    g_assert_true (nk_meal_slot_parse ("Morning snack", &slot));
    g_assert_cmpint (slot, ==, NK_MEAL_MORNING_SNACK);
    g_assert_false (nk_meal_slot_parse ("supper", &slot));
  }
}

/* A day with one dish whose members are dish (a JSON object's inside). */
static char *
one_dish (const char *dish)
{
  return g_strdup_printf ("{\"date\": \"2026-11-23\", \"meals\": [{\"slot\": \"lunch\", \"dishes\": "
                          "[{%s}]}]}", dish);
}

static void
test_hostile (void)
{
  g_autofree char *long_name = g_strnfill (NK_MENU_MAX_NAME + 1, 'a');
  g_autofree char *huge = g_strnfill (100000, 'x');
  g_autoptr (GString) many = g_string_new ("{\"date\": \"2026-11-23\", \"meals\": [{\"slot\": \"lunch\", \"dishes\": [");
  g_autofree char *c_long = NULL, *c_huge = NULL, *c_many = NULL;
  struct {
    const char *json;
    const char *field;
  } cases[] = {
    { "[]", "menu" },
    { "{\"meals\": []}", "date" },
    { "{\"date\": 20261123, \"meals\": []}", "date" },
    { "{\"date\": \"2026-02-30\", \"meals\": []}", "date" },
    { "{\"date\": \"2026-11-23\"}", "meals" },
    { "{\"date\": \"2026-11-23\", \"meals\": {\"lunch\": []}}", "meals" },
    { "{\"date\": \"2026-11-23\", \"meals\": [7]}", "meals[0]" },
    { "{\"date\": \"2026-11-23\", \"meals\": [{\"slot\": \"supper\", \"dishes\": []}]}", "meals[0].slot" },
    { "{\"date\": \"2026-11-23\", \"meals\": [{\"slot\": \"lunch\", \"dishes\": []}, "
      "{\"slot\": \"lunch\", \"dishes\": []}]}", "meals[1].slot" },
    { "{\"date\": \"2026-11-23\", \"meals\": [{\"slot\": \"lunch\", \"dishes\": \"rice\"}]}",
      "meals[0].dishes" },
    { "{\"date\": \"2026-11-23\", \"meals\": [{\"slot\": \"lunch\", \"dishes\": [{\"name\": 5}]}]}",
      "meals[0].dishes[0].name" },
    { "{\"date\": \"2026-11-23\", \"meals\": [{\"slot\": \"lunch\", \"dishes\": [{\"name\": \"  \"}]}]}",
      "meals[0].dishes[0].name" },
    { "{\"date\": \"2026-11-23\", \"meals\": [{\"slot\": \"lunch\", \"dishes\": [{\"name\": \"饭\\u0007\"}]}]}",
      "meals[0].dishes[0].name" },
    { "{\"date\": \"2026-11-23\", \"meals\": [{\"slot\": \"lunch\", \"dishes\": [{\"name\": \"饭\", "
      "\"allergens\": [\"mango\"]}]}]}", "meals[0].dishes[0].allergens" },
    { "{\"date\": \"2026-11-23\", \"meals\": [{\"slot\": \"lunch\", \"dishes\": [{\"name\": \"饭\", "
      "\"allergens\": \"egg\"}]}]}", "meals[0].dishes[0].allergens" },
    { "{\"date\": \"2026-11-23\", \"meals\": [{\"slot\": \"lunch\", \"dishes\": [{\"name\": \"饭\", "
      "\"allergens\": [\"other\"]}]}]}", "meals[0].dishes[0].allergen_other" },
    { "{\"date\": \"2026-11-23\", \"meals\": [{\"slot\": \"lunch\", \"dishes\": [{\"name\": \"饭\", "
      "\"amounts\": [\"50 g\"]}]}]}", "meals[0].dishes[0].amounts" },
    { "{\"date\": \"2026-11-23\", \"meals\": [{\"slot\": \"lunch\", \"dishes\": [{\"name\": \"饭\", "
      "\"amounts\": {\"toddler\": 50}}]}]}", "meals[0].dishes[0].amounts.toddler" },
    { "{\"date\": \"2026-11-23\", \"meals\": [{\"slot\": \"lunch\", \"dishes\": [{\"name\": \"饭\", "
      "\"ingredients\": [\"米\"]}]}]}", "meals[0].dishes[0].ingredients" },
    { NULL, "meals[0].dishes[0].name" },
    { NULL, "meals[0].dishes[0].ingredients" },
    { NULL, "meals[0].dishes" },
  };

  {
    g_autofree char *member = g_strdup_printf ("\"name\": \"%s\"", long_name);

    c_long = one_dish (member);
  }
  c_huge = g_strdup_printf ("{\"date\": \"2026-11-23\", \"meals\": [{\"slot\": \"lunch\", \"dishes\": "
                            "[{\"name\": \"饭\", \"ingredients\": \"%s\"}]}]}", huge);
  for (guint i = 0; i <= NK_MENU_MAX_DISHES; i++)
    g_string_append_printf (many, "%s{\"name\": \"菜%u\"}", i ? ", " : "", i);
  g_string_append (many, "]}]}");
  c_many = g_strdup (many->str);
  cases[G_N_ELEMENTS (cases) - 3].json = c_long;
  cases[G_N_ELEMENTS (cases) - 2].json = c_huge;
  cases[G_N_ELEMENTS (cases) - 1].json = c_many;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      const char *field = NULL;
      g_autoptr (NkMenuDay) day = parse_day (cases[i].json, &field, &error);

      g_test_message ("%.120s → %s", cases[i].json, error ? error->message : "accepted");
      g_assert_null (day);
      g_assert_error (error, NK_MENU_ERROR, NK_MENU_ERROR_INVALID);
      g_assert_cmpstr (field, ==, cases[i].field);
      g_assert_true (g_str_has_prefix (error->message, cases[i].field));
    }
}

/* ---- pulled --------------------------------------------------------------------------- */

static gboolean
pull (Fixture *f, const char *changes, NkPullCounts *counts)
{
  g_autofree char *json = g_strdup_printf ("{\"cursor\": \"c-1\", \"more\": false, \"changes\": {%s}}",
                                           changes);
  g_autoptr (GError) error = NULL;
  g_autoptr (NkPull) p = nk_pull_parse (json, strlen (json), &error);
  gboolean ok;

  g_assert_no_error (error);
  ok = nk_pull_apply (p, f->store, nk_door_get_centre (f->door), counts, &error);
  g_assert_no_error (error);
  return ok;
}

static void
test_pull (Fixture *f, gconstpointer data)
{
  NkPullCounts counts = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (NkMenuDay) day = NULL;
  g_autofree char *changes = g_strdup_printf (
    "\"menus\": ["
    "  {\"id\": \"m-1\", \"updated_at\": \"2026-11-20T02:00:00.000Z\", %s,"
    "  {\"id\": \"m-2\", \"date\": \"2026-11-24\", \"meals\": [{\"slot\": \"tea\", \"dishes\": []}]},"
    "  {\"id\": \"m-3\", \"date\": \"2026-11-25\", \"meals\": [{\"slot\": \"lunch\", \"dishes\": "
    "    [{\"name\": \"饭\", \"allergens\": [\"egg\", 3]}]}]},"
    "  {\"id\": \"m-4\", \"date\": 5, \"meals\": []},"
    "  {\"id\": \"m-5\", \"date\": \"2026-11-26\", \"updated_at\": \"yesterday\", \"meals\": []}]",
    DAY_JSON + 1);

  g_assert_true (pull (f, changes, &counts));
  g_assert_cmpuint (counts.applied, ==, 1);
  g_assert_cmpuint (counts.quarantined, ==, 4);
  day = nk_menu_day_load (f->store, "2026-11-23", &error);
  g_assert_no_error (error);
  g_assert_nonnull (day);
  g_assert_cmpstr (day->source, ==, "platform");
  g_assert_cmpuint (nk_menu_day_n_dishes (day), ==, 4);
  g_assert_cmpint (count (f, "SELECT count(*) FROM pull_quarantine WHERE section = 'menus' AND id = 'm-2' "
                             "AND code = 'invalid' AND field = 'meals[0].slot'"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM pull_quarantine WHERE id = 'm-3' "
                             "AND field = 'meals[0].dishes[0].allergens'"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM pull_quarantine WHERE id = 'm-4' AND field = 'date'"),
                   ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM pull_quarantine WHERE id = 'm-5' AND field = 'updated_at'"),
                   ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM menu_days"), ==, 1);

  /* no menu that day: NULL and no error */
  g_assert_null (nk_menu_day_load (f->store, "2026-11-24", &error));
  g_assert_no_error (error);

  /* the platform deletes it */
  counts = (NkPullCounts) { 0 };
  g_assert_true (pull (f, "\"deletions\": [{\"kind\": \"menu\", \"id\": \"m-1\"}]", &counts));
  g_assert_cmpint (count (f, "SELECT count(*) FROM menu_days"), ==, 0);
}

/* ---- made at the kiosk ------------------------------------------------------------------ */

static void
on_changed (NkStore *store, const char *kind, GStrv ids, guint *n)
{
  if (g_strcmp0 (kind, "menu") == 0)
    (*n)++;
}

static void
test_save (Fixture *f, gconstpointer data)
{
  NkCentre *centre = nk_door_get_centre (f->door);
  g_autoptr (GError) error = NULL;
  g_autoptr (NkMenuDay) day = parse_day (DAY_JSON, NULL, NULL);
  g_autoptr (NkMenuDay) loaded = NULL;
  g_autoptr (NkMenuDish) bad = nk_menu_dish_new ("");
  NkPullCounts counts = { 0 };
  g_autofree char *older = NULL, *newer = NULL;
  guint changed = 0;

  g_signal_connect (f->store, "changed", G_CALLBACK (on_changed), &changed);

  /* only the director */
  g_assert_false (nk_menu_day_save (f->store, centre, "S002", day, &error));
  g_assert_error (error, NK_MENU_ERROR, NK_MENU_ERROR_REFUSED);
  g_clear_error (&error);
  g_assert_cmpint (count (f, "SELECT count(*) FROM outbox WHERE type = 'menu.day'"), ==, 0);

  g_assert_true (nk_menu_day_save (f->store, centre, "S001", day, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM outbox WHERE type = 'menu.day' "
                             "AND json_extract (payload, '$.date') = '2026-11-23' "
                             "AND json_extract (payload, '$.source') = 'kiosk' "
                             "AND json_extract (payload, '$.by_id') = 'S001' "
                             "AND json_array_length (payload, '$.meals') = 3"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM menu_days m JOIN outbox o ON o.event_id = m.id "
                             "WHERE m.source = 'kiosk'"), ==, 1);

  /* a dish that breaks the contract: refused by the same validator, nothing written */
  nk_menu_day_add_dish (day, NK_MEAL_DINNER, g_steal_pointer (&bad));
  g_assert_false (nk_menu_day_save (f->store, centre, "S001", day, &error));
  g_assert_error (error, NK_MENU_ERROR, NK_MENU_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (count (f, "SELECT count(*) FROM outbox WHERE type = 'menu.day'"), ==, 1);

  /* the platform's older day does not replace the kiosk's edit … */
  older = g_strdup_printf ("\"menus\": [{\"id\": \"m-1\", \"updated_at\": \"2026-11-22T00:00:00.000Z\", "
                           "\"date\": \"2026-11-23\", \"meals\": [{\"slot\": \"dinner\", \"dishes\": "
                           "[{\"name\": \"面条\"}]}]}]");
  g_assert_true (pull (f, older, &counts));
  loaded = nk_menu_day_load (f->store, "2026-11-23", &error);
  g_assert_cmpstr (loaded->source, ==, "kiosk");
  g_clear_pointer (&loaded, nk_menu_day_free);
  /* … a newer one does */
  newer = g_strdup_printf ("\"menus\": [{\"id\": \"m-1\", \"updated_at\": \"2026-11-23T01:00:00.000Z\", "
                           "\"date\": \"2026-11-23\", \"meals\": [{\"slot\": \"dinner\", \"dishes\": "
                           "[{\"name\": \"面条\"}]}]}]");
  g_assert_true (pull (f, newer, &counts));
  loaded = nk_menu_day_load (f->store, "2026-11-23", &error);
  g_assert_cmpstr (loaded->source, ==, "platform");
  g_assert_cmpuint (nk_menu_day_n_dishes (loaded), ==, 1);
}

/* Another door's "menu.day" is applied; the same twice changes nothing;
 * a hostile one is refused naming the member. */
static void
test_relayed (Fixture *f, gconstpointer data)
{
  g_autoptr (NkMenuDay) day = parse_day (DAY_JSON, NULL, NULL);
  g_autoptr (NkMenuDay) there = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *payload = NULL, *id = NULL, *at = NULL;
  NkTestClock clock_b;
  NkStore *store_b = NULL;
  char *dir_b = NULL;
  NkDoor *door_b = nk_test_demo_door ("menu-b", &clock_b, &store_b, &dir_b);
  static const char *const hostile[] = {
    "{\"date\": \"2026-11-23\", \"meals\": [{\"slot\": \"lunch\", \"dishes\": [{\"name\": []}]}], "
    "\"source\": \"kiosk\", \"local_date\": \"2026-11-23\", \"by_kind\": \"staff\"}",
    "{\"date\": \"2026-11-23\", \"meals\": [], \"source\": \"platform\", \"local_date\": \"2026-11-23\", "
    "\"by_kind\": \"staff\"}",
    "{\"date\": \"2026-11-23\", \"meals\": [], \"source\": \"kiosk\", \"local_date\": \"2026-11-23\", "
    "\"by_kind\": \"guardian\"}",
  };

  g_assert_true (nk_menu_day_save (f->store, nk_door_get_centre (f->door), "S001", day, &error));
  id = nk_test_text (f->store, "SELECT event_id FROM outbox WHERE type = 'menu.day'");
  payload = nk_test_text (f->store, "SELECT payload FROM outbox WHERE type = 'menu.day'");
  at = nk_format_utc_iso (NK_TEST_MONDAY_8AM_US);
  for (guint round = 0; round < 2; round++)
    {
      g_autofree char *json = g_strdup_printf ("{\"id\": \"%s\", \"type\": \"menu.day\", \"at\": \"%s\", "
                                               "\"device_id\": \"door-a\", \"payload\": %s}", id, at, payload);
      g_autoptr (JsonNode) node = json_from_string (json, NULL);
      g_autoptr (NkRelayEvent) ev = nk_relay_event_parse (node, NULL, NULL, &error);
      NkRelayOutcome outcome;

      g_assert_no_error (error);
      g_assert_cmpstr (nk_relay_event_get_changed_kind (ev), ==, "menu");
      g_assert_true (nk_store_begin (store_b, NULL));
      g_assert_true (nk_relay_event_apply (ev, store_b, &outcome, &error));
      g_assert_true (nk_store_commit (store_b, NULL));
    }
  there = nk_menu_day_load (store_b, "2026-11-23", &error);
  g_assert_nonnull (there);
  g_assert_cmpstr (there->source, ==, "kiosk");
  g_assert_cmpuint (nk_menu_day_n_dishes (there), ==, 4);
  g_assert_cmpint (nk_test_count (store_b, "SELECT count(*) FROM menu_days WHERE device_id = 'door-a'"), ==, 1);

  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      g_autofree char *uuid = g_uuid_string_random ();
      g_autofree char *json = g_strdup_printf ("{\"id\": \"%s\", \"type\": \"menu.day\", \"at\": \"%s\", "
                                               "\"device_id\": \"door-a\", \"payload\": %s}", uuid, at,
                                               hostile[i]);
      g_autoptr (JsonNode) node = json_from_string (json, NULL);
      g_autoptr (GError) bad = NULL;
      const char *field = NULL;
      g_autoptr (NkRelayEvent) ev = nk_relay_event_parse (node, NULL, &field, &bad);

      g_test_message ("%s", bad ? bad->message : "accepted");
      g_assert_null (ev);
      g_assert_error (bad, NK_RELAY_ERROR, NK_RELAY_ERROR_INVALID);
      g_assert_nonnull (field);
    }
  nk_test_door_close (&door_b, &store_b, &dir_b);
}

/* An earlier version kept the platform's menus as received: the
 * migration checks and applies them, and sets aside a bad one. */
static void
test_migration (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_strdup (nk_store_get_path (f->store));
  g_autofree char *version = NULL;
  g_autofree char *insert = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (NkMenuDay) day = NULL;

  version = g_strdup_printf ("PRAGMA user_version = %d", nk_store_get_schema_version (f->store) - 1);
  insert = g_strdup_printf ("INSERT INTO pulled_records (section, id, body, received_us) VALUES "
                            "('menus', 'm-1', '{\"id\": \"m-1\", %s', 1), "
                            "('menus', 'm-2', '{\"id\": \"m-2\", \"date\": \"2026-11-24\", \"meals\": 3}', 1), "
                            "('checkups', 'k-1', '{\"id\": \"k-1\"}', 1)",
                            DAY_JSON + 1);
  g_assert_true (nk_store_exec (f->store, "DROP TABLE menu_days", NULL));
  g_assert_true (nk_store_exec (f->store, "DELETE FROM schema_modules WHERE module = 'menu'", NULL));
  g_assert_true (nk_store_exec (f->store, version, NULL));
  g_assert_true (nk_store_exec (f->store, insert, NULL));
  g_clear_object (&f->door);
  g_clear_object (&f->store);

  f->store = nk_store_open (path, &error);
  g_assert_no_error (error);
  day = nk_menu_day_load (f->store, "2026-11-23", &error);
  g_assert_no_error (error);
  g_assert_nonnull (day);
  g_assert_cmpuint (nk_menu_day_n_dishes (day), ==, 4);
  g_assert_cmpint (count (f, "SELECT count(*) FROM pull_quarantine WHERE section = 'menus' AND id = 'm-2' "
                             "AND field = 'meals'"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM pulled_records WHERE section = 'menus'"), ==, 0);
  /* the other sections' records are left for their versions */
  g_assert_cmpint (count (f, "SELECT count(*) FROM pulled_records WHERE section = 'checkups'"), ==, 1);
}

static void
test_match (void)
{
  g_autoptr (NkMenuDay) day = parse_day (DAY_JSON, NULL, NULL);
  g_autoptr (GPtrArray) egg = nk_menu_day_match (day, NK_ALLERGEN_EGG | NK_ALLERGEN_PEANUT, NULL);
  g_autoptr (GPtrArray) mango = nk_menu_day_match (day, NK_ALLERGEN_OTHER, "芒果");
  g_autoptr (GPtrArray) none = nk_menu_day_match (day, NK_ALLERGEN_SOY, "猕猴桃");
  g_autofree char *text = NULL;
  NkMenuMatch *m;

  g_assert_cmpuint (egg->len, ==, 1);
  m = egg->pdata[0];
  g_assert_cmpint (m->slot, ==, NK_MEAL_LUNCH);
  g_assert_cmpstr (m->dish->name, ==, "鸡蛋羹");
  g_assert_cmpuint (m->groups, ==, NK_ALLERGEN_EGG);
  text = nk_menu_match_describe (m);
  g_assert_cmpstr (text, ==, "Lunch 鸡蛋羹 (Eggs)");
  g_assert_cmpuint (mango->len, ==, 1);
  g_assert_cmpstr (((NkMenuMatch *) mango->pdata[0])->other, ==, "芒果");
  g_assert_cmpuint (none->len, ==, 0);
}

/* ---- today: the door, the room page and the list ------------------------------------------ */

static const NkTapNote *
find_note (NkTapResult *result, NkNoteAudience audience)
{
  for (guint i = 0; i < nk_tap_result_get_n_notes (result); i++)
    if (nk_tap_result_get_note (result, i)->audience == audience)
      return nk_tap_result_get_note (result, i);
  return NULL;
}

static void
test_today (Fixture *f, gconstpointer data)
{
  NkCentre *centre = nk_door_get_centre (f->door);
  g_autoptr (NkMenuDay) day = parse_day (DAY_JSON, NULL, NULL);
  g_autoptr (NkTapResult) in = NULL;
  g_autoptr (NkTapResult) plain = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (NkDaySet) set = NULL;
  g_autoptr (GError) error = NULL;
  const NkTapNote *family, *staff;
  const NkDayMark *mark;
  NkMenuAllergenRow *row;

  /* no menu: nothing to say, nothing listed */
  plain = nk_test_tap (f->door, "30000001");
  g_assert_cmpint (plain->outcome, ==, NK_TAP_CHECKED_IN);
  g_assert_cmpuint (nk_tap_result_get_n_notes (plain), ==, 0);
  rows = nk_menu_today_list (f->store, centre, NULL, "2026-11-23", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 0);
  g_clear_pointer (&rows, g_ptr_array_unref);

  g_assert_true (nk_menu_day_save (f->store, centre, "S001", day, &error));
  /* 王小明 (milk) checks in: the mango pudding holds milk */
  in = nk_test_tap (f->door, NK_DEMO_UID_CHILD);
  g_assert_cmpint (in->outcome, ==, NK_TAP_CHECKED_IN);
  family = find_note (in, NK_NOTE_FAMILY);
  staff = find_note (in, NK_NOTE_STAFF);
  g_assert_nonnull (family);
  g_assert_nonnull (staff);
  g_assert_cmpint (family->level, ==, NK_NOTE_WARNING);
  g_assert_cmpstr (family->child_id, ==, "D0001");
  g_assert_cmpstr (family->text, ==,
                   "Today's Afternoon snack 芒果布丁 contains Milk — the teachers know and will prepare a substitute.");
  g_assert_cmpstr (staff->text, ==, "王小明: today's Afternoon snack 芒果布丁 contains Milk — prepare a substitute.");

  /* the room page marks him; the list has him with the dish */
  set = nk_day_set_load_room (f->store, centre, "R2", "2026-11-23", &error);
  g_assert_no_error (error);
  mark = nk_child_day_get_mark (nk_day_set_find (set, "D0001"), "menu.allergen");
  g_assert_nonnull (mark);
  g_assert_cmpint (mark->level, ==, NK_DAY_MARK_WARNING);
  g_assert_cmpstr (mark->label, ==, "Afternoon snack 芒果布丁 contains Milk");
  g_clear_pointer (&set, nk_day_set_free);
  rows = nk_menu_today_list (f->store, centre, NULL, "2026-11-23", &error);
  g_assert_no_error (error);
  /* 刘子涵 (eggs) is not here: not listed */
  g_assert_cmpuint (rows->len, ==, 1);
  row = rows->pdata[0];
  g_assert_cmpstr (row->child_id, ==, "D0001");
  g_assert_cmpint (row->slot, ==, NK_MEAL_AFTERNOON_SNACK);
  g_assert_cmpstr (row->dish, ==, "芒果布丁");
  g_assert_null (row->substitute);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* a dish that is not his: refused, nothing written */
  g_assert_false (nk_menu_substitute_confirm (f->store, centre, "S002", "D0001", NK_MEAL_LUNCH, "鸡蛋羹",
                                              "蒸南瓜", &error));
  g_assert_error (error, NK_KIND_ERROR, NK_KIND_ERROR_REFERENCE);
  g_clear_error (&error);
  g_assert_false (nk_menu_substitute_confirm (f->store, centre, "S002", "D0001", NK_MEAL_AFTERNOON_SNACK,
                                              "芒果布丁", "", &error));
  g_assert_error (error, NK_KIND_ERROR, NK_KIND_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (count (f, "SELECT count(*) FROM outbox WHERE type = 'menu.substitute'"), ==, 0);

  g_assert_true (nk_menu_substitute_confirm (f->store, centre, "S002", "D0001", NK_MEAL_AFTERNOON_SNACK,
                                             "芒果布丁", "香蕉", &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (f, "SELECT count(*) FROM outbox WHERE type = 'menu.substitute' "
                             "AND json_extract (payload, '$.slot') = 'afternoon_snack' "
                             "AND json_extract (payload, '$.date') = '2026-11-23' "
                             "AND json_extract (payload, '$.substitute') = '香蕉'"), ==, 1);
  rows = nk_menu_today_list (f->store, centre, "R2", "2026-11-23", &error);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (((NkMenuAllergenRow *) rows->pdata[0])->substitute, ==, "香蕉");
  /* the mark is gone */
  set = nk_day_set_load_room (f->store, centre, "R2", "2026-11-23", &error);
  g_assert_null (nk_child_day_get_mark (nk_day_set_find (set, "D0001"), "menu.allergen"));
}

/* The door's note is one query: a menu stored broken says nothing and
 * the tap stands. */
static void
test_door_broken_menu (Fixture *f, gconstpointer data)
{
  g_autoptr (NkTapResult) in = NULL;

  g_assert_true (nk_store_exec (f->store,
                                "INSERT INTO menu_days (date, id, source, updated_us, allergens, n_dishes, body) "
                                "VALUES ('2026-11-23', 'm-x', 'platform', 1, 64, 1, '{not json')", NULL));
  g_test_expect_message ("nk-core", G_LOG_LEVEL_MESSAGE, "*");
  in = nk_test_tap (f->door, NK_DEMO_UID_CHILD);
  g_test_assert_expected_messages ();
  g_assert_cmpint (in->outcome, ==, NK_TAP_CHECKED_IN);
  g_assert_cmpuint (nk_tap_result_get_n_notes (in), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM attendance WHERE child_id = 'D0001'"), ==, 1);
}

/* ---- the CSV import ---------------------------------------------------------------------- */

#define GOOD_CSV                                                                                   \
  "\xef\xbb\xbf" /* a byte order mark, as WPS and Excel write it */                              \
  "date,slot,dish,ingredients,allergens,allergen_other,amount_infant,amount_toddler,amount_senior\r\n" \
  "2026-11-23,breakfast,牛奶燕麦粥,\"牛奶, 燕麦\",milk;gluten,,100 ml,150 ml,180 ml\r\n"              \
  "2026-11-23,午餐,鸡蛋羹,鸡蛋,蛋类,,30 g,50 g,60 g\r\n"                                           \
  "2026-11-23,Lunch,清蒸鲈鱼,鲈鱼,鱼类、其他,姜,,,\r\n"                                             \
  "2026-11-24,下午点心,苹果,苹果,,,,,\r\n"

static void
test_import_good (Fixture *f, gconstpointer data)
{
  g_autoptr (NkMenuImport) import = nk_menu_import_parse (GOOD_CSV, -1);
  g_autoptr (GError) error = NULL;
  g_autoptr (NkMenuDay) monday = NULL;
  const NkMenuDish *fish;

  g_assert_cmpuint (nk_menu_import_get_problems (import)->len, ==, 0);
  g_assert_cmpuint (nk_menu_import_get_days (import)->len, ==, 2);
  g_assert_cmpuint (nk_menu_import_get_n_dishes (import), ==, 4);
  g_assert_true (nk_menu_import_apply (import, f->store, nk_door_get_centre (f->door), &error));
  g_assert_no_error (error);

  monday = nk_menu_day_load (f->store, "2026-11-23", &error);
  g_assert_cmpstr (monday->source, ==, "import");
  g_assert_cmpuint (monday->dishes[NK_MEAL_BREAKFAST]->len, ==, 1);
  g_assert_cmpuint (((NkMenuDish *) monday->dishes[NK_MEAL_BREAKFAST]->pdata[0])->allergens, ==,
                    NK_ALLERGEN_MILK | NK_ALLERGEN_GLUTEN);
  g_assert_cmpstr (((NkMenuDish *) monday->dishes[NK_MEAL_BREAKFAST]->pdata[0])->amounts[NK_ROOM_SENIOR_TODDLER],
                   ==, "180 ml");
  fish = monday->dishes[NK_MEAL_LUNCH]->pdata[1];
  g_assert_cmpuint (fish->allergens, ==, NK_ALLERGEN_FISH | NK_ALLERGEN_OTHER);
  g_assert_cmpstr (fish->allergen_other, ==, "姜");
  g_assert_null (fish->amounts[NK_ROOM_INFANT]);
  /* one event per day, by the system */
  g_assert_cmpint (count (f, "SELECT count(*) FROM outbox WHERE type = 'menu.day' "
                             "AND json_extract (payload, '$.source') = 'import' "
                             "AND json_extract (payload, '$.by_kind') = 'system'"), ==, 2);

  /* without a byte order mark, LF line ends: the same */
  {
    g_autoptr (NkMenuImport) plain = nk_menu_import_parse (
      "date,slot,dish\n2026-11-25,dinner,面条\n", -1);

    g_assert_cmpuint (nk_menu_import_get_problems (plain)->len, ==, 0);
    g_assert_cmpuint (nk_menu_import_get_n_dishes (plain), ==, 1);
  }
}

static void
test_import_bad (Fixture *f, gconstpointer data)
{
  g_autofree char *long_name = g_strnfill (NK_MENU_MAX_NAME + 1, 'a');
  g_autoptr (GString) csv = g_string_new ("date,slot,dish,ingredients,allergens,allergen_other\n"
                                          "2026-11-23,lunch,米饭,大米,,\n"          /* line 2: good */
                                          "2026-02-30,lunch,面条,,,\n"              /* 3: no such date */
                                          "2026-11-23,supper,粥,,,\n"               /* 4: no such slot */
                                          "2026-11-23,lunch,,,,\n"                  /* 5: no dish */
                                          "2026-11-23,lunch,芒果布丁,,芒果,\n"      /* 6: not a group */
                                          "2026-11-23,lunch,水果,,other,\n");       /* 7: other, no text */
  g_autoptr (NkMenuImport) import = NULL;
  g_autoptr (GError) error = NULL;
  GPtrArray *problems;
  static const guint lines[] = { 3, 4, 5, 6, 7, 8, 9 };

  g_string_append_printf (csv, "2026-11-23,lunch,%s,,,\n", long_name);        /* 8: too long */
  g_string_append (csv, "2026-11-23,lunch,汤,\"x\a\",,\n");              /* 9: a control character */
  import = nk_menu_import_parse (csv->str, (gssize) csv->len);
  problems = nk_menu_import_get_problems (import);
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("line %u: %s", ((NkMenuImportProblem *) problems->pdata[i])->line,
                    ((NkMenuImportProblem *) problems->pdata[i])->message);
  g_assert_cmpuint (problems->len, ==, G_N_ELEMENTS (lines));
  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    g_assert_cmpuint (((NkMenuImportProblem *) problems->pdata[i])->line, ==, lines[i]);
  g_assert_nonnull (strstr (((NkMenuImportProblem *) problems->pdata[3])->message, "芒果"));

  /* nothing half-imported: the good line 2 is not there either */
  g_assert_false (nk_menu_import_apply (import, f->store, nk_door_get_centre (f->door), &error));
  g_assert_error (error, NK_MENU_ERROR, NK_MENU_ERROR_INVALID);
  g_assert_cmpint (count (f, "SELECT count(*) FROM menu_days"), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM outbox WHERE type = 'menu.day'"), ==, 0);
}

static void
test_import_file (void)
{
  static const struct {
    const char *csv;
    guint       line;
  } cases[] = {
    { "", 1 },                                            /* empty */
    { "date,slot\n2026-11-23,lunch\n", 1 },               /* no dish column */
    { "date,slot,dish\n", 1 },                            /* no dish */
    { "date,slot,dish,dish\n2026-11-23,lunch,饭,饭\n", 1 }, /* a column twice */
    { "date,slot,dish\n2026-11-23,lunch,\"饭\n", 2 },      /* a quote never closed */
    { "date,slot,dish\n\xff\xfe,lunch,饭\n", 2 },          /* not UTF-8 */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (NkMenuImport) import = nk_menu_import_parse (cases[i].csv, -1);
      GPtrArray *problems = nk_menu_import_get_problems (import);

      g_test_message ("case %u", i);
      g_assert_cmpuint (problems->len, >=, 1);
      g_assert_cmpuint (((NkMenuImportProblem *) problems->pdata[0])->line, ==, cases[i].line);
    }
  /* thirteen dishes in one slot */
  {
    g_autoptr (GString) csv = g_string_new ("date,slot,dish\n");
    g_autoptr (NkMenuImport) import = NULL;
    GPtrArray *problems;

    for (guint i = 0; i <= NK_MENU_MAX_DISHES; i++)
      g_string_append_printf (csv, "2026-11-23,lunch,菜%u\n", i);
    import = nk_menu_import_parse (csv->str, -1);
    problems = nk_menu_import_get_problems (import);
    g_assert_cmpuint (problems->len, ==, 1);
    g_assert_cmpuint (((NkMenuImportProblem *) problems->pdata[0])->line, ==, NK_MENU_MAX_DISHES + 2);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/nk/menu/json", test_json);
  g_test_add_func ("/nk/menu/hostile", test_hostile);
  g_test_add_func ("/nk/menu/match", test_match);
  g_test_add ("/nk/menu/pull", Fixture, NULL, setup, test_pull, teardown);
  g_test_add ("/nk/menu/save", Fixture, NULL, setup, test_save, teardown);
  g_test_add ("/nk/menu/relayed", Fixture, NULL, setup, test_relayed, teardown);
  g_test_add ("/nk/menu/migration", Fixture, NULL, setup, test_migration, teardown);
  g_test_add ("/nk/menu/import-good", Fixture, NULL, setup, test_import_good, teardown);
  g_test_add ("/nk/menu/import-bad-rows", Fixture, NULL, setup, test_import_bad, teardown);
  g_test_add_func ("/nk/menu/import-file", test_import_file);
  g_test_add ("/nk/menu/today", Fixture, NULL, setup, test_today, teardown);
  g_test_add ("/nk/menu/door-broken-menu", Fixture, NULL, setup, test_door_broken_menu, teardown);
  return g_test_run ();
}
