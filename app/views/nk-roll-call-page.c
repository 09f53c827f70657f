/* nk-roll-call-page.c — the emergency roll call's page (nk-roll-call-page.h).
 * The page records through core (nk-roll-call.h) and draws what the
 * store holds: after every change of the roll call's kinds, of the
 * attendance and of the staff clock (here or relayed) it reads the roll
 * call again, once, from an idle source, and builds its tiles anew. */
#define G_LOG_DOMAIN "nk-views"

#include "config.h"

#include <glib/gi18n.h>

#include "core/nk-export.h"
#include "core/nk-roll-call-pdf.h"
#include "nk-a11y.h"
#include "nk-roll-call-page.h"

struct _NkRollCallPage
{
  GtkWidget parent_instance;

  GtkLabel *missing_label;
  GtkLabel *detail_label;
  GtkWidget *finish_button;
  GtkRevealer *confirm_revealer;
  GtkLabel *confirm_label;
  GtkLabel *error_label;
  GtkRevealer *summary_revealer;
  GtkLabel *summary_label;
  GtkBox *folders_box;
  GtkLabel *written_label;
  GtkBox *rooms_box;

  NkDoor *door;
  NkStore *store;
  char *staff_id;
  char *id;
  NkRollCall *call;
  guint reload_id;
  GHashTable *tiles;          /* "child:c1" → its tile (no ref: the rooms box holds it) */
  GPtrArray *folders;         /* paths */
  GPtrArray *folder_buttons;  /* GtkToggleButton*, one per folder (no ref) */
  char *media;
  char *run_media;
  char *written;
};

G_DEFINE_FINAL_TYPE (NkRollCallPage, nk_roll_call_page, GTK_TYPE_WIDGET)

enum {
  SIGNAL_FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *const watched[] = {
  "changed::rollcall.started", "changed::rollcall.ticked", "changed::rollcall.finished",
  "changed::attendance", "changed::staff_clock", "changed::roster",
};

static char *
format_time (NkRollCallPage *self, gint64 us)
{
  g_autoptr (GDateTime) utc = g_date_time_new_from_unix_utc (us / G_USEC_PER_SEC);
  g_autoptr (GDateTime) local = g_date_time_to_timezone (utc, nk_door_get_timezone (self->door));

  return g_date_time_format (local, "%H:%M");
}

static char *
tile_key (NkRollCallPersonKind kind, const char *person_id)
{
  return g_strdup_printf ("%s:%s", nk_roll_call_person_kind_to_string (kind), person_id);
}

static void
show_error (NkRollCallPage *self, const char *text)
{
  gtk_label_set_label (self->error_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), text != NULL);
}

static const char *
room_name (const NkRollCallRoom *room)
{
  /* TRANSLATORS: the roll call's group of staff who work in no room */
  return room->name != NULL ? room->name : _("No room");
}

/* ---- drawing ------------------------------------------------------------------ */

static void
on_tile_clicked (GtkWidget *tile)
{
  gtk_widget_activate_action_variant (tile, "rollcall.tick", g_object_get_data (G_OBJECT (tile), "nk-tick"));
}

static GtkWidget *
make_tile (NkRollCallPage *self, const NkRollCallPerson *person)
{
  GtkWidget *button = gtk_toggle_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *tick = gtk_label_new ("✓");
  GtkWidget *name = gtk_label_new (person->name);
  g_autofree char *left = person->left_us != 0 ? format_time (self, person->left_us) : NULL;
  const char *kind = person->kind == NK_ROLL_CALL_STAFF ? C_("roll call", "Staff") : C_("roll call", "Child");
  /* TRANSLATORS: under a name on the roll call: "Child · left 10:42" (checked out during the roll call) */
  g_autofree char *line = left != NULL ? g_strdup_printf (_("%s · left %s"), kind, left) : g_strdup (kind);
  GtkWidget *sub = gtk_label_new (line);
  g_autofree char *a11y = NULL;
  gboolean counted = person->tick_id != NULL;

  gtk_widget_add_css_class (tick, "nk-roll-call-tick");
  gtk_widget_set_opacity (tick, counted ? 1.0 : 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (name, "nk-roll-call-name");
  gtk_label_set_ellipsize (GTK_LABEL (sub), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (sub, "nk-roll-call-kind");
  gtk_box_append (GTK_BOX (box), tick);
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), sub);
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "nk-roll-call-tile");
  if (person->kind == NK_ROLL_CALL_STAFF)
    gtk_widget_add_css_class (button, "nk-roll-call-staff");
  /* not an actionable: a stateless action would clear the toggle's state */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), counted);
  gtk_widget_set_sensitive (button, self->call != NULL && !self->call->finished);
  g_object_set_data_full (G_OBJECT (button), "nk-tick",
                          g_variant_ref_sink (g_variant_new ("(ss)", nk_roll_call_person_kind_to_string (person->kind),
                                                             person->person_id)),
                          (GDestroyNotify) g_variant_unref);
  g_signal_connect (button, "clicked", G_CALLBACK (on_tile_clicked), NULL);
  a11y = counted
    /* TRANSLATORS: what a screen reader says of a roll call tile: name, child or staff; touch to untick */
    ? g_strdup_printf (_("%s, %s, counted. Touch to take the tick away"), person->name, line)
    /* TRANSLATORS: what a screen reader says of a roll call tile: name, child or staff; touch to tick */
    : g_strdup_printf (_("%s, %s, not counted yet. Touch when you see them"), person->name, line);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
  return button;
}

static void
draw_rooms (NkRollCallPage *self)
{
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self->rooms_box))) != NULL;)
    gtk_box_remove (self->rooms_box, child);
  g_hash_table_remove_all (self->tiles);

  for (guint r = 0; self->call != NULL && r < self->call->rooms->len; r++)
    {
      const NkRollCallRoom *room = self->call->rooms->pdata[r];
      GtkWidget *flow = gtk_flow_box_new ();
      guint counted = 0;
      g_autofree char *title = NULL;
      GtkWidget *label;

      for (guint i = 0; i < room->people->len; i++)
        counted += ((NkRollCallPerson *) room->people->pdata[i])->tick_id != NULL;
      /* TRANSLATORS: a room's heading on the roll call: its name, counted of everyone */
      title = g_strdup_printf (_("%s · %u of %u"), room_name (room), counted, room->people->len);
      label = gtk_label_new (title);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "nk-roll-call-room");
      gtk_box_append (self->rooms_box, label);

      gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (flow), GTK_SELECTION_NONE);
      gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (flow), TRUE);
      gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (flow), 2);
      gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (flow), 8);
      gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (flow), 8);
      gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (flow), 8);
      gtk_accessible_update_property (GTK_ACCESSIBLE (flow), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
      for (guint i = 0; i < room->people->len; i++)
        {
          const NkRollCallPerson *person = room->people->pdata[i];
          GtkWidget *tile = make_tile (self, person);

          nk_a11y_flow_box_append (GTK_FLOW_BOX (flow), tile, person->name);
          g_hash_table_insert (self->tiles, tile_key (person->kind, person->person_id), tile);
        }
      gtk_box_append (self->rooms_box, flow);
    }
}

static char *
missing_names (const NkRollCall *call)
{
  GString *names = g_string_new (NULL);

  for (guint r = 0; r < call->rooms->len; r++)
    {
      const NkRollCallRoom *room = call->rooms->pdata[r];

      for (guint i = 0; i < room->people->len; i++)
        {
          const NkRollCallPerson *person = room->people->pdata[i];

          if (person->tick_id == NULL)
            /* TRANSLATORS: one missing person on the roll call's summary: name (room) */
            g_string_append_printf (names, _("%s%s (%s)"), names->len > 0 ? _(", ") : "", person->name,
                                    room_name (room));
        }
    }
  return g_string_free (names, FALSE);
}

static void
draw_folders (NkRollCallPage *self)
{
  g_autofree char *data_dir = g_path_get_dirname (nk_store_get_path (self->store));
  g_autofree char *exports = g_build_filename (data_dir, "exports", NULL);
  GtkToggleButton *first = NULL;

  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self->folders_box))) != NULL;)
    gtk_box_remove (self->folders_box, child);
  g_ptr_array_set_size (self->folder_buttons, 0);
  g_clear_pointer (&self->folders, g_ptr_array_unref);
  self->folders = nk_export_folders (exports, self->media, self->run_media);
  for (guint i = 0; i < self->folders->len; i++)
    {
      const char *path = self->folders->pdata[i];
      g_autofree char *base = g_path_get_basename (path);
      /* TRANSLATORS: a folder the roll call's PDF can go to: the kiosk's own, or a USB stick's name */
      g_autofree char *label = g_str_equal (path, exports) ? g_strdup_printf (_("This kiosk (%s)"), path)
                               : g_strdup_printf (_("USB stick %s (%s)"), base, path);
      GtkWidget *button = gtk_toggle_button_new_with_label (label);

      gtk_widget_add_css_class (button, "nk-roll-call-folder");
      gtk_label_set_ellipsize (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button))), PANGO_ELLIPSIZE_MIDDLE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      if (first != NULL)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), first);
      else
        first = GTK_TOGGLE_BUTTON (button);
      gtk_box_append (self->folders_box, button);
      g_ptr_array_add (self->folder_buttons, button);
    }
  /* the last one: a stick just put in rather than the kiosk itself */
  if (self->folder_buttons->len > 0)
    gtk_toggle_button_set_active (g_ptr_array_index (self->folder_buttons, self->folder_buttons->len - 1), TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "rollcall.write-pdf", self->folders->len > 0);
  if (self->folders->len == 0)
    show_error (self, _("No folder can be written to: put in a USB stick"));
}

static void
draw (NkRollCallPage *self)
{
  const NkRollCall *call = self->call;
  guint missing = call != NULL ? call->total - call->counted : 0;
  g_autofree char *headline = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *started = NULL;
  gboolean open = call != NULL && !call->finished;

  if (call == NULL)
    return;
  started = format_time (self, call->started_us);
  if (call->finished)
    /* TRANSLATORS: the roll call's headline once finished */
    headline = g_strdup_printf (ngettext ("Finished · %u missing", "Finished · %u missing", missing), missing);
  else if (missing > 0)
    /* TRANSLATORS: the roll call's big headline: how many people are not counted yet */
    headline = g_strdup_printf (ngettext ("%u still missing", "%u still missing", missing), missing);
  else
    headline = g_strdup (_("Everyone is counted"));
  gtk_label_set_label (self->missing_label, headline);
  gtk_widget_remove_css_class (GTK_WIDGET (self->missing_label), "nk-roll-call-all-in");
  if (missing == 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->missing_label), "nk-roll-call-all-in");
  /* TRANSLATORS: under the roll call's headline: counted of everyone, when it started and who started it */
  detail = g_strdup_printf (_("Counted %u of %u · started %s by %s"), call->counted, call->total, started,
                            call->started_by != NULL ? call->started_by : "");
  gtk_label_set_label (self->detail_label, detail);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "rollcall.tick", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "rollcall.ask-finish", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "rollcall.finish", open);
  gtk_widget_set_visible (self->finish_button, open);
  if (!open)
    gtk_revealer_set_reveal_child (self->confirm_revealer, FALSE);
  if (call->finished && !gtk_revealer_get_reveal_child (self->summary_revealer))
    {
      g_autofree char *finished = format_time (self, call->finished_us);
      g_autofree char *names = missing_names (call);
      g_autofree char *summary = NULL;

      if (missing > 0)
        /* TRANSLATORS: the roll call's summary: time, who, counted of everyone, the missing people's names */
        summary = g_strdup_printf (_("Finished at %s by %s: %u of %u counted. Missing: %s"), finished,
                                   call->finished_by != NULL ? call->finished_by : "", call->counted,
                                   call->total, names);
      else
        /* TRANSLATORS: the roll call's summary when everyone was counted */
        summary = g_strdup_printf (_("Finished at %s by %s: all %u counted"), finished,
                                   call->finished_by != NULL ? call->finished_by : "", call->total);
      gtk_label_set_label (self->summary_label, summary);
      gtk_label_set_label (self->written_label, "");
      draw_folders (self);
      gtk_revealer_set_reveal_child (self->summary_revealer, TRUE);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->summary_revealer), call->finished);
  draw_rooms (self);
}

/* ---- reading ------------------------------------------------------------------ */

static void
reload (NkRollCallPage *self)
{
  g_autoptr (GError) error = NULL;
  NkRollCall *call;

  if (self->store == NULL || self->id == NULL)
    return;
  call = nk_roll_call_load (self->store, self->id, &error);
  if (call == NULL)
    {
      /* what was shown stays: the count goes on on paper meanwhile */
      g_message ("The roll call could not be read again: %s", error->message);
      show_error (self, error->message);
      return;
    }
  g_clear_pointer (&self->call, nk_roll_call_free);
  self->call = call;
  draw (self);
}

static gboolean
reload_cb (gpointer data)
{
  NkRollCallPage *self = data;

  self->reload_id = 0;
  reload (self);
  return G_SOURCE_REMOVE;
}

static void
on_store_changed (NkRollCallPage *self)
{
  if (self->reload_id == 0 && self->id != NULL)
    self->reload_id = g_idle_add_full (G_PRIORITY_DEFAULT, reload_cb, self, NULL);
}

static void
watch_store (NkRollCallPage *self, NkStore *store)
{
  if (self->store == store)
    return;
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_set_object (&self->store, store);
  for (guint i = 0; store != NULL && i < G_N_ELEMENTS (watched); i++)
    g_signal_connect_object (store, watched[i], G_CALLBACK (on_store_changed), self, G_CONNECT_SWAPPED);
}

void
nk_roll_call_page_show (NkRollCallPage *self, NkDoor *door, const char *staff_id, const char *id)
{
  g_return_if_fail (NK_IS_ROLL_CALL_PAGE (self) && NK_IS_DOOR (door) && id != NULL);

  if (g_strcmp0 (self->id, id) != 0)
    {
      g_clear_pointer (&self->call, nk_roll_call_free);
      gtk_revealer_set_reveal_child (self->summary_revealer, FALSE);
      g_clear_pointer (&self->written, g_free);
    }
  g_set_object (&self->door, door);
  watch_store (self, nk_door_get_store (door));
  g_free (self->staff_id);
  self->staff_id = g_strdup (staff_id);
  g_free (self->id);
  self->id = g_strdup (id);
  gtk_revealer_set_reveal_child (self->confirm_revealer, FALSE);
  show_error (self, NULL);
  reload (self);
}

void
nk_roll_call_page_clear (NkRollCallPage *self)
{
  g_return_if_fail (NK_IS_ROLL_CALL_PAGE (self));

  g_clear_handle_id (&self->reload_id, g_source_remove);
  g_clear_pointer (&self->call, nk_roll_call_free);
  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->staff_id, g_free);
  g_clear_pointer (&self->written, g_free);
  watch_store (self, NULL);
  g_clear_object (&self->door);
  g_hash_table_remove_all (self->tiles);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self->rooms_box))) != NULL;)
    gtk_box_remove (self->rooms_box, child);
  gtk_label_set_label (self->missing_label, "");
  gtk_label_set_label (self->detail_label, "");
  gtk_label_set_label (self->summary_label, "");
  gtk_revealer_set_reveal_child (self->confirm_revealer, FALSE);
  gtk_revealer_set_reveal_child (self->summary_revealer, FALSE);
  show_error (self, NULL);
}

gboolean
nk_roll_call_page_is_open (NkRollCallPage *self)
{
  g_return_val_if_fail (NK_IS_ROLL_CALL_PAGE (self), FALSE);
  return self->call != NULL && !self->call->finished;
}

void
nk_roll_call_page_set_media (NkRollCallPage *self, const char *media, const char *run_media)
{
  g_return_if_fail (NK_IS_ROLL_CALL_PAGE (self));
  g_free (self->media);
  self->media = g_strdup (media);
  g_free (self->run_media);
  self->run_media = g_strdup (run_media);
}

const NkRollCall *
nk_roll_call_page_get_call (NkRollCallPage *self)
{
  return self->call;
}

const char *
nk_roll_call_page_get_headline (NkRollCallPage *self)
{
  return gtk_label_get_label (self->missing_label);
}

GtkWidget *
nk_roll_call_page_get_tile (NkRollCallPage *self, NkRollCallPersonKind kind, const char *person_id)
{
  g_autofree char *key = tile_key (kind, person_id);

  return g_hash_table_lookup (self->tiles, key);
}

GPtrArray *
nk_roll_call_page_get_folders (NkRollCallPage *self)
{
  return self->folders;
}

const char *
nk_roll_call_page_get_written (NkRollCallPage *self)
{
  return self->written;
}

/* ---- actions ------------------------------------------------------------------ */

static void
action_tick (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  NkRollCallPage *self = NK_ROLL_CALL_PAGE (widget);
  g_autoptr (GError) error = NULL;
  const char *kind_name, *person_id;
  NkRollCallPersonKind kind;
  NkRollCallPerson *person;

  g_variant_get (parameter, "(&s&s)", &kind_name, &person_id);
  kind = g_str_equal (kind_name, "staff") ? NK_ROLL_CALL_STAFF : NK_ROLL_CALL_CHILD;
  person = nk_roll_call_find_person (self->call, kind, person_id);
  if (person == NULL || self->door == NULL)
    return;
  if (!nk_roll_call_tick (self->store, nk_door_get_centre (self->door), self->staff_id, self->id, kind,
                          person_id, person->tick_id == NULL, &error))
    {
      g_message ("Roll call tick of %s %s not saved: %s", kind_name, person_id, error->message);
      show_error (self, error->message);
    }
  else
    show_error (self, NULL);
  /* drawn again from the store, also when refused (the tile springs back) */
  on_store_changed (self);
}

static void
action_ask_finish (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  NkRollCallPage *self = NK_ROLL_CALL_PAGE (widget);
  guint missing;
  g_autofree char *text = NULL;

  if (self->call == NULL)
    return;
  missing = self->call->total - self->call->counted;
  if (missing > 0)
    /* TRANSLATORS: the question before finishing the roll call */
    text = g_strdup_printf (ngettext ("Finish with %u person still missing? They are recorded as missing.",
                                      "Finish with %u people still missing? They are recorded as missing.",
                                      missing), missing);
  else
    text = g_strdup (_("Everyone is counted. Finish the roll call?"));
  gtk_label_set_label (self->confirm_label, text);
  gtk_revealer_set_reveal_child (self->confirm_revealer, TRUE);
}

static void
action_keep_counting (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  gtk_revealer_set_reveal_child (NK_ROLL_CALL_PAGE (widget)->confirm_revealer, FALSE);
}

static void
action_finish (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  NkRollCallPage *self = NK_ROLL_CALL_PAGE (widget);
  g_autoptr (GError) error = NULL;

  if (self->call == NULL || self->door == NULL)
    return;
  gtk_revealer_set_reveal_child (self->confirm_revealer, FALSE);
  if (!nk_roll_call_finish (self->store, nk_door_get_centre (self->door), self->staff_id, self->id, &error))
    {
      g_message ("Roll call %s not finished: %s", self->id, error->message);
      show_error (self, error->message);
      reload (self);
      return;
    }
  reload (self);
  g_signal_emit (self, signals[SIGNAL_FINISHED], 0);
}

static void
action_write_pdf (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  NkRollCallPage *self = NK_ROLL_CALL_PAGE (widget);
  g_autoptr (GError) error = NULL;
  g_autofree char *centre = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  const char *folder = NULL;

  if (self->call == NULL || self->folders == NULL)
    return;
  for (guint i = 0; i < self->folder_buttons->len; i++)
    if (gtk_toggle_button_get_active (self->folder_buttons->pdata[i]))
      folder = self->folders->pdata[i];
  if (folder == NULL)
    {
      show_error (self, _("Choose where to write the PDF first"));
      return;
    }
  centre = nk_store_get_meta (self->store, "centre_name");
  name = nk_roll_call_pdf_file_name (self->call, nk_door_get_timezone (self->door));
  path = g_build_filename (folder, name, NULL);
  if (!nk_roll_call_pdf_write_file (self->call, centre, nk_door_get_timezone (self->door), path, &error))
    {
      g_message ("Roll call PDF not written to %s: %s", path, error->message);
      /* TRANSLATORS: %s says why, e.g. the USB stick is full */
      text = g_strdup_printf (_("The PDF could not be written: %s"), error->message);
      show_error (self, text);
      return;
    }
  g_message ("Roll call %s written to %s", self->id, path);
  show_error (self, NULL);
  /* TRANSLATORS: %s is the PDF's path */
  text = g_strdup_printf (_("Written to %s"), path);
  gtk_label_set_label (self->written_label, text);
  g_free (self->written);
  self->written = g_steal_pointer (&path);
}

/* ---- the type ------------------------------------------------------------------ */

static void
nk_roll_call_page_dispose (GObject *object)
{
  NkRollCallPage *self = NK_ROLL_CALL_PAGE (object);

  g_clear_handle_id (&self->reload_id, g_source_remove);
  watch_store (self, NULL);
  g_clear_object (&self->door);
  gtk_widget_dispose_template (GTK_WIDGET (object), NK_TYPE_ROLL_CALL_PAGE);
  /* GTK 4.8 leaves a template's unnamed top child in place */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL;)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (nk_roll_call_page_parent_class)->dispose (object);
}

static void
nk_roll_call_page_finalize (GObject *object)
{
  NkRollCallPage *self = NK_ROLL_CALL_PAGE (object);

  nk_roll_call_free (self->call);
  g_hash_table_unref (self->tiles);
  g_clear_pointer (&self->folders, g_ptr_array_unref);
  g_ptr_array_unref (self->folder_buttons);
  g_free (self->staff_id);
  g_free (self->id);
  g_free (self->media);
  g_free (self->run_media);
  g_free (self->written);
  G_OBJECT_CLASS (nk_roll_call_page_parent_class)->finalize (object);
}

static void
nk_roll_call_page_class_init (NkRollCallPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = nk_roll_call_page_dispose;
  G_OBJECT_CLASS (klass)->finalize = nk_roll_call_page_finalize;
  gtk_widget_class_set_template_from_resource (widget_class, "/org/nurserykiosk/Kiosk/nk-roll-call-page.ui");
  gtk_widget_class_bind_template_child (widget_class, NkRollCallPage, missing_label);
  gtk_widget_class_bind_template_child (widget_class, NkRollCallPage, detail_label);
  gtk_widget_class_bind_template_child (widget_class, NkRollCallPage, finish_button);
  gtk_widget_class_bind_template_child (widget_class, NkRollCallPage, confirm_revealer);
  gtk_widget_class_bind_template_child (widget_class, NkRollCallPage, confirm_label);
  gtk_widget_class_bind_template_child (widget_class, NkRollCallPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, NkRollCallPage, summary_revealer);
  gtk_widget_class_bind_template_child (widget_class, NkRollCallPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, NkRollCallPage, folders_box);
  gtk_widget_class_bind_template_child (widget_class, NkRollCallPage, written_label);
  gtk_widget_class_bind_template_child (widget_class, NkRollCallPage, rooms_box);
  /* the roll call was finished here (not when a relayed finish is read) */
  signals[SIGNAL_FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                           NULL, NULL, NULL, G_TYPE_NONE, 0);
  gtk_widget_class_install_action (widget_class, "rollcall.tick", "(ss)", action_tick);
  gtk_widget_class_install_action (widget_class, "rollcall.ask-finish", NULL, action_ask_finish);
  gtk_widget_class_install_action (widget_class, "rollcall.keep-counting", NULL, action_keep_counting);
  gtk_widget_class_install_action (widget_class, "rollcall.finish", NULL, action_finish);
  gtk_widget_class_install_action (widget_class, "rollcall.write-pdf", NULL, action_write_pdf);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "nkrollcallpage");
}

static void
nk_roll_call_page_init (NkRollCallPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  nk_a11y_hide_folded (self->confirm_revealer);
  nk_a11y_hide_folded (self->summary_revealer);
  self->tiles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->folder_buttons = g_ptr_array_new ();
  self->media = g_strdup ("/media");
  self->run_media = g_strdup ("/run/media");
}
