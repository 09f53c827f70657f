/* nk-window-day.c — the parent's day at pick-up.
 *
 * After a check-out at the door (a child's card, or a guardian's choice)
 * the result page shows each checked-out child's day under the result,
 * read from the store (nk_day_set_load_child) for the date of the
 * check-out, with a QR code to the full report on the platform.  Only the
 * family that tapped sees it; a staff check-out by hand shows none.  The
 * day stays day-seconds (15 s), or ack-seconds while an incident waits for
 * the guardian's "I have read it"; the next card replaces it at once
 * (nk_window_handle_card never waits for it). */
#define G_LOG_DOMAIN "nk-door"

#include "config.h"

#include <glib/gi18n.h>

#include "core/nk-day-link.h"
#include "core/nk-incident-ack.h"
#include "sync/nk-enrol.h"
#include "nk-window-private.h"

/* The signed address of the child's day, or NULL when the kiosk has no
 * platform, is not enrolled or cannot read its token: no QR code then. */
static char *
day_link (NkWindow   *self,
          const char *child_id,
          const char *date)
{
  NkStore *store = nk_door_get_store (self->door);
  g_autoptr (GError) error = NULL;
  g_autofree char *centre_id = NULL;
  g_autofree char *token = NULL;

  if (self->sync == NULL || nk_sync_get_platform_url (self->sync) == NULL)
    return NULL;
  centre_id = nk_store_get_meta (store, NK_ENROL_CENTRE_ID_KEY);
  token = nk_enrol_read_token (nk_sync_get_token_path (self->sync), &error);
  if (error != NULL)
    g_message ("No QR code for the child's day: %s", error->message);
  return nk_day_link (nk_sync_get_platform_url (self->sync), centre_id,
                      nk_store_get_device_id (store), token, child_id, date);
}

/* Who may answer an incident: the guardian who chose at the chooser, or,
 * after a child's own card (whoever holds it), each guardian who may pick
 * the child up, one button each, so the acknowledgement names a person. */
static GPtrArray *
day_ackers (NkWindow   *self,
            const char *child_id,
            const char *guardian_id)
{
  g_autoptr (GError) error = NULL;
  GPtrArray *ackers;

  if (guardian_id != NULL)
    {
      NkAckGuardian *guardian = g_new0 (NkAckGuardian, 1);

      ackers = g_ptr_array_new_with_free_func ((GDestroyNotify) nk_ack_guardian_free);
      guardian->guardian_id = g_strdup (guardian_id);
      g_ptr_array_add (ackers, guardian);
      return ackers;
    }
  ackers = nk_incident_ack_guardians (nk_door_get_store (self->door), child_id, &error);
  if (ackers == NULL)
    g_message ("The child's guardians cannot be read: %s", error->message);
  return ackers;
}

/* What waits changed (an incident acknowledged, or one more shown): the
 * day stays ack-seconds while anything waits, day-seconds after. */
static void
on_pending_changed (NkWindow   *self,
                    GParamSpec *pspec,
                    NkDayView  *view)
{
  if (g_strcmp0 (nk_window_get_page_name (self), "result") == 0)
    nk_window_door_start_result_timer (self);
}

static void
day_add (NkWindow          *self,
         const NkTapResult *result,
         const char        *guardian_id)
{
  NkCentre *centre = nk_door_get_centre (self->door);
  g_autoptr (GError) error = NULL;
  g_autofree char *date = nk_centre_local_date (centre, result->at_us);
  g_autofree char *link = NULL;
  g_autoptr (GPtrArray) ackers = NULL;
  NkDaySet *set;
  GtkWidget *view;

  set = nk_day_set_load_child (nk_door_get_store (self->door), centre, result->person_id, date,
                               &error);
  if (set == NULL)
    {
      /* the check-out stands; only its day is not shown */
      g_message ("The day of child %s cannot be shown: %s", result->person_id, error->message);
      nk_result_page_show_day_missing (self->result_page);
      return;
    }
  link = day_link (self, result->person_id, date);
  ackers = day_ackers (self, result->person_id, guardian_id);
  view = nk_day_view_new ();
  nk_day_view_show (NK_DAY_VIEW (view), set, nk_door_get_timezone (self->door), link, ackers);
  nk_result_page_add_day (self->result_page, NK_DAY_VIEW (view));
  g_signal_connect_object (view, "notify::n-pending", G_CALLBACK (on_pending_changed), self,
                           G_CONNECT_SWAPPED);
  /* ids and counts only: the journal is no place for the day itself */
  g_message ("Day shown for child %s: %u lines, %u waiting for acknowledgement, %s",
             result->person_id, nk_day_view_get_n_lines (NK_DAY_VIEW (view)),
             nk_day_view_get_n_pending (NK_DAY_VIEW (view)),
             link != NULL ? "with the report's QR code" : "no QR code (not enrolled)");
}

void
nk_window_day_show (NkWindow   *self,
                    GPtrArray  *results,
                    const char *guardian_id)
{
  for (guint i = 0; i < results->len; i++)
    {
      const NkTapResult *result = g_ptr_array_index (results, i);

      if (result->outcome == NK_TAP_CHECKED_OUT && result->holder != NK_HOLDER_STAFF &&
          result->person_id != NULL)
        day_add (self, result, guardian_id);
    }
}

guint
nk_window_day_seconds (NkWindow *self)
{
  if (nk_result_page_get_n_days (self->result_page) == 0)
    return self->result_seconds;
  if (nk_result_page_get_n_pending (self->result_page) > 0)
    return self->ack_seconds;
  return self->day_seconds;
}

void
nk_window_day_acknowledge (NkWindow   *self,
                           NkDayView  *view,
                           const char *incident_id,
                           const char *guardian_id)
{
  NkStore *store = nk_door_get_store (self->door);
  NkDaySet *set = nk_day_view_get_set (view);
  g_autoptr (GError) error = NULL;
  gboolean recorded = FALSE;

  if (!nk_incident_ack (store, nk_door_get_centre (self->door), set,
                        nk_day_view_get_child_id (view), incident_id, guardian_id, &recorded,
                        &error))
    {
      g_message ("Incident acknowledgement not saved: %s", error->message);
      nk_day_view_show_error (view, error->message);
      nk_window_door_start_result_timer (self);
      return;
    }
  if (recorded)
    g_message ("confirmed incident.ack incident=%s guardian=%s", incident_id, guardian_id);
  else
    g_message ("Incident %s was acknowledged already: nothing more recorded", incident_id);

  /* the ack source clears the flag on the lines shown */
  if (!nk_incident_ack_source (store, set, &error))
    g_message ("The day shown is not updated: %s", error->message);
  nk_day_view_show_error (view, NULL);
  /* notifies n-pending when the wait is over: the timer follows */
  nk_day_view_refresh (view);
}
