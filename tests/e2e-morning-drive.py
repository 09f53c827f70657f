#!/usr/bin/python3
"""e2e-morning-drive.py — one caregiver's morning at the running kiosk's
window, step by step, for tests/e2e-morning.sh (which taps the cards,
moves the clock and checks the rows between the steps).  Every button is
pressed through AT-SPI (tests/nk_drive.py, tests/nk_atspi.py).

  e2e-morning-drive.py checks INFANT   staff mode (her card), all rooms, the
                                      infant's morning check, then the
                                      two next ones the queue offers
  e2e-morning-drive.py lunch ROOM N   the room's lunch: all N present, three
                                      who ate half (prints their names)
  e2e-morning-drive.py nap INFANT     the sleep page: the infant's nap starts
  e2e-morning-drive.py sleep-check INFANT   on the back, OK
  e2e-morning-drive.py wake INFANT    the nap ends
  e2e-morning-drive.py incident ROOM CHILD   a fall in the playground, cold compress
  e2e-morning-drive.py day CHILD GUARDIAN    the day at pick-up: its lines, then
                                      the guardian's acknowledgement

Each step prints the names it worked on, one a line; exits 1 naming
what it could not find.  --shots DIR saves each screen as DIR/morning-N.png.
"""

import argparse
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import nk_atspi as walk  # noqa: E402
from nk_drive import BUTTON, ROOM_MARKER, TILE, TOGGLE, Drive, find_button, press_named, room_lunch  # noqa: E402

OVERVIEW = "Not checked out on earlier days"
SLEEP_PAGE = "Today's sleep checks"


def checks(d, infant):
    """Three morning checks of the infant room: the first opened from the
    child's page, the next two offered by the room's queue."""
    _ = d._
    walk.tap("04C0FFEE")                 # 张老师, the caregiver: staff mode
    d.press(d.overview(), TOGGLE, _("All rooms"))
    d.open_check(infant)
    offered = re.compile(re.escape(_("Next: %s")).replace("%s", "(.+)"))
    done, child = [], infant
    for temperature in ("365", "368", "371"):
        d.fill(child, temperature, [], "Admitted")
        done.append(child)
        saved = _("%s: check saved") % child
        after = d.screen("saved, next offered", saved, saved)
        nexts = [c for c in after if c.role == BUTTON and offered.match(c.name or "")]
        if not nexts:
            raise walk.Failure(f"no next child offered after {child}")
        child = offered.match(nexts[0].name).group(1)
        if len(done) < 3:
            d.w.press(nexts[0])
    d.press(after, BUTTON, _("Back to the room"))
    d.overview()
    return done


def lunch(d, room, n):
    half = room_lunch(d.w, d._(room), n, keep=None, n_half=3)
    d.shot()
    return half


def to_room_page(d, room):
    """The room page of room, from the staff overview."""
    _ = d._
    press(d, _("Care log of %s") % _(room))
    return d.screen("room page", ROOM_MARKER, _(room))


def incident(d, room, child):
    _ = d._
    page = to_room_page(d, room)
    d.w.press(d.w.find(page, BUTTON, _("Clear")))
    d.w.press(d.w.find(d.w.read_screen(_(ROOM_MARKER)), TILE, child))
    page = d.screen("room page, one child", ROOM_MARKER, child)
    d.w.press(d.w.find(page, BUTTON, _("Incident")))
    form = d.screen("incident form", "When", _("First aid given (none: leave all up)"))
    for choice in ("Fell", "Playground", "Cold compress"):
        d.press(form, TOGGLE, _(choice))
    d.shot()
    d.w.press(d.w.find(form, BUTTON, _("Save")))
    d.screen("room page after the incident", ROOM_MARKER, _(room))
    return [child]


def press(d, name):
    """Presses the button named name wherever it is on screen, once it stands still."""
    if not press_named(name):
        raise walk.Failure(f"no button {name!r} to press")


def sleep_page(d):
    """The sleep checks page, from the room page or the staff overview
    (both have its button)."""
    _ = d._
    press(d, _("Naps and sleep checks of the rooms with checks"))


def nap(d, infant):
    _ = d._
    sleep_page(d)
    press(d, _("Start the nap of %s") % infant)
    d.screen("sleep checks (napping)", SLEEP_PAGE, _("End the nap of %s") % infant)
    return [infant]


def sleep_check(d, infant):
    _ = d._
    sleep_page(d)
    d.screen("sleep check due", SLEEP_PAGE, _("Record the sleep check of %s") % infant)
    press(d, _("%s: %s") % (infant, _("On the back")))
    press(d, _("Record the sleep check of %s") % infant)
    d.screen("sleep check recorded", SLEEP_PAGE, _("last check %s").split("%s")[0])
    return [infant]


def wake(d, infant):
    _ = d._
    sleep_page(d)
    d.screen("sleep checks (overdue)", SLEEP_PAGE, _("End the nap of %s") % infant)
    press(d, _("End the nap of %s") % infant)
    d.screen("the nap ended", SLEEP_PAGE, _("Start the nap of %s") % infant)
    press(d, _("Back to the rooms"))
    return [infant]


DAY_TOPICS = ("Arrival", "Health check", "Meals", "Naps", "Incidents")


def day(d, child, guardian):
    """The guardian's chooser (her card was tapped): the child, Confirm;
    then the day at pick-up: a line of each topic, the incident waiting
    for the guardian, whose one touch acknowledges it."""
    _ = d._
    chooser = d.screen("the family's chooser", "Touch each child, then confirm", _("Hello, %s") % guardian)
    d.w.press(d.w.find(chooser, BUTTON, child))
    walk.wait_until(f"{child} to be chosen", lambda: d.w.find(d.w.read_screen(_("Touch each child, then confirm")),
                                                            BUTTON, _("Confirm")).acc.get_state_set()
                    .contains(walk.Atspi.StateType.SENSITIVE))
    d.w.press(d.w.find(d.w.read_screen(_("Touch each child, then confirm")), BUTTON, _("Confirm")))
    ack = _("I have read it")    # her chooser's tap: the button names no one
    d.screen("the day at pick-up", "Checked out", _("%s's day") % child)
    rows = [n.get_name() for n in d.w.nodes(_("Checked out")) if re.search(r"\d\d:\d\d", n.get_name() or "")]
    missing = [t for t in DAY_TOPICS if not any(_(t) in r for r in rows)]
    if missing:
        raise walk.Failure(f"the day of {child} has no line of {missing} (read: {rows})")
    press(d, ack)
    walk.wait_until("the acknowledgement to be taken", lambda: find_button(ack)[0] is None)
    d.shot()
    return rows


STEPS = {"checks": checks, "lunch": lunch, "nap": nap, "sleep-check": sleep_check, "wake": wake,
         "incident": incident, "day": day}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--localedir", required=True)
    parser.add_argument("--lang", required=True)
    parser.add_argument("--shots")
    parser.add_argument("--shot-prefix", default="morning")
    parser.add_argument("step", choices=sorted(STEPS))
    parser.add_argument("args", nargs="*")
    args = parser.parse_args()

    w = walk.Walker(args.localedir, args.lang)
    d = Drive(w, args.shots, prefix=args.shot_prefix)
    step_args = [int(a) if a.isdigit() else a for a in args.args]
    try:
        w.connect()
        for name in STEPS[args.step](d, *step_args):
            print(name)
    except walk.Failure as e:
        w.problems.append(str(e))
    for p in w.problems:
        print(f"FAIL: {args.step}: {p}", file=sys.stderr)
    return 1 if w.problems else 0


if __name__ == "__main__":
    sys.exit(main())
