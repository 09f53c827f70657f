/* nk-list-private.h — what the list models of core/ share (nk-room-list.c,
 * nk-open-stay-list.c): bringing a GListStore in line with fresh rows by
 * key, and a timer for the centre's next midnight.  Core only. */
#pragma once

#include <gio/gio.h>

#include "nk-attendance.h"
#include "nk-centre.h"
#include "nk-open-stay-item.h"
#include "nk-room-child-item.h"
#include "nk-room-item.h"

G_BEGIN_DECLS

/* How nk_list_sync reads one kind of row and makes or updates its item. */
typedef struct {
  const char *(*row_key)  (gconstpointer row);
  const char *(*item_key) (gpointer item);
  gpointer    (*create)   (gconstpointer row);        /* a new item (full reference) */
  void        (*update)   (gpointer item, gconstpointer row);  /* notifies what changed */
} NkListSyncClass;

/* Makes store hold one item per row of rows, in their order.  An item
 * whose key is among the rows stays the same object and is updated in
 * place; the others are removed, and new rows inserted where they
 * belong, so "items-changed" names only what came and went (runs of
 * removals and of insertions are one signal each).  Keys should be
 * unique; a repeated one gets an item of its own. */
void  nk_list_sync (GListStore *store, GPtrArray *rows, const NkListSyncClass *klass);

/* A one-shot timeout shortly after the next local midnight at the centre,
 * by the centre's clock; returns its source id. */
guint nk_list_watch_midnight (NkCentre *centre, GSourceFunc func, gpointer data);

/* Items made and updated by the models only. */
NkRoomChildItem *nk_room_child_item_new    (const NkRoomChild *row);
void             nk_room_child_item_update (NkRoomChildItem *self, const NkRoomChild *row);
NkRoomItem      *nk_room_item_new          (const NkRoomSummary *row);
void             nk_room_item_update       (NkRoomItem *self, const NkRoomSummary *row);
NkOpenStayItem  *nk_open_stay_item_new     (const NkOpenStay *row);
void             nk_open_stay_item_update  (NkOpenStayItem *self, const NkOpenStay *row);

G_END_DECLS
