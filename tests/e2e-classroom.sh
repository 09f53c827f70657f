#!/bin/sh
# e2e-classroom.sh — a Mommy Classroom session from the reference platform
# to a guardian's sign-up by card, through the real window, as a person
# (a screen reader's user) does it: the platform serves a session with
# four seats left; the kiosk pulls it; the mother of two taps her card, the
# chooser offers it, "Sign up" (the walk of tests/a11y-walk.py, which
# also opens the director's list); then the row, the journal, the
# classroom.signup event at the platform, the session served again with
# one seat less and counted once at the kiosk, and a hostile session
# quarantined with its reason.  Then the same walk in Chinese.
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
chooser-seconds=300
staff-lock-seconds=3600
CONF
# tomorrow (UTC) from 06:00 to 07:30: sooner than the demo's own session
starts=$(date -u -d "tomorrow 06:00" +%Y-%m-%dT%H:%M:%S.000Z)
ends=$(date -u -d "tomorrow 07:30" +%Y-%m-%dT%H:%M:%S.000Z)
platform_admin /admin/changes "{\"classroom_sessions\": [
  {\"id\": \"cs-e2e\", \"title\": \"科学喂养讲座\", \"kind\": \"mommy_classroom\",
   \"starts_at\": \"$starts\", \"ends_at\": \"$ends\", \"place\": \"社区卫生服务中心三楼\",
   \"audience\": \"parents\", \"capacity\": 30, \"seats_left\": 4,
   \"signup_url\": \"https://platform.example.cn/classroom/cs-e2e\"},
  {\"id\": \"cs-hostile\", \"title\": \"坏的\", \"kind\": \"mommy_classroom\",
   \"starts_at\": \"$starts\", \"ends_at\": \"$ends\", \"online_url\": \"http://live.example.cn/x\",
   \"audience\": \"parents\"}]}" > /dev/null || fail "cannot give the platform its sessions"

enrol_kiosk "$data"
start_kiosk "$data" --demo --config "$E2E_DIR/kiosk.conf"
wait_on_bus
wait_for "Syncing with https://127.0.0.1"
wait_sql "$db" "SELECT count(*) FROM classroom_sessions WHERE id = 'cs-e2e' AND seats_left = 4" 1 \
  "the kiosk did not pull the platform's session"
wait_sql "$db" "SELECT field FROM pull_quarantine WHERE section = 'classroom_sessions' AND id = 'cs-hostile'" \
  online_url "the session with an http:// link was not quarantined with its member"
ok "the platform's session pulled; the one with an http:// link quarantined (online_url)"

NK_A11Y_SHOTS="$shots" env -u G_DEBUG /usr/bin/python3 "$NK_SOURCE_ROOT/tests/a11y-walk.py" classroom \
  --localedir "$NK_LOCALEDIR" --lang C || fail "the sign-up could not be done through the window (above)"
ok "the mother's card, the offer on the chooser, \"Sign up\", the director's list: all through the window"

wait_for "Classroom sign-up: guardian DG001 for cs-e2e"
[ "$(sql "$db" "SELECT count(*) FROM classroom_signups WHERE guardian_id = 'DG001' AND session_id = 'cs-e2e' AND NOT waitlist AND by_kind = 'guardian'")" = 1 ] \
  || fail "the kiosk does not hold the guardian's sign-up"
ok "one sign-up row by the guardian, with a seat"

wait_platform classroom.signup 1
[ "$(sql "$E2E_DIR/platform.db" "SELECT count(*) FROM events WHERE type = 'classroom.signup' AND json_extract(payload, '$.guardian_id') = 'DG001' AND json_extract(payload, '$.session_id') = 'cs-e2e' AND json_extract(payload, '$.waitlist') = 0")" = 1 ] \
  || fail "the platform's classroom.signup does not name the guardian and the session"
[ "$(sql "$db" "SELECT id FROM classroom_signups")" = "$(sql "$E2E_DIR/platform.db" "SELECT id FROM events WHERE type = 'classroom.signup'")" ] \
  || fail "the platform's event id is not the row's id"
[ "$(sql "$E2E_DIR/platform.db" "SELECT count(*) FROM rejected")" = 0 ] || fail "the platform rejected events: $(sql "$E2E_DIR/platform.db" "SELECT * FROM rejected")"
ok "the classroom.signup event reached the reference platform with the row's id"

# the platform serves the session again with one seat less: the kiosk counts it once
wait_sql "$db" "SELECT seats_left || '/' || (SELECT counted FROM classroom_signups) FROM classroom_sessions WHERE id = 'cs-e2e'" \
  "3/1" "the session was not pulled again with the platform's count"
ok "the session served again with 3 seats left, the sign-up counted in it (not taken off twice)"

f="$shots/C-family-chooser-classroom-offer-.png"
[ -s "$f" ] && [ "$(head -c 4 "$f" | od -An -c | tr -d ' ')" = "211PNG" ] || fail "no screenshot of the offer ($(ls "$shots"))"
ok "screenshots of the offer, the sign-up and the director's list"
stop_kiosk

# the same screens read in Chinese (the demo's own session, no platform)
LC_ALL=zh_CN.UTF-8 start_kiosk "$E2E_DIR/data-zh" --demo
wait_on_bus
wait_for "Card reader sim"
env -u G_DEBUG /usr/bin/python3 "$NK_SOURCE_ROOT/tests/a11y-walk.py" classroom \
  --localedir "$NK_LOCALEDIR" --lang zh_CN || fail "the classroom screens in zh_CN: unnamed controls (above)"
stop_kiosk
ok "the offer, its sign-up and the director's list all named in zh_CN"
echo "1..7"
