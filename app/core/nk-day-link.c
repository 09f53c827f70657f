/* nk-day-link.c — the signed address of a child's day (nk-day-link.h). */
#define G_LOG_DOMAIN "nk-core"

#include "config.h"

#include <string.h>

#include "nk-day-link.h"

#define SIG_HEX_CHARS 32   /* 128 bits: unguessable, and the QR code stays small */

static gboolean
is_set (const char *s)
{
  return s != NULL && s[0] != '\0';
}

char *
nk_day_link (const char *platform_url,
             const char *centre_id,
             const char *device_id,
             const char *token,
             const char *child_id,
             const char *date)
{
  g_autofree char *message = NULL;
  g_autofree char *sig = NULL;
  g_autofree char *base = NULL;
  g_autofree char *centre = NULL;
  g_autofree char *child = NULL;
  g_autofree char *device = NULL;

  if (!is_set (platform_url) || !is_set (centre_id) || !is_set (device_id) ||
      !is_set (token) || !is_set (child_id) || !is_set (date))
    return NULL;

  message = g_strconcat ("nk-day-link/1\n", centre_id, "\n", child_id, "\n", date, "\n",
                         device_id, NULL);
  sig = g_compute_hmac_for_string (G_CHECKSUM_SHA256, (const guchar *) token, strlen (token),
                                   message, -1);
  sig[SIG_HEX_CHARS] = '\0';

  /* platform-url may end with a "/" (docs/config.md) */
  base = g_strdup (platform_url);
  if (g_str_has_suffix (base, "/"))
    base[strlen (base) - 1] = '\0';
  centre = g_uri_escape_string (centre_id, NULL, FALSE);
  child = g_uri_escape_string (child_id, NULL, FALSE);
  device = g_uri_escape_string (device_id, NULL, FALSE);
  return g_strdup_printf ("%s/families/day/%s/%s/%s?d=%s&s=%s", base, centre, child, date,
                          device, sig);
}
