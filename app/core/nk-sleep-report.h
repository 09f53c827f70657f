/* nk-sleep-report.h — the day's sleep-check report, per child and nap:
 * every gap longer than the interval between the nap's start and the
 * first check, between two checks, and between the last check and the
 * nap's end (or now, for a nap still going on).  Read by the admin tool
 * (sleep-report) and staff mode. */
#pragma once

#include "nk-centre.h"
#include "nk-store.h"

G_BEGIN_DECLS

typedef struct {
  gint64 from_us;
  gint64 to_us;
} NkSleepGap;

typedef struct {
  char   *child_id;
  char   *child_name;
  char   *room_id;
  char   *room_name;
  char   *nap_id;
  gint64  start_us;
  gint64  end_us;      /* 0: still asleep */
  guint   n_checks;
  guint   n_flagged;   /* checks that found an infant on the front */
  GArray *gaps;        /* NkSleepGap, in time order */
} NkSleepReportNap;

void       nk_sleep_report_nap_free (NkSleepReportNap *nap);

/* The naps of date ("YYYY-MM-DD") in the rooms with checks, of child_id
 * (NULL: every child), by child then start; gaps measured against
 * interval_us.  NkSleepReportNap*. */
GPtrArray *nk_sleep_report_load (NkStore *store, NkCentre *centre, const char *date,
                                 const char *child_id, gint64 interval_us, GError **error);

/* The report as text, one line per nap and per gap, in the centre's time
 * (translated; for the admin tool). */
char      *nk_sleep_report_format (GPtrArray *naps, NkCentre *centre, gint64 interval_us);

G_END_DECLS
