#!/bin/sh
# e2e-day.sh — the parent's day at pick-up through the real kiosk, enrolled
# with the reference platform: a check-in shows no day; the check-out shows
# the child's day with the report's QR code (screenshot: not blank, the
# code's black modules there); the link the code carries is served by the
# platform for that child only; the day goes back to idle by itself.
set -u
. "$NK_SOURCE_ROOT/tests/e2e-lib.sh"

data="$E2E_DIR/data"
db="$data/kiosk.db"
start_platform
enrol_kiosk "$data"
cat >> "$E2E_DIR/kiosk.conf" <<CONF
[kiosk]
day-seconds=5
[reader]
debounce-seconds=0
CONF

# black_pixels: how many pixels of the kiosk window (1024×600 at the top
# left) are pure black.  Only the QR code's modules are: the day's text is
# dark grey, never #000000.
black_pixels() {
  /usr/bin/import -window root "$E2E_DIR/shot.png" 2>/dev/null || fail "cannot take a screenshot"
  /usr/bin/convert "$E2E_DIR/shot.png" -crop 1024x600+0+0 +repage "$E2E_DIR/window.png"
  /usr/bin/convert "$E2E_DIR/window.png" -fill white +opaque black -fill black -opaque black \
    -format "%[fx:round((1-mean)*w*h)]" info:
}

# colours: distinct colours in the window (a blank page has one or two)
colours() {
  /usr/bin/convert "$E2E_DIR/window.png" -format "%k" info:
}

start_kiosk "$data" --demo --config "$E2E_DIR/kiosk.conf"
wait_on_bus
wait_for "Card reader sim"
sleep 0.5
idle_rgb=$(screen_rgb)

tap 04A1B2C3
wait_for "confirmed check-in event=[0-9a-f-]{36} person=D0001"
sleep 0.3
[ "$(count_lines "Day shown")" = 0 ] || fail "a check-in showed the child's day"
[ "$(black_pixels)" -lt 50 ] || fail "a check-in shows a QR code"
ok "check-in: no day, no QR code"

tap 04A1B2C3
wait_for "confirmed check-out event=[0-9a-f-]{36} person=D0001"
wait_for "Day shown for child D0001: [1-9][0-9]* lines, 0 waiting for acknowledgement, with the report's QR code"
sleep 0.5
black=$(black_pixels)
n_colours=$(colours)
cp "$E2E_DIR/window.png" "${NK_DAY_SHOT:-$E2E_DIR/day.png}" 2>/dev/null || true
[ "$black" -gt 3000 ] || fail "the check-out's day shows no QR code ($black black pixels)"
[ "$n_colours" -gt 20 ] || fail "the day's page looks blank ($n_colours colours)"
ok "check-out: the day is on screen with its QR code ($black black pixels, $n_colours colours)"

# The code as a phone reads it: the link to this child's day at the platform.
command -v zbarimg > /dev/null || fail "zbarimg is missing (make deps: zbar-tools)"
scanned=$(zbarimg --raw -q "$E2E_DIR/window.png" 2>/dev/null | head -n 1)
case "$scanned" in
  "https://127.0.0.1:$PLATFORM_PORT/families/day/"*"/D0001/"*"?d="*"&s="*) ;;
  *) fail "the QR code on screen does not read as the link to D0001's day: '$scanned'" ;;
esac
ok "the QR code on screen reads as the signed link to D0001's day"

# The link the code carries, as the platform would check it: the kiosk's
# signature over centre, child, date and device, keyed by its token.
link_for() {
  python3 - "$PLATFORM_PORT" "$data/device-token" "$db" "$1" "$E2E_DIR/certs/ca.pem" <<'PY'
import hashlib, hmac, sqlite3, ssl, sys, urllib.error, urllib.request
port, token_file, db, child, ca = sys.argv[1:]
token = open(token_file).read().strip()
meta = dict(sqlite3.connect(db).execute("SELECT key, value FROM meta"))
date = sqlite3.connect(db).execute(
    "SELECT local_date FROM attendance WHERE child_id = 'D0001' ORDER BY at_us DESC").fetchone()[0]
# signed for D0001, asked for `child`
msg = "\n".join(("nk-day-link/1", meta["centre_id"], "D0001", date, meta["device_id"])).encode()
sig = hmac.new(token.encode(), msg, hashlib.sha256).hexdigest()[:32]
url = "https://127.0.0.1:%s/families/day/%s/%s/%s?d=%s&s=%s" % (port, meta["centre_id"], child, date,
                                                                 meta["device_id"], sig)
try:
    body = urllib.request.urlopen(url, context=ssl.create_default_context(cafile=ca), timeout=10).read()
    print(200, body.decode())
except urllib.error.HTTPError as e:
    print(e.code)
PY
}
i=0
until [ "$(sql "$db" "SELECT count(*) FROM outbox WHERE state != 'sent'")" = 0 ]; do
  i=$((i + 1)); [ $i -ge 150 ] && fail "the outbox did not drain"; sleep 0.2
done
answer=$(link_for D0001)
scanned_answer=$(python3 - "$scanned" "$E2E_DIR/certs/ca.pem" <<'PY'
import ssl, sys, urllib.request
print(urllib.request.urlopen(sys.argv[1], context=ssl.create_default_context(cafile=sys.argv[2]),
                             timeout=10).read().decode())
PY
) || fail "the platform did not serve the link the QR code carries: $scanned"
out_event=$(grep -oE "confirmed check-out event=[0-9a-f-]{36}" "$KIOSK_LOG" | head -n 1 | cut -d= -f2)
case "$answer" in
  "200 "*"$out_event"*) ;;
  *) fail "the platform does not serve the signed day of D0001: $answer" ;;
esac
case "$scanned_answer" in
  *"$out_event"*) ;;
  *) fail "the link the QR code carries does not serve D0001's day with the check-out" ;;
esac
[ "$(link_for D0002)" = 403 ] || fail "the platform served another child's day with D0001's signature"
ok "the platform serves the signed day (with the check-out), and refuses another child under that signature"

# the idle screen is near white, the check-out's page blue (its clock may
# have moved on, so not the very colour measured at start)
red() { set -- $(screen_rgb); echo "$1"; }
i=0
until [ "$(red)" -gt 200 ]; do
  i=$((i + 1)); [ $i -ge 100 ] && fail "the day did not go back to the idle screen (mean $(screen_rgb), idle was $idle_rgb)"
  sleep 0.2
done
ok "the day went back to idle by itself"
stop_kiosk
echo "1..5"
