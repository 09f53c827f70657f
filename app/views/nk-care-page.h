/* nk-care-page.h — the room page of staff mode: one room's children of
 * today as tiles (name, initials, here or not, the marks of their day),
 * selected by touch; for one child every care action, for several the
 * room-wide entries; a child's care log of today with corrections.  Opened
 * by "care.open-room" (nk-staff-page-care.c). */
#pragma once

#include <gtk/gtk.h>

#include "core/nk-door.h"
#include "nk-care-form.h"

G_BEGIN_DECLS

#define NK_TYPE_CARE_PAGE (nk_care_page_get_type ())
G_DECLARE_FINAL_TYPE (NkCarePage, nk_care_page, NK, CARE_PAGE, GtkWidget)

GtkWidget  *nk_care_page_new          (void);
/* Shows room_id's children (room_name is its title) for staff_id, who
 * records, at door. */
void        nk_care_page_open         (NkCarePage *self, NkDoor *door, const char *staff_id,
                                       const char *room_id, const char *room_name);
/* Staff mode closed: nothing about any child stays on the page. */
void        nk_care_page_clear        (NkCarePage *self);
/* The note phrases offered (常用语); NULL: the default ones. */
void        nk_care_page_set_phrases  (NkCarePage *self, const char *const *phrases);

/* What is on screen, and touches, for tests. */
const char *nk_care_page_get_room     (NkCarePage *self);
const char *nk_care_page_get_view     (NkCarePage *self);   /* "children", "form", "log" */
guint       nk_care_page_get_n_children (NkCarePage *self);
GtkWidget  *nk_care_page_get_tile     (NkCarePage *self, const char *child_id);
/* The marks shown on a child's tile, joined by "|". */
char       *nk_care_page_get_marks    (NkCarePage *self, const char *child_id);
guint       nk_care_page_get_n_selected (NkCarePage *self);
NkCareForm *nk_care_page_get_form     (NkCarePage *self);
/* The last result or error said on the page, or NULL. */
const char *nk_care_page_get_status   (NkCarePage *self);
guint       nk_care_page_get_n_log_rows (NkCarePage *self);

G_END_DECLS
