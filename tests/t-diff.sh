#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# cmalint diff: regions added, removed, resized, moved or changing status,
# CMA and headroom deltas, new and fixed findings in every format, the exit
# status from the new findings alone, trees matched by path and REV:PATH.
BIN=$(realpath "$1")
SRC=$(pwd)
. "$(dirname "$0")/testlib.sh"

cd "$TMP"
mkdir -p .git
D=$SRC/fixtures/diff
OPTS="--no-config --kernel 6.12 --arch arm64 --page-size 4K --kernel-image 43M"
CO="$OPTS --min-headroom 1600M"

# --- text: a 64 MiB carve-out costs 64 MiB of headroom and brings one error
"$BIN" diff $CO "$D/carveout-before.dts" "$D/carveout-after.dts" > out 2> err; rc=$?
check "text: a new error fails" 1 "$rc"
check "text: nothing on stderr" "" "$(cat err)"
check_match "text: the carve-out added" "^  \+ '/reserved-memory/isp@74000000' added: no-map 64 MiB at 0x74000000, reserved$" "$(cat out)"
check_match "text: the CMA area moved" "^  ~ '/reserved-memory/linux,cma' moved 0x68000000 -> 0x64000000$" "$(cat out)"
check_match "text: headroom -64 MiB" "^  headroom: 1631 MiB -> 1567 MiB \(-64 MiB\)$" "$(cat out)"
check_match "text: CMA unchanged" "^  CMA total: 256 MiB -> 256 MiB \(0 bytes\)$" "$(cat out)"
check_match "text: the new error" "^  new error: non-CMA headroom is 1567 MiB, below the 1600 MiB minimum.*\[headroom_low\]$" "$(cat out)"
check_match "text: summary" "^1 of 1 board changed, 2 regions changed, CMA 0 bytes, headroom -64 MiB, 1 new finding \(1 error\), 0 fixed$" "$(cat out)"

# the other way round the error is fixed: nothing new, exit 0
"$BIN" diff $CO "$D/carveout-after.dts" "$D/carveout-before.dts" > out; rc=$?
check "reverse: a fixed error does not fail" 0 "$rc"
check_match "reverse: fixed error" "^  fixed error: .*\[headroom_low\]$" "$(cat out)"
check_match "reverse: removed, headroom back" "removed: no-map 64 MiB.*|headroom: 1567 MiB -> 1631 MiB \(\+64 MiB\)" "$(cat out)"

# an error both sides have is not new: raising the minimum makes both fail, the diff does not
"$BIN" diff $OPTS --min-headroom 1700M "$D/carveout-before.dts" "$D/carveout-after.dts" > out; rc=$?
check "an old error does not fail the diff" 0 "$rc"
check_match "an old error is neither new nor fixed" "0 new findings \(0 errors\), 0 fixed$" "$(cat out)"

# --fail-on, --exit-zero, -W/-E as for check
"$BIN" diff $CO --exit-zero "$D/carveout-before.dts" "$D/carveout-after.dts" > /dev/null; rc=$?
check "--exit-zero" 0 "$rc"
"$BIN" diff $CO --fail-on never "$D/carveout-before.dts" "$D/carveout-after.dts" > /dev/null; rc=$?
check "--fail-on never" 0 "$rc"
"$BIN" diff $CO -W no-headroom_low "$D/carveout-before.dts" "$D/carveout-after.dts" > out; rc=$?
check "-W no-RULE turns the new finding off" 0 "$rc"
"$BIN" diff $CO -W headroom_low "$D/carveout-before.dts" "$D/carveout-after.dts" > out; rc=$?
check "-W RULE: a new warning does not fail at error" 0 "$rc"
"$BIN" diff $CO -W headroom_low --fail-on warning "$D/carveout-before.dts" "$D/carveout-after.dts" > out; rc=$?
check "-W RULE --fail-on warning fails" 1 "$rc"

# resized, moved, status, fixed warning
"$BIN" diff $OPTS "$D/resize-before.dts" "$D/resize-after.dts" > out; rc=$?
check "resize: only a fixed finding" 0 "$rc"
check_match "resize: resized and moved" "^  ~ '/reserved-memory/linux,cma' resized 128 MiB -> 192 MiB; moved 0x70000000 -> 0x74000000$" "$(cat out)"
check_match "resize: status" "^  ~ '/reserved-memory/codec@68000000' status reserved -> disabled$" "$(cat out)"
check_match "resize: CMA +64 MiB" "^  CMA total: 128 MiB -> 192 MiB \(\+64 MiB\)$" "$(cat out)"
check_match "resize: fixed warning" "^  fixed warning: .*\[coherent_pool_nomap\]$" "$(cat out)"

# --- json
"$BIN" diff $CO --format json "$D/carveout-before.dts" "$D/carveout-after.dts" > out.json; rc=$?
check "json: exit status" 1 "$rc"
check "json: kind" '"diff"' "$(jget out.json 'd["kind"]')"
check "json: headroom delta" "-67108864" "$(jget out.json 'd["boards"][0]["headroom"]["delta"]')"
check "json: summary headroom delta" "-67108864" "$(jget out.json 'd["summary"]["headroom_delta"]')"
check "json: one new error" "1" "$(jget out.json 'd["summary"]["new_errors"]')"
check "json: the new finding" '["headroom_low", "error"]' \
	"$(jget out.json '[d["boards"][0]["new_findings"][0]["rule"], d["boards"][0]["new_findings"][0]["severity"]]')"
check "json: region changes" '[["/reserved-memory/linux,cma", ["moved"]], ["/reserved-memory/isp@74000000", ["added"]]]' \
	"$(jget out.json '[[r["name"], r["changes"]] for r in d["boards"][0]["regions"]]')"
check "json: an added region has no old side" "null" "$(jget out.json 'd["boards"][0]["regions"][1]["old"]')"
"$BIN" diff $CO --format json "$D/carveout-after.dts" "$D/carveout-before.dts" > rev.json
check "json: the same fingerprint new and fixed" \
	"$(jget out.json 'd["boards"][0]["new_findings"][0]["fingerprint"]')" \
	"$(jget rev.json 'd["boards"][0]["fixed_findings"][0]["fingerprint"]')"
if python3 -c 'import jsonschema' 2> /dev/null; then
	python3 - "$SRC/docs/diff.schema.json" out.json rev.json <<'PY' > schema.out 2>&1; rc=$?
import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
for p in sys.argv[2:]:
    jsonschema.validate(json.load(open(p)), schema)
PY
	check "json: valid against docs/diff.schema.json" 0 "$rc"
	[ "$rc" = 0 ] || cat schema.out
fi

# --- markdown
"$BIN" diff $CO --format markdown "$D/carveout-before.dts" "$D/carveout-after.dts" > out.md; rc=$?
check "markdown: exit status" 1 "$rc"
check "markdown: heading" "## cmalint diff" "$(head -1 out.md)"
check_match "markdown: headroom row" "^\| Non-CMA headroom \| -64 MiB \|$" "$(cat out.md)"
check_match "markdown: new findings row" "^\| New findings \| 1 \(1 error, 0 warnings\) \|$" "$(cat out.md)"
check_match "markdown: region table" "^\| [^|]*carveout-after.dts \| \`/reserved-memory/isp@74000000\` \| added: no-map 64 MiB at 0x74000000, reserved \|$" "$(cat out.md)"
check_match "markdown: the new error" "^- \*\*error\*\* \`headroom_low\` non-CMA headroom is 1567 MiB" "$(cat out.md)"

# --- html: both maps, side by side
"$BIN" diff $CO --format html -o out.html "$D/carveout-before.dts" "$D/carveout-after.dts"; rc=$?
check "html: exit status" 1 "$rc"
check "html: two maps" 2 "$(grep -o '<svg' out.html | wc -l)"
check "html: two sides" 2 "$(grep -o 'class="side"' out.html | wc -l)"
check_match "html: summary" '<p id="summary">1 of 1 board changed.*headroom -64 MiB' "$(cat out.html)"

# --- trees: boards matched by path, one added
mkdir -p old/a new/a
cp "$D/carveout-before.dts" old/a/board.dts
cp "$D/carveout-after.dts" new/a/board.dts
cp "$D/resize-before.dts" old/same.dts
cp "$D/resize-before.dts" new/same.dts
cp "$D/resize-after.dts" new/extra.dts
"$BIN" diff $CO -j 2 old new > out; rc=$?
check "trees: exit status" 1 "$rc"
check_match "trees: matched by relative path" "^a/board.dts:$" "$(cat out)"
check_match "trees: a new board" "^extra.dts: board added$" "$(cat out)"
check_nomatch "trees: an unchanged board is not listed" "^same.dts" "$(cat out)"
check_match "trees: summary" "^2 of 3 boards changed" "$(cat out)"
"$BIN" diff $CO -j 1 old new > out1
check "trees: the same with -j 1" "$(cat out)" "$(cat out1)"

# --- REV:PATH: a .dts with an include, both from their revision
mkdir repo && cd repo
git init -q . && git config user.email t@example.com && git config user.name t
mkdir inc
sed -n '/^\tmemory@/p' "$D/carveout-before.dts" > inc/mem.dtsi
sed 's|^\tmemory@.*|#include "mem.dtsi"|' "$D/carveout-before.dts" > board.dts
git add -A && git commit -qm one
sed 's|^\tmemory@.*|#include "mem.dtsi"|' "$D/carveout-after.dts" > board.dts
git commit -qam two
printf '\tchanged { };\n' > inc/mem.dtsi	# the working tree's include must not be read
"$BIN" diff $CO -I inc HEAD~1:board.dts HEAD:board.dts > out 2> err; rc=$?
check "rev: exit status" 1 "$rc"
check_match "rev: headroom -64 MiB" "headroom: 1631 MiB -> 1567 MiB \(-64 MiB\)" "$(cat out)"
check_match "rev: named by revision" "^cmalint diff HEAD~1:board.dts -> HEAD:board.dts$" "$(cat out)"
# a tree at a revision against the working tree, boards matched below each
mkdir -p t/x && cp "$D/carveout-before.dts" t/x/board.dts && cp "$D/resize-before.dts" t/r.dts
git add -A && git commit -qm three
cp "$D/carveout-after.dts" t/x/board.dts
"$BIN" diff $CO HEAD:t t/ > out 2> err; rc=$?
check "rev tree: exit status" 1 "$rc"
check_match "rev tree: matched below the trees" "^x/board.dts:$" "$(cat out)"
check_match "rev tree: summary" "^1 of 2 boards changed, 2 regions changed, CMA 0 bytes, headroom -64 MiB" "$(cat out)"
"$BIN" diff $CO nosuchrev:board.dts HEAD:board.dts > out 2> err; rc=$?
check "rev: unknown revision" 2 "$rc"
check_match "rev: one line" "^cmalint: 'nosuchrev:board.dts' is neither a file nor REV:PATH" "$(cat err)"
"$BIN" diff $CO HEAD:nothere.dts HEAD:board.dts > out 2> err; rc=$?
check "rev: missing path" 2 "$rc"
cd ..

# --- usage
"$BIN" diff $CO "$D/carveout-before.dts" > out 2> err; rc=$?
check "one input is a usage error" 2 "$rc"
check_match "usage: message" "^cmalint: diff takes two inputs, OLD and NEW \(1 given\)" "$(cat err)"
"$BIN" diff --format sarif a b 2> err; rc=$?
check "unknown format" 2 "$rc"
"$BIN" diff $CO old "$D/carveout-after.dts" 2> err; rc=$?
check "a tree against a board" 2 "$rc"
"$BIN" diff $CO nothere.dts "$D/carveout-after.dts" > out 2> err; rc=$?
check "missing input" 2 "$rc"
check "missing input: nothing on stdout" "" "$(cat out)"
"$BIN" diff --help > out; rc=$?
check "--help" 0 "$rc"
check_match "--help: usage" "^usage: cmalint diff \[OPTIONS\] OLD NEW$" "$(cat out)"
"$BIN" help diff > out2
check "help diff" "$(cat out)" "$(cat out2)"

finish
