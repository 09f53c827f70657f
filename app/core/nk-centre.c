/* nk-centre.c — the centre's time zone, "today" and the clock guard. */
#define G_LOG_DOMAIN "nk-core"

#include "config.h"

#include <glib/gi18n.h>

#include "nk-centre.h"

struct _NkCentre
{
  GObject    parent_instance;

  GTimeZone *tz;
  NkClock    clock;
  gint64     clock_offset;  /* real − monotonic at the last check, 0 before it */
};

G_DEFINE_TYPE (NkCentre, nk_centre, G_TYPE_OBJECT)

G_DEFINE_QUARK (nk-centre-error-quark, nk_centre_error)

enum {
  CLOCK_JUMPED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
nk_centre_finalize (GObject *object)
{
  NkCentre *self = NK_CENTRE (object);

  g_clear_pointer (&self->tz, g_time_zone_unref);

  G_OBJECT_CLASS (nk_centre_parent_class)->finalize (object);
}

static void
nk_centre_class_init (NkCentreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = nk_centre_finalize;

  signals[CLOCK_JUMPED] = g_signal_new ("clock-jumped", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
nk_centre_init (NkCentre *self)
{
  self->clock = *nk_clock_system ();
}

NkCentre *
nk_centre_new (GTimeZone *tz)
{
  NkCentre *self = g_object_new (NK_TYPE_CENTRE, NULL);

  self->tz = g_time_zone_ref (tz);
  return self;
}

GTimeZone *
nk_centre_get_timezone (NkCentre *self)
{
  return self->tz;
}

void
nk_centre_set_clock (NkCentre *self, const NkClock *clock)
{
  self->clock = *clock;
  self->clock_offset = 0;
}

gint64
nk_centre_now (NkCentre *self)
{
  return self->clock.real_us (self->clock.data);
}

gint64
nk_centre_monotonic (NkCentre *self)
{
  return self->clock.mono_us (self->clock.data);
}

static GDateTime *
local_time (NkCentre *self, gint64 real_us)
{
  g_autoptr (GDateTime) utc = g_date_time_new_from_unix_utc (real_us / G_USEC_PER_SEC);

  return g_date_time_to_timezone (utc, self->tz);
}

char *
nk_centre_local_date (NkCentre *self, gint64 real_us)
{
  g_autoptr (GDateTime) local = local_time (self, real_us);

  return g_date_time_format (local, "%Y-%m-%d");
}

char *
nk_centre_today (NkCentre *self)
{
  return nk_centre_local_date (self, nk_centre_now (self));
}

char *
nk_centre_format_time (NkCentre *self, gint64 real_us)
{
  g_autoptr (GDateTime) local = local_time (self, real_us);

  return g_date_time_format (local, "%H:%M");
}

/* A box whose real-time clock lost its battery wakes up in 1970 or 2000:
 * nothing is recorded then.  A jump of the wall clock against the
 * monotonic one is said in the journal and to whoever listens (staff mode
 * shows it). */
gboolean
nk_centre_check_clock (NkCentre *self, gint64 at_us, GError **error)
{
  gint64 offset = at_us - nk_centre_monotonic (self);

  if (at_us < NK_CENTRE_CLOCK_FLOOR_US)
    {
      g_autofree char *when = nk_format_utc_iso (at_us);

      g_set_error (error, NK_CENTRE_ERROR, NK_CENTRE_ERROR_CLOCK,
                   _("The kiosk's clock is wrong (it says %.10s); nothing can be recorded until "
                     "the time is set"), when);
      return FALSE;
    }

  if (self->clock_offset != 0 && ABS (offset - self->clock_offset) > NK_CENTRE_CLOCK_JUMP_US)
    {
      gint64 jump = offset - self->clock_offset;

      g_message ("The wall clock jumped by %+" G_GINT64_FORMAT " s since the last record; "
                 "records before and after are dated by different clocks",
                 jump / G_USEC_PER_SEC);
      self->clock_offset = offset;
      g_signal_emit (self, signals[CLOCK_JUMPED], 0, jump);
      return TRUE;
    }
  self->clock_offset = offset;
  return TRUE;
}
