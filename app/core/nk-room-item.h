/* nk-room-item.h — one room in staff mode's overview, as NkRoomList holds
 * it: its counts today against places and the caregiver ratio, and its
 * children (a GListModel of NkRoomChildItem, by name).  Made and updated
 * by NkRoomList only: the same object stays while the room exists, its
 * properties notify when they change. */
#pragma once

#include <gio/gio.h>

#include "nk-types.h"

G_BEGIN_DECLS

#define NK_TYPE_ROOM_ITEM (nk_room_item_get_type ())
G_DECLARE_FINAL_TYPE (NkRoomItem, nk_room_item, NK, ROOM_ITEM, GObject)

const char *nk_room_item_get_room_id       (NkRoomItem *self);
const char *nk_room_item_get_name          (NkRoomItem *self);
NkRoomKind  nk_room_item_get_kind          (NkRoomItem *self);
guint       nk_room_item_get_places        (NkRoomItem *self);
/* children checked in now / on the room's list */
guint       nk_room_item_get_present       (NkRoomItem *self);
guint       nk_room_item_get_enrolled      (NkRoomItem *self);
/* caregivers of the room clocked in, and how many the children present
 * need at the national ratio of the room's kind (1:ratio) */
guint       nk_room_item_get_staff_present (NkRoomItem *self);
guint       nk_room_item_get_staff_needed  (NkRoomItem *self);
guint       nk_room_item_get_ratio         (NkRoomItem *self);
/* NkRoomChildItem, by name; owned by the item */
GListModel *nk_room_item_get_children      (NkRoomItem *self);

G_END_DECLS
