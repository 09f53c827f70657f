#!/bin/sh
# A short libFuzzer run of the pull parser over the seed corpus (a fixed
# number of runs, not a time budget).  Exit 77 (skipped) when the fuzzer
# was not built (no clang).
set -u
fuzzer=${1:-}
corpus=${2:?usage: run-fuzz.sh FUZZER CORPUS [RUNS]}
runs=${3:-20000}
if [ -z "$fuzzer" ] || [ ! -x "$fuzzer" ]; then
  echo "fuzz-pull not built (needs clang); skipping"
  exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
mkdir "$work/corpus"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
  "$fuzzer" -runs="$runs" -max_len=65536 -timeout=20 -seed=1 -artifact_prefix="$work/" \
  "$work/corpus" "$corpus" >"$work/log" 2>&1
status=$?
tail -n 25 "$work/log"
exit $status
