/* nk-enrol.c — enrolment codes, the QR URI and the device token file. */
#define G_LOG_DOMAIN "nk-sync"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>

#include "nk-enrol.h"

#define CODE_ALPHABET "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
#define CODE_LENGTH 8

/* Random bytes from the kernel (getrandom blocks only until the pool is
 * first seeded, early in boot). */
static void
fill_random (guint8 *buf, gsize len)
{
  gsize done = 0;

  while (done < len)
    {
      ssize_t n = getrandom (buf + done, len - done, 0);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        g_error ("getrandom failed: %s", g_strerror (errno));
      done += (gsize) n;
    }
}

char *
nk_enrol_new_code (void)
{
  const gsize n_letters = strlen (CODE_ALPHABET);
  /* Bytes at or above this would favour the first letters. */
  const guint limit = 256 - 256 % n_letters;
  char *code = g_malloc (CODE_LENGTH + 1);
  guint i = 0;

  while (i < CODE_LENGTH)
    {
      guint8 bytes[16];

      fill_random (bytes, sizeof bytes);
      for (guint j = 0; j < sizeof bytes && i < CODE_LENGTH; j++)
        if (bytes[j] < limit)
          code[i++] = CODE_ALPHABET[bytes[j] % n_letters];
      memset (bytes, 0, sizeof bytes);
    }
  code[CODE_LENGTH] = '\0';
  return code;
}

gboolean
nk_enrol_code_is_valid (const char *code)
{
  gsize n = code ? strlen (code) : 0;

  if (n < 4 || n > 32)
    return FALSE;
  for (const char *p = code; *p; p++)
    if (!g_ascii_isalnum (*p))
      return FALSE;
  return TRUE;
}

char *
nk_enrol_tidy_code (const char *typed)
{
  g_autoptr (GString) s = g_string_new (NULL);

  if (typed == NULL)
    return NULL;
  for (const char *p = typed; *p; p++)
    {
      if (*p == ' ' || *p == '-' || *p == '\t')
        continue;
      g_string_append_c (s, g_ascii_toupper (*p));
    }
  if (!nk_enrol_code_is_valid (s->str))
    return NULL;
  return g_string_free (g_steal_pointer (&s), FALSE);
}

char *
nk_enrol_qr_uri (const char *device_id, const char *code)
{
  g_autofree char *device = g_uri_escape_string (device_id, NULL, FALSE);
  g_autofree char *escaped = g_uri_escape_string (code, NULL, FALSE);

  return g_strdup_printf ("nurserykiosk://enrol?device=%s&code=%s", device, escaped);
}

gboolean
nk_enrol_centre_name_is_valid (const char *name)
{
  gboolean visible = FALSE;

  if (name == NULL || !g_utf8_validate (name, -1, NULL) || g_utf8_strlen (name, -1) > 100)
    return FALSE;
  for (const char *p = name; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c) || c == 0x2028 || c == 0x2029)
        return FALSE;
      if (!g_unichar_isspace (c))
        visible = TRUE;
    }
  return visible;
}

gboolean
nk_enrol_token_is_valid (const char *token)
{
  gsize n = token ? strlen (token) : 0;

  if (n < 16 || n > 512)
    return FALSE;
  for (const char *p = token; *p; p++)
    if (*p < 0x21 || *p > 0x7e)
      return FALSE;
  return TRUE;
}

gboolean
nk_enrol_write_token (const char *path, const char *token, GError **error)
{
  g_autofree char *dir = g_path_get_dirname (path);

  if (!nk_enrol_token_is_valid (token))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL, "%s",
                   _("The platform sent a device token that is not valid"));
      return FALSE;
    }
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Cannot create the data directory %s: %s"), dir, g_strerror (saved));
      return FALSE;
    }
  if (!g_file_set_contents_full (path, token, -1,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0600, error))
    {
      g_prefix_error (error, _("Cannot save the device token: "));
      return FALSE;
    }
  return TRUE;
}

char *
nk_enrol_read_token (const char *path, GError **error)
{
  g_autofree char *contents = NULL;
  g_autoptr (GError) local = NULL;
  GStatBuf st;

  if (!g_file_get_contents (path, &contents, NULL, &local))
    {
      if (g_error_matches (local, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return NULL;
      g_propagate_prefixed_error (error, g_steal_pointer (&local), "%s",
                                  _("Cannot read the device token: "));
      return NULL;
    }
  if (g_stat (path, &st) == 0 && (st.st_mode & 077) != 0)
    {
      g_message ("The device token file %s was readable by others; now 0600", path);
      if (g_chmod (path, 0600) != 0)
        g_message ("Cannot tighten %s: %s", path, g_strerror (errno));
    }
  g_strstrip (contents);
  if (!nk_enrol_token_is_valid (contents))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                   _("The device token in %s is damaged; enrol the kiosk again"), path);
      return NULL;
    }
  return g_steal_pointer (&contents);
}
