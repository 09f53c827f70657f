#!/bin/sh
# e2e-soak.sh — a stream of taps while the platform flaps between healthy
# and failing (503 with Retry-After, connection resets, 500, truncated
# answers) and the kiosk is SIGKILLed and restarted; at the end the
# platform holds every event exactly once and the outbox is empty.
set -u
. "$NK_SOURCE_ROOT/tests/e2e-lib.sh"

data="$E2E_DIR/data"
db="$data/kiosk.db"
E2E_BATCH=5
start_platform
enrol_kiosk "$data"

start_kiosk "$data" --demo --config "$E2E_DIR/kiosk.conf"
wait_on_bus
wait_for "Syncing with"
starts=1
confirmed=0
card=0
faults="503 reset 500 truncated none 503 reset none"
round=0
for fault in $faults; do
  round=$((round + 1))
  platform_fault "$fault"
  # four taps of cards not yet used (each of the 36 demo children once: all check-ins)
  for _ in 1 2 3 4; do
    tap "$(printf '%08X' $((0x30000000 + card)))"
    card=$((card + 1))
    sleep 0.15
  done
  confirmed=$((confirmed + 4))
  wait_for_count "confirmed check-in event=" "$confirmed"
  sleep 1
  if [ $((round % 3)) = 0 ]; then
    kill -9 "$KIOSK_PID"; wait "$KIOSK_PID" 2>/dev/null; KIOSK_PID=
    start_kiosk "$data" --demo --config "$E2E_DIR/kiosk.conf"
    starts=$((starts + 1))
    wait_on_bus
    wait_for_count "Syncing with" "$starts"
  fi
done
ok "$confirmed check-ins through $round platform states and $((starts - 1)) SIGKILLs"

platform_fault none
i=0
until [ "$(sql "$db" "SELECT count(*) FROM outbox WHERE state != 'sent'")" = 0 ]; do
  i=$((i + 1)); [ $i -ge 300 ] && fail "the outbox did not drain after the platform healed"; sleep 0.2
done
ok "outbox drained after the platform healed"

sql "$db" "SELECT event_id FROM outbox ORDER BY event_id" > "$E2E_DIR/kiosk-ids"
sqlite3 "$E2E_DIR/platform.db" "SELECT id FROM events ORDER BY id" > "$E2E_DIR/platform-ids"
[ "$(wc -l < "$E2E_DIR/kiosk-ids")" -ge "$confirmed" ] || fail "fewer outbox rows than confirmed check-ins"
diff "$E2E_DIR/kiosk-ids" "$E2E_DIR/platform-ids" > "$E2E_DIR/ids.diff" \
  || fail "the platform and the kiosk disagree on the events: $(head -5 "$E2E_DIR/ids.diff")"
[ "$(sql "$db" "SELECT count(*) FROM attendance WHERE kind = 'in'")" = "$confirmed" ] \
  || fail "check-ins lost or doubled at the kiosk"
ok "the platform holds each of $(wc -l < "$E2E_DIR/kiosk-ids") events exactly once"
stats=$(platform_admin /admin/stats)
echo "# platform: $stats"
# Every event that arrived is held once or was answered "duplicate" (the
# resets and truncated answers stored first, so retries did come back).
check=$(printf '%s' "$stats" | python3 -c '
import json, sys
s = json.load(sys.stdin)
if s["received"] != s["events"] + s["duplicates"] + s["rejected"]:
    print("received %(received)d != events %(events)d + duplicates %(duplicates)d + rejected %(rejected)d" % s)
elif s["duplicates"] == 0:
    print("no retry came back duplicate: the faults did not exercise de-duplication")
elif s["rejected"] != 0:
    print("%(rejected)d events rejected" % s)')
[ -z "$check" ] || fail "platform stats: $check"
ok "the platform received each event once or as a duplicate, and de-duplication was exercised"
stop_kiosk
echo "1..4"
