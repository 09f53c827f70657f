/* nk-wedge-decoder.c — key events of a keyboard-emulating reader to card
 * numbers (rules in the header). */
#define G_LOG_DOMAIN "nk-reader"

#include "config.h"

#include <glib/gi18n.h>

#include "nk-wedge-decoder.h"

struct _NkWedgeDecoder {
  char     buffer[NK_WEDGE_DECODER_MAX_CHARS + 1];
  guint    length;
  gboolean overflowed;   /* dropping the rest of an overlong line */
};

NkWedgeDecoder *
nk_wedge_decoder_new (void)
{
  return g_new0 (NkWedgeDecoder, 1);
}

void
nk_wedge_decoder_free (NkWedgeDecoder *self)
{
  g_free (self);
}

void
nk_wedge_decoder_reset (NkWedgeDecoder *self)
{
  g_return_if_fail (self != NULL);

  self->length = 0;
  self->buffer[0] = '\0';
  self->overflowed = FALSE;
}

const char *
nk_wedge_decoder_peek (NkWedgeDecoder *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->buffer;
}

/* The character a key stands for, or '\0'. */
static char
key_to_char (guint16 code)
{
  switch (code)
    {
    case KEY_1: case KEY_KP1: return '1';
    case KEY_2: case KEY_KP2: return '2';
    case KEY_3: case KEY_KP3: return '3';
    case KEY_4: case KEY_KP4: return '4';
    case KEY_5: case KEY_KP5: return '5';
    case KEY_6: case KEY_KP6: return '6';
    case KEY_7: case KEY_KP7: return '7';
    case KEY_8: case KEY_KP8: return '8';
    case KEY_9: case KEY_KP9: return '9';
    case KEY_0: case KEY_KP0: return '0';
    case KEY_A: return 'A';
    case KEY_B: return 'B';
    case KEY_C: return 'C';
    case KEY_D: return 'D';
    case KEY_E: return 'E';
    case KEY_F: return 'F';
    default: return '\0';
    }
}

static gboolean
key_is_ignored (guint16 code)
{
  switch (code)
    {
    case KEY_LEFTSHIFT:
    case KEY_RIGHTSHIFT:
    case KEY_CAPSLOCK:
    case KEY_NUMLOCK:
      return TRUE;
    default:
      return FALSE;
    }
}

char *
nk_wedge_decoder_feed (NkWedgeDecoder           *self,
                       const struct input_event *event)
{
  char c;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (event != NULL, NULL);

  if (event->type == EV_SYN && event->code == SYN_DROPPED)
    {
      if (self->length > 0)
        g_debug ("Keyboard card reader: events lost; dropped “%s”", self->buffer);
      nk_wedge_decoder_reset (self);
      return NULL;
    }

  /* Only key presses count: not releases (0), not auto-repeat (2). */
  if (event->type != EV_KEY || event->value != 1)
    return NULL;

  if (key_is_ignored (event->code))
    return NULL;

  if (event->code == KEY_ENTER || event->code == KEY_KPENTER)
    {
      char *uid = NULL;

      if (!self->overflowed && self->length > 0)
        uid = g_strndup (self->buffer, self->length);
      nk_wedge_decoder_reset (self);
      return uid;
    }

  c = key_to_char (event->code);
  if (c == '\0')
    {
      if (self->length > 0)
        g_debug ("Keyboard card reader: key %u is not part of a card number; "
                 "dropped “%s”", event->code, self->buffer);
      nk_wedge_decoder_reset (self);
      return NULL;
    }

  if (self->overflowed)
    return NULL;

  if (self->length >= NK_WEDGE_DECODER_MAX_CHARS)
    {
      g_message ("Keyboard card reader typed more than %d characters without Enter; "
                 "dropped “%s…” — is it a card reader?",
                 NK_WEDGE_DECODER_MAX_CHARS, self->buffer);
      nk_wedge_decoder_reset (self);
      self->overflowed = TRUE;
      return NULL;
    }

  self->buffer[self->length++] = c;
  self->buffer[self->length] = '\0';
  return NULL;
}
