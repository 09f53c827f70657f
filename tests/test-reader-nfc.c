/* test-reader-nfc.c — the libnfc reader for real: libnfc's pn532_uart
 * driver talking to a PN532 emulated on a pseudo-terminal (pn532-emu.h). */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <nfc/nfc.h>
#include <string.h>
#include <unistd.h>

#include "devices/nk-reader.h"
#include "core/nk-uid.h"
#include "devices/nk-reader-nfc.h"
#include "devices/nk-reader-nfc-private.h"
#include "pn532-emu.h"

static const guint8 CARD_A[] = { 0x04, 0xA1, 0xB2, 0xC3 };
static const guint8 CARD_B[] = { 0x04, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66 };

typedef struct {
  char      *dir;
  char      *link;
  Pn532Emu  *emu;
  NkReader  *reader;
  GPtrArray *taps;
} Fixture;

static void
on_card_tapped (NkReader   *reader,
                const char *uid,
                Fixture    *fixture)
{
  g_assert_true (g_main_context_is_owner (g_main_context_default ()));
  g_ptr_array_add (fixture->taps, g_strdup (uid));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("nk-nfc-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->link = g_build_filename (fixture->dir, "ttyPN532", NULL);
  fixture->taps = g_ptr_array_new_with_free_func (g_free);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->reader);
  g_clear_pointer (&fixture->emu, pn532_emu_free);
  g_clear_pointer (&fixture->taps, g_ptr_array_unref);
  g_unlink (fixture->link);
  g_rmdir (fixture->dir);
  g_clear_pointer (&fixture->link, g_free);
  g_clear_pointer (&fixture->dir, g_free);
}

/* data: the Pn532EmuReading to run with (NULL: continuous). */
static void
start_emulator (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->emu = pn532_emu_new (fixture->link, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->emu);
  pn532_emu_set_reading (fixture->emu, (Pn532EmuReading) GPOINTER_TO_INT (data));
}

static void
start_reader (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *spec = g_strconcat ("nfc:pn532_uart:", fixture->link, NULL);

  fixture->reader = nk_reader_new_for_spec (spec, NULL, &error);
  g_assert_no_error (error);
  nk_reader_nfc_set_retry_interval (NK_READER_NFC (fixture->reader), 50);
  g_signal_connect (fixture->reader, "card-tapped", G_CALLBACK (on_card_tapped), fixture);
  g_assert_true (nk_reader_start (fixture->reader, &error));
  g_assert_no_error (error);
}

static gboolean
keep_waking (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop until done(fixture); FALSE after a generous limit. */
static gboolean
wait_until (Fixture   *fixture,
            gboolean (*done) (Fixture *fixture, gconstpointer arg),
            gconstpointer arg)
{
  gint64 give_up = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  guint tick = g_timeout_add (10, keep_waking, NULL);
  gboolean ok;

  while (!(ok = done (fixture, arg)) && g_get_monotonic_time () < give_up)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);

  return ok;
}

static gboolean
state_is (Fixture       *fixture,
          gconstpointer  state)
{
  return nk_reader_get_state (fixture->reader) == (NkReaderState) GPOINTER_TO_INT (state);
}

static gboolean
taps_reach (Fixture       *fixture,
            gconstpointer  n)
{
  return fixture->taps->len >= GPOINTER_TO_UINT (n);
}

static gboolean
polls_with_card_reach (Fixture       *fixture,
                       gconstpointer  n)
{
  return pn532_emu_get_polls (fixture->emu, TRUE) >= GPOINTER_TO_UINT (n);
}

static gboolean
polls_empty_reach (Fixture       *fixture,
                   gconstpointer  n)
{
  return pn532_emu_get_polls (fixture->emu, FALSE) >= GPOINTER_TO_UINT (n);
}

#define WAIT_STATE(f, s)  g_assert_true (wait_until ((f), state_is, GINT_TO_POINTER (s)))
#define WAIT_TAPS(f, n)   g_assert_true (wait_until ((f), taps_reach, GUINT_TO_POINTER (n)))

/* RF off and on: a card lying there starts afresh. */
static void
cycle_field (nfc_device *device)
{
  g_assert_cmpint (nfc_device_set_property_bool (device, NP_ACTIVATE_FIELD, false), ==, 0);
  g_assert_cmpint (nfc_device_set_property_bool (device, NP_ACTIVATE_FIELD, true), ==, 0);
}

/* libnfc alone against the emulator: the protocol is right. */
static void
test_emulator (Fixture       *fixture,
               gconstpointer  data)
{
  const nfc_modulation mifare = { .nmt = NMT_ISO14443A, .nbr = NBR_106 };
  g_autofree char *connstring = NULL;
  nfc_context *context = NULL;
  nfc_device *device;
  nfc_target target;
  char *info = NULL;

  start_emulator (fixture, data);
  connstring = pn532_emu_dup_connstring (fixture->emu);

  nfc_init (&context);
  g_assert_nonnull (context);
  device = nfc_open (context, connstring);
  g_assert_nonnull (device);
  /* The wake-up and the SAMConfiguration that ends low-power mode came first. */
  g_assert_cmpuint (pn532_emu_get_command_count (fixture->emu, 0x14), >=, 1);
  g_assert_cmpuint (pn532_emu_get_command_count (fixture->emu, 0x00), >=, 1);

  g_assert_cmpint (nfc_device_get_information_about (device, &info), >=, 0);
  g_assert_nonnull (strstr (info, "PN532 v1.6"));
  nfc_free (info);

  g_assert_cmpint (nfc_initiator_init (device), ==, 0);
  g_assert_true (pn532_emu_get_field (fixture->emu));
  g_assert_cmpint (nfc_device_set_property_bool (device, NP_INFINITE_SELECT, false), ==, 0);
  /* Register writes were kept: the chip is an initiator, with CRC. */
  g_assert_cmpuint (pn532_emu_get_register (fixture->emu, 0x633C) & 0x10, ==, 0x10);
  g_assert_cmpuint (pn532_emu_get_register (fixture->emu, 0x6302) & 0x80, ==, 0x80);

  /* No card. */
  g_assert_cmpint (nfc_initiator_select_passive_target (device, mifare, NULL, 0, &target), ==, 0);

  /* A 4-byte card, found by InListPassiveTarget. */
  pn532_emu_place_card (fixture->emu, CARD_A, sizeof CARD_A);
  memset (&target, 0, sizeof target);
  g_assert_cmpint (nfc_initiator_select_passive_target (device, mifare, NULL, 0, &target), ==, 1);
  g_assert_cmpuint (target.nti.nai.szUidLen, ==, 4);
  g_assert_cmpmem (target.nti.nai.abtUid, 4, CARD_A, sizeof CARD_A);
  g_assert_cmpuint (target.nti.nai.btSak, ==, 0x08);

  /* Activated, the card stays silent until the field goes off and on. */
  g_assert_cmpint (nfc_initiator_select_passive_target (device, mifare, NULL, 0, &target), ==, 0);
  cycle_field (device);

  /* Selecting by UID: only that card answers. */
  g_assert_cmpint (nfc_initiator_select_passive_target (device, mifare, CARD_B, sizeof CARD_B, &target), ==, 0);
  g_assert_cmpint (nfc_initiator_select_passive_target (device, mifare, CARD_A, sizeof CARD_A, &target), ==, 1);

  /* A 7-byte card, found by InAutoPoll. */
  pn532_emu_place_card (fixture->emu, CARD_B, sizeof CARD_B);
  memset (&target, 0, sizeof target);
  g_assert_cmpint (nfc_initiator_poll_target (device, &mifare, 1, 1, 1, &target), ==, 1);
  g_assert_cmpuint (target.nti.nai.szUidLen, ==, 7);
  g_assert_cmpmem (target.nti.nai.abtUid, 7, CARD_B, sizeof CARD_B);

  /* InAutoPoll with nothing there answers "none" when its time is up. */
  pn532_emu_remove_card (fixture->emu);
  g_assert_cmpint (nfc_initiator_poll_target (device, &mifare, 1, 1, 1, &target), ==, 0);
  g_assert_cmpuint (pn532_emu_get_polls (fixture->emu, FALSE), >=, 2);

  nfc_close (device);
  nfc_exit (context);
}

typedef struct {
  nfc_device *device;
  int         result;
  gint        done;      /* atomic */
} SelectJob;

static gpointer
auto_poll_once (gpointer data)
{
  SelectJob *job = data;
  const nfc_modulation mifare = { .nmt = NMT_ISO14443A, .nbr = NBR_106 };
  nfc_target target;

  /* One round over one type, Period 4: 600 ms. */
  job->result = nfc_initiator_poll_target (job->device, &mifare, 1, 1, 4, &target);
  return NULL;
}

static gboolean
auto_polls_reach (Fixture       *fixture,
                  gconstpointer  n)
{
  return pn532_emu_get_command_count (fixture->emu, 0x60) >= GPOINTER_TO_UINT (n);
}

/* The two readings of InAutoPoll's period: a card put down after the
 * period began is found at once if the chip keeps looking, and not at
 * all in a one-period poll if it looks only at the start. */
static void
test_emulator_readings (Fixture       *fixture,
                        gconstpointer  data)
{
  const Pn532EmuReading readings[] = { PN532_EMU_READING_CONTINUOUS, PN532_EMU_READING_ONCE_PER_PERIOD };
  g_autofree char *connstring = NULL;
  nfc_context *context = NULL;
  SelectJob job = { NULL, -1 };

  start_emulator (fixture, data);
  connstring = pn532_emu_dup_connstring (fixture->emu);
  nfc_init (&context);
  job.device = nfc_open (context, connstring);
  g_assert_nonnull (job.device);
  g_assert_cmpint (nfc_initiator_init (job.device), ==, 0);
  g_assert_cmpint (nfc_device_set_property_bool (job.device, NP_AUTO_ISO14443_4, false), ==, 0);
  /* The line runs at the PN532's HSU speed that libnfc set. */
  g_assert_cmpuint (pn532_emu_get_baud (fixture->emu), ==, 115200);

  for (gsize i = 0; i < G_N_ELEMENTS (readings); i++)
    {
      guint polls = pn532_emu_get_command_count (fixture->emu, 0x60);
      GThread *thread;

      pn532_emu_remove_card (fixture->emu);
      pn532_emu_set_reading (fixture->emu, readings[i]);
      thread = g_thread_new ("autopoll", auto_poll_once, &job);
      g_assert_true (wait_until (fixture, auto_polls_reach, GUINT_TO_POINTER (polls + 1)));
      pn532_emu_place_card (fixture->emu, CARD_A, sizeof CARD_A);
      g_thread_join (thread);
      g_assert_cmpint (job.result, ==, readings[i] == PN532_EMU_READING_CONTINUOUS ? 1 : 0);
    }

  nfc_close (job.device);
  nfc_exit (context);
}

static gpointer
select_forever (gpointer data)
{
  SelectJob *job = data;
  const nfc_modulation mifare = { .nmt = NMT_ISO14443A, .nbr = NBR_106 };
  nfc_target target;

  job->result = nfc_initiator_select_passive_target (job->device, mifare, NULL, 0, &target);
  g_atomic_int_set (&job->done, TRUE);
  return NULL;
}

static gboolean
list_commands_reach (Fixture       *fixture,
                     gconstpointer  n)
{
  return pn532_emu_get_command_count (fixture->emu, 0x4A) >= GPOINTER_TO_UINT (n);
}

/* A select that waits for a card is ended by nfc_abort_command (what the
 * reader's stop relies on), and the emulator takes the host's ACK as abort.
 * The abort only breaks a wait that has begun (libnfc still waiting for
 * the command's ACK misses it), so it is repeated, as the reader's stop
 * repeats it. */
static void
test_emulator_abort (Fixture       *fixture,
                     gconstpointer  data)
{
  const nfc_modulation mifare = { .nmt = NMT_ISO14443A, .nbr = NBR_106 };
  g_autofree char *connstring = NULL;
  nfc_context *context = NULL;
  SelectJob job = { NULL, 1, FALSE };
  nfc_target target;
  GThread *thread;

  start_emulator (fixture, data);
  connstring = pn532_emu_dup_connstring (fixture->emu);
  nfc_init (&context);
  job.device = nfc_open (context, connstring);
  g_assert_nonnull (job.device);
  g_assert_cmpint (nfc_initiator_init (job.device), ==, 0);   /* infinite select */

  thread = g_thread_new ("select", select_forever, &job);
  g_assert_true (wait_until (fixture, list_commands_reach, GUINT_TO_POINTER (1)));
  while (!g_atomic_int_get (&job.done))
    {
      g_assert_cmpint (nfc_abort_command (job.device), ==, 0);
      g_usleep (2 * G_TIME_SPAN_MILLISECOND);
    }
  g_thread_join (thread);
  g_assert_cmpint (job.result, ==, NFC_EOPABORTED);

  /* The device still works afterwards. */
  pn532_emu_place_card (fixture->emu, CARD_A, sizeof CARD_A);
  g_assert_cmpint (nfc_initiator_select_passive_target (job.device, mifare, NULL, 0, &target), ==, 1);
  g_assert_cmpmem (target.nti.nai.abtUid, target.nti.nai.szUidLen, CARD_A, sizeof CARD_A);

  nfc_close (job.device);
  nfc_exit (context);
}

static void
test_tap (Fixture       *fixture,
          gconstpointer  data)
{
  guint polls;

  start_emulator (fixture, data);
  start_reader (fixture);
  WAIT_STATE (fixture, NK_READER_STATE_READY);
  g_assert_cmpstr (nk_reader_get_message (fixture->reader), ==, "NFC reader ready");

  /* Place a card: exactly one tap, with its UID. */
  pn532_emu_place_card (fixture->emu, CARD_A, sizeof CARD_A);
  WAIT_TAPS (fixture, 1);
  g_assert_cmpstr (g_ptr_array_index (fixture->taps, 0), ==, "04A1B2C3");

  /* Held on the reader, seen by three more polls: still one tap. */
  polls = pn532_emu_get_polls (fixture->emu, TRUE);
  g_assert_true (wait_until (fixture, polls_with_card_reach, GUINT_TO_POINTER (polls + 3)));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (fixture->taps->len, ==, 1);

  /* Removed (two looks in a row find nothing) and placed again: a second tap. */
  pn532_emu_remove_card (fixture->emu);
  polls = pn532_emu_get_polls (fixture->emu, FALSE);
  g_assert_true (wait_until (fixture, polls_empty_reach, GUINT_TO_POINTER (polls + 2)));
  pn532_emu_place_card (fixture->emu, CARD_A, sizeof CARD_A);
  WAIT_TAPS (fixture, 2);
  g_assert_cmpstr (g_ptr_array_index (fixture->taps, 1), ==, "04A1B2C3");

  /* Another card put down straight after: a tap of its own. */
  pn532_emu_place_card (fixture->emu, CARD_B, sizeof CARD_B);
  WAIT_TAPS (fixture, 3);
  g_assert_cmpstr (g_ptr_array_index (fixture->taps, 2), ==, "04112233445566");

  nk_reader_stop (fixture->reader);
  g_assert_cmpint (nk_reader_get_state (fixture->reader), ==, NK_READER_STATE_STOPPED);
  g_assert_cmpuint (fixture->taps->len, ==, 3);
}

/* A card lying on the reader: checked at a slow pace, and one lost
 * answer does not make it a second tap; two in a row count it gone. */
static void
test_held (Fixture       *fixture,
           gconstpointer  data)
{
  Pn532EmuPoll log[64];
  guint polls, n, gaps = 0;

  start_emulator (fixture, data);
  start_reader (fixture);
  WAIT_STATE (fixture, NK_READER_STATE_READY);

  pn532_emu_place_card (fixture->emu, CARD_A, sizeof CARD_A);
  WAIT_TAPS (fixture, 1);
  polls = pn532_emu_get_polls (fixture->emu, TRUE);
  g_assert_true (wait_until (fixture, polls_with_card_reach, GUINT_TO_POINTER (polls + 3)));

  /* Every look at a card lying there comes at least 100 ms after the one before. */
  n = pn532_emu_copy_polls (fixture->emu, log, G_N_ELEMENTS (log));
  for (guint i = 1; i < n; i++)
    if (log[i - 1].with_card && log[i].with_card)
      {
        g_assert_cmpint (log[i].at_us - log[i - 1].at_us, >=, 100 * G_TIME_SPAN_MILLISECOND);
        gaps++;
      }
  g_assert_cmpuint (gaps, >=, 3);

  /* One answer lost: the card is still the same tap.  (The reader asks
   * for the second look only once it has dealt with the first.) */
  pn532_emu_lose_polls (fixture->emu, 1);
  polls = pn532_emu_get_polls (fixture->emu, FALSE);
  g_assert_true (wait_until (fixture, polls_empty_reach, GUINT_TO_POINTER (polls + 1)));
  polls = pn532_emu_get_polls (fixture->emu, TRUE);
  g_assert_true (wait_until (fixture, polls_with_card_reach, GUINT_TO_POINTER (polls + 2)));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (fixture->taps->len, ==, 1);

  /* Two lost in a row: taken for gone, so found again it is a new tap. */
  pn532_emu_lose_polls (fixture->emu, 2);
  WAIT_TAPS (fixture, 2);
  g_assert_cmpstr (g_ptr_array_index (fixture->taps, 1), ==, "04A1B2C3");
}

/* A UID length from libnfc beyond its buffer (no card has one) is refused
 * whole, never read past the buffer nor cut to fit; other lengths come
 * through whole, and the door takes only real card numbers. */
static void
test_uid_length (Fixture       *fixture,
                 gconstpointer  data)
{
  static const guint8 five[] = { 0x04, 0xA1, 0xB2, 0xC3, 0xD4 };
  const gsize lengths[] = { 11, 12, 255 };
  nfc_target target = { 0 };
  gboolean refused = TRUE;
  g_autofree char *uid = NULL;
  guint polls;

  for (gsize i = 0; i < G_N_ELEMENTS (lengths); i++)
    {
      g_autofree char *text = NULL;
      g_autofree char *says = g_strdup_printf ("(%" G_GSIZE_FORMAT "-byte UID)", lengths[i]);

      memset (target.nti.nai.abtUid, 0x5A, sizeof target.nti.nai.abtUid);
      target.nti.nai.szUidLen = lengths[i];
      text = nk_reader_nfc_target_uid (&target, &refused);
      g_assert_true (refused);
      g_assert_cmpstr (text, ==, says);
      g_assert_false (nk_uid_is_valid (text));
    }

  memcpy (target.nti.nai.abtUid, CARD_B, sizeof CARD_B);
  target.nti.nai.szUidLen = sizeof CARD_B;
  uid = nk_reader_nfc_target_uid (&target, &refused);
  g_assert_false (refused);
  g_assert_cmpstr (uid, ==, "04112233445566");

  /* Through the chip and libnfc: an odd length arrives whole, the reader
   * goes on reading real cards after it. */
  start_emulator (fixture, data);
  start_reader (fixture);
  WAIT_STATE (fixture, NK_READER_STATE_READY);
  pn532_emu_place_odd_card (fixture->emu, five, sizeof five);
  WAIT_TAPS (fixture, 1);
  g_assert_cmpstr (g_ptr_array_index (fixture->taps, 0), ==, "04A1B2C3D4");
  g_assert_false (nk_uid_is_valid (g_ptr_array_index (fixture->taps, 0)));

  pn532_emu_remove_card (fixture->emu);
  polls = pn532_emu_get_polls (fixture->emu, FALSE);
  g_assert_true (wait_until (fixture, polls_empty_reach, GUINT_TO_POINTER (polls + 2)));
  pn532_emu_place_card (fixture->emu, CARD_A, sizeof CARD_A);
  WAIT_TAPS (fixture, 2);
  g_assert_cmpstr (g_ptr_array_index (fixture->taps, 1), ==, "04A1B2C3");
}

static void
test_unplug (Fixture       *fixture,
             gconstpointer  data)
{
  start_emulator (fixture, data);
  start_reader (fixture);
  WAIT_STATE (fixture, NK_READER_STATE_READY);

  pn532_emu_place_card (fixture->emu, CARD_A, sizeof CARD_A);
  WAIT_TAPS (fixture, 1);
  pn532_emu_remove_card (fixture->emu);

  /* Pulled out: the pty closes and the device node goes. */
  pn532_emu_unplug (fixture->emu);
  WAIT_STATE (fixture, NK_READER_STATE_DISCONNECTED);
  g_assert_cmpstr (nk_reader_get_message (fixture->reader), ==, "NFC reader unplugged — retrying");

  /* Plugged back (a new pty behind the same node): ready, taps work. */
  g_assert_true (pn532_emu_replug (fixture->emu, NULL));
  WAIT_STATE (fixture, NK_READER_STATE_READY);
  g_assert_cmpstr (nk_reader_get_message (fixture->reader), ==, "NFC reader ready");
  pn532_emu_place_card (fixture->emu, CARD_B, sizeof CARD_B);
  WAIT_TAPS (fixture, 2);
  g_assert_cmpstr (g_ptr_array_index (fixture->taps, 1), ==, "04112233445566");
}

static void
test_missing (Fixture       *fixture,
              gconstpointer  data)
{
  /* Nothing plugged in at start. */
  start_reader (fixture);
  WAIT_STATE (fixture, NK_READER_STATE_DISCONNECTED);
  g_assert_cmpstr (nk_reader_get_message (fixture->reader), ==, "NFC reader not found — retrying");

  start_emulator (fixture, data);
  WAIT_STATE (fixture, NK_READER_STATE_READY);
  pn532_emu_place_card (fixture->emu, CARD_A, sizeof CARD_A);
  WAIT_TAPS (fixture, 1);
  g_assert_cmpstr (g_ptr_array_index (fixture->taps, 0), ==, "04A1B2C3");
}

static void
test_no_answer (Fixture       *fixture,
                gconstpointer  data)
{
  /* Something is at the device path, but no PN532 answers there. */
  g_assert_true (g_file_set_contents (fixture->link, "", -1, NULL));
  start_reader (fixture);
  WAIT_STATE (fixture, NK_READER_STATE_DISCONNECTED);
  g_assert_nonnull (strstr (nk_reader_get_message (fixture->reader), "does not answer"));
  g_assert_nonnull (strstr (nk_reader_get_message (fixture->reader), fixture->link));

  /* The real reader takes its place. */
  start_emulator (fixture, data);
  WAIT_STATE (fixture, NK_READER_STATE_READY);
}

static void
test_permission (Fixture       *fixture,
                 gconstpointer  data)
{
  if (geteuid () == 0)
    {
      g_test_skip ("root may open any device");
      return;
    }

  g_assert_true (g_file_set_contents (fixture->link, "", -1, NULL));
  g_assert_cmpint (g_chmod (fixture->link, 0), ==, 0);
  start_reader (fixture);
  WAIT_STATE (fixture, NK_READER_STATE_FAILED);
  g_assert_nonnull (strstr (nk_reader_get_message (fixture->reader), "dialout"));
}

static void
test_stop (Fixture       *fixture,
           gconstpointer  data)
{
  start_emulator (fixture, data);
  start_reader (fixture);
  WAIT_STATE (fixture, NK_READER_STATE_READY);

  /* Stop while a poll is running returns, and nothing comes after. */
  g_assert_true (wait_until (fixture, polls_empty_reach, GUINT_TO_POINTER (1)));
  nk_reader_stop (fixture->reader);
  g_assert_cmpint (nk_reader_get_state (fixture->reader), ==, NK_READER_STATE_STOPPED);
  pn532_emu_place_card (fixture->emu, CARD_A, sizeof CARD_A);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (fixture->taps->len, ==, 0);

  /* Started again it finds the card lying there. */
  g_assert_true (nk_reader_start (fixture->reader, NULL));
  WAIT_TAPS (fixture, 1);

  /* Dropping the last reference stops it too (the thread is joined). */
  g_clear_object (&fixture->reader);
}

int
main (int   argc,
      char *argv[])
{
  /* Only the device the tests name; keep libnfc quiet unless asked. */
  g_setenv ("LIBNFC_AUTO_SCAN", "false", TRUE);
  g_setenv ("LIBNFC_INTRUSIVE_SCAN", "false", TRUE);
  g_setenv ("LIBNFC_LOG_LEVEL", "0", FALSE);

  g_test_init (&argc, &argv, NULL);

  g_test_add ("/nk/reader-nfc/emulator", Fixture, NULL, fixture_set_up, test_emulator, fixture_tear_down);
  g_test_add ("/nk/reader-nfc/emulator-abort", Fixture, NULL, fixture_set_up, test_emulator_abort, fixture_tear_down);
  g_test_add ("/nk/reader-nfc/emulator-readings", Fixture, NULL, fixture_set_up, test_emulator_readings,
              fixture_tear_down);
  g_test_add ("/nk/reader-nfc/tap", Fixture, NULL, fixture_set_up, test_tap, fixture_tear_down);
  g_test_add ("/nk/reader-nfc/tap-once-per-period", Fixture, GINT_TO_POINTER (PN532_EMU_READING_ONCE_PER_PERIOD),
              fixture_set_up, test_tap, fixture_tear_down);
  g_test_add ("/nk/reader-nfc/held", Fixture, NULL, fixture_set_up, test_held, fixture_tear_down);
  g_test_add ("/nk/reader-nfc/held-once-per-period", Fixture, GINT_TO_POINTER (PN532_EMU_READING_ONCE_PER_PERIOD),
              fixture_set_up, test_held, fixture_tear_down);
  g_test_add ("/nk/reader-nfc/uid-length", Fixture, NULL, fixture_set_up, test_uid_length, fixture_tear_down);
  g_test_add ("/nk/reader-nfc/unplug", Fixture, NULL, fixture_set_up, test_unplug, fixture_tear_down);
  g_test_add ("/nk/reader-nfc/missing", Fixture, NULL, fixture_set_up, test_missing, fixture_tear_down);
  g_test_add ("/nk/reader-nfc/no-answer", Fixture, NULL, fixture_set_up, test_no_answer, fixture_tear_down);
  g_test_add ("/nk/reader-nfc/permission", Fixture, NULL, fixture_set_up, test_permission, fixture_tear_down);
  g_test_add ("/nk/reader-nfc/stop", Fixture, NULL, fixture_set_up, test_stop, fixture_tear_down);

  return g_test_run ();
}
