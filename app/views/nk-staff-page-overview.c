/* nk-staff-page-overview.c — staff mode's overview: a card per room with
 * its children and counts against places and the staff ratio, and the
 * stays closed as "not checked out".  Everything comes from two core
 * queries and is rebuilt by nk_staff_page_refresh. */
#define G_LOG_DOMAIN "nk-views"

#include "config.h"

#include <glib/gi18n.h>

#include "nk-a11y.h"
#include "nk-staff-page-private.h"

static GtkWidget *
make_label (const char *text,
            const char *css_class,
            float       xalign)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static char *
format_local_time (NkStaffPage *self,
                   gint64       utc_us)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (utc_us / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return g_strdup ("");
  local = g_date_time_to_timezone (utc, nk_door_get_timezone (self->door));
  return g_date_time_format (local, "%H:%M");
}

static GtkWidget *
make_child_button (NkStaffPage       *self,
                   const NkRoomChild *child)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  g_autofree char *time = child->since_us > 0 ? format_local_time (self, child->since_us) : NULL;
  g_autofree char *state = NULL;

  if (child->present)
    /* TRANSLATORS: a child's state in staff mode; %s is the time checked in */
    state = g_strdup_printf (_("In since %s"), time != NULL ? time : "");
  else if (child->checked_out)
    /* TRANSLATORS: %s is the time the child was checked out */
    state = g_strdup_printf (_("Gone home %s"), time != NULL ? time : "");
  else
    state = g_strdup (C_("presence", "Not here"));

  gtk_box_append (GTK_BOX (box), make_label (child->name, "nk-child-name", 0.5f));
  gtk_box_append (GTK_BOX (box), make_label (state, "nk-child-state", 0.5f));
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "nk-child-button");
  gtk_widget_add_css_class (button, child->present ? "nk-present" : "nk-absent");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "staff.manual");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button),
                                          g_variant_new_string (child->child_id));
  /* read as "王小明", then "In since 08:12" */
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, child->name,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, state,
                                  -1);
  return button;
}

/* The room's name and kind, e.g. "Little Stars · Toddler room". */
static char *
room_title (const NkRoomSummary *room)
{
  if (g_strcmp0 (room->name, nk_room_kind_label (room->kind)) == 0)
    return g_strdup (room->name);
  /* TRANSLATORS: room name and its kind, e.g. "Little Stars · Toddler room" */
  return g_strdup_printf (_("%s · %s"), room->name, nk_room_kind_label (room->kind));
}

static GtkWidget *
make_room_card (NkStaffPage         *self,
                const NkRoomSummary *room)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *children = gtk_flow_box_new ();
  guint ratio = MAX (nk_room_kind_ratio (room->kind), 1);
  guint needed = (room->present + ratio - 1) / ratio;
  g_autofree char *title = room_title (room);
  /* TRANSLATORS: a room's children as a screen reader names the list; %s is the room */
  g_autofree char *children_label = g_strdup_printf (_("Children of %s"), title);
  g_autofree char *counts = NULL;
  g_autofree char *staff = NULL;
  GtkWidget *staff_label;

  /* TRANSLATORS: children present / places in a room */
  counts = g_strdup_printf (_("Children %u / %u places"), room->present, room->places);
  /* TRANSLATORS: caregivers clocked in, how many the children present need,
   * and the national caregiver:child ratio of the room */
  staff = g_strdup_printf (_("Caregivers %u, needed %u (1:%u)"), room->staff_present, needed, ratio);

  gtk_widget_add_css_class (card, "nk-room-card");
  gtk_box_append (GTK_BOX (card), make_label (title, "nk-room-title", 0.0f));
  gtk_box_append (GTK_BOX (card), make_label (counts, "nk-room-count", 0.0f));
  staff_label = make_label (staff, "nk-room-count", 0.0f);
  if (room->staff_present < needed)
    gtk_widget_add_css_class (staff_label, "nk-ratio-short");
  gtk_box_append (GTK_BOX (card), staff_label);

  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (children), GTK_SELECTION_NONE);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (children), TRUE);
  gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (children), 1);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (children), 3);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (children), 8);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (children), 8);
  gtk_accessible_update_property (GTK_ACCESSIBLE (children),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, children_label, -1);
  for (guint i = 0; room->children != NULL && i < room->children->len; i++)
    {
      const NkRoomChild *child = g_ptr_array_index (room->children, i);
      ChildInfo *info = g_new0 (ChildInfo, 1);

      info->name = g_strdup (child->name);
      info->present = child->present;
      g_hash_table_replace (self->children, g_strdup (child->child_id), info);
      nk_a11y_flow_box_append (GTK_FLOW_BOX (children), make_child_button (self, child), child->name);
    }
  gtk_box_append (GTK_BOX (card), children);

  return card;
}

static void
nk_staff_page_show_stays (NkStaffPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) stays = nk_attendance_list_open_stays (nk_door_get_attendance (self->door), 14, &error);

  nk_staff_page_remove_all (GTK_WIDGET (self->stays_box));

  if (stays == NULL)
    {
      g_warning ("Cannot list stays left open: %s", error->message);
      gtk_box_append (self->stays_box, make_label (error->message, "nk-inline-error", 0.0f));
      return;
    }
  if (stays->len == 0)
    {
      gtk_box_append (self->stays_box, make_label (_("None — every child was checked out"),
                                                   "nk-stay", 0.0f));
      return;
    }

  for (guint i = 0; i < stays->len; i++)
    {
      const NkOpenStay *stay = g_ptr_array_index (stays, i);
      g_autofree char *time = format_local_time (self, stay->checked_in_us);
      /* TRANSLATORS: a stay closed as "not checked out": date, child, room, time in */
      g_autofree char *text = g_strdup_printf (_("%s  %s (%s) — in at %s, not checked out"),
                                               stay->date, stay->name,
                                               stay->room_name != NULL ? stay->room_name : "",
                                               time);

      gtk_box_append (self->stays_box, make_label (text, "nk-stay", 0.0f));
    }
}

void
nk_staff_page_refresh (NkStaffPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rooms = NULL;

  g_return_if_fail (NK_IS_STAFF_PAGE (self));

  self->dirty = FALSE;
  nk_staff_page_remove_all (GTK_WIDGET (self->rooms_box));
  g_hash_table_remove_all (self->children);
  self->n_rooms = 0;

  if (self->door == NULL || self->staff_id == NULL)
    return;

  rooms = nk_attendance_list_rooms (nk_door_get_attendance (self->door), &error);
  if (rooms == NULL)
    {
      g_warning ("Cannot list rooms: %s", error->message);
      nk_a11y_flow_box_append (self->rooms_box, make_label (error->message, "nk-inline-error", 0.0f),
                               error->message);
    }
  else
    {
      for (guint i = 0; i < rooms->len; i++)
        {
          const NkRoomSummary *room = g_ptr_array_index (rooms, i);
          g_autofree char *title = room_title (room);

          nk_a11y_flow_box_append (self->rooms_box, make_room_card (self, room), title);
        }
      self->n_rooms = rooms->len;
    }

  nk_staff_page_show_stays (self);
}

