/* nk-info-panel.c — the idle screen's information panel
 * (nk-info-panel.h).
 *
 * What it holds is read in one place (reload) and which panes there are
 * is decided in one place (update): the turning timer runs only while
 * the panel is mapped and more than one pane has something; a reload or
 * an unmap stops or starts it, so a hidden door never wakes up for it.
 *
 * The panel never asks for more height than it is given (it lays its
 * stack out itself and clips): a menu too long for its pane at that
 * size is shown in two panes instead (its meals split where the dishes
 * halve), each of them turned to like the others: the same card, filled
 * with one part or the other ("menu", "menu-2"). */
#define G_LOG_DOMAIN "nk-views"

#include "config.h"

#include <glib/gi18n.h>

#include "core/nk-classroom.h"
#include "core/nk-menu.h"
#include "nk-info-panel.h"
#include "nk-menu-card.h"
#include "nk-session-card.h"

struct _NkInfoPanel
{
  GtkWidget      parent_instance;

  GtkStack      *stack;
  NkMenuCard    *menu_card;
  NkSessionCard *session_card;

  NkDoor        *door;
  NkStore       *watched_store;
  guint          interval_ms;
  guint          turn_id;
  guint          split_id;
  NkMenuDay     *day;          /* today's, while it has dishes */
  NkMealSlot     split;        /* 0: the menu in one pane; else the first slot of the second */
  guint          menu_part;    /* of a split menu, the part shown: 1 or 2 */
  gboolean       has_session;
  /* what the last reload read for: the centre's day, and until when the
   * session shown is the next one */
  char          *loaded_date;
  gint64         session_until_us;
};

G_DEFINE_FINAL_TYPE (NkInfoPanel, nk_info_panel, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DOOR,
  PROP_INTERVAL_MS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The store's kinds whose change may change what the panel says. */
static gboolean
kind_concerns_panel (const char *kind)
{
  return g_strcmp0 (kind, "menu") == 0 || g_strcmp0 (kind, "classroom_session") == 0 ||
         g_strcmp0 (kind, nk_classroom_signup_kind.type) == 0;
}

/* The panes with something to show, in turning order. */
static guint
shown_panes (NkInfoPanel *self,
             const char  *panes[3])
{
  guint n = 0;

  if (self->day != NULL)
    panes[n++] = "menu";
  if (self->day != NULL && self->split != 0)
    panes[n++] = "menu-2";
  if (self->has_session)
    panes[n++] = "session";
  return n;
}

static void show_menu (NkInfoPanel *self);

/* The pane shown: "menu", "menu-2" (a split menu's second part) or
 * "session". */
static const char *
pane_shown (NkInfoPanel *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->stack);

  if (g_strcmp0 (page, "menu") == 0 && self->split != 0 && self->menu_part == 2)
    return "menu-2";
  return page;
}

static void
show_pane (NkInfoPanel *self,
           const char  *pane)
{
  guint part = g_strcmp0 (pane, "menu-2") == 0 ? 2 : 1;

  if (part != self->menu_part)
    {
      self->menu_part = part;
      show_menu (self);
    }
  gtk_stack_set_visible_child_name (self->stack, g_str_has_prefix (pane, "menu") ? "menu" : pane);
}

static gboolean
turn_cb (gpointer user_data)
{
  NkInfoPanel *self = user_data;
  const char *panes[3];
  guint n = shown_panes (self, panes);
  const char *shown = pane_shown (self);
  guint next = 0;

  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (panes[i], shown) == 0)
      next = (i + 1) % n;
  show_pane (self, panes[next]);
  return G_SOURCE_CONTINUE;
}

/* Which pane shows, whether the panel shows at all, and whether it
 * turns: from the panes there are and being mapped, nothing else. */
static void
update (NkInfoPanel *self)
{
  const char *panes[3];
  guint n = shown_panes (self, panes);
  const char *shown = pane_shown (self);
  gboolean current = FALSE;
  gboolean turns = n > 1 && gtk_widget_get_mapped (GTK_WIDGET (self));

  for (guint i = 0; i < n; i++)
    current |= g_strcmp0 (panes[i], shown) == 0;
  if (n > 0 && !current)
    show_pane (self, panes[0]);
  gtk_widget_set_visible (GTK_WIDGET (self), n > 0);

  if (turns && self->turn_id == 0)
    {
      self->turn_id = g_timeout_add (self->interval_ms, turn_cb, self);
      g_source_set_name_by_id (self->turn_id, "[nk] idle panel turn");
    }
  else if (!turns)
    g_clear_handle_id (&self->turn_id, g_source_remove);
}

/* The menu over one pane (split 0) or two. */
static void
show_menu (NkInfoPanel *self)
{
  if (self->split == 0)
    nk_menu_card_show (self->menu_card, self->day);
  else if (self->menu_part == 2)
    nk_menu_card_show_part (self->menu_card, self->day, self->split, NK_MEAL_N_SLOTS, 2, 2);
  else
    nk_menu_card_show_part (self->menu_card, self->day, 0, self->split, 1, 2);
}

/* Where to split the day so that both panes hold about as many dishes;
 * 0 when it has dishes in one slot only. */
static NkMealSlot
halving_slot (const NkMenuDay *day)
{
  guint total = nk_menu_day_n_dishes (day);
  guint before = 0;
  guint best_gap = G_MAXUINT;
  NkMealSlot best = 0;

  for (int slot = 1; slot < NK_MEAL_N_SLOTS; slot++)
    {
      guint gap;

      before += day->dishes[slot - 1]->len;
      if (before == 0 || before == total)
        continue;
      gap = before * 2 > total ? before * 2 - total : total - before * 2;
      if (gap < best_gap)
        {
          best_gap = gap;
          best = slot;
        }
    }
  return best;
}

static gboolean
split_cb (gpointer user_data)
{
  NkInfoPanel *self = user_data;

  self->split_id = 0;
  if (self->day == NULL || self->split != 0 || (self->split = halving_slot (self->day)) == 0)
    return G_SOURCE_REMOVE;
  g_debug ("Today's menu is too long for one pane: shown in two, from slot %d", self->split);
  show_menu (self);
  update (self);
  return G_SOURCE_REMOVE;
}

void
nk_info_panel_reload (NkInfoPanel *self)
{
  g_autoptr (GError) error = NULL;
  NkClassroomSession *session = NULL;
  NkCentre *centre;
  NkStore *store;
  gint64 now_us;

  g_return_if_fail (NK_IS_INFO_PANEL (self));

  g_clear_pointer (&self->loaded_date, g_free);
  g_clear_pointer (&self->day, nk_menu_day_free);
  g_clear_handle_id (&self->split_id, g_source_remove);
  self->split = 0;
  self->menu_part = 1;
  self->session_until_us = G_MAXINT64;
  self->has_session = FALSE;
  if (self->door == NULL)
    {
      show_menu (self);
      nk_session_card_show (self->session_card, NULL, NULL);
      update (self);
      return;
    }

  store = nk_door_get_store (self->door);
  centre = nk_door_get_centre (self->door);
  now_us = nk_centre_now (centre);
  self->loaded_date = nk_centre_local_date (centre, now_us);

  self->day = nk_menu_day_load (store, self->loaded_date, &error);
  if (self->day == NULL && error != NULL)
    {
      g_message ("Today's menu (%s) not read for the idle screen: %s", self->loaded_date, error->message);
      g_clear_error (&error);
    }
  if (self->day != NULL && nk_menu_day_n_dishes (self->day) == 0)
    g_clear_pointer (&self->day, nk_menu_day_free);
  show_menu (self);

  session = nk_classroom_next (store, now_us, &error);
  if (session == NULL && error != NULL)
    g_message ("The next classroom session not read for the idle screen: %s", error->message);
  nk_session_card_show (self->session_card, session, nk_centre_get_timezone (centre));
  if (session != NULL)
    {
      self->has_session = TRUE;
      self->session_until_us = session->ends_us > session->starts_us ? session->ends_us : session->starts_us;
    }
  g_clear_pointer (&session, nk_classroom_session_free);

  update (self);
}

void
nk_info_panel_check_time (NkInfoPanel *self)
{
  g_autofree char *today = NULL;
  gint64 now_us;

  g_return_if_fail (NK_IS_INFO_PANEL (self));

  if (self->door == NULL)
    return;
  now_us = nk_centre_now (nk_door_get_centre (self->door));
  today = nk_centre_local_date (nk_door_get_centre (self->door), now_us);
  if (g_strcmp0 (today, self->loaded_date) != 0 || now_us >= self->session_until_us)
    nk_info_panel_reload (self);
}

static void
on_store_changed (NkInfoPanel        *self,
                  const char         *kind,
                  const char *const  *ids,
                  NkStore            *store)
{
  if (kind_concerns_panel (kind))
    nk_info_panel_reload (self);
}

void
nk_info_panel_set_door (NkInfoPanel *self,
                        NkDoor      *door)
{
  g_return_if_fail (NK_IS_INFO_PANEL (self));
  g_return_if_fail (door == NULL || NK_IS_DOOR (door));

  if (self->door == door)
    return;

  if (self->watched_store != NULL)
    g_signal_handlers_disconnect_by_data (self->watched_store, self);
  g_clear_object (&self->watched_store);
  g_set_object (&self->door, door);
  if (door != NULL)
    {
      self->watched_store = g_object_ref (nk_door_get_store (door));
      g_signal_connect_object (self->watched_store, "changed", G_CALLBACK (on_store_changed), self,
                               G_CONNECT_SWAPPED);
    }
  nk_info_panel_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOOR]);
}

NkDoor *
nk_info_panel_get_door (NkInfoPanel *self)
{
  g_return_val_if_fail (NK_IS_INFO_PANEL (self), NULL);
  return self->door;
}

void
nk_info_panel_set_interval (NkInfoPanel *self,
                            guint        interval_ms)
{
  g_return_if_fail (NK_IS_INFO_PANEL (self));

  interval_ms = MAX (interval_ms, 1);
  if (self->interval_ms == interval_ms)
    return;
  self->interval_ms = interval_ms;
  /* the running timer, if any, starts again at the new pace */
  g_clear_handle_id (&self->turn_id, g_source_remove);
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INTERVAL_MS]);
}

const char *
nk_info_panel_get_showing (NkInfoPanel *self)
{
  g_return_val_if_fail (NK_IS_INFO_PANEL (self), NULL);
  if (self->day == NULL && !self->has_session)
    return NULL;
  return pane_shown (self);
}

gboolean
nk_info_panel_is_turning (NkInfoPanel *self)
{
  g_return_val_if_fail (NK_IS_INFO_PANEL (self), FALSE);
  return self->turn_id != 0;
}

GtkWidget *
nk_info_panel_get_menu_card (NkInfoPanel *self)
{
  g_return_val_if_fail (NK_IS_INFO_PANEL (self), NULL);
  return GTK_WIDGET (self->menu_card);
}

GtkWidget *
nk_info_panel_get_session_card (NkInfoPanel *self)
{
  g_return_val_if_fail (NK_IS_INFO_PANEL (self), NULL);
  return GTK_WIDGET (self->session_card);
}

/* Layout: the stack's natural height, never more than given (clipped);
 * a menu pane that does not fit is split on the next idle. */
static GtkSizeRequestMode
nk_info_panel_get_request_mode (GtkWidget *widget)
{
  GtkWidget *child = GTK_WIDGET (NK_INFO_PANEL (widget)->stack);

  return child != NULL ? gtk_widget_get_request_mode (child) : GTK_SIZE_REQUEST_CONSTANT_SIZE;
}

static void
nk_info_panel_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  NkInfoPanel *self = NK_INFO_PANEL (widget);

  gtk_widget_measure (GTK_WIDGET (self->stack), orientation, for_size, minimum, natural, NULL, NULL);
  if (orientation == GTK_ORIENTATION_VERTICAL)
    {
      gtk_widget_measure (gtk_stack_get_visible_child (self->stack), orientation, for_size, NULL, natural, NULL, NULL);
      *minimum = 0;
    }
}

static void
nk_info_panel_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  NkInfoPanel *self = NK_INFO_PANEL (widget);
  const char *shown = gtk_stack_get_visible_child_name (self->stack);
  graphene_point_t at;
  int needed, natural, given;

  /* the panel takes the row; the card shown is as tall as it needs for
   * this very width, centred in it (measured itself: the stack answers
   * for the size its last card had) */
  gtk_widget_measure (gtk_stack_get_visible_child (self->stack), GTK_ORIENTATION_VERTICAL, width, &needed,
                      &natural, NULL, NULL);
  given = MAX (MIN (natural, height), needed);
  at = GRAPHENE_POINT_INIT (0, MAX (0, (height - given) / 2));
  gtk_widget_allocate (GTK_WIDGET (self->stack), width, given, -1, gsk_transform_translate (NULL, &at));

  /* restyling inside an allocation would re-enter layout: next */
  if (needed > height && g_strcmp0 (shown, "menu") == 0 && self->split == 0 && self->day != NULL &&
      self->split_id == 0)
    self->split_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, split_cb, self, NULL);
}

static void
nk_info_panel_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (nk_info_panel_parent_class)->map (widget);
  update (NK_INFO_PANEL (widget));
}

static void
nk_info_panel_unmap (GtkWidget *widget)
{
  NkInfoPanel *self = NK_INFO_PANEL (widget);

  g_clear_handle_id (&self->turn_id, g_source_remove);
  GTK_WIDGET_CLASS (nk_info_panel_parent_class)->unmap (widget);
}

static void
nk_info_panel_dispose (GObject *object)
{
  NkInfoPanel *self = NK_INFO_PANEL (object);
  GtkWidget *child;

  g_clear_handle_id (&self->turn_id, g_source_remove);
  g_clear_handle_id (&self->split_id, g_source_remove);
  g_clear_pointer (&self->day, nk_menu_day_free);
  if (self->watched_store != NULL)
    g_signal_handlers_disconnect_by_data (self->watched_store, self);
  g_clear_object (&self->watched_store);
  g_clear_object (&self->door);

  gtk_widget_dispose_template (GTK_WIDGET (object), NK_TYPE_INFO_PANEL);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (nk_info_panel_parent_class)->dispose (object);
}

static void
nk_info_panel_finalize (GObject *object)
{
  NkInfoPanel *self = NK_INFO_PANEL (object);

  g_free (self->loaded_date);

  G_OBJECT_CLASS (nk_info_panel_parent_class)->finalize (object);
}

static void
nk_info_panel_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  NkInfoPanel *self = NK_INFO_PANEL (object);

  switch (prop_id)
    {
    case PROP_DOOR:
      g_value_set_object (value, self->door);
      break;
    case PROP_INTERVAL_MS:
      g_value_set_uint (value, self->interval_ms);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nk_info_panel_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  NkInfoPanel *self = NK_INFO_PANEL (object);

  switch (prop_id)
    {
    case PROP_DOOR:
      nk_info_panel_set_door (self, g_value_get_object (value));
      break;
    case PROP_INTERVAL_MS:
      nk_info_panel_set_interval (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nk_info_panel_class_init (NkInfoPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nk_info_panel_dispose;
  object_class->finalize = nk_info_panel_finalize;
  object_class->get_property = nk_info_panel_get_property;
  object_class->set_property = nk_info_panel_set_property;
  widget_class->map = nk_info_panel_map;
  widget_class->unmap = nk_info_panel_unmap;
  widget_class->get_request_mode = nk_info_panel_get_request_mode;
  widget_class->measure = nk_info_panel_measure;
  widget_class->size_allocate = nk_info_panel_size_allocate;

  properties[PROP_DOOR] =
    g_param_spec_object ("door", NULL, NULL, NK_TYPE_DOOR,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_INTERVAL_MS] =
    g_param_spec_uint ("interval-ms", NULL, NULL, 1, 3600 * 1000, NK_INFO_PANEL_DEFAULT_SECONDS * 1000,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (NK_TYPE_MENU_CARD);
  g_type_ensure (NK_TYPE_SESSION_CARD);
  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "nk-info-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, NkInfoPanel, stack);
  gtk_widget_class_bind_template_child (widget_class, NkInfoPanel, menu_card);
  gtk_widget_class_bind_template_child (widget_class, NkInfoPanel, session_card);
  gtk_widget_class_set_css_name (widget_class, "nkinfopanel");
}

static void
nk_info_panel_init (NkInfoPanel *self)
{
  self->interval_ms = NK_INFO_PANEL_DEFAULT_SECONDS * 1000;
  self->menu_part = 1;
  self->session_until_us = G_MAXINT64;
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
}

GtkWidget *
nk_info_panel_new (void)
{
  return g_object_new (NK_TYPE_INFO_PANEL, NULL);
}
