/* nk-medicine.c — medicine handed over by a parent, with their consent
 * (nk-medicine.h).  The doses given are nk-medicine-given.c. */
#define G_LOG_DOMAIN "nk-core"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "nk-check.h"
#include "nk-medicine.h"
#include "nk-migrations.h"
#include "nk-store-private.h"

G_DEFINE_QUARK (nk-medicine-error-quark, nk_medicine_error)

static const char *const medicine_steps[] = {
  /* 1 */
  "CREATE TABLE medicines (" NK_KIND_COLUMNS ","
  "  child_id TEXT NOT NULL,"
  "  name TEXT NOT NULL,"
  "  dose TEXT NOT NULL,"
  "  times TEXT NOT NULL,"
  "  guardian_id TEXT NOT NULL,"
  "  consent_us INTEGER NOT NULL);"
  "CREATE INDEX medicines_day ON medicines (local_date, child_id);"
  "CREATE INDEX medicines_corrects ON medicines (corrects);",
};

NK_MIGRATION_LIST (nk_medicine_migrations, "medicine", medicine_steps, 0);

/* "HH:MM" × 6 with commas */
#define TIMES_MAX (NK_MEDICINE_MAX_TIMES * 6)

static const NkKindField medicine_fields[] = {
  { "child_id", NK_FIELD_ID },
  { "name", NK_FIELD_TEXT, .max = 100 },
  { "dose", NK_FIELD_TEXT, .max = 100 },
  { "times", NK_FIELD_TEXT, .max = TIMES_MAX },
  { "guardian_id", NK_FIELD_ID },
  { "consent_at", NK_FIELD_TIME },
  { NULL }
};

const NkKind nk_medicine_kind = {
  .type = "medicine",
  .table = "medicines",
  .person = "child_id",
  .person_table = "children",
  .fields = medicine_fields,
};

static gboolean
parse_time (const char *text, int *minutes)
{
  int h, m, end = 0;

  if (sscanf (text, "%2d:%2d%n", &h, &m, &end) != 2 || text[end] != '\0' || h < 0 || h > 23 || m < 0
      || m > 59)
    return FALSE;
  *minutes = h * 60 + m;
  return TRUE;
}

static int
compare_minutes (gconstpointer a, gconstpointer b)
{
  return *(const int *) a - *(const int *) b;
}

GStrv
nk_medicine_parse_times (const char *text, GError **error)
{
  g_auto (GStrv) parts = g_strsplit (text != NULL ? text : "", ",", -1);
  g_autoptr (GArray) minutes = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr (GStrvBuilder) out = g_strv_builder_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *part = g_strstrip (g_strdup (parts[i]));
      int m;

      if (*part == '\0')
        continue;
      if (!parse_time (part, &m))
        {
          g_set_error (error, NK_MEDICINE_ERROR, NK_MEDICINE_ERROR_INVALID,
                       /* TRANSLATORS: %s is what was given as a time */
                       _("“%s” is not a time of the day (HH:MM)"), part);
          return NULL;
        }
      g_array_append_val (minutes, m);
    }
  g_array_sort (minutes, compare_minutes);
  for (guint i = 0; i < minutes->len; i++)
    {
      int m = g_array_index (minutes, int, i);
      g_autofree char *t = NULL;

      if (i > 0 && m == g_array_index (minutes, int, i - 1))
        continue;
      t = g_strdup_printf ("%02d:%02d", m / 60, m % 60);
      g_strv_builder_add (out, t);
    }
  {
    GStrv times = g_strv_builder_end (out);
    guint n = g_strv_length (times);

    if (n == 0 || n > NK_MEDICINE_MAX_TIMES)
      {
        g_strfreev (times);
        g_set_error (error, NK_MEDICINE_ERROR, NK_MEDICINE_ERROR_INVALID,
                     _("Choose from 1 to %d times of the day for the doses"), NK_MEDICINE_MAX_TIMES);
        return NULL;
      }
    return times;
  }
}

static gboolean
check_text (const char *value, const char *what, GError **error)
{
  if (value == NULL || !nk_check_is_text (value, 100, TRUE))
    {
      g_set_error (error, NK_MEDICINE_ERROR, NK_MEDICINE_ERROR_INVALID,
                   /* TRANSLATORS: %s is "the medicine's name" or "the dose" */
                   _("Write %s, in at most 100 characters"), what);
      return FALSE;
    }
  return TRUE;
}

/* The consent: a tap of a guardian of the child, a moment ago. */
static gboolean
check_consent (NkRecord *rec, const NkMedicineHandover *handover, GError **error)
{
  gint64 now = nk_record_get_time (rec);
  sqlite3_stmt *row;
  gboolean linked;

  if (handover->guardian_id == NULL || handover->consent_us <= 0)
    {
      g_set_error_literal (error, NK_MEDICINE_ERROR, NK_MEDICINE_ERROR_NO_CONSENT,
                           _("The parent has not consented: ask them to tap their own card"));
      return FALSE;
    }
  if (handover->consent_us > now
      || now - handover->consent_us > (gint64) NK_MEDICINE_CONSENT_MAX_AGE_S * G_USEC_PER_SEC)
    {
      g_set_error_literal (error, NK_MEDICINE_ERROR, NK_MEDICINE_ERROR_NO_CONSENT,
                           _("The parent's card tap is not from just now: ask them to tap again"));
      return FALSE;
    }
  if (!nk_store_query_row (nk_record_get_store (rec), &row,
                           "SELECT EXISTS (SELECT 1 FROM guardian_children "
                           "WHERE guardian_id = :guardian_id AND child_id = :child_id)",
                           _("Cannot read the roster"), error,
                           NK_TEXT (":guardian_id", handover->guardian_id),
                           NK_TEXT (":child_id", handover->child_id), NK_END))
    return FALSE;
  linked = row != NULL && sqlite3_column_int (row, 0) != 0;
  if (row != NULL)
    sqlite3_reset (row);
  if (!linked)
    {
      g_set_error_literal (error, NK_MEDICINE_ERROR, NK_MEDICINE_ERROR_NO_CONSENT,
                           _("Only a guardian of this child can consent to their medicine"));
      return FALSE;
    }
  return TRUE;
}

char *
nk_medicine_hand_over (NkStore                  *store,
                       NkCentre                 *centre,
                       const char               *staff_id,
                       const NkMedicineHandover *handover,
                       GError                  **error)
{
  NkActor actor = { "staff", staff_id };
  g_autoptr (NkRecord) rec = NULL;
  g_autoptr (JsonBuilder) payload = json_builder_new ();
  g_auto (GStrv) times = NULL;
  g_autofree char *joined = NULL;
  g_autofree char *consent_at = NULL;
  g_autofree char *id = NULL;

  g_return_val_if_fail (handover != NULL && handover->child_id != NULL, NULL);

  if (!check_text (handover->name, _("the medicine's name"), error)
      || !check_text (handover->dose, _("the dose"), error))
    return NULL;
  times = nk_medicine_parse_times (handover->times, error);
  if (times == NULL)
    return NULL;
  joined = g_strjoinv (",", times);

  rec = nk_record_begin (store, centre, &actor, error);
  if (rec == NULL || !check_consent (rec, handover, error))
    return NULL;

  consent_at = nk_format_utc_iso (handover->consent_us);
  json_builder_begin_object (payload);
  nk_json_text (payload, "child_id", handover->child_id);
  nk_json_text (payload, "name", handover->name);
  nk_json_text (payload, "dose", handover->dose);
  nk_json_text (payload, "times", joined);
  nk_json_text (payload, "guardian_id", handover->guardian_id);
  nk_json_text (payload, "consent_at", consent_at);
  json_builder_end_object (payload);
  id = g_strdup (nk_kind_put (rec, &nk_medicine_kind, payload, error));
  if (id == NULL || !nk_record_commit (g_steal_pointer (&rec), error))
    return NULL;
  return g_steal_pointer (&id);
}
