/* nk-qr-code.c — a QR code paintable.
 *
 * Dark modules are drawn as rectangles (one per horizontal run) on a white
 * square with a four-module quiet zone.  Module edges are snapped to whole
 * pixels whenever the size allows, so the code never blurs. */
#define G_LOG_DOMAIN "nk-views"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <qrencode.h>
#include <string.h>

#include "nk-qr-code.h"

#define QUIET 4

struct _NkQrCode
{
  GObject  parent_instance;

  char    *text;
  guint    size;      /* modules per side */
  guint8  *modules;   /* size × size, 1 = dark */
};

static void nk_qr_code_paintable_init (GdkPaintableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (NkQrCode, nk_qr_code, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (GDK_TYPE_PAINTABLE, nk_qr_code_paintable_init))

enum {
  PROP_0,
  PROP_TEXT,
  N_PROPS
};

static GParamSpec *props[N_PROPS];

static void
nk_qr_code_snapshot (GdkPaintable *paintable, GdkSnapshot *snapshot, double width, double height)
{
  NkQrCode *self = NK_QR_CODE (paintable);
  GtkSnapshot *snap = GTK_SNAPSHOT (snapshot);
  const GdkRGBA white = { 1, 1, 1, 1 };
  const GdkRGBA black = { 0, 0, 0, 1 };
  double side = MIN (width, height);
  guint total = self->size + 2 * QUIET;
  double module, x0, y0;

  gtk_snapshot_append_color (snap, &white, &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (self->size == 0 || side <= 0)
    return;

  /* Whole pixels per module when the square is large enough. */
  module = side / total >= 1.0 ? floor (side / total) : side / total;
  x0 = floor ((width - module * total) / 2) + QUIET * module;
  y0 = floor ((height - module * total) / 2) + QUIET * module;

  for (guint y = 0; y < self->size; y++)
    {
      guint x = 0;
      while (x < self->size)
        {
          guint run;

          if (!self->modules[y * self->size + x])
            {
              x++;
              continue;
            }
          for (run = 1; x + run < self->size && self->modules[y * self->size + x + run]; run++)
            ;
          gtk_snapshot_append_color (snap, &black,
                                     &GRAPHENE_RECT_INIT (x0 + x * module, y0 + y * module,
                                                          run * module, module));
          x += run;
        }
    }
}

static int
nk_qr_code_get_intrinsic_width (GdkPaintable *paintable)
{
  NkQrCode *self = NK_QR_CODE (paintable);

  return (int) (self->size + 2 * QUIET) * 4;
}

static double
nk_qr_code_get_intrinsic_aspect_ratio (GdkPaintable *paintable)
{
  return 1.0;
}

static void
nk_qr_code_paintable_init (GdkPaintableInterface *iface)
{
  iface->snapshot = nk_qr_code_snapshot;
  iface->get_intrinsic_width = nk_qr_code_get_intrinsic_width;
  iface->get_intrinsic_height = nk_qr_code_get_intrinsic_width;
  iface->get_intrinsic_aspect_ratio = nk_qr_code_get_intrinsic_aspect_ratio;
}

static void
nk_qr_code_finalize (GObject *object)
{
  NkQrCode *self = NK_QR_CODE (object);

  g_free (self->text);
  g_free (self->modules);

  G_OBJECT_CLASS (nk_qr_code_parent_class)->finalize (object);
}

static void
nk_qr_code_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  NkQrCode *self = NK_QR_CODE (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nk_qr_code_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  NkQrCode *self = NK_QR_CODE (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      nk_qr_code_set_text (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nk_qr_code_class_init (NkQrCodeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = nk_qr_code_finalize;
  object_class->get_property = nk_qr_code_get_property;
  object_class->set_property = nk_qr_code_set_property;

  props[PROP_TEXT] = g_param_spec_string ("text", NULL, NULL, NULL,
                                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY
                                            | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, props);
}

static void
nk_qr_code_init (NkQrCode *self)
{
}

NkQrCode *
nk_qr_code_new (const char *text)
{
  return g_object_new (NK_TYPE_QR_CODE, "text", text, NULL);
}

void
nk_qr_code_set_text (NkQrCode *self, const char *text)
{
  QRcode *qr;

  g_return_if_fail (NK_IS_QR_CODE (self));

  if (g_strcmp0 (self->text, text) == 0)
    return;
  g_free (self->text);
  self->text = g_strdup (text);
  g_clear_pointer (&self->modules, g_free);
  self->size = 0;

  if (text && *text)
    {
      qr = QRcode_encodeString8bit (text, 0, QR_ECLEVEL_M);
      if (qr == NULL)
        g_warning ("Cannot encode a QR code of %zu bytes", strlen (text));
      else
        {
          self->size = (guint) qr->width;
          self->modules = g_malloc ((gsize) self->size * self->size);
          for (guint i = 0; i < self->size * self->size; i++)
            self->modules[i] = qr->data[i] & 1;
          QRcode_free (qr);
        }
    }
  gdk_paintable_invalidate_contents (GDK_PAINTABLE (self));
  gdk_paintable_invalidate_size (GDK_PAINTABLE (self));
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_TEXT]);
}

const char *
nk_qr_code_get_text (NkQrCode *self)
{
  g_return_val_if_fail (NK_IS_QR_CODE (self), NULL);
  return self->text;
}

guint
nk_qr_code_get_size (NkQrCode *self)
{
  g_return_val_if_fail (NK_IS_QR_CODE (self), 0);
  return self->size;
}

gboolean
nk_qr_code_get_module (NkQrCode *self, guint x, guint y)
{
  g_return_val_if_fail (NK_IS_QR_CODE (self), FALSE);
  return x < self->size && y < self->size && self->modules[y * self->size + x];
}
