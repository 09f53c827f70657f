/* test-prune.c — sent outbox rows and audit rows go after their time;
 * rows waiting or refused never go; short transactions; a wrong clock
 * prunes nothing; the kiosk's run on a thread of its own. */
#include "config.h"

#include <string.h>

#include "core/nk-centre.h"
#include "core/nk-prune.h"
#include "nk-test-util.h"

#define DAY_US (G_GINT64_CONSTANT (86400) * G_USEC_PER_SEC)
/* 2026-11-22 00:00 UTC */
#define NOW_US (G_GINT64_CONSTANT (1795305600) * G_USEC_PER_SEC)

/* An outbox row in a given state, made days_ago (and for sent rows
 * acknowledged then too). */
static void
add_outbox (NkStore *store, const char *state, gint64 days_ago)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *id = nk_uuid_new ();
  gint64 at = NOW_US - days_ago * DAY_US;

  g_assert_true (nk_store_run (store,
                               "INSERT INTO outbox (event_id, type, at_us, payload, created_us, "
                               "  sent_us, state) "
                               "VALUES (:id, 'attendance', :at, '{}', :at, "
                               "  CASE WHEN :state = 'sent' THEN :at END, :state)",
                               "test", &error, NK_TEXT (":id", id), NK_INT (":at", at),
                               NK_TEXT (":state", state), NK_END));
  g_assert_no_error (error);
}

static void
add_audit (NkStore *store, gint64 days_ago)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (nk_store_audit (store, NOW_US - days_ago * DAY_US, "unknown-card", "04A1B2C3",
                                 NULL, &error));
  g_assert_no_error (error);
}

static gint64
rows (NkStore *store, const char *state)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM outbox WHERE state = '%s'", state);

  return nk_test_count (store, sql);
}

/* A pulled record kept in table (pull_quarantine or pulled_records),
 * received days ago. */
static void
add_pulled (NkStore *store, const char *table, const char *section, const char *id, int days)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *sql = NULL;

  if (g_str_equal (table, "pull_quarantine"))
    sql = g_strdup_printf ("INSERT INTO pull_quarantine (section, id, body, reason, received_us, code) "
                           "VALUES ('%s', '%s', '{}', 'bad', %" G_GINT64_FORMAT ", 'invalid')",
                           section, id, NOW_US - days * DAY_US);
  else
    sql = g_strdup_printf ("INSERT INTO pulled_records (section, id, body, received_us) "
                           "VALUES ('%s', '%s', '{}', %" G_GINT64_FORMAT ")",
                           section, id, NOW_US - days * DAY_US);
  g_assert_true (nk_store_exec (store, sql, &error));
  g_assert_no_error (error);
}

/* Only what is old enough and done with goes. */
static void
test_what_goes (void)
{
  g_autofree char *dir = NULL;
  g_autoptr (NkStore) store = nk_test_store_new ("prune", &dir);
  g_autoptr (GError) error = NULL;
  NkPruneCounts counts = { -1, -1, -1 };

  add_outbox (store, "sent", 31);
  add_outbox (store, "sent", 400);
  add_outbox (store, "sent", 29);
  add_outbox (store, "sent", 0);
  add_outbox (store, "pending", 900);
  add_outbox (store, "pending", 1);
  add_outbox (store, "rejected", 900);
  add_audit (store, 401);
  add_audit (store, 399);
  add_audit (store, 0);
  add_pulled (store, "pull_quarantine", "children", "q-old", 401);
  add_pulled (store, "pull_quarantine", "events", "q-new", 10);
  add_pulled (store, "pulled_records", "events", "k-old", 401);
  add_pulled (store, "pulled_records", "events", "k-new", 399);
  /* a menu is not set aside: it is the menu, kept as long as it is sent */
  add_pulled (store, "pulled_records", "menus", "m-old", 900);

  g_assert_true (nk_prune (store, NOW_US, 30, 400, &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpint (counts.sent, ==, 2);
  g_assert_cmpint (counts.audit, ==, 1);
  g_assert_cmpint (counts.pulled, ==, 2);
  g_assert_cmpint (nk_test_count (store, "SELECT count(*) FROM pull_quarantine WHERE id = 'q-new'"), ==, 1);
  g_assert_cmpint (nk_test_count (store, "SELECT count(*) FROM pull_quarantine"), ==, 1);
  g_assert_cmpint (nk_test_count (store, "SELECT count(*) FROM pulled_records "
                                  "WHERE id IN ('k-new', 'm-old')"), ==, 2);
  g_assert_cmpint (nk_test_count (store, "SELECT count(*) FROM pulled_records"), ==, 2);
  g_assert_cmpint (rows (store, "sent"), ==, 2);
  g_assert_cmpint (nk_test_count (store, "SELECT min(sent_us) FROM outbox WHERE state = 'sent'"),
                   ==, NOW_US - 29 * DAY_US);
  /* waiting or refused: kept however old */
  g_assert_cmpint (rows (store, "pending"), ==, 2);
  g_assert_cmpint (rows (store, "rejected"), ==, 1);
  g_assert_cmpint (nk_store_count_pending (store, NULL), ==, 2);
  g_assert_cmpint (nk_test_count (store, "SELECT count(*) FROM audit"), ==, 2);
  g_assert_cmpint (nk_test_count (store, "SELECT min(at_us) FROM audit"), ==, NOW_US - 399 * DAY_US);

  /* Again the same day: nothing more to do. */
  g_assert_true (nk_prune (store, NOW_US, 30, 400, &counts, &error));
  g_assert_cmpint (counts.sent + counts.audit + counts.pulled, ==, 0);

  /* A shorter retention takes more. */
  g_assert_true (nk_prune (store, NOW_US, 1, 1, &counts, &error));
  g_assert_cmpint (counts.sent, ==, 1);
  g_assert_cmpint (counts.audit, ==, 1);
  g_assert_cmpint (rows (store, "pending"), ==, 2);
  g_assert_cmpint (rows (store, "rejected"), ==, 1);
  nk_test_dir_remove (dir);
}

static int
on_commit (void *data)
{
  (*(guint *) data)++;
  return 0;
}

/* A year of rows goes in many short transactions, never in one. */
static void
test_chunks (void)
{
  g_autofree char *dir = NULL;
  g_autoptr (NkStore) store = nk_test_store_new ("prune", &dir);
  g_autoptr (GError) error = NULL;
  NkPruneCounts counts = { 0, 0 };
  guint n = 5 * NK_PRUNE_CHUNK + 7;
  guint commits = 0;

  g_assert_true (nk_store_begin (store, &error));
  for (guint i = 0; i < n; i++)
    {
      add_outbox (store, "sent", 40 + i % 300);
      add_audit (store, 500 + i % 300);
    }
  add_outbox (store, "pending", 500);
  g_assert_true (nk_store_commit (store, &error));

  sqlite3_commit_hook (nk_store_get_db (store), on_commit, &commits);
  g_assert_true (nk_prune (store, NOW_US, 30, 400, &counts, &error));
  sqlite3_commit_hook (nk_store_get_db (store), NULL, NULL);
  g_assert_no_error (error);
  g_assert_cmpint (counts.sent, ==, n);
  g_assert_cmpint (counts.audit, ==, n);
  g_assert_cmpint (nk_test_count (store, "SELECT count(*) FROM outbox"), ==, 1);
  g_assert_cmpint (nk_test_count (store, "SELECT count(*) FROM audit"), ==, 0);
  /* at most NK_PRUNE_CHUNK rows per transaction */
  g_assert_cmpuint (commits, >=, 2 * ((n + NK_PRUNE_CHUNK - 1) / NK_PRUNE_CHUNK));
  nk_test_dir_remove (dir);
}

/* A clock that cannot be right (not set after a power cut) deletes nothing. */
static void
test_wrong_clock (void)
{
  g_autofree char *dir = NULL;
  g_autoptr (NkStore) store = nk_test_store_new ("prune", &dir);
  g_autoptr (GError) error = NULL;
  NkPruneCounts counts = { -1, -1, -1 };

  add_outbox (store, "sent", 40);
  add_audit (store, 500);
  g_test_expect_message ("nk-core", G_LOG_LEVEL_MESSAGE, "The clock is wrong*nothing is pruned");
  g_assert_true (nk_prune (store, NK_CENTRE_CLOCK_FLOOR_US - 1, 30, 400, &counts, &error));
  g_test_assert_expected_messages ();
  g_assert_no_error (error);
  g_assert_cmpint (counts.sent + counts.audit + counts.pulled, ==, 0);
  g_assert_cmpint (rows (store, "sent"), ==, 1);
  g_assert_cmpint (nk_test_count (store, "SELECT count(*) FROM audit"), ==, 1);
  nk_test_dir_remove (dir);
}

typedef struct {
  gboolean      done;
  gboolean      ok;
  NkPruneCounts counts;
  GError       *error;
} AsyncResult;

static void
on_pruned (GObject *source, GAsyncResult *result, gpointer data)
{
  AsyncResult *r = data;

  r->ok = nk_prune_finish (result, &r->counts, &r->error);
  r->done = TRUE;
}

static void
wait_done (AsyncResult *r)
{
  while (!r->done)
    g_main_context_iteration (NULL, TRUE);
}

/* The kiosk's run: a thread and a connection of its own; a database that
 * cannot be opened is an error said, not a crash. */
static void
test_async (void)
{
  g_autofree char *dir = NULL;
  g_autoptr (NkStore) store = nk_test_store_new ("prune", &dir);
  g_autofree char *file = g_build_filename (dir, "no", NULL);
  g_autofree char *missing = g_build_filename (file, "such.db", NULL);
  AsyncResult r = { 0 };

  add_outbox (store, "sent", 40);
  add_outbox (store, "rejected", 40);
  add_audit (store, 500);
  nk_prune_async (nk_store_get_path (store), NOW_US, 30, 400, NULL, on_pruned, &r);
  wait_done (&r);
  g_assert_no_error (r.error);
  g_assert_true (r.ok);
  g_assert_cmpint (r.counts.sent, ==, 1);
  g_assert_cmpint (r.counts.audit, ==, 1);
  g_assert_cmpint (nk_test_count (store, "SELECT count(*) FROM outbox"), ==, 1);

  /* A file where the data directory should be: it cannot be opened. */
  g_assert_true (g_file_set_contents (file, "", 0, NULL));
  memset (&r, 0, sizeof r);
  nk_prune_async (missing, NOW_US, 30, 400, NULL, on_pruned, &r);
  wait_done (&r);
  g_assert_false (r.ok);
  g_assert_error (r.error, NK_STORE_ERROR, NK_STORE_ERROR_READ_ONLY);
  g_clear_error (&r.error);
  nk_test_dir_remove (dir);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/nk/prune/what-goes", test_what_goes);
  g_test_add_func ("/nk/prune/chunks", test_chunks);
  g_test_add_func ("/nk/prune/wrong-clock", test_wrong_clock);
  g_test_add_func ("/nk/prune/async", test_async);
  return g_test_run ();
}
