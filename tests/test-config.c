/* test-config.c — configuration keys, defaults and bad values. */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "core/nk-config.h"

static char *
write_conf (const char *text)
{
  char *path = NULL;
  int fd = g_file_open_tmp ("nk-config-XXXXXX.conf", &path, NULL);

  g_assert_cmpint (fd, >=, 0);
  close (fd);
  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return path;
}

static void
test_defaults (void)
{
  g_autoptr (NkConfig) config = nk_config_new ();
  g_autoptr (GTimeZone) tz = nk_config_get_timezone (config);

  g_assert_cmpstr (config->timezone, ==, "Asia/Shanghai");
  g_assert_cmpuint (config->debounce_seconds, ==, 10);
  g_assert_cmpuint (config->result_seconds, ==, 4);
  g_assert_cmpuint (config->chooser_seconds, ==, 20);
  g_assert_cmpint (config->uid.format, ==, NK_UID_FORMAT_HEX);
  g_assert_false (config->uid.reversed);
  g_assert_cmpstr (g_time_zone_get_identifier (tz), ==, "Asia/Shanghai");
  g_assert_true (g_str_has_suffix (nk_config_get_data_dir (config), "nursery-kiosk"));
}

static void
test_load (void)
{
  g_autoptr (NkConfig) config = nk_config_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *path = write_conf ("[kiosk]\ncentre-name=阳光托育中心\ndata-dir=/var/lib/nk\n"
                                      "[reader]\nbackend=wedge:/dev/input/event3\n"
                                      "debounce-seconds=5\nuid-format=decimal\nuid-byte-order=reversed\n"
                                      "[sound]\nenabled=false\nvolume=0.5\n"
                                      "[sync]\nplatform-url=https://platform.example/api\nbatch-size=200\n");

  g_assert_true (nk_config_load (config, path, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (config->centre_name, ==, "阳光托育中心");
  g_assert_cmpstr (nk_config_get_data_dir (config), ==, "/var/lib/nk");
  g_assert_cmpstr (config->reader, ==, "wedge:/dev/input/event3");
  g_assert_cmpuint (config->debounce_seconds, ==, 5);
  g_assert_cmpint (config->uid.format, ==, NK_UID_FORMAT_DECIMAL);
  g_assert_true (config->uid.reversed);
  g_assert_false (config->sound_enabled);
  g_assert_cmpfloat (config->sound_volume, ==, 0.5);
  g_assert_cmpstr (config->platform_url, ==, "https://platform.example/api");
  g_assert_cmpuint (config->batch_size, ==, 200);
  g_unlink (path);
}

static void
test_bad_values (void)
{
  const char *bad[] = {
    "[reader]\ndebounce-seconds=ten\n",
    "[reader]\ndebounce-seconds=-1\n",
    "[reader]\nuid-format=octal\n",
    "[sound]\nvolume=3\n",
    "[kiosk]\ntimezone=Mars/Olympus\n",
    "[sync]\nbatch-size=0\n",
    "this is not a key file\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (NkConfig) config = nk_config_new ();
      g_autoptr (GError) error = NULL;
      g_autofree char *path = write_conf (bad[i]);

      g_assert_false (nk_config_load (config, path, TRUE, &error));
      g_assert_nonnull (error);
      g_assert_nonnull (error->message);
      g_unlink (path);
    }
}

static void
test_missing (void)
{
  g_autoptr (NkConfig) config = nk_config_new ();
  g_autoptr (GError) error = NULL;

  g_assert_true (nk_config_load (config, "/nonexistent/kiosk.conf", FALSE, &error));
  g_assert_no_error (error);
  g_assert_false (nk_config_load (config, "/nonexistent/kiosk.conf", TRUE, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
}

static void
test_unknown_key (void)
{
  g_autoptr (NkConfig) config = nk_config_new ();
  g_autofree char *path = write_conf ("[kiosk]\ncolour=pink\n");

  g_test_expect_message ("nk-core", G_LOG_LEVEL_MESSAGE, "*unknown key kiosk.colour*");
  g_assert_true (nk_config_load (config, path, TRUE, NULL));
  g_test_assert_expected_messages ();
  g_unlink (path);
}

/* How long sent outbox rows and audit rows are kept: defaults, values in
 * range, and values out of range refused with the key named. */
static void
test_keep_days (void)
{
  static const char *const bad[] = {
    "[sync]\nkeep-sent-days=0\n",       "[sync]\nkeep-sent-days=3651\n",
    "[sync]\nkeep-sent-days=-1\n",      "[sync]\nkeep-sent-days=thirty\n",
    "[kiosk]\nkeep-audit-days=0\n",     "[kiosk]\nkeep-audit-days=99999999999\n",
    "[kiosk]\nkeep-audit-days=1.5\n",
  };
  g_autoptr (NkConfig) defaults = nk_config_new ();
  g_autoptr (NkConfig) config = nk_config_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *path = write_conf ("[kiosk]\nkeep-audit-days=3650\n[sync]\nkeep-sent-days=1\n");

  g_assert_cmpuint (defaults->keep_sent_days, ==, 30);
  g_assert_cmpuint (defaults->keep_audit_days, ==, 400);
  g_assert_true (nk_config_load (config, path, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (config->keep_sent_days, ==, 1);
  g_assert_cmpuint (config->keep_audit_days, ==, 3650);
  g_unlink (path);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (NkConfig) c = nk_config_new ();
      g_autoptr (GError) e = NULL;
      g_autofree char *p = write_conf (bad[i]);

      g_assert_false (nk_config_load (c, p, TRUE, &e));
      g_assert_error (e, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE);
      g_assert_nonnull (strstr (e->message, "keep-"));
      g_assert_cmpuint (c->keep_sent_days, ==, 30);
      g_unlink (p);
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/nk/config/defaults", test_defaults);
  g_test_add_func ("/nk/config/load", test_load);
  g_test_add_func ("/nk/config/bad-values", test_bad_values);
  g_test_add_func ("/nk/config/missing-file", test_missing);
  g_test_add_func ("/nk/config/unknown-key", test_unknown_key);
  g_test_add_func ("/nk/config/keep-days", test_keep_days);
  return g_test_run ();
}
