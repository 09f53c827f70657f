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


def buttons(acc, out, path=()):
    """Every push button under acc that is sensitive (can be pressed), with
    its place in the tree (the child indices that lead to it)."""
    for i in range(acc.get_child_count()):
        child = acc.get_child_at_index(i)
        if child is None:
            continue
        if child.get_role() == Atspi.Role.PUSH_BUTTON:
            states = child.get_state_set()
            if states.contains(Atspi.StateType.SENSITIVE):
                out.append((child, path + (i,)))
        buttons(child, out, path + (i,))
    return out


def press(acc):
    try:
        Walker.press(None, SimpleNamespace(acc=acc))
        return True
    except Failure:
        return False


def find_button(name):
    """The button named name and its place, or (None, None)."""
    app = find_app()
    if app is None:
        return None, None
    found = buttons(app, [])
    for b, path in found:
        if (b.get_name() or "") == name:
            return b, path
    for b, path in found:
        if name in (b.get_name() or ""):
            return b, path
    return None, None


def main():
    for name in sys.argv[1:]:
        end = time.monotonic() + DEADLINE_S
        button, seen = None, None
        while time.monotonic() < end:
            try:
                button, path = find_button(name)
                # pressed once the screen has settled: the same button in
                # the same place on two readings (a page just opened still
                # makes its buttons again)
                if button is not None and path == seen and press(button):
                    break
                seen = path
            except GLib.Error:
                seen = None    # a node went away while it was read: read again
            button = None
            time.sleep(0.2)
        if button is None:
            print(f"e2e-press: no button {name!r} to press", file=sys.stderr)
            return 1
        print(f"pressed {name!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
