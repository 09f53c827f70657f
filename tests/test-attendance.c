/* test-attendance.c — the door's rules, with clocks the test moves. */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "core/nk-door.h"
#include "core/nk-demo.h"
#include "core/nk-roster.h"
#include "core/nk-store-private.h"
#include "nk-test-util.h"

/* 2026-11-23 08:00 in Shanghai = 00:00 UTC */
#define MONDAY_8AM_US (G_GINT64_CONSTANT (1795392000) * G_USEC_PER_SEC)
#define SECONDS(s) ((gint64) (s) * G_USEC_PER_SEC)

typedef struct {
  char         *dir;
  NkStore      *store;
  NkDoor *door;
  NkTestClock   clock;
  GPtrArray    *refused;
} Fixture;

/* the wall clock alone (it jumps); advance () moves both */
#define REAL(f) ((f)->clock.real_us)
#define MONO(f) ((f)->clock.mono_us)
#define ATT(f) nk_door_get_attendance ((f)->door)

static void
advance (Fixture *f, gint64 us)
{
  nk_test_clock_advance (&f->clock, us);
}

static void
on_refused (NkDoor *door, NkTapResult *result, Fixture *f)
{
  g_ptr_array_add (f->refused, nk_tap_result_ref (result));
}

static void
setup (Fixture *f, gconstpointer data)
{
  g_autoptr (GTimeZone) tz = g_time_zone_new_identifier ("Asia/Shanghai");
  NkClock clock = nk_test_clock (&f->clock);

  f->store = nk_test_store_new ("attendance", &f->dir);
  g_assert_true (nk_demo_seed (f->store, NULL));
  f->door = nk_test_door_new (f->store, tz, NULL);
  f->clock.real_us = MONDAY_8AM_US;
  f->clock.mono_us = SECONDS (1000);
  nk_centre_set_clock (nk_door_get_centre (f->door), &clock);
  f->refused = g_ptr_array_new_with_free_func ((GDestroyNotify) nk_tap_result_unref);
  g_signal_connect (f->door, "refused", G_CALLBACK (on_refused), f);
}

static void
teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->door);
  g_clear_object (&f->store);
  g_ptr_array_unref (f->refused);
  nk_test_dir_remove (f->dir);
  g_free (f->dir);
}

static gint64
count (Fixture *f, const char *sql)
{
  return nk_test_count (f->store, sql);
}

static NkTapResult *
tap (Fixture *f, const char *uid)
{
  g_autoptr (GError) error = NULL;
  NkTapResult *result = nk_door_tap (f->door, uid, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  return result;
}

static void
test_child_toggles (Fixture *f, gconstpointer data)
{
  g_autoptr (NkTapResult) in = tap (f, NK_DEMO_UID_CHILD);
  g_autofree char *time = nk_tap_result_format_time (in, nk_door_get_timezone (f->door));

  g_assert_cmpint (in->outcome, ==, NK_TAP_CHECKED_IN);
  g_assert_cmpstr (in->person_name, ==, "王小明");
  g_assert_cmpstr (in->initials, ==, "王");
  g_assert_nonnull (in->room_name);
  g_assert_true (g_uuid_string_is_valid (in->event_id));
  g_assert_cmpstr (time, ==, "08:00");
  g_assert_cmpint (count (f, "SELECT count(*) FROM attendance WHERE child_id = 'D0001' AND kind = 'in' "
                             "AND method = 'card' AND local_date = '2026-11-23' AND card_uid = '04A1B2C3'"), ==, 1);

  advance (f, SECONDS (11));
  g_autoptr (NkTapResult) out = tap (f, NK_DEMO_UID_CHILD);
  g_assert_cmpint (out->outcome, ==, NK_TAP_CHECKED_OUT);

  advance (f, SECONDS (11));
  g_autoptr (NkTapResult) again = tap (f, NK_DEMO_UID_CHILD);
  g_assert_cmpint (again->outcome, ==, NK_TAP_CHECKED_IN);
  g_assert_cmpint (count (f, "SELECT count(*) FROM attendance"), ==, 3);
}

static void
test_outbox_with_every_event (Fixture *f, gconstpointer data)
{
  g_autoptr (NkTapResult) a = tap (f, NK_DEMO_UID_CHILD);
  g_autoptr (NkTapResult) b = tap (f, NK_DEMO_UID_CAREGIVER);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (count (f, "SELECT count(*) FROM outbox"), ==, 2);
  g_assert_cmpint (count (f, "SELECT count(*) FROM attendance a JOIN outbox o ON o.event_id = a.id "
                             "AND o.type = 'attendance' AND o.at_us = a.at_us"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM staff_clock s JOIN outbox o ON o.event_id = s.id "
                             "AND o.type = 'staff_clock'"), ==, 1);
  g_assert_cmpint (nk_store_count_pending (f->store, NULL), ==, 2);

  g_assert_cmpint (sqlite3_prepare_v2 (nk_store_get_db (f->store), "SELECT payload FROM outbox "
                                       "WHERE type = 'attendance'", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  const char *payload = (const char *) sqlite3_column_text (stmt, 0);
  g_assert_nonnull (strstr (payload, "\"child_id\":\"D0001\""));
  g_assert_nonnull (strstr (payload, "\"direction\":\"in\""));
  g_assert_nonnull (strstr (payload, "\"method\":\"card\""));
  sqlite3_finalize (stmt);
}

static void
test_debounce (Fixture *f, gconstpointer data)
{
  g_autoptr (NkTapResult) first = tap (f, NK_DEMO_UID_CHILD);

  advance (f, SECONDS (5));
  g_autoptr (NkTapResult) second = tap (f, NK_DEMO_UID_CHILD);
  g_assert_cmpint (second->outcome, ==, NK_TAP_ALREADY_RECORDED);
  g_assert_cmpstr (second->person_name, ==, "王小明");
  g_assert_null (second->event_id);
  g_assert_cmpint (count (f, "SELECT count(*) FROM attendance"), ==, 1);

  /* the window counts from the recorded tap, not from the refused one */
  advance (f, SECONDS (5));
  g_autoptr (NkTapResult) third = tap (f, NK_DEMO_UID_CHILD);
  g_assert_cmpint (third->outcome, ==, NK_TAP_CHECKED_OUT);
}

static void
test_debounce_configurable (Fixture *f, gconstpointer data)
{
  nk_door_set_debounce (f->door, 2);
  g_autoptr (NkTapResult) first = tap (f, NK_DEMO_UID_CHILD);
  advance (f, SECONDS (3));
  g_autoptr (NkTapResult) second = tap (f, NK_DEMO_UID_CHILD);
  g_assert_cmpint (second->outcome, ==, NK_TAP_CHECKED_OUT);
}

static void
on_clock_jumped (NkCentre *centre, gint64 jump, gint64 *seen)
{
  *seen = jump;
}

static void
test_debounce_monotonic (Fixture *f, gconstpointer data)
{
  g_autoptr (NkTapResult) first = tap (f, NK_DEMO_UID_CHILD);
  gint64 jump = 0;

  g_signal_connect (nk_door_get_centre (f->door), "clock-jumped", G_CALLBACK (on_clock_jumped), &jump);

  /* the wall clock jumps an hour ahead (NTP), but only 2 s passed */
  REAL (f) += SECONDS (3600);
  MONO (f) += SECONDS (2);
  g_test_expect_message ("nk-core", G_LOG_LEVEL_MESSAGE, "*clock jumped by +3598 s*");
  g_autoptr (NkTapResult) second = tap (f, NK_DEMO_UID_CHILD);
  g_test_assert_expected_messages ();
  g_assert_cmpint (second->outcome, ==, NK_TAP_ALREADY_RECORDED);
  g_assert_cmpint (jump, ==, SECONDS (3598));

  /* the wall clock jumps back; 20 s really passed: a real second tap */
  REAL (f) -= SECONDS (7200);
  MONO (f) += SECONDS (20);
  g_test_expect_message ("nk-core", G_LOG_LEVEL_MESSAGE, "*clock jumped by -7220 s*");
  g_autoptr (NkTapResult) third = tap (f, NK_DEMO_UID_CHILD);
  g_test_assert_expected_messages ();
  g_assert_cmpint (third->outcome, ==, NK_TAP_CHECKED_OUT);
}

static void
test_clock_wrong (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  /* a box whose real-time clock lost its battery */
  REAL (f) = SECONDS (946684800); /* 2000-01-01 */
  g_assert_null (nk_door_tap (f->door, NK_DEMO_UID_CHILD, &error));
  g_assert_error (error, NK_CENTRE_ERROR, NK_CENTRE_ERROR_CLOCK);
  g_assert_nonnull (strstr (error->message, "2000-01-01"));
  g_clear_error (&error);
  g_assert_null (nk_attendance_manual (ATT (f), "S002", "D0001", NK_DIRECTION_IN, "忘带卡", &error));
  g_assert_error (error, NK_CENTRE_ERROR, NK_CENTRE_ERROR_CLOCK);
  g_clear_error (&error);
  g_assert_cmpint (nk_attendance_close_stale (ATT (f), &error), ==, -1);
  g_assert_error (error, NK_CENTRE_ERROR, NK_CENTRE_ERROR_CLOCK);
  g_assert_cmpint (count (f, "SELECT count(*) FROM attendance"), ==, 0);

  /* time set: works */
  REAL (f) = MONDAY_8AM_US;
  g_autoptr (NkTapResult) r = tap (f, NK_DEMO_UID_CHILD);
  g_assert_cmpint (r->outcome, ==, NK_TAP_CHECKED_IN);
}

static void
test_clock_was_fast (Fixture *f, gconstpointer data)
{
  /* checked in while the clock ran a day fast … */
  REAL (f) += SECONDS (24 * 3600);
  g_autoptr (NkTapResult) in = tap (f, NK_DEMO_UID_CHILD);
  g_assert_cmpint (in->outcome, ==, NK_TAP_CHECKED_IN);

  /* … corrected: the stay is not closed, the next tap checks out */
  REAL (f) -= SECONDS (24 * 3600);
  MONO (f) += SECONDS (3600);
  REAL (f) += SECONDS (3600);
  g_test_expect_message ("nk-core", G_LOG_LEVEL_MESSAGE, "*clock jumped*");
  g_assert_cmpint (nk_attendance_close_stale (ATT (f), NULL), ==, 0);
  g_test_assert_expected_messages ();
  g_autoptr (NkTapResult) out = tap (f, NK_DEMO_UID_CHILD);
  g_assert_cmpint (out->outcome, ==, NK_TAP_CHECKED_OUT);
}

static void
test_unknown_card (Fixture *f, gconstpointer data)
{
  g_autoptr (NkTapResult) a = NULL;
  g_autoptr (NkTapResult) b = NULL;

  g_test_expect_message ("nk-core", G_LOG_LEVEL_MESSAGE, "Unknown card 04999999");
  a = tap (f, NK_DEMO_UID_UNKNOWN);
  g_test_assert_expected_messages ();
  g_assert_cmpint (a->outcome, ==, NK_TAP_UNKNOWN_CARD);
  g_assert_null (a->person_name);
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit WHERE kind = 'unknown-card' AND uid = '04999999'"), ==, 1);

  /* the same stray card again at once: answered again, one audit row */
  g_test_expect_message ("nk-core", G_LOG_LEVEL_MESSAGE, "Unknown card 04999999");
  b = tap (f, NK_DEMO_UID_UNKNOWN);
  g_test_assert_expected_messages ();
  g_assert_cmpint (b->outcome, ==, NK_TAP_UNKNOWN_CARD);
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM attendance"), ==, 0);
}

static void
test_lost_card (Fixture *f, gconstpointer data)
{
  g_autoptr (NkTapResult) r = NULL;

  g_test_expect_message ("nk-core", G_LOG_LEVEL_MESSAGE, "*reported lost*");
  r = tap (f, NK_DEMO_UID_LOST);
  g_test_assert_expected_messages ();
  g_assert_cmpint (r->outcome, ==, NK_TAP_LOST_CARD);
  g_assert_null (r->person_name); /* shows no family data */
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit WHERE kind = 'lost-card'"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM attendance"), ==, 0);

  /* found again: works */
  g_assert_true (nk_roster_set_card_lost (f->store, NK_DEMO_UID_LOST, FALSE, NULL));
  advance (f, SECONDS (11));
  g_autoptr (NkTapResult) found = tap (f, NK_DEMO_UID_LOST);
  g_assert_cmpint (found->outcome, ==, NK_TAP_FAMILY);
}

static void
test_invalid_uid (Fixture *f, gconstpointer data)
{
  const char *bad[] = { "", "zz!!", "04a1b2c3", "04A1B2", "04A1B2C3'--", NULL };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (NkTapResult) r = NULL;

      g_test_expect_message ("nk-core", G_LOG_LEVEL_MESSAGE, "Unreadable card number*");
      r = tap (f, bad[i]);
      g_test_assert_expected_messages ();
      g_assert_cmpint (r->outcome, ==, NK_TAP_INVALID_UID);
      g_assert_nonnull (r->message);
    }
  g_assert_cmpint (count (f, "SELECT count(*) FROM attendance"), ==, 0);
}

static const char *
family_child (NkTapResult *r, guint i)
{
  return ((NkFamilyChild *) r->family->pdata[i])->child_id;
}

static void
test_guardian_family (Fixture *f, gconstpointer data)
{
  g_autoptr (NkTapResult) r = tap (f, NK_DEMO_UID_GUARDIAN_TWO);
  g_autoptr (GError) error = NULL;

  g_assert_cmpint (r->outcome, ==, NK_TAP_FAMILY);
  g_assert_cmpstr (r->person_name, ==, "李娜");
  g_assert_cmpuint (r->family->len, ==, 2);
  /* the tap alone records nothing */
  g_assert_cmpint (count (f, "SELECT count(*) FROM attendance"), ==, 0);
  for (guint i = 0; i < 2; i++)
    {
      NkFamilyChild *c = r->family->pdata[i];
      g_assert_false (c->present);
      g_assert_true (c->can_pickup);
    }

  const char *both[] = { family_child (r, 0), family_child (r, 1), NULL };
  g_autoptr (GPtrArray) done = nk_door_confirm_family (f->door, r->person_id, both, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (done->len, ==, 2);
  for (guint i = 0; i < 2; i++)
    g_assert_cmpint (((NkTapResult *) done->pdata[i])->outcome, ==, NK_TAP_CHECKED_IN);
  g_assert_cmpint (count (f, "SELECT count(*) FROM attendance WHERE by_kind = 'guardian' AND by_id = 'DG001'"), ==, 2);
  g_assert_cmpint (count (f, "SELECT count(*) FROM outbox"), ==, 2);

  /* straight after confirming, the same card is "already recorded" */
  advance (f, SECONDS (3));
  g_autoptr (NkTapResult) again = tap (f, NK_DEMO_UID_GUARDIAN_TWO);
  g_assert_cmpint (again->outcome, ==, NK_TAP_ALREADY_RECORDED);

  /* afternoon: both present; take one home */
  advance (f, SECONDS (8 * 3600));
  g_autoptr (NkTapResult) pm = tap (f, NK_DEMO_UID_GUARDIAN_TWO);
  g_assert_cmpint (pm->outcome, ==, NK_TAP_FAMILY);
  g_assert_true (((NkFamilyChild *) pm->family->pdata[0])->present);
  const char *one[] = { family_child (pm, 0), NULL };
  g_autoptr (GPtrArray) out = nk_door_confirm_family (f->door, pm->person_id, one, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (((NkTapResult *) out->pdata[0])->outcome, ==, NK_TAP_CHECKED_OUT);
  g_assert_cmpuint (f->refused->len, ==, 0);
}

static void
test_guardian_cancel_retap (Fixture *f, gconstpointer data)
{
  g_autoptr (NkTapResult) first = tap (f, NK_DEMO_UID_GUARDIAN_TWO);

  /* she pressed cancel, or another parent's tap replaced her chooser */
  advance (f, SECONDS (3));
  g_autoptr (NkTapResult) again = tap (f, NK_DEMO_UID_GUARDIAN_TWO);
  g_assert_cmpint (again->outcome, ==, NK_TAP_FAMILY);
}

static void
test_guardian_state_changed (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (NkTapResult) chooser = tap (f, NK_DEMO_UID_GUARDIAN_TWO);
  const char *han[] = { "D0002", NULL };
  NkDirection offered[] = { NK_DIRECTION_IN };

  /* meanwhile a member of staff checked 子涵 in by hand */
  g_autoptr (NkTapResult) manual = nk_attendance_manual (ATT (f), "S002", "D0002", NK_DIRECTION_IN,
                                                         "忘带卡", &error);
  g_assert_no_error (error);

  g_autoptr (GPtrArray) r = nk_door_confirm_family (f->door, "DG001", han, offered, &error);
  g_assert_no_error (error);
  g_assert_cmpint (((NkTapResult *) r->pdata[0])->outcome, ==, NK_TAP_ALREADY_RECORDED);
  g_assert_cmpint (count (f, "SELECT count(*) FROM attendance WHERE child_id = 'D0002'"), ==, 1);
}

static void
test_keyring (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  const char *ming[] = { "D0001", NULL };

  /* 王小明's card on the same keyring as a guardian's card */
  g_assert_true (nk_roster_link (f->store, "D0001", "DG001", TRUE, NULL));
  g_autoptr (NkTapResult) chooser = tap (f, NK_DEMO_UID_GUARDIAN_TWO);
  g_autoptr (GPtrArray) r = nk_door_confirm_family (f->door, "DG001", ming, NULL, &error);
  g_assert_cmpint (((NkTapResult *) r->pdata[0])->outcome, ==, NK_TAP_CHECKED_IN);

  advance (f, SECONDS (2));
  g_autoptr (NkTapResult) child = tap (f, NK_DEMO_UID_CHILD);
  g_assert_cmpint (child->outcome, ==, NK_TAP_ALREADY_RECORDED);
  g_assert_cmpint (count (f, "SELECT count(*) FROM attendance"), ==, 1);
}

static void
test_staff_retap (Fixture *f, gconstpointer data)
{
  g_autoptr (NkTapResult) first = tap (f, NK_DEMO_UID_CAREGIVER);

  /* a parent's tap closed staff mode; the caregiver taps again at once */
  advance (f, SECONDS (2));
  g_autoptr (NkTapResult) again = tap (f, NK_DEMO_UID_CAREGIVER);
  g_assert_cmpint (again->outcome, ==, NK_TAP_STAFF_OPEN);
  g_assert_cmpint (count (f, "SELECT count(*) FROM staff_clock"), ==, 1);
}

static void
test_guardian_not_authorised (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (NkTapResult) r = tap (f, NK_DEMO_UID_NO_PICKUP);
  const char *child[] = { "D0004", NULL };

  g_assert_cmpint (r->outcome, ==, NK_TAP_FAMILY);
  g_assert_false (((NkFamilyChild *) r->family->pdata[0])->can_pickup);

  /* dropping off is allowed */
  g_autoptr (GPtrArray) in = nk_door_confirm_family (f->door, "DG002", child, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (((NkTapResult *) in->pdata[0])->outcome, ==, NK_TAP_CHECKED_IN);

  /* taking home is not */
  advance (f, SECONDS (3600));
  g_autoptr (GPtrArray) out = nk_door_confirm_family (f->door, "DG002", child, NULL, &error);
  g_assert_no_error (error);
  NkTapResult *refused = out->pdata[0];
  g_assert_cmpint (refused->outcome, ==, NK_TAP_NOT_AUTHORISED);
  g_assert_nonnull (refused->message);
  g_assert_null (refused->event_id);
  g_assert_cmpuint (f->refused->len, ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit WHERE kind = 'pickup-refused'"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM outbox WHERE type = 'refusal'"), ==, 1);
  /* still here */
  g_assert_cmpint (count (f, "SELECT count(*) FROM attendance WHERE child_id = 'D0004'"), ==, 1);
}

static void
test_guardian_other_child (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  const char *not_mine[] = { "D0001", NULL };
  g_autoptr (GPtrArray) r = nk_door_confirm_family (f->door, "DG001", not_mine, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpint (((NkTapResult *) r->pdata[0])->outcome, ==, NK_TAP_NOT_AUTHORISED);
  g_assert_cmpint (count (f, "SELECT count(*) FROM attendance"), ==, 0);
  g_assert_cmpuint (f->refused->len, ==, 1);
}

static void
test_stale_closed_at_start (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (NkTapResult) in = tap (f, NK_DEMO_UID_CHILD);

  /* nobody checked him out; next morning */
  advance (f, SECONDS (24 * 3600));
  g_assert_cmpint (nk_attendance_close_stale (ATT (f), &error), ==, 1);
  g_assert_no_error (error);
  g_assert_cmpint (count (f, "SELECT count(*) FROM attendance WHERE kind = 'not_out' AND method = 'system' "
                             "AND local_date = '2026-11-23'"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM outbox o JOIN attendance a ON a.id = o.event_id "
                             "WHERE a.kind = 'not_out'"), ==, 1);
  g_assert_cmpint (nk_attendance_close_stale (ATT (f), &error), ==, 0);

  g_autoptr (GPtrArray) stays = nk_attendance_list_open_stays (ATT (f), 7, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stays->len, ==, 1);
  NkOpenStay *stay = stays->pdata[0];
  g_assert_cmpstr (stay->name, ==, "王小明");
  g_assert_cmpstr (stay->date, ==, "2026-11-23");
  g_assert_cmpint (stay->checked_in_us, ==, MONDAY_8AM_US);
  g_autofree char *room_then = g_strdup (stay->room_name);
  g_assert_nonnull (room_then);

  /* he moves up a room: the stay still names the room of that day */
  g_assert_true (nk_roster_put_child (f->store, "D0001", "王小明", "2024-06-01", "R3", NULL, NULL, &error));
  g_autoptr (GPtrArray) moved = nk_attendance_list_open_stays (ATT (f), 7, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (moved->len, ==, 1);
  g_assert_cmpstr (((NkOpenStay *) moved->pdata[0])->room_name, ==, room_then);

  /* and today he checks in as usual */
  g_autoptr (NkTapResult) today = tap (f, NK_DEMO_UID_CHILD);
  g_assert_cmpint (today->outcome, ==, NK_TAP_CHECKED_IN);
}

static void
test_stale_closed_on_tap (Fixture *f, gconstpointer data)
{
  g_autoptr (NkTapResult) in = tap (f, NK_DEMO_UID_CHILD);

  advance (f, SECONDS (24 * 3600));
  g_test_expect_message ("nk-core", G_LOG_LEVEL_MESSAGE, "*not checked out on 2026-11-23*");
  g_autoptr (NkTapResult) next = tap (f, NK_DEMO_UID_CHILD);
  g_test_assert_expected_messages ();
  g_assert_cmpint (next->outcome, ==, NK_TAP_CHECKED_IN);
  g_assert_cmpint (count (f, "SELECT count(*) FROM attendance WHERE kind = 'not_out'"), ==, 1);
}

static void
test_local_date (Fixture *f, gconstpointer data)
{
  /* 23:30 UTC on Sunday is 07:30 Monday in Shanghai */
  REAL (f) = MONDAY_8AM_US - SECONDS (1800);
  g_autoptr (NkTapResult) in = tap (f, NK_DEMO_UID_CHILD);
  g_autofree char *today = nk_centre_today (nk_door_get_centre (f->door));

  g_assert_cmpstr (today, ==, "2026-11-23");
  g_assert_cmpint (count (f, "SELECT count(*) FROM attendance WHERE local_date = '2026-11-23'"), ==, 1);
}

static void
test_staff_clock (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (NkTapResult) first = tap (f, NK_DEMO_UID_CAREGIVER);

  g_assert_cmpint (first->outcome, ==, NK_TAP_STAFF_CLOCKED_IN);
  g_assert_cmpint (first->role, ==, NK_STAFF_CAREGIVER);
  g_assert_cmpstr (first->person_name, ==, "张老师");
  g_assert_cmpint (count (f, "SELECT count(*) FROM staff_clock WHERE kind = 'in'"), ==, 1);

  /* later in the day the card just opens staff mode */
  advance (f, SECONDS (600));
  g_autoptr (NkTapResult) open = tap (f, NK_DEMO_UID_CAREGIVER);
  g_assert_cmpint (open->outcome, ==, NK_TAP_STAFF_OPEN);
  g_assert_cmpint (count (f, "SELECT count(*) FROM staff_clock"), ==, 1);

  g_autoptr (NkTapResult) out = nk_staff_clock_out (nk_door_get_staff_clock (f->door), "S002", &error);
  g_assert_no_error (error);
  g_assert_cmpint (out->outcome, ==, NK_TAP_STAFF_CLOCKED_OUT);
  g_assert_cmpint (count (f, "SELECT count(*) FROM staff_clock WHERE kind = 'out'"), ==, 1);

  g_assert_null (nk_staff_clock_out (nk_door_get_staff_clock (f->door), "S002", &error));
  g_assert_error (error, NK_STORE_ERROR, NK_STORE_ERROR_INVALID);
}

static void
test_manual (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (NkTapResult) in = nk_attendance_manual (ATT (f), "S002", "D0001", NK_DIRECTION_IN,
                                                     "忘带卡", &error);

  g_assert_no_error (error);
  g_assert_cmpint (in->outcome, ==, NK_TAP_CHECKED_IN);
  g_assert_cmpint (count (f, "SELECT count(*) FROM attendance WHERE method = 'manual' AND by_kind = 'staff' "
                             "AND by_id = 'S002' AND reason = '忘带卡'"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit WHERE kind = 'manual'"), ==, 1);

  /* already in */
  g_assert_null (nk_attendance_manual (ATT (f), "S002", "D0001", NK_DIRECTION_IN, "again", &error));
  g_assert_error (error, NK_STORE_ERROR, NK_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* no reason */
  g_assert_null (nk_attendance_manual (ATT (f), "S002", "D0001", NK_DIRECTION_OUT, "  ", &error));
  g_assert_error (error, NK_STORE_ERROR, NK_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* no such staff or child */
  g_assert_null (nk_attendance_manual (ATT (f), "S999", "D0001", NK_DIRECTION_OUT, "x", &error));
  g_assert_error (error, NK_STORE_ERROR, NK_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (nk_attendance_manual (ATT (f), "S002", "nobody", NK_DIRECTION_OUT, "x", &error));
  g_assert_error (error, NK_STORE_ERROR, NK_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_autoptr (NkTapResult) out = nk_attendance_manual (ATT (f), "S002", "D0001", NK_DIRECTION_OUT,
                                                      "卡丢失", &error);
  g_assert_no_error (error);
  g_assert_cmpint (out->outcome, ==, NK_TAP_CHECKED_OUT);
  g_assert_cmpint (count (f, "SELECT count(*) FROM attendance"), ==, 2);
}

static void
test_inactive_child (Fixture *f, gconstpointer data)
{
  g_assert_true (nk_roster_set_child_active (f->store, "D0001", FALSE, NULL));
  g_autoptr (NkTapResult) r = tap (f, NK_DEMO_UID_CHILD);
  g_assert_cmpint (r->outcome, ==, NK_TAP_INACTIVE);
  g_assert_cmpint (count (f, "SELECT count(*) FROM attendance"), ==, 0);
}

static void
test_list_rooms (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (NkTapResult) a = tap (f, NK_DEMO_UID_CHILD);
  g_autoptr (NkTapResult) b = tap (f, NK_DEMO_UID_CAREGIVER);
  g_autoptr (GPtrArray) rooms = nk_attendance_list_rooms (ATT (f), &error);
  guint enrolled = 0, present = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (rooms->len, ==, 3);
  for (guint i = 0; i < rooms->len; i++)
    {
      NkRoomSummary *room = rooms->pdata[i];

      g_assert_cmpuint (room->enrolled, <=, room->places);
      g_assert_cmpuint (room->enrolled, ==, room->children->len);
      enrolled += room->enrolled;
      present += room->present;
      if (g_str_equal (room->room_id, "R2"))
        {
          g_assert_cmpuint (room->present, ==, 1);
          g_assert_cmpuint (room->staff_present, >=, 1);
        }
    }
  g_assert_cmpint (enrolled, ==, nk_roster_count_children (f->store));
  g_assert_cmpuint (present, ==, 1);
}

static void
test_disk_full (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  sqlite3_stmt *stmt = NULL;
  int pages;

  sqlite3_prepare_v2 (nk_store_get_db (f->store), "PRAGMA page_count", -1, &stmt, NULL);
  sqlite3_step (stmt);
  pages = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);

  /* fill every free page, then forbid growth: the next write is "disk full" */
  g_autofree char *limit = g_strdup_printf ("PRAGMA max_page_count = %d", pages);
  g_assert_true (nk_store_exec (f->store, "CREATE TABLE filler (x)", NULL));
  g_assert_true (nk_store_exec (f->store, limit, NULL));
  while (nk_store_exec (f->store, "INSERT INTO filler VALUES (randomblob(1000))", NULL))
    ;
  while (nk_store_exec (f->store, "INSERT INTO filler VALUES (randomblob(50))", NULL))
    ;
  /* and the attendance table's own pages */
  while (nk_store_exec (f->store, "INSERT INTO attendance (id, child_id, kind, at_us, local_date, by_kind, "
                                  "device_id, method) VALUES (hex (randomblob (16)), 'filler', 'in', 0, "
                                  "'2000-01-01', 'system', 'd', 'system')", NULL))
    ;

  g_assert_null (nk_door_tap (f->door, NK_DEMO_UID_CHILD, &error));
  g_assert_error (error, NK_STORE_ERROR, NK_STORE_ERROR_DISK_FULL);
  g_assert_cmpint (count (f, "SELECT count(*) FROM attendance WHERE child_id = 'D0001'"), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM outbox"), ==, 0);
  g_clear_error (&error);

  /* an unknown card is still answered for what it is; the audit row that
   * cannot be written is said in the journal */
  while (nk_store_exec (f->store, "INSERT INTO audit (at_us, device_id, kind) VALUES (0, 'd', 'filler')",
                        NULL))
    ;
  g_test_expect_message ("nk-core", G_LOG_LEVEL_MESSAGE, "Unknown card 04999999");
  g_test_expect_message ("nk-core", G_LOG_LEVEL_MESSAGE, "The audit row for card 04999999 could not be written*");
  {
    g_autoptr (NkTapResult) unknown = nk_door_tap (f->door, NK_DEMO_UID_UNKNOWN, &error);
    g_assert_no_error (error);
    g_assert_nonnull (unknown);
    g_assert_cmpint (unknown->outcome, ==, NK_TAP_UNKNOWN_CARD);
  }
  g_test_assert_expected_messages ();
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit WHERE uid = '04999999'"), ==, 0);

  /* space again: the same tap is recorded (no debounce from the failure) */
  g_assert_true (nk_store_exec (f->store, "PRAGMA max_page_count = 1000000", NULL));
  g_autoptr (NkTapResult) r = tap (f, NK_DEMO_UID_CHILD);
  g_assert_cmpint (r->outcome, ==, NK_TAP_CHECKED_IN);
}

/* Whether the staff screens show child_id present now. */
static gboolean
list_present (Fixture *f, const char *child_id)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rooms = nk_attendance_list_rooms (ATT (f), &error);

  g_assert_no_error (error);
  for (guint i = 0; i < rooms->len; i++)
    {
      NkRoomSummary *room = rooms->pdata[i];

      for (guint j = 0; j < room->children->len; j++)
        if (g_str_equal (((NkRoomChild *) room->children->pdata[j])->child_id, child_id))
          return ((NkRoomChild *) room->children->pdata[j])->present;
    }
  g_assert_not_reached ();
}

/* The clock ran a day fast and was corrected: every tap after it still
 * toggles (each new row is ordered after the row it was decided on), and
 * every row keeps the time it was made at. */
static void
test_clock_was_fast_toggles (Fixture *f, gconstpointer data)
{
  NkTapOutcome expected[] = { NK_TAP_CHECKED_OUT, NK_TAP_CHECKED_IN, NK_TAP_CHECKED_OUT };

  REAL (f) += SECONDS (24 * 3600);
  g_autoptr (NkTapResult) in = tap (f, NK_DEMO_UID_CHILD);
  g_assert_cmpint (in->outcome, ==, NK_TAP_CHECKED_IN);

  REAL (f) -= SECONDS (24 * 3600);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr (NkTapResult) r = NULL;

      advance (f, SECONDS (60));
      if (i == 0)
        g_test_expect_message ("nk-core", G_LOG_LEVEL_MESSAGE, "*clock jumped*");
      r = tap (f, NK_DEMO_UID_CHILD);
      g_test_assert_expected_messages ();
      g_assert_cmpint (r->outcome, ==, expected[i]);
      g_assert_cmpint (r->at_us, ==, MONDAY_8AM_US + SECONDS (60 * (i + 1)));
    }
  g_assert_false (list_present (f, "D0001"));
  g_assert_cmpint (count (f, "SELECT count(*) FROM attendance a JOIN attendance b "
                             "ON a.child_id = b.child_id AND a.rowid < b.rowid "
                             "AND a.order_us >= b.order_us"), ==, 0);
}

/* A database of attendance version 2 holding a day: the step that orders
 * rows by order time keeps every child's state as insertion order had it,
 * also where a clock ran fast. */
static void
test_order_upgrade (Fixture *f, gconstpointer data)
{
  static const struct { const char *child; const char *kind; gint64 at_s; } rows[] = {
    { "D0001", "in", 24 * 3600 },   /* while the clock ran a day fast */
    { "D0001", "out", 3600 },
    { "D0002", "in", 0 },
    { "D0002", "out", 3600 },
    { "D0002", "in", 7200 },
  };
  g_autofree char *path = g_strdup (nk_store_get_path (f->store));
  g_autoptr (GError) error = NULL;
  g_autoptr (GTimeZone) tz = g_time_zone_new_identifier ("Asia/Shanghai");
  NkClock clock = nk_test_clock (&f->clock);

  g_assert_true (nk_store_exec (f->store,
                                "DROP INDEX attendance_child_date;"
                                "CREATE INDEX attendance_child ON attendance (child_id);"
                                "DROP INDEX attendance_not_out;"
                                "DROP TRIGGER attendance_order_default;"
                                "DROP INDEX attendance_order;"
                                "ALTER TABLE attendance DROP COLUMN order_us;"
                                "UPDATE schema_modules SET version = 2 WHERE module = 'attendance';",
                                NULL));
  {
    /* the schema as a whole three steps older too */
    g_autofree char *older = g_strdup_printf ("PRAGMA user_version = %u",
                                              nk_store_get_schema_version (f->store) - 3);

    g_assert_true (nk_store_exec (f->store, older, NULL));
  }
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autofree char *id = g_uuid_string_random ();

      g_assert_true (nk_store_run (f->store,
                                   "INSERT INTO attendance (id, child_id, kind, at_us, local_date, "
                                   "  by_kind, device_id, method) "
                                   "VALUES (:id, :child, :kind, :at_us, '2026-11-23', 'child', 'old', "
                                   "  'card')",
                                   "test", NULL, NK_TEXT (":id", id), NK_TEXT (":child", rows[i].child),
                                   NK_TEXT (":kind", rows[i].kind),
                                   NK_INT (":at_us", MONDAY_8AM_US + SECONDS (rows[i].at_s)), NK_END));
    }
  g_clear_object (&f->door);
  g_clear_object (&f->store);

  f->store = nk_store_open (path, &error);
  g_assert_no_error (error);
  f->door = nk_test_door_new (f->store, tz, &clock);
  g_assert_cmpint (count (f, "SELECT version FROM schema_modules WHERE module = 'attendance'"), ==, 5);
  g_assert_cmpint (count (f, "SELECT count(*) FROM attendance a JOIN attendance b "
                             "ON a.child_id = b.child_id AND a.rowid < b.rowid "
                             "AND a.order_us >= b.order_us"), ==, 0);
  g_assert_false (list_present (f, "D0001"));
  g_assert_true (list_present (f, "D0002"));

  advance (f, SECONDS (3 * 3600));
  g_autoptr (NkTapResult) r = tap (f, NK_DEMO_UID_CHILD);
  g_assert_cmpint (r->outcome, ==, NK_TAP_CHECKED_IN);

  /* a row written by hand, without an order time, is ordered by its time */
  g_assert_true (nk_store_exec (f->store,
                                "INSERT INTO attendance (id, child_id, kind, at_us, local_date, by_kind, "
                                "  device_id, method) "
                                "VALUES ('by-hand', 'D0003', 'in', 1795392000123456, '2026-11-23', 'child', "
                                "  'tool', 'card')",
                                NULL));
  g_assert_cmpint (count (f, "SELECT order_us FROM attendance WHERE id = 'by-hand'"), ==,
                   G_GINT64_CONSTANT (1795392000123000));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn) g_test_add ("/nk/attendance/" path, Fixture, NULL, setup, fn, teardown)
  ADD ("child-toggles", test_child_toggles);
  ADD ("outbox-with-every-event", test_outbox_with_every_event);
  ADD ("debounce", test_debounce);
  ADD ("debounce-configurable", test_debounce_configurable);
  ADD ("debounce-monotonic", test_debounce_monotonic);
  ADD ("unknown-card", test_unknown_card);
  ADD ("lost-card", test_lost_card);
  ADD ("invalid-uid", test_invalid_uid);
  ADD ("guardian-family", test_guardian_family);
  ADD ("guardian-cancel-retap", test_guardian_cancel_retap);
  ADD ("guardian-state-changed", test_guardian_state_changed);
  ADD ("keyring", test_keyring);
  ADD ("staff-retap", test_staff_retap);
  ADD ("clock-wrong", test_clock_wrong);
  ADD ("clock-was-fast", test_clock_was_fast);
  ADD ("guardian-not-authorised", test_guardian_not_authorised);
  ADD ("guardian-other-child", test_guardian_other_child);
  ADD ("stale-closed-at-start", test_stale_closed_at_start);
  ADD ("stale-closed-on-tap", test_stale_closed_on_tap);
  ADD ("local-date", test_local_date);
  ADD ("staff-clock", test_staff_clock);
  ADD ("manual", test_manual);
  ADD ("inactive-child", test_inactive_child);
  ADD ("list-rooms", test_list_rooms);
  ADD ("disk-full", test_disk_full);
  ADD ("clock-was-fast-toggles", test_clock_was_fast_toggles);
  ADD ("order-upgrade", test_order_upgrade);
  return g_test_run ();
}
