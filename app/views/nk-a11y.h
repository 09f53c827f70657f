/* nk-a11y.h — accessible names for what a widget cannot name itself:
 * the cells a GtkFlowBox wraps its children in; and folded revealers kept
 * out of the tree.  What screen readers read (AT-SPI) is checked
 * by tests/a11y.sh. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Appends child to box, and names the cell the box wraps it in with
 * label (a screen reader reads the cell before what is inside). */
void nk_a11y_flow_box_append (GtkFlowBox *box,
                              GtkWidget  *child,
                              const char *label);

/* From now on, the revealer's child is hidden while it is folded away
 * (GTK 4.8 leaves a folded child in the accessibility tree: a screen
 * reader would read a banner nobody sees and offer its buttons).  The
 * child shows again as soon as it is revealed; the fold keeps its
 * transition.  Calling it again does nothing. */
void nk_a11y_hide_folded     (GtkRevealer *revealer);

G_END_DECLS
