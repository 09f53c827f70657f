/* nk-checkup-schedule.c — the check-up schedule (nk-checkup.h "The
 * schedule"): due dates, windows, states, the lists and the CLI's CSV. */
#define G_LOG_DOMAIN "nk-core"

#include "config.h"

#include <glib/gi18n.h>

#include "nk-check.h"
#include "nk-checkup.h"
#include "nk-csv.h"
#include "nk-store-private.h"

static const guint ages[NK_CHECKUP_N_AGES] = { 3, 6, 8, 12, 18, 24, 30, 36 };
/* the window of the last check-up ends at this age, less one month */
#define LAST_WINDOW_END 48

guint
nk_checkup_age (guint i)
{
  g_return_val_if_fail (i < NK_CHECKUP_N_AGES, 0);
  return ages[i];
}

const char *
nk_checkup_status_to_string (NkCheckupStatus status)
{
  static const char *const names[] = { "done", "due", "overdue", "upcoming", "missed" };

  g_return_val_if_fail (status <= NK_CHECKUP_MISSED, "due");
  return names[status];
}

void
nk_checkup_add_months (const GDate *from, int months, GDate *out)
{
  int total = (int) g_date_get_year (from) * 12 + (int) g_date_get_month (from) - 1 + months;
  GDateYear year = (GDateYear) (total / 12);
  GDateMonth month = (GDateMonth) (total % 12 + 1);
  GDateDay day = MIN (g_date_get_day (from), g_date_get_days_in_month (month, year));

  g_date_clear (out, 1);
  g_date_set_dmy (out, day, month, year);
}

int
nk_checkup_age_months (const GDate *birth, const GDate *date)
{
  int months;
  GDate at;

  if (g_date_compare (date, birth) < 0)
    return -1;
  months = ((int) g_date_get_year (date) - (int) g_date_get_year (birth)) * 12
           + (int) g_date_get_month (date) - (int) g_date_get_month (birth);
  nk_checkup_add_months (birth, months, &at);
  if (g_date_compare (&at, date) > 0)
    months--;
  return months;
}

static gboolean
same_month (const GDate *a, const GDate *b)
{
  return g_date_get_year (a) == g_date_get_year (b) && g_date_get_month (a) == g_date_get_month (b);
}

static NkCheckupStatus
open_status (const NkCheckupSlot *slot, const GDate *ref)
{
  if (same_month (&slot->due, ref))
    return NK_CHECKUP_DUE;
  if (g_date_compare (&slot->due, ref) > 0)
    return NK_CHECKUP_UPCOMING;
  if (g_date_valid (&slot->until) && g_date_compare (ref, &slot->until) >= 0)
    return NK_CHECKUP_MISSED;
  return NK_CHECKUP_OVERDUE;
}

/* The earliest result in [from, until) (until invalid: any). */
static gboolean
find_result (const GDate *results, guint n, const GDate *from, const GDate *until, GDate *found)
{
  gboolean any = FALSE;

  for (guint i = 0; i < n; i++)
    {
      if (g_date_valid (from) && g_date_compare (&results[i], from) < 0)
        continue;
      if (g_date_valid (until) && g_date_compare (&results[i], until) >= 0)
        continue;
      if (!any || g_date_compare (&results[i], found) < 0)
        *found = results[i];
      any = TRUE;
    }
  return any;
}

GArray *
nk_checkup_schedule (const GDate *birth,
                     const GDate *first_day,
                     const GDate *results,
                     guint        n_results,
                     const GDate *ref)
{
  GArray *slots = g_array_new (FALSE, TRUE, sizeof (NkCheckupSlot));
  NkCheckupSlot entry = { 0 };
  const GDate *joined = g_date_valid (first_day) ? first_day : ref;

  g_date_clear (&entry.from, 1);
  g_date_clear (&entry.until, 1);
  g_date_clear (&entry.done_on, 1);
  entry.due = *joined;
  entry.status = find_result (results, n_results, &entry.from, &entry.until, &entry.done_on)
                 ? NK_CHECKUP_DONE : open_status (&entry, ref);
  g_array_append_val (slots, entry);

  for (guint i = 0; i < NK_CHECKUP_N_AGES; i++)
    {
      NkCheckupSlot slot = { 0 };
      guint next = i + 1 < NK_CHECKUP_N_AGES ? ages[i + 1] : LAST_WINDOW_END;

      /* from birth, not from the due dates: clamping to a month's end
       * would leave a day between two windows */
      slot.months = ages[i];
      nk_checkup_add_months (birth, (int) ages[i], &slot.due);
      nk_checkup_add_months (birth, (int) ages[i] - 1, &slot.from);
      nk_checkup_add_months (birth, (int) next - 1, &slot.until);
      g_date_clear (&slot.done_on, 1);
      slot.status = find_result (results, n_results, &slot.from, &slot.until, &slot.done_on)
                    ? NK_CHECKUP_DONE : open_status (&slot, ref);
      /* over before the child joined and not done: not the centre's check-up */
      if (slot.status != NK_CHECKUP_DONE && g_date_compare (&slot.until, joined) <= 0)
        continue;
      g_array_append_val (slots, slot);
    }
  return slots;
}

void
nk_checkup_item_free (NkCheckupItem *item)
{
  if (item == NULL)
    return;
  g_free (item->child_id);
  g_free (item->child_name);
  g_free (item->room_id);
  g_free (item->date_of_birth);
  g_free (item->due_date);
  g_free (item->done_on);
  g_free (item);
}

static char *
date_text (const GDate *date)
{
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

/* A child's result dates, read as they stand; a date that is not one is
 * skipped (only a relayed row from a broken kiosk could hold one). */
static gboolean
read_result_dates (NkStore *store, const char *child_id, GArray *dates, GError **error)
{
  sqlite3_stmt *stmt = nk_store_prepare (store,
                                         "SELECT r.checkup_date FROM " NK_CHECKUP_STANDING " r "
                                         "WHERE r.child_id = :child",
                                         error);
  int rc;

  if (stmt == NULL || !nk_store_bind (store, stmt, error, NK_TEXT (":child", child_id), NK_END))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *s = (const char *) sqlite3_column_text (stmt, 0);
      GDate d;

      if (nk_check_date (s, &d))
        g_array_append_val (dates, d);
      else
        g_message ("Check-up result of child %s has no real date (%s): not counted", child_id, s);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      nk_store_set_error (store, error, _("Cannot read the check-up results"));
      return FALSE;
    }
  return TRUE;
}

typedef struct {
  char *id, *name, *room_id, *dob, *first_day;
} Child;

static void
child_clear (gpointer data)
{
  Child *c = data;

  g_free (c->id);
  g_free (c->name);
  g_free (c->room_id);
  g_free (c->dob);
  g_free (c->first_day);
}

static gboolean
read_children (NkStore *store, const char *room_id, const char *child_id, GArray *children,
               GError **error)
{
  sqlite3_stmt *stmt = nk_store_prepare (store,
                                         "SELECT c.id, c.name, c.room_id, c.date_of_birth, "
                                         "  (SELECT min(a.local_date) FROM attendance a WHERE a.child_id = c.id) "
                                         "FROM children c WHERE c.active "
                                         "AND (:room IS NULL OR c.room_id = :room) "
                                         "AND (:child IS NULL OR c.id = :child) "
                                         "ORDER BY c.name, c.id",
                                         error);
  int rc;

  if (stmt == NULL || !nk_store_bind (store, stmt, error, NK_TEXT (":room", room_id),
                                      NK_TEXT (":child", child_id), NK_END))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Child c = { nk_column_dup (stmt, 0), nk_column_dup (stmt, 1), nk_column_dup (stmt, 2),
                  nk_column_dup (stmt, 3), nk_column_dup (stmt, 4) };
      g_array_append_val (children, c);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      nk_store_set_error (store, error, _("Cannot read the roster"));
      return FALSE;
    }
  return TRUE;
}

GPtrArray *
nk_checkup_list (NkStore    *store,
                 const char *room_id,
                 const char *child_id,
                 const char *ref,
                 const char *today,
                 GError    **error)
{
  g_autoptr (GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) nk_checkup_item_free);
  g_autoptr (GArray) children = g_array_new (FALSE, TRUE, sizeof (Child));
  GDate ref_date, today_date;

  if (!nk_check_date (ref, &ref_date) || !nk_check_date (today != NULL ? today : ref, &today_date))
    {
      g_set_error (error, NK_STORE_ERROR, NK_STORE_ERROR_INVALID,
                   _("%s is not a date: write it YYYY-MM-DD, for example 2026-12-31"), ref);
      return NULL;
    }
  g_array_set_clear_func (children, child_clear);
  if (!read_children (store, room_id, child_id, children, error))
    return NULL;
  for (guint c = 0; c < children->len; c++)
    {
      Child *child = &g_array_index (children, Child, c);
      g_autoptr (GArray) dates = g_array_new (FALSE, FALSE, sizeof (GDate));
      g_autoptr (GArray) slots = NULL;
      GDate birth, first;

      if (!nk_check_date (child->dob, &birth))
        {
          g_message ("Child %s has no real date of birth (%s): no check-up schedule", child->id,
                     child->dob);
          continue;
        }
      /* not come yet: their entry check-up is due today */
      if (child->first_day == NULL || !nk_check_date (child->first_day, &first))
        first = today_date;
      if (!read_result_dates (store, child->id, dates, error))
        return NULL;
      slots = nk_checkup_schedule (&birth, &first, (GDate *) dates->data, dates->len, &ref_date);
      for (guint s = 0; s < slots->len; s++)
        {
          NkCheckupSlot *slot = &g_array_index (slots, NkCheckupSlot, s);
          NkCheckupItem *item = g_new0 (NkCheckupItem, 1);

          item->child_id = g_strdup (child->id);
          item->child_name = g_strdup (child->name);
          item->room_id = g_strdup (child->room_id);
          item->date_of_birth = g_strdup (child->dob);
          item->months = slot->months;
          item->due_date = date_text (&slot->due);
          item->done_on = slot->status == NK_CHECKUP_DONE ? date_text (&slot->done_on) : NULL;
          item->status = slot->status;
          item->age_months = nk_checkup_age_months (&birth, &ref_date);
          g_ptr_array_add (items, item);
        }
    }
  return g_steal_pointer (&items);
}

static int
by_due_then_child (gconstpointer a, gconstpointer b)
{
  const NkCheckupItem *x = *(NkCheckupItem *const *) a;
  const NkCheckupItem *y = *(NkCheckupItem *const *) b;
  int c = g_strcmp0 (x->due_date, y->due_date);

  if (c == 0)
    c = g_strcmp0 (x->child_id, y->child_id);
  return c != 0 ? c : (int) x->months - (int) y->months;
}

gboolean
nk_checkup_due_csv (NkStore    *store,
                    const char *due_by,
                    const char *today,
                    GString    *csv,
                    guint      *rows,
                    GError    **error)
{
  g_autoptr (GPtrArray) items = nk_checkup_list (store, NULL, NULL, due_by, today, error);

  *rows = 0;
  if (items == NULL)
    return FALSE;
  g_ptr_array_sort (items, by_due_then_child);
  g_string_append (csv, "child_id,child_name,date_of_birth,due_date,age_months,status\n");
  for (guint i = 0; i < items->len; i++)
    {
      NkCheckupItem *item = items->pdata[i];

      if (item->status != NK_CHECKUP_DUE && item->status != NK_CHECKUP_OVERDUE)
        continue;
      nk_csv_append_field (csv, item->child_id);
      g_string_append_c (csv, ',');
      nk_csv_append_field (csv, item->child_name);
      g_string_append_printf (csv, ",%s,%s,%u,%s\n", item->date_of_birth, item->due_date, item->months,
                              nk_checkup_status_to_string (item->status));
      (*rows)++;
    }
  return TRUE;
}
