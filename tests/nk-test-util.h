/* nk-test-util.h — what the core tests share: a database in a temporary
 * directory that is removed afterwards, counting rows, and clocks the test
 * moves by hand. */
#pragma once

#include "core/nk-store-private.h"
#include "core/nk-types.h"
#include "core/nk-door.h"

G_BEGIN_DECLS

/* A new store in a new temporary directory (*dir_out, to pass to
 * nk_test_dir_remove).  Fails the test when it cannot be made. */
NkStore *nk_test_store_new  (const char *name, char **dir_out);
/* Removes a directory made for a test, with every file in it. */
void     nk_test_dir_remove (const char *dir);
/* The single integer an SQL query returns (count (*) …). */
gint64   nk_test_count      (NkStore *store, const char *sql);
/* The text of the first row an SQL query returns; NULL for no row or NULL. */
char    *nk_test_text       (NkStore *store, const char *sql);

/* Wall and monotonic clocks under the test's control (NkClock data). */
typedef struct {
  gint64 real_us;
  gint64 mono_us;
} NkTestClock;

/* An NkClock reading clock. */
NkClock  nk_test_clock      (NkTestClock *clock);
/* Moves both clocks forward. */
void     nk_test_clock_advance (NkTestClock *clock, gint64 us);

/* A raw outbox row, for sync tests that need payloads core would never
 * make (product code records through nk-record.h only). */
gboolean nk_test_outbox_add (NkStore *store, const char *event_id, const char *type, gint64 at_us,
                             const char *payload_json, GError **error);

/* Iterates the default main context until cond (a, b) holds: FALSE after
 * a generous bound (never a timing assertion, only a guard against
 * hanging).  A 20 ms wake-up keeps conditions on clocks polled. */
typedef gboolean (*NkTestCond) (gpointer a, gconstpointer b);
gboolean nk_test_wait_until (NkTestCond cond, gpointer a, gconstpointer b);

/* A door over store for the centre's zone tz; clock may be NULL (the
 * system's). */
NkDoor  *nk_test_door_new   (NkStore *store, GTimeZone *tz, const NkClock *clock);

G_END_DECLS
