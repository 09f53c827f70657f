/* nk-quote.h — a value from outside (a configuration line, a roster
 * field) made fit to quote in a message: the first characters only,
 * valid UTF-8, no control characters. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How many characters of a bad value a message quotes. */
#define NK_QUOTE_MAX_CHARS 60

/* The first max_chars characters of text (len bytes, or NUL-terminated
 * when len < 0), invalid UTF-8 and control characters shown as "?", and
 * "…" when it was cut.  Never NULL. */
char *nk_quote_text  (const char *text, gssize len, guint max_chars);
/* nk_quote_text (value, -1, NK_QUOTE_MAX_CHARS). */
char *nk_quote_value (const char *value);

G_END_DECLS
