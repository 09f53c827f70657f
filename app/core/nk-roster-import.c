/* nk-roster-import.c — the roster CSV checked row by row (the field
 * formats are in nk-roster-import-fields.c, the database side in
 * nk-roster-import-apply.c). */
#define G_LOG_DOMAIN "nk-roster-import"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "nk-csv.h"
#include "nk-quote.h"
#include "nk-roster-import-private.h"

#define NK_MAX_NAME_CHARS   64
#define NK_MAX_ID_CHARS     64
#define NK_MAX_TEXT_CHARS   500
#define NK_MAX_AGE_MONTHS   42    /* 3 years 6 months */
#define NK_MAX_UID_CHARS    64    /* 20 hex digits with separators, or 25 decimal ones */

typedef enum {
  COL_CHILD_ID,
  COL_CHILD_NAME,
  COL_DATE_OF_BIRTH,
  COL_ROOM,
  COL_CHILD_CARD_UID,
  COL_GUARDIAN_NAME,
  COL_GUARDIAN_PHONE,
  COL_GUARDIAN_CARD_UID,
  /* optional */
  COL_ROOM_KIND,
  COL_ROOM_PLACES,
  COL_GUARDIAN_RELATION,
  COL_CAN_PICKUP,
  COL_ALLERGIES,
  N_COLUMNS,
  N_REQUIRED = COL_ROOM_KIND,
} Column;

static const char *column_names[N_COLUMNS] = {
  "child_id", "child_name", "date_of_birth", "room", "child_card_uid",
  "guardian_name", "guardian_phone", "guardian_card_uid",
  "room_kind", "room_places", "guardian_relation", "can_pickup", "allergies",
};

G_DEFINE_FINAL_TYPE (NkRosterImport, nk_roster_import, G_TYPE_OBJECT)

void
nk_import_problem_free (NkImportProblem *problem)
{
  if (problem == NULL)
    return;
  g_free (problem->message);
  g_free (problem);
}

static void
room_plan_free (RoomPlan *p)
{
  g_free (p->name);
  g_free (p);
}

static void
child_plan_free (ChildPlan *p)
{
  g_free (p->id);
  g_free (p->name);
  g_free (p->date_of_birth);
  g_free (p->room);
  g_free (p->allergies);
  g_free (p);
}

static void
guardian_plan_free (GuardianPlan *p)
{
  g_free (p->phone);
  g_free (p->name);
  g_free (p->relation);
  g_free (p->existing_id);
  g_free (p);
}

static void
link_plan_free (LinkPlan *p)
{
  g_free (p->child_id);
  g_free (p->phone);
  g_free (p);
}

static void
card_plan_free (CardPlan *p)
{
  g_free (p->uid);
  g_free (p->key);
  g_free (p);
}

static void
nk_roster_import_finalize (GObject *object)
{
  NkRosterImport *self = NK_ROSTER_IMPORT (object);

  g_clear_pointer (&self->problems, g_ptr_array_unref);
  g_clear_pointer (&self->rooms, g_hash_table_unref);
  g_clear_pointer (&self->room_list, g_ptr_array_unref);
  g_clear_pointer (&self->children, g_hash_table_unref);
  g_clear_pointer (&self->child_list, g_ptr_array_unref);
  g_clear_pointer (&self->guardians, g_hash_table_unref);
  g_clear_pointer (&self->guardian_list, g_ptr_array_unref);
  g_clear_pointer (&self->links, g_hash_table_unref);
  g_clear_pointer (&self->link_list, g_ptr_array_unref);
  g_clear_pointer (&self->cards, g_hash_table_unref);
  g_clear_pointer (&self->card_list, g_ptr_array_unref);

  G_OBJECT_CLASS (nk_roster_import_parent_class)->finalize (object);
}

static void
nk_roster_import_class_init (NkRosterImportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = nk_roster_import_finalize;
}

static void
nk_roster_import_init (NkRosterImport *self)
{
  self->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) nk_import_problem_free);
  self->room_list = g_ptr_array_new_with_free_func ((GDestroyNotify) room_plan_free);
  self->rooms = g_hash_table_new (g_str_hash, g_str_equal);
  self->child_list = g_ptr_array_new_with_free_func ((GDestroyNotify) child_plan_free);
  self->children = g_hash_table_new (g_str_hash, g_str_equal);
  self->guardian_list = g_ptr_array_new_with_free_func ((GDestroyNotify) guardian_plan_free);
  self->guardians = g_hash_table_new (g_str_hash, g_str_equal);
  self->link_list = g_ptr_array_new_with_free_func ((GDestroyNotify) link_plan_free);
  self->links = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->card_list = g_ptr_array_new_with_free_func ((GDestroyNotify) card_plan_free);
  self->cards = g_hash_table_new (g_str_hash, g_str_equal);
  g_date_clear (&self->today, 1);
}

NkRosterImport *
nk_roster_import_new (const NkUidOptions *uid_options, GTimeZone *tz)
{
  NkRosterImport *self = g_object_new (NK_TYPE_ROSTER_IMPORT, NULL);
  g_autoptr(GDateTime) now = NULL;

  if (uid_options != NULL)
    self->uid_options = *uid_options;
  else
    self->uid_options.format = NK_UID_FORMAT_HEX;

  now = tz != NULL ? g_date_time_new_now (tz) : g_date_time_new_now_local ();
  g_date_set_dmy (&self->today, g_date_time_get_day_of_month (now),
                  g_date_time_get_month (now), g_date_time_get_year (now));
  return self;
}

void
nk_roster_import_set_today (NkRosterImport *self, const GDate *today)
{
  g_return_if_fail (NK_IS_ROSTER_IMPORT (self));
  g_return_if_fail (today != NULL && g_date_valid (today));
  self->today = *today;
}

GPtrArray *
nk_roster_import_get_problems (NkRosterImport *self)
{
  g_return_val_if_fail (NK_IS_ROSTER_IMPORT (self), NULL);
  return self->problems;
}

void
nk_roster_import_add_problem (NkRosterImport *self, guint line, const char *format, ...)
{
  NkImportProblem *problem = g_new0 (NkImportProblem, 1);
  va_list args;

  va_start (args, format);
  problem->line = line;
  problem->message = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (self->problems, problem);
}

static int
compare_problems (gconstpointer a, gconstpointer b)
{
  const NkImportProblem *pa = *(NkImportProblem *const *) a;
  const NkImportProblem *pb = *(NkImportProblem *const *) b;

  return (pa->line > pb->line) - (pa->line < pb->line);
}

/* ---- field checks ------------------------------------------------------ */

static gboolean
has_control_chars (const char *text, gboolean allow_newline)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;
      if (c == '\n' && allow_newline)
        continue;
      if (c < 0x20 || c == 0x7f)
        return TRUE;
    }
  return FALSE;
}

/* A name or other free text: not empty (when required), no control
 * characters, not too long. */
static gboolean
check_text (NkRosterImport *self, guint line, const char *column, const char *value,
            gboolean required, guint max_chars, gboolean allow_newline)
{
  if (required && *value == '\0')
    {
      nk_roster_import_add_problem (self, line, _("%s is empty"), column);
      return FALSE;
    }
  if (has_control_chars (value, allow_newline))
    {
      nk_roster_import_add_problem (self, line, _("%s holds a line break or another control character"), column);
      return FALSE;
    }
  if (g_utf8_strlen (value, -1) > (glong) max_chars)
    {
      nk_roster_import_add_problem (self, line, _("%s is longer than %u characters"), column, max_chars);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_child_id (NkRosterImport *self, guint line, const char *value)
{
  if (!check_text (self, line, "child_id", value, TRUE, NK_MAX_ID_CHARS, FALSE))
    return FALSE;
  for (const char *p = value; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_' && *p != '.')
      {
        g_autofree char *shown = nk_quote_value (value);

        nk_roster_import_add_problem (self, line,
                     _("child_id “%s” may hold only letters A–Z, digits, “-”, “_” and “.”"),
                     shown);
        return FALSE;
      }
  return TRUE;
}

static char *
check_date_of_birth (NkRosterImport *self, guint line, const char *value)
{
  GDate dob;
  GDate oldest;
  g_autofree char *normal = NULL;

  if (*value == '\0')
    {
      nk_roster_import_add_problem (self, line, _("%s is empty"), "date_of_birth");
      return NULL;
    }

  normal = nk_roster_import_parse_date (value, &dob);
  if (normal == NULL)
    {
      g_autofree char *shown = nk_quote_value (value);

      nk_roster_import_add_problem (self, line, _("date_of_birth “%s” is not a date (write YYYY-MM-DD)"), shown);
      return NULL;
    }

  if (g_date_compare (&dob, &self->today) > 0)
    {
      nk_roster_import_add_problem (self, line, _("date_of_birth %s is in the future"), normal);
      return NULL;
    }

  oldest = self->today;
  g_date_subtract_months (&oldest, NK_MAX_AGE_MONTHS);
  if (g_date_compare (&dob, &oldest) < 0)
    {
      nk_roster_import_add_problem (self, line,
                   _("date_of_birth %s: the child is older than 3 years 6 months; "
                     "the kiosk is for children under three"), normal);
      return NULL;
    }

  return g_steal_pointer (&normal);
}

/* ---- rows -------------------------------------------------------------- */

static gboolean
read_header (NkRosterImport *self, GPtrArray *fields, guint line, int *columns)
{
  gboolean ok = TRUE;

  for (guint c = 0; c < N_COLUMNS; c++)
    columns[c] = -1;

  for (guint i = 0; i < fields->len; i++)
    {
      g_autofree char *name = g_strstrip (g_ascii_strdown (g_ptr_array_index (fields, i), -1));

      g_strdelimit (name, " -", '_');
      for (guint c = 0; c < N_COLUMNS; c++)
        if (strcmp (name, column_names[c]) == 0)
          {
            if (columns[c] >= 0)
              {
                nk_roster_import_add_problem (self, line, _("the column %s appears twice in the header"),
                             column_names[c]);
                ok = FALSE;
              }
            columns[c] = (int) i;
          }
    }

  for (guint c = 0; c < N_REQUIRED; c++)
    if (columns[c] < 0)
      {
        nk_roster_import_add_problem (self, line, _("the header has no column %s"), column_names[c]);
        ok = FALSE;
      }

  return ok;
}

/* Claims a card for a holder; a card may belong to one holder only. */
static void
claim_card (NkRosterImport *self, guint line, const char *column, const char *raw,
            NkHolderKind holder, const char *key)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uid = NULL;
  CardPlan *other;
  CardPlan *card;

  if (*raw == '\0')
    return;
  if (g_utf8_strlen (raw, -1) > NK_MAX_UID_CHARS)
    {
      nk_roster_import_add_problem (self, line, _("%s is longer than %u characters"), column,
                                    NK_MAX_UID_CHARS);
      return;
    }

  uid = nk_uid_normalise (raw, &self->uid_options, &error);
  if (uid == NULL)
    {
      nk_roster_import_add_problem (self, line, "%s: %s", column, error->message);
      return;
    }

  other = g_hash_table_lookup (self->cards, uid);
  if (other != NULL)
    {
      if (other->holder != holder || strcmp (other->key, key) != 0)
        nk_roster_import_add_problem (self, line,
                     _("%s %s is already given as %s on line %u; a card belongs to one holder only"),
                     column, uid, other->column, other->line);
      return;
    }

  card = g_new0 (CardPlan, 1);
  card->line = line;
  card->uid = g_steal_pointer (&uid);
  card->holder = holder;
  card->key = g_strdup (key);
  card->column = column;
  g_ptr_array_add (self->card_list, card);
  g_hash_table_insert (self->cards, card->uid, card);
}

static void
read_room (NkRosterImport *self, guint line, const char *name,
           const char *kind_text, const char *places_text)
{
  RoomPlan *room = g_hash_table_lookup (self->rooms, name);
  gboolean kind_given = FALSE;
  NkRoomKind kind = NK_ROOM_TODDLER;
  guint places = 0;

  if (*kind_text != '\0')
    {
      if (!nk_roster_import_parse_room_kind (kind_text, &kind))
        {
          g_autofree char *shown = nk_quote_value (kind_text);

          nk_roster_import_add_problem (self, line, _("room_kind “%s” is not infant, toddler or senior"), shown);
          return;
        }
      kind_given = TRUE;
    }

  if (*places_text != '\0')
    {
      guint64 n = 0;
      if (!g_ascii_string_to_unsigned (places_text, 10, 1, 1000, &n, NULL))
        {
          g_autofree char *shown = nk_quote_value (places_text);

          nk_roster_import_add_problem (self, line, _("room_places “%s” is not a number of places"), shown);
          return;
        }
      places = (guint) n;
    }

  if (room == NULL)
    {
      room = g_new0 (RoomPlan, 1);
      room->line = line;
      room->name = g_strdup (name);
      g_ptr_array_add (self->room_list, room);
      g_hash_table_insert (self->rooms, room->name, room);
    }

  if (kind_given)
    {
      if (room->kind_given && room->kind != kind)
        nk_roster_import_add_problem (self, line, _("room_kind of room “%s” differs from line %u"),
                                      name, room->line);
      else if (!room->kind_given)
        {
          room->kind_given = TRUE;
          room->kind = kind;
          room->line = line;
        }
    }

  if (places != 0)
    {
      if (room->places != 0 && room->places != places)
        nk_roster_import_add_problem (self, line, _("room_places of room “%s” differs from line %u"),
                     name, room->places_line);
      else if (room->places == 0)
        {
          room->places = places;
          room->places_line = line;
        }
    }
}

static const char *
field (GPtrArray *fields, const int *columns, Column c)
{
  if (columns[c] < 0 || (guint) columns[c] >= fields->len)
    return "";
  return g_ptr_array_index (fields, columns[c]);
}

static void
read_row (NkRosterImport *self, GPtrArray *fields, guint line, const int *columns,
          guint n_header)
{
  const char *v[N_COLUMNS];
  guint n_problems = self->problems->len;
  g_autofree char *dob = NULL;
  g_autofree char *phone = NULL;
  gboolean can_pickup = TRUE;
  gboolean child_ok;
  ChildPlan *child;
  GuardianPlan *guardian;
  g_autofree char *link_key = NULL;
  LinkPlan *link;

  for (guint i = 0; i < fields->len; i++)
    g_strstrip (g_ptr_array_index (fields, i));

  for (guint i = n_header; i < fields->len; i++)
    if (*(const char *) g_ptr_array_index (fields, i) != '\0')
      {
        nk_roster_import_add_problem (self, line, _("the row has %u fields but the header only %u"),
                     fields->len, n_header);
        return;
      }

  for (guint c = 0; c < N_COLUMNS; c++)
    v[c] = field (fields, columns, c);

  child_ok = check_child_id (self, line, v[COL_CHILD_ID]);
  child_ok &= check_text (self, line, "child_name", v[COL_CHILD_NAME], TRUE, NK_MAX_NAME_CHARS, FALSE);
  dob = check_date_of_birth (self, line, v[COL_DATE_OF_BIRTH]);
  child_ok &= dob != NULL;
  child_ok &= check_text (self, line, "room", v[COL_ROOM], TRUE, NK_MAX_NAME_CHARS, FALSE);
  child_ok &= check_text (self, line, "allergies", v[COL_ALLERGIES], FALSE, NK_MAX_TEXT_CHARS, TRUE);
  check_text (self, line, "guardian_name", v[COL_GUARDIAN_NAME], TRUE, NK_MAX_NAME_CHARS, FALSE);
  check_text (self, line, "guardian_relation", v[COL_GUARDIAN_RELATION], FALSE, NK_MAX_NAME_CHARS, FALSE);

  if (*v[COL_GUARDIAN_PHONE] == '\0')
    nk_roster_import_add_problem (self, line, _("%s is empty"), "guardian_phone");
  else if ((phone = nk_roster_import_normalise_phone (v[COL_GUARDIAN_PHONE])) == NULL)
    {
      g_autofree char *shown = nk_quote_value (v[COL_GUARDIAN_PHONE]);

      nk_roster_import_add_problem (self, line, _("guardian_phone “%s” does not look like a phone number"),
                                    shown);
    }

  if (*v[COL_CAN_PICKUP] != '\0' && !nk_roster_import_parse_yes_no (v[COL_CAN_PICKUP], &can_pickup))
    {
      g_autofree char *shown = nk_quote_value (v[COL_CAN_PICKUP]);

      nk_roster_import_add_problem (self, line, _("can_pickup “%s” is not yes or no"), shown);
    }

  if (*v[COL_ROOM] != '\0' && child_ok)
    read_room (self, line, v[COL_ROOM], v[COL_ROOM_KIND], v[COL_ROOM_PLACES]);

  /* The child: the same id on another row must say the same. */
  child = child_ok ? g_hash_table_lookup (self->children, v[COL_CHILD_ID]) : NULL;
  if (child_ok && child == NULL)
    {
      child = g_new0 (ChildPlan, 1);
      child->line = line;
      child->id = g_strdup (v[COL_CHILD_ID]);
      child->name = g_strdup (v[COL_CHILD_NAME]);
      child->date_of_birth = g_strdup (dob);
      child->room = g_strdup (v[COL_ROOM]);
      child->allergies = *v[COL_ALLERGIES] != '\0' ? g_strdup (v[COL_ALLERGIES]) : NULL;
      g_ptr_array_add (self->child_list, child);
      g_hash_table_insert (self->children, child->id, child);
    }
  else if (child_ok)
    {
      if (strcmp (child->name, v[COL_CHILD_NAME]) != 0)
        nk_roster_import_add_problem (self, line, _("child %s is named “%s” here but “%s” on line %u"),
                     child->id, v[COL_CHILD_NAME], child->name, child->line);
      if (strcmp (child->date_of_birth, dob) != 0)
        nk_roster_import_add_problem (self, line, _("child %s is born %s here but %s on line %u"),
                     child->id, dob, child->date_of_birth, child->line);
      if (strcmp (child->room, v[COL_ROOM]) != 0)
        nk_roster_import_add_problem (self, line, _("child %s is in room “%s” here but “%s” on line %u"),
                     child->id, v[COL_ROOM], child->room, child->line);
      if (*v[COL_ALLERGIES] != '\0')
        {
          if (child->allergies == NULL)
            child->allergies = g_strdup (v[COL_ALLERGIES]);
          else if (strcmp (child->allergies, v[COL_ALLERGIES]) != 0)
            nk_roster_import_add_problem (self, line, _("child %s has other allergies here than on line %u"),
                         child->id, child->line);
        }
    }

  if (phone == NULL || *v[COL_GUARDIAN_NAME] == '\0')
    return;

  /* The guardian, keyed by phone: the same phone on two children links
   * siblings to one guardian. */
  guardian = g_hash_table_lookup (self->guardians, phone);
  if (guardian == NULL)
    {
      guardian = g_new0 (GuardianPlan, 1);
      guardian->line = line;
      guardian->phone = g_strdup (phone);
      guardian->name = g_strdup (v[COL_GUARDIAN_NAME]);
      guardian->relation = *v[COL_GUARDIAN_RELATION] != '\0' ? g_strdup (v[COL_GUARDIAN_RELATION]) : NULL;
      g_ptr_array_add (self->guardian_list, guardian);
      g_hash_table_insert (self->guardians, guardian->phone, guardian);
    }
  else
    {
      if (strcmp (guardian->name, v[COL_GUARDIAN_NAME]) != 0)
        nk_roster_import_add_problem (self, line,
                     _("guardian_phone %s belongs to “%s” on line %u but to “%s” here"),
                     phone, guardian->name, guardian->line, v[COL_GUARDIAN_NAME]);
      if (*v[COL_GUARDIAN_RELATION] != '\0')
        {
          if (guardian->relation == NULL)
            guardian->relation = g_strdup (v[COL_GUARDIAN_RELATION]);
          else if (strcmp (guardian->relation, v[COL_GUARDIAN_RELATION]) != 0)
            nk_roster_import_add_problem (self, line,
                         _("guardian_relation of %s is “%s” here but “%s” on line %u"),
                         guardian->name, v[COL_GUARDIAN_RELATION], guardian->relation,
                         guardian->line);
        }
    }

  claim_card (self, line, "guardian_card_uid", v[COL_GUARDIAN_CARD_UID],
              NK_HOLDER_GUARDIAN, phone);

  if (!child_ok)
    return;

  claim_card (self, line, "child_card_uid", v[COL_CHILD_CARD_UID],
              NK_HOLDER_CHILD, v[COL_CHILD_ID]);

  link_key = g_strconcat (v[COL_CHILD_ID], "\x1f", phone, NULL);
  link = g_hash_table_lookup (self->links, link_key);
  if (link != NULL)
    {
      if (link->can_pickup != can_pickup)
        nk_roster_import_add_problem (self, line, _("can_pickup for %s and %s differs from line %u"),
                     v[COL_CHILD_ID], v[COL_GUARDIAN_NAME], link->line);
      return;
    }

  if (self->problems->len != n_problems)
    return;

  link = g_new0 (LinkPlan, 1);
  link->line = line;
  link->child_id = g_strdup (v[COL_CHILD_ID]);
  link->phone = g_strdup (phone);
  link->can_pickup = can_pickup;
  g_ptr_array_add (self->link_list, link);
  g_hash_table_insert (self->links, g_steal_pointer (&link_key), link);
}

/* Rooms get their kind and places; places may not pass the national
 * maximum for the kind. */
static void
settle_rooms (NkRosterImport *self)
{
  for (guint i = 0; i < self->room_list->len; i++)
    {
      RoomPlan *room = g_ptr_array_index (self->room_list, i);

      if (!room->kind_given)
        room->kind = nk_roster_import_guess_room_kind (room->name);

      if (room->places > nk_roster_import_max_places (room->kind))
        nk_roster_import_add_problem (self, room->places_line,
                     _("room “%s” has %u places; a room of this kind (%s) has at most %u"),
                     room->name, room->places, nk_room_kind_to_string (room->kind),
                     nk_roster_import_max_places (room->kind));
    }
}

/* The file as UTF-8: as it is, or converted from GB18030 (what Excel in
 * China writes for "CSV"). */
static char *
to_utf8 (const char *data, gsize len, gboolean *converted)
{
  g_autofree char *utf8 = NULL;

  *converted = FALSE;
  if (g_utf8_validate (data, len, NULL))
    return g_strndup (data, len);

  utf8 = g_convert (data, len, "UTF-8", "GB18030", NULL, NULL, NULL);
  if (utf8 == NULL)
    return NULL;
  *converted = TRUE;
  return g_steal_pointer (&utf8);
}

gboolean
nk_roster_import_validate (NkRosterImport *self, const char *data, gssize len, NkStore *store)
{
  g_autoptr(NkCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  GPtrArray *fields = NULL;
  int columns[N_COLUMNS];
  gboolean header_ok = FALSE;
  gboolean have_header = FALSE;
  gboolean converted = FALSE;
  guint n_header = 0;
  guint n_rows = 0;
  guint line = 0;

  g_return_val_if_fail (NK_IS_ROSTER_IMPORT (self), FALSE);
  g_return_val_if_fail (!self->validated, FALSE);
  g_return_val_if_fail (data != NULL || len == 0, FALSE);

  self->validated = TRUE;

  if (len < 0)
    len = strlen (data);

  if (len > NK_ROSTER_MAX_BYTES)
    {
      nk_roster_import_add_problem (self, 1,
                   _("the file is larger than %u MiB; a roster is far smaller (see docs/admin.md)"),
                   NK_ROSTER_MAX_BYTES / (1024 * 1024));
      return FALSE;
    }

  if (len > 0 && memchr (data, '\0', len) != NULL)
    {
      nk_roster_import_add_problem (self, 1, _("the file is not CSV text (it holds NUL bytes; save it as “CSV UTF-8”)"));
      self->ok = FALSE;
      return FALSE;
    }

  text = to_utf8 (data != NULL ? data : "", len, &converted);
  if (text == NULL)
    {
      nk_roster_import_add_problem (self, 1, _("the file is neither UTF-8 nor GB18030 text"));
      return FALSE;
    }
  if (converted)
    g_message ("Roster file read as GB18030");

  if (nk_roster_import_too_many_rows (text))
    {
      nk_roster_import_add_problem (self, 1,
                   _("the file has more than %u rows; a roster is far smaller (see docs/admin.md)"),
                   NK_ROSTER_MAX_ROWS);
      return FALSE;
    }

  reader = nk_csv_reader_new (text, -1);

  while (nk_csv_reader_next (reader, &fields, &line, &error))
    {
      g_autoptr(GPtrArray) owned = fields;

      if (!have_header)
        {
          have_header = TRUE;
          n_header = fields->len;
          header_ok = read_header (self, fields, line, columns);
          continue;
        }
      if (!header_ok || nk_roster_import_row_is_blank (fields))
        continue;

      n_rows++;
      read_row (self, fields, line, columns, n_header);
    }

  if (error != NULL)
    nk_roster_import_add_problem (self, line, "%s", error->message);
  else if (!have_header)
    nk_roster_import_add_problem (self, 1, _("the file is empty; the first line must be the header"));
  else if (header_ok && n_rows == 0)
    nk_roster_import_add_problem (self, line, _("the file has a header but no rows"));

  settle_rooms (self);

  if (self->problems->len == 0 && store != NULL)
    nk_roster_import_check_store (self, store);

  g_ptr_array_sort (self->problems, compare_problems);
  self->ok = self->problems->len == 0;
  return self->ok;
}
