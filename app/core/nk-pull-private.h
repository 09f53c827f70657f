/* nk-pull-private.h — a parsed pull response, shared by the files that
 * make up NkPull: nk-pull.c (parsing and checking every field) and
 * nk-pull-apply.c (reference checks against the store and applying). */
#pragma once

#include <json-glib/json-glib.h>

#include "nk-pull.h"
#include "nk-types.h"

G_BEGIN_DECLS

typedef struct {
  const char *id;
  const char *name;
  NkRoomKind  kind;
  guint       places;
} PullRoom;

typedef struct {
  const char *id;
  const char *name;
  const char *date_of_birth;
  const char *room_id;
  const char *allergies;
  gboolean    active;
} PullChild;

typedef struct {
  const char *id;
  const char *name;
  const char *phone;
  const char *relation;
} PullGuardian;

typedef struct {
  const char *child_id;
  const char *guardian_id;
  gboolean    can_pickup;
} PullPickup;

typedef struct {
  const char *id;
  const char *name;
  NkStaffRole role;
  const char *certificate;
  const char *room_id;
  gboolean    active;
} PullStaff;

typedef struct {
  const char  *uid;
  NkHolderKind holder;
  const char  *holder_id;
  gboolean     lost;
} PullCard;

typedef enum {
  DEL_ROOM,
  DEL_CHILD,
  DEL_GUARDIAN,
  DEL_STAFF,
  DEL_CARD,
  DEL_PICKUP,
} DeletionKind;

typedef struct {
  DeletionKind kind;
  const char  *id;           /* or the card's uid */
  const char  *child_id;     /* pickup */
  const char  *guardian_id;  /* pickup */
} PullDeletion;

struct _NkPull
{
  JsonParser *parser;
  const char *cursor;
  gboolean    more;
  GArray     *rooms, *children, *guardians, *pickups, *staff, *cards, *deletions;
  guint       slots;   /* menus, checkups, classroom sessions (not applied yet) */
  /* ids named in this response, per kind, for the reference checks */
  GHashTable *room_ids, *child_ids, *guardian_ids, *staff_ids;
};

G_END_DECLS
