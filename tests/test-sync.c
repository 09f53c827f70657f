/* test-sync.c — NkSync's push against the reference platform server
 * (tests/platform/server.py): every fault mode drains once the fault
 * clears with each event held exactly once; TLS refusals send nothing and
 * say why; a token renewed on disk is picked up; enrolment stores the
 * token with mode 0600 and the centre's name; a count that fails is shown
 * as unknown.  Pulls are test-sync-pull.c. */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "core/nk-door.h"
#include "core/nk-pull.h"
#include "core/nk-types.h"
#include "nk-sync-fixture.h"
#include "nk-test-util.h"
#include "sync/nk-enrol.h"

/* ---- push ---------------------------------------------------------------- */

static void
test_push (Fixture *f, gconstpointer data)
{
  if (f->platform == NULL)
    return;
  enrol_directly (f);
  add_events (f, 1234, NULL);
  start_sync (f);
  wait_until (f, drained, NULL, "the outbox drained");
  assert_exactly_once (f);
  /* 500 per batch */
  g_assert_cmpint (nk_test_platform_stat (f->platform, "received"), ==, 1234);
  g_assert_cmpint (nk_sync_get_last_success (f->sync), >, 0);
  g_assert_null (nk_sync_get_last_error (f->sync));

  /* More events later reach the platform too. */
  add_events (f, 3, NULL);
  wait_until (f, drained, NULL, "the new events drained");
  assert_exactly_once (f);
}

/* Every fault mode of the server, on the push path. */
static void
test_push_fault (Fixture *f, gconstpointer data)
{
  const char *mode = data;
  gboolean stall = g_str_equal (mode, "stall");
  gboolean stores_first = g_str_equal (mode, "reset") || g_str_equal (mode, "truncated")
                          || g_str_equal (mode, "invalid-json") || stall;
  const char *two_faults[] = { "faults", "2" };

  if (f->platform == NULL)
    return;
  enrol_directly (f);
  add_events (f, 700, NULL);
  /* stall: the answer comes later than the kiosk's low-speed limit allows
   * (curl averages the speed over about six seconds). */
  nk_test_platform_fault (f->platform, stall ? "slow" : mode, stall ? 1 : -1, "events",
                          stall ? 15.0 : 1.5);
  start_sync (f);

  if (g_str_equal (mode, "duplicate-ack") || g_str_equal (mode, "slow"))
    {
      /* An acknowledgement listing every event twice, or one that takes
       * its time, is still an answer. */
      wait_until (f, drained, NULL, "drained under the fault");
      assert_exactly_once (f);
      g_assert_cmpint (nk_test_platform_stat (f->platform, "duplicates"), ==, 0);
      return;
    }

  /* The kiosk saw the fault and retried under it; then the fault clears. */
  wait_until (f, showed_error, NULL, "the failure was shown");
  if (!stall)
    wait_until (f, stat_at_least, two_faults, "a retry failed too");
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM outbox WHERE state != 'sent'"), >, 0);
  nk_test_platform_fault (f->platform, "none", 0, "any", 0);
  wait_until (f, drained, NULL, "drained after the fault cleared");
  assert_exactly_once (f);
  g_assert_null (nk_sync_get_last_error (f->sync));
  if (stores_first)
    g_assert_cmpint (nk_test_platform_stat (f->platform, "duplicates"), >, 0);
}

/* A rejected event is kept, marked and not sent again by itself. */
static void
test_rejected (Fixture *f, gconstpointer data)
{
  const char *two[] = { "rejected", "2" };

  if (f->platform == NULL)
    return;
  enrol_directly (f);
  add_events (f, 2, NULL);
  expect_warnings ("The platform rejected record *missing child_id*");
  add_events (f, 1, "{\"direction\": \"in\"}");
  start_sync (f);
  wait_until (f, drained_but_rejected, NULL, "drained but for the rejected event");
  g_assert_cmpint (g_atomic_int_get (&expected_seen), ==, 1);
  g_assert_cmpint (nk_sync_get_rejected (f->sync), ==, 1);
  g_assert_cmpint (nk_test_platform_stat (f->platform, "events"), ==, 2);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM outbox WHERE state != 'sent' AND "
                                    "state = 'rejected' AND last_error = 'missing child_id' AND attempts = 1"),
                   ==, 1);

  /* Staff asks to try again: sent once more, rejected once more. */
  expect_warnings ("The platform rejected record *");
  nk_sync_retry_rejected (f->sync);
  wait_until (f, stat_at_least, two, "the rejected event was sent again");
  wait_until (f, warned, NULL, "the second rejection was logged");
  wait_until (f, drained_but_rejected, NULL, "rejected again");
  g_assert_cmpint (g_atomic_int_get (&expected_seen), ==, 1);
  g_assert_cmpint (nk_test_platform_stat (f->platform, "rejected"), ==, 2);
}

/* One event the platform answers 400 for (it cannot read the batch) does
 * not block the outbox: batches halve until it is alone, it is marked
 * rejected, the rest go; the batch size grows back afterwards. */
static void
test_poison (Fixture *f, gconstpointer data)
{
  const char *all[] = { "events", "220" };
  gint64 before;

  if (f->platform == NULL)
    return;
  enrol_directly (f);
  add_events (f, 10, NULL);
  add_events (f, 1, "{\"child_id\": \"c-1\", \"direction\": \"in\", \"poison\": true}");
  add_events (f, 10, NULL);
  nk_test_platform_fault (f->platform, "poison", -1, "events", 0);
  expect_warnings ("The platform refused record * sent alone: bad_request (HTTP 400)*");
  start_sync (f);
  wait_until (f, drained_but_rejected, NULL, "drained but for the poisoned event");
  g_assert_cmpint (g_atomic_int_get (&expected_seen), ==, 1);
  g_assert_cmpint (nk_test_platform_stat (f->platform, "events"), ==, 20);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM outbox WHERE state != 'sent' AND "
                                    "state = 'rejected' AND last_error = 'bad_request (HTTP 400)' AND "
                                    "payload LIKE '%poison%'"),
                   ==, 1);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM outbox WHERE state != 'sent'"), ==, 1);

  /* Batches of one after the isolation grow back: 200 more events do not
   * take 200 requests. */
  before = nk_test_platform_stat (f->platform, "requests");
  add_events (f, 200, NULL);
  wait_until (f, stat_at_least, all, "200 more sent");
  wait_until (f, drained_but_rejected, NULL, "200 more drained");
  g_assert_cmpint (nk_test_platform_stat (f->platform, "events"), ==, 220);
  g_test_message ("200 events took %" G_GINT64_FORMAT " requests",
                  nk_test_platform_stat (f->platform, "requests") - before);
  g_assert_cmpint (nk_test_platform_stat (f->platform, "requests") - before, <, 40);
}

/* A redirect is never followed: the records do not go to another
 * address, nothing is marked sent, the reason is shown. */
static void
test_redirect (Fixture *f, gconstpointer data)
{
  if (f->platform == NULL)
    return;
  enrol_directly (f);
  add_events (f, 5, NULL);
  nk_test_platform_fault (f->platform, "redirect", -1, "any", 0);
  start_sync (f);
  wait_until (f, error_says, "redirect", "the redirect was refused");
  g_test_message ("last-error: %s", nk_sync_get_last_error (f->sync));
  g_assert_nonnull (strstr (nk_sync_get_last_error (f->sync), "not followed"));
  g_assert_nonnull (strstr (nk_sync_get_last_error (f->sync), "https://127.0.0.1"));
  g_assert_cmpint (nk_test_platform_stat (f->platform, "moved"), ==, 0);
  g_assert_cmpint (nk_test_platform_stat (f->platform, "events"), ==, 0);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM outbox WHERE state != 'sent'"), ==, 5);

  nk_test_platform_fault (f->platform, "none", 0, "any", 0);
  wait_until (f, drained, NULL, "drained once the platform stopped redirecting");
  assert_exactly_once (f);
  g_assert_cmpint (nk_test_platform_stat (f->platform, "moved"), ==, 0);
}

/* Retry-After: 0, or a date in the past, is no licence to hammer the
 * platform: the kiosk waits its backoff, at least a second. */
static void
test_retry_after_now (Fixture *f, gconstpointer data)
{
  const char *two[] = { "faults", "2" };

  if (f->platform == NULL)
    return;
  enrol_directly (f);
  fault_retry_after (f, "503", "changes", data);
  start_sync (f);
  wait_until (f, stat_at_least, two, "the pull was tried again");
  /* Not a measurement: a short look whether it goes on at once. */
  g_usleep (200 * 1000);
  g_assert_cmpint (nk_test_platform_stat (f->platform, "faults"), <=, 3);
  wait_until (f, error_says, "unavailable", "the wait is shown");
}

/* "Sync now" from staff mode ends an ordinary backoff (here up to an
 * hour), but not a Retry-After the platform asked for. */
static void
test_sync_now (Fixture *f, gconstpointer data)
{
  const char *two[] = { "faults", "2" };
  const char *four[] = { "faults", "4" };
  const char *five[] = { "faults", "5" };
  gint64 faults;

  if (f->platform == NULL)
    return;
  enrol_directly (f);
  add_events (f, 1, NULL);
  nk_test_platform_fault (f->platform, "500", -1, "any", 0);
  start_sync_backoff (f, 3600 * 1000);
  /* the push failed, then the pull */
  wait_until (f, stat_at_least, two, "push and pull failed");
  nk_sync_pull_now (f->sync);
  wait_until (f, stat_at_least, four, "push and pull tried again at once");

  /* A Retry-After of an hour holds even when staff asks. */
  fault_retry_after (f, "503", "any", "3600");
  nk_sync_pull_now (f->sync);
  wait_until (f, stat_at_least, five, "the platform said wait an hour");
  faults = nk_test_platform_stat (f->platform, "faults");
  nk_sync_pull_now (f->sync);
  /* Not a measurement: a short look whether it goes at once. */
  g_usleep (300 * 1000);
  g_assert_cmpint (nk_test_platform_stat (f->platform, "faults"), ==, faults);
  g_assert_cmpint (nk_test_platform_stat (f->platform, "events"), ==, 0);
}

static void
test_unauthorised (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;

  if (f->platform == NULL)
    return;
  path = g_build_filename (f->dir, NK_ENROL_TOKEN_FILE, NULL);
  g_assert_true (nk_enrol_write_token (path, "not-a-token-the-platform-knows", &error));
  add_events (f, 5, NULL);
  start_sync (f);
  wait_until (f, has_error, GINT_TO_POINTER (NK_SYNC_STATE_NOT_ENROLLED), "the token was refused");
  g_assert_nonnull (strstr (nk_sync_get_last_error (f->sync), "token"));
  g_assert_cmpint (nk_test_platform_stat (f->platform, "events"), ==, 0);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM outbox WHERE state != 'sent'"), ==, 5);
}

/* The platform revokes the kiosk's token; the IT person enrols it again
 * with nursery-kiosk-admin beside the running kiosk, which writes a new
 * token file.  The kiosk stops sending the refused token (its backoff is
 * an hour here) and picks the new one up by itself. */
static gboolean
refused_token (Fixture *f, gconstpointer data)
{
  return nk_sync_get_state (f->sync) == NK_SYNC_STATE_NOT_ENROLLED && nk_sync_get_pending (f->sync) == 2;
}

static void
test_token_renewed (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *body = NULL;
  g_autofree char *token = NULL;
  g_autofree char *path = NULL;
  g_autoptr (JsonNode) revoked = NULL;

  if (f->platform == NULL)
    return;
  enrol_directly (f);
  add_events (f, 1, NULL);
  start_sync_backoff (f, 3600 * 1000);
  wait_until (f, drained, NULL, "sent with the first token");

  body = g_strdup_printf ("{\"device_id\": \"%s\"}", nk_store_get_device_id (f->store));
  revoked = nk_test_platform_admin (f->platform, "/admin/revoke", body);
  add_events (f, 2, NULL);
  wait_until (f, refused_token, NULL, "the token was refused");
  g_assert_cmpint (nk_test_platform_stat (f->platform, "unauthorised"), ==, 1);

  /* What `nursery-kiosk-admin enrol` does from another process. */
  token = nk_test_platform_token (f->platform, nk_store_get_device_id (f->store));
  path = g_build_filename (f->dir, NK_ENROL_TOKEN_FILE, NULL);
  g_assert_true (nk_enrol_write_token (path, token, &error));
  wait_until (f, drained, NULL, "sent with the new token");
  assert_exactly_once (f);
  /* The refused token went once (the push), not again and again. */
  g_assert_cmpint (nk_test_platform_stat (f->platform, "unauthorised"), ==, 1);
}

static void
test_not_https (Fixture *f, gconstpointer data)
{
  if (f->platform == NULL)
    return;
  g_free (f->config->platform_url);
  f->config->platform_url = g_strdup_printf ("http://127.0.0.1:%u", f->platform->port);
  enrol_directly (f);
  add_events (f, 1, NULL);
  start_sync (f);
  wait_until (f, has_error, GINT_TO_POINTER (NK_SYNC_STATE_ERROR), "the address was refused");
  g_assert_nonnull (strstr (nk_sync_get_last_error (f->sync), "https://"));
  g_assert_cmpint (nk_sync_get_pending (f->sync), ==, 1);
  g_assert_cmpint (nk_test_platform_stat (f->platform, "requests"), ==, 0);
}

/* ---- TLS ------------------------------------------------------------------ */

typedef struct {
  const char *cert;      /* what the server presents */
  const char *pin;       /* pin file for the kiosk's config, or NULL */
  const char *words;     /* what last-error must say */
} TlsCase;

static const TlsCase tls_wrong_ca = { "wrong-ca", NULL, "trusted authority" };
static const TlsCase tls_wrong_host = { "wrong-host", NULL, "different server name" };
static const TlsCase tls_expired = { "expired", NULL, "expired" };
static const TlsCase tls_pin = { "good", "wrong-ca.pin", "pinned key" };
static const TlsCase tls_pin_good = { "good", "server.pin", NULL };

static void
test_tls (Fixture *f, gconstpointer data)
{
  const TlsCase *c = data;

  if (f->platform == NULL)
    return;
  if (c->pin)
    {
      g_autofree char *file = g_build_filename (certs, c->pin, NULL);
      g_autofree char *pin = NULL;

      g_assert_true (g_file_get_contents (file, &pin, NULL, NULL));
      g_free (f->config->pinned_key);
      f->config->pinned_key = g_strconcat ("sha256//", g_strstrip (pin), NULL);
    }
  nk_test_platform_cert (f->platform, c->cert);
  enrol_directly (f);
  add_events (f, 10, NULL);
  start_sync (f);

  if (c->words == NULL)
    {
      wait_until (f, drained, NULL, "drained with the right pin");
      assert_exactly_once (f);
      return;
    }

  wait_until (f, has_error, GINT_TO_POINTER (NK_SYNC_STATE_ERROR), "TLS was refused");
  g_test_message ("last-error: %s", nk_sync_get_last_error (f->sync));
  g_assert_nonnull (strstr (nk_sync_get_last_error (f->sync), c->words));
  g_assert_nonnull (strstr (nk_sync_get_last_error (f->sync), "nothing was sent"));
  g_assert_cmpint (nk_test_platform_stat (f->platform, "received"), ==, 0);
  g_assert_cmpint (nk_test_platform_stat (f->platform, "requests"), ==, 0);
  g_assert_cmpint (nk_sync_get_pending (f->sync), ==, 10);

  if (c->pin == NULL)
    {
      /* The platform fixes its certificate: everything goes. */
      nk_test_platform_cert (f->platform, "good");
      wait_until (f, drained, NULL, "drained with a good certificate");
      assert_exactly_once (f);
    }
}

/* A pin the TLS library refuses (here one longer than libcurl takes any
 * string) is no reason to sync unpinned: nothing is sent, and the sync
 * state says why. */
static void
test_tls_pin_unusable (Fixture *f, gconstpointer data)
{
  g_autofree char *long_b64 = g_strnfill (8 * 1000 * 1000 + 1, 'A');

  if (f->platform == NULL)
    return;
  g_free (f->config->pinned_key);
  f->config->pinned_key = g_strconcat ("sha256//", long_b64, "=", NULL);
  enrol_directly (f);
  add_events (f, 10, NULL);
  start_sync (f);

  wait_until (f, has_error, GINT_TO_POINTER (NK_SYNC_STATE_ERROR), "the pin was refused");
  g_test_message ("last-error: %s", nk_sync_get_last_error (f->sync));
  g_assert_nonnull (strstr (nk_sync_get_last_error (f->sync), "cannot check the pinned key"));
  g_assert_nonnull (strstr (nk_sync_get_last_error (f->sync), "nothing was sent"));
  g_assert_cmpint (nk_test_platform_stat (f->platform, "requests"), ==, 0);
  g_assert_cmpint (nk_sync_get_pending (f->sync), ==, 10);
}

/* ---- pull ----------------------------------------------------------------- */

/* ---- enrolment ----------------------------------------------------------- */

typedef struct {
  gboolean done;
  gboolean ok;
  GError  *error;
} EnrolResult;

static void
on_enrolled (GObject *source, GAsyncResult *result, gpointer user_data)
{
  EnrolResult *r = user_data;

  r->ok = nk_sync_enrol_finish (NK_SYNC (source), result, &r->error);
  r->done = TRUE;
}

static gboolean
enrol_done (Fixture *f, gconstpointer data)
{
  return ((const EnrolResult *) data)->done;
}

static void
enrol (Fixture *f, const char *code, gboolean from_qr, EnrolResult *r)
{
  g_clear_error (&r->error);
  r->done = r->ok = FALSE;
  nk_sync_enrol_async (f->sync, code, from_qr, NULL, on_enrolled, r);
  wait_until (f, enrol_done, r, "the enrolment answered");
}

static gboolean
not_enrolled (Fixture *f, gconstpointer data)
{
  return nk_sync_get_state (f->sync) == NK_SYNC_STATE_NOT_ENROLLED && nk_sync_get_last_error (f->sync);
}

static void
test_enrol (Fixture *f, gconstpointer data)
{
  g_autoptr (JsonNode) answer = NULL;
  g_autofree char *token_path = NULL;
  g_autofree char *qr = NULL;
  g_autofree char *uri = NULL;
  EnrolResult r = { 0 };
  GStatBuf st;

  if (f->platform == NULL)
    return;
  add_events (f, 4, NULL);
  start_sync (f);
  wait_until (f, not_enrolled, NULL, "the kiosk says it is not enrolled");
  g_assert_cmpint (nk_test_platform_stat (f->platform, "requests"), ==, 0);

  /* A code nobody issued. */
  enrol (f, "ZZZZ-ZZZZ", FALSE, &r);
  g_assert_false (r.ok);
  g_assert_error (r.error, NK_SYNC_ERROR, NK_SYNC_ERROR_INVALID_CODE);
  enrol (f, "!", FALSE, &r);
  g_assert_error (r.error, NK_SYNC_ERROR, NK_SYNC_ERROR_INVALID_CODE);

  /* The QR way: pending until the director scans it. */
  qr = nk_enrol_new_code ();
  g_assert_true (nk_enrol_code_is_valid (qr));
  uri = nk_enrol_qr_uri (nk_store_get_device_id (f->store), qr);
  g_assert_true (g_str_has_prefix (uri, "nurserykiosk://enrol?device="));
  g_assert_nonnull (strstr (uri, qr));
  enrol (f, qr, TRUE, &r);
  g_assert_error (r.error, NK_SYNC_ERROR, NK_SYNC_ERROR_PENDING);
  {
    g_autofree char *claim = g_strdup_printf ("{\"device_id\": \"%s\", \"code\": \"%s\"}",
                                              nk_store_get_device_id (f->store), qr);
    answer = nk_test_platform_admin (f->platform, "/admin/claim", claim);
  }
  enrol (f, qr, TRUE, &r);
  g_assert_no_error (r.error);
  g_assert_true (r.ok);

  token_path = g_build_filename (f->dir, NK_ENROL_TOKEN_FILE, NULL);
  g_assert_cmpint (g_stat (token_path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpstr (nk_sync_get_token_path (f->sync), ==, token_path);

  /* The centre the platform named is kept for `status` and the screen. */
  {
    g_autofree char *centre = nk_store_get_meta (f->store, NK_ENROL_CENTRE_NAME_KEY);
    g_autofree char *centre_id = nk_store_get_meta (f->store, NK_ENROL_CENTRE_ID_KEY);

    g_assert_cmpstr (centre, ==, "Reference centre");
    g_assert_cmpstr (centre_id, ==, "centre-1");
  }

  wait_until (f, drained, NULL, "the records went up after enrolment");
  assert_exactly_once (f);

  /* A typed code works once. */
  g_clear_pointer (&answer, json_node_unref);
  answer = nk_test_platform_admin (f->platform, "/admin/enrol-code", "{\"code\": \"7KQ2MX4P\"}");
  enrol (f, "7kq2-mx4p", FALSE, &r);
  g_assert_no_error (r.error);
  enrol (f, "7KQ2MX4P", FALSE, &r);
  g_assert_error (r.error, NK_SYNC_ERROR, NK_SYNC_ERROR_INVALID_CODE);
  g_clear_error (&r.error);
}

static void
test_token_file (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("nk-token-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "sub", NK_ENROL_TOKEN_FILE, NULL);
  g_autofree char *read = NULL;
  g_autofree char *again = NULL;
  GStatBuf st;

  g_assert_null (nk_enrol_read_token (path, &error));
  g_assert_no_error (error);
  g_assert_false (nk_enrol_write_token (path, "short", &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL);
  g_clear_error (&error);
  g_assert_true (nk_enrol_write_token (path, "0123456789abcdef-token", &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  read = nk_enrol_read_token (path, &error);
  g_assert_cmpstr (read, ==, "0123456789abcdef-token");

  /* Loosened by someone: tightened again on read. */
  g_assert_cmpint (g_chmod (path, 0644), ==, 0);
  again = nk_enrol_read_token (path, &error);
  g_assert_cmpstr (again, ==, "0123456789abcdef-token");
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  nk_test_remove_tree (dir);

  /* One-time codes come from the kernel, not from GLib's seeded PRNG. */
  {
    g_autofree char *a = NULL;
    g_autofree char *b = NULL;

    g_random_set_seed (7);
    a = nk_enrol_new_code ();
    g_random_set_seed (7);
    b = nk_enrol_new_code ();
    g_assert_cmpstr (a, !=, b);
    g_assert_cmpuint (strlen (a), ==, 8);
    g_assert_cmpuint (strspn (a, "23456789ABCDEFGHJKMNPQRSTUVWXYZ"), ==, 8);
  }

  g_assert_null (nk_enrol_tidy_code ("ab"));
  g_assert_null (nk_enrol_tidy_code ("ABCD;DROP"));
  {
    g_autofree char *tidy = nk_enrol_tidy_code (" 7kq2-mx4p ");
    g_assert_cmpstr (tidy, ==, "7KQ2MX4P");
  }
}

/* ---- the outbox cannot be counted ---------------------------------------- */

static GPtrArray *journal;   /* nk-sync messages while a test listens */
static GMutex journal_lock;

static void
on_sync_message (const char *domain, GLogLevelFlags level, const char *message, gpointer data)
{
  g_mutex_lock (&journal_lock);
  if (journal)
    g_ptr_array_add (journal, g_strdup (message));
  g_mutex_unlock (&journal_lock);
  g_log_default_handler (domain, level, message, data);
}

static gboolean
journal_says (Fixture *f, gconstpointer pattern)
{
  gboolean found = FALSE;

  g_mutex_lock (&journal_lock);
  for (guint i = 0; journal && i < journal->len && !found; i++)
    found = g_pattern_match_simple (pattern, journal->pdata[i]);
  g_mutex_unlock (&journal_lock);
  return found;
}

static gboolean
count_unknown (Fixture *f, gconstpointer data)
{
  const char *last = nk_sync_get_last_error (f->sync);

  return nk_sync_get_state (f->sync) == NK_SYNC_STATE_UNKNOWN && nk_sync_get_pending (f->sync) == -1
         && nk_sync_get_rejected (f->sync) == -1 && last && strstr (last, "outbox");
}

/* A count of the outbox that fails is never "all records sent": the
 * state is unknown, the journal says why, and once the outbox can be
 * read again the records go. */
static void
test_count_fails (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  guint handler;

  if (f->platform == NULL)
    return;
  enrol_directly (f);
  add_events (f, 3, NULL);
  start_sync (f);
  wait_until (f, drained, NULL, "the outbox drained");

  g_mutex_lock (&journal_lock);
  journal = g_ptr_array_new_with_free_func (g_free);
  g_mutex_unlock (&journal_lock);
  handler = g_log_set_handler ("nk-sync", G_LOG_LEVEL_MESSAGE, on_sync_message, NULL);

  /* The count statements are prepared already (a first prepare that
   * fails is a bug and warns); now they fail. */
  g_assert_cmpint (nk_store_count_pending (f->store, NULL), ==, 0);
  g_assert_true (nk_store_exec (f->store, "ALTER TABLE outbox RENAME TO outbox_away", &error));
  g_assert_no_error (error);
  g_assert_cmpint (nk_store_count_pending (f->store, &error), ==, -1);
  g_assert_nonnull (error);
  g_clear_error (&error);
  nk_sync_poke (f->sync);
  wait_until (f, count_unknown, NULL, "the count was shown as unknown");
  g_assert_cmpstr (nk_sync_state_label (nk_sync_get_state (f->sync)), !=,
                   nk_sync_state_label (NK_SYNC_STATE_IDLE));
  wait_until (f, journal_says, "Sync: *outbox*how many records wait to be sent is unknown*",
              "the journal said why");

  g_assert_true (nk_store_exec (f->store, "ALTER TABLE outbox_away RENAME TO outbox", &error));
  add_events (f, 2, NULL);
  wait_until (f, drained, NULL, "drained once the outbox could be read again");
  assert_exactly_once (f);
  g_assert_true (journal_says (f, "Sync: the records waiting can be counted again*"));

  g_log_remove_handler ("nk-sync", handler);
  g_mutex_lock (&journal_lock);
  g_clear_pointer (&journal, g_ptr_array_unref);
  g_mutex_unlock (&journal_lock);
}

int
main (int argc, char **argv)
{
  static const char *push_faults[] = { "500", "503", "429", "slow", "reset", "truncated",
                                       "invalid-json", "duplicate-ack", "stall" };

  nk_sync_fixture_init (&argc, &argv);

  g_test_add_func ("/nk/sync/token-file", test_token_file);
  ADD ("/nk/sync/push", test_push, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (push_faults); i++)
    {
      g_autofree char *path = g_strdup_printf ("/nk/sync/push-fault/%s", push_faults[i]);
      ADD (path, test_push_fault, push_faults[i]);
    }
  ADD ("/nk/sync/rejected", test_rejected, NULL);
  ADD ("/nk/sync/poison", test_poison, NULL);
  ADD ("/nk/sync/redirect", test_redirect, NULL);
  ADD ("/nk/sync/retry-after/zero", test_retry_after_now, "0");
  ADD ("/nk/sync/retry-after/past-date", test_retry_after_now, "\"Wed, 21 Oct 2015 07:28:00 GMT\"");
  ADD ("/nk/sync/sync-now", test_sync_now, NULL);
  ADD ("/nk/sync/unauthorised", test_unauthorised, NULL);
  ADD ("/nk/sync/not-https", test_not_https, NULL);
  ADD ("/nk/sync/tls/wrong-ca", test_tls, &tls_wrong_ca);
  ADD ("/nk/sync/tls/wrong-host", test_tls, &tls_wrong_host);
  ADD ("/nk/sync/tls/expired", test_tls, &tls_expired);
  ADD ("/nk/sync/tls/pin-mismatch", test_tls, &tls_pin);
  ADD ("/nk/sync/tls/pin-match", test_tls, &tls_pin_good);
  ADD ("/nk/sync/tls/pin-unusable", test_tls_pin_unusable, NULL);
  ADD ("/nk/sync/token-renewed", test_token_renewed, NULL);
  ADD ("/nk/sync/enrol", test_enrol, NULL);
  ADD ("/nk/sync/count-fails", test_count_fails, NULL);

  return nk_sync_fixture_run ();
}
