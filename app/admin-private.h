/* admin-private.h — what the parts of nursery-kiosk-admin share: exit
 * codes, the options every command fills in, the table of commands
 * (admin-commands.c) and how a usage error is said. */
#pragma once

#include <glib.h>

#include "core/nk-config.h"
#include "core/nk-store.h"

G_BEGIN_DECLS

#define EXIT_OK      0
#define EXIT_FAILED  1
#define EXIT_USAGE   2

typedef struct {
  /* options every command takes */
  char     *data_dir;
  char     *config_path;
  /* import-roster */
  gboolean  dry_run;
  char     *roster;           /* the file's bytes */
  gsize     roster_len;
  /* export-attendance */
  char     *from;
  char     *to;
  char     *output;
  /* add-card */
  char     *child;
  char     *guardian;
  char     *staff;
  /* set-pin */
  gboolean  clear;
  char     *pin;              /* read before the database is opened */
  /* sleep-report (and --child) */
  char     *date;

  NkConfig *config;
  char     *uid;              /* add-card, report-lost: normalised */
} Admin;

typedef struct _Command Command;
struct _Command {
  const char   *name;
  const char   *params;          /* after the command name, untranslated */
  const char   *summary;         /* N_() */
  const char   *description;     /* N_(), may be NULL */
  gboolean      creates_database;
  /* Checks the arguments (and reads input) before the database is
   * opened; prints why not and returns the exit status, or EXIT_OK. */
  int         (*check) (Admin *admin, GStrv args);
  /* store is NULL only for a dry run without a database. */
  int         (*run) (Admin *admin, NkStore *store, GStrv args);
  GOptionEntry *entries;
  /* runs without a database (store NULL): the configuration alone */
  gboolean      no_database;
};

/* The options parsed for the command run (one run per process). */
extern Admin        admin_options;
/* Options every command takes. */
extern GOptionEntry admin_common_entries[];
/* Every command, in the order --help lists them. */
extern const Command admin_commands[];
extern const guint   admin_n_commands;

/* Prints message and where to find help (the command's, or the tool's
 * when command is NULL). */
void usage_error (const char *command, const char *message);

G_END_DECLS
