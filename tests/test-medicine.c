/* test-medicine.c — medicine handed over and given (nk-medicine.h) and
 * the door's claim on a guardian's tap as consent (nk_door_claim_guardian):
 * no consent no record, a guardian of another child is not taken, the
 * claim times out, the times of a handover, the reminder while a dose is
 * due on a fake clock, a double dose refused and then given with the
 * caregiver's confirmation. */
#include "config.h"

#include "core/nk-child-day.h"
#include "core/nk-health-check.h"
#include "core/nk-medicine.h"
#include "core/nk-roster.h"
#include "nk-test-util.h"

#define SECONDS(s) ((gint64) (s) * G_USEC_PER_SEC)
#define MINUTES(m) SECONDS ((m) * 60)

typedef struct {
  char        *dir;
  NkStore     *store;
  NkDoor      *door;
  NkTestClock  clock;
  /* what the claim handed over */
  char        *consent_guardian;
  gint64       consent_us;
  guint        n_consents;
  guint        n_destroyed;
} Fixture;

static void
setup (Fixture *f, gconstpointer data)
{
  GError *error = NULL;

  f->store = nk_test_store_new ("medicine", &f->dir);
  nk_test_put_toddlers (f->store);
  g_assert_true (nk_roster_put_card (f->store, "04000001", NK_HOLDER_CHILD, "c1", &error));
  g_assert_true (nk_roster_put_guardian (f->store, "g1", "Mum of An", NULL, "mother", &error));
  g_assert_true (nk_roster_link (f->store, "c1", "g1", TRUE, &error));
  g_assert_true (nk_roster_put_card (f->store, "04000011", NK_HOLDER_GUARDIAN, "g1", &error));
  g_assert_true (nk_roster_put_guardian (f->store, "g2", "Dad of Bo", NULL, "father", &error));
  g_assert_true (nk_roster_link (f->store, "c2", "g2", TRUE, &error));
  g_assert_true (nk_roster_put_card (f->store, "04000022", NK_HOLDER_GUARDIAN, "g2", &error));
  g_assert_true (nk_roster_put_staff (f->store, "s1", "Teacher Zhang", NK_STAFF_CAREGIVER, NULL, "r1", &error));
  g_assert_no_error (error);
  f->door = nk_test_door_at (f->store, &f->clock, NK_TEST_MONDAY_8AM_US);
  nk_door_set_debounce (f->door, 0);
}

static void
teardown (Fixture *f, gconstpointer data)
{
  g_free (f->consent_guardian);
  nk_test_door_close (&f->door, &f->store, &f->dir);
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
on_consent (NkTapResult *consent, gpointer data)
{
  Fixture *f = data;

  f->n_consents++;
  g_free (f->consent_guardian);
  f->consent_guardian = g_strdup (consent->person_id);
  f->consent_us = consent->at_us;
}

static void
on_claim_destroyed (gpointer data)
{
  ((Fixture *) data)->n_destroyed++;
}

static char *
hand_over (Fixture *f, const char *times, const char *guardian_id, gint64 consent_us, GError **error)
{
  NkMedicineHandover handover = {
    .child_id = "c1", .name = "Ibuprofen syrup", .dose = "5 ml", .times = times,
    .guardian_id = guardian_id, .consent_us = consent_us,
  };

  return nk_medicine_hand_over (f->store, nk_door_get_centre (f->door), "s1", &handover, error);
}

static char *
give (Fixture *f, const char *medicine_id, const char *time, gboolean anyway, GError **error)
{
  return nk_medicine_give (f->store, nk_door_get_centre (f->door), "s1", medicine_id, time, anyway, error);
}

/* Without the parent's tap there is no handover, and so nothing to give. */
static void
test_consent_missing (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *id = hand_over (f, "12:00", NULL, 0, &error);

  g_assert_null (id);
  g_assert_error (error, NK_MEDICINE_ERROR, NK_MEDICINE_ERROR_NO_CONSENT);
  g_clear_error (&error);
  /* a guardian named, but no tap of theirs */
  g_assert_null (hand_over (f, "12:00", "g1", 0, &error));
  g_assert_error (error, NK_MEDICINE_ERROR, NK_MEDICINE_ERROR_NO_CONSENT);
  g_assert_nonnull (strstr (error->message, "has not consented"));
  g_clear_error (&error);
  /* a tap of someone not this child's guardian is no consent either */
  g_assert_null (hand_over (f, "12:00", "g2", nk_centre_now (nk_door_get_centre (f->door)), &error));
  g_assert_error (error, NK_MEDICINE_ERROR, NK_MEDICINE_ERROR_NO_CONSENT);
  g_clear_error (&error);
  /* nor a tap from an hour ago */
  g_assert_null (hand_over (f, "12:00", "g1", NK_TEST_MONDAY_8AM_US - MINUTES (60), &error));
  g_assert_error (error, NK_MEDICINE_ERROR, NK_MEDICINE_ERROR_NO_CONSENT);
  g_clear_error (&error);
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM medicines"), ==, 0);
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM outbox"), ==, 0);

  g_assert_null (give (f, "no-such-medicine", "12:00", TRUE, &error));
  g_assert_error (error, NK_MEDICINE_ERROR, NK_MEDICINE_ERROR_NOT_FOUND);
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM medicine_given"), ==, 0);
}

/* The claim takes the next tap of a guardian of that child, records
 * nothing, and ends; a guardian of another child is served as usual. */
static void
test_claim (Fixture *f, gconstpointer data)
{
  g_autoptr (NkTapResult) other = NULL;
  g_autoptr (NkTapResult) mine = NULL;
  g_autoptr (NkTapResult) again = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *id = NULL;

  nk_door_claim_guardian (f->door, "c1", on_consent, f, on_claim_destroyed);
  g_assert_cmpuint (nk_door_get_claim_remaining (f->door), ==, NK_DOOR_CLAIM_SECONDS);

  other = tap (f, "04000022");            /* Bo's father: his chooser, as usual */
  g_assert_cmpint (other->outcome, ==, NK_TAP_FAMILY);
  g_assert_cmpuint (f->n_consents, ==, 0);

  nk_test_clock_advance (&f->clock, SECONDS (20));
  mine = tap (f, "04000011");             /* An's mother: consent */
  g_assert_cmpint (mine->outcome, ==, NK_TAP_CONSENT);
  g_assert_cmpstr (mine->person_id, ==, "g1");
  g_assert_cmpstr (mine->person_name, ==, "Mum of An");
  g_assert_cmpuint (f->n_consents, ==, 1);
  g_assert_cmpuint (f->n_destroyed, ==, 1);
  g_assert_cmpstr (f->consent_guardian, ==, "g1");
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM attendance"), ==, 0);
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM outbox"), ==, 0);
  g_assert_cmpuint (nk_door_get_claim_remaining (f->door), ==, 0);

  again = tap (f, "04000011");            /* the claim is over: her chooser */
  g_assert_cmpint (again->outcome, ==, NK_TAP_FAMILY);
  g_assert_cmpuint (f->n_consents, ==, 1);

  id = hand_over (f, "12:00", f->consent_guardian, f->consent_us, &error);
  g_assert_no_error (error);
  g_assert_nonnull (id);
  {
    g_autofree char *guardian = nk_test_text (f->store, "SELECT guardian_id FROM medicines");
    g_autofree char *at = nk_test_text (f->store, "SELECT json_extract (payload, '$.consent_at') "
                                                  "FROM outbox WHERE type = 'medicine'");
    g_autofree char *expected = nk_format_utc_iso (NK_TEST_MONDAY_8AM_US + SECONDS (20));

    g_assert_cmpstr (guardian, ==, "g1");
    g_assert_cmpstr (at, ==, expected);
    g_assert_cmpint (nk_test_count (f->store, "SELECT consent_us FROM medicines"), ==,
                     NK_TEST_MONDAY_8AM_US + SECONDS (20));
  }
}

/* The claim ends after 60 s: the guardian's tap is then served as usual. */
static void
test_claim_timeout (Fixture *f, gconstpointer data)
{
  g_autoptr (NkTapResult) late = NULL;

  nk_door_claim_guardian (f->door, "c1", on_consent, f, on_claim_destroyed);
  nk_test_clock_advance (&f->clock, SECONDS (59));
  g_assert_cmpuint (nk_door_get_claim_remaining (f->door), ==, 1);
  nk_test_clock_advance (&f->clock, SECONDS (1));
  g_assert_cmpuint (nk_door_get_claim_remaining (f->door), ==, 0);
  g_assert_cmpuint (f->n_destroyed, ==, 1);
  late = tap (f, "04000011");
  g_assert_cmpint (late->outcome, ==, NK_TAP_FAMILY);
  g_assert_cmpuint (f->n_consents, ==, 0);

  /* a released claim takes nothing either, and is destroyed once */
  nk_door_claim_guardian (f->door, "c1", on_consent, f, on_claim_destroyed);
  nk_door_release_guardian (f->door);
  nk_door_release_guardian (f->door);
  g_assert_cmpuint (f->n_destroyed, ==, 2);
  {
    g_autoptr (NkTapResult) after = tap (f, "04000011");
    g_assert_cmpint (after->outcome, ==, NK_TAP_FAMILY);
  }
}

static void
test_times (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) times = nk_medicine_parse_times (" 12:00, 8:00,08:00 ,", &error);
  const char *bad[] = { "", ",", "25:00", "12:60", "noon", "8:00,9:00,10:00,11:00,12:00,13:00,14:00" };

  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (times), ==, 2);
  g_assert_cmpstr (times[0], ==, "08:00");
  g_assert_cmpstr (times[1], ==, "12:00");
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_auto (GStrv) none = nk_medicine_parse_times (bad[i], &error);

      g_assert_null (none);
      g_assert_error (error, NK_MEDICINE_ERROR, NK_MEDICINE_ERROR_INVALID);
      g_clear_error (&error);
    }
  {
    g_autofree char *six = hand_over (f, "8:00,9:00,10:00,11:00,12:00,13:00", "g1",
                                      nk_centre_now (nk_door_get_centre (f->door)), &error);
    g_autofree char *stored = nk_test_text (f->store, "SELECT times FROM medicines");

    g_assert_no_error (error);
    g_assert_cmpstr (stored, ==, "08:00,09:00,10:00,11:00,12:00,13:00");
  }
}

static NkDoseState
state_at (Fixture *f, const char *time, gboolean *mark)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) doses = nk_medicine_list_doses (f->store, nk_door_get_centre (f->door), "c1", &error);
  g_autoptr (NkDaySet) set = nk_day_set_load_child (f->store, nk_door_get_centre (f->door), "c1",
                                                    "2026-11-23", &error);

  g_assert_no_error (error);
  *mark = nk_child_day_get_mark (nk_day_set_get (set, 0), "medicine.due") != NULL;
  for (guint i = 0; i < doses->len; i++)
    if (g_str_equal (((NkMedicineDose *) doses->pdata[i])->time, time))
      return ((NkMedicineDose *) doses->pdata[i])->state;
  g_assert_not_reached ();
}

/* Due from 30 min before to 60 min after, while the child is here and
 * the dose is not given: 用药到时. */
static void
test_due_reminder (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (NkTapResult) in = tap (f, "04000001");
  g_autofree char *id = hand_over (f, "12:00,16:00", "g1", nk_centre_now (nk_door_get_centre (f->door)), &error);
  gboolean mark;

  g_assert_no_error (error);
  nk_test_clock_advance (&f->clock, MINUTES (3 * 60 + 29));     /* 11:29 */
  g_assert_cmpint (state_at (f, "12:00", &mark), ==, NK_DOSE_LATER);
  g_assert_false (mark);
  nk_test_clock_advance (&f->clock, MINUTES (1));               /* 11:30 */
  g_assert_cmpint (state_at (f, "12:00", &mark), ==, NK_DOSE_DUE);
  g_assert_true (mark);
  nk_test_clock_advance (&f->clock, MINUTES (90));              /* 13:00 */
  g_assert_cmpint (state_at (f, "12:00", &mark), ==, NK_DOSE_DUE);
  nk_test_clock_advance (&f->clock, MINUTES (1));               /* 13:01 */
  g_assert_cmpint (state_at (f, "12:00", &mark), ==, NK_DOSE_MISSED);
  g_assert_false (mark);
  g_assert_cmpint (state_at (f, "16:00", &mark), ==, NK_DOSE_LATER);

  nk_test_clock_advance (&f->clock, MINUTES (2 * 60 + 29));     /* 15:30 */
  g_assert_cmpint (state_at (f, "16:00", &mark), ==, NK_DOSE_DUE);
  g_assert_true (mark);
  g_free (give (f, id, "16:00", FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (state_at (f, "16:00", &mark), ==, NK_DOSE_GIVEN);
  g_assert_false (mark);
  {
    g_autoptr (NkDaySet) set = nk_day_set_load_child (f->store, nk_door_get_centre (f->door), "c1",
                                                      "2026-11-23", &error);
    g_autoptr (GPtrArray) lines = nk_child_day_get_lines (nk_day_set_get (set, 0), NK_DAY_MEDICINE);

    g_assert_cmpuint (lines->len, ==, 1);
    g_assert_nonnull (strstr (((NkDayLine *) lines->pdata[0])->detail, "Ibuprofen syrup"));
    g_assert_cmpstr (((NkDayLine *) lines->pdata[0])->staff_name, ==, "Teacher Zhang");
  }
}

/* The same time twice, or a dose less than 2 h after the last, is refused
 * until the caregiver confirms; the record keeps that they did. */
static void
test_double_dose (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *first = NULL;
  g_autofree char *again = NULL;

  id = hand_over (f, "12:00,14:00,16:00", "g1", nk_centre_now (nk_door_get_centre (f->door)), &error);
  g_assert_no_error (error);
  nk_test_clock_advance (&f->clock, MINUTES (4 * 60 + 5));        /* 12:05 */
  first = give (f, id, "12:00", FALSE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (first);

  g_assert_null (give (f, id, "12:00", FALSE, &error));
  g_assert_error (error, NK_MEDICINE_ERROR, NK_MEDICINE_ERROR_TWICE);
  g_assert_nonnull (strstr (error->message, "12:05"));
  g_assert_nonnull (strstr (error->message, "Teacher Zhang"));
  g_clear_error (&error);
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM medicine_given"), ==, 1);

  again = give (f, id, "12:00", TRUE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (again);
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM medicine_given WHERE give_anyway"), ==, 1);
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM outbox WHERE type = 'medicine_given' "
                                            "AND json_extract (payload, '$.give_anyway')"), ==, 1);

  /* 14:00 at 13:30: less than 2 h after 12:05 */
  nk_test_clock_advance (&f->clock, MINUTES (85));
  g_assert_null (give (f, id, "14:00", FALSE, &error));
  g_assert_error (error, NK_MEDICINE_ERROR, NK_MEDICINE_ERROR_TWICE);
  g_clear_error (&error);
  /* at 14:10 it is fine, and not marked as given anyway */
  nk_test_clock_advance (&f->clock, MINUTES (40));
  g_free (give (f, id, "14:00", TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM medicine_given WHERE give_anyway"), ==, 1);

  /* a time the parent did not ask for */
  g_assert_null (give (f, id, "15:00", TRUE, &error));
  g_assert_error (error, NK_MEDICINE_ERROR, NK_MEDICINE_ERROR_INVALID);
  g_clear_error (&error);

  /* tomorrow the handover is over */
  nk_test_clock_advance (&f->clock, MINUTES (24 * 60));
  g_assert_null (give (f, id, "16:00", TRUE, &error));
  g_assert_error (error, NK_MEDICINE_ERROR, NK_MEDICINE_ERROR_NOT_FOUND);
}

/* The events this kiosk made, applied at another door of the centre as
 * relayed: each kind's description checks and writes them there, the
 * midday check's questions not asked staying null, the consent's time
 * the same at both doors. */
static void
test_relayed (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *other_dir = NULL;
  g_autoptr (NkStore) other = nk_test_store_new ("medicine-b", &other_dir);
  g_autoptr (NkTapResult) in = tap (f, "04000001");
  g_auto (NkHealthCheckSaved) saved = { 0 };
  NkHealthCheck check = { .child_id = "c1", .time = NK_HEALTH_MIDDAY, .temperature = 368,
                          .concerns = NK_HEALTH_SKIN, .outcome = NK_HEALTH_YELLOW, .watch = "rash" };
  g_autofree char *medicine = NULL;
  sqlite3_stmt *stmt;

  g_assert_true (nk_roster_put_room (other, "r1", "Toddlers", NK_ROOM_TODDLER, 15, &error));
  g_assert_true (nk_roster_put_child (other, "c1", "An", "2025-05-23", "r1", NULL, NULL, &error));
  g_assert_true (nk_health_check_record (nk_door_get_attendance (f->door), "s1", &check, &saved, &error));
  medicine = hand_over (f, "12:00", "g1", NK_TEST_MONDAY_8AM_US - 1500, &error);
  g_assert_no_error (error);
  g_free (give (f, medicine, "12:00", FALSE, &error));
  g_assert_no_error (error);

  stmt = nk_store_prepare (f->store, "SELECT event_id, type, at_us, payload FROM outbox "
                                     "WHERE type IN ('health_check', 'medicine', 'medicine_given') ORDER BY seq",
                           &error);
  g_assert_nonnull (stmt);
  for (guint n = 0; sqlite3_step (stmt) == SQLITE_ROW; n++)
    {
      g_autoptr (JsonParser) parser = json_parser_new ();
      const NkKind *kind = nk_kind_find ((const char *) sqlite3_column_text (stmt, 1));
      const char *field = NULL;
      JsonObject *payload;

      g_assert_nonnull (kind);
      g_assert_true (json_parser_load_from_data (parser, (const char *) sqlite3_column_text (stmt, 3), -1, NULL));
      payload = json_node_get_object (json_parser_get_root (parser));
      g_assert_true (nk_kind_check_relayed (kind, payload, sqlite3_column_int64 (stmt, 2), &field, &error));
      g_assert_no_error (error);
      g_assert_true (nk_kind_write_relayed (kind, other, (const char *) sqlite3_column_text (stmt, 0),
                                            sqlite3_column_int64 (stmt, 2), "kiosk-a", payload, &error));
      g_assert_no_error (error);
    }
  sqlite3_reset (stmt);
  g_assert_cmpint (nk_test_count (other, "SELECT count(*) FROM health_checks WHERE check_time = 'midday' "
                                         "AND skin = 1 AND pockets IS NULL AND watch = 'rash'"), ==, 1);
  /* the contract's times are whole milliseconds: 1.5 ms before 08:00 travels as 2 ms before, at both doors */
  g_assert_cmpint (nk_test_count (other, "SELECT consent_us FROM medicines"), ==, NK_TEST_MONDAY_8AM_US - 2000);
  g_assert_cmpint (nk_test_count (f->store, "SELECT consent_us FROM medicines"), ==, NK_TEST_MONDAY_8AM_US - 2000);
  g_assert_cmpint (nk_test_count (other, "SELECT count(*) FROM medicine_given WHERE device_id = 'kiosk-a'"), ==, 1);
  g_assert_cmpint (nk_test_count (other, "SELECT count(*) FROM outbox"), ==, 0);
  g_clear_object (&other);
  nk_test_dir_remove (other_dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn) g_test_add ("/nk/medicine/" path, Fixture, NULL, setup, fn, teardown)
  ADD ("consent-missing", test_consent_missing);
  ADD ("claim", test_claim);
  ADD ("claim-timeout", test_claim_timeout);
  ADD ("times", test_times);
  ADD ("due-reminder", test_due_reminder);
  ADD ("double-dose", test_double_dose);
  ADD ("relayed", test_relayed);
  return g_test_run ();
}
