/* nk-outbreak.c — suspected outbreaks (nk-outbreak.h): the two kinds and
 * their tables, the settings, the rule, the open alerts and the
 * director's acknowledgement. */
#define G_LOG_DOMAIN "nk-core"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "nk-check.h"
#include "nk-migrations.h"
#include "nk-outbreak.h"
#include "nk-record.h"
#include "nk-roster.h"
#include "nk-store-private.h"

static const char *const outbreak_steps[] = {
  /* 1: the outbreaks raised (here or relayed) and their acknowledgements */
  "CREATE TABLE outbreaks (" NK_KIND_COLUMNS ","
  "  scope TEXT NOT NULL,"
  "  room_id TEXT,"
  "  symptom TEXT NOT NULL,"
  "  child_ids TEXT NOT NULL,"
  "  n_children INTEGER NOT NULL,"
  "  from_date TEXT NOT NULL,"
  "  to_date TEXT NOT NULL);"
  "CREATE INDEX outbreaks_symptom ON outbreaks (symptom, to_date);"
  "CREATE INDEX outbreaks_corrects ON outbreaks (corrects);"
  "CREATE TABLE outbreak_acks (" NK_KIND_COLUMNS ","
  "  outbreak_id TEXT NOT NULL,"
  "  director_id TEXT NOT NULL,"
  "  note TEXT);"
  "CREATE INDEX outbreak_acks_outbreak ON outbreak_acks (outbreak_id);",
};

NK_MIGRATION_LIST (nk_outbreak_migrations, "outbreak", outbreak_steps, 0);

/* The rows that stand, as tables to alias. */
#define OUTBREAKS_STANDING "(SELECT rowid AS seq, * FROM outbreaks WHERE " NK_KIND_STANDS ("outbreaks") ")"
#define ACKS_STANDING "(SELECT * FROM outbreak_acks WHERE " NK_KIND_STANDS ("outbreak_acks") ")"

static const char *const scopes[] = { "room", "centre", NULL };
static const char *const symptom_names[] = { "fever", "cough", "diarrhoea", "vomiting", "rash", "hfmd", "other", NULL };

static gboolean check_outbreak_payload (JsonObject *payload, const char **field, GError **error);

static const NkKindField outbreak_fields[] = {
  { "scope", NK_FIELD_CHOICE, .choices = scopes },
  { "room_id", NK_FIELD_ID, TRUE },
  { "symptom", NK_FIELD_CHOICE, .choices = symptom_names },
  { "child_ids", NK_FIELD_IDS, .max = NK_OUTBREAK_MAX_CHILDREN },
  { "n_children", NK_FIELD_INT, .min = 1, .max = NK_OUTBREAK_MAX_CHILDREN },
  { "from_date", NK_FIELD_TEXT, .max = 10 },
  { "to_date", NK_FIELD_TEXT, .max = 10 },
  { NULL }
};

const NkKind nk_outbreak_kind = {
  .type = "outbreak.suspected",
  .table = "outbreaks",
  .person = NULL,   /* the centre's, about several children */
  .fields = outbreak_fields,
  .check = check_outbreak_payload,
};

static const NkKindField outbreak_ack_fields[] = {
  { "outbreak_id", NK_FIELD_ID },
  { "director_id", NK_FIELD_ID },
  { "note", NK_FIELD_TEXT, TRUE, .max = NK_OUTBREAK_NOTE_MAX },
  { NULL }
};

const NkKind nk_outbreak_ack_kind = {
  .type = "outbreak.acknowledged",
  .table = "outbreak_acks",
  .person = "director_id",
  .person_table = "staff",
  .fields = outbreak_ack_fields,
};

static gboolean
check_outbreak_payload (JsonObject  *payload,
                        const char **field,
                        GError     **error)
{
  const char *scope = json_object_get_string_member (payload, "scope");
  const char *room = json_object_get_string_member_with_default (payload, "room_id", NULL);
  const char *from = json_object_get_string_member (payload, "from_date");
  const char *to = json_object_get_string_member (payload, "to_date");
  JsonArray *ids = json_object_get_array_member (payload, "child_ids");
  GDate d;

  if (g_str_equal (scope, "room") != (room != NULL))
    return nk_kind_invalid (error, field, "payload.room_id", _("given for a room and only then"));
  if (!nk_check_date (from, &d))
    return nk_kind_invalid (error, field, "payload.from_date", _("not a real date YYYY-MM-DD"));
  if (!nk_check_date (to, &d) || strcmp (to, from) < 0)
    return nk_kind_invalid (error, field, "payload.to_date", _("not a real date on or after from_date"));
  if (json_object_get_int_member (payload, "n_children") != (gint64) json_array_get_length (ids))
    return nk_kind_invalid (error, field, "payload.n_children", _("not the number of child_ids"));
  return TRUE;
}

/* ---------------------------------------------------------------- settings */

static NkOutbreakSettings settings = { 3, 5, 3 };

void
nk_outbreak_settings_set (const NkOutbreakSettings *s)
{
  g_return_if_fail (s != NULL && s->room_children >= 2 && s->centre_children >= 2);
  g_return_if_fail (s->room_children <= 50 && s->centre_children <= NK_OUTBREAK_MAX_CHILDREN);
  g_return_if_fail (s->centre_days >= 1 && s->centre_days <= 14);
  settings = *s;
}

const NkOutbreakSettings *
nk_outbreak_settings_get (void)
{
  return &settings;
}

const char *
nk_outbreak_scope_to_string (NkOutbreakScope scope)
{
  g_return_val_if_fail ((guint) scope <= NK_OUTBREAK_CENTRE, "centre");
  return scopes[scope];
}

/* ---------------------------------------------------------------- the rule */

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* The distinct children with symptom i among the illness reasons that
 * stand, of room (NULL: every room), counting on a day from from to to,
 * sorted; *latest_device: the kiosk that recorded the latest of those
 * reasons (by time, then id). */
static GPtrArray *
count_children (NkStore    *store,
                guint       i,
                const char *room,
                const char *from,
                const char *to,
                char      **latest_device,
                GError    **error)
{
  g_autoptr (GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  /* no reason covers more days than this: the index range stays small */
  g_autofree char *earliest = nk_check_date_add (from, -NK_ABSENCE_MAX_DAYS);
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  int rc;

  /* the column is one of the fixed list, never input */
  sql = g_strdup_printf ("SELECT a.child_id, a.device_id FROM " NK_ABSENCE_STANDING " a "
                         "WHERE a.reason = 'illness' AND a.%s AND (:room IS NULL OR a.room_id = :room) "
                         "AND a.absent_date BETWEEN :earliest AND :to "
                         "AND coalesce(a.until_date, a.absent_date) >= :from "
                         "ORDER BY a.at_us, a.id",
                         symptom_names[i]);
  stmt = nk_store_prepare (store, sql, error);
  if (stmt == NULL
      || !nk_store_bind (store, stmt, error, NK_TEXT (":room", room), NK_TEXT (":from", from),
                         NK_TEXT (":to", to), NK_TEXT (":earliest", earliest), NK_END))
    return NULL;
  *latest_device = NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      char *child = nk_column_dup (stmt, 0);

      g_free (*latest_device);
      *latest_device = nk_column_dup (stmt, 1);
      if (g_hash_table_add (seen, child))
        g_ptr_array_add (ids, child);
      else
        g_free (child);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      g_clear_pointer (latest_device, g_free);
      nk_store_set_error (store, error, _("Cannot read the absences"));
      return NULL;
    }
  g_ptr_array_sort (ids, compare_ids);
  return g_steal_pointer (&ids);
}

/* Whether an outbreak of this scope, room and symptom stands with a
 * to_date from since to today: raised already. */
static gboolean
raised_already (NkStore    *store,
                const char *scope,
                const char *room,
                guint       i,
                const char *since,
                gboolean   *found,
                GError    **error)
{
  return nk_store_exists (store, found,
                          "SELECT 1 FROM " OUTBREAKS_STANDING " o WHERE o.symptom = :symptom AND o.scope = :scope "
                          "AND o.room_id IS :room AND o.to_date >= :since",
                          _("Cannot read the outbreak alerts"), error, NK_TEXT (":symptom", symptom_names[i]),
                          NK_TEXT (":scope", scope), NK_TEXT (":room", room), NK_TEXT (":since", since), NK_END);
}

static JsonBuilder *
outbreak_payload (const char *scope,
                  const char *room,
                  guint       i,
                  GPtrArray  *ids,
                  const char *from,
                  const char *to)
{
  JsonBuilder *payload = json_builder_new ();

  json_builder_begin_object (payload);
  nk_json_text (payload, "scope", scope);
  nk_json_text (payload, "room_id", room);
  nk_json_text (payload, "symptom", symptom_names[i]);
  json_builder_set_member_name (payload, "child_ids");
  json_builder_begin_array (payload);
  for (guint k = 0; k < ids->len; k++)
    json_builder_add_string_value (payload, ids->pdata[k]);
  json_builder_end_array (payload);
  nk_json_int (payload, "n_children", ids->len);
  nk_json_text (payload, "from_date", from);
  nk_json_text (payload, "to_date", to);
  json_builder_end_object (payload);
  return payload;
}

/* One scope and symptom on today: raises an outbreak inside rec when the
 * count reaches threshold and none was raised since since; rec NULL: only
 * says so (*due), writing nothing. */
static gboolean
rule (NkStore    *store,
      NkRecord   *rec,
      const char *today,
      const char *scope,
      const char *room,
      guint       i,
      const char *from,
      const char *since,
      guint       threshold,
      GPtrArray  *raised,
      gboolean   *due,
      GError    **error)
{
  g_autoptr (GPtrArray) ids = NULL;
  g_autoptr (JsonBuilder) payload = NULL;
  g_autofree char *latest_device = NULL;
  gboolean found;
  const char *id;

  ids = count_children (store, i, room, from, today, &latest_device, error);
  if (ids == NULL)
    return FALSE;
  /* the kiosk that recorded the latest counted reason raises it, and only
   * that one: every door holding the same reasons decides the same */
  if (ids->len < threshold || g_strcmp0 (latest_device, nk_store_get_device_id (store)) != 0)
    return TRUE;
  if (!raised_already (store, scope, room, i, since, &found, error))
    return FALSE;
  if (found)
    return TRUE;
  *due = TRUE;
  if (rec == NULL)
    return TRUE;
  payload = outbreak_payload (scope, room, i, ids, from, today);
  id = nk_kind_put (rec, &nk_outbreak_kind, payload, error);
  if (id == NULL)
    return FALSE;
  g_message ("Suspected outbreak (%s %s, %s): %u children", scope, room != NULL ? room : "", symptom_names[i],
             ids->len);
  g_ptr_array_add (raised, g_strdup (id));
  return TRUE;
}

/* The rooms with an illness reason standing for today (room_id NULL), or
 * just room_id. */
static GPtrArray *
rooms_to_check (NkStore    *store,
                const char *room_id,
                const char *today,
                GError    **error)
{
  g_autoptr (GPtrArray) rooms = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *earliest = nk_check_date_add (today, -NK_ABSENCE_MAX_DAYS);
  sqlite3_stmt *stmt;
  int rc;

  if (room_id != NULL)
    {
      g_ptr_array_add (rooms, g_strdup (room_id));
      return g_steal_pointer (&rooms);
    }
  stmt = nk_store_prepare (store,
                           "SELECT DISTINCT a.room_id FROM " NK_ABSENCE_STANDING " a "
                           "WHERE a.reason = 'illness' AND a.absent_date BETWEEN :earliest AND :today "
                           "AND coalesce(a.until_date, a.absent_date) >= :today ORDER BY a.room_id",
                           error);
  if (stmt == NULL
      || !nk_store_bind (store, stmt, error, NK_TEXT (":earliest", earliest), NK_TEXT (":today", today), NK_END))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rooms, nk_column_dup (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      nk_store_set_error (store, error, _("Cannot read the absences"));
      return NULL;
    }
  return g_steal_pointer (&rooms);
}

/* Every rule for room_id's room (NULL: every room with an illness today)
 * and the centre on today, inside rec (NULL: *due only, nothing written). */
static gboolean
run_rules (NkStore    *store,
           NkRecord   *rec,
           const char *today,
           const char *room_id,
           GPtrArray  *raised,
           gboolean   *due,
           GError    **error)
{
  g_autofree char *window = nk_check_date_add (today, -(int) (settings.centre_days - 1));
  g_autoptr (GPtrArray) rooms = rooms_to_check (store, room_id, today, error);

  if (rooms == NULL || window == NULL)
    return FALSE;
  /* "other" is not counted: two texts of their own are not one symptom */
  for (guint i = 0; nk_symptom_nth (i) != NK_SYMPTOM_OTHER; i++)
    {
      for (guint r = 0; r < rooms->len; r++)
        if (!rule (store, rec, today, "room", rooms->pdata[r], i, today, today, settings.room_children, raised,
                   due, error))
          return FALSE;
      if (!rule (store, rec, today, "centre", NULL, i, window, window, settings.centre_children, raised, due,
                 error))
        return FALSE;
    }
  return TRUE;
}

/* The rules as one record of the system; with dry_first, read first and
 * open the record only when one is due (no write lock every pull). */
static gboolean
check (NkStore    *store,
       NkCentre   *centre,
       const char *room_id,
       gboolean    dry_first,
       GPtrArray **raised_out,
       GError    **error)
{
  NkActor actor = NK_ACTOR_SYSTEM;
  g_autoptr (NkRecord) rec = NULL;
  g_autoptr (GPtrArray) raised = g_ptr_array_new_with_free_func (g_free);
  gboolean due = FALSE;

  g_return_val_if_fail (NK_IS_STORE (store) && NK_IS_CENTRE (centre), FALSE);

  if (raised_out != NULL)
    *raised_out = NULL;
  if (dry_first)
    {
      g_autofree char *today = nk_centre_today (centre);

      if (!run_rules (store, NULL, today, room_id, NULL, &due, error))
        return FALSE;
      if (!due)
        {
          if (raised_out != NULL)
            *raised_out = g_steal_pointer (&raised);
          return TRUE;
        }
    }
  /* counted again inside the transaction: what the relay brought is there */
  rec = nk_record_begin (store, centre, &actor, error);
  if (rec == NULL || !run_rules (store, rec, nk_record_get_date (rec), room_id, raised, &due, error))
    return FALSE;
  if (raised->len > 0 && !nk_record_commit (g_steal_pointer (&rec), error))
    return FALSE;
  if (raised_out != NULL)
    *raised_out = g_steal_pointer (&raised);
  return TRUE;
}

gboolean
nk_outbreak_check (NkStore    *store,
                   NkCentre   *centre,
                   const char *room_id,
                   GPtrArray **raised,
                   GError    **error)
{
  g_return_val_if_fail (room_id != NULL, FALSE);
  return check (store, centre, room_id, FALSE, raised, error);
}

gboolean
nk_outbreak_check_all (NkStore    *store,
                       NkCentre   *centre,
                       GPtrArray **raised,
                       GError    **error)
{
  return check (store, centre, NULL, TRUE, raised, error);
}

/* ---------------------------------------------------------------- open alerts */

void
nk_outbreak_free (NkOutbreak *o)
{
  if (o == NULL)
    return;
  g_free (o->id);
  g_free (o->room_id);
  g_free (o->room_name);
  g_strfreev (o->child_ids);
  g_free (o->from_date);
  g_free (o->to_date);
  g_free (o);
}

static char **
parse_ids (const char *json)
{
  g_autoptr (JsonNode) node = json != NULL ? json_from_string (json, NULL) : NULL;
  g_autoptr (GStrvBuilder) b = g_strv_builder_new ();
  JsonArray *array;

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      array = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          const char *s = json_array_get_string_element (array, i);

          if (s != NULL)
            g_strv_builder_add (b, s);
        }
    }
  return g_strv_builder_end (b);
}

static int
days_between (const char *from,
              const char *to)
{
  GDate a, b;

  if (!nk_check_date (from, &a) || !nk_check_date (to, &b))
    return 0;
  return g_date_days_between (&a, &b);
}

GPtrArray *
nk_outbreak_list_open (NkStore   *store,
                       NkCentre  *centre,
                       gint64     now_us,
                       GError   **error)
{
  g_autoptr (GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) nk_outbreak_free);
  g_autofree char *today = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (NK_IS_STORE (store) && NK_IS_CENTRE (centre), NULL);

  today = nk_centre_local_date (centre, now_us);
  stmt = nk_store_prepare (store,
                           "SELECT o.id, o.scope, o.room_id, r.name, o.symptom, o.n_children, o.child_ids, "
                           "  o.from_date, o.to_date, o.at_us "
                           "FROM " OUTBREAKS_STANDING " o LEFT JOIN rooms r ON r.id = o.room_id "
                           "WHERE NOT EXISTS (SELECT 1 FROM " ACKS_STANDING " k WHERE k.outbreak_id = o.id) "
                           "ORDER BY o.at_us DESC, o.seq DESC",
                           error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      NkOutbreak *o = g_new0 (NkOutbreak, 1);

      o->id = nk_column_dup (stmt, 0);
      o->scope = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 1), "room") == 0
                 ? NK_OUTBREAK_ROOM : NK_OUTBREAK_CENTRE;
      o->room_id = nk_column_dup (stmt, 2);
      o->room_name = nk_column_dup (stmt, 3);
      if (!nk_symptom_from_string ((const char *) sqlite3_column_text (stmt, 4), &o->symptom))
        o->symptom = NK_SYMPTOM_OTHER;
      o->n_children = (guint) sqlite3_column_int (stmt, 5);
      o->child_ids = parse_ids ((const char *) sqlite3_column_text (stmt, 6));
      o->from_date = nk_column_dup (stmt, 7);
      o->to_date = nk_column_dup (stmt, 8);
      o->raised_at_us = sqlite3_column_int64 (stmt, 9);
      o->days_ago = days_between (o->to_date, today);
      g_ptr_array_add (list, o);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      nk_store_set_error (store, error, _("Cannot read the outbreak alerts"));
      return NULL;
    }
  return g_steal_pointer (&list);
}

/* The symptom inside a sentence ("absent with fever": 因发热缺勤). */
static const char *
symptom_phrase (NkSymptom symptom)
{
  switch (symptom)
    {
    case NK_SYMPTOM_FEVER:
      /* TRANSLATORS: a symptom inside a sentence: "… children absent with fever" */
      return C_("symptom in a sentence", "fever");
    case NK_SYMPTOM_COUGH:
      return C_("symptom in a sentence", "cough");
    case NK_SYMPTOM_DIARRHOEA:
      return C_("symptom in a sentence", "diarrhoea");
    case NK_SYMPTOM_VOMITING:
      return C_("symptom in a sentence", "vomiting");
    case NK_SYMPTOM_RASH:
      return C_("symptom in a sentence", "a rash");
    case NK_SYMPTOM_HFMD:
      return C_("symptom in a sentence", "hand-foot-mouth signs");
    case NK_SYMPTOM_OTHER:
    default:
      return C_("symptom in a sentence", "other symptoms");
    }
}

char *
nk_outbreak_describe (const NkOutbreak *o)
{
  const char *symptom;

  g_return_val_if_fail (o != NULL, NULL);

  symptom = symptom_phrase (o->symptom);
  if (o->scope == NK_OUTBREAK_CENTRE)
    /* TRANSLATORS: the outbreak banner: children, symptom, days, the first day
     * ("疑似聚集性疫情：全园 3 天内（12-01 起）5 名儿童因发热缺勤") */
    return g_strdup_printf (g_dngettext (NULL, "Suspected outbreak: %u child of the centre absent with %s "
                                         "within %d days (from %s)",
                                         "Suspected outbreak: %u children of the centre absent with %s "
                                         "within %d days (from %s)", o->n_children),
                            o->n_children, symptom, days_between (o->from_date, o->to_date) + 1, o->from_date);
  if (o->days_ago == 0)
    /* TRANSLATORS: the outbreak banner: children, room, symptom
     * ("疑似聚集性疫情：托小班 今天 3 名儿童因发热缺勤") */
    return g_strdup_printf (g_dngettext (NULL, "Suspected outbreak: %u child of %s absent with %s today",
                                         "Suspected outbreak: %u children of %s absent with %s today",
                                         o->n_children),
                            o->n_children, o->room_name != NULL ? o->room_name : o->room_id, symptom);
  /* TRANSLATORS: the outbreak banner: children, room, symptom, the day */
  return g_strdup_printf (g_dngettext (NULL, "Suspected outbreak: %u child of %s absent with %s on %s",
                                       "Suspected outbreak: %u children of %s absent with %s on %s",
                                       o->n_children),
                          o->n_children, o->room_name != NULL ? o->room_name : o->room_id, symptom, o->to_date);
}

/* ---------------------------------------------------------------- acknowledgement */

gboolean
nk_outbreak_acknowledge (NkStore    *store,
                         NkCentre   *centre,
                         const char *director_id,
                         const char *outbreak_id,
                         const char *note,
                         GError    **error)
{
  NkActor actor = { "staff", director_id };
  g_autoptr (NkRecord) rec = NULL;
  g_autoptr (JsonBuilder) payload = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (NK_IS_STORE (store) && NK_IS_CENTRE (centre), FALSE);

  if (!nk_roster_check_director (store, director_id, NK_STORE_ERROR, NK_STORE_ERROR_INVALID,
                                 _("Only the director can acknowledge an outbreak alert"), error)
      || !nk_kind_tidy_note (note, NK_OUTBREAK_NOTE_MAX, &text, error))
    return FALSE;
  rec = nk_record_begin (store, centre, &actor, error);
  if (rec == NULL
      || !nk_kind_check_unanswered (store, outbreak_id, "SELECT 1 FROM " OUTBREAKS_STANDING " o WHERE o.id = :id",
                                    "SELECT 1 FROM " ACKS_STANDING " k WHERE k.outbreak_id = :id",
                                    _("Cannot read the outbreak alerts"),
                                    _("This outbreak alert is not there any more"),
                                    _("This outbreak alert was acknowledged already"), error))
    return FALSE;
  payload = json_builder_new ();
  json_builder_begin_object (payload);
  nk_json_text (payload, "outbreak_id", outbreak_id);
  nk_json_text (payload, "director_id", director_id);
  nk_json_text (payload, "note", text);
  json_builder_end_object (payload);
  if (nk_kind_put (rec, &nk_outbreak_ack_kind, payload, error) == NULL)
    return FALSE;
  return nk_record_commit (g_steal_pointer (&rec), error);
}
