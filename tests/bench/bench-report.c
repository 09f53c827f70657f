/* bench-report.c — the monthly attendance PDF of the benchmarks' centre
 * (2,000 children, a year of history): the figures read from the
 * database and the PDF made, for last month, five times.
 * Prints: report_pdf_ms=<median> max=… children=… pages=… kb=… */
#include "config.h"

#include <string.h>

#include "bench-data.h"
#include "core/nk-report-pdf.h"
#include "core/nk-report.h"
#include "nk-test-util.h"

#define RUNS 5

int
main (int argc, char *argv[])
{
  g_autofree char *dir = g_dir_make_tmp ("nk-bench-report-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "kiosk.db", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (NkStore) store = NULL;
  g_autoptr (GTimeZone) tz = g_time_zone_new_identifier ("Asia/Shanghai");
  g_autoptr (GDateTime) now = g_date_time_new_now (tz);
  g_autoptr (GDateTime) last = g_date_time_add_months (now, -1);
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *month_text = g_date_time_format (last, "%Y-%m");
  g_autoptr (GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  NkReportMonth month;
  guint children = 0, pages = 0;
  gsize size = 0;
  gint64 t0;

  t0 = g_get_monotonic_time ();
  if (!nk_bench_make_centre (path, 2000, 365, &error))
    g_error ("cannot make the centre: %s", error->message);
  g_print ("# centre made in %.1f s\n", (g_get_monotonic_time () - t0) / 1e6);
  store = nk_store_open (path, &error);
  g_assert_no_error (error);
  if (!nk_report_month_parse (month_text, today, &month, &error))
    g_error ("%s", error->message);

  for (guint i = 0; i < RUNS; i++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr (NkReport) report = nk_report_build (store, NK_REPORT_ATTENDANCE, &month, today,
                                                     "阳光托育中心", &error);
      g_autoptr (GBytes) pdf = NULL;
      double ms;

      g_assert_no_error (error);
      pdf = nk_report_pdf (report, &error);
      g_assert_no_error (error);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (samples, ms);

      children = report->children->len;
      size = g_bytes_get_size (pdf);
      /* each page has one /Type /Page object */
      pages = 0;
      for (const char *p = g_bytes_get_data (pdf, NULL), *end = p + size;
           (p = memchr (p, '/', end - p)) != NULL && end - p > 11; p++)
        if (memcmp (p, "/Type /Page", 11) == 0 && p[11] != 's')
          pages++;
    }

  g_print ("report_pdf_ms=%.0f max=%.0f month=%s children=%u pages=%u kb=%zu\n",
           nk_bench_percentile (samples, 50), nk_bench_percentile (samples, 100), month_text, children,
           pages, size / 1024);
  g_clear_object (&store);
  nk_test_dir_remove (dir);
  return 0;
}
