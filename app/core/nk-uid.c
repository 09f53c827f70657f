/* nk-uid.c — card UID normalisation. */
#define G_LOG_DOMAIN "nk-core"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "nk-uid.h"

G_DEFINE_QUARK (nk-uid-error-quark, nk_uid_error)

#define NK_UID_MAX_BYTES 10

static gboolean
valid_byte_length (gsize n)
{
  return n == 4 || n == 7 || n == 10;
}

gboolean
nk_uid_is_valid (const char *uid)
{
  if (uid == NULL)
    return FALSE;
  gsize len = strlen (uid);
  if (len % 2 != 0 || !valid_byte_length (len / 2))
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isxdigit (uid[i]) || g_ascii_islower (uid[i]))
      return FALSE;
  return TRUE;
}

char *
nk_uid_from_bytes (const guint8 *bytes, gsize len)
{
  GString *out = g_string_sized_new (len * 2);
  for (gsize i = 0; i < len; i++)
    g_string_append_printf (out, "%02X", bytes[i]);
  return g_string_free (out, FALSE);
}

/* Decimal text → big-endian bytes of the smallest valid UID size. */
static gboolean
decimal_to_bytes (const char *digits, guint8 *bytes, gsize *n_bytes, GError **error)
{
  guint8 acc[NK_UID_MAX_BYTES] = { 0 }; /* little-endian accumulator */

  for (const char *p = digits; *p; p++)
    {
      guint carry = (guint) (*p - '0');
      for (gsize i = 0; i < NK_UID_MAX_BYTES; i++)
        {
          guint v = acc[i] * 10u + carry;
          acc[i] = v & 0xff;
          carry = v >> 8;
        }
      if (carry != 0)
        {
          g_set_error (error, NK_UID_ERROR, NK_UID_ERROR_BAD_LENGTH,
                       _("The card number %s is too large"), digits);
          return FALSE;
        }
    }

  gsize used = NK_UID_MAX_BYTES;
  while (used > 0 && acc[used - 1] == 0)
    used--;
  gsize size = used <= 4 ? 4 : used <= 7 ? 7 : 10;
  for (gsize i = 0; i < size; i++)
    bytes[i] = acc[size - 1 - i];
  *n_bytes = size;
  return TRUE;
}

char *
nk_uid_normalise (const char *raw, const NkUidOptions *options, GError **error)
{
  static const NkUidOptions defaults = { NK_UID_FORMAT_HEX, FALSE };
  guint8 bytes[NK_UID_MAX_BYTES];
  gsize n_bytes = 0;

  if (options == NULL)
    options = &defaults;

  GString *clean = g_string_new (NULL);
  for (const char *p = raw ? raw : ""; *p; p++)
    {
      if (*p == ' ' || *p == ':' || *p == '-' || *p == '\t' || *p == '\r' || *p == '\n')
        continue;
      g_string_append_c (clean, *p);
    }
  g_autofree char *text = g_string_free (clean, FALSE);

  if (*text == '\0')
    {
      g_set_error_literal (error, NK_UID_ERROR, NK_UID_ERROR_EMPTY,
                           _("The reader gave an empty card number"));
      return NULL;
    }

  if (options->format == NK_UID_FORMAT_DECIMAL)
    {
      for (const char *p = text; *p; p++)
        if (!g_ascii_isdigit (*p))
          {
            g_set_error (error, NK_UID_ERROR, NK_UID_ERROR_BAD_CHARACTER,
                         _("The card number “%s” is not a decimal number"), text);
            return NULL;
          }
      if (strlen (text) > 25 || !decimal_to_bytes (text, bytes, &n_bytes, error))
        {
          if (error && *error == NULL)
            g_set_error (error, NK_UID_ERROR, NK_UID_ERROR_BAD_LENGTH,
                         _("The card number %s is too large"), text);
          return NULL;
        }
    }
  else
    {
      const char *hex = text;
      if (hex[0] == '0' && (hex[1] == 'x' || hex[1] == 'X'))
        hex += 2;
      gsize len = strlen (hex);
      for (gsize i = 0; i < len; i++)
        if (!g_ascii_isxdigit (hex[i]))
          {
            g_set_error (error, NK_UID_ERROR, NK_UID_ERROR_BAD_CHARACTER,
                         _("The card number “%s” is not hexadecimal"), text);
            return NULL;
          }
      if (len % 2 != 0 || !valid_byte_length (len / 2))
        {
          g_set_error (error, NK_UID_ERROR, NK_UID_ERROR_BAD_LENGTH,
                       _("The card number “%s” has %u digits; a card UID has 8, 14 or 20"),
                       text, (guint) len);
          return NULL;
        }
      n_bytes = len / 2;
      for (gsize i = 0; i < n_bytes; i++)
        bytes[i] = (guint8) (g_ascii_xdigit_value (hex[2 * i]) << 4 | g_ascii_xdigit_value (hex[2 * i + 1]));
    }

  if (options->reversed)
    for (gsize i = 0; i < n_bytes / 2; i++)
      {
        guint8 t = bytes[i];
        bytes[i] = bytes[n_bytes - 1 - i];
        bytes[n_bytes - 1 - i] = t;
      }

  return nk_uid_from_bytes (bytes, n_bytes);
}
