# admin-lib.sh — what the scripts that drive nursery-kiosk-admin share
# (admin-cli.sh, report-cli.sh): a temporary directory, the tool run with
# the exit status it must give, and checks of what it printed.  Sourced.

: "${NK_ADMIN:?NK_ADMIN must name the nursery-kiosk-admin binary}"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

failures=0
fail () {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}

# run EXPECTED_STATUS ARGS…: runs the tool, keeps stdout and stderr.
run () {
  want=$1
  shift
  set +e
  "$NK_ADMIN" "$@" >"$tmp/out" 2>"$tmp/err"
  got=$?
  set -e
  if [ "$got" -ne "$want" ]; then
    fail "nursery-kiosk-admin $* exited $got, expected $want"
    sed 's/^/  stdout: /' "$tmp/out" >&2
    sed 's/^/  stderr: /' "$tmp/err" >&2
  fi
}

expect_in () {  # FILE TEXT
  grep -qF -- "$2" "$1" || { fail "“$2” not in $(basename "$1")"; sed 's/^/  | /' "$1" | head -40 >&2; }
}

expect_not_in () {  # FILE TEXT
  if grep -qF -- "$2" "$1"; then fail "“$2” unexpectedly in $(basename "$1")"; fi
}

# The summary line and the exit status: NAME is the script's.
finish () {  # NAME
  if [ "$failures" -ne 0 ]; then
    echo "$failures failure(s)" >&2
    exit 1
  fi
  echo "$1: all checks passed"
}
