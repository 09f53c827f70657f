/* nk-roster-import-private.h — what the parts of NkRosterImport share:
 * nk-roster-import.c (rows), nk-roster-import-fields.c (field formats)
 * and nk-roster-import-apply.c (the database). */
#pragma once

#include "nk-roster-import.h"
#include "nk-types.h"

G_BEGIN_DECLS

typedef struct {
  guint       line;
  char       *name;
  gboolean    kind_given;
  NkRoomKind  kind;
  guint       places;        /* 0 when not given */
  guint       places_line;
} RoomPlan;

typedef struct {
  guint  line;
  char  *id;
  char  *name;
  char  *date_of_birth;      /* normalised YYYY-MM-DD */
  char  *room;               /* room name */
  char  *allergies;          /* NULL when not given */
} ChildPlan;

typedef struct {
  guint  line;
  char  *phone;              /* normalised: the key */
  char  *name;
  char  *relation;           /* NULL when not given */
  char  *existing_id;        /* found in the store by phone, or NULL */
} GuardianPlan;

typedef struct {
  guint     line;
  char     *child_id;
  char     *phone;
  gboolean  can_pickup;
} LinkPlan;

typedef struct {
  guint        line;
  char        *uid;
  NkHolderKind holder;
  char        *key;          /* child id, or guardian phone */
  const char  *column;       /* where it was given, for messages */
} CardPlan;

struct _NkRosterImport {
  GObject       parent_instance;

  NkUidOptions  uid_options;
  GDate         today;
  gboolean      validated;
  gboolean      ok;

  GPtrArray    *problems;     /* NkImportProblem* */

  GPtrArray    *room_list;    /* RoomPlan*, owned, file order */
  GHashTable   *rooms;        /* name → RoomPlan* */
  GPtrArray    *child_list;   /* ChildPlan* */
  GHashTable   *children;     /* id → ChildPlan* */
  GPtrArray    *guardian_list;/* GuardianPlan* */
  GHashTable   *guardians;    /* phone → GuardianPlan* */
  GPtrArray    *link_list;    /* LinkPlan* */
  GHashTable   *links;        /* "child\x1fphone" → LinkPlan* */
  GPtrArray    *card_list;    /* CardPlan* */
  GHashTable   *cards;        /* uid → CardPlan* */
};


void        nk_roster_import_add_problem (NkRosterImport *self, guint line,
                                          const char *format, ...) G_GNUC_PRINTF (3, 4);
/* Cards in the store held by someone the file does not name. */
void        nk_roster_import_check_store (NkRosterImport *self, NkStore *store);

/* Limits (nk-roster-import-limits.c). */
/* A row of nothing but white space (skipped). */
gboolean    nk_roster_import_row_is_blank   (GPtrArray *fields);
/* The text (UTF-8) has more than NK_ROSTER_MAX_ROWS non-blank rows after
 * its header. */
gboolean    nk_roster_import_too_many_rows  (const char *text);

/* Field formats (nk-roster-import-fields.c). */
/* YYYY-MM-DD, or YYYY/M/D as spreadsheets rewrite it → "YYYY-MM-DD", or NULL. */
char       *nk_roster_import_parse_date       (const char *value, GDate *out);
/* Digits with optional spaces, "-", "(", ")" and a leading "+" → the
 * digits (7–15), the Chinese country code dropped from mobiles; or NULL. */
char       *nk_roster_import_normalise_phone  (const char *value);
gboolean    nk_roster_import_parse_yes_no     (const char *value, gboolean *out);
/* infant | toddler | senior (also senior_toddler and 乳儿班/托小班/托大班). */
gboolean    nk_roster_import_parse_room_kind  (const char *value, NkRoomKind *out);
/* The kind a room's name suggests; toddler when it says nothing. */
NkRoomKind  nk_roster_import_guess_room_kind  (const char *name);
/* National maximum of children per room: 10 / 15 / 20. */
guint       nk_roster_import_max_places       (NkRoomKind kind);
const char *nk_roster_import_holder_label     (NkHolderKind holder);

G_END_DECLS
