#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Install works: `cpack -G DEB` builds cmalint_<version>_<arch>.deb with the right
# control fields; unpacked into a scratch root (never the system), its binary runs,
# its man page renders, its completion loads and it lints the example board. Then
# `cmake --install` with DESTDIR and with another prefix lays out the same files.
# Usage: tests/t-install.sh path/to/cmalint   (the build directory is its directory)
set -uo pipefail
bin=$1
build=$(cd "$(dirname "$bin")" && pwd)
src=$(cd "$(dirname "$0")/.." && pwd)
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*" >&2; fail=$((fail + 1)); }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for tool in cpack dpkg-deb dpkg-shlibdeps file man; do
	command -v "$tool" >/dev/null || { echo "FAIL: $tool is not installed (tools/deps --test)" >&2; exit 1; }
done
version=$("$bin" --version | awk '{ print $2; exit }')
arch=$(dpkg --print-architecture)
nrules=$(find "$src/rules" -maxdepth 1 -name '*.md' | wc -l)

# --- the Debian package
if ! cpack -G DEB --config "$build/CPackConfig.cmake" -B "$tmp/pkg" >"$tmp/cpack.log" 2>&1; then
	cat "$tmp/cpack.log" >&2
	echo "FAIL: cpack -G DEB failed" >&2
	exit 1
fi
deb=$tmp/pkg/cmalint_${version}_${arch}.deb
[ -f "$deb" ] && ok || { echo "FAIL: no $(basename "$deb"): $(ls "$tmp/pkg")" >&2; exit 1; }

field() { dpkg-deb -f "$deb" "$1"; }
[ "$(field Package)" = cmalint ] && ok || bad "Package: $(field Package)"
[ "$(field Version)" = "$version" ] && ok || bad "Version: $(field Version), want $version"
[ "$(field Architecture)" = "$arch" ] && ok || bad "Architecture: $(field Architecture)"
[ "$(field Section)" = devel ] && ok || bad "Section: $(field Section)"
for dep in libc6 libfdt1 libcjson1; do
	field Depends | tr ',' '\n' | grep -q "^ *$dep\( \|$\)" && ok || bad "Depends lacks $dep: $(field Depends)"
done
for rec in device-tree-compiler cpp; do
	field Recommends | tr ',' '\n' | grep -q "^ *$rec$" && ok || bad "Recommends lacks $rec: $(field Recommends)"
done
field Maintainer | grep -q '^[^<]\+ <[^@ ]\+@[^> ]\+>$' && ok || bad "Maintainer: $(field Maintainer)"
[ "$(field Description | wc -l)" -ge 3 ] && ok || bad "no long description"
[ -z "$(field Homepage)" ] && ok || bad "Homepage: $(field Homepage)"

root=$tmp/root
dpkg -x "$deb" "$root"
for f in usr/bin/cmalint usr/share/man/man1/cmalint.1.gz usr/share/doc/cmalint/copyright \
	 usr/share/doc/cmalint/changelog.gz usr/share/doc/cmalint/README.md \
	 usr/share/bash-completion/completions/cmalint; do
	[ -f "$root/$f" ] && ok || bad "$f is not in the package"
done
[ "$(find "$root/usr/share/doc/cmalint/rules" -name '*.md' 2>/dev/null | wc -l)" -eq "$nrules" ] && ok ||
	bad "the package does not hold the $nrules rule pages"
[ -z "$(find "$root" -path "$root/usr" -prune -o -print | sed "1d")" ] && ok || bad "files outside /usr"
file -L "$root/usr/bin/cmalint" | grep -q ', stripped' && ok || bad "the packaged binary is not stripped"
zcat "$root/usr/share/doc/cmalint/changelog.gz" | head -1 | grep -q "^cmalint ($version) " && ok ||
	bad "changelog.gz does not start with version $version"
grep -q '^License: Expat' "$root/usr/share/doc/cmalint/copyright" && ok || bad "copyright has no license"

"$root/usr/bin/cmalint" --version >"$tmp/out" 2>&1
grep -q "^cmalint $version\( (.*)\)\?$" "$tmp/out" && ok || bad "installed --version: $(cat "$tmp/out")"
LC_ALL=C.UTF-8 MANPAGER=cat MANWIDTH=80 man -l "$root/usr/share/man/man1/cmalint.1.gz" >"$tmp/man" 2>"$tmp/manerr"
grep -q '^CMALINT(1)' "$tmp/man" && grep -q 'EXIT STATUS' "$tmp/man" && [ ! -s "$tmp/manerr" ] && ok ||
	bad "installed man page does not render: $(head -3 "$tmp/manerr")"

"$root/usr/bin/cmalint" --kernel 5.4 --page-size 64K "$src/fixtures/examples/e2000q.dts" >"$tmp/out" 2>"$tmp/err"
rc=$?
[ "$rc" -eq 1 ] && ok || bad "installed cmalint on e2000q.dts exited $rc, want 1: $(head -3 "$tmp/err")"
grep -q '512 MiB' "$tmp/out" && ok || bad "installed cmalint on e2000q.dts does not report 512 MiB"

# The completion is found where bash-completion looks for it, on first use.
if [ -r /usr/share/bash-completion/bash_completion ]; then
	XDG_DATA_DIRS=$root/usr/share bash -c '. /usr/share/bash-completion/bash_completion
		__load_completion cmalint && complete -p cmalint' >"$tmp/out" 2>&1
	grep -q -- '-F _cmalint cmalint$' "$tmp/out" && ok || bad "bash-completion does not load the installed completion: $(cat "$tmp/out")"
else
	bad "bash-completion is not installed (tools/deps --test)"
fi
rm -rf "$root" "$tmp/pkg"

# --- cmake --install: DESTDIR and the configured prefix, then another prefix.
prefix=$(sed -n 's/^CMAKE_INSTALL_PREFIX:PATH=//p' "$build/CMakeCache.txt")
layout() {	# layout DIR PREFIX: the files under DIR/PREFIX, relative, sorted
	(cd "$1$2" && find . -type f | sed 's|^\./||' | sort)
}
want=$( (printf '%s\n' bin/cmalint share/man/man1/cmalint.1.gz share/doc/cmalint/README.md \
	share/doc/cmalint/copyright share/bash-completion/completions/cmalint
	for md in "$src"/rules/*.md; do [ -e "$md" ] && echo "share/doc/cmalint/rules/$(basename "$md")"; done) | sort)
if DESTDIR=$tmp/dest cmake --install "$build" >"$tmp/install.log" 2>&1; then
	[ "$(layout "$tmp/dest" "$prefix")" = "$want" ] && ok ||
		bad "DESTDIR install under $prefix: $(diff <(echo "$want") <(layout "$tmp/dest" "$prefix") | tr '\n' ' ')"
	[ "$(find "$tmp/dest" -type f | wc -l)" -eq "$(wc -l <<<"$want")" ] && ok || bad "DESTDIR install wrote outside $prefix"
	cmp -s "$tmp/dest$prefix/bin/cmalint" "$bin" && ok || bad "the installed binary differs from the built one"
else
	bad "DESTDIR=... cmake --install failed: $(tail -3 "$tmp/install.log")"
fi
if DESTDIR=$tmp/dest2 cmake --install "$build" --prefix /opt/cmalint >"$tmp/install.log" 2>&1; then
	[ "$(layout "$tmp/dest2" /opt/cmalint)" = "$want" ] && ok || bad "install with --prefix /opt/cmalint: wrong layout"
	"$tmp/dest2/opt/cmalint/bin/cmalint" --version | grep -q "^cmalint $version" && ok || bad "prefix install does not run"
else
	bad "cmake --install --prefix failed: $(tail -3 "$tmp/install.log")"
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
