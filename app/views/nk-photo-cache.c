/* nk-photo-cache.c — children's photos, decoded off the main thread.
 *
 * All the bookkeeping (the LRU, the failures said, the requests waiting)
 * lives on the main context; a worker only sees its Job: the path and what
 * the cache already knew about the file.  The worker looks at the file
 * first and decodes only when it is new or changed, so asking again for a
 * cached photo costs a stat in a thread, never a decode. */
#define G_LOG_DOMAIN "nk-views"

#include "config.h"

#include <glib/gi18n.h>

#include "nk-photo-cache.h"

/* the stamp of a file that could not be looked at */
#define NO_FILE G_MININT64

typedef struct {
  char       *path;
  GdkTexture *texture;
  gint64      mtime;   /* µs since the epoch */
  goffset     size;
} Entry;

/* A photo that could not be shown, and the file as it was then: said once
 * in the journal, and not decoded again until the file changes. */
typedef struct {
  gint64   mtime;
  goffset  size;
  GError  *error;
} Failure;

typedef struct {
  /* in: what the cache knew (have_known), copied or referenced on the
   * main context before the worker starts */
  char       *path;
  gboolean    have_known;
  gint64      known_mtime;
  goffset     known_size;
  GdkTexture *known_texture;
  GError     *known_error;

  /* out */
  gboolean    decoded;
  gint64      mtime;
  goffset     size;
  GdkTexture *texture;
  GError     *error;
} Job;

struct _NkPhotoCache
{
  GObject parent_instance;

  guint capacity;
  GQueue lru;            /* Entry*, most recently used first */
  GHashTable *entries;   /* path (borrowed from the Entry) -> GList* in lru */
  GHashTable *failures;  /* path -> Failure* */
  GHashTable *pending;   /* path -> GPtrArray of GTask*: requests waiting for a worker */
  guint n_decodes;
};

G_DEFINE_FINAL_TYPE (NkPhotoCache, nk_photo_cache, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CAPACITY,
  PROP_N_CACHED,
  PROP_N_DECODES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
entry_free (Entry *entry)
{
  g_free (entry->path);
  g_clear_object (&entry->texture);
  g_free (entry);
}

static void
failure_free (Failure *failure)
{
  g_clear_error (&failure->error);
  g_free (failure);
}

static void
job_free (Job *job)
{
  g_free (job->path);
  g_clear_object (&job->known_texture);
  g_clear_error (&job->known_error);
  g_clear_object (&job->texture);
  g_clear_error (&job->error);
  g_free (job);
}

/* Worker thread */

/* At most NK_PHOTO_CACHE_MAX_PIXELS on the longer side, never enlarged,
 * turned the way the camera's EXIF orientation says. */
static GdkTexture *
decode_photo (const char  *path,
              GError     **error)
{
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GdkPixbuf) oriented = NULL;
  int width = 0;
  int height = 0;

  if (gdk_pixbuf_get_file_info (path, &width, &height) != NULL &&
      width > 0 && height > 0 &&
      width <= NK_PHOTO_CACHE_MAX_PIXELS && height <= NK_PHOTO_CACHE_MAX_PIXELS)
    pixbuf = gdk_pixbuf_new_from_file (path, error);
  else
    pixbuf = gdk_pixbuf_new_from_file_at_scale (path, NK_PHOTO_CACHE_MAX_PIXELS,
                                                NK_PHOTO_CACHE_MAX_PIXELS, TRUE, error);
  if (pixbuf == NULL)
    return NULL;

  oriented = gdk_pixbuf_apply_embedded_orientation (pixbuf);
  /* a GdkTexture is immutable: safe to hand to the main thread */
  return gdk_texture_new_for_pixbuf (oriented != NULL ? oriented : pixbuf);
}

static void
load_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GFile) file = g_file_new_for_path (job->path);
  g_autoptr(GFileInfo) info = NULL;

  info = g_file_query_info (file,
                            G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                            G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                            G_FILE_ATTRIBUTE_TIME_MODIFIED ","
                            G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC,
                            G_FILE_QUERY_INFO_NONE, NULL, &job->error);
  if (info == NULL)
    {
      job->mtime = NO_FILE;
      job->size = -1;
      g_task_return_boolean (task, TRUE);
      return;
    }

  job->mtime = (gint64) g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED)
               * G_USEC_PER_SEC
               + g_file_info_get_attribute_uint32 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC);
  job->size = g_file_info_get_size (info);

  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      /* a directory or a pipe would fail or block the decoder */
      job->error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                                        _("The photo is not a regular file"));
    }
  else if (job->have_known && job->known_mtime == job->mtime && job->known_size == job->size)
    {
      /* unchanged: what the cache already had, texture or failure */
      job->texture = job->known_texture != NULL ? g_object_ref (job->known_texture) : NULL;
      if (job->known_error != NULL)
        job->error = g_error_copy (job->known_error);
    }
  else
    {
      job->decoded = TRUE;
      job->texture = decode_photo (job->path, &job->error);
    }

  g_task_return_boolean (task, TRUE);
}

/* Main context */

static void
nk_photo_cache_evict (NkPhotoCache *self)
{
  while (self->lru.length > self->capacity)
    {
      Entry *entry = g_queue_pop_tail (&self->lru);

      g_hash_table_remove (self->entries, entry->path);
      entry_free (entry);
    }
}

static void
nk_photo_cache_forget (NkPhotoCache *self,
                       const char   *path)
{
  GList *link = g_hash_table_lookup (self->entries, path);
  Entry *entry;

  if (link == NULL)
    return;

  entry = link->data;
  g_hash_table_remove (self->entries, path);
  g_queue_delete_link (&self->lru, link);
  entry_free (entry);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_CACHED]);
}

static void
nk_photo_cache_store (NkPhotoCache *self,
                      Job          *job)
{
  GList *link = g_hash_table_lookup (self->entries, job->path);
  Entry *entry;

  if (link != NULL)
    {
      entry = link->data;
      g_queue_unlink (&self->lru, link);
      g_queue_push_head_link (&self->lru, link);
      g_set_object (&entry->texture, job->texture);
    }
  else
    {
      entry = g_new0 (Entry, 1);
      entry->path = g_strdup (job->path);
      entry->texture = g_object_ref (job->texture);
      g_queue_push_head (&self->lru, entry);
      g_hash_table_insert (self->entries, entry->path, self->lru.head);
    }
  entry->mtime = job->mtime;
  entry->size = job->size;

  nk_photo_cache_evict (self);
  g_hash_table_remove (self->failures, job->path);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_CACHED]);
}

/* Bad input, not a fault of the kiosk: one journal line per photo (again
 * only when the file changes), and the avatar keeps the initials. */
static void
nk_photo_cache_fail (NkPhotoCache *self,
                     Job          *job)
{
  Failure *old = g_hash_table_lookup (self->failures, job->path);
  Failure *failure;

  nk_photo_cache_forget (self, job->path);

  if (old != NULL && old->mtime == job->mtime && old->size == job->size)
    return;

  g_message ("Photo %s not shown: %s", job->path, job->error->message);

  failure = g_new0 (Failure, 1);
  failure->mtime = job->mtime;
  failure->size = job->size;
  failure->error = g_error_copy (job->error);
  g_hash_table_replace (self->failures, g_strdup (job->path), failure);
}

static void
on_loaded (GObject      *source_object,
           GAsyncResult *result,
           gpointer      user_data)
{
  NkPhotoCache *self = NK_PHOTO_CACHE (source_object);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GPtrArray) waiters = NULL;

  waiters = g_ptr_array_ref (g_hash_table_lookup (self->pending, job->path));
  g_hash_table_remove (self->pending, job->path);

  if (job->decoded)
    {
      self->n_decodes++;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_DECODES]);
    }

  if (job->texture != NULL)
    nk_photo_cache_store (self, job);
  else
    nk_photo_cache_fail (self, job);

  /* the cache is up to date before any caller hears of it */
  for (guint i = 0; i < waiters->len; i++)
    {
      GTask *waiter = g_ptr_array_index (waiters, i);

      if (job->texture != NULL)
        g_task_return_pointer (waiter, g_object_ref (job->texture), g_object_unref);
      else
        g_task_return_error (waiter, g_error_copy (job->error));
    }
}

static void
nk_photo_cache_start (NkPhotoCache *self,
                      const char   *path)
{
  g_autoptr(GTask) task = g_task_new (self, NULL, on_loaded, NULL);
  GList *link = g_hash_table_lookup (self->entries, path);
  Failure *failure = g_hash_table_lookup (self->failures, path);
  Job *job = g_new0 (Job, 1);

  job->path = g_strdup (path);
  if (link != NULL)
    {
      Entry *entry = link->data;

      job->have_known = TRUE;
      job->known_mtime = entry->mtime;
      job->known_size = entry->size;
      job->known_texture = g_object_ref (entry->texture);
    }
  else if (failure != NULL && failure->mtime != NO_FILE)
    {
      job->have_known = TRUE;
      job->known_mtime = failure->mtime;
      job->known_size = failure->size;
      job->known_error = g_error_copy (failure->error);
    }

  g_task_set_source_tag (task, nk_photo_cache_start);
  g_task_set_name (task, "[nk] photo");
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, load_in_thread);
}

void
nk_photo_cache_load_async (NkPhotoCache        *self,
                           const char          *path,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GPtrArray *waiters;

  g_return_if_fail (NK_IS_PHOTO_CACHE (self));
  g_return_if_fail (path != NULL && path[0] != '\0');

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, nk_photo_cache_load_async);

  /* one worker per path, however many ask meanwhile */
  waiters = g_hash_table_lookup (self->pending, path);
  if (waiters != NULL)
    {
      g_ptr_array_add (waiters, g_steal_pointer (&task));
      return;
    }

  waiters = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (waiters, g_steal_pointer (&task));
  g_hash_table_insert (self->pending, g_strdup (path), waiters);
  nk_photo_cache_start (self, path);
}

GdkTexture *
nk_photo_cache_load_finish (NkPhotoCache  *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (NK_IS_PHOTO_CACHE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == nk_photo_cache_load_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

GdkTexture *
nk_photo_cache_lookup (NkPhotoCache *self,
                       const char   *path)
{
  GList *link;

  g_return_val_if_fail (NK_IS_PHOTO_CACHE (self), NULL);

  if (path == NULL)
    return NULL;

  link = g_hash_table_lookup (self->entries, path);
  if (link == NULL)
    return NULL;

  g_queue_unlink (&self->lru, link);
  g_queue_push_head_link (&self->lru, link);
  return g_object_ref (((Entry *) link->data)->texture);
}

static void
on_avatar_photo (GObject      *source_object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(AdwAvatar) avatar = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = NULL;

  texture = nk_photo_cache_load_finish (NK_PHOTO_CACHE (source_object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;   /* the avatar shows someone else now, or is gone */

  if (texture == NULL)
    {
      /* a cached photo since replaced by a bad file: back to initials */
      adw_avatar_set_custom_image (avatar, NULL);
      return;
    }

  if (adw_avatar_get_custom_image (avatar) != GDK_PAINTABLE (texture))
    adw_avatar_set_custom_image (avatar, GDK_PAINTABLE (texture));
}

void
nk_photo_cache_show_on_avatar (NkPhotoCache *self,
                               AdwAvatar    *avatar,
                               const char   *path,
                               GCancellable *cancellable)
{
  g_autoptr(GdkTexture) cached = NULL;

  g_return_if_fail (NK_IS_PHOTO_CACHE (self));
  g_return_if_fail (ADW_IS_AVATAR (avatar));

  if (path == NULL || path[0] == '\0')
    return;

  /* a child seen a moment ago has the photo in the first frame */
  cached = nk_photo_cache_lookup (self, path);
  if (cached != NULL)
    adw_avatar_set_custom_image (avatar, GDK_PAINTABLE (cached));

  nk_photo_cache_load_async (self, path, cancellable, on_avatar_photo, g_object_ref (avatar));
}

guint
nk_photo_cache_get_capacity (NkPhotoCache *self)
{
  g_return_val_if_fail (NK_IS_PHOTO_CACHE (self), 0);
  return self->capacity;
}

guint
nk_photo_cache_get_n_cached (NkPhotoCache *self)
{
  g_return_val_if_fail (NK_IS_PHOTO_CACHE (self), 0);
  return self->lru.length;
}

guint
nk_photo_cache_get_n_decodes (NkPhotoCache *self)
{
  g_return_val_if_fail (NK_IS_PHOTO_CACHE (self), 0);
  return self->n_decodes;
}

/* GObject */

static void
nk_photo_cache_finalize (GObject *object)
{
  NkPhotoCache *self = NK_PHOTO_CACHE (object);

  /* every worker and request holds a reference: nothing is pending here */
  g_clear_pointer (&self->pending, g_hash_table_unref);
  g_clear_pointer (&self->failures, g_hash_table_unref);
  g_clear_pointer (&self->entries, g_hash_table_unref);
  g_queue_clear_full (&self->lru, (GDestroyNotify) entry_free);

  G_OBJECT_CLASS (nk_photo_cache_parent_class)->finalize (object);
}

static void
nk_photo_cache_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  NkPhotoCache *self = NK_PHOTO_CACHE (object);

  switch (prop_id)
    {
    case PROP_CAPACITY:
      g_value_set_uint (value, self->capacity);
      break;
    case PROP_N_CACHED:
      g_value_set_uint (value, self->lru.length);
      break;
    case PROP_N_DECODES:
      g_value_set_uint (value, self->n_decodes);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nk_photo_cache_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  NkPhotoCache *self = NK_PHOTO_CACHE (object);

  switch (prop_id)
    {
    case PROP_CAPACITY:
      self->capacity = g_value_get_uint (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nk_photo_cache_class_init (NkPhotoCacheClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = nk_photo_cache_finalize;
  object_class->get_property = nk_photo_cache_get_property;
  object_class->set_property = nk_photo_cache_set_property;

  properties[PROP_CAPACITY] =
    g_param_spec_uint ("capacity", NULL, NULL, 1, G_MAXUINT, NK_PHOTO_CACHE_DEFAULT_CAPACITY,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_CACHED] =
    g_param_spec_uint ("n-cached", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_N_DECODES] =
    g_param_spec_uint ("n-decodes", NULL, NULL, 0, G_MAXUINT, 0, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
nk_photo_cache_init (NkPhotoCache *self)
{
  self->capacity = NK_PHOTO_CACHE_DEFAULT_CAPACITY;
  g_queue_init (&self->lru);
  self->entries = g_hash_table_new (g_str_hash, g_str_equal);
  self->failures = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) failure_free);
  self->pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) g_ptr_array_unref);
}

NkPhotoCache *
nk_photo_cache_new (guint capacity)
{
  return g_object_new (NK_TYPE_PHOTO_CACHE, "capacity", MAX (capacity, 1), NULL);
}
