/* nk-staff-page-tools.c — the overview's row of buttons that open the
 * features' lists and records (absences, check-ups, menus…), each for the
 * roles that use it (nk-staff-page-private.h).  A feature adds its button
 * from its _init; the row shows those of the staff member's role. */
#define G_LOG_DOMAIN "nk-views"

#include "config.h"

#include "nk-staff-page-private.h"

#define ROLES_KEY "nk-staff-tool-roles"

GtkWidget *
nk_staff_page_add_tool (NkStaffPage    *self,
                        const char     *label,
                        const char     *description,
                        const char     *action_name,
                        GVariant       *target,
                        NkStaffRoleMask roles)
{
  GtkWidget *button;

  g_return_val_if_fail (NK_IS_STAFF_PAGE (self), NULL);
  g_return_val_if_fail (label != NULL && action_name != NULL, NULL);

  button = gtk_button_new_with_label (label);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  if (target != NULL)
    gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), target);
  if (description != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                    description, -1);
  gtk_widget_add_css_class (button, "nk-big-button");
  gtk_widget_add_css_class (button, "nk-tool");
  g_object_set_data (G_OBJECT (button), ROLES_KEY, GUINT_TO_POINTER (roles));
  gtk_box_append (self->tools_box, button);
  nk_staff_page_show_tools (self);
  return button;
}

void
nk_staff_page_show_tools (NkStaffPage *self)
{
  guint mask = 1u << self->role;
  gboolean any = FALSE;

  for (GtkWidget *tool = gtk_widget_get_first_child (GTK_WIDGET (self->tools_box)); tool != NULL;
       tool = gtk_widget_get_next_sibling (tool))
    {
      gboolean shown = (GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (tool), ROLES_KEY)) & mask) != 0;

      gtk_widget_set_visible (tool, shown);
      any |= shown;
    }
  gtk_widget_set_visible (self->tools_row, any);
}
