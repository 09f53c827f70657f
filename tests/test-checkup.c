/* test-checkup.c — check-ups (nk-checkup.h): due dates at every age
 * boundary, children born on 29 February and on the 31st, the windows and
 * states, the entry check-up, the result ranges and the head circumference
 * only under 2, who records, corrections, the away-more-than-three-months
 * rule on a fake clock, the platform's visits (hostile ones quarantined,
 * the ones an earlier version kept applied by the migration) and the CLI's
 * CSV. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "core/nk-checkup.h"
#include "core/nk-child-day.h"
#include "core/nk-migrations.h"
#include "core/nk-pull.h"
#include "core/nk-roster.h"
#include "nk-test-util.h"

#define DAYS(d) ((gint64) (d) * 24 * (gint64) 3600 * G_USEC_PER_SEC)

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

  f->store = nk_test_store_new ("checkup", &f->dir);
  nk_test_put_toddlers (f->store);   /* c1 born 2025-05-23, c2 born 2024-12-01, room r1 */
  g_assert_true (nk_roster_put_child (f->store, "c3", "Cai", "2024-11-23", "r1", NULL, NULL, &error));
  g_assert_true (nk_roster_put_child (f->store, "c4", "Dou", "2024-11-24", "r1", NULL, NULL, &error));
  nk_test_put_child_cards (f->store, 4);
  g_assert_true (nk_roster_put_staff (f->store, "s-h", "Doctor Hu", NK_STAFF_HEALTH, NULL, NULL, &error));
  g_assert_true (nk_roster_put_staff (f->store, "s-d", "Director Du", NK_STAFF_DIRECTOR, NULL, NULL, &error));
  g_assert_true (nk_roster_put_staff (f->store, "s-c", "Teacher Zhang", NK_STAFF_CAREGIVER, NULL, "r1", &error));
  g_assert_no_error (error);
  f->door = nk_test_door_at (f->store, &f->clock, NK_TEST_MONDAY_8AM_US);   /* 2026-11-23 */
  nk_door_set_debounce (f->door, 0);
}

static void
teardown (Fixture *f, gconstpointer data)
{
  nk_test_door_close (&f->door, &f->store, &f->dir);
}

static GDate
date (const char *s)
{
  GDate d;

  g_date_clear (&d, 1);
  {
    int y, m, dd;
    g_assert_cmpint (sscanf (s, "%d-%d-%d", &y, &m, &dd), ==, 3);
    g_date_set_dmy (&d, (GDateDay) dd, (GDateMonth) m, (GDateYear) y);
  }
  return d;
}

static char *
text (const GDate *d)
{
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (d), g_date_get_month (d), g_date_get_day (d));
}

static void
assert_add (const char *from, int months, const char *expected)
{
  GDate f = date (from), out;
  g_autofree char *got = NULL;

  nk_checkup_add_months (&f, months, &out);
  got = text (&out);
  g_assert_cmpstr (got, ==, expected);
}

/* Whole calendar months, clamped to the month's end. */
static void
test_due_dates (void)
{
  assert_add ("2024-01-31", 3, "2024-04-30");
  assert_add ("2024-01-31", 1, "2024-02-29");
  assert_add ("2025-01-31", 1, "2025-02-28");
  assert_add ("2024-01-31", 6, "2024-07-31");
  assert_add ("2024-02-29", 12, "2025-02-28");
  assert_add ("2024-02-29", 24, "2026-02-28");
  assert_add ("2024-02-29", 48, "2028-02-29");
  assert_add ("2024-02-29", 3, "2024-05-29");
  assert_add ("2024-03-31", -1, "2024-02-29");
  assert_add ("2024-05-15", 36, "2027-05-15");
}

static NkCheckupSlot *
slot_at (GArray *slots, guint months)
{
  for (guint i = 0; i < slots->len; i++)
    if (g_array_index (slots, NkCheckupSlot, i).months == months)
      return &g_array_index (slots, NkCheckupSlot, i);
  return NULL;
}

static NkCheckupStatus
status_on (const GDate *birth, guint months, const GDate *result, const char *ref)
{
  GDate r = date (ref);
  g_autoptr (GArray) slots = NULL;
  NkCheckupSlot *slot;

  /* at the centre since birth: every check-up is the centre's */
  slots = nk_checkup_schedule (birth, birth, result, result ? 1 : 0, &r);
  slot = slot_at (slots, months);
  g_assert_nonnull (slot);
  return slot->status;
}

/* Every age of the schedule, for a child born on the 31st and one born on
 * 29 February: the age turns on the due date and not the day before; the
 * state is upcoming before the due month, due in it, overdue after it
 * while the window is open, missed after; a result counts from one month
 * before the due date up to one month before the next due date. */
static void
check_boundaries (const char *born)
{
  GDate birth = date (born);

  for (guint i = 0; i < NK_CHECKUP_N_AGES; i++)
    {
      guint m = nk_checkup_age (i);
      guint next = i + 1 < NK_CHECKUP_N_AGES ? nk_checkup_age (i + 1) : 48;
      GDate due, before, from, until, last_in, month_before, month_after;
      g_autofree char *due_s = NULL, *month_before_s = NULL, *month_after_s = NULL, *until_s = NULL;
      g_autofree char *last_in_s = NULL;

      nk_checkup_add_months (&birth, (int) m, &due);
      before = due;
      g_date_subtract_days (&before, 1);
      g_assert_cmpint (nk_checkup_age_months (&birth, &due), ==, (int) m);
      g_assert_cmpint (nk_checkup_age_months (&birth, &before), ==, (int) m - 1);

      nk_checkup_add_months (&birth, (int) m - 1, &from);
      nk_checkup_add_months (&birth, (int) next - 1, &until);
      last_in = until;
      g_date_subtract_days (&last_in, 1);
      nk_checkup_add_months (&due, -1, &month_before);
      g_date_set_day (&month_before, 1);
      nk_checkup_add_months (&due, 1, &month_after);
      g_date_set_day (&month_after, 1);
      due_s = text (&due);
      month_before_s = text (&month_before);
      month_after_s = text (&month_after);
      until_s = text (&until);
      last_in_s = text (&last_in);

      g_assert_cmpint (status_on (&birth, m, NULL, month_before_s), ==, NK_CHECKUP_UPCOMING);
      g_assert_cmpint (status_on (&birth, m, NULL, due_s), ==, NK_CHECKUP_DUE);
      if (g_date_compare (&month_after, &until) < 0)
        g_assert_cmpint (status_on (&birth, m, NULL, month_after_s), ==, NK_CHECKUP_OVERDUE);
      g_test_message ("%s: %u months, last in %s", born, m, last_in_s);
      g_assert_cmpint (status_on (&birth, m, NULL, last_in_s), !=, NK_CHECKUP_MISSED);
      g_assert_cmpint (status_on (&birth, m, NULL, until_s), ==, NK_CHECKUP_MISSED);

      /* the window's first and last days count; the days around do not */
      g_assert_cmpint (status_on (&birth, m, &from, due_s), ==, NK_CHECKUP_DONE);
      g_assert_cmpint (status_on (&birth, m, &last_in, due_s), ==, NK_CHECKUP_DONE);
      g_assert_cmpint (status_on (&birth, m, &until, due_s), !=, NK_CHECKUP_DONE);
      {
        GDate early = from;

        g_date_subtract_days (&early, 1);
        g_assert_cmpint (status_on (&birth, m, &early, due_s), !=, NK_CHECKUP_DONE);
      }
    }
}

static void
test_boundaries_31st (void)
{
  GDate birth = date ("2024-01-31"), due;
  g_autofree char *s = NULL;

  check_boundaries ("2024-01-31");
  nk_checkup_add_months (&birth, 3, &due);
  s = text (&due);
  g_assert_cmpstr (s, ==, "2024-04-30");
  check_boundaries ("2023-08-31");
  check_boundaries ("2024-05-15");
}

static void
test_boundaries_leap_day (void)
{
  GDate birth = date ("2024-02-29"), due;
  g_autofree char *s12 = NULL, *s24 = NULL, *s36 = NULL;

  check_boundaries ("2024-02-29");
  nk_checkup_add_months (&birth, 12, &due);
  s12 = text (&due);
  nk_checkup_add_months (&birth, 24, &due);
  s24 = text (&due);
  nk_checkup_add_months (&birth, 36, &due);
  s36 = text (&due);
  g_assert_cmpstr (s12, ==, "2025-02-28");
  g_assert_cmpstr (s24, ==, "2026-02-28");
  g_assert_cmpstr (s36, ==, "2027-02-28");
  /* 28 Feb 2025 she is 12 months old, on the 27th still 11 */
  {
    GDate d = date ("2025-02-28"), e = date ("2025-02-27");
    g_assert_cmpint (nk_checkup_age_months (&birth, &d), ==, 12);
    g_assert_cmpint (nk_checkup_age_months (&birth, &e), ==, 11);
  }
}

/* The entry check-up is due on the first day (today before one); the
 * check-ups whose window closed before the child joined are not listed. */
static void
test_entry (void)
{
  GDate birth = date ("2024-11-23"), first = date ("2026-03-10"), ref = date ("2026-11-23");
  GDate result = date ("2026-11-05");
  g_autoptr (GArray) slots = nk_checkup_schedule (&birth, &first, NULL, 0, &ref);
  g_autoptr (GArray) done = nk_checkup_schedule (&birth, &first, &result, 1, &ref);
  NkCheckupSlot *entry = &g_array_index (slots, NkCheckupSlot, 0);
  g_autofree char *due = text (&entry->due);

  g_assert_cmpuint (entry->months, ==, 0);
  g_assert_cmpstr (due, ==, "2026-03-10");
  g_assert_cmpint (entry->status, ==, NK_CHECKUP_OVERDUE);
  /* joined at 15 months: 3, 6, 8 and 12 were before (12's window ended at 17 months: it stays) */
  g_assert_null (slot_at (slots, 3));
  g_assert_null (slot_at (slots, 8));
  g_assert_nonnull (slot_at (slots, 12));
  g_assert_cmpint (slot_at (slots, 12)->status, ==, NK_CHECKUP_MISSED);
  g_assert_cmpint (slot_at (slots, 18)->status, ==, NK_CHECKUP_MISSED);
  g_assert_cmpint (slot_at (slots, 24)->status, ==, NK_CHECKUP_DUE);
  g_assert_cmpint (slot_at (slots, 30)->status, ==, NK_CHECKUP_UPCOMING);
  /* a result on 5 Nov (23 months): the entry and the 24-month check-up */
  g_assert_cmpint (g_array_index (done, NkCheckupSlot, 0).status, ==, NK_CHECKUP_DONE);
  g_assert_cmpint (slot_at (done, 24)->status, ==, NK_CHECKUP_DONE);
}

static NkCheckupResult
result (const char *child_id, const char *day)
{
  return (NkCheckupResult) { .child_id = child_id, .date = day, .height_mm = 865, .weight_g = 12340,
                             .hearing = NK_SCREEN_PASS, .eyes = NK_SCREEN_NOT_DONE };
}

static char *
record (Fixture *f, const char *staff, const NkCheckupResult *r, GError **error)
{
  return nk_checkup_record (f->store, nk_door_get_centre (f->door), staff, r, NULL, error);
}

static void
assert_refused (Fixture *f, const NkCheckupResult *r, const char *words)
{
  g_autoptr (GError) error = NULL;
  gint64 before = nk_test_count (f->store, "SELECT count(*) FROM outbox");
  g_autofree char *id = record (f, "s-h", r, &error);

  g_assert_null (id);
  g_assert_error (error, NK_STORE_ERROR, NK_STORE_ERROR_INVALID);
  if (strstr (error->message, words) == NULL)
    g_error ("“%s” does not say “%s”", error->message, words);
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM outbox"), ==, before);
}

static void
assert_recorded (Fixture *f, const NkCheckupResult *r)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *id = record (f, "s-h", r, &error);

  g_assert_no_error (error);
  g_assert_nonnull (id);
}

/* Heights 35.0–130.0 cm, weights 1.50–35.00 kg, head 28.0–56.0 cm only
 * under 24 months, haemoglobin 50–200 g/L; dates real, not in the future,
 * not before birth; nothing written when refused. */
static void
test_ranges (Fixture *f, gconstpointer data)
{
  NkCheckupResult r = result ("c1", "2026-11-20");
  gint64 rows;

  r.height_mm = 349;
  assert_refused (f, &r, "height");
  r.height_mm = 1301;
  assert_refused (f, &r, "height");
  r.height_mm = 350;
  assert_recorded (f, &r);
  r.height_mm = 1300;
  assert_recorded (f, &r);
  r = result ("c1", "2026-11-20");
  r.weight_g = 1499;
  assert_refused (f, &r, "weight");
  r.weight_g = 35001;
  assert_refused (f, &r, "weight");
  r.weight_g = 1500;
  assert_recorded (f, &r);
  r = result ("c1", "2026-11-20");
  r.head_mm = 279;
  assert_refused (f, &r, "head");
  r.head_mm = 561;
  assert_refused (f, &r, "head");
  r.head_mm = 460;
  assert_recorded (f, &r);
  r = result ("c1", "2026-11-20");
  r.haemoglobin = 49;
  assert_refused (f, &r, "haemoglobin");
  r.haemoglobin = 201;
  assert_refused (f, &r, "haemoglobin");
  r.haemoglobin = 118;
  assert_recorded (f, &r);
  r = result ("c1", "2026-11-24");
  assert_refused (f, &r, "after today");
  r = result ("c1", "2025-05-22");
  assert_refused (f, &r, "before the child was born");
  r = result ("c1", "2026-02-30");
  assert_refused (f, &r, "YYYY-MM-DD");
  r = result ("c1", "2026-11-20");
  r.notes = "line\001break";
  assert_refused (f, &r, "notes");

  rows = nk_test_count (f->store, "SELECT count(*) FROM checkup_results");
  g_assert_cmpint (rows, ==, 5);
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM outbox WHERE type = 'checkup.result' "
                                            "AND json_extract(payload, '$.head_mm') = 460 "
                                            "AND json_extract(payload, '$.height_mm') = 865 "
                                            "AND json_extract(payload, '$.weight_g') = 12340 "
                                            "AND json_extract(payload, '$.hearing') = 'pass' "
                                            "AND json_extract(payload, '$.checkup_date') = '2026-11-20'"),
                   ==, 1);
}

/* The head circumference: Cai turned 24 months today, Dou is 23 months. */
static void
test_head_under_two (Fixture *f, gconstpointer data)
{
  NkCheckupResult cai = result ("c3", "2026-11-23");
  NkCheckupResult dou = result ("c4", "2026-11-23");
  NkCheckupResult cai_before = result ("c3", "2026-11-22");

  cai.head_mm = dou.head_mm = cai_before.head_mm = 480;
  assert_refused (f, &cai, "only under 2 years");
  assert_recorded (f, &dou);
  /* measured the day before her birthday: still under 2 */
  assert_recorded (f, &cai_before);
  cai.head_mm = 0;
  assert_recorded (f, &cai);
}

/* Health staff and the director record; a caregiver does not.  A
 * correction replaces the result that stood; another child's result
 * cannot be corrected under this one. */
static void
test_who_and_correct (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  NkCheckupResult r = result ("c1", "2026-11-20");
  g_autofree char *by_caregiver = record (f, "s-c", &r, &error);
  g_autofree char *first = NULL;
  g_autofree char *by_director = NULL;
  g_autofree char *fixed = NULL;
  g_autofree char *wrong = NULL;
  g_autoptr (GPtrArray) results = NULL;

  g_assert_null (by_caregiver);
  g_assert_error (error, NK_STORE_ERROR, NK_STORE_ERROR_INVALID);
  g_clear_error (&error);
  first = record (f, "s-h", &r, &error);
  g_assert_no_error (error);
  by_director = record (f, "s-d", &(NkCheckupResult) { .child_id = "c2", .date = "2026-11-21",
                                                        .height_mm = 900, .weight_g = 13000 }, &error);
  g_assert_no_error (error);

  r.height_mm = 870;
  fixed = nk_checkup_record (f->store, nk_door_get_centre (f->door), "s-h", &r, first, &error);
  g_assert_no_error (error);
  wrong = nk_checkup_record (f->store, nk_door_get_centre (f->door), "s-h", &r, by_director, &error);
  g_assert_null (wrong);
  g_assert_error (error, NK_STORE_ERROR, NK_STORE_ERROR_INVALID);
  g_clear_error (&error);

  results = nk_checkup_results (f->store, "c1", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, 1);
  g_assert_cmpint (((NkCheckupEntry *) results->pdata[0])->height_mm, ==, 870);
  g_assert_cmpstr (((NkCheckupEntry *) results->pdata[0])->staff_name, ==, "Doctor Hu");
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM outbox WHERE type = 'checkup.result' "
                                            "AND json_extract(payload, '$.corrects') IS NOT NULL"), ==, 1);
}

/* The door's note at a check-in: the one of key, or NULL. */
static const NkTapNote *
note (NkTapResult *result, const char *key)
{
  for (guint i = 0; i < nk_tap_result_get_n_notes (result); i++)
    if (g_strcmp0 (nk_tap_result_get_note (result, i)->key, key) == 0)
      return nk_tap_result_get_note (result, i);
  return NULL;
}

/* Taps in and out for c1 (card 04000001) on the day days after Monday;
 * returns whether the check-in told staff a check-up is needed. */
static gboolean
attend (Fixture *f, gint64 *at_day, int day)
{
  const NkTapNote *told;
  g_autoptr (NkTapResult) in = NULL;
  g_autoptr (NkTapResult) out = NULL;

  nk_test_clock_advance (&f->clock, DAYS (day - *at_day));
  *at_day = day;
  in = nk_test_tap (f->door, "04000001");
  g_assert_cmpint (in->outcome, ==, NK_TAP_CHECKED_IN);
  nk_test_clock_advance (&f->clock, (gint64) 3600 * G_USEC_PER_SEC);
  out = nk_test_tap (f->door, "04000001");
  nk_test_clock_advance (&f->clock, -(gint64) 3600 * G_USEC_PER_SEC);
  g_assert_null (note (out, "checkup.return"));
  told = note (in, "checkup.return");
  if (told != NULL)
    {
      g_assert_cmpint (told->audience, ==, NK_NOTE_STAFF);
      g_assert_cmpint (told->level, ==, NK_NOTE_WARNING);
      g_assert_cmpstr (told->child_id, ==, "c1");
      g_assert_nonnull (strstr (told->text, "3 months"));
    }
  return told != NULL;
}

static gboolean
needed (Fixture *f, const char *day, char **last)
{
  g_autoptr (GError) error = NULL;
  gboolean need = FALSE;

  g_assert_true (nk_checkup_return_needed (f->store, "c1", day, &need, last, &error));
  g_assert_no_error (error);
  return need;
}

static gboolean
room_marked (Fixture *f, const char *day)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (NkDaySet) set = nk_day_set_load_room (f->store, nk_door_get_centre (f->door), "r1", day, &error);
  const NkDayMark *mark;

  g_assert_no_error (error);
  mark = nk_child_day_get_mark (nk_day_set_find (set, "c1"), "checkup.return");
  if (mark != NULL)
    g_assert_cmpint (mark->level, ==, NK_DAY_MARK_WARNING);
  return mark != NULL;
}

/* Away exactly three months: no check-up needed; a day more: needed, at
 * the door and on the room page, until a result dated after the last
 * day before the time away.  A child who never came needs none.  The last
 * day on the 30th of November: three months are up on 28 February. */
static void
test_away (Fixture *f, gconstpointer data)
{
  g_autofree char *last = NULL;
  gint64 day = 0;

  g_assert_false (needed (f, "2026-11-23", &last));
  g_assert_null (last);
  g_assert_false (attend (f, &day, 0));       /* Mon 2026-11-23: the first day */
  g_assert_false (needed (f, "2027-02-23", &last));
  g_assert_true (needed (f, "2027-02-24", &last));
  g_assert_cmpstr (last, ==, "2026-11-23");
  g_clear_pointer (&last, g_free);
  g_assert_false (attend (f, &day, 7));       /* 2026-11-30 */
  g_assert_false (needed (f, "2027-02-28", &last));
  g_assert_true (needed (f, "2027-03-01", &last));
  g_clear_pointer (&last, g_free);
  g_assert_false (room_marked (f, "2027-02-28"));
  g_assert_true (room_marked (f, "2027-03-01"));

  g_assert_true (attend (f, &day, 98));       /* back on 2027-03-01: the door tells staff */
  g_assert_true (room_marked (f, "2027-03-01"));
  g_assert_false (attend (f, &day, 99));      /* the next day: the mark, not the note */
  g_assert_true (room_marked (f, "2027-03-02"));
  /* a result dated on the last day before does not count; the day after does */
  {
    g_autoptr (GError) error = NULL;
    NkCheckupResult r = result ("c1", "2026-11-30");
    g_autofree char *old = record (f, "s-h", &r, &error);
    g_autofree char *fresh = NULL;

    g_assert_no_error (error);
    g_assert_true (room_marked (f, "2027-03-02"));
    r.date = "2027-03-02";
    fresh = record (f, "s-h", &r, &error);
    g_assert_no_error (error);
  }
  g_assert_false (room_marked (f, "2027-03-02"));
  g_assert_false (needed (f, "2027-03-01", &last));
}

/* ---- the platform's visits ------------------------------------------------------ */

static gboolean
pull (Fixture *f, const char *json, NkPullCounts *counts)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (NkPull) p = nk_pull_parse (json, strlen (json), &error);
  gboolean ok = p != NULL && nk_pull_apply (p, f->store, nk_door_get_centre (f->door), counts, &error);

  g_assert_no_error (error);
  return ok;
}

static char *
next_visit (Fixture *f, const char *from, const char *room)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (NkCheckupVisit) visit = NULL;

  g_assert_true (nk_checkup_next_visit (f->store, from, room, &visit, &error));
  g_assert_no_error (error);
  return visit != NULL ? g_strdup_printf ("%s %s %s", visit->id, visit->date, visit->institution) : NULL;
}

#define VISIT(id, rest) "{\"id\": \"" id "\", \"date\": \"2026-12-10\", \"institution\": \"社区卫生服务中心\"" rest "}"

/* Hostile records are quarantined each with the member at fault; good
 * ones (every room, or a list) are applied; a visit naming a room the
 * kiosk does not hold waits; a deletion removes one. */
static void
test_visits_pull (Fixture *f, gconstpointer data)
{
  g_autofree char *long_name = g_strnfill (101, 'x');
  g_autofree char *many = NULL;
  g_autofree char *json = NULL;
  g_autofree char *found = NULL;
  g_autofree char *for_r1 = NULL;
  g_autofree char *later = NULL;
  GString *rooms = g_string_new ("[");
  NkPullCounts counts = { 0 };

  for (int i = 0; i < 51; i++)
    g_string_append_printf (rooms, "%s\"r%d\"", i ? ", " : "", i);
  g_string_append_c (rooms, ']');
  many = g_string_free (rooms, FALSE);
  json = g_strdup_printf ("{\"cursor\": \"v1:1\", \"changes\": {\"checkups\": ["
                          VISIT ("all", ", \"room_ids\": \"all\", \"note\": \"请空腹\"") ","
                          VISIT ("list", ", \"room_ids\": [\"r1\"]") ","
                          "{\"id\": \"bad-date\", \"date\": \"2026-02-30\", \"institution\": \"A\", \"room_ids\": \"all\"},"
                          "{\"id\": \"word-date\", \"date\": \"tomorrow\", \"institution\": \"A\", \"room_ids\": \"all\"},"
                          "{\"id\": \"no-inst\", \"date\": \"2026-12-10\", \"room_ids\": \"all\"},"
                          VISIT ("ctrl", ", \"room_ids\": \"all\", \"note\": \"a\\u0007b\"") ","
                          "{\"id\": \"long\", \"date\": \"2026-12-10\", \"institution\": \"%s\", \"room_ids\": \"all\"},"
                          VISIT ("no-rooms", "") ","
                          VISIT ("empty-rooms", ", \"room_ids\": []") ","
                          VISIT ("many-rooms", ", \"room_ids\": %s") ","
                          VISIT ("number-room", ", \"room_ids\": [1]") ","
                          VISIT ("twice", ", \"room_ids\": [\"r1\", \"r1\"]") ","
                          VISIT ("ALL", ", \"room_ids\": \"ALL\"") ","
                          VISIT ("elsewhere", ", \"room_ids\": [\"r9\"]") ","
                          "\"not an object\""
                          "]}}", long_name, many);
  g_assert_true (pull (f, json, &counts));
  g_assert_cmpuint (counts.applied, ==, 2);
  g_assert_cmpuint (counts.quarantined, ==, 13);
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM checkup_visits"), ==, 2);
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM pull_quarantine WHERE section = 'checkups' "
                                            "AND field = 'room_ids'"), ==, 6);
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM pull_quarantine WHERE section = 'checkups' "
                                            "AND id = 'bad-date' AND field = 'date'"), ==, 1);
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM pull_quarantine WHERE section = 'checkups' "
                                            "AND id = 'elsewhere' AND code = 'refused'"), ==, 1);
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM pulled_records"), ==, 0);

  found = next_visit (f, "2026-11-23", "r1");
  g_assert_cmpstr (found, ==, "all 2026-12-10 社区卫生服务中心");
  later = next_visit (f, "2026-12-11", NULL);
  g_assert_null (later);

  g_assert_true (pull (f, "{\"cursor\": \"v1:2\", \"changes\": {\"deletions\": [{\"kind\": \"checkup\", \"id\": \"all\"}],"
                          " \"checkups\": [{\"id\": \"r2-only\", \"date\": \"2026-12-01\", \"institution\": \"B\","
                          " \"room_ids\": [\"r1\"]}]}}", &counts));
  for_r1 = next_visit (f, "2026-11-23", "r1");
  g_assert_cmpstr (for_r1, ==, "r2-only 2026-12-01 B");
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM checkup_visits WHERE id = 'all'"), ==, 0);
}

/* A kiosk upgraded in the field: the visits an earlier version kept as
 * received are applied by the migration; the hostile ones go to the
 * quarantine, to be reported. */
static void
test_visits_migration (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;
  NkStore *store = nk_test_store_new ("checkup-migration", &dir);
  gint64 version;

  nk_test_put_toddlers (store);
  version = nk_store_get_schema_version (store);
  g_assert_true (nk_store_exec (store,
                                "DROP TABLE checkup_visit_rooms; DROP TABLE checkup_visits; "
                                "DROP TABLE checkup_results; "
                                "DELETE FROM schema_modules WHERE module = 'checkup';"
                                "INSERT INTO pulled_records (section, id, body, received_us) VALUES "
                                "('checkups', 'v1', '{\"id\":\"v1\",\"date\":\"2026-12-10\",\"institution\":\"社区医院\",\"room_ids\":\"all\"}', 1),"
                                "('checkups', 'v2', '{\"id\":\"v2\",\"date\":\"2026-12-11\",\"institution\":\"B\",\"room_ids\":[\"r1\"],\"note\":null}', 1),"
                                "('checkups', 'v3', '{\"id\":\"v3\",\"date\":\"2026-02-30\",\"institution\":\"B\",\"room_ids\":\"all\"}', 1),"
                                "('checkups', 'v4', '{\"id\":\"v4\",\"date\":\"2026-12-11\",\"institution\":\"B\",\"room_ids\":[\"r9\"]}', 1),"
                                "('checkups', 'v5', '{\"id\":\"v5\",\"date\":\"2026-12-11\",\"institution\":\"\",\"room_ids\":\"all\"}', 1),"
                                "('checkups', 'v6', 'not json', 1),"
                                "('checkups', 'v7', '{\"id\":\"v7\",\"date\":\"2026-12-11\",\"institution\":\"B\",\"room_ids\":[\"r1\",\"r1\"]}', 1),"
                                "('menus', 'm1', '{\"id\":\"m1\"}', 1);",
                                &error));
  g_assert_no_error (error);
  path = g_strdup (nk_store_get_path (store));
  g_object_unref (store);
  {
    g_autofree char *sql = NULL;
    sqlite3 *db = NULL;
    gint64 total = version - nk_checkup_migrations.n_steps;

    g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
    sql = g_strdup_printf ("PRAGMA user_version = %" G_GINT64_FORMAT, total);
    g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (db);
  }
  store = nk_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (nk_store_get_schema_version (store), ==, version);
  g_assert_cmpint (nk_test_count (store, "SELECT count(*) FROM checkup_visits"), ==, 2);
  g_assert_cmpint (nk_test_count (store, "SELECT count(*) FROM checkup_visits WHERE id = 'v2' AND NOT all_rooms"), ==, 1);
  g_assert_cmpint (nk_test_count (store, "SELECT count(*) FROM checkup_visit_rooms WHERE visit_id = 'v2' AND room_id = 'r1'"), ==, 1);
  g_assert_cmpint (nk_test_count (store, "SELECT count(*) FROM pull_quarantine WHERE section = 'checkups' "
                                         "AND code = 'invalid' AND NOT reported"), ==, 5);
  g_assert_cmpint (nk_test_count (store, "SELECT count(*) FROM pulled_records WHERE section = 'checkups'"), ==, 0);
  g_assert_cmpint (nk_test_count (store, "SELECT count(*) FROM pulled_records WHERE section = 'menus'"), ==, 1);
  g_object_unref (store);
  nk_test_dir_remove (dir);
}

/* The CLI's CSV: every check-up due on or before the date and not done,
 * due in its month or overdue before; a bad date refused. */
static void
test_due_csv (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GString) csv = g_string_new (NULL);
  g_autoptr (GString) bad = g_string_new (NULL);
  NkCheckupResult r = result ("c2", "2026-11-20");
  g_autofree char *id = NULL;
  gint64 day = 0;
  guint rows = 0;

  attend (f, &day, 0);   /* c1 came on 2026-11-23: joined */
  id = record (f, "s-h", &r, &error);   /* c2's entry and 24-month check-up (23 months) */
  g_assert_no_error (error);
  g_assert_true (nk_checkup_due_csv (f->store, "2026-11-30", "2026-11-23", csv, &rows, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (csv->str, ==,
                   "child_id,child_name,date_of_birth,due_date,age_months,status\n"
                   "c1,An,2025-05-23,2026-11-23,0,due\n"
                   "c1,An,2025-05-23,2026-11-23,18,due\n"
                   "c3,Cai,2024-11-23,2026-11-23,0,due\n"
                   "c3,Cai,2024-11-23,2026-11-23,24,due\n"
                   "c4,Dou,2024-11-24,2026-11-23,0,due\n"
                   "c4,Dou,2024-11-24,2026-11-24,24,due\n");
  g_assert_cmpuint (rows, ==, 6);
  /* a month later: those are overdue; Bo's were done */
  g_string_truncate (csv, 0);
  g_assert_true (nk_checkup_due_csv (f->store, "2026-12-31", "2026-11-23", csv, &rows, &error));
  g_assert_nonnull (strstr (csv->str, "c3,Cai,2024-11-23,2026-11-23,24,overdue\n"));
  g_assert_nonnull (strstr (csv->str, "c1,An,2025-05-23,2026-11-23,18,overdue\n"));
  /* not come yet: the entry check-up was due today (23 November), overdue by December */
  g_assert_nonnull (strstr (csv->str, "c3,Cai,2024-11-23,2026-11-23,0,overdue\n"));
  g_assert_null (strstr (csv->str, "c2,"));
  g_assert_false (nk_checkup_due_csv (f->store, "2026-13-01", "2026-11-23", bad, &rows, &error));
  g_assert_error (error, NK_STORE_ERROR, NK_STORE_ERROR_INVALID);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add ("/nk/checkup/" path, Fixture, NULL, setup, fn, teardown)
  g_test_add_func ("/nk/checkup/due-dates", test_due_dates);
  g_test_add_func ("/nk/checkup/boundaries-31st", test_boundaries_31st);
  g_test_add_func ("/nk/checkup/boundaries-leap-day", test_boundaries_leap_day);
  g_test_add_func ("/nk/checkup/entry", test_entry);
  ADD ("ranges", test_ranges);
  ADD ("head-under-two", test_head_under_two);
  ADD ("who-and-correct", test_who_and_correct);
  ADD ("away", test_away);
  ADD ("visits-pull", test_visits_pull);
  g_test_add_func ("/nk/checkup/visits-migration", test_visits_migration);
  ADD ("due-csv", test_due_csv);
  return g_test_run ();
}
