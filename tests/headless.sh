#!/bin/sh
# Runs a command under a private Xvfb (1920x1080) and a private D-Bus
# session, so UI and end-to-end tests run on machines with no display.
set -u
tmp=$(mktemp -d)
trap 'kill $xpid 2>/dev/null; rm -rf "$tmp"' EXIT INT TERM
Xvfb -displayfd 3 -screen 0 1920x1080x24 -nolisten tcp -noreset 3>"$tmp/display" 2>"$tmp/xvfb.log" &
xpid=$!
i=0
while [ ! -s "$tmp/display" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
if [ ! -s "$tmp/display" ]; then echo "Xvfb did not start:" >&2; cat "$tmp/xvfb.log" >&2; exit 1; fi
DISPLAY=":$(cat "$tmp/display")"
export DISPLAY
export GDK_BACKEND=x11
unset WAYLAND_DISPLAY
dbus-run-session -- "$@"
