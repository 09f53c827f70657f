/* nk-attendance.c — check-in and check-out rules: a child's card, a
 * guardian's choice, staff by hand, and stays left open on earlier days.
 *
 * Each action is one record (nk-record.h).  The current state of a child
 * is their attendance row with the greatest order time, then id: the
 * merge rule of nk-relay.h, which orders the rows the centre's other
 * kiosks made (relayed, arriving late) by their time, and orders each new
 * row after every row it was decided on, so a wall clock corrected after
 * running fast does not undo the toggle. */
#define G_LOG_DOMAIN "nk-core"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "nk-attendance-private.h"

G_DEFINE_TYPE (NkAttendance, nk_attendance, G_TYPE_OBJECT)

/* ---------------------------------------------------------------- object */

static void
nk_attendance_finalize (GObject *object)
{
  NkAttendance *self = NK_ATTENDANCE (object);

  g_clear_object (&self->store);
  g_clear_object (&self->centre);

  G_OBJECT_CLASS (nk_attendance_parent_class)->finalize (object);
}

static void
nk_attendance_class_init (NkAttendanceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = nk_attendance_finalize;
}

static void
nk_attendance_init (NkAttendance *self)
{
}

NkAttendance *
nk_attendance_new (NkStore *store, NkCentre *centre)
{
  NkAttendance *self = g_object_new (NK_TYPE_ATTENDANCE, NULL);

  self->store = g_object_ref (store);
  self->centre = g_object_ref (centre);
  return self;
}

NkStore *
nk_attendance_get_store (NkAttendance *self)
{
  return self->store;
}

NkCentre *
nk_attendance_get_centre (NkAttendance *self)
{
  return self->centre;
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
                           "LEFT JOIN rooms r ON r.id = c.room_id WHERE c.id = :id",
                           _("Cannot read the roster"), error, NK_TEXT (":id", child_id), NK_END))
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
                           "WHERE child_id = :id ORDER BY order_us DESC, id DESC LIMIT 1",
                           _("Cannot read attendance"), error, NK_TEXT (":id", child_id), NK_END))
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

/* One child in or out, inside the caller's record. */
static NkTapResult *
toggle_child (NkAttendance *self, NkRecord *rec, const char *child_id, const ChildInfo *info,
              const char *uid, const char *method, const char *reason, int force_direction,
              GError **error)
{
  g_auto (LastEvent) ev = { 0 };
  const char *today = nk_record_get_date (rec);
  const char *event_id;
  gboolean present;
  NkTapResult *result;

  if (!lookup_last_event (self, child_id, &ev, error))
    return NULL;
  if (is_stale (&ev, today) && !nk_attendance_close_stay (rec, child_id, &ev, error))
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
    .card_uid = uid,
    .method = method,
    .reason = reason,
  };
  event_id = nk_attendance_write (rec, &row, error);
  if (event_id == NULL)
    return NULL;

  result = child_result (present ? NK_TAP_CHECKED_OUT : NK_TAP_CHECKED_IN, uid,
                         nk_record_get_time (rec), child_id, info);
  result->event_id = g_strdup (event_id);
  return result;
}

NkTapResult *
nk_attendance_child_card (NkAttendance *self, const char *uid, const char *child_id, gboolean repeat,
                          GError **error)
{
  g_auto (ChildInfo) info = { 0 };
  g_autoptr (NkRecord) rec = NULL;
  NkActor actor = { "child", child_id };
  NkTapResult *result;

  if (!lookup_child (self, child_id, &info, error))
    return NULL;
  if (!info.active)
    return child_result (NK_TAP_INACTIVE, uid, nk_centre_now (self->centre), child_id, &info);
  if (repeat)
    return child_result (NK_TAP_ALREADY_RECORDED, uid, nk_centre_now (self->centre), child_id, &info);

  rec = nk_record_begin (self->store, self->centre, &actor, error);
  if (rec == NULL)
    return NULL;
  result = toggle_child (self, rec, child_id, &info, uid, "card", NULL, -1, error);
  if (result == NULL || !nk_record_commit (g_steal_pointer (&rec), error))
    {
      g_clear_pointer (&result, nk_tap_result_unref);
      return NULL;
    }
  return result;
}

/* ---------------------------------------------------------------- guardian card */

static GPtrArray *
load_family (NkAttendance *self, const char *guardian_id, const char *today, GError **error)
{
  g_autoptr (GPtrArray) family = g_ptr_array_new_with_free_func ((GDestroyNotify) nk_family_child_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = nk_store_prepare (self->store,
                           "SELECT c.id, c.name, r.name, c.photo, gc.can_pickup, "
                           "  (SELECT kind = 'in' AND local_date = :today FROM attendance a "
                           "   WHERE a.child_id = c.id ORDER BY a.order_us DESC, a.id DESC LIMIT 1) "
                           "FROM guardian_children gc JOIN children c ON c.id = gc.child_id "
                           "LEFT JOIN rooms r ON r.id = c.room_id "
                           "WHERE gc.guardian_id = :guardian_id AND c.active "
                           "ORDER BY c.date_of_birth, c.name",
                           error);
  if (stmt == NULL
      || !nk_store_bind (self->store, stmt, error, NK_TEXT (":guardian_id", guardian_id),
                         NK_TEXT (":today", today), NK_END))
    return NULL;
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

NkTapResult *
nk_attendance_guardian_card (NkAttendance *self, const char *uid, const char *guardian_id,
                             gboolean repeat, GError **error)
{
  gint64 at_us = nk_centre_now (self->centre);
  g_autofree char *today = nk_centre_local_date (self->centre, at_us);
  g_autofree char *name = NULL;
  g_autoptr (GPtrArray) family = NULL;
  sqlite3_stmt *row;
  NkTapResult *result;

  if (!nk_store_query_row (self->store, &row, "SELECT name FROM guardians WHERE id = :id",
                           _("Cannot read the roster"), error, NK_TEXT (":id", guardian_id), NK_END))
    return NULL;
  if (row == NULL)
    {
      g_set_error (error, NK_STORE_ERROR, NK_STORE_ERROR_NOT_FOUND, _("No one with id %s"),
                   guardian_id);
      return NULL;
    }
  name = nk_column_dup (row, 0);
  sqlite3_reset (row);

  if (repeat)
    result = nk_tap_result_new (NK_TAP_ALREADY_RECORDED, uid, at_us);
  else
    {
      family = load_family (self, guardian_id, today, error);
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

/* ---------------------------------------------------------------- guardian's choice */

static gboolean
write_refusal (NkRecord *rec, const char *guardian_id, const char *child_id, GError **error)
{
  g_autofree char *detail = g_strdup_printf ("guardian=%s child=%s", guardian_id, child_id);
  g_autoptr (JsonBuilder) payload = json_builder_new ();

  json_builder_begin_object (payload);
  nk_json_text (payload, "child_id", child_id);
  nk_json_text (payload, "guardian_id", guardian_id);
  json_builder_end_object (payload);

  return nk_record_audit (rec, "pickup-refused", NULL, detail, error)
         && nk_record_event (rec, "refusal", payload, error) != NULL;
}

GPtrArray *
nk_attendance_confirm_family (NkAttendance *self, const char *guardian_id,
                              const char *const *child_ids, const NkDirection *directions,
                              GError **error)
{
  g_autoptr (NkRecord) rec = NULL;
  g_autoptr (GPtrArray) family = NULL;
  g_autoptr (GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) nk_tap_result_unref);
  NkActor actor = { "guardian", guardian_id };
  gint64 at_us;

  g_return_val_if_fail (child_ids != NULL, NULL);

  rec = nk_record_begin (self->store, self->centre, &actor, error);
  if (rec == NULL)
    return NULL;
  at_us = nk_record_get_time (rec);
  family = load_family (self, guardian_id, nk_record_get_date (rec), error);
  if (family == NULL)
    return NULL;

  for (guint i = 0; child_ids[i]; i++)
    {
      const NkFamilyChild *member = NULL;
      g_auto (ChildInfo) info = { 0 };
      NkTapResult *result;

      for (guint j = 0; j < family->len && member == NULL; j++)
        if (g_str_equal (((NkFamilyChild *) family->pdata[j])->child_id, child_ids[i]))
          member = family->pdata[j];

      if (!lookup_child (self, child_ids[i], &info, error))
        return NULL;

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
          if (!write_refusal (rec, guardian_id, child_ids[i], error))
            return NULL;
          result = child_result (NK_TAP_NOT_AUTHORISED, NULL, at_us, child_ids[i], &info);
          result->holder = NK_HOLDER_GUARDIAN;
          result->message = g_strdup (_("Not an authorised pickup for this child. A member of staff has been called."));
          g_message ("Refused check-out of child %s by guardian %s: not an authorised pickup",
                     child_ids[i], guardian_id);
        }
      else
        {
          result = toggle_child (self, rec, child_ids[i], &info, NULL, "card", NULL, -1, error);
          if (result == NULL)
            return NULL;
        }
      g_ptr_array_add (results, result);
    }

  if (!nk_record_commit (g_steal_pointer (&rec), error))
    return NULL;
  return g_steal_pointer (&results);
}

/* ---------------------------------------------------------------- staff by hand */

NkTapResult *
nk_attendance_manual_in (NkAttendance *self, NkRecord *rec, const char *child_id,
                         NkDirection direction, const char *reason, GError **error)
{
  g_auto (ChildInfo) info = { 0 };
  g_autofree char *detail = NULL;
  g_autofree char *clean_reason = g_strstrip (g_strdup (reason ? reason : ""));
  const NkActor *actor = nk_record_get_actor (rec);
  NkTapResult *result;

  if (*clean_reason == '\0')
    {
      g_set_error_literal (error, NK_STORE_ERROR, NK_STORE_ERROR_INVALID,
                           _("A reason is needed to check a child in or out by hand"));
      return NULL;
    }
  if (!lookup_child (self, child_id, &info, error))
    return NULL;
  if (!info.active)
    {
      g_set_error (error, NK_STORE_ERROR, NK_STORE_ERROR_INVALID,
                   _("%s has left the centre"), info.name);
      return NULL;
    }

  result = toggle_child (self, rec, child_id, &info, NULL, "manual", clean_reason, direction, error);
  detail = g_strdup_printf ("staff=%s child=%s direction=%s reason=%s", actor->id, child_id,
                            direction == NK_DIRECTION_IN ? "in" : "out", clean_reason);
  if (result == NULL || !nk_record_audit (rec, "manual", NULL, detail, error))
    {
      g_clear_pointer (&result, nk_tap_result_unref);
      return NULL;
    }
  return result;
}

NkTapResult *
nk_attendance_manual (NkAttendance *self, const char *staff_id, const char *child_id,
                      NkDirection direction, const char *reason, GError **error)
{
  g_autoptr (NkRecord) rec = NULL;
  NkActor actor = { "staff", staff_id };
  NkTapResult *result;

  rec = nk_record_begin (self->store, self->centre, &actor, error);
  if (rec == NULL)
    return NULL;
  result = nk_attendance_manual_in (self, rec, child_id, direction, reason, error);
  if (result == NULL || !nk_record_commit (g_steal_pointer (&rec), error))
    {
      g_clear_pointer (&result, nk_tap_result_unref);
      return NULL;
    }
  return result;
}

/* ---------------------------------------------------------------- stale stays */

int
nk_attendance_close_stale (NkAttendance *self, GError **error)
{
  g_autofree char *today = nk_centre_today (self->centre);
  g_autoptr (GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (NkRecord) rec = NULL;
  sqlite3_stmt *stmt;
  int closed = 0;
  int rc;

  if (!nk_centre_check_clock (self->centre, nk_centre_now (self->centre), error))
    return -1;

  /* Candidates: children whose last row is a check-in before today. */
  stmt = nk_store_prepare (self->store,
                           "SELECT c.id FROM children c WHERE "
                           "(SELECT kind = 'in' AND local_date < :today FROM attendance a "
                           " WHERE a.child_id = c.id ORDER BY a.order_us DESC, a.id DESC LIMIT 1)",
                           error);
  if (stmt == NULL || !nk_store_bind (self->store, stmt, error, NK_TEXT (":today", today), NK_END))
    return -1;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (ids, nk_column_dup (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      nk_store_set_error (self->store, error, _("Cannot read attendance"));
      return -1;
    }

  if (ids->len == 0)
    return 0;

  rec = nk_record_begin (self->store, self->centre, &NK_ACTOR_SYSTEM, error);
  if (rec == NULL)
    return -1;
  for (guint i = 0; i < ids->len; i++)
    {
      g_auto (LastEvent) ev = { 0 };

      if (!lookup_last_event (self, ids->pdata[i], &ev, error))
        return -1;
      if (!is_stale (&ev, nk_record_get_date (rec)))
        continue;
      if (!nk_attendance_close_stay (rec, ids->pdata[i], &ev, error))
        return -1;
      closed++;
    }
  if (!nk_record_commit (g_steal_pointer (&rec), error))
    return -1;
  return closed;
}
