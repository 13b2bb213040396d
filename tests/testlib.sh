# SPDX-License-Identifier: MIT
# Helpers for the tests/t-*.sh scripts: source it, then call check/finish.
# Each check prints "ok"/"FAIL" with a name; finish prints the count line
# and fails the script when any check failed.
set -u
passed=0
failed=0
TMP=$(mktemp -d /tmp/cmalint-t.XXXXXX)
trap 'rm -rf "$TMP"' EXIT

ok() { passed=$((passed + 1)); echo "ok   $1"; }
bad() { failed=$((failed + 1)); echo "FAIL $1"; shift; for l in "$@"; do echo "     $l"; done; }

# check NAME EXPECTED ACTUAL
check() {
	if [ "$2" = "$3" ]; then ok "$1"; else bad "$1" "expected: $2" "actual:   $3"; fi
}

# check_match NAME REGEX ACTUAL
check_match() {
	if printf '%s\n' "$3" | grep -Eq -- "$2"; then ok "$1"; else bad "$1" "no match for: $2" "in: $3"; fi
}

# check_nomatch NAME REGEX ACTUAL
check_nomatch() {
	if printf '%s\n' "$3" | grep -Eq -- "$2"; then bad "$1" "unexpected match for: $2" "in: $3"; else ok "$1"; fi
}

# jq-like: jget FILE EXPR evaluates a Python expression over the document d.
jget() {
	python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(json.dumps(eval(sys.argv[2])))' "$1" "$2"
}

# The fixture sweeps take every SAMPLE-th fixture: CMALINT_TEST_SAMPLE, else what
# the build sets (CMALINT_TEST_SAMPLE_DEFAULT: 4 under the sanitizers), else 1.
SAMPLE=${CMALINT_TEST_SAMPLE:-${CMALINT_TEST_SAMPLE_DEFAULT:-1}}
case $SAMPLE in
'' | *[!0-9]* | 0) echo "CMALINT_TEST_SAMPLE must be a positive whole number, not '$SAMPLE'" >&2; exit 2 ;;
esac

# sample: the lines of standard input, every SAMPLE-th from the first
sample() {
	awk -v n="$SAMPLE" '(NR - 1) % n == 0'
}

finish() {
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
}

# stub_cmake DIR: a cmake in DIR that logs its arguments to $STUB_LOG and, for
# "cmake --build DIR", "builds" the tested binary by linking $REAL_BIN there.
stub_cmake() {
	mkdir -p "$1"
	cat > "$1/cmake" <<'S'
#!/usr/bin/env bash
echo "cmake $*" >> "$STUB_LOG"
case $1 in
-S) mkdir -p "$4" ;;
--build) ln -sf "$REAL_BIN" "$2/cmalint" ;;
esac
S
	chmod +x "$1/cmake"
}
