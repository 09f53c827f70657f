/* nk-staff-page-alarm.c — the alarm control of staff mode
 * (nk-staff-page-alarm.h).  The control emits "raise"; the alarm is
 * recorded for the member of staff whose mode is open (nk_alarm_raise),
 * and the window's banner (nk-window-alarm.c) follows from the store's
 * changed::alarm, at this door and at the others. */
#define G_LOG_DOMAIN "nk-views"

#include "config.h"

#include <glib/gi18n.h>

#include "core/nk-alarm.h"
#include "nk-alarm-button.h"
#include "nk-staff-page-alarm.h"
#include "nk-staff-page-private.h"

static void
raise_alarm (NkStaffPage *self)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *id = NULL;
  gboolean recorded = FALSE;

  if (self->door == NULL || self->staff_id == NULL)
    return;
  nk_staff_page_restart_lock (self);
  id = nk_alarm_raise (nk_door_get_store (self->door), nk_door_get_centre (self->door), self->staff_id,
                       &recorded, &error);
  if (id == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("The alarm was not raised: %s"), error->message);

      g_message ("Alarm not raised by %s: %s", self->staff_id, error->message);
      gtk_label_set_label (self->status_label, text);
      return;
    }
  if (recorded)
    g_message ("confirmed alarm-raised alarm=%s by=%s", id, self->staff_id);
  else
    g_message ("Alarm %s is open already: nothing more raised by %s", id, self->staff_id);
}

static void
on_alarm_raise (NkStaffPage *self)
{
  raise_alarm (self);
}

void
nk_staff_page_alarm_class_init (GtkWidgetClass *widget_class)
{
  g_type_ensure (NK_TYPE_ALARM_BUTTON);
  gtk_widget_class_bind_template_child (widget_class, NkStaffPage, alarm_button);
  gtk_widget_class_bind_template_callback (widget_class, on_alarm_raise);
}

void
nk_staff_page_alarm_set_door (NkStaffPage *self, NkDoor *door)
{
  nk_alarm_button_set_centre (NK_ALARM_BUTTON (self->alarm_button),
                              door != NULL ? nk_door_get_centre (door) : NULL);
}
