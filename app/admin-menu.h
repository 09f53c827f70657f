/* admin-menu.h — nursery-kiosk-admin import-menu FILE.csv: a week of
 * menus from CSV (nk-menu-import.h, docs/admin.md). */
#pragma once

#include "admin-private.h"

G_BEGIN_DECLS

int admin_check_import_menu (Admin *admin, GStrv args);
int admin_run_import_menu   (Admin *admin, NkStore *store, GStrv args);

G_END_DECLS
