#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The command line itself: usage errors are one line with exactly one
# "(see ...)" hint and exit 2.
# Usage: tests/t-cli.sh path/to/cmalint
set -u
bin=$1
. "$(dirname "$0")/testlib.sh"
src=fixtures/oracle/c1-dyn128-default.dts

# usage NAME ARGS...: exit 2, one line on stderr with exactly one "(see '...')", nothing on stdout
usage() {
	local name=$1 rc
	shift
	"$bin" "$@" >"$TMP/out" 2>"$TMP/err"
	rc=$?
	check "$name: exit" 2 "$rc"
	check "$name: one line on stderr" 1 "$(wc -l <"$TMP/err")"
	check "$name: one hint" 1 "$(grep -o "(see '" "$TMP/err" | wc -l)"
	check "$name: nothing on stdout" 0 "$(wc -c <"$TMP/out")"
}

# --- usage errors: one line, one hint
usage "-W unknown rule" -W no_such_rule "$src"
usage "-W no-unknown rule" -W no-no_such_rule "$src"
usage "-E unknown rule" -E no_such_rule "$src"
check_match "-W names the rule and points at the list" "unknown rule 'no_such_rule' \(see 'cmalint rules'\)$" \
	"$("$bin" -W no_such_rule "$src" 2>&1)"
usage "unknown format" --format xml "$src"
usage "bad --kernel" --kernel banana "$src"
usage "unknown option" --no-such-option "$src"
usage "option without value" "$src" --kernel
usage "no input" --kernel 6.1
usage "-j out of range" -j 0 "$src"
usage "oom unknown format" oom --format xml fixtures/oom/e2000q-oom.log
usage "oom no input" oom
usage "oom unknown option" oom --bogus fixtures/oom/e2000q-oom.log
usage "runtime unknown option" runtime --bogus
usage "runtime stray argument" runtime stray
usage "rules with an argument" rules extra
usage "explain without a rule" explain
usage "explain unknown rule" explain no_such_rule

finish
