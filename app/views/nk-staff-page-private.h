/* nk-staff-page-private.h — shared by nk-staff-page.c (the page, its
 * actions and lock) and nk-staff-page-overview.c (rooms and open stays). */
#pragma once

#include "nk-staff-page.h"

G_BEGIN_DECLS

typedef struct {
  char    *name;
  gboolean present;
} ChildInfo;

struct _NkStaffPage
{
  GtkWidget parent_instance;

  GtkLabel *staff_label;
  GtkLabel *status_label;
  GtkStack *inner_stack;
  GtkFlowBox *rooms_box;
  GtkBox *stays_box;
  GtkLabel *manual_title;
  GtkLabel *manual_state;
  GtkLabel *manual_error;
  GtkButton *manual_confirm;
  GtkToggleButton *reason_forgot;
  GtkToggleButton *reason_lost;
  GtkToggleButton *reason_other;
  GtkEntry *reason_entry;
  NkSyncPanel *sync_panel;
  GtkRevealer *clock_revealer;
  GtkLabel *clock_label;

  NkDoor *door;
  gulong changed_id;
  NkStore *watched_store;
  NkCentre *watched_centre;
  gulong clock_jumped_id;
  char *staff_id;
  char *staff_name;
  char *manual_child_id;
  GHashTable *children;      /* child id → ChildInfo */
  guint n_rooms;
  guint lock_seconds;
  guint lock_id;
  gboolean staff_alert;
  gboolean dirty;
};

/* Removes every child of a box or flow box. */
static inline void
nk_staff_page_remove_all (GtkWidget *parent)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (parent)) != NULL)
    {
      if (GTK_IS_FLOW_BOX (parent))
        gtk_flow_box_remove (GTK_FLOW_BOX (parent), child);
      else
        gtk_box_remove (GTK_BOX (parent), child);
    }
}

G_END_DECLS
