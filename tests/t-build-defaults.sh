#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# What a plain `cmake -S . -B build && cmake --build build` gives a user:
# warnings are not fatal by default (CMALINT_WERROR=OFF: a newer compiler's
# new warning must not stop the build), and lint/check/config.c, where GCC 12 at
# -O2 saw a threshold percentage as maybe used uninitialised, compiles
# without a warning in Release with GCC and with clang under -Werror.
# (tools/test compiles the whole tree in each build type with -Werror.)
SRC=$(pwd)
. "$(dirname "$0")/testlib.sh"

cmake -S "$SRC" -B "$TMP/default" -DBUILD_TESTING=OFF >"$TMP/log" 2>&1
check "configure with the defaults" 0 "$?"
check "warnings are not errors by default" "CMALINT_WERROR:BOOL=OFF" \
	"$(grep '^CMALINT_WERROR:' "$TMP/default/CMakeCache.txt")"
check_nomatch "no -Werror in the default flags" "-Werror" \
	"$(cat "$TMP/default/CMakeFiles/cmalint_core.dir/flags.make")"

for cc in gcc clang; do
	if ! command -v "$cc" >/dev/null; then
		bad "$cc: not installed (tools/deps --test installs it)"
		continue
	fi
	cmake -S "$SRC" -B "$TMP/$cc" -DCMAKE_C_COMPILER="$cc" -DCMAKE_BUILD_TYPE=Release \
		-DCMALINT_WERROR=ON -DBUILD_TESTING=OFF >"$TMP/log" 2>&1
	check "$cc: configure Release with -Werror" 0 "$?"
	check_match "$cc: -Werror in the flags" "-Werror" \
		"$(cat "$TMP/$cc/CMakeFiles/cmalint_core.dir/flags.make")"
	cmake --build "$TMP/$cc" --target lint/check/config.c.o >"$TMP/log" 2>&1
	check "$cc: lint/check/config.c compiles in Release with -Werror" 0 "$?"
	check_nomatch "$cc: no warning" "warning:|error:" "$(cat "$TMP/log")"
done

finish
