/* nk-menu-demo.h — the demo centre's menus: this week's, Monday to
 * Sunday, as if the platform had sent them (older than anything real, so
 * a real menu wins).  Called by `nursery-kiosk --demo` after the roster
 * (nk-demo.h); the tests' demo roster has no menu. */
#pragma once

#include "nk-centre.h"
#include "nk-store.h"

G_BEGIN_DECLS

gboolean nk_menu_demo_seed (NkStore *store, NkCentre *centre, GError **error);

G_END_DECLS
