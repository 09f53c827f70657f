/* test-roll-call.c — the emergency roll call (nk-roll-call.h): who is on
 * site by room, children and staff; ticks and unticks; the finish and who
 * was missing; a restart reopens it; another door's roll call joined and
 * its ticks shown; hostile relayed payloads refused; one at a time. */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "core/nk-attendance.h"
#include "core/nk-relay.h"
#include "core/nk-roll-call.h"
#include "core/nk-roll-call-pdf.h"
#include "core/nk-roster.h"
#include "core/nk-staff-clock.h"
#include "nk-test-util.h"

#define MINUTES(m) ((gint64) (m) * 60 * G_USEC_PER_SEC)

typedef struct {
  char        *dir;
  NkStore     *store;
  NkDoor      *door;
  NkTestClock  clock;
} Fixture;

/* r0 "Infants" with 蔡小雨 (c3), r1 "Toddlers" with An (c1) and Bo (c2);
 * Teacher Zhang (s1, Toddlers), Director Du (s2, no room), Cook Wu (s3).
 * At 08:00 An and Cai are checked in, Zhang and Du clocked in; Bo has not
 * come, Wu has not clocked in. */
static void
setup_kiosk (Fixture *f, const char *name)
{
  GError *error = NULL;
  NkAttendance *attendance;
  NkStaffClock *clock;
  const char *in[] = { "c1", "c3" };

  f->store = nk_test_store_new (name, &f->dir);
  nk_test_put_toddlers (f->store);
  g_assert_true (nk_roster_put_room (f->store, "r0", "Infants", NK_ROOM_INFANT, 10, &error));
  g_assert_true (nk_roster_put_child (f->store, "c3", "蔡小雨", "2026-03-01", "r0", NULL, NULL, &error));
  g_assert_true (nk_roster_put_staff (f->store, "s1", "Teacher Zhang", NK_STAFF_CAREGIVER, NULL, "r1", &error));
  g_assert_true (nk_roster_put_staff (f->store, "s2", "Director Du", NK_STAFF_DIRECTOR, NULL, NULL, &error));
  g_assert_true (nk_roster_put_staff (f->store, "s3", "Cook Wu", NK_STAFF_CAREGIVER, NULL, NULL, &error));
  g_assert_no_error (error);
  f->door = nk_test_door_at (f->store, &f->clock, NK_TEST_MONDAY_8AM_US);
  nk_door_set_debounce (f->door, 0);
  attendance = nk_door_get_attendance (f->door);
  clock = nk_door_get_staff_clock (f->door);
  for (guint i = 0; i < G_N_ELEMENTS (in); i++)
    {
      g_autoptr (NkTapResult) r = nk_attendance_manual (attendance, "s1", in[i], NK_DIRECTION_IN,
                                                        "forgot card", &error);

      g_assert_no_error (error);
      g_assert_cmpint (r->outcome, ==, NK_TAP_CHECKED_IN);
    }
  for (guint i = 1; i <= 2; i++)
    {
      g_autofree char *id = g_strdup_printf ("s%u", i);
      g_autoptr (NkTapResult) r = nk_staff_clock_pin (clock, id, &error);

      g_assert_no_error (error);
      g_assert_nonnull (r);
    }
  nk_test_clock_advance (&f->clock, MINUTES (5));
}

static void
setup (Fixture *f, gconstpointer data)
{
  setup_kiosk (f, "roll-call");
}

static void
teardown (Fixture *f, gconstpointer data)
{
  nk_test_door_close (&f->door, &f->store, &f->dir);
}

static char *
start (Fixture *f, const char *staff_id, gboolean *joined)
{
  g_autoptr (GError) error = NULL;
  char *id = NULL;

  g_assert_true (nk_roll_call_start (f->store, nk_door_get_centre (f->door), staff_id, &id, joined, &error));
  g_assert_no_error (error);
  g_assert_nonnull (id);
  return id;
}

static NkRollCall *
load (Fixture *f, const char *id)
{
  g_autoptr (GError) error = NULL;
  NkRollCall *call = nk_roll_call_load (f->store, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (call);
  return call;
}

static void
tick (Fixture *f, const char *id, NkRollCallPersonKind kind, const char *person, gboolean counted)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (nk_roll_call_tick (f->store, nk_door_get_centre (f->door), "s1", id, kind, person, counted,
                                    &error));
  g_assert_no_error (error);
}

/* "name name | name" per room, "-" for no room, to compare in one go. */
static char *
describe (const NkRollCall *call)
{
  GString *out = g_string_new (NULL);

  for (guint r = 0; r < call->rooms->len; r++)
    {
      const NkRollCallRoom *room = call->rooms->pdata[r];

      g_string_append_printf (out, "%s%s:", r > 0 ? " | " : "", room->name != NULL ? room->name : "-");
      for (guint i = 0; i < room->people->len; i++)
        {
          const NkRollCallPerson *p = room->people->pdata[i];

          g_string_append_printf (out, " %s%s%s", p->kind == NK_ROLL_CALL_STAFF ? "*" : "", p->name,
                                  p->tick_id != NULL ? "✓" : "");
        }
    }
  return g_string_free (out, FALSE);
}

/* Everyone on site by room, youngest room first, no room last; who has
 * not come or not clocked in is not on it; one started event whose
 * payload names them; nothing ticked yet. */
static void
test_on_site (Fixture *f, gconstpointer data)
{
  g_autofree char *id = start (f, "s2", NULL);
  g_autoptr (NkRollCall) call = load (f, id);
  g_autofree char *text = describe (call);

  g_assert_cmpstr (text, ==, "Infants: 蔡小雨 | Toddlers: An *Teacher Zhang | -: *Director Du");
  g_assert_cmpuint (call->total, ==, 4);
  g_assert_cmpuint (call->counted, ==, 0);
  g_assert_false (call->finished);
  g_assert_cmpstr (call->started_by, ==, "Director Du");
  g_assert_cmpint (call->started_us, ==, NK_TEST_MONDAY_8AM_US + MINUTES (5));
  nk_test_assert_text (f->store, "SELECT json_extract (payload, '$.child_ids') || json_extract (payload, "
                       "'$.staff_ids') || json_extract (payload, '$.by_id') FROM outbox "
                       "WHERE type = 'rollcall.started'",
                       "[\"c1\",\"c3\"][\"s1\",\"s2\"]s2");
}

/* A tick counts one person once; a second tick records nothing; an untick
 * deletes the tick (a deletion event naming it); someone not on the list
 * is refused with a message. */
static void
test_ticks (Fixture *f, gconstpointer data)
{
  g_autofree char *id = start (f, "s1", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (NkRollCall) ticked = NULL;
  g_autoptr (NkRollCall) unticked = NULL;
  g_autofree char *text = NULL;

  tick (f, id, NK_ROLL_CALL_CHILD, "c1", TRUE);
  tick (f, id, NK_ROLL_CALL_CHILD, "c1", TRUE);
  tick (f, id, NK_ROLL_CALL_STAFF, "s2", TRUE);
  ticked = load (f, id);
  text = describe (ticked);
  g_assert_cmpstr (text, ==, "Infants: 蔡小雨 | Toddlers: An✓ *Teacher Zhang | -: *Director Du✓");
  g_assert_cmpuint (ticked->counted, ==, 2);
  g_assert_cmpstr (nk_roll_call_find_person (ticked, NK_ROLL_CALL_CHILD, "c1")->ticked_by, ==, "Teacher Zhang");
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM outbox WHERE type = 'rollcall.ticked'"), ==, 2);

  tick (f, id, NK_ROLL_CALL_CHILD, "c1", FALSE);
  tick (f, id, NK_ROLL_CALL_CHILD, "c1", FALSE);
  unticked = load (f, id);
  g_assert_cmpuint (unticked->counted, ==, 1);
  g_assert_null (nk_roll_call_find_person (unticked, NK_ROLL_CALL_CHILD, "c1")->tick_id);
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM outbox WHERE type = 'rollcall.ticked' "
                                  "AND json_extract (payload, '$.deleted') AND "
                                  "json_extract (payload, '$.corrects') IS NOT NULL"), ==, 1);

  /* Bo has not come: not on the list; a child is not staff */
  g_assert_false (nk_roll_call_tick (f->store, nk_door_get_centre (f->door), "s1", id, NK_ROLL_CALL_CHILD, "c2",
                                     TRUE, &error));
  g_assert_error (error, NK_KIND_ERROR, NK_KIND_ERROR_REFERENCE);
  g_clear_error (&error);
  g_assert_false (nk_roll_call_tick (f->store, nk_door_get_centre (f->door), "s1", id, NK_ROLL_CALL_STAFF, "c1",
                                     TRUE, &error));
  g_assert_error (error, NK_KIND_ERROR, NK_KIND_ERROR_REFERENCE);
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM outbox WHERE type = 'rollcall.ticked'"), ==, 3);
}

/* The finish names who was not ticked; after it nothing is ticked, it is
 * not finished twice and no roll call is open. */
static void
test_finish (Fixture *f, gconstpointer data)
{
  g_autofree char *id = start (f, "s1", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (NkRollCall) call = NULL;
  g_autofree char *open = NULL;
  NkCentre *centre = nk_door_get_centre (f->door);

  tick (f, id, NK_ROLL_CALL_CHILD, "c1", TRUE);
  tick (f, id, NK_ROLL_CALL_STAFF, "s1", TRUE);
  nk_test_clock_advance (&f->clock, MINUTES (3));
  g_assert_true (nk_roll_call_finish (f->store, centre, "s2", id, &error));
  g_assert_no_error (error);
  nk_test_assert_text (f->store, "SELECT json_extract (payload, '$.missing_child_ids') || "
                       "json_extract (payload, '$.missing_staff_ids') || json_extract (payload, '$.by_id') "
                       "FROM outbox WHERE type = 'rollcall.finished'",
                       "[\"c3\"][\"s2\"]s2");
  call = load (f, id);
  g_assert_true (call->finished);
  g_assert_cmpstr (call->finished_by, ==, "Director Du");
  g_assert_cmpint (call->finished_us, ==, NK_TEST_MONDAY_8AM_US + MINUTES (8));

  g_assert_false (nk_roll_call_tick (f->store, centre, "s1", id, NK_ROLL_CALL_CHILD, "c3", TRUE, &error));
  g_assert_error (error, NK_KIND_ERROR, NK_KIND_ERROR_REFERENCE);
  g_clear_error (&error);
  g_assert_false (nk_roll_call_finish (f->store, centre, "s1", id, &error));
  g_assert_error (error, NK_KIND_ERROR, NK_KIND_ERROR_REFERENCE);
  g_clear_error (&error);
  g_assert_true (nk_roll_call_find_open (f->store, &open, &error));
  g_assert_null (open);
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM outbox WHERE type = 'rollcall.finished'"), ==, 1);
}

/* Every one ticked: the finish has no one missing (nulls). */
static void
test_finish_all_counted (Fixture *f, gconstpointer data)
{
  g_autofree char *id = start (f, "s1", NULL);
  g_autoptr (GError) error = NULL;

  tick (f, id, NK_ROLL_CALL_CHILD, "c1", TRUE);
  tick (f, id, NK_ROLL_CALL_CHILD, "c3", TRUE);
  tick (f, id, NK_ROLL_CALL_STAFF, "s1", TRUE);
  tick (f, id, NK_ROLL_CALL_STAFF, "s2", TRUE);
  g_assert_true (nk_roll_call_finish (f->store, nk_door_get_centre (f->door), "s1", id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM outbox WHERE type = 'rollcall.finished' "
                                  "AND json_extract (payload, '$.missing_child_ids') IS NULL "
                                  "AND json_extract (payload, '$.missing_staff_ids') IS NULL"), ==, 1);
}

/* One at a time: starting again joins the open one, records nothing. */
static void
test_one_at_a_time (Fixture *f, gconstpointer data)
{
  gboolean joined = TRUE;
  g_autofree char *first = start (f, "s1", &joined);
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_false (joined);
  second = start (f, "s2", &joined);
  g_assert_true (joined);
  g_assert_cmpstr (second, ==, first);
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM roll_calls"), ==, 1);
  /* once finished, a new one starts */
  g_assert_true (nk_roll_call_finish (f->store, nk_door_get_centre (f->door), "s1", first, &error));
  third = start (f, "s2", &joined);
  g_assert_false (joined);
  g_assert_cmpstr (third, !=, first);
}

/* Closed and opened again (a restart): the open roll call and its ticks
 * are read back from the store. */
static void
test_restart (Fixture *f, gconstpointer data)
{
  g_autofree char *id = start (f, "s1", NULL);
  g_autofree char *path = g_build_filename (f->dir, "kiosk.db", NULL);
  g_autofree char *open = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (NkRollCall) call = NULL;

  tick (f, id, NK_ROLL_CALL_CHILD, "c3", TRUE);
  g_clear_object (&f->door);
  g_clear_object (&f->store);
  f->store = nk_store_open (path, &error);
  g_assert_no_error (error);
  f->door = nk_test_door_at (f->store, &f->clock, f->clock.real_us);
  g_assert_true (nk_roll_call_find_open (f->store, &open, &error));
  g_assert_cmpstr (open, ==, id);
  call = load (f, open);
  g_assert_cmpuint (call->counted, ==, 1);
  g_assert_nonnull (nk_roll_call_find_person (call, NK_ROLL_CALL_CHILD, "c3")->tick_id);
}

/* The list is fixed at the start: An picked up during it stays on it with
 * the time she left; Bo arriving during it is not on it. */
static void
test_during (Fixture *f, gconstpointer data)
{
  g_autofree char *id = start (f, "s1", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (NkTapResult) out = NULL;
  g_autoptr (NkTapResult) in = NULL;
  g_autoptr (NkRollCall) call = NULL;

  nk_test_clock_advance (&f->clock, MINUTES (2));
  out = nk_attendance_manual (nk_door_get_attendance (f->door), "s1", "c1", NK_DIRECTION_OUT, "picked up", &error);
  g_assert_no_error (error);
  in = nk_attendance_manual (nk_door_get_attendance (f->door), "s1", "c2", NK_DIRECTION_IN, "late", &error);
  g_assert_no_error (error);
  call = load (f, id);
  g_assert_cmpuint (call->total, ==, 4);
  g_assert_null (nk_roll_call_find_person (call, NK_ROLL_CALL_CHILD, "c2"));
  g_assert_cmpint (nk_roll_call_find_person (call, NK_ROLL_CALL_CHILD, "c1")->left_us, ==,
                   NK_TEST_MONDAY_8AM_US + MINUTES (7));
  g_assert_cmpint (nk_roll_call_find_person (call, NK_ROLL_CALL_CHILD, "c3")->left_us, ==, 0);
  tick (f, id, NK_ROLL_CALL_CHILD, "c1", TRUE);
}

/* ---------------------------------------------------------------- relay */

/* Door A starts; door B, given A's roll call, joins it (starting records
 * nothing) and ticks there; A shows B's ticks and B's untick. */
static void
test_relayed (Fixture *f, gconstpointer data)
{
  Fixture b = { NULL };
  g_autofree char *id = start (f, "s2", NULL);
  g_autofree char *at_b = NULL;
  g_autofree char *joined_id = NULL;
  g_autoptr (NkRollCall) call = NULL;
  g_autoptr (NkRollCall) after = NULL;
  gboolean joined = FALSE;

  setup_kiosk (&b, "roll-call-b");
  g_assert_cmpuint (nk_test_relay (f->store, b.store, "rollcall.started"), ==, 1);
  g_assert_true (nk_roll_call_find_open (b.store, &at_b, NULL));
  g_assert_cmpstr (at_b, ==, id);
  joined_id = start (&b, "s1", &joined);
  g_assert_true (joined);
  g_assert_cmpstr (joined_id, ==, id);
  g_assert_cmpint (nk_test_count (b.store, "SELECT count(*) FROM outbox WHERE type = 'rollcall.started'"), ==, 0);

  tick (&b, id, NK_ROLL_CALL_CHILD, "c3", TRUE);
  tick (&b, id, NK_ROLL_CALL_STAFF, "s2", TRUE);
  g_assert_cmpuint (nk_test_relay (b.store, f->store, "rollcall.ticked"), ==, 2);
  call = load (f, id);
  g_assert_cmpuint (call->counted, ==, 2);
  g_assert_cmpstr (nk_roll_call_find_person (call, NK_ROLL_CALL_CHILD, "c3")->ticked_device, ==,
                   nk_store_get_device_id (b.store));
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM outbox WHERE type = 'rollcall.ticked'"), ==, 0);

  /* B unticks the director: the deletion relayed undoes it at A */
  tick (&b, id, NK_ROLL_CALL_STAFF, "s2", FALSE);
  g_assert_cmpuint (nk_test_relay (b.store, f->store, "rollcall.ticked"), ==, 3);
  after = load (f, id);
  g_assert_cmpuint (after->counted, ==, 1);
  g_assert_null (nk_roll_call_find_person (after, NK_ROLL_CALL_STAFF, "s2")->tick_id);

  /* A finishes: relayed, it is closed at B too, and B's next one is its own */
  g_clear_pointer (&at_b, g_free);
  g_assert_true (nk_roll_call_finish (f->store, nk_door_get_centre (f->door), "s2", id, NULL));
  g_assert_cmpuint (nk_test_relay (f->store, b.store, "rollcall.finished"), ==, 1);
  g_assert_true (nk_roll_call_find_open (b.store, &at_b, NULL));
  g_assert_null (at_b);
  teardown (&b, NULL);
}

#define EVENT(type, payload) \
  "{\"id\":\"5e0c8a5e-1b2c-4d3e-8f4a-5b6c7d8e9f01\",\"type\":\"" type "\"," \
  "\"at\":\"2026-11-23T00:10:00.000Z\",\"device_id\":\"kiosk-b\",\"payload\":{" payload "," \
  "\"local_date\":\"2026-11-23\",\"by_kind\":\"staff\",\"by_id\":\"s1\",\"corrects\":null,\"deleted\":false}}"

/* Hostile relayed payloads are refused, naming the member; nothing is
 * written; a well-formed tick of someone not on the list counts nobody. */
static void
test_hostile (Fixture *f, gconstpointer data)
{
  static const struct {
    const char *json;
    const char *member;
  } bad[] = {
    { EVENT ("rollcall.ticked", "\"roll_call_id\":\"x\",\"person_kind\":\"guardian\",\"person_id\":\"c1\""),
      "payload.person_kind" },
    { EVENT ("rollcall.ticked", "\"roll_call_id\":\"x\",\"person_kind\":\"child\",\"person_id\":\"../../etc\""),
      "payload.person_id" },
    { EVENT ("rollcall.ticked", "\"person_kind\":\"child\",\"person_id\":\"c1\""), "payload.roll_call_id" },
    { EVENT ("rollcall.started", "\"child_ids\":[\"c1\",\"c1\"],\"staff_ids\":null"), "payload.child_ids" },
    { EVENT ("rollcall.started", "\"child_ids\":[],\"staff_ids\":null"), "payload.child_ids" },
    { EVENT ("rollcall.started", "\"child_ids\":[1],\"staff_ids\":null"), "payload.child_ids" },
    { EVENT ("rollcall.finished", "\"roll_call_id\":\"x\",\"missing_child_ids\":\"c1\""),
      "payload.missing_child_ids" },
  };
  g_autofree char *id = start (f, "s1", NULL);
  g_autofree char *stray = NULL;
  g_autoptr (NkRollCall) call = NULL;
  g_autoptr (GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_assert_false (nk_test_relay_apply (f->store, bad[i].json, &error));
      g_assert_nonnull (error);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, bad[i].member));
      g_clear_error (&error);
    }
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM roll_call_ticks"), ==, 0);
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM roll_calls"), ==, 1);
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM roll_call_ends"), ==, 0);

  stray = g_strdup_printf (EVENT ("rollcall.ticked", "\"roll_call_id\":\"%s\",\"person_kind\":\"child\","
                                  "\"person_id\":\"c2\""), id);
  g_assert_true (nk_test_relay_apply (f->store, stray, &error));
  g_assert_no_error (error);
  call = load (f, id);
  g_assert_cmpuint (call->counted, ==, 0);
}

/* The PDF, read back with pdftotext: the title, everyone's name (the
 * Chinese one embedded), who is missing; written whole, owner only. */
static void
test_pdf (Fixture *f, gconstpointer data)
{
  g_autofree char *id = start (f, "s2", NULL);
  g_autoptr (NkRollCall) call = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;
  g_autofree char *missing = NULL;
  const char *argv[] = { "pdftotext", "-layout", NULL, "-", NULL };
  GTimeZone *tz = nk_centre_get_timezone (nk_door_get_centre (f->door));
  GStatBuf st;
  int status = -1;

  tick (f, id, NK_ROLL_CALL_CHILD, "c1", TRUE);
  tick (f, id, NK_ROLL_CALL_STAFF, "s1", TRUE);
  tick (f, id, NK_ROLL_CALL_STAFF, "s2", TRUE);
  g_assert_true (nk_roll_call_finish (f->store, nk_door_get_centre (f->door), "s2", id, &error));
  call = load (f, id);
  name = nk_roll_call_pdf_file_name (call, tz);
  g_assert_cmpstr (name, ==, "roll-call-2026-11-23-0805.pdf");
  path = g_build_filename (f->dir, name, NULL);
  g_assert_true (nk_roll_call_pdf_write_file (call, "Sunflower Nursery", tz, path, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  argv[2] = path;
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL,
                               NULL, &text, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, "Sunflower Nursery"));
  g_assert_nonnull (strstr (text, "Emergency roll call · 2026-11-23 08:05"));
  for (guint i = 0; i < 4; i++)
    g_assert_nonnull (strstr (text, ((const char *[]) { "An", "蔡小雨", "Teacher Zhang", "Director Du" })[i]));
  g_assert_nonnull (strstr (text, "3 of 4"));
  /* the missing table: the one name not counted */
  missing = g_strdup (strstr (text, "Missing when it was finished"));
  g_assert_nonnull (missing);
  *strstr (missing, "Everyone on site") = '\0';
  g_assert_nonnull (strstr (missing, "蔡小雨"));
  g_assert_null (strstr (missing, "Teacher Zhang"));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add ("/nk/roll-call/" path, Fixture, NULL, setup, fn, teardown)
  ADD ("on-site", test_on_site);
  ADD ("ticks", test_ticks);
  ADD ("finish", test_finish);
  ADD ("finish-all-counted", test_finish_all_counted);
  ADD ("one-at-a-time", test_one_at_a_time);
  ADD ("restart", test_restart);
  ADD ("during", test_during);
  ADD ("relayed", test_relayed);
  ADD ("hostile", test_hostile);
  ADD ("pdf", test_pdf);
#undef ADD

  return g_test_run ();
}
