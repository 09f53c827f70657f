/* nk-classroom-list.c — staff mode's "Mommy Classroom" page
 * (nk-classroom-list.h).  Reads nk_classroom_list (); records nothing. */
#define G_LOG_DOMAIN "nk-views"

#include "config.h"

#include <glib/gi18n.h>

#include "core/nk-classroom.h"
#include "nk-classroom-list.h"

struct _NkClassroomList
{
  GtkWidget parent_instance;

  GtkListBox *upcoming_list;
  GtkListBox *past_list;
  GtkLabel *upcoming_empty;
  GtkLabel *past_empty;
  GtkLabel *error_label;
};

G_DEFINE_FINAL_TYPE (NkClassroomList, nk_classroom_list, GTK_TYPE_WIDGET)

static GtkWidget *
row_label (const char *text, const char *css)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, css);
  return label;
}

static char *
counts_text (const NkClassroomSession *s, gboolean past)
{
  GString *text = g_string_new (NULL);

  /* TRANSLATORS: families signed up at the centre for a classroom session */
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u family signed up", "%u families signed up",
                                             s->signed_up_here),
                          s->signed_up_here);
  if (s->waitlisted_here > 0)
    {
      g_string_append (text, " · ");
      /* TRANSLATORS: families on a classroom session's waiting list */
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u on the waiting list",
                                                 "%u on the waiting list", s->waitlisted_here),
                              s->waitlisted_here);
    }
  if (!past && s->seats_left >= 0)
    {
      g_string_append (text, " · ");
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%d seat left", "%d seats left", s->seats_left),
                              s->seats_left);
    }
  return g_string_free (text, FALSE);
}

/* A row read out as one sentence: title, kind, when and where, counts. */
static GtkWidget *
session_row (const NkClassroomSession *s, GTimeZone *tz, gboolean past)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  g_autofree char *sentence = NULL;
  g_autofree char *counts = counts_text (s, past);
  g_autofree char *about = nk_classroom_format_about (s);
  g_autofree char *where = nk_classroom_format_when_where (s, tz);

  gtk_box_append (GTK_BOX (box), row_label (s->title, "nk-offer-title"));
  gtk_box_append (GTK_BOX (box), row_label (about, "nk-offer-kind"));
  gtk_box_append (GTK_BOX (box), row_label (where, "nk-offer-when"));
  gtk_box_append (GTK_BOX (box), row_label (counts, "nk-classroom-counts"));
  gtk_widget_add_css_class (box, "nk-classroom-row");
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  /* TRANSLATORS: how a screen reader reads a classroom session of the director's list */
  sentence = g_strdup_printf (_("%s, %s, %s: %s"), s->title, about, where, counts);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, sentence, -1);
  return row;
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

void
nk_classroom_list_clear (NkClassroomList *self)
{
  g_return_if_fail (NK_IS_CLASSROOM_LIST (self));

  clear_list (self->upcoming_list);
  clear_list (self->past_list);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
}

void
nk_classroom_list_load (NkClassroomList *self, NkDoor *door)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) sessions = NULL;
  NkCentre *centre;
  gint64 now;

  g_return_if_fail (NK_IS_CLASSROOM_LIST (self));
  g_return_if_fail (NK_IS_DOOR (door));

  nk_classroom_list_clear (self);
  centre = nk_door_get_centre (door);
  now = nk_centre_now (centre);
  sessions = nk_classroom_list (nk_door_get_store (door), now, &error);
  if (sessions == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("The sessions cannot be read: %s"), error->message);

      g_message ("%s", text);
      gtk_label_set_label (self->error_label, text);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      sessions = g_ptr_array_new ();
    }
  for (guint i = 0; i < sessions->len; i++)
    {
      const NkClassroomSession *s = sessions->pdata[i];
      gboolean past = s->ends_us <= now;

      gtk_list_box_append (past ? self->past_list : self->upcoming_list,
                           session_row (s, nk_door_get_timezone (door), past));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->upcoming_empty), nk_classroom_list_get_n_rows (self, FALSE) == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->past_empty), nk_classroom_list_get_n_rows (self, TRUE) == 0);
}

static GtkListBoxRow *
row_at (NkClassroomList *self, gboolean past, guint n)
{
  return gtk_list_box_get_row_at_index (past ? self->past_list : self->upcoming_list, (int) n);
}

guint
nk_classroom_list_get_n_rows (NkClassroomList *self, gboolean past)
{
  guint n = 0;

  g_return_val_if_fail (NK_IS_CLASSROOM_LIST (self), 0);
  while (row_at (self, past, n) != NULL)
    n++;
  return n;
}

char *
nk_classroom_list_get_row_text (NkClassroomList *self, gboolean past, guint n)
{
  GtkListBoxRow *row;
  GString *text;

  g_return_val_if_fail (NK_IS_CLASSROOM_LIST (self), NULL);
  if ((row = row_at (self, past, n)) == NULL)
    return NULL;
  text = g_string_new (NULL);
  for (GtkWidget *l = gtk_widget_get_first_child (gtk_list_box_row_get_child (row)); l;
       l = gtk_widget_get_next_sibling (l))
    g_string_append_printf (text, "%s%s", text->len ? " · " : "", gtk_label_get_label (GTK_LABEL (l)));
  return g_string_free (text, FALSE);
}

static void
nk_classroom_list_dispose (GObject *object)
{
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), NK_TYPE_CLASSROOM_LIST);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (nk_classroom_list_parent_class)->dispose (object);
}

static void
nk_classroom_list_class_init (NkClassroomListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nk_classroom_list_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "nk-classroom-list.ui");
  gtk_widget_class_bind_template_child (widget_class, NkClassroomList, upcoming_list);
  gtk_widget_class_bind_template_child (widget_class, NkClassroomList, past_list);
  gtk_widget_class_bind_template_child (widget_class, NkClassroomList, upcoming_empty);
  gtk_widget_class_bind_template_child (widget_class, NkClassroomList, past_empty);
  gtk_widget_class_bind_template_child (widget_class, NkClassroomList, error_label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "nkclassroomlist");
}

static void
nk_classroom_list_init (NkClassroomList *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
