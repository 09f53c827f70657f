/* nk-result-page-days.c — the days shown at pick-up on the result page
 * (nk-day-view.h): one per child checked out, side by side when two, and
 * what the family is told when a day cannot be read.  Part of
 * NkResultPage (nk-result-page.c). */
#define G_LOG_DOMAIN "nk-views"

#include "config.h"

#include <glib/gi18n.h>

#include "nk-result-page-private.h"

void
nk_result_page_clear_days (NkResultPage *self)
{
  GtkWidget *child;

  g_return_if_fail (NK_IS_RESULT_PAGE (self));

  g_ptr_array_set_size (self->days, 0);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->days_box))) != NULL)
    gtk_box_remove (self->days_box, child);
  gtk_widget_set_visible (GTK_WIDGET (self->days_box), FALSE);
  gtk_widget_remove_css_class (GTK_WIDGET (self), "nk-with-day");
}

static void
on_day_acknowledge (NkResultPage *self,
                    const char   *incident_id,
                    const char   *guardian_id,
                    NkDayView    *view)
{
  g_signal_emit_by_name (self, "acknowledge", view, incident_id, guardian_id);
}

/* Two days side by side fill a 1024-wide panel; one, or three and more,
 * one after the other, each as wide as the page. */
static void
nk_result_page_lay_out_days (NkResultPage *self)
{
  gboolean side_by_side = self->days->len == 2;

  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->days_box),
                                  side_by_side ? GTK_ORIENTATION_HORIZONTAL
                                               : GTK_ORIENTATION_VERTICAL);
  gtk_box_set_homogeneous (self->days_box, side_by_side);
  for (guint i = 0; i < self->days->len; i++)
    nk_day_view_set_narrow (self->days->pdata[i], side_by_side);
}

void
nk_result_page_add_day (NkResultPage *self,
                        NkDayView    *view)
{
  g_return_if_fail (NK_IS_RESULT_PAGE (self));
  g_return_if_fail (NK_IS_DAY_VIEW (view));

  g_signal_connect_object (view, "acknowledge", G_CALLBACK (on_day_acknowledge), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (self->days_box, GTK_WIDGET (view));
  g_ptr_array_add (self->days, view);
  nk_result_page_lay_out_days (self);
  gtk_widget_set_visible (GTK_WIDGET (self->days_box), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self), "nk-with-day");
  /* each day names its child: the cards would say it twice */
  gtk_widget_set_visible (GTK_WIDGET (self->cards), self->days->len < self->names->len);
}

void
nk_result_page_show_day_missing (NkResultPage *self)
{
  g_return_if_fail (NK_IS_RESULT_PAGE (self));

  /* the check-out stands; the family is told where the day went */
  gtk_label_set_label (self->message_label,
                       _("Today's record cannot be shown now — please ask a member of staff"));
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), TRUE);
}

guint
nk_result_page_get_n_days (NkResultPage *self)
{
  g_return_val_if_fail (NK_IS_RESULT_PAGE (self), 0);
  return self->days->len;
}

NkDayView *
nk_result_page_get_day (NkResultPage *self,
                        guint         n)
{
  g_return_val_if_fail (NK_IS_RESULT_PAGE (self), NULL);
  return n < self->days->len ? self->days->pdata[n] : NULL;
}

guint
nk_result_page_get_n_pending (NkResultPage *self)
{
  guint n = 0;

  g_return_val_if_fail (NK_IS_RESULT_PAGE (self), 0);
  for (guint i = 0; i < self->days->len; i++)
    n += nk_day_view_get_n_pending (self->days->pdata[i]);
  return n;
}
