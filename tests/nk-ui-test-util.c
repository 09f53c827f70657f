/* nk-ui-test-util.c — shared by the UI tests (nk-ui-test-util.h). */
#include "config.h"

#include "devices/nk-reader-sim.h"
#include "nk-ui-test-util.h"

static gboolean
mapped (gpointer widget, gconstpointer data)
{
  return gtk_widget_get_mapped (widget);
}

void
nk_ui_test_show (GtkWindow *window)
{
  gtk_window_set_default_size (window, 1024, 600);
  gtk_window_present (window);
  g_assert_true (nk_test_wait_until (mapped, window, NULL));
}

void
nk_ui_test_load_style (void)
{
  g_autoptr (GtkCssProvider) css = gtk_css_provider_new ();

  gtk_css_provider_load_from_resource (css, APP_PATH "style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

NkReader *
nk_ui_test_reader_new (void)
{
  g_autoptr (GError) error = NULL;
  NkReader *reader = NK_READER (nk_reader_sim_new (NULL));

  g_assert_true (nk_reader_start (reader, &error));
  g_assert_no_error (error);
  return reader;
}

static void
on_card_tapped (NkReader *reader, const char *uid, guint *handled)
{
  (*handled)++;
}

void
nk_ui_test_count_taps (NkReader *reader, guint *handled)
{
  g_signal_connect (reader, "card-tapped", G_CALLBACK (on_card_tapped), handled);
}

static gboolean
reaches (gpointer handled, gconstpointer n)
{
  return *(guint *) handled >= GPOINTER_TO_UINT (n);
}

void
nk_ui_test_tap (NkReader *reader, guint *handled, const char *uid)
{
  guint want = *handled + 1;

  nk_reader_sim_tap (NK_READER_SIM (reader), uid);
  g_assert_true (nk_test_wait_until (reaches, handled, GUINT_TO_POINTER (want)));
}

GtkWindow *
nk_ui_test_staff_window (NkDoor *door, NkStaffPage **page_out)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());

  *page_out = NK_STAFF_PAGE (nk_staff_page_new ());
  nk_staff_page_set_door (*page_out, door);
  gtk_window_set_default_size (window, 1024, 600);
  gtk_window_set_child (window, GTK_WIDGET (*page_out));
  gtk_window_present (window);
  return window;
}

void
nk_ui_test_collect (GtkWidget *root, GType type, GPtrArray *out)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    g_ptr_array_add (out, root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    nk_ui_test_collect (child, type, out);
}

gpointer
nk_ui_test_find_one (GtkWidget *root, GType type)
{
  g_autoptr (GPtrArray) found = g_ptr_array_new ();

  nk_ui_test_collect (root, type, found);
  g_assert_cmpuint (found->len, ==, 1);
  return found->pdata[0];
}

void
nk_ui_test_save_png (GtkWindow *window, const char *path)
{
  g_autoptr (GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (window));
  g_autoptr (GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture) texture = NULL;

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), gtk_widget_get_width (GTK_WIDGET (window)),
                          gtk_widget_get_height (GTK_WIDGET (window)));
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("wrote %s", path);
}
