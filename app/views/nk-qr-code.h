/* nk-qr-code.h — a QR code as a GdkPaintable (libqrencode), drawn as
 * rectangles so it stays crisp at any size. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define NK_TYPE_QR_CODE (nk_qr_code_get_type ())
G_DECLARE_FINAL_TYPE (NkQrCode, nk_qr_code, NK, QR_CODE, GObject)

NkQrCode   *nk_qr_code_new      (const char *text);
/* Re-encodes; a text that cannot be encoded leaves the code empty. */
void        nk_qr_code_set_text (NkQrCode *self, const char *text);
const char *nk_qr_code_get_text (NkQrCode *self);
/* Modules per side (0 when empty), for tests. */
guint       nk_qr_code_get_size (NkQrCode *self);
gboolean    nk_qr_code_get_module (NkQrCode *self, guint x, guint y);

G_END_DECLS
