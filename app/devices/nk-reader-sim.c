/* nk-reader-sim.c — the simulated card reader. */
#define G_LOG_DOMAIN "nk-reader"

#include "config.h"

#include <glib/gi18n.h>

#include "nk-reader-sim.h"
#include "nk-reader-private.h"

struct _NkReaderSim {
  NkReader parent_instance;
  gint     running;   /* atomic: taps are taken between start and stop */
};

G_DEFINE_FINAL_TYPE (NkReaderSim, nk_reader_sim, NK_TYPE_READER)

static gboolean
nk_reader_sim_start (NkReader  *reader,
                     GError   **error)
{
  NkReaderSim *self = NK_READER_SIM (reader);

  g_atomic_int_set (&self->running, TRUE);
  nk_reader_report_state (reader, NK_READER_STATE_READY, _("Simulated card reader ready"));
  return TRUE;
}

static void
nk_reader_sim_stop (NkReader *reader)
{
  NkReaderSim *self = NK_READER_SIM (reader);

  g_atomic_int_set (&self->running, FALSE);
}

static void
nk_reader_sim_class_init (NkReaderSimClass *klass)
{
  NkReaderClass *reader_class = NK_READER_CLASS (klass);

  reader_class->start = nk_reader_sim_start;
  reader_class->stop = nk_reader_sim_stop;
}

static void
nk_reader_sim_init (NkReaderSim *self)
{
}

NkReaderSim *
nk_reader_sim_new (const NkUidOptions *uid_options)
{
  NkReaderSim *self = g_object_new (NK_TYPE_READER_SIM, "kind", "sim", NULL);

  nk_reader_set_uid_options (NK_READER (self), uid_options);
  return self;
}

void
nk_reader_sim_tap (NkReaderSim *self,
                   const char  *raw)
{
  g_return_if_fail (NK_IS_READER_SIM (self));
  g_return_if_fail (raw != NULL);

  if (!g_atomic_int_get (&self->running))
    {
      g_message ("Simulated tap “%s” ignored: the reader is not started", raw);
      return;
    }

  nk_reader_deliver (NK_READER (self), raw);
}
