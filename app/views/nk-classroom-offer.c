/* nk-classroom-offer.c — the classroom offer on the chooser
 * (nk-classroom-offer.h).  Its states: hidden, offering a session, and
 * what the touch came to (signed up, on the waiting list, or why not). */
#define G_LOG_DOMAIN "nk-views"

#include "config.h"

#include <glib/gi18n.h>

#include "core/nk-classroom.h"
#include "nk-classroom-offer.h"

struct _NkClassroomOffer
{
  GtkWidget parent_instance;

  GtkLabel *kind_label;
  GtkLabel *title_label;
  GtkLabel *when_label;
  GtkLabel *seats_label;
  GtkLabel *status_label;
  GtkButton *sign_up_button;

  NkDoor *door;
  char *guardian_id;
  NkClassroomSession *session;
  guint load_id;
};

G_DEFINE_FINAL_TYPE (NkClassroomOffer, nk_classroom_offer, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DOOR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
seats_text (const NkClassroomSession *s)
{
  if (s->seats_left == 0)
    return g_strdup (_("Full: you can join the waiting list"));
  if (s->seats_left > 0)
    /* TRANSLATORS: seats left of a classroom session */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d seat left", "%d seats left", s->seats_left),
                            s->seats_left);
  return g_strdup ("");
}

/* The card for self->session, the button ready. */
static void
nk_classroom_offer_present (NkClassroomOffer *self)
{
  const NkClassroomSession *s = self->session;
  g_autofree char *kind = nk_classroom_format_about (s);
  g_autofree char *where = nk_classroom_format_when_where (s, nk_door_get_timezone (self->door));
  g_autofree char *seats = seats_text (s);

  gtk_label_set_label (self->kind_label, kind);
  gtk_label_set_label (self->title_label, s->title);
  gtk_label_set_label (self->when_label, where);
  gtk_label_set_label (self->seats_label, seats);
  gtk_widget_set_visible (GTK_WIDGET (self->seats_label), seats[0] != '\0');
  gtk_button_set_label (self->sign_up_button,
                        s->seats_left == 0 ? _("Join the waiting list") : _("Sign up"));
  gtk_widget_set_visible (GTK_WIDGET (self->sign_up_button), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "classroom.sign-up", TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
}

/* The seats as they are now that the guardian took one. */
static void
nk_classroom_offer_refresh_seats (NkClassroomOffer *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (NkClassroomSession) now = nk_classroom_get (nk_door_get_store (self->door), self->session->id,
                                                         &error);
  g_autofree char *seats = NULL;

  if (now == NULL)
    {
      g_message ("The seats left were not read again: %s", error->message);
      return;
    }
  seats = seats_text (now);
  gtk_label_set_label (self->seats_label, seats);
}

static void
nk_classroom_offer_say (NkClassroomOffer *self, const char *text)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "classroom.sign-up", FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->sign_up_button), FALSE);
  gtk_label_set_label (self->status_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), TRUE);
}

static gboolean
load_cb (gpointer user_data)
{
  NkClassroomOffer *self = user_data;
  g_autoptr (GError) error = NULL;
  NkCentre *centre;

  self->load_id = 0;
  if (self->door == NULL || self->guardian_id == NULL)
    return G_SOURCE_REMOVE;
  centre = nk_door_get_centre (self->door);
  g_clear_pointer (&self->session, nk_classroom_session_free);
  self->session = nk_classroom_offer (nk_door_get_store (self->door), self->guardian_id,
                                      nk_centre_now (centre), &error);
  if (error != NULL)
    g_message ("No classroom session offered: %s", error->message);
  if (self->session != NULL)
    nk_classroom_offer_present (self);
  return G_SOURCE_REMOVE;
}

void
nk_classroom_offer_show (NkClassroomOffer *self, const char *guardian_id)
{
  g_return_if_fail (NK_IS_CLASSROOM_OFFER (self));

  nk_classroom_offer_clear (self);
  self->guardian_id = g_strdup (guardian_id);
  /* after the chooser is painted: the offer never holds up the door */
  self->load_id = g_idle_add_full (G_PRIORITY_LOW, load_cb, self, NULL);
  g_source_set_name_by_id (self->load_id, "[nk] classroom offer");
}

void
nk_classroom_offer_clear (NkClassroomOffer *self)
{
  g_return_if_fail (NK_IS_CLASSROOM_OFFER (self));

  g_clear_handle_id (&self->load_id, g_source_remove);
  g_clear_pointer (&self->guardian_id, g_free);
  g_clear_pointer (&self->session, nk_classroom_session_free);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "classroom.sign-up", FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

const char *
nk_classroom_offer_get_session_id (NkClassroomOffer *self)
{
  g_return_val_if_fail (NK_IS_CLASSROOM_OFFER (self), NULL);
  return self->session != NULL ? self->session->id : NULL;
}

gboolean
nk_classroom_offer_get_pending (NkClassroomOffer *self)
{
  g_return_val_if_fail (NK_IS_CLASSROOM_OFFER (self), FALSE);
  return self->load_id != 0;
}

const char *
nk_classroom_offer_get_button_text (NkClassroomOffer *self)
{
  g_return_val_if_fail (NK_IS_CLASSROOM_OFFER (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->sign_up_button))
         ? gtk_button_get_label (self->sign_up_button) : NULL;
}

const char *
nk_classroom_offer_get_seats_text (NkClassroomOffer *self)
{
  g_return_val_if_fail (NK_IS_CLASSROOM_OFFER (self), NULL);
  return gtk_label_get_label (self->seats_label);
}

const char *
nk_classroom_offer_get_status_text (NkClassroomOffer *self)
{
  g_return_val_if_fail (NK_IS_CLASSROOM_OFFER (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->status_label))
         ? gtk_label_get_label (self->status_label) : NULL;
}

/* One touch: the sign-up recorded, and what it came to on the card. */
static void
nk_classroom_offer_sign_up (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  NkClassroomOffer *self = NK_CLASSROOM_OFFER (widget);
  g_autoptr (GError) error = NULL;
  gboolean waitlisted = FALSE;

  if (self->door == NULL || self->session == NULL || self->guardian_id == NULL)
    return;
  if (!nk_classroom_sign_up (nk_door_get_store (self->door), nk_door_get_centre (self->door),
                             self->guardian_id, self->session->id, &waitlisted, &error))
    {
      g_message ("Classroom sign-up of %s for %s refused: %s", self->guardian_id, self->session->id,
                 error->message);
      nk_classroom_offer_say (self, error->message);
      return;
    }
  nk_classroom_offer_refresh_seats (self);
  nk_classroom_offer_say (self, waitlisted
                          /* TRANSLATORS: after the touch on "Join the waiting list" */
                          ? _("You are on the waiting list: the centre will tell you when a seat is free")
                          /* TRANSLATORS: after the touch on "Sign up" */
                          : _("You are signed up"));
}

static void
nk_classroom_offer_dispose (GObject *object)
{
  NkClassroomOffer *self = NK_CLASSROOM_OFFER (object);
  GtkWidget *child;

  g_clear_handle_id (&self->load_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (object), NK_TYPE_CLASSROOM_OFFER);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->door);

  G_OBJECT_CLASS (nk_classroom_offer_parent_class)->dispose (object);
}

static void
nk_classroom_offer_finalize (GObject *object)
{
  NkClassroomOffer *self = NK_CLASSROOM_OFFER (object);

  g_clear_pointer (&self->guardian_id, g_free);
  g_clear_pointer (&self->session, nk_classroom_session_free);

  G_OBJECT_CLASS (nk_classroom_offer_parent_class)->finalize (object);
}

static void
nk_classroom_offer_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  NkClassroomOffer *self = NK_CLASSROOM_OFFER (object);

  switch (prop_id)
    {
    case PROP_DOOR:
      g_value_set_object (value, self->door);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nk_classroom_offer_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  NkClassroomOffer *self = NK_CLASSROOM_OFFER (object);

  switch (prop_id)
    {
    case PROP_DOOR:
      if (g_set_object (&self->door, g_value_get_object (value)))
        g_object_notify_by_pspec (object, pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nk_classroom_offer_class_init (NkClassroomOfferClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nk_classroom_offer_dispose;
  object_class->finalize = nk_classroom_offer_finalize;
  object_class->get_property = nk_classroom_offer_get_property;
  object_class->set_property = nk_classroom_offer_set_property;

  /* Where the sessions are read and the sign-up recorded. */
  properties[PROP_DOOR] =
    g_param_spec_object ("door", NULL, NULL, NK_TYPE_DOOR,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "classroom.sign-up", NULL, nk_classroom_offer_sign_up);

  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "nk-classroom-offer.ui");
  gtk_widget_class_bind_template_child (widget_class, NkClassroomOffer, kind_label);
  gtk_widget_class_bind_template_child (widget_class, NkClassroomOffer, title_label);
  gtk_widget_class_bind_template_child (widget_class, NkClassroomOffer, when_label);
  gtk_widget_class_bind_template_child (widget_class, NkClassroomOffer, seats_label);
  gtk_widget_class_bind_template_child (widget_class, NkClassroomOffer, status_label);
  gtk_widget_class_bind_template_child (widget_class, NkClassroomOffer, sign_up_button);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "nkclassroomoffer");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
nk_classroom_offer_init (NkClassroomOffer *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "classroom.sign-up", FALSE);
}
