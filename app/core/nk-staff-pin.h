/* nk-staff-pin.h — the staff PIN: six digits that open staff mode when a
 * staff card was forgotten.
 *
 * A PIN is unique among the centre's staff, so the PIN alone says who is
 * at the door (nothing on the door screen lists staff names).  It is kept
 * only as an Argon2id hash (libsodium's crypto_pwhash_str) and never
 * leaves the kiosk: setting or clearing one is an audit row, not an
 * event.  Five wrong PINs in a row lock PIN entry for five minutes; the
 * lock is kept in the database, so a restart does not lift it. */
#pragma once

#include <gio/gio.h>

#include "nk-centre.h"
#include "nk-store.h"

G_BEGIN_DECLS

#define NK_STAFF_PIN_LENGTH    6
#define NK_STAFF_PIN_MAX_TRIES 5
#define NK_STAFF_PIN_LOCK_US   (G_GINT64_CONSTANT (5 * 60) * G_USEC_PER_SEC)

#define NK_STAFF_PIN_ERROR (nk_staff_pin_error_quark ())
GQuark nk_staff_pin_error_quark (void);

typedef enum {
  NK_STAFF_PIN_ERROR_FORMAT,  /* not exactly six digits */
  NK_STAFF_PIN_ERROR_WEAK,    /* 000000, 123456 and the like */
  NK_STAFF_PIN_ERROR_TAKEN,   /* another member of staff has this PIN */
  NK_STAFF_PIN_ERROR_HASH,    /* libsodium could not start or hash */
} NkStaffPinError;

/* Whether pin may be a staff PIN: exactly six digits, not trivially
 * guessed (one digit repeated, a run up or down, a repeated pair or
 * triple). */
gboolean nk_staff_pin_check (const char *pin, GError **error);

/* nursery-kiosk-admin set-pin: checks pin, that staff_id is an active
 * member of staff and that no other member of staff has the same PIN,
 * then stores its hash (replacing any earlier one) with an audit row,
 * in one transaction. */
gboolean nk_staff_pin_set   (NkStore *store, const char *staff_id, const char *pin,
                             GError **error);
/* set-pin --clear: removes staff_id's PIN (*had_pin says whether there
 * was one) with an audit row.  NK_STORE_ERROR_NOT_FOUND for no such staff. */
gboolean nk_staff_pin_clear (NkStore *store, const char *staff_id, gboolean *had_pin,
                             GError **error);
/* Whether staff_id has a PIN (for admin status and tests). */
gboolean nk_staff_pin_exists (NkStore *store, const char *staff_id, gboolean *exists,
                              GError **error);

/* ---------------------------------------------------------------- at the door */

typedef enum {
  NK_PIN_RIGHT,    /* staff_id is who it is */
  NK_PIN_WRONG,    /* no one's PIN; tries_left before the lock */
  NK_PIN_LOCKED,   /* PIN entry is locked (by this try or earlier) */
} NkPinOutcome;

typedef struct {
  NkPinOutcome outcome;
  char        *staff_id;       /* NK_PIN_RIGHT */
  guint        tries_left;     /* NK_PIN_WRONG */
  gint64       locked_for_us;  /* NK_PIN_LOCKED: how long the lock still lasts */
} NkPinAnswer;

void nk_pin_answer_free (NkPinAnswer *answer);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NkPinAnswer, nk_pin_answer_free)

#define NK_TYPE_STAFF_PIN (nk_staff_pin_get_type ())
G_DECLARE_FINAL_TYPE (NkStaffPin, nk_staff_pin, NK, STAFF_PIN, GObject)

/* The door's PIN checker; the lock runs on centre's clocks. */
NkStaffPin *nk_staff_pin_new (NkStore *store, NkCentre *centre);

/* How long PIN entry stays locked (µs), 0 when it is open.  FALSE with
 * error set when the database cannot be read. */
gboolean    nk_staff_pin_locked_for (NkStaffPin *self, gint64 *locked_for_us, GError **error);

/* Checks pin against every active staff member's PIN.  The hashes are
 * read here (main thread); the Argon2 work runs in a worker thread, so
 * the door never waits on it.  A locked PIN entry is answered at once
 * without any hashing.  The try is counted (and the lock written) in
 * _finish, which must be called even when the answer is no longer
 * wanted: a try is counted whatever happened on screen meanwhile. */
void         nk_staff_pin_verify_async  (NkStaffPin *self, const char *pin,
                                         GAsyncReadyCallback callback, gpointer user_data);
NkPinAnswer *nk_staff_pin_verify_finish (NkStaffPin *self, GAsyncResult *result, GError **error);

G_END_DECLS
