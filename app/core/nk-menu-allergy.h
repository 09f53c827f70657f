/* nk-menu-allergy.h — a child's allergies as a structured list: the GB 7718
 * groups and an "other" text (nk-allergen.h), beside the free text the
 * platform and the roster import have always sent (children.allergies).
 *
 * Where a child's list comes from:
 *   - the platform's children "allergens" (codes) and "allergy_other"
 *     (since contract 1.3): taken as they are;
 *   - otherwise the free text, mapped by keywords
 *     (nk_allergens_from_text); what no keyword matched becomes the
 *     "other" text and the child is listed for staff to confirm
 *     (nk_allergy_list_to_confirm);
 *   - a confirmation by the director or the health staff
 *     (nk_allergy_confirm): an event "allergy.confirmed" the platform
 *     receives and the other doors apply.  It stands while the free text
 *     it confirmed stays the same; the newest confirmation wins.
 *
 * children columns (migration "allergy"): allergens (bits), allergy_other,
 * allergy_review (1: to confirm), allergy_basis (the free text the list
 * was made from). */
#pragma once

#include "nk-allergen.h"
#include "nk-centre.h"
#include "nk-store.h"

G_BEGIN_DECLS

#define NK_ALLERGY_EVENT "allergy.confirmed"

/* Sets the child's list from what the platform or an import gave, inside
 * the caller's transaction: structured (set and other as given) or from
 * the free text text (kept as it is when text is what the list was made
 * from: a confirmation stands). */
gboolean   nk_allergy_put_child     (NkStore *store, const char *child_id, const char *text,
                                     gboolean structured, NkAllergens set, const char *other,
                                     GError **error);

/* A child's list. */
typedef struct {
  char       *child_id;
  char       *name;
  char       *room_name;   /* may be NULL */
  char       *text;        /* the free text the list was made from ("" none) */
  NkAllergens allergens;
  char       *other;       /* may be NULL */
  gboolean    to_confirm;
} NkChildAllergy;

void       nk_child_allergy_free    (NkChildAllergy *allergy);
/* NULL with error when there is no such child. */
NkChildAllergy *nk_allergy_load     (NkStore *store, const char *child_id, GError **error);
/* The active children whose list staff must confirm (NkChildAllergy*), by
 * room then name. */
GPtrArray *nk_allergy_list_to_confirm (NkStore *store, GError **error);

/* staff_id (a director or health staff) confirms the child's list: set
 * and other (may be NULL; set's OTHER bit follows it).  One record, one
 * event; emits changed::allergy. */
gboolean   nk_allergy_confirm       (NkStore *store, NkCentre *centre, const char *staff_id,
                                     const char *child_id, NkAllergens set, const char *other,
                                     GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NkChildAllergy, nk_child_allergy_free)

G_END_DECLS
