#!/bin/sh
# configure-root.sh TREE SOURCE — the system settings of the door image,
# applied to the root tree build.sh made: the user kiosk (never root), the
# unit on tty1, zh_CN.UTF-8 and Asia/Shanghai, a persistent journal with a
# cap, no login on any console (NK_IMAGE_CONSOLE=1: root without a password
# on the serial console, for development), the kiosk's configuration.
set -eu
tree=$1
src=$2
in_root() { chroot "$tree" "$@"; }

# the kiosk's user: the reader (plugdev: USB, dialout: serial), the screen
# (video, render), touch and wedge readers (input), the speaker (audio)
groups=
for g in video render input audio plugdev dialout; do
  in_root getent group "$g" > /dev/null || in_root groupadd --system "$g"
  groups="${groups:+$groups,}$g"
done
in_root id kiosk > /dev/null 2>&1 || \
  in_root useradd --system --create-home --home-dir /var/lib/kiosk --shell /usr/sbin/nologin --groups "$groups" kiosk

# Chinese by default, the centre's clock
sed -i 's/^# *zh_CN.UTF-8 UTF-8/zh_CN.UTF-8 UTF-8/; s/^# *en_US.UTF-8 UTF-8/en_US.UTF-8 UTF-8/' "$tree/etc/locale.gen"
in_root locale-gen > /dev/null
echo "LANG=zh_CN.UTF-8" > "$tree/etc/default/locale"
echo "LANG=zh_CN.UTF-8" > "$tree/etc/locale.conf"
ln -sf /usr/share/zoneinfo/Asia/Shanghai "$tree/etc/localtime"
echo "Asia/Shanghai" > "$tree/etc/timezone"
echo "nursery-kiosk" > "$tree/etc/hostname"

# the door: cage on tty1, started at boot
install -m 0644 "$src/kiosk-image/nursery-kiosk.service" "$tree/etc/systemd/system/nursery-kiosk.service"
mkdir -p "$tree/etc/systemd/system/graphical.target.wants"
ln -sf ../nursery-kiosk.service "$tree/etc/systemd/system/graphical.target.wants/nursery-kiosk.service"
ln -sf /lib/systemd/system/graphical.target "$tree/etc/systemd/system/default.target"
mkdir -p "$tree/etc/systemd/system/multi-user.target.wants"
ln -sf /lib/systemd/system/seatd.service "$tree/etc/systemd/system/multi-user.target.wants/seatd.service"

# the network: a cable to the centre's router, its address and names by
# DHCP (systemd-networkd and -resolved); the clock from it (timesyncd)
mkdir -p "$tree/etc/systemd/network"
cat > "$tree/etc/systemd/network/20-wired.network" <<'NET'
[Match]
Type=ether
Name=en* eth*

[Network]
DHCP=yes

[DHCPv4]
RouteMetric=100
NET
for unit in systemd-networkd.service systemd-resolved.service systemd-timesyncd.service; do
  in_root systemctl enable "$unit" > /dev/null 2>&1
done

# no login anywhere: every getty masked (the serial one kept for development)
for unit in getty@.service autovt@.service console-getty.service serial-getty@.service; do
  [ "${NK_IMAGE_CONSOLE:-0}" = 1 ] && [ "$unit" = serial-getty@.service ] && continue
  ln -sf /dev/null "$tree/etc/systemd/system/$unit"
done
if [ "${NK_IMAGE_CONSOLE:-0}" = 1 ]; then
  in_root passwd --delete root > /dev/null
else
  in_root passwd --lock root > /dev/null
fi

# the journal kept across reboots, capped: a box in a hallway for years
mkdir -p "$tree/etc/systemd/journald.conf.d" "$tree/var/log/journal"
cat > "$tree/etc/systemd/journald.conf.d/nursery-kiosk.conf" <<'CONF'
[Journal]
Storage=persistent
SystemMaxUse=128M
SystemKeepFree=64M
CONF

# the machine id is made anew at every boot (the root is read-only), so
# each boot's journal is in a folder of its own, which journald's cap does
# not count: the cap over all of them at every boot
cat > "$tree/etc/systemd/system/nk-journal-cap.service" <<'UNIT'
[Unit]
Description=Nursery Kiosk: the journal's cap over every boot's folder
After=systemd-journal-flush.service

[Service]
Type=oneshot
ExecStart=/bin/journalctl --vacuum-size=128M

[Install]
WantedBy=multi-user.target
UNIT
ln -sf ../nk-journal-cap.service "$tree/etc/systemd/system/multi-user.target.wants/nk-journal-cap.service"

# the kiosk's configuration and data: on the data partition (/var, made
# on the first boot by systemd-repart from this tree's /var and grown to the
# disk), the configuration bound from /var/etc/nursery-kiosk onto
# /etc/nursery-kiosk; the root itself is read-only
mkdir -p "$tree/etc/nursery-kiosk" "$tree/var/etc/nursery-kiosk" "$tree/var/lib/nursery-kiosk"
if [ ! -f "$tree/var/etc/nursery-kiosk/kiosk.conf" ]; then
  cat > "$tree/var/etc/nursery-kiosk/kiosk.conf" <<'CONF'
# /etc/nursery-kiosk/kiosk.conf — see docs/config.md
[kiosk]
timezone=Asia/Shanghai
data-dir=/var/lib/nursery-kiosk
CONF
fi
# the centre's platform, given to make image (NK_IMAGE_PLATFORM_URL and
# NK_IMAGE_PLATFORM_CA): a new box then opens on the enrolment screen
mkdir -p "$tree/usr/lib/nursery-kiosk"
install -m 0755 "$src/kiosk-image/nk-set-platform" "$tree/usr/lib/nursery-kiosk/nk-set-platform"
if [ -n "${NK_IMAGE_PLATFORM_URL:-}" ]; then
  sh "$src/kiosk-image/nk-set-platform" "$tree/var/etc/nursery-kiosk" "$NK_IMAGE_PLATFORM_URL" "${NK_IMAGE_PLATFORM_CA:-}"
fi
# …or from a USB stick labelled NK-KIOSK at the door, until the box is
# enrolled (nk-stick: its platform-url and platform-ca.pem)
install -m 0755 "$src/kiosk-image/nk-stick" "$tree/usr/lib/nursery-kiosk/nk-stick"
mkdir -p "$tree/etc/udev/rules.d"
cat > "$tree/etc/udev/rules.d/70-nk-stick.rules" <<'RULE'
# a USB stick (or its partition) labelled NK-KIOSK: nk-stick@.service reads it
ACTION=="add", SUBSYSTEM=="block", ENV{ID_BUS}=="usb", ENV{ID_FS_LABEL}=="NK-KIOSK", TAG+="systemd", ENV{SYSTEMD_WANTS}+="nk-stick@%k.service"
RULE
cat > "$tree/etc/systemd/system/nk-stick@.service" <<'UNIT'
[Unit]
Description=Nursery Kiosk: the platform or an update from the USB stick %I
BindsTo=dev-%i.device
# after the boot's update check: a failed trial is on record first
After=dev-%i.device nk-update-prepare.service
RequiresMountsFor=/var/lib/nursery-kiosk /etc/nursery-kiosk

[Service]
Type=oneshot
ExecStart=/usr/lib/nursery-kiosk/nk-stick /dev/%I
# an update is written from the stick: minutes on a slow stick
TimeoutStartSec=30min
UNIT
in_root chown kiosk:kiosk /var/lib/nursery-kiosk
chmod 0700 "$tree/var/lib/nursery-kiosk"
mkdir -p "$tree/usr/lib/repart.d"
cat > "$tree/usr/lib/repart.d/50-data.conf" <<'REPART'
# the door's data partition: made on the first boot in the disk's free
# space, all of it, with this image's /var in it; never touched again.
# With a TPM, nk-data-tpm.service puts this with Encrypt=tpm2 in
# /run/repart.d, which wins over this file.
[Partition]
Type=linux-generic
Label=nk-data
Format=ext4
CopyFiles=/var:/
SizeMinBytes=256M
REPART
rm -rf "$tree/etc/repart.d"
# systemd-repart runs in a systemd initrd; Debian's initrd is not one, so it
# runs early in the system, before /var is mounted
mkdir -p "$tree/etc/systemd/system/sysinit.target.wants" "$tree/etc/systemd/system/systemd-repart.service.d"
ln -sf /lib/systemd/system/systemd-repart.service "$tree/etc/systemd/system/sysinit.target.wants/systemd-repart.service"
cat > "$tree/etc/systemd/system/systemd-repart.service.d/nursery-kiosk.conf" <<'UNIT'
[Unit]
Before=local-fs-pre.target nk-data.service
Wants=local-fs-pre.target
UNIT
# a box with a TPM2: the data partition is LUKS2, its key sealed to the
# TPM (PCR 7, the firmware's Secure Boot state): the disk alone, taken
# from the box, does not open
cat > "$tree/etc/systemd/system/nk-data-tpm.service" <<'UNIT'
[Unit]
Description=Nursery Kiosk: the data partition encrypted when the box has a TPM2
DefaultDependencies=no
ConditionPathExists=/dev/tpmrm0
After=systemd-udev-trigger.service
Before=systemd-repart.service

[Service]
Type=oneshot
RemainAfterExit=yes
ExecStart=/bin/sh -c 'mkdir -p /run/repart.d && { cat /usr/lib/repart.d/50-data.conf; echo Encrypt=tpm2; } > /run/repart.d/50-data.conf'

[Install]
WantedBy=sysinit.target
UNIT
ln -sf ../nk-data-tpm.service "$tree/etc/systemd/system/sysinit.target.wants/nk-data-tpm.service"
# /dev/mapper/nk-data, whichever the partition is: unlocked by the TPM
# when it is LUKS2, a plain mapping of it otherwise; fstab mounts that on /var
mkdir -p "$tree/usr/lib/nursery-kiosk"
install -m 0755 "$src/kiosk-image/nk-data-open" "$tree/usr/lib/nursery-kiosk/nk-data-open"
cat > "$tree/etc/systemd/system/nk-data.service" <<'UNIT'
[Unit]
Description=Nursery Kiosk: the data partition opened (TPM2 unlock or plain)
DefaultDependencies=no
After=systemd-udev-trigger.service systemd-repart.service modprobe@dm_mod.service
Wants=modprobe@dm_mod.service
Before=local-fs.target var.mount
Conflicts=shutdown.target

[Service]
Type=oneshot
RemainAfterExit=yes
ExecStart=/usr/lib/nursery-kiosk/nk-data-open
UNIT

# A/B updates (kiosk-image/README.md, "Updates"): two root slots, root-a
# (the image's) and root-b (made on the first boot, beside the data
# partition), RAUC writing a signed bundle into the one not running,
# systemd-boot's boot counting trying it once, nk-update-check keeping it
# when the door comes up and going back otherwise
slot_mb=${NK_IMAGE_SLOT_MB:?the size of the root slots}
for f in boot-slots nk-update-check; do
  install -m 0755 "$src/kiosk-image/$f" "$tree/usr/lib/nursery-kiosk/$f"
done
# slot a, the image's root, matched as it is (never grown or moved); slot
# b made empty on the first boot, until the first update is written to it
for slot in a:10 b:20; do
  cat > "$tree/usr/lib/repart.d/${slot#*:}-root-${slot%:*}.conf" <<REPART
[Partition]
Type=root-x86-64
Label=root-${slot%:*}
SizeMinBytes=${slot_mb}M
SizeMaxBytes=${slot_mb}M
REPART
done
mkdir -p "$tree/etc/rauc"
install -m 0644 "${NK_IMAGE_UPDATE_CERT:?the update keyring}" "$tree/etc/rauc/keyring.pem"
cat > "$tree/etc/rauc/system.conf" <<'CONF'
# RAUC on the door: the two root slots, systemd-boot through boot-slots
[system]
compatible=nursery-kiosk-x86-64
bootloader=custom
mountprefix=/run/rauc
statusfile=/var/lib/rauc/central.raucs
bundle-formats=verity

[handlers]
bootloader-custom-backend=/usr/lib/nursery-kiosk/boot-slots

[keyring]
path=/etc/rauc/keyring.pem

[slot.rootfs.0]
device=/dev/disk/by-partlabel/root-a
type=ext4
bootname=a

[slot.rootfs.1]
device=/dev/disk/by-partlabel/root-b
type=ext4
bootname=b
CONF
mkdir -p "$tree/var/lib/rauc" "$tree/usr/share/dbus-1/system.d" "$tree/usr/share/dbus-1/system-services"
# RAUC's service on the system bus: only root asks it for anything
cat > "$tree/usr/share/dbus-1/system.d/de.pengutronix.rauc.conf" <<'CONF'
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-BUS Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <policy user="root">
    <allow own="de.pengutronix.rauc"/>
    <allow send_destination="de.pengutronix.rauc"/>
  </policy>
</busconfig>
CONF
cat > "$tree/usr/share/dbus-1/system-services/de.pengutronix.rauc.service" <<'CONF'
[D-BUS Service]
Name=de.pengutronix.rauc
Exec=/bin/false
User=root
SystemdService=rauc.service
CONF
cat > "$tree/etc/systemd/system/rauc.service" <<'UNIT'
[Unit]
Description=RAUC: the door's updates into the other root slot
After=dbus.service
RequiresMountsFor=/var/lib/rauc

[Service]
Type=dbus
BusName=de.pengutronix.rauc
ExecStart=/usr/bin/rauc --mount=/run/rauc service
RuntimeDirectory=rauc
UNIT
# every boot: a trial's database copied aside, a spent trial marked bad
cat > "$tree/etc/systemd/system/nk-update-prepare.service" <<'UNIT'
[Unit]
Description=Nursery Kiosk: the update's trial boot prepared, or a failed one undone
After=dbus.service
Before=nursery-kiosk.service
RequiresMountsFor=/var/lib/nursery-kiosk /etc/nursery-kiosk

[Service]
Type=oneshot
RemainAfterExit=yes
ExecStart=/usr/lib/nursery-kiosk/nk-update-check prepare

[Install]
WantedBy=multi-user.target
UNIT
# a trial boot: kept when the door comes up and stays up, undone otherwise
cat > "$tree/etc/systemd/system/nk-update-watch.service" <<UNIT
[Unit]
Description=Nursery Kiosk: the update's trial boot kept or undone
After=nk-update-prepare.service dbus.service
Wants=nursery-kiosk.service

[Service]
# exec, not oneshot: the boot does not wait for the verdict
Type=exec
Environment=NK_UPDATE_DEADLINE=${NK_IMAGE_TRIAL_SECONDS:-300}
ExecStart=/usr/lib/nursery-kiosk/nk-update-check watch

[Install]
WantedBy=multi-user.target
UNIT
for unit in nk-update-prepare.service nk-update-watch.service; do
  ln -sf "../$unit" "$tree/etc/systemd/system/multi-user.target.wants/$unit"
done
# systemd's own blessing of a counted boot would keep a trial as soon as
# the system is up, door or not: nk-update-check decides instead
ln -sf /dev/null "$tree/etc/systemd/system/systemd-bless-boot.service"

# /tmp in memory: nothing on the root is written
mkdir -p "$tree/etc/systemd/system/local-fs.target.wants"
ln -sf /usr/share/systemd/tmp.mount "$tree/etc/systemd/system/tmp.mount"
ln -sf ../tmp.mount "$tree/etc/systemd/system/local-fs.target.wants/tmp.mount"

# what the image does not need at run time
rm -rf "$tree/var/cache/apt/archives/"*.deb "$tree/var/lib/apt/lists/"* "$tree/usr/share/doc-base"
# the root's caches are up to date: no ldconfig or hwdb update at boot on a
# read-only root (ConditionNeedsUpdate= compares with these)
touch "$tree/etc/.updated" "$tree/var/.updated"
