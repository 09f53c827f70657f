/* test-kind.c — a record kind described once (nk-kind.h): the payload
 * checked field by field, the event and the row from the same object,
 * corrections and deletions as new rows, and a relayed event checked
 * and written the same way. */
#include "config.h"

#include <string.h>

#include "core/nk-kind.h"
#include "core/nk-roster.h"
#include "nk-test-util.h"

/* 2026-11-23 08:00 in Shanghai = 00:00 UTC */
#define MONDAY_8AM_US (G_GINT64_CONSTANT (1795392000) * G_USEC_PER_SEC)

static const char *const portions[] = { "all", "half", "refused", NULL };

static const NkKindField snack_fields[] = {
  { "child_id", NK_FIELD_ID },
  { "portion", NK_FIELD_CHOICE, FALSE, 0, 0, portions },
  { "ml", NK_FIELD_INT, TRUE, 10, 400 },
  { "note", NK_FIELD_TEXT, TRUE, 0, 20 },
  { "cold", NK_FIELD_BOOL, TRUE },
  { "served_at", NK_FIELD_TIME, TRUE },
  { NULL }
};

static const NkKind snack_kind = { "snack", "snacks", "child_id", "children", snack_fields };

/* A kind about nobody in particular, with a list of ids and a check of
 * its own: "n" is the length of the list. */
static gboolean
check_tally (JsonObject *payload, const char **field, GError **error)
{
  if (json_object_get_int_member (payload, "n")
      != (gint64) json_array_get_length (json_object_get_array_member (payload, "child_ids")))
    return nk_kind_invalid (error, field, "payload.n", "not the length of child_ids");
  return TRUE;
}

static const NkKindField tally_fields[] = {
  { "child_ids", NK_FIELD_IDS, FALSE, 0, 3 },
  { "n", NK_FIELD_INT, FALSE, 1, 3 },
  { NULL }
};

static const NkKind tally_kind = {
  .type = "tally", .table = "tallies", .person = NULL, .fields = tally_fields, .check = check_tally,
};

typedef struct {
  char        *dir;
  NkStore     *store;
  NkCentre    *centre;
  NkTestClock  clock;
  guint        changed;
} Fixture;

static void
on_changed (NkStore *store, const char *kind, const char *const *ids, Fixture *f)
{
  f->changed++;
}

static void
setup (Fixture *f, gconstpointer data)
{
  g_autoptr (GTimeZone) tz = g_time_zone_new_identifier ("Asia/Shanghai");
  NkClock clock = nk_test_clock (&f->clock);
  GError *error = NULL;

  f->store = nk_test_store_new ("kind", &f->dir);
  g_assert_true (nk_store_exec (f->store,
                                "CREATE TABLE snacks (" NK_KIND_COLUMNS ", child_id TEXT NOT NULL, "
                                "portion TEXT NOT NULL, ml INTEGER, note TEXT, cold INTEGER, "
                                "served_us INTEGER);"
                                "CREATE TABLE tallies (" NK_KIND_COLUMNS ", child_ids TEXT NOT NULL, n INTEGER)",
                                &error));
  g_assert_true (nk_roster_put_room (f->store, "r1", "Toddlers", NK_ROOM_TODDLER, 15, &error));
  g_assert_true (nk_roster_put_child (f->store, "c1", "An", "2025-05-23", "r1", NULL, NULL, &error));
  g_assert_true (nk_roster_put_child (f->store, "c2", "Bo", "2025-01-02", "r1", NULL, NULL, &error));
  g_assert_true (nk_roster_put_staff (f->store, "s1", "Teacher Li", NK_STAFF_CAREGIVER, NULL, "r1", &error));
  g_assert_no_error (error);
  f->clock.real_us = MONDAY_8AM_US;
  f->clock.mono_us = G_USEC_PER_SEC * 1000;
  f->centre = nk_centre_new (tz);
  nk_centre_set_clock (f->centre, &clock);
  g_signal_connect (f->store, "changed::snack", G_CALLBACK (on_changed), f);
}

static void
teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->centre);
  g_clear_object (&f->store);
  nk_test_dir_remove (f->dir);
  g_free (f->dir);
}

static JsonBuilder *
snack (const char *child, const char *portion, gint64 ml)
{
  JsonBuilder *b = json_builder_new ();

  json_builder_begin_object (b);
  nk_json_text (b, "child_id", child);
  nk_json_text (b, "portion", portion);
  if (ml >= 0)
    nk_json_int (b, "ml", ml);
  json_builder_end_object (b);
  return b;
}

/* One record by staff s1 of one snack; the new id, or NULL with error. */
static char *
put (Fixture *f, JsonBuilder *payload, GError **error)
{
  NkActor actor = { "staff", "s1" };
  g_autoptr (NkRecord) rec = nk_record_begin (f->store, f->centre, &actor, error);
  g_autofree char *id = NULL;

  g_assert_nonnull (rec);
  id = g_strdup (nk_kind_put (rec, &snack_kind, payload, error));
  if (id == NULL || !nk_record_commit (g_steal_pointer (&rec), error))
    return NULL;
  return g_steal_pointer (&id);
}

/* The row and the event come from the same object, with the common
 * columns from the record; one notification. */
static void
test_put (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonBuilder) b = snack ("c1", "half", 120);
  g_autofree char *id = put (f, b, &error);
  g_autofree char *sql = NULL;
  g_autofree char *payload = NULL;

  g_assert_no_error (error);
  g_assert_true (g_uuid_string_is_valid (id));
  g_assert_cmpuint (f->changed, ==, 1);
  sql = g_strdup_printf ("SELECT count (*) FROM snacks WHERE id = '%s' AND child_id = 'c1' "
                         "AND portion = 'half' AND ml = 120 AND note IS NULL AND "
                         "local_date = '2026-11-23' AND by_kind = 'staff' AND by_id = 's1' AND "
                         "at_us = %" G_GINT64_FORMAT " AND corrects IS NULL AND deleted = 0 AND "
                         "device_id = (SELECT value FROM meta WHERE key = 'device_id')",
                         id, MONDAY_8AM_US);
  g_assert_cmpint (nk_test_count (f->store, sql), ==, 1);
  g_free (sql);
  sql = g_strdup_printf ("SELECT payload FROM outbox WHERE event_id = '%s' AND type = 'snack'", id);
  payload = nk_test_text (f->store, sql);
  g_assert_nonnull (strstr (payload, "\"portion\":\"half\""));
  g_assert_nonnull (strstr (payload, "\"local_date\":\"2026-11-23\""));
  g_assert_nonnull (strstr (payload, "\"by_id\":\"s1\""));
  g_assert_nonnull (strstr (payload, "\"deleted\":false"));
}

/* Each broken field is named, and nothing is written. */
static void
test_invalid (Fixture *f, gconstpointer data)
{
  struct { const char *child, *portion; gint64 ml; const char *field; } cases[] = {
    { "c1", "most", 100, "payload.portion" },
    { "c1", "all", 9, "payload.ml" },
    { "c1", "all", 401, "payload.ml" },
    { "c 1", "all", 100, "payload.child_id" },
    { NULL, "all", 100, "payload.child_id" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (JsonBuilder) b = snack (cases[i].child, cases[i].portion, cases[i].ml);
      g_autofree char *id = put (f, b, &error);

      g_assert_null (id);
      g_assert_error (error, NK_KIND_ERROR, NK_KIND_ERROR_INVALID);
      g_assert_true (g_str_has_prefix (error->message, cases[i].field));
    }
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (JsonBuilder) b = json_builder_new ();
    g_autofree char *id = NULL;

    json_builder_begin_object (b);
    nk_json_text (b, "child_id", "c1");
    nk_json_text (b, "portion", "all");
    nk_json_text (b, "note", "a note far longer than twenty characters");
    json_builder_end_object (b);
    id = put (f, b, &error);
    g_assert_null (id);
    g_assert_true (g_str_has_prefix (error->message, "payload.note"));
  }
  g_assert_cmpint (nk_test_count (f->store, "SELECT count (*) FROM snacks"), ==, 0);
  g_assert_cmpint (nk_test_count (f->store, "SELECT count (*) FROM outbox"), ==, 0);
  g_assert_cmpuint (f->changed, ==, 0);
}

/* Someone not on the roster is refused as a reference. */
static void
test_unknown_person (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonBuilder) b = snack ("c9", "all", -1);
  g_autofree char *id = put (f, b, &error);

  g_assert_null (id);
  g_assert_error (error, NK_KIND_ERROR, NK_KIND_ERROR_REFERENCE);
  g_assert_cmpint (nk_test_count (f->store, "SELECT count (*) FROM outbox"), ==, 0);
}

static char *
correct (Fixture *f, const char *original, JsonBuilder *payload, gboolean delete, GError **error)
{
  NkActor actor = { "staff", "s1" };
  g_autoptr (NkRecord) rec = nk_record_begin (f->store, f->centre, &actor, error);
  g_autofree char *id = NULL;

  g_assert_nonnull (rec);
  id = g_strdup (delete ? nk_kind_delete (rec, &snack_kind, original, error)
                        : nk_kind_correct (rec, &snack_kind, original, payload, error));
  if (id == NULL || !nk_record_commit (g_steal_pointer (&rec), error))
    return NULL;
  return g_steal_pointer (&id);
}

#define STANDING "SELECT count (*) FROM snacks WHERE " NK_KIND_STANDS ("snacks")

/* A correction is a new row naming the original; only it stands; the
 * audit keeps what the original said; the original cannot be corrected
 * twice, nor moved to another child. */
static void
test_correct (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonBuilder) first = snack ("c1", "half", 120);
  g_autoptr (JsonBuilder) fixed = snack ("c1", "all", 150);
  g_autoptr (JsonBuilder) again = snack ("c1", "refused", -1);
  g_autoptr (JsonBuilder) other = snack ("c2", "all", -1);
  g_autofree char *id = put (f, first, &error);
  g_autofree char *new_id = NULL;
  g_autofree char *twice = NULL;
  g_autofree char *moved = NULL;
  g_autofree char *sql = NULL;

  g_assert_no_error (error);
  moved = correct (f, id, other, FALSE, &error);
  g_assert_null (moved);
  g_assert_error (error, NK_KIND_ERROR, NK_KIND_ERROR_INVALID);
  g_clear_error (&error);

  new_id = correct (f, id, fixed, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (nk_test_count (f->store, "SELECT count (*) FROM snacks"), ==, 2);
  g_assert_cmpint (nk_test_count (f->store, STANDING), ==, 1);
  sql = g_strdup_printf (STANDING " AND id = '%s' AND corrects = '%s' AND ml = 150", new_id, id);
  g_assert_cmpint (nk_test_count (f->store, sql), ==, 1);
  g_free (sql);
  sql = g_strdup_printf ("SELECT count (*) FROM audit WHERE kind = 'record.corrected' "
                         "AND detail LIKE 'snack %s %%\"portion\":\"half\"%%'", id);
  g_assert_cmpint (nk_test_count (f->store, sql), ==, 1);

  twice = correct (f, id, again, FALSE, &error);
  g_assert_null (twice);
  g_assert_error (error, NK_KIND_ERROR, NK_KIND_ERROR_CORRECTED);
  g_assert_cmpint (nk_test_count (f->store, "SELECT count (*) FROM outbox"), ==, 2);
}

/* A deletion copies the original's fields, times included, and leaves
 * nothing standing. */
static void
test_delete (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autofree char *id = NULL;
  g_autofree char *gone = NULL;
  g_autofree char *sql = NULL;

  json_builder_begin_object (b);
  nk_json_text (b, "child_id", "c2");
  nk_json_text (b, "portion", "all");
  nk_json_bool (b, "cold", TRUE);
  nk_json_text (b, "served_at", "2026-11-23T00:00:00.250Z");
  json_builder_end_object (b);
  id = put (f, b, &error);
  g_assert_no_error (error);
  sql = g_strdup_printf ("SELECT count (*) FROM snacks WHERE id = '%s' AND cold = 1 AND "
                         "served_us = %" G_GINT64_FORMAT, id, MONDAY_8AM_US + 250000);
  g_assert_cmpint (nk_test_count (f->store, sql), ==, 1);

  gone = correct (f, id, NULL, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (nk_test_count (f->store, STANDING), ==, 0);
  g_free (sql);
  sql = g_strdup_printf ("SELECT count (*) FROM snacks WHERE id = '%s' AND deleted = 1 AND "
                         "corrects = '%s' AND child_id = 'c2' AND cold = 1 AND served_us = %"
                         G_GINT64_FORMAT, gone, id, MONDAY_8AM_US + 250000);
  g_assert_cmpint (nk_test_count (f->store, sql), ==, 1);
  g_free (sql);
  sql = g_strdup_printf ("SELECT payload FROM outbox WHERE event_id = '%s'", gone);
  {
    g_autofree char *payload = nk_test_text (f->store, sql);

    g_assert_nonnull (strstr (payload, "\"deleted\":true"));
    g_assert_nonnull (strstr (payload, "\"served_at\":\"2026-11-23T00:00:00.250Z\""));
  }
}

static const char *
put_tally (Fixture *f, const char *ids_json, gint64 n, const char *corrects, GError **error)
{
  NkActor actor = NK_ACTOR_SYSTEM;
  g_autoptr (NkRecord) rec = nk_record_begin (f->store, f->centre, &actor, error);
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonNode) ids = json_from_string (ids_json, NULL);
  const char *id;

  g_assert_nonnull (rec);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "child_ids");
  json_builder_add_value (b, g_steal_pointer (&ids));
  nk_json_int (b, "n", n);
  json_builder_end_object (b);
  id = corrects != NULL ? nk_kind_correct (rec, &tally_kind, corrects, b, error)
                        : nk_kind_put (rec, &tally_kind, b, error);
  if (id == NULL)
    return NULL;
  id = g_intern_string (id);
  return nk_record_commit (g_steal_pointer (&rec), error) ? id : NULL;
}

/* NK_FIELD_IDS: 1..max distinct ids, kept as a JSON array and read back
 * for a correction; a kind about nobody; the kind's own check. */
static void
test_id_list (Fixture *f, gconstpointer data)
{
  const struct { const char *ids; gint64 n; const char *field; } bad[] = {
    { "\"c1\"", 1, "payload.child_ids" },
    { "[]", 1, "payload.child_ids" },
    { "[\"c1\", \"c2\", \"c3\", \"c4\"]", 3, "payload.child_ids" },
    { "[\"c1\", \"c1\"]", 2, "payload.child_ids" },
    { "[\"c1\", 2]", 2, "payload.child_ids" },
    { "[\"c1\", \"no way\"]", 2, "payload.child_ids" },
    { "[\"c1\", \"c2\"]", 3, "payload.n" },
  };
  g_autoptr (GError) error = NULL;
  const char *id, *fixed;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) e = NULL;

      g_test_message ("case %u: %s", i, bad[i].ids);
      g_assert_null (put_tally (f, bad[i].ids, bad[i].n, NULL, &e));
      g_assert_error (e, NK_KIND_ERROR, NK_KIND_ERROR_INVALID);
      g_assert_true (g_str_has_prefix (e->message, bad[i].field));
    }
  g_assert_cmpint (nk_test_count (f->store, "SELECT count (*) FROM tallies"), ==, 0);
  id = put_tally (f, "[\"c1\", \"someone-elsewhere\"]", 2, NULL, &error);
  g_assert_no_error (error);
  nk_test_assert_text (f->store, "SELECT child_ids FROM tallies", "[\"c1\",\"someone-elsewhere\"]");
  fixed = put_tally (f, "[\"c2\"]", 1, id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixed);
  /* the audit keeps the original's list as it was */
  g_assert_cmpint (nk_test_count (f->store, "SELECT count (*) FROM audit WHERE kind = 'record.corrected' "
                                  "AND detail LIKE '%[\"c1\",\"someone-elsewhere\"]%'"), ==, 1);
}

/* A relayed event: the same checks (the common members too), written
 * with the other kiosk's id and no outbox row. */
static void
test_relayed (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  const char *field = NULL;
  JsonObject *payload;

  g_assert_true (json_parser_load_from_data (parser,
    "{\"child_id\":\"c1\",\"portion\":\"all\",\"local_date\":\"2026-11-23\","
    "\"by_kind\":\"staff\",\"by_id\":\"s1\",\"corrects\":null,\"deleted\":false}", -1, NULL));
  payload = json_node_get_object (json_parser_get_root (parser));
  g_assert_true (nk_kind_check_relayed (&snack_kind, payload, MONDAY_8AM_US, &field, &error));
  g_assert_no_error (error);
  g_assert_true (nk_kind_write_relayed (&snack_kind, f->store, "7d0c1a7e-6f1f-4e55-9b0a-3f1d2c4b5a69",
                                        MONDAY_8AM_US, "kiosk-b", payload, &error));
  g_assert_no_error (error);
  g_assert_cmpint (nk_test_count (f->store, "SELECT count (*) FROM snacks WHERE device_id = 'kiosk-b'"), ==, 1);
  g_assert_cmpint (nk_test_count (f->store, "SELECT count (*) FROM outbox"), ==, 0);

  /* a date days away from the event's time */
  json_object_set_string_member (payload, "local_date", "2026-11-20");
  g_assert_false (nk_kind_check_relayed (&snack_kind, payload, MONDAY_8AM_US, &field, &error));
  g_assert_cmpstr (field, ==, "payload.local_date");
  g_clear_error (&error);
  /* a deletion naming nothing */
  json_object_set_string_member (payload, "local_date", "2026-11-23");
  json_object_set_boolean_member (payload, "deleted", TRUE);
  g_assert_false (nk_kind_check_relayed (&snack_kind, payload, MONDAY_8AM_US, &field, &error));
  g_assert_cmpstr (field, ==, "payload.deleted");
  g_clear_error (&error);
  /* someone this kiosk does not hold */
  json_object_set_boolean_member (payload, "deleted", FALSE);
  json_object_set_string_member (payload, "child_id", "c9");
  g_assert_false (nk_kind_write_relayed (&snack_kind, f->store, "8d0c1a7e-6f1f-4e55-9b0a-3f1d2c4b5a69",
                                         MONDAY_8AM_US, "kiosk-b", payload, &error));
  g_assert_error (error, NK_KIND_ERROR, NK_KIND_ERROR_REFERENCE);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn) g_test_add ("/nk/kind/" path, Fixture, NULL, setup, fn, teardown)
  ADD ("id-list", test_id_list);
  ADD ("put", test_put);
  ADD ("invalid", test_invalid);
  ADD ("unknown-person", test_unknown_person);
  ADD ("correct", test_correct);
  ADD ("delete", test_delete);
  ADD ("relayed", test_relayed);
  return g_test_run ();
}
