/* nk-pull.c — parse and check a pull response of the platform: the raw
 * text, the envelope, then every record against its section's entry in
 * the table (nk-pull-sections.c).  Applying it is nk-pull-apply.c.
 *
 * Parsing turns the JSON into records (strings borrowed from the JSON
 * tree, which the NkPull keeps).  The raw text is checked first for what
 * json-glib would silently get wrong: deep nesting, an escaped NUL (it
 * cuts the string there) and integers too long for 64 bits (they wrap).
 * Only what makes the answer unusable as a whole refuses it; a record
 * breaking a rule is marked quarantined with its reason and the rest
 * goes on. */
#define G_LOG_DOMAIN "nk-core"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdlib.h>
#include <string.h>

#include "nk-check.h"
#include "nk-pull-private.h"
#include "nk-uid.h"

#define MAX_DEPTH 32
/* Records in one response, all sections together: the contract's server
 * side limit. */
#define MAX_RECORDS 5000
/* Longer integer literals may not fit 64 bits; 15 digits fit a double too. */
#define MAX_INTEGER_DIGITS 15
#define MAX_ID NK_CHECK_MAX_ID
#define MAX_CURSOR 256
#define MAX_AGE_YEARS 10

G_DEFINE_QUARK (nk-pull-error-quark, nk_pull_error)

static void
item_free (gpointer data)
{
  NkPullItem *item = data;

  g_free (item->section_name);
  g_free (item->key);
  g_free (item->values);
  g_free (item->field);
  g_free (item->reason);
  g_free (item->body);
  g_free (item);
}

NkPull *
nk_pull_new (void)
{
  NkPull *pull = g_new0 (NkPull, 1);

  pull->items = g_ptr_array_new_with_free_func (item_free);
  pull->by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  pull->set_aside = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  pull->chunk_size = NK_PULL_CHUNK;
  return pull;
}

void
nk_pull_free (NkPull *pull)
{
  if (pull == NULL)
    return;
  g_clear_pointer (&pull->items, g_ptr_array_unref);
  g_clear_pointer (&pull->by_key, g_hash_table_unref);
  g_clear_pointer (&pull->set_aside, g_hash_table_unref);
  g_clear_object (&pull->parser);
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
  return pull->items->len;
}

void
nk_pull_set_chunk_size (NkPull *pull, guint records)
{
  pull->chunk_size = MAX (records, 1);
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
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  GDate date, today, oldest;

  if (!nk_check_date (s, &date))
    return FALSE;
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  /* One day of slack: the centre's day may be ahead of UTC. */
  g_date_add_days (&today, 1);
  oldest = today;
  g_date_subtract_years (&oldest, MAX_AGE_YEARS);
  return g_date_compare (&date, &today) <= 0 && g_date_compare (&date, &oldest) >= 0;
}

static char *
choices_text (const char *const *choices)
{
  return g_strjoinv (", ", (char **) choices);
}

/* Checks one member against its field; on failure returns the reason
 * (plain words, translated). */
static char *
check_field (const NkPullField *f, JsonObject *obj, NkPullValue *value)
{
  JsonNode *node = json_object_get_member (obj, f->name);
  GType type;
  const char *s = NULL;

  value->text = NULL;
  value->number = 0;
  if (f->type == NK_PULL_BOOL)
    {
      value->number = f->fallback;
      if (node == NULL)
        return NULL;
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
        return g_strdup (_("not true or false"));
      value->number = json_node_get_boolean (node);
      return NULL;
    }
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return f->presence == NK_PULL_OPTIONAL ? NULL : g_strdup (_("missing"));
  type = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : G_TYPE_INVALID;

  if (f->type == NK_PULL_INT)
    {
      if (type != G_TYPE_INT64 || json_node_get_int (node) < f->min || json_node_get_int (node) > f->max)
        return g_strdup_printf (_("not a whole number from %d to %d"), (int) f->min, (int) f->max);
      value->number = json_node_get_int (node);
      return NULL;
    }

  if (type != G_TYPE_STRING)
    return g_strdup (_("not a string"));
  s = json_node_get_string (node);
  if (s == NULL || !g_utf8_validate (s, -1, NULL))
    return g_strdup (_("not valid UTF-8"));

  switch (f->type)
    {
    case NK_PULL_ID:
      if (!nk_check_is_id (s))
        return g_strdup_printf (_("not an id (1–%d of A–Z a–z 0–9 . _ : -)"), MAX_ID);
      break;
    case NK_PULL_UID:
      if (!nk_uid_is_valid (s))
        return g_strdup (_("not a card UID in normal form (upper-case hex, 4, 7 or 10 bytes)"));
      break;
    case NK_PULL_TEXT:
      if (!nk_check_is_text (s, f->max, f->presence == NK_PULL_REQUIRED))
        return g_strdup_printf (_("empty, longer than %u characters or holds control characters"),
                                (guint) f->max);
      break;
    case NK_PULL_CHOICE:
      {
        guint i;

        for (i = 0; f->choices[i]; i++)
          if (strcmp (s, f->choices[i]) == 0)
            break;
        if (f->choices[i] == NULL)
          {
            g_autofree char *list = choices_text (f->choices);
            return g_strdup_printf (_("not one of: %s"), list);
          }
        value->number = i;
      }
      break;
    case NK_PULL_BIRTH_DATE:
      if (!is_birth_date (s))
        return g_strdup_printf (_("not a real date in the last %d years"), MAX_AGE_YEARS);
      break;
    case NK_PULL_PHONE:
      if (!is_phone (s))
        return g_strdup (_("not 3–20 digits, spaces or + - ( )"));
      break;
    case NK_PULL_INT:
    case NK_PULL_BOOL:
    default:
      g_assert_not_reached ();
    }
  value->text = s;
  return NULL;
}

/* ---- records -------------------------------------------------------------- */

void
nk_pull_quarantine_item (NkPullItem *item, const char *code, const char *field, const char *reason)
{
  item->outcome = NK_PULL_QUARANTINED;
  item->code = code;
  g_free (item->field);
  item->field = g_strdup (field);
  g_free (item->reason);
  item->reason = g_strdup (reason);
}

/* The key of a record, even one that breaks the rules: its key members
 * when they are usable text, "[index]" otherwise. */
static char *
make_key (const NkPullSection *section, JsonObject *obj, guint index, gboolean deletion)
{
  g_autoptr (GString) key = g_string_new (NULL);

  for (guint k = 0; k < section->n_key; k++)
    {
      const NkPullField *f = &section->fields[section->key[k]];
      /* A deletion of a record with one key field names it "id". */
      const char *member = deletion && section->n_key == 1 ? "id" : f->name;
      JsonNode *node = obj ? json_object_get_member (obj, member) : NULL;
      const char *s;

      if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING
          || (s = json_node_get_string (node)) == NULL || !nk_check_is_text (s, MAX_ID, TRUE))
        return g_strdup_printf ("[%u]", index);
      if (k > 0)
        g_string_append_c (key, '/');
      g_string_append (key, s);
    }
  return g_string_free (g_steal_pointer (&key), FALSE);
}

static void
parse_fields (NkPullItem *item, JsonObject *obj)
{
  const NkPullSection *section = item->section;
  g_autofree char *why = NULL;
  const char *field = NULL;

  for (guint i = 0; i < section->n_fields; i++)
    {
      why = check_field (&section->fields[i], obj, &item->values[i]);
      if (why)
        {
          nk_pull_quarantine_item (item, "invalid", section->fields[i].name, why);
          return;
        }
    }
  if (section->check && (why = section->check (item, &field)) != NULL)
    nk_pull_quarantine_item (item, "invalid", field, why);
}

/* {"kind": K, "id": …} or, for a record with two key fields, the key
 * fields by name; checked as the deleted section checks its key. */
static void
parse_deletion (NkPullItem *item, JsonObject *obj)
{
  JsonNode *kind = json_object_get_member (obj, "kind");
  const NkPullSection *target = NULL;
  g_autofree char *key = NULL;

  if (kind && JSON_NODE_HOLDS_VALUE (kind) && json_node_get_value_type (kind) == G_TYPE_STRING)
    target = nk_pull_section_for_deletion (json_node_get_string (kind));
  if (target == NULL)
    {
      g_autofree char *why = g_strdup_printf (_("not one of: %s"), nk_pull_deletion_kinds ());

      item->key = g_strdup_printf ("[%u]", item->index);
      nk_pull_quarantine_item (item, "invalid", "kind", why);
      return;
    }
  item->target = target;
  item->values = g_new0 (NkPullValue, target->n_fields);
  key = make_key (target, obj, item->index, TRUE);
  item->key = g_strconcat (target->deletion_kind, ":", key, NULL);
  for (guint k = 0; k < target->n_key; k++)
    {
      NkPullField f = target->fields[target->key[k]];
      g_autofree char *why = NULL;

      if (target->n_key == 1)
        f.name = "id";
      f.presence = NK_PULL_REQUIRED;
      why = check_field (&f, obj, &item->values[target->key[k]]);
      if (why)
        {
          nk_pull_quarantine_item (item, "invalid", f.name, why);
          return;
        }
    }
}

NkPullItem *
nk_pull_add_record (NkPull *pull, const char *section_name, guint index, JsonNode *node)
{
  NkPullItem *item = g_new0 (NkPullItem, 1);
  JsonObject *obj = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;

  item->section_name = g_strdup (section_name);
  item->index = index;
  item->node = node;
  item->outcome = NK_PULL_PENDING;
  g_ptr_array_add (pull->items, item);

  if (strcmp (section_name, "deletions") == 0)
    {
      if (obj == NULL)
        {
          item->key = g_strdup_printf ("[%u]", index);
          nk_pull_quarantine_item (item, "invalid", NULL, _("not an object"));
        }
      else
        parse_deletion (item, obj);
      return item;
    }

  item->section = nk_pull_section_find (section_name);
  if (item->section == NULL)
    {
      /* A section this version does not know: kept by its id. */
      JsonNode *id = obj ? json_object_get_member (obj, "id") : NULL;

      if (id && JSON_NODE_HOLDS_VALUE (id) && json_node_get_value_type (id) == G_TYPE_STRING
          && nk_check_is_id (json_node_get_string (id)))
        item->key = g_strdup (json_node_get_string (id));
      else
        {
          item->key = g_strdup_printf ("[%u]", index);
          nk_pull_quarantine_item (item, "invalid", "id",
                                   obj ? _("missing or not an id") : _("not an object"));
        }
      return item;
    }

  item->values = g_new0 (NkPullValue, item->section->n_fields);
  item->key = make_key (item->section, obj, index, FALSE);
  if (obj == NULL)
    nk_pull_quarantine_item (item, "invalid", NULL, _("not an object"));
  else
    parse_fields (item, obj);
  g_hash_table_insert (pull->by_key, g_strconcat (section_name, "/", item->key, NULL), item);
  return item;
}

void
nk_pull_mark_duplicates (NkPull *pull, guint first)
{
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = first; i < pull->items->len; i++)
    {
      NkPullItem *item = pull->items->pdata[i];

      if (item->key[0] != '[')
        g_hash_table_insert (seen, item->key,
                             GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (seen, item->key)) + 1));
    }
  for (guint i = first; i < pull->items->len; i++)
    {
      NkPullItem *item = pull->items->pdata[i];

      if (item->outcome != NK_PULL_QUARANTINED && item->key[0] != '['
          && GPOINTER_TO_UINT (g_hash_table_lookup (seen, item->key)) > 1)
        nk_pull_quarantine_item (item, "duplicate",
                                 item->section ? item->section->fields[item->section->key[0]].name : "id",
                                 _("appears twice in this section"));
    }
}

/* ---- the envelope ---------------------------------------------------------- */

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

/* Invalid UTF-8 that is only the start of a character at the very end is
 * what a cut-off answer looks like; anything else was sent like that. */
static gboolean
cut_mid_character (const char *data, gsize len)
{
  const char *end = NULL;
  const guchar *p;
  gsize rest;
  guint need;

  g_utf8_validate_len (data, len, &end);
  p = (const guchar *) end;
  rest = (gsize) (data + len - end);
  if (*p >= 0xc2 && *p <= 0xdf)
    need = 2;
  else if (*p >= 0xe0 && *p <= 0xef)
    need = 3;
  else if (*p >= 0xf0 && *p <= 0xf4)
    need = 4;
  else
    return FALSE;
  if (rest >= need)
    return FALSE;
  for (gsize i = 1; i < rest; i++)
    if ((p[i] & 0xc0) != 0x80)
      return FALSE;
  return TRUE;
}

/* One section of "changes": its records, or one record standing for a
 * member that is not an array. */
static void
add_section (NkPull *pull, const char *name, JsonNode *node)
{
  guint first = pull->items->len;

  if (JSON_NODE_HOLDS_NULL (node))
    return;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      NkPullItem *item = g_new0 (NkPullItem, 1);

      /* A known section must be an array; a member this version does not
       * know is kept whole, as one record "*". */
      item->section_name = g_strdup (name);
      item->key = g_strdup ("*");
      item->node = node;
      item->outcome = NK_PULL_PENDING;
      if (nk_pull_section_find (name) || strcmp (name, "deletions") == 0)
        nk_pull_quarantine_item (item, "invalid", NULL, _("not an array"));
      g_ptr_array_add (pull->items, item);
      return;
    }
  for (guint i = 0, n = json_array_get_length (json_node_get_array (node)); i < n; i++)
    nk_pull_add_record (pull, name, i, json_array_get_element (json_node_get_array (node), i));
  if (strcmp (name, "deletions") != 0)
    nk_pull_mark_duplicates (pull, first);
}

static gboolean
parse_changes (NkPull *pull, JsonObject *changes, GError **error)
{
  g_autoptr (GList) members = json_object_get_members (changes);
  guint total = 0;

  for (GList *l = members; l; l = l->next)
    {
      JsonNode *node = json_object_get_member (changes, l->data);
      total += JSON_NODE_HOLDS_ARRAY (node) ? json_array_get_length (json_node_get_array (node))
                                            : JSON_NODE_HOLDS_NULL (node) ? 0 : 1;
    }
  if (total > MAX_RECORDS)
    {
      g_set_error (error, NK_PULL_ERROR, NK_PULL_ERROR_INVALID,
                   _("The changes hold more than %d records in one answer"), MAX_RECORDS);
      return FALSE;
    }

  /* The table's sections in its order, then sections this version does
   * not know (kept), then deletions. */
  for (guint s = 0; s < nk_pull_n_sections; s++)
    {
      JsonNode *node = json_object_get_member (changes, nk_pull_sections[s].name);
      if (node)
        add_section (pull, nk_pull_sections[s].name, node);
    }
  for (GList *l = members; l; l = l->next)
    {
      const char *name = l->data;

      if (nk_pull_section_find (name) || strcmp (name, "deletions") == 0)
        continue;
      if (!nk_check_is_id (name))
        {
          /* Not even a name to keep it under. */
          NkPullItem *item = g_new0 (NkPullItem, 1);

          item->section_name = g_strdup ("changes");
          item->key = g_strdup_printf ("[%u]", g_list_position (members, l));
          item->node = json_object_get_member (changes, name);
          nk_pull_quarantine_item (item, "invalid", NULL, _("not a section name"));
          g_ptr_array_add (pull->items, item);
          continue;
        }
      add_section (pull, name, json_object_get_member (changes, name));
    }
  if (json_object_get_member (changes, "deletions"))
    add_section (pull, "deletions", json_object_get_member (changes, "deletions"));
  return TRUE;
}

NkPull *
nk_pull_parse (const char *data, gsize len, GError **error)
{
  g_autoptr (NkPull) pull = NULL;
  g_autoptr (GError) local = NULL;
  JsonNode *root, *node;
  JsonObject *obj;

  if (len > NK_PULL_MAX_BODY)
    {
      g_set_error (error, NK_PULL_ERROR, NK_PULL_ERROR_MALFORMED,
                   _("The changes are larger than %d MiB"), NK_PULL_MAX_BODY / (1024 * 1024));
      return NULL;
    }
  if (len == 0)
    {
      g_set_error (error, NK_PULL_ERROR, NK_PULL_ERROR_UNREADABLE, "%s", _("The changes are empty"));
      return NULL;
    }
  if (!g_utf8_validate_len (data, len, NULL))
    {
      if (cut_mid_character (data, len))
        g_set_error (error, NK_PULL_ERROR, NK_PULL_ERROR_UNREADABLE, "%s",
                     _("The changes are cut off in the middle of a character"));
      else
        g_set_error (error, NK_PULL_ERROR, NK_PULL_ERROR_MALFORMED, "%s",
                     _("The changes are not valid UTF-8 text"));
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

      g_set_error (error, NK_PULL_ERROR, NK_PULL_ERROR_UNREADABLE, _("The changes are not JSON: %s"),
                   valid);
      return NULL;
    }
  root = json_parser_get_root (pull->parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, NK_PULL_ERROR, NK_PULL_ERROR_INVALID, "%s",
                   _("The changes are not a JSON object"));
      return NULL;
    }
  obj = json_node_get_object (root);

  node = json_object_get_member (obj, "cursor");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING
      || !is_cursor (json_node_get_string (node)))
    {
      g_set_error (error, NK_PULL_ERROR, NK_PULL_ERROR_INVALID,
                   _("cursor is missing or not 1–%d printable characters"), MAX_CURSOR);
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
      g_set_error (error, NK_PULL_ERROR, NK_PULL_ERROR_INVALID, "%s",
                   _("changes is missing or not an object"));
      return NULL;
    }
  if (!parse_changes (pull, json_node_get_object (node), error))
    return NULL;
  return g_steal_pointer (&pull);
}
