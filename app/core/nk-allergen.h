/* nk-allergen.h — allergens as the national food labelling standard
 * GB 7718 groups them (eight groups) plus "other" with a text: the one
 * vocabulary of the menus (nk-menu.h) and of the children's allergies.
 *
 *   - codes: what the contract and the CSV carry ("egg", "tree_nut");
 *   - labels: what the screen says (蛋类, 坚果);
 *   - free text: what the platform and the roster import sent before
 *     (children.allergies "鸡蛋、芒果过敏"): nk_allergens_from_text ()
 *     maps the keywords it knows and returns what it could not, for staff
 *     to confirm;
 *   - matching: which of a child's allergens a dish holds, the groups and
 *     the "other" words (nk_allergens_match ()). */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum {
  NK_ALLERGEN_GLUTEN = 1 << 0,      /* cereals containing gluten */
  NK_ALLERGEN_CRUSTACEAN = 1 << 1,
  NK_ALLERGEN_FISH = 1 << 2,
  NK_ALLERGEN_EGG = 1 << 3,
  NK_ALLERGEN_PEANUT = 1 << 4,
  NK_ALLERGEN_SOY = 1 << 5,
  NK_ALLERGEN_MILK = 1 << 6,
  NK_ALLERGEN_TREE_NUT = 1 << 7,
  NK_ALLERGEN_OTHER = 1 << 8,       /* with a text: "芒果" */
} NkAllergens;

#define NK_ALLERGEN_N 9
#define NK_ALLERGENS_ALL ((NkAllergens) ((1 << NK_ALLERGEN_N) - 1))
/* The most characters of an "other" text. */
#define NK_ALLERGEN_OTHER_MAX 100

/* One group (a single bit): "gluten", "crustacean", "fish", "egg",
 * "peanut", "soy", "milk", "tree_nut", "other"; NULL for anything else. */
const char *nk_allergen_code  (NkAllergens one);
/* Translated: 含麸质的谷物, 甲壳类, 鱼类, 蛋类, 花生, 大豆, 乳及乳制品, 坚果, 其他. */
const char *nk_allergen_label (NkAllergens one);
/* The group of a code, or of its label in Chinese or English (as a CSV
 * may hold it: "egg", "蛋类", "鸡蛋", "Eggs"). */
gboolean    nk_allergen_parse (const char *word, NkAllergens *out);

/* "蛋类、乳及乳制品、其他：芒果" (translated separators); other may be NULL
 * (set's OTHER bit without a text says "其他").  "" for nothing. */
char       *nk_allergens_describe (NkAllergens set, const char *other);

/* A list of codes or labels separated by ';', '；', '、', ',' or '，'
 * ("egg;milk", "蛋类、乳及乳制品").  FALSE with *bad (a copy) naming the
 * first word that is no group. */
gboolean    nk_allergens_parse_list (const char *text, NkAllergens *out, char **bad);

/* The contract's JSON form: an array of codes.  from_json: NULL when
 * node is an array of distinct known codes (at most NK_ALLERGEN_N), else
 * the reason (translated, to free). */
char       *nk_allergens_from_json (JsonNode *node, NkAllergens *out);
void        nk_allergens_add_json  (JsonBuilder *builder, const char *member, NkAllergens set);

/* Maps free text ("鸡蛋、牛奶过敏", "peanuts; mango") to groups by the
 * keywords of each group, in Chinese and English.  A part that says
 * none (无, 没有, none) maps to nothing; *unmapped (may be NULL) is set
 * to the parts no keyword matched, joined by "、", or NULL when every
 * part mapped. */
NkAllergens nk_allergens_from_text (const char *text, char **unmapped);

/* What of a dish a child must not eat: the groups both hold (besides
 * OTHER), plus OTHER when a word of the child's other text ("芒果、
 * 猕猴桃") is found in the dish's other text, name or ingredients
 * (*found, may be NULL: those words, "、"-joined, or NULL). */
NkAllergens nk_allergens_match (NkAllergens child, const char *child_other, NkAllergens dish,
                                const char *dish_other, const char *dish_name,
                                const char *dish_ingredients, char **found);

G_END_DECLS
