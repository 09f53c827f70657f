/* nk-open-stay-item.h — a check-in left open on an earlier day and closed
 * as "not checked out", as NkOpenStayList holds it.  Made and updated by
 * NkOpenStayList only. */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define NK_TYPE_OPEN_STAY_ITEM (nk_open_stay_item_get_type ())
G_DECLARE_FINAL_TYPE (NkOpenStayItem, nk_open_stay_item, NK, OPEN_STAY_ITEM, GObject)

const char *nk_open_stay_item_get_child_id   (NkOpenStayItem *self);
const char *nk_open_stay_item_get_name       (NkOpenStayItem *self);
/* the child's room, or NULL */
const char *nk_open_stay_item_get_room_name  (NkOpenStayItem *self);
/* the day left open, YYYY-MM-DD at the centre */
const char *nk_open_stay_item_get_date       (NkOpenStayItem *self);
/* UTC µs of that day's last check-in, 0 when unknown */
gint64      nk_open_stay_item_get_checked_in (NkOpenStayItem *self);
/* child id and date: what tells two stays apart */
const char *nk_open_stay_item_get_key        (NkOpenStayItem *self);

G_END_DECLS
