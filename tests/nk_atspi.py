#!/usr/bin/python3
"""nk_atspi.py — the kiosk as a screen reader reads it, through AT-SPI:
find the running kiosk, work out which screen shows, read its controls,
press a button by its accessible name, tap a card over D-Bus.  Shared by
tests/a11y-walk.py (every control named) and the end-to-end tests that
drive the real window the way a person with a screen reader would
(tests/e2e-*.sh run small Python drivers that import this).

How a screen is found.  GTK 4.8 reports no SHOWING state below the window
and keeps every page of a GtkStack in the tree, so "what shows" is worked
out the way a person sees it: each screen has a marker — a label of its own
page, looked up in the kiosk's own translations — and at every stack the
walk goes into the one page that holds the marker.  A stack page is the one
kind of node that has no Component interface (it is not a widget).  Since
fixed labels are in the tree before their page shows, a walk first waits
for a text that only comes with the screen (a child's name, the headline).

What counts as unnamed.  An empty name, or the GType name GTK 4.8 puts in
its place ("GtkButton", "GtkImage"): that is what Orca would read out.

Needs Debian's python3-gi and gir1.2-atspi-2.0: run with /usr/bin/python3.
"""

import gettext
import os
import re
import subprocess
import time
import warnings

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi, GLib  # noqa: E402

APP_NAME = "nursery-kiosk"
DOMAIN = "nursery-kiosk"
GTYPE_NAME = re.compile(r"^(Gtk|Adw|Nk|Gdk)[A-Z][A-Za-z0-9]*$")
CJK = re.compile(r"[\u3400-\u9fff]")

# Roles a person acts on or is shown as a picture: each needs a name.
NAMED_ROLES = {
    Atspi.Role.PUSH_BUTTON: "push button",
    Atspi.Role.TOGGLE_BUTTON: "toggle button",
    Atspi.Role.CHECK_BOX: "check box",
    Atspi.Role.RADIO_BUTTON: "radio button",
    Atspi.Role.LINK: "link",
    Atspi.Role.LIST_ITEM: "list item",
    Atspi.Role.MENU_ITEM: "menu item",
    Atspi.Role.IMAGE: "image",
    Atspi.Role.ENTRY: "entry",
    Atspi.Role.TEXT: "text entry",
    Atspi.Role.PASSWORD_TEXT: "password entry",
    Atspi.Role.SPIN_BUTTON: "spin button",
    Atspi.Role.COMBO_BOX: "combo box",
    Atspi.Role.SLIDER: "slider",
    Atspi.Role.TABLE: "table",
    Atspi.Role.TABLE_CELL: "table cell",
}

DEADLINE_S = 30.0   # upper bound for any one wait; the waits end as soon as the condition holds
POLL_S = 0.1


class Failure(Exception):
    pass


def plural_translator(localedir, lang):
    if lang.startswith("C"):
        return lambda s, p, n: s if n == 1 else p
    return gettext.translation(DOMAIN, localedir, languages=[lang], fallback=False).ngettext


def translator(localedir, lang):
    if lang.startswith("C"):
        return lambda s: s
    t = gettext.translation(DOMAIN, localedir=localedir, languages=[lang])
    return t.gettext


def wait_until(what, predicate, deadline=DEADLINE_S):
    """Polls predicate() until it returns something true; fails after deadline."""
    end = time.monotonic() + deadline
    last_error = None
    while time.monotonic() < end:
        try:
            value = predicate()
            if value:
                return value
        except GLib.Error as e:   # a node went away while we read it: read again
            last_error = e
        time.sleep(POLL_S)
    raise Failure(f"timed out waiting for {what}" + (f" (last error: {last_error.message})" if last_error else ""))


def find_app():
    desktop = Atspi.get_desktop(0)
    for i in range(desktop.get_child_count()):
        app = desktop.get_child_at_index(i)
        if app is not None and app.get_name() == APP_NAME and app.get_child_count() > 0:
            return app
    return None


def children(acc):
    out = []
    for i in range(acc.get_child_count()):
        child = acc.get_child_at_index(i)
        if child is not None:
            out.append(child)
    return out


def is_stack_page(acc):
    return acc.get_role() != Atspi.Role.APPLICATION and "Component" not in acc.get_interfaces()


def unnamed(name):
    return name is None or name.strip() == "" or GTYPE_NAME.match(name) is not None


def contains_marker(acc, marker):
    if acc.get_role() == Atspi.Role.LABEL and acc.get_name() == marker:
        return True
    return any(contains_marker(c, marker) for c in children(acc))


def shown_nodes(acc, marker, out):
    """Every node a person sees on the current screen, in tree order."""
    out.append(acc)
    kids = children(acc)
    pages = [k for k in kids if is_stack_page(k)]
    if pages:
        holding = [p for p in pages if contains_marker(p, marker)]
        kids = [k for k in kids if not is_stack_page(k)] + holding[:1]
    for k in kids:
        shown_nodes(k, marker, out)
    return out


def texts(acc, out):
    for c in children(acc):
        if c.get_role() == Atspi.Role.LABEL and not unnamed(c.get_name()):
            out.append(c.get_name())
        texts(c, out)
    return out


class Control:
    def __init__(self, acc, role, name, description, labels, kind):
        self.acc, self.role, self.name, self.description = acc, role, name, description
        self.kind = kind   # "push button", "image"… or "page" (of a stack: what the screen is called)
        self.labels = labels   # the text of the labels inside it
        shows = " ".join(labels)
        self.shows = shows if len(shows) <= 60 else shows[:57] + "..."

    def __str__(self):
        """As a person would find it: its role, its name, what it shows."""
        return f"{self.kind} {self.name!r}" + (f" showing {self.shows!r}" if self.shows else "")


class Walker:
    def __init__(self, localedir, lang):
        self._ = translator(localedir, lang)
        self.ngettext = plural_translator(localedir, lang)
        self.lang = lang
        self.app = None
        self.problems = []
        self.totals = []
        self.dump = os.environ.get("NK_A11Y_DUMP") == "1"

    def connect(self):
        self.app = wait_until(f"'{APP_NAME}' on the accessibility bus", find_app)

    def window(self):
        frames = [c for c in children(self.app) if c.get_role() == Atspi.Role.FRAME]
        if not frames:
            raise Failure("the kiosk has no window on the accessibility bus")
        return frames[0]

    def wait_screen(self, screen, msgid, ready):
        """Waits until the screen holds ready: a text that only comes with it
        (every stack page is always in the tree, so its fixed labels are
        there before it shows)."""
        marker = self._(msgid)
        wait_until(f"the {screen} screen (showing {ready!r})",
                   lambda: any(ready in (n.get_name() or "") for n in self.nodes(marker)))
        return marker

    def nodes(self, marker):
        return shown_nodes(self.window(), marker, [])

    def read_screen(self, marker):
        """Every control and image on the screen, read in one go."""
        out = []
        for acc in self.nodes(marker):
            role = acc.get_role()
            if role in NAMED_ROLES or is_stack_page(acc):
                out.append(Control(acc, role, acc.get_name(), acc.get_description(), texts(acc, []),
                                   kind="page" if is_stack_page(acc) else NAMED_ROLES[role]))
        return out

    def check(self, screen, msgid, ready, expect=()):
        """Waits for a screen, then checks every control and image on it.

        msgid: a label of the screen's own page (which page of each stack to
        read); ready: see wait_screen; expect: (role, text) pairs: a control
        of that role whose name holds text must be there (names are read
        out, so they must say something true, not only something)."""
        marker = self.wait_screen(screen, msgid, ready)
        # a node can go away while it is read (a list rebuilt): read again
        controls = wait_until(f"the {screen} screen to be read", lambda: self.read_screen(marker))
        if self.dump:
            self.print_tree(self.window(), marker, 0)
        named = [c for c in controls if not unnamed(c.name)]
        bad = [c for c in controls if unnamed(c.name)]
        for c in bad:
            self.problems.append(f"{screen}: unnamed {c}")
        if self.lang.startswith("zh"):
            for c in named:
                if not CJK.search(c.name) and re.search(r"[A-Za-z]{3,}", c.name):
                    self.problems.append(f"{screen}: {c} is read in English under zh_CN")
        for role, text in expect:
            if not any(c.role == role and text in c.name for c in named):
                self.problems.append(f"{screen}: no {NAMED_ROLES[role]} named with {text!r}")
        print(f"# {self.lang} {screen}: named={len(named)} unnamed={len(bad)}")
        shots = os.environ.get("NK_A11Y_SHOTS")
        if shots:   # what a person saw, to look at (import is ImageMagick's)
            subprocess.run(["import", "-window", "root",
                            os.path.join(shots, f"{self.lang}-{re.sub(r'[^a-z0-9]+', '-', screen)}.png")])
        self.totals.append((screen, len(named), len(bad)))
        return controls

    def print_tree(self, acc, marker, depth):
        """The tree as read, for NK_A11Y_DUMP=1 (what to fix, and where)."""
        try:
            desc = acc.get_description()
        except GLib.Error as e:   # GTK 4.8 fails this on a stack page once its stack has switched
            desc = f"no description: {e.message}"
        print("#  " + "  " * depth + f"{acc.get_role_name()} {acc.get_name()!r}" + (f" [{desc}]" if desc else ""))
        kids = children(acc)
        pages = [k for k in kids if is_stack_page(k)]
        if pages:
            kids = [k for k in kids if not is_stack_page(k)] + [p for p in pages if contains_marker(p, marker)][:1]
        for k in kids:
            self.print_tree(k, marker, depth + 1)

    def find(self, controls, role, text):
        """The control of that role named with text, or (to drive the screens
        even where names are missing) showing a label with that text."""
        for c in controls:
            if c.role == role and text in (c.name or ""):
                return c
        for c in controls:
            if c.role == role and text in c.labels:
                return c
        raise Failure(f"no {NAMED_ROLES.get(role, role)} showing {text!r}")

    def press(self, control):
        """Activates a button the way a screen reader's user does."""
        acc = control.acc
        for i in range(acc.get_n_actions()):
            with warnings.catch_warnings():   # deprecated in 2.46, with no other name for it in GI
                warnings.simplefilter("ignore", DeprecationWarning)
                name = acc.get_action_name(i)
            if name in ("click", "toggle", "press"):
                acc.do_action(i)
                return
        raise Failure(f"{control} has no click action")


def tap(uid):
    subprocess.run(["gapplication", "action", "org.nurserykiosk.Kiosk", "simulate-tap", f"'{uid}'"],
                   check=True)
