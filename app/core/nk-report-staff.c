/* nk-report-staff.c — the staff figures of a month: hours clocked per
 * member of staff and the caregivers' certificate share (nk-report.h). */
#define G_LOG_DOMAIN "nk-report"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "nk-report-private.h"

static const char clock_sql[] =
  "SELECT staff_id, kind, at_us, local_date, coalesce (room_id, '')"
  "  FROM staff_clock"
  " WHERE local_date >= :first AND local_date <= :next"
  " ORDER BY staff_id, order_us, id";

static void
staff_free (gpointer data)
{
  NkReportStaff *staff = data;

  g_free (staff->staff_id);
  g_free (staff->name);
  g_free (staff->role);
  g_free (staff->certificate);
  g_free (staff);
}

gboolean
nk_report_certificates_meet_target (guint certified, guint caregivers)
{
  /* in whole numbers: 9 × 100 ≥ 90 × 10 */
  return caregivers > 0 && (guint64) certified * 100 >= (guint64) NK_REPORT_CERTIFICATE_TARGET_PCT * caregivers;
}

static gboolean
has_certificate (const char *certificate)
{
  g_autofree char *text = g_strstrip (g_strdup (certificate != NULL ? certificate : ""));

  return text[0] != '\0';
}

static int
role_rank (const char *role)
{
  static const char *const roles[] = { "director", "health", "caregiver" };

  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    if (g_strcmp0 (role, roles[i]) == 0)
      return (int) i;
  return G_N_ELEMENTS (roles);
}

static int
compare_staff (gconstpointer a, gconstpointer b)
{
  const NkReportStaff *x = *(NkReportStaff *const *) a, *y = *(NkReportStaff *const *) b;
  int c = role_rank (x->role) - role_rank (y->role);

  if (c == 0)
    c = g_utf8_collate (x->name, y->name);
  return c != 0 ? c : strcmp (x->staff_id, y->staff_id);
}

static NkReportStaff *
staff_new (const char *id, const char *name, const char *role, const char *certificate)
{
  NkReportStaff *staff = g_new0 (NkReportStaff, 1);

  staff->staff_id = g_strdup (id);
  staff->name = g_strdup (name != NULL ? name : id);
  staff->role = g_strdup (role != NULL ? role : "");
  staff->certificate = g_strdup (certificate);
  return staff;
}

typedef struct {
  NkReport   *report;
  GHashTable *by_id;    /* id → NkReportStaff (in all) */
  GHashTable *listed;   /* the staff the report lists */
  GPtrArray  *all;
} Roster;

static void
staff_row (sqlite3_stmt *row, gpointer data)
{
  Roster *roster = data;
  NkReportStaff *staff = staff_new ((const char *) sqlite3_column_text (row, 0),
                                    (const char *) sqlite3_column_text (row, 1),
                                    (const char *) sqlite3_column_text (row, 2),
                                    (const char *) sqlite3_column_text (row, 3));
  gboolean active = sqlite3_column_int (row, 4) != 0;

  g_ptr_array_add (roster->all, staff);
  g_hash_table_insert (roster->by_id, staff->staff_id, staff);
  if (active)
    g_hash_table_add (roster->listed, staff);
  /* the share is of the caregivers on the roster now */
  if (active && strcmp (staff->role, "caregiver") == 0)
    {
      roster->report->caregivers++;
      if (has_certificate (staff->certificate))
        roster->report->certified++;
    }
}

gboolean
nk_report_build_staff (NkReport *report, NkStore *store, GError **error)
{
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) listed = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (staff_free);
  g_autoptr(GPtrArray) days = NULL;
  Roster roster = { report, by_id, listed, all };

  report->staff = g_ptr_array_new_with_free_func (staff_free);

  if (!nk_report_each_row (store, "SELECT id, name, role, certificate, active FROM staff", NULL,
                           _("Cannot read the roster"), staff_row, &roster, error))
    return FALSE;

  days = nk_report_read_days (store, clock_sql, &report->month, _("Cannot read the staff clock"), error);
  if (days == NULL)
    return FALSE;
  for (guint i = 0; i < days->len; i++)
    {
      NkReportDay *day = days->pdata[i];
      NkReportStaff *staff = g_hash_table_lookup (by_id, day->person);

      if (staff == NULL)
        {
          /* clocked, and no longer on the roster */
          staff = staff_new (day->person, NULL, NULL, NULL);
          g_ptr_array_add (all, staff);
          g_hash_table_insert (by_id, staff->staff_id, staff);
        }
      g_hash_table_add (listed, staff);
      staff->days++;
      staff->minutes += (day->minutes_us + 30 * G_USEC_PER_SEC) / (60 * G_USEC_PER_SEC);
      staff->unmeasured += day->unmeasured;
    }

  /* active staff and anyone who clocked this month */
  for (guint i = 0; i < all->len; i++)
    if (g_hash_table_contains (listed, all->pdata[i]))
      g_ptr_array_add (report->staff, g_ptr_array_steal_index_fast (all, i--));
  g_ptr_array_sort (report->staff, compare_staff);
  return TRUE;
}
