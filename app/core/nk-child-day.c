/* nk-child-day.c — a child's day from the sources of every kind
 * (nk-child-day.h).  This file owns the set and the attendance source;
 * each other kind's source lives beside its rows and is named in
 * day_sources[]. */
#define G_LOG_DOMAIN "nk-core"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "nk-absence.h"
#include "nk-care-log.h"
#include "nk-checkup.h"
#include "nk-child-day.h"
#include "nk-health-check.h"
#include "nk-health-observation.h"
#include "nk-incident-ack.h"
#include "nk-medicine.h"
#include "nk-menu-today.h"
#include "nk-nap.h"
#include "nk-sleep-check.h"
#include "nk-store-private.h"

struct _NkDaySet
{
  NkCentre   *centre;
  char       *date;
  char       *room_id;
  char       *child_id;
  GPtrArray  *days;       /* NkChildDay*, by name */
  GHashTable *by_id;      /* child_id → NkChildDay* (borrowed) */
};

static gboolean attendance_source (NkStore *store, NkDaySet *set, GError **error);

/* Every kind that adds to a child's day, in the order their marks show. */
static const NkDaySource day_sources[] = {
  attendance_source,
  nk_care_day_source,
  nk_nap_day_source,
  nk_sleep_check_day_source,
  nk_health_check_day_source,
  nk_health_observation_day_source,
  nk_medicine_day_source,
  nk_menu_day_source,
  nk_checkup_day_source,
  nk_absence_day_source,
  /* last: clears the acknowledgement flag of what the sources above added */
  nk_incident_ack_source,
};

static void
day_line_free (NkDayLine *line)
{
  g_free (line->title);
  g_free (line->detail);
  g_free (line->staff_name);
  g_free (line->record_id);
  g_free (line);
}

static void
day_mark_free (NkDayMark *mark)
{
  g_free (mark->key);
  g_free (mark->label);
  g_free (mark);
}

static void
child_day_free (NkChildDay *day)
{
  g_free (day->child_id);
  g_free (day->name);
  g_free (day->room_id);
  g_ptr_array_unref (day->lines);
  g_ptr_array_unref (day->marks);
  g_free (day);
}

void
nk_day_set_free (NkDaySet *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->centre);
  g_free (self->date);
  g_free (self->room_id);
  g_free (self->child_id);
  g_hash_table_unref (self->by_id);
  g_ptr_array_unref (self->days);
  g_free (self);
}

/* Whole months from a "YYYY-MM-DD" birthday to date; -1 when either is
 * not a date or the birthday is later. */
static int
age_in_months (const char *birthday, const char *date)
{
  int by, bm, bd, y, m, d, months;

  if (birthday == NULL || sscanf (birthday, "%d-%d-%d", &by, &bm, &bd) != 3 ||
      sscanf (date, "%d-%d-%d", &y, &m, &d) != 3)
    return -1;
  months = (y - by) * 12 + (m - bm) - (d < bd ? 1 : 0);
  return months < 0 ? -1 : months;
}

gboolean
nk_day_set_bind_children (NkDaySet     *self,
                          NkStore      *store,
                          sqlite3_stmt *stmt,
                          GError      **error)
{
  return nk_store_bind (store, stmt, error, NK_TEXT (":room", self->room_id),
                        NK_TEXT (":child", self->child_id), NK_END);
}

static gboolean
load_children (NkStore  *store,
               NkDaySet *set,
               GError  **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = nk_store_prepare (store,
                           "SELECT id, name, room_id, date_of_birth FROM children "
                           "WHERE id IN " NK_DAY_SET_CHILDREN " ORDER BY name, id",
                           error);
  if (stmt == NULL || !nk_day_set_bind_children (set, store, stmt, error))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      NkChildDay *day = g_new0 (NkChildDay, 1);

      day->child_id = nk_column_dup (stmt, 0);
      day->name = nk_column_dup (stmt, 1);
      day->room_id = nk_column_dup (stmt, 2);
      day->age_months = age_in_months ((const char *) sqlite3_column_text (stmt, 3), set->date);
      day->lines = g_ptr_array_new_with_free_func ((GDestroyNotify) day_line_free);
      day->marks = g_ptr_array_new_with_free_func ((GDestroyNotify) day_mark_free);
      g_ptr_array_add (set->days, day);
      g_hash_table_insert (set->by_id, day->child_id, day);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      nk_store_set_error (store, error, _("Cannot read the children of the day"));
      return FALSE;
    }
  return TRUE;
}

/* Lines in time order; at the same instant, in the order of the topics. */
static int
compare_lines (gconstpointer a,
               gconstpointer b)
{
  const NkDayLine *x = *(NkDayLine *const *) a;
  const NkDayLine *y = *(NkDayLine *const *) b;

  if (x->at_us != y->at_us)
    return x->at_us < y->at_us ? -1 : 1;
  return (int) x->topic - (int) y->topic;
}

static NkDaySet *
day_set_load (NkStore           *store,
              NkCentre          *centre,
              const char        *room_id,
              const char        *child_id,
              const char        *date,
              const NkDaySource *sources,
              guint              n_sources,
              GError           **error)
{
  g_autoptr (NkDaySet) set = g_new0 (NkDaySet, 1);

  set->centre = g_object_ref (centre);
  set->date = g_strdup (date);
  set->room_id = g_strdup (room_id);
  set->child_id = g_strdup (child_id);
  set->days = g_ptr_array_new_with_free_func ((GDestroyNotify) child_day_free);
  set->by_id = g_hash_table_new (g_str_hash, g_str_equal);

  if (!load_children (store, set, error))
    return NULL;
  if (sources != day_sources && !attendance_source (store, set, error))
    return NULL;
  for (guint i = 0; i < n_sources; i++)
    if (!sources[i] (store, set, error))
      return NULL;
  for (guint i = 0; i < set->days->len; i++)
    g_ptr_array_sort (((NkChildDay *) set->days->pdata[i])->lines, compare_lines);
  return g_steal_pointer (&set);
}

NkDaySet *
nk_day_set_load_child (NkStore    *store,
                       NkCentre   *centre,
                       const char *child_id,
                       const char *date,
                       GError    **error)
{
  g_return_val_if_fail (NK_IS_STORE (store) && NK_IS_CENTRE (centre), NULL);
  g_return_val_if_fail (child_id != NULL && date != NULL, NULL);

  return day_set_load (store, centre, NULL, child_id, date, day_sources, G_N_ELEMENTS (day_sources), error);
}

NkDaySet *
nk_day_set_load_room (NkStore    *store,
                      NkCentre   *centre,
                      const char *room_id,
                      const char *date,
                      GError    **error)
{
  g_return_val_if_fail (NK_IS_STORE (store) && NK_IS_CENTRE (centre), NULL);
  g_return_val_if_fail (room_id != NULL && date != NULL, NULL);

  return day_set_load (store, centre, room_id, NULL, date, day_sources, G_N_ELEMENTS (day_sources), error);
}

NkDaySet *
nk_day_set_load_centre (NkStore           *store,
                        NkCentre          *centre,
                        const char        *date,
                        const NkDaySource *sources,
                        guint              n,
                        GError           **error)
{
  g_return_val_if_fail (NK_IS_STORE (store) && NK_IS_CENTRE (centre), NULL);
  g_return_val_if_fail (date != NULL && (sources != NULL || n == 0), NULL);

  return day_set_load (store, centre, NULL, NULL, date, sources, n, error);
}

const char *
nk_day_set_get_date (NkDaySet *self)
{
  return self->date;
}

const char *
nk_day_set_get_room (NkDaySet *self)
{
  return self->room_id;
}

const char *
nk_day_set_get_child (NkDaySet *self)
{
  return self->child_id;
}

NkCentre *
nk_day_set_get_centre (NkDaySet *self)
{
  return self->centre;
}

guint
nk_day_set_get_n (NkDaySet *self)
{
  return self->days->len;
}

NkChildDay *
nk_day_set_get (NkDaySet *self,
                guint     i)
{
  g_return_val_if_fail (i < self->days->len, NULL);
  return self->days->pdata[i];
}

NkChildDay *
nk_day_set_find (NkDaySet   *self,
                 const char *child_id)
{
  return child_id != NULL ? g_hash_table_lookup (self->by_id, child_id) : NULL;
}

void
nk_child_day_add_line (NkChildDay    *day,
                       NkDayTopic     topic,
                       gint64         at_us,
                       gint64         until_us,
                       const char    *title,
                       const char    *detail,
                       const char    *staff_name,
                       const char    *record_id,
                       NkDayLineFlags flags)
{
  NkDayLine *line = g_new0 (NkDayLine, 1);

  line->topic = topic;
  line->at_us = at_us;
  line->until_us = until_us;
  line->title = g_strdup (title);
  line->detail = g_strdup (detail);
  line->staff_name = g_strdup (staff_name);
  line->record_id = g_strdup (record_id);
  line->flags = flags;
  g_ptr_array_add (day->lines, line);
}

void
nk_child_day_add_mark (NkChildDay    *day,
                       const char    *key,
                       const char    *label,
                       NkDayMarkLevel level)
{
  NkDayMark *mark;

  g_return_if_fail (key != NULL && label != NULL);

  for (guint i = 0; i < day->marks->len; i++)
    {
      mark = day->marks->pdata[i];
      if (g_str_equal (mark->key, key))
        {
          g_free (mark->label);
          mark->label = g_strdup (label);
          mark->level = level;
          return;
        }
    }
  mark = g_new0 (NkDayMark, 1);
  mark->key = g_strdup (key);
  mark->label = g_strdup (label);
  mark->level = level;
  g_ptr_array_add (day->marks, mark);
}

const NkDayMark *
nk_child_day_get_mark (NkChildDay *day,
                       const char *key)
{
  for (guint i = 0; i < day->marks->len; i++)
    if (g_str_equal (((NkDayMark *) day->marks->pdata[i])->key, key))
      return day->marks->pdata[i];
  return NULL;
}

GPtrArray *
nk_child_day_get_lines (NkChildDay *day,
                        NkDayTopic  topic)
{
  GPtrArray *lines = g_ptr_array_new ();

  for (guint i = 0; i < day->lines->len; i++)
    if (((NkDayLine *) day->lines->pdata[i])->topic == topic)
      g_ptr_array_add (lines, day->lines->pdata[i]);
  return lines;
}

/* Attendance: the first arrival and the last departure of the date, who
 * brought and who took the child, and whether the child is here now
 * (the latest record by the merge order decides, as for the door). */
static gboolean
attendance_source (NkStore  *store,
                   NkDaySet *set,
                   GError  **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = nk_store_prepare (store,
                           "SELECT a.child_id, a.id, a.kind, a.at_us, a.by_kind, "
                           "  coalesce (g.name, s.name) "
                           "FROM attendance a "
                           "LEFT JOIN guardians g ON a.by_kind = 'guardian' AND g.id = a.by_id "
                           "LEFT JOIN staff s ON a.by_kind = 'staff' AND s.id = a.by_id "
                           "WHERE a.local_date = :date AND a.kind IN ('in', 'out') "
                           /* "+": today's rows by date (attendance_date), not one
                            * look-up per child: a whole centre's set costs half */
                           "  AND +a.child_id IN " NK_DAY_SET_CHILDREN " "
                           "ORDER BY a.child_id, a.order_us, a.id",
                           error);
  if (stmt == NULL || !nk_day_set_bind_children (set, store, stmt, error) ||
      !nk_store_bind (store, stmt, error, NK_TEXT (":date", set->date), NK_END))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      NkChildDay *day = nk_day_set_find (set, (const char *) sqlite3_column_text (stmt, 0));
      const char *id = (const char *) sqlite3_column_text (stmt, 1);
      gboolean in = g_str_equal ((const char *) sqlite3_column_text (stmt, 2), "in");
      gint64 at_us = sqlite3_column_int64 (stmt, 3);
      const char *by = (const char *) sqlite3_column_text (stmt, 5);

      if (day == NULL)
        continue;
      day->present = in;
      if (in && day->arrived_us == 0)
        {
          day->arrived_us = at_us;
          /* TRANSLATORS: the parent's day: the child's arrival */
          nk_child_day_add_line (day, NK_DAY_ARRIVAL, at_us, 0, _("Arrived"), by, NULL, id, 0);
        }
      if (!in)
        day->left_us = at_us;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      nk_store_set_error (store, error, _("Cannot read the day's attendance"));
      return FALSE;
    }
  for (guint i = 0; i < set->days->len; i++)
    {
      NkChildDay *day = set->days->pdata[i];

      if (day->arrived_us != 0 && !day->present)
        /* TRANSLATORS: a mark in staff mode's room list: came and went today */
        nk_child_day_add_mark (day, "attendance.left", _("Gone home"), NK_DAY_MARK_INFO);
    }
  return TRUE;
}
