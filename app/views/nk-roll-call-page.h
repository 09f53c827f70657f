/* nk-roll-call-page.h — staff mode's emergency roll call (紧急点名,
 * nk-roll-call.h) on the whole screen: how many are still missing at the
 * top, big; then by room everyone on site as large tiles, each ticked
 * with one touch ("rollcall.tick", kind and id) and unticked with
 * another; "Finish" asks first, naming how many are missing; once
 * finished, a summary and "Write PDF" to one of the folders listed (the
 * data directory's exports folder, removable media), and the page emits
 * "finished".  Another door's
 * ticks show as they are relayed ("changed::rollcall.ticked"). */
#pragma once

#include <gtk/gtk.h>

#include "core/nk-door.h"
#include "core/nk-roll-call.h"

G_BEGIN_DECLS

#define NK_TYPE_ROLL_CALL_PAGE (nk_roll_call_page_get_type ())
G_DECLARE_FINAL_TYPE (NkRollCallPage, nk_roll_call_page, NK, ROLL_CALL_PAGE, GtkWidget)

/* Shows roll call id of door's store; staff_id ticks and finishes. */
void        nk_roll_call_page_show  (NkRollCallPage *self, NkDoor *door, const char *staff_id, const char *id);
/* Lets go of the roll call (staff mode closed: no names stay behind). */
void        nk_roll_call_page_clear (NkRollCallPage *self);
/* Whether it holds a roll call not finished (staff mode does not lock). */
gboolean    nk_roll_call_page_is_open (NkRollCallPage *self);

/* Where the folders listed for the PDF are looked for (default "/media"
 * and "/run/media"; tests give their own), NULL: none. */
void        nk_roll_call_page_set_media (NkRollCallPage *self, const char *media, const char *run_media);

/* For tests: the roll call shown (or NULL), the line at the top, the
 * tile of a person, the folders listed, the PDF written last. */
const NkRollCall *nk_roll_call_page_get_call     (NkRollCallPage *self);
const char       *nk_roll_call_page_get_headline (NkRollCallPage *self);
GtkWidget        *nk_roll_call_page_get_tile     (NkRollCallPage *self, NkRollCallPersonKind kind,
                                                  const char *person_id);
GPtrArray        *nk_roll_call_page_get_folders  (NkRollCallPage *self);
const char       *nk_roll_call_page_get_written  (NkRollCallPage *self);

G_END_DECLS
