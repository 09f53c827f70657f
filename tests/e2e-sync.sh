#!/bin/sh
# e2e-sync.sh — the real kiosk against the reference platform: enrolled
# with nursery-kiosk-admin, a check-in reaches the platform, the idle line
# and journal say so; a card the platform adds works at the door after the
# next pull; `status` names the centre the platform enrolled it for.
set -u
. "$NK_SOURCE_ROOT/tests/e2e-lib.sh"

data="$E2E_DIR/data"
db="$data/kiosk.db"
start_platform
enrol_kiosk "$data"
[ "$(stat -c %a "$data/device-token")" = 600 ] || fail "the device token is readable by others"
ok "enrolled with a typed code; token file mode 0600"
env -u G_DEBUG "$NK_ADMIN" --config "$E2E_DIR/kiosk.conf" --data-dir "$data" status 2>/dev/null \
  | grep -qx "Centre: Reference centre" || fail "status does not name the centre the platform enrolled the kiosk for"
ok "status names the centre the platform sent at enrolment"

start_kiosk "$data" --demo --config "$E2E_DIR/kiosk.conf"
wait_on_bus
wait_for "Syncing with https://127.0.0.1"
tap 04A1B2C3
wait_for "confirmed check-in event=[0-9a-f-]{36}"
event=$(grep -oE "confirmed check-in event=[0-9a-f-]{36}" "$KIOSK_LOG" | head -n 1 | cut -d= -f2)
i=0
until [ "$(sqlite3 "$E2E_DIR/platform.db" "SELECT count(*) FROM events WHERE id = '$event'")" = 1 ]; do
  i=$((i + 1)); [ $i -ge 150 ] && fail "the check-in $event never reached the platform"; sleep 0.2
done
i=0
until [ "$(sql "$db" "SELECT count(*) FROM outbox WHERE state != 'sent'")" = 0 ]; do
  i=$((i + 1)); [ $i -ge 150 ] && fail "the outbox did not drain"; sleep 0.2
done
ok "check-in $event reached the platform; outbox empty"

# The platform gives 王小明 a second card; after the next pull it works.
platform_admin /admin/changes '{"cards": [{"uid": "04ABCDEF", "holder_kind": "child", "holder_id": "D0001", "status": "active"}]}' > /dev/null \
  || fail "cannot add a card on the platform"
i=0
until [ "$(sql "$db" "SELECT count(*) FROM cards WHERE uid = '04ABCDEF'")" = 1 ]; do
  i=$((i + 1)); [ $i -ge 150 ] && fail "the new card was never pulled"; sleep 0.2
done
sleep 11  # past the debounce of the first tap
tap 04ABCDEF
wait_for "confirmed check-out event=.*person=D0001"
ok "a card added on the platform works at the door after the pull"
stop_kiosk
echo "1..4"
