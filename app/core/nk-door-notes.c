/* nk-door-notes.c — the sources of what the door tells beyond the
 * outcome (nk-door-notes.h).  A kind adds its source here, one line. */
#define G_LOG_DOMAIN "nk-core"

#include "config.h"

#include "nk-absence.h"
#include "nk-checkup.h"
#include "nk-classroom.h"
#include "nk-door-notes.h"
#include "nk-menu-today.h"

static const NkDoorNoteSource door_note_sources[] = {
  nk_menu_door_note,
  nk_checkup_door_note,
  nk_absence_door_note,
  nk_classroom_door_note,
  NULL
};

static gboolean
speaks_to (NkTapOutcome outcome)
{
  switch (outcome)
    {
    case NK_TAP_CHECKED_IN:
    case NK_TAP_CHECKED_OUT:
    case NK_TAP_FAMILY:
      return TRUE;
    case NK_TAP_ALREADY_RECORDED:
    case NK_TAP_UNKNOWN_CARD:
    case NK_TAP_LOST_CARD:
    case NK_TAP_INVALID_UID:
    case NK_TAP_NOT_AUTHORISED:
    case NK_TAP_NO_CHILDREN:
    case NK_TAP_INACTIVE:
    case NK_TAP_STAFF_CLOCKED_IN:
    case NK_TAP_STAFF_OPEN:
    case NK_TAP_STAFF_CLOCKED_OUT:
    case NK_TAP_CONSENT:
    default:
      return FALSE;
    }
}

void
nk_door_notes_add (NkStore *store, NkCentre *centre, NkTapResult *result)
{
  g_autofree char *date = NULL;
  NkNoteContext ctx;

  g_return_if_fail (NK_IS_STORE (store));
  g_return_if_fail (NK_IS_CENTRE (centre));

  if (result == NULL || result->person_id == NULL || !speaks_to (result->outcome))
    return;

  date = nk_centre_local_date (centre, result->at_us);
  ctx = (NkNoteContext) { store, centre, result->at_us, date };
  for (guint i = 0; door_note_sources[i] != NULL; i++)
    {
      g_autoptr (GError) error = NULL;

      if (!door_note_sources[i] (&ctx, result, &error))
        g_message ("A note for the door was left out (%s): %s", result->person_id,
                   error != NULL ? error->message : "no reason given");
    }
}
