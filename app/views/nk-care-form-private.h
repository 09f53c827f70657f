/* nk-care-form-private.h — shared by nk-care-form.c (the rows of
 * choices, text and exceptions) and nk-care-form-steps.c (amount and
 * time steppers). */
#pragma once

#include "nk-care-form.h"

G_BEGIN_DECLS

struct _NkCareForm
{
  GtkWidget parent_instance;

  GtkLabel *title_label;
  GtkBox *rows_box;
  GtkLabel *error_label;
  GtkScrolledWindow *scroller;

  NkCareWhat what;
  NkCentre *centre;
  GHashTable *groups;        /* key → GPtrArray of its toggle buttons (borrowed) */
  GHashTable *required;      /* keys of the rows where one button stays pressed */
  GtkLabel *amount_label;
  gint64 amount, amount_min, amount_max;
  GtkLabel *time_label;
  int minutes_back;
  int prefill_minutes;
  gint64 prefill_at_us;
  GtkEntry *typed;           /* a note or what happened, typed */
  GPtrArray *child_ids;      /* char*: the children of an exceptions row */
  GArray *exceptions;        /* NkCareException, made on request */
  NkCareEntry *except_entries;
};

GtkWidget *nk_care_form_row_title        (const char *text);
/* nk-care-form-steps.c */
void       nk_care_form_add_amount_row   (NkCareForm *self, const char *title, gint64 value, gint64 min,
                                          gint64 max, int small, int big, const char *small_label,
                                          const char *big_label);
void       nk_care_form_add_time_row     (NkCareForm *self);
void       nk_care_form_steps_class_init (GtkWidgetClass *widget_class);

G_END_DECLS
