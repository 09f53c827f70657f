/* test-config.c — configuration keys, defaults and bad values. */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "core/nk-config.h"
#include "core/nk-types.h"

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
  g_assert_cmpuint (config->panel_seconds, ==, 8);
  g_assert_cmpuint (config->sleep_check_minutes, ==, 10);
  g_assert_cmpuint (config->sleep_check_rooms, ==, 1u << NK_ROOM_INFANT);
  g_assert_cmpuint (config->absence_after_minutes, ==, 9 * 60 + 30);
  g_assert_cmpuint (config->absence_open_days, ==, 0x3e);   /* Monday (1) to Friday (5) */
  g_assert_cmpuint (config->outbreak_room_children, ==, 3);
  g_assert_cmpuint (config->outbreak_centre_children, ==, 5);
  g_assert_cmpuint (config->outbreak_centre_days, ==, 3);
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
  g_autofree char *path = write_conf ("[kiosk]\ncentre-name=阳光托育中心\ndata-dir=/var/lib/nk\npanel-seconds=12\n"
                                      "[reader]\nbackend=wedge:/dev/input/event3\n"
                                      "debounce-seconds=5\nuid-format=decimal\nuid-byte-order=reversed\n"
                                      "[sound]\nenabled=false\nvolume=0.5\n"
                                      "[sync]\nplatform-url=https://platform.example:8443/\nbatch-size=200\n"
                                      "pinned-public-key=sha256//47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n"
                                      "[sleep-check]\ninterval-minutes=15\nroom-kinds=toddler, senior\n"
                                      "[absence]\nafter=10:05\nopen-days=mon, tue,wed,thu,fri,Sat\n"
                                      "[outbreak]\nroom-children=4\ncentre-children=8\ncentre-days=5\n");

  g_assert_true (nk_config_load (config, path, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (config->centre_name, ==, "阳光托育中心");
  g_assert_cmpstr (nk_config_get_data_dir (config), ==, "/var/lib/nk");
  g_assert_cmpstr (config->reader, ==, "wedge:/dev/input/event3");
  g_assert_cmpuint (config->debounce_seconds, ==, 5);
  g_assert_cmpuint (config->panel_seconds, ==, 12);
  g_assert_cmpint (config->uid.format, ==, NK_UID_FORMAT_DECIMAL);
  g_assert_true (config->uid.reversed);
  g_assert_false (config->sound_enabled);
  g_assert_cmpfloat (config->sound_volume, ==, 0.5);
  g_assert_cmpstr (config->platform_url, ==, "https://platform.example:8443/");
  g_assert_cmpstr (config->pinned_key, ==, "sha256//47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
  g_assert_cmpuint (config->batch_size, ==, 200);
  g_assert_cmpuint (config->sleep_check_minutes, ==, 15);
  /* the infant room always */
  g_assert_cmpuint (config->sleep_check_rooms, ==, 7);
  g_assert_cmpuint (config->absence_after_minutes, ==, 10 * 60 + 5);
  g_assert_cmpuint (config->absence_open_days, ==, 0x7e);
  g_assert_cmpuint (config->outbreak_room_children, ==, 4);
  g_assert_cmpuint (config->outbreak_centre_children, ==, 8);
  g_assert_cmpuint (config->outbreak_centre_days, ==, 5);
  g_unlink (path);
}

/* Each bad value is refused, and the message names its key. */
typedef struct {
  const char *text;
  const char *key;      /* named in the message */
} BadCase;

static const BadCase bad_cases[] = {
  { "[reader]\ndebounce-seconds=ten\n", "reader.debounce-seconds" },
  { "[reader]\ndebounce-seconds=-1\n", "reader.debounce-seconds" },
  { "[reader]\ndebounce-seconds=+5\n", "reader.debounce-seconds" },
  { "[reader]\ndebounce-seconds=0x5\n", "reader.debounce-seconds" },
  { "[reader]\ndebounce-seconds=601\n", "reader.debounce-seconds" },
  { "[reader]\ndebounce-seconds=99999999999999999999999\n", "reader.debounce-seconds" },
  { "[reader]\nuid-format=octal\n", "reader.uid-format" },
  { "[reader]\nuid-format=HEX\n", "reader.uid-format" },
  { "[reader]\nuid-byte-order=backwards\n", "reader.uid-byte-order" },
  { "[reader]\nbackend=bluetooth\n", "reader.backend" },
  { "[reader]\nbackend=sim:extra\n", "reader.backend" },
  { "[reader]\nbackend=nfc:\n", "reader.backend" },
  { "[reader]\nbackend=wedge:dev/input/event3\n", "reader.backend" },
  { "[reader]\nbackend=nfc:pn532 uart\n", "reader.backend" },
  { "[reader]\nbackend=\n", "reader.backend" },
  { "[sound]\nvolume=3\n", "sound.volume" },
  { "[sound]\nvolume=nan\n", "sound.volume" },
  { "[sound]\nvolume=NaN\n", "sound.volume" },
  { "[sound]\nvolume=inf\n", "sound.volume" },
  { "[sound]\nvolume=-0.1\n", "sound.volume" },
  { "[sound]\nvolume=-0\n", "sound.volume" },
  { "[sound]\nvolume=1e-1\n", "sound.volume" },
  { "[sound]\nvolume=0x1p-1\n", "sound.volume" },
  { "[sound]\nvolume=1.0000001\n", "sound.volume" },
  { "[sound]\nvolume=.\n", "sound.volume" },
  { "[sound]\nvolume=0..5\n", "sound.volume" },
  { "[sound]\nvolume=\n", "sound.volume" },
  { "[sound]\nenabled=yes\n", "sound.enabled" },
  { "[sleep-check]\ninterval-minutes=4\n", "sleep-check.interval-minutes" },
  { "[sleep-check]\ninterval-minutes=16\n", "sleep-check.interval-minutes" },
  { "[sleep-check]\nroom-kinds=infant,nursery\n", "sleep-check.room-kinds" },
  { "[sleep-check]\nroom-kinds=infant,,toddler\n", "sleep-check.room-kinds" },
  { "[absence]\nafter=9:30\n", "absence.after" },
  { "[absence]\nafter=24:00\n", "absence.after" },
  { "[absence]\nafter=09:60\n", "absence.after" },
  { "[absence]\nafter=09:30:00\n", "absence.after" },
  { "[absence]\nafter=morning\n", "absence.after" },
  { "[absence]\nopen-days=mon,mon\n", "absence.open-days" },
  { "[absence]\nopen-days=monday\n", "absence.open-days" },
  { "[absence]\nopen-days=mon,,tue\n", "absence.open-days" },
  { "[outbreak]\nroom-children=1\n", "outbreak.room-children" },
  { "[outbreak]\nroom-children=51\n", "outbreak.room-children" },
  { "[outbreak]\ncentre-children=501\n", "outbreak.centre-children" },
  { "[outbreak]\ncentre-days=0\n", "outbreak.centre-days" },
  { "[outbreak]\ncentre-days=15\n", "outbreak.centre-days" },
  { "[kiosk]\ntimezone=\n", "kiosk.timezone" },
  { "[kiosk]\ntimezone=Mars/Olympus\n", "kiosk.timezone" },
  { "[kiosk]\ntimezone=/etc/passwd\n", "kiosk.timezone" },
  { "[kiosk]\ntimezone=../../../../etc/localtime\n", "kiosk.timezone" },
  { "[kiosk]\ntimezone=Asia/../Asia/Shanghai\n", "kiosk.timezone" },
  { "[kiosk]\ntimezone=Asia/Shanghai/\n", "kiosk.timezone" },
  { "[kiosk]\ntimezone=Asia//Shanghai\n", "kiosk.timezone" },
  { "[kiosk]\ntimezone=UTC\n", "kiosk.timezone" },
  { "[kiosk]\ntimezone=zone.tab\n", "kiosk.timezone" },
  { "[kiosk]\ntimezone=Asia/Shanghai.\n", "kiosk.timezone" },
  { "[kiosk]\ntimezone=+08:00\n", "kiosk.timezone" },
  { "[kiosk]\ntimezone=Asia\n", "kiosk.timezone" },
  { "[kiosk]\ncentre-name=\n", "kiosk.centre-name" },
  { "[kiosk]\ncentre-name=one\\ntwo\n", "kiosk.centre-name" },
  { "[kiosk]\ncentre-name=阳光托育中心阳光托育中心阳光托育中心阳光托育中心阳光托育中心阳光托育中心"
    "阳光托育中心阳光托育中心阳光托育中心阳光托育中心阳光托育中心\n", "kiosk.centre-name" },
  { "[kiosk]\ndata-dir=var/lib/nk\n", "kiosk.data-dir" },
  { "[kiosk]\ndata-dir=\n", "kiosk.data-dir" },
  { "[kiosk]\nresult-seconds=0\n", "kiosk.result-seconds" },
  { "[kiosk]\nchooser-seconds=301\n", "kiosk.chooser-seconds" },
  { "[kiosk]\nstaff-lock-seconds=4\n", "kiosk.staff-lock-seconds" },
  { "[kiosk]\npanel-seconds=2\n", "kiosk.panel-seconds" },
  { "[kiosk]\npanel-seconds=121\n", "kiosk.panel-seconds" },
  { "[kiosk]\nutilisation-target=0\n", "kiosk.utilisation-target" },
  { "[kiosk]\nutilisation-target=101\n", "kiosk.utilisation-target" },
  { "[kiosk]\nutilisation-target=80%\n", "kiosk.utilisation-target" },
  { "[kiosk]\nclosing-time=24:00\n", "kiosk.closing-time" },
  { "[kiosk]\nclosing-time=5pm\n", "kiosk.closing-time" },
  { "[ratio]\nbreach-minutes=0\n", "ratio.breach-minutes" },
  { "[ratio]\nbreach-minutes=61\n", "ratio.breach-minutes" },
  { "[sync]\nplatform-url=https://platform.example.gov.cn/api/v1\n", "sync.platform-url" },
  { "[sync]\nplatform-url=http://platform.example\n", "sync.platform-url" },
  { "[sync]\nplatform-url=ftp://platform.example\n", "sync.platform-url" },
  { "[sync]\nplatform-url=https://\n", "sync.platform-url" },
  { "[sync]\nplatform-url=https://kiosk@platform.example\n", "sync.platform-url" },
  { "[sync]\nplatform-url=https://platform.example/?a=1\n", "sync.platform-url" },
  { "[sync]\nplatform-url=https://platform.example/#top\n", "sync.platform-url" },
  { "[sync]\nplatform-url=https://platform example\n", "sync.platform-url" },
  { "[sync]\nplatform-url=https://platform.example:99999\n", "sync.platform-url" },
  { "[sync]\nplatform-url=platform.example\n", "sync.platform-url" },
  { "[sync]\nca-file=platform-ca.pem\n", "sync.ca-file" },
  { "[sync]\npinned-public-key=sha256//AAAA\n", "sync.pinned-public-key" },
  { "[sync]\npinned-public-key=md5//47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n", "sync.pinned-public-key" },
  { "[sync]\npinned-public-key=sha256//47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuF!=\n", "sync.pinned-public-key" },
  { "[sync]\npinned-public-key=/etc/nursery-kiosk/platform-key.pem\n", "sync.pinned-public-key" },
  { "[sync]\npinned-public-key=sha256//47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=;\n", "sync.pinned-public-key" },
  { "[sync]\nbatch-size=0\n", "sync.batch-size" },
  { "[sync]\npull-interval-seconds=4\n", "sync.pull-interval-seconds" },
  { "[sync]\nretry-max-seconds=3601\n", "sync.retry-max-seconds" },
  { "[sync]\nurgent-retry-seconds=0\n", "sync.urgent-retry-seconds" },
  { "[sync]\nurgent-retry-seconds=61\n", "sync.urgent-retry-seconds" },
  { "[kiosk]\ncentre-name=\xff\xfe\n", "kiosk.centre-name" },
  { "this is not a key file\n", "configuration file" },
};

static void
test_bad_value (gconstpointer data)
{
  const BadCase *c = data;
  g_autoptr (NkConfig) config = nk_config_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *path = write_conf (c->text);

  g_test_message ("%s", c->text);
  g_assert_false (nk_config_load (config, path, TRUE, &error));
  g_assert_nonnull (error);
  g_test_message ("→ %s", error->message);
  g_assert_nonnull (strstr (error->message, c->key));
  g_unlink (path);
}

/* Values at the edges and in every accepted spelling. */
static void
test_good_values (void)
{
  const struct {
    const char *text;
    const char *timezone;
    double      volume;
  } cases[] = {
    { "[kiosk]\ntimezone=Etc/UTC\n[sound]\nvolume=0\n", "Etc/UTC", 0.0 },
    { "[kiosk]\ntimezone=Etc/GMT-8\n[sound]\nvolume=1\n", "Etc/GMT-8", 1.0 },
    { "[kiosk]\ntimezone=America/Argentina/Buenos_Aires\n[sound]\nvolume=1.0\n",
      "America/Argentina/Buenos_Aires", 1.0 },
    { "[kiosk]\ntimezone=America/Port-au-Prince\n[sound]\nvolume=.25\n", "America/Port-au-Prince", 0.25 },
    { "[kiosk]\ntimezone= Asia/Shanghai \n[sound]\nvolume= 0.5 \n", "Asia/Shanghai", 0.5 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (NkConfig) config = nk_config_new ();
      g_autoptr (GError) error = NULL;
      g_autofree char *path = write_conf (cases[i].text);
      g_autoptr (GTimeZone) tz = NULL;

      g_assert_true (nk_config_load (config, path, TRUE, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (config->timezone, ==, cases[i].timezone);
      g_assert_cmpfloat (config->sound_volume, ==, cases[i].volume);
      tz = nk_config_get_timezone (config);
      g_assert_cmpstr (g_time_zone_get_identifier (tz), ==, cases[i].timezone);
      g_unlink (path);
    }

  {
    g_autoptr (NkConfig) config = nk_config_new ();
    g_autoptr (GError) error = NULL;
    g_autofree char *path = write_conf (
      "[reader]\nbackend=NFC:pn532_uart:/dev/ttyUSB0\n"
      "[sync]\nplatform-url=https://127.0.0.1:8443\n"
      "pinned-public-key=sha256//47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=;"
      "sha256//YhKJKSzoTt2b5FP18fvpHo7fJYqQCjAa3HWY3tvRMjE=\n"
      "[sound]\nenabled=0\n");

    g_assert_true (nk_config_load (config, path, TRUE, &error));
    g_assert_no_error (error);
    g_assert_cmpstr (config->reader, ==, "NFC:pn532_uart:/dev/ttyUSB0");
    g_assert_cmpstr (config->platform_url, ==, "https://127.0.0.1:8443");
    g_assert_false (config->sound_enabled);
    g_unlink (path);
  }
}

/* Zones come from $TZDIR when it is set, as GLib reads them: a file there
 * that is not a compiled zone is refused before GLib sees it (no
 * CRITICAL: this test runs with fatal warnings), a real one is taken. */
static void
test_timezone_dir (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("nk-tzdir-XXXXXX", &error);
  g_autofree char *area = g_build_filename (dir, "Test", NULL);
  g_autofree char *fake = g_build_filename (area, "Fake", NULL);
  g_autofree char *real = g_build_filename (area, "Real", NULL);
  g_autofree char *zone = NULL;
  gsize zone_len = 0;
  g_autofree char *saved = g_strdup (g_getenv ("TZDIR"));

  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir (area, 0700), ==, 0);
  g_assert_true (g_file_set_contents (fake, "root:x:0:0:root:/root:/bin/sh\n", -1, NULL));
  g_assert_true (g_file_get_contents ("/usr/share/zoneinfo/Asia/Shanghai", &zone, &zone_len, NULL));
  g_assert_true (g_file_set_contents (real, zone, (gssize) zone_len, NULL));
  g_setenv ("TZDIR", dir, TRUE);

  {
    g_autoptr (NkConfig) config = nk_config_new ();
    g_autofree char *path = write_conf ("[kiosk]\ntimezone=Test/Fake\n");

    g_assert_false (nk_config_load (config, path, TRUE, &error));
    g_assert_nonnull (strstr (error->message, "kiosk.timezone"));
    g_assert_nonnull (strstr (error->message, dir));
    g_clear_error (&error);
    g_unlink (path);
  }
  {
    g_autoptr (NkConfig) config = nk_config_new ();
    g_autofree char *path = write_conf ("[kiosk]\ntimezone=Test/Real\n");

    g_assert_true (nk_config_load (config, path, TRUE, &error));
    g_assert_no_error (error);
    g_assert_cmpstr (config->timezone, ==, "Test/Real");
    g_unlink (path);
  }

  if (saved != NULL)
    g_setenv ("TZDIR", saved, TRUE);
  else
    g_unsetenv ("TZDIR");
  g_unlink (fake);
  g_unlink (real);
  g_rmdir (area);
  g_rmdir (dir);
}

/* A bad value of a megabyte is quoted by its first 60 characters only,
 * and so is a line GLib cannot read. */
static void
test_long_value_quoted (void)
{
  g_autofree char *big = g_strnfill (1024 * 60, '7');
  const struct {
    const char *template;
    const char *prefix;    /* of the value, before the sevens */
  } cases[] = {
    { "[sound]\nvolume=%s\n", "" },
    { "[kiosk]\ntimezone=Asia/%s\n", "Asia/" },
    { "[sync]\nplatform-url=https://%s/\n", "https://" },
    { "[kiosk]\n%s\n", "" },    /* not a key file line: GLib's message, cut */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (NkConfig) config = nk_config_new ();
      g_autoptr (GError) error = NULL;
      g_autofree char *text = g_strdup_printf (cases[i].template, big);
      g_autofree char *path = write_conf (text);
      g_autofree char *sevens = g_strnfill (60 - strlen (cases[i].prefix), '7');
      g_autofree char *first = g_strconcat (cases[i].prefix, sevens, NULL);
      g_autofree char *more = g_strnfill (121, '7');

      g_assert_false (nk_config_load (config, path, TRUE, &error));
      g_test_message ("%s", error->message);
      g_assert_cmpuint (strlen (error->message), <, 400);
      g_assert_nonnull (strstr (error->message, first));
      g_assert_null (strstr (error->message, more));
      g_assert_nonnull (strstr (error->message, "…"));
      g_unlink (path);
    }
}

/* A file far larger than any configuration, or no regular file at all,
 * is refused before it is read. */
static void
test_not_a_config_file (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("nk-config-XXXXXX", &error);
  g_autofree char *big = g_build_filename (dir, "big.conf", NULL);
  g_autofree char *padding = g_strnfill (65 * 1024, '#');
  g_autofree char *text = g_strconcat ("[kiosk]\ncentre-name=Big\n", padding, "\n", NULL);

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (big, text, -1, NULL));

  {
    g_autoptr (NkConfig) config = nk_config_new ();
    g_assert_false (nk_config_load (config, big, TRUE, &error));
    g_assert_nonnull (strstr (error->message, "larger than"));
    g_clear_error (&error);
  }
  {
    g_autoptr (NkConfig) config = nk_config_new ();
    g_assert_false (nk_config_load (config, dir, TRUE, &error));
    g_assert_nonnull (strstr (error->message, "not a regular file"));
    g_clear_error (&error);
  }
  {
    g_autoptr (NkConfig) config = nk_config_new ();
    g_assert_false (nk_config_load (config, dir, FALSE, &error));
    g_clear_error (&error);
  }
  g_unlink (big);
  g_rmdir (dir);
}

/* kiosk.device-id is not configuration (NkStore makes the id): the line
 * is ignored with a journal line saying so. */
static void
test_device_id_not_read (void)
{
  g_autoptr (NkConfig) config = nk_config_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *path = write_conf ("[kiosk]\ndevice-id=0b8e4a6e-4a52-4f0b-9d4e-6b3c2f1e0a99\n"
                                      "centre-name=阳光\n");

  g_test_expect_message ("nk-core", G_LOG_LEVEL_MESSAGE, "*kiosk.device-id is not read*");
  g_assert_true (nk_config_load (config, path, TRUE, &error));
  g_test_assert_expected_messages ();
  g_assert_no_error (error);
  g_assert_cmpstr (config->centre_name, ==, "阳光");
  g_unlink (path);
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
  g_autofree char *path = write_conf ("[kiosk]\nkeep-audit-days=3650\nutilisation-target=65\n"
                                      "closing-time=18:05\n[ratio]\nbreach-minutes=2\n"
                                      "[sync]\nkeep-sent-days=1\nurgent-retry-seconds=60\n");

  g_assert_cmpuint (defaults->keep_sent_days, ==, 30);
  g_assert_cmpuint (defaults->keep_audit_days, ==, 400);
  g_assert_cmpuint (defaults->urgent_retry_seconds, ==, 5);
  g_assert_true (nk_config_load (config, path, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (config->keep_sent_days, ==, 1);
  g_assert_cmpuint (config->urgent_retry_seconds, ==, 60);
  g_assert_cmpuint (config->keep_audit_days, ==, 3650);
  /* the Trends' target (nk-trends.h), 80 % unless set */
  g_assert_cmpuint (defaults->utilisation_target, ==, 80);
  g_assert_cmpuint (config->utilisation_target, ==, 65);
  /* the director's dashboard and the ratio watch */
  g_assert_cmpuint (defaults->closing_minutes, ==, 17 * 60 + 30);
  g_assert_cmpuint (config->closing_minutes, ==, 18 * 60 + 5);
  g_assert_cmpuint (defaults->ratio_breach_minutes, ==, 5);
  g_assert_cmpuint (config->ratio_breach_minutes, ==, 2);
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

/* The note phrases (常用语): none configured is the built-in list; a list
 * is trimmed and kept in order; an empty phrase, one too long, a control
 * character or too many phrases are refused with the key named. */
static void
test_care_phrases (void)
{
  g_autofree char *long_one = g_strdup_printf ("[care]\nphrases=%s\n", "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一");
  g_autoptr (GString) many = g_string_new ("[care]\nphrases=");
  g_autoptr (NkConfig) defaults = nk_config_new ();
  g_autoptr (NkConfig) config = nk_config_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *path = write_conf ("[care]\nphrases= 今天吃得很好 ;午睡很香;请带换洗衣物;\n");
  const char *bad[] = { "[care]\nphrases=好;;坏\n", "[care]\nphrases=;\n", long_one, NULL, NULL };

  for (guint i = 0; i < 41; i++)
    g_string_append (many, "好;");
  bad[3] = many->str;

  g_assert_null (defaults->care_phrases);
  g_assert_true (nk_config_load (config, path, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (config->care_phrases), ==, 3);
  g_assert_cmpstr (config->care_phrases[0], ==, "今天吃得很好");
  g_assert_cmpstr (config->care_phrases[2], ==, "请带换洗衣物");
  g_unlink (path);

  for (guint i = 0; bad[i] != NULL; i++)
    {
      g_autoptr (NkConfig) c = nk_config_new ();
      g_autoptr (GError) e = NULL;
      g_autofree char *p = write_conf (bad[i]);

      g_assert_false (nk_config_load (c, p, TRUE, &e));
      g_assert_error (e, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE);
      g_assert_nonnull (strstr (e->message, "care.phrases"));
      g_unlink (p);
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/nk/config/defaults", test_defaults);
  g_test_add_func ("/nk/config/load", test_load);
  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      g_autofree char *name = g_strdelimit (g_strdup (bad_cases[i].key), " ", '-');
      g_autofree char *path = g_strdup_printf ("/nk/config/bad-value/%s/%u", name, i);

      g_test_add_data_func (path, &bad_cases[i], test_bad_value);
    }
  g_test_add_func ("/nk/config/good-values", test_good_values);
  g_test_add_func ("/nk/config/timezone-dir", test_timezone_dir);
  g_test_add_func ("/nk/config/long-value-quoted", test_long_value_quoted);
  g_test_add_func ("/nk/config/not-a-config-file", test_not_a_config_file);
  g_test_add_func ("/nk/config/device-id-not-read", test_device_id_not_read);
  g_test_add_func ("/nk/config/missing-file", test_missing);
  g_test_add_func ("/nk/config/unknown-key", test_unknown_key);
  g_test_add_func ("/nk/config/keep-days", test_keep_days);
  g_test_add_func ("/nk/config/care-phrases", test_care_phrases);
  return g_test_run ();
}
