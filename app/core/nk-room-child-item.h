/* nk-room-child-item.h — one child of a room in staff mode's overview, as
 * NkRoomItem's "children" model holds it: who, and today's presence.
 * Made and updated by NkRoomList only; views read the properties and
 * listen to their notifications. */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define NK_TYPE_ROOM_CHILD_ITEM (nk_room_child_item_get_type ())
G_DECLARE_FINAL_TYPE (NkRoomChildItem, nk_room_child_item, NK, ROOM_CHILD_ITEM, GObject)

const char *nk_room_child_item_get_child_id    (NkRoomChildItem *self);
const char *nk_room_child_item_get_name        (NkRoomChildItem *self);
const char *nk_room_child_item_get_initials    (NkRoomChildItem *self);
/* checked in now */
gboolean    nk_room_child_item_get_present     (NkRoomChildItem *self);
/* came and went today */
gboolean    nk_room_child_item_get_checked_out (NkRoomChildItem *self);
/* UTC µs of today's last check-in or check-out, 0 when none */
gint64      nk_room_child_item_get_since       (NkRoomChildItem *self);

G_END_DECLS
