/* nk-window-ratio.c — rooms below the staff ratio at the window
 * (nk-ratio.h, nk-ratio-watch.h): a red banner on EVERY page while a
 * breach is open ("Sunflower room below ratio since 09:12: 1 caregiver
 * for 6 children", a line a room; rooms and counts, never a child), read
 * again on the watch's "changed", and NK_CUE_RATIO_BREACH when a breach
 * comes open (here or relayed from another door).  The watch is made with
 * the door: one per kiosk. */
#define G_LOG_DOMAIN "nk-views"

#include "config.h"

#include <glib/gi18n.h>

#include "nk-window-private.h"

static void
reload (NkWindow *self)
{
  g_autoptr (GString) text = g_string_new (NULL);
  GPtrArray *open = self->ratio_watch != NULL ? nk_ratio_watch_get_breaches (self->ratio_watch) : NULL;
  guint n = open != NULL ? open->len : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *line = nk_ratio_breach_describe (open->pdata[i],
                                                        nk_ratio_watch_get_centre (self->ratio_watch));

      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, line);
    }
  /* nothing stale for a screen reader under the hidden banner */
  gtk_label_set_label (self->ratio_label, text->str);
  gtk_revealer_set_reveal_child (self->ratio_banner, n > 0);
}

static void
on_raised (NkWindow *self, const char *breach_id)
{
  g_message ("Ratio breach %s: banner on every screen", breach_id);
  if (self->sound != NULL)
    nk_sound_play (self->sound, NK_CUE_RATIO_BREACH);
}

void
nk_window_ratio_set_door (NkWindow *self, NkDoor *door)
{
  if (self->ratio_watch != NULL)
    g_signal_handlers_disconnect_by_data (self->ratio_watch, self);
  g_clear_object (&self->ratio_watch);
  if (door != NULL)
    {
      self->ratio_watch = nk_ratio_watch_new (nk_door_get_store (door), nk_door_get_centre (door));
      g_signal_connect_object (self->ratio_watch, "changed", G_CALLBACK (reload), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->ratio_watch, "raised", G_CALLBACK (on_raised), self, G_CONNECT_SWAPPED);
    }
  reload (self);
}

void
nk_window_ratio_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, NkWindow, ratio_banner);
  gtk_widget_class_bind_template_child (widget_class, NkWindow, ratio_label);
}

void
nk_window_ratio_dispose (NkWindow *self)
{
  if (self->ratio_watch != NULL)
    g_signal_handlers_disconnect_by_data (self->ratio_watch, self);
  g_clear_object (&self->ratio_watch);
}

NkRatioWatch *
nk_window_get_ratio_watch (NkWindow *self)
{
  g_return_val_if_fail (NK_IS_WINDOW (self), NULL);
  return self->ratio_watch;
}

const char *
nk_window_get_ratio_banner (NkWindow *self)
{
  g_return_val_if_fail (NK_IS_WINDOW (self), NULL);
  return gtk_revealer_get_reveal_child (self->ratio_banner) ? gtk_label_get_label (self->ratio_label) : NULL;
}
