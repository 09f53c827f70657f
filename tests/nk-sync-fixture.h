/* nk-sync-fixture.h — what the sync tests share (test-sync.c: push, TLS,
 * enrolment, tokens; test-sync-pull.c: pulls): a reference platform over
 * real TLS, a store, an NkSync, and conditions to wait for. */
#pragma once

#include <json-glib/json-glib.h>

#include "core/nk-store-private.h"
#include "platform/nk-test-platform.h"
#include "sync/nk-sync.h"

G_BEGIN_DECLS

typedef struct {
  NkTestPlatform *platform;
  char           *dir;
  char           *db_path;
  NkStore        *store;
  NkConfig       *config;
  NkSync         *sync;
  GPtrArray      *event_ids;
  GPtrArray      *errors;     /* every last-error the sync showed */
  guint           pulled;
} Fixture;

typedef gboolean (*Predicate) (Fixture *f, gconstpointer data);

/* The test CA and certificates (NULL: python3 or openssl missing). */
extern char *certs;
/* Log lines of nk-sync matching the pattern of expect_warnings (). */
extern gint expected_seen;

void on_sync_warning (const char *domain, GLogLevelFlags level, const char *message, gpointer data);
void expect_warnings (const char *pattern);
void fixture_set_up (Fixture *f, gconstpointer data);
void fixture_tear_down (Fixture *f, gconstpointer data);
void on_last_error (NkSync *sync, GParamSpec *pspec, Fixture *f);
void on_pulled (NkSync *sync, guint n, Fixture *f);
void enrol_directly (Fixture *f);
void start_sync_backoff (Fixture *f, guint backoff_ms);
void start_sync (Fixture *f);
void add_events (Fixture *f, guint n, const char *payload);
gint64 count (NkStore *store, const char *sql);
void wait_until (Fixture *f, Predicate done, gconstpointer data, const char *what);
gboolean drained (Fixture *f, gconstpointer data);
gboolean drained_but_rejected (Fixture *f, gconstpointer data);
gboolean showed_error (Fixture *f, gconstpointer data);
gboolean warned (Fixture *f, gconstpointer data);
gboolean stat_at_least (Fixture *f, gconstpointer data);
gboolean has_error (Fixture *f, gconstpointer data);
gboolean pulled_some (Fixture *f, gconstpointer data);
gboolean pull_refused (Fixture *f, gconstpointer data);
void raw_pull_repeat (Fixture *f, const char *body);
void raw_pull_bytes (Fixture *f, const char *data, gsize len);
guint platform_rejected (Fixture *f, const char *section, const char *id, const char *code);
gboolean error_says (Fixture *f, gconstpointer data);
void fault_retry_after (Fixture *f, const char *mode, const char *path, const char *retry_after);
void assert_exactly_once (Fixture *f);

#define ADD(path, func, data)                                                                     \
  g_test_add (path, Fixture, data, fixture_set_up, func, fixture_tear_down)

/* g_test_init, the log handler, curl and the certificates; then g_test_run
 * and the clean-up around it. */
void nk_sync_fixture_init (int *argc, char ***argv);
int  nk_sync_fixture_run  (void);

G_END_DECLS
