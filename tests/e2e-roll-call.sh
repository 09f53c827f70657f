#!/bin/sh
# e2e-roll-call.sh — an emergency roll call with the network down, through
# the real window as a person (a screen reader's user) does it: the kiosk
# enrolled with the reference platform, then every request to it refused
# (503, before anything is stored: the kiosk sees a platform it cannot reach);
# 王小明 checked in, the director's card, "Roll call", 王小明 ticked,
# "Finish" (the walk of tests/a11y-walk.py); the three events wait in the
# outbox; the network back, they reach the platform once each, the
# finish naming the director (not ticked) as missing.
set -u
. "$NK_SOURCE_ROOT/tests/e2e-lib.sh"

unset NO_AT_BRIDGE
export GTK_A11Y=atspi
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
platform_fault 503
ok "the kiosk enrolled, then the platform out of reach (every request refused before it stores anything)"

env -u G_DEBUG /usr/bin/python3 "$NK_SOURCE_ROOT/tests/a11y-walk.py" rollcall \
  --localedir "$NK_LOCALEDIR" --lang C || fail "the roll call could not be done through the window (above)"
wait_for "Roll call .* started by S"
wait_for "Roll call .* finished by S.*: 1 of 2 counted"
ok "the director's card, \"Roll call\", a tick, \"Finish\": all through the window, offline"

[ "$(sql "$db" "SELECT group_concat(type, ' ') FROM (SELECT type FROM outbox WHERE state = 'pending' AND type LIKE 'rollcall.%' ORDER BY seq)")" \
  = "rollcall.started rollcall.ticked rollcall.finished" ] \
  || fail "the outbox does not hold the three roll call events: $(sql "$db" "SELECT type, state FROM outbox WHERE type LIKE 'rollcall.%'")"
[ "$(sql "$E2E_DIR/platform.db" "SELECT count(*) FROM events WHERE type LIKE 'rollcall.%'")" = 0 ] \
  || fail "a roll call event reached the platform while the network was down"
ok "started, ticked and finished wait in the outbox"

platform_fault none
wait_platform rollcall.started 1
wait_platform rollcall.ticked 1
wait_platform rollcall.finished 1
[ "$(sql "$E2E_DIR/platform.db" "SELECT json_extract(payload, '$.missing_child_ids') IS NULL AND json_extract(payload, '$.missing_staff_ids') IS NOT NULL FROM events WHERE type = 'rollcall.finished'")" = 1 ] \
  || fail "the platform's rollcall.finished does not name the director missing and no child"
[ "$(sql "$E2E_DIR/platform.db" "SELECT json_extract(payload, '$.person_id') FROM events WHERE type = 'rollcall.ticked'")" = D0001 ] \
  || fail "the platform's rollcall.ticked does not name 王小明 (D0001)"
[ "$(sql "$E2E_DIR/platform.db" "SELECT count(*) FROM rejected")" = 0 ] || fail "the platform rejected events: $(sql "$E2E_DIR/platform.db" "SELECT * FROM rejected")"
wait_sql "$db" "SELECT count(*) FROM outbox WHERE type LIKE 'rollcall.%' AND state = 'pending'" 0 \
  "the roll call events are still pending after the network came back"
ok "the network back: the three events at the platform once each, the finish naming the director missing"
stop_kiosk
echo "1..4"
