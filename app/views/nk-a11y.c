/* nk-a11y.c — accessible names for what a widget cannot name itself
 * (see nk-a11y.h). */
#define G_LOG_DOMAIN "nk-views"

#include "config.h"

#include <glib/gi18n.h>

#include "nk-a11y.h"

#define FOLD_WATCHED "nk-a11y-fold"

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

static void
sync_folded (GtkRevealer *revealer)
{
  GtkWidget *child = gtk_revealer_get_child (revealer);

  if (child != NULL)
    gtk_widget_set_visible (child, gtk_revealer_get_reveal_child (revealer)
                                   || gtk_revealer_get_child_revealed (revealer));
}

void
nk_a11y_hide_folded (GtkRevealer *revealer)
{
  g_return_if_fail (GTK_IS_REVEALER (revealer));

  if (g_object_get_data (G_OBJECT (revealer), FOLD_WATCHED) != NULL)
    return;
  g_object_set_data (G_OBJECT (revealer), FOLD_WATCHED, GINT_TO_POINTER (1));
  g_signal_connect (revealer, "notify::reveal-child", G_CALLBACK (sync_folded), NULL);
  g_signal_connect (revealer, "notify::child-revealed", G_CALLBACK (sync_folded), NULL);
  g_signal_connect (revealer, "notify::child", G_CALLBACK (sync_folded), NULL);
  sync_folded (revealer);
}
