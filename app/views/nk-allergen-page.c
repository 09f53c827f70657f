/* nk-allergen-page.c — staff mode's lists of allergens
 * (nk-allergen-page.h).  The rows are read from the core each time the
 * store changes; what staff typed or chose and did not confirm yet is
 * kept by row, so a row read again keeps it. */
#define G_LOG_DOMAIN "nk-views"

#include "config.h"

#include <glib/gi18n.h>

#include "core/nk-menu-allergy.h"
#include "core/nk-menu-today.h"
#include "nk-a11y.h"
#include "nk-allergen-page.h"

#define N_GROUPS (NK_ALLERGEN_N - 1)   /* the eight groups; "other" is the text */

/* One row on screen: what it is about and the widgets staff fill in
 * (borrowed from rows_box). */
typedef struct {
  char            *key;        /* child, or child/slot/dish */
  char            *child_id;
  char            *child_name;
  NkMealSlot       slot;
  char            *dish;
  GtkEditable     *entry;      /* the substitute, or the other allergens */
  GtkToggleButton *groups[N_GROUPS];
} Row;

struct _NkAllergenPage
{
  GtkWidget parent_instance;

  GtkLabel *title_label;
  GtkLabel *message_label;
  GtkLabel *empty_label;
  GtkBox *rows_box;

  NkDoor *door;
  NkStore *store;
  gulong changed_id;
  char *staff_id;
  char *room_id;
  NkAllergenView view;
  GPtrArray *rows;           /* Row* */
};

G_DEFINE_FINAL_TYPE (NkAllergenPage, nk_allergen_page, GTK_TYPE_WIDGET)

static void
row_free (Row *row)
{
  g_free (row->key);
  g_free (row->child_id);
  g_free (row->child_name);
  g_free (row->dish);
  g_free (row);
}

static void on_entry_activate (GtkWidget *entry);

static void
say (NkAllergenPage *self, const char *text)
{
  gtk_label_set_label (self->message_label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), text != NULL);
}

static GtkWidget *
label_new (const char *text, const char *css)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, css);
  return label;
}

static GtkWidget *
button_new (const char *label, const char *accessible, const char *action, guint index)
{
  GtkWidget *button = gtk_button_new_with_label (label);

  gtk_widget_add_css_class (button, "nk-big-button");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "u", index);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  return button;
}

static GtkWidget *
entry_new (const char *text, const char *placeholder, const char *accessible, const char *action,
           guint index)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_editable_set_text (GTK_EDITABLE (entry), text ? text : "");
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  gtk_widget_set_hexpand (entry, TRUE);
  gtk_widget_add_css_class (entry, "nk-allergen-entry");
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  /* Enter confirms, as the button does */
  g_signal_connect (entry, "activate", G_CALLBACK (on_entry_activate), NULL);
  g_object_set_data_full (G_OBJECT (entry), "nk-action", g_strdup (action), g_free);
  g_object_set_data (G_OBJECT (entry), "nk-index", GUINT_TO_POINTER (index));
  return entry;
}

/* ---- the rows -------------------------------------------------------------------------- */

/* What staff typed in each row, by key, to keep across a reload. */
static GHashTable *
typed_texts (NkAllergenPage *self)
{
  GHashTable *typed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; self->rows && i < self->rows->len; i++)
    {
      Row *row = self->rows->pdata[i];

      if (row->entry != NULL)
        g_hash_table_insert (typed, g_strdup (row->key), g_strdup (gtk_editable_get_text (row->entry)));
    }
  return typed;
}

static void
clear_rows (NkAllergenPage *self)
{
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self->rows_box))) != NULL;)
    gtk_box_remove (self->rows_box, child);
  g_ptr_array_set_size (self->rows, 0);
}

static GtkWidget *
row_box (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);

  gtk_widget_add_css_class (box, "nk-allergen-row");
  return box;
}

static void
add_today_row (NkAllergenPage *self, const NkMenuAllergenRow *r, GHashTable *typed)
{
  Row *row = g_new0 (Row, 1);
  GtkWidget *box = row_box ();
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  g_autofree char *detail = NULL;
  guint index = self->rows->len;

  row->child_id = g_strdup (r->child_id);
  row->child_name = g_strdup (r->child_name);
  row->slot = r->slot;
  row->dish = g_strdup (r->dish);
  row->key = g_strjoin ("/", r->child_id, nk_meal_slot_code (r->slot), r->dish, NULL);
  g_ptr_array_add (self->rows, row);

  /* TRANSLATORS: a row of "Allergens on today's menu": a meal, a dish, and the allergen: 午餐 鸡蛋羹 含蛋类 */
  detail = g_strdup_printf (_("%s %s contains %s"), nk_meal_slot_label (r->slot), r->dish, r->what);
  gtk_box_append (GTK_BOX (box), label_new (r->child_name, "nk-allergen-name"));
  gtk_box_append (GTK_BOX (box), label_new (detail, "nk-allergen-detail"));
  if (r->substitute != NULL)
    {
      /* TRANSLATORS: the substitute of a dish was confirmed: 已备替代餐：蒸南瓜 */
      g_autofree char *done = g_strdup_printf (_("Substitute ready: %s"), r->substitute);

      gtk_box_append (GTK_BOX (box), label_new (done, "nk-allergen-done"));
    }
  else
    {
      /* TRANSLATORS: what a screen reader calls the substitute entry: child, dish */
      g_autofree char *entry_name = g_strdup_printf (_("Substitute for %s: %s"), r->child_name, r->dish);
      /* TRANSLATORS: what a screen reader calls the confirm button: child, dish */
      g_autofree char *button_name = g_strdup_printf (_("Substitute ready for %s: %s"), r->child_name,
                                                      r->dish);
      GtkWidget *entry = entry_new (g_hash_table_lookup (typed, row->key),
                                    _("Substitute, e.g. steamed pumpkin"), entry_name,
                                    "allergen.substitute", index);

      row->entry = GTK_EDITABLE (entry);
      gtk_box_append (GTK_BOX (line), entry);
      gtk_box_append (GTK_BOX (line), button_new (_("Substitute ready"), button_name,
                                                  "allergen.substitute", index));
      gtk_box_append (GTK_BOX (box), line);
    }
  gtk_box_append (self->rows_box, box);
}

static void
add_confirm_row (NkAllergenPage *self, const NkChildAllergy *a, GHashTable *typed)
{
  Row *row = g_new0 (Row, 1);
  GtkWidget *box = row_box ();
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *groups = gtk_flow_box_new ();
  g_autofree char *written = NULL, *heading = NULL, *entry_name = NULL, *button_name = NULL;
  const char *other;
  guint index = self->rows->len;

  row->child_id = g_strdup (a->child_id);
  row->child_name = g_strdup (a->name);
  row->key = g_strdup (a->child_id);
  g_ptr_array_add (self->rows, row);
  other = g_hash_table_contains (typed, row->key) ? g_hash_table_lookup (typed, row->key) : a->other;

  heading = a->room_name ? g_strdup_printf ("%s · %s", a->name, a->room_name) : g_strdup (a->name);
  /* TRANSLATORS: the allergies as the platform or the import wrote them */
  written = g_strdup_printf (_("Written: %s"), a->text);
  gtk_box_append (GTK_BOX (box), label_new (heading, "nk-allergen-name"));
  gtk_box_append (GTK_BOX (box), label_new (written, "nk-allergen-detail"));

  {
    /* TRANSLATORS: what a screen reader calls the allergen groups of a child to pick from */
    g_autofree char *groups_name = g_strdup_printf (_("Allergen groups of %s"), a->name);

    gtk_accessible_update_property (GTK_ACCESSIBLE (groups), GTK_ACCESSIBLE_PROPERTY_LABEL, groups_name, -1);
  }
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (groups), GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (groups), 4);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (groups), 8);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (groups), 8);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (groups), TRUE);
  for (guint g = 0; g < N_GROUPS; g++)
    {
      const char *label = nk_allergen_label (1u << g);
      GtkWidget *toggle = gtk_toggle_button_new_with_label (label);
      /* TRANSLATORS: what a screen reader calls a group's toggle: group, child */
      g_autofree char *name = g_strdup_printf (_("%s — %s"), label, a->name);

      gtk_widget_add_css_class (toggle, "nk-big-button");
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle), (a->allergens & (1u << g)) != 0);
      gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      row->groups[g] = GTK_TOGGLE_BUTTON (toggle);
      nk_a11y_flow_box_append (GTK_FLOW_BOX (groups), toggle, name);
    }
  gtk_box_append (GTK_BOX (box), groups);

  /* TRANSLATORS: what a screen reader calls the entry of a child's other allergens */
  entry_name = g_strdup_printf (_("Other allergens of %s"), a->name);
  /* TRANSLATORS: what a screen reader calls the button that confirms a child's allergies */
  button_name = g_strdup_printf (_("Confirm the allergies of %s"), a->name);
  row->entry = GTK_EDITABLE (entry_new (other, _("Other allergens, e.g. mango"), entry_name,
                                        "allergen.confirm", index));
  gtk_box_append (GTK_BOX (line), GTK_WIDGET (row->entry));
  gtk_box_append (GTK_BOX (line), button_new (_("Confirm"), button_name, "allergen.confirm", index));
  gtk_box_append (GTK_BOX (box), line);
  gtk_box_append (self->rows_box, box);
}

static void
reload (NkAllergenPage *self)
{
  g_autoptr (GHashTable) typed = typed_texts (self);
  g_autoptr (GPtrArray) list = NULL;
  g_autoptr (GError) error = NULL;
  NkStore *store;

  clear_rows (self);
  if (self->door == NULL)
    return;
  store = nk_door_get_store (self->door);
  if (self->view == NK_ALLERGEN_VIEW_TODAY)
    {
      NkCentre *centre = nk_door_get_centre (self->door);
      g_autofree char *today = nk_centre_today (centre);

      list = nk_menu_today_list (store, centre, self->room_id, today, &error);
      for (guint i = 0; list && i < list->len; i++)
        add_today_row (self, list->pdata[i], typed);
      gtk_label_set_label (self->empty_label,
                           _("No child here today has an allergen on today's menu."));
    }
  else
    {
      list = nk_allergy_list_to_confirm (store, &error);
      for (guint i = 0; list && i < list->len; i++)
        add_confirm_row (self, list->pdata[i], typed);
      gtk_label_set_label (self->empty_label, _("Every child's allergies are confirmed."));
    }
  if (list == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Cannot show the list: %s"), error->message);

      g_message ("Allergen list not shown: %s", error->message);
      say (self, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->empty_label), list != NULL && list->len == 0);
}

static void
on_store_changed (NkAllergenPage *self, const char *kind)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    reload (self);
}

/* ---- the actions ---------------------------------------------------------------------- */

static Row *
row_at (NkAllergenPage *self, GVariant *parameter)
{
  guint i = g_variant_get_uint32 (parameter);

  return self->door != NULL && self->staff_id != NULL && i < self->rows->len ? self->rows->pdata[i] : NULL;
}

/* The store's change notification reads the rows again before the
 * record returns: row is not used after recording (its name is copied). */
static void
confirm_substitute (NkAllergenPage *self, Row *row)
{
  g_autofree char *name = g_strdup (row->child_name);
  g_autofree char *dish = g_strdup (row->dish);
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (row->entry)));
  g_autofree char *said = NULL;
  g_autoptr (GError) error = NULL;

  if (*text == '\0')
    {
      say (self, _("Write the substitute first, e.g. steamed pumpkin."));
      gtk_widget_grab_focus (GTK_WIDGET (row->entry));
      return;
    }
  if (!nk_menu_substitute_confirm (nk_door_get_store (self->door), nk_door_get_centre (self->door),
                                   self->staff_id, row->child_id, row->slot, row->dish, text, &error))
    {
      g_message ("Substitute for %s not saved: %s", name, error->message);
      said = g_strdup_printf (_("Not saved: %s"), error->message);
    }
  else
    /* TRANSLATORS: after confirming a substitute: child, dish, substitute */
    said = g_strdup_printf (_("%s: %s is replaced by %s."), name, dish, text);
  say (self, said);
  reload (self);
}

static void
confirm_allergies (NkAllergenPage *self, Row *row)
{
  g_autofree char *name = g_strdup (row->child_name);
  g_autofree char *other = g_strstrip (g_strdup (gtk_editable_get_text (row->entry)));
  g_autofree char *said = NULL;
  g_autoptr (GError) error = NULL;
  NkAllergens set = 0;

  for (guint g = 0; g < N_GROUPS; g++)
    if (gtk_toggle_button_get_active (row->groups[g]))
      set |= 1u << g;
  if (!nk_allergy_confirm (nk_door_get_store (self->door), nk_door_get_centre (self->door),
                           self->staff_id, row->child_id, set, *other ? other : NULL, &error))
    {
      g_message ("Allergies of %s not confirmed: %s", name, error->message);
      said = g_strdup_printf (_("Not saved: %s"), error->message);
    }
  else
    {
      g_autofree char *list = nk_allergens_describe (set, *other ? other : NULL);

      /* TRANSLATORS: after confirming a child's allergies: child, the list */
      said = g_strdup_printf (_("%s: allergies confirmed (%s)."), name,
                              *list ? list : _("none"));
    }
  say (self, said);
  reload (self);
}

static void
action_substitute (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  NkAllergenPage *self = NK_ALLERGEN_PAGE (widget);
  Row *row = row_at (self, parameter);

  if (row != NULL && row->entry != NULL && self->view == NK_ALLERGEN_VIEW_TODAY)
    confirm_substitute (self, row);
}

static void
action_confirm (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  NkAllergenPage *self = NK_ALLERGEN_PAGE (widget);
  Row *row = row_at (self, parameter);

  if (row != NULL && self->view == NK_ALLERGEN_VIEW_CONFIRM)
    confirm_allergies (self, row);
}

/* An entry's Enter: its row's action. */
static void
on_entry_activate (GtkWidget *entry)
{
  const char *action = g_object_get_data (G_OBJECT (entry), "nk-action");
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (entry), "nk-index"));

  gtk_widget_activate_action (entry, action, "u", index);
}

/* ---- the page ------------------------------------------------------------------------ */

static void
set_store (NkAllergenPage *self, NkStore *store)
{
  if (self->store == store)
    return;
  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_id, self->store);
  g_set_object (&self->store, store);
  if (store != NULL)
    self->changed_id = g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed), self,
                                                G_CONNECT_SWAPPED);
}

void
nk_allergen_page_open (NkAllergenPage *self, NkDoor *door, const char *staff_id, NkAllergenView view,
                       const char *room_id)
{
  g_return_if_fail (NK_IS_ALLERGEN_PAGE (self));

  g_set_object (&self->door, door);
  set_store (self, door ? nk_door_get_store (door) : NULL);
  g_free (self->staff_id);
  self->staff_id = g_strdup (staff_id);
  g_free (self->room_id);
  self->room_id = g_strdup (room_id);
  self->view = view;
  gtk_label_set_label (self->title_label, view == NK_ALLERGEN_VIEW_TODAY ? _("Allergens on today's menu")
                                                                         : _("Children's allergies to confirm"));
  say (self, NULL);
  g_ptr_array_set_size (self->rows, 0);
  reload (self);
}

void
nk_allergen_page_close (NkAllergenPage *self)
{
  g_return_if_fail (NK_IS_ALLERGEN_PAGE (self));

  clear_rows (self);
  say (self, NULL);
  set_store (self, NULL);
  g_clear_object (&self->door);
  g_clear_pointer (&self->staff_id, g_free);
}

guint
nk_allergen_page_get_n_rows (NkAllergenPage *self)
{
  return self->rows->len;
}

const char *
nk_allergen_page_get_message (NkAllergenPage *self)
{
  return gtk_widget_get_visible (GTK_WIDGET (self->message_label))
         ? gtk_label_get_label (self->message_label) : NULL;
}

GtkWidget *
nk_allergen_page_new (void)
{
  return g_object_new (NK_TYPE_ALLERGEN_PAGE, NULL);
}

static void
nk_allergen_page_dispose (GObject *object)
{
  NkAllergenPage *self = NK_ALLERGEN_PAGE (object);

  set_store (self, NULL);
  g_clear_object (&self->door);
  gtk_widget_dispose_template (GTK_WIDGET (self), NK_TYPE_ALLERGEN_PAGE);
  /* GTK 4.8 leaves a template's unnamed top child in place */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (nk_allergen_page_parent_class)->dispose (object);
}

static void
nk_allergen_page_finalize (GObject *object)
{
  NkAllergenPage *self = NK_ALLERGEN_PAGE (object);

  g_free (self->staff_id);
  g_free (self->room_id);
  g_ptr_array_unref (self->rows);
  G_OBJECT_CLASS (nk_allergen_page_parent_class)->finalize (object);
}

static void
nk_allergen_page_class_init (NkAllergenPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nk_allergen_page_dispose;
  object_class->finalize = nk_allergen_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/nurserykiosk/Kiosk/nk-allergen-page.ui");
  gtk_widget_class_bind_template_child (widget_class, NkAllergenPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, NkAllergenPage, message_label);
  gtk_widget_class_bind_template_child (widget_class, NkAllergenPage, empty_label);
  gtk_widget_class_bind_template_child (widget_class, NkAllergenPage, rows_box);

  gtk_widget_class_install_action (widget_class, "allergen.substitute", "u", action_substitute);
  gtk_widget_class_install_action (widget_class, "allergen.confirm", "u", action_confirm);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "nkallergenpage");
}

static void
nk_allergen_page_init (NkAllergenPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
}
