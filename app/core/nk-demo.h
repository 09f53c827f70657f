/* nk-demo.h — a believable centre for `nursery-kiosk --demo`, the tests
 * and the benchmarks: three rooms, ~40 children, guardians (some with two
 * children), staff and cards. */
#pragma once

#include "nk-store.h"

G_BEGIN_DECLS

/* A card the demo tap panel offers. */
typedef struct {
  char *uid;
  char *label;   /* translated, e.g. "Child card — 王小明" */
} NkDemoCard;

void       nk_demo_card_free (NkDemoCard *card);

/* Seeds the roster when the store has no children; returns FALSE on error. */
gboolean   nk_demo_seed (NkStore *store, GError **error);
/* Seeds n_children children (rooms scaled to fit) — for benchmarks. */
gboolean   nk_demo_seed_large (NkStore *store, guint n_children, GError **error);
/* Cards worth tapping in the demo: a child, a guardian of two children, a
 * guardian not authorised to pick up, a caregiver, the director, a lost
 * card and an unknown card.  NkDemoCard*. */
GPtrArray *nk_demo_cards (void);

/* Fixed UIDs the demo seeds (documented for the README and tests). */
#define NK_DEMO_UID_CHILD        "04A1B2C3"   /* 王小明's own card */
#define NK_DEMO_UID_GUARDIAN_TWO "04D5E6F7"   /* 李娜, mother of two */
#define NK_DEMO_UID_NO_PICKUP    "04101112"   /* a guardian who may drop off only */
#define NK_DEMO_UID_CAREGIVER    "04C0FFEE"   /* caregiver 张老师 */
#define NK_DEMO_UID_DIRECTOR     "04D1EC70"   /* director 陈园长 */
#define NK_DEMO_UID_LOST         "04BADBAD"   /* reported lost */
#define NK_DEMO_UID_UNKNOWN      "04999999"   /* not on the roster */

G_END_DECLS
