/* nk-sleep-row.c — one napping child's row on the sleep-check page
 * (nk-sleep-row.h): the name, when the check is due, and the buttons of a
 * check in two touches. */
#define G_LOG_DOMAIN "nk-views"

#include "config.h"

#include <glib/gi18n.h>

#include "nk-sleep-row.h"

/* The parts of a row, kept on it: what a choice changes in place. */
enum { PART_BACK, PART_SIDE, PART_FRONT, PART_BREATHING, PART_COLOUR, PART_OK, N_PARTS };
#define ROW_PARTS  "nk-parts"
#define ROW_NAME   "nk-name"
#define ROW_DETAIL "nk-detail"
#define ROW_CHILD  "nk-child"

static GtkWidget *
make_button (const char *action, GVariant *target)
{
  GtkWidget *button = gtk_button_new ();

  gtk_widget_add_css_class (button, "nk-big-button");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), target);
  return button;
}

static void
name_button (GtkWidget *button, const char *label, const char *accessible, gboolean chosen)
{
  gtk_button_set_label (GTK_BUTTON (button), label);
  if (chosen)
    gtk_widget_add_css_class (button, "nk-chosen");
  else
    gtk_widget_remove_css_class (button, "nk-chosen");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
  gtk_accessible_update_state (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_STATE_PRESSED,
                               chosen ? GTK_ACCESSIBLE_TRISTATE_TRUE : GTK_ACCESSIBLE_TRISTATE_FALSE,
                               -1);
}

/* What the caregiver chose, on the row's buttons. */
void
nk_sleep_row_show_choice (GtkWidget *row, const NkSleepChoice *c)
{
  GtkWidget **parts = g_object_get_data (G_OBJECT (row), ROW_PARTS);
  const char *child = g_object_get_data (G_OBJECT (row), ROW_NAME);
  g_autofree char *breathing = g_strdup_printf (
    /* TRANSLATORS: accessible name: a toggle, breathing normal or not */
    c->breathing_ok ? _("%s: breathing normal") : _("%s: breathing NOT normal"), child);
  g_autofree char *colour = g_strdup_printf (
    /* TRANSLATORS: accessible name: a toggle, colour normal or not */
    c->colour_ok ? _("%s: colour normal") : _("%s: colour NOT normal"), child);
  /* TRANSLATORS: accessible name of the button that records the check */
  g_autofree char *ok = g_strdup_printf (_("Record the sleep check of %s"), child);

  for (int p = NK_SLEEP_BACK; p <= NK_SLEEP_FRONT; p++)
    {
      const char *label = nk_sleep_position_label (p);
      /* TRANSLATORS: accessible name of a position button: child's name, position */
      g_autofree char *name = g_strdup_printf (_("%s: %s"), child, label);

      name_button (parts[PART_BACK + p], label, name, c->position == p);
    }
  name_button (parts[PART_BREATHING], c->breathing_ok ? _("Breathing normal") : _("Breathing NOT normal"),
               breathing, !c->breathing_ok);
  name_button (parts[PART_COLOUR], c->colour_ok ? _("Colour normal") : _("Colour NOT normal"), colour,
               !c->colour_ok);
  /* TRANSLATORS: records the sleep check (two touches: the position, then this) */
  name_button (parts[PART_OK], _("OK"), ok, FALSE);
  gtk_widget_set_sensitive (parts[PART_OK], c->position >= 0);
}

static char *
state_text (NkCentre *centre, const NkSleepDue *due, gint64 now)
{
  g_autofree char *start = nk_centre_format_time (centre, due->start_us);
  g_autofree char *at = nk_centre_format_time (centre, due->due_us);
  g_autofree char *last = due->last_check_us != 0 ? nk_centre_format_time (centre, due->last_check_us)
                                                  : NULL;
  g_autofree char *checked = last != NULL
    /* TRANSLATORS: a napping child's row: the time of the last sleep check */
    ? g_strdup_printf (_("last check %s"), last)
    /* TRANSLATORS: a napping child's row: no sleep check yet */
    : g_strdup (_("no check yet"));
  g_autofree char *state = NULL;

  switch (due->state)
    {
    case NK_SLEEP_WAITING:
      /* TRANSLATORS: a napping child's row: when the next check is due */
      state = g_strdup_printf (_("next check %s"), at);
      break;
    case NK_SLEEP_DUE:
      /* TRANSLATORS: a napping child's row: a check is due since then (巡睡到时) */
      state = g_strdup_printf (_("check due since %s"), at);
      break;
    case NK_SLEEP_OVERDUE:
      /* TRANSLATORS: a napping child's row: overdue by so many minutes (巡睡超时) */
      state = g_strdup_printf (_("check OVERDUE by %d min"),
                               (int) ((now - due->due_us) / (60 * G_USEC_PER_SEC)));
      break;
    default:
      g_assert_not_reached ();
    }
  /* TRANSLATORS: a napping child's row: nap start · last check · next check */
  return g_strdup_printf (_("asleep since %s · %s · %s"), start, checked, state);
}

static GtkWidget *
build_buttons (GtkWidget *row, const NkSleepDue *due)
{
  GtkWidget **parts = g_new0 (GtkWidget *, N_PARTS);
  GtkWidget *positions = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *others = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *lines = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GVariant *child = g_variant_new_string (due->child_id);
  /* TRANSLATORS: accessible name of the button that ends the nap */
  g_autofree char *wake = g_strdup_printf (_("End the nap of %s"), due->child_name);
  GtkWidget *woke;

  g_variant_ref_sink (child);
  for (int p = NK_SLEEP_BACK; p <= NK_SLEEP_FRONT; p++)
    {
      parts[PART_BACK + p] = make_button ("sleep.position",
                                          g_variant_new ("(ss)", due->child_id,
                                                         nk_sleep_position_to_string (p)));
      gtk_box_append (GTK_BOX (positions), parts[PART_BACK + p]);
    }
  parts[PART_BREATHING] = make_button ("sleep.breathing", child);
  parts[PART_COLOUR] = make_button ("sleep.colour", child);
  parts[PART_OK] = make_button ("sleep.record", child);
  gtk_widget_add_css_class (parts[PART_OK], "suggested-action");
  /* TRANSLATORS: ends the child's nap (午睡结束) */
  woke = make_button ("care.nap", child);
  name_button (woke, _("Woke up"), wake, FALSE);
  for (int i = PART_BREATHING; i <= PART_OK; i++)
    gtk_box_append (GTK_BOX (others), parts[i]);
  gtk_box_append (GTK_BOX (others), woke);
  g_variant_unref (child);
  g_object_set_data_full (G_OBJECT (row), ROW_PARTS, parts, g_free);
  /* two lines: the first touch (the position), then what completes it */
  gtk_box_append (GTK_BOX (lines), positions);
  gtk_box_append (GTK_BOX (lines), others);
  return lines;
}

GtkWidget *
nk_sleep_row_new (const NkSleepDue *due, const NkSleepChoice *choice)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *head = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *name = gtk_label_new (due->child_name);
  GtkWidget *detail = gtk_label_new (NULL);
  gtk_widget_add_css_class (row, "nk-sleep-row");
  gtk_widget_add_css_class (name, "nk-sleep-name");
  gtk_label_set_xalign (GTK_LABEL (detail), 0);
  gtk_label_set_wrap (GTK_LABEL (detail), TRUE);
  gtk_widget_set_hexpand (detail, TRUE);
  gtk_widget_add_css_class (detail, "nk-sleep-state");
  gtk_box_append (GTK_BOX (head), name);
  gtk_box_append (GTK_BOX (head), detail);
  gtk_box_append (GTK_BOX (row), head);
  g_object_set_data_full (G_OBJECT (row), ROW_NAME, g_strdup (due->child_name), g_free);
  g_object_set_data (G_OBJECT (row), ROW_DETAIL, detail);
  g_object_set_data_full (G_OBJECT (row), ROW_CHILD, g_strdup (due->child_id), g_free);
  gtk_box_append (GTK_BOX (row), build_buttons (row, due));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, due->child_name, -1);
  nk_sleep_row_show_choice (row, choice);
  return row;
}

void
nk_sleep_row_show_state (GtkWidget *row, NkCentre *centre, const NkSleepDue *due, gint64 now)
{
  static const char *const row_class[] = { "nk-sleep-waiting", "nk-sleep-due", "nk-sleep-overdue" };
  g_autofree char *text = state_text (centre, due, now);

  gtk_label_set_label (g_object_get_data (G_OBJECT (row), ROW_DETAIL), text);
  for (guint i = 0; i < G_N_ELEMENTS (row_class); i++)
    if (i == (guint) due->state)
      gtk_widget_add_css_class (row, row_class[i]);
    else
      gtk_widget_remove_css_class (row, row_class[i]);
}

const char *
nk_sleep_row_get_child_id (GtkWidget *row)
{
  return g_object_get_data (G_OBJECT (row), ROW_CHILD);
}

const char *
nk_sleep_row_get_name (GtkWidget *row)
{
  return g_object_get_data (G_OBJECT (row), ROW_NAME);
}

GtkWidget *
nk_sleep_button_new (const char *action, GVariant *target, const char *label, const char *accessible)
{
  GtkWidget *button = make_button (action, target);

  name_button (button, label, accessible, FALSE);
  return button;
}

