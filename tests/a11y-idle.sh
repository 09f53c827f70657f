#!/bin/sh
# a11y-idle.sh — the idle screen's information panel and the director's
# menu editor read through AT-SPI, as tests/a11y.sh reads the other
# screens (its own test, so that each stays within its time): the demo
# centre with today's menu and a Mommy Classroom session
# (tests/idle-seed.c), the panel turning every 3 s, in Chinese and in
# English; tests/a11y-walk.py idle fails on any control or image without
# an accessible name, a menu pane that does not read the menu, or a QR
# code that does not say what it is for.
set -u
. "$NK_SOURCE_ROOT/tests/e2e-lib.sh"

unset NO_AT_BRIDGE
export GTK_A11Y=atspi
WALK="env -u G_DEBUG /usr/bin/python3 $NK_SOURCE_ROOT/tests/a11y-walk.py"

cat > "$E2E_DIR/a11y-idle.conf" <<CONF
[kiosk]
result-seconds=60
staff-lock-seconds=3600
panel-seconds=3
[reader]
debounce-seconds=0
CONF

n=0
for loc in zh_CN.UTF-8 C; do
  lang=${loc%%.*}
  export LC_ALL=$loc

  "$NK_IDLE_SEED" "$E2E_DIR/idle-$lang" > /dev/null || fail "idle-seed could not seed $E2E_DIR/idle-$lang"
  start_kiosk "$E2E_DIR/idle-$lang" --demo --config "$E2E_DIR/a11y-idle.conf"
  wait_on_bus
  wait_for "Card reader sim"
  $WALK idle --localedir "$NK_LOCALEDIR" --lang "$lang" || fail "idle panel and menu editor in $loc: unnamed controls (above)"
  stop_kiosk
  n=$((n + 1)); ok "idle panel (menu, session and its QR code) and the menu editor all named in $loc"
done
echo "1..$n"
