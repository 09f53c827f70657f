/* nk-classroom-pull.c — the pull section "classroom_sessions"
 * (nk-classroom-pull.h; the table is nk-pull-sections.c).
 *
 * A session is checked whole before it is written: its times in the
 * contract's one form, the end after the start and on the same day or
 * the next, a place or an online link, every link https with a host, the
 * seats left not above the capacity.  One that fails is quarantined with
 * the reason; the others are applied. */
#define G_LOG_DOMAIN "nk-core"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "nk-check.h"
#include "nk-classroom.h"
#include "nk-classroom-pull.h"
#include "nk-store-private.h"

#define MAX_TITLE 100
#define MAX_PLACE 200
#define MAX_URL 500
#define MAX_SEATS 10000
/* A session lasts at most this long (a whole day's course). */
#define MAX_LENGTH_US (24 * G_TIME_SPAN_HOUR)

#define WHAT _("Cannot apply the platform's changes")

const NkPullField nk_classroom_pull_fields[NK_CLASSROOM_PULL_N_FIELDS] = {
  [NK_CLASSROOM_PULL_ID] = { "id", NK_PULL_ID, NK_PULL_REQUIRED },
  [NK_CLASSROOM_PULL_TITLE] = { "title", NK_PULL_TEXT, NK_PULL_REQUIRED, .max = MAX_TITLE },
  [NK_CLASSROOM_PULL_KIND] = { "kind", NK_PULL_CHOICE, NK_PULL_REQUIRED, .choices = nk_classroom_kinds },
  [NK_CLASSROOM_PULL_STARTS] = { "starts_at", NK_PULL_TEXT, NK_PULL_REQUIRED, .max = 24 },
  [NK_CLASSROOM_PULL_ENDS] = { "ends_at", NK_PULL_TEXT, NK_PULL_REQUIRED, .max = 24 },
  [NK_CLASSROOM_PULL_PLACE] = { "place", NK_PULL_TEXT, NK_PULL_OPTIONAL, .max = MAX_PLACE },
  [NK_CLASSROOM_PULL_ONLINE_URL] = { "online_url", NK_PULL_TEXT, NK_PULL_OPTIONAL, .max = MAX_URL },
  [NK_CLASSROOM_PULL_AUDIENCE] = { "audience", NK_PULL_CHOICE, NK_PULL_REQUIRED,
                                   .choices = nk_classroom_audiences },
  [NK_CLASSROOM_PULL_CAPACITY] = { "capacity", NK_PULL_INT, NK_PULL_OPTIONAL, .min = 1, .max = MAX_SEATS },
  [NK_CLASSROOM_PULL_SEATS_LEFT] = { "seats_left", NK_PULL_INT, NK_PULL_OPTIONAL, .min = 0,
                                     .max = MAX_SEATS },
  [NK_CLASSROOM_PULL_SIGNUP_URL] = { "signup_url", NK_PULL_TEXT, NK_PULL_OPTIONAL, .max = MAX_URL },
};

static gboolean
has (NkPullItem *item, guint field)
{
  JsonObject *obj = json_node_get_object (item->node);
  JsonNode *node = json_object_get_member (obj, nk_classroom_pull_fields[field].name);

  return node != NULL && !JSON_NODE_HOLDS_NULL (node);
}

/* https://host…, nothing else: a link shown as a QR code or opened on a
 * phone must not be a plain-text or a local one. */
static gboolean
is_https (const char *s)
{
  g_autoptr (GUri) uri = NULL;

  if (s == NULL || strpbrk (s, " \t\\\"<>") != NULL)
    return FALSE;
  uri = g_uri_parse (s, G_URI_FLAGS_NONE, NULL);
  return uri != NULL && g_strcmp0 (g_uri_get_scheme (uri), "https") == 0
         && g_uri_get_host (uri) != NULL && *g_uri_get_host (uri) != '\0'
         && g_uri_get_userinfo (uri) == NULL;
}

char *
nk_classroom_pull_check (NkPullItem *item, const char **field)
{
  static const guint links[] = { NK_CLASSROOM_PULL_ONLINE_URL, NK_CLASSROOM_PULL_SIGNUP_URL };
  const char *starts = nk_pull_item_text (item, NK_CLASSROOM_PULL_STARTS);
  const char *ends = nk_pull_item_text (item, NK_CLASSROOM_PULL_ENDS);
  gint64 starts_us, ends_us;

  if (!nk_check_time (starts, &starts_us))
    {
      *field = "starts_at";
      return g_strdup (_("not a time YYYY-MM-DDTHH:MM:SS.mmmZ"));
    }
  if (!nk_check_time (ends, &ends_us))
    {
      *field = "ends_at";
      return g_strdup (_("not a time YYYY-MM-DDTHH:MM:SS.mmmZ"));
    }
  if (ends_us <= starts_us)
    {
      *field = "ends_at";
      return g_strdup (_("not after the session's start"));
    }
  if (ends_us - starts_us > MAX_LENGTH_US)
    {
      *field = "ends_at";
      return g_strdup (_("more than 24 hours after the session's start"));
    }
  for (guint i = 0; i < G_N_ELEMENTS (links); i++)
    if (has (item, links[i]) && !is_https (nk_pull_item_text (item, links[i])))
      {
        *field = nk_classroom_pull_fields[links[i]].name;
        return g_strdup (_("not an https:// link with a host"));
      }
  if (!has (item, NK_CLASSROOM_PULL_PLACE) && !has (item, NK_CLASSROOM_PULL_ONLINE_URL))
    {
      *field = "place";
      return g_strdup (_("neither a place nor an online link"));
    }
  if (has (item, NK_CLASSROOM_PULL_CAPACITY) && has (item, NK_CLASSROOM_PULL_SEATS_LEFT)
      && nk_pull_item_number (item, NK_CLASSROOM_PULL_SEATS_LEFT)
         > nk_pull_item_number (item, NK_CLASSROOM_PULL_CAPACITY))
    {
      *field = "seats_left";
      return g_strdup (_("more than the capacity"));
    }
  return NULL;
}

static gint64
time_of (NkPullItem *item, guint field)
{
  gint64 us = 0;

  /* checked by nk_classroom_pull_check */
  nk_check_time (nk_pull_item_text (item, field), &us);
  return us;
}

/* The value of an optional INT, or fallback. */
static gint64
optional (NkPullItem *item, guint field, gint64 fallback)
{
  return has (item, field) ? nk_pull_item_number (item, field) : fallback;
}

gboolean
nk_classroom_pull_apply (NkStore *store, NkPullItem *item, GError **error)
{
  NkClassroomSession s = {
    .id = (char *) nk_pull_item_text (item, NK_CLASSROOM_PULL_ID),
    .title = (char *) nk_pull_item_text (item, NK_CLASSROOM_PULL_TITLE),
    .kind = (char *) nk_pull_item_text (item, NK_CLASSROOM_PULL_KIND),
    .starts_us = time_of (item, NK_CLASSROOM_PULL_STARTS),
    .ends_us = time_of (item, NK_CLASSROOM_PULL_ENDS),
    .place = (char *) nk_pull_item_text (item, NK_CLASSROOM_PULL_PLACE),
    .online_url = (char *) nk_pull_item_text (item, NK_CLASSROOM_PULL_ONLINE_URL),
    .audience = (char *) nk_pull_item_text (item, NK_CLASSROOM_PULL_AUDIENCE),
    .capacity = (guint) optional (item, NK_CLASSROOM_PULL_CAPACITY, 0),
    .seats_left = (gint) optional (item, NK_CLASSROOM_PULL_SEATS_LEFT, -1),
    .signup_url = (char *) nk_pull_item_text (item, NK_CLASSROOM_PULL_SIGNUP_URL),
  };

  return nk_classroom_put_session (store, &s, error);
}

/* The session goes; its sign-ups stay in the record. */
gboolean
nk_classroom_pull_remove (NkStore *store, NkPullItem *item, GError **error)
{
  return nk_store_run (store, "DELETE FROM classroom_sessions WHERE id = ?1", WHAT, error,
                       NK_TEXT ("?1", nk_pull_item_text (item, NK_CLASSROOM_PULL_ID)), NK_END);
}
