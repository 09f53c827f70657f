/* nk-csv.c — a small RFC 4180 reader and writer. */
#define G_LOG_DOMAIN "nk-csv"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "nk-csv.h"

struct _NkCsvReader {
  char    *data;
  gsize    len;
  gsize    pos;
  guint    line;      /* physical line of data[pos], 1-based */
  gboolean done;
};

G_DEFINE_QUARK (nk-csv-error-quark, nk_csv_error)

NkCsvReader *
nk_csv_reader_new (const char *data, gssize len)
{
  NkCsvReader *self = g_new0 (NkCsvReader, 1);

  if (data == NULL)
    len = 0;
  else if (len < 0)
    len = strlen (data);

  self->data = g_malloc (len + 1);
  if (len > 0)
    memcpy (self->data, data, len);
  self->data[len] = '\0';
  self->len = len;
  self->line = 1;

  if (self->len >= 3 && memcmp (self->data, "\xEF\xBB\xBF", 3) == 0)
    self->pos = 3;

  return self;
}

void
nk_csv_reader_free (NkCsvReader *self)
{
  if (self == NULL)
    return;
  g_free (self->data);
  g_free (self);
}

static inline int
peek (NkCsvReader *self, gsize offset)
{
  if (self->pos + offset >= self->len)
    return -1;
  return (guchar) self->data[self->pos + offset];
}

/* Consumes one line end (CRLF, LF or a lone CR) at pos, if any. */
static gboolean
eat_line_end (NkCsvReader *self)
{
  int c = peek (self, 0);

  if (c == '\r')
    {
      self->pos++;
      if (peek (self, 0) == '\n')
        self->pos++;
      self->line++;
      return TRUE;
    }
  if (c == '\n')
    {
      self->pos++;
      self->line++;
      return TRUE;
    }
  return FALSE;
}

static gboolean
fail (NkCsvReader *self, GError **error, guint line, guint *line_out,
      NkCsvError code, const char *message)
{
  self->done = TRUE;
  if (line_out != NULL)
    *line_out = line;
  g_set_error_literal (error, NK_CSV_ERROR, code, message);
  return FALSE;
}

/* Reads a quoted field; pos is just after the opening quote. */
static gboolean
read_quoted (NkCsvReader *self, GString *field, guint *line_out, GError **error)
{
  guint start_line = self->line;

  for (;;)
    {
      int c = peek (self, 0);

      if (c < 0)
        return fail (self, error, start_line, line_out, NK_CSV_ERROR_UNTERMINATED_QUOTE,
                     _("a quoted field is not closed before the end of the file"));

      if (c == '"')
        {
          if (peek (self, 1) == '"')
            {
              g_string_append_c (field, '"');
              self->pos += 2;
              continue;
            }
          self->pos++;
          break;
        }

      if (c == '\r' || c == '\n')
        {
          /* A line break inside a field is kept as a single '\n'. */
          eat_line_end (self);
          g_string_append_c (field, '\n');
          continue;
        }

      g_string_append_c (field, (char) c);
      self->pos++;
    }

  /* Spaces may follow the closing quote; then a separator or a line end. */
  while (peek (self, 0) == ' ' || peek (self, 0) == '\t')
    self->pos++;

  {
    int c = peek (self, 0);
    if (c >= 0 && c != ',' && c != '\r' && c != '\n')
      return fail (self, error, self->line, line_out, NK_CSV_ERROR_BAD_QUOTE,
                   _("text after the closing quote of a field (a quote inside a field must be doubled)"));
  }

  return TRUE;
}

gboolean
nk_csv_reader_next (NkCsvReader  *self,
                    GPtrArray   **fields_out,
                    guint        *line_out,
                    GError      **error)
{
  g_autoptr(GPtrArray) fields = NULL;
  guint start_line;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (fields_out != NULL, FALSE);

  *fields_out = NULL;

  if (self->done)
    return FALSE;

  /* Empty lines are skipped. */
  while (eat_line_end (self))
    ;

  if (self->pos >= self->len)
    {
      self->done = TRUE;
      return FALSE;
    }

  start_line = self->line;
  fields = g_ptr_array_new_with_free_func (g_free);

  for (;;)
    {
      g_autoptr(GString) field = g_string_new (NULL);
      gsize spaces = 0;
      int c;

      /* Spaces before an opening quote do not make the field bare. */
      while (peek (self, spaces) == ' ' || peek (self, spaces) == '\t')
        spaces++;

      if (peek (self, spaces) == '"')
        {
          self->pos += spaces + 1;
          if (!read_quoted (self, field, line_out, error))
            return FALSE;
        }
      else
        {
          /* A bare field runs to the next separator or line end; a stray
           * quote inside it is kept as it is. */
          while ((c = peek (self, 0)) >= 0 && c != ',' && c != '\r' && c != '\n')
            {
              g_string_append_c (field, (char) c);
              self->pos++;
            }
        }

      if (!g_utf8_validate (field->str, field->len, NULL))
        return fail (self, error, start_line, line_out, NK_CSV_ERROR_BAD_ENCODING,
                     _("the text is not UTF-8 (save the file as “CSV UTF-8”)"));

      g_ptr_array_add (fields, g_string_free (g_steal_pointer (&field), FALSE));

      c = peek (self, 0);
      if (c == ',')
        {
          self->pos++;
          continue;
        }

      /* End of the record: a line end or the end of the data. */
      eat_line_end (self);
      break;
    }

  if (line_out != NULL)
    *line_out = start_line;
  *fields_out = g_steal_pointer (&fields);
  return TRUE;
}

void
nk_csv_append_field (GString *line, const char *field)
{
  gboolean quote;

  g_return_if_fail (line != NULL);

  if (field == NULL)
    field = "";

  quote = strpbrk (field, ",\"\r\n") != NULL
          || field[0] == ' ' || field[0] == '\t'
          || (field[0] != '\0' && (field[strlen (field) - 1] == ' '
                                   || field[strlen (field) - 1] == '\t'));

  if (!quote)
    {
      g_string_append (line, field);
      return;
    }

  g_string_append_c (line, '"');
  for (const char *p = field; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (line, '"');
      g_string_append_c (line, *p);
    }
  g_string_append_c (line, '"');
}

void
nk_csv_append_row (GString *out, const char *const *fields, guint n_fields)
{
  g_return_if_fail (out != NULL);

  for (guint i = 0; i < n_fields; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      nk_csv_append_field (out, fields[i]);
    }
  g_string_append (out, "\r\n");
}

char *
nk_csv_spreadsheet_safe (const char *text)
{
  if (text != NULL && text[0] != '\0' && strchr ("=+-@", text[0]) != NULL)
    return g_strconcat ("'", text, NULL);
  return g_strdup (text != NULL ? text : "");
}
