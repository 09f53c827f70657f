/* bench-data.h — the benchmarks' centre: 2,000 children and a year of
 * history, made quickly with SQL. */
#pragma once

#include "core/nk-store.h"

G_BEGIN_DECLS

/* Creates the database at path with n_children (nk_demo_seed_large) and `days` days of history before
 * today: a check-in and a check-out per child per weekday, each with its
 * outbox row already acknowledged, and staff clock rows. */
gboolean nk_bench_make_centre (const char *path, guint n_children, guint days, GError **error);

/* Card UIDs of the seeded children, for tapping. */
GPtrArray *nk_bench_child_cards (NkStore *store);

/* Resident set size of this process in MiB. */
double nk_bench_rss_mb (void);

/* Sorts and returns the p-th percentile (0–100) of samples in ms. */
double nk_bench_percentile (GArray *samples_ms, double p);

G_END_DECLS
