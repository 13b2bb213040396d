#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# File names reach cpp and dtc through an argument vector, never a shell:
# names with spaces, quotes, '$', ';' and a leading '-' work for DTS and DTB
# input, -I directories and -o, and a name that looks like shell code runs
# nothing.
set -euo pipefail
bin=$(realpath "$1")
tmp=$(mktemp -d /tmp/cmalint-paths.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
src=fixtures/cma_zone_straddle/bad-4g-boundary.dts

dir="$tmp/dir with 'quotes' and \"double\" \$HOME; touch pwned"
mkdir -p "$dir/inc lude"
cat >"$dir/inc lude/pool's.dtsi" <<'DTSI'
/ { reserved-memory { #address-cells = <2>; #size-cells = <2>; ranges;
	extra@50000000 { reg = <0x0 0x50000000 0x0 0x100000>; no-map; }; }; };
DTSI
printf '#include "pool'"'"'s.dtsi"\n' >"$dir/incl.dts.in"

fail=0
expect() {	# DESCRIPTION STATUS ARGS...: cmalint exits STATUS and names the input
	local what=$1 want=$2 rc=0
	shift 2
	(cd "$tmp" && "$bin" "$@") >"$tmp/out" 2>"$tmp/err" || rc=$?
	if [ "$rc" -ne "$want" ]; then
		echo "FAIL: $what: exit $rc, expected $want"; cat "$tmp/err"; fail=1
	else
		echo "ok: $what"
	fi
}

# DTS inputs with awkward names, relative and absolute
for name in "-leading-dash.dts" "--bootargs=cma=1G.dts" "with space.dts" "it's \"quoted\".dts" \
	    "\$(touch pwned).dts" "semi;colon&amp.dts"; do
	cp "$src" "$dir/$name"
	cp "$src" "$tmp/$name"
	expect "DTS '$name' (absolute)" 1 --format json "$dir/$name"
	grep -qF 'cma_zone_straddle' "$tmp/out" || { echo "FAIL: '$name': the rule did not fire"; fail=1; }
	expect "DTS '$name' (relative, after --)" 1 -- "$name"
done

# A DTS that includes through -I with a space and a quote in the directory
cat "$src" "$dir/incl.dts.in" >"$dir/-incl.dts"
expect "-I 'dir with spaces'" 1 --format json -I "$dir/inc lude" -- "$dir/-incl.dts"
grep -qF '/reserved-memory/extra@50000000' "$tmp/out" || { echo "FAIL: the include was not read"; fail=1; }

# DTB input named like an option, and -o to an awkward name
dtc -q -I dts -O dtb -o "$tmp/-x y.dtb" "$src"
expect "DTB '-x y.dtb' after --" 1 --format json -o "$dir/out put's.json" -- "-x y.dtb"
python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$dir/out put's.json" || fail=1

# `cmalint oom` with the same kinds of names
cp fixtures/oom/e2000q-oom.log "$tmp/-oom log's.txt"
expect "oom '-oom log's.txt' after --" 1 oom -- "-oom log's.txt"

# nothing the names spell out was run
if [ -e "$tmp/pwned" ] || [ -e "$dir/pwned" ] || [ -e pwned ]; then
	echo "FAIL: a file name was run as shell code"; fail=1
fi
exit $fail
