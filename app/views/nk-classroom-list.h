/* nk-classroom-list.h — staff mode's "Mommy Classroom" page, for the
 * director: the sessions not yet ended, then the past ones, each with how
 * many families signed up at the centre and how many wait. */
#pragma once

#include <gtk/gtk.h>

#include "core/nk-door.h"

G_BEGIN_DECLS

#define NK_TYPE_CLASSROOM_LIST (nk_classroom_list_get_type ())
G_DECLARE_FINAL_TYPE (NkClassroomList, nk_classroom_list, NK, CLASSROOM_LIST, GtkWidget)

/* Reads the sessions of door's store again; a failure is said on the page. */
void        nk_classroom_list_load        (NkClassroomList *self, NkDoor *door);
/* Lets go of the rows (staff mode locked). */
void        nk_classroom_list_clear       (NkClassroomList *self);
/* The rows shown, upcoming then past, and the words of row n (for tests:
 * its title, when, and counts, joined by " · "). */
guint       nk_classroom_list_get_n_rows  (NkClassroomList *self, gboolean past);
char       *nk_classroom_list_get_row_text (NkClassroomList *self, gboolean past, guint n);

G_END_DECLS
