/* nk-open-stay-list.h — the stays closed as "not checked out" in the last
 * days, newest first, as a GListModel of NkOpenStayItem.
 *
 * Read once when made and again on the store's "changed::attendance"
 * that names a stay closed as "not checked out" (a check-in or check-out
 * changes none), on "changed::roster" and after the centre's midnight;
 * changed in place
 * like NkRoomList: "items-changed" names only the stays that came or
 * went, a stay that stays is the same object. */
#pragma once

#include <gio/gio.h>

#include "nk-centre.h"
#include "nk-open-stay-item.h"
#include "nk-store.h"

G_BEGIN_DECLS

#define NK_TYPE_OPEN_STAY_LIST (nk_open_stay_list_get_type ())
G_DECLARE_FINAL_TYPE (NkOpenStayList, nk_open_stay_list, NK, OPEN_STAY_LIST, GObject)

/* days: how far back (staff mode shows 14). */
NkOpenStayList *nk_open_stay_list_new       (NkStore *store, NkCentre *centre, guint days);
/* As nk_room_list_refresh. */
gboolean        nk_open_stay_list_refresh   (NkOpenStayList *self);
const char     *nk_open_stay_list_get_error (NkOpenStayList *self);

G_END_DECLS
