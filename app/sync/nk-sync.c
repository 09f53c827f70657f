/* nk-sync.c — the sync service: properties on the main context, a worker
 * thread that talks to the platform (nk-sync-worker.c), and enrolment.
 *
 * The worker never touches GObject state of NkSync: it publishes snapshots
 * (NkSyncStatus) that are applied here, on the context NkSync was made on,
 * through a weak reference so a late snapshot after disposal is dropped. */
#define G_LOG_DOMAIN "nk-sync"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "nk-enrol.h"
#include "nk-http.h"
#include "nk-sync-private.h"

G_DEFINE_ENUM_TYPE (NkSyncState, nk_sync_state,
                    G_DEFINE_ENUM_VALUE (NK_SYNC_STATE_IDLE, "idle"),
                    G_DEFINE_ENUM_VALUE (NK_SYNC_STATE_SYNCING, "syncing"),
                    G_DEFINE_ENUM_VALUE (NK_SYNC_STATE_OFFLINE, "offline"),
                    G_DEFINE_ENUM_VALUE (NK_SYNC_STATE_ERROR, "error"),
                    G_DEFINE_ENUM_VALUE (NK_SYNC_STATE_NOT_ENROLLED, "not-enrolled"),
                    G_DEFINE_ENUM_VALUE (NK_SYNC_STATE_UNKNOWN, "unknown"))

G_DEFINE_QUARK (nk-sync-error-quark, nk_sync_error)

G_DEFINE_FINAL_TYPE (NkSync, nk_sync, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  PROP_STORE_PATH,
  PROP_CONFIG,
  PROP_STATE,
  PROP_PENDING,
  PROP_REJECTED,
  PROP_LAST_SUCCESS,
  PROP_LAST_ERROR,
  PROP_QUARANTINED,
  N_PROPS
};

enum {
  PULLED,
  N_SIGNALS
};

static GParamSpec *props[N_PROPS];
static guint signals[N_SIGNALS];

static void
shared_clear (gpointer data)
{
  NkSyncShared *shared = data;

  g_weak_ref_clear (&shared->self);
}

void
nk_sync_shared_release (NkSyncShared *shared)
{
  g_atomic_rc_box_release_full (shared, shared_clear);
}

void
nk_sync_status_free (gpointer data)
{
  NkSyncStatus *status = data;

  nk_sync_shared_release (status->shared);
  g_free (status->last_error);
  g_free (status);
}

/* Runs on the NkSync's main context. */
gboolean
nk_sync_apply_status (gpointer data)
{
  NkSyncStatus *status = data;
  g_autoptr (NkSync) self = g_weak_ref_get (&status->shared->self);

  if (self == NULL)
    return G_SOURCE_REMOVE;

  g_object_freeze_notify (G_OBJECT (self));
  if (self->state != status->state)
    {
      self->state = status->state;
      g_object_notify_by_pspec (G_OBJECT (self), props[PROP_STATE]);
    }
  if (self->pending != status->pending)
    {
      self->pending = status->pending;
      g_object_notify_by_pspec (G_OBJECT (self), props[PROP_PENDING]);
    }
  if (self->rejected != status->rejected)
    {
      self->rejected = status->rejected;
      g_object_notify_by_pspec (G_OBJECT (self), props[PROP_REJECTED]);
    }
  if (self->last_success != status->last_success)
    {
      self->last_success = status->last_success;
      g_object_notify_by_pspec (G_OBJECT (self), props[PROP_LAST_SUCCESS]);
    }
  if (g_strcmp0 (self->last_error, status->last_error) != 0)
    {
      g_free (self->last_error);
      self->last_error = g_strdup (status->last_error);
      g_object_notify_by_pspec (G_OBJECT (self), props[PROP_LAST_ERROR]);
    }
  if (self->quarantined != status->quarantined)
    {
      self->quarantined = status->quarantined;
      g_object_notify_by_pspec (G_OBJECT (self), props[PROP_QUARANTINED]);
    }
  g_object_thaw_notify (G_OBJECT (self));

  if (status->pulled > 0)
    g_signal_emit (self, signals[PULLED], 0, status->pulled);
  return G_SOURCE_REMOVE;
}

static void
on_store_changed (NkStore *store, const char *kind, const char *const *ids, NkSync *self)
{
  nk_sync_poke (self);
}

static void
nk_sync_constructed (GObject *object)
{
  NkSync *self = NK_SYNC (object);

  G_OBJECT_CLASS (nk_sync_parent_class)->constructed (object);

  if (self->store_path == NULL && self->store != NULL)
    self->store_path = g_strdup (nk_store_get_path (self->store));
  if (self->config)
    {
      self->base_url = g_strdup (self->config->platform_url);
      self->ca_file = g_strdup (self->config->ca_file);
      self->pinned_key = g_strdup (self->config->pinned_key);
      self->batch_size = self->config->batch_size ? self->config->batch_size : 500;
      self->pull_seconds = self->config->pull_seconds ? self->config->pull_seconds : 60;
      if (self->config->retry_max_seconds > 0)
        nk_sync_set_backoff (self, self->backoff_base_ms,
                             MIN (self->config->retry_max_seconds, 3600) * 1000);
      if (self->config->urgent_retry_seconds > 0)
        nk_sync_set_urgent_retry (self, MIN (self->config->urgent_retry_seconds, 60) * 1000);
      self->token_path = g_build_filename (nk_config_get_data_dir (self->config),
                                           NK_ENROL_TOKEN_FILE, NULL);
    }
  else
    {
      g_warning ("NkSync made without a configuration: nothing will be sent");
      self->batch_size = 500;
      self->pull_seconds = 60;
      self->token_path = g_build_filename (g_get_user_data_dir (), "nursery-kiosk",
                                           NK_ENROL_TOKEN_FILE, NULL);
    }
  self->batch_size = CLAMP (self->batch_size, 1, 1000);
  if (self->store)
    g_signal_connect_object (self->store, "changed", G_CALLBACK (on_store_changed), self, 0);
}

static void
nk_sync_dispose (GObject *object)
{
  NkSync *self = NK_SYNC (object);

  nk_sync_stop (self);
  if (self->store)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (nk_sync_parent_class)->dispose (object);
}

static void
nk_sync_finalize (GObject *object)
{
  NkSync *self = NK_SYNC (object);

  g_free (self->store_path);
  g_free (self->base_url);
  g_free (self->ca_file);
  g_free (self->pinned_key);
  g_free (self->token_path);
  g_free (self->last_error);
  g_clear_pointer (&self->context, g_main_context_unref);
  nk_sync_shared_release (self->shared);
  g_mutex_clear (&self->mutex);
  g_cond_clear (&self->cond);

  G_OBJECT_CLASS (nk_sync_parent_class)->finalize (object);
}

static void
nk_sync_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  NkSync *self = NK_SYNC (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_STORE_PATH:
      g_value_set_string (value, self->store_path);
      break;
    case PROP_CONFIG:
      g_value_set_pointer (value, self->config);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_PENDING:
      g_value_set_int64 (value, self->pending);
      break;
    case PROP_REJECTED:
      g_value_set_int64 (value, self->rejected);
      break;
    case PROP_LAST_SUCCESS:
      g_value_set_int64 (value, self->last_success);
      break;
    case PROP_LAST_ERROR:
      g_value_set_string (value, self->last_error);
      break;
    case PROP_QUARANTINED:
      g_value_set_int64 (value, self->quarantined);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nk_sync_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  NkSync *self = NK_SYNC (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_STORE_PATH:
      self->store_path = g_value_dup_string (value);
      break;
    case PROP_CONFIG:
      self->config = g_value_get_pointer (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nk_sync_class_init (NkSyncClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = nk_sync_constructed;
  object_class->dispose = nk_sync_dispose;
  object_class->finalize = nk_sync_finalize;
  object_class->get_property = nk_sync_get_property;
  object_class->set_property = nk_sync_set_property;

  props[PROP_STORE] = g_param_spec_object ("store", NULL, NULL, NK_TYPE_STORE,
                                           G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY
                                             | G_PARAM_STATIC_STRINGS);
  props[PROP_STORE_PATH] = g_param_spec_string ("store-path", NULL, NULL, NULL,
                                                G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY
                                                  | G_PARAM_STATIC_STRINGS);
  props[PROP_CONFIG] = g_param_spec_pointer ("config", NULL, NULL,
                                             G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY
                                               | G_PARAM_STATIC_STRINGS);
  props[PROP_STATE] = g_param_spec_enum ("state", NULL, NULL, NK_TYPE_SYNC_STATE,
                                         NK_SYNC_STATE_NOT_ENROLLED,
                                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY
                                           | G_PARAM_STATIC_STRINGS);
  /* -1: the outbox could not be counted */
  props[PROP_PENDING] = g_param_spec_int64 ("pending", NULL, NULL, -1, G_MAXINT64, 0,
                                            G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY
                                              | G_PARAM_STATIC_STRINGS);
  props[PROP_REJECTED] = g_param_spec_int64 ("rejected", NULL, NULL, -1, G_MAXINT64, 0,
                                             G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY
                                               | G_PARAM_STATIC_STRINGS);
  props[PROP_LAST_SUCCESS] = g_param_spec_int64 ("last-success", NULL, NULL, 0, G_MAXINT64, 0,
                                                 G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY
                                                   | G_PARAM_STATIC_STRINGS);
  props[PROP_LAST_ERROR] = g_param_spec_string ("last-error", NULL, NULL, NULL,
                                                G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY
                                                  | G_PARAM_STATIC_STRINGS);
  props[PROP_QUARANTINED] = g_param_spec_int64 ("quarantined", NULL, NULL, 0, G_MAXINT64, 0,
                                                G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY
                                                  | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, props);

  signals[PULLED] = g_signal_new ("pulled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
nk_sync_init (NkSync *self)
{
  g_mutex_init (&self->mutex);
  g_cond_init (&self->cond);
  self->state = NK_SYNC_STATE_NOT_ENROLLED;
  self->context = g_main_context_ref_thread_default ();
  self->shared = g_atomic_rc_box_new0 (NkSyncShared);
  g_weak_ref_init (&self->shared->self, self);
  self->backoff_base_ms = 1000;
  self->backoff_cap_ms = 300 * 1000;
  self->urgent_retry_ms = 5 * 1000;
  self->connect_seconds = 15;
  self->low_speed_seconds = 30;
}

NkSync *
nk_sync_new (NkStore *store, const char *store_path, NkConfig *config)
{
  return g_object_new (NK_TYPE_SYNC, "store", store, "store-path", store_path, "config", config,
                       NULL);
}

void
nk_sync_set_backoff (NkSync *self, guint base_ms, guint cap_ms)
{
  g_return_if_fail (NK_IS_SYNC (self));
  self->backoff_base_ms = MAX (base_ms, 1);
  self->backoff_cap_ms = MAX (cap_ms, self->backoff_base_ms);
}

void
nk_sync_set_timeouts (NkSync *self, guint connect_seconds, guint low_speed_seconds)
{
  g_return_if_fail (NK_IS_SYNC (self));
  self->connect_seconds = connect_seconds;
  self->low_speed_seconds = low_speed_seconds;
}

void
nk_sync_set_urgent_retry (NkSync *self, guint retry_ms)
{
  g_return_if_fail (NK_IS_SYNC (self));
  self->urgent_retry_ms = MAX (retry_ms, 1);
}

void
nk_sync_start (NkSync *self)
{
  g_return_if_fail (NK_IS_SYNC (self));

  if (self->thread)
    return;
  g_atomic_int_set (&self->stop, 0);
  self->worker = nk_sync_worker_new (self);
  self->thread = g_thread_new ("nk-sync", nk_sync_worker_main, self->worker);
}

void
nk_sync_stop (NkSync *self)
{
  g_return_if_fail (NK_IS_SYNC (self));

  if (self->thread == NULL)
    return;
  g_atomic_int_set (&self->stop, 1);
  g_mutex_lock (&self->mutex);
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->mutex);
  g_thread_join (g_steal_pointer (&self->thread));
  g_clear_pointer (&self->worker, nk_sync_worker_free);
}

static void
wake (NkSync *self, gboolean *flag)
{
  g_mutex_lock (&self->mutex);
  *flag = TRUE;
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->mutex);
}

void
nk_sync_poke (NkSync *self)
{
  g_return_if_fail (NK_IS_SYNC (self));
  wake (self, &self->poked);
}

void
nk_sync_pull_now (NkSync *self)
{
  g_return_if_fail (NK_IS_SYNC (self));
  wake (self, &self->pull_requested);
}

void
nk_sync_retry_rejected (NkSync *self)
{
  g_return_if_fail (NK_IS_SYNC (self));
  wake (self, &self->retry_rejected);
}

NkSyncState
nk_sync_get_state (NkSync *self)
{
  g_return_val_if_fail (NK_IS_SYNC (self), NK_SYNC_STATE_ERROR);
  return self->state;
}

gint64
nk_sync_get_pending (NkSync *self)
{
  g_return_val_if_fail (NK_IS_SYNC (self), 0);
  return self->pending;
}

gint64
nk_sync_get_rejected (NkSync *self)
{
  g_return_val_if_fail (NK_IS_SYNC (self), 0);
  return self->rejected;
}

gint64
nk_sync_get_last_success (NkSync *self)
{
  g_return_val_if_fail (NK_IS_SYNC (self), 0);
  return self->last_success;
}

gint64
nk_sync_get_quarantined (NkSync *self)
{
  g_return_val_if_fail (NK_IS_SYNC (self), 0);
  return self->quarantined;
}

NkStore *
nk_sync_get_store (NkSync *self)
{
  g_return_val_if_fail (NK_IS_SYNC (self), NULL);
  return self->store;
}

const char *
nk_sync_get_last_error (NkSync *self)
{
  g_return_val_if_fail (NK_IS_SYNC (self), NULL);
  return self->last_error;
}

const char *
nk_sync_get_device_id (NkSync *self)
{
  g_return_val_if_fail (NK_IS_SYNC (self), NULL);
  return self->store ? nk_store_get_device_id (self->store) : NULL;
}

const char *
nk_sync_get_token_path (NkSync *self)
{
  g_return_val_if_fail (NK_IS_SYNC (self), NULL);
  return self->token_path;
}

const char *
nk_sync_get_platform_url (NkSync *self)
{
  g_return_val_if_fail (NK_IS_SYNC (self), NULL);
  return self->base_url;
}

const char *
nk_sync_state_label (NkSyncState state)
{
  switch (state)
    {
    case NK_SYNC_STATE_IDLE:
      return _("All records sent");
    case NK_SYNC_STATE_SYNCING:
      return _("Sending records");
    case NK_SYNC_STATE_OFFLINE:
      return _("Offline — records are kept and sent later");
    case NK_SYNC_STATE_ERROR:
      return _("Sync problem — records are kept");
    case NK_SYNC_STATE_NOT_ENROLLED:
      return _("Not enrolled with the platform");
    case NK_SYNC_STATE_UNKNOWN:
      /* TRANSLATORS: the kiosk cannot read its own queue of records */
      return _("Sync state unknown — the kiosk cannot count the records waiting");
    default:
      return "";
    }
}

/* ---- enrolment ----------------------------------------------------------- */

typedef struct {
  char    *code;
  gboolean from_qr;
  char    *base_url;
  char    *ca_file;
  char    *pinned_key;
  char    *token_path;
  char    *device_id;
  char    *store_path;
  guint    connect_seconds;
  guint    low_speed_seconds;
} EnrolData;

static void
enrol_data_free (gpointer data)
{
  EnrolData *d = data;

  g_free (d->code);
  g_free (d->base_url);
  g_free (d->ca_file);
  g_free (d->pinned_key);
  g_free (d->token_path);
  g_free (d->device_id);
  g_free (d->store_path);
  g_free (d);
}

static char *
enrol_body (EnrolData *d)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "device_id");
  json_builder_add_string_value (b, d->device_id);
  json_builder_set_member_name (b, "code");
  json_builder_add_string_value (b, d->code);
  json_builder_set_member_name (b, "mode");
  json_builder_add_string_value (b, d->from_qr ? "qr" : "typed");
  json_builder_set_member_name (b, "kiosk_version");
  json_builder_add_string_value (b, PACKAGE_VERSION);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
}

/* The centre the answer names, when it names one fit to keep: the token
 * is good without it, so a missing or bad one is only a journal line. */
static void
enrol_centre_from (JsonObject *obj, char **centre_id, char **centre_name)
{
  JsonNode *node = json_object_get_member (obj, "centre");
  JsonObject *centre;
  JsonNode *id, *name;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return;
  centre = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  id = centre ? json_object_get_member (centre, "id") : NULL;
  name = centre ? json_object_get_member (centre, "name") : NULL;
  if (name == NULL || !JSON_NODE_HOLDS_VALUE (name) || json_node_get_value_type (name) != G_TYPE_STRING
      || !nk_enrol_centre_name_is_valid (json_node_get_string (name)))
    {
      g_message ("The platform's enrolment answer names no centre fit to show; none kept");
      return;
    }
  *centre_name = g_strdup (json_node_get_string (name));
  if (id && JSON_NODE_HOLDS_VALUE (id) && json_node_get_value_type (id) == G_TYPE_STRING
      && nk_enrol_centre_name_is_valid (json_node_get_string (id)))
    *centre_id = g_strdup (json_node_get_string (id));
}

/* Keeps the centre in the store's meta, in the enrolment's own connection. */
static void
enrol_keep_centre (EnrolData *d, const char *centre_id, const char *centre_name)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (NkStore) store = NULL;

  if (centre_name == NULL || d->store_path == NULL)
    return;
  store = nk_store_open (d->store_path, &error);
  if (store == NULL
      || (centre_id && !nk_store_set_meta (store, NK_ENROL_CENTRE_ID_KEY, centre_id, &error))
      || !nk_store_set_meta (store, NK_ENROL_CENTRE_NAME_KEY, centre_name, &error))
    {
      g_message ("Cannot keep the centre's name from the enrolment: %s", error->message);
      return;
    }
  g_message ("Enrolled for the centre “%s”", centre_name);
}

/* The token from a 200 answer, checked against the contract, and the
 * centre it names. */
static char *
enrol_token_from (EnrolData *d, NkHttpResponse *response, char **centre_id, char **centre_name,
                  GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  gsize len;
  const char *data = g_bytes_get_data (response->body, &len);
  JsonNode *root;
  JsonObject *obj;
  JsonNode *device, *token;

  if (len == 0 || len > 65536 || !json_parser_load_from_data (parser, data, (gssize) len, NULL)
      || !JSON_NODE_HOLDS_OBJECT (root = json_parser_get_root (parser)))
    goto bad;
  obj = json_node_get_object (root);
  device = json_object_get_member (obj, "device_id");
  token = json_object_get_member (obj, "token");
  if (device == NULL || token == NULL || json_node_get_value_type (device) != G_TYPE_STRING
      || json_node_get_value_type (token) != G_TYPE_STRING)
    goto bad;
  if (g_strcmp0 (json_node_get_string (device), d->device_id) != 0)
    {
      g_set_error (error, NK_SYNC_ERROR, NK_SYNC_ERROR_PROTOCOL, "%s",
                   _("The platform enrolled a different device; enrolment refused"));
      return NULL;
    }
  if (!nk_enrol_token_is_valid (json_node_get_string (token)))
    goto bad;
  enrol_centre_from (obj, centre_id, centre_name);
  return g_strdup (json_node_get_string (token));

bad:
  g_set_error (error, NK_SYNC_ERROR, NK_SYNC_ERROR_PROTOCOL, "%s",
               _("The platform's answer to the enrolment could not be read"));
  return NULL;
}

static void
enrol_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  NkSync *self = source;
  EnrolData *d = task_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (NkHttp) http = NULL;
  g_autoptr (GBytes) body = NULL;
  g_autofree char *token = NULL;
  g_autofree char *text = NULL;
  g_autofree char *centre_id = NULL;
  g_autofree char *centre_name = NULL;
  NkHttpResponse response = { 0, NULL, -1 };

  if (d->device_id == NULL)
    {
      g_autoptr (NkStore) store = nk_store_open (d->store_path, &error);
      if (store == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      d->device_id = g_strdup (nk_store_get_device_id (store));
    }

  http = nk_http_new (d->base_url, d->ca_file, d->pinned_key, &error);
  if (http == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  nk_http_set_timeouts (http, d->connect_seconds, d->low_speed_seconds, 60);
  text = enrol_body (d);
  body = g_bytes_new (text, strlen (text));
  if (!nk_http_request (http, "POST", "/api/v1/enrol", NULL, body, FALSE, &response, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  switch (response.status)
    {
    case 200:
      token = enrol_token_from (d, &response, &centre_id, &centre_name, &error);
      if (token == NULL || !nk_enrol_write_token (d->token_path, token, &error))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          break;
        }
      g_message ("Enrolled with the platform as device %s", d->device_id);
      enrol_keep_centre (d, centre_id, centre_name);
      wake (self, &self->token_changed);
      g_task_return_boolean (task, TRUE);
      break;
    case 202:
      g_task_return_new_error (task, NK_SYNC_ERROR, NK_SYNC_ERROR_PENDING, "%s",
                               _("Waiting for the QR code to be scanned"));
      break;
    case 403:
      g_task_return_new_error (task, NK_SYNC_ERROR, NK_SYNC_ERROR_INVALID_CODE, "%s",
                               _("The platform does not know this enrolment code, or it was used "
                                 "already"));
      break;
    case 429:
    case 503:
      g_task_return_new_error (task, NK_SYNC_ERROR, NK_SYNC_ERROR_FAILED, "%s",
                               _("The platform is busy; try again in a minute"));
      break;
    default:
      g_task_return_new_error (task, NK_SYNC_ERROR, NK_SYNC_ERROR_FAILED,
                               _("The platform answered the enrolment with an error (HTTP %ld)"),
                               response.status);
      break;
    }
  nk_http_response_clear (&response);
}

void
nk_sync_enrol_async (NkSync *self, const char *code, gboolean from_qr, GCancellable *cancellable,
                     GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autofree char *tidy = nk_enrol_tidy_code (code);
  EnrolData *d;

  g_return_if_fail (NK_IS_SYNC (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, nk_sync_enrol_async);
  if (tidy == NULL)
    {
      g_task_return_new_error (task, NK_SYNC_ERROR, NK_SYNC_ERROR_INVALID_CODE, "%s",
                               _("An enrolment code has 4 to 32 letters and digits"));
      return;
    }
  d = g_new0 (EnrolData, 1);
  d->code = g_steal_pointer (&tidy);
  d->from_qr = from_qr;
  d->base_url = g_strdup (self->base_url);
  d->ca_file = g_strdup (self->ca_file);
  d->pinned_key = g_strdup (self->pinned_key);
  d->token_path = g_strdup (self->token_path);
  d->device_id = self->store ? g_strdup (nk_store_get_device_id (self->store)) : NULL;
  d->store_path = g_strdup (self->store_path);
  d->connect_seconds = self->connect_seconds;
  d->low_speed_seconds = self->low_speed_seconds;
  g_task_set_task_data (task, d, enrol_data_free);
  g_task_run_in_thread (task, enrol_thread);
}

gboolean
nk_sync_enrol_finish (NkSync *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
