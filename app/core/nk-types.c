/* nk-types.c — enums, clocks, UUIDs and small helpers shared by all parts. */
#define G_LOG_DOMAIN "nk-core"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "nk-types.h"

static const char *room_kinds[] = { "infant", "toddler", "senior" };
static const char *staff_roles[] = { "caregiver", "director", "health" };

const char *
nk_room_kind_to_string (NkRoomKind kind)
{
  g_return_val_if_fail (kind <= NK_ROOM_SENIOR_TODDLER, NULL);
  return room_kinds[kind];
}

gboolean
nk_room_kind_from_string (const char *str, NkRoomKind *out)
{
  for (guint i = 0; str && i < G_N_ELEMENTS (room_kinds); i++)
    if (g_ascii_strcasecmp (str, room_kinds[i]) == 0)
      {
        *out = (NkRoomKind) i;
        return TRUE;
      }
  return FALSE;
}

const char *
nk_room_kind_label (NkRoomKind kind)
{
  switch (kind)
    {
    case NK_ROOM_INFANT:
      return _("Infant room");
    case NK_ROOM_TODDLER:
      return _("Toddler room");
    case NK_ROOM_SENIOR_TODDLER:
      return _("Senior toddler room");
    default:
      g_return_val_if_reached (NULL);
    }
}

guint
nk_room_kind_ratio (NkRoomKind kind)
{
  switch (kind)
    {
    case NK_ROOM_INFANT:
      return 3;
    case NK_ROOM_TODDLER:
      return 5;
    case NK_ROOM_SENIOR_TODDLER:
      return 7;
    default:
      g_return_val_if_reached (5);
    }
}

const char *
nk_staff_role_to_string (NkStaffRole role)
{
  g_return_val_if_fail (role <= NK_STAFF_HEALTH, NULL);
  return staff_roles[role];
}

gboolean
nk_staff_role_from_string (const char *str, NkStaffRole *out)
{
  for (guint i = 0; str && i < G_N_ELEMENTS (staff_roles); i++)
    if (g_ascii_strcasecmp (str, staff_roles[i]) == 0)
      {
        *out = (NkStaffRole) i;
        return TRUE;
      }
  return FALSE;
}

const char *
nk_staff_role_label (NkStaffRole role)
{
  switch (role)
    {
    case NK_STAFF_CAREGIVER:
      return _("Caregiver");
    case NK_STAFF_DIRECTOR:
      return _("Director");
    case NK_STAFF_HEALTH:
      return _("Health officer");
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
nk_tap_outcome_to_string (NkTapOutcome outcome)
{
  switch (outcome)
    {
    case NK_TAP_CHECKED_IN: return "checked-in";
    case NK_TAP_CHECKED_OUT: return "checked-out";
    case NK_TAP_ALREADY_RECORDED: return "already-recorded";
    case NK_TAP_UNKNOWN_CARD: return "unknown-card";
    case NK_TAP_LOST_CARD: return "lost-card";
    case NK_TAP_INVALID_UID: return "invalid-uid";
    case NK_TAP_FAMILY: return "family";
    case NK_TAP_NOT_AUTHORISED: return "not-authorised";
    case NK_TAP_NO_CHILDREN: return "no-children";
    case NK_TAP_INACTIVE: return "inactive";
    case NK_TAP_STAFF_CLOCKED_IN: return "staff-clocked-in";
    case NK_TAP_STAFF_OPEN: return "staff-open";
    case NK_TAP_STAFF_CLOCKED_OUT: return "staff-clocked-out";
    case NK_TAP_CONSENT: return "consent";
    default:
      g_return_val_if_reached ("unknown");
    }
}

static gint64
system_real_us (gpointer data)
{
  return g_get_real_time ();
}

static gint64
system_mono_us (gpointer data)
{
  return g_get_monotonic_time ();
}

const NkClock *
nk_clock_system (void)
{
  static const NkClock clock = { system_real_us, system_mono_us, NULL };
  return &clock;
}

char *
nk_uuid_new (void)
{
  return g_uuid_string_random ();
}

char *
nk_format_utc_iso (gint64 real_us)
{
  g_autoptr (GDateTime) dt = g_date_time_new_from_unix_utc (real_us / G_USEC_PER_SEC);
  if (dt == NULL)
    return g_strdup ("1970-01-01T00:00:00.000Z");
  g_autofree char *base = g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S");
  return g_strdup_printf ("%s.%03dZ", base, (int) ((real_us % G_USEC_PER_SEC) / 1000));
}

char *
nk_initials (const char *name)
{
  if (name == NULL || *name == '\0')
    return g_strdup ("?");

  gunichar first = g_utf8_get_char (name);
  if (first > 0x2E80) /* CJK: one character says it */
    {
      char buf[8] = { 0 };
      g_unichar_to_utf8 (first, buf);
      return g_strdup (buf);
    }

  g_auto (GStrv) words = g_strsplit_set (name, " \t", -1);
  GString *out = g_string_new (NULL);
  for (guint i = 0; words[i] && out->len < 2; i++)
    if (words[i][0] != '\0')
      g_string_append_unichar (out, g_unichar_toupper (g_utf8_get_char (words[i])));
  return g_string_free (out, FALSE);
}
