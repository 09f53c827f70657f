/* nk-attendance.c — the door's rules: what a card means, and writing
 * each event with its outbox row in one transaction.
 *
 * Order of a tap: validate the UID → find the card → debounce (monotonic
 * clock, per card holder) → act by holder kind.  The current state of a
 * child is their last attendance row by insertion order (rowid), which is
 * immune to wall-clock jumps. */
#define G_LOG_DOMAIN "nk-core"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "nk-attendance-private.h"
#include "nk-uid.h"


G_DEFINE_TYPE (NkAttendance, nk_attendance, G_TYPE_OBJECT)

G_DEFINE_QUARK (nk-attendance-error-quark, nk_attendance_error)

enum {
  REFUSED,
  CLOCK_JUMPED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *holder_names[] = { "child", "guardian", "staff" };

/* ---------------------------------------------------------------- object */

static void
nk_attendance_finalize (GObject *object)
{
  NkAttendance *self = NK_ATTENDANCE (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->tz, g_time_zone_unref);
  g_clear_pointer (&self->recent, g_hash_table_unref);

  G_OBJECT_CLASS (nk_attendance_parent_class)->finalize (object);
}

static void
nk_attendance_class_init (NkAttendanceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = nk_attendance_finalize;

  /* An unauthorised check-out was tried; staff must be alerted. */
  signals[REFUSED] = g_signal_new ("refused", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, NK_TYPE_TAP_RESULT);

  /* The wall clock moved against the monotonic clock (by the given µs). */
  signals[CLOCK_JUMPED] = g_signal_new ("clock-jumped", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
nk_attendance_init (NkAttendance *self)
{
  self->clock = *nk_clock_system ();
  self->debounce_s = 10;
  self->recent = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

NkAttendance *
nk_attendance_new (NkStore *store, GTimeZone *tz)
{
  NkAttendance *self = g_object_new (NK_TYPE_ATTENDANCE, NULL);

  self->store = g_object_ref (store);
  self->tz = g_time_zone_ref (tz);
  return self;
}

NkStore *
nk_attendance_get_store (NkAttendance *self)
{
  return self->store;
}

GTimeZone *
nk_attendance_get_timezone (NkAttendance *self)
{
  return self->tz;
}

void
nk_attendance_set_clock (NkAttendance *self, const NkClock *clock)
{
  self->clock = *clock;
}

void
nk_attendance_set_debounce (NkAttendance *self, guint seconds)
{
  self->debounce_s = seconds;
}

gint64
nk_attendance_now_real (NkAttendance *self)
{
  return self->clock.real_us (self->clock.data);
}

static gint64
now_mono (NkAttendance *self)
{
  return self->clock.mono_us (self->clock.data);
}

/* Before any action: a clock that cannot be right refuses to record (a box
 * whose real-time clock lost its battery wakes up in 1970 or 2000), and a
 * jump of the wall clock against the monotonic one is said in the journal. */
static gboolean
check_clock (NkAttendance *self, gint64 at_us, GError **error)
{
  gint64 offset = at_us - now_mono (self);

  if (at_us < NK_ATTENDANCE_CLOCK_FLOOR_US)
    {
      g_autofree char *when = nk_format_utc_iso (at_us);

      g_set_error (error, NK_ATTENDANCE_ERROR, NK_ATTENDANCE_ERROR_CLOCK,
                   _("The kiosk's clock is wrong (it says %.10s); nothing can be recorded until "
                     "the time is set"), when);
      return FALSE;
    }

  if (self->clock_offset != 0 && ABS (offset - self->clock_offset) > NK_ATTENDANCE_CLOCK_JUMP_US)
    {
      gint64 jump = offset - self->clock_offset;

      g_warning ("The wall clock jumped by %+" G_GINT64_FORMAT " s since the last action; "
                 "records before and after are dated by different clocks",
                 jump / G_USEC_PER_SEC);
      g_signal_emit (self, signals[CLOCK_JUMPED], 0, jump);
    }
  self->clock_offset = offset;
  return TRUE;
}

char *
nk_attendance_local_date (NkAttendance *self, gint64 real_us)
{
  g_autoptr (GDateTime) utc = g_date_time_new_from_unix_utc (real_us / G_USEC_PER_SEC);
  g_autoptr (GDateTime) local = g_date_time_to_timezone (utc, self->tz);

  return g_date_time_format (local, "%Y-%m-%d");
}

char *
nk_attendance_today (NkAttendance *self)
{
  return nk_attendance_local_date (self, nk_attendance_now_real (self));
}

/* ---------------------------------------------------------------- debounce */

static char *
holder_key (NkHolderKind kind, const char *id)
{
  return g_strconcat (holder_names[kind], ":", id, NULL);
}

static gboolean
debounced (NkAttendance *self, const char *key)
{
  gint64 *last = g_hash_table_lookup (self->recent, key);

  return last && now_mono (self) - *last < (gint64) self->debounce_s * G_USEC_PER_SEC;
}

static void
remember (NkAttendance *self, const char *key)
{
  gint64 *at = g_new (gint64, 1);
  gint64 now = now_mono (self);
  GHashTableIter iter;
  gpointer value;

  *at = now;
  g_hash_table_replace (self->recent, g_strdup (key), at);

  /* Keep the table small: forget taps older than the window. */
  if (g_hash_table_size (self->recent) > 256)
    {
      g_hash_table_iter_init (&iter, self->recent);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        if (now - *(gint64 *) value >= (gint64) self->debounce_s * G_USEC_PER_SEC)
          g_hash_table_iter_remove (&iter);
    }
}

/* ---------------------------------------------------------------- lookups */

typedef struct {
  char    *name;
  char    *photo;
  char    *room_name;
  gboolean active;
} ChildInfo;

static void
child_info_clear (ChildInfo *info)
{
  g_free (info->name);
  g_free (info->photo);
  g_free (info->room_name);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ChildInfo, child_info_clear)


static gboolean
lookup_child (NkAttendance *self, const char *child_id, ChildInfo *info, GError **error)
{
  sqlite3_stmt *row;

  if (!nk_store_query_row (self->store, &row,
                           "SELECT c.name, c.photo, r.name, c.active FROM children c "
                           "LEFT JOIN rooms r ON r.id = c.room_id WHERE c.id = ?",
                           _("Cannot read the roster"), error, 1, child_id))
    return FALSE;
  if (row == NULL)
    {
      g_set_error (error, NK_STORE_ERROR, NK_STORE_ERROR_NOT_FOUND, _("No child with id %s"), child_id);
      return FALSE;
    }
  info->name = nk_column_dup (row, 0);
  info->photo = nk_column_dup (row, 1);
  info->room_name = nk_column_dup (row, 2);
  info->active = sqlite3_column_int (row, 3) != 0;
  sqlite3_reset (row);
  return TRUE;
}

static gboolean
lookup_last_event (NkAttendance *self, const char *child_id, LastEvent *ev, GError **error)
{
  sqlite3_stmt *row;

  if (!nk_store_query_row (self->store, &row,
                           "SELECT kind, local_date, at_us FROM attendance "
                           "WHERE child_id = ? ORDER BY rowid DESC LIMIT 1",
                           _("Cannot read attendance"), error, 1, child_id))
    return FALSE;
  if (row != NULL)
    {
      ev->kind = nk_column_dup (row, 0);
      ev->date = nk_column_dup (row, 1);
      ev->at_us = sqlite3_column_int64 (row, 2);
      sqlite3_reset (row);
    }
  return TRUE;
}

/* A check-in dated after today (made while the clock ran fast) still
 * counts as present, never as a stay to close. */
static gboolean
is_present (const LastEvent *ev, const char *today)
{
  return ev->kind && g_str_equal (ev->kind, "in") && g_strcmp0 (ev->date, today) >= 0;
}

static gboolean
is_stale (const LastEvent *ev, const char *today)
{
  return ev->kind && g_str_equal (ev->kind, "in") && g_strcmp0 (ev->date, today) < 0;
}

/* ---------------------------------------------------------------- child card */

static NkTapResult *
child_result (NkTapOutcome outcome, const char *uid, gint64 at_us, const char *child_id,
              const ChildInfo *info)
{
  NkTapResult *result = nk_tap_result_new (outcome, uid, at_us);

  result->holder = NK_HOLDER_CHILD;
  result->person_id = g_strdup (child_id);
  result->person_name = g_strdup (info->name);
  result->initials = nk_initials (info->name);
  result->photo = g_strdup (info->photo);
  result->room_name = g_strdup (info->room_name);
  return result;
}

/* One child in or out, inside the caller's transaction. */
static NkTapResult *
toggle_child (NkAttendance *self, const char *child_id, const ChildInfo *info,
              const char *by_kind, const char *by_id, const char *uid, const char *method,
              const char *reason, int force_direction, gint64 at_us, GError **error)
{
  g_auto (LastEvent) ev = { 0 };
  g_autofree char *today = nk_attendance_local_date (self, at_us);
  g_autofree char *event_id = NULL;
  gboolean present;
  NkTapResult *result;

  if (!lookup_last_event (self, child_id, &ev, error))
    return NULL;
  if (is_stale (&ev, today) && !nk_attendance_close_stay (self, child_id, &ev, at_us, error))
    return NULL;

  present = is_present (&ev, today);
  if (force_direction >= 0 && (force_direction == NK_DIRECTION_OUT) != present)
    {
      g_set_error (error, NK_STORE_ERROR, NK_STORE_ERROR_INVALID,
                   present ? _("%s is already checked in") : _("%s is not checked in"), info->name);
      return NULL;
    }

  AttendanceRow row = {
    .child_id = child_id,
    .kind = present ? "out" : "in",
    .local_date = today,
    .by_kind = by_kind,
    .by_id = by_id,
    .card_uid = uid,
    .method = method,
    .reason = reason,
  };
  event_id = nk_attendance_write (self, &row, at_us, error);
  if (event_id == NULL)
    return NULL;

  result = child_result (present ? NK_TAP_CHECKED_OUT : NK_TAP_CHECKED_IN, uid, at_us, child_id, info);
  result->event_id = g_steal_pointer (&event_id);
  return result;
}

static NkTapResult *
tap_child (NkAttendance *self, const char *uid, const char *child_id, gint64 at_us, GError **error)
{
  g_auto (ChildInfo) info = { 0 };
  g_autofree char *key = holder_key (NK_HOLDER_CHILD, child_id);
  NkTapResult *result;

  if (!lookup_child (self, child_id, &info, error))
    return NULL;
  if (!info.active)
    return child_result (NK_TAP_INACTIVE, uid, at_us, child_id, &info);
  if (debounced (self, key))
    return child_result (NK_TAP_ALREADY_RECORDED, uid, at_us, child_id, &info);

  if (!nk_store_begin (self->store, error))
    return NULL;
  result = toggle_child (self, child_id, &info, "child", child_id, uid, "card", NULL, -1, at_us, error);
  if (result == NULL || !nk_store_commit (self->store, error))
    {
      nk_store_rollback (self->store);
      g_clear_pointer (&result, nk_tap_result_unref);
      return NULL;
    }

  remember (self, key);
  nk_store_emit_changed (self->store);
  return result;
}

/* ---------------------------------------------------------------- guardian card */

static GPtrArray *
load_family (NkAttendance *self, const char *guardian_id, gint64 at_us, GError **error)
{
  g_autoptr (GPtrArray) family = g_ptr_array_new_with_free_func ((GDestroyNotify) nk_family_child_free);
  g_autofree char *today = nk_attendance_local_date (self, at_us);
  sqlite3_stmt *stmt;
  int rc;

  stmt = nk_store_prepare (self->store,
                           "SELECT c.id, c.name, r.name, c.photo, gc.can_pickup, "
                           "  (SELECT kind = 'in' AND local_date = ?2 FROM attendance a "
                           "   WHERE a.child_id = c.id ORDER BY a.rowid DESC LIMIT 1) "
                           "FROM guardian_children gc JOIN children c ON c.id = gc.child_id "
                           "LEFT JOIN rooms r ON r.id = c.room_id "
                           "WHERE gc.guardian_id = ?1 AND c.active ORDER BY c.date_of_birth, c.name",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, guardian_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, today, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      NkFamilyChild *child = g_new0 (NkFamilyChild, 1);

      child->child_id = nk_column_dup (stmt, 0);
      child->name = nk_column_dup (stmt, 1);
      child->initials = nk_initials (child->name);
      child->room_name = nk_column_dup (stmt, 2);
      child->photo = nk_column_dup (stmt, 3);
      child->can_pickup = sqlite3_column_int (stmt, 4) != 0;
      child->present = sqlite3_column_int (stmt, 5) != 0;
      g_ptr_array_add (family, child);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      nk_store_set_error (self->store, error, _("Cannot read the roster"));
      return NULL;
    }
  return g_steal_pointer (&family);
}

static char *
lookup_name (NkAttendance *self, const char *sql, const char *id, gboolean *active, GError **error)
{
  sqlite3_stmt *row;
  char *name;

  if (!nk_store_query_row (self->store, &row, sql, _("Cannot read the roster"), error, 1, id))
    return NULL;
  if (row == NULL)
    {
      g_set_error (error, NK_STORE_ERROR, NK_STORE_ERROR_NOT_FOUND, _("No one with id %s"), id);
      return NULL;
    }
  name = nk_column_dup (row, 0);
  if (active)
    *active = sqlite3_column_int (row, 1) != 0;
  sqlite3_reset (row);
  return name;
}

static NkTapResult *
tap_guardian (NkAttendance *self, const char *uid, const char *guardian_id, gint64 at_us,
              GError **error)
{
  g_autofree char *key = holder_key (NK_HOLDER_GUARDIAN, guardian_id);
  g_autofree char *name = lookup_name (self, "SELECT name, 1 FROM guardians WHERE id = ?",
                                       guardian_id, NULL, error);
  g_autoptr (GPtrArray) family = NULL;
  NkTapResult *result;

  if (name == NULL)
    return NULL;

  if (debounced (self, key))
    result = nk_tap_result_new (NK_TAP_ALREADY_RECORDED, uid, at_us);
  else
    {
      family = load_family (self, guardian_id, at_us, error);
      if (family == NULL)
        return NULL;
      /* Showing the chooser records nothing, so it starts no debounce:
       * a guardian who cancelled can tap again at once. */
      result = nk_tap_result_new (family->len ? NK_TAP_FAMILY : NK_TAP_NO_CHILDREN, uid, at_us);
      result->family = g_steal_pointer (&family);
    }

  result->holder = NK_HOLDER_GUARDIAN;
  result->person_id = g_strdup (guardian_id);
  result->initials = nk_initials (name);
  result->person_name = g_steal_pointer (&name);
  return result;
}

/* ---------------------------------------------------------------- staff card */

static gboolean
staff_clocked_in (NkAttendance *self, const char *staff_id, const char *today, gboolean *in,
                  GError **error)
{
  sqlite3_stmt *row;

  if (!nk_store_query_row (self->store, &row,
                           "SELECT kind FROM staff_clock WHERE staff_id = ? "
                           "AND local_date = ? ORDER BY rowid DESC LIMIT 1",
                           _("Cannot read the staff clock"), error, 2, staff_id, today))
    return FALSE;
  *in = row != NULL && g_str_equal ((const char *) sqlite3_column_text (row, 0), "in");
  if (row != NULL)
    sqlite3_reset (row);
  return TRUE;
}

static NkTapResult *
staff_result (NkAttendance *self, NkTapOutcome outcome, const char *uid, gint64 at_us,
              const char *staff_id, GError **error)
{
  sqlite3_stmt *row;
  NkTapResult *result;

  if (!nk_store_query_row (self->store, &row, "SELECT name, role, active FROM staff WHERE id = ?",
                           _("Cannot read the roster"), error, 1, staff_id))
    return NULL;
  if (row == NULL)
    {
      g_set_error (error, NK_STORE_ERROR, NK_STORE_ERROR_NOT_FOUND, _("No member of staff %s"), staff_id);
      return NULL;
    }
  result = nk_tap_result_new (outcome, uid, at_us);
  result->holder = NK_HOLDER_STAFF;
  result->person_id = g_strdup (staff_id);
  result->person_name = nk_column_dup (row, 0);
  result->initials = nk_initials (result->person_name);
  nk_staff_role_from_string ((const char *) sqlite3_column_text (row, 1), &result->role);
  if (sqlite3_column_int (row, 2) == 0)
    result->outcome = NK_TAP_INACTIVE;
  sqlite3_reset (row);
  return result;
}

/* The first tap of the day clocks in; every tap opens staff mode (clocking
 * out is a deliberate button there, so a caregiver who only wants staff
 * mode never clocks out by accident). */
static NkTapResult *
tap_staff (NkAttendance *self, const char *uid, const char *staff_id, gint64 at_us, GError **error)
{
  g_autofree char *today = nk_attendance_local_date (self, at_us);
  g_autoptr (NkTapResult) result = staff_result (self, NK_TAP_STAFF_OPEN, uid, at_us, staff_id, error);
  gboolean in = FALSE;

  if (result == NULL || result->outcome == NK_TAP_INACTIVE)
    return g_steal_pointer (&result);
  if (!staff_clocked_in (self, staff_id, today, &in, error))
    return NULL;

  if (!in)
    {
      if (!nk_store_begin (self->store, error))
        return NULL;
      result->event_id = nk_attendance_write_clock (self, staff_id, "in", "card", at_us, today, error);
      if (result->event_id == NULL || !nk_store_commit (self->store, error))
        {
          nk_store_rollback (self->store);
          return NULL;
        }
      result->outcome = NK_TAP_STAFF_CLOCKED_IN;
      nk_store_emit_changed (self->store);
    }
  return g_steal_pointer (&result);
}

/* ---------------------------------------------------------------- the tap */

static NkTapResult *
card_problem (NkAttendance *self, NkTapOutcome outcome, const char *uid, gint64 at_us,
              const char *audit_kind, GError **error)
{
  g_autofree char *key = g_strconcat ("uid:", uid, NULL);

  /* One audit row per card per debounce window: a child waving a stray
   * card at the reader must not flood the log. */
  if (!debounced (self, key))
    {
      if (!nk_store_audit (self->store, at_us, audit_kind, uid, NULL, error))
        return NULL;
      remember (self, key);
    }
  return nk_tap_result_new (outcome, uid, at_us);
}

NkTapResult *
nk_attendance_tap (NkAttendance *self, const char *uid, GError **error)
{
  gint64 at_us = nk_attendance_now_real (self);
  sqlite3_stmt *row;
  g_autofree char *holder_kind = NULL;
  g_autofree char *holder_id = NULL;
  g_autofree char *status = NULL;

  g_return_val_if_fail (NK_IS_ATTENDANCE (self), NULL);

  if (!nk_uid_is_valid (uid))
    {
      NkTapResult *result = nk_tap_result_new (NK_TAP_INVALID_UID, uid, at_us);
      result->message = g_strdup (_("The card could not be read. Please tap again."));
      g_message ("Unreadable card number from the reader: “%s”", uid ? uid : "(null)");
      return result;
    }

  if (!check_clock (self, at_us, error))
    return NULL;

  if (!nk_store_query_row (self->store, &row,
                           "SELECT holder_kind, holder_id, status FROM cards WHERE uid = ?",
                           _("Cannot read the card list"), error, 1, uid))
    return NULL;
  if (row == NULL)
    {
      g_message ("Unknown card %s", uid);
      return card_problem (self, NK_TAP_UNKNOWN_CARD, uid, at_us, "unknown-card", error);
    }
  holder_kind = nk_column_dup (row, 0);
  holder_id = nk_column_dup (row, 1);
  status = nk_column_dup (row, 2);
  sqlite3_reset (row);

  if (g_str_equal (status, "lost"))
    {
      g_message ("Card %s was reported lost", uid);
      return card_problem (self, NK_TAP_LOST_CARD, uid, at_us, "lost-card", error);
    }

  if (g_str_equal (holder_kind, "child"))
    return tap_child (self, uid, holder_id, at_us, error);
  if (g_str_equal (holder_kind, "guardian"))
    return tap_guardian (self, uid, holder_id, at_us, error);
  return tap_staff (self, uid, holder_id, at_us, error);
}

/* ---------------------------------------------------------------- guardian's choice */

static gboolean
write_refusal (NkAttendance *self, const char *guardian_id, const char *child_id, gint64 at_us,
               GError **error)
{
  g_autofree char *id = nk_uuid_new ();
  g_autofree char *detail = g_strdup_printf ("guardian=%s child=%s", guardian_id, child_id);
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autofree char *payload = NULL;

  json_builder_begin_object (builder);
  nk_json_member (builder, "child_id", child_id);
  nk_json_member (builder, "guardian_id", guardian_id);
  json_builder_end_object (builder);
  payload = nk_json_text (builder);

  return nk_store_audit (self->store, at_us, "pickup-refused", NULL, detail, error)
         && nk_store_outbox_add (self->store, id, "refusal", at_us, payload, error);
}

GPtrArray *
nk_attendance_confirm_family (NkAttendance *self, const char *guardian_id,
                              const char *const *child_ids, const NkDirection *directions,
                              GError **error)
{
  gint64 at_us = nk_attendance_now_real (self);
  g_autoptr (GPtrArray) family = NULL;
  g_autoptr (GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) nk_tap_result_unref);
  g_autofree char *key = holder_key (NK_HOLDER_GUARDIAN, guardian_id);
  gboolean changed = FALSE;

  g_return_val_if_fail (child_ids != NULL, NULL);

  if (!check_clock (self, at_us, error) || !nk_store_begin (self->store, error))
    return NULL;
  family = load_family (self, guardian_id, at_us, error);
  if (family == NULL)
    goto fail;

  for (guint i = 0; child_ids[i]; i++)
    {
      const NkFamilyChild *member = NULL;
      g_auto (ChildInfo) info = { 0 };
      NkTapResult *result;

      for (guint j = 0; j < family->len && member == NULL; j++)
        if (g_str_equal (((NkFamilyChild *) family->pdata[j])->child_id, child_ids[i]))
          member = family->pdata[j];

      if (!lookup_child (self, child_ids[i], &info, error))
        goto fail;

      if (member != NULL && directions != NULL
          && (directions[i] == NK_DIRECTION_OUT) != member->present)
        {
          /* The state changed while the chooser was open (another
           * guardian, another kiosk): do not do the opposite of what the
           * guardian chose. */
          result = child_result (NK_TAP_ALREADY_RECORDED, NULL, at_us, child_ids[i], &info);
          result->holder = NK_HOLDER_GUARDIAN;
        }
      else if (member == NULL || (member->present && !member->can_pickup))
        {
          /* Not this guardian's child, or not theirs to take home. */
          if (!write_refusal (self, guardian_id, child_ids[i], at_us, error))
            goto fail;
          result = child_result (NK_TAP_NOT_AUTHORISED, NULL, at_us, child_ids[i], &info);
          result->holder = NK_HOLDER_GUARDIAN;
          result->message = g_strdup (_("Not an authorised pickup for this child. A member of staff has been called."));
          g_message ("Refused check-out of child %s by guardian %s: not an authorised pickup",
                     child_ids[i], guardian_id);
        }
      else
        {
          result = toggle_child (self, child_ids[i], &info, "guardian", guardian_id, NULL, "card",
                                 NULL, -1, at_us, error);
          if (result == NULL)
            goto fail;
          changed = TRUE;
        }
      g_ptr_array_add (results, result);
    }

  if (!nk_store_commit (self->store, error))
    goto fail;

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
  if (changed)
    nk_store_emit_changed (self->store);
  for (guint i = 0; i < results->len; i++)
    if (((NkTapResult *) results->pdata[i])->outcome == NK_TAP_NOT_AUTHORISED)
      g_signal_emit (self, signals[REFUSED], 0, results->pdata[i]);
  return g_steal_pointer (&results);

fail:
  nk_store_rollback (self->store);
  return NULL;
}

/* ---------------------------------------------------------------- staff actions */

static gboolean
require_active_staff (NkAttendance *self, const char *staff_id, GError **error)
{
  gboolean active = FALSE;
  g_autofree char *name = lookup_name (self, "SELECT name, active FROM staff WHERE id = ?",
                                       staff_id, &active, error);

  if (name == NULL)
    return FALSE;
  if (!active)
    {
      g_set_error (error, NK_STORE_ERROR, NK_STORE_ERROR_INVALID,
                   _("%s is no longer on the staff list"), name);
      return FALSE;
    }
  return TRUE;
}

NkTapResult *
nk_attendance_manual (NkAttendance *self, const char *staff_id, const char *child_id,
                      NkDirection direction, const char *reason, GError **error)
{
  gint64 at_us = nk_attendance_now_real (self);
  g_auto (ChildInfo) info = { 0 };
  g_autofree char *detail = NULL;
  g_autofree char *clean_reason = g_strstrip (g_strdup (reason ? reason : ""));
  NkTapResult *result;

  if (*clean_reason == '\0')
    {
      g_set_error_literal (error, NK_STORE_ERROR, NK_STORE_ERROR_INVALID,
                           _("A reason is needed to check a child in or out by hand"));
      return NULL;
    }
  if (!check_clock (self, at_us, error) || !require_active_staff (self, staff_id, error)
      || !lookup_child (self, child_id, &info, error))
    return NULL;
  if (!info.active)
    {
      g_set_error (error, NK_STORE_ERROR, NK_STORE_ERROR_INVALID,
                   _("%s has left the centre"), info.name);
      return NULL;
    }

  if (!nk_store_begin (self->store, error))
    return NULL;
  result = toggle_child (self, child_id, &info, "staff", staff_id, NULL, "manual", clean_reason,
                         direction, at_us, error);
  detail = g_strdup_printf ("staff=%s child=%s direction=%s reason=%s", staff_id, child_id,
                            direction == NK_DIRECTION_IN ? "in" : "out", clean_reason);
  if (result == NULL || !nk_store_audit (self->store, at_us, "manual", NULL, detail, error)
      || !nk_store_commit (self->store, error))
    {
      nk_store_rollback (self->store);
      g_clear_pointer (&result, nk_tap_result_unref);
      return NULL;
    }
  nk_store_emit_changed (self->store);
  return result;
}

NkTapResult *
nk_attendance_staff_clock_out (NkAttendance *self, const char *staff_id, GError **error)
{
  gint64 at_us = nk_attendance_now_real (self);
  g_autofree char *today = nk_attendance_local_date (self, at_us);
  g_autoptr (NkTapResult) result = NULL;
  gboolean in = FALSE;

  if (!check_clock (self, at_us, error) || !require_active_staff (self, staff_id, error)
      || !staff_clocked_in (self, staff_id, today, &in, error))
    return NULL;
  result = staff_result (self, NK_TAP_STAFF_CLOCKED_OUT, NULL, at_us, staff_id, error);
  if (result == NULL)
    return NULL;
  if (!in)
    {
      g_set_error (error, NK_STORE_ERROR, NK_STORE_ERROR_INVALID,
                   _("%s is not clocked in today"), result->person_name);
      return NULL;
    }

  if (!nk_store_begin (self->store, error))
    return NULL;
  result->event_id = nk_attendance_write_clock (self, staff_id, "out", "manual", at_us, today, error);
  if (result->event_id == NULL || !nk_store_commit (self->store, error))
    {
      nk_store_rollback (self->store);
      return NULL;
    }
  nk_store_emit_changed (self->store);
  return g_steal_pointer (&result);
}

/* ---------------------------------------------------------------- stale stays */

int
nk_attendance_close_stale (NkAttendance *self, GError **error)
{
  gint64 at_us = nk_attendance_now_real (self);
  g_autofree char *today = nk_attendance_local_date (self, at_us);
  g_autoptr (GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int closed = 0;

  if (!check_clock (self, at_us, error))
    return -1;

  /* Candidates: children whose last row is a check-in before today. */
  stmt = nk_store_prepare (self->store,
                           "SELECT c.id FROM children c WHERE "
                           "(SELECT kind = 'in' AND local_date < ?1 FROM attendance a "
                           " WHERE a.child_id = c.id ORDER BY a.rowid DESC LIMIT 1)",
                           error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, today, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (ids, nk_column_dup (stmt, 0));
  sqlite3_reset (stmt);

  if (ids->len == 0)
    return 0;

  if (!nk_store_begin (self->store, error))
    return -1;
  for (guint i = 0; i < ids->len; i++)
    {
      g_auto (LastEvent) ev = { 0 };

      if (!lookup_last_event (self, ids->pdata[i], &ev, error))
        goto fail;
      if (!is_stale (&ev, today))
        continue;
      if (!nk_attendance_close_stay (self, ids->pdata[i], &ev, at_us, error))
        goto fail;
      closed++;
    }
  if (!nk_store_commit (self->store, error))
    goto fail;
  if (closed)
    nk_store_emit_changed (self->store);
  return closed;

fail:
  nk_store_rollback (self->store);
  return -1;
}

