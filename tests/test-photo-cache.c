/* test-photo-cache.c — children's photos decoded off the main thread:
 * scaled textures, the cache, one decode for concurrent requests, bad
 * files said once in the journal, a replaced file decoded again, the LRU,
 * and an avatar that gets its photo unless cancelled first.  The images
 * are written at run time with GdkPixbuf. */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <utime.h>

#include "views/nk-photo-cache.h"

static char *photo_dir;   /* the images every test reads; none changes them */

typedef struct {
  char         *dir;      /* this test's own files */
  NkPhotoCache *cache;
} Fixture;

typedef struct {
  gboolean    done;
  GdkTexture *texture;
  GError     *error;
} Load;

static char *
write_image (const char *dir,
             const char *name,
             int         width,
             int         height,
             guint32     rgba,
             const char *type)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  gdk_pixbuf_fill (pixbuf, rgba);
  if (g_str_equal (type, "jpeg"))
    gdk_pixbuf_save (pixbuf, path, type, &error, "quality", "80", NULL);
  else
    gdk_pixbuf_save (pixbuf, path, type, &error, NULL);
  g_assert_no_error (error);
  return path;
}

static char *
photo_path (const char *name)
{
  return g_build_filename (photo_dir, name, NULL);
}

/* A replaced photo: a clearly different modification time, whatever the
 * file system's resolution. */
static void
set_mtime (const char *path,
           gint64      seconds)
{
  struct utimbuf times = { (time_t) seconds, (time_t) seconds };

  g_assert_cmpint (g_utime (path, &times), ==, 0);
}

static void
on_loaded (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Load *load = user_data;

  load->texture = nk_photo_cache_load_finish (NK_PHOTO_CACHE (source), result, &load->error);
  load->done = TRUE;
}

static gboolean
wake_up (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Iterates until every load has finished; a generous bound guards against
 * hanging (never a timing assertion). */
static void
wait_for (Load *loads,
          guint n)
{
  gint64 end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  guint wake = g_timeout_add (20, wake_up, NULL);

  for (guint i = 0; i < n; i++)
    while (!loads[i].done)
      {
        g_assert_cmpint (g_get_monotonic_time (), <, end);
        g_main_context_iteration (NULL, TRUE);
      }
  g_source_remove (wake);
}

/* Runs what is ready (late callbacks included) without blocking. */
static void
drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
load_clear (Load *load)
{
  g_clear_object (&load->texture);
  g_clear_error (&load->error);
  load->done = FALSE;
}

/* One load, waited for; the texture (transfer full) or NULL and *error. */
static GdkTexture *
load_now (NkPhotoCache  *cache,
          const char    *path,
          GError       **error)
{
  Load load = { 0 };

  nk_photo_cache_load_async (cache, path, NULL, on_loaded, &load);
  wait_for (&load, 1);
  if (load.error != NULL)
    g_propagate_error (error, load.error);
  return load.texture;
}

/* A load of a bad photo said before: it fails again and says nothing (any
 * other journal message before the marker fails the test). */
static void
assert_fails_silently (NkPhotoCache *cache,
                       const char   *path,
                       GQuark        domain,
                       int           code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = NULL;

  g_test_expect_message (NULL, G_LOG_LEVEL_MESSAGE, "nothing said before this");
  texture = load_now (cache, path, &error);
  g_message ("nothing said before this");
  g_test_assert_expected_messages ();
  g_assert_null (texture);
  if (domain != 0)
    g_assert_error (error, domain, code);
  else
    g_assert_nonnull (error);
}

static void
setup (Fixture      *f,
       gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("nk-photo-XXXXXX", &error);
  g_assert_no_error (error);
  f->cache = nk_photo_cache_new (GPOINTER_TO_UINT (data) != 0 ? GPOINTER_TO_UINT (data)
                                                               : NK_PHOTO_CACHE_DEFAULT_CAPACITY);
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

static void
teardown (Fixture      *f,
          gconstpointer data)
{
  g_clear_object (&f->cache);
  remove_dir (f->dir);
  g_free (f->dir);
}

/* A phone-sized JPEG comes back at most 256 px on its longer side, aspect
 * kept; a small PNG is not enlarged.  lookup has nothing before, the very
 * texture after. */
static void
test_load (Fixture      *f,
           gconstpointer data)
{
  g_autofree char *large = photo_path ("large.jpg");
  g_autofree char *small = photo_path ("small.png");
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GdkTexture) cached = NULL;
  g_autoptr(GdkTexture) small_texture = NULL;

  g_assert_null (nk_photo_cache_lookup (f->cache, large));
  g_assert_cmpuint (nk_photo_cache_get_n_decodes (f->cache), ==, 0);

  texture = load_now (f->cache, large, &error);
  g_assert_no_error (error);
  g_assert_nonnull (texture);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, NK_PHOTO_CACHE_MAX_PIXELS);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 192);   /* 3000×4000 → 192×256 */
  g_assert_cmpuint (nk_photo_cache_get_n_decodes (f->cache), ==, 1);

  cached = nk_photo_cache_lookup (f->cache, large);
  g_assert_true (cached == texture);

  small_texture = load_now (f->cache, small, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (small_texture), ==, 64);
  g_assert_cmpint (gdk_texture_get_height (small_texture), ==, 48);
  g_assert_cmpuint (nk_photo_cache_get_n_cached (f->cache), ==, 2);
  g_assert_cmpuint (nk_photo_cache_get_n_decodes (f->cache), ==, 2);
}

/* Two requests for one photo at the same time: one decode, one texture.
 * Asking again for an unchanged file decodes nothing. */
static void
test_coalesce (Fixture      *f,
               gconstpointer data)
{
  g_autofree char *large = photo_path ("large.jpg");
  g_autoptr(GdkTexture) again = NULL;
  g_autoptr(GError) error = NULL;
  Load loads[2] = { { 0 } };
  guint n_decodes = 0;

  nk_photo_cache_load_async (f->cache, large, NULL, on_loaded, &loads[0]);
  nk_photo_cache_load_async (f->cache, large, NULL, on_loaded, &loads[1]);
  wait_for (loads, 2);

  g_assert_no_error (loads[0].error);
  g_assert_no_error (loads[1].error);
  g_assert_nonnull (loads[0].texture);
  g_assert_true (loads[0].texture == loads[1].texture);
  g_object_get (f->cache, "n-decodes", &n_decodes, NULL);
  g_assert_cmpuint (n_decodes, ==, 1);

  again = load_now (f->cache, large, &error);
  g_assert_no_error (error);
  g_assert_true (again == loads[0].texture);
  g_assert_cmpuint (nk_photo_cache_get_n_decodes (f->cache), ==, 1);

  load_clear (&loads[0]);
  load_clear (&loads[1]);
}

/* Random bytes named .jpg and a path with no file: an error, one journal
 * message each however often they are asked for, nothing cached. */
static void
test_bad_files (Fixture      *f,
                gconstpointer data)
{
  g_autofree char *corrupt = photo_path ("corrupt.jpg");
  g_autofree char *missing = photo_path ("missing.jpg");
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  guint decodes;

  g_test_expect_message ("nk-views", G_LOG_LEVEL_MESSAGE, "Photo */corrupt.jpg not shown: *");
  texture = load_now (f->cache, corrupt, &error);
  g_test_assert_expected_messages ();
  g_assert_null (texture);
  g_assert_nonnull (error);
  g_assert_false (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
  g_clear_error (&error);
  decodes = nk_photo_cache_get_n_decodes (f->cache);
  g_assert_cmpuint (decodes, ==, 1);

  /* said once; the unchanged bad file is not decoded again */
  assert_fails_silently (f->cache, corrupt, 0, 0);
  assert_fails_silently (f->cache, corrupt, 0, 0);
  g_assert_cmpuint (nk_photo_cache_get_n_decodes (f->cache), ==, decodes);

  g_test_expect_message ("nk-views", G_LOG_LEVEL_MESSAGE, "Photo */missing.jpg not shown: *");
  texture = load_now (f->cache, missing, &error);
  g_test_assert_expected_messages ();
  g_assert_null (texture);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);
  assert_fails_silently (f->cache, missing, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);

  /* not a file at all */
  g_test_expect_message ("nk-views", G_LOG_LEVEL_MESSAGE, "Photo * not shown: *");
  texture = load_now (f->cache, f->dir, &error);
  g_test_assert_expected_messages ();
  g_assert_null (texture);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);

  g_assert_null (nk_photo_cache_lookup (f->cache, corrupt));
  g_assert_null (nk_photo_cache_lookup (f->cache, missing));
  g_assert_cmpuint (nk_photo_cache_get_n_cached (f->cache), ==, 0);
}

/* A photo replaced (new modification time) is decoded again; replaced by
 * a bad file it is dropped from the cache; mended, it is shown again. */
static void
test_changed (Fixture      *f,
              gconstpointer data)
{
  g_autofree char *path = write_image (f->dir, "child.png", 40, 30, 0xff0000ff, "png");
  g_autoptr(GdkTexture) first = NULL;
  g_autoptr(GdkTexture) second = NULL;
  g_autoptr(GdkTexture) cached = NULL;
  g_autoptr(GdkTexture) mended = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *replacement = NULL;

  set_mtime (path, 1700000000);
  first = load_now (f->cache, path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (first), ==, 40);

  replacement = write_image (f->dir, "child.png", 100, 50, 0x00ff00ff, "png");
  set_mtime (path, 1700000100);
  second = load_now (f->cache, path, &error);
  g_assert_no_error (error);
  g_assert_true (second != first);
  g_assert_cmpint (gdk_texture_get_width (second), ==, 100);
  g_assert_cmpint (gdk_texture_get_height (second), ==, 50);
  g_assert_cmpuint (nk_photo_cache_get_n_decodes (f->cache), ==, 2);
  cached = nk_photo_cache_lookup (f->cache, path);
  g_assert_true (cached == second);
  g_assert_cmpuint (nk_photo_cache_get_n_cached (f->cache), ==, 1);

  /* overwritten with garbage: said, forgotten */
  g_assert_true (g_file_set_contents (path, "not a picture at all", -1, NULL));
  set_mtime (path, 1700000200);
  g_test_expect_message ("nk-views", G_LOG_LEVEL_MESSAGE, "Photo */child.png not shown: *");
  g_assert_null (load_now (f->cache, path, &error));
  g_test_assert_expected_messages ();
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_null (nk_photo_cache_lookup (f->cache, path));

  /* a good photo again */
  g_clear_pointer (&replacement, g_free);
  replacement = write_image (f->dir, "child.png", 20, 20, 0x0000ffff, "png");
  set_mtime (path, 1700000300);
  mended = load_now (f->cache, path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (mended), ==, 20);
}

/* Beyond its capacity the cache drops the photo used longest ago. */
static void
test_lru (Fixture      *f,
          gconstpointer data)
{
  g_autofree char *a = write_image (f->dir, "a.png", 10, 10, 0xff0000ff, "png");
  g_autofree char *b = write_image (f->dir, "b.png", 11, 11, 0x00ff00ff, "png");
  g_autofree char *c = write_image (f->dir, "c.png", 12, 12, 0x0000ffff, "png");
  g_autofree char *d = write_image (f->dir, "d.png", 13, 13, 0xffffffff, "png");
  g_autoptr(GError) error = NULL;
  GdkTexture *texture;

  g_assert_cmpuint (nk_photo_cache_get_capacity (f->cache), ==, 2);

  texture = load_now (f->cache, a, &error);
  g_assert_no_error (error);
  g_object_unref (texture);
  texture = load_now (f->cache, b, &error);
  g_assert_no_error (error);
  g_object_unref (texture);
  g_assert_cmpuint (nk_photo_cache_get_n_cached (f->cache), ==, 2);

  /* a used again: b is now the oldest */
  texture = nk_photo_cache_lookup (f->cache, a);
  g_assert_nonnull (texture);
  g_object_unref (texture);

  texture = load_now (f->cache, c, &error);
  g_assert_no_error (error);
  g_object_unref (texture);
  g_assert_cmpuint (nk_photo_cache_get_n_cached (f->cache), ==, 2);
  g_assert_null (nk_photo_cache_lookup (f->cache, b));
  texture = nk_photo_cache_lookup (f->cache, a);
  g_assert_nonnull (texture);
  g_object_unref (texture);
  texture = nk_photo_cache_lookup (f->cache, c);
  g_assert_nonnull (texture);
  g_object_unref (texture);

  /* a was looked up last: d pushes out c */
  texture = nk_photo_cache_lookup (f->cache, a);
  g_object_unref (texture);
  texture = load_now (f->cache, d, &error);
  g_assert_no_error (error);
  g_object_unref (texture);
  g_assert_null (nk_photo_cache_lookup (f->cache, c));
  g_assert_cmpuint (nk_photo_cache_get_n_cached (f->cache), ==, 2);

  /* b again is decoded again */
  texture = load_now (f->cache, b, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 11);
  g_object_unref (texture);
  g_assert_cmpuint (nk_photo_cache_get_n_decodes (f->cache), ==, 5);
}

/* A cancelled request says so; the photo is cached all the same. */
static void
test_cancel (Fixture      *f,
             gconstpointer data)
{
  g_autofree char *small = photo_path ("small.png");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GdkTexture) cached = NULL;
  Load load = { 0 };

  nk_photo_cache_load_async (f->cache, small, cancellable, on_loaded, &load);
  g_cancellable_cancel (cancellable);
  wait_for (&load, 1);
  g_assert_error (load.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (load.texture);
  load_clear (&load);

  cached = nk_photo_cache_lookup (f->cache, small);
  g_assert_nonnull (cached);
}

/* The avatar shows initials at once and the photo when it arrives; a
 * second avatar of the same child has it at once; an avatar whose request
 * was cancelled keeps the initials. */
static void
test_avatar (Fixture      *f,
             gconstpointer data)
{
  g_autofree char *large = photo_path ("large.jpg");
  g_autofree char *missing = photo_path ("missing.jpg");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  AdwAvatar *first = ADW_AVATAR (g_object_ref_sink (adw_avatar_new (96, "王小明", TRUE)));
  AdwAvatar *second = ADW_AVATAR (g_object_ref_sink (adw_avatar_new (96, "王小明", TRUE)));
  AdwAvatar *gone = ADW_AVATAR (g_object_ref_sink (adw_avatar_new (96, "刘子涵", TRUE)));
  AdwAvatar *bad = ADW_AVATAR (g_object_ref_sink (adw_avatar_new (96, "刘子轩", TRUE)));
  g_autofree char *other = write_image (f->dir, "other.png", 30, 30, 0x808080ff, "png");
  Load loads[2] = { { 0 } };
  Load load = { 0 };

  nk_photo_cache_show_on_avatar (f->cache, first, large, cancellable);
  g_assert_null (adw_avatar_get_custom_image (first));

  /* the next person took the avatar's place before the photo came */
  nk_photo_cache_show_on_avatar (f->cache, gone, other, cancelled);
  g_cancellable_cancel (cancelled);

  /* joins the requests for both photos: done when they are */
  nk_photo_cache_load_async (f->cache, large, NULL, on_loaded, &loads[0]);
  nk_photo_cache_load_async (f->cache, other, NULL, on_loaded, &loads[1]);
  wait_for (loads, 2);
  drain ();
  g_assert_nonnull (loads[1].texture);
  g_assert_true (adw_avatar_get_custom_image (first) == GDK_PAINTABLE (loads[0].texture));
  g_assert_null (adw_avatar_get_custom_image (gone));
  g_assert_cmpuint (nk_photo_cache_get_n_decodes (f->cache), ==, 2);
  load_clear (&loads[0]);
  load_clear (&loads[1]);

  nk_photo_cache_show_on_avatar (f->cache, second, large, cancellable);
  g_assert_true (adw_avatar_get_custom_image (second) == adw_avatar_get_custom_image (first));

  /* no photo: initials, and one journal line */
  g_test_expect_message ("nk-views", G_LOG_LEVEL_MESSAGE, "Photo */missing.jpg not shown: *");
  nk_photo_cache_show_on_avatar (f->cache, bad, missing, cancellable);
  nk_photo_cache_load_async (f->cache, missing, NULL, on_loaded, &load);
  wait_for (&load, 1);
  drain ();
  g_test_assert_expected_messages ();
  g_assert_null (adw_avatar_get_custom_image (bad));
  load_clear (&load);

  /* empty path: nothing to do */
  nk_photo_cache_show_on_avatar (f->cache, bad, "", cancellable);
  nk_photo_cache_show_on_avatar (f->cache, bad, NULL, cancellable);
  g_assert_null (adw_avatar_get_custom_image (bad));

  g_object_unref (first);
  g_object_unref (second);
  g_object_unref (gone);
  g_object_unref (bad);
}

static void
write_photos (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261123);
  g_autofree char *large = NULL;
  g_autofree char *small = NULL;
  g_autofree char *corrupt = NULL;
  guint8 noise[4096];

  photo_dir = g_dir_make_tmp ("nk-photos-XXXXXX", &error);
  g_assert_no_error (error);

  large = write_image (photo_dir, "large.jpg", 3000, 4000, 0x3366ccff, "jpeg");
  small = write_image (photo_dir, "small.png", 64, 48, 0xcc6633ff, "png");

  for (guint i = 0; i < sizeof noise; i++)
    noise[i] = (guint8) g_rand_int_range (rand, 0, 256);
  corrupt = photo_path ("corrupt.jpg");
  g_assert_true (g_file_set_contents (corrupt, (const char *) noise, sizeof noise, &error));
  g_assert_no_error (error);
}

int
main (int argc, char *argv[])
{
  int status;

  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_setenv ("LANGUAGE", "", TRUE);
  g_test_init (&argc, &argv, NULL);
  adw_init ();
  write_photos ();

#define ADD(path, fn, capacity) \
  g_test_add ("/nk/photo-cache/" path, Fixture, GUINT_TO_POINTER (capacity), setup, fn, teardown)
  ADD ("load", test_load, 0);
  ADD ("coalesce", test_coalesce, 0);
  ADD ("bad-files", test_bad_files, 0);
  ADD ("changed", test_changed, 0);
  ADD ("lru", test_lru, 2);
  ADD ("cancel", test_cancel, 0);
  ADD ("avatar", test_avatar, 0);
#undef ADD

  status = g_test_run ();
  remove_dir (photo_dir);
  g_free (photo_dir);
  return status;
}
