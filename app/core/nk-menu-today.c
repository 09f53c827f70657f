/* nk-menu-today.c — children's allergens against today's menu
 * (nk-menu-today.h): the kind "menu.substitute", the list of staff mode,
 * the mark of the room page and the note at the door. */
#define G_LOG_DOMAIN "nk-core"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "nk-menu-private.h"
#include "nk-menu-today.h"
#include "nk-migrations.h"
#include "nk-record.h"
#include "nk-store-private.h"

#define MARK_KEY "menu.allergen"

static const char *const substitute_steps[] = {
  /* 0 → 1: the substitutes staff confirmed, per child, date and dish */
  "CREATE TABLE menu_substitutes (" NK_KIND_COLUMNS ", "
  "  child_id TEXT NOT NULL, date TEXT NOT NULL, slot TEXT NOT NULL, dish TEXT NOT NULL, "
  "  substitute TEXT NOT NULL);"
  "CREATE INDEX menu_substitutes_date ON menu_substitutes (date, child_id);",
};

NK_MIGRATION_LIST (nk_menu_substitute_migrations, "menu_substitute", substitute_steps, 0);

static const char *const slot_codes[] = {
  "breakfast", "morning_snack", "lunch", "afternoon_snack", "dinner", NULL,
};

static const NkKindField substitute_fields[] = {
  { "child_id", NK_FIELD_ID },
  { "date", NK_FIELD_TEXT, FALSE, 0, 10 },
  { "slot", NK_FIELD_CHOICE, FALSE, 0, 0, slot_codes },
  { "dish", NK_FIELD_TEXT, FALSE, 0, NK_MENU_MAX_NAME },
  { "substitute", NK_FIELD_TEXT, FALSE, 0, NK_MENU_MAX_SUBSTITUTE },
  { NULL },
};

const NkKind nk_menu_substitute_kind = {
  .type = "menu.substitute",
  .table = "menu_substitutes",
  .person = "child_id",
  .person_table = "children",
  .fields = substitute_fields,
};

void
nk_menu_allergen_row_free (NkMenuAllergenRow *row)
{
  if (row == NULL)
    return;
  g_free (row->child_id);
  g_free (row->child_name);
  g_free (row->room_id);
  g_free (row->dish);
  g_free (row->what);
  g_free (row->substitute);
  g_free (row);
}

/* ---- the rows of a set ------------------------------------------------------------ */

static char *
substitute_key (const char *child_id, const char *slot, const char *dish)
{
  return g_strjoin ("\t", child_id, slot, dish, NULL);
}

/* The confirmed substitutes of the set's children on its date:
 * "child\tslot\tdish" → substitute (the latest). */
static GHashTable *
load_substitutes (NkStore *store, NkDaySet *set, GError **error)
{
  g_autoptr (GHashTable) done = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3_stmt *stmt = nk_store_prepare (store,
                                         "SELECT child_id, slot, dish, substitute FROM menu_substitutes "
                                         "WHERE child_id IN " NK_DAY_SET_CHILDREN " AND date = :date AND "
                                         NK_KIND_STANDS ("menu_substitutes") " ORDER BY at_us",
                                         error);
  int rc;

  if (stmt == NULL || !nk_day_set_bind_children (set, store, stmt, error)
      || !nk_store_bind (store, stmt, error, NK_TEXT (":date", nk_day_set_get_date (set)), NK_END))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_replace (done,
                          substitute_key ((const char *) sqlite3_column_text (stmt, 0),
                                          (const char *) sqlite3_column_text (stmt, 1),
                                          (const char *) sqlite3_column_text (stmt, 2)),
                          nk_column_dup (stmt, 3));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      nk_store_set_error (store, error, _("Cannot read the substitutes"));
      return NULL;
    }
  return g_steal_pointer (&done);
}

/* Appends to rows one per present child of set and dish of day holding
 * one of the child's allergens. */
static gboolean
add_rows (NkStore *store, NkDaySet *set, const NkMenuDay *day, GPtrArray *rows, GError **error)
{
  g_autoptr (GHashTable) done = load_substitutes (store, set, error);
  sqlite3_stmt *stmt;
  int rc;

  if (done == NULL)
    return FALSE;
  stmt = nk_store_prepare (store,
                           "SELECT id, allergens, allergy_other FROM children "
                           "WHERE id IN " NK_DAY_SET_CHILDREN " "
                           "AND (allergens != 0 OR allergy_other IS NOT NULL)",
                           error);
  if (stmt == NULL || !nk_day_set_bind_children (set, store, stmt, error))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      NkChildDay *child = nk_day_set_find (set, (const char *) sqlite3_column_text (stmt, 0));
      g_autoptr (GPtrArray) matches = NULL;

      if (child == NULL || !child->present)
        continue;
      matches = nk_menu_day_match (day, (NkAllergens) sqlite3_column_int64 (stmt, 1),
                                   (const char *) sqlite3_column_text (stmt, 2));
      for (guint i = 0; i < matches->len; i++)
        {
          const NkMenuMatch *m = matches->pdata[i];
          NkMenuAllergenRow *row = g_new0 (NkMenuAllergenRow, 1);
          g_autofree char *key = substitute_key (child->child_id, nk_meal_slot_code (m->slot),
                                                 m->dish->name);

          row->child_id = g_strdup (child->child_id);
          row->child_name = g_strdup (child->name);
          row->room_id = g_strdup (child->room_id);
          row->slot = m->slot;
          row->dish = g_strdup (m->dish->name);
          row->what = nk_menu_match_what (m);
          row->substitute = g_strdup (g_hash_table_lookup (done, key));
          g_ptr_array_add (rows, row);
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      nk_store_set_error (store, error, _("Cannot read the children's allergies"));
      return FALSE;
    }
  return TRUE;
}

static int
compare_rows (gconstpointer a, gconstpointer b)
{
  const NkMenuAllergenRow *x = *(NkMenuAllergenRow *const *) a;
  const NkMenuAllergenRow *y = *(NkMenuAllergenRow *const *) b;
  int c = g_strcmp0 (x->room_id, y->room_id);

  if (c == 0)
    c = g_strcmp0 (x->child_name, y->child_name);
  if (c == 0)
    c = (int) x->slot - (int) y->slot;
  return c;
}

GPtrArray *
nk_menu_today_list (NkStore *store, NkCentre *centre, const char *room_id, const char *date,
                    GError **error)
{
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) nk_menu_allergen_row_free);
  g_autoptr (GPtrArray) rooms = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GError) local = NULL;
  g_autoptr (NkMenuDay) day = nk_menu_day_load (store, date, &local);

  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  if (day == NULL)
    return g_steal_pointer (&rows);
  if (room_id != NULL)
    g_ptr_array_add (rooms, g_strdup (room_id));
  else
    {
      sqlite3_stmt *stmt = nk_store_prepare (store, "SELECT id FROM rooms ORDER BY name, id", error);
      int rc;

      if (stmt == NULL)
        return NULL;
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        g_ptr_array_add (rooms, nk_column_dup (stmt, 0));
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        {
          nk_store_set_error (store, error, _("Cannot read the rooms"));
          return NULL;
        }
    }
  for (guint r = 0; r < rooms->len; r++)
    {
      g_autoptr (NkDaySet) set = nk_day_set_load_room (store, centre, rooms->pdata[r], date, error);

      if (set == NULL || !add_rows (store, set, day, rows, error))
        return NULL;
    }
  g_ptr_array_sort (rows, compare_rows);
  return g_steal_pointer (&rows);
}

/* ---- the substitute -------------------------------------------------------------------- */

gboolean
nk_menu_substitute_confirm (NkStore *store, NkCentre *centre, const char *staff_id,
                            const char *child_id, NkMealSlot slot, const char *dish,
                            const char *substitute, GError **error)
{
  NkActor actor = { "staff", staff_id };
  g_autofree char *today = nk_centre_today (centre);
  g_autoptr (NkRecord) rec = NULL;
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (NkMenuDay) day = NULL;
  g_autoptr (GPtrArray) matches = NULL;
  sqlite3_stmt *row;
  gboolean on_menu = FALSE;

  g_return_val_if_fail (NK_IS_STORE (store) && NK_IS_CENTRE (centre) && slot < NK_MEAL_N_SLOTS, FALSE);

  if (child_id == NULL || dish == NULL)
    {
      g_set_error (error, NK_KIND_ERROR, NK_KIND_ERROR_REFERENCE, "%s",
                   _("This dish is not on today's menu for this child"));
      return FALSE;
    }
  rec = nk_record_begin (store, centre, &actor, error);
  if (rec == NULL)
    return FALSE;
  {
    g_autoptr (GError) local = NULL;

    day = nk_menu_day_load (store, today, &local);
    if (local != NULL)
      {
        g_propagate_error (error, g_steal_pointer (&local));
        return FALSE;
      }
  }
  if (!nk_store_query_row (store, &row, "SELECT allergens, allergy_other FROM children WHERE id = :id",
                           _("Cannot read the children's allergies"), error,
                           NK_TEXT (":id", child_id), NK_END))
    return FALSE;
  if (row != NULL)
    {
      matches = nk_menu_day_match (day, (NkAllergens) sqlite3_column_int64 (row, 0),
                                   (const char *) sqlite3_column_text (row, 1));
      sqlite3_reset (row);
      for (guint i = 0; i < matches->len; i++)
        {
          const NkMenuMatch *m = matches->pdata[i];

          on_menu |= m->slot == slot && g_strcmp0 (m->dish->name, dish) == 0;
        }
    }
  if (!on_menu)
    {
      g_set_error (error, NK_KIND_ERROR, NK_KIND_ERROR_REFERENCE, "%s",
                   _("This dish is not on today's menu for this child"));
      return FALSE;
    }
  json_builder_begin_object (b);
  nk_json_text (b, "child_id", child_id);
  nk_json_text (b, "date", today);
  nk_json_text (b, "slot", nk_meal_slot_code (slot));
  nk_json_text (b, "dish", dish);
  nk_json_text (b, "substitute", substitute);
  json_builder_end_object (b);
  if (nk_kind_put (rec, &nk_menu_substitute_kind, b, error) == NULL)
    return FALSE;
  return nk_record_commit (g_steal_pointer (&rec), error);
}

/* ---- the room page's mark ------------------------------------------------------------------ */

gboolean
nk_menu_day_source (NkStore *store, NkDaySet *set, GError **error)
{
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) nk_menu_allergen_row_free);
  g_autoptr (GError) local = NULL;
  g_autoptr (NkMenuDay) day = nk_menu_day_load (store, nk_day_set_get_date (set), &local);

  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (day == NULL)
    return TRUE;
  if (!add_rows (store, set, day, rows, error))
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    {
      const NkMenuAllergenRow *row = rows->pdata[i];
      NkChildDay *child = nk_day_set_find (set, row->child_id);
      g_autofree char *label = NULL;

      if (row->substitute != NULL || nk_child_day_get_mark (child, MARK_KEY) != NULL)
        continue;
      /* TRANSLATORS: a child's mark in the room page: a meal, a dish, and the allergen: 午餐 鸡蛋羹 含蛋类 */
      label = g_strdup_printf (_("%s %s contains %s"), nk_meal_slot_label (row->slot), row->dish,
                               row->what);
      nk_child_day_add_mark (child, MARK_KEY, label, NK_DAY_MARK_WARNING);
    }
  return TRUE;
}

/* ---- the door --------------------------------------------------------------------------- */

gboolean
nk_menu_door_note (const NkNoteContext *ctx, NkTapResult *result, GError **error)
{
  g_autoptr (NkMenuDay) day = NULL;
  g_autoptr (GPtrArray) matches = NULL;
  g_autoptr (GString) what = g_string_new (NULL);
  g_autofree char *family = NULL, *staff = NULL;
  sqlite3_stmt *row;

  if (result->outcome != NK_TAP_CHECKED_IN || result->person_id == NULL)
    return TRUE;
  if (!nk_store_query_row (ctx->store, &row,
                           "SELECT c.allergens, c.allergy_other, m.body FROM children c "
                           "JOIN menu_days m ON m.date = :date AND m.n_dishes > 0 "
                           "WHERE c.id = :child AND ((c.allergens & m.allergens & 255) != 0 "
                           "  OR c.allergy_other IS NOT NULL)",
                           _("Cannot read the menu"), error, NK_TEXT (":date", ctx->date),
                           NK_TEXT (":child", result->person_id), NK_END))
    return FALSE;
  if (row == NULL)
    return TRUE;
  day = nk_menu_day_from_text ((const char *) sqlite3_column_text (row, 2), error);
  if (day != NULL)
    matches = nk_menu_day_match (day, (NkAllergens) sqlite3_column_int64 (row, 0),
                                 (const char *) sqlite3_column_text (row, 1));
  sqlite3_reset (row);
  if (day == NULL)
    return FALSE;
  for (guint i = 0; i < matches->len; i++)
    {
      const NkMenuMatch *m = matches->pdata[i];
      g_autofree char *holds = nk_menu_match_what (m);

      if (i > 0)
        /* TRANSLATORS: between two dishes of a door note */
        g_string_append (what, C_("door note", "; "));
      g_string_append_printf (what, _("%s %s contains %s"), nk_meal_slot_label (m->slot),
                              m->dish->name, holds);
    }
  if (matches->len == 0)
    return TRUE;
  /* TRANSLATORS: the family's note at check-in: 今日午餐 鸡蛋羹 含蛋类，已通知老师准备替代餐 */
  family = g_strdup_printf (_("Today's %s — the teachers know and will prepare a substitute."),
                            what->str);
  /* TRANSLATORS: staff's note at check-in: the child, then the dishes */
  staff = g_strdup_printf (_("%s: today's %s — prepare a substitute."),
                           result->person_name ? result->person_name : result->person_id, what->str);
  nk_tap_result_add_note (result, NK_NOTE_FAMILY, NK_NOTE_WARNING, MARK_KEY, result->person_id, family);
  nk_tap_result_add_note (result, NK_NOTE_STAFF, NK_NOTE_WARNING, MARK_KEY ".staff", result->person_id,
                          staff);
  return TRUE;
}
