/* test-roster-import.c — the roster CSV: a good file, siblings, two
 * guardians, every kind of bad row reported by line with nothing written. */
#include "config.h"

#include "nk-test-util.h"

#include <glib/gstdio.h>
#include <string.h>

#include "core/nk-roster.h"
#include "core/nk-roster-import.h"
#include "core/nk-roster-import-private.h"
#include "core/nk-store-private.h"

typedef struct {
  char    *dir;
  NkStore *store;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->store = nk_test_store_new ("roster-import", &f->dir);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  nk_test_dir_remove (f->dir);
  g_free (f->dir);
}

/* The importer with a fixed "today" (2025-06-01) so the age rules hold. */
static NkRosterImport *
new_import (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Asia/Shanghai");
  NkRosterImport *import = nk_roster_import_new (NULL, tz);
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 1, G_DATE_JUNE, 2025);
  nk_roster_import_set_today (import, &today);
  return import;
}

static char *
read_sample (const char *name, gsize *len)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  g_autoptr(GError) error = NULL;
  char *data = NULL;

  g_file_get_contents (path, &data, len, &error);
  g_assert_no_error (error);
  return data;
}


static void
assert_roster_empty (NkStore *store)
{
  g_assert_cmpint (nk_test_count (store, "SELECT count(*) FROM rooms"), ==, 0);
  g_assert_cmpint (nk_test_count (store, "SELECT count(*) FROM children"), ==, 0);
  g_assert_cmpint (nk_test_count (store, "SELECT count(*) FROM guardians"), ==, 0);
  g_assert_cmpint (nk_test_count (store, "SELECT count(*) FROM guardian_children"), ==, 0);
  g_assert_cmpint (nk_test_count (store, "SELECT count(*) FROM cards"), ==, 0);
}

/* The lines of the problems, "3,4,5". */
static char *
problem_lines (NkRosterImport *import)
{
  GPtrArray *problems = nk_roster_import_get_problems (import);
  g_autoptr(GString) lines = g_string_new (NULL);

  for (guint i = 0; i < problems->len; i++)
    {
      NkImportProblem *problem = g_ptr_array_index (problems, i);
      g_string_append_printf (lines, "%s%u", i > 0 ? "," : "", problem->line);
      g_test_message ("line %u: %s", problem->line, problem->message);
    }
  return g_string_free (g_steal_pointer (&lines), FALSE);
}

static const char *
problem_on (NkRosterImport *import, guint line)
{
  GPtrArray *problems = nk_roster_import_get_problems (import);

  for (guint i = 0; i < problems->len; i++)
    {
      NkImportProblem *problem = g_ptr_array_index (problems, i);
      if (problem->line == line)
        return problem->message;
    }
  return NULL;
}

static NkRosterImport *
import_text (Fixture *f, const char *csv, gboolean expect_ok)
{
  NkRosterImport *import = new_import ();
  gboolean ok = nk_roster_import_validate (import, csv, -1, f->store);
  g_autofree char *lines = problem_lines (import);

  g_assert_cmpint (ok, ==, expect_ok);
  return import;
}

#define HEADER "child_id,child_name,date_of_birth,room,child_card_uid,guardian_name,guardian_phone,guardian_card_uid\n"

static void
test_good_file (Fixture *f, gconstpointer data)
{
  g_autoptr(NkRosterImport) import = new_import ();
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *lines = NULL;
  g_autofree char *s = NULL;
  NkImportCounts counts = { 0 };
  gsize len = 0;

  /* A byte order mark, CRLF, quoted fields with commas, doubled quotes
   * and a line break, an empty line, an extra column, another column order. */
  csv = read_sample ("roster-good.csv", &len);
  g_assert_true (g_str_has_prefix (csv, "\xEF\xBB\xBF"));
  g_assert_nonnull (strstr (csv, "\r\n"));

  g_assert_true (nk_roster_import_validate (import, csv, (gssize) len, f->store));
  lines = problem_lines (import);
  g_assert_cmpstr (lines, ==, "");

  g_assert_true (nk_roster_import_apply (import, f->store, &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.children, ==, 3);
  g_assert_cmpuint (counts.guardians, ==, 4);
  g_assert_cmpuint (counts.cards, ==, 5);
  g_assert_cmpuint (counts.rooms, ==, 3);

  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM children"), ==, 3);
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM guardians"), ==, 4);
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM cards"), ==, 5);
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM rooms"), ==, 3);
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM guardian_children"), ==, 5);

  /* Quoted name with a comma; allergies with a comma; a YYYY/M/D date. */
  s = nk_test_text (f->store, "SELECT name || '|' || allergies FROM children WHERE id = 'C003'");
  g_assert_cmpstr (s, ==, "Chen, Lily|milk, egg");
  g_clear_pointer (&s, g_free);
  s = nk_test_text (f->store, "SELECT date_of_birth FROM children WHERE id = 'C002'");
  g_assert_cmpstr (s, ==, "2022-08-02");
  g_clear_pointer (&s, g_free);
  s = nk_test_text (f->store, "SELECT allergies FROM children WHERE id = 'C001'");
  g_assert_cmpstr (s, ==, "花生");
  g_clear_pointer (&s, g_free);

  /* Rooms: given kind and places; senior with the national maximum; a kind
   * guessed from the name. */
  s = nk_test_text (f->store, "SELECT kind || ':' || places FROM rooms WHERE name = '托小班一班'");
  g_assert_cmpstr (s, ==, "toddler:12");
  g_clear_pointer (&s, g_free);
  s = nk_test_text (f->store, "SELECT kind || ':' || places FROM rooms WHERE name = '托大班'");
  g_assert_cmpstr (s, ==, "senior:20");
  g_clear_pointer (&s, g_free);
  s = nk_test_text (f->store, "SELECT kind || ':' || places FROM rooms WHERE name = '乳儿班'");
  g_assert_cmpstr (s, ==, "infant:10");
  g_clear_pointer (&s, g_free);

  /* Cards normalised (04:d5:e6:f8, 04a1b2c5). */
  s = nk_test_text (f->store, "SELECT c.holder_kind || ':' || g.name FROM cards c "
                      "JOIN guardians g ON g.id = c.holder_id WHERE c.uid = '04D5E6F8'");
  g_assert_cmpstr (s, ==, "guardian:王建国");
  g_clear_pointer (&s, g_free);
  s = nk_test_text (f->store, "SELECT holder_id FROM cards WHERE uid = '04A1B2C5'");
  g_assert_cmpstr (s, ==, "C003");
  g_clear_pointer (&s, g_free);

  /* A nanny who may drop off only; the multi-line notes column is ignored. */
  g_assert_cmpint (nk_test_count (f->store, "SELECT can_pickup FROM guardian_children gc "
                                    "JOIN guardians g ON g.id = gc.guardian_id "
                                    "WHERE g.name = 'Zhang Ayi'"), ==, 0);
  s = nk_test_text (f->store, "SELECT relation FROM guardians WHERE name = 'Zhang Ayi'");
  g_assert_cmpstr (s, ==, "nanny");
  g_clear_pointer (&s, g_free);

  /* An audit row tells what happened. */
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM audit WHERE kind = 'roster-import'"), ==, 1);
}

static void
test_siblings_share_guardian (Fixture *f, gconstpointer data)
{
  g_autoptr(NkRosterImport) import = new_import ();
  g_autofree char *csv = NULL;
  g_autofree char *id = NULL;
  gsize len = 0;

  csv = read_sample ("roster-good.csv", &len);
  g_assert_true (nk_roster_import_validate (import, csv, (gssize) len, f->store));
  g_assert_true (nk_roster_import_apply (import, f->store, NULL, NULL));

  /* "138 0013 8000" and "+86 138-0013-8000" are one guardian of two children. */
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM guardians WHERE name = '李娜'"), ==, 1);
  id = nk_roster_find_guardian_by_phone (f->store, "13800138000");
  g_assert_nonnull (id);
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM guardian_children gc "
                                    "JOIN guardians g ON g.id = gc.guardian_id "
                                    "WHERE g.phone = '13800138000' AND gc.can_pickup "
                                    "AND gc.child_id IN ('C001', 'C002')"), ==, 2);
  /* Her one card, named on both rows, is one card. */
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM cards WHERE uid = '04D5E6F7'"), ==, 1);
}

static void
test_two_guardians (Fixture *f, gconstpointer data)
{
  g_autoptr(NkRosterImport) import = NULL;

  import = import_text (f,
      HEADER
      "C1,王小明,2024-01-10,托小班,04000001,妈妈,13800000001,04000101\n"
      "C1,王小明,2024-01-10,托小班,04000001,爸爸,13800000002,04000102\n",
      TRUE);
  g_assert_true (nk_roster_import_apply (import, f->store, NULL, NULL));

  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM children"), ==, 1);
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM guardian_children WHERE child_id = 'C1'"), ==, 2);
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM cards WHERE holder_kind = 'guardian'"), ==, 2);
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM cards WHERE holder_kind = 'child'"), ==, 1);
}

static void
test_bad_rows (Fixture *f, gconstpointer data)
{
  g_autoptr(NkRosterImport) import = new_import ();
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *lines = NULL;
  gsize len = 0;

  csv = read_sample ("roster-bad.csv", &len);
  g_assert_false (nk_roster_import_validate (import, csv, (gssize) len, f->store));

  /* Every bad row by its line, the good row (2) not at all. */
  lines = problem_lines (import);
  g_assert_cmpstr (lines, ==, "3,4,5,6,7,8,9,10,11,12,13,14,15");

  g_assert_nonnull (strstr (problem_on (import, 3), "2023-02-30"));
  g_assert_nonnull (strstr (problem_on (import, 4), "future"));
  g_assert_nonnull (strstr (problem_on (import, 5), "older"));
  g_assert_nonnull (strstr (problem_on (import, 6), "child_card_uid"));
  g_assert_nonnull (strstr (problem_on (import, 7), "04000001"));
  g_assert_nonnull (strstr (problem_on (import, 7), "line 2"));
  g_assert_nonnull (strstr (problem_on (import, 8), "guardian_phone"));
  g_assert_nonnull (strstr (problem_on (import, 9), "2023-01-02"));
  g_assert_nonnull (strstr (problem_on (import, 10), "child_id"));
  g_assert_nonnull (strstr (problem_on (import, 11), "04000101"));
  g_assert_nonnull (strstr (problem_on (import, 12), "04000012"));
  g_assert_nonnull (strstr (problem_on (import, 13), "child_name"));
  g_assert_nonnull (strstr (problem_on (import, 14), "13800000001"));
  g_assert_nonnull (strstr (problem_on (import, 15), "fields"));

  /* Nothing is imported, not even the good row. */
  g_assert_false (nk_roster_import_apply (import, f->store, NULL, &error));
  g_assert_error (error, NK_STORE_ERROR, NK_STORE_ERROR_INVALID);
  assert_roster_empty (f->store);
}

static void
test_missing_columns (Fixture *f, gconstpointer data)
{
  g_autoptr(NkRosterImport) import = NULL;

  import = import_text (f,
      "child_id,child_name,date_of_birth,room,child_card_uid,guardian_name,child_id\n"
      "C1,王小明,2024-01-10,托小班,04000001,妈妈\n",
      FALSE);
  /* guardian_phone and guardian_card_uid missing, child_id twice: all on line 1. */
  g_assert_cmpuint (nk_roster_import_get_problems (import)->len, ==, 3);
  g_assert_nonnull (strstr (problem_on (import, 1), "child_id"));
  assert_roster_empty (f->store);
}

static void
test_empty_file (Fixture *f, gconstpointer data)
{
  g_autoptr(NkRosterImport) only_header = import_text (f, HEADER, FALSE);
  g_autoptr(NkRosterImport) nothing = import_text (f, "\xEF\xBB\xBF\r\n", FALSE);

  g_assert_cmpuint (nk_roster_import_get_problems (only_header)->len, ==, 1);
  g_assert_cmpuint (nk_roster_import_get_problems (nothing)->len, ==, 1);
}

static void
test_quote_error (Fixture *f, gconstpointer data)
{
  g_autoptr(NkRosterImport) import = NULL;

  import = import_text (f,
      HEADER
      "C1,王小明,2024-01-10,托小班,04000001,妈妈,13800000001,\n"
      "C2,\"王小红,2024-01-10,托小班,04000002,妈妈,13800000001,\n"
      "C3,王小刚,2024-01-10,托小班,04000003,妈妈,13800000001,\n",
      FALSE);
  /* The quote opened on line 3 never closes. */
  g_assert_nonnull (problem_on (import, 3));
  assert_roster_empty (f->store);
}

static void
test_card_held_in_store (Fixture *f, gconstpointer data)
{
  g_autoptr(NkRosterImport) import = NULL;
  g_autoptr(GError) error = NULL;

  /* A caregiver already has 04C0FFEE. */
  g_assert_true (nk_roster_put_staff (f->store, "S1", "张老师", NK_STAFF_CAREGIVER, NULL, NULL, &error));
  g_assert_true (nk_roster_put_card (f->store, "04C0FFEE", NK_HOLDER_STAFF, "S1", &error));
  g_assert_no_error (error);

  import = import_text (f,
      HEADER
      "C1,王小明,2024-01-10,托小班,04c0ffee,妈妈,13800000001,\n",
      FALSE);
  g_assert_nonnull (strstr (problem_on (import, 2), "staff"));
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM children"), ==, 0);
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM cards WHERE holder_id = 'S1'"), ==, 1);
}

static void
test_reimport (Fixture *f, gconstpointer data)
{
  g_autofree char *csv = NULL;
  g_autofree char *photo = NULL;
  gsize len = 0;

  csv = read_sample ("roster-good.csv", &len);
  {
    g_autoptr(NkRosterImport) first = new_import ();
    g_assert_true (nk_roster_import_validate (first, csv, (gssize) len, f->store));
    g_assert_true (nk_roster_import_apply (first, f->store, NULL, NULL));
  }

  /* Meanwhile a card is reported lost and a child got a photo. */
  g_assert_true (nk_roster_set_card_lost (f->store, "04A1B2C3", TRUE, NULL));
  g_assert_true (nk_store_exec (f->store, "UPDATE children SET photo = '/p/c001.jpg' WHERE id = 'C001'", NULL));

  {
    g_autoptr(NkRosterImport) again = new_import ();
    NkImportCounts counts = { 0 };
    g_assert_true (nk_roster_import_validate (again, csv, (gssize) len, f->store));
    g_assert_true (nk_roster_import_apply (again, f->store, &counts, NULL));
    g_assert_cmpuint (counts.children, ==, 3);
  }

  /* Same records, not twice; the lost card stays lost, the photo stays. */
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM children"), ==, 3);
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM guardians"), ==, 4);
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM rooms"), ==, 3);
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM cards"), ==, 5);
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM cards WHERE uid = '04A1B2C3' AND status = 'lost'"), ==, 1);
  photo = nk_test_text (f->store, "SELECT photo FROM children WHERE id = 'C001'");
  g_assert_cmpstr (photo, ==, "/p/c001.jpg");
}

static void
test_existing_room_kept (Fixture *f, gconstpointer data)
{
  g_autoptr(NkRosterImport) import = NULL;
  g_autofree char *s = NULL;

  g_assert_true (nk_roster_put_room (f->store, "R1", "向日葵班", NK_ROOM_SENIOR_TODDLER, 18, NULL));
  import = import_text (f,
      HEADER
      "C1,王小明,2023-01-10,向日葵班,,妈妈,13800000001,\n",
      TRUE);
  g_assert_true (nk_roster_import_apply (import, f->store, NULL, NULL));

  /* Found by name: no second room, its kind and places untouched. */
  g_assert_cmpint (nk_test_count (f->store, "SELECT count(*) FROM rooms"), ==, 1);
  s = nk_test_text (f->store, "SELECT room_id FROM children WHERE id = 'C1'");
  g_assert_cmpstr (s, ==, "R1");
  g_clear_pointer (&s, g_free);
  s = nk_test_text (f->store, "SELECT kind || ':' || places FROM rooms");
  g_assert_cmpstr (s, ==, "senior:18");
}

static void
test_room_rules (Fixture *f, gconstpointer data)
{
  g_autoptr(NkRosterImport) import = NULL;

  import = import_text (f,
      "child_id,child_name,date_of_birth,room,room_kind,room_places,child_card_uid,guardian_name,guardian_phone,guardian_card_uid\n"
      "C1,甲,2024-01-10,A班,toddler,25,,妈妈,13800000001,\n"   /* over the toddler maximum */
      "C2,乙,2024-01-10,B班,kitchen,,,妈妈二,13800000002,\n"   /* not a kind */
      "C3,丙,2024-01-10,C班,infant,,,妈妈三,13800000003,\n"
      "C4,丁,2024-01-10,C班,senior,,,妈妈四,13800000004,\n",   /* disagrees with line 4 */
      FALSE);
  g_assert_nonnull (problem_on (import, 2));
  g_assert_nonnull (problem_on (import, 3));
  g_assert_null (problem_on (import, 4));
  g_assert_nonnull (problem_on (import, 5));
  assert_roster_empty (f->store);
}

static void
test_gb18030 (Fixture *f, gconstpointer data)
{
  const char *utf8 = HEADER "C1,王小明,2024-01-10,托小班,04000001,李娜,13800000001,\n";
  g_autoptr(NkRosterImport) import = new_import ();
  g_autofree char *gb = NULL;
  g_autofree char *name = NULL;
  gsize len = 0;

  /* What Excel in China saves as "CSV (逗号分隔)". */
  gb = g_convert (utf8, -1, "GB18030", "UTF-8", NULL, &len, NULL);
  g_assert_nonnull (gb);
  g_assert_false (g_utf8_validate (gb, (gssize) len, NULL));

  g_test_expect_message ("nk-roster-import", G_LOG_LEVEL_MESSAGE, "*GB18030*");
  g_assert_true (nk_roster_import_validate (import, gb, (gssize) len, f->store));
  g_test_assert_expected_messages ();
  g_assert_true (nk_roster_import_apply (import, f->store, NULL, NULL));
  name = nk_test_text (f->store, "SELECT name FROM children WHERE id = 'C1'");
  g_assert_cmpstr (name, ==, "王小明");
}

static void
test_binary_file (Fixture *f, gconstpointer data)
{
  static const char utf16[] = "\xFF\xFE" "c\0h\0i\0l\0d\0";
  g_autoptr(NkRosterImport) import = new_import ();

  g_assert_false (nk_roster_import_validate (import, utf16, sizeof utf16 - 1, f->store));
  g_assert_nonnull (problem_on (import, 1));
}

static void
test_field_formats (void)
{
  GDate date;
  gboolean yes = FALSE;
  NkRoomKind kind = NK_ROOM_TODDLER;
  struct { const char *in, *out; } dates[] = {
    { "2024-02-29", "2024-02-29" }, { "2024/2/9", "2024-02-09" }, { "2024-2-09", "2024-02-09" },
    { "2023-02-29", NULL }, { "2024-13-01", NULL }, { "24-01-01", NULL }, { "2024-01", NULL },
    { "2024/01-02", NULL }, { "2024-01-02x", NULL }, { "", NULL }, { "2024-001-02", NULL },
  };
  struct { const char *in, *out; } phones[] = {
    { "13800138000", "13800138000" }, { "138 0013 8000", "13800138000" },
    { "+86 138-0013-8000", "13800138000" }, { "008613800138000", "13800138000" },
    { "(021) 5555-0101", "02155550101" }, { "+44 20 7946 0958", "+442079460958" },
    { "12345", NULL }, { "call me", NULL }, { "1380013800012345678", NULL }, { "138+00", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      g_autofree char *got = nk_roster_import_parse_date (dates[i].in, &date);
      g_assert_cmpstr (got, ==, dates[i].out);
    }
  for (guint i = 0; i < G_N_ELEMENTS (phones); i++)
    {
      g_autofree char *got = nk_roster_import_normalise_phone (phones[i].in);
      g_assert_cmpstr (got, ==, phones[i].out);
    }

  g_assert_true (nk_roster_import_parse_yes_no ("Yes", &yes) && yes);
  g_assert_true (nk_roster_import_parse_yes_no ("否", &yes) && !yes);
  g_assert_false (nk_roster_import_parse_yes_no ("maybe", &yes));

  g_assert_true (nk_roster_import_parse_room_kind ("托大班", &kind));
  g_assert_cmpint (kind, ==, NK_ROOM_SENIOR_TODDLER);
  g_assert_true (nk_roster_import_parse_room_kind ("INFANT", &kind));
  g_assert_cmpint (kind, ==, NK_ROOM_INFANT);
  g_assert_false (nk_roster_import_parse_room_kind ("kitchen", &kind));

  g_assert_cmpint (nk_roster_import_guess_room_kind ("乳儿班"), ==, NK_ROOM_INFANT);
  g_assert_cmpint (nk_roster_import_guess_room_kind ("Senior Sunflowers"), ==, NK_ROOM_SENIOR_TODDLER);
  g_assert_cmpint (nk_roster_import_guess_room_kind ("向日葵班"), ==, NK_ROOM_TODDLER);
  g_assert_cmpuint (nk_roster_import_max_places (NK_ROOM_INFANT), ==, 10);
  g_assert_cmpuint (nk_roster_import_max_places (NK_ROOM_TODDLER), ==, 15);
  g_assert_cmpuint (nk_roster_import_max_places (NK_ROOM_SENIOR_TODDLER), ==, 20);
}

static void
test_age_limits (Fixture *f, gconstpointer data)
{
  /* Today is 2025-06-01: born today is fine, 3 years 6 months ago is the
   * oldest allowed, a day earlier is too old. */
  g_autoptr(NkRosterImport) import = import_text (f,
      HEADER
      "C1,甲,2025-06-01,托小班,,妈妈,13800000001,\n"
      "C2,乙,2021-12-01,托小班,,妈妈,13800000001,\n"
      "C3,丙,2021-11-30,托小班,,妈妈,13800000001,\n"
      "C4,丁,2025-06-02,托小班,,妈妈,13800000001,\n",
      FALSE);
  g_autofree char *lines = problem_lines (import);

  g_assert_cmpstr (lines, ==, "4,5");
}

/* A file larger than NK_ROSTER_MAX_BYTES is one problem, found before
 * anything is parsed. */
static void
test_size_limit (Fixture *f, gconstpointer data)
{
  g_autoptr(NkRosterImport) import = new_import ();
  gsize len = NK_ROSTER_MAX_BYTES + 1;
  g_autofree char *csv = g_malloc (len);
  GPtrArray *problems;

  memcpy (csv, HEADER, strlen (HEADER));
  memset (csv + strlen (HEADER), 'x', len - strlen (HEADER));
  g_assert_false (nk_roster_import_validate (import, csv, (gssize) len, f->store));
  problems = nk_roster_import_get_problems (import);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_nonnull (strstr (problem_on (import, 1), "larger than 16 MiB"));
  assert_roster_empty (f->store);
}

static char *
rows (guint n)
{
  GString *csv = g_string_new (HEADER);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (csv, "C%05u,甲,2024-01-01,托小班,,妈妈,138%08u,\n", i, i);
  return g_string_free (csv, FALSE);
}

/* NK_ROSTER_MAX_ROWS rows are taken; one more is one problem, found before
 * any row is checked (so not a problem per row). */
static void
test_row_limit (Fixture *f, gconstpointer data)
{
  g_autofree char *at_limit = rows (NK_ROSTER_MAX_ROWS);
  g_autoptr(NkRosterImport) ok = new_import ();
  g_autoptr(NkRosterImport) over = new_import ();
  g_autoptr(GString) past = g_string_new (at_limit);
  g_autofree char *lines = NULL;

  g_assert_true (nk_roster_import_validate (ok, at_limit, -1, NULL));

  /* a blank line is not a row; a bad row past the limit is never looked at */
  g_string_append (past, "\n,,,,,,,\nC99999,乙,not a date,托小班,,妈妈,13899999999,\n");
  g_assert_false (nk_roster_import_validate (over, past->str, -1, f->store));
  lines = problem_lines (over);
  g_assert_cmpstr (lines, ==, "1");
  g_assert_nonnull (strstr (problem_on (over, 1), "more than 20000 rows"));
  assert_roster_empty (f->store);
}

/* nk_roster_import_read_file refuses what is no roster before reading it:
 * a file past the limit (sparse here: nothing is written or read), a
 * directory, a device. */
static void
test_read_file (Fixture *f, gconstpointer data)
{
  g_autofree char *big = g_build_filename (f->dir, "big.csv", NULL);
  g_autofree char *small = g_build_filename (f->dir, "small.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize len = 0;
  FILE *file;

  file = g_fopen (big, "wb");
  g_assert_nonnull (file);
  g_assert_cmpint (fseek (file, (long) NK_ROSTER_MAX_BYTES, SEEK_SET), ==, 0);
  g_assert_cmpint (fputc ('\n', file), ==, '\n');
  fclose (file);
  g_assert_false (nk_roster_import_read_file (big, &contents, &len, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL);
  g_assert_nonnull (strstr (error->message, "larger than 16 MiB"));
  g_assert_null (contents);
  g_clear_error (&error);

  g_assert_false (nk_roster_import_read_file (f->dir, &contents, &len, &error));
  g_assert_nonnull (strstr (error->message, "not a regular file"));
  g_clear_error (&error);
  g_assert_false (nk_roster_import_read_file ("/dev/zero", &contents, &len, &error));
  g_assert_nonnull (strstr (error->message, "not a regular file"));
  g_clear_error (&error);
  g_assert_false (nk_roster_import_read_file ("/nonexistent/roster.csv", &contents, &len, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (small, HEADER, -1, NULL));
  g_assert_true (nk_roster_import_read_file (small, &contents, &len, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (contents, ==, HEADER);
  g_assert_cmpuint (len, ==, strlen (HEADER));
  g_unlink (big);
  g_unlink (small);
}

/* A bad value of a megabyte is quoted by its first 60 characters. */
static void
test_long_values_quoted (Fixture *f, gconstpointer data)
{
  g_autofree char *big = g_strnfill (1024 * 1024, '9');
  g_autofree char *sixty = g_strnfill (60, '9');
  g_autofree char *more = g_strnfill (61, '9');
  g_autofree char *csv = g_strdup_printf (
    "child_id,child_name,date_of_birth,room,child_card_uid,guardian_name,guardian_phone,"
    "guardian_card_uid,room_kind,room_places,can_pickup\n"
    "C1,甲,%s,托小班,,妈妈,13800000001,,,,\n"
    "C2,乙,2024-01-01,托小班,%s,妈妈,13800000002,,,,\n"
    "C3,丙,2024-01-01,托小班,,妈妈,%s,,,,\n"
    "C4,丁,2024-01-01,托小班,,妈妈,13800000004,,%s,,\n"
    "C5,戊,2024-01-01,托小班,,妈妈,13800000005,,,%s,\n"
    "C6,己,2024-01-01,托小班,,妈妈,13800000006,,,,%s\n"
    "C7%s,庚,2024-01-01,托小班,,妈妈,13800000007,,,,\n",
    big, big, big, big, big, big, big);
  g_autoptr(NkRosterImport) import = import_text (f, csv, FALSE);
  GPtrArray *problems = nk_roster_import_get_problems (import);

  g_assert_cmpuint (problems->len, ==, 7);
  for (guint i = 0; i < problems->len; i++)
    {
      NkImportProblem *problem = g_ptr_array_index (problems, i);

      g_assert_cmpuint (strlen (problem->message), <, 300);
      g_assert_null (strstr (problem->message, more));
    }
  for (guint line = 2; line <= 7; line++)
    if (line != 3)
      g_assert_nonnull (strstr (problem_on (import, line), sixty));
  g_assert_nonnull (strstr (problem_on (import, 3), "longer than"));
  g_assert_nonnull (strstr (problem_on (import, 8), "longer than"));
  assert_roster_empty (f->store);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/nk/roster-import/good-file", test_good_file);
  ADD ("/nk/roster-import/siblings-share-guardian", test_siblings_share_guardian);
  ADD ("/nk/roster-import/two-guardians", test_two_guardians);
  ADD ("/nk/roster-import/bad-rows", test_bad_rows);
  ADD ("/nk/roster-import/missing-columns", test_missing_columns);
  ADD ("/nk/roster-import/empty-file", test_empty_file);
  ADD ("/nk/roster-import/quote-error", test_quote_error);
  ADD ("/nk/roster-import/card-held-in-store", test_card_held_in_store);
  ADD ("/nk/roster-import/reimport", test_reimport);
  ADD ("/nk/roster-import/existing-room", test_existing_room_kept);
  ADD ("/nk/roster-import/room-rules", test_room_rules);
  ADD ("/nk/roster-import/gb18030", test_gb18030);
  ADD ("/nk/roster-import/binary-file", test_binary_file);
  ADD ("/nk/roster-import/age-limits", test_age_limits);
  ADD ("/nk/roster-import/size-limit", test_size_limit);
  ADD ("/nk/roster-import/row-limit", test_row_limit);
  ADD ("/nk/roster-import/read-file", test_read_file);
  ADD ("/nk/roster-import/long-values-quoted", test_long_values_quoted);
  g_test_add_func ("/nk/roster-import/field-formats", test_field_formats);

  return g_test_run ();
}
