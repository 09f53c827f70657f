#!/bin/sh
# e2e-service.sh — the kiosk under a service manager (sd_notify(3), what
# kiosk-image/nursery-kiosk.service asks for): READY=1 once the door
# screen is painted, then the watchdog the unit asks for turned on
# (WATCHDOG_USEC=) and WATCHDOG=1 pings from the main loop at half its
# interval, STOPPING=1 at SIGTERM; a kiosk that can only show its
# problem says so in STATUS; a notify socket that is not there is a journal
# line, not a crash.  And the unit file passes systemd-analyze verify.
set -u
. "$NK_SOURCE_ROOT/tests/e2e-lib.sh"

notify="$E2E_DIR/notify"
got="$E2E_DIR/notify.log"
/usr/bin/python3 "$NK_SOURCE_ROOT/tests/notify-listen.py" "$notify" "$got" &
listener=$!
trap 'kill $listener 2>/dev/null; cleanup_e2e' EXIT
i=0
until grep -q listening "$got" 2>/dev/null; do
  i=$((i + 1)); [ $i -ge 100 ] && fail "the notify listener did not start"; sleep 0.1
done

# wait_notify PATTERN N: N messages matching PATTERN reached the listener
wait_notify() {
  i=0
  while [ "$(grep -cE "$1" "$got")" -lt "$2" ]; do
    i=$((i + 1))
    [ $i -ge 200 ] && fail "fewer than $2 notifications matching '$1': $(cat "$got")"
    kill -0 "$KIOSK_PID" 2>/dev/null || fail "the kiosk exited while waiting for '$1'"
    sleep 0.1
  done
}

# the door: ready once painted, then the watchdog the unit asks for (2 s)
# turned on, and a ping every second
NOTIFY_SOCKET="$notify" NK_WATCHDOG_USEC=2000000 start_kiosk "$E2E_DIR/data" --demo
wait_notify "READY=1\|STATUS=Door screen shown" 1
grep -q "First screen painted" "$KIOSK_LOG" || fail "READY=1 came before the first screen was painted"
wait_notify "^[0-9.]+ WATCHDOG_USEC=2000000$" 1
[ "$(grep -nE "READY=1|WATCHDOG" "$got" | head -n 1 | grep -c READY)" = 1 ] \
  || fail "the watchdog was pinged before READY=1: $(cat "$got")"
wait_for "Watchdog: a ping every 1000 ms"
wait_notify "^[0-9.]+ WATCHDOG=1$" 4
first=$(grep -E "WATCHDOG=1$" "$got" | sed -n 2p | cut -d' ' -f1)
fourth=$(grep -E "WATCHDOG=1$" "$got" | sed -n 4p | cut -d' ' -f1)
ok "ready once the door screen was painted; pings every second ($first s, then $fourth s)"

kill -TERM "$KIOSK_PID"
wait_notify "STOPPING=1" 1
i=0
while kill -0 "$KIOSK_PID" 2>/dev/null; do
  i=$((i + 1)); [ $i -ge 100 ] && fail "the kiosk did not exit on SIGTERM"; sleep 0.1
done
KIOSK_PID=
ok "SIGTERM: STOPPING=1 told, the kiosk gone"

# a damaged database: started (a restart would not mend it), the problem in STATUS
mkdir -p "$E2E_DIR/bad"
head -c 8192 /dev/urandom > "$E2E_DIR/bad/kiosk.db"
NOTIFY_SOCKET="$notify" start_kiosk "$E2E_DIR/bad"
wait_notify "READY=1\|STATUS=Problem: " 1
stop_kiosk
ok "a damaged database: READY with the problem in STATUS ($(grep -o 'STATUS=Problem: .*' "$got" | head -n 1))"

# a socket that is not there: the journal says so, the door runs
NOTIFY_SOCKET="$E2E_DIR/no-such-socket" start_kiosk "$E2E_DIR/data" --demo
wait_for "The service manager was not told READY=1"
wait_on_bus
tap 04A1B2C3
wait_for "confirmed check-in event="
stop_kiosk
ok "no notify socket: a journal line, the door still records taps"

# the unit file, as systemd reads it (its programs stood in by this build's)
if command -v systemd-analyze > /dev/null; then
  unit="$E2E_DIR/nursery-kiosk.service"
  sed -e "s|/usr/bin/cage -d -- /usr/bin/nursery-kiosk|$NK_KIOSK|" \
    "$NK_SOURCE_ROOT/kiosk-image/nursery-kiosk.service" > "$unit"
  out=$(SYSTEMD_LOG_LEVEL=warning systemd-analyze verify --man=no "$unit" 2>&1) \
    || fail "systemd-analyze verify: $out"
  echo "$out" | grep -i "nursery-kiosk.service" && fail "systemd-analyze warns: $out"
  grep -q "^Type=notify" "$unit" && grep -q "^Environment=NK_WATCHDOG_USEC=" "$unit" \
    && grep -q "^Restart=always" "$unit" && grep -q "^NotifyAccess=all" "$unit" && grep -q "^User=kiosk" "$unit" \
    && ! grep -q "^WatchdogSec=" "$unit" \
    || fail "the unit is not Type=notify, NotifyAccess=all, NK_WATCHDOG_USEC (no WatchdogSec), Restart=always, User=kiosk"
  ok "kiosk-image/nursery-kiosk.service: systemd-analyze verify passes"
else
  ok "# SKIP systemd-analyze not installed: the unit file not verified"
fi
echo "1..5"
