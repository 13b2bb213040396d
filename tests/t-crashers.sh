#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Every input a fuzz target or the mutation test ever crashed on
# (fuzz/regress/<target>/) through the command line: exit 0, 1 or 2, never
# a signal (nor a sanitizer report, in the sanitizer build); exit 2 comes
# with one line on stderr, exit 0 and 1 with nothing on stderr.
set -uo pipefail
bin=$1
fail=0 n=0
board=fixtures/examples/e2000q.dts
# a sanitizer report must not pass for exit 1 ("findings")
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}exitcode=86"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}halt_on_error=1:exitcode=87"
tmp=$(mktemp -d /tmp/cmalint-crashers.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

run() {	# DESCRIPTION COMMAND...
	local what=$1 rc
	shift
	timeout 30 "$@" >"$tmp/out" 2>"$tmp/err"	# a hang is a failure too (exit 124)
	rc=$?
	n=$((n + 1))
	if [ "$rc" -gt 2 ]; then
		echo "FAIL: $what: exit $rc"
		head -5 "$tmp/err"
		fail=1
	elif [ "$rc" -eq 2 ] && [ "$(wc -l <"$tmp/err")" -ne 1 ]; then
		echo "FAIL: $what: exit 2 without a one-line message"
		cat "$tmp/err"
		fail=1
	elif [ "$rc" -lt 2 ] && [ -s "$tmp/err" ]; then
		echo "FAIL: $what: exit $rc with messages on stderr"
		head -5 "$tmp/err"
		fail=1
	fi
}

shopt -s nullglob
for f in fuzz/regress/dtb/* fuzz/regress/pipeline/*; do
	run "$f" "$bin" --format json "$f"
	run "$f (--kernel 5.4)" "$bin" --kernel 5.4 "$f"
	run "$f (as an overlay)" "$bin" --format json --overlay "$f" "$board"
done
for f in fuzz/regress/oom/*; do
	run "$f" "$bin" oom --format json "$f"
done
for f in fuzz/regress/cmdline/*; do
	args=$(tr -d '\0' <"$f")
	run "$f" "$bin" --format json --bootargs "$args" "$board"
done
for f in fuzz/regress/bootfile/*; do
	for fmt in uenv extlinux grub cmdline; do
		run "$f ($fmt)" "$bin" --format json --bootargs-file "$f" --bootargs-format "$fmt" "$board"
	done
done
for f in fuzz/regress/config/*; do
	run "$f (--config)" "$bin" --format json --config "$f" "$board"
	run "$f (--baseline)" "$bin" --format json --no-config --baseline "$f" "$board"
done
for f in fuzz/regress/kconfig/*; do
	run "$f" "$bin" --format json --kconfig "$f" "$board"
done
[ "$fail" -eq 0 ] && echo "ok: $n runs on the crash regressions"
exit $fail
