/* nk-form-child.c — the child a staff form opens for (nk-form-child.h). */
#define G_LOG_DOMAIN "nk-views"

#include "config.h"

#include <glib/gi18n.h>

#include "nk-form-child.h"

NkDaySet *
nk_form_child_load (NkDoor *door, const char *child_id, const char *form, char **message)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *today = nk_centre_today (nk_door_get_centre (door));
  g_autoptr (NkDaySet) set = nk_day_set_load_child (nk_door_get_store (door), nk_door_get_centre (door),
                                                    child_id, today, &error);

  *message = NULL;
  if (set != NULL && nk_day_set_get_n (set) == 1)
    return g_steal_pointer (&set);
  g_message ("%s of child %s not opened: %s", form, child_id,
             error != NULL ? error->message : "not on the roster");
  *message = g_strdup (error != NULL ? error->message : _("This child is no longer on the roster"));
  return NULL;
}
