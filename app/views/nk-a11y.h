/* nk-a11y.h — accessible names for what a widget cannot name itself:
 * the cells a GtkFlowBox wraps its children in, and the close button of
 * libadwaita 1.2's toasts.  What screen readers read (AT-SPI) is checked
 * by tests/a11y.sh. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Appends child to box, and names the cell the box wraps it in with
 * label (a screen reader reads the cell before what is inside). */
void nk_a11y_flow_box_append (GtkFlowBox *box,
                              GtkWidget  *child,
                              const char *label);

/* From now on, names the close button of every toast the overlay shows
 * (libadwaita 1.2 leaves it unnamed).  Calling it again does nothing. */
void nk_a11y_name_toasts     (AdwToastOverlay *overlay);

G_END_DECLS
