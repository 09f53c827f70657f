/* admin-config.h — nursery-kiosk-admin check-config (docs/admin.md): the
 * configuration file read as the kiosk reads it, and what it points to (the
 * platform's CA file) looked at, without a database; for a box's image
 * before it is written and for a technician after an edit. */
#pragma once

#include "admin-private.h"

G_BEGIN_DECLS

int admin_check_config_check (Admin *admin, GStrv args);
int admin_check_config_run   (Admin *admin, NkStore *store, GStrv args);

#define ADMIN_CHECK_CONFIG_COMMAND \
  { "check-config", "check-config", \
    N_("Check the configuration file as the kiosk reads it, without a database"), \
    N_("Every key is checked as the kiosk checks it at start; the CA file of\n" \
       "sync.ca-file must be there and hold a PEM certificate.  Prints the platform\n" \
       "and the data directory the kiosk will use.  Exit status 0 when the kiosk\n" \
       "can start with it, 1 otherwise, with the reason."), \
    FALSE, admin_check_config_check, admin_check_config_run, NULL, TRUE }

G_END_DECLS
