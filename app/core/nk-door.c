/* nk-door.c — a card at the door: validate the UID → find the card →
 * debounce (per card holder) → the rule of its holder (nk-attendance.c
 * for children and guardians, nk-staff-clock.c for staff).  The debounce
 * starts only when something was recorded: a guardian who cancels the
 * chooser can tap again at once.
 *
 * The debounce counts this door's taps on the monotonic clock, so clock
 * changes do not affect it, and the other doors' taps by their records
 * (relayed by the platform, nk-relay.h): a child whose latest record was
 * made by another kiosk of the centre, at a time within the window of
 * this kiosk's wall clock either way, was just served; so was a guardian
 * who recorded at another door within the window.  Another kiosk's time
 * can only be compared on the wall clock; a skew between the two kiosks'
 * clocks shortens or lengthens the window by that much.  A door that
 * learns of the other door's tap only after the window (the relay was
 * slow) toggles as usual: the merge rule (nk-relay.h) then orders the two
 * records by time. */
#define G_LOG_DOMAIN "nk-core"

#include "config.h"

#include <glib/gi18n.h>

#include "nk-attendance-private.h"
#include "nk-door.h"
#include "nk-door-notes.h"
#include "nk-uid.h"

struct _NkDoor
{
  GObject       parent_instance;

  NkStore      *store;
  NkCentre     *centre;
  NkAttendance *attendance;
  NkStaffClock *staff_clock;
  NkStaffPin   *staff_pin;
  guint         debounce_s;
  GHashTable   *recent;   /* "kind:id" → gint64* monotonic µs of the last handled tap */
  /* a form's claim on the next tap of a guardian of claim_child */
  char             *claim_child;
  gint64            claim_until;   /* monotonic µs */
  NkDoorConsentFunc claim_func;
  gpointer          claim_data;
  GDestroyNotify    claim_destroy;
};

G_DEFINE_TYPE (NkDoor, nk_door, G_TYPE_OBJECT)

enum {
  REFUSED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *holder_names[] = { "child", "guardian", "staff" };

static void
nk_door_finalize (GObject *object)
{
  NkDoor *self = NK_DOOR (object);

  g_clear_object (&self->store);
  g_clear_object (&self->centre);
  g_clear_object (&self->attendance);
  g_clear_object (&self->staff_clock);
  g_clear_object (&self->staff_pin);
  g_clear_pointer (&self->recent, g_hash_table_unref);
  nk_door_release_guardian (self);

  G_OBJECT_CLASS (nk_door_parent_class)->finalize (object);
}

static void
nk_door_class_init (NkDoorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = nk_door_finalize;

  /* An unauthorised check-out was tried; staff must be alerted. */
  signals[REFUSED] = g_signal_new ("refused", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, NK_TYPE_TAP_RESULT);
}

static void
nk_door_init (NkDoor *self)
{
  self->debounce_s = 10;
  self->recent = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

NkDoor *
nk_door_new (NkStore *store, NkCentre *centre)
{
  NkDoor *self = g_object_new (NK_TYPE_DOOR, NULL);

  self->store = g_object_ref (store);
  self->centre = g_object_ref (centre);
  self->attendance = nk_attendance_new (store, centre);
  self->staff_clock = nk_staff_clock_new (store, centre);
  self->staff_pin = nk_staff_pin_new (store, centre);
  return self;
}

NkStore *
nk_door_get_store (NkDoor *self)
{
  return self->store;
}

NkCentre *
nk_door_get_centre (NkDoor *self)
{
  return self->centre;
}

NkAttendance *
nk_door_get_attendance (NkDoor *self)
{
  return self->attendance;
}

NkStaffClock *
nk_door_get_staff_clock (NkDoor *self)
{
  return self->staff_clock;
}

NkStaffPin *
nk_door_get_staff_pin (NkDoor *self)
{
  return self->staff_pin;
}

GTimeZone *
nk_door_get_timezone (NkDoor *self)
{
  return nk_centre_get_timezone (self->centre);
}

void
nk_door_set_debounce (NkDoor *self, guint seconds)
{
  self->debounce_s = seconds;
}

/* ---------------------------------------------------------------- debounce */

static char *
holder_key (NkHolderKind kind, const char *id)
{
  return g_strconcat (holder_names[kind], ":", id, NULL);
}

static gint64
window_us (NkDoor *self)
{
  return (gint64) self->debounce_s * G_USEC_PER_SEC;
}

static gboolean
debounced (NkDoor *self, const char *key)
{
  gint64 *last = g_hash_table_lookup (self->recent, key);

  return last && nk_centre_monotonic (self->centre) - *last < window_us (self);
}

static void
remember_at (NkDoor *self, const char *key, gint64 at)
{
  gint64 now = nk_centre_monotonic (self->centre);
  gint64 *last = g_hash_table_lookup (self->recent, key);
  GHashTableIter iter;
  gpointer value;

  if (last != NULL && *last >= at)
    return;
  last = g_new (gint64, 1);
  *last = at;
  g_hash_table_replace (self->recent, g_strdup (key), last);

  /* Keep the table small: forget taps older than the window. */
  if (g_hash_table_size (self->recent) > 256)
    {
      g_hash_table_iter_init (&iter, self->recent);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        if (now - *(gint64 *) value >= window_us (self))
          g_hash_table_iter_remove (&iter);
    }
}

static void
remember (NkDoor *self, const char *key)
{
  remember_at (self, key, nk_centre_monotonic (self->centre));
}

/* Whether another door of the centre served the holder within the
 * window of at_us: *kind is then what it recorded ("in", "out", …), else
 * NULL. */
static gboolean
served_elsewhere (NkDoor *self, NkHolderKind holder, const char *id, gint64 at_us, char **kind,
                  GError **error)
{
  const char *device_id = nk_store_get_device_id (self->store);
  g_autofree char *since_date = NULL;
  sqlite3_stmt *row;
  gboolean ok;

  *kind = NULL;
  if (self->debounce_s == 0)
    return TRUE;
  if (holder == NK_HOLDER_CHILD)
    ok = nk_store_query_row (self->store, &row,
                             "SELECT kind, at_us, device_id != :device_id FROM attendance "
                             "WHERE child_id = :id ORDER BY order_us DESC, id DESC LIMIT 1",
                             _("Cannot read attendance"), error, NK_TEXT (":id", id),
                             NK_TEXT (":device_id", device_id), NK_END);
  else
    {
      since_date = nk_centre_local_date (self->centre, at_us - window_us (self));
      ok = nk_store_query_row (self->store, &row,
                               "SELECT kind, at_us, 1 FROM attendance "
                               "WHERE local_date >= :since_date AND by_kind = 'guardian' "
                               "AND by_id = :id AND device_id != :device_id "
                               "ORDER BY at_us DESC, id DESC LIMIT 1",
                               _("Cannot read attendance"), error, NK_TEXT (":id", id),
                               NK_TEXT (":device_id", device_id),
                               NK_TEXT (":since_date", since_date), NK_END);
    }
  if (!ok)
    return FALSE;
  if (row == NULL)
    return TRUE;
  if (sqlite3_column_int (row, 2) && ABS (at_us - sqlite3_column_int64 (row, 1)) < window_us (self))
    *kind = nk_column_dup (row, 0);
  sqlite3_reset (row);
  return TRUE;
}

static void
say_served_elsewhere (NkTapResult *result, const char *kind)
{
  if (result == NULL || kind == NULL || result->outcome != NK_TAP_ALREADY_RECORDED)
    return;
  g_free (result->message);
  if (g_str_equal (kind, "in") && result->holder == NK_HOLDER_CHILD)
    result->message = g_strdup (_("Checked in at another door a moment ago — nothing more to do"));
  else if (g_str_equal (kind, "out") && result->holder == NK_HOLDER_CHILD)
    result->message = g_strdup (_("Checked out at another door a moment ago — nothing more to do"));
  else
    result->message = g_strdup (_("Recorded at another door a moment ago — nothing more to do"));
  g_message ("Card %s: %s %s was served at another door a moment ago", result->uid,
             holder_names[result->holder], result->person_id);
}

/* ---------------------------------------------------------------- consent */

void
nk_door_release_guardian (NkDoor *self)
{
  GDestroyNotify destroy = self->claim_destroy;
  gpointer data = self->claim_data;

  g_return_if_fail (NK_IS_DOOR (self));

  g_clear_pointer (&self->claim_child, g_free);
  self->claim_func = NULL;
  self->claim_data = NULL;
  self->claim_destroy = NULL;
  if (destroy != NULL)
    destroy (data);
}

void
nk_door_claim_guardian (NkDoor           *self,
                        const char       *child_id,
                        NkDoorConsentFunc func,
                        gpointer          data,
                        GDestroyNotify    destroy)
{
  g_return_if_fail (NK_IS_DOOR (self));
  g_return_if_fail (child_id != NULL && func != NULL);

  nk_door_release_guardian (self);
  self->claim_child = g_strdup (child_id);
  self->claim_until = nk_centre_monotonic (self->centre) + (gint64) NK_DOOR_CLAIM_SECONDS * G_USEC_PER_SEC;
  self->claim_func = func;
  self->claim_data = data;
  self->claim_destroy = destroy;
}

guint
nk_door_get_claim_remaining (NkDoor *self)
{
  gint64 left;

  g_return_val_if_fail (NK_IS_DOOR (self), 0);

  if (self->claim_child == NULL)
    return 0;
  left = self->claim_until - nk_centre_monotonic (self->centre);
  if (left <= 0)
    {
      nk_door_release_guardian (self);
      return 0;
    }
  return (guint) ((left + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC);
}

/* Whether the standing claim takes this guardian's tap (they are a
 * guardian of the claimed child): 1 yes, 0 no, -1 the roster could not
 * be read (error set). */
static int
claim_takes (NkDoor *self, const char *guardian_id, char **name, GError **error)
{
  sqlite3_stmt *row;

  *name = NULL;
  if (nk_door_get_claim_remaining (self) == 0)
    return 0;
  if (!nk_store_query_row (self->store, &row,
                           "SELECT g.name FROM guardian_children gc "
                           "JOIN guardians g ON g.id = gc.guardian_id "
                           "WHERE gc.guardian_id = :guardian_id AND gc.child_id = :child_id",
                           _("Cannot read the roster"), error,
                           NK_TEXT (":guardian_id", guardian_id),
                           NK_TEXT (":child_id", self->claim_child), NK_END))
    return -1;
  if (row == NULL)
    {
      g_message ("Guardian %s is not a guardian of child %s: their tap is not taken as consent",
                 guardian_id, self->claim_child);
      return 0;
    }
  *name = nk_column_dup (row, 0);
  sqlite3_reset (row);
  return 1;
}

/* The claimed tap: handed to the form, and the claim ends. */
static NkTapResult *
give_consent (NkDoor *self, const char *uid, const char *guardian_id, char *name, gint64 at_us)
{
  NkTapResult *result = nk_tap_result_new (NK_TAP_CONSENT, uid, at_us);
  NkDoorConsentFunc func = self->claim_func;
  gpointer data = self->claim_data;
  GDestroyNotify destroy = self->claim_destroy;

  result->holder = NK_HOLDER_GUARDIAN;
  result->person_id = g_strdup (guardian_id);
  result->initials = nk_initials (name);
  result->person_name = name;
  g_message ("Card %s: guardian %s gave consent for child %s", uid, guardian_id, self->claim_child);

  /* the claim ends before the form hears of it: it may claim again */
  self->claim_destroy = NULL;
  nk_door_release_guardian (self);
  func (result, data);
  if (destroy != NULL)
    destroy (data);
  return result;
}

/* ---------------------------------------------------------------- the tap */

static NkTapResult *
card_problem (NkDoor *self, NkTapOutcome outcome, const char *uid, gint64 at_us,
              const char *audit_kind)
{
  g_autofree char *key = g_strconcat ("uid:", uid, NULL);

  /* One audit row per card per debounce window: a child waving a stray
   * card at the reader must not flood the log.  The card is answered for
   * what it is even when the audit row cannot be written (a full disk):
   * the journal says so. */
  if (!debounced (self, key))
    {
      g_autoptr (GError) local = NULL;

      if (!nk_store_audit (self->store, at_us, audit_kind, uid, NULL, &local))
        g_message ("The audit row for card %s could not be written: %s", uid, local->message);
      remember (self, key);
    }
  return nk_tap_result_new (outcome, uid, at_us);
}

NkTapResult *
nk_door_tap (NkDoor *self, const char *uid, GError **error)
{
  gint64 at_us = nk_centre_now (self->centre);
  sqlite3_stmt *row;
  g_autofree char *holder_kind = NULL;
  g_autofree char *holder_id = NULL;
  g_autofree char *status = NULL;
  g_autofree char *key = NULL;
  g_autofree char *elsewhere = NULL;
  gboolean repeat;
  NkHolderKind holder;
  NkTapResult *result;

  g_return_val_if_fail (NK_IS_DOOR (self), NULL);

  if (!nk_uid_is_valid (uid))
    {
      result = nk_tap_result_new (NK_TAP_INVALID_UID, uid, at_us);
      result->message = g_strdup (_("The card could not be read. Please tap again."));
      g_message ("Unreadable card number from the reader: “%.40s”", uid ? uid : "(null)");
      return result;
    }

  if (!nk_centre_check_clock (self->centre, at_us, error))
    return NULL;

  if (!nk_store_query_row (self->store, &row,
                           "SELECT holder_kind, holder_id, status FROM cards WHERE uid = :uid",
                           _("Cannot read the card list"), error, NK_TEXT (":uid", uid), NK_END))
    return NULL;
  if (row == NULL)
    {
      g_message ("Unknown card %s", uid);
      return card_problem (self, NK_TAP_UNKNOWN_CARD, uid, at_us, "unknown-card");
    }
  holder_kind = nk_column_dup (row, 0);
  holder_id = nk_column_dup (row, 1);
  status = nk_column_dup (row, 2);
  sqlite3_reset (row);

  if (g_str_equal (status, "lost"))
    {
      g_message ("Card %s was reported lost", uid);
      return card_problem (self, NK_TAP_LOST_CARD, uid, at_us, "lost-card");
    }

  if (g_str_equal (holder_kind, "guardian"))
    {
      char *name = NULL;
      int takes = claim_takes (self, holder_id, &name, error);

      if (takes < 0)
        return NULL;
      if (takes > 0)
        return give_consent (self, uid, holder_id, name, at_us);
    }

  if (g_str_equal (holder_kind, "child"))
    holder = NK_HOLDER_CHILD;
  else if (g_str_equal (holder_kind, "guardian"))
    holder = NK_HOLDER_GUARDIAN;
  else
    return nk_staff_clock_card (self->staff_clock, uid, holder_id, error);

  key = holder_key (holder, holder_id);
  if (debounced (self, key))
    repeat = TRUE;
  else if (!served_elsewhere (self, holder, holder_id, at_us, &elsewhere, error))
    return NULL;
  else
    repeat = elsewhere != NULL;

  if (holder == NK_HOLDER_GUARDIAN)
    result = nk_attendance_guardian_card (self->attendance, uid, holder_id, repeat, error);
  else
    result = nk_attendance_child_card (self->attendance, uid, holder_id, repeat, error);
  say_served_elsewhere (result, elsewhere);
  if (result != NULL && result->event_id != NULL)
    remember (self, key);
  if (result != NULL)
    nk_door_notes_add (self->store, self->centre, result);
  return result;
}

NkTapResult *
nk_door_staff_pin (NkDoor *self, const char *staff_id, GError **error)
{
  g_return_val_if_fail (NK_IS_DOOR (self), NULL);
  g_return_val_if_fail (staff_id != NULL, NULL);

  return nk_staff_clock_pin (self->staff_clock, staff_id, error);
}

GPtrArray *
nk_door_confirm_family (NkDoor *self, const char *guardian_id, const char *const *child_ids,
                        const NkDirection *directions, GError **error)
{
  g_autofree char *key = holder_key (NK_HOLDER_GUARDIAN, guardian_id);
  g_autoptr (GPtrArray) results = nk_attendance_confirm_family (self->attendance, guardian_id,
                                                                child_ids, directions, error);

  if (results == NULL)
    return NULL;

  remember (self, key);
  for (guint i = 0; i < results->len; i++)
    {
      NkTapResult *result = results->pdata[i];

      /* A child card on the same keyring as the guardian's must not undo
       * what the guardian just did. */
      if (result->event_id != NULL)
        {
          g_autofree char *child_key = holder_key (NK_HOLDER_CHILD, result->person_id);
          remember (self, child_key);
        }
    }
  for (guint i = 0; i < results->len; i++)
    nk_door_notes_add (self->store, self->centre, results->pdata[i]);
  for (guint i = 0; i < results->len; i++)
    if (((NkTapResult *) results->pdata[i])->outcome == NK_TAP_NOT_AUTHORISED)
      g_signal_emit (self, signals[REFUSED], 0, results->pdata[i]);
  return g_steal_pointer (&results);
}
