/* nk-family-tile.h — one child on a guardian's chooser: a big toggle
 * with avatar, name, whether the child is here and what a confirm does. */
#pragma once

#include <gtk/gtk.h>

#include "core/nk-attendance.h"
#include "nk-photo-cache.h"

G_BEGIN_DECLS

#define NK_TYPE_FAMILY_TILE (nk_family_tile_get_type ())
G_DECLARE_FINAL_TYPE (NkFamilyTile, nk_family_tile, NK, FAMILY_TILE, GtkToggleButton)

/* avatar_size: pixels, chosen by the page for the screen size;
 * photo_cache: where the child's photo comes from, or NULL (initials). */
GtkWidget  *nk_family_tile_new          (const NkFamilyChild *child, int avatar_size,
                                         NkPhotoCache *photo_cache);
const char *nk_family_tile_get_child_id (NkFamilyTile *self);
const char *nk_family_tile_get_name     (NkFamilyTile *self);
/* The line saying what confirming will do, for tests. */
const char *nk_family_tile_get_action_text (NkFamilyTile *self);
/* The child's avatar (initials, then the photo when loaded), for tests. */
AdwAvatar  *nk_family_tile_get_avatar   (NkFamilyTile *self);

G_END_DECLS
