#!/usr/bin/python3
"""e2e-press.py — presses a button of the running kiosk through AT-SPI, the
way a screen reader's user does, for the end-to-end scripts.

  e2e-press.py NAME [NAME…]

Each NAME is pressed in turn: the first push button whose accessible name
is NAME (or, failing that, contains it) among those that can be pressed
now.  It waits (up to 30 s) for such a button to be there and sensitive.
Needs the accessibility bus of tests/headless.sh and GTK_A11Y=atspi, as
tests/a11y.sh sets up; exits 1 naming the button it did not find.
"""

import sys

from nk_drive import press_named


def main():
    for name in sys.argv[1:]:
        if not press_named(name):
            print(f"e2e-press: no button {name!r} to press", file=sys.stderr)
            return 1
        print(f"pressed {name!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
