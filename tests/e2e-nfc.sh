#!/bin/sh
# e2e-nfc.sh — the real kiosk with the real libnfc, talking to a PN532
# emulated on a pseudo-terminal: a card on the reader checks a child in;
# the reader pulled out and plugged back in recovers, and taps work again,
# also with the chip looking only once per InAutoPoll period.
set -u
. "$NK_SOURCE_ROOT/tests/e2e-lib.sh"

[ -n "${NK_PN532_EMU:-}" ] || fail "NK_PN532_EMU is not set"
data="$E2E_DIR/data"
db="$data/kiosk.db"
link="$E2E_DIR/pn532"
mkfifo "$E2E_DIR/emu.in"
"$NK_PN532_EMU" "$link" < "$E2E_DIR/emu.in" > "$E2E_DIR/emu.out" 2>&1 &
EMU_PID=$!
exec 3> "$E2E_DIR/emu.in"
trap 'exec 3>&-; kill $EMU_PID 2>/dev/null; cleanup_e2e' EXIT

emu() {
  echo "$1" >&3
}

i=0
until grep -q "^ready" "$E2E_DIR/emu.out"; do
  i=$((i + 1)); [ $i -ge 100 ] && fail "the PN532 emulator did not start"; sleep 0.1
done

start_kiosk "$data" --demo --reader "nfc:pn532_uart:$link"
wait_for "nfc reader: NFC reader ready" 30
ok "kiosk opened the emulated PN532 through libnfc"

emu "place 04A1B2C3"
wait_for "confirmed check-in event=" 15
[ "$(sql "$db" "SELECT count(*) FROM attendance WHERE child_id = 'D0001' AND kind = 'in' AND card_uid = '04A1B2C3'")" = 1 ] \
  || fail "the card on the reader did not check the child in"
sleep 1
[ "$(sql "$db" "SELECT count(*) FROM attendance")" = 1 ] || fail "a card held on the reader was counted twice"
ok "a card on the reader checked the child in, once"
emu "remove"

emu "unplug"
wait_for "nfc reader: NFC reader (unplugged|does not answer|not found)" 20
kill -0 "$KIOSK_PID" || fail "the kiosk died when the reader was pulled out"
ok "reader pulled out: state shown, kiosk alive"

emu "replug"
wait_for_count "nfc reader: NFC reader ready" 2
emu "place 30000000"
wait_for "confirmed check-in event=.*person=C0001" 15
ok "reader plugged back in: taps work again"

emu "remove"
emu "reading once-per-period"
emu "place 30000001"
wait_for "confirmed check-in event=.*person=C0002" 15
ok "a chip that looks once per InAutoPoll period still hears the card"
echo "1..5"
