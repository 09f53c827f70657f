/* nk-sleep-row.h — one napping child's row on the sleep-check page: the
 * name, when the check is due, and the buttons of a check in two touches
 * (the position; then OK, with breathing and colour normal unless
 * toggled) and "woke up".  The buttons name widget actions of the page
 * (sleep.position, sleep.breathing, sleep.colour, sleep.record) and of
 * staff mode (care.nap). */
#pragma once

#include <gtk/gtk.h>

#include "core/nk-centre.h"
#include "core/nk-sleep-check.h"

G_BEGIN_DECLS

/* What a caregiver chose for a child and has not recorded yet. */
typedef struct {
  int      position;      /* NkSleepPosition, or -1: not chosen yet */
  gboolean breathing_ok;
  gboolean colour_ok;
} NkSleepChoice;

GtkWidget  *nk_sleep_row_new         (const NkSleepDue *due, const NkSleepChoice *choice);
/* The choice on the row's buttons (OK only once a position is chosen). */
void        nk_sleep_row_show_choice (GtkWidget *row, const NkSleepChoice *choice);
/* Since when asleep, the last check, when the next is due, at now. */
void        nk_sleep_row_show_state  (GtkWidget *row, NkCentre *centre, const NkSleepDue *due,
                                      gint64 now);
const char *nk_sleep_row_get_name    (GtkWidget *row);
const char *nk_sleep_row_get_child_id (GtkWidget *row);
/* A big button for action (with target), labelled, with its accessible name. */
GtkWidget  *nk_sleep_button_new      (const char *action, GVariant *target, const char *label,
                                      const char *accessible);

G_END_DECLS
