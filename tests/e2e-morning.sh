#!/bin/sh
# e2e-morning.sh — one caregiver's morning through the real window of one
# kiosk enrolled with the reference platform (issue 7, section 6): four
# infants arrive with their cards; 张老师 taps hers; three morning health
# checks (the room's queue offers the next child); the infant room's lunch
# (select all present, three who ate half); a nap with a sleep check, then
# a check overdue escalating (the kiosk's wall clock moved with faketime,
# its timers on real time); the nap ends; an incident for the napper; her
# mother's card checks her out and the result page shows her day (arrival,
# health check, lunch, nap, the incident waiting), which the mother
# acknowledges.  Then the rows, the events at the platform (none
# rejected), the journal and the screenshots of each step.
# E2E_SHOTS=DIR keeps the screenshots; E2E_LANG=C runs it in English.
set -u
. "$NK_SOURCE_ROOT/tests/e2e-lib.sh"
need_faketime

unset NO_AT_BRIDGE
export GTK_A11Y=atspi
lang=${E2E_LANG:-zh_CN}
[ "$lang" = C ] && export LC_ALL=C.UTF-8 || export LC_ALL=$lang.UTF-8
E2E_SHOTS=${E2E_SHOTS:-$E2E_DIR/shots}
# drive STEP ARGS…: one step of the morning at the window
# (tests/e2e-morning-drive.py); prints the names it worked on
drive() {
  env -u G_DEBUG /usr/bin/python3 "$NK_SOURCE_ROOT/tests/e2e-morning-drive.py" --localedir "$NK_LOCALEDIR" \
    --lang "$lang" --shots "$E2E_SHOTS" --shot-prefix "$1" "$@" > "$E2E_DIR/drive.out" \
    || fail "the step '$1' failed at the window (above)"
  grep "^# " "$E2E_DIR/drive.out" >&2    # what each screen read (accessible names)
  grep -v "^# " "$E2E_DIR/drive.out"
}
start=$(date +%s)

data="$E2E_DIR/data"
db="$data/kiosk.db"
clock="$E2E_DIR/faketime"
start_platform
cat >> "$E2E_DIR/kiosk.conf" <<CONF
[kiosk]
result-seconds=60
day-seconds=60
staff-lock-seconds=3600
[sleep-check]
interval-minutes=10
CONF
enrol_kiosk "$data"
echo "+0" > "$clock"
start_kiosk_faked "$clock" "$data" --demo --config "$E2E_DIR/kiosk.conf"
wait_on_bus
wait_for "Syncing with https://127.0.0.1"
wait_for "Sleep checks every 10 min"
name_of() { sql "$db" "SELECT name FROM $1 WHERE id = '$2'"; }
infant=$(name_of children C0001)
mother=$(name_of guardians G0001)
room=$(sql "$db" "SELECT room_id FROM children WHERE id = 'C0001'")
[ -n "$infant" ] && [ -n "$mother" ] && [ "$room" = R1 ] || fail "the demo has no infant C0001 with a mother G0001"

# the morning: four infants arrive (C0001, C0004, C0007, C0010)
for card in 30000000 30000003 30000006 30000009; do tap "$card"; done
wait_for_count "confirmed check-in event=" 4
window_shot 1-arrivals

checked=$(drive checks "$infant")
[ "$(echo "$checked" | wc -l)" = 3 ] && [ "$(echo "$checked" | head -n 1)" = "$infant" ] \
  || fail "not three children checked: $checked"
wait_for_count "confirmed health-check event=" 3
[ "$(sql "$db" "SELECT count(DISTINCT child_id) FROM health_checks WHERE check_time = 'morning' AND outcome = 'green' AND by_id = 'S002'")" = 3 ] \
  || fail "not three green morning checks by 张老师"
[ "$(sql "$db" "SELECT temperature FROM health_checks WHERE child_id = 'C0001'")" = 365 ] || fail "$infant's check is not 36.5"
ok "three morning checks through the window, the queue offering the next: $(echo $checked)"

half=$(drive lunch "Infant room" 4)
wait_for "Care entry \(care_meal\) recorded for 4 children, 0 skipped"
[ "$(sql "$db" "SELECT count(*) FROM care_meals WHERE slot = 'lunch' AND room_id = 'R1' AND by_id = 'S002'")" = 4 ] \
  || fail "not four lunch rows in the infant room"
[ "$(sql "$db" "SELECT count(*) FROM care_meals WHERE portion = 'half'")" = 3 ] || fail "not three who ate half"
window_shot 2-lunch
ok "the room's lunch: four present, three who ate half ($(echo $half))"

drive nap "$infant" > /dev/null
wait_sql "$db" "SELECT count(*) FROM naps WHERE child_id = 'C0001' AND end_us IS NULL" 1 "the nap was not recorded"
ok "the nap of $infant started"

echo "+11m" > "$clock"                # eleven minutes on: a check is due
tap 3000000C                          # a late arrival: a record, the watch looks at once
wait_for "Sleep check due for 1 children"
tap 04C0FFEE                          # back to staff mode after the door served the tap
wait_for "tap answered staff-open card=04C0FFEE"
window_shot 3-check-due
drive sleep-check "$infant" > /dev/null
wait_sql "$db" "SELECT count(*) FROM sleep_checks WHERE child_id = 'C0001' AND position = 'back' AND by_id = 'S002'" 1 \
  "the sleep check was not recorded"
ok "the check came due and was recorded on the back"

echo "+33m" > "$clock"                # 22 minutes without a check: overdue
tap 3000000F
wait_for "Sleep check OVERDUE for 1 children"
wait_sql "$db" "SELECT count(*) FROM sleep_check_overdue WHERE child_id = 'C0001' AND by_kind = 'system'" 1 \
  "the escalation was not recorded"
i=0
until top_is_red "$E2E_DIR/top.png"; do
  i=$((i + 1)); [ $i -ge 50 ] && fail "no red overdue banner at the top of the window"; sleep 0.2
done
window_shot 4-overdue
ok "the overdue check escalated: the red banner, a record by the system"

tap 04C0FFEE
wait_for_count "tap answered staff-open card=04C0FFEE" 2
drive wake "$infant" > /dev/null
wait_sql "$db" "SELECT count(*) FROM naps WHERE child_id = 'C0001' AND end_us IS NOT NULL" 1 "the nap did not end"
drive incident "Infant room" "$infant" > /dev/null
wait_sql "$db" "SELECT count(*) FROM incidents WHERE child_id = 'C0001' AND by_id = 'S002'" 1 "the incident was not recorded"
ok "the nap ended; an incident recorded for $infant"

tap 50000000                          # her mother's card: her chooser; she checks her out
wait_for "tap answered family card=50000000"
lines=$(drive day "$infant" "$mother")
wait_for "confirmed check-out event=[0-9a-f-]{36} person=C0001"
wait_for "Day shown for child C0001: [1-9][0-9]* lines, 1 waiting for acknowledgement"
wait_sql "$db" "SELECT count(*) FROM incident_acks WHERE child_id = 'C0001' AND guardian_id = 'G0001'" 1 \
  "the mother's acknowledgement was not recorded"
window_shot 6-acknowledged
ok "the day at pick-up ($(echo "$lines" | wc -l) lines read), the incident acknowledged by $mother"

# every event of the morning at the platform, none rejected
wait_sql "$db" "SELECT count(*) FROM outbox WHERE state != 'sent'" 0 "the outbox did not drain"
for type in attendance:7 staff_clock:1 health_check:3 care_meal:4 nap:2 sleep_check:1 sleep_check.overdue:1 \
            incident:1 incident.ack:1; do
  wait_platform "${type%:*}" "${type#*:}"
done
[ "$(sql "$E2E_DIR/platform.db" "SELECT count(*) FROM rejected")" = 0 ] \
  || fail "the platform rejected events: $(sql "$E2E_DIR/platform.db" "SELECT * FROM rejected")"
[ "$(sql "$db" "SELECT group_concat(event_id) FROM (SELECT event_id FROM outbox ORDER BY event_id)")" = \
  "$(sql "$E2E_DIR/platform.db" "SELECT group_concat(id) FROM (SELECT id FROM events ORDER BY id)")" ] \
  || fail "the platform's events are not the kiosk's outbox"
ok "every event of the morning reached the reference platform, none rejected"

[ "$(count_lines "(CRITICAL|ERROR)")" = 0 ] || fail "the journal holds errors: $(grep -E "CRITICAL|ERROR" "$KIOSK_LOG" | head -n 3)"
for f in 1-arrivals 2-lunch 3-check-due 4-overdue day-2 6-acknowledged; do
  [ -s "$E2E_SHOTS/$f.png" ] || fail "no screenshot $f"
done
stop_kiosk
ok "the journal holds no error; six screenshots, none blank ($(( $(date +%s) - start )) s)"
echo "1..9"
