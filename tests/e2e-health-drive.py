#!/usr/bin/python3
"""e2e-health-drive.py — a caregiver's morning health checks driven through
the running kiosk's window, as a person (or a screen reader's user) does
it: AT-SPI presses the buttons, through tests/nk_atspi.py's Walker.

Run by tests/e2e-health.sh with the demo kiosk started:

  王小明's (R2) card → checked in

  caregiver's card → staff mode → 刘子涵 and 刘子轩 in by hand → 王小明 → "Health check" → 36.5 admitted
  → the queue offers 刘子轩 → "Next" → 37.5, feels hot, watch: temperature
  → saved, nobody left in R2 → back in staff mode → 刘子涵 → "Health
  check" → 38.6, not admitted → saved (the family takes her home) →
  刘子轩 → "Medicine" → a new handover, 李娜 taps her card: consent → the
  12:00 dose given.

--shots DIR saves a screenshot of each screen (DIR/health-N.png).
"""

import argparse
import os
import subprocess
import sys

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))

sys.path.insert(0, HERE)
import nk_atspi as walk  # noqa: E402

BUTTON = Atspi.Role.PUSH_BUTTON
TOGGLE = Atspi.Role.TOGGLE_BUTTON
RADIO = Atspi.Role.RADIO_BUTTON


class Drive:
    def __init__(self, w, shots, pid):
        self.w, self._, self.shots, self.n, self.pid = w, w._, shots, 0, pid

    def shot(self):
        if self.shots:
            self.n += 1
            subprocess.run(["/usr/bin/import", "-window", "root", os.path.join(self.shots, f"health-{self.n}.png")],
                           check=True)

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
        self.screen("waiting for the parent's card", "Times of the day (1 to 6)", _("Waiting for the parent's own card… %u s") % 60)
        walk.tap("04D5E6F7")            # 李娜, his mother: her consent
        given = self.screen("medicine handed over", "Medicine today", "李娜")
        self.press(given, BUTTON, _("Give the %s dose of %s") % ("12:00", "Ibuprofen"))
        self.screen("medicine given", "Medicine today", "张老师")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--localedir", required=True)
    parser.add_argument("--lang", required=True)
    parser.add_argument("--shots")
    parser.add_argument("--pid", type=int, required=True, help="the kiosk's process")
    args = parser.parse_args()

    w = walk.Walker(args.localedir, args.lang)
    d = Drive(w, args.shots, args.pid)
    _ = w._
    try:
        w.connect()
        walk.tap("04A1B2C3")            # 王小明's own card: in
        w.check("result", "Checked in", ready=_("Checked in"))
        walk.tap("04C0FFEE")            # 张老师, caregiver of R2: staff mode on her room
        d.press(d.overview(), TOGGLE, _("All rooms"))   # 刘子涵 is in R3
        for child in ("刘子涵", "刘子轩"):  # their cards forgotten today: in by hand
            d.press(d.overview(), BUTTON, child)
            manual = d.screen("child's page", "Reason", child)
            d.press(manual, BUTTON, _("Check in by hand"))
        d.open_check("王小明")
        d.fill("王小明", "365", [], "Admitted")
        saved = _("%s: check saved") % "王小明"
        done = d.screen("saved, next offered", saved, saved)
        d.press(done, BUTTON, _("Next: %s") % "刘子轩")
        d.fill("刘子轩", "375", ["Feels hot to the touch"], "Admit and watch", watch="Temperature")
        d.open_check("刘子涵")          # nobody left in R2: back in staff mode; R3 next
        d.fill("刘子涵", "386", ["Feels hot to the touch", "Spirits: listless, irritable"], "Not admitted")
        d.medicine("刘子轩")
    except walk.Failure as e:
        w.problems.append(str(e))
    for p in w.problems:
        print(f"FAIL: {p}", file=sys.stderr)
    return 1 if w.problems else 0


if __name__ == "__main__":
    sys.exit(main())
