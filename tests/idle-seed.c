/* idle-seed.c — idle-seed DATA_DIR: the demo centre (nk_demo_seed) in
 * DATA_DIR/kiosk.db with today's menu, saved by the demo's director as the
 * menu editor saves it, and the next Mommy Classroom session, applied as
 * the platform's pull brings it.  For the end-to-end screens of the idle
 * panel (tests/a11y.sh) and their screenshots. */
#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gi18n.h>

#include "core/nk-centre.h"
#include "core/nk-demo.h"
#include "core/nk-menu.h"
#include "core/nk-pull.h"

#define HOUR_US (G_GINT64_CONSTANT (3600) * G_USEC_PER_SEC)
#define DAY_US (24 * HOUR_US)

static NkMenuDish *
dish (const char *name, NkAllergens allergens, const char *other)
{
  NkMenuDish *d = nk_menu_dish_new (name);

  d->allergens = allergens;
  d->allergen_other = g_strdup (other);
  d->amounts[NK_ROOM_TODDLER] = g_strdup ("50 g");
  return d;
}

static NkMenuDay *
todays_menu (const char *date)
{
  NkMenuDay *day = nk_menu_day_new (date);

  nk_menu_day_add_dish (day, NK_MEAL_BREAKFAST, dish ("小米南瓜粥", 0, NULL));
  nk_menu_day_add_dish (day, NK_MEAL_BREAKFAST, dish ("鸡蛋羹", NK_ALLERGEN_EGG, NULL));
  nk_menu_day_add_dish (day, NK_MEAL_BREAKFAST, dish ("全麦小馒头", NK_ALLERGEN_GLUTEN, NULL));
  nk_menu_day_add_dish (day, NK_MEAL_MORNING_SNACK, dish ("香蕉", 0, NULL));
  nk_menu_day_add_dish (day, NK_MEAL_MORNING_SNACK, dish ("酸奶", NK_ALLERGEN_MILK, NULL));
  nk_menu_day_add_dish (day, NK_MEAL_LUNCH, dish ("软米饭", 0, NULL));
  nk_menu_day_add_dish (day, NK_MEAL_LUNCH, dish ("清蒸鳕鱼", NK_ALLERGEN_FISH, NULL));
  nk_menu_day_add_dish (day, NK_MEAL_LUNCH, dish ("西兰花炒虾仁", NK_ALLERGEN_CRUSTACEAN, NULL));
  nk_menu_day_add_dish (day, NK_MEAL_LUNCH, dish ("豆腐青菜汤", NK_ALLERGEN_SOY, NULL));
  nk_menu_day_add_dish (day, NK_MEAL_AFTERNOON_SNACK, dish ("苹果", 0, NULL));
  nk_menu_day_add_dish (day, NK_MEAL_AFTERNOON_SNACK,
                        dish ("芒果奶昔", NK_ALLERGEN_MILK | NK_ALLERGEN_OTHER, "芒果"));
  nk_menu_day_add_dish (day, NK_MEAL_DINNER, dish ("番茄鸡蛋面", NK_ALLERGEN_EGG | NK_ALLERGEN_GLUTEN, NULL));
  nk_menu_day_add_dish (day, NK_MEAL_DINNER, dish ("花生芝麻小饼", NK_ALLERGEN_PEANUT, NULL));
  return day;
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (NkStore) store = NULL;
  g_autoptr (NkCentre) centre = NULL;
  g_autoptr (GTimeZone) tz = NULL;
  g_autoptr (NkMenuDay) day = NULL;
  g_autoptr (NkPull) pull = NULL;
  g_autofree char *path = NULL;
  g_autofree char *today = NULL;
  g_autofree char *starts = NULL;
  g_autofree char *ends = NULL;
  g_autofree char *json = NULL;
  gint64 now_us;

  setlocale (LC_ALL, "");
  /* the demo's names in the screen's language, as the kiosk seeds them */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("NK_LOCALEDIR") != NULL ? g_getenv ("NK_LOCALEDIR") : BUILD_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  if (argc != 2)
    {
      g_printerr ("usage: idle-seed DATA_DIR\n");
      return 2;
    }
  path = g_build_filename (argv[1], "kiosk.db", NULL);
  tz = g_time_zone_new_identifier ("Asia/Shanghai");
  centre = nk_centre_new (tz);
  now_us = nk_centre_now (centre);
  today = nk_centre_today (centre);
  /* the session: the day after tomorrow, 14:00–15:30 at the centre */
  starts = nk_format_utc_iso ((now_us / DAY_US + 2) * DAY_US + 6 * HOUR_US);
  ends = nk_format_utc_iso ((now_us / DAY_US + 2) * DAY_US + 7 * HOUR_US + HOUR_US / 2);
  json = g_strdup_printf ("{\"cursor\": \"seed\", \"more\": false, \"changes\": {\"classroom_sessions\": ["
                          "{\"id\": \"cs-seed\", \"title\": \"辅食添加与喂养习惯\", \"kind\": \"mommy_classroom\", "
                          "\"starts_at\": \"%s\", \"ends_at\": \"%s\", \"place\": \"二楼亲子活动室\", "
                          "\"audience\": \"parents\", \"capacity\": 20, \"seats_left\": 5, "
                          "\"signup_url\": \"https://platform.example/classroom/cs-seed/signup\"}]}}",
                          starts, ends);

  day = todays_menu (today);
  if ((store = nk_store_open (path, &error)) == NULL || !nk_demo_seed (store, &error) ||
      !nk_menu_day_save (store, centre, "S001", day, &error) ||
      (pull = nk_pull_parse (json, strlen (json), &error)) == NULL ||
      !nk_pull_apply (pull, store, centre, NULL, &error))
    {
      g_printerr ("idle-seed: %s\n", error->message);
      return 1;
    }
  g_print ("idle-seed: %s: today's menu (%s) and session cs-seed at %s\n", path, today, starts);
  return 0;
}
