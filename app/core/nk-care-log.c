/* nk-care-log.c — the care log's kinds, their schema, their rules and
 * the recording of an entry for one child or several (nk-care-log.h).
 * Corrections and deletions are nk-care-log-correct.c; what the parent's
 * day and the room list read is nk-care-log-day.c. */
#define G_LOG_DOMAIN "nk-core"

#include "config.h"

#include <glib/gi18n.h>

#include "nk-care-log.h"
#include "nk-care-log-private.h"
#include "nk-migrations.h"
#include "nk-store-private.h"

const char *const nk_care_slots[] = { "breakfast", "morning_snack", "lunch", "afternoon_snack",
                                      "dinner", NULL };
const char *const nk_care_portions[] = { "all", "most", "half", "little", "refused", NULL };
const char *const nk_care_milks[] = { "breast_milk", "formula", NULL };
const char *const nk_care_diapers[] = { "wet", "soiled", "dry", "potty", NULL };
const char *const nk_care_colours[] = { "yellow", "brown", "green", "black", "red", "white", NULL };
const char *const nk_care_moods[] = { "happy", "calm", "fussy", "upset", "tired", NULL };
const char *const nk_care_told[] = { "not_yet", "phone", "in_person", NULL };

/* ---------------------------------------------------------------- kinds */

/* Every care row names the child, the room the child was in at that
 * moment (per-room history stays right after a move) and when it
 * happened, which may be earlier than when it was recorded. */
#define CARE_COMMON_FIELDS \
  { "child_id", NK_FIELD_ID, FALSE, 0, 0, NULL }, \
  { "room_id", NK_FIELD_ID, TRUE, 0, 0, NULL }, \
  { "happened_at", NK_FIELD_TIME, FALSE, 0, 0, NULL }

static const NkKindField meal_fields[] = {
  CARE_COMMON_FIELDS,
  { "slot", NK_FIELD_CHOICE, FALSE, 0, 0, nk_care_slots },
  { "portion", NK_FIELD_CHOICE, FALSE, 0, 0, nk_care_portions },
  { NULL }
};
static const NkKindField bottle_fields[] = {
  CARE_COMMON_FIELDS,
  { "ml", NK_FIELD_INT, FALSE, NK_CARE_BOTTLE_ML_MIN, NK_CARE_BOTTLE_ML_MAX, NULL },
  { "milk", NK_FIELD_CHOICE, FALSE, 0, 0, nk_care_milks },
  { NULL }
};
static const NkKindField water_fields[] = {
  CARE_COMMON_FIELDS,
  { "ml", NK_FIELD_INT, FALSE, NK_CARE_WATER_ML_MIN, NK_CARE_WATER_ML_MAX, NULL },
  { NULL }
};
static const NkKindField diaper_fields[] = {
  CARE_COMMON_FIELDS,
  { "diaper", NK_FIELD_CHOICE, FALSE, 0, 0, nk_care_diapers },
  { "colour", NK_FIELD_CHOICE, TRUE, 0, 0, nk_care_colours },
  { NULL }
};
static const NkKindField mood_fields[] = {
  CARE_COMMON_FIELDS,
  { "mood", NK_FIELD_CHOICE, FALSE, 0, 0, nk_care_moods },
  { NULL }
};
static const NkKindField temperature_fields[] = {
  CARE_COMMON_FIELDS,
  { "tenths", NK_FIELD_INT, FALSE, NK_CARE_TENTHS_MIN, NK_CARE_TENTHS_MAX, NULL },
  { NULL }
};
static const NkKindField incident_fields[] = {
  CARE_COMMON_FIELDS,
  { "what", NK_FIELD_TEXT, FALSE, 0, NK_CARE_TEXT_MAX, NULL },
  { "place", NK_FIELD_TEXT, FALSE, 0, NK_CARE_TEXT_MAX, NULL },
  { "first_aid", NK_FIELD_TEXT, TRUE, 0, NK_CARE_TEXT_MAX, NULL },
  { "told", NK_FIELD_CHOICE, FALSE, 0, 0, nk_care_told },
  { NULL }
};
static const NkKindField note_fields[] = {
  CARE_COMMON_FIELDS,
  { "note", NK_FIELD_TEXT, FALSE, 0, NK_CARE_TEXT_MAX, NULL },
  { NULL }
};

#define CARE_KIND(name, type, table, fields) \
  const NkKind name = { type, table, "child_id", "children", fields }

CARE_KIND (nk_care_meal_kind, "care_meal", "care_meals", meal_fields);
CARE_KIND (nk_care_bottle_kind, "care_bottle", "care_bottles", bottle_fields);
CARE_KIND (nk_care_water_kind, "care_water", "care_water", water_fields);
CARE_KIND (nk_care_diaper_kind, "care_diaper", "care_diapers", diaper_fields);
CARE_KIND (nk_care_mood_kind, "care_mood", "care_moods", mood_fields);
CARE_KIND (nk_care_temperature_kind, "care_temperature", "care_temperatures", temperature_fields);
CARE_KIND (nk_care_incident_kind, "incident", "incidents", incident_fields);
CARE_KIND (nk_care_note_kind, "care_note", "care_notes", note_fields);

static const NkKind *const care_kinds[NK_CARE_N_WHAT] = {
  [NK_CARE_MEAL] = &nk_care_meal_kind,
  [NK_CARE_BOTTLE] = &nk_care_bottle_kind,
  [NK_CARE_WATER] = &nk_care_water_kind,
  [NK_CARE_DIAPER] = &nk_care_diaper_kind,
  [NK_CARE_MOOD] = &nk_care_mood_kind,
  [NK_CARE_TEMPERATURE] = &nk_care_temperature_kind,
  [NK_CARE_INCIDENT] = &nk_care_incident_kind,
  [NK_CARE_NOTE] = &nk_care_note_kind,
};

const NkKind *
nk_care_kind (NkCareWhat what)
{
  g_return_val_if_fail (what < NK_CARE_N_WHAT, NULL);
  return care_kinds[what];
}

/* ---------------------------------------------------------------- schema */

#define CARE_TABLE(t, cols) \
  "CREATE TABLE " t " (" NK_KIND_COLUMNS ", child_id TEXT NOT NULL, room_id TEXT, " \
  "happened_us INTEGER NOT NULL, " cols ");" \
  "CREATE INDEX " t "_day ON " t " (local_date, child_id);" \
  "CREATE INDEX " t "_corrects ON " t " (corrects) WHERE corrects IS NOT NULL;"

static const char *const care_log_steps[] = {
  /* 1 */
  CARE_TABLE ("care_meals", "slot TEXT NOT NULL, portion TEXT NOT NULL")
  CARE_TABLE ("care_bottles", "ml INTEGER NOT NULL, milk TEXT NOT NULL")
  CARE_TABLE ("care_water", "ml INTEGER NOT NULL")
  CARE_TABLE ("care_diapers", "diaper TEXT NOT NULL, colour TEXT")
  CARE_TABLE ("care_moods", "mood TEXT NOT NULL")
  CARE_TABLE ("care_temperatures", "tenths INTEGER NOT NULL")
  CARE_TABLE ("incidents", "what TEXT NOT NULL, place TEXT NOT NULL, first_aid TEXT, "
              "told TEXT NOT NULL")
  CARE_TABLE ("care_notes", "note TEXT NOT NULL"),
};

NK_MIGRATION_LIST (nk_care_log_migrations, "care_log", care_log_steps, 0);

/* ---------------------------------------------------------------- rules */

void
nk_care_result_free (NkCareResult *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->ids);
  g_ptr_array_unref (self->absent);
  g_ptr_array_unref (self->excepted);
  g_free (self);
}

static gboolean
invalid (GError    **error,
         const char *message)
{
  g_set_error_literal (error, NK_STORE_ERROR, NK_STORE_ERROR_INVALID, message);
  return FALSE;
}

static gboolean
one_of (const char        *value,
        const char *const *choices)
{
  return value != NULL && g_strv_contains ((const char *const *) choices, value);
}

/* Text a person typed or chose: 1..NK_CARE_TEXT_MAX characters once
 * trimmed, valid UTF-8, no control characters. */
static gboolean
text_ok (const char *text)
{
  g_autofree char *clean = NULL;
  glong n;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return FALSE;
  clean = g_strstrip (g_strdup (text));
  n = g_utf8_strlen (clean, -1);
  if (n < 1 || n > NK_CARE_TEXT_MAX)
    return FALSE;
  for (const char *p = clean; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_iscntrl (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

static gboolean
check_values (const NkCareEntry *e,
              GError           **error)
{
  switch (e->what)
    {
    case NK_CARE_MEAL:
      if (!one_of (e->slot, nk_care_slots))
        return invalid (error, _("Choose which meal or snack it was."));
      if (!one_of (e->portion, nk_care_portions))
        return invalid (error, _("Choose how much the child ate."));
      return TRUE;
    case NK_CARE_BOTTLE:
      if (e->ml < NK_CARE_BOTTLE_ML_MIN || e->ml > NK_CARE_BOTTLE_ML_MAX)
        return invalid (error, _("A bottle is from 10 to 400 ml."));
      if (!one_of (e->milk, nk_care_milks))
        return invalid (error, _("Choose breast milk or formula."));
      return TRUE;
    case NK_CARE_WATER:
      if (e->ml < NK_CARE_WATER_ML_MIN || e->ml > NK_CARE_WATER_ML_MAX)
        return invalid (error, _("Water is from 10 to 500 ml."));
      return TRUE;
    case NK_CARE_DIAPER:
      if (!one_of (e->diaper, nk_care_diapers))
        return invalid (error, _("Choose wet, soiled, dry or potty."));
      if (e->colour != NULL && (!g_str_equal (e->diaper, "soiled") || !one_of (e->colour, nk_care_colours)))
        return invalid (error, _("A colour goes only with a soiled diaper."));
      return TRUE;
    case NK_CARE_MOOD:
      if (!one_of (e->mood, nk_care_moods))
        return invalid (error, _("Choose the child's mood."));
      return TRUE;
    case NK_CARE_TEMPERATURE:
      if (e->tenths < NK_CARE_TENTHS_MIN || e->tenths > NK_CARE_TENTHS_MAX)
        return invalid (error, _("A temperature is from 34.0 to 42.5 °C."));
      return TRUE;
    case NK_CARE_INCIDENT:
      if (!text_ok (e->text))
        return invalid (error, _("Say what happened (at most 200 characters)."));
      if (!text_ok (e->place))
        return invalid (error, _("Say where it happened (at most 200 characters)."));
      if (e->first_aid != NULL && !text_ok (e->first_aid))
        return invalid (error, _("First aid: at most 200 characters, or none."));
      if (!one_of (e->told, nk_care_told))
        return invalid (error, _("Say whether the parent was told, and how."));
      return TRUE;
    case NK_CARE_NOTE:
      if (!text_ok (e->text))
        return invalid (error, _("A note is from 1 to 200 characters."));
      return TRUE;
    case NK_CARE_N_WHAT:
    default:
      return invalid (error, _("Unknown kind of care entry."));
    }
}

/* Today, and not later than now: a caregiver writes down what happened,
 * never what is planned. */
static gboolean
check_time (NkCentre *centre,
            gint64    at_us,
            gint64    now_us,
            GError  **error)
{
  g_autofree char *today = nk_centre_local_date (centre, now_us);
  g_autofree char *day = nk_centre_local_date (centre, at_us);

  if (at_us > now_us)
    return invalid (error, _("That time is still to come: only what has happened is recorded."));
  if (g_strcmp0 (day, today) != 0)
    return invalid (error, _("Only today's care is recorded here."));
  return TRUE;
}

gboolean
nk_care_check (NkCentre          *centre,
               const NkCareEntry *entry,
               GError           **error)
{
  gint64 now_us;

  g_return_val_if_fail (NK_IS_CENTRE (centre) && entry != NULL, FALSE);

  now_us = nk_centre_now (centre);
  return check_values (entry, error) &&
         check_time (centre, entry->at_us != 0 ? entry->at_us : now_us, now_us, error);
}

/* ---------------------------------------------------------------- payloads */

static void
text_member (JsonBuilder *b,
             const char  *name,
             const char  *text)
{
  g_autofree char *clean = text != NULL ? g_strstrip (g_strdup (text)) : NULL;

  nk_json_text (b, name, clean);
}

JsonBuilder *
nk_care_entry_payload (const NkCareEntry *e,
                       const char        *child_id,
                       const char        *room_id,
                       gint64             at_us)
{
  JsonBuilder *b = json_builder_new ();
  g_autofree char *happened = nk_format_utc_iso (at_us);

  json_builder_begin_object (b);
  nk_json_text (b, "child_id", child_id);
  nk_json_text (b, "room_id", room_id);
  nk_json_text (b, "happened_at", happened);
  switch (e->what)
    {
    case NK_CARE_MEAL:
      nk_json_text (b, "slot", e->slot);
      nk_json_text (b, "portion", e->portion);
      break;
    case NK_CARE_BOTTLE:
      nk_json_int (b, "ml", e->ml);
      nk_json_text (b, "milk", e->milk);
      break;
    case NK_CARE_WATER:
      nk_json_int (b, "ml", e->ml);
      break;
    case NK_CARE_DIAPER:
      nk_json_text (b, "diaper", e->diaper);
      nk_json_text (b, "colour", e->colour);
      break;
    case NK_CARE_MOOD:
      nk_json_text (b, "mood", e->mood);
      break;
    case NK_CARE_TEMPERATURE:
      nk_json_int (b, "tenths", e->tenths);
      break;
    case NK_CARE_INCIDENT:
      text_member (b, "what", e->text);
      text_member (b, "place", e->place);
      text_member (b, "first_aid", e->first_aid);
      nk_json_text (b, "told", e->told);
      break;
    case NK_CARE_NOTE:
      text_member (b, "note", e->text);
      break;
    case NK_CARE_N_WHAT:
    default:
      g_assert_not_reached ();
    }
  json_builder_end_object (b);
  return b;
}

/* ---------------------------------------------------------------- recording */

typedef struct {
  char    *id;
  char    *name;
  char    *room_id;
  gboolean present;
} CareChild;

static void
care_child_free (CareChild *c)
{
  g_free (c->id);
  g_free (c->name);
  g_free (c->room_id);
  g_free (c);
}

/* The child's name, room and whether checked in on date (the latest of
 * the day's in and out rows by the merge order decides, as for the door);
 * NULL when not on the roster. */
static CareChild *
read_child (NkStore    *store,
            const char *child_id,
            const char *date,
            GError    **error)
{
  sqlite3_stmt *row = NULL;
  CareChild *c;

  if (!nk_store_query_row (store, &row,
                           "SELECT c.name, c.room_id, (SELECT a.kind FROM attendance a "
                           "  WHERE a.child_id = c.id AND a.local_date = :date AND a.kind IN ('in', 'out') "
                           "  ORDER BY a.order_us DESC, a.id DESC LIMIT 1) "
                           "FROM children c WHERE c.id = :id AND c.active = 1",
                           _("Cannot read the child"), error,
                           NK_TEXT (":id", child_id), NK_TEXT (":date", date), NK_END))
    return NULL;
  if (row == NULL)
    {
      g_set_error (error, NK_STORE_ERROR, NK_STORE_ERROR_NOT_FOUND,
                   _("This child is not on the roster any more."));
      return NULL;
    }
  c = g_new0 (CareChild, 1);
  c->id = g_strdup (child_id);
  c->name = nk_column_dup (row, 0);
  c->room_id = nk_column_dup (row, 1);
  c->present = g_strcmp0 ((const char *) sqlite3_column_text (row, 2), "in") == 0;
  sqlite3_reset (row);
  return c;
}

static const NkCareEntry *
entry_for (const char            *child_id,
           const NkCareEntry     *entry,
           const NkCareException *exceptions,
           guint                  n_exceptions,
           gboolean              *excepted)
{
  *excepted = FALSE;
  for (guint i = 0; i < n_exceptions; i++)
    if (g_strcmp0 (exceptions[i].child_id, child_id) == 0)
      {
        *excepted = exceptions[i].entry == NULL;
        return exceptions[i].entry;
      }
  return entry;
}

static gboolean
check_exceptions (NkCentre              *centre,
                  const NkCareEntry     *entry,
                  const NkCareException *exceptions,
                  guint                  n_exceptions,
                  GError               **error)
{
  for (guint i = 0; i < n_exceptions; i++)
    if (exceptions[i].entry != NULL &&
        (exceptions[i].entry->what != entry->what || !nk_care_check (centre, exceptions[i].entry, error)))
      {
        if (error != NULL && *error == NULL)
          invalid (error, _("An exception must be of the same kind as the entry."));
        return FALSE;
      }
  return TRUE;
}

/* Writes one row per child inside rec; fills result. */
static gboolean
put_children (NkRecord              *rec,
              const char *const     *child_ids,
              const NkCareEntry     *entry,
              const NkCareException *exceptions,
              guint                  n_exceptions,
              NkCareResult          *result,
              GError               **error)
{
  NkStore *store = nk_record_get_store (rec);
  const NkKind *kind = care_kinds[entry->what];

  for (guint i = 0; child_ids[i] != NULL; i++)
    {
      g_autoptr (JsonBuilder) payload = NULL;
      g_autoptr (GPtrArray) keep = NULL;
      CareChild *c = read_child (store, child_ids[i], nk_record_get_date (rec), error);
      const NkCareEntry *e;
      gboolean excepted;
      const char *id;

      if (c == NULL)
        return FALSE;
      keep = g_ptr_array_new_with_free_func ((GDestroyNotify) care_child_free);
      g_ptr_array_add (keep, c);
      e = entry_for (c->id, entry, exceptions, n_exceptions, &excepted);
      if (!c->present || excepted)
        {
          g_ptr_array_add (!c->present ? result->absent : result->excepted, g_strdup (c->name));
          continue;
        }
      payload = nk_care_entry_payload (e, c->id, c->room_id,
                                       e->at_us != 0 ? e->at_us : nk_record_get_time (rec));
      id = nk_kind_put (rec, kind, payload, error);
      if (id == NULL)
        return FALSE;
      g_ptr_array_add (result->ids, g_strdup (id));
    }
  return TRUE;
}

NkCareResult *
nk_care_record (NkStore               *store,
                NkCentre              *centre,
                const NkActor         *actor,
                const char *const     *child_ids,
                const NkCareEntry     *entry,
                const NkCareException *exceptions,
                guint                  n_exceptions,
                GError               **error)
{
  g_autoptr (NkCareResult) result = NULL;
  g_autoptr (NkRecord) rec = NULL;

  g_return_val_if_fail (NK_IS_STORE (store) && NK_IS_CENTRE (centre), NULL);
  g_return_val_if_fail (actor != NULL && child_ids != NULL && entry != NULL, NULL);

  if (child_ids[0] == NULL)
    {
      invalid (error, _("Choose at least one child."));
      return NULL;
    }
  if (!nk_care_check (centre, entry, error) ||
      !check_exceptions (centre, entry, exceptions, n_exceptions, error))
    return NULL;

  result = g_new0 (NkCareResult, 1);
  result->ids = g_ptr_array_new_with_free_func (g_free);
  result->absent = g_ptr_array_new_with_free_func (g_free);
  result->excepted = g_ptr_array_new_with_free_func (g_free);

  rec = nk_record_begin (store, centre, actor, error);
  if (rec == NULL ||
      !put_children (rec, child_ids, entry, exceptions, n_exceptions, result, error))
    return NULL;
  if (result->ids->len == 0)
    {
      if (result->absent->len > 0 && result->excepted->len == 0)
        invalid (error, child_ids[1] == NULL
                 ? _("This child is not checked in today: nothing was recorded.")
                 : _("None of these children is checked in today: nothing was recorded."));
      else
        invalid (error, _("Nobody was left to record: nothing was recorded."));
      return NULL;
    }
  if (!nk_record_commit (g_steal_pointer (&rec), error))
    return NULL;
  return g_steal_pointer (&result);
}

/* The active children of room_id, by name. */
static GStrv
room_children (NkStore    *store,
               const char *room_id,
               GError    **error)
{
  g_autoptr (GStrvBuilder) ids = g_strv_builder_new ();
  sqlite3_stmt *stmt;
  int rc;

  stmt = nk_store_prepare (store, "SELECT id FROM children WHERE room_id = :room AND active = 1 "
                           "ORDER BY name, id", error);
  if (stmt == NULL || !nk_store_bind (store, stmt, error, NK_TEXT (":room", room_id), NK_END))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (ids, (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      nk_store_set_error (store, error, _("Cannot read the children of the room"));
      return NULL;
    }
  return g_strv_builder_end (ids);
}

NkCareResult *
nk_care_record_room (NkStore               *store,
                     NkCentre              *centre,
                     const NkActor         *actor,
                     const char            *room_id,
                     const NkCareEntry     *entry,
                     const NkCareException *exceptions,
                     guint                  n_exceptions,
                     GError               **error)
{
  g_auto (GStrv) ids = NULL;

  g_return_val_if_fail (room_id != NULL, NULL);

  ids = room_children (store, room_id, error);
  if (ids == NULL)
    return NULL;
  if (ids[0] == NULL)
    {
      invalid (error, _("This room has no children."));
      return NULL;
    }
  return nk_care_record (store, centre, actor, (const char *const *) ids, entry, exceptions,
                         n_exceptions, error);
}
