#!/bin/sh
# e2e-checkup.sh — a check-up result recorded by the health staff's card
# through the real window (tests/e2e-checkup-drive.py presses the buttons
# over AT-SPI): the row is in the database, the checkup.result event
# reaches the reference platform with its members.
set -u
. "$NK_SOURCE_ROOT/tests/e2e-lib.sh"

unset NO_AT_BRIDGE
export GTK_A11Y=atspi
DRIVE="env -u G_DEBUG /usr/bin/python3 $NK_SOURCE_ROOT/tests/e2e-checkup-drive.py"
lang=${E2E_LANG:-zh_CN}
[ "$lang" = C ] && export LC_ALL=C.UTF-8 || export LC_ALL=$lang.UTF-8

data="$E2E_DIR/data"
db="$data/kiosk.db"
start_platform
cat >> "$E2E_DIR/kiosk.conf" <<CONF
[kiosk]
result-seconds=60
staff-lock-seconds=3600
CONF
enrol_kiosk "$data"
start_kiosk "$data" --demo --config "$E2E_DIR/kiosk.conf"
wait_on_bus
wait_for "Syncing with https://127.0.0.1"

$DRIVE --localedir "$NK_LOCALEDIR" --lang "$lang" --pid "$KIOSK_PID" ${E2E_SHOTS:+--shots "$E2E_SHOTS"} \
  || fail "the check-up result could not be recorded through the window (above)"
wait_for "confirmed checkup-result event="
event=$(grep -oE "confirmed checkup-result event=[0-9a-f-]{36}" "$KIOSK_LOG" | head -n 1 | cut -d= -f2)
ok "a check-up result recorded through the window by the health staff's card"

[ "$(sql "$db" "SELECT child_id || ':' || hearing || ':' || eyes || ':' || by_id || ':' || (head_mm IS NULL) FROM checkup_results WHERE id = '$event'")" = "D0002:pass:refer:S003:1" ] \
  || fail "the result in the database is not 刘子涵's, hearing pass, eyes refer, by 孙医生, no head circumference"
ok "the row: 刘子涵, hearing pass, eyes refer, by 孙医生, no head circumference at 30 months"

i=0
until [ "$(sqlite3 -cmd ".timeout 5000" "$E2E_DIR/platform.db" "SELECT count(*) FROM events WHERE id = '$event' AND type = 'checkup.result'")" = 1 ]; do
  i=$((i + 1)); [ $i -ge 150 ] && fail "event $event never reached the platform"; sleep 0.2
done
[ "$(sqlite3 "$E2E_DIR/platform.db" "SELECT json_extract(payload, '$.child_id') || ':' || json_extract(payload, '$.eyes') || ':' || json_extract(payload, '$.height_mm') FROM events WHERE id = '$event'")" = "D0002:refer:872" ] \
  || fail "the platform's checkup.result does not hold the result's members"
ok "the checkup.result event reached the reference platform"
stop_kiosk
echo "1..3"
