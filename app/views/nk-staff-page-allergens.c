/* nk-staff-page-allergens.c — the allergen lists hooked into staff mode
 * (nk-staff-page-allergens.h).  The page is one of the inner stack; when
 * it is left (back, or staff mode locking) it forgets its children. */
#define G_LOG_DOMAIN "nk-views"

#include "config.h"

#include <glib/gi18n.h>

#include "nk-allergen-page.h"
#include "nk-staff-page-allergens.h"
#include "nk-staff-page-private.h"

#define ALLERGEN_PAGE "allergens"

static NkAllergenPage *
allergen_page (NkStaffPage *self)
{
  return NK_ALLERGEN_PAGE (gtk_stack_get_child_by_name (self->inner_stack, ALLERGEN_PAGE));
}

static void
open_view (NkStaffPage *self, NkAllergenView view)
{
  if (self->door == NULL || self->staff_id == NULL)
    return;
  /* a caregiver sees the room they work in; the others every room */
  nk_allergen_page_open (allergen_page (self), self->door, self->staff_id, view,
                         self->role == NK_STAFF_CAREGIVER ? self->staff_room_id : NULL);
  gtk_stack_set_visible_child_name (self->inner_stack, ALLERGEN_PAGE);
  nk_staff_page_restart_lock (self);
}

static void
action_today (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  open_view (NK_STAFF_PAGE (widget), NK_ALLERGEN_VIEW_TODAY);
}

static void
action_confirm (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  open_view (NK_STAFF_PAGE (widget), NK_ALLERGEN_VIEW_CONFIRM);
}

/* Left, the page lets go of its children. */
static void
on_visible_page (NkStaffPage *self)
{
  GtkWidget *page = GTK_WIDGET (allergen_page (self));

  if (gtk_stack_get_visible_child (self->inner_stack) != page)
    nk_allergen_page_close (NK_ALLERGEN_PAGE (page));
}

void
nk_staff_page_allergens_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "allergens.today", NULL, action_today);
  gtk_widget_class_install_action (widget_class, "allergens.confirm", NULL, action_confirm);
  g_type_ensure (NK_TYPE_ALLERGEN_PAGE);
}

void
nk_staff_page_allergens_init (NkStaffPage *self)
{
  GtkStackPage *page = gtk_stack_add_named (self->inner_stack, nk_allergen_page_new (), ALLERGEN_PAGE);

  /* TRANSLATORS: what a screen reader calls the allergen lists' page */
  gtk_stack_page_set_title (page, _("Allergens"));
  nk_staff_page_add_tool (self, _("Allergens today"),
                          _("Children here whose menu today holds one of their allergens"),
                          "allergens.today", NULL, NK_STAFF_ROLE_MASK_ALL);
  nk_staff_page_add_tool (self, _("Allergies to confirm"),
                          _("Children whose allergies staff must confirm"),
                          "allergens.confirm", NULL,
                          NK_STAFF_ROLE_MASK_DIRECTOR | NK_STAFF_ROLE_MASK_HEALTH);
  g_signal_connect_object (self->inner_stack, "notify::visible-child", G_CALLBACK (on_visible_page),
                           self, G_CONNECT_SWAPPED);
}

GtkWidget *
nk_staff_page_get_allergen_page (NkStaffPage *self)
{
  return GTK_WIDGET (allergen_page (self));
}
