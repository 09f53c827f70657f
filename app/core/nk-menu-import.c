/* nk-menu-import.c — menus from CSV (nk-menu-import.h): the header, every
 * row checked with its line, the days grouped and checked again by the
 * one validator of the contract, then saved in one record. */
#define G_LOG_DOMAIN "nk-core"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "nk-check.h"
#include "nk-csv.h"
#include "nk-menu-import.h"
#include "nk-menu-private.h"

enum { COL_DATE, COL_SLOT, COL_DISH, COL_INGREDIENTS, COL_ALLERGENS, COL_OTHER, COL_INFANT,
       COL_TODDLER, COL_SENIOR, N_COLUMNS };

/* Each column's name, and the Chinese one a spreadsheet may carry. */
static const char *const column_names[N_COLUMNS][2] = {
  [COL_DATE] = { "date", "日期" },
  [COL_SLOT] = { "slot", "餐次" },
  [COL_DISH] = { "dish", "菜品" },
  [COL_INGREDIENTS] = { "ingredients", "食材" },
  [COL_ALLERGENS] = { "allergens", "过敏原" },
  [COL_OTHER] = { "allergen_other", "其他过敏原" },
  [COL_INFANT] = { "amount_infant", "乳儿班" },
  [COL_TODDLER] = { "amount_toddler", "托小班" },
  [COL_SENIOR] = { "amount_senior", "托大班" },
};

/* Columns that must be in the header. */
static const gboolean required[N_COLUMNS] = { [COL_DATE] = TRUE, [COL_SLOT] = TRUE, [COL_DISH] = TRUE };

struct _NkMenuImport
{
  GPtrArray  *problems;   /* NkMenuImportProblem* */
  GPtrArray  *days;       /* NkMenuDay*, by date */
  GHashTable *first_line; /* date → the first line of that day (GUINT) */
  guint       n_dishes;
};

static void
problem_free (NkMenuImportProblem *p)
{
  g_free (p->message);
  g_free (p);
}

G_GNUC_PRINTF (3, 4)
static void
add_problem (NkMenuImport *self, guint line, const char *format, ...)
{
  NkMenuImportProblem *p = g_new0 (NkMenuImportProblem, 1);
  va_list args;

  va_start (args, format);
  p->line = line;
  p->message = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (self->problems, p);
}

/* The index of each column in the file's header (-1 absent); FALSE with a
 * problem when a required one is missing or a name is there twice. */
static gboolean
read_header (NkMenuImport *self, GPtrArray *fields, guint line, int *index)
{
  gboolean ok = TRUE;

  for (guint c = 0; c < N_COLUMNS; c++)
    index[c] = -1;
  for (guint i = 0; i < fields->len; i++)
    {
      g_autofree char *name = g_ascii_strdown (g_strstrip ((char *) fields->pdata[i]), -1);

      for (guint c = 0; c < N_COLUMNS; c++)
        if (strcmp (name, column_names[c][0]) == 0 || strcmp (name, column_names[c][1]) == 0)
          {
            if (index[c] >= 0)
              {
                add_problem (self, line, _("the column %s is there twice"), column_names[c][0]);
                ok = FALSE;
              }
            index[c] = (int) i;
          }
    }
  for (guint c = 0; c < N_COLUMNS; c++)
    if (required[c] && index[c] < 0)
      {
        add_problem (self, line, _("the header has no column %s (see docs/admin.md)"), column_names[c][0]);
        ok = FALSE;
      }
  return ok;
}

static const char *
field (GPtrArray *fields, const int *index, guint column)
{
  return index[column] >= 0 && (guint) index[column] < fields->len
         ? g_strstrip ((char *) fields->pdata[index[column]]) : "";
}

/* A text cell: NULL when empty; a problem when too long or holding
 * control characters. */
static gboolean
text_cell (NkMenuImport *self, guint line, const char *column, const char *value, gint64 max,
           char **out)
{
  *out = NULL;
  if (*value == '\0')
    return TRUE;
  if (!nk_check_is_text (value, max, TRUE))
    {
      add_problem (self, line, _("%s is longer than %lld characters or holds control characters"),
                   column, (long long) max);
      return FALSE;
    }
  *out = g_strdup (value);
  return TRUE;
}

static NkMenuDay *
day_of (NkMenuImport *self, const char *date, guint line)
{
  for (guint i = 0; i < self->days->len; i++)
    if (strcmp (((NkMenuDay *) self->days->pdata[i])->date, date) == 0)
      return self->days->pdata[i];
  g_ptr_array_add (self->days, nk_menu_day_new (date));
  g_hash_table_insert (self->first_line, g_strdup (date), GUINT_TO_POINTER (line));
  return self->days->pdata[self->days->len - 1];
}

static void
read_row (NkMenuImport *self, GPtrArray *fields, guint line, const int *index)
{
  const char *date = field (fields, index, COL_DATE);
  const char *slot_text = field (fields, index, COL_SLOT);
  const char *name = field (fields, index, COL_DISH);
  g_autoptr (NkMenuDish) dish = nk_menu_dish_new (NULL);
  g_autofree char *bad = NULL;
  gboolean ok = TRUE;
  NkMealSlot slot = NK_MEAL_LUNCH;
  NkMenuDay *day;

  if (!nk_check_date (date, NULL))
    {
      add_problem (self, line, _("date “%s” is not a real date YYYY-MM-DD"), date);
      ok = FALSE;
    }
  if (!nk_meal_slot_parse (slot_text, &slot))
    {
      add_problem (self, line,
                   _("slot “%s” is not one of breakfast, morning_snack, lunch, afternoon_snack, dinner "
                     "(or 早餐, 上午点心, 午餐, 下午点心, 晚餐)"),
                   slot_text);
      ok = FALSE;
    }
  if (*name == '\0')
    {
      add_problem (self, line, "%s", _("the dish has no name"));
      ok = FALSE;
    }
  ok &= text_cell (self, line, "dish", name, NK_MENU_MAX_NAME, &dish->name);
  ok &= text_cell (self, line, "ingredients", field (fields, index, COL_INGREDIENTS),
                   NK_MENU_MAX_INGREDIENTS, &dish->ingredients);
  ok &= text_cell (self, line, "allergen_other", field (fields, index, COL_OTHER), NK_ALLERGEN_OTHER_MAX,
                   &dish->allergen_other);
  ok &= text_cell (self, line, "amount_infant", field (fields, index, COL_INFANT), NK_MENU_MAX_AMOUNT,
                   &dish->amounts[NK_ROOM_INFANT]);
  ok &= text_cell (self, line, "amount_toddler", field (fields, index, COL_TODDLER), NK_MENU_MAX_AMOUNT,
                   &dish->amounts[NK_ROOM_TODDLER]);
  ok &= text_cell (self, line, "amount_senior", field (fields, index, COL_SENIOR), NK_MENU_MAX_AMOUNT,
                   &dish->amounts[NK_ROOM_SENIOR_TODDLER]);
  if (!nk_allergens_parse_list (field (fields, index, COL_ALLERGENS), &dish->allergens, &bad))
    {
      add_problem (self, line,
                   _("“%s” is not one of the allergen groups (gluten, crustacean, fish, egg, peanut, "
                     "soy, milk, tree_nut, other); write other allergens in allergen_other"),
                   bad);
      ok = FALSE;
    }
  if (dish->allergen_other != NULL)
    dish->allergens |= NK_ALLERGEN_OTHER;
  else if (dish->allergens & NK_ALLERGEN_OTHER)
    {
      add_problem (self, line, "%s", _("allergens say “other” but allergen_other is empty"));
      ok = FALSE;
    }
  if (!ok)
    return;
  day = day_of (self, date, line);
  if (day->dishes[slot]->len >= NK_MENU_MAX_DISHES)
    {
      add_problem (self, line, _("more than %d dishes for %s %s"), NK_MENU_MAX_DISHES, date,
                   nk_meal_slot_label (slot));
      return;
    }
  nk_menu_day_add_dish (day, slot, g_steal_pointer (&dish));
  self->n_dishes++;
}

static int
compare_days (gconstpointer a, gconstpointer b)
{
  return strcmp ((*(NkMenuDay *const *) a)->date, (*(NkMenuDay *const *) b)->date);
}

static int
compare_problems (gconstpointer a, gconstpointer b)
{
  guint x = (*(NkMenuImportProblem *const *) a)->line, y = (*(NkMenuImportProblem *const *) b)->line;

  return x < y ? -1 : x > y;
}

/* Each day through the contract's validator, as the platform and the
 * other doors will read it. */
static void
check_days (NkMenuImport *self)
{
  for (guint i = 0; i < self->days->len; i++)
    {
      NkMenuDay *day = self->days->pdata[i];
      g_autoptr (JsonNode) node = nk_menu_day_to_node (day);
      g_autoptr (GError) error = NULL;
      g_autoptr (NkMenuDay) checked = nk_menu_day_from_json (node, NULL, &error);

      if (checked == NULL)
        add_problem (self, GPOINTER_TO_UINT (g_hash_table_lookup (self->first_line, day->date)),
                     _("the day %s: %s"), day->date, error->message);
    }
}

NkMenuImport *
nk_menu_import_parse (const char *data, gssize len)
{
  NkMenuImport *self = g_new0 (NkMenuImport, 1);
  g_autoptr (NkCsvReader) reader = NULL;
  g_autoptr (GError) error = NULL;
  GPtrArray *fields = NULL;
  int index[N_COLUMNS];
  gboolean header = FALSE, header_ok = FALSE;
  guint line = 0;

  self->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) problem_free);
  self->days = g_ptr_array_new_with_free_func ((GDestroyNotify) nk_menu_day_free);
  self->first_line = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (len < 0)
    len = data ? (gssize) strlen (data) : 0;
  if ((gsize) len > NK_MENU_IMPORT_MAX_BYTES)
    {
      add_problem (self, 1, _("the file is larger than %d KiB; a menu is far smaller"),
                   NK_MENU_IMPORT_MAX_BYTES / 1024);
      return self;
    }
  reader = nk_csv_reader_new (data ? data : "", len);
  while (nk_csv_reader_next (reader, &fields, &line, &error))
    {
      if (!header)
        {
          header = TRUE;
          header_ok = read_header (self, fields, line, index);
        }
      else if (header_ok)
        read_row (self, fields, line, index);
      g_ptr_array_unref (fields);
      if (self->problems->len > 100)
        break;
    }
  if (error != NULL)
    add_problem (self, line, "%s", error->message);
  if (!header)
    add_problem (self, 1, "%s", _("the file is empty: it needs a header and one row per dish"));
  else if (self->n_dishes == 0 && self->problems->len == 0)
    add_problem (self, line, "%s", _("the file has a header but no dish"));
  if (self->problems->len == 0)
    check_days (self);
  g_ptr_array_sort (self->days, compare_days);
  g_ptr_array_sort (self->problems, compare_problems);
  return self;
}

void
nk_menu_import_free (NkMenuImport *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->problems);
  g_ptr_array_unref (self->days);
  g_hash_table_unref (self->first_line);
  g_free (self);
}

GPtrArray *
nk_menu_import_get_problems (NkMenuImport *self)
{
  return self->problems;
}

GPtrArray *
nk_menu_import_get_days (NkMenuImport *self)
{
  return self->days;
}

guint
nk_menu_import_get_n_dishes (NkMenuImport *self)
{
  return self->n_dishes;
}

gboolean
nk_menu_import_apply (NkMenuImport *self, NkStore *store, NkCentre *centre, GError **error)
{
  if (self->problems->len > 0 || self->days->len == 0)
    {
      g_set_error (error, NK_MENU_ERROR, NK_MENU_ERROR_INVALID, "%s",
                   _("The menu file has problems: nothing was imported"));
      return FALSE;
    }
  return nk_menu_days_save (store, centre, self->days, "import", error);
}
