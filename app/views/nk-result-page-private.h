/* nk-result-page-private.h — shared by nk-result-page.c (the answer to a
 * tap) and nk-result-page-days.c (the days shown at pick-up). */
#pragma once

#include "nk-day-view.h"
#include "nk-photo-cache.h"
#include "nk-result-page.h"

G_BEGIN_DECLS

struct _NkResultPage
{
  GtkWidget parent_instance;

  GtkImage *icon;
  GtkLabel *headline_label;
  GtkFlowBox *cards;
  GtkLabel *message_label;
  GtkBox *body;          /* the people, and the side box under or beside them */
  GtkBox *side_box;      /* the message and the notes */
  GtkBox *notes_box;
  GtkBox *days_box;

  const char *tone;
  GPtrArray *names;   /* char*, the people shown */
  GPtrArray *avatars; /* AdwAvatar*, theirs (owned by the cards) */
  GPtrArray *days;    /* NkDayView*, the days shown (owned by days_box) */
  GPtrArray *notes;   /* char*, the notes shown, as read out */

  NkPhotoCache *photo_cache;
  GCancellable *photo_cancellable;   /* the photos of the people shown */
};

G_END_DECLS
