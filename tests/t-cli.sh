#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The command line itself: `cmalint help [COMMAND]` and --help after every
# command print usages; usage errors are one line with exactly one
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

# --- help: `cmalint help [COMMAND]`, and -h/--help after every command
"$bin" --help >"$TMP/main-help" 2>&1
check "--help exits 0" 0 "$?"
"$bin" help >"$TMP/help" 2>&1
check "'help' exits 0" 0 "$?"
check "'help' is --help" "$(cat "$TMP/main-help")" "$(cat "$TMP/help")"
check_match "--help lists the help command" "help \[COMMAND\]" "$(cat "$TMP/main-help")"
for cmd in check rules explain oom runtime help; do
	want="usage: cmalint $cmd"
	[ "$cmd" = check ] && want="usage: cmalint \[check\]"
	for form in "help $cmd" "$cmd --help" "$cmd -h"; do
		# shellcheck disable=SC2086
		"$bin" $form >"$TMP/out" 2>"$TMP/err"
		check "'$form' exits 0" 0 "$?"
		check_match "'$form' prints the usage of $cmd" "^$want" "$(head -1 "$TMP/out")"
		check "'$form' is quiet on stderr" "" "$(cat "$TMP/err")"
	done
done
# --help after other arguments still wins
for form in "explain cma_alignment --help" "oom fixtures/oom/e2000q-oom.log --help" "$src --help"; do
	# shellcheck disable=SC2086
	"$bin" $form >"$TMP/out" 2>&1
	check "'$form' exits 0" 0 "$?"
	check_match "'$form' prints a usage" "^usage: cmalint" "$(head -1 "$TMP/out")"
done
usage "help for an unknown command" help no_such_command
usage "help with two commands" help oom rules
check_match "help names the unknown command" "unknown command 'no_such_command'" \
	"$("$bin" help no_such_command 2>&1)"

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
