/* nk-ratio-watch.c — red rooms timed, breaches raised and cleared
 * (nk-ratio-watch.h). */
#define G_LOG_DOMAIN "nk-core"

#include "config.h"

#include "nk-attendance.h"
#include "nk-ratio-watch.h"

#define MAX_SLEEP_MS 60000

struct _NkRatioWatch
{
  GObject       parent_instance;

  NkStore      *store;
  NkCentre     *centre;
  NkAttendance *attendance;
  GHashTable   *red_since;    /* room_id → gint64* monotonic µs when it went red */
  GHashTable   *red_real;     /* room_id → gint64* wall µs of the same moment */
  GHashTable   *seen;         /* breach ids already announced */
  GPtrArray    *breaches;     /* NkRatioBreach*, open */
  char         *signature;
  guint         timeout_id;
  guint         first_id;
  gboolean      updating;
  gboolean      again;
};

G_DEFINE_FINAL_TYPE (NkRatioWatch, nk_ratio_watch, G_TYPE_OBJECT)

enum { SIGNAL_CHANGED, SIGNAL_RAISED, N_SIGNALS };
static guint signals[N_SIGNALS];

static gboolean
on_timeout (gpointer data)
{
  NkRatioWatch *self = data;

  self->timeout_id = 0;
  nk_ratio_watch_update (self);
  return G_SOURCE_REMOVE;
}

static gint64 *
new_time (gint64 us)
{
  gint64 *p = g_new (gint64, 1);

  *p = us;
  return p;
}

static NkRatioBreach *
open_breach_of (GPtrArray  *breaches,
                const char *room_id)
{
  for (guint i = 0; breaches != NULL && i < breaches->len; i++)
    if (g_strcmp0 (((NkRatioBreach *) breaches->pdata[i])->room_id, room_id) == 0)
      return breaches->pdata[i];
  return NULL;
}

/* For one room: its red moment kept or forgotten, its breach raised or
 * cleared when due.  *wake_us: the monotonic moment to look again. */
static void
look_at_room (NkRatioWatch        *self,
              const NkRoomSummary *room,
              GPtrArray           *open,
              gint64               mono,
              gint64              *wake_us)
{
  g_autoptr (GError) error = NULL;
  NkRatioState state = nk_ratio_state (room->kind, room->present, room->staff_present);
  NkRatioBreach *breach = open_breach_of (open, room->room_id);
  gint64 limit = (gint64) nk_ratio_get_breach_minutes () * 60 * G_USEC_PER_SEC;
  gint64 *since;

  if (state != NK_RATIO_BELOW)
    {
      g_hash_table_remove (self->red_since, room->room_id);
      g_hash_table_remove (self->red_real, room->room_id);
      if (breach != NULL)
        {
          if (nk_ratio_record_cleared (self->store, self->centre, breach, room->present,
                                       room->staff_present, &error))
            g_message ("Room %s is back within the ratio: breach %s cleared", room->room_id, breach->id);
          else
            g_message ("The end of room %s's ratio breach is not recorded: %s", room->room_id,
                       error->message);
        }
      return;
    }

  since = g_hash_table_lookup (self->red_since, room->room_id);
  if (since == NULL)
    {
      since = new_time (mono);
      g_hash_table_insert (self->red_since, g_strdup (room->room_id), since);
      g_hash_table_insert (self->red_real, g_strdup (room->room_id), new_time (nk_centre_now (self->centre)));
      g_debug ("Room %s went below the ratio", room->room_id);
    }
  if (breach != NULL)
    return;
  if (mono - *since < limit)
    {
      if (*wake_us == 0 || *since + limit < *wake_us)
        *wake_us = *since + limit;
      return;
    }
  {
    gint64 *real = g_hash_table_lookup (self->red_real, room->room_id);
    g_autofree char *id = nk_ratio_record_breach (self->store, self->centre, room->room_id, room->present,
                                                  room->staff_present, *real, room->kind, &error);

    if (id != NULL)
      g_message ("Room %s below the ratio for %u min: breach %s raised (%u caregivers for %u children)",
                 room->room_id, nk_ratio_get_breach_minutes (), id, room->staff_present, room->present);
    else
      /* disk full, a clock that cannot be right: said, tried again at the next look */
      g_message ("The ratio breach of room %s is not recorded: %s", room->room_id, error->message);
  }
}

static char *
breaches_signature (GPtrArray *breaches)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < breaches->len; i++)
    {
      const NkRatioBreach *b = breaches->pdata[i];

      g_string_append_printf (s, "%s:%s;", b->id, b->room_name != NULL ? b->room_name : "");
    }
  return g_string_free (s, FALSE);
}

static void
look (NkRatioWatch *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rooms = NULL;
  g_autoptr (GPtrArray) open = NULL;
  g_autoptr (GPtrArray) after = NULL;
  g_autofree char *signature = NULL;
  gint64 mono = nk_centre_monotonic (self->centre);
  gint64 wake = 0;

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  rooms = nk_attendance_list_rooms (self->attendance, &error);
  open = rooms != NULL ? nk_ratio_list_open (self->store, &error) : NULL;
  if (open == NULL)
    {
      /* keep what was known, look again soon */
      g_message ("Cannot read the rooms' ratios: %s", error->message);
      self->timeout_id = g_timeout_add (MAX_SLEEP_MS, on_timeout, self);
      return;
    }
  for (guint i = 0; i < rooms->len; i++)
    look_at_room (self, rooms->pdata[i], open, mono, &wake);

  after = nk_ratio_list_open (self->store, &error);
  if (after == NULL)
    {
      g_message ("Cannot read the rooms' ratios: %s", error->message);
      after = g_steal_pointer (&open);
    }
  self->timeout_id = g_timeout_add (wake == 0 ? MAX_SLEEP_MS
                                              : (guint) MIN ((wake - mono + 999) / 1000, MAX_SLEEP_MS),
                                    on_timeout, self);
  g_source_set_name_by_id (self->timeout_id, "[nk] ratio watch");

  signature = breaches_signature (after);
  g_ptr_array_unref (self->breaches);
  self->breaches = g_steal_pointer (&after);
  if (g_strcmp0 (signature, self->signature) == 0)
    return;
  g_free (self->signature);
  self->signature = g_steal_pointer (&signature);
  for (guint i = 0; i < self->breaches->len; i++)
    {
      const NkRatioBreach *b = self->breaches->pdata[i];

      if (g_hash_table_add (self->seen, g_strdup (b->id)))
        g_signal_emit (self, signals[SIGNAL_RAISED], 0, b->id);
    }
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

void
nk_ratio_watch_update (NkRatioWatch *self)
{
  g_return_if_fail (NK_IS_RATIO_WATCH (self));

  g_clear_handle_id (&self->first_id, g_source_remove);
  if (self->attendance == NULL)
    return; /* disposed */
  /* recording a breach notifies the store, which calls here again */
  if (self->updating)
    {
      self->again = TRUE;
      return;
    }
  self->updating = TRUE;
  do
    {
      self->again = FALSE;
      look (self);
    }
  while (self->again);
  self->updating = FALSE;
}

static gboolean
on_first (gpointer data)
{
  NkRatioWatch *self = data;

  self->first_id = 0;
  nk_ratio_watch_update (self);
  return G_SOURCE_REMOVE;
}

static void
on_store_changed (NkStore *store, const char *kind, const char *const *ids, NkRatioWatch *self)
{
  nk_ratio_watch_update (self);
}

GPtrArray *
nk_ratio_watch_get_breaches (NkRatioWatch *self)
{
  g_return_val_if_fail (NK_IS_RATIO_WATCH (self), NULL);
  return self->breaches;
}

guint
nk_ratio_watch_count_red (NkRatioWatch *self)
{
  g_return_val_if_fail (NK_IS_RATIO_WATCH (self), 0);
  return g_hash_table_size (self->red_since);
}

NkCentre *
nk_ratio_watch_get_centre (NkRatioWatch *self)
{
  g_return_val_if_fail (NK_IS_RATIO_WATCH (self), NULL);
  return self->centre;
}

static void
nk_ratio_watch_dispose (GObject *object)
{
  NkRatioWatch *self = NK_RATIO_WATCH (object);

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_clear_handle_id (&self->first_id, g_source_remove);
  g_clear_object (&self->attendance);
  g_clear_object (&self->centre);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (nk_ratio_watch_parent_class)->dispose (object);
}

static void
nk_ratio_watch_finalize (GObject *object)
{
  NkRatioWatch *self = NK_RATIO_WATCH (object);

  g_hash_table_unref (self->red_since);
  g_hash_table_unref (self->red_real);
  g_hash_table_unref (self->seen);
  g_ptr_array_unref (self->breaches);
  g_free (self->signature);

  G_OBJECT_CLASS (nk_ratio_watch_parent_class)->finalize (object);
}

static void
nk_ratio_watch_class_init (NkRatioWatchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = nk_ratio_watch_dispose;
  object_class->finalize = nk_ratio_watch_finalize;

  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                          NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_RAISED] = g_signal_new ("raised", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                         NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
nk_ratio_watch_init (NkRatioWatch *self)
{
  self->red_since = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->red_real = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->breaches = g_ptr_array_new_with_free_func ((GDestroyNotify) nk_ratio_breach_free);
}

NkRatioWatch *
nk_ratio_watch_new (NkStore  *store,
                    NkCentre *centre)
{
  static const char *const kinds[] = {
    "changed::attendance", "changed::staff_clock", "changed::roster",
    "changed::ratio.breach", "changed::ratio.cleared",
  };
  NkRatioWatch *self;

  g_return_val_if_fail (NK_IS_STORE (store) && NK_IS_CENTRE (centre), NULL);

  self = g_object_new (NK_TYPE_RATIO_WATCH, NULL);
  self->store = g_object_ref (store);
  self->centre = g_object_ref (centre);
  self->attendance = nk_attendance_new (store, centre);
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    g_signal_connect_object (store, kinds[i], G_CALLBACK (on_store_changed), self, 0);
  self->first_id = g_idle_add (on_first, self);
  return self;
}
