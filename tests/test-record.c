/* test-record.c — the one record mechanism (nk-record.h) and the store's
 * typed, named binds (nk-store-private.h). */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "core/nk-record.h"
#include "core/nk-roster.h"
#include "core/nk-store-private.h"
#include "nk-test-util.h"

/* 2026-11-23 08:00 in Shanghai = 00:00 UTC */
#define MONDAY_8AM_US (G_GINT64_CONSTANT (1795392000) * G_USEC_PER_SEC)
/* 2023-12-31 23:00 UTC: a clock that lost its battery would say less */
#define BEFORE_FLOOR_US (NK_CENTRE_CLOCK_FLOOR_US - G_GINT64_CONSTANT (3600) * G_USEC_PER_SEC)

/* One "changed::KIND" as it was emitted. */
typedef struct {
  char  *kind;
  char **ids;
  gboolean in_transaction;  /* emitted before the commit ended */
} Emission;

static void
emission_free (Emission *e)
{
  g_free (e->kind);
  g_strfreev (e->ids);
  g_free (e);
}

typedef struct {
  char        *dir;
  NkStore     *store;
  NkCentre    *centre;
  NkTestClock  clock;
  GPtrArray   *emitted;      /* Emission*, every kind */
  guint        n_attendance; /* "changed::attendance" only */
  guint        n_staff;      /* "changed::staff_clock" only */
} Fixture;

static const NkActor caregiver = { "staff", "S1" };

static void
on_changed (NkStore *store, const char *kind, const char *const *ids, Fixture *f)
{
  Emission *e = g_new0 (Emission, 1);

  e->kind = g_strdup (kind);
  e->ids = g_strdupv ((char **) ids);
  e->in_transaction = !sqlite3_get_autocommit (nk_store_get_db (store));
  g_ptr_array_add (f->emitted, e);
}

static void
on_attendance (NkStore *store, const char *kind, const char *const *ids, Fixture *f)
{
  g_assert_cmpstr (kind, ==, "attendance");
  f->n_attendance++;
}

static void
on_staff_clock (NkStore *store, const char *kind, const char *const *ids, Fixture *f)
{
  g_assert_cmpstr (kind, ==, "staff_clock");
  f->n_staff++;
}

static void
setup (Fixture *f, gconstpointer data)
{
  g_autoptr (GTimeZone) tz = g_time_zone_new_identifier ("Asia/Shanghai");
  NkClock clock = nk_test_clock (&f->clock);

  f->store = nk_test_store_new ("record", &f->dir);
  f->centre = nk_centre_new (tz);
  f->clock.real_us = MONDAY_8AM_US;
  f->clock.mono_us = G_USEC_PER_SEC * 1000;
  nk_centre_set_clock (f->centre, &clock);
  f->emitted = g_ptr_array_new_with_free_func ((GDestroyNotify) emission_free);

  g_assert_true (nk_roster_put_room (f->store, "R1", "小星星", NK_ROOM_TODDLER, 15, NULL));
  g_assert_true (nk_roster_put_child (f->store, "C1", "王小明", "2025-03-01", "R1", NULL, NULL, NULL));
  g_assert_true (nk_roster_put_child (f->store, "C2", "刘子涵", "2025-01-09", "R1", NULL, NULL, NULL));
  g_assert_true (nk_roster_put_guardian (f->store, "G1", "李娜", "13800000001", "mother", NULL));
  g_assert_true (nk_roster_put_staff (f->store, "S1", "张老师", NK_STAFF_CAREGIVER, "C-1", "R1", NULL));
  g_assert_true (nk_roster_put_staff (f->store, "S2", "周老师", NK_STAFF_CAREGIVER, NULL, "R1", NULL));
  g_assert_true (nk_store_exec (f->store, "UPDATE staff SET active = 0 WHERE id = 'S2'", NULL));
  g_assert_true (nk_roster_set_child_active (f->store, "C2", FALSE, NULL));

  /* connected after the roster was made: only records are seen */
  g_signal_connect (f->store, "changed", G_CALLBACK (on_changed), f);
  g_signal_connect (f->store, "changed::attendance", G_CALLBACK (on_attendance), f);
  g_signal_connect (f->store, "changed::staff_clock", G_CALLBACK (on_staff_clock), f);
}

static void
teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->centre);
  g_clear_object (&f->store);
  g_ptr_array_unref (f->emitted);
  nk_test_dir_remove (f->dir);
  g_free (f->dir);
}

static gint64
outbox_rows (Fixture *f)
{
  return nk_test_count (f->store, "SELECT count(*) FROM outbox");
}

static gint64
audit_rows (Fixture *f)
{
  return nk_test_count (f->store, "SELECT count(*) FROM audit");
}

static gboolean
in_transaction (Fixture *f)
{
  return !sqlite3_get_autocommit (nk_store_get_db (f->store));
}

/* A payload of every type a record carries. */
static JsonBuilder *
typed_payload (const char *child_id)
{
  JsonBuilder *b = json_builder_new ();

  json_builder_begin_object (b);
  nk_json_text (b, "child_id", child_id);
  nk_json_int (b, "temperature_dc", 368);
  nk_json_int (b, "big", G_GINT64_CONSTANT (1795392000123456));
  nk_json_bool (b, "fever", FALSE);
  nk_json_bool (b, "checked", TRUE);
  nk_json_text (b, "note", NULL);
  json_builder_end_object (b);
  return b;
}

static void
assert_refused_cleanly (Fixture *f, const NkActor *actor, GQuark domain, int code)
{
  g_autoptr (GError) error = NULL;
  NkRecord *rec = nk_record_begin (f->store, f->centre, actor, &error);

  g_assert_null (rec);
  g_assert_error (error, domain, code);
  g_assert_cmpstr (error->message, !=, "");
  g_assert_false (in_transaction (f));
  g_assert_cmpint (outbox_rows (f), ==, 0);
  g_assert_cmpint (audit_rows (f), ==, 0);
  g_assert_cmpuint (f->emitted->len, ==, 0);
}

static void
test_refuses_wrong_clock (Fixture *f, gconstpointer data)
{
  f->clock.real_us = BEFORE_FLOOR_US;
  assert_refused_cleanly (f, &caregiver, NK_CENTRE_ERROR, NK_CENTRE_ERROR_CLOCK);
  f->clock.real_us = 0; /* 1970: the battery is flat */
  assert_refused_cleanly (f, &NK_ACTOR_SYSTEM, NK_CENTRE_ERROR, NK_CENTRE_ERROR_CLOCK);

  /* the first moment of 2024 is a clock that can be right */
  f->clock.real_us = NK_CENTRE_CLOCK_FLOOR_US;
  {
    g_autoptr (NkRecord) rec = nk_record_begin (f->store, f->centre, &caregiver, NULL);

    g_assert_nonnull (rec);
    g_assert_cmpint (nk_record_get_time (rec), ==, NK_CENTRE_CLOCK_FLOOR_US);
    g_assert_cmpstr (nk_record_get_date (rec), ==, "2024-01-01");
  }
  g_assert_false (in_transaction (f));
}

static void
test_refuses_actor (Fixture *f, gconstpointer data)
{
  const NkActor gone_staff = { "staff", "S2" };
  const NkActor gone_child = { "child", "C2" };
  const NkActor unknown_staff = { "staff", "S404" };
  const NkActor unknown_guardian = { "guardian", "G404" };
  const NkActor unknown_kind = { "visitor", "V1" };

  assert_refused_cleanly (f, &gone_staff, NK_STORE_ERROR, NK_STORE_ERROR_INVALID);
  assert_refused_cleanly (f, &gone_child, NK_STORE_ERROR, NK_STORE_ERROR_INVALID);
  assert_refused_cleanly (f, &unknown_staff, NK_STORE_ERROR, NK_STORE_ERROR_NOT_FOUND);
  assert_refused_cleanly (f, &unknown_guardian, NK_STORE_ERROR, NK_STORE_ERROR_NOT_FOUND);

  /* an actor kind no code makes is a bug, said loudly */
  g_test_expect_message ("nk-core", G_LOG_LEVEL_CRITICAL, "*Unknown kind of actor*visitor*");
  assert_refused_cleanly (f, &unknown_kind, NK_STORE_ERROR, NK_STORE_ERROR_INVALID);
  g_test_assert_expected_messages ();
}

static void
test_event_typed_payload (Fixture *f, gconstpointer data)
{
  g_autoptr (NkRecord) rec = nk_record_begin (f->store, f->centre, &caregiver, NULL);
  g_autoptr (JsonBuilder) payload = typed_payload ("C1");
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *json = NULL;
  g_autofree char *where = NULL;
  JsonObject *object;

  g_assert_nonnull (rec);
  id = g_strdup (nk_record_event (rec, "health_check", payload, &error));
  g_assert_no_error (error);
  g_assert_true (g_uuid_string_is_valid (id));
  g_assert_true (nk_record_commit (g_steal_pointer (&rec), &error));
  g_assert_no_error (error);

  g_assert_cmpint (outbox_rows (f), ==, 1);
  where = g_strdup_printf ("SELECT count(*) FROM outbox WHERE event_id = '%s' AND type = 'health_check' "
                           "AND state = 'pending' AND at_us = %" G_GINT64_FORMAT
                           " AND typeof(at_us) = 'integer' AND typeof(created_us) = 'integer' "
                           "AND sent_us IS NULL AND attempts = 0",
                           id, MONDAY_8AM_US);
  g_assert_cmpint (nk_test_count (f->store, where), ==, 1);

  json = nk_test_text (f->store, "SELECT payload FROM outbox");
  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  object = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpuint (json_object_get_size (object), ==, 6);

  g_assert_cmpint (json_node_get_value_type (json_object_get_member (object, "child_id")), ==, G_TYPE_STRING);
  g_assert_cmpstr (json_object_get_string_member (object, "child_id"), ==, "C1");
  g_assert_cmpint (json_node_get_value_type (json_object_get_member (object, "temperature_dc")), ==, G_TYPE_INT64);
  g_assert_cmpint (json_object_get_int_member (object, "temperature_dc"), ==, 368);
  g_assert_cmpint (json_node_get_value_type (json_object_get_member (object, "big")), ==, G_TYPE_INT64);
  g_assert_cmpint (json_object_get_int_member (object, "big"), ==, G_GINT64_CONSTANT (1795392000123456));
  g_assert_cmpint (json_node_get_value_type (json_object_get_member (object, "fever")), ==, G_TYPE_BOOLEAN);
  g_assert_false (json_object_get_boolean_member (object, "fever"));
  g_assert_cmpint (json_node_get_value_type (json_object_get_member (object, "checked")), ==, G_TYPE_BOOLEAN);
  g_assert_true (json_object_get_boolean_member (object, "checked"));
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (object, "note")));

  /* and in the text itself: no quoted numbers or booleans */
  g_assert_nonnull (strstr (json, "\"temperature_dc\":368"));
  g_assert_nonnull (strstr (json, "\"fever\":false"));
  g_assert_nonnull (strstr (json, "\"note\":null"));
}

static void
test_commit_notifies_once_per_kind (Fixture *f, gconstpointer data)
{
  g_autoptr (NkRecord) rec = nk_record_begin (f->store, f->centre, &caregiver, NULL);
  g_autoptr (GPtrArray) attendance = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GError) error = NULL;
  g_autofree char *clock_id = NULL;
  const Emission *first, *second;

  g_assert_nonnull (rec);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr (JsonBuilder) payload = typed_payload ("C1");

      g_ptr_array_add (attendance, g_strdup (nk_record_event (rec, "attendance", payload, &error)));
      g_assert_no_error (error);
      if (i == 0)
        {
          g_autoptr (JsonBuilder) other = typed_payload ("S1");

          clock_id = g_strdup (nk_record_event (rec, "staff_clock", other, &error));
          g_assert_no_error (error);
        }
    }
  nk_record_touch (rec, "attendance", "kept-locally");
  g_assert_true (nk_record_audit (rec, "test", "04A1B2C3", "audited", &error));
  g_ptr_array_add (attendance, g_strdup ("kept-locally"));

  /* nothing is announced before the commit */
  g_assert_cmpuint (f->emitted->len, ==, 0);
  g_assert_true (nk_record_commit (g_steal_pointer (&rec), &error));
  g_assert_no_error (error);

  g_assert_cmpuint (f->n_attendance, ==, 1);
  g_assert_cmpuint (f->n_staff, ==, 1);
  g_assert_cmpuint (f->emitted->len, ==, 2);
  /* in the order the kinds were first recorded, after the commit */
  first = g_ptr_array_index (f->emitted, 0);
  second = g_ptr_array_index (f->emitted, 1);
  g_assert_cmpstr (first->kind, ==, "attendance");
  g_assert_false (first->in_transaction);
  g_assert_cmpuint (g_strv_length (first->ids), ==, 4);
  for (guint i = 0; i < attendance->len; i++)
    g_assert_cmpstr (first->ids[i], ==, g_ptr_array_index (attendance, i));
  g_assert_cmpstr (second->kind, ==, "staff_clock");
  g_assert_cmpuint (g_strv_length (second->ids), ==, 1);
  g_assert_cmpstr (second->ids[0], ==, clock_id);

  g_assert_cmpint (outbox_rows (f), ==, 4);
  g_assert_cmpint (audit_rows (f), ==, 1);
}

static void
test_abort_leaves_nothing (Fixture *f, gconstpointer data)
{
  NkRecord *rec = nk_record_begin (f->store, f->centre, &caregiver, NULL);
  g_autoptr (JsonBuilder) payload = typed_payload ("C1");

  g_assert_nonnull (nk_record_event (rec, "attendance", payload, NULL));
  g_assert_true (nk_record_audit (rec, "test", NULL, "audited", NULL));
  nk_record_touch (rec, "roster", "C1");
  g_assert_true (in_transaction (f));
  nk_record_abort (rec);

  g_assert_false (in_transaction (f));
  g_assert_cmpint (outbox_rows (f), ==, 0);
  g_assert_cmpint (audit_rows (f), ==, 0);
  g_assert_cmpuint (f->emitted->len, ==, 0);

  /* a record dropped without a commit (g_autoptr) is aborted too */
  {
    g_autoptr (NkRecord) dropped = nk_record_begin (f->store, f->centre, &caregiver, NULL);
    g_autoptr (JsonBuilder) more = typed_payload ("C1");

    g_assert_nonnull (nk_record_event (dropped, "attendance", more, NULL));
  }
  g_assert_false (in_transaction (f));
  g_assert_cmpint (outbox_rows (f), ==, 0);
  g_assert_cmpuint (f->emitted->len, ==, 0);

  /* and the store takes the next record as usual */
  rec = nk_record_begin (f->store, f->centre, &caregiver, NULL);
  g_assert_nonnull (nk_record_event (rec, "attendance", payload, NULL));
  g_assert_true (nk_record_commit (rec, NULL));
  g_assert_cmpint (outbox_rows (f), ==, 1);
  g_assert_cmpuint (f->emitted->len, ==, 1);
}

/* A row of the kind's own that breaks a constraint, after the event's
 * outbox row was written: the whole record goes. */
static void
test_constraint_midway_leaves_nothing (Fixture *f, gconstpointer data)
{
  g_autoptr (NkRecord) rec = nk_record_begin (f->store, f->centre, &caregiver, NULL);
  g_autoptr (JsonBuilder) payload = typed_payload ("C1");
  g_autoptr (GError) error = NULL;
  const char *id;

  id = nk_record_event (rec, "attendance", payload, &error);
  g_assert_no_error (error);
  g_assert_true (nk_record_audit (rec, "test", NULL, "first half", NULL));
  g_assert_false (nk_store_run (f->store,
                                "INSERT INTO attendance (id, child_id, kind, at_us, local_date, "
                                "  by_kind, device_id, method) "
                                "VALUES (:id, 'C1', 'sideways', :at_us, '2026-11-23', 'staff', "
                                "  'dev', 'card')",
                                "test", &error, NK_TEXT (":id", id),
                                NK_INT (":at_us", nk_record_get_time (rec)), NK_END));
  g_assert_error (error, NK_STORE_ERROR, NK_STORE_ERROR_INVALID);
  nk_record_abort (g_steal_pointer (&rec));

  g_assert_cmpint (outbox_rows (f), ==, 0);
  g_assert_cmpint (audit_rows (f), ==, 0);
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM attendance"), ==, 0);
  g_assert_cmpuint (f->emitted->len, ==, 0);
}

/* The outbox row itself refused (a trigger stands in for a full disk or
 * a damaged index): nk_record_event says so and the record goes. */
static void
test_event_failure_leaves_nothing (Fixture *f, gconstpointer data)
{
  g_autoptr (NkRecord) rec = NULL;
  g_autoptr (JsonBuilder) good = typed_payload ("C1");
  g_autoptr (JsonBuilder) poison = typed_payload ("C1");
  g_autoptr (GError) error = NULL;

  g_assert_true (nk_store_exec (f->store,
                                "CREATE TEMP TRIGGER refuse_poison BEFORE INSERT ON outbox "
                                "WHEN NEW.type = 'poison' BEGIN SELECT RAISE (ABORT, 'refused'); END",
                                NULL));
  rec = nk_record_begin (f->store, f->centre, &caregiver, NULL);
  g_assert_nonnull (nk_record_event (rec, "attendance", good, NULL));
  g_assert_null (nk_record_event (rec, "poison", poison, &error));
  g_assert_error (error, NK_STORE_ERROR, NK_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "refused"));
  nk_record_abort (g_steal_pointer (&rec));

  g_assert_cmpint (outbox_rows (f), ==, 0);
  g_assert_cmpuint (f->emitted->len, ==, 0);
}

/* COMMIT itself fails (a deferred foreign key): nothing is kept and
 * nothing announced, and the record is freed. */
static void
test_commit_failure_leaves_nothing (Fixture *f, gconstpointer data)
{
  g_autoptr (JsonBuilder) payload = typed_payload ("C1");
  g_autoptr (GError) error = NULL;
  NkRecord *rec;

  g_assert_true (nk_store_exec (f->store,
                                "CREATE TABLE test_link (room_id TEXT REFERENCES rooms (id) "
                                "  DEFERRABLE INITIALLY DEFERRED)",
                                NULL));
  rec = nk_record_begin (f->store, f->centre, &caregiver, NULL);
  g_assert_nonnull (nk_record_event (rec, "attendance", payload, NULL));
  g_assert_true (nk_store_exec (f->store, "INSERT INTO test_link VALUES ('no such room')", NULL));
  g_assert_false (nk_record_commit (rec, &error));
  g_assert_error (error, NK_STORE_ERROR, NK_STORE_ERROR_INVALID);

  g_assert_false (in_transaction (f));
  g_assert_cmpint (outbox_rows (f), ==, 0);
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM test_link"), ==, 0);
  g_assert_cmpuint (f->emitted->len, ==, 0);
}

/* ---------------------------------------------------------------- binds */

static void
test_binds_by_type (Fixture *f, gconstpointer data)
{
  sqlite3_stmt *row = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_true (nk_store_query_row (f->store, &row,
                                     "SELECT typeof(:n), :n, typeof(:big), :big, typeof(:yes), :yes, "
                                     "  typeof(:no), :no, typeof(:text), :text, typeof(:digits), "
                                     "  typeof(:none), typeof(:null)",
                                     "test", &error, NK_INT (":n", -42),
                                     NK_INT (":big", G_GINT64_CONSTANT (9007199254740993)),
                                     NK_BOOL (":yes", 17), NK_BOOL (":no", FALSE),
                                     NK_TEXT (":text", "王小明"), NK_TEXT (":digits", "0042"),
                                     NK_TEXT (":none", NULL), NK_NULL (":null"), NK_END));
  g_assert_no_error (error);
  g_assert_nonnull (row);
  g_assert_cmpstr ((const char *) sqlite3_column_text (row, 0), ==, "integer");
  g_assert_cmpint (sqlite3_column_int64 (row, 1), ==, -42);
  g_assert_cmpstr ((const char *) sqlite3_column_text (row, 2), ==, "integer");
  g_assert_cmpint (sqlite3_column_int64 (row, 3), ==, G_GINT64_CONSTANT (9007199254740993));
  g_assert_cmpstr ((const char *) sqlite3_column_text (row, 4), ==, "integer");
  g_assert_cmpint (sqlite3_column_int64 (row, 5), ==, 1);
  g_assert_cmpstr ((const char *) sqlite3_column_text (row, 6), ==, "integer");
  g_assert_cmpint (sqlite3_column_int64 (row, 7), ==, 0);
  g_assert_cmpstr ((const char *) sqlite3_column_text (row, 8), ==, "text");
  g_assert_cmpstr ((const char *) sqlite3_column_text (row, 9), ==, "王小明");
  g_assert_cmpstr ((const char *) sqlite3_column_text (row, 10), ==, "text");
  g_assert_cmpstr ((const char *) sqlite3_column_text (row, 11), ==, "null");
  g_assert_cmpstr ((const char *) sqlite3_column_text (row, 12), ==, "null");
  sqlite3_reset (row);

  /* a short positional name, as the store's own one-liners use */
  g_assert_true (nk_store_query_row (f->store, &row, "SELECT typeof(?1), ?1 + 1", "test", &error,
                                     NK_INT ("?1", 7), NK_END));
  g_assert_nonnull (row);
  g_assert_cmpstr ((const char *) sqlite3_column_text (row, 0), ==, "integer");
  g_assert_cmpint (sqlite3_column_int64 (row, 1), ==, 8);
  sqlite3_reset (row);

  /* stored as bound, in columns of no affinity that keep whatever they
   * are given: an integer is an integer, not text */
  g_assert_true (nk_store_run (f->store, "CREATE TABLE test_any (v, n, t)",
                               "test", NULL, NK_END));
  g_assert_true (nk_store_run (f->store, "INSERT INTO test_any VALUES (:v, :n, :t)", "test", &error,
                               NK_INT (":v", 5), NK_BOOL (":n", TRUE), NK_TEXT (":t", "5"), NK_END));
  g_assert_no_error (error);
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM test_any WHERE typeof(v) = 'integer' "
                                            "AND typeof(n) = 'integer' AND n = 1 AND typeof(t) = 'text' "
                                            "AND t = '5'"), ==, 1);
}

static void
test_bind_wrong_name (Fixture *f, gconstpointer data)
{
  sqlite3_stmt *row = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GError) error2 = NULL;

  g_test_expect_message ("nk-core", G_LOG_LEVEL_CRITICAL, "*has no parameter :child*");
  g_assert_false (nk_store_run (f->store, "UPDATE children SET name = :name WHERE id = :child_id",
                                "test", &error, NK_TEXT (":name", "改名"), NK_TEXT (":child", "C1"),
                                NK_END));
  g_test_assert_expected_messages ();
  g_assert_error (error, NK_STORE_ERROR, NK_STORE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, ":child"));
  /* nothing ran, even the parameter bound before the wrong one */
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM children WHERE name = '改名'"), ==, 0);

  g_test_expect_message ("nk-core", G_LOG_LEVEL_CRITICAL, "*has no parameter :nope*");
  g_assert_false (nk_store_query_row (f->store, &row, "SELECT :n", "test", &error2,
                                      NK_INT (":nope", 1), NK_END));
  g_test_assert_expected_messages ();
  g_assert_null (row);
  g_assert_error (error2, NK_STORE_ERROR, NK_STORE_ERROR_FAILED);

  /* the cached statement is usable again with the right names */
  g_assert_true (nk_store_run (f->store, "UPDATE children SET name = :name WHERE id = :child_id",
                               "test", NULL, NK_TEXT (":name", "王小明"), NK_TEXT (":child_id", "C1"),
                               NK_END));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn) g_test_add ("/nk/record/" path, Fixture, NULL, setup, fn, teardown)
  ADD ("refuses-wrong-clock", test_refuses_wrong_clock);
  ADD ("refuses-actor", test_refuses_actor);
  ADD ("event-typed-payload", test_event_typed_payload);
  ADD ("commit-notifies-once-per-kind", test_commit_notifies_once_per_kind);
  ADD ("abort-leaves-nothing", test_abort_leaves_nothing);
  ADD ("constraint-midway-leaves-nothing", test_constraint_midway_leaves_nothing);
  ADD ("event-failure-leaves-nothing", test_event_failure_leaves_nothing);
  ADD ("commit-failure-leaves-nothing", test_commit_failure_leaves_nothing);
  ADD ("binds-by-type", test_binds_by_type);
  ADD ("bind-wrong-name", test_bind_wrong_name);
#undef ADD
  return g_test_run ();
}
