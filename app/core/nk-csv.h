/* nk-csv.h — a small RFC 4180 reader and writer for the roster import
 * and the attendance export.  Accepts a UTF-8 byte order mark, CRLF or
 * LF line ends, quoted fields with commas, doubled quotes and line
 * breaks; skips empty lines.  Every record knows the line it began on. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define NK_CSV_ERROR (nk_csv_error_quark ())
GQuark nk_csv_error_quark (void);

typedef enum {
  NK_CSV_ERROR_UNTERMINATED_QUOTE, /* a quoted field runs to the end of the file */
  NK_CSV_ERROR_BAD_QUOTE,          /* text after a closing quote, or a quote inside a bare field */
  NK_CSV_ERROR_BAD_ENCODING,       /* not UTF-8 */
} NkCsvError;

typedef struct _NkCsvReader NkCsvReader;

/* Reads from data (len bytes, or NUL-terminated when len < 0); the data
 * is copied.  A UTF-8 byte order mark at the start is skipped. */
NkCsvReader *nk_csv_reader_new  (const char *data, gssize len);
void         nk_csv_reader_free (NkCsvReader *self);

/* The next record: an array of UTF-8 strings (fields, never NULL) and the
 * 1-based line it starts on.  Returns FALSE at the end (error unset) or
 * on a syntax error (error set, saying what is wrong, and *line_out set
 * to the line it is on); after an error the reader stays at its end.
 * Lines with nothing on them are skipped. */
gboolean     nk_csv_reader_next (NkCsvReader *self, GPtrArray **fields_out,
                                 guint *line_out, GError **error);

/* Appends one field to a CSV line, quoted when it holds a comma, a
 * quote or a line break. */
void         nk_csv_append_field (GString *line, const char *field);
/* Appends fields separated by commas and ended by CRLF. */
void         nk_csv_append_row   (GString *out, const char *const *fields, guint n_fields);
/* A copy of text that a spreadsheet will not read as a formula: one
 * beginning with =, +, - or @ is prefixed with '. */
char        *nk_csv_spreadsheet_safe (const char *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NkCsvReader, nk_csv_reader_free)

G_END_DECLS
