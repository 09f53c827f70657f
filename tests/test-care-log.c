/* test-care-log.c — the care log's rules (nk-care-log.h): ranges at their
 * edges, nothing in the future or on another day, the entry for a room
 * with exceptions and absent children in one record that fails whole,
 * corrections and deletions (only standing rows show), incidents that
 * wait for the parent, and the marks staff see. */
#include "config.h"

#include "core/nk-care-log.h"
#include "core/nk-door.h"
#include "core/nk-roster.h"
#include "nk-test-util.h"

/* 2026-11-23 12:00 in Shanghai = 04:00 UTC */
#define MONDAY_NOON_US (G_GINT64_CONSTANT (1795406400) * G_USEC_PER_SEC)
#define MINUTES(m) ((gint64) (m) * 60 * G_USEC_PER_SEC)
#define DATE "2026-11-23"

typedef struct {
  char        *dir;
  NkStore     *store;
  NkDoor      *door;
  NkTestClock  clock;
  NkActor      staff;
  guint        n_changed;
} Fixture;

static void
tap (Fixture *f, const char *uid)
{
  g_autoptr (NkTapResult) result = nk_test_tap (f->door, uid);
}

static void
on_changed (NkStore *store, const char *kind, GStrv ids, Fixture *f)
{
  f->n_changed++;
}

static void
put_roster (NkStore *store)
{
  GError *error = NULL;

  nk_test_put_toddlers (store);
  g_assert_true (nk_roster_put_room (store, "r2", "Infants", NK_ROOM_INFANT, 10, &error));
  g_assert_true (nk_roster_put_child (store, "c3", "Cai", "2025-01-01", "r1", NULL, NULL, &error));
  g_assert_true (nk_roster_put_child (store, "c4", "Di", "2025-02-01", "r1", NULL, NULL, &error));
  g_assert_true (nk_roster_put_child (store, "c5", "Er", "2026-06-01", "r2", NULL, NULL, &error));
  g_assert_true (nk_roster_put_staff (store, "s1", "Teacher Zhang", NK_STAFF_CAREGIVER, NULL, "r1", &error));
  nk_test_put_child_cards (store, 3);
  g_assert_no_error (error);
}

static void
setup (Fixture *f, gconstpointer data)
{
  f->store = nk_test_store_new ("care-log", &f->dir);
  put_roster (f->store);
  f->door = nk_test_door_at (f->store, &f->clock, MONDAY_NOON_US - MINUTES (240));
  nk_door_set_debounce (f->door, 0);
  /* An, Bo and Cai arrive at 8:00; Di stays at home */
  tap (f, "04000001");
  tap (f, "04000002");
  tap (f, "04000003");
  nk_test_clock_advance (&f->clock, MINUTES (240));
  f->staff = (NkActor) { "staff", "s1" };
  g_signal_connect (f->store, "changed", G_CALLBACK (on_changed), f);
}

static void
teardown (Fixture *f, gconstpointer data)
{
  nk_test_door_close (&f->door, &f->store, &f->dir);
}

static NkCentre *
centre (Fixture *f)
{
  return nk_door_get_centre (f->door);
}

static NkCareResult *
record_one (Fixture *f, const char *child, const NkCareEntry *e, GError **error)
{
  const char *ids[] = { child, NULL };

  return nk_care_record (f->store, centre (f), &f->staff, ids, e, NULL, 0, error);
}

/* Recording e for An succeeds or fails as expected, and a refusal writes
 * nothing and says why. */
static void
expect (Fixture *f, const NkCareEntry *e, gboolean ok)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (NkCareResult) result = NULL;
  gint64 before = nk_test_count (f->store, "SELECT count (*) FROM outbox");

  result = record_one (f, "c1", e, &error);
  if (ok)
    {
      g_assert_no_error (error);
      g_assert_cmpuint (result->ids->len, ==, 1);
      g_assert_cmpint (nk_test_count (f->store, "SELECT count (*) FROM outbox"), ==, before + 1);
    }
  else
    {
      g_assert_null (result);
      g_assert_error (error, NK_STORE_ERROR, NK_STORE_ERROR_INVALID);
      g_assert_cmpstr (error->message, !=, "");
      g_assert_cmpint (nk_test_count (f->store, "SELECT count (*) FROM outbox"), ==, before);
    }
}

static void
test_ranges (Fixture *f, gconstpointer data)
{
  NkCareEntry e = { .what = NK_CARE_BOTTLE, .milk = "formula" };
  g_autofree char *long_note = g_strnfill (201, 'x');

  for (gint64 ml = 9; ml <= 11; ml++)
    e.ml = ml, expect (f, &e, ml >= 10);
  for (gint64 ml = 399; ml <= 401; ml++)
    e.ml = ml, expect (f, &e, ml <= 400);
  e.ml = 120, e.milk = "juice", expect (f, &e, FALSE);

  e = (NkCareEntry) { .what = NK_CARE_WATER, .ml = 9 };
  expect (f, &e, FALSE);
  e.ml = 10, expect (f, &e, TRUE);
  e.ml = 500, expect (f, &e, TRUE);
  e.ml = 501, expect (f, &e, FALSE);

  e = (NkCareEntry) { .what = NK_CARE_TEMPERATURE };
  e.tenths = 339, expect (f, &e, FALSE);
  e.tenths = 340, expect (f, &e, TRUE);
  e.tenths = 425, expect (f, &e, TRUE);
  e.tenths = 426, expect (f, &e, FALSE);

  e = (NkCareEntry) { .what = NK_CARE_MEAL, .slot = "lunch" };
  expect (f, &e, FALSE);
  e.portion = "half", expect (f, &e, TRUE);
  e.slot = "supper", expect (f, &e, FALSE);

  e = (NkCareEntry) { .what = NK_CARE_DIAPER, .diaper = "wet", .colour = "green" };
  expect (f, &e, FALSE);
  e.diaper = "soiled", expect (f, &e, TRUE);
  e.colour = "purple", expect (f, &e, FALSE);
  e.colour = NULL, e.diaper = "potty", expect (f, &e, TRUE);

  e = (NkCareEntry) { .what = NK_CARE_MOOD, .mood = "grumpy" };
  expect (f, &e, FALSE);
  e.mood = "calm", expect (f, &e, TRUE);

  e = (NkCareEntry) { .what = NK_CARE_NOTE, .text = "   " };
  expect (f, &e, FALSE);
  e.text = long_note, expect (f, &e, FALSE);
  long_note[200] = '\0';
  e.text = long_note, expect (f, &e, TRUE);
  e.text = "bad\x01text", expect (f, &e, FALSE);

  e = (NkCareEntry) { .what = NK_CARE_INCIDENT, .text = "Fell", .told = "phone" };
  expect (f, &e, FALSE);
  e.place = "Playground", expect (f, &e, TRUE);
  e.told = "email", expect (f, &e, FALSE);
}

/* Now is accepted, a second later is not; neither is yesterday. */
static void
test_future (Fixture *f, gconstpointer data)
{
  NkCareEntry e = { .what = NK_CARE_WATER, .ml = 100 };

  e.at_us = f->clock.real_us + G_USEC_PER_SEC, expect (f, &e, FALSE);
  e.at_us = f->clock.real_us, expect (f, &e, TRUE);
  e.at_us = f->clock.real_us - MINUTES (30), expect (f, &e, TRUE);
  /* 23:59 yesterday at the centre: 12 h 01 min before noon */
  e.at_us = MONDAY_NOON_US - MINUTES (12 * 60 + 1), expect (f, &e, FALSE);
  g_assert_cmpint (nk_test_count (f->store, "SELECT count (*) FROM care_water "
                                  "WHERE happened_us = 1795406400000000 - 1800000000"), ==, 1);
}

/* The room had lunch: all; Bo half; Cai away from the meal; Di is not
 * here.  One record: one notification, one row and one event per child
 * recorded, and the result names those left out. */
static void
test_room_lunch (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (NkCareResult) result = NULL;
  g_autoptr (NkDaySet) set = NULL;
  NkCareEntry lunch = { .what = NK_CARE_MEAL, .slot = "lunch", .portion = "all" };
  NkCareEntry half = lunch;
  NkCareException exceptions[] = { { "c2", &half }, { "c3", NULL } };
  NkDayLine *line;

  half.portion = "half";
  result = nk_care_record_room (f->store, centre (f), &f->staff, "r1", &lunch, exceptions,
                                G_N_ELEMENTS (exceptions), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (f->n_changed, ==, 1);
  g_assert_cmpuint (result->ids->len, ==, 2);
  g_assert_cmpuint (result->absent->len, ==, 1);
  g_assert_cmpstr (result->absent->pdata[0], ==, "Di");
  g_assert_cmpuint (result->excepted->len, ==, 1);
  g_assert_cmpstr (result->excepted->pdata[0], ==, "Cai");
  g_assert_cmpint (nk_test_count (f->store, "SELECT count (*) FROM care_meals"), ==, 2);
  g_assert_cmpint (nk_test_count (f->store, "SELECT count (*) FROM outbox WHERE type = 'care_meal'"), ==, 2);
  g_assert_cmpint (nk_test_count (f->store, "SELECT count (*) FROM care_meals WHERE child_id = 'c2' "
                                  "AND portion = 'half' AND room_id = 'r1' AND by_id = 's1'"), ==, 1);

  set = nk_day_set_load_room (f->store, centre (f), "r1", DATE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (nk_child_day_get_mark (nk_day_set_find (set, "c1"), "care.meal")->label, ==,
                   "Lunch: Ate all");
  g_assert_null (nk_child_day_get_mark (nk_day_set_find (set, "c3"), "care.meal"));
  g_assert_null (nk_child_day_get_mark (nk_day_set_find (set, "c4"), "care.meal"));
  {
    g_autoptr (GPtrArray) meals = nk_child_day_get_lines (nk_day_set_find (set, "c2"), NK_DAY_MEAL);

    g_assert_cmpuint (meals->len, ==, 1);
    line = meals->pdata[0];
    g_assert_cmpstr (line->title, ==, "Lunch");
    g_assert_cmpstr (line->detail, ==, "Ate half");
    g_assert_cmpstr (line->staff_name, ==, "Teacher Zhang");
  }
}

/* A failure at the third child's row leaves none of the rows or events
 * of the first two, and announces nothing. */
static void
test_one_transaction (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (NkCareResult) result = NULL;
  NkCareEntry lunch = { .what = NK_CARE_MEAL, .slot = "lunch", .portion = "all" };

  g_assert_true (nk_store_exec (f->store, "CREATE TRIGGER fail_cai BEFORE INSERT ON care_meals "
                                "WHEN NEW.child_id = 'c3' BEGIN SELECT RAISE (ABORT, 'disk trouble'); END",
                                &error));
  result = nk_care_record_room (f->store, centre (f), &f->staff, "r1", &lunch, NULL, 0, &error);
  g_assert_null (result);
  g_assert_nonnull (error);
  g_assert_cmpint (nk_test_count (f->store, "SELECT count (*) FROM care_meals"), ==, 0);
  g_assert_cmpint (nk_test_count (f->store, "SELECT count (*) FROM outbox WHERE type = 'care_meal'"), ==, 0);
  g_assert_cmpuint (f->n_changed, ==, 0);
}

/* A child not checked in is refused alone; with others, skipped. */
static void
test_absent (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (NkCareResult) result = NULL;
  NkCareEntry mood = { .what = NK_CARE_MOOD, .mood = "happy" };
  const char *two[] = { "c4", "c1", NULL };
  const char *none[] = { NULL };

  result = record_one (f, "c4", &mood, &error);
  g_assert_null (result);
  g_assert_error (error, NK_STORE_ERROR, NK_STORE_ERROR_INVALID);
  g_assert_cmpint (nk_test_count (f->store, "SELECT count (*) FROM care_moods"), ==, 0);
  g_clear_error (&error);

  g_assert_null (nk_care_record (f->store, centre (f), &f->staff, none, &mood, NULL, 0, &error));
  g_assert_error (error, NK_STORE_ERROR, NK_STORE_ERROR_INVALID);
  g_clear_error (&error);

  result = nk_care_record (f->store, centre (f), &f->staff, two, &mood, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->ids->len, ==, 1);
  g_assert_cmpstr (result->absent->pdata[0], ==, "Di");
}

static guint
n_lines (Fixture *f, const char *child, NkDayTopic topic, const char **detail)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (NkDaySet) set = nk_day_set_load_child (f->store, centre (f), child, DATE, &error);
  g_autoptr (GPtrArray) lines = NULL;

  g_assert_no_error (error);
  lines = nk_child_day_get_lines (nk_day_set_find (set, child), topic);
  if (detail != NULL && lines->len > 0)
    *detail = g_intern_string (((NkDayLine *) lines->pdata[0])->detail);
  return lines->len;
}

/* A correction is a new row and event naming the original, which stays;
 * only the correction shows.  A row corrected once cannot be corrected
 * again; a deletion hides the entry and keeps every row. */
static void
test_correct_delete (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (NkCareResult) result = NULL;
  g_autofree char *fixed = NULL, *again = NULL, *gone = NULL, *corrects = NULL;
  NkCareEntry e = { .what = NK_CARE_MEAL, .slot = "lunch", .portion = "all" };
  const char *original, *detail = NULL;

  result = record_one (f, "c1", &e, &error);
  g_assert_no_error (error);
  original = result->ids->pdata[0];

  e.portion = "little";
  fixed = nk_care_correct (f->store, centre (f), &f->staff, original, &e, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_lines (f, "c1", NK_DAY_MEAL, &detail), ==, 1);
  g_assert_cmpstr (detail, ==, "Ate a little");
  g_assert_cmpint (nk_test_count (f->store, "SELECT count (*) FROM care_meals"), ==, 2);
  corrects = nk_test_text (f->store, "SELECT json_extract (payload, '$.corrects') FROM outbox "
                           "WHERE type = 'care_meal' ORDER BY rowid DESC LIMIT 1");
  g_assert_cmpstr (corrects, ==, original);

  again = nk_care_correct (f->store, centre (f), &f->staff, original, &e, &error);
  g_assert_null (again);
  g_assert_error (error, NK_KIND_ERROR, NK_KIND_ERROR_CORRECTED);
  g_clear_error (&error);

  gone = nk_care_delete (f->store, centre (f), &f->staff, NK_CARE_MEAL, fixed, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_lines (f, "c1", NK_DAY_MEAL, NULL), ==, 0);
  g_assert_cmpint (nk_test_count (f->store, "SELECT count (*) FROM care_meals"), ==, 3);
  g_assert_cmpint (nk_test_count (f->store, "SELECT count (*) FROM outbox WHERE type = 'care_meal'"), ==, 3);
  g_assert_false (nk_care_get (f->store, NK_CARE_MEAL, original, &error)->stands);
}

/* An incident line needs the guardian's acknowledgement and is flagged;
 * staff see it is still to be told; it can be listed and deleted. */
static void
test_incident (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (NkCareResult) result = NULL;
  g_autoptr (NkDaySet) set = NULL;
  g_autoptr (GPtrArray) list = NULL;
  g_autoptr (GPtrArray) lines = NULL;
  g_autofree char *gone = NULL;
  NkCareEntry e = { .what = NK_CARE_INCIDENT, .text = "Bumped head on a table", .place = "Classroom",
                    .first_aid = "Cold compress", .told = "not_yet" };
  NkDayLine *line;
  const char *id;

  e.at_us = f->clock.real_us - MINUTES (10);
  result = record_one (f, "c2", &e, &error);
  g_assert_no_error (error);
  id = result->ids->pdata[0];

  set = nk_day_set_load_child (f->store, centre (f), "c2", DATE, &error);
  lines = nk_child_day_get_lines (nk_day_set_find (set, "c2"), NK_DAY_INCIDENT);
  g_assert_cmpuint (lines->len, ==, 1);
  line = lines->pdata[0];
  g_assert_true (line->flags & NK_DAY_LINE_NEEDS_ACK);
  g_assert_true (line->flags & NK_DAY_LINE_FLAGGED);
  g_assert_cmpstr (line->record_id, ==, id);
  g_assert_cmpint (line->at_us, ==, e.at_us);
  g_assert_nonnull (strstr (line->detail, "Cold compress"));
  g_assert_cmpint (nk_child_day_get_mark (nk_day_set_find (set, "c2"), "care.incident")->level, ==,
                   NK_DAY_MARK_DUE);

  list = nk_care_incident_list (f->store, "c2", DATE, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (((NkCareRow *) list->pdata[0])->entry.place, ==, "Classroom");
  g_assert_true (nk_care_incident_stands (f->store, "c2", id));
  g_assert_false (nk_care_incident_stands (f->store, "c1", id));

  gone = nk_care_delete (f->store, centre (f), &f->staff, NK_CARE_INCIDENT, id, &error);
  g_assert_no_error (error);
  g_assert_false (nk_care_incident_stands (f->store, "c2", id));
  g_clear_pointer (&list, g_ptr_array_unref);
  list = nk_care_incident_list (f->store, "c2", DATE, &error);
  g_assert_cmpuint (list->len, ==, 0);
}

/* 37.3 °C is flagged and marks a fever; 37.2 is not; a later normal
 * temperature takes the mark away. */
static void
test_fever (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  NkCareEntry e = { .what = NK_CARE_TEMPERATURE, .tenths = 372 };
  struct { gint64 tenths; gboolean fever; } steps[] = { { 372, FALSE }, { 373, TRUE }, { 368, FALSE } };

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_autoptr (NkCareResult) result = NULL;
      g_autoptr (NkDaySet) set = NULL;
      const NkDayMark *mark;

      nk_test_clock_advance (&f->clock, MINUTES (5));
      e.tenths = steps[i].tenths;
      result = record_one (f, "c1", &e, &error);
      g_assert_no_error (error);
      set = nk_day_set_load_room (f->store, centre (f), "r1", DATE, &error);
      mark = nk_child_day_get_mark (nk_day_set_find (set, "c1"), "care.fever");
      g_assert_true ((mark != NULL) == steps[i].fever);
      if (mark != NULL)
        {
          g_assert_cmpint (mark->level, ==, NK_DAY_MARK_WARNING);
          g_assert_cmpstr (mark->label, ==, "Fever 37.3 °C");
        }
    }
}

/* The other door of the centre gets the bottle as it was recorded: the
 * kind is found by its type, the payload passes the same checks and
 * writes the same row, with the other kiosk's device; a payload out of
 * range is refused naming the member. */
static void
test_relayed (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (NkCareResult) result = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (NkStore) other = NULL;
  g_autoptr (NkDaySet) set = NULL;
  g_autoptr (GPtrArray) bottles = NULL;
  g_autofree char *other_dir = NULL;
  g_autofree char *json = NULL;
  NkCareEntry e = { .what = NK_CARE_BOTTLE, .ml = 150, .milk = "breast_milk" };
  const NkKind *kind = nk_kind_find ("care_bottle");
  const char *field = NULL;
  JsonObject *payload;

  g_assert_true (kind == &nk_care_bottle_kind);
  result = record_one (f, "c1", &e, &error);
  g_assert_no_error (error);
  json = nk_test_text (f->store, "SELECT payload FROM outbox WHERE type = 'care_bottle'");
  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  payload = json_node_get_object (json_parser_get_root (parser));

  other = nk_test_store_new ("care-log-other", &other_dir);
  put_roster (other);
  g_assert_true (nk_kind_check_relayed (kind, payload, f->clock.real_us, &field, &error));
  g_assert_no_error (error);
  g_assert_true (nk_kind_write_relayed (kind, other, result->ids->pdata[0], f->clock.real_us,
                                        "door-b", payload, &error));
  g_assert_no_error (error);
  g_assert_cmpint (nk_test_count (other, "SELECT count (*) FROM care_bottles WHERE device_id = 'door-b' "
                                  "AND ml = 150 AND milk = 'breast_milk' AND by_id = 's1'"), ==, 1);
  set = nk_day_set_load_child (other, centre (f), "c1", DATE, &error);
  bottles = nk_child_day_get_lines (nk_day_set_find (set, "c1"), NK_DAY_BOTTLE);
  g_assert_cmpuint (bottles->len, ==, 1);
  g_assert_cmpstr (((NkDayLine *) bottles->pdata[0])->detail, ==, "150 ml · Breast milk");

  json_object_set_int_member (payload, "ml", 401);
  g_assert_false (nk_kind_check_relayed (kind, payload, f->clock.real_us, &field, &error));
  g_assert_error (error, NK_KIND_ERROR, NK_KIND_ERROR_INVALID);
  g_assert_cmpstr (field, ==, "payload.ml");
  g_clear_object (&other);
  nk_test_dir_remove (other_dir);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, setup, fn, teardown)
  ADD ("/nk/care/ranges", test_ranges);
  ADD ("/nk/care/future", test_future);
  ADD ("/nk/care/room-lunch", test_room_lunch);
  ADD ("/nk/care/one-transaction", test_one_transaction);
  ADD ("/nk/care/absent", test_absent);
  ADD ("/nk/care/correct-delete", test_correct_delete);
  ADD ("/nk/care/incident", test_incident);
  ADD ("/nk/care/fever", test_fever);
  ADD ("/nk/care/relayed", test_relayed);

  return g_test_run ();
}
