/* nk-dashboard-page.c — the director's "Today" (nk-dashboard-page.h). */
#define G_LOG_DOMAIN "nk-views"

#include "config.h"

#include <glib/gi18n.h>

#include "nk-a11y.h"
#include "nk-dashboard-page.h"
#include "nk-sync-panel.h"

/* The time-dependent lines are read again this often while shown. */
#define REFRESH_SECONDS 60

struct _NkDashboardPage
{
  GtkWidget parent_instance;

  GtkStack *stack;
  GtkLabel *title_label;
  GtkLabel *error_label;
  GtkFlowBox *rooms_box;
  GtkFlowBox *lines_box;
  GtkLabel *names_title;
  GtkBox *names_box;

  NkDoor *door;
  NkSync *sync;
  NkDashboard *dashboard;
  NkDashboardFigures *figures;
  GPtrArray *room_rows;                        /* GtkWidget*, borrowed from rooms_box */
  GtkWidget *line_rows[NK_DASHBOARD_N_LINES];  /* borrowed from lines_box */
  GtkWidget *sync_row;
  int names_line;                              /* the names shown, -1: none */
  guint timer_id;
  guint reads;
};

G_DEFINE_FINAL_TYPE (NkDashboardPage, nk_dashboard_page, GTK_TYPE_WIDGET)

/* ---------------------------------------------------------------- words */

static const char *
line_title (NkDashboardLine line)
{
  switch (line)
    {
    case NK_DASHBOARD_NOT_ARRIVED:
      /* TRANSLATORS: the director's dashboard: children expected today who have not come, 应到未到 */
      return _("Expected, not arrived");
    case NK_DASHBOARD_AFTER_CLOSING:
      /* TRANSLATORS: the director's dashboard: children not picked up after closing time, 闭园后仍在园 */
      return _("Still here after closing");
    case NK_DASHBOARD_ILLNESS:
      /* TRANSLATORS: the director's dashboard: 因病缺勤 */
      return _("Absent through illness");
    case NK_DASHBOARD_HEALTH_PENDING:
      /* TRANSLATORS: the director's dashboard: children present without today's health check, 未晨检 */
      return _("Health check not done");
    case NK_DASHBOARD_SLEEP_OVERDUE:
      /* TRANSLATORS: the director's dashboard: 睡眠巡查超时 */
      return _("Sleep checks overdue");
    case NK_DASHBOARD_MEDICINE_DUE:
      /* TRANSLATORS: the director's dashboard: doses due now and not given, 用药到时 */
      return _("Medicine due");
    case NK_DASHBOARD_INCIDENTS_OPEN:
      /* TRANSLATORS: the director's dashboard: incidents no guardian has acknowledged yet, 事故未确认 */
      return _("Incidents not acknowledged");
    case NK_DASHBOARD_CHECKUPS_DUE:
      /* TRANSLATORS: the director's dashboard: 本月应体检 */
      return _("Check-ups due this month");
    case NK_DASHBOARD_N_LINES:
    default:
      g_return_val_if_reached (NULL);
    }
}

/* What a row says to a screen reader; kept on the row for tests. */
static void
describe (GtkWidget  *row,
          const char *text)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  g_object_set_data_full (G_OBJECT (row), "nk-description", g_strdup (text), g_free);
}

char *
nk_dashboard_page_describe (GtkWidget *row)
{
  g_return_val_if_fail (GTK_IS_WIDGET (row), NULL);
  return g_strdup (g_object_get_data (G_OBJECT (row), "nk-description"));
}

static GtkWidget *
label_new (const char *text,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

/* ---------------------------------------------------------------- rows */

static GtkWidget *
room_row (const NkDashboardRoom *room)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *badge;
  const char *state = nk_ratio_state_to_string (room->ratio);
  g_autofree char *places = NULL;
  g_autofree char *staff = NULL;
  g_autofree char *badge_class = g_strconcat ("nk-ratio-", state, NULL);
  g_autofree char *text = NULL;

  /* TRANSLATORS: a room on the director's dashboard: children present of places, "8 / 10 places" */
  places = g_strdup_printf (ngettext ("%u / %u place", "%u / %u places", room->places), room->present, room->places);
  /* TRANSLATORS: caregivers of the room clocked in, of those assigned to it, "2 / 3 caregivers" */
  staff = g_strdup_printf (ngettext ("%u / %u caregiver", "%u / %u caregivers", room->assigned), room->caregivers,
                           room->assigned);
  badge = label_new (nk_ratio_state_label (room->ratio), "nk-ratio-badge");
  gtk_widget_add_css_class (badge, badge_class);
  gtk_widget_set_halign (badge, GTK_ALIGN_END);
  gtk_widget_set_hexpand (badge, TRUE);
  gtk_box_append (GTK_BOX (top), label_new (room->name, "nk-dashboard-room-name"));
  gtk_box_append (GTK_BOX (top), badge);
  gtk_box_append (GTK_BOX (box), top);
  gtk_box_append (GTK_BOX (box), label_new (places, "nk-dashboard-figure"));
  gtk_box_append (GTK_BOX (box), label_new (staff, "nk-dashboard-figure"));
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "nk-dashboard-room");
  gtk_widget_add_css_class (button, badge_class);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "care.open-room");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_string (room->room_id));

  /* TRANSLATORS: what a screen reader says of a room on the director's dashboard:
   * "Sunflower room: 8 of 10 places, 2 caregivers, ratio within" (向日葵班：10 个托位在园 8 人，保育人员 2 名，配比达标) */
  text = g_strdup_printf (ngettext ("%s: %u of %u places, %u caregiver, %s", "%s: %u of %u places, %u caregivers, %s",
                                    room->caregivers),
                          room->name, room->present, room->places, room->caregivers,
                          nk_ratio_state_label (room->ratio));
  describe (button, text);
  return button;
}

static GtkWidget *
line_row (const char *title,
          const char *figure,
          gboolean    attention)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *count = label_new (figure, "nk-dashboard-count");
  GtkWidget *name = label_new (title, "nk-dashboard-line-title");

  gtk_widget_set_hexpand (name, TRUE);
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), count);
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "nk-dashboard-line");
  if (attention)
    gtk_widget_add_css_class (button, "nk-dashboard-attention");
  return button;
}

static char *
sync_figure (NkDashboardPage *self)
{
  gint64 pending = self->figures->pending;
  GTimeZone *tz = self->door != NULL ? nk_door_get_timezone (self->door) : NULL;

  if (self->sync != NULL && nk_sync_get_last_success (self->sync) > 0)
    {
      g_autofree char *when = nk_sync_panel_format_time (nk_sync_get_last_success (self->sync), tz);
      guint n = (guint) MAX (pending, 0);

      /* TRANSLATORS: the dashboard's sync line: records waiting, when the platform last answered */
      return g_strdup_printf (ngettext ("%u waiting · synced %s", "%u waiting · synced %s", n), n, when);
    }
  if (pending < 0)
    /* TRANSLATORS: the dashboard's sync line when the outbox cannot be counted */
    return g_strdup (_("waiting: unknown"));
  if (self->sync == NULL)
    /* TRANSLATORS: the dashboard's sync line with no platform configured */
    return g_strdup_printf (ngettext ("%u waiting · no platform", "%u waiting · no platform", (gulong) pending),
                            (guint) pending);
  /* TRANSLATORS: the dashboard's sync line before the platform ever answered */
  return g_strdup_printf (ngettext ("%u waiting · not synced yet", "%u waiting · not synced yet", (gulong) pending),
                          (guint) pending);
}

static void
remove_all (GtkFlowBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_flow_box_remove (box, child);
}

static void show_names (NkDashboardPage *self, NkDashboardLine line);

static void
rebuild (NkDashboardPage *self)
{
  NkDashboardFigures *f = self->figures;
  g_autofree char *title = NULL;
  g_autofree char *sync = NULL;
  g_autofree char *sync_text = NULL;

  remove_all (self->rooms_box);
  remove_all (self->lines_box);
  g_ptr_array_set_size (self->room_rows, 0);
  memset (self->line_rows, 0, sizeof self->line_rows);
  self->sync_row = NULL;
  if (f == NULL)
    return;

  /* TRANSLATORS: the dashboard's title with the date, "Today · 2026-11-23" (今日概览 · 2026-11-23) */
  title = g_strdup_printf (_("Today · %s"), f->date);
  gtk_label_set_label (self->title_label, title);
  for (guint i = 0; i < f->rooms->len; i++)
    {
      const NkDashboardRoom *room = f->rooms->pdata[i];
      GtkWidget *row = room_row (room);

      nk_a11y_flow_box_append (self->rooms_box, row, room->name);
      g_ptr_array_add (self->room_rows, row);
    }
  for (guint l = 0; l < NK_DASHBOARD_N_LINES; l++)
    {
      g_autofree char *figure = g_strdup_printf ("%u", f->counts[l]);
      g_autofree char *text = NULL;
      gboolean attention = f->counts[l] > 0 && l != NK_DASHBOARD_CHECKUPS_DUE;
      GtkWidget *row = line_row (line_title (l), figure, attention);

      /* TRANSLATORS: what a screen reader says of a dashboard line: "Medicine due: 2" (用药到时：2) */
      text = g_strdup_printf (_("%s: %u"), line_title (l), f->counts[l]);
      describe (row, text);
      gtk_widget_set_name (row, nk_dashboard_line_to_string (l));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "dashboard.line");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (row),
                                              g_variant_new_string (nk_dashboard_line_to_string (l)));
      nk_a11y_flow_box_append (self->lines_box, row, line_title (l));
      self->line_rows[l] = row;
    }
  sync = sync_figure (self);
  /* TRANSLATORS: the dashboard's line of the platform link, 数据同步 */
  self->sync_row = line_row (_("Sync"), sync, f->pending != 0 && self->sync == NULL);
  /* TRANSLATORS: what a screen reader says of the dashboard's sync line: "Sync: 3 waiting · synced 08:12" */
  sync_text = g_strdup_printf (_("Sync: %s"), sync);
  describe (self->sync_row, sync_text);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->sync_row), "dashboard.overview");
  nk_a11y_flow_box_append (self->lines_box, self->sync_row, _("Sync"));
  if (self->names_line >= 0)
    show_names (self, self->names_line);
}

void
nk_dashboard_page_refresh (NkDashboardPage *self)
{
  g_autoptr (GError) error = NULL;
  NkDashboardFigures *figures;

  g_return_if_fail (NK_IS_DASHBOARD_PAGE (self));
  if (self->dashboard == NULL)
    return;
  self->reads++;
  figures = nk_dashboard_read (self->dashboard, nk_centre_now (nk_door_get_centre (self->door)), &error);
  if (figures == NULL)
    {
      /* the database is locked or damaged: the page says so and keeps what it showed */
      g_message ("The dashboard cannot be read: %s", error->message);
      gtk_label_set_label (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  g_clear_pointer (&self->figures, nk_dashboard_figures_free);
  self->figures = figures;
  rebuild (self);
}

/* ---------------------------------------------------------------- names */

static void
show_names (NkDashboardPage *self,
            NkDashboardLine  line)
{
  GPtrArray *names = self->figures != NULL ? self->figures->names[line] : NULL;
  GtkWidget *child;

  self->names_line = (int) line;
  gtk_label_set_label (self->names_title, line_title (line));
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->names_box))) != NULL)
    gtk_box_remove (self->names_box, child);
  for (guint i = 0; names != NULL && i < names->len; i++)
    {
      const NkDashboardName *n = names->pdata[i];
      g_autofree char *text = NULL;
      GtkWidget *label;

      /* TRANSLATORS: a name behind a dashboard line: child, room, and what (may be empty) */
      text = g_strdup_printf (_("%s · %s%s%s"), n->name, n->room_name != NULL ? n->room_name : "",
                              n->detail != NULL ? " · " : "", n->detail != NULL ? n->detail : "");
      label = label_new (text, "nk-dashboard-name");
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_NONE);
      gtk_box_append (self->names_box, label);
    }
  if (names == NULL || names->len == 0)
    /* TRANSLATORS: a dashboard line's list when nobody is on it */
    gtk_box_append (self->names_box, label_new (_("Nobody"), "nk-dashboard-name"));
  gtk_stack_set_visible_child_name (self->stack, "names");
}

static void
show_figures (NkDashboardPage *self)
{
  self->names_line = -1;
  gtk_stack_set_visible_child_name (self->stack, "figures");
}

/* A line opens the list behind it: another page's (an action of the
 * staff page) or the names here. */
static void
action_line (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  NkDashboardPage *self = NK_DASHBOARD_PAGE (widget);
  const char *which = g_variant_get_string (parameter, NULL);
  NkDashboardLine line;

  for (line = 0; line < NK_DASHBOARD_N_LINES; line++)
    if (g_str_equal (which, nk_dashboard_line_to_string (line)))
      break;
  if (line == NK_DASHBOARD_N_LINES || self->figures == NULL)
    return;
  switch (line)
    {
    case NK_DASHBOARD_NOT_ARRIVED:
    case NK_DASHBOARD_ILLNESS:
      gtk_widget_activate_action (widget, "absence.open", NULL);
      break;
    case NK_DASHBOARD_CHECKUPS_DUE:
      gtk_widget_activate_action (widget, "checkups.open", NULL);
      break;
    case NK_DASHBOARD_SLEEP_OVERDUE:
      if (self->figures->names[line]->len > 0)
        {
          const NkDashboardName *n = self->figures->names[line]->pdata[0];

          gtk_widget_activate_action (widget, "care.sleep-checks", "s", n->room_id != NULL ? n->room_id : "");
          break;
        }
      show_names (self, line);
      break;
    case NK_DASHBOARD_AFTER_CLOSING:
    case NK_DASHBOARD_HEALTH_PENDING:
    case NK_DASHBOARD_MEDICINE_DUE:
    case NK_DASHBOARD_INCIDENTS_OPEN:
      show_names (self, line);
      break;
    case NK_DASHBOARD_N_LINES:
    default:
      break;
    }
}

static void
action_figures (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  show_figures (NK_DASHBOARD_PAGE (widget));
}

/* ---------------------------------------------------------------- showing */

static gboolean
on_timer (gpointer data)
{
  nk_dashboard_page_refresh (data);
  return G_SOURCE_CONTINUE;
}

void
nk_dashboard_page_show (NkDashboardPage *self,
                        NkDoor          *door,
                        NkSync          *sync)
{
  g_return_if_fail (NK_IS_DASHBOARD_PAGE (self) && NK_IS_DOOR (door));

  if (self->door != door)
    {
      nk_dashboard_page_clear (self);
      self->door = g_object_ref (door);
      self->dashboard = nk_dashboard_new (nk_door_get_store (door), nk_door_get_centre (door));
      g_signal_connect_object (self->dashboard, "changed", G_CALLBACK (nk_dashboard_page_refresh), self,
                               G_CONNECT_SWAPPED);
    }
  g_set_object (&self->sync, sync);
  if (self->timer_id == 0)
    {
      self->timer_id = g_timeout_add_seconds (REFRESH_SECONDS, on_timer, self);
      g_source_set_name_by_id (self->timer_id, "[nk] dashboard minute");
    }
  show_figures (self);
  nk_dashboard_page_refresh (self);
}

void
nk_dashboard_page_clear (NkDashboardPage *self)
{
  g_return_if_fail (NK_IS_DASHBOARD_PAGE (self));

  g_clear_handle_id (&self->timer_id, g_source_remove);
  if (self->dashboard != NULL)
    g_signal_handlers_disconnect_by_data (self->dashboard, self);
  g_clear_object (&self->dashboard);
  g_clear_object (&self->door);
  g_clear_object (&self->sync);
  g_clear_pointer (&self->figures, nk_dashboard_figures_free);
  show_figures (self);
  rebuild (self);
}

/* ---------------------------------------------------------------- tests */

guint
nk_dashboard_page_get_n_rooms (NkDashboardPage *self)
{
  g_return_val_if_fail (NK_IS_DASHBOARD_PAGE (self), 0);
  return self->room_rows->len;
}

GtkWidget *
nk_dashboard_page_get_room_row (NkDashboardPage *self,
                                guint            i)
{
  g_return_val_if_fail (NK_IS_DASHBOARD_PAGE (self) && i < self->room_rows->len, NULL);
  return self->room_rows->pdata[i];
}

GtkWidget *
nk_dashboard_page_get_line_row (NkDashboardPage *self,
                                NkDashboardLine  line)
{
  g_return_val_if_fail (NK_IS_DASHBOARD_PAGE (self) && line < NK_DASHBOARD_N_LINES, NULL);
  return self->line_rows[line];
}

GtkWidget *
nk_dashboard_page_get_sync_row (NkDashboardPage *self)
{
  g_return_val_if_fail (NK_IS_DASHBOARD_PAGE (self), NULL);
  return self->sync_row;
}

const char *
nk_dashboard_page_get_names_shown (NkDashboardPage *self)
{
  g_return_val_if_fail (NK_IS_DASHBOARD_PAGE (self), NULL);
  return self->names_line >= 0 ? nk_dashboard_line_to_string (self->names_line) : "";
}

guint
nk_dashboard_page_get_n_names (NkDashboardPage *self)
{
  g_return_val_if_fail (NK_IS_DASHBOARD_PAGE (self), 0);
  if (self->names_line < 0 || self->figures == NULL)
    return 0;
  return self->figures->names[self->names_line]->len;
}

guint
nk_dashboard_page_get_reads (NkDashboardPage *self)
{
  g_return_val_if_fail (NK_IS_DASHBOARD_PAGE (self), 0);
  return self->reads;
}

/* ---------------------------------------------------------------- object */

static void
nk_dashboard_page_dispose (GObject *object)
{
  NkDashboardPage *self = NK_DASHBOARD_PAGE (object);

  g_clear_handle_id (&self->timer_id, g_source_remove);
  g_clear_object (&self->dashboard);
  g_clear_object (&self->door);
  g_clear_object (&self->sync);
  g_clear_pointer (&self->figures, nk_dashboard_figures_free);
  g_clear_pointer (&self->room_rows, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), NK_TYPE_DASHBOARD_PAGE);

  G_OBJECT_CLASS (nk_dashboard_page_parent_class)->dispose (object);
}

static void
nk_dashboard_page_class_init (NkDashboardPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nk_dashboard_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/nurserykiosk/Kiosk/nk-dashboard-page.ui");
  gtk_widget_class_bind_template_child (widget_class, NkDashboardPage, stack);
  gtk_widget_class_bind_template_child (widget_class, NkDashboardPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, NkDashboardPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, NkDashboardPage, rooms_box);
  gtk_widget_class_bind_template_child (widget_class, NkDashboardPage, lines_box);
  gtk_widget_class_bind_template_child (widget_class, NkDashboardPage, names_title);
  gtk_widget_class_bind_template_child (widget_class, NkDashboardPage, names_box);
  gtk_widget_class_install_action (widget_class, "dashboard.line", "s", action_line);
  gtk_widget_class_install_action (widget_class, "dashboard.figures", NULL, action_figures);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "nkdashboardpage");
}

static void
nk_dashboard_page_init (NkDashboardPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->room_rows = g_ptr_array_new ();
  self->names_line = -1;
}
