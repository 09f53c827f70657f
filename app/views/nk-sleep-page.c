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

#include "core/nk-nap.h"
#include "core/nk-sleep-check.h"
#include "core/nk-sleep-report.h"
#include "nk-a11y.h"
#include "nk-sleep-page.h"

#define TICK_SECONDS 20

typedef struct {
  int      position;      /* NkSleepPosition, or -1: not chosen yet */
  gboolean breathing_ok;
  gboolean colour_ok;
} Choice;

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

/* ---------------------------------------------------------------- rows */

static GtkWidget *
make_button (const char *label, const char *accessible, const char *action, GVariant *target,
             gboolean chosen)
{
  GtkWidget *button = gtk_button_new_with_label (label);

  gtk_widget_add_css_class (button, "nk-big-button");
  if (chosen)
    gtk_widget_add_css_class (button, "nk-chosen");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), target);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
  gtk_accessible_update_state (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_STATE_PRESSED,
                               chosen ? GTK_ACCESSIBLE_TRISTATE_TRUE : GTK_ACCESSIBLE_TRISTATE_FALSE,
                               -1);
  return button;
}

static char *
state_text (NkCentre *centre, const NkSleepDue *due, gint64 now)
{
  g_autofree char *start = nk_centre_format_time (centre, due->start_us);
  g_autofree char *at = nk_centre_format_time (centre, due->due_us);
  g_autofree char *last = due->last_check_us != 0 ? nk_centre_format_time (centre, due->last_check_us)
                                                  : NULL;
  g_autofree char *checked = last != NULL
    /* TRANSLATORS: a napping child's row: the time of the last sleep check */
    ? g_strdup_printf (_("last check %s"), last)
    /* TRANSLATORS: a napping child's row: no sleep check yet */
    : g_strdup (_("no check yet"));
  g_autofree char *state = NULL;

  switch (due->state)
    {
    case NK_SLEEP_WAITING:
      /* TRANSLATORS: a napping child's row: when the next check is due */
      state = g_strdup_printf (_("next check %s"), at);
      break;
    case NK_SLEEP_DUE:
      /* TRANSLATORS: a napping child's row: a check is due since then (巡睡到时) */
      state = g_strdup_printf (_("check due since %s"), at);
      break;
    case NK_SLEEP_OVERDUE:
      /* TRANSLATORS: a napping child's row: overdue by so many minutes (巡睡超时) */
      state = g_strdup_printf (_("check OVERDUE by %d min"),
                               (int) ((now - due->due_us) / (60 * G_USEC_PER_SEC)));
      break;
    default:
      g_assert_not_reached ();
    }
  /* TRANSLATORS: a napping child's row: nap start · last check · next check */
  return g_strdup_printf (_("asleep since %s · %s · %s"), start, checked, state);
}

static void
add_position_buttons (GtkBox *box, const NkSleepDue *due, const Choice *c)
{
  for (int p = NK_SLEEP_BACK; p <= NK_SLEEP_FRONT; p++)
    {
      const char *label = nk_sleep_position_label (p);
      /* TRANSLATORS: accessible name of a position button: child's name, position */
      g_autofree char *name = g_strdup_printf (_("%s: %s"), due->child_name, label);

      gtk_box_append (box, make_button (label, name, "sleep.position",
                                        g_variant_new ("(ss)", due->child_id,
                                                       nk_sleep_position_to_string (p)),
                                        c->position == p));
    }
}

static void
add_check_buttons (GtkBox *box, const NkSleepDue *due, const Choice *c)
{
  g_autofree char *breathing = g_strdup_printf (
    /* TRANSLATORS: accessible name: a toggle, breathing normal or not */
    c->breathing_ok ? _("%s: breathing normal") : _("%s: breathing NOT normal"), due->child_name);
  g_autofree char *colour = g_strdup_printf (
    /* TRANSLATORS: accessible name: a toggle, colour normal or not */
    c->colour_ok ? _("%s: colour normal") : _("%s: colour NOT normal"), due->child_name);
  /* TRANSLATORS: accessible name of the button that records the check */
  g_autofree char *ok = g_strdup_printf (_("Record the sleep check of %s"), due->child_name);
  /* TRANSLATORS: accessible name of the button that ends the nap */
  g_autofree char *wake = g_strdup_printf (_("End the nap of %s"), due->child_name);
  GtkWidget *record;

  gtk_box_append (box, make_button (c->breathing_ok ? _("Breathing normal") : _("Breathing NOT normal"),
                                    breathing, "sleep.breathing",
                                    g_variant_new_string (due->child_id), !c->breathing_ok));
  gtk_box_append (box, make_button (c->colour_ok ? _("Colour normal") : _("Colour NOT normal"),
                                    colour, "sleep.colour", g_variant_new_string (due->child_id),
                                    !c->colour_ok));
  /* TRANSLATORS: records the sleep check (two touches: the position, then this) */
  record = make_button (_("OK"), ok, "sleep.record", g_variant_new_string (due->child_id), FALSE);
  gtk_widget_add_css_class (record, "suggested-action");
  gtk_widget_set_sensitive (record, c->position >= 0);
  gtk_box_append (box, record);
  /* TRANSLATORS: ends the child's nap (午睡结束) */
  gtk_box_append (box, make_button (_("Woke up"), wake, "care.nap",
                                    g_variant_new_string (due->child_id), FALSE));
}

static GtkWidget *
build_row (NkSleepPage *self, const NkSleepDue *due, gint64 now)
{
  NkCentre *centre = nk_door_get_centre (self->door);
  Choice *c = choice_for (self, due->child_id);
  g_autofree char *state = state_text (centre, due, now);
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *head = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *name = gtk_label_new (due->child_name);
  GtkWidget *detail = gtk_label_new (state);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  static const char *const row_class[] = { "nk-sleep-waiting", "nk-sleep-due", "nk-sleep-overdue" };

  gtk_widget_add_css_class (row, "nk-sleep-row");
  gtk_widget_add_css_class (row, row_class[due->state]);
  gtk_widget_add_css_class (name, "nk-sleep-name");
  gtk_label_set_xalign (GTK_LABEL (detail), 0);
  gtk_label_set_wrap (GTK_LABEL (detail), TRUE);
  gtk_widget_set_hexpand (detail, TRUE);
  gtk_widget_add_css_class (detail, "nk-sleep-state");
  gtk_box_append (GTK_BOX (head), name);
  gtk_box_append (GTK_BOX (head), detail);
  gtk_box_append (GTK_BOX (row), head);
  add_position_buttons (GTK_BOX (buttons), due, c);
  add_check_buttons (GTK_BOX (buttons), due, c);
  gtk_box_append (GTK_BOX (row), buttons);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, due->child_name, -1);
  return row;
}

/* The rooms shown: the one asked for, or every room with checks. */
static gboolean
room_shown (NkSleepPage *self, const NkRoomSummary *room)
{
  if (self->room_id != NULL)
    return g_strcmp0 (room->room_id, self->room_id) == 0;
  return (nk_sleep_settings_get ()->room_kinds & NK_SLEEP_ROOM_BIT (room->kind)) != 0;
}

static void
add_awake (NkSleepPage *self, const NkRoomSummary *room)
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
      /* TRANSLATORS: accessible name of the button that starts a child's nap */
      g_autofree char *name = g_strdup_printf (_("Start the nap of %s"), child->name);
      GtkWidget *button;

      if (!g_strv_contains ((const char *const *) awake, child->child_id))
        continue;
      button = make_button (child->name, name, "care.nap", g_variant_new_string (child->child_id),
                            FALSE);
      nk_a11y_flow_box_append (self->awake_box, button, name);
    }
}

/* The title, and the children of the rooms shown who are here and awake. */
static void
show_rooms (NkSleepPage *self)
{
  g_autoptr (GPtrArray) rooms = nk_attendance_list_rooms (nk_door_get_attendance (self->door), NULL);
  g_autofree char *title = NULL;
  const char *name = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->awake_box))) != NULL)
    gtk_flow_box_remove (self->awake_box, child);
  for (guint i = 0; rooms != NULL && i < rooms->len; i++)
    {
      NkRoomSummary *room = rooms->pdata[i];

      if (!room_shown (self, room))
        continue;
      if (self->room_id != NULL)
        name = room->name;
      add_awake (self, room);
    }
  gtk_widget_set_visible (self->awake_heading,
                          gtk_widget_get_first_child (GTK_WIDGET (self->awake_box)) != NULL);
  gtk_widget_set_visible (self->nap_room_button, self->room_id != NULL);
  /* TRANSLATORS: the sleep-check page's title: the room (睡眠巡查 · 乳儿班) */
  title = name != NULL ? g_strdup_printf (_("Sleep checks · %s"), name) : g_strdup (_("Sleep checks"));
  gtk_label_set_label (self->title_label, title);
}

static void
show_children (NkSleepPage *self, gint64 now)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) list = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->children_box))) != NULL)
    gtk_box_remove (self->children_box, child);
  self->n_children = 0;
  list = nk_sleep_check_list_due (nk_door_get_store (self->door), self->room_id, now, &error);
  if (list == NULL)
    {
      say_not_saved (self, "Reading the sleep checks", error);
      return;
    }
  for (guint i = 0; i < list->len; i++)
    gtk_box_append (self->children_box, build_row (self, list->pdata[i], now));
  self->n_children = list->len;
  gtk_widget_set_visible (self->empty_label, list->len == 0);
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
  say (self, NULL);
  if (flagged)
    {
      /* TRANSLATORS: shown at once after a check: an infant found on the front */
      gtk_label_set_label (self->warning_label,
                           _("On the front and under 12 months: turn the child onto the back now"));
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
  nk_sleep_page_refresh (self);
}

static void
action_breathing (GtkWidget *widget, const char *name, GVariant *param)
{
  Choice *c = choice_for (NK_SLEEP_PAGE (widget), g_variant_get_string (param, NULL));

  c->breathing_ok = !c->breathing_ok;
  nk_sleep_page_refresh (NK_SLEEP_PAGE (widget));
}

static void
action_colour (GtkWidget *widget, const char *name, GVariant *param)
{
  Choice *c = choice_for (NK_SLEEP_PAGE (widget), g_variant_get_string (param, NULL));

  c->colour_ok = !c->colour_ok;
  nk_sleep_page_refresh (NK_SLEEP_PAGE (widget));
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
  self->choices = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}
