#!/bin/sh
# Runs every test headless and ends with the line "N passed, N failed".
set -u
builddir=${1:-_build}
[ $# -gt 0 ] && shift
meson test -C "$builddir" --print-errorlogs --num-processes 2 "$@" 2>&1 | tail -n 60
log="$builddir/meson-logs/testlog.json"
python3 - "$log" <<'PY'
import json, sys
passed = failed = skipped = 0
with open(sys.argv[1]) as f:
    for line in f:
        r = json.loads(line)
        res = r.get("result")
        if res in ("OK", "EXPECTEDFAIL"):
            passed += 1
        elif res == "SKIP":
            skipped += 1
        else:
            failed += 1
            print("FAILED:", r.get("name"), res)
            out = ((r.get("stdout") or "") + (r.get("stderr") or "")).splitlines()
            for l in out[-40:]:
                print("    " + l)
line = f"{passed} passed, {failed} failed"
if skipped:
    line += f", {skipped} skipped"
print(line)
sys.exit(1 if failed or passed == 0 else 0)
PY
