#!/bin/sh
# e2e-ratio.sh — a room below the staff ratio, raised and cleared, through
# the real kiosk and the reference platform: the kiosk enrolled, in demo
# mode, with [ratio] breach-minutes=1; 王小明 checks in to the toddler room
# (R2) and nobody of that room is clocked in, so the room is red; a minute
# later the kiosk records ratio.breach, shows the banner and the platform
# holds it; 张老师 of that room clocks in, the room is back within the ratio,
# and the platform holds ratio.cleared for that breach.  Each once.
set -u
. "$NK_SOURCE_ROOT/tests/e2e-lib.sh"

data="$E2E_DIR/data"
start_platform
cat >> "$E2E_DIR/kiosk.conf" <<CONF
[ratio]
breach-minutes=1
CONF
enrol_kiosk "$data"
start_kiosk "$data" --demo --config "$E2E_DIR/kiosk.conf"
wait_for "Syncing with https://127.0.0.1"

tap 04A1B2C3
wait_for "confirmed check-in event=[0-9a-f-]{36} person=D0001"
ok "王小明 checked in to the toddler room, nobody of the room clocked in"

wait_for "Room R2 below the ratio for 1 min: breach [0-9a-f-]{36} raised \\(0 caregivers" 200
breach=$(sed -n 's/.*Room R2 below the ratio for 1 min: breach \([0-9a-f-]*\) raised.*/\1/p' "$KIOSK_LOG" | head -n 1)
wait_for "Ratio breach $breach: banner on every screen"
wait_platform ratio.breach 1
plat() { sqlite3 -cmd ".timeout 5000" "$E2E_DIR/platform.db" "$1"; }
[ "$(plat "SELECT id FROM events WHERE type = 'ratio.breach'")" = "$breach" ] || fail "the platform's breach is not the kiosk's"
[ "$(plat "SELECT json_extract(payload, '\$.room_id') || ':' || json_extract(payload, '\$.caregivers') FROM events WHERE type = 'ratio.breach'")" = "R2:0" ] \
  || fail "the platform's breach does not say room R2 with no caregiver: $(plat "SELECT payload FROM events WHERE type = 'ratio.breach'")"
ok "a minute below the ratio: ratio.breach recorded, the banner shown, the platform holds it"

tap 04C0FFEE
wait_for "confirmed clock-in event="
wait_for "Room R2 is back within the ratio: breach $breach cleared" 200
wait_platform ratio.cleared 1
[ "$(plat "SELECT json_extract(payload, '\$.breach_id') FROM events WHERE type = 'ratio.cleared'")" = "$breach" ] \
  || fail "the platform's ratio.cleared is not for the breach $breach"
[ "$(plat "SELECT count(*) FROM events WHERE type = 'ratio.breach'")" = 1 ] || fail "the breach was sent more than once"
[ "$(plat "SELECT count(*) FROM rejected")" = 0 ] || fail "the platform rejected events: $(plat "SELECT * FROM rejected")"
ok "张老师 clocked in: the room back within the ratio, ratio.cleared for that breach on the platform, each once"
kill "$PLATFORM_PID" 2>/dev/null
stop_kiosk
echo "1..3"
