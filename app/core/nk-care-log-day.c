/* nk-care-log-day.c — the care log as it is read: the words for each
 * entry, the day source (lines for the parent, marks for staff), rows
 * read back for a correction, and the incidents of a child's day. */
#define G_LOG_DOMAIN "nk-core"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "nk-care-log.h"
#include "nk-store-private.h"

/* ---------------------------------------------------------------- words */

typedef struct {
  const char *choice;
  const char *label;
} ChoiceLabel;

static const ChoiceLabel choice_labels[] = {
  /* TRANSLATORS: meal slots (带量食谱 / 一日流程) */
  { "breakfast", N_("Breakfast") },
  { "morning_snack", N_("Morning snack") },
  { "lunch", N_("Lunch") },
  { "afternoon_snack", N_("Afternoon snack") },
  { "dinner", N_("Dinner") },
  /* TRANSLATORS: how much of a meal the child ate */
  { "all", N_("Ate all") },
  { "most", N_("Ate most") },
  { "half", N_("Ate half") },
  { "little", N_("Ate a little") },
  { "refused", N_("Refused") },
  { "breast_milk", N_("Breast milk") },
  { "formula", N_("Formula") },
  /* TRANSLATORS: diapers and toilet */
  { "wet", N_("Wet") },
  { "soiled", N_("Soiled") },
  { "dry", N_("Dry") },
  { "potty", N_("Used the potty") },
  /* TRANSLATORS: the colour of a soiled diaper */
  { "yellow", N_("Yellow") },
  { "brown", N_("Brown") },
  { "green", N_("Green") },
  { "black", N_("Black") },
  { "red", N_("Red") },
  { "white", N_("Pale") },
  /* TRANSLATORS: a child's mood */
  { "happy", N_("Happy") },
  { "calm", N_("Calm") },
  { "fussy", N_("Fussy") },
  { "upset", N_("Upset, crying") },
  { "tired", N_("Tired") },
  /* TRANSLATORS: whether the parent was told of an incident */
  { "not_yet", N_("Parent not told yet") },
  { "phone", N_("Parent told by phone") },
  { "in_person", N_("Parent told in person") },
};

const char *
nk_care_choice_label (const char *choice)
{
  for (guint i = 0; choice != NULL && i < G_N_ELEMENTS (choice_labels); i++)
    if (g_str_equal (choice_labels[i].choice, choice))
      return _(choice_labels[i].label);
  return choice;
}

const char *
nk_care_what_label (NkCareWhat what)
{
  switch (what)
    {
    case NK_CARE_MEAL: return _("Meal");
    case NK_CARE_BOTTLE: return _("Bottle");
    case NK_CARE_WATER: return _("Water");
    case NK_CARE_DIAPER: return _("Diaper");
    case NK_CARE_MOOD: return _("Mood");
    case NK_CARE_TEMPERATURE: return _("Temperature");
    case NK_CARE_INCIDENT: return _("Incident");
    case NK_CARE_NOTE: return _("Note");
    case NK_CARE_N_WHAT:
    default: return "";
    }
}

static const NkDayTopic what_topics[NK_CARE_N_WHAT] = {
  [NK_CARE_MEAL] = NK_DAY_MEAL,
  [NK_CARE_BOTTLE] = NK_DAY_BOTTLE,
  [NK_CARE_WATER] = NK_DAY_WATER,
  [NK_CARE_DIAPER] = NK_DAY_DIAPER,
  [NK_CARE_MOOD] = NK_DAY_MOOD,
  [NK_CARE_TEMPERATURE] = NK_DAY_TEMPERATURE,
  [NK_CARE_INCIDENT] = NK_DAY_INCIDENT,
  [NK_CARE_NOTE] = NK_DAY_NOTE,
};

int
nk_care_what_of_topic (NkDayTopic topic)
{
  for (int w = 0; w < NK_CARE_N_WHAT; w++)
    if (what_topics[w] == topic)
      return w;
  return -1;
}

static char *
join_details (const char *first,
              const char *second)
{
  if (second == NULL)
    return g_strdup (first);
  /* TRANSLATORS: two parts of a care line's detail */
  return g_strdup_printf (_("%s · %s"), first, second);
}

void
nk_care_describe (const NkCareEntry *e,
                  char             **title,
                  char             **detail,
                  gboolean          *flagged)
{
  *flagged = FALSE;
  switch (e->what)
    {
    case NK_CARE_MEAL:
      *title = g_strdup (nk_care_choice_label (e->slot));
      *detail = g_strdup (nk_care_choice_label (e->portion));
      *flagged = g_strcmp0 (e->portion, "refused") == 0;
      return;
    case NK_CARE_BOTTLE:
      *title = g_strdup (_("Bottle"));
      /* TRANSLATORS: a bottle: millilitres and the kind of milk */
      *detail = g_strdup_printf (_("%d ml · %s"), (int) e->ml, nk_care_choice_label (e->milk));
      return;
    case NK_CARE_WATER:
      *title = g_strdup (_("Water"));
      /* TRANSLATORS: millilitres of water */
      *detail = g_strdup_printf (_("%d ml"), (int) e->ml);
      return;
    case NK_CARE_DIAPER:
      *title = g_strdup (g_strcmp0 (e->diaper, "potty") == 0 ? _("Toilet") : _("Diaper"));
      *detail = join_details (nk_care_choice_label (e->diaper),
                              e->colour != NULL ? nk_care_choice_label (e->colour) : NULL);
      /* colours a paediatrician asks about */
      *flagged = e->colour != NULL && (g_str_equal (e->colour, "black") ||
                                       g_str_equal (e->colour, "red") ||
                                       g_str_equal (e->colour, "white"));
      return;
    case NK_CARE_MOOD:
      *title = g_strdup (_("Mood"));
      *detail = g_strdup (nk_care_choice_label (e->mood));
      return;
    case NK_CARE_TEMPERATURE:
      *title = g_strdup (_("Temperature"));
      /* TRANSLATORS: a temperature in degrees Celsius, e.g. "37.5 °C" */
      *detail = g_strdup_printf (_("%d.%d °C"), (int) e->tenths / 10, (int) e->tenths % 10);
      *flagged = e->tenths >= NK_CARE_FEVER_TENTHS;
      return;
    case NK_CARE_INCIDENT:
      {
        g_autofree char *where = join_details (e->text, e->place);
        g_autofree char *aid = e->first_aid != NULL ? join_details (where, e->first_aid) : g_strdup (where);

        *title = g_strdup (_("Incident"));
        *detail = join_details (aid, nk_care_choice_label (e->told));
        *flagged = TRUE;
        return;
      }
    case NK_CARE_NOTE:
      *title = g_strdup (_("Note"));
      *detail = g_strdup (e->text);
      return;
    case NK_CARE_N_WHAT:
    default:
      *title = g_strdup ("");
      *detail = NULL;
    }
}

GStrv
nk_care_default_phrases (void)
{
  static const char *const phrases[] = {
    N_("Ate well today"),
    N_("Slept well"),
    N_("Played happily with friends"),
    N_("A little runny nose"),
    N_("Please bring a change of clothes"),
    N_("Please bring diapers"),
    N_("Please trim the nails"),
    N_("Drank plenty of water"),
    N_("Cried a little at drop-off, settled soon"),
    N_("Learned a new song"),
  };
  g_autoptr (GStrvBuilder) b = g_strv_builder_new ();

  for (guint i = 0; i < G_N_ELEMENTS (phrases); i++)
    g_strv_builder_add (b, _(phrases[i]));
  return g_strv_builder_end (b);
}

const char *
nk_care_slot_at (int hour,
                 int minute)
{
  int m = hour * 60 + minute;

  if (m < 9 * 60)
    return "breakfast";
  if (m < 11 * 60)
    return "morning_snack";
  if (m < 14 * 60)
    return "lunch";
  if (m < 17 * 60)
    return "afternoon_snack";
  return "dinner";
}

/* ---------------------------------------------------------------- rows */

/* Each kind's value columns, read as the same five: text a, text b,
 * integer n, text c, text d. */
static const char *const what_columns[NK_CARE_N_WHAT] = {
  [NK_CARE_MEAL] = "slot, portion, 0, NULL, NULL",
  [NK_CARE_BOTTLE] = "milk, NULL, ml, NULL, NULL",
  [NK_CARE_WATER] = "NULL, NULL, ml, NULL, NULL",
  [NK_CARE_DIAPER] = "diaper, colour, 0, NULL, NULL",
  [NK_CARE_MOOD] = "mood, NULL, 0, NULL, NULL",
  [NK_CARE_TEMPERATURE] = "NULL, NULL, tenths, NULL, NULL",
  [NK_CARE_INCIDENT] = "what, place, 0, first_aid, told",
  [NK_CARE_NOTE] = "note, NULL, 0, NULL, NULL",
};

/* Every read selects 0 child, 1 id, 2 happened, 3 staff name, 4 stands,
 * then the five value columns (5…9). */
/* The statement text for what and a WHERE clause, made once and kept;
 * "STANDS" in where is the standing-row test of the kind's table (the
 * rows are read through the alias t). */
static const char *
row_sql (NkCareWhat  what,
         const char *where)
{
  static GHashTable *cache;
  g_autofree char *key = g_strdup_printf ("%d|%s", what, where);
  char *sql;

  if (g_once_init_enter (&cache))
    g_once_init_leave (&cache, g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free));
  sql = g_hash_table_lookup (cache, key);
  if (sql == NULL)
    {
      const char *table = nk_care_kind (what)->table;
      g_autofree char *stands = g_strdup_printf ("(NOT EXISTS (SELECT 1 FROM %s c WHERE c.corrects = t.id) "
                                                 "AND NOT t.deleted)", table);
      g_auto (GStrv) parts = g_strsplit (where, "STANDS", -1);
      g_autofree char *where_sql = g_strjoinv (stands, parts);

      sql = g_strdup_printf ("SELECT t.child_id, t.id, t.happened_us, s.name, %s, %s "
                             "FROM %s t LEFT JOIN staff s ON t.by_kind = 'staff' AND s.id = t.by_id %s",
                             stands, what_columns[what], table, where_sql);
      g_hash_table_insert (cache, g_steal_pointer (&key), sql);
    }
  return sql;
}

static void
fill_entry (NkCareWhat    what,
            sqlite3_stmt *stmt,
            NkCareEntry  *e,
            char        **strings)
{
  for (int i = 0; i < 2; i++)
    strings[i] = nk_column_dup (stmt, 5 + i);
  strings[2] = nk_column_dup (stmt, 8);
  strings[3] = nk_column_dup (stmt, 9);
  memset (e, 0, sizeof *e);
  e->what = what;
  e->at_us = sqlite3_column_int64 (stmt, 2);
  switch (what)
    {
    case NK_CARE_MEAL: e->slot = strings[0]; e->portion = strings[1]; break;
    case NK_CARE_BOTTLE: e->milk = strings[0]; e->ml = sqlite3_column_int64 (stmt, 7); break;
    case NK_CARE_WATER: e->ml = sqlite3_column_int64 (stmt, 7); break;
    case NK_CARE_DIAPER: e->diaper = strings[0]; e->colour = strings[1]; break;
    case NK_CARE_MOOD: e->mood = strings[0]; break;
    case NK_CARE_TEMPERATURE: e->tenths = sqlite3_column_int64 (stmt, 7); break;
    case NK_CARE_INCIDENT:
      e->text = strings[0]; e->place = strings[1]; e->first_aid = strings[2]; e->told = strings[3];
      break;
    case NK_CARE_NOTE: e->text = strings[0]; break;
    case NK_CARE_N_WHAT:
    default: break;
    }
}

static NkCareRow *
row_from (NkCareWhat    what,
          sqlite3_stmt *stmt)
{
  NkCareRow *row = g_new0 (NkCareRow, 1);

  row->child_id = nk_column_dup (stmt, 0);
  row->id = nk_column_dup (stmt, 1);
  row->staff_name = nk_column_dup (stmt, 3);
  row->stands = sqlite3_column_int (stmt, 4) != 0;
  fill_entry (what, stmt, &row->entry, row->strings);
  return row;
}

void
nk_care_row_free (NkCareRow *row)
{
  if (row == NULL)
    return;
  g_free (row->id);
  g_free (row->child_id);
  g_free (row->staff_name);
  for (guint i = 0; i < G_N_ELEMENTS (row->strings); i++)
    g_free (row->strings[i]);
  g_free (row);
}

NkCareRow *
nk_care_get (NkStore    *store,
             NkCareWhat  what,
             const char *id,
             GError    **error)
{
  sqlite3_stmt *stmt = NULL;
  NkCareRow *row;

  g_return_val_if_fail (what < NK_CARE_N_WHAT && id != NULL, NULL);

  if (!nk_store_query_row (store, &stmt, row_sql (what, "WHERE t.id = :id"),
                           _("Cannot read the care entry"), error, NK_TEXT (":id", id), NK_END))
    return NULL;
  if (stmt == NULL)
    {
      g_set_error (error, NK_KIND_ERROR, NK_KIND_ERROR_CORRECTED,
                   _("That entry is not there any more."));
      return NULL;
    }
  row = row_from (what, stmt);
  sqlite3_reset (stmt);
  return row;
}

/* ---------------------------------------------------------------- incidents */

GPtrArray *
nk_care_incident_list (NkStore    *store,
                       const char *child_id,
                       const char *date,
                       GError    **error)
{
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) nk_care_row_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = nk_store_prepare (store, row_sql (NK_CARE_INCIDENT,
                                           "WHERE t.child_id = :child AND t.local_date = :date AND "
                                           "STANDS ORDER BY t.happened_us, t.id"),
                           error);
  if (stmt == NULL ||
      !nk_store_bind (store, stmt, error, NK_TEXT (":child", child_id), NK_TEXT (":date", date), NK_END))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, row_from (NK_CARE_INCIDENT, stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      nk_store_set_error (store, error, _("Cannot read the incidents"));
      return NULL;
    }
  return g_steal_pointer (&rows);
}

gboolean
nk_care_incident_stands (NkStore    *store,
                         const char *child_id,
                         const char *incident_id)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (NkCareRow) row = nk_care_get (store, NK_CARE_INCIDENT, incident_id, &error);

  return row != NULL && row->stands && g_strcmp0 (row->child_id, child_id) == 0;
}

/* ---------------------------------------------------------------- the day */

static void
add_marks (NkChildDay        *day,
           NkDaySet          *set,
           const NkCareEntry *e)
{
  g_autofree char *time = nk_centre_format_time (nk_day_set_get_centre (set), e->at_us);
  g_autofree char *label = NULL;

  switch (e->what)
    {
    case NK_CARE_MEAL:
      /* TRANSLATORS: a mark in the room list: the last meal, e.g. "Lunch: Ate half" */
      label = g_strdup_printf (_("%s: %s"), nk_care_choice_label (e->slot),
                               nk_care_choice_label (e->portion));
      nk_child_day_add_mark (day, "care.meal", label, NK_DAY_MARK_INFO);
      return;
    case NK_CARE_TEMPERATURE:
      if (e->tenths >= NK_CARE_FEVER_TENTHS)
        {
          /* TRANSLATORS: a warning mark: a flagged temperature, e.g. "Fever 37.8 °C" */
          label = g_strdup_printf (_("Fever %d.%d °C"), (int) e->tenths / 10, (int) e->tenths % 10);
          nk_child_day_add_mark (day, "care.fever", label, NK_DAY_MARK_WARNING);
        }
      return;
    case NK_CARE_INCIDENT:
      if (g_strcmp0 (e->told, "not_yet") == 0)
        /* TRANSLATORS: a mark: an incident the parent has not been told of */
        nk_child_day_add_mark (day, "care.incident", _("Incident: tell the parent"), NK_DAY_MARK_DUE);
      else if (nk_child_day_get_mark (day, "care.incident") == NULL)
        nk_child_day_add_mark (day, "care.incident", _("Incident today"), NK_DAY_MARK_INFO);
      return;
    case NK_CARE_DIAPER:
      /* TRANSLATORS: a mark: the time of the last diaper change or toilet */
      label = g_strdup_printf (_("Diaper %s"), time);
      nk_child_day_add_mark (day, "care.diaper", label, NK_DAY_MARK_INFO);
      return;
    case NK_CARE_BOTTLE:
    case NK_CARE_WATER:
    case NK_CARE_MOOD:
    case NK_CARE_NOTE:
    case NK_CARE_N_WHAT:
    default:
      return;
    }
}

static void
remove_mark (NkChildDay *day,
             const char *key)
{
  for (guint i = 0; i < day->marks->len; i++)
    if (g_str_equal (((NkDayMark *) day->marks->pdata[i])->key, key))
      {
        g_ptr_array_remove_index (day->marks, i);
        return;
      }
}

static gboolean
what_source (NkStore   *store,
             NkDaySet  *set,
             NkCareWhat what,
             GError   **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = nk_store_prepare (store, row_sql (what,
                                           "WHERE t.local_date = :date AND t.child_id IN "
                                           NK_DAY_SET_CHILDREN " AND STANDS"
                                           " ORDER BY t.happened_us, t.id"),
                           error);
  if (stmt == NULL || !nk_day_set_bind_children (set, store, stmt, error) ||
      !nk_store_bind (store, stmt, error, NK_TEXT (":date", nk_day_set_get_date (set)), NK_END))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      NkChildDay *day = nk_day_set_find (set, (const char *) sqlite3_column_text (stmt, 0));
      g_autofree char *title = NULL, *detail = NULL;
      char *strings[5] = { NULL };
      NkCareEntry e;
      gboolean flagged;
      NkDayLineFlags flags;

      if (day == NULL)
        continue;
      fill_entry (what, stmt, &e, strings);
      nk_care_describe (&e, &title, &detail, &flagged);
      flags = (flagged ? NK_DAY_LINE_FLAGGED : 0) | (what == NK_CARE_INCIDENT ? NK_DAY_LINE_NEEDS_ACK : 0);
      nk_child_day_add_line (day, what_topics[what], e.at_us, 0, title, detail,
                             (const char *) sqlite3_column_text (stmt, 3),
                             (const char *) sqlite3_column_text (stmt, 1), flags);
      /* rows come in time order: a later normal temperature takes the
       * fever warning away */
      if (what == NK_CARE_TEMPERATURE && e.tenths < NK_CARE_FEVER_TENTHS)
        remove_mark (day, "care.fever");
      else
        add_marks (day, set, &e);
      for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
        g_free (strings[i]);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      nk_store_set_error (store, error, _("Cannot read the day's care log"));
      return FALSE;
    }
  return TRUE;
}

gboolean
nk_care_day_source (NkStore  *store,
                    NkDaySet *set,
                    GError  **error)
{
  for (int w = 0; w < NK_CARE_N_WHAT; w++)
    if (!what_source (store, set, w, error))
      return FALSE;
  return TRUE;
}
