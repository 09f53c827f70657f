/* nk-photo-cache.h — children's photos, decoded off the main thread.
 *
 * A tap must paint its answer within a frame or two, and decoding a
 * phone-sized JPEG takes longer than that.  The cache decodes in a worker
 * thread, scaled to at most NK_PHOTO_CACHE_MAX_PIXELS on the longer side,
 * keeps the last few textures (least recently used go first), checks the
 * file's modification time and size so a replaced photo is decoded again,
 * and asks for a path once however many widgets want it at the same time.
 * A photo that cannot be shown is said once in the journal; the avatar
 * keeps the initials.
 *
 * Use it from one thread (the main context): results come back there. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define NK_PHOTO_CACHE_MAX_PIXELS 256
#define NK_PHOTO_CACHE_DEFAULT_CAPACITY 64

#define NK_TYPE_PHOTO_CACHE (nk_photo_cache_get_type ())
G_DECLARE_FINAL_TYPE (NkPhotoCache, nk_photo_cache, NK, PHOTO_CACHE, GObject)

/* capacity: how many textures are kept (at least 1). */
NkPhotoCache *nk_photo_cache_new           (guint capacity);

/* The texture last loaded for path, or NULL; no file access, so it may be
 * a photo replaced since — load_async checks.  Transfer full. */
GdkTexture   *nk_photo_cache_lookup        (NkPhotoCache *self, const char *path);

/* Loads path (a cached texture when the file is unchanged).  The callback
 * runs on the calling thread's main context; a cancelled request finishes
 * with G_IO_ERROR_CANCELLED. */
void          nk_photo_cache_load_async    (NkPhotoCache        *self,
                                            const char          *path,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
/* The texture (transfer full), or NULL and error. */
GdkTexture   *nk_photo_cache_load_finish   (NkPhotoCache  *self,
                                            GAsyncResult  *result,
                                            GError       **error);

/* Shows the photo at path on avatar: the cached texture at once when there
 * is one, the loaded one when it arrives unless cancellable was cancelled
 * first (cancel it when the avatar stops showing this person).  Nothing
 * happens for a NULL or empty path; the initials stay when it fails. */
void          nk_photo_cache_show_on_avatar (NkPhotoCache *self,
                                             AdwAvatar    *avatar,
                                             const char   *path,
                                             GCancellable *cancellable);

guint         nk_photo_cache_get_capacity  (NkPhotoCache *self);
/* Textures held now. */
guint         nk_photo_cache_get_n_cached  (NkPhotoCache *self);
/* Files decoded so far (for tests: a coalesced or unchanged load does not
 * decode). */
guint         nk_photo_cache_get_n_decodes (NkPhotoCache *self);

G_END_DECLS
