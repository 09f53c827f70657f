/* nk-sleep-page.h — staff mode's sleep checks (睡眠巡查) for one room:
 * the napping children with when each check is due, a check in two
 * touches per child (the position, then OK; breathing and colour normal
 * unless toggled), the end of a nap, the room's nap time, and the day's
 * report of gaps between checks.  It records through the core
 * (nk-nap.h, nk-sleep-check.h) as the staff member of the staff page it
 * sits in. */
#pragma once

#include <gtk/gtk.h>

#include "core/nk-door.h"

G_BEGIN_DECLS

#define NK_TYPE_SLEEP_PAGE (nk_sleep_page_get_type ())
G_DECLARE_FINAL_TYPE (NkSleepPage, nk_sleep_page, NK, SLEEP_PAGE, GtkWidget)

void        nk_sleep_page_set_door  (NkSleepPage *self, NkDoor *door);
/* The room shown (NULL or "": every room with checks); reads it again. */
void        nk_sleep_page_set_room  (NkSleepPage *self, const char *room_id);
void        nk_sleep_page_refresh   (NkSleepPage *self);
/* For the check the staff member records: who they are. */
void        nk_sleep_page_set_staff (NkSleepPage *self, const char *staff_id);

/* What is on screen, for tests: the napping children listed, and the
 * warning shown after a check ("turn onto the back"), or NULL. */
guint       nk_sleep_page_get_n_children (NkSleepPage *self);
const char *nk_sleep_page_get_warning    (NkSleepPage *self);
const char *nk_sleep_page_get_message    (NkSleepPage *self);

G_END_DECLS
