/* nk-tap-panel.c — the demo's row of cards to tap.
 *
 * Each button only names the application action "app.simulate-tap" with
 * its card's UID as target; the application routes it to the simulated
 * reader, exactly as `gapplication action` does over D-Bus. */
#define G_LOG_DOMAIN "nk-views"

#include "config.h"

#include <glib/gi18n.h>

#include "core/nk-demo.h"
#include "nk-tap-panel.h"

struct _NkTapPanel
{
  GtkWidget parent_instance;

  GtkBox *buttons;
  guint n_cards;
};

G_DEFINE_FINAL_TYPE (NkTapPanel, nk_tap_panel, GTK_TYPE_WIDGET)

static void
nk_tap_panel_dispose (GObject *object)
{
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), NK_TYPE_TAP_PANEL);
  /* the template's top-level box is not bound: unparent it ourselves */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (nk_tap_panel_parent_class)->dispose (object);
}

static void
nk_tap_panel_class_init (NkTapPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nk_tap_panel_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "nk-tap-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, NkTapPanel, buttons);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "nktappanel");
}

static void
nk_tap_panel_add_cards (NkTapPanel *self)
{
  g_autoptr(GPtrArray) cards = nk_demo_cards ();

  for (guint i = 0; i < cards->len; i++)
    {
      const NkDemoCard *card = g_ptr_array_index (cards, i);
      GtkWidget *button = gtk_button_new_with_label (card->label);

      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "app.simulate-tap");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button),
                                              g_variant_new_string (card->uid));
      gtk_widget_set_tooltip_text (button, card->uid);
      gtk_widget_add_css_class (button, "nk-tap-button");
      gtk_box_append (self->buttons, button);
      self->n_cards++;
    }
}

static void
nk_tap_panel_init (NkTapPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  nk_tap_panel_add_cards (self);
}

GtkWidget *
nk_tap_panel_new (void)
{
  return g_object_new (NK_TYPE_TAP_PANEL, NULL);
}

guint
nk_tap_panel_get_n_cards (NkTapPanel *self)
{
  g_return_val_if_fail (NK_IS_TAP_PANEL (self), 0);
  return self->n_cards;
}
