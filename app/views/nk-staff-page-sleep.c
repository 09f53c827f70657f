/* nk-staff-page-sleep.c — naps and sleep checks in staff mode
 * (nk-staff-page-sleep.h).  Recording is the core's (nk-nap.h); this
 * file says what came of it in staff mode's status line. */
#define G_LOG_DOMAIN "nk-views"

#include "config.h"

#include <glib/gi18n.h>

#include "core/nk-nap.h"
#include "nk-sleep-page.h"
#include "nk-staff-page-private.h"
#include "nk-staff-page-sleep.h"

#define SLEEP_PAGE "sleep"

static NkSleepPage *
sleep_page (NkStaffPage *self)
{
  return NK_SLEEP_PAGE (gtk_stack_get_child_by_name (self->inner_stack, SLEEP_PAGE));
}

static void
status (NkStaffPage *self, const char *text)
{
  gtk_label_set_label (self->status_label, text);
}

/* The child's name as staff mode lists it, else the id. */
static const char *
child_name (NkStaffPage *self, const char *child_id)
{
  NkRoomChildItem *child = self->rooms != NULL ? nk_room_list_find_child (self->rooms, child_id) : NULL;

  return child != NULL ? nk_room_child_item_get_name (child) : child_id;
}

/* Starts the child's nap, or ends the one going on: one touch either way. */
static void
toggle_nap (NkStaffPage *self, const char *child_id)
{
  NkStore *store = nk_door_get_store (self->door);
  NkCentre *centre = nk_door_get_centre (self->door);
  const char *ids[] = { child_id, NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (NkNap) open = nk_nap_get_open (store, child_id, &error);
  g_autoptr (GPtrArray) done = NULL;
  g_autofree char *text = NULL;
  g_autofree char *now = nk_centre_format_time (centre, nk_centre_now (centre));

  if (error == NULL)
    done = open != NULL ? nk_nap_end (store, centre, self->staff_id, ids, 0, &error)
                        : nk_nap_start (store, centre, self->staff_id, ids, &error);
  if (done == NULL)
    {
      g_message ("Nap of child %s not saved: %s", child_id, error->message);
      text = g_strdup_printf (_("Not saved: %s"), error->message);
    }
  else if (open != NULL)
    {
      g_autofree char *length = nk_nap_format_duration (nk_centre_now (centre) - open->start_us);

      /* TRANSLATORS: staff mode's status line after ending a nap: child, time, length */
      text = g_strdup_printf (_("%s: nap ended at %s (%s)"), child_name (self, child_id), now, length);
    }
  else
    /* TRANSLATORS: staff mode's status line after starting a nap: child, time */
    text = g_strdup_printf (_("%s: nap started at %s"), child_name (self, child_id), now);
  status (self, text);
  nk_staff_page_restart_lock (self);
}

static void
action_nap (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  NkStaffPage *self = NK_STAFF_PAGE (widget);

  if (self->door != NULL && self->staff_id != NULL)
    toggle_nap (self, g_variant_get_string (parameter, NULL));
}

static void
action_sleep_checks (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  NkStaffPage *self = NK_STAFF_PAGE (widget);
  NkSleepPage *page = sleep_page (self);

  if (self->door == NULL || self->staff_id == NULL)
    return;
  nk_sleep_page_set_door (page, self->door);
  nk_sleep_page_set_staff (page, self->staff_id);
  nk_sleep_page_set_room (page, g_variant_get_string (parameter, NULL));
  gtk_stack_set_visible_child_name (self->inner_stack, SLEEP_PAGE);
  nk_staff_page_restart_lock (self);
}

void
nk_staff_page_sleep_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "care.nap", "s", action_nap);
  gtk_widget_class_install_action (widget_class, "care.sleep-checks", "s", action_sleep_checks);
  g_type_ensure (NK_TYPE_SLEEP_PAGE);
}

void
nk_staff_page_sleep_init (NkStaffPage *self)
{
  GtkWidget *page = g_object_new (NK_TYPE_SLEEP_PAGE, NULL);
  GtkStackPage *stack_page = gtk_stack_add_named (self->inner_stack, page, SLEEP_PAGE);

  /* TRANSLATORS: what a screen reader calls the sleep-check page */
  gtk_stack_page_set_title (stack_page, _("Sleep checks"));
}

GtkWidget *
nk_staff_page_get_sleep_page (NkStaffPage *self)
{
  return GTK_WIDGET (sleep_page (self));
}

const char *
nk_staff_page_sleep_get_status (NkStaffPage *self)
{
  return gtk_label_get_label (self->status_label);
}
