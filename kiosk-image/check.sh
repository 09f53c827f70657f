#!/bin/sh
# check.sh [OUT_DIR] — `make image-check`: builds the door image (with the
# development login on its serial console, NK_IMAGE_CONSOLE=1, which the
# check uses to kill the kiosk) and boots it in QEMU with OVMF
# (kiosk-image/vm-check.py): the door screen painted and seen on the
# virtual display, back after a crash and after a hang, the platform and
# then updates from USB sticks: a good one kept, a broken one rolled back.  Prints the
# figures and their budgets; says plainly what it could not do here.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$root/_image-check}
mkdir -p "$out"
out=$(cd "$out" && pwd)

if [ -r /dev/kvm ] && [ -w /dev/kvm ]; then
  echo "image-check: KVM"
else
  echo "image-check: SKIP KVM: /dev/kvm cannot be opened here; booting under TCG (slow, figures not comparable)"
fi
# a platform that is never there (.invalid never resolves): the first boot
# opens on the enrolment screen, as a centre's box would.  The test's own
# update key, made anew in a clean checkout; a trial boot under TCG gets
# the time TCG needs.
keys="$out/update-keys"
trial=300
[ -r /dev/kvm ] && [ -w /dev/kvm ] || trial=900
NK_IMAGE_CONSOLE=1 NK_IMAGE_PLATFORM_URL="${NK_IMAGE_PLATFORM_URL:-https://platform.invalid}" \
  NK_IMAGE_UPDATE_KEYS="$keys" NK_IMAGE_KEEP_ROOT=1 NK_IMAGE_TRIAL_SECONDS=$trial \
  sh "$root/kiosk-image/build.sh" "$out" > "$out/build.out"
cat "$out/build.out"
image=$(sed -n 's/.*image=\([^ ]*\).*/\1/p' "$out/build.out" | tail -n 1)
version=$(sed -n 's/.* version=\([^ ]*\).*/\1/p' "$out/build.out" | tail -n 1)
[ -s "$image" ] || { echo "image-check: FAIL: no image built"; exit 1; }

# the updates the VM is given on sticks, made from the image's own root:
# a good one (a newer version), the same signed with another key, a
# broken one whose kiosk exits at once (the door never comes up), and one
# whose trial boot the test cuts off after it made the database's schema
# newer than the old kiosk knows
updates="$out/updates"
rm -rf "$updates"
mkdir -p "$updates"
variant() {   # NAME VERSION [BROKEN]: a copy of the root with that version
  cp --sparse=always "$out/root.img" "$updates/$1.img"
  echo "$2" > "$updates/$1.version"
  {
    echo "rm /usr/lib/nursery-kiosk/image-version"
    echo "write $updates/$1.version /usr/lib/nursery-kiosk/image-version"
    if [ "${3:-}" = newer-schema ]; then
      # as a newer kiosk's migration would: the database's schema (SQLite's
      # user_version, 4 bytes at 60) beyond what the old kiosk knows, before
      # this kiosk opens it
      cat > "$updates/newer-schema" <<'SCRIPT'
#!/bin/sh
db=/var/lib/nursery-kiosk/kiosk.db
if [ -s "$db-wal" ]; then echo "image-check: the database has a write-ahead log; schema left as it is"; exit 0; fi
printf '\000\000\003\347' | dd of="$db" bs=1 seek=60 count=4 conv=notrunc status=none
sync
echo "image-check: the database's schema set to 999, as a newer kiosk's would be"
SCRIPT
      chmod 0755 "$updates/newer-schema"
      printf '[Service]\nExecStartPre=+/usr/lib/nursery-kiosk/newer-schema\n' > "$updates/newer-schema.conf"
      echo "write $updates/newer-schema /usr/lib/nursery-kiosk/newer-schema"
      echo "mkdir /etc/systemd/system/nursery-kiosk.service.d"
      echo "write $updates/newer-schema.conf /etc/systemd/system/nursery-kiosk.service.d/newer-schema.conf"
    elif [ -n "${3:-}" ]; then
      printf '#!/bin/sh\necho "nursery-kiosk: a broken build (image-check)" >&2\nexit 1\n' > "$updates/broken-kiosk"
      chmod 0755 "$updates/broken-kiosk"
      echo "rm /usr/bin/nursery-kiosk"
      echo "write $updates/broken-kiosk /usr/bin/nursery-kiosk"
    fi
  } > "$updates/$1.debugfs"
  debugfs -w -f "$updates/$1.debugfs" "$updates/$1.img" > "$updates/$1.debugfs.log" 2>&1
}
variant good "$version.good"
variant broken "$version.broken" yes
variant cut "$version.cut" newer-schema
sh "$root/kiosk-image/bundle.sh" "$updates/good.img" "$version.good" "$keys" "$updates/good.raucb"
sh "$root/kiosk-image/bundle.sh" "$updates/broken.img" "$version.broken" "$keys" "$updates/broken.raucb"
sh "$root/kiosk-image/bundle.sh" "$updates/cut.img" "$version.cut" "$keys" "$updates/cut.raucb"
mkdir -p "$updates/other-keys"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 30 -subj "/CN=not the centre's" \
  -keyout "$updates/other-keys/update.key" -out "$updates/other-keys/update.pem" 2> /dev/null
sh "$root/kiosk-image/bundle.sh" "$updates/good.img" "$version.forged" "$updates/other-keys" "$updates/forged.raucb"
rm -f "$updates"/*.img "$out/root.img"
echo "image-check: updates good=$version.good broken=$version.broken cut=$version.cut forged=$version.forged ($(du -m "$updates/good.raucb" | cut -f1) MB each)"

status=0
/usr/bin/python3 "$root/kiosk-image/vm-check.py" "$image" "$out/vm" \
  "forged=$version.forged=$updates/forged.raucb" "good=$version.good=$updates/good.raucb" \
  "broken=$version.broken=$updates/broken.raucb" "cut=$version.cut=$updates/cut.raucb" \
  > "$out/vm.out" || status=$?
cat "$out/vm.out"
size_mb=$(sed -n 's/.*size_mb=\([0-9]*\).*/\1/p' "$out/build.out" | tail -n 1)
build_s=$(sed -n 's/.*build_s=\([0-9]*\).*/\1/p' "$out/build.out" | tail -n 1)
echo "image_size_mb=$size_mb (budget 1536)"
echo "image_build_s=$build_s"
# figures against their budgets: printed, for the note and the README
awk -F= '/^boot_to_door_s=/ { print "boot_to_door_s=" $2 " (budget 20 on KVM)" }
         /^restart_s=/ { print "restart_s=" $2 " (budget 5)" }
         /^hang_restart_s=/ { print "hang_restart_s=" $2 " (budget 5: watchdog 2 s + restart)" }' "$out/vm.out"
awk -F= '/^(power_cut_to_door_s|update_install_s|update_to_door_s|broken_trial_failed_s|rollback_to_door_s|cut_trial_to_door_s)=/' "$out/vm.out"
exit $status
