#!/bin/sh
# metainfo.sh — the AppStream metainfo passes appstreamcli validate (offline)
# and names the desktop entry it belongs to.
set -eu
file="$NK_SOURCE_ROOT/assets/org.nurserykiosk.Kiosk.metainfo.xml"
appstreamcli validate --no-net "$file"
grep -q '<id>org.nurserykiosk.Kiosk</id>' "$file"
grep -q '<launchable type="desktop-id">org.nurserykiosk.Kiosk.desktop</launchable>' "$file"
echo "ok - $file is valid"
