/* nk-ui-test-util.h — what the UI tests share: a window of the door's
 * size on screen, cards at the simulated reader counted once the window
 * has answered them, a staff page alone in a window, and the widgets of
 * a type under another. */
#pragma once

#include <gtk/gtk.h>

#include "devices/nk-reader.h"
#include "nk-test-util.h"
#include "views/nk-staff-page.h"

G_BEGIN_DECLS

/* Sizes window as the door's screen (1024×600), shows it and waits until
 * it is mapped. */
void       nk_ui_test_show         (GtkWindow *window);
/* The application's style sheet on the default display, as
 * AdwApplication loads it for the kiosk. */
void       nk_ui_test_load_style   (void);
/* The simulated reader, started. */
NkReader  *nk_ui_test_reader_new   (void);
/* Counts in *handled the cards reader reads.  Connected after the
 * window's own handler, it counts a card once the window has answered. */
void       nk_ui_test_count_taps   (NkReader *reader, guint *handled);
/* A card at the simulated reader; returns once *handled has counted it. */
void       nk_ui_test_tap          (NkReader *reader, guint *handled, const char *uid);
/* A new staff page over door (*page_out), alone in a new window of the
 * door's size, presented. */
GtkWindow *nk_ui_test_staff_window (NkDoor *door, NkStaffPage **page_out);
/* Every widget under root (root too) of type, in tree order. */
void       nk_ui_test_collect      (GtkWidget *root, GType type, GPtrArray *out);

/* The one widget of type under root (the test fails when there are none
 * or several). */
gpointer   nk_ui_test_find_one     (GtkWidget *root, GType type);
/* Writes what window shows now as a PNG at path (screenshots to look at). */
void       nk_ui_test_save_png     (GtkWindow *window, const char *path);

G_END_DECLS
