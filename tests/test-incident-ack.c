/* test-incident-ack.c — the guardian's acknowledgement of an incident
 * (nk-incident-ack.h): recorded as one event with its row, the day's line
 * then no longer waits, a second touch is harmless, and an incident that
 * is not in the child's day, or a person who is not the child's guardian,
 * is refused with nothing written.  The incident line is added to a loaded
 * day through the public nk_child_day_add_line (), as a source would. */
#include "config.h"

#include <string.h>

#include "core/nk-child-day.h"
#include "core/nk-door.h"
#include "core/nk-incident-ack.h"
#include "core/nk-relay.h"
#include "core/nk-roster.h"
#include "nk-test-util.h"

#define INCIDENT_ID "7d1c3a52-4b8e-4c1f-9f0e-2a6b5c4d3e21"

typedef struct {
  char        *dir;
  NkStore     *store;
  NkDoor      *door;
  NkTestClock  clock;
} Fixture;

static void
setup (Fixture *f, gconstpointer data)
{
  GError *error = NULL;

  f->store = nk_test_store_new ("incident-ack", &f->dir);
  nk_test_put_toddlers (f->store);
  g_assert_true (nk_roster_put_guardian (f->store, "g1", "Mum of An", NULL, "mother", &error));
  g_assert_true (nk_roster_put_guardian (f->store, "g2", "Grandpa of An", NULL, "grandfather", &error));
  g_assert_true (nk_roster_put_guardian (f->store, "g3", "Dad of Bo", NULL, "father", &error));
  g_assert_true (nk_roster_link (f->store, "c1", "g1", TRUE, &error));
  g_assert_true (nk_roster_link (f->store, "c1", "g2", TRUE, &error));
  g_assert_true (nk_roster_link (f->store, "c2", "g3", TRUE, &error));
  g_assert_no_error (error);
  f->door = nk_test_door_at (f->store, &f->clock, NK_TEST_MONDAY_8AM_US);
}

static void
teardown (Fixture *f, gconstpointer data)
{
  nk_test_door_close (&f->door, &f->store, &f->dir);
}

/* c1's day, with an incident waiting for the guardian as an incidents
 * source would add it. */
static NkDaySet *
day_with_incident (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  NkDaySet *set = nk_day_set_load_child (f->store, nk_door_get_centre (f->door), "c1",
                                         "2026-11-23", &error);

  g_assert_no_error (error);
  nk_child_day_add_line (nk_day_set_find (set, "c1"), NK_DAY_INCIDENT, NK_TEST_MONDAY_8AM_US, 0,
                         "Fell in the garden", "knee grazed, cleaned", "Ms Li", INCIDENT_ID,
                         NK_DAY_LINE_FLAGGED | NK_DAY_LINE_NEEDS_ACK);
  return set;
}

static NkDayLineFlags
incident_flags (NkDaySet *set)
{
  g_autoptr (GPtrArray) lines = nk_child_day_get_lines (nk_day_set_find (set, "c1"), NK_DAY_INCIDENT);

  g_assert_cmpuint (lines->len, ==, 1);
  return ((NkDayLine *) lines->pdata[0])->flags;
}

static gboolean
ack (Fixture *f, NkDaySet *set, const char *child, const char *incident, const char *guardian,
     gboolean *recorded, GError **error)
{
  return nk_incident_ack (f->store, nk_door_get_centre (f->door), set, child, incident, guardian,
                          recorded, error);
}

/* Recorded: one row and one outbox event naming the incident, the child
 * and the guardian (the actor); the day's source then clears the flag,
 * and a day loaded afresh is cleared by the same source. */
static void
test_recorded (Fixture *f, gconstpointer data)
{
  g_autoptr (NkDaySet) set = day_with_incident (f);
  g_autoptr (NkDaySet) later = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *payload = NULL;
  gboolean recorded = FALSE;

  g_assert_true (incident_flags (set) & NK_DAY_LINE_NEEDS_ACK);
  g_assert_true (ack (f, set, "c1", INCIDENT_ID, "g2", &recorded, &error));
  g_assert_no_error (error);
  g_assert_true (recorded);
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM incident_acks WHERE incident_id = '"
                                  INCIDENT_ID "' AND child_id = 'c1' AND guardian_id = 'g2' "
                                  "AND by_kind = 'guardian' AND by_id = 'g2' "
                                  "AND local_date = '2026-11-23'"), ==, 1);
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM outbox o JOIN incident_acks a "
                                  "ON a.id = o.event_id WHERE o.type = 'incident.ack'"), ==, 1);
  payload = nk_test_text (f->store, "SELECT payload FROM outbox WHERE type = 'incident.ack'");
  g_assert_nonnull (strstr (payload, "\"incident_id\":\"" INCIDENT_ID "\""));
  g_assert_nonnull (strstr (payload, "\"guardian_id\":\"g2\""));

  g_assert_true (nk_incident_ack_source (f->store, set, &error));
  g_assert_no_error (error);
  g_assert_false (incident_flags (set) & NK_DAY_LINE_NEEDS_ACK);
  /* still flagged for the family to notice; only the wait is over */
  g_assert_true (incident_flags (set) & NK_DAY_LINE_FLAGGED);

  /* a fresh load runs the same source (day_sources[]) over every line */
  later = day_with_incident (f);
  g_assert_true (incident_flags (later) & NK_DAY_LINE_NEEDS_ACK);
  g_assert_true (nk_incident_ack_source (f->store, later, &error));
  g_assert_false (incident_flags (later) & NK_DAY_LINE_NEEDS_ACK);
}

/* A second touch (this door or another) records nothing more. */
static void
test_second_harmless (Fixture *f, gconstpointer data)
{
  g_autoptr (NkDaySet) set = day_with_incident (f);
  g_autoptr (GError) error = NULL;
  g_autofree char *guardian = NULL;
  gboolean recorded = TRUE;

  g_assert_true (ack (f, set, "c1", INCIDENT_ID, "g1", NULL, &error));
  g_assert_true (ack (f, set, "c1", INCIDENT_ID, "g2", &recorded, &error));
  g_assert_no_error (error);
  g_assert_false (recorded);
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM incident_acks"), ==, 1);
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM outbox WHERE type = 'incident.ack'"), ==, 1);
  guardian = nk_test_text (f->store, "SELECT guardian_id FROM incident_acks");
  g_assert_cmpstr (guardian, ==, "g1");
}

/* An incident not in the child's day (unknown, another child's, or not an
 * incident at all) and someone who is not the child's guardian are
 * refused, with a message, and nothing is written. */
static void
test_refused (Fixture *f, gconstpointer data)
{
  g_autoptr (NkDaySet) set = day_with_incident (f);
  const char *arrival_id = "0a1b2c3d-0000-4000-8000-000000000001";
  GError *error = NULL;

  nk_child_day_add_line (nk_day_set_find (set, "c1"), NK_DAY_ARRIVAL, NK_TEST_MONDAY_8AM_US, 0, "Arrived",
                         NULL, NULL, arrival_id, 0);

  g_assert_false (ack (f, set, "c1", "9f9f9f9f-0000-4000-8000-000000000000", "g1", NULL, &error));
  g_assert_error (error, NK_KIND_ERROR, NK_KIND_ERROR_REFERENCE);
  g_assert_nonnull (strstr (error->message, "not in the child's day"));
  g_clear_error (&error);
  g_assert_false (ack (f, set, "c1", arrival_id, "g1", NULL, &error));
  g_assert_error (error, NK_KIND_ERROR, NK_KIND_ERROR_REFERENCE);
  g_clear_error (&error);
  g_assert_false (ack (f, set, "c2", INCIDENT_ID, "g3", NULL, &error));
  g_assert_error (error, NK_KIND_ERROR, NK_KIND_ERROR_REFERENCE);
  g_clear_error (&error);
  g_assert_false (ack (f, set, "c1", INCIDENT_ID, "g3", NULL, &error));
  g_assert_error (error, NK_KIND_ERROR, NK_KIND_ERROR_REFERENCE);
  g_assert_nonnull (strstr (error->message, "guardians"));
  g_clear_error (&error);
  g_assert_false (ack (f, set, "c1", INCIDENT_ID, "nobody", NULL, &error));
  g_assert_error (error, NK_KIND_ERROR, NK_KIND_ERROR_REFERENCE);
  g_clear_error (&error);

  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM incident_acks"), ==, 0);
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM outbox"), ==, 0);
  g_assert_true (incident_flags (set) & NK_DAY_LINE_NEEDS_ACK);
}

/* A child's own card asks which guardian reads: those who may pick up. */
static void
test_guardians (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) ackers = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_true (nk_roster_link (f->store, "c2", "g1", FALSE, &error));
  ackers = nk_incident_ack_guardians (f->store, "c1", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ackers->len, ==, 2);
  g_assert_cmpstr (((NkAckGuardian *) ackers->pdata[0])->name, ==, "Grandpa of An");
  g_assert_cmpstr (((NkAckGuardian *) ackers->pdata[1])->guardian_id, ==, "g1");
  g_clear_pointer (&ackers, g_ptr_array_unref);
  /* g1 is linked to c2 but may not pick up */
  ackers = nk_incident_ack_guardians (f->store, "c2", &error);
  g_assert_cmpuint (ackers->len, ==, 1);
  g_assert_cmpstr (((NkAckGuardian *) ackers->pdata[0])->guardian_id, ==, "g3");
}

/* Another door's acknowledgement, relayed: applied once, with that door's
 * device and no outbox row, and this door's day no longer waits either. */
static void
test_relayed (Fixture *f, gconstpointer data)
{
  g_autoptr (NkDaySet) set = day_with_incident (f);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (NkRelayEvent) event = NULL;
  g_autoptr (GError) error = NULL;
  NkRelayOutcome outcome;

  g_assert_true (nk_kind_find ("incident.ack") == &nk_incident_ack_kind);
  g_assert_true (json_parser_load_from_data (parser,
    "{\"id\":\"5e0c8a5e-1b2c-4d3e-8f4a-5b6c7d8e9f01\",\"type\":\"incident.ack\","
    "\"at\":\"2026-11-23T00:10:00.000Z\",\"device_id\":\"kiosk-b\",\"payload\":"
    "{\"incident_id\":\"" INCIDENT_ID "\",\"child_id\":\"c1\",\"guardian_id\":\"g1\","
    "\"local_date\":\"2026-11-23\",\"by_kind\":\"guardian\",\"by_id\":\"g1\","
    "\"corrects\":null,\"deleted\":false}}", -1, &error));
  event = nk_relay_event_parse (json_parser_get_root (parser), nk_store_get_device_id (f->store),
                                NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (event);
  for (guint i = 0; i < 2; i++)
    {
      g_assert_true (nk_store_begin (f->store, &error));
      g_assert_true (nk_relay_event_apply (event, f->store, &outcome, &error));
      g_assert_no_error (error);
      g_assert_true (nk_store_commit (f->store, &error));
      g_assert_cmpint (outcome, ==, i == 0 ? NK_RELAY_APPLIED : NK_RELAY_DUPLICATE);
    }
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM incident_acks "
                                  "WHERE device_id = 'kiosk-b' AND guardian_id = 'g1'"), ==, 1);
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM outbox"), ==, 0);

  g_assert_true (nk_incident_ack_source (f->store, set, &error));
  g_assert_false (incident_flags (set) & NK_DAY_LINE_NEEDS_ACK);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add ("/nk/incident-ack/" path, Fixture, NULL, setup, fn, teardown)
  ADD ("recorded", test_recorded);
  ADD ("second-harmless", test_second_harmless);
  ADD ("refused", test_refused);
  ADD ("guardians", test_guardians);
  ADD ("relayed", test_relayed);
#undef ADD

  return g_test_run ();
}
