/* nk-reader-sim.h — the simulated card reader, for the demo and tests:
 * a "tap" is a string handed to nk_reader_sim_tap(). */
#pragma once

#include "nk-reader.h"

G_BEGIN_DECLS

#define NK_TYPE_READER_SIM (nk_reader_sim_get_type ())
G_DECLARE_FINAL_TYPE (NkReaderSim, nk_reader_sim, NK, READER_SIM, NkReader)

/* uid_options: how the simulated reader reports UIDs; NULL for plain hex. */
NkReaderSim *nk_reader_sim_new (const NkUidOptions *uid_options);
/* Delivers raw as if a card had been read: "card-tapped" follows on the
 * main context, normalised.  Ignored (with a journal message) unless the
 * reader is started.  Thread-safe. */
void         nk_reader_sim_tap (NkReaderSim *self, const char *raw);

G_END_DECLS
