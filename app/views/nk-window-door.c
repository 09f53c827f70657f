/* nk-window-door.c — what a card at the door comes to.
 *
 * nk_window_handle_card() is the one place a card goes: one core call,
 * then colour and words (a page), a sound (a cue), a journal line for
 * everything recorded, and the timer back to idle.  A tap is handled at
 * once whatever shows — a result is replaced, never queued behind. */
#define G_LOG_DOMAIN "nk-door"

#include "config.h"

#include <glib/gi18n.h>

#include "nk-a11y.h"
#include "nk-window-private.h"

static void
nk_window_door_play (NkWindow *self,
                     NkCue     cue)
{
  if (self->sound != NULL)
    nk_sound_play (self->sound, cue);
}

static NkCue
outcome_cue (NkTapOutcome outcome)
{
  switch (outcome)
    {
    case NK_TAP_CHECKED_IN:
      return NK_CUE_CHECK_IN;
    case NK_TAP_CHECKED_OUT:
      return NK_CUE_CHECK_OUT;
    case NK_TAP_ALREADY_RECORDED:
      return NK_CUE_ALREADY;
    case NK_TAP_LOST_CARD:
      return NK_CUE_LOST;
    case NK_TAP_NOT_AUTHORISED:
      return NK_CUE_REFUSED;
    case NK_TAP_FAMILY:
      return NK_CUE_CHOOSE;
    case NK_TAP_STAFF_CLOCKED_IN:
    case NK_TAP_STAFF_OPEN:
    case NK_TAP_STAFF_CLOCKED_OUT:
    case NK_TAP_CONSENT:
      return NK_CUE_STAFF;
    case NK_TAP_UNKNOWN_CARD:
    case NK_TAP_INVALID_UID:
    case NK_TAP_NO_CHILDREN:
    case NK_TAP_INACTIVE:
    default:
      return NK_CUE_UNKNOWN;
    }
}

/* One journal line per committed record; the end-to-end tests look for
 * "confirmed" and the event id. */
static void
nk_window_door_log (NkTapResult *result,
                    const char  *method)
{
  const char *what;

  switch (result->outcome)
    {
    case NK_TAP_CHECKED_IN:
      what = "check-in";
      break;
    case NK_TAP_CHECKED_OUT:
      what = "check-out";
      break;
    case NK_TAP_STAFF_CLOCKED_IN:
      what = "clock-in";
      break;
    case NK_TAP_STAFF_CLOCKED_OUT:
      what = "clock-out";
      break;
    case NK_TAP_ALREADY_RECORDED:
    case NK_TAP_UNKNOWN_CARD:
    case NK_TAP_LOST_CARD:
    case NK_TAP_INVALID_UID:
    case NK_TAP_FAMILY:
    case NK_TAP_NOT_AUTHORISED:
    case NK_TAP_NO_CHILDREN:
    case NK_TAP_INACTIVE:
    case NK_TAP_STAFF_OPEN:
    case NK_TAP_CONSENT:
    default:
      g_message ("tap answered %s card=%s", nk_tap_outcome_to_string (result->outcome),
                 result->uid != NULL ? result->uid : "-");
      return;
    }

  if (result->event_id == NULL)
    {
      g_message ("tap answered %s card=%s (no event)", nk_tap_outcome_to_string (result->outcome),
                 result->uid != NULL ? result->uid : "-");
      return;
    }

  g_message ("confirmed %s event=%s person=%s method=%s", what, result->event_id,
             result->person_id != NULL ? result->person_id : "-", method);
}

static gboolean
result_timeout_cb (gpointer user_data)
{
  NkWindow *self = user_data;

  self->result_timeout_id = 0;
  nk_window_go_idle (self);
  return G_SOURCE_REMOVE;
}

/* A result's seconds; a child's day stays longer (nk-window-day.c). */
void
nk_window_door_start_result_timer (NkWindow *self)
{
  g_clear_handle_id (&self->result_timeout_id, g_source_remove);
  self->result_timeout_id = g_timeout_add_full (G_PRIORITY_DEFAULT,
                                                MAX (nk_window_day_seconds (self), 1) * 1000,
                                                result_timeout_cb, self, NULL);
  g_source_set_name_by_id (self->result_timeout_id, "[nk] back to idle");
}

static gboolean
is_door_answer (const char *page)
{
  return g_strcmp0 (page, "result") == 0 || g_strcmp0 (page, "family") == 0;
}

/* Switches the stack; leaving the chooser or staff mode forgets them, so
 * no family's or room's data stays behind another page.  Staff mode stays
 * open behind the enrolment page it opened, and behind the answer to a
 * card tapped while it was open (staff_behind): when that answer is done
 * ("idle"), staff mode comes back as it was, unless its lock time passed
 * meanwhile.  "idle" is the enrolment page while a kiosk with no roster is
 * not enrolled (nk-window-sync.c). */
void
nk_window_door_set_page (NkWindow   *self,
                         const char *name)
{
  const char *current = gtk_stack_get_visible_child_name (self->stack);
  gboolean was_behind = self->staff_behind;
  gboolean to_enrol, staff_kept;

  if (self->fatal && g_strcmp0 (name, "error") != 0)
    return;

  if (g_strcmp0 (name, "idle") == 0 && was_behind && nk_staff_page_resume (self->staff_page))
    {
      g_message ("Staff mode resumed after the door's answer");
      name = "staff";
    }
  if (g_strcmp0 (name, "idle") == 0 && nk_window_sync_wants_enrol (self))
    name = "enrol";
  to_enrol = g_strcmp0 (name, "enrol") == 0;
  self->staff_behind = was_behind && is_door_answer (name);
  staff_kept = g_strcmp0 (name, "staff") == 0 || (to_enrol && self->enrol_from_staff)
               || self->staff_behind;

  if (g_strcmp0 (name, "result") != 0)
    {
      g_clear_handle_id (&self->result_timeout_id, g_source_remove);
      /* a family's day never stays behind another page */
      nk_result_page_clear_days (self->result_page);
    }
  if (g_strcmp0 (current, "family") == 0 && g_strcmp0 (name, "family") != 0)
    nk_family_page_reset (self->family_page);
  if (g_strcmp0 (current, "pin") == 0 && g_strcmp0 (name, "pin") != 0)
    nk_pin_page_reset (self->pin_page);
  if (!staff_kept && (g_strcmp0 (current, "staff") == 0 || was_behind ||
                      (g_strcmp0 (current, "enrol") == 0 && self->enrol_from_staff)))
    {
      nk_staff_page_close (self->staff_page);
      g_clear_pointer (&self->staff_uid, g_free);
    }
  if (!to_enrol)
    self->enrol_from_staff = FALSE;
  gtk_widget_set_visible (self->enrol_back_bar, to_enrol && self->enrol_from_staff);

  gtk_stack_set_visible_child_name (self->stack, name);
}

void
nk_window_go_idle (NkWindow *self)
{
  g_return_if_fail (NK_IS_WINDOW (self));

  nk_window_door_set_page (self, "idle");
}

/* Staff mode locked itself: the enrolment page it opened goes too.  Its
 * lock ran out behind a door answer: the answer stays on screen, and
 * staff mode will not come back. */
void
nk_window_door_staff_locked (NkWindow *self)
{
  if (self->staff_behind && is_door_answer (gtk_stack_get_visible_child_name (self->stack)))
    {
      self->staff_behind = FALSE;
      g_clear_pointer (&self->staff_uid, g_free);
      return;
    }
  if (self->enrol_from_staff)
    {
      self->enrol_from_staff = FALSE;
      g_clear_pointer (&self->staff_uid, g_free);
    }
  nk_window_go_idle (self);
}

/* A notice stays this long unless the next card or its close button
 * dismisses it first.  The door's own widget, not libadwaita 1.2's toast,
 * whose show animation crashes when the toast goes while it runs. */
#define NOTICE_SECONDS 4

static gboolean
notice_timeout_cb (gpointer user_data)
{
  NkWindow *self = user_data;

  self->notice_timeout_id = 0;
  gtk_revealer_set_reveal_child (self->notice_revealer, FALSE);
  return G_SOURCE_REMOVE;
}

void
nk_window_door_dismiss_notice (NkWindow *self)
{
  g_clear_handle_id (&self->notice_timeout_id, g_source_remove);
  gtk_revealer_set_reveal_child (self->notice_revealer, FALSE);
}

void
nk_window_door_notice (NkWindow   *self,
                       const char *text)
{
  g_free (self->last_notice);
  self->last_notice = g_strdup (text);
  gtk_label_set_label (self->notice_label, text);
  gtk_revealer_set_reveal_child (self->notice_revealer, TRUE);
  g_clear_handle_id (&self->notice_timeout_id, g_source_remove);
  self->notice_timeout_id = g_timeout_add_seconds (NOTICE_SECONDS, notice_timeout_cb, self);
  g_source_set_name_by_id (self->notice_timeout_id, "[nk] notice goes");
}

/* guardian_id: the guardian who chose, or NULL (a child's own card). */
static void
nk_window_door_show_results (NkWindow   *self,
                             GPtrArray  *results,
                             const char *guardian_id)
{
  GTimeZone *tz = nk_door_get_timezone (self->door);

  nk_result_page_show_results (self->result_page, results, tz);
  nk_window_day_show (self, results, guardian_id);
  nk_window_door_set_page (self, "result");
  nk_window_door_start_result_timer (self);
}

static void
nk_window_door_not_saved (NkWindow   *self,
                          const char *what,
                          GError     *error)
{
  g_message ("%s not saved: %s", what, error->message);
  nk_result_page_show_not_saved (self->result_page, error->message);
  nk_window_door_set_page (self, "result");
  nk_window_door_play (self, NK_CUE_REFUSED);
  nk_window_door_start_result_timer (self);
}

static void
nk_window_door_open_staff (NkWindow    *self,
                           NkTapResult *result)
{
  if (result->outcome == NK_TAP_STAFF_CLOCKED_IN)
    {
      g_autofree char *time = nk_tap_result_format_time (result,
                                                         nk_door_get_timezone (self->door));
      /* TRANSLATORS: a notice in staff mode: staff name and time, e.g. "张老师 clocked in 08:01" */
      g_autofree char *text = g_strdup_printf (_("%s clocked in %s"),
                                               result->person_name, time);
      nk_window_door_notice (self, text);
    }

  g_free (self->staff_uid);
  self->staff_uid = g_strdup (result->uid);

  /* the same member of staff whose staff mode waits behind the answer
   * (or is on screen, opened by PIN): it goes on where it was */
  if (self->staff_behind &&
      g_strcmp0 (nk_staff_page_get_staff_id (self->staff_page), result->person_id) == 0 &&
      nk_staff_page_resume (self->staff_page))
    {
      nk_window_door_set_page (self, "staff");
      return;
    }
  nk_window_door_set_page (self, "staff");
  nk_staff_page_open (self->staff_page, result);
  /* the director may cancel the alarm, anyone else not */
  nk_window_alarm_staff_changed (self);
}

static void
nk_window_door_show_tap (NkWindow    *self,
                         NkTapResult *result,
                         const char  *method)
{
  g_autoptr(GPtrArray) results = NULL;

  nk_window_door_log (result, method);
  nk_window_door_play (self, outcome_cue (result->outcome));

  switch (result->outcome)
    {
    case NK_TAP_FAMILY:
      nk_window_door_set_page (self, "family");
      g_clear_pointer (&self->family, nk_tap_result_unref);
      self->family = nk_tap_result_ref (result);
      nk_family_page_show (self->family_page, result);
      return;

    case NK_TAP_STAFF_CLOCKED_IN:
    case NK_TAP_STAFF_OPEN:
      nk_window_door_open_staff (self, result);
      return;

    case NK_TAP_CONSENT:
      /* A guardian's consent asked for by a form of staff mode
       * (nk_door_claim_guardian): the door handed it to the form; staff
       * mode stays where it is. */
      nk_staff_page_restart_lock (self->staff_page);
      return;

    case NK_TAP_CHECKED_IN:
    case NK_TAP_CHECKED_OUT:
    case NK_TAP_ALREADY_RECORDED:
    case NK_TAP_UNKNOWN_CARD:
    case NK_TAP_LOST_CARD:
    case NK_TAP_INVALID_UID:
    case NK_TAP_NOT_AUTHORISED:
    case NK_TAP_NO_CHILDREN:
    case NK_TAP_INACTIVE:
    case NK_TAP_STAFF_CLOCKED_OUT:
    default:
      results = g_ptr_array_new ();
      g_ptr_array_add (results, result);
      nk_window_door_show_results (self, results, NULL);
      return;
    }
}

void
nk_window_handle_card (NkWindow   *self,
                       const char *uid)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NkTapResult) result = NULL;
  const char *page;

  g_return_if_fail (NK_IS_WINDOW (self));
  g_return_if_fail (uid != NULL);

  if (self->fatal || self->door == NULL)
    {
      g_message ("Card %s not handled: the kiosk cannot record anything now", uid);
      nk_window_door_play (self, NK_CUE_REFUSED);
      return;
    }

  /* A staff notice ("张老师 clocked in") gives way to the next card: the
   * next family does not read it over their own screen. */
  nk_window_door_dismiss_notice (self);

  page = gtk_stack_get_visible_child_name (self->stack);

  /* the same guardian again while their chooser is open: keep it */
  if (g_strcmp0 (page, "family") == 0 &&
      g_strcmp0 (uid, nk_family_page_get_uid (self->family_page)) == 0)
    {
      g_message ("Same guardian card again: chooser kept");
      nk_family_page_touch (self->family_page);
      nk_window_door_play (self, NK_CUE_CHOOSE);
      return;
    }

  /* the same staff card again while their staff mode is open (or the
   * enrolment page it opened): keep it */
  if ((g_strcmp0 (page, "staff") == 0 || (g_strcmp0 (page, "enrol") == 0 && self->enrol_from_staff)) &&
      g_strcmp0 (uid, self->staff_uid) == 0)
    {
      g_message ("Same staff card again: staff mode kept");
      nk_window_door_play (self, NK_CUE_STAFF);
      return;
    }

  /* a parent at the door while staff mode is open is served at once;
   * staff mode waits behind the answer (nk_window_door_set_page) */
  if (g_strcmp0 (page, "staff") == 0)
    self->staff_behind = TRUE;
  result = nk_door_tap (self->door, uid, &error);
  if (result == NULL)
    {
      nk_window_door_not_saved (self, "Tap", error);
      return;
    }

  nk_window_door_show_tap (self, result, "card");
}

/* The "Staff PIN" button of the idle page. */
void
nk_window_door_open_pin (NkWindow *self)
{
  nk_window_door_set_page (self, "pin");
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "pin") == 0)
    nk_pin_page_open (self->pin_page);
}

/* A right PIN: staff mode opens the way that member of staff's card
 * opens it (one NkTapResult path, the same clock-in rule). */
void
nk_window_door_pin_opened (NkWindow   *self,
                           const char *staff_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NkTapResult) result = NULL;

  if (self->fatal || self->door == NULL)
    return;
  result = nk_door_staff_pin (self->door, staff_id, &error);
  if (result == NULL)
    {
      nk_window_door_not_saved (self, "Staff PIN", error);
      return;
    }
  nk_window_door_show_tap (self, result, "pin");
}

void
nk_window_door_confirm_family (NkWindow          *self,
                               const char        *guardian_id,
                               const char *const *child_ids)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autofree NkDirection *directions = NULL;
  guint n;
  NkCue cue = NK_CUE_CHECK_IN;

  if (self->door == NULL)
    return;

  /* What each chosen tile offered: check-out when the child was present. */
  n = g_strv_length ((char **) child_ids);
  directions = g_new0 (NkDirection, n);
  for (guint i = 0; i < n; i++)
    for (guint j = 0; self->family != NULL && j < self->family->family->len; j++)
      {
        NkFamilyChild *child = g_ptr_array_index (self->family->family, j);

        if (g_str_equal (child->child_id, child_ids[i]))
          directions[i] = child->present ? NK_DIRECTION_OUT : NK_DIRECTION_IN;
      }

  results = nk_door_confirm_family (self->door, guardian_id, child_ids,
                                          self->family != NULL ? directions : NULL, &error);
  g_clear_pointer (&self->family, nk_tap_result_unref);
  if (results == NULL)
    {
      nk_window_door_not_saved (self, "Family choice", error);
      return;
    }
  if (results->len == 0)
    {
      nk_window_go_idle (self);
      return;
    }

  for (guint i = 0; i < results->len; i++)
    {
      NkTapResult *result = g_ptr_array_index (results, i);

      nk_window_door_log (result, "card");
      if (i == 0 || result->outcome == NK_TAP_NOT_AUTHORISED)
        cue = outcome_cue (result->outcome);
    }

  nk_window_door_play (self, cue);
  nk_window_door_show_results (self, results, guardian_id);
}

void
nk_window_door_staff_recorded (NkWindow    *self,
                               NkTapResult *result)
{
  nk_window_door_log (result, result->outcome == NK_TAP_STAFF_CLOCKED_OUT ? "card" : "manual");
  nk_window_door_play (self, outcome_cue (result->outcome));

  if (result->outcome == NK_TAP_STAFF_CLOCKED_OUT)
    {
      g_autoptr(GPtrArray) results = g_ptr_array_new ();

      g_clear_pointer (&self->staff_uid, g_free);
      g_ptr_array_add (results, result);
      nk_window_door_show_results (self, results, NULL);
      return;
    }

  if (result->outcome == NK_TAP_CHECKED_IN || result->outcome == NK_TAP_CHECKED_OUT)
    {
      g_autofree char *time = nk_tap_result_format_time (result,
                                                         nk_door_get_timezone (self->door));
      g_autofree char *text = NULL;

      if (result->outcome == NK_TAP_CHECKED_IN)
        /* TRANSLATORS: child's name and time */
        text = g_strdup_printf (_("%s checked in by hand %s"), result->person_name, time);
      else
        /* TRANSLATORS: child's name and time */
        text = g_strdup_printf (_("%s checked out by hand %s"), result->person_name, time);
      nk_window_door_notice (self, text);
    }
}

void
nk_window_door_raise_alert (NkWindow    *self,
                            NkTapResult *result)
{
  /* the journal gets the ids (core logged the guardian's); the screen only
   * says someone must come */
  g_message ("pickup refused for child %s — staff alerted on screen",
             result != NULL && result->person_id != NULL ? result->person_id : "-");
  g_object_set (self, "staff-alert", TRUE, NULL);
}
