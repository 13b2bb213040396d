#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Baselines: --write-baseline records findings by rule, board, node and
# property (never by line), --baseline hides them, stale entries are
# reported, malformed files are refused.
BIN=$(realpath "$1")
SRC=$(pwd)
. "$(dirname "$0")/testlib.sh"

cd "$TMP"
mkdir -p .git
cp "$SRC/fixtures/config/acme-a.dts" "$SRC/fixtures/config/acme-b.dts" .
OPTS="--no-config --kernel 6.12 --arch arm64 --page-size 4K"
run() { "$BIN" $OPTS "$@" >out 2>err; echo $? >rc; }

# --- write
run --write-baseline bl.json acme-a.dts acme-b.dts
check "write: findings hidden, exit 0" 0 "$(cat rc)"
check "write: format" '[1, ["board", "message", "node", "property", "rule"]]' \
	"$(jget bl.json "[d['version'], sorted(set(k for e in d['findings'] for k in e))]")"
check "write: entries" '[["acme-a.dts", "cma_ratio", "/reserved-memory/linux,cma", "reg"], ["acme-a.dts", "coherent_pool_nomap", "/reserved-memory/pool@50000000", null], ["acme-b.dts", "rmem_unknown_property", "/reserved-memory/linux,cma", "inactive"]]' \
	"$(jget bl.json "[[e['board'], e['rule'], e['node'], e['property']] for e in d['findings']]")"
cp bl.json bl-first.json
run --write-baseline bl.json acme-b.dts acme-a.dts
check "write: deterministic and sorted whatever the input order" "" "$(cmp bl.json bl-first.json 2>&1)"
run --write-baseline ./bl-dot.json ./acme-a.dts
check "write: board key drops ./" '"acme-a.dts"' "$(jget bl-dot.json "d['findings'][0]['board']")"

# --- apply
run --format json --baseline bl.json acme-a.dts acme-b.dts
check "apply: everything hidden" '[[], []]' "$(jget out "[b['findings'] for b in d['boards']]")"
check "apply: counts" '[2, 1]' "$(jget out "[b['summary']['baselined'] for b in d['boards']]")"
check "apply: exit 0" 0 "$(cat rc)"
run --format json --baseline bl.json -E coherent_pool_nomap acme-a.dts
check "apply: a change of severity keeps the key" '[]' "$(jget out "d['boards'][0]['findings']")"

# A finding the baseline does not accept still shows and fails.
python3 - <<'P'
import json
d = json.load(open('bl.json'))
d['findings'] = [e for e in d['findings'] if e['rule'] != 'coherent_pool_nomap']
json.dump(d, open('bl-partial.json', 'w'))
P
run --format json --baseline bl-partial.json -E coherent_pool_nomap acme-a.dts
check "apply: new finding reported" '["coherent_pool_nomap"]' "$(jget out "[f['rule'] for f in d['boards'][0]['findings']]")"
check "apply: new finding fails" 1 "$(cat rc)"

# Moving nodes around in the source does not change the keys.
{ printf '/* moved */\n\n\n\n'; cat acme-a.dts; } | sed 's/^\/dts-v1\/;$/\/dts-v1\/;\n\/\/ more lines\n/' > moved.dts
mkdir -p m && cp moved.dts m/acme-a.dts
(cd m && "$BIN" $OPTS --format json --baseline ../bl.json acme-a.dts > ../out)
check "apply: survives line moves" '[]' "$(jget out "d['boards'][0]['findings']")"

# DTB input: keyed by the .dtb path.
dtc -q -I dts -O dtb -o acme-a.dtb acme-a.dts
run --write-baseline bl-dtb.json acme-a.dtb
check "dtb: written by .dtb path" '["acme-a.dtb", "acme-a.dtb"]' "$(jget bl-dtb.json "[e['board'] for e in d['findings']]")"
run --format json --baseline bl-dtb.json acme-a.dtb
check "dtb: applied" '[]' "$(jget out "d['boards'][0]['findings']")"

# --- stale entries
python3 - <<'P'
import json
d = json.load(open('bl.json'))
d['findings'].append({"rule": "rmem_overlap", "board": "acme-a.dts", "node": "/reserved-memory/gone@0",
                      "property": None, "message": "an old overlap"})
d['findings'].append({"rule": "rmem_overlap", "board": "elsewhere.dts", "node": "/x", "property": None,
                      "message": "a board not in the run"})
json.dump(d, open('bl-stale.json', 'w'))
P
run --format json --baseline bl-stale.json acme-a.dts
check "stale: reported as info on its node" '[["baseline_stale", "info", "/reserved-memory/gone@0"]]' \
	"$(jget out "[[f['rule'], f['severity'], f['node']] for f in d['boards'][0]['findings']]")"
check "stale: counted" 1 "$(jget out "d['boards'][0]['summary']['baseline_stale']")"
check "stale: info does not fail" 0 "$(cat rc)"
run --baseline bl-stale.json acme-a.dts
check_match "stale: text summary line" "^acme-a.dts: baseline: 2 findings hidden, 1 stale entry \(write the baseline again to drop them\)$" "$(cat out)"
check_match "stale: message" "baseline 'bl-stale.json' accepts a 'rmem_overlap' finding that is gone \(was: an old overlap\)" "$(cat out)"
run --baseline bl-stale.json --write-baseline bl-new.json acme-a.dts
check "rewrite drops stale entries" '["cma_ratio", "coherent_pool_nomap"]' "$(jget bl-new.json "[e['rule'] for e in d['findings']]")"
check_nomatch "rewrite: no stale finding" "baseline_stale" "$(cat out)"

# --- malformed
expect_bad() {	# NAME FILE-CONTENT EXPECTED-STDERR
	printf '%s' "$2" > bad.json
	run --baseline bad.json acme-a.dts
	check "$1: exit 2" 2 "$(cat rc)"
	check "$1: message" "$3" "$(cat err)"
	check "$1: no report" "" "$(cat out)"
}
expect_bad "not JSON" '{"version": 1, "findings": [' \
	"cmalint: 'bad.json': not a baseline (expected a JSON object with \"version\" and \"findings\")"
expect_bad "wrong version" '{"version": 2, "findings": []}' "cmalint: 'bad.json': 'version' must be 1"
expect_bad "findings not a list" '{"version": 1, "findings": {}}' "cmalint: 'bad.json': 'findings' must be a list"
expect_bad "entry without rule" '{"version": 1, "findings": [{"board": "acme-a.dts"}]}' \
	"cmalint: 'bad.json': 'findings[0].rule' must be a non-empty string"
expect_bad "node of the wrong type" '{"version": 1, "findings": [{"rule": "x", "board": "b", "node": 3}]}' \
	"cmalint: 'bad.json': 'findings[0].node' must be a string"
run --baseline missing.json acme-a.dts
check "missing baseline: exit 2" 2 "$(cat rc)"
check_match "missing baseline: message" "^cmalint: 'missing.json': cannot read the baseline: No such file or directory$" "$(cat err)"
run --write-baseline no/such/dir/bl.json acme-a.dts
check "unwritable baseline: exit 2 and no report" "2:" "$(cat rc):$(cat out)"

finish
