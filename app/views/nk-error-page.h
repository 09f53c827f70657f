/* nk-error-page.h — a full-screen problem: icon, title, the plain
 * message and what to do about it. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define NK_TYPE_ERROR_PAGE (nk_error_page_get_type ())
G_DECLARE_FINAL_TYPE (NkErrorPage, nk_error_page, NK, ERROR_PAGE, GtkWidget)

GtkWidget  *nk_error_page_new         (void);
void        nk_error_page_set         (NkErrorPage *self, const char *title,
                                       const char *message, const char *hint);
const char *nk_error_page_get_title   (NkErrorPage *self);
const char *nk_error_page_get_message (NkErrorPage *self);
const char *nk_error_page_get_hint    (NkErrorPage *self);

G_END_DECLS
