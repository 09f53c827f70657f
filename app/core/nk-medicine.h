/* nk-medicine.h — medicine a parent hands over (用药委托), and each dose
 * given.
 *
 * A handover (nk_medicine_hand_over) names the child, the medicine, the
 * dose, the times of the day (1–6 "HH:MM") and the guardian who consented
 * by tapping their own card (nk_door_claim_guardian): without that
 * consent it is refused, and so nothing can be given.  A dose
 * (nk_medicine_give) answers one time of a handover of today.  It is due
 * from NK_MEDICINE_DUE_BEFORE_MIN before that time to
 * NK_MEDICINE_DUE_AFTER_MIN after it, until given ("用药到时" in the room
 * list).  The same time given already, or any dose of the medicine given
 * less than NK_MEDICINE_MIN_GAP_MIN ago, is refused with
 * NK_MEDICINE_ERROR_TWICE unless the caregiver confirms ("give anyway"),
 * which the record keeps. */
#pragma once

#include "nk-child-day.h"
#include "nk-kind.h"

G_BEGIN_DECLS

extern const NkKind nk_medicine_kind;        /* "medicine", table medicines */
extern const NkKind nk_medicine_given_kind;  /* "medicine_given", table medicine_given */

#define NK_MEDICINE_MAX_TIMES        6
#define NK_MEDICINE_DUE_BEFORE_MIN   30
#define NK_MEDICINE_DUE_AFTER_MIN    60
#define NK_MEDICINE_MIN_GAP_MIN      120
/* A consent is taken for the handover being written now: a tap older
 * than this is not (the form's claim lasts NK_DOOR_CLAIM_SECONDS). */
#define NK_MEDICINE_CONSENT_MAX_AGE_S 600

#define NK_MEDICINE_ERROR (nk_medicine_error_quark ())
GQuark nk_medicine_error_quark (void);

typedef enum {
  NK_MEDICINE_ERROR_INVALID,     /* a field is missing or wrong: the message says which */
  NK_MEDICINE_ERROR_NO_CONSENT,  /* no guardian's card tap, or not a guardian of the child */
  NK_MEDICINE_ERROR_NOT_FOUND,   /* no such handover today */
  NK_MEDICINE_ERROR_TWICE,       /* given already: confirm to give anyway */
} NkMedicineError;

typedef struct {
  const char *child_id;
  const char *name;          /* the medicine, as on the packet */
  const char *dose;          /* "5 ml", "1 sachet" */
  const char *times;         /* "08:00,12:00" */
  const char *guardian_id;   /* who consented: NULL when nobody did */
  gint64      consent_us;    /* their card tap, UTC µs */
} NkMedicineHandover;

/* The times of text ("8:00, 12:00") as sorted "HH:MM" without repeats;
 * NULL with error (translated) when there are none, more than
 * NK_MEDICINE_MAX_TIMES, or one is not a time of the day. */
GStrv    nk_medicine_parse_times (const char *text, GError **error);

/* Records a handover by staff_id; returns its id, NULL with error. */
char    *nk_medicine_hand_over (NkStore *store, NkCentre *centre, const char *staff_id,
                                const NkMedicineHandover *handover, GError **error);

/* Records a dose of medicine_id for its time dose_time ("HH:MM") by
 * staff_id; give_anyway: the caregiver confirmed a second dose.  Returns
 * the new id, NULL with error (NK_MEDICINE_ERROR_TWICE: the message says
 * when it was given and by whom). */
char    *nk_medicine_give (NkStore *store, NkCentre *centre, const char *staff_id,
                           const char *medicine_id, const char *dose_time, gboolean give_anyway,
                           GError **error);

typedef enum {
  NK_DOSE_LATER,    /* not yet due */
  NK_DOSE_DUE,      /* due now, not given */
  NK_DOSE_MISSED,   /* past its window, not given */
  NK_DOSE_GIVEN,
} NkDoseState;

/* One time of a handover of today. */
typedef struct {
  char       *medicine_id;
  char       *child_id;
  char       *name;
  char       *dose;
  char       *time;          /* "HH:MM" */
  gint64      due_us;        /* that time today, UTC µs */
  NkDoseState state;
  gint64      given_us;      /* the latest dose given for it, 0 none */
  char       *given_by;      /* their name */
  guint       n_given;       /* more than 1: given anyway */
  char       *guardian_name; /* who handed it over */
} NkMedicineDose;

void       nk_medicine_dose_free  (NkMedicineDose *dose);
/* Today's doses of child_id, by time then medicine (NkMedicineDose*). */
GPtrArray *nk_medicine_list_doses (NkStore *store, NkCentre *centre, const char *child_id,
                                   GError **error);

/* The day source (nk-child-day.c): each dose given as a line; "用药到时"
 * as a mark while one is due. */
gboolean   nk_medicine_day_source (NkStore *store, NkDaySet *set, GError **error);

G_END_DECLS
