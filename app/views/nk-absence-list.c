/* nk-absence-list.c — "Absent today" in staff mode (nk-absence-list.h).
 * The list is read from the core when shown and again on every
 * changed::absence.reason (a reason saved here, corrected, or relayed
 * from the other door); a child's button names the action that opens the
 * reason form. */
#define G_LOG_DOMAIN "nk-views"

#include "config.h"

#include <glib/gi18n.h>

#include "nk-absence-list.h"

struct _NkAbsenceList
{
  GtkWidget  parent_instance;

  GtkLabel  *title_label;
  GtkLabel  *summary_label;
  GtkLabel  *error_label;
  GtkBox    *sections_box;

  NkDoor    *door;
  char      *room_id;
  GPtrArray *items;
  guint      n_open;
};

G_DEFINE_FINAL_TYPE (NkAbsenceList, nk_absence_list, GTK_TYPE_WIDGET)

char *
nk_absence_item_describe (const NkAbsenceItem *item)
{
  g_autofree char *symptoms = NULL;

  if (!item->recorded)
    /* TRANSLATORS: a child absent with no reason recorded yet (未登记原因 · 请联系家长) */
    return g_strdup (_("No reason yet — call the family"));
  if (item->reason != NK_ABSENCE_ILLNESS)
    return g_strdup (nk_absence_reason_label (item->reason));
  symptoms = nk_symptoms_describe (item->symptoms, item->other_symptom);
  /* TRANSLATORS: an illness absence and its symptoms, e.g. "Illness: fever, cough" (病假：发热、咳嗽) */
  return g_strdup_printf (_("%s: %s"), nk_absence_reason_label (item->reason), symptoms);
}

static void
clear_sections (NkAbsenceList *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->sections_box))) != NULL)
    gtk_box_remove (self->sections_box, child);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  self->n_open = 0;
}

static GtkWidget *
child_button (const NkAbsenceItem *item)
{
  g_autofree char *why = nk_absence_item_describe (item);
  /* TRANSLATORS: a row of "Absent today": the child, then the reason or "call the family" */
  g_autofree char *text = g_strdup_printf (_("%s · %s"), item->child_name, why);
  /* TRANSLATORS: what a screen reader says of a row of "Absent today" */
  g_autofree char *name = g_strdup_printf (_("%s, absent today: %s. Record the reason"), item->child_name, why);
  GtkWidget *button = gtk_button_new_with_label (text);

  gtk_widget_set_halign (gtk_button_get_child (GTK_BUTTON (button)), GTK_ALIGN_START);
  gtk_label_set_ellipsize (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button))), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (button, "nk-big-button");
  gtk_widget_add_css_class (button, "nk-absence-row");
  if (!item->recorded)
    gtk_widget_add_css_class (button, "nk-absence-open");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "absence.child");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", item->child_id);
  return button;
}

static GtkWidget *
room_heading (const char *room_name)
{
  GtkWidget *heading = gtk_label_new (room_name);

  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "nk-section-title");
  gtk_accessible_update_property (GTK_ACCESSIBLE (heading), GTK_ACCESSIBLE_PROPERTY_LEVEL, 2, -1);
  return heading;
}

/* One heading and a grid of two a line per room (a grid, not a flow box:
 * its children would be read as unnamed list items). */
static void
fill (NkAbsenceList *self)
{
  GtkWidget *grid = NULL;
  const char *room = NULL;
  guint n = 0;

  for (guint i = 0; i < self->items->len; i++)
    {
      NkAbsenceItem *item = self->items->pdata[i];

      if (grid == NULL || g_strcmp0 (room, item->room_id) != 0)
        {
          room = item->room_id;
          n = 0;
          gtk_box_append (self->sections_box, room_heading (item->room_name));
          grid = gtk_grid_new ();
          gtk_grid_set_column_homogeneous (GTK_GRID (grid), TRUE);
          gtk_grid_set_column_spacing (GTK_GRID (grid), 8);
          gtk_grid_set_row_spacing (GTK_GRID (grid), 8);
          gtk_box_append (self->sections_box, grid);
        }
      gtk_grid_attach (GTK_GRID (grid), child_button (item), (int) (n % 2), (int) (n / 2), 1, 1);
      n++;
      if (!item->recorded)
        self->n_open++;
    }
}

static void
reload (NkAbsenceList *self)
{
  NkCentre *centre = nk_door_get_centre (self->door);
  g_autoptr (GError) error = NULL;
  g_autofree char *summary = NULL;

  clear_sections (self);
  self->items = nk_absence_list (nk_door_get_store (self->door), centre, self->room_id, nk_centre_now (centre),
                                 &error);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), self->items == NULL);
  if (self->items == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("The absences cannot be read: %s"), error->message);

      g_message ("Absences not read: %s", error->message);
      gtk_label_set_label (self->error_label, text);
      gtk_label_set_label (self->summary_label, "");
      return;
    }
  fill (self);
  if (self->items->len == 0)
    summary = g_strdup (_("Every child expected today is here, or it is too early to say"));
  else
    /* TRANSLATORS: the line above "Absent today": absent children, and how many the staff still must call */
    summary = g_strdup_printf (ngettext ("%u child absent, %u with no reason yet",
                                         "%u children absent, %u with no reason yet", self->items->len),
                               self->items->len, self->n_open);
  gtk_label_set_label (self->summary_label, summary);
}

static void
on_changed (NkStore *store, const char *kind, const char *const *ids, NkAbsenceList *self)
{
  reload (self);
}

static void
watch (NkAbsenceList *self, NkDoor *door)
{
  if (self->door == door)
    return;
  if (self->door != NULL)
    g_signal_handlers_disconnect_by_data (nk_door_get_store (self->door), self);
  g_set_object (&self->door, door);
  if (door != NULL)
    g_signal_connect_object (nk_door_get_store (door), "changed::absence.reason", G_CALLBACK (on_changed), self,
                             0);
}

void
nk_absence_list_show (NkAbsenceList *self,
                      NkDoor        *door,
                      const char    *room_id)
{
  g_return_if_fail (NK_IS_ABSENCE_LIST (self) && NK_IS_DOOR (door));

  watch (self, door);
  g_free (self->room_id);
  self->room_id = room_id != NULL && *room_id != '\0' ? g_strdup (room_id) : NULL;
  reload (self);
}

void
nk_absence_list_clear (NkAbsenceList *self)
{
  g_return_if_fail (NK_IS_ABSENCE_LIST (self));

  watch (self, NULL);
  clear_sections (self);
  gtk_label_set_label (self->summary_label, "");
}

const NkAbsenceItem *
nk_absence_list_find (NkAbsenceList *self,
                      const char    *child_id)
{
  for (guint i = 0; self->items != NULL && i < self->items->len; i++)
    {
      NkAbsenceItem *item = self->items->pdata[i];

      if (g_strcmp0 (item->child_id, child_id) == 0)
        return item;
    }
  return NULL;
}

guint
nk_absence_list_get_n (NkAbsenceList *self)
{
  return self->items != NULL ? self->items->len : 0;
}

guint
nk_absence_list_get_n_open (NkAbsenceList *self)
{
  return self->n_open;
}

static void
nk_absence_list_dispose (GObject *object)
{
  NkAbsenceList *self = NK_ABSENCE_LIST (object);

  watch (self, NULL);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->room_id, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (object), NK_TYPE_ABSENCE_LIST);
  /* GTK 4.8 leaves a template's unnamed top child in place */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL;)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (nk_absence_list_parent_class)->dispose (object);
}

static void
nk_absence_list_class_init (NkAbsenceListClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = nk_absence_list_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/org/nurserykiosk/Kiosk/nk-absence-list.ui");
  gtk_widget_class_bind_template_child (widget_class, NkAbsenceList, title_label);
  gtk_widget_class_bind_template_child (widget_class, NkAbsenceList, summary_label);
  gtk_widget_class_bind_template_child (widget_class, NkAbsenceList, error_label);
  gtk_widget_class_bind_template_child (widget_class, NkAbsenceList, sections_box);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "nkabsencelist");
}

static void
nk_absence_list_init (NkAbsenceList *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
