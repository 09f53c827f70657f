/* admin-checkups.h — nursery-kiosk-admin checkups --due-by YYYY-MM-DD
 * (docs/admin.md): the check-ups due on or before a date and not done, as
 * CSV (nk_checkup_due_csv). */
#pragma once

#include "admin-private.h"

G_BEGIN_DECLS

extern GOptionEntry admin_checkups_entries[];
int admin_checkups_check (Admin *admin, GStrv args);
int admin_checkups_run   (Admin *admin, NkStore *store, GStrv args);

#define ADMIN_CHECKUPS_COMMAND \
  { "checkups", "checkups --due-by YYYY-MM-DD", \
    N_("List the check-ups due on or before a date and not done, as CSV"), \
    N_("Columns: child_id, child_name, date_of_birth, due_date, age_months (the\n" \
       "check-up's age: 3, 6, 8, 12, 18, 24, 30 or 36; 0 for the entry check-up) and\n" \
       "status: due (in the month of --due-by) or overdue (before it).  Only active\n" \
       "children; see docs/admin.md for the schedule and when a result counts."), \
    FALSE, admin_checkups_check, admin_checkups_run, admin_checkups_entries }

G_END_DECLS
