/* nk-nap.c — naps: the kind, its rules and its part of the child's day
 * (nk-nap.h).  Ending a nap corrects the open row; see the header for why. */
#define G_LOG_DOMAIN "nk-core"

#include "config.h"

#include <glib/gi18n.h>

#include "nk-migrations.h"
#include "nk-nap.h"
#include "nk-store-private.h"

static const char *const nap_steps[] = {
  /* 1 */
  "CREATE TABLE naps (" NK_KIND_COLUMNS ","
  "  child_id TEXT NOT NULL,"
  "  room_id TEXT,"
  "  start_us INTEGER NOT NULL,"
  "  end_us INTEGER);"
  "CREATE INDEX naps_child ON naps (child_id, start_us);"
  "CREATE INDEX naps_date ON naps (local_date);"
  "CREATE INDEX naps_corrects ON naps (corrects) WHERE corrects IS NOT NULL;"
  "CREATE INDEX naps_open ON naps (start_us) WHERE end_us IS NULL;",
};

NK_MIGRATION_LIST (nk_nap_migrations, "nap", nap_steps, 0);

static const NkKindField nap_fields[] = {
  { "child_id", NK_FIELD_ID },
  { "room_id", NK_FIELD_ID, TRUE },
  { "start_at", NK_FIELD_TIME },
  { "end_at", NK_FIELD_TIME, TRUE },
  { NULL }
};

const NkKind nk_nap_kind = { "nap", "naps", "child_id", "children", nap_fields };

G_DEFINE_QUARK (nk-nap-error-quark, nk_nap_error)

/* The rows that stand, with an open nap counted as lasting at most 24 h,
 * so that a nap nobody ended does not block the naps of the days after. */
#define NAP_END_SQL "coalesce (naps.end_us, naps.start_us + 86400000000)"
G_STATIC_ASSERT (NK_NAP_MAX_US == G_GINT64_CONSTANT (86400000000));

void
nk_nap_free (NkNap *nap)
{
  if (nap == NULL)
    return;
  g_free (nap->id);
  g_free (nap->child_id);
  g_free (nap->room_id);
  g_free (nap);
}

/* The payload keeps milliseconds: times are compared at that precision. */
static gint64
to_ms (gint64 us)
{
  return us - us % 1000;
}

char *
nk_nap_format_duration (gint64 us)
{
  gint64 minutes = us / (60 * G_USEC_PER_SEC);

  if (minutes < 60)
    /* TRANSLATORS: a nap's length under an hour */
    return g_strdup_printf (_("%d min"), (int) minutes);
  /* TRANSLATORS: a nap's length: hours and minutes */
  return g_strdup_printf (_("%d h %d min"), (int) (minutes / 60), (int) (minutes % 60));
}

/* The child's name, and the room now, which a new nap keeps as the room
 * at that moment. */
static char *
child_name (NkStore *store, const char *child_id, char **room_id, GError **error)
{
  sqlite3_stmt *row;
  char *name;

  if (!nk_store_query_row (store, &row, "SELECT name, room_id FROM children WHERE id = :id",
                           _("Cannot read the roster"), error, NK_TEXT (":id", child_id), NK_END))
    return NULL;
  if (row == NULL)
    {
      g_set_error (error, NK_STORE_ERROR, NK_STORE_ERROR_NOT_FOUND, _("No child with id %s"),
                   child_id);
      return NULL;
    }
  name = nk_column_dup (row, 0);
  if (room_id != NULL)
    *room_id = nk_column_dup (row, 1);
  sqlite3_reset (row);
  return name;
}

/* Checked in at at_us: the child's last arrival or departure up to then
 * is an arrival of that same day (a stay left open overnight is not). */
static gboolean
check_present (NkRecord *rec, const char *child_id, const char *name, gint64 at_us,
               GError **error)
{
  NkStore *store = nk_record_get_store (rec);
  g_autofree char *date = nk_centre_local_date (nk_record_get_centre (rec), at_us);
  sqlite3_stmt *row;
  gboolean present = FALSE;

  if (!nk_store_query_row (store, &row,
                           "SELECT kind = 'in' AND local_date = :date FROM attendance "
                           "WHERE child_id = :id AND kind IN ('in', 'out') AND at_us <= :at "
                           "ORDER BY order_us DESC, id DESC LIMIT 1",
                           _("Cannot read attendance"), error, NK_TEXT (":id", child_id),
                           NK_TEXT (":date", date), NK_INT (":at", at_us), NK_END))
    return FALSE;
  if (row != NULL)
    {
      present = sqlite3_column_int (row, 0) != 0;
      sqlite3_reset (row);
    }
  if (!present)
    g_set_error (error, NK_NAP_ERROR, NK_NAP_ERROR_NOT_PRESENT,
                 _("%s is not checked in: only a child who is here can nap"), name);
  return present;
}

/* The times of one nap against now, against each other and against the
 * child's other naps (except, the row being corrected). */
static gboolean
check_times (NkRecord *rec, const char *child_id, const char *name, const char *except,
             gint64 start_us, gint64 end_us, GError **error)
{
  NkStore *store = nk_record_get_store (rec);
  gint64 now = nk_record_get_time (rec);
  sqlite3_stmt *row;

  if (start_us > now || end_us > now)
    {
      g_set_error (error, NK_NAP_ERROR, NK_NAP_ERROR_FUTURE,
                   _("The nap of %s cannot start or end in the future"), name);
      return FALSE;
    }
  if (end_us != 0 && end_us < start_us)
    {
      g_set_error (error, NK_NAP_ERROR, NK_NAP_ERROR_ORDER,
                   _("The nap of %s cannot end before it started"), name);
      return FALSE;
    }
  if ((end_us != 0 ? end_us : now) - start_us > NK_NAP_MAX_US)
    {
      g_set_error (error, NK_NAP_ERROR, NK_NAP_ERROR_TOO_LONG,
                   _("The nap of %s would last more than 24 hours"), name);
      return FALSE;
    }
  if (!nk_store_query_row (store, &row,
                           "SELECT naps.id FROM naps WHERE naps.child_id = :child AND " NK_KIND_STANDS ("naps")
                           " AND naps.id IS NOT :except AND naps.start_us < :end "
                           " AND " NAP_END_SQL " > :start LIMIT 1",
                           _("Cannot read the naps"), error, NK_TEXT (":child", child_id),
                           NK_TEXT (":except", except), NK_INT (":start", start_us),
                           NK_INT (":end", end_us != 0 ? end_us : G_MAXINT64), NK_END))
    return FALSE;
  if (row != NULL)
    {
      sqlite3_reset (row);
      g_set_error (error, NK_NAP_ERROR, NK_NAP_ERROR_OVERLAP,
                   _("%s already has a nap at that time"), name);
      return FALSE;
    }
  return TRUE;
}

static JsonBuilder *
nap_payload (const char *child_id, const char *room_id, gint64 start_us, gint64 end_us)
{
  JsonBuilder *b = json_builder_new ();
  g_autofree char *start = nk_format_utc_iso (start_us);
  g_autofree char *end = end_us != 0 ? nk_format_utc_iso (end_us) : NULL;

  json_builder_begin_object (b);
  nk_json_text (b, "child_id", child_id);
  nk_json_text (b, "room_id", room_id);
  nk_json_text (b, "start_at", start);
  nk_json_text (b, "end_at", end);
  json_builder_end_object (b);
  return b;
}

/* One new nap inside rec; the id is owned by rec. */
static const char *
put_nap (NkRecord *rec, const char *child_id, gint64 start_us, gint64 end_us, GError **error)
{
  NkStore *store = nk_record_get_store (rec);
  g_autofree char *room_id = NULL;
  g_autofree char *name = child_name (store, child_id, &room_id, error);
  g_autoptr (JsonBuilder) payload = NULL;

  if (name == NULL || !check_present (rec, child_id, name, start_us, error)
      || !check_times (rec, child_id, name, NULL, start_us, end_us, error))
    return NULL;
  payload = nap_payload (child_id, room_id, start_us, end_us);
  return nk_kind_put (rec, &nk_nap_kind, payload, error);
}

static NkRecord *
begin_as (NkStore *store, NkCentre *centre, const char *staff_id, GError **error)
{
  NkActor actor = { "staff", staff_id };

  return nk_record_begin (store, centre, &actor, error);
}

char *
nk_nap_add (NkStore    *store,
            NkCentre   *centre,
            const char *staff_id,
            const char *child_id,
            gint64      start_us,
            gint64      end_us,
            GError    **error)
{
  g_autoptr (NkRecord) rec = NULL;
  g_autofree char *id = NULL;

  g_return_val_if_fail (NK_IS_STORE (store) && NK_IS_CENTRE (centre), NULL);
  g_return_val_if_fail (staff_id != NULL && child_id != NULL, NULL);

  rec = begin_as (store, centre, staff_id, error);
  if (rec == NULL)
    return NULL;
  if (start_us == 0)
    start_us = nk_record_get_time (rec);
  id = g_strdup (put_nap (rec, child_id, to_ms (start_us), to_ms (end_us), error));
  if (id == NULL || !nk_record_commit (g_steal_pointer (&rec), error))
    return NULL;
  return g_steal_pointer (&id);
}

GPtrArray *
nk_nap_start (NkStore           *store,
              NkCentre          *centre,
              const char        *staff_id,
              const char *const *child_ids,
              GError           **error)
{
  g_autoptr (NkRecord) rec = NULL;
  g_autoptr (GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  gint64 now;

  g_return_val_if_fail (NK_IS_STORE (store) && NK_IS_CENTRE (centre), NULL);
  g_return_val_if_fail (staff_id != NULL && child_ids != NULL, NULL);

  rec = begin_as (store, centre, staff_id, error);
  if (rec == NULL)
    return NULL;
  now = to_ms (nk_record_get_time (rec));
  for (guint i = 0; child_ids[i] != NULL; i++)
    {
      const char *id = put_nap (rec, child_ids[i], now, 0, error);

      if (id == NULL)
        return NULL;
      g_ptr_array_add (ids, g_strdup (id));
    }
  if (!nk_record_commit (g_steal_pointer (&rec), error))
    return NULL;
  return g_steal_pointer (&ids);
}

static NkNap *
nap_from_row (sqlite3_stmt *row)
{
  NkNap *nap = g_new0 (NkNap, 1);

  nap->id = nk_column_dup (row, 0);
  nap->child_id = nk_column_dup (row, 1);
  nap->room_id = nk_column_dup (row, 2);
  nap->start_us = sqlite3_column_int64 (row, 3);
  nap->end_us = sqlite3_column_type (row, 4) == SQLITE_NULL ? 0 : sqlite3_column_int64 (row, 4);
  return nap;
}

NkNap *
nk_nap_get_open (NkStore    *store,
                 const char *child_id,
                 GError    **error)
{
  sqlite3_stmt *row;
  NkNap *nap;

  g_return_val_if_fail (NK_IS_STORE (store) && child_id != NULL, NULL);

  if (!nk_store_query_row (store, &row,
                           "SELECT naps.id, naps.child_id, naps.room_id, naps.start_us, naps.end_us FROM naps "
                           "WHERE naps.child_id = :child AND naps.end_us IS NULL AND " NK_KIND_STANDS ("naps")
                           " ORDER BY naps.start_us DESC LIMIT 1",
                           _("Cannot read the naps"), error, NK_TEXT (":child", child_id), NK_END)
      || row == NULL)
    return NULL;
  nap = nap_from_row (row);
  sqlite3_reset (row);
  return nap;
}

/* Ends the open nap of child_id inside rec: a correction carrying the
 * same child, room and start, and the end. */
static const char *
end_nap (NkRecord *rec, const char *child_id, gint64 end_us, GError **error)
{
  NkStore *store = nk_record_get_store (rec);
  g_autofree char *name = child_name (store, child_id, NULL, error);
  g_autoptr (NkNap) open = NULL;
  g_autoptr (JsonBuilder) payload = NULL;
  GError *local = NULL;

  if (name == NULL)
    return NULL;
  open = nk_nap_get_open (store, child_id, &local);
  if (local != NULL)
    {
      g_propagate_error (error, local);
      return NULL;
    }
  if (open == NULL)
    {
      g_set_error (error, NK_NAP_ERROR, NK_NAP_ERROR_NOT_NAPPING, _("%s is not napping"), name);
      return NULL;
    }
  if (!check_times (rec, child_id, name, open->id, open->start_us, end_us, error))
    return NULL;
  payload = nap_payload (child_id, open->room_id, open->start_us, end_us);
  return nk_kind_correct (rec, &nk_nap_kind, open->id, payload, error);
}

GPtrArray *
nk_nap_end (NkStore           *store,
            NkCentre          *centre,
            const char        *staff_id,
            const char *const *child_ids,
            gint64             end_us,
            GError           **error)
{
  g_autoptr (NkRecord) rec = NULL;
  g_autoptr (GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (NK_IS_STORE (store) && NK_IS_CENTRE (centre), NULL);
  g_return_val_if_fail (staff_id != NULL && child_ids != NULL, NULL);

  rec = begin_as (store, centre, staff_id, error);
  if (rec == NULL)
    return NULL;
  if (end_us == 0)
    end_us = nk_record_get_time (rec);
  for (guint i = 0; child_ids[i] != NULL; i++)
    {
      const char *id = end_nap (rec, child_ids[i], to_ms (end_us), error);

      if (id == NULL)
        return NULL;
      g_ptr_array_add (ids, g_strdup (id));
    }
  if (!nk_record_commit (g_steal_pointer (&rec), error))
    return NULL;
  return g_steal_pointer (&ids);
}

GStrv
nk_nap_awake_children (NkStore    *store,
                       NkCentre   *centre,
                       const char *room_id,
                       GError    **error)
{
  g_autofree char *today = nk_centre_today (centre);
  g_autoptr (NkDaySet) set = nk_day_set_load_room (store, centre, room_id, today, error);
  g_autoptr (GStrvBuilder) b = g_strv_builder_new ();

  if (set == NULL)
    return NULL;
  for (guint i = 0; i < nk_day_set_get_n (set); i++)
    {
      NkChildDay *day = nk_day_set_get (set, i);

      if (day->present && nk_child_day_get_mark (day, "nap.asleep") == NULL)
        g_strv_builder_add (b, day->child_id);
    }
  return g_strv_builder_end (b);
}

/* The day: a line per nap of the date ("12:10–14:05 Nap 1 h 55 min", the
 * view writes the span), and "napping" while one is open. */
gboolean
nk_nap_day_source (NkStore  *store,
                   NkDaySet *set,
                   GError  **error)
{
  gint64 now = nk_centre_now (nk_day_set_get_centre (set));
  sqlite3_stmt *stmt;
  int rc;

  stmt = nk_store_prepare (store,
                           "SELECT naps.child_id, naps.id, naps.start_us, naps.end_us, s.name FROM naps "
                           "LEFT JOIN staff s ON naps.by_kind = 'staff' AND s.id = naps.by_id "
                           "WHERE naps.local_date = :date AND " NK_KIND_STANDS ("naps")
                           "  AND naps.child_id IN " NK_DAY_SET_CHILDREN " ORDER BY naps.start_us",
                           error);
  if (stmt == NULL || !nk_day_set_bind_children (set, store, stmt, error)
      || !nk_store_bind (store, stmt, error, NK_TEXT (":date", nk_day_set_get_date (set)), NK_END))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      NkChildDay *day = nk_day_set_find (set, (const char *) sqlite3_column_text (stmt, 0));
      gint64 start_us = sqlite3_column_int64 (stmt, 2);
      gboolean open = sqlite3_column_type (stmt, 3) == SQLITE_NULL;
      gint64 end_us = open ? 0 : sqlite3_column_int64 (stmt, 3);
      g_autofree char *detail = NULL;

      if (day == NULL)
        continue;
      /* TRANSLATORS: the parent's day: a nap still going on */
      detail = open ? g_strdup (_("asleep")) : nk_nap_format_duration (end_us - start_us);
      /* TRANSLATORS: the parent's day: a nap (午睡) */
      nk_child_day_add_line (day, NK_DAY_NAP, start_us, end_us, _("Nap"), detail,
                             (const char *) sqlite3_column_text (stmt, 4),
                             (const char *) sqlite3_column_text (stmt, 1), 0);
      if (open && now - start_us <= NK_NAP_MAX_US)
        /* TRANSLATORS: a mark in staff mode's room list: the child is asleep */
        nk_child_day_add_mark (day, "nap.asleep", _("Napping"), NK_DAY_MARK_INFO);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      nk_store_set_error (store, error, _("Cannot read the day's naps"));
      return FALSE;
    }
  return TRUE;
}
