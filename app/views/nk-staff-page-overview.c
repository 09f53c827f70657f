/* nk-staff-page-overview.c — staff mode's overview: a card per room with
 * its children and counts against places and the staff ratio, and the
 * stays closed as "not checked out".
 *
 * Both are core list models (NkRoomList, NkOpenStayList) made when staff
 * mode opens and dropped when it closes.  The models change in place on
 * the store's notifications, so the widgets do too: a room card and a
 * child's tile follow their item's "notify", and the flow boxes (bound to
 * the models) and the stays box add or remove only what came or went. */
#define G_LOG_DOMAIN "nk-views"

#include "config.h"

#include <glib/gi18n.h>

#include "nk-staff-page-private.h"

/* What a widget shows, kept on it (g_object_set_data): the item, the
 * centre's time zone, and the widgets its update touches. */
#define ITEM        "nk-item"
#define TIME_ZONE   "nk-time-zone"
#define PART_BUTTON "nk-button"
#define PART_NAME   "nk-name"
#define PART_STATE  "nk-state"
#define PART_TITLE  "nk-title"
#define PART_COUNTS "nk-counts"
#define PART_STAFF  "nk-staff"
#define PART_LIST   "nk-children"

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
format_local_time (GTimeZone *tz,
                   gint64     utc_us)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (utc_us / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return g_strdup ("");
  local = g_date_time_to_timezone (utc, tz);
  return g_date_time_format (local, "%H:%M");
}

/* Keeps item and the centre's zone on widget, and calls update (widget)
 * now and whenever the item changes, for as long as widget lives. */
static void
follow_item (GtkWidget *widget,
             gpointer   item,
             GTimeZone *tz,
             GCallback  update)
{
  g_object_set_data_full (G_OBJECT (widget), ITEM, g_object_ref (item), g_object_unref);
  g_object_set_data_full (G_OBJECT (widget), TIME_ZONE, g_time_zone_ref (tz),
                          (GDestroyNotify) g_time_zone_unref);
  g_signal_connect_object (item, "notify", update, widget, G_CONNECT_SWAPPED);
  ((void (*) (GtkWidget *)) update) (widget);
}

static gpointer
part (GtkWidget  *widget,
      const char *name)
{
  return g_object_get_data (G_OBJECT (widget), name);
}

static void
set_class (GtkWidget  *widget,
           const char *css_class,
           gboolean    on)
{
  if (on)
    gtk_widget_add_css_class (widget, css_class);
  else
    gtk_widget_remove_css_class (widget, css_class);
}

/* ---------------------------------------------------------------- a child */

static char *
child_state (NkRoomChildItem *child,
             GTimeZone       *tz)
{
  gint64 since = nk_room_child_item_get_since (child);
  g_autofree char *time = since > 0 ? format_local_time (tz, since) : g_strdup ("");

  if (nk_room_child_item_get_present (child))
    /* TRANSLATORS: a child's state in staff mode; %s is the time checked in */
    return g_strdup_printf (_("In since %s"), time);
  if (nk_room_child_item_get_checked_out (child))
    /* TRANSLATORS: %s is the time the child was checked out */
    return g_strdup_printf (_("Gone home %s"), time);
  return g_strdup (C_("presence", "Not here"));
}

static void
update_child_tile (GtkWidget *cell)
{
  NkRoomChildItem *child = part (cell, ITEM);
  GtkWidget *button = part (cell, PART_BUTTON);
  const char *name = nk_room_child_item_get_name (child);
  gboolean present = nk_room_child_item_get_present (child);
  g_autofree char *state = child_state (child, part (cell, TIME_ZONE));
  /* TRANSLATORS: a child's tile in staff mode as a screen reader names it:
   * the child's name and state, e.g. "王小明, In since 08:12" */
  g_autofree char *spoken = g_strdup_printf (C_("child tile", "%s, %s"), name, state);

  gtk_label_set_label (part (cell, PART_NAME), name);
  gtk_label_set_label (part (cell, PART_STATE), state);
  set_class (button, "nk-present", present);
  set_class (button, "nk-absent", !present);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, spoken,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, state,
                                  -1);
  /* the cell the flow box reads before the button */
  gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

/* A child's tile: touching it opens the by-hand check-in or check-out. */
static GtkWidget *
create_child_tile (gpointer item,
                   gpointer user_data)
{
  NkStaffPage *self = user_data;
  GtkWidget *cell = gtk_flow_box_child_new ();
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = make_label (NULL, "nk-child-name", 0.5f);
  GtkWidget *state = make_label (NULL, "nk-child-state", 0.5f);

  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), state);
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "nk-child-button");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "staff.manual");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button),
                                          g_variant_new_string (nk_room_child_item_get_child_id (item)));
  gtk_flow_box_child_set_child (GTK_FLOW_BOX_CHILD (cell), button);

  g_object_set_data (G_OBJECT (cell), PART_BUTTON, button);
  g_object_set_data (G_OBJECT (cell), PART_NAME, name);
  g_object_set_data (G_OBJECT (cell), PART_STATE, state);
  follow_item (cell, item, nk_door_get_timezone (self->door), G_CALLBACK (update_child_tile));
  return cell;
}

/* ---------------------------------------------------------------- a room */

/* The room's name and kind, e.g. "Little Stars · Toddler room". */
static char *
room_title (NkRoomItem *room)
{
  const char *name = nk_room_item_get_name (room);
  const char *kind = nk_room_kind_label (nk_room_item_get_kind (room));

  if (g_strcmp0 (name, kind) == 0)
    return g_strdup (name);
  /* TRANSLATORS: room name and its kind, e.g. "Little Stars · Toddler room" */
  return g_strdup_printf (_("%s · %s"), name, kind);
}

static void
update_room_card (GtkWidget *cell)
{
  NkRoomItem *room = part (cell, ITEM);
  guint staff_present = nk_room_item_get_staff_present (room);
  guint needed = nk_room_item_get_staff_needed (room);
  g_autofree char *title = room_title (room);
  /* TRANSLATORS: a room's children as a screen reader names the list; %s is the room */
  g_autofree char *children_label = g_strdup_printf (_("Children of %s"), title);
  /* TRANSLATORS: children present / places in a room */
  g_autofree char *counts = g_strdup_printf (_("Children %u / %u places"),
                                             nk_room_item_get_present (room),
                                             nk_room_item_get_places (room));
  /* TRANSLATORS: caregivers clocked in, how many the children present need,
   * and the national caregiver:child ratio of the room */
  g_autofree char *staff = g_strdup_printf (_("Caregivers %u, needed %u (1:%u)"), staff_present, needed,
                                            nk_room_item_get_ratio (room));

  gtk_label_set_label (part (cell, PART_TITLE), title);
  gtk_label_set_label (part (cell, PART_COUNTS), counts);
  gtk_label_set_label (part (cell, PART_STAFF), staff);
  set_class (part (cell, PART_STAFF), "nk-ratio-short", staff_present < needed);
  gtk_accessible_update_property (GTK_ACCESSIBLE (part (cell, PART_LIST)),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, children_label, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
}

/* The room page (nk-staff-page-care.c): the day's care of the room. */
static GtkWidget *
room_care_button (NkRoomItem *room)
{
  GtkWidget *button = gtk_button_new_with_label (_("Care log of the room"));
  /* TRANSLATORS: the room card's care button as a screen reader names it; %s is the room */
  g_autofree char *spoken = g_strdup_printf (_("Care log of %s"), nk_room_item_get_name (room));

  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
  gtk_widget_add_css_class (button, "nk-big-button");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "care.open-room");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button),
                                          g_variant_new_string (nk_room_item_get_room_id (room)));
  return button;
}

static GtkWidget *
create_room_card (gpointer item,
                  gpointer user_data)
{
  NkStaffPage *self = user_data;
  GtkWidget *cell = gtk_flow_box_child_new ();
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *title = make_label (NULL, "nk-room-title", 0.0f);
  GtkWidget *counts = make_label (NULL, "nk-room-count", 0.0f);
  GtkWidget *staff = make_label (NULL, "nk-room-count", 0.0f);
  GtkWidget *children = gtk_flow_box_new ();

  gtk_widget_add_css_class (card, "nk-room-card");
  gtk_box_append (GTK_BOX (card), title);
  gtk_box_append (GTK_BOX (card), counts);
  gtk_box_append (GTK_BOX (card), staff);

  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (children), GTK_SELECTION_NONE);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (children), TRUE);
  gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (children), 1);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (children), 3);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (children), 8);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (children), 8);
  gtk_flow_box_bind_model (GTK_FLOW_BOX (children), nk_room_item_get_children (item),
                           create_child_tile, self, NULL);
  gtk_box_append (GTK_BOX (card), room_care_button (item));
  gtk_box_append (GTK_BOX (card), children);
  gtk_flow_box_child_set_child (GTK_FLOW_BOX_CHILD (cell), card);

  g_object_set_data (G_OBJECT (cell), PART_TITLE, title);
  g_object_set_data (G_OBJECT (cell), PART_COUNTS, counts);
  g_object_set_data (G_OBJECT (cell), PART_STAFF, staff);
  g_object_set_data (G_OBJECT (cell), PART_LIST, children);
  follow_item (cell, item, nk_door_get_timezone (self->door), G_CALLBACK (update_room_card));
  return cell;
}

/* ---------------------------------------------------------------- stays */

static void
update_stay (GtkWidget *label)
{
  NkOpenStayItem *stay = part (label, ITEM);
  const char *room = nk_open_stay_item_get_room_name (stay);
  g_autofree char *time = format_local_time (part (label, TIME_ZONE), nk_open_stay_item_get_checked_in (stay));
  /* TRANSLATORS: a stay closed as "not checked out": date, child, room, time in */
  g_autofree char *text = g_strdup_printf (_("%s  %s (%s) — in at %s, not checked out"),
                                           nk_open_stay_item_get_date (stay),
                                           nk_open_stay_item_get_name (stay),
                                           room != NULL ? room : "", time);

  gtk_label_set_label (GTK_LABEL (label), text);
}

static GtkWidget *
nth_child (GtkWidget *parent,
           guint      n)
{
  GtkWidget *child = gtk_widget_get_first_child (parent);

  while (child != NULL && n-- > 0)
    child = gtk_widget_get_next_sibling (child);
  return child;
}

/* The stays box follows the model as a bound flow box would, one label a
 * stay (a plain box keeps the look of a list of lines). */
static void
on_stays_changed (NkStaffPage *self,
                  guint        position,
                  guint        removed,
                  guint        added,
                  GListModel  *stays)
{
  GtkWidget *box = GTK_WIDGET (self->stays_box);
  GtkWidget *before;

  for (guint i = 0; i < removed; i++)
    {
      GtkWidget *gone = nth_child (box, position);

      g_return_if_fail (gone != NULL);
      gtk_box_remove (self->stays_box, gone);
    }
  before = position > 0 ? nth_child (box, position - 1) : NULL;
  for (guint i = 0; i < added; i++)
    {
      g_autoptr(NkOpenStayItem) stay = g_list_model_get_item (stays, position + i);
      GtkWidget *label = make_label (NULL, "nk-stay", 0.0f);

      follow_item (label, stay, nk_door_get_timezone (self->door), G_CALLBACK (update_stay));
      gtk_box_insert_child_after (self->stays_box, label, before);
      before = label;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->stays_empty), g_list_model_get_n_items (stays) == 0);
}

/* ---------------------------------------------------------------- errors */

/* A list the core could not read keeps what it showed; the reason is said
 * above it, in the journal by the core. */
static void
show_error (GtkLabel   *label,
            const char *error)
{
  gtk_label_set_label (label, error != NULL ? error : "");
  gtk_widget_set_visible (GTK_WIDGET (label), error != NULL);
}

static void
on_rooms_error (NkStaffPage *self)
{
  show_error (self->rooms_error, nk_room_list_get_error (self->rooms));
}

static void
on_stays_error (NkStaffPage *self)
{
  show_error (self->stays_error, nk_open_stay_list_get_error (self->stays));
}

/* ---------------------------------------------------------------- lists */

void
nk_staff_page_clear_lists (NkStaffPage *self)
{
  gtk_flow_box_bind_model (self->rooms_box, NULL, NULL, NULL, NULL);
  nk_staff_page_rooms_detach (self);
  if (self->stays != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->stays, self);
      on_stays_changed (self, 0, g_list_model_get_n_items (G_LIST_MODEL (self->stays)), 0,
                        G_LIST_MODEL (self->stays));
    }
  if (self->rooms != NULL)
    g_signal_handlers_disconnect_by_data (self->rooms, self);
  g_clear_object (&self->rooms);
  g_clear_object (&self->stays);
  show_error (self->rooms_error, NULL);
  show_error (self->stays_error, NULL);
}

void
nk_staff_page_show_lists (NkStaffPage *self)
{
  NkStore *store;
  NkCentre *centre;

  nk_staff_page_clear_lists (self);
  if (self->door == NULL || self->staff_id == NULL)
    return;

  store = nk_door_get_store (self->door);
  centre = nk_door_get_centre (self->door);
  self->rooms = nk_room_list_new (store, centre);
  self->stays = nk_open_stay_list_new (store, centre, 14);

  gtk_flow_box_bind_model (self->rooms_box, nk_staff_page_rooms_attach (self), create_room_card, self,
                           NULL);
  g_signal_connect_object (self->rooms, "notify::error", G_CALLBACK (on_rooms_error), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->stays, "items-changed", G_CALLBACK (on_stays_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->stays, "notify::error", G_CALLBACK (on_stays_error), self,
                           G_CONNECT_SWAPPED);
  on_stays_changed (self, 0, 0, g_list_model_get_n_items (G_LIST_MODEL (self->stays)),
                    G_LIST_MODEL (self->stays));
  on_rooms_error (self);
  on_stays_error (self);
}

void
nk_staff_page_refresh (NkStaffPage *self)
{
  g_return_if_fail (NK_IS_STAFF_PAGE (self));

  if (self->rooms == NULL)
    {
      nk_staff_page_show_lists (self);
      return;
    }
  nk_room_list_refresh (self->rooms);
  nk_open_stay_list_refresh (self->stays);
}
