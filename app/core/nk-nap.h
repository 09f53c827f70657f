/* nk-nap.h — naps (午睡): a start and an end per child.
 *
 * A nap is one row of the kind "nap" (nk-kind.h) with start_us and an
 * end_us that is NULL while the child sleeps.  Ending a nap is a
 * CORRECTION of the open row (nk_kind_correct): the new row carries the
 * same start and the end, the open one stays in the audit trail as
 * superseded.  So exactly one row per nap stands, the rules (overlap,
 * order, 24 h) read one table, a later fix of either time is the same
 * operation, and the other doors apply the end the way they apply any
 * correction.
 *
 * Rules, checked inside the record before anything is written:
 *   - only a child checked in at the nap's start may nap;
 *   - nothing in the future; the end not before the start; at most 24 h;
 *   - no two naps of a child overlap.
 * A room-wide "nap time" is one record holding a row per child. */
#pragma once

#include "nk-centre.h"
#include "nk-child-day.h"
#include "nk-kind.h"
#include "nk-store.h"

G_BEGIN_DECLS

extern const NkKind nk_nap_kind;

#define NK_NAP_MAX_US (G_GINT64_CONSTANT (24) * 3600 * G_USEC_PER_SEC)

#define NK_NAP_ERROR (nk_nap_error_quark ())
GQuark nk_nap_error_quark (void);

typedef enum {
  NK_NAP_ERROR_NOT_PRESENT,  /* the child was not checked in then */
  NK_NAP_ERROR_FUTURE,       /* a time after now */
  NK_NAP_ERROR_ORDER,        /* the end before the start */
  NK_NAP_ERROR_TOO_LONG,     /* more than 24 h */
  NK_NAP_ERROR_OVERLAP,      /* overlaps another nap of the child */
  NK_NAP_ERROR_NOT_NAPPING,  /* no open nap to end */
} NkNapError;

typedef struct {
  char  *id;
  char  *child_id;
  char  *room_id;
  gint64 start_us;
  gint64 end_us;       /* 0 while the child sleeps */
} NkNap;

void   nk_nap_free (NkNap *nap);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NkNap, nk_nap_free)

/* One nap of child_id, recorded by staff_id: start_us (0: now), end_us
 * (0: still asleep).  Returns the new row's id. */
char      *nk_nap_add   (NkStore *store, NkCentre *centre, const char *staff_id,
                         const char *child_id, gint64 start_us, gint64 end_us, GError **error);
/* Nap time for several children at once, now: one record, one row per
 * child; any child refused refuses the whole (the message names them). */
GPtrArray *nk_nap_start (NkStore *store, NkCentre *centre, const char *staff_id,
                         const char *const *child_ids, GError **error);
/* Ends the open nap of each child at end_us (0: now), one record. */
GPtrArray *nk_nap_end   (NkStore *store, NkCentre *centre, const char *staff_id,
                         const char *const *child_ids, gint64 end_us, GError **error);

/* The children of room_id checked in now and awake (for the room's nap
 * time), by name. */
GStrv      nk_nap_awake_children (NkStore *store, NkCentre *centre, const char *room_id,
                                  GError **error);

/* The child's open nap, or NULL (error unset) when the child is awake. */
NkNap     *nk_nap_get_open (NkStore *store, const char *child_id, GError **error);

/* "1 h 55 min" (translated). */
char      *nk_nap_format_duration (gint64 us);

/* The day source (nk-child-day.c): nap lines, and "napping" marks. */
gboolean   nk_nap_day_source (NkStore *store, NkDaySet *set, GError **error);

G_END_DECLS
