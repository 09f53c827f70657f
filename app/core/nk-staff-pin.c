/* nk-staff-pin.c — staff PINs: set and cleared by the admin tool, checked
 * at the door.
 *
 * The hash is crypto_pwhash_str (Argon2id) at libsodium's interactive
 * operations limit with 16 MiB of memory: a PIN is unique, so a try at the
 * door is checked against every PIN of the centre, and at 64 MiB one check
 * takes ~55 ms on the kiosk box (~9 ms at 16 MiB, so forty PINs stay under
 * 0.4 s).  Six digits cannot resist an offline search of a stolen
 * database whatever the cost; what protects a PIN is that the database
 * stays on the box and that the door locks after five wrong tries.
 *
 * The lock is kept in staff_pin_lockout with the time it started on both
 * clocks: it ends when either clock says five minutes have passed.  The
 * monotonic one is not moved by a change of the wall clock; the wall one
 * carries over a reboot (when the monotonic clock starts again). */
#define G_LOG_DOMAIN "nk-core"

#include "config.h"

#include <glib/gi18n.h>
#include <sodium.h>
#include <string.h>

#include "nk-attendance-private.h"
#include "nk-migrations.h"
#include "nk-staff-pin.h"

#define PIN_OPSLIMIT crypto_pwhash_OPSLIMIT_INTERACTIVE
#define PIN_MEMLIMIT ((size_t) 16 * 1024 * 1024)

static const char *const staff_pin_steps[] = {
  /* 1 */
  "CREATE TABLE staff_pins ("
  "  staff_id TEXT PRIMARY KEY,"
  "  hash TEXT NOT NULL,"
  "  set_at_us INTEGER NOT NULL);"
  "CREATE TABLE staff_pin_lockout ("
  "  id INTEGER PRIMARY KEY CHECK (id = 1),"
  "  failures INTEGER NOT NULL DEFAULT 0,"
  "  locked_real_us INTEGER,"
  "  locked_mono_us INTEGER);"
  "INSERT INTO staff_pin_lockout (id, failures) VALUES (1, 0);",
};

NK_MIGRATION_LIST (nk_staff_pin_migrations, "staff_pin", staff_pin_steps, 0);

G_DEFINE_QUARK (nk-staff-pin-error-quark, nk_staff_pin_error)

struct _NkStaffPin
{
  GObject   parent_instance;

  NkStore  *store;
  NkCentre *centre;
};

G_DEFINE_FINAL_TYPE (NkStaffPin, nk_staff_pin, G_TYPE_OBJECT)

static gboolean
sodium_ready (GError **error)
{
  static gsize once = 0;
  static gboolean ok = FALSE;

  if (g_once_init_enter (&once))
    {
      ok = sodium_init () >= 0;
      g_once_init_leave (&once, 1);
    }
  if (!ok)
    g_set_error (error, NK_STAFF_PIN_ERROR, NK_STAFF_PIN_ERROR_HASH,
                 _("The PIN library (libsodium) could not start"));
  return ok;
}

/* ---------------------------------------------------------------- the rule */

static gboolean
steps_by (const char *pin, int step)
{
  for (guint i = 1; i < NK_STAFF_PIN_LENGTH; i++)
    if (pin[i] - pin[i - 1] != step)
      return FALSE;
  return TRUE;
}

static gboolean
repeats_every (const char *pin, guint period)
{
  for (guint i = period; i < NK_STAFF_PIN_LENGTH; i++)
    if (pin[i] != pin[i - period])
      return FALSE;
  return TRUE;
}

/* Patterns on the keypad and in lists of common PINs that the rules
 * above do not catch. */
static const char *const common_pins[] = {
  "112233", "332211", "123321", "321123", "147258", "258369", "369258", "159357", "111222",
};

static gboolean
is_weak (const char *pin)
{
  if (steps_by (pin, 0) || steps_by (pin, 1) || steps_by (pin, -1)
      || repeats_every (pin, 2) || repeats_every (pin, 3))
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (common_pins); i++)
    if (strcmp (pin, common_pins[i]) == 0)
      return TRUE;
  return FALSE;
}

gboolean
nk_staff_pin_check (const char *pin, GError **error)
{
  gsize len = pin != NULL ? strlen (pin) : 0;

  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (pin[i]))
      len = 0;
  if (len != NK_STAFF_PIN_LENGTH)
    {
      g_set_error (error, NK_STAFF_PIN_ERROR, NK_STAFF_PIN_ERROR_FORMAT,
                   _("A staff PIN is exactly 6 digits (0–9), nothing else"));
      return FALSE;
    }
  if (is_weak (pin))
    {
      g_set_error (error, NK_STAFF_PIN_ERROR, NK_STAFF_PIN_ERROR_WEAK,
                   _("This PIN is too easy to guess (a repeated digit, a run like 123456 or a "
                     "repeated pattern): choose another"));
      return FALSE;
    }
  return TRUE;
}

/* ---------------------------------------------------------------- hashes */

typedef struct {
  char *staff_id;
  char *hash;
} PinHash;

static void
pin_hash_free (gpointer data)
{
  PinHash *entry = data;

  g_free (entry->staff_id);
  g_free (entry->hash);
  g_free (entry);
}

/* Every PIN hash, of active staff only unless all; except_id's left out. */
static GPtrArray *
load_hashes (NkStore *store, gboolean all, const char *except_id, GError **error)
{
  g_autoptr (GPtrArray) hashes = g_ptr_array_new_with_free_func (pin_hash_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = nk_store_prepare (store,
                           "SELECT p.staff_id, p.hash FROM staff_pins p "
                           "LEFT JOIN staff s ON s.id = p.staff_id "
                           "WHERE (:all OR s.active) AND p.staff_id IS NOT :except "
                           "ORDER BY p.staff_id",
                           error);
  if (stmt == NULL
      || !nk_store_bind (store, stmt, error, NK_BOOL (":all", all), NK_TEXT (":except", except_id),
                         NK_END))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PinHash *entry = g_new0 (PinHash, 1);

      entry->staff_id = nk_column_dup (stmt, 0);
      entry->hash = nk_column_dup (stmt, 1);
      g_ptr_array_add (hashes, entry);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      nk_store_set_error (store, error, _("Cannot read the staff PINs"));
      return NULL;
    }
  return g_steal_pointer (&hashes);
}

/* The staff id whose hash pin matches, or NULL.  Runs in any thread. */
static const char *
match_pin (GPtrArray *hashes, const char *pin)
{
  for (guint i = 0; i < hashes->len; i++)
    {
      PinHash *entry = g_ptr_array_index (hashes, i);

      if (crypto_pwhash_str_verify (entry->hash, pin, strlen (pin)) == 0)
        return entry->staff_id;
    }
  return NULL;
}

/* ---------------------------------------------------------------- admin */

static gboolean
staff_active (NkStore *store, const char *staff_id, gboolean *active, GError **error)
{
  sqlite3_stmt *row;

  if (!nk_store_query_row (store, &row, "SELECT active FROM staff WHERE id = :id",
                           _("Cannot read the roster"), error, NK_TEXT (":id", staff_id), NK_END))
    return FALSE;
  if (row == NULL)
    {
      g_set_error (error, NK_STORE_ERROR, NK_STORE_ERROR_NOT_FOUND,
                   _("There is no member of staff with the id %s"), staff_id);
      return FALSE;
    }
  *active = sqlite3_column_int (row, 0) != 0;
  sqlite3_reset (row);
  return TRUE;
}

static gboolean
set_locked (NkStore *store, const char *staff_id, const char *pin, GError **error)
{
  g_autoptr (GPtrArray) others = NULL;
  g_autofree char *detail = g_strdup_printf ("staff %s", staff_id);
  char hash[crypto_pwhash_STRBYTES];
  gboolean active = FALSE;

  if (!staff_active (store, staff_id, &active, error))
    return FALSE;
  if (!active)
    {
      g_set_error (error, NK_STORE_ERROR, NK_STORE_ERROR_INVALID,
                   _("Member of staff %s has left; a PIN would never open staff mode"), staff_id);
      return FALSE;
    }
  /* Unique: the PIN alone says who it is.  Staff who left count too, so
   * that one who comes back does not share a PIN. */
  others = load_hashes (store, TRUE, staff_id, error);
  if (others == NULL)
    return FALSE;
  if (match_pin (others, pin) != NULL)
    {
      g_set_error (error, NK_STAFF_PIN_ERROR, NK_STAFF_PIN_ERROR_TAKEN,
                   _("Another member of staff already has this PIN: choose another"));
      return FALSE;
    }
  if (crypto_pwhash_str (hash, pin, strlen (pin), PIN_OPSLIMIT, PIN_MEMLIMIT) != 0)
    {
      g_set_error (error, NK_STAFF_PIN_ERROR, NK_STAFF_PIN_ERROR_HASH,
                   _("The PIN could not be hashed (out of memory?)"));
      return FALSE;
    }
  return nk_store_run (store,
                       "INSERT INTO staff_pins (staff_id, hash, set_at_us) "
                       "VALUES (:id, :hash, :at) ON CONFLICT (staff_id) DO UPDATE SET "
                       "hash = excluded.hash, set_at_us = excluded.set_at_us",
                       _("Cannot save the PIN"), error, NK_TEXT (":id", staff_id),
                       NK_TEXT (":hash", hash), NK_INT (":at", g_get_real_time ()), NK_END)
         && nk_store_audit (store, g_get_real_time (), "staff-pin-set", NULL, detail, error);
}

gboolean
nk_staff_pin_set (NkStore *store, const char *staff_id, const char *pin, GError **error)
{
  g_return_val_if_fail (NK_IS_STORE (store), FALSE);
  g_return_val_if_fail (staff_id != NULL, FALSE);

  if (!nk_staff_pin_check (pin, error) || !sodium_ready (error) || !nk_store_begin (store, error))
    return FALSE;
  if (!set_locked (store, staff_id, pin, error))
    {
      nk_store_rollback (store);
      return FALSE;
    }
  return nk_store_commit (store, error);
}

gboolean
nk_staff_pin_exists (NkStore *store, const char *staff_id, gboolean *exists, GError **error)
{
  sqlite3_stmt *row;

  if (!nk_store_query_row (store, &row, "SELECT 1 FROM staff_pins WHERE staff_id = :id",
                           _("Cannot read the staff PINs"), error, NK_TEXT (":id", staff_id),
                           NK_END))
    return FALSE;
  *exists = row != NULL;
  if (row != NULL)
    sqlite3_reset (row);
  return TRUE;
}

static gboolean
clear_locked (NkStore *store, const char *staff_id, gboolean *had_pin, GError **error)
{
  g_autofree char *detail = g_strdup_printf ("staff %s", staff_id);
  gboolean active;

  if (!staff_active (store, staff_id, &active, error)
      || !nk_staff_pin_exists (store, staff_id, had_pin, error))
    return FALSE;
  if (!*had_pin)
    return TRUE;
  return nk_store_run (store, "DELETE FROM staff_pins WHERE staff_id = :id",
                       _("Cannot remove the PIN"), error, NK_TEXT (":id", staff_id), NK_END)
         && nk_store_audit (store, g_get_real_time (), "staff-pin-cleared", NULL, detail, error);
}

gboolean
nk_staff_pin_clear (NkStore *store, const char *staff_id, gboolean *had_pin, GError **error)
{
  gboolean had = FALSE;

  g_return_val_if_fail (NK_IS_STORE (store), FALSE);

  if (!nk_store_begin (store, error))
    return FALSE;
  if (!clear_locked (store, staff_id, &had, error))
    {
      nk_store_rollback (store);
      return FALSE;
    }
  if (!nk_store_commit (store, error))
    return FALSE;
  if (had_pin != NULL)
    *had_pin = had;
  return TRUE;
}

/* ---------------------------------------------------------------- the lock */

static void
nk_staff_pin_finalize (GObject *object)
{
  NkStaffPin *self = NK_STAFF_PIN (object);

  g_clear_object (&self->store);
  g_clear_object (&self->centre);

  G_OBJECT_CLASS (nk_staff_pin_parent_class)->finalize (object);
}

static void
nk_staff_pin_class_init (NkStaffPinClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = nk_staff_pin_finalize;
}

static void
nk_staff_pin_init (NkStaffPin *self)
{
}

NkStaffPin *
nk_staff_pin_new (NkStore *store, NkCentre *centre)
{
  NkStaffPin *self = g_object_new (NK_TYPE_STAFF_PIN, NULL);

  self->store = g_object_ref (store);
  self->centre = g_object_ref (centre);
  return self;
}

void
nk_pin_answer_free (NkPinAnswer *answer)
{
  if (answer == NULL)
    return;
  g_free (answer->staff_id);
  g_free (answer);
}

/* What is left of a lock started at (real, mono): it is over as soon as
 * either clock says so; a clock that went back (before the lock) cannot
 * say anything. */
static gint64
lock_left (NkStaffPin *self, gint64 locked_real, gint64 locked_mono)
{
  gint64 by_mono = nk_centre_monotonic (self->centre) - locked_mono;
  gint64 by_real = nk_centre_now (self->centre) - locked_real;
  gint64 elapsed;

  if (by_mono < 0 && by_real < 0)
    return 0;
  elapsed = MAX (by_mono, by_real);
  return elapsed >= NK_STAFF_PIN_LOCK_US ? 0 : NK_STAFF_PIN_LOCK_US - elapsed;
}

static gboolean
read_lock (NkStaffPin *self, guint *failures, gint64 *locked_for_us, GError **error)
{
  sqlite3_stmt *row;

  *failures = 0;
  *locked_for_us = 0;
  if (!nk_store_query_row (self->store, &row,
                           "SELECT failures, locked_real_us, locked_mono_us FROM staff_pin_lockout "
                           "WHERE id = 1",
                           _("Cannot read the PIN lock"), error, NK_END))
    return FALSE;
  if (row == NULL)
    return TRUE;
  *failures = sqlite3_column_int (row, 0);
  if (sqlite3_column_type (row, 1) != SQLITE_NULL)
    *locked_for_us = lock_left (self, sqlite3_column_int64 (row, 1), sqlite3_column_int64 (row, 2));
  sqlite3_reset (row);
  return TRUE;
}

gboolean
nk_staff_pin_locked_for (NkStaffPin *self, gint64 *locked_for_us, GError **error)
{
  guint failures;

  g_return_val_if_fail (NK_IS_STAFF_PIN (self), FALSE);
  return read_lock (self, &failures, locked_for_us, error);
}

/* A right PIN: the count starts again; who opened staff mode is audited. */
static gboolean
count_right (NkStaffPin *self, const char *staff_id, GError **error)
{
  g_autofree char *detail = g_strdup_printf ("staff %s", staff_id);

  if (!nk_store_begin (self->store, error))
    return FALSE;
  if (!nk_store_run (self->store,
                     "UPDATE staff_pin_lockout SET failures = 0, locked_real_us = NULL, "
                     "locked_mono_us = NULL WHERE id = 1",
                     _("Cannot save the PIN lock"), error, NK_END)
      || !nk_store_audit (self->store, nk_centre_now (self->centre), "staff-pin-opened", NULL,
                          detail, error))
    {
      nk_store_rollback (self->store);
      return FALSE;
    }
  return nk_store_commit (self->store, error);
}

/* A wrong PIN: one more in a row; the fifth locks PIN entry. */
static gboolean
count_wrong (NkStaffPin *self, NkPinAnswer *answer, GError **error)
{
  gint64 locked_for = 0;
  guint failures = 0;
  gboolean ok;

  if (!nk_store_begin (self->store, error))
    return FALSE;
  if (!read_lock (self, &failures, &locked_for, error))
    {
      nk_store_rollback (self->store);
      return FALSE;
    }
  failures++;
  if (failures < NK_STAFF_PIN_MAX_TRIES)
    {
      answer->tries_left = NK_STAFF_PIN_MAX_TRIES - failures;
      ok = nk_store_run (self->store, "UPDATE staff_pin_lockout SET failures = :n WHERE id = 1",
                         _("Cannot save the PIN lock"), error, NK_INT (":n", failures), NK_END);
    }
  else
    {
      answer->outcome = NK_PIN_LOCKED;
      answer->locked_for_us = NK_STAFF_PIN_LOCK_US;
      ok = nk_store_run (self->store,
                         "UPDATE staff_pin_lockout SET failures = 0, locked_real_us = :real, "
                         "locked_mono_us = :mono WHERE id = 1",
                         _("Cannot save the PIN lock"), error,
                         NK_INT (":real", nk_centre_now (self->centre)),
                         NK_INT (":mono", nk_centre_monotonic (self->centre)), NK_END)
           && nk_store_audit (self->store, nk_centre_now (self->centre), "staff-pin-locked", NULL,
                              NULL, error);
    }
  if (!ok)
    {
      nk_store_rollback (self->store);
      return FALSE;
    }
  return nk_store_commit (self->store, error);
}

/* ---------------------------------------------------------------- the check */

typedef struct {
  GPtrArray *hashes;
  char      *pin;
} VerifyData;

/* The task data of a try that came while PIN entry was locked. */
#define LOCKED_BEFORE GINT_TO_POINTER (1)

static void
verify_data_free (gpointer data)
{
  VerifyData *verify = data;

  g_ptr_array_unref (verify->hashes);
  sodium_memzero (verify->pin, strlen (verify->pin));
  g_free (verify->pin);
  g_free (verify);
}

static void
verify_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  VerifyData *verify = task_data;
  const char *staff_id = match_pin (verify->hashes, verify->pin);

  g_task_return_pointer (task, g_strdup (staff_id), g_free);
}

void
nk_staff_pin_verify_async (NkStaffPin *self, const char *pin, GAsyncReadyCallback callback,
                           gpointer user_data)
{
  g_autoptr (GTask) task = g_task_new (self, NULL, callback, user_data);
  g_autoptr (GError) error = NULL;
  VerifyData *verify;
  GPtrArray *hashes;
  gint64 locked_for = 0;
  guint failures = 0;

  g_return_if_fail (NK_IS_STAFF_PIN (self));

  g_task_set_source_tag (task, nk_staff_pin_verify_async);
  if (!nk_staff_pin_check (pin, NULL))
    {
      /* not a PIN at all (the pad makes only six digits): a wrong try */
      g_task_return_pointer (task, NULL, NULL);
      return;
    }
  if (!read_lock (self, &failures, &locked_for, &error) || !sodium_ready (&error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (locked_for > 0)
    {
      g_task_set_task_data (task, LOCKED_BEFORE, NULL);
      g_task_return_pointer (task, NULL, NULL);
      return;
    }
  hashes = load_hashes (self->store, FALSE, NULL, &error);
  if (hashes == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  verify = g_new0 (VerifyData, 1);
  verify->hashes = hashes;
  verify->pin = g_strdup (pin);
  g_task_set_task_data (task, verify, verify_data_free);
  g_task_run_in_thread (task, verify_thread);
}

NkPinAnswer *
nk_staff_pin_verify_finish (NkStaffPin *self, GAsyncResult *result, GError **error)
{
  g_autoptr (NkPinAnswer) answer = g_new0 (NkPinAnswer, 1);
  g_autoptr (GError) failed = NULL;
  g_autofree char *staff_id = NULL;
  GTask *task = G_TASK (result);
  gint64 locked_for = 0;
  guint failures = 0;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  staff_id = g_task_propagate_pointer (task, &failed);
  if (failed != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&failed));
      return NULL;
    }

  /* already locked when the try came: nothing is counted */
  if (g_task_get_task_data (task) == LOCKED_BEFORE)
    {
      if (!read_lock (self, &failures, &locked_for, error))
        return NULL;
      answer->outcome = NK_PIN_LOCKED;
      answer->locked_for_us = MAX (locked_for, 1);
      return g_steal_pointer (&answer);
    }
  if (staff_id != NULL)
    {
      if (!count_right (self, staff_id, error))
        return NULL;
      answer->outcome = NK_PIN_RIGHT;
      answer->staff_id = g_steal_pointer (&staff_id);
      return g_steal_pointer (&answer);
    }
  answer->outcome = NK_PIN_WRONG;
  if (!count_wrong (self, answer, error))
    return NULL;
  if (answer->outcome == NK_PIN_LOCKED)
    g_message ("Staff PIN entry locked for %d min after %d wrong PINs in a row",
               (int) (NK_STAFF_PIN_LOCK_US / (60 * G_USEC_PER_SEC)), NK_STAFF_PIN_MAX_TRIES);
  else
    g_message ("Wrong staff PIN (tries left before the lock: %u)", answer->tries_left);
  return g_steal_pointer (&answer);
}
