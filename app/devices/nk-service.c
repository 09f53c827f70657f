/* nk-service.c — the service manager's notifications (see nk-service.h). */
#define G_LOG_DOMAIN "nk-service"

#include "config.h"

#include <gio/gio.h>
#include <gio/gunixsocketaddress.h>
#include <unistd.h>

#include "nk-service.h"

static GSocketAddress *
notify_address (const char *name)
{
  /* "@name" is a socket in the abstract namespace, anything else a path */
  if (name[0] == '@')
    return g_unix_socket_address_new_with_type (name + 1, -1, G_UNIX_SOCKET_ADDRESS_ABSTRACT);
  return g_unix_socket_address_new (name);
}

gboolean
nk_service_notify (const char *state,
                   GError    **error)
{
  const char *name = g_getenv ("NOTIFY_SOCKET");
  g_autoptr (GSocket) socket = NULL;
  g_autoptr (GSocketAddress) address = NULL;
  gssize sent;

  g_return_val_if_fail (state != NULL, FALSE);

  if (name == NULL || name[0] == '\0')
    return TRUE;
  if (name[0] != '/' && name[0] != '@')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "NOTIFY_SOCKET=%s is neither a path nor an abstract socket", name);
      return FALSE;
    }
  socket = g_socket_new (G_SOCKET_FAMILY_UNIX, G_SOCKET_TYPE_DATAGRAM, G_SOCKET_PROTOCOL_DEFAULT, error);
  if (socket == NULL)
    return FALSE;
  address = notify_address (name);
  sent = g_socket_send_to (socket, address, state, strlen (state), NULL, error);
  if (sent < 0)
    {
      g_prefix_error (error, "%s: ", name);
      return FALSE;
    }
  return TRUE;
}

static gint64
parse_usec (const char *name, const char *value)
{
  guint64 usec;

  if (!g_ascii_string_to_unsigned (value, 10, 1, G_MAXINT64, &usec, NULL))
    {
      g_message ("%s=%s is not a number of microseconds: no watchdog pings", name, value);
      return 0;
    }
  return (gint64) usec;
}

gint64
nk_service_watchdog_usec (gboolean *turn_on)
{
  const char *usec = g_getenv ("WATCHDOG_USEC");
  const char *pid = g_getenv ("WATCHDOG_PID");
  const char *asked = g_getenv ("NK_WATCHDOG_USEC");

  if (turn_on != NULL)
    *turn_on = FALSE;
  if (usec != NULL && usec[0] != '\0')
    {
      /* set for another process: not ours.  Under cage the compositor is
       * the service's main process and the kiosk its client, its child:
       * the watchdog is for the kiosk (the unit says NotifyAccess=all). */
      if (pid != NULL && pid[0] != '\0')
        {
          guint64 owner;

          if (!g_ascii_string_to_unsigned (pid, 10, 1, G_MAXINT, &owner, NULL)
              || (owner != (guint64) getpid () && owner != (guint64) getppid ()))
            return 0;
        }
      return parse_usec ("WATCHDOG_USEC", usec);
    }
  if (asked != NULL && asked[0] != '\0' && g_getenv ("NOTIFY_SOCKET") != NULL)
    {
      gint64 value = parse_usec ("NK_WATCHDOG_USEC", asked);

      if (turn_on != NULL)
        *turn_on = value > 0;
      return value;
    }
  return 0;
}

static gboolean
ping_cb (gpointer user_data)
{
  g_autoptr (GError) error = NULL;

  if (!nk_service_notify ("WATCHDOG=1", &error))
    g_message ("Watchdog ping not sent: %s", error->message);
  return G_SOURCE_CONTINUE;
}

guint
nk_service_watchdog_start (void)
{
  gboolean turn_on;
  gint64 usec = nk_service_watchdog_usec (&turn_on);
  guint interval_ms, id;

  if (usec == 0)
    return 0;
  if (turn_on)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *state = g_strdup_printf ("WATCHDOG_USEC=%" G_GINT64_FORMAT, usec);

      if (!nk_service_notify (state, &error))
        {
          g_message ("The watchdog was not turned on: %s", error->message);
          return 0;
        }
    }
  /* half the interval, as sd_watchdog_enabled(3) advises; at least 1 ms */
  interval_ms = (guint) MAX (usec / 2000, 1);
  id = g_timeout_add (interval_ms, ping_cb, NULL);
  g_source_set_name_by_id (id, "[nk] watchdog ping");
  g_message ("Watchdog: a ping every %u ms (the service manager waits %" G_GINT64_FORMAT " ms)",
             interval_ms, usec / 1000);
  ping_cb (NULL);
  return id;
}
