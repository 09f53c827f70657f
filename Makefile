# The two set-up commands of the README, and a few helpers around meson.
#   make demo   install what is missing, build, start the kiosk in demo mode
#   make check  install what is missing, build, run every test headless
#   make bench  build and run the benchmarks

BUILDDIR ?= _build
MESON_SETUP = meson setup $(BUILDDIR) --buildtype=debugoptimized
DEMO_DIR ?= $(HOME)/.local/share/nursery-kiosk-demo

# Debian 12 packages the build, the tests and the demo need.
PACKAGES = build-essential meson ninja-build pkg-config gettext \
  libglib2.0-dev libglib2.0-dev-bin libgtk-4-dev libadwaita-1-dev \
  libsqlite3-dev libnfc-dev portaudio19-dev libqrencode-dev \
  libcurl4-openssl-dev libjson-glib-dev libsodium-dev libcairo2-dev libpango1.0-dev \
  xvfb xauth dbus dbus-x11 fonts-noto-cjk alsa-utils libasound2-plugins \
  locales sox imagemagick desktop-file-utils appstream python3 openssl ca-certificates sqlite3 tzdata \
  xdotool faketime zbar-tools poppler-utils systemd \
  clang libclang-rt-14-dev \
  at-spi2-core python3-gi gir1.2-atspi-2.0 python3-pyatspi

# …and what the door image (make image, make image-check) needs besides.
IMAGE_PACKAGES = mmdebstrap dosfstools mtools e2fsprogs fdisk systemd-boot-efi \
  qemu-system-x86 ovmf imagemagick swtpm rauc squashfs-tools
IMAGE_DIR ?= _image

.PHONY: all deps build demo check bench clean image image-deps image-check

all: build

# install-missing PACKAGES…: apt-get installs those not installed yet
define install-missing
	@missing=""; for p in $(1); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing:$$missing"; \
	  if [ "$$(id -u)" -ne 0 ]; then echo "Run as root (or with sudo) to install:$$missing" >&2; exit 1; fi; \
	  DEBIAN_FRONTEND=noninteractive apt-get update -q && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $$missing; \
	fi
endef

deps:
	$(call install-missing,$(PACKAGES))
	@# The kiosk speaks Chinese under zh_CN.UTF-8; the tests check it.
	@if ! locale -a 2>/dev/null | grep -qi '^zh_CN.utf8$$'; then \
	  if [ "$$(id -u)" -ne 0 ]; then echo "Run as root to generate the zh_CN.UTF-8 locale" >&2; exit 1; fi; \
	  sed -i 's/^# *zh_CN.UTF-8 UTF-8/zh_CN.UTF-8 UTF-8/' /etc/locale.gen; \
	  grep -q '^zh_CN.UTF-8 UTF-8' /etc/locale.gen || echo 'zh_CN.UTF-8 UTF-8' >> /etc/locale.gen; \
	  locale-gen; \
	fi

$(BUILDDIR)/build.ninja:
	$(MESON_SETUP)

build: deps $(BUILDDIR)/build.ninja
	ninja -C $(BUILDDIR)

demo: build
	sh tests/run-demo.sh $(BUILDDIR) "$(DEMO_DIR)"

check: build
	sh tests/run-checks.sh $(BUILDDIR)

bench: build
	sh tests/bench/run-bench.sh $(BUILDDIR)

image-deps: deps
	$(call install-missing,$(IMAGE_PACKAGES))

# the door's disk image (kiosk-image/README.md), in $(IMAGE_DIR)
# (PLATFORM_URL=https://… PLATFORM_CA=ca.pem: the centre's platform in it)
image: image-deps
	NK_IMAGE_PLATFORM_URL="$(PLATFORM_URL)" NK_IMAGE_PLATFORM_CA="$(PLATFORM_CA)" sh kiosk-image/build.sh $(IMAGE_DIR)

# the image with a development login on its serial console, booted in QEMU
image-check: image-deps
	NK_IMAGE_CONSOLE=1 sh kiosk-image/check.sh $(IMAGE_DIR)-check

clean:
	rm -rf $(BUILDDIR)
