/* test-sound.c — the cues themselves, and playing them through PortAudio
 * into ALSA's `file` plugin (our own ALSA configuration, set up in main()
 * before PortAudio starts), read back as raw S16_LE 48 kHz mono. */
#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "devices/nk-sound.h"

#define RATE       48000
#define N_CUES     NK_N_CUES
#define SILENCE    0.002   /* below this a sample counts as silent */

static char *tmp_dir;
static char *config_path;
static char *out_path;

/* ALSA configuration, self-contained (ALSA_CONFIG_PATH replaces the system
 * one, so nothing on the machine can redirect "default" elsewhere). */
static void
write_file_config (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = g_strdup_printf (
    "pcm.!default {\n"
    "  type plug\n"
    "  slave { pcm \"nk_test_file\" format S16_LE rate 48000 channels 1 }\n"
    "}\n"
    "pcm.nk_test_file {\n"
    "  type file\n"
    "  slave.pcm \"nk_test_null\"\n"
    "  file \"%s\"\n"
    "  format \"raw\"\n"
    "}\n"
    "pcm.nk_test_null { type null }\n",
    out_path);

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

/* "default" is a sound card that is not there. */
static void
write_missing_config (const char *path)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path,
                       "pcm.!default { type hw card 7 }\n"
                       "ctl.!default { type hw card 7 }\n",
                       -1, &error);
  g_assert_no_error (error);
}

static float *
read_output (gsize *n)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *bytes = NULL;
  gsize len = 0;
  float *samples;

  g_file_get_contents (out_path, &bytes, &len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (len % 2, ==, 0);

  *n = len / 2;
  samples = g_new (float, *n + 1);
  for (gsize i = 0; i < *n; i++)
    {
      gint16 s = GINT16_FROM_LE (((gint16 *) bytes)[i]);
      samples[i] = s / 32768.0f;
    }
  return samples;
}

static gssize
first_loud (const float *x, gsize n, double gain)
{
  for (gsize i = 0; i < n; i++)
    if (fabs (x[i] * gain) > SILENCE)
      return i;
  return -1;
}

static gssize
last_loud (const float *x, gsize n, double gain)
{
  for (gsize i = n; i > 0; i--)
    if (fabs (x[i - 1] * gain) > SILENCE)
      return i - 1;
  return -1;
}

/* Power of @hz in @x (Hann-windowed Goertzel). */
static double
goertzel (const float *x, gsize n, double hz)
{
  double coeff = 2 * cos (2 * G_PI * hz / RATE);
  double s1 = 0, s2 = 0;

  for (gsize i = 0; i < n; i++)
    {
      double w = 0.5 - 0.5 * cos (2 * G_PI * i / (n - 1));
      double s = x[i] * w + coeff * s1 - s2;
      s2 = s1;
      s1 = s;
    }
  return s1 * s1 + s2 * s2 - coeff * s1 * s2;
}

static double
dominant_hz (const float *x, gsize n)
{
  double best_hz = 0, best = -1;

  for (double hz = 100; hz < 4000; hz *= 1.0025)
    {
      double p = goertzel (x, n, hz);
      if (p > best)
        {
          best = p;
          best_hz = hz;
        }
    }
  return best_hz;
}

static void
assert_hz (double measured, double expected)
{
  if (fabs (measured - expected) > 0.05 * expected)
    g_error ("dominant frequency %.1f Hz, expected %.1f Hz ± 5 %%", measured, expected);
}

/* Asserts that @x holds @cue at @volume (16-bit rounding aside), starting
 * within a few samples of @offset (found from where the sound gets loud).
 * Returns where it starts. */
static gssize
assert_cue_at (const float *x, gsize n, gssize offset, NkCue cue, double volume)
{
  gsize cue_n;
  const float *c = nk_sound_get_samples (cue, &cue_n);
  double best = G_MAXDOUBLE;
  gssize best_offset = -1;

  for (gssize o = offset - 4; o <= offset + 4; o++)
    {
      double worst = 0;

      if (o < 0 || o + cue_n > n)
        continue;
      for (gsize i = 0; i < cue_n; i++)
        worst = MAX (worst, fabs (x[o + i] - c[i] * volume));
      if (worst < best)
        {
          best = worst;
          best_offset = o;
        }
    }
  g_assert_cmpfloat (best, <, 0.001);
  return best_offset;
}

static void
drain_and_dispatch (NkSound *sound)
{
  nk_sound_drain (sound);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
count_notify (GObject *object, GParamSpec *pspec, gpointer data)
{
  guint *count = data;

  g_assert_true (g_main_context_is_owner (g_main_context_default ()));
  (*count)++;
}

static gpointer
fetch_all_cues (gpointer data)
{
  const float **out = data;

  for (int cue = 0; cue < N_CUES; cue++)
    {
      gsize n;
      out[cue] = nk_sound_get_samples (cue, &n);
    }
  return NULL;
}

/* Computed once, whichever thread asks first. */
static void
test_cue_once (void)
{
  const float *seen[4][N_CUES];
  GThread *threads[4];

  for (int t = 0; t < 4; t++)
    threads[t] = g_thread_new ("cues", fetch_all_cues, seen[t]);
  for (int t = 0; t < 4; t++)
    g_thread_join (threads[t]);

  for (int cue = 0; cue < N_CUES; cue++)
    {
      gsize n;
      const float *again = nk_sound_get_samples (cue, &n);

      for (int t = 0; t < 4; t++)
        g_assert_true (seen[t][cue] == again);
    }
}

/* Short, not too loud, and gentle at both ends. */
static void
test_cue_shape (void)
{
  for (int cue = 0; cue < N_CUES; cue++)
    {
      gsize n, edge = RATE * 2 / 1000;
      const float *x = nk_sound_get_samples (cue, &n);
      double peak = 0, edge_peak = 0;

      g_assert_cmpuint (n, >, RATE / 10);
      g_assert_cmpuint (n, <=, RATE * 600 / 1000);
      for (gsize i = 0; i < n; i++)
        peak = MAX (peak, fabs (x[i]));
      for (gsize i = 0; i < edge; i++)
        edge_peak = MAX (edge_peak, MAX (fabs (x[i]), fabs (x[n - 1 - i])));

      g_assert_cmpfloat (peak, <, 1.0);
      g_assert_cmpfloat (peak, >, 0.3);
      g_assert_cmpfloat (fabs (x[0]), <, 1e-3);
      g_assert_cmpfloat (fabs (x[n - 1]), <, 1e-3);
      /* Still ramping up or down 2 ms in: no click. */
      g_assert_cmpfloat (edge_peak, <, 0.25 * peak);
    }
}

static void
test_cue_first_hz (void)
{
  for (int cue = 0; cue < N_CUES; cue++)
    {
      gsize n;
      const float *x = nk_sound_get_samples (cue, &n);
      gsize skip = RATE * 2 / 1000, window = RATE * 40 / 1000;

      g_assert_cmpuint (skip + window, <=, n);
      assert_hz (dominant_hz (x + skip, window), nk_sound_cue_first_hz (cue));
    }
}

/* Every pair of cues sounds different. */
static void
test_cue_distinct (void)
{
  for (int a = 0; a < N_CUES; a++)
    for (int b = a + 1; b < N_CUES; b++)
      {
        gsize na, nb;
        const float *xa = nk_sound_get_samples (a, &na);
        const float *xb = nk_sound_get_samples (b, &nb);
        double sum = 0;

        for (gsize i = 0; i < MAX (na, nb); i++)
          {
            double d = (i < na ? xa[i] : 0) - (i < nb ? xb[i] : 0);
            sum += d * d;
          }
        if (sqrt (sum / MAX (na, nb)) < 0.05)
          g_error ("cues %d and %d are too alike", a, b);
      }
}

/* The alarm's siren, measured: it starts on its low note, sweeps up to
 * the high one at its middle and back down, each 20 ms window higher than
 * the last while rising and lower while falling, and it is the loudest
 * cue of the kiosk (with the overdue sleep check). */
static void
test_cue_alarm (void)
{
  gsize n, window = RATE * 20 / 1000;
  const float *x = nk_sound_get_samples (NK_CUE_ALARM, &n);
  double peak = 0, last = 0, top = 0;
  gsize top_at = 0, start = RATE * 80 / 1000, end = n - RATE * 30 / 1000;

  assert_hz (dominant_hz (x + RATE * 2 / 1000, RATE * 40 / 1000), NK_CUE_ALARM_LOW_HZ);
  for (gsize at = start; at + window <= end; at += window)
    {
      double hz = dominant_hz (x + at, window);

      g_test_message ("%4zu ms: %.0f Hz", at * 1000 / RATE, hz);
      g_assert_cmpfloat (hz, >, 0.9 * NK_CUE_ALARM_LOW_HZ);
      g_assert_cmpfloat (hz, <, 1.05 * NK_CUE_ALARM_HIGH_HZ);
      if (hz > top)
        {
          top = hz;
          top_at = at;
        }
    }
  /* rising up to the top, falling after it (a 20 ms window's resolution
   * aside): by at least 30 Hz a window away from the top */
  for (gsize at = start; at + window <= end; at += window)
    {
      double hz = dominant_hz (x + at, window);

      if (last > 0 && at + window < top_at)
        g_assert_cmpfloat (hz, >, last + 30);
      if (last > 0 && at > top_at + window)
        g_assert_cmpfloat (hz, <, last - 30);
      last = hz;
    }
  assert_hz (top, NK_CUE_ALARM_HIGH_HZ);
  g_assert_cmpuint (top_at * 1000 / RATE, >, 250);
  g_assert_cmpuint (top_at * 1000 / RATE, <, 400);
  /* down again at the end */
  g_assert_cmpfloat (dominant_hz (x + n - RATE * 50 / 1000, RATE * 20 / 1000), <, 0.65 * top);

  for (gsize i = 0; i < n; i++)
    peak = MAX (peak, fabs (x[i]));
  g_assert_cmpfloat (peak, >=, 0.95);
  for (int cue = 0; cue < N_CUES; cue++)
    {
      gsize m;
      const float *y = nk_sound_get_samples (cue, &m);

      for (gsize i = 0; i < m; i++)
        g_assert_cmpfloat (fabs (y[i]), <=, peak + 1e-6);
    }
}

static void
test_play_file (void)
{
  g_autoptr(NkSound) sound = NULL;
  g_autofree float *x = NULL;
  guint notified = 0;
  gsize n, cue_n;
  gssize start, end, cue_start;
  const float *cue = nk_sound_get_samples (NK_CUE_CHECK_IN, &cue_n);

  g_remove (out_path);
  sound = nk_sound_new (TRUE, 0.5);
  g_signal_connect (sound, "notify::available", G_CALLBACK (count_notify), &notified);

  nk_sound_play (sound, NK_CUE_CHECK_IN);
  drain_and_dispatch (sound);

  g_assert_true (nk_sound_get_available (sound));
  g_assert_cmpuint (notified, ==, 1);

  x = read_output (&n);
  start = first_loud (x, n, 1.0);
  end = last_loud (x, n, 1.0);
  g_assert_cmpint (start, >=, 0);
  /* About the cue's length: the loud part of the file is the loud part of the cue. */
  cue_start = first_loud (cue, cue_n, 0.5);
  g_assert_cmpint (ABS ((end - start) - (last_loud (cue, cue_n, 0.5) - cue_start)), <=, 2);
  assert_cue_at (x, n, start - cue_start, NK_CUE_CHECK_IN, 0.5);

  /* The first note, as heard in the file. */
  assert_hz (dominant_hz (x + start + RATE * 2 / 1000, RATE * 40 / 1000),
             nk_sound_cue_first_hz (NK_CUE_CHECK_IN));
}

/* A newer cue replaces one not yet started, or cuts the one playing; the
 * newest always plays in full, and cues after a drain follow on. */
static void
test_play_replace (void)
{
  g_autoptr(NkSound) sound = NULL;
  g_autofree float *x = NULL;
  gsize n, refused_n, already_n;
  const float *refused = nk_sound_get_samples (NK_CUE_REFUSED, &refused_n);
  const float *already = nk_sound_get_samples (NK_CUE_ALREADY, &already_n);
  gssize end, refused_end, already_start;

  g_remove (out_path);
  sound = nk_sound_new (TRUE, 1.0);

  nk_sound_play (sound, NK_CUE_UNKNOWN);
  nk_sound_play (sound, NK_CUE_LOST);
  nk_sound_play (sound, NK_CUE_REFUSED);
  drain_and_dispatch (sound);
  g_assert_true (nk_sound_get_available (sound));

  x = read_output (&n);
  end = last_loud (x, n, 1.0);
  refused_end = assert_cue_at (x, n, end - last_loud (refused, refused_n, 1.0),
                               NK_CUE_REFUSED, 1.0) + refused_n;
  g_clear_pointer (&x, g_free);

  /* The stream was stopped when the queue ran dry; it starts again. */
  nk_sound_play (sound, NK_CUE_ALREADY);
  drain_and_dispatch (sound);

  x = read_output (&n);
  end = last_loud (x, n, 1.0);
  already_start = assert_cue_at (x, n, end - last_loud (already, already_n, 1.0),
                                 NK_CUE_ALREADY, 1.0);
  g_assert_cmpint (already_start, >=, refused_end);
}

static double
rms (const float *x, gsize n)
{
  double sum = 0;

  for (gsize i = 0; i < n; i++)
    sum += (double) x[i] * x[i];
  return sqrt (sum / n);
}

static double
peak_of (const float *x, gsize n)
{
  double peak = 0;

  for (gsize i = 0; i < n; i++)
    peak = MAX (peak, fabs (x[i]));
  return peak;
}

/* The sleep-check cues: "due" gentle (quieter than the door's cues),
 * "overdue" the loudest cue of all (with the alarm) and well above "due", and each heard
 * as itself through the device: captured one after the other, measured
 * in level and first note. */
static void
test_sleep_cues (void)
{
  g_autoptr(NkSound) sound = NULL;
  g_autofree float *x = NULL;
  gsize n, due_n, over_n;
  const float *due = nk_sound_get_samples (NK_CUE_SLEEP_DUE, &due_n);
  const float *over = nk_sound_get_samples (NK_CUE_SLEEP_OVERDUE, &over_n);
  gssize end, due_start, over_start;

  for (int cue = 0; cue < N_CUES; cue++)
    {
      gsize cn;
      const float *c = nk_sound_get_samples (cue, &cn);

      /* the alarm's siren is as loud (test_cue_alarm) */
      if (cue != NK_CUE_SLEEP_OVERDUE && cue != NK_CUE_ALARM)
        g_assert_cmpfloat (peak_of (over, over_n), >, peak_of (c, cn) + 0.1);
      if (cue != NK_CUE_SLEEP_DUE)
        g_assert_cmpfloat (peak_of (due, due_n), <, peak_of (c, cn));
    }

  g_remove (out_path);
  sound = nk_sound_new (TRUE, 1.0);
  nk_sound_play (sound, NK_CUE_SLEEP_DUE);
  drain_and_dispatch (sound);
  nk_sound_play (sound, NK_CUE_SLEEP_OVERDUE);
  drain_and_dispatch (sound);
  g_assert_true (nk_sound_get_available (sound));

  x = read_output (&n);
  due_start = assert_cue_at (x, n, first_loud (x, n, 1.0) - first_loud (due, due_n, 1.0),
                             NK_CUE_SLEEP_DUE, 1.0);
  end = last_loud (x, n, 1.0);
  over_start = assert_cue_at (x, n, end - last_loud (over, over_n, 1.0), NK_CUE_SLEEP_OVERDUE, 1.0);
  g_assert_cmpint (over_start, >=, due_start + (gssize) due_n);

  /* as heard: overdue more than twice as loud, each with its own first note */
  g_assert_cmpfloat (rms (x + over_start, over_n), >, 2.0 * rms (x + due_start, due_n));
  assert_hz (dominant_hz (x + due_start + RATE * 2 / 1000, RATE * 40 / 1000),
             nk_sound_cue_first_hz (NK_CUE_SLEEP_DUE));
  assert_hz (dominant_hz (x + over_start + RATE * 2 / 1000, RATE * 40 / 1000),
             nk_sound_cue_first_hz (NK_CUE_SLEEP_OVERDUE));
}

/* The ratio breach: a cue of its own, as loud as the door's loudest and
 * under "sleep check overdue", heard as itself through the device. */
static void
test_ratio_cue (void)
{
  g_autoptr(NkSound) sound = NULL;
  g_autofree float *x = NULL;
  gsize n, ratio_n, staff_n, over_n;
  const float *ratio = nk_sound_get_samples (NK_CUE_RATIO_BREACH, &ratio_n);
  const float *staff = nk_sound_get_samples (NK_CUE_STAFF, &staff_n);
  const float *over = nk_sound_get_samples (NK_CUE_SLEEP_OVERDUE, &over_n);
  gssize start;

  g_assert_cmpfloat (peak_of (ratio, ratio_n), >, peak_of (staff, staff_n));
  g_assert_cmpfloat (peak_of (ratio, ratio_n), <, peak_of (over, over_n));
  g_assert_cmpfloat (nk_sound_cue_first_hz (NK_CUE_RATIO_BREACH), !=, nk_sound_cue_first_hz (NK_CUE_STAFF));

  g_remove (out_path);
  sound = nk_sound_new (TRUE, 1.0);
  nk_sound_play (sound, NK_CUE_RATIO_BREACH);
  drain_and_dispatch (sound);
  g_assert_true (nk_sound_get_available (sound));
  x = read_output (&n);
  start = assert_cue_at (x, n, first_loud (x, n, 1.0) - first_loud (ratio, ratio_n, 1.0),
                         NK_CUE_RATIO_BREACH, 1.0);
  assert_hz (dominant_hz (x + start + RATE * 2 / 1000, RATE * 40 / 1000),
             nk_sound_cue_first_hz (NK_CUE_RATIO_BREACH));
}

static void
test_play_disabled (void)
{
  g_autoptr(NkSound) sound = NULL;
  guint notified = 0;

  g_remove (out_path);
  sound = nk_sound_new (FALSE, 1.0);
  g_signal_connect (sound, "notify::available", G_CALLBACK (count_notify), &notified);

  for (int cue = 0; cue < N_CUES; cue++)
    nk_sound_play (sound, cue);
  drain_and_dispatch (sound);

  /* The device was never even opened. */
  g_assert_false (g_file_test (out_path, G_FILE_TEST_EXISTS));
  g_assert_false (nk_sound_get_available (sound));
  g_assert_cmpuint (notified, ==, 0);
}

typedef struct {
  guint said;      /* "Sound is unavailable" messages */
  guint retried;   /* failed retries (debug) */
} Counts;

static GLogWriterOutput
count_messages (GLogLevelFlags   level,
                const GLogField *fields,
                gsize            n_fields,
                gpointer         data)
{
  Counts *counts = data;
  const char *domain = NULL, *message = NULL;

  for (gsize i = 0; i < n_fields; i++)
    {
      if (g_str_equal (fields[i].key, "GLIB_DOMAIN"))
        domain = fields[i].value;
      else if (g_str_equal (fields[i].key, "MESSAGE"))
        message = fields[i].value;
    }

  if (g_strcmp0 (domain, "nk-sound") == 0 && message != NULL)
    {
      if ((level & G_LOG_LEVEL_MESSAGE) && strstr (message, "Sound is unavailable") != NULL)
        counts->said++;
      if ((level & G_LOG_LEVEL_DEBUG) && strstr (message, "still unavailable") != NULL)
        counts->retried++;
    }

  return g_log_writer_default (level, fields, n_fields, data);
}

/* No sound card: silent, said once, available=FALSE, nothing breaks. */
static void
test_play_missing_device (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *missing = g_build_filename (tmp_dir, "missing.conf", NULL);
      g_autoptr(NkSound) sound = NULL;
      g_autoptr(NkSound) plain = nk_sound_new (FALSE, 1.0);
      Counts counts = { 0 };
      guint notified = 0, retry_ms = 0;

      write_missing_config (missing);
      g_setenv ("ALSA_CONFIG_PATH", missing, TRUE);
      g_log_set_writer_func (count_messages, &counts, NULL);

      /* By default a failed device is tried again after 10 s at the
       * earliest; here after an hour, so that a slow machine cannot make a
       * retry happen during the test. */
      g_object_get (plain, "retry-interval", &retry_ms, NULL);
      g_assert_cmpuint (retry_ms, ==, 10000);
      sound = g_object_new (NK_TYPE_SOUND, "enabled", TRUE, "volume", 1.0,
                            "retry-interval", 3600 * 1000, NULL);
      g_signal_connect (sound, "notify::available", G_CALLBACK (count_notify), &notified);
      for (int cue = 0; cue < N_CUES; cue++)
        {
          nk_sound_play (sound, cue);
          drain_and_dispatch (sound);
        }

      g_assert_false (nk_sound_get_available (sound));
      g_assert_cmpuint (notified, ==, 0);
      /* Tried once and said so once; the cues that followed did not retry. */
      g_assert_cmpuint (counts.said, ==, 1);
      g_assert_cmpuint (counts.retried, ==, 0);
      g_assert_false (g_file_test (out_path, G_FILE_TEST_EXISTS));
      return;
    }

  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, 0);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("*Sound is unavailable*");
}

/* A speaker that turns up later is used by the next cue after the retry
 * interval (here 0, so no test waits). */
static void
test_play_hotplug (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *changing = g_build_filename (tmp_dir, "changing.conf", NULL);
      g_autoptr(NkSound) sound = NULL;
      g_autofree float *x = NULL;
      gsize n, cue_n;
      const float *cue = nk_sound_get_samples (NK_CUE_STAFF, &cue_n);
      guint notified = 0;
      Counts counts = { 0 };

      write_missing_config (changing);
      g_setenv ("ALSA_CONFIG_PATH", changing, TRUE);
      g_log_set_writer_func (count_messages, &counts, NULL);

      sound = g_object_new (NK_TYPE_SOUND, "enabled", TRUE, "volume", 0.7,
                            "retry-interval", 0, NULL);
      g_signal_connect (sound, "notify::available", G_CALLBACK (count_notify), &notified);
      nk_sound_play (sound, NK_CUE_CHECK_IN);
      drain_and_dispatch (sound);
      g_assert_false (nk_sound_get_available (sound));
      /* The cue tried again, quietly. */
      g_assert_cmpuint (counts.said, ==, 1);
      g_assert_cmpuint (counts.retried, ==, 1);

      /* Plugged in. */
      write_file_config (changing);
      nk_sound_play (sound, NK_CUE_STAFF);
      drain_and_dispatch (sound);

      g_assert_true (nk_sound_get_available (sound));
      g_assert_cmpuint (notified, ==, 1);
      x = read_output (&n);
      assert_cue_at (x, n, first_loud (x, n, 1.0) - first_loud (cue, cue_n, 0.7),
                     NK_CUE_STAFF, 0.7);
      return;
    }

  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, 0);
  g_test_trap_assert_passed ();
}

static void
remove_tmp_dir (void)
{
  g_autoptr(GDir) dir = g_dir_open (tmp_dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (tmp_dir, name, NULL);
      g_remove (path);
    }
  g_rmdir (tmp_dir);
}

int
main (int argc, char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  /* Before anything can start PortAudio. */
  tmp_dir = g_dir_make_tmp ("nk-test-sound-XXXXXX", &error);
  g_assert_no_error (error);
  config_path = g_build_filename (tmp_dir, "alsa.conf", NULL);
  out_path = g_build_filename (tmp_dir, "out.raw", NULL);
  write_file_config (config_path);
  g_setenv ("ALSA_CONFIG_PATH", config_path, TRUE);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/nk/sound/cue/once", test_cue_once);
  g_test_add_func ("/nk/sound/cue/shape", test_cue_shape);
  g_test_add_func ("/nk/sound/cue/first-hz", test_cue_first_hz);
  g_test_add_func ("/nk/sound/cue/distinct", test_cue_distinct);
  g_test_add_func ("/nk/sound/cue/alarm", test_cue_alarm);
  g_test_add_func ("/nk/sound/play/file", test_play_file);
  g_test_add_func ("/nk/sound/play/replace", test_play_replace);
  g_test_add_func ("/nk/sound/play/sleep-cues", test_sleep_cues);
  g_test_add_func ("/nk/sound/play/ratio-cue", test_ratio_cue);
  g_test_add_func ("/nk/sound/play/disabled", test_play_disabled);
  g_test_add_func ("/nk/sound/play/missing-device", test_play_missing_device);
  g_test_add_func ("/nk/sound/play/hotplug", test_play_hotplug);

  ret = g_test_run ();

  remove_tmp_dir ();
  g_free (config_path);
  g_free (out_path);
  g_free (tmp_dir);
  return ret;
}
