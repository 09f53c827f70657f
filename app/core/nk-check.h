/* nk-check.h — checks of single values received from the network, shared
 * by the pull (nk-pull.c) and the relayed records (nk-relay.c).  Nothing
 * from the network is trusted. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Ids of the contract: 1–64 of A–Z a–z 0–9 . _ : - */
#define NK_CHECK_MAX_ID 64

gboolean nk_check_is_id   (const char *s);
/* Valid UTF-8, no control characters (nor U+2028/2029), at most max
 * characters, and at least one that is not a space when required. */
gboolean nk_check_is_text (const char *s, gint64 max, gboolean required);
/* "YYYY-MM-DD", a real date from 1900 on; date is set when not NULL. */
gboolean nk_check_date    (const char *s, GDate *date);

G_END_DECLS
