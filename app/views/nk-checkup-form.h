/* nk-checkup-form.h — the form to record one child's check-up result in
 * staff mode (health staff and the director): the day (today, or a day
 * before), height, weight, head circumference (only under 2 years),
 * haemoglobin, the hearing and eye screenings and the doctor's notes.
 * Saving is one core call (nk_checkup_record); a refusal is shown in
 * plain words and written to the journal.  Once saved the form activates
 * "checkups.saved" (the result's id) for the staff page. */
#pragma once

#include <gtk/gtk.h>

#include "core/nk-door.h"

G_BEGIN_DECLS

#define NK_TYPE_CHECKUP_FORM (nk_checkup_form_get_type ())
G_DECLARE_FINAL_TYPE (NkCheckupForm, nk_checkup_form, NK, CHECKUP_FORM, GtkWidget)

void        nk_checkup_form_open  (NkCheckupForm *self, NkDoor *door, const char *staff_id,
                                   const char *child_id);
void        nk_checkup_form_close (NkCheckupForm *self);

/* For tests */
const char *nk_checkup_form_get_child_id (NkCheckupForm *self);
const char *nk_checkup_form_get_error    (NkCheckupForm *self);
const char *nk_checkup_form_get_date     (NkCheckupForm *self);
gboolean    nk_checkup_form_get_head_shown (NkCheckupForm *self);

G_END_DECLS
