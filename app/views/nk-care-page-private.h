/* nk-care-page-private.h — shared by nk-care-page.c (tiles and
 * selection), nk-care-page-entry.c (the form and what it records) and
 * nk-care-page-log.c (a child's log, corrections). */
#pragma once

#include "core/nk-child-day.h"
#include "nk-care-page.h"

G_BEGIN_DECLS

struct _NkCarePage
{
  GtkWidget parent_instance;

  GtkStack *care_stack;
  GtkLabel *title_label;
  GtkLabel *status_label;
  GtkLabel *error_label;
  GtkLabel *selection_label;
  GtkFlowBox *tiles_box;
  GtkWidget *one_box;
  GtkWidget *many_box;
  GtkWidget *health_button;
  GtkWidget *medicine_button;
  GtkWidget *nap_button;
  GtkWidget *sleep_button;
  NkCareForm *form;
  GtkLabel *log_title;
  GtkLabel *log_error;
  GtkBox *log_box;

  NkDoor *door;
  NkStore *watched_store;
  gulong changed_id;
  guint reload_id;
  char *staff_id;
  char *room_id;
  GStrv phrases;
  NkDaySet *set;            /* the room's day, as last read */
  GHashTable *tiles;        /* child_id → GtkToggleButton (borrowed) */
  GHashTable *selected;     /* child_ids */
  char *log_child_id;       /* the child whose log is shown */
  char *correcting_id;      /* the row the form corrects, or NULL */
  guint n_log_rows;
};

/* nk-care-page-log.c */
void nk_care_page_show_log    (NkCarePage *self, const char *child_id);
void nk_care_page_reload_log  (NkCarePage *self);
void nk_care_page_log_class_init (GtkWidgetClass *widget_class);
/* nk-care-page-entry.c */
void nk_care_page_entry_class_init (GtkWidgetClass *widget_class);
/* nk-care-page.c: the selected children in the order of the tiles
 * (NkCareFormChild, borrowed from the day) */
GArray *nk_care_page_selected_children (NkCarePage *self);
/* nk-care-page.c: says text on the page (and the journal said why) */
void nk_care_page_say         (NkCarePage *self, const char *status, const char *error);
void nk_care_page_open_form   (NkCarePage *self, NkCareWhat what, const NkCareRow *prefill);

G_END_DECLS
