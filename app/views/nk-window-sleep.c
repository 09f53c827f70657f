/* nk-window-sleep.c — the kiosk's sleep checks at the window: the one
 * NkSleepWatch (made with the door), its cues, and its banners.
 *
 *   - a check due: the soft chime; a banner on the door screen naming the
 *     rooms only ("午睡巡查到时 · 乳儿班": the door names no child), and in
 *     staff mode naming the children, with a button to the checks;
 *   - a check overdue: the loud cue, and a red banner on EVERY page of
 *     the window (door, result, chooser, staff mode), rooms only; the
 *     escalation event is the watch's.
 * A family's result and chooser do not get the "due" banner: it is
 * staff's business and the family is reading their own screen. */
#define G_LOG_DOMAIN "nk-views"

#include "config.h"

#include <glib/gi18n.h>

#include "nk-window-private.h"

static char *
join_rooms (NkWindow *self, NkSleepState at_least)
{
  g_auto (GStrv) rooms = nk_sleep_watch_rooms (self->sleep_watch, at_least);

  /* TRANSLATORS: between the names of rooms in a banner */
  return g_strjoinv (_(", "), rooms);
}

/* The children due in staff mode, and the room the button opens. */
static char *
due_children (NkWindow *self)
{
  GPtrArray *children = nk_sleep_watch_get_children (self->sleep_watch);
  g_autoptr (GStrvBuilder) b = g_strv_builder_new ();
  g_auto (GStrv) names = NULL;

  g_clear_pointer (&self->sleep_room_id, g_free);
  for (guint i = 0; i < children->len; i++)
    {
      NkSleepDue *due = children->pdata[i];

      if (due->state == NK_SLEEP_WAITING)
        continue;
      g_strv_builder_add (b, due->child_name);
      if (self->sleep_room_id == NULL)
        self->sleep_room_id = g_strdup (due->room_id);
    }
  names = g_strv_builder_end (b);
  return g_strjoinv (_(", "), names);
}

void
nk_window_sleep_update (NkWindow *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->stack);
  gboolean staff = g_strcmp0 (page, "staff") == 0;
  gboolean door = g_strcmp0 (page, "idle") == 0;
  guint overdue, due;

  if (self->sleep_watch == NULL)
    {
      gtk_revealer_set_reveal_child (self->sleep_overdue_banner, FALSE);
      gtk_revealer_set_reveal_child (self->sleep_due_banner, FALSE);
      return;
    }
  overdue = nk_sleep_watch_count (self->sleep_watch, NK_SLEEP_OVERDUE);
  due = nk_sleep_watch_count (self->sleep_watch, NK_SLEEP_DUE);
  if (overdue > 0)
    {
      g_autofree char *rooms = join_rooms (self, NK_SLEEP_OVERDUE);
      /* TRANSLATORS: the banner on every screen (巡睡超时): the rooms */
      g_autofree char *text = g_strdup_printf (_("Sleep check overdue · %s — check the napping children now"),
                                               rooms);

      gtk_label_set_label (self->sleep_overdue_label, text);
    }
  gtk_revealer_set_reveal_child (self->sleep_overdue_banner, overdue > 0);

  if (staff && due + overdue > 0)
    {
      g_autofree char *names = due_children (self);
      /* TRANSLATORS: staff mode's banner: the children whose sleep check is due */
      g_autofree char *text = g_strdup_printf (_("Sleep check due: %s"), names);

      gtk_label_set_label (self->sleep_due_label, text);
    }
  else if (door && due > 0)
    {
      g_autofree char *rooms = join_rooms (self, NK_SLEEP_DUE);
      /* TRANSLATORS: the door screen's small banner (午睡巡查到时 · 乳儿班): rooms only */
      g_autofree char *text = g_strdup_printf (_("Nap check due · %s"), rooms);

      gtk_label_set_label (self->sleep_due_label, text);
    }
  gtk_widget_set_visible (self->sleep_due_button, staff);
  gtk_revealer_set_reveal_child (self->sleep_due_banner,
                                 (staff && due + overdue > 0) || (door && due > 0 && overdue == 0));
}

static void
on_due (NkWindow *self, GStrv child_ids, NkSleepWatch *watch)
{
  g_message ("Sleep check due for %u children", g_strv_length (child_ids));
  if (self->sound != NULL)
    nk_sound_play (self->sound, NK_CUE_SLEEP_DUE);
}

static void
on_overdue (NkWindow *self, GStrv child_ids, NkSleepWatch *watch)
{
  g_message ("Sleep check OVERDUE for %u children: banner on every screen",
             g_strv_length (child_ids));
  if (self->sound != NULL)
    nk_sound_play (self->sound, NK_CUE_SLEEP_OVERDUE);
}

static void
on_updated (NkWindow *self, NkSleepWatch *watch)
{
  nk_window_sleep_update (self);
}

static void
on_page_changed (NkWindow *self, GParamSpec *pspec, GtkStack *stack)
{
  nk_window_sleep_update (self);
}

void
nk_window_sleep_set_door (NkWindow *self, NkDoor *door)
{
  if (self->sleep_watch != NULL)
    g_signal_handlers_disconnect_by_data (self->sleep_watch, self);
  g_clear_object (&self->sleep_watch);
  if (door != NULL)
    {
      self->sleep_watch = nk_sleep_watch_new (nk_door_get_store (door), nk_door_get_centre (door));
      g_signal_connect_object (self->sleep_watch, "due", G_CALLBACK (on_due), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->sleep_watch, "overdue", G_CALLBACK (on_overdue), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (self->sleep_watch, "updated", G_CALLBACK (on_updated), self,
                               G_CONNECT_SWAPPED);
    }
  nk_window_sleep_update (self);
}

static void
action_open_checks (GtkWidget *widget, const char *name, GVariant *param)
{
  NkWindow *self = NK_WINDOW (widget);

  if (self->sleep_room_id != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self->staff_page), "care.sleep-checks", "s",
                                self->sleep_room_id);
}

void
nk_window_sleep_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, NkWindow, sleep_overdue_banner);
  gtk_widget_class_bind_template_child (widget_class, NkWindow, sleep_overdue_label);
  gtk_widget_class_bind_template_child (widget_class, NkWindow, sleep_due_banner);
  gtk_widget_class_bind_template_child (widget_class, NkWindow, sleep_due_label);
  gtk_widget_class_bind_template_child (widget_class, NkWindow, sleep_due_button);
  gtk_widget_class_install_action (widget_class, "sleep.open-checks", NULL, action_open_checks);
}

void
nk_window_sleep_init (NkWindow *self)
{
  g_signal_connect_object (self->stack, "notify::visible-child-name", G_CALLBACK (on_page_changed),
                           self, G_CONNECT_SWAPPED);
}

void
nk_window_sleep_dispose (NkWindow *self)
{
  if (self->sleep_watch != NULL)
    g_signal_handlers_disconnect_by_data (self->sleep_watch, self);
  g_clear_object (&self->sleep_watch);
  g_clear_pointer (&self->sleep_room_id, g_free);
}

NkSleepWatch *
nk_window_get_sleep_watch (NkWindow *self)
{
  g_return_val_if_fail (NK_IS_WINDOW (self), NULL);
  return self->sleep_watch;
}

const char *
nk_window_get_sleep_banner (NkWindow *self,
                            gboolean  overdue)
{
  GtkRevealer *banner = overdue ? self->sleep_overdue_banner : self->sleep_due_banner;
  GtkLabel *label = overdue ? self->sleep_overdue_label : self->sleep_due_label;

  g_return_val_if_fail (NK_IS_WINDOW (self), NULL);
  return gtk_revealer_get_reveal_child (banner) ? gtk_label_get_label (label) : NULL;
}
