/* nk-window-outbreak.c — suspected outbreaks at the window (nk-outbreak.h):
 * a red banner on EVERY page (door, result, chooser, PIN, staff mode,
 * enrolment) while one is open, with the core's words for it (room and
 * counts, never a child's name), read again at start and on every
 * changed::outbreak.suspected / outbreak.acknowledged; the staff cue when
 * a new one appears.  Its button "Director: acknowledge" (园长处理) opens a
 * small confirm with an optional note, in staff mode as the director
 * only; anyone else is told a director's card or PIN is needed. */
#define G_LOG_DOMAIN "nk-views"

#include "config.h"

#include <glib/gi18n.h>

#include "core/nk-outbreak.h"
#include "nk-window-private.h"

gboolean
nk_window_director_here (NkWindow *self)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "staff") == 0
         && nk_staff_page_get_role (self->staff_page) == NK_STAFF_DIRECTOR
         && nk_staff_page_get_staff_id (self->staff_page) != NULL;
}

static void
close_confirm (NkWindow *self)
{
  gtk_revealer_set_reveal_child (self->outbreak_confirm, FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->outbreak_note), "");
  gtk_widget_set_visible (GTK_WIDGET (self->outbreak_error), FALSE);
}

/* The banner from the open outbreaks; new ones sound the cue when
 * announce (not at start: the banner is news, the restart is not). */
static void
reload (NkWindow *self, gboolean announce)
{
  NkCentre *centre;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) open = NULL;
  g_autoptr (GString) text = g_string_new (NULL);
  g_autoptr (GHashTable) known = g_steal_pointer (&self->outbreaks_shown);
  gboolean news = FALSE;

  self->outbreaks_shown = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (self->door == NULL)
    {
      gtk_revealer_set_reveal_child (self->outbreak_banner, FALSE);
      return;
    }
  centre = nk_door_get_centre (self->door);
  open = nk_outbreak_list_open (nk_door_get_store (self->door), centre, nk_centre_now (centre), &error);
  if (open == NULL)
    {
      /* the banner stays as it was: an alert is not withdrawn by a failed read */
      g_message ("Outbreak alerts not read: %s", error->message);
      g_clear_pointer (&self->outbreaks_shown, g_hash_table_unref);
      self->outbreaks_shown = g_steal_pointer (&known);
      return;
    }
  for (guint i = 0; i < open->len; i++)
    {
      NkOutbreak *outbreak = open->pdata[i];
      g_autofree char *line = nk_outbreak_describe (outbreak);

      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, line);
      g_hash_table_add (self->outbreaks_shown, g_strdup (outbreak->id));
      if (known == NULL || !g_hash_table_contains (known, outbreak->id))
        news = TRUE;
    }
  if (open->len > 0)
    {
      /* TRANSLATORS: the end of the red outbreak banner: what to do, 24 小时内上报 */
      g_string_append_printf (text, "\n%s", _("Report to the health authority within 24 hours"));
      gtk_label_set_label (self->outbreak_label, text->str);
    }
  else
    {
      /* nothing stale for a screen reader under the hidden banner */
      gtk_label_set_label (self->outbreak_label, "");
      close_confirm (self);
    }
  if (news)
    {
      g_message ("Outbreak suspected: %u open, banner on every screen", open->len);
      if (announce && self->sound != NULL)
        nk_sound_play (self->sound, NK_CUE_STAFF);
    }
  gtk_revealer_set_reveal_child (self->outbreak_banner, open->len > 0);
}

static void
on_changed (NkWindow *self, const char *kind, const char *const *ids, NkStore *store)
{
  reload (self, TRUE);
}

void
nk_window_outbreak_set_door (NkWindow *self, NkDoor *door)
{
  if (door != NULL)
    {
      NkStore *store = nk_door_get_store (door);

      g_signal_connect_object (store, "changed::outbreak.suspected", G_CALLBACK (on_changed), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (store, "changed::outbreak.acknowledged", G_CALLBACK (on_changed), self,
                               G_CONNECT_SWAPPED);
    }
  close_confirm (self);
  reload (self, FALSE);
}

static void
action_acknowledge (GtkWidget *widget, const char *name, GVariant *param)
{
  NkWindow *self = NK_WINDOW (widget);

  if (!nk_window_director_here (self))
    {
      g_message ("Outbreak alert not acknowledged: the director's staff mode is not open");
      nk_window_door_notice (self, _("Only the director acknowledges the alert: tap a director's card or "
                                     "enter the director's PIN, then press here"));
      return;
    }
  gtk_revealer_set_reveal_child (self->outbreak_confirm, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->outbreak_note));
  nk_staff_page_restart_lock (self->staff_page);
}

static void
action_confirm (GtkWidget *widget, const char *name, GVariant *param)
{
  NkWindow *self = NK_WINDOW (widget);
  g_autofree char *note = NULL;
  g_autoptr (GPtrArray) ids = NULL;

  if (self->door == NULL || self->outbreaks_shown == NULL)
    return;
  if (!nk_window_director_here (self))
    {
      close_confirm (self);
      action_acknowledge (widget, name, param);
      return;
    }
  note = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->outbreak_note))));
  /* every alert the banner shows, the director read them all */
  ids = nk_window_copy_ids (self->outbreaks_shown);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr (GError) error = NULL;
      const char *outbreak_id = ids->pdata[i];

      if (!nk_outbreak_acknowledge (nk_door_get_store (self->door), nk_door_get_centre (self->door),
                                    nk_staff_page_get_staff_id (self->staff_page), outbreak_id,
                                    *note != '\0' ? note : NULL, &error))
        {
          g_message ("Outbreak %s not acknowledged: %s", outbreak_id, error->message);
          gtk_label_set_label (self->outbreak_error, error->message);
          gtk_widget_set_visible (GTK_WIDGET (self->outbreak_error), TRUE);
          return;
        }
      g_message ("confirmed outbreak-acknowledged outbreak=%s by=%s", outbreak_id,
                 nk_staff_page_get_staff_id (self->staff_page));
    }
  close_confirm (self);
}

static void
action_cancel (GtkWidget *widget, const char *name, GVariant *param)
{
  close_confirm (NK_WINDOW (widget));
}

void
nk_window_outbreak_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, NkWindow, outbreak_banner);
  gtk_widget_class_bind_template_child (widget_class, NkWindow, outbreak_label);
  gtk_widget_class_bind_template_child (widget_class, NkWindow, outbreak_confirm);
  gtk_widget_class_bind_template_child (widget_class, NkWindow, outbreak_note);
  gtk_widget_class_bind_template_child (widget_class, NkWindow, outbreak_error);
  gtk_widget_class_install_action (widget_class, "outbreak.acknowledge", NULL, action_acknowledge);
  gtk_widget_class_install_action (widget_class, "outbreak.confirm", NULL, action_confirm);
  gtk_widget_class_install_action (widget_class, "outbreak.cancel", NULL, action_cancel);
}

void
nk_window_outbreak_dispose (NkWindow *self)
{
  g_clear_pointer (&self->outbreaks_shown, g_hash_table_unref);
}

const char *
nk_window_get_outbreak_banner (NkWindow *self)
{
  g_return_val_if_fail (NK_IS_WINDOW (self), NULL);
  return gtk_revealer_get_reveal_child (self->outbreak_banner) ? gtk_label_get_label (self->outbreak_label)
                                                                : NULL;
}

gboolean
nk_window_get_outbreak_confirm_shown (NkWindow *self)
{
  g_return_val_if_fail (NK_IS_WINDOW (self), FALSE);
  return gtk_revealer_get_reveal_child (self->outbreak_confirm);
}
