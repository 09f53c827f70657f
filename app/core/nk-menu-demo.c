/* nk-menu-demo.c — a week of menus for `nursery-kiosk --demo`
 * (nk-menu-demo.h): what a centre's dietitian would publish, with the
 * amounts per age band and the allergens of each dish. */
#define G_LOG_DOMAIN "nk-core"

#include "config.h"

#include "nk-menu-demo.h"
#include "nk-menu-private.h"
#include "nk-store-private.h"

typedef struct {
  NkMealSlot  slot;
  const char *name;
  const char *ingredients;
  NkAllergens allergens;
  const char *other;
  const char *amounts[3];
} DemoDish;

/* Two days of dishes, taken in turn; every day has milk (王小明) and
 * eggs (刘子涵) somewhere. */
static const DemoDish dishes[][6] = {
  {
    { NK_MEAL_BREAKFAST, "牛奶燕麦粥", "牛奶、燕麦", NK_ALLERGEN_MILK | NK_ALLERGEN_GLUTEN, NULL,
      { "100 ml", "150 ml", "180 ml" } },
    { NK_MEAL_MORNING_SNACK, "苹果泥", "苹果", 0, NULL, { "50 g", "60 g", "80 g" } },
    { NK_MEAL_LUNCH, "鸡蛋羹", "鸡蛋、温水", NK_ALLERGEN_EGG, NULL, { "30 g", "50 g", "60 g" } },
    { NK_MEAL_LUNCH, "番茄牛肉软饭", "大米、牛肉、番茄", 0, NULL, { "60 g", "90 g", "110 g" } },
    { NK_MEAL_AFTERNOON_SNACK, "芒果酸奶", "酸奶、芒果", NK_ALLERGEN_MILK | NK_ALLERGEN_OTHER, "芒果",
      { NULL, "80 g", "100 g" } },
    { NK_MEAL_DINNER, "青菜虾仁面", "面条、虾仁、青菜", NK_ALLERGEN_GLUTEN | NK_ALLERGEN_CRUSTACEAN, NULL,
      { "50 g", "80 g", "100 g" } },
  },
  {
    { NK_MEAL_BREAKFAST, "蒸蛋糕", "鸡蛋、面粉、牛奶",
      NK_ALLERGEN_EGG | NK_ALLERGEN_GLUTEN | NK_ALLERGEN_MILK, NULL, { "30 g", "40 g", "50 g" } },
    { NK_MEAL_MORNING_SNACK, "香蕉", "香蕉", 0, NULL, { "40 g", "60 g", "80 g" } },
    { NK_MEAL_LUNCH, "清蒸鲈鱼", "鲈鱼、姜", NK_ALLERGEN_FISH, NULL, { "30 g", "40 g", "50 g" } },
    { NK_MEAL_LUNCH, "豆腐青菜汤", "豆腐、青菜", NK_ALLERGEN_SOY, NULL, { "80 ml", "120 ml", "150 ml" } },
    { NK_MEAL_AFTERNOON_SNACK, "牛奶小馒头", "面粉、牛奶", NK_ALLERGEN_MILK | NK_ALLERGEN_GLUTEN, NULL,
      { "20 g", "30 g", "40 g" } },
    { NK_MEAL_DINNER, "南瓜小米粥", "南瓜、小米", 0, NULL, { "100 ml", "150 ml", "180 ml" } },
  },
};

gboolean
nk_menu_demo_seed (NkStore *store, NkCentre *centre, GError **error)
{
  g_autofree char *today = nk_centre_today (centre);
  GDate date;

  g_date_set_parse (&date, today);
  if (!g_date_valid (&date))
    return TRUE;
  /* from the Monday of this week, seven days */
  g_date_subtract_days (&date, g_date_get_weekday (&date) - G_DATE_MONDAY);
  if (!nk_store_begin (store, error))
    return FALSE;
  for (guint d = 0; d < 7; d++, g_date_add_days (&date, 1))
    {
      char iso[16];
      g_autofree char *id = NULL;
      g_autoptr (NkMenuDay) day = NULL;

      g_date_strftime (iso, sizeof iso, "%Y-%m-%d", &date);
      id = g_strdup_printf ("demo-%s", iso);
      day = nk_menu_day_new (iso);
      for (guint i = 0; i < G_N_ELEMENTS (dishes[0]); i++)
        {
          const DemoDish *s = &dishes[d % G_N_ELEMENTS (dishes)][i];
          NkMenuDish *dish = nk_menu_dish_new (s->name);

          dish->ingredients = g_strdup (s->ingredients);
          dish->allergens = s->allergens;
          dish->allergen_other = g_strdup (s->other);
          for (guint k = 0; k < G_N_ELEMENTS (dish->amounts); k++)
            dish->amounts[k] = g_strdup (s->amounts[k]);
          nk_menu_day_add_dish (day, s->slot, dish);
        }
      /* at time 0: any menu the platform or the director gives wins */
      if (!nk_menu_day_put (store, day, id, "platform", 0, NULL, NULL, error))
        {
          nk_store_rollback (store);
          return FALSE;
        }
    }
  return nk_store_commit (store, error);
}
