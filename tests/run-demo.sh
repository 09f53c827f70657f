#!/bin/sh
# run-demo.sh — `make demo`: the reference platform on loopback, the kiosk
# enrolled with it, and the kiosk in demo mode (a seeded centre and the
# simulated reader), windowed.  With no display on this machine it runs on
# a virtual one and says how to look at it.
set -eu
build=${1:-_build}
data=${2:-$HOME/.local/share/nursery-kiosk-demo}
root=$(cd "$(dirname "$0")/.." && pwd)
kiosk="$build/app/nursery-kiosk"
admin="$build/app/nursery-kiosk-admin"
platform="$data/platform"

mkdir -p "$platform"
echo "Nursery Kiosk demo — data in $data"

# The reference platform (tests/platform/server.py) with its own CA.
sh "$root/tests/platform/make-certs.sh" "$platform/certs"
rm -f "$platform/ready"
python3 "$root/tests/platform/server.py" --certs "$platform/certs" --db "$platform/platform.db" \
  --ready-file "$platform/ready" --idle-timeout 86400 > "$platform/server.log" 2>&1 &
server=$!
i=0
until [ -s "$platform/ready" ]; do
  i=$((i + 1))
  [ $i -lt 100 ] || { echo "The reference platform did not start:" >&2; cat "$platform/server.log" >&2; exit 1; }
  sleep 0.1
done
port=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["port"])' "$platform/ready")
admin_port=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["admin_port"])' "$platform/ready")
cat > "$data/kiosk.conf" <<CONF
[sync]
platform-url=https://127.0.0.1:$port
ca-file=$platform/certs/ca.pem
pull-interval-seconds=30
CONF

if [ ! -s "$data/device-token" ]; then
  python3 -c 'import sys, urllib.request; urllib.request.urlopen(urllib.request.Request(
    "http://127.0.0.1:%s/admin/enrol-code" % sys.argv[1], data=b"{\"code\": \"DEMO2345\"}",
    headers={"Content-Type": "application/json"}), timeout=10).read()' "$admin_port"
  "$admin" --config "$data/kiosk.conf" --data-dir "$data" enrol DEMO2345
fi

echo "The platform runs on https://127.0.0.1:$port; what it received:"
echo "  sqlite3 '$platform/platform.db' 'SELECT at, type, payload FROM events ORDER BY seq DESC LIMIT 5'"
echo "Tap a card with the buttons at the bottom of the window, or from a shell:"
echo "  gapplication action org.nurserykiosk.Kiosk simulate-tap \"'04A1B2C3'\"   (a child's card)"
echo "  … '04D5E6F7' (a mother of two)  '04C0FFEE' (a caregiver: staff mode)  '04999999' (unknown)"

if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
  "$kiosk" --demo --windowed --data-dir "$data" --config "$data/kiosk.conf" || true
  kill "$server" 2>/dev/null || true
  exit 0
fi

echo "No display here: the kiosk runs on a virtual display (Xvfb :77, 1024x600)."
echo "A screenshot is written to $data/screen.png every 2 seconds; Ctrl-C stops."
echo "To tap from another shell: DBUS_SESSION_BUS_ADDRESS=\$(cat '$data/bus') gapplication action …"
Xvfb :77 -screen 0 1024x600x24 -nolisten tcp > "$data/xvfb.log" 2>&1 &
xvfb=$!
trap 'kill $xvfb $server 2>/dev/null' EXIT INT TERM
sleep 1
export DISPLAY=:77
dbus-run-session -- sh -c "
  echo \"\$DBUS_SESSION_BUS_ADDRESS\" > '$data/bus'
  '$kiosk' --demo --windowed --data-dir '$data' --config '$data/kiosk.conf' &
  kiosk=\$!
  trap 'kill \$kiosk' INT TERM
  while kill -0 \$kiosk 2>/dev/null; do
    sleep 2
    import -window root '$data/screen.png' 2>/dev/null || true
  done"
