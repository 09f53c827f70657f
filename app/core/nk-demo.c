/* nk-demo.c — a believable centre for the demo, the tests and the
 * benchmarks.  Everything is generated from fixed lists, so two demo
 * databases hold the same roster. */
#define G_LOG_DOMAIN "nk-core"

#include "config.h"

#include <glib/gi18n.h>

#include "nk-absence.h"
#include "nk-allergen.h"
#include "nk-checkup.h"
#include "nk-classroom.h"
#include "nk-demo.h"
#include "nk-roster.h"
#include "nk-store-private.h"

static const char *surnames[] = {
  "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周",
  "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "高", "罗",
};

static const char *given_names[] = {
  "子涵", "子轩", "欣怡", "梓萱", "浩宇", "一诺", "雨桐", "宇轩", "思琪", "俊熙",
  "若汐", "沐阳", "诗涵", "睿", "泽宇", "可馨", "梓睿", "语嫣", "承泽", "安琪",
  "嘉懿", "明哲", "婉清", "皓轩", "心怡", "天佑", "若曦", "锦程", "悦然", "子墨",
};

static const char *parent_names[] = {
  "娜", "伟", "芳", "强", "敏", "静", "磊", "丽", "军", "燕",
  "杰", "艳", "涛", "霞", "斌", "红", "鹏", "玲", "超", "婷",
};

typedef struct {
  const char *id;
  const char *name;
  NkRoomKind  kind;
  guint       places;
  guint       months_min;  /* age range of its children */
  guint       months_span;
} RoomSpec;

static char *
date_of_birth (GDateTime *today, guint months_old, guint day_offset)
{
  g_autoptr (GDateTime) back = g_date_time_add_months (today, -(int) months_old);
  g_autoptr (GDateTime) dob = g_date_time_add_days (back, -(int) (day_offset % 28));

  return g_date_time_format (dob, "%Y-%m-%d");
}

static char *
card_uid (guint32 prefix, guint index)
{
  return g_strdup_printf ("%08X", prefix + index);
}

/* One child with a mother (card, authorised pickup) and, for every third
 * child, a grandparent (card, authorised pickup) too. */
static gboolean
put_family (NkStore *store, GDateTime *today, const RoomSpec *room, guint i, GError **error)
{
  g_autofree char *child_id = g_strdup_printf ("C%04u", i + 1);
  const char *surname = surnames[i % G_N_ELEMENTS (surnames)];
  g_autofree char *name = g_strconcat (surname, given_names[(i * 7 + i / 20) % G_N_ELEMENTS (given_names)], NULL);
  g_autofree char *dob = date_of_birth (today, room->months_min + (i * 5) % room->months_span, i);
  g_autofree char *child_uid = card_uid (0x30000000, i);
  g_autofree char *mother_id = g_strdup_printf ("G%04u", 2 * i + 1);
  g_autofree char *mother = g_strconcat (surnames[(i + 7) % G_N_ELEMENTS (surnames)],
                                         parent_names[i % G_N_ELEMENTS (parent_names)], NULL);
  g_autofree char *mother_phone = g_strdup_printf ("13%09u", 800000000 + 2 * i);
  g_autofree char *mother_uid = card_uid (0x50000000, 2 * i);

  /* one child's allergies the free text cannot all map: staff confirm them */
  const char *allergies = (i % 9 == 4) ? _("Peanuts") : i == 10 ? _("Mango, seafood") : NULL;

  if (!nk_roster_put_child (store, child_id, name, dob, room->id, allergies, NULL, error)
      || !nk_roster_put_card (store, child_uid, NK_HOLDER_CHILD, child_id, error)
      || !nk_roster_put_guardian (store, mother_id, mother, mother_phone, _("Mother"), error)
      || !nk_roster_link (store, child_id, mother_id, TRUE, error)
      || !nk_roster_put_card (store, mother_uid, NK_HOLDER_GUARDIAN, mother_id, error))
    return FALSE;

  if (i % 3 == 0)
    {
      g_autofree char *gp_id = g_strdup_printf ("G%04u", 2 * i + 2);
      g_autofree char *gp = g_strconcat (surname, _("Grandma"), NULL);
      g_autofree char *gp_phone = g_strdup_printf ("13%09u", 800000000 + 2 * i + 1);
      g_autofree char *gp_uid = card_uid (0x50000000, 2 * i + 1);

      if (!nk_roster_put_guardian (store, gp_id, gp, gp_phone, _("Grandmother"), error)
          || !nk_roster_link (store, child_id, gp_id, TRUE, error)
          || !nk_roster_put_card (store, gp_uid, NK_HOLDER_GUARDIAN, gp_id, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
put_staff (NkStore *store, const char *id, const char *name, NkStaffRole role, const char *room,
           const char *uid, GError **error)
{
  g_autofree char *cert = g_strdup_printf ("BYS-%s", id);

  return nk_roster_put_staff (store, id, name, role, cert, room, error)
         && nk_roster_put_card (store, uid, NK_HOLDER_STAFF, id, error);
}

/* The named people the demo tap panel and the tests use. */
static gboolean
put_named (NkStore *store, GDateTime *today, GError **error)
{
  g_autofree char *dob_ming = date_of_birth (today, 20, 3);
  g_autofree char *dob_han = date_of_birth (today, 30, 9);
  g_autofree char *dob_xuan = date_of_birth (today, 14, 17);
  g_autofree char *dob_nuo = date_of_birth (today, 26, 11);

  /* 王小明 is allergic to milk: the demo menu warns at his check-in */
  return nk_roster_put_child (store, "D0001", "王小明", dob_ming, "R2",
                              nk_allergen_label (NK_ALLERGEN_MILK), NULL, error)
         && nk_roster_put_card (store, NK_DEMO_UID_CHILD, NK_HOLDER_CHILD, "D0001", error)
         && nk_roster_put_child (store, "D0002", "刘子涵", dob_han, "R3", _("Eggs"), NULL, error)
         && nk_roster_put_child (store, "D0003", "刘子轩", dob_xuan, "R2", NULL, NULL, error)
         && nk_roster_put_guardian (store, "DG001", "李娜", "13900000001", _("Mother"), error)
         && nk_roster_link (store, "D0002", "DG001", TRUE, error)
         && nk_roster_link (store, "D0003", "DG001", TRUE, error)
         && nk_roster_put_card (store, NK_DEMO_UID_GUARDIAN_TWO, NK_HOLDER_GUARDIAN, "DG001", error)
         && nk_roster_put_card (store, NK_DEMO_UID_LOST, NK_HOLDER_GUARDIAN, "DG001", error)
         && nk_roster_set_card_lost (store, NK_DEMO_UID_LOST, TRUE, error)
         && nk_roster_put_child (store, "D0004", "赵一诺", dob_nuo, "R3", NULL, NULL, error)
         && nk_roster_put_guardian (store, "DG002", "赵伟", "13900000002", _("Father"), error)
         && nk_roster_link (store, "D0004", "DG002", FALSE, error)
         && nk_roster_put_card (store, NK_DEMO_UID_NO_PICKUP, NK_HOLDER_GUARDIAN, "DG002", error)
         && put_staff (store, "S001", "陈园长", NK_STAFF_DIRECTOR, NULL, NK_DEMO_UID_DIRECTOR, error)
         && put_staff (store, "S002", "张老师", NK_STAFF_CAREGIVER, "R2", NK_DEMO_UID_CAREGIVER, error)
         && put_staff (store, "S003", "孙医生", NK_STAFF_HEALTH, NULL, "04C0FF01", error)
         /* a health record to look at: 王小明's 12 and 18 months, 刘子涵's 24 */
         && nk_checkup_put_demo (store, "D0001", dob_ming, 12, 752, 9650, error)
         && nk_checkup_put_demo (store, "D0001", dob_ming, 18, 815, 10820, error)
         && nk_checkup_put_demo (store, "D0002", dob_han, 24, 872, 12400, error);
}

/* A Mommy Classroom session in three days' time at 14:00 in Shanghai
 * (the demo centre's zone), with seats left, for the idle screen and a
 * guardian's tap. */
static gboolean
put_classroom (NkStore *store, GDateTime *today, GError **error)
{
  g_autoptr (GTimeZone) tz = g_time_zone_new_identifier ("Asia/Shanghai");
  g_autoptr (GDateTime) day = g_date_time_add_days (today, 3);
  g_autoptr (GDateTime) starts = g_date_time_new (tz, g_date_time_get_year (day),
                                                  g_date_time_get_month (day),
                                                  g_date_time_get_day_of_month (day), 14, 0, 0);
  NkClassroomSession s = {
    .id = (char *) "demo-classroom-1",
    .title = (char *) _("Feeding a toddler well"),
    .kind = (char *) NK_CLASSROOM_KIND_MOMMY,
    .starts_us = g_date_time_to_unix (starts) * G_USEC_PER_SEC,
    .ends_us = (g_date_time_to_unix (starts) + 90 * 60) * G_USEC_PER_SEC,
    .place = (char *) _("Activity room, 2nd floor"),
    .audience = (char *) "parents",
    .capacity = 20,
    .seats_left = 6,
    .signup_url = (char *) "https://platform.example.cn/classroom/demo-classroom-1",
  };

  return nk_classroom_put_session (store, &s, error);
}

/* Two reasons already recorded today in Shanghai (the demo centre's zone),
 * so the "absent today" list has something to show from 09:30; never
 * three of a symptom, so no outbreak at start. */
static gboolean
put_absences (NkStore *store, GError **error)
{
  g_autoptr (GTimeZone) tz = g_time_zone_new_identifier ("Asia/Shanghai");
  g_autoptr (GDateTime) now = g_date_time_new_now (tz);
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

  return nk_absence_put_demo (store, "C0002", today, NK_ABSENCE_ILLNESS, NK_SYMPTOM_FEVER | NK_SYMPTOM_COUGH,
                              error)
         && nk_absence_put_demo (store, "C0001", today, NK_ABSENCE_LEAVE, 0, error);
}

static gboolean
seed (NkStore *store, guint n_children, gboolean named, GError **error)
{
  g_autoptr (GDateTime) today = g_date_time_new_now_local ();
  g_autoptr (GArray) rooms = g_array_new (FALSE, FALSE, sizeof (RoomSpec));
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree guint *filled = NULL;
  guint capacity = 0;

  /* The three kinds of room at the national maximum size, repeated until
   * every child has a place. */
  for (guint r = 0; capacity < n_children + 9; r++)
    {
      static const RoomSpec kinds[] = {
        { NULL, NULL, NK_ROOM_INFANT, 10, 6, 6 },
        { NULL, NULL, NK_ROOM_TODDLER, 15, 12, 12 },
        { NULL, NULL, NK_ROOM_SENIOR_TODDLER, 20, 24, 12 },
      };
      RoomSpec spec = kinds[r % 3];
      char *id = g_strdup_printf ("R%u", r + 1);
      char *name = r < 3 ? g_strdup (nk_room_kind_label (spec.kind))
                         : g_strdup_printf ("%s %u", nk_room_kind_label (spec.kind), r / 3 + 1);

      g_ptr_array_add (names, id);
      g_ptr_array_add (names, name);
      spec.id = id;
      spec.name = name;
      g_array_append_val (rooms, spec);
      capacity += spec.places;
    }

  if (!nk_store_begin (store, error))
    return FALSE;

  for (guint r = 0; r < rooms->len; r++)
    {
      const RoomSpec *spec = &g_array_index (rooms, RoomSpec, r);
      g_autofree char *staff_id = g_strdup_printf ("S1%02u", r);
      g_autofree char *staff_name = g_strconcat (surnames[(r + 3) % G_N_ELEMENTS (surnames)],
                                                 _("Teacher"), NULL);
      g_autofree char *staff_uid = card_uid (0x70000000, r);

      if (!nk_roster_put_room (store, spec->id, spec->name, spec->kind, spec->places, error)
          || !put_staff (store, staff_id, staff_name, NK_STAFF_CAREGIVER, spec->id, staff_uid, error))
        goto fail;
    }

  /* Children fill the rooms in turn; the first three rooms keep three
   * places for the named children. */
  filled = g_new0 (guint, rooms->len);
  for (guint i = 0; i < n_children; i++)
    {
      guint r = i % rooms->len;

      while (filled[r] + (r < 3 ? 3 : 0) >= g_array_index (rooms, RoomSpec, r).places)
        r = (r + 1) % rooms->len;
      filled[r]++;
      if (!put_family (store, today, &g_array_index (rooms, RoomSpec, r), i, error))
        goto fail;
    }

  if (named && (!put_named (store, today, error) || !put_classroom (store, today, error)
                || !put_absences (store, error)))
    goto fail;
  if (!nk_store_set_meta (store, "centre_name", _("Sunshine Nursery"), error))
    goto fail;
  return nk_store_commit (store, error);

fail:
  nk_store_rollback (store);
  return FALSE;
}

gboolean
nk_demo_seed (NkStore *store, GError **error)
{
  if (nk_roster_count_children (store) > 0)
    return TRUE;
  return seed (store, 36, TRUE, error);
}

gboolean
nk_demo_seed_large (NkStore *store, guint n_children, GError **error)
{
  return seed (store, n_children, TRUE, error);
}

void
nk_demo_card_free (NkDemoCard *card)
{
  g_free (card->uid);
  g_free (card->label);
  g_free (card);
}

static void
add_card (GPtrArray *cards, const char *uid, const char *label)
{
  NkDemoCard *card = g_new0 (NkDemoCard, 1);

  card->uid = g_strdup (uid);
  card->label = g_strdup (label);
  g_ptr_array_add (cards, card);
}

GPtrArray *
nk_demo_cards (void)
{
  GPtrArray *cards = g_ptr_array_new_with_free_func ((GDestroyNotify) nk_demo_card_free);

  add_card (cards, NK_DEMO_UID_CHILD, _("Child card"));
  add_card (cards, NK_DEMO_UID_GUARDIAN_TWO, _("Mother of two"));
  add_card (cards, NK_DEMO_UID_NO_PICKUP, _("Drop-off only"));
  add_card (cards, NK_DEMO_UID_CAREGIVER, _("Caregiver"));
  add_card (cards, NK_DEMO_UID_DIRECTOR, _("Director"));
  add_card (cards, NK_DEMO_UID_LOST, _("Lost card"));
  add_card (cards, NK_DEMO_UID_UNKNOWN, _("Unknown card"));
  return cards;
}
