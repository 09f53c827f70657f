/* nk-sleep-watch.c — which sleep check is due or overdue, one timer to
 * the next moment (nk-sleep-watch.h). */
#define G_LOG_DOMAIN "nk-core"

#include "config.h"

#include <string.h>


#include "nk-record.h"
#include "nk-sleep-watch.h"

/* Wall-clock steps are noticed within this long. */
#define MAX_SLEEP_MS 60000

struct _NkSleepWatch
{
  GObject     parent_instance;

  NkStore    *store;
  NkCentre   *centre;
  GPtrArray  *children;      /* NkSleepDue* */
  char       *signature;     /* the states, to tell whether anything changed */
  GHashTable *announced;     /* "nap_id/due_us/state" → said once */
  GHashTable *escalated;     /* "nap_id/due_us" → its event is recorded */
  gint64      wake_us;
  guint       timeout_id;
  guint       first_id;      /* the first look, once the signals are connected */
};

G_DEFINE_FINAL_TYPE (NkSleepWatch, nk_sleep_watch, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  PROP_CENTRE,
  N_PROPS
};

enum {
  SIGNAL_DUE,
  SIGNAL_OVERDUE,
  SIGNAL_UPDATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static gboolean
on_timeout (gpointer user_data)
{
  NkSleepWatch *self = user_data;

  self->timeout_id = 0;
  nk_sleep_watch_update (self);
  return G_SOURCE_REMOVE;
}

static gboolean
on_first_look (gpointer user_data)
{
  NkSleepWatch *self = user_data;

  self->first_id = 0;
  nk_sleep_watch_update (self);
  return G_SOURCE_REMOVE;
}

static void
on_store_changed (NkSleepWatch *self,
                  const char   *kind,
                  GStrv         ids,
                  NkStore      *store)
{
  /* its own escalations change nothing it shows */
  if (g_strcmp0 (kind, "sleep_check.overdue") != 0)
    nk_sleep_watch_update (self);
}

static void
on_clock_jumped (NkSleepWatch *self,
                 gint64        us,
                 NkCentre     *centre)
{
  nk_sleep_watch_update (self);
}

static char *
gap_key (const NkSleepDue *due)
{
  return g_strdup_printf ("%s/%" G_GINT64_FORMAT, due->nap_id, due->due_us);
}

/* The next moment a state changes: the due time, or the moment it is
 * more than one interval past it. */
static gint64
next_moment (GPtrArray *children, gint64 now, gint64 interval)
{
  gint64 wake = 0;

  for (guint i = 0; i < children->len; i++)
    {
      const NkSleepDue *due = children->pdata[i];
      gint64 at = due->state == NK_SLEEP_WAITING ? due->due_us
                  : due->state == NK_SLEEP_DUE   ? due->due_us + interval + 1
                                                 : 0;

      if (at > now && (wake == 0 || at < wake))
        wake = at;
    }
  return wake;
}

static void
arm_timer (NkSleepWatch *self, gint64 now)
{
  gint64 delay_ms;

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->wake_us = next_moment (self->children, now, nk_sleep_settings_interval_us ());
  if (self->wake_us == 0)
    return;
  delay_ms = MIN ((self->wake_us - now + 999) / 1000, MAX_SLEEP_MS);
  self->timeout_id = g_timeout_add_full (G_PRIORITY_DEFAULT, (guint) delay_ms, on_timeout,
                                         self, NULL);
  g_source_set_name_by_id (self->timeout_id, "[nk] sleep check due");
}

/* Records the escalation of every overdue gap not yet recorded, in one
 * record as the system.  A failure (disk full) is said and tried again
 * at the next look; the banner and the cue do not wait for it. */
static gboolean
escalate (NkSleepWatch *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (NkRecord) rec = NULL;
  g_autoptr (GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) gaps = g_ptr_array_new ();

  for (guint i = 0; i < self->children->len; i++)
    {
      NkSleepDue *due = self->children->pdata[i];
      g_autofree char *key = gap_key (due);

      if (due->state == NK_SLEEP_OVERDUE && !g_hash_table_contains (self->escalated, key))
        {
          g_ptr_array_add (keys, g_steal_pointer (&key));
          g_ptr_array_add (gaps, due);
        }
    }
  if (gaps->len == 0)
    return TRUE;
  rec = nk_record_begin (self->store, self->centre, &NK_ACTOR_SYSTEM, &error);
  for (guint i = 0; rec != NULL && i < gaps->len; i++)
    {
      const NkSleepDue *due = gaps->pdata[i];
      gboolean recorded;

      if (!nk_sleep_check_put_overdue (rec, due, &recorded, &error))
        break;
      if (recorded)
        g_message ("Sleep check of child %s overdue (due %" G_GINT64_FORMAT " µs): escalated",
                   due->child_id, due->due_us);
    }
  if (error == NULL && nk_record_commit (g_steal_pointer (&rec), &error))
    {
      for (guint i = 0; i < keys->len; i++)
        g_hash_table_add (self->escalated, g_strdup (keys->pdata[i]));
      return TRUE;
    }
  g_message ("The escalation of an overdue sleep check was not recorded: %s; "
             "trying again within a minute", error->message);
  return FALSE;
}

/* Forgets what was said of naps no longer listed (ended, or past 24 h),
 * so a kiosk that runs for months keeps only today's gaps. */
static void
forget_ended (NkSleepWatch *self)
{
  g_autoptr (GHashTable) naps = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTable *sets[] = { self->announced, self->escalated };

  for (guint i = 0; i < self->children->len; i++)
    g_hash_table_add (naps, ((NkSleepDue *) self->children->pdata[i])->nap_id);
  for (guint k = 0; k < G_N_ELEMENTS (sets); k++)
    {
      GHashTableIter iter;
      gpointer key;

      g_hash_table_iter_init (&iter, sets[k]);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        {
          g_autofree char *nap = g_strndup (key, strcspn (key, "/"));

          if (!g_hash_table_contains (naps, nap))
            g_hash_table_iter_remove (&iter);
        }
    }
}

static char *
states_signature (GPtrArray *children)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < children->len; i++)
    {
      const NkSleepDue *due = children->pdata[i];

      g_string_append_printf (s, "%s/%" G_GINT64_FORMAT "/%d;", due->nap_id, due->due_us,
                              due->state);
    }
  return g_string_free (s, FALSE);
}

/* The children newly in state (their gap not announced in it before). */
static GPtrArray *
newly (NkSleepWatch *self, NkSleepState state)
{
  GPtrArray *list = g_ptr_array_new ();

  for (guint i = 0; i < self->children->len; i++)
    {
      NkSleepDue *due = self->children->pdata[i];
      g_autofree char *gap = gap_key (due);
      char *key;

      if (due->state < state)
        continue;
      key = g_strdup_printf ("%s/%d", gap, state);
      if (g_hash_table_add (self->announced, key))
        g_ptr_array_add (list, due);
    }
  return list;
}

static void
emit_children (NkSleepWatch *self, guint signal, GPtrArray *list)
{
  g_autoptr (GStrvBuilder) b = g_strv_builder_new ();
  g_auto (GStrv) ids = NULL;

  if (list->len == 0)
    return;
  for (guint i = 0; i < list->len; i++)
    g_strv_builder_add (b, ((NkSleepDue *) list->pdata[i])->child_id);
  ids = g_strv_builder_end (b);
  g_signal_emit (self, signals[signal], 0, ids);
}

void
nk_sleep_watch_update (NkSleepWatch *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) due = NULL;
  g_autoptr (GPtrArray) overdue = NULL;
  g_autofree char *signature = NULL;
  GPtrArray *children;
  gint64 now;

  g_return_if_fail (NK_IS_SLEEP_WATCH (self));

  g_clear_handle_id (&self->first_id, g_source_remove);
  now = nk_centre_now (self->centre);
  children = nk_sleep_check_list_due (self->store, NULL, now, &error);
  if (children == NULL)
    {
      /* keep what was known, look again soon */
      g_message ("Cannot read which sleep checks are due: %s", error->message);
      g_clear_handle_id (&self->timeout_id, g_source_remove);
      self->timeout_id = g_timeout_add (MAX_SLEEP_MS, on_timeout, self);
      return;
    }
  g_ptr_array_unref (self->children);
  self->children = children;
  forget_ended (self);
  arm_timer (self, now);

  due = newly (self, NK_SLEEP_DUE);
  overdue = newly (self, NK_SLEEP_OVERDUE);
  if (!escalate (self) && self->timeout_id == 0)
    self->timeout_id = g_timeout_add (MAX_SLEEP_MS, on_timeout, self);

  signature = states_signature (children);
  if (g_strcmp0 (signature, self->signature) != 0)
    {
      g_free (self->signature);
      self->signature = g_steal_pointer (&signature);
      g_signal_emit (self, signals[SIGNAL_UPDATED], 0);
    }
  emit_children (self, SIGNAL_DUE, due);
  emit_children (self, SIGNAL_OVERDUE, overdue);
}

GPtrArray *
nk_sleep_watch_get_children (NkSleepWatch *self)
{
  g_return_val_if_fail (NK_IS_SLEEP_WATCH (self), NULL);
  return self->children;
}

guint
nk_sleep_watch_count (NkSleepWatch *self,
                      NkSleepState  state)
{
  guint n = 0;

  g_return_val_if_fail (NK_IS_SLEEP_WATCH (self), 0);
  for (guint i = 0; i < self->children->len; i++)
    n += ((NkSleepDue *) self->children->pdata[i])->state == state;
  return n;
}

GStrv
nk_sleep_watch_rooms (NkSleepWatch *self,
                      NkSleepState  at_least)
{
  g_autoptr (GStrvBuilder) b = g_strv_builder_new ();
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  g_return_val_if_fail (NK_IS_SLEEP_WATCH (self), NULL);
  for (guint i = 0; i < self->children->len; i++)
    {
      NkSleepDue *due = self->children->pdata[i];

      if (due->state >= at_least && g_hash_table_add (seen, due->room_name))
        g_strv_builder_add (b, due->room_name);
    }
  return g_strv_builder_end (b);
}

gint64
nk_sleep_watch_get_wake_us (NkSleepWatch *self)
{
  g_return_val_if_fail (NK_IS_SLEEP_WATCH (self), 0);
  return self->wake_us;
}

NkStore *
nk_sleep_watch_get_store (NkSleepWatch *self)
{
  return self->store;
}

NkCentre *
nk_sleep_watch_get_centre (NkSleepWatch *self)
{
  return self->centre;
}

static void
nk_sleep_watch_constructed (GObject *object)
{
  NkSleepWatch *self = NK_SLEEP_WATCH (object);

  G_OBJECT_CLASS (nk_sleep_watch_parent_class)->constructed (object);

  g_return_if_fail (self->store != NULL && self->centre != NULL);
  g_signal_connect_object (self->store, "changed", G_CALLBACK (on_store_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->centre, "clock-jumped", G_CALLBACK (on_clock_jumped), self,
                           G_CONNECT_SWAPPED);
  /* from the main loop, so that whoever made the watch hears the checks
   * already due (a kiosk started again during a nap) */
  self->first_id = g_idle_add (on_first_look, self);
}

static void
nk_sleep_watch_dispose (GObject *object)
{
  NkSleepWatch *self = NK_SLEEP_WATCH (object);

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_clear_handle_id (&self->first_id, g_source_remove);
  g_clear_object (&self->store);
  g_clear_object (&self->centre);

  G_OBJECT_CLASS (nk_sleep_watch_parent_class)->dispose (object);
}

static void
nk_sleep_watch_finalize (GObject *object)
{
  NkSleepWatch *self = NK_SLEEP_WATCH (object);

  g_ptr_array_unref (self->children);
  g_hash_table_unref (self->announced);
  g_hash_table_unref (self->escalated);
  g_free (self->signature);

  G_OBJECT_CLASS (nk_sleep_watch_parent_class)->finalize (object);
}

static void
nk_sleep_watch_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  NkSleepWatch *self = NK_SLEEP_WATCH (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_CENTRE:
      g_value_set_object (value, self->centre);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nk_sleep_watch_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  NkSleepWatch *self = NK_SLEEP_WATCH (object);

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
nk_sleep_watch_class_init (NkSleepWatchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = nk_sleep_watch_constructed;
  object_class->dispose = nk_sleep_watch_dispose;
  object_class->finalize = nk_sleep_watch_finalize;
  object_class->get_property = nk_sleep_watch_get_property;
  object_class->set_property = nk_sleep_watch_set_property;

  properties[PROP_STORE] = g_param_spec_object ("store", NULL, NULL, NK_TYPE_STORE,
                                                G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY
                                                | G_PARAM_STATIC_STRINGS);
  properties[PROP_CENTRE] = g_param_spec_object ("centre", NULL, NULL, NK_TYPE_CENTRE,
                                                 G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY
                                                 | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_DUE] = g_signal_new ("due", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                      NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRV);
  signals[SIGNAL_OVERDUE] = g_signal_new ("overdue", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE,
                                          1, G_TYPE_STRV);
  signals[SIGNAL_UPDATED] = g_signal_new ("updated", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
nk_sleep_watch_init (NkSleepWatch *self)
{
  self->children = g_ptr_array_new_with_free_func ((GDestroyNotify) nk_sleep_due_free);
  self->announced = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->escalated = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

NkSleepWatch *
nk_sleep_watch_new (NkStore  *store,
                    NkCentre *centre)
{
  g_return_val_if_fail (NK_IS_STORE (store) && NK_IS_CENTRE (centre), NULL);
  return g_object_new (NK_TYPE_SLEEP_WATCH, "store", store, "centre", centre, NULL);
}
