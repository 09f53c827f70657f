/* nk-sound.h — short distinct cues through PortAudio, played from a
 * thread of their own so the UI never waits on the sound card. */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum {
  NK_CUE_CHECK_IN,   /* rising two-note chime */
  NK_CUE_CHECK_OUT,  /* falling two-note chime */
  NK_CUE_ALREADY,    /* one short soft beep */
  NK_CUE_UNKNOWN,    /* two low beeps */
  NK_CUE_LOST,       /* three low beeps */
  NK_CUE_REFUSED,    /* long low buzz */
  NK_CUE_STAFF,      /* three quick high notes */
  NK_CUE_CHOOSE,     /* one mid note: please choose */
  NK_CUE_SLEEP_DUE,  /* soft slow chime: a sleep check is due */
  NK_CUE_SLEEP_OVERDUE, /* the loudest: four beeps, high and low: a sleep check is overdue */
  NK_CUE_RATIO_BREACH,  /* four buzzing notes, low and high: a room below the staff ratio */
  NK_CUE_ALARM,      /* a siren: one sweep 650 → 1300 → 650 Hz, as loud: the one-key alarm */
} NkCue;

#define NK_N_CUES (NK_CUE_ALARM + 1)

/* The siren's lowest and highest frequency (Hz), for tests. */
#define NK_CUE_ALARM_LOW_HZ  650.0
#define NK_CUE_ALARM_HIGH_HZ 1300.0

#define NK_TYPE_SOUND (nk_sound_get_type ())
G_DECLARE_FINAL_TYPE (NkSound, nk_sound, NK, SOUND, GObject)

/* Never fails: with no sound device it stays silent, says so once in the
 * journal and reports available=FALSE. */
NkSound  *nk_sound_new           (gboolean enabled, double volume);
/* Queues the cue and returns at once; a newer cue replaces one not yet started. */
void      nk_sound_play          (NkSound *self, NkCue cue);
gboolean  nk_sound_get_available (NkSound *self);
/* Blocks until queued cues have played (tests and shutdown only). */
void      nk_sound_drain         (NkSound *self);
/* The cue's samples (mono, 48 kHz, float), for tests and benchmarks. */
const float *nk_sound_get_samples (NkCue cue, gsize *n_samples);
/* Frequency (Hz) of the cue's first note, for tests. */
double    nk_sound_cue_first_hz  (NkCue cue);

G_END_DECLS
