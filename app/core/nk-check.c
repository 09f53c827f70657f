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

char *
nk_check_date_add (const char *s,
                   int         days)
{
  GDate d;

  if (!nk_check_date (s, &d))
    return NULL;
  if (days >= 0)
    g_date_add_days (&d, (guint) days);
  else
    g_date_subtract_days (&d, (guint) -days);
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (&d), g_date_get_month (&d), g_date_get_day (&d));
}

gboolean
nk_check_time (const char *s, gint64 *out_us)
{
  static const char shape[] = "dddd-dd-ddTdd:dd:dd.dddZ";
  g_autoptr (GDateTime) dt = NULL;

  if (strlen (s) != sizeof shape - 1)
    return FALSE;
  for (guint i = 0; shape[i]; i++)
    if (shape[i] == 'd' ? !g_ascii_isdigit (s[i]) : s[i] != shape[i])
      return FALSE;
  dt = g_date_time_new_from_iso8601 (s, NULL);
  if (dt == NULL)
    return FALSE;
  if (out_us != NULL)
    *out_us = g_date_time_to_unix (dt) * G_USEC_PER_SEC + g_date_time_get_microsecond (dt);
  return TRUE;
}

gboolean
nk_check_date_near (const GDate *date, gint64 at_us, gboolean any_earlier)
{
  g_autoptr (GDateTime) utc = g_date_time_new_from_unix_utc (at_us / G_USEC_PER_SEC);
  GDate at_date;
  guint32 day, at_day;

  if (utc == NULL)
    return FALSE;
  day = g_date_get_julian (date);
  g_date_clear (&at_date, 1);
  g_date_set_dmy (&at_date, g_date_time_get_day_of_month (utc), g_date_time_get_month (utc),
                  g_date_time_get_year (utc));
  at_day = g_date_get_julian (&at_date);
  return day <= at_day + 1 && (any_earlier || day + 1 >= at_day);
}
