/* nk-attendance-results.c — the results the door shows: NkTapResult and the lists'
 * element types.
 * Part of NkAttendance (nk-attendance.c has the rules). */
#define G_LOG_DOMAIN "nk-core"

#include "config.h"

#include <glib/gi18n.h>

#include "nk-attendance-private.h"

void
nk_family_child_free (NkFamilyChild *child)
{
  g_free (child->child_id);
  g_free (child->name);
  g_free (child->initials);
  g_free (child->room_name);
  g_free (child->photo);
  g_free (child);
}

static void
tap_note_free (NkTapNote *note)
{
  g_free (note->key);
  g_free (note->child_id);
  g_free (note->text);
  g_free (note);
}

static void
tap_result_clear (NkTapResult *result)
{
  g_free (result->uid);
  g_free (result->event_id);
  g_free (result->person_id);
  g_free (result->person_name);
  g_free (result->initials);
  g_free (result->photo);
  g_free (result->room_name);
  g_free (result->message);
  g_free (result->staff_room_id);
  g_clear_pointer (&result->family, g_ptr_array_unref);
  g_clear_pointer (&result->notes, g_ptr_array_unref);
}

NkTapResult *
nk_tap_result_ref (NkTapResult *result)
{
  return g_atomic_rc_box_acquire (result);
}

void
nk_tap_result_unref (NkTapResult *result)
{
  g_atomic_rc_box_release_full (result, (GDestroyNotify) tap_result_clear);
}

G_DEFINE_BOXED_TYPE (NkTapResult, nk_tap_result, nk_tap_result_ref, nk_tap_result_unref)

NkTapResult *
nk_tap_result_new (NkTapOutcome outcome, const char *uid, gint64 at_us)
{
  NkTapResult *result = g_atomic_rc_box_new0 (NkTapResult);

  result->outcome = outcome;
  result->uid = g_strdup (uid);
  result->at_us = at_us;
  return result;
}

void
nk_tap_result_add_note (NkTapResult *result, NkNoteAudience audience, NkNoteLevel level,
                        const char *key, const char *child_id, const char *text)
{
  NkTapNote *note;

  g_return_if_fail (result != NULL);
  g_return_if_fail (key != NULL && text != NULL);

  if (result->notes == NULL)
    result->notes = g_ptr_array_new_with_free_func ((GDestroyNotify) tap_note_free);
  for (guint i = 0; i < result->notes->len; i++)
    {
      NkTapNote *other = result->notes->pdata[i];

      if (g_str_equal (other->key, key) && g_strcmp0 (other->child_id, child_id) == 0)
        return;
    }
  note = g_new0 (NkTapNote, 1);
  note->audience = audience;
  note->level = level;
  note->key = g_strdup (key);
  note->child_id = g_strdup (child_id);
  note->text = g_strdup (text);
  g_ptr_array_add (result->notes, note);
}

guint
nk_tap_result_get_n_notes (const NkTapResult *result)
{
  return result->notes != NULL ? result->notes->len : 0;
}

const NkTapNote *
nk_tap_result_get_note (const NkTapResult *result, guint i)
{
  g_return_val_if_fail (i < nk_tap_result_get_n_notes (result), NULL);
  return result->notes->pdata[i];
}

char *
nk_tap_result_format_time (const NkTapResult *result, GTimeZone *tz)
{
  g_autoptr (GDateTime) utc = g_date_time_new_from_unix_utc (result->at_us / G_USEC_PER_SEC);
  g_autoptr (GDateTime) local = utc ? g_date_time_to_timezone (utc, tz) : NULL;

  return local ? g_date_time_format (local, "%H:%M") : g_strdup ("--:--");
}

void
nk_room_summary_free (NkRoomSummary *summary)
{
  g_free (summary->room_id);
  g_free (summary->name);
  g_clear_pointer (&summary->children, g_ptr_array_unref);
  g_free (summary);
}

void
nk_room_child_free (NkRoomChild *child)
{
  g_free (child->child_id);
  g_free (child->name);
  g_free (child->initials);
  g_free (child);
}

void
nk_open_stay_free (NkOpenStay *stay)
{
  g_free (stay->child_id);
  g_free (stay->name);
  g_free (stay->room_name);
  g_free (stay->date);
  g_free (stay);
}

