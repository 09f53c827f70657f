#!/bin/sh
# e2e-care.sh — a caregiver's room lunch through the real window, as a
# person (a screen reader's user) does it: six children of the toddler
# room arrive with their cards, the caregiver's card opens staff mode,
# the room card's "Care log" opens the room page, "Select all present",
# "Meal for all", lunch, three children who ate half, Save (the walk of
# tests/a11y-walk.py, which also checks their tiles).  Then the rows,
# the journal, the events at the reference platform and the screenshots
# of each screen are checked.
set -u
. "$NK_SOURCE_ROOT/tests/e2e-lib.sh"

unset NO_AT_BRIDGE
export GTK_A11Y=atspi
data="$E2E_DIR/data"
db="$data/kiosk.db"
shots="$E2E_DIR/shots"
mkdir -p "$shots"

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

NK_A11Y_SHOTS="$shots" env -u G_DEBUG /usr/bin/python3 "$NK_SOURCE_ROOT/tests/a11y-walk.py" care \
  --localedir "$NK_LOCALEDIR" --lang C || fail "the room lunch could not be done through the window (above)"
ok "room page: select all present, lunch for all with three who ate half, saved through the window"

wait_for "Care entry \(care_meal\) recorded for 6 children, 0 skipped"
[ "$(sql "$db" "SELECT count(*) FROM care_meals WHERE slot = 'lunch' AND by_id = 'S002' AND room_id = 'R2'")" = 6 ] \
  || fail "the kiosk does not hold six lunch rows by 张老师 in the toddler room"
[ "$(sql "$db" "SELECT count(*) FROM care_meals WHERE portion = 'half'")" = 3 ] || fail "not three rows of half a lunch"
[ "$(sql "$db" "SELECT count(DISTINCT child_id) FROM care_meals")" = 6 ] || fail "the lunch rows are not one per child"
ok "six rows, one per child, three of them half, by the caregiver, in the room of that moment"

i=0
until [ "$(sql "$E2E_DIR/platform.db" "SELECT count(*) FROM events WHERE type = 'care_meal'")" = 6 ]; do
  i=$((i + 1)); [ $i -ge 150 ] && fail "the six care_meal events never reached the platform"; sleep 0.2
done
[ "$(sql "$E2E_DIR/platform.db" "SELECT count(*) FROM events WHERE type = 'care_meal' AND json_extract(payload, '$.portion') = 'half' AND json_extract(payload, '$.slot') = 'lunch'")" = 3 ] \
  || fail "the platform did not get three half lunches"
[ "$(sql "$E2E_DIR/platform.db" "SELECT count(*) FROM rejected")" = 0 ] || fail "the platform rejected events: $(sql "$E2E_DIR/platform.db" "SELECT * FROM rejected")"
[ "$(sql "$db" "SELECT group_concat(id) FROM (SELECT id FROM care_meals ORDER BY id)")" = \
  "$(sql "$E2E_DIR/platform.db" "SELECT group_concat(id) FROM (SELECT id FROM events WHERE type = 'care_meal' ORDER BY id)")" ] \
  || fail "the platform's event ids are not the rows' ids"
ok "the six events reached the reference platform with the rows' ids, none rejected"

for screen in room-page room-meal-form room-page-one-child a-child-s-care-log; do
  f="$shots/C-$screen.png"
  [ -s "$f" ] && [ "$(head -c 4 "$f" | od -An -c | tr -d ' ')" = "211PNG" ] || fail "no screenshot of $screen"
done
ok "screenshots of the room page, the meal form, one child and the child's log"
stop_kiosk
echo "1..4"
