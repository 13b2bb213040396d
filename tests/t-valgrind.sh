#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Valgrind's memcheck on the main binary: no invalid access, no use of
# uninitialised memory, no definite leak, on a DTS (cpp and dtc as child
# processes), the E2000Q as a DTB, a corrupt blob (the error path), and
# `cmalint oom`. Registered for the plain build only (ASan replaces
# valgrind in the sanitizer build).
set -euo pipefail
bin=$1
tmp=$(mktemp -d /tmp/cmalint-valgrind.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
command -v valgrind >/dev/null || { echo "valgrind is not installed (tools/deps --test)"; exit 1; }

dtc -q -I dts -O dtb -o "$tmp/e2000q.dtb" fixtures/examples/e2000q.dts
head -c 200 "$tmp/e2000q.dtb" >"$tmp/truncated.dtb"

fail=0
vg() {	# EXPECTED-STATUS ARGS...
	local want=$1 rc=0
	shift
	valgrind --quiet --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
		--track-origins=yes "$bin" "$@" >"$tmp/out" 2>"$tmp/err" || rc=$?
	if [ "$rc" -ne "$want" ]; then
		echo "FAIL: cmalint $*: exit $rc, expected $want"
		cat "$tmp/err"
		fail=1
	else
		echo "ok: cmalint $* (exit $rc)"
	fi
}

vg 1 fixtures/cma_zone_straddle/bad-4g-boundary.dts
vg 0 --format json --kernel 6.1 fixtures/cma_zone_straddle/good-below-4g.dts
vg 1 --format json "$tmp/e2000q.dtb"
vg 2 "$tmp/truncated.dtb"
vg 1 oom fixtures/oom/e2000q-oom.log
vg 1 oom --format json fixtures/oom/e2000q-boot-excerpt.log fixtures/oom/e2000q-oom.log
exit $fail
