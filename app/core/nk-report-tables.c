/* nk-report-tables.c — each report's figures as the tables its CSV and
 * PDF print: the columns (docs/admin.md "report" lists them) and their
 * rows. */
#define G_LOG_DOMAIN "nk-report"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "nk-report-private.h"
#include "nk-types.h"

#define ROW(...) ((const char *const[]) { __VA_ARGS__ })

static char *
count (guint n)
{
  return g_strdup_printf ("%u", n);
}

/* ---- attendance ------------------------------------------------------------- */

static const NkReportColumn child_columns[] = {
  { N_("Child ID"), 0.14, FALSE },
  { N_("Name"), 0.22, FALSE },
  { N_("Room"), 0.18, FALSE },
  { N_("Days present"), 0.14, TRUE },
  { N_("Hours in care"), 0.15, TRUE },
  { N_("Stays not measured"), 0.17, TRUE },
};

static const NkReportColumn room_columns[] = {
  { N_("Room"), 0.28, FALSE },
  { N_("Places"), 0.10, TRUE },
  { N_("Children present"), 0.15, TRUE },
  { N_("Child-days present"), 0.15, TRUE },
  { N_("Hours in care"), 0.15, TRUE },
  { N_("Stays not measured"), 0.17, TRUE },
};

static void
add_room_row (NkReportTable *table, const NkReportRoom *room, const char *name, gboolean total)
{
  g_autofree char *places = room->places > 0 ? count (room->places) : g_strdup ("");
  g_autofree char *children = count (room->children);
  g_autofree char *days = count (room->days);
  g_autofree char *hours = nk_report_format_hours (room->minutes);
  g_autofree char *unmeasured = count (room->unmeasured);

  nk_report_table_add (table, total, ROW (name, places, children, days, hours, unmeasured));
}

void
nk_report_tables_attendance (const NkReport *report, GPtrArray *tables)
{
  NkReportTable *per_child = nk_report_table_new (_("Per child"), child_columns, G_N_ELEMENTS (child_columns));
  NkReportTable *per_room = nk_report_table_new (_("Per room and for the centre"), room_columns,
                                                 G_N_ELEMENTS (room_columns));

  for (guint i = 0; i < report->children->len; i++)
    {
      NkReportChild *child = report->children->pdata[i];
      g_autofree char *days = count (child->days);
      g_autofree char *hours = nk_report_format_hours (child->minutes);
      g_autofree char *unmeasured = count (child->unmeasured);

      nk_report_table_add (per_child, FALSE,
                           ROW (child->child_id, child->name, child->room_name, days, hours, unmeasured));
    }
  for (guint i = 0; i < report->rooms->len; i++)
    {
      NkReportRoom *room = report->rooms->pdata[i];

      add_room_row (per_room, room, room->room_name, FALSE);
    }
  add_room_row (per_room, &report->total, _("Centre total"), TRUE);
  g_ptr_array_add (tables, per_child);
  g_ptr_array_add (tables, per_room);
}

/* ---- utilisation -------------------------------------------------------------- */

static const NkReportColumn room_day_columns[] = {
  { N_("Date"), 0.18, FALSE },
  { N_("Room"), 0.26, FALSE },
  { N_("Places"), 0.14, TRUE },
  { N_("Children present"), 0.20, TRUE },
  { N_("Utilisation (%)"), 0.22, TRUE },
};

static const NkReportColumn room_month_columns[] = {
  { N_("Room"), 0.26, FALSE },
  { N_("Places"), 0.14, TRUE },
  { N_("Days open"), 0.16, TRUE },
  { N_("Average present"), 0.20, TRUE },
  { N_("Utilisation (%)"), 0.24, TRUE },
};

/* present: child-days; place_days: places summed over the days open. */
static void
add_month_row (NkReportTable *table, const char *name, guint places, guint days, guint present,
               guint place_days, gboolean total)
{
  g_autofree char *places_text = places > 0 ? count (places) : g_strdup ("");
  g_autofree char *days_text = count (days);
  /* present ÷ days, to a tenth */
  g_autofree char *average = days > 0 ? nk_report_format_percent (present, days * 100) : g_strdup ("");
  g_autofree char *share = nk_report_format_percent (present, place_days);

  nk_report_table_add (table, total, ROW (name, places_text, days_text, average, share));
}

void
nk_report_tables_utilisation (const NkReport *report, GPtrArray *tables)
{
  NkReportTable *per_day = nk_report_table_new (_("Per room and day the centre was open"), room_day_columns,
                                                G_N_ELEMENTS (room_day_columns));
  NkReportTable *per_month = nk_report_table_new (_("The month, per room and for the centre"),
                                                  room_month_columns, G_N_ELEMENTS (room_month_columns));
  guint total_places = 0, total_present = 0, place_days = 0, open_days = 0;

  for (guint i = 0; i < report->room_days->len; i++)
    {
      NkReportRoomDay *day = report->room_days->pdata[i];
      g_autofree char *places = day->places > 0 ? count (day->places) : g_strdup ("");
      g_autofree char *present = count (day->present);
      g_autofree char *share = nk_report_format_percent (day->present, day->places);

      nk_report_table_add (per_day, FALSE, ROW (day->date, day->room_name, places, present, share));
    }

  for (guint i = 0; i < report->rooms->len; i++)
    {
      NkReportRoom *room = report->rooms->pdata[i];
      guint days = 0;

      for (guint j = 0; j < report->room_days->len; j++)
        if (strcmp (((NkReportRoomDay *) report->room_days->pdata[j])->room_id, room->room_id) == 0)
          days++;
      if (days == 0)
        continue;
      add_month_row (per_month, room->room_name, room->places, days, room->days, room->places * days, FALSE);
      total_places += room->places;
    }
  /* the centre's share, as the trends count it */
  nk_report_utilisation_between (report, report->month.first, report->month.next, &total_present, &place_days,
                                 &open_days);
  add_month_row (per_month, _("Centre total"), total_places, open_days, total_present, place_days, TRUE);
  g_ptr_array_add (tables, per_day);
  g_ptr_array_add (tables, per_month);
}

/* ---- staff ---------------------------------------------------------------------- */

static const NkReportColumn staff_columns[] = {
  { N_("Staff ID"), 0.12, FALSE },
  { N_("Name"), 0.17, FALSE },
  { N_("Role"), 0.12, FALSE },
  { N_("Certificate"), 0.19, FALSE },
  { N_("Days clocked"), 0.12, TRUE },
  { N_("Hours clocked"), 0.13, TRUE },
  { N_("Clock-ins not measured"), 0.15, TRUE },
};

static const NkReportColumn share_columns[] = {
  { N_("Caregivers"), 0.18, TRUE },
  { N_("Certified"), 0.18, TRUE },
  { N_("Certificate share (%)"), 0.22, TRUE },
  { N_("Target (%)"), 0.18, TRUE },
  { N_("Meets the target"), 0.24, FALSE },
};

void
nk_report_tables_staff (const NkReport *report, GPtrArray *tables)
{
  NkReportTable *per_staff = nk_report_table_new (_("Per member of staff"), staff_columns,
                                                  G_N_ELEMENTS (staff_columns));
  NkReportTable *share = nk_report_table_new (_("Certificate share of caregivers"), share_columns,
                                              G_N_ELEMENTS (share_columns));
  g_autofree char *caregivers = count (report->caregivers);
  g_autofree char *certified = count (report->certified);
  g_autofree char *percent = nk_report_format_percent (report->certified, report->caregivers);
  g_autofree char *target = count (NK_REPORT_CERTIFICATE_TARGET_PCT);

  for (guint i = 0; i < report->staff->len; i++)
    {
      NkReportStaff *staff = report->staff->pdata[i];
      NkStaffRole role;
      const char *role_text = nk_staff_role_from_string (staff->role, &role) ? nk_staff_role_label (role)
                                                                              : staff->role;
      g_autofree char *days = count (staff->days);
      g_autofree char *hours = nk_report_format_hours (staff->minutes);
      g_autofree char *unmeasured = count (staff->unmeasured);

      nk_report_table_add (per_staff, FALSE, ROW (staff->staff_id, staff->name, role_text,
                                                  staff->certificate, days, hours, unmeasured));
    }
  nk_report_table_add (share, TRUE, ROW (caregivers, certified, percent, target,
                                         nk_report_certificates_meet_target (report->certified, report->caregivers)
                                           ? _("yes") : _("no")));
  g_ptr_array_add (tables, per_staff);
  g_ptr_array_add (tables, share);
}

/* ---- health ---------------------------------------------------------------------- */

static const NkReportColumn checkup_columns[] = {
  { N_("Child ID"), 0.11, FALSE },
  { N_("Name"), 0.15, FALSE },
  { N_("Room"), 0.21, FALSE },
  { N_("Check-up"), 0.13, FALSE },
  { N_("Due date"), 0.14, FALSE },
  { N_("Status"), 0.10, FALSE },
  { N_("Done on"), 0.16, FALSE },
};

static const NkReportColumn coverage_columns[] = {
  { N_("Children on the roster"), 0.18, TRUE },
  { N_("Up to date"), 0.18, TRUE },
  { N_("Coverage (%)"), 0.20, TRUE },
  { N_("Check-ups overdue"), 0.20, TRUE },
  { N_("Due, not done"), 0.24, TRUE },
};

static const NkReportColumn absence_columns[] = {
  { N_("Child ID"), 0.11, FALSE },
  { N_("Name"), 0.15, FALSE },
  { N_("Room"), 0.18, FALSE },
  { N_("Away from"), 0.13, FALSE },
  { N_("Until"), 0.13, FALSE },
  { N_("Days this month"), 0.12, TRUE },
  { N_("Symptoms"), 0.18, FALSE },
};

static const NkReportColumn outbreak_columns[] = {
  { N_("Scope"), 0.10, FALSE },
  { N_("Room"), 0.20, FALSE },
  { N_("Symptom"), 0.16, FALSE },
  { N_("Children counted"), 0.10, TRUE },
  { N_("From"), 0.14, FALSE },
  { N_("To"), 0.14, FALSE },
  { N_("Acknowledged"), 0.16, FALSE },
};

static void
add_absences (const NkReport *report, GPtrArray *tables)
{
  NkReportTable *table = nk_report_table_new (_("Illness absences"), absence_columns,
                                              G_N_ELEMENTS (absence_columns));
  g_autoptr(GHashTable) children = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *children_text = NULL;
  g_autofree char *days_text = NULL;
  guint days = 0;

  for (guint i = 0; i < report->absences->len; i++)
    {
      NkReportAbsence *absence = report->absences->pdata[i];
      g_autofree char *n = count (absence->days);

      days += absence->days;
      g_hash_table_add (children, absence->child_id);
      nk_report_table_add (table, FALSE, ROW (absence->child_id, absence->name, absence->room_name,
                                              absence->from_date, absence->until_date, n, absence->symptoms));
    }
  /* TRANSLATORS: the total row of the illness absences */
  children_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u child", "%u children",
                                                g_hash_table_size (children)),
                                   g_hash_table_size (children));
  days_text = count (days);
  nk_report_table_add (table, TRUE, ROW (_("Total"), children_text, "", "", "", days_text, ""));
  g_ptr_array_add (tables, table);
}

static void
add_outbreaks (const NkReport *report, GPtrArray *tables)
{
  NkReportTable *table = nk_report_table_new (_("Suspected outbreaks"), outbreak_columns,
                                              G_N_ELEMENTS (outbreak_columns));

  for (guint i = 0; i < report->outbreaks->len; i++)
    {
      NkReportOutbreak *outbreak = report->outbreaks->pdata[i];
      g_autofree char *n = count (outbreak->n_children);
      gboolean centre = g_strcmp0 (outbreak->scope, "centre") == 0;

      nk_report_table_add (table, FALSE,
                           ROW (centre ? _("centre") : _("room"), centre ? "" : outbreak->room_name,
                                outbreak->symptom, n, outbreak->from_date, outbreak->to_date,
                                outbreak->acknowledged != NULL ? outbreak->acknowledged : _("not yet")));
    }
  g_ptr_array_add (tables, table);
}

static const char *
status_label (const char *status)
{
  if (g_strcmp0 (status, "overdue") == 0)
    return _("overdue");
  if (g_strcmp0 (status, "due") == 0)
    return _("due");
  return _("done");
}

void
nk_report_tables_health (const NkReport *report, GPtrArray *tables)
{
  NkReportTable *list = nk_report_table_new (_("Check-ups due by the end of the month"), checkup_columns,
                                             G_N_ELEMENTS (checkup_columns));
  NkReportTable *coverage = nk_report_table_new (_("Check-up coverage"), coverage_columns,
                                                 G_N_ELEMENTS (coverage_columns));
  guint overdue = 0, due = 0;
  g_autofree char *children = count (report->health_children);
  g_autofree char *covered = count (report->health_covered);
  g_autofree char *share = nk_report_format_percent (report->health_covered, report->health_children);
  g_autofree char *overdue_text = NULL;
  g_autofree char *due_text = NULL;

  for (guint i = 0; i < report->checkups->len; i++)
    {
      NkReportCheckup *checkup = report->checkups->pdata[i];
      g_autofree char *which = checkup->months == 0 ? g_strdup (_("entry"))
                               /* TRANSLATORS: the check-up at this age */
                               : g_strdup_printf (_("%u months"), checkup->months);

      overdue += g_strcmp0 (checkup->status, "overdue") == 0;
      due += g_strcmp0 (checkup->status, "due") == 0;
      nk_report_table_add (list, FALSE, ROW (checkup->child_id, checkup->name, checkup->room_name, which,
                                             checkup->due_date, status_label (checkup->status),
                                             checkup->done_on));
    }
  overdue_text = count (overdue);
  due_text = count (due);
  nk_report_table_add (coverage, TRUE, ROW (children, covered, share, overdue_text, due_text));
  g_ptr_array_add (tables, list);
  g_ptr_array_add (tables, coverage);
  add_absences (report, tables);
  add_outbreaks (report, tables);
}
