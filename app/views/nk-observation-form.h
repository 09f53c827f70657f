/* nk-observation-form.h — an all-day health observation (全日健康观察)
 * of one child in staff mode: what was seen (quick phrases, or typed
 * where a keyboard is attached) and when (now, or a few minutes
 * earlier).  Saved, it goes back ("staff.back"). */
#pragma once

#include <gtk/gtk.h>

#include "core/nk-door.h"

G_BEGIN_DECLS

#define NK_TYPE_OBSERVATION_FORM (nk_observation_form_get_type ())
G_DECLARE_FINAL_TYPE (NkObservationForm, nk_observation_form, NK, OBSERVATION_FORM, GtkWidget)

GtkWidget  *nk_observation_form_new       (void);
void        nk_observation_form_open      (NkObservationForm *self, NkDoor *door, const char *staff_id,
                                           const char *child_id);
/* Forgets the child. */
void        nk_observation_form_close     (NkObservationForm *self);
/* For tests: the error shown or NULL. */
const char *nk_observation_form_get_error (NkObservationForm *self);

G_END_DECLS
