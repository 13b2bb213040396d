#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The limits of docs/limits.md through the command line: beyond each, exit 2
# with one line on stderr that names the input and the limit, nothing on
# stdout. (tests/test_limits.c checks each tree limit from both sides.)
set -euo pipefail
bin=$(realpath "$1")
tmp=$(mktemp -d /tmp/cmalint-limits.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
board=fixtures/cma_zone_straddle/good-below-4g.dts
fail=0

expect2() {	# WANTED-TEXT ARGS...
	local want=$1 rc=0
	shift
	"$bin" "$@" >"$tmp/out" 2>"$tmp/err" || rc=$?
	if [ "$rc" -ne 2 ] || [ "$(wc -l <"$tmp/err")" -ne 1 ] || [ -s "$tmp/out" ] ||
	   ! grep -qF -- "$want" "$tmp/err"; then
		echo "FAIL: cmalint ${*:0:3}...: exit $rc, stderr: $(head -c 300 "$tmp/err")"
		echo "      (wanted exit 2 and one line with '$want')"
		fail=1
	else
		echo "ok: $(cat "$tmp/err")" | cut -c1-150
	fi
}

# a blob over 64 MiB (sparse: the header of a real one, then zeros)
dtc -q -I dts -O dtb -o "$tmp/big.dtb" "$board"
truncate -s $((64 * 1024 * 1024 + 1)) "$tmp/big.dtb"
expect2 "'$tmp/big.dtb' is larger than the 64 MiB limit" "$tmp/big.dtb"

# a command line over 65536 bytes, and one with a control character
long=$(head -c 65537 /dev/zero | tr '\0' 'x')
expect2 "over the 65536-byte limit" --bootargs "$long" "$board"
printf '/dts-v1/;\n/ { #address-cells = <2>; #size-cells = <2>;\n' >"$tmp/ctl.dts"
printf '  chosen { bootargs = "cma=64M\\x01"; };\n};\n' >>"$tmp/ctl.dts"
expect2 "control character (0x01)" "$tmp/ctl.dts"

# nodes nested 65 deep below the root
{
	printf '/dts-v1/;\n/ {\n'
	for i in $(seq 65); do printf 'n%d {\n' "$i"; done
	for i in $(seq 65); do printf '};\n'; done
	printf '};\n'
} >"$tmp/deep.dts"
expect2 "nested more than 64 deep" "$tmp/deep.dts"

# an OOM log over 64 MiB, and a line over 65536 bytes
cp fixtures/oom/e2000q-oom.log "$tmp/big.log"
truncate -s $((64 * 1024 * 1024 + 1)) "$tmp/big.log"
expect2 "larger than 64 MiB" oom "$tmp/big.log"
{ cat fixtures/oom/e2000q-oom.log; head -c 70000 /dev/zero | tr '\0' 'y'; echo; } >"$tmp/line.log"
expect2 "is longer than 65536 bytes" oom "$tmp/line.log"
exit $fail
