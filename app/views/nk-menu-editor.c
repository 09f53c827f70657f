/* nk-menu-editor.c — the director's menu in staff mode
 * (nk-menu-editor.h): the week, a day's meal slots, and saving.
 *
 * The editor holds the day open as stored.  A dish saved or removed
 * changes that day in place, saves it whole, and on a refusal puts it
 * back as it was (the form keeps what was typed); on success the day is
 * read back from the store, so the page shows what was recorded. */
#define G_LOG_DOMAIN "nk-views"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "nk-menu-editor-private.h"

G_DEFINE_FINAL_TYPE (NkMenuEditor, nk_menu_editor, GTK_TYPE_WIDGET)

static void
show_label (GtkLabel   *label,
            const char *text)
{
  gtk_label_set_label (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL);
}

static void
show_error (NkMenuEditor *self,
            const char   *what,
            const GError *error)
{
  g_message ("Menu editor: %s: %s", what, error->message);
  show_label (self->notice_label, NULL);
  show_label (self->error_label, error->message);
}

static void
clear_box (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
}

/* ---------------------------------------------------------------- dates */

static gboolean
parse_date (const char *text,
            GDate      *date)
{
  int y, m, d;

  g_date_clear (date, 1);
  if (text == NULL || sscanf (text, "%4d-%2d-%2d", &y, &m, &d) != 3 || !g_date_valid_dmy (d, m, y))
    return FALSE;
  g_date_set_dmy (date, d, m, y);
  return TRUE;
}

static char *
format_date (const GDate *date)
{
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

/* "Monday 23 November", translated */
static char *
date_label (const GDate *date)
{
  g_autoptr (GDateTime) dt = g_date_time_new_utc (g_date_get_year (date), g_date_get_month (date),
                                                  g_date_get_day (date), 12, 0, 0);

  /* TRANSLATORS: a day of the menu editor, strftime format; e.g. "%-m月%-d日 %A" */
  return g_date_time_format (dt, _("%A %-d %B"));
}

/* ---------------------------------------------------------------- the week */

static char *
day_summary (const NkMenuDay *day)
{
  guint n = day != NULL ? nk_menu_day_n_dishes (day) : 0;
  const char *from = NULL;

  if (n == 0)
    return g_strdup (_("No menu yet"));
  if (g_strcmp0 (day->source, "platform") == 0)
    from = _("from the platform");
  else if (g_strcmp0 (day->source, "import") == 0)
    from = _("imported");
  else
    from = _("edited here");
  /* TRANSLATORS: a day of the week's menu: "8 dishes · from the platform" */
  return g_strdup_printf (ngettext ("%u dish · %s", "%u dishes · %s", n), n, from);
}

static GtkWidget *
day_button (const GDate     *date,
            const NkMenuDay *day,
            gboolean         today)
{
  g_autofree char *iso = format_date (date);
  g_autofree char *name = date_label (date);
  g_autofree char *summary = day_summary (day);
  g_autofree char *spoken = g_strdup_printf ("%s: %s", name, summary);
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 16);
  GtkWidget *name_label = gtk_label_new (name);
  GtkWidget *summary_label = gtk_label_new (summary);

  gtk_label_set_xalign (GTK_LABEL (name_label), 0);
  gtk_widget_set_hexpand (name_label, TRUE);
  gtk_label_set_xalign (GTK_LABEL (summary_label), 1);
  gtk_label_set_ellipsize (GTK_LABEL (summary_label), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), name_label);
  gtk_box_append (GTK_BOX (box), summary_label);
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "menu.open-day");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", iso);
  gtk_widget_add_css_class (button, "nk-big-button");
  gtk_widget_add_css_class (button, "nk-menu-day");
  if (today)
    gtk_widget_add_css_class (button, "nk-today");
  return button;
}

static void
show_week (NkMenuEditor *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) days = NULL;
  g_autofree char *today = NULL;
  g_autofree char *sunday_iso = NULL;
  g_autofree char *first = NULL;
  g_autofree char *title = NULL;
  GDate monday, sunday;

  clear_box (self->week_box);
  gtk_stack_set_visible_child_name (self->stack, "week");
  gtk_widget_set_visible (self->previous_button, TRUE);
  gtk_widget_set_visible (self->next_button, TRUE);
  gtk_widget_set_visible (self->save_button, FALSE);
  if (self->door == NULL || !parse_date (self->monday, &monday))
    return;

  sunday = monday;
  g_date_add_days (&sunday, 6);
  sunday_iso = format_date (&sunday);
  first = date_label (&monday);
  /* TRANSLATORS: the menu editor's title; %s is the week's Monday */
  title = g_strdup_printf (_("Menu: the week of %s"), first);
  gtk_label_set_label (self->title_label, title);

  days = nk_menu_days_load (nk_door_get_store (self->door), self->monday, sunday_iso, &error);
  if (days == NULL)
    {
      show_error (self, "the week not read", error);
      return;
    }

  today = nk_centre_today (nk_door_get_centre (self->door));
  for (int i = 0; i < 7; i++)
    {
      GDate date = monday;
      g_autofree char *iso = NULL;
      const NkMenuDay *found = NULL;

      g_date_add_days (&date, i);
      iso = format_date (&date);
      for (guint j = 0; j < days->len && found == NULL; j++)
        if (g_strcmp0 (((NkMenuDay *) days->pdata[j])->date, iso) == 0)
          found = days->pdata[j];
      gtk_box_append (self->week_box, day_button (&date, found, g_strcmp0 (iso, today) == 0));
    }
}

static void
set_week (NkMenuEditor *self,
          const char   *any_day,
          int           weeks)
{
  GDate date;

  if (!parse_date (any_day, &date))
    return;
  g_date_subtract_days (&date, g_date_get_weekday (&date) - G_DATE_MONDAY);
  if (weeks > 0)
    g_date_add_days (&date, 7 * weeks);
  else if (weeks < 0)
    g_date_subtract_days (&date, 7 * -weeks);
  g_free (self->monday);
  self->monday = format_date (&date);
}

/* ---------------------------------------------------------------- the day */

static GtkWidget *
small_button (const char *label,
              const char *spoken,
              const char *action,
              GVariant   *target)
{
  GtkWidget *button = gtk_button_new_with_label (label);

  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), target);
  gtk_widget_add_css_class (button, "nk-big-button");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  return button;
}

static GtkWidget *
dish_row (const NkMenuDish *dish,
          NkMealSlot        slot,
          guint             index)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  g_autofree char *line = nk_menu_editor_dish_describe (dish);
  /* TRANSLATORS: accessible names of a dish's buttons; %s is the dish */
  g_autofree char *edit_name = g_strdup_printf (_("Edit %s"), dish->name);
  g_autofree char *remove_name = g_strdup_printf (_("Remove %s"), dish->name);
  GtkWidget *label = gtk_label_new (line);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (label, "nk-stay");
  gtk_widget_add_css_class (row, "nk-menu-dish");
  gtk_box_append (GTK_BOX (row), label);
  gtk_box_append (GTK_BOX (row), small_button (_("Edit"), edit_name, "menu.edit-dish",
                                               g_variant_new ("(iu)", slot, index)));
  gtk_box_append (GTK_BOX (row), small_button (_("Remove"), remove_name, "menu.remove-dish",
                                               g_variant_new ("(iu)", slot, index)));
  return row;
}

static void
show_day (NkMenuEditor *self)
{
  g_autofree char *title = NULL;
  GDate date;

  clear_box (self->day_box);
  gtk_stack_set_visible_child_name (self->stack, "day");
  gtk_widget_set_visible (self->previous_button, FALSE);
  gtk_widget_set_visible (self->next_button, FALSE);
  gtk_widget_set_visible (self->save_button, FALSE);
  if (self->day == NULL || !parse_date (self->day->date, &date))
    return;

  title = date_label (&date);
  gtk_label_set_label (self->title_label, title);
  for (int slot = 0; slot < NK_MEAL_N_SLOTS; slot++)
    {
      GPtrArray *dishes = self->day->dishes[slot];
      GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      GtkWidget *name = gtk_label_new (nk_meal_slot_label (slot));
      /* TRANSLATORS: the accessible name of a meal's "Add dish"; %s: "Lunch" */
      g_autofree char *add_name = g_strdup_printf (_("Add a dish to %s"), nk_meal_slot_label (slot));

      gtk_label_set_xalign (GTK_LABEL (name), 0);
      gtk_widget_set_hexpand (name, TRUE);
      gtk_widget_add_css_class (name, "nk-section-title");
      gtk_box_append (GTK_BOX (header), name);
      gtk_box_append (GTK_BOX (header), small_button (_("Add dish"), add_name, "menu.add-dish",
                                                      g_variant_new_int32 (slot)));
      gtk_box_append (self->day_box, header);

      for (guint i = 0; dishes != NULL && i < dishes->len; i++)
        gtk_box_append (self->day_box, dish_row (dishes->pdata[i], slot, i));
      if (dishes == NULL || dishes->len == 0)
        {
          GtkWidget *none = gtk_label_new (_("No dishes"));

          gtk_label_set_xalign (GTK_LABEL (none), 0);
          gtk_widget_add_css_class (none, "nk-stay");
          gtk_widget_add_css_class (none, "dim-label");
          gtk_box_append (self->day_box, none);
        }
    }
}

/* The day of date as stored (a new one when it has no menu). */
static gboolean
load_day (NkMenuEditor *self,
          const char   *date)
{
  g_autoptr (GError) error = NULL;
  NkMenuDay *day = nk_menu_day_load (nk_door_get_store (self->door), date, &error);

  if (day == NULL && error != NULL)
    {
      show_error (self, "a day not read", error);
      return FALSE;
    }
  g_clear_pointer (&self->day, nk_menu_day_free);
  self->day = day != NULL ? day : nk_menu_day_new (date);
  return TRUE;
}

/* ---------------------------------------------------------------- saving */

static gboolean
save_day (NkMenuEditor *self,
          const char   *what,
          GError      **error)
{
  if (!nk_menu_day_save (nk_door_get_store (self->door), nk_door_get_centre (self->door), self->staff_id,
                         self->day, error))
    return FALSE;
  g_message ("confirmed menu.day date=%s by=%s: %s", self->day->date, self->staff_id, what);
  return TRUE;
}

/* After a save: the day as recorded, and what was done. */
static void
show_saved (NkMenuEditor *self,
            const char   *notice)
{
  g_autofree char *date = g_strdup (self->day->date);

  if (load_day (self, date))
    {
      show_day (self);
      show_label (self->error_label, NULL);
      show_label (self->notice_label, notice);
    }
}

static void
save_dish (NkMenuEditor *self)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *notice = NULL;
  GPtrArray *dishes;
  NkMenuDish *dish;
  NkMenuDish *old = NULL;
  guint at;

  if (self->door == NULL || self->day == NULL)
    return;
  dish = nk_menu_editor_dish_read (self, &error);
  if (dish == NULL)
    {
      show_error (self, "dish not saved", error);
      return;
    }

  dishes = self->day->dishes[self->dish_slot];
  if (self->dish_index < 0 || dishes == NULL || (guint) self->dish_index >= dishes->len)
    {
      nk_menu_day_add_dish (self->day, self->dish_slot, dish);
      dishes = self->day->dishes[self->dish_slot];
      at = dishes->len - 1;
    }
  else
    {
      at = self->dish_index;
      old = g_ptr_array_steal_index (dishes, at);
      g_ptr_array_insert (dishes, at, dish);
    }

  /* TRANSLATORS: after saving a dish: "番茄炒蛋 saved (午餐)." */
  notice = g_strdup_printf (_("%s saved (%s)."), dish->name, nk_meal_slot_label (self->dish_slot));
  if (!save_day (self, dish->name, &error))
    {
      /* the day as it was; the form keeps what was typed */
      g_ptr_array_remove_index (dishes, at);
      if (old != NULL)
        g_ptr_array_insert (dishes, at, old);
      show_error (self, "dish not saved", error);
      return;
    }
  g_clear_pointer (&old, nk_menu_dish_free);

  show_saved (self, notice);
}

static void
remove_dish (NkMenuEditor *self,
             NkMealSlot    slot,
             guint         index)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *notice = NULL;
  GPtrArray *dishes;
  NkMenuDish *dish;

  if (self->door == NULL || self->day == NULL || slot >= NK_MEAL_N_SLOTS)
    return;
  dishes = self->day->dishes[slot];
  if (dishes == NULL || index >= dishes->len)
    return;

  dish = g_ptr_array_steal_index (dishes, index);
  /* TRANSLATORS: after removing a dish: "番茄炒蛋 removed (午餐)." */
  notice = g_strdup_printf (_("%s removed (%s)."), dish->name, nk_meal_slot_label (slot));
  if (!save_day (self, notice, &error))
    {
      g_ptr_array_insert (dishes, index, dish);
      show_error (self, "dish not removed", error);
      return;
    }
  nk_menu_dish_free (dish);

  show_saved (self, notice);
}

static void
open_dish (NkMenuEditor *self,
           NkMealSlot    slot,
           int           index)
{
  GPtrArray *dishes;
  const NkMenuDish *dish = NULL;
  g_autofree char *title = NULL;

  if (self->day == NULL || slot >= NK_MEAL_N_SLOTS)
    return;
  dishes = self->day->dishes[slot];
  if (index >= 0 && dishes != NULL && (guint) index < dishes->len)
    dish = dishes->pdata[index];
  else
    index = -1;

  self->dish_slot = slot;
  self->dish_index = index;
  nk_menu_editor_dish_fill (self, dish);
  /* TRANSLATORS: the dish form's title; %s is the meal ("Lunch") */
  title = g_strdup_printf (dish != NULL ? _("Edit a dish of %s") : _("A new dish for %s"),
                           nk_meal_slot_label (slot));
  gtk_label_set_label (self->title_label, title);
  show_label (self->error_label, NULL);
  show_label (self->notice_label, NULL);
  gtk_widget_set_visible (self->save_button, TRUE);
  gtk_stack_set_visible_child_name (self->stack, "dish");
  gtk_widget_grab_focus (GTK_WIDGET (self->name_entry));
}

/* ---------------------------------------------------------------- actions */

static void
action_back (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  NkMenuEditor *self = NK_MENU_EDITOR (widget);
  const char *page = nk_menu_editor_get_page (self);

  show_label (self->error_label, NULL);
  show_label (self->notice_label, NULL);
  if (g_strcmp0 (page, "dish") == 0)
    show_day (self);
  else if (g_strcmp0 (page, "day") == 0)
    show_week (self);
  else
    gtk_widget_activate_action (widget, "staff.back", NULL);
}

static void
action_week (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  NkMenuEditor *self = NK_MENU_EDITOR (widget);
  g_autofree char *monday = g_strdup (self->monday);

  show_label (self->error_label, NULL);
  show_label (self->notice_label, NULL);
  set_week (self, monday, g_variant_get_int32 (parameter));
  show_week (self);
}

static void
action_open_day (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  NkMenuEditor *self = NK_MENU_EDITOR (widget);

  if (self->door == NULL)
    return;
  show_label (self->error_label, NULL);
  show_label (self->notice_label, NULL);
  if (load_day (self, g_variant_get_string (parameter, NULL)))
    show_day (self);
}

static void
action_add_dish (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  open_dish (NK_MENU_EDITOR (widget), g_variant_get_int32 (parameter), -1);
}

static void
action_edit_dish (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  gint32 slot;
  guint32 index;

  g_variant_get (parameter, "(iu)", &slot, &index);
  open_dish (NK_MENU_EDITOR (widget), slot, (int) index);
}

static void
action_remove_dish (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  gint32 slot;
  guint32 index;

  g_variant_get (parameter, "(iu)", &slot, &index);
  remove_dish (NK_MENU_EDITOR (widget), slot, index);
}

static void
action_save_dish (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  save_dish (NK_MENU_EDITOR (widget));
}

/* ---------------------------------------------------------------- API */

void
nk_menu_editor_open (NkMenuEditor *self,
                     NkDoor       *door,
                     const char   *staff_id)
{
  g_autofree char *today = NULL;

  g_return_if_fail (NK_IS_MENU_EDITOR (self));
  g_return_if_fail (NK_IS_DOOR (door));

  g_set_object (&self->door, door);
  g_free (self->staff_id);
  self->staff_id = g_strdup (staff_id);
  g_clear_pointer (&self->day, nk_menu_day_free);
  today = nk_centre_today (nk_door_get_centre (door));
  set_week (self, today, 0);
  show_label (self->error_label, NULL);
  show_label (self->notice_label, NULL);
  show_week (self);
}

void
nk_menu_editor_close (NkMenuEditor *self)
{
  g_return_if_fail (NK_IS_MENU_EDITOR (self));

  g_clear_object (&self->door);
  g_clear_pointer (&self->staff_id, g_free);
  g_clear_pointer (&self->day, nk_menu_day_free);
  nk_menu_editor_dish_fill (self, NULL);
  clear_box (self->week_box);
  clear_box (self->day_box);
}

const char *
nk_menu_editor_get_page (NkMenuEditor *self)
{
  g_return_val_if_fail (NK_IS_MENU_EDITOR (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

const char *
nk_menu_editor_get_monday (NkMenuEditor *self)
{
  g_return_val_if_fail (NK_IS_MENU_EDITOR (self), NULL);
  return self->monday;
}

const char *
nk_menu_editor_get_error (NkMenuEditor *self)
{
  g_return_val_if_fail (NK_IS_MENU_EDITOR (self), NULL);
  if (!gtk_widget_get_visible (GTK_WIDGET (self->error_label)))
    return NULL;
  return gtk_label_get_label (self->error_label);
}

/* ---------------------------------------------------------------- GObject */

static void
nk_menu_editor_dispose (GObject *object)
{
  NkMenuEditor *self = NK_MENU_EDITOR (object);
  GtkWidget *child;

  g_clear_object (&self->door);
  g_clear_pointer (&self->day, nk_menu_day_free);

  gtk_widget_dispose_template (GTK_WIDGET (object), NK_TYPE_MENU_EDITOR);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (nk_menu_editor_parent_class)->dispose (object);
}

static void
nk_menu_editor_finalize (GObject *object)
{
  NkMenuEditor *self = NK_MENU_EDITOR (object);

  g_free (self->staff_id);
  g_free (self->monday);

  G_OBJECT_CLASS (nk_menu_editor_parent_class)->finalize (object);
}

static void
nk_menu_editor_class_init (NkMenuEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nk_menu_editor_dispose;
  object_class->finalize = nk_menu_editor_finalize;

  gtk_widget_class_install_action (widget_class, "menu.back", NULL, action_back);
  gtk_widget_class_install_action (widget_class, "menu.week", "i", action_week);
  gtk_widget_class_install_action (widget_class, "menu.open-day", "s", action_open_day);
  gtk_widget_class_install_action (widget_class, "menu.add-dish", "i", action_add_dish);
  gtk_widget_class_install_action (widget_class, "menu.edit-dish", "(iu)", action_edit_dish);
  gtk_widget_class_install_action (widget_class, "menu.remove-dish", "(iu)", action_remove_dish);
  gtk_widget_class_install_action (widget_class, "menu.save-dish", NULL, action_save_dish);

  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "nk-menu-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, NkMenuEditor, title_label);
  gtk_widget_class_bind_template_child (widget_class, NkMenuEditor, previous_button);
  gtk_widget_class_bind_template_child (widget_class, NkMenuEditor, next_button);
  gtk_widget_class_bind_template_child (widget_class, NkMenuEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, NkMenuEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, NkMenuEditor, notice_label);
  gtk_widget_class_bind_template_child (widget_class, NkMenuEditor, stack);
  gtk_widget_class_bind_template_child (widget_class, NkMenuEditor, week_box);
  gtk_widget_class_bind_template_child (widget_class, NkMenuEditor, day_box);
  gtk_widget_class_bind_template_child (widget_class, NkMenuEditor, name_entry);
  gtk_widget_class_bind_template_child (widget_class, NkMenuEditor, ingredients_entry);
  gtk_widget_class_bind_template_child (widget_class, NkMenuEditor, other_entry);
  gtk_widget_class_bind_template_child (widget_class, NkMenuEditor, allergen_grid);
  gtk_widget_class_bind_template_child (widget_class, NkMenuEditor, amount_grid);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "nkmenueditor");
}

static void
nk_menu_editor_init (NkMenuEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->dish_index = -1;
  nk_menu_editor_dish_init (self);
}

GtkWidget *
nk_menu_editor_new (void)
{
  return g_object_new (NK_TYPE_MENU_EDITOR, NULL);
}
