/* nk-family-tile.c — one child on the guardian's chooser. */
#define G_LOG_DOMAIN "nk-views"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "nk-family-tile.h"

struct _NkFamilyTile
{
  GtkToggleButton parent_instance;

  AdwAvatar *avatar;
  GtkLabel *name_label;
  GtkLabel *state_label;
  GtkLabel *action_label;

  char *child_id;
  char *name;
  GCancellable *photo_cancellable;   /* the photo on its way */
};

G_DEFINE_FINAL_TYPE (NkFamilyTile, nk_family_tile, GTK_TYPE_TOGGLE_BUTTON)

static void
nk_family_tile_dispose (GObject *object)
{
  NkFamilyTile *self = NK_FAMILY_TILE (object);

  /* a photo arriving after the chooser closed goes nowhere */
  g_cancellable_cancel (self->photo_cancellable);
  g_clear_object (&self->photo_cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (object), NK_TYPE_FAMILY_TILE);

  G_OBJECT_CLASS (nk_family_tile_parent_class)->dispose (object);
}

static void
nk_family_tile_finalize (GObject *object)
{
  NkFamilyTile *self = NK_FAMILY_TILE (object);

  g_clear_pointer (&self->child_id, g_free);
  g_clear_pointer (&self->name, g_free);

  G_OBJECT_CLASS (nk_family_tile_parent_class)->finalize (object);
}

static void
nk_family_tile_class_init (NkFamilyTileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nk_family_tile_dispose;
  object_class->finalize = nk_family_tile_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "nk-family-tile.ui");
  gtk_widget_class_bind_template_child (widget_class, NkFamilyTile, avatar);
  gtk_widget_class_bind_template_child (widget_class, NkFamilyTile, name_label);
  gtk_widget_class_bind_template_child (widget_class, NkFamilyTile, state_label);
  gtk_widget_class_bind_template_child (widget_class, NkFamilyTile, action_label);
}

static void
nk_family_tile_init (NkFamilyTile *self)
{
  g_type_ensure (ADW_TYPE_AVATAR);
  gtk_widget_init_template (GTK_WIDGET (self));
  self->photo_cancellable = g_cancellable_new ();
}

static void
nk_family_tile_set_child (NkFamilyTile        *self,
                          const NkFamilyChild *child,
                          NkPhotoCache        *photo_cache)
{
  GtkWidget *widget = GTK_WIDGET (self);
  const char *state = child->present ? C_("presence", "In") : C_("presence", "Not here");
  const char *action;
  g_autofree char *description = NULL;

  self->child_id = g_strdup (child->child_id);
  self->name = g_strdup (child->name);

  /* initials now; the photo when the cache has it (never decoded here) */
  adw_avatar_set_text (self->avatar, child->name);
  if (photo_cache != NULL)
    nk_photo_cache_show_on_avatar (photo_cache, self->avatar, child->photo,
                                   self->photo_cancellable);

  gtk_label_set_label (self->name_label, child->name);
  gtk_label_set_label (self->state_label, state);
  gtk_widget_add_css_class (GTK_WIDGET (self->state_label),
                            child->present ? "nk-state-in" : "nk-state-out");

  if (!child->present)
    action = _("Touch to check in");
  else if (child->can_pickup)
    action = _("Touch to check out");
  else
    {
      action = _("Not authorised to pick up");
      gtk_widget_add_css_class (widget, "nk-tile-refused");
    }
  gtk_label_set_label (self->action_label, action);

  if (child->room_name != NULL)
    gtk_widget_set_tooltip_text (widget, child->room_name);

  /* A screen reader reads the name, then the rest (after the tooltip,
   * which would be the description otherwise); "pressed" says chosen. */
  if (child->room_name != NULL)
    /* TRANSLATORS: a child's tile as a screen reader reads it after the name:
     * whether the child is here, what a touch does, the room */
    description = g_strdup_printf (_("%s. %s. %s"), state, action, child->room_name);
  else
    /* TRANSLATORS: as above, for a child with no room */
    description = g_strdup_printf (_("%s. %s"), state, action);
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, child->name,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->avatar),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, child->name, -1);
}

GtkWidget *
nk_family_tile_new (const NkFamilyChild *child,
                    int                  avatar_size,
                    NkPhotoCache        *photo_cache)
{
  NkFamilyTile *self;

  g_return_val_if_fail (child != NULL, NULL);

  self = g_object_new (NK_TYPE_FAMILY_TILE, NULL);
  adw_avatar_set_size (self->avatar, avatar_size);
  nk_family_tile_set_child (self, child, photo_cache);
  return GTK_WIDGET (self);
}

const char *
nk_family_tile_get_child_id (NkFamilyTile *self)
{
  g_return_val_if_fail (NK_IS_FAMILY_TILE (self), NULL);
  return self->child_id;
}

const char *
nk_family_tile_get_name (NkFamilyTile *self)
{
  g_return_val_if_fail (NK_IS_FAMILY_TILE (self), NULL);
  return self->name;
}

AdwAvatar *
nk_family_tile_get_avatar (NkFamilyTile *self)
{
  g_return_val_if_fail (NK_IS_FAMILY_TILE (self), NULL);
  return self->avatar;
}

const char *
nk_family_tile_get_action_text (NkFamilyTile *self)
{
  g_return_val_if_fail (NK_IS_FAMILY_TILE (self), NULL);
  return gtk_label_get_label (self->action_label);
}
