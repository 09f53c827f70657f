/* nk-sound-cues.c — the cues: what each one sounds like, and their
 * synthesis as 48 kHz mono float samples: a handful of notes each, with a
 * raised-cosine attack and release so that no cue starts or stops with a
 * click.  Synthesised once, on first use, whichever thread asks.
 *
 * The door's cues answer a tap (short, 0.8 at most); the sleep-check cues
 * call a caregiver across the room: "check due" is a soft, slow chime
 * nobody minds hearing every ten minutes, "overdue" the loudest cue of
 * the kiosk with the alarm, four hard beeps alternating high and low, unlike any other.
 * A room below the staff ratio buzzes (the voice of a refusal: something
 * is wrong) in a two-tone of its own, nearly as loud.
 * The one-key alarm is a siren: a held low note, then one sweep up to an
 * octave above and back (650 → 1300 → 650 Hz), a square-ish buzz as loud
 * as the overdue beeps; the window plays it again every few seconds while
 * the alarm is open. */
#define G_LOG_DOMAIN "nk-sound"

#include "config.h"

#include <math.h>

#include "nk-sound.h"
#include "nk-sound-private.h"

#define ATTACK_MS          6.0
#define RELEASE_MS         25.0
#define MAX_CUE_MS         600.0
#define MAX_NOTES          4

typedef enum {
  VOICE_CHIME,   /* bell-like: fundamental + soft overtones, decaying */
  VOICE_BEEP,    /* steady tone with a little warmth */
  VOICE_BUZZ,    /* steady soft square: odd harmonics */
} Voice;

typedef struct {
  double hz;
  double start_ms;
  double length_ms;
  double sweep_hz;  /* 0: a steady note; else a siren: hz for SWEEP_HOLD_MS, up to
                     * sweep_hz at the middle of the rest and back down to hz */
} Note;

#define SWEEP_HOLD_MS 60.0

typedef struct {
  Voice  voice;
  double peak;      /* peak level of the finished cue, before volume */
  guint  n_notes;
  Note   notes[MAX_NOTES];
} CueSpec;

static const CueSpec cue_specs[NK_N_CUES] = {
  /* rising two-note chime: E5 → A5 */
  [NK_CUE_CHECK_IN]  = { VOICE_CHIME, 0.80, 2, { { 659.26, 0, 260 }, { 880.00, 150, 300 } } },
  /* falling two-note chime: G5 → C5 */
  [NK_CUE_CHECK_OUT] = { VOICE_CHIME, 0.80, 2, { { 783.99, 0, 260 }, { 523.25, 150, 320 } } },
  /* one short soft beep: B5 */
  [NK_CUE_ALREADY]   = { VOICE_BEEP, 0.45, 1, { { 987.77, 0, 130 } } },
  /* two low beeps: E4 */
  [NK_CUE_UNKNOWN]   = { VOICE_BEEP, 0.80, 2, { { 329.63, 0, 150 }, { 329.63, 230, 150 } } },
  /* three low beeps: D4 */
  [NK_CUE_LOST]      = { VOICE_BEEP, 0.80, 3, { { 293.66, 0, 110 }, { 293.66, 170, 110 },
                                               { 293.66, 340, 110 } } },
  /* long low buzz: G3 */
  [NK_CUE_REFUSED]   = { VOICE_BUZZ, 0.70, 1, { { 196.00, 0, 550 } } },
  /* three quick high notes: C6 E6 G6 */
  [NK_CUE_STAFF]     = { VOICE_CHIME, 0.70, 3, { { 1046.50, 0, 100 }, { 1318.51, 100, 100 },
                                                { 1567.98, 200, 160 } } },
  /* one mid note: C5 */
  [NK_CUE_CHOOSE]    = { VOICE_CHIME, 0.75, 1, { { 523.25, 0, 280 } } },
  /* a sleep check is due: soft, slow falling chime F5 → D5 */
  [NK_CUE_SLEEP_DUE] = { VOICE_CHIME, 0.40, 2, { { 698.46, 0, 300 }, { 587.33, 220, 360 } } },
  /* a sleep check is overdue: the loudest cue, four beeps A5 E5 A5 E5 */
  [NK_CUE_SLEEP_OVERDUE] = { VOICE_BEEP, 0.97, 4, { { 880.00, 0, 120 }, { 659.26, 150, 120 },
                                                  { 880.00, 300, 120 }, { 659.26, 450, 140 } } },
  /* the one-key alarm: a siren sweep 650 → 1300 → 650 Hz, as loud */
  [NK_CUE_ALARM] = { VOICE_BUZZ, 0.97, 1, { { NK_CUE_ALARM_LOW_HZ, 0, 590, NK_CUE_ALARM_HIGH_HZ } } },
  /* a room below the staff ratio: a buzzing two-tone call, B♭4 D♯5 B♭4 D♯5,
   * loud (the director must hear it across the hall) but under "overdue" */
  [NK_CUE_RATIO_BREACH] = { VOICE_BUZZ, 0.85, 4, { { 466.16, 0, 120 }, { 622.25, 140, 120 },
                                                 { 466.16, 280, 120 }, { 622.25, 420, 160 } } },
};

typedef struct {
  float *samples;
  gsize  n_samples;
} CueData;

static CueData *cue_cache[NK_N_CUES];

static double
voice_wave (Voice  voice,
            double phase)
{
  switch (voice)
    {
    case VOICE_CHIME:
      return sin (phase) + 0.25 * sin (2 * phase) + 0.08 * sin (3 * phase);
    case VOICE_BEEP:
      return sin (phase) + 0.15 * sin (2 * phase) + 0.10 * sin (3 * phase);
    case VOICE_BUZZ:
      return sin (phase) + sin (3 * phase) / 3 + sin (5 * phase) / 5 + sin (7 * phase) / 7;
    default:
      g_assert_not_reached ();
    }
  return 0;
}

/* Raised-cosine ramp from 0 to 1 over @len samples. */
static double
ramp (double pos,
      double len)
{
  if (pos <= 0)
    return 0;
  if (pos >= len)
    return 1;
  return 0.5 - 0.5 * cos (G_PI * pos / len);
}

/* The frequency of note at sample i of it (a siren's triangle). */
static double
note_hz (const Note *note,
         gsize       i)
{
  double t_ms = i * 1000.0 / SAMPLE_RATE, half, x;

  if (note->sweep_hz <= 0 || t_ms <= SWEEP_HOLD_MS)
    return note->hz;
  half = (note->length_ms - SWEEP_HOLD_MS) / 2;
  x = (t_ms - SWEEP_HOLD_MS) / half;   /* 0 → 1 rising, 1 → 2 falling */
  if (x > 1)
    x = MAX (0, 2 - x);
  return note->hz + (note->sweep_hz - note->hz) * x;
}

static void
add_note (float       *out,
          gsize        n_out,
          Voice        voice,
          const Note  *note)
{
  gsize start = (gsize) (note->start_ms * SAMPLE_RATE / 1000.0);
  gsize length = (gsize) (note->length_ms * SAMPLE_RATE / 1000.0);
  double attack = ATTACK_MS * SAMPLE_RATE / 1000.0;
  double release = RELEASE_MS * SAMPLE_RATE / 1000.0;
  /* Chimes fade out over their length like a struck bell. */
  double decay = note->length_ms * SAMPLE_RATE / 1000.0 / 2.5;
  double phase = 0;

  for (gsize i = 0; i < length && start + i < n_out; i++)
    {
      double env = ramp (i, attack) * ramp ((double) length - 1 - i, release);

      if (voice == VOICE_CHIME)
        env *= exp (-(double) i / decay);
      out[start + i] += env * voice_wave (voice, phase);
      /* the phase runs on with the frequency: a sweep without clicks */
      phase = fmod (phase + 2 * G_PI * note_hz (note, i) / SAMPLE_RATE, 2 * G_PI);
    }
}

static CueData *
synthesise (NkCue cue)
{
  const CueSpec *spec = &cue_specs[cue];
  CueData *data = g_new0 (CueData, 1);
  double end_ms = 0;
  float peak = 0;

  for (guint i = 0; i < spec->n_notes; i++)
    end_ms = MAX (end_ms, spec->notes[i].start_ms + spec->notes[i].length_ms);
  g_assert (end_ms <= MAX_CUE_MS);

  data->n_samples = (gsize) (end_ms * SAMPLE_RATE / 1000.0);
  data->samples = g_new0 (float, data->n_samples);

  for (guint i = 0; i < spec->n_notes; i++)
    add_note (data->samples, data->n_samples, spec->voice, &spec->notes[i]);

  for (gsize i = 0; i < data->n_samples; i++)
    peak = MAX (peak, fabsf (data->samples[i]));
  for (gsize i = 0; i < data->n_samples; i++)
    data->samples[i] *= spec->peak / peak;

  return data;
}

static const CueData *
cue_data (NkCue cue)
{
  if (g_once_init_enter (&cue_cache[cue]))
    g_once_init_leave (&cue_cache[cue], synthesise (cue));
  return cue_cache[cue];
}

/**
 * nk_sound_get_samples:
 * @cue: the cue
 * @n_samples: (out): number of samples
 *
 * Returns: (transfer none): the cue's samples, mono, 48 kHz, peak below
 * 1.0, before the volume is applied.  Computed once, thread-safe.
 */
const float *
nk_sound_get_samples (NkCue  cue,
                      gsize *n_samples)
{
  const CueData *data;

  g_return_val_if_fail ((guint) cue < NK_N_CUES, NULL);
  g_return_val_if_fail (n_samples != NULL, NULL);

  data = cue_data (cue);
  *n_samples = data->n_samples;
  return data->samples;
}

double
nk_sound_cue_first_hz (NkCue cue)
{
  g_return_val_if_fail ((guint) cue < NK_N_CUES, 0);

  return cue_specs[cue].notes[0].hz;
}

