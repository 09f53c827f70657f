/* admin-report.h — nursery-kiosk-admin report KIND --month YYYY-MM
 * [--format csv|pdf] [--output FILE] (docs/admin.md): a monthly report
 * (nk-report.h) as CSV or PDF. */
#pragma once

#include "admin-private.h"

G_BEGIN_DECLS

extern GOptionEntry admin_report_entries[];
int admin_report_check (Admin *admin, GStrv args);
int admin_report_run   (Admin *admin, NkStore *store, GStrv args);

#define ADMIN_REPORT_COMMAND \
  { "report", "report KIND --month YYYY-MM [--format csv|pdf] [--output FILE]", \
    N_("Write a monthly report as CSV or PDF: attendance, utilisation, staff or health"), \
    N_("attendance: days present and hours in care per child, room and centre (the\n" \
       "subsidy claims); utilisation: children present against places per room and\n" \
       "day; staff: hours clocked and the caregivers' certificate share (target 90 %);\n" \
       "health: check-ups due by the month's end, overdue, the coverage, illness\n" \
       "absences and suspected outbreaks.\n" \
       "The month is in the centre's time zone, this month or an earlier one.  CSV\n" \
       "headers follow the language (Chinese under zh_CN).  See docs/admin.md."), \
    FALSE, admin_report_check, admin_report_run, admin_report_entries }

G_END_DECLS
