/* test-types.c — enums, UUIDs, times and initials. */
#include "config.h"

#include "core/nk-types.h"

static void
test_room_kinds (void)
{
  NkRoomKind kind;

  g_assert_true (nk_room_kind_from_string ("infant", &kind));
  g_assert_cmpint (kind, ==, NK_ROOM_INFANT);
  g_assert_true (nk_room_kind_from_string ("SENIOR", &kind));
  g_assert_cmpint (kind, ==, NK_ROOM_SENIOR_TODDLER);
  g_assert_false (nk_room_kind_from_string ("kindergarten", &kind));
  g_assert_false (nk_room_kind_from_string (NULL, &kind));
  g_assert_cmpstr (nk_room_kind_to_string (NK_ROOM_TODDLER), ==, "toddler");
  /* the national caregiver:child ratios */
  g_assert_cmpuint (nk_room_kind_ratio (NK_ROOM_INFANT), ==, 3);
  g_assert_cmpuint (nk_room_kind_ratio (NK_ROOM_TODDLER), ==, 5);
  g_assert_cmpuint (nk_room_kind_ratio (NK_ROOM_SENIOR_TODDLER), ==, 7);
}

static void
test_staff_roles (void)
{
  NkStaffRole role;

  g_assert_true (nk_staff_role_from_string ("director", &role));
  g_assert_cmpint (role, ==, NK_STAFF_DIRECTOR);
  g_assert_false (nk_staff_role_from_string ("janitor", &role));
  g_assert_cmpstr (nk_staff_role_to_string (NK_STAFF_HEALTH), ==, "health");
}

static void
test_uuid (void)
{
  g_autofree char *a = nk_uuid_new ();
  g_autofree char *b = nk_uuid_new ();

  g_assert_true (g_uuid_string_is_valid (a));
  g_assert_cmpstr (a, !=, b);
  g_assert_cmpint (a[14], ==, '4');
}

static void
test_iso (void)
{
  /* 2026-11-22 01:02:03.456 UTC */
  g_autofree char *s = nk_format_utc_iso (1795309323456000);

  g_assert_cmpstr (s, ==, "2026-11-22T01:02:03.456Z");
}

static void
test_initials (void)
{
  g_autofree char *zh = nk_initials ("王小明");
  g_autofree char *en = nk_initials ("anna lee smith");
  g_autofree char *one = nk_initials ("Bo");
  g_autofree char *none = nk_initials ("");

  g_assert_cmpstr (zh, ==, "王");
  g_assert_cmpstr (en, ==, "AL");
  g_assert_cmpstr (one, ==, "B");
  g_assert_cmpstr (none, ==, "?");
}

static void
test_outcome_names (void)
{
  g_assert_cmpstr (nk_tap_outcome_to_string (NK_TAP_CHECKED_IN), ==, "checked-in");
  g_assert_cmpstr (nk_tap_outcome_to_string (NK_TAP_NOT_AUTHORISED), ==, "not-authorised");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/nk/types/room-kinds", test_room_kinds);
  g_test_add_func ("/nk/types/staff-roles", test_staff_roles);
  g_test_add_func ("/nk/types/uuid", test_uuid);
  g_test_add_func ("/nk/types/iso-time", test_iso);
  g_test_add_func ("/nk/types/initials", test_initials);
  g_test_add_func ("/nk/types/outcome-names", test_outcome_names);
  return g_test_run ();
}
