#!/usr/bin/python3
"""e2e-checkup-drive.py — a check-up result recorded by the health staff
through the running kiosk's window, as a person (or a screen reader's
user) does it: AT-SPI presses the buttons, through tests/nk_atspi.py.

Run by tests/e2e-checkup.sh with the demo kiosk started:

  孙医生's (health staff) card → staff mode → "Check-ups" → 刘子涵's
  30-month check-up (overdue) → her health record → "Record a result" →
  hearing: pass, eyes: refer → "Save" → her record again, with the result.
"""

import argparse
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

sys.path.insert(0, HERE)
import nk_atspi as walk  # noqa: E402
from nk_drive import BUTTON, TOGGLE, Drive  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--localedir", required=True)
    parser.add_argument("--lang", required=True)
    parser.add_argument("--shots")
    parser.add_argument("--pid", type=int, required=True, help="the kiosk's process")
    args = parser.parse_args()

    w = walk.Walker(args.localedir, args.lang)
    d = Drive(w, args.shots, args.pid, prefix="checkup")
    _ = w._
    try:
        w.connect()
        walk.tap("04C0FF01")            # 孙医生, the health staff: staff mode
        overview = d.screen("staff overview", "Not checked out on earlier days", "孙医生")
        d.press(overview, BUTTON, _("Check-ups"))
        lists = d.screen("check-ups", "Due this month", _("No visit of the contracted medical institution is planned"))
        d.press(lists, BUTTON, "刘子涵")
        record = d.screen("health record", "Schedule", "刘子涵")
        d.press(record, BUTTON, _("Record a check-up result for this child"))
        form = d.screen("check-up form", "Doctor's notes", _("Check-up of %s") % "刘子涵")
        d.press(form, TOGGLE, _("Hearing: pass"))
        d.press(form, TOGGLE, _("Eyes: refer"))
        d.press(form, BUTTON, _("Save the check-up result"))
        record = d.screen("health record, saved", "Schedule", _("Check-up result saved"))
        # her demo result and the new one: two lines "DATE: height …"
        height = _("%s: height %s, weight %s").split("%s")[1]
        lines = {t for n in w.nodes(_("Schedule")) for t in [n.get_name() or ""] if height in t}
        if len(lines) < 2:
            w.problems.append(f"the health record does not show the result saved (results read: {lines!r})")
    except walk.Failure as e:
        w.problems.append(str(e))
    for p in w.problems:
        print(f"FAIL: {p}", file=sys.stderr)
    return 1 if w.problems else 0


if __name__ == "__main__":
    sys.exit(main())
