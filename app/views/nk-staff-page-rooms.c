/* nk-staff-page-rooms.c — which rooms staff mode shows, by role.
 *
 * A caregiver (保育师) opens on their own room and can switch to any
 * other room or to every room, their own first; health staff (保健员) and
 * the director (园长) open on every room.  The room shown is the page's
 * "room-id" property ("" for every room), switched by the stateful action
 * "staff.room" (a property action), so the switcher's toggle buttons and
 * any feature's screen follow it.  The overview's flow box shows the room
 * list through a sort (own room first) and a filter (the room shown). */
#define G_LOG_DOMAIN "nk-views"

#include "config.h"

#include <glib/gi18n.h>

#include "nk-staff-page-private.h"

static gboolean
room_shown (gpointer item,
            gpointer user_data)
{
  NkStaffPage *self = user_data;

  return self->room_id[0] == '\0'
         || g_strcmp0 (nk_room_item_get_room_id (item), self->room_id) == 0;
}

/* Own room first; the others keep the list's order (the sort is stable). */
static int
own_room_first (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  NkStaffPage *self = user_data;
  gboolean a_own = g_strcmp0 (nk_room_item_get_room_id ((NkRoomItem *) a), self->staff_room_id) == 0;
  gboolean b_own = g_strcmp0 (nk_room_item_get_room_id ((NkRoomItem *) b), self->staff_room_id) == 0;

  return b_own - a_own;
}

static GtkWidget *
switch_button (const char *label,
               const char *room_id)
{
  GtkWidget *button = gtk_toggle_button_new_with_label (label);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "staff.room");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_string (room_id));
  gtk_widget_add_css_class (button, "nk-room-switch");
  return button;
}

/* One toggle a room, in the order shown, after "All rooms". */
static void
rebuild_switcher (NkStaffPage *self)
{
  GtkWidget *child;
  GListModel *rooms = G_LIST_MODEL (self->sorted_rooms);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->room_switcher))) != NULL)
    gtk_box_remove (self->room_switcher, child);
  if (rooms == NULL)
    return;

  gtk_box_append (self->room_switcher, switch_button (_("All rooms"), ""));
  for (guint i = 0; i < g_list_model_get_n_items (rooms); i++)
    {
      g_autoptr(NkRoomItem) room = g_list_model_get_item (rooms, i);

      gtk_box_append (self->room_switcher,
                      switch_button (nk_room_item_get_name (room), nk_room_item_get_room_id (room)));
    }
}

GListModel *
nk_staff_page_rooms_attach (NkStaffPage *self)
{
  GtkCustomSorter *sorter = gtk_custom_sorter_new (own_room_first, self, NULL);
  GtkCustomFilter *filter = gtk_custom_filter_new (room_shown, self, NULL);

  nk_staff_page_rooms_detach (self);
  self->sorted_rooms = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->rooms)),
                                                GTK_SORTER (sorter));
  self->room_filter = g_object_ref (filter);
  self->shown_rooms = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->sorted_rooms)),
                                                 GTK_FILTER (filter));
  g_signal_connect_object (self->sorted_rooms, "items-changed", G_CALLBACK (rebuild_switcher), self,
                           G_CONNECT_SWAPPED);
  rebuild_switcher (self);
  return G_LIST_MODEL (self->shown_rooms);
}

void
nk_staff_page_rooms_detach (NkStaffPage *self)
{
  if (self->sorted_rooms != NULL)
    g_signal_handlers_disconnect_by_data (self->sorted_rooms, self);
  g_clear_object (&self->shown_rooms);
  g_clear_object (&self->sorted_rooms);
  g_clear_object (&self->room_filter);
  rebuild_switcher (self);
}

/* The staff member's role decides the first room shown. */
void
nk_staff_page_rooms_open (NkStaffPage *self,
                          NkTapResult *staff)
{
  self->role = staff->role;
  g_free (self->staff_room_id);
  self->staff_room_id = g_strdup (staff->staff_room_id);
  nk_staff_page_set_room_id (self, staff->role == NK_STAFF_CAREGIVER ? staff->staff_room_id : NULL);
  nk_staff_page_show_tools (self);
}

void
nk_staff_page_rooms_close (NkStaffPage *self)
{
  self->role = NK_STAFF_CAREGIVER;
  g_clear_pointer (&self->staff_room_id, g_free);
  nk_staff_page_set_room_id (self, NULL);
  nk_staff_page_show_tools (self);
}

void
nk_staff_page_set_room_id (NkStaffPage *self,
                           const char  *room_id)
{
  g_return_if_fail (NK_IS_STAFF_PAGE (self));

  if (room_id == NULL)
    room_id = "";
  if (g_strcmp0 (self->room_id, room_id) == 0)
    return;
  g_free (self->room_id);
  self->room_id = g_strdup (room_id);
  if (self->room_filter != NULL)
    gtk_filter_changed (GTK_FILTER (self->room_filter), GTK_FILTER_CHANGE_DIFFERENT);
  if (self->room_id[0] != '\0')
    g_debug ("Staff mode shows room %s", self->room_id);
  g_object_notify (G_OBJECT (self), "room-id");
}

const char *
nk_staff_page_get_room_id (NkStaffPage *self)
{
  g_return_val_if_fail (NK_IS_STAFF_PAGE (self), NULL);
  return self->room_id[0] != '\0' ? self->room_id : NULL;
}

NkStaffRole
nk_staff_page_get_role (NkStaffPage *self)
{
  g_return_val_if_fail (NK_IS_STAFF_PAGE (self), NK_STAFF_CAREGIVER);
  return self->role;
}

guint
nk_staff_page_get_n_rooms_shown (NkStaffPage *self)
{
  g_return_val_if_fail (NK_IS_STAFF_PAGE (self), 0);
  return self->shown_rooms != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->shown_rooms)) : 0;
}

const char *
nk_staff_page_get_shown_room_id (NkStaffPage *self,
                                 guint        position)
{
  g_autoptr(NkRoomItem) room = NULL;

  g_return_val_if_fail (NK_IS_STAFF_PAGE (self), NULL);
  if (self->shown_rooms == NULL)
    return NULL;
  room = g_list_model_get_item (G_LIST_MODEL (self->shown_rooms), position);
  /* the list holds its own reference: the id outlives this one */
  return room != NULL ? nk_room_item_get_room_id (room) : NULL;
}
