/* nk-family-page.c — the guardian's chooser.
 *
 * Nothing is recorded here: the page only collects the choice and emits
 * "confirmed" (guardian id, child ids) or "cancelled"; the window makes
 * the one core call.  Any touch on the page restarts the timer.  Below
 * the tiles: the tap's notes for the family (nk-door-notes.h), and the
 * classroom offer (nk-classroom-offer.c), which loads after the page is
 * shown and records its own sign-up. */
#define G_LOG_DOMAIN "nk-views"

#include "config.h"

#include <glib/gi18n.h>

#include "nk-a11y.h"
#include "nk-classroom-offer.h"
#include "nk-family-page.h"

struct _NkFamilyPage
{
  GtkWidget parent_instance;

  GtkLabel *guardian_label;
  GtkFlowBox *tiles;
  GtkBox *notes_box;
  NkClassroomOffer *offer;

  GPtrArray *tile_list;     /* NkFamilyTile*, not owned (the flow box owns them) */
  char *guardian_id;
  char *uid;
  guint chooser_seconds;
  guint timeout_id;
  NkPhotoCache *photo_cache;
  NkDoor *door;
};

G_DEFINE_FINAL_TYPE (NkFamilyPage, nk_family_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CHOOSER_SECONDS,
  PROP_PHOTO_CACHE,
  PROP_DOOR,
  N_PROPS
};

enum {
  SIGNAL_CONFIRMED,
  SIGNAL_CANCELLED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static gboolean
chooser_timeout_cb (gpointer user_data)
{
  NkFamilyPage *self = user_data;

  self->timeout_id = 0;
  g_message ("Chooser untouched for %u s: cancelled, nothing recorded", self->chooser_seconds);
  nk_family_page_reset (self);
  g_signal_emit (self, signals[SIGNAL_CANCELLED], 0);

  return G_SOURCE_REMOVE;
}

void
nk_family_page_touch (NkFamilyPage *self)
{
  g_return_if_fail (NK_IS_FAMILY_PAGE (self));

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (self->guardian_id == NULL)
    return;

  self->timeout_id = g_timeout_add_seconds_full (G_PRIORITY_DEFAULT,
                                                 MAX (self->chooser_seconds, 1),
                                                 chooser_timeout_cb, self, NULL);
  g_source_set_name_by_id (self->timeout_id, "[nk] chooser timeout");
}

static guint
nk_family_page_count_selected (NkFamilyPage *self)
{
  guint n = 0;

  for (guint i = 0; i < self->tile_list->len; i++)
    if (gtk_toggle_button_get_active (g_ptr_array_index (self->tile_list, i)))
      n++;
  return n;
}

static void
nk_family_page_update_actions (NkFamilyPage *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "family.confirm",
                                 nk_family_page_count_selected (self) > 0);
}

static void
on_tile_toggled (NkFamilyPage *self)
{
  nk_family_page_update_actions (self);
  nk_family_page_touch (self);
}

static void
nk_family_page_clear_tiles (NkFamilyPage *self)
{
  GtkWidget *child;

  g_ptr_array_set_size (self->tile_list, 0);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->tiles))) != NULL)
    gtk_flow_box_remove (self->tiles, child);
}

static void
nk_family_page_clear_notes (NkFamilyPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->notes_box))) != NULL)
    gtk_box_remove (self->notes_box, child);
  gtk_widget_set_visible (GTK_WIDGET (self->notes_box), FALSE);
}

/* The tap's notes for the family (a classroom session today…). */
static void
nk_family_page_add_notes (NkFamilyPage *self,
                          NkTapResult  *family)
{
  for (guint i = 0; i < nk_tap_result_get_n_notes (family); i++)
    {
      const NkTapNote *note = nk_tap_result_get_note (family, i);
      GtkWidget *label;

      if (note->audience != NK_NOTE_FAMILY)
        continue;
      label = gtk_label_new (note->text);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "nk-note");
      gtk_widget_add_css_class (label, "nk-note-text");
      gtk_widget_add_css_class (label, note->level == NK_NOTE_WARNING ? "nk-note-warning" : "nk-note-info");
      gtk_box_append (self->notes_box, label);
      gtk_widget_set_visible (GTK_WIDGET (self->notes_box), TRUE);
    }
}

void
nk_family_page_reset (NkFamilyPage *self)
{
  g_return_if_fail (NK_IS_FAMILY_PAGE (self));

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_clear_pointer (&self->guardian_id, g_free);
  g_clear_pointer (&self->uid, g_free);
  nk_family_page_clear_tiles (self);
  nk_family_page_clear_notes (self);
  nk_classroom_offer_clear (self->offer);
  nk_family_page_update_actions (self);
}

void
nk_family_page_show (NkFamilyPage *self,
                     NkTapResult  *family)
{
  g_autofree char *title = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  int avatar_size = 112;

  g_return_if_fail (NK_IS_FAMILY_PAGE (self));
  g_return_if_fail (family != NULL && family->family != NULL);

  /* the window's size class (nk-window.c) */
  if (root != NULL && gtk_widget_has_css_class (GTK_WIDGET (root), "nk-large"))
    avatar_size = 176;
  else if (root != NULL && gtk_widget_has_css_class (GTK_WIDGET (root), "nk-compact"))
    avatar_size = 96;

  nk_family_page_reset (self);
  self->guardian_id = g_strdup (family->person_id);
  self->uid = g_strdup (family->uid);

  /* TRANSLATORS: greeting on the chooser; %s is the guardian's name */
  title = g_strdup_printf (_("Hello, %s"), family->person_name != NULL ? family->person_name : "");
  gtk_label_set_label (self->guardian_label, title);

  for (guint i = 0; i < family->family->len; i++)
    {
      const NkFamilyChild *child = g_ptr_array_index (family->family, i);
      GtkWidget *tile = nk_family_tile_new (child, avatar_size, self->photo_cache);

      g_signal_connect_object (tile, "toggled", G_CALLBACK (on_tile_toggled), self,
                               G_CONNECT_SWAPPED);
      nk_a11y_flow_box_append (self->tiles, tile, child->name);
      g_ptr_array_add (self->tile_list, tile);
    }

  gtk_flow_box_set_max_children_per_line (self->tiles, MAX (1, MIN (4, self->tile_list->len)));
  nk_family_page_add_notes (self, family);
  nk_classroom_offer_show (self->offer, self->guardian_id);
  nk_family_page_update_actions (self);
  nk_family_page_touch (self);
}

static void
nk_family_page_confirm (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  NkFamilyPage *self = NK_FAMILY_PAGE (widget);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) child_ids = NULL;
  g_autofree char *guardian_id = NULL;

  if (self->guardian_id == NULL)
    return;

  for (guint i = 0; i < self->tile_list->len; i++)
    {
      NkFamilyTile *tile = g_ptr_array_index (self->tile_list, i);

      if (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (tile)))
        g_strv_builder_add (builder, nk_family_tile_get_child_id (tile));
    }
  child_ids = g_strv_builder_end (builder);
  if (child_ids[0] == NULL)
    return;

  guardian_id = g_strdup (self->guardian_id);
  nk_family_page_reset (self);
  g_signal_emit (self, signals[SIGNAL_CONFIRMED], 0, guardian_id, child_ids);
}

static void
nk_family_page_cancel (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  NkFamilyPage *self = NK_FAMILY_PAGE (widget);

  nk_family_page_reset (self);
  g_signal_emit (self, signals[SIGNAL_CANCELLED], 0);
}

static gboolean
on_any_event (NkFamilyPage *self,
              GdkEvent     *event)
{
  GdkEventType type = gdk_event_get_event_type (event);

  /* a touch, a click, a key or a scroll counts as "someone is here" */
  if (type == GDK_BUTTON_PRESS || type == GDK_TOUCH_BEGIN ||
      type == GDK_KEY_PRESS || type == GDK_SCROLL)
    nk_family_page_touch (self);
  return GDK_EVENT_PROPAGATE;
}

static void
nk_family_page_unmap (GtkWidget *widget)
{
  NkFamilyPage *self = NK_FAMILY_PAGE (widget);

  /* never leave a chooser timer running behind another page */
  g_clear_handle_id (&self->timeout_id, g_source_remove);

  GTK_WIDGET_CLASS (nk_family_page_parent_class)->unmap (widget);
}

static void
nk_family_page_dispose (GObject *object)
{
  NkFamilyPage *self = NK_FAMILY_PAGE (object);
  GtkWidget *child;

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (self->tile_list != NULL)
    g_ptr_array_set_size (self->tile_list, 0);

  gtk_widget_dispose_template (GTK_WIDGET (object), NK_TYPE_FAMILY_PAGE);
  /* the template's top-level box is not bound: unparent it ourselves */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->photo_cache);
  g_clear_object (&self->door);

  G_OBJECT_CLASS (nk_family_page_parent_class)->dispose (object);
}

static void
nk_family_page_finalize (GObject *object)
{
  NkFamilyPage *self = NK_FAMILY_PAGE (object);

  g_clear_pointer (&self->tile_list, g_ptr_array_unref);
  g_clear_pointer (&self->guardian_id, g_free);
  g_clear_pointer (&self->uid, g_free);

  G_OBJECT_CLASS (nk_family_page_parent_class)->finalize (object);
}

static void
nk_family_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  NkFamilyPage *self = NK_FAMILY_PAGE (object);

  switch (prop_id)
    {
    case PROP_CHOOSER_SECONDS:
      g_value_set_uint (value, self->chooser_seconds);
      break;
    case PROP_PHOTO_CACHE:
      g_value_set_object (value, self->photo_cache);
      break;
    case PROP_DOOR:
      g_value_set_object (value, self->door);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nk_family_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  NkFamilyPage *self = NK_FAMILY_PAGE (object);

  switch (prop_id)
    {
    case PROP_CHOOSER_SECONDS:
      if (self->chooser_seconds != g_value_get_uint (value))
        {
          self->chooser_seconds = g_value_get_uint (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_PHOTO_CACHE:
      if (g_set_object (&self->photo_cache, g_value_get_object (value)))
        g_object_notify_by_pspec (object, pspec);
      break;
    case PROP_DOOR:
      if (g_set_object (&self->door, g_value_get_object (value)))
        g_object_notify_by_pspec (object, pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nk_family_page_class_init (NkFamilyPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nk_family_page_dispose;
  object_class->finalize = nk_family_page_finalize;
  object_class->get_property = nk_family_page_get_property;
  object_class->set_property = nk_family_page_set_property;
  widget_class->unmap = nk_family_page_unmap;

  properties[PROP_CHOOSER_SECONDS] =
    g_param_spec_uint ("chooser-seconds", NULL, NULL, 1, 3600, 20,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Where the tiles' photos come from (NkWindow's); without one the
   * avatars show initials only. */
  properties[PROP_PHOTO_CACHE] =
    g_param_spec_object ("photo-cache", NULL, NULL, NK_TYPE_PHOTO_CACHE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The window's door, for the classroom offer (nk-classroom-offer.h);
   * without one nothing is offered. */
  properties[PROP_DOOR] =
    g_param_spec_object ("door", NULL, NULL, NK_TYPE_DOOR,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* confirmed (guardian id, child ids) */
  signals[SIGNAL_CONFIRMED] =
    g_signal_new ("confirmed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRV);
  signals[SIGNAL_CANCELLED] =
    g_signal_new ("cancelled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "family.confirm", NULL, nk_family_page_confirm);
  gtk_widget_class_install_action (widget_class, "family.cancel", NULL, nk_family_page_cancel);

  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "nk-family-page.ui");
  gtk_widget_class_bind_template_child (widget_class, NkFamilyPage, guardian_label);
  gtk_widget_class_bind_template_child (widget_class, NkFamilyPage, tiles);
  gtk_widget_class_bind_template_child (widget_class, NkFamilyPage, notes_box);
  gtk_widget_class_bind_template_child (widget_class, NkFamilyPage, offer);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "nkfamilypage");
}

static void
nk_family_page_init (NkFamilyPage *self)
{
  GtkEventController *legacy;

  g_type_ensure (NK_TYPE_CLASSROOM_OFFER);
  gtk_widget_init_template (GTK_WIDGET (self));

  self->tile_list = g_ptr_array_new ();
  self->chooser_seconds = 20;

  legacy = gtk_event_controller_legacy_new ();
  gtk_event_controller_set_propagation_phase (legacy, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (legacy, "event", G_CALLBACK (on_any_event), self);
  gtk_widget_add_controller (GTK_WIDGET (self), legacy);

  nk_family_page_update_actions (self);
}

GtkWidget *
nk_family_page_new (void)
{
  return g_object_new (NK_TYPE_FAMILY_PAGE, NULL);
}

const char *
nk_family_page_get_uid (NkFamilyPage *self)
{
  g_return_val_if_fail (NK_IS_FAMILY_PAGE (self), NULL);
  return self->uid;
}

const char *
nk_family_page_get_guardian_id (NkFamilyPage *self)
{
  g_return_val_if_fail (NK_IS_FAMILY_PAGE (self), NULL);
  return self->guardian_id;
}

guint
nk_family_page_get_n_notes (NkFamilyPage *self)
{
  guint n = 0;

  g_return_val_if_fail (NK_IS_FAMILY_PAGE (self), 0);
  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (self->notes_box)); c;
       c = gtk_widget_get_next_sibling (c))
    n++;
  return n;
}

const char *
nk_family_page_get_note_text (NkFamilyPage *self, guint n)
{
  GtkWidget *c;

  g_return_val_if_fail (NK_IS_FAMILY_PAGE (self), NULL);
  for (c = gtk_widget_get_first_child (GTK_WIDGET (self->notes_box)); c && n > 0;
       c = gtk_widget_get_next_sibling (c))
    n--;
  return c != NULL ? gtk_label_get_label (GTK_LABEL (c)) : NULL;
}

NkClassroomOffer *
nk_family_page_get_offer (NkFamilyPage *self)
{
  g_return_val_if_fail (NK_IS_FAMILY_PAGE (self), NULL);
  return self->offer;
}

guint
nk_family_page_get_n_tiles (NkFamilyPage *self)
{
  g_return_val_if_fail (NK_IS_FAMILY_PAGE (self), 0);
  return self->tile_list->len;
}

NkFamilyTile *
nk_family_page_get_tile (NkFamilyPage *self,
                         guint         n)
{
  g_return_val_if_fail (NK_IS_FAMILY_PAGE (self), NULL);
  if (n >= self->tile_list->len)
    return NULL;
  return g_ptr_array_index (self->tile_list, n);
}
