/* nk-result-page.c — the answer to a tap.
 *
 * The page takes its whole colour from a "tone" CSS class (nk-in, nk-out,
 * nk-already, nk-refused, nk-staff) so the answer reads from across the
 * room; the words say the same thing for anyone who cannot tell colours
 * apart.  The days shown at pick-up are nk-result-page-days.c. */
#define G_LOG_DOMAIN "nk-views"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "nk-a11y.h"
#include "nk-result-page-private.h"

G_DEFINE_FINAL_TYPE (NkResultPage, nk_result_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_PHOTO_CACHE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_ACKNOWLEDGE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef enum {
  TONE_IN,
  TONE_OUT,
  TONE_STAFF,
  TONE_ALREADY,
  TONE_REFUSED,
} Tone;

static const char *tone_names[] = { "in", "out", "staff", "already", "refused" };
static const char *tone_classes[] = { "nk-in", "nk-out", "nk-staff", "nk-already", "nk-refused" };

static Tone
outcome_tone (NkTapOutcome outcome)
{
  switch (outcome)
    {
    case NK_TAP_CHECKED_IN:
      return TONE_IN;
    case NK_TAP_CHECKED_OUT:
      return TONE_OUT;
    case NK_TAP_ALREADY_RECORDED:
    case NK_TAP_FAMILY:
      return TONE_ALREADY;
    case NK_TAP_STAFF_CLOCKED_IN:
    case NK_TAP_STAFF_OPEN:
    case NK_TAP_STAFF_CLOCKED_OUT:
    case NK_TAP_CONSENT:
      return TONE_STAFF;
    case NK_TAP_UNKNOWN_CARD:
    case NK_TAP_LOST_CARD:
    case NK_TAP_INVALID_UID:
    case NK_TAP_NOT_AUTHORISED:
    case NK_TAP_NO_CHILDREN:
    case NK_TAP_INACTIVE:
    default:
      return TONE_REFUSED;
    }
}

const char *
nk_tap_outcome_headline (NkTapOutcome outcome)
{
  switch (outcome)
    {
    case NK_TAP_CHECKED_IN:
      return _("Checked in");
    case NK_TAP_CHECKED_OUT:
      return _("Checked out");
    case NK_TAP_ALREADY_RECORDED:
      return _("Already recorded");
    case NK_TAP_UNKNOWN_CARD:
      return _("Card not registered");
    case NK_TAP_LOST_CARD:
      return _("Card reported lost");
    case NK_TAP_INVALID_UID:
      return _("Card could not be read");
    case NK_TAP_FAMILY:
      return _("Please choose");
    case NK_TAP_NOT_AUTHORISED:
      return _("Not authorised to pick up");
    case NK_TAP_NO_CHILDREN:
      return _("No child on this card");
    case NK_TAP_INACTIVE:
      return _("Card no longer active");
    case NK_TAP_STAFF_CLOCKED_IN:
      return _("Clocked in");
    case NK_TAP_STAFF_OPEN:
      return _("Staff mode");
    case NK_TAP_STAFF_CLOCKED_OUT:
      return _("Clocked out");
    case NK_TAP_CONSENT:
      return _("Consent given");
    default:
      return _("Please ask staff");
    }
}

/* What the person at the door should do next, when there is something. */
static const char *
outcome_instruction (NkTapOutcome outcome)
{
  switch (outcome)
    {
    case NK_TAP_ALREADY_RECORDED:
      return _("This card was just tapped — nothing more to do");
    case NK_TAP_UNKNOWN_CARD:
      return _("This card is not registered — please ask staff");
    case NK_TAP_LOST_CARD:
      return _("This card was reported lost — please ask staff");
    case NK_TAP_INVALID_UID:
      return _("Please hold the card still on the reader and tap again. If it keeps happening, please ask staff.");
    case NK_TAP_NOT_AUTHORISED:
      return _("Only an authorised guardian can pick up this child. A member of staff is coming.");
    case NK_TAP_NO_CHILDREN:
      return _("No child is linked to this card — please ask staff");
    case NK_TAP_INACTIVE:
      return _("This card no longer works here — please ask staff");
    case NK_TAP_CHECKED_IN:
    case NK_TAP_CHECKED_OUT:
    case NK_TAP_FAMILY:
    case NK_TAP_STAFF_CLOCKED_IN:
    case NK_TAP_STAFF_OPEN:
    case NK_TAP_STAFF_CLOCKED_OUT:
    case NK_TAP_CONSENT:
    default:
      return NULL;
    }
}

static const char *
tone_icon (Tone tone)
{
  switch (tone)
    {
    case TONE_REFUSED:
      return "dialog-error-symbolic";
    case TONE_ALREADY:
      return "emblem-ok-symbolic";
    case TONE_IN:
    case TONE_OUT:
    case TONE_STAFF:
    default:
      return "emblem-ok-symbolic";
    }
}

static void
nk_result_page_set_tone (NkResultPage *self,
                         Tone          tone)
{
  for (guint i = 0; i < G_N_ELEMENTS (tone_classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self), tone_classes[i]);
  gtk_widget_add_css_class (GTK_WIDGET (self), tone_classes[tone]);
  self->tone = tone_names[tone];
}

/* Photos still loading belong to the people about to leave the page. */
static void
nk_result_page_cancel_photos (NkResultPage *self)
{
  g_cancellable_cancel (self->photo_cancellable);
  g_clear_object (&self->photo_cancellable);
}

static void
nk_result_page_clear (NkResultPage *self)
{
  GtkWidget *child;

  nk_result_page_cancel_photos (self);
  self->photo_cancellable = g_cancellable_new ();
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->cards))) != NULL)
    gtk_flow_box_remove (self->cards, child);
  g_ptr_array_set_size (self->names, 0);
  g_ptr_array_set_size (self->avatars, 0);
  g_ptr_array_set_size (self->notes, 0);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->notes_box))) != NULL)
    gtk_box_remove (self->notes_box, child);
  gtk_widget_set_visible (GTK_WIDGET (self->notes_box), FALSE);
  nk_result_page_clear_days (self);
}

static GtkWidget *
make_label (const char *text,
            const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (label, css_class);
  return label;
}

/* The avatar follows the window's size class (see nk-window.c). */
static int
nk_result_page_avatar_size (NkResultPage *self,
                            gboolean      several)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  int size = 176;

  if (root != NULL && gtk_widget_has_css_class (GTK_WIDGET (root), "nk-large"))
    size = 256;
  else if (root != NULL && gtk_widget_has_css_class (GTK_WIDGET (root), "nk-compact"))
    size = 128;

  return several ? size * 3 / 4 : size;
}

/* One person on the page: avatar, name, (outcome word when several),
 * time and room. */
static void
nk_result_page_add_person (NkResultPage *self,
                           NkTapResult  *result,
                           GTimeZone    *tz,
                           gboolean      several)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  /* the person's photo (or initials) is a picture a screen reader names */
  GtkWidget *avatar = g_object_new (ADW_TYPE_AVATAR,
                                    "accessible-role", GTK_ACCESSIBLE_ROLE_IMG,
                                    "size", nk_result_page_avatar_size (self, several),
                                    "text", result->person_name,
                                    "show-initials", TRUE,
                                    NULL);
  g_autofree char *time = nk_tap_result_format_time (result, tz);

  gtk_widget_add_css_class (box, "nk-person");
  gtk_widget_add_css_class (box, tone_classes[outcome_tone (result->outcome)]);
  gtk_widget_set_halign (avatar, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (avatar),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, result->person_name, -1);
  /* initials now; the photo when the cache has it (never decoded here) */
  if (self->photo_cache != NULL)
    nk_photo_cache_show_on_avatar (self->photo_cache, ADW_AVATAR (avatar), result->photo,
                                   self->photo_cancellable);
  gtk_box_append (GTK_BOX (box), avatar);
  gtk_box_append (GTK_BOX (box), make_label (result->person_name, "nk-person-name"));
  if (several)
    gtk_box_append (GTK_BOX (box),
                    make_label (nk_tap_outcome_headline (result->outcome), "nk-person-outcome"));
  if (time != NULL && outcome_tone (result->outcome) != TONE_REFUSED)
    gtk_box_append (GTK_BOX (box), make_label (time, "nk-person-time"));
  if (result->room_name != NULL && result->room_name[0] != '\0')
    gtk_box_append (GTK_BOX (box), make_label (result->room_name, "nk-person-room"));

  nk_a11y_flow_box_append (self->cards, box, result->person_name);
  g_ptr_array_add (self->names, g_strdup (result->person_name));
  g_ptr_array_add (self->avatars, avatar);
}

/* One note: an icon, and its words, for staff said so ("For staff: …");
 * named after its child when the result shows several people. */
static void
nk_result_page_add_note (NkResultPage    *self,
                         const NkTapNote *note,
                         const char      *child_name)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *icon = gtk_image_new_from_icon_name (note->level == NK_NOTE_WARNING
                                                  ? "dialog-warning-symbolic"
                                                  : "dialog-information-symbolic");
  g_autofree char *about = child_name != NULL
                           /* TRANSLATORS: a note about one of the children shown: "王小明：…" */
                           ? g_strdup_printf (_("%s: %s"), child_name, note->text)
                           : g_strdup (note->text);
  char *text = note->audience == NK_NOTE_STAFF
               /* TRANSLATORS: a note on the result page meant for the caregiver at the door */
               ? g_strdup_printf (_("For staff: %s"), about)
               : g_strdup (about);
  GtkWidget *label = make_label (text, "nk-note-text");

  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  note->level == NK_NOTE_WARNING ? _("Warning") : C_("note icon", "Note"), -1);
  gtk_image_set_pixel_size (GTK_IMAGE (icon), 32);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_LEFT);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (row), icon);
  gtk_box_append (GTK_BOX (row), label);
  gtk_widget_add_css_class (row, "nk-note");
  gtk_widget_add_css_class (row, note->level == NK_NOTE_WARNING ? "nk-note-warning" : "nk-note-info");
  if (note->audience == NK_NOTE_STAFF)
    gtk_widget_add_css_class (row, "nk-note-staff");
  gtk_box_append (self->notes_box, row);
  gtk_widget_set_visible (GTK_WIDGET (self->notes_box), TRUE);
  g_ptr_array_add (self->notes, text);
}

/* With notes, on a small screen wider than tall (nk-compact), the people
 * and the notes sit side by side: one under the other, a 1024×600 door
 * would push the notes below its bottom edge. */
static void
nk_result_page_lay_out (NkResultPage *self,
                        gboolean      beside)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  beside = beside && root != NULL && gtk_widget_has_css_class (GTK_WIDGET (root), "nk-compact")
           && !gtk_widget_has_css_class (GTK_WIDGET (root), "nk-portrait");
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->body),
                                  beside ? GTK_ORIENTATION_HORIZONTAL : GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (self->body, beside ? 40 : 12);
  gtk_widget_set_halign (GTK_WIDGET (self->body), beside ? GTK_ALIGN_FILL : GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (GTK_WIDGET (self->side_box), beside);
  gtk_widget_set_margin_start (GTK_WIDGET (self->cards), beside ? 32 : 0);
  gtk_widget_set_halign (GTK_WIDGET (self->notes_box), beside ? GTK_ALIGN_FILL : GTK_ALIGN_CENTER);
  gtk_widget_set_visible (GTK_WIDGET (self->side_box),
                          gtk_widget_get_visible (GTK_WIDGET (self->message_label))
                          || gtk_widget_get_visible (GTK_WIDGET (self->notes_box)));
}

/* The notes of every result shown: the family's first, then staff's. */
static void
nk_result_page_add_notes (NkResultPage *self,
                          GPtrArray    *results,
                          guint         n_people)
{
  for (int audience = NK_NOTE_FAMILY; audience <= NK_NOTE_STAFF; audience++)
    for (guint i = 0; i < results->len; i++)
      {
        NkTapResult *result = g_ptr_array_index (results, i);

        for (guint n = 0; n < nk_tap_result_get_n_notes (result); n++)
          {
            const NkTapNote *note = nk_tap_result_get_note (result, n);

            if ((int) note->audience == audience)
              nk_result_page_add_note (self, note, n_people > 1 ? result->person_name : NULL);
          }
      }
}

void
nk_result_page_show_results (NkResultPage *self,
                             GPtrArray    *results,
                             GTimeZone    *tz)
{
  NkTapResult *worst = NULL;
  gboolean all_same = TRUE;
  guint n_people = 0;
  const char *message = NULL;
  Tone tone;

  g_return_if_fail (NK_IS_RESULT_PAGE (self));
  g_return_if_fail (results != NULL && results->len > 0);

  nk_result_page_clear (self);

  for (guint i = 0; i < results->len; i++)
    {
      NkTapResult *result = g_ptr_array_index (results, i);

      if (result->person_name != NULL)
        n_people++;
      if (worst == NULL || outcome_tone (result->outcome) > outcome_tone (worst->outcome))
        worst = result;
      if (result->outcome != ((NkTapResult *) g_ptr_array_index (results, 0))->outcome)
        all_same = FALSE;
    }

  for (guint i = 0; i < results->len; i++)
    {
      NkTapResult *result = g_ptr_array_index (results, i);

      if (result->person_name != NULL)
        nk_result_page_add_person (self, result, tz, n_people > 1 && !all_same);
    }

  /* one line of people, centred (a flow box is as wide as its lines allow) */
  gtk_flow_box_set_max_children_per_line (self->cards, MAX (1, MIN (n_people, 4)));
  gtk_flow_box_set_min_children_per_line (self->cards, 1);

  tone = outcome_tone (worst->outcome);
  nk_result_page_set_tone (self, tone);

  if (all_same || tone == TONE_REFUSED || tone == TONE_ALREADY)
    gtk_label_set_label (self->headline_label, nk_tap_outcome_headline (worst->outcome));
  else
    /* a family's choice that checked one child in and another out */
    gtk_label_set_label (self->headline_label, _("Recorded"));

  message = worst->message != NULL && worst->message[0] != '\0'
            ? worst->message : outcome_instruction (worst->outcome);
  gtk_label_set_label (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);

  nk_result_page_add_notes (self, results, n_people);
  nk_result_page_lay_out (self, n_people > 0 && self->notes->len > 0);

  /* the avatar is the picture when there is a person; an icon otherwise */
  gtk_image_set_from_icon_name (self->icon, tone_icon (tone));
  gtk_widget_set_visible (GTK_WIDGET (self->icon), n_people == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->cards), n_people > 0);
}

void
nk_result_page_show_result (NkResultPage *self,
                            NkTapResult  *result,
                            GTimeZone    *tz)
{
  g_autoptr(GPtrArray) results = g_ptr_array_new ();

  g_return_if_fail (result != NULL);

  g_ptr_array_add (results, result);
  nk_result_page_show_results (self, results, tz);
}

void
nk_result_page_show_not_saved (NkResultPage *self,
                               const char   *reason)
{
  g_return_if_fail (NK_IS_RESULT_PAGE (self));

  nk_result_page_clear (self);
  nk_result_page_set_tone (self, TONE_REFUSED);
  gtk_label_set_label (self->headline_label, _("Not saved — please tell a member of staff"));
  gtk_label_set_label (self->message_label, reason != NULL ? reason : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), reason != NULL);
  gtk_image_set_from_icon_name (self->icon, "dialog-error-symbolic");
  gtk_widget_set_visible (GTK_WIDGET (self->icon), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->cards), FALSE);
}

static void
nk_result_page_dispose (GObject *object)
{
  NkResultPage *self = NK_RESULT_PAGE (object);
  GtkWidget *child;

  nk_result_page_cancel_photos (self);
  g_clear_object (&self->photo_cache);
  if (self->avatars != NULL)
    g_ptr_array_set_size (self->avatars, 0);
  if (self->days != NULL)
    g_ptr_array_set_size (self->days, 0);
  gtk_widget_dispose_template (GTK_WIDGET (object), NK_TYPE_RESULT_PAGE);
  /* the template's top-level box is not bound: unparent it ourselves */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (nk_result_page_parent_class)->dispose (object);
}

static void
nk_result_page_finalize (GObject *object)
{
  NkResultPage *self = NK_RESULT_PAGE (object);

  g_clear_pointer (&self->names, g_ptr_array_unref);
  g_clear_pointer (&self->avatars, g_ptr_array_unref);
  g_clear_pointer (&self->days, g_ptr_array_unref);
  g_clear_pointer (&self->notes, g_ptr_array_unref);

  G_OBJECT_CLASS (nk_result_page_parent_class)->finalize (object);
}

static void
nk_result_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  NkResultPage *self = NK_RESULT_PAGE (object);

  switch (prop_id)
    {
    case PROP_PHOTO_CACHE:
      g_value_set_object (value, self->photo_cache);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nk_result_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  NkResultPage *self = NK_RESULT_PAGE (object);

  switch (prop_id)
    {
    case PROP_PHOTO_CACHE:
      if (g_set_object (&self->photo_cache, g_value_get_object (value)))
        g_object_notify_by_pspec (object, pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nk_result_page_class_init (NkResultPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nk_result_page_dispose;
  object_class->finalize = nk_result_page_finalize;
  object_class->get_property = nk_result_page_get_property;
  object_class->set_property = nk_result_page_set_property;

  /* Where children's photos come from (NkWindow's); without one the
   * avatars show initials only. */
  properties[PROP_PHOTO_CACHE] =
    g_param_spec_object ("photo-cache", NULL, NULL, NK_TYPE_PHOTO_CACHE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* acknowledge (NkDayView *view, incident_id, guardian_id): a guardian
   * touched "I have read it" on one of the days shown */
  signals[SIGNAL_ACKNOWLEDGE] =
    g_signal_new ("acknowledge", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 3, NK_TYPE_DAY_VIEW, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "nk-result-page.ui");
  gtk_widget_class_bind_template_child (widget_class, NkResultPage, icon);
  gtk_widget_class_bind_template_child (widget_class, NkResultPage, headline_label);
  gtk_widget_class_bind_template_child (widget_class, NkResultPage, cards);
  gtk_widget_class_bind_template_child (widget_class, NkResultPage, message_label);
  gtk_widget_class_bind_template_child (widget_class, NkResultPage, body);
  gtk_widget_class_bind_template_child (widget_class, NkResultPage, side_box);
  gtk_widget_class_bind_template_child (widget_class, NkResultPage, notes_box);
  gtk_widget_class_bind_template_child (widget_class, NkResultPage, days_box);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "nkresultpage");
}

static void
nk_result_page_init (NkResultPage *self)
{
  g_type_ensure (ADW_TYPE_AVATAR);
  gtk_widget_init_template (GTK_WIDGET (self));
  self->names = g_ptr_array_new_with_free_func (g_free);
  self->avatars = g_ptr_array_new ();
  self->days = g_ptr_array_new ();
  self->notes = g_ptr_array_new_with_free_func (g_free);
  nk_result_page_set_tone (self, TONE_ALREADY);
}

GtkWidget *
nk_result_page_new (void)
{
  return g_object_new (NK_TYPE_RESULT_PAGE, NULL);
}

const char *
nk_result_page_get_headline (NkResultPage *self)
{
  g_return_val_if_fail (NK_IS_RESULT_PAGE (self), NULL);
  return gtk_label_get_label (self->headline_label);
}

const char *
nk_result_page_get_message (NkResultPage *self)
{
  g_return_val_if_fail (NK_IS_RESULT_PAGE (self), NULL);
  return gtk_label_get_label (self->message_label);
}

const char *
nk_result_page_get_tone (NkResultPage *self)
{
  g_return_val_if_fail (NK_IS_RESULT_PAGE (self), NULL);
  return self->tone;
}

guint
nk_result_page_get_n_people (NkResultPage *self)
{
  g_return_val_if_fail (NK_IS_RESULT_PAGE (self), 0);
  return self->names->len;
}

const char *
nk_result_page_get_person_name (NkResultPage *self,
                                guint         n)
{
  g_return_val_if_fail (NK_IS_RESULT_PAGE (self), NULL);
  if (n >= self->names->len)
    return NULL;
  return g_ptr_array_index (self->names, n);
}

AdwAvatar *
nk_result_page_get_avatar (NkResultPage *self,
                           guint         n)
{
  g_return_val_if_fail (NK_IS_RESULT_PAGE (self), NULL);
  if (n >= self->avatars->len)
    return NULL;
  return g_ptr_array_index (self->avatars, n);
}

guint
nk_result_page_get_n_notes (NkResultPage *self)
{
  g_return_val_if_fail (NK_IS_RESULT_PAGE (self), 0);
  return self->notes->len;
}

/* The note as shown, "For staff: " and the child's name included. */
const char *
nk_result_page_get_note (NkResultPage *self,
                         guint         i)
{
  g_return_val_if_fail (NK_IS_RESULT_PAGE (self), NULL);
  g_return_val_if_fail (i < self->notes->len, NULL);
  return self->notes->pdata[i];
}

