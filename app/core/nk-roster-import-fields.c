/* nk-roster-import-fields.c — the roster file's field formats: dates as
 * people and spreadsheets write them, phone numbers, yes/no, room kinds. */
#define G_LOG_DOMAIN "nk-roster-import"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "nk-roster-import-private.h"

/* Accepts YYYY-MM-DD, and YYYY/M/D as Excel rewrites it; returns the
 * normalised YYYY-MM-DD or NULL. */
char *
nk_roster_import_parse_date (const char *value, GDate *out)
{
  guint parts[3] = { 0, 0, 0 };
  guint n = 0;
  guint digits = 0;
  char sep = 0;

  for (const char *p = value;; p++)
    {
      if (g_ascii_isdigit (*p))
        {
          if (++digits > (n == 0 ? 4u : 2u))
            return NULL;
          parts[n] = parts[n] * 10 + (guint) (*p - '0');
          continue;
        }
      if (digits == 0 || (n == 0 && digits != 4))
        return NULL;
      if (*p == '\0')
        break;
      if ((*p != '-' && *p != '/') || n == 2 || (sep != 0 && *p != sep))
        return NULL;
      sep = *p;
      n++;
      digits = 0;
    }
  if (n != 2)
    return NULL;
  if (!g_date_valid_dmy ((GDateDay) parts[2], (GDateMonth) parts[1], (GDateYear) parts[0]))
    return NULL;

  g_date_clear (out, 1);
  g_date_set_dmy (out, (GDateDay) parts[2], (GDateMonth) parts[1], (GDateYear) parts[0]);
  return g_strdup_printf ("%04u-%02u-%02u", parts[0], parts[1], parts[2]);
}

/* Digits with optional spaces, '-', '(' and ')', and a leading '+'.
 * Returns the digits (with the '+'), the Chinese country code dropped from
 * mobile numbers so that "+86 138 0013 8000" and "13800138000" match. */
char *
nk_roster_import_normalise_phone (const char *value)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  guint n_digits = 0;

  for (const char *p = value; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        {
          g_string_append_c (digits, *p);
          n_digits++;
        }
      else if (*p == '+' && digits->len == 0 && p == value)
        g_string_append_c (digits, '+');
      else if (*p != ' ' && *p != '-' && *p != '(' && *p != ')')
        return NULL;
    }

  if (n_digits < 7 || n_digits > 15)
    return NULL;

  if (g_str_has_prefix (digits->str, "+86") && digits->len == 14 && digits->str[3] == '1')
    g_string_erase (digits, 0, 3);
  else if (g_str_has_prefix (digits->str, "0086") && digits->len == 15 && digits->str[4] == '1')
    g_string_erase (digits, 0, 4);

  return g_string_free (g_steal_pointer (&digits), FALSE);
}

gboolean
nk_roster_import_parse_yes_no (const char *value, gboolean *out)
{
  static const char *yes[] = { "yes", "y", "true", "1", "是", "可以" };
  static const char *no[] = { "no", "n", "false", "0", "否", "不可以" };

  for (guint i = 0; i < G_N_ELEMENTS (yes); i++)
    if (g_ascii_strcasecmp (value, yes[i]) == 0)
      {
        *out = TRUE;
        return TRUE;
      }
  for (guint i = 0; i < G_N_ELEMENTS (no); i++)
    if (g_ascii_strcasecmp (value, no[i]) == 0)
      {
        *out = FALSE;
        return TRUE;
      }
  return FALSE;
}

gboolean
nk_roster_import_parse_room_kind (const char *value, NkRoomKind *out)
{
  if (nk_room_kind_from_string (value, out))
    return TRUE;
  if (g_ascii_strcasecmp (value, "senior_toddler") == 0
      || g_ascii_strcasecmp (value, "senior-toddler") == 0
      || strcmp (value, "托大班") == 0)
    *out = NK_ROOM_SENIOR_TODDLER;
  else if (strcmp (value, "乳儿班") == 0)
    *out = NK_ROOM_INFANT;
  else if (strcmp (value, "托小班") == 0)
    *out = NK_ROOM_TODDLER;
  else
    return FALSE;
  return TRUE;
}

/* The kind a room's name suggests when the file does not say. */
NkRoomKind
nk_roster_import_guess_room_kind (const char *name)
{
  g_autofree char *lower = g_utf8_strdown (name, -1);

  if (strstr (lower, "乳儿") != NULL || strstr (lower, "infant") != NULL
      || strstr (lower, "baby") != NULL)
    return NK_ROOM_INFANT;
  if (strstr (lower, "托大") != NULL || strstr (lower, "senior") != NULL)
    return NK_ROOM_SENIOR_TODDLER;
  return NK_ROOM_TODDLER;
}

/* National maximum of children per room (乳儿班 10, 托小班 15, 托大班 20). */
guint
nk_roster_import_max_places (NkRoomKind kind)
{
  switch (kind)
    {
    case NK_ROOM_INFANT:
      return 10;
    case NK_ROOM_TODDLER:
      return 15;
    case NK_ROOM_SENIOR_TODDLER:
      return 20;
    default:
      g_return_val_if_reached (15);
    }
}

const char *
nk_roster_import_holder_label (NkHolderKind holder)
{
  switch (holder)
    {
    case NK_HOLDER_CHILD:
      return _("child");
    case NK_HOLDER_GUARDIAN:
      return _("guardian");
    case NK_HOLDER_STAFF:
      return _("staff member");
    default:
      g_return_val_if_reached ("?");
    }
}

