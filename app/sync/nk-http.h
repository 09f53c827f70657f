/* nk-http.h — one HTTPS connection to the platform (libcurl easy handle,
 * kept alive between requests).  HTTPS only, TLS 1.2 at least; peer and
 * host always verified; CA file and public-key pin from the config;
 * redirects never followed (a 3xx answer is NK_HTTP_ERROR_REDIRECT).
 * Blocking: used from the sync worker and the enrolment thread only. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define NK_HTTP_ERROR (nk_http_error_quark ())
GQuark nk_http_error_quark (void);

typedef enum {
  NK_HTTP_ERROR_CONFIG,       /* the platform address is not https://host[:port] */
  NK_HTTP_ERROR_NETWORK,      /* cannot connect, timed out, connection broke */
  NK_HTTP_ERROR_TLS_UNTRUSTED,/* certificate not signed by a trusted CA */
  NK_HTTP_ERROR_TLS_EXPIRED,  /* certificate expired or not yet valid */
  NK_HTTP_ERROR_TLS_HOST,     /* certificate for another host name */
  NK_HTTP_ERROR_TLS_PIN,      /* public key does not match the pin */
  NK_HTTP_ERROR_TLS,          /* any other TLS failure */
  NK_HTTP_ERROR_TOO_LARGE,    /* the answer is larger than allowed */
  NK_HTTP_ERROR_CANCELLED,    /* stopped by the abort flag */
  NK_HTTP_ERROR_REDIRECT,     /* a 3xx answer: not followed */
} NkHttpError;

typedef struct _NkHttp NkHttp;

typedef struct {
  long    status;        /* HTTP status */
  GBytes *body;          /* decompressed body */
  gint64  retry_after;   /* seconds from Retry-After, -1 when absent, 0 for
                          * "0" or a date in the past */
} NkHttpResponse;

void nk_http_response_clear (NkHttpResponse *response);

/* base_url: https://host[:port]; ca_file and pinned_key may be NULL. */
NkHttp  *nk_http_new          (const char *base_url, const char *ca_file, const char *pinned_key,
                               GError **error);
void     nk_http_free         (NkHttp *self);
void     nk_http_set_timeouts (NkHttp *self, guint connect_seconds, guint low_speed_seconds,
                               guint total_seconds);
/* While *flag is non-zero, requests in flight stop with NK_HTTP_ERROR_CANCELLED. */
void     nk_http_set_abort_flag (NkHttp *self, const gint *flag);
/* Largest response body accepted (default 16 MiB). */
void     nk_http_set_max_body (NkHttp *self, gsize max_body);

/* One request.  body (may be NULL) is sent as application/json, with
 * Content-Encoding: gzip when gzipped.  token may be NULL.  Returns FALSE
 * with error (translated plain words) when no HTTP answer arrived, or
 * when the answer was a redirect (3xx, never followed). */
gboolean nk_http_request (NkHttp *self, const char *method, const char *path, const char *token,
                          GBytes *body, gboolean gzipped, NkHttpResponse *out, GError **error);

/* gzip of data (GZlibCompressor). */
GBytes  *nk_http_gzip (const void *data, gsize len);

/* The {"error": {"code", "message"}} of an error answer, or NULL. */
char    *nk_http_error_code (NkHttpResponse *response);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NkHttp, nk_http_free)

G_END_DECLS
