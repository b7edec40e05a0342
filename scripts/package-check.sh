#!/usr/bin/env bash
# Checks a built ssmlink .deb the way a user meets it: lintian, then apt-get install (which
# must pull the dependencies), the installed files, the programs run from an empty
# directory, and apt-get remove leaving nothing of the package behind.
# Usage (as root): scripts/package-check.sh build/ssmlink_<version>_<arch>.deb
# Quiet on success: one line per stage. Refuses to run if ssmlink is already installed,
# so a user's own install is never replaced or removed.
set -euo pipefail

say() { echo "package-check: $*"; }
fail() { echo "package-check: FAILED: $*" >&2; exit 1; }

[[ $# -eq 1 ]] || { echo "usage: $0 path/to/ssmlink_<version>_<arch>.deb" >&2; exit 2; }
deb=$(realpath -- "$1")
[[ -f "$deb" ]] || fail "no such file: $1"
[[ $(id -u) -eq 0 ]] || fail "needs root: it installs and removes the package with apt-get"
installed_status() { dpkg-query -W -f='${db:Status-Status}' ssmlink 2>/dev/null || true; }
if [[ -n "$(installed_status)" && "$(installed_status)" != "not-installed" ]]; then
  fail "ssmlink is already installed ($(installed_status)); this check installs and removes it, so remove it first (apt-get remove ssmlink)"
fi

work=$(mktemp -d /tmp/ssmlink-package-check.XXXXXX)
we_installed=false
cleanup() {
  if $we_installed && [[ "$(installed_status)" == "installed" ]]; then
    DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq ssmlink >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# Stage 1: lintian. Errors fail; what is left is explained in CONTRIBUTING.md (Packaging)
# or overridden, with the reason, in /usr/share/lintian/overrides/ssmlink.
lintian --fail-on error --display-info "$deb" > "$work/lintian.txt" 2>&1 || {
  cat "$work/lintian.txt" >&2; fail "lintian"; }
warnings=$(grep -c '^W: ' "$work/lintian.txt" || true)
infos=$(grep -c '^I: ' "$work/lintian.txt" || true)
say "lintian: no errors, $warnings warnings, $infos info tags (CONTRIBUTING.md, Packaging)"

# Stage 2: install. apt-get resolves the Depends that dpkg-shlibdeps computed.
apt_log="$work/apt.txt"
if ! compgen -G '/var/lib/apt/lists/*_Packages' >/dev/null; then
  apt-get update -qq > "$apt_log" 2>&1 || { cat "$apt_log" >&2; fail "apt-get update"; }
fi
we_installed=true
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$deb" > "$apt_log" 2>&1 || {
  cat "$apt_log" >&2; fail "apt-get install $deb"; }
[[ "$(installed_status)" == "installed" ]] || fail "apt-get install left ssmlink $(installed_status)"
say "install: ssmlink $(dpkg-query -W -f='${Version}' ssmlink) and its dependencies"

# Stage 3: the files. The list is kept to check the removal against.
dpkg -L ssmlink > "$work/files.txt"
while IFS= read -r path; do
  if [[ -d "$path" && ! -L "$path" ]]; then echo "d $path"; else echo "f $path"; fi
done < "$work/files.txt" > "$work/typed.txt"
for program in /usr/bin/ssmlink /usr/bin/ssmlink-emulator; do
  [[ -f "$program" && -x "$program" ]] || fail "$program missing or not executable"
done
[[ "$(readlink /usr/bin/session-manager-plugin)" == "ssmlink" ]] ||
  fail "/usr/bin/session-manager-plugin is not a link to ssmlink"
[[ "$(command -v session-manager-plugin)" == /usr/bin/session-manager-plugin ]] ||
  fail "session-manager-plugin on PATH is $(command -v session-manager-plugin || echo nothing), not /usr/bin's"
pages=0
for page in $(grep -E '^/usr/share/man/man1/.*\.1\.gz$' "$work/files.txt"); do
  out=$(man -l "$page" 2>&1) || fail "man -l $page: $out"
  [[ -n "$out" ]] || fail "man -l $page printed nothing"
  pages=$((pages + 1))
done
for page in ssmlink ssmlink-up; do
  [[ -f /usr/share/man/man1/$page.1.gz ]] || fail "no man page $page(1)"
done
for file in /usr/share/bash-completion/completions/ssmlink \
            /usr/share/zsh/vendor-completions/_ssmlink \
            /usr/share/fish/vendor_completions.d/ssmlink.fish \
            /usr/share/doc/ssmlink/copyright /usr/share/doc/ssmlink/changelog.Debian.gz; do
  [[ -s "$file" ]] || fail "$file missing or empty"
done
gzip -t /usr/share/doc/ssmlink/changelog.Debian.gz || fail "changelog.Debian.gz is not gzip"
say "files: $(wc -l < "$work/files.txt") paths; programs, plugin link, $pages man pages, completions, copyright, changelog"

# Stage 4: the programs, from an empty directory with an empty HOME: the pricing and
# partition data must come from the binary, not from the source tree or ~/.aws.
run="$work/run"
mkdir "$run"
(
  cd "$run"
  export HOME="$run"
  ssmlink --version > "$work/version.txt" 2>&1 || { cat "$work/version.txt" >&2; exit 1; }
  ssmlink demo > "$work/demo.txt" 2>&1 || { cat "$work/demo.txt" >&2; echo "ssmlink demo failed" >&2; exit 1; }
  ssmlink cost --region eu-west-1 > "$work/cost.txt" 2>&1 || { cat "$work/cost.txt" >&2; exit 1; }
  ssmlink-emulator --help > "$work/emulator.txt" 2>&1 || { cat "$work/emulator.txt" >&2; exit 1; }
) || fail "running the installed programs"
say "run: $(head -1 "$work/version.txt"); demo, cost --region eu-west-1 and ssmlink-emulator --help exit 0"

# Stage 5: removal. Every file of the package must be gone; a directory may stay only
# if another package owns it or something else lives in it.
DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq ssmlink > "$apt_log" 2>&1 || {
  cat "$apt_log" >&2; fail "apt-get remove ssmlink"; }
we_installed=false
status=$(installed_status)
[[ -z "$status" || "$status" == "not-installed" ]] || fail "after apt-get remove, dpkg says ssmlink is $status"
if dpkg -L ssmlink >/dev/null 2>&1; then fail "dpkg -L still lists ssmlink's files"; fi
left=()
while read -r kind path; do
  if [[ $kind == f ]]; then
    [[ -e "$path" || -L "$path" ]] && left+=("$path")
  elif [[ -d "$path" ]] && ! dpkg -S "$path" >/dev/null 2>&1 && [[ -z "$(ls -A "$path")" ]]; then
    left+=("$path/")
  fi
done < "$work/typed.txt"
[[ ${#left[@]} -eq 0 ]] || fail "left after removal: ${left[*]}"
say "remove: nothing of the package's $(wc -l < "$work/files.txt") paths is left"
