#!/bin/sh
# run-demo.sh — `make demo`: the kiosk in demo mode (a seeded centre and the
# simulated reader), windowed.  With no display on this machine it runs on a
# virtual one and says how to look at it.
set -eu
build=${1:-_build}
data=${2:-$HOME/.local/share/nursery-kiosk-demo}
kiosk="$build/app/nursery-kiosk"

echo "Nursery Kiosk demo — data in $data"
echo "Tap a card with the buttons at the bottom of the window, or from a shell:"
echo "  gapplication action org.nurserykiosk.Kiosk simulate-tap \"'04A1B2C3'\"   (a child's card)"
echo "  … '04D5E6F7' (a mother of two)  '04C0FFEE' (a caregiver: staff mode)  '04999999' (unknown)"

if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
  exec "$kiosk" --demo --windowed --data-dir "$data"
fi

echo "No display here: starting it on a virtual display (Xvfb :77, 1024x600)."
echo "A screenshot is written to $data/screen.png every 2 seconds; Ctrl-C stops."
mkdir -p "$data"
Xvfb :77 -screen 0 1024x600x24 -nolisten tcp > "$data/xvfb.log" 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null' EXIT INT TERM
sleep 1
export DISPLAY=:77
echo "To tap from another shell: DBUS_SESSION_BUS_ADDRESS=\$(cat '$data/bus') gapplication action …"
dbus-run-session -- sh -c "
  echo \"\$DBUS_SESSION_BUS_ADDRESS\" > '$data/bus'
  '$kiosk' --demo --windowed --data-dir '$data' &
  kiosk=\$!
  trap 'kill \$kiosk' INT TERM
  while kill -0 \$kiosk 2>/dev/null; do
    sleep 2
    import -window root '$data/screen.png' 2>/dev/null || true
  done"
