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
# centre's platform, so a new box opens on the enrolment screen.
# Prints image=PATH size_mb=N build_s=N at the end.
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
# libtss2-*: systemd's TPM2 unlocking of the data partition
packages="$packages,systemd-timesyncd,systemd-resolved,librsvg2-common,libtss2-esys-3.0.2-0,libtss2-mu0,libtss2-rc0,libtss2-tcti-device0,libnfc-bin,alsa-utils,ca-certificates,$libs"
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
sh "$root/kiosk-image/configure-root.sh" "$tree" "$root"

# 4. the partitions' contents, then the disk: ESP, root
esp_uuid=$(cat /proc/sys/kernel/random/uuid)
root_uuid=$(cat /proc/sys/kernel/random/uuid)
fs_uuid=$(cat /proc/sys/kernel/random/uuid)
kernel=$(ls "$tree"/boot/vmlinuz-* | sort -V | tail -n 1)
initrd=$(ls "$tree"/boot/initrd.img-* | sort -V | tail -n 1)

cat > "$tree/etc/fstab" <<FSTAB
# the root read-only: a power cut finds it as it was built
UUID=$fs_uuid / ext4 ro,noatime,errors=remount-ro 0 1
# the data partition (made on the first boot, kiosk-image/configure-root.sh)
/dev/mapper/nk-data /var ext4 noatime,x-systemd.requires=nk-data.service,x-systemd.device-timeout=120s 0 2
/var/etc/nursery-kiosk /etc/nursery-kiosk none bind,x-systemd.requires-mounts-for=/var 0 0
FSTAB

esp="$out/esp.img"
esp_mb=128
rm -f "$esp"
mkfs.vfat -C -n ESP -F 32 "$esp" $((esp_mb * 1024)) > /dev/null
export MTOOLS_SKIP_CHECK=1
mmd -i "$esp" ::EFI ::EFI/BOOT ::EFI/systemd ::loader ::loader/entries ::nursery-kiosk
mcopy -i "$esp" /usr/lib/systemd/boot/efi/systemd-bootx64.efi ::EFI/BOOT/BOOTX64.EFI
mcopy -i "$esp" /usr/lib/systemd/boot/efi/systemd-bootx64.efi ::EFI/systemd/systemd-bootx64.efi
mcopy -i "$esp" "$kernel" ::nursery-kiosk/linux
mcopy -i "$esp" "$initrd" ::nursery-kiosk/initrd
printf 'default nursery-kiosk.conf\ntimeout 0\nconsole-mode keep\neditor no\n' > "$out/loader.conf"
# the journal goes to the serial console too: a box's technician (and the
# image test) reads the kiosk's lines there without a login
cat > "$out/entry.conf" <<ENTRY
title Nursery Kiosk
linux /nursery-kiosk/linux
initrd /nursery-kiosk/initrd
options root=PARTUUID=$root_uuid ro quiet console=tty0 console=ttyS0,115200 systemd.journald.forward_to_console=1 systemd.show_status=0 loglevel=3
ENTRY
mcopy -i "$esp" "$out/loader.conf" ::loader/loader.conf
mcopy -i "$esp" "$out/entry.conf" ::loader/entries/nursery-kiosk.conf

rootfs="$out/root.img"
used_mb=$(du -sm --exclude=./boot "$tree" | cut -f1)
# read-only: room to spare only for ext4's own
root_mb=$((used_mb + used_mb / 10 + 32))
# free space after the root for the first boot's data partition (the
# journal's 128 MB cap and years of the kiosk's data), when the disk the
# image is written to is no bigger than the image
data_mb=256
rm -f "$rootfs"
mkfs.ext4 -q -F -L nk-root -U "$fs_uuid" -E root_owner=0:0 -d "$tree" "$rootfs" "${root_mb}M"

disk="$out/nursery-kiosk.img"
rm -f "$disk"
total_mb=$((1 + esp_mb + root_mb + data_mb + 1))
truncate -s "${total_mb}M" "$disk"
sfdisk --quiet "$disk" <<GPT
label: gpt
first-lba: 2048
start=1MiB, size=${esp_mb}MiB, type=C12A7328-F81F-11D2-BA4B-00A0C93EC93B, uuid=$esp_uuid, name=esp
start=$((1 + esp_mb))MiB, size=${root_mb}MiB, type=4F68BCE3-E8CD-4DB1-96E7-FBCAF984B709, uuid=$root_uuid, name=root-x86-64
GPT
dd if="$esp" of="$disk" bs=1M seek=1 conv=notrunc,sparse status=none
dd if="$rootfs" of="$disk" bs=1M seek=$((1 + esp_mb)) conv=notrunc,sparse status=none
rm -f "$esp" "$rootfs"

size_mb=$(du -m --apparent-size "$disk" | cut -f1)
say "image=$disk size_mb=$size_mb build_s=$(( $(date +%s) - started ))"
