/* nk-ratio.c — the ratio of a room and its two events (nk-ratio.h). */
#define G_LOG_DOMAIN "nk-core"

#include "config.h"

#include <glib/gi18n.h>

#include "nk-migrations.h"
#include "nk-ratio.h"
#include "nk-record.h"
#include "nk-store-private.h"

static const char *const ratio_steps[] = {
  /* 1: breaches of the national ratio and their clearances (here or relayed) */
  "CREATE TABLE ratio_breaches (" NK_KIND_COLUMNS ","
  "  room_id TEXT NOT NULL,"
  "  children INTEGER NOT NULL,"
  "  caregivers INTEGER NOT NULL,"
  "  needed INTEGER NOT NULL,"
  "  red_since_us INTEGER NOT NULL);"
  "CREATE INDEX ratio_breaches_room ON ratio_breaches (room_id);"
  "CREATE INDEX ratio_breaches_corrects ON ratio_breaches (corrects);"
  "CREATE TABLE ratio_clears (" NK_KIND_COLUMNS ","
  "  breach_id TEXT NOT NULL,"
  "  room_id TEXT NOT NULL,"
  "  children INTEGER NOT NULL,"
  "  caregivers INTEGER NOT NULL);"
  "CREATE INDEX ratio_clears_breach ON ratio_clears (breach_id);"
  "CREATE INDEX ratio_clears_corrects ON ratio_clears (corrects);",
};

NK_MIGRATION_LIST (nk_ratio_migrations, "ratio", ratio_steps, 0);

static const NkKindField breach_fields[] = {
  { "room_id", NK_FIELD_ID },
  { "children", NK_FIELD_INT, .min = 1, .max = NK_RATIO_MAX_CHILDREN },
  { "caregivers", NK_FIELD_INT, .min = 0, .max = NK_RATIO_MAX_CHILDREN },
  { "needed", NK_FIELD_INT, .min = 1, .max = NK_RATIO_MAX_CHILDREN },
  { "red_since_at", NK_FIELD_TIME },
  { NULL }
};

static gboolean check_breach (JsonObject *payload, const char **field, GError **error);

const NkKind nk_ratio_breach_kind = {
  .type = "ratio.breach",
  .table = "ratio_breaches",
  .person = NULL,   /* a room's, about the staff on duty */
  .fields = breach_fields,
  .check = check_breach,
};

static const NkKindField cleared_fields[] = {
  { "breach_id", NK_FIELD_ID },
  { "room_id", NK_FIELD_ID },
  { "children", NK_FIELD_INT, .min = 0, .max = NK_RATIO_MAX_CHILDREN },
  { "caregivers", NK_FIELD_INT, .min = 0, .max = NK_RATIO_MAX_CHILDREN },
  { NULL }
};

const NkKind nk_ratio_cleared_kind = {
  .type = "ratio.cleared",
  .table = "ratio_clears",
  .person = NULL,
  .fields = cleared_fields,
};

/* A breach is one: fewer caregivers than needed. */
static gboolean
check_breach (JsonObject  *payload,
              const char **field,
              GError     **error)
{
  if (json_object_get_int_member (payload, "caregivers") >= json_object_get_int_member (payload, "needed"))
    return nk_kind_invalid (error, field, "payload.caregivers", _("not fewer than needed"));
  return TRUE;
}

/* ---------------------------------------------------------------- the state */

guint
nk_room_kind_staff_needed (NkRoomKind kind,
                           guint      children)
{
  guint ratio = nk_room_kind_ratio (kind);

  return ratio > 0 ? (children + ratio - 1) / ratio : 0;
}

NkRatioState
nk_ratio_state (NkRoomKind kind,
                guint      children,
                guint      caregivers)
{
  if (children == 0)
    return NK_RATIO_WITHIN;
  if (caregivers < nk_room_kind_staff_needed (kind, children))
    return NK_RATIO_BELOW;
  if (nk_room_kind_staff_needed (kind, children + 1) > caregivers)
    return NK_RATIO_AT_LIMIT;
  return NK_RATIO_WITHIN;
}

const char *
nk_ratio_state_to_string (NkRatioState state)
{
  switch (state)
    {
    case NK_RATIO_WITHIN:
      return "within";
    case NK_RATIO_AT_LIMIT:
      return "at-limit";
    case NK_RATIO_BELOW:
      return "below";
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
nk_ratio_state_label (NkRatioState state)
{
  switch (state)
    {
    case NK_RATIO_WITHIN:
      /* TRANSLATORS: the caregiver:child ratio of a room meets the national minimum */
      return _("ratio within");
    case NK_RATIO_AT_LIMIT:
      /* TRANSLATORS: the ratio is met exactly: one more child would break it */
      return _("ratio at the limit");
    case NK_RATIO_BELOW:
      /* TRANSLATORS: fewer caregivers than the national minimum needs */
      return _("ratio below");
    default:
      g_return_val_if_reached (NULL);
    }
}

/* ---------------------------------------------------------------- settings */

static guint breach_minutes = NK_RATIO_BREACH_MINUTES_DEFAULT;

void
nk_ratio_set_breach_minutes (guint minutes)
{
  g_return_if_fail (minutes >= NK_RATIO_BREACH_MINUTES_MIN && minutes <= NK_RATIO_BREACH_MINUTES_MAX);
  breach_minutes = minutes;
}

guint
nk_ratio_get_breach_minutes (void)
{
  return breach_minutes;
}

/* ---------------------------------------------------------------- the events */

#define WHAT _("Cannot read the ratio breaches")

/* The rows that stand, as tables to alias; the open breaches. */
#define BREACHES_STANDING "(SELECT * FROM ratio_breaches WHERE " NK_KIND_STANDS ("ratio_breaches") ")"
#define CLEARS_STANDING "(SELECT * FROM ratio_clears WHERE " NK_KIND_STANDS ("ratio_clears") ")"
#define OPEN_BREACHES \
  "SELECT b.id, b.room_id, r.name, b.children, b.caregivers, b.needed, b.red_since_us " \
  "FROM " BREACHES_STANDING " b LEFT JOIN rooms r ON r.id = b.room_id " \
  "WHERE NOT EXISTS (SELECT 1 FROM " CLEARS_STANDING " c WHERE c.breach_id = b.id)"

void
nk_ratio_breach_free (NkRatioBreach *breach)
{
  if (breach == NULL)
    return;
  g_free (breach->id);
  g_free (breach->room_id);
  g_free (breach->room_name);
  g_free (breach);
}

GPtrArray *
nk_ratio_list_open (NkStore  *store,
                    GError  **error)
{
  g_autoptr (GPtrArray) open = g_ptr_array_new_with_free_func ((GDestroyNotify) nk_ratio_breach_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = nk_store_prepare (store, OPEN_BREACHES " ORDER BY b.at_us, b.id", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      NkRatioBreach *breach = g_new0 (NkRatioBreach, 1);

      breach->id = nk_column_dup (stmt, 0);
      breach->room_id = nk_column_dup (stmt, 1);
      breach->room_name = nk_column_dup (stmt, 2);
      breach->children = (guint) sqlite3_column_int (stmt, 3);
      breach->caregivers = (guint) sqlite3_column_int (stmt, 4);
      breach->needed = (guint) sqlite3_column_int (stmt, 5);
      breach->red_since_us = sqlite3_column_int64 (stmt, 6);
      g_ptr_array_add (open, breach);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      nk_store_set_error (store, error, WHAT);
      return NULL;
    }
  return g_steal_pointer (&open);
}

char *
nk_ratio_record_breach (NkStore    *store,
                        NkCentre   *centre,
                        const char *room_id,
                        guint       children,
                        guint       caregivers,
                        gint64      red_since_us,
                        NkRoomKind  kind,
                        GError    **error)
{
  const NkActor actor = NK_ACTOR_SYSTEM;
  g_autoptr (NkRecord) rec = NULL;
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autofree char *since = nk_format_utc_iso (red_since_us);
  gboolean open = FALSE;
  const char *id;
  char *out;

  rec = nk_record_begin (store, centre, &actor, error);
  /* asked again inside the transaction: the relay may have brought one */
  if (rec == NULL
      || !nk_store_exists (store, &open, OPEN_BREACHES " AND b.room_id = ?1", WHAT, error,
                           NK_TEXT ("?1", room_id), NK_END))
    return NULL;
  if (open)
    {
      g_set_error (error, NK_STORE_ERROR, NK_STORE_ERROR_INVALID,
                   _("A breach of this room's ratio is open already"));
      return NULL;
    }
  json_builder_begin_object (b);
  nk_json_text (b, "room_id", room_id);
  nk_json_int (b, "children", children);
  nk_json_int (b, "caregivers", caregivers);
  nk_json_int (b, "needed", nk_room_kind_staff_needed (kind, children));
  nk_json_text (b, "red_since_at", since);
  json_builder_end_object (b);
  id = nk_kind_put (rec, &nk_ratio_breach_kind, b, error);
  if (id == NULL)
    return NULL;
  out = g_strdup (id);
  if (!nk_record_commit (g_steal_pointer (&rec), error))
    {
      g_free (out);
      return NULL;
    }
  return out;
}

gboolean
nk_ratio_record_cleared (NkStore             *store,
                         NkCentre            *centre,
                         const NkRatioBreach *breach,
                         guint                children,
                         guint                caregivers,
                         GError             **error)
{
  const NkActor actor = NK_ACTOR_SYSTEM;
  g_autoptr (NkRecord) rec = NULL;
  g_autoptr (JsonBuilder) b = json_builder_new ();
  gboolean open = FALSE;

  rec = nk_record_begin (store, centre, &actor, error);
  if (rec == NULL
      || !nk_store_exists (store, &open, OPEN_BREACHES " AND b.id = ?1", WHAT, error,
                           NK_TEXT ("?1", breach->id), NK_END))
    return FALSE;
  if (!open)
    {
      g_set_error (error, NK_STORE_ERROR, NK_STORE_ERROR_INVALID,
                   _("This breach of the ratio was cleared already"));
      return FALSE;
    }
  json_builder_begin_object (b);
  nk_json_text (b, "breach_id", breach->id);
  nk_json_text (b, "room_id", breach->room_id);
  nk_json_int (b, "children", children);
  nk_json_int (b, "caregivers", caregivers);
  json_builder_end_object (b);
  return nk_kind_put (rec, &nk_ratio_cleared_kind, b, error) != NULL
         && nk_record_commit (g_steal_pointer (&rec), error);
}

char *
nk_ratio_breach_describe (const NkRatioBreach *breach,
                          NkCentre            *centre)
{
  g_autofree char *since = nk_centre_format_time (centre, breach->red_since_us);
  g_autofree char *staff = NULL;
  g_autofree char *kids = NULL;
  const char *room = breach->room_name != NULL ? breach->room_name : _("A room");

  /* TRANSLATORS: part of the ratio banner: "2 caregivers" (2 名保育人员) */
  staff = g_strdup_printf (ngettext ("%u caregiver", "%u caregivers", breach->caregivers), breach->caregivers);
  /* TRANSLATORS: part of the ratio banner: "6 children" (6 名儿童) */
  kids = g_strdup_printf (ngettext ("%u child", "%u children", breach->children), breach->children);
  /* TRANSLATORS: the ratio banner on every screen: room, since HH:MM, "1 caregiver", "6 children":
   * 向日葵班 自 09:12 起配比不足：1 名保育人员照看 6 名儿童 */
  return g_strdup_printf (_("%s below ratio since %s: %s for %s"), room, since, staff, kids);
}
