/* nk-menu-card.c — today's menu on the idle panel (nk-menu-card.h).
 * One row a meal slot: its name, then its dishes, each followed by the
 * allergen groups it holds in the warning colour.  The card's accessible
 * description is the same menu as plain text. */
#define G_LOG_DOMAIN "nk-views"

#include "config.h"

#include <glib/gi18n.h>

#include "core/nk-allergen.h"
#include "nk-menu-card.h"

struct _NkMenuCard
{
  GtkWidget  parent_instance;

  GtkLabel  *title_label;
  GtkLabel  *legend_label;
  GtkGrid   *slots_grid;

  char      *text;
};

G_DEFINE_FINAL_TYPE (NkMenuCard, nk_menu_card, GTK_TYPE_WIDGET)

/* One dish as shown (markup: its allergen groups in red after it) and
 * as read (plain: said in words).  TRUE when it holds an allergen. */
static gboolean
append_dish (const NkMenuDish *dish,
             GString          *markup,
             GString          *plain)
{
  g_autofree char *name = g_markup_escape_text (dish->name, -1);
  g_autofree char *allergens = nk_allergens_describe (dish->allergens, dish->allergen_other);

  g_string_append (markup, name);
  g_string_append (plain, dish->name);
  if (allergens[0] == '\0')
    return FALSE;
  {
    /* TRANSLATORS: after a dish on the idle screen, in red, the allergen
     * groups it holds: "（蛋类、乳及乳制品）" */
    g_autofree char *shown = g_strdup_printf (_(" (%s)"), allergens);
    g_autofree char *escaped = g_markup_escape_text (shown, -1);

    g_string_append_printf (markup, "<span weight=\"bold\" foreground=\"#a51d2d\">%s</span>", escaped);
    /* TRANSLATORS: a dish's allergens as a screen reader says them:
     * "（含有过敏原：蛋类、乳及乳制品）" */
    g_string_append_printf (plain, _(" (contains %s)"), allergens);
  }
  return TRUE;
}

static GtkWidget *
slot_label (const char *text,
            gboolean    use_markup,
            const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  if (use_markup)
    gtk_label_set_markup (GTK_LABEL (label), text);
  else
    gtk_label_set_label (GTK_LABEL (label), text);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_yalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (label, css_class);
  return label;
}

gboolean
nk_menu_card_show_part (NkMenuCard      *self,
                        const NkMenuDay *day,
                        NkMealSlot       first,
                        NkMealSlot       end,
                        guint            part,
                        guint            parts)
{
  g_autofree char *title = NULL;
  g_autoptr (GString) all = g_string_new (NULL);
  GtkWidget *child;
  GtkGrid *grid;
  gboolean any_allergen = FALSE;
  int row = 0;

  g_return_val_if_fail (NK_IS_MENU_CARD (self), FALSE);

  /* a new grid each time: GTK keeps the way a widget measures (constant,
   * or height for width) from its first measure until it is allocated,
   * and a hidden pane's empty grid would keep "constant" once filled */
  grid = GTK_GRID (gtk_grid_new ());
  gtk_grid_set_row_spacing (grid, 6);
  gtk_grid_set_column_spacing (grid, 16);

  if (parts > 1)
    /* TRANSLATORS: the menu's heading when it takes two panes: "今日食谱（1/2）" */
    title = g_strdup_printf (_("Today's menu (%u/%u)"), part, parts);
  gtk_label_set_label (self->title_label, title != NULL ? title : _("Today's menu"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  gtk_label_get_label (self->title_label), -1);

  for (int slot = first; day != NULL && slot < (int) end && slot < NK_MEAL_N_SLOTS; slot++)
    {
      GPtrArray *dishes = day->dishes[slot];
      g_autoptr (GString) markup = NULL;
      g_autoptr (GString) plain = NULL;

      if (dishes == NULL || dishes->len == 0)
        continue;

      markup = g_string_new (NULL);
      plain = g_string_new (NULL);
      for (guint i = 0; i < dishes->len; i++)
        {
          if (i > 0)
            {
              /* TRANSLATORS: between two dishes of a meal: "、" */
              g_string_append (markup, _(", "));
              g_string_append (plain, _(", "));
            }
          any_allergen |= append_dish (dishes->pdata[i], markup, plain);
        }

      gtk_grid_attach (grid, slot_label (nk_meal_slot_label (slot), FALSE, "nk-meal-slot"),
                       0, row, 1, 1);
      gtk_grid_attach (grid, slot_label (markup->str, TRUE, "nk-meal-dishes"), 1, row, 1, 1);
      row++;

      if (all->len > 0)
        g_string_append_c (all, '\n');
      /* TRANSLATORS: the menu read aloud: a meal, then its dishes */
      g_string_append_printf (all, _("%s: %s"), nk_meal_slot_label (slot), plain->str);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->legend_label), any_allergen);
  child = GTK_WIDGET (self->slots_grid);
  gtk_box_insert_child_after (GTK_BOX (gtk_widget_get_parent (child)), GTK_WIDGET (grid), child);
  gtk_box_remove (GTK_BOX (gtk_widget_get_parent (child)), child);
  self->slots_grid = grid;
  g_free (self->text);
  self->text = g_string_free (g_steal_pointer (&all), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  self->text, -1);
  return row > 0;
}

gboolean
nk_menu_card_show (NkMenuCard      *self,
                   const NkMenuDay *day)
{
  return nk_menu_card_show_part (self, day, 0, NK_MEAL_N_SLOTS, 1, 1);
}

const char *
nk_menu_card_get_text (NkMenuCard *self)
{
  g_return_val_if_fail (NK_IS_MENU_CARD (self), NULL);
  return self->text;
}

static void
nk_menu_card_dispose (GObject *object)
{
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), NK_TYPE_MENU_CARD);
  /* the top-level box is not bound: unparent it ourselves */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (nk_menu_card_parent_class)->dispose (object);
}

static void
nk_menu_card_finalize (GObject *object)
{
  NkMenuCard *self = NK_MENU_CARD (object);

  g_free (self->text);

  G_OBJECT_CLASS (nk_menu_card_parent_class)->finalize (object);
}

static void
nk_menu_card_class_init (NkMenuCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nk_menu_card_dispose;
  object_class->finalize = nk_menu_card_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "nk-menu-card.ui");
  gtk_widget_class_bind_template_child (widget_class, NkMenuCard, title_label);
  gtk_widget_class_bind_template_child (widget_class, NkMenuCard, legend_label);
  gtk_widget_class_bind_template_child (widget_class, NkMenuCard, slots_grid);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "nkmenucard");
}

static void
nk_menu_card_init (NkMenuCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Today's menu"), -1);
  self->text = g_strdup ("");
}

GtkWidget *
nk_menu_card_new (void)
{
  return g_object_new (NK_TYPE_MENU_CARD, NULL);
}
