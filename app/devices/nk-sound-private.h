/* nk-sound-private.h — shared by nk-sound.c (playing) and
 * nk-sound-cues.c (the cues and their synthesis). */
#pragma once

#include "nk-sound.h"

G_BEGIN_DECLS

#define SAMPLE_RATE 48000

typedef struct {
  const float *samples;
  gsize        n_samples;
} NkCueSamples;

G_END_DECLS
