#!/bin/sh
# e2e-door-lock.sh — the door kiosk cannot be closed from the keyboard or
# by the window manager, whatever the build type: the real kiosk, full
# screen (no --windowed), gets Ctrl+Q, Ctrl+W, Alt+F4, Escape, F11 and the
# inspector's Ctrl+Shift+I and Ctrl+Shift+D from xdotool, then the WM_DELETE_WINDOW a
# window manager sends for Alt+F4 or a close button.  Its refusal of that
# last one (a journal line) says every key before it was processed; the
# kiosk is then still running, its one window still on screen, and a tap
# is still recorded.  With --windowed the title says it is a development
# window and Ctrl+Q quits.
set -u
. "$NK_SOURCE_ROOT/tests/e2e-lib.sh"

command -v xdotool > /dev/null || { echo "xdotool is missing (make deps)"; exit 77; }

data="$E2E_DIR/data"
db="$data/kiosk.db"

# kiosk_window: the kiosk's visible top-level window (one id), waiting for it
kiosk_window() {
  i=0
  until wid=$(xdotool search --onlyvisible --pid "$KIOSK_PID" 2>/dev/null | head -n 1) && [ -n "$wid" ]; do
    i=$((i + 1))
    [ $i -ge 100 ] && fail "the kiosk's window never appeared"
    sleep 0.1
  done
  echo "$wid"
}

# wm_close WINDOW: what a window manager sends on Alt+F4 or a close button
# (a WM_PROTOCOLS client message naming WM_DELETE_WINDOW), through Xlib.
wm_close() {
  python3 - "$1" <<'PY' || fail "cannot send WM_DELETE_WINDOW"
import ctypes, sys
x = ctypes.cdll.LoadLibrary("libX11.so.6")
x.XOpenDisplay.restype = ctypes.c_void_p
x.XOpenDisplay.argtypes = [ctypes.c_char_p]
x.XInternAtom.restype = ctypes.c_ulong
x.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
x.XSendEvent.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_long, ctypes.c_void_p]
x.XSync.argtypes = [ctypes.c_void_p, ctypes.c_int]
x.XCloseDisplay.argtypes = [ctypes.c_void_p]

class ClientMessage(ctypes.Structure):
    _fields_ = [("type", ctypes.c_int), ("serial", ctypes.c_ulong), ("send_event", ctypes.c_int),
                ("display", ctypes.c_void_p), ("window", ctypes.c_ulong),
                ("message_type", ctypes.c_ulong), ("format", ctypes.c_int),
                ("data", ctypes.c_long * 5)]

class XEvent(ctypes.Union):
    _fields_ = [("xclient", ClientMessage), ("pad", ctypes.c_long * 24)]

display = x.XOpenDisplay(None)
if not display:
    sys.exit("no display")
window = int(sys.argv[1])
event = XEvent()
event.xclient.type = 33                      # ClientMessage
event.xclient.window = window
event.xclient.message_type = x.XInternAtom(display, b"WM_PROTOCOLS", 0)
event.xclient.format = 32
event.xclient.data[0] = x.XInternAtom(display, b"WM_DELETE_WINDOW", 0)
event.xclient.data[1] = 0                    # CurrentTime
x.XSendEvent(display, window, 0, 0, ctypes.byref(event))
x.XSync(display, 0)
x.XCloseDisplay(display)
PY
}

# ---- the door: full screen ----------------------------------------------

env -u G_DEBUG "$NK_KIOSK" --demo --data-dir "$data" >> "$KIOSK_LOG" 2>&1 &
KIOSK_PID=$!
wait_on_bus
wait_for "First screen painted"
wid=$(kiosk_window)
xdotool windowfocus --sync "$wid" || fail "cannot focus the kiosk window"
ok "door kiosk full screen (window $wid, \"$(xdotool getwindowname "$wid")\")"

for keys in ctrl+q ctrl+w alt+F4 Escape F11 ctrl+shift+i ctrl+shift+d; do
  xdotool key --clearmodifiers "$keys" || fail "xdotool could not send $keys"
done
wm_close "$wid"
wait_for "Closing the kiosk window is not allowed"
kill -0 "$KIOSK_PID" 2> /dev/null || fail "the kiosk exited on the keys or the window manager's close"
ok "Ctrl+Q, Ctrl+W, Alt+F4, Escape, F11, Ctrl+Shift+I/D and WM_DELETE_WINDOW processed, kiosk running"
[ "$(count_lines "The GTK inspector is not available")" = 2 ] || fail "Ctrl+Shift+I and Ctrl+Shift+D were not both refused"

shown=$(xdotool search --onlyvisible --pid "$KIOSK_PID" | tr '\n' ' ')
[ "$shown" = "$wid " ] || fail "the kiosk shows the windows '$shown', not just its own ($wid): an inspector?"
xdotool search --onlyvisible --pid "$KIOSK_PID" | grep -qx "$wid" || fail "the kiosk window is no longer on screen"
ok "the same full-screen window still on screen, nothing else opened"

tap 04A1B2C3
wait_for "confirmed check-in event=[0-9a-f-]{36}"
[ "$(sql "$db" "SELECT count(*) FROM attendance WHERE child_id = 'D0001' AND kind = 'in'")" = 1 ] \
  || fail "the tap after the keys was not recorded"
[ "$(count_lines "Closing the kiosk window is not allowed")" = 1 ] \
  || fail "a key asked to close the window: $(count_lines "Closing the kiosk window is not allowed") refusals for one WM_DELETE_WINDOW"
ok "a tap after the keys is recorded; only the window manager's close asked to close"

stop_kiosk

# ---- development: --windowed ------------------------------------------------

env -u G_DEBUG "$NK_KIOSK" --demo --windowed --data-dir "$data" >> "$KIOSK_LOG" 2>&1 &
KIOSK_PID=$!
wait_on_bus
wait_for_count "First screen painted" 2
wid=$(kiosk_window)
title=$(xdotool getwindowname "$wid")
case "$title" in
  *development*) ok "windowed title says so: \"$title\"" ;;
  *) fail "the windowed kiosk's title does not say it is a development window: \"$title\"" ;;
esac

xdotool windowfocus --sync "$wid" || fail "cannot focus the windowed kiosk"
xdotool key --clearmodifiers ctrl+q || fail "xdotool could not send ctrl+q"
i=0
while kill -0 "$KIOSK_PID" 2> /dev/null; do
  i=$((i + 1))
  [ $i -ge 100 ] && fail "Ctrl+Q did not quit the windowed kiosk"
  sleep 0.1
done
wait "$KIOSK_PID"
status=$?
KIOSK_PID=
[ "$status" = 0 ] || fail "the windowed kiosk exited with status $status on Ctrl+Q"
ok "Ctrl+Q quits the windowed kiosk (status 0)"
echo "1..6"
