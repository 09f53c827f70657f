/* nk-config.c — the configuration file (docs/config.md). */
#define G_LOG_DOMAIN "nk-core"

#include "config.h"

#include <glib/gi18n.h>

#include "nk-config.h"

NkConfig *
nk_config_new (void)
{
  NkConfig *self = g_new0 (NkConfig, 1);

  self->timezone = g_strdup ("Asia/Shanghai");
  self->result_seconds = 4;
  self->chooser_seconds = 20;
  self->staff_lock_seconds = 60;
  self->keep_audit_days = 400;
  self->reader = g_strdup ("nfc");
  self->debounce_seconds = 10;
  self->uid.format = NK_UID_FORMAT_HEX;
  self->uid.reversed = FALSE;
  self->sound_enabled = TRUE;
  self->sound_volume = 0.8;
  self->batch_size = 500;
  self->pull_seconds = 60;
  self->retry_max_seconds = 300;
  self->keep_sent_days = 30;
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
  g_free (self->device_id);
  g_free (self->reader);
  g_free (self->platform_url);
  g_free (self->ca_file);
  g_free (self->pinned_key);
  g_free (self);
}

typedef enum { KEY_STRING, KEY_UINT, KEY_BOOL, KEY_DOUBLE, KEY_UID_FORMAT, KEY_BYTE_ORDER } KeyType;

typedef struct {
  const char *group;
  const char *key;
  KeyType     type;
  gsize       offset;
  guint       min, max; /* for KEY_UINT */
} KeySpec;

#define OFF(f) G_STRUCT_OFFSET (NkConfig, f)

static const KeySpec keys[] = {
  { "kiosk", "centre-name", KEY_STRING, OFF (centre_name), 0, 0 },
  { "kiosk", "timezone", KEY_STRING, OFF (timezone), 0, 0 },
  { "kiosk", "data-dir", KEY_STRING, OFF (data_dir), 0, 0 },
  { "kiosk", "device-id", KEY_STRING, OFF (device_id), 0, 0 },
  { "kiosk", "result-seconds", KEY_UINT, OFF (result_seconds), 1, 60 },
  { "kiosk", "chooser-seconds", KEY_UINT, OFF (chooser_seconds), 1, 300 },
  { "kiosk", "staff-lock-seconds", KEY_UINT, OFF (staff_lock_seconds), 5, 3600 },
  { "kiosk", "keep-audit-days", KEY_UINT, OFF (keep_audit_days), 1, 3650 },
  { "reader", "backend", KEY_STRING, OFF (reader), 0, 0 },
  { "reader", "debounce-seconds", KEY_UINT, OFF (debounce_seconds), 0, 600 },
  { "reader", "uid-format", KEY_UID_FORMAT, OFF (uid.format), 0, 0 },
  { "reader", "uid-byte-order", KEY_BYTE_ORDER, OFF (uid.reversed), 0, 0 },
  { "sound", "enabled", KEY_BOOL, OFF (sound_enabled), 0, 0 },
  { "sound", "volume", KEY_DOUBLE, OFF (sound_volume), 0, 0 },
  { "sync", "platform-url", KEY_STRING, OFF (platform_url), 0, 0 },
  { "sync", "ca-file", KEY_STRING, OFF (ca_file), 0, 0 },
  { "sync", "pinned-public-key", KEY_STRING, OFF (pinned_key), 0, 0 },
  { "sync", "batch-size", KEY_UINT, OFF (batch_size), 1, 1000 },
  { "sync", "pull-interval-seconds", KEY_UINT, OFF (pull_seconds), 5, 86400 },
  { "sync", "retry-max-seconds", KEY_UINT, OFF (retry_max_seconds), 1, 3600 },
  { "sync", "keep-sent-days", KEY_UINT, OFF (keep_sent_days), 1, 3650 },
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
apply_key (NkConfig *self, GKeyFile *kf, const KeySpec *spec, GError **error)
{
  gpointer field = G_STRUCT_MEMBER_P (self, spec->offset);
  g_autoptr (GError) local = NULL;
  g_autofree char *text = g_key_file_get_string (kf, spec->group, spec->key, &local);

  if (text == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  g_strstrip (text);

  switch (spec->type)
    {
    case KEY_STRING:
      g_free (*(char **) field);
      *(char **) field = *text ? g_steal_pointer (&text) : NULL;
      return TRUE;

    case KEY_UINT:
      {
        guint64 v;
        if (!g_ascii_string_to_unsigned (text, 10, spec->min, spec->max, &v, NULL))
          break;
        *(guint *) field = (guint) v;
        return TRUE;
      }

    case KEY_BOOL:
      {
        gboolean v = g_key_file_get_boolean (kf, spec->group, spec->key, &local);
        if (local)
          break;
        *(gboolean *) field = v;
        return TRUE;
      }

    case KEY_DOUBLE:
      {
        char *end = NULL;
        double v = g_ascii_strtod (text, &end);
        if (end == text || *end != '\0' || v < 0.0 || v > 1.0)
          break;
        *(double *) field = v;
        return TRUE;
      }

    case KEY_UID_FORMAT:
      if (g_str_equal (text, "hex"))
        *(NkUidFormat *) field = NK_UID_FORMAT_HEX;
      else if (g_str_equal (text, "decimal"))
        *(NkUidFormat *) field = NK_UID_FORMAT_DECIMAL;
      else
        break;
      return TRUE;

    case KEY_BYTE_ORDER:
      if (g_str_equal (text, "normal"))
        *(gboolean *) field = FALSE;
      else if (g_str_equal (text, "reversed"))
        *(gboolean *) field = TRUE;
      else
        break;
      return TRUE;

    default:
      g_assert_not_reached ();
    }

  g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
               _("Configuration key %s.%s has a bad value “%s” (see docs/config.md)"),
               spec->group, spec->key, text);
  return FALSE;
}

gboolean
nk_config_load (NkConfig *self, const char *path, gboolean must_exist, GError **error)
{
  g_autoptr (GKeyFile) kf = g_key_file_new ();
  g_autoptr (GError) local = NULL;

  if (!g_key_file_load_from_file (kf, path, G_KEY_FILE_NONE, &local))
    {
      if (!must_exist && g_error_matches (local, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return TRUE;
      g_set_error (error, local->domain, local->code,
                   _("Cannot read the configuration file %s: %s"), path, local->message);
      return FALSE;
    }

  g_auto (GStrv) groups = g_key_file_get_groups (kf, NULL);
  for (guint g = 0; groups[g]; g++)
    {
      g_auto (GStrv) names = g_key_file_get_keys (kf, groups[g], NULL, NULL);
      for (guint k = 0; names && names[k]; k++)
        {
          const KeySpec *spec = find_key (groups[g], names[k]);
          if (spec == NULL)
            {
              g_message ("Configuration %s: unknown key %s.%s ignored", path, groups[g], names[k]);
              continue;
            }
          if (!apply_key (self, kf, spec, error))
            return FALSE;
        }
    }

  g_autoptr (GTimeZone) tz = g_time_zone_new_identifier (self->timezone);
  if (tz == NULL)
    {
      g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                   _("Configuration key kiosk.timezone names an unknown time zone “%s”"),
                   self->timezone);
      return FALSE;
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
  /* tzdata missing or a bad name: China Standard Time has no DST. */
  return tz ? tz : g_time_zone_new_offset (8 * 3600);
}
