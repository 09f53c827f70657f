/* test-reader.c — the reader interface: spec parsing, the simulator,
 * taps and states handed from other threads to the right main context,
 * and the keyboard-wedge reader's failure states. */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "devices/nk-reader.h"
#include "devices/nk-reader-nfc.h"
#include "devices/nk-reader-sim.h"
#include "devices/nk-reader-wedge.h"

typedef struct {
  GPtrArray *uids;
  GThread   *thread;   /* where the last signal came */
} Taps;

static void
on_card_tapped (NkReader   *reader,
                const char *uid,
                Taps       *taps)
{
  g_ptr_array_add (taps->uids, g_strdup (uid));
  taps->thread = g_thread_self ();
}

static void
taps_init (Taps *taps)
{
  taps->uids = g_ptr_array_new_with_free_func (g_free);
  taps->thread = NULL;
}

static void
taps_clear (Taps *taps)
{
  g_clear_pointer (&taps->uids, g_ptr_array_unref);
}

static gboolean
keep_waking (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Iterates context until done(data) or a generous limit (a failure). */
static gboolean
wait_until (GMainContext *context,
            gboolean    (*done) (gpointer data),
            gpointer      data)
{
  gint64 give_up = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  GSource *tick = g_timeout_source_new (10);
  gboolean ok;

  g_source_set_callback (tick, keep_waking, NULL, NULL);
  g_source_attach (tick, context);
  while (!(ok = done (data)) && g_get_monotonic_time () < give_up)
    g_main_context_iteration (context, TRUE);
  g_source_destroy (tick);
  g_source_unref (tick);

  return ok;
}

/* Runs every source that is ready now, without blocking. */
static void
drain (GMainContext *context)
{
  while (g_main_context_iteration (context, FALSE))
    ;
}

static gboolean
has_taps (gpointer data)
{
  return ((Taps *) data)->uids->len > 0;
}

typedef struct {
  NkReader      *reader;
  NkReaderState  state;
} StateWait;

static gboolean
state_reached (gpointer data)
{
  StateWait *wait = data;

  return nk_reader_get_state (wait->reader) == wait->state;
}

static void
test_spec_good (void)
{
  struct {
    const char *spec;
    GType       type;
    const char *kind;
    const char *device;
  } cases[] = {
    { "sim", NK_TYPE_READER_SIM, "sim", NULL },
    { "  SIM\n", NK_TYPE_READER_SIM, "sim", NULL },
    { "nfc", NK_TYPE_READER_NFC, "nfc", NULL },
    { "nfc:pn532_uart:/dev/ttyUSB0", NK_TYPE_READER_NFC, "nfc", "pn532_uart:/dev/ttyUSB0" },
    { "nfc:acr122_usb", NK_TYPE_READER_NFC, "nfc", "acr122_usb" },
    { "wedge", NK_TYPE_READER_WEDGE, "wedge", NULL },
    { "wedge:/dev/input/event3", NK_TYPE_READER_WEDGE, "wedge", "/dev/input/event3" },
    { "wedge:/dev/input/by-id/usb-Sycreader_RFID-event-kbd", NK_TYPE_READER_WEDGE, "wedge",
      "/dev/input/by-id/usb-Sycreader_RFID-event-kbd" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(NkReader) reader = nk_reader_new_for_spec (cases[i].spec, NULL, &error);

      g_assert_no_error (error);
      g_assert_nonnull (reader);
      g_assert_true (G_TYPE_CHECK_INSTANCE_TYPE (reader, cases[i].type));
      g_assert_cmpstr (nk_reader_get_kind (reader), ==, cases[i].kind);
      g_assert_cmpint (nk_reader_get_state (reader), ==, NK_READER_STATE_STOPPED);
      g_assert_cmpstr (nk_reader_get_message (reader), !=, "");

      if (NK_IS_READER_NFC (reader))
        g_assert_cmpstr (nk_reader_nfc_get_connstring (NK_READER_NFC (reader)), ==, cases[i].device);
      else if (NK_IS_READER_WEDGE (reader))
        g_assert_cmpstr (nk_reader_wedge_get_device (NK_READER_WEDGE (reader)), ==, cases[i].device);
    }
}

static void
test_spec_bad (void)
{
  const char *specs[] = {
    "",
    "   ",
    "bogus",
    "simulator",
    "sim:04A1B2C3",
    "nfc:",
    "nfcx",
    "wedge:",
    "wedge:event3",
    "wedge:dev/input/event3",
    "usb",
    ":nfc",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (specs); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(NkReader) reader = nk_reader_new_for_spec (specs[i], NULL, &error);

      g_assert_null (reader);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
      g_assert_cmpstr (error->message, !=, "");
      /* The message names what was wrong. */
      {
        g_autofree char *trimmed = g_strstrip (g_strdup (specs[i]));
        if (*trimmed != '\0')
          g_assert_nonnull (strstr (error->message, trimmed));
      }
    }

  /* NULL is no reader either. */
  {
    g_autoptr(GError) error = NULL;
    g_assert_null (nk_reader_new_for_spec (NULL, NULL, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  }

  /* A connection string longer than libnfc takes. */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *x = g_strnfill (NK_READER_NFC_CONNSTRING_MAX, 'x');
    g_autofree char *spec = g_strconcat ("nfc:pn532_uart:/dev/", x, NULL);

    g_assert_null (nk_reader_new_for_spec (spec, NULL, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  }
}

static void
test_state_enum (void)
{
  GEnumClass *klass = g_type_class_ref (NK_TYPE_READER_STATE);
  GEnumValue *value = g_enum_get_value (klass, NK_READER_STATE_DISCONNECTED);

  g_assert_nonnull (value);
  g_assert_cmpstr (value->value_nick, ==, "disconnected");
  g_assert_nonnull (g_enum_get_value_by_nick (klass, "ready"));
  g_type_class_unref (klass);
}

static void
test_sim_tap (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NkReader) reader = nk_reader_new_for_spec ("sim", NULL, &error);
  Taps taps;

  g_assert_no_error (error);
  taps_init (&taps);
  g_signal_connect (reader, "card-tapped", G_CALLBACK (on_card_tapped), &taps);

  /* Not started: nothing is taken. */
  nk_reader_sim_tap (NK_READER_SIM (reader), "04A1B2C3");
  drain (NULL);
  g_assert_cmpuint (taps.uids->len, ==, 0);

  g_assert_true (nk_reader_start (reader, &error));
  g_assert_no_error (error);
  g_assert_cmpint (nk_reader_get_state (reader), ==, NK_READER_STATE_READY);
  g_assert_cmpstr (nk_reader_get_message (reader), ==, "Simulated card reader ready");

  /* The signal comes from the main loop, never from inside the call. */
  nk_reader_sim_tap (NK_READER_SIM (reader), " 04:a1:b2:c3 ");
  g_assert_cmpuint (taps.uids->len, ==, 0);
  g_assert_true (wait_until (NULL, has_taps, &taps));
  g_assert_cmpuint (taps.uids->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (taps.uids, 0), ==, "04A1B2C3");
  g_assert_true (taps.thread == g_thread_self ());

  /* Not a UID: handed on trimmed, for the core to call unreadable. */
  nk_reader_sim_tap (NK_READER_SIM (reader), "  hello\n");
  drain (NULL);
  g_assert_cmpuint (taps.uids->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (taps.uids, 1), ==, "hello");

  /* A tap still queued when the reader stops is dropped, and later
   * taps are ignored. */
  nk_reader_sim_tap (NK_READER_SIM (reader), "04A1B2C3");
  nk_reader_stop (reader);
  g_assert_cmpint (nk_reader_get_state (reader), ==, NK_READER_STATE_STOPPED);
  nk_reader_sim_tap (NK_READER_SIM (reader), "04A1B2C3");
  drain (NULL);
  g_assert_cmpuint (taps.uids->len, ==, 2);

  /* Started again, it works again. */
  g_assert_true (nk_reader_start (reader, &error));
  nk_reader_sim_tap (NK_READER_SIM (reader), "04112233445566");
  drain (NULL);
  g_assert_cmpuint (taps.uids->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (taps.uids, 2), ==, "04112233445566");

  taps_clear (&taps);
}

static void
test_sim_uid_options (void)
{
  const NkUidOptions decimal = { NK_UID_FORMAT_DECIMAL, FALSE };
  const NkUidOptions reversed = { NK_UID_FORMAT_HEX, TRUE };
  const NkUidOptions decimal_reversed = { NK_UID_FORMAT_DECIMAL, TRUE };
  g_autoptr(GError) error = NULL;
  g_autoptr(NkReader) dec = nk_reader_new_for_spec ("sim", &decimal, &error);
  g_autoptr(NkReader) rev = nk_reader_new_for_spec ("sim", &reversed, &error);
  g_autoptr(NkReader) decrev = nk_reader_new_for_spec ("sim", &decimal_reversed, &error);
  Taps taps;

  g_assert_no_error (error);
  taps_init (&taps);
  g_signal_connect (dec, "card-tapped", G_CALLBACK (on_card_tapped), &taps);
  g_signal_connect (rev, "card-tapped", G_CALLBACK (on_card_tapped), &taps);
  g_signal_connect (decrev, "card-tapped", G_CALLBACK (on_card_tapped), &taps);
  g_assert_true (nk_reader_start (dec, NULL));
  g_assert_true (nk_reader_start (rev, NULL));
  g_assert_true (nk_reader_start (decrev, NULL));

  /* 0x04A1B2C3 = 77705923 */
  nk_reader_sim_tap (NK_READER_SIM (dec), "0077705923");
  drain (NULL);
  /* Bytes reported least significant first. */
  nk_reader_sim_tap (NK_READER_SIM (rev), "C3B2A104");
  drain (NULL);
  /* 0xC3B2A104 = 3283263748, the decimal of the reversed bytes. */
  nk_reader_sim_tap (NK_READER_SIM (decrev), "3283263748");
  drain (NULL);

  g_assert_cmpuint (taps.uids->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (taps.uids, 0), ==, "04A1B2C3");
  g_assert_cmpstr (g_ptr_array_index (taps.uids, 1), ==, "04A1B2C3");
  g_assert_cmpstr (g_ptr_array_index (taps.uids, 2), ==, "04A1B2C3");

  taps_clear (&taps);
}

typedef struct {
  NkReader *reader;
  guint     n;
} ThreadJob;

static gpointer
deliver_from_thread (gpointer data)
{
  ThreadJob *job = data;

  for (guint i = 0; i < job->n; i++)
    {
      g_autofree char *raw = g_strdup_printf ("04a1b2%02x", i);
      nk_reader_deliver (job->reader, raw);
    }
  nk_reader_report_state (job->reader, NK_READER_STATE_DISCONNECTED, "Unplugged in a test");

  return NULL;
}

static void
test_deliver_from_thread (void)
{
  g_autoptr(NkReader) reader = NK_READER (nk_reader_sim_new (NULL));
  ThreadJob job = { reader, 5 };
  StateWait wait = { reader, NK_READER_STATE_DISCONNECTED };
  GThread *thread;
  Taps taps;

  taps_init (&taps);
  g_signal_connect (reader, "card-tapped", G_CALLBACK (on_card_tapped), &taps);
  g_assert_true (nk_reader_start (reader, NULL));

  thread = g_thread_new ("test-deliver", deliver_from_thread, &job);
  g_thread_join (thread);

  /* Queued, not emitted: the main loop has not run. */
  g_assert_cmpuint (taps.uids->len, ==, 0);
  g_assert_cmpint (nk_reader_get_state (reader), ==, NK_READER_STATE_READY);

  g_assert_true (wait_until (NULL, state_reached, &wait));
  drain (NULL);
  g_assert_cmpuint (taps.uids->len, ==, 5);
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *expected = g_strdup_printf ("04A1B2%02X", i);
      g_assert_cmpstr (g_ptr_array_index (taps.uids, i), ==, expected);
    }
  /* Emitted on the thread that runs the reader's main context. */
  g_assert_true (taps.thread == g_thread_self ());
  g_assert_cmpstr (nk_reader_get_message (reader), ==, "Unplugged in a test");

  taps_clear (&taps);
}

static void
test_deliver_to_own_context (void)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(NkReader) reader = NULL;
  ThreadJob job = { NULL, 1 };
  GThread *thread;
  Taps taps;

  /* A reader made while another context is thread-default belongs to it. */
  g_main_context_push_thread_default (context);
  reader = NK_READER (nk_reader_sim_new (NULL));
  g_main_context_pop_thread_default (context);
  job.reader = reader;

  taps_init (&taps);
  g_signal_connect (reader, "card-tapped", G_CALLBACK (on_card_tapped), &taps);
  g_assert_true (nk_reader_start (reader, NULL));

  thread = g_thread_new ("test-deliver", deliver_from_thread, &job);
  g_thread_join (thread);

  drain (NULL);
  g_assert_cmpuint (taps.uids->len, ==, 0);
  g_assert_true (wait_until (context, has_taps, &taps));
  g_assert_cmpstr (g_ptr_array_index (taps.uids, 0), ==, "04A1B200");

  nk_reader_stop (reader);
  drain (context);
  taps_clear (&taps);
}

static void
test_wedge_missing (void)
{
  g_autofree char *dir = g_dir_make_tmp ("nk-wedge-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "event99", NULL);
  g_autofree char *spec = g_strconcat ("wedge:", path, NULL);
  g_autoptr(NkReader) reader = nk_reader_new_for_spec (spec, NULL, NULL);

  nk_reader_wedge_set_retry_interval (NK_READER_WEDGE (reader), 20);
  g_assert_true (nk_reader_start (reader, NULL));
  g_assert_cmpint (nk_reader_get_state (reader), ==, NK_READER_STATE_DISCONNECTED);
  g_assert_nonnull (strstr (nk_reader_get_message (reader), path));
  g_assert_null (nk_reader_wedge_get_open_device (NK_READER_WEDGE (reader)));

  /* Something appears there that is no input device: that cannot work. */
  {
    StateWait wait = { reader, NK_READER_STATE_FAILED };

    g_assert_true (g_file_set_contents (path, "not evdev", -1, NULL));
    g_assert_true (wait_until (NULL, state_reached, &wait));
    g_assert_nonnull (strstr (nk_reader_get_message (reader), "is not a keyboard card reader"));
  }

  nk_reader_stop (reader);
  g_assert_cmpint (nk_reader_get_state (reader), ==, NK_READER_STATE_STOPPED);
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_wedge_permission (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *spec = NULL;
  g_autoptr(NkReader) reader = NULL;

  if (geteuid () == 0)
    {
      g_test_skip ("root may read any file");
      return;
    }

  dir = g_dir_make_tmp ("nk-wedge-XXXXXX", NULL);
  path = g_build_filename (dir, "event0", NULL);
  spec = g_strconcat ("wedge:", path, NULL);
  g_assert_true (g_file_set_contents (path, "", -1, NULL));
  g_assert_cmpint (g_chmod (path, 0), ==, 0);

  reader = nk_reader_new_for_spec (spec, NULL, NULL);
  g_assert_true (nk_reader_start (reader, NULL));
  g_assert_cmpint (nk_reader_get_state (reader), ==, NK_READER_STATE_FAILED);
  g_assert_nonnull (strstr (nk_reader_get_message (reader), "input"));

  nk_reader_stop (reader);
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_wedge_auto_none (void)
{
  g_autoptr(NkReader) reader = NULL;

  if (g_file_test ("/dev/input", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("this machine has input devices; the result depends on them");
      return;
    }

  reader = nk_reader_new_for_spec ("wedge", NULL, NULL);
  g_assert_true (nk_reader_start (reader, NULL));
  g_assert_cmpint (nk_reader_get_state (reader), ==, NK_READER_STATE_DISCONNECTED);
  g_assert_cmpstr (nk_reader_get_message (reader), ==, "No keyboard card reader found — retrying");
  nk_reader_stop (reader);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/nk/reader/spec-good", test_spec_good);
  g_test_add_func ("/nk/reader/spec-bad", test_spec_bad);
  g_test_add_func ("/nk/reader/state-enum", test_state_enum);
  g_test_add_func ("/nk/reader/sim-tap", test_sim_tap);
  g_test_add_func ("/nk/reader/sim-uid-options", test_sim_uid_options);
  g_test_add_func ("/nk/reader/deliver-from-thread", test_deliver_from_thread);
  g_test_add_func ("/nk/reader/deliver-to-own-context", test_deliver_to_own_context);
  g_test_add_func ("/nk/reader/wedge-missing", test_wedge_missing);
  g_test_add_func ("/nk/reader/wedge-permission", test_wedge_permission);
  g_test_add_func ("/nk/reader/wedge-auto-none", test_wedge_auto_none);

  return g_test_run ();
}
