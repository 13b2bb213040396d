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

# --- the content decides between DTB and DTS, not the file name
prof=(--kernel 6.12 --arch arm64 --page-size 4K --cma-size-mbytes 32)
bad=fixtures/cma_alignment/bad-1mib-zynqmp.dts
dtc -q -I dts -O dtb -o "$TMP/board.dtb" "$bad"
# findings: "rule node" per line, sorted
findings() { python3 2>/dev/null -c 'import json,sys; print("\n".join(sorted(f["rule"] + " " + f["node"] for f in json.load(open(sys.argv[1]))["boards"][0]["findings"])))' "$1"; }
"$bin" "${prof[@]}" --format json "$TMP/board.dtb" >"$TMP/ref.json"
check "reference DTB exit" 1 "$?"
cp "$TMP/board.dtb" "$TMP/dtb-named.dts"
"$bin" "${prof[@]}" --format json "$TMP/dtb-named.dts" >"$TMP/out.json" 2>"$TMP/err"
check "DTB named .dts: exit" 1 "$?"
check "DTB named .dts: stderr" "" "$(cat "$TMP/err")"
check "DTB named .dts: the DTB's findings" "$(findings "$TMP/ref.json")" "$(findings "$TMP/out.json")"
cp "$bad" "$TMP/dts-named.dtb"
"$bin" "${prof[@]}" --format gcc "$TMP/dts-named.dtb" >"$TMP/out" 2>"$TMP/err"
check "DTS named .dtb: exit" 1 "$?"
check "DTS named .dtb: stderr" "" "$(cat "$TMP/err")"
check_match "DTS named .dtb: compiled, with source lines" "^$TMP/dts-named.dtb:[0-9]+:[0-9]+: error: .*\[cma_alignment\]" "$(cat "$TMP/out")"
printf 'these are notes, not a board\n' >"$TMP/notes.dtb"
"$bin" "$TMP/notes.dtb" >"$TMP/out" 2>"$TMP/err"
check "text named .dtb: exit" 2 "$?"
check "text named .dtb: one line naming the file and why" \
	"cmalint: '$TMP/notes.dtb': bad magic: not a device-tree blob, nor device-tree source (no /dts-v1/ tag or #include)" \
	"$(cat "$TMP/err")"
# overlays likewise: a compiled overlay named .dtso, a source overlay named .dtbo
ov=fixtures/bsp/overlay
dtc -q -I dts -O dtb -o "$TMP/compiled.dtso" "$ov/cma-misaligned.dtso"
cp "$ov/cma-misaligned.dtso" "$TMP/source.dtbo"
for o in "$TMP/compiled.dtso" "$TMP/source.dtbo"; do
	"$bin" "${prof[@]}" --format json --overlay "$o" "$ov/base.dts" >"$TMP/out.json" 2>"$TMP/err"
	rc=$?
	check "overlay $(basename "$o"): exit" 1 "$rc"
	check "overlay $(basename "$o"): stderr" "" "$(cat "$TMP/err")"
	check_match "overlay $(basename "$o"): applied" "cma_alignment /reserved-memory/linux,cma" "$(findings "$TMP/out.json")"
done

# --- '-': a DTB or a DTS on standard input, reported as <stdin>
"$bin" "${prof[@]}" --format json - <"$TMP/board.dtb" >"$TMP/out.json" 2>"$TMP/err"
check "DTB on stdin: exit" 1 "$?"
check "DTB on stdin: stderr" "" "$(cat "$TMP/err")"
check "DTB on stdin: reported as <stdin>" '"<stdin>"' "$(jget "$TMP/out.json" 'd["boards"][0]["input"]')"
check "DTB on stdin: the file's findings" "$(findings "$TMP/ref.json")" "$(findings "$TMP/out.json")"
"$bin" "${prof[@]}" --format gcc - <"$bad" >"$TMP/out" 2>"$TMP/err"
check "DTS on stdin: exit" 1 "$?"
check "DTS on stdin: stderr" "" "$(cat "$TMP/err")"
check_match "DTS on stdin: located lines of <stdin>" "^<stdin>:[0-9]+:[0-9]+: error: .*\[cma_alignment\]" "$(cat "$TMP/out")"
"$bin" "${prof[@]}" --format json "$TMP/board.dtb" - <"$bad" >"$TMP/out.json" 2>"$TMP/err"
check "stdin beside a file: exit" 1 "$?"
check "stdin beside a file: both boards" "[\"$TMP/board.dtb\", \"<stdin>\"]" "$(jget "$TMP/out.json" '[b["input"] for b in d["boards"]]')"
printf '/dts-v1/;\n/ {\n\tfoo = <1 ;\n};\n' | "$bin" - >"$TMP/out" 2>"$TMP/err"
check "broken DTS on stdin: exit" 2 "$?"
check_match "broken DTS on stdin: one line naming <stdin>" "^cmalint: cannot compile '<stdin>': <stdin>:3" "$(cat "$TMP/err")"
check "broken DTS on stdin: one line" 1 "$(wc -l <"$TMP/err")"
"$bin" - </dev/null >"$TMP/out" 2>"$TMP/err"
check "empty stdin: exit" 2 "$?"
check "empty stdin: one line" "cmalint: '<stdin>' is empty: not a device-tree blob" "$(cat "$TMP/err")"
head -c 100 "$TMP/board.dtb" | "$bin" - >"$TMP/out" 2>"$TMP/err"
check "truncated DTB on stdin: exit" 2 "$?"
check_match "truncated DTB on stdin: one line" "^cmalint: '<stdin>': the file is truncated: the header says [0-9]+ bytes, the file has 100$" "$(cat "$TMP/err")"
usage "stdin twice" - - <"$bad"

# --- --overlay with a board (no fragments, no fixups) is a usage error naming the file
for o in "$ov/base.dts" "$TMP/board.dtb"; do
	usage "board $(basename "$o") as --overlay" --overlay "$o" "$ov/base.dts"
	check_match "board $(basename "$o") as --overlay: says it is not an overlay" \
		"^cmalint: --overlay '$o' is not an overlay: " "$(cat "$TMP/err")"
done
# a real overlay still goes through, before and after a board given as one
usage "overlay then board as --overlay" --overlay "$ov/cma-misaligned.dtso" --overlay "$TMP/board.dtb" "$ov/base.dts"

# --- --ram: a repeated or overlapping bank is a usage error naming both; adjacent banks add up
usage "--ram twice" --ram 2G@0x80000000 --ram 2G@0x80000000 "$src"
check "--ram twice: names both banks" \
	"cmalint: --ram '2G@0x80000000' and --ram '2G@0x80000000' overlap by 2 GiB from 0x80000000: give each bank once (see 'cmalint --help')" \
	"$(cat "$TMP/err")"
usage "--ram overlapping" --ram 2G@0x80000000 --ram 1G@0xc0000000 "$src"
check_match "--ram overlapping: names both banks" "--ram '2G@0x80000000' and --ram '1G@0xc0000000' overlap by 1 GiB from 0xc0000000" "$(cat "$TMP/err")"
usage "--ram overlapping by a byte" --ram 2G --ram 1G@0x7fffffff "$src"
"$bin" --format json --ram 2G@0x80000000 --ram 2G@0x100000000 "$src" >"$TMP/out.json" 2>"$TMP/err"
check "--ram adjacent: accepted" "" "$(cat "$TMP/err")"
check "--ram adjacent: both banks" "4294967296" "$(jget "$TMP/out.json" 'd["boards"][0]["memory"]["ram_bytes"]')"

# --- an #include <...> cpp cannot find without -I: one line, one hint naming -I
printf '/dts-v1/;\n#include <dt-bindings/gpio/gpio.h>\n/ { };\n' >"$TMP/kinc.dts"
"$bin" "$TMP/kinc.dts" >"$TMP/out" 2>"$TMP/err"
check "missing dt-bindings: exit" 2 "$?"
check "missing dt-bindings: one line" 1 "$(wc -l <"$TMP/err")"
check_match "missing dt-bindings: cpp's message, then the -I hint" \
	"^cmalint: cannot preprocess '$TMP/kinc.dts': $TMP/kinc.dts:2:[0-9]+: .*dt-bindings/gpio/gpio.h \(pass the directory holding dt-bindings/ with -I DIR: the kernel's include/ or scripts/dtc/include-prefixes\)$" \
	"$(cat "$TMP/err")"
printf '/dts-v1/;\n#include <vendor/pools.h>\n/ { };\n' >"$TMP/vinc.dts"
"$bin" "$TMP/vinc.dts" >"$TMP/out" 2>"$TMP/err"
check "missing <vendor/...>: exit" 2 "$?"
check_match "missing <vendor/...>: hint names vendor/ and -I" "vendor/pools.h \(pass the directory holding vendor/ with -I DIR\)$" "$(cat "$TMP/err")"
# through an include of the board, as the kernel's .dtsi files do: the same hint, still one line
"$bin" fixtures/bsp/board.dts >"$TMP/out" 2>"$TMP/err"
check "missing header in a .dtsi: one line" 1 "$(wc -l <"$TMP/err")"
check "missing header in a .dtsi: one hint" 1 "$(grep -o "(pass the directory" "$TMP/err" | wc -l)"
# with -I the directory was given: cpp's message alone
"$bin" -I fixtures/bsp/include "$TMP/kinc.dts" >"$TMP/out" 2>"$TMP/err"
check_nomatch "with -I: no hint" "pass the directory" "$(cat "$TMP/err")"

finish
