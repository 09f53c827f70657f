/* nk-reader-nfc-private.h — what the libnfc reader's tests reach inside
 * it; nobody else should call this. */
#pragma once

#include <glib.h>
#include <nfc/nfc.h>

G_BEGIN_DECLS

/* The UID of a card libnfc found, as text for nk_reader_deliver(): the
 * hex of all its bytes.  A length beyond libnfc's buffer (no card has
 * one) is never read: the text says how long it was and is no UID, so
 * the door answers "could not be read", and *refused is set. */
char *nk_reader_nfc_target_uid (const nfc_target *target, gboolean *refused);

G_END_DECLS
