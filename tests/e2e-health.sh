#!/bin/sh
# e2e-health.sh — a caregiver's morning health checks through the real
# window (tests/e2e-health-drive.py presses the buttons over AT-SPI): three
# children checked in, checked one after the other with the room's queue;
# the rows are in the database (the red one checked out with its reason)
# and the events reach the reference platform; a medicine handed over
# with the mother's own card tapped at the door, then given.
set -u
. "$NK_SOURCE_ROOT/tests/e2e-lib.sh"

# the drive reads the screens through the accessibility bus
unset NO_AT_BRIDGE
export GTK_A11Y=atspi
DRIVE="env -u G_DEBUG /usr/bin/python3 $NK_SOURCE_ROOT/tests/e2e-health-drive.py"
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
  || fail "the morning health checks could not be done through the window (above)"
wait_for_count "confirmed health-check event=" 3
ok "three morning checks done through the window, the queue offering the next child"

[ "$(sql "$db" "SELECT count(*) FROM health_checks WHERE check_time = 'morning' AND by_kind = 'staff' AND by_id = 'S002'")" = 3 ] \
  || fail "not three morning checks by 张老师 in the database"
[ "$(sql "$db" "SELECT outcome || ':' || temperature FROM health_checks WHERE child_id = 'D0001'")" = "green:365" ] \
  || fail "王小明's check is not green at 36.5"
[ "$(sql "$db" "SELECT outcome || ':' || temperature || ':' || feels_hot || ':' || watch FROM health_checks WHERE child_id = 'D0003'")" = "yellow:375:1:$(python3 -c "
import gettext,sys
t = gettext.translation('nursery-kiosk', localedir=sys.argv[1], languages=[sys.argv[2]], fallback=True)
print(t.gettext('Temperature'))" "$NK_LOCALEDIR" "$lang")" ] \
  || fail "刘子轩's check is not yellow at 37.5, hot, watching the temperature"
checkout=$(sql "$db" "SELECT checkout_id FROM health_checks WHERE child_id = 'D0002' AND outcome = 'red'")
[ -n "$checkout" ] || fail "刘子涵's red check names no check-out"
[ "$(sql "$db" "SELECT kind || ':' || method || ':' || reason FROM attendance WHERE id = '$checkout'")" = "out:manual:晨检未通过 / not admitted at the health check" ] \
  || fail "刘子涵 was not checked out by hand with the health check's reason"
ok "the rows: green 36.5, yellow 37.5 watching, red 38.6 checked out with its reason"

for event in $(grep -oE "confirmed health-check event=[0-9a-f-]{36}" "$KIOSK_LOG" | cut -d= -f2) $checkout; do
  i=0
  until [ "$(sqlite3 -cmd ".timeout 5000" "$E2E_DIR/platform.db" "SELECT count(*) FROM events WHERE id = '$event'")" = 1 ]; do
    i=$((i + 1)); [ $i -ge 150 ] && fail "event $event never reached the platform"; sleep 0.2
  done
done
[ "$(sqlite3 "$E2E_DIR/platform.db" "SELECT count(*) FROM events WHERE type = 'health_check'")" = 3 ] \
  || fail "the platform does not hold three health_check events"
ok "the three health checks and the check-out reached the reference platform"

wait_for "confirmed medicine-given event="
[ "$(sql "$db" "SELECT guardian_id || ':' || times || ':' || dose FROM medicines WHERE child_id = 'D0003'")" = "DG001:12:00:5 ml" ] \
  || fail "刘子轩's medicine was not handed over with 李娜's consent"
[ "$(sql "$db" "SELECT count(*) FROM attendance WHERE by_id = 'DG001'")" = 0 ] \
  || fail "李娜's consent tap checked a child in or out"
[ "$(sql "$db" "SELECT count(*) FROM medicine_given WHERE child_id = 'D0003' AND dose_time = '12:00' AND by_id = 'S002'")" = 1 ] \
  || fail "the 12:00 dose was not given by 张老师"
ok "medicine handed over with the mother's card at the door (nothing checked in or out), then given"
stop_kiosk
echo "1..4"
