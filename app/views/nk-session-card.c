/* nk-session-card.c — the next classroom session on the idle panel
 * (nk-session-card.h).  Every line is a label with words, so a screen
 * reader reads it as shown; the card's description says it all at once,
 * and the QR code's name says what it is for. */
#define G_LOG_DOMAIN "nk-views"

#include "config.h"

#include <glib/gi18n.h>

#include "nk-qr-code.h"
#include "nk-session-card.h"

struct _NkSessionCard
{
  GtkWidget   parent_instance;

  GtkLabel   *kind_label;
  GtkLabel   *title_label;
  GtkLabel   *when_label;
  GtkLabel   *where_label;
  GtkLabel   *audience_label;
  GtkLabel   *seats_label;
  GtkWidget  *qr_box;
  GtkPicture *qr_picture;
  GtkLabel   *qr_label;

  NkQrCode   *qr;
  char       *text;
};

G_DEFINE_FINAL_TYPE (NkSessionCard, nk_session_card, GTK_TYPE_WIDGET)

static void
set_line (GtkLabel   *label,
          const char *text,
          GString    *all)
{
  gboolean shown = text != NULL && text[0] != '\0';

  gtk_label_set_label (label, shown ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), shown);
  if (shown)
    {
      if (all->len > 0)
        g_string_append_c (all, '\n');
      g_string_append (all, text);
    }
}

static char *
seats_text (const NkClassroomSession *session)
{
  if (session->seats_left < 0)
    return NULL;
  if (session->seats_left == 0)
    /* TRANSLATORS: a Mommy Classroom session with no seat left: 名额已满 */
    return g_strdup (_("Full — sign up for the waiting list"));
  /* TRANSLATORS: seats still free at a Mommy Classroom session */
  return g_strdup_printf (ngettext ("%d seat left", "%d seats left", session->seats_left),
                          session->seats_left);
}

void
nk_session_card_show (NkSessionCard            *self,
                      const NkClassroomSession *session,
                      GTimeZone                *tz)
{
  g_autoptr (GString) all = g_string_new (NULL);
  g_autofree char *when = NULL;
  g_autofree char *audience = NULL;
  g_autofree char *seats = NULL;
  g_autofree char *qr_name = NULL;
  gboolean has_qr;

  g_return_if_fail (NK_IS_SESSION_CARD (self));

  if (session != NULL)
    {
      when = nk_classroom_format_when (session, tz);
      if (session->audience != NULL && session->audience[0] != '\0')
        /* TRANSLATORS: who a Mommy Classroom session is for; %s: "Parents" */
        audience = g_strdup_printf (_("For: %s"), nk_classroom_audience_label (session->audience));
      seats = seats_text (session);
    }

  set_line (self->kind_label, session != NULL ? nk_classroom_kind_label (session->kind) : NULL, all);
  set_line (self->title_label, session != NULL ? session->title : NULL, all);
  set_line (self->when_label, when, all);
  set_line (self->where_label, session != NULL ? nk_classroom_where (session) : NULL, all);
  set_line (self->audience_label, audience, all);
  set_line (self->seats_label, seats, all);

  nk_qr_code_set_text (self->qr, session != NULL ? session->signup_url : NULL);
  has_qr = nk_qr_code_get_size (self->qr) > 0;
  gtk_widget_set_visible (self->qr_box, has_qr);
  if (has_qr)
    {
      /* TRANSLATORS: the accessible name of the QR code on the idle
       * screen; %s is the session's title */
      qr_name = g_strdup_printf (_("QR code to sign up for “%s” on a phone"), session->title);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->qr_picture), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      qr_name, -1);
      g_string_append_c (all, '\n');
      g_string_append (all, gtk_label_get_label (self->qr_label));
    }

  g_free (self->text);
  self->text = g_string_free (g_steal_pointer (&all), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  self->text, -1);
}

const char *
nk_session_card_get_text (NkSessionCard *self)
{
  g_return_val_if_fail (NK_IS_SESSION_CARD (self), NULL);
  return self->text;
}

const char *
nk_session_card_get_qr_text (NkSessionCard *self)
{
  g_return_val_if_fail (NK_IS_SESSION_CARD (self), NULL);
  if (!gtk_widget_get_visible (self->qr_box))
    return NULL;
  return nk_qr_code_get_text (self->qr);
}

static void
nk_session_card_dispose (GObject *object)
{
  NkSessionCard *self = NK_SESSION_CARD (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), NK_TYPE_SESSION_CARD);
  /* the top-level box is not bound: unparent it ourselves */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->qr);

  G_OBJECT_CLASS (nk_session_card_parent_class)->dispose (object);
}

static void
nk_session_card_finalize (GObject *object)
{
  NkSessionCard *self = NK_SESSION_CARD (object);

  g_free (self->text);

  G_OBJECT_CLASS (nk_session_card_parent_class)->finalize (object);
}

static void
nk_session_card_class_init (NkSessionCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nk_session_card_dispose;
  object_class->finalize = nk_session_card_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "nk-session-card.ui");
  gtk_widget_class_bind_template_child (widget_class, NkSessionCard, kind_label);
  gtk_widget_class_bind_template_child (widget_class, NkSessionCard, title_label);
  gtk_widget_class_bind_template_child (widget_class, NkSessionCard, when_label);
  gtk_widget_class_bind_template_child (widget_class, NkSessionCard, where_label);
  gtk_widget_class_bind_template_child (widget_class, NkSessionCard, audience_label);
  gtk_widget_class_bind_template_child (widget_class, NkSessionCard, seats_label);
  gtk_widget_class_bind_template_child (widget_class, NkSessionCard, qr_box);
  gtk_widget_class_bind_template_child (widget_class, NkSessionCard, qr_picture);
  gtk_widget_class_bind_template_child (widget_class, NkSessionCard, qr_label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "nksessioncard");
}

static void
nk_session_card_init (NkSessionCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* TRANSLATORS: what a screen reader calls the idle screen's pane of
   * the next Mommy Classroom session */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Next Mommy Classroom session"), -1);
  self->qr = nk_qr_code_new (NULL);
  gtk_picture_set_paintable (self->qr_picture, GDK_PAINTABLE (self->qr));
  self->text = g_strdup ("");
  nk_session_card_show (self, NULL, NULL);
}

GtkWidget *
nk_session_card_new (void)
{
  return g_object_new (NK_TYPE_SESSION_CARD, NULL);
}
