/* nk-test-platform.h — runs the reference platform server
 * (tests/platform/server.py) for a test: certificates made by
 * make-certs.sh in a temporary directory, the server on loopback with an
 * idle timeout, and its plain-HTTP admin API (docs/platform-api.md).
 * Header-only so each test file stays one file. */
#pragma once

#include <curl/curl.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#define NK_TEST_PYTHON "/usr/bin/python3"

typedef struct {
  char        *certs;       /* certificate directory (shared by a test run) */
  char        *dir;         /* this server's directory */
  GSubprocess *process;
  guint        port;
  guint        admin_port;
  char        *url;         /* https://127.0.0.1:PORT */
  char        *ca_file;
} NkTestPlatform;

static inline char *
nk_test_platform_file (const char *name)
{
  const char *root = g_getenv ("NK_SOURCE_ROOT");

  return g_build_filename (root ? root : ".", "tests", "platform", name, NULL);
}

/* NULL (and the test skipped) when python3 or openssl is missing. */
static inline char *
nk_test_platform_make_certs (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *script = nk_test_platform_file ("make-certs.sh");
  g_autofree char *openssl = g_find_program_in_path ("openssl");
  char *dir;
  int status = 0;

  if (!g_file_test (NK_TEST_PYTHON, G_FILE_TEST_IS_EXECUTABLE) || openssl == NULL)
    return NULL;
  dir = g_dir_make_tmp ("nk-certs-XXXXXX", &error);
  g_assert_no_error (error);
  {
    const char *argv[] = { "sh", script, dir, NULL };
    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status,
                  &error);
  }
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return dir;
}

/* The server process on p's database; on p's ports when they are set. */
static inline void
nk_test_platform_spawn (NkTestPlatform *p)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *server = nk_test_platform_file ("server.py");
  g_autofree char *db = g_build_filename (p->dir, "platform.db", NULL);
  g_autofree char *ready = g_build_filename (p->dir, "ready.json", NULL);
  g_autofree char *port = g_strdup_printf ("%u", p->port);
  g_autofree char *admin_port = g_strdup_printf ("%u", p->admin_port);
  g_autofree char *contents = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *obj;

  g_remove (ready);
  p->process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error, NK_TEST_PYTHON, server,
                                 "--certs", p->certs, "--db", db, "--ready-file", ready,
                                 "--idle-timeout", "120", "--port", port, "--admin-port", admin_port,
                                 NULL);
  g_assert_no_error (error);
  for (int i = 0; i < 1000 && !g_file_test (ready, G_FILE_TEST_EXISTS); i++)
    g_usleep (10000);
  g_assert_true (g_file_get_contents (ready, &contents, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (json_parser_load_from_data (parser, contents, -1, &error));
  obj = json_node_get_object (json_parser_get_root (parser));
  p->port = (guint) json_object_get_int_member (obj, "port");
  p->admin_port = (guint) json_object_get_int_member (obj, "admin_port");
}

static inline NkTestPlatform *
nk_test_platform_start (const char *certs)
{
  g_autoptr (GError) error = NULL;
  NkTestPlatform *p = g_new0 (NkTestPlatform, 1);

  p->certs = g_strdup (certs);
  p->dir = g_dir_make_tmp ("nk-platform-XXXXXX", &error);
  g_assert_no_error (error);
  nk_test_platform_spawn (p);
  p->url = g_strdup_printf ("https://127.0.0.1:%u", p->port);
  p->ca_file = g_build_filename (certs, "ca.pem", NULL);
  return p;
}

/* The platform goes down (connections refused) and comes back on the same
 * ports with what it held; its counters (/admin/stats) start again. */
static inline void
nk_test_platform_kill (NkTestPlatform *p)
{
  g_subprocess_force_exit (p->process);
  g_subprocess_wait (p->process, NULL, NULL);
  g_clear_object (&p->process);
}

static inline void
nk_test_platform_revive (NkTestPlatform *p)
{
  nk_test_platform_spawn (p);
}

static inline void
nk_test_remove_tree (const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        nk_test_remove_tree (path);
      else
        g_remove (path);
    }
  g_rmdir (dir);
}

static inline void
nk_test_platform_stop (NkTestPlatform *p)
{
  if (p == NULL)
    return;
  if (p->process)
    nk_test_platform_kill (p);
  nk_test_remove_tree (p->dir);
  g_free (p->dir);
  g_free (p->certs);
  g_free (p->url);
  g_free (p->ca_file);
  g_free (p);
}

static inline size_t
nk_test_platform_collect (char *data, size_t size, size_t nmemb, void *user_data)
{
  g_string_append_len (user_data, data, (gssize) (size * nmemb));
  return size * nmemb;
}

/* A request to the admin API (plain HTTP on loopback: the test's own
 * control channel, not the platform API).  Returns the answer's root. */
static inline JsonNode *
nk_test_platform_admin (NkTestPlatform *p, const char *path, const char *body)
{
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u%s", p->admin_port, path);
  g_autoptr (GString) answer = g_string_new (NULL);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  CURL *c = curl_easy_init ();
  long status = 0;
  CURLcode rc;

  curl_easy_setopt (c, CURLOPT_URL, url);
  curl_easy_setopt (c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt (c, CURLOPT_WRITEFUNCTION, nk_test_platform_collect);
  curl_easy_setopt (c, CURLOPT_WRITEDATA, answer);
  if (body)
    curl_easy_setopt (c, CURLOPT_POSTFIELDS, body);
  rc = curl_easy_perform (c);
  curl_easy_getinfo (c, CURLINFO_RESPONSE_CODE, &status);
  curl_easy_cleanup (c);
  g_assert_cmpint (rc, ==, CURLE_OK);
  g_assert_cmpint (status, ==, 200);
  g_assert_true (json_parser_load_from_data (parser, answer->str, (gssize) answer->len, &error));
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static inline gint64
nk_test_platform_stat (NkTestPlatform *p, const char *name)
{
  g_autoptr (JsonNode) root = nk_test_platform_admin (p, "/admin/stats", NULL);

  return json_object_get_int_member (json_node_get_object (root), name);
}

static inline char *
nk_test_platform_token (NkTestPlatform *p, const char *device_id)
{
  g_autofree char *body = g_strdup_printf ("{\"device_id\": \"%s\"}", device_id);
  g_autoptr (JsonNode) root = nk_test_platform_admin (p, "/admin/token", body);

  return g_strdup (json_object_get_string_member (json_node_get_object (root), "token"));
}

static inline void
nk_test_platform_fault (NkTestPlatform *p, const char *mode, int count, const char *path,
                        double delay)
{
  g_autofree char *body = g_strdup_printf ("{\"mode\": \"%s\", \"count\": %d, \"path\": \"%s\", "
                                           "\"retry_after\": 1, \"delay\": %.1f}",
                                           mode, count, path, delay);
  g_autoptr (JsonNode) root = nk_test_platform_admin (p, "/admin/fault", body);
}

static inline void
nk_test_platform_cert (NkTestPlatform *p, const char *name)
{
  g_autofree char *body = g_strdup_printf ("{\"name\": \"%s\"}", name);
  g_autoptr (JsonNode) root = nk_test_platform_admin (p, "/admin/cert", body);
}

/* The ids the platform holds, as a set. */
static inline GHashTable *
nk_test_platform_ids (NkTestPlatform *p, guint *n_listed)
{
  g_autoptr (JsonNode) root = nk_test_platform_admin (p, "/admin/events", NULL);
  JsonArray *ids = json_object_get_array_member (json_node_get_object (root), "ids");
  GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  *n_listed = json_array_get_length (ids);
  for (guint i = 0; i < *n_listed; i++)
    g_hash_table_add (set, g_strdup (json_array_get_string_element (ids, i)));
  return set;
}
