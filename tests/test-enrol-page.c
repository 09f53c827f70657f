/* test-enrol-page.c — the QR code paintable and the enrolment page. */
#include "config.h"

#include <gtk/gtk.h>

#include "core/nk-config.h"
#include "core/nk-store.h"
#include "views/nk-enrol-page.h"
#include "views/nk-qr-code.h"
#include "platform/nk-test-platform.h"

/* Counts the colour nodes a snapshot made, and checks they are whole pixels. */
static guint
count_rects (GskRenderNode *node, gboolean *aligned)
{
  guint n = 0;

  GskRenderNodeType type = gsk_render_node_get_node_type (node);

  if (type == GSK_CONTAINER_NODE)
    {
      for (guint i = 0; i < gsk_container_node_get_n_children (node); i++)
        n += count_rects (gsk_container_node_get_child (node, i), aligned);
      return n;
    }
  if (type == GSK_COLOR_NODE)
    {
      graphene_rect_t r;
      gsk_render_node_get_bounds (node, &r);
      if (r.origin.x != (int) r.origin.x || r.origin.y != (int) r.origin.y
          || r.size.width != (int) r.size.width || r.size.height != (int) r.size.height)
        *aligned = FALSE;
      return 1;
    }
  return 0;
}

static void
test_qr_code (void)
{
  g_autoptr (NkQrCode) qr = nk_qr_code_new ("nurserykiosk://enrol?device=abc&code=7KQ2MX4P");
  g_autoptr (GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr (GskRenderNode) node = NULL;
  gboolean aligned = TRUE;
  guint size = nk_qr_code_get_size (qr);

  g_assert_cmpuint (size, >=, 21);
  /* Finder pattern: the top-left corner is dark, the module inside its ring light. */
  g_assert_true (nk_qr_code_get_module (qr, 0, 0));
  g_assert_false (nk_qr_code_get_module (qr, 1, 1));
  g_assert_true (nk_qr_code_get_module (qr, 3, 3));
  g_assert_cmpfloat (gdk_paintable_get_intrinsic_aspect_ratio (GDK_PAINTABLE (qr)), ==, 1.0);

  /* An odd size: edges still on whole pixels. */
  gdk_paintable_snapshot (GDK_PAINTABLE (qr), GDK_SNAPSHOT (snapshot), 333.0, 333.0);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  g_assert_cmpuint (count_rects (node, &aligned), >, size);
  g_assert_true (aligned);

  nk_qr_code_set_text (qr, NULL);
  g_assert_cmpuint (nk_qr_code_get_size (qr), ==, 0);
}

static void
test_enrol_page (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("nk-enrol-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "kiosk.db", NULL);
  g_autoptr (NkStore) store = nk_store_open (path, &error);
  g_autoptr (NkConfig) config = nk_config_new ();
  g_autoptr (NkSync) sync = NULL;
  g_autofree char *expected = NULL;
  GtkWidget *window, *page;

  g_assert_no_error (error);
  g_free (config->data_dir);
  config->data_dir = g_strdup (dir);
  sync = nk_sync_new (store, path, config);
  page = nk_enrol_page_new (sync);
  g_assert_null (nk_enrol_page_get_qr_uri (NK_ENROL_PAGE (page)));
  window = gtk_window_new ();
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (page))
    g_main_context_iteration (NULL, TRUE);

  expected = g_strdup_printf ("nurserykiosk://enrol?device=%s&code=", nk_store_get_device_id (store));
  g_assert_true (g_str_has_prefix (nk_enrol_page_get_qr_uri (NK_ENROL_PAGE (page)), expected));
  gtk_window_destroy (GTK_WINDOW (window));
  nk_test_remove_tree (dir);
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  g_test_add_func ("/nk/enrol-page/qr-code", test_qr_code);
  g_test_add_func ("/nk/enrol-page/page", test_enrol_page);
  return g_test_run ();
}
