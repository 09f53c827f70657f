/* nk-quote.c — bad values cut down to quote in a message. */
#define G_LOG_DOMAIN "nk-core"

#include "config.h"

#include <string.h>

#include "nk-quote.h"

char *
nk_quote_text (const char *text, gssize len, guint max_chars)
{
  GString *out = g_string_new (NULL);
  const char *p;
  const char *end;
  guint n = 0;

  if (text == NULL)
    text = "";
  if (len < 0)
    len = (gssize) strlen (text);
  p = text;
  end = text + len;

  while (p < end && n < max_chars)
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          g_string_append_c (out, '?');
          p++;
        }
      else
        {
          if (g_unichar_iscntrl (c) || c == 0x2028 || c == 0x2029)
            g_string_append_c (out, '?');
          else
            g_string_append_unichar (out, c);
          p = g_utf8_next_char (p);
        }
      n++;
    }
  if (p < end)
    g_string_append (out, "…");
  return g_string_free (out, FALSE);
}

char *
nk_quote_value (const char *value)
{
  return nk_quote_text (value, -1, NK_QUOTE_MAX_CHARS);
}
