/* nk-service.h — telling the service manager how the kiosk is, in the
 * notification protocol of sd_notify(3) (a datagram of KEY=VALUE lines to
 * the socket named by $NOTIFY_SOCKET), without libsystemd: READY once the
 * door screen is painted, WATCHDOG pings from the main loop (a hung main
 * loop stops them and systemd restarts the kiosk), STOPPING at shutdown.
 * A kiosk started by hand, with no NOTIFY_SOCKET, sends nothing. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Sends state ("READY=1\nSTATUS=…") to the service manager.  TRUE when
 * sent, or when no service manager asked for it; FALSE with error when
 * the socket named cannot be reached (the kiosk carries on). */
gboolean nk_service_notify         (const char *state,
                                    GError    **error);

/* The watchdog interval the service manager asked for (WATCHDOG_USEC, for
 * this process or its parent, the compositor, when WATCHDOG_PID is set),
 * or 0 when none; a value that is not a positive number is 0, with a
 * journal line. */
gint64   nk_service_watchdog_usec  (void);

/* Pings the watchdog from the thread-default main context at half the
 * interval asked for; returns the source's id, or 0 when no watchdog was
 * asked for. */
guint    nk_service_watchdog_start (void);

G_END_DECLS
