/* nk-open-stay-list.c — stays closed as "not checked out", as a list
 * model (nk-open-stay-list.h). */
#define G_LOG_DOMAIN "nk-core"

#include "config.h"

#include <glib/gi18n.h>

#include "nk-list-private.h"
#include "nk-open-stay-list.h"
#include "nk-store-private.h"

struct _NkOpenStayList
{
  GObject       parent_instance;

  NkStore      *store;
  NkCentre     *centre;
  guint         days;
  NkAttendance *attendance;
  GListStore   *stays;
  char         *error;
  guint         midnight_id;
};

static void nk_open_stay_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (NkOpenStayList, nk_open_stay_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, nk_open_stay_list_model_init))

enum {
  PROP_0,
  PROP_STORE,
  PROP_CENTRE,
  PROP_DAYS,
  PROP_ERROR,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* A stay with its key (child and day), for nk_list_sync. */
typedef struct {
  char       *key;
  NkOpenStay *stay;
} StayRow;

static void
stay_row_free (StayRow *row)
{
  g_free (row->key);
  g_free (row);
}

static const char *
stay_row_key (gconstpointer row)
{
  return ((const StayRow *) row)->key;
}

static const char *
stay_item_key (gpointer item)
{
  return nk_open_stay_item_get_key (item);
}

static gpointer
stay_create (gconstpointer row)
{
  return nk_open_stay_item_new (((const StayRow *) row)->stay);
}

static void
stay_update (gpointer item, gconstpointer row)
{
  nk_open_stay_item_update (item, ((const StayRow *) row)->stay);
}

static const NkListSyncClass stay_sync = {
  stay_row_key, stay_item_key, stay_create, stay_update,
};

/* ---------------------------------------------------------------- GListModel */

static GType
nk_open_stay_list_get_item_type (GListModel *model)
{
  return NK_TYPE_OPEN_STAY_ITEM;
}

static guint
nk_open_stay_list_get_n_items (GListModel *model)
{
  return g_list_model_get_n_items (G_LIST_MODEL (NK_OPEN_STAY_LIST (model)->stays));
}

static gpointer
nk_open_stay_list_get_item (GListModel *model, guint position)
{
  return g_list_model_get_item (G_LIST_MODEL (NK_OPEN_STAY_LIST (model)->stays), position);
}

static void
nk_open_stay_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = nk_open_stay_list_get_item_type;
  iface->get_n_items = nk_open_stay_list_get_n_items;
  iface->get_item = nk_open_stay_list_get_item;
}

static void
on_stays_changed (NkOpenStayList *self, guint position, guint removed, guint added)
{
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
  if (removed != added)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

/* ---------------------------------------------------------------- reading */

static gboolean
on_midnight (gpointer data)
{
  NkOpenStayList *self = data;

  self->midnight_id = 0;
  nk_open_stay_list_refresh (self);
  return G_SOURCE_REMOVE;
}

static void
set_error (NkOpenStayList *self, const char *message)
{
  if (g_strcmp0 (self->error, message) == 0)
    return;
  g_free (self->error);
  self->error = g_strdup (message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

gboolean
nk_open_stay_list_refresh (NkOpenStayList *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) stays = NULL;
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) stay_row_free);

  g_return_val_if_fail (NK_IS_OPEN_STAY_LIST (self), FALSE);
  if (self->attendance == NULL)
    return FALSE; /* disposed */

  g_clear_handle_id (&self->midnight_id, g_source_remove);
  self->midnight_id = nk_list_watch_midnight (self->centre, on_midnight, self);

  stays = nk_attendance_list_open_stays (self->attendance, self->days, &error);
  if (stays == NULL)
    {
      g_message ("Cannot read the stays left open for staff mode: %s", error->message);
      set_error (self, error->message);
      return FALSE;
    }
  for (guint i = 0; i < stays->len; i++)
    {
      StayRow *row = g_new0 (StayRow, 1);
      NkOpenStay *stay = g_ptr_array_index (stays, i);

      row->stay = stay;
      row->key = g_strconcat (stay->child_id, " ", stay->date, NULL);
      g_ptr_array_add (rows, row);
    }
  nk_list_sync (self->stays, rows, &stay_sync);
  set_error (self, NULL);
  return TRUE;
}

static void
on_store_changed (NkStore *store, const char *kind, const char *const *ids, NkOpenStayList *self)
{
  nk_open_stay_list_refresh (self);
}

/* Whether the attendance records named include a stay closed as "not
 * checked out": a check-in or check-out changes no stay, and reading the
 * stays again costs a scan of a fortnight of attendance, so a tap at the
 * door while staff mode is open does not pay for it.  No ids (a change
 * announced without them): it may. */
static gboolean
names_a_stay (NkOpenStayList *self, const char *const *ids)
{
  if (ids == NULL || ids[0] == NULL)
    return TRUE;
  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autoptr (GError) error = NULL;
      sqlite3_stmt *row = NULL;

      if (!nk_store_query_row (self->store, &row,
                               "SELECT 1 FROM attendance WHERE id = :id AND kind = 'not_out'",
                               _("Cannot read attendance"), &error, NK_TEXT (":id", ids[i]), NK_END))
        return TRUE; /* cannot tell: read them (and say why there) */
      if (row != NULL)
        {
          sqlite3_reset (row);
          return TRUE;
        }
    }
  return FALSE;
}

static void
on_attendance_changed (NkStore *store, const char *kind, const char *const *ids, NkOpenStayList *self)
{
  if (self->store != NULL && names_a_stay (self, ids))
    nk_open_stay_list_refresh (self);
}

/* ---------------------------------------------------------------- object */

static void
nk_open_stay_list_constructed (GObject *object)
{
  NkOpenStayList *self = NK_OPEN_STAY_LIST (object);

  G_OBJECT_CLASS (nk_open_stay_list_parent_class)->constructed (object);

  g_return_if_fail (NK_IS_STORE (self->store) && NK_IS_CENTRE (self->centre));
  self->attendance = nk_attendance_new (self->store, self->centre);
  g_signal_connect_object (self->store, "changed::attendance", G_CALLBACK (on_attendance_changed), self, 0);
  g_signal_connect_object (self->store, "changed::roster", G_CALLBACK (on_store_changed), self, 0);
  nk_open_stay_list_refresh (self);
}

static void
nk_open_stay_list_dispose (GObject *object)
{
  NkOpenStayList *self = NK_OPEN_STAY_LIST (object);

  g_clear_handle_id (&self->midnight_id, g_source_remove);
  g_clear_object (&self->attendance);
  g_clear_object (&self->centre);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (nk_open_stay_list_parent_class)->dispose (object);
}

static void
nk_open_stay_list_finalize (GObject *object)
{
  NkOpenStayList *self = NK_OPEN_STAY_LIST (object);

  g_clear_object (&self->stays);
  g_free (self->error);

  G_OBJECT_CLASS (nk_open_stay_list_parent_class)->finalize (object);
}

static void
nk_open_stay_list_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  NkOpenStayList *self = NK_OPEN_STAY_LIST (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_CENTRE:
      g_value_set_object (value, self->centre);
      break;
    case PROP_DAYS:
      g_value_set_uint (value, self->days);
      break;
    case PROP_ERROR:
      g_value_set_string (value, self->error);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, nk_open_stay_list_get_n_items (G_LIST_MODEL (self)));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nk_open_stay_list_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  NkOpenStayList *self = NK_OPEN_STAY_LIST (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_CENTRE:
      self->centre = g_value_dup_object (value);
      break;
    case PROP_DAYS:
      self->days = g_value_get_uint (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nk_open_stay_list_class_init (NkOpenStayListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags construct = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;
  const GParamFlags readable = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = nk_open_stay_list_constructed;
  object_class->dispose = nk_open_stay_list_dispose;
  object_class->finalize = nk_open_stay_list_finalize;
  object_class->get_property = nk_open_stay_list_get_property;
  object_class->set_property = nk_open_stay_list_set_property;

  properties[PROP_STORE] = g_param_spec_object ("store", NULL, NULL, NK_TYPE_STORE, construct);
  properties[PROP_CENTRE] = g_param_spec_object ("centre", NULL, NULL, NK_TYPE_CENTRE, construct);
  properties[PROP_DAYS] = g_param_spec_uint ("days", NULL, NULL, 0, 3660, 14, construct);
  properties[PROP_ERROR] = g_param_spec_string ("error", NULL, NULL, NULL, readable);
  properties[PROP_N_ITEMS] = g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0, readable);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
nk_open_stay_list_init (NkOpenStayList *self)
{
  self->stays = g_list_store_new (NK_TYPE_OPEN_STAY_ITEM);
  g_signal_connect_object (self->stays, "items-changed", G_CALLBACK (on_stays_changed), self,
                           G_CONNECT_SWAPPED);
}

NkOpenStayList *
nk_open_stay_list_new (NkStore *store, NkCentre *centre, guint days)
{
  return g_object_new (NK_TYPE_OPEN_STAY_LIST, "store", store, "centre", centre, "days", days, NULL);
}

const char *
nk_open_stay_list_get_error (NkOpenStayList *self)
{
  g_return_val_if_fail (NK_IS_OPEN_STAY_LIST (self), NULL);
  return self->error;
}
