/* nk-staff-page-private.h — shared by nk-staff-page.c (the page, its
 * actions and lock), nk-staff-page-overview.c (rooms and open stays) and
 * nk-staff-page-rooms.c (which rooms are shown, by role). */
#pragma once

#include "core/nk-open-stay-list.h"
#include "core/nk-room-list.h"
#include "nk-staff-page.h"

G_BEGIN_DECLS

struct _NkStaffPage
{
  GtkWidget parent_instance;

  GtkLabel *staff_label;
  GtkLabel *status_label;
  GtkStack *inner_stack;
  GtkFlowBox *rooms_box;
  GtkLabel *rooms_error;
  GtkBox *stays_box;
  GtkLabel *stays_error;
  GtkLabel *stays_empty;
  GtkLabel *manual_title;
  GtkLabel *manual_state;
  GtkLabel *manual_error;
  GtkButton *manual_confirm;
  GtkToggleButton *reason_forgot;
  GtkToggleButton *reason_lost;
  GtkToggleButton *reason_other;
  GtkEntry *reason_entry;
  NkSyncPanel *sync_panel;
  GtkRevealer *clock_revealer;
  GtkRevealer *alert_revealer;   /* the staff alert (staff-alert) */
  GtkLabel *clock_label;
  GtkBox *room_switcher;
  GtkWidget *tools_row;
  GtkWidget *alarm_button;   /* NkAlarmButton, in the header (nk-staff-page-alarm.c) */
  GtkBox *tools_box;

  NkDoor *door;
  NkCentre *watched_centre;
  gulong clock_jumped_id;
  char *staff_id;
  char *staff_name;
  char *manual_child_id;
  /* while staff mode is open: the lists shown, changed in place by the
   * core from the store's notifications */
  NkRoomList *rooms;
  NkOpenStayList *stays;
  /* the pages shown before the current one, for "staff.back" */
  GPtrArray *history;
  char *shown_view;
  gboolean going_back;
  /* by role (nk-staff-page-rooms.c): the room shown, "" for every room */
  NkStaffRole role;
  char *staff_room_id;
  char *room_id;
  GtkSortListModel *sorted_rooms;
  GtkFilterListModel *shown_rooms;
  GtkCustomFilter *room_filter;
  guint lock_seconds;
  guint lock_id;
  gint64 lock_deadline_us;  /* on the centre's monotonic clock */
  gboolean staff_alert;
};

/* nk-staff-page-tools.c: the row of buttons on the overview that open
 * the features' lists and records, each shown to the roles given. */
typedef enum {
  NK_STAFF_ROLE_MASK_CAREGIVER = 1 << NK_STAFF_CAREGIVER,
  NK_STAFF_ROLE_MASK_DIRECTOR  = 1 << NK_STAFF_DIRECTOR,
  NK_STAFF_ROLE_MASK_HEALTH    = 1 << NK_STAFF_HEALTH,
  NK_STAFF_ROLE_MASK_ALL       = NK_STAFF_ROLE_MASK_CAREGIVER | NK_STAFF_ROLE_MASK_DIRECTOR
                                 | NK_STAFF_ROLE_MASK_HEALTH,
} NkStaffRoleMask;

/* A big button labelled label (translated), read out with description
 * (may be NULL), that activates action_name with target (may be NULL;
 * floating references are sunk) for the roles given.  Call it from the
 * feature's _init.  Returns the button (owned by the row). */
GtkWidget *nk_staff_page_add_tool  (NkStaffPage *self, const char *label, const char *description,
                                    const char *action_name, GVariant *target, NkStaffRoleMask roles);
/* Shows the tools of self->role (when staff mode opens). */
void       nk_staff_page_show_tools (NkStaffPage *self);

/* nk-staff-page-overview.c: shows the lists of staff mode (made when it
 * opens) and lets go of them (when it closes: no child data stays
 * behind the lock). */
void nk_staff_page_show_lists  (NkStaffPage *self);
void nk_staff_page_clear_lists (NkStaffPage *self);

/* nk-staff-page-care.c: the room page ("care.open-room") */
void nk_staff_page_care_class_init (GtkWidgetClass *widget_class);
void nk_staff_page_care_init       (NkStaffPage *self);
void nk_staff_page_care_close      (NkStaffPage *self);
/* nk-staff-page-rooms.c: the rooms shown over self->rooms (attach, made
 * with the lists, returns the model the overview binds; detach), and the
 * first room by role (open, close). */
GListModel *nk_staff_page_rooms_attach (NkStaffPage *self);
void        nk_staff_page_rooms_detach (NkStaffPage *self);
void        nk_staff_page_rooms_open   (NkStaffPage *self, NkTapResult *staff);
void        nk_staff_page_rooms_close  (NkStaffPage *self);

G_END_DECLS
