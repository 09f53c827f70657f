/* nk-centre.h — the centre's time: its time zone, "now" and "today".
 *
 * The one place every part of the kiosk asks what day it is at the
 * centre (Asia/Shanghai by default), whatever the box's own zone.  It also
 * guards the wall clock: a clock that cannot be right refuses to record,
 * and a jump against the monotonic clock is announced. */
#pragma once

#include <glib-object.h>
#include "nk-types.h"

G_BEGIN_DECLS

#define NK_CENTRE_ERROR (nk_centre_error_quark ())
GQuark nk_centre_error_quark (void);

typedef enum {
  NK_CENTRE_ERROR_CLOCK,  /* the wall clock cannot be right */
} NkCentreError;

/* No kiosk ran before this (2024-01-01 UTC): an earlier clock is wrong. */
#define NK_CENTRE_CLOCK_FLOOR_US (G_GINT64_CONSTANT (1704067200) * G_USEC_PER_SEC)
/* A wall-clock step larger than this against the monotonic clock is a jump. */
#define NK_CENTRE_CLOCK_JUMP_US (G_GINT64_CONSTANT (300) * G_USEC_PER_SEC)

#define NK_TYPE_CENTRE (nk_centre_get_type ())
G_DECLARE_FINAL_TYPE (NkCentre, nk_centre, NK, CENTRE, GObject)

/* tz: the centre's time zone (ref taken). */
NkCentre   *nk_centre_new          (GTimeZone *tz);
GTimeZone  *nk_centre_get_timezone (NkCentre *self);
void        nk_centre_set_clock    (NkCentre *self, const NkClock *clock);

gint64      nk_centre_now          (NkCentre *self);   /* UTC µs */
gint64      nk_centre_monotonic    (NkCentre *self);   /* µs */
/* "YYYY-MM-DD" of real_us at the centre. */
char       *nk_centre_local_date   (NkCentre *self, gint64 real_us);
char       *nk_centre_today        (NkCentre *self);
/* "HH:MM" of real_us at the centre. */
char       *nk_centre_format_time  (NkCentre *self, gint64 real_us);

/* Before anything is recorded at at_us: FALSE with NK_CENTRE_ERROR_CLOCK
 * when the clock cannot be right; emits "clock-jumped" when the wall
 * clock stepped against the monotonic one since the last check. */
gboolean    nk_centre_check_clock  (NkCentre *self, gint64 at_us, GError **error);

/* signal "clock-jumped" (gint64 µs, signed): the wall clock moved by that
 * much against the monotonic clock between two records. */

G_END_DECLS
