/* nk-sleep-report.c — the gaps in the day's sleep checks
 * (nk-sleep-report.h). */
#define G_LOG_DOMAIN "nk-core"

#include "config.h"

#include <glib/gi18n.h>

#include "nk-kind.h"
#include "nk-nap.h"
#include "nk-sleep-check.h"
#include "nk-sleep-report.h"
#include "nk-store-private.h"

void
nk_sleep_report_nap_free (NkSleepReportNap *nap)
{
  if (nap == NULL)
    return;
  g_free (nap->child_id);
  g_free (nap->child_name);
  g_free (nap->room_id);
  g_free (nap->room_name);
  g_free (nap->nap_id);
  g_array_unref (nap->gaps);
  g_free (nap);
}

static void
add_gap (NkSleepReportNap *nap, gint64 from_us, gint64 to_us, gint64 interval_us)
{
  NkSleepGap gap = { from_us, to_us };

  if (to_us - from_us > interval_us)
    g_array_append_val (nap->gaps, gap);
}

/* The nap's checks in time order, and the gaps between them.  The checks
 * are the child's within the nap: the one that ended it corrected the
 * row the checks named. */
static gboolean
load_checks (NkStore *store, NkSleepReportNap *nap, gint64 checks_until_us, gint64 until_us,
             gint64 interval_us, GError **error)
{
  sqlite3_stmt *stmt;
  gint64 last = nap->start_us;
  int rc;

  stmt = nk_store_prepare (store,
                           "SELECT sleep_checks.at_us, sleep_checks.flagged FROM sleep_checks "
                           "WHERE sleep_checks.child_id = :child AND sleep_checks.at_us BETWEEN :start AND :until "
                           "  AND " NK_KIND_STANDS ("sleep_checks") " ORDER BY sleep_checks.at_us",
                           error);
  if (stmt == NULL
      || !nk_store_bind (store, stmt, error, NK_TEXT (":child", nap->child_id),
                         NK_INT (":start", nap->start_us), NK_INT (":until", checks_until_us), NK_END))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 at = sqlite3_column_int64 (stmt, 0);

      add_gap (nap, last, at, interval_us);
      last = at;
      nap->n_checks++;
      nap->n_flagged += sqlite3_column_int (stmt, 1) != 0;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      nk_store_set_error (store, error, _("Cannot read the sleep checks"));
      return FALSE;
    }
  /* a nap still going on ends now, or at its last check when this clock
   * is behind the one that checked */
  if (nap->end_us == 0)
    until_us = MIN (MAX (until_us, last), nap->start_us + NK_NAP_MAX_US);
  if (until_us > last)
    add_gap (nap, last, until_us, interval_us);
  return TRUE;
}

static NkSleepReportNap *
nap_from_row (sqlite3_stmt *stmt)
{
  NkSleepReportNap *nap = g_new0 (NkSleepReportNap, 1);

  nap->nap_id = nk_column_dup (stmt, 0);
  nap->child_id = nk_column_dup (stmt, 1);
  nap->child_name = nk_column_dup (stmt, 2);
  nap->room_name = nk_column_dup (stmt, 3);
  nap->start_us = sqlite3_column_int64 (stmt, 4);
  nap->end_us = sqlite3_column_type (stmt, 5) == SQLITE_NULL ? 0 : sqlite3_column_int64 (stmt, 5);
  nap->room_id = nk_column_dup (stmt, 6);
  nap->gaps = g_array_new (FALSE, FALSE, sizeof (NkSleepGap));
  return nap;
}

GPtrArray *
nk_sleep_report_load (NkStore    *store,
                      NkCentre   *centre,
                      const char *date,
                      const char *child_id,
                      gint64      interval_us,
                      GError    **error)
{
  guint kinds = nk_sleep_settings_get ()->room_kinds;
  g_autoptr (GPtrArray) naps = g_ptr_array_new_with_free_func ((GDestroyNotify) nk_sleep_report_nap_free);
  gint64 now = nk_centre_now (centre);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (NK_IS_STORE (store) && NK_IS_CENTRE (centre) && date != NULL, NULL);

  /* one child asked by name is reported whatever the room */
  stmt = nk_store_prepare (store,
                           "SELECT naps.id, naps.child_id, ch.name, r.name, naps.start_us, naps.end_us, ch.room_id "
                           "FROM naps JOIN children ch ON ch.id = naps.child_id "
                           "LEFT JOIN rooms r ON r.id = ch.room_id "
                           "WHERE naps.local_date = :date AND " NK_KIND_STANDS ("naps")
                           "  AND (:child IS NULL OR naps.child_id = :child) "
                           "  AND (:child IS NOT NULL OR (:infant AND r.kind = 'infant') "
                           "       OR (:toddler AND r.kind = 'toddler') "
                           "       OR (:senior AND r.kind = 'senior')) "
                           "ORDER BY ch.name, naps.child_id, naps.start_us",
                           error);
  if (stmt == NULL
      || !nk_store_bind (store, stmt, error, NK_TEXT (":date", date), NK_TEXT (":child", child_id),
                         NK_BOOL (":infant", kinds & NK_SLEEP_ROOM_BIT (NK_ROOM_INFANT)),
                         NK_BOOL (":toddler", kinds & NK_SLEEP_ROOM_BIT (NK_ROOM_TODDLER)),
                         NK_BOOL (":senior", kinds & NK_SLEEP_ROOM_BIT (NK_ROOM_SENIOR_TODDLER)),
                         NK_END))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (naps, nap_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      nk_store_set_error (store, error, _("Cannot read the naps"));
      return NULL;
    }
  for (guint i = 0; i < naps->len; i++)
    {
      NkSleepReportNap *nap = naps->pdata[i];
      /* a nap still going on is measured up to now, at most 24 h */
      gint64 until = nap->end_us != 0 ? nap->end_us : MIN (now, nap->start_us + NK_NAP_MAX_US);

      /* the checks of a nap going on are those up to 24 h after its start */
      if (!load_checks (store, nap, nap->end_us != 0 ? nap->end_us : nap->start_us + NK_NAP_MAX_US,
                        until, interval_us, error))
        return NULL;
    }
  return g_steal_pointer (&naps);
}

static void
format_nap (GString *out, const NkSleepReportNap *nap, NkCentre *centre)
{
  g_autofree char *start = nk_centre_format_time (centre, nap->start_us);
  g_autofree char *end = nap->end_us != 0 ? nk_centre_format_time (centre, nap->end_us)
                                          /* TRANSLATORS: a nap's end in the report: not yet */
                                          : g_strdup (_("asleep"));

  /* TRANSLATORS: sleep report: child (id), room, nap from–to, checks made, on the front */
  g_string_append_printf (out, _("%s (%s), %s: nap %s–%s, %u checks, %u on the front"),
                          nap->child_name, nap->child_id, nap->room_name ? nap->room_name : "-",
                          start, end, nap->n_checks, nap->n_flagged);
  g_string_append_c (out, '\n');
  if (nap->gaps->len == 0)
    {
      /* TRANSLATORS: sleep report: every check in time */
      g_string_append_printf (out, "  %s\n", _("no gap longer than the interval"));
      return;
    }
  for (guint i = 0; i < nap->gaps->len; i++)
    {
      const NkSleepGap *gap = &g_array_index (nap->gaps, NkSleepGap, i);
      g_autofree char *from = nk_centre_format_time (centre, gap->from_us);
      g_autofree char *to = nk_centre_format_time (centre, gap->to_us);

      /* TRANSLATORS: sleep report: a gap between checks, from–to, minutes */
      g_string_append_printf (out, _("  gap %s–%s: %d min without a check"), from, to,
                              (int) ((gap->to_us - gap->from_us) / (60 * G_USEC_PER_SEC)));
      g_string_append_c (out, '\n');
    }
}

char *
nk_sleep_report_format (GPtrArray *naps,
                        NkCentre  *centre,
                        gint64     interval_us)
{
  GString *out = g_string_new (NULL);

  /* TRANSLATORS: sleep report heading: the interval between checks */
  g_string_append_printf (out, _("Sleep checks every %d min"),
                          (int) (interval_us / (60 * G_USEC_PER_SEC)));
  g_string_append_c (out, '\n');
  if (naps->len == 0)
    {
      /* TRANSLATORS: sleep report: nothing that date */
      g_string_append_printf (out, "%s\n", _("No naps in the rooms with sleep checks"));
      return g_string_free (out, FALSE);
    }
  for (guint i = 0; i < naps->len; i++)
    format_nap (out, naps->pdata[i], centre);
  return g_string_free (out, FALSE);
}
