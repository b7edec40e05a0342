#!/usr/bin/env bash
# `make install`'s rules, staged under a temporary DESTDIR (no root, nothing touched
# outside it): every file where it belongs, the staged binary runs from an empty directory,
# and the manifest lists what was installed so `make uninstall` can remove it. The build
# tree's own install_manifest.txt (a user's real install) is put back afterwards.
# Usage: staged_install.sh BUILD_DIR
set -euo pipefail
build=$(realpath -- "$1")
work=$(mktemp -d /tmp/ssmlink-install-test.XXXXXX)
manifest="$build/install_manifest.txt"
[[ -f "$manifest" ]] && cp -p "$manifest" "$work/manifest.saved"
cleanup() {
  if [[ -f "$work/manifest.saved" ]]; then cp -p "$work/manifest.saved" "$manifest"; else rm -f "$manifest"; fi
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "staged install: $*" >&2; exit 1; }

root="$work/root"
prefix=/usr/local
(umask 022 && DESTDIR="$root" cmake --install "$build" --prefix "$prefix" >/dev/null)
p="$root$prefix"
for file in bin/ssmlink bin/ssmlink-emulator; do
  [[ -x "$p/$file" ]] || fail "no executable $prefix/$file"
done
[[ "$(readlink "$p/bin/session-manager-plugin")" == ssmlink ]] || fail "no session-manager-plugin link"
for page in ssmlink ssmlink-up ssmlink-completion ssmlink-emulator session-manager-plugin; do
  gzip -t "$p/share/man/man1/$page.1.gz" 2>/dev/null || fail "no man page $page.1.gz"
done
[[ -s "$p/share/bash-completion/completions/ssmlink" ]] || fail "no bash completion"
[[ -s "$p/share/zsh/site-functions/_ssmlink" ]] || fail "no zsh completion in site-functions"
[[ -s "$p/share/fish/vendor_completions.d/ssmlink.fish" ]] || fail "no fish completion"
[[ -s "$p/share/doc/ssmlink/README.md" && -s "$p/share/doc/ssmlink/LICENSE" ]] || fail "no README or LICENSE"
[[ ! -e "$p/share/doc/ssmlink/copyright" ]] || fail "the package's copyright file in a source install"

mkdir "$work/empty"
version=$(cd "$work/empty" && HOME="$work/empty" "$p/bin/ssmlink" --version) || fail "ssmlink --version failed"
[[ "$version" == "ssmlink "*"(commit "* ]] || fail "--version says \"$version\""
(cd "$work/empty" && HOME="$work/empty" "$p/bin/ssmlink" cost --region eu-west-1 >/dev/null) ||
  fail "the staged ssmlink cannot price eu-west-1 away from the source tree"

# The manifest names every installed file, without DESTDIR, as make uninstall reads it.
installed=$(cd "$root" && find . ! -type d | sed 's|^\.||' | sort)
listed=$(sort "$manifest")
[[ "$installed" == "$listed" ]] || fail "install_manifest.txt differs from what was installed:
$(diff <(echo "$listed") <(echo "$installed") || true)"
echo "staged install: $(echo "$installed" | wc -l) files under $prefix, manifest complete"
