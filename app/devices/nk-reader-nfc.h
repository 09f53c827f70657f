/* nk-reader-nfc.h — ISO 14443A card readers through libnfc (PN532 over a
 * serial port, ACR122U over USB, anything libnfc opens).  Polls in a
 * thread of its own; survives the reader being unplugged and plugged back
 * (state DISCONNECTED, reopened every retry-interval, READY again). */
#pragma once

#include "nk-reader.h"

G_BEGIN_DECLS

/* Connection strings must be shorter than this (libnfc's buffer size). */
#define NK_READER_NFC_CONNSTRING_MAX 1024
/* How often a missing or unplugged reader is looked for again. */
#define NK_READER_NFC_DEFAULT_RETRY_MS 2000

#define NK_TYPE_READER_NFC (nk_reader_nfc_get_type ())
G_DECLARE_FINAL_TYPE (NkReaderNfc, nk_reader_nfc, NK, READER_NFC, NkReader)

/* connstring: a libnfc connection string such as "pn532_uart:/dev/ttyUSB0",
 * or NULL for libnfc's default device. */
NkReaderNfc *nk_reader_nfc_new                (const char *connstring);
const char  *nk_reader_nfc_get_connstring     (NkReaderNfc *self);
/* Milliseconds between attempts to open a missing reader ("retry-interval"). */
guint        nk_reader_nfc_get_retry_interval (NkReaderNfc *self);
void         nk_reader_nfc_set_retry_interval (NkReaderNfc *self, guint msec);

G_END_DECLS
