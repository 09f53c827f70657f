/* nk-enrol-page.h — the screen of an unenrolled kiosk: a QR code for the
 * director to scan with the platform app, and an entry for an enrolment
 * code.  Emits "enrolled" once the device token is stored. */
#pragma once

#include <gtk/gtk.h>
#include "sync/nk-sync.h"

G_BEGIN_DECLS

#define NK_TYPE_ENROL_PAGE (nk_enrol_page_get_type ())
G_DECLARE_FINAL_TYPE (NkEnrolPage, nk_enrol_page, NK, ENROL_PAGE, GtkWidget)

GtkWidget  *nk_enrol_page_new        (NkSync *sync);
/* The URI the QR code shows now (nurserykiosk://enrol?…), or NULL. */
const char *nk_enrol_page_get_qr_uri (NkEnrolPage *self);

G_END_DECLS
