#!/bin/sh
# run-bench.sh — `make bench`: builds nothing, runs every benchmark and
# prints their figures (one line each, name first).  Not part of make check.
set -eu
build=${1:-_build}
root=$(cd "$(dirname "$0")/../.." && pwd)
headless="$root/tests/headless.sh"
tmp=$(mktemp -d /tmp/nk-bench.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

echo "# door rules alone: UID → durable commit (2,000 children, a year of history)"
"$build/tests/bench/bench-door" 2000 2>/dev/null | grep -v '^#'

echo "# staff mode's lists (rooms, stays) kept up to date while the door taps (2,000 children)"
"$build/tests/bench/bench-room-list" 500 2>/dev/null | grep -v '^#'

echo "# the staff PIN pad: a PIN checked against 30 staff PINs (Argon2id) in a worker thread"
"$build/tests/bench/bench-staff-pin" 30 2>/dev/null | grep '^pin_'

echo "# the window: UID → commit → result painted, then 10,000 taps for memory"
GSK_RENDERER=${GSK_RENDERER:-cairo} "$headless" "$build/tests/bench/bench-tap" 2000 10000 2>/dev/null \
  | grep -E '^(tap_ms|rss_)'

echo "# the window: a second round of taps checks every child out, each showing the child's day"
GSK_RENDERER=${GSK_RENDERER:-cairo} "$headless" "$build/tests/bench/bench-tap" 4000 4000 2>/dev/null \
  | grep -E '^checkout_day_ms'

echo "# a card put on the emulated PN532 → libnfc → commit → result painted, for both readings of"
echo "# InAutoPoll's period; then the serial line's load with no card and with a card left lying"
GSK_RENDERER=${GSK_RENDERER:-cairo} "$headless" "$build/tests/bench/bench-card-to-paint" 200 2>/dev/null \
  | grep -E '^(card_to_paint_ms|nfc_line_busy_pct)'

echo "# the care log: a room of 20 children's page painted, and a lunch for the room committed"
GSK_RENDERER=${GSK_RENDERER:-cairo} "$headless" "$build/tests/bench/bench-care" 200 2>/dev/null \
  | grep -E '^care_room_'

echo "# start-up of the real program to its first screen painted (median of 5)"
"$build/tests/bench/bench-make-centre" "$tmp/data/kiosk.db" 2000 365
cat > "$tmp/startup.sh" <<SH
for i in 1 2 3 4 5; do
  env -u G_DEBUG "$build/app/nursery-kiosk" --windowed --reader sim --data-dir "$tmp/data" > "$tmp/run.log" 2>&1 &
  pid=\$!
  n=0
  until grep -q "First screen painted" "$tmp/run.log" || [ \$n -ge 100 ]; do sleep 0.1; n=\$((n + 1)); done
  kill \$pid; wait \$pid 2>/dev/null || true
  sed -n 's/.*First screen painted \([0-9]*\) ms.*/\1/p' "$tmp/run.log"
done
SH
"$headless" sh "$tmp/startup.sh" | sort -n | sed -n 3p | sed 's/^/startup_ms=/'

if [ -x "$build/tests/bench/bench-sync" ]; then
  echo "# 100,000 queued records drained to the reference platform on loopback"
  "$build/tests/bench/bench-sync" 2>/dev/null | grep '^sync_drain'
fi

if [ -x "$build/tests/bench/bench-tap-sync" ]; then
  echo "# taps (UID → commit → painted) while sync drains 100,000 events, then applies 5,000-record pulls"
  GSK_RENDERER=${GSK_RENDERER:-cairo} "$headless" "$build/tests/bench/bench-tap-sync" 2>/dev/null \
    | grep '^tap_during_sync_ms'
fi

echo "# the monthly attendance PDF of 2,000 children (figures read and PDF made; median of 5)"
"$build/tests/bench/bench-report" 2>/dev/null | grep '^report_pdf_ms'

echo "# the director's Trends page: today by quarter hour, 30 days' attendance rate per room, 12 months' utilisation (median of 5)"
"$build/tests/bench/bench-trends" 2>/dev/null | grep '^trends_ms'

echo "# the director's dashboard (today at a glance) read after each tap, over a year of 2,000 children"
"$build/tests/bench/bench-dashboard" 200 2>/dev/null | grep -E '^dashboard_'

echo "# a year of a 150-place centre through the door, outbox marked sent, pruned nightly"
"$build/tests/bench/bench-year" 2>/dev/null | grep '^db_size_mb_after_year'
