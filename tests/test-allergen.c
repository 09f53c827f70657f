/* test-allergen.c — the GB 7718 groups (nk-allergen.h) and children's
 * allergies as a structured list (nk-menu-allergy.h): codes, labels and
 * lists; the free text mapped by keywords, in Chinese and English, with
 * what it could not map kept for staff; the matching of a child against
 * a dish, "other" words included; the JSON form refusing what breaks it;
 * the migration over an old database holding free text; the staff's
 * confirmation, which stands while the text stays, and its relay. */
#include "config.h"

#include <string.h>

#include "core/nk-allergen.h"
#include "core/nk-door.h"
#include "core/nk-menu-allergy.h"
#include "core/nk-menu-private.h"
#include "core/nk-roster.h"
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
  f->door = nk_test_demo_door ("allergen", &f->clock, &f->store, &f->dir);
}

static void
teardown (Fixture *f, gconstpointer data)
{
  nk_test_door_close (&f->door, &f->store, &f->dir);
}

static void
test_codes (void)
{
  static const struct {
    const char *word;
    NkAllergens group;
  } words[] = {
    { "egg", NK_ALLERGEN_EGG }, { "蛋类", NK_ALLERGEN_EGG }, { "鸡蛋", NK_ALLERGEN_EGG },
    { " EGGS ", NK_ALLERGEN_EGG }, { "乳及乳制品", NK_ALLERGEN_MILK }, { "牛奶", NK_ALLERGEN_MILK },
    { "tree_nut", NK_ALLERGEN_TREE_NUT }, { "坚果", NK_ALLERGEN_TREE_NUT },
    { "含麸质的谷物", NK_ALLERGEN_GLUTEN }, { "甲壳类", NK_ALLERGEN_CRUSTACEAN },
    { "其他", NK_ALLERGEN_OTHER }, { "Soy", NK_ALLERGEN_SOY },
  };
  NkAllergens set = 0, one;
  g_autofree char *bad = NULL;

  for (guint bit = 0; bit < NK_ALLERGEN_N; bit++)
    {
      g_assert_nonnull (nk_allergen_code (1u << bit));
      g_assert_nonnull (nk_allergen_label (1u << bit));
      g_assert_true (nk_allergen_parse (nk_allergen_code (1u << bit), &one));
      g_assert_cmpuint (one, ==, 1u << bit);
    }
  g_assert_null (nk_allergen_code (NK_ALLERGEN_EGG | NK_ALLERGEN_MILK));
  g_assert_cmpstr (nk_allergen_code (NK_ALLERGEN_TREE_NUT), ==, "tree_nut");
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    {
      g_test_message ("%s", words[i].word);
      g_assert_true (nk_allergen_parse (words[i].word, &one));
      g_assert_cmpuint (one, ==, words[i].group);
    }
  g_assert_false (nk_allergen_parse ("芒果", &one));
  g_assert_false (nk_allergen_parse ("", &one));

  g_assert_true (nk_allergens_parse_list ("egg;乳及乳制品、花生，", &set, &bad));
  g_assert_cmpuint (set, ==, NK_ALLERGEN_EGG | NK_ALLERGEN_MILK | NK_ALLERGEN_PEANUT);
  g_assert_true (nk_allergens_parse_list ("", &set, &bad));
  g_assert_cmpuint (set, ==, 0);
  g_assert_false (nk_allergens_parse_list ("egg; mango", &set, &bad));
  g_assert_cmpstr (bad, ==, "mango");
}

static void
test_describe (void)
{
  g_autofree char *two = nk_allergens_describe (NK_ALLERGEN_MILK | NK_ALLERGEN_EGG, "芒果");
  g_autofree char *bare = nk_allergens_describe (NK_ALLERGEN_OTHER, NULL);
  g_autofree char *none = nk_allergens_describe (0, NULL);

  /* the standard's order, whatever the order of the bits asked */
  g_assert_cmpstr (two, ==, "Eggs, Milk, Other: 芒果");
  g_assert_cmpstr (bare, ==, "Other");
  g_assert_cmpstr (none, ==, "");
}

static void
test_free_text (void)
{
  static const struct {
    const char *text;
    NkAllergens set;
    const char *unmapped;
  } cases[] = {
    { "鸡蛋、牛奶过敏", NK_ALLERGEN_EGG | NK_ALLERGEN_MILK, NULL },
    { "对花生过敏", NK_ALLERGEN_PEANUT, NULL },
    { "蛋黄", NK_ALLERGEN_EGG, NULL },
    { "花生，芒果", NK_ALLERGEN_PEANUT, "芒果" },
    { "peanuts; mango", NK_ALLERGEN_PEANUT, "mango" },
    { "Peanut allergy", NK_ALLERGEN_PEANUT, NULL },       /* not a tree nut */
    { "walnuts and shrimp", NK_ALLERGEN_TREE_NUT | NK_ALLERGEN_CRUSTACEAN, NULL },
    { "虾蟹", NK_ALLERGEN_CRUSTACEAN, NULL },
    { "鱼", NK_ALLERGEN_FISH, NULL },
    { "豆浆及小麦", NK_ALLERGEN_SOY | NK_ALLERGEN_GLUTEN, NULL },
    { "核桃/腰果", NK_ALLERGEN_TREE_NUT, NULL },
    { "Gluten, wheat", NK_ALLERGEN_GLUTEN, NULL },
    { "乳糖不耐受", NK_ALLERGEN_MILK, NULL },
    { "无", 0, NULL },
    { "没有", 0, NULL },
    { "None", 0, NULL },
    { "", 0, NULL },
    { "海鲜、青霉素", 0, "海鲜、青霉素" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *unmapped = NULL;
      NkAllergens set = nk_allergens_from_text (cases[i].text, &unmapped);

      g_test_message ("“%s”", cases[i].text);
      g_assert_cmpuint (set, ==, cases[i].set);
      g_assert_cmpstr (unmapped, ==, cases[i].unmapped);
    }
  g_assert_cmpuint (nk_allergens_from_text (NULL, NULL), ==, 0);
  g_assert_cmpuint (nk_allergens_from_text ("\xff\xfe egg", NULL), ==, 0);
}

static void
test_match (void)
{
  g_autofree char *found = NULL;
  g_autofree char *none = NULL;

  /* the groups both hold */
  g_assert_cmpuint (nk_allergens_match (NK_ALLERGEN_EGG | NK_ALLERGEN_PEANUT, NULL,
                                        NK_ALLERGEN_EGG | NK_ALLERGEN_MILK, NULL, "鸡蛋羹", NULL, NULL),
                    ==, NK_ALLERGEN_EGG);
  g_assert_cmpuint (nk_allergens_match (NK_ALLERGEN_PEANUT, NULL, NK_ALLERGEN_TREE_NUT, NULL, "核桃包",
                                        NULL, NULL), ==, 0);
  /* OTHER alone is no match: its words decide */
  g_assert_cmpuint (nk_allergens_match (NK_ALLERGEN_OTHER, "芒果", NK_ALLERGEN_OTHER, "猕猴桃", "水果",
                                        NULL, &none), ==, 0);
  g_assert_null (none);
  /* a word of the child's other text in the dish's other text, name or ingredients */
  g_assert_cmpuint (nk_allergens_match (NK_ALLERGEN_OTHER, "芒果、猕猴桃", 0, NULL, "水果拼盘",
                                        "苹果、芒果", &found), ==, NK_ALLERGEN_OTHER);
  g_assert_cmpstr (found, ==, "芒果");
  g_clear_pointer (&found, g_free);
  g_assert_cmpuint (nk_allergens_match (NK_ALLERGEN_MILK | NK_ALLERGEN_OTHER, "Kiwi", NK_ALLERGEN_MILK,
                                        NULL, "KIWI yoghurt", NULL, &found),
                    ==, NK_ALLERGEN_MILK | NK_ALLERGEN_OTHER);
  g_assert_cmpstr (found, ==, "Kiwi");
}

static void
test_json (void)
{
  static const struct {
    const char *json;
    gboolean    good;
    NkAllergens set;
  } cases[] = {
    { "[\"egg\", \"milk\"]", TRUE, NK_ALLERGEN_EGG | NK_ALLERGEN_MILK },
    { "[]", TRUE, 0 },
    { "null", TRUE, 0 },
    { "\"egg\"", FALSE },
    { "[\"egg\", 1]", FALSE },
    { "[\"EGG\"]", FALSE },
    { "[\"mango\"]", FALSE },
    { "[\"egg\", \"egg\"]", FALSE },
    { "[{\"code\": \"egg\"}]", FALSE },
    { "[\"gluten\",\"crustacean\",\"fish\",\"egg\",\"peanut\",\"soy\",\"milk\",\"tree_nut\",\"other\",\"egg\"]",
      FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (JsonNode) node = json_from_string (cases[i].json, NULL);
      g_autofree char *why = NULL;
      NkAllergens set = 0xffff;

      g_test_message ("%s", cases[i].json);
      why = nk_allergens_from_json (node, &set);
      if (cases[i].good)
        {
          g_assert_null (why);
          g_assert_cmpuint (set, ==, cases[i].set);
        }
      else
        {
          g_assert_nonnull (why);
          g_assert_cmpuint (set, ==, 0);
        }
    }
}

/* ---- the structured list in the store ----------------------------------------------- */

static gint64
count (Fixture *f, const char *sql)
{
  return nk_test_count (f->store, sql);
}

/* Takes the store back to before the "allergy" module: its columns and
 * table gone, the module unknown, as a kiosk of the version before. */
static void
make_old (NkStore *store)
{
  static const char *const steps[] = {
    "DROP INDEX children_allergy_review",
    "ALTER TABLE children DROP COLUMN allergens",
    "ALTER TABLE children DROP COLUMN allergy_other",
    "ALTER TABLE children DROP COLUMN allergy_review",
    "ALTER TABLE children DROP COLUMN allergy_basis",
    "DROP TABLE allergy_confirmations",
    "DELETE FROM schema_modules WHERE module = 'allergy'",
  };
  g_autofree char *version = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    g_assert_true (nk_store_exec (store, steps[i], NULL));
  version = g_strdup_printf ("PRAGMA user_version = %d", nk_store_get_schema_version (store) - 1);
  g_assert_true (nk_store_exec (store, version, NULL));
}

static NkStore *
reopen (Fixture *f)
{
  g_autofree char *path = g_strdup (nk_store_get_path (f->store));
  g_autoptr (GError) error = NULL;
  NkStore *store;

  g_clear_object (&f->door);
  g_clear_object (&f->store);
  store = nk_store_open (path, &error);
  g_assert_no_error (error);
  return store;
}

static void
test_migration (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) list = NULL;
  g_autoptr (GError) error = NULL;

  make_old (f->store);
  g_assert_true (nk_store_exec (f->store,
                                "UPDATE children SET allergies = CASE id "
                                "  WHEN 'C0001' THEN '鸡蛋、牛奶过敏' WHEN 'C0002' THEN '花生，芒果' "
                                "  WHEN 'C0003' THEN '无' WHEN 'C0004' THEN 'shrimp' ELSE '' END",
                                NULL));
  f->store = reopen (f);

  g_assert_cmpint (count (f, "SELECT allergens FROM children WHERE id = 'C0001'"), ==,
                   NK_ALLERGEN_EGG | NK_ALLERGEN_MILK);
  g_assert_cmpint (count (f, "SELECT count(*) FROM children WHERE id = 'C0002' AND allergens = "
                             "16 + 256 AND allergy_other = '芒果' AND allergy_review"), ==, 1);
  g_assert_cmpint (count (f, "SELECT allergens + allergy_review FROM children WHERE id = 'C0003'"), ==, 0);
  g_assert_cmpint (count (f, "SELECT allergens FROM children WHERE id = 'C0004'"), ==,
                   NK_ALLERGEN_CRUSTACEAN);
  g_assert_cmpint (count (f, "SELECT count(*) FROM children WHERE allergy_review"), ==, 1);
  /* the free text itself is left as it was */
  g_assert_cmpint (count (f, "SELECT count(*) FROM children WHERE allergies = '花生，芒果'"), ==, 1);

  list = nk_allergy_list_to_confirm (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (((NkChildAllergy *) list->pdata[0])->child_id, ==, "C0002");
  g_assert_cmpstr (((NkChildAllergy *) list->pdata[0])->other, ==, "芒果");
}

static void
test_confirm (Fixture *f, gconstpointer data)
{
  NkCentre *centre = nk_door_get_centre (f->door);
  g_autoptr (GError) error = NULL;
  g_autoptr (NkChildAllergy) a = NULL;
  g_autofree char *payload = NULL;

  g_assert_true (nk_store_begin (f->store, NULL));
  g_assert_true (nk_allergy_put_child (f->store, "C0002", "花生，芒果", FALSE, 0, NULL, &error));
  g_assert_true (nk_store_commit (f->store, NULL));
  g_assert_cmpint (count (f, "SELECT allergy_review FROM children WHERE id = 'C0002'"), ==, 1);

  /* a caregiver may not; nothing is written */
  g_assert_false (nk_allergy_confirm (f->store, centre, "S002", "C0002", NK_ALLERGEN_PEANUT, "芒果", &error));
  g_assert_error (error, NK_MENU_ERROR, NK_MENU_ERROR_REFUSED);
  g_clear_error (&error);
  g_assert_cmpint (count (f, "SELECT count(*) FROM outbox WHERE type = 'allergy.confirmed'"), ==, 0);
  /* a text too long is refused */
  g_assert_false (nk_allergy_confirm (f->store, centre, "S003", "C0002", NK_ALLERGEN_PEANUT,
                                      "芒果芒果芒果芒果芒果芒果芒果芒果芒果芒果芒果芒果芒果芒果芒果芒果芒果芒果芒果芒果"
                                      "芒果芒果芒果芒果芒果芒果芒果芒果芒果芒果芒果芒果芒果芒果芒果芒果芒果芒果芒果芒果"
                                      "芒果芒果芒果芒果芒果芒果芒果芒果芒果芒果芒果芒果芒果芒果芒果芒果芒果芒果芒果芒果",
                                      &error));
  g_assert_error (error, NK_MENU_ERROR, NK_MENU_ERROR_INVALID);
  g_clear_error (&error);

  /* the health staff confirm: peanut and tree nuts, mango kept */
  g_assert_true (nk_allergy_confirm (f->store, centre, "S003", "C0002",
                                     NK_ALLERGEN_PEANUT | NK_ALLERGEN_TREE_NUT, "芒果", &error));
  g_assert_no_error (error);
  a = nk_allergy_load (f->store, "C0002", &error);
  g_assert_cmpuint (a->allergens, ==, NK_ALLERGEN_PEANUT | NK_ALLERGEN_TREE_NUT | NK_ALLERGEN_OTHER);
  g_assert_false (a->to_confirm);
  payload = nk_test_text (f->store, "SELECT payload FROM outbox WHERE type = 'allergy.confirmed'");
  g_assert_nonnull (strstr (payload, "\"allergens\":[\"peanut\",\"tree_nut\",\"other\"]"));
  g_assert_nonnull (strstr (payload, "\"basis\":\"花生，芒果\""));
  g_assert_nonnull (strstr (payload, "\"by_id\":\"S003\""));

  /* the platform sends the same text again: the confirmation stands */
  g_assert_true (nk_store_begin (f->store, NULL));
  g_assert_true (nk_allergy_put_child (f->store, "C0002", "花生，芒果", FALSE, 0, NULL, &error));
  g_assert_true (nk_store_commit (f->store, NULL));
  g_assert_cmpint (count (f, "SELECT allergens FROM children WHERE id = 'C0002'"), ==, 16 + 128 + 256);
  /* a new text is mapped again and waits for staff */
  g_assert_true (nk_store_begin (f->store, NULL));
  g_assert_true (nk_allergy_put_child (f->store, "C0002", "花生、猕猴桃", FALSE, 0, NULL, &error));
  g_assert_true (nk_store_commit (f->store, NULL));
  g_assert_cmpint (count (f, "SELECT count(*) FROM children WHERE id = 'C0002' AND allergens = 16 + 256 "
                             "AND allergy_other = '猕猴桃' AND allergy_review"), ==, 1);
  /* the platform's structured list is taken as it is */
  g_assert_true (nk_store_begin (f->store, NULL));
  g_assert_true (nk_allergy_put_child (f->store, "C0002", "花生、猕猴桃", TRUE, NK_ALLERGEN_PEANUT,
                                       "猕猴桃", &error));
  g_assert_true (nk_store_commit (f->store, NULL));
  g_assert_cmpint (count (f, "SELECT count(*) FROM children WHERE id = 'C0002' AND allergens = 16 + 256 "
                             "AND NOT allergy_review"), ==, 1);
}

/* The other door applies the confirmation; a hostile one is refused. */
static void
test_relayed (Fixture *f, gconstpointer data)
{
  NkTestClock clock_b;
  NkStore *store_b = NULL;
  char *dir_b = NULL;
  NkDoor *door_b = nk_test_demo_door ("allergen-b", &clock_b, &store_b, &dir_b);
  g_autoptr (GError) error = NULL;
  g_autofree char *payload = NULL;
  g_autofree char *id = NULL;
  g_autofree char *at = NULL;
  static const char *const hostile[] = {
    "{\"child_id\": \"C0002\", \"allergens\": [\"bogus\"], \"basis\": \"\", \"local_date\": \"2026-11-23\", \"by_kind\": \"staff\"}",
    "{\"child_id\": \"C0002\", \"allergens\": \"egg\", \"basis\": \"\", \"local_date\": \"2026-11-23\", \"by_kind\": \"staff\"}",
    "{\"child_id\": 7, \"allergens\": [], \"local_date\": \"2026-11-23\", \"by_kind\": \"staff\"}",
    "{\"child_id\": \"C0002\", \"allergens\": [], \"local_date\": \"1999-01-01\", \"by_kind\": \"staff\"}",
    "{\"child_id\": \"C0002\", \"allergens\": [], \"allergy_other\": \"a\\u0007\", \"local_date\": \"2026-11-23\", \"by_kind\": \"staff\"}",
  };

  g_assert_true (nk_allergy_confirm (f->store, nk_door_get_centre (f->door), "S001", "C0001",
                                     NK_ALLERGEN_FISH, NULL, &error));
  g_assert_no_error (error);
  id = nk_test_text (f->store, "SELECT event_id FROM outbox WHERE type = 'allergy.confirmed'");
  payload = nk_test_text (f->store, "SELECT payload FROM outbox WHERE type = 'allergy.confirmed'");
  at = nk_format_utc_iso (NK_TEST_MONDAY_8AM_US);
  for (guint round = 0; round < 2; round++)
    {
      g_autofree char *json = g_strdup_printf ("{\"id\": \"%s\", \"type\": \"allergy.confirmed\", "
                                               "\"at\": \"%s\", \"device_id\": \"door-a\", \"payload\": %s}",
                                               id, at, payload);
      g_autoptr (JsonNode) node = json_from_string (json, NULL);
      g_autoptr (NkRelayEvent) ev = nk_relay_event_parse (node, NULL, NULL, &error);
      NkRelayOutcome outcome;

      g_assert_no_error (error);
      g_assert_cmpstr (nk_relay_event_get_changed_kind (ev), ==, "allergy");
      g_assert_true (nk_store_begin (store_b, NULL));
      g_assert_true (nk_relay_event_apply (ev, store_b, &outcome, &error));
      g_assert_true (nk_store_commit (store_b, NULL));
      g_assert_no_error (error);
    }
  g_assert_cmpint (nk_test_count (store_b, "SELECT allergens FROM children WHERE id = 'C0001'"), ==,
                   NK_ALLERGEN_FISH);
  g_assert_cmpint (nk_test_count (store_b, "SELECT count(*) FROM allergy_confirmations"), ==, 1);

  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      g_autofree char *uuid = g_uuid_string_random ();
      g_autofree char *json = g_strdup_printf ("{\"id\": \"%s\", \"type\": \"allergy.confirmed\", "
                                               "\"at\": \"%s\", \"device_id\": \"door-a\", \"payload\": %s}",
                                               uuid, at, hostile[i]);
      g_autoptr (JsonNode) node = json_from_string (json, NULL);
      g_autoptr (GError) bad = NULL;
      const char *field = NULL;
      g_autoptr (NkRelayEvent) ev = nk_relay_event_parse (node, NULL, &field, &bad);

      g_test_message ("%s → %s", hostile[i], bad ? bad->message : "accepted");
      g_assert_null (ev);
      g_assert_error (bad, NK_RELAY_ERROR, NK_RELAY_ERROR_INVALID);
      g_assert_nonnull (field);
      g_assert_true (g_str_has_prefix (field, "payload."));
    }
  nk_test_door_close (&door_b, &store_b, &dir_b);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/nk/allergen/codes", test_codes);
  g_test_add_func ("/nk/allergen/describe", test_describe);
  g_test_add_func ("/nk/allergen/free-text", test_free_text);
  g_test_add_func ("/nk/allergen/match", test_match);
  g_test_add_func ("/nk/allergen/json", test_json);
  g_test_add ("/nk/allergen/migration", Fixture, NULL, setup, test_migration, teardown);
  g_test_add ("/nk/allergen/confirm", Fixture, NULL, setup, test_confirm, teardown);
  g_test_add ("/nk/allergen/relayed", Fixture, NULL, setup, test_relayed, teardown);
  return g_test_run ();
}
