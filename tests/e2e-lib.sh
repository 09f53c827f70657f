# e2e-lib.sh — shared by the end-to-end tests: start the real kiosk under
# the private Xvfb and D-Bus session that tests/headless.sh made, tap over
# D-Bus, read its journal lines, its database and what it played.
# Sourced, not run.  Needs NK_KIOSK (set by tests/meson.build).

E2E_DIR=$(mktemp -d /tmp/nk-e2e.XXXXXX)
KIOSK_LOG="$E2E_DIR/kiosk.log"
SOUND_FILE="$E2E_DIR/sound.raw"
KIOSK_PID=
: > "$KIOSK_LOG"

cleanup_e2e() {
  [ -n "$KIOSK_PID" ] && kill -9 "$KIOSK_PID" 2>/dev/null
  if [ "${E2E_KEEP:-0}" = 1 ]; then echo "# kept $E2E_DIR"; else rm -rf "$E2E_DIR"; fi
}
trap cleanup_e2e EXIT

fail() {
  echo "FAIL: $*" >&2
  echo "--- kiosk log (last 40 lines) ---" >&2
  tail -n 40 "$KIOSK_LOG" >&2
  exit 1
}

ok() {
  echo "ok - $*"
}

# ALSA's default device becomes a file: every cue the kiosk plays lands in
# $SOUND_FILE as raw S16_LE 48 kHz mono.
cat > "$E2E_DIR/asound.conf" <<ALSA
pcm.!default {
  type plug
  slave { pcm "nk_file" format S16_LE rate 48000 channels 1 }
}
pcm.nk_file {
  type file
  slave.pcm "nk_null"
  file "$SOUND_FILE"
  format "raw"
}
pcm.nk_null { type null }
ALSA
export ALSA_CONFIG_PATH="$E2E_DIR/asound.conf"
export LC_ALL=C.UTF-8 LANGUAGE=

# start_kiosk DATA_DIR [extra options…]
start_kiosk() {
  data=$1
  shift
  # warnings are journal lines here, not test failures
  env -u G_DEBUG "$NK_KIOSK" --windowed --data-dir "$data" "$@" >> "$KIOSK_LOG" 2>&1 &
  KIOSK_PID=$!
}

# wait_for PATTERN [SECONDS]: waits for a journal line matching PATTERN (grep -E)
wait_for() {
  limit=$(( ${2:-20} * 10 ))
  i=0
  while ! grep -qE "$1" "$KIOSK_LOG"; do
    i=$((i + 1))
    [ $i -ge $limit ] && fail "no journal line matching '$1'"
    kill -0 "$KIOSK_PID" 2>/dev/null || fail "the kiosk exited while waiting for '$1'"
    sleep 0.1
  done
}

count_lines() {
  grep -cE "$1" "$KIOSK_LOG" || true
}

# wait_for_count PATTERN N: waits until PATTERN has matched N lines
wait_for_count() {
  i=0
  while [ "$(count_lines "$1")" -lt "$2" ]; do
    i=$((i + 1))
    [ $i -ge 200 ] && fail "fewer than $2 journal lines matching '$1'"
    kill -0 "$KIOSK_PID" 2>/dev/null || fail "the kiosk exited while waiting for '$1'"
    sleep 0.1
  done
}

wait_on_bus() {
  i=0
  until gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
        --method org.freedesktop.DBus.NameHasOwner org.nurserykiosk.Kiosk 2>/dev/null | grep -q true; do
    i=$((i + 1))
    [ $i -ge 300 ] && fail "the kiosk never appeared on the session bus"
    kill -0 "$KIOSK_PID" 2>/dev/null || fail "the kiosk exited before appearing on the bus"
    sleep 0.1
  done
}

# tap UID: a card at the sim reader, over D-Bus, as the README shows
tap() {
  gapplication action org.nurserykiosk.Kiosk simulate-tap "'$1'" || fail "could not send a tap over D-Bus"
}

sql() {
  sqlite3 -cmd ".timeout 5000" "$1" "$2"
}

# screen_rgb: the mean colour "R G B" (0–255) of the middle of the kiosk window
# (ImageMagick by path: nothing earlier in PATH may stand in for it)
screen_rgb() {
  /usr/bin/import -window root "$E2E_DIR/shot.png" 2>/dev/null || fail "cannot take a screenshot"
  /usr/bin/convert "$E2E_DIR/shot.png" -crop 600x300+212+150 +repage -resize 1x1! -depth 8 txt:- \
    | sed -n 's/.*(\([0-9.]*\),\([0-9.]*\),\([0-9.]*\).*/\1 \2 \3/p' | awk '{printf "%d %d %d\n", $1, $2, $3}'
}

# sound_bytes: how much the kiosk has played so far
sound_bytes() {
  if [ -f "$SOUND_FILE" ]; then stat -c %s "$SOUND_FILE"; else echo 0; fi
}

# sound_rms_since OFFSET: RMS amplitude (0–1) of what was played after OFFSET bytes
sound_rms_since() {
  tail -c +"$(( $1 + 1 ))" "$SOUND_FILE" > "$E2E_DIR/cue.raw"
  sox -t raw -r 48000 -e signed -b 16 -c 1 "$E2E_DIR/cue.raw" -n stat 2>&1 \
    | awk '/RMS +amplitude/ {print $3}'
}

stop_kiosk() {
  [ -n "$KIOSK_PID" ] || return 0
  kill -TERM "$KIOSK_PID" 2>/dev/null
  i=0
  while kill -0 "$KIOSK_PID" 2>/dev/null; do
    i=$((i + 1))
    [ $i -ge 100 ] && { kill -9 "$KIOSK_PID"; break; }
    sleep 0.1
  done
  wait "$KIOSK_PID" 2>/dev/null || true
  KIOSK_PID=
}

# ---- the reference platform (tests/platform/server.py) on loopback ----

# start_platform: certificates, the server, and a kiosk configuration
# ($E2E_DIR/kiosk.conf) that points at it.  Sets PLATFORM_PORT and
# PLATFORM_ADMIN (plain-HTTP admin port on 127.0.0.1).
start_platform() {
  sh "$NK_SOURCE_ROOT/tests/platform/make-certs.sh" "$E2E_DIR/certs" || fail "cannot make test certificates"
  python3 "$NK_SOURCE_ROOT/tests/platform/server.py" --certs "$E2E_DIR/certs" --db "$E2E_DIR/platform.db" \
    --ready-file "$E2E_DIR/platform.ready" --idle-timeout 600 > "$E2E_DIR/platform.log" 2>&1 &
  PLATFORM_PID=$!
  i=0
  until [ -s "$E2E_DIR/platform.ready" ]; do
    i=$((i + 1)); [ $i -ge 100 ] && fail "the reference platform did not start: $(cat "$E2E_DIR/platform.log")"
    sleep 0.1
  done
  PLATFORM_PORT=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["port"])' "$E2E_DIR/platform.ready")
  PLATFORM_ADMIN=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["admin_port"])' "$E2E_DIR/platform.ready")
  cat > "$E2E_DIR/kiosk.conf" <<CONF
[sync]
platform-url=https://127.0.0.1:$PLATFORM_PORT
ca-file=$E2E_DIR/certs/ca.pem
pull-interval-seconds=5
retry-max-seconds=${E2E_RETRY_MAX:-4}
batch-size=${E2E_BATCH:-50}
CONF
}

# platform_admin PATH [JSON]: GET (no JSON) or POST to the admin port; prints the answer
platform_admin() {
  python3 - "$PLATFORM_ADMIN" "$1" "${2:-}" <<'PY'
import sys, urllib.request
port, path, body = sys.argv[1], sys.argv[2], sys.argv[3]
req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=body.encode() if body else None,
                             headers={"Content-Type": "application/json"})
print(urllib.request.urlopen(req, timeout=10).read().decode())
PY
}

# platform_fault MODE: the platform's next answers fail this way ("none" heals it)
platform_fault() {
  platform_admin /admin/fault "{\"mode\": \"$1\", \"retry_after\": 1}" > /dev/null || fail "cannot set fault $1"
}

# enrol_kiosk DATA_DIR: a typed enrolment code through nursery-kiosk-admin
enrol_kiosk() {
  platform_admin /admin/enrol-code '{"code": "DEMO2345"}' > /dev/null || fail "cannot make an enrolment code"
  env -u G_DEBUG "$NK_ADMIN" --config "$E2E_DIR/kiosk.conf" --data-dir "$1" enrol DEMO2345 >> "$KIOSK_LOG" 2>&1 \
    || fail "enrolment failed"
}

# platform_count_events: events the platform holds
platform_count_events() {
  sqlite3 -cmd ".timeout 5000" "$E2E_DIR/platform.db" "SELECT count(*) FROM events"
}

# wait_platform TYPE N: waits until the platform holds N events of TYPE
wait_platform() {
  i=0
  until [ "$(sqlite3 -cmd ".timeout 5000" "$E2E_DIR/platform.db" "SELECT count(*) FROM events WHERE type = '$1'")" = "$2" ]; do
    i=$((i + 1)); [ $i -ge 200 ] && fail "the platform does not hold $2 event(s) $1"; sleep 0.2
  done
}

# wait_sql DB SQL VALUE WHAT: waits until the kiosk's database answers VALUE
wait_sql() {
  i=0
  until [ "$(sql "$1" "$2")" = "$3" ]; do
    i=$((i + 1)); [ $i -ge 150 ] && fail "$4 (the database says $(sql "$1" "$2"))"; sleep 0.2
  done
}

# ---- a wall clock the test moves (Debian's faketime) ----

FAKETIME_LIB=/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1

# need_faketime: skips the test (exit 77) where libfaketime is missing
need_faketime() {
  if [ ! -f "$FAKETIME_LIB" ]; then
    echo "1..0 # SKIP libfaketime is not installed (make deps installs faketime)"
    exit 77
  fi
}

# start_kiosk_faked CLOCK DATA_DIR [options…]: the kiosk with its wall clock
# read from the file CLOCK ("+0", "+11m"…: written to move it), while
# DONT_FAKE_MONOTONIC=1 keeps its timers and debounce on real time, as
# after a clock change
start_kiosk_faked() {
  faked_clock=$1 faked_data=$2
  shift 2
  env -u G_DEBUG LD_PRELOAD="$FAKETIME_LIB" FAKETIME_TIMESTAMP_FILE="$faked_clock" FAKETIME_NO_CACHE=1 \
    DONT_FAKE_MONOTONIC=1 "$NK_KIOSK" --windowed --data-dir "$faked_data" "$@" >> "$KIOSK_LOG" 2>&1 &
  KIOSK_PID=$!
}

# top_is_red PNG: the top strip of the window is the overdue banner's red
top_is_red() {
  /usr/bin/import -window root "$1" 2>/dev/null || fail "cannot take a screenshot"
  /usr/bin/convert "$1" -crop 1000x20+12+10 +repage -resize 1x1! -depth 8 txt:- \
    | sed -n 's/.*(\([0-9.]*\),\([0-9.]*\),\([0-9.]*\).*/\1 \2 \3/p' \
    | awk '{ exit !($1 > 150 && $2 < 80 && $3 < 80) }'
}

# window_shot NAME: the kiosk's 1024×600 window (top left of the screen)
# as $E2E_SHOTS/NAME.png; fails when it is blank (a few colours only)
window_shot() {
  mkdir -p "$E2E_SHOTS"
  /usr/bin/import -window root "$E2E_DIR/root.png" 2>/dev/null || fail "cannot take a screenshot"
  /usr/bin/convert "$E2E_DIR/root.png" -crop 1024x600+0+0 +repage "$E2E_SHOTS/$1.png"
  n=$(/usr/bin/convert "$E2E_SHOTS/$1.png" -format "%k" info:)
  [ "$n" -gt 20 ] || fail "the screenshot $1 looks blank ($n colours)"
}
