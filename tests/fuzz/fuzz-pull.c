/* fuzz-pull.c — libFuzzer harness for the pull-payload parser
 * (app/core/nk-pull*.c): every input is parsed and, when accepted, applied
 * to a scratch database, where every record it holds must be accounted
 * for: applied, kept as received or quarantined, none dropped.  Built
 * with clang only (tests/fuzz/meson.build). */
#include "config.h"

#include <glib.h>
#include <stdint.h>
#include <stdlib.h>

#include "core/nk-centre.h"
#include "core/nk-pull.h"
#include "core/nk-store.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static NkStore *store;
static NkCentre *centre;

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("nk-fuzz-XXXXXX", &error);
  g_autofree char *path = NULL;

  g_assert_no_error (error);
  path = g_build_filename (dir, "kiosk.db", NULL);
  /* Only the database's own journal lines; nothing else is expected. */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  store = nk_store_open (path, &error);
  g_assert_no_error (error);
  {
    g_autoptr (GTimeZone) tz = g_time_zone_new_identifier ("Asia/Shanghai");
    centre = nk_centre_new (tz);
  }
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (NkPull) pull = nk_pull_parse ((const char *) data, size, &error);
  NkPullCounts counts = { 0 };

  if (pull == NULL)
    {
      /* Every refusal says why, in valid UTF-8. */
      g_assert_nonnull (error);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      return 0;
    }
  g_assert_no_error (error);
  g_assert_nonnull (nk_pull_get_cursor (pull));
  if (!nk_pull_apply (pull, store, centre, &counts, &error))
    {
      g_assert_nonnull (error);
      return 0;
    }
  g_assert_cmpuint (counts.applied + counts.kept + counts.quarantined, ==, nk_pull_count (pull));
  return 0;
}
