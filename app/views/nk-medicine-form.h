/* nk-medicine-form.h — one child's medicine in staff mode: today's
 * handovers with each dose due or given, "give" per dose (a second dose
 * is refused until the caregiver confirms), and a new handover, whose
 * parent consents by tapping their own card while the form claims the
 * door (nk_door_claim_guardian, with a countdown on screen). */
#pragma once

#include <gtk/gtk.h>

#include "core/nk-door.h"

G_BEGIN_DECLS

#define NK_TYPE_MEDICINE_FORM (nk_medicine_form_get_type ())
G_DECLARE_FINAL_TYPE (NkMedicineForm, nk_medicine_form, NK, MEDICINE_FORM, GtkWidget)

GtkWidget  *nk_medicine_form_new          (void);
void        nk_medicine_form_open         (NkMedicineForm *self, NkDoor *door, const char *staff_id,
                                           const char *child_id);
/* Ends the claim on the door and forgets the child. */
void        nk_medicine_form_close        (NkMedicineForm *self);

/* For tests: "list" or "new"; the error shown or NULL; the countdown
 * shown or NULL. */
const char *nk_medicine_form_get_view      (NkMedicineForm *self);
const char *nk_medicine_form_get_error     (NkMedicineForm *self);
const char *nk_medicine_form_get_countdown (NkMedicineForm *self);

G_END_DECLS
