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
import time
from types import SimpleNamespace

from nk_atspi import Atspi, Failure, GLib, Walker, find_app

DEADLINE_S = 30.0


def buttons(acc, out):
    """Every push button under acc that is sensitive (can be pressed)."""
    for i in range(acc.get_child_count()):
        child = acc.get_child_at_index(i)
        if child is None:
            continue
        if child.get_role() == Atspi.Role.PUSH_BUTTON:
            states = child.get_state_set()
            if states.contains(Atspi.StateType.SENSITIVE):
                out.append(child)
        buttons(child, out)
    return out


def press(acc):
    try:
        Walker.press(None, SimpleNamespace(acc=acc))
        return True
    except Failure:
        return False


def find_button(name):
    app = find_app()
    if app is None:
        return None
    found = buttons(app, [])
    for b in found:
        if (b.get_name() or "") == name:
            return b
    for b in found:
        if name in (b.get_name() or ""):
            return b
    return None


def main():
    for name in sys.argv[1:]:
        end = time.monotonic() + DEADLINE_S
        button = None
        while time.monotonic() < end:
            try:
                button = find_button(name)
                if button is not None and press(button):
                    break
            except GLib.Error:
                pass    # a node went away while it was read: read again
            button = None
            time.sleep(0.2)
        if button is None:
            print(f"e2e-press: no button {name!r} to press", file=sys.stderr)
            return 1
        print(f"pressed {name!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
