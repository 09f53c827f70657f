/* nk-absence-form.h — the reason of one child's absence today, recorded
 * by staff after calling the family: three big choices (illness, leave,
 * unknown); for an illness the symptoms as toggle buttons, "other" with
 * its text.  Saving is one core call (nk_absence_record, a correction
 * when a reason stands already); a refusal is shown on the form in plain
 * words and written to the journal.  Once saved the form activates
 * "absence.saved" (the child's id) for the staff page; Cancel is
 * "staff.back". */
#pragma once

#include <gtk/gtk.h>

#include "core/nk-absence.h"
#include "core/nk-door.h"

G_BEGIN_DECLS

#define NK_TYPE_ABSENCE_FORM (nk_absence_form_get_type ())
G_DECLARE_FINAL_TYPE (NkAbsenceForm, nk_absence_form, NK, ABSENCE_FORM, GtkWidget)

/* Opens the form for item's child, filled with its reason when one stands. */
void        nk_absence_form_open  (NkAbsenceForm *self, NkDoor *door, const char *staff_id,
                                   const NkAbsenceItem *item);
void        nk_absence_form_close (NkAbsenceForm *self);

/* For tests */
const char *nk_absence_form_get_child_id (NkAbsenceForm *self);
/* The message on the form, or NULL when none is shown. */
const char *nk_absence_form_get_error    (NkAbsenceForm *self);

G_END_DECLS
