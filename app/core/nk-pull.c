/* nk-pull.c — parse and check a pull response of the platform (applying
 * it is nk-pull-apply.c).
 *
 * Parsing turns the JSON into plain records (strings borrowed from the
 * JSON tree, which the NkPull keeps) after checking every field against
 * the rules of docs/platform-api.md.  The raw text is checked first for
 * what json-glib would silently get wrong: deep nesting, an escaped NUL
 * (it cuts the string there) and integers too long for 64 bits (they
 * wrap). */
#define G_LOG_DOMAIN "nk-core"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "nk-pull-private.h"
#include "nk-uid.h"

#define MAX_DEPTH 32
/* Records in one response, all sections together: the contract's server
 * side limit, and what bounds the time the store's write lock is held. */
#define MAX_RECORDS 5000
/* Longer integer literals may not fit 64 bits; 15 digits fit a double too. */
#define MAX_INTEGER_DIGITS 15
#define MAX_ID 64
#define MAX_NAME 100
#define MAX_TEXT 200
#define MAX_CURSOR 256
#define MAX_PLACES 100
#define MAX_AGE_YEARS 10

G_DEFINE_QUARK (nk-pull-error-quark, nk_pull_error)

void
nk_pull_free (NkPull *pull)
{
  if (pull == NULL)
    return;
  g_clear_object (&pull->parser);
  g_clear_pointer (&pull->rooms, g_array_unref);
  g_clear_pointer (&pull->children, g_array_unref);
  g_clear_pointer (&pull->guardians, g_array_unref);
  g_clear_pointer (&pull->pickups, g_array_unref);
  g_clear_pointer (&pull->staff, g_array_unref);
  g_clear_pointer (&pull->cards, g_array_unref);
  g_clear_pointer (&pull->deletions, g_array_unref);
  g_clear_pointer (&pull->room_ids, g_hash_table_unref);
  g_clear_pointer (&pull->child_ids, g_hash_table_unref);
  g_clear_pointer (&pull->guardian_ids, g_hash_table_unref);
  g_clear_pointer (&pull->staff_ids, g_hash_table_unref);
  g_free (pull);
}

const char *
nk_pull_get_cursor (NkPull *pull)
{
  return pull->cursor;
}

gboolean
nk_pull_get_more (NkPull *pull)
{
  return pull->more;
}

guint
nk_pull_count (NkPull *pull)
{
  return pull->rooms->len + pull->children->len + pull->guardians->len + pull->pickups->len
         + pull->staff->len + pull->cards->len + pull->deletions->len + pull->slots;
}

/* ---- checks before parsing ------------------------------------------ */

/* What json-glib would get wrong, refused in the raw text before it sees
 * it: deep nesting (it parses recursively), an escaped NUL (it cuts the
 * string there: "a\u0000b" would read as "a"), and integer literals too
 * long for 64 bits (they wrap: -18446744073709551611 would read as 5). */
static gboolean
check_raw (const char *data, gsize len, GError **error)
{
  gboolean in_string = FALSE;
  gboolean escaped = FALSE;
  guint depth = 0;

  for (gsize i = 0; i < len; i++)
    {
      char c = data[i];

      if (c == '\0')
        {
          g_set_error (error, NK_PULL_ERROR, NK_PULL_ERROR_MALFORMED, "%s",
                       _("The changes hold a NUL character"));
          return FALSE;
        }
      if (in_string)
        {
          if (escaped)
            {
              escaped = FALSE;
              if (c == 'u' && len - i > 4 && memcmp (data + i + 1, "0000", 4) == 0)
                {
                  g_set_error (error, NK_PULL_ERROR, NK_PULL_ERROR_MALFORMED, "%s",
                               _("The changes hold a NUL character"));
                  return FALSE;
                }
            }
          else if (c == '\\')
            escaped = TRUE;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }
      if (c == '"')
        in_string = TRUE;
      else if (c == '{' || c == '[')
        {
          if (++depth > MAX_DEPTH)
            {
              g_set_error (error, NK_PULL_ERROR, NK_PULL_ERROR_MALFORMED,
                           _("The changes are nested more than %d deep"), MAX_DEPTH);
              return FALSE;
            }
        }
      else if ((c == '}' || c == ']') && depth > 0)
        depth--;
      else if (c == '-' || g_ascii_isdigit (c))
        {
          /* A number: its integer part, then a fraction or exponent. */
          guint digits = 0;
          gboolean integer = TRUE;

          if (c == '-')
            i++;
          for (; i < len && g_ascii_isdigit (data[i]); i++)
            digits++;
          for (; i < len && (g_ascii_isdigit (data[i]) || data[i] == '.' || data[i] == 'e'
                             || data[i] == 'E' || data[i] == '+' || data[i] == '-');
               i++)
            integer = FALSE;
          if (integer && digits > MAX_INTEGER_DIGITS)
            {
              g_set_error (error, NK_PULL_ERROR, NK_PULL_ERROR_MALFORMED,
                           _("The changes hold a whole number of more than %d digits"),
                           MAX_INTEGER_DIGITS);
              return FALSE;
            }
          i--;   /* the loop's i++ reaches the character after the number */
        }
    }
  return TRUE;
}

/* ---- field checks ----------------------------------------------------- */

typedef struct {
  const char *section;
  guint       index;
  const char *id;        /* the record's id once known, for messages */
  GError    **error;
} Ctx;

G_GNUC_PRINTF (3, 4)
static gboolean
fail (Ctx *ctx, const char *field, const char *format, ...)
{
  g_autofree char *reason = NULL;
  va_list args;

  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);

  if (ctx->id)
    g_set_error (ctx->error, NK_PULL_ERROR, NK_PULL_ERROR_INVALID, "%s[%u] (id %s) %s: %s",
                 ctx->section, ctx->index, ctx->id, field, reason);
  else
    g_set_error (ctx->error, NK_PULL_ERROR, NK_PULL_ERROR_INVALID, "%s[%u] %s: %s", ctx->section,
                 ctx->index, field, reason);
  return FALSE;
}

static gboolean
is_id (const char *s)
{
  gsize n = strlen (s);

  if (n == 0 || n > MAX_ID)
    return FALSE;
  for (const char *p = s; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '.' && *p != '_' && *p != ':' && *p != '-')
      return FALSE;
  return TRUE;
}

/* Valid UTF-8, no control characters, at most max characters (at least
 * one non-space when required). */
static gboolean
is_text (const char *s, guint max, gboolean required)
{
  glong n;
  gboolean visible = FALSE;

  if (!g_utf8_validate (s, -1, NULL))
    return FALSE;
  n = g_utf8_strlen (s, -1);
  if (n > (glong) max)
    return FALSE;
  for (const char *p = s; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (g_unichar_iscntrl (c) || c == 0x2028 || c == 0x2029)
        return FALSE;
      if (!g_unichar_isspace (c))
        visible = TRUE;
    }
  return visible || !required;
}

static gboolean
is_phone (const char *s)
{
  gsize n = strlen (s);

  if (n < 3 || n > 20)
    return FALSE;
  for (const char *p = s; *p; p++)
    if (!g_ascii_isdigit (*p) && !strchr ("+-() ", *p))
      return FALSE;
  return TRUE;
}

static gboolean
is_birth_date (const char *s)
{
  int y, m, d;
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  int ty = g_date_time_get_year (now);
  GDate date, today, oldest;

  if (strlen (s) != 10 || s[4] != '-' || s[7] != '-')
    return FALSE;
  for (int i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (s[i]))
      return FALSE;
  y = atoi (s);
  m = atoi (s + 5);
  d = atoi (s + 8);
  if (y < 1900 || !g_date_valid_dmy (d, m, y))
    return FALSE;
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, d, m, y);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now), ty);
  /* One day of slack: the centre's day may be ahead of UTC. */
  g_date_add_days (&today, 1);
  oldest = today;
  g_date_subtract_years (&oldest, MAX_AGE_YEARS);
  return g_date_compare (&date, &today) <= 0 && g_date_compare (&date, &oldest) >= 0;
}

typedef enum {
  REQUIRED,
  NULLABLE,   /* may be missing or null */
} Presence;

/* Reads a string member; *out stays NULL when absent or null and allowed. */
static gboolean
get_string (Ctx *ctx, JsonObject *obj, const char *member, Presence presence, const char **out)
{
  JsonNode *node = json_object_get_member (obj, member);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (presence == NULLABLE)
        return TRUE;
      return fail (ctx, member, "%s", _("missing"));
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return fail (ctx, member, "%s", _("not a string"));
  *out = json_node_get_string (node);
  if (*out == NULL || !g_utf8_validate (*out, -1, NULL))
    return fail (ctx, member, "%s", _("not valid UTF-8"));
  return TRUE;
}

static gboolean
get_id (Ctx *ctx, JsonObject *obj, const char *member, Presence presence, const char **out)
{
  if (!get_string (ctx, obj, member, presence, out))
    return FALSE;
  if (*out && !is_id (*out))
    return fail (ctx, member, _("not an id (1–%d of A–Z a–z 0–9 . _ : -)"), MAX_ID);
  return TRUE;
}

static gboolean
get_text (Ctx *ctx, JsonObject *obj, const char *member, Presence presence, guint max,
          const char **out)
{
  if (!get_string (ctx, obj, member, presence, out))
    return FALSE;
  if (*out && !is_text (*out, max, presence == REQUIRED))
    return fail (ctx, member, _("empty, longer than %u characters or holds control characters"),
                 max);
  return TRUE;
}

static gboolean
get_bool (Ctx *ctx, JsonObject *obj, const char *member, gboolean fallback, gboolean *out)
{
  JsonNode *node = json_object_get_member (obj, member);

  *out = fallback;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return fail (ctx, member, "%s", _("not true or false"));
  *out = json_node_get_boolean (node);
  return TRUE;
}

/* Checks the section's id is new in it. */
static gboolean
unique (Ctx *ctx, GHashTable *seen, const char *key, const char *field)
{
  if (!g_hash_table_add (seen, (gpointer) key))
    return fail (ctx, field, "%s", _("appears twice in this section"));
  return TRUE;
}

/* ---- sections ----------------------------------------------------------- */

typedef gboolean (*ParseItem) (NkPull *pull, Ctx *ctx, JsonObject *obj, GHashTable *seen);

static gboolean
parse_room (NkPull *pull, Ctx *ctx, JsonObject *obj, GHashTable *seen)
{
  PullRoom r = { 0 };
  const char *kind;
  JsonNode *places;

  if (!get_id (ctx, obj, "id", REQUIRED, &r.id))
    return FALSE;
  ctx->id = r.id;
  if (!unique (ctx, seen, r.id, "id") || !get_text (ctx, obj, "name", REQUIRED, MAX_NAME, &r.name)
      || !get_string (ctx, obj, "kind", REQUIRED, &kind))
    return FALSE;
  if (!nk_room_kind_from_string (kind, &r.kind) || strcmp (kind, nk_room_kind_to_string (r.kind)) != 0)
    return fail (ctx, "kind", "%s", _("not infant, toddler or senior"));
  places = json_object_get_member (obj, "places");
  if (places == NULL || !JSON_NODE_HOLDS_VALUE (places)
      || json_node_get_value_type (places) != G_TYPE_INT64 || json_node_get_int (places) < 1
      || json_node_get_int (places) > MAX_PLACES)
    return fail (ctx, "places", _("not a whole number from 1 to %d"), MAX_PLACES);
  r.places = (guint) json_node_get_int (places);
  g_array_append_val (pull->rooms, r);
  g_hash_table_add (pull->room_ids, (gpointer) r.id);
  return TRUE;
}

static gboolean
parse_child (NkPull *pull, Ctx *ctx, JsonObject *obj, GHashTable *seen)
{
  PullChild c = { 0 };

  if (!get_id (ctx, obj, "id", REQUIRED, &c.id))
    return FALSE;
  ctx->id = c.id;
  if (!unique (ctx, seen, c.id, "id") || !get_text (ctx, obj, "name", REQUIRED, MAX_NAME, &c.name)
      || !get_string (ctx, obj, "date_of_birth", REQUIRED, &c.date_of_birth))
    return FALSE;
  if (!is_birth_date (c.date_of_birth))
    return fail (ctx, "date_of_birth", _("not a real date in the last %d years"), MAX_AGE_YEARS);
  if (!get_id (ctx, obj, "room_id", NULLABLE, &c.room_id)
      || !get_text (ctx, obj, "allergies", NULLABLE, MAX_TEXT, &c.allergies)
      || !get_bool (ctx, obj, "active", TRUE, &c.active))
    return FALSE;
  g_array_append_val (pull->children, c);
  g_hash_table_add (pull->child_ids, (gpointer) c.id);
  return TRUE;
}

static gboolean
parse_guardian (NkPull *pull, Ctx *ctx, JsonObject *obj, GHashTable *seen)
{
  PullGuardian g = { 0 };

  if (!get_id (ctx, obj, "id", REQUIRED, &g.id))
    return FALSE;
  ctx->id = g.id;
  if (!unique (ctx, seen, g.id, "id") || !get_text (ctx, obj, "name", REQUIRED, MAX_NAME, &g.name)
      || !get_string (ctx, obj, "phone", NULLABLE, &g.phone))
    return FALSE;
  if (g.phone && !is_phone (g.phone))
    return fail (ctx, "phone", "%s", _("not 3–20 digits, spaces or + - ( )"));
  if (!get_text (ctx, obj, "relation", NULLABLE, MAX_TEXT, &g.relation))
    return FALSE;
  g_array_append_val (pull->guardians, g);
  g_hash_table_add (pull->guardian_ids, (gpointer) g.id);
  return TRUE;
}

static gboolean
parse_pickup (NkPull *pull, Ctx *ctx, JsonObject *obj, GHashTable *seen)
{
  PullPickup p = { 0 };

  if (!get_id (ctx, obj, "child_id", REQUIRED, &p.child_id)
      || !get_id (ctx, obj, "guardian_id", REQUIRED, &p.guardian_id)
      || !get_bool (ctx, obj, "can_pickup", TRUE, &p.can_pickup))
    return FALSE;
  if (!unique (ctx, seen, g_strconcat (p.child_id, "/", p.guardian_id, NULL), "child_id/guardian_id"))
    return FALSE;
  g_array_append_val (pull->pickups, p);
  return TRUE;
}

static gboolean
parse_staff (NkPull *pull, Ctx *ctx, JsonObject *obj, GHashTable *seen)
{
  PullStaff s = { 0 };
  const char *role;

  if (!get_id (ctx, obj, "id", REQUIRED, &s.id))
    return FALSE;
  ctx->id = s.id;
  if (!unique (ctx, seen, s.id, "id") || !get_text (ctx, obj, "name", REQUIRED, MAX_NAME, &s.name)
      || !get_string (ctx, obj, "role", REQUIRED, &role))
    return FALSE;
  if (!nk_staff_role_from_string (role, &s.role) || strcmp (role, nk_staff_role_to_string (s.role)) != 0)
    return fail (ctx, "role", "%s", _("not caregiver, director or health"));
  if (!get_text (ctx, obj, "certificate", NULLABLE, MAX_TEXT, &s.certificate)
      || !get_id (ctx, obj, "room_id", NULLABLE, &s.room_id)
      || !get_bool (ctx, obj, "active", TRUE, &s.active))
    return FALSE;
  g_array_append_val (pull->staff, s);
  g_hash_table_add (pull->staff_ids, (gpointer) s.id);
  return TRUE;
}

static gboolean
parse_holder_kind (const char *s, NkHolderKind *out)
{
  if (g_strcmp0 (s, "child") == 0)
    *out = NK_HOLDER_CHILD;
  else if (g_strcmp0 (s, "guardian") == 0)
    *out = NK_HOLDER_GUARDIAN;
  else if (g_strcmp0 (s, "staff") == 0)
    *out = NK_HOLDER_STAFF;
  else
    return FALSE;
  return TRUE;
}

static gboolean
parse_card (NkPull *pull, Ctx *ctx, JsonObject *obj, GHashTable *seen)
{
  PullCard c = { 0 };
  const char *kind, *status;

  if (!get_string (ctx, obj, "uid", REQUIRED, &c.uid))
    return FALSE;
  if (!nk_uid_is_valid (c.uid))
    return fail (ctx, "uid", "%s", _("not a card UID in normal form (upper-case hex, 4, 7 or 10 bytes)"));
  ctx->id = c.uid;
  if (!unique (ctx, seen, c.uid, "uid") || !get_string (ctx, obj, "holder_kind", REQUIRED, &kind))
    return FALSE;
  if (!parse_holder_kind (kind, &c.holder))
    return fail (ctx, "holder_kind", "%s", _("not child, guardian or staff"));
  if (!get_id (ctx, obj, "holder_id", REQUIRED, &c.holder_id)
      || !get_string (ctx, obj, "status", REQUIRED, &status))
    return FALSE;
  if (g_strcmp0 (status, "active") == 0)
    c.lost = FALSE;
  else if (g_strcmp0 (status, "lost") == 0)
    c.lost = TRUE;
  else
    return fail (ctx, "status", "%s", _("not active or lost"));
  g_array_append_val (pull->cards, c);
  return TRUE;
}

static gboolean
parse_slot (NkPull *pull, Ctx *ctx, JsonObject *obj, GHashTable *seen)
{
  const char *id;

  if (!get_id (ctx, obj, "id", REQUIRED, &id) || !unique (ctx, seen, id, "id"))
    return FALSE;
  pull->slots++;
  return TRUE;
}

static gboolean
parse_deletion (NkPull *pull, Ctx *ctx, JsonObject *obj, GHashTable *seen)
{
  static const char *kinds[] = { "room", "child", "guardian", "staff", "card", "pickup" };
  PullDeletion d = { 0 };
  const char *kind;
  guint i;

  if (!get_string (ctx, obj, "kind", REQUIRED, &kind))
    return FALSE;
  for (i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (strcmp (kind, kinds[i]) == 0)
      break;
  if (i == G_N_ELEMENTS (kinds))
    return fail (ctx, "kind", "%s", _("not room, child, guardian, staff, card or pickup"));
  d.kind = (DeletionKind) i;
  if (d.kind == DEL_PICKUP)
    {
      if (!get_id (ctx, obj, "child_id", REQUIRED, &d.child_id)
          || !get_id (ctx, obj, "guardian_id", REQUIRED, &d.guardian_id))
        return FALSE;
    }
  else if (d.kind == DEL_CARD)
    {
      if (!get_string (ctx, obj, "id", REQUIRED, &d.id))
        return FALSE;
      if (!nk_uid_is_valid (d.id))
        return fail (ctx, "id", "%s", _("not a card UID in normal form"));
    }
  else if (!get_id (ctx, obj, "id", REQUIRED, &d.id))
    return FALSE;
  g_array_append_val (pull->deletions, d);
  return TRUE;
}

static gboolean
parse_section (NkPull *pull, JsonObject *changes, const char *name, ParseItem parse, GError **error)
{
  JsonNode *node = json_object_get_member (changes, name);
  g_autoptr (GHashTable) seen = NULL;
  JsonArray *array;
  guint n;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, NK_PULL_ERROR, NK_PULL_ERROR_INVALID, _("changes.%s is not an array"), name);
      return FALSE;
    }
  array = json_node_get_array (node);
  n = json_array_get_length (array);
  if (n > MAX_RECORDS || nk_pull_count (pull) + n > MAX_RECORDS)
    {
      g_set_error (error, NK_PULL_ERROR, NK_PULL_ERROR_INVALID,
                   _("The changes hold more than %d records in one answer"), MAX_RECORDS);
      return FALSE;
    }
  /* Pickup keys are allocated, the others borrowed. */
  seen = g_hash_table_new_full (g_str_hash, g_str_equal,
                                parse == parse_pickup ? g_free : NULL, NULL);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      Ctx ctx = { name, i, NULL, error };

      if (!JSON_NODE_HOLDS_OBJECT (item))
        {
          g_set_error (error, NK_PULL_ERROR, NK_PULL_ERROR_INVALID,
                       _("changes.%s[%u] is not an object"), name, i);
          return FALSE;
        }
      if (!parse (pull, &ctx, json_node_get_object (item), seen))
        return FALSE;
    }
  return TRUE;
}

static NkPull *
nk_pull_new (void)
{
  NkPull *pull = g_new0 (NkPull, 1);

  pull->rooms = g_array_new (FALSE, TRUE, sizeof (PullRoom));
  pull->children = g_array_new (FALSE, TRUE, sizeof (PullChild));
  pull->guardians = g_array_new (FALSE, TRUE, sizeof (PullGuardian));
  pull->pickups = g_array_new (FALSE, TRUE, sizeof (PullPickup));
  pull->staff = g_array_new (FALSE, TRUE, sizeof (PullStaff));
  pull->cards = g_array_new (FALSE, TRUE, sizeof (PullCard));
  pull->deletions = g_array_new (FALSE, TRUE, sizeof (PullDeletion));
  pull->room_ids = g_hash_table_new (g_str_hash, g_str_equal);
  pull->child_ids = g_hash_table_new (g_str_hash, g_str_equal);
  pull->guardian_ids = g_hash_table_new (g_str_hash, g_str_equal);
  pull->staff_ids = g_hash_table_new (g_str_hash, g_str_equal);
  return pull;
}

static gboolean
is_cursor (const char *s)
{
  gsize n = strlen (s);

  if (n == 0 || n > MAX_CURSOR)
    return FALSE;
  for (const char *p = s; *p; p++)
    if (*p < 0x21 || *p > 0x7e)
      return FALSE;
  return TRUE;
}

NkPull *
nk_pull_parse (const char *data, gsize len, GError **error)
{
  g_autoptr (NkPull) pull = NULL;
  g_autoptr (GError) local = NULL;
  JsonNode *root, *node;
  JsonObject *obj, *changes;

  if (len > NK_PULL_MAX_BODY)
    {
      g_set_error (error, NK_PULL_ERROR, NK_PULL_ERROR_MALFORMED,
                   _("The changes are larger than %d MiB"), NK_PULL_MAX_BODY / (1024 * 1024));
      return NULL;
    }
  if (len == 0 || !g_utf8_validate_len (data, len, NULL))
    {
      g_set_error (error, NK_PULL_ERROR, NK_PULL_ERROR_MALFORMED, "%s",
                   _("The changes are empty or not valid UTF-8 text"));
      return NULL;
    }
  if (!check_raw (data, len, error))
    return NULL;

  pull = nk_pull_new ();
  pull->parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (pull->parser, data, (gssize) len, &local))
    {
      /* json-glib quotes the input around the error, maybe mid-character. */
      g_autofree char *valid = g_utf8_make_valid (local->message, -1);

      g_set_error (error, NK_PULL_ERROR, NK_PULL_ERROR_MALFORMED, _("The changes are not JSON: %s"),
                   valid);
      return NULL;
    }
  root = json_parser_get_root (pull->parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, NK_PULL_ERROR, NK_PULL_ERROR_MALFORMED, "%s",
                   _("The changes are not a JSON object"));
      return NULL;
    }
  obj = json_node_get_object (root);

  node = json_object_get_member (obj, "cursor");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING
      || !is_cursor (json_node_get_string (node)))
    {
      g_set_error (error, NK_PULL_ERROR, NK_PULL_ERROR_INVALID, _("cursor is missing or not 1–%d printable characters"),
                   MAX_CURSOR);
      return NULL;
    }
  pull->cursor = json_node_get_string (node);

  node = json_object_get_member (obj, "more");
  if (node != NULL)
    {
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
        {
          g_set_error (error, NK_PULL_ERROR, NK_PULL_ERROR_INVALID, "%s", _("more is not true or false"));
          return NULL;
        }
      pull->more = json_node_get_boolean (node);
    }

  node = json_object_get_member (obj, "changes");
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, NK_PULL_ERROR, NK_PULL_ERROR_INVALID, "%s", _("changes is missing or not an object"));
      return NULL;
    }
  changes = json_node_get_object (node);

  if (!parse_section (pull, changes, "rooms", parse_room, error)
      || !parse_section (pull, changes, "children", parse_child, error)
      || !parse_section (pull, changes, "guardians", parse_guardian, error)
      || !parse_section (pull, changes, "pickups", parse_pickup, error)
      || !parse_section (pull, changes, "staff", parse_staff, error)
      || !parse_section (pull, changes, "cards", parse_card, error)
      || !parse_section (pull, changes, "menus", parse_slot, error)
      || !parse_section (pull, changes, "checkups", parse_slot, error)
      || !parse_section (pull, changes, "classroom_sessions", parse_slot, error)
      || !parse_section (pull, changes, "deletions", parse_deletion, error))
    return NULL;

  return g_steal_pointer (&pull);
}

