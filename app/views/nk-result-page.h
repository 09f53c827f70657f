/* nk-result-page.h — the answer to a tap: a full-bleed colour per
 * outcome, the child's avatar and name, 入园 / 离园, the time and room. */
#pragma once

#include <adwaita.h>

#include "core/nk-attendance.h"
#include "nk-day-view.h"

G_BEGIN_DECLS

#define NK_TYPE_RESULT_PAGE (nk_result_page_get_type ())
G_DECLARE_FINAL_TYPE (NkResultPage, nk_result_page, NK, RESULT_PAGE, GtkWidget)

GtkWidget  *nk_result_page_new            (void);
/* One outcome (a tap) or several (a family's confirmed choice);
 * results: NkTapResult*.  tz: the centre's time zone for the times. */
void        nk_result_page_show_results   (NkResultPage *self, GPtrArray *results, GTimeZone *tz);
void        nk_result_page_show_result    (NkResultPage *self, NkTapResult *result, GTimeZone *tz);
/* Nothing was recorded: the database failed (disk full, locked …). */
void        nk_result_page_show_not_saved (NkResultPage *self, const char *reason);

/* Shows a checked-out child's day under the result (after show_results,
 * which clears the days); the page owns the view.  Two days stand side
 * by side, one or three and more one after the other. */
void        nk_result_page_add_day        (NkResultPage *self, NkDayView *view);
/* A checked-out child's day could not be read: says so under the result. */
void        nk_result_page_show_day_missing (NkResultPage *self);
/* Forgets the days shown (the page is left: no family's day stays behind). */
void        nk_result_page_clear_days     (NkResultPage *self);
guint       nk_result_page_get_n_days     (NkResultPage *self);
/* the notes shown (nk-door-notes.h), as read out */
guint       nk_result_page_get_n_notes    (NkResultPage *self);
const char *nk_result_page_get_note       (NkResultPage *self, guint i);
NkDayView  *nk_result_page_get_day        (NkResultPage *self, guint n);
/* Incidents of the days shown still waiting for an acknowledgement. */
guint       nk_result_page_get_n_pending  (NkResultPage *self);

/* signal "acknowledge" (NkDayView *view, incident_id, guardian_id) */

/* What is on screen, for tests and the benchmark. */
const char *nk_result_page_get_headline   (NkResultPage *self);
const char *nk_result_page_get_message    (NkResultPage *self);
/* "in", "out", "already", "refused", "staff" */
const char *nk_result_page_get_tone       (NkResultPage *self);
guint       nk_result_page_get_n_people   (NkResultPage *self);
/* Name shown on the n-th person card, or NULL. */
const char *nk_result_page_get_person_name (NkResultPage *self, guint n);
/* The n-th person's avatar (initials, then the photo when loaded), or NULL. */
AdwAvatar  *nk_result_page_get_avatar     (NkResultPage *self, guint n);

/* The headline for an outcome ("Checked in" …), translated. */
const char *nk_tap_outcome_headline (NkTapOutcome outcome);

G_END_DECLS
