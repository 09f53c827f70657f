/* test-http.c — NkHttp on its own: the platform address it takes, and a
 * public-key pin the TLS library refuses making no connection at all
 * (test-sync.c has the requests themselves, against the reference
 * platform). */
#include "config.h"

#include <curl/curl.h>
#include <string.h>

#include "sync/nk-http.h"

static void
test_base_url (void)
{
  const char *good[] = { "https://platform.example", "https://platform.example:8443",
                         "https://127.0.0.1:8443/" };
  const char *bad[] = { "http://platform.example", "https://platform.example/api/v1",
                        "https://platform.example/?a=1", "ftp://platform.example", "https://", "" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (NkHttp) http = nk_http_new (good[i], NULL, NULL, &error);

      g_assert_no_error (error);
      g_assert_nonnull (http);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (NkHttp) http = nk_http_new (bad[i], NULL, NULL, &error);

      g_assert_null (http);
      g_assert_error (error, NK_HTTP_ERROR, NK_HTTP_ERROR_CONFIG);
    }
}

/* A pin is set on the handle when it is made: one the TLS library takes
 * gives a handle; one it refuses (here longer than libcurl accepts any
 * string) gives none, with plain words, rather than a handle that would
 * connect unpinned. */
static void
test_pin_refused (void)
{
  g_autofree char *long_b64 = g_strnfill (8 * 1000 * 1000 + 1, 'A');
  g_autofree char *unusable = g_strconcat ("sha256//", long_b64, "=", NULL);

  {
    g_autoptr (GError) error = NULL;
    g_autoptr (NkHttp) http = nk_http_new ("https://platform.example", NULL,
                                           "sha256//47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=",
                                           &error);

    g_assert_no_error (error);
    g_assert_nonnull (http);
  }
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (NkHttp) http = NULL;

    g_test_expect_message ("nk-sync", G_LOG_LEVEL_MESSAGE, "*refused CURLOPT_PINNEDPUBLICKEY*unpinned*");
    http = nk_http_new ("https://platform.example", NULL, unusable, &error);
    g_test_assert_expected_messages ();
    g_assert_null (http);
    g_assert_error (error, NK_HTTP_ERROR, NK_HTTP_ERROR_TLS_PIN);
    g_assert_nonnull (strstr (error->message, "cannot check the pinned key"));
    g_assert_nonnull (strstr (error->message, "nothing was sent"));
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  curl_global_init (CURL_GLOBAL_DEFAULT);
  g_test_add_func ("/nk/http/base-url", test_base_url);
  g_test_add_func ("/nk/http/pin-refused", test_pin_refused);
  return g_test_run ();
}
