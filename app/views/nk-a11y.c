/* nk-a11y.c — accessible names for what a widget cannot name itself
 * (see nk-a11y.h). */
#define G_LOG_DOMAIN "nk-views"

#include "config.h"

#include <glib/gi18n.h>

#include "nk-a11y.h"

#define TOASTS_WATCHED "nk-a11y-toasts"

void
nk_a11y_flow_box_append (GtkFlowBox *box,
                         GtkWidget  *child,
                         const char *label)
{
  GtkWidget *cell;

  g_return_if_fail (GTK_IS_FLOW_BOX (box));
  g_return_if_fail (GTK_IS_WIDGET (child));

  gtk_flow_box_append (box, child);
  cell = gtk_widget_get_parent (child);
  if (label != NULL && GTK_IS_FLOW_BOX_CHILD (cell))
    gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

/* A toast's close button is its one button with an icon and no words. */
static void
name_toast (GtkWidget *toast)
{
  for (GtkWidget *child = gtk_widget_get_first_child (toast); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_BUTTON (child) && gtk_button_get_label (GTK_BUTTON (child)) == NULL &&
          gtk_button_get_icon_name (GTK_BUTTON (child)) != NULL)
        gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                        _("Close this notice"), -1);
    }
}

static void
on_overlay_children_changed (GListModel *children,
                             guint       position,
                             guint       removed,
                             guint       added,
                             gpointer    user_data)
{
  GType toast_type = g_type_from_name ("AdwToastWidget");

  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(GtkWidget) child = g_list_model_get_item (children, i);

      if (toast_type != 0 && G_TYPE_CHECK_INSTANCE_TYPE (child, toast_type))
        name_toast (child);
    }
}

void
nk_a11y_name_toasts (AdwToastOverlay *overlay)
{
  GListModel *children;

  g_return_if_fail (ADW_IS_TOAST_OVERLAY (overlay));

  if (g_object_get_data (G_OBJECT (overlay), TOASTS_WATCHED) != NULL)
    return;

  /* the overlay has a handful of children: watching them costs nothing */
  children = gtk_widget_observe_children (GTK_WIDGET (overlay));
  g_object_set_data_full (G_OBJECT (overlay), TOASTS_WATCHED, children, g_object_unref);
  g_signal_connect (children, "items-changed", G_CALLBACK (on_overlay_children_changed), NULL);
  on_overlay_children_changed (children, 0, 0, g_list_model_get_n_items (children), NULL);
}
