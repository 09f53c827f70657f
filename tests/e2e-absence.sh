#!/bin/sh
# e2e-absence.sh — illness absences to an outbreak alert, through the real
# window under a faked wall clock, with the reference platform DOWN: on a
# first day three children of the infant room come; the next day at 10:00
# (after absence.after, 09:30) a child back after an illness gets the
# staff note at the door ("给老师："), the health staff opens "Absent" and
# records illness with fever for the three by touch (tests/a11y-walk.py
# absence: an illness without a symptom refused on the form) → the red
# banner on the idle screen, no child's name; the platform comes back →
# outbreak.suspected arrives there, once; the director acknowledges
# (a11y-walk.py absence-ack) → the banner goes, outbreak.acknowledged
# arrives.  Then the same screens read in Chinese (no platform), with
# screenshots in $E2E_SHOTS when set.
set -u
. "$NK_SOURCE_ROOT/tests/e2e-lib.sh"
need_faketime

unset NO_AT_BRIDGE
export GTK_A11Y=atspi
export TZ=UTC
WALK="env -u G_DEBUG /usr/bin/python3 $NK_SOURCE_ROOT/tests/a11y-walk.py"

# Two working days in a row after today (the test certificates are made
# now: the faked clock must not go back before them).
d=1
while :; do
  wd=$(date -u -d "+$d day" +%u)
  [ "$wd" -le 4 ] && break
  d=$((d + 1))
done
day1=$(date -u -d "+$d day" +%Y-%m-%d)
day2=$(date -u -d "+$((d + 1)) day" +%Y-%m-%d)
clock="$E2E_DIR/clock"

# Infant room (R1) of the demo: children 1, 4 and 7; child 2 (toddler
# room) has the demo's illness reason of the first day.
infant_cards="30000000 30000003 30000006"

# first_day DATA_DIR [options…]: the kiosk on day 1, 08:00 in Shanghai,
# the three infants checked in; then the clock moves to day 2, 10:00.
first_day() {
  dir=$1
  shift
  echo "@$day1 00:00:00" > "$clock"
  start_kiosk_faked "$clock" "$dir" --demo "$@"
  wait_on_bus
  wait_for "Card reader sim"
  before=$(count_lines "confirmed check-in")
  for uid in $infant_cards; do tap "$uid"; done
  wait_for_count "confirmed check-in" $((before + 3))
  echo "@$day2 02:00:00" > "$clock"
  names=$(sql "$dir/kiosk.db" "SELECT group_concat(name, ',') FROM (SELECT name FROM children WHERE id IN ('C0001', 'C0004', 'C0007') ORDER BY id)")
}

data="$E2E_DIR/data"
db="$data/kiosk.db"
start_platform
sed -i 's/^\[sync\]$/[sync]\nurgent-retry-seconds=1/' "$E2E_DIR/kiosk.conf"
cat >> "$E2E_DIR/kiosk.conf" <<CONF
[kiosk]
result-seconds=60
staff-lock-seconds=3600
[reader]
debounce-seconds=0
CONF
enrol_kiosk "$data"
kill "$PLATFORM_PID"
wait "$PLATFORM_PID" 2>/dev/null
ok "the kiosk enrolled; the platform is down"

first_day "$data" --config "$E2E_DIR/kiosk.conf"
ok "day 1: three children of the infant room checked in ($names)"

NK_ABSENCE_CHILDREN="$names" NK_ABSENCE_BACK_UID=30000001 NK_A11Y_SHOTS="${E2E_SHOTS:-}" \
  $WALK absence --localedir "$NK_LOCALEDIR" --lang C || fail "the absences could not be recorded through the window (above)"
wait_for_count "confirmed absence-reason event=" 3
wait_for "Outbreak alert not acknowledged: the director's staff mode is not open"
[ "$(sql "$db" "SELECT count(*) FROM absences WHERE reason = 'illness' AND fever AND absent_date = '$day2' AND by_id = 'S003'")" = 3 ] \
  || fail "the database does not hold three illness reasons with fever by the health staff"
ok "day 2, 10:00: the note for staff at the door; three illnesses with fever recorded by touch (one refused without a symptom)"
[ "$(sql "$db" "SELECT count(*) FROM outbox WHERE type = 'outbreak.suspected' AND urgent = 1 AND state = 'pending'")" = 1 ] \
  || fail "no urgent outbreak.suspected waits in the outbox"
wait_for "Sync: urgent failure [0-9]+ in a row"
ok "the red banner on the idle screen, no child's name, refused to the health staff; the urgent outbreak.suspected waits, retried"

# the platform comes back on its ports, with what it held
python3 "$NK_SOURCE_ROOT/tests/platform/server.py" --certs "$E2E_DIR/certs" --db "$E2E_DIR/platform.db" \
  --port "$PLATFORM_PORT" --admin-port "$PLATFORM_ADMIN" --idle-timeout 600 >> "$E2E_DIR/platform.log" 2>&1 &
PLATFORM_PID=$!
wait_platform outbreak.suspected 1
wait_for "Sync: urgent record [0-9a-f-]+ \(outbreak.suspected\) sent on its own"
[ "$(sql "$E2E_DIR/platform.db" "SELECT json_extract(payload, '$.scope') || ':' || json_extract(payload, '$.room_id') || ':' || json_extract(payload, '$.symptom') || ':' || json_extract(payload, '$.n_children') || ':' || batch_size FROM events WHERE type = 'outbreak.suspected'")" = "room:R1:fever:3:1" ] \
  || fail "the platform's outbreak.suspected is not the infant room's fever of 3, alone in its request"
ok "the platform is back: outbreak.suspected arrived alone in its request (room R1, fever, 3 children)"

NK_A11Y_SHOTS="${E2E_SHOTS:-}" $WALK absence-ack --localedir "$NK_LOCALEDIR" --lang C \
  || fail "the director could not acknowledge the alert through the window (above)"
wait_for "confirmed outbreak-acknowledged outbreak="
wait_platform outbreak.acknowledged 1
[ "$(sql "$E2E_DIR/platform.db" "SELECT json_extract(payload, '$.director_id') || ':' || json_extract(payload, '$.note') FROM events WHERE type = 'outbreak.acknowledged'")" = "S001:已电话上报区疾控" ] \
  || fail "the platform's outbreak.acknowledged does not hold the director and the note"
wait_platform outbreak.suspected 1
[ "$(sql "$E2E_DIR/platform.db" "SELECT count(*) FROM rejected")" = 0 ] || fail "the platform rejected events: $(sql "$E2E_DIR/platform.db" "SELECT * FROM rejected")"
ok "the director acknowledged with a note: the banner went, outbreak.acknowledged arrived; outbreak.suspected held once"
stop_kiosk
kill "$PLATFORM_PID" 2>/dev/null

# the same screens read in Chinese, with no platform at all
export LC_ALL=zh_CN.UTF-8
first_day "$E2E_DIR/data-zh"
NK_ABSENCE_CHILDREN="$names" NK_ABSENCE_BACK_UID=30000001 NK_A11Y_SHOTS="${E2E_SHOTS:-}" \
  $WALK absence --localedir "$NK_LOCALEDIR" --lang zh_CN || fail "the absence screens in Chinese (above)"
NK_A11Y_SHOTS="${E2E_SHOTS:-}" $WALK absence-ack --localedir "$NK_LOCALEDIR" --lang zh_CN \
  || fail "the director's confirm in Chinese (above)"
ok "the absence screens, the banner and the director's confirm all named in Chinese"
stop_kiosk
echo "1..7"
