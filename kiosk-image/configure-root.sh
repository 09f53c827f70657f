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
  in_root useradd --system --create-home --home-dir /home/kiosk --shell /usr/sbin/nologin --groups "$groups" kiosk

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
SystemMaxUse=256M
SystemKeepFree=512M
CONF

# the kiosk's configuration and data (enrolment fills in the platform)
mkdir -p "$tree/etc/nursery-kiosk" "$tree/var/lib/nursery-kiosk"
if [ ! -f "$tree/etc/nursery-kiosk/kiosk.conf" ]; then
  cat > "$tree/etc/nursery-kiosk/kiosk.conf" <<'CONF'
# /etc/nursery-kiosk/kiosk.conf — see docs/config.md
[kiosk]
timezone=Asia/Shanghai
data-dir=/var/lib/nursery-kiosk
CONF
fi
in_root chown kiosk:kiosk /var/lib/nursery-kiosk
chmod 0700 "$tree/var/lib/nursery-kiosk"

# what the image does not need at run time
rm -rf "$tree/var/cache/apt/archives/"*.deb "$tree/var/lib/apt/lists/"* "$tree/usr/share/doc-base"
