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
/* The date days (may be negative) after s ("YYYY-MM-DD"); NULL when s is
 * not a real date. */
char    *nk_check_date_add (const char *s, int days);

/* "YYYY-MM-DDTHH:MM:SS.mmmZ", the contract's one form of a time; *out_us
 * (UTC µs) is set when not NULL. */
gboolean nk_check_time    (const char *s, gint64 *out_us);
/* date can be the centre's date at at_us (zones are at most a day from
 * UTC); any_earlier allows any earlier day too (a stay dated on the day
 * it began). */
gboolean nk_check_date_near (const GDate *date, gint64 at_us, gboolean any_earlier);

G_END_DECLS
