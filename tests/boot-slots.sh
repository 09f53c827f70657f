#!/bin/sh
# boot-slots.sh — kiosk-image/boot-slots, RAUC's bootloader backend for the
# door's two root slots, on a folder standing for the ESP: a slot made
# primary gets one try, systemd-boot's count spends it, a spent trial is
# not booted again, a kept one stays; bad input is refused with a reason
# and changes nothing.  (The whole path, systemd-boot and RAUC included,
# runs in the VM: make image-check.)
set -u
slots="$NK_SOURCE_ROOT/kiosk-image/boot-slots"
dir=$(mktemp -d /tmp/nk-boot-slots.XXXXXX)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*" >&2; echo "entries: $(ls "$dir/esp/loader/entries" | paste -sd' ')" >&2; exit 1; }
ok() { echo "ok - $*"; }
export NK_ESP="$dir/esp"
# the partitions' ids come from blkid: one standing in for it
mkdir -p "$dir/bin"
printf '#!/bin/sh\neval last=\\${$#}\necho "uuid-$(basename "$last")"\n' > "$dir/bin/blkid"
chmod 0755 "$dir/bin/blkid"
export PATH="$dir/bin:$PATH"
bs() { sh "$slots" "$@"; }
entries() { ls "$NK_ESP/loader/entries" | paste -sd' '; }

# the image as build.sh writes it: slot a, version 1, no counter
mkdir -p "$NK_ESP/loader/entries" "$NK_ESP/nursery-kiosk/a"
printf 'title Nursery Kiosk 1\nsort-key nursery-kiosk\nversion 1\n' > "$NK_ESP/loader/entries/nursery-kiosk-a.conf"
[ "$(bs get-primary)" = a ] || fail "a new image does not boot slot a"
[ "$(bs get-state a)" = good ] && [ "$(bs get-state b)" = bad ] || fail "a new image's states: a $(bs get-state a), b $(bs get-state b)"
ok "a new image boots slot a; slot b, empty, is bad"

# an update into b: its kernel from the slot's root, then primary for one try
root="$dir/root-b"
mkdir -p "$root/boot" "$root/usr/lib/nursery-kiosk"
echo old-kernel > "$root/boot/vmlinuz-6.1.0-9-amd64"
echo new-kernel > "$root/boot/vmlinuz-6.1.0-13-amd64"
echo new-initrd > "$root/boot/initrd.img-6.1.0-13-amd64"
echo "ro quiet panic=10" > "$root/usr/lib/nursery-kiosk/kernel-options"
echo "2.0" > "$root/usr/lib/nursery-kiosk/image-version"
bs install-kernel b "$root" || fail "install-kernel b failed"
[ "$(cat "$NK_ESP/nursery-kiosk/b/linux")" = new-kernel ] || fail "slot b's kernel is not the newest of its root"
[ "$(bs version b)" = 2.0 ] || fail "slot b's version: $(bs version b)"
bs set-primary b || fail "set-primary b failed"
b_entry="$NK_ESP/loader/entries/nursery-kiosk-b+1.conf"
[ -f "$b_entry" ] || fail "slot b made primary has no entry with one try"
grep -qx "version 2" "$b_entry" || fail "slot b's entry is not above slot a's: $(cat "$b_entry")"
grep -qx "options root=PARTUUID=uuid-root-b rauc.slot=b ro quiet panic=10" "$b_entry" \
  || fail "slot b's command line: $(grep options "$b_entry")"
grep -qx "title Nursery Kiosk 2.0" "$b_entry" || fail "slot b's title: $(grep title "$b_entry")"
[ "$(bs get-primary)" = b ] && [ "$(bs trial b)" = yes ] || fail "after set-primary b: primary $(bs get-primary), trial $(bs trial b)"
ok "an update into slot b: its newest kernel on the ESP, one try, above slot a"

# systemd-boot spends the try as it boots b; not kept, the next boot is a's
mv "$b_entry" "$NK_ESP/loader/entries/nursery-kiosk-b+0-1.conf"
[ "$(bs get-primary)" = a ] || fail "a spent trial of b would boot again"
[ "$(bs spent b)" = yes ] && [ "$(bs get-state b)" = bad ] || fail "a spent trial: spent $(bs spent b), state $(bs get-state b)"
[ "$(bs trial b)" = yes ] || fail "the boot trying b does not know it is a trial"
ok "the trial's try spent: the next boot is slot a's"

# the trial kept (rauc status mark-good)
bs set-state b good || fail "set-state b good failed"
[ "$(entries)" = "nursery-kiosk-a.conf nursery-kiosk-b.conf" ] || fail "b kept: $(entries)"
[ "$(bs get-primary)" = b ] && [ "$(bs trial b)" = no ] || fail "b kept: primary $(bs get-primary), trial $(bs trial b)"
ok "the trial kept: slot b boots, without a counter"

# the next update goes into a, above b; marked bad, b boots again
root_a="$dir/root-a"
cp -a "$root" "$root_a"
echo "3.0" > "$root_a/usr/lib/nursery-kiosk/image-version"
bs set-state a bad || fail "set-state a bad failed"
[ "$(entries)" = "nursery-kiosk-b.conf" ] || fail "a marked bad before it is written: $(entries)"
bs install-kernel a "$root_a" && bs set-primary a || fail "the update into a failed"
grep -qx "version 3" "$NK_ESP/loader/entries/nursery-kiosk-a+1.conf" || fail "slot a's entry is not above b's"
[ "$(bs get-primary)" = a ] || fail "the update into a would not boot"
bs set-state a bad
[ "$(bs get-primary)" = b ] && [ "$(entries)" = "nursery-kiosk-b.conf" ] || fail "a marked bad: primary $(bs get-primary), $(entries)"
ok "an update into slot a, then marked bad: slot b boots again"

# refused, with a reason, nothing changed
before=$(entries)
bs set-primary c 2> "$dir/err"; [ $? = 2 ] && grep -q 'no slot "c"' "$dir/err" || fail "slot c was not refused: $(cat "$dir/err")"
rm -f "$NK_ESP/nursery-kiosk/a/initrd"
bs set-primary a 2> "$dir/err"; [ $? = 1 ] && grep -q "slot a has no initrd" "$dir/err" || fail "a slot without its initrd was made primary: $(cat "$dir/err")"
bs set-state b maybe 2> "$dir/err"; [ $? = 2 ] && grep -q 'good or bad' "$dir/err" || fail "set-state maybe was not refused"
bs set-state a good 2> "$dir/err"; [ $? = 1 ] && grep -q "slot a has no boot entry" "$dir/err" || fail "a slot without an entry was marked good"
bs frobnicate 2> "$dir/err"; [ $? = 2 ] && grep -q "unknown command" "$dir/err" || fail "an unknown command was not refused"
[ "$(entries)" = "$before" ] && [ "$(bs get-primary)" = b ] || fail "a refused command changed the entries: $(entries)"
ok "a wrong slot, a slot without its kernel files, a wrong state, an unknown command: refused with the reason, nothing changed"
