/* test-absence.c — illness absences and outbreak alerts (nk-absence.h,
 * nk-outbreak.h) on a fake clock: the list's time boundary and open days,
 * who is expected, a child who checks in late, a leave of several days,
 * every rule's message, the room and centre thresholds (once only, a
 * reason older than the window left out), corrections and deletions, the
 * director's acknowledgement, the door note and day mark back after an
 * illness, and the relay: applied at the other door without raising
 * there, hostile payloads refused with their reason. */
#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gi18n.h>

#include "core/nk-absence.h"
#include "core/nk-child-day.h"
#include "core/nk-outbreak.h"
#include "core/nk-relay.h"
#include "core/nk-roster.h"
#include "nk-test-util.h"

#define MINUTES(m) ((gint64) (m) * 60 * G_USEC_PER_SEC)
#define DAYS(d)    ((gint64) (d) * 24 * MINUTES (60))
/* 2026-11-23 09:30 in Shanghai, a Monday */
#define MONDAY_0930 (NK_TEST_MONDAY_8AM_US + MINUTES (90))

typedef struct {
  char        *dir;
  NkStore     *store;
  NkDoor      *door;
  NkTestClock  clock;
} Fixture;

/* Children c1…c6 in r1 "Toddlers", c7…c12 in r2 "Seniors"; each came on
 * Friday 2026-11-20, except c12 who never came; staff s-c (caregiver) and
 * s-d (director). */
static void
setup_kiosk (Fixture *f, const char *name)
{
  GError *error = NULL;

  f->store = nk_test_store_new (name, &f->dir);
  nk_test_put_toddlers (f->store);
  g_assert_true (nk_roster_put_room (f->store, "r2", "Seniors", NK_ROOM_SENIOR_TODDLER, 20, &error));
  for (guint i = 3; i <= 12; i++)
    {
      g_autofree char *id = g_strdup_printf ("c%u", i);
      g_autofree char *child_name = g_strdup_printf ("Child %u", i);

      g_assert_true (nk_roster_put_child (f->store, id, child_name, "2024-06-01", i <= 6 ? "r1" : "r2",
                                          NULL, NULL, &error));
    }
  nk_test_put_child_cards (f->store, 12);
  g_assert_true (nk_roster_put_staff (f->store, "s-c", "Teacher Zhang", NK_STAFF_CAREGIVER, NULL, "r1", &error));
  g_assert_true (nk_roster_put_staff (f->store, "s-d", "Director Du", NK_STAFF_DIRECTOR, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (nk_store_exec (f->store,
                                "INSERT INTO attendance (id, child_id, kind, at_us, local_date, by_kind, device_id, "
                                "  method, room_id) "
                                "SELECT 'fri-' || id, id, 'in', 1795132800000000, '2026-11-20', 'child', 'x', 'card', "
                                "  room_id FROM children WHERE id != 'c12'",
                                &error));
  g_assert_no_error (error);
  f->door = nk_test_door_at (f->store, &f->clock, MONDAY_0930);
  nk_door_set_debounce (f->door, 0);
}

static void
setup (Fixture *f, gconstpointer data)
{
  nk_absence_settings_set (&(NkAbsenceSettings) { 9 * 60 + 30, 0x3e /* Monday to Friday */ });
  nk_outbreak_settings_set (&(NkOutbreakSettings) { 3, 5, 3 });
  setup_kiosk (f, "absence");
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

static GPtrArray *
list (Fixture *f, const char *room)
{
  g_autoptr (GError) error = NULL;
  GPtrArray *items = nk_absence_list (f->store, centre (f), room, f->clock.real_us, &error);

  g_assert_no_error (error);
  g_assert_nonnull (items);
  return items;
}

static NkAbsenceItem *
find (GPtrArray *items, const char *child)
{
  for (guint i = 0; i < items->len; i++)
    if (g_str_equal (((NkAbsenceItem *) items->pdata[i])->child_id, child))
      return items->pdata[i];
  return NULL;
}

/* Records a reason; returns its id, or NULL with error. */
static char *
record (Fixture *f, const char *child, NkAbsenceReason reason, guint symptoms, const char *other,
        const char *until, const char *corrects, GError **error)
{
  NkAbsence a = { child, reason, symptoms, other, until };

  return nk_absence_record (f->store, centre (f), "s-c", &a, corrects, error);
}

static char *
record_ok (Fixture *f, const char *child, NkAbsenceReason reason, guint symptoms)
{
  g_autoptr (GError) error = NULL;
  char *id = record (f, child, reason, symptoms, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (id);
  return id;
}

static gint64
n_outbreaks (Fixture *f)
{
  return nk_test_count (f->store, "SELECT count(*) FROM outbox WHERE type = 'outbreak.suspected'");
}

static void
check_in (Fixture *f, guint child)
{
  g_autofree char *uid = g_strdup_printf ("%08u", 4000000 + child);
  g_autoptr (NkTapResult) result = nk_test_tap (f->door, uid);

  g_assert_cmpint (result->outcome, ==, NK_TAP_CHECKED_IN);
}

/* ---------------------------------------------------------------- labels */

static void
test_labels (void)
{
  g_autofree char *two = NULL;
  g_autofree char *other = NULL;
  NkAbsenceReason reason;
  NkSymptom symptom;

  for (guint i = 0; i < NK_SYMPTOM_N; i++)
    {
      g_assert_true (nk_symptom_from_string (nk_symptom_to_string (nk_symptom_nth (i)), &symptom));
      g_assert_cmpint (symptom, ==, nk_symptom_nth (i));
      g_assert_cmpstr (nk_symptom_label (symptom), !=, "");
    }
  g_assert_cmpstr (nk_symptom_to_string (NK_SYMPTOM_HFMD), ==, "hfmd");
  g_assert_false (nk_symptom_from_string ("flu", &symptom));
  g_assert_true (nk_absence_reason_from_string ("leave", &reason));
  g_assert_cmpint (reason, ==, NK_ABSENCE_LEAVE);
  g_assert_false (nk_absence_reason_from_string (NULL, &reason));
  two = nk_symptoms_describe (NK_SYMPTOM_FEVER | NK_SYMPTOM_COUGH, NULL);
  g_assert_cmpstr (two, ==, "Fever, Cough");
  other = nk_symptoms_describe (NK_SYMPTOM_OTHER, "red eyes");
  g_assert_cmpstr (other, ==, "red eyes");
}

/* The banner in Chinese, as the door shows it (疑似聚集性疫情：托小班 今天
 * 3 名儿童因发热缺勤); skipped when the catalogue is not built. */
static void
test_describe_zh (void)
{
  g_autofree char *mo = g_build_filename (g_getenv ("NK_LOCALEDIR") ? g_getenv ("NK_LOCALEDIR") : ".", "zh_CN",
                                          "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  NkOutbreak room = { .scope = NK_OUTBREAK_ROOM, .room_id = (char *) "r1", .room_name = (char *) "托小班",
                      .symptom = NK_SYMPTOM_FEVER, .n_children = 3, .from_date = (char *) "2026-11-23",
                      .to_date = (char *) "2026-11-23", .days_ago = 0 };
  NkOutbreak centre = { .scope = NK_OUTBREAK_CENTRE, .symptom = NK_SYMPTOM_HFMD, .n_children = 5,
                        .from_date = (char *) "2026-11-21", .to_date = (char *) "2026-11-23" };
  g_autofree char *today = NULL;
  g_autofree char *earlier = NULL;
  g_autofree char *whole = NULL;
  g_autofree char *symptoms = NULL;

  if (!g_file_test (mo, G_FILE_TEST_EXISTS) || setlocale (LC_ALL, "zh_CN.UTF-8") == NULL)
    {
      g_test_skip ("no zh_CN catalogue or locale");
      return;
    }
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("NK_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  today = nk_outbreak_describe (&room);
  room.days_ago = 1;
  earlier = nk_outbreak_describe (&room);
  whole = nk_outbreak_describe (&centre);
  symptoms = nk_symptoms_describe (NK_SYMPTOM_FEVER | NK_SYMPTOM_RASH, NULL);
  g_setenv ("LANGUAGE", "C", TRUE);
  setlocale (LC_ALL, "C");
  g_assert_cmpstr (today, ==, "疑似聚集性疫情：托小班 今天 3 名儿童因发热缺勤");
  g_assert_cmpstr (earlier, ==, "疑似聚集性疫情：托小班 2026-11-23 3 名儿童因发热缺勤");
  g_assert_cmpstr (whole, ==, "疑似聚集性疫情：全园 3 天内（2026-11-21 起）5 名儿童因手足口症状缺勤");
  g_assert_cmpstr (symptoms, ==, "发热、皮疹");
}

/* ---------------------------------------------------------------- the list */

/* 09:29:59 nothing; 09:30:00 every child who came before and is not here
 * (c12, who never came, is not expected); a day that is not open lists
 * nobody. */
static void
test_list_time (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) before = NULL;
  g_autoptr (GPtrArray) at = NULL;
  g_autoptr (GPtrArray) room = NULL;
  g_autoptr (GPtrArray) saturday = NULL;
  g_autoptr (GPtrArray) open_saturday = NULL;
  NkAbsenceItem *item;

  f->clock.real_us = MONDAY_0930 - G_USEC_PER_SEC;
  before = list (f, NULL);
  g_assert_cmpuint (before->len, ==, 0);
  f->clock.real_us = MONDAY_0930;
  at = list (f, NULL);
  g_assert_cmpuint (at->len, ==, 11);
  g_assert_null (find (at, "c12"));
  item = at->pdata[0];
  g_assert_cmpstr (item->room_name, ==, "Seniors");
  g_assert_false (item->recorded);
  g_assert_null (item->absence_id);
  room = list (f, "r1");
  g_assert_cmpuint (room->len, ==, 6);
  /* a child who never came is listed once a reason is recorded for them */
  g_free (record_ok (f, "c12", NK_ABSENCE_LEAVE, 0));
  g_clear_pointer (&at, g_ptr_array_unref);
  at = list (f, NULL);
  g_assert_cmpuint (at->len, ==, 12);
  g_assert_true (find (at, "c12")->recorded);
  g_assert_cmpstr (((NkAbsenceItem *) room->pdata[0])->child_name, ==, "An");

  f->clock.real_us = MONDAY_0930 + DAYS (5);
  saturday = list (f, NULL);
  g_assert_cmpuint (saturday->len, ==, 0);
  nk_absence_settings_set (&(NkAbsenceSettings) { 9 * 60 + 30, 0x7e /* Monday to Saturday */ });
  open_saturday = list (f, NULL);
  g_assert_cmpuint (open_saturday->len, ==, 11);   /* c12's leave was Monday's only */
}

/* A child checked in drops off; one checked in late too, with the reason
 * recorded standing; an inactive child is not expected. */
static void
test_late (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) first = NULL;
  g_autoptr (GPtrArray) later = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *id = NULL;
  NkAbsenceItem *item;

  check_in (f, 1);
  id = record_ok (f, "c2", NK_ABSENCE_UNKNOWN, 0);
  g_assert_true (nk_roster_set_child_active (f->store, "c3", FALSE, &error));
  g_assert_no_error (error);
  first = list (f, "r1");
  g_assert_null (find (first, "c1"));
  g_assert_null (find (first, "c3"));
  item = find (first, "c2");
  g_assert_nonnull (item);
  g_assert_true (item->recorded);
  g_assert_cmpstr (item->absence_id, ==, id);
  g_assert_cmpint (item->reason, ==, NK_ABSENCE_UNKNOWN);
  g_assert_cmpstr (item->staff_name, ==, "Teacher Zhang");

  nk_test_clock_advance (&f->clock, MINUTES (45));
  check_in (f, 2);
  later = list (f, "r1");
  g_assert_null (find (later, "c2"));
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM absences"), ==, 1);
}

/* A leave Monday to Wednesday: listed with it on Monday, not on Tuesday
 * nor Wednesday, expected again on Thursday. */
static void
test_leave_days (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *id = record (f, "c4", NK_ABSENCE_LEAVE, 0, NULL, "2026-11-25", NULL, &error);
  g_autoptr (GPtrArray) monday = NULL;
  g_autoptr (GPtrArray) tuesday = NULL;
  g_autoptr (GPtrArray) wednesday = NULL;
  g_autoptr (GPtrArray) thursday = NULL;
  NkAbsenceItem *item;
  guint n;

  g_assert_no_error (error);
  monday = list (f, "r1");
  item = find (monday, "c4");
  g_assert_true (item->recorded);
  g_assert_cmpstr (item->until_date, ==, "2026-11-25");
  g_assert_true (nk_absence_count_open (f->store, centre (f), "r1", f->clock.real_us, &n, &error));
  g_assert_cmpuint (n, ==, 5);
  nk_test_clock_advance (&f->clock, DAYS (1));
  tuesday = list (f, "r1");
  g_assert_null (find (tuesday, "c4"));
  g_assert_cmpuint (tuesday->len, ==, 5);
  nk_test_clock_advance (&f->clock, DAYS (1));
  wednesday = list (f, "r1");
  g_assert_null (find (wednesday, "c4"));
  /* and a second reason for a day it covers is refused */
  g_assert_null (record (f, "c4", NK_ABSENCE_UNKNOWN, 0, NULL, NULL, NULL, &error));
  g_assert_error (error, NK_STORE_ERROR, NK_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "away until 2026-11-25"));
  nk_test_clock_advance (&f->clock, DAYS (1));
  thursday = list (f, "r1");
  g_assert_nonnull (find (thursday, "c4"));
  g_assert_false (find (thursday, "c4")->recorded);
}

/* ---------------------------------------------------------------- rules */

typedef struct {
  const char     *child;
  NkAbsenceReason reason;
  guint           symptoms;
  const char     *other;
  const char     *until;
  int             code;
  const char     *message;
} RuleCase;

static void
test_rules (Fixture *f, gconstpointer data)
{
  g_autofree char *long_text = g_strnfill (101, 'x');
  g_autoptr (GError) error = NULL;
  const RuleCase cases[] = {
    { "nobody", NK_ABSENCE_LEAVE, 0, NULL, NULL, NK_STORE_ERROR_NOT_FOUND, "No child with id nobody" },
    { "c3", NK_ABSENCE_LEAVE, 0, NULL, NULL, NK_STORE_ERROR_INVALID, "has left the centre" },
    { "c5", NK_ABSENCE_LEAVE, 0, NULL, NULL, NK_STORE_ERROR_INVALID, "has no room" },
    { "c1", NK_ABSENCE_LEAVE, 0, NULL, NULL, NK_STORE_ERROR_INVALID, "was checked in that day" },
    { "c2", NK_ABSENCE_LEAVE, 0, NULL, NULL, NK_STORE_ERROR_INVALID, "already recorded" },
    { "c4", 7, 0, NULL, NULL, NK_STORE_ERROR_INVALID, "Choose illness, leave or unknown" },
    { "c4", NK_ABSENCE_ILLNESS, 1 << 9, NULL, NULL, NK_STORE_ERROR_INVALID, "not in the list" },
    { "c4", NK_ABSENCE_ILLNESS, 0, NULL, NULL, NK_STORE_ERROR_INVALID, "at least one symptom" },
    { "c4", NK_ABSENCE_LEAVE, NK_SYMPTOM_FEVER, NULL, NULL, NK_STORE_ERROR_INVALID, "only for an illness" },
    { "c4", NK_ABSENCE_ILLNESS, NK_SYMPTOM_OTHER, "  ", NULL, NK_STORE_ERROR_INVALID, "Say what the other" },
    { "c4", NK_ABSENCE_ILLNESS, NK_SYMPTOM_FEVER, "red eyes", NULL, NK_STORE_ERROR_INVALID, "kept only with" },
    { "c4", NK_ABSENCE_ILLNESS, NK_SYMPTOM_OTHER, long_text, NULL, NK_STORE_ERROR_INVALID, "too long" },
    { "c4", NK_ABSENCE_UNKNOWN, 0, NULL, "2026-11-24", NK_STORE_ERROR_INVALID, "one day only" },
    { "c4", NK_ABSENCE_LEAVE, 0, NULL, "2026-11-31", NK_STORE_ERROR_INVALID, "a real day" },
    { "c4", NK_ABSENCE_LEAVE, 0, NULL, "2026-11-22", NK_STORE_ERROR_INVALID, "before the first" },
    { "c4", NK_ABSENCE_LEAVE, 0, NULL, "2026-12-24", NK_STORE_ERROR_INVALID, "30 days at most" },
  };
  g_autofree char *c2 = NULL;
  g_autofree char *c6 = NULL;
  g_autofree char *fixed = NULL;
  g_autofree char *thirty = NULL;

  g_assert_true (nk_roster_set_child_active (f->store, "c3", FALSE, &error));
  g_assert_true (nk_store_exec (f->store, "UPDATE children SET room_id = NULL WHERE id = 'c5'", &error));
  g_assert_no_error (error);
  check_in (f, 1);
  c2 = record_ok (f, "c2", NK_ABSENCE_UNKNOWN, 0);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) e = NULL;
      g_autofree char *id = NULL;

      g_test_message ("case %u: %s", i, cases[i].message);
      id = record (f, cases[i].child, cases[i].reason, cases[i].symptoms, cases[i].other, cases[i].until, NULL, &e);
      g_assert_null (id);
      g_assert_error (e, NK_STORE_ERROR, cases[i].code);
      g_assert_nonnull (strstr (e->message, cases[i].message));
    }
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM absences"), ==, 1);
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM outbox WHERE type = 'absence.reason'"), ==, 1);

  /* 30 days is accepted; an "other" described is kept trimmed */
  thirty = record (f, "c4", NK_ABSENCE_ILLNESS, NK_SYMPTOM_OTHER, " red eyes ", "2026-12-23", NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (thirty);
  nk_test_assert_text (f->store, "SELECT other_symptom FROM absences WHERE child_id = 'c4'", "red eyes");

  /* corrections: of another child's reason, of one corrected already */
  c6 = record_ok (f, "c6", NK_ABSENCE_UNKNOWN, 0);
  g_assert_null (record (f, "c2", NK_ABSENCE_LEAVE, 0, NULL, NULL, c6, &error));
  g_assert_error (error, NK_STORE_ERROR, NK_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "not this child"));
  g_clear_error (&error);
  fixed = record (f, "c2", NK_ABSENCE_LEAVE, 0, NULL, NULL, c2, &error);
  g_assert_no_error (error);
  g_assert_null (record (f, "c2", NK_ABSENCE_ILLNESS, NK_SYMPTOM_FEVER, NULL, NULL, c2, &error));
  g_assert_error (error, NK_STORE_ERROR, NK_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "corrected already"));
  g_clear_error (&error);

  /* a child moved up a room since: the correction keeps the room of then */
  g_assert_true (nk_store_exec (f->store, "UPDATE children SET room_id = 'r2' WHERE id = 'c6'", &error));
  g_free (record (f, "c6", NK_ABSENCE_LEAVE, 0, NULL, NULL, c6, &error));
  g_assert_no_error (error);
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM absences WHERE child_id = 'c6' "
                                  "AND corrects IS NOT NULL AND room_id = 'r1'"), ==, 1);
}

/* ---------------------------------------------------------------- the outbreak rule */

static void
on_changed (NkStore *store, const char *kind, GStrv ids, guint *n)
{
  (*n)++;
}

/* 2 with fever: nothing; the 3rd: one event naming the three; the 4th:
 * nothing more.  Fever in another room does not count for this one (and
 * the centre's 5 are not reached: 4 with fever in all). */
static void
test_room_threshold (Fixture *f, gconstpointer data)
{
  g_autofree char *a = record_ok (f, "c1", NK_ABSENCE_ILLNESS, NK_SYMPTOM_FEVER);
  g_autofree char *b = record_ok (f, "c7", NK_ABSENCE_ILLNESS, NK_SYMPTOM_FEVER);   /* r2 */
  g_autofree char *c = record_ok (f, "c2", NK_ABSENCE_ILLNESS, NK_SYMPTOM_RASH | NK_SYMPTOM_COUGH);
  g_autofree char *c_fixed = NULL;
  g_autofree char *d = NULL;
  g_autofree char *e = NULL;
  g_autofree char *payload = NULL;
  g_autoptr (GPtrArray) open = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *banner = NULL;
  NkOutbreak *o;

  guint n_reasons = 0, n_raised = 0;

  g_signal_connect (f->store, "changed::absence.reason", G_CALLBACK (on_changed), &n_reasons);
  g_signal_connect (f->store, "changed::outbreak.suspected", G_CALLBACK (on_changed), &n_raised);
  g_assert_cmpint (n_outbreaks (f), ==, 0);
  d = record_ok (f, "c3", NK_ABSENCE_ILLNESS, NK_SYMPTOM_FEVER);
  g_assert_cmpuint (n_reasons, ==, 1);
  g_assert_cmpuint (n_raised, ==, 0);
  g_assert_cmpint (n_outbreaks (f), ==, 0);   /* c1, c3 in r1 */
  /* c2's reason corrected: fever after all (the crossing one) */
  c_fixed = record (f, "c2", NK_ABSENCE_ILLNESS, NK_SYMPTOM_FEVER | NK_SYMPTOM_COUGH, NULL, NULL, c, &error);
  g_assert_no_error (error);
  g_assert_cmpint (n_outbreaks (f), ==, 1);
  g_assert_cmpuint (n_reasons, ==, 2);
  g_assert_cmpuint (n_raised, ==, 1);
  payload = nk_test_text (f->store, "SELECT payload FROM outbox WHERE type = 'outbreak.suspected'");
  g_assert_nonnull (strstr (payload, "\"scope\":\"room\""));
  g_assert_nonnull (strstr (payload, "\"room_id\":\"r1\""));
  g_assert_nonnull (strstr (payload, "\"symptom\":\"fever\""));
  g_assert_nonnull (strstr (payload, "\"child_ids\":[\"c1\",\"c2\",\"c3\"]"));
  g_assert_nonnull (strstr (payload, "\"n_children\":3"));
  g_assert_nonnull (strstr (payload, "\"from_date\":\"2026-11-23\",\"to_date\":\"2026-11-23\""));
  g_assert_nonnull (strstr (payload, "\"by_kind\":\"system\""));
  e = record_ok (f, "c4", NK_ABSENCE_ILLNESS, NK_SYMPTOM_FEVER);
  g_assert_cmpint (n_outbreaks (f), ==, 2);   /* not the room again: the centre's 5th (c1–c4, c7) */
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM outbreaks WHERE scope = 'room'"), ==, 1);

  open = nk_outbreak_list_open (f->store, centre (f), f->clock.real_us, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (open->len, ==, 2);
  o = open->pdata[1];   /* newest first: the centre's, then the room's */
  g_assert_cmpint (o->scope, ==, NK_OUTBREAK_ROOM);
  g_assert_cmpstr (o->room_name, ==, "Toddlers");
  g_assert_cmpint (o->symptom, ==, NK_SYMPTOM_FEVER);
  g_assert_cmpuint (o->n_children, ==, 3);
  g_assert_cmpuint (g_strv_length (o->child_ids), ==, 3);
  g_assert_cmpint (o->days_ago, ==, 0);
  banner = nk_outbreak_describe (o);
  g_assert_cmpstr (banner, ==, "Suspected outbreak: 3 children of Toddlers absent with fever today");
}

/* 5 children with fever in 3 days across rooms (never 3 in a room on a
 * day): a centre outbreak on the 5th; a reason 4 days old is outside. */
static void
test_centre_threshold (Fixture *f, gconstpointer data)
{
  g_autofree char *ids[6] = { NULL };
  g_autoptr (GPtrArray) open = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *payload = NULL;
  g_autofree char *banner = NULL;

  ids[0] = record_ok (f, "c1", NK_ABSENCE_ILLNESS, NK_SYMPTOM_DIARRHOEA);            /* Mon: outside by Thu */
  nk_test_clock_advance (&f->clock, DAYS (1));
  ids[1] = record_ok (f, "c2", NK_ABSENCE_ILLNESS, NK_SYMPTOM_DIARRHOEA);            /* Tue */
  ids[2] = record_ok (f, "c7", NK_ABSENCE_ILLNESS, NK_SYMPTOM_DIARRHOEA);
  nk_test_clock_advance (&f->clock, DAYS (2));
  ids[3] = record_ok (f, "c3", NK_ABSENCE_ILLNESS, NK_SYMPTOM_DIARRHOEA);            /* Thu */
  ids[4] = record_ok (f, "c8", NK_ABSENCE_ILLNESS, NK_SYMPTOM_DIARRHOEA);
  g_assert_cmpint (n_outbreaks (f), ==, 0);   /* 4 in Tue–Thu: Monday's is 4 days old */
  /* three of a room with "other" symptoms are not one symptom */
  g_free (record (f, "c4", NK_ABSENCE_ILLNESS, NK_SYMPTOM_OTHER, "red eyes", NULL, NULL, &error));
  g_free (record (f, "c5", NK_ABSENCE_ILLNESS, NK_SYMPTOM_OTHER, "earache", NULL, NULL, &error));
  g_free (record (f, "c6", NK_ABSENCE_ILLNESS, NK_SYMPTOM_OTHER, "red eyes", NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (n_outbreaks (f), ==, 0);
  ids[5] = record_ok (f, "c9", NK_ABSENCE_ILLNESS, NK_SYMPTOM_DIARRHOEA);
  g_assert_cmpint (n_outbreaks (f), ==, 1);
  payload = nk_test_text (f->store, "SELECT payload FROM outbox WHERE type = 'outbreak.suspected'");
  g_assert_nonnull (strstr (payload, "\"scope\":\"centre\",\"room_id\":null"));
  g_assert_nonnull (strstr (payload, "\"child_ids\":[\"c2\",\"c3\",\"c7\",\"c8\",\"c9\"]"));
  g_assert_nonnull (strstr (payload, "\"from_date\":\"2026-11-24\",\"to_date\":\"2026-11-26\""));
  open = nk_outbreak_list_open (f->store, centre (f), f->clock.real_us, &error);
  g_assert_cmpuint (open->len, ==, 1);
  banner = nk_outbreak_describe (open->pdata[0]);
  g_assert_cmpstr (banner, ==,
                   "Suspected outbreak: 5 children of the centre absent with diarrhoea within 3 days "
                   "(from 2026-11-24)");

  /* a 6th the next day, in the same window: nothing more */
  nk_test_clock_advance (&f->clock, DAYS (1));
  g_free (ids[0]);
  ids[0] = record_ok (f, "c10", NK_ABSENCE_ILLNESS, NK_SYMPTOM_DIARRHOEA);
  g_assert_cmpint (n_outbreaks (f), ==, 1);
}

/* Only standing reasons count: a correction taking the symptom away, a
 * deletion, and a correction adding it. */
static void
test_corrections (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *a = record_ok (f, "c1", NK_ABSENCE_ILLNESS, NK_SYMPTOM_RASH);
  g_autofree char *b = record_ok (f, "c2", NK_ABSENCE_ILLNESS, NK_SYMPTOM_RASH);
  g_autofree char *b2 = record (f, "c2", NK_ABSENCE_ILLNESS, NK_SYMPTOM_COUGH, NULL, NULL, b, &error);
  g_autofree char *c = NULL;
  g_autofree char *d = NULL;
  g_autofree char *d2 = NULL;

  g_assert_no_error (error);
  c = record_ok (f, "c3", NK_ABSENCE_ILLNESS, NK_SYMPTOM_RASH);
  g_assert_cmpint (n_outbreaks (f), ==, 0);   /* c2's rash was corrected away */
  g_assert_true (nk_absence_delete (f->store, centre (f), "s-c", c, &error));
  g_assert_no_error (error);
  d = record_ok (f, "c4", NK_ABSENCE_ILLNESS, NK_SYMPTOM_RASH);
  g_assert_cmpint (n_outbreaks (f), ==, 0);   /* c1, c4: c3's was deleted */
  d2 = record (f, "c2", NK_ABSENCE_ILLNESS, NK_SYMPTOM_COUGH | NK_SYMPTOM_RASH, NULL, NULL, b2, &error);
  g_assert_no_error (error);
  g_assert_cmpint (n_outbreaks (f), ==, 1);   /* the correction of a correction adds it back */
  nk_test_assert_text (f->store, "SELECT child_ids FROM outbreaks", "[\"c1\",\"c2\",\"c4\"]");
  /* a deleted reason is off the list's "recorded" */
  {
    g_autoptr (GPtrArray) items = list (f, "r1");

    g_assert_false (find (items, "c3")->recorded);
  }
}

/* Only the director acknowledges; once. */
static void
test_acknowledge (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) open = NULL;
  g_autoptr (GPtrArray) after = NULL;
  g_autofree char *long_note = g_strnfill (201, 'n');
  g_autofree char *ids[3] = { NULL };
  const char *id;

  ids[0] = record_ok (f, "c1", NK_ABSENCE_ILLNESS, NK_SYMPTOM_VOMITING);
  ids[1] = record_ok (f, "c2", NK_ABSENCE_ILLNESS, NK_SYMPTOM_VOMITING);
  ids[2] = record_ok (f, "c3", NK_ABSENCE_ILLNESS, NK_SYMPTOM_VOMITING);
  open = nk_outbreak_list_open (f->store, centre (f), f->clock.real_us, &error);
  g_assert_cmpuint (open->len, ==, 1);
  id = ((NkOutbreak *) open->pdata[0])->id;

  g_assert_false (nk_outbreak_acknowledge (f->store, centre (f), "s-c", id, NULL, &error));
  g_assert_error (error, NK_STORE_ERROR, NK_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Only the director"));
  g_clear_error (&error);
  g_assert_false (nk_outbreak_acknowledge (f->store, centre (f), "s-d", "no-such-alert", NULL, &error));
  g_assert_error (error, NK_STORE_ERROR, NK_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (nk_outbreak_acknowledge (f->store, centre (f), "s-d", id, long_note, &error));
  g_assert_error (error, NK_STORE_ERROR, NK_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "too long"));
  g_clear_error (&error);
  g_assert_true (nk_outbreak_acknowledge (f->store, centre (f), "s-d", id, " reported to the CDC ", &error));
  g_assert_no_error (error);
  nk_test_assert_text (f->store, "SELECT note FROM outbreak_acks", "reported to the CDC");
  after = nk_outbreak_list_open (f->store, centre (f), f->clock.real_us, &error);
  g_assert_cmpuint (after->len, ==, 0);
  g_assert_false (nk_outbreak_acknowledge (f->store, centre (f), "s-d", id, NULL, &error));
  g_assert_error (error, NK_STORE_ERROR, NK_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "acknowledged already"));
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM outbox WHERE type = 'outbreak.acknowledged'"),
                   ==, 1);
}

/* ---------------------------------------------------------------- back after an illness */

static gboolean
has_note (NkTapResult *result, const char *key)
{
  for (guint i = 0; result->notes != NULL && i < result->notes->len; i++)
    {
      NkTapNote *note = result->notes->pdata[i];

      if (g_str_equal (note->key, key))
        return note->audience == NK_NOTE_STAFF && note->level == NK_NOTE_WARNING;
    }
  return FALSE;
}

static const char *
note_text (NkTapResult *result, const char *key)
{
  for (guint i = 0; result->notes != NULL && i < result->notes->len; i++)
    if (g_str_equal (((NkTapNote *) result->notes->pdata[i])->key, key))
      return ((NkTapNote *) result->notes->pdata[i])->text;
  return NULL;
}

static gboolean
has_mark (Fixture *f, const char *child)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *today = nk_centre_today (centre (f));
  g_autoptr (NkDaySet) set = nk_day_set_load_room (f->store, centre (f), "r1", today, &error);
  NkChildDay *day;

  g_assert_no_error (error);
  day = nk_day_set_find (set, child);
  for (guint i = 0; day != NULL && i < day->marks->len; i++)
    if (g_str_equal (((NkDayMark *) day->marks->pdata[i])->key, "absence.back"))
      return TRUE;
  return FALSE;
}

/* Back after an illness: a staff warning at the door, and the room's mark
 * until the morning health check; after a leave nothing; not again on the
 * next day. */
static void
test_back (Fixture *f, gconstpointer data)
{
  g_autofree char *ill = record_ok (f, "c1", NK_ABSENCE_ILLNESS, NK_SYMPTOM_FEVER | NK_SYMPTOM_COUGH);
  g_autofree char *away = record_ok (f, "c2", NK_ABSENCE_LEAVE, 0);
  g_autoptr (NkTapResult) back = NULL;
  g_autoptr (NkTapResult) leave = NULL;
  g_autoptr (NkTapResult) next = NULL;
  g_autoptr (GError) error = NULL;

  nk_test_clock_advance (&f->clock, DAYS (1) - MINUTES (60));   /* Tuesday 08:30 */
  back = nk_test_tap (f->door, "04000001");
  g_assert_cmpint (back->outcome, ==, NK_TAP_CHECKED_IN);
  g_assert_true (has_note (back, "absence.back"));
  g_assert_cmpstr (note_text (back, "absence.back"), ==,
                   "An is back after an illness (Fever, Cough): do the health check");
  leave = nk_test_tap (f->door, "04000002");
  g_assert_cmpint (leave->outcome, ==, NK_TAP_CHECKED_IN);
  g_assert_false (has_note (leave, "absence.back"));
  g_assert_true (has_mark (f, "c1"));
  g_assert_false (has_mark (f, "c2"));
  g_assert_true (nk_store_exec (f->store,
                                "INSERT INTO health_checks (id, at_us, local_date, device_id, by_kind, by_id, "
                                "  child_id, check_time, temperature, outcome) "
                                "VALUES ('hc1', 1795482000000000, '2026-11-24', 'x', 'staff', 's-c', 'c1', 'morning', "
                                "  366, 'green')",
                                &error));
  g_assert_no_error (error);
  g_assert_false (has_mark (f, "c1"));

  nk_test_clock_advance (&f->clock, DAYS (1));                   /* Wednesday: came on Tuesday */
  next = nk_test_tap (f->door, "04000001");   /* checks out (came Tuesday, still in) … */
  g_clear_pointer (&next, nk_tap_result_unref);
  next = nk_test_tap (f->door, "04000001");   /* … and in again today */
  g_assert_false (has_note (next, "absence.back"));
}

/* ---------------------------------------------------------------- relay */

/* Door A raises the room's outbreak; door B applies A's reasons without
 * raising one of its own, then A's outbreak, which B lists; a 4th reason
 * recorded at B raises nothing more. */
static void
test_relay (Fixture *f, gconstpointer data)
{
  Fixture b = { NULL };
  g_autofree char *ids[4] = { NULL };
  g_autoptr (GPtrArray) open = NULL;
  g_autoptr (GPtrArray) listed = NULL;
  g_autoptr (GError) error = NULL;

  setup_kiosk (&b, "absence-b");
  ids[0] = record_ok (f, "c1", NK_ABSENCE_ILLNESS, NK_SYMPTOM_HFMD);
  ids[1] = record_ok (f, "c2", NK_ABSENCE_ILLNESS, NK_SYMPTOM_HFMD);
  ids[2] = record_ok (f, "c3", NK_ABSENCE_ILLNESS, NK_SYMPTOM_HFMD);
  g_assert_cmpint (n_outbreaks (f), ==, 1);

  g_assert_cmpuint (nk_test_relay (f->store, b.store, "absence.reason"), ==, 3);
  g_assert_cmpint (nk_test_count (b.store, "SELECT count(*) FROM absences"), ==, 3);
  g_assert_cmpint (nk_test_count (b.store, "SELECT count(*) FROM outbreaks"), ==, 0);
  g_assert_cmpint (nk_test_count (b.store, "SELECT count(*) FROM outbox"), ==, 0);
  listed = nk_absence_list (b.store, centre (&b), "r1", b.clock.real_us, &error);
  g_assert_true (find (listed, "c1")->recorded);

  g_assert_cmpuint (nk_test_relay (f->store, b.store, "outbreak.suspected"), ==, 1);
  open = nk_outbreak_list_open (b.store, centre (&b), b.clock.real_us, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (open->len, ==, 1);
  g_assert_cmpint (((NkOutbreak *) open->pdata[0])->symptom, ==, NK_SYMPTOM_HFMD);

  ids[3] = record_ok (&b, "c4", NK_ABSENCE_ILLNESS, NK_SYMPTOM_HFMD);
  g_assert_cmpint (nk_test_count (b.store, "SELECT count(*) FROM outbox WHERE type = 'outbreak.suspected'"), ==, 0);

  g_assert_cmpuint (nk_test_relay (f->store, b.store, "outbreak.acknowledged"), ==, 0);
  g_assert_true (nk_outbreak_acknowledge (b.store, centre (&b), "s-d",
                                          ((NkOutbreak *) open->pdata[0])->id, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (nk_test_relay (b.store, f->store, "outbreak.acknowledged"), ==, 1);
  g_clear_pointer (&open, g_ptr_array_unref);
  open = nk_outbreak_list_open (f->store, centre (f), f->clock.real_us, &error);
  g_assert_cmpuint (open->len, ==, 0);
  teardown (&b, NULL);
}

/* Two doors record the crossing reasons within one relay interval: A has
 * 2, B 1 (the latest); neither saw 3.  Once each holds the other's, the
 * check after the pull raises one outbreak, at B only; A receives it. */
static void
test_relay_race (Fixture *f, gconstpointer data)
{
  Fixture b = { NULL };
  g_autofree char *ids[3] = { NULL };
  g_autoptr (GPtrArray) raised_a = NULL;
  g_autoptr (GPtrArray) raised_b = NULL;
  g_autoptr (GPtrArray) again = NULL;
  g_autoptr (GPtrArray) open = NULL;
  g_autoptr (GError) error = NULL;

  setup_kiosk (&b, "absence-b");
  ids[0] = record_ok (f, "c1", NK_ABSENCE_ILLNESS, NK_SYMPTOM_VOMITING);
  ids[1] = record_ok (f, "c2", NK_ABSENCE_ILLNESS, NK_SYMPTOM_VOMITING);
  nk_test_clock_advance (&b.clock, MINUTES (1));
  ids[2] = record_ok (&b, "c3", NK_ABSENCE_ILLNESS, NK_SYMPTOM_VOMITING);
  g_assert_cmpint (n_outbreaks (f) + n_outbreaks (&b), ==, 0);
  g_assert_cmpuint (nk_test_relay (f->store, b.store, "absence.reason"), ==, 2);
  g_assert_cmpuint (nk_test_relay (b.store, f->store, "absence.reason"), ==, 1);

  g_assert_true (nk_outbreak_check_all (f->store, centre (f), &raised_a, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (raised_a->len, ==, 0);
  g_assert_true (nk_outbreak_check_all (b.store, centre (&b), &raised_b, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (raised_b->len, ==, 1);
  g_assert_true (nk_outbreak_check_all (b.store, centre (&b), &again, &error));
  g_assert_cmpuint (again->len, ==, 0);
  g_assert_cmpint (n_outbreaks (&b), ==, 1);

  g_assert_cmpuint (nk_test_relay (b.store, f->store, "outbreak.suspected"), ==, 1);
  open = nk_outbreak_list_open (f->store, centre (f), f->clock.real_us, &error);
  g_assert_cmpuint (open->len, ==, 1);
  g_assert_cmpuint (((NkOutbreak *) open->pdata[0])->n_children, ==, 3);
  g_clear_pointer (&raised_a, g_ptr_array_unref);
  g_assert_true (nk_outbreak_check_all (f->store, centre (f), &raised_a, &error));
  g_assert_cmpuint (raised_a->len, ==, 0);
  g_assert_cmpint (n_outbreaks (f), ==, 0);
  teardown (&b, NULL);
}

#define DOOR_B "0c5e1a2b-0000-4000-8000-000000000001"
#define REASON(extra) \
  "{\"child_id\": \"c1\", \"room_id\": \"r1\", \"absent_date\": \"2026-11-23\", \"until_date\": null, " \
  "\"reason\": \"illness\", \"fever\": true, \"cough\": false, \"diarrhoea\": false, \"vomiting\": false, " \
  "\"rash\": false, \"hfmd\": false, \"other\": false, \"other_symptom\": null, " \
  "\"local_date\": \"2026-11-23\", \"by_kind\": \"staff\", \"by_id\": \"s-c\"" extra "}"
#define OUTBREAK(extra) \
  "{\"scope\": \"room\", \"room_id\": \"r1\", \"symptom\": \"fever\", \"n_children\": 3, " \
  "\"from_date\": \"2026-11-23\", \"to_date\": \"2026-11-23\", " \
  "\"local_date\": \"2026-11-23\", \"by_kind\": \"system\"" extra "}"

/* Relayed payloads that must not be applied, each refused with the member
 * at fault; nothing is written. */
static void
test_relay_hostile (Fixture *f, gconstpointer data)
{
  g_autofree char *huge = g_strnfill (10000, 'x');
  g_autofree char *huge_case = g_strdup_printf (REASON (", \"other\": true, \"other_symptom\": \"%s\""), huge);
  const struct { const char *type; const char *payload; const char *field; } cases[] = {
    { "absence.reason", REASON (", \"fever\": \"yes\""), "payload.fever" },
    { "absence.reason", REASON (", \"reason\": \"flu\""), "payload.reason" },
    { "absence.reason", REASON (", \"fever\": false"), "payload.reason" },
    { "absence.reason", huge_case, "payload.other_symptom" },
    { "absence.reason", REASON (", \"other_symptom\": \"red eyes\""), "payload.other_symptom" },
    { "absence.reason", REASON (", \"absent_date\": \"2026-02-30\""), "payload.absent_date" },
    { "absence.reason", REASON (", \"until_date\": \"2027-01-30\""), "payload.until_date" },
    { "absence.reason", REASON (", \"child_id\": \"no such child!\""), "payload.child_id" },
    { "outbreak.suspected", OUTBREAK (", \"child_ids\": [\"c1\", \"c2\", 3]"), "payload.child_ids" },
    { "outbreak.suspected", OUTBREAK (", \"child_ids\": [\"c1\", \"c1\", \"c2\"]"), "payload.child_ids" },
    { "outbreak.suspected", OUTBREAK (", \"child_ids\": [\"c1\", \"c2\"]"), "payload.n_children" },
    { "outbreak.suspected", OUTBREAK (", \"child_ids\": [\"c1\", \"c2\", \"c3\"], \"room_id\": null"),
      "payload.room_id" },
    { "outbreak.suspected", OUTBREAK (", \"child_ids\": [\"c1\", \"c2\", \"c3\"], \"symptom\": \"flu\""),
      "payload.symptom" },
    { "outbreak.acknowledged", "{\"outbreak_id\": \"o1\", \"director_id\": \"s-d\", \"note\": \"\\u0007\", "
      "\"local_date\": \"2026-11-23\", \"by_kind\": \"staff\"}", "payload.note" },
  };
  g_autoptr (GError) error = NULL;
  g_autofree char *unknown = g_strdup_printf ("{\"id\": \"5f0c8a5e-1111-4222-8333-444455556666\", "
                                              "\"type\": \"absence.reason\", "
                                              "\"at\": \"2026-11-23T01:30:00.000Z\", \"device_id\": \"" DOOR_B "\", "
                                              "\"payload\": %s}", REASON (", \"child_id\": \"c99\""));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (JsonParser) parser = json_parser_new ();
      g_autoptr (NkRelayEvent) event = NULL;
      g_autoptr (GError) e = NULL;
      g_autofree char *json = g_strdup_printf ("{\"id\": \"5f0c8a5e-1111-4222-8333-%012u\", \"type\": \"%s\", "
                                               "\"at\": \"2026-11-23T01:30:00.000Z\", \"device_id\": \"" DOOR_B "\", "
                                               "\"payload\": %s}", i, cases[i].type, cases[i].payload);
      const char *field = NULL;

      g_test_message ("case %u: %s", i, cases[i].field);
      g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
      event = nk_relay_event_parse (json_parser_get_root (parser), nk_store_get_device_id (f->store), &field, &e);
      g_assert_null (event);
      g_assert_error (e, NK_RELAY_ERROR, NK_RELAY_ERROR_INVALID);
      g_assert_cmpstr (field, ==, cases[i].field);
    }
  /* a child this kiosk does not hold: refused when applied */
  g_assert_false (nk_test_relay_apply (f->store, unknown, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "c99"));
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM absences"), ==, 0);
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM outbreaks"), ==, 0);
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM outbreak_acks"), ==, 0);
}

int
main (int argc, char **argv)
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/nk/absence/labels", test_labels);
#define ADD(path, fn) g_test_add ("/nk/absence/" path, Fixture, NULL, setup, fn, teardown)
  ADD ("list-time", test_list_time);
  ADD ("late", test_late);
  ADD ("leave-days", test_leave_days);
  ADD ("rules", test_rules);
  ADD ("room-threshold", test_room_threshold);
  ADD ("centre-threshold", test_centre_threshold);
  ADD ("corrections", test_corrections);
  ADD ("acknowledge", test_acknowledge);
  ADD ("back-after-illness", test_back);
  ADD ("relay", test_relay);
  ADD ("relay-race", test_relay_race);
  ADD ("relay-hostile", test_relay_hostile);
  g_test_add_func ("/nk/absence/describe-zh", test_describe_zh);
  return g_test_run ();
}
