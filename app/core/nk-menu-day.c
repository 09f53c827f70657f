/* nk-menu-day.c — one day's menu as data (nk-menu.h): the meal slots,
 * dishes and days, the contract's JSON form and THE validator, and the
 * matching of a day's dishes against a child's allergens.  No store here:
 * nk-menu.c keeps the days. */
#define G_LOG_DOMAIN "nk-core"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "nk-check.h"
#include "nk-menu-private.h"

G_DEFINE_QUARK (nk-menu-error-quark, nk_menu_error)

/* ---- slots ------------------------------------------------------------------ */

static const struct {
  const char *code;
  const char *label;   /* N_() */
  const char *zh;
} slots[NK_MEAL_N_SLOTS] = {
  { "breakfast", N_("Breakfast"), "早餐" },
  { "morning_snack", N_("Morning snack"), "上午点心" },
  { "lunch", N_("Lunch"), "午餐" },
  { "afternoon_snack", N_("Afternoon snack"), "下午点心" },
  { "dinner", N_("Dinner"), "晚餐" },
};

const char *
nk_meal_slot_code (NkMealSlot slot)
{
  g_return_val_if_fail (slot < NK_MEAL_N_SLOTS, NULL);
  return slots[slot].code;
}

const char *
nk_meal_slot_label (NkMealSlot slot)
{
  g_return_val_if_fail (slot < NK_MEAL_N_SLOTS, NULL);
  return _(slots[slot].label);
}

gboolean
nk_meal_slot_parse (const char *word, NkMealSlot *out)
{
  g_autofree char *w = g_strstrip (g_strdup (word ? word : ""));

  for (guint i = 0; i < NK_MEAL_N_SLOTS; i++)
    if (strcmp (w, slots[i].code) == 0 || g_ascii_strcasecmp (w, slots[i].label) == 0
        || strcmp (w, slots[i].zh) == 0 || strcmp (w, _(slots[i].label)) == 0)
      {
        *out = (NkMealSlot) i;
        return TRUE;
      }
  return FALSE;
}

/* ---- dishes and days ----------------------------------------------------------- */

NkMenuDish *
nk_menu_dish_new (const char *name)
{
  NkMenuDish *dish = g_new0 (NkMenuDish, 1);

  dish->name = g_strdup (name);
  return dish;
}

void
nk_menu_dish_free (NkMenuDish *dish)
{
  if (dish == NULL)
    return;
  g_free (dish->name);
  g_free (dish->ingredients);
  g_free (dish->allergen_other);
  for (guint i = 0; i < G_N_ELEMENTS (dish->amounts); i++)
    g_free (dish->amounts[i]);
  g_free (dish);
}

NkMenuDay *
nk_menu_day_new (const char *date)
{
  NkMenuDay *day = g_new0 (NkMenuDay, 1);

  day->date = g_strdup (date);
  for (guint i = 0; i < NK_MEAL_N_SLOTS; i++)
    day->dishes[i] = g_ptr_array_new_with_free_func ((GDestroyNotify) nk_menu_dish_free);
  return day;
}

void
nk_menu_day_free (NkMenuDay *day)
{
  if (day == NULL)
    return;
  g_free (day->date);
  g_free (day->source);
  for (guint i = 0; i < NK_MEAL_N_SLOTS; i++)
    g_clear_pointer (&day->dishes[i], g_ptr_array_unref);
  g_free (day);
}

void
nk_menu_day_add_dish (NkMenuDay *day, NkMealSlot slot, NkMenuDish *dish)
{
  g_return_if_fail (day != NULL && slot < NK_MEAL_N_SLOTS && dish != NULL);
  g_ptr_array_add (day->dishes[slot], dish);
}

guint
nk_menu_day_n_dishes (const NkMenuDay *day)
{
  guint n = 0;

  for (guint i = 0; i < NK_MEAL_N_SLOTS; i++)
    n += day->dishes[i]->len;
  return n;
}

NkAllergens
nk_menu_day_allergens (const NkMenuDay *day)
{
  NkAllergens set = 0;

  for (guint s = 0; s < NK_MEAL_N_SLOTS; s++)
    for (guint i = 0; i < day->dishes[s]->len; i++)
      set |= ((NkMenuDish *) day->dishes[s]->pdata[i])->allergens;
  return set;
}

/* ---- the validator ------------------------------------------------------------------ */

/* Where a check is: the member's path, made only when something is wrong. */
typedef struct {
  const char **field;
  GError     **error;
} Check;

G_GNUC_PRINTF (3, 4)
static gboolean
fail (Check *c, const char *path, const char *format, ...)
{
  g_autofree char *reason = NULL;
  va_list args;

  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);
  if (c->field)
    *c->field = g_intern_string (path);
  /* TRANSLATORS: a menu member that breaks the contract, and why */
  g_set_error (c->error, NK_MENU_ERROR, NK_MENU_ERROR_INVALID, _("%s: %s"), path, reason);
  return FALSE;
}

/* A string member of obj: *out NULL when missing or null (an error when
 * required), else text of 1..max characters without control characters. */
static gboolean
get_text (Check *c, JsonObject *obj, const char *member, const char *path, gint64 max,
          gboolean required, char **out)
{
  JsonNode *node = json_object_get_member (obj, member);
  const char *s;

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return required ? fail (c, path, "%s", _("missing")) : TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return fail (c, path, "%s", _("not a string"));
  s = json_node_get_string (node);
  if (!required && s != NULL && *s == '\0')
    return TRUE;
  if (s == NULL || !nk_check_is_text (s, max, TRUE))
    return fail (c, path, _("empty, longer than %lld characters or holds control characters"),
                 (long long) max);
  *out = g_strdup (s);
  return TRUE;
}

static gboolean
check_amounts (Check *c, JsonObject *dish_obj, const char *path, NkMenuDish *dish)
{
  JsonNode *node = json_object_get_member (dish_obj, "amounts");
  g_autofree char *at = g_strconcat (path, ".amounts", NULL);
  JsonObject *obj;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return fail (c, at, "%s", _("not an object"));
  obj = json_node_get_object (node);
  for (guint k = 0; k < G_N_ELEMENTS (dish->amounts); k++)
    {
      const char *band = nk_room_kind_to_string ((NkRoomKind) k);
      g_autofree char *band_path = g_strconcat (at, ".", band, NULL);

      if (!get_text (c, obj, band, band_path, NK_MENU_MAX_AMOUNT, FALSE, &dish->amounts[k]))
        return FALSE;
    }
  return TRUE;
}

static NkMenuDish *
check_dish (Check *c, JsonNode *node, const char *path)
{
  g_autoptr (NkMenuDish) dish = nk_menu_dish_new (NULL);
  g_autofree char *name_path = g_strconcat (path, ".name", NULL);
  g_autofree char *ingredients_path = g_strconcat (path, ".ingredients", NULL);
  g_autofree char *allergens_path = g_strconcat (path, ".allergens", NULL);
  g_autofree char *other_path = g_strconcat (path, ".allergen_other", NULL);
  g_autofree char *why = NULL;
  JsonObject *obj;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      fail (c, path, "%s", _("not an object"));
      return NULL;
    }
  obj = json_node_get_object (node);
  if (!get_text (c, obj, "name", name_path, NK_MENU_MAX_NAME, TRUE, &dish->name)
      || !get_text (c, obj, "ingredients", ingredients_path, NK_MENU_MAX_INGREDIENTS, FALSE,
                    &dish->ingredients)
      || !get_text (c, obj, "allergen_other", other_path, NK_ALLERGEN_OTHER_MAX, FALSE,
                    &dish->allergen_other))
    return NULL;
  why = nk_allergens_from_json (json_object_get_member (obj, "allergens"), &dish->allergens);
  if (why != NULL)
    {
      fail (c, allergens_path, "%s", why);
      return NULL;
    }
  /* "other" and its text go together */
  if (dish->allergen_other != NULL)
    dish->allergens |= NK_ALLERGEN_OTHER;
  else if (dish->allergens & NK_ALLERGEN_OTHER)
    {
      fail (c, other_path, "%s", _("missing: “other” needs a text"));
      return NULL;
    }
  if (!check_amounts (c, obj, path, dish))
    return NULL;
  return g_steal_pointer (&dish);
}

static gboolean
check_meal (Check *c, NkMenuDay *day, JsonNode *node, guint index, gboolean *seen)
{
  g_autofree char *path = g_strdup_printf ("meals[%u]", index);
  g_autofree char *slot_path = g_strconcat (path, ".slot", NULL);
  g_autofree char *dishes_path = g_strconcat (path, ".dishes", NULL);
  g_autofree char *slot_code = NULL;
  JsonObject *obj;
  JsonNode *dishes;
  JsonArray *array;
  NkMealSlot slot;
  guint s;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return fail (c, path, "%s", _("not an object"));
  obj = json_node_get_object (node);
  if (!get_text (c, obj, "slot", slot_path, 32, TRUE, &slot_code))
    return FALSE;
  for (s = 0; s < NK_MEAL_N_SLOTS; s++)
    if (strcmp (slot_code, slots[s].code) == 0)
      break;
  if (s == NK_MEAL_N_SLOTS)
    return fail (c, slot_path, "%s",
                 _("not one of breakfast, morning_snack, lunch, afternoon_snack, dinner"));
  slot = (NkMealSlot) s;
  if (seen[slot])
    return fail (c, slot_path, _("%s given twice"), slot_code);
  seen[slot] = TRUE;

  dishes = json_object_get_member (obj, "dishes");
  if (dishes == NULL || !JSON_NODE_HOLDS_ARRAY (dishes))
    return fail (c, dishes_path, "%s", _("missing or not a list"));
  array = json_node_get_array (dishes);
  if (json_array_get_length (array) > NK_MENU_MAX_DISHES)
    return fail (c, dishes_path, _("more than %d dishes"), NK_MENU_MAX_DISHES);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *dish_path = g_strdup_printf ("%s[%u]", dishes_path, i);
      NkMenuDish *dish = check_dish (c, json_array_get_element (array, i), dish_path);

      if (dish == NULL)
        return FALSE;
      nk_menu_day_add_dish (day, slot, dish);
    }
  return TRUE;
}

NkMenuDay *
nk_menu_day_from_json (JsonNode *node, const char **field, GError **error)
{
  Check c = { field, error };
  g_autoptr (NkMenuDay) day = NULL;
  g_autofree char *date = NULL;
  gboolean seen[NK_MEAL_N_SLOTS] = { FALSE };
  JsonObject *obj;
  JsonNode *meals;
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      fail (&c, "menu", "%s", _("not an object"));
      return NULL;
    }
  obj = json_node_get_object (node);
  if (!get_text (&c, obj, "date", "date", 10, TRUE, &date))
    return NULL;
  if (!nk_check_date (date, NULL))
    {
      fail (&c, "date", "%s", _("not a real date YYYY-MM-DD"));
      return NULL;
    }
  day = nk_menu_day_new (date);
  meals = json_object_get_member (obj, "meals");
  if (meals == NULL || !JSON_NODE_HOLDS_ARRAY (meals))
    {
      fail (&c, "meals", "%s", _("missing or not a list"));
      return NULL;
    }
  array = json_node_get_array (meals);
  if (json_array_get_length (array) > NK_MEAL_N_SLOTS)
    {
      fail (&c, "meals", _("more than %d meals"), NK_MEAL_N_SLOTS);
      return NULL;
    }
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (!check_meal (&c, day, json_array_get_element (array, i), i, seen))
      return NULL;
  return g_steal_pointer (&day);
}

static void
add_text (JsonBuilder *b, const char *member, const char *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (b, member);
  json_builder_add_string_value (b, value);
}

void
nk_menu_day_add_json (const NkMenuDay *day, JsonBuilder *b)
{
  add_text (b, "date", day->date);
  json_builder_set_member_name (b, "meals");
  json_builder_begin_array (b);
  for (guint s = 0; s < NK_MEAL_N_SLOTS; s++)
    {
      if (day->dishes[s]->len == 0)
        continue;
      json_builder_begin_object (b);
      add_text (b, "slot", slots[s].code);
      json_builder_set_member_name (b, "dishes");
      json_builder_begin_array (b);
      for (guint i = 0; i < day->dishes[s]->len; i++)
        {
          const NkMenuDish *dish = day->dishes[s]->pdata[i];

          json_builder_begin_object (b);
          add_text (b, "name", dish->name);
          add_text (b, "ingredients", dish->ingredients);
          nk_allergens_add_json (b, "allergens", dish->allergens);
          add_text (b, "allergen_other", dish->allergen_other);
          json_builder_set_member_name (b, "amounts");
          json_builder_begin_object (b);
          for (guint k = 0; k < G_N_ELEMENTS (dish->amounts); k++)
            add_text (b, nk_room_kind_to_string ((NkRoomKind) k), dish->amounts[k]);
          json_builder_end_object (b);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

/* The day's contract form as a finished node (a checked copy: what is
 * written is what the validator passed). */
JsonNode *
nk_menu_day_to_node (const NkMenuDay *day)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  nk_menu_day_add_json (day, b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/* ---- matching ---------------------------------------------------------------------------- */

void
nk_menu_match_free (NkMenuMatch *match)
{
  if (match == NULL)
    return;
  g_free (match->other);
  g_free (match);
}

GPtrArray *
nk_menu_day_match (const NkMenuDay *day, NkAllergens child, const char *child_other)
{
  GPtrArray *matches = g_ptr_array_new_with_free_func ((GDestroyNotify) nk_menu_match_free);

  for (guint s = 0; day != NULL && s < NK_MEAL_N_SLOTS; s++)
    for (guint i = 0; i < day->dishes[s]->len; i++)
      {
        const NkMenuDish *dish = day->dishes[s]->pdata[i];
        char *other = NULL;
        NkAllergens hit = nk_allergens_match (child, child_other, dish->allergens,
                                              dish->allergen_other, dish->name, dish->ingredients,
                                              &other);

        if (hit != 0)
          {
            NkMenuMatch *m = g_new0 (NkMenuMatch, 1);

            m->slot = (NkMealSlot) s;
            m->dish = dish;
            m->groups = hit;
            m->other = other;
            g_ptr_array_add (matches, m);
          }
      }
  return matches;
}

char *
nk_menu_match_what (const NkMenuMatch *match)
{
  g_autofree char *groups = nk_allergens_describe (match->groups & ~NK_ALLERGEN_OTHER, NULL);

  if (match->other == NULL)
    return g_steal_pointer (&groups);
  if (*groups == '\0')
    return g_strdup (match->other);
  return g_strdup_printf ("%s%s%s", groups, C_("allergen list", ", "), match->other);
}

char *
nk_menu_match_describe (const NkMenuMatch *match)
{
  g_autofree char *what = nk_menu_match_what (match);

  /* TRANSLATORS: a meal, a dish and what of a child's allergens it holds: 午餐 鸡蛋羹（蛋类） */
  return g_strdup_printf (_("%s %s (%s)"), nk_meal_slot_label (match->slot), match->dish->name, what);
}
