/* nk-room-child-item.c — a child of a room, today (nk-room-child-item.h). */
#define G_LOG_DOMAIN "nk-core"

#include "config.h"

#include "nk-list-private.h"

struct _NkRoomChildItem
{
  GObject  parent_instance;

  char    *child_id;
  char    *name;
  char    *initials;
  gboolean present;
  gboolean checked_out;
  gint64   since_us;
};

G_DEFINE_FINAL_TYPE (NkRoomChildItem, nk_room_child_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CHILD_ID,
  PROP_NAME,
  PROP_INITIALS,
  PROP_PRESENT,
  PROP_CHECKED_OUT,
  PROP_SINCE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
nk_room_child_item_finalize (GObject *object)
{
  NkRoomChildItem *self = NK_ROOM_CHILD_ITEM (object);

  g_free (self->child_id);
  g_free (self->name);
  g_free (self->initials);

  G_OBJECT_CLASS (nk_room_child_item_parent_class)->finalize (object);
}

static void
nk_room_child_item_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  NkRoomChildItem *self = NK_ROOM_CHILD_ITEM (object);

  switch (prop_id)
    {
    case PROP_CHILD_ID:
      g_value_set_string (value, self->child_id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_INITIALS:
      g_value_set_string (value, self->initials);
      break;
    case PROP_PRESENT:
      g_value_set_boolean (value, self->present);
      break;
    case PROP_CHECKED_OUT:
      g_value_set_boolean (value, self->checked_out);
      break;
    case PROP_SINCE:
      g_value_set_int64 (value, self->since_us);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nk_room_child_item_class_init (NkRoomChildItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = nk_room_child_item_finalize;
  object_class->get_property = nk_room_child_item_get_property;

  properties[PROP_CHILD_ID] = g_param_spec_string ("child-id", NULL, NULL, NULL, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_INITIALS] = g_param_spec_string ("initials", NULL, NULL, NULL, flags);
  properties[PROP_PRESENT] = g_param_spec_boolean ("present", NULL, NULL, FALSE, flags);
  properties[PROP_CHECKED_OUT] = g_param_spec_boolean ("checked-out", NULL, NULL, FALSE, flags);
  properties[PROP_SINCE] = g_param_spec_int64 ("since", NULL, NULL, 0, G_MAXINT64, 0, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
nk_room_child_item_init (NkRoomChildItem *self)
{
}

static void
set_text (NkRoomChildItem *self, char **field, const char *value, guint prop)
{
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
set_flag (NkRoomChildItem *self, gboolean *field, gboolean value, guint prop)
{
  if (*field == !!value)
    return;
  *field = !!value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

NkRoomChildItem *
nk_room_child_item_new (const NkRoomChild *row)
{
  NkRoomChildItem *self = g_object_new (NK_TYPE_ROOM_CHILD_ITEM, NULL);

  self->child_id = g_strdup (row->child_id);
  self->name = g_strdup (row->name);
  self->initials = g_strdup (row->initials);
  self->present = !!row->present;
  self->checked_out = !!row->checked_out;
  self->since_us = row->since_us;
  return self;
}

/* One notification per property that changed, all after the last one
 * was set, so a listener reads a consistent item. */
void
nk_room_child_item_update (NkRoomChildItem *self, const NkRoomChild *row)
{
  g_return_if_fail (g_strcmp0 (self->child_id, row->child_id) == 0);

  g_object_freeze_notify (G_OBJECT (self));
  set_text (self, &self->name, row->name, PROP_NAME);
  set_text (self, &self->initials, row->initials, PROP_INITIALS);
  set_flag (self, &self->present, row->present, PROP_PRESENT);
  set_flag (self, &self->checked_out, row->checked_out, PROP_CHECKED_OUT);
  if (self->since_us != row->since_us)
    {
      self->since_us = row->since_us;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SINCE]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

const char *
nk_room_child_item_get_child_id (NkRoomChildItem *self)
{
  g_return_val_if_fail (NK_IS_ROOM_CHILD_ITEM (self), NULL);
  return self->child_id;
}

const char *
nk_room_child_item_get_name (NkRoomChildItem *self)
{
  g_return_val_if_fail (NK_IS_ROOM_CHILD_ITEM (self), NULL);
  return self->name;
}

const char *
nk_room_child_item_get_initials (NkRoomChildItem *self)
{
  g_return_val_if_fail (NK_IS_ROOM_CHILD_ITEM (self), NULL);
  return self->initials;
}

gboolean
nk_room_child_item_get_present (NkRoomChildItem *self)
{
  g_return_val_if_fail (NK_IS_ROOM_CHILD_ITEM (self), FALSE);
  return self->present;
}

gboolean
nk_room_child_item_get_checked_out (NkRoomChildItem *self)
{
  g_return_val_if_fail (NK_IS_ROOM_CHILD_ITEM (self), FALSE);
  return self->checked_out;
}

gint64
nk_room_child_item_get_since (NkRoomChildItem *self)
{
  g_return_val_if_fail (NK_IS_ROOM_CHILD_ITEM (self), 0);
  return self->since_us;
}
