/* nk-menu.h — the centre's menu (带量食谱): per day and meal slot, dishes
 * with their ingredients, the amount per child by age band and their
 * allergens (nk-allergen.h).
 *
 * Where a day comes from (menu_days.source):
 *   "platform"  the pull's section "menus" (docs/platform-api.md);
 *   "import"    nursery-kiosk-admin import-menu FILE.csv (nk-menu-import.h);
 *   "kiosk"     the director's edit in staff mode (nk_menu_day_save).
 * An import or an edit is an event "menu.day" holding the whole day: the
 * platform receives it and the centre's other kiosks apply it.
 *
 * One day, one menu: the newest wins.  A day's time is the platform's
 * "updated_at" (the time it was received when the platform does not say)
 * or the event's "at"; a day is replaced only by one at least as new (a
 * tie goes to the greater id, so every door ends with the same day).
 *
 * One validator: nk_menu_day_from_json () checks every member of a day
 * (the pull's record, a relayed event's payload, and the kiosk's own
 * save, which goes through the JSON form too). */
#pragma once

#include <json-glib/json-glib.h>

#include "nk-allergen.h"
#include "nk-centre.h"
#include "nk-store.h"
#include "nk-types.h"

G_BEGIN_DECLS

typedef enum {
  NK_MEAL_BREAKFAST,
  NK_MEAL_MORNING_SNACK,
  NK_MEAL_LUNCH,
  NK_MEAL_AFTERNOON_SNACK,
  NK_MEAL_DINNER,
} NkMealSlot;

#define NK_MEAL_N_SLOTS 5

/* The contract's limits of one day. */
#define NK_MENU_MAX_DISHES     12   /* per slot */
#define NK_MENU_MAX_NAME       60
#define NK_MENU_MAX_INGREDIENTS 300
#define NK_MENU_MAX_AMOUNT     20

#define NK_MENU_ERROR (nk_menu_error_quark ())
GQuark nk_menu_error_quark (void);

typedef enum {
  NK_MENU_ERROR_INVALID,    /* a member breaks the contract; the message names it */
  NK_MENU_ERROR_REFUSED,    /* not allowed (only the director edits the menu) */
} NkMenuError;

/* "breakfast", "morning_snack", "lunch", "afternoon_snack", "dinner" */
const char *nk_meal_slot_code  (NkMealSlot slot);
/* Translated: 早餐, 上午点心, 午餐, 下午点心, 晚餐 */
const char *nk_meal_slot_label (NkMealSlot slot);
/* A code, or a label in Chinese or English ("lunch", "午餐", "Lunch"). */
gboolean    nk_meal_slot_parse (const char *word, NkMealSlot *out);

typedef struct {
  char       *name;
  char       *ingredients;     /* may be NULL */
  NkAllergens allergens;
  char       *allergen_other;  /* NULL unless allergens holds NK_ALLERGEN_OTHER */
  char       *amounts[3];      /* per child, by NkRoomKind age band (infant/toddler/senior),
                                * e.g. "50 g"; NULL when not given */
} NkMenuDish;

NkMenuDish *nk_menu_dish_new  (const char *name);
void        nk_menu_dish_free (NkMenuDish *dish);

typedef struct {
  char      *date;                       /* YYYY-MM-DD */
  GPtrArray *dishes[NK_MEAL_N_SLOTS];    /* NkMenuDish* */
  char      *source;                     /* "platform", "import", "kiosk"; NULL for a new day */
} NkMenuDay;

NkMenuDay  *nk_menu_day_new       (const char *date);
void        nk_menu_day_free      (NkMenuDay *day);
/* Takes dish. */
void        nk_menu_day_add_dish  (NkMenuDay *day, NkMealSlot slot, NkMenuDish *dish);
guint       nk_menu_day_n_dishes  (const NkMenuDay *day);
/* Every allergen of the day's dishes. */
NkAllergens nk_menu_day_allergens (const NkMenuDay *day);

/* THE validator: a day in the contract's form
 *   {"date": "2026-11-23", "meals": [{"slot": "lunch", "dishes": [
 *      {"name", "ingredients", "allergens": [codes], "allergen_other",
 *       "amounts": {"infant", "toddler", "senior"}}]}]}
 * (other members are left alone).  NULL with NK_MENU_ERROR_INVALID and
 * *field (may be NULL; interned) naming the member at fault
 * ("meals[1].dishes[0].allergens"). */
NkMenuDay  *nk_menu_day_from_json (JsonNode *node, const char **field, GError **error);
/* The members "date" and "meals" of that form, into an open object. */
void        nk_menu_day_add_json  (const NkMenuDay *day, JsonBuilder *builder);

/* The menu of date: NULL and no error when there is none. */
NkMenuDay  *nk_menu_day_load      (NkStore *store, const char *date, GError **error);
/* The days that have a menu from from to to (inclusive, YYYY-MM-DD), in
 * date order (NkMenuDay*). */
GPtrArray  *nk_menu_days_load     (NkStore *store, const char *from, const char *to, GError **error);

/* The director's edit of one day: checked (nk_menu_day_from_json), one
 * record, one "menu.day" event, the day newest; emits changed::menu.  A
 * day without dishes takes the day's menu away.  Refused
 * (NK_MENU_ERROR_REFUSED) for anyone but a director. */
gboolean    nk_menu_day_save      (NkStore *store, NkCentre *centre, const char *staff_id,
                                   const NkMenuDay *day, GError **error);
/* Several days in one record, all or nothing, by actor (an import:
 * source "import", by the system). */
gboolean    nk_menu_days_save     (NkStore *store, NkCentre *centre, GPtrArray *days,
                                   const char *source, GError **error);

/* One dish of a day that holds an allergen of a child. */
typedef struct {
  NkMealSlot        slot;
  const NkMenuDish *dish;     /* borrowed from the day */
  NkAllergens       groups;   /* what it holds of the child's (OTHER: a word of the child's other) */
  char             *other;    /* those words, or NULL */
} NkMenuMatch;

void        nk_menu_match_free    (NkMenuMatch *match);
/* The dishes of day holding one of the child's allergens (NkMenuMatch*),
 * in slot order; empty when none. */
GPtrArray  *nk_menu_day_match     (const NkMenuDay *day, NkAllergens child, const char *child_other);
/* What of the child's the dish holds: "蛋类、芒果" */
char       *nk_menu_match_what    (const NkMenuMatch *match);
/* "午餐 鸡蛋羹（蛋类）" */
char       *nk_menu_match_describe (const NkMenuMatch *match);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NkMenuDish, nk_menu_dish_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NkMenuDay, nk_menu_day_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NkMenuMatch, nk_menu_match_free)

G_END_DECLS
