/* nk-health-check-form.h — the morning and midday health check of one
 * child in staff mode: temperature by big ±0.1 buttons and a number pad,
 * the observations of 一摸二看三问四查 as big toggles, the outcome as three
 * coloured buttons.  When saved it offers the next child of the room
 * still to check (the morning queue), or goes back ("staff.back"). */
#pragma once

#include <gtk/gtk.h>

#include "core/nk-door.h"

G_BEGIN_DECLS

#define NK_TYPE_HEALTH_CHECK_FORM (nk_health_check_form_get_type ())
G_DECLARE_FINAL_TYPE (NkHealthCheckForm, nk_health_check_form, NK, HEALTH_CHECK_FORM, GtkWidget)

GtkWidget  *nk_health_check_form_new          (void);
/* Opens the check of child_id for staff_id: the morning check, or the
 * midday check when the morning one is done and it is past 11:00; a check
 * already done is shown to be corrected. */
void        nk_health_check_form_open         (NkHealthCheckForm *self, NkDoor *door,
                                               const char *staff_id, const char *child_id);
/* Forgets the child (staff mode closed, or the form left). */
void        nk_health_check_form_close        (NkHealthCheckForm *self);

/* For tests: the child shown, "form" or "done", the error shown or NULL. */
const char *nk_health_check_form_get_child_id (NkHealthCheckForm *self);
const char *nk_health_check_form_get_view     (NkHealthCheckForm *self);
const char *nk_health_check_form_get_error    (NkHealthCheckForm *self);

G_END_DECLS
