/* nk-form-child.h — the child a staff form opens for (the health check,
 * medicine, an observation): today's day of that one child, or why the
 * form cannot open. */
#pragma once

#include "core/nk-child-day.h"
#include "core/nk-door.h"

G_BEGIN_DECLS

/* Today's day set of child_id alone.  NULL when it cannot be read or the
 * child is no longer on the roster: then the journal says so (form names
 * the form, e.g. "Medicine") and *message is what the form shows (free
 * it). */
NkDaySet *nk_form_child_load (NkDoor *door, const char *child_id, const char *form, char **message);

G_END_DECLS
