#!/bin/sh
# desktop-file.sh — the desktop entry passes desktop-file-validate.
set -eu
file="$NK_SOURCE_ROOT/assets/org.nurserykiosk.Kiosk.desktop"
desktop-file-validate "$file"
grep -q '^Icon=org.nurserykiosk.Kiosk$' "$file"
grep -q '^Exec=nursery-kiosk' "$file"
echo "ok - $file is valid"
