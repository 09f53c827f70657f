/* nk-reader-private.h — what the backends (nk-reader-*.c) need from the
 * NkReader base class and nobody else should call. */
#pragma once

#include "nk-reader.h"

G_BEGIN_DECLS

/* How raw text from the device is normalised; copied.  Set once, right
 * after construction, before the reader is shared with other threads. */
void                nk_reader_set_uid_options (NkReader *self, const NkUidOptions *options);
const NkUidOptions *nk_reader_get_uid_options (NkReader *self);
/* The main context that was thread-default when the reader was created:
 * where signals are emitted and where main-loop backends attach sources. */
GMainContext       *nk_reader_get_context     (NkReader *self);

G_END_DECLS
