/* nk-menu-editor-dish.c — the dish's form of the menu editor
 * (nk-menu-editor-private.h): a name, the ingredients, nine toggle
 * buttons (the eight GB 7718 groups and "other", which asks for a text)
 * and one amount per age band.  Reading the form checks what the screen
 * can say plainly; the core checks the rest when the day is saved. */
#define G_LOG_DOMAIN "nk-views"

#include "config.h"

#include <glib/gi18n.h>

#include "nk-menu-editor-private.h"

static const NkRoomKind age_bands[3] = { NK_ROOM_INFANT, NK_ROOM_TODDLER, NK_ROOM_SENIOR_TODDLER };

static void
on_other_toggled (GtkToggleButton *other,
                  NkMenuEditor    *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->other_entry), gtk_toggle_button_get_active (other));
}

void
nk_menu_editor_dish_init (NkMenuEditor *self)
{
  for (int i = 0; i < NK_ALLERGEN_N; i++)
    {
      NkAllergens group = 1 << i;
      GtkWidget *button = gtk_toggle_button_new_with_label (nk_allergen_label (group));

      gtk_widget_add_css_class (button, "nk-big-button");
      gtk_widget_add_css_class (button, "nk-allergen-toggle");
      gtk_grid_attach (self->allergen_grid, button, i % 3, i / 3, 1, 1);
      self->allergen_buttons[i] = GTK_TOGGLE_BUTTON (button);
      if (group == NK_ALLERGEN_OTHER)
        g_signal_connect_object (button, "toggled", G_CALLBACK (on_other_toggled), self, 0);
    }

  for (int i = 0; i < 3; i++)
    {
      const char *band = nk_room_kind_label (age_bands[i]);
      GtkWidget *label = gtk_label_new (band);
      GtkWidget *entry = gtk_entry_new ();
      /* TRANSLATORS: the accessible name of an amount entry; %s is an age
       * band ("Toddler room") */
      g_autofree char *name = g_strdup_printf (_("Amount per child in the %s"), band);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "nk-stay");
      gtk_entry_set_max_length (GTK_ENTRY (entry), NK_MENU_MAX_AMOUNT);
      /* TRANSLATORS: placeholder of an amount per child */
      gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("e.g. 50 g"));
      gtk_widget_add_css_class (entry, "nk-entry");
      gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      gtk_grid_attach (self->amount_grid, label, i, 0, 1, 1);
      gtk_grid_attach (self->amount_grid, entry, i, 1, 1, 1);
      self->amount_entries[i] = GTK_ENTRY (entry);
    }
}

static void
set_entry (GtkEntry   *entry,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), text != NULL ? text : "");
}

void
nk_menu_editor_dish_fill (NkMenuEditor     *self,
                          const NkMenuDish *dish)
{
  set_entry (self->name_entry, dish != NULL ? dish->name : NULL);
  set_entry (self->ingredients_entry, dish != NULL ? dish->ingredients : NULL);
  set_entry (self->other_entry, dish != NULL ? dish->allergen_other : NULL);
  for (int i = 0; i < NK_ALLERGEN_N; i++)
    gtk_toggle_button_set_active (self->allergen_buttons[i], dish != NULL && (dish->allergens & (1 << i)) != 0);
  for (int i = 0; i < 3; i++)
    set_entry (self->amount_entries[i], dish != NULL ? dish->amounts[i] : NULL);
}

/* The entry's text without the spaces around it; NULL when nothing is left. */
static char *
entry_text (GtkEntry *entry)
{
  char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));

  if (text[0] == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

NkMenuDish *
nk_menu_editor_dish_read (NkMenuEditor *self,
                          GError      **error)
{
  g_autofree char *name = entry_text (self->name_entry);
  g_autoptr (NkMenuDish) dish = NULL;

  if (name == NULL)
    {
      g_set_error_literal (error, NK_MENU_ERROR, NK_MENU_ERROR_INVALID,
                           _("The dish needs a name: nothing was saved."));
      return NULL;
    }

  dish = nk_menu_dish_new (name);
  dish->ingredients = entry_text (self->ingredients_entry);
  for (int i = 0; i < NK_ALLERGEN_N; i++)
    if (gtk_toggle_button_get_active (self->allergen_buttons[i]))
      dish->allergens |= 1 << i;
  if (dish->allergens & NK_ALLERGEN_OTHER)
    {
      dish->allergen_other = entry_text (self->other_entry);
      if (dish->allergen_other == NULL)
        {
          g_set_error_literal (error, NK_MENU_ERROR, NK_MENU_ERROR_INVALID,
                               _("Say which other allergen the dish holds, or untoggle “Other”: "
                                 "nothing was saved."));
          return NULL;
        }
    }
  for (int i = 0; i < 3; i++)
    dish->amounts[i] = entry_text (self->amount_entries[i]);
  return g_steal_pointer (&dish);
}

char *
nk_menu_editor_dish_describe (const NkMenuDish *dish)
{
  GString *line = g_string_new (dish->name);
  g_autofree char *allergens = nk_allergens_describe (dish->allergens, dish->allergen_other);

  if (allergens[0] != '\0')
    g_string_append_printf (line, _(" (contains %s)"), allergens);
  for (int i = 0; i < 3; i++)
    if (dish->amounts[i] != NULL)
      /* TRANSLATORS: on the menu editor's day, an age band and the
       * amount per child: " · 托小班 50 g" */
      g_string_append_printf (line, _(" · %s %s"), nk_room_kind_label (age_bands[i]), dish->amounts[i]);
  return g_string_free (line, FALSE);
}
