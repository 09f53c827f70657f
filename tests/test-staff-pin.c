/* test-staff-pin.c — staff PINs: the rule (six digits, not trivially
 * guessed), unique among staff, kept only as a hash, set and cleared with
 * an audit row; at the door a right PIN says who, five wrong ones in a row
 * lock PIN entry for five minutes on the injected clocks, and the lock
 * outlives a restart. */
#include "config.h"

#include <string.h>

#include "core/nk-demo.h"
#include "core/nk-staff-pin.h"
#include "nk-test-util.h"

/* 2026-11-23 08:00 in Shanghai = 00:00 UTC, a Monday */
#define MONDAY_8AM_US (G_GINT64_CONSTANT (1795392000) * G_USEC_PER_SEC)
#define SECONDS(s) ((gint64) (s) * G_USEC_PER_SEC)

#define CAREGIVER_PIN "482913"
#define DIRECTOR_PIN  "730516"

typedef struct {
  char        *dir;
  NkStore     *store;
  NkDoor      *door;
  NkTestClock  clock;
} Fixture;

static void
open_door (Fixture *f)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Asia/Shanghai");
  NkClock clock = nk_test_clock (&f->clock);

  f->door = nk_test_door_new (f->store, tz, &clock);
}

static void
setup (Fixture *f, gconstpointer data)
{
  f->store = nk_test_store_new ("staff-pin", &f->dir);
  g_assert_true (nk_demo_seed (f->store, NULL));
  f->clock.real_us = MONDAY_8AM_US;
  f->clock.mono_us = SECONDS (1000);
  open_door (f);
}

static void
teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->door);
  g_clear_object (&f->store);
  nk_test_dir_remove (f->dir);
  g_free (f->dir);
}

static void
set_pin (Fixture *f, const char *staff_id, const char *pin)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (nk_staff_pin_set (f->store, staff_id, pin, &error));
  g_assert_no_error (error);
}

static void
on_verified (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* A try at the door, waited for on the main loop (the hashing runs in a
 * worker thread). */
static NkPinAnswer *
try_pin (Fixture *f, const char *pin)
{
  NkStaffPin *checker = nk_door_get_staff_pin (f->door);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  NkPinAnswer *answer;

  nk_staff_pin_verify_async (checker, pin, on_verified, &result);
  g_assert_null (result);   /* never answered inside the call */
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  answer = nk_staff_pin_verify_finish (checker, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (answer);
  return answer;
}

static gint64
locked_for (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  gint64 left = -1;

  g_assert_true (nk_staff_pin_locked_for (nk_door_get_staff_pin (f->door), &left, &error));
  g_assert_no_error (error);
  return left;
}

static void
test_rule (Fixture *f, gconstpointer data)
{
  const char *weak[] = { "000000", "999999", "123456", "654321", "012345", "987654",
                         "121212", "123123", "112233", "147258" };
  const char *malformed[] = { "", "12345", "1234567", "12a456", " 48291", "48291 ", "４８２９１３" };

  for (guint i = 0; i < G_N_ELEMENTS (weak); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (nk_staff_pin_check (weak[i], &error));
      g_assert_error (error, NK_STAFF_PIN_ERROR, NK_STAFF_PIN_ERROR_WEAK);
      g_assert_nonnull (strstr (error->message, "too easy to guess"));
    }
  for (guint i = 0; i < G_N_ELEMENTS (malformed); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (nk_staff_pin_check (malformed[i], &error));
      g_assert_error (error, NK_STAFF_PIN_ERROR, NK_STAFF_PIN_ERROR_FORMAT);
      g_assert_nonnull (strstr (error->message, "exactly 6 digits"));
    }
  g_assert_false (nk_staff_pin_check (NULL, NULL));
  g_assert_true (nk_staff_pin_check (CAREGIVER_PIN, NULL));
  g_assert_true (nk_staff_pin_check ("103948", NULL));

  /* a weak PIN is never stored */
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (nk_staff_pin_set (f->store, "S002", "123456", &error));
    g_assert_error (error, NK_STAFF_PIN_ERROR, NK_STAFF_PIN_ERROR_WEAK);
    g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM staff_pins"), ==, 0);
  }
}

static void
test_set_and_clear (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = NULL;
  gboolean had = FALSE;

  set_pin (f, "S002", CAREGIVER_PIN);
  hash = nk_test_text (f->store, "SELECT hash FROM staff_pins WHERE staff_id = 'S002'");
  /* the hash, not the PIN */
  g_assert_true (g_str_has_prefix (hash, "$argon2id$"));
  g_assert_null (strstr (hash, CAREGIVER_PIN));
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM staff_pins WHERE hash LIKE '%"
                                            CAREGIVER_PIN "%'"), ==, 0);
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM audit WHERE kind = 'staff-pin-set' "
                                            "AND detail = 'staff S002'"), ==, 1);
  /* nothing for the platform: a PIN never leaves the kiosk */
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM outbox"), ==, 0);

  /* setting again replaces it, with a new salt */
  set_pin (f, "S002", CAREGIVER_PIN);
  {
    g_autofree char *again = nk_test_text (f->store, "SELECT hash FROM staff_pins WHERE staff_id = 'S002'");

    g_assert_cmpstr (again, !=, hash);
  }
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM staff_pins"), ==, 1);

  /* no such member of staff */
  g_assert_false (nk_staff_pin_set (f->store, "S999", DIRECTOR_PIN, &error));
  g_assert_error (error, NK_STORE_ERROR, NK_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (nk_staff_pin_clear (f->store, "S002", &had, &error));
  g_assert_no_error (error);
  g_assert_true (had);
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM staff_pins"), ==, 0);
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM audit WHERE kind = 'staff-pin-cleared' "
                                            "AND detail = 'staff S002'"), ==, 1);
  /* clearing again: there was none, nothing more is audited */
  g_assert_true (nk_staff_pin_clear (f->store, "S002", &had, &error));
  g_assert_false (had);
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM audit WHERE kind = 'staff-pin-cleared'"),
                   ==, 1);
  g_assert_false (nk_staff_pin_clear (f->store, "S999", &had, &error));
  g_assert_error (error, NK_STORE_ERROR, NK_STORE_ERROR_NOT_FOUND);
}

/* The PIN alone says who: two members of staff never share one. */
static void
test_duplicate (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  set_pin (f, "S002", CAREGIVER_PIN);
  g_assert_false (nk_staff_pin_set (f->store, "S001", CAREGIVER_PIN, &error));
  g_assert_error (error, NK_STAFF_PIN_ERROR, NK_STAFF_PIN_ERROR_TAKEN);
  g_assert_nonnull (strstr (error->message, "Another member of staff"));
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM staff_pins"), ==, 1);
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM audit WHERE kind = 'staff-pin-set'"), ==, 1);
  set_pin (f, "S001", DIRECTOR_PIN);
}

static void
test_right (Fixture *f, gconstpointer data)
{
  g_autoptr(NkPinAnswer) caregiver = NULL;
  g_autoptr(NkPinAnswer) director = NULL;
  g_autoptr(NkTapResult) opened = NULL;
  g_autoptr(GError) error = NULL;

  set_pin (f, "S002", CAREGIVER_PIN);
  set_pin (f, "S001", DIRECTOR_PIN);

  caregiver = try_pin (f, CAREGIVER_PIN);
  g_assert_cmpint (caregiver->outcome, ==, NK_PIN_RIGHT);
  g_assert_cmpstr (caregiver->staff_id, ==, "S002");
  director = try_pin (f, DIRECTOR_PIN);
  g_assert_cmpint (director->outcome, ==, NK_PIN_RIGHT);
  g_assert_cmpstr (director->staff_id, ==, "S001");
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM audit WHERE kind = 'staff-pin-opened'"),
                   ==, 2);

  /* and it opens staff mode as the card would: the first of the day clocks in */
  opened = nk_door_staff_pin (f->door, caregiver->staff_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (opened->outcome, ==, NK_TAP_STAFF_CLOCKED_IN);
  g_assert_cmpint (opened->role, ==, NK_STAFF_CAREGIVER);
  g_assert_cmpstr (opened->staff_room_id, ==, "R2");
  g_assert_null (opened->uid);
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM staff_clock WHERE staff_id = 'S002' "
                                            "AND kind = 'in' AND method = 'manual'"), ==, 1);
  g_clear_pointer (&opened, nk_tap_result_unref);
  opened = nk_door_staff_pin (f->door, "S002", &error);
  g_assert_cmpint (opened->outcome, ==, NK_TAP_STAFF_OPEN);
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM staff_clock"), ==, 1);

  /* a member of staff who left: their PIN no longer opens anything */
  g_assert_true (nk_store_exec (f->store, "UPDATE staff SET active = 0 WHERE id = 'S001'", NULL));
  g_clear_pointer (&director, nk_pin_answer_free);
  director = try_pin (f, DIRECTOR_PIN);
  g_assert_cmpint (director->outcome, ==, NK_PIN_WRONG);
}

static void
test_wrong_and_lock (Fixture *f, gconstpointer data)
{
  set_pin (f, "S002", CAREGIVER_PIN);

  for (guint i = 1; i < NK_STAFF_PIN_MAX_TRIES; i++)
    {
      g_autoptr(NkPinAnswer) wrong = NULL;

      g_test_expect_message ("nk-core", G_LOG_LEVEL_MESSAGE, "Wrong staff PIN*");
      wrong = try_pin (f, "503827");
      g_test_assert_expected_messages ();
      g_assert_cmpint (wrong->outcome, ==, NK_PIN_WRONG);
      g_assert_null (wrong->staff_id);
      g_assert_cmpuint (wrong->tries_left, ==, NK_STAFF_PIN_MAX_TRIES - i);
      g_assert_cmpint (locked_for (f), ==, 0);
    }

  {
    g_autoptr(NkPinAnswer) fifth = NULL;

    g_test_expect_message ("nk-core", G_LOG_LEVEL_MESSAGE, "Staff PIN entry locked for 5 min*");
    fifth = try_pin (f, "503828");
    g_test_assert_expected_messages ();
    g_assert_cmpint (fifth->outcome, ==, NK_PIN_LOCKED);
    g_assert_cmpint (fifth->locked_for_us, ==, NK_STAFF_PIN_LOCK_US);
  }
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM audit WHERE kind = 'staff-pin-locked'"), ==, 1);

  /* while locked even the right PIN is refused, and not counted */
  nk_test_clock_advance (&f->clock, SECONDS (4 * 60));
  {
    g_autoptr(NkPinAnswer) right = try_pin (f, CAREGIVER_PIN);

    g_assert_cmpint (right->outcome, ==, NK_PIN_LOCKED);
    g_assert_cmpint (right->locked_for_us, ==, SECONDS (60));
    g_assert_null (right->staff_id);
  }
  g_assert_cmpint (locked_for (f), ==, SECONDS (60));
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM audit WHERE kind = 'staff-pin-opened'"), ==, 0);

  /* five minutes on, PIN entry is open again, with five fresh tries */
  nk_test_clock_advance (&f->clock, SECONDS (60));
  g_assert_cmpint (locked_for (f), ==, 0);
  {
    g_autoptr(NkPinAnswer) wrong = NULL;
    g_autoptr(NkPinAnswer) right = NULL;

    g_test_expect_message ("nk-core", G_LOG_LEVEL_MESSAGE, "Wrong staff PIN*");
    wrong = try_pin (f, "503827");
    g_test_assert_expected_messages ();
    g_assert_cmpuint (wrong->tries_left, ==, NK_STAFF_PIN_MAX_TRIES - 1);
    right = try_pin (f, CAREGIVER_PIN);
    g_assert_cmpint (right->outcome, ==, NK_PIN_RIGHT);
  }
}

/* A right PIN starts the count again: "five in a row". */
static void
test_right_resets_count (Fixture *f, gconstpointer data)
{
  set_pin (f, "S002", CAREGIVER_PIN);
  for (guint round = 0; round < 2; round++)
    {
      g_autoptr(NkPinAnswer) right = NULL;

      for (guint i = 1; i < NK_STAFF_PIN_MAX_TRIES; i++)
        {
          g_autoptr(NkPinAnswer) wrong = NULL;

          g_test_expect_message ("nk-core", G_LOG_LEVEL_MESSAGE, "Wrong staff PIN*");
          wrong = try_pin (f, "503827");
          g_test_assert_expected_messages ();
          g_assert_cmpint (wrong->outcome, ==, NK_PIN_WRONG);
        }
      right = try_pin (f, CAREGIVER_PIN);
      g_assert_cmpint (right->outcome, ==, NK_PIN_RIGHT);
    }
  g_assert_cmpint (locked_for (f), ==, 0);
}

static void
lock_out (Fixture *f)
{
  for (guint i = 0; i < NK_STAFF_PIN_MAX_TRIES; i++)
    {
      g_autoptr(NkPinAnswer) wrong = NULL;

      g_test_expect_message ("nk-core", G_LOG_LEVEL_MESSAGE, "*PIN*");
      wrong = try_pin (f, "503827");
      g_test_assert_expected_messages ();
    }
  g_assert_cmpint (locked_for (f), ==, NK_STAFF_PIN_LOCK_US);
}

/* A restart (a new store and door on the same database) keeps the lock,
 * and so does a reboot (the monotonic clock starts again) by the wall
 * clock; five minutes by either clock end it. */
static void
test_restart_keeps_lock (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_strdup (nk_store_get_path (f->store));
  g_autoptr(GError) error = NULL;

  set_pin (f, "S002", CAREGIVER_PIN);
  lock_out (f);

  g_clear_object (&f->door);
  g_clear_object (&f->store);
  nk_test_clock_advance (&f->clock, SECONDS (30));
  f->store = nk_store_open (path, &error);
  g_assert_no_error (error);
  open_door (f);
  g_assert_cmpint (locked_for (f), ==, NK_STAFF_PIN_LOCK_US - SECONDS (30));
  {
    g_autoptr(NkPinAnswer) right = try_pin (f, CAREGIVER_PIN);

    g_assert_cmpint (right->outcome, ==, NK_PIN_LOCKED);
  }

  /* a reboot: the monotonic clock starts near zero, the wall one goes on */
  f->clock.mono_us = SECONDS (5);
  f->clock.real_us += SECONDS (60);
  g_assert_cmpint (locked_for (f), ==, NK_STAFF_PIN_LOCK_US - SECONDS (90));
  f->clock.real_us += SECONDS (4 * 60);
  g_assert_cmpint (locked_for (f), ==, 0);
}

/* The wall clock set back an hour does not make the lock last longer. */
static void
test_lock_on_monotonic (Fixture *f, gconstpointer data)
{
  set_pin (f, "S002", CAREGIVER_PIN);
  lock_out (f);
  f->clock.real_us -= SECONDS (3600);
  f->clock.mono_us += SECONDS (5 * 60);
  g_assert_cmpint (locked_for (f), ==, 0);
}

int
main (int argc, char *argv[])
{
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_setenv ("LANGUAGE", "", TRUE);
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn) g_test_add ("/nk/staff-pin/" path, Fixture, NULL, setup, fn, teardown)
  ADD ("rule", test_rule);
  ADD ("set-and-clear", test_set_and_clear);
  ADD ("duplicate", test_duplicate);
  ADD ("right", test_right);
  ADD ("wrong-and-lock", test_wrong_and_lock);
  ADD ("right-resets-count", test_right_resets_count);
  ADD ("restart-keeps-lock", test_restart_keeps_lock);
  ADD ("lock-on-monotonic", test_lock_on_monotonic);
#undef ADD
  return g_test_run ();
}
