/* nk-open-stay-item.c — a stay closed as "not checked out"
 * (nk-open-stay-item.h). */
#define G_LOG_DOMAIN "nk-core"

#include "config.h"

#include "nk-list-private.h"

struct _NkOpenStayItem
{
  GObject parent_instance;

  char   *key;
  char   *child_id;
  char   *name;
  char   *room_name;
  char   *date;
  gint64  checked_in_us;
};

G_DEFINE_FINAL_TYPE (NkOpenStayItem, nk_open_stay_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CHILD_ID,
  PROP_NAME,
  PROP_ROOM_NAME,
  PROP_DATE,
  PROP_CHECKED_IN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
nk_open_stay_item_finalize (GObject *object)
{
  NkOpenStayItem *self = NK_OPEN_STAY_ITEM (object);

  g_free (self->key);
  g_free (self->child_id);
  g_free (self->name);
  g_free (self->room_name);
  g_free (self->date);

  G_OBJECT_CLASS (nk_open_stay_item_parent_class)->finalize (object);
}

static void
nk_open_stay_item_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  NkOpenStayItem *self = NK_OPEN_STAY_ITEM (object);

  switch (prop_id)
    {
    case PROP_CHILD_ID:
      g_value_set_string (value, self->child_id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_ROOM_NAME:
      g_value_set_string (value, self->room_name);
      break;
    case PROP_DATE:
      g_value_set_string (value, self->date);
      break;
    case PROP_CHECKED_IN:
      g_value_set_int64 (value, self->checked_in_us);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nk_open_stay_item_class_init (NkOpenStayItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = nk_open_stay_item_finalize;
  object_class->get_property = nk_open_stay_item_get_property;

  properties[PROP_CHILD_ID] = g_param_spec_string ("child-id", NULL, NULL, NULL, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_ROOM_NAME] = g_param_spec_string ("room-name", NULL, NULL, NULL, flags);
  properties[PROP_DATE] = g_param_spec_string ("date", NULL, NULL, NULL, flags);
  properties[PROP_CHECKED_IN] = g_param_spec_int64 ("checked-in", NULL, NULL, 0, G_MAXINT64, 0, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
nk_open_stay_item_init (NkOpenStayItem *self)
{
}

static void
set_text (NkOpenStayItem *self, char **field, const char *value, guint prop)
{
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

NkOpenStayItem *
nk_open_stay_item_new (const NkOpenStay *row)
{
  NkOpenStayItem *self = g_object_new (NK_TYPE_OPEN_STAY_ITEM, NULL);

  self->key = g_strconcat (row->child_id, " ", row->date, NULL);
  self->child_id = g_strdup (row->child_id);
  self->date = g_strdup (row->date);
  self->name = g_strdup (row->name);
  self->room_name = g_strdup (row->room_name);
  self->checked_in_us = row->checked_in_us;
  return self;
}

void
nk_open_stay_item_update (NkOpenStayItem *self, const NkOpenStay *row)
{
  g_return_if_fail (g_strcmp0 (self->child_id, row->child_id) == 0
                    && g_strcmp0 (self->date, row->date) == 0);

  g_object_freeze_notify (G_OBJECT (self));
  set_text (self, &self->name, row->name, PROP_NAME);
  set_text (self, &self->room_name, row->room_name, PROP_ROOM_NAME);
  if (self->checked_in_us != row->checked_in_us)
    {
      self->checked_in_us = row->checked_in_us;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHECKED_IN]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

const char *
nk_open_stay_item_get_key (NkOpenStayItem *self)
{
  g_return_val_if_fail (NK_IS_OPEN_STAY_ITEM (self), NULL);
  return self->key;
}

const char *
nk_open_stay_item_get_child_id (NkOpenStayItem *self)
{
  g_return_val_if_fail (NK_IS_OPEN_STAY_ITEM (self), NULL);
  return self->child_id;
}

const char *
nk_open_stay_item_get_name (NkOpenStayItem *self)
{
  g_return_val_if_fail (NK_IS_OPEN_STAY_ITEM (self), NULL);
  return self->name;
}

const char *
nk_open_stay_item_get_room_name (NkOpenStayItem *self)
{
  g_return_val_if_fail (NK_IS_OPEN_STAY_ITEM (self), NULL);
  return self->room_name;
}

const char *
nk_open_stay_item_get_date (NkOpenStayItem *self)
{
  g_return_val_if_fail (NK_IS_OPEN_STAY_ITEM (self), NULL);
  return self->date;
}

gint64
nk_open_stay_item_get_checked_in (NkOpenStayItem *self)
{
  g_return_val_if_fail (NK_IS_OPEN_STAY_ITEM (self), 0);
  return self->checked_in_us;
}
