/* nk-window-private.h — NkWindow's insides, shared by nk-window.c (the
 * widget) and nk-window-door.c (what a tap does). */
#pragma once

#include "core/nk-ratio-watch.h"
#include "core/nk-sleep-watch.h"
#include "nk-window.h"

G_BEGIN_DECLS

struct _NkWindow
{
  AdwApplicationWindow parent_instance;

  /* template */
  GtkRevealer *notice_revealer;
  GtkLabel *notice_label;
  GtkStack *stack;
  NkIdlePage *idle_page;
  NkResultPage *result_page;
  NkFamilyPage *family_page;
  NkStaffPage *staff_page;
  NkPinPage *pin_page;
  NkErrorPage *error_page;
  NkTapPanel *tap_panel;
  GtkBox *enrol_box;
  GtkWidget *enrol_back_bar;
  GtkWidget *enrol_page;    /* NkEnrolPage, made once there is an NkSync */
  GtkRevealer *sleep_overdue_banner;
  GtkLabel *sleep_overdue_label;
  GtkRevealer *sleep_due_banner;
  GtkLabel *sleep_due_label;
  GtkWidget *sleep_due_button;
  GtkRevealer *outbreak_banner;
  GtkLabel *outbreak_label;
  GtkRevealer *outbreak_confirm;
  GtkEntry *outbreak_note;
  GtkLabel *outbreak_error;
  GtkRevealer *alarm_banner;
  GtkLabel *alarm_label;
  GtkLabel *alarm_state;
  GtkWidget *alarm_cancel_button;
  GtkRevealer *alarm_dialog;
  GtkBox *alarm_reasons;
  GtkEntry *alarm_note;
  GtkLabel *alarm_error;
  GtkRevealer *ratio_banner;
  GtkLabel *ratio_label;

  /* services */
  NkDoor *door;
  NkReader *reader;
  NkSound *sound;
  NkPhotoCache *photo_cache;
  NkSync *sync;
  NkSleepWatch *sleep_watch;  /* made with the door: one per kiosk */
  NkRatioWatch *ratio_watch;  /* the same (nk-window-ratio.c) */

  /* settings */
  char *centre_name;
  guint result_seconds;
  guint chooser_seconds;
  guint staff_lock_seconds;
  guint day_seconds;        /* a checked-out child's day (nk-window-day.c) */
  guint ack_seconds;        /* the same while an incident waits for the guardian */
  gboolean demo;
  gboolean staff_alert;
  char *sync_status;

  /* door state */
  gboolean fatal;           /* the error page stays: the door cannot work */
  char *staff_uid;          /* the card that opened staff mode */
  gboolean staff_behind;    /* staff mode waits behind a tap answered at the door */
  NkTapResult *family;      /* what the open chooser offered */
  char *last_notice;
  guint notice_timeout_id;   /* the notice on screen goes then */
  guint result_timeout_id;
  const char *size_class;

  /* platform link (nk-window-sync.c) */
  gboolean enrol_from_staff;   /* the enrol page was opened from staff mode, which stays open */
  gboolean enrol_settling;     /* enrolled; no enrol page until NkSync says its new state */

  /* sleep checks (nk-window-sleep.c) */
  char *sleep_room_id;         /* the room the banner's button opens */

  /* suspected outbreaks (nk-window-outbreak.c): the ids on the banner */
  GHashTable *outbreaks_shown;

  /* the one-key alarm (nk-window-alarm.c) */
  GHashTable *alarms_shown;      /* the open alarms' ids on the banner */
  GtkToggleButton *alarm_reason_buttons[4];  /* NkAlarmReason order */
  guint siren_id;                /* repeats the siren while the alarm is new */
  gint64 siren_until_us;         /* on the door's monotonic clock */
  guint alarm_page_idle;         /* "Cancel alarm" shown or not, once the page settled */
};

/* The ids a banner shows (a set), copied: acting on each reads the banner
 * again (nk-window.c). */
GPtrArray *nk_window_copy_ids (GHashTable *shown);

/* Whether the director's staff mode is open (nk-window-outbreak.c). */
gboolean nk_window_director_here (NkWindow *self);

/* nk-window-alarm.c */
void nk_window_alarm_class_init (GtkWidgetClass *widget_class);
void nk_window_alarm_init       (NkWindow *self);
void nk_window_alarm_set_door   (NkWindow *self, NkDoor *door);
void nk_window_alarm_attach     (NkWindow *self);
void nk_window_alarm_dispose    (NkWindow *self);
/* Staff mode opened for someone (the banner's "Cancel alarm" follows). */
void nk_window_alarm_staff_changed (NkWindow *self);

/* nk-window-door.c */
void nk_window_door_set_page        (NkWindow *self, const char *name);
void nk_window_door_confirm_family  (NkWindow *self, const char *guardian_id,
                                     const char *const *child_ids);
void nk_window_door_staff_recorded  (NkWindow *self, NkTapResult *result);
void nk_window_door_raise_alert     (NkWindow *self, NkTapResult *result);
void nk_window_door_notice          (NkWindow *self, const char *text);
void nk_window_door_dismiss_notice  (NkWindow *self);
void nk_window_door_staff_locked    (NkWindow *self);
void nk_window_door_start_result_timer (NkWindow *self);

/* nk-window-day.c */
void  nk_window_day_show        (NkWindow *self, GPtrArray *results, const char *guardian_id);
guint nk_window_day_seconds     (NkWindow *self);
void  nk_window_day_acknowledge (NkWindow *self, NkDayView *view, const char *incident_id,
                                 const char *guardian_id);
void nk_window_door_open_pin        (NkWindow *self);
void nk_window_door_pin_opened      (NkWindow *self, const char *staff_id);

/* nk-window-sleep.c */
void nk_window_sleep_class_init (GtkWidgetClass *widget_class);
void nk_window_sleep_init       (NkWindow *self);
void nk_window_sleep_set_door   (NkWindow *self, NkDoor *door);
void nk_window_sleep_update     (NkWindow *self);
void nk_window_sleep_dispose    (NkWindow *self);

/* nk-window-outbreak.c */
void nk_window_outbreak_class_init (GtkWidgetClass *widget_class);
void nk_window_outbreak_set_door   (NkWindow *self, NkDoor *door);
void nk_window_outbreak_dispose    (NkWindow *self);

/* nk-window-ratio.c */
void nk_window_ratio_class_init (GtkWidgetClass *widget_class);
void nk_window_ratio_set_door   (NkWindow *self, NkDoor *door);
void nk_window_ratio_dispose    (NkWindow *self);

/* nk-window-sync.c */
void     nk_window_sync_init         (NkWindow *self);
void     nk_window_sync_attach       (NkWindow *self);
void     nk_window_sync_detach       (NkWindow *self);
void     nk_window_sync_update       (NkWindow *self);
gboolean nk_window_sync_wants_enrol  (NkWindow *self);
void     nk_window_sync_open_enrol   (NkWindow *self);
void     nk_window_sync_leave_enrol  (NkWindow *self);

G_END_DECLS
