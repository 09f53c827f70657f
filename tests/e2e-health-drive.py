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
