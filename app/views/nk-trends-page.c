/* nk-trends-page.c — the director's "Trends" in staff mode
 * (nk-trends-page.h).  The figures are read from the core when the page
 * is shown; today's again on every changed::attendance (a tap here or
 * relayed from the other door).  Nothing here counts: nk-trends.h does.
 *
 * Today's figure is one indexed read and is made on the main loop.  The
 * rooms' 30 days and the 12 months read up to a year of rows (seconds on
 * the 2,000-child centre the first time, while the closed months are not
 * kept yet): a worker thread reads them on a connection of its own to the
 * same database, kept by the page for the next time (its closed months
 * with it), so the door answers taps meanwhile. */
#define G_LOG_DOMAIN "nk-views"

#include "config.h"

#include <glib/gi18n.h>

#include "core/nk-trends.h"
#include "nk-trends-page.h"

#define ROOMS_PER_LINE 3

struct _NkTrendsPage
{
  GtkWidget  parent_instance;

  GtkLabel  *error_label;
  NkChart   *today_chart;
  GtkGrid   *rooms_grid;
  NkChart   *months_chart;

  NkDoor    *door;
  GPtrArray *room_charts;   /* NkChart, in the grid */

  /* the worker's reads: one at a time, again when asked meanwhile */
  NkStore      *reader;      /* the worker's own connection, once made */
  GCancellable *reading;     /* while a read runs */
  gboolean      read_again;
};

typedef struct {
  char               *path;
  NkCentre           *centre;
  gint64              now_us;
  NkStore            *reader;   /* NULL: the worker opens it */
  NkTrendsRates      *rates;
  NkTrendsUtilisation months;
  char               *what;     /* on failure: what could not be read */
} Read;

static void
read_free (Read *read)
{
  g_free (read->path);
  g_clear_object (&read->centre);
  g_clear_object (&read->reader);
  g_clear_pointer (&read->rates, nk_trends_rates_free);
  g_free (read->what);
  g_free (read);
}

G_DEFINE_FINAL_TYPE (NkTrendsPage, nk_trends_page, GTK_TYPE_WIDGET)

static void
clear_rooms (NkTrendsPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->rooms_grid))) != NULL)
    gtk_grid_remove (self->rooms_grid, child);
  g_ptr_array_set_size (self->room_charts, 0);
}

/* Shows what could not be read, on screen and in the journal. */
static void
show_error (NkTrendsPage *self, const char *what, const GError *error)
{
  g_autofree char *text = g_strdup_printf ("%s: %s", what, error->message);

  g_message ("Trends not read: %s", text);
  gtk_label_set_label (self->error_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
}

static void
read_today (NkTrendsPage *self)
{
  NkCentre *centre = nk_door_get_centre (self->door);
  g_autoptr (GError) error = NULL;
  NkTrendsToday today;

  if (!nk_trends_today (nk_door_get_store (self->door), centre, nk_centre_now (centre), &today, &error))
    {
      /* TRANSLATORS: the Trends page's error line; the reason follows */
      show_error (self, _("Today's arrivals cannot be read"), error);
      nk_chart_clear (self->today_chart);
      return;
    }
  nk_chart_set_today (self->today_chart, &today);
}

static void
show_rates (NkTrendsPage *self, const NkTrendsRates *rates)
{
  clear_rooms (self);
  for (guint i = 0; i < rates->rooms->len; i++)
    {
      GtkWidget *chart = nk_chart_new ();

      gtk_widget_add_css_class (chart, "nk-trends-chart");
      nk_chart_set_rate (NK_CHART (chart), rates, rates->rooms->pdata[i]);
      gtk_grid_attach (self->rooms_grid, chart, (int) (i % ROOMS_PER_LINE), (int) (i / ROOMS_PER_LINE), 1, 1);
      g_ptr_array_add (self->room_charts, chart);
    }
}

/* In the worker: the rooms' rates and the months, on the reader. */
static void
read_in_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  Read *read = data;
  g_autoptr (GError) error = NULL;

  if (read->reader == NULL)
    read->reader = nk_store_open (read->path, &error);
  if (read->reader == NULL)
    {
      read->what = g_strdup (_("The attendance rates cannot be read"));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  read->rates = nk_trends_rates (read->reader, read->centre, read->now_us, &error);
  if (read->rates == NULL)
    {
      read->what = g_strdup (_("The attendance rates cannot be read"));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (!g_cancellable_is_cancelled (cancellable)
      && !nk_trends_utilisation (read->reader, read->centre, read->now_us, &read->months, &error))
    {
      read->what = g_strdup (_("The utilisation cannot be read"));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void start_read (NkTrendsPage *self);

static void
read_done (GObject *source, GAsyncResult *result, gpointer data)
{
  NkTrendsPage *self = NK_TRENDS_PAGE (source);
  Read *read = g_task_get_task_data (G_TASK (result));
  g_autoptr (GError) error = NULL;
  gboolean ok = g_task_propagate_boolean (G_TASK (result), &error);

  /* the connection is kept, the read given or not (unless the page is
   * gone: dispose let go of its own) */
  if (self->reader == NULL && read->reader != NULL && self->room_charts != NULL)
    self->reader = g_object_ref (read->reader);
  g_clear_object (&self->reading);
  /* shown again while this read ran (or was let go): read anew */
  if (self->read_again && self->door != NULL)
    {
      start_read (self);
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->door == NULL)
    return;
  if (!ok)
    {
      show_error (self, read->what, error);
      return;
    }
  show_rates (self, read->rates);
  nk_chart_set_months (self->months_chart, &read->months);
}

static void
start_read (NkTrendsPage *self)
{
  NkCentre *centre = nk_door_get_centre (self->door);
  g_autoptr (GTask) task = NULL;
  Read *read;

  if (self->reading != NULL)
    {
      self->read_again = TRUE;
      return;
    }
  self->read_again = FALSE;
  self->reading = g_cancellable_new ();
  read = g_new0 (Read, 1);
  read->path = g_strdup (nk_store_get_path (nk_door_get_store (self->door)));
  read->centre = g_object_ref (centre);
  read->now_us = nk_centre_now (centre);
  read->reader = self->reader != NULL ? g_object_ref (self->reader) : NULL;
  task = g_task_new (self, self->reading, read_done, NULL);
  g_task_set_task_data (task, read, (GDestroyNotify) read_free);
  g_task_run_in_thread (task, read_in_thread);
}

static void
on_attendance (NkStore *store, const char *kind, const char *const *ids, NkTrendsPage *self)
{
  read_today (self);
}

static void
watch (NkTrendsPage *self, NkDoor *door)
{
  if (self->door == door)
    return;
  if (self->door != NULL)
    g_signal_handlers_disconnect_by_data (nk_door_get_store (self->door), self);
  g_set_object (&self->door, door);
  if (door != NULL)
    g_signal_connect_object (nk_door_get_store (door), "changed::attendance", G_CALLBACK (on_attendance), self, 0);
}

void
nk_trends_page_show (NkTrendsPage *self, NkDoor *door)
{
  g_return_if_fail (NK_IS_TRENDS_PAGE (self) && NK_IS_DOOR (door));

  watch (self, door);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  read_today (self);
  /* until the worker's figures come */
  clear_rooms (self);
  nk_chart_clear (self->months_chart);
  start_read (self);
}

void
nk_trends_page_clear (NkTrendsPage *self)
{
  g_return_if_fail (NK_IS_TRENDS_PAGE (self));

  watch (self, NULL);
  if (self->reading != NULL)
    g_cancellable_cancel (self->reading);
  self->read_again = FALSE;
  clear_rooms (self);
  nk_chart_clear (self->today_chart);
  nk_chart_clear (self->months_chart);
}

NkChart *
nk_trends_page_get_today_chart (NkTrendsPage *self)
{
  return self->today_chart;
}

NkChart *
nk_trends_page_get_months_chart (NkTrendsPage *self)
{
  return self->months_chart;
}

guint
nk_trends_page_get_n_rooms (NkTrendsPage *self)
{
  return self->room_charts->len;
}

NkChart *
nk_trends_page_get_room_chart (NkTrendsPage *self, guint i)
{
  g_return_val_if_fail (i < self->room_charts->len, NULL);
  return self->room_charts->pdata[i];
}

static void
nk_trends_page_dispose (GObject *object)
{
  NkTrendsPage *self = NK_TRENDS_PAGE (object);

  watch (self, NULL);
  if (self->reading != NULL)
    g_cancellable_cancel (self->reading);
  g_clear_object (&self->reading);
  g_clear_object (&self->reader);
  g_clear_pointer (&self->room_charts, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (object), NK_TYPE_TRENDS_PAGE);
  /* GTK 4.8 leaves a template's unnamed top child in place */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL;)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (nk_trends_page_parent_class)->dispose (object);
}

static void
nk_trends_page_class_init (NkTrendsPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = nk_trends_page_dispose;
  g_type_ensure (NK_TYPE_CHART);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/nurserykiosk/Kiosk/nk-trends-page.ui");
  gtk_widget_class_bind_template_child (widget_class, NkTrendsPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, NkTrendsPage, today_chart);
  gtk_widget_class_bind_template_child (widget_class, NkTrendsPage, rooms_grid);
  gtk_widget_class_bind_template_child (widget_class, NkTrendsPage, months_chart);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "nktrendspage");
}

static void
nk_trends_page_init (NkTrendsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->room_charts = g_ptr_array_new ();
}
