"""nk_drive.py — a caregiver's work at the running kiosk's window, shared by
the end-to-end drivers (tests/e2e-health-drive.py, tests/e2e-morning-drive.py)
and the accessibility walk (tests/a11y-walk.py): the morning health check,
a medicine handover, the room's meal with exceptions, an incident, the
parent's day at pick-up.  Everything is pressed through AT-SPI
(tests/nk_atspi.py), as a screen reader's user does.
"""

import os
import re
import subprocess
import time
from types import SimpleNamespace

import nk_atspi as walk
from nk_atspi import Atspi, Control, Failure, GLib

BUTTON = Atspi.Role.PUSH_BUTTON
TOGGLE = Atspi.Role.TOGGLE_BUTTON
RADIO = Atspi.Role.RADIO_BUTTON


class Drive:
    """A caregiver at the window: each screen checked (tests/nk_atspi.py)
    and, with shots, saved as DIR/PREFIX-N.png once it shows."""

    def __init__(self, w, shots, pid=None, prefix="health"):
        self.w, self._, self.shots, self.n, self.pid, self.prefix = w, w._, shots, 0, pid, prefix

    def shot(self):
        if self.shots:
            self.n += 1
            subprocess.run(["/usr/bin/import", "-window", "root",
                            os.path.join(self.shots, f"{self.prefix}-{self.n}.png")], check=True)

    def screen(self, name, msgid, ready):
        controls = self.w.check(name, msgid, ready)
        self.shot()
        return controls

    def press(self, controls, role, text):
        if role == TOGGLE:   # grouped toggles are read as radio buttons
            toggles = [c for c in controls if c.role in (BUTTON, TOGGLE, RADIO)]
            found = [c for c in toggles if c.name == text] or [c for c in toggles if text in (c.name or "")]
            if not found:
                raise walk.Failure(f"no toggle showing {text!r} among "
                                   + ", ".join(str(c) for c in controls if c.role != BUTTON))
            self.w.press(found[0])
            # the next touch only once this one took (the toggle shows it)
            walk.wait_until(f"{text!r} to be on", lambda: found[0].acc.get_state_set().contains(Atspi.StateType.CHECKED)
                            or found[0].acc.get_state_set().contains(Atspi.StateType.PRESSED))
            return
        self.w.press(self.w.find(controls, role, text))

    def overview(self):
        return self.screen("staff overview", "Not checked out on earlier days", "张老师")

    def open_check(self, child):
        self.press(self.overview(), BUTTON, child)
        manual = self.screen("child's page", "Reason", child)
        self.press(manual, BUTTON, self._("Health check"))

    def fill(self, child, digits, concerns, outcome, watch=None):
        form = self.screen(f"morning check of {child}", "Outcome", child)
        shown = {1: "%s_._ °C", 2: "%s._ °C", 3: "%s °C"}
        for i, d in enumerate(digits):   # the pad's keys, by their exact name
            keys = [c for c in form if c.role == BUTTON and c.name == d]
            if not keys:
                raise walk.Failure(f"no key {d!r} on the number pad")
            self.w.press(keys[0])
            typed = digits[:i + 1] if i < 2 else digits[:2] + "." + digits[2]
            want = shown[i + 1] % typed
            walk.wait_until(f"the temperature to read {want!r}",
                            lambda: any(n.get_name() == want for n in self.w.nodes(self._("Outcome"))))
        for c in concerns:
            self.press(form, TOGGLE, self._(c))
        self.press(form, TOGGLE, self._(outcome))
        if watch:
            form = self.screen(f"morning check of {child} (watch)", "Outcome", child)
            self.press(form, TOGGLE, self._(watch))
        self.shot()
        self.press(form, BUTTON, self._("Save"))


    def medicine(self, child):
        """刘子轩's mother hands over his medicine: her own card at the door
        is the consent; then the dose is given."""
        _ = self._
        self.press(self.overview(), BUTTON, child)
        self.press(self.screen("child's page", "Reason", child), BUTTON, _("Medicine"))
        listed = self.screen("medicine", "Medicine today", _("Medicine · %s") % child)
        self.press(listed, BUTTON, _("New handover"))
        form = self.screen("medicine handover", "Times of the day (1 to 6)", _("Medicine · %s") % child)
        for c, text in ((_("Medicine, as on the packet"), "Ibuprofen"), (_("Dose, e.g. 5 ml"), "5 ml")):
            # what a keyboard attached for it would type (an empty one is
            # refused on the form, and the countdown below never shows)
            entry = self.w.find(form, Atspi.Role.TEXT, c).acc
            if not entry.set_text_contents(text):
                raise walk.Failure(f"{c!r} does not take text")
        self.press(form, TOGGLE, "12:00")
        self.press(form, BUTTON, _("Ask the parent to tap their card"))
        # the countdown's words, whatever second it shows by now (a busy
        # machine reads the tree a second or two after it started)
        self.screen("waiting for the parent's card", "Times of the day (1 to 6)",
                    _("Waiting for the parent's own card… %u s").split("%u")[0])
        walk.tap("04D5E6F7")            # 李娜, his mother: her consent
        given = self.screen("medicine handed over", "Medicine today", "李娜")
        self.press(given, BUTTON, _("Give the %s dose of %s") % ("12:00", "Ibuprofen"))
        self.screen("medicine given", "Medicine today", "张老师")


# GTK 4.8 reads a toggle button out as a push button (pressed or not)
TILE = Atspi.Role.PUSH_BUTTON

# the room page's own label: which page of the window's stacks to read
ROOM_MARKER = "Choose children, then what to record"


def find_node(acc, role, name, exact=False):
    """The first node under acc of role whose name is (or holds) name."""
    for c in walk.children(acc):
        got = c.get_name() or ""
        if (role is None or c.get_role() == role) and (got == name if exact else name in got):
            return c
        found = find_node(c, role, name, exact)
        if found is not None:
            return found
    return None


def press_in_row(w, marker, row_name, button_name):
    """Presses button_name in the row of buttons named row_name (a child's
    exception on a room-wide form)."""
    rows = [n for n in w.nodes(w._(marker)) if n.get_name() == row_name]
    found = [find_node(r, TILE, button_name, exact=True) for r in rows]
    button = next((b for b in found if b is not None), None)
    if button is None:
        raise Failure(f"no {button_name!r} in the row of {row_name!r}")
    w.press(Control(button, TILE, button.get_name(), "", [], "push button"))


def room_lunch(w, room, n_present, keep="王小明", n_half=3):
    """From the staff overview: the room's care log, "Select all present"
    (n_present children), "Meal for all", lunch, n_half children (not
    keep, whose tile must be there, unless None) who ate half, Save; waits for their tiles to show it.  Returns
    the names of those who ate half."""
    _ = w._
    care_button = _("Care log of %s") % room
    controls = w.check("staff overview", "Not checked out on earlier days", ready="张老师",
                       expect=[(Atspi.Role.PUSH_BUTTON, care_button)])
    w.press(w.find(controls, Atspi.Role.PUSH_BUTTON, care_button))
    controls = w.check("room page", ROOM_MARKER, ready=_("Tap children to select them"),
                       expect=[(Atspi.Role.PUSH_BUTTON, _("Select all present")),
                               (Atspi.Role.PUSH_BUTTON, _("Back"))] + ([(TILE, keep)] if keep else []))
    w.press(w.find(controls, Atspi.Role.PUSH_BUTTON, _("Select all present")))
    selected = w.ngettext("%u child selected", "%u children selected", n_present) % n_present
    controls = w.check(f"room page, {n_present} selected", ROOM_MARKER, ready=selected,
                       expect=[(Atspi.Role.PUSH_BUTTON, _("Meal for all"))])
    here = re.compile(re.escape(_("In since %s")).replace("%s", r"\d\d:\d\d"))
    names = [re.split("[,，]", c.name)[0] for c in controls
             if c.role == TILE and here.search(c.name or "") and not (keep and c.name.startswith(keep))]
    if len(names) < n_half:
        raise Failure(f"room page: fewer than {n_half} other children here ({names})")
    half = names[:n_half]
    w.press(w.find(controls, Atspi.Role.PUSH_BUTTON, _("Meal for all")))
    controls = w.check("room meal form", "When", ready=_("Which meal"),
                       expect=[(Atspi.Role.PUSH_BUTTON, _("Save")), (TILE, _("Lunch"))])
    w.press(w.find(controls, TILE, _("Lunch")))
    for name in half:
        press_in_row(w, "When", name, _("Ate half"))
    w.press(w.find(controls, Atspi.Role.PUSH_BUTTON, _("Save")))
    done = w.ngettext("%s recorded for %u child.", "%s recorded for %u children.", n_present) % (_("Meal"), n_present)
    w.wait_screen("room page after the lunch", ROOM_MARKER, ready=done)
    for name in half:
        walk.wait_until(f"{name}'s tile to show the half lunch",
                        lambda: any(name in (c.name or "") and _("Ate half") in (c.name or "")
                                    for c in w.read_screen(_(ROOM_MARKER)) if c.role == TILE))
    return half


PRESS_DEADLINE_S = 30.0


def sensitive_buttons(acc, out, path=()):
    """Every push button under acc that is sensitive (can be pressed), with
    its place in the tree (the child indices that lead to it)."""
    for i in range(acc.get_child_count()):
        child = acc.get_child_at_index(i)
        if child is None:
            continue
        if child.get_role() == Atspi.Role.PUSH_BUTTON:
            if child.get_state_set().contains(Atspi.StateType.SENSITIVE):
                out.append((child, path + (i,)))
        sensitive_buttons(child, out, path + (i,))
    return out


def find_button(name):
    """The sensitive button named name (or, failing that, holding it) and its place."""
    app = walk.find_app()
    if app is None:
        return None, None
    found = sensitive_buttons(app, [])
    for b, path in found:
        if (b.get_name() or "") == name:
            return b, path
    for b, path in found:
        if name in (b.get_name() or ""):
            return b, path
    return None, None


def press_named(name):
    """Presses the button named name anywhere in the window once the screen
    has settled: the same button in the same place on two readings (a page
    just opened still makes its buttons again).  False after 30 s."""
    end = time.monotonic() + PRESS_DEADLINE_S
    seen = None
    while time.monotonic() < end:
        try:
            button, path = find_button(name)
            if button is not None and path == seen:
                try:
                    walk.Walker.press(None, SimpleNamespace(acc=button))
                    return True
                except Failure:
                    pass
            seen = path
        except GLib.Error:
            seen = None    # a node went away while it was read: read again
        time.sleep(0.2)
    return False
