/* nk-config.c — the configuration file (docs/config.md).
 *
 * Every key has a strict check and a plain refusal that names it: a
 * number is whole (or, for the volume, finite) and in its range, a path
 * is absolute, the time zone is an Area/City name found in the tz
 * database, the platform address is https://host[:port] and nothing more.
 * A message quotes at most the first NK_QUOTE_MAX_CHARS characters of a
 * bad value. */
#define G_LOG_DOMAIN "nk-core"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "nk-config.h"
#include "nk-quote.h"
#include "nk-dashboard.h"
#include "nk-ratio.h"
#include "nk-trends.h"
#include "nk-types.h"

/* Far above any real configuration (a few hundred bytes). */
#define NK_CONFIG_MAX_BYTES (64 * 1024)
#define MAX_NAME_CHARS 64
#define MAX_PATH_BYTES 1024
#define MAX_BACKEND_CHARS 256
#define MAX_URL_CHARS 256
#define MAX_TIMEZONE_CHARS 64
#define MAX_PINS 8
#define PIN_PREFIX "sha256//"
#define PIN_BASE64_CHARS 44  /* a SHA-256 digest, base64 */

NkConfig *
nk_config_new (void)
{
  NkConfig *self = g_new0 (NkConfig, 1);

  self->timezone = g_strdup ("Asia/Shanghai");
  self->result_seconds = 4;
  self->chooser_seconds = 20;
  self->day_seconds = 15;
  self->ack_seconds = 60;
  self->panel_seconds = 8;
  self->staff_lock_seconds = 90;
  self->keep_audit_days = 400;
  self->utilisation_target = NK_TRENDS_TARGET_DEFAULT;
  self->closing_minutes = NK_DASHBOARD_CLOSING_DEFAULT;
  self->reader = g_strdup ("nfc");
  self->debounce_seconds = 10;
  self->uid.format = NK_UID_FORMAT_HEX;
  self->uid.reversed = FALSE;
  self->sound_enabled = TRUE;
  self->sound_volume = 0.8;
  self->batch_size = 500;
  self->pull_seconds = 60;
  self->retry_max_seconds = 300;
  self->urgent_retry_seconds = 5;
  self->keep_sent_days = 30;
  self->sleep_check_minutes = 10;
  self->sleep_check_rooms = 1u << NK_ROOM_INFANT;
  self->absence_after_minutes = 9 * 60 + 30;
  self->absence_open_days = (1u << G_DATE_MONDAY) | (1u << G_DATE_TUESDAY) | (1u << G_DATE_WEDNESDAY)
                            | (1u << G_DATE_THURSDAY) | (1u << G_DATE_FRIDAY);
  self->outbreak_room_children = 3;
  self->outbreak_centre_children = 5;
  self->outbreak_centre_days = 3;
  self->ratio_breach_minutes = NK_RATIO_BREACH_MINUTES_DEFAULT;
  return self;
}

void
nk_config_free (NkConfig *self)
{
  if (self == NULL)
    return;
  g_free (self->centre_name);
  g_free (self->timezone);
  g_free (self->data_dir);
  g_free (self->reader);
  g_free (self->platform_url);
  g_free (self->ca_file);
  g_free (self->pinned_key);
  g_strfreev (self->care_phrases);
  g_free (self);
}

typedef enum {
  KEY_NAME,        /* free text on one line, at most MAX_NAME_CHARS */
  KEY_TIMEZONE,
  KEY_PATH,        /* an absolute path */
  KEY_UINT,
  KEY_BOOL,
  KEY_VOLUME,      /* 0.0–1.0 */
  KEY_UID_FORMAT,
  KEY_BYTE_ORDER,
  KEY_BACKEND,
  KEY_URL,
  KEY_PIN,
  KEY_PHRASES,     /* phrases separated by ";", each one line of 1–MAX_PHRASE_CHARS */
  KEY_ROOM_KINDS,  /* room kinds separated by commas: a bit per NkRoomKind */
  KEY_CLOCK,       /* HH:MM of the day: minutes after midnight */
  KEY_WEEKDAYS,    /* mon … sun separated by commas, each once: a bit per GDateWeekday */
} KeyType;

typedef struct {
  const char *group;
  const char *key;
  KeyType     type;
  gsize       offset;
  guint       min, max; /* for KEY_UINT */
} KeySpec;

#define OFF(f) G_STRUCT_OFFSET (NkConfig, f)

static const KeySpec keys[] = {
  { "kiosk", "centre-name", KEY_NAME, OFF (centre_name), 0, 0 },
  { "kiosk", "timezone", KEY_TIMEZONE, OFF (timezone), 0, 0 },
  { "kiosk", "data-dir", KEY_PATH, OFF (data_dir), 0, 0 },
  { "kiosk", "result-seconds", KEY_UINT, OFF (result_seconds), 1, 60 },
  { "kiosk", "chooser-seconds", KEY_UINT, OFF (chooser_seconds), 1, 300 },
  { "kiosk", "day-seconds", KEY_UINT, OFF (day_seconds), 5, 120 },
  { "kiosk", "ack-seconds", KEY_UINT, OFF (ack_seconds), 15, 600 },
  { "kiosk", "panel-seconds", KEY_UINT, OFF (panel_seconds), 3, 120 },
  { "kiosk", "staff-lock-seconds", KEY_UINT, OFF (staff_lock_seconds), 5, 3600 },
  { "kiosk", "keep-audit-days", KEY_UINT, OFF (keep_audit_days), 1, 3650 },
  { "kiosk", "utilisation-target", KEY_UINT, OFF (utilisation_target), NK_TRENDS_TARGET_MIN, NK_TRENDS_TARGET_MAX },
  { "kiosk", "closing-time", KEY_CLOCK, OFF (closing_minutes), 0, 0 },
  { "reader", "backend", KEY_BACKEND, OFF (reader), 0, 0 },
  { "reader", "debounce-seconds", KEY_UINT, OFF (debounce_seconds), 0, 600 },
  { "reader", "uid-format", KEY_UID_FORMAT, OFF (uid.format), 0, 0 },
  { "reader", "uid-byte-order", KEY_BYTE_ORDER, OFF (uid.reversed), 0, 0 },
  { "sound", "enabled", KEY_BOOL, OFF (sound_enabled), 0, 0 },
  { "sound", "volume", KEY_VOLUME, OFF (sound_volume), 0, 0 },
  { "sync", "platform-url", KEY_URL, OFF (platform_url), 0, 0 },
  { "sync", "ca-file", KEY_PATH, OFF (ca_file), 0, 0 },
  { "sync", "pinned-public-key", KEY_PIN, OFF (pinned_key), 0, 0 },
  { "sync", "batch-size", KEY_UINT, OFF (batch_size), 1, 1000 },
  { "sync", "pull-interval-seconds", KEY_UINT, OFF (pull_seconds), 5, 86400 },
  { "sync", "retry-max-seconds", KEY_UINT, OFF (retry_max_seconds), 1, 3600 },
  { "sync", "urgent-retry-seconds", KEY_UINT, OFF (urgent_retry_seconds), 1, 60 },
  { "sync", "keep-sent-days", KEY_UINT, OFF (keep_sent_days), 1, 3650 },
  { "care", "phrases", KEY_PHRASES, OFF (care_phrases), 0, 0 },
  { "sleep-check", "interval-minutes", KEY_UINT, OFF (sleep_check_minutes), 5, 15 },
  { "sleep-check", "room-kinds", KEY_ROOM_KINDS, OFF (sleep_check_rooms), 0, 0 },
  { "absence", "after", KEY_CLOCK, OFF (absence_after_minutes), 0, 0 },
  { "absence", "open-days", KEY_WEEKDAYS, OFF (absence_open_days), 0, 0 },
  { "outbreak", "room-children", KEY_UINT, OFF (outbreak_room_children), 2, 50 },
  { "outbreak", "centre-children", KEY_UINT, OFF (outbreak_centre_children), 2, 500 },
  { "outbreak", "centre-days", KEY_UINT, OFF (outbreak_centre_days), 1, 14 },
  { "ratio", "breach-minutes", KEY_UINT, OFF (ratio_breach_minutes), NK_RATIO_BREACH_MINUTES_MIN,
    NK_RATIO_BREACH_MINUTES_MAX },
};

static const KeySpec *
find_key (const char *group, const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    if (g_str_equal (keys[i].group, group) && g_str_equal (keys[i].key, key))
      return &keys[i];
  return NULL;
}

static gboolean
has_control_chars (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (g_unichar_iscntrl (c) || c == 0x2028 || c == 0x2029)
        return TRUE;
    }
  return FALSE;
}

#define MAX_PHRASES 40
#define MAX_PHRASE_CHARS 30

/* "A;B;C": each phrase trimmed, none empty, none with a control
 * character, none longer than MAX_PHRASE_CHARS. */
static gboolean
parse_phrases (const char *text,
               GStrv      *out)
{
  g_auto (GStrv) parts = g_strsplit (text, ";", -1);
  g_autoptr (GStrvBuilder) b = g_strv_builder_new ();
  guint n = 0;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *p = g_strstrip (parts[i]);

      if (*p == '\0' && parts[i + 1] == NULL && i > 0)
        break;   /* a last ";" */
      if (*p == '\0' || has_control_chars (p) || g_utf8_strlen (p, -1) > MAX_PHRASE_CHARS || ++n > MAX_PHRASES)
        return FALSE;
      g_strv_builder_add (b, p);
    }
  *out = g_strv_builder_end (b);
  return TRUE;
}


/* Printable ASCII without spaces. */
static gboolean
is_plain_ascii (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if (*p <= ' ' || *p >= 0x7f)
      return FALSE;
  return TRUE;
}

/* "Configuration key group.key has a bad value “…”: why". */
static gboolean
refuse (GError **error, const char *group, const char *key, const char *text, const char *why)
{
  g_autofree char *shown = nk_quote_value (text);
  g_autofree char *what = g_strdup_printf ("%s.%s", group, key);

  g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
               _("Configuration key %s has a bad value “%s”: %s (see docs/config.md)"),
               what, shown, why);
  return FALSE;
}

static gboolean
bad_value (GError **error, const KeySpec *spec, const char *text, const char *why)
{
  return refuse (error, spec->group, spec->key, text, why);
}

/* ---- time zones --------------------------------------------------------- */

/* Area/City[/…]: each part starts with a letter and holds letters, digits,
 * "_", "-" and "+" (so no "/" in front, no "." and no "..").  A bare
 * "UTC" or "GMT" is not of this form; Etc/UTC is. */
static gboolean
timezone_name_ok (const char *name)
{
  guint parts = 0;

  if (strlen (name) > MAX_TIMEZONE_CHARS)
    return FALSE;
  for (const char *p = name; *p != '\0';)
    {
      if (!g_ascii_isalpha (*p))
        return FALSE;
      for (; *p != '\0' && *p != '/'; p++)
        if (!g_ascii_isalnum (*p) && *p != '_' && *p != '-' && *p != '+')
          return FALSE;
      parts++;
      if (*p == '/')
        p++;
    }
  return parts >= 2 && name[strlen (name) - 1] != '/';
}

/* Where GLib looks for zones: $TZDIR, else /usr/share/zoneinfo. */
static const char *
timezone_dir (void)
{
  const char *dir = g_getenv ("TZDIR");

  return dir != NULL && *dir != '\0' ? dir : "/usr/share/zoneinfo";
}

/* The name is a compiled zone file ("TZif…") in the tz database, so
 * GLib loads it without complaint. */
static gboolean
timezone_file_ok (const char *name)
{
  g_autofree char *path = g_build_filename (timezone_dir (), name, NULL);
  char magic[4];
  GStatBuf st;
  FILE *file;
  gsize n;

  if (g_stat (path, &st) != 0 || !S_ISREG (st.st_mode))
    return FALSE;
  file = g_fopen (path, "rb");
  if (file == NULL)
    return FALSE;
  n = fread (magic, 1, sizeof magic, file);
  fclose (file);
  return n == sizeof magic && memcmp (magic, "TZif", sizeof magic) == 0;
}

static gboolean
check_timezone (const char *name, GError **error)
{
  g_autoptr (GTimeZone) tz = NULL;
  g_autofree char *why = NULL;

  if (!timezone_name_ok (name))
    return refuse (error, "kiosk", "timezone", name,
                   _("it is not a time zone name of the form Area/City, such as Asia/Shanghai"));
  if (!timezone_file_ok (name) || (tz = g_time_zone_new_identifier (name)) == NULL)
    {
      why = g_strdup_printf (_("there is no such time zone in %s"), timezone_dir ());
      return refuse (error, "kiosk", "timezone", name, why);
    }
  return TRUE;
}

/* ---- the other checks ----------------------------------------------------- */

/* https://host[:port], a "/" at the end allowed; nothing else (the kiosk
 * adds /api/v1/…; sync/nk-http.c checks the same). */
static gboolean
url_ok (const char *text)
{
  g_autoptr (GUri) uri = NULL;
  const char *path;

  if (g_utf8_strlen (text, -1) > MAX_URL_CHARS || !is_plain_ascii (text))
    return FALSE;
  uri = g_uri_parse (text, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    return FALSE;
  path = g_uri_get_path (uri);
  return g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") == 0
         && g_uri_get_host (uri) != NULL && *g_uri_get_host (uri) != '\0'
         && g_uri_get_userinfo (uri) == NULL && g_uri_get_query (uri) == NULL
         && g_uri_get_fragment (uri) == NULL && (*path == '\0' || strcmp (path, "/") == 0);
}

/* sha256//BASE64 (44 characters, 32 bytes), several joined by ";". */
static gboolean
pin_ok (const char *text)
{
  g_auto (GStrv) pins = g_strsplit (text, ";", -1);

  if (g_strv_length (pins) > MAX_PINS)
    return FALSE;
  for (guint i = 0; pins[i] != NULL; i++)
    {
      const char *b64 = pins[i] + strlen (PIN_PREFIX);
      g_autofree guchar *digest = NULL;
      gsize len = 0;

      if (!g_str_has_prefix (pins[i], PIN_PREFIX) || strlen (b64) != PIN_BASE64_CHARS)
        return FALSE;
      for (const char *p = b64; *p != '\0'; p++)
        if (!g_ascii_isalnum (*p) && *p != '+' && *p != '/' && !(*p == '=' && p[1] == '\0'))
          return FALSE;
      digest = g_base64_decode (b64, &len);
      if (len != 32)
        return FALSE;
    }
  return TRUE;
}

/* sim | nfc[:CONNECTION] | wedge[:/dev/…], the shapes devices/nk-reader.c takes. */
static gboolean
backend_ok (const char *text)
{
  const char *colon = strchr (text, ':');
  g_autofree char *kind = g_ascii_strdown (text, colon ? colon - text : -1);
  const char *rest = colon ? colon + 1 : NULL;

  if (g_utf8_strlen (text, -1) > MAX_BACKEND_CHARS || !is_plain_ascii (text))
    return FALSE;
  if (g_str_equal (kind, "sim"))
    return rest == NULL;
  if (g_str_equal (kind, "nfc"))
    return rest == NULL || *rest != '\0';
  if (g_str_equal (kind, "wedge"))
    return rest == NULL || g_path_is_absolute (rest);
  return FALSE;
}

static gboolean
parse_volume (const char *text, double *out)
{
  guint dots = 0;
  guint digits = 0;
  double v;

  /* digits and at most one ".", nothing else: no sign, exponent, hex, inf or nan */
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '.')
        dots++;
      else if (g_ascii_isdigit (*p))
        digits++;
      else
        return FALSE;
    }
  if (dots > 1 || digits == 0 || strlen (text) > 16)
    return FALSE;
  v = g_ascii_strtod (text, NULL);
  if (!isfinite (v) || v < 0.0 || v > 1.0)
    return FALSE;
  *out = v;
  return TRUE;
}

/* "infant,toddler": the infant room has checks whatever the list says. */
static gboolean
parse_room_kinds (const char *text, guint *out)
{
  g_auto (GStrv) parts = g_strsplit (text, ",", -1);
  guint bits = 1u << NK_ROOM_INFANT;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      NkRoomKind kind;

      if (!nk_room_kind_from_string (g_strstrip (parts[i]), &kind))
        return FALSE;
      bits |= 1u << kind;
    }
  *out = bits;
  return TRUE;
}

/* "HH:MM", 00:00–23:59, two digits each. */
static gboolean
parse_clock (const char *text, guint *out)
{
  guint h, m;

  if (strlen (text) != 5 || !g_ascii_isdigit (text[0]) || !g_ascii_isdigit (text[1]) || text[2] != ':'
      || !g_ascii_isdigit (text[3]) || !g_ascii_isdigit (text[4]))
    return FALSE;
  h = (guint) (text[0] - '0') * 10 + (guint) (text[1] - '0');
  m = (guint) (text[3] - '0') * 10 + (guint) (text[4] - '0');
  if (h > 23 || m > 59)
    return FALSE;
  *out = h * 60 + m;
  return TRUE;
}

/* "mon,tue,…": at least one day, each once. */
static gboolean
parse_weekdays (const char *text, guint *out)
{
  static const char *const names[] = { "mon", "tue", "wed", "thu", "fri", "sat", "sun" };
  g_auto (GStrv) parts = g_strsplit (text, ",", -1);
  guint bits = 0;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *part = g_strstrip (parts[i]);
      guint day = 0;

      for (guint d = 0; d < G_N_ELEMENTS (names); d++)
        if (g_ascii_strcasecmp (part, names[d]) == 0)
          day = G_DATE_MONDAY + d;
      if (day == 0 || (bits & (1u << day)))
        return FALSE;
      bits |= 1u << day;
    }
  if (bits == 0)
    return FALSE;
  *out = bits;
  return TRUE;
}

static gboolean
apply_key (NkConfig *self, GKeyFile *kf, const KeySpec *spec, GError **error)
{
  gpointer field = G_STRUCT_MEMBER_P (self, spec->offset);
  g_autoptr (GError) local = NULL;
  g_autofree char *text = g_key_file_get_string (kf, spec->group, spec->key, &local);

  if (text == NULL)
    {
      /* GLib's message would quote the whole value */
      g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                   _("Configuration key %s.%s is not UTF-8 text"), spec->group, spec->key);
      return FALSE;
    }
  g_strstrip (text);

  if (*text == '\0')
    {
      g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                   _("Configuration key %s.%s is empty; leave the line out for the default"),
                   spec->group, spec->key);
      return FALSE;
    }

  switch (spec->type)
    {
    case KEY_NAME:
      if (has_control_chars (text))
        return bad_value (error, spec, text, _("it holds a line break or another control character"));
      if (g_utf8_strlen (text, -1) > MAX_NAME_CHARS)
        {
          g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                       _("Configuration key %s.%s is longer than %u characters"),
                       spec->group, spec->key, MAX_NAME_CHARS);
          return FALSE;
        }
      break;

    case KEY_TIMEZONE:
      if (!check_timezone (text, error))
        return FALSE;
      break;

    case KEY_PATH:
      if (!g_path_is_absolute (text) || strlen (text) > MAX_PATH_BYTES || has_control_chars (text))
        return bad_value (error, spec, text, _("it is not an absolute path"));
      break;

    case KEY_UINT:
      {
        guint64 v;
        g_autofree char *why = NULL;

        if (g_ascii_string_to_unsigned (text, 10, spec->min, spec->max, &v, NULL))
          {
            *(guint *) field = (guint) v;
            return TRUE;
          }
        why = g_strdup_printf (_("it is not a whole number from %u to %u"), spec->min, spec->max);
        return bad_value (error, spec, text, why);
      }

    case KEY_BOOL:
      if (g_str_equal (text, "true") || g_str_equal (text, "1"))
        *(gboolean *) field = TRUE;
      else if (g_str_equal (text, "false") || g_str_equal (text, "0"))
        *(gboolean *) field = FALSE;
      else
        return bad_value (error, spec, text, _("it is neither true nor false"));
      return TRUE;

    case KEY_VOLUME:
      if (!parse_volume (text, (double *) field))
        return bad_value (error, spec, text, _("it is not a number from 0.0 to 1.0"));
      return TRUE;

    case KEY_UID_FORMAT:
      if (g_str_equal (text, "hex"))
        *(NkUidFormat *) field = NK_UID_FORMAT_HEX;
      else if (g_str_equal (text, "decimal"))
        *(NkUidFormat *) field = NK_UID_FORMAT_DECIMAL;
      else
        return bad_value (error, spec, text, _("it is neither hex nor decimal"));
      return TRUE;

    case KEY_BYTE_ORDER:
      if (g_str_equal (text, "normal"))
        *(gboolean *) field = FALSE;
      else if (g_str_equal (text, "reversed"))
        *(gboolean *) field = TRUE;
      else
        return bad_value (error, spec, text, _("it is neither normal nor reversed"));
      return TRUE;

    case KEY_BACKEND:
      if (!backend_ok (text))
        return bad_value (error, spec, text, _("it is not sim, nfc, nfc:CONNECTION, wedge or wedge:/dev/input/eventN"));
      break;

    case KEY_URL:
      if (!url_ok (text))
        return bad_value (error, spec, text, _("it is not of the form https://host[:port] (no path: the kiosk adds /api/v1/ itself)"));
      break;

    case KEY_PHRASES:
      {
        g_auto (GStrv) phrases = NULL;

        if (!parse_phrases (text, &phrases))
          return bad_value (error, spec, text,
                            _("it is not a list of at most 40 phrases separated by \";\", each of 1 to 30 characters"));
        g_strfreev (*(char ***) field);
        *(char ***) field = g_steal_pointer (&phrases);
        return TRUE;
      }
    case KEY_ROOM_KINDS:
      if (!parse_room_kinds (text, (guint *) field))
        return bad_value (error, spec, text, _("it is not a list of infant, toddler and senior separated by commas"));
      return TRUE;

    case KEY_CLOCK:
      if (!parse_clock (text, (guint *) field))
        return bad_value (error, spec, text, _("it is not a time of day HH:MM (00:00 to 23:59)"));
      return TRUE;

    case KEY_WEEKDAYS:
      if (!parse_weekdays (text, (guint *) field))
        return bad_value (error, spec, text,
                          _("it is not a list of days mon, tue, wed, thu, fri, sat, sun separated by commas, "
                            "each once"));
      return TRUE;

    case KEY_PIN:
      if (!pin_ok (text))
        return bad_value (error, spec, text, _("it is not of the form sha256//BASE64 (the base64 SHA-256 of the platform's public key)"));
      break;

    default:
      g_assert_not_reached ();
    }

  /* the string kinds */
  g_free (*(char **) field);
  *(char **) field = g_steal_pointer (&text);
  return TRUE;
}

/* Keys that were once read and are not any more: a journal line that
 * says why, and the line is ignored. */
static gboolean
is_retired_key (const char *path, const char *group, const char *key)
{
  if (g_str_equal (group, "kiosk") && g_str_equal (key, "device-id"))
    {
      g_message ("Configuration %s: kiosk.device-id is not read: the kiosk makes its device id "
                 "on first start and keeps it in its database (nursery-kiosk-admin status shows it)",
                 path);
      return TRUE;
    }
  return FALSE;
}

/* The file's bytes, refused when it is not a regular file or is far
 * larger than any configuration. */
static char *
read_file (const char *path, gboolean must_exist, gboolean *missing, GError **error)
{
  g_autoptr (GError) local = NULL;
  g_autofree char *data = NULL;
  GStatBuf st;
  gsize len = 0;

  *missing = FALSE;
  if (g_stat (path, &st) != 0)
    {
      int saved = errno;

      if (!must_exist && saved == ENOENT)
        {
          *missing = TRUE;
          return NULL;
        }
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Cannot read the configuration file %s: %s"), path, g_strerror (saved));
      return NULL;
    }
  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                   _("The configuration file %s is not a regular file"), path);
      return NULL;
    }
  if (st.st_size > NK_CONFIG_MAX_BYTES)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                   _("The configuration file %s is larger than %u KiB; it cannot be a kiosk configuration"),
                   path, NK_CONFIG_MAX_BYTES / 1024);
      return NULL;
    }
  if (!g_file_get_contents (path, &data, &len, &local))
    {
      g_set_error (error, local->domain, local->code,
                   _("Cannot read the configuration file %s: %s"), path, local->message);
      return NULL;
    }
  if (len > NK_CONFIG_MAX_BYTES)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                   _("The configuration file %s is larger than %u KiB; it cannot be a kiosk configuration"),
                   path, NK_CONFIG_MAX_BYTES / 1024);
      return NULL;
    }
  return g_steal_pointer (&data);
}

gboolean
nk_config_load (NkConfig *self, const char *path, gboolean must_exist, GError **error)
{
  g_autoptr (GKeyFile) kf = g_key_file_new ();
  g_autoptr (GError) local = NULL;
  g_autofree char *data = NULL;
  g_auto (GStrv) groups = NULL;
  gboolean missing = FALSE;

  data = read_file (path, must_exist, &missing, error);
  if (data == NULL)
    return missing;

  if (!g_key_file_load_from_data (kf, data, -1, G_KEY_FILE_NONE, &local))
    {
      /* GLib's message quotes the whole line it stopped at */
      g_autofree char *shown = nk_quote_text (local->message, -1, 2 * NK_QUOTE_MAX_CHARS);

      g_set_error (error, local->domain, local->code,
                   _("Cannot read the configuration file %s: %s"), path, shown);
      return FALSE;
    }

  groups = g_key_file_get_groups (kf, NULL);
  for (guint g = 0; groups[g]; g++)
    {
      g_auto (GStrv) names = g_key_file_get_keys (kf, groups[g], NULL, NULL);
      for (guint k = 0; names && names[k]; k++)
        {
          const KeySpec *spec = find_key (groups[g], names[k]);
          if (spec == NULL)
            {
              if (!is_retired_key (path, groups[g], names[k]))
                {
                  g_autofree char *group = nk_quote_value (groups[g]);
                  g_autofree char *key = nk_quote_value (names[k]);

                  g_message ("Configuration %s: unknown key %s.%s ignored", path, group, key);
                }
              continue;
            }
          if (!apply_key (self, kf, spec, error))
            return FALSE;
        }
    }
  return TRUE;
}

const char *
nk_config_get_data_dir (NkConfig *self)
{
  if (self->data_dir == NULL)
    self->data_dir = g_build_filename (g_get_user_data_dir (), "nursery-kiosk", NULL);
  return self->data_dir;
}

GTimeZone *
nk_config_get_timezone (NkConfig *self)
{
  GTimeZone *tz = g_time_zone_new_identifier (self->timezone);
  /* tzdata missing: China Standard Time has no DST. */
  return tz ? tz : g_time_zone_new_offset (8 * 3600);
}
