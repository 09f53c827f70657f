/* nk-staff-page-care.c — the room page (NkCarePage) in staff mode: the
 * action "care.open-room" (a room id) that each room card of the
 * overview offers, and the page in the inner stack.  The page goes with
 * staff mode: closed, it holds nothing about any child. */
#define G_LOG_DOMAIN "nk-views"

#include "config.h"

#include <glib/gi18n.h>

#include "nk-care-page.h"
#include "nk-staff-page-private.h"

static NkCarePage *
care_page (NkStaffPage *self)
{
  return NK_CARE_PAGE (gtk_stack_get_child_by_name (self->inner_stack, "care"));
}

/* The room's name as the overview shows it, or NULL. */
static const char *
room_name (NkStaffPage *self,
           const char  *room_id)
{
  GListModel *rooms = self->rooms != NULL ? G_LIST_MODEL (self->rooms) : NULL;

  for (guint i = 0; rooms != NULL && i < g_list_model_get_n_items (rooms); i++)
    {
      g_autoptr (NkRoomItem) room = g_list_model_get_item (rooms, i);

      if (g_strcmp0 (nk_room_item_get_room_id (room), room_id) == 0)
        return g_intern_string (nk_room_item_get_name (room));
    }
  return NULL;
}

void
nk_staff_page_show_room (NkStaffPage *self,
                         const char  *room_id)
{
  g_return_if_fail (NK_IS_STAFF_PAGE (self));

  if (self->door == NULL || self->staff_id == NULL)
    return;
  nk_care_page_open (care_page (self), self->door, self->staff_id, room_id, room_name (self, room_id));
  gtk_stack_set_visible_child_name (self->inner_stack, "care");
}

static void
action_open_room (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  nk_staff_page_show_room (NK_STAFF_PAGE (widget), g_variant_get_string (parameter, NULL));
}

void
nk_staff_page_set_care_phrases (NkStaffPage       *self,
                                const char *const *phrases)
{
  g_return_if_fail (NK_IS_STAFF_PAGE (self));
  nk_care_page_set_phrases (care_page (self), phrases);
}

void
nk_staff_page_care_close (NkStaffPage *self)
{
  nk_care_page_clear (care_page (self));
}

void
nk_staff_page_care_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "care.open-room", "s", action_open_room);
}

void
nk_staff_page_care_init (NkStaffPage *self)
{
  GtkStackPage *page = gtk_stack_add_named (self->inner_stack, nk_care_page_new (), "care");

  gtk_stack_page_set_title (page, _("Room care log"));
}
