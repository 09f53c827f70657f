#!/bin/sh
# e2e-two-doors.sh — two real kiosks of one centre (two data directories,
# two enrolments, each on a D-Bus session of its own) against the reference
# platform: the platform relays within a centre only and never back; a
# child checked in at door A is "just served" at door B, then checked out
# there; each kiosk holds both records and exports both.
set -u
. "$NK_SOURCE_ROOT/tests/e2e-lib.sh"

# A debounce long enough that door B has door A's record inside it (door
# B pulls every 5 s).
DEBOUNCE=30
UID_CHILD=04A1B2C3

data_a="$E2E_DIR/door-a"
data_b="$E2E_DIR/door-b"
log_a="$E2E_DIR/door-a.log"
log_b="$E2E_DIR/door-b.log"
: > "$log_a"
: > "$log_b"
pid_a=
pid_b=
bus_pid=

cleanup_doors() {
  for p in $pid_a $pid_b $bus_pid; do kill -9 "$p" 2>/dev/null; done
  cleanup_e2e
}
trap cleanup_doors EXIT

# use_door A|B: the journal and process that wait_for and fail look at
use_door() {
  if [ "$1" = A ]; then KIOSK_LOG=$log_a KIOSK_PID=$pid_a; else KIOSK_LOG=$log_b KIOSK_PID=$pid_b; fi
}

# on_bus_b COMMAND…: runs COMMAND (a function of e2e-lib.sh too) on door
# B's session bus, in a subshell: a failure there fails this script
# through "|| fail" at the call.
on_bus_b() {
  ( DBUS_SESSION_BUS_ADDRESS=$bus_b; export DBUS_SESSION_BUS_ADDRESS; "$@" )
}

# wait_sql DB QUERY EXPECTED WHAT: polls until QUERY answers EXPECTED (30 s at most)
wait_sql() {
  i=0
  until [ "$(sql "$1" "$2")" = "$3" ]; do
    i=$((i + 1)); [ $i -ge 150 ] && fail "$4 (got '$(sql "$1" "$2")', wanted '$3')"; sleep 0.2
  done
}

start_platform
printf '[reader]\ndebounce-seconds=%s\n' "$DEBOUNCE" >> "$E2E_DIR/kiosk.conf"

# ---- the platform's relay, seen from the API ----------------------------

python3 - "$PLATFORM_PORT" "$PLATFORM_ADMIN" "$E2E_DIR/certs/ca.pem" <<'PY' || fail "the platform's relay is wrong"
import json, ssl, sys, urllib.request, uuid
port, admin, ca = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
ctx = ssl.create_default_context(cafile=ca)

def adm(path, body):
    req = urllib.request.Request("http://127.0.0.1:%d%s" % (admin, path), data=json.dumps(body).encode())
    return json.loads(urllib.request.urlopen(req, timeout=10).read())

def api(path, token, body=None):
    req = urllib.request.Request("https://127.0.0.1:%d%s" % (port, path),
                                 data=json.dumps(body).encode() if body is not None else None,
                                 headers={"Authorization": "Bearer " + token,
                                          "Content-Type": "application/json"})
    return json.loads(urllib.request.urlopen(req, context=ctx, timeout=10).read())

def pull(token, since=None):
    answer = api("/api/v1/changes" + ("?since=" + since if since else ""), token)
    return answer["cursor"], [e["id"] for e in answer["changes"].get("events", [])]

# two kiosks of one centre and one of another, none of them the doors below
dev = {n: str(uuid.uuid4()) for n in ("x", "y", "z")}
centre = {"x": "centre-x", "y": "centre-x", "z": "centre-z"}
tok = {n: adm("/admin/token", {"device_id": dev[n], "centre": centre[n]})["token"] for n in dev}
ev = {"id": str(uuid.uuid4()), "type": "attendance", "at": "2026-11-23T00:00:00.000Z",
      "device_id": dev["x"],
      "payload": {"child_id": "D0001", "direction": "in", "method": "card", "by_kind": "child",
                  "by_id": "D0001", "card_uid": None, "reason": None, "local_date": "2026-11-23"}}
refusal = {"id": str(uuid.uuid4()), "type": "refusal", "at": "2026-11-23T00:00:01.000Z",
           "device_id": dev["x"], "payload": {"child_id": "D0001", "guardian_id": "DG002"}}
results = api("/api/v1/events", tok["x"], {"device_id": dev["x"], "events": [ev, refusal]})["results"]
assert [r["status"] for r in results] == ["accepted", "accepted"], results

cursor, ids = pull(tok["y"])
assert ids == [ev["id"]], ("the centre's other kiosk", ids)
assert pull(tok["y"], cursor)[1] == [], "relayed twice past the cursor"
assert pull(tok["x"])[1] == [], "a kiosk got its own event back"
assert pull(tok["z"])[1] == [], "another centre's kiosk got the event"
PY
ok "the platform relays an attendance event to the centre's other kiosk only, once, never back"

# ---- two doors -------------------------------------------------------------

enrol_kiosk "$data_a"
enrol_kiosk "$data_b"
dev_a=$(sql "$data_a/kiosk.db" "SELECT value FROM meta WHERE key = 'device_id'")
dev_b=$(sql "$data_b/kiosk.db" "SELECT value FROM meta WHERE key = 'device_id'")
[ -n "$dev_a" ] && [ -n "$dev_b" ] && [ "$dev_a" != "$dev_b" ] || fail "the two kiosks have no device ids of their own"

# Door B on a D-Bus session of its own: both kiosks are the same application.
dbus-daemon --session --nofork --print-address=3 3>"$E2E_DIR/bus-b" 2>>"$log_b" &
bus_pid=$!
i=0
until [ -s "$E2E_DIR/bus-b" ]; do
  i=$((i + 1)); [ $i -ge 100 ] && fail "no D-Bus session for door B"; sleep 0.1
done
bus_b=$(head -n 1 "$E2E_DIR/bus-b")

env -u G_DEBUG "$NK_KIOSK" --windowed --demo --data-dir "$data_a" --config "$E2E_DIR/kiosk.conf" >> "$log_a" 2>&1 &
pid_a=$!
use_door A
wait_on_bus
wait_for "Syncing with https://127.0.0.1"

DBUS_SESSION_BUS_ADDRESS=$bus_b env -u G_DEBUG "$NK_KIOSK" --windowed --demo --data-dir "$data_b" \
  --config "$E2E_DIR/kiosk.conf" >> "$log_b" 2>&1 &
pid_b=$!
use_door B
on_bus_b wait_on_bus || fail "door B never appeared on its bus"
wait_for "Syncing with https://127.0.0.1"
ok "doors A ($dev_a) and B ($dev_b) running, enrolled in one centre"

# In at door A.
use_door A
tap "$UID_CHILD"
wait_for "confirmed check-in event=[0-9a-f-]{36}"
event_in=$(grep -oE "confirmed check-in event=[0-9a-f-]{36}" "$log_a" | head -n 1 | cut -d= -f2)
at_in=$(sql "$data_a/kiosk.db" "SELECT at_us / 1000000 FROM attendance WHERE id = '$event_in'")

# Door B pulls it: door A's record, door A's device, no outbox row at B.
wait_sql "$data_b/kiosk.db" "SELECT device_id FROM attendance WHERE id = '$event_in' AND kind = 'in'" "$dev_a" \
  "door B never got door A's check-in $event_in"
[ "$(sql "$data_b/kiosk.db" "SELECT count(*) FROM outbox WHERE event_id = '$event_in'")" = 0 ] \
  || fail "door B queued door A's record to push it again"
ok "door B holds door A's check-in $event_in (device A), without queueing it"

# Tapped at door B inside the debounce window of door A's tap: a repeat.
use_door B
[ $(( $(date +%s) - at_in )) -lt $(( DEBOUNCE - 5 )) ] || fail "door B got the check-in too late to test the debounce"
on_bus_b tap "$UID_CHILD" || fail "could not tap at door B"
wait_for "tap answered already-recorded card=$UID_CHILD"
grep -q "served at another door a moment ago" "$log_b" || fail "door B did not say the child was served at another door"
[ "$(sql "$data_b/kiosk.db" "SELECT count(*) FROM attendance")" = 1 ] || fail "door B recorded the repeat"
ok "door B answers a tap inside the window of door A's tap 'already recorded'"

# Out at door B, once the window has passed.
wait_left=$(( at_in + DEBOUNCE + 1 - $(date +%s) ))
[ "$wait_left" -gt 0 ] && sleep "$wait_left"
on_bus_b tap "$UID_CHILD" || fail "could not tap at door B"
wait_for "confirmed check-out event=[0-9a-f-]{36} person=D0001"
event_out=$(grep -oE "confirmed check-out event=[0-9a-f-]{36}" "$log_b" | head -n 1 | cut -d= -f2)
ok "door B checks out the child door A checked in ($event_out)"

# Door A pulls door B's check-out.
wait_sql "$data_a/kiosk.db" "SELECT device_id FROM attendance WHERE id = '$event_out' AND kind = 'out'" "$dev_b" \
  "door A never got door B's check-out $event_out"
[ "$(sql "$E2E_DIR/platform.db" "SELECT count(*) FROM events WHERE id IN ('$event_in', '$event_out')")" = 2 ] \
  || fail "the platform does not hold the two records once each"
ok "door A holds door B's check-out (device B); the platform holds each record once"

# Both exports: the check-in and the check-out, the day complete.
today=$(TZ=Asia/Shanghai date +%F)
for door in A B; do
  if [ $door = A ]; then data=$data_a; else data=$data_b; fi
  env -u G_DEBUG "$NK_ADMIN" --data-dir "$data" export-attendance --from "$today" --to "$today" \
    > "$E2E_DIR/export-$door.csv" 2>> "$E2E_DIR/admin.log" || fail "door $door cannot export"
  grep -qE "^D0001,[^,]*,[^,]*,$today,[0-9]{2}:[0-9]{2},[0-9]{2}:[0-9]{2},present" "$E2E_DIR/export-$door.csv" \
    || fail "door $door's export lacks the check-in and check-out: $(cat "$E2E_DIR/export-$door.csv")"
  rows=$(sql "$data/kiosk.db" "SELECT group_concat (kind || '@' || device_id, ' ') FROM
                               (SELECT kind, device_id FROM attendance WHERE child_id = 'D0001' ORDER BY order_us)")
  [ "$rows" = "in@$dev_a out@$dev_b" ] || fail "door $door holds '$rows'"
done
ok "each door's export shows the check-in (door A) and the check-out (door B)"

use_door A
stop_kiosk
pid_a=
use_door B
stop_kiosk
pid_b=
echo "1..7"
