/* nk-application.h — the kiosk application (org.nurserykiosk.Kiosk):
 * reads the options and the configuration, opens the services and hands
 * them to the window. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define NK_TYPE_APPLICATION (nk_application_get_type ())
G_DECLARE_FINAL_TYPE (NkApplication, nk_application, NK, APPLICATION, AdwApplication)

NkApplication *nk_application_new (void);

G_END_DECLS
