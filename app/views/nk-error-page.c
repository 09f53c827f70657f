/* nk-error-page.c — a full-screen problem page.
 *
 * Shown when the kiosk cannot work at all (the database cannot be opened,
 * the configuration is broken): the door says so plainly instead of
 * vanishing. */
#define G_LOG_DOMAIN "nk-views"

#include "config.h"

#include <glib/gi18n.h>

#include "nk-error-page.h"

struct _NkErrorPage
{
  GtkWidget parent_instance;

  char *title;
  char *message;
  char *hint;
};

G_DEFINE_FINAL_TYPE (NkErrorPage, nk_error_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_MESSAGE,
  PROP_HINT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
nk_error_page_dispose (GObject *object)
{
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), NK_TYPE_ERROR_PAGE);
  /* the template's top-level box is not bound: unparent it ourselves */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (nk_error_page_parent_class)->dispose (object);
}

static void
nk_error_page_finalize (GObject *object)
{
  NkErrorPage *self = NK_ERROR_PAGE (object);

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->message, g_free);
  g_clear_pointer (&self->hint, g_free);

  G_OBJECT_CLASS (nk_error_page_parent_class)->finalize (object);
}

static void
nk_error_page_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  NkErrorPage *self = NK_ERROR_PAGE (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    case PROP_HINT:
      g_value_set_string (value, self->hint);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nk_error_page_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  NkErrorPage *self = NK_ERROR_PAGE (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      nk_error_page_set (self, g_value_get_string (value), self->message, self->hint);
      break;
    case PROP_MESSAGE:
      nk_error_page_set (self, self->title, g_value_get_string (value), self->hint);
      break;
    case PROP_HINT:
      nk_error_page_set (self, self->title, self->message, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nk_error_page_class_init (NkErrorPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nk_error_page_dispose;
  object_class->finalize = nk_error_page_finalize;
  object_class->get_property = nk_error_page_get_property;
  object_class->set_property = nk_error_page_set_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HINT] =
    g_param_spec_string ("hint", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "nk-error-page.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "nkerrorpage");
}

static void
nk_error_page_init (NkErrorPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
nk_error_page_new (void)
{
  return g_object_new (NK_TYPE_ERROR_PAGE, NULL);
}

static void
set_string (NkErrorPage *self, char **field, const char *value, guint prop)
{
  g_autofree char *copy = NULL;

  if (g_strcmp0 (*field, value) == 0)
    return;

  /* value may point into *field itself */
  copy = g_strdup (value);
  g_free (*field);
  *field = g_steal_pointer (&copy);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

void
nk_error_page_set (NkErrorPage *self,
                   const char  *title,
                   const char  *message,
                   const char  *hint)
{
  g_return_if_fail (NK_IS_ERROR_PAGE (self));

  set_string (self, &self->title, title, PROP_TITLE);
  set_string (self, &self->message, message, PROP_MESSAGE);
  set_string (self, &self->hint, hint, PROP_HINT);
}

const char *
nk_error_page_get_title (NkErrorPage *self)
{
  g_return_val_if_fail (NK_IS_ERROR_PAGE (self), NULL);
  return self->title;
}

const char *
nk_error_page_get_message (NkErrorPage *self)
{
  g_return_val_if_fail (NK_IS_ERROR_PAGE (self), NULL);
  return self->message;
}

const char *
nk_error_page_get_hint (NkErrorPage *self)
{
  g_return_val_if_fail (NK_IS_ERROR_PAGE (self), NULL);
  return self->hint;
}
