/* nk-care-form.h — the form of one care entry (a meal, a bottle, a
 * diaper…) in big buttons: what it takes is chosen in two or three
 * touches, no keyboard needed (a typed note where one is attached).  For
 * a meal of several children, a row per child takes the exceptions.
 * Records nothing itself: emits "save" or "cancelled". */
#pragma once

#include <gtk/gtk.h>

#include "core/nk-care-log.h"

G_BEGIN_DECLS

#define NK_TYPE_CARE_FORM (nk_care_form_get_type ())
G_DECLARE_FINAL_TYPE (NkCareForm, nk_care_form, NK, CARE_FORM, GtkWidget)

/* One child of the form: the rows for exceptions name them. */
typedef struct {
  const char *id;
  const char *name;
} NkCareFormChild;

/* Sets the form up for what, for children (n of them), at the centre's
 * time; prefill (a row being corrected) or NULL; phrases for notes. */
void        nk_care_form_setup    (NkCareForm *self, NkCareWhat what, NkCentre *centre,
                                   const NkCareFormChild *children, guint n,
                                   const NkCareRow *prefill, const char *const *phrases);
NkCareWhat  nk_care_form_get_what (NkCareForm *self);
/* What the form holds now (strings owned by the form, valid until the
 * next change); at_us is 0 for "now". */
void        nk_care_form_get_entry (NkCareForm *self, NkCareEntry *entry);
/* The exceptions chosen (NkCareException; entries owned by the form). */
GArray     *nk_care_form_get_exceptions (NkCareForm *self);
void        nk_care_form_show_error (NkCareForm *self, const char *message);
/* The message shown, or NULL. */
const char *nk_care_form_get_error (NkCareForm *self);

/* For tests: presses the choice button of choice in the row key ("slot",
 * "portion", "milk", "diaper", "colour", "mood", "told", "what",
 * "place", "first_aid", "note") or, for a child's exception row, key
 * "except:CHILD_ID".  FALSE when there is no such button. */
gboolean    nk_care_form_choose   (NkCareForm *self, const char *key, const char *choice);

/* signals: "save" (), "cancelled" () */

G_END_DECLS
