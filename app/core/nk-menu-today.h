/* nk-menu-today.h — a child's allergens against today's menu: what the
 * door says at check-in, the mark on the child's tile in the room page,
 * and staff mode's list "Allergens on today's menu" with its "Substitute
 * ready" confirmation.
 *
 * A child present today whose allergens (nk-menu-allergy.h) a dish of
 * today's menu holds (nk_menu_day_match) is listed with the dish until a
 * member of staff confirms the substitute: the kind "menu.substitute"
 * (child, date, slot, dish, substitute), synced and relayed like every
 * kind (nk-kind.h), which clears the mark of that dish. */
#pragma once

#include "nk-child-day.h"
#include "nk-door-notes.h"
#include "nk-kind.h"
#include "nk-menu.h"

G_BEGIN_DECLS

extern const NkKind nk_menu_substitute_kind;

/* The most characters of a substitute ("蒸南瓜"). */
#define NK_MENU_MAX_SUBSTITUTE 60

/* One dish of today a present child must not eat. */
typedef struct {
  char       *child_id;
  char       *child_name;
  char       *room_id;
  NkMealSlot  slot;
  char       *dish;
  char       *what;         /* translated: "蛋类" / "芒果" */
  char       *substitute;   /* the confirmed substitute, or NULL while it waits */
} NkMenuAllergenRow;

void       nk_menu_allergen_row_free (NkMenuAllergenRow *row);

/* The present children of room_id (NULL: every room) whose allergens a
 * dish of date's menu holds, one row per child and dish, by room, name
 * and slot; empty when there is no menu that day. */
GPtrArray *nk_menu_today_list        (NkStore *store, NkCentre *centre, const char *room_id,
                                      const char *date, GError **error);

/* staff_id confirms the substitute of child_id's dish of today's slot:
 * the dish must be on today's menu and hold one of the child's
 * allergens.  One record, one event "menu.substitute". */
gboolean   nk_menu_substitute_confirm (NkStore *store, NkCentre *centre, const char *staff_id,
                                       const char *child_id, NkMealSlot slot, const char *dish,
                                       const char *substitute, GError **error);

/* The day source (day_sources[]): the mark "menu.allergen" (a warning,
 * with the dish) on a present child while a dish waits for its
 * substitute. */
gboolean   nk_menu_day_source        (NkStore *store, NkDaySet *set, GError **error);

/* The door note source (door_note_sources[]): at check-in, a note for
 * the family and one for staff when today's menu holds an allergen of
 * the child's.  One indexed query. */
gboolean   nk_menu_door_note         (const NkNoteContext *ctx, NkTapResult *result, GError **error);

G_END_DECLS
