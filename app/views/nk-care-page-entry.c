/* nk-care-page-entry.c — the care entries of the room page: the form
 * opened for the children selected (or for a row being corrected), and
 * what its "save" records: one record for all of them, whose result
 * (how many, who was skipped and why) is said on the page; a refusal is
 * said on the form, which stays open. */
#define G_LOG_DOMAIN "nk-views"

#include "config.h"

#include <glib/gi18n.h>

#include "nk-care-page-private.h"

static const char *const what_names[NK_CARE_N_WHAT] = {
  [NK_CARE_MEAL] = "meal",
  [NK_CARE_BOTTLE] = "bottle",
  [NK_CARE_WATER] = "water",
  [NK_CARE_DIAPER] = "diaper",
  [NK_CARE_MOOD] = "mood",
  [NK_CARE_TEMPERATURE] = "temperature",
  [NK_CARE_INCIDENT] = "incident",
  [NK_CARE_NOTE] = "note",
};

/* ---------------------------------------------------------------- entries */

void
nk_care_page_open_form (NkCarePage      *self,
                        NkCareWhat       what,
                        const NkCareRow *prefill)
{
  g_autoptr (GArray) children = nk_care_page_selected_children (self);
  g_auto (GStrv) defaults = NULL;
  const char *const *phrases = (const char *const *) self->phrases;
  NkCareFormChild one;

  if (prefill != NULL)
    {
      NkChildDay *day = self->set != NULL ? nk_day_set_find (self->set, prefill->child_id) : NULL;

      one = (NkCareFormChild) { prefill->child_id, day != NULL ? day->name : "" };
      g_array_set_size (children, 0);
      g_array_append_val (children, one);
    }
  if (children->len == 0)
    return;
  if (phrases == NULL)
    phrases = (const char *const *) (defaults = nk_care_default_phrases ());
  g_clear_pointer (&self->correcting_id, g_free);
  self->correcting_id = prefill != NULL ? g_strdup (prefill->id) : NULL;
  nk_care_form_setup (self->form, what, nk_door_get_centre (self->door),
                      (NkCareFormChild *) children->data, children->len, prefill, phrases);
  gtk_stack_set_visible_child_name (self->care_stack, "form");
}

static void
action_entry (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  const char *name = g_variant_get_string (parameter, NULL);

  for (guint w = 0; w < NK_CARE_N_WHAT; w++)
    if (g_str_equal (what_names[w], name))
      nk_care_page_open_form (NK_CARE_PAGE (widget), w, NULL);
}

static char *
join_names (GPtrArray *names)
{
  g_ptr_array_add (names, NULL);
  /* TRANSLATORS: between names in a list, e.g. "王小明、李娜" */
  return g_strjoinv (_(", "), (char **) names->pdata);
}

static char *
result_text (NkCareWhat    what,
             NkCareResult *result)
{
  g_autoptr (GString) text = g_string_new (NULL);

  /* TRANSLATORS: after a care entry: kind and how many children it was recorded for */
  g_string_printf (text, g_dngettext (GETTEXT_PACKAGE, "%s recorded for %u child.",
                                      "%s recorded for %u children.", result->ids->len),
                   nk_care_what_label (what), result->ids->len);
  if (result->absent->len > 0)
    {
      g_autofree char *names = join_names (result->absent);
      /* TRANSLATORS: children skipped by a room-wide entry; %s lists their names */
      g_string_append_printf (text, _(" Not checked in, not recorded: %s."), names);
    }
  if (result->excepted->len > 0)
    {
      g_autofree char *names = join_names (result->excepted);
      /* TRANSLATORS: children left out of a room's meal; %s lists their names */
      g_string_append_printf (text, _(" Left out: %s."), names);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
save_new (NkCarePage        *self,
          const NkCareEntry *entry)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) children = nk_care_page_selected_children (self);
  g_autoptr (GStrvBuilder) ids = g_strv_builder_new ();
  g_auto (GStrv) child_ids = NULL;
  g_autoptr (NkCareResult) result = NULL;
  g_autofree char *text = NULL;
  NkActor actor = { "staff", self->staff_id };
  GArray *exceptions = nk_care_form_get_exceptions (self->form);

  for (guint i = 0; i < children->len; i++)
    g_strv_builder_add (ids, g_array_index (children, NkCareFormChild, i).id);
  child_ids = g_strv_builder_end (ids);
  result = nk_care_record (nk_door_get_store (self->door), nk_door_get_centre (self->door), &actor,
                           (const char *const *) child_ids, entry,
                           (NkCareException *) exceptions->data, exceptions->len, &error);
  if (result == NULL)
    {
      g_message ("Care entry (%s) for %u children not saved: %s", nk_care_kind (entry->what)->type,
                 children->len, error->message);
      nk_care_form_show_error (self->form, error->message);
      return;
    }
  g_message ("Care entry (%s) recorded for %u children, %u skipped", nk_care_kind (entry->what)->type,
             result->ids->len, result->absent->len + result->excepted->len);
  text = result_text (entry->what, result);
  nk_care_page_say (self, text, NULL);
  gtk_stack_set_visible_child_name (self->care_stack, "children");
}

static void
save_correction (NkCarePage        *self,
                 const NkCareEntry *entry)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *id = NULL;
  NkActor actor = { "staff", self->staff_id };

  id = nk_care_correct (nk_door_get_store (self->door), nk_door_get_centre (self->door), &actor,
                        self->correcting_id, entry, &error);
  if (id == NULL)
    {
      g_message ("Correction of %s not saved: %s", self->correcting_id, error->message);
      nk_care_form_show_error (self->form, error->message);
      return;
    }
  g_message ("Care entry %s corrected by %s", self->correcting_id, id);
  g_clear_pointer (&self->correcting_id, g_free);
  gtk_stack_set_visible_child_name (self->care_stack, "log");
}

static void
on_form_save (NkCarePage *self)
{
  NkCareEntry entry;

  if (self->door == NULL || self->staff_id == NULL)
    return;
  nk_care_form_get_entry (self->form, &entry);
  if (self->correcting_id != NULL)
    save_correction (self, &entry);
  else
    save_new (self, &entry);
}

static void
on_form_cancelled (NkCarePage *self)
{
  gtk_stack_set_visible_child_name (self->care_stack, self->correcting_id != NULL ? "log" : "children");
  g_clear_pointer (&self->correcting_id, g_free);
}

void
nk_care_page_entry_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "care-page.entry", "s", action_entry);
  gtk_widget_class_bind_template_callback (widget_class, on_form_save);
  gtk_widget_class_bind_template_callback (widget_class, on_form_cancelled);
}
