#!/usr/bin/python3
"""vm-check.py IMAGE OUT_DIR — boots the door image in QEMU (KVM where
/dev/kvm can be opened, TCG otherwise) with OVMF, as a box would, and checks
it the way its technician would look at it:

  1. the kiosk's "First screen painted" line on the serial console (the
     journal goes there): boot_to_door_s, from QEMU's start;
  2. a screenshot of the virtual display (QEMU's screendump): the door
     screen, not a console or a black screen (OUT_DIR/door.png);
  3. the kiosk killed (SIGKILL, over the development login on the serial
     console that an image built with NK_IMAGE_CONSOLE=1 has): painted again
     by the restarted service: restart_s;
  4. the kiosk's main loop hung (SIGSTOP): the watchdog ends it and the
     service starts it again: hang_restart_s;
  5. the partitions (read-only root, the data partition on /var, LUKS2 with
     a TPM), then a power cut: the data kept;
  6. USB sticks labelled NK-KIOSK put in: a wrong platform address refused,
     a good one written to the data partition and the door started again;
  7. updates from sticks (when check.sh made them): one signed with another
     key refused; a good one installed into slot b, booted on trial and
     kept, the data as it was; a broken one (its kiosk does not start)
     installed into slot a, its trial failed, the box back on slot b and
     the same update refused when it is seen again; another one whose
     trial boot loses its power before the door is up, after it made the
     database's schema newer: the next boot is slot b's (systemd-boot's
     spent try), the update is marked failed and the database from before
     the trial is back.

Prints the figures as key=value lines; exits 1 naming the step that failed.
"""

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time

PAINTED = re.compile(rb"First screen painted (\d+) ms after start")


class Failure(Exception):
    pass


class Vm:
    def __init__(self, image, out, kvm):
        self.out = out
        self.tmp = tempfile.mkdtemp(prefix="nk-vm-")
        self.serial_log = open(os.path.join(out, "serial.log"), "wb")
        self.buffer = b""
        self.transcript = b""    # everything the console said
        vars_fd = os.path.join(self.tmp, "OVMF_VARS.fd")
        shutil.copy("/usr/share/OVMF/OVMF_VARS_4M.fd", vars_fd)
        self.kvm = kvm
        serial = os.path.join(self.tmp, "serial")
        monitor = os.path.join(self.tmp, "monitor")
        cmd = ["qemu-system-x86_64", "-machine", "q35,accel=" + ("kvm" if self.kvm else "tcg"),
               "-m", "2048", "-smp", "2", "-nodefaults", "-no-user-config",
               "-drive", "if=pflash,format=raw,unit=0,readonly=on,file=/usr/share/OVMF/OVMF_CODE_4M.fd",
               "-drive", f"if=pflash,format=raw,unit=1,file={vars_fd}",
               "-drive", f"file={image},format=raw,if=virtio",
               "-device", "virtio-vga", "-display", "none",
               "-chardev", f"socket,id=serial0,path={serial},server=on,wait=off",
               "-serial", "chardev:serial0",
               "-monitor", f"unix:{monitor},server=on,wait=off",
               "-device", "qemu-xhci,id=xhci",   # a box's USB: a reader, a stick
               "-nic", "none"]
        if self.kvm:
            cmd += ["-cpu", "host"]
        # a TPM2 (swtpm), as a box with one: the data partition is LUKS2
        self.tpm = None
        if shutil.which("swtpm"):
            state = os.path.join(self.tmp, "tpm")
            os.makedirs(state)
            sock = os.path.join(self.tmp, "tpm.sock")
            self.tpm = subprocess.Popen(["swtpm", "socket", "--tpm2", "--tpmstate", f"dir={state}",
                                         "--ctrl", f"type=unixio,path={sock}", "--flags", "startup-clear"],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
            end = time.monotonic() + 10
            while not os.path.exists(sock) and time.monotonic() < end:
                time.sleep(0.1)
            cmd += ["-chardev", f"socket,id=chrtpm,path={sock}", "-tpmdev", "emulator,id=tpm0,chardev=chrtpm",
                    "-device", "tpm-tis,tpmdev=tpm0"]
        self.started = time.monotonic()
        self.qemu = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        self.serial = self._connect(serial)
        self.monitor = self._connect(monitor)

    def _connect(self, path):
        end = time.monotonic() + 20
        while time.monotonic() < end:
            if self.qemu.poll() is not None:
                raise Failure("QEMU exited: " + self.qemu.stdout.read().decode(errors="replace"))
            try:
                s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                s.connect(path)
                s.settimeout(0.2)
                return s
            except OSError:
                time.sleep(0.1)
        raise Failure(f"QEMU's socket {path} never came")

    def read(self):
        try:
            data = self.serial.recv(65536)
        except socket.timeout:
            return
        if data:
            self.serial_log.write(data)
            self.serial_log.flush()
            self.buffer += data
            self.transcript += data

    def wait(self, pattern, seconds, what):
        """Waits for pattern in what the console printed since the last
        wait; returns the match."""
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            m = pattern.search(self.buffer)
            if m:
                self.printed = self.buffer[:m.start()]
                self.buffer = self.buffer[m.end():]
                return m
            if self.qemu.poll() is not None:
                raise Failure(f"QEMU exited while waiting for {what}")
            self.read()
        tail = self.buffer[-2000:].decode(errors="replace")
        raise Failure(f"no {what} within {seconds} s; the console last said:\n{tail}")

    def run(self, command, seconds):
        """Runs a shell command at the root prompt; returns what it printed."""
        self.buffer = b""
        self.send(command + "; echo nk-done-$((6*7))\r")
        self.wait(re.compile(rb"nk-done-42"), seconds, f"the end of: {command}")
        text = self.printed.decode(errors="replace").replace("\r", "")
        return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", text)   # the shell's terminal escapes

    def values(self, command, seconds):
        """Runs command; returns the key=value lines it printed (the
        command's own echo on the console has no line of that form)."""
        said = self.run(command, seconds)
        return dict(line.split("=", 1) for line in said.splitlines() if re.match(r"^[a-z_]+=", line))

    def power_cut(self):
        """The box's power pulled and put back: a reset, no shutdown."""
        self.monitor.sendall(b"system_reset\n")

    def plug_stick(self, name, image):
        """A USB stick put into the box (QEMU's usb-storage, hot-plugged)."""
        self.monitor.sendall(f"drive_add 0 if=none,id={name},file={image},format=raw,readonly=on\n".encode())
        self.monitor.sendall(f"device_add usb-storage,bus=xhci.0,id=usb-{name},drive={name}\n".encode())

    def unplug_stick(self, name):
        self.monitor.sendall(f"device_del usb-{name}\n".encode())

    def said(self, pattern, seconds, what):
        """Waits for pattern anywhere in what the console said since boot."""
        end = time.monotonic() + seconds
        while not pattern.search(self.transcript):
            if time.monotonic() > end:
                raise Failure(f"the console never said {what} within {seconds} s")
            self.read()

    def send(self, text):
        self.serial.sendall(text.encode())

    def screendump(self, path):
        ppm = os.path.join(self.tmp, "screen.ppm")
        self.monitor.sendall(f"screendump {ppm}\n".encode())
        end = time.monotonic() + 10
        while time.monotonic() < end:
            if os.path.exists(ppm) and os.path.getsize(ppm) > 0:
                time.sleep(0.5)   # written in one go, but let it finish
                subprocess.run(["convert", ppm, path], check=True)
                os.unlink(ppm)
                return path
            time.sleep(0.1)
        raise Failure("QEMU wrote no screendump")

    def close(self):
        self.qemu.kill()
        self.qemu.wait()
        if self.tpm is not None:
            self.tpm.kill()
            self.tpm.wait()
        shutil.rmtree(self.tmp, ignore_errors=True)


def door_screen(png):
    """The door screen is light and fills the display with colour; a
    console is mostly black.  Returns (mean brightness 0..1, colours)."""
    mean = float(subprocess.run(["convert", png, "-colorspace", "Gray", "-format", "%[fx:mean]", "info:"],
                                check=True, capture_output=True, text=True).stdout)
    colours = int(subprocess.run(["identify", "-format", "%k", png], check=True, capture_output=True,
                                 text=True).stdout)
    return mean, colours


def wait_door(vm, path, when):
    """The painted frame on the virtual display: screenshots until one is
    the door screen (30 s)."""
    end = time.monotonic() + 30
    while True:
        shot = vm.screendump(path)
        mean, colours = door_screen(shot)
        if mean >= 0.5 and colours >= 16:
            print(f"door_screen {when}: mean={mean:.2f} colours={colours}")
            return
        if time.monotonic() > end:
            raise Failure(f"the display is not the door screen {when} (mean {mean:.2f}, {colours} colours): {shot}")
        vm.read()
        time.sleep(1)


def login(vm):
    """A root prompt on the serial console (logged in already, or not)."""
    vm.send("\r")
    m = vm.wait(re.compile(rb"login: |# "), 30, "the serial console's login prompt (NK_IMAGE_CONSOLE=1)")
    if m.group(0) == b"login: ":
        vm.send("root\r")
        vm.wait(re.compile(rb"# "), 30, "a root prompt")


def check_partitions(vm, when):
    """The root read-only, /var the data partition grown into the disk's
    free space, the kiosk's configuration bound from it, its database on it."""
    command = ("echo root=$(findmnt -no OPTIONS / | cut -d, -f1); "
                  "echo var_source=$(findmnt -no SOURCE /var); "
                  "echo var_mb=$(df -m --output=size /var | tail -n 1 | tr -d ' '); "
                  "echo etc_source=$(findmnt -no SOURCE /etc/nursery-kiosk); "
                  "echo partitions=$(lsblk -no PARTLABEL /dev/vda | grep . | paste -sd+); "
                  "echo database=$(ls /var/lib/nursery-kiosk/*.db 2>/dev/null | head -n 1); "
                  "echo data_type=$(blkid -p -o value -s TYPE /dev/disk/by-partlabel/nk-data); "
                  "touch /usr/nk-check 2>/dev/null && echo root_writable=yes || echo root_writable=no")
    got = vm.values(command, 30)
    said = " ".join(f"{k}={v}" for k, v in sorted(got.items()))
    print(f"partitions {when}: {said}")
    if got.get("root") != "ro" or got.get("root_writable") != "no":
        raise Failure(f"the root is not read-only {when}: {said}")
    if got.get("var_source") != "/dev/mapper/nk-data" or "nk-data" not in got.get("partitions", ""):
        raise Failure(f"/var is not the data partition {when}: {said}")
    if int(got.get("var_mb") or 0) < 1536:
        raise Failure(f"the data partition did not grow into the disk {when}: {said}")
    if "nursery-kiosk" not in got.get("etc_source", ""):
        raise Failure(f"/etc/nursery-kiosk is not bound from the data partition {when}: {said}")
    want = "crypto_LUKS" if vm.tpm is not None else "ext4"
    if got.get("data_type") != want:
        raise Failure(f"the data partition is {got.get('data_type')}, not {want} {when}"
                      f" ({'a TPM2' if vm.tpm else 'no TPM'}): {said}")
    if not got.get("database"):
        raise Failure(f"no kiosk database on the data partition {when}: {said}")
    return got


def stick(path, platform_url=None, bundle=None):
    """A FAT stick labelled NK-KIOSK with the file platform-url or an
    update, as a centre's IT person would make it."""
    kb = 8192 + (os.path.getsize(bundle) // 1024 + 16384 if bundle else 0)
    if os.path.exists(path):
        os.unlink(path)
    subprocess.run(["mkfs.vfat", "-C", "-n", "NK-KIOSK", path, str(kb)], check=True, stdout=subprocess.DEVNULL)
    env = dict(os.environ, MTOOLS_SKIP_CHECK="1")
    if platform_url is not None:
        text = path + ".txt"
        with open(text, "w") as f:
            f.write(platform_url + "\r\n")   # written on Windows
        subprocess.run(["mcopy", "-i", path, text, "::platform-url"], check=True, env=env)
        os.unlink(text)
    if bundle is not None:
        subprocess.run(["mcopy", "-i", path, bundle, "::" + os.path.basename(bundle)], check=True, env=env)
    return path


def check_stick(vm, out):
    """The platform from a USB stick before enrolment: a stick with a
    wrong address is refused and changes nothing; a good one is written to
    the data partition and the door starts again with it."""
    vm.plug_stick("platform-bad", stick(os.path.join(out, "stick-platform-bad.img"), "ftp://platform example"))
    vm.wait(re.compile(rb"nk-stick: REFUSED: the stick's platform is not usable"), 120,
            "the bad stick refused (nk-stick)")
    kept = vm.values("echo url=$(sed -n 's/^platform-url=//p' /etc/nursery-kiosk/kiosk.conf)", 30)
    if kept.get("url") != "https://platform.invalid":
        raise Failure(f"a refused stick changed the platform: {kept}")
    print("stick_bad=refused, platform kept")
    vm.unplug_stick("platform-bad")
    vm.plug_stick("platform", stick(os.path.join(out, "stick-platform.img"), "https://stick-platform.invalid"))
    vm.wait(re.compile(rb"nk-stick: the platform is now https://stick-platform\.invalid"), 120,
            "the good stick's platform taken (nk-stick)")
    plugged = time.monotonic()
    vm.wait(PAINTED, 120, "the kiosk painted again with the stick's platform")
    print(f"stick_to_door_s={time.monotonic() - plugged:.1f}")
    got = vm.values("echo url=$(sed -n 's/^platform-url=//p' /var/etc/nursery-kiosk/kiosk.conf)", 30)
    if got.get("url") != "https://stick-platform.invalid":
        raise Failure(f"the stick's platform is not on the data partition: {got}")
    print("stick_good=taken, on the data partition")


def booted(vm):
    """The slot the box runs, its image version, the data mark."""
    return vm.values("echo slot=$(sed -n 's/.*rauc\\.slot=\\([ab]\\).*/\\1/p' /proc/cmdline); "
                     "echo version=$(cat /usr/lib/nursery-kiosk/image-version); "
                     "echo mark=$(cat /var/lib/nursery-kiosk/nk-check-mark); "
                     "echo database_inode=$(stat -c %i /var/lib/nursery-kiosk/kiosk.db); "
                     "echo failed=$(paste -sd, /var/lib/nursery-kiosk-update/failed-versions 2>/dev/null); "
                     "echo entries=$(/usr/lib/nursery-kiosk/boot-slots get-primary)", 60)


def install(vm, out, name, update):
    """A stick with the update put in, until nk-stick says it is installed
    (the box restarts into it then); returns when that was said."""
    vm.plug_stick(name, stick(os.path.join(out, f"stick-{name}.img"), bundle=update["path"]))
    version = re.escape(update["version"].encode())
    vm.wait(re.compile(rb"nk-stick: the update " + version + rb" is installed"), 1800,
            f"the {name} update installed (nk-stick)")
    return time.monotonic()


def check_back(vm, out, name, update, good, restored=False):
    """After a failed trial: the box on slot b with the good update, the
    failed one on record and refused by its stick, still in, the data as
    it was (restored: the database copied before the trial put back, the
    trial's kept beside it), the door on the display."""
    version = re.escape(update["version"].encode())
    vm.said(re.compile(rb"REFUSED: the update " + version + rb" failed its trial boot on this box before"), 300,
            f"that the stick's failed {name} update is not installed again")
    login(vm)
    back = booted(vm)
    print(f"{name}_after: slot={back.get('slot')} version={back.get('version')} next={back.get('entries')}"
          f" failed={back.get('failed')}")
    if back.get("slot") != "b" or back.get("version") != good["version"] or back.get("entries") != "b":
        raise Failure(f"the box is not back on the good slot after the {name} update: {back}")
    if update["version"] not in (back.get("failed") or "").split(","):
        raise Failure(f"the {name} update is not recorded as failed: {back}")
    if not back.get("mark"):
        raise Failure(f"the kiosk's data did not survive the {name} update: {back}")
    if restored:
        kept = vm.values("echo kept=$(ls -d /var/lib/nursery-kiosk-update/after-failed-trial-*/kiosk.db | head -n 1)", 30)
        if not kept.get("kept"):
            raise Failure(f"the failed trial's database is not kept beside the restored one: {kept}")
        print(f"{name}_database=restored from before the trial, the trial's kept in {kept['kept']}")
    elif back.get("mark") != back.get("database_inode"):
        raise Failure(f"the kiosk's database is not the one from before the {name} update: {back}")
    wait_door(vm, os.path.join(out, f"door-after-{name}.png"), f"after the {name} update")
    vm.unplug_stick(name)


def check_updates(vm, out, updates):
    """The A/B updates from sticks: refused when signed with another key;
    a good one kept after its trial boot; a broken one rolled back; a trial
    boot cut off rolled back by systemd-boot's count."""
    forged, good, broken, cut = updates["forged"], updates["good"], updates["broken"], updates["cut"]
    before = booted(vm)
    print(f"update_before: slot={before.get('slot')} version={before.get('version')}")
    vm.plug_stick("forged", stick(os.path.join(out, "stick-forged.img"), bundle=forged["path"]))
    vm.wait(re.compile(rb"nk-stick: REFUSED: [^ ]+ is not an update for this kiosk"), 300,
            "the update signed with another key refused (nk-stick)")
    print("update_forged=refused")
    vm.unplug_stick("forged")

    # the good update: into slot b, a trial boot, kept
    plugged = time.monotonic()
    installed = install(vm, out, "good", good)
    print(f"update_install_s={installed - plugged:.1f}")
    vm.wait(PAINTED, 900, "the door painted by the updated slot")
    print(f"update_to_door_s={time.monotonic() - installed:.1f}")
    version = re.escape(good["version"].encode())
    vm.wait(re.compile(rb"nk-update: slot b \(" + version + rb"\) is good"), 900,
            "the updated slot kept after its trial boot (nk-update)")
    vm.said(re.compile(rb"the update " + version + rb" is the version running"), 120,
            "that the stick's update is the one running")
    login(vm)
    after = booted(vm)
    print(f"update_after: slot={after.get('slot')} version={after.get('version')} next={after.get('entries')}")
    if after.get("slot") != "b" or after.get("version") != good["version"] or after.get("entries") != "b":
        raise Failure(f"the good update is not the slot running and booting next: {after}")
    if not after.get("mark") or after.get("mark") != after.get("database_inode"):
        raise Failure(f"the kiosk's data did not survive the update: {after}")
    print("update_good=kept, data kept")
    wait_door(vm, os.path.join(out, "door-after-update.png"), "after the update")
    vm.unplug_stick("good")

    # the broken update: into slot a, its door never comes up, back to b
    installed = install(vm, out, "broken", broken)
    version = re.escape(broken["version"].encode())
    vm.wait(re.compile(rb"nk-update: FAILED: slot a \(" + version + rb"\)"), 1200,
            "the broken update's trial failed (nk-update)")
    print(f"broken_trial_failed_s={time.monotonic() - installed:.1f}")
    vm.wait(PAINTED, 900, "the door painted again by the old slot after the rollback")
    print(f"rollback_to_door_s={time.monotonic() - installed:.1f}")
    check_back(vm, out, "broken", broken, good)
    print("update_broken=rolled back, refused again, data kept")

    # the power cut during a trial boot: nothing marks it good or bad, its
    # one try is spent, and the boot after it is the old slot's
    install(vm, out, "cut", cut)
    version = re.escape(cut["version"].encode())
    vm.wait(re.compile(rb"image-check: the database's schema set to 999"), 900,
            "the cut trial's kiosk making the database's schema newer")
    vm.power_cut()
    cut_at = time.monotonic()
    vm.wait(re.compile(rb"nk-update: FAILED: slot a \(" + version + rb"\) was tried and never marked good"), 900,
            "the spent trial found by the old slot (nk-update)")
    vm.wait(re.compile(rb"nk-update: the failed trial left a database this kiosk cannot open"), 300,
            "the database from before the cut trial put back (nk-update)")
    vm.wait(PAINTED, 900, "the door painted by the old slot after the cut trial")
    print(f"cut_trial_to_door_s={time.monotonic() - cut_at:.1f}")
    check_back(vm, out, "cut", cut, good, restored=True)
    print("update_cut_trial=back on the old slot, marked failed, refused again, its database put back")


def diagnose(vm):
    """What the box's technician would look at next: the unit's state and
    journal, and whether the kiosk is installed (stderr; best effort)."""
    try:
        login(vm)
        said = vm.run("systemctl --no-pager --lines=0 status nursery-kiosk | head -n 8; "
                      "journalctl -b -u nursery-kiosk --no-pager | grep -v seatd | tail -n 30; "
                      "ls -l /usr/bin/nursery-kiosk /usr/bin/cage; "
                      "journalctl -b --no-pager -u rauc -u nk-update-prepare -u nk-update-watch -u 'nk-stick@*' "
                      "| tail -n 30", 60)
        print("the box said:\n" + said, file=sys.stderr)
    except Failure as e:
        print(f"(no diagnosis: {e})", file=sys.stderr)


def kvm_works():
    """/dev/kvm can be there and still not run a guest (nested in another
    machine's virtualisation, OVMF's first instructions fail): eight
    seconds of the firmware alone say."""
    if not os.access("/dev/kvm", os.R_OK | os.W_OK):
        return False, "/dev/kvm cannot be opened"
    with tempfile.TemporaryDirectory() as tmp:
        vars_fd = os.path.join(tmp, "vars.fd")
        shutil.copy("/usr/share/OVMF/OVMF_VARS_4M.fd", vars_fd)
        p = subprocess.Popen(["qemu-system-x86_64", "-machine", "q35,accel=kvm", "-m", "256", "-nodefaults",
                              "-display", "none", "-no-reboot",
                              "-drive", "if=pflash,format=raw,unit=0,readonly=on,"
                                        "file=/usr/share/OVMF/OVMF_CODE_4M.fd",
                              "-drive", f"if=pflash,format=raw,unit=1,file={vars_fd}"],
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        try:
            p.wait(8)
        except subprocess.TimeoutExpired:
            p.kill()
        said = p.communicate()[0]
    if "KVM internal error" in said or "emulation failure" in said:
        return False, "KVM stopped the firmware (KVM internal error, emulation failure)"
    if p.returncode not in (None, -9) and p.returncode != 0:
        return False, "QEMU could not start with KVM: " + said.strip()[-200:]
    return True, "KVM runs the firmware"


def main():
    image, out = sys.argv[1], sys.argv[2]
    # the updates check.sh made: NAME=VERSION=PATH arguments
    updates = {}
    for arg in sys.argv[3:]:
        name, version, path = arg.split("=", 2)
        updates[name] = {"version": version, "path": path}
    os.makedirs(out, exist_ok=True)
    kvm, why = kvm_works()
    if not kvm:
        print(f"# SKIP KVM: {why}; booting under TCG (software emulation: slower, figures not the KVM budget's)")
    # the disk a box has is bigger than the image: a sparse copy with 3.5 GB
    # more, for the first boot's slot b (1280 MB) and data partition
    disk = os.path.join(out, "disk.img")
    subprocess.run(["cp", "--sparse=always", image, disk], check=True)
    subprocess.run(["truncate", "-s", f"+{3584}M", disk], check=True)
    vm = Vm(disk, out, kvm)
    print("tpm=swtpm: the data partition must be LUKS2, unlocked by the TPM" if vm.tpm is not None
          else "# SKIP TPM: no swtpm here; the data partition is checked unencrypted")
    try:
        m = vm.wait(PAINTED, 180 if vm.kvm else 900, "\"First screen painted\" from the kiosk")
        boot = time.monotonic() - vm.started
        print(f"accel={'kvm' if vm.kvm else 'tcg'}")
        print(f"boot_to_door_s={boot:.1f}")
        print(f"kiosk_first_paint_ms={int(m.group(1))}")
        wait_door(vm, os.path.join(out, "door.png"), "after boot")
        # the image knows a platform (check.sh gives one that never answers):
        # a new box opens on the enrolment screen
        vm.said(re.compile(rb"the enrolment page shows"), 30, "that a new box shows the enrolment page")
        print("first_boot_screen=enrolment")

        login(vm)
        vm.send("pkill -KILL -x nursery-kiosk\r")
        killed = time.monotonic()
        vm.wait(PAINTED, 60, "the kiosk painted again after SIGKILL")
        print(f"restart_s={time.monotonic() - killed:.1f}")
        wait_door(vm, os.path.join(out, "door-after-kill.png"), "after SIGKILL")

        vm.send("pkill -STOP -x nursery-kiosk\r")
        stopped = time.monotonic()
        vm.wait(PAINTED, 90, "the kiosk painted again after its main loop hung (SIGSTOP)")
        print(f"hang_restart_s={time.monotonic() - stopped:.1f}")
        wait_door(vm, os.path.join(out, "door-after-hang.png"), "after the hang")

        disks = check_partitions(vm, "after the first boot")
        # a mark on the data partition, then the power cut: the second boot
        # keeps the partition and what was on it, and makes no new one
        vm.run("stat -c %i /var/lib/nursery-kiosk/*.db > /var/lib/nursery-kiosk/nk-check-mark; sync", 30)
        vm.power_cut()
        cut = time.monotonic()
        vm.wait(PAINTED, 180 if vm.kvm else 600, "the kiosk painted after the power cut")
        print(f"power_cut_to_door_s={time.monotonic() - cut:.1f}")
        login(vm)
        again = check_partitions(vm, "after the power cut")
        if again["partitions"] != disks["partitions"]:
            raise Failure(f"the second boot changed the partitions: {disks['partitions']} → {again['partitions']}")
        kept = vm.values("echo mark=$(cat /var/lib/nursery-kiosk/nk-check-mark); "
                         "echo database_inode=$(stat -c %i /var/lib/nursery-kiosk/kiosk.db)", 30)
        if not kept.get("mark") or kept.get("mark") != kept.get("database_inode"):
            raise Failure(f"the kiosk's data did not survive the power cut: {kept}")
        print("data_kept_after_power_cut=yes")
        check_stick(vm, out)
        vm.unplug_stick("platform")
        if updates:
            check_updates(vm, out, updates)
        else:
            print("# SKIP updates: check.sh made no update bundles")
    except Failure as e:
        print(f"FAIL: {e}", file=sys.stderr)
        diagnose(vm)
        return 1
    finally:
        vm.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
