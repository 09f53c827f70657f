/* test-wedge.c — the keyboard-wedge decoder on synthetic evdev events. */
#include "config.h"

#include <glib.h>
#include <linux/input.h>

#include "devices/nk-wedge-decoder.h"
#include "devices/nk-reader-wedge.h"

/* Feeds events; returns the card numbers they completed, joined by ",". */
static char *
feed (NkWedgeDecoder           *decoder,
      const struct input_event *events,
      gsize                     n_events)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (gsize i = 0; i < n_events; i++)
    {
      g_autofree char *uid = nk_wedge_decoder_feed (decoder, &events[i]);

      if (uid != NULL)
        {
          if (out->len > 0)
            g_string_append_c (out, ',');
          g_string_append (out, uid);
        }
    }

  return g_strdup (out->str);
}

/* A key press and release with the SYN_REPORT a keyboard sends after each. */
static void
add_key (GArray  *events,
         guint16  code)
{
  struct input_event ev = { 0 };

  ev.type = EV_MSC; ev.code = MSC_SCAN; ev.value = 0x70000 + code;
  g_array_append_val (events, ev);
  ev.type = EV_KEY; ev.code = code; ev.value = 1;
  g_array_append_val (events, ev);
  ev.type = EV_SYN; ev.code = SYN_REPORT; ev.value = 0;
  g_array_append_val (events, ev);
  ev.type = EV_KEY; ev.code = code; ev.value = 0;
  g_array_append_val (events, ev);
  ev.type = EV_SYN; ev.code = SYN_REPORT; ev.value = 0;
  g_array_append_val (events, ev);
}

static void
add_event (GArray  *events,
           guint16  type,
           guint16  code,
           gint32   value)
{
  struct input_event ev = { 0 };

  ev.type = type;
  ev.code = code;
  ev.value = value;
  g_array_append_val (events, ev);
}

static guint16
code_for (char c)
{
  switch (c)
    {
    case '0': return KEY_0;
    case '1': return KEY_1;
    case '2': return KEY_2;
    case '3': return KEY_3;
    case '4': return KEY_4;
    case '5': return KEY_5;
    case '6': return KEY_6;
    case '7': return KEY_7;
    case '8': return KEY_8;
    case '9': return KEY_9;
    case 'A': return KEY_A;
    case 'B': return KEY_B;
    case 'C': return KEY_C;
    case 'D': return KEY_D;
    case 'E': return KEY_E;
    case 'F': return KEY_F;
    case '\n': return KEY_ENTER;
    default: g_assert_not_reached ();
    }
}

/* "0123\n" typed on the main block. */
static void
add_text (GArray     *events,
          const char *text)
{
  for (const char *p = text; *p; p++)
    add_key (events, code_for (*p));
}

static char *
feed_array (NkWedgeDecoder *decoder,
            GArray         *events)
{
  return feed (decoder, (const struct input_event *) events->data, events->len);
}

static void
test_digits (void)
{
  g_autoptr(NkWedgeDecoder) decoder = nk_wedge_decoder_new ();
  g_autoptr(GArray) events = g_array_new (FALSE, TRUE, sizeof (struct input_event));
  g_autofree char *out = NULL;

  add_text (events, "0012345678\n");
  out = feed_array (decoder, events);
  g_assert_cmpstr (out, ==, "0012345678");
  g_assert_cmpstr (nk_wedge_decoder_peek (decoder), ==, "");
}

static void
test_hex (void)
{
  g_autoptr(NkWedgeDecoder) decoder = nk_wedge_decoder_new ();
  g_autoptr(GArray) events = g_array_new (FALSE, TRUE, sizeof (struct input_event));
  g_autofree char *out = NULL;

  add_text (events, "04A1B2C3\n04ABCDEF012345\n");
  out = feed_array (decoder, events);
  g_assert_cmpstr (out, ==, "04A1B2C3,04ABCDEF012345");
}

static void
test_keypad (void)
{
  static const guint16 keypad[] = {
    KEY_KP1, KEY_KP2, KEY_KP3, KEY_KP4, KEY_KP5, KEY_KP6, KEY_KP7, KEY_KP8, KEY_KP9, KEY_KP0,
    KEY_KPENTER,
  };
  g_autoptr(NkWedgeDecoder) decoder = nk_wedge_decoder_new ();
  g_autoptr(GArray) events = g_array_new (FALSE, TRUE, sizeof (struct input_event));
  g_autofree char *out = NULL;

  /* Some readers switch Num Lock on before typing on the keypad. */
  add_key (events, KEY_NUMLOCK);
  for (gsize i = 0; i < G_N_ELEMENTS (keypad); i++)
    add_key (events, keypad[i]);
  out = feed_array (decoder, events);
  g_assert_cmpstr (out, ==, "1234567890");
}

static void
test_shift (void)
{
  g_autoptr(NkWedgeDecoder) decoder = nk_wedge_decoder_new ();
  g_autoptr(GArray) events = g_array_new (FALSE, TRUE, sizeof (struct input_event));
  g_autofree char *out = NULL;

  /* Upper-case hex typed with Shift held around each letter. */
  add_key (events, KEY_0);
  add_key (events, KEY_4);
  add_event (events, EV_KEY, KEY_LEFTSHIFT, 1);
  add_key (events, KEY_A);
  add_event (events, EV_KEY, KEY_LEFTSHIFT, 0);
  add_key (events, KEY_1);
  add_event (events, EV_KEY, KEY_RIGHTSHIFT, 1);
  add_key (events, KEY_B);
  add_event (events, EV_KEY, KEY_RIGHTSHIFT, 0);
  add_text (events, "2C3\n");
  out = feed_array (decoder, events);
  g_assert_cmpstr (out, ==, "04A1B2C3");
}

static void
test_garbage (void)
{
  g_autoptr(NkWedgeDecoder) decoder = nk_wedge_decoder_new ();
  g_autoptr(GArray) events = g_array_new (FALSE, TRUE, sizeof (struct input_event));
  g_autofree char *out = NULL;

  /* Someone typed on a keyboard: "12" then Q resets, so only the card
   * number after it comes out; a lone Enter gives nothing. */
  add_text (events, "12");
  add_key (events, KEY_Q);
  out = feed_array (decoder, events);
  g_assert_cmpstr (out, ==, "");
  g_assert_cmpstr (nk_wedge_decoder_peek (decoder), ==, "");
  g_clear_pointer (&out, g_free);
  g_array_set_size (events, 0);

  add_key (events, KEY_ENTER);
  add_text (events, "0A0B");
  add_key (events, KEY_SPACE);
  add_text (events, "0C0D0E0F\n");
  add_key (events, KEY_KPENTER);
  out = feed_array (decoder, events);
  g_assert_cmpstr (out, ==, "0C0D0E0F");
}

static void
test_overlong (void)
{
  g_autoptr(NkWedgeDecoder) decoder = nk_wedge_decoder_new ();
  g_autoptr(GArray) events = g_array_new (FALSE, TRUE, sizeof (struct input_event));
  g_autofree char *out = NULL;

  /* 32 characters are still a card number. */
  add_text (events, "0123456789ABCDEF0123456789ABCDEF\n");
  out = feed_array (decoder, events);
  g_assert_cmpstr (out, ==, "0123456789ABCDEF0123456789ABCDEF");
  g_clear_pointer (&out, g_free);
  g_array_set_size (events, 0);

  /* The 33rd resets with a warning and the rest of that line is dropped. */
  add_text (events, "0123456789ABCDEF0123456789ABCDEF0123\n");
  g_test_expect_message ("nk-reader", G_LOG_LEVEL_MESSAGE, "*more than 32 characters*");
  out = feed_array (decoder, events);
  g_test_assert_expected_messages ();
  g_assert_cmpstr (out, ==, "");
  g_clear_pointer (&out, g_free);
  g_array_set_size (events, 0);

  /* The next line is read normally. */
  add_text (events, "04A1B2C3\n");
  out = feed_array (decoder, events);
  g_assert_cmpstr (out, ==, "04A1B2C3");
}

static void
test_repeat_and_release (void)
{
  g_autoptr(NkWedgeDecoder) decoder = nk_wedge_decoder_new ();
  g_autoptr(GArray) events = g_array_new (FALSE, TRUE, sizeof (struct input_event));
  g_autofree char *out = NULL;

  /* Auto-repeat (value 2) and releases (0) add nothing. */
  add_event (events, EV_KEY, KEY_1, 1);
  add_event (events, EV_KEY, KEY_1, 2);
  add_event (events, EV_KEY, KEY_1, 2);
  add_event (events, EV_KEY, KEY_1, 0);
  add_event (events, EV_KEY, KEY_2, 0);
  add_event (events, EV_KEY, KEY_Q, 0);      /* a release of another key: no reset */
  add_event (events, EV_KEY, KEY_Q, 2);      /* nor its repeat */
  add_event (events, EV_KEY, KEY_ENTER, 0);  /* nor an Enter release */
  g_assert_cmpstr (nk_wedge_decoder_peek (decoder), ==, "");
  out = feed_array (decoder, events);
  g_assert_cmpstr (out, ==, "");
  g_assert_cmpstr (nk_wedge_decoder_peek (decoder), ==, "1");
  g_clear_pointer (&out, g_free);
  g_array_set_size (events, 0);

  add_text (events, "2345678\n");
  out = feed_array (decoder, events);
  g_assert_cmpstr (out, ==, "12345678");
}

static void
test_dropped (void)
{
  g_autoptr(NkWedgeDecoder) decoder = nk_wedge_decoder_new ();
  g_autoptr(GArray) events = g_array_new (FALSE, TRUE, sizeof (struct input_event));
  g_autofree char *out = NULL;

  /* The kernel lost events: half a number must not be glued to the next. */
  add_text (events, "04A1");
  add_event (events, EV_SYN, SYN_DROPPED, 0);
  add_text (events, "DEADBEEF\n");
  out = feed_array (decoder, events);
  g_assert_cmpstr (out, ==, "DEADBEEF");
}

static void
test_name_rule (void)
{
  g_assert_true (nk_reader_wedge_name_matches ("Sycreader RFID Technology Co., Ltd SYC ID&IC USB Reader"));
  g_assert_true (nk_reader_wedge_name_matches ("HID 0c45:7160 rfid"));
  g_assert_true (nk_reader_wedge_name_matches ("IC CARD USB"));
  g_assert_true (nk_reader_wedge_name_matches ("NewRoad Sem. NFC READER"));
  g_assert_false (nk_reader_wedge_name_matches ("AT Translated Set 2 keyboard"));
  g_assert_false (nk_reader_wedge_name_matches ("Logitech USB Receiver"));
  g_assert_false (nk_reader_wedge_name_matches (""));
  g_assert_false (nk_reader_wedge_name_matches (NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/nk/wedge/digits", test_digits);
  g_test_add_func ("/nk/wedge/hex", test_hex);
  g_test_add_func ("/nk/wedge/keypad", test_keypad);
  g_test_add_func ("/nk/wedge/shift", test_shift);
  g_test_add_func ("/nk/wedge/garbage", test_garbage);
  g_test_add_func ("/nk/wedge/overlong", test_overlong);
  g_test_add_func ("/nk/wedge/repeat-and-release", test_repeat_and_release);
  g_test_add_func ("/nk/wedge/dropped", test_dropped);
  g_test_add_func ("/nk/wedge/name-rule", test_name_rule);

  return g_test_run ();
}
