/* nk-window.h — the kiosk's one window: a stack of door pages (idle,
 * result, family, staff, error) and, in demo mode, the tap panel.
 * Services come in as construct properties. */
#pragma once

#include <adwaita.h>

#include "core/nk-door.h"
#include "devices/nk-reader.h"
#include "devices/nk-sound.h"
#include "sync/nk-sync.h"
#include "core/nk-ratio-watch.h"
#include "core/nk-sleep-watch.h"
#include "nk-idle-page.h"
#include "nk-result-page.h"
#include "nk-family-page.h"
#include "nk-photo-cache.h"
#include "nk-staff-page.h"
#include "nk-pin-page.h"
#include "nk-error-page.h"
#include "nk-tap-panel.h"

G_BEGIN_DECLS

#define NK_TYPE_WINDOW (nk_window_get_type ())
G_DECLARE_FINAL_TYPE (NkWindow, nk_window, NK, WINDOW, AdwApplicationWindow)

/* door, reader and sound may be NULL (the kiosk shows why).  The
 * platform link comes in as the construct-only "sync" (NULL when sync is
 * not configured: no sync line, no enrolment page). */
NkWindow     *nk_window_new              (GtkApplication *application,
                                          NkDoor   *door,
                                          NkReader       *reader,
                                          NkSound        *sound);

/* The door controller (nk-window-door.c): every card the reader reports
 * goes here, and only here. */
void          nk_window_handle_card      (NkWindow *self, const char *uid);
/* Back to the idle page (closes staff mode and any chooser). */
void          nk_window_go_idle          (NkWindow *self);
/* A problem that stops the door working (no database …): error page. */
void          nk_window_show_fatal_error (NkWindow *self, const char *title,
                                          const char *message, const char *hint);
/* Shown on the idle page when there is no working reader. */
void          nk_window_set_reader_error (NkWindow *self, const char *message);

const char   *nk_window_get_page_name    (NkWindow *self);
NkIdlePage   *nk_window_get_idle_page    (NkWindow *self);
NkResultPage *nk_window_get_result_page  (NkWindow *self);
NkFamilyPage *nk_window_get_family_page  (NkWindow *self);
NkStaffPage  *nk_window_get_staff_page   (NkWindow *self);
NkPinPage    *nk_window_get_pin_page     (NkWindow *self);
NkErrorPage  *nk_window_get_error_page   (NkWindow *self);
NkTapPanel   *nk_window_get_tap_panel    (NkWindow *self);
NkDoor *nk_window_get_door   (NkWindow *self);
NkSync       *nk_window_get_sync         (NkWindow *self);
/* The NkEnrolPage (stack page "enrol"), or NULL without an NkSync. */
GtkWidget    *nk_window_get_enrol_page   (NkWindow *self);
/* The children's photos the pages show (the window's own unless one was
 * given as the construct-only "photo-cache"). */
NkPhotoCache *nk_window_get_photo_cache  (NkWindow *self);
gboolean      nk_window_get_staff_alert  (NkWindow *self);
/* The kiosk's sleep-check watch (made with the door), or NULL. */
NkSleepWatch *nk_window_get_sleep_watch  (NkWindow *self);
/* The text of the sleep-check banner on screen ("due" or overdue), or
 * NULL when it is not shown; for tests. */
const char   *nk_window_get_sleep_banner (NkWindow *self, gboolean overdue);
/* The text of the outbreak banner on screen, or NULL when none is shown;
 * whether the director's confirm is open. */
const char   *nk_window_get_outbreak_banner (NkWindow *self);
/* The ratio banner's text (nk-window-ratio.c), or NULL when folded; the
 * window's watch (for tests). */
const char   *nk_window_get_ratio_banner (NkWindow *self);
NkRatioWatch *nk_window_get_ratio_watch  (NkWindow *self);
gboolean      nk_window_get_outbreak_confirm_shown (NkWindow *self);
/* The one-key alarm (nk-window-alarm.c), for tests: the banner's text and
 * delivery state (NULL when no alarm is open), whether its "Cancel alarm"
 * (the director's staff mode) and the cancel dialog are shown, whether the
 * siren still repeats. */
const char   *nk_window_get_alarm_banner (NkWindow *self);
const char   *nk_window_get_alarm_state  (NkWindow *self);
gboolean      nk_window_get_alarm_cancel_shown (NkWindow *self);
gboolean      nk_window_get_alarm_dialog_shown (NkWindow *self);
gboolean      nk_window_get_siren_on     (NkWindow *self);
/* The last line shown as a toast (staff clock-in, by-hand checks), for tests. */
const char   *nk_window_get_last_notice  (NkWindow *self);
/* Whether a notice (a toast) is on screen now. */
gboolean      nk_window_get_notice_shown (NkWindow *self);

/* Styles the window for a screen of width × height before it is shown
 * (nk-compact, nk-medium, nk-large, nk-portrait), so that its first size
 * is measured in the fonts it will have there: measured in the larger
 * ones, a 1024×600 window would be made taller than the screen. */
void          nk_window_expect_size (NkWindow *self, int width, int height);

G_END_DECLS
