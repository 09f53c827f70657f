#!/bin/sh
# a11y.sh — every screen read through AT-SPI, as a screen reader reads it:
# the real kiosk in demo mode on the private D-Bus session of
# tests/headless.sh, whose accessibility bus (at-spi-bus-launcher,
# at-spi2-registryd, from at-spi2-core) starts on GTK's first call.
# tests/a11y-walk.py drives it from screen to screen and fails on any
# control or image without an accessible name, in Chinese and in English.
set -u
. "$NK_SOURCE_ROOT/tests/e2e-lib.sh"

# tests/meson.build turns the accessibility bridge off for the other tests
unset NO_AT_BRIDGE
export GTK_A11Y=atspi
# The walker is a screen reader's view, not the kiosk: libatspi's own
# warnings under load (a cache it has not built yet) must not abort it.
WALK="env -u G_DEBUG /usr/bin/python3 $NK_SOURCE_ROOT/tests/a11y-walk.py"

# pages stay up while they are read; a platform is named (never reached:
# the kiosk is not enrolled) so that staff mode offers "Enrol this kiosk"
cat > "$E2E_DIR/a11y.conf" <<CONF
[kiosk]
result-seconds=60
day-seconds=120
chooser-seconds=300
staff-lock-seconds=3600
[reader]
debounce-seconds=0
[sync]
platform-url=https://127.0.0.1:9
CONF

# a11y.sh [LOCALE…]: the locales to walk (both by default); tests/meson.build
# runs each as a test of its own, side by side
[ $# -gt 0 ] || set -- zh_CN.UTF-8 C
n=0
for loc in "$@"; do
  lang=${loc%%.*}
  export LC_ALL=$loc

  start_kiosk "$E2E_DIR/data-$lang" --demo --config "$E2E_DIR/a11y.conf"
  wait_on_bus
  wait_for "Card reader sim"
  $WALK door --localedir "$NK_LOCALEDIR" --lang "$lang" || fail "door screens in $loc: unnamed controls (above)"
  stop_kiosk
  n=$((n + 1)); ok "door, chooser, staff and enrolment screens all named in $loc"

  # the room page of staff mode, a room's lunch and a child's care log
  start_kiosk "$E2E_DIR/care-$lang" --demo --config "$E2E_DIR/a11y.conf"
  wait_on_bus
  wait_for "Card reader sim"
  $WALK care --localedir "$NK_LOCALEDIR" --lang "$lang" || fail "room page in $loc: unnamed controls (above)"
  stop_kiosk
  n=$((n + 1)); ok "room page, its forms and a child's care log all named in $loc"

  # staff mode's sleep checks: the awake children, a napping child's check
  start_kiosk "$E2E_DIR/sleep-$lang" --demo --config "$E2E_DIR/a11y.conf"
  wait_on_bus
  wait_for "Card reader sim"
  $WALK sleep --localedir "$NK_LOCALEDIR" --lang "$lang" || fail "sleep-check screens in $loc: unnamed controls (above)"
  stop_kiosk
  n=$((n + 1)); ok "sleep-check screens (awake children, a napping child's check) all named in $loc"

  # the classroom offer on the chooser, signed up, and the director's list
  start_kiosk "$E2E_DIR/classroom-$lang" --demo --config "$E2E_DIR/a11y.conf"
  wait_on_bus
  wait_for "Card reader sim"
  $WALK classroom --localedir "$NK_LOCALEDIR" --lang "$lang" || fail "classroom screens in $loc: unnamed controls (above)"
  stop_kiosk
  n=$((n + 1)); ok "classroom offer, its sign-up and the director's sessions all named in $loc"

  # staff mode's check-ups: the lists, a health record and its chart, the form
  start_kiosk "$E2E_DIR/checkups-$lang" --demo --config "$E2E_DIR/a11y.conf"
  wait_on_bus
  wait_for "Card reader sim"
  $WALK checkups --localedir "$NK_LOCALEDIR" --lang "$lang" || fail "check-up screens in $loc: unnamed controls (above)"
  stop_kiosk
  n=$((n + 1)); ok "check-up lists, a health record and the result form all named in $loc"

  # the emergency roll call: the page, a tick, the question, the summary
  start_kiosk "$E2E_DIR/rollcall-$lang" --demo --config "$E2E_DIR/a11y.conf"
  wait_on_bus
  wait_for "Card reader sim"
  $WALK rollcall --localedir "$NK_LOCALEDIR" --lang "$lang" || fail "roll call screens in $loc: unnamed controls (above)"
  stop_kiosk
  n=$((n + 1)); ok "roll call page, its question and its summary all named in $loc"

  # the director's Trends: the three pictures, named and described
  start_kiosk "$E2E_DIR/trends-$lang" --demo --config "$E2E_DIR/a11y.conf"
  wait_on_bus
  wait_for "Card reader sim"
  $WALK trends --localedir "$NK_LOCALEDIR" --lang "$lang" || fail "trends screen in $loc: unnamed controls (above)"
  stop_kiosk
  n=$((n + 1)); ok "trends page: its charts named, their figures described, in $loc"

  # the one-key alarm: the control, its confirm, the banner, the cancel dialog
  start_kiosk "$E2E_DIR/alarm-$lang" --demo --config "$E2E_DIR/a11y.conf"
  wait_on_bus
  wait_for "Card reader sim"
  $WALK alarm --localedir "$NK_LOCALEDIR" --lang "$lang" || fail "alarm screens in $loc: unnamed controls (above)"
  stop_kiosk
  n=$((n + 1)); ok "the alarm control, its confirm, the banner and the cancel dialog all named in $loc"
  # the director's dashboard and, a room left below ratio a minute, the ratio
  # banner; closing time at the day's end, so that "still here after closing"
  # is the empty line whatever the hour the walk runs (from 17:30 it held 王小明)
  sed 's/^\[reader\]$/[ratio]\nbreach-minutes=1\n[reader]/; s/^\[kiosk\]$/[kiosk]\nclosing-time=23:59/' \
    "$E2E_DIR/a11y.conf" > "$E2E_DIR/a11y-ratio.conf"
  start_kiosk "$E2E_DIR/dashboard-$lang" --demo --config "$E2E_DIR/a11y-ratio.conf"
  wait_on_bus
  wait_for "Card reader sim"
  $WALK dashboard --localedir "$NK_LOCALEDIR" --lang "$lang" || fail "dashboard screens in $loc: unnamed controls (above)"
  stop_kiosk
  n=$((n + 1)); ok "the director's dashboard, a line's names and the ratio banner all named in $loc"

  # a data directory under a plain file: the error page
  : > "$E2E_DIR/a-file"
  start_kiosk "$E2E_DIR/a-file/data" --demo
  wait_on_bus
  $WALK error --localedir "$NK_LOCALEDIR" --lang "$lang" || fail "error screen in $loc: unnamed controls (above)"
  stop_kiosk
  n=$((n + 1)); ok "error screen all named in $loc"
done
echo "1..$n"
