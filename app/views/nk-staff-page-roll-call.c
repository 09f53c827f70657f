/* nk-staff-page-roll-call.c — the emergency roll call in staff mode
 * (nk-staff-page-roll-call.h).  Starting records through core
 * (nk_roll_call_start), which joins the roll call already open rather than
 * start a second one. */
#define G_LOG_DOMAIN "nk-views"

#include "config.h"

#include <glib/gi18n.h>

#include "nk-roll-call-page.h"
#include "nk-staff-page-private.h"
#include "nk-staff-page-roll-call.h"

#define PAGE "roll-call"

static NkRollCallPage *
page (NkStaffPage *self)
{
  return NK_ROLL_CALL_PAGE (gtk_stack_get_child_by_name (self->inner_stack, PAGE));
}

static void
show (NkStaffPage *self, const char *id)
{
  nk_roll_call_page_show (page (self), self->door, self->staff_id, id);
  gtk_stack_set_visible_child_name (self->inner_stack, PAGE);
  nk_staff_page_restart_lock (self);
}

static void
action_open (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  NkStaffPage *self = NK_STAFF_PAGE (widget);
  g_autoptr (GError) error = NULL;
  g_autofree char *id = NULL;
  gboolean joined = FALSE;

  if (self->door == NULL || self->staff_id == NULL)
    return;
  if (!nk_roll_call_start (nk_door_get_store (self->door), nk_door_get_centre (self->door), self->staff_id, &id,
                           &joined, &error))
    {
      g_message ("Roll call not started: %s", error->message);
      /* TRANSLATORS: staff mode's status line; %s says why */
      g_autofree char *text = g_strdup_printf (_("The roll call could not start: %s"), error->message);

      gtk_label_set_label (self->status_label, text);
      return;
    }
  gtk_label_set_label (self->status_label, joined ? _("The roll call already open goes on")
                                                  : _("Roll call started: tick everyone you see"));
  show (self, id);
}

void
nk_staff_page_roll_call_open (NkStaffPage *self)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *id = NULL;

  if (self->door == NULL || self->staff_id == NULL)
    return;
  if (!nk_roll_call_find_open (nk_door_get_store (self->door), &id, &error))
    {
      g_message ("Cannot tell whether a roll call is open: %s", error->message);
      return;
    }
  if (id == NULL)
    return;
  g_message ("Roll call %s is open: staff mode goes to it", id);
  gtk_label_set_label (self->status_label, _("A roll call is open: it goes on"));
  show (self, id);
}

static void
on_finished (NkStaffPage *self)
{
  /* TRANSLATORS: staff mode's status line once the roll call is finished */
  gtk_label_set_label (self->status_label, _("Roll call finished: write its PDF for the records"));
}

void
nk_staff_page_roll_call_close (NkStaffPage *self)
{
  nk_roll_call_page_clear (page (self));
}

gboolean
nk_staff_page_roll_call_holds_lock (NkStaffPage *self)
{
  return nk_roll_call_page_is_open (page (self));
}

void
nk_staff_page_roll_call_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "rollcall.open", NULL, action_open);
  g_type_ensure (NK_TYPE_ROLL_CALL_PAGE);
}

void
nk_staff_page_roll_call_init (NkStaffPage *self)
{
  GtkWidget *roll = g_object_new (NK_TYPE_ROLL_CALL_PAGE, NULL);
  GtkStackPage *p;

  g_signal_connect_object (roll, "finished", G_CALLBACK (on_finished), self, G_CONNECT_SWAPPED);
  p = gtk_stack_add_named (self->inner_stack, roll, PAGE);
  /* TRANSLATORS: what a screen reader calls the emergency roll call's page */
  gtk_stack_page_set_title (p, _("Emergency roll call"));
  /* TRANSLATORS: the staff tool that starts the emergency roll call, 紧急点名 */
  nk_staff_page_add_tool (self, C_("staff tool", "Roll call"),
                          _("Emergency roll call: everyone on site, by room, ticked at the assembly point"),
                          "rollcall.open", NULL, NK_STAFF_ROLE_MASK_ALL);
}
