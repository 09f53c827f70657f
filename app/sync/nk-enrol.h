/* nk-enrol.h — what enrolment needs besides the network: one-time codes,
 * the URI the enrolment QR code carries, and the device token file
 * (DATA_DIR/device-token, mode 0600, never logged). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The file name of the token inside the data directory. */
#define NK_ENROL_TOKEN_FILE "device-token"
/* Meta keys of the store holding the centre the platform named at
 * enrolment (shown by `status` and on the idle screen unless the
 * configuration names one). */
#define NK_ENROL_CENTRE_ID_KEY   "centre_id"
#define NK_ENROL_CENTRE_NAME_KEY "centre_name"

/* A one-time code: 8 characters from 23456789ABCDEFGHJKMNPQRSTUVWXYZ
 * (nothing that reads as another character). */
char    *nk_enrol_new_code     (void);
/* TRUE for a code a person may have typed: 4–32 letters and digits
 * (case and spaces or dashes in between are forgiven by nk_enrol_tidy_code). */
gboolean nk_enrol_code_is_valid (const char *code);
/* Upper-cases and strips spaces and dashes; NULL when not valid. */
char    *nk_enrol_tidy_code    (const char *typed);
/* nurserykiosk://enrol?device=DEVICE&code=CODE (both escaped). */
char    *nk_enrol_qr_uri       (const char *device_id, const char *code);

/* TRUE for a centre name fit to show: 1–100 characters of valid UTF-8,
 * something visible, no control characters. */
gboolean nk_enrol_centre_name_is_valid (const char *name);

/* TRUE for 16–512 printable ASCII characters without spaces. */
gboolean nk_enrol_token_is_valid (const char *token);
/* Writes the token atomically with mode 0600 (a temporary file renamed
 * over the old one: never readable by others, not even for a moment). */
gboolean nk_enrol_write_token  (const char *path, const char *token, GError **error);
/* Reads the token; NULL and no error when the file does not exist.  A file
 * others can read is tightened to 0600 with a journal line. */
char    *nk_enrol_read_token   (const char *path, GError **error);

G_END_DECLS
