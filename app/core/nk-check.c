/* nk-check.c — checks of single values received from the network. */
#define G_LOG_DOMAIN "nk-core"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "nk-check.h"

gboolean
nk_check_is_id (const char *s)
{
  gsize n = strlen (s);

  if (n == 0 || n > NK_CHECK_MAX_ID)
    return FALSE;
  for (const char *p = s; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '.' && *p != '_' && *p != ':' && *p != '-')
      return FALSE;
  return TRUE;
}

gboolean
nk_check_is_text (const char *s, gint64 max, gboolean required)
{
  gboolean visible = FALSE;

  if (!g_utf8_validate (s, -1, NULL) || g_utf8_strlen (s, -1) > max)
    return FALSE;
  for (const char *p = s; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c) || c == 0x2028 || c == 0x2029)
        return FALSE;
      if (!g_unichar_isspace (c))
        visible = TRUE;
    }
  return visible || !required;
}

gboolean
nk_check_date (const char *s, GDate *date)
{
  int y, m, d;

  if (strlen (s) != 10 || s[4] != '-' || s[7] != '-')
    return FALSE;
  for (int i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (s[i]))
      return FALSE;
  y = atoi (s);
  m = atoi (s + 5);
  d = atoi (s + 8);
  if (y < 1900 || !g_date_valid_dmy (d, m, y))
    return FALSE;
  if (date != NULL)
    {
      g_date_clear (date, 1);
      g_date_set_dmy (date, d, m, y);
    }
  return TRUE;
}
