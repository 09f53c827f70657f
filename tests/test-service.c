/* test-service.c — the service manager's notifications (nk-service.h):
 * READY and WATCHDOG datagrams on a path and on an abstract socket, the
 * watchdog interval read from the environment (another process's, bad
 * values), pings from the main loop, an unreachable socket reported. */
#include <gio/gio.h>
#include <gio/gunixsocketaddress.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "devices/nk-service.h"

typedef struct
{
  char *dir;
  GSocket *socket;
  char *name;      /* what NOTIFY_SOCKET says */
} Fixture;

static void
bind_socket (Fixture *f, GSocketAddress *address)
{
  g_autoptr (GError) error = NULL;

  f->socket = g_socket_new (G_SOCKET_FAMILY_UNIX, G_SOCKET_TYPE_DATAGRAM, G_SOCKET_PROTOCOL_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (g_socket_bind (f->socket, address, FALSE, &error));
  g_assert_no_error (error);
  g_setenv ("NOTIFY_SOCKET", f->name, TRUE);
}

static void
setup_path (Fixture *f, gconstpointer data)
{
  g_autoptr (GSocketAddress) address = NULL;

  f->dir = g_dir_make_tmp ("nk-service-XXXXXX", NULL);
  f->name = g_build_filename (f->dir, "notify", NULL);
  address = g_unix_socket_address_new (f->name);
  bind_socket (f, address);
}

static void
setup_abstract (Fixture *f, gconstpointer data)
{
  g_autoptr (GSocketAddress) address = NULL;
  g_autofree char *abstract = g_strdup_printf ("nk-service-test-%d", (int) getpid ());

  f->name = g_strconcat ("@", abstract, NULL);
  address = g_unix_socket_address_new_with_type (abstract, -1, G_UNIX_SOCKET_ADDRESS_ABSTRACT);
  bind_socket (f, address);
}

static void
teardown (Fixture *f, gconstpointer data)
{
  g_unsetenv ("NOTIFY_SOCKET");
  g_unsetenv ("WATCHDOG_USEC");
  g_unsetenv ("WATCHDOG_PID");
  g_unsetenv ("NK_WATCHDOG_USEC");
  g_clear_object (&f->socket);
  if (f->dir != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, "notify", NULL);

      g_unlink (path);
      g_rmdir (f->dir);
    }
  g_free (f->dir);
  g_free (f->name);
}

/* The next datagram, waiting at most 10 s for it. */
static char *
receive (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  char buffer[4096];
  gssize n;

  g_socket_set_timeout (f->socket, 10);
  n = g_socket_receive (f->socket, buffer, sizeof buffer - 1, NULL, &error);
  g_assert_no_error (error);
  buffer[n] = '\0';
  return g_strdup (buffer);
}

static void
test_ready (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *got = NULL;

  g_assert_true (nk_service_notify ("READY=1\nSTATUS=Door screen shown", &error));
  g_assert_no_error (error);
  got = receive (f);
  g_assert_cmpstr (got, ==, "READY=1\nSTATUS=Door screen shown");
}

/* WATCHDOG_USEC=200 ms for this process: a ping at once, then every
 * 100 ms from the main loop. */
static void
test_watchdog (Fixture *f, gconstpointer data)
{
  g_autofree char *pid = g_strdup_printf ("%d", (int) getpid ());
  guint id;
  int pings = 0;

  g_setenv ("WATCHDOG_USEC", "200000", TRUE);
  g_setenv ("WATCHDOG_PID", pid, TRUE);
  g_assert_cmpint (nk_service_watchdog_usec (NULL), ==, 200000);
  id = nk_service_watchdog_start ();
  g_assert_cmpuint (id, !=, 0);
  g_socket_set_blocking (f->socket, FALSE);
  /* the loop runs the pings; each one read as it comes */
  while (pings < 3)
    {
      char buffer[64];
      gssize n = g_socket_receive (f->socket, buffer, sizeof buffer - 1, NULL, NULL);

      if (n > 0)
        {
          buffer[n] = '\0';
          g_assert_cmpstr (buffer, ==, "WATCHDOG=1");
          pings++;
        }
      else
        g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (id);
}

/* The unit asks the kiosk for a watchdog (NK_WATCHDOG_USEC, systemd runs
 * none yet): turned on with WATCHDOG_USEC=, then the pings. */
static void
test_watchdog_turned_on (Fixture *f, gconstpointer data)
{
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  gboolean turn_on = FALSE;
  guint id;

  g_setenv ("NK_WATCHDOG_USEC", "300000", TRUE);
  g_assert_cmpint (nk_service_watchdog_usec (&turn_on), ==, 300000);
  g_assert_true (turn_on);
  id = nk_service_watchdog_start ();
  g_assert_cmpuint (id, !=, 0);
  first = receive (f);
  g_assert_cmpstr (first, ==, "WATCHDOG_USEC=300000");
  second = receive (f);
  g_assert_cmpstr (second, ==, "WATCHDOG=1");
  g_source_remove (id);

  /* systemd's own wins: nothing to turn on */
  g_setenv ("WATCHDOG_USEC", "1000000", TRUE);
  g_assert_cmpint (nk_service_watchdog_usec (&turn_on), ==, 1000000);
  g_assert_false (turn_on);
  /* no service manager: the unit's ask means nothing */
  g_unsetenv ("WATCHDOG_USEC");
  g_unsetenv ("NOTIFY_SOCKET");
  g_assert_cmpint (nk_service_watchdog_usec (&turn_on), ==, 0);
  g_setenv ("NOTIFY_SOCKET", f->name, TRUE);
  g_setenv ("NK_WATCHDOG_USEC", "soon", TRUE);
  g_assert_cmpint (nk_service_watchdog_usec (&turn_on), ==, 0);
}

/* No watchdog: none asked for, another process's, or not a number. */
static void
test_watchdog_not_ours (Fixture *f, gconstpointer data)
{
  g_assert_cmpint (nk_service_watchdog_usec (NULL), ==, 0);
  g_assert_cmpuint (nk_service_watchdog_start (), ==, 0);

  g_setenv ("WATCHDOG_USEC", "5000000", TRUE);
  g_setenv ("WATCHDOG_PID", "999999999", TRUE);
  g_assert_cmpint (nk_service_watchdog_usec (NULL), ==, 0);
  /* the compositor's (cage is the service's main process): the kiosk's */
  {
    g_autofree char *parent = g_strdup_printf ("%d", (int) getppid ());

    g_setenv ("WATCHDOG_PID", parent, TRUE);
    g_assert_cmpint (nk_service_watchdog_usec (NULL), ==, 5000000);
  }

  g_unsetenv ("WATCHDOG_PID");
  g_assert_cmpint (nk_service_watchdog_usec (NULL), ==, 5000000);
  g_setenv ("WATCHDOG_USEC", "five seconds", TRUE);
  g_assert_cmpint (nk_service_watchdog_usec (NULL), ==, 0);
  g_setenv ("WATCHDOG_USEC", "0", TRUE);
  g_assert_cmpint (nk_service_watchdog_usec (NULL), ==, 0);
}

/* Started by hand: nothing to tell, and no error.  A socket that is not
 * there, or a name that is no socket: FALSE with the reason. */
static void
test_unreachable (void)
{
  g_autoptr (GError) error = NULL;

  g_unsetenv ("NOTIFY_SOCKET");
  g_assert_true (nk_service_notify ("READY=1", &error));
  g_assert_no_error (error);

  g_setenv ("NOTIFY_SOCKET", "/nonexistent/nk-notify", TRUE);
  g_assert_false (nk_service_notify ("READY=1", &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "/nonexistent/nk-notify"));
  g_clear_error (&error);

  g_setenv ("NOTIFY_SOCKET", "relative/path", TRUE);
  g_assert_false (nk_service_notify ("READY=1", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_unsetenv ("NOTIFY_SOCKET");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/nk/service/ready-on-a-path", Fixture, NULL, setup_path, test_ready, teardown);
  g_test_add ("/nk/service/ready-on-an-abstract-socket", Fixture, NULL, setup_abstract, test_ready, teardown);
  g_test_add ("/nk/service/watchdog-pings", Fixture, NULL, setup_path, test_watchdog, teardown);
  g_test_add ("/nk/service/watchdog-turned-on", Fixture, NULL, setup_path, test_watchdog_turned_on, teardown);
  g_test_add ("/nk/service/watchdog-not-ours", Fixture, NULL, setup_path, test_watchdog_not_ours, teardown);
  g_test_add_func ("/nk/service/unreachable", test_unreachable);
  return g_test_run ();
}
