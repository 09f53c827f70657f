/* nk-day-view.c — a child's day at pick-up (nk-day-view.h).
 *
 * Built from the NkDayLine fields only (topic, time, until, title,
 * detail, flags), so a kind that adds lines shows here without a change
 * to this file.  Lines are grouped by topic in the order of NkDayTopic,
 * in time order inside a topic; the topic and time columns line up
 * through size groups.  Nothing is recorded here: a touch on "I have read
 * it" emits "acknowledge" and the window makes the core call. */
#define G_LOG_DOMAIN "nk-views"

#include "config.h"

#include <glib/gi18n.h>

#include "nk-day-view.h"

struct _NkDayView
{
  GtkWidget parent_instance;

  GtkLabel *name_label;
  GtkBox *body;
  GtkBox *lines_box;
  GtkBox *qr_box;
  GtkPicture *qr_picture;
  GtkBox *ack_box;
  GtkLabel *error_label;

  NkDaySet *set;
  GTimeZone *tz;
  GPtrArray *ackers;      /* NkAckGuardian*, copies */
  NkQrCode *qr;
  GPtrArray *lines;       /* char*, as read */
  GPtrArray *ack_buttons; /* GtkButton*, not owned */
  guint n_pending;
  gboolean narrow;
};

G_DEFINE_FINAL_TYPE (NkDayView, nk_day_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_N_PENDING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_ACKNOWLEDGE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* What a group of lines is about, as its first row says. */
static const char *
topic_name (NkDayTopic topic)
{
  switch (topic)
    {
    case NK_DAY_ARRIVAL:
      /* TRANSLATORS: the parent's day, a group of lines */
      return _("Arrival");
    case NK_DAY_HEALTH:
      return _("Health check");
    case NK_DAY_MEDICINE:
      return _("Medicine");
    case NK_DAY_MEAL:
      return _("Meals");
    case NK_DAY_BOTTLE:
      return _("Bottles");
    case NK_DAY_WATER:
      return _("Water");
    case NK_DAY_NAP:
      return _("Naps");
    case NK_DAY_DIAPER:
      return _("Diapers");
    case NK_DAY_MOOD:
      return _("Mood");
    case NK_DAY_TEMPERATURE:
      return _("Temperature");
    case NK_DAY_INCIDENT:
      return _("Incidents");
    case NK_DAY_NOTE:
      return _("Notes");
    case NK_DAY_DEPARTURE:
      return _("Departure");
    default:
      return "";
    }
}

static char *
format_hm (GTimeZone *tz,
           gint64     us)
{
  g_autoptr (GDateTime) utc = g_date_time_new_from_unix_utc (us / G_USEC_PER_SEC);
  g_autoptr (GDateTime) local = utc != NULL ? g_date_time_to_timezone (utc, tz) : NULL;

  return local != NULL ? g_date_time_format (local, "%H:%M") : g_strdup ("");
}

/* "12:05", or "12:10–14:30" for a span; "" without a time. */
static char *
line_time (const NkDayLine *line,
           GTimeZone       *tz)
{
  g_autofree char *from = NULL;
  g_autofree char *until = NULL;

  if (line->at_us <= 0)
    return g_strdup ("");
  from = format_hm (tz, line->at_us);
  if (line->until_us <= 0)
    return g_steal_pointer (&from);
  until = format_hm (tz, line->until_us);
  return g_strdup_printf ("%s–%s", from, until);
}

static char *
line_text (const NkDayLine *line)
{
  if (line->detail != NULL && line->detail[0] != '\0')
    /* TRANSLATORS: a line of the parent's day: title and detail, e.g. "Lunch · ate half" */
    return g_strdup_printf (_("%s · %s"), line->title, line->detail);
  return g_strdup (line->title != NULL ? line->title : "");
}

static GtkWidget *
make_label (const char *text,
            const char *css_class,
            gboolean    wrap)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_yalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), wrap);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (label, css_class);
  return label;
}

static void
clear_box (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
}

/* One row: topic (on a topic's first row only), time, what. */
static void
add_line (NkDayView       *self,
          const NkDayLine *line,
          gboolean         first_of_topic,
          GtkSizeGroup    *topics,
          GtkSizeGroup    *times)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 16);
  GtkWidget *topic = make_label (first_of_topic ? topic_name (line->topic) : "", "nk-day-topic", FALSE);
  g_autofree char *time = line_time (line, self->tz);
  g_autofree char *text = line_text (line);
  GtkWidget *when = make_label (time, "nk-day-time", FALSE);
  GtkWidget *what = make_label (text, "nk-day-text", TRUE);
  char *spoken;

  gtk_widget_add_css_class (row, "nk-day-line");
  if (line->flags & (NK_DAY_LINE_FLAGGED | NK_DAY_LINE_NEEDS_ACK))
    gtk_widget_add_css_class (row, "nk-day-flagged");
  gtk_widget_set_hexpand (what, TRUE);
  gtk_size_group_add_widget (topics, topic);
  gtk_size_group_add_widget (times, when);
  gtk_box_append (GTK_BOX (row), topic);
  gtk_box_append (GTK_BOX (row), when);
  gtk_box_append (GTK_BOX (row), what);

  /* a screen reader reads the row as one sentence, the topic named on every row */
  if (line->flags & (NK_DAY_LINE_FLAGGED | NK_DAY_LINE_NEEDS_ACK))
    /* TRANSLATORS: a line of the parent's day read aloud: topic, time, what; one to notice */
    spoken = g_strdup_printf (_("Please note: %s, %s, %s"), topic_name (line->topic), time, text);
  else
    /* TRANSLATORS: a line of the parent's day read aloud: topic, time, what */
    spoken = g_strdup_printf (_("%s, %s, %s"), topic_name (line->topic), time, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
  g_ptr_array_add (self->lines, spoken);
  gtk_box_append (self->lines_box, row);
}

static int
compare_times (gconstpointer a,
               gconstpointer b)
{
  const NkDayLine *x = *(NkDayLine *const *) a;
  const NkDayLine *y = *(NkDayLine *const *) b;

  return x->at_us < y->at_us ? -1 : x->at_us > y->at_us;
}

static void
add_lines (NkDayView  *self,
           NkChildDay *day)
{
  g_autoptr (GtkSizeGroup) topics = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);
  g_autoptr (GtkSizeGroup) times = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);

  for (NkDayTopic topic = NK_DAY_ARRIVAL; topic <= NK_DAY_DEPARTURE; topic++)
    {
      g_autoptr (GPtrArray) lines = nk_child_day_get_lines (day, topic);

      /* in time order whatever order the lines were added in */
      g_ptr_array_sort (lines, compare_times);
      for (guint i = 0; i < lines->len; i++)
        add_line (self, lines->pdata[i], i == 0, topics, times);
    }
  if (self->lines->len == 0)
    gtk_box_append (self->lines_box,
                    make_label (_("Nothing was written down today"), "nk-day-text", TRUE));
}

static GtkWidget *
ack_button (NkDayView           *self,
            const NkDayLine     *line,
            const NkAckGuardian *acker)
{
  g_autofree char *label = NULL;
  GtkWidget *button;

  if (acker->name != NULL)
    /* TRANSLATORS: a guardian acknowledges an incident; %s is their name */
    label = g_strdup_printf (_("I have read it — %s"), acker->name);
  else
    label = g_strdup (_("I have read it"));
  button = gtk_button_new_with_label (label);
  gtk_widget_add_css_class (button, "nk-big-button");
  gtk_widget_add_css_class (button, "suggested-action");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "day.acknowledge");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "(ss)", line->record_id,
                                    acker->guardian_id);
  g_ptr_array_add (self->ack_buttons, button);
  return button;
}

/* For each incident that waits: what happened, and the buttons. */
static void
add_acks (NkDayView  *self,
          NkChildDay *day)
{
  for (guint i = 0; i < day->lines->len; i++)
    {
      const NkDayLine *line = day->lines->pdata[i];
      g_autofree char *text = NULL;
      g_autofree char *title = NULL;
      GtkWidget *buttons;

      if (!(line->flags & NK_DAY_LINE_NEEDS_ACK) || line->record_id == NULL)
        continue;
      self->n_pending++;
      text = line_text (line);
      /* TRANSLATORS: above the acknowledgement buttons; %s is the incident */
      title = g_strdup_printf (_("Please read and confirm: %s"), text);
      gtk_box_append (self->ack_box, make_label (title, "nk-day-ack-title", TRUE));
      buttons = gtk_flow_box_new ();
      gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (buttons), GTK_SELECTION_NONE);
      gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (buttons), 3);
      gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (buttons), 16);
      gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (buttons), 8);
      gtk_accessible_update_property (GTK_ACCESSIBLE (buttons), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      title, -1);
      for (guint j = 0; self->ackers != NULL && j < self->ackers->len; j++)
        {
          GtkWidget *button = ack_button (self, line, self->ackers->pdata[j]);

          gtk_flow_box_append (GTK_FLOW_BOX (buttons), button);
          /* the cell the flow box wraps the button in reads as the button */
          gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_parent (button)),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          gtk_button_get_label (GTK_BUTTON (button)), -1);
        }
      if (self->ackers == NULL || self->ackers->len == 0)
        gtk_box_append (self->ack_box,
                        make_label (_("Please ask a member of staff"), "nk-day-text", TRUE));
      else
        gtk_box_append (self->ack_box, buttons);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->ack_box), self->n_pending > 0);
}

static void
nk_day_view_fill (NkDayView *self)
{
  NkChildDay *day;
  g_autofree char *title = NULL;

  clear_box (self->lines_box);
  clear_box (self->ack_box);
  g_ptr_array_set_size (self->lines, 0);
  g_ptr_array_set_size (self->ack_buttons, 0);
  self->n_pending = 0;
  if (self->set == NULL || nk_day_set_get_n (self->set) == 0)
    return;

  day = nk_day_set_get (self->set, 0);
  /* TRANSLATORS: heading of the parent's day; %s is the child's name */
  title = g_strdup_printf (_("%s's day"), day->name);
  gtk_label_set_label (self->name_label, title);
  add_lines (self, day);
  add_acks (self, day);
}

void
nk_day_view_refresh (NkDayView *self)
{
  guint before;

  g_return_if_fail (NK_IS_DAY_VIEW (self));

  before = self->n_pending;
  nk_day_view_fill (self);
  if (self->n_pending != before)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PENDING]);
}

void
nk_day_view_show (NkDayView  *self,
                  NkDaySet   *set,
                  GTimeZone  *tz,
                  const char *link,
                  GPtrArray  *ackers)
{
  g_return_if_fail (NK_IS_DAY_VIEW (self));
  g_return_if_fail (set != NULL && tz != NULL);

  g_clear_pointer (&self->set, nk_day_set_free);
  g_clear_pointer (&self->tz, g_time_zone_unref);
  self->set = set;
  self->tz = g_time_zone_ref (tz);
  g_ptr_array_set_size (self->ackers, 0);
  for (guint i = 0; ackers != NULL && i < ackers->len; i++)
    {
      const NkAckGuardian *from = ackers->pdata[i];
      NkAckGuardian *copy = g_new0 (NkAckGuardian, 1);

      copy->guardian_id = g_strdup (from->guardian_id);
      copy->name = g_strdup (from->name);
      g_ptr_array_add (self->ackers, copy);
    }
  nk_qr_code_set_text (self->qr, link);
  gtk_widget_set_visible (GTK_WIDGET (self->qr_box), link != NULL);
  nk_day_view_show_error (self, NULL);
  nk_day_view_refresh (self);
}

/* The code follows the window's size class (nk-window.c), as the avatars
 * do: large enough for a phone held at arm's length, smaller side by side. */
static void
nk_day_view_size_qr (NkDayView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  int side = 240;

  if (root != NULL && gtk_widget_has_css_class (GTK_WIDGET (root), "nk-large"))
    side = 320;
  else if (root != NULL && gtk_widget_has_css_class (GTK_WIDGET (root), "nk-compact"))
    side = 208;
  if (self->narrow)
    side = side * 4 / 5;
  gtk_widget_set_size_request (GTK_WIDGET (self->qr_picture), side, side);
}

void
nk_day_view_set_narrow (NkDayView *self,
                        gboolean   narrow)
{
  g_return_if_fail (NK_IS_DAY_VIEW (self));

  self->narrow = narrow;
  nk_day_view_size_qr (self);
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->body),
                                  narrow ? GTK_ORIENTATION_VERTICAL : GTK_ORIENTATION_HORIZONTAL);
  if (narrow)
    gtk_widget_add_css_class (GTK_WIDGET (self), "nk-narrow");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "nk-narrow");
}

void
nk_day_view_show_error (NkDayView  *self,
                        const char *message)
{
  g_return_if_fail (NK_IS_DAY_VIEW (self));

  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
nk_day_view_acknowledge (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  const char *incident_id, *guardian_id;

  g_variant_get (parameter, "(&s&s)", &incident_id, &guardian_id);
  g_signal_emit (widget, signals[SIGNAL_ACKNOWLEDGE], 0, incident_id, guardian_id);
}

static void
nk_day_view_dispose (GObject *object)
{
  NkDayView *self = NK_DAY_VIEW (object);
  GtkWidget *child;

  if (self->ack_buttons != NULL)
    g_ptr_array_set_size (self->ack_buttons, 0);
  gtk_widget_dispose_template (GTK_WIDGET (object), NK_TYPE_DAY_VIEW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->qr);

  G_OBJECT_CLASS (nk_day_view_parent_class)->dispose (object);
}

static void
nk_day_view_finalize (GObject *object)
{
  NkDayView *self = NK_DAY_VIEW (object);

  g_clear_pointer (&self->set, nk_day_set_free);
  g_clear_pointer (&self->tz, g_time_zone_unref);
  g_clear_pointer (&self->ackers, g_ptr_array_unref);
  g_clear_pointer (&self->lines, g_ptr_array_unref);
  g_clear_pointer (&self->ack_buttons, g_ptr_array_unref);

  G_OBJECT_CLASS (nk_day_view_parent_class)->finalize (object);
}

static void
nk_day_view_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  NkDayView *self = NK_DAY_VIEW (object);

  switch (prop_id)
    {
    case PROP_N_PENDING:
      g_value_set_uint (value, self->n_pending);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nk_day_view_class_init (NkDayViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nk_day_view_dispose;
  object_class->finalize = nk_day_view_finalize;
  object_class->get_property = nk_day_view_get_property;

  /* Incidents shown that still wait for an acknowledgement. */
  properties[PROP_N_PENDING] =
    g_param_spec_uint ("n-pending", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* acknowledge (incident_id, guardian_id) */
  signals[SIGNAL_ACKNOWLEDGE] =
    g_signal_new ("acknowledge", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "day.acknowledge", "(ss)",
                                   nk_day_view_acknowledge);

  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "nk-day-view.ui");
  gtk_widget_class_bind_template_child (widget_class, NkDayView, name_label);
  gtk_widget_class_bind_template_child (widget_class, NkDayView, body);
  gtk_widget_class_bind_template_child (widget_class, NkDayView, lines_box);
  gtk_widget_class_bind_template_child (widget_class, NkDayView, qr_box);
  gtk_widget_class_bind_template_child (widget_class, NkDayView, qr_picture);
  gtk_widget_class_bind_template_child (widget_class, NkDayView, ack_box);
  gtk_widget_class_bind_template_child (widget_class, NkDayView, error_label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "nkdayview");
}

static void
nk_day_view_init (NkDayView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->ackers = g_ptr_array_new_with_free_func ((GDestroyNotify) nk_ack_guardian_free);
  self->lines = g_ptr_array_new_with_free_func (g_free);
  self->ack_buttons = g_ptr_array_new ();
  self->qr = nk_qr_code_new (NULL);
  gtk_picture_set_paintable (self->qr_picture, GDK_PAINTABLE (self->qr));
}

GtkWidget *
nk_day_view_new (void)
{
  return g_object_new (NK_TYPE_DAY_VIEW, NULL);
}

NkDaySet *
nk_day_view_get_set (NkDayView *self)
{
  g_return_val_if_fail (NK_IS_DAY_VIEW (self), NULL);
  return self->set;
}

const char *
nk_day_view_get_child_id (NkDayView *self)
{
  g_return_val_if_fail (NK_IS_DAY_VIEW (self), NULL);
  return self->set != NULL ? nk_day_set_get_child (self->set) : NULL;
}

guint
nk_day_view_get_n_lines (NkDayView *self)
{
  g_return_val_if_fail (NK_IS_DAY_VIEW (self), 0);
  return self->lines->len;
}

const char *
nk_day_view_get_line (NkDayView *self,
                      guint      n)
{
  g_return_val_if_fail (NK_IS_DAY_VIEW (self), NULL);
  return n < self->lines->len ? self->lines->pdata[n] : NULL;
}

guint
nk_day_view_get_n_pending (NkDayView *self)
{
  g_return_val_if_fail (NK_IS_DAY_VIEW (self), 0);
  return self->n_pending;
}

GtkButton *
nk_day_view_get_ack_button (NkDayView *self,
                            guint      n)
{
  g_return_val_if_fail (NK_IS_DAY_VIEW (self), NULL);
  return n < self->ack_buttons->len ? self->ack_buttons->pdata[n] : NULL;
}

NkQrCode *
nk_day_view_get_qr (NkDayView *self)
{
  g_return_val_if_fail (NK_IS_DAY_VIEW (self), NULL);
  return self->qr;
}
