/* nk-service.h — telling the service manager how the kiosk is, in the
 * notification protocol of sd_notify(3) (a datagram of KEY=VALUE lines to
 * the socket named by $NOTIFY_SOCKET), without libsystemd: READY once the
 * door screen is painted, WATCHDOG pings from the main loop from then on
 * (a hung main loop stops them and systemd restarts the kiosk), STOPPING
 * at shutdown.  The watchdog starts with the door, not with the process:
 * systemd's own (WatchdogSec=) runs while the kiosk starts, and a slow box
 * or a long migration before the first paint would be killed in a loop;
 * so the unit asks for it with NK_WATCHDOG_USEC and the kiosk turns it on
 * (WATCHDOG_USEC=) once the door is painted.
 * A kiosk started by hand, with no NOTIFY_SOCKET, sends nothing. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Sends state ("READY=1\nSTATUS=…") to the service manager.  TRUE when
 * sent, or when no service manager asked for it; FALSE with error when
 * the socket named cannot be reached (the kiosk carries on). */
gboolean nk_service_notify         (const char *state,
                                    GError    **error);

/* The watchdog interval: the one systemd runs (WATCHDOG_USEC, for this
 * process or its parent, the compositor, when WATCHDOG_PID is set), else
 * the one the unit asks the kiosk to turn on (NK_WATCHDOG_USEC), else 0;
 * a value that is not a positive number is 0, with a journal line.
 * turn_on: whether the kiosk must tell systemd the interval (the second
 * case); may be NULL. */
gint64   nk_service_watchdog_usec  (gboolean *turn_on);

/* Turns the watchdog on when the unit asked for it, then pings it from
 * the thread-default main context at half the interval; returns the
 * source's id, or 0 when no watchdog was asked for.  Call it once the door
 * screen is painted, after READY=1. */
guint    nk_service_watchdog_start (void);

G_END_DECLS
