/* nk-trends-page.c — the director's "Trends" in staff mode
 * (nk-trends-page.h).  The figures are read from the core when the page
 * is shown; today's again on every changed::attendance (a tap here or
 * relayed from the other door).  Nothing here counts: nk-trends.h does. */
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
};

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
read_rates (NkTrendsPage *self)
{
  NkCentre *centre = nk_door_get_centre (self->door);
  g_autoptr (GError) error = NULL;
  g_autoptr (NkTrendsRates) rates = NULL;

  clear_rooms (self);
  rates = nk_trends_rates (nk_door_get_store (self->door), centre, nk_centre_now (centre), &error);
  if (rates == NULL)
    {
      show_error (self, _("The attendance rates cannot be read"), error);
      return;
    }
  for (guint i = 0; i < rates->rooms->len; i++)
    {
      GtkWidget *chart = nk_chart_new ();

      gtk_widget_add_css_class (chart, "nk-trends-chart");
      nk_chart_set_rate (NK_CHART (chart), rates, rates->rooms->pdata[i]);
      gtk_grid_attach (self->rooms_grid, chart, (int) (i % ROOMS_PER_LINE), (int) (i / ROOMS_PER_LINE), 1, 1);
      g_ptr_array_add (self->room_charts, chart);
    }
}

static void
read_months (NkTrendsPage *self)
{
  NkCentre *centre = nk_door_get_centre (self->door);
  g_autoptr (GError) error = NULL;
  NkTrendsUtilisation months;

  if (!nk_trends_utilisation (nk_door_get_store (self->door), centre, nk_centre_now (centre), &months, &error))
    {
      show_error (self, _("The utilisation cannot be read"), error);
      nk_chart_clear (self->months_chart);
      return;
    }
  nk_chart_set_months (self->months_chart, &months);
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
  read_rates (self);
  read_months (self);
}

void
nk_trends_page_clear (NkTrendsPage *self)
{
  g_return_if_fail (NK_IS_TRENDS_PAGE (self));

  watch (self, NULL);
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
