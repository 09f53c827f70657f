#!/bin/sh
# bundle.sh ROOT_IMG VERSION KEYS_DIR OUT.raucb — the door's update: a RAUC
# bundle (verity format) of the root filesystem ROOT_IMG for the other
# slot, signed with KEYS_DIR/update.key; a box installs only bundles that
# its image's keyring (KEYS_DIR/update.pem, put in by build.sh) verifies.
# Its hook puts the new slot's kernel on the ESP (boot-slots
# install-kernel) before RAUC makes that slot primary.
set -eu
root_img=$1
version=$2
keys=$3
out=$4
work=$(mktemp -d "${TMPDIR:-/tmp}/nk-bundle.XXXXXX")
trap 'rm -rf "$work"' EXIT

cat > "$work/manifest.raucm" <<MANIFEST
[update]
compatible=nursery-kiosk-x86-64
version=$version
description=Nursery Kiosk $version

[bundle]
format=verity

[hooks]
filename=hook

[image.rootfs]
filename=root.ext4
hooks=post-install
MANIFEST
cat > "$work/hook" <<'HOOK'
#!/bin/sh
# the new slot's kernel, initrd and command line onto the ESP, from the
# slot RAUC has just written (mounted at RAUC_SLOT_MOUNT_POINT)
set -eu
case "$1" in
slot-post-install)
  exec /usr/lib/nursery-kiosk/boot-slots install-kernel "$RAUC_SLOT_BOOTNAME" "$RAUC_SLOT_MOUNT_POINT" ;;
esac
HOOK
chmod 0755 "$work/hook"
# a hard link where it can be (the same filesystem), the image otherwise
ln "$root_img" "$work/root.ext4" 2>/dev/null || cp --sparse=always "$root_img" "$work/root.ext4"
rm -f "$out"
rauc bundle --cert="$keys/update.pem" --key="$keys/update.key" \
  --mksquashfs-args="-comp zstd -Xcompression-level 6" "$work" "$out" > "$work/rauc.log" 2>&1 \
  || { cat "$work/rauc.log" >&2; exit 1; }
