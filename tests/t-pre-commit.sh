#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# tools/pre-commit-hook lints the staged device trees (git hook) or the
# files it is given (pre-commit framework), with the commit's exit status.
BIN=$(realpath "$1")
SRC=$(pwd)
HOOK=$SRC/tools/pre-commit-hook
. "$(dirname "$0")/testlib.sh"

cd "$TMP"
git init -q repo && cd repo
git config user.email t@example.invalid && git config user.name t
echo text > notes.txt && git add notes.txt
CMALINT=$BIN "$HOOK" > out 2>&1; rc=$?
check "no device tree staged: exit 0" 0 "$rc"
check "no device tree staged: silent" "" "$(cat out)"

cp "$SRC/fixtures/config/acme-a.dts" "$SRC/fixtures/config/acme-b.dts" .
git add acme-a.dts
CMALINT=$BIN CMALINT_OPTS="--no-config -E coherent_pool_nomap" "$HOOK" > out 2>&1; rc=$?
check "staged board with an error: exit 1" 1 "$rc"
check_match "staged board linted in gcc form" "^acme-a.dts:[0-9]+:[0-9]+: error: .*\[coherent_pool_nomap\]$" "$(cat out)"
check_nomatch "unstaged board not linted" "acme-b.dts" "$(cat out)"
CMALINT=$BIN CMALINT_OPTS="--no-config" "$HOOK" > out 2>&1; rc=$?
check "warnings only: exit 0" 0 "$rc"
CMALINT=$BIN CMALINT_OPTS="--no-config" "$HOOK" acme-b.dts > out 2>&1; rc=$?
check_match "files as arguments" "^acme-b.dts:[0-9]+:[0-9]+: warning: .*\[rmem_unknown_property\]$" "$(cat out)"
echo '{"rules": {"rmem_unknown_property": "error"}}' > .cmalint.json
CMALINT=$BIN "$HOOK" acme-b.dts > out 2>&1; rc=$?
check "the project configuration applies" 1 "$rc"

# --- without CMALINT nor cmalint on PATH: the checkout's own build, else built once
CM=$TMP/cm
mkdir -p "$CM/tools/ci" "$CM/build" "$TMP/stubs"
cp "$HOOK" "$CM/tools/"
cp "$SRC/tools/ci/action.sh" "$CM/tools/ci/"
cp "$SRC/tools/deps" "$CM/tools/"
ln -s "$BIN" "$CM/build/cmalint"
nopath=$(dirname "$(command -v git)")	# no cmalint there
rm -f .cmalint.json
PATH=$nopath CMALINT_OPTS="--no-config" "$CM/tools/pre-commit-hook" acme-b.dts > out 2>&1; rc=$?
check_match "the checkout's build/ when not on PATH" "^acme-b.dts:[0-9]+:[0-9]+: warning: .*\[rmem_unknown_property\]$" "$(cat out)"
rm "$CM/build/cmalint"
stub_cmake "$TMP/stubs"
PATH=$TMP/stubs:$nopath STUB_LOG=$TMP/cmake.log REAL_BIN=$BIN CMALINT_OPTS="--no-config" \
	"$CM/tools/pre-commit-hook" acme-b.dts > out 2>err; rc=$?
check "built once in build-hook/: lints" 0 "$rc"
check_match "built once in build-hook/: findings" "^acme-b.dts:[0-9]+:[0-9]+: warning: .*\[rmem_unknown_property\]$" "$(cat out)"
check_match "built once in build-hook/: from the hook's checkout" "^cmake -S $CM -B $CM/build-hook " "$(cat "$TMP/cmake.log")"
check_match "built once in build-hook/: said so" "building cmalint in $CM/build-hook" "$(cat err)"
: > "$TMP/cmake.log"
PATH=$TMP/stubs:$nopath STUB_LOG=$TMP/cmake.log CMALINT_OPTS="--no-config" "$CM/tools/pre-commit-hook" acme-b.dts > out 2>&1
check "built once: not again" "" "$(cat "$TMP/cmake.log")"

finish
