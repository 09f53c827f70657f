/* nk-care-page.c — the room page of staff mode (nk-care-page.h): the
 * children's tiles and their selection, the actions for one child or
 * several, and the entry form's outcome.
 *
 * What the tiles show is the room's day (nk_day_set_load_room), read
 * again after every change the store announces (any kind: another
 * helper's kind adds marks too), coalesced in an idle; the tiles are
 * updated in place and the selection is kept by child id.  What an
 * entry does is nk-care-page-entry.c; a child's log, nk-care-page-log.c. */
#define G_LOG_DOMAIN "nk-views"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "nk-care-page-private.h"

G_DEFINE_FINAL_TYPE (NkCarePage, nk_care_page, GTK_TYPE_WIDGET)

#define PART_AVATAR "nk-avatar"
#define PART_NAME   "nk-name"
#define PART_STATE  "nk-state"
#define PART_MARKS  "nk-marks"
#define CHILD_ID    "nk-child-id"

void
nk_care_page_say (NkCarePage *self,
                  const char *status,
                  const char *error)
{
  gtk_label_set_label (self->status_label, status != NULL ? status : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), status != NULL);
  gtk_label_set_label (self->error_label, error != NULL ? error : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), error != NULL);
}

/* ---------------------------------------------------------------- tiles */

static char *
child_state (NkCarePage *self,
             NkChildDay *day)
{
  NkCentre *centre = nk_door_get_centre (self->door);

  if (day->present)
    {
      g_autofree char *time = nk_centre_format_time (centre, day->arrived_us);
      /* TRANSLATORS: a child's state in staff mode; %s is the time checked in */
      return g_strdup_printf (_("In since %s"), time);
    }
  if (day->arrived_us != 0)
    return g_strdup (_("Gone home"));
  return g_strdup (C_("presence", "Not here"));
}

static void
update_tile (NkCarePage *self,
             GtkWidget  *button,
             NkChildDay *day)
{
  GtkWidget *marks = g_object_get_data (G_OBJECT (button), PART_MARKS);
  g_autofree char *state = child_state (self, day);
  g_autoptr (GString) spoken = g_string_new (NULL);
  GtkWidget *child;

  gtk_label_set_label (g_object_get_data (G_OBJECT (button), PART_NAME), day->name);
  adw_avatar_set_text (g_object_get_data (G_OBJECT (button), PART_AVATAR), day->name);
  gtk_label_set_label (g_object_get_data (G_OBJECT (button), PART_STATE), state);
  if (day->present)
    gtk_widget_remove_css_class (button, "nk-absent");
  else
    gtk_widget_add_css_class (button, "nk-absent");

  while ((child = gtk_widget_get_first_child (marks)) != NULL)
    gtk_box_remove (GTK_BOX (marks), child);
  /* TRANSLATORS: a child's tile as a screen reader names it: name, state */
  g_string_printf (spoken, C_("child tile", "%s, %s"), day->name, state);
  for (guint i = 0; i < day->marks->len; i++)
    {
      NkDayMark *mark = day->marks->pdata[i];
      GtkWidget *label = gtk_label_new (mark->label);
      static const char *const level_class[] = { "nk-mark-info", "nk-mark-due", "nk-mark-warning" };

      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (label, "nk-mark");
      gtk_widget_add_css_class (label, level_class[CLAMP ((int) mark->level, 0, 2)]);
      gtk_box_append (GTK_BOX (marks), label);
      g_string_append_printf (spoken, ", %s", mark->label);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken->str, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_parent (button)),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, day->name, -1);
}

static void update_actions (NkCarePage *self);

static void
on_tile_toggled (GtkToggleButton *button,
                 NkCarePage      *self)
{
  const char *id = g_object_get_data (G_OBJECT (button), CHILD_ID);

  if (gtk_toggle_button_get_active (button))
    g_hash_table_add (self->selected, g_strdup (id));
  else
    g_hash_table_remove (self->selected, id);
  update_actions (self);
}

static GtkWidget *
make_tile (NkCarePage *self,
           NkChildDay *day)
{
  GtkWidget *button = gtk_toggle_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  /* the name beside it says who it is */
  GtkWidget *avatar = g_object_new (ADW_TYPE_AVATAR, "size", 40, "text", day->name, "show-initials", TRUE,
                                    "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION, NULL);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *state = gtk_label_new (NULL);
  GtkWidget *marks = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (name), 0.0f);
  gtk_label_set_xalign (GTK_LABEL (state), 0.0f);
  gtk_widget_add_css_class (name, "nk-child-name");
  gtk_widget_add_css_class (state, "nk-child-state");
  gtk_box_append (GTK_BOX (top), avatar);
  gtk_box_append (GTK_BOX (top), name);
  gtk_box_append (GTK_BOX (box), top);
  gtk_box_append (GTK_BOX (box), state);
  gtk_box_append (GTK_BOX (box), marks);
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "nk-care-tile");

  g_object_set_data_full (G_OBJECT (button), CHILD_ID, g_strdup (day->child_id), g_free);
  g_object_set_data (G_OBJECT (button), PART_AVATAR, avatar);
  g_object_set_data (G_OBJECT (button), PART_NAME, name);
  g_object_set_data (G_OBJECT (button), PART_STATE, state);
  g_object_set_data (G_OBJECT (button), PART_MARKS, marks);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button),
                                g_hash_table_contains (self->selected, day->child_id));
  g_signal_connect (button, "toggled", G_CALLBACK (on_tile_toggled), self);
  return button;
}

/* The same children in the same order: the tiles stay and change in
 * place; otherwise they are made again (the selection is by id). */
static gboolean
same_children (NkCarePage *self)
{
  guint i = 0;

  if (g_hash_table_size (self->tiles) != nk_day_set_get_n (self->set))
    return FALSE;
  for (GtkWidget *cell = gtk_widget_get_first_child (GTK_WIDGET (self->tiles_box)); cell != NULL;
       cell = gtk_widget_get_next_sibling (cell), i++)
    {
      GtkWidget *button = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (cell));

      if (i >= nk_day_set_get_n (self->set) ||
          g_strcmp0 (g_object_get_data (G_OBJECT (button), CHILD_ID),
                     nk_day_set_get (self->set, i)->child_id) != 0)
        return FALSE;
    }
  return TRUE;
}

static void
remove_tiles (NkCarePage *self)
{
  GtkWidget *cell;

  g_hash_table_remove_all (self->tiles);
  while ((cell = gtk_widget_get_first_child (GTK_WIDGET (self->tiles_box))) != NULL)
    gtk_flow_box_remove (self->tiles_box, cell);
}

static void
sync_tiles (NkCarePage *self)
{
  g_autoptr (GHashTable) listed = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer id;

  if (!same_children (self))
    {
      remove_tiles (self);
      for (guint i = 0; i < nk_day_set_get_n (self->set); i++)
        {
          NkChildDay *day = nk_day_set_get (self->set, i);
          GtkWidget *tile = make_tile (self, day);

          gtk_flow_box_append (self->tiles_box, tile);
          g_hash_table_insert (self->tiles, g_strdup (day->child_id), tile);
        }
    }
  for (guint i = 0; i < nk_day_set_get_n (self->set); i++)
    {
      NkChildDay *day = nk_day_set_get (self->set, i);

      update_tile (self, g_hash_table_lookup (self->tiles, day->child_id), day);
      g_hash_table_add (listed, day->child_id);
    }
  /* a child who left the room is no longer selected */
  g_hash_table_iter_init (&iter, self->selected);
  while (g_hash_table_iter_next (&iter, &id, NULL))
    if (!g_hash_table_contains (listed, id))
      g_hash_table_iter_remove (&iter);
  update_actions (self);
}

static void
reload (NkCarePage *self)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *today = NULL;
  NkDaySet *set;

  if (self->door == NULL || self->room_id == NULL)
    return;
  today = nk_centre_today (nk_door_get_centre (self->door));
  set = nk_day_set_load_room (nk_door_get_store (self->door), nk_door_get_centre (self->door),
                              self->room_id, today, &error);
  if (set == NULL)
    {
      /* what was shown stays; the reason is said above it */
      g_message ("Room %s: the day could not be read: %s", self->room_id, error->message);
      nk_care_page_say (self, NULL, error->message);
      return;
    }
  g_clear_pointer (&self->set, nk_day_set_free);
  self->set = set;
  sync_tiles (self);
  if (self->log_child_id != NULL)
    nk_care_page_reload_log (self);
}

static gboolean
reload_idle_cb (gpointer data)
{
  NkCarePage *self = data;

  self->reload_id = 0;
  reload (self);
  return G_SOURCE_REMOVE;
}

static void
on_store_changed (NkCarePage *self)
{
  if (self->reload_id == 0)
    self->reload_id = g_idle_add_full (G_PRIORITY_DEFAULT, reload_idle_cb, self, NULL);
}

/* ---------------------------------------------------------------- selection */

/* The selected children, in the order of the tiles. */
GArray *
nk_care_page_selected_children (NkCarePage *self)
{
  GArray *children = g_array_new (FALSE, TRUE, sizeof (NkCareFormChild));

  for (guint i = 0; self->set != NULL && i < nk_day_set_get_n (self->set); i++)
    {
      NkChildDay *day = nk_day_set_get (self->set, i);
      NkCareFormChild child = { day->child_id, day->name };

      if (g_hash_table_contains (self->selected, day->child_id))
        g_array_append_val (children, child);
    }
  return children;
}

static void
update_actions (NkCarePage *self)
{
  g_autoptr (GArray) children = nk_care_page_selected_children (self);
  guint n = children->len;
  g_autofree char *text = NULL;
  GVariant *target;

  gtk_widget_set_visible (self->one_box, n == 1);
  gtk_widget_set_visible (self->many_box, n > 1);
  if (n == 1)
    {
      const char *id = g_array_index (children, NkCareFormChild, 0).id;

      target = g_variant_ref_sink (g_variant_new_string (id));
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->health_button), target);
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->medicine_button), target);
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->nap_button), target);
      g_variant_unref (target);
      text = g_strdup (g_array_index (children, NkCareFormChild, 0).name);
    }
  else if (n == 0)
    text = g_strdup (_("Tap children to select them"));
  else
    /* TRANSLATORS: how many children are selected on the room page */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u child selected", "%u children selected", n), n);
  gtk_label_set_label (self->selection_label, text);
}

static void
action_select_all (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  NkCarePage *self = NK_CARE_PAGE (widget);

  /* only those here: a meal is not recorded for a child at home */
  for (guint i = 0; self->set != NULL && i < nk_day_set_get_n (self->set); i++)
    {
      NkChildDay *day = nk_day_set_get (self->set, i);

      gtk_toggle_button_set_active (g_hash_table_lookup (self->tiles, day->child_id), day->present);
    }
}

static void
action_clear (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  NkCarePage *self = NK_CARE_PAGE (widget);
  GHashTableIter iter;
  gpointer tile;

  g_hash_table_iter_init (&iter, self->tiles);
  while (g_hash_table_iter_next (&iter, NULL, &tile))
    gtk_toggle_button_set_active (tile, FALSE);
}

/* ---------------------------------------------------------------- open / clear */

void
nk_care_page_clear (NkCarePage *self)
{
  g_return_if_fail (NK_IS_CARE_PAGE (self));

  if (self->watched_store != NULL)
    g_clear_signal_handler (&self->changed_id, self->watched_store);
  g_clear_object (&self->watched_store);
  g_clear_handle_id (&self->reload_id, g_source_remove);
  g_clear_object (&self->door);
  g_clear_pointer (&self->staff_id, g_free);
  g_clear_pointer (&self->room_id, g_free);
  g_clear_pointer (&self->log_child_id, g_free);
  g_clear_pointer (&self->correcting_id, g_free);
  g_clear_pointer (&self->set, nk_day_set_free);
  g_hash_table_remove_all (self->selected);
  remove_tiles (self);
  nk_care_page_say (self, NULL, NULL);
  gtk_stack_set_visible_child_name (self->care_stack, "children");
  update_actions (self);
}

void
nk_care_page_open (NkCarePage *self,
                   NkDoor     *door,
                   const char *staff_id,
                   const char *room_id,
                   const char *room_name)
{
  g_autoptr (GVariant) target = NULL;
  gboolean same_room;

  g_return_if_fail (NK_IS_CARE_PAGE (self) && NK_IS_DOOR (door) && room_id != NULL);

  same_room = g_strcmp0 (self->room_id, room_id) == 0 && self->door == door;
  if (!same_room)
    {
      nk_care_page_clear (self);
      self->door = g_object_ref (door);
      self->room_id = g_strdup (room_id);
      self->watched_store = g_object_ref (nk_door_get_store (door));
      self->changed_id = g_signal_connect_object (self->watched_store, "changed",
                                                  G_CALLBACK (on_store_changed), self, G_CONNECT_SWAPPED);
    }
  g_free (self->staff_id);
  self->staff_id = g_strdup (staff_id);
  target = g_variant_ref_sink (g_variant_new_string (room_id));
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->sleep_button), target);
  gtk_label_set_label (self->title_label, room_name != NULL ? room_name : room_id);
  reload (self);
}

void
nk_care_page_set_phrases (NkCarePage        *self,
                          const char *const *phrases)
{
  g_return_if_fail (NK_IS_CARE_PAGE (self));

  g_strfreev (self->phrases);
  self->phrases = phrases != NULL && phrases[0] != NULL ? g_strdupv ((char **) phrases) : NULL;
}

/* ---------------------------------------------------------------- for tests */

const char *
nk_care_page_get_room (NkCarePage *self)
{
  return self->room_id;
}

const char *
nk_care_page_get_view (NkCarePage *self)
{
  return gtk_stack_get_visible_child_name (self->care_stack);
}

guint
nk_care_page_get_n_children (NkCarePage *self)
{
  return g_hash_table_size (self->tiles);
}

GtkWidget *
nk_care_page_get_tile (NkCarePage *self,
                       const char *child_id)
{
  return g_hash_table_lookup (self->tiles, child_id);
}

char *
nk_care_page_get_marks (NkCarePage *self,
                        const char *child_id)
{
  GtkWidget *tile = g_hash_table_lookup (self->tiles, child_id);
  g_autoptr (GString) marks = g_string_new (NULL);

  if (tile == NULL)
    return NULL;
  for (GtkWidget *l = gtk_widget_get_first_child (g_object_get_data (G_OBJECT (tile), PART_MARKS));
       l != NULL; l = gtk_widget_get_next_sibling (l))
    g_string_append_printf (marks, "%s%s", marks->len > 0 ? "|" : "", gtk_label_get_label (GTK_LABEL (l)));
  return g_string_free (g_steal_pointer (&marks), FALSE);
}

guint
nk_care_page_get_n_selected (NkCarePage *self)
{
  return g_hash_table_size (self->selected);
}

NkCareForm *
nk_care_page_get_form (NkCarePage *self)
{
  return self->form;
}

const char *
nk_care_page_get_status (NkCarePage *self)
{
  if (gtk_widget_get_visible (GTK_WIDGET (self->error_label)))
    return gtk_label_get_label (self->error_label);
  if (gtk_widget_get_visible (GTK_WIDGET (self->status_label)))
    return gtk_label_get_label (self->status_label);
  return NULL;
}

guint
nk_care_page_get_n_log_rows (NkCarePage *self)
{
  return self->n_log_rows;
}

/* ---------------------------------------------------------------- class */

static void
nk_care_page_dispose (GObject *object)
{
  NkCarePage *self = NK_CARE_PAGE (object);
  GtkWidget *child;

  nk_care_page_clear (self);
  gtk_widget_dispose_template (GTK_WIDGET (object), NK_TYPE_CARE_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (nk_care_page_parent_class)->dispose (object);
}

static void
nk_care_page_finalize (GObject *object)
{
  NkCarePage *self = NK_CARE_PAGE (object);

  g_hash_table_unref (self->tiles);
  g_hash_table_unref (self->selected);
  g_strfreev (self->phrases);
  G_OBJECT_CLASS (nk_care_page_parent_class)->finalize (object);
}

static void
nk_care_page_class_init (NkCarePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nk_care_page_dispose;
  object_class->finalize = nk_care_page_finalize;

  gtk_widget_class_install_action (widget_class, "care-page.select-all", NULL, action_select_all);
  gtk_widget_class_install_action (widget_class, "care-page.clear", NULL, action_clear);
  nk_care_page_log_class_init (widget_class);

  g_type_ensure (NK_TYPE_CARE_FORM);
  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "nk-care-page.ui");
  /* after the template: it binds the form's callbacks */
  nk_care_page_entry_class_init (widget_class);
  gtk_widget_class_bind_template_child (widget_class, NkCarePage, care_stack);
  gtk_widget_class_bind_template_child (widget_class, NkCarePage, title_label);
  gtk_widget_class_bind_template_child (widget_class, NkCarePage, status_label);
  gtk_widget_class_bind_template_child (widget_class, NkCarePage, error_label);
  gtk_widget_class_bind_template_child (widget_class, NkCarePage, selection_label);
  gtk_widget_class_bind_template_child (widget_class, NkCarePage, tiles_box);
  gtk_widget_class_bind_template_child (widget_class, NkCarePage, one_box);
  gtk_widget_class_bind_template_child (widget_class, NkCarePage, many_box);
  gtk_widget_class_bind_template_child (widget_class, NkCarePage, health_button);
  gtk_widget_class_bind_template_child (widget_class, NkCarePage, medicine_button);
  gtk_widget_class_bind_template_child (widget_class, NkCarePage, nap_button);
  gtk_widget_class_bind_template_child (widget_class, NkCarePage, sleep_button);
  gtk_widget_class_bind_template_child (widget_class, NkCarePage, form);
  gtk_widget_class_bind_template_child (widget_class, NkCarePage, log_title);
  gtk_widget_class_bind_template_child (widget_class, NkCarePage, log_error);
  gtk_widget_class_bind_template_child (widget_class, NkCarePage, log_box);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "nkcarepage");
}

/* The cells a flow box of the template wraps its buttons in are read
 * before the buttons: they are named as the buttons are. */
static void
name_cells (GtkWidget *flow_box)
{
  for (GtkWidget *cell = gtk_widget_get_first_child (flow_box); cell != NULL;
       cell = gtk_widget_get_next_sibling (cell))
    {
      GtkWidget *button = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (cell));

      gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      gtk_button_get_label (GTK_BUTTON (button)), -1);
    }
}

static void
nk_care_page_init (NkCarePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  name_cells (self->one_box);
  name_cells (self->many_box);
  self->tiles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->selected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  update_actions (self);
}

GtkWidget *
nk_care_page_new (void)
{
  return g_object_new (NK_TYPE_CARE_PAGE, NULL);
}
