/* nk-report-attendance.c — the attendance and utilisation figures of a
 * month: per child and room, per room, per room and day (nk-report.h). */
#define G_LOG_DOMAIN "nk-report"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "nk-report-private.h"

/* The rows of the month and the next month's first day (which may close
 * a stay begun on the month's last day), in the merge order; a row
 * without a room (made before rows carried one) has the child's room. */
const char nk_report_attendance_sql[] =
  "SELECT a.child_id, a.kind, a.at_us, a.local_date, coalesce (a.room_id, c.room_id, '')"
  "  FROM attendance a LEFT JOIN children c ON c.id = a.child_id"
  " WHERE a.local_date >= :first AND a.local_date <= :next AND a.kind IN ('in', 'out', 'not_out')"
  " ORDER BY a.child_id, a.order_us, a.id";

static void
child_free (gpointer data)
{
  NkReportChild *child = data;

  g_free (child->child_id);
  g_free (child->name);
  g_free (child->room_id);
  g_free (child->room_name);
  g_free (child);
}

static void
room_free (gpointer data)
{
  NkReportRoom *room = data;

  g_free (room->room_id);
  g_free (room->room_name);
  g_free (room);
}

static void
room_day_free (gpointer data)
{
  NkReportRoomDay *day = data;

  g_free (day->date);
  g_free (day->room_id);
  g_free (day->room_name);
  g_free (day);
}

typedef struct {
  NkReport   *report;
  GHashTable *rooms;       /* id → NkReportRoom (in report->rooms) */
  GHashTable *names;       /* child id → name */
  GHashTable *children;    /* "child\037room" → NkReportChild (in report->children) */
  GHashTable *room_days;   /* "date\037room" → NkReportRoomDay */
  GHashTable *dates;       /* the days the centre was open */
  GPtrArray  *active;      /* the active children: id, room, id, room … */
} Gather;

static NkReportRoom *
gather_room (Gather *g, const char *room_id)
{
  NkReportRoom *room = g_hash_table_lookup (g->rooms, room_id);

  if (room != NULL)
    return room;
  /* a room no longer on the roster, or none at all */
  room = g_new0 (NkReportRoom, 1);
  room->room_id = g_strdup (room_id);
  room->room_name = g_strdup (room_id[0] != '\0' ? room_id : _("(no room)"));
  g_ptr_array_add (g->report->rooms, room);
  g_hash_table_insert (g->rooms, room->room_id, room);
  return room;
}

static NkReportChild *
gather_child (Gather *g, const char *child_id, NkReportRoom *room)
{
  g_autofree char *key = g_strconcat (child_id, "\037", room->room_id, NULL);
  NkReportChild *child = g_hash_table_lookup (g->children, key);
  const char *name;

  if (child != NULL)
    return child;
  name = g_hash_table_lookup (g->names, child_id);
  child = g_new0 (NkReportChild, 1);
  child->child_id = g_strdup (child_id);
  child->name = g_strdup (name != NULL ? name : child_id);
  child->room_id = g_strdup (room->room_id);
  child->room_name = g_strdup (room->room_name);
  g_ptr_array_add (g->report->children, child);
  g_hash_table_insert (g->children, g_steal_pointer (&key), child);
  return child;
}

static void
gather_room_day (Gather *g, const char *date, NkReportRoom *room, guint present)
{
  g_autofree char *key = g_strconcat (date, "\037", room->room_id, NULL);
  NkReportRoomDay *day = g_hash_table_lookup (g->room_days, key);

  if (day == NULL)
    {
      day = g_new0 (NkReportRoomDay, 1);
      day->date = g_strdup (date);
      day->room_id = g_strdup (room->room_id);
      day->room_name = g_strdup (room->room_name);
      day->places = room->places;
      g_ptr_array_add (g->report->room_days, day);
      g_hash_table_insert (g->room_days, g_steal_pointer (&key), day);
    }
  day->present += present;
}

static void
room_row (sqlite3_stmt *row, gpointer data)
{
  Gather *g = data;
  NkReportRoom *room = g_new0 (NkReportRoom, 1);

  room->room_id = nk_column_dup (row, 0);
  room->room_name = nk_column_dup (row, 1);
  room->places = (guint) sqlite3_column_int (row, 2);
  g_ptr_array_add (g->report->rooms, room);
  g_hash_table_insert (g->rooms, room->room_id, room);
}

/* Every child's name; the active ones (id, room) in g->active. */
static void
child_row (sqlite3_stmt *row, gpointer data)
{
  Gather *g = data;

  g_hash_table_insert (g->names, nk_column_dup (row, 0), nk_column_dup (row, 1));
  if (sqlite3_column_int (row, 3) != 0)
    {
      g_ptr_array_add (g->active, nk_column_dup (row, 0));
      g_ptr_array_add (g->active, nk_column_dup (row, 2));
    }
}

static gboolean
read_roster (Gather *g, NkStore *store, GError **error)
{
  return nk_report_each_row (store, "SELECT id, name, places FROM rooms", NULL, _("Cannot read the roster"),
                             room_row, g, error)
         && nk_report_each_row (store, "SELECT id, name, coalesce (room_id, ''), active FROM children", NULL,
                                _("Cannot read the roster"), child_row, g, error);
}

static int
compare_children (gconstpointer a, gconstpointer b)
{
  const NkReportChild *x = *(NkReportChild *const *) a, *y = *(NkReportChild *const *) b;
  int c = g_utf8_collate (x->room_name, y->room_name);

  if (c == 0)
    c = g_utf8_collate (x->name, y->name);
  return c != 0 ? c : strcmp (x->child_id, y->child_id);
}

static int
compare_rooms (gconstpointer a, gconstpointer b)
{
  const NkReportRoom *x = *(NkReportRoom *const *) a, *y = *(NkReportRoom *const *) b;
  int c = g_utf8_collate (x->room_name, y->room_name);

  return c != 0 ? c : strcmp (x->room_id, y->room_id);
}

static int
compare_room_days (gconstpointer a, gconstpointer b)
{
  const NkReportRoomDay *x = *(NkReportRoomDay *const *) a, *y = *(NkReportRoomDay *const *) b;
  int c = strcmp (x->date, y->date);

  if (c == 0)
    c = g_utf8_collate (x->room_name, y->room_name);
  return c != 0 ? c : strcmp (x->room_id, y->room_id);
}

/* Every room of the roster on every day the centre was open, also with
 * no child present. */
static void
gather_open_days (Gather *g)
{
  GHashTableIter iter;
  gpointer date;

  g_hash_table_iter_init (&iter, g->dates);
  while (g_hash_table_iter_next (&iter, &date, NULL))
    for (guint i = 0; i < g->report->rooms->len; i++)
      {
        NkReportRoom *room = g->report->rooms->pdata[i];

        if (room->places > 0)
          gather_room_day (g, date, room, 0);
      }
}

void
nk_report_utilisation_between (const NkReport *report, const char *first, const char *next, guint *present,
                               guint *place_days, guint *open_days)
{
  g_autoptr(GHashTable) dates = g_hash_table_new (g_str_hash, g_str_equal);

  *present = 0;
  *place_days = 0;
  for (guint i = 0; i < report->room_days->len; i++)
    {
      NkReportRoomDay *day = report->room_days->pdata[i];

      if (strcmp (day->date, first) < 0 || strcmp (day->date, next) >= 0)
        continue;
      g_hash_table_add (dates, day->date);
      /* a room no longer on the roster has no places to share */
      if (day->places == 0)
        continue;
      *present += day->present;
      *place_days += day->places;
    }
  if (open_days != NULL)
    *open_days = g_hash_table_size (dates);
}

gboolean
nk_report_build_attendance (NkReport *report, NkStore *store, GError **error)
{
  g_autoptr(GHashTable) rooms = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) children = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) room_days = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) dates = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) came = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) active = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) days = NULL;
  Gather g = { report, rooms, names, children, room_days, dates, active };

  report->children = g_ptr_array_new_with_free_func (child_free);
  report->rooms = g_ptr_array_new_with_free_func (room_free);
  report->room_days = g_ptr_array_new_with_free_func (room_day_free);

  if (!read_roster (&g, store, error))
    return FALSE;
  days = nk_report_read_days (store, nk_report_attendance_sql, &report->month, _("Cannot read the attendance"), error);
  if (days == NULL)
    return FALSE;

  for (guint i = 0; i < days->len; i++)
    {
      NkReportDay *day = days->pdata[i];
      NkReportRoom *room = gather_room (&g, day->room);
      guint before = g_hash_table_size (children);
      NkReportChild *child = gather_child (&g, day->person, room);
      gint64 minutes = (day->minutes_us + 30 * G_USEC_PER_SEC) / (60 * G_USEC_PER_SEC);

      if (g_hash_table_size (children) != before)
        room->children++;
      child->days++;
      child->minutes += minutes;
      child->unmeasured += day->unmeasured;
      room->days++;
      room->minutes += minutes;
      room->unmeasured += day->unmeasured;
      gather_room_day (&g, day->date, room, 1);
      g_hash_table_add (dates, day->date);
      g_hash_table_add (came, day->person);
    }
  gather_open_days (&g);

  /* the children on the roster who did not come this month */
  for (guint i = 0; i + 1 < active->len; i += 2)
    if (!g_hash_table_contains (came, active->pdata[i]))
      gather_child (&g, active->pdata[i], gather_room (&g, active->pdata[i + 1]));

  for (guint i = 0; i < report->rooms->len; i++)
    {
      NkReportRoom *room = report->rooms->pdata[i];

      report->total.places += room->places;
      report->total.days += room->days;
      report->total.minutes += room->minutes;
      report->total.unmeasured += room->unmeasured;
    }
  /* a child who moved room is one child of the centre */
  report->total.children = g_hash_table_size (came);
  g_ptr_array_sort (report->children, compare_children);
  g_ptr_array_sort (report->rooms, compare_rooms);
  g_ptr_array_sort (report->room_days, compare_room_days);
  return TRUE;
}
