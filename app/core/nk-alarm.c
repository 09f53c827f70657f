/* nk-alarm.c — the one-key alarm (nk-alarm.h): its two kinds and their
 * tables, raising it, the open alarms and the director's cancellation. */
#define G_LOG_DOMAIN "nk-core"

#include "config.h"

#include <glib/gi18n.h>

#include "nk-alarm.h"
#include "nk-check.h"
#include "nk-migrations.h"
#include "nk-record.h"
#include "nk-roster.h"
#include "nk-store-private.h"

static const char *const alarm_steps[] = {
  /* 1: the alarms raised (here or relayed) and their cancellations; no
   * reference from one table to the other, so a cancellation relayed
   * before its alarm is kept */
  "CREATE TABLE alarms (" NK_KIND_COLUMNS ","
  "  staff_id TEXT NOT NULL,"
  "  door_id TEXT NOT NULL);"
  "CREATE INDEX alarms_corrects ON alarms (corrects);"
  "CREATE TABLE alarm_cancels (" NK_KIND_COLUMNS ","
  "  alarm_id TEXT NOT NULL,"
  "  director_id TEXT NOT NULL,"
  "  reason TEXT NOT NULL,"
  "  note TEXT);"
  "CREATE INDEX alarm_cancels_alarm ON alarm_cancels (alarm_id);",
};

NK_MIGRATION_LIST (nk_alarm_migrations, "alarm", alarm_steps, 0);

#define ALARMS_STANDING "(SELECT rowid AS seq, * FROM alarms WHERE " NK_KIND_STANDS ("alarms") ")"
#define CANCELS_STANDING "(SELECT * FROM alarm_cancels WHERE " NK_KIND_STANDS ("alarm_cancels") ")"
/* a of ALARMS_STANDING is open */
#define IS_OPEN "NOT EXISTS (SELECT 1 FROM " CANCELS_STANDING " k WHERE k.alarm_id = a.id)"

static const char *const reasons[] = { "false-alarm", "drill", "resolved", "other", NULL };

static const NkKindField alarm_fields[] = {
  { "staff_id", NK_FIELD_ID },
  { "door_id", NK_FIELD_ID },
  { NULL }
};

const NkKind nk_alarm_kind = {
  .type = "alarm",
  .table = "alarms",
  .person = "staff_id",
  .person_table = "staff",
  .fields = alarm_fields,
};

static gboolean check_cancel_payload (JsonObject *payload, const char **field, GError **error);

static const NkKindField alarm_cancel_fields[] = {
  { "alarm_id", NK_FIELD_ID },
  { "director_id", NK_FIELD_ID },
  { "reason", NK_FIELD_CHOICE, .choices = reasons },
  { "note", NK_FIELD_TEXT, TRUE, .max = NK_ALARM_NOTE_MAX },
  { NULL }
};

const NkKind nk_alarm_cancel_kind = {
  .type = "alarm.cancelled",
  .table = "alarm_cancels",
  .person = "director_id",
  .person_table = "staff",
  .fields = alarm_cancel_fields,
  .check = check_cancel_payload,
};

/* "other" says what in its note; the other reasons may add one. */
static gboolean
check_cancel_payload (JsonObject  *payload,
                      const char **field,
                      GError     **error)
{
  const char *reason = json_object_get_string_member (payload, "reason");
  const char *note = json_object_get_string_member_with_default (payload, "note", NULL);

  if (g_str_equal (reason, "other") && note == NULL)
    return nk_kind_invalid (error, field, "payload.note", _("required with the reason other"));
  return TRUE;
}

const char *
nk_alarm_reason_to_string (NkAlarmReason reason)
{
  g_return_val_if_fail ((guint) reason < NK_ALARM_N_REASONS, "other");
  return reasons[reason];
}

const char *
nk_alarm_reason_label (NkAlarmReason reason)
{
  switch (reason)
    {
    case NK_ALARM_FALSE_ALARM:
      /* TRANSLATORS: why the director cancels the alarm: nothing happened, 误报 */
      return C_("alarm reason", "False alarm");
    case NK_ALARM_DRILL:
      /* TRANSLATORS: why the director cancels the alarm: it was a drill, 演练 */
      return C_("alarm reason", "Drill");
    case NK_ALARM_RESOLVED:
      /* TRANSLATORS: why the director cancels the alarm: dealt with, 已处理 */
      return C_("alarm reason", "Resolved");
    case NK_ALARM_OTHER:
    default:
      /* TRANSLATORS: why the director cancels the alarm: something else, said in a note, 其他 */
      return C_("alarm reason", "Other");
    }
}

void
nk_alarm_free (NkAlarm *alarm)
{
  if (alarm == NULL)
    return;
  g_free (alarm->id);
  g_free (alarm->staff_id);
  g_free (alarm->staff_name);
  g_free (alarm->door_id);
  g_free (alarm);
}

/* ---------------------------------------------------------------- raising */

/* The id of the newest open alarm, or NULL (*error unset) when none. */
static char *
newest_open (NkStore *store,
             GError **error)
{
  sqlite3_stmt *stmt = nk_store_prepare (store,
                                         "SELECT a.id FROM " ALARMS_STANDING " a WHERE " IS_OPEN " "
                                         "ORDER BY a.at_us DESC, a.seq DESC",
                                         error);
  char *id = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = nk_column_dup (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    nk_store_set_error (store, error, _("Cannot read the alarms"));
  return id;
}

char *
nk_alarm_raise (NkStore    *store,
                NkCentre   *centre,
                const char *staff_id,
                gboolean   *recorded,
                GError    **error)
{
  NkActor actor = { "staff", staff_id };
  g_autoptr (NkRecord) rec = NULL;
  g_autoptr (JsonBuilder) payload = NULL;
  g_autoptr (GError) local = NULL;
  char *open;
  const char *id;

  g_return_val_if_fail (NK_IS_STORE (store) && NK_IS_CENTRE (centre), NULL);

  if (recorded != NULL)
    *recorded = FALSE;
  if (staff_id == NULL)
    {
      g_set_error_literal (error, NK_STORE_ERROR, NK_STORE_ERROR_INVALID,
                           _("Only a member of staff can raise the alarm"));
      return NULL;
    }
  rec = nk_record_begin (store, centre, &actor, error);
  if (rec == NULL)
    return NULL;
  /* asked inside the transaction: another door's alarm may just have landed */
  open = newest_open (store, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  if (open != NULL)
    return open;
  payload = json_builder_new ();
  json_builder_begin_object (payload);
  nk_json_text (payload, "staff_id", staff_id);
  nk_json_text (payload, "door_id", nk_store_get_device_id (store));
  json_builder_end_object (payload);
  id = nk_kind_put (rec, &nk_alarm_kind, payload, error);
  if (id == NULL)
    return NULL;
  open = g_strdup (id);
  if (!nk_record_commit (g_steal_pointer (&rec), error))
    {
      g_free (open);
      return NULL;
    }
  if (recorded != NULL)
    *recorded = TRUE;
  return open;
}

/* ---------------------------------------------------------------- open alarms */

GPtrArray *
nk_alarm_list_open (NkStore *store,
                    GError **error)
{
  g_autoptr (GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) nk_alarm_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (NK_IS_STORE (store), NULL);

  /* an alarm of this door without its outbox row was sent, and the row
   * pruned since (only sent rows are) */
  stmt = nk_store_prepare (store,
                           "SELECT a.id, a.staff_id, s.name, a.door_id, a.at_us, "
                           "  CASE WHEN a.device_id != :device THEN 'elsewhere' "
                           "       ELSE coalesce (o.state, 'sent') END "
                           "FROM " ALARMS_STANDING " a "
                           "LEFT JOIN staff s ON s.id = a.staff_id "
                           "LEFT JOIN outbox o ON o.event_id = a.id "
                           "WHERE " IS_OPEN " "
                           "ORDER BY a.at_us DESC, a.seq DESC",
                           error);
  if (stmt == NULL
      || !nk_store_bind (store, stmt, error, NK_TEXT (":device", nk_store_get_device_id (store)), NK_END))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      NkAlarm *alarm = g_new0 (NkAlarm, 1);
      const char *delivery = (const char *) sqlite3_column_text (stmt, 5);

      alarm->id = nk_column_dup (stmt, 0);
      alarm->staff_id = nk_column_dup (stmt, 1);
      alarm->staff_name = nk_column_dup (stmt, 2);
      alarm->door_id = nk_column_dup (stmt, 3);
      alarm->raised_at_us = sqlite3_column_int64 (stmt, 4);
      if (g_strcmp0 (delivery, "elsewhere") == 0)
        alarm->delivery = NK_ALARM_DELIVERY_ELSEWHERE;
      else if (g_strcmp0 (delivery, "sent") == 0)
        alarm->delivery = NK_ALARM_DELIVERY_SENT;
      else if (g_strcmp0 (delivery, "rejected") == 0)
        alarm->delivery = NK_ALARM_DELIVERY_REJECTED;
      else
        alarm->delivery = NK_ALARM_DELIVERY_PENDING;
      g_ptr_array_add (list, alarm);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      nk_store_set_error (store, error, _("Cannot read the alarms"));
      return NULL;
    }
  return g_steal_pointer (&list);
}

char *
nk_alarm_describe (const NkAlarm *alarm,
                   NkCentre      *centre,
                   const char    *own_device_id)
{
  g_autofree char *time = NULL;
  const char *who;

  g_return_val_if_fail (alarm != NULL && NK_IS_CENTRE (centre), NULL);

  time = nk_centre_format_time (centre, alarm->raised_at_us);
  /* TRANSLATORS: who raised the alarm, when the name is not on this door's roster */
  who = alarm->staff_name != NULL ? alarm->staff_name : _("a member of staff");
  if (own_device_id != NULL && g_strcmp0 (alarm->door_id, own_device_id) != 0)
    /* TRANSLATORS: the alarm banner: name, time (HH:MM), raised at another
     * door of the centre ("警报：张老师 09:42 在另一门口发起") */
    return g_strdup_printf (_("Alarm raised by %s at %s at another door"), who, time);
  /* TRANSLATORS: the alarm banner: name, time (HH:MM) ("警报：张老师 09:42 发起") */
  return g_strdup_printf (_("Alarm raised by %s at %s"), who, time);
}

/* ---------------------------------------------------------------- cancelling */

static gboolean
refuse (GError    **error,
        const char *message)
{
  g_set_error_literal (error, NK_STORE_ERROR, NK_STORE_ERROR_INVALID, message);
  return FALSE;
}

gboolean
nk_alarm_cancel (NkStore      *store,
                 NkCentre     *centre,
                 const char   *director_id,
                 const char   *alarm_id,
                 NkAlarmReason reason,
                 const char   *note,
                 GError      **error)
{
  NkActor actor = { "staff", director_id };
  g_autoptr (NkRecord) rec = NULL;
  g_autoptr (JsonBuilder) payload = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (NK_IS_STORE (store) && NK_IS_CENTRE (centre), FALSE);

  if ((guint) reason >= NK_ALARM_N_REASONS)
    return refuse (error, _("Choose why the alarm is cancelled"));
  if (!nk_roster_check_director (store, director_id, NK_STORE_ERROR, NK_STORE_ERROR_INVALID,
                                 _("Only the director can cancel the alarm"), error)
      || !nk_kind_tidy_note (note, NK_ALARM_NOTE_MAX, &text, error))
    return FALSE;
  if (text == NULL && reason == NK_ALARM_OTHER)
    return refuse (error, _("Say in the note why the alarm is cancelled"));
  rec = nk_record_begin (store, centre, &actor, error);
  if (rec == NULL
      || !nk_kind_check_unanswered (store, alarm_id, "SELECT 1 FROM " ALARMS_STANDING " a WHERE a.id = :id",
                                    "SELECT 1 FROM " CANCELS_STANDING " k WHERE k.alarm_id = :id",
                                    _("Cannot read the alarms"),
                                    _("This alarm is not there: nothing was cancelled"),
                                    _("This alarm was cancelled already"), error))
    return FALSE;
  payload = json_builder_new ();
  json_builder_begin_object (payload);
  nk_json_text (payload, "alarm_id", alarm_id);
  nk_json_text (payload, "director_id", director_id);
  nk_json_text (payload, "reason", reasons[reason]);
  nk_json_text (payload, "note", text);
  json_builder_end_object (payload);
  if (nk_kind_put (rec, &nk_alarm_cancel_kind, payload, error) == NULL)
    return FALSE;
  return nk_record_commit (g_steal_pointer (&rec), error);
}
