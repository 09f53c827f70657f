/* nk-room-list.h — the rooms today, as a GListModel of NkRoomItem
 * (youngest room first, then by name), each with its children.
 *
 * The list reads the store once when made and again on the store's
 * "changed::attendance", "changed::staff_clock" and "changed::roster",
 * and after the centre's midnight; each time it changes in place: a room
 * or child that stays is the same object and notifies the properties
 * that changed, and "items-changed" names only the rooms (or, on a
 * room's "children" model, the children) that came or went. */
#pragma once

#include <gio/gio.h>

#include "nk-centre.h"
#include "nk-room-child-item.h"
#include "nk-room-item.h"
#include "nk-store.h"

G_BEGIN_DECLS

#define NK_TYPE_ROOM_LIST (nk_room_list_get_type ())
G_DECLARE_FINAL_TYPE (NkRoomList, nk_room_list, NK, ROOM_LIST, GObject)

NkRoomList      *nk_room_list_new          (NkStore *store, NkCentre *centre);
/* Reads the store again now (the list does so by itself on every change
 * and at midnight).  On failure the list keeps what it showed and
 * "error" says why; FALSE then. */
gboolean         nk_room_list_refresh      (NkRoomList *self);
/* The day shown (YYYY-MM-DD at the centre). */
const char      *nk_room_list_get_date     (NkRoomList *self);
/* Why the last read failed, or NULL. */
const char      *nk_room_list_get_error    (NkRoomList *self);
/* The item of a child listed in one of the rooms, or NULL (no ref). */
NkRoomChildItem *nk_room_list_find_child   (NkRoomList *self, const char *child_id);

G_END_DECLS
