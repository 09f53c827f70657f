/* nk-pull-sections.c — THE TABLE of pull sections: for each, its fields
 * and their checks, its key, what it refers to, and how one record is
 * written and deleted.  The table's order is the apply order.
 * nk-pull-private.h says how to add a section.
 *
 * Every write is an upsert or a delete by key, so applying the same
 * record twice (a chunk applied again after a crash) changes nothing
 * more.  A child's upsert leaves the photo the kiosk keeps alone, so no
 * read of it can fail and wipe it. */
#define G_LOG_DOMAIN "nk-core"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "nk-classroom-pull.h"
#include "nk-menu-allergy.h"
#include "nk-menu-private.h"
#include "nk-checkup-pull.h"
#include "nk-pull-private.h"
#include "nk-relay.h"
#include "nk-store-private.h"
#include "nk-types.h"
#include "nk-uid.h"

#define MAX_NAME 100
#define MAX_TEXT 200
#define MAX_PLACES 100

static const char *const room_kinds[] = { "infant", "toddler", "senior", NULL };
static const char *const staff_roles[] = { "caregiver", "director", "health", NULL };
static const char *const holder_kinds[] = { "child", "guardian", "staff", NULL };
static const char *const holder_sections[] = { "children", "guardians", "staff", NULL };
static const char *const card_states[] = { "active", "lost", NULL };

#define WHAT _("Cannot apply the platform's changes")

/* ---- rooms ------------------------------------------------------------- */

enum { ROOM_ID, ROOM_NAME, ROOM_KIND, ROOM_PLACES };

static const NkPullField room_fields[] = {
  [ROOM_ID] = { "id", NK_PULL_ID, NK_PULL_REQUIRED },
  [ROOM_NAME] = { "name", NK_PULL_TEXT, NK_PULL_REQUIRED, .max = MAX_NAME },
  [ROOM_KIND] = { "kind", NK_PULL_CHOICE, NK_PULL_REQUIRED, .choices = room_kinds },
  [ROOM_PLACES] = { "places", NK_PULL_INT, NK_PULL_REQUIRED, .min = 1, .max = MAX_PLACES },
};

static gboolean
apply_room (NkStore *store, NkPullItem *item, GError **error)
{
  return nk_store_run (store,
                       "INSERT INTO rooms (id, name, kind, places) VALUES (:id, :name, :kind, :places) "
                       "ON CONFLICT (id) DO UPDATE SET name = :name, kind = :kind, places = :places",
                       WHAT, error, NK_TEXT (":id", nk_pull_item_text (item, ROOM_ID)),
                       NK_TEXT (":name", nk_pull_item_text (item, ROOM_NAME)),
                       NK_TEXT (":kind", nk_pull_item_text (item, ROOM_KIND)),
                       NK_INT (":places", nk_pull_item_number (item, ROOM_PLACES)), NK_END);
}

/* Only an empty room goes; its retired children and staff keep their
 * history without it. */
static gboolean
remove_room (NkStore *store, NkPullItem *item, GError **error)
{
  const char *id = nk_pull_item_text (item, ROOM_ID);
  sqlite3_stmt *row = NULL;
  gint64 in_use = 0;

  if (!nk_store_query_row (store, &row,
                           "SELECT (SELECT count(*) FROM children WHERE room_id = ?1 AND active) "
                           "     + (SELECT count(*) FROM staff WHERE room_id = ?1 AND active)",
                           _("Cannot read the roster"), error, NK_TEXT ("?1", id), NK_END))
    return FALSE;
  if (row)
    {
      in_use = sqlite3_column_int64 (row, 0);
      sqlite3_reset (row);
    }
  if (in_use > 0)
    {
      g_set_error (error, NK_PULL_ERROR, NK_PULL_ERROR_REFUSED,
                   _("room %s still has active children or staff"), id);
      return FALSE;
    }
  return nk_store_run (store, "UPDATE children SET room_id = NULL WHERE room_id = ?1", WHAT, error,
                       NK_TEXT ("?1", id), NK_END)
         && nk_store_run (store, "UPDATE staff SET room_id = NULL WHERE room_id = ?1", WHAT, error,
                          NK_TEXT ("?1", id), NK_END)
         && nk_store_run (store, "DELETE FROM rooms WHERE id = ?1", WHAT, error, NK_TEXT ("?1", id),
                          NK_END);
}

/* ---- staff ------------------------------------------------------------- */

enum { STAFF_ID, STAFF_NAME, STAFF_ROLE, STAFF_CERTIFICATE, STAFF_ROOM, STAFF_ACTIVE };

static const NkPullField staff_fields[] = {
  [STAFF_ID] = { "id", NK_PULL_ID, NK_PULL_REQUIRED },
  [STAFF_NAME] = { "name", NK_PULL_TEXT, NK_PULL_REQUIRED, .max = MAX_NAME },
  [STAFF_ROLE] = { "role", NK_PULL_CHOICE, NK_PULL_REQUIRED, .choices = staff_roles },
  [STAFF_CERTIFICATE] = { "certificate", NK_PULL_TEXT, NK_PULL_OPTIONAL, .max = MAX_TEXT },
  [STAFF_ROOM] = { "room_id", NK_PULL_ID, NK_PULL_OPTIONAL, .refers_to = "rooms" },
  [STAFF_ACTIVE] = { "active", NK_PULL_BOOL, NK_PULL_OPTIONAL, .fallback = TRUE },
};

static gboolean
apply_staff (NkStore *store, NkPullItem *item, GError **error)
{
  return nk_store_run (store,
                       "INSERT INTO staff (id, name, role, certificate, room_id, active) "
                       "VALUES (:id, :name, :role, :certificate, :room_id, :active) "
                       "ON CONFLICT (id) DO UPDATE SET name = :name, role = :role, "
                       "certificate = :certificate, room_id = :room_id, active = :active",
                       WHAT, error, NK_TEXT (":id", nk_pull_item_text (item, STAFF_ID)),
                       NK_TEXT (":name", nk_pull_item_text (item, STAFF_NAME)),
                       NK_TEXT (":role", nk_pull_item_text (item, STAFF_ROLE)),
                       NK_TEXT (":certificate", nk_pull_item_text (item, STAFF_CERTIFICATE)),
                       NK_TEXT (":room_id", nk_pull_item_text (item, STAFF_ROOM)),
                       NK_BOOL (":active", nk_pull_item_number (item, STAFF_ACTIVE)), NK_END);
}

/* Retired: the history stays, the cards stop working. */
static gboolean
remove_staff (NkStore *store, NkPullItem *item, GError **error)
{
  return nk_store_run (store, "UPDATE staff SET active = 0 WHERE id = ?1", WHAT, error,
                       NK_TEXT ("?1", nk_pull_item_text (item, STAFF_ID)), NK_END);
}

/* ---- children ---------------------------------------------------------- */

enum { CHILD_ID, CHILD_NAME, CHILD_BIRTH, CHILD_ROOM, CHILD_ALLERGIES, CHILD_ACTIVE,
       CHILD_ALLERGY_OTHER };

static const NkPullField child_fields[] = {
  [CHILD_ID] = { "id", NK_PULL_ID, NK_PULL_REQUIRED },
  [CHILD_NAME] = { "name", NK_PULL_TEXT, NK_PULL_REQUIRED, .max = MAX_NAME },
  [CHILD_BIRTH] = { "date_of_birth", NK_PULL_BIRTH_DATE, NK_PULL_REQUIRED },
  [CHILD_ROOM] = { "room_id", NK_PULL_ID, NK_PULL_OPTIONAL, .refers_to = "rooms" },
  [CHILD_ALLERGIES] = { "allergies", NK_PULL_TEXT, NK_PULL_OPTIONAL, .max = MAX_TEXT },
  [CHILD_ACTIVE] = { "active", NK_PULL_BOOL, NK_PULL_OPTIONAL, .fallback = TRUE },
  [CHILD_ALLERGY_OTHER] = { "allergy_other", NK_PULL_TEXT, NK_PULL_OPTIONAL,
                            .max = NK_ALLERGEN_OTHER_MAX },
};

/* "allergens" (since 1.3): a list of the GB 7718 codes (nk-allergen.h). */
static char *
check_child (NkPullItem *item, const char **field)
{
  NkAllergens set;
  char *why = nk_allergens_from_json (json_object_get_member (json_node_get_object (item->node),
                                                              "allergens"), &set);

  if (why != NULL)
    *field = "allergens";
  return why;
}

/* The structured list when the platform gives one, else the free text
 * mapped (nk-menu-allergy.h). */
static gboolean
apply_child_allergies (NkStore *store, NkPullItem *item, GError **error)
{
  JsonNode *list = json_object_get_member (json_node_get_object (item->node), "allergens");
  gboolean structured = list != NULL && !JSON_NODE_HOLDS_NULL (list);
  NkAllergens set = 0;

  g_free (nk_allergens_from_json (list, &set));
  return nk_allergy_put_child (store, nk_pull_item_text (item, CHILD_ID),
                               nk_pull_item_text (item, CHILD_ALLERGIES), structured, set,
                               nk_pull_item_text (item, CHILD_ALLERGY_OTHER), error);
}

static gboolean
apply_child (NkStore *store, NkPullItem *item, GError **error)
{
  /* photo is the kiosk's own: neither set nor read here. */
  return nk_store_run (store,
                       "INSERT INTO children (id, name, date_of_birth, room_id, allergies, active) "
                       "VALUES (:id, :name, :dob, :room_id, coalesce(:allergies, ''), :active) "
                       "ON CONFLICT (id) DO UPDATE SET name = :name, date_of_birth = :dob, "
                       "room_id = :room_id, allergies = coalesce(:allergies, ''), active = :active",
                       WHAT, error, NK_TEXT (":id", nk_pull_item_text (item, CHILD_ID)),
                       NK_TEXT (":name", nk_pull_item_text (item, CHILD_NAME)),
                       NK_TEXT (":dob", nk_pull_item_text (item, CHILD_BIRTH)),
                       NK_TEXT (":room_id", nk_pull_item_text (item, CHILD_ROOM)),
                       NK_TEXT (":allergies", nk_pull_item_text (item, CHILD_ALLERGIES)),
                       NK_BOOL (":active", nk_pull_item_number (item, CHILD_ACTIVE)), NK_END)
         && apply_child_allergies (store, item, error);
}

static gboolean
remove_child (NkStore *store, NkPullItem *item, GError **error)
{
  return nk_store_run (store, "UPDATE children SET active = 0 WHERE id = ?1", WHAT, error,
                       NK_TEXT ("?1", nk_pull_item_text (item, CHILD_ID)), NK_END);
}

/* ---- guardians --------------------------------------------------------- */

enum { GUARDIAN_ID, GUARDIAN_NAME, GUARDIAN_PHONE, GUARDIAN_RELATION };

static const NkPullField guardian_fields[] = {
  [GUARDIAN_ID] = { "id", NK_PULL_ID, NK_PULL_REQUIRED },
  [GUARDIAN_NAME] = { "name", NK_PULL_TEXT, NK_PULL_REQUIRED, .max = MAX_NAME },
  [GUARDIAN_PHONE] = { "phone", NK_PULL_PHONE, NK_PULL_OPTIONAL },
  [GUARDIAN_RELATION] = { "relation", NK_PULL_TEXT, NK_PULL_OPTIONAL, .max = MAX_TEXT },
};

static gboolean
apply_guardian (NkStore *store, NkPullItem *item, GError **error)
{
  /* A phone another guardian has is a constraint error: quarantined. */
  return nk_store_run (store,
                       "INSERT INTO guardians (id, name, phone, relation) "
                       "VALUES (:id, :name, :phone, coalesce(:relation, '')) "
                       "ON CONFLICT (id) DO UPDATE SET name = :name, phone = :phone, "
                       "relation = coalesce(:relation, '')",
                       WHAT, error, NK_TEXT (":id", nk_pull_item_text (item, GUARDIAN_ID)),
                       NK_TEXT (":name", nk_pull_item_text (item, GUARDIAN_NAME)),
                       NK_TEXT (":phone", nk_pull_item_text (item, GUARDIAN_PHONE)),
                       NK_TEXT (":relation", nk_pull_item_text (item, GUARDIAN_RELATION)), NK_END);
}

/* Removed with their links and cards. */
static gboolean
remove_guardian (NkStore *store, NkPullItem *item, GError **error)
{
  const char *id = nk_pull_item_text (item, GUARDIAN_ID);

  return nk_store_run (store, "DELETE FROM cards WHERE holder_kind = 'guardian' AND holder_id = ?1",
                       WHAT, error, NK_TEXT ("?1", id), NK_END)
         && nk_store_run (store, "DELETE FROM guardian_children WHERE guardian_id = ?1", WHAT, error,
                          NK_TEXT ("?1", id), NK_END)
         && nk_store_run (store, "DELETE FROM guardians WHERE id = ?1", WHAT, error,
                          NK_TEXT ("?1", id), NK_END);
}

/* ---- pickups ----------------------------------------------------------- */

enum { PICKUP_CHILD, PICKUP_GUARDIAN, PICKUP_ALLOWED };

static const NkPullField pickup_fields[] = {
  [PICKUP_CHILD] = { "child_id", NK_PULL_ID, NK_PULL_REQUIRED, .refers_to = "children" },
  [PICKUP_GUARDIAN] = { "guardian_id", NK_PULL_ID, NK_PULL_REQUIRED, .refers_to = "guardians" },
  [PICKUP_ALLOWED] = { "can_pickup", NK_PULL_BOOL, NK_PULL_OPTIONAL, .fallback = TRUE },
};

static gboolean
apply_pickup (NkStore *store, NkPullItem *item, GError **error)
{
  return nk_store_run (store,
                       "INSERT INTO guardian_children (guardian_id, child_id, can_pickup) "
                       "VALUES (?1, ?2, ?3) "
                       "ON CONFLICT (guardian_id, child_id) DO UPDATE SET can_pickup = ?3",
                       WHAT, error, NK_TEXT ("?1", nk_pull_item_text (item, PICKUP_GUARDIAN)),
                       NK_TEXT ("?2", nk_pull_item_text (item, PICKUP_CHILD)),
                       NK_BOOL ("?3", nk_pull_item_number (item, PICKUP_ALLOWED)), NK_END);
}

static gboolean
remove_pickup (NkStore *store, NkPullItem *item, GError **error)
{
  return nk_store_run (store, "DELETE FROM guardian_children WHERE child_id = ?1 AND guardian_id = ?2",
                       WHAT, error, NK_TEXT ("?1", nk_pull_item_text (item, PICKUP_CHILD)),
                       NK_TEXT ("?2", nk_pull_item_text (item, PICKUP_GUARDIAN)), NK_END);
}

/* ---- cards ------------------------------------------------------------- */

enum { CARD_UID, CARD_HOLDER_KIND, CARD_HOLDER, CARD_STATUS };

static const NkPullField card_fields[] = {
  [CARD_UID] = { "uid", NK_PULL_UID, NK_PULL_REQUIRED },
  [CARD_HOLDER_KIND] = { "holder_kind", NK_PULL_CHOICE, NK_PULL_REQUIRED, .choices = holder_kinds,
                         .choice_sections = holder_sections },
  [CARD_HOLDER] = { "holder_id", NK_PULL_ID, NK_PULL_REQUIRED, .refers_via = "holder_kind" },
  [CARD_STATUS] = { "status", NK_PULL_CHOICE, NK_PULL_REQUIRED, .choices = card_states },
};

static gboolean
apply_card (NkStore *store, NkPullItem *item, GError **error)
{
  return nk_store_run (store,
                       "INSERT INTO cards (uid, holder_kind, holder_id, status) VALUES (?1, ?2, ?3, ?4) "
                       "ON CONFLICT (uid) DO UPDATE SET holder_kind = ?2, holder_id = ?3, status = ?4",
                       WHAT, error, NK_TEXT ("?1", nk_pull_item_text (item, CARD_UID)),
                       NK_TEXT ("?2", nk_pull_item_text (item, CARD_HOLDER_KIND)),
                       NK_TEXT ("?3", nk_pull_item_text (item, CARD_HOLDER)),
                       NK_TEXT ("?4", nk_pull_item_text (item, CARD_STATUS)), NK_END);
}

static gboolean
remove_card (NkStore *store, NkPullItem *item, GError **error)
{
  return nk_store_run (store, "DELETE FROM cards WHERE uid = ?1", WHAT, error,
                       NK_TEXT ("?1", nk_pull_item_text (item, CARD_UID)), NK_END);
}

/* A card the platform reports lost stops working whatever else is wrong
 * with its record or the answer: when the record names a valid UID and
 * says "lost", the kiosk's card of that UID is blocked.  Blocking is
 * never unsafe; the rest of the record waits in quarantine. */
static gboolean
salvage_card (NkStore *store, NkPullItem *item, GError **error)
{
  JsonObject *obj = JSON_NODE_HOLDS_OBJECT (item->node) ? json_node_get_object (item->node) : NULL;
  JsonNode *uid = obj ? json_object_get_member (obj, "uid") : NULL;
  JsonNode *status = obj ? json_object_get_member (obj, "status") : NULL;
  const char *s;

  if (uid == NULL || status == NULL || !JSON_NODE_HOLDS_VALUE (uid) || !JSON_NODE_HOLDS_VALUE (status)
      || json_node_get_value_type (uid) != G_TYPE_STRING
      || json_node_get_value_type (status) != G_TYPE_STRING
      || g_strcmp0 (json_node_get_string (status), "lost") != 0
      || !nk_uid_is_valid (s = json_node_get_string (uid)))
    return TRUE;
  if (!nk_store_run (store, "UPDATE cards SET status = 'lost' WHERE uid = ?1 AND status != 'lost'",
                     WHAT, error, NK_TEXT ("?1", s), NK_END))
    return FALSE;
  if (sqlite3_changes (nk_store_get_db (store)) > 0)
    g_message ("Card %s blocked: the platform reports it lost (its record waits in quarantine)", s);
  return TRUE;
}

/* ---- menus: one day each (nk-menu.h) -------------------------------------- */

enum { MENU_ID, MENU_DATE, MENU_UPDATED };

static const NkPullField menu_fields[] = {
  [MENU_ID] = { "id", NK_PULL_ID, NK_PULL_REQUIRED },
  [MENU_DATE] = { "date", NK_PULL_TEXT, NK_PULL_REQUIRED, .max = 10 },
  [MENU_UPDATED] = { "updated_at", NK_PULL_TEXT, NK_PULL_OPTIONAL, .max = 24 },
};

/* The day, every nested member: the one validator of nk-menu.c. */
static char *
check_menu (NkPullItem *item, const char **field)
{
  return nk_menu_check_platform (item->node, field);
}

/* Unless the kiosk holds a newer edit of that date. */
static gboolean
apply_menu (NkStore *store, NkPullItem *item, GError **error)
{
  g_autoptr (GError) local = NULL;

  if (nk_menu_apply_platform (store, item->node, g_get_real_time (), &local))
    return TRUE;
  if (local->domain == NK_MENU_ERROR)
    g_set_error_literal (error, NK_PULL_ERROR, NK_PULL_ERROR_REFUSED, local->message);
  else
    g_propagate_error (error, g_steal_pointer (&local));
  return FALSE;
}

static gboolean
remove_menu (NkStore *store, NkPullItem *item, GError **error)
{
  return nk_menu_remove_platform (store, nk_pull_item_text (item, MENU_ID), error);
}

/* ---- kept as received: sections this version does not know ------------- */

/* (nk-pull-apply.c) */
static gboolean
keep_as_received (NkStore *store, NkPullItem *item, GError **error)
{
  return nk_store_run (store,
                       "INSERT INTO pulled_records (section, id, body, received_us) "
                       "VALUES (?1, ?2, ?3, ?4) "
                       "ON CONFLICT (section, id) DO UPDATE SET body = ?3, received_us = ?4",
                       WHAT, error, NK_TEXT ("?1", item->section_name), NK_TEXT ("?2", item->key),
                       NK_TEXT ("?3", nk_pull_item_body (item)), NK_INT ("?4", g_get_real_time ()),
                       NK_END);
}

/* ---- events: what the centre's other kiosks recorded (nk-relay.h) -------- */

enum { EVENT_ID };

static const NkPullField event_fields[] = {
  [EVENT_ID] = { "id", NK_PULL_ID, NK_PULL_REQUIRED },
};

/* The envelope and the payload of its kind, every field (nk-relay.c). */
static char *
check_event (NkPullItem *item, const char **field)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (NkRelayEvent) event = nk_relay_event_parse (item->node, NULL, field, &error);

  return event ? NULL : g_strdup (error->message);
}

/* Written with the event's own id: applied again, it changes nothing.
 * One naming a child, caregiver or room the kiosk does not hold waits in
 * quarantine for them. */
static gboolean
apply_event (NkStore *store, NkPullItem *item, GError **error)
{
  g_autoptr (GError) local = NULL;
  g_autoptr (NkRelayEvent) event = nk_relay_event_parse (item->node, NULL, NULL, &local);
  NkRelayOutcome outcome;

  if (event != NULL && nk_relay_event_apply (event, store, &outcome, &local))
    return TRUE;
  if (local->domain == NK_RELAY_ERROR)
    g_set_error_literal (error, NK_PULL_ERROR, NK_PULL_ERROR_REFUSED, local->message);
  else
    g_propagate_error (error, g_steal_pointer (&local));
  return FALSE;
}

/* ---- the table ----------------------------------------------------------- */

#define FIELDS(a) a, G_N_ELEMENTS (a)

const NkPullSection nk_pull_sections[] = {
  { "rooms", N_("room"), FIELDS (room_fields), { ROOM_ID }, 1,
    "SELECT 1 FROM rooms WHERE id = ?1", "room", apply_room, remove_room, NULL },
  { "staff", N_("member of staff"), FIELDS (staff_fields), { STAFF_ID }, 1,
    "SELECT 1 FROM staff WHERE id = ?1", "staff", apply_staff, remove_staff, NULL },
  { "children", N_("child"), FIELDS (child_fields), { CHILD_ID }, 1,
    "SELECT 1 FROM children WHERE id = ?1", "child", apply_child, remove_child, NULL, check_child },
  { "guardians", N_("guardian"), FIELDS (guardian_fields), { GUARDIAN_ID }, 1,
    "SELECT 1 FROM guardians WHERE id = ?1", "guardian", apply_guardian, remove_guardian, NULL },
  { "pickups", N_("authorised pickup"), FIELDS (pickup_fields), { PICKUP_CHILD, PICKUP_GUARDIAN }, 2,
    NULL, "pickup", apply_pickup, remove_pickup, NULL },
  { "cards", N_("card"), FIELDS (card_fields), { CARD_UID }, 1,
    NULL, "card", apply_card, remove_card, salvage_card },
  { "menus", N_("menu"), FIELDS (menu_fields), { MENU_ID }, 1,
    "SELECT 1 FROM menu_days WHERE id = ?1", "menu", apply_menu, remove_menu, NULL, check_menu },
  /* the contracted institution's visit dates (nk-checkup-pull.h) */
  { "checkups", N_("check-up visit"), nk_checkup_visit_fields, NK_CHECKUP_VISIT_N_FIELDS,
    { NK_CHECKUP_VISIT_ID }, 1, "SELECT 1 FROM checkup_visits WHERE id = ?1", "checkup",
    nk_checkup_visit_apply, nk_checkup_visit_remove, NULL, nk_checkup_visit_check },
  /* after rooms, staff and children, which its payload names */
  { "events", N_("record of another kiosk"), FIELDS (event_fields), { EVENT_ID }, 1,
    NULL, NULL, apply_event, NULL, NULL, check_event },
  /* after events: a session counts the sign-ups relayed with it (nk-classroom-pull.c) */
  { "classroom_sessions", N_("Mommy Classroom session"), nk_classroom_pull_fields,
    NK_CLASSROOM_PULL_N_FIELDS, { NK_CLASSROOM_PULL_ID }, 1,
    "SELECT 1 FROM classroom_sessions WHERE id = ?1", "classroom_session",
    nk_classroom_pull_apply, nk_classroom_pull_remove, NULL, nk_classroom_pull_check },
};

const guint nk_pull_n_sections = G_N_ELEMENTS (nk_pull_sections);

/* What keeps the records of a section this version does not know. */
const NkPullWrite nk_pull_keep_unknown = keep_as_received;

const NkPullSection *
nk_pull_section_find (const char *name)
{
  for (guint i = 0; i < nk_pull_n_sections; i++)
    if (strcmp (nk_pull_sections[i].name, name) == 0)
      return &nk_pull_sections[i];
  return NULL;
}

const NkPullSection *
nk_pull_section_for_deletion (const char *kind)
{
  for (guint i = 0; i < nk_pull_n_sections; i++)
    if (g_strcmp0 (nk_pull_sections[i].deletion_kind, kind) == 0)
      return &nk_pull_sections[i];
  return NULL;
}

const char *
nk_pull_deletion_kinds (void)
{
  static gsize once;
  static char *kinds;

  if (g_once_init_enter (&once))
    {
      GString *s = g_string_new (NULL);

      for (guint i = 0; i < nk_pull_n_sections; i++)
        if (nk_pull_sections[i].deletion_kind)
          g_string_append_printf (s, "%s%s", s->len ? ", " : "", nk_pull_sections[i].deletion_kind);
      kinds = g_string_free (s, FALSE);
      g_once_init_leave (&once, 1);
    }
  return kinds;
}

const char *
nk_pull_section_label (const char *section)
{
  const NkPullSection *s = nk_pull_section_find (section);

  if (s)
    return _(s->label);
  if (g_strcmp0 (section, "deletions") == 0)
    return _("deletion");
  return section;
}

static gboolean
refers_ok (guint position, const char *target, const char *from, const char *field, char **problem)
{
  const NkPullSection *t = nk_pull_section_find (target);

  if (t == NULL || t - nk_pull_sections >= (gssize) position || t->exists_sql == NULL)
    {
      *problem = g_strdup_printf ("%s.%s refers to %s, which is not an earlier section with exists_sql",
                                  from, field, target);
      return FALSE;
    }
  return TRUE;
}

gboolean
nk_pull_sections_check (char **problem)
{
  for (guint i = 0; i < nk_pull_n_sections; i++)
    {
      const NkPullSection *s = &nk_pull_sections[i];

      if (s->n_key < 1 || s->n_key > 2 || s->apply == NULL || (s->deletion_kind && s->remove == NULL))
        {
          *problem = g_strdup_printf ("%s: a key of one or two fields, apply, and remove with "
                                      "deletion_kind are needed", s->name);
          return FALSE;
        }
      for (guint f = 0; f < s->n_fields; f++)
        {
          const NkPullField *field = &s->fields[f];

          if (field->refers_to && !refers_ok (i, field->refers_to, s->name, field->name, problem))
            return FALSE;
          if (field->refers_via)
            {
              const NkPullField *via = NULL;

              for (guint v = 0; v < s->n_fields; v++)
                if (strcmp (s->fields[v].name, field->refers_via) == 0)
                  via = &s->fields[v];
              if (via == NULL || via->type != NK_PULL_CHOICE || via->choice_sections == NULL)
                {
                  *problem = g_strdup_printf ("%s.%s: refers_via names no choice with sections",
                                              s->name, field->name);
                  return FALSE;
                }
              for (guint c = 0; via->choice_sections[c]; c++)
                if (!refers_ok (i, via->choice_sections[c], s->name, field->name, problem))
                  return FALSE;
            }
        }
    }
  return TRUE;
}

/* ---- values ------------------------------------------------------------ */

const char *
nk_pull_item_text (NkPullItem *item, guint field)
{
  return item->values[field].text;
}

gint64
nk_pull_item_number (NkPullItem *item, guint field)
{
  return item->values[field].number;
}

const char *
nk_pull_item_body (NkPullItem *item)
{
  if (item->body == NULL)
    {
      g_autoptr (JsonGenerator) gen = json_generator_new ();

      json_generator_set_root (gen, item->node);
      item->body = json_generator_to_data (gen, NULL);
    }
  return item->body;
}
