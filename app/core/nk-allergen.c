/* nk-allergen.c — the GB 7718 groups, their codes and labels, the free
 * text mapping and the matching of a child's allergens against a dish
 * (nk-allergen.h). */
#define G_LOG_DOMAIN "nk-core"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "nk-allergen.h"

typedef struct {
  NkAllergens        bit;
  const char        *code;
  const char        *label;     /* NC_("allergen", …) */
  const char *const *names;     /* other words a CSV may hold for it (exact, casefolded) */
  const char *const *keywords;  /* found inside free text (casefolded) */
} Group;

static const char *const gluten_names[] = { "含麸质的谷物", "麸质", "含麸质谷物", "谷物", "小麦",
                                            "cereals with gluten", "wheat", NULL };
static const char *const gluten_words[] = { "小麦", "面筋", "麸质", "麦麸", "gluten", "wheat", NULL };
static const char *const crustacean_names[] = { "甲壳类", "甲壳类动物", "虾蟹", "crustaceans",
                                                "shellfish", NULL };
static const char *const crustacean_words[] = { "甲壳", "虾", "蟹", "shrimp", "prawn", "crab", "lobster",
                                                "crustacean", NULL };
static const char *const fish_names[] = { "鱼类", "鱼", NULL };
static const char *const fish_words[] = { "鱼", "fish", NULL };
static const char *const egg_names[] = { "蛋类", "蛋", "鸡蛋", "eggs", NULL };
static const char *const egg_words[] = { "鸡蛋", "蛋", "egg", NULL };
static const char *const peanut_names[] = { "花生", "peanuts", NULL };
static const char *const peanut_words[] = { "花生", "peanut", NULL };
static const char *const soy_names[] = { "大豆", "大豆类", "黄豆", "soya", "soybean", NULL };
static const char *const soy_words[] = { "大豆", "黄豆", "豆浆", "豆腐", "soy", "tofu", NULL };
static const char *const milk_names[] = { "乳及乳制品", "乳制品", "乳", "牛奶", "奶", "dairy", NULL };
static const char *const milk_words[] = { "牛奶", "奶", "乳", "milk", "dairy", "lactose", NULL };
static const char *const tree_nut_names[] = { "坚果", "坚果类", "tree nuts", "nuts", NULL };
static const char *const tree_nut_words[] = { "坚果", "核桃", "杏仁", "腰果", "榛子", "开心果",
                                              "松子", "碧根果", "nut", "almond", "cashew",
                                              "pistachio", "pecan", NULL };
static const char *const other_names[] = { "其他", "其它", NULL };
static const char *const no_words[] = { NULL };

/* In the order free text is searched: peanut before tree nuts, so that
 * "peanut" is not also read as a nut (a matched keyword is blanked). */
static const Group groups[] = {
  { NK_ALLERGEN_PEANUT, "peanut", NC_("allergen", "Peanuts"), peanut_names, peanut_words },
  { NK_ALLERGEN_GLUTEN, "gluten", NC_("allergen", "Cereals with gluten"), gluten_names, gluten_words },
  { NK_ALLERGEN_CRUSTACEAN, "crustacean", NC_("allergen", "Crustaceans"), crustacean_names, crustacean_words },
  { NK_ALLERGEN_FISH, "fish", NC_("allergen", "Fish"), fish_names, fish_words },
  { NK_ALLERGEN_EGG, "egg", NC_("allergen", "Eggs"), egg_names, egg_words },
  { NK_ALLERGEN_SOY, "soy", NC_("allergen", "Soy"), soy_names, soy_words },
  { NK_ALLERGEN_MILK, "milk", NC_("allergen", "Milk"), milk_names, milk_words },
  { NK_ALLERGEN_TREE_NUT, "tree_nut", NC_("allergen", "Tree nuts"), tree_nut_names, tree_nut_words },
  { NK_ALLERGEN_OTHER, "other", NC_("allergen", "Other"), other_names, no_words },
};

/* Parts of free text that say "no allergy" (whole part, casefolded). */
static const char *const none_words[] = { "无", "没有", "暂无", "无过敏", "无过敏史", "否", "none", "no",
                                          "nil", "n/a", "na", "-", NULL };
/* Words around the allergens, dropped from a part ("花生过敏"). */
static const char *const filler_words[] = { "过敏史", "过敏", "allergic to", "allergies", "allergy",
                                            "allergic", NULL };

static const Group *
group_of (NkAllergens one)
{
  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    if (groups[i].bit == one)
      return &groups[i];
  return NULL;
}

const char *
nk_allergen_code (NkAllergens one)
{
  const Group *g = group_of (one);

  return g ? g->code : NULL;
}

const char *
nk_allergen_label (NkAllergens one)
{
  const Group *g = group_of (one);

  return g ? g_dpgettext2 (NULL, "allergen", g->label) : NULL;
}

gboolean
nk_allergen_parse (const char *word, NkAllergens *out)
{
  g_autofree char *folded = NULL;
  g_autofree char *stripped = g_strstrip (g_strdup (word ? word : ""));

  if (*stripped == '\0' || !g_utf8_validate (stripped, -1, NULL))
    return FALSE;
  folded = g_utf8_casefold (stripped, -1);
  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    {
      g_autofree char *label = g_utf8_casefold (groups[i].label, -1);
      g_autofree char *translated = g_utf8_casefold (nk_allergen_label (groups[i].bit), -1);

      if (strcmp (folded, groups[i].code) == 0 || strcmp (folded, label) == 0
          || strcmp (folded, translated) == 0 || g_strv_contains (groups[i].names, folded))
        {
          *out = groups[i].bit;
          return TRUE;
        }
    }
  return FALSE;
}

/* The order a set is shown in: the standard's (the enum's). */
char *
nk_allergens_describe (NkAllergens set, const char *other)
{
  /* TRANSLATORS: between the allergens of a list: 蛋类、乳及乳制品 */
  const char *separator = C_("allergen list", ", ");
  g_autoptr (GString) s = g_string_new (NULL);

  for (guint bit = 0; bit < NK_ALLERGEN_N - 1; bit++)
    if (set & (1u << bit))
      g_string_append_printf (s, "%s%s", s->len ? separator : "", nk_allergen_label (1u << bit));
  if (other != NULL && *other != '\0')
    {
      g_string_append (s, s->len ? separator : "");
      /* TRANSLATORS: an allergen outside the eight groups: 其他：芒果 */
      g_string_append_printf (s, C_("allergen", "Other: %s"), other);
    }
  else if (set & NK_ALLERGEN_OTHER)
    g_string_append_printf (s, "%s%s", s->len ? separator : "", nk_allergen_label (NK_ALLERGEN_OTHER));
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* ---- splitting -------------------------------------------------------------- */

/* Breaks text into trimmed, non-empty parts at any of seps (UTF-8
 * strings). */
static GPtrArray *
split_parts (const char *text, const char *const *seps)
{
  GPtrArray *parts = g_ptr_array_new_with_free_func (g_free);
  const char *start = text, *p = text;

  while (TRUE)
    {
      gsize sep_len = 0;

      if (*p != '\0')
        for (guint i = 0; seps[i]; i++)
          if (g_str_has_prefix (p, seps[i]))
            {
              sep_len = strlen (seps[i]);
              break;
            }
      if (*p == '\0' || sep_len > 0)
        {
          char *part = g_strstrip (g_strndup (start, p - start));

          if (*part != '\0')
            g_ptr_array_add (parts, part);
          else
            g_free (part);
          if (*p == '\0')
            break;
          p += sep_len;
          start = p;
        }
      else
        p = g_utf8_next_char (p);
    }
  return parts;
}

static const char *const list_seps[] = { ";", "；", "、", ",", "，", NULL };
static const char *const text_seps[] = { ";", "；", "、", ",", "，", "。", ".", "/", "\n", "\r", "\t",
                                         "和", "及", "与", " and ", NULL };

gboolean
nk_allergens_parse_list (const char *text, NkAllergens *out, char **bad)
{
  g_autoptr (GPtrArray) parts = split_parts (text ? text : "", list_seps);
  NkAllergens set = 0;

  for (guint i = 0; i < parts->len; i++)
    {
      NkAllergens one;

      if (!nk_allergen_parse (parts->pdata[i], &one))
        {
          if (bad)
            *bad = g_strdup (parts->pdata[i]);
          return FALSE;
        }
      set |= one;
    }
  *out = set;
  return TRUE;
}

/* ---- JSON ------------------------------------------------------------------- */

char *
nk_allergens_from_json (JsonNode *node, NkAllergens *out)
{
  JsonArray *array;
  NkAllergens set = 0;

  *out = 0;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return g_strdup (_("not a list of allergen codes"));
  array = json_node_get_array (node);
  if (json_array_get_length (array) > NK_ALLERGEN_N)
    return g_strdup_printf (_("more than %d allergens"), NK_ALLERGEN_N);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *e = json_array_get_element (array, i);
      const char *code;
      guint bit;

      if (!JSON_NODE_HOLDS_VALUE (e) || json_node_get_value_type (e) != G_TYPE_STRING)
        return g_strdup (_("not a list of allergen codes"));
      code = json_node_get_string (e);
      for (bit = 0; bit < NK_ALLERGEN_N; bit++)
        if (g_strcmp0 (nk_allergen_code (1u << bit), code) == 0)
          break;
      if (bit == NK_ALLERGEN_N)
        {
          g_autofree char *known = NULL;
          GPtrArray *codes = g_ptr_array_new ();

          for (guint b = 0; b < NK_ALLERGEN_N; b++)
            g_ptr_array_add (codes, (gpointer) nk_allergen_code (1u << b));
          g_ptr_array_add (codes, NULL);
          known = g_strjoinv (", ", (char **) codes->pdata);
          g_ptr_array_unref (codes);
          return g_strdup_printf (_("unknown allergen code (not one of %s)"), known);
        }
      if (set & (1u << bit))
        return g_strdup_printf (_("allergen %s given twice"), nk_allergen_code (1u << bit));
      set |= 1u << bit;
    }
  *out = set;
  return NULL;
}

void
nk_allergens_add_json (JsonBuilder *builder, const char *member, NkAllergens set)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (guint bit = 0; bit < NK_ALLERGEN_N; bit++)
    if (set & (1u << bit))
      json_builder_add_string_value (builder, nk_allergen_code (1u << bit));
  json_builder_end_array (builder);
}

/* ---- free text ---------------------------------------------------------------- */

/* Blanks every occurrence of word in s (in place, with spaces). */
static gboolean
take_word (char *s, const char *word)
{
  gboolean found = FALSE;
  char *at;

  while ((at = strstr (s, word)) != NULL)
    {
      memset (at, ' ', strlen (word));
      found = TRUE;
    }
  return found;
}

NkAllergens
nk_allergens_from_text (const char *text, char **unmapped)
{
  g_autoptr (GPtrArray) parts = NULL;
  g_autoptr (GPtrArray) left = g_ptr_array_new_with_free_func (g_free);
  NkAllergens set = 0;

  if (unmapped)
    *unmapped = NULL;
  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return 0;
  parts = split_parts (text, text_seps);
  for (guint i = 0; i < parts->len; i++)
    {
      g_autofree char *folded = g_utf8_casefold (parts->pdata[i], -1);
      g_autofree char *shown = g_strdup (parts->pdata[i]);
      gboolean mapped = FALSE;

      for (guint f = 0; filler_words[f]; f++)
        take_word (folded, filler_words[f]);
      g_strstrip (folded);
      if (*folded == '\0' || g_strv_contains (none_words, folded))
        continue;
      for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
        for (guint k = 0; groups[g].keywords[k]; k++)
          if (take_word (folded, groups[g].keywords[k]))
            {
              set |= groups[g].bit;
              mapped = TRUE;
            }
      if (!mapped)
        {
          /* shown without "过敏": what staff read and confirm */
          for (guint f = 0; filler_words[f]; f++)
            take_word (shown, filler_words[f]);
          g_ptr_array_add (left, g_strdup (g_strstrip (shown)));
        }
    }
  if (unmapped && left->len > 0)
    {
      g_ptr_array_add (left, NULL);
      *unmapped = g_strjoinv ("、", (char **) left->pdata);
    }
  return set;
}

/* ---- matching ------------------------------------------------------------------ */

static gboolean
holds (const char *haystack, const char *folded_word)
{
  g_autofree char *folded = NULL;

  if (haystack == NULL || *haystack == '\0')
    return FALSE;
  folded = g_utf8_casefold (haystack, -1);
  return strstr (folded, folded_word) != NULL;
}

NkAllergens
nk_allergens_match (NkAllergens child, const char *child_other, NkAllergens dish,
                    const char *dish_other, const char *dish_name, const char *dish_ingredients,
                    char **found)
{
  NkAllergens hit = child & dish & ~NK_ALLERGEN_OTHER;
  g_autoptr (GPtrArray) words = g_ptr_array_new_with_free_func (g_free);

  if (found)
    *found = NULL;
  if (child_other != NULL && g_utf8_validate (child_other, -1, NULL))
    {
      g_autoptr (GPtrArray) parts = split_parts (child_other, list_seps);

      for (guint i = 0; i < parts->len; i++)
        {
          g_autofree char *folded = g_utf8_casefold (parts->pdata[i], -1);

          if (holds (dish_other, folded) || holds (dish_name, folded)
              || holds (dish_ingredients, folded))
            g_ptr_array_add (words, g_strdup (parts->pdata[i]));
        }
    }
  if (words->len > 0)
    {
      hit |= NK_ALLERGEN_OTHER;
      if (found)
        {
          g_ptr_array_add (words, NULL);
          *found = g_strjoinv ("、", (char **) words->pdata);
        }
    }
  return hit;
}
