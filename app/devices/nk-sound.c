/* nk-sound.c — short distinct cues through PortAudio.
 *
 * The cues are synthesised once, on first use (nk-sound-cues.c).
 *
 * One worker thread per NkSound owns PortAudio and the output stream and
 * writes with blocking Pa_WriteStream(); nk_sound_play() only puts the cue
 * in a one-slot queue and returns.  A newer cue replaces one not yet
 * started; a cue that is playing when a newer one arrives is cut with a
 * 10 ms fade-out, so the door answers the latest tap at once.  When the
 * queue runs dry the stream is stopped (which plays out what ALSA still
 * holds), so nk_sound_drain() returns only after the last cue was fully
 * written.
 *
 * No sound device: the worker says so once with g_message(), reports
 * available=FALSE and tries again, with PortAudio re-initialised so that a
 * USB speaker plugged in later is found, when a later cue is played — at
 * most once per retry-interval (10 s). */
#define G_LOG_DOMAIN "nk-sound"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <portaudio.h>
#include <string.h>

#ifdef NK_HAVE_ALSA
#include <alsa/asoundlib.h>
#endif
#ifdef NK_HAVE_JACK
#include <jack/jack.h>
#endif

#include "nk-sound.h"
#include "nk-sound-private.h"

#define CHUNK_FRAMES       480    /* 10 ms per write */
#define FADE_FRAMES        480    /* 10 ms fade when a cue is cut */
#define DEFAULT_RETRY_MS   10000

/* --- PortAudio and ALSA, process-wide ---------------------------------- */

/* PortAudio's initialisation and stream opening are not thread-safe, and
 * several NkSound objects may exist (tests), so they go through this lock. */
static GMutex pa_lock;

/* While PortAudio probes devices, ALSA complains on stderr about every PCM
 * it cannot open and JACK about the server that is not running.  Keep that
 * in the debug log instead. */
#ifdef NK_HAVE_ALSA
static void
alsa_error_to_debug (const char *file,
                     int         line,
                     const char *function,
                     int         err,
                     const char *fmt,
                     ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, fmt);
  text = g_strdup_vprintf (fmt, args);
  va_end (args);

  g_debug ("ALSA %s:%d %s: %s%s%s", file, line, function, text,
           err ? ": " : "", err ? snd_strerror (err) : "");
}
#endif

#ifdef NK_HAVE_JACK
static void
jack_to_debug (const char *text)
{
  g_debug ("JACK: %s", text);
}
#endif

static void
quiet_backends (void)
{
  static gsize done;

  if (g_once_init_enter (&done))
    {
#ifdef NK_HAVE_ALSA
      snd_lib_error_set_handler (alsa_error_to_debug);
#endif
#ifdef NK_HAVE_JACK
      jack_set_error_function (jack_to_debug);
      jack_set_info_function (jack_to_debug);
#endif
      g_once_init_leave (&done, 1);
    }
}

/* --- The object --------------------------------------------------------- */

struct _NkSound
{
  GObject       parent_instance;

  gboolean      enabled;
  guint         retry_interval_ms;
  GMainContext *context;
  gboolean      available;       /* main-thread copy: the property */

  GThread      *thread;

  /* Shared with the worker, under lock. */
  GMutex        lock;
  GCond         cond;
  int           pending;         /* cue waiting to start, or -1 */
  gboolean      busy;            /* the worker is handling a cue */
  gboolean      quit;
  double        volume;
  gboolean      worker_available;
  GSource      *notify_source;   /* hands worker_available to the main context */

  /* Worker thread only. */
  gboolean      pa_initialised;
  PaStream     *stream;
  int           channels;
  gboolean      ever_tried;
  gboolean      told_unavailable;
  gint64        last_attempt_us;
};

G_DEFINE_FINAL_TYPE (NkSound, nk_sound, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ENABLED,
  PROP_VOLUME,
  PROP_AVAILABLE,
  PROP_RETRY_INTERVAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
notify_available_cb (gpointer data)
{
  NkSound *self = data;
  gboolean value;

  g_mutex_lock (&self->lock);
  value = self->worker_available;
  g_clear_pointer (&self->notify_source, g_source_unref);
  g_mutex_unlock (&self->lock);

  if (value != self->available)
    {
      self->available = value;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AVAILABLE]);
    }

  return G_SOURCE_REMOVE;
}

/* Worker: record availability and hand it to the main context. */
static void
set_available (NkSound  *self,
               gboolean  available)
{
  g_mutex_lock (&self->lock);
  if (self->worker_available != available)
    {
      self->worker_available = available;
      if (self->notify_source == NULL)
        {
          self->notify_source = g_idle_source_new ();
          g_source_set_priority (self->notify_source, G_PRIORITY_DEFAULT);
          g_source_set_callback (self->notify_source, notify_available_cb, self, NULL);
          g_source_set_static_name (self->notify_source, "[nk-sound] available");
          g_source_attach (self->notify_source, self->context);
        }
    }
  g_mutex_unlock (&self->lock);
}

/* Worker: close the stream (playing out what it holds unless @abort) and
 * let go of PortAudio, so that the next try probes the devices afresh. */
static void
close_device (NkSound  *self,
              gboolean  abort)
{
  g_mutex_lock (&pa_lock);
  if (self->stream != NULL)
    {
      if (Pa_IsStreamStopped (self->stream) == 0)
        {
          if (abort)
            Pa_AbortStream (self->stream);
          else
            Pa_StopStream (self->stream);
        }
      Pa_CloseStream (self->stream);
      self->stream = NULL;
    }
  if (self->pa_initialised)
    {
      Pa_Terminate ();
      self->pa_initialised = FALSE;
    }
  g_mutex_unlock (&pa_lock);
}

/* Worker: returns NULL on success or why it failed. */
static char *
try_open_device (NkSound *self)
{
  g_autofree char *device_name = NULL;
  const PaDeviceInfo *info;
  PaStreamParameters params = { 0 };
  PaError err;

  g_mutex_lock (&pa_lock);

  quiet_backends ();
  if (!self->pa_initialised)
    {
      err = Pa_Initialize ();
      if (err != paNoError)
        {
          g_mutex_unlock (&pa_lock);
          return g_strdup_printf (_("PortAudio did not start (%s)"), Pa_GetErrorText (err));
        }
      self->pa_initialised = TRUE;
    }

  params.device = Pa_GetDefaultOutputDevice ();
  if (params.device == paNoDevice)
    {
      g_mutex_unlock (&pa_lock);
      close_device (self, TRUE);
      return g_strdup (_("no audio output device was found"));
    }

  info = Pa_GetDeviceInfo (params.device);
  device_name = g_strdup (info->name);
  params.sampleFormat = paFloat32;
  params.suggestedLatency = info->defaultLowOutputLatency;

  /* Mono first; some hardware devices take stereo only. */
  err = paInvalidChannelCount;
  for (int channels = 1; channels <= 2 && err != paNoError; channels++)
    {
      params.channelCount = channels;
      err = Pa_OpenStream (&self->stream, NULL, &params, SAMPLE_RATE, CHUNK_FRAMES,
                           paDitherOff, NULL, NULL);
      self->channels = channels;
    }
  g_mutex_unlock (&pa_lock);

  if (err != paNoError)
    {
      char *reason = g_strdup_printf (_("the output device “%s” did not open (%s)"),
                                      device_name, Pa_GetErrorText (err));
      self->stream = NULL;
      close_device (self, TRUE);
      return reason;
    }

  g_message (_("Sound output ready on “%s”."), device_name);
  return NULL;
}

/* Worker: makes sure the stream is open, trying at most once per retry
 * interval.  Returns whether it is. */
static gboolean
ensure_device (NkSound *self)
{
  g_autofree char *reason = NULL;
  gint64 now = g_get_monotonic_time ();

  if (self->stream != NULL)
    return TRUE;
  if (self->ever_tried &&
      now - self->last_attempt_us < (gint64) self->retry_interval_ms * 1000)
    return FALSE;

  self->ever_tried = TRUE;
  self->last_attempt_us = now;
  reason = try_open_device (self);
  if (reason == NULL)
    {
      self->told_unavailable = FALSE;
      set_available (self, TRUE);
      return TRUE;
    }

  if (!self->told_unavailable)
    {
      g_message (_("Sound is unavailable: %s. Cues stay silent; "
                   "trying again with a later cue."), reason);
      self->told_unavailable = TRUE;
    }
  else
    g_debug ("Sound still unavailable: %s", reason);
  set_available (self, FALSE);
  return FALSE;
}

/* Worker: the device failed while playing. */
static void
lose_device (NkSound    *self,
             PaError     err)
{
  g_message (_("Sound is unavailable: the output device failed (%s). Cues stay silent; "
               "trying again with a later cue."), Pa_GetErrorText (err));
  self->told_unavailable = TRUE;
  self->last_attempt_us = g_get_monotonic_time ();
  close_device (self, TRUE);
  set_available (self, FALSE);
}

/* Worker: writes @n frames of mono @src scaled by @gain, fading from
 * @fade_from to @fade_to across them. */
static PaError
write_frames (NkSound     *self,
              const float *src,
              gsize        n,
              double       gain,
              double       fade_from,
              double       fade_to)
{
  float buf[CHUNK_FRAMES * 2];

  g_assert (n <= CHUNK_FRAMES);

  for (gsize i = 0; i < n; i++)
    {
      double fade = fade_from + (fade_to - fade_from) * i / n;
      float v = (float) (src[i] * gain * fade);

      for (int c = 0; c < self->channels; c++)
        buf[i * self->channels + c] = v;
    }

  return Pa_WriteStream (self->stream, buf, n);
}

static gboolean
is_write_error (PaError err)
{
  return err != paNoError && err != paOutputUnderflowed;
}

/* Worker: plays @cue; returns early (after a short fade) when a newer cue
 * is waiting or the object is going away. */
static void
play_cue (NkSound *self,
          NkCue    cue)
{
  NkCueSamples data;
  gsize pos = 0;
  double gain;
  PaError err;

  data.samples = nk_sound_get_samples (cue, &data.n_samples);
  if (Pa_IsStreamStopped (self->stream) == 1)
    {
      err = Pa_StartStream (self->stream);
      if (err != paNoError)
        {
          lose_device (self, err);
          return;
        }
    }

  while (pos < data.n_samples)
    {
      gsize n = MIN (CHUNK_FRAMES, data.n_samples - pos);
      gboolean cut;

      g_mutex_lock (&self->lock);
      cut = self->pending >= 0 || self->quit;
      gain = self->volume;
      g_mutex_unlock (&self->lock);

      if (cut)
        {
          n = MIN (FADE_FRAMES, data.n_samples - pos);
          err = write_frames (self, data.samples + pos, n, gain, 1.0, 0.0);
          if (is_write_error (err))
            lose_device (self, err);
          return;
        }

      err = write_frames (self, data.samples + pos, n, gain, 1.0, 1.0);
      if (is_write_error (err))
        {
          lose_device (self, err);
          return;
        }
      pos += n;
    }
}

/* Worker: nothing more to play — let ALSA play out what it holds. */
static void
stop_when_idle (NkSound *self)
{
  gboolean idle;
  PaError err;

  if (self->stream == NULL || Pa_IsStreamStopped (self->stream) == 1)
    return;

  g_mutex_lock (&self->lock);
  idle = self->pending < 0 && !self->quit;
  g_mutex_unlock (&self->lock);

  if (idle)
    {
      err = Pa_StopStream (self->stream);
      if (err != paNoError)
        lose_device (self, err);
    }
}

static gpointer
worker_main (gpointer data)
{
  NkSound *self = data;

  /* Open the device before the first cue so that it plays at once. */
  ensure_device (self);

  g_mutex_lock (&self->lock);
  for (;;)
    {
      NkCue cue;

      self->busy = FALSE;
      g_cond_broadcast (&self->cond);
      while (!self->quit && self->pending < 0)
        g_cond_wait (&self->cond, &self->lock);
      if (self->quit)
        break;

      cue = self->pending;
      self->pending = -1;
      self->busy = TRUE;
      g_mutex_unlock (&self->lock);

      if (ensure_device (self))
        {
          play_cue (self, cue);
          stop_when_idle (self);
        }

      g_mutex_lock (&self->lock);
    }
  self->busy = FALSE;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);

  close_device (self, FALSE);
  return NULL;
}

static void
nk_sound_constructed (GObject *object)
{
  NkSound *self = NK_SOUND (object);

  G_OBJECT_CLASS (nk_sound_parent_class)->constructed (object);

  if (self->enabled)
    {
      self->busy = TRUE;   /* until the first open attempt is over */
      self->thread = g_thread_new ("nk-sound", worker_main, self);
    }
}

static void
nk_sound_dispose (GObject *object)
{
  NkSound *self = NK_SOUND (object);

  if (self->thread != NULL)
    {
      g_mutex_lock (&self->lock);
      self->quit = TRUE;
      g_cond_broadcast (&self->cond);
      g_mutex_unlock (&self->lock);
      g_clear_pointer (&self->thread, g_thread_join);
    }

  g_mutex_lock (&self->lock);
  if (self->notify_source != NULL)
    g_source_destroy (self->notify_source);
  g_clear_pointer (&self->notify_source, g_source_unref);
  g_mutex_unlock (&self->lock);

  G_OBJECT_CLASS (nk_sound_parent_class)->dispose (object);
}

static void
nk_sound_finalize (GObject *object)
{
  NkSound *self = NK_SOUND (object);

  g_clear_pointer (&self->context, g_main_context_unref);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);

  G_OBJECT_CLASS (nk_sound_parent_class)->finalize (object);
}

static void
nk_sound_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  NkSound *self = NK_SOUND (object);

  switch (prop_id)
    {
    case PROP_ENABLED:
      g_value_set_boolean (value, self->enabled);
      break;
    case PROP_VOLUME:
      g_mutex_lock (&self->lock);
      g_value_set_double (value, self->volume);
      g_mutex_unlock (&self->lock);
      break;
    case PROP_AVAILABLE:
      g_value_set_boolean (value, self->available);
      break;
    case PROP_RETRY_INTERVAL:
      g_value_set_uint (value, self->retry_interval_ms);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nk_sound_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  NkSound *self = NK_SOUND (object);

  switch (prop_id)
    {
    case PROP_ENABLED:
      self->enabled = g_value_get_boolean (value);
      break;
    case PROP_VOLUME:
      g_mutex_lock (&self->lock);
      self->volume = g_value_get_double (value);
      g_mutex_unlock (&self->lock);
      break;
    case PROP_RETRY_INTERVAL:
      self->retry_interval_ms = g_value_get_uint (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nk_sound_class_init (NkSoundClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = nk_sound_constructed;
  object_class->dispose = nk_sound_dispose;
  object_class->finalize = nk_sound_finalize;
  object_class->get_property = nk_sound_get_property;
  object_class->set_property = nk_sound_set_property;

  properties[PROP_ENABLED] =
    g_param_spec_boolean ("enabled", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* Takes effect from the next 10 ms of sound. */
  properties[PROP_VOLUME] =
    g_param_spec_double ("volume", NULL, NULL, 0.0, 1.0, 0.8,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_STATIC_STRINGS);
  properties[PROP_AVAILABLE] =
    g_param_spec_boolean ("available", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* How long after a failed open the next cue may try again. */
  properties[PROP_RETRY_INTERVAL] =
    g_param_spec_uint ("retry-interval", NULL, NULL, 0, G_MAXUINT, DEFAULT_RETRY_MS,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
nk_sound_init (NkSound *self)
{
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  self->pending = -1;
  self->context = g_main_context_ref_thread_default ();
}

NkSound *
nk_sound_new (gboolean enabled,
              double   volume)
{
  return g_object_new (NK_TYPE_SOUND,
                       "enabled", enabled,
                       "volume", CLAMP (volume, 0.0, 1.0),
                       NULL);
}

void
nk_sound_play (NkSound *self,
               NkCue    cue)
{
  g_return_if_fail (NK_IS_SOUND (self));
  g_return_if_fail ((guint) cue < NK_N_CUES);

  if (self->thread == NULL)
    return;

  g_mutex_lock (&self->lock);
  self->pending = cue;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);
}

gboolean
nk_sound_get_available (NkSound *self)
{
  g_return_val_if_fail (NK_IS_SOUND (self), FALSE);

  return self->available;
}

void
nk_sound_drain (NkSound *self)
{
  g_return_if_fail (NK_IS_SOUND (self));

  if (self->thread == NULL)
    return;

  g_mutex_lock (&self->lock);
  while (!self->quit && (self->pending >= 0 || self->busy))
    g_cond_wait (&self->cond, &self->lock);
  g_mutex_unlock (&self->lock);
}
