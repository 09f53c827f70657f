/* nk-room-list.c — the rooms today as a list model (nk-room-list.h). */
#define G_LOG_DOMAIN "nk-core"

#include "config.h"

#include "nk-list-private.h"
#include "nk-room-list.h"

struct _NkRoomList
{
  GObject       parent_instance;

  NkStore      *store;
  NkCentre     *centre;
  NkAttendance *attendance;
  GListStore   *rooms;
  char         *date;
  char         *error;
  guint         midnight_id;
};

static void nk_room_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (NkRoomList, nk_room_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, nk_room_list_model_init))

enum {
  PROP_0,
  PROP_STORE,
  PROP_CENTRE,
  PROP_DATE,
  PROP_ERROR,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
room_row_key (gconstpointer row)
{
  return ((const NkRoomSummary *) row)->room_id;
}

static const char *
room_item_key (gpointer item)
{
  return nk_room_item_get_room_id (item);
}

static gpointer
room_create (gconstpointer row)
{
  return nk_room_item_new (row);
}

static void
room_update (gpointer item, gconstpointer row)
{
  nk_room_item_update (item, row);
}

static const NkListSyncClass room_sync = {
  room_row_key, room_item_key, room_create, room_update,
};

/* ---------------------------------------------------------------- GListModel */

static GType
nk_room_list_get_item_type (GListModel *model)
{
  return NK_TYPE_ROOM_ITEM;
}

static guint
nk_room_list_get_n_items (GListModel *model)
{
  return g_list_model_get_n_items (G_LIST_MODEL (NK_ROOM_LIST (model)->rooms));
}

static gpointer
nk_room_list_get_item (GListModel *model, guint position)
{
  return g_list_model_get_item (G_LIST_MODEL (NK_ROOM_LIST (model)->rooms), position);
}

static void
nk_room_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = nk_room_list_get_item_type;
  iface->get_n_items = nk_room_list_get_n_items;
  iface->get_item = nk_room_list_get_item;
}

static void
on_rooms_changed (NkRoomList *self, guint position, guint removed, guint added)
{
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
  if (removed != added)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

/* ---------------------------------------------------------------- reading */

static gboolean
on_midnight (gpointer data)
{
  NkRoomList *self = data;

  self->midnight_id = 0;
  g_debug ("Midnight at the centre: the rooms are read for the new day");
  nk_room_list_refresh (self);
  return G_SOURCE_REMOVE;
}

static void
set_error (NkRoomList *self, const char *message)
{
  if (g_strcmp0 (self->error, message) == 0)
    return;
  g_free (self->error);
  self->error = g_strdup (message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

gboolean
nk_room_list_refresh (NkRoomList *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rooms = NULL;
  g_autofree char *today = NULL;

  g_return_val_if_fail (NK_IS_ROOM_LIST (self), FALSE);
  if (self->attendance == NULL)
    return FALSE; /* disposed */

  g_clear_handle_id (&self->midnight_id, g_source_remove);
  self->midnight_id = nk_list_watch_midnight (self->centre, on_midnight, self);

  today = nk_centre_today (self->centre);
  rooms = nk_attendance_list_rooms (self->attendance, &error);
  if (rooms == NULL)
    {
      /* the database is locked or damaged: the screen says so, the door goes on */
      g_message ("Cannot read the rooms for staff mode: %s", error->message);
      set_error (self, error->message);
      return FALSE;
    }

  g_object_freeze_notify (G_OBJECT (self));
  nk_list_sync (self->rooms, rooms, &room_sync);
  set_error (self, NULL);
  if (g_strcmp0 (self->date, today) != 0)
    {
      g_free (self->date);
      self->date = g_steal_pointer (&today);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATE]);
    }
  g_object_thaw_notify (G_OBJECT (self));
  return TRUE;
}

static void
on_store_changed (NkStore *store, const char *kind, const char *const *ids, NkRoomList *self)
{
  nk_room_list_refresh (self);
}

/* ---------------------------------------------------------------- object */

static void
nk_room_list_constructed (GObject *object)
{
  NkRoomList *self = NK_ROOM_LIST (object);
  static const char *const kinds[] = { "changed::attendance", "changed::staff_clock", "changed::roster" };

  G_OBJECT_CLASS (nk_room_list_parent_class)->constructed (object);

  g_return_if_fail (NK_IS_STORE (self->store) && NK_IS_CENTRE (self->centre));
  self->attendance = nk_attendance_new (self->store, self->centre);
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    g_signal_connect_object (self->store, kinds[i], G_CALLBACK (on_store_changed), self, 0);
  nk_room_list_refresh (self);
}

static void
nk_room_list_dispose (GObject *object)
{
  NkRoomList *self = NK_ROOM_LIST (object);

  g_clear_handle_id (&self->midnight_id, g_source_remove);
  g_clear_object (&self->attendance);
  g_clear_object (&self->centre);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (nk_room_list_parent_class)->dispose (object);
}

static void
nk_room_list_finalize (GObject *object)
{
  NkRoomList *self = NK_ROOM_LIST (object);

  g_clear_object (&self->rooms);
  g_free (self->date);
  g_free (self->error);

  G_OBJECT_CLASS (nk_room_list_parent_class)->finalize (object);
}

static void
nk_room_list_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  NkRoomList *self = NK_ROOM_LIST (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_CENTRE:
      g_value_set_object (value, self->centre);
      break;
    case PROP_DATE:
      g_value_set_string (value, self->date);
      break;
    case PROP_ERROR:
      g_value_set_string (value, self->error);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, nk_room_list_get_n_items (G_LIST_MODEL (self)));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nk_room_list_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  NkRoomList *self = NK_ROOM_LIST (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_CENTRE:
      self->centre = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nk_room_list_class_init (NkRoomListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags construct = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;
  const GParamFlags readable = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = nk_room_list_constructed;
  object_class->dispose = nk_room_list_dispose;
  object_class->finalize = nk_room_list_finalize;
  object_class->get_property = nk_room_list_get_property;
  object_class->set_property = nk_room_list_set_property;

  properties[PROP_STORE] = g_param_spec_object ("store", NULL, NULL, NK_TYPE_STORE, construct);
  properties[PROP_CENTRE] = g_param_spec_object ("centre", NULL, NULL, NK_TYPE_CENTRE, construct);
  properties[PROP_DATE] = g_param_spec_string ("date", NULL, NULL, NULL, readable);
  properties[PROP_ERROR] = g_param_spec_string ("error", NULL, NULL, NULL, readable);
  properties[PROP_N_ITEMS] = g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0, readable);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
nk_room_list_init (NkRoomList *self)
{
  self->rooms = g_list_store_new (NK_TYPE_ROOM_ITEM);
  g_signal_connect_object (self->rooms, "items-changed", G_CALLBACK (on_rooms_changed), self,
                           G_CONNECT_SWAPPED);
}

NkRoomList *
nk_room_list_new (NkStore *store, NkCentre *centre)
{
  return g_object_new (NK_TYPE_ROOM_LIST, "store", store, "centre", centre, NULL);
}

const char *
nk_room_list_get_date (NkRoomList *self)
{
  g_return_val_if_fail (NK_IS_ROOM_LIST (self), NULL);
  return self->date;
}

const char *
nk_room_list_get_error (NkRoomList *self)
{
  g_return_val_if_fail (NK_IS_ROOM_LIST (self), NULL);
  return self->error;
}

NkRoomChildItem *
nk_room_list_find_child (NkRoomList *self, const char *child_id)
{
  guint n;

  g_return_val_if_fail (NK_IS_ROOM_LIST (self), NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->rooms));
  for (guint r = 0; r < n; r++)
    {
      g_autoptr (NkRoomItem) room = g_list_model_get_item (G_LIST_MODEL (self->rooms), r);
      GListModel *children = nk_room_item_get_children (room);
      guint m = g_list_model_get_n_items (children);

      for (guint c = 0; c < m; c++)
        {
          g_autoptr (NkRoomChildItem) child = g_list_model_get_item (children, c);

          /* the room holds the child: valid after these references go */
          if (g_strcmp0 (nk_room_child_item_get_child_id (child), child_id) == 0)
            return child;
        }
    }
  return NULL;
}
