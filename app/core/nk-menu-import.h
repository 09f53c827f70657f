/* nk-menu-import.h — a week of menus (or any days) from a CSV file, for
 * `nursery-kiosk-admin import-menu` (docs/admin.md).
 *
 * One row per dish:
 *   date,slot,dish,ingredients,allergens,allergen_other,amount_infant,amount_toddler,amount_senior
 * date YYYY-MM-DD; slot a code (lunch) or its name (午餐, Lunch); allergens
 * codes or names (egg, 蛋类, 鸡蛋) separated by ';', '；', '、', ',' or '，'.
 * The header may also use the Chinese names (日期, 餐次, 菜品 …).  UTF-8,
 * with or without a byte order mark (WPS, Excel).
 *
 * Every row is checked first; any problem is reported with its line and
 * nothing is imported.  The days found replace the kiosk's menu of those
 * days (the newest wins, nk-menu.h): one record, one "menu.day" event per
 * day, source "import". */
#pragma once

#include "nk-menu.h"

G_BEGIN_DECLS

/* The most bytes of a menu file. */
#define NK_MENU_IMPORT_MAX_BYTES (1024 * 1024)

typedef struct {
  guint  line;
  char  *message;   /* translated */
} NkMenuImportProblem;

typedef struct _NkMenuImport NkMenuImport;

/* Reads and checks the file's bytes.  Never NULL: look at its problems. */
NkMenuImport *nk_menu_import_parse        (const char *data, gssize len);
void          nk_menu_import_free         (NkMenuImport *self);
/* NkMenuImportProblem*, in line order; empty when the file is good. */
GPtrArray    *nk_menu_import_get_problems (NkMenuImport *self);
/* The days read (NkMenuDay*), in date order. */
GPtrArray    *nk_menu_import_get_days     (NkMenuImport *self);
guint         nk_menu_import_get_n_dishes (NkMenuImport *self);
/* Saves every day in one record; refused when there are problems. */
gboolean      nk_menu_import_apply        (NkMenuImport *self, NkStore *store, NkCentre *centre,
                                           GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NkMenuImport, nk_menu_import_free)

G_END_DECLS
