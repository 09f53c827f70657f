#!/bin/sh
# check.sh [OUT_DIR] — `make image-check`: builds the door image (with the
# development login on its serial console, NK_IMAGE_CONSOLE=1, which the
# check uses to kill the kiosk) and boots it in QEMU with OVMF
# (kiosk-image/vm-check.py): the door screen painted and seen on the
# virtual display, back after a crash and after a hang.  Prints the
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
# opens on the enrolment screen, as a centre's box would
NK_IMAGE_CONSOLE=1 NK_IMAGE_PLATFORM_URL="${NK_IMAGE_PLATFORM_URL:-https://platform.invalid}" \
  sh "$root/kiosk-image/build.sh" "$out" > "$out/build.out"
cat "$out/build.out"
image=$(sed -n 's/.*image=\([^ ]*\).*/\1/p' "$out/build.out" | tail -n 1)
[ -s "$image" ] || { echo "image-check: FAIL: no image built"; exit 1; }

status=0
/usr/bin/python3 "$root/kiosk-image/vm-check.py" "$image" "$out/vm" > "$out/vm.out" || status=$?
cat "$out/vm.out"
size_mb=$(sed -n 's/.*size_mb=\([0-9]*\).*/\1/p' "$out/build.out" | tail -n 1)
build_s=$(sed -n 's/.*build_s=\([0-9]*\).*/\1/p' "$out/build.out" | tail -n 1)
echo "image_size_mb=$size_mb (budget 1536)"
echo "image_build_s=$build_s"
# figures against their budgets: printed, for the note and the README
awk -F= '/^boot_to_door_s=/ { print "boot_to_door_s=" $2 " (budget 20 on KVM)" }
         /^restart_s=/ { print "restart_s=" $2 " (budget 5)" }
         /^hang_restart_s=/ { print "hang_restart_s=" $2 " (budget 5: watchdog 4 s + restart)" }' "$out/vm.out"
awk -F= '/^power_cut_to_door_s=/ { print "power_cut_to_door_s=" $2 }' "$out/vm.out"
echo "image-check: not built yet: A/B updates with rollback (see kiosk-image/README.md)"
exit $status
