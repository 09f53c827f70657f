/* nk-menu-private.h — for core/ only: how the pull, the relay and the
 * migrations write menus and allergy lists (nk-menu.h,
 * nk-menu-allergy.h). */
#pragma once

#include "nk-menu.h"
#include "nk-relay.h"

G_BEGIN_DECLS

/* The day's contract form as a finished object node (nk-menu-day.c). */
JsonNode *nk_menu_day_to_node    (const NkMenuDay *day);

/* Writes day (checked) unless the kiosk holds a newer one (nk-menu.h),
 * inside the caller's transaction. */
gboolean nk_menu_day_put (NkStore *store, const NkMenuDay *day, const char *id, const char *source,
                          gint64 updated_us, const char *device_id, const char *by_id,
                          GError **error);

/* A day from menu_days.body (checked again). */
NkMenuDay *nk_menu_day_from_text (const char *body, GError **error);

/* A record of the pull's "menus" ({"id", "date", "updated_at", "meals"}):
 * NULL when good, else the reason (*field names the member). */
char    *nk_menu_check_platform  (JsonNode *record, const char **field);
/* Writes it (checked again; NK_MENU_ERROR_INVALID when it is not good)
 * unless the kiosk holds a newer day; received_us stands for a missing
 * "updated_at".  Inside the caller's transaction. */
gboolean nk_menu_apply_platform  (NkStore *store, JsonNode *record, gint64 received_us,
                                  GError **error);
/* The platform deletes its record id: the day goes unless the kiosk's
 * newer edit replaced it. */
gboolean nk_menu_remove_platform (NkStore *store, const char *id, GError **error);

/* The reason the common members of a kiosk's payload are wrong
 * (local_date near at_us, by_kind, by_id), or NULL. */
char    *nk_menu_check_common    (JsonObject *payload, gint64 at_us, const char **field);

/* The relayed kinds of nk-relay.c whose payload nests lists. */
extern const NkRelayNested nk_menu_day_relay;
extern const NkRelayNested nk_allergy_confirmed_relay;

G_END_DECLS
