#!/bin/sh
# e2e-sigterm.sh — SIGTERM closes the database: the door kiosk (full
# screen) records taps, is sent SIGTERM and exits with status 0 having
# closed its database, so SQLite checkpointed the WAL into kiosk.db and
# removed it.  kiosk.db alone (copied without any -wal) then holds every
# confirmed record and passes integrity_check.  Twice: on its own, and with
# a platform configured (the sync worker holds a connection of its own).
set -u
. "$NK_SOURCE_ROOT/tests/e2e-lib.sh"

data="$E2E_DIR/data"
db="$data/kiosk.db"

# run_and_term N UID… : start the door kiosk, tap, SIGTERM, check the files
run_and_term() {
  runs=$1
  shift
  env -u G_DEBUG "$NK_KIOSK" --demo --data-dir "$data" "$@" >> "$KIOSK_LOG" 2>&1 &
  KIOSK_PID=$!
  wait_on_bus
  wait_for_count "Card reader sim" "$runs"
}

# tap_and_stop FIRST_UID COUNT LABEL
tap_and_stop() {
  before=$(count_lines "confirmed check-in event=")
  n=0
  while [ $n -lt "$2" ]; do
    tap "$(printf '%08X' $(( $1 + n )))"
    n=$((n + 1))
    wait_for_count "confirmed check-in event=" $((before + n))
  done
  [ -s "$db-wal" ] || fail "no -wal file while the kiosk runs ($3): is the database in WAL mode?"
  ok "$3: $2 check-ins confirmed, the -wal file holds them"

  closed_before=$(count_lines "Database .*kiosk.db closed")
  kill -TERM "$KIOSK_PID"
  i=0
  while kill -0 "$KIOSK_PID" 2> /dev/null; do
    i=$((i + 1))
    [ $i -ge 100 ] && fail "the kiosk did not stop on SIGTERM ($3)"
    sleep 0.1
  done
  wait "$KIOSK_PID"
  status=$?
  KIOSK_PID=
  [ "$status" = 0 ] || fail "the kiosk exited with status $status on SIGTERM ($3)"
  [ "$(count_lines "Database .*kiosk.db closed")" = $((closed_before + 1)) ] \
    || fail "the kiosk did not say it closed its database ($3)"
  if grep -q "still in use at shutdown" "$KIOSK_LOG"; then fail "the database was still held at shutdown ($3)"; fi
  if [ -s "$db-wal" ]; then fail "the -wal file is still there after SIGTERM ($3): $(stat -c %s "$db-wal") bytes"; fi
  ok "$3: SIGTERM, status 0, database closed, no -wal left"

  rm -f "$E2E_DIR/alone.db"
  cp "$db" "$E2E_DIR/alone.db"
  [ "$(sql "$E2E_DIR/alone.db" "PRAGMA integrity_check")" = ok ] || fail "kiosk.db fails integrity_check ($3)"
  for e in $(grep -oE "confirmed check-in event=[0-9a-f-]{36}" "$KIOSK_LOG" | cut -d= -f2); do
    [ "$(sql "$E2E_DIR/alone.db" "SELECT count(*) FROM attendance a JOIN outbox o ON o.event_id = a.id WHERE a.id = '$e'")" = 1 ] \
      || fail "confirmed check-in $e is not in kiosk.db itself ($3)"
  done
  ok "$3: kiosk.db alone passes integrity_check and holds every confirmed check-in"
}

run_and_term 1
tap_and_stop $((0x30000000)) 3 "door"

# A platform nobody answers at: the sync worker opens its own connection.
cat > "$E2E_DIR/kiosk.conf" <<CONF
[sync]
platform-url=https://127.0.0.1:9
pull-interval-seconds=5
CONF
run_and_term 2 --config "$E2E_DIR/kiosk.conf"
wait_for "Syncing with https://127.0.0.1:9"
tap_and_stop $((0x30000010)) 2 "door with sync"
echo "1..6"
