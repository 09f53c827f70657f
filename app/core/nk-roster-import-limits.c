/* nk-roster-import-limits.c — how large a roster file may be: the file
 * read only when it is a regular file of at most NK_ROSTER_MAX_BYTES, and
 * its rows counted before any is checked, so that a file far past any
 * centre is refused at once rather than imported for minutes in
 * gigabytes. */
#define G_LOG_DOMAIN "nk-roster-import"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "nk-csv.h"
#include "nk-roster-import-private.h"

gboolean
nk_roster_import_row_is_blank (GPtrArray *fields)
{
  for (guint i = 0; i < fields->len; i++)
    {
      const char *f = g_ptr_array_index (fields, i);
      for (; *f != '\0'; f++)
        if (!g_ascii_isspace (*f))
          return FALSE;
    }
  return TRUE;
}

/* More than NK_ROSTER_MAX_ROWS rows after the header?  Lines are counted
 * first (a row is at least one line); only a file with that many lines
 * is read as CSV, to count its records without checking them. */
gboolean
nk_roster_import_too_many_rows (const char *text)
{
  g_autoptr(NkCsvReader) reader = NULL;
  GPtrArray *fields = NULL;
  guint lines = 0;
  guint records = 0;
  guint line = 0;

  for (const char *p = text; (p = strchr (p, '\n')) != NULL; p++)
    if (++lines > NK_ROSTER_MAX_ROWS)
      break;
  if (lines <= NK_ROSTER_MAX_ROWS)
    return FALSE;

  reader = nk_csv_reader_new (text, -1);
  while (nk_csv_reader_next (reader, &fields, &line, NULL))
    {
      g_autoptr(GPtrArray) owned = fields;

      if (!nk_roster_import_row_is_blank (fields) && ++records > NK_ROSTER_MAX_ROWS + 1)
        return TRUE;
    }
  return FALSE;
}

gboolean
nk_roster_import_read_file (const char *path, char **data, gsize *len, GError **error)
{
  g_autoptr(GError) local = NULL;
  GStatBuf st;

  g_return_val_if_fail (path != NULL && data != NULL && len != NULL, FALSE);

  *data = NULL;
  *len = 0;
  if (g_stat (path, &st) != 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "%s: %s", path,
                   g_strerror (saved));
      return FALSE;
    }
  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL, _("%s is not a regular file"), path);
      return FALSE;
    }
  if (st.st_size > NK_ROSTER_MAX_BYTES)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                   _("%s is larger than %u MiB; a roster is far smaller (see docs/admin.md)"), path,
                   NK_ROSTER_MAX_BYTES / (1024 * 1024));
      return FALSE;
    }
  if (!g_file_get_contents (path, data, len, &local))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  return TRUE;
}
