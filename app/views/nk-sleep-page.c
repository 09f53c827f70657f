/* nk-sleep-page.c — staff mode's sleep checks for one room
 * (nk-sleep-page.h).
 *
 * The rows are read again from the core whenever the store changes and,
 * while the page is on screen, every 20 s (a check comes due by the
 * clock alone).  What a caregiver has chosen and not yet recorded (the
 * position, a breathing or colour toggle) is kept by child, so a row
 * read again keeps it. */
#define G_LOG_DOMAIN "nk-views"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "core/nk-nap.h"
#include "core/nk-sleep-check.h"
#include "core/nk-sleep-report.h"
#include "nk-a11y.h"
#include "nk-sleep-page.h"
#include "nk-sleep-row.h"

#define TICK_SECONDS 20

typedef NkSleepChoice Choice;

struct _NkSleepPage
{
  GtkWidget parent_instance;

  GtkLabel *title_label;
  GtkWidget *nap_room_button;
  GtkRevealer *warning_revealer;
  GtkLabel *warning_label;
  GtkLabel *message_label;
  GtkWidget *empty_label;
  GtkBox *children_box;
  GtkWidget *awake_heading;
  GtkFlowBox *awake_box;
  GtkLabel *report_label;

  NkDoor *door;
  char *room_id;
  char *staff_id;
  GHashTable *choices;     /* child_id → Choice* */
  guint n_children;
  char *signature;         /* of the rows shown (list_signature) */
  char *awake_signature;   /* of the awake children's buttons */
  guint tick_id;
};

G_DEFINE_FINAL_TYPE (NkSleepPage, nk_sleep_page, GTK_TYPE_WIDGET)

static Choice *
choice_for (NkSleepPage *self, const char *child_id)
{
  Choice *c = g_hash_table_lookup (self->choices, child_id);

  if (c == NULL)
    {
      c = g_new (Choice, 1);
      *c = (Choice) { -1, TRUE, TRUE };
      g_hash_table_insert (self->choices, g_strdup (child_id), c);
    }
  return c;
}

static void
say (NkSleepPage *self, const char *text)
{
  gtk_label_set_label (self->message_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), text != NULL);
}

static void
say_not_saved (NkSleepPage *self, const char *what, const GError *error)
{
  g_autofree char *text = NULL;

  g_message ("%s not saved: %s", what, error->message);
  /* TRANSLATORS: a record that failed; %s says why */
  text = g_strdup_printf (_("Not saved: %s"), error->message);
  say (self, text);
}

/* The rooms shown: the one asked for, or every room with checks. */
static gboolean
room_shown (NkSleepPage *self, const NkRoomSummary *room)
{
  if (self->room_id != NULL)
    return g_strcmp0 (room->room_id, self->room_id) == 0;
  return (nk_sleep_settings_get ()->room_kinds & NK_SLEEP_ROOM_BIT (room->kind)) != 0;
}

/* The room's children here and awake (NkRoomChild*, borrowed from room)
 * onto list. */
static void
collect_awake (NkSleepPage *self, const NkRoomSummary *room, GPtrArray *list)
{
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) awake = nk_nap_awake_children (nk_door_get_store (self->door),
                                                nk_door_get_centre (self->door), room->room_id,
                                                &error);

  if (awake == NULL)
    {
      g_message ("Cannot read who is awake in room %s: %s", room->room_id, error->message);
      return;
    }
  for (guint i = 0; i < room->children->len; i++)
    {
      NkRoomChild *child = room->children->pdata[i];

      if (g_strv_contains ((const char *const *) awake, child->child_id))
        g_ptr_array_add (list, child);
    }
}

/* A button per child here and awake; made again only when who is awake
 * changes, so that a touch finds the button it saw. */
static void
show_awake (NkSleepPage *self, GPtrArray *awake)
{
  GString *signature = g_string_new (NULL);
  GtkWidget *child;

  for (guint i = 0; i < awake->len; i++)
    g_string_append_printf (signature, "%s;", ((NkRoomChild *) awake->pdata[i])->child_id);
  if (g_strcmp0 (signature->str, self->awake_signature) != 0)
    {
      while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->awake_box))) != NULL)
        gtk_flow_box_remove (self->awake_box, child);
      for (guint i = 0; i < awake->len; i++)
        {
          NkRoomChild *c = awake->pdata[i];
          /* TRANSLATORS: accessible name of the button that starts a child's nap */
          g_autofree char *name = g_strdup_printf (_("Start the nap of %s"), c->name);

          nk_a11y_flow_box_append (self->awake_box,
                                   nk_sleep_button_new ("care.nap", g_variant_new_string (c->child_id),
                                                        c->name, name),
                                   name);
        }
      g_free (self->awake_signature);
      self->awake_signature = g_strdup (signature->str);
    }
  g_string_free (signature, TRUE);
  gtk_widget_set_visible (self->awake_heading, awake->len > 0);
}

/* The title, and the children of the rooms shown who are here and awake. */
static void
show_rooms (NkSleepPage *self)
{
  g_autoptr (GPtrArray) rooms = nk_attendance_list_rooms (nk_door_get_attendance (self->door), NULL);
  g_autoptr (GPtrArray) awake = g_ptr_array_new ();
  g_autofree char *title = NULL;
  const char *name = NULL;

  for (guint i = 0; rooms != NULL && i < rooms->len; i++)
    {
      NkRoomSummary *room = rooms->pdata[i];

      if (!room_shown (self, room))
        continue;
      if (self->room_id != NULL)
        name = room->name;
      collect_awake (self, room, awake);
    }
  show_awake (self, awake);
  gtk_widget_set_visible (self->nap_room_button, self->room_id != NULL);
  /* TRANSLATORS: the sleep-check page's title: the room (睡眠巡查 · 乳儿班) */
  title = name != NULL ? g_strdup_printf (_("Sleep checks · %s"), name) : g_strdup (_("Sleep checks"));
  gtk_label_set_label (self->title_label, title);
}

/* Who the rows are of: rows are made again only when a nap begins or
 * ends, so that a touch on a row finds the same buttons; the state of
 * each (due, overdue, last check) changes in place. */
static char *
list_signature (GPtrArray *list)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < list->len; i++)
    {
      NkSleepDue *due = list->pdata[i];

      g_string_append_printf (s, "%s/%s;", due->child_id, due->nap_id);
    }
  return g_string_free (s, FALSE);
}

static void
show_children (NkSleepPage *self, gint64 now)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) list = NULL;
  g_autofree char *signature = NULL;
  GtkWidget *child;
  guint i = 0;

  list = nk_sleep_check_list_due (nk_door_get_store (self->door), self->room_id, now, &error);
  if (list == NULL)
    {
      say_not_saved (self, "Reading the sleep checks", error);
      return;
    }
  signature = list_signature (list);
  if (g_strcmp0 (signature, self->signature) != 0)
    {
      while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->children_box))) != NULL)
        gtk_box_remove (self->children_box, child);
      for (i = 0; i < list->len; i++)
        gtk_box_append (self->children_box,
                        nk_sleep_row_new (list->pdata[i],
                                          choice_for (self, ((NkSleepDue *) list->pdata[i])->child_id)));
      g_free (self->signature);
      self->signature = g_steal_pointer (&signature);
    }
  /* the clock moves the text of every row */
  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->children_box)), i = 0;
       child != NULL && i < list->len; child = gtk_widget_get_next_sibling (child), i++)
    nk_sleep_row_show_state (child, nk_door_get_centre (self->door), list->pdata[i], now);
  self->n_children = list->len;
  gtk_widget_set_visible (self->empty_label, list->len == 0);
}

/* The row of child_id, or NULL. */
static GtkWidget *
find_row (NkSleepPage *self, const char *child_id)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->children_box)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (g_strcmp0 (nk_sleep_row_get_child_id (row), child_id) == 0)
      return row;
  return NULL;
}

/* A choice changed: the row of child_id shows it. */
static void
show_row_choice (NkSleepPage *self, const char *child_id)
{
  GtkWidget *row = find_row (self, child_id);

  if (row != NULL)
    nk_sleep_row_show_choice (row, choice_for (self, child_id));
}

static void
show_report (NkSleepPage *self)
{
  NkCentre *centre = nk_door_get_centre (self->door);
  g_autofree char *today = nk_centre_today (centre);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) naps = nk_sleep_report_load (nk_door_get_store (self->door), centre, today,
                                                     NULL, nk_sleep_settings_interval_us (), &error);
  g_autoptr (GPtrArray) room = g_ptr_array_new ();
  g_autofree char *text = NULL;

  if (naps == NULL)
    {
      gtk_label_set_label (self->report_label, error->message);
      return;
    }
  for (guint i = 0; i < naps->len; i++)
    if (self->room_id == NULL
        || g_strcmp0 (((NkSleepReportNap *) naps->pdata[i])->room_id, self->room_id) == 0)
      g_ptr_array_add (room, naps->pdata[i]);
  text = nk_sleep_report_format (room, centre, nk_sleep_settings_interval_us ());
  gtk_label_set_label (self->report_label, g_strchomp (text));
}

void
nk_sleep_page_refresh (NkSleepPage *self)
{
  g_return_if_fail (NK_IS_SLEEP_PAGE (self));

  if (self->door == NULL)
    return;
  show_rooms (self);
  show_children (self, nk_centre_now (nk_door_get_centre (self->door)));
  show_report (self);
}

/* ---------------------------------------------------------------- actions */

static void
record_check (NkSleepPage *self, const char *child_id)
{
  Choice *c = choice_for (self, child_id);
  g_autoptr (GError) error = NULL;
  g_autofree char *id = NULL;
  gboolean flagged = FALSE;

  if (self->door == NULL || self->staff_id == NULL || c->position < 0)
    return;
  id = nk_sleep_check_record (nk_door_get_store (self->door), nk_door_get_centre (self->door),
                              self->staff_id, child_id, c->position, c->breathing_ok,
                              c->colour_ok, &flagged, &error);
  if (id == NULL)
    {
      say_not_saved (self, "Sleep check", error);
      nk_sleep_page_refresh (self);
      return;
    }
  g_hash_table_remove (self->choices, child_id);
  show_row_choice (self, child_id);
  say (self, NULL);
  if (flagged)
    {
      GtkWidget *row = find_row (self, child_id);
      const char *child = row != NULL ? nk_sleep_row_get_name (row) : child_id;
      /* TRANSLATORS: shown at once after a check: an infant found on the front */
      g_autofree char *text = g_strdup_printf (_("%s: on the front and under 12 months — turn onto the back now"),
                                               child);

      gtk_label_set_label (self->warning_label, text);
      gtk_revealer_set_reveal_child (self->warning_revealer, TRUE);
      g_message ("Sleep check %s: an infant on the front, flagged", id);
    }
  nk_sleep_page_refresh (self);
}

static void
action_position (GtkWidget *widget, const char *name, GVariant *param)
{
  NkSleepPage *self = NK_SLEEP_PAGE (widget);
  const char *child_id, *position;
  NkSleepPosition p;

  g_variant_get (param, "(&s&s)", &child_id, &position);
  if (nk_sleep_position_from_string (position, &p))
    choice_for (self, child_id)->position = p;
  show_row_choice (self, child_id);
}

static void
action_breathing (GtkWidget *widget, const char *name, GVariant *param)
{
  const char *child_id = g_variant_get_string (param, NULL);
  Choice *c = choice_for (NK_SLEEP_PAGE (widget), child_id);

  c->breathing_ok = !c->breathing_ok;
  show_row_choice (NK_SLEEP_PAGE (widget), child_id);
}

static void
action_colour (GtkWidget *widget, const char *name, GVariant *param)
{
  const char *child_id = g_variant_get_string (param, NULL);
  Choice *c = choice_for (NK_SLEEP_PAGE (widget), child_id);

  c->colour_ok = !c->colour_ok;
  show_row_choice (NK_SLEEP_PAGE (widget), child_id);
}

static void
action_record (GtkWidget *widget, const char *name, GVariant *param)
{
  record_check (NK_SLEEP_PAGE (widget), g_variant_get_string (param, NULL));
}

static void
nap_room (NkSleepPage *self)
{
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) awake = NULL;
  g_autoptr (GPtrArray) ids = NULL;
  g_autofree char *text = NULL;

  if (self->door == NULL || self->staff_id == NULL || self->room_id == NULL)
    return;
  awake = nk_nap_awake_children (nk_door_get_store (self->door), nk_door_get_centre (self->door),
                                 self->room_id, &error);
  if (awake != NULL && awake[0] == NULL)
    {
      /* TRANSLATORS: the room's nap time with nobody to put down */
      say (self, _("Every child here is napping already"));
      return;
    }
  if (awake != NULL)
    ids = nk_nap_start (nk_door_get_store (self->door), nk_door_get_centre (self->door),
                        self->staff_id, (const char *const *) awake, &error);
  if (ids == NULL)
    {
      say_not_saved (self, "Nap time", error);
      return;
    }
  /* TRANSLATORS: after the room's nap time: how many naps began */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Nap time: %u child is napping",
                                       "Nap time: %u children are napping", ids->len), ids->len);
  say (self, text);
  nk_sleep_page_refresh (self);
}

static void
action_nap_room (GtkWidget *widget, const char *name, GVariant *param)
{
  nap_room (NK_SLEEP_PAGE (widget));
}

static void
action_clear_warning (GtkWidget *widget, const char *name, GVariant *param)
{
  gtk_revealer_set_reveal_child (NK_SLEEP_PAGE (widget)->warning_revealer, FALSE);
}

/* ---------------------------------------------------------------- life */

static gboolean
on_tick (gpointer data)
{
  nk_sleep_page_refresh (data);
  return G_SOURCE_CONTINUE;
}

static void
on_store_changed (NkSleepPage *self, const char *kind, GStrv ids, NkStore *store)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    nk_sleep_page_refresh (self);
}

static void
nk_sleep_page_map (GtkWidget *widget)
{
  NkSleepPage *self = NK_SLEEP_PAGE (widget);

  GTK_WIDGET_CLASS (nk_sleep_page_parent_class)->map (widget);
  nk_sleep_page_refresh (self);
  if (self->tick_id == 0)
    self->tick_id = g_timeout_add_seconds (TICK_SECONDS, on_tick, self);
}

static void
nk_sleep_page_unmap (GtkWidget *widget)
{
  NkSleepPage *self = NK_SLEEP_PAGE (widget);

  g_clear_handle_id (&self->tick_id, g_source_remove);
  /* nothing half-chosen stays behind the lock */
  g_hash_table_remove_all (self->choices);
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->children_box)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    nk_sleep_row_show_choice (row, choice_for (self, nk_sleep_row_get_child_id (row)));
  gtk_revealer_set_reveal_child (self->warning_revealer, FALSE);
  say (self, NULL);
  GTK_WIDGET_CLASS (nk_sleep_page_parent_class)->unmap (widget);
}

void
nk_sleep_page_set_door (NkSleepPage *self, NkDoor *door)
{
  g_return_if_fail (NK_IS_SLEEP_PAGE (self));

  if (self->door == door)
    return;
  if (self->door != NULL)
    g_signal_handlers_disconnect_by_data (nk_door_get_store (self->door), self);
  g_set_object (&self->door, door);
  if (door != NULL)
    g_signal_connect_object (nk_door_get_store (door), "changed", G_CALLBACK (on_store_changed),
                             self, G_CONNECT_SWAPPED);
}

void
nk_sleep_page_set_room (NkSleepPage *self, const char *room_id)
{
  g_return_if_fail (NK_IS_SLEEP_PAGE (self));

  g_free (self->room_id);
  /* "": every room with checks */
  self->room_id = room_id != NULL && *room_id != '\0' ? g_strdup (room_id) : NULL;
  say (self, NULL);
  nk_sleep_page_refresh (self);
}

void
nk_sleep_page_set_staff (NkSleepPage *self, const char *staff_id)
{
  g_return_if_fail (NK_IS_SLEEP_PAGE (self));

  g_free (self->staff_id);
  self->staff_id = g_strdup (staff_id);
}

guint
nk_sleep_page_get_n_children (NkSleepPage *self)
{
  return self->n_children;
}

const char *
nk_sleep_page_get_warning (NkSleepPage *self)
{
  return gtk_revealer_get_reveal_child (self->warning_revealer)
         ? gtk_label_get_label (self->warning_label) : NULL;
}

const char *
nk_sleep_page_get_message (NkSleepPage *self)
{
  return gtk_widget_get_visible (GTK_WIDGET (self->message_label))
         ? gtk_label_get_label (self->message_label) : NULL;
}

static void
nk_sleep_page_dispose (GObject *object)
{
  NkSleepPage *self = NK_SLEEP_PAGE (object);

  g_clear_handle_id (&self->tick_id, g_source_remove);
  nk_sleep_page_set_door (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), NK_TYPE_SLEEP_PAGE);
  /* GTK 4.8 leaves a template's unnamed top child in place */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (nk_sleep_page_parent_class)->dispose (object);
}

static void
nk_sleep_page_finalize (GObject *object)
{
  NkSleepPage *self = NK_SLEEP_PAGE (object);

  g_free (self->room_id);
  g_free (self->staff_id);
  g_free (self->signature);
  g_free (self->awake_signature);
  g_hash_table_unref (self->choices);
  G_OBJECT_CLASS (nk_sleep_page_parent_class)->finalize (object);
}

static void
nk_sleep_page_class_init (NkSleepPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nk_sleep_page_dispose;
  object_class->finalize = nk_sleep_page_finalize;
  widget_class->map = nk_sleep_page_map;
  widget_class->unmap = nk_sleep_page_unmap;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/nurserykiosk/Kiosk/nk-sleep-page.ui");
  gtk_widget_class_bind_template_child (widget_class, NkSleepPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, NkSleepPage, nap_room_button);
  gtk_widget_class_bind_template_child (widget_class, NkSleepPage, warning_revealer);
  gtk_widget_class_bind_template_child (widget_class, NkSleepPage, warning_label);
  gtk_widget_class_bind_template_child (widget_class, NkSleepPage, message_label);
  gtk_widget_class_bind_template_child (widget_class, NkSleepPage, empty_label);
  gtk_widget_class_bind_template_child (widget_class, NkSleepPage, children_box);
  gtk_widget_class_bind_template_child (widget_class, NkSleepPage, awake_heading);
  gtk_widget_class_bind_template_child (widget_class, NkSleepPage, awake_box);
  gtk_widget_class_bind_template_child (widget_class, NkSleepPage, report_label);

  gtk_widget_class_install_action (widget_class, "sleep.position", "(ss)", action_position);
  gtk_widget_class_install_action (widget_class, "sleep.breathing", "s", action_breathing);
  gtk_widget_class_install_action (widget_class, "sleep.colour", "s", action_colour);
  gtk_widget_class_install_action (widget_class, "sleep.record", "s", action_record);
  gtk_widget_class_install_action (widget_class, "sleep.nap-room", NULL, action_nap_room);
  gtk_widget_class_install_action (widget_class, "sleep.clear-warning", NULL, action_clear_warning);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "nksleeppage");
}

static void
nk_sleep_page_init (NkSleepPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  nk_a11y_hide_folded (self->warning_revealer);
  self->choices = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}
