#!/bin/sh
# e2e-bad-start.sh — the kiosk keeps running and says what is wrong when its
# data directory cannot be written, when the database is damaged and when
# the reader is missing.
set -u
. "$NK_SOURCE_ROOT/tests/e2e-lib.sh"

# A data directory that cannot be made (under a plain file — fails even as root).
: > "$E2E_DIR/a-file"
start_kiosk "$E2E_DIR/a-file/data" --demo
wait_for "Cannot open the database|Cannot create the data directory"
sleep 1
kill -0 "$KIOSK_PID" || fail "the kiosk exited on an unwritable data directory"
stop_kiosk
ok "unwritable data directory: message, kiosk alive"

# A damaged database file.
mkdir -p "$E2E_DIR/bad"
head -c 8192 /dev/urandom > "$E2E_DIR/bad/kiosk.db"
start_kiosk "$E2E_DIR/bad"
wait_for "damaged|not a database"
sleep 1
kill -0 "$KIOSK_PID" || fail "the kiosk exited on a damaged database"
stop_kiosk
ok "damaged database: message, kiosk alive"

# No reader where the configuration says.
start_kiosk "$E2E_DIR/data" --reader nfc:pn532_uart:/dev/nk-no-such-reader
wait_for "NFC reader|reader"
sleep 2
kill -0 "$KIOSK_PID" || fail "the kiosk exited with a missing reader"
stop_kiosk
ok "missing reader: message, kiosk alive"

# A configuration file with a bad value.
printf '[reader]\ndebounce-seconds=soon\n' > "$E2E_DIR/bad.conf"
start_kiosk "$E2E_DIR/data" --config "$E2E_DIR/bad.conf" --reader sim
wait_for "debounce-seconds"
sleep 1
kill -0 "$KIOSK_PID" || fail "the kiosk exited on a bad configuration value"
stop_kiosk
ok "bad configuration value: message, kiosk alive"
echo "1..4"
