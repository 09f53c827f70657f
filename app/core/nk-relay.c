/* nk-relay.c — relayed events of the centre's other kiosks: checked
 * field by field, then applied with their own ids (nk-relay.h has the
 * merge rule).
 *
 * The relayed kinds are one table, RELAY_KINDS: the event type, the SQL
 * that reads and writes its rows, and the function that checks its
 * payload.  A later kind (care logs, health checks) is one more row. */
#define G_LOG_DOMAIN "nk-core"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "nk-centre.h"
#include "nk-check.h"
#include "nk-kind.h"
#include "nk-menu-private.h"
#include "nk-relay.h"
#include "nk-store-private.h"
#include "nk-uid.h"

#define MAX_ID NK_CHECK_MAX_ID
#define MAX_TYPE 64
#define MAX_TEXT 200
/* The section the pull keeps records of unknown kinds under. */
#define KEPT_SECTION "events"

G_DEFINE_QUARK (nk-relay-error-quark, nk_relay_error)

typedef struct _RelayKind RelayKind;

struct _NkRelayEvent
{
  JsonNode        *node;
  const RelayKind *kind;        /* attendance or the staff clock */
  const NkKind    *described;   /* a kind described by an NkKind (nk-kind.h) */
  const NkRelayNested *nested;  /* a kind whose payload nests lists (NESTED_KINDS) */
  const char      *id;
  const char      *type;
  const char      *device_id;
  gint64           at_us;       /* whole milliseconds, as sent */
  gint64           order_us;    /* "order_at", or at */
  JsonObject      *payload;
  /* attendance and staff_clock */
  const char      *person_id;   /* child_id or staff_id */
  const char      *direction;
  const char      *method;
  const char      *local_date;
  const char      *room_id;     /* NULL: the person's room now */
  /* attendance */
  const char      *by_kind;
  const char      *by_id;
  const char      *card_uid;
  const char      *reason;
};

/* What a check needs to name the field at fault. */
typedef struct {
  const char  *id;       /* the event's id once known */
  const char **field;    /* where to say which field is at fault (a literal), or NULL */
  GError     **error;
} Check;

struct _RelayKind
{
  const char *type;          /* the event type, and its change notification */
  const char *person_sql;    /* :id → the person's room, no row when unknown */
  const char *held_sql;      /* :id → a row when the event is held */
  const char *order_sql;     /* :person → the latest order time of the person */
  gboolean  (*check) (Check *c, NkRelayEvent *ev);
  gboolean  (*write) (NkRelayEvent *ev, NkStore *store, GError **error);
};

/* ---------------------------------------------------------------- field checks */

G_GNUC_PRINTF (3, 4)
static gboolean
fail (Check *c, const char *field, const char *format, ...)
{
  g_autofree char *reason = NULL;
  va_list args;

  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);
  if (c->field)
    *c->field = field;
  if (c->id)
    g_set_error (c->error, NK_RELAY_ERROR, NK_RELAY_ERROR_INVALID, _("event %s: %s: %s"), c->id,
                 field, reason);
  else
    g_set_error (c->error, NK_RELAY_ERROR, NK_RELAY_ERROR_INVALID, _("event: %s: %s"), field, reason);
  return FALSE;
}

static gboolean
is_type (const char *s)
{
  gsize n = strlen (s);

  if (n == 0 || n > MAX_TYPE || !g_ascii_islower (s[0]))
    return FALSE;
  for (const char *p = s; *p; p++)
    if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '_' && *p != '.')
      return FALSE;
  return TRUE;
}

typedef enum {
  REQUIRED,
  NULLABLE,   /* may be missing or null */
} Presence;

static gboolean
get_string (Check *c, JsonObject *obj, const char *field, const char *member, Presence presence,
            const char **out)
{
  JsonNode *node = json_object_get_member (obj, member);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return presence == NULLABLE ? TRUE : fail (c, field, "%s", _("missing"));
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return fail (c, field, "%s", _("not a string"));
  *out = json_node_get_string (node);
  if (*out == NULL || !g_utf8_validate (*out, -1, NULL))
    return fail (c, field, "%s", _("not valid UTF-8"));
  return TRUE;
}

static gboolean
get_id (Check *c, JsonObject *obj, const char *field, const char *member, Presence presence,
        const char **out)
{
  if (!get_string (c, obj, field, member, presence, out))
    return FALSE;
  if (*out && !nk_check_is_id (*out))
    return fail (c, field, _("not an id (1–%d of A–Z a–z 0–9 . _ : -)"), MAX_ID);
  return TRUE;
}

/* A string member that must be one of choices (NULL-terminated). */
static gboolean
get_choice (Check *c, JsonObject *obj, const char *field, const char *member,
            const char *const *choices, const char **out)
{
  g_autofree char *list = NULL;

  if (!get_string (c, obj, field, member, REQUIRED, out))
    return FALSE;
  if (g_strv_contains (choices, *out))
    return TRUE;
  list = g_strjoinv (", ", (char **) choices);
  return fail (c, field, _("not one of %s"), list);
}

/* payload.local_date: a real date, and one the centre can have been in at
 * `at` (zones are at most a day from UTC).  A stay closed as "not checked
 * out" is dated on the day it began, so only_after_start allows any
 * earlier day. */
static gboolean
get_local_date (Check *c, NkRelayEvent *ev, gboolean only_after_start)
{
  GDate date;

  if (!get_string (c, ev->payload, "payload.local_date", "local_date", REQUIRED, &ev->local_date))
    return FALSE;
  if (!nk_check_date (ev->local_date, &date))
    return fail (c, "payload.local_date", "%s", _("not a real date YYYY-MM-DD"));
  if (!nk_check_date_near (&date, ev->at_us, only_after_start))
    return fail (c, "payload.local_date", "%s", _("not the day of the event's time"));
  return TRUE;
}

/* payload.order_at: missing or null means `at`; never before `at`. */
static gboolean
get_order (Check *c, NkRelayEvent *ev)
{
  const char *text;

  if (!get_string (c, ev->payload, "payload.order_at", "order_at", NULLABLE, &text))
    return FALSE;
  ev->order_us = ev->at_us;
  if (text == NULL)
    return TRUE;
  if (!nk_check_time (text, &ev->order_us))
    return fail (c, "payload.order_at", "%s", _("not a time YYYY-MM-DDTHH:MM:SS.mmmZ"));
  if (ev->order_us < ev->at_us)
    return fail (c, "payload.order_at", "%s", _("before the event's time"));
  return TRUE;
}

/* ---------------------------------------------------------------- attendance */

static gboolean
check_attendance (Check *c, NkRelayEvent *ev)
{
  static const char *const directions[] = { "in", "out", "not_out", NULL };
  static const char *const methods[] = { "card", "manual", "system", NULL };
  static const char *const by_kinds[] = { "child", "guardian", "staff", "system", NULL };
  JsonObject *p = ev->payload;

  if (!get_id (c, p, "payload.child_id", "child_id", REQUIRED, &ev->person_id)
      || !get_choice (c, p, "payload.direction", "direction", directions, &ev->direction)
      || !get_choice (c, p, "payload.method", "method", methods, &ev->method)
      || !get_choice (c, p, "payload.by_kind", "by_kind", by_kinds, &ev->by_kind)
      || !get_id (c, p, "payload.by_id", "by_id", NULLABLE, &ev->by_id)
      || !get_string (c, p, "payload.card_uid", "card_uid", NULLABLE, &ev->card_uid))
    return FALSE;
  if (ev->card_uid && !nk_uid_is_valid (ev->card_uid))
    return fail (c, "payload.card_uid", "%s",
                 _("not a card UID in normal form (upper-case hex, 4, 7 or 10 bytes)"));
  if (!get_string (c, p, "payload.reason", "reason", NULLABLE, &ev->reason))
    return FALSE;
  if (ev->reason && !nk_check_is_text (ev->reason, MAX_TEXT, TRUE))
    return fail (c, "payload.reason",
                 _("empty, longer than %u characters or holds control characters"), MAX_TEXT);
  return get_local_date (c, ev, g_str_equal (ev->direction, "not_out"))
         && get_id (c, p, "payload.room_id", "room_id", NULLABLE, &ev->room_id)
         && get_order (c, ev);
}

static gboolean
write_attendance (NkRelayEvent *ev, NkStore *store, GError **error)
{
  return nk_store_run (store,
                       "INSERT INTO attendance (id, child_id, kind, at_us, local_date, by_kind, "
                       "  by_id, card_uid, device_id, method, reason, room_id, order_us) "
                       "VALUES (:id, :child_id, :kind, :at_us, :local_date, :by_kind, :by_id, "
                       "  :card_uid, :device_id, :method, :reason, "
                       "  coalesce (:room_id, (SELECT room_id FROM children WHERE id = :child_id)), "
                       "  :order_us)",
                       _("Cannot save the attendance record"), error,
                       NK_TEXT (":id", ev->id), NK_TEXT (":child_id", ev->person_id),
                       NK_TEXT (":kind", ev->direction), NK_INT (":at_us", ev->at_us),
                       NK_TEXT (":local_date", ev->local_date), NK_TEXT (":by_kind", ev->by_kind),
                       NK_TEXT (":by_id", ev->by_id), NK_TEXT (":card_uid", ev->card_uid),
                       NK_TEXT (":device_id", ev->device_id), NK_TEXT (":method", ev->method),
                       NK_TEXT (":reason", ev->reason), NK_TEXT (":room_id", ev->room_id),
                       NK_INT (":order_us", ev->order_us), NK_END);
}

/* ---------------------------------------------------------------- staff clock */

static gboolean
check_staff_clock (Check *c, NkRelayEvent *ev)
{
  static const char *const directions[] = { "in", "out", NULL };
  static const char *const methods[] = { "card", "manual", NULL };
  JsonObject *p = ev->payload;

  return get_id (c, p, "payload.staff_id", "staff_id", REQUIRED, &ev->person_id)
         && get_choice (c, p, "payload.direction", "direction", directions, &ev->direction)
         && get_choice (c, p, "payload.method", "method", methods, &ev->method)
         && get_local_date (c, ev, FALSE)
         && get_id (c, p, "payload.room_id", "room_id", NULLABLE, &ev->room_id)
         && get_order (c, ev);
}

static gboolean
write_staff_clock (NkRelayEvent *ev, NkStore *store, GError **error)
{
  return nk_store_run (store,
                       "INSERT INTO staff_clock (id, staff_id, kind, at_us, local_date, device_id, "
                       "  method, room_id, order_us) "
                       "VALUES (:id, :staff_id, :kind, :at_us, :local_date, :device_id, :method, "
                       "  coalesce (:room_id, (SELECT room_id FROM staff WHERE id = :staff_id)), "
                       "  :order_us)",
                       _("Cannot save the clock record"), error,
                       NK_TEXT (":id", ev->id), NK_TEXT (":staff_id", ev->person_id),
                       NK_TEXT (":kind", ev->direction), NK_INT (":at_us", ev->at_us),
                       NK_TEXT (":local_date", ev->local_date),
                       NK_TEXT (":device_id", ev->device_id), NK_TEXT (":method", ev->method),
                       NK_TEXT (":room_id", ev->room_id), NK_INT (":order_us", ev->order_us),
                       NK_END);
}

/* ---------------------------------------------------------------- the kinds */

static const RelayKind RELAY_KINDS[] = {
  { "attendance",
    "SELECT room_id FROM children WHERE id = :id",
    "SELECT 1 FROM attendance WHERE id = :id",
    "SELECT max(order_us) FROM attendance WHERE child_id = :person",
    check_attendance, write_attendance },
  { "staff_clock",
    "SELECT room_id FROM staff WHERE id = :id",
    "SELECT 1 FROM staff_clock WHERE id = :id",
    "SELECT max(order_us) FROM staff_clock WHERE staff_id = :person",
    check_staff_clock, write_staff_clock },
};

/* Kinds whose payload nests lists and objects: their modules check and
 * apply them (NkRelayNested, nk-relay.h).  A new one is one line. */
static const NkRelayNested *const NESTED_KINDS[] = {
  &nk_menu_day_relay,
  &nk_allergy_confirmed_relay,
};

static const NkRelayNested *
find_nested (const char *type)
{
  for (guint i = 0; i < G_N_ELEMENTS (NESTED_KINDS); i++)
    if (g_str_equal (NESTED_KINDS[i]->type, type))
      return NESTED_KINDS[i];
  return NULL;
}

static const RelayKind *
find_kind (const char *type)
{
  for (guint i = 0; i < G_N_ELEMENTS (RELAY_KINDS); i++)
    if (g_str_equal (RELAY_KINDS[i].type, type))
      return &RELAY_KINDS[i];
  return NULL;
}

/* ---------------------------------------------------------------- parse */

void
nk_relay_event_free (NkRelayEvent *event)
{
  if (event == NULL)
    return;
  g_clear_pointer (&event->node, json_node_unref);
  g_free (event);
}

const char *
nk_relay_event_get_id (NkRelayEvent *event)
{
  return event->id;
}

const char *
nk_relay_event_get_type (NkRelayEvent *event)
{
  return event->type;
}

const char *
nk_relay_event_get_changed_kind (NkRelayEvent *event)
{
  if (event->described != NULL)
    return event->described->type;
  if (event->nested != NULL)
    return event->nested->changed;
  return event->kind ? event->kind->type : NULL;
}

NkRelayEvent *
nk_relay_event_parse (JsonNode *node, const char *own_device_id, const char **field, GError **error)
{
  g_autoptr (NkRelayEvent) ev = g_new0 (NkRelayEvent, 1);
  Check c = { NULL, field, error };
  JsonObject *obj;
  JsonNode *payload;
  const char *at;
  g_autoptr (GError) local = NULL;

  g_return_val_if_fail (node != NULL, NULL);

  ev->node = json_node_ref (node);
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      fail (&c, "event", "%s", _("not an object"));
      return NULL;
    }
  obj = json_node_get_object (node);

  if (!get_string (&c, obj, "id", "id", REQUIRED, &ev->id))
    return NULL;
  if (!g_uuid_string_is_valid (ev->id))
    {
      fail (&c, "id", "%s", _("not a UUID"));
      return NULL;
    }
  c.id = ev->id;
  if (!get_string (&c, obj, "type", "type", REQUIRED, &ev->type))
    return NULL;
  if (!is_type (ev->type))
    {
      fail (&c, "type", "%s", _("not a type ([a-z][a-z0-9_.], at most 64)"));
      return NULL;
    }
  if (!get_string (&c, obj, "at", "at", REQUIRED, &at))
    return NULL;
  if (!nk_check_time (at, &ev->at_us))
    {
      fail (&c, "at", "%s", _("not a time YYYY-MM-DDTHH:MM:SS.mmmZ"));
      return NULL;
    }
  if (ev->at_us < NK_CENTRE_CLOCK_FLOOR_US)
    {
      fail (&c, "at", "%s", _("before any kiosk ran"));
      return NULL;
    }
  if (!get_id (&c, obj, "device_id", "device_id", REQUIRED, &ev->device_id))
    return NULL;
  if (own_device_id != NULL && g_str_equal (ev->device_id, own_device_id))
    {
      fail (&c, "device_id", "%s", _("this kiosk's own event (the platform must not return it)"));
      return NULL;
    }
  payload = json_object_get_member (obj, "payload");
  if (payload == NULL || !JSON_NODE_HOLDS_OBJECT (payload))
    {
      fail (&c, "payload", "%s", _("missing or not an object"));
      return NULL;
    }
  ev->payload = json_node_get_object (payload);

  ev->kind = find_kind (ev->type);
  if (ev->kind != NULL && !ev->kind->check (&c, ev))
    return NULL;
  ev->nested = ev->kind == NULL ? find_nested (ev->type) : NULL;
  if (ev->nested != NULL)
    {
      const char *at_fault = NULL;
      g_autofree char *why = ev->nested->check (ev->payload, ev->at_us, &at_fault);

      if (why != NULL)
        {
          if (field)
            *field = at_fault;
          g_set_error (error, NK_RELAY_ERROR, NK_RELAY_ERROR_INVALID, _("event %s: %s"), ev->id, why);
          return NULL;
        }
      return g_steal_pointer (&ev);
    }
  ev->described = ev->kind == NULL ? nk_kind_find (ev->type) : NULL;
  if (ev->described != NULL && !nk_kind_check_relayed (ev->described, ev->payload, ev->at_us, field,
                                                       &local))
    {
      g_set_error (error, NK_RELAY_ERROR, NK_RELAY_ERROR_INVALID, _("event %s: %s"), ev->id,
                   local->message);
      return NULL;
    }
  return g_steal_pointer (&ev);
}

/* ---------------------------------------------------------------- apply */

/* Whether this kiosk holds the row sql names by :id. */
static gboolean
held (NkStore *store, const char *sql, const char *id, gboolean *out, GError **error)
{
  return nk_store_exists (store, out, sql, _("Cannot read the records"), error, NK_TEXT (":id", id), NK_END);
}

static gboolean
keep (NkRelayEvent *ev, NkStore *store, NkRelayOutcome *outcome, GError **error)
{
  g_autofree char *body = json_to_string (ev->node, FALSE);

  if (!nk_store_run (store,
                     "INSERT OR IGNORE INTO pulled_records (section, id, body, received_us) "
                     "VALUES (:section, :id, :body, :now)",
                     _("Cannot keep the platform's record"), error,
                     NK_TEXT (":section", KEPT_SECTION), NK_TEXT (":id", ev->id),
                     NK_TEXT (":body", body), NK_INT (":now", g_get_real_time ()), NK_END))
    return FALSE;
  *outcome = sqlite3_changes (nk_store_get_db (store)) > 0 ? NK_RELAY_KEPT : NK_RELAY_DUPLICATE;
  return TRUE;
}

/* A kind described by an NkKind: its own table, the same checks as a
 * record made here. */
static gboolean
apply_described (NkRelayEvent *ev, NkStore *store, NkRelayOutcome *outcome, GError **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT 1 FROM %s WHERE id = :id", ev->described->table);
  g_autoptr (GError) local = NULL;
  gboolean found;

  if (!held (store, sql, ev->id, &found, error))
    return FALSE;
  if (found)
    {
      *outcome = NK_RELAY_DUPLICATE;
      return TRUE;
    }
  if (!nk_kind_write_relayed (ev->described, store, ev->id, ev->at_us, ev->device_id, ev->payload,
                              &local))
    {
      if (g_error_matches (local, NK_KIND_ERROR, NK_KIND_ERROR_REFERENCE))
        g_set_error (error, NK_RELAY_ERROR, NK_RELAY_ERROR_REFERENCE, _("event %s: %s"), ev->id,
                     local->message);
      else
        g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  *outcome = NK_RELAY_APPLIED;
  return TRUE;
}

gboolean
nk_relay_event_apply (NkRelayEvent *ev, NkStore *store, NkRelayOutcome *outcome, GError **error)
{
  gboolean found = FALSE;

  g_return_val_if_fail (ev != NULL && NK_IS_STORE (store) && outcome != NULL, FALSE);

  if (g_str_equal (ev->device_id, nk_store_get_device_id (store)))
    {
      g_set_error (error, NK_RELAY_ERROR, NK_RELAY_ERROR_INVALID, _("event %s: %s: %s"), ev->id,
                   "device_id", _("this kiosk's own event (the platform must not return it)"));
      return FALSE;
    }
  if (ev->described != NULL)
    return apply_described (ev, store, outcome, error);
  if (ev->nested != NULL)
    {
      if (!ev->nested->apply (store, ev->id, ev->at_us, ev->device_id, ev->payload, error))
        return FALSE;
      *outcome = NK_RELAY_APPLIED;
      return TRUE;
    }
  if (ev->kind == NULL)
    return keep (ev, store, outcome, error);

  if (!held (store, ev->kind->held_sql, ev->id, &found, error))
    return FALSE;
  if (found)
    {
      *outcome = NK_RELAY_DUPLICATE;
      return TRUE;
    }
  if (!held (store, ev->kind->person_sql, ev->person_id, &found, error))
    return FALSE;
  if (!found)
    {
      g_set_error (error, NK_RELAY_ERROR, NK_RELAY_ERROR_REFERENCE,
                   _("event %s names %s, who is not on this kiosk's roster"), ev->id, ev->person_id);
      return FALSE;
    }
  if (ev->room_id != NULL)
    {
      if (!held (store, "SELECT 1 FROM rooms WHERE id = :id", ev->room_id, &found, error))
        return FALSE;
      if (!found)
        {
          g_set_error (error, NK_RELAY_ERROR, NK_RELAY_ERROR_REFERENCE,
                       _("event %s names room %s, which does not exist"), ev->id, ev->room_id);
          return FALSE;
        }
    }
  if (!ev->kind->write (ev, store, error))
    return FALSE;
  *outcome = NK_RELAY_APPLIED;
  return TRUE;
}

/* ---------------------------------------------------------------- the order rule */

gboolean
nk_relay_next_order (NkStore *store, const char *kind, const char *person_id, gint64 at_us,
                     gint64 *order_us, GError **error)
{
  const RelayKind *k = find_kind (kind);
  sqlite3_stmt *row;
  gint64 order = at_us - at_us % 1000;

  g_return_val_if_fail (k != NULL, FALSE);

  if (!nk_store_query_row (store, &row, k->order_sql, _("Cannot read the records"), error,
                           NK_TEXT (":person", person_id), NK_END))
    return FALSE;
  if (row != NULL)
    {
      if (sqlite3_column_type (row, 0) != SQLITE_NULL)
        order = MAX (order, sqlite3_column_int64 (row, 0) + 1000);
      sqlite3_reset (row);
    }
  *order_us = order;
  return TRUE;
}
