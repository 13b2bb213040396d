#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# tools/test, run in a copy of the repository with cmake, ctest, tools/deps
# and tools/fuzz replaced by stubs that log their arguments and print what
# the real ones print: it uses its own build directories (whatever build/
# holds), turns -Werror on in every build, compiles Release and Debug, makes
# ctest fail when it finds no test, keeps going after a failed phase, says
# why a phase is skipped, and ends with one line counting every phase.
SRC=$(pwd)
. "$(dirname "$0")/testlib.sh"

R=$TMP/repo
mkdir -p "$R/tools" "$R/stubs" "$R/build"
cp "$SRC/tools/test" "$R/tools/test"
# what tools/quickstart leaves behind: tools/test must not reuse it
echo "BUILD_TESTING:BOOL=OFF" > "$R/build/CMakeCache.txt"
cat > "$R/tools/deps" <<'S'
#!/usr/bin/env bash
echo "deps $*" >> "$STUB_LOG"
S
cat > "$R/tools/fuzz" <<'S'
#!/usr/bin/env bash
echo "fuzz $*" >> "$STUB_LOG"
case $1 in
--list) printf '%s\n' cfg dtb oom ;;
--smoke)
	echo "fuzz cfg: ${2}s, 1000 runs, cov: 10 ft: 20 corp: 3/40b"
	echo "fuzz dtb: ${2}s, 2000 runs, cov: 10 ft: 20 corp: 3/40b"
	if [ "${FUZZ_FAIL:-}" ]; then
		echo "fuzz oom: FAILED (status 1) after 12 runs; log x" >&2
		exit 1
	fi
	echo "fuzz oom: ${2}s, 3000 runs, cov: 10 ft: 20 corp: 3/40b" ;;
esac
S
cat > "$R/stubs/cmake" <<'S'
#!/usr/bin/env bash
echo "cmake $*" >> "$STUB_LOG"
if [ "$1" = --build ] && [ "$2" = "${BUILD_FAIL:-none}" ]; then
	echo "lint/x.c:1:1: error: something [-Werror]"
	exit 2
fi
exit 0
S
cat > "$R/stubs/ctest" <<'S'
#!/usr/bin/env bash
echo "ctest $*" >> "$STUB_LOG"
dir=$2
case "$dir:${CTEST_MODE:-pass}" in
build-test-sanitize:fail)
	echo "95% tests passed, 2 tests failed out of 40"
	exit 8 ;;
build-test-sanitize:none)
	echo "No tests were found!!!"
	exit 8 ;;
*)
	echo "100% tests passed, 0 tests failed out of 40" ;;
esac
S
cat > "$R/stubs/clang" <<'S'
#!/bin/sh
exit 0
S
chmod +x "$R/tools/"* "$R/stubs/"*
# only these commands: clang is absent unless its stub is linked in
mkdir "$R/bin"
for c in bash env cat grep tail tee sed wc dirname mktemp rm nproc mkdir; do
	ln -s "$(command -v "$c")" "$R/bin/$c"
done
ln -s ../stubs/cmake "$R/bin/cmake"
ln -s ../stubs/ctest "$R/bin/ctest"

# run [VAR=VALUE...]: tools/test in the copy; output in $TMP/out, status in $rc
run() {
	: > "$TMP/log"
	env -i PATH="$R/bin" STUB_LOG="$TMP/log" "$@" bash "$R/tools/test" > "$TMP/out" 2>&1
	rc=$?
}

# --- everything passes; clang installed
ln -s ../stubs/clang "$R/bin/clang"
run
check "all passed: exit 0" 0 "$rc"
check "all passed: the last line counts every phase (3 compiles, 2 x 40 tests, 3 fuzz targets)" \
	"cmalint: 86 passed, 0 failed" "$(tail -1 "$TMP/out")"
check "dependencies installed first" "deps --test" "$(head -1 "$TMP/log")"
check "build/ left alone" "" "$(grep -E -- "-B build( |$)|--test-dir build( |$)" "$TMP/log")"
check "build/ untouched" "BUILD_TESTING:BOOL=OFF" "$(cat "$R/build/CMakeCache.txt")"
check "every configure with -Werror" "" "$(grep -E '^cmake -S' "$TMP/log" | grep -v -- '-DCMALINT_WERROR=ON')"
check_match "Release compiled" "^cmake -S \. -B build-test-release .*-DCMAKE_BUILD_TYPE=Release" "$(cat "$TMP/log")"
check_match "Debug compiled" "^cmake -S \. -B build-test-debug .*-DCMAKE_BUILD_TYPE=Debug" "$(cat "$TMP/log")"
check_match "clang compiled" "^cmake -S \. -B build-test-clang .*-DCMAKE_C_COMPILER=clang" "$(cat "$TMP/log")"
check_match "sanitizer build" "^cmake -S \. -B build-test-sanitize .*-DCMALINT_SANITIZE=ON" "$(cat "$TMP/log")"
check "ctest fails when it finds no test" 2 "$(grep -c '^ctest .*--no-tests=error' "$TMP/log")"
check "fuzz smoke run, 5 s per target" "fuzz --smoke 5" "$(grep -- '--smoke' "$TMP/log")"

# --- failed sanitizer tests, no clang: counted, exit 1, the skipped phases named
rm "$R/bin/clang"
run CTEST_MODE=fail
check "failed tests: exit 1" 1 "$rc"
check "failed tests counted from ctest's summary" "cmalint: 80 passed, 2 failed" "$(tail -1 "$TMP/out")"
check_match "fuzz smoke run skipped, and why" "fuzz smoke run skipped: clang is not installed" "$(cat "$TMP/out")"
check_match "clang compile skipped, and why" "compile with clang skipped: clang is not installed" "$(cat "$TMP/out")"
check "no fuzz run without clang" "" "$(grep -- '--smoke' "$TMP/log")"

# --- a failed build, ctest finding no test, a failed fuzz target: later phases still run
ln -s ../stubs/clang "$R/bin/clang"
run BUILD_FAIL=build-test CTEST_MODE=none FUZZ_FAIL=1
check "failures: exit 1" 1 "$rc"
check "a failed build, no tests found and a failed fuzz target are failures" \
	"cmalint: 5 passed, 3 failed" "$(tail -1 "$TMP/out")"
check_match "the failed build's tests are skipped, and why" "the build failed, its tests are skipped" "$(cat "$TMP/out")"
check_match "the build's error is shown" "lint/x.c:1:1: error: something" "$(cat "$TMP/out")"
check "the plain build's tests not run" "" "$(grep -E '^ctest --test-dir build-test ' "$TMP/log")"
check_match "the sanitizer suite still runs" "^ctest --test-dir build-test-sanitize " "$(cat "$TMP/log")"
check_match "the fuzz smoke run still runs" "^fuzz --smoke" "$(cat "$TMP/log")"

# --- CMALINT_TEST_FUZZ_SECONDS
run CMALINT_TEST_FUZZ_SECONDS=0
check_match "fuzz smoke run skipped on request, and why" "fuzz smoke run skipped: CMALINT_TEST_FUZZ_SECONDS=0" \
	"$(cat "$TMP/out")"
check "skipped on request: no fuzz run" "" "$(grep -- '--smoke' "$TMP/log")"
run CMALINT_TEST_FUZZ_SECONDS=2
check "fuzz seconds passed on" "fuzz --smoke 2" "$(grep -- '--smoke' "$TMP/log")"

finish
