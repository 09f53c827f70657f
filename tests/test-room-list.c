/* test-room-list.c — staff mode's lists as models (nk-room-list.h,
 * nk-open-stay-list.h): changed in place from the store's notifications,
 * "items-changed" only for what came or went. */
#include "config.h"

#include <string.h>

#include "core/nk-demo.h"
#include "core/nk-door.h"
#include "core/nk-open-stay-list.h"
#include "core/nk-roster.h"
#include "core/nk-room-list.h"
#include "nk-test-util.h"

/* 2026-11-23 08:00 in Shanghai = 00:00 UTC */
#define MONDAY_8AM_US (G_GINT64_CONSTANT (1795392000) * G_USEC_PER_SEC)
#define SECONDS(s) ((gint64) (s) * G_USEC_PER_SEC)
#define HOURS(h) SECONDS ((h) * 3600)

/* One signal seen: "items-changed" of a model, or "notify" of an item. */
typedef struct {
  gpointer object;
  char    *what;      /* "items-changed" or the property's name */
  guint    position;
  guint    removed;
  guint    added;
} Seen;

static void
seen_free (Seen *s)
{
  g_free (s->what);
  g_free (s);
}

typedef struct {
  char        *dir;
  NkStore     *store;
  NkDoor      *door;
  NkTestClock  clock;
  NkRoomList  *rooms;
  GPtrArray   *seen;    /* Seen* */
} Fixture;

static void
on_items_changed (GListModel *model, guint position, guint removed, guint added, Fixture *f)
{
  Seen *s = g_new0 (Seen, 1);

  s->object = model;
  s->what = g_strdup ("items-changed");
  s->position = position;
  s->removed = removed;
  s->added = added;
  g_ptr_array_add (f->seen, s);
}

static void
on_notify (GObject *object, GParamSpec *pspec, Fixture *f)
{
  Seen *s = g_new0 (Seen, 1);

  s->object = object;
  s->what = g_strdup (pspec->name);
  g_ptr_array_add (f->seen, s);
}

/* Watches the room list, every room, its children model and every child. */
static void
spy_rooms (Fixture *f)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (f->rooms));

  g_signal_connect (f->rooms, "items-changed", G_CALLBACK (on_items_changed), f);
  g_signal_connect (f->rooms, "notify", G_CALLBACK (on_notify), f);
  for (guint r = 0; r < n; r++)
    {
      g_autoptr (NkRoomItem) room = g_list_model_get_item (G_LIST_MODEL (f->rooms), r);
      GListModel *children = nk_room_item_get_children (room);

      g_signal_connect (room, "notify", G_CALLBACK (on_notify), f);
      g_signal_connect (children, "items-changed", G_CALLBACK (on_items_changed), f);
      for (guint c = 0; c < g_list_model_get_n_items (children); c++)
        {
          g_autoptr (GObject) child = g_list_model_get_item (children, c);

          g_signal_connect (child, "notify", G_CALLBACK (on_notify), f);
        }
    }
}

static void
setup (Fixture *f, gconstpointer data)
{
  g_autoptr (GTimeZone) tz = g_time_zone_new_identifier ("Asia/Shanghai");
  NkClock clock = nk_test_clock (&f->clock);

  f->store = nk_test_store_new ("room-list", &f->dir);
  g_assert_true (nk_demo_seed (f->store, NULL));
  f->clock.real_us = MONDAY_8AM_US;
  f->clock.mono_us = SECONDS (1000);
  f->door = nk_test_door_new (f->store, tz, &clock);
  f->rooms = nk_room_list_new (f->store, nk_door_get_centre (f->door));
  f->seen = g_ptr_array_new_with_free_func ((GDestroyNotify) seen_free);
}

static void
teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->rooms);
  g_clear_object (&f->door);
  g_clear_object (&f->store);
  g_ptr_array_unref (f->seen);
  nk_test_dir_remove (f->dir);
  g_free (f->dir);
}

static NkRoomItem *
room_at (Fixture *f, const char *room_id, guint *position)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (f->rooms));

  for (guint r = 0; r < n; r++)
    {
      g_autoptr (NkRoomItem) room = g_list_model_get_item (G_LIST_MODEL (f->rooms), r);

      if (g_strcmp0 (nk_room_item_get_room_id (room), room_id) == 0)
        {
          if (position)
            *position = r;
          return room; /* the list holds it */
        }
    }
  g_assert_not_reached ();
  return NULL;
}

static guint
child_position (NkRoomItem *room, const char *child_id)
{
  GListModel *children = nk_room_item_get_children (room);

  for (guint c = 0; c < g_list_model_get_n_items (children); c++)
    {
      g_autoptr (NkRoomChildItem) child = g_list_model_get_item (children, c);

      if (g_strcmp0 (nk_room_child_item_get_child_id (child), child_id) == 0)
        return c;
    }
  return G_MAXUINT;
}

static guint
count_seen (Fixture *f, gpointer object, const char *what)
{
  guint n = 0;

  for (guint i = 0; i < f->seen->len; i++)
    {
      const Seen *s = g_ptr_array_index (f->seen, i);

      if ((object == NULL || s->object == object) && (what == NULL || g_str_equal (s->what, what)))
        n++;
    }
  return n;
}

static const Seen *
only_items_changed (Fixture *f)
{
  const Seen *found = NULL;

  for (guint i = 0; i < f->seen->len; i++)
    {
      const Seen *s = g_ptr_array_index (f->seen, i);

      if (g_str_equal (s->what, "items-changed"))
        {
          g_assert_null (found);
          found = s;
        }
    }
  g_assert_nonnull (found);
  return found;
}

static NkTapResult *
tap (Fixture *f, const char *uid)
{
  g_autoptr (GError) error = NULL;
  NkTapResult *result = nk_door_tap (f->door, uid, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  return result;
}

/* What the list holds is what the core query says. */
static void
test_matches_query (Fixture *f, gconstpointer data)
{
  g_autoptr (NkAttendance) att = nk_attendance_new (f->store, nk_door_get_centre (f->door));
  g_autoptr (GPtrArray) summaries = nk_attendance_list_rooms (att, NULL);
  guint total = 0;

  g_assert_nonnull (summaries);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->rooms)), ==, summaries->len);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (f->rooms)) == NK_TYPE_ROOM_ITEM);
  g_assert_cmpstr (nk_room_list_get_date (f->rooms), ==, "2026-11-23");
  g_assert_null (nk_room_list_get_error (f->rooms));
  for (guint r = 0; r < summaries->len; r++)
    {
      const NkRoomSummary *row = g_ptr_array_index (summaries, r);
      g_autoptr (NkRoomItem) room = g_list_model_get_item (G_LIST_MODEL (f->rooms), r);
      GListModel *children = nk_room_item_get_children (room);

      g_assert_cmpstr (nk_room_item_get_room_id (room), ==, row->room_id);
      g_assert_cmpstr (nk_room_item_get_name (room), ==, row->name);
      g_assert_cmpint (nk_room_item_get_kind (room), ==, row->kind);
      g_assert_cmpuint (nk_room_item_get_places (room), ==, row->places);
      g_assert_cmpuint (nk_room_item_get_enrolled (room), ==, row->enrolled);
      g_assert_cmpuint (nk_room_item_get_present (room), ==, 0);
      g_assert_cmpuint (nk_room_item_get_ratio (room), ==, nk_room_kind_ratio (row->kind));
      g_assert_cmpuint (g_list_model_get_n_items (children), ==, row->children->len);
      for (guint c = 0; c < row->children->len; c++)
        {
          const NkRoomChild *want = g_ptr_array_index (row->children, c);
          g_autoptr (NkRoomChildItem) child = g_list_model_get_item (children, c);

          g_assert_cmpstr (nk_room_child_item_get_child_id (child), ==, want->child_id);
          g_assert_cmpstr (nk_room_child_item_get_name (child), ==, want->name);
          g_assert_cmpstr (nk_room_child_item_get_initials (child), ==, want->initials);
          g_assert_false (nk_room_child_item_get_present (child));
        }
      total += row->children->len;
    }
  g_assert_cmpuint (total, ==, nk_roster_count_children (f->store));
  g_assert_nonnull (nk_room_list_find_child (f->rooms, "D0001"));
  g_assert_null (nk_room_list_find_child (f->rooms, "nobody"));
}

/* A check-in at the door changes one child and its room's count, in
 * place: no list says anything came or went. */
static void
test_check_in_changes_one_child (Fixture *f, gconstpointer data)
{
  NkRoomItem *room = room_at (f, "R2", NULL);
  NkRoomChildItem *ming = nk_room_list_find_child (f->rooms, "D0001");
  g_autoptr (NkTapResult) in = NULL;
  g_autoptr (NkTapResult) out = NULL;
  guint enrolled = nk_room_item_get_enrolled (room);

  spy_rooms (f);
  in = tap (f, NK_DEMO_UID_CHILD);
  g_assert_cmpint (in->outcome, ==, NK_TAP_CHECKED_IN);

  /* the same objects, changed */
  g_assert_true (nk_room_list_find_child (f->rooms, "D0001") == ming);
  g_assert_true (room_at (f, "R2", NULL) == room);
  g_assert_true (nk_room_child_item_get_present (ming));
  g_assert_cmpint (nk_room_child_item_get_since (ming), ==, MONDAY_8AM_US);
  g_assert_cmpuint (nk_room_item_get_present (room), ==, 1);
  g_assert_cmpuint (nk_room_item_get_staff_needed (room), ==, 1);
  g_assert_cmpuint (nk_room_item_get_enrolled (room), ==, enrolled);

  /* and only they said so: the child's presence and time, the room's counts */
  g_assert_cmpuint (count_seen (f, NULL, "items-changed"), ==, 0);
  g_assert_cmpuint (count_seen (f, ming, "present"), ==, 1);
  g_assert_cmpuint (count_seen (f, ming, "since"), ==, 1);
  g_assert_cmpuint (count_seen (f, ming, NULL), ==, 2);
  g_assert_cmpuint (count_seen (f, room, "present"), ==, 1);
  g_assert_cmpuint (count_seen (f, room, "staff-needed"), ==, 1);
  g_assert_cmpuint (count_seen (f, room, NULL), ==, 2);
  g_assert_cmpuint (f->seen->len, ==, 4);

  /* out again: the same child, nothing else */
  g_ptr_array_set_size (f->seen, 0);
  nk_test_clock_advance (&f->clock, HOURS (8));
  out = tap (f, NK_DEMO_UID_CHILD);
  g_assert_cmpint (out->outcome, ==, NK_TAP_CHECKED_OUT);
  g_assert_false (nk_room_child_item_get_present (ming));
  g_assert_true (nk_room_child_item_get_checked_out (ming));
  g_assert_cmpint (nk_room_child_item_get_since (ming), ==, MONDAY_8AM_US + HOURS (8));
  g_assert_cmpuint (nk_room_item_get_present (room), ==, 0);
  g_assert_cmpuint (count_seen (f, NULL, "items-changed"), ==, 0);
  g_assert_cmpuint (count_seen (f, ming, NULL), ==, 3); /* present, checked-out, since */
  g_assert_cmpuint (count_seen (f, room, NULL), ==, 2); /* present, staff-needed */
  g_assert_cmpuint (f->seen->len, ==, 5);
}

/* A caregiver clocking in changes their room's staff count only. */
static void
test_staff_clock (Fixture *f, gconstpointer data)
{
  NkRoomItem *room = room_at (f, "R2", NULL);
  g_autoptr (NkTapResult) in = NULL;

  spy_rooms (f);
  in = tap (f, NK_DEMO_UID_CAREGIVER);
  g_assert_cmpint (in->outcome, ==, NK_TAP_STAFF_CLOCKED_IN);
  g_assert_cmpuint (nk_room_item_get_staff_present (room), ==, 1);
  g_assert_cmpuint (count_seen (f, room, "staff-present"), ==, 1);
  g_assert_cmpuint (f->seen->len, ==, 1);
}

/* A roster change adds and removes children where they belong, with
 * "items-changed" saying exactly where. */
static void
test_roster_adds_and_removes (Fixture *f, gconstpointer data)
{
  NkRoomItem *r2 = room_at (f, "R2", NULL);
  NkRoomItem *r3 = room_at (f, "R3", NULL);
  GListModel *children = nk_room_item_get_children (r2);
  guint enrolled = nk_room_item_get_enrolled (r2);
  guint n = g_list_model_get_n_items (children);
  const Seen *s;
  guint at, from;

  spy_rooms (f);
  /* a new child, sorted by name: "王小明" < "王小朋" comes after 王小明 */
  g_assert_true (nk_roster_put_child (f->store, "D0100", "王小朋", "2025-06-01", "R2", NULL, NULL, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (children), ==, n); /* nothing until told */
  nk_store_emit_changed (f->store, "roster", NULL);

  at = child_position (r2, "D0100");
  g_assert_cmpuint (at, !=, G_MAXUINT);
  g_assert_cmpuint (g_list_model_get_n_items (children), ==, n + 1);
  s = only_items_changed (f);
  g_assert_true (s->object == children);
  g_assert_cmpuint (s->position, ==, at);
  g_assert_cmpuint (s->removed, ==, 0);
  g_assert_cmpuint (s->added, ==, 1);
  g_assert_cmpuint (nk_room_item_get_enrolled (r2), ==, enrolled + 1);
  g_assert_cmpuint (count_seen (f, r2, "enrolled"), ==, 1);
  g_assert_cmpuint (count_seen (f, NULL, "present"), ==, 0);

  /* the child leaves: removed from where it was */
  g_ptr_array_set_size (f->seen, 0);
  g_assert_true (nk_roster_set_child_active (f->store, "D0100", FALSE, NULL));
  nk_store_emit_changed (f->store, "roster", NULL);
  s = only_items_changed (f);
  g_assert_true (s->object == children);
  g_assert_cmpuint (s->position, ==, at);
  g_assert_cmpuint (s->removed, ==, 1);
  g_assert_cmpuint (s->added, ==, 0);
  g_assert_cmpuint (child_position (r2, "D0100"), ==, G_MAXUINT);
  g_assert_cmpuint (nk_room_item_get_enrolled (r2), ==, enrolled);

  /* a child moves up a room: out of one, into the other, the same name */
  g_ptr_array_set_size (f->seen, 0);
  from = child_position (r2, "D0003");
  g_assert_true (nk_roster_put_child (f->store, "D0003", "刘子轩", "2024-09-01", "R3", NULL, NULL, NULL));
  nk_store_emit_changed (f->store, "roster", NULL);
  g_assert_cmpuint (child_position (r2, "D0003"), ==, G_MAXUINT);
  g_assert_cmpuint (child_position (r3, "D0003"), !=, G_MAXUINT);
  g_assert_cmpuint (count_seen (f, NULL, "items-changed"), ==, 2);
  for (guint i = 0; i < f->seen->len; i++)
    {
      const Seen *e = g_ptr_array_index (f->seen, i);

      if (e->object == children)
        {
          g_assert_cmpuint (e->position, ==, from);
          g_assert_cmpuint (e->removed, ==, 1);
          g_assert_cmpuint (e->added, ==, 0);
        }
      else if (g_str_equal (e->what, "items-changed"))
        {
          g_assert_true (e->object == nk_room_item_get_children (r3));
          g_assert_cmpuint (e->position, ==, child_position (r3, "D0003"));
          g_assert_cmpuint (e->removed, ==, 0);
          g_assert_cmpuint (e->added, ==, 1);
        }
    }

  /* a new room: one row in the room list, where it sorts (infants first) */
  g_ptr_array_set_size (f->seen, 0);
  g_assert_true (nk_roster_put_room (f->store, "R9", "小豆豆", NK_ROOM_INFANT, 8, NULL));
  nk_store_emit_changed (f->store, "roster", NULL);
  room_at (f, "R9", &at);
  s = only_items_changed (f);
  g_assert_true (s->object == (gpointer) f->rooms);
  g_assert_cmpuint (s->position, ==, at);
  g_assert_cmpuint (s->removed, ==, 0);
  g_assert_cmpuint (s->added, ==, 1);
  g_assert_cmpuint (at, <, 2);
}

/* Only the kinds the rooms show make them read the store again. */
static void
test_reads_on_its_kinds_only (Fixture *f, gconstpointer data)
{
  NkRoomItem *r2 = room_at (f, "R2", NULL);
  guint enrolled = nk_room_item_get_enrolled (r2);

  spy_rooms (f);
  g_assert_true (nk_roster_put_child (f->store, "D0101", "安安", "2025-06-01", "R2", NULL, NULL, NULL));
  nk_store_emit_changed (f->store, "refusal", NULL);
  g_assert_cmpuint (f->seen->len, ==, 0);
  g_assert_cmpuint (nk_room_item_get_enrolled (r2), ==, enrolled);
  nk_store_emit_changed (f->store, "staff_clock", NULL);
  g_assert_cmpuint (nk_room_item_get_enrolled (r2), ==, enrolled + 1);
  g_assert_cmpuint (count_seen (f, NULL, "items-changed"), ==, 1);
}

/* A read that fails keeps what was shown and says why; the next one
 * clears it. */
static void
test_read_failure_keeps_items (Fixture *f, gconstpointer data)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (f->rooms));
  NkRoomItem *r2 = room_at (f, "R2", NULL);

  spy_rooms (f);
  g_assert_true (nk_store_exec (f->store, "ALTER TABLE staff_clock RENAME TO staff_clock_away", NULL));
  g_assert_false (nk_room_list_refresh (f->rooms));
  g_assert_nonnull (nk_room_list_get_error (f->rooms));
  g_assert_nonnull (strstr (nk_room_list_get_error (f->rooms), "staff_clock"));
  g_assert_cmpuint (count_seen (f, f->rooms, "error"), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->rooms)), ==, n);
  g_assert_true (room_at (f, "R2", NULL) == r2);
  g_assert_cmpuint (count_seen (f, NULL, "items-changed"), ==, 0);

  g_assert_true (nk_store_exec (f->store, "ALTER TABLE staff_clock_away RENAME TO staff_clock", NULL));
  g_assert_true (nk_room_list_refresh (f->rooms));
  g_assert_null (nk_room_list_get_error (f->rooms));
}

/* A new day at the centre: yesterday's presence is gone, by refresh and
 * by the list's own midnight timer. */
static void
test_new_day (Fixture *f, gconstpointer data)
{
  NkRoomChildItem *ming = nk_room_list_find_child (f->rooms, "D0001");
  g_autoptr (NkTapResult) in = tap (f, NK_DEMO_UID_CHILD);

  g_assert_true (nk_room_child_item_get_present (ming));
  nk_test_clock_advance (&f->clock, HOURS (24));
  g_assert_true (nk_room_list_refresh (f->rooms));
  g_assert_cmpstr (nk_room_list_get_date (f->rooms), ==, "2026-11-24");
  g_assert_false (nk_room_child_item_get_present (ming));
  g_assert_cmpint (nk_room_child_item_get_since (ming), ==, 0);
}

static void
on_date (GObject *object, GParamSpec *pspec, gboolean *turned)
{
  *turned = TRUE;
}

static gboolean
too_long (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
test_midnight_timer (Fixture *f, gconstpointer data)
{
  g_autoptr (NkTapResult) in = NULL;
  NkRoomChildItem *ming;
  gboolean turned = FALSE, timed_out = FALSE;
  guint guard;

  /* 23:59:59.4 at the centre: the list made now waits about a second */
  f->clock.real_us = MONDAY_8AM_US + HOURS (16) - SECONDS (1) + 400000;
  in = tap (f, NK_DEMO_UID_CHILD);
  g_clear_object (&f->rooms);
  f->rooms = nk_room_list_new (f->store, nk_door_get_centre (f->door));
  ming = nk_room_list_find_child (f->rooms, "D0001");
  g_assert_cmpstr (nk_room_list_get_date (f->rooms), ==, "2026-11-23");
  g_assert_true (nk_room_child_item_get_present (ming));

  g_signal_connect (f->rooms, "notify::date", G_CALLBACK (on_date), &turned);
  nk_test_clock_advance (&f->clock, SECONDS (2));
  guard = g_timeout_add_seconds (10, too_long, &timed_out);
  while (!turned && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (guard);
  g_assert_cmpstr (nk_room_list_get_date (f->rooms), ==, "2026-11-24");
  g_assert_false (nk_room_child_item_get_present (ming));
}

/* ---------------------------------------------------------------- open stays */

static void
test_open_stays (Fixture *f, gconstpointer data)
{
  g_autoptr (NkOpenStayList) stays = nk_open_stay_list_new (f->store, nk_door_get_centre (f->door), 14);
  g_autoptr (NkTapResult) in = tap (f, NK_DEMO_UID_CHILD);
  g_autoptr (NkOpenStayItem) stay = NULL;
  g_autoptr (GError) error = NULL;
  const Seen *s;

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (stays)), ==, 0);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (stays)) == NK_TYPE_OPEN_STAY_ITEM);
  g_signal_connect (stays, "items-changed", G_CALLBACK (on_items_changed), f);

  /* the next morning the stay left open is closed: one stay appears */
  nk_test_clock_advance (&f->clock, HOURS (24));
  g_assert_cmpint (nk_attendance_close_stale (nk_door_get_attendance (f->door), &error), ==, 1);
  g_assert_no_error (error);
  s = only_items_changed (f);
  g_assert_true (s->object == (gpointer) stays);
  g_assert_cmpuint (s->position, ==, 0);
  g_assert_cmpuint (s->removed, ==, 0);
  g_assert_cmpuint (s->added, ==, 1);
  stay = g_list_model_get_item (G_LIST_MODEL (stays), 0);
  g_assert_cmpstr (nk_open_stay_item_get_child_id (stay), ==, "D0001");
  g_assert_cmpstr (nk_open_stay_item_get_name (stay), ==, "王小明");
  g_assert_cmpstr (nk_open_stay_item_get_date (stay), ==, "2026-11-23");
  g_assert_cmpint (nk_open_stay_item_get_checked_in (stay), ==, MONDAY_8AM_US);
  g_assert_nonnull (nk_open_stay_item_get_room_name (stay));
  g_assert_null (nk_open_stay_list_get_error (stays));

  /* a rename reaches the same stay in place */
  g_ptr_array_set_size (f->seen, 0);
  g_signal_connect (stay, "notify", G_CALLBACK (on_notify), f);
  g_assert_true (nk_roster_put_child (f->store, "D0001", "王晓明", "2025-03-01", "R2", NULL, NULL, NULL));
  nk_store_emit_changed (f->store, "roster", NULL);
  g_assert_cmpstr (nk_open_stay_item_get_name (stay), ==, "王晓明");
  g_assert_cmpuint (count_seen (f, stay, "name"), ==, 1);
  g_assert_cmpuint (count_seen (f, NULL, "items-changed"), ==, 0);

  /* fifteen days on, it is out of the list */
  g_ptr_array_set_size (f->seen, 0);
  nk_test_clock_advance (&f->clock, HOURS (24 * 15));
  g_assert_true (nk_open_stay_list_refresh (stays));
  s = only_items_changed (f);
  g_assert_cmpuint (s->position, ==, 0);
  g_assert_cmpuint (s->removed, ==, 1);
  g_assert_cmpuint (s->added, ==, 0);
}

/* A check-in or check-out changes no stay: the stays are not read again
 * for it (a stay made behind the list's back shows only when a change
 * that names a stay comes). */
static void
test_open_stays_skip_taps (Fixture *f, gconstpointer data)
{
  g_autoptr (NkOpenStayList) stays = nk_open_stay_list_new (f->store, nk_door_get_centre (f->door), 14);
  g_autoptr (NkTapResult) in = tap (f, NK_DEMO_UID_CHILD);
  g_autoptr (NkTapResult) other = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_true (nk_store_exec (f->store,
                                "INSERT INTO attendance (id, child_id, kind, at_us, local_date, by_kind, "
                                "  device_id, method, reason) "
                                "VALUES ('behind', 'D0003', 'not_out', 1795300000000000, '2026-11-22', "
                                "  'system', 'dev', 'system', 'not checked out')",
                                NULL));
  nk_test_clock_advance (&f->clock, SECONDS (30));
  other = tap (f, NK_DEMO_UID_CAREGIVER);
  nk_test_clock_advance (&f->clock, SECONDS (30));
  g_clear_pointer (&in, nk_tap_result_unref);
  in = tap (f, NK_DEMO_UID_CHILD);
  g_assert_cmpint (in->outcome, ==, NK_TAP_CHECKED_OUT);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (stays)), ==, 0);

  /* the child checked in again and left open: closed the next day */
  g_clear_pointer (&in, nk_tap_result_unref);
  nk_test_clock_advance (&f->clock, SECONDS (30));
  in = tap (f, NK_DEMO_UID_CHILD);
  nk_test_clock_advance (&f->clock, HOURS (24));
  g_assert_cmpint (nk_attendance_close_stale (nk_door_get_attendance (f->door), &error), ==, 1);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (stays)), ==, 2);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn) g_test_add ("/nk/room-list/" path, Fixture, NULL, setup, fn, teardown)
  ADD ("matches-query", test_matches_query);
  ADD ("check-in-changes-one-child", test_check_in_changes_one_child);
  ADD ("staff-clock", test_staff_clock);
  ADD ("roster-adds-and-removes", test_roster_adds_and_removes);
  ADD ("reads-on-its-kinds-only", test_reads_on_its_kinds_only);
  ADD ("read-failure-keeps-items", test_read_failure_keeps_items);
  ADD ("new-day", test_new_day);
  ADD ("midnight-timer", test_midnight_timer);
  ADD ("open-stays", test_open_stays);
  ADD ("open-stays-skip-taps", test_open_stays_skip_taps);
#undef ADD
  return g_test_run ();
}
