#!/bin/sh
# build.sh [OUT_DIR] — the door kiosk's disk image (`make image`): a GPT
# disk with an EFI system partition (systemd-boot, the kernel and its
# initrd) and a root filesystem of Debian 12 packages (mmdebstrap) with the
# kiosk built by meson and installed into it, cage on tty1 as the user
# kiosk (kiosk-image/nursery-kiosk.service).  No loop devices and no
# network but the package archive: the filesystems are made from
# directories (mkfs.ext4 -d, mtools) and laid into the disk file.
#
# Environment: NK_IMAGE_CONSOLE=1 keeps a root login on the serial console
# (development only; the door has no login shell by default);
# NK_IMAGE_REUSE_TREE=1 keeps the Debian tree of an earlier build;
# NK_IMAGE_PLATFORM_URL (and NK_IMAGE_PLATFORM_CA, a PEM file) set the
# centre's platform, so a new box opens on the enrolment screen;
# NK_IMAGE_VERSION names the image (the kiosk's version and the build's
# time by default); NK_IMAGE_UPDATE_KEYS is the folder of the key that
# signs updates and the certificate boxes check them with (made there on
# the first build: keep it, boxes install only what it signed);
# NK_IMAGE_TRIAL_SECONDS is how long an update's trial boot has to bring
# the door up (300); NK_IMAGE_KEEP_ROOT=1 keeps the root filesystem
# beside the image (OUT_DIR/root.img, for image-check's updates).
# Writes the disk image and the same root as an update for boxes running
# an earlier image (nursery-kiosk-VERSION.raucb); prints
# image=PATH size_mb=N build_s=N update=PATH version=V at the end.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$root/_image}
build="$out/build"
tree="$out/tree"
started=$(date +%s)
mkdir -p "$out"
# absolute: meson install runs in the build directory, and a relative
# DESTDIR there put the kiosk beside the tree instead of in it
out=$(cd "$out" && pwd)
say() { echo "image: $*"; }
# the size of each root slot: fixed, the same for every image a box will
# ever be updated to (the current root needs about 1.1 GB)
slot_mb=1280
version=${NK_IMAGE_VERSION:-$(sed -n "s/^  version: '\(.*\)',\$/\1/p" "$root/meson.build" | head -n 1)+$(date -u +%Y%m%d%H%M%S)}

# the key that signs updates: made once, kept outside the tree
keys=${NK_IMAGE_UPDATE_KEYS:-${HOME:-/root}/.local/share/nursery-kiosk/update-keys}
if [ ! -f "$keys/update.key" ] || [ ! -f "$keys/update.pem" ]; then
  mkdir -p "$keys"
  chmod 0700 "$keys"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 7300 \
    -subj "/O=Nursery Kiosk/CN=Nursery Kiosk updates" \
    -keyout "$keys/update.key" -out "$keys/update.pem" 2> "$out/openssl.log"
  say "made a new update key in $keys: keep it (boxes with this image install only updates it signs)"
fi

# 1. the kiosk, built for /usr
if [ ! -f "$build/build.ninja" ]; then
  meson setup "$build" "$root" --prefix=/usr --buildtype=release > "$out/meson.log"
fi
ninja -C "$build" app/nursery-kiosk app/nursery-kiosk-admin nursery-kiosk-gmo > "$out/ninja.log"

# 2. Debian 12: what the kiosk links (read from the binary), cage, the
#    kernel, fonts, locales and time
libs=$(ldd "$build/app/nursery-kiosk" "$build/app/nursery-kiosk-admin" | awk '/=> \// { print $3 }' \
  | xargs -r realpath | sort -u | xargs -r dpkg -S 2>/dev/null | cut -d: -f1 | sort -u | paste -sd, -)
# cage 0.1.4 starts Xwayland and stops without it, though the kiosk is Wayland
packages="systemd,systemd-sysv,udev,dbus,linux-image-amd64,initramfs-tools,kmod,cage,xwayland,seatd,adwaita-icon-theme,hicolor-icon-theme,fonts-noto-cjk,locales,tzdata"
# librsvg2-common: GTK draws the kiosk's own picture (an SVG) through it;
# systemd-resolved: names for the platform's address over networkd's DHCP;
# libtss2-*: systemd's TPM2 unlocking of the data partition;
# rauc: the A/B updates (kiosk-image/README.md, "Updates")
packages="$packages,rauc,systemd-timesyncd,systemd-resolved,librsvg2-common,libtss2-esys-3.0.2-0,libtss2-mu0,libtss2-rc0,libtss2-tcti-device0,libnfc-bin,alsa-utils,ca-certificates,$libs"
# kernel modules a door box never loads: TV and camera capture, InfiniBand,
# staging and industrial sensors, server and network filesystems (ext4,
# FAT for the ESP and USB sticks, exFAT and NTFS for a centre's sticks stay)
modules_out=""
for m in drivers/media drivers/infiniband drivers/staging drivers/iio drivers/isdn \
    fs/btrfs fs/xfs fs/ocfs2 fs/gfs2 fs/nfs fs/nfsd fs/cifs fs/smbfs_common fs/ksmbd fs/f2fs fs/jfs \
    fs/reiserfs fs/nilfs2 fs/ceph fs/afs fs/dlm fs/ubifs fs/orangefs fs/coda fs/9p fs/erofs fs/gfs2 \
    net/ceph net/sunrpc net/rds net/9p; do
  modules_out="$modules_out --dpkgopt=path-exclude=/lib/modules/*/kernel/$m/* --dpkgopt=path-exclude=/usr/lib/modules/*/kernel/$m/*"
done
if [ "${NK_IMAGE_REUSE_TREE:-0}" = 1 ] && [ -x "$tree/usr/bin/cage" ]; then
  say "reusing the Debian tree in $tree (NK_IMAGE_REUSE_TREE=1)"
else
rm -rf "$tree"
say "Debian 12 with: $packages"
# no manuals, no documentation, no translations but Chinese and English
mmdebstrap --variant=minbase --include="$packages" --skip=check/empty \
  --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/doc/*' \
  --dpkgopt='path-include=/usr/share/doc/*/copyright' --dpkgopt='path-exclude=/usr/share/locale/*' \
  --dpkgopt='path-include=/usr/share/locale/zh_CN/*' --dpkgopt='path-include=/usr/share/locale/en*' --dpkgopt='path-include=/usr/share/locale/locale.alias' \
  $modules_out \
  --essential-hook='mkdir -p "$1/etc/initramfs-tools/conf.d"; echo "COMPRESS=zstd" > "$1/etc/initramfs-tools/conf.d/nk"' \
  bookworm "$tree" "deb http://deb.debian.org/debian bookworm main" \
  "deb http://deb.debian.org/debian bookworm-updates main" \
  "deb http://deb.debian.org/debian-security bookworm-security main" > "$out/mmdebstrap.log" 2>&1 \
  || { tail -n 30 "$out/mmdebstrap.log"; exit 1; }
fi

# 3. the kiosk and its system settings
DESTDIR="$tree" meson install -C "$build" --no-rebuild --quiet > "$out/install.log"
for f in /usr/bin/nursery-kiosk /usr/bin/nursery-kiosk-admin /usr/share/locale/zh_CN/LC_MESSAGES/nursery-kiosk.mo; do
  [ -e "$tree$f" ] || { echo "image: FAIL: $f is not in the image's tree after meson install" >&2; exit 1; }
done
# the platform given for the image: checked by the kiosk's own reading of
# its configuration before it goes in, so a wrong address stops the build
if [ -n "${NK_IMAGE_PLATFORM_URL:-}" ]; then
  check_dir=$(mktemp -d)
  printf '[sync]\nplatform-url=%s\n' "$NK_IMAGE_PLATFORM_URL" > "$check_dir/kiosk.conf"
  [ -z "${NK_IMAGE_PLATFORM_CA:-}" ] || echo "ca-file=$(realpath "$NK_IMAGE_PLATFORM_CA")" >> "$check_dir/kiosk.conf"
  if ! "$build/app/nursery-kiosk-admin" --config "$check_dir/kiosk.conf" check-config > "$check_dir/out" 2>&1; then
    echo "image: FAIL: the platform for the image is not usable:" >&2
    cat "$check_dir/out" >&2
    rm -rf "$check_dir"
    exit 1
  fi
  rm -rf "$check_dir"
  say "platform: $NK_IMAGE_PLATFORM_URL${NK_IMAGE_PLATFORM_CA:+, CA $NK_IMAGE_PLATFORM_CA}"
fi
# what the slot's kernel boots with (boot-slots puts it in the slot's
# entry) and the image's version (the update check and the stick read it)
mkdir -p "$tree/usr/lib/nursery-kiosk"
echo "ro quiet console=tty0 console=ttyS0,115200 systemd.journald.forward_to_console=1 systemd.show_status=0 loglevel=3 panic=10" \
  > "$tree/usr/lib/nursery-kiosk/kernel-options"
echo "$version" > "$tree/usr/lib/nursery-kiosk/image-version"
NK_IMAGE_SLOT_MB=$slot_mb NK_IMAGE_UPDATE_CERT="$keys/update.pem" \
  sh "$root/kiosk-image/configure-root.sh" "$tree" "$root"

# 4. the partitions' contents, then the disk: ESP, root
esp_uuid=$(cat /proc/sys/kernel/random/uuid)
root_uuid=$(cat /proc/sys/kernel/random/uuid)
fs_uuid=$(cat /proc/sys/kernel/random/uuid)
kernel=$(ls "$tree"/boot/vmlinuz-* | sort -V | tail -n 1)
initrd=$(ls "$tree"/boot/initrd.img-* | sort -V | tail -n 1)

cat > "$tree/etc/fstab" <<FSTAB
# the root is the slot the kernel booted (root=PARTUUID=… ro on its command
# line, kiosk-image/boot-slots), read-only: a power cut finds it as built
# the data partition (made on the first boot, kiosk-image/configure-root.sh)
/dev/mapper/nk-data /var ext4 noatime,x-systemd.requires=nk-data.service,x-systemd.device-timeout=120s 0 2
/var/etc/nursery-kiosk /etc/nursery-kiosk none bind,x-systemd.requires-mounts-for=/var 0 0
FSTAB

esp="$out/esp.img"
esp_mb=128
rm -f "$esp"
mkfs.vfat -C -n ESP -F 32 "$esp" $((esp_mb * 1024)) > /dev/null
export MTOOLS_SKIP_CHECK=1
mmd -i "$esp" ::EFI ::EFI/BOOT ::EFI/systemd ::loader ::loader/entries ::nursery-kiosk ::nursery-kiosk/a
mcopy -i "$esp" /usr/lib/systemd/boot/efi/systemd-bootx64.efi ::EFI/BOOT/BOOTX64.EFI
mcopy -i "$esp" /usr/lib/systemd/boot/efi/systemd-bootx64.efi ::EFI/systemd/systemd-bootx64.efi
mcopy -i "$esp" "$kernel" ::nursery-kiosk/a/linux
mcopy -i "$esp" "$initrd" ::nursery-kiosk/a/initrd
mcopy -i "$esp" "$tree/usr/lib/nursery-kiosk/kernel-options" ::nursery-kiosk/a/options
mcopy -i "$esp" "$tree/usr/lib/nursery-kiosk/image-version" ::nursery-kiosk/a/version
# no default: systemd-boot starts the entry with the highest version among
# those with tries left (kiosk-image/boot-slots)
printf 'timeout 0\nconsole-mode keep\neditor no\n' > "$out/loader.conf"
# the journal goes to the serial console too: a box's technician (and the
# image test) reads the kiosk's lines there without a login
cat > "$out/entry.conf" <<ENTRY
title Nursery Kiosk $version
sort-key nursery-kiosk
version 1
linux /nursery-kiosk/a/linux
initrd /nursery-kiosk/a/initrd
options root=PARTUUID=$root_uuid rauc.slot=a $(cat "$tree/usr/lib/nursery-kiosk/kernel-options")
ENTRY
mcopy -i "$esp" "$out/loader.conf" ::loader/loader.conf
mcopy -i "$esp" "$out/entry.conf" ::loader/entries/nursery-kiosk-a.conf

rootfs="$out/root.img"
used_mb=$(du -sm "$tree" | cut -f1)
if [ $((used_mb + used_mb / 10 + 32)) -gt "$slot_mb" ]; then
  echo "image: FAIL: the root needs ${used_mb} MB and ext4's own; a slot is ${slot_mb} MB" >&2
  exit 1
fi
rm -f "$rootfs"
mkfs.ext4 -q -F -L nk-root -U "$fs_uuid" -E root_owner=0:0 -d "$tree" "$rootfs" "${slot_mb}M"

disk="$out/nursery-kiosk.img"
rm -f "$disk"
# slot b and the data partition are made on the first boot in the disk's
# free space (systemd-repart): the box's disk is bigger than the image
total_mb=$((1 + esp_mb + slot_mb + 1))
truncate -s "${total_mb}M" "$disk"
sfdisk --quiet "$disk" <<GPT
label: gpt
first-lba: 2048
start=1MiB, size=${esp_mb}MiB, type=C12A7328-F81F-11D2-BA4B-00A0C93EC93B, uuid=$esp_uuid, name=esp
start=$((1 + esp_mb))MiB, size=${slot_mb}MiB, type=4F68BCE3-E8CD-4DB1-96E7-FBCAF984B709, uuid=$root_uuid, name=root-a
GPT
dd if="$esp" of="$disk" bs=1M seek=1 conv=notrunc,sparse status=none
dd if="$rootfs" of="$disk" bs=1M seek=$((1 + esp_mb)) conv=notrunc,sparse status=none
rm -f "$esp"

# the same root as an update, for boxes running an earlier image
update="$out/nursery-kiosk-$version.raucb"
rm -f "$out"/nursery-kiosk-*.raucb
sh "$root/kiosk-image/bundle.sh" "$rootfs" "$version" "$keys" "$update"
[ "${NK_IMAGE_KEEP_ROOT:-0}" = 1 ] || rm -f "$rootfs"

size_mb=$(du -m --apparent-size "$disk" | cut -f1)
say "image=$disk size_mb=$size_mb build_s=$(( $(date +%s) - started )) update=$update version=$version"
