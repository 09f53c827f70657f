/* nk-uid.h — card UIDs as the kiosk stores them: upper-case hex, no
 * separators, 4, 7 or 10 bytes (ISO 14443A single/double/triple size).
 * Some readers report decimal numbers or reversed byte order; the config
 * keys reader.uid-format and reader.uid-byte-order say which. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  NK_UID_FORMAT_HEX,
  NK_UID_FORMAT_DECIMAL,
} NkUidFormat;

typedef struct {
  NkUidFormat format;
  gboolean    reversed;   /* reader reports the bytes least significant first */
} NkUidOptions;

#define NK_UID_ERROR (nk_uid_error_quark ())
GQuark nk_uid_error_quark (void);

typedef enum {
  NK_UID_ERROR_EMPTY,
  NK_UID_ERROR_BAD_CHARACTER,
  NK_UID_ERROR_BAD_LENGTH,
} NkUidError;

/* Normalise what a reader gave: strips spaces, ':' and '-', upper-cases,
 * converts decimal and reverses when the options say so.  Returns NULL and
 * sets error for anything that is not a plausible UID. */
char    *nk_uid_normalise (const char *raw, const NkUidOptions *options, GError **error);
/* TRUE when uid is already in normal form. */
gboolean nk_uid_is_valid (const char *uid);
/* Hex string from raw bytes (as libnfc gives them). */
char    *nk_uid_from_bytes (const guint8 *bytes, gsize len);

G_END_DECLS
