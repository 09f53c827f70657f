#!/bin/sh
# e2e-sleep.sh — a nap with sleep checks and an overdue check escalating,
# through the real kiosk and the reference platform.  The kiosk runs under
# libfaketime (Debian's faketime): its wall clock is moved forward by
# writing an offset to a file, while DONT_FAKE_MONOTONIC=1 keeps its
# timers and debounce on real time, as after a clock change.  A record
# made after the clock moved (a child checked in) makes the watch look at
# once; without one it looks within a minute.  The screens are driven
# through AT-SPI (tests/e2e-press.py), as a screen reader's user would.
set -u
. "$NK_SOURCE_ROOT/tests/e2e-lib.sh"

need_faketime
# the buttons are pressed through the accessibility bus
unset NO_AT_BRIDGE
export GTK_A11Y=atspi
PRESS="env -u G_DEBUG /usr/bin/python3 $NK_SOURCE_ROOT/tests/e2e-press.py"

data="$E2E_DIR/data"
db="$data/kiosk.db"
clock="$E2E_DIR/faketime"
start_platform
cat >> "$E2E_DIR/kiosk.conf" <<CONF
[kiosk]
result-seconds=2
staff-lock-seconds=3600
[sleep-check]
interval-minutes=10
CONF
enrol_kiosk "$data"

echo "+0" > "$clock"
start_kiosk_faked "$clock" "$data" --demo --config "$E2E_DIR/kiosk.conf"
wait_on_bus
wait_for "Sleep checks every 10 min"
wait_for "Syncing with https://127.0.0.1"
infant=$(sql "$db" "SELECT name FROM children WHERE id = 'C0001'")
[ -n "$infant" ] || fail "the demo centre has no infant C0001"

tap 30000000                       # the infant checked in
wait_for "confirmed check-in event=.*person=C0001"
tap 04C0FFEE                       # the caregiver: staff mode
wait_for "confirmed clock-in event=.*person=S002"
$PRESS "Naps and sleep checks" "Start the nap of $infant" > /dev/null || fail "cannot start the nap on screen"
wait_sql "$db" "SELECT count(*) FROM naps WHERE child_id = 'C0001' AND end_us IS NULL" 1 "the nap was not recorded"
ok "the nap of $infant started in staff mode"

# eleven minutes on: the check is due
echo "+11m" > "$clock"
tap 30000003                       # another infant arrives: a record, the watch looks
wait_for "Sleep check due for 1 children"
ok "the check came due after the interval (the chime, the banner)"

tap 04C0FFEE
wait_for "tap answered staff-open card=04C0FFEE"
$PRESS "Naps and sleep checks" "$infant: On the back" "Record the sleep check of $infant" > /dev/null \
  || fail "cannot record the check on screen"
wait_sql "$db" "SELECT count(*) FROM sleep_checks WHERE child_id = 'C0001' AND position = 'back' AND by_id = 'S002'" 1 \
  "the sleep check was not recorded"
ok "the check recorded in two touches (position, OK) by the caregiver"

# thirty-three minutes from the start, 22 after the check: overdue
echo "+33m" > "$clock"
tap 30000006
wait_for "Sleep check OVERDUE for 1 children"
wait_sql "$db" "SELECT count(*) FROM sleep_check_overdue WHERE child_id = 'C0001' AND by_kind = 'system'" 1 \
  "the escalation was not recorded"
i=0
until top_is_red "$E2E_DIR/top.png"; do
  i=$((i + 1)); [ $i -ge 50 ] && fail "no red overdue banner at the top of the window"; sleep 0.2
done
ok "the overdue check escalated: the banner on the door screen, a record by the system"

wait_platform nap 1
wait_platform sleep_check 1
wait_platform sleep_check.overdue 1
payload=$(sqlite3 "$E2E_DIR/platform.db" "SELECT payload FROM events WHERE type = 'sleep_check.overdue'")
echo "$payload" | grep -q '"child_id":"C0001"' || fail "the overdue event does not name the child: $payload"
ok "the nap, the check and the escalation reached the platform"

# a restart does not escalate the same gap again
stop_kiosk
before=$(count_lines "Sleep check OVERDUE")
start_kiosk_faked "$clock" "$data" --demo --config "$E2E_DIR/kiosk.conf"
wait_on_bus
wait_for_count "Sleep check OVERDUE" $((before + 1))
wait_sql "$db" "SELECT count(*) FROM outbox WHERE state != 'sent'" 0 "the outbox did not drain after the restart"
[ "$(sql "$db" "SELECT count(*) FROM sleep_check_overdue")" = 1 ] || fail "the same gap escalated twice"
ok "after a restart the banner is back and the gap is not escalated twice"
stop_kiosk

date=$(sql "$db" "SELECT local_date FROM naps LIMIT 1")
report=$(env -u G_DEBUG "$NK_ADMIN" --config "$E2E_DIR/kiosk.conf" --data-dir "$data" sleep-report --date "$date" 2>&1) \
  || fail "sleep-report failed: $report"
echo "$report" | grep -q "^$infant (C0001), Infant room: nap .*, 1 checks, 0 on the front" \
  || fail "sleep-report does not list the nap: $report"
echo "$report" | grep -qE "^  gap [0-9:]+–[0-9:]+: 1[01] min without a check" \
  || fail "sleep-report does not show the gap before the first check: $report"
ok "sleep-report shows the nap and its gap"
echo "1..8"
