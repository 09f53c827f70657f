/* nk-http.c — one HTTPS connection to the platform over libcurl.
 *
 * Verification is never switched off: CURLOPT_SSL_VERIFYPEER and
 * CURLOPT_SSL_VERIFYHOST stay on, TLS 1.2 at least, only "https" is
 * allowed.  Redirects are never followed: a 3xx answer is a failure, so a
 * batch of records can only ever go to the configured platform.  The token
 * goes in a header and never into the journal.  Every one of these
 * settings is checked as it is made: a TLS library that refuses one (a
 * public-key pin it cannot check, say) means no request at all, never a
 * request without it. */
#define G_LOG_DOMAIN "nk-sync"

#include "config.h"

#include <curl/curl.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "nk-http.h"

#define DEFAULT_MAX_BODY (16 * 1024 * 1024)
#define MAX_RETRY_AFTER 3600
#define MAX_SHOWN_LOCATION 200

/* OpenSSL X509_V_ERR_* codes curl reports in CURLINFO_SSL_VERIFYRESULT. */
#define X509_CERT_NOT_YET_VALID 9
#define X509_CERT_HAS_EXPIRED 10
#define X509_HOSTNAME_MISMATCH 62

G_DEFINE_QUARK (nk-http-error-quark, nk_http_error)

struct _NkHttp
{
  CURL       *curl;
  char       *base_url;
  char       *ca_file;
  char       *pinned_key;
  const gint *abort_flag;
  gsize       max_body;
  guint       connect_seconds;
  guint       low_speed_seconds;
  guint       total_seconds;
  char        errbuf[CURL_ERROR_SIZE];
};

typedef struct {
  NkHttp     *http;
  GByteArray *body;
  gint64      retry_after;
  gboolean    too_large;
} Transfer;

void
nk_http_response_clear (NkHttpResponse *response)
{
  g_clear_pointer (&response->body, g_bytes_unref);
  response->status = 0;
  response->retry_after = -1;
}

static void
global_init (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      curl_global_init (CURL_GLOBAL_DEFAULT);
      g_once_init_leave (&done, 1);
    }
}

static gboolean
check_base_url (const char *url, GError **error)
{
  g_autoptr (GUri) uri = NULL;

  if (url == NULL || *url == '\0')
    {
      g_set_error (error, NK_HTTP_ERROR, NK_HTTP_ERROR_CONFIG, "%s",
                   _("No platform address is configured (sync.platform-url)"));
      return FALSE;
    }
  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_strcmp0 (g_uri_get_scheme (uri), "https") != 0 || g_uri_get_host (uri) == NULL
      || *g_uri_get_host (uri) == '\0' || g_uri_get_query (uri) != NULL
      || (*g_uri_get_path (uri) != '\0' && strcmp (g_uri_get_path (uri), "/") != 0))
    {
      g_set_error (error, NK_HTTP_ERROR, NK_HTTP_ERROR_CONFIG,
                   _("The platform address “%s” is not of the form https://host[:port]"), url);
      return FALSE;
    }
  return TRUE;
}

/* curl_easy_setopt, unless an earlier one failed; remembers which failed. */
#define SET_OPTION(option, value)                                                      \
  G_STMT_START {                                                                       \
    if (rc == CURLE_OK && (rc = curl_easy_setopt (c, option, value)) != CURLE_OK)     \
      refused = #option;                                                               \
  } G_STMT_END

/* The settings that keep the connection safe, on a handle just made or
 * reset; FALSE (with error) when libcurl or its TLS library refuses one. */
static gboolean
set_security (NkHttp *self, GError **error)
{
  CURL *c = self->curl;
  CURLcode rc = CURLE_OK;
  const char *refused = NULL;

  SET_OPTION (CURLOPT_PROTOCOLS_STR, "https");
  SET_OPTION (CURLOPT_REDIR_PROTOCOLS_STR, "https");
  /* Never follow: a redirect would carry the body (children's records)
   * to another address, and its "accepted" would mark rows sent. */
  SET_OPTION (CURLOPT_FOLLOWLOCATION, 0L);
  SET_OPTION (CURLOPT_SSLVERSION, (long) CURL_SSLVERSION_TLSv1_2);
  SET_OPTION (CURLOPT_SSL_VERIFYPEER, 1L);
  SET_OPTION (CURLOPT_SSL_VERIFYHOST, 2L);
  if (self->ca_file)
    SET_OPTION (CURLOPT_CAINFO, self->ca_file);
  if (rc != CURLE_OK)
    {
      g_message ("The TLS library refused %s: %s; nothing is sent", refused, curl_easy_strerror (rc));
      g_set_error (error, NK_HTTP_ERROR, NK_HTTP_ERROR_TLS, "%s",
                   _("This kiosk's TLS library refused a setting that keeps the connection safe; "
                     "nothing was sent"));
      return FALSE;
    }

  if (self->pinned_key)
    SET_OPTION (CURLOPT_PINNEDPUBLICKEY, self->pinned_key);
  if (rc != CURLE_OK)
    {
      g_message ("The TLS library refused %s: %s; nothing is sent unpinned", refused,
                 curl_easy_strerror (rc));
      g_set_error (error, NK_HTTP_ERROR, NK_HTTP_ERROR_TLS_PIN, "%s",
                   _("This kiosk's TLS library cannot check the pinned key (sync.pinned-public-key), "
                     "so the kiosk does not sync; nothing was sent"));
      return FALSE;
    }
  return TRUE;
}

NkHttp *
nk_http_new (const char *base_url, const char *ca_file, const char *pinned_key, GError **error)
{
  NkHttp *self;

  if (!check_base_url (base_url, error))
    return NULL;
  global_init ();

  self = g_new0 (NkHttp, 1);
  self->curl = curl_easy_init ();
  self->base_url = g_strdup (base_url);
  if (g_str_has_suffix (self->base_url, "/"))
    self->base_url[strlen (self->base_url) - 1] = '\0';
  self->ca_file = (ca_file && *ca_file) ? g_strdup (ca_file) : NULL;
  self->pinned_key = (pinned_key && *pinned_key) ? g_strdup (pinned_key) : NULL;
  self->max_body = DEFAULT_MAX_BODY;
  self->connect_seconds = 15;
  self->low_speed_seconds = 30;
  self->total_seconds = 120;

  /* Tried once here, so that a kiosk whose TLS library cannot apply
   * them says so at once and never syncs; made again for each request. */
  if (self->curl == NULL || !set_security (self, error))
    {
      if (self->curl == NULL)
        g_set_error (error, NK_HTTP_ERROR, NK_HTTP_ERROR_TLS, "%s",
                     _("A secure connection to the platform could not be made; nothing was sent"));
      nk_http_free (self);
      return NULL;
    }
  return self;
}

void
nk_http_free (NkHttp *self)
{
  if (self == NULL)
    return;
  curl_easy_cleanup (self->curl);
  g_free (self->base_url);
  g_free (self->ca_file);
  g_free (self->pinned_key);
  g_free (self);
}

void
nk_http_set_timeouts (NkHttp *self, guint connect_seconds, guint low_speed_seconds,
                      guint total_seconds)
{
  self->connect_seconds = MAX (connect_seconds, 1);
  self->low_speed_seconds = MAX (low_speed_seconds, 1);
  self->total_seconds = MAX (total_seconds, 1);
}

void
nk_http_set_abort_flag (NkHttp *self, const gint *flag)
{
  self->abort_flag = flag;
}

void
nk_http_set_max_body (NkHttp *self, gsize max_body)
{
  self->max_body = max_body;
}

static size_t
on_write (char *data, size_t size, size_t nmemb, void *user_data)
{
  Transfer *t = user_data;
  gsize n = size * nmemb;

  if (t->body->len + n > t->http->max_body)
    {
      t->too_large = TRUE;
      return 0;
    }
  g_byte_array_append (t->body, (const guint8 *) data, (guint) n);
  return n;
}

static gint64
parse_retry_after (const char *value)
{
  gint64 seconds;
  time_t when;

  while (*value == ' ' || *value == '\t')
    value++;
  if (g_ascii_isdigit (*value))
    {
      seconds = g_ascii_strtoll (value, NULL, 10);
      return CLAMP (seconds, 0, MAX_RETRY_AFTER);
    }
  when = curl_getdate (value, NULL);
  if (when < 0)
    return -1;
  seconds = (gint64) when - g_get_real_time () / G_USEC_PER_SEC;
  return CLAMP (seconds, 0, MAX_RETRY_AFTER);
}

static size_t
on_header (char *data, size_t size, size_t nmemb, void *user_data)
{
  Transfer *t = user_data;
  gsize n = size * nmemb;
  static const char name[] = "retry-after:";

  if (n > sizeof name - 1 && g_ascii_strncasecmp (data, name, sizeof name - 1) == 0)
    {
      g_autofree char *value = g_strndup (data + sizeof name - 1, n - (sizeof name - 1));
      g_strstrip (value);
      t->retry_after = parse_retry_after (value);
    }
  /* A redirect starts a new header block: forget the old value. */
  if (n > 5 && g_ascii_strncasecmp (data, "HTTP/", 5) == 0)
    t->retry_after = -1;
  return n;
}

static int
on_progress (void *user_data, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal,
             curl_off_t ulnow)
{
  NkHttp *self = user_data;

  return (self->abort_flag && g_atomic_int_get (self->abort_flag)) ? 1 : 0;
}

static void
set_tls_error (NkHttp *self, CURLcode rc, GError **error)
{
  long verify = 0;

  curl_easy_getinfo (self->curl, CURLINFO_SSL_VERIFYRESULT, &verify);
  if (rc == CURLE_SSL_PINNEDPUBKEYNOTMATCH)
    g_set_error (error, NK_HTTP_ERROR, NK_HTTP_ERROR_TLS_PIN, "%s",
                 _("The platform's key does not match the pinned key; nothing was sent"));
  else if (verify == X509_CERT_HAS_EXPIRED || verify == X509_CERT_NOT_YET_VALID)
    g_set_error (error, NK_HTTP_ERROR, NK_HTTP_ERROR_TLS_EXPIRED, "%s",
                 _("The platform's certificate has expired or is not valid yet (check the kiosk's "
                   "clock); nothing was sent"));
  else if (verify == X509_HOSTNAME_MISMATCH || strstr (self->errbuf, "host name") != NULL
           || (rc == CURLE_PEER_FAILED_VERIFICATION && verify == 0))
    g_set_error (error, NK_HTTP_ERROR, NK_HTTP_ERROR_TLS_HOST, "%s",
                 _("The platform's certificate is for a different server name; nothing was sent"));
  else if (rc == CURLE_PEER_FAILED_VERIFICATION || verify != 0)
    g_set_error (error, NK_HTTP_ERROR, NK_HTTP_ERROR_TLS_UNTRUSTED, "%s",
                 _("The platform's certificate is not signed by a trusted authority; nothing was "
                   "sent"));
  else
    g_set_error (error, NK_HTTP_ERROR, NK_HTTP_ERROR_TLS, "%s",
                 _("A secure connection to the platform could not be made; nothing was sent"));
}

static void
set_curl_error (NkHttp *self, CURLcode rc, Transfer *t, GError **error)
{
  switch ((int) rc)
    {
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_INVALIDCERTSTATUS:
      set_tls_error (self, rc, error);
      break;
    case CURLE_UNSUPPORTED_PROTOCOL:
      g_set_error (error, NK_HTTP_ERROR, NK_HTTP_ERROR_TLS, "%s",
                   _("The platform redirected to an address that is not HTTPS; refused"));
      break;
    case CURLE_ABORTED_BY_CALLBACK:
      g_set_error (error, NK_HTTP_ERROR, NK_HTTP_ERROR_CANCELLED, "%s", _("Stopped"));
      break;
    case CURLE_WRITE_ERROR:
      if (t->too_large)
        g_set_error (error, NK_HTTP_ERROR, NK_HTTP_ERROR_TOO_LARGE, "%s",
                     _("The platform's answer is too large"));
      else
        g_set_error (error, NK_HTTP_ERROR, NK_HTTP_ERROR_NETWORK, "%s",
                     _("The connection to the platform broke off"));
      break;
    case CURLE_OPERATION_TIMEDOUT:
      g_set_error (error, NK_HTTP_ERROR, NK_HTTP_ERROR_NETWORK, "%s",
                   _("The platform did not answer in time"));
      break;
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_CONNECT:
      g_set_error (error, NK_HTTP_ERROR, NK_HTTP_ERROR_NETWORK, "%s",
                   _("Cannot reach the platform (no network or the server is down)"));
      break;
    default:
      g_set_error (error, NK_HTTP_ERROR, NK_HTTP_ERROR_NETWORK, "%s",
                   _("The connection to the platform broke off"));
      break;
    }
}

/* The target of a redirect, from the network: shortened and made safe
 * for the screen and the journal. */
static char *
shown_location (const char *location)
{
  g_autofree char *valid = g_utf8_make_valid (location ? location : "", -1);
  GString *s = g_string_new (NULL);
  guint n = 0;

  for (const char *p = valid; *p && n < MAX_SHOWN_LOCATION; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);
      g_string_append_unichar (s, g_unichar_iscntrl (c) ? '?' : c);
    }
  if (*valid && g_utf8_strlen (valid, -1) > MAX_SHOWN_LOCATION)
    g_string_append (s, "…");
  return g_string_free (s, FALSE);
}

static void
set_redirect_error (NkHttp *self, long status, GError **error)
{
  const char *location = NULL;
  g_autofree char *shown = NULL;

  curl_easy_getinfo (self->curl, CURLINFO_REDIRECT_URL, &location);
  shown = shown_location (location);
  g_message ("The platform answered HTTP %ld, a redirect to %s; not followed", status,
             *shown ? shown : "(no Location)");
  if (*shown)
    g_set_error (error, NK_HTTP_ERROR, NK_HTTP_ERROR_REDIRECT,
                 _("The platform answered with a redirect to %s; not followed"), shown);
  else
    g_set_error (error, NK_HTTP_ERROR, NK_HTTP_ERROR_REDIRECT, "%s",
                 _("The platform answered with a redirect; not followed"));
}

gboolean
nk_http_request (NkHttp *self, const char *method, const char *path, const char *token,
                 GBytes *body, gboolean gzipped, NkHttpResponse *out, GError **error)
{
  g_autofree char *url = g_strconcat (self->base_url, path, NULL);
  g_autofree char *auth = NULL;
  struct curl_slist *headers = NULL;
  Transfer t = { self, g_byte_array_new (), -1, FALSE };
  CURL *c = self->curl;
  CURLcode rc;

  out->status = 0;
  out->body = NULL;
  out->retry_after = -1;

  /* Reset keeps the connection cache (keep-alive) but clears the options. */
  curl_easy_reset (c);
  self->errbuf[0] = '\0';
  if (!set_security (self, error))
    {
      g_byte_array_unref (t.body);
      return FALSE;
    }
  curl_easy_setopt (c, CURLOPT_URL, url);
  curl_easy_setopt (c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt (c, CURLOPT_CONNECTTIMEOUT, (long) self->connect_seconds);
  curl_easy_setopt (c, CURLOPT_LOW_SPEED_LIMIT, 16L);
  curl_easy_setopt (c, CURLOPT_LOW_SPEED_TIME, (long) self->low_speed_seconds);
  curl_easy_setopt (c, CURLOPT_TIMEOUT, (long) self->total_seconds);
  curl_easy_setopt (c, CURLOPT_TCP_KEEPALIVE, 1L);
  curl_easy_setopt (c, CURLOPT_TCP_KEEPIDLE, 30L);
  curl_easy_setopt (c, CURLOPT_TCP_KEEPINTVL, 15L);
  curl_easy_setopt (c, CURLOPT_ACCEPT_ENCODING, "");
  curl_easy_setopt (c, CURLOPT_USERAGENT, "nursery-kiosk/" PACKAGE_VERSION);
  curl_easy_setopt (c, CURLOPT_ERRORBUFFER, self->errbuf);
  curl_easy_setopt (c, CURLOPT_WRITEFUNCTION, on_write);
  curl_easy_setopt (c, CURLOPT_WRITEDATA, &t);
  curl_easy_setopt (c, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt (c, CURLOPT_HEADERDATA, &t);
  curl_easy_setopt (c, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt (c, CURLOPT_XFERINFOFUNCTION, on_progress);
  curl_easy_setopt (c, CURLOPT_XFERINFODATA, self);

  headers = curl_slist_append (headers, "Accept: application/json");
  headers = curl_slist_append (headers, "Expect:");
  if (token)
    {
      auth = g_strconcat ("Authorization: Bearer ", token, NULL);
      headers = curl_slist_append (headers, auth);
    }
  if (body)
    {
      gsize len;
      const void *data = g_bytes_get_data (body, &len);

      headers = curl_slist_append (headers, "Content-Type: application/json");
      if (gzipped)
        headers = curl_slist_append (headers, "Content-Encoding: gzip");
      curl_easy_setopt (c, CURLOPT_POSTFIELDS, data);
      curl_easy_setopt (c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t) len);
    }
  curl_easy_setopt (c, CURLOPT_CUSTOMREQUEST, method);
  if (!body && g_strcmp0 (method, "GET") == 0)
    curl_easy_setopt (c, CURLOPT_HTTPGET, 1L);
  curl_easy_setopt (c, CURLOPT_HTTPHEADER, headers);

  rc = curl_easy_perform (c);

  /* The header list (with the token) must not outlive the transfer. */
  curl_easy_setopt (c, CURLOPT_HTTPHEADER, NULL);
  curl_slist_free_all (headers);
  if (auth)
    memset (auth, 0, strlen (auth));

  if (rc != CURLE_OK)
    {
      set_curl_error (self, rc, &t, error);
      if (rc != CURLE_ABORTED_BY_CALLBACK)
        g_message ("%s %s: %s (%s)", method, path, curl_easy_strerror (rc),
                   self->errbuf[0] ? self->errbuf : "no detail");
      g_byte_array_unref (t.body);
      return FALSE;
    }

  curl_easy_getinfo (c, CURLINFO_RESPONSE_CODE, &out->status);
  if (out->status >= 300 && out->status < 400)
    {
      set_redirect_error (self, out->status, error);
      out->status = 0;
      g_byte_array_unref (t.body);
      return FALSE;
    }
  out->body = g_byte_array_free_to_bytes (t.body);
  out->retry_after = t.retry_after;
  return TRUE;
}

GBytes *
nk_http_gzip (const void *data, gsize len)
{
  g_autoptr (GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 6);
  g_autoptr (GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr (GOutputStream) stream = g_converter_output_stream_new (memory, G_CONVERTER (compressor));

  /* Writing to memory cannot fail but for lack of memory, which aborts. */
  if (!g_output_stream_write_all (stream, data, len, NULL, NULL, NULL)
      || !g_output_stream_close (stream, NULL, NULL))
    g_assert_not_reached ();
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (memory));
}

char *
nk_http_error_code (NkHttpResponse *response)
{
  g_autoptr (JsonParser) parser = NULL;
  gsize len;
  const char *data;
  JsonNode *root;
  JsonObject *obj;

  if (response->body == NULL)
    return NULL;
  data = g_bytes_get_data (response->body, &len);
  if (len == 0 || len > 65536)
    return NULL;
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, data, (gssize) len, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (!JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  obj = json_node_get_object (root);
  if (!json_object_has_member (obj, "error")
      || !JSON_NODE_HOLDS_OBJECT (json_object_get_member (obj, "error")))
    return NULL;
  obj = json_object_get_object_member (obj, "error");
  if (!json_object_has_member (obj, "code")
      || json_node_get_value_type (json_object_get_member (obj, "code")) != G_TYPE_STRING)
    return NULL;
  return g_strdup (json_object_get_string_member (obj, "code"));
}
