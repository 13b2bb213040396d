#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The bash completion offers commands, options, rule ids, formats and input
# files, asking the cmalint being completed for rules and formats.
# Usage: tests/t-completion.sh path/to/cmalint
set -uo pipefail
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
src=$(cd "$(dirname "$0")/.." && pwd)
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*" >&2; fail=$((fail + 1)); }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# shellcheck source=../completion/cmalint.bash
. "$src/completion/cmalint.bash"
complete -p cmalint | grep -q -- '-F _cmalint' && ok || bad "no completion registered for cmalint"

# complete WORD... : complete the last word of "cmalint WORD...", suggestions in $got (sorted).
complete_line() {
	COMP_WORDS=("$bin" "$@")
	COMP_CWORD=$#
	COMP_LINE="${COMP_WORDS[*]}"
	COMP_POINT=${#COMP_LINE}
	COMPREPLY=()
	_cmalint
	got=$(printf '%s\n' "${COMPREPLY[@]}" | sed '/^$/d' | sort | tr '\n' ' ')
	got=${got% }
}
expect() {	# expect "WANTED" WORD...
	local want=$1
	shift
	complete_line "$@"
	[ "$got" = "$want" ] && ok || bad "cmalint $*<TAB>: got '$got', want '$want'"
}
expect_has() {	# expect_has WORD-THAT-MUST-BE-OFFERED WORD...
	local w=$1
	shift
	complete_line "$@"
	[[ " $got " == *" $w "* ]] && ok || bad "cmalint $*<TAB>: '$w' not in '$got'"
}

rules=$("$bin" rules | awk '{ print $1 }')
[ "$(wc -l <<<"$rules")" -ge 20 ] && ok || bad "'cmalint rules' lists too few rules"

# Rule ids, from `cmalint rules`.
expect "$(grep '^cma_' <<<"$rules" | sort | tr '\n' ' ' | sed 's/ $//')" explain cma_
expect "cma_alignment" -W cma_al
expect "no-cma_alignment" -W no-cma_al
expect "$(grep '^rmem_o' <<<"$rules" | sort | tr '\n' ' ' | sed 's/ $//')" -E rmem_o
expect "$(sort <<<"$rules" | tr '\n' ' ' | sed 's/ $//')" --kernel 5.4 -E ""
expect "" explain cma_alignment ""

# Values of options.
formats=$("$bin" --help | sed -n 's/^ *--format FMT *//p' | sed 's/([^)]*)//g; s/,/ /g' | tr ' ' '\n' | sed '/^$/d' | sort | tr '\n' ' ')
expect "${formats% }" --format ""
expect_has json --format ""
expect "error info never warning" --fail-on ""
expect "warning" --fail-on w
expect "arm arm64 riscv64 x86_64" --arch ""
expect "16K 4K 64K" --page-size ""
expect "64K" --page-size 6
expect "" --bootargs ""

# Options, from --help: every long option it prints is offered after "--".
complete_line --
for o in $("$bin" --help | grep -oE -- '--[a-z][a-z0-9-]*' | sort -u); do
	[[ " $got " == *" $o "* ]] && ok || bad "option $o not offered for 'cmalint --<TAB>'"
done
expect "--page-size" --page
expect "--fail-on --format" --f
expect_has -W -

# Commands and input files.
mkdir -p "$tmp/boards/sub"
touch "$tmp/boards/a.dts" "$tmp/boards/b.dtb" "$tmp/boards/notes.txt"
cd "$tmp/boards" || exit 1
expect "a.dts b.dtb check diff explain help oom rules runtime sub" ""
expect "rules runtime" r
expect "help" h
expect "check diff explain help oom rules runtime" help ""
expect "html json markdown text" diff --format ""
expect "oom" help o
expect "" help oom ""
expect "a.dts b.dtb sub" --kernel 6.1 ""
expect "a.dts b.dtb sub" check ""
expect "a.dts" a
expect "" rules ""
expect "a.dts b.dtb notes.txt sub" -o ""
expect "sub" -I ""

# Without a path, the cmalint on PATH is asked.
PATH="$(dirname "$bin"):$PATH"
COMP_WORDS=(cmalint -W cma_al)
COMP_CWORD=2
COMPREPLY=()
_cmalint
[ "${COMPREPLY[*]}" = "cma_alignment" ] && ok || bad "cmalint from PATH: got '${COMPREPLY[*]}'"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
