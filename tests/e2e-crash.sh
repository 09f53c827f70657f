#!/bin/sh
# e2e-crash.sh — SIGKILL the kiosk right after the screen confirmed a
# check-in; on restart the row and its outbox row are there, and the next
# tap of that card checks the child out.
set -u
. "$NK_SOURCE_ROOT/tests/e2e-lib.sh"

data="$E2E_DIR/data"
db="$data/kiosk.db"
uids="30000000 30000001 30000002 30000003 30000004"

start_kiosk "$data" --demo
wait_on_bus
wait_for "Card reader sim"

n=0
for uid in $uids; do
  n=$((n + 1))
  tap "$uid"
  wait_for_count "confirmed check-in event=" "$n"
done
# The last confirmation line is the moment the screen said so: kill now.
kill -9 "$KIOSK_PID"
wait "$KIOSK_PID" 2>/dev/null
KIOSK_PID=
events=$(grep -oE "confirmed check-in event=[0-9a-f-]{36}" "$KIOSK_LOG" | cut -d= -f2)
ok "SIGKILL after $n confirmed check-ins"

for e in $events; do
  [ "$(sql "$db" "SELECT count(*) FROM attendance a JOIN outbox o ON o.event_id = a.id WHERE a.id = '$e'")" = 1 ] \
    || fail "confirmed check-in $e is missing after SIGKILL"
done
ok "every confirmed check-in and its outbox row survived"

start_kiosk "$data" --demo
wait_on_bus
wait_for_count "Card reader sim" 2
tap 30000004
wait_for "confirmed check-out event="
[ "$(sql "$db" "SELECT count(*) FROM attendance WHERE kind = 'out'")" = 1 ] || fail "the check-out after restart was not recorded"
ok "after restart the next tap checks the child out"
stop_kiosk
echo "1..3"
