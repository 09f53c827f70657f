/* nk-room-item.c — a room, today (nk-room-item.h). */
#define G_LOG_DOMAIN "nk-core"

#include "config.h"

#include "nk-list-private.h"
#include "nk-ratio.h"

struct _NkRoomItem
{
  GObject     parent_instance;

  char       *room_id;
  char       *name;
  NkRoomKind  kind;
  guint       places;
  guint       present;
  guint       enrolled;
  guint       staff_present;
  GListStore *children;
};

G_DEFINE_FINAL_TYPE (NkRoomItem, nk_room_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ROOM_ID,
  PROP_NAME,
  PROP_KIND,
  PROP_PLACES,
  PROP_PRESENT,
  PROP_ENROLLED,
  PROP_STAFF_PRESENT,
  PROP_STAFF_NEEDED,
  PROP_RATIO,
  PROP_CHILDREN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
child_row_key (gconstpointer row)
{
  return ((const NkRoomChild *) row)->child_id;
}

static const char *
child_item_key (gpointer item)
{
  return nk_room_child_item_get_child_id (item);
}

static gpointer
child_create (gconstpointer row)
{
  return nk_room_child_item_new (row);
}

static void
child_update (gpointer item, gconstpointer row)
{
  nk_room_child_item_update (item, row);
}

static const NkListSyncClass child_sync = {
  child_row_key, child_item_key, child_create, child_update,
};

static void
nk_room_item_finalize (GObject *object)
{
  NkRoomItem *self = NK_ROOM_ITEM (object);

  g_free (self->room_id);
  g_free (self->name);
  g_clear_object (&self->children);

  G_OBJECT_CLASS (nk_room_item_parent_class)->finalize (object);
}

static void
nk_room_item_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  NkRoomItem *self = NK_ROOM_ITEM (object);

  switch (prop_id)
    {
    case PROP_ROOM_ID:
      g_value_set_string (value, self->room_id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_KIND:
      g_value_set_uint (value, self->kind);
      break;
    case PROP_PLACES:
      g_value_set_uint (value, self->places);
      break;
    case PROP_PRESENT:
      g_value_set_uint (value, self->present);
      break;
    case PROP_ENROLLED:
      g_value_set_uint (value, self->enrolled);
      break;
    case PROP_STAFF_PRESENT:
      g_value_set_uint (value, self->staff_present);
      break;
    case PROP_STAFF_NEEDED:
      g_value_set_uint (value, nk_room_item_get_staff_needed (self));
      break;
    case PROP_RATIO:
      g_value_set_uint (value, nk_room_item_get_ratio (self));
      break;
    case PROP_CHILDREN:
      g_value_set_object (value, self->children);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nk_room_item_class_init (NkRoomItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = nk_room_item_finalize;
  object_class->get_property = nk_room_item_get_property;

  properties[PROP_ROOM_ID] = g_param_spec_string ("room-id", NULL, NULL, NULL, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  /* an NkRoomKind */
  properties[PROP_KIND] = g_param_spec_uint ("kind", NULL, NULL, 0, NK_ROOM_SENIOR_TODDLER, 0, flags);
  properties[PROP_PLACES] = g_param_spec_uint ("places", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_PRESENT] = g_param_spec_uint ("present", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_ENROLLED] = g_param_spec_uint ("enrolled", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_STAFF_PRESENT] = g_param_spec_uint ("staff-present", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_STAFF_NEEDED] = g_param_spec_uint ("staff-needed", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_RATIO] = g_param_spec_uint ("ratio", NULL, NULL, 1, G_MAXUINT, 1, flags);
  properties[PROP_CHILDREN] = g_param_spec_object ("children", NULL, NULL, G_TYPE_LIST_MODEL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
nk_room_item_init (NkRoomItem *self)
{
  self->children = g_list_store_new (NK_TYPE_ROOM_CHILD_ITEM);
}

static void
set_uint (NkRoomItem *self, guint *field, guint value, guint prop)
{
  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

NkRoomItem *
nk_room_item_new (const NkRoomSummary *row)
{
  NkRoomItem *self = g_object_new (NK_TYPE_ROOM_ITEM, NULL);

  self->room_id = g_strdup (row->room_id);
  nk_room_item_update (self, row);
  return self;
}

void
nk_room_item_update (NkRoomItem *self, const NkRoomSummary *row)
{
  guint needed = nk_room_item_get_staff_needed (self);
  guint ratio = nk_room_item_get_ratio (self);
  g_autoptr (GPtrArray) none = NULL;

  g_return_if_fail (g_strcmp0 (self->room_id, row->room_id) == 0);

  g_object_freeze_notify (G_OBJECT (self));
  if (g_strcmp0 (self->name, row->name) != 0)
    {
      g_free (self->name);
      self->name = g_strdup (row->name);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
    }
  if (self->kind != row->kind)
    {
      self->kind = row->kind;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
    }
  set_uint (self, &self->places, row->places, PROP_PLACES);
  set_uint (self, &self->present, row->present, PROP_PRESENT);
  set_uint (self, &self->enrolled, row->enrolled, PROP_ENROLLED);
  set_uint (self, &self->staff_present, row->staff_present, PROP_STAFF_PRESENT);
  if (nk_room_item_get_staff_needed (self) != needed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STAFF_NEEDED]);
  if (nk_room_item_get_ratio (self) != ratio)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RATIO]);
  if (row->children == NULL)
    none = g_ptr_array_new ();
  nk_list_sync (self->children, row->children ? row->children : none, &child_sync);
  g_object_thaw_notify (G_OBJECT (self));
}

const char *
nk_room_item_get_room_id (NkRoomItem *self)
{
  g_return_val_if_fail (NK_IS_ROOM_ITEM (self), NULL);
  return self->room_id;
}

const char *
nk_room_item_get_name (NkRoomItem *self)
{
  g_return_val_if_fail (NK_IS_ROOM_ITEM (self), NULL);
  return self->name;
}

NkRoomKind
nk_room_item_get_kind (NkRoomItem *self)
{
  g_return_val_if_fail (NK_IS_ROOM_ITEM (self), NK_ROOM_INFANT);
  return self->kind;
}

guint
nk_room_item_get_places (NkRoomItem *self)
{
  g_return_val_if_fail (NK_IS_ROOM_ITEM (self), 0);
  return self->places;
}

guint
nk_room_item_get_present (NkRoomItem *self)
{
  g_return_val_if_fail (NK_IS_ROOM_ITEM (self), 0);
  return self->present;
}

guint
nk_room_item_get_enrolled (NkRoomItem *self)
{
  g_return_val_if_fail (NK_IS_ROOM_ITEM (self), 0);
  return self->enrolled;
}

guint
nk_room_item_get_staff_present (NkRoomItem *self)
{
  g_return_val_if_fail (NK_IS_ROOM_ITEM (self), 0);
  return self->staff_present;
}

guint
nk_room_item_get_ratio (NkRoomItem *self)
{
  g_return_val_if_fail (NK_IS_ROOM_ITEM (self), 1);
  return MAX (nk_room_kind_ratio (self->kind), 1);
}

guint
nk_room_item_get_staff_needed (NkRoomItem *self)
{
  g_return_val_if_fail (NK_IS_ROOM_ITEM (self), 0);
  return nk_room_kind_staff_needed (self->kind, self->present);
}

GListModel *
nk_room_item_get_children (NkRoomItem *self)
{
  g_return_val_if_fail (NK_IS_ROOM_ITEM (self), NULL);
  return G_LIST_MODEL (self->children);
}
