/* nk-dashboard.c — the director's figures of today (nk-dashboard.h). */
#define G_LOG_DOMAIN "nk-core"

#include "config.h"

#include <glib/gi18n.h>

#include "nk-absence.h"
#include "nk-attendance.h"
#include "nk-care-log.h"
#include "nk-checkup.h"
#include "nk-child-day.h"
#include "nk-dashboard.h"
#include "nk-health-check.h"
#include "nk-incident-ack.h"
#include "nk-medicine.h"
#include "nk-sleep-check.h"

struct _NkDashboard
{
  GObject       parent_instance;

  NkStore      *store;
  NkCentre     *centre;
  NkAttendance *attendance;
  /* the check-ups due this month, counted for checkups_date */
  char         *checkups_date;
  guint         checkups_due;
  guint         checkup_counts;
  guint         changed_id;
};

G_DEFINE_FINAL_TYPE (NkDashboard, nk_dashboard, G_TYPE_OBJECT)

enum { SIGNAL_CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static guint closing_minutes = NK_DASHBOARD_CLOSING_DEFAULT;

void
nk_dashboard_set_closing_minutes (guint minutes)
{
  g_return_if_fail (minutes < 24 * 60);
  closing_minutes = minutes;
}

guint
nk_dashboard_get_closing_minutes (void)
{
  return closing_minutes;
}

const char *
nk_dashboard_line_to_string (NkDashboardLine line)
{
  static const char *const names[NK_DASHBOARD_N_LINES] = {
    "not-arrived", "after-closing", "illness", "health-pending", "sleep-overdue",
    "medicine-due", "incidents-open", "checkups-due",
  };

  g_return_val_if_fail (line < NK_DASHBOARD_N_LINES, NULL);
  return names[line];
}

gboolean
nk_dashboard_line_timed (NkDashboardLine line)
{
  return line == NK_DASHBOARD_NOT_ARRIVED || line == NK_DASHBOARD_AFTER_CLOSING
         || line == NK_DASHBOARD_SLEEP_OVERDUE || line == NK_DASHBOARD_MEDICINE_DUE
         || line == NK_DASHBOARD_HEALTH_PENDING;
}

/* ---------------------------------------------------------------- figures */

static void
room_free (NkDashboardRoom *room)
{
  g_free (room->room_id);
  g_free (room->name);
  g_free (room);
}

static void
name_free (NkDashboardName *name)
{
  g_free (name->child_id);
  g_free (name->name);
  g_free (name->room_id);
  g_free (name->room_name);
  g_free (name->detail);
  g_free (name);
}

void
nk_dashboard_figures_free (NkDashboardFigures *figures)
{
  if (figures == NULL)
    return;
  g_free (figures->date);
  g_clear_pointer (&figures->rooms, g_ptr_array_unref);
  for (guint i = 0; i < NK_DASHBOARD_N_LINES; i++)
    g_clear_pointer (&figures->names[i], g_ptr_array_unref);
  g_free (figures);
}

static void
add_name (NkDashboardFigures *f,
          NkDashboardLine     line,
          const char         *child_id,
          const char         *name,
          const char         *room_id,
          const char         *room_name,
          char               *detail)   /* taken */
{
  NkDashboardName *n = g_new0 (NkDashboardName, 1);

  n->room_id = g_strdup (room_id);
  n->child_id = g_strdup (child_id);
  n->name = g_strdup (name != NULL ? name : child_id);
  n->room_name = g_strdup (room_name);
  n->detail = detail;
  g_ptr_array_add (f->names[line], n);
  f->counts[line]++;
}

static int
minutes_of_day (NkCentre *centre,
                gint64    real_us)
{
  g_autoptr (GDateTime) utc = g_date_time_new_from_unix_utc (real_us / G_USEC_PER_SEC);
  g_autoptr (GDateTime) local = g_date_time_to_timezone (utc, nk_centre_get_timezone (centre));

  return g_date_time_get_hour (local) * 60 + g_date_time_get_minute (local);
}

/* The rooms, and the children still here after closing time. */
static gboolean
read_rooms (NkDashboard        *self,
            NkDashboardFigures *f,
            GHashTable         *room_names,
            GError            **error)
{
  g_autoptr (GPtrArray) rooms = nk_attendance_list_rooms (self->attendance, error);
  gboolean closed = minutes_of_day (self->centre, f->at_us) >= (int) closing_minutes;

  if (rooms == NULL)
    return FALSE;
  for (guint i = 0; i < rooms->len; i++)
    {
      const NkRoomSummary *s = rooms->pdata[i];
      NkDashboardRoom *room = g_new0 (NkDashboardRoom, 1);

      room->room_id = g_strdup (s->room_id);
      room->name = g_strdup (s->name);
      room->kind = s->kind;
      room->places = s->places;
      room->present = s->present;
      room->caregivers = s->staff_present;
      room->assigned = s->staff_assigned;
      room->needed = nk_room_kind_staff_needed (s->kind, s->present);
      room->ratio = nk_ratio_state (s->kind, s->present, s->staff_present);
      g_ptr_array_add (f->rooms, room);
      g_hash_table_insert (room_names, room->room_id, room->name);
      for (guint c = 0; closed && c < s->children->len; c++)
        {
          const NkRoomChild *child = s->children->pdata[c];

          if (child->present)
            add_name (f, NK_DASHBOARD_AFTER_CLOSING, child->child_id, child->name, s->room_id, s->name,
                      nk_centre_format_time (self->centre, child->since_us));
        }
    }
  return TRUE;
}

static gboolean
read_absences (NkDashboard        *self,
               NkDashboardFigures *f,
               GError            **error)
{
  g_autoptr (GPtrArray) expected = nk_absence_list (self->store, self->centre, NULL, f->at_us, error);
  g_autoptr (GPtrArray) ill = NULL;

  if (expected == NULL)
    return FALSE;
  for (guint i = 0; i < expected->len; i++)
    {
      const NkAbsenceItem *item = expected->pdata[i];

      add_name (f, NK_DASHBOARD_NOT_ARRIVED, item->child_id, item->child_name, item->room_id, item->room_name,
                item->recorded ? g_strdup (nk_absence_reason_label (item->reason)) : NULL);
    }
  ill = nk_absence_list_illness (self->store, f->date, error);
  if (ill == NULL)
    return FALSE;
  for (guint i = 0; i < ill->len; i++)
    {
      const NkAbsenceItem *item = ill->pdata[i];

      add_name (f, NK_DASHBOARD_ILLNESS, item->child_id, item->child_name, item->room_id, item->room_name,
                nk_symptoms_describe (item->symptoms, item->other_symptom));
    }
  return TRUE;
}

/* The kinds' own marks and lines over every child of today: health
 * checks not done, medicine due, incidents not acknowledged. */
static gboolean
read_marks (NkDashboard        *self,
            NkDashboardFigures *f,
            GHashTable         *room_names,
            GError            **error)
{
  static const NkDaySource sources[] = {
    nk_care_day_source,
    nk_health_check_day_source,
    nk_medicine_day_source,
    nk_incident_ack_source,   /* last: clears what was acknowledged */
  };
  g_autoptr (NkDaySet) set = nk_day_set_load_centre (self->store, self->centre, f->date, sources,
                                                     G_N_ELEMENTS (sources), error);

  if (set == NULL)
    return FALSE;
  for (guint i = 0; i < nk_day_set_get_n (set); i++)
    {
      NkChildDay *day = nk_day_set_get (set, i);
      const char *room = g_hash_table_lookup (room_names, day->room_id != NULL ? day->room_id : "");
      const NkDayMark *health = nk_child_day_get_mark (day, "health.morning");
      const NkDayMark *medicine = nk_child_day_get_mark (day, "medicine.due");
      g_autoptr (GPtrArray) incidents = NULL;

      if (health == NULL)
        health = nk_child_day_get_mark (day, "health.midday");
      if (health != NULL)
        add_name (f, NK_DASHBOARD_HEALTH_PENDING, day->child_id, day->name, day->room_id, room,
                  g_strdup (health->label));
      if (medicine != NULL)
        add_name (f, NK_DASHBOARD_MEDICINE_DUE, day->child_id, day->name, day->room_id, room, NULL);
      incidents = nk_child_day_get_lines (day, NK_DAY_INCIDENT);
      for (guint l = 0; l < incidents->len; l++)
        if (((NkDayLine *) incidents->pdata[l])->flags & NK_DAY_LINE_NEEDS_ACK)
          {
            const NkDayLine *line = incidents->pdata[l];

            add_name (f, NK_DASHBOARD_INCIDENTS_OPEN, day->child_id, day->name, day->room_id, room,
                      g_strdup (line->detail != NULL ? line->detail : line->title));
          }
    }
  return TRUE;
}

static gboolean
read_sleep (NkDashboard        *self,
            NkDashboardFigures *f,
            GError            **error)
{
  g_autoptr (GPtrArray) due = nk_sleep_check_list_due (self->store, NULL, f->at_us, error);

  if (due == NULL)
    return FALSE;
  for (guint i = 0; i < due->len; i++)
    {
      const NkSleepDue *d = due->pdata[i];

      if (d->state == NK_SLEEP_OVERDUE)
        add_name (f, NK_DASHBOARD_SLEEP_OVERDUE, d->child_id, d->child_name, d->room_id, d->room_name,
                  nk_centre_format_time (self->centre, d->due_us));
    }
  return TRUE;
}

/* Counted once a day; forgotten on a result or a roster change. */
static gboolean
read_checkups (NkDashboard        *self,
               NkDashboardFigures *f,
               GError            **error)
{
  g_autoptr (GPtrArray) items = NULL;

  if (g_strcmp0 (self->checkups_date, f->date) != 0)
    {
      items = nk_checkup_list (self->store, NULL, NULL, f->date, NULL, error);
      if (items == NULL)
        return FALSE;
      self->checkups_due = 0;
      for (guint i = 0; i < items->len; i++)
        self->checkups_due += ((NkCheckupItem *) items->pdata[i])->status == NK_CHECKUP_DUE;
      g_free (self->checkups_date);
      self->checkups_date = g_strdup (f->date);
      self->checkup_counts++;
    }
  f->counts[NK_DASHBOARD_CHECKUPS_DUE] = self->checkups_due;
  return TRUE;
}

NkDashboardFigures *
nk_dashboard_read (NkDashboard *self,
                   gint64       now_us,
                   GError     **error)
{
  g_autoptr (NkDashboardFigures) f = g_new0 (NkDashboardFigures, 1);
  g_autoptr (GHashTable) room_names = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GError) pending_error = NULL;

  g_return_val_if_fail (NK_IS_DASHBOARD (self), NULL);

  f->at_us = now_us;
  f->date = nk_centre_local_date (self->centre, now_us);
  f->rooms = g_ptr_array_new_with_free_func ((GDestroyNotify) room_free);
  for (guint i = 0; i < NK_DASHBOARD_N_LINES; i++)
    f->names[i] = g_ptr_array_new_with_free_func ((GDestroyNotify) name_free);
  if (!read_rooms (self, f, room_names, error) || !read_absences (self, f, error)
      || !read_marks (self, f, room_names, error) || !read_sleep (self, f, error)
      || !read_checkups (self, f, error))
    return NULL;
  f->pending = nk_store_count_pending (self->store, &pending_error);
  if (f->pending < 0)
    g_message ("Cannot count the records waiting: %s", pending_error->message);
  return g_steal_pointer (&f);
}

guint
nk_dashboard_get_checkup_counts (NkDashboard *self)
{
  g_return_val_if_fail (NK_IS_DASHBOARD (self), 0);
  return self->checkup_counts;
}

/* ---------------------------------------------------------------- changes */

static gboolean
emit_changed (gpointer data)
{
  NkDashboard *self = data;

  self->changed_id = 0;
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
  return G_SOURCE_REMOVE;
}

static void
on_store_changed (NkStore            *store,
                  const char         *kind,
                  const char *const  *ids,
                  NkDashboard        *self)
{
  if (g_strcmp0 (kind, "checkup.result") == 0 || g_strcmp0 (kind, "roster") == 0)
    g_clear_pointer (&self->checkups_date, g_free);
  if (self->changed_id == 0)
    self->changed_id = g_idle_add (emit_changed, self);
}

static void
nk_dashboard_dispose (GObject *object)
{
  NkDashboard *self = NK_DASHBOARD (object);

  g_clear_handle_id (&self->changed_id, g_source_remove);
  g_clear_object (&self->attendance);
  g_clear_object (&self->centre);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (nk_dashboard_parent_class)->dispose (object);
}

static void
nk_dashboard_finalize (GObject *object)
{
  NkDashboard *self = NK_DASHBOARD (object);

  g_free (self->checkups_date);

  G_OBJECT_CLASS (nk_dashboard_parent_class)->finalize (object);
}

static void
nk_dashboard_class_init (NkDashboardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = nk_dashboard_dispose;
  object_class->finalize = nk_dashboard_finalize;

  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                          NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
nk_dashboard_init (NkDashboard *self)
{
}

NkDashboard *
nk_dashboard_new (NkStore  *store,
                  NkCentre *centre)
{
  NkDashboard *self;

  g_return_val_if_fail (NK_IS_STORE (store) && NK_IS_CENTRE (centre), NULL);

  self = g_object_new (NK_TYPE_DASHBOARD, NULL);
  self->store = g_object_ref (store);
  self->centre = g_object_ref (centre);
  self->attendance = nk_attendance_new (store, centre);
  g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed), self, 0);
  return self;
}
