#!/bin/sh
# e2e-menu.sh — a menu pulled from the reference platform and an allergen
# warning at a child's check-in, read on the screen through AT-SPI as a
# screen reader does: today's menu (a milk pudding) and a hostile one are
# posted to the platform; the kiosk pulls them, applies the good one and
# sets the hostile one aside (a pull.rejected event with its reason);
# 王小明 (allergic to milk) checks in and the result page names the dish;
# the director's allergen lists are walked (tests/a11y-walk.py allergens),
# in Chinese with the platform's menu, then in English on the demo's.
set -u
. "$NK_SOURCE_ROOT/tests/e2e-lib.sh"

unset NO_AT_BRIDGE
export GTK_A11Y=atspi
data="$E2E_DIR/data"
db="$data/kiosk.db"
today=$(TZ=Asia/Shanghai date +%F)
WALK="env -u G_DEBUG /usr/bin/python3 $NK_SOURCE_ROOT/tests/a11y-walk.py allergens --localedir $NK_LOCALEDIR"

start_platform
cat >> "$E2E_DIR/kiosk.conf" <<CONF
[kiosk]
result-seconds=60
staff-lock-seconds=3600
[reader]
debounce-seconds=0
CONF
platform_admin /admin/changes "{\"menus\": [
  {\"id\": \"m-e2e\", \"date\": \"$today\", \"updated_at\": \"$(date -u +%Y-%m-%dT%H:%M:%S.000Z)\",
   \"meals\": [{\"slot\": \"afternoon_snack\", \"dishes\": [
     {\"name\": \"牛奶布丁\", \"ingredients\": \"牛奶、鸡蛋\", \"allergens\": [\"milk\", \"egg\"],
      \"amounts\": {\"toddler\": \"60 g\", \"senior\": \"80 g\"}}]}]},
  {\"id\": \"m-bad\", \"date\": \"$today\", \"meals\": [{\"slot\": \"supper\", \"dishes\": []}]}]}" > /dev/null \
  || fail "cannot post the menus to the platform"
enrol_kiosk "$data"
export LC_ALL=zh_CN.UTF-8
start_kiosk "$data" --demo --config "$E2E_DIR/kiosk.conf"
wait_on_bus
wait_for "Syncing with https://127.0.0.1"

wait_sql "$db" "SELECT count(*) FROM menu_days WHERE id = 'm-e2e' AND date = '$today' AND source = 'platform'" 1 \
  "the platform's menu of today never reached the kiosk"
[ "$(sql "$db" "SELECT allergens FROM menu_days WHERE date = '$today'")" = 72 ] \
  || fail "today's menu does not hold milk and eggs (allergens $(sql "$db" "SELECT allergens FROM menu_days"))"
wait_sql "$db" "SELECT count(*) FROM pull_quarantine WHERE section = 'menus' AND id = 'm-bad' AND field = 'meals[0].slot'" 1 \
  "the hostile menu was not set aside with its member"
wait_platform pull.rejected 1
ok "today's menu pulled and applied; the hostile one set aside and reported (meals[0].slot)"

NK_E2E_DISH=牛奶布丁 $WALK --lang zh_CN || fail "the allergen note or staff mode's allergen lists in zh_CN (above)"
ok "王小明's check-in says 今日下午点心 牛奶布丁 含乳及乳制品; the allergen lists are named, in Chinese"
wait_sql "$db" "SELECT count(*) FROM attendance WHERE child_id = 'D0001' AND kind = 'in'" 1 "王小明 was not checked in"
stop_kiosk

# the demo's own week, in English
export LC_ALL=C.UTF-8
start_kiosk "$E2E_DIR/data-C" --demo --config "$E2E_DIR/kiosk.conf"
wait_on_bus
wait_for "Card reader sim"
$WALK --lang C || fail "the allergen note or staff mode's allergen lists in English (above)"
ok "the demo's menu warns at 王小明's check-in; the allergen lists are named, in English"
stop_kiosk
echo "1..3"
