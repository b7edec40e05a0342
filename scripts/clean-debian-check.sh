#!/usr/bin/env bash
# The package on a really clean Debian 12: debootstrap a minbase bookworm into a temporary
# directory, apt-get install the .deb there (pulling its dependencies from the mirror),
# run `ssmlink demo` in an empty directory, apt-get remove it, and check nothing is left.
# Root and network to a Debian mirror; ~3 minutes. Not in CI (it downloads a system);
# scripts/package-check.sh is CI's check on the build machine itself.
# Usage: scripts/clean-debian-check.sh build/ssmlink_<version>_<arch>.deb [MIRROR]
set -euo pipefail
[[ $# -ge 1 ]] || { echo "usage: $0 path/to/ssmlink_*.deb [mirror]" >&2; exit 2; }
deb=$(realpath -- "$1")
mirror=${2:-http://deb.debian.org/debian}
[[ $(id -u) -eq 0 ]] || { echo "clean-debian-check: needs root (debootstrap, chroot)" >&2; exit 1; }
command -v debootstrap >/dev/null || { echo "clean-debian-check: apt-get install debootstrap" >&2; exit 1; }

root=$(mktemp -d /tmp/ssmlink-clean-debian.XXXXXX)
chmod 755 "$root"  # apt in the chroot downloads as _apt
cleanup() {
  mountpoint -q "$root/proc" && umount "$root/proc"
  rm -rf "$root"
}
trap cleanup EXIT
say() { echo "clean-debian-check: $*"; }

began=$(date +%s)
debootstrap --variant=minbase bookworm "$root" "$mirror" > "$root.log" 2>&1 ||
  { tail -5 "$root.log" >&2; rm -f "$root.log"; exit 1; }
rm -f "$root.log"
say "debootstrap minbase bookworm: $(( $(date +%s) - began )) s"
cp "$deb" "$root/tmp/"
mount -t proc proc "$root/proc"
began=$(date +%s)
chroot "$root" /bin/bash -euo pipefail -c '
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq /tmp/'"$(basename "$deb")"' > /tmp/apt.log 2>&1 || { cat /tmp/apt.log; exit 1; }
  mkdir /tmp/empty && cd /tmp/empty
  HOME=/tmp/empty ssmlink --version
  HOME=/tmp/empty ssmlink demo > /tmp/demo.log 2>&1 || { cat /tmp/demo.log; exit 1; }
  tail -1 /tmp/demo.log
  apt-get remove -y -qq ssmlink > /dev/null 2>&1
  if ls /usr/bin/ssmlink* /usr/bin/session-manager-plugin /usr/share/man/man1/ssmlink* 2>/dev/null; then
    echo "left after removal"; exit 1
  fi
'
say "install, demo and remove in the clean system: $(( $(date +%s) - began )) s"
