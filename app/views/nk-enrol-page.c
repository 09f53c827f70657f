/* nk-enrol-page.c — enrolment screen.
 *
 * While shown, the page offers a fresh one-time code as a QR code and
 * asks the platform every few seconds whether it has been scanned; staff
 * may type a code from the platform instead.  The network work happens in
 * NkSync's enrolment thread; the page only shows results. */
#define G_LOG_DOMAIN "nk-views"

#include "config.h"

#include <glib/gi18n.h>

#include "nk-enrol-page.h"
#include "nk-qr-code.h"
#include "sync/nk-enrol.h"

#define QR_POLL_SECONDS 3

struct _NkEnrolPage
{
  GtkWidget     parent_instance;

  GtkPicture   *qr_picture;
  GtkEntry     *code_entry;
  GtkLabel     *status_label;

  NkSync       *sync;
  NkQrCode     *qr;
  char         *qr_code;
  char         *qr_uri;
  GCancellable *cancellable;
  guint         poll_id;
  gboolean      polling;
  gboolean      submitting;
};

G_DEFINE_FINAL_TYPE (NkEnrolPage, nk_enrol_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SYNC,
  N_PROPS
};

enum {
  ENROLLED,
  N_SIGNALS
};

static GParamSpec *props[N_PROPS];
static guint signals[N_SIGNALS];

static void
show_status (NkEnrolPage *self, const char *text)
{
  gtk_label_set_text (self->status_label, text ? text : "");
}

static void
enrolled (NkEnrolPage *self)
{
  show_status (self, _("Enrolled. Records are now sent to the platform."));
  g_clear_handle_id (&self->poll_id, g_source_remove);
  g_signal_emit (self, signals[ENROLLED], 0);
}

static void
on_qr_answer (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (NkEnrolPage) self = user_data;
  g_autoptr (GError) error = NULL;

  self->polling = FALSE;
  if (nk_sync_enrol_finish (NK_SYNC (source), result, &error))
    enrolled (self);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
           && !g_error_matches (error, NK_SYNC_ERROR, NK_SYNC_ERROR_PENDING) && !self->submitting)
    show_status (self, error->message);
}

static gboolean
poll_qr (gpointer user_data)
{
  NkEnrolPage *self = user_data;

  if (!self->polling && !self->submitting && self->qr_code)
    {
      self->polling = TRUE;
      nk_sync_enrol_async (self->sync, self->qr_code, TRUE, self->cancellable, on_qr_answer,
                           g_object_ref (self));
    }
  return G_SOURCE_CONTINUE;
}

static void
on_code_answer (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (NkEnrolPage) self = user_data;
  g_autoptr (GError) error = NULL;

  self->submitting = FALSE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "enrol.submit", TRUE);
  if (nk_sync_enrol_finish (NK_SYNC (source), result, &error))
    enrolled (self);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_status (self, error->message);
}

static void
submit_code (NkEnrolPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->code_entry));
  g_autofree char *code = nk_enrol_tidy_code (text);

  if (code == NULL)
    {
      show_status (self, _("An enrolment code has 4 to 32 letters and digits"));
      return;
    }
  self->submitting = TRUE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "enrol.submit", FALSE);
  show_status (self, _("Checking the code with the platform…"));
  nk_sync_enrol_async (self->sync, code, FALSE, self->cancellable, on_code_answer,
                       g_object_ref (self));
}

static void
submit_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  submit_code (NK_ENROL_PAGE (widget));
}

/* A fresh code each time the page is shown. */
static void
new_qr_code (NkEnrolPage *self)
{
  const char *device_id = self->sync ? nk_sync_get_device_id (self->sync) : NULL;

  g_clear_pointer (&self->qr_code, g_free);
  g_clear_pointer (&self->qr_uri, g_free);
  if (device_id)
    {
      self->qr_code = nk_enrol_new_code ();
      self->qr_uri = nk_enrol_qr_uri (device_id, self->qr_code);
    }
  nk_qr_code_set_text (self->qr, self->qr_uri);
  gtk_widget_set_visible (GTK_WIDGET (self->qr_picture), self->qr_uri != NULL);
}

static void
nk_enrol_page_map (GtkWidget *widget)
{
  NkEnrolPage *self = NK_ENROL_PAGE (widget);

  GTK_WIDGET_CLASS (nk_enrol_page_parent_class)->map (widget);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  new_qr_code (self);
  show_status (self, NULL);
  if (self->sync && self->qr_code && self->poll_id == 0)
    self->poll_id = g_timeout_add_seconds (QR_POLL_SECONDS, poll_qr, self);
}

static void
nk_enrol_page_unmap (GtkWidget *widget)
{
  NkEnrolPage *self = NK_ENROL_PAGE (widget);

  g_clear_handle_id (&self->poll_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  GTK_WIDGET_CLASS (nk_enrol_page_parent_class)->unmap (widget);
}

static void
nk_enrol_page_dispose (GObject *object)
{
  NkEnrolPage *self = NK_ENROL_PAGE (object);
  GtkWidget *child;

  g_clear_handle_id (&self->poll_id, g_source_remove);
  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (object), NK_TYPE_ENROL_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->qr);
  g_clear_object (&self->sync);

  G_OBJECT_CLASS (nk_enrol_page_parent_class)->dispose (object);
}

static void
nk_enrol_page_finalize (GObject *object)
{
  NkEnrolPage *self = NK_ENROL_PAGE (object);

  g_free (self->qr_code);
  g_free (self->qr_uri);

  G_OBJECT_CLASS (nk_enrol_page_parent_class)->finalize (object);
}

static void
nk_enrol_page_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  NkEnrolPage *self = NK_ENROL_PAGE (object);

  switch (prop_id)
    {
    case PROP_SYNC:
      g_value_set_object (value, self->sync);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nk_enrol_page_set_property (GObject *object, guint prop_id, const GValue *value,
                            GParamSpec *pspec)
{
  NkEnrolPage *self = NK_ENROL_PAGE (object);

  switch (prop_id)
    {
    case PROP_SYNC:
      self->sync = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nk_enrol_page_class_init (NkEnrolPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nk_enrol_page_dispose;
  object_class->finalize = nk_enrol_page_finalize;
  object_class->get_property = nk_enrol_page_get_property;
  object_class->set_property = nk_enrol_page_set_property;
  widget_class->map = nk_enrol_page_map;
  widget_class->unmap = nk_enrol_page_unmap;

  props[PROP_SYNC] = g_param_spec_object ("sync", NULL, NULL, NK_TYPE_SYNC,
                                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY
                                            | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, props);

  signals[ENROLLED] = g_signal_new ("enrolled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "nk-enrol-page.ui");
  gtk_widget_class_bind_template_child (widget_class, NkEnrolPage, qr_picture);
  gtk_widget_class_bind_template_child (widget_class, NkEnrolPage, code_entry);
  gtk_widget_class_bind_template_child (widget_class, NkEnrolPage, status_label);
  gtk_widget_class_install_action (widget_class, "enrol.submit", NULL, submit_action);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "nkenrolpage");
}

static void
nk_enrol_page_init (NkEnrolPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->qr = nk_qr_code_new (NULL);
  gtk_picture_set_paintable (self->qr_picture, GDK_PAINTABLE (self->qr));
  g_signal_connect_object (self->code_entry, "activate", G_CALLBACK (submit_code), self,
                           G_CONNECT_SWAPPED);
}

GtkWidget *
nk_enrol_page_new (NkSync *sync)
{
  return g_object_new (NK_TYPE_ENROL_PAGE, "sync", sync, NULL);
}

const char *
nk_enrol_page_get_qr_uri (NkEnrolPage *self)
{
  g_return_val_if_fail (NK_IS_ENROL_PAGE (self), NULL);
  return self->qr_uri;
}
