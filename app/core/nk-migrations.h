/* nk-migrations.h — forward-only schema migrations, kept by concern.
 *
 * Each module of core/ that owns tables keeps one list of steps beside the
 * code that uses them; step i moves that module from version i to i + 1.
 * nk-store.c applies the lists in a fixed order (NK_MIGRATION_MODULES),
 * each step in its own transaction, records every module's version in the
 * table schema_modules and keeps PRAGMA user_version at the sum of them,
 * so a database made by a newer kiosk is recognised and refused.
 *
 * A database of schema 1 (before the lists were split) has no
 * schema_modules table: every module is then at its in_schema_1 version.
 * A step never edits or removes an earlier one; a change is a new step. */
#pragma once

#include "nk-store.h"

G_BEGIN_DECLS

/* Work a step needs beyond SQL (records of JSON kept by an earlier
 * version, free text to map): run after the SQL of step version - 1 →
 * version, in its transaction; FALSE with error rolls the step back. */
typedef gboolean (*NkMigrationAfter) (NkStore *store, guint version, GError **error);

typedef struct {
  const char        *module;       /* "store", "roster", … */
  const char *const *steps;        /* SQL, one string per step */
  guint              n_steps;
  guint              in_schema_1;  /* steps that schema 1 already held */
  NkMigrationAfter   after;        /* may be NULL */
} NkMigrationList;

#define NK_MIGRATION_LIST(name, module, list, schema1) \
  const NkMigrationList name = { module, list, G_N_ELEMENTS (list), schema1, NULL }
#define NK_MIGRATION_LIST_AFTER(name, module, list, schema1, after) \
  const NkMigrationList name = { module, list, G_N_ELEMENTS (list), schema1, after }

extern const NkMigrationList nk_store_migrations;       /* meta, audit, outbox */
extern const NkMigrationList nk_roster_migrations;      /* rooms, children, guardians, staff, cards */
extern const NkMigrationList nk_attendance_migrations;  /* attendance */
extern const NkMigrationList nk_staff_clock_migrations; /* staff_clock */
extern const NkMigrationList nk_pull_migrations;        /* pulled records kept as received, quarantine */
extern const NkMigrationList nk_staff_pin_migrations;   /* staff_pins, staff_pin_lockout */
extern const NkMigrationList nk_incident_ack_migrations; /* incident_acks */
extern const NkMigrationList nk_nap_migrations;         /* naps */
extern const NkMigrationList nk_sleep_check_migrations; /* sleep checks, their escalations */
extern const NkMigrationList nk_health_check_migrations;       /* health_checks */
extern const NkMigrationList nk_health_observation_migrations; /* health_observations */
extern const NkMigrationList nk_medicine_migrations;           /* medicines */
extern const NkMigrationList nk_medicine_given_migrations;     /* medicine_given */
extern const NkMigrationList nk_classroom_migrations;          /* classroom_sessions, classroom_signups */
extern const NkMigrationList nk_checkup_migrations;            /* checkup_results, checkup_visits */
extern const NkMigrationList nk_absence_migrations;            /* absences */
extern const NkMigrationList nk_outbreak_migrations;           /* outbreaks, outbreak_acks */
extern const NkMigrationList nk_alarm_migrations;             /* alarms, alarm_cancels */
extern const NkMigrationList nk_roll_call_migrations;          /* roll_calls, roll_call_ticks, roll_call_ends */
extern const NkMigrationList nk_ratio_migrations;              /* ratio_breaches, ratio_clears */

extern const NkMigrationList nk_care_log_migrations;   /* care_meals … incidents, care_notes */
extern const NkMigrationList nk_menu_migrations;       /* menu_days */
extern const NkMigrationList nk_allergy_migrations;    /* children's allergens, allergy_confirmations */
extern const NkMigrationList nk_menu_substitute_migrations; /* menu_substitutes */
G_END_DECLS
