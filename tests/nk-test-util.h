/* nk-test-util.h — what the core tests share: a database in a temporary
 * directory that is removed afterwards, counting rows, clocks the test
 * moves by hand, and a small centre with its door on such a clock. */
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
/* Asserts that the text of the first row an SQL query returns is expected. */
void     nk_test_assert_text (NkStore *store, const char *sql, const char *expected);

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

/* 2026-11-23 08:00 in Shanghai (00:00 UTC), a Monday: where the tests'
 * days start. */
#define NK_TEST_MONDAY_8AM_US (G_GINT64_CONSTANT (1795392000) * G_USEC_PER_SEC)

/* A door over store in Shanghai on clock, set first to real_us on the
 * wall and 1000 s on the monotonic clock. */
NkDoor  *nk_test_door_at    (NkStore *store, NkTestClock *clock, gint64 real_us);
/* The demo centre (nk_demo_seed) in a new store (as nk_test_store_new)
 * and its door at NK_TEST_MONDAY_8AM_US on clock. */
NkDoor  *nk_test_demo_door  (const char *name, NkTestClock *clock, NkStore **store_out, char **dir_out);
/* Drops a test's door and store, removes its directory and frees the
 * name. */
void     nk_test_door_close (NkDoor **door, NkStore **store, char **dir);
/* A card tapped at door, which must answer. */
NkTapResult *nk_test_tap    (NkDoor *door, const char *uid);

/* The toddler room r1 "Toddlers" (15 places) with An (c1, born
 * 2025-05-23) and Bo (c2, born 2024-12-01). */
void     nk_test_put_toddlers    (NkStore *store);
/* Cards 04000001 … for the children c1 … cn. */
void     nk_test_put_child_cards (NkStore *store, guint n);

/* Applies one relayed event (the platform's JSON) to store "to" in a
 * transaction of its own; FALSE with error (rolled back) when refused. */
gboolean nk_test_relay_apply (NkStore *to, const char *json, GError **error);
/* from's pending events of type go to "to" as the platform relays them
 * (one sent before is a duplicate there); how many. */
guint    nk_test_relay       (NkStore *from, NkStore *to, const char *type);

G_END_DECLS
