/* test-relay.c — two doors of one centre: each kiosk's records relayed to
 * the other (nk-relay.h), the merge rule, and the debounce across doors.
 *
 * The test plays the platform: it takes a kiosk's pending outbox rows,
 * makes the envelope the push sends (docs/platform-api.md) and hands it to
 * the other kiosk as a relayed event. */
#include "config.h"

#include <string.h>

#include "core/nk-demo.h"
#include "core/nk-door.h"
#include "core/nk-export.h"
#include "core/nk-pull.h"
#include "core/nk-relay.h"
#include "core/nk-store-private.h"
#include "nk-test-util.h"

/* 2026-11-23 08:00 in Shanghai = 00:00 UTC */
#define MONDAY_8AM_US (G_GINT64_CONSTANT (1795392000) * G_USEC_PER_SEC)
#define SECONDS(s) ((gint64) (s) * G_USEC_PER_SEC)

typedef struct {
  char        *dir;
  NkStore     *store;
  NkDoor      *door;
  NkTestClock  clock;
} Kiosk;

typedef struct {
  Kiosk a;
  Kiosk b;
} Fixture;

static void
kiosk_init (Kiosk *k, const char *name)
{
  g_autoptr (GTimeZone) tz = g_time_zone_new_identifier ("Asia/Shanghai");
  NkClock clock = nk_test_clock (&k->clock);

  k->store = nk_test_store_new (name, &k->dir);
  g_assert_true (nk_demo_seed (k->store, NULL));
  k->clock.real_us = MONDAY_8AM_US;
  k->clock.mono_us = SECONDS (1000);
  k->door = nk_test_door_new (k->store, tz, &clock);
}

static void
kiosk_clear (Kiosk *k)
{
  g_clear_object (&k->door);
  g_clear_object (&k->store);
  nk_test_dir_remove (k->dir);
  g_free (k->dir);
}

static void
setup (Fixture *f, gconstpointer data)
{
  kiosk_init (&f->a, "relay-a");
  kiosk_init (&f->b, "relay-b");
}

static void
teardown (Fixture *f, gconstpointer data)
{
  kiosk_clear (&f->a);
  kiosk_clear (&f->b);
}

/* Both kiosks' clocks move on together. */
static void
advance (Fixture *f, gint64 us)
{
  nk_test_clock_advance (&f->a.clock, us);
  nk_test_clock_advance (&f->b.clock, us);
}

static gint64
count (Kiosk *k, const char *sql)
{
  return nk_test_count (k->store, sql);
}

static NkTapResult *
tap (Kiosk *k, const char *uid)
{
  g_autoptr (GError) error = NULL;
  NkTapResult *result = nk_door_tap (k->door, uid, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  return result;
}

/* Parses one event as the pull hands it over and applies it to k in a
 * transaction of its own. */
static gboolean
apply_event (Kiosk *k, const char *json, NkRelayOutcome *outcome, GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (NkRelayEvent) event = NULL;

  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  event = nk_relay_event_parse (json_parser_get_root (parser), nk_store_get_device_id (k->store),
                                NULL, error);
  if (event == NULL)
    return FALSE;
  g_assert_true (nk_store_begin (k->store, NULL));
  if (!nk_relay_event_apply (event, k->store, outcome, error))
    {
      nk_store_rollback (k->store);
      return FALSE;
    }
  return nk_store_commit (k->store, error);
}

/* The envelope of one outbox row of k, as the push sends it. */
static char *
envelope (Kiosk *k, const char *id, const char *type, gint64 at_us, const char *payload)
{
  g_autofree char *at = nk_format_utc_iso (at_us);

  return g_strdup_printf ("{\"id\": \"%s\", \"type\": \"%s\", \"at\": \"%s\", \"device_id\": \"%s\", "
                          "\"payload\": %s}",
                          id, type, at, nk_store_get_device_id (k->store), payload);
}

/* The platform's part: from's attendance and staff clock events not sent
 * yet go to "to", as relayed events; returns how many were applied. */
static guint
relay (Kiosk *from, Kiosk *to)
{
  sqlite3_stmt *stmt = NULL;
  guint applied = 0;

  g_assert_cmpint (sqlite3_prepare_v2 (nk_store_get_db (from->store),
                                       "SELECT event_id, type, at_us, payload FROM outbox "
                                       "WHERE state = 'pending' AND type IN ('attendance', 'staff_clock') "
                                       "ORDER BY seq",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *json = envelope (from, (const char *) sqlite3_column_text (stmt, 0),
                                        (const char *) sqlite3_column_text (stmt, 1),
                                        sqlite3_column_int64 (stmt, 2),
                                        (const char *) sqlite3_column_text (stmt, 3));
      NkRelayOutcome outcome;

      g_assert_true (apply_event (to, json, &outcome, &error));
      g_assert_no_error (error);
      g_assert_cmpint (outcome, ==, NK_RELAY_APPLIED);
      applied++;
    }
  sqlite3_finalize (stmt);
  g_assert_true (nk_store_exec (from->store, "UPDATE outbox SET state = 'sent' WHERE state = 'pending'",
                                NULL));
  return applied;
}

static void
exchange (Fixture *f)
{
  relay (&f->a, &f->b);
  relay (&f->b, &f->a);
}

/* Whether the staff screens of k show the child present now. */
static gboolean
shown_present (Kiosk *k, const char *child_id)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rooms = nk_attendance_list_rooms (nk_door_get_attendance (k->door), &error);

  g_assert_no_error (error);
  for (guint i = 0; i < rooms->len; i++)
    {
      NkRoomSummary *room = rooms->pdata[i];

      for (guint j = 0; j < room->children->len; j++)
        {
          NkRoomChild *child = room->children->pdata[j];

          if (g_str_equal (child->child_id, child_id))
            return child->present;
        }
    }
  g_assert_not_reached ();
}

/* A good relayed check-in of 王小明 by another kiosk, with one member
 * replaced: "\"payload\": {…}" pieces are spliced in by the cases. */
#define OTHER_DEVICE "0c5e1a2b-0000-4000-8000-000000000001"
#define EVENT_ID "5f0c8a5e-1111-4222-8333-444455556666"
#define GOOD_PAYLOAD                                                                         \
  "{\"child_id\": \"D0001\", \"direction\": \"in\", \"method\": \"card\", \"by_kind\": \"child\", " \
  "\"by_id\": \"D0001\", \"card_uid\": \"04A1B2C3\", \"reason\": null, "                      \
  "\"local_date\": \"2026-11-23\", \"room_id\": \"R2\", \"order_at\": \"2026-11-23T00:00:00.000Z\"}"

static char *
event_json (const char *id, const char *type, const char *at, const char *device, const char *payload)
{
  return g_strdup_printf ("{\"id\": \"%s\", \"type\": \"%s\", \"at\": \"%s\", \"device_id\": \"%s\", "
                          "\"payload\": %s}",
                          id, type, at, device, payload);
}

/* ---------------------------------------------------------------- cases */

static void
test_apply_twice (Fixture *f, gconstpointer data)
{
  g_autoptr (NkTapResult) in = tap (&f->a, NK_DEMO_UID_CHILD);
  g_autofree char *device = NULL;
  g_autofree char *row = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *json = NULL;
  g_autoptr (GError) error = NULL;
  NkRelayOutcome outcome;

  g_assert_cmpuint (relay (&f->a, &f->b), ==, 1);

  /* B holds A's record: its id, A's device, the room at that moment, the
   * same order time; B queued nothing of its own. */
  sql = g_strdup_printf ("SELECT device_id || ' ' || kind || ' ' || room_id || ' ' || (at_us / 1000) "
                         "FROM attendance WHERE id = '%s'", in->event_id);
  row = nk_test_text (f->b.store, sql);
  device = g_strdup_printf ("%s in R2 %" G_GINT64_FORMAT, nk_store_get_device_id (f->a.store),
                            MONDAY_8AM_US / 1000);
  g_assert_cmpstr (row, ==, device);
  g_assert_cmpint (count (&f->b, "SELECT count(*) FROM outbox"), ==, 0);
  g_assert_cmpint (nk_test_count (f->a.store, "SELECT order_us FROM attendance"), ==,
                   count (&f->b, "SELECT order_us FROM attendance"));

  /* the same event again changes nothing */
  json = event_json (in->event_id, "attendance", "2026-11-23T00:00:00.000Z",
                     nk_store_get_device_id (f->a.store), GOOD_PAYLOAD);
  g_assert_true (apply_event (&f->b, json, &outcome, &error));
  g_assert_no_error (error);
  g_assert_cmpint (outcome, ==, NK_RELAY_DUPLICATE);
  g_assert_cmpint (count (&f->b, "SELECT count(*) FROM attendance"), ==, 1);
  g_assert_cmpint (count (&f->b, "SELECT count(*) FROM outbox"), ==, 0);
}

typedef struct {
  const char *json;    /* NULL fields: the good event's */
  const char *field;   /* named in the message */
} BadCase;

static void
test_bad_fields (Fixture *f, gconstpointer data)
{
  const char *own = nk_store_get_device_id (f->b.store);
  g_autofree char *own_event = event_json (EVENT_ID, "attendance", "2026-11-23T00:00:00.000Z", own,
                                           GOOD_PAYLOAD);
#define EV(id, type, at, dev, payload) \
  "{\"id\": " id ", \"type\": " type ", \"at\": " at ", \"device_id\": " dev ", \"payload\": " payload "}"
#define GOOD_ID "\"" EVENT_ID "\""
#define GOOD_AT "\"2026-11-23T00:00:00.000Z\""
#define GOOD_DEV "\"" OTHER_DEVICE "\""
#define ATT(payload) EV (GOOD_ID, "\"attendance\"", GOOD_AT, GOOD_DEV, payload)
#define P(members) \
  "{\"child_id\": \"D0001\", \"direction\": \"in\", \"method\": \"card\", \"by_kind\": \"child\", " \
  "\"local_date\": \"2026-11-23\"" members "}"
  const BadCase cases[] = {
    { "[1, 2]", "event" },
    { EV ("null", "\"attendance\"", GOOD_AT, GOOD_DEV, P ("")), "id" },
    { EV ("\"5f0c8a5e\"", "\"attendance\"", GOOD_AT, GOOD_DEV, P ("")), "id" },
    { EV (GOOD_ID, "\"Attendance\"", GOOD_AT, GOOD_DEV, P ("")), "type" },
    { EV (GOOD_ID, "7", GOOD_AT, GOOD_DEV, P ("")), "type" },
    { EV (GOOD_ID, "\"attendance\"", "\"2026-11-23 00:00:00\"", GOOD_DEV, P ("")), "at" },
    { EV (GOOD_ID, "\"attendance\"", "\"2026-11-23T25:00:00.000Z\"", GOOD_DEV, P ("")), "at" },
    { EV (GOOD_ID, "\"attendance\"", "\"2023-06-01T00:00:00.000Z\"", GOOD_DEV, P ("")), "at" },
    { EV (GOOD_ID, "\"attendance\"", GOOD_AT, "\"a b\"", P ("")), "device_id" },
    { EV (GOOD_ID, "\"attendance\"", GOOD_AT, GOOD_DEV, "\"in\""), "payload" },
    { ATT ("{\"direction\": \"in\", \"method\": \"card\", \"by_kind\": \"child\", "
           "\"local_date\": \"2026-11-23\"}"), "payload.child_id" },
    { ATT ("{\"child_id\": \"D0001'; DROP TABLE attendance; --\", \"direction\": \"in\", "
           "\"method\": \"card\", \"by_kind\": \"child\", \"local_date\": \"2026-11-23\"}"),
      "payload.child_id" },
    { ATT ("{\"child_id\": \"D0001\", \"direction\": \"sideways\", \"method\": \"card\", "
           "\"by_kind\": \"child\", \"local_date\": \"2026-11-23\"}"), "payload.direction" },
    { ATT ("{\"child_id\": \"D0001\", \"direction\": \"in\", \"method\": \"telepathy\", "
           "\"by_kind\": \"child\", \"local_date\": \"2026-11-23\"}"), "payload.method" },
    { ATT ("{\"child_id\": \"D0001\", \"direction\": \"in\", \"method\": \"card\", "
           "\"by_kind\": \"robot\", \"local_date\": \"2026-11-23\"}"), "payload.by_kind" },
    { ATT (P (", \"by_id\": 17")), "payload.by_id" },
    { ATT (P (", \"card_uid\": \"04a1b2c3\"")), "payload.card_uid" },
    { ATT (P (", \"reason\": \"forgot\\u0007\"")), "payload.reason" },
    { ATT (P (", \"reason\": \"   \"")), "payload.reason" },
    { ATT ("{\"child_id\": \"D0001\", \"direction\": \"in\", \"method\": \"card\", "
           "\"by_kind\": \"child\", \"local_date\": \"2026-02-30\"}"), "payload.local_date" },
    { ATT ("{\"child_id\": \"D0001\", \"direction\": \"in\", \"method\": \"card\", "
           "\"by_kind\": \"child\", \"local_date\": \"2026-12-25\"}"), "payload.local_date" },
    { ATT ("{\"child_id\": \"D0001\", \"direction\": \"in\", \"method\": \"card\", "
           "\"by_kind\": \"child\"}"), "payload.local_date" },
    { ATT (P (", \"room_id\": \"R 2\"")), "payload.room_id" },
    { ATT (P (", \"order_at\": \"2026-11-22T23:59:59.999Z\"")), "payload.order_at" },
    { ATT (P (", \"order_at\": 1795392000000")), "payload.order_at" },
    { ATT (P (", \"order_at\": \"2026-11-23T00:00:00Z\"")), "payload.order_at" },
    { EV (GOOD_ID, "\"staff_clock\"", GOOD_AT, GOOD_DEV,
          "{\"direction\": \"in\", \"method\": \"card\", \"local_date\": \"2026-11-23\"}"),
      "payload.staff_id" },
    { EV (GOOD_ID, "\"staff_clock\"", GOOD_AT, GOOD_DEV,
          "{\"staff_id\": \"S002\", \"direction\": \"not_out\", \"method\": \"card\", "
          "\"local_date\": \"2026-11-23\"}"), "payload.direction" },
    { own_event, "device_id" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (JsonParser) parser = json_parser_new ();
      g_autoptr (NkRelayEvent) event = NULL;
      const char *field = NULL;

      g_test_message ("case %u: %s", i, cases[i].json);
      g_assert_true (json_parser_load_from_data (parser, cases[i].json, -1, NULL));
      event = nk_relay_event_parse (json_parser_get_root (parser), own, &field, &error);
      g_assert_null (event);
      g_assert_error (error, NK_RELAY_ERROR, NK_RELAY_ERROR_INVALID);
      g_assert_cmpstr (field, ==, cases[i].field);
      g_assert_nonnull (strstr (error->message, cases[i].field));
    }
  g_assert_cmpint (count (&f->b, "SELECT count(*) FROM attendance"), ==, 0);
  g_assert_cmpint (count (&f->b, "SELECT count(*) FROM staff_clock"), ==, 0);
}

/* Parsed without knowing the kiosk (as the pull's checks do), the
 * kiosk's own event is refused when applied. */
static void
test_own_event (Fixture *f, gconstpointer data)
{
  g_autofree char *json = event_json (EVENT_ID, "attendance", "2026-11-23T00:00:00.000Z",
                                      nk_store_get_device_id (f->b.store), GOOD_PAYLOAD);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (NkRelayEvent) event = NULL;
  g_autoptr (GError) error = NULL;
  NkRelayOutcome outcome;

  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  event = nk_relay_event_parse (json_parser_get_root (parser), NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (nk_store_begin (f->b.store, NULL));
  g_assert_false (nk_relay_event_apply (event, f->b.store, &outcome, &error));
  nk_store_rollback (f->b.store);
  g_assert_error (error, NK_RELAY_ERROR, NK_RELAY_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "device_id"));
  g_assert_cmpint (count (&f->b, "SELECT count(*) FROM attendance"), ==, 0);
}

/* A good event naming what this kiosk does not hold is refused whole. */
static void
test_bad_references (Fixture *f, gconstpointer data)
{
  g_autofree char *child = event_json (EVENT_ID, "attendance", "2026-11-23T00:00:00.000Z", OTHER_DEVICE,
                                       "{\"child_id\": \"D9999\", \"direction\": \"in\", "
                                       "\"method\": \"card\", \"by_kind\": \"child\", "
                                       "\"local_date\": \"2026-11-23\"}");
  g_autofree char *room = event_json (EVENT_ID, "attendance", "2026-11-23T00:00:00.000Z", OTHER_DEVICE,
                                      "{\"child_id\": \"D0001\", \"direction\": \"in\", "
                                      "\"method\": \"card\", \"by_kind\": \"child\", "
                                      "\"local_date\": \"2026-11-23\", \"room_id\": \"R99\"}");
  g_autofree char *staff = event_json (EVENT_ID, "staff_clock", "2026-11-23T00:00:00.000Z", OTHER_DEVICE,
                                       "{\"staff_id\": \"S999\", \"direction\": \"in\", "
                                       "\"method\": \"card\", \"local_date\": \"2026-11-23\"}");
  const char *cases[] = { child, room, staff };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      NkRelayOutcome outcome;

      g_assert_false (apply_event (&f->b, cases[i], &outcome, &error));
      g_assert_error (error, NK_RELAY_ERROR, NK_RELAY_ERROR_REFERENCE);
    }
  g_assert_cmpint (count (&f->b, "SELECT count(*) FROM attendance"), ==, 0);
  g_assert_cmpint (count (&f->b, "SELECT count(*) FROM staff_clock"), ==, 0);
}

/* A kind of a later version is kept as received, once. */
static void
test_unknown_kind (Fixture *f, gconstpointer data)
{
  g_autofree char *json = event_json (EVENT_ID, "care_log.nap", "2026-11-23T04:00:00.000Z", OTHER_DEVICE,
                                      "{\"child_id\": \"D0001\", \"minutes\": 90}");
  g_autoptr (GError) error = NULL;
  NkRelayOutcome outcome;

  g_assert_true (apply_event (&f->b, json, &outcome, &error));
  g_assert_no_error (error);
  g_assert_cmpint (outcome, ==, NK_RELAY_KEPT);
  g_assert_cmpint (count (&f->b, "SELECT count(*) FROM pulled_records WHERE section = 'events' "
                                 "AND id = '" EVENT_ID "' AND body LIKE '%care_log.nap%'"), ==, 1);
  g_assert_true (apply_event (&f->b, json, &outcome, &error));
  g_assert_cmpint (outcome, ==, NK_RELAY_DUPLICATE);
  g_assert_cmpint (count (&f->b, "SELECT count(*) FROM pulled_records"), ==, 1);
}

/* In at door A, out at door B: both doors, both exports. */
static void
test_in_at_a_out_at_b (Fixture *f, gconstpointer data)
{
  g_autoptr (NkTapResult) in = tap (&f->a, NK_DEMO_UID_CHILD);
  g_autoptr (NkTapResult) out = NULL;
  g_autoptr (GTimeZone) tz = g_time_zone_new_identifier ("Asia/Shanghai");
  Kiosk *both[] = { &f->a, &f->b };

  g_assert_cmpint (in->outcome, ==, NK_TAP_CHECKED_IN);
  relay (&f->a, &f->b);
  g_assert_true (shown_present (&f->b, "D0001"));

  advance (f, SECONDS (8 * 3600 + 30 * 60));
  out = tap (&f->b, NK_DEMO_UID_CHILD);
  g_assert_cmpint (out->outcome, ==, NK_TAP_CHECKED_OUT);
  relay (&f->b, &f->a);

  for (guint i = 0; i < G_N_ELEMENTS (both); i++)
    {
      g_autoptr (GString) csv = g_string_new (NULL);
      g_autoptr (GError) error = NULL;
      g_autofree char *devices = NULL;
      g_autofree char *expected = g_strdup_printf ("%s,%s", nk_store_get_device_id (f->a.store),
                                                   nk_store_get_device_id (f->b.store));

      g_assert_false (shown_present (both[i], "D0001"));
      g_assert_true (nk_export_attendance (both[i]->store, tz, "2026-11-23", "2026-11-23", "2026-11-23",
                                           csv, NULL, &error));
      g_assert_no_error (error);
      g_assert_nonnull (strstr (csv->str, "D0001,王小明,"));
      g_assert_nonnull (strstr (csv->str, ",2026-11-23,08:00,16:30,present"));
      devices = nk_test_text (both[i]->store, "SELECT group_concat (device_id) FROM "
                                              "(SELECT device_id FROM attendance ORDER BY order_us)");
      g_assert_cmpstr (devices, ==, expected);
    }
}

/* The other door's tap counts in this door's debounce; once the window
 * has passed the tap toggles as usual. */
static void
test_debounce_other_door (Fixture *f, gconstpointer data)
{
  g_autoptr (NkTapResult) in = tap (&f->a, NK_DEMO_UID_CHILD);
  g_autoptr (NkTapResult) repeat = NULL;
  g_autoptr (NkTapResult) out = NULL;

  relay (&f->a, &f->b);
  advance (f, SECONDS (4));
  repeat = tap (&f->b, NK_DEMO_UID_CHILD);
  g_assert_cmpint (repeat->outcome, ==, NK_TAP_ALREADY_RECORDED);
  g_assert_null (repeat->event_id);
  g_assert_cmpstr (repeat->message, ==, "Checked in at another door a moment ago — nothing more to do");
  g_assert_cmpint (count (&f->b, "SELECT count(*) FROM attendance"), ==, 1);

  advance (f, SECONDS (7));
  out = tap (&f->b, NK_DEMO_UID_CHILD);
  g_assert_cmpint (out->outcome, ==, NK_TAP_CHECKED_OUT);
}

/* The other kiosk's clock a few seconds ahead: its tap is still "a
 * moment ago". */
static void
test_debounce_other_door_ahead (Fixture *f, gconstpointer data)
{
  g_autoptr (NkTapResult) in = NULL;
  g_autoptr (NkTapResult) repeat = NULL;

  f->a.clock.real_us += SECONDS (6);
  in = tap (&f->a, NK_DEMO_UID_CHILD);
  relay (&f->a, &f->b);
  repeat = tap (&f->b, NK_DEMO_UID_CHILD);
  g_assert_cmpint (repeat->outcome, ==, NK_TAP_ALREADY_RECORDED);
  g_assert_cmpint (count (&f->b, "SELECT count(*) FROM attendance"), ==, 1);
}

/* A guardian who chose at door A and taps at door B at once is "just
 * served" too; after the window door B's chooser shows door A's choice. */
static void
test_debounce_other_door_guardian (Fixture *f, gconstpointer data)
{
  const char *children[] = { "D0002", "D0003", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) chosen = nk_door_confirm_family (f->a.door, "DG001", children, NULL, &error);
  g_autoptr (NkTapResult) repeat = NULL;
  g_autoptr (NkTapResult) family = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (chosen->len, ==, 2);
  relay (&f->a, &f->b);
  advance (f, SECONDS (3));
  repeat = tap (&f->b, NK_DEMO_UID_GUARDIAN_TWO);
  g_assert_cmpint (repeat->outcome, ==, NK_TAP_ALREADY_RECORDED);
  g_assert_cmpstr (repeat->message, ==, "Recorded at another door a moment ago — nothing more to do");

  advance (f, SECONDS (10));
  family = tap (&f->b, NK_DEMO_UID_GUARDIAN_TWO);
  g_assert_cmpint (family->outcome, ==, NK_TAP_FAMILY);
  g_assert_cmpuint (family->family->len, ==, 2);
  for (guint i = 0; i < family->family->len; i++)
    g_assert_true (((NkFamilyChild *) family->family->pdata[i])->present);
}

/* Door A checks in and, 20 s later, out; door B has seen neither and taps
 * the child in `gap` seconds after A's check-out (negative: before).  The
 * later event wins at both doors. */
static void
two_doors_seconds_apart (Fixture *f, gint64 gap_s, gboolean expect_present)
{
  g_autoptr (NkTapResult) a_in = tap (&f->a, NK_DEMO_UID_CHILD);
  g_autoptr (NkTapResult) a_out = NULL;
  g_autoptr (NkTapResult) b_in = NULL;

  f->a.clock.real_us += SECONDS (20);
  f->a.clock.mono_us += SECONDS (20);
  a_out = tap (&f->a, NK_DEMO_UID_CHILD);
  g_assert_cmpint (a_out->outcome, ==, NK_TAP_CHECKED_OUT);

  f->b.clock.real_us += SECONDS (20 + gap_s);
  f->b.clock.mono_us += SECONDS (20 + gap_s);
  b_in = tap (&f->b, NK_DEMO_UID_CHILD);
  g_assert_cmpint (b_in->outcome, ==, NK_TAP_CHECKED_IN);

  exchange (f);
  g_assert_cmpint (shown_present (&f->a, "D0001"), ==, expect_present);
  g_assert_cmpint (shown_present (&f->b, "D0001"), ==, expect_present);
}

static void
test_two_doors_later_in_wins (Fixture *f, gconstpointer data)
{
  two_doors_seconds_apart (f, 2, TRUE);
}

static void
test_two_doors_later_out_wins (Fixture *f, gconstpointer data)
{
  two_doors_seconds_apart (f, -2, FALSE);
}

/* The same millisecond at both doors: the greater event id wins, at both. */
static void
test_two_doors_same_time (Fixture *f, gconstpointer data)
{
  g_autoptr (NkTapResult) a_in = tap (&f->a, NK_DEMO_UID_CHILD);
  g_autoptr (NkTapResult) a_out = NULL;
  g_autoptr (NkTapResult) b_in = NULL;
  gboolean b_wins;

  advance (f, SECONDS (20));
  a_out = tap (&f->a, NK_DEMO_UID_CHILD);
  b_in = tap (&f->b, NK_DEMO_UID_CHILD);
  g_assert_cmpint (b_in->outcome, ==, NK_TAP_CHECKED_IN);
  b_wins = strcmp (b_in->event_id, a_out->event_id) > 0;

  exchange (f);
  g_assert_cmpint (shown_present (&f->a, "D0001"), ==, b_wins);
  g_assert_cmpint (shown_present (&f->b, "D0001"), ==, b_wins);
}

/* Door A's clock runs a minute ahead of door B's.  B, having seen A's
 * check-in, checks the child out at a time that reads earlier; B's record
 * is still ordered after the one it was decided on, at both doors. */
static void
test_order_follows_cause (Fixture *f, gconstpointer data)
{
  g_autoptr (NkTapResult) in = NULL;
  g_autoptr (NkTapResult) out = NULL;

  f->a.clock.real_us += SECONDS (60);
  in = tap (&f->a, NK_DEMO_UID_CHILD);
  relay (&f->a, &f->b);
  advance (f, SECONDS (20));
  out = tap (&f->b, NK_DEMO_UID_CHILD);
  g_assert_cmpint (out->outcome, ==, NK_TAP_CHECKED_OUT);
  /* the record keeps B's own time */
  g_assert_cmpint (out->at_us, ==, MONDAY_8AM_US + SECONDS (20));
  relay (&f->b, &f->a);

  g_assert_false (shown_present (&f->b, "D0001"));
  g_assert_false (shown_present (&f->a, "D0001"));
}

/* A caregiver clocked in at door A is clocked in at door B. */
static void
test_staff_clock (Fixture *f, gconstpointer data)
{
  g_autoptr (NkTapResult) in = tap (&f->a, NK_DEMO_UID_CAREGIVER);
  g_autoptr (NkTapResult) open = NULL;
  g_autoptr (NkTapResult) out = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rooms = NULL;
  gboolean is_in = FALSE;

  g_assert_cmpint (in->outcome, ==, NK_TAP_STAFF_CLOCKED_IN);
  relay (&f->a, &f->b);
  g_assert_true (nk_staff_clock_is_in (nk_door_get_staff_clock (f->b.door), "S002", &is_in, &error));
  g_assert_true (is_in);
  rooms = nk_attendance_list_rooms (nk_door_get_attendance (f->b.door), &error);
  for (guint i = 0; i < rooms->len; i++)
    {
      NkRoomSummary *room = rooms->pdata[i];

      g_assert_cmpuint (room->staff_present, ==, g_str_equal (room->room_id, "R2") ? 1 : 0);
    }

  /* at B the card opens staff mode without clocking in twice */
  advance (f, SECONDS (60));
  open = tap (&f->b, NK_DEMO_UID_CAREGIVER);
  g_assert_cmpint (open->outcome, ==, NK_TAP_STAFF_OPEN);
  g_assert_cmpint (count (&f->b, "SELECT count(*) FROM staff_clock"), ==, 1);

  out = nk_staff_clock_out (nk_door_get_staff_clock (f->b.door), "S002", &error);
  g_assert_no_error (error);
  g_assert_cmpint (out->outcome, ==, NK_TAP_STAFF_CLOCKED_OUT);
  relay (&f->b, &f->a);
  g_assert_true (nk_staff_clock_is_in (nk_door_get_staff_clock (f->a.door), "S002", &is_in, &error));
  g_assert_false (is_in);
  g_clear_pointer (&rooms, g_ptr_array_unref);
  rooms = nk_attendance_list_rooms (nk_door_get_attendance (f->a.door), &error);
  for (guint i = 0; i < rooms->len; i++)
    g_assert_cmpuint (((NkRoomSummary *) rooms->pdata[i])->staff_present, ==, 0);
}

/* Both doors closed the same stay: it is listed once.  A stay one door
 * closed while the other door's check-out was still on its way is not
 * listed once that check-out arrives. */
static void
test_open_stays (Fixture *f, gconstpointer data)
{
  g_autoptr (NkTapResult) ming = tap (&f->a, NK_DEMO_UID_CHILD);
  const char *children[] = { "D0002", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) chosen = nk_door_confirm_family (f->a.door, "DG001", children, NULL, &error);
  g_autoptr (GPtrArray) out = NULL;
  g_autoptr (GPtrArray) stays_a = NULL;
  g_autoptr (GPtrArray) stays_b = NULL;

  g_assert_no_error (error);
  relay (&f->a, &f->b);
  /* 刘子涵 goes home through door A; door B does not hear of it today */
  advance (f, SECONDS (8 * 3600));
  out = nk_door_confirm_family (f->a.door, "DG001", children, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (((NkTapResult *) out->pdata[0])->outcome, ==, NK_TAP_CHECKED_OUT);

  /* the next morning both doors close what they believe open */
  advance (f, SECONDS (16 * 3600));
  g_assert_cmpint (nk_attendance_close_stale (nk_door_get_attendance (f->a.door), &error), ==, 1);
  g_assert_cmpint (nk_attendance_close_stale (nk_door_get_attendance (f->b.door), &error), ==, 2);
  exchange (f);

  stays_a = nk_attendance_list_open_stays (nk_door_get_attendance (f->a.door), 7, &error);
  stays_b = nk_attendance_list_open_stays (nk_door_get_attendance (f->b.door), 7, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stays_a->len, ==, 1);
  g_assert_cmpuint (stays_b->len, ==, 1);
  g_assert_cmpstr (((NkOpenStay *) stays_a->pdata[0])->child_id, ==, "D0001");
  g_assert_cmpstr (((NkOpenStay *) stays_b->pdata[0])->child_id, ==, "D0001");
}

static void
apply_pull (Kiosk *k, const char *json)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (NkPull) pull = nk_pull_parse (json, strlen (json), &error);

  g_assert_no_error (error);
  g_assert_true (nk_pull_apply (pull, k->store, nk_door_get_centre (k->door), NULL, &error));
  g_assert_no_error (error);
}

/* The pull's "events" section: good events applied once, a bad one set
 * aside as invalid with its field, one naming a child the kiosk does not
 * hold yet applied when the child arrives, the kiosk's own refused. */
static void
test_pull_section (Fixture *f, gconstpointer data)
{
#define AT "2026-11-23T00:00:00.000Z"
  g_autofree char *good = event_json ("11111111-1111-4111-8111-111111111111", "attendance", AT, OTHER_DEVICE,
                                      GOOD_PAYLOAD);
  g_autofree char *bad = event_json ("22222222-2222-4222-8222-222222222222", "attendance", AT, OTHER_DEVICE,
                                     "{\"child_id\": \"D0002\", \"direction\": \"sideways\", "
                                     "\"method\": \"card\", \"by_kind\": \"child\", "
                                     "\"local_date\": \"2026-11-23\"}");
  g_autofree char *later = event_json ("33333333-3333-4333-8333-333333333333", "attendance", AT, OTHER_DEVICE,
                                       "{\"child_id\": \"D7777\", \"direction\": \"in\", "
                                       "\"method\": \"card\", \"by_kind\": \"child\", "
                                       "\"local_date\": \"2026-11-23\"}");
  g_autofree char *own = event_json ("44444444-4444-4444-8444-444444444444", "staff_clock", AT,
                                     nk_store_get_device_id (f->b.store),
                                     "{\"staff_id\": \"S002\", \"direction\": \"in\", "
                                     "\"method\": \"card\", \"local_date\": \"2026-11-23\"}");
  g_autofree char *first = g_strdup_printf ("{\"cursor\": \"v1:0:4\", \"changes\": {\"events\": [%s, %s, %s, %s]}}",
                                            good, bad, later, own);
  g_autofree char *again = g_strdup_printf ("{\"cursor\": \"v1:0:5\", \"changes\": {\"events\": [%s]}}", good);
  g_autofree char *code = NULL;

  apply_pull (&f->b, first);
  g_assert_cmpint (count (&f->b, "SELECT count(*) FROM attendance"), ==, 1);
  g_assert_true (shown_present (&f->b, "D0001"));
  g_assert_cmpint (count (&f->b, "SELECT count(*) FROM staff_clock"), ==, 0);
  g_assert_cmpint (count (&f->b, "SELECT count(*) FROM outbox WHERE type != 'pull.rejected'"), ==, 0);
  code = nk_test_text (f->b.store, "SELECT code || ' ' || field FROM pull_quarantine "
                                   "WHERE id = '22222222-2222-4222-8222-222222222222'");
  g_assert_cmpstr (code, ==, "invalid payload.direction");
  g_assert_cmpint (count (&f->b, "SELECT count(*) FROM pull_quarantine WHERE section = 'events' "
                                 "AND code = 'refused'"), ==, 2);

  /* the same event again changes nothing */
  apply_pull (&f->b, again);
  g_assert_cmpint (count (&f->b, "SELECT count(*) FROM attendance"), ==, 1);

  /* the child the third event names arrives: the event is applied */
  apply_pull (&f->b, "{\"cursor\": \"v1:1:5\", \"changes\": {\"children\": [{\"id\": \"D7777\", "
                     "\"name\": \"新同学\", \"date_of_birth\": \"2025-01-01\", \"room_id\": \"R2\"}]}}");
  g_assert_cmpint (count (&f->b, "SELECT count(*) FROM attendance WHERE child_id = 'D7777' "
                                 "AND room_id = 'R2'"), ==, 1);
  g_assert_cmpint (count (&f->b, "SELECT count(*) FROM pull_quarantine WHERE section = 'events'"), ==, 2);
#undef AT
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add ("/nk/relay/" path, Fixture, NULL, setup, fn, teardown)
  ADD ("apply-twice", test_apply_twice);
  ADD ("bad-fields", test_bad_fields);
  ADD ("own-event", test_own_event);
  ADD ("bad-references", test_bad_references);
  ADD ("unknown-kind", test_unknown_kind);
  ADD ("in-at-a-out-at-b", test_in_at_a_out_at_b);
  ADD ("debounce-other-door", test_debounce_other_door);
  ADD ("debounce-other-door-ahead", test_debounce_other_door_ahead);
  ADD ("debounce-other-door-guardian", test_debounce_other_door_guardian);
  ADD ("two-doors-later-in-wins", test_two_doors_later_in_wins);
  ADD ("two-doors-later-out-wins", test_two_doors_later_out_wins);
  ADD ("two-doors-same-time", test_two_doors_same_time);
  ADD ("order-follows-cause", test_order_follows_cause);
  ADD ("staff-clock", test_staff_clock);
  ADD ("open-stays", test_open_stays);
  ADD ("pull-section", test_pull_section);
  return g_test_run ();
}
