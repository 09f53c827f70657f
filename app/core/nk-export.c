/* nk-export.c — attendance as CSV for the subsidy claims. */
#define G_LOG_DOMAIN "nk-export"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "nk-csv.h"
#include "nk-export.h"
#include "nk-store-private.h"

gboolean
nk_export_valid_date (const char *text)
{
  guint64 year, month, day;
  char parts[3][5];

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;

  memcpy (parts[0], text, 4);
  parts[0][4] = '\0';
  memcpy (parts[1], text + 5, 2);
  parts[1][2] = '\0';
  memcpy (parts[2], text + 8, 2);
  parts[2][2] = '\0';

  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;

  if (!g_ascii_string_to_unsigned (parts[0], 10, 1, 9999, &year, NULL)
      || !g_ascii_string_to_unsigned (parts[1], 10, 1, 12, &month, NULL)
      || !g_ascii_string_to_unsigned (parts[2], 10, 1, 31, &day, NULL))
    return FALSE;

  return g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year);
}

static char *
format_local_time (gint64 at_us, GTimeZone *tz)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (at_us / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return g_strdup ("");
  local = g_date_time_to_timezone (utc, tz);
  return g_date_time_format (local, "%H:%M");
}

gboolean
nk_export_attendance (NkStore     *store,
                      GTimeZone   *tz,
                      const char  *from,
                      const char  *to,
                      const char  *today,
                      GString     *out,
                      guint       *n_rows,
                      GError     **error)
{
  static const char *header[] = {
    "child_id", "child_name", "room", "date", "check_in", "check_out", "status",
  };
  /* One row per child and local day with a check-in or a check-out; the
   * last in/out event of the day (by order time, nk-relay.h) says whether
   * the child went home.  The room is the one the attendance rows carry
   * (the child's room then). */
  static const char *sql =
    "SELECT a.child_id, coalesce(c.name, ''), coalesce(r.name, ''), a.local_date,"
    "       min(CASE WHEN a.kind = 'in' THEN a.at_us END),"
    "       max(CASE WHEN a.kind = 'out' THEN a.at_us END),"
    "       (SELECT b.kind FROM attendance b"
    "         WHERE b.child_id = a.child_id AND b.local_date = a.local_date"
    "           AND b.kind IN ('in', 'out')"
    "         ORDER BY b.order_us DESC, b.id DESC LIMIT 1)"
    "  FROM attendance a"
    "  LEFT JOIN children c ON c.id = a.child_id"
    /* the room the child was in that day, not the room of today */
    "  LEFT JOIN rooms r ON r.id = coalesce(a.room_id, c.room_id)"
    " WHERE a.local_date BETWEEN ?1 AND ?2 AND a.kind IN ('in', 'out')"
    " GROUP BY a.child_id, a.local_date"
    " ORDER BY a.local_date, coalesce(r.name, ''), coalesce(c.name, ''), a.child_id";
  sqlite3_stmt *stmt;
  g_autoptr(GString) body = g_string_new (NULL);
  guint rows = 0;
  int rc;

  g_return_val_if_fail (NK_IS_STORE (store), FALSE);
  g_return_val_if_fail (tz != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (!nk_export_valid_date (from) || !nk_export_valid_date (to))
    {
      g_set_error (error, NK_STORE_ERROR, NK_STORE_ERROR_INVALID,
                   _("Dates must be written YYYY-MM-DD (got “%s” and “%s”)"),
                   from ? from : "", to ? to : "");
      return FALSE;
    }
  if (strcmp (from, to) > 0)
    {
      g_set_error (error, NK_STORE_ERROR, NK_STORE_ERROR_INVALID,
                   _("The first date %s is after the last date %s"), from, to);
      return FALSE;
    }

  stmt = nk_store_prepare (store, sql, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, from, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, to, -1, SQLITE_TRANSIENT);

  g_string_append (body, "\xEF\xBB\xBF");
  nk_csv_append_row (body, header, G_N_ELEMENTS (header));

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *date = (const char *) sqlite3_column_text (stmt, 3);
      gboolean has_in = sqlite3_column_type (stmt, 4) != SQLITE_NULL;
      gboolean has_out = sqlite3_column_type (stmt, 5) != SQLITE_NULL;
      const char *last = (const char *) sqlite3_column_text (stmt, 6);
      g_autofree char *name = nk_csv_spreadsheet_safe ((const char *) sqlite3_column_text (stmt, 1));
      g_autofree char *room = nk_csv_spreadsheet_safe ((const char *) sqlite3_column_text (stmt, 2));
      g_autofree char *check_in = has_in ? format_local_time (sqlite3_column_int64 (stmt, 4), tz)
                                         : g_strdup ("");
      g_autofree char *check_out = has_out ? format_local_time (sqlite3_column_int64 (stmt, 5), tz)
                                           : g_strdup ("");
      const char *status;
      const char *row[7];

      if (!has_in)
        status = "no_check_in";
      else if (g_strcmp0 (last, "out") == 0)
        status = "present";
      else if (today != NULL && g_strcmp0 (date, today) >= 0)
        status = "in_care";
      else
        status = "not_checked_out";

      row[0] = (const char *) sqlite3_column_text (stmt, 0);
      row[1] = name;
      row[2] = room;
      row[3] = date;
      row[4] = check_in;
      row[5] = check_out;
      row[6] = status;
      nk_csv_append_row (body, row, G_N_ELEMENTS (row));
      rows++;
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      nk_store_set_error (store, error, _("Cannot read the attendance"));
      return FALSE;
    }

  g_string_append_len (out, body->str, body->len);
  if (n_rows != NULL)
    *n_rows = rows;
  return TRUE;
}

static int
compare_paths (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

/* Appends to folders the writable folders depth levels under root. */
static void
add_mounts (GPtrArray *folders, const char *root, guint depth)
{
  g_autoptr (GDir) dir = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (root == NULL || !g_file_test (root, G_FILE_TEST_IS_DIR))
    return;
  dir = g_dir_open (root, 0, &error);
  if (dir == NULL)
    {
      g_message ("Cannot list the removable media in %s: %s", root, error->message);
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_build_filename (root, name, NULL));
  g_ptr_array_sort (names, compare_paths);
  for (guint i = 0; i < names->len; i++)
    {
      const char *path = names->pdata[i];

      if (!g_file_test (path, G_FILE_TEST_IS_DIR))
        continue;
      if (depth > 1)
        add_mounts (folders, path, depth - 1);
      else if (g_access (path, W_OK) == 0)
        g_ptr_array_add (folders, g_strdup (path));
    }
}

GPtrArray *
nk_export_folders (const char *exports_dir, const char *media, const char *run_media)
{
  GPtrArray *folders = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (exports_dir != NULL, folders);

  if (g_mkdir_with_parents (exports_dir, 0700) != 0)
    g_message ("Cannot make the exports folder %s: %s", exports_dir, g_strerror (errno));
  else
    g_ptr_array_add (folders, g_strdup (exports_dir));
  add_mounts (folders, media, 1);
  add_mounts (folders, run_media, 2);
  return folders;
}
