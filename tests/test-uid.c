/* test-uid.c — card UID normalisation, including malformed input. */
#include "config.h"

#include "core/nk-uid.h"

static void
check (const char *raw, NkUidFormat format, gboolean reversed, const char *want)
{
  NkUidOptions opts = { format, reversed };
  g_autoptr (GError) error = NULL;
  g_autofree char *uid = nk_uid_normalise (raw, &opts, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (uid, ==, want);
  g_assert_true (nk_uid_is_valid (uid));
}

static void
test_hex (void)
{
  check ("04a1b2c3", NK_UID_FORMAT_HEX, FALSE, "04A1B2C3");
  check ("04:A1:B2:C3", NK_UID_FORMAT_HEX, FALSE, "04A1B2C3");
  check (" 04 a1-b2 c3\r\n", NK_UID_FORMAT_HEX, FALSE, "04A1B2C3");
  check ("0x04A1B2C3", NK_UID_FORMAT_HEX, FALSE, "04A1B2C3");
  check ("04112233445566", NK_UID_FORMAT_HEX, FALSE, "04112233445566");
}

static void
test_reversed (void)
{
  check ("C3B2A104", NK_UID_FORMAT_HEX, TRUE, "04A1B2C3");
  check ("66554433221104", NK_UID_FORMAT_HEX, TRUE, "04112233445566");
}

static void
test_decimal (void)
{
  /* 0x04A1B2C3 = 77705923 */
  check ("77705923", NK_UID_FORMAT_DECIMAL, FALSE, "04A1B2C3");
  check ("0077705923", NK_UID_FORMAT_DECIMAL, FALSE, "04A1B2C3");
  /* a reader printing the reversed bytes as a number: 0xC3B2A104 = 3283263748 */
  check ("3283263748", NK_UID_FORMAT_DECIMAL, TRUE, "04A1B2C3");
  /* larger than 4 bytes becomes a 7-byte UID */
  check ("4294967296", NK_UID_FORMAT_DECIMAL, FALSE, "00000100000000");
}

static void
check_bad (const char *raw, NkUidFormat format, int code)
{
  NkUidOptions opts = { format, FALSE };
  g_autoptr (GError) error = NULL;
  g_autofree char *uid = nk_uid_normalise (raw, &opts, &error);

  g_assert_null (uid);
  g_assert_error (error, NK_UID_ERROR, code);
  g_assert_nonnull (error->message);
}

static void
test_malformed (void)
{
  check_bad ("", NK_UID_FORMAT_HEX, NK_UID_ERROR_EMPTY);
  check_bad (NULL, NK_UID_FORMAT_HEX, NK_UID_ERROR_EMPTY);
  check_bad (" : - ", NK_UID_FORMAT_HEX, NK_UID_ERROR_EMPTY);
  check_bad ("zz!!", NK_UID_FORMAT_HEX, NK_UID_ERROR_BAD_CHARACTER);
  check_bad ("04A1B2C", NK_UID_FORMAT_HEX, NK_UID_ERROR_BAD_LENGTH);
  check_bad ("04A1B2C3D4", NK_UID_FORMAT_HEX, NK_UID_ERROR_BAD_LENGTH);
  check_bad ("04A1B2C3'; DROP TABLE cards;--", NK_UID_FORMAT_HEX, NK_UID_ERROR_BAD_CHARACTER);
  check_bad ("12ab", NK_UID_FORMAT_DECIMAL, NK_UID_ERROR_BAD_CHARACTER);
  check_bad ("999999999999999999999999999999", NK_UID_FORMAT_DECIMAL, NK_UID_ERROR_BAD_LENGTH);
}

static void
test_is_valid (void)
{
  g_assert_true (nk_uid_is_valid ("04A1B2C3"));
  g_assert_false (nk_uid_is_valid ("04a1b2c3"));
  g_assert_false (nk_uid_is_valid ("04A1B2"));
  g_assert_false (nk_uid_is_valid (NULL));
  g_assert_false (nk_uid_is_valid ("04A1B2G3"));
}

static void
test_from_bytes (void)
{
  const guint8 bytes[] = { 0x04, 0xa1, 0xb2, 0xc3 };
  g_autofree char *uid = nk_uid_from_bytes (bytes, sizeof bytes);

  g_assert_cmpstr (uid, ==, "04A1B2C3");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/nk/uid/hex", test_hex);
  g_test_add_func ("/nk/uid/reversed", test_reversed);
  g_test_add_func ("/nk/uid/decimal", test_decimal);
  g_test_add_func ("/nk/uid/malformed", test_malformed);
  g_test_add_func ("/nk/uid/is-valid", test_is_valid);
  g_test_add_func ("/nk/uid/from-bytes", test_from_bytes);
  return g_test_run ();
}
